/* eval.c: measures the boilerplate stripper's quality.
 *
 *   eval aeb DIR [--favor=F] [--no-title] [--verbose]
 *     DIR holds html/HASH.html.gz and ground-truth.json (keyed by file hash, each
 *     with "articleBody"). Per page, words are runs of letters, digits and '_';
 *     word 4-grams are compared as multisets; precision is averaged over pages
 *     where something was extracted, recall over pages with gold text, and F1
 *     is computed from the two means.
 *   eval seeds DIR GOLD [--favor=F] [--verbose]
 *     line-level precision/recall/F1 of the text classifier against the line
 *     judgements in GOLD (see seeds-gold.txt).
 * Reads the data at run time; nothing of it is built in. */
#include "bp.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

static GPtrArray *
words_of(const char *s)
{
  GPtrArray *w = g_ptr_array_new_with_free_func(g_free);
  const char *p = s;
  while (*p) {
    gunichar u = g_utf8_get_char(p);
    if (g_unichar_isalnum(u) || u == '_' || g_unichar_type(u) == G_UNICODE_NON_SPACING_MARK ||
        g_unichar_type(u) == G_UNICODE_SPACING_MARK) {
      const char *b = p;
      while (*p) {
        gunichar v = g_utf8_get_char(p);
        if (!(g_unichar_isalnum(v) || v == '_' || g_unichar_type(v) == G_UNICODE_NON_SPACING_MARK ||
              g_unichar_type(v) == G_UNICODE_SPACING_MARK))
          break;
        p = g_utf8_next_char(p);
      }
      g_ptr_array_add(w, g_strndup(b, p - b));
    } else {
      p = g_utf8_next_char(p);
    }
  }
  return w;
}

/* Multiset of 4-grams: key -> count. Returns the total count. */
static guint
ngrams(const char *s, GHashTable *out)
{
  g_autoptr(GPtrArray) w = words_of(s);
  guint total = 0;
  for (guint i = 0; i + 4 <= w->len; i++) {
    char *k = g_strjoin("\x01", (char *)w->pdata[i], (char *)w->pdata[i + 1],
                        (char *)w->pdata[i + 2], (char *)w->pdata[i + 3], NULL);
    guint c = GPOINTER_TO_UINT(g_hash_table_lookup(out, k));
    g_hash_table_replace(out, k, GUINT_TO_POINTER(c + 1));
    total++;
  }
  return total;
}

static gboolean
read_gz(const char *path, GBytes **out, GError **error)
{
  g_autoptr(GFile) f = g_file_new_for_path(path);
  g_autoptr(GFileInputStream) in = g_file_read(f, NULL, error);
  if (!in)
    return FALSE;
  g_autoptr(GZlibDecompressor) dec = g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) conv = g_converter_input_stream_new(G_INPUT_STREAM(in), G_CONVERTER(dec));
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable();
  if (g_output_stream_splice(mem, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return FALSE;
  *out = g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(mem));
  return TRUE;
}

static GBytes *
read_plain(const char *path, GError **error)
{
  char *data;
  gsize len;
  if (!g_file_get_contents(path, &data, &len, error))
    return NULL;
  return g_bytes_new_take(data, len);
}

static int
parse_favor(const char *s, WnBpFavor *f)
{
  if (!strcmp(s, "precision"))
    *f = WN_BP_FAVOR_PRECISION;
  else if (!strcmp(s, "balanced"))
    *f = WN_BP_FAVOR_BALANCED;
  else if (!strcmp(s, "recall"))
    *f = WN_BP_FAVOR_RECALL;
  else
    return -1;
  return 0;
}

static int
eval_aeb(const char *dir, const WnBpConfig *cfg, gboolean verbose)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gt_path = g_build_filename(dir, "ground-truth.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new();
  if (!json_parser_load_from_file(parser, gt_path, &error)) {
    fprintf(stderr, "eval: cannot read %s: %s\n", gt_path, error->message);
    return 1;
  }
  JsonObject *gt = json_node_get_object(json_parser_get_root(parser));
  g_autoptr(GList) keys = json_object_get_members(gt);
  keys = g_list_sort(keys, (GCompareFunc)strcmp);
  double psum = 0, rsum = 0;
  guint pn = 0, rn = 0, failed = 0;
  for (GList *l = keys; l; l = l->next) {
    const char *key = l->data;
    JsonObject *item = json_object_get_object_member(gt, key);
    const char *gold = json_object_get_string_member_with_default(item, "articleBody", "");
    g_autofree char *name = g_strconcat(key, ".html.gz", NULL);
    g_autofree char *path = g_build_filename(dir, "html", name, NULL);
    g_autoptr(GBytes) bytes = NULL;
    g_clear_error(&error);
    if (!read_gz(path, &bytes, &error)) {
      fprintf(stderr, "eval: %s: %s\n", path, error->message);
      return 1;
    }
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);
    WnBpResult res;
    g_clear_error(&error);
    const char *text = "";
    gboolean ok = wn_bp_extract(data, len, "text/html", cfg, &res, &error);
    if (ok)
      text = res.text;
    else
      failed++;
    g_autoptr(GHashTable) pg = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) gg = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    guint np = ngrams(text, pg), ng = ngrams(gold, gg);
    guint common = 0;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, pg);
    while (g_hash_table_iter_next(&it, &k, &v))
      common += MIN(GPOINTER_TO_UINT(v), GPOINTER_TO_UINT(g_hash_table_lookup(gg, k)));
    double p = np ? (double)common / np : 0, r = ng ? (double)common / ng : 0;
    if (np) {
      psum += p;
      pn++;
    }
    if (ng) {
      rsum += r;
      rn++;
    }
    if (verbose)
      printf("%s P=%.3f R=%.3f pred=%u gold=%u\n", key, p, r, np, ng);
    if (ok)
      wn_bp_result_clear(&res);
  }
  double P = pn ? psum / pn : 0, R = rn ? rsum / rn : 0;
  double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
  printf("aeb: %u pages, %u failed: precision %.4f recall %.4f F1 %.4f\n", g_list_length(keys),
         failed, P, R, F);
  return 0;
}

/* Parses "1,3,9-45" into marks[line] = label. */
static void
apply_ranges(const char *spec, char label, GHashTable *marks)
{
  g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
  for (guint i = 0; parts[i]; i++) {
    guint a = 0, b = 0;
    if (sscanf(parts[i], "%u-%u", &a, &b) == 2) {
    } else if (sscanf(parts[i], "%u", &a) == 1) {
      b = a;
    } else {
      continue;
    }
    for (guint x = a; x <= b; x++)
      g_hash_table_replace(marks, GUINT_TO_POINTER(x), GINT_TO_POINTER(label));
  }
}

static int
eval_seeds(const char *dir, const char *gold_path, const WnBpConfig *cfg, gboolean verbose)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gold = NULL;
  if (!g_file_get_contents(gold_path, &gold, NULL, &error)) {
    fprintf(stderr, "eval: %s\n", error->message);
    return 1;
  }
  /* file -> (line -> label) */
  g_autoptr(GHashTable) files =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
  g_auto(GStrv) lines = g_strsplit(gold, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    if (lines[i][0] == '#' || !lines[i][0])
      continue;
    g_auto(GStrv) f = g_strsplit_set(lines[i], " \t", 3);
    if (g_strv_length(f) != 3)
      continue;
    GHashTable *m = g_hash_table_lookup(files, f[0]);
    if (!m) {
      m = g_hash_table_new(NULL, NULL);
      g_hash_table_insert(files, g_strdup(f[0]), m);
    }
    apply_ranges(f[2], f[1][0], m);
  }
  guint tp = 0, fp = 0, fn = 0;
  g_autoptr(GList) names = g_hash_table_get_keys(files);
  names = g_list_sort(names, (GCompareFunc)strcmp);
  for (GList *l = names; l; l = l->next) {
    GHashTable *m = g_hash_table_lookup(files, l->data);
    g_autofree char *path = g_build_filename(dir, l->data, NULL);
    g_autofree char *text = NULL;
    gsize len;
    if (!g_file_get_contents(path, &text, &len, &error)) {
      fprintf(stderr, "eval: %s\n", error->message);
      return 1;
    }
    gsize n;
    g_autofree guint8 *keep = wn_bp_classify_text_lines(text, len, cfg, &n, NULL);
    g_auto(GStrv) tl = g_strsplit(text, "\n", -1);
    guint ftp = 0, ffp = 0, ffn = 0;
    for (gsize i = 0; i < n && tl[i]; i++) {
      if (!*g_strstrip(tl[i]))
        continue;
      char label = (char)GPOINTER_TO_INT(g_hash_table_lookup(m, GUINT_TO_POINTER(i + 1)));
      if (label == '?')
        continue;
      gboolean gk = label == 'K', pk = keep[i] != 0;
      ftp += gk && pk;
      ffp += !gk && pk;
      ffn += gk && !pk;
      if (verbose && gk != pk)
        printf("  %s:%" G_GSIZE_FORMAT " %s: %.70s\n", (char *)l->data, i + 1,
               pk ? "kept, should go" : "dropped, should stay", tl[i]);
    }
    if (verbose)
      printf("%s tp=%u fp=%u fn=%u\n", (char *)l->data, ftp, ffp, ffn);
    tp += ftp;
    fp += ffp;
    fn += ffn;
  }
  double P = tp + fp ? (double)tp / (tp + fp) : 0, R = tp + fn ? (double)tp / (tp + fn) : 0;
  double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
  printf("seeds: %u files, lines precision %.4f recall %.4f F1 %.4f\n", g_hash_table_size(files), P,
         R, F);
  return 0;
}

int
main(int argc, char **argv)
{
  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  gboolean verbose = FALSE;
  GPtrArray *pos = g_ptr_array_new();
  for (int i = 1; i < argc; i++) {
    if (g_str_has_prefix(argv[i], "--favor=")) {
      if (parse_favor(argv[i] + 8, &cfg.favor) < 0) {
        fprintf(stderr, "eval: --favor takes precision, balanced or recall\n");
        return 2;
      }
    } else if (!strcmp(argv[i], "--no-title")) {
      cfg.keep_title = FALSE;
    } else if (!strcmp(argv[i], "--verbose")) {
      verbose = TRUE;
    } else if (g_str_has_prefix(argv[i], "--language=")) {
      if (!wn_bp_lang_from_code(argv[i] + 11, &cfg.language)) {
        fprintf(stderr, "eval: --language takes auto, en, fr, de or es\n");
        return 2;
      }
    } else {
      g_ptr_array_add(pos, argv[i]);
    }
  }
  int rc = 2;
  if (pos->len == 2 && !strcmp(pos->pdata[0], "page")) {
    /* Prints what one page yields (for looking at failures). */
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    if (!(g_str_has_suffix(pos->pdata[1], ".gz")
              ? read_gz(pos->pdata[1], &bytes, &error)
              : (bytes = read_plain(pos->pdata[1], &error)) != NULL)) {
      fprintf(stderr, "eval: %s\n", error->message);
      return 1;
    }
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);
    WnBpResult res;
    const char *media = g_str_has_suffix(pos->pdata[1], ".txt") ? "text/plain" : "text/html";
    if (!wn_bp_extract(data, len, media, &cfg, &res, &error)) {
      fprintf(stderr, "eval: %s\n", error->message);
      return 1;
    }
    printf("TITLE: %s\n\n%s\n", res.title ? res.title : "(none)", res.text);
    wn_bp_result_clear(&res);
    return 0;
  }
  if (pos->len == 2 && !strcmp(pos->pdata[0], "aeb"))
    rc = eval_aeb(pos->pdata[1], &cfg, verbose);
  else if (pos->len == 3 && !strcmp(pos->pdata[0], "seeds"))
    rc = eval_seeds(pos->pdata[1], pos->pdata[2], &cfg, verbose);
  else
    fprintf(stderr, "usage: eval aeb DIR [--favor=F] [--no-title] [--verbose]\n"
                    "       eval seeds DIR GOLD [--favor=F] [--verbose]\n");
  g_ptr_array_free(pos, TRUE);
  return rc;
}
