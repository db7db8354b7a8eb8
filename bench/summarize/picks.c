/* picks.c: prints every pick of every method on every cluster and document,
 * scores in full precision, so two builds of the summarizer can be compared
 * byte for byte after a change meant to leave its output alone:
 *
 *   summarize-picks [--splitter simple|stage] FILE.jsonl > picks.txt
 *
 * Each cluster is summarized as a group and each of its documents alone, with
 * each method, under a 3-sentence budget and a 300-word budget. */
#include "corpus.h"
#include "summarize.h"

#include <stdio.h>

static void
print_picks(const char *what, const GArray *picks)
{
  printf("%s:", what);
  for (guint k = 0; k < picks->len; k++) {
    const WnSumPick *p = &g_array_index(picks, WnSumPick, k);
    printf(" %u/%u@%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT " r%u w%u s%.17g", p->doc, p->sentence,
           p->start, p->end, p->rank, p->n_words, p->score);
  }
  printf("\n");
}

int
main(int argc, char **argv)
{
  g_autofree char *splitter = NULL;
  const GOptionEntry entries[] = {
      {"splitter", 0, 0, G_OPTION_ARG_STRING, &splitter,
       "simple (the bench's own, default) or stage (the sentences stage)", "NAME"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("FILE.jsonl - every pick, every method");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc != 2) {
    fprintf(stderr, "usage: summarize-picks [--splitter simple|stage] FILE.jsonl\n");
    return 2;
  }
  g_autoptr(GPtrArray) clusters = bench_load_jsonl(argv[1], &error);
  if (clusters == NULL) {
    fprintf(stderr, "%s\n", error->message);
    return 3;
  }
  if (g_strcmp0(splitter, "stage") == 0) {
    if (!bench_split_stage(clusters, &error)) {
      fprintf(stderr, "%s\n", error->message);
      return 3;
    }
  } else {
    for (guint c = 0; c < clusters->len; c++) {
      BenchCluster *cl = g_ptr_array_index(clusters, c);
      for (guint d = 0; d < cl->docs->len; d++)
        bench_split_simple(g_ptr_array_index(cl->docs, d));
    }
  }
  g_autoptr(WnSumCachePool) pool = wn_sum_cache_pool_new();
  static const char *const methods[] = {"salience", "lead", "textrank", "lexrank"};
  for (guint m = 0; m < G_N_ELEMENTS(methods); m++)
    for (guint budget = 0; budget < 2; budget++) {
      WnSumConfig cfg;
      wn_sum_config_init(&cfg);
      wn_sum_method_from_string(methods[m], &cfg.method);
      cfg.pool = pool;
      if (budget == 1) {
        cfg.max_sentences = 0;
        cfg.max_words = 300;
      }
      for (guint c = 0; c < clusters->len; c++) {
        const BenchCluster *cl = g_ptr_array_index(clusters, c);
        const guint n = cl->docs->len;
        g_autofree WnSumDoc *docs = g_new0(WnSumDoc, n > 0 ? n : 1);
        for (guint d = 0; d < n; d++) {
          const BenchDoc *bd = g_ptr_array_index(cl->docs, d);
          docs[d] = (WnSumDoc){
              bd->id, bd->text, bd->len, (const WnSpan *)bd->sentences->data, bd->sentences->len,
              NULL,   0,        NULL};
        }
        g_autofree char *tag = NULL;
        g_autoptr(GArray) group = wn_summarize(&cfg, docs, n, NULL, &error);
        if (group == NULL) {
          fprintf(stderr, "cluster %s: %s\n", cl->id, error->message);
          return 1;
        }
        tag = g_strdup_printf("%s %s %s group", methods[m], budget ? "w300" : "s3", cl->id);
        print_picks(tag, group);
        for (guint d = 0; d < n; d++) {
          g_autoptr(GArray) one = wn_summarize(&cfg, &docs[d], 1, NULL, &error);
          if (one == NULL) {
            fprintf(stderr, "cluster %s: %s\n", cl->id, error->message);
            return 1;
          }
          g_free(tag);
          tag = g_strdup_printf("%s %s %s doc %u", methods[m], budget ? "w300" : "s3", cl->id, d);
          print_picks(tag, one);
        }
      }
    }
  return 0;
}
