/* title.c: picking a page's title among <title>, og:title and the first <h1>,
 * and cleaning the site name pages append ("Story | Site", "Site - Story"). */
#include "bp.h"

#include <string.h>

char *
wn_bp_collapse_space(const char *s, gssize len)
{
  if (!s)
    return NULL;
  gsize n = len < 0 ? strlen(s) : (gsize)len;
  GString *out = g_string_sized_new(n);
  gboolean space = FALSE;
  const char *p = s, *end = s + n;
  while (p < end) {
    gunichar u = g_utf8_get_char(p);
    const char *next = g_utf8_next_char(p);
    if (g_unichar_isspace(u) || u == 0xA0) {
      space = TRUE;
    } else {
      if (space && out->len)
        g_string_append_c(out, ' ');
      space = FALSE;
      g_string_append_len(out, p, next - p);
    }
    p = next;
  }
  return g_string_free(out, FALSE);
}

/* Separators between a headline and the site name; a plain '-' or ':' counts
 * only with spaces around it, so "U.S.-China" or "Obama: ..." stay whole. */
static const char *const separators[] = {
    " | ", " - ", " — ", " – ", " :: ", " · ", " • ", " » ", " / ", NULL};
/* Without spaces around them: Chinese and Japanese sites ("标题_网站名"),
 * tried only when no spaced separator occurs. */
static const char *const tight_separators[] = {"_", "|", "｜", "——", "－", "│", NULL};

/* Does the text hold characters of a script written without spaces between
 * words (Chinese, Japanese, Thai...)? */
static gboolean
has_unspaced_script(const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    if ((guchar)*p < 0xE0)
      continue;
    gunichar u = g_utf8_get_char(p);
    if (wn_bp_unichar_unspaced(u))
      return TRUE;
  }
  return FALSE;
}

static guint
count_words(const char *s, gsize n)
{
  WnBpStats st;
  wn_bp_scan(s, n, WN_BP_LANG_AUTO, &st);
  return st.words;
}

char *
wn_bp_title_strip_site(const char *title)
{
  g_autofree char *t = wn_bp_collapse_space(title, -1);
  if (!t || !*t)
    return g_strdup(t);
  gsize n = strlen(t);
  /* The site name sits at one end and is the shorter part; cut at the last
   * separator for a suffix or the first for a prefix, keeping the longer side. */
  const char *best_cut = NULL;
  gsize best_sep = 0;
  const char *const *seps = separators;
  gboolean spaced = FALSE;
  for (guint i = 0; separators[i] && !spaced; i++)
    spaced = strstr(t, separators[i]) != NULL;
  if (!spaced && has_unspaced_script(t))
    seps = tight_separators;
  for (guint i = 0; seps[i]; i++) {
    const char *sep = seps[i];
    gsize sl = strlen(sep);
    const char *last = NULL;
    for (const char *p = strstr(t, sep); p; p = strstr(p + 1, sep))
      last = p;
    if (last && (!best_cut || last > best_cut)) {
      best_cut = last;
      best_sep = sl;
    }
  }
  if (!best_cut)
    return g_strdup(t);
  gsize head_len = (gsize)(best_cut - t);
  const char *tail = best_cut + best_sep;
  gsize tail_len = n - (gsize)(tail - t);
  if (seps == tight_separators) {
    /* Scripts without spaces: the headline is the longer side. */
    glong hc = g_utf8_strlen(t, (gssize)head_len), tc = g_utf8_strlen(tail, (gssize)tail_len);
    if (hc == 0 || tc == 0)
      return g_strdup(t);
    return hc >= tc ? g_strndup(t, head_len) : g_strndup(tail, tail_len);
  }
  guint hw = count_words(t, head_len), tw = count_words(tail, tail_len);
  if (hw >= tw && tw <= 6)
    return g_strndup(t, head_len);
  /* "Site | Headline": the first separator, when the head is short. */
  for (guint i = 0; seps[i]; i++) {
    const char *p = strstr(t, seps[i]);
    if (p && count_words(t, p - t) <= 4 && count_words(p, n - (p - t)) > count_words(t, p - t))
      return g_strdup(p + strlen(seps[i]));
  }
  return g_strdup(t);
}

/* Share of the words of `a` that occur in `b` (case-insensitive). */
static double
word_overlap(const char *a, const char *b)
{
  g_autofree char *la = g_utf8_strdown(a, -1);
  g_autofree char *lb = g_utf8_strdown(b, -1);
  g_auto(GStrv) wa = g_str_tokenize_and_fold(la, NULL, NULL);
  g_auto(GStrv) wb = g_str_tokenize_and_fold(lb, NULL, NULL);
  guint n = 0, hit = 0;
  for (guint i = 0; wa && wa[i]; i++) {
    n++;
    if (g_strv_contains((const char *const *)wb, wa[i]))
      hit++;
  }
  return n ? (double)hit / n : 0.0;
}

char *
wn_bp_title_choose(const char *title_tag, const char *og_title, const char *h1)
{
  g_autofree char *t = title_tag ? wn_bp_title_strip_site(title_tag) : NULL;
  g_autofree char *og = og_title ? wn_bp_title_strip_site(og_title) : NULL;
  g_autofree char *h = h1 ? wn_bp_collapse_space(h1, -1) : NULL;
  if (t && !*t)
    g_clear_pointer(&t, g_free);
  if (og && !*og)
    g_clear_pointer(&og, g_free);
  if (h && !*h)
    g_clear_pointer(&h, g_free);
  const char *page = og ? og : t;
  /* The h1 is the headline as shown; trust it when the page title agrees. */
  if (h && page && (word_overlap(h, page) >= 0.6 || word_overlap(page, h) >= 0.8))
    return g_steal_pointer(&h);
  if (page)
    return g_strdup(page);
  return g_steal_pointer(&h);
}
