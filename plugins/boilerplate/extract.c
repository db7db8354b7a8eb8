/* extract.c: the stripper's entry point: decides whether the bytes are HTML
 * or flattened text, refuses what is neither (binary junk), and hands over to
 * html.c or text.c. */
#include "bp.h"

#include <winnow/error.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

void
wn_bp_config_init(WnBpConfig *cfg)
{
  cfg->language = WN_BP_LANG_AUTO;
  cfg->keep_title = TRUE;
  cfg->favor = WN_BP_FAVOR_BALANCED;
  cfg->min_paragraph_words = 5;
}

void
wn_bp_result_clear(WnBpResult *res)
{
  g_clear_pointer(&res->text, g_free);
  g_clear_pointer(&res->title, g_free);
}

/* Tags that only HTML uses; a few of them near the start make a page. */
static const char *const html_markers[] = {
    "<!doctype html", "<html",   "<head",  "<body",    "<meta ", "<div",   "<p>",  "<p ",
    "<title>",        "<script", "<link ", "<a href=", "<span",  "<table", "<br>", "<br/>",
    "<br />",         "<li>",    "<ul>",   NULL};

gboolean
wn_bp_looks_like_html(const char *data, gsize len)
{
  gsize n = MIN(len, (gsize)4096);
  /* Skip a BOM and leading white space. */
  gsize i = 0;
  if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < n && g_ascii_isspace(data[i]))
    i++;
  if (i < n && data[i] == '<') {
    if (n - i >= 14 && g_ascii_strncasecmp(data + i, "<!doctype html", 14) == 0)
      return TRUE;
    if (n - i >= 5 && g_ascii_strncasecmp(data + i, "<html", 5) == 0)
      return TRUE;
    if (n - i >= 5 && g_ascii_strncasecmp(data + i, "<?xml", 5) == 0)
      return TRUE;
  }
  guint hits = 0, kinds = 0;
  guint32 seen = 0;
  for (const char *p = memchr(data, '<', n); p; p = memchr(p + 1, '<', n - (p + 1 - data))) {
    gsize rest = n - (gsize)(p - data);
    for (guint m = 0; html_markers[m]; m++) {
      gsize ml = strlen(html_markers[m]);
      if (ml <= rest && g_ascii_strncasecmp(p, html_markers[m], ml) == 0) {
        hits++;
        if (!(seen & (1u << m)))
          kinds++;
        seen |= 1u << m;
        break;
      }
    }
    if ((gsize)(p + 1 - data) >= n)
      break;
  }
  return kinds >= 3 || hits >= 8;
}

/* Share of bytes that no text holds: control characters other than white space. */
static gboolean
looks_binary(const char *data, gsize len, double *share)
{
  const gsize n = MIN(len, (gsize)8192);
  gsize bad = 0, i = 0;
#ifdef __SSE2__
  /* Sixteen bytes at a time: this runs over the start of every document. */
  const __m128i top = _mm_set1_epi8(0x1F);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128((const __m128i *)(data + i));
    const __m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(v, top), top); /* below 0x20 */
    const __m128i ok = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\f'))));
    const __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F));
    const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(ok, ctl), del));
    bad += (gsize)__builtin_popcount((unsigned)mask);
  }
#endif
  for (; i < n; i++) {
    guchar c = (guchar)data[i];
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7F)
      bad++;
  }
  *share = n ? (double)bad / n : 0;
  return n > 0 && bad * 10 > n;
}

/* A plain-text document that is one paragraph of prose and nothing else (a
 * sentence or two of clean text, as an embedding program may send) has no
 * furniture to strip: with no context to classify it by, it is its own
 * article. Returns the trimmed paragraph, or NULL when the text is more than
 * one paragraph, under eight words, or does not end like a sentence. */
static char *
lone_paragraph(const char *data, gsize len)
{
  g_autofree char *copy = g_strndup(data, len);
  char *t = g_strstrip(copy);
  gsize n = strlen(t);
  if (n == 0 || strstr(t, "\n\n") != NULL || strstr(t, "\n\r\n") != NULL)
    return NULL;
  guint words = 0;
  gboolean in_word = FALSE;
  for (const char *p = t; *p; p++) {
    gboolean space = g_ascii_isspace(*p);
    if (!space && !in_word)
      words++;
    in_word = !space;
  }
  const char *last = g_utf8_find_prev_char(t, t + n);
  gunichar end = last != NULL ? g_utf8_get_char(last) : 0;
  /* Closing quotes and brackets may follow the final mark. */
  while (last != NULL && last > t && (end == '"' || end == '\'' || end == ')')) {
    last = g_utf8_find_prev_char(t, last);
    end = last != NULL ? g_utf8_get_char(last) : 0;
  }
  if (end == 0x201D || end == 0x2019 || end == 0xBB) {
    last = g_utf8_find_prev_char(t, last);
    end = last != NULL ? g_utf8_get_char(last) : 0;
  }
  gboolean sentence_end = end == '.' || end == '!' || end == '?' || end == 0x2026;
  return words >= 8 && sentence_end ? g_strdup(t) : NULL;
}

gboolean
wn_bp_extract(const char *data, gsize len, const char *media_type, const WnBpConfig *cfg,
              WnBpResult *res, GError **error)
{
  memset(res, 0, sizeof *res);
  double share = 0;
  if (looks_binary(data, len, &share)) {
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE,
                "the document is not text: %.0f%% of its first bytes are control characters "
                "(binary data?); nothing to extract",
                share * 100);
    return FALSE;
  }
  gboolean html = g_strcmp0(media_type, "text/html") == 0 ||
                  g_strcmp0(media_type, "application/xhtml+xml") == 0 ||
                  wn_bp_looks_like_html(data, len);
  gboolean ok;
  if (html) {
    ok = wn_bp_extract_html(data, len, cfg, res, error);
  } else {
    /* wn_doc text is valid UTF-8 already; other callers may hand anything. */
    if (wn_bp_utf8_valid_len(data, len) == len) {
      ok = wn_bp_extract_text(data, len, cfg, res, error);
    } else {
      gsize ulen;
      const char *cs;
      g_autofree char *u = wn_bp_to_utf8(data, len, &ulen, &cs);
      ok = wn_bp_extract_text(u, ulen, cfg, res, error);
    }
  }
  if (!ok)
    return FALSE;
  if ((!res->text || !*res->text) && (!res->title || !*res->title) && !html) {
    char *lone = lone_paragraph(data, len);
    if (lone != NULL) {
      g_free(res->text);
      res->text = lone;
      return TRUE;
    }
  }
  if ((!res->text || !*res->text) && (!res->title || !*res->title)) {
    wn_bp_result_clear(res);
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE,
                "no article text found in this %s document (%" G_GSIZE_FORMAT
                " bytes): it has no paragraph of prose outside page furniture",
                html ? "HTML" : "plain-text", len);
    return FALSE;
  }
  return TRUE;
}
