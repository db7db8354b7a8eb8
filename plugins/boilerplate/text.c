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
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
  WnBpStats st;
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
  gsize n_alloc = len / 60 + 16, n = 0;
  GArray *lines = g_array_sized_new(FALSE, FALSE, sizeof(Line), (guint)n_alloc);
  g_array_set_size(lines, (guint)n_alloc);
  gsize i = 0;
  while (i < len) {
    const char *nl = memchr(text + i, '\n', len - i);
    gsize e = nl ? (gsize)(nl - text) : len;
    /* Grown by hand: a call per line to g_array_append_val costs more than
     * the line's own work on short lines. */
    if (n == n_alloc) {
      n_alloc *= 2;
      g_array_set_size(lines, (guint)n_alloc);
    }
    Line *l = &g_array_index(lines, Line, n++);
    *l = (Line){i, e - i, FALSE};
    if (l->len && text[e - 1] == '\r')
      l->len--;
    l->blank = line_is_blank(text + l->start, l->len);
    i = e + 1;
  }
  g_array_set_size(lines, (guint)n);
  return lines;
}

static const char *const months[] = {
    "january",  "february",  "march",      "april",    "may",       "june",      "july",
    "august",   "september", "october",    "november", "december",  "jan",       "feb",
    "mar",      "apr",       "jun",        "jul",      "aug",       "sep",       "sept",
    "oct",      "nov",       "dec",        "janvier",  "février",   "mars",      "avril",
    "mai",      "juin",      "juillet",    "août",     "septembre", "octobre",   "novembre",
    "décembre", "januar",    "februar",    "märz",     "juni",      "juli",      "oktober",
    "dezember", "enero",     "febrero",    "marzo",    "abril",     "mayo",      "junio",
    "julio",    "agosto",    "septiembre", "octubre",  "noviembre", "diciembre", NULL};

/* For each first byte, the month names that start with it (bit i for
 * months[i]): a token is compared only to those. */
static guint64 month_by_first[256];

static gpointer
build_month_index(gpointer data)
{
  G_STATIC_ASSERT(G_N_ELEMENTS(months) - 1 <= 64);
  for (guint i = 0; months[i]; i++)
    month_by_first[(guchar)months[i][0]] |= (guint64)1 << i;
  return NULL;
}

/* Whether s[0..len) holds an ASCII digit (16 bytes at a time with SSE2). */
static gboolean
has_digit(const char *s, gsize len)
{
  gsize i = 0;
#ifdef __SSE2__
  for (; i + 16 <= len; i += 16) {
    const __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
    const __m128i d = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
                                     _mm_set1_epi8((char)(-128 + 10)));
    if (_mm_movemask_epi8(d))
      return TRUE;
  }
#endif
  for (; i < len; i++)
    if (g_ascii_isdigit(s[i]))
      return TRUE;
  return FALSE;
}

/* A line that is a date or a "published/updated" stamp: short, holds a number
 * and a month name. */
static gboolean
is_date_line(const char *s, gsize len, guint words)
{
  if (words > 10 || words < 2)
    return FALSE;
  if (!has_digit(s, len))
    return FALSE;
  static GOnce once = G_ONCE_INIT;
  g_once(&once, build_month_index, NULL);
  len = strnlen(s, len); /* as g_utf8_strdown, stop at a NUL */
  /* "Published 12/10/2025", "Publié le 12/10/2025 à 18h05". */
  static const char *const stamps[] = {
      "published",      "updated",      "posted",    "publié",      "mis à jour",
      "veröffentlicht", "aktualisiert", "publicado", "actualizado", NULL};
  /* The stamps are at most 15 bytes: when the line starts with 16 ASCII
   * bytes (or is all ASCII), lower-casing those is all the comparison needs. */
  char head[17];
  gsize hn = MIN(len, (gsize)16);
  gboolean ascii_head = TRUE;
  for (gsize i = 0; i < hn; i++) {
    ascii_head &= (guchar)s[i] < 0x80;
    head[i] = g_ascii_tolower(s[i]);
  }
  head[hn] = '\0';
  if (ascii_head) {
    for (guint i = 0; stamps[i]; i++)
      if (g_str_has_prefix(head, stamps[i]))
        return TRUE;
  } else {
    char lbuf[4 * 40 + 1];
    g_autofree char *glow = NULL;
    const char *low = wn_bp_lower(s, MIN(len, (gsize)40), lbuf, sizeof lbuf, &glow, NULL);
    for (guint i = 0; stamps[i]; i++)
      if (g_str_has_prefix(low, stamps[i]))
        return TRUE;
  }
  /* Tokens between separators, compared to the month names case-blind;
   * lower-casing works per character, so a token is lowered on its own (ASCII
   * by table, anything else by wn_bp_utf8_lower or g_utf8_strdown). */
  static const char seps[] = " ,.:;/()|\t-";
  gsize i = 0;
  while (i <= len) {
    gsize e = i;
    gboolean ascii = TRUE;
    while (e < len && !memchr(seps, s[e], sizeof seps - 1)) {
      ascii &= (guchar)s[e] < 0x80;
      e++;
    }
    gsize tl = e - i;
    if (tl > 0 && (!ascii || tl <= 10)) {
      char buf[64];
      g_autofree char *ulow = NULL;
      const char *tok = buf;
      if (ascii) {
        for (gsize k = 0; k < tl; k++)
          buf[k] = g_ascii_tolower(s[i + k]);
        buf[tl] = '\0';
      } else {
        tok = wn_bp_lower(s + i, tl, buf, sizeof buf, &ulow, NULL);
      }
      for (guint64 m = month_by_first[(guchar)tok[0]]; m; m &= m - 1)
        if (strcmp(tok, months[__builtin_ctzll(m)]) == 0)
          return TRUE;
    }
    i = e + 1;
  }
  return FALSE;
}

/* Photo credits: "... Photograph: Name" and the like: a label whose first
 * occurrence in the line is under 60 characters from the line's end. Every
 * label ends with its colon, so only the bytes before each colon are
 * compared (no copy of the line, no search per label). */
static gboolean
has_credit_label(const char *s, gsize len)
{
  static const char *const labels[] = {
      "Photograph:", "Photo:",   "Photos:", "Image:",    "Credit:",       "Foto:", "Fotos:",
      "Bild:",       "Crédit :", "Crédit:", "Crédits :", "Illustration:", NULL};
  const char *colon = memchr(s, ':', len);
  if (!colon)
    return FALSE;
  len = strnlen(s, len); /* the line as a C string would hold it */
  guint found = 0;       /* labels seen already: only a first occurrence counts */
  for (; colon && colon < s + len; colon = memchr(colon + 1, ':', (gsize)(s + len - colon - 1))) {
    gsize end = (gsize)(colon - s) + 1;
    for (guint i = 0; labels[i]; i++) {
      gsize ll = strlen(labels[i]);
      if ((found & (1u << i)) || ll > end || memcmp(s + end - ll, labels[i], ll) != 0)
        continue;
      found |= 1u << i;
      if (g_utf8_strlen(s + end - ll, (gssize)(len - (end - ll))) < 60)
        return TRUE;
    }
  }
  return FALSE;
}

/* Headings that open a comment section: "14 Responses to ...", "Comments",
 * "Leave a Reply", "Kommentare", "Commentaires", "Comentarios". */
static gboolean
is_comments_heading(const char *s, gsize len)
{
  static const char *const words[] = {"comments",
                                      "comment",
                                      "responses",
                                      "replies",
                                      "leave a reply",
                                      "join the discussion",
                                      "commentaires",
                                      "réactions",
                                      "kommentare",
                                      "comentarios",
                                      NULL};
  /* Lower-casing works per character: when the bytes the prefixes can reach
   * (after blanks and a count) are ASCII, lower those; else the whole line. */
  len = strnlen(s, len); /* as g_utf8_strdown, stop at a NUL */
  gsize i = 0;
  while (i < len && g_ascii_isspace(s[i]))
    i++;
  while (i < len && (g_ascii_isdigit(s[i]) || s[i] == ' '))
    i++;
  char head[21];
  gsize hn = MIN(len - i, (gsize)20);
  gboolean ascii = TRUE;
  for (gsize k = 0; k < hn; k++) {
    ascii &= (guchar)s[i + k] < 0x80;
    head[k] = g_ascii_tolower(s[i + k]);
  }
  head[hn] = '\0';
  if (ascii) {
    for (guint k = 0; words[k]; k++)
      if (head[0] == words[k][0] && g_str_has_prefix(head, words[k]))
        return TRUE;
    return FALSE;
  }
  char lbuf[256];
  g_autofree char *glow = NULL;
  char *low = wn_bp_lower(s, len, lbuf, sizeof lbuf, &glow, NULL);
  const char *p = g_strstrip(low);
  while (g_ascii_isdigit(*p) || *p == ' ')
    p++;
  for (guint k = 0; words[k]; k++)
    if (g_str_has_prefix(p, words[k]))
      return TRUE;
  return FALSE;
}

static double
sd_good(WnBpLang lang)
{
  return lang == WN_BP_LANG_DE ? 0.22 : 0.25;
}

static void
classify_unit(const char *text, Unit *u, WnBpLang lang, double thr_scale, const WnBpConfig *cfg)
{
  WnBpStats st = u->st;
  wn_bp_stats_set_language(&st, lang);
  /* Words without spaces between them (CJK) count by characters. */
  st.words = MAX(st.words, st.chars / 6);
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
  double thr = sd_good(lang) * thr_scale;

  if (st.words == 0)
    u->cls = C_BAD;
  else if (st.boiler_strong > 0 && (boiler > 0.12 || st.words < 12))
    u->cls = C_BAD;
  else if (wn_bp_furniture_phrase(text + u->start, u->len, st.words))
    u->cls = C_BAD;
  else if (is_date_line(text + u->start, u->len, st.words) ||
           has_credit_label(text + u->start, u->len))
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
  /* At most one unit per line: room is made once and filled in place. */
  GArray *units = g_array_sized_new(FALSE, FALSE, sizeof(Unit), lines->len + 1);
  g_array_set_size(units, lines->len);
  Unit *out = (Unit *)(void *)units->data;
  gsize n_units = 0;
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
    /* Lines i..j form a group. Wrapped text has long lines of nearly equal
     * length (all but the last); link lists have long lines of any length. */
    gboolean wrapped = j > i;
    glong lmin = G_MAXLONG, lmax = 0;
    for (gsize k = i; wrapped && k < j; k++) {
      const char *s = text + L[k].start;
      gsize len = L[k].len;
      while (len && g_ascii_isspace(s[len - 1]))
        len--;
      /* Under 55 bytes is under 55 characters: no need to count them. */
      glong chars = len < 55 ? (glong)len : g_utf8_strlen(s, (gssize)len);
      lmin = MIN(lmin, chars);
      lmax = MAX(lmax, chars);
      if (chars < 55)
        wrapped = FALSE;
    }
    if (wrapped && j - i >= 2 && lmax - lmin > 22)
      wrapped = FALSE;
    if (wrapped) {
      Unit *u = &out[n_units++];
      memset(u, 0, sizeof *u);
      u->start = L[i].start;
      u->len = L[j].start + L[j].len - L[i].start;
      u->first_line = i;
      u->n_lines = j - i + 1;
      u->blank_before = blank_before;
    } else {
      for (gsize k = i; k <= j; k++) {
        Unit *u = &out[n_units++];
        memset(u, 0, sizeof *u);
        u->start = L[k].start;
        u->len = L[k].len;
        u->first_line = k;
        u->n_lines = 1;
        u->blank_before = k == i ? blank_before : FALSE;
      }
    }
    blank_before = FALSE;
    i = j + 1;
  }
  g_array_set_size(units, (guint)n_units);
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

/* Whether s[0..len) starts with `prefix` (never reads past len). */
static inline gboolean
starts_with(const char *s, gsize len, const char *prefix)
{
  gsize n = strlen(prefix);
  return len >= n && memcmp(s, prefix, n) == 0;
}

/* Whether s[0..len) holds the lower-case ASCII `word`, ignoring ASCII case
 * (no copy: a first-byte check, then the rest). */
static gboolean
contains_ci(const char *s, gsize len, const char *word)
{
  gsize n = strlen(word);
  for (gsize i = 0; i + n <= len; i++) {
    if (((guchar)s[i] | 0x20) != (guchar)word[0])
      continue;
    gsize j = 1;
    while (j < n && g_ascii_tolower(s[i + j]) == word[j])
      j++;
    if (j == n)
      return TRUE;
  }
  return FALSE;
}

/* A unit's text without the blanks around it. */
static const char *
unit_text(const char *text, const Unit *u, gsize *len)
{
  const char *s = text + u->start;
  gsize l = u->len;
  while (l && g_ascii_isspace(*s)) {
    s++;
    l--;
  }
  while (l && g_ascii_isspace(s[l - 1]))
    l--;
  *len = l;
  return s;
}

/* Headings of related-article lists when they stand alone on their line
 * ("Lire aussi", "Related stories", "Lesen Sie auch:"): the lines under them,
 * up to a blank line, are links to other articles. */
static gboolean
is_list_heading(const char *s, gsize len)
{
  static const char *const headings[] = {"read more",
                                         "read also",
                                         "also read",
                                         "see also",
                                         "related",
                                         "related stories",
                                         "related articles",
                                         "more stories",
                                         "read next",
                                         "recommended",
                                         "most popular",
                                         "most read",
                                         "lire aussi",
                                         "à lire aussi",
                                         "lire également",
                                         "à lire également",
                                         "voir aussi",
                                         "sur le même sujet",
                                         "lesen sie auch",
                                         "mehr zum thema",
                                         "auch interessant",
                                         "lea también",
                                         "te puede interesar",
                                         "ver también",
                                         NULL};
  /* They all start with one of these (lower-cased; 0xC3 opens "à"). */
  if (len == 0 || len >= 48 || !strchr("ramslvt\xc3", g_ascii_tolower(s[0])))
    return FALSE;
  /* Lower-casing keeps the byte length of the letters the headings hold:
   * the line's must be one of theirs (7 to 16, or 18 bytes). */
  gsize bare = len;
  while (bare && (s[bare - 1] == ':' || g_ascii_isspace(s[bare - 1])))
    bare--;
  if (bare < 7 || bare > 18 || bare == 17)
    return FALSE;
  char buf[4 * 48];
  gsize n = wn_bp_utf8_lower(s, len, buf, sizeof buf);
  if (n == G_MAXSIZE)
    return FALSE;
  while (n && (buf[n - 1] == ':' || g_ascii_isspace(buf[n - 1])))
    n--;
  for (guint i = 0; headings[i]; i++)
    if (headings[i][0] == buf[0] && strlen(headings[i]) == n && memcmp(buf, headings[i], n) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the unit is a heading of a related-article list; if so it and
 * the headline-like lines under it (same block, no sentence end) go. */
static void
mark_list_headings(const char *text, Unit *u, gsize n)
{
  for (gsize i = 0; i < n; i++) {
    gsize len;
    const char *s = unit_text(text, &u[i], &len);
    if (u[i].words == 0 || u[i].words > 5 || len >= 48 || !is_list_heading(s, len))
      continue;
    u[i].cls = C_BAD;
    gsize j = i + 1;
    for (; j < n && !u[j].blank_before && u[j].n_lines == 1 && u[j].words <= 20 &&
           !(u[j].ends_punct && u[j].sentence_ends > 0);
         j++)
      u[j].cls = C_BAD;
    /* Go on after the list: a run of heading-like lines is marked once,
     * not once per line (quadratic on a page of 100,000 such lines). */
    i = j - 1;
  }
}

/* Whether a token starts with an upper-case letter. */
static gboolean
starts_upper(const char *s, gsize len)
{
  if (!len)
    return FALSE;
  if ((guchar)*s < 0x80)
    return g_ascii_isupper(*s);
  gunichar u = g_utf8_get_char_validated(s, (gssize)len);
  return u != (gunichar)-1 && u != (gunichar)-2 && (g_unichar_isupper(u) || g_unichar_istitle(u));
}

typedef struct {
  const char *s; /* the name's bytes in the text */
  gsize len;
  gsize unit; /* the byline's unit */
} BylineName;

/* Lines about the article rather than of it: an author's bio ("NAME is a
 * ..." where NAME is the byline's), a closing credit that speaks of the
 * article and names someone ("This story was produced with Some
 * Organisation"), a newsletter box's pitch (an offer by e-mail just above an
 * e-mail field). */
static void
mark_closing_furniture(const char *text, Unit *u, gsize n)
{
  /* Byline names: the capitalised words after "By", "Par", "Von", "Por". */
  BylineName names[4];
  guint n_names = 0;
  for (gsize i = 0; i < n && n_names < G_N_ELEMENTS(names); i++) {
    if (u[i].words < 3 || u[i].words > 8 || u[i].n_lines != 1)
      continue;
    gsize len;
    const char *s = unit_text(text, &u[i], &len);
    gsize skip = starts_with(s, len, "By ")    ? 3
                 : starts_with(s, len, "Par ") ? 4
                 : starts_with(s, len, "Von ") ? 4
                 : starts_with(s, len, "Por ") ? 4
                                               : 0;
    if (!skip || skip >= len)
      continue;
    const char *name = s + skip, *end = s + len, *p = name, *name_end = name;
    guint tokens = 0;
    while (p < end) {
      const char *t = p;
      while (p < end && *p != ' ' && *p != ',')
        p++;
      if (!starts_upper(t, (gsize)(p - t)))
        break;
      tokens++;
      name_end = p;
      if (p < end && *p == ',')
        break;
      while (p < end && *p == ' ')
        p++;
    }
    if (tokens >= 2)
      names[n_names++] = (BylineName){name, (gsize)(name_end - name), i};
  }
  static const char *const self[] = {"This story ",
                                     "This article ",
                                     "This report ",
                                     "This piece ",
                                     "This project ",
                                     "This series ",
                                     "Cet article ",
                                     "Cette enquête ",
                                     "Dieser Artikel ",
                                     "Dieser Beitrag ",
                                     "Este artículo ",
                                     "Este reportaje ",
                                     NULL};

  for (gsize i = 0; i < n; i++) {
    if (u[i].cls == C_BAD || u[i].words == 0 || u[i].words > 40)
      continue;
    gsize len;
    const char *s = unit_text(text, &u[i], &len);
    gboolean furniture = FALSE;
    for (guint k = 0; k < n_names && !furniture; k++)
      furniture = names[k].unit < i && len > names[k].len + 1 &&
                  memcmp(s, names[k].s, names[k].len) == 0 && s[names[k].len] == ' ' &&
                  g_ascii_islower(s[names[k].len + 1]);
    /* The openings' first four bytes. */
    gboolean may_self = u[i].words <= 30 && u[i].sentence_ends <= 1 && len > 8 &&
                        (memcmp(s, "This", 4) == 0 || memcmp(s, "Cet", 3) == 0 ||
                         memcmp(s, "Dies", 4) == 0 || memcmp(s, "Este", 4) == 0);
    for (guint k = 0; self[k] && !furniture && may_self; k++) {
      if (!starts_with(s, len, self[k]))
        continue;
      /* Closing: no paragraph of prose right after it. */
      gboolean closing = TRUE;
      for (gsize j = i + 1; j < n && j <= i + 3; j++)
        closing &= !(u[j].cls == C_GOOD && u[j].words >= 20);
      /* It names someone: two capitalised words in a row after the opening. */
      const char *p = s + strlen(self[k]), *end = s + len;
      guint run = 0;
      while (p < end && run < 2) {
        const char *t = p;
        while (p < end && *p != ' ')
          p++;
        run = starts_upper(t, (gsize)(p - t)) ? run + 1 : 0;
        while (p < end && *p == ' ')
          p++;
      }
      furniture = closing && run >= 2;
    }
    if (!furniture && u[i].words <= 30 && i + 1 < n && u[i + 1].words <= 5) {
      gsize fl;
      const char *f = unit_text(text, &u[i + 1], &fl);
      /* "mail" covers email, e-mail and the German Mail. */
      furniture = (contains_ci(f, fl, "mail") || contains_ci(f, fl, "courriel")) &&
                  (contains_ci(s, len, "mail") || contains_ci(s, len, "courriel") ||
                   contains_ci(s, len, "newsletter") || contains_ci(s, len, "inbox"));
    }
    if (furniture)
      u[i].cls = C_BAD;
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
  /* Nearest decided units on each side in two linear passes (a decision
   * made here counts for the units after it, as when scanning). */
  g_autofree gint8 *next_keep = g_new(gint8, n + 1);
  gint8 seen = -1;
  for (gsize i = n; i > 0; i--) {
    next_keep[i - 1] = seen;
    if (u[i - 1].keep != -1)
      seen = u[i - 1].keep;
  }
  gint8 prev_keep = -1;
  for (gsize i = 0; i < n; i++) {
    if (u[i].keep != -1) {
      prev_keep = u[i].keep;
      continue;
    }
    gint prev = prev_keep, next = next_keep[i];
    if (cfg->favor == WN_BP_FAVOR_RECALL)
      u[i].keep = prev == 1 || next == 1;
    else
      u[i].keep = prev == 1 && next == 1;
    prev_keep = u[i].keep;
  }
}

/* Where the article starts: the first prose unit followed by more prose (at
 * least 40 words of it within the next six units), else the first prose unit.
 * A lone disclaimer sentence above the headline is not the start. */
static gsize
article_start(const Unit *u, gsize n)
{
  gsize first = n;
  for (gsize i = 0; i < n; i++) {
    if (u[i].cls != C_GOOD)
      continue;
    if (first == n)
      first = i;
    guint words = 0;
    for (gsize j = i; j < n && j <= i + 6; j++)
      if (u[j].cls == C_GOOD)
        words += u[j].words;
    if (words >= 40 + u[i].words)
      return i;
  }
  return first;
}

/* A set of word hashes (open addressing; 0 is kept aside as the empty mark):
 * only membership is asked, so no sorting. */
typedef struct {
  guint32 *slots;
  guint32 mask;
  gboolean has_zero;
} HashSet;

static inline guint32
hash_slot(guint32 h, guint32 mask)
{
  return (h * 2654435761u) >> 7 & mask;
}

static void
hash_set_init(HashSet *set, const GArray *hashes)
{
  guint32 cap = 16;
  while (cap < hashes->len * 2)
    cap <<= 1;
  set->slots = g_new0(guint32, cap);
  set->mask = cap - 1;
  set->has_zero = FALSE;
  for (guint i = 0; i < hashes->len; i++) {
    guint32 h = g_array_index(hashes, guint32, i);
    if (h == 0) {
      set->has_zero = TRUE;
      continue;
    }
    guint32 k = hash_slot(h, set->mask);
    while (set->slots[k] && set->slots[k] != h)
      k = (k + 1) & set->mask;
    set->slots[k] = h;
  }
}

static gboolean
hash_set_has(const HashSet *set, guint32 h)
{
  if (h == 0)
    return set->has_zero;
  for (guint32 k = hash_slot(h, set->mask); set->slots[k]; k = (k + 1) & set->mask)
    if (set->slots[k] == h)
      return TRUE;
  return FALSE;
}

/* The headline: among the lines before the first prose unit, the title-like
 * one sharing the most words with the article's opening. */
static gssize
find_title(const char *text, Unit *u, gsize n)
{
  gsize first_good = article_start(u, n);
  if (first_good == n)
    return -1;
  /* Words of the opening prose, as a sorted array of hashes. */
  g_autoptr(GArray) body = g_array_new(FALSE, FALSE, sizeof(guint32));
  gsize body_chars = 0;
  for (gsize i = first_good; i < n && body_chars < 1500; i++)
    if (u[i].keep == 1) {
      wn_bp_word_hashes(text + u[i].start, u[i].len, 3, body);
      body_chars += u[i].len;
    }
  HashSet set;
  hash_set_init(&set, body);

  gssize best = -1;
  double best_score = 0.0;
  gsize from = first_good > 20 ? first_good - 20 : 0;
  g_autoptr(GArray) lw = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (gsize i = from; i < first_good; i++) {
    const Unit *c = &u[i];
    if (c->n_lines != 1 || c->words < 3 || c->words > 30 || c->boiler_strong)
      continue;
    const char *s = text + c->start;
    while (*s == ' ' || *s == '\t')
      s++;
    /* Bylines and bullet points are not headlines. */
    if (g_str_has_prefix(s, "By ") || g_str_has_prefix(s, "Par ") || g_str_has_prefix(s, "Von ") ||
        g_str_has_prefix(s, "Por ") || g_str_has_prefix(s, "\xe2\x80\xa2") || *s == '-' ||
        *s == '*')
      continue;
    g_array_set_size(lw, 0);
    wn_bp_word_hashes(text + c->start, c->len, 3, lw);
    guint hit = 0, tot = lw->len;
    for (guint k = 0; k < lw->len; k++)
      if (hash_set_has(&set, g_array_index(lw, guint32, k)))
        hit++;
    if (tot == 0)
      continue;
    /* Overlap with the article, a little bonus for more shared words, and a
     * preference for the line nearest the top. */
    double score = (double)hit / tot + 0.1 * MIN(hit, 5u) - 0.02 * (double)(i - from);
    if (c->ends_punct && c->sentence_ends > 0)
      score -= 0.3;
    if (score > best_score && hit >= 2) {
      best_score = score;
      best = (gssize)i;
    }
  }
  g_free(set.slots);
  return best;
}

/* The article is one region of kept units; dialogs and boxes elsewhere on
 * the page can hold a prose-like paragraph or two. Regions are separated by
 * furniture (two or more dropped units, one of them with furniture
 * vocabulary, or three dropped units); the largest region stays, others only
 * when they are large too, or fairly large and free of furniture words. */
static void
keep_main_regions(Unit *u, gsize n)
{
  g_autofree gsize *region = g_new(gsize, n + 1);
  g_autoptr(GArray) words = g_array_new(FALSE, TRUE, sizeof(guint));
  g_autoptr(GArray) boiler = g_array_new(FALSE, TRUE, sizeof(guint));
  gsize r = 0;
  guint zero = 0;
  g_array_append_val(words, zero);
  g_array_append_val(boiler, zero);
  gsize dropped = 0;
  gboolean dropped_boiler = FALSE, any_kept = FALSE;
  for (gsize i = 0; i < n; i++) {
    if (u[i].keep <= 0) {
      dropped++;
      dropped_boiler |= u[i].boiler_strong > 0;
      region[i] = G_MAXSIZE;
      continue;
    }
    if (any_kept && (dropped >= 3 || (dropped >= 2 && dropped_boiler))) {
      r++;
      g_array_append_val(words, zero);
      g_array_append_val(boiler, zero);
    }
    dropped = 0;
    dropped_boiler = FALSE;
    any_kept = TRUE;
    region[i] = r;
    g_array_index(words, guint, r) += u[i].words;
    g_array_index(boiler, guint, r) += u[i].boiler_strong;
  }
  guint largest = 0;
  for (guint k = 0; k < words->len; k++)
    largest = MAX(largest, g_array_index(words, guint, k));
  for (gsize i = 0; i < n; i++) {
    if (region[i] == G_MAXSIZE || u[i].keep == 2)
      continue;
    guint w = g_array_index(words, guint, region[i]);
    gboolean clean = g_array_index(boiler, guint, region[i]) == 0;
    if (!(w * 2 >= largest || (clean && w * 5 >= largest)))
      u[i].keep = 0;
  }
}

static void
classify(const char *text, gsize len, const WnBpConfig *cfg, GArray **lines_out, GArray **units_out,
         gssize *title_out, WnBpLang *lang_out)
{
  GArray *lines = split_lines(text, len);
  GArray *units = make_units(text, lines);
  Unit *u = (Unit *)units->data;
  gsize n = units->len;
  /* One scan per unit; the language comes from the stopword counts. */
  guint64 counts[WN_BP_N_LANGS] = {0};
  for (gsize i = 0; i < n; i++) {
    wn_bp_scan_within(text + u[i].start, u[i].len, text + len, WN_BP_LANG_AUTO, &u[i].st);
    for (int l = 0; l < WN_BP_N_LANGS; l++)
      counts[l] += u[i].st.stop_any[l];
  }
  WnBpLang lang = cfg->language;
  if (lang == WN_BP_LANG_AUTO)
    lang = wn_bp_language_from_counts(counts);
  /* Text in a language without a stopword list (under 1 in 12 words of the
   * longer lines hit one): judged without the stopword bar, as in html.c. */
  guint64 long_words = 0, long_stops = 0;
  for (gsize i = 0; i < n; i++) {
    guint w = MAX(u[i].st.words, u[i].st.chars / 6);
    if (w >= 10) {
      long_words += w;
      long_stops += lang >= 0 ? u[i].st.stop_any[lang] : 0;
    }
  }
  double thr_scale = long_words && long_stops * 12 < long_words ? 0.0 : 1.0;
  for (gsize i = 0; i < n; i++)
    classify_unit(text, &u[i], lang, thr_scale, cfg);
  mark_short_runs(u, n);
  mark_list_headings(text, u, n);
  mark_closing_furniture(text, u, n);
  smooth(u, n, cfg);
  gssize title = find_title(text, u, n);
  if (title >= 0) {
    /* What precedes the headline is page furniture; between the headline and
     * the article's first paragraph only a stand-first (a sentence or more)
     * stays, not bylines, dates and labels. */
    for (gssize i = 0; i < title; i++)
      u[i].keep = 0;
    u[title].keep = 2;
    gsize start = article_start(u, n);
    for (gsize i = (gsize)title + 1; i < start; i++)
      if (u[i].cls == C_SHORT || u[i].cls == C_BAD || u[i].words < 8)
        u[i].keep = 0;
  }
  /* Comments end the article: after a comment-section heading, nothing more. */
  gboolean kept_before = FALSE;
  for (gsize i = 0; i < n; i++) {
    if (kept_before && u[i].keep != 1 && u[i].words <= 8 &&
        (is_comments_heading(text + u[i].start, u[i].len) ||
         wn_bp_comments_heading(text + u[i].start, u[i].len))) {
      for (gsize j = i; j < n; j++)
        u[j].keep = 0;
      break;
    }
    kept_before |= u[i].keep == 1;
  }
  keep_main_regions(u, n);
  /* A short text with no paragraph of prose (a note, a notice): keep its
   * near-prose lines rather than return nothing. */
  gboolean any = FALSE;
  for (gsize i = 0; i < n && !any; i++)
    any = u[i].keep > 0;
  for (gsize i = 0; i < n && !any; i++)
    if (u[i].cls == C_NEAR && !u[i].boiler_strong)
      u[i].keep = 1;
  if (g_getenv("WN_BP_DEBUG"))
    for (gsize i = 0; i < n; i++)
      g_printerr("%d cls=%d w=%u sw=%u bs=%u bw=%u | %.*s\n", u[i].keep, u[i].cls, u[i].words,
                 u[i].stopwords, u[i].boiler_strong, u[i].boiler_weak, (int)MIN(u[i].len, 80u),
                 text + u[i].start);
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

/* The headline's text with white space collapsed: an ASCII line with single
 * spaces only is its trimmed self (what wn_bp_collapse_space gives, without
 * building it a character at a time); anything else goes through it. */
static char *
title_text(const char *text, const Unit *t)
{
  gsize len;
  const char *s = unit_text(text, t, &len);
  gboolean plain = TRUE;
  for (gsize i = 0; i < len && plain; i++) {
    guchar c = (guchar)s[i];
    plain = c >= 0x20 && c < 0x80 && !(c == ' ' && i > 0 && s[i - 1] == ' ');
  }
  if (plain)
    return g_strndup(s, len);
  return wn_bp_collapse_space(text + t->start, (gssize)t->len);
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
  if (title >= 0)
    res->title = title_text(text, &u[title]);
  /* The kept units, trimmed, joined by a newline (next line of the same
   * block) or a blank line: sized first, then copied once. */
  gsize n = units->len, size = 1;
  for (gsize i = 0; i < n; i++)
    if (u[i].keep > 0)
      size += u[i].len + 2;
  char *out = g_malloc(size), *o = out;
  gssize prev_kept = -2;
  for (gsize i = 0; i < n; i++) {
    if (u[i].keep <= 0 || ((gssize)i == title && !cfg->keep_title))
      continue;
    if (o != out) {
      *o++ = '\n';
      if (!(prev_kept == (gssize)i - 1 && !u[i].blank_before))
        *o++ = '\n';
    }
    /* Lines keep their words; surrounding blanks go. */
    const char *s = text + u[i].start;
    gsize l = u[i].len;
    while (l && g_ascii_isspace(*s)) {
      s++;
      l--;
    }
    while (l && g_ascii_isspace(s[l - 1]))
      l--;
    memcpy(o, s, l);
    o += l;
    prev_kept = (gssize)i;
  }
  *o = '\0';
  res->text = out;
  res->language = lang;
  g_array_free(lines, TRUE);
  g_array_free(units, TRUE);
  return TRUE;
}
