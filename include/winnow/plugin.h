/* winnow/plugin.h: the ABI between the winnow core and a stage.
 *
 * A stage is a shared object that exports one symbol, produced by
 * WN_STAGE_DEFINE(), returning a const WnStageInfo *. The core checks the ABI
 * stamp and every required field before it calls any plugin code, validates the
 * pipeline's options against the stage's option table, then calls init() once,
 * process() for each document, process_group() for each group, finalize() once.
 *
 * A minimal stage:
 *
 *   static const WnOptionSpec options[] = {
 *     { .name = "min_words", .type = WN_OPTION_INT, .default_value = "3",
 *       .min = 0, .max = 1000, .help = "Shortest sentence kept" },
 *     { 0 }
 *   };
 *
 * (Write the table with designated initializers and end it with { 0 }: that
 * leaves the reserved slots zero and keeps -Wextra's
 * -Wmissing-field-initializers quiet.)
 *
 *   static gboolean my_init (const WnOptions *opts, gpointer *state, GError **error);
 *   static gboolean my_process (gpointer state, WnDoc *doc, GError **error);
 *   static void my_finalize (gpointer state);
 *
 *   WN_STAGE_DEFINE (.name = "mystage", .version = "1.0.0",
 *                    .summary = "One line saying what it does",
 *                    .license = "MIT",
 *                    .requires = WN_LAYERS ("sentences"),
 *                    .provides = WN_LAYERS ("keywords"),
 *                    .options = options, .flags = WN_STAGE_THREAD_SAFE,
 *                    .init = my_init, .process = my_process, .finalize = my_finalize)
 *
 * Thread contract. When a stage sets WN_STAGE_THREAD_SAFE, process() is called
 * on several documents at once from several threads, with the same state: the
 * state must be treated as read-only after init() returns (per-call scratch
 * memory belongs on the stack or in thread-local storage). A stage without the
 * flag is called for one document at a time, though not always from the same
 * thread. process_group() is never called concurrently with itself.
 *
 * Groups. process_group() runs after every stage's process() has run on every
 * document of the group; it may read the documents and write fields into the
 * group's record (wn_group_set_field), not change the documents.
 *
 * Errors. A callback that fails returns FALSE and sets `error` (any domain; the
 * core reports it on the document's error record and goes on with the next
 * document). A callback must never abort the process on bad input.
 *
 * Versioning promise. Within one ABI major, WnStageInfo and WnOptionSpec only
 * grow by using reserved slots; a stage built against minor N loads into any
 * core of the same major with minor >= N. */
#pragma once

#include <glib.h>
#include <winnow/version.h>
#include <winnow/error.h>
#include <winnow/doc.h>

G_BEGIN_DECLS

/* The name of the symbol every stage exports. */
#define WN_STAGE_ENTRY_SYMBOL "wn_stage_entry"

typedef enum {
  WN_OPTION_BOOL,        /* JSON true/false; default "true" or "false" */
  WN_OPTION_INT,         /* JSON integer; default like "42" */
  WN_OPTION_DOUBLE,      /* JSON number; default like "0.5" */
  WN_OPTION_STRING,      /* JSON string; default as is */
  WN_OPTION_STRING_LIST, /* JSON array of strings; default comma-separated, "" for none */
  WN_OPTION_PATH,        /* JSON string naming a file; resolved against the pipeline
                          * file's folder, with "${plugindir}" expanded to the folder
                          * holding the stage's shared object; NULL default = unset */
  WN_OPTION_PATH_LIST,   /* JSON array of strings naming files, each resolved like a
                          * PATH; default comma-separated, "" or NULL for none (relative
                          * default items, like a PATH default, resolve against the
                          * stage's folder) */
} WnOptionType;

/* One entry of a stage's option table; the table ends with a zeroed entry. */
typedef struct {
  const char *name;
  WnOptionType type;
  const char *default_value;
  double min, max;            /* INT and DOUBLE: inclusive range, checked when min < max */
  const char *const *choices; /* STRING and STRING_LIST items: NULL-terminated allowed
                               * values, or NULL for any */
  const char *help;
  gpointer reserved[2];
} WnOptionSpec;

/* Validated option values, handed to init(). The getters take the name of an
 * option of the stage's own table; asking for an unknown name or the wrong type
 * is a programming error (g_critical, then a zero value). */
typedef struct _WnOptions WnOptions;

WN_API gboolean wn_options_get_bool(const WnOptions *options, const char *name);
WN_API gint64 wn_options_get_int(const WnOptions *options, const char *name);
WN_API double wn_options_get_double(const WnOptions *options, const char *name);
WN_API const char *wn_options_get_string(const WnOptions *options, const char *name);
/* NULL-terminated, never NULL (empty list when none). */
WN_API const char *const *wn_options_get_strv(const WnOptions *options, const char *name);
/* An absolute path, or NULL when the option is unset. */
WN_API const char *wn_options_get_path(const WnOptions *options, const char *name);
/* PATH_LIST: NULL-terminated absolute paths, never NULL (empty list when none). */
WN_API const char *const *wn_options_get_paths(const WnOptions *options, const char *name);
/* TRUE when the pipeline file gave the option, FALSE when it is the default. */
WN_API gboolean wn_options_is_set(const WnOptions *options, const char *name);
/* The folder that holds the stage's shared object (for data shipped beside it). */
WN_API const char *wn_options_get_plugin_dir(const WnOptions *options);

typedef enum {
  WN_STAGE_THREAD_SAFE = 1 << 0,   /* process() may run concurrently (see above) */
  WN_STAGE_REPLACES_TEXT = 1 << 1, /* process() calls wn_doc_set_text(): earlier layers go */
} WnStageFlags;

typedef gboolean (*WnStageInitFunc)(const WnOptions *options, gpointer *state, GError **error);
typedef gboolean (*WnStageProcessFunc)(gpointer state, WnDoc *doc, GError **error);
typedef gboolean (*WnStageProcessGroupFunc)(gpointer state, WnGroup *group, GError **error);
typedef void (*WnStageFinalizeFunc)(gpointer state);

typedef struct {
  guint32 abi_major; /* stamped by WN_STAGE_DEFINE */
  guint32 abi_minor;
  const char *name;            /* required: [a-z0-9_-]+, unique among loaded stages */
  const char *version;         /* required: the stage's own version */
  const char *summary;         /* required: one line */
  const char *license;         /* required: SPDX identifier */
  const char *const *requires; /* layers that must exist before, NULL-terminated or NULL */
  const char *const *provides; /* layers it adds, NULL-terminated or NULL */
  const WnOptionSpec *options; /* zero-terminated table, or NULL */
  guint32 flags;               /* WnStageFlags */
  WnStageInitFunc init;        /* optional */
  WnStageProcessFunc process;  /* required */
  WnStageProcessGroupFunc process_group; /* optional: the stage also summarises groups */
  WnStageFinalizeFunc finalize;          /* optional: frees what init made */
  gpointer reserved[8];                  /* for later minor versions; keep zero */
} WnStageInfo;

typedef const WnStageInfo *(*WnStageEntryFunc)(void);

/* A NULL-terminated list of layer names for .requires and .provides. */
#define WN_LAYERS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Defines the stage's info and its exported entry symbol; the arguments are
 * designated initializers of WnStageInfo. Use once per shared object. */
#define WN_STAGE_DEFINE(...)                                                                       \
  static const WnStageInfo wn__stage_info = {                                                      \
      .abi_major = WN_ABI_MAJOR, .abi_minor = WN_ABI_MINOR, __VA_ARGS__};                          \
  WN_API const WnStageInfo *wn_stage_entry(void);                                                  \
  const WnStageInfo *wn_stage_entry(void)                                                          \
  {                                                                                                \
    return &wn__stage_info;                                                                        \
  }

G_END_DECLS
