/* validate.c: everything checked about a pipeline before the first document:
 * each stage found and loaded, its options, duplicate stage names, and that
 * every layer a stage requires is provided by an earlier stage. Every problem
 * is recorded, not only the first. */
#include <string.h>

#include "pipeline-private.h"
#include "suggest.h"

void
wn_loaded_stage_free(WnLoadedStage *stage)
{
  if (stage == NULL)
    return;
  wn_options_free(stage->options);
  wn_plugin_free(stage->plugin);
  g_free(stage);
}

static gboolean
strv_has(const char *const *v, const char *s)
{
  for (; v != NULL && *v != NULL; v++)
    if (strcmp(*v, s) == 0)
      return TRUE;
  return FALSE;
}

/* Names of known stages (in the search folders) that provide `layer`, as
 * "\"a\" or \"b\""; NULL when none. Loads them all, but only when a layer is
 * missing. */
static char *
known_providers(GPtrArray **known, const char *const *plugin_dirs, const char *layer)
{
  if (*known == NULL)
    *known = wn_loader_scan(plugin_dirs, NULL);
  g_autoptr(GString) s = g_string_new(NULL);
  for (guint i = 0; i < (*known)->len; i++) {
    const WnPlugin *p = g_ptr_array_index(*known, i);
    if (!strv_has(p->info->provides, layer))
      continue;
    if (s->len > 0)
      g_string_append(s, " or ");
    g_string_append_printf(s, "\"%s\"", p->info->name);
  }
  return s->len > 0 ? g_strdup(s->str) : NULL;
}

static void
check_layers(GPtrArray *stages, const char *const *plugin_dirs, WnProblems *problems)
{
  /* Layer name -> index of the stage that provides it (as a pointer + 1). */
  g_autoptr(GHashTable) available = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) known = NULL;
  const char *dropped_by = NULL;
  gboolean unknown_before = FALSE;
  for (guint i = 0; i < stages->len; i++) {
    const WnLoadedStage *st = g_ptr_array_index(stages, i);
    if (st == NULL) {
      /* Whatever it would have provided is unknown: do not guess. */
      unknown_before = TRUE;
      continue;
    }
    const WnStageInfo *info = st->plugin->info;
    for (const char *const *r = info->requires; r != NULL && *r != NULL; r++) {
      if (g_hash_table_contains(available, *r) || unknown_before)
        continue;
      /* Is it provided later in this pipeline? */
      const WnLoadedStage *later = NULL;
      guint later_index = 0;
      for (guint j = i + 1; j < stages->len && later == NULL; j++) {
        const WnLoadedStage *o = g_ptr_array_index(stages, j);
        if (o != NULL && strv_has(o->plugin->info->provides, *r)) {
          later = o;
          later_index = j;
        }
      }
      g_autofree char *advice = NULL;
      if (later != NULL)
        advice = g_strdup_printf("stage \"%s\" (stage %u) provides it but runs later; move it "
                                 "before \"%s\"",
                                 later->plugin->info->name, later_index + 1, info->name);
      else {
        g_autofree char *providers = known_providers(&known, plugin_dirs, *r);
        advice = providers != NULL
                     ? g_strdup_printf("add stage %s before \"%s\"", providers, info->name)
                     : g_strdup("no known stage provides it");
      }
      g_autofree char *why = dropped_by != NULL
                                 ? g_strdup_printf(" (stage \"%s\" replaces the text and drops "
                                                   "the layers made before it)",
                                                   dropped_by)
                                 : g_strdup("");
      wn_problems_add(problems, &st->pos, WN_ERROR_LAYER_ORDER,
                      "stage \"%s\" requires the layer \"%s\", which no earlier stage "
                      "provides%s; %s",
                      info->name, *r, why, advice);
    }
    if (info->flags & WN_STAGE_REPLACES_TEXT) {
      g_hash_table_remove_all(available);
      dropped_by = info->name;
    }
    for (const char *const *p = info->provides; p != NULL && *p != NULL; p++)
      g_hash_table_insert(available, (gpointer)*p, GUINT_TO_POINTER(i + 1));
  }
}

GPtrArray *
wn_pipeline_spec_load(const WnPipelineSpec *spec, const char *const *plugin_dirs,
                      WnProblems *problems)
{
  GPtrArray *stages = g_ptr_array_new_with_free_func((GDestroyNotify)wn_loaded_stage_free);
  for (guint i = 0; i < spec->stages->len; i++) {
    const WnStageSpec *ss = g_ptr_array_index(spec->stages, i);
    GError *error = NULL;
    WnPlugin *plugin = wn_loader_load(ss->stage, plugin_dirs, spec->base_dir, &error);
    if (plugin == NULL) {
      /* In a pipeline file, a name that is nowhere is an unknown stage. */
      if (g_error_matches(error, WN_ERROR, WN_ERROR_PLUGIN_NOT_FOUND))
        error->code = WN_ERROR_UNKNOWN_STAGE;
      wn_problems_take(problems, &ss->pos, error);
      g_ptr_array_add(stages, NULL);
      continue;
    }
    /* Two different files may not claim one name; one file used twice is fine. */
    gboolean clash = FALSE;
    for (guint j = 0; j < stages->len && !clash; j++) {
      const WnLoadedStage *o = g_ptr_array_index(stages, j);
      if (o != NULL && strcmp(o->plugin->info->name, plugin->info->name) == 0 &&
          strcmp(o->plugin->path, plugin->path) != 0) {
        wn_problems_add(problems, &ss->pos, WN_ERROR_PLUGIN_DUPLICATE,
                        "%s and %s both declare the stage name \"%s\"; remove or rename one "
                        "of them",
                        o->plugin->path, plugin->path, plugin->info->name);
        clash = TRUE;
      }
    }
    if (clash) {
      wn_plugin_free(plugin);
      g_ptr_array_add(stages, NULL);
      continue;
    }
    WnOptions *options = wn_options_new(plugin->info, plugin->dir, ss->options, &spec->json,
                                        ss->options_path, spec->base_dir, problems);
    WnLoadedStage *st = g_new0(WnLoadedStage, 1);
    st->plugin = plugin;
    st->options = options; /* NULL when an option was bad: init() will not run */
    st->pos = ss->pos;
    g_ptr_array_add(stages, st);
  }
  check_layers(stages, plugin_dirs, problems);
  return stages;
}
