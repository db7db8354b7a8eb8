/* needs.c: a test stage that requires the "words" layer and provides
 * "counts" (one span over the whole text, scored with the word count). */
#include <winnow/winnow.h>

static gboolean
needs_process(gpointer state, WnDoc *doc, GError **error)
{
  const WnLayer *words = wn_doc_get_layer(doc, "words");
  gsize len = 0;
  wn_doc_get_text(doc, &len);
  WnLayer *layer = wn_doc_add_layer(doc, "counts");
  wn_layer_append(layer, 0, len, "total", words != NULL ? (double)wn_layer_get_n_spans(words) : 0);
  return TRUE;
}

WN_STAGE_DEFINE(.name = "needs", .version = "0.1", .summary = "Counts words (test)",
                .license = "MIT", .requires = WN_LAYERS("words"), .provides = WN_LAYERS("counts"),
                .flags = WN_STAGE_THREAD_SAFE, .process = needs_process)
