/* replacer.c: a test stage that replaces the text (upper-cases ASCII), which
 * drops every layer made before it. */
#include <winnow/winnow.h>

static gboolean
replacer_process(gpointer state, WnDoc *doc, GError **error)
{
  g_autofree char *up = g_ascii_strup(wn_doc_get_text(doc, NULL), -1);
  wn_doc_set_text(doc, up, -1);
  return TRUE;
}

WN_STAGE_DEFINE(.name = "replacer", .version = "0.1", .summary = "Upper-cases the text (test)",
                .license = "MIT", .flags = WN_STAGE_THREAD_SAFE | WN_STAGE_REPLACES_TEXT,
                .process = replacer_process)
