/* input.h: finding input files, cutting them into units, turning units into
 * documents. Private to the core (the runner's reader and workers use it). */
#pragma once

#include <glib.h>
#include <winnow/doc.h>

typedef enum {
  WN_INPUT_JSONL, /* .jsonl, .ndjson, standard input */
  WN_INPUT_TEXT,  /* .txt: one document, HTML when the content looks like it */
  WN_INPUT_HTML,  /* .html, .htm: one document */
} WnInputKind;

typedef struct {
  char *path;    /* as opened; "-" for standard input */
  char *display; /* as named in ids and sources: the path, or "<stdin>" */
  WnInputKind kind;
  guint64 size; /* bytes; 0 for standard input */
} WnInputFile;

void wn_input_file_free(WnInputFile *file);

/* Expands `inputs` (files, directories walked recursively in byte order, "-"
 * for standard input; NULL or empty means standard input) into a list of
 * WnInputFile. Fails with WN_ERROR_IO for a missing or unreadable input and
 * WN_ERROR_USAGE for a named file of unknown kind. `*total` receives the sum
 * of the sizes, or 0 when standard input is among them. */
GPtrArray *wn_input_expand(const char *const *inputs, guint64 *total, GError **error);

typedef enum {
  WN_UNIT_LINES,    /* whole JSON lines of one file */
  WN_UNIT_FILE,     /* the whole content of a .txt or .html file */
  WN_UNIT_OVERSIZE, /* one document over the size limit, not read */
} WnUnitKind;

/* A piece of input handed from the reader to a worker. */
typedef struct {
  WnUnitKind kind;
  const WnInputFile *file; /* owned by the caller of wn_reader_new */
  guint64 first_line;      /* 1-based line of the first byte of data */
  char *data;              /* NULL for OVERSIZE */
  gsize len;
  guint64 size;   /* OVERSIZE: the size seen, at least max_doc_bytes + 1 */
  gboolean flush; /* a stream had nothing more waiting: pass the unit on now */
} WnUnit;

void wn_unit_free(WnUnit *unit);

typedef struct _WnReader WnReader;

/* Reads `files` in order. LINES units hold whole lines and are about
 * `block_size` bytes; a longer line grows its unit up to `max_doc_bytes`,
 * beyond which the line is skipped and reported as an OVERSIZE unit. */
WnReader *wn_reader_new(GPtrArray *files, gsize block_size, gsize max_doc_bytes);
void wn_reader_free(WnReader *reader);
/* While *cancel (read atomically) is 0, reads from pipes and standard input
 * wait; once it is set they fail with WN_ERROR_FAILED. */
void wn_reader_set_cancel(WnReader *reader, const gint *cancel);
/* The next unit, or NULL at the end (error unset) or on a read error. */
WnUnit *wn_reader_next(WnReader *reader, GError **error);

/* Called once per document of a unit, in order. On success `doc` is the new
 * document (the callee takes the reference) and `error` is NULL; otherwise
 * `doc` is NULL, `id` is the id when known, else the source, and `error` says
 * why (WN_ERROR_INPUT or WN_ERROR_DOC_TOO_LARGE) without repeating the source. */
typedef void (*WnInputDocFunc)(WnDoc *doc, const char *id, const char *source, const GError *error,
                               gpointer user_data);

/* Per-thread scratch space for wn_unit_parse. */
typedef struct _WnParseScratch WnParseScratch;
WnParseScratch *wn_parse_scratch_new(void);
void wn_parse_scratch_free(WnParseScratch *scratch);

/* Turns a unit into documents (blank lines are skipped). The unit's data is
 * decoded in place and freed once the last document is made. */
void wn_unit_parse(WnUnit *unit, gsize max_doc_bytes, WnParseScratch *scratch, WnInputDocFunc func,
                   gpointer user_data);

/* The members of `raw`, compact JSON text "{...}" as kept by the reader for
 * a document, parsed into a new object; NULL when it is not an object. */
JsonObject *wn_input_parse_raw_members(const char *raw, gsize len);

/* TRUE when `text` starts, after whitespace and a byte-order mark, with
 * <!DOCTYPE html or <html (any case). */
gboolean wn_input_looks_like_html(const char *text, gsize len);
