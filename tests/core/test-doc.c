/* test-doc.c: the document model: UTF-8 repair, NUL bytes, fields, layers
 * (growth, replacement, dropped by set_text) and groups. */
#include <winnow/winnow.h>

#include <string.h>

static void
test_valid_text_kept(void)
{
  const char *text = "Zürich, 東京 and Αθήνα";
  g_autoptr(WnDoc) doc = wn_doc_new("d", text, -1, WN_MEDIA_TYPE_TEXT);
  gsize len = 0;
  g_assert_cmpstr(wn_doc_get_text(doc, &len), ==, text);
  g_assert_cmpuint(len, ==, strlen(text));
  g_assert_cmpuint(wn_doc_get_n_repairs(doc), ==, 0);
  g_assert_cmpstr(wn_doc_get_id(doc), ==, "d");
  g_assert_cmpstr(wn_doc_get_media_type(doc), ==, "text/plain");
}

static void
test_invalid_utf8_repaired(void)
{
  /* A Latin-1 "é", a truncated 3-byte sequence at the end, and an overlong
   * encoding of '/': each bad byte becomes U+FFFD. */
  const char raw[] = "caf\xe9 ok \xc0\xaf end \xe6\x9d";
  g_autoptr(WnDoc) doc = wn_doc_new("d", raw, sizeof raw - 1, NULL);
  const char *text = wn_doc_get_text(doc, NULL);
  g_assert_true(g_utf8_validate(text, -1, NULL));
  g_assert_cmpstr(text, ==,
                  "caf\xef\xbf\xbd ok \xef\xbf\xbd\xef\xbf\xbd end \xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpuint(wn_doc_get_n_repairs(doc), ==, 5);
}

static void
test_nul_bytes_replaced(void)
{
  const char raw[] = "a\0b\0\0c";
  g_autoptr(WnDoc) doc = wn_doc_new("d", raw, sizeof raw - 1, NULL);
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  g_assert_cmpuint(strlen(text), ==, len);
  g_assert_cmpstr(text, ==,
                  "a\xef\xbf\xbd"
                  "b\xef\xbf\xbd\xef\xbf\xbd"
                  "c");
  g_assert_cmpuint(wn_doc_get_n_repairs(doc), ==, 3);
}

static void
test_empty_and_null_text(void)
{
  g_autoptr(WnDoc) doc = wn_doc_new(NULL, NULL, -1, NULL);
  gsize len = 99;
  g_assert_cmpstr(wn_doc_get_text(doc, &len), ==, "");
  g_assert_cmpuint(len, ==, 0);
  g_assert_cmpstr(wn_doc_get_id(doc), ==, "");
}

static void
test_set_text_drops_layers(void)
{
  g_autoptr(WnDoc) doc = wn_doc_new("d", "<p>Hello world</p>", -1, WN_MEDIA_TYPE_HTML);
  WnLayer *layer = wn_doc_add_layer(doc, "tags");
  wn_layer_append(layer, 0, 3, "open", 0);
  g_assert_cmpuint(wn_doc_get_n_layers(doc), ==, 1);
  wn_doc_set_text(doc, "Hello \xff world", -1);
  g_assert_cmpuint(wn_doc_get_n_layers(doc), ==, 0);
  g_assert_null(wn_doc_get_layer(doc, "tags"));
  g_assert_cmpstr(wn_doc_get_text(doc, NULL), ==, "Hello \xef\xbf\xbd world");
  g_assert_cmpuint(wn_doc_get_n_repairs(doc), ==, 1);
  /* The new text may come from the old one. */
  const char *old = wn_doc_get_text(doc, NULL);
  wn_doc_set_text(doc, old + 6 + 3 + 1, -1);
  g_assert_cmpstr(wn_doc_get_text(doc, NULL), ==, "world");
}

static void
test_layers_grow_and_replace(void)
{
  g_autoptr(WnDoc) doc = wn_doc_new("d", "one two three", -1, NULL);
  WnLayer *layer = wn_doc_add_layer(doc, "words");
  for (gsize i = 0; i < 1000; i++)
    wn_layer_append(layer, i % 13, i % 13, "word", (double)i);
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(wn_doc_get_layer(doc, "words"), &n);
  g_assert_cmpuint(n, ==, 1000);
  g_assert_cmpfloat(spans[999].score, ==, 999.0);
  WnSpan *s = wn_layer_append(layer, 4, 7, "word", 0.5);
  s->attrs = json_object_new();
  json_object_set_string_member(s->attrs, "lemma", "two");
  wn_doc_add_layer(doc, "other");
  /* Adding a layer of an existing name replaces it, moving it last. */
  WnLayer *again = wn_doc_add_layer(doc, "words");
  g_assert_cmpuint(wn_layer_get_n_spans(again), ==, 0);
  g_assert_cmpuint(wn_doc_get_n_layers(doc), ==, 2);
  g_assert_cmpstr(wn_layer_get_name(wn_doc_get_nth_layer(doc, 0)), ==, "other");
  g_assert_cmpstr(wn_layer_get_name(wn_doc_get_nth_layer(doc, 1)), ==, "words");
}

static void
test_fields_and_group(void)
{
  g_autoptr(WnDoc) doc = wn_doc_new("d", "x", -1, NULL);
  wn_doc_set_string_field(doc, "title", "A title");
  wn_doc_set_field(doc, "meta", json_from_string("{\"site\": \"example\"}", NULL));
  g_assert_cmpstr(json_node_get_string(wn_doc_get_field(doc, "title")), ==, "A title");
  g_assert_null(wn_doc_get_field(doc, "missing"));
  /* A NULL string is a JSON null, written as one. */
  wn_doc_set_string_field(doc, "source", NULL);
  g_assert_true(JSON_NODE_HOLDS_NULL(wn_doc_get_field(doc, "source")));
  g_autofree char *line = wn_doc_to_json_line(doc, WN_OFFSETS_CHARS);
  g_assert_nonnull(strstr(line, "\"source\":null"));
  g_assert_cmpuint(json_object_get_size(wn_doc_get_fields(doc)), ==, 3);
  wn_doc_set_group(doc, "story-1");
  wn_doc_set_source(doc, "in.jsonl:3");
  g_assert_cmpstr(wn_doc_get_group(doc), ==, "story-1");
  g_assert_cmpstr(wn_doc_get_source(doc), ==, "in.jsonl:3");

  g_autoptr(WnGroup) group = wn_group_new("story-1");
  wn_group_add_doc(group, doc);
  g_assert_cmpuint(wn_group_get_n_docs(group), ==, 1);
  g_assert_true(wn_group_get_doc(group, 0) == doc);
  wn_group_set_field(group, "summary", json_from_string("\"short\"", NULL));
  g_assert_cmpuint(json_object_get_size(wn_group_get_fields(group)), ==, 1);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/core/doc/text/valid", test_valid_text_kept);
  g_test_add_func("/core/doc/text/invalid-utf8", test_invalid_utf8_repaired);
  g_test_add_func("/core/doc/text/nul-bytes", test_nul_bytes_replaced);
  g_test_add_func("/core/doc/text/empty", test_empty_and_null_text);
  g_test_add_func("/core/doc/layers/dropped-on-set-text", test_set_text_drops_layers);
  g_test_add_func("/core/doc/layers/grow-and-replace", test_layers_grow_and_replace);
  g_test_add_func("/core/doc/fields-and-group", test_fields_and_group);
  return g_test_run();
}
