/* winnow/runner.h: streaming many documents through a pipeline.
 *
 * A WnRunner reads inputs (JSON Lines files, .txt and .html files,
 * directories, "-" for standard input), runs every document through a
 * WnPipeline on several worker threads and writes one record per input
 * document, strictly in input order, to standard output or a file.
 *
 *   g_autoptr (WnRunner) runner = wn_runner_new (pipeline);
 *   wn_runner_set_threads (runner, 4);
 *   const char *inputs[] = { "news.jsonl", NULL };
 *   WnRunStats stats;
 *   if (!wn_runner_run (runner, inputs, "out.jsonl", &stats, &error)) ...
 *
 * Inputs. A JSON Lines line is an object with "id" (string or integer; the
 * source "FILE:LINE" when absent), "text" or "html" (string), optional "group"
 * and "meta"; every other member is passed through to the output record. A
 * .txt or .html/.htm file is one document whose id is its path. A "text" whose
 * content starts with <!DOCTYPE html or <html is treated as HTML. Directories
 * are walked recursively in sorted order; only those extensions are read.
 *
 * Records. A document that fails (a malformed line, an over-size document, a
 * stage error) still yields exactly one record:
 *   {"type":"error","id":...,"source":"FILE:LINE","stage":...,"message":...}
 * where "stage" is "input" for input problems. Documents that share a group
 * key and follow each other (or all documents, with wn_runner_set_group) are
 * also handed together to the stages' process_group(), then one record
 *   {"type":"group","group":...,"documents":[ids],...fields}
 * follows the group's last document. Failed documents are left out of groups.
 *
 * Memory stays bounded whatever the length of the stream: at most a few
 * batches per worker are in flight, and the largest document is read once. */
#pragma once

#include <glib.h>
#include <winnow/version.h>
#include <winnow/error.h>
#include <winnow/doc.h>
#include <winnow/pipeline.h>

G_BEGIN_DECLS

typedef struct _WnRunner WnRunner;

/* What a run did; filled in by wn_runner_run() whether it succeeds or not. */
typedef struct {
  guint64 n_documents;    /* input documents seen, each with one record */
  guint64 n_errors;       /* documents whose record is an error record */
  guint64 n_groups;       /* group records written */
  guint64 n_group_errors; /* groups whose process_group() failed */
  guint64 n_repairs;      /* invalid UTF-8 sequences and NULs replaced by U+FFFD */
  guint64 bytes_in;       /* input bytes of the documents written so far */
  guint64 bytes_total;    /* total input size when known (no stdin), else 0 */
  guint64 bytes_out;      /* bytes written */
  double seconds;         /* wall time since the run started */
  gpointer reserved[4];
} WnRunStats;

/* Formatting hooks for other output formats than JSON Lines. Each returns a
 * newly allocated string holding the complete record, trailing newline
 * included. They are called from worker threads (doc, error) or from the
 * thread that called wn_runner_run() (group), never concurrently with
 * themselves for groups. */
typedef char *(*WnRunFormatDocFunc)(const WnDoc *doc, WnOffsetUnit unit, gpointer user_data);
typedef char *(*WnRunFormatErrorFunc)(const char *id, const char *source, const char *stage,
                                      const char *message, gpointer user_data);
/* `group` is NULL when no stage has a process_group callback (the documents
 * are then not kept); `ids` is NULL-terminated. */
typedef char *(*WnRunFormatGroupFunc)(const char *key, const char *const *ids, const WnGroup *group,
                                      gpointer user_data);

/* Called from the thread that called wn_runner_run() after each batch of
 * records is written, and once more at the end with `done` TRUE. Throttle in
 * the callback. */
typedef void (*WnRunProgressFunc)(const WnRunStats *stats, gboolean done, gpointer user_data);

/* The runner borrows `pipeline`, which must outlive it. */
WN_API WnRunner *wn_runner_new(WnPipeline *pipeline);
WN_API void wn_runner_free(WnRunner *runner);

/* Worker threads; 0 (the default) means one per online processor. */
WN_API void wn_runner_set_threads(WnRunner *runner, guint n_threads);
/* Offsets in JSON records: WN_OFFSETS_CHARS (default) or WN_OFFSETS_BYTES. */
WN_API void wn_runner_set_offsets(WnRunner *runner, WnOffsetUnit unit);
/* Documents larger than this many bytes (a JSON line, or a file) get an error
 * record without being parsed; default 64 MiB. */
WN_API void wn_runner_set_max_doc_bytes(WnRunner *runner, gsize max_doc_bytes);
#define WN_RUNNER_DEFAULT_MAX_DOC_BYTES ((gsize)64 * 1024 * 1024)
/* Stop at the first document or group that fails (its error record is still
 * written). */
WN_API void wn_runner_set_fail_fast(WnRunner *runner, gboolean fail_fast);
/* Put every document into one group named `name` (NULL: use the inputs' keys). */
WN_API void wn_runner_set_group(WnRunner *runner, const char *name);
/* NULL hooks restore the JSON Lines defaults. */
WN_API void wn_runner_set_formatters(WnRunner *runner, WnRunFormatDocFunc format_doc,
                                     WnRunFormatErrorFunc format_error,
                                     WnRunFormatGroupFunc format_group, gpointer user_data);
WN_API void wn_runner_set_progress(WnRunner *runner, WnRunProgressFunc func, gpointer user_data);

/* Asks a running wn_runner_run() to stop soon; safe from any thread and from
 * a signal handler. The run then fails with WN_ERROR_FAILED. */
WN_API void wn_runner_cancel(WnRunner *runner);

/* Runs every input (a NULL-terminated list; NULL or empty means standard
 * input) through the pipeline. `output` is a file name, or NULL or "-" for
 * standard output. A file is written under a temporary name in the same
 * folder and renamed over `output` only when the run succeeds; on failure it
 * is removed and an existing `output` is left untouched.
 *
 * Returns TRUE when every input was read and every record written, even if
 * some documents failed (stats->n_errors > 0). Returns FALSE with
 * WN_ERROR_IO when an input cannot be read or the output cannot be written,
 * WN_ERROR_USAGE for an input of unknown kind, the failed document's code
 * (WN_ERROR_STAGE, WN_ERROR_INPUT, WN_ERROR_DOC_TOO_LARGE) when --fail-fast
 * stopped the run, WN_ERROR_FAILED when cancelled. `stats` may be NULL. */
WN_API gboolean wn_runner_run(WnRunner *runner, const char *const *inputs, const char *output,
                              WnRunStats *stats, GError **error);

/* One line: "N documents, E errors, X MB in S s (D docs/s, M MB/s)". */
WN_API char *wn_run_stats_to_string(const WnRunStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnRunner, wn_runner_free)

G_END_DECLS
