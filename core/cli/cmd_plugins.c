/* cmd_plugins.c: `winnow plugins [NAME]`: lists every stage on the search
 * path, or describes one stage: its options, layers and flags. */
#include <winnow/winnow.h>

#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "loader.h"
#include "pipeline-private.h"

static void
print_layers(const char *what, const char *const *layers)
{
  printf("  %-9s ", what);
  if (layers == NULL || layers[0] == NULL)
    printf("(none)\n");
  else {
    g_autofree char *list = g_strjoinv(", ", (char **)layers);
    printf("%s\n", list);
  }
}

static void
describe(const WnPlugin *plugin)
{
  const WnStageInfo *info = plugin->info;
  printf("%s %s: %s\n", info->name, info->version, info->summary);
  printf("  %-9s %s\n", "file", plugin->path);
  printf("  %-9s %s\n", "license", info->license);
  printf("  %-9s %u.%u\n", "ABI", info->abi_major, info->abi_minor);
  print_layers("requires", info->requires);
  print_layers("provides", info->provides);
  g_autoptr(GString) flags = g_string_new(NULL);
  if (info->flags & WN_STAGE_THREAD_SAFE)
    g_string_append(flags, "thread-safe");
  else
    g_string_append(flags, "one document at a time");
  if (info->flags & WN_STAGE_REPLACES_TEXT)
    g_string_append(flags, ", replaces the text (drops earlier layers)");
  if (info->process_group != NULL)
    g_string_append(flags, ", processes groups");
  printf("  %-9s %s\n", "flags", flags->str);
  if (info->options == NULL || info->options[0].name == NULL) {
    printf("  %-9s (none)\n", "options");
    return;
  }
  printf("  options:\n");
  for (const WnOptionSpec *o = info->options; o->name != NULL; o++) {
    g_autoptr(GString) line = g_string_new(NULL);
    g_string_append_printf(line, "    %s (%s", o->name, wn_option_type_name(o->type));
    /* A list's "" default reads better as words than as an empty string. */
    gboolean is_list = o->type == WN_OPTION_STRING_LIST || o->type == WN_OPTION_PATH_LIST;
    if (is_list && (o->default_value == NULL || o->default_value[0] == '\0'))
      g_string_append(line, ", empty by default");
    else if (o->default_value != NULL)
      g_string_append_printf(line, ", default \"%s\"", o->default_value);
    else if (o->type == WN_OPTION_PATH)
      g_string_append(line, ", unset by default");
    if ((o->type == WN_OPTION_INT || o->type == WN_OPTION_DOUBLE) && o->min < o->max)
      g_string_append_printf(line, ", range [%g, %g]", o->min, o->max);
    if (o->choices != NULL) {
      g_autofree char *choices = g_strjoinv("|", (char **)o->choices);
      g_string_append_printf(line, ", one of %s", choices);
    }
    g_string_append(line, ")");
    printf("%s\n", line->str);
    if (o->help != NULL)
      printf("        %s\n", o->help);
  }
}

int
wn_cmd_plugins(int argc, char **argv)
{
  g_auto(GStrv) plugin_path = NULL;
  const GOptionEntry entries[] = {
      {"plugin-path", 'P', 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_path,
       "Search DIR for stages first (repeatable)", "DIR"},
      {0},
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new("[NAME] - list or describe stages");
  g_option_context_set_summary(
      ctx, "Without NAME, lists every stage found (name, version, summary, file), searching\n"
           "--plugin-path folders, then $WINNOW_PLUGIN_PATH, then the installed stages.\n"
           "With NAME (a stage name or a path to its .so), describes that stage: its\n"
           "options with type, default, range or choices and help; the layers it requires\n"
           "and provides; its flags.");
  g_option_context_set_description(ctx, "Exit status: 0 success, 2 no such stage, or a stage "
                                        "file that cannot be loaded, or bad usage.\n");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
    fprintf(stderr, "winnow plugins: %s (see winnow plugins --help)\n", error->message);
    return WN_EXIT_USAGE;
  }
  const char *const *dirs = (const char *const *)plugin_path;
  if (argc > 2) {
    fprintf(stderr, "winnow plugins: give at most one stage name (see winnow plugins --help)\n");
    return WN_EXIT_USAGE;
  }
  if (argc == 2) {
    g_autoptr(WnPlugin) plugin = wn_loader_load(argv[1], dirs, NULL, &error);
    if (plugin == NULL) {
      fprintf(stderr, "winnow plugins: %s\n", error->message);
      return WN_EXIT_USAGE;
    }
    describe(plugin);
    return WN_EXIT_OK;
  }

  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func((GDestroyNotify)g_error_free);
  g_autoptr(GPtrArray) plugins = wn_loader_scan(dirs, problems);
  for (guint i = 0; i < plugins->len; i++) {
    const WnPlugin *p = g_ptr_array_index(plugins, i);
    printf("%-14s %-8s %s\n  %-22s %s\n", p->info->name, p->info->version, p->info->summary, "",
           p->path);
  }
  if (plugins->len == 0) {
    g_auto(GStrv) searched = wn_loader_search_dirs(dirs);
    g_autofree char *list = g_strjoinv(", ", searched);
    printf("no stages found in %s\n", list);
  }
  /* Files that look like stages but do not load are worth knowing about, but
   * they do not make the listing fail. */
  for (guint i = 0; i < problems->len; i++) {
    const GError *e = g_ptr_array_index(problems, i);
    fprintf(stderr, "warning: %s\n", e->message);
  }
  return WN_EXIT_OK;
}
