/* pipeline.c: a validated pipeline of loaded stages, and running documents
 * and groups through it. The stages' init() runs when the pipeline is made;
 * a stage without WN_STAGE_THREAD_SAFE is serialised by a mutex (one per stage
 * file, shared when a pipeline uses the stage twice). */
#include <string.h>

#include "pipeline-private.h"

typedef struct {
  WnLoadedStage *loaded; /* owned by WnPipeline.loaded */
  const WnStageInfo *info;
  gpointer state;
  gboolean inited;
  GMutex lock;       /* process() of a stage that is not thread-safe */
  GMutex *serial;    /* the lock used: shared by the entries of one stage file,
                      * since a stage that is not thread-safe may keep globals */
  GMutex group_lock; /* process_group(), never concurrent with itself */
} Stage;

struct _WnPipeline {
  char *name;
  char *description;
  char *file;
  guint n_stages;
  Stage *stages;
  GPtrArray *loaded; /* of WnLoadedStage* */
  gboolean has_group_stages;
};

static void
finalize_stages(WnPipeline *p)
{
  for (guint i = 0; i < p->n_stages; i++) {
    Stage *s = &p->stages[i];
    if (s->inited && s->info->finalize != NULL)
      s->info->finalize(s->state);
    s->inited = FALSE;
    s->state = NULL;
  }
}

void
wn_pipeline_free(WnPipeline *pipeline)
{
  if (pipeline == NULL)
    return;
  finalize_stages(pipeline);
  for (guint i = 0; i < pipeline->n_stages; i++) {
    g_mutex_clear(&pipeline->stages[i].lock);
    g_mutex_clear(&pipeline->stages[i].group_lock);
  }
  g_free(pipeline->stages);
  if (pipeline->loaded != NULL)
    g_ptr_array_unref(pipeline->loaded);
  g_free(pipeline->name);
  g_free(pipeline->description);
  g_free(pipeline->file);
  g_free(pipeline);
}

static WnPipeline *
pipeline_new(const char *data, gsize len, const char *file, const char *base_dir,
             const char *const *plugin_dirs, GError **error)
{
  WnProblems problems;
  wn_problems_init(&problems, file);
  g_autoptr(WnPipelineSpec) spec = wn_pipeline_spec_parse(data, len, file, base_dir, &problems);
  WnPipeline *p = g_new0(WnPipeline, 1);
  p->file = g_strdup(file);
  if (spec != NULL) {
    p->name = g_strdup(spec->name);
    p->description = g_strdup(spec->description);
    p->loaded = wn_pipeline_spec_load(spec, plugin_dirs, &problems);
    p->n_stages = p->loaded->len;
    p->stages = g_new0(Stage, p->n_stages);
    for (guint i = 0; i < p->n_stages; i++) {
      Stage *s = &p->stages[i];
      g_mutex_init(&s->lock);
      g_mutex_init(&s->group_lock);
      s->loaded = g_ptr_array_index(p->loaded, i);
      if (s->loaded == NULL)
        continue;
      s->info = s->loaded->plugin->info;
      s->serial = &s->lock;
      for (guint j = 0; j < i; j++)
        if (p->stages[j].info == s->info) {
          s->serial = p->stages[j].serial;
          break;
        }
      if (s->info->process_group != NULL)
        p->has_group_stages = TRUE;
    }
    /* init() runs for every stage whose options are good, even when other
     * stages have problems, so one run of `winnow validate` shows them all. */
    for (guint i = 0; i < p->n_stages; i++) {
      Stage *s = &p->stages[i];
      if (s->loaded == NULL || s->loaded->options == NULL)
        continue;
      if (s->info->init == NULL) {
        s->inited = TRUE;
        continue;
      }
      GError *local = NULL;
      if (s->info->init(s->loaded->options, &s->state, &local)) {
        s->inited = TRUE;
        continue;
      }
      wn_problems_add(&problems, &s->loaded->pos, WN_ERROR_PLUGIN_INIT,
                      "stage \"%s\" (%s) failed to start: %s", s->info->name,
                      s->loaded->plugin->path,
                      local != NULL ? local->message : "its init() gave no reason");
      g_clear_error(&local);
      s->state = NULL;
    }
  }
  GError *err = wn_problems_to_error(&problems);
  wn_problems_clear(&problems);
  if (err != NULL) {
    g_propagate_error(error, err);
    wn_pipeline_free(p);
    return NULL;
  }
  return p;
}

WnPipeline *
wn_pipeline_new_from_data(const char *json, gssize len, const char *name,
                          const char *const *plugin_dirs, GError **error)
{
  g_return_val_if_fail(json != NULL, NULL);
  if (len < 0)
    len = strlen(json);
  g_autofree char *cwd = g_get_current_dir();
  return pipeline_new(json, len, name != NULL ? name : "<string>", cwd, plugin_dirs, error);
}

WnPipeline *
wn_pipeline_new_from_file(const char *path, const char *const *plugin_dirs, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  GError *local = NULL;
  if (!g_file_get_contents(path, &data, &len, &local)) {
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "cannot read the pipeline file: %s", local->message);
    g_error_free(local);
    return NULL;
  }
  g_autofree char *abs = g_canonicalize_filename(path, NULL);
  g_autofree char *dir = g_path_get_dirname(abs);
  return pipeline_new(data, len, path, dir, plugin_dirs, error);
}

const char *
wn_pipeline_get_name(const WnPipeline *pipeline)
{
  return pipeline->name;
}

guint
wn_pipeline_get_n_stages(const WnPipeline *pipeline)
{
  return pipeline->n_stages;
}

const WnStageInfo *
wn_pipeline_get_stage_info(const WnPipeline *pipeline, guint i)
{
  g_return_val_if_fail(i < pipeline->n_stages, NULL);
  return pipeline->stages[i].info;
}

gboolean
wn_pipeline_has_group_stages(const WnPipeline *pipeline)
{
  return pipeline->has_group_stages;
}

/* A stage bug must not become a crash in the output writer: every span of a
 * layer the stage provides has to lie within the text, on character starts. */
static gboolean
check_spans(const Stage *s, const WnDoc *doc, char **why)
{
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  for (const char *const *p = s->info->provides; p != NULL && *p != NULL; p++) {
    const WnLayer *layer = wn_doc_get_layer(doc, *p);
    if (layer == NULL)
      continue;
    gsize n = 0;
    const WnSpan *spans = wn_layer_get_spans(layer, &n);
    for (gsize k = 0; k < n; k++) {
      gsize a = spans[k].start, b = spans[k].end;
      if (a > b || b > len) {
        *why = g_strdup_printf("layer \"%s\" span %" G_GSIZE_FORMAT " [%" G_GSIZE_FORMAT
                               ", %" G_GSIZE_FORMAT ") lies outside the text of %" G_GSIZE_FORMAT
                               " bytes",
                               *p, k, a, b, len);
        return FALSE;
      }
      if ((a < len && ((guchar)text[a] & 0xC0) == 0x80) ||
          (b < len && ((guchar)text[b] & 0xC0) == 0x80)) {
        *why = g_strdup_printf("layer \"%s\" span %" G_GSIZE_FORMAT " [%" G_GSIZE_FORMAT
                               ", %" G_GSIZE_FORMAT ") cuts a UTF-8 character in two",
                               *p, k, a, b);
        return FALSE;
      }
    }
  }
  return TRUE;
}

static void
stage_failed(const Stage *s, const char *what, const char *source, GError *local, char *why,
             const char **failed_stage, char **cause, GError **error)
{
  const char *msg = why != NULL     ? why
                    : local != NULL ? local->message
                                    : "the stage returned FALSE without saying why";
  g_autofree char *where = source != NULL ? g_strdup_printf(" (%s)", source) : g_strdup("");
  g_set_error(error, WN_ERROR, WN_ERROR_STAGE, "stage \"%s\" failed on %s%s: %s", s->info->name,
              what, where, msg);
  if (failed_stage != NULL)
    *failed_stage = s->info->name;
  if (cause != NULL)
    *cause = g_strdup(msg);
  g_clear_error(&local);
  g_free(why);
}

gboolean
wn_pipeline_process_full(WnPipeline *pipeline, WnDoc *doc, const char **failed_stage, char **cause,
                         GError **error)
{
  g_return_val_if_fail(pipeline != NULL && doc != NULL, FALSE);
  for (guint i = 0; i < pipeline->n_stages; i++) {
    Stage *s = &pipeline->stages[i];
    gboolean one_at_a_time = !(s->info->flags & WN_STAGE_THREAD_SAFE);
    GError *local = NULL;
    if (one_at_a_time)
      g_mutex_lock(s->serial);
    gboolean ok = s->info->process(s->state, doc, &local);
    if (one_at_a_time)
      g_mutex_unlock(s->serial);
    char *why = NULL;
    if (ok && local != NULL) {
      g_clear_error(&local); /* success with an error set: the success counts */
    }
    if (ok && !check_spans(s, doc, &why))
      ok = FALSE;
    if (!ok) {
      g_autofree char *what = g_strdup_printf("document \"%s\"", wn_doc_get_id(doc));
      stage_failed(s, what, wn_doc_get_source(doc), local, why, failed_stage, cause, error);
      return FALSE;
    }
  }
  return TRUE;
}

gboolean
wn_pipeline_process(WnPipeline *pipeline, WnDoc *doc, GError **error)
{
  return wn_pipeline_process_full(pipeline, doc, NULL, NULL, error);
}

gboolean
wn_pipeline_process_group_full(WnPipeline *pipeline, WnGroup *group, const char **failed_stage,
                               char **cause, GError **error)
{
  g_return_val_if_fail(pipeline != NULL && group != NULL, FALSE);
  for (guint i = 0; i < pipeline->n_stages; i++) {
    Stage *s = &pipeline->stages[i];
    if (s->info->process_group == NULL)
      continue;
    GError *local = NULL;
    g_mutex_lock(&s->group_lock);
    gboolean ok = s->info->process_group(s->state, group, &local);
    g_mutex_unlock(&s->group_lock);
    if (ok) {
      g_clear_error(&local);
      continue;
    }
    g_autofree char *what = g_strdup_printf("group \"%s\"", wn_group_get_key(group));
    stage_failed(s, what, NULL, local, NULL, failed_stage, cause, error);
    return FALSE;
  }
  return TRUE;
}

gboolean
wn_pipeline_process_group(WnPipeline *pipeline, WnGroup *group, GError **error)
{
  return wn_pipeline_process_group_full(pipeline, group, NULL, NULL, error);
}
