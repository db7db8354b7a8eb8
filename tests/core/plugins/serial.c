/* serial.c: a test stage that is not thread-safe: it fails a document if it
 * ever finds another call inside process() at the same time. */
#include <winnow/winnow.h>

static gint inside = 0;

static gboolean
serial_process(gpointer state, WnDoc *doc, GError **error)
{
  if (g_atomic_int_add(&inside, 1) != 0) {
    g_atomic_int_add(&inside, -1);
    g_set_error(error, WN_ERROR, WN_ERROR_FAILED, "called concurrently");
    return FALSE;
  }
  /* Stay inside long enough for a race to show. */
  g_usleep(200);
  wn_doc_set_string_field(doc, "serial", "ok");
  g_atomic_int_add(&inside, -1);
  return TRUE;
}

WN_STAGE_DEFINE(.name = "serial", .version = "0.1", .summary = "Not thread-safe (test)",
                .license = "MIT", .process = serial_process)
