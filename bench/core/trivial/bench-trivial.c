/* bench-trivial.c: the "one trivial stage" of the runner benchmark. It scans
 * the text once (counting spaces) and adds one field, so the benchmark
 * measures the core's cost of a stage, not a real algorithm. */
#include <winnow/winnow.h>

static gboolean
trivial_process(gpointer state, WnDoc *doc, GError **error)
{
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  gint64 spaces = 0;
  /* A plain loop the compiler vectorises: one memchr call per space cost
   * more than the whole core does per byte, which is not what this stage is
   * here to measure. */
  for (gsize k = 0; k < len; k++)
    spaces += text[k] == ' ';
  wn_doc_set_field(doc, "n_spaces", json_node_init_int(json_node_alloc(), spaces));
  return TRUE;
}

WN_STAGE_DEFINE(.name = "bench-trivial", .version = "1.0.0",
                .summary = "Benchmark stage: counts spaces into an n_spaces field",
                .license = "MIT", .flags = WN_STAGE_THREAD_SAFE, .process = trivial_process)
