/* utf8.c: make any byte string valid UTF-8 before a stage sees it. */
#include "utf8.h"

#include <string.h>

char *
wn_utf8_repair(const char *text, gsize len, gsize *out_len, gsize *n_repairs)
{
  const char *end = NULL;
  *n_repairs = 0;

  /* Fast path: the whole buffer is valid (g_utf8_validate_len rejects NULs too). */
  if (g_utf8_validate_len(text, len, &end)) {
    char *copy = g_malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    *out_len = len;
    return copy;
  }

  GString *out = g_string_sized_new(len + 16);
  const char *p = text;
  const char *stop = text + len;
  while (p < stop) {
    if (g_utf8_validate_len(p, stop - p, &end)) {
      g_string_append_len(out, p, stop - p);
      break;
    }
    g_string_append_len(out, p, end - p);
    g_string_append(out, "\xEF\xBF\xBD"); /* U+FFFD */
    (*n_repairs)++;
    /* Skip the one bad (or NUL) byte; the next valid sequence resumes after it. */
    p = end + 1;
  }
  *out_len = out->len;
  return g_string_free(out, FALSE);
}
