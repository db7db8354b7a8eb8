/* output.h: where the runner's records go, and the records only the runner
 * writes (errors, groups). Private to the core. */
#pragma once

#include <glib.h>
#include <winnow/doc.h>

typedef struct _WnOutput WnOutput;

/* `path` NULL or "-" writes to standard output. A file is written as a
 * temporary "PATH.XXXXXX.part" beside it (same file system, so the final
 * rename is atomic) and becomes PATH only in wn_output_commit(). */
WnOutput *wn_output_open(const char *path, GError **error);
gboolean wn_output_write(WnOutput *out, const char *data, gsize len, GError **error);
/* Writes out what is buffered. */
gboolean wn_output_flush(WnOutput *out, GError **error);
/* Flushes, closes and renames into place; frees `out` either way. */
gboolean wn_output_commit(WnOutput *out, GError **error);
/* Removes the temporary file (standard output is only flushed); frees `out`. */
void wn_output_abort(WnOutput *out);
guint64 wn_output_get_bytes(const WnOutput *out);

/* Appends `s` (`len` bytes, valid UTF-8) as a JSON string literal. */
void wn_json_append_string(GString *out, const char *s, gssize len);

/* {"type":"error","id":...,"source":...,"stage":...,"message":...}\n */
void wn_append_error_record(GString *out, const char *id, const char *source, const char *stage,
                            const char *message);
/* {"type":"group","group":...,"documents":[...],...fields}\n; `group` may be
 * NULL (no fields). */
void wn_append_group_record(GString *out, const char *key, const char *const *ids,
                            const WnGroup *group);
/* {"type":"error","group":...,"stage":...,"message":...}\n */
void wn_append_group_error_record(GString *out, const char *key, const char *stage,
                                  const char *message);
