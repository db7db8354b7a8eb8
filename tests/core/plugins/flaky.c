/* flaky.c: a test stage that fails on any document whose text contains
 * "FAIL", and otherwise marks the document with a field. */
#include <winnow/winnow.h>

#include <string.h>

static gboolean
flaky_process(gpointer state, WnDoc *doc, GError **error)
{
  if (strstr(wn_doc_get_text(doc, NULL), "FAIL") != NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_FAILED, "refusing a text that asks to fail");
    return FALSE;
  }
  wn_doc_set_string_field(doc, "flaky", "ok");
  return TRUE;
}

WN_STAGE_DEFINE(.name = "flaky", .version = "0.1", .summary = "Fails on some documents (test)",
                .license = "MIT", .flags = WN_STAGE_THREAD_SAFE, .process = flaky_process)
