/* bench.c: sentence splitter throughput on one core, in MB/s.
 *
 *   bench [DIR-OR-FILE ...] [--mb 32] [--runs 7] [--language en] [--news-only]
 *
 * Reads the given text files (every regular file of a given folder; by default
 * /work/shared/seeds, real news pages flattened to text) at run time, joins them
 * with blank lines and repeats them to about --mb megabytes, then splits the
 * whole text --runs times and prints the median MB/s of sentences alone and of
 * sentences plus tokens (CPU time of the thread, so that other processes on a
 * shared machine do not count). Then the same for pathological inputs, to show the time
 * stays linear: a line without punctuation, runs of periods, glued periods. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "splitter.h"

/* CPU time of this thread: other processes on a shared machine do not count. */
static double
cpu_seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Median MB/s of `runs` passes over text[0, len). */
static double
measure(const WnSplitter *sp, const char *text, gsize len, int runs, gboolean tokens,
        gsize *n_sents, gsize *n_toks)
{
  double *mbs = g_new(double, runs);
  GArray *sents = g_array_sized_new(FALSE, FALSE, sizeof(WnRange), len / 64);
  GArray *toks = g_array_sized_new(FALSE, FALSE, sizeof(WnToken), tokens ? len / 5 : 1);
  for (int r = 0; r < runs; r++) {
    g_array_set_size(sents, 0);
    g_array_set_size(toks, 0);
    double t0 = cpu_seconds();
    wn_sentences_split(sp, text, len, sents);
    if (tokens)
      for (guint i = 0; i < sents->len; i++) {
        const WnRange *s = &g_array_index(sents, WnRange, i);
        wn_tokens_split(sp, text, s->start, s->end, toks);
      }
    double t1 = cpu_seconds();
    mbs[r] = (double)len / 1e6 / MAX(t1 - t0, 1e-9);
  }
  qsort(mbs, runs, sizeof(double), cmp_double);
  double median = mbs[runs / 2];
  *n_sents = sents->len;
  *n_toks = toks->len;
  g_free(mbs);
  g_array_unref(sents);
  g_array_unref(toks);
  return median;
}

static void
add_file(GString *corpus, const char *path)
{
  g_autofree char *data = NULL;
  gsize size;
  g_autoptr(GError) error = NULL;
  if (!g_file_get_contents(path, &data, &size, &error)) {
    fprintf(stderr, "bench: %s\n", error->message);
    exit(1);
  }
  g_string_append_len(corpus, data, size);
  g_string_append(corpus, "\n\n");
}

static void
report(const char *name, const WnSplitter *sp, const char *text, gsize len, int runs)
{
  gsize ns, nt;
  double a = measure(sp, text, len, runs, FALSE, &ns, &nt);
  double b = measure(sp, text, len, runs, TRUE, &ns, &nt);
  printf("%-28s %8.1f MB  sentences %8.1f MB/s  +tokens %8.1f MB/s  (%zu sentences, %zu "
         "tokens)\n",
         name, len / 1e6, a, b, ns, nt);
}

int
main(int argc, char **argv)
{
  double mb = 32;
  int runs = 7;
  const char *lang = "en";
  gboolean news_only = FALSE;
  g_autoptr(GPtrArray) inputs = g_ptr_array_new();
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
      mb = atof(argv[++i]);
    else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = atoi(argv[++i]);
    else if (strcmp(argv[i], "--news-only") == 0)
      news_only = TRUE;
    else if (strcmp(argv[i], "--language") == 0 && i + 1 < argc)
      lang = argv[++i];
    else
      g_ptr_array_add(inputs, argv[i]);
  }
  runs = MAX(runs, 1);
  if (inputs->len == 0)
    g_ptr_array_add(inputs, "/work/shared/seeds");
  WnLanguage language;
  if (!wn_language_from_string(lang, &language)) {
    fprintf(stderr, "bench: unknown --language %s\n", lang);
    return 2;
  }

  g_autoptr(GString) corpus = g_string_new(NULL);
  for (guint i = 0; i < inputs->len; i++) {
    const char *in = g_ptr_array_index(inputs, i);
    if (g_file_test(in, G_FILE_TEST_IS_DIR)) {
      g_autoptr(GDir) dir = g_dir_open(in, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name(dir)) != NULL)
        g_ptr_array_add(names, g_build_filename(in, name, NULL));
      g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
      for (guint k = 0; k < names->len; k++)
        if (g_file_test(g_ptr_array_index(names, k), G_FILE_TEST_IS_REGULAR))
          add_file(corpus, g_ptr_array_index(names, k));
    } else {
      add_file(corpus, in);
    }
  }
  if (corpus->len == 0) {
    fprintf(stderr, "bench: no text read\n");
    return 1;
  }
  gsize one = corpus->len, target = (gsize)(mb * 1e6);
  g_autofree char *unit = g_strndup(corpus->str, one);
  g_string_set_size(corpus, 0);
  while (corpus->len < target)
    g_string_append_len(corpus, unit, MIN(one, target - corpus->len));

  g_autoptr(WnSplitter) sp = wn_splitter_new(language, NULL, WN_NEWLINES_PARAGRAPHS, NULL);
  printf("median of %d runs, one core, language %s\n", runs, lang);
  report("news text", sp, corpus->str, corpus->len, runs);

  if (news_only)
    return 0;
  /* Pathological inputs of the same size. */
  gsize n = corpus->len;
  g_autofree char *buf = g_malloc(n);
  static const char *const patterns[][2] = {
      {"line without punctuation", "word another longer thing "},
      {"consecutive periods", "."},
      {"spaced periods", ". "},
      {"glued periods", "ab.Cd.ef"},
      {"abbreviations", "Mr. U.S. e.g. J. "},
      {"line breaks", "a\n"},
  };
  for (guint p = 0; p < G_N_ELEMENTS(patterns); p++) {
    gsize pl = strlen(patterns[p][1]);
    for (gsize i = 0; i < n; i++)
      buf[i] = patterns[p][1][i % pl];
    report(patterns[p][0], sp, buf, n, MAX(1, runs / 2));
  }
  return 0;
}
