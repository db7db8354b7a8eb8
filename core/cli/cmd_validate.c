/* cmd_validate.c: `winnow validate PIPELINE...`: everything `run` checks
 * before the first document (stages found and loaded, options, layer order,
 * each stage's init), and nothing more. */
#include <winnow/winnow.h>

#include <stdio.h>

#include "commands.h"

int
wn_cmd_validate(int argc, char **argv)
{
  g_auto(GStrv) plugin_path = NULL;
  const GOptionEntry entries[] = {
      {"plugin-path", 'P', 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_path,
       "Search DIR for stages first (repeatable)", "DIR"},
      {0},
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new("PIPELINE... - check pipeline files");
  g_option_context_set_summary(
      ctx, "Loads every stage of each pipeline file, checks its options and the layer order\n"
           "and runs each stage's init, without processing any document. Prints\n"
           "\"FILE: ok, N stages\" for a valid file, and every problem of an invalid one.");
  g_option_context_set_description(ctx, "Exit status: 0 every file valid, 2 a file is invalid "
                                        "(or bad usage), 3 a file could not be read.\n");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
    fprintf(stderr, "winnow validate: %s (see winnow validate --help)\n", error->message);
    return WN_EXIT_USAGE;
  }
  if (argc < 2) {
    fprintf(stderr, "winnow validate: give a pipeline file (see winnow validate --help)\n");
    return WN_EXIT_USAGE;
  }
  int status = WN_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    g_autoptr(GError) local = NULL;
    g_autoptr(WnPipeline) p =
        wn_pipeline_new_from_file(argv[i], (const char *const *)plugin_path, &local);
    if (p == NULL) {
      fprintf(stderr, "%s\n", local->message);
      if (g_error_matches(local, WN_ERROR, WN_ERROR_IO)) {
        if (status == WN_EXIT_OK)
          status = WN_EXIT_IO;
      } else
        status = WN_EXIT_USAGE;
      continue;
    }
    guint n = wn_pipeline_get_n_stages(p);
    printf("%s: ok, %u stage%s\n", argv[i], n, n == 1 ? "" : "s");
  }
  return status;
}
