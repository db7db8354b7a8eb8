/* winnow/error.h: the winnow error domain and its codes.
 *
 * Every public call that can fail takes a GError ** and sets it in WN_ERROR
 * with exactly one of these codes; the message names the file, the thing and
 * what to do about it. */
#pragma once

#include <glib.h>
#include <winnow/version.h>

G_BEGIN_DECLS

#define WN_ERROR (wn_error_quark())

typedef enum {
  WN_ERROR_FAILED, /* generic failure, used sparingly */
  /* Plugin loading. */
  WN_ERROR_PLUGIN_NOT_FOUND, /* no stage of that name in any searched directory */
  WN_ERROR_PLUGIN_OPEN,      /* dlopen failed */
  WN_ERROR_PLUGIN_NO_ENTRY,  /* the shared object lacks the entry symbol */
  WN_ERROR_PLUGIN_ABI,       /* ABI major differs or minor is newer than the core */
  WN_ERROR_PLUGIN_INVALID,   /* the stage info is missing a required field */
  WN_ERROR_PLUGIN_INIT,      /* the stage's init callback failed */
  WN_ERROR_PLUGIN_DUPLICATE, /* two stage files declare the same name */
  /* Pipeline files. */
  WN_ERROR_PIPELINE_SYNTAX, /* not valid JSON (file:line:col) */
  WN_ERROR_PIPELINE_SHAPE,  /* valid JSON but not a pipeline object */
  WN_ERROR_PIPELINE_DUPLICATE_KEY,
  WN_ERROR_UNKNOWN_STAGE,
  WN_ERROR_UNKNOWN_OPTION,
  WN_ERROR_OPTION_TYPE,      /* an option has the wrong JSON type */
  WN_ERROR_OPTION_RANGE,     /* out of range or not among the choices */
  WN_ERROR_LAYER_ORDER,      /* a required layer is not provided earlier */
  WN_ERROR_PIPELINE_INVALID, /* several problems: the message lists each */
  /* Documents and I/O. */
  WN_ERROR_INPUT,         /* a malformed input record */
  WN_ERROR_DOC_TOO_LARGE, /* over --max-doc-bytes */
  WN_ERROR_STAGE,         /* a stage failed on one document */
  WN_ERROR_IO,            /* reading or writing a file failed */
  WN_ERROR_USAGE,         /* bad command line */
  WN_ERROR_MODEL,         /* a data or model file is corrupt, truncated or of another version */
} WnError;

WN_API GQuark wn_error_quark(void);

G_END_DECLS
