/* rouge-eval.c: measures the summarizer's methods with ROUGE against human
 * summaries of news clusters (JSON Lines with "documents" and "summary"), at
 * one or more word budgets, and prints a table of mean F1 x 100.
 *
 *   summarize-rouge --data multinews-val-200.jsonl [--budgets 300,100]
 *     [--methods lead,textrank,lexrank,salience] [--mode fit|cut]
 *     [--splitter stage|simple] [--param name=value]... [--cut-reference]
 *
 * Each cluster is summarized as one group (all its documents together).
 * --mode fit (default): the summary is the stage's own output with a words
 * budget, never longer. --mode cut: sentences are taken in the order the method
 * ranks them until the budget is reached, then the text is cut at the budget
 * (the usual way extractive baselines are scored). The candidate is then
 * limited to the budget and the reference kept whole; --cut-reference limits
 * both (the classic scorer's -l). */
#include "corpus.h"
#include "rouge.h"
#include "summarize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gint
cmp_rank(gconstpointer a, gconstpointer b)
{
  const WnSumPick *x = a, *y = b;
  return (x->rank > y->rank) - (x->rank < y->rank);
}

static gint
cmp_order(gconstpointer a, gconstpointer b)
{
  const WnSumPick *x = a, *y = b;
  if (x->doc != y->doc)
    return x->doc < y->doc ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

static gboolean
set_param(WnSumParams *p, const char *assign)
{
  g_auto(GStrv) kv = g_strsplit(assign, "=", 2);
  if (kv[0] == NULL || kv[1] == NULL)
    return FALSE;
  const double v = g_ascii_strtod(kv[1], NULL);
  struct {
    const char *name;
    double *field;
  } fields[] = {{"w_centrality", &p->w_centrality},
                {"w_frequency", &p->w_frequency},
                {"w_position", &p->w_position},
                {"position_decay", &p->position_decay},
                {"w_entities", &p->w_entities},
                {"length_knee", &p->length_knee},
                {"redundancy", &p->redundancy},
                {"dup_cosine", &p->dup_cosine},
                {"dup_containment", &p->dup_containment},
                {"coverage_decay", &p->coverage_decay},
                {"document_power", &p->document_power},
                {"w_recurrence", &p->w_recurrence},
                {"dup_quote", &p->dup_quote},
                {"length_power", &p->length_power},
                {"w_support", &p->w_support},
                {"fragment_factor", &p->fragment_factor},
                {"quote_factor", &p->quote_factor}};
  for (guint i = 0; i < G_N_ELEMENTS(fields); i++)
    if (strcmp(kv[0], fields[i].name) == 0) {
      *fields[i].field = v;
      return TRUE;
    }
  return FALSE;
}

int
main(int argc, char **argv)
{
  g_autofree char *data = NULL, *methods = NULL, *budgets = NULL, *mode = NULL, *splitter = NULL;
  g_auto(GStrv) params = NULL;
  gboolean cut_reference = FALSE;
  int min_words = 5, from = 0, count = 0;
  const GOptionEntry entries[] = {
      {"data", 0, 0, G_OPTION_ARG_FILENAME, &data, "Clusters (JSON Lines)", "FILE"},
      {"methods", 0, 0, G_OPTION_ARG_STRING, &methods, "Methods, comma-separated", "LIST"},
      {"budgets", 0, 0, G_OPTION_ARG_STRING, &budgets, "Word budgets, comma-separated", "LIST"},
      {"mode", 0, 0, G_OPTION_ARG_STRING, &mode, "fit (default) or cut", "MODE"},
      {"splitter", 0, 0, G_OPTION_ARG_STRING, &splitter,
       "stage (the sentences stage, default) or simple (the bench's own)", "NAME"},
      {"param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &params, "Salience parameter", "NAME=VALUE"},
      {"from", 0, 0, G_OPTION_ARG_INT, &from, "Skip the first N clusters", "N"},
      {"count", 0, 0, G_OPTION_ARG_INT, &count, "Use at most N clusters", "N"},
      {"min-sentence-words", 0, 0, G_OPTION_ARG_INT, &min_words, "Shortest sentence", "N"},
      {"cut-reference", 0, 0, G_OPTION_ARG_NONE, &cut_reference,
       "Cut the reference at the budget too (classic -l)", NULL},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("- ROUGE of the summarizer's methods");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &error) || data == NULL) {
    fprintf(stderr, "%s\n", error ? error->message : "--data FILE is required");
    return 2;
  }
  WnSumParams p = wn_sum_default_params;
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    if (!set_param(&p, params[i])) {
      fprintf(stderr, "unknown parameter %s\n", params[i]);
      return 2;
    }
  const gboolean cut = g_strcmp0(mode, "cut") == 0;
  g_autoptr(WnSumCachePool) pool = wn_sum_cache_pool_new();

  g_autoptr(GPtrArray) clusters = bench_load_jsonl(data, &error);
  if (clusters == NULL) {
    fprintf(stderr, "%s\n", error->message);
    return 3;
  }
  /* A slice of the clusters, to tune on one part and check on another. */
  if (from > 0)
    g_ptr_array_remove_range(clusters, 0, MIN((guint)from, clusters->len));
  if (count > 0 && (guint)count < clusters->len)
    g_ptr_array_remove_range(clusters, (guint)count, clusters->len - (guint)count);
  if (g_strcmp0(splitter, "simple") != 0) {
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

  g_auto(GStrv) method_list =
      g_strsplit(methods ? methods : "lead,textrank,lexrank,salience", ",", -1);
  g_auto(GStrv) budget_list = g_strsplit(budgets ? budgets : "300,100", ",", -1);
  printf("%-10s %6s %7s %7s %7s %8s   (%s, %s splitter, %u clusters)\n", "method", "words", "R1",
         "R2", "RL", "avg-len", cut ? "cut" : "fit", splitter ? splitter : "stage", clusters->len);
  for (guint b = 0; budget_list[b] != NULL; b++) {
    const guint budget = (guint)atoi(budget_list[b]);
    for (guint m = 0; method_list[m] != NULL; m++) {
      WnSumConfig cfg;
      wn_sum_config_init(&cfg);
      if (!wn_sum_method_from_string(method_list[m], &cfg.method)) {
        fprintf(stderr, "unknown method %s\n", method_list[m]);
        return 2;
      }
      cfg.params = &p;
      cfg.pool = pool;
      cfg.max_sentences = 0;
      cfg.max_words = cut ? 0 : budget;
      cfg.min_sentence_words = (guint)min_words;
      g_autoptr(WnRougeScorer) scorer = wn_rouge_scorer_new(TRUE, budget);
      g_autoptr(WnRougeScorer) ref_scorer = wn_rouge_scorer_new(TRUE, 0);
      wn_rouge_scorer_set_limits(ref_scorer, budget, 0);
      double s1 = 0, s2 = 0, sl = 0, words = 0;
      guint n = 0;
      for (guint c = 0; c < clusters->len; c++) {
        BenchCluster *cl = g_ptr_array_index(clusters, c);
        if (cl->reference == NULL)
          continue;
        g_autofree WnSumDoc *docs = g_new0(WnSumDoc, cl->docs->len);
        for (guint d = 0; d < cl->docs->len; d++) {
          BenchDoc *bd = g_ptr_array_index(cl->docs, d);
          docs[d] = (WnSumDoc){
              bd->id, bd->text, bd->len, (const WnSpan *)bd->sentences->data, bd->sentences->len,
              NULL,   0,        NULL};
        }
        g_autoptr(GArray) picks = wn_summarize(&cfg, docs, cl->docs->len, NULL, &error);
        if (picks == NULL) {
          fprintf(stderr, "cluster %s: %s\n", cl->id, error->message);
          return 1;
        }
        if (cut) {
          g_array_sort(picks, cmp_rank);
          guint total = 0, keep = 0;
          while (keep < picks->len && total < budget)
            total += g_array_index(picks, WnSumPick, keep++).n_words;
          g_array_set_size(picks, keep);
          g_array_sort(picks, cmp_order);
        }
        g_autoptr(GString) text = g_string_new(NULL);
        for (guint k = 0; k < picks->len; k++) {
          const WnSumPick *pk = &g_array_index(picks, WnSumPick, k);
          if (text->len > 0)
            g_string_append_c(text, ' ');
          g_string_append_len(text, docs[pk->doc].text + pk->start, pk->end - pk->start);
        }
        /* The candidate is cut at the budget; the reference is kept whole
         * unless --cut-reference (the classic -l, which cuts both). */
        WnRouge r;
        wn_rouge_score(cut_reference ? scorer : ref_scorer, text->str, cl->reference, &r);
        s1 += r.rouge1.f1;
        s2 += r.rouge2.f1;
        sl += r.rougeL.f1;
        words += MIN(wn_sum_count_words(text->str, text->len), budget);
        n++;
      }
      printf("%-10s %6u %7.2f %7.2f %7.2f %8.1f\n", method_list[m], budget, 100 * s1 / n,
             100 * s2 / n, 100 * sl / n, words / n);
      fflush(stdout);
    }
  }
  return 0;
}
