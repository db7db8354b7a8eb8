/* chars.h: byte-level UTF-8 helpers shared by the splitter and the tokenizer.
 *
 * Everything is inline: these sit in the hot loops. ASCII is classified by
 * table; other characters are decoded only when a rule needs them. Invalid
 * bytes decode as U+FFFD of length 1, so a scan always advances. */
#pragma once

#include <glib.h>

/* Decodes the character at t[i] (i < len); stores its byte length in *n. */
static inline gunichar
wn_utf8_decode(const guchar *t, gsize len, gsize i, gsize *n)
{
  guchar c = t[i];
  if (c < 0x80) {
    *n = 1;
    return c;
  }
  if (c >= 0xC2 && c < 0xE0 && i + 1 < len && (t[i + 1] & 0xC0) == 0x80) {
    *n = 2;
    return ((gunichar)(c & 0x1F) << 6) | (t[i + 1] & 0x3F);
  }
  if (c >= 0xE0 && c < 0xF0 && i + 2 < len && (t[i + 1] & 0xC0) == 0x80 &&
      (t[i + 2] & 0xC0) == 0x80) {
    gunichar u =
        ((gunichar)(c & 0x0F) << 12) | ((gunichar)(t[i + 1] & 0x3F) << 6) | (t[i + 2] & 0x3F);
    if (u >= 0x800 && (u < 0xD800 || u > 0xDFFF)) {
      *n = 3;
      return u;
    }
  }
  if (c >= 0xF0 && c < 0xF5 && i + 3 < len && (t[i + 1] & 0xC0) == 0x80 &&
      (t[i + 2] & 0xC0) == 0x80 && (t[i + 3] & 0xC0) == 0x80) {
    gunichar u = ((gunichar)(c & 0x07) << 18) | ((gunichar)(t[i + 1] & 0x3F) << 12) |
                 ((gunichar)(t[i + 2] & 0x3F) << 6) | (t[i + 3] & 0x3F);
    if (u >= 0x10000 && u <= 0x10FFFF) {
      *n = 4;
      return u;
    }
  }
  *n = 1;
  return 0xFFFD;
}

/* The start of the character that ends just before byte `i` (i > floor). */
static inline gsize
wn_utf8_prev(const guchar *t, gsize floor, gsize i)
{
  gsize p = i - 1;
  /* At most three continuation bytes belong to one character. */
  while (p > floor && (t[p] & 0xC0) == 0x80 && i - p < 4)
    p--;
  return p;
}

/* Whitespace as the splitter understands it: ASCII space and controls \t-\r,
 * NEL, NBSP, OGHAM SPACE, U+2000-U+200A, LINE/PARAGRAPH SEPARATOR, NNBSP,
 * MEDIUM MATHEMATICAL SPACE, IDEOGRAPHIC SPACE. */
static inline gboolean
wn_unichar_is_space(gunichar u)
{
  if (u < 0x80)
    return u == ' ' || (u >= '\t' && u <= '\r');
  return u == 0x85 || u == 0xA0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200A) || u == 0x2028 ||
         u == 0x2029 || u == 0x202F || u == 0x205F || u == 0x3000;
}

/* Line breaks: \n, \v, \f, \r, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
static inline gboolean
wn_unichar_is_newline(gunichar u)
{
  return u == '\n' || u == '\v' || u == '\f' || u == '\r' || u == 0x85 || u == 0x2028 ||
         u == 0x2029;
}

/* Is there a space character starting at t[i]? Stores its length in *n. */
static inline gboolean
wn_space_at(const guchar *t, gsize len, gsize i, gsize *n)
{
  guchar c = t[i];
  if (c < 0x80) {
    *n = 1;
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
  if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3) {
    *n = 1;
    return FALSE;
  }
  return wn_unichar_is_space(wn_utf8_decode(t, len, i, n));
}

/* Is the character ending just before t[i] a space? Stores its start in *p. */
static inline gboolean
wn_space_before(const guchar *t, gsize len, gsize floor, gsize i, gsize *p)
{
  gsize n;
  *p = wn_utf8_prev(t, floor, i);
  return wn_space_at(t, len, *p, &n) && *p + n == i;
}

/* First non-space byte at or after `i` (len when none). */
static inline gsize
wn_skip_space(const guchar *t, gsize len, gsize i)
{
  gsize n;
  while (i < len && wn_space_at(t, len, i, &n))
    i += n;
  return i;
}

/* Letters, digits and marks (so "é" written with a combining accent stays whole). */
static inline gboolean
wn_unichar_is_wordchar(gunichar u)
{
  if (u < 0x80)
    return g_ascii_isalnum(u);
  return g_unichar_isalnum(u) || g_unichar_ismark(u);
}

/* Opening quotes and brackets that may precede a sentence's first word. */
static inline gboolean
wn_unichar_is_opener(gunichar u)
{
  switch (u) {
  case '"':
  case '\'':
  case '(':
  case '[':
  case '{':
  case '`':
  case 0x00AB: /* « */
  case 0x00BF: /* ¿ */
  case 0x00A1: /* ¡ */
  case 0x2018: /* ‘ */
  case 0x201A: /* ‚ */
  case 0x201C: /* “ */
  case 0x201E: /* „ */
  case 0x2039: /* ‹ */
  case 0x300C: /* 「 */
  case 0x300E: /* 『 */
    return TRUE;
  default:
    return FALSE;
  }
}

/* Closing quotes and brackets that belong to the sentence they follow. */
static inline gboolean
wn_unichar_is_closer(gunichar u)
{
  switch (u) {
  case ')':
  case ']':
  case '}':
  case 0x00BB: /* » */
  case 0x2019: /* ’ */
  case 0x201D: /* ” */
  case 0x203A: /* › */
  case 0x300D: /* 」 */
  case 0x300F: /* 』 */
    return TRUE;
  default:
    return FALSE;
  }
}

/* List bullets that, standing between spaces, start a new item. */
static inline gboolean
wn_unichar_is_bullet(gunichar u)
{
  switch (u) {
  case 0x2022: /* • */
  case 0x2023: /* ‣ */
  case 0x2043: /* ⁃ */
  case 0x2219: /* ∙ */
  case 0x25AA: /* ▪ */
  case 0x25A0: /* ■ */
  case 0x25CF: /* ● */
  case 0x25E6: /* ◦ */
  case 0x25BA: /* ► */
  case 0x25B8: /* ▸ */
  case 0x27A2: /* ➢ */
  case 0x2794: /* ➔ */
    return TRUE;
  default:
    return FALSE;
  }
}
