/* embed.c: using winnow from a C program. Loads a pipeline file, runs each
 * text given on the command line through it as one document and prints the
 * JSON record of each.
 *
 *   embed PIPELINE TEXT...
 *   embed pipelines/news.json "The council met on Monday. It approved the plan."
 *
 * For whole files and streams (JSON Lines, folders, standard input) with
 * several threads, see wn_runner_run() in <winnow/runner.h>. */
#include <stdio.h>

#include <winnow/winnow.h>

int
main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: %s PIPELINE TEXT...\n", argv[0]);
    return 2;
  }
  g_autoptr(GError) error = NULL;
  /* Every stage is found, loaded, checked and initialised here, before the
   * first document; NULL plugin_dirs means the default search path. */
  g_autoptr(WnPipeline) pipeline = wn_pipeline_new_from_file(argv[1], NULL, &error);
  if (pipeline == NULL) {
    fprintf(stderr, "%s\n", error->message);
    return 2;
  }
  int status = 0;
  for (int i = 2; i < argc; i++) {
    g_autofree char *id = g_strdup_printf("arg-%d", i - 1);
    g_autoptr(WnDoc) doc = wn_doc_new(id, argv[i], -1, WN_MEDIA_TYPE_TEXT);
    if (!wn_pipeline_process(pipeline, doc, &error)) {
      /* One failed document does not end the program. */
      fprintf(stderr, "%s\n", error->message);
      g_clear_error(&error);
      status = 1;
      continue;
    }
    g_autofree char *line = wn_doc_to_json_line(doc, WN_OFFSETS_CHARS);
    printf("%s\n", line);
  }
  return status;
}
