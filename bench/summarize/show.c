/* show.c: runs a pipeline ending in summarize over text files taken as one
 * group and prints each document's summary, then the group's, so a person can
 * judge them:
 *
 *   summarize-show [--pipeline FILE] [--sentences N] FILE...
 *
 * Without --pipeline: boilerplate, sentences, entities (when found) and
 * summarize with N sentences (default 3). */
#include <winnow/winnow.h>

#include <stdio.h>

static char *
default_pipeline(int n, gboolean entities)
{
  return g_strdup_printf(
      "{\"name\": \"show\", \"stages\": [{\"stage\": \"boilerplate\"}, {\"stage\": "
      "\"sentences\"}, %s{\"stage\": \"summarize\", \"options\": {\"sentences\": %d}}]}",
      entities ? "{\"stage\": \"entities\"}, " : "", n);
}

int
main(int argc, char **argv)
{
  g_autofree char *pipeline_file = NULL;
  int n = 3;
  const GOptionEntry entries[] = {
      {"pipeline", 0, 0, G_OPTION_ARG_FILENAME, &pipeline_file, "Pipeline file", "FILE"},
      {"sentences", 0, 0, G_OPTION_ARG_INT, &n, "Sentences per summary", "N"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("FILE... - summaries of a group");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &error) || argc < 2) {
    fprintf(stderr, "usage: summarize-show [--pipeline FILE] [--sentences N] FILE...\n");
    return 2;
  }
  g_autoptr(WnPipeline) p = NULL;
  if (pipeline_file != NULL) {
    p = wn_pipeline_new_from_file(pipeline_file, NULL, &error);
  } else {
    g_autofree char *json = default_pipeline(n, TRUE);
    p = wn_pipeline_new_from_data(json, -1, "<show>", NULL, &error);
    if (p == NULL) { /* no entities stage: go without */
      g_clear_error(&error);
      g_autofree char *plain = default_pipeline(n, FALSE);
      p = wn_pipeline_new_from_data(plain, -1, "<show>", NULL, &error);
    }
  }
  if (p == NULL) {
    fprintf(stderr, "%s\n", error->message);
    return 2;
  }
  g_autoptr(WnGroup) group = wn_group_new("show");
  for (int i = 1; i < argc; i++) {
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(argv[i], &text, &len, &error)) {
      fprintf(stderr, "%s\n", error->message);
      return 3;
    }
    g_autoptr(WnDoc) doc = wn_doc_new(argv[i], text, (gssize)len, WN_MEDIA_TYPE_TEXT);
    wn_doc_set_group(doc, "show");
    if (!wn_pipeline_process(p, doc, &error)) {
      fprintf(stderr, "%s: %s\n", argv[i], error->message);
      g_clear_error(&error);
      continue;
    }
    printf("== %s\n", argv[i]);
    const WnLayer *summary = wn_doc_get_layer(doc, "summary");
    gsize n_spans = 0;
    const WnSpan *spans = summary ? wn_layer_get_spans(summary, &n_spans) : NULL;
    const char *body = wn_doc_get_text(doc, NULL);
    for (gsize k = 0; k < n_spans; k++)
      printf("  [%.2f] %.*s\n", spans[k].score, (int)(spans[k].end - spans[k].start),
             body + spans[k].start);
    wn_group_add_doc(group, doc);
  }
  if (!wn_pipeline_process_group(p, group, &error)) {
    fprintf(stderr, "group: %s\n", error->message);
    return 1;
  }
  printf("== group summary\n");
  JsonObject *fields = wn_group_get_fields(group);
  if (json_object_has_member(fields, "summary")) {
    JsonArray *a = json_object_get_array_member(fields, "summary");
    for (guint k = 0; k < json_array_get_length(a); k++) {
      JsonObject *o = json_array_get_object_element(a, k);
      printf("  [%.2f] (%s) %s\n", json_object_get_double_member(o, "score"),
             json_object_get_string_member(o, "id"), json_object_get_string_member(o, "text"));
    }
  }
  return 0;
}
