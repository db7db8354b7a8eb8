/* speed.c: the summarizer's throughput, MB of input text per CPU second on one
 * core, on single articles and on whole clusters (groups).
 *
 *   summarize-speed [--method NAME] [--words N] [--repeat R] FILE...
 *
 * FILEs: JSON Lines of clusters ({"documents": [...]}) or documents
 * ({"text": ...}), or plain-text files (one article each). Sentences are split
 * beforehand (the bench's plain splitter, not timed): this measures the
 * summarizer alone. Prints the median of R runs. */
#include "corpus.h"
#include "summarize.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double
cpu_seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void
to_input(const BenchCluster *cl, guint first, guint n, WnSumDoc *docs)
{
  for (guint d = 0; d < n; d++) {
    const BenchDoc *bd = g_ptr_array_index(cl->docs, first + d);
    docs[d] = (WnSumDoc){
        bd->id, bd->text, bd->len, (const WnSpan *)bd->sentences->data, bd->sentences->len,
        NULL,   0,        NULL};
  }
}

/* One pass; returns MB/s. `grouped`: each cluster at once, else each document. */
static double
run(GPtrArray *clusters, const WnSumConfig *cfg, gboolean grouped, guint64 *bytes_out)
{
  guint64 bytes = 0;
  const double t0 = cpu_seconds();
  for (guint c = 0; c < clusters->len; c++) {
    const BenchCluster *cl = g_ptr_array_index(clusters, c);
    WnSumDoc docs[cl->docs->len > 0 ? cl->docs->len : 1];
    to_input(cl, 0, cl->docs->len, docs);
    for (guint d = 0; d < cl->docs->len; d++)
      bytes += docs[d].len;
    if (grouped) {
      GArray *picks = wn_summarize(cfg, docs, cl->docs->len, NULL, NULL);
      g_array_free(picks, TRUE);
    } else {
      for (guint d = 0; d < cl->docs->len; d++) {
        GArray *picks = wn_summarize(cfg, &docs[d], 1, NULL, NULL);
        g_array_free(picks, TRUE);
      }
    }
  }
  const double t = cpu_seconds() - t0;
  *bytes_out = bytes;
  return bytes / 1e6 / (t > 0 ? t : 1e-9);
}

int
main(int argc, char **argv)
{
  g_autofree char *method = NULL;
  int words = 0, repeat = 5;
  const GOptionEntry entries[] = {
      {"method", 0, 0, G_OPTION_ARG_STRING, &method, "Method (default salience)", "NAME"},
      {"words", 0, 0, G_OPTION_ARG_INT, &words, "Words budget (default: 3 sentences)", "N"},
      {"repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs; the median is printed", "R"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("FILE... - summarizer MB/s per core");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc < 2 || repeat < 1) {
    fprintf(stderr, "usage: summarize-speed [--method NAME] [--words N] [--repeat R] FILE...\n");
    return 2;
  }
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func(bench_cluster_free);
  for (int i = 1; i < argc; i++) {
    if (g_str_has_suffix(argv[i], ".jsonl")) {
      GPtrArray *more = bench_load_jsonl(argv[i], &error);
      if (more == NULL) {
        fprintf(stderr, "%s\n", error->message);
        return 3;
      }
      for (guint k = 0; k < more->len; k++)
        g_ptr_array_add(clusters, g_steal_pointer(&more->pdata[k]));
      g_ptr_array_set_free_func(more, NULL);
      g_ptr_array_free(more, TRUE);
    } else {
      BenchCluster *cl = bench_load_text(argv[i], &error);
      if (cl == NULL) {
        fprintf(stderr, "%s\n", error->message);
        return 3;
      }
      g_ptr_array_add(clusters, cl);
    }
  }
  guint n_docs = 0;
  for (guint c = 0; c < clusters->len; c++) {
    BenchCluster *cl = g_ptr_array_index(clusters, c);
    for (guint d = 0; d < cl->docs->len; d++, n_docs++)
      bench_split_simple(g_ptr_array_index(cl->docs, d));
  }
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  g_autoptr(WnSumCachePool) pool = wn_sum_cache_pool_new(); /* as the stage has */
  cfg.pool = pool;
  if (method != NULL && !wn_sum_method_from_string(method, &cfg.method)) {
    fprintf(stderr, "unknown method %s\n", method);
    return 2;
  }
  if (words > 0) {
    cfg.max_words = (guint)words;
    cfg.max_sentences = 0;
  }
  for (int grouped = 0; grouped < 2; grouped++) {
    double *mbs = g_new(double, repeat);
    guint64 bytes = 0;
    for (int r = 0; r < repeat; r++)
      mbs[r] = run(clusters, &cfg, grouped, &bytes);
    qsort(mbs, repeat, sizeof(double), cmp_double);
    printf("%-8s %-16s %6u docs %5u clusters %9.2f MB  %8.2f MB/s per core (median of %d)\n",
           wn_sum_method_to_string(cfg.method), grouped ? "clusters" : "single articles", n_docs,
           clusters->len, bytes / 1e6, mbs[repeat / 2], repeat);
    g_free(mbs);
  }
  return 0;
}
