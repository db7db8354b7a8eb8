/* stage-split.c: splits the benchmark's documents with the real "sentences"
 * stage, through a one-stage pipeline (see corpus.h). */
#include "corpus.h"

#include <winnow/pipeline.h>

static const char pipeline_json[] =
    "{\"name\": \"bench-sentences\", \"stages\": [{\"stage\": \"sentences\", "
    "\"options\": {\"language\": \"en\"}}]}";

gboolean
bench_split_stage(GPtrArray *clusters, GError **error)
{
  g_autoptr(WnPipeline) p =
      wn_pipeline_new_from_data(pipeline_json, -1, "<bench-sentences>", NULL, error);
  if (p == NULL)
    return FALSE;
  for (guint c = 0; c < clusters->len; c++) {
    BenchCluster *cl = g_ptr_array_index(clusters, c);
    for (guint d = 0; d < cl->docs->len; d++) {
      BenchDoc *bd = g_ptr_array_index(cl->docs, d);
      g_autoptr(WnDoc) doc = wn_doc_new(bd->id, bd->text, (gssize)bd->len, WN_MEDIA_TYPE_TEXT);
      if (!wn_pipeline_process(p, doc, error))
        return FALSE;
      /* The stage saw the same bytes (the corpus is valid UTF-8), so offsets hold. */
      gsize n = 0;
      const WnLayer *layer = wn_doc_get_layer(doc, "sentences");
      const WnSpan *spans = layer != NULL ? wn_layer_get_spans(layer, &n) : NULL;
      g_array_set_size(bd->sentences, 0);
      for (gsize k = 0; k < n; k++) {
        const WnSpan sp = {spans[k].start, spans[k].end, NULL, 0, NULL};
        g_array_append_val(bd->sentences, sp);
      }
    }
  }
  return TRUE;
}
