/* rt-serial.c: a test stage that is not thread-safe and checks that the
 * runner honours it: it keeps mutable state without a lock and fails the
 * document when it finds another call inside process() at the same time. */
#include <winnow/winnow.h>

typedef struct {
  gint inside; /* calls in progress; must never exceed one */
  guint64 calls;
  guint64 checksum;
} SerialState;

static gboolean
serial_init(const WnOptions *options, gpointer *state, GError **error)
{
  *state = g_new0(SerialState, 1);
  return TRUE;
}

static gboolean
serial_process(gpointer state, WnDoc *doc, GError **error)
{
  SerialState *s = state;
  if (g_atomic_int_add(&s->inside, 1) != 0) {
    g_atomic_int_add(&s->inside, -1);
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE, "process() was called concurrently");
    return FALSE;
  }
  /* Some work, to widen the window in which a second call would be seen. */
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  guint64 h = s->checksum;
  for (int round = 0; round < 20; round++)
    for (gsize i = 0; i < len; i++)
      h = h * 31 + (guchar)text[i];
  s->checksum = h;
  s->calls++;
  wn_doc_set_field(doc, "call", json_node_init_int(json_node_alloc(), (gint64)s->calls));
  g_atomic_int_add(&s->inside, -1);
  return TRUE;
}

static void
serial_finalize(gpointer state)
{
  g_free(state);
}

WN_STAGE_DEFINE(.name = "rt-serial", .version = "1.0.0",
                .summary = "Test stage: not thread-safe, detects concurrent calls",
                .license = "MIT", .flags = 0, .init = serial_init, .process = serial_process,
                .finalize = serial_finalize)
