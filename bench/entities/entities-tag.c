/* entities-tag.c: prints the entities the `sentences` + `entities` pipeline finds
 * in a text file, one "label<TAB>score<TAB>text" line each; for eyeballing.
 *
 *   build/bench/entities/entities-tag FILE [PIPELINE-JSON] */
#include <winnow/winnow.h>

#include <stdio.h>

int
main(int argc, char **argv)
{
  if (argc < 2) {
    g_printerr("usage: entities-tag FILE [PIPELINE-JSON]\n");
    return 2;
  }
  const char *json = argc > 2 ? argv[2]
                              : "{\"stages\": [{\"stage\": \"sentences\"}, "
                                "{\"stage\": \"entities\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = wn_pipeline_new_from_data(json, -1, "<bench>", NULL, &error);
  g_autofree char *text = NULL;
  gsize len = 0;
  if (p == NULL || !g_file_get_contents(argv[1], &text, &len, &error)) {
    g_printerr("entities-tag: %s\n", error->message);
    return 1;
  }
  g_autoptr(WnDoc) doc = wn_doc_new("doc", text, len, WN_MEDIA_TYPE_TEXT);
  if (!wn_pipeline_process(p, doc, &error)) {
    g_printerr("entities-tag: %s\n", error->message);
    return 1;
  }
  const char *t = wn_doc_get_text(doc, NULL);
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(wn_doc_get_layer(doc, "entities"), &n);
  for (gsize i = 0; i < n; i++)
    printf("%s\t%.2f\t%.*s\n", spans[i].label, spans[i].score, (int)(spans[i].end - spans[i].start),
           t + spans[i].start);
  return 0;
}
