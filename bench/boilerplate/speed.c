/* speed.c: throughput of the boilerplate stripper on one core.
 *
 *   speed AEB_DIR TEXT_DIR [ROUNDS]
 * HTML: every AEB_DIR/html/HASH.html.gz page, decompressed in memory first;
 * text: every *.txt file of TEXT_DIR (flattened pages). Each corpus is run
 * ROUNDS times (default 5) and the median round's MB/s is printed. Only the
 * extraction is timed, not reading or decompressing, and the time is the
 * thread's CPU time: MB per CPU-second is the per-core figure, and it does not
 * drop when other processes share the machine. */
#include "bp.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
cpu_seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static GBytes *
read_file(const char *path)
{
  g_autoptr(GFile) f = g_file_new_for_path(path);
  g_autoptr(GFileInputStream) in = g_file_read(f, NULL, NULL);
  if (!in)
    return NULL;
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable();
  GInputStream *src = G_INPUT_STREAM(in);
  g_autoptr(GInputStream) conv = NULL;
  if (g_str_has_suffix(path, ".gz")) {
    g_autoptr(GZlibDecompressor) dec = g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP);
    conv = g_converter_input_stream_new(src, G_CONVERTER(dec));
    src = conv;
  }
  if (g_output_stream_splice(mem, src, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(mem));
}

static GPtrArray *
load_dir(const char *dir, const char *suffix, gsize *total)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
  *total = 0;
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  if (!d)
    return docs;
  const char *n;
  while ((n = g_dir_read_name(d))) {
    if (!g_str_has_suffix(n, suffix) || g_str_has_suffix(n, ".gold.txt") ||
        g_str_has_suffix(n, ".boiler.txt"))
      continue;
    g_autofree char *p = g_build_filename(dir, n, NULL);
    GBytes *b = read_file(p);
    if (b) {
      *total += g_bytes_get_size(b);
      g_ptr_array_add(docs, b);
    }
  }
  return docs;
}

static int
cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double
run(GPtrArray *docs, gsize total, const char *media, int rounds)
{
  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  double *mbs = g_new(double, rounds);
  for (int r = 0; r < rounds; r++) {
    double t0 = cpu_seconds();
    for (guint i = 0; i < docs->len; i++) {
      gsize len;
      const char *data = g_bytes_get_data(docs->pdata[i], &len);
      WnBpResult res;
      if (wn_bp_extract(data, len, media, &cfg, &res, NULL))
        wn_bp_result_clear(&res);
    }
    double secs = cpu_seconds() - t0;
    mbs[r] = total / 1e6 / secs;
  }
  qsort(mbs, rounds, sizeof *mbs, cmp_double);
  double med = mbs[rounds / 2];
  g_free(mbs);
  return med;
}

int
main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: speed AEB_DIR TEXT_DIR [ROUNDS]\n");
    return 2;
  }
  int rounds = argc > 3 ? MAX(1, atoi(argv[3])) : 5;
  wn_bp_html_global_init();
  g_autofree char *html_dir = g_build_filename(argv[1], "html", NULL);
  gsize html_total, text_total;
  g_autoptr(GPtrArray) html = load_dir(html_dir, ".html.gz", &html_total);
  g_autoptr(GPtrArray) text = load_dir(argv[2], ".txt", &text_total);
  if (html->len) {
    double m = run(html, html_total, "text/html", rounds);
    printf("html: %u pages, %.1f MB, median of %d rounds: %.1f MB/s per core\n", html->len,
           html_total / 1e6, rounds, m);
  }
  if (text->len) {
    /* Small corpora are repeated so a round lasts long enough to time. */
    int reps = (int)MAX(1, 20000000 / MAX(text_total, 1));
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    for (int k = 0; k < reps; k++)
      for (guint i = 0; i < text->len; i++)
        g_ptr_array_add(many, g_bytes_ref(text->pdata[i]));
    double m = run(many, text_total * reps, "text/plain", rounds);
    printf("text: %u files x %d, %.1f MB, median of %d rounds: %.1f MB/s per core\n", text->len,
           reps, text_total * reps / 1e6, rounds, m);
  }
  return 0;
}
