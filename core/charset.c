/* charset.c: turn an HTML file in a legacy charset into UTF-8 before it becomes
 * a document, so stages see "Café" rather than "Caf\uFFFD". Documents repair
 * invalid UTF-8 byte by byte; that is right for text, wrong for a page that
 * says which charset it is in. */
#include "charset.h"

#include <errno.h>
#include <string.h>

/* Finds `charset=NAME` (quoted or not) at or after `p`, within `end`. */
static char *
charset_after(const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '=' || *p == '"' || *p == '\''))
    p++;
  const char *start = p;
  while (p < end && (g_ascii_isalnum(*p) || *p == '-' || *p == '_' || *p == ':' || *p == '.'))
    p++;
  return p > start ? g_ascii_strdown(start, p - start) : NULL;
}

/* The charset the page declares in its head, or NULL. */
static char *
declared_charset(const char *bytes, gsize len)
{
  gsize n = MIN(len, 4096);
  g_autofree char *head = g_ascii_strdown(bytes, n);
  /* The copy stops at a NUL byte: search only what it holds. */
  const char *end = head + strlen(head);

  const char *xml = strstr(head, "<?xml");
  if (xml != NULL) {
    const char *enc = strstr(xml, "encoding");
    const char *close = strstr(xml, "?>");
    if (enc != NULL && (close == NULL || enc < close))
      return charset_after(enc + strlen("encoding"), end);
  }
  for (const char *meta = strstr(head, "<meta"); meta != NULL; meta = strstr(meta + 5, "<meta")) {
    const char *gt = strchr(meta, '>');
    const char *cs = strstr(meta, "charset");
    if (cs != NULL && (gt == NULL || cs < gt))
      return charset_after(cs + strlen("charset"), gt != NULL ? gt : end);
  }
  return NULL;
}

/* iconv with every unmappable byte replaced by U+FFFD. */
static char *
convert_lossy(const char *bytes, gsize len, const char *from, gsize *out_len, gsize *n_repairs)
{
  GIConv cd = g_iconv_open("UTF-8", from);
  if (cd == (GIConv)-1)
    return NULL;
  GString *out = g_string_sized_new(len + len / 8 + 16);
  char buf[8192];
  char *in = (char *)bytes;
  gsize in_left = len;
  while (in_left > 0) {
    char *o = buf;
    gsize o_left = sizeof buf;
    gsize r = g_iconv(cd, &in, &in_left, &o, &o_left);
    g_string_append_len(out, buf, o - buf);
    if (r == (gsize)-1) {
      if (errno == E2BIG)
        continue;
      /* EILSEQ or EINVAL (truncated at the end): skip one byte. */
      g_string_append(out, "\xEF\xBF\xBD");
      (*n_repairs)++;
      in++;
      in_left--;
      g_iconv(cd, NULL, NULL, NULL, NULL);
    }
  }
  g_iconv_close(cd);
  *out_len = out->len;
  return g_string_free(out, FALSE);
}

char *
wn_charset_decode_html(const char *bytes, gsize len, gsize *out_len, gsize *n_repairs,
                       char **charset_used)
{
  const char *from = NULL;
  g_autofree char *declared = NULL;
  gsize skip = 0;

  *n_repairs = 0;
  if (charset_used != NULL)
    *charset_used = NULL;

  if (len >= 2 && (guchar)bytes[0] == 0xFF && (guchar)bytes[1] == 0xFE) {
    from = "UTF-16LE";
    skip = 2;
  } else if (len >= 2 && (guchar)bytes[0] == 0xFE && (guchar)bytes[1] == 0xFF) {
    from = "UTF-16BE";
    skip = 2;
  } else if (g_utf8_validate_len(bytes, len, NULL)) {
    /* Valid UTF-8 is UTF-8 whatever the page claims: a legacy page with
     * non-ASCII bytes is almost never valid UTF-8 by chance. */
    return NULL;
  } else {
    declared = declared_charset(bytes, len);
    if (declared == NULL || strcmp(declared, "utf-8") == 0 || strcmp(declared, "utf8") == 0 ||
        strcmp(declared, "iso-8859-1") == 0 || strcmp(declared, "latin1") == 0 ||
        strcmp(declared, "latin-1") == 0 || strcmp(declared, "us-ascii") == 0 ||
        strcmp(declared, "ascii") == 0)
      /* Declared UTF-8 yet invalid: the declaration is wrong, and windows-1252
       * is the likeliest truth. Latin-1 pages are read as windows-1252 by
       * every browser (it only adds characters in 0x80-0x9F). */
      from = "WINDOWS-1252";
    else
      from = declared;
  }

  char *out = convert_lossy(bytes + skip, len - skip, from, out_len, n_repairs);
  if (out == NULL && strcmp(from, "WINDOWS-1252") != 0) {
    /* A charset iconv does not know: say so through the name, read as 1252. */
    from = "WINDOWS-1252";
    out = convert_lossy(bytes + skip, len - skip, from, out_len, n_repairs);
  }
  if (out != NULL && charset_used != NULL)
    *charset_used = g_ascii_strdown(from, -1);
  return out;
}
