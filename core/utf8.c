/* utf8.c: make any byte string valid UTF-8 before a stage sees it. Every
 * byte of every document passes through here once, so valid text is checked
 * and copied in the same pass, sixteen ASCII bytes at a time. */
#include "utf8.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Length of the valid sequence starting at s[0] (a byte >= 0x80), or 0.
 * Follows g_utf8_validate: no overlong forms, no surrogates, nothing past
 * U+10FFFF. */
static inline gsize
sequence_len(const guchar *s, gsize avail)
{
  const guchar c = s[0];
  if (c >= 0xC2 && c <= 0xDF)
    return avail >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (avail < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
      return 0;
    if (c == 0xE0 && s[1] < 0xA0)
      return 0; /* overlong */
    if (c == 0xED && s[1] >= 0xA0)
      return 0; /* a surrogate */
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (avail < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && s[1] < 0x90)
      return 0; /* overlong */
    if (c == 0xF4 && s[1] >= 0x90)
      return 0; /* past U+10FFFF */
    return 4;
  }
  return 0;
}

/* Scans `src` (and copies it to `dst` unless `dst` is NULL) while it is
 * valid UTF-8 without NULs; returns the length of that valid prefix. */
static gsize
scan_valid(char *dst, const char *src, gsize len)
{
  const guchar *s = (const guchar *)src;
  gsize k = 0;
  while (k < len) {
#ifdef __SSE2__
    const __m128i zero = _mm_setzero_si128();
    while (k + 16 <= len) {
      const __m128i v = _mm_loadu_si128((const __m128i *)(s + k));
      if (dst != NULL)
        _mm_storeu_si128((__m128i *)(dst + k), v);
      /* A high bit (non-ASCII) or a NUL byte leaves the fast loop, right at
       * that byte (the bytes stored past it are rewritten later). */
      const int mask = _mm_movemask_epi8(v) | _mm_movemask_epi8(_mm_cmpeq_epi8(v, zero));
      if (mask != 0) {
        k += __builtin_ctz(mask);
        break;
      }
      k += 16;
    }
#endif
    if (k >= len)
      break;
    const guchar c = s[k];
    if (c == 0)
      break;
    if (c < 0x80) {
      if (dst != NULL)
        dst[k] = (char)c;
      k++;
      continue;
    }
    const gsize n = sequence_len(s + k, len - k);
    if (n == 0)
      break;
    if (dst != NULL)
      memcpy(dst + k, s + k, n);
    k += n;
  }
  return k;
}

gboolean
wn_utf8_valid(const char *text, gsize len)
{
  return scan_valid(NULL, text, len) == len;
}

char *
wn_utf8_repair(const char *text, gsize len, gsize *out_len, gsize *n_repairs)
{
  *n_repairs = 0;

  /* Fast path: the whole buffer is valid, checked while it is copied. */
  char *copy = g_malloc(len + 1);
  gsize good = scan_valid(copy, text, len);
  if (good == len) {
    copy[len] = '\0';
    *out_len = len;
    return copy;
  }

  /* Rare: start again from the first bad byte. Invalid or NUL bytes each
   * become U+FFFD (3 bytes). */
  g_free(copy);
  GString *out = g_string_sized_new(len + 16);
  g_string_append_len(out, text, good);
  const char *p = text + good;
  const char *stop = text + len;
  while (p < stop) {
    const gsize ok = scan_valid(NULL, p, stop - p);
    g_string_append_len(out, p, ok);
    p += ok;
    if (p >= stop)
      break;
    g_string_append(out, "\xEF\xBF\xBD"); /* U+FFFD */
    (*n_repairs)++;
    /* Skip the one bad (or NUL) byte; the next valid sequence resumes after it. */
    p++;
  }
  *out_len = out->len;
  return g_string_free(out, FALSE);
}
