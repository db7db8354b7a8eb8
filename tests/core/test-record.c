/* test-record.c: output records: code-point offsets on non-ASCII text (sorted
 * and unsorted spans), bytes mode, escaping, pass-through fields, span
 * attributes, the JSON line agreeing with the JSON tree, group records. */
#include <winnow/winnow.h>

#include <math.h>
#include <string.h>

static JsonObject *
parse_line(const char *line)
{
  g_autoptr(GError) error = NULL;
  g_assert_null(strchr(line, '\n'));
  JsonNode *node = json_from_string(line, &error);
  g_assert_no_error(error);
  JsonObject *o = json_object_ref(json_node_get_object(node));
  json_node_unref(node);
  return o;
}

/* The line and the tree must say the same thing. */
static JsonObject *
record_of(const WnDoc *doc, WnOffsetUnit unit)
{
  g_autofree char *line = wn_doc_to_json_line(doc, unit);
  JsonObject *o = parse_line(line);
  g_autoptr(JsonNode) tree = wn_doc_to_json(doc, unit);
  JsonNode *from_line = json_node_init_object(json_node_alloc(), o);
  g_assert_true(json_node_equal(from_line, tree));
  json_node_unref(from_line);
  return o;
}

static void
add_words(WnDoc *doc, gboolean reverse)
{
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  g_autoptr(GArray) bounds = g_array_new(FALSE, FALSE, sizeof(gsize));
  for (gsize i = 0; i < len;) {
    while (i < len && text[i] == ' ')
      i++;
    gsize s = i;
    while (i < len && text[i] != ' ')
      i++;
    if (i > s) {
      g_array_append_val(bounds, s);
      g_array_append_val(bounds, i);
    }
  }
  WnLayer *layer = wn_doc_add_layer(doc, "words");
  guint n = bounds->len / 2;
  for (guint k = 0; k < n; k++) {
    guint w = reverse ? n - 1 - k : k;
    wn_layer_append(layer, g_array_index(bounds, gsize, 2 * w),
                    g_array_index(bounds, gsize, 2 * w + 1), "word", 0);
  }
}

/* Checks every span's start/end against its text, counting code points the
 * slow way. */
static void
check_char_offsets(JsonObject *rec, const char *layer)
{
  const char *text = json_object_get_string_member(rec, "text");
  JsonArray *spans = json_object_get_array_member(rec, layer);
  for (guint k = 0; k < json_array_get_length(spans); k++) {
    JsonObject *s = json_array_get_object_element(spans, k);
    gint64 a = json_object_get_int_member(s, "start");
    gint64 b = json_object_get_int_member(s, "end");
    const char *pa = g_utf8_offset_to_pointer(text, a);
    const char *pb = g_utf8_offset_to_pointer(text, b);
    g_autofree char *slice = g_strndup(pa, pb - pa);
    g_assert_cmpstr(slice, ==, json_object_get_string_member(s, "text"));
  }
}

static void
test_char_offsets(void)
{
  const char *text = "Ça coûte 5 € à Zürich — 東京 naïve 🙂 end";
  for (int reverse = 0; reverse < 2; reverse++) {
    g_autoptr(WnDoc) doc = wn_doc_new("u", text, -1, NULL);
    add_words(doc, reverse);
    g_autoptr(JsonObject) rec = record_of(doc, WN_OFFSETS_CHARS);
    check_char_offsets(rec, "words");
    JsonArray *spans = json_object_get_array_member(rec, "words");
    g_assert_cmpuint(json_array_get_length(spans), ==, 11);
    /* "東京" is the 8th of 11 words, code points 24 to 26. */
    JsonObject *tokyo = json_array_get_object_element(spans, reverse ? 3 : 7);
    g_assert_cmpstr(json_object_get_string_member(tokyo, "text"), ==, "東京");
    g_assert_cmpint(json_object_get_int_member(tokyo, "start"), ==, 24);
    g_assert_cmpint(json_object_get_int_member(tokyo, "end"), ==, 26);
    g_assert_cmpstr(json_object_get_string_member(tokyo, "label"), ==, "word");
    g_assert_false(json_object_has_member(tokyo, "score"));
  }
}

static void
test_long_unsorted_text(void)
{
  /* Long enough for the checkpoint table to matter, spans in reverse. */
  GString *s = g_string_new(NULL);
  for (int i = 0; i < 2000; i++)
    g_string_append(s, i % 3 == 0 ? "ünïcödé " : i % 3 == 1 ? "ascii " : "日本語 ");
  g_autoptr(WnDoc) doc = wn_doc_new("long", s->str, s->len, NULL);
  g_string_free(s, TRUE);
  add_words(doc, TRUE);
  g_autoptr(JsonObject) rec = record_of(doc, WN_OFFSETS_CHARS);
  check_char_offsets(rec, "words");
  g_assert_cmpuint(json_array_get_length(json_object_get_array_member(rec, "words")), ==, 2000);
}

static void
test_nested_spans(void)
{
  const char *text = "é1 é2 é3";
  g_autoptr(WnDoc) doc = wn_doc_new("n", text, -1, NULL);
  WnLayer *layer = wn_doc_add_layer(doc, "spans");
  wn_layer_append(layer, 0, strlen(text), "all", 1); /* ends after the next ones start */
  wn_layer_append(layer, 0, 3, "first", 0);
  wn_layer_append(layer, 4, 7, "second", 0);
  g_autoptr(JsonObject) rec = record_of(doc, WN_OFFSETS_CHARS);
  check_char_offsets(rec, "spans");
  JsonArray *spans = json_object_get_array_member(rec, "spans");
  JsonObject *all = json_array_get_object_element(spans, 0);
  g_assert_cmpint(json_object_get_int_member(all, "end"), ==, 8);
  g_assert_cmpfloat(json_object_get_double_member(all, "score"), ==, 1.0);
  JsonObject *second = json_array_get_object_element(spans, 2);
  g_assert_cmpint(json_object_get_int_member(second, "start"), ==, 3);
  g_assert_cmpint(json_object_get_int_member(second, "end"), ==, 5);
}

static void
test_bytes_mode(void)
{
  g_autoptr(WnDoc) doc = wn_doc_new("b", "über alles", -1, NULL);
  add_words(doc, FALSE);
  g_autoptr(JsonObject) rec = record_of(doc, WN_OFFSETS_BYTES);
  JsonObject *alles = json_array_get_object_element(json_object_get_array_member(rec, "words"), 1);
  g_assert_cmpint(json_object_get_int_member(alles, "start"), ==, 6);
  g_assert_cmpint(json_object_get_int_member(alles, "end"), ==, 11);
  g_assert_cmpstr(json_object_get_string_member(alles, "text"), ==, "alles");
}

static void
test_fields_escapes_attrs(void)
{
  g_autoptr(WnDoc) doc = wn_doc_new("id \"q\"\n", "tab\there \x01 \\ \"quoted\"", -1, NULL);
  wn_doc_set_field(doc, "meta", json_from_string("{\"site\": \"x\", \"n\": [1, 2]}", NULL));
  wn_doc_set_string_field(doc, "title", "Tïtle");
  wn_doc_set_string_field(doc, "text", "must not override the text");
  WnLayer *layer = wn_doc_add_layer(doc, "entities");
  WnSpan *span = wn_layer_append(layer, 0, 3, "ORG", 0.25);
  span->attrs = json_object_new();
  json_object_set_string_member(span->attrs, "kb", "Q1");
  json_object_set_int_member(span->attrs, "start", 99); /* the core's keys win */
  g_autofree char *line = wn_doc_to_json_line(doc, WN_OFFSETS_CHARS);
  g_assert_true(g_str_has_prefix(line, "{\"type\":\"document\",\"id\":\"id \\\"q\\\"\\n\","));
  g_assert_nonnull(strstr(line, "\\t"));
  g_assert_nonnull(strstr(line, "\\u0001"));
  g_autoptr(JsonObject) rec = record_of(doc, WN_OFFSETS_CHARS);
  g_assert_cmpstr(json_object_get_string_member(rec, "type"), ==, "document");
  g_assert_cmpstr(json_object_get_string_member(rec, "id"), ==, "id \"q\"\n");
  g_assert_cmpstr(json_object_get_string_member(rec, "text"), ==, "tab\there \x01 \\ \"quoted\"");
  g_assert_cmpstr(json_object_get_string_member(rec, "title"), ==, "Tïtle");
  JsonObject *meta = json_object_get_object_member(rec, "meta");
  g_assert_cmpstr(json_object_get_string_member(meta, "site"), ==, "x");
  JsonObject *e = json_array_get_object_element(json_object_get_array_member(rec, "entities"), 0);
  g_assert_cmpint(json_object_get_int_member(e, "start"), ==, 0);
  g_assert_cmpstr(json_object_get_string_member(e, "label"), ==, "ORG");
  g_assert_cmpfloat(json_object_get_double_member(e, "score"), ==, 0.25);
  g_assert_cmpstr(json_object_get_string_member(e, "kb"), ==, "Q1");
  /* Field order: type, id, the fields, text, then the layers. */
  g_autoptr(GList) members = json_object_get_members(rec);
  const char *order[] = {"type", "id", "meta", "title", "text", "entities"};
  guint i = 0;
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr(l->data, ==, order[i]);
  g_assert_cmpuint(i, ==, G_N_ELEMENTS(order));
}

static void
test_passed_through_values(void)
{
  /* Pass-through values are written by the core's own writer: every kind of
   * JSON value must come back as it went in, and the line must be valid JSON
   * (json-glib 1.6 itself would write 1e+20.0 and a raw 0x1f byte). */
  g_autoptr(WnDoc) doc = wn_doc_new("d1", "Body text.", -1, NULL);
  JsonObject *meta = json_object_new();
  json_object_set_string_member(meta, "ctl", "unit\x1fsep \x7f del");
  json_object_set_double_member(meta, "big", 1e20);
  json_object_set_double_member(meta, "whole", 5.0);
  json_object_set_double_member(meta, "small", -2.5e-7);
  json_object_set_double_member(meta, "nan", NAN);
  json_object_set_int_member(meta, "int", G_MININT64);
  json_object_set_boolean_member(meta, "flag", FALSE);
  json_object_set_null_member(meta, "none");
  JsonArray *tags = json_array_new();
  json_array_add_string_element(tags, "économie");
  json_array_add_int_element(tags, 7);
  json_object_set_array_member(meta, "tags", tags);
  wn_doc_set_field(doc, "meta", json_node_init_object(json_node_alloc(), meta));
  json_object_unref(meta);

  g_autofree char *line = wn_doc_to_json_line(doc, WN_OFFSETS_CHARS);
  g_assert_nonnull(strstr(line, "\\u001f"));
  g_assert_null(strstr(line, "e+20.0"));
  g_autoptr(JsonObject) rec = parse_line(line);
  JsonObject *m = json_object_get_object_member(rec, "meta");
  g_assert_cmpstr(json_object_get_string_member(m, "ctl"), ==, "unit\x1fsep \x7f del");
  g_assert_cmpfloat(json_object_get_double_member(m, "big"), ==, 1e20);
  g_assert_cmpfloat(json_object_get_double_member(m, "whole"), ==, 5.0);
  g_assert_cmpfloat(json_object_get_double_member(m, "small"), ==, -2.5e-7);
  g_assert_true(json_object_get_null_member(m, "nan"));
  g_assert_cmpint(json_object_get_int_member(m, "int"), ==, G_MININT64);
  g_assert_false(json_object_get_boolean_member(m, "flag"));
  g_assert_true(json_object_get_null_member(m, "none"));
  JsonArray *t = json_object_get_array_member(m, "tags");
  g_assert_cmpstr(json_array_get_string_element(t, 0), ==, "économie");
  g_assert_cmpint(json_array_get_int_element(t, 1), ==, 7);
}

static void
test_escapes_at_every_alignment(void)
{
  /* The writer skips plain bytes eight at a time; put each character that
   * needs escaping at every position within a word. */
  static const char specials[] = {'"', '\\', '\n', '\x1f', '\x01', '\t'};
  for (gsize i = 0; i < G_N_ELEMENTS(specials); i++)
    for (gsize at = 0; at < 17; at++) {
      GString *s = g_string_new(NULL);
      for (gsize k = 0; k < at; k++)
        g_string_append_c(s, "ab\xc3\xa9 "[k % 5]);
      g_string_append_c(s, specials[i]);
      g_string_append(s, "0123456789 \xe6\x97\xa5 tail");
      g_autoptr(WnDoc) doc = wn_doc_new("e", s->str, s->len, NULL);
      g_autoptr(JsonObject) rec = record_of(doc, WN_OFFSETS_CHARS);
      g_assert_cmpstr(json_object_get_string_member(rec, "text"), ==, wn_doc_get_text(doc, NULL));
      g_string_free(s, TRUE);
    }
}

static void
test_bad_offsets_clamped(void)
{
  /* An embedding program can write any offsets; output stays valid UTF-8. */
  g_autoptr(WnDoc) doc = wn_doc_new("x", "日本", -1, NULL);
  WnLayer *layer = wn_doc_add_layer(doc, "odd");
  wn_layer_append(layer, 1, 4, NULL, 0);   /* inside characters */
  wn_layer_append(layer, 2, 100, NULL, 0); /* past the end */
  g_autoptr(JsonObject) rec = record_of(doc, WN_OFFSETS_CHARS);
  JsonArray *spans = json_object_get_array_member(rec, "odd");
  JsonObject *a = json_array_get_object_element(spans, 0);
  g_assert_cmpint(json_object_get_int_member(a, "start"), ==, 0);
  g_assert_cmpint(json_object_get_int_member(a, "end"), ==, 1);
  g_assert_cmpstr(json_object_get_string_member(a, "text"), ==, "日");
  JsonObject *b = json_array_get_object_element(spans, 1);
  g_assert_cmpint(json_object_get_int_member(b, "end"), ==, 2);
  g_assert_cmpstr(json_object_get_string_member(b, "text"), ==, "日本");
}

static void
test_group_record(void)
{
  g_autoptr(WnGroup) group = wn_group_new("story");
  for (int i = 0; i < 2; i++) {
    g_autofree char *id = g_strdup_printf("s%d", i);
    g_autoptr(WnDoc) doc = wn_doc_new(id, "x", -1, NULL);
    wn_group_add_doc(group, doc);
  }
  wn_group_set_field(group, "summary", json_from_string("[\"one\", \"two\"]", NULL));
  g_autoptr(JsonNode) node = wn_group_to_json(group);
  JsonObject *o = json_node_get_object(node);
  g_assert_cmpstr(json_object_get_string_member(o, "type"), ==, "group");
  g_assert_cmpstr(json_object_get_string_member(o, "group"), ==, "story");
  JsonArray *docs = json_object_get_array_member(o, "documents");
  g_assert_cmpuint(json_array_get_length(docs), ==, 2);
  g_assert_cmpstr(json_array_get_string_element(docs, 1), ==, "s1");
  g_assert_cmpuint(json_array_get_length(json_object_get_array_member(o, "summary")), ==, 2);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/core/record/offsets/chars", test_char_offsets);
  g_test_add_func("/core/record/offsets/long-unsorted", test_long_unsorted_text);
  g_test_add_func("/core/record/offsets/nested", test_nested_spans);
  g_test_add_func("/core/record/offsets/bytes", test_bytes_mode);
  g_test_add_func("/core/record/offsets/clamped", test_bad_offsets_clamped);
  g_test_add_func("/core/record/fields-escapes-attrs", test_fields_escapes_attrs);
  g_test_add_func("/core/record/escapes-every-alignment", test_escapes_at_every_alignment);
  g_test_add_func("/core/record/passed-through-values", test_passed_through_values);
  g_test_add_func("/core/record/group", test_group_record);
  return g_test_run();
}
