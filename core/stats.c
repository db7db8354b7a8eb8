/* stats.c: the one-line summary of a run printed on exit. */
#include <winnow/runner.h>

char *
wn_run_stats_to_string(const WnRunStats *stats)
{
  const double mb = stats->bytes_in / 1e6;
  /* A run of no measurable length reports rates of zero, not infinity. */
  const double secs = stats->seconds > 1e-6 ? stats->seconds : 0;
  const double docs_per_s = secs > 0 ? stats->n_documents / secs : 0;
  const double mb_per_s = secs > 0 ? mb / secs : 0;
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%" G_GUINT64_FORMAT " document%s, %" G_GUINT64_FORMAT " error%s",
                         stats->n_documents, stats->n_documents == 1 ? "" : "s", stats->n_errors,
                         stats->n_errors == 1 ? "" : "s");
  if (stats->n_groups > 0 || stats->n_group_errors > 0)
    g_string_append_printf(s, ", %" G_GUINT64_FORMAT " group%s", stats->n_groups,
                           stats->n_groups == 1 ? "" : "s");
  if (stats->n_group_errors > 0)
    g_string_append_printf(s, " (%" G_GUINT64_FORMAT " failed)", stats->n_group_errors);
  if (stats->n_repairs > 0)
    g_string_append_printf(s, ", %" G_GUINT64_FORMAT " invalid UTF-8 sequence%s repaired",
                           stats->n_repairs, stats->n_repairs == 1 ? "" : "s");
  g_string_append_printf(s, ", %.1f MB in %.2f s (%.0f docs/s, %.1f MB/s)", mb, stats->seconds,
                         docs_per_s, mb_per_s);
  return g_string_free(s, FALSE);
}
