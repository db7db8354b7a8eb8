/* input.c: the runner's input side. Expands the command line's inputs into a
 * list of files, cuts them into units of whole lines on the reader thread
 * (reading every byte once, never holding more than one over-size line), and
 * parses units into documents on the worker threads with a small JSON reader
 * that decodes "text" straight from the line (json-glib would build a tree
 * and copy the text twice; this path runs for every byte of the stream). */
#include "input.h"
#include "charset.h"
#include "doc-private.h"

#include <winnow/error.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utf8.h"

/* Nesting deeper than this in a pass-through value is refused, so a hostile
 * line cannot exhaust the worker's stack. */
#define MAX_DEPTH 200

void
wn_input_file_free(WnInputFile *file)
{
  if (file == NULL)
    return;
  g_free(file->path);
  g_free(file->display);
  g_free(file);
}

static gboolean
kind_for_name(const char *name, WnInputKind *kind)
{
  const char *dot = strrchr(name, '.');
  if (dot == NULL)
    return FALSE;
  if (g_ascii_strcasecmp(dot, ".jsonl") == 0 || g_ascii_strcasecmp(dot, ".ndjson") == 0)
    *kind = WN_INPUT_JSONL;
  else if (g_ascii_strcasecmp(dot, ".txt") == 0)
    *kind = WN_INPUT_TEXT;
  else if (g_ascii_strcasecmp(dot, ".html") == 0 || g_ascii_strcasecmp(dot, ".htm") == 0)
    *kind = WN_INPUT_HTML;
  else
    return FALSE;
  return TRUE;
}

static void
add_file(GPtrArray *files, const char *path, WnInputKind kind, guint64 size)
{
  WnInputFile *file = g_new0(WnInputFile, 1);
  file->path = g_strdup(path);
  file->display = g_strdup(path);
  file->kind = kind;
  file->size = size;
  g_ptr_array_add(files, file);
}

static int
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Walks `dir` in byte order of the names. Subfolders reached through a
 * symbolic link are not entered (a link loop would never end); linked files
 * are read. Hidden entries and files of other kinds are skipped. */
static gboolean
walk_dir(GPtrArray *files, const char *dir, guint64 *total, GError **error)
{
  GError *local = NULL;
  GDir *d = g_dir_open(dir, 0, &local);
  if (d == NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "Cannot read the folder %s: %s", dir, local->message);
    g_error_free(local);
    return FALSE;
  }
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add(names, g_strdup(name));
  g_dir_close(d);
  g_ptr_array_sort(names, compare_names);

  for (guint i = 0; i < names->len; i++) {
    g_autofree char *path = g_build_filename(dir, names->pdata[i], NULL);
    struct stat st, lst;
    if (stat(path, &st) != 0)
      continue; /* a dangling link: nothing to read */
    if (S_ISDIR(st.st_mode)) {
      if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        continue;
      if (!walk_dir(files, path, total, error))
        return FALSE;
      continue;
    }
    WnInputKind kind;
    if (!S_ISREG(st.st_mode) || !kind_for_name(path, &kind))
      continue;
    add_file(files, path, kind, st.st_size);
    *total += st.st_size;
  }
  return TRUE;
}

GPtrArray *
wn_input_expand(const char *const *inputs, guint64 *total, GError **error)
{
  static const char *const stdin_only[] = {"-", NULL};
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func((GDestroyNotify)wn_input_file_free);
  gboolean has_stdin = FALSE;
  *total = 0;
  if (inputs == NULL || inputs[0] == NULL)
    inputs = stdin_only;

  for (guint i = 0; inputs[i] != NULL; i++) {
    const char *path = inputs[i];
    if (strcmp(path, "-") == 0) {
      if (has_stdin) {
        g_set_error(error, WN_ERROR, WN_ERROR_USAGE,
                    "Standard input (-) is named twice among the inputs; it can be read once");
        return NULL;
      }
      WnInputFile *file = g_new0(WnInputFile, 1);
      file->path = g_strdup("-");
      file->display = g_strdup("<stdin>");
      file->kind = WN_INPUT_JSONL;
      g_ptr_array_add(files, file);
      has_stdin = TRUE;
      continue;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
      int e = errno;
      g_set_error(error, WN_ERROR, WN_ERROR_IO, "Cannot read the input %s: %s", path,
                  g_strerror(e));
      return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
      if (!walk_dir(files, path, total, error))
        return NULL;
      continue;
    }
    WnInputKind kind;
    if (!kind_for_name(path, &kind)) {
      g_set_error(error, WN_ERROR, WN_ERROR_USAGE,
                  "Do not know how to read the input %s: name JSON Lines files .jsonl or "
                  ".ndjson, text files .txt, HTML files .html or .htm, folders, or - for "
                  "standard input",
                  path);
      return NULL;
    }
    if (access(path, R_OK) != 0) {
      int e = errno;
      g_set_error(error, WN_ERROR, WN_ERROR_IO, "Cannot read the input %s: %s", path,
                  g_strerror(e));
      return NULL;
    }
    /* Character devices and pipes (e.g. /dev/stdin, <(cmd)) have no size. */
    add_file(files, path, kind, S_ISREG(st.st_mode) ? (guint64)st.st_size : 0);
    if (S_ISREG(st.st_mode))
      *total += st.st_size;
    else
      has_stdin = TRUE;
  }
  if (has_stdin)
    *total = 0;
  return g_steal_pointer(&files);
}

void
wn_unit_free(WnUnit *unit)
{
  if (unit == NULL)
    return;
  g_free(unit->data);
  g_free(unit);
}

/* ---- The reader ---------------------------------------------------------- */

struct _WnReader {
  GPtrArray *files;
  guint index;  /* the file being read */
  int fd;       /* -1 when no file is open */
  gboolean eof; /* the open file is at its end */
  guint64 line; /* line number of the first byte of `carry` */
  char *carry;  /* the start of an incomplete line */
  gsize carry_len;
  gsize carry_cap;
  gsize block_size;
  gsize max_doc_bytes;
  const gint *cancel; /* atomic; when set, reads from pipes give up */
};

WnReader *
wn_reader_new(GPtrArray *files, gsize block_size, gsize max_doc_bytes)
{
  WnReader *reader = g_new0(WnReader, 1);
  reader->files = g_ptr_array_ref(files);
  reader->fd = -1;
  reader->block_size = MAX(block_size, 4096);
  reader->max_doc_bytes = max_doc_bytes;
  return reader;
}

static void
reader_close(WnReader *reader)
{
  if (reader->fd > 0)
    close(reader->fd);
  reader->fd = -1;
}

void
wn_reader_set_cancel(WnReader *reader, const gint *cancel)
{
  reader->cancel = cancel;
}

void
wn_reader_free(WnReader *reader)
{
  if (reader == NULL)
    return;
  reader_close(reader);
  g_free(reader->carry);
  g_ptr_array_unref(reader->files);
  g_free(reader);
}

static gboolean
read_some(WnReader *reader, char *buf, gsize want, gsize *got, GError **error)
{
  const WnInputFile *file = reader->files->pdata[reader->index];
  for (;;) {
    /* A pipe may stay silent for ever: wait in short slices so a run that
     * stops (--fail-fast, an interrupt) is not held by a blocked read. */
    if (file->size == 0 && reader->cancel != NULL) {
      struct pollfd pfd = {.fd = reader->fd, .events = POLLIN};
      int ready = poll(&pfd, 1, 100);
      if (g_atomic_int_get(reader->cancel)) {
        g_set_error(error, WN_ERROR, WN_ERROR_FAILED, "Reading %s was cancelled", file->display);
        return FALSE;
      }
      if (ready == 0 || (ready < 0 && errno == EINTR))
        continue;
    }
    gssize n = read(reader->fd, buf, want);
    if (n >= 0) {
      *got = n;
      return TRUE;
    }
    if (errno == EINTR)
      continue;
    int e = errno;
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "Reading %s failed: %s", file->display,
                g_strerror(e));
    return FALSE;
  }
}

static gboolean
reader_open(WnReader *reader, GError **error)
{
  const WnInputFile *file = reader->files->pdata[reader->index];
  if (strcmp(file->path, "-") == 0) {
    reader->fd = 0;
  } else {
    reader->fd = open(file->path, O_RDONLY | O_CLOEXEC);
    if (reader->fd < 0) {
      int e = errno;
      g_set_error(error, WN_ERROR, WN_ERROR_IO, "Cannot open the input %s: %s", file->path,
                  g_strerror(e));
      return FALSE;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    posix_fadvise(reader->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  reader->eof = FALSE;
  reader->line = 1;
  reader->carry_len = 0;
  return TRUE;
}

static gboolean
data_waiting(int fd)
{
  struct pollfd pfd = {.fd = fd, .events = POLLIN};
  return poll(&pfd, 1, 0) > 0;
}

static guint64
count_lines(const char *p, gsize len)
{
  guint64 n = 0;
  const char *end = p + len;
  while ((p = memchr(p, '\n', end - p)) != NULL) {
    n++;
    p++;
  }
  return n;
}

/* A whole .txt or .html file, or an OVERSIZE unit when it is too large. The
 * size is checked on the open descriptor, and reading stops one byte past
 * the limit in case the file grew meanwhile. */
static WnUnit *
read_whole_file(WnReader *reader, const WnInputFile *file, GError **error)
{
  WnUnit *unit = g_new0(WnUnit, 1);
  unit->file = file;
  unit->first_line = 1;
  struct stat st;
  if (fstat(reader->fd, &st) == 0 && S_ISREG(st.st_mode) &&
      (guint64)st.st_size > reader->max_doc_bytes) {
    unit->kind = WN_UNIT_OVERSIZE;
    unit->size = st.st_size;
    return unit;
  }
  unit->kind = WN_UNIT_FILE;
  gsize cap = S_ISREG(st.st_mode) ? (gsize)st.st_size + 1 : 65536;
  cap = MIN(cap, reader->max_doc_bytes + 1);
  unit->data = g_malloc(cap + 1);
  for (;;) {
    if (unit->len == cap) {
      if (cap > reader->max_doc_bytes)
        break;
      cap = MIN(cap * 2, reader->max_doc_bytes + 1);
      unit->data = g_realloc(unit->data, cap + 1);
    }
    gsize got;
    if (!read_some(reader, unit->data + unit->len, cap - unit->len, &got, error)) {
      wn_unit_free(unit);
      return NULL;
    }
    if (got == 0)
      break;
    unit->len += got;
  }
  if (unit->len > reader->max_doc_bytes) {
    unit->kind = WN_UNIT_OVERSIZE;
    unit->size = unit->len;
    g_clear_pointer(&unit->data, g_free);
    unit->len = 0;
    return unit;
  }
  unit->data[unit->len] = '\0';
  return unit;
}

/* Discards the rest of an over-size line; returns FALSE on a read error. The
 * line's newline, when found, is consumed and the line counter advanced. */
static gboolean
skip_rest_of_line(WnReader *reader, guint64 *size, GError **error)
{
  char buf[65536];
  for (;;) {
    gsize got;
    if (!read_some(reader, buf, sizeof buf, &got, error))
      return FALSE;
    if (got == 0) {
      reader->eof = TRUE;
      return TRUE;
    }
    const char *nl = memchr(buf, '\n', got);
    if (nl != NULL) {
      gsize rest = got - (nl + 1 - buf);
      *size += nl - buf;
      reader->line++;
      /* What follows the newline starts the next unit. */
      if (reader->carry_cap < rest) {
        reader->carry_cap = MAX(rest, reader->block_size);
        reader->carry = g_realloc(reader->carry, reader->carry_cap);
      }
      if (rest > 0)
        memcpy(reader->carry, nl + 1, rest);
      reader->carry_len = rest;
      return TRUE;
    }
    *size += got;
  }
}

/* The next LINES unit of the open JSON Lines file, or NULL at its end. */
static WnUnit *
read_lines(WnReader *reader, const WnInputFile *file, gboolean *at_end, GError **error)
{
  /* Lines up to max_doc_bytes plus a CR LF are whole documents to measure. */
  const gsize limit = reader->max_doc_bytes + 2;
  gsize cap = MAX(reader->block_size, reader->carry_len + 4096);
  char *buf = g_malloc(cap + 1);
  gsize len = reader->carry_len;
  if (len > 0)
    memcpy(buf, reader->carry, len);
  reader->carry_len = 0;
  *at_end = FALSE;
  /* Once the buffer had to grow for one long line, the unit ends with that
   * line: the worker then frees its bytes as soon as the document exists,
   * and nothing else is read into the big buffer. */
  gboolean grown = FALSE;
  gboolean stream_idle = FALSE;

  for (;;) {
    while (!reader->eof && len < cap) {
      gsize got;
      if (!read_some(reader, buf + len, MIN(cap - len, reader->block_size), &got, error)) {
        g_free(buf);
        return NULL;
      }
      if (got == 0)
        reader->eof = TRUE;
      len += got;
      if (grown && got > 0 && memchr(buf + len - got, '\n', got) != NULL)
        break;
      /* A pipe delivers little at a time: when nothing more is waiting, hand
       * on the complete lines rather than wait for a full block, so a slow
       * producer's documents are not held back. */
      if (file->size == 0 && got > 0 && !data_waiting(reader->fd) &&
          memchr(buf, '\n', len) != NULL) {
        stream_idle = TRUE;
        break;
      }
    }
    const char *nl = len == 0 ? NULL : grown ? memchr(buf, '\n', len) : memrchr(buf, '\n', len);
    if (nl != NULL || (reader->eof && len > 0)) {
      /* At the end of the file a last line without a newline counts too. */
      gsize used = nl != NULL && (grown || !reader->eof) ? (gsize)(nl + 1 - buf) : len;
      gsize rest = len - used;
      if (rest > 0) {
        if (reader->carry_cap < rest) {
          reader->carry_cap = MAX(rest, reader->block_size);
          reader->carry = g_realloc(reader->carry, reader->carry_cap);
        }
        memcpy(reader->carry, buf + used, rest);
        reader->carry_len = rest;
      }
      WnUnit *unit = g_new0(WnUnit, 1);
      unit->kind = WN_UNIT_LINES;
      unit->file = file;
      unit->first_line = reader->line;
      unit->flush = stream_idle;
      buf[used] = '\0';
      unit->data = buf;
      unit->len = used;
      reader->line += count_lines(buf, used);
      return unit;
    }
    if (reader->eof) {
      g_free(buf);
      *at_end = TRUE;
      return NULL;
    }
    /* The buffer is full and holds no newline: one long line. */
    if (cap >= limit) {
      WnUnit *unit = g_new0(WnUnit, 1);
      unit->kind = WN_UNIT_OVERSIZE;
      unit->file = file;
      unit->first_line = reader->line;
      unit->size = len;
      g_free(buf);
      if (!skip_rest_of_line(reader, &unit->size, error)) {
        wn_unit_free(unit);
        return NULL;
      }
      return unit;
    }
    cap = MIN(cap * 2, limit);
    buf = g_realloc(buf, cap + 1);
    grown = TRUE;
  }
}

WnUnit *
wn_reader_next(WnReader *reader, GError **error)
{
  while (reader->index < reader->files->len) {
    const WnInputFile *file = reader->files->pdata[reader->index];
    if (reader->fd < 0 && !reader_open(reader, error))
      return NULL;
    if (file->kind != WN_INPUT_JSONL) {
      WnUnit *unit = read_whole_file(reader, file, error);
      reader_close(reader);
      if (unit == NULL)
        return NULL;
      reader->index++;
      return unit;
    }
    gboolean at_end;
    WnUnit *unit = read_lines(reader, file, &at_end, error);
    if (unit != NULL)
      return unit;
    if (!at_end)
      return NULL;
    reader_close(reader);
    reader->index++;
  }
  return NULL;
}

/* ---- Parsing ------------------------------------------------------------- */

/* A passed-through member, between its parsing and the document's making:
 * either a value parsed into a node, or (value NULL) a stretch of the
 * scratch's raw text holding the value in compact form. */
typedef struct {
  char *name;
  JsonNode *value;
  gsize raw_at, raw_len;
} Field;

struct _WnParseScratch {
  GString *id;
  GString *key;
  GString *str;   /* other strings */
  GArray *fields; /* of Field: the line's members; empty between lines */
  GString *raw;   /* "{" and the members kept as text, for the document */
};

WnParseScratch *
wn_parse_scratch_new(void)
{
  WnParseScratch *s = g_new0(WnParseScratch, 1);
  s->id = g_string_sized_new(64);
  s->key = g_string_sized_new(64);
  s->str = g_string_sized_new(256);
  s->fields = g_array_new(FALSE, FALSE, sizeof(Field));
  s->raw = g_string_sized_new(256);
  return s;
}

void
wn_parse_scratch_free(WnParseScratch *scratch)
{
  if (scratch == NULL)
    return;
  g_string_free(scratch->id, TRUE);
  g_string_free(scratch->key, TRUE);
  g_string_free(scratch->str, TRUE);
  g_array_unref(scratch->fields);
  g_string_free(scratch->raw, TRUE);
  g_free(scratch);
}

typedef struct {
  const char *start;
  const char *p;
  const char *end;
  char *error; /* the first problem found */
  int depth;
} Json;

static gboolean G_GNUC_PRINTF(2, 3) json_fail(Json *j, const char *format, ...)
{
  if (j->error != NULL)
    return FALSE;
  va_list ap;
  va_start(ap, format);
  g_autofree char *what = g_strdup_vprintf(format, ap);
  va_end(ap);
  j->error = g_strdup_printf("invalid JSON at column %" G_GSIZE_FORMAT ": %s",
                             (gsize)(j->p - j->start) + 1, what);
  return FALSE;
}

static inline void
json_skip_ws(Json *j)
{
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
    j->p++;
}

static int
hex_value(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4(Json *j, const char *at, gunichar *out)
{
  if (j->end - at < 4)
    return FALSE;
  gunichar v = 0;
  for (int i = 0; i < 4; i++) {
    int h = hex_value(at[i]);
    if (h < 0)
      return FALSE;
    v = v << 4 | h;
  }
  *out = v;
  return TRUE;
}

/* Decodes the string whose content starts at j->p (after the opening
 * quote) into `dest` and leaves j->p after the closing quote. Decoding never
 * makes a string longer, so `dest` needs room for the rest of the line; it
 * may even be the string's own bytes (in-place decoding: the writer never
 * passes the reader). Bytes are taken as they are: invalid UTF-8 is repaired
 * later, by the document or by the caller. Raw control characters are
 * accepted (producers often leave tabs raw). */
static gboolean
json_decode(Json *j, char *dest, gsize *out_len)
{
  const char *p = j->p;
  char *w = dest;
  /* The closing quote is searched again only after an escaped quote was
   * passed; searching from every escape to a far quote would be quadratic. */
  const char *quote = NULL;
  for (;;) {
    if (quote == NULL || quote < p)
      quote = memchr(p, '"', j->end - p);
    if (quote == NULL) {
      j->p = j->end;
      return json_fail(j, "a string is not closed (missing \")");
    }
    const char *bs = memchr(p, '\\', quote - p);
    const char *stop = bs != NULL ? bs : quote;
    if (w != p)
      memmove(w, p, stop - p); /* overlaps when decoding in place */
    w += stop - p;
    if (bs == NULL) {
      j->p = quote + 1;
      *out_len = w - dest;
      return TRUE;
    }
    p = bs + 1;
    if (p >= j->end) {
      j->p = p;
      return json_fail(j, "a string is not closed (missing \")");
    }
    char c = *p++;
    switch (c) {
    case '"':
    case '\\':
    case '/':
      *w++ = c;
      break;
    case 'b':
      *w++ = '\b';
      break;
    case 'f':
      *w++ = '\f';
      break;
    case 'n':
      *w++ = '\n';
      break;
    case 'r':
      *w++ = '\r';
      break;
    case 't':
      *w++ = '\t';
      break;
    case 'u': {
      gunichar u;
      if (!read_hex4(j, p, &u)) {
        j->p = p - 2;
        return json_fail(j, "\\u must be followed by four hexadecimal digits");
      }
      p += 4;
      if (u >= 0xD800 && u <= 0xDBFF) {
        gunichar lo;
        if (j->end - p >= 6 && p[0] == '\\' && p[1] == 'u' && read_hex4(j, p + 2, &lo) &&
            lo >= 0xDC00 && lo <= 0xDFFF) {
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          p += 6;
        } else {
          u = 0xFFFD; /* a lone high surrogate */
        }
      } else if (u >= 0xDC00 && u <= 0xDFFF) {
        u = 0xFFFD; /* a lone low surrogate */
      }
      /* U+0000 stays a NUL byte here: the document repairs and counts it. */
      if (u == 0)
        *w++ = '\0';
      else
        w += g_unichar_to_utf8(u, w);
      break;
    }
    default:
      j->p = p - 2;
      return json_fail(j, "unknown escape \\%c in a string", g_ascii_isprint(c) ? c : '?');
    }
  }
}

/* Decodes a string into `out` (replacing its content). */
static gboolean
json_string(Json *j, GString *out)
{
  /* The scratch string keeps its capacity from line to line. */
  const gsize bound = j->end - j->p;
  if (out->allocated_len <= bound)
    g_string_set_size(out, bound);
  gsize len = 0;
  gboolean ok = json_decode(j, out->str, &len);
  g_string_set_size(out, ok ? len : 0); /* within the capacity: no copy */
  return ok;
}

/* A copy of `s` that is valid UTF-8 without NULs; counts repairs. */
static char *
repaired_copy(const GString *s, gsize *n_repairs)
{
  gsize out_len, n = 0;
  char *copy = wn_utf8_repair(s->str, s->len, &out_len, &n);
  *n_repairs += n;
  return copy;
}

/* `s` itself when it is valid UTF-8 without NULs (the usual case: no copy),
 * else a repaired copy left in `*repaired` for the caller to free. */
static const char *
valid_text(const GString *s, char **repaired)
{
  *repaired = NULL;
  if (wn_utf8_valid(s->str, s->len))
    return s->str;
  gsize ignored = 0;
  *repaired = repaired_copy(s, &ignored);
  return *repaired;
}

static JsonNode *json_value(Json *j, WnParseScratch *s);

static gboolean
json_literal(Json *j, const char *word)
{
  gsize n = strlen(word);
  if ((gsize)(j->end - j->p) >= n && memcmp(j->p, word, n) == 0) {
    j->p += n;
    return TRUE;
  }
  return FALSE;
}

static JsonNode *
json_number(Json *j)
{
  const char *start = j->p;
  const char *p = j->p;
  gboolean is_int = TRUE;
  if (p < j->end && *p == '-')
    p++;
  if (p >= j->end || !g_ascii_isdigit(*p)) {
    json_fail(j, "expected a value (string, number, object, array, true, false or null)");
    return NULL;
  }
  if (*p == '0')
    p++;
  else
    while (p < j->end && g_ascii_isdigit(*p))
      p++;
  if (p < j->end && *p == '.') {
    is_int = FALSE;
    p++;
    if (p >= j->end || !g_ascii_isdigit(*p)) {
      j->p = p;
      json_fail(j, "a digit must follow the decimal point");
      return NULL;
    }
    while (p < j->end && g_ascii_isdigit(*p))
      p++;
  }
  if (p < j->end && (*p == 'e' || *p == 'E')) {
    is_int = FALSE;
    p++;
    if (p < j->end && (*p == '+' || *p == '-'))
      p++;
    if (p >= j->end || !g_ascii_isdigit(*p)) {
      j->p = p;
      json_fail(j, "a digit must follow the exponent");
      return NULL;
    }
    while (p < j->end && g_ascii_isdigit(*p))
      p++;
  }
  char buf[64];
  gsize n = p - start;
  g_autofree char *big = n >= sizeof buf ? g_strndup(start, n) : NULL;
  char *num = big;
  if (num == NULL) {
    memcpy(buf, start, n);
    buf[n] = '\0';
    num = buf;
  }
  j->p = p;
  JsonNode *node = json_node_alloc();
  if (is_int) {
    char *endp;
    errno = 0;
    gint64 v = g_ascii_strtoll(num, &endp, 10);
    if (errno == 0)
      return json_node_init_int(node, v);
  }
  return json_node_init_double(node, g_ascii_strtod(num, NULL));
}

static JsonNode *
json_object(Json *j, WnParseScratch *s)
{
  j->p++; /* '{' */
  g_autoptr(JsonObject) obj = json_object_new();
  json_skip_ws(j);
  if (j->p < j->end && *j->p == '}') {
    j->p++;
    return json_node_init_object(json_node_alloc(), obj);
  }
  for (;;) {
    json_skip_ws(j);
    if (j->p >= j->end || *j->p != '"') {
      json_fail(j, "expected a member name in double quotes");
      return NULL;
    }
    j->p++;
    if (!json_string(j, s->str))
      return NULL;
    /* The name must outlive the value's parsing, which reuses s->str. */
    g_autofree char *repaired = NULL;
    g_autofree char *name = g_strdup(valid_text(s->str, &repaired));
    json_skip_ws(j);
    if (j->p >= j->end || *j->p != ':') {
      json_fail(j, "expected ':' after the member name \"%s\"", name);
      return NULL;
    }
    j->p++;
    JsonNode *value = json_value(j, s);
    if (value == NULL)
      return NULL;
    json_object_set_member(obj, name, value);
    json_skip_ws(j);
    if (j->p < j->end && *j->p == ',') {
      j->p++;
      continue;
    }
    if (j->p < j->end && *j->p == '}') {
      j->p++;
      return json_node_init_object(json_node_alloc(), obj);
    }
    json_fail(j, "expected ',' or '}' after a member");
    return NULL;
  }
}

static JsonNode *
json_array(Json *j, WnParseScratch *s)
{
  j->p++; /* '[' */
  g_autoptr(JsonArray) arr = json_array_new();
  json_skip_ws(j);
  if (j->p < j->end && *j->p == ']') {
    j->p++;
    return json_node_init_array(json_node_alloc(), arr);
  }
  for (;;) {
    JsonNode *value = json_value(j, s);
    if (value == NULL)
      return NULL;
    json_array_add_element(arr, value);
    json_skip_ws(j);
    if (j->p < j->end && *j->p == ',') {
      j->p++;
      continue;
    }
    if (j->p < j->end && *j->p == ']') {
      j->p++;
      return json_node_init_array(json_node_alloc(), arr);
    }
    json_fail(j, "expected ',' or ']' in an array");
    return NULL;
  }
}

/* Any JSON value, as a JsonNode whose strings are valid UTF-8. */
static JsonNode *
json_value(Json *j, WnParseScratch *s)
{
  json_skip_ws(j);
  if (j->p >= j->end) {
    json_fail(j, "the line ends where a value was expected");
    return NULL;
  }
  switch (*j->p) {
  case '{':
  case '[': {
    if (++j->depth > MAX_DEPTH) {
      json_fail(j, "values are nested more than %d deep", MAX_DEPTH);
      return NULL;
    }
    JsonNode *node = *j->p == '{' ? json_object(j, s) : json_array(j, s);
    j->depth--;
    return node;
  }
  case '"': {
    j->p++;
    if (!json_string(j, s->str))
      return NULL;
    g_autofree char *repaired = NULL;
    return json_node_init_string(json_node_alloc(), valid_text(s->str, &repaired));
  }
  case 't':
    if (json_literal(j, "true"))
      return json_node_init_boolean(json_node_alloc(), TRUE);
    break;
  case 'f':
    if (json_literal(j, "false"))
      return json_node_init_boolean(json_node_alloc(), FALSE);
    break;
  case 'n':
    if (json_literal(j, "null"))
      return json_node_init_null(json_node_alloc());
    break;
  default:
    return json_number(j);
  }
  json_fail(j, "expected a value (string, number, object, array, true, false or null)");
  return NULL;
}

/* ---- Members kept as text ------------------------------------------------ */

/* Passed-through values that the record writer would write back byte for
 * byte are copied as text (whitespace dropped) instead of parsed into nodes;
 * anything else (an escape the writer would write otherwise, a number it
 * would reformat, a duplicate name, invalid UTF-8) is parsed as before, so
 * records are the same either way. Objects with more members than this are
 * always parsed: their names are compared pairwise. */
#define CANON_MAX_MEMBERS 16

/* TRUE when the string content at `p` (after its opening quote) is written
 * back unchanged: valid UTF-8 without control characters, escapes only of
 * the forms the writer uses. `*close` receives the closing quote. A string
 * has one such form, so two names are the same exactly when their texts
 * are. */
static gboolean
canon_string(const char *p, const char *end, const char **close)
{
  const char *start = p;
  gboolean ascii = TRUE;
  for (; p < end; p++) {
    const guchar c = *p;
    if (c == '"') {
      *close = p;
      return ascii || wn_utf8_valid(start, p - start);
    }
    if (c < 0x20)
      return FALSE;
    if (c >= 0x80) {
      ascii = FALSE;
    } else if (c == '\\') {
      if (++p >= end)
        return FALSE;
      switch (*p) {
      case '"':
      case '\\':
      case 'n':
      case 'r':
      case 't':
      case 'b':
      case 'f':
        break;
      default:
        return FALSE; /* \/ and \u are written back decoded */
      }
    }
  }
  return FALSE;
}

/* An integer the writer writes with the same digits: no "-0", no leading
 * zero, short enough for 64 bits. */
static gboolean
canon_number(Json *j, GString *out)
{
  const char *p = j->p;
  if (p < j->end && *p == '-')
    p++;
  const char *digits = p;
  while (p < j->end && g_ascii_isdigit(*p))
    p++;
  const gsize n = p - digits;
  if (n == 0 || n > 18 || (digits[0] == '0' && (n > 1 || digits > j->p)))
    return FALSE;
  if (p < j->end && (*p == '.' || *p == 'e' || *p == 'E'))
    return FALSE;
  g_string_append_len(out, j->p, p - j->p);
  j->p = p;
  return TRUE;
}

static gboolean
canon_literal(Json *j, GString *out, const char *word, gsize n)
{
  if ((gsize)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
    return FALSE;
  g_string_append_len(out, word, n);
  j->p += n;
  return TRUE;
}

/* Copies the value at j->p to `out` in compact form when it is written back
 * unchanged; FALSE otherwise (j->p and `out` are then the caller's to reset). */
static gboolean
canon_value(Json *j, GString *out, int depth)
{
  json_skip_ws(j);
  if (j->p >= j->end)
    return FALSE;
  switch (*j->p) {
  case '"': {
    const char *close;
    if (!canon_string(j->p + 1, j->end, &close))
      return FALSE;
    g_string_append_len(out, j->p, close + 1 - j->p);
    j->p = close + 1;
    return TRUE;
  }
  case '{':
  case '[': {
    if (depth + 1 > MAX_DEPTH)
      return FALSE;
    const gboolean is_object = *j->p == '{';
    const char closer = is_object ? '}' : ']';
    const char *names[CANON_MAX_MEMBERS];
    gsize name_lens[CANON_MAX_MEMBERS];
    guint n_names = 0;
    g_string_append_c(out, *j->p++);
    json_skip_ws(j);
    if (j->p < j->end && *j->p == closer) {
      g_string_append_c(out, *j->p++);
      return TRUE;
    }
    for (;;) {
      if (is_object) {
        json_skip_ws(j);
        const char *close;
        if (j->p >= j->end || *j->p != '"' || !canon_string(j->p + 1, j->end, &close) ||
            n_names == CANON_MAX_MEMBERS)
          return FALSE;
        const char *name = j->p + 1;
        const gsize name_len = close - name;
        for (guint i = 0; i < n_names; i++)
          if (name_lens[i] == name_len && memcmp(names[i], name, name_len) == 0)
            return FALSE; /* the parsed object would keep one of them */
        names[n_names] = name;
        name_lens[n_names++] = name_len;
        g_string_append_len(out, j->p, close + 1 - j->p);
        j->p = close + 1;
        json_skip_ws(j);
        if (j->p >= j->end || *j->p != ':')
          return FALSE;
        g_string_append_c(out, *j->p++);
      }
      if (!canon_value(j, out, depth + 1))
        return FALSE;
      json_skip_ws(j);
      if (j->p < j->end && (*j->p == ',' || *j->p == closer)) {
        const char c = *j->p++;
        g_string_append_c(out, c);
        if (c == closer)
          return TRUE;
        continue;
      }
      return FALSE;
    }
  }
  case 't':
    return canon_literal(j, out, "true", 4);
  case 'f':
    return canon_literal(j, out, "false", 5);
  case 'n':
    return canon_literal(j, out, "null", 4);
  default:
    return canon_number(j, out);
  }
}

/* A top-level name the writer writes as it is, between quotes. */
static gboolean
canon_name(const char *name)
{
  for (const guchar *p = (const guchar *)name; *p != '\0'; p++)
    if (*p < 0x20 || *p == '"' || *p == '\\')
      return FALSE;
  return TRUE;
}

/* Starts the raw member `name` in s->raw; returns where it started, for
 * taking it back. */
static gsize
raw_member_open(WnParseScratch *s, const char *name)
{
  const gsize mark = s->raw->len;
  if (s->raw->len > 1)
    g_string_append_c(s->raw, ',');
  g_string_append_c(s->raw, '"');
  g_string_append(s->raw, name);
  g_string_append(s->raw, "\":");
  return mark;
}

/* Parses the value at raw[0..len) into a node (NULL when it is not JSON).
 * `depth` is the nesting of the value in its line: a member's value 0, the
 * object of all members -1 (its members' values sit at 0). */
static JsonNode *
parse_raw_value(const char *raw, gsize len, int depth, WnParseScratch *s)
{
  Json j = {.start = raw, .p = raw, .end = raw + len, .depth = depth};
  JsonNode *node = json_value(&j, s);
  g_free(j.error);
  return node;
}

JsonObject *
wn_input_parse_raw_members(const char *raw, gsize len)
{
  WnParseScratch *s = wn_parse_scratch_new();
  JsonNode *node = parse_raw_value(raw, len, -1, s);
  wn_parse_scratch_free(s);
  JsonObject *object = NULL;
  if (node != NULL && JSON_NODE_HOLDS_OBJECT(node))
    object = json_object_ref(json_node_get_object(node));
  if (node != NULL)
    json_node_unref(node);
  return object;
}

gboolean
wn_input_looks_like_html(const char *text, gsize len)
{
  const char *p = text;
  const char *end = text + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace(*p))
    p++;
  gsize rest = end - p;
  return (rest >= 14 && g_ascii_strncasecmp(p, "<!doctype html", 14) == 0) ||
         (rest >= 5 && g_ascii_strncasecmp(p, "<html", 5) == 0);
}

static void
fields_clear(GArray *fields)
{
  for (guint i = 0; i < fields->len; i++) {
    Field *f = &g_array_index(fields, Field, i);
    g_free(f->name);
    if (f->value != NULL)
      json_node_unref(f->value);
  }
  g_array_set_size(fields, 0);
}

/* TRUE when the line's members can go to the document as text: all kept
 * as text, and no name twice (the object would keep only the last). */
static gboolean
fields_all_raw(const GArray *fields)
{
  if (fields->len > CANON_MAX_MEMBERS)
    return FALSE;
  for (guint i = 0; i < fields->len; i++) {
    const Field *f = &g_array_index(fields, Field, i);
    if (f->value != NULL)
      return FALSE;
    for (guint k = 0; k < i; k++)
      if (strcmp(g_array_index(fields, Field, k).name, f->name) == 0)
        return FALSE;
  }
  return TRUE;
}

/* Parses one line; on failure returns NULL, sets `error` and leaves the id in
 * `*id_out` when it was read before the problem. */
static WnDoc *
parse_line(char *line, gsize len, const char *source, WnParseScratch *s, char **id_out,
           GError **error)
{
  Json j = {.start = line, .p = line, .end = line + len};
  gboolean have_id = FALSE, have_text = FALSE, have_group = FALSE, is_html = FALSE;
  const char *text_ptr = NULL; /* the text, straight from the line when unescaped */
  gsize text_len = 0;
  g_autofree char *group = NULL;
  gsize n_repairs = 0;
  GArray *fields = s->fields; /* kept from line to line: no allocation per line */
  g_string_assign(s->raw, "{");

  json_skip_ws(&j);
  if (j.p >= j.end || *j.p != '{') {
    json_fail(&j, "each line must be one JSON object {\"id\": ..., \"text\": ...}");
    goto fail;
  }
  j.p++;
  json_skip_ws(&j);
  if (j.p < j.end && *j.p == '}') {
    j.p++;
  } else {
    for (;;) {
      json_skip_ws(&j);
      if (j.p >= j.end || *j.p != '"') {
        json_fail(&j, "expected a member name in double quotes");
        goto fail;
      }
      j.p++;
      if (!json_string(&j, s->key))
        goto fail;
      const char *key = s->key->str;
      const gsize key_len = s->key->len;
      json_skip_ws(&j);
      if (j.p >= j.end || *j.p != ':') {
        json_fail(&j, "expected ':' after the member name");
        goto fail;
      }
      j.p++;
      json_skip_ws(&j);
      const gboolean is_text = strcmp(key, "text") == 0 && key_len == 4;
      const gboolean is_html_key = strcmp(key, "html") == 0 && key_len == 4;
      if (is_text || is_html_key) {
        if (have_text) {
          json_fail(&j, "a line has either one \"text\" or one \"html\", not both");
          goto fail;
        }
        if (j.p >= j.end || *j.p != '"') {
          json_fail(&j, "\"%s\" must be a string", key);
          goto fail;
        }
        /* Decoded in place, inside the line: no copy of the text before the
         * document's own. A string without escapes is left as it is. */
        char *content = line + (j.p + 1 - j.start);
        j.p++;
        if (!json_decode(&j, content, &text_len))
          goto fail;
        text_ptr = content;
        have_text = TRUE;
        is_html = is_html_key;
      } else if ((strcmp(key, "id") == 0 && key_len == 2) ||
                 (strcmp(key, "group") == 0 && key_len == 5)) {
        const gboolean is_id = key[0] == 'i';
        if (is_id ? have_id : have_group) {
          json_fail(&j, "\"%s\" appears twice", key);
          goto fail;
        }
        GString *dest = is_id ? s->id : s->str;
        if (j.p < j.end && *j.p == '"') {
          j.p++;
          if (!json_string(&j, dest))
            goto fail;
        } else if (!is_id && json_literal(&j, "null")) {
          have_group = TRUE;
          goto next;
        } else {
          const char *num_start = j.p;
          JsonNode *num =
              j.p < j.end && (*j.p == '-' || g_ascii_isdigit(*j.p)) ? json_number(&j) : NULL;
          gboolean ok = num != NULL && json_node_get_value_type(num) == G_TYPE_INT64;
          if (num != NULL)
            json_node_unref(num);
          if (!ok) {
            j.p = num_start;
            g_clear_pointer(&j.error, g_free);
            json_fail(&j, "\"%s\" must be a string or an integer", is_id ? "id" : "group");
            goto fail;
          }
          g_string_assign(dest, "");
          g_string_append_len(dest, num_start, j.p - num_start);
        }
        if (is_id) {
          have_id = TRUE;
          g_free(*id_out);
          *id_out = repaired_copy(s->id, &n_repairs);
        } else {
          have_group = TRUE;
          group = repaired_copy(s->str, &n_repairs);
          /* The key also stays in the record, like any input member. */
          Field f = {g_strdup("group"), NULL, 0, 0};
          if (canon_name(group)) {
            raw_member_open(s, "group");
            f.raw_at = s->raw->len;
            g_string_append_c(s->raw, '"');
            g_string_append(s->raw, group);
            g_string_append_c(s->raw, '"');
            f.raw_len = s->raw->len - f.raw_at;
          } else {
            f.value = json_node_init_string(json_node_alloc(), group);
          }
          g_array_append_val(fields, f);
        }
      } else if (strcmp(key, "type") == 0 && key_len == 4) {
        /* Our own records carry "type"; a record fed back in gets a new one. */
        JsonNode *v = json_value(&j, s);
        if (v == NULL)
          goto fail;
        json_node_unref(v);
      } else {
        Field f = {repaired_copy(s->key, &n_repairs), NULL, 0, 0};
        const char *value_start = j.p;
        if (canon_name(f.name)) {
          const gsize mark = raw_member_open(s, f.name);
          f.raw_at = s->raw->len;
          if (canon_value(&j, s->raw, 0)) {
            f.raw_len = s->raw->len - f.raw_at;
          } else {
            g_string_truncate(s->raw, mark);
            j.p = value_start;
          }
        }
        if (f.raw_len == 0) {
          f.value = json_value(&j, s);
          if (f.value == NULL) {
            g_free(f.name);
            goto fail;
          }
        }
        g_array_append_val(fields, f);
      }
    next:
      json_skip_ws(&j);
      if (j.p < j.end && *j.p == ',') {
        j.p++;
        continue;
      }
      if (j.p < j.end && *j.p == '}') {
        j.p++;
        break;
      }
      json_fail(&j, "expected ',' or '}' after a member");
      goto fail;
    }
  }
  json_skip_ws(&j);
  if (j.p < j.end) {
    json_fail(&j, "unexpected characters after the JSON object");
    goto fail;
  }
  if (!have_text) {
    g_set_error(error, WN_ERROR, WN_ERROR_INPUT,
                "the line has no \"text\" or \"html\" string member");
    fields_clear(fields);
    return NULL;
  }

  if (!is_html && wn_input_looks_like_html(text_ptr, text_len))
    is_html = TRUE;
  WnDoc *doc = wn_doc_new(have_id ? *id_out : source, text_ptr, text_len,
                          is_html ? WN_MEDIA_TYPE_HTML : WN_MEDIA_TYPE_TEXT);
  wn_doc_set_source(doc, source);
  if (group != NULL)
    wn_doc_set_group(doc, group);
  if (fields->len > 0 && fields_all_raw(fields)) {
    g_string_append_c(s->raw, '}');
    wn_doc_take_raw_fields(doc, g_strndup(s->raw->str, s->raw->len), s->raw->len);
    fields_clear(fields);
    return doc;
  }
  for (guint i = 0; i < fields->len; i++) {
    Field *f = &g_array_index(fields, Field, i);
    JsonNode *value = f->value;
    if (value == NULL)
      value = parse_raw_value(s->raw->str + f->raw_at, f->raw_len, 0, s);
    wn_doc_set_field(doc, f->name, value);
    g_free(f->name);
  }
  g_array_set_size(fields, 0);
  return doc;

fail:
  g_set_error_literal(error, WN_ERROR, WN_ERROR_INPUT, j.error);
  g_free(j.error);
  fields_clear(fields);
  return NULL;
}

/* "FILE:LINE", made for every line: without printf, which cost more than
 * decoding a short document's members. */
static char *
source_name(const char *display, guint64 line_no)
{
  char digits[24];
  char *d = digits + sizeof digits;
  do {
    *--d = (char)('0' + line_no % 10);
    line_no /= 10;
  } while (line_no != 0);
  const gsize n_digits = digits + sizeof digits - d;
  const gsize n = strlen(display);
  char *s = g_malloc(n + 1 + n_digits + 1);
  memcpy(s, display, n);
  s[n] = ':';
  memcpy(s + n + 1, d, n_digits);
  s[n + 1 + n_digits] = '\0';
  return s;
}

static void
parse_lines(WnUnit *unit, gsize max_doc_bytes, WnParseScratch *scratch, WnInputDocFunc func,
            gpointer user_data)
{
  char *p = unit->data;
  char *end = unit->data + unit->len;
  guint64 line_no = unit->first_line;
  for (; p < end; line_no++) {
    char *nl = memchr(p, '\n', end - p);
    char *line_end = nl != NULL ? nl : end;
    char *next = nl != NULL ? nl + 1 : end;
    char *q = line_end;
    if (q > p && q[-1] == '\r')
      q--;
    char *start = p;
    /* A byte-order mark may open the first line of a file. */
    if (line_no == 1 && q - start >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0)
      start += 3;
    p = next;
    const char *b = start;
    while (b < q && g_ascii_isspace(*b))
      b++;
    if (b == q)
      continue; /* blank lines hold no document */

    g_autofree char *source = source_name(unit->file->display, line_no);
    gsize len = q - start;
    if (len > max_doc_bytes) {
      g_autoptr(GError) error =
          g_error_new(WN_ERROR, WN_ERROR_DOC_TOO_LARGE,
                      "the line is %" G_GSIZE_FORMAT " bytes, over the limit of %" G_GSIZE_FORMAT
                      " bytes (raise it with --max-doc-bytes)",
                      len, max_doc_bytes);
      func(NULL, source, source, error, user_data);
      continue;
    }
    GError *error = NULL;
    g_autofree char *id = NULL;
    WnDoc *doc = parse_line(start, len, source, scratch, &id, &error);
    /* The document holds its own copy: after the last line the unit's bytes
     * can go before the pipeline runs (for a huge line, that halves the
     * memory it takes). */
    if (p >= end)
      g_clear_pointer(&unit->data, g_free);
    if (doc == NULL) {
      func(NULL, id != NULL ? id : source, source, error, user_data);
      g_error_free(error);
    } else {
      func(doc, wn_doc_get_id(doc), source, NULL, user_data);
    }
  }
}

/* Scratch strings that grew for one huge value give the memory back. */
static void
scratch_trim(WnParseScratch *s)
{
  GString **all[] = {&s->id, &s->key, &s->str};
  for (guint i = 0; i < G_N_ELEMENTS(all); i++)
    if ((*all[i])->allocated_len > 1024 * 1024) {
      g_string_free(*all[i], TRUE);
      *all[i] = g_string_sized_new(256);
    }
}

void
wn_unit_parse(WnUnit *unit, gsize max_doc_bytes, WnParseScratch *scratch, WnInputDocFunc func,
              gpointer user_data)
{
  const WnInputFile *file = unit->file;
  switch (unit->kind) {
  case WN_UNIT_LINES:
    parse_lines(unit, max_doc_bytes, scratch, func, user_data);
    scratch_trim(scratch);
    break;
  case WN_UNIT_OVERSIZE: {
    g_autofree char *source =
        file->kind == WN_INPUT_JSONL
            ? g_strdup_printf("%s:%" G_GUINT64_FORMAT, file->display, unit->first_line)
            : g_strdup(file->display);
    g_autoptr(GError) error = g_error_new(
        WN_ERROR, WN_ERROR_DOC_TOO_LARGE,
        "the document is %s%" G_GUINT64_FORMAT " bytes, over the limit of %" G_GSIZE_FORMAT
        " bytes (raise it with --max-doc-bytes)",
        file->kind == WN_INPUT_JSONL ? "at least " : "", unit->size, max_doc_bytes);
    func(NULL, source, source, error, user_data);
    break;
  }
  case WN_UNIT_FILE: {
    const char *text = unit->data;
    gsize len = unit->len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
      text += 3;
      len -= 3;
    }
    gboolean html = file->kind == WN_INPUT_HTML || wn_input_looks_like_html(text, len);
    /* A page in a legacy charset is decoded as it declares, not repaired byte
     * by byte into U+FFFD. */
    gsize decoded_len = 0, n_unmapped = 0;
    g_autofree char *decoded =
        html ? wn_charset_decode_html(text, len, &decoded_len, &n_unmapped, NULL) : NULL;
    if (decoded != NULL) {
      text = decoded;
      len = decoded_len;
    }
    WnDoc *doc =
        wn_doc_new(file->display, text, len, html ? WN_MEDIA_TYPE_HTML : WN_MEDIA_TYPE_TEXT);
    wn_doc_set_source(doc, file->display);
    func(doc, file->display, file->display, NULL, user_data);
    break;
  }
  }
}
