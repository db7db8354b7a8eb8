/* eval.c: boundary precision, recall and F1 of the sentence splitter against a
 * JSON-lines file of documents with gold sentences, such as the UD English EWT dev
 * set rebuilt as documents (en_ewt-ud-dev.docs.jsonl: "text" and "sentences", a list
 * of {"start", "end"} in characters).
 *
 *   eval FILE.jsonl [--language en] [--newlines paragraphs] [--errors N]
 *
 * A boundary is the start of every sentence but the first of its document; a
 * predicted boundary counts when a gold sentence starts at the same character.
 * --errors N prints the first N false positives and false negatives in context.
 * When the records have "paragraphs" (lists of sentence indexes), the boundaries
 * inside paragraphs are also scored alone: blank lines make the others easy. */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "splitter.h"

static void
show(const char *what, const char *text, glong at)
{
  glong n = g_utf8_strlen(text, -1);
  glong a = MAX(0, at - 50), b = MIN(n, at + 30);
  const char *pa = g_utf8_offset_to_pointer(text, a), *pm = g_utf8_offset_to_pointer(text, at),
             *pb = g_utf8_offset_to_pointer(text, b);
  g_autofree char *left = g_strndup(pa, pm - pa), *right = g_strndup(pm, pb - pm);
  for (char *c = left; *c; c++)
    if (*c == '\n')
      *c = '/';
  for (char *c = right; *c; c++)
    if (*c == '\n')
      *c = '/';
  printf("%s %s ||| %s\n", what, left, right);
}

int
main(int argc, char **argv)
{
  const char *path = NULL, *lang = "en", *nl = "paragraphs";
  int errors = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--language") == 0 && i + 1 < argc)
      lang = argv[++i];
    else if (strcmp(argv[i], "--newlines") == 0 && i + 1 < argc)
      nl = argv[++i];
    else if (strcmp(argv[i], "--errors") == 0 && i + 1 < argc)
      errors = atoi(argv[++i]);
    else
      path = argv[i];
  }
  if (path == NULL) {
    fprintf(stderr,
            "usage: %s FILE.jsonl [--language en] [--newlines paragraphs] "
            "[--errors N]\n",
            argv[0]);
    return 2;
  }
  WnLanguage language;
  WnNewlineMode mode;
  if (!wn_language_from_string(lang, &language) || !wn_newline_mode_from_string(nl, &mode)) {
    fprintf(stderr, "%s: unknown --language or --newlines value\n", argv[0]);
    return 2;
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(WnSplitter) sp = wn_splitter_new(language, NULL, mode, &error);
  g_autofree char *data = NULL;
  gsize size;
  if (!g_file_get_contents(path, &data, &size, &error)) {
    fprintf(stderr, "%s: %s\n", argv[0], error->message);
    return 1;
  }
  gulong tp = 0, fp = 0, fn = 0, docs = 0, in_tp = 0, in_fp = 0, in_fn = 0;
  int shown_fp = 0, shown_fn = 0;
  g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
  for (guint li = 0; lines[li] != NULL; li++) {
    if (lines[li][0] == '\0')
      continue;
    g_autoptr(JsonParser) parser = json_parser_new();
    if (!json_parser_load_from_data(parser, lines[li], -1, &error)) {
      fprintf(stderr, "%s:%u: %s\n", path, li + 1, error->message);
      return 1;
    }
    JsonObject *o = json_node_get_object(json_parser_get_root(parser));
    const char *text = json_object_get_string_member(o, "text");
    JsonArray *gold = json_object_get_array_member(o, "sentences");
    docs++;
    g_autoptr(GHashTable) gold_starts = g_hash_table_new(NULL, NULL);
    for (guint i = 1; i < json_array_get_length(gold); i++) {
      JsonObject *g = json_array_get_object_element(gold, i);
      g_hash_table_add(gold_starts, GSIZE_TO_POINTER(json_object_get_int_member(g, "start") + 1));
    }
    /* Starts of paragraphs (when the file says), to score the boundaries inside
     * paragraphs apart from the easy ones at blank lines. */
    g_autoptr(GHashTable) par_starts = g_hash_table_new(NULL, NULL);
    if (json_object_has_member(o, "paragraphs")) {
      JsonArray *pars = json_object_get_array_member(o, "paragraphs");
      for (guint i = 0; i < json_array_get_length(pars); i++) {
        JsonArray *par = json_array_get_array_element(pars, i);
        if (json_array_get_length(par) == 0)
          continue;
        JsonObject *g = json_array_get_object_element(gold, json_array_get_int_element(par, 0));
        g_hash_table_add(par_starts, GSIZE_TO_POINTER(json_object_get_int_member(g, "start") + 1));
      }
    }
    g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
    wn_sentences_split(sp, text, strlen(text), sents);
    g_autoptr(GHashTable) pred = g_hash_table_new(NULL, NULL);
    for (guint i = 1; i < sents->len; i++) {
      glong ch = g_utf8_pointer_to_offset(text, text + g_array_index(sents, WnRange, i).start);
      g_hash_table_add(pred, GSIZE_TO_POINTER(ch + 1));
      gboolean inner = !g_hash_table_contains(par_starts, GSIZE_TO_POINTER(ch + 1));
      if (g_hash_table_contains(gold_starts, GSIZE_TO_POINTER(ch + 1))) {
        tp++;
        in_tp += inner;
      } else {
        fp++;
        in_fp += inner;
        if (shown_fp++ < errors)
          show("FP", text, ch);
      }
    }
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, gold_starts);
    while (g_hash_table_iter_next(&it, &key, NULL))
      if (!g_hash_table_contains(pred, key)) {
        fn++;
        in_fn += !g_hash_table_contains(par_starts, key);
        if (shown_fn++ < errors)
          show("FN", text, GPOINTER_TO_SIZE(key) - 1);
      }
  }
  double p = tp + fp ? (double)tp / (tp + fp) : 0, r = tp + fn ? (double)tp / (tp + fn) : 0;
  printf("documents %lu  gold boundaries %lu  predicted %lu\n", docs, tp + fn, tp + fp);
  double ip = in_tp + in_fp ? (double)in_tp / (in_tp + in_fp) : 0,
         ir = in_tp + in_fn ? (double)in_tp / (in_tp + in_fn) : 0;
  printf("inside paragraphs: gold %lu  precision %.4f  recall %.4f  F1 %.4f\n", in_tp + in_fn, ip,
         ir, ip + ir > 0 ? 2 * ip * ir / (ip + ir) : 0);
  printf("precision %.4f  recall %.4f  F1 %.4f\n", p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
  return 0;
}
