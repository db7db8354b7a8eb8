/* pipeline-private.h: what the core's own files share about pipeline files,
 * validation problems and loaded pipelines; not installed. */
#pragma once

#include <winnow/winnow.h>

#include "loader.h"

G_BEGIN_DECLS

/* A position in a pipeline file; line and column count from 1, columns in
 * characters. line == 0 means "no position known". */
typedef struct {
  guint line;
  guint col;
} WnPos;

/* The problems found while validating one pipeline file, each a GError in
 * WN_ERROR whose message already starts with "FILE:LINE:COL: ". */
typedef struct {
  char *file; /* the name used in messages */
  GPtrArray *errors;
  GArray *positions; /* of WnPos, one per error, for ordering them by place */
} WnProblems;

void wn_problems_init(WnProblems *problems, const char *file);
void wn_problems_clear(WnProblems *problems);
void wn_problems_add(WnProblems *problems, const WnPos *pos, WnError code, const char *format, ...)
    G_GNUC_PRINTF(4, 5);
/* Adds `error` (taking it), prefixing its message with the file and position. */
void wn_problems_take(WnProblems *problems, const WnPos *pos, GError *error);
/* NULL when there is no problem; the one problem's own error when there is one;
 * WN_ERROR_PIPELINE_INVALID listing every problem, one a line, in file order,
 * when several. */
GError *wn_problems_to_error(const WnProblems *problems);

/* JSON parsing with positions (pipeline_file.c). Every object member and every
 * array element is recorded under a path made of the keys and indices from the
 * root joined by '/', e.g. "stages/0/options/min_words"; the position is that
 * of the member's key, or of the array element. Duplicate keys are reported
 * as problems (the last value is kept, as JSON parsers commonly do). */
typedef struct {
  JsonNode *root;
  GHashTable *positions; /* path -> WnPos* */
} WnJsonDoc;

gboolean wn_json_doc_parse(WnJsonDoc *doc, const char *data, gsize len, WnProblems *problems);
void wn_json_doc_clear(WnJsonDoc *doc);
WnPos wn_json_doc_pos(const WnJsonDoc *doc, const char *path);

/* What a JSON node is, for messages: "an object", "an array", "null", "a
 * boolean", "a string", "a number" ("an integer" for an integer with
 * `integers`), or "a value" for a value node holding none of those. */
const char *wn_json_kind(JsonNode *node, gboolean integers);

/* One entry of a pipeline file's "stages". */
typedef struct {
  char *stage;         /* a stage name or a path to a shared object */
  WnPos pos;           /* of the entry */
  JsonObject *options; /* may be NULL */
  char *options_path;  /* the path of the options object for wn_json_doc_pos() */
} WnStageSpec;

typedef struct {
  char *file;     /* the name used in messages */
  char *base_dir; /* relative paths in options are resolved against it */
  char *name;
  char *description;
  GPtrArray *stages; /* of WnStageSpec* */
  WnJsonDoc json;
} WnPipelineSpec;

/* Parses and checks the shape of a pipeline file; NULL when the JSON itself is
 * unreadable (the problem is recorded). Shape problems are recorded and the
 * usable part is still returned. */
WnPipelineSpec *wn_pipeline_spec_parse(const char *data, gsize len, const char *file,
                                       const char *base_dir, WnProblems *problems);
void wn_pipeline_spec_free(WnPipelineSpec *spec);

/* Options (options.c). Builds the values of `info`'s option table from `given`
 * (may be NULL); each problem is recorded at the position of its key. */
WnOptions *wn_options_new(const WnStageInfo *info, const char *plugin_dir, JsonObject *given,
                          const WnJsonDoc *json, const char *options_path, const char *base_dir,
                          WnProblems *problems);
void wn_options_free(WnOptions *options);
/* Checks a stage's own option table (names, types, defaults); used by the
 * loader before the table is trusted. */
gboolean wn_option_table_check(const WnStageInfo *info, const char *file, GError **error);
WN_API const char *wn_option_type_name(WnOptionType type);

/* One stage of a pipeline after validation (validate.c). */
typedef struct {
  WnPlugin *plugin;
  WnOptions *options;
  WnPos pos; /* of the stage entry in the pipeline file */
} WnLoadedStage;

void wn_loaded_stage_free(WnLoadedStage *stage);

/* Loads every stage of `spec`, checks its options and the layer order,
 * recording every problem. Returns the stages (of WnLoadedStage*, with a NULL
 * slot for each stage that could not be loaded), in pipeline order. */
GPtrArray *wn_pipeline_spec_load(const WnPipelineSpec *spec, const char *const *plugin_dirs,
                                 WnProblems *problems);

/* Exported (no installed header) for the runner and the tool.
 * Like wn_pipeline_process(); on failure `*failed_stage` (when not NULL) is set
 * to the name of the stage that failed, a string owned by the pipeline, and
 * `*cause` (when not NULL) to the stage's own message without the core's
 * prefix, newly allocated. For the runner's error records. */
WN_API gboolean wn_pipeline_process_full(WnPipeline *pipeline, WnDoc *doc,
                                         const char **failed_stage, char **cause, GError **error);
WN_API gboolean wn_pipeline_process_group_full(WnPipeline *pipeline, WnGroup *group,
                                               const char **failed_stage, char **cause,
                                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnPipelineSpec, wn_pipeline_spec_free)

G_END_DECLS
