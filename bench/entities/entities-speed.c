/* entities-speed.c: MB/s of news text per core through `sentences` (tokens) and
 * `entities`, on one thread. The text (default: the team's seed pages) is cut
 * into documents of about 5 KB and run through repeatedly until `--mb` MB have
 * passed; the same is done with `sentences` alone, so the entity stage's own
 * share can be read off too. Prints the median of `--runs` runs, timed in
 * thread CPU seconds (MB/s per core, robust to other load on the machine).
 *
 *   build/bench/entities/entities-speed [--mb 20] [--runs 5] [FILE...] */
#include <winnow/winnow.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Thread CPU time: MB/s per core that stays meaningful on a busy machine. */
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
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Seconds to push `target` bytes of `docs` through `p`. */
static double
run_once(WnPipeline *p, GPtrArray *docs, gsize target, gsize *n_entities)
{
  gsize done = 0;
  *n_entities = 0;
  double t0 = cpu_seconds();
  for (guint i = 0; done < target; i = (i + 1) % docs->len) {
    const char *text = docs->pdata[i];
    gsize len = strlen(text);
    g_autoptr(WnDoc) doc = wn_doc_new("d", text, len, WN_MEDIA_TYPE_TEXT);
    g_autoptr(GError) error = NULL;
    if (!wn_pipeline_process(p, doc, &error)) {
      g_printerr("entities-speed: %s\n", error->message);
      exit(1);
    }
    const WnLayer *l = wn_doc_get_layer(doc, "entities");
    if (l != NULL)
      *n_entities += wn_layer_get_n_spans(l);
    done += len;
  }
  return cpu_seconds() - t0;
}

int
main(int argc, char **argv)
{
  double mb = 20;
  int runs = 5;
  GPtrArray *files = g_ptr_array_new();
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc)
      mb = atof(argv[++i]);
    else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = atoi(argv[++i]);
    else
      g_ptr_array_add(files, argv[i]);
  }
  if (files->len == 0) {
    g_autoptr(GDir) dir = g_dir_open("/work/shared/seeds", 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL)
      g_ptr_array_add(files, g_build_filename("/work/shared/seeds", name, NULL));
  }
  /* Documents of about 5 KB, cut at line ends. */
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func(g_free);
  gsize total = 0;
  for (guint f = 0; f < files->len; f++) {
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(files->pdata[f], &text, &len, NULL))
      continue;
    for (gsize at = 0; at < len;) {
      gsize end = MIN(len, at + 5000);
      while (end < len && text[end] != '\n')
        end++;
      g_ptr_array_add(docs, g_strndup(text + at, end - at));
      total += end - at;
      at = end;
    }
  }
  if (docs->len == 0) {
    g_printerr("entities-speed: no input text\n");
    return 1;
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) both = wn_pipeline_new_from_data(
      "{\"stages\": [{\"stage\": \"sentences\"}, {\"stage\": \"entities\"}]}", -1, "<bench>", NULL,
      &error);
  g_autoptr(WnPipeline) toks = wn_pipeline_new_from_data(
      "{\"stages\": [{\"stage\": \"sentences\"}]}", -1, "<bench>", NULL, &error);
  if (both == NULL || toks == NULL) {
    g_printerr("entities-speed: %s\n", error->message);
    return 1;
  }
  gsize target = (gsize)(mb * 1e6);
  double *t_both = g_new(double, runs), *t_toks = g_new(double, runs);
  gsize n_ent = 0, dummy = 0;
  run_once(both, docs, MIN(target, 2000000), &dummy); /* warm-up */
  for (int r = 0; r < runs; r++) {
    t_both[r] = run_once(both, docs, target, &n_ent);
    t_toks[r] = run_once(toks, docs, target, &dummy);
  }
  qsort(t_both, runs, sizeof(double), cmp_double);
  qsort(t_toks, runs, sizeof(double), cmp_double);
  double mb_done = target / 1e6;
  double tb = t_both[runs / 2], tt = t_toks[runs / 2];
  printf("input: %u documents, %.2f MB of text, run through until %.0f MB\n", docs->len,
         total / 1e6, mb_done);
  printf("sentences+tokens+entities: %.1f MB/s (median of %d, %" G_GSIZE_FORMAT
         " entities per pass)\n",
         mb_done / tb, runs, n_ent);
  printf("sentences+tokens alone:    %.1f MB/s\n", mb_done / tt);
  printf("entities stage alone:      %.1f MB/s\n", mb_done / (tb - tt));
  g_free(t_both);
  g_free(t_toks);
  g_ptr_array_unref(files);
  return 0;
}
