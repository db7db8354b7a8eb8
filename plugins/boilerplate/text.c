/* text.c: the article in a page flattened to lines (text/plain).
 *
 * Each unit (a line, or a hard-wrapped paragraph of several long lines) is
 * first classified on its own evidence: length, stopword density in the
 * document's language, sentence punctuation, share of capitalised words,
 * furniture vocabulary (cookies, consent, newsletter, share...), teaser labels
 * ("READ:", "Lire aussi :"), and whether it sits in a run of short lines (menus
 * and link lists are runs of short, unpunctuated lines). Then, as jusText
 * does, undecided units take the class of the prose around them, so a short
 * line inside the article stays and an isolated paragraph among furniture
 * goes. The headline is the title-like line before the first prose that
 * shares the most words with the article. */
#include "bp.h"

#include <winnow/error.h>
#include <string.h>

enum { C_BAD = 0, C_SHORT, C_NEAR, C_GOOD };

typedef struct {
  gsize start, len; /* the unit's bytes (first line start .. last line end) */
  gsize first_line; /* index of its first line */
  gsize n_lines;
  guint words, stopwords, capitalised, sentence_ends, commas;
  guint boiler_strong, boiler_weak;
  gboolean ends_punct;
  guint8 cls;
  gint8 keep;            /* 1 keep, 0 drop, -1 undecided */
  gboolean blank_before; /* a blank line separates it from the previous unit */
} Unit;

typedef struct {
  gsize start, len;
  gboolean blank;
} Line;

static gboolean
line_is_blank(const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace(s[i]))
      return FALSE;
  return TRUE;
}

static GArray *
split_lines(const char *text, gsize len)
{
  GArray *lines = g_array_sized_new(FALSE, FALSE, sizeof(Line), len / 60 + 16);
  gsize i = 0;
  while (i < len) {
    const char *nl = memchr(text + i, '\n', len - i);
    gsize e = nl ? (gsize)(nl - text) : len;
    Line l = {i, e - i, FALSE};
    if (l.len && text[e - 1] == '\r')
      l.len--;
    l.blank = line_is_blank(text + l.start, l.len);
    g_array_append_val(lines, l);
    i = e + 1;
  }
  return lines;
}

/* Teaser and furniture labels a line may start with ("READ: ...",
 * "Lire aussi :", "Lesen Sie auch:"): lower-case, compared up to the colon. */
static const char *const teaser_labels[] = {"read",
                                            "read more",
                                            "read also",
                                            "also read",
                                            "related",
                                            "watch",
                                            "see also",
                                            "see",
                                            "more",
                                            "listen",
                                            "video",
                                            "photos",
                                            "gallery",
                                            "advertisement",
                                            "sponsored",
                                            "recommended",
                                            "lire aussi",
                                            "à lire aussi",
                                            "voir aussi",
                                            "lire",
                                            "sur le même sujet",
                                            "lesen sie auch",
                                            "mehr zum thema",
                                            "auch interessant",
                                            "lea también",
                                            "leer más",
                                            "te puede interesar",
                                            "ver también",
                                            "más información",
                                            NULL};

static gboolean
has_teaser_label(const char *s, gsize len)
{
  const char *colon = memchr(s, ':', MIN(len, (gsize)40));
  if (!colon)
    return FALSE;
  g_autofree char *head = g_utf8_strdown(s, colon - s);
  g_strstrip(head);
  /* A space before the colon is French typography. */
  for (guint i = 0; teaser_labels[i]; i++)
    if (strcmp(head, teaser_labels[i]) == 0)
      return TRUE;
  return FALSE;
}

static double
sd_good(WnBpLang lang)
{
  return lang == WN_BP_LANG_DE ? 0.22 : 0.25;
}

static void
classify_unit(const char *text, Unit *u, WnBpLang lang, const WnBpConfig *cfg)
{
  WnBpStats st;
  wn_bp_scan(text + u->start, u->len, lang, &st);
  u->words = st.words;
  u->stopwords = st.stopwords;
  u->capitalised = st.capitalised;
  u->sentence_ends = st.sentence_ends;
  u->commas = st.commas;
  u->boiler_strong = st.boiler_strong;
  u->boiler_weak = st.boiler_weak;
  u->ends_punct = st.ends_with_punct;
  double w = MAX(st.words, 1u);
  double sd = st.stopwords / w;
  double caps = st.capitalised / w;
  /* Furniture vocabulary: strong words (cookie, consent...) weigh most. */
  double boiler = (3.0 * st.boiler_strong + 0.7 * st.boiler_weak) / w;
  guint minw = (guint)MAX(cfg->min_paragraph_words, 1);
  double thr = sd_good(lang);

  if (st.words == 0)
    u->cls = C_BAD;
  else if (st.boiler_strong > 0 && (boiler > 0.12 || st.words < 12))
    u->cls = C_BAD;
  else if (st.words < 25 && has_teaser_label(text + u->start, u->len))
    u->cls = C_BAD;
  else if (st.words < minw)
    u->cls = C_SHORT;
  /* Lists of names or section titles: capitalised, few function words. */
  else if (caps > 0.6 && sd < 0.15 && !(st.ends_with_punct && st.sentence_ends > 1))
    u->cls = st.words < 12 ? C_SHORT : C_BAD;
  else if (st.words >= 12 && sd >= thr && (st.ends_with_punct || st.sentence_ends > 0) &&
           boiler < 0.08)
    u->cls = C_GOOD;
  else if (st.words >= 25 && sd >= thr && boiler < 0.08)
    u->cls = C_GOOD;
  else if (sd >= thr * 0.6 && boiler < 0.15)
    u->cls = C_NEAR;
  else
    u->cls = st.words < 12 ? C_SHORT : C_BAD;
}

/* Groups lines into units: a block of several long lines with no blank line
 * between is one hard-wrapped paragraph; anything else is a unit per line. */
static GArray *
make_units(const char *text, GArray *lines)
{
  GArray *units = g_array_sized_new(FALSE, FALSE, sizeof(Unit), lines->len + 1);
  const Line *L = (const Line *)lines->data;
  gsize n = lines->len;
  gboolean blank_before = FALSE;
  gsize i = 0;
  while (i < n) {
    if (L[i].blank) {
      blank_before = TRUE;
      i++;
      continue;
    }
    gsize j = i;
    while (j + 1 < n && !L[j + 1].blank)
      j++;
    /* Lines i..j form a group. Wrapped when every line but the last is long
     * and none but the last ends a sentence. */
    gboolean wrapped = j > i;
    for (gsize k = i; wrapped && k < j; k++) {
      const char *s = text + L[k].start;
      gsize len = L[k].len;
      while (len && g_ascii_isspace(s[len - 1]))
        len--;
      if (len < 50 || g_utf8_strlen(s, len) < 50)
        wrapped = FALSE;
    }
    if (wrapped) {
      Unit u = {0};
      u.start = L[i].start;
      u.len = L[j].start + L[j].len - L[i].start;
      u.first_line = i;
      u.n_lines = j - i + 1;
      u.blank_before = blank_before;
      g_array_append_val(units, u);
    } else {
      for (gsize k = i; k <= j; k++) {
        Unit u = {0};
        u.start = L[k].start;
        u.len = L[k].len;
        u.first_line = k;
        u.n_lines = 1;
        u.blank_before = k == i ? blank_before : FALSE;
        g_array_append_val(units, u);
      }
    }
    blank_before = FALSE;
    i = j + 1;
  }
  return units;
}

/* Menus and link lists: three or more consecutive short lines (no blank line
 * between) without sentence punctuation. */
static void
mark_short_runs(Unit *u, gsize n)
{
  gsize i = 0;
  while (i < n) {
    gsize j = i;
    while (j < n && (j == i || !u[j].blank_before) && u[j].n_lines == 1 && u[j].words <= 14 &&
           !(u[j].ends_punct && u[j].cls >= C_NEAR))
      j++;
    if (j - i >= 3) {
      for (gsize k = i; k < j; k++)
        u[k].cls = C_BAD;
      i = j;
    } else {
      i = MAX(j, i + 1);
    }
  }
}

/* Context smoothing over the units' classes. */
static void
smooth(Unit *u, gsize n, const WnBpConfig *cfg)
{
  for (gsize i = 0; i < n; i++)
    u[i].keep = u[i].cls == C_GOOD ? 1 : u[i].cls == C_BAD ? 0 : -1;
  /* Near-good units: kept next to prose (within a few short lines). */
  for (gsize i = 0; i < n; i++) {
    if (u[i].cls != C_NEAR)
      continue;
    gint prev = 0, next = 0;
    for (gsize j = i; j > 0 && i - j < 4; j--)
      if (u[j - 1].cls != C_SHORT) {
        prev = u[j - 1].cls == C_GOOD ? 1 : u[j - 1].cls == C_NEAR ? 2 : 0;
        break;
      }
    for (gsize j = i + 1; j < n && j - i <= 4; j++)
      if (u[j].cls != C_SHORT) {
        next = u[j].cls == C_GOOD ? 1 : u[j].cls == C_NEAR ? 2 : 0;
        break;
      }
    if (cfg->favor == WN_BP_FAVOR_PRECISION)
      u[i].keep = prev == 1 && next == 1;
    else if (cfg->favor == WN_BP_FAVOR_RECALL)
      u[i].keep = prev != 0 || next != 0;
    else
      u[i].keep = prev == 1 || next == 1 || (prev == 2 && next == 2);
  }
  /* Short units: kept when the nearest decided units on both sides are kept
   * (one side suffices when favouring recall). */
  for (gsize i = 0; i < n; i++) {
    if (u[i].keep != -1)
      continue;
    gint prev = -1, next = -1;
    for (gsize j = i; j > 0; j--)
      if (u[j - 1].keep != -1) {
        prev = u[j - 1].keep;
        break;
      }
    for (gsize j = i + 1; j < n; j++)
      if (u[j].keep != -1) {
        next = u[j].keep;
        break;
      }
    if (cfg->favor == WN_BP_FAVOR_RECALL)
      u[i].keep = prev == 1 || next == 1;
    else
      u[i].keep = prev == 1 && next == 1;
  }
}

/* The headline: among the lines before the first prose unit, the title-like
 * one sharing the most words with the article's opening. */
static gssize
find_title(const char *text, Unit *u, gsize n)
{
  gsize first_good = n;
  for (gsize i = 0; i < n; i++)
    if (u[i].cls == C_GOOD) {
      first_good = i;
      break;
    }
  if (first_good == n)
    return -1;
  /* Words of the opening prose. */
  GString *body = g_string_new(NULL);
  for (gsize i = first_good; i < n && body->len < 3000; i++)
    if (u[i].keep == 1)
      g_string_append_len(g_string_append_c(body, ' '), text + u[i].start, u[i].len);
  g_auto(GStrv) bw = g_str_tokenize_and_fold(body->str, NULL, NULL);
  g_string_free(body, TRUE);
  g_autoptr(GHashTable) bodyset = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; bw[i]; i++)
    g_hash_table_add(bodyset, bw[i]);

  gssize best = -1;
  double best_score = 0.0;
  gsize from = first_good > 20 ? first_good - 20 : 0;
  for (gsize i = from; i < first_good; i++) {
    const Unit *c = &u[i];
    if (c->n_lines != 1 || c->words < 3 || c->words > 30 || c->boiler_strong)
      continue;
    const char *s = text + c->start;
    if (g_str_has_prefix(s, "By ") || g_str_has_prefix(s, "Par ") || g_str_has_prefix(s, "Von "))
      continue;
    g_autofree char *line = g_strndup(s, c->len);
    g_auto(GStrv) lw = g_str_tokenize_and_fold(line, NULL, NULL);
    guint hit = 0, tot = 0;
    for (guint k = 0; lw[k]; k++) {
      if (g_utf8_strlen(lw[k], -1) < 3)
        continue;
      tot++;
      if (g_hash_table_contains(bodyset, lw[k]))
        hit++;
    }
    if (tot == 0)
      continue;
    double score = (double)hit / tot + 0.1 * MIN(hit, 5u);
    if (c->ends_punct && c->sentence_ends > 0)
      score -= 0.3;
    if (score > best_score && hit >= 2) {
      best_score = score;
      best = (gssize)i;
    }
  }
  return best;
}

static void
classify(const char *text, gsize len, const WnBpConfig *cfg, GArray **lines_out, GArray **units_out,
         gssize *title_out, WnBpLang *lang_out)
{
  GArray *lines = split_lines(text, len);
  GArray *units = make_units(text, lines);
  WnBpLang lang = cfg->language;
  if (lang == WN_BP_LANG_AUTO)
    lang = wn_bp_guess_language(text, len);
  Unit *u = (Unit *)units->data;
  gsize n = units->len;
  for (gsize i = 0; i < n; i++)
    classify_unit(text, &u[i], lang, cfg);
  mark_short_runs(u, n);
  smooth(u, n, cfg);
  gssize title = find_title(text, u, n);
  if (title >= 0) {
    /* What precedes the headline is page furniture unless it is prose. */
    for (gssize i = 0; i < title; i++)
      if (u[i].cls != C_GOOD)
        u[i].keep = 0;
    u[title].keep = 2;
  }
  *lines_out = lines;
  *units_out = units;
  *title_out = title;
  *lang_out = lang;
}

guint8 *
wn_bp_classify_text_lines(const char *text, gsize len, const WnBpConfig *cfg, gsize *n_lines,
                          WnBpLang *lang_out)
{
  GArray *lines, *units;
  gssize title;
  WnBpLang lang;
  classify(text, len, cfg, &lines, &units, &title, &lang);
  guint8 *marks = g_new0(guint8, lines->len + 1);
  const Unit *u = (const Unit *)units->data;
  for (gsize i = 0; i < units->len; i++)
    for (gsize k = 0; k < u[i].n_lines; k++)
      marks[u[i].first_line + k] = (guint8)MAX(u[i].keep, 0);
  *n_lines = lines->len;
  if (lang_out)
    *lang_out = lang;
  g_array_free(lines, TRUE);
  g_array_free(units, TRUE);
  return marks;
}

gboolean
wn_bp_extract_text(const char *text, gsize len, const WnBpConfig *cfg, WnBpResult *res,
                   GError **error)
{
  memset(res, 0, sizeof *res);
  GArray *lines, *units;
  gssize title;
  WnBpLang lang;
  classify(text, len, cfg, &lines, &units, &title, &lang);
  const Unit *u = (const Unit *)units->data;
  GString *out = g_string_sized_new(len / 2 + 16);
  if (title >= 0)
    res->title = wn_bp_collapse_space(text + u[title].start, (gssize)u[title].len);
  gssize prev_kept = -2;
  for (gsize i = 0; i < units->len; i++) {
    if (u[i].keep <= 0 || ((gssize)i == title && !cfg->keep_title))
      continue;
    if (out->len)
      g_string_append(out, prev_kept == (gssize)i - 1 && !u[i].blank_before ? "\n" : "\n\n");
    /* Lines keep their words; surrounding blanks go. */
    const char *s = text + u[i].start;
    gsize l = u[i].len;
    while (l && g_ascii_isspace(*s)) {
      s++;
      l--;
    }
    while (l && g_ascii_isspace(s[l - 1]))
      l--;
    g_string_append_len(out, s, l);
    prev_kept = (gssize)i;
  }
  res->text = g_string_free(out, FALSE);
  res->language = lang;
  g_array_free(lines, TRUE);
  g_array_free(units, TRUE);
  return TRUE;
}
