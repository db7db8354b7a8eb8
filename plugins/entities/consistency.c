/* consistency.c: document-level rules applied after the per-sentence tagger:
 * titles leave PERSON spans; a surname seen in a full PERSON name marks its
 * later lone uses; "Long Name (LN)" makes LN an organisation (or whatever the
 * long name is) everywhere; one surface string keeps one label; and the news
 * rules (datelines, state abbreviations, names joined by "&" or "of", streets,
 * institutions, lists of places: see "news rules" below) settle forms of wire
 * copy that the model, trained on web text, gets wrong. */
#include "ent.h"

#include <string.h>

static gboolean
is_model_label(const char *label)
{
  return label != NULL &&
         (strcmp(label, "PERSON") == 0 || strcmp(label, "ORG") == 0 || strcmp(label, "LOC") == 0);
}

static gboolean
tok_is(const WnEntDoc *doc, const WnEntTok *t, const char *word)
{
  /* The first byte rules out nearly every pair: these run on every token. */
  if (doc->text[t->start] != word[0])
    return FALSE;
  gsize len = strlen(word);
  return t->end - t->start == len && memcmp(doc->text + t->start, word, len) == 0;
}

static gboolean
tok_in(const WnEntDoc *doc, const WnEntTok *t, const char *const *words)
{
  for (guint k = 0; words[k] != NULL; k++)
    if (tok_is(doc, t, words[k]))
      return TRUE;
  return FALSE;
}

/* A word list checked against every token: for each first byte, the lengths
 * its words have, so that nearly every token is turned away by one load. */
typedef struct {
  const char *const *words;
  guint32 lens[256];
} WordSet;

static void
word_set_init(WordSet *ws, const char *const *words)
{
  ws->words = words;
  for (guint k = 0; words[k] != NULL; k++) {
    gsize len = strlen(words[k]);
    g_assert(len < 32);
    ws->lens[(guchar)words[k][0]] |= 1u << len;
  }
}

static gboolean
word_set_has(const WnEntDoc *doc, const WordSet *ws, const WnEntTok *t)
{
  gsize len = t->end - t->start;
  if (len >= 32 || !((ws->lens[(guchar)doc->text[t->start]] >> len) & 1))
    return FALSE;
  return tok_in(doc, t, ws->words);
}

static const char *const institution_words[] = {"Senate",  "House",      "Assembly", "Treasury",
                                                "Fed",     "Parliament", "Congress", "Pentagon",
                                                "Kremlin", NULL};
static const char *const street_words[] = {"Street",  "St.",       "Avenue", "Ave.",  "Road",
                                           "Rd.",     "Boulevard", "Blvd.",  "Lane",  "Drive",
                                           "Parkway", "Highway",   "Square", "Plaza", NULL};
static const char *const office_words[] = {"Office", "Department", NULL};
static WordSet institution_set, street_set, office_set;

static void
init_word_sets(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    word_set_init(&institution_set, institution_words);
    word_set_init(&street_set, street_words);
    word_set_init(&office_set, office_words);
    g_once_init_leave(&done, 1);
  }
}

/* Generational suffixes that end a person's name. */
static const char *const name_suffixes[] = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV", NULL};

/* Whether the title word at `i` of a PERSON span starting at `first` is really
 * a surname: "Martin Luther King Jr." (a title is not followed by "Jr."). */
static gboolean
title_is_surname(const WnEntDoc *doc, const WnEntTok *toks, guint first, guint i)
{
  (void)first;
  return tok_in(doc, &toks[i + 1], name_suffixes);
}

void
wn_ent_trim_titles(const WnEntDoc *doc, GArray *spans)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0; k < spans->len; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (strcmp(s->label, "PERSON") != 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    /* Cut through the last title word before the final token: "House Speaker
     * John Boehner" -> "John Boehner"; "King" as the last word stays. */
    guint cut = first;
    for (guint i = first; i + 1 < last; i++)
      if ((toks[i].gaz_inside & WN_GAZ_TITLE) && !title_is_surname(doc, toks, first, i))
        cut = i + 1;
    /* Punctuation left at the front (after "Sen." the period is in the token). */
    while (cut + 1 < last && !(toks[cut].flags & WN_ENT_TOK_ALNUM))
      cut++;
    if (cut > first && cut < last)
      s->start = toks[cut].start;
  }
}

/* Index of the span covering each token, or -1. */
static void
index_spans(const WnEntDoc *doc, const GArray *spans, gint *owner)
{
  for (guint i = 0; i < doc->toks->len; i++)
    owner[i] = -1;
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    for (guint i = first; i < last; i++)
      owner[i] = (gint)k;
  }
}

static int
cmp_spans(gconstpointer a, gconstpointer b)
{
  const WnEntSpan *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

static gboolean
is_joiner(const WnEntDoc *doc, const WnEntTok *t)
{
  static const char *const words[] = {"of", "the", "for", "and", "on", "in", "&", "de", NULL};
  gsize len = t->end - t->start;
  for (guint k = 0; words[k] != NULL; k++)
    if (strlen(words[k]) == len && memcmp(doc->text + t->start, words[k], len) == 0)
      return TRUE;
  return FALSE;
}

/* Whether `acr` (an all-caps token) spells the initials of tokens [a, b). */
static gboolean
initials_match(const WnEntDoc *doc, guint a, guint b, const WnEntTok *acr)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  const char *p = doc->text + acr->start, *end = doc->text + acr->end;
  for (guint i = a; i < b; i++) {
    if (is_joiner(doc, &toks[i]) || !(toks[i].flags & WN_ENT_TOK_ALNUM))
      continue;
    /* Skip a joiner's letter that the acronym happens to carry ("DoD"). */
    if (p >= end || g_ascii_toupper(doc->text[toks[i].start]) != g_ascii_toupper(*p))
      return FALSE;
    p++;
  }
  return p == end;
}

/* ---- news rules ----------------------------------------------------------
 * Forms that wire copy uses over and over and that the model, trained on web
 * text, gets wrong: datelines, state abbreviations, "The" before a name,
 * names joined by "&" or "of", streets, "Jr." and initials, and lists of
 * places. Each rule takes a stretch of tokens whose meaning the form settles;
 * it may replace PERSON/ORG/LOC spans lying inside that stretch (from the
 * model or the name lists alike), never a span of another label (a date, an
 * amount, a nationality), and never a span that reaches outside it. */

static gboolean
is_cap(const WnEntTok *t)
{
  return (t->flags & WN_ENT_TOK_CAP) && !(t->flags & WN_ENT_TOK_HEADLINE);
}

/* Whether span `s` is still there (rules empty the spans they replace) and
 * has `label`; if so, its tokens [*first, *last). */
static gboolean
live_span(const WnEntDoc *doc, const WnEntSpan *s, const char *label, guint *first, guint *last)
{
  if (s->end <= s->start || strcmp(s->label, label) != 0)
    return FALSE;
  wn_ent_doc_span_tokens(doc, s->start, s->end, first, last);
  return TRUE;
}

/* Tokens [first, last) become one span of `label`, replacing the model spans
 * inside. Returns FALSE (and changes nothing) when another kind of span is
 * there or a span crosses the stretch's edges. */
static gboolean
claim(const WnEntDoc *doc, GArray *spans, gint *owner, guint first, guint last, const char *label,
      double score)
{
  if (first >= last)
    return FALSE;
  for (guint t = first; t < last; t++) {
    if (owner[t] < 0)
      continue;
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[t]);
    guint sf, sl;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &sf, &sl);
    if (!is_model_label(s->label) || sf < first || sl > last)
      return FALSE;
  }
  double best = 0;
  for (guint t = first; t < last; t++)
    if (owner[t] >= 0) {
      WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[t]);
      if (s->end > s->start && strcmp(s->label, label) == 0)
        best = MAX(best, s->score);
      s->end = s->start; /* emptied; dropped by compact() */
    }
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  WnEntSpan s = {toks[first].start, toks[last - 1].end, label, MAX(score, best), WN_ENT_SRC_RULE};
  g_array_append_val(spans, s);
  for (guint t = first; t < last; t++)
    owner[t] = (gint)spans->len - 1;
  return TRUE;
}

/* Drops emptied spans, sorts, re-indexes. */
static void
compact(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  /* Most rules change nothing in most documents: then there is nothing to
   * do (the rules keep `owner` right for in-place changes). */
  gboolean changed = FALSE;
  for (guint k = 0; k < spans->len && !changed; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    changed = s->end <= s->start || (k > 0 && s->start < (s - 1)->end);
  }
  if (!changed)
    return;
  guint kept = 0;
  for (guint k = 0; k < spans->len; k++)
    if (g_array_index(spans, WnEntSpan, k).end > g_array_index(spans, WnEntSpan, k).start)
      g_array_index(spans, WnEntSpan, kept++) = g_array_index(spans, WnEntSpan, k);
  g_array_set_size(spans, kept);
  g_array_sort(spans, cmp_spans);
  index_spans(doc, spans, owner);
}

static const char *const dashes[] = {"\xe2\x80\x94", "\xe2\x80\x93", "-", "--", NULL};

/* Whether token t is a date written YYYY-MM-DD. */
static gboolean
is_iso_date(const WnEntDoc *doc, const WnEntTok *t)
{
  const char *p = doc->text + t->start;
  if (t->end - t->start != 10 || p[4] != '-' || p[7] != '-')
    return FALSE;
  for (guint k = 0; k < 10; k++)
    if (k != 4 && k != 7 && !g_ascii_isdigit(p[k]))
      return FALSE;
  return TRUE;
}

/* "RANCHO MIRAGE, Calif. (AP) — ...": the capitalised city is a place, what
 * follows the comma its state or country, the word in parentheses the news
 * agency. Only at a sentence start, with the dash, in a sentence that has
 * lower case (all-caps headlines such as "SOCCER - JAPAN WIN" are not
 * datelines). */
static void
news_datelines(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    guint a = se[0], b = se[1], i = a;
    if (b - a < 4 || (toks[a].flags & WN_ENT_TOK_HEADLINE))
      continue;
    while (i < b && i - a < 4 && (toks[i].flags & WN_ENT_TOK_ALLCAPS) &&
           !(toks[i].flags & WN_ENT_TOK_DIGIT) && toks[i].end - toks[i].start >= 2)
      i++;
    /* "Washington (CNN) President Obama said": a city written in mixed case
     * counts when an all-caps agency follows it directly. */
    gboolean mixed = FALSE;
    if (i == a) {
      while (i < b && i - a < 3 && is_cap(&toks[i]) && !(toks[i].flags & WN_ENT_TOK_DIGIT))
        i++;
      mixed = TRUE;
    }
    guint city_end = i;
    if (city_end == a || toks[city_end - 1].end - toks[a].start < 4)
      continue;
    guint reg_first = i, reg_last = i;
    if (i < b && tok_is(doc, &toks[i], ",")) {
      guint j = i + 1;
      while (j < b && j - i <= 3 && is_cap(&toks[j]))
        j++;
      if (j == i + 1)
        continue;
      reg_first = i + 1;
      reg_last = j;
      i = j;
    }
    guint ag_first = i, ag_last = i;
    if (i < b && tok_is(doc, &toks[i], "(")) {
      guint j = i + 1;
      while (j < b && j - i <= 3 && is_cap(&toks[j]))
        j++;
      if (j == i + 1 || j >= b || !tok_is(doc, &toks[j], ")"))
        continue;
      ag_first = i + 1;
      ag_last = j;
      i = j + 1;
    }
    if (mixed) {
      /* The agency's length is read only once it is known to be a token:
       * ag_first may be the end of the document. */
      if (reg_last > reg_first || ag_last != ag_first + 1 ||
          !(toks[ag_first].flags & WN_ENT_TOK_ALLCAPS) ||
          toks[ag_first].end - toks[ag_first].start < 2 ||
          toks[ag_first].end - toks[ag_first].start > 5 ||
          !(toks[a].gaz_begin & (WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY)))
        continue;
    } else {
      /* Reuters style: "LEEDS, England 1996-08-30" (a date instead of the dash). */
      gboolean dated = i < b && ag_last == ag_first && is_iso_date(doc, &toks[i]);
      if (!dated && (i + 1 >= b || !tok_in(doc, &toks[i], dashes)))
        continue;
    }
    /* "PS -- There is": without a state or an agency the city must be listed. */
    if (reg_last == reg_first && ag_last == ag_first &&
        !(toks[a].gaz_begin & (WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY)))
      continue;
    claim(doc, spans, owner, a, city_end, "LOC", 0.9);
    if (reg_last > reg_first)
      claim(doc, spans, owner, reg_first, reg_last, "LOC", 0.9);
    if (ag_last > ag_first)
      claim(doc, spans, owner, ag_first, ag_last, "ORG", 0.9);
  }
}

/* "Warren, Mich.", "Rancho Mirage, Calif.": a listed state abbreviation (a
 * REGION entry ending in a period) after a comma and a capitalised word. */
static void
news_state_abbreviations(const WnEntDoc *doc, GArray *spans, gint *owner, const guint *cand,
                         guint n_cand)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < 2)
      continue;
    const WnEntTok *t = &toks[i];
    if (!(t->gaz_begin & WN_GAZ_REGION) || !(t->flags & WN_ENT_TOK_PERIOD_END) || !is_cap(t) ||
        t->end - t->start > 6 || (t->flags & WN_ENT_TOK_SENT_START) ||
        !tok_is(doc, &toks[i - 1], ",") || !is_cap(&toks[i - 2]))
      continue;
    /* "Jackson, Miss., police" but not "said, Miss. Jones". */
    if ((t->gaz_inside & WN_GAZ_TITLE) && i + 1 < n && is_cap(&toks[i + 1]) &&
        !(toks[i + 1].flags & WN_ENT_TOK_SENT_START))
      continue;
    claim(doc, spans, owner, i, i + 1, "LOC", 0.85);
  }
}

/* "The Federal Reserve" -> "Federal Reserve" at the start of a sentence: the
 * article is not part of the name ("The Hague" keeps it). */
static void
news_strip_articles(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0; k < spans->len; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (!is_model_label(s->label) || strcmp(s->label, "PERSON") == 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    /* Only where the capital comes from the position (sentence start, after a
     * dateline's dash or a quote): "from The Mozilla Foundation" is written
     * as the name is. */
    gboolean positional =
        (toks[first].flags & WN_ENT_TOK_SENT_START) ||
        (first > 0 &&
         (tok_in(doc, &toks[first - 1], dashes) ||
          tok_in(doc, &toks[first - 1], (const char *const[]){"\"", "\xe2\x80\x9c", "(", NULL})));
    if (last - first < 2 || !positional ||
        !tok_in(doc, &toks[first], (const char *const[]){"The", "A", "An", NULL}) ||
        !is_cap(&toks[first + 1]) || tok_is(doc, &toks[first + 1], "Hague"))
      continue;
    s->start = toks[first + 1].start;
    owner[first] = -1;
  }
}

/* The capitalised run ending at token `i` (inclusive) going left, not past
 * `floor`, stopping before "The"/"A" and titles; grown to the start of a
 * span it enters. */
/* "Jersey-based", "State-owned", "Kremlin-backed": a capitalised word joined
 * by a hyphen to a lower-case one describes the name after it and is no
 * part of it ("the New Jersey-based Ostara Pharmaceuticals"). */
static gboolean
is_compound_modifier(const WnEntDoc *doc, const WnEntTok *t)
{
  const char *s = doc->text + t->start;
  const char *hyphen = memrchr(s, '-', t->end - t->start);
  return hyphen != NULL && hyphen + 1 < doc->text + t->end && g_ascii_islower(hyphen[1]);
}

static guint
cap_run_left(const WnEntDoc *doc, const GArray *spans, const gint *owner, guint floor, guint i)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint a = i + 1;
  while (a > floor && i + 1 - a < 6 && is_cap(&toks[a - 1]) &&
         !tok_in(doc, &toks[a - 1], (const char *const[]){"The", "A", "An", NULL}) &&
         !(toks[a - 1].gaz_inside & WN_GAZ_TITLE) && !is_compound_modifier(doc, &toks[a - 1]))
    a--;
  if (a <= i && owner[a] >= 0) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[a]);
    guint sf, sl;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &sf, &sl);
    a = MAX(MIN(a, sf), floor);
  }
  return a;
}

/* The capitalised run starting at token `i` going right, before `ceil`, grown
 * to the end of a span it enters. Returns one past its last token. */
static guint
cap_run_right(const WnEntDoc *doc, const GArray *spans, const gint *owner, guint ceil, guint i)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint e = i;
  while (e < ceil && e - i < 6 && is_cap(&toks[e]))
    e++;
  if (e > i && owner[e - 1] >= 0) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[e - 1]);
    guint sf, sl;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &sf, &sl);
    e = MIN(MAX(e, sl), ceil);
  }
  return e;
}

/* Sentence bounds of every token. */
static void
sentence_of(const WnEntDoc *doc, guint *sfirst, guint *slast)
{
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    for (guint i = se[0]; i < se[1]; i++) {
      sfirst[i] = se[0];
      slast[i] = se[1];
    }
  }
}

/* "JPMorgan Chase & Co.", "Florida Power & Light", "New Jersey Business &
 * Industry Association": capitalised words on both sides of "&" are one
 * organisation. */
static void
news_ampersands(const WnEntDoc *doc, GArray *spans, gint *owner, const guint *cand, guint n_cand,
                const guint *sfirst, const guint *slast)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < 1 || i + 1 >= n)
      continue;
    if (!tok_is(doc, &toks[i], "&") || sfirst[i] == i || slast[i] == i + 1 ||
        !is_cap(&toks[i - 1]) || !is_cap(&toks[i + 1]) || toks[i - 1].end - toks[i - 1].start < 2 ||
        toks[i + 1].end - toks[i + 1].start < 2)
      continue; /* "D & D" is a game */
    guint a = cap_run_left(doc, spans, owner, sfirst[i], i - 1);
    guint e = cap_run_right(doc, spans, owner, slast[i], i + 1);
    /* Some name must be there already: capitalised headings ("Plumbing Air
     * Conditioning & Electric Problems") are not organisations. */
    gboolean named = FALSE;
    for (guint t = a; t < e; t++)
      named = named || owner[t] >= 0 || (toks[t].gaz_inside & (WN_GAZ_ORGWORD | WN_GAZ_COMPANY));
    if (a < i && e > i + 1 && named)
      claim(doc, spans, owner, a, e, "ORG", 0.8);
  }
}

/* "[Riverside County]LOC Fire [Department]ORG": capitalised words right
 * before an organisation that ends in an organisation word are its name. */
static void
news_org_prefix(const WnEntDoc *doc, GArray *spans, gint *owner, const guint *sfirst)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, s, "ORG", &first, &last))
      continue;
    if (first == 0 || sfirst[first] == first || !(toks[last - 1].gaz_inside & WN_GAZ_ORGWORD) ||
        !is_cap(&toks[first - 1]) || (toks[first - 1].gaz_inside & WN_GAZ_TITLE))
      continue;
    guint a = cap_run_left(doc, spans, owner, sfirst[first], first - 1);
    /* Nothing to add ("The Department"), or a sentence-initial word alone
     * ("Officials Department ..."). */
    if (a >= first || (a == sfirst[first] && owner[a] < 0 && first - a == 1))
      continue;
    claim(doc, spans, owner, a, last, "ORG", s->score);
  }
}

/* "the House voted", "Senate Majority Leader Carla Menendez", "Treasury
 * Secretary Scott Bessent", "the Kremlin said": institutions named by one
 * word are organisations, also right before a title; not inside a longer
 * name ("White House", "Senate Armed Services Committee"). */
static void
news_institutions(const WnEntDoc *doc, GArray *spans, gint *owner, const guint *cand, guint n_cand,
                  const guint *sfirst, const guint *slast)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (!is_cap(&toks[i]) || !word_set_has(doc, &institution_set, &toks[i]))
      continue;
    if (i > sfirst[i] && is_cap(&toks[i - 1]) && !tok_is(doc, &toks[i - 1], "The"))
      continue;
    if (i + 1 < slast[i] && is_cap(&toks[i + 1]) && !(toks[i + 1].gaz_inside & WN_GAZ_TITLE))
      continue;
    if (owner[i] >= 0 && strcmp(g_array_index(spans, WnEntSpan, owner[i]).label, "ORG") == 0)
      continue;
    claim(doc, spans, owner, i, i + 1, "ORG", 0.75);
  }
}

/* Whether token t is an ordinal written in digits: "9th", "11th", "82nd". */
static gboolean
is_ordinal(const WnEntDoc *doc, const WnEntTok *t)
{
  const char *p = doc->text + t->start;
  gsize len = t->end - t->start, d = 0;
  while (d < len && g_ascii_isdigit(p[d]))
    d++;
  return d > 0 && d <= 3 && len - d == 2 &&
         (g_ascii_strncasecmp(p + d, "st", 2) == 0 || g_ascii_strncasecmp(p + d, "nd", 2) == 0 ||
          g_ascii_strncasecmp(p + d, "rd", 2) == 0 || g_ascii_strncasecmp(p + d, "th", 2) == 0);
}

/* "the 11th U.S. Circuit Court of Appeals", "the 82nd Airborne Division": an
 * ordinal right before an organisation is part of its name; "the Boulder
 * County Sheriff's Office", "the U.S. Attorney's Office": an office named
 * after its holder is one organisation. */
static void
news_org_parts(const WnEntDoc *doc, GArray *spans, gint *owner, const guint *cand, guint n_cand,
               const guint *sfirst)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, s, "ORG", &first, &last))
      continue;
    if (first > sfirst[first] && owner[first - 1] < 0 && is_ordinal(doc, &toks[first - 1]))
      claim(doc, spans, owner, first - 1, last, "ORG", s->score);
  }
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < 2)
      continue;
    if (!is_cap(&toks[i]) || toks[i - 1].end - toks[i - 1].start < 2 ||
        !word_set_has(doc, &office_set, &toks[i]) ||
        !tok_in(doc, &toks[i - 1], (const char *const[]){"'s", "\xe2\x80\x99s", NULL}) ||
        !is_cap(&toks[i - 2]) || !(toks[i - 2].gaz_inside & WN_GAZ_TITLE) || sfirst[i] > i - 2)
      continue;
    guint a = i - 2;
    if (a > sfirst[i] && is_cap(&toks[a - 1]) && !(toks[a - 1].gaz_inside & WN_GAZ_TITLE))
      a = cap_run_left(doc, spans, owner, sfirst[i], a - 1);
    claim(doc, spans, owner, a, i + 1, "ORG", 0.8);
  }
}

/* "LONDON (AP) — [Bukayo Saka]LOC scored": a name the model took for a place
 * or a body whose last word is a person's surname elsewhere in the document
 * ("Saka said", "[Mikel Saka]PERSON") is that person. */
static void
news_person_by_surname(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  /* surname hash -> first-word hash of a PERSON span ending in it: "[River
   * Garden]PERSON" once is no evidence for "[River Garden]LOC" elsewhere. */
  g_autoptr(GHashTable) surnames = g_hash_table_new(g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new(FALSE, FALSE, 2 * sizeof(gint64));
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end > s->start && strcmp(s->label, "PERSON") == 0) {
      guint first, last;
      wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
      gint64 pair[2] = {(gint64)toks[last - 1].hexact, (gint64)toks[first].hexact};
      g_array_append_vals(keys, pair, 1);
    }
  }
  if (keys->len == 0)
    return;
  for (guint k = 0; k < keys->len; k++) {
    gint64 *pair = &((gint64 *)keys->data)[2 * k];
    g_hash_table_insert(surnames, &pair[0], &pair[1]);
  }
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end <= s->start || s->source != WN_ENT_SRC_MODEL ||
        (strcmp(s->label, "LOC") != 0 && strcmp(s->label, "ORG") != 0))
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    if (last - first < 2 || last - first > 3)
      continue;
    gboolean plain = TRUE;
    for (guint t = first; t < last && plain; t++)
      plain = is_cap(&toks[t]) && !(toks[t].flags & WN_ENT_TOK_ALLCAPS) &&
              !(toks[t].gaz_inside & (WN_GAZ_ORGWORD | WN_GAZ_CITY | WN_GAZ_REGION |
                                      WN_GAZ_COUNTRY | WN_GAZ_NORP | WN_GAZ_COMPANY));
    gint64 key = (gint64)toks[last - 1].hexact;
    const gint64 *other_first = plain ? g_hash_table_lookup(surnames, &key) : NULL;
    if (other_first != NULL && *other_first != (gint64)toks[first].hexact)
      claim(doc, spans, owner, first, last, "PERSON", s->score);
  }
}

/* Whether the sentence [a, b) is written in title case, like a headline on a
 * news page ("Carter Convenes Counter-ISIL Coalition Meeting at Andrews"):
 * three or more words of four letters or more, every one capitalised. */
static gboolean
title_case_sentence(const WnEntTok *toks, guint a, guint b)
{
  guint n_long = 0;
  for (guint i = a; i < b; i++) {
    const WnEntTok *t = &toks[i];
    if (t->end - t->start < 4 || (t->flags & (WN_ENT_TOK_DIGIT | WN_ENT_TOK_HEADLINE)) ||
        !(t->flags & WN_ENT_TOK_ALNUM))
      continue;
    if (!(t->flags & WN_ENT_TOK_CAP))
      return FALSE;
    n_long++;
  }
  return n_long >= 3;
}

/* In a title-case headline every word is capitalised, so the model runs a
 * name on into the verb ("[Carter Convenes]PERSON", "[Tighe Takes
 * Charge]PERSON"): the name ends before an unlisted word in -s that is no
 * surname of a full name elsewhere in the document. */
static void
news_title_case_names(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n_sents = doc->sents->len;
  g_autofree guint8 *titled = g_new0(guint8, n_sents);
  gboolean any = FALSE;
  for (guint s = 0; s < n_sents; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    titled[s] = title_case_sentence(toks, se[0], se[1]);
    any = any || titled[s];
  }
  if (!any)
    return;
  /* Span index -> sentence, for the spans below (spans are sorted). */
  g_autoptr(GHashTable) surnames = g_hash_table_new(g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new(FALSE, FALSE, sizeof(gint64));
  g_autofree guint *span_sent = g_new0(guint, spans->len + 1);
  guint s = 0;
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *sp = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    wn_ent_doc_span_tokens(doc, sp->start, sp->end, &first, &last);
    while (s + 1 < n_sents && g_array_index(doc->sents, guint, s * 2 + 1) <= first)
      s++;
    span_sent[k] = s;
    if (!titled[s] && sp->end > sp->start && strcmp(sp->label, "PERSON") == 0 &&
        last - first >= 2) {
      gint64 key = (gint64)toks[last - 1].hexact;
      g_array_append_val(keys, key);
    }
  }
  for (guint k = 0; k < keys->len; k++)
    g_hash_table_add(surnames, &g_array_index(keys, gint64, k));
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    WnEntSpan *sp = &g_array_index(spans, WnEntSpan, k);
    if (!titled[span_sent[k]] || sp->end <= sp->start || sp->source == WN_ENT_SRC_GAZ ||
        strcmp(sp->label, "PERSON") != 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, sp->start, sp->end, &first, &last);
    /* The verb: an unlisted word in -s ("Convenes", "Takes", "Unveils"); a
     * rare surname ("Tellechea") is not cut. */
    guint end = last;
    for (guint t = first + 1; t < last && end == last; t++) {
      gint64 key = (gint64)toks[t].hexact;
      gsize len = toks[t].end - toks[t].start;
      if (len >= 4 && doc->text[toks[t].end - 1] == 's' && doc->text[toks[t].end - 2] != 's' &&
          !(toks[t].gaz_inside & (WN_GAZ_FIRST | WN_GAZ_LAST | WN_GAZ_CITY | WN_GAZ_REGION |
                                  WN_GAZ_COUNTRY | WN_GAZ_COMPANY)) &&
          !g_hash_table_contains(surnames, &key))
        end = t;
    }
    if (end > first && end < last) {
      gint64 key = (gint64)toks[first].hexact;
      if (end - first == 1 && !(toks[first].gaz_inside & (WN_GAZ_FIRST | WN_GAZ_LAST)) &&
          !g_hash_table_contains(surnames, &key)) {
        /* "[Ostara Bets]PERSON ...": one word left that is no listed name
         * and no surname seen in full: the headline says nothing of what it
         * is, so it goes, and the story's other mentions decide. */
        sp->end = sp->start;
        for (guint t = first; t < last; t++)
          owner[t] = -1;
        continue;
      }
      sp->end = toks[end - 1].end;
      for (guint t = end; t < last; t++)
        owner[t] = -1;
    }
  }
}

/* "[People's Bank]ORG of [China]LOC" is one organisation: an organisation
 * ending in an organisation word, "of", then a named place or body. */
static void
news_org_of(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, s, "ORG", &first, &last))
      continue;
    if (last + 1 >= n || !(toks[last - 1].gaz_inside & WN_GAZ_ORGWORD) ||
        !tok_is(doc, &toks[last], "of") || owner[last + 1] < 0)
      continue;
    const WnEntSpan *o = &g_array_index(spans, WnEntSpan, owner[last + 1]);
    guint of, ol;
    wn_ent_doc_span_tokens(doc, o->start, o->end, &of, &ol);
    if (of != last + 1 || !is_model_label(o->label) || strcmp(o->label, "PERSON") == 0)
      continue;
    claim(doc, spans, owner, first, ol, "ORG", s->score);
  }
}

/* "Allegheny Avenue", "Kenyatta Avenue", "Highway 111": streets are places. */
static void
news_streets(const WnEntDoc *doc, GArray *spans, gint *owner, const guint *cand, guint n_cand,
             const guint *sfirst)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < 1)
      continue;
    if (!is_cap(&toks[i]) || !word_set_has(doc, &street_set, &toks[i]))
      continue;
    if (tok_is(doc, &toks[i], "Highway") && i + 1 < n && (toks[i + 1].flags & WN_ENT_TOK_DIGIT) &&
        !(toks[i + 1].flags & WN_ENT_TOK_SENT_START)) {
      claim(doc, spans, owner, i, i + 2, "LOC", 0.8);
      continue;
    }
    if (i + 1 < n && is_cap(&toks[i + 1]) && !(toks[i + 1].flags & WN_ENT_TOK_SENT_START))
      continue; /* "Wall Street Journal": the street names something else */
    if (sfirst[i] == i || !is_cap(&toks[i - 1]) || toks[i - 1].end - toks[i - 1].start < 3)
      continue; /* "R Square" is a statistic */
    guint a = cap_run_left(doc, spans, owner, sfirst[i], i - 1);
    if (a < i)
      claim(doc, spans, owner, a, i + 1, "LOC", 0.8);
  }
}

/* Listed multi-word organisations (sports teams, news organisations: COMPANY
 * phrases of two or more words in rules.tsv) are organisations wherever they
 * appear written as names: "Dallas Cowboys", "Associated Press". */
static void
news_listed_orgs(const WnEntDoc *doc, GArray *spans, gint *owner, const guint *cand, guint n_cand,
                 const guint *slast)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (!(toks[i].gaz_begin & WN_GAZ_COMPANY) || !is_cap(&toks[i]))
      continue;
    /* The marks do not say where a phrase ends, and a listed one-word company
     * inside ("York") starts a phrase of its own: take the run of marked
     * words, and only when some word in it continues a phrase. */
    guint j = i + 1;
    gboolean joined = FALSE;
    while (j < slast[i] && (toks[j].gaz_inside & WN_GAZ_COMPANY) && is_cap(&toks[j])) {
      joined = joined || !(toks[j].gaz_begin & WN_GAZ_COMPANY);
      j++;
    }
    if (j - i < 2 || !joined || (j < slast[i] && is_cap(&toks[j])))
      continue; /* one word, or part of a longer name */
    claim(doc, spans, owner, i, j, "ORG", 0.85);
  }
}

/* Words that end a company's name and nothing else's. */
static const char *const company_suffixes[] = {
    "Inc.",         "Inc",          "Corp.",    "Corp",        "Co.",
    "Ltd.",         "Ltd",          "LLC",      "PLC",         "plc",
    "GmbH",         "Group",        "Holdings", "Brands",      "Foods",
    "Industries",   "Airlines",     "Airways",  "Motors",      "Pharmaceuticals",
    "Therapeutics", "Technologies", "Bancorp",  "Enterprises", NULL};

/* "Republican Burt Jones": a group word before a first name is no part of the
 * person's name; "Owner Hector Villanueva", "Rival Walmart Inc.": a word that
 * starts the sentence and is on no list, before a first name or a listed
 * company, is no part of it either. */
static void
news_name_openers(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end <= s->start || s->source != WN_ENT_SRC_MODEL ||
        (strcmp(s->label, "PERSON") != 0 && strcmp(s->label, "ORG") != 0))
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    if (last - first < 2)
      continue;
    const WnEntTok *a = &toks[first], *b = &toks[first + 1];
    gboolean person_next = (b->gaz_inside & WN_GAZ_FIRST) && is_cap(b) && last - first >= 3;
    if ((a->gaz_begin & WN_GAZ_NORP) && !(toks[first + 1].gaz_inside & WN_GAZ_NORP) &&
        person_next) {
      s->start = b->start;
      s->label = "PERSON";
      WnEntSpan norp = {a->start, a->end, "NORP", 0.7, WN_ENT_SRC_RULE};
      g_array_append_val(spans, norp);
      owner[first] = (gint)spans->len - 1;
      continue;
    }
    /* "Ostara Pharmaceuticals": a suffix is no company of its own, the word
     * before it is the name. */
    gboolean company_next = (b->gaz_begin & WN_GAZ_COMPANY) && strcmp(s->label, "ORG") == 0 &&
                            !tok_in(doc, b, company_suffixes);
    if ((a->flags & WN_ENT_TOK_SENT_START) && a->gaz_inside == 0 &&
        ((person_next && strcmp(s->label, "PERSON") == 0) || company_next)) {
      s->start = b->start;
      owner[first] = -1;
    }
  }
}

/* Newspaper names: "Financial Times" does not make "Financial" a name. */
static const char *const newspaper_words[] = {"Times",   "Post",  "Journal", "News", "Herald",
                                              "Tribune", "Press", "Gazette", NULL};

/* "[Dunmore Brands]LOC" is a company; "[Amazon.com Inc. Target]ORG", where the
 * sentence splitter kept going after "Inc.", is two names. */
static void
news_company_names(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end <= s->start || !is_model_label(s->label))
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    if (last - first >= 2 && strcmp(s->label, "ORG") != 0 &&
        tok_in(doc, &toks[last - 1], company_suffixes)) {
      s->label = "ORG";
      continue;
    }
    /* "[Eli Lilly]PERSON and Co." */
    if (last + 1 < doc->toks->len &&
        tok_in(doc, &toks[last], (const char *const[]){"and", "&", NULL}) &&
        tok_in(doc, &toks[last + 1], (const char *const[]){"Co.", "Company", "Sons", NULL}) &&
        owner[last] < 0 && owner[last + 1] < 0) {
      s->end = toks[last + 1].end;
      s->label = "ORG";
      owner[last] = owner[last + 1] = (gint)k;
      continue;
    }
    for (guint i = first + 1; i + 1 < last; i++)
      if ((toks[i].flags & WN_ENT_TOK_PERIOD_END) && tok_in(doc, &toks[i], company_suffixes) &&
          is_cap(&toks[i + 1])) {
        WnEntSpan rest = {toks[i + 1].start, s->end, s->label, s->score, s->source};
        s->end = toks[i].end;
        g_array_append_val(spans, rest);
        for (guint t = i + 1; t < last; t++)
          owner[t] = (gint)spans->len - 1;
        break;
      }
  }
}

/* "Martin Luther King Jr.", "D.F. Pace": a generational suffix after a
 * person's name, and initials before it, belong to the name. */
static void
news_name_parts(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, s, "PERSON", &first, &last))
      continue;
    guint a = first, e = last;
    if (!tok_in(doc, &toks[last - 1], name_suffixes) && e < n &&
        tok_in(doc, &toks[e], name_suffixes) && !(toks[e].flags & WN_ENT_TOK_SENT_START))
      e++;
    const WnEntTok *p = a > 0 ? &toks[a - 1] : NULL;
    if (p != NULL && !(toks[a].flags & WN_ENT_TOK_SENT_START) &&
        !(p->flags & WN_ENT_TOK_SENT_START) && !tok_is(doc, p, "P.S.") &&
        (p->flags & WN_ENT_TOK_ALLCAPS) && (p->flags & WN_ENT_TOK_PERIOD_END) &&
        p->end - p->start <= 6 && !(p->gaz_inside & (WN_GAZ_REGION | WN_GAZ_COUNTRY)))
      a--;
    if (a < first || e > last)
      claim(doc, spans, owner, a, e, "PERSON", s->score);
  }
}

/* A list member starting at token j: a span starting there, or a free run of
 * up to three capitalised words. Writes one past its end into *e. */
static gboolean
list_member(const WnEntDoc *doc, const GArray *spans, const gint *owner, const guint *slast,
            guint j, guint *e)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  if (j >= doc->toks->len)
    return FALSE;
  if (owner[j] >= 0) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[j]);
    guint sf;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &sf, e);
    return sf == j;
  }
  if (!is_cap(&toks[j]) || (toks[j].flags & WN_ENT_TOK_SENT_START))
    return FALSE;
  guint k = j;
  while (k < slast[j] && k - j < 3 && is_cap(&toks[k]) && owner[k] < 0)
    k++;
  *e = k;
  return TRUE;
}

/* "Rancho Mirage, Palm Springs and Cathedral City": in a list of three or
 * more names joined by commas and a final "and"/"or", where places outnumber
 * the rest and no organisation is listed, the person-looking and unlabelled
 * members are places too. */
static void
news_place_lists(const WnEntDoc *doc, GArray *spans, gint *owner, const guint *cand, guint n_cand,
                 const guint *slast)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint next = 0; /* lists do not overlap */
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < next || (owner[i] < 0 && !is_cap(&toks[i])))
      continue;
    guint mf[8], ml[8], m = 0, j = i, e = 0;
    gboolean closed = FALSE;
    while (m < G_N_ELEMENTS(mf) && list_member(doc, spans, owner, slast, j, &e)) {
      mf[m] = j;
      ml[m++] = e;
      guint k = e;
      if (k < slast[j] && tok_is(doc, &toks[k], ","))
        k++;
      gboolean final = FALSE;
      if (k < slast[j] && tok_in(doc, &toks[k], (const char *const[]){"and", "or", NULL})) {
        k++;
        final = TRUE;
      }
      if (k == e || k >= slast[j])
        break;
      if (final) {
        if (m < G_N_ELEMENTS(mf) && list_member(doc, spans, owner, slast, k, &e)) {
          mf[m] = k;
          ml[m++] = e;
          closed = TRUE;
        }
        break;
      }
      j = k;
    }
    if (closed && m >= 3) {
      guint n_loc = 0, n_org = 0, n_other = 0;
      for (guint k = 0; k < m; k++) {
        const char *l =
            owner[mf[k]] >= 0 ? g_array_index(spans, WnEntSpan, owner[mf[k]]).label : NULL;
        if (l != NULL && strcmp(l, "LOC") == 0)
          n_loc++;
        else if (l != NULL && strcmp(l, "ORG") == 0)
          n_org++;
        else
          n_other++;
      }
      if (n_loc >= 2 && n_loc > n_other && n_org == 0)
        for (guint k = 0; k < m; k++)
          claim(doc, spans, owner, mf[k], ml[k], "LOC", 0.7);
    }
    next = m > 0 ? MAX(ml[m - 1], i + 1) : i + 1;
  }
}

/* Each rule looks only at the spans there were when it started (spans it adds
 * are not looked at again), so each is one pass, whatever the text. */
static void
news_rules(const WnEntDoc *doc, GArray *spans, gint *owner)
{
  guint n = doc->toks->len;
  init_word_sets();
  /* The token-triggered rules start only at capitalised words and "&": one
   * pass finds them, so each rule looks at a fraction of the tokens. */
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  g_autofree guint *cand = g_new(guint, n);
  guint n_cand = 0;
  for (guint i = 0; i < n; i++)
    if (is_cap(&toks[i]) || doc->text[toks[i].start] == '&')
      cand[n_cand++] = i;
  g_autofree guint *sfirst = g_new0(guint, n);
  g_autofree guint *slast = g_new0(guint, n);
  sentence_of(doc, sfirst, slast);
  news_datelines(doc, spans, owner);
  compact(doc, spans, owner);
  news_state_abbreviations(doc, spans, owner, cand, n_cand);
  compact(doc, spans, owner);
  news_strip_articles(doc, spans, owner);
  news_listed_orgs(doc, spans, owner, cand, n_cand, slast);
  compact(doc, spans, owner);
  news_name_openers(doc, spans, owner);
  compact(doc, spans, owner);
  news_company_names(doc, spans, owner);
  compact(doc, spans, owner);
  news_ampersands(doc, spans, owner, cand, n_cand, sfirst, slast);
  compact(doc, spans, owner);
  news_org_of(doc, spans, owner);
  compact(doc, spans, owner);
  news_org_prefix(doc, spans, owner, sfirst);
  compact(doc, spans, owner);
  news_org_parts(doc, spans, owner, cand, n_cand, sfirst);
  compact(doc, spans, owner);
  news_institutions(doc, spans, owner, cand, n_cand, sfirst, slast);
  compact(doc, spans, owner);
  news_streets(doc, spans, owner, cand, n_cand, sfirst);
  compact(doc, spans, owner);
  news_name_parts(doc, spans, owner);
  compact(doc, spans, owner);
  news_place_lists(doc, spans, owner, cand, n_cand, slast);
  compact(doc, spans, owner);
  news_person_by_surname(doc, spans, owner);
  compact(doc, spans, owner);
  news_title_case_names(doc, spans, owner);
  compact(doc, spans, owner);
}

void
wn_ent_consistency(const WnEntDoc *doc, GArray *spans)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  if (n == 0)
    return;
  g_autofree gint *owner = g_new(gint, n);
  index_spans(doc, spans, owner);
  news_rules(doc, spans, owner);

  /* token hash -> label to give lone uses; from full PERSON names, company
   * names and acronyms. */
  g_autoptr(GHashTable) lone = g_hash_table_new(g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) key_store = g_ptr_array_new_with_free_func(g_free);
  /* Keys of company heads that are also town names. */
  g_autoptr(GHashTable) townish = g_hash_table_new(g_int64_hash, g_int64_equal);

  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (strcmp(s->label, "PERSON") != 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    if (last - first < 2)
      continue;
    const WnEntTok *sur = &toks[last - 1];
    if (!(sur->flags & WN_ENT_TOK_CAP) || sur->end - sur->start < 2)
      continue;
    gint64 *key = g_new(gint64, 1);
    *key = (gint64)sur->hexact;
    g_ptr_array_add(key_store, key);
    g_hash_table_insert(lone, key, (gpointer) "PERSON");
  }

  /* Names the model cut in two: "[Meridian]LOC [Pharmaceuticals]ORG" becomes
   * one ORG, and a company word right after a name joins it ("Acme Corp."). */
  for (guint k = 0; k + 1 <= spans->len; k++) {
    WnEntSpan *a = &g_array_index(spans, WnEntSpan, k);
    if (!is_model_label(a->label) || a->end <= a->start)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, a->start, a->end, &first, &last);
    if (last >= n || !(toks[last].flags & WN_ENT_TOK_CAP) || toks[last].start != a->end + 1 ||
        doc->text[a->end] != ' ')
      continue;
    /* "Amazon.com Inc. Target has": a company suffix closes a name. */
    if (tok_in(doc, &toks[last - 1], company_suffixes))
      continue;
    WnEntSpan *b = k + 1 < spans->len ? &g_array_index(spans, WnEntSpan, k + 1) : NULL;
    if (b != NULL && b->start == toks[last].start && strcmp(b->label, "ORG") == 0 &&
        is_model_label(a->label)) {
      a->end = b->end;
      a->label = "ORG";
      a->score = MIN(a->score, b->score);
      guint bf, bl;
      wn_ent_doc_span_tokens(doc, b->start, b->end, &bf, &bl);
      for (guint t = bf; t < bl; t++)
        owner[t] = (gint)k;
      b->end = b->start; /* emptied, dropped below */
    } else if (owner[last] < 0 && (toks[last].gaz_inside & WN_GAZ_ORGWORD) &&
               strcmp(a->label, "PERSON") != 0) {
      a->end = toks[last].end;
      a->label = "ORG";
      owner[last] = (gint)k;
    }
  }

  /* "Ostara Pharmaceuticals" makes a later lone "Ostara" the company. */
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, s, "ORG", &first, &last))
      continue;
    if (last - first < 2)
      continue;
    /* "Dallas Cowboys", "Denver Nuggets": a team or company named after its
     * place; the word after the place is its short name. */
    gboolean placed = (toks[first].gaz_begin & (WN_GAZ_CITY | WN_GAZ_REGION)) != 0;
    for (guint t = first; t + 1 < last && placed; t++)
      placed = (toks[t].gaz_inside & (WN_GAZ_CITY | WN_GAZ_REGION)) != 0;
    /* A listed team or paper counts too ("Dallas" is on no city list: the
     * lists leave out towns named like people). */
    gboolean listed = (toks[first].gaz_begin & WN_GAZ_COMPANY) != 0;
    for (guint t = first + 1; t < last && listed; t++)
      listed = (toks[t].gaz_inside & WN_GAZ_COMPANY) != 0;
    placed = placed || listed;
    const WnEntTok *tail = &toks[last - 1];
    /* ("Washington Post" -> "the Post" too, but not "Boston University" ->
     * "University".) */
    guint32 tail_excluded =
        WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY | WN_GAZ_TITLE | WN_GAZ_NORP;
    if (!tok_in(doc, tail, newspaper_words))
      tail_excluded |= WN_GAZ_ORGWORD;
    if (placed && is_cap(tail) && !(tail->flags & WN_ENT_TOK_ALLCAPS) &&
        tail->end - tail->start >= 4 && !(tail->gaz_inside & tail_excluded)) {
      gint64 *key = g_new(gint64, 1);
      *key = (gint64)tail->hexact;
      if (g_hash_table_contains(lone, key)) {
        g_free(key);
      } else {
        g_ptr_array_add(key_store, key);
        g_hash_table_insert(lone, key, (gpointer) "ORG");
      }
    }
    if (!(toks[last - 1].gaz_inside & WN_GAZ_ORGWORD) ||
        tok_in(doc, &toks[last - 1], newspaper_words))
      continue;
    const WnEntTok *head = &toks[first];
    /* A head that is also a town ("Brightwater Foods Inc.") counts only when
     * a company word ends the name, and not after "in" or "near" below. */
    guint32 excluded = WN_GAZ_ORGWORD | WN_GAZ_TITLE | WN_GAZ_COUNTRY | WN_GAZ_REGION | WN_GAZ_NORP;
    gboolean company = tok_in(doc, &toks[last - 1], company_suffixes);
    if (!company)
      excluded |= WN_GAZ_CITY;
    if (!(head->flags & WN_ENT_TOK_CAP) || head->end - head->start < 3 ||
        (head->gaz_inside & excluded))
      continue;
    gint64 *key = g_new(gint64, 1);
    *key = (gint64)head->hexact;
    if (g_hash_table_contains(lone, key)) {
      g_free(key);
      continue;
    }
    g_ptr_array_add(key_store, key);
    g_hash_table_insert(lone, key, (gpointer) "ORG");
    if (head->gaz_inside & WN_GAZ_CITY)
      g_hash_table_add(townish, key);
  }

  /* "National Security Agency (NSA)": the tokens before "(" back to the start
   * of a capitalised run (or of the span there) whose initials spell it. */
  for (guint i = 2; i + 1 < n; i++) {
    const WnEntTok *acr = &toks[i];
    gsize alen = acr->end - acr->start;
    if (!(acr->flags & WN_ENT_TOK_ALLCAPS) || alen < 2 || alen > 8 ||
        doc->text[toks[i - 1].start] != '(' || doc->text[toks[i + 1].start] != ')')
      continue;
    guint b = i - 1;
    for (guint a = b; a > 0 && b - a < 12;) {
      a--;
      if (!(toks[a].flags & WN_ENT_TOK_CAP) && !is_joiner(doc, &toks[a]))
        break;
      if (!(toks[a].flags & WN_ENT_TOK_CAP))
        continue;
      if (!initials_match(doc, a, b, acr))
        continue;
      const char *label = "ORG";
      if (owner[a] >= 0 && owner[a] == owner[b - 1]) {
        const char *l = g_array_index(spans, WnEntSpan, owner[a]).label;
        if (is_model_label(l))
          label = l;
      } else {
        /* The long name is unlabelled or split: it becomes one ORG span. */
        gboolean clear = TRUE;
        for (guint t = a; t < b; t++)
          if (owner[t] >= 0 && !is_model_label(g_array_index(spans, WnEntSpan, owner[t]).label))
            clear = FALSE;
        if (clear) {
          for (guint t = a; t < b; t++)
            if (owner[t] >= 0) {
              /* Drop the pieces: mark them empty, removed below. */
              WnEntSpan *piece = &g_array_index(spans, WnEntSpan, owner[t]);
              piece->end = piece->start;
            }
          WnEntSpan s = {toks[a].start, toks[b - 1].end, "ORG", 0.8, WN_ENT_SRC_RULE};
          g_array_append_val(spans, s);
        }
      }
      gint64 *key = g_new(gint64, 1);
      *key = (gint64)acr->hexact;
      g_ptr_array_add(key_store, key);
      g_hash_table_insert(lone, key, (gpointer)label);
      break;
    }
  }
  /* Drop emptied pieces and re-index. */
  guint kept = 0;
  for (guint k = 0; k < spans->len; k++)
    if (g_array_index(spans, WnEntSpan, k).end > g_array_index(spans, WnEntSpan, k).start)
      g_array_index(spans, WnEntSpan, kept++) = g_array_index(spans, WnEntSpan, k);
  g_array_set_size(spans, kept);
  g_array_sort(spans, cmp_spans);
  index_spans(doc, spans, owner);

  /* Lone uses: a free capitalised token, or a one-token span of another model
   * label, takes the label learnt above. */
  if (g_hash_table_size(lone) > 0) {
    for (guint i = 0; i < n; i++) {
      if (!(toks[i].flags & WN_ENT_TOK_CAP))
        continue;
      gint64 key = (gint64)toks[i].hexact;
      const char *label = g_hash_table_lookup(lone, &key);
      if (label == NULL)
        continue;
      if (i > 0 && g_hash_table_contains(townish, &key) &&
          tok_in(doc, &toks[i - 1],
                 (const char *const[]){"in", "at", "from", "near", "to", "outside", "In", NULL}))
        continue; /* "in Brightwater" is the town */
      if (owner[i] < 0) {
        /* A free word at a sentence start may be capitalised by position
         * ("Financial markets fell" after "Financial Times"); a surname is
         * not. */
        if ((toks[i].flags & WN_ENT_TOK_SENT_START) && strcmp(label, "PERSON") != 0)
          continue;
        /* Not when it continues a capitalised name ("Obama Administration" is
         * left to the model) or follows one. */
        gboolean glued = (i + 1 < n && (toks[i + 1].flags & WN_ENT_TOK_CAP) &&
                          !(toks[i + 1].flags & WN_ENT_TOK_SENT_START)) ||
                         (i > 0 && (toks[i - 1].flags & WN_ENT_TOK_CAP) &&
                          !(toks[i].flags & WN_ENT_TOK_SENT_START) &&
                          !(toks[i - 1].flags & WN_ENT_TOK_SENT_START) &&
                          !(toks[i - 1].gaz_inside & WN_GAZ_TITLE));
        if (glued)
          continue;
        WnEntSpan s = {toks[i].start, toks[i].end, label, 0.7, WN_ENT_SRC_RULE};
        g_array_append_val(spans, s);
      } else {
        WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[i]);
        if (s->start == toks[i].start && s->end == toks[i].end && is_model_label(s->label)) {
          s->label = label;
          s->source = WN_ENT_SRC_RULE; /* decided here: the vote below leaves it */
        }
      }
    }
    g_array_sort(spans, cmp_spans);
  }

  /* One string, one label: model spans whose exact text got different labels
   * take the most frequent one. Spans the rules above placed (datelines,
   * "in Brightwater" after "Brightwater Foods Inc.") neither vote nor change. */
  g_autoptr(GHashTable) votes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (guint pass = 0; pass < 2; pass++) {
    for (guint k = 0; k < spans->len; k++) {
      WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
      int type = -1;
      for (int t = 0; t < WN_ENT_N_MODEL_TYPES; t++)
        if (strcmp(s->label, wn_ent_model_type_label(t)) == 0)
          type = t;
      if (type < 0 || s->end - s->start > 200 || s->source == WN_ENT_SRC_RULE)
        continue;
      g_autofree char *text = g_strndup(doc->text + s->start, s->end - s->start);
      double *v = g_hash_table_lookup(votes, text);
      if (pass == 0) {
        if (v == NULL) {
          v = g_new0(double, WN_ENT_N_MODEL_TYPES);
          g_hash_table_insert(votes, g_steal_pointer(&text), v);
        }
        v[type] += s->score;
      } else {
        int best = type;
        for (int t = 0; t < WN_ENT_N_MODEL_TYPES; t++)
          if (v[t] > v[best])
            best = t;
        s->label = wn_ent_model_type_label(best);
      }
    }
  }
}
