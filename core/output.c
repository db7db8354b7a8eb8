/* output.c: the runner's output: buffered writes to standard output or to a
 * temporary file that is renamed over the target only when the run
 * succeeds, plus the JSON of the records only the runner writes (error and
 * group records). */
#include "output.h"
#include "record.h"

#include <winnow/error.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "utf8.h"

#define OUTPUT_BUFFER (256 * 1024)

struct _WnOutput {
  int fd;
  char *path;     /* the target, NULL for standard output */
  char *tmp_path; /* the file being written, NULL for standard output */
  char *buf;
  gsize len;
  guint64 bytes;
};

WnOutput *
wn_output_open(const char *path, GError **error)
{
  WnOutput *out = g_new0(WnOutput, 1);
  out->buf = g_malloc(OUTPUT_BUFFER);
  if (path == NULL || strcmp(path, "-") == 0) {
    out->fd = 1;
    return out;
  }
  /* A device or a pipe (/dev/null, <(...)) is written in place: there is
   * nothing to replace atomically, and renaming over it would be wrong. */
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      g_set_error(error, WN_ERROR, WN_ERROR_IO,
                  "The output %s is a folder; name a file to write the records to", path);
      g_free(out->buf);
      g_free(out);
      return NULL;
    }
    out->fd = open(path, O_WRONLY | O_CLOEXEC);
    if (out->fd < 0) {
      int e = errno;
      g_set_error(error, WN_ERROR, WN_ERROR_IO, "Cannot open the output %s: %s", path,
                  g_strerror(e));
      g_free(out->buf);
      g_free(out);
      return NULL;
    }
    out->path = g_strdup(path);
    return out;
  }
  g_autofree char *dir = g_path_get_dirname(path);
  g_autofree char *base = g_path_get_basename(path);
  /* Hidden and with a ".part" suffix: a run killed midway never leaves a
   * file that looks like finished output. */
  g_autofree char *name = g_strdup_printf(".%s.XXXXXX.part", base);
  out->tmp_path = g_build_filename(dir, name, NULL);
  out->fd = g_mkstemp_full(out->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (out->fd < 0) {
    int e = errno;
    g_set_error(error, WN_ERROR, WN_ERROR_IO,
                "Cannot create the output file %s (temporary %s): %s; check that the folder "
                "exists and is writable",
                path, out->tmp_path, g_strerror(e));
    g_free(out->tmp_path);
    g_free(out->buf);
    g_free(out);
    return NULL;
  }
  out->path = g_strdup(path);
  return out;
}

static gboolean
write_all(WnOutput *out, const char *data, gsize len, GError **error)
{
  while (len > 0) {
    gssize n = write(out->fd, data, len);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int e = errno;
      g_set_error(error, WN_ERROR, WN_ERROR_IO, "Writing %s failed: %s",
                  out->path != NULL ? out->path : "standard output", g_strerror(e));
      return FALSE;
    }
    data += n;
    len -= n;
  }
  return TRUE;
}

static gboolean
flush(WnOutput *out, GError **error)
{
  gboolean ok = write_all(out, out->buf, out->len, error);
  out->len = 0;
  return ok;
}

gboolean
wn_output_write(WnOutput *out, const char *data, gsize len, GError **error)
{
  out->bytes += len;
  if (out->len + len <= OUTPUT_BUFFER) {
    memcpy(out->buf + out->len, data, len);
    out->len += len;
    return TRUE;
  }
  if (!flush(out, error))
    return FALSE;
  if (len >= OUTPUT_BUFFER / 2)
    return write_all(out, data, len, error);
  memcpy(out->buf, data, len);
  out->len = len;
  return TRUE;
}

gboolean
wn_output_flush(WnOutput *out, GError **error)
{
  return out->len == 0 || flush(out, error);
}

guint64
wn_output_get_bytes(const WnOutput *out)
{
  return out->bytes;
}

static void
output_free(WnOutput *out)
{
  g_free(out->path);
  g_free(out->tmp_path);
  g_free(out->buf);
  g_free(out);
}

gboolean
wn_output_commit(WnOutput *out, GError **error)
{
  gboolean ok = flush(out, error);
  if (out->tmp_path == NULL) {
    if (out->fd != 1 && close(out->fd) != 0 && ok) {
      int e = errno;
      g_set_error(error, WN_ERROR, WN_ERROR_IO, "Writing %s failed: %s", out->path, g_strerror(e));
      ok = FALSE;
    }
    output_free(out);
    return ok;
  }
  /* The data must be on disk before the name points at it, or a crash right
   * after the rename could leave an empty file under the final name. */
  if (ok && fdatasync(out->fd) != 0 && errno != EINVAL) {
    int e = errno;
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "Writing %s failed: %s", out->path, g_strerror(e));
    ok = FALSE;
  }
  if (close(out->fd) != 0 && ok) {
    int e = errno;
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "Writing %s failed: %s", out->path, g_strerror(e));
    ok = FALSE;
  }
  if (ok && g_rename(out->tmp_path, out->path) != 0) {
    int e = errno;
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "Cannot rename %s to %s: %s", out->tmp_path,
                out->path, g_strerror(e));
    ok = FALSE;
  }
  if (!ok)
    g_unlink(out->tmp_path);
  output_free(out);
  return ok;
}

void
wn_output_abort(WnOutput *out)
{
  if (out == NULL)
    return;
  if (out->tmp_path != NULL) {
    close(out->fd);
    g_unlink(out->tmp_path);
  } else {
    /* What was written to standard output or a device stays: a stream. */
    flush(out, NULL);
    if (out->fd != 1)
      close(out->fd);
  }
  output_free(out);
}

/* Which bytes need an escape in a JSON string. */
static inline gboolean
needs_escape(guchar c)
{
  return c < 0x20 || c == '"' || c == '\\';
}

void
wn_json_append_string(GString *out, const char *s, gssize len)
{
  if (len < 0)
    len = strlen(s);
  g_autofree char *fixed = NULL;
  if (!wn_utf8_valid(s, len)) {
    gsize out_len, n;
    fixed = wn_utf8_repair(s, len, &out_len, &n);
    s = fixed;
    len = out_len;
  }
  g_string_append_c(out, '"');
  const char *p = s;
  const char *end = s + len;
  while (p < end) {
    const char *run = p;
    while (p < end && !needs_escape((guchar)*p))
      p++;
    g_string_append_len(out, run, p - run);
    if (p == end)
      break;
    char c = *p++;
    switch (c) {
    case '"':
      g_string_append(out, "\\\"");
      break;
    case '\\':
      g_string_append(out, "\\\\");
      break;
    case '\n':
      g_string_append(out, "\\n");
      break;
    case '\r':
      g_string_append(out, "\\r");
      break;
    case '\t':
      g_string_append(out, "\\t");
      break;
    default:
      g_string_append_printf(out, "\\u%04x", (guchar)c);
    }
  }
  g_string_append_c(out, '"');
}

void
wn_append_error_record(GString *out, const char *id, const char *source, const char *stage,
                       const char *message)
{
  g_string_append(out, "{\"type\":\"error\",\"id\":");
  wn_json_append_string(out, id != NULL ? id : source, -1);
  g_string_append(out, ",\"source\":");
  wn_json_append_string(out, source, -1);
  g_string_append(out, ",\"stage\":");
  wn_json_append_string(out, stage, -1);
  g_string_append(out, ",\"message\":");
  wn_json_append_string(out, message, -1);
  g_string_append(out, "}\n");
}

void
wn_append_group_record(GString *out, const char *key, const char *const *ids, const WnGroup *group)
{
  g_string_append(out, "{\"type\":\"group\",\"group\":");
  wn_json_append_string(out, key, -1);
  g_string_append(out, ",\"documents\":[");
  for (guint i = 0; ids[i] != NULL; i++) {
    if (i > 0)
      g_string_append_c(out, ',');
    wn_json_append_string(out, ids[i], -1);
  }
  g_string_append_c(out, ']');
  if (group != NULL) {
    JsonObject *fields = wn_group_get_fields((WnGroup *)group);
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;
    json_object_iter_init_ordered(&iter, fields);
    while (json_object_iter_next_ordered(&iter, &name, &value)) {
      if (strcmp(name, "type") == 0 || strcmp(name, "group") == 0 || strcmp(name, "documents") == 0)
        continue; /* the record's own members win */
      g_string_append_c(out, ',');
      wn_json_append_string(out, name, -1);
      g_string_append_c(out, ':');
      wn_json_append_node(out, value);
    }
  }
  g_string_append(out, "}\n");
}

void
wn_append_group_error_record(GString *out, const char *key, const char *stage, const char *message)
{
  g_string_append(out, "{\"type\":\"error\",\"group\":");
  wn_json_append_string(out, key, -1);
  g_string_append(out, ",\"stage\":");
  wn_json_append_string(out, stage, -1);
  g_string_append(out, ",\"message\":");
  wn_json_append_string(out, message, -1);
  g_string_append(out, "}\n");
}
