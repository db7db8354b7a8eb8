/* bench-trivial.c: the "one trivial stage" of the runner benchmark. It reads
 * every byte of the text once (counting words) and adds one field, so the
 * benchmark measures the core's cost per stage, not a real algorithm. */
#include <winnow/winnow.h>

static gboolean
trivial_process(gpointer state, WnDoc *doc, GError **error)
{
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  gint64 words = 0;
  gboolean in_word = FALSE;
  for (gsize i = 0; i < len; i++) {
    gboolean space = text[i] == ' ' || text[i] == '\n';
    words += !space && !in_word;
    in_word = !space;
  }
  wn_doc_set_field(doc, "n_words", json_node_init_int(json_node_alloc(), words));
  return TRUE;
}

WN_STAGE_DEFINE(.name = "bench-trivial", .version = "1.0.0",
                .summary = "Benchmark stage: counts words into an n_words field", .license = "MIT",
                .flags = WN_STAGE_THREAD_SAFE, .process = trivial_process)
