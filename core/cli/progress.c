/* progress.c: the progress line `winnow run` draws on a terminal. */
#include <stdio.h>

#include "run-output.h"

/* Redrawing more often than this only flickers and costs time. */
#define REDRAW_INTERVAL_US 250000

void
wn_progress_show(const WnRunStats *stats, gboolean done, gpointer user_data)
{
  static gint64 last_draw;
  static gboolean drawn;
  if (done) {
    if (drawn)
      fputs("\r\033[K", stderr); /* the summary line takes its place */
    drawn = FALSE;
    return;
  }
  gint64 now = g_get_monotonic_time();
  if (drawn && now - last_draw < REDRAW_INTERVAL_US)
    return;
  last_draw = now;
  drawn = TRUE;
  const double mb = stats->bytes_in / 1e6;
  const double rate = stats->seconds > 0 ? mb / stats->seconds : 0;
  GString *line = g_string_new("\r\033[K");
  g_string_append_printf(line, "%" G_GUINT64_FORMAT " documents, %" G_GUINT64_FORMAT " errors, ",
                         stats->n_documents, stats->n_errors);
  if (stats->bytes_total > 0) {
    const double total = stats->bytes_total / 1e6;
    g_string_append_printf(line, "%.1f of %.1f MB (%.0f%%), %.1f MB/s", mb, total,
                           total > 0 ? 100.0 * mb / total : 100.0, rate);
    if (rate > 0 && total > mb) {
      guint eta = (guint)((total - mb) / rate + 0.5);
      g_string_append_printf(line, ", ETA %u:%02u", eta / 60, eta % 60);
    }
  } else {
    g_string_append_printf(line, "%.1f MB, %.1f MB/s", mb, rate);
  }
  fputs(line->str, stderr);
  fflush(stderr);
  g_string_free(line, TRUE);
}
