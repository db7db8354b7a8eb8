/* rt-probe.c: a test stage that shows what the runner handed over: the
 * media type, source and group become fields, an input member "echo" is
 * copied to "echoed" (to read passed-through members), and every run of
 * letters becomes a span of a "words" layer (to check output offsets). */
#include <winnow/winnow.h>

static gboolean
probe_process(gpointer state, WnDoc *doc, GError **error)
{
  wn_doc_set_string_field(doc, "media_type", wn_doc_get_media_type(doc));
  wn_doc_set_string_field(doc, "source", wn_doc_get_source(doc));
  if (wn_doc_get_group(doc) != NULL)
    wn_doc_set_string_field(doc, "doc_group", wn_doc_get_group(doc));
  JsonNode *echo = wn_doc_get_field(doc, "echo");
  if (echo != NULL)
    wn_doc_set_field(doc, "echoed", json_node_copy(echo));
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  WnLayer *words = wn_doc_add_layer(doc, "words");
  const char *p = text;
  while (p < text + len) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isalpha(c)) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *start = p;
    while (p < text + len && g_unichar_isalpha(g_utf8_get_char(p)))
      p = g_utf8_next_char(p);
    wn_layer_append(words, start - text, p - text, "word", 0);
  }
  return TRUE;
}

WN_STAGE_DEFINE(.name = "rt-probe", .version = "1.0.0",
                .summary = "Test stage: media type, source and group as fields, a words layer",
                .license = "MIT", .flags = WN_STAGE_THREAD_SAFE, .provides = WN_LAYERS("words"),
                .process = probe_process)
