/* badspan.c: a buggy test stage that writes a span past the end of the text. */
#include <winnow/winnow.h>

static gboolean
badspan_process(gpointer state, WnDoc *doc, GError **error)
{
  gsize len = 0;
  wn_doc_get_text(doc, &len);
  wn_layer_append(wn_doc_add_layer(doc, "bad"), 0, len + 10, NULL, 0);
  return TRUE;
}

WN_STAGE_DEFINE(.name = "badspan", .version = "0.1", .summary = "Writes a bad span (test)",
                .license = "MIT", .provides = WN_LAYERS("bad"), .process = badspan_process)
