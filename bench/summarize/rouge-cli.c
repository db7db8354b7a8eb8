/* rouge-cli.c: the ROUGE scorer as a command for users:
 *   rouge-score [--no-stem] [--words N] CANDIDATES REFERENCES
 * Line i of CANDIDATES is scored against line i of REFERENCES; prints ROUGE-1,
 * ROUGE-2 and ROUGE-L F1 (x 100) per line, then their means. */
#include "rouge.h"

#include <stdio.h>

int
main(int argc, char **argv)
{
  gboolean no_stem = FALSE;
  int words = 0;
  const GOptionEntry entries[] = {
      {"no-stem", 0, 0, G_OPTION_ARG_NONE, &no_stem, "Compare words unstemmed", NULL},
      {"words", 0, 0, G_OPTION_ARG_INT, &words, "Keep the first N words of each text", "N"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("CANDIDATES REFERENCES");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc != 3 || words < 0) {
    fprintf(stderr, "usage: rouge-score [--no-stem] [--words N] CANDIDATES REFERENCES\n");
    return 2;
  }
  g_autofree char *cand = NULL, *ref = NULL;
  if (!g_file_get_contents(argv[1], &cand, NULL, &error) ||
      !g_file_get_contents(argv[2], &ref, NULL, &error)) {
    fprintf(stderr, "%s\n", error->message);
    return 3;
  }
  g_auto(GStrv) c = g_strsplit(cand, "\n", -1);
  g_auto(GStrv) r = g_strsplit(ref, "\n", -1);
  g_autoptr(WnRougeScorer) scorer = wn_rouge_scorer_new(!no_stem, (guint)words);
  double s1 = 0, s2 = 0, sl = 0;
  guint n = 0;
  for (guint i = 0; c[i] != NULL && r[i] != NULL; i++) {
    if (c[i][0] == '\0' && r[i][0] == '\0')
      continue;
    WnRouge out;
    wn_rouge_score(scorer, c[i], r[i], &out);
    printf("%u\t%.2f\t%.2f\t%.2f\n", i + 1, 100 * out.rouge1.f1, 100 * out.rouge2.f1,
           100 * out.rougeL.f1);
    s1 += out.rouge1.f1;
    s2 += out.rouge2.f1;
    sl += out.rougeL.f1;
    n++;
  }
  if (n > 0)
    printf("mean\t%.2f\t%.2f\t%.2f\n", 100 * s1 / n, 100 * s2 / n, 100 * sl / n);
  return 0;
}
