/* rt-fail.c: a test stage that fails on every document whose text contains
 * "FAIL", so the runner's error records can be checked. Thread-safe. */
#include <string.h>

#include <winnow/winnow.h>

static gboolean
fail_process(gpointer state, WnDoc *doc, GError **error)
{
  const char *text = wn_doc_get_text(doc, NULL);
  if (strstr(text, "FAIL") != NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE, "the text asks to fail");
    return FALSE;
  }
  wn_doc_set_string_field(doc, "checked", "yes");
  return TRUE;
}

WN_STAGE_DEFINE(.name = "rt-fail", .version = "1.0.0",
                .summary = "Test stage: fails on documents containing FAIL", .license = "MIT",
                .flags = WN_STAGE_THREAD_SAFE, .process = fail_process)
