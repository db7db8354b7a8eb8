/* charset.c: turns the bytes of an HTML page into valid UTF-8 before parsing.
 *
 * Pages declare their charset in a BOM, <meta charset> or <meta http-equiv>;
 * declarations are often wrong, so the bytes get the last word: bytes that are
 * valid UTF-8 stay UTF-8 whatever the page claims (text in a single-byte
 * charset is almost never valid UTF-8 by chance), latin-1 and ASCII are read as
 * windows-1252 (as browsers do), and a declared charset the bytes do not fit
 * falls back to windows-1252, which maps every byte. NUL bytes become spaces. */
#include "bp.h"

#include <string.h>

/* windows-1252's 0x80..0x9F; 0 marks the five unassigned bytes (read as U+FFFD). */
static const guint16 cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static char *
from_cp1252(const char *data, gsize len, gsize *out_len)
{
  GString *s = g_string_sized_new(len + len / 8 + 16);
  for (gsize i = 0; i < len; i++) {
    guchar c = (guchar)data[i];
    if (c == 0) {
      g_string_append_c(s, ' ');
    } else if (c < 0x80) {
      g_string_append_c(s, (char)c);
    } else {
      gunichar u = c < 0xA0 ? cp1252_high[c - 0x80] : c;
      g_string_append_unichar(s, u ? u : 0xFFFD);
    }
  }
  *out_len = s->len;
  return g_string_free(s, FALSE);
}

/* Copies valid UTF-8, turning NULs into spaces. */
static char *
copy_utf8(const char *data, gsize len, gsize *out_len)
{
  char *out = g_malloc(len + 1);
  memcpy(out, data, len);
  for (char *z = memchr(out, '\0', len); z; z = memchr(z + 1, '\0', len - (gsize)(z + 1 - out)))
    *z = ' ';
  out[len] = '\0';
  *out_len = len;
  return out;
}

gsize
wn_bp_utf8_valid_len(const char *data, gsize len)
{
  const guchar *s = (const guchar *)data;
  gsize i = 0;
  while (i < len) {
    /* Runs of ASCII eight bytes at a time: no high bit and no zero byte. */
    while (len - i >= 8) {
      guint64 w;
      memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080u) || ((w - 0x0101010101010101u) & ~w & 0x8080808080808080u))
        break;
      i += 8;
    }
    if (i >= len)
      break;
    guchar c = s[i];
    if (c < 0x80) {
      if (c == 0)
        return i;
      i++;
      continue;
    }
    gsize n;
    guint32 u, min;
    if ((c & 0xE0) == 0xC0) {
      n = 2;
      u = c & 0x1F;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3;
      u = c & 0x0F;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4;
      u = c & 0x07;
      min = 0x10000;
    } else {
      return i;
    }
    if (len - i < n)
      return i;
    for (gsize k = 1; k < n; k++) {
      guchar d = s[i + k];
      if ((d & 0xC0) != 0x80)
        return i;
      u = (u << 6) | (d & 0x3F);
    }
    /* Overlong forms, surrogates and code points past U+10FFFF. */
    if (u < min || u > 0x10FFFF || (u & 0xFFFFF800u) == 0xD800)
      return i;
    i += n;
  }
  return len;
}

/* Replaces each invalid sequence by U+FFFD (used when a page is mostly UTF-8
 * with a few broken bytes). */
static char *
repair_utf8(const char *data, gsize len, gsize *out_len)
{
  GString *s = g_string_sized_new(len + 16);
  const char *p = data, *end = data + len;
  while (p < end) {
    gsize ok = wn_bp_utf8_valid_len(p, (gsize)(end - p));
    if (ok == (gsize)(end - p)) {
      g_string_append_len(s, p, end - p);
      break;
    }
    const char *bad = p + ok;
    g_string_append_len(s, p, bad - p);
    if (*bad == '\0')
      g_string_append_c(s, ' ');
    else
      g_string_append(s, "\xEF\xBF\xBD");
    p = bad + 1;
  }
  *out_len = s->len;
  return g_string_free(s, FALSE);
}

/* Counts invalid UTF-8 sequences (capped); NULs are not counted. */
static gsize
utf8_bad_count(const char *data, gsize len)
{
  gsize n_bad = 0;
  const char *p = data, *end = data + len;
  while (p < end) {
    gsize ok = wn_bp_utf8_valid_len(p, (gsize)(end - p));
    if (ok == (gsize)(end - p))
      break;
    const char *bad = p + ok;
    if (*bad != '\0')
      n_bad++;
    p = bad + 1;
    if (n_bad > 1000)
      break;
  }
  return n_bad;
}

/* Counts non-ASCII bytes (only needed when some UTF-8 is broken). */
static gsize
high_byte_count(const char *data, gsize len)
{
  gsize n_high = 0;
  for (gsize i = 0; i < len; i++)
    n_high += (guchar)data[i] >= 0x80;
  return n_high;
}

static gboolean
ascii_case_prefix(const char *p, const char *end, const char *word)
{
  gsize n = strlen(word);
  return (gsize)(end - p) >= n && g_ascii_strncasecmp(p, word, n) == 0;
}

char *
wn_bp_declared_charset(const char *data, gsize len)
{
  /* The declaration must come early; browsers look at the first 1024 bytes,
   * real pages sometimes put it later in a long <head>. */
  const char *end = data + MIN(len, (gsize)8192);
  for (const char *p = data; p < end; p++) {
    if (*p != '<' || !ascii_case_prefix(p, end, "<meta"))
      continue;
    const char *tag_end = memchr(p, '>', end - p);
    if (!tag_end)
      break;
    for (const char *q = p; q + 7 < tag_end; q++) {
      if (!ascii_case_prefix(q, tag_end, "charset"))
        continue;
      q += 7;
      while (q < tag_end && (*q == ' ' || *q == '\t'))
        q++;
      if (q >= tag_end || *q != '=')
        continue;
      q++;
      while (q < tag_end && (*q == ' ' || *q == '"' || *q == '\''))
        q++;
      const char *v = q;
      while (q < tag_end &&
             (g_ascii_isalnum(*q) || *q == '-' || *q == '_' || *q == ':' || *q == '.'))
        q++;
      if (q > v && q - v < 40)
        return g_ascii_strdown(v, q - v);
    }
    p = tag_end;
  }
  return NULL;
}

static gboolean
is_latin1_family(const char *cs)
{
  static const char *const names[] = {
      "iso-8859-1", "iso8859-1", "latin1",      "latin-1",    "l1",       "cp1252", "windows-1252",
      "us-ascii",   "ascii",     "iso-8859-15", "iso8859-15", "x-cp1252", "cp819",  NULL};
  for (guint i = 0; names[i]; i++)
    if (g_ascii_strcasecmp(cs, names[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
wn_bp_to_utf8(const char *data, gsize len, gsize *out_len, const char **charset)
{
  /* A BOM settles it. */
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
    *charset = "utf-8";
    gsize n_bad = utf8_bad_count(data + 3, len - 3);
    return n_bad ? repair_utf8(data + 3, len - 3, out_len) : copy_utf8(data + 3, len - 3, out_len);
  }
  if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0)) {
    const char *from = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    gsize body = (len - 2) & ~(gsize)1;
    char *out = g_convert_with_fallback(data + 2, body, "UTF-8", from, "?", NULL, out_len, NULL);
    if (out && g_utf8_validate(out, *out_len, NULL)) {
      *charset = "utf-16";
      char *fixed = copy_utf8(out, *out_len, out_len);
      g_free(out);
      return fixed;
    }
    g_free(out);
  }

  gsize n_bad = utf8_bad_count(data, len);
  g_autofree char *declared = wn_bp_declared_charset(data, len);

  /* Valid UTF-8 with non-ASCII text is UTF-8, whatever the page says. */
  if (n_bad == 0) {
    *charset = "utf-8";
    return copy_utf8(data, len, out_len);
  }
  gboolean says_utf8 = declared && (g_ascii_strcasecmp(declared, "utf-8") == 0 ||
                                    g_ascii_strcasecmp(declared, "utf8") == 0);
  /* Mostly UTF-8 with a few broken bytes: repair rather than re-read it all. */
  gsize n_high = high_byte_count(data, len);
  if ((says_utf8 || !declared) && n_high > 0 && n_bad * 50 < n_high) {
    *charset = "utf-8";
    return repair_utf8(data, len, out_len);
  }
  if (declared && !says_utf8 && !is_latin1_family(declared)) {
    /* Another charset (iso-8859-2, koi8-r, shift_jis...): iconv, strictly; a
     * failure means the declaration was wrong. */
    gsize read = 0;
    char *out = g_convert(data, len, "UTF-8", declared, &read, out_len, NULL);
    if (out && read == len && g_utf8_validate(out, *out_len, NULL)) {
      char *fixed = copy_utf8(out, *out_len, out_len);
      g_free(out);
      *charset = g_intern_string(declared);
      return fixed;
    }
    g_free(out);
  }
  *charset = "windows-1252";
  return from_cp1252(data, len, out_len);
}
