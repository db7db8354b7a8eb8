/* winnow/pipeline.h: the embedding API: load a pipeline, run documents through it.
 *
 *   g_autoptr (GError) error = NULL;
 *   g_autoptr (WnPipeline) p = wn_pipeline_new_from_file ("news.json", NULL, &error);
 *   g_autoptr (WnDoc) doc = wn_doc_new ("a1", text, -1, WN_MEDIA_TYPE_TEXT);
 *   if (!wn_pipeline_process (p, doc, &error)) ...
 *   g_autofree char *line = wn_doc_to_json_line (doc, WN_OFFSETS_CHARS);
 *
 * A pipeline is fully validated when it is created: every stage found and
 * loaded, every option checked, the layer order checked, every init() run.
 * wn_pipeline_process() may be called from several threads at once. */
#pragma once

#include <glib.h>
#include <winnow/version.h>
#include <winnow/error.h>
#include <winnow/doc.h>
#include <winnow/plugin.h>

G_BEGIN_DECLS

typedef struct _WnPipeline WnPipeline;

typedef enum {
  WN_OFFSETS_CHARS, /* Unicode code points (the default in output) */
  WN_OFFSETS_BYTES, /* UTF-8 bytes (the internal unit) */
} WnOffsetUnit;

/* `plugin_dirs`: extra folders searched first, NULL-terminated, or NULL.
 * After them come $WINNOW_PLUGIN_PATH (colon-separated) and the installed
 * pluginsdir; a library used from its build tree also finds its fresh stages. */
WN_API WnPipeline *wn_pipeline_new_from_file(const char *path, const char *const *plugin_dirs,
                                             GError **error);
/* `name` stands for the file name in messages (e.g. "<string>"). */
WN_API WnPipeline *wn_pipeline_new_from_data(const char *json, gssize len, const char *name,
                                             const char *const *plugin_dirs, GError **error);
WN_API void wn_pipeline_free(WnPipeline *pipeline);

WN_API const char *wn_pipeline_get_name(const WnPipeline *pipeline);
WN_API guint wn_pipeline_get_n_stages(const WnPipeline *pipeline);
WN_API const WnStageInfo *wn_pipeline_get_stage_info(const WnPipeline *pipeline, guint i);
/* TRUE when some stage has a process_group callback. */
WN_API gboolean wn_pipeline_has_group_stages(const WnPipeline *pipeline);

/* Runs every stage's process() on `doc`, in order. On failure `error` says
 * which stage failed and why (WN_ERROR_STAGE). */
WN_API gboolean wn_pipeline_process(WnPipeline *pipeline, WnDoc *doc, GError **error);
/* Runs every stage's process_group() on `group`, in order. */
WN_API gboolean wn_pipeline_process_group(WnPipeline *pipeline, WnGroup *group, GError **error);

/* Output records. */
WN_API JsonNode *wn_doc_to_json(const WnDoc *doc, WnOffsetUnit unit);
WN_API char *wn_doc_to_json_line(const WnDoc *doc, WnOffsetUnit unit);
WN_API JsonNode *wn_group_to_json(const WnGroup *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnPipeline, wn_pipeline_free)

G_END_DECLS
