/* consistency.c: document-level rules applied after the per-sentence tagger:
 * titles leave PERSON spans; a surname seen in a full PERSON name marks its
 * later lone uses; "Long Name (LN)" makes LN an organisation (or whatever the
 * long name is) everywhere; one surface string keeps one label; and the news
 * rules (datelines, state abbreviations, names joined by "&" or "of", streets,
 * institutions, lists of places: see "news rules" below) settle forms of wire
 * copy that the model, trained on web text, gets wrong. */
#include "ent.h"

#include <string.h>

/* What the rules keep up to date as they go: the span covering each token,
 * and a memo of each span's tokens (the rules ask for the tokens of the same
 * spans over and over). An entry holds for as long as its span keeps the
 * bytes it had: the tokens depend on those alone. */
typedef struct {
  gsize start, end;
  guint first, last;
  gboolean used;
} SpanMemo;

typedef struct {
  GArray *spans;
  gint *owner;    /* per token: the index of the span covering it, or -1 */
  SpanMemo *memo; /* per span index, n_memo of them */
  gsize n_memo;
  /* Set where a rule moves, adds or empties a span: compact() has work to
   * look for only then (or when the last look found some). */
  gboolean dirty;
} Index;

static void
index_clear(Index *ix)
{
  g_free(ix->memo);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Index, index_clear)

static void
memo_grow(Index *ix, gsize k)
{
  gsize n = MAX(MAX(2 * ix->n_memo, k + 1), (gsize)ix->spans->len);
  ix->memo = g_renew(SpanMemo, ix->memo, n);
  for (gsize i = ix->n_memo; i < n; i++)
    ix->memo[i].used = FALSE;
  ix->n_memo = n;
}

/* wn_ent_doc_span_tokens() of span `s`, an element of ix->spans, through the
 * memo. */
static inline void
span_range(const WnEntDoc *doc, Index *ix, const WnEntSpan *s, guint *first, guint *last)
{
  gsize k = (gsize)(s - (const WnEntSpan *)ix->spans->data);
  if (G_UNLIKELY(k >= ix->n_memo))
    memo_grow(ix, k);
  SpanMemo *m = &ix->memo[k];
  if (!m->used || m->start != s->start || m->end != s->end) {
    wn_ent_doc_span_tokens(doc, s->start, s->end, &m->first, &m->last);
    m->start = s->start;
    m->end = s->end;
    m->used = TRUE;
  }
  *first = m->first;
  *last = m->last;
}

static gboolean
tok_in(const WnEntDoc *doc, const WnEntTok *t, const char *const *words)
{
  for (guint k = 0; words[k] != NULL; k++)
    if (wn_ent_tok_is(doc, t, words[k]))
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

static inline gboolean
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
/* Words that end a company's name and nothing else's. */
static const char *const company_suffixes[] = {
    "Inc.",         "Inc",          "Corp.",    "Corp",        "Co.",
    "Ltd.",         "Ltd",          "LLC",      "PLC",         "plc",
    "GmbH",         "Group",        "Holdings", "Brands",      "Foods",
    "Industries",   "Airlines",     "Airways",  "Motors",      "Pharmaceuticals",
    "Therapeutics", "Technologies", "Bancorp",  "Enterprises", NULL};
/* Newspaper names: "Financial Times" does not make "Financial" a name. */
static const char *const newspaper_words[] = {"Times",   "Post",  "Journal", "News", "Herald",
                                              "Tribune", "Press", "Gazette", NULL};
/* Generational suffixes that end a person's name. */
static const char *const name_suffixes[] = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV", NULL};
static const char *const dashes[] = {"\xe2\x80\x94", "\xe2\x80\x93", "-", "--", NULL};
static const char *const articles[] = {"The", "A", "An", NULL};
static const char *const and_or[] = {"and", "or", NULL};
static const char *const and_amp[] = {"and", "&", NULL};
static const char *const company_words[] = {"Co.", "Company", "Sons", NULL};
/* Conjunctions a title-case headline capitalises. */
static const char *const headline_conjs[] = {"As", "While", "Amid", "Despite", "Because", NULL};
static WordSet headline_conj_set;
static WordSet institution_set, street_set, office_set, company_set, newspaper_set, name_suffix_set,
    dash_set, article_set, and_or_set, and_amp_set, company_word_set;

static void
init_word_sets(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    word_set_init(&institution_set, institution_words);
    word_set_init(&street_set, street_words);
    word_set_init(&office_set, office_words);
    word_set_init(&company_set, company_suffixes);
    word_set_init(&newspaper_set, newspaper_words);
    word_set_init(&name_suffix_set, name_suffixes);
    word_set_init(&dash_set, dashes);
    word_set_init(&article_set, articles);
    word_set_init(&and_or_set, and_or);
    word_set_init(&and_amp_set, and_amp);
    word_set_init(&company_word_set, company_words);
    word_set_init(&headline_conj_set, headline_conjs);
    g_once_init_leave(&done, 1);
  }
}

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
    if (!wn_ent_label_is(s->label, "PERSON"))
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

/* wn_ent_spans_owners() into ix->owner, the tokens of each span taken
 * through the memo (and left there for the rules). */
static void
index_spans(const WnEntDoc *doc, const GArray *spans, Index *ix)
{
  guint done = 0;
  for (guint k = 0; k < spans->len; k++) {
    guint first, last;
    span_range(doc, ix, &g_array_index(spans, WnEntSpan, k), &first, &last);
    wn_ent_owners_add(ix->owner, &done, first, last, k);
  }
  wn_ent_owners_end(ix->owner, &done, doc->toks->len);
}

/* Sorts spans[0, n) by start, keeping spans of equal start in their order
 * (as the stable g_array_sort() did). Merge sort, which costs one pass over
 * the halves that are in order already: the rules append a few spans to a
 * sorted array. `tmp` has room for n / 2 + 1 spans. */
static void
merge_sort_spans(WnEntSpan *s, guint n, WnEntSpan *tmp)
{
  if (n <= 8) {
    for (guint i = 1; i < n; i++) {
      WnEntSpan x = s[i];
      guint j = i;
      for (; j > 0 && s[j - 1].start > x.start; j--)
        s[j] = s[j - 1];
      s[j] = x;
    }
    return;
  }
  guint h = n / 2;
  merge_sort_spans(s, h, tmp);
  merge_sort_spans(s + h, n - h, tmp);
  if (s[h - 1].start <= s[h].start)
    return;
  /* Left half out of the way; ties take the left one first. */
  memcpy(tmp, s, h * sizeof *s);
  guint a = 0, b = h, k = 0;
  while (a < h && b < n)
    s[k++] = s[b].start < tmp[a].start ? s[b++] : tmp[a++];
  while (a < h)
    s[k++] = tmp[a++];
}

static void
sort_spans(GArray *spans)
{
  WnEntSpan *s = (WnEntSpan *)spans->data;
  guint k = 1;
  while (k < spans->len && s[k - 1].start <= s[k].start)
    k++;
  if (k >= spans->len)
    return;
  g_autofree WnEntSpan *tmp = g_new(WnEntSpan, spans->len / 2 + 1);
  merge_sort_spans(s, spans->len, tmp);
}

/* Token hashes (hexact) with what the rules learnt about each: open
 * addressing, grown to stay at most half full. Stands in for GHashTables of
 * gint64 keys, which cost an allocation per key and a call per probe. */
typedef struct {
  guint64 key;
  guint64 value;     /* person_by_surname: the first word's hash */
  const char *label; /* lone uses: the label to give */
  gboolean used;
  gboolean townish; /* lone uses: a company head that is also a town */
} KeyEntry;

typedef struct {
  KeyEntry *slots;
  guint mask; /* slots - 1, a power of two less one; 0 while empty */
  guint n;
} KeyMap;

static void
keymap_clear(KeyMap *m)
{
  g_free(m->slots);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(KeyMap, keymap_clear)

static inline guint
keymap_slot(guint64 key, guint mask)
{
  return (guint)((key * 0x9e3779b97f4a7c15ULL) >> 32) & mask;
}

static const KeyEntry *
keymap_find(const KeyMap *m, guint64 key)
{
  if (m->n == 0)
    return NULL;
  for (guint k = keymap_slot(key, m->mask); m->slots[k].used; k = (k + 1) & m->mask)
    if (m->slots[k].key == key)
      return &m->slots[k];
  return NULL;
}

/* The entry of `key`, made (zeroed but for the key) when there is none;
 * *added (may be NULL) says whether it is new. */
static KeyEntry *
keymap_get(KeyMap *m, guint64 key, gboolean *added)
{
  if (2 * (m->n + 1) > m->mask + 1) {
    guint size = MAX(16u, 2 * (m->mask + 1));
    KeyEntry *old = m->slots;
    guint old_size = m->slots != NULL ? m->mask + 1 : 0;
    m->slots = g_new0(KeyEntry, size);
    m->mask = size - 1;
    for (guint k = 0; k < old_size; k++)
      if (old[k].used) {
        guint at = keymap_slot(old[k].key, m->mask);
        while (m->slots[at].used)
          at = (at + 1) & m->mask;
        m->slots[at] = old[k];
      }
    g_free(old);
  }
  guint at = keymap_slot(key, m->mask);
  for (; m->slots[at].used; at = (at + 1) & m->mask)
    if (m->slots[at].key == key) {
      if (added != NULL)
        *added = FALSE;
      return &m->slots[at];
    }
  m->slots[at].used = TRUE;
  m->slots[at].key = key;
  m->n++;
  if (added != NULL)
    *added = TRUE;
  return &m->slots[at];
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

/* Marks a name written with two labels (news_repeated_names()). */
static const char conflict_label[] = "?";

/* ---- news rules ----------------------------------------------------------
 * Forms that wire copy uses over and over and that the model, trained on web
 * text, gets wrong: datelines, state abbreviations, "The" before a name,
 * names joined by "&" or "of", streets, "Jr." and initials, and lists of
 * places. Each rule takes a stretch of tokens whose meaning the form settles;
 * it may replace PERSON/ORG/LOC spans lying inside that stretch (from the
 * model or the name lists alike), never a span of another label (a date, an
 * amount, a nationality), and never a span that reaches outside it. */

static inline gboolean
is_cap(const WnEntTok *t)
{
  return (t->flags & WN_ENT_TOK_CAP) && !(t->flags & WN_ENT_TOK_HEADLINE);
}

/* Whether span `s` is still there (rules empty the spans they replace) and
 * has `label`; if so, its tokens [*first, *last). */
static gboolean
live_span(const WnEntDoc *doc, Index *ix, const WnEntSpan *s, const char *label, guint *first,
          guint *last)
{
  if (s->end <= s->start || !wn_ent_label_is(s->label, label))
    return FALSE;
  span_range(doc, ix, s, first, last);
  return TRUE;
}

/* Tokens [first, last) become one span of `label`, replacing the model spans
 * inside. Returns FALSE (and changes nothing) when another kind of span is
 * there or a span crosses the stretch's edges. */
static gboolean
claim(const WnEntDoc *doc, GArray *spans, Index *ix, guint first, guint last, const char *label,
      double score)
{
  gint *owner = ix->owner;
  if (first >= last)
    return FALSE;
  for (guint t = first; t < last; t++) {
    if (owner[t] < 0)
      continue;
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[t]);
    guint sf, sl;
    span_range(doc, ix, s, &sf, &sl);
    if (!wn_ent_is_model_label(s->label) || sf < first || sl > last)
      return FALSE;
  }
  double best = 0;
  for (guint t = first; t < last; t++)
    if (owner[t] >= 0) {
      WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[t]);
      if (s->end > s->start && wn_ent_label_is(s->label, label))
        best = MAX(best, s->score);
      s->end = s->start; /* emptied; dropped by compact() */
      ix->dirty = TRUE;
    }
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  WnEntSpan s = {toks[first].start, toks[last - 1].end, label, MAX(score, best), WN_ENT_SRC_RULE};
  g_array_append_val(spans, s);
  ix->dirty = TRUE;
  for (guint t = first; t < last; t++)
    owner[t] = (gint)spans->len - 1;
  return TRUE;
}

/* Drops emptied spans, sorts, re-indexes. */
static void
reindex(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  wn_ent_spans_drop_empty(spans);
  sort_spans(spans);
  index_spans(doc, spans, ix);
}

/* reindex() where a rule changed something. */
static void
compact(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  /* Most rules change nothing in most documents: then there is nothing to
   * do (the rules keep `owner` right for in-place changes). */
  if (!ix->dirty)
    return;
  const WnEntSpan *s = (const WnEntSpan *)spans->data, *end = s + spans->len;
  gsize prev_end = 0;
  for (; s < end && s->end > s->start && s->start >= prev_end; s++)
    prev_end = s->end;
  if (s == end) {
    ix->dirty = FALSE;
    return;
  }
  reindex(doc, spans, ix);
}

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
news_datelines(const WnEntDoc *doc, GArray *spans, Index *ix)
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
    if (i < b && wn_ent_tok_is(doc, &toks[i], ",")) {
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
    if (i < b && wn_ent_tok_is(doc, &toks[i], "(")) {
      guint j = i + 1;
      while (j < b && j - i <= 3 && is_cap(&toks[j]))
        j++;
      if (j == i + 1 || j >= b || !wn_ent_tok_is(doc, &toks[j], ")"))
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
      if (!dated && (i + 1 >= b || !word_set_has(doc, &dash_set, &toks[i])))
        continue;
    }
    /* "PS -- There is": without a state or an agency the city must be listed. */
    if (reg_last == reg_first && ag_last == ag_first &&
        !(toks[a].gaz_begin & (WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY)))
      continue;
    claim(doc, spans, ix, a, city_end, "LOC", 0.9);
    if (reg_last > reg_first)
      claim(doc, spans, ix, reg_first, reg_last, "LOC", 0.9);
    if (ag_last > ag_first)
      claim(doc, spans, ix, ag_first, ag_last, "ORG", 0.9);
  }
}

/* "Warren, Mich.", "Rancho Mirage, Calif.": a listed state abbreviation (a
 * REGION entry ending in a period) after a comma and a capitalised word. */
static void
news_state_abbreviations(const WnEntDoc *doc, GArray *spans, Index *ix, const guint *cand,
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
        !wn_ent_tok_is(doc, &toks[i - 1], ",") || !is_cap(&toks[i - 2]))
      continue;
    /* "Jackson, Miss., police" but not "said, Miss. Jones". */
    if ((t->gaz_inside & WN_GAZ_TITLE) && i + 1 < n && is_cap(&toks[i + 1]) &&
        !(toks[i + 1].flags & WN_ENT_TOK_SENT_START))
      continue;
    claim(doc, spans, ix, i, i + 1, "LOC", 0.85);
  }
}

/* "The Federal Reserve" -> "Federal Reserve" at the start of a sentence: the
 * article is not part of the name ("The Hague" keeps it). */
static void
news_strip_articles(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0; k < spans->len; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (!wn_ent_is_model_label(s->label) || wn_ent_label_is(s->label, "PERSON"))
      continue;
    guint first, last;
    span_range(doc, ix, s, &first, &last);
    if (last - first < 2 || !word_set_has(doc, &article_set, &toks[first]) ||
        !is_cap(&toks[first + 1]) || wn_ent_tok_is(doc, &toks[first + 1], "Hague"))
      continue;
    /* Only where the capital comes from the position (sentence start, after a
     * dateline's dash or a quote): "from The Mozilla Foundation" is written
     * as the name is. */
    gboolean positional =
        (toks[first].flags & WN_ENT_TOK_SENT_START) ||
        (first > 0 &&
         (word_set_has(doc, &dash_set, &toks[first - 1]) ||
          tok_in(doc, &toks[first - 1], (const char *const[]){"\"", "\xe2\x80\x9c", "(", NULL})));
    if (!positional)
      continue;
    s->start = toks[first + 1].start;
    ix->dirty = TRUE;
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
cap_run_left(const WnEntDoc *doc, const GArray *spans, Index *ix, guint floor, guint i)
{
  const gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint a = i + 1;
  while (a > floor && i + 1 - a < 6 && is_cap(&toks[a - 1]) &&
         !word_set_has(doc, &article_set, &toks[a - 1]) &&
         !(toks[a - 1].gaz_inside & WN_GAZ_TITLE) && !is_compound_modifier(doc, &toks[a - 1]))
    a--;
  if (a <= i && owner[a] >= 0) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[a]);
    guint sf, sl;
    span_range(doc, ix, s, &sf, &sl);
    a = MAX(MIN(a, sf), floor);
  }
  return a;
}

/* The capitalised run starting at token `i` going right, before `ceil`, grown
 * to the end of a span it enters. Returns one past its last token. */
static guint
cap_run_right(const WnEntDoc *doc, const GArray *spans, Index *ix, guint ceil, guint i)
{
  const gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint e = i;
  while (e < ceil && e - i < 6 && is_cap(&toks[e]))
    e++;
  if (e > i && owner[e - 1] >= 0) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[e - 1]);
    guint sf, sl;
    span_range(doc, ix, s, &sf, &sl);
    e = MIN(MAX(e, sl), ceil);
  }
  return e;
}

/* The sentence of a token: its first token and one past its last. */
typedef struct {
  guint first, last;
} SentBounds;

/* Sentence bounds of every token; 0 for a token in no sentence. Each token
 * is written once: the gap before a sentence is cleared up to where it
 * starts, `done` being past every sentence seen so far. */
static void
sentence_of(const WnEntDoc *doc, SentBounds *sent)
{
  guint done = 0;
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    const SentBounds bounds = {se[0], se[1]};
    for (; done < se[0]; done++)
      sent[done] = (SentBounds){0, 0};
    for (guint i = se[0]; i < se[1]; i++)
      sent[i] = bounds;
    done = MAX(done, se[1]);
  }
  for (; done < doc->toks->len; done++)
    sent[done] = (SentBounds){0, 0};
}

/* "JPMorgan Chase & Co.", "Florida Power & Light", "New Jersey Business &
 * Industry Association": capitalised words on both sides of "&" are one
 * organisation. */
static void
news_ampersands(const WnEntDoc *doc, GArray *spans, Index *ix, const guint *cand, guint n_cand,
                const SentBounds *sent)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < 1 || i + 1 >= n)
      continue;
    if (!wn_ent_tok_is(doc, &toks[i], "&") || sent[i].first == i || sent[i].last == i + 1 ||
        !is_cap(&toks[i - 1]) || !is_cap(&toks[i + 1]) || toks[i - 1].end - toks[i - 1].start < 2 ||
        toks[i + 1].end - toks[i + 1].start < 2)
      continue; /* "D & D" is a game */
    guint a = cap_run_left(doc, spans, ix, sent[i].first, i - 1);
    guint e = cap_run_right(doc, spans, ix, sent[i].last, i + 1);
    /* Some name must be there already: capitalised headings ("Plumbing Air
     * Conditioning & Electric Problems") are not organisations. */
    gboolean named = FALSE;
    for (guint t = a; t < e; t++)
      named = named || owner[t] >= 0 || (toks[t].gaz_inside & (WN_GAZ_ORGWORD | WN_GAZ_COMPANY));
    if (a < i && e > i + 1 && named)
      claim(doc, spans, ix, a, e, "ORG", 0.8);
  }
}

/* "[Riverside County]LOC Fire [Department]ORG": capitalised words right
 * before an organisation that ends in an organisation word are its name. */
static void
news_org_prefix(const WnEntDoc *doc, GArray *spans, Index *ix, const SentBounds *sent)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, ix, s, "ORG", &first, &last))
      continue;
    if (first == 0 || sent[first].first == first || !(toks[last - 1].gaz_inside & WN_GAZ_ORGWORD) ||
        !is_cap(&toks[first - 1]) || (toks[first - 1].gaz_inside & WN_GAZ_TITLE))
      continue;
    guint a = cap_run_left(doc, spans, ix, sent[first].first, first - 1);
    /* Nothing to add ("The Department"), or a sentence-initial word alone
     * ("Officials Department ..."). */
    if (a >= first || (a == sent[first].first && owner[a] < 0 && first - a == 1))
      continue;
    claim(doc, spans, ix, a, last, "ORG", s->score);
  }
}

/* "the House voted", "Senate Majority Leader Carla Menendez", "Treasury
 * Secretary Scott Bessent", "the Kremlin said": institutions named by one
 * word are organisations, also right before a title; not inside a longer
 * name ("White House", "Senate Armed Services Committee"). */
static void
news_institutions(const WnEntDoc *doc, GArray *spans, Index *ix, const guint *cand, guint n_cand,
                  const SentBounds *sent)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (!is_cap(&toks[i]) || !word_set_has(doc, &institution_set, &toks[i]))
      continue;
    if (i > sent[i].first && is_cap(&toks[i - 1]) && !wn_ent_tok_is(doc, &toks[i - 1], "The"))
      continue;
    if (i + 1 < sent[i].last && is_cap(&toks[i + 1]) && !(toks[i + 1].gaz_inside & WN_GAZ_TITLE))
      continue;
    if (owner[i] >= 0 && wn_ent_label_is(g_array_index(spans, WnEntSpan, owner[i]).label, "ORG"))
      continue;
    claim(doc, spans, ix, i, i + 1, "ORG", 0.75);
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
news_org_parts(const WnEntDoc *doc, GArray *spans, Index *ix, const guint *cand, guint n_cand,
               const SentBounds *sent)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, ix, s, "ORG", &first, &last))
      continue;
    if (first > sent[first].first && owner[first - 1] < 0 && is_ordinal(doc, &toks[first - 1]))
      claim(doc, spans, ix, first - 1, last, "ORG", s->score);
  }
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < 2)
      continue;
    if (!is_cap(&toks[i]) || toks[i - 1].end - toks[i - 1].start < 2 ||
        !word_set_has(doc, &office_set, &toks[i]) ||
        !tok_in(doc, &toks[i - 1], (const char *const[]){"'s", "\xe2\x80\x99s", NULL}) ||
        !is_cap(&toks[i - 2]) || !(toks[i - 2].gaz_inside & WN_GAZ_TITLE) || sent[i].first > i - 2)
      continue;
    guint a = i - 2;
    if (a > sent[i].first && is_cap(&toks[a - 1]) && !(toks[a - 1].gaz_inside & WN_GAZ_TITLE))
      a = cap_run_left(doc, spans, ix, sent[i].first, a - 1);
    claim(doc, spans, ix, a, i + 1, "ORG", 0.8);
  }
}

/* "LONDON (AP) — [Bukayo Saka]LOC scored": a name the model took for a place
 * or a body whose last word is a person's surname elsewhere in the document
 * ("Saka said", "[Mikel Saka]PERSON") is that person. */
static void
news_person_by_surname(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  /* surname hash -> first-word hash of a PERSON span ending in it: "[River
   * Garden]PERSON" once is no evidence for "[River Garden]LOC" elsewhere. */
  g_auto(KeyMap) surnames = {0};
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end > s->start && wn_ent_label_is(s->label, "PERSON")) {
      guint first, last;
      span_range(doc, ix, s, &first, &last);
      /* The last name's first word wins, as in the hash table before. */
      keymap_get(&surnames, toks[last - 1].hexact, NULL)->value = toks[first].hexact;
    }
  }
  if (surnames.n == 0)
    return;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end <= s->start || s->source != WN_ENT_SRC_MODEL ||
        (!wn_ent_label_is(s->label, "LOC") && !wn_ent_label_is(s->label, "ORG")))
      continue;
    guint first, last;
    span_range(doc, ix, s, &first, &last);
    if (last - first < 2 || last - first > 3)
      continue;
    gboolean plain = TRUE;
    for (guint t = first; t < last && plain; t++)
      plain = is_cap(&toks[t]) && !(toks[t].flags & WN_ENT_TOK_ALLCAPS) &&
              !(toks[t].gaz_inside & (WN_GAZ_ORGWORD | WN_GAZ_CITY | WN_GAZ_REGION |
                                      WN_GAZ_COUNTRY | WN_GAZ_NORP | WN_GAZ_COMPANY));
    const KeyEntry *other = plain ? keymap_find(&surnames, toks[last - 1].hexact) : NULL;
    if (other != NULL && other->value != toks[first].hexact)
      claim(doc, spans, ix, first, last, "PERSON", s->score);
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
news_title_case_names(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  gint *owner = ix->owner;
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
  g_auto(KeyMap) surnames = {0};
  g_autofree guint *span_sent = g_new0(guint, spans->len + 1);
  guint s = 0;
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *sp = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    span_range(doc, ix, sp, &first, &last);
    while (s + 1 < n_sents && g_array_index(doc->sents, guint, s * 2 + 1) <= first)
      s++;
    span_sent[k] = s;
    if (!titled[s] && sp->end > sp->start && wn_ent_label_is(sp->label, "PERSON") &&
        last - first >= 2)
      keymap_get(&surnames, toks[last - 1].hexact, NULL);
  }
  /* A conjunction never sits inside a name ("Navy Honors Sailors As Maria
   * Tellechea Takes Command" is no organisation): a name the model ran over
   * one ends before it, and what follows is a name of its own, a person's
   * when it opens with a listed first name and a second capitalised word. */
  guint n_before = spans->len;
  for (guint k = 0; k < n_before; k++) {
    WnEntSpan *sp = &g_array_index(spans, WnEntSpan, k);
    if (!titled[span_sent[k]] || sp->end <= sp->start || sp->source == WN_ENT_SRC_GAZ ||
        !wn_ent_is_model_label(sp->label))
      continue;
    guint first, last;
    span_range(doc, ix, sp, &first, &last);
    guint t = first + 1;
    while (t + 1 < last && !word_set_has(doc, &headline_conj_set, &toks[t]))
      t++;
    if (t + 1 >= last)
      continue;
    const char *rest_label = sp->label;
    if ((toks[t + 1].gaz_inside & WN_GAZ_FIRST) && t + 2 < last && is_cap(&toks[t + 2]))
      rest_label = wn_ent_model_type_label(WN_ENT_PERSON);
    WnEntSpan rest = {toks[t + 1].start, sp->end, rest_label, sp->score, sp->source};
    sp->end = toks[t - 1].end;
    owner[t] = -1;
    g_array_append_val(spans, rest);
    for (guint i = t + 1; i < last; i++)
      owner[i] = (gint)spans->len - 1;
    span_sent = g_renew(guint, span_sent, spans->len + 1);
    span_sent[spans->len - 1] = span_sent[k];
    ix->dirty = TRUE;
  }
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    WnEntSpan *sp = &g_array_index(spans, WnEntSpan, k);
    if (!titled[span_sent[k]] || sp->end <= sp->start || sp->source == WN_ENT_SRC_GAZ ||
        !wn_ent_label_is(sp->label, "PERSON"))
      continue;
    guint first, last;
    span_range(doc, ix, sp, &first, &last);
    /* The verb: an unlisted word in -s ("Convenes", "Takes", "Unveils"); a
     * rare surname ("Tellechea") is not cut. */
    guint end = last;
    for (guint t = first + 1; t < last && end == last; t++) {
      gsize len = toks[t].end - toks[t].start;
      if (len >= 4 && doc->text[toks[t].end - 1] == 's' && doc->text[toks[t].end - 2] != 's' &&
          !(toks[t].gaz_inside & (WN_GAZ_FIRST | WN_GAZ_LAST | WN_GAZ_CITY | WN_GAZ_REGION |
                                  WN_GAZ_COUNTRY | WN_GAZ_COMPANY)) &&
          keymap_find(&surnames, toks[t].hexact) == NULL)
        end = t;
    }
    if (end > first && end < last) {
      if (end - first == 1 && !(toks[first].gaz_inside & (WN_GAZ_FIRST | WN_GAZ_LAST)) &&
          keymap_find(&surnames, toks[first].hexact) == NULL) {
        /* "[Ostara Bets]PERSON ...": one word left that is no listed name
         * and no surname seen in full: the headline says nothing of what it
         * is, so it goes, and the story's other mentions decide. */
        sp->end = sp->start;
        ix->dirty = TRUE;
        for (guint t = first; t < last; t++)
          owner[t] = -1;
        continue;
      }
      sp->end = toks[end - 1].end;
      ix->dirty = TRUE;
      for (guint t = end; t < last; t++)
        owner[t] = -1;
    }
  }
}

/* "[People's Bank]ORG of [China]LOC" is one organisation: an organisation
 * ending in an organisation word, "of", then a named place or body. */
static void
news_org_of(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, ix, s, "ORG", &first, &last))
      continue;
    if (last + 1 >= n || !(toks[last - 1].gaz_inside & WN_GAZ_ORGWORD) ||
        !wn_ent_tok_is(doc, &toks[last], "of") || owner[last + 1] < 0)
      continue;
    const WnEntSpan *o = &g_array_index(spans, WnEntSpan, owner[last + 1]);
    guint of, ol;
    span_range(doc, ix, o, &of, &ol);
    if (of != last + 1 || !wn_ent_is_model_label(o->label) || wn_ent_label_is(o->label, "PERSON"))
      continue;
    claim(doc, spans, ix, first, ol, "ORG", s->score);
  }
}

/* "Allegheny Avenue", "Kenyatta Avenue", "Highway 111": streets are places. */
static void
news_streets(const WnEntDoc *doc, GArray *spans, Index *ix, const guint *cand, guint n_cand,
             const SentBounds *sent)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < 1)
      continue;
    if (!is_cap(&toks[i]) || !word_set_has(doc, &street_set, &toks[i]))
      continue;
    if (wn_ent_tok_is(doc, &toks[i], "Highway") && i + 1 < n &&
        (toks[i + 1].flags & WN_ENT_TOK_DIGIT) && !(toks[i + 1].flags & WN_ENT_TOK_SENT_START)) {
      claim(doc, spans, ix, i, i + 2, "LOC", 0.8);
      continue;
    }
    if (i + 1 < n && is_cap(&toks[i + 1]) && !(toks[i + 1].flags & WN_ENT_TOK_SENT_START))
      continue; /* "Wall Street Journal": the street names something else */
    if (sent[i].first == i || !is_cap(&toks[i - 1]) || toks[i - 1].end - toks[i - 1].start < 3)
      continue; /* "R Square" is a statistic */
    guint a = cap_run_left(doc, spans, ix, sent[i].first, i - 1);
    if (a < i)
      claim(doc, spans, ix, a, i + 1, "LOC", 0.8);
  }
}

/* Listed multi-word organisations (sports teams, news organisations: COMPANY
 * phrases of two or more words in rules.tsv) are organisations wherever they
 * appear written as names: "Dallas Cowboys", "Associated Press". */
static void
news_listed_orgs(const WnEntDoc *doc, GArray *spans, Index *ix, const guint *cand, guint n_cand,
                 const SentBounds *sent)
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
    while (j < sent[i].last && (toks[j].gaz_inside & WN_GAZ_COMPANY) && is_cap(&toks[j])) {
      joined = joined || !(toks[j].gaz_begin & WN_GAZ_COMPANY);
      j++;
    }
    if (j - i < 2 || !joined || (j < sent[i].last && is_cap(&toks[j])))
      continue; /* one word, or part of a longer name */
    claim(doc, spans, ix, i, j, "ORG", 0.85);
  }
}

/* "Republican Burt Jones": a group word before a first name is no part of the
 * person's name; "Owner Hector Villanueva", "Rival Walmart Inc.": a word that
 * starts the sentence and is on no list, before a first name or a listed
 * company, is no part of it either. */
static void
news_name_openers(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end <= s->start || s->source != WN_ENT_SRC_MODEL ||
        (!wn_ent_label_is(s->label, "PERSON") && !wn_ent_label_is(s->label, "ORG")))
      continue;
    guint first, last;
    span_range(doc, ix, s, &first, &last);
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
      ix->dirty = TRUE;
      owner[first] = (gint)spans->len - 1;
      continue;
    }
    /* "Ostara Pharmaceuticals": a suffix is no company of its own, the word
     * before it is the name. */
    gboolean company_next = (b->gaz_begin & WN_GAZ_COMPANY) && wn_ent_label_is(s->label, "ORG") &&
                            !word_set_has(doc, &company_set, b);
    if ((a->flags & WN_ENT_TOK_SENT_START) && a->gaz_inside == 0 &&
        ((person_next && wn_ent_label_is(s->label, "PERSON")) || company_next)) {
      s->start = b->start;
      ix->dirty = TRUE;
      owner[first] = -1;
    }
  }
}

/* "[Dunmore Brands]LOC" is a company; "[Amazon.com Inc. Target]ORG", where the
 * sentence splitter kept going after "Inc.", is two names. */
static void
news_company_names(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end <= s->start || !wn_ent_is_model_label(s->label))
      continue;
    guint first, last;
    span_range(doc, ix, s, &first, &last);
    /* "Amazon.com Inc. Target has": one word right after a company that a
     * suffix closed, where the splitter missed the sentence end, is read in
     * the company's context: the model's ORG (or a PERSON, unless the word is
     * a listed person's name) is a company, which the vote leaves alone. */
    if (last - first == 1 && first > 0 && owner[first - 1] >= 0 &&
        (toks[first - 1].flags & WN_ENT_TOK_PERIOD_END) &&
        word_set_has(doc, &company_set, &toks[first - 1]) &&
        wn_ent_label_is(g_array_index(spans, WnEntSpan, owner[first - 1]).label, "ORG") &&
        (wn_ent_label_is(s->label, "ORG") ||
         (wn_ent_label_is(s->label, "PERSON") &&
          !(toks[first].gaz_inside & (WN_GAZ_FIRST | WN_GAZ_LAST))))) {
      s->label = "ORG";
      s->source = WN_ENT_SRC_RULE;
      continue;
    }
    if (last - first >= 2 && !wn_ent_label_is(s->label, "ORG") &&
        word_set_has(doc, &company_set, &toks[last - 1])) {
      s->label = "ORG";
      continue;
    }
    /* "[Eli Lilly]PERSON and Co." */
    if (last + 1 < doc->toks->len && word_set_has(doc, &and_amp_set, &toks[last]) &&
        word_set_has(doc, &company_word_set, &toks[last + 1]) && owner[last] < 0 &&
        owner[last + 1] < 0) {
      s->end = toks[last + 1].end;
      ix->dirty = TRUE;
      s->label = "ORG";
      owner[last] = owner[last + 1] = (gint)k;
      continue;
    }
    for (guint i = first + 1; i + 1 < last; i++)
      if ((toks[i].flags & WN_ENT_TOK_PERIOD_END) && word_set_has(doc, &company_set, &toks[i]) &&
          is_cap(&toks[i + 1])) {
        WnEntSpan rest = {toks[i + 1].start, s->end, s->label, s->score, s->source};
        s->end = toks[i].end;
        g_array_append_val(spans, rest);
        ix->dirty = TRUE;
        for (guint t = i + 1; t < last; t++)
          owner[t] = (gint)spans->len - 1;
        break;
      }
  }
}

/* "Martin Luther King Jr.", "D.F. Pace": a generational suffix after a
 * person's name, and initials before it, belong to the name. */
static void
news_name_parts(const WnEntDoc *doc, GArray *spans, Index *ix)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint k = 0, n_spans = spans->len; k < n_spans; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, ix, s, "PERSON", &first, &last))
      continue;
    guint a = first, e = last;
    if (!word_set_has(doc, &name_suffix_set, &toks[last - 1]) && e < n &&
        word_set_has(doc, &name_suffix_set, &toks[e]) && !(toks[e].flags & WN_ENT_TOK_SENT_START))
      e++;
    const WnEntTok *p = a > 0 ? &toks[a - 1] : NULL;
    if (p != NULL && !(toks[a].flags & WN_ENT_TOK_SENT_START) &&
        !(p->flags & WN_ENT_TOK_SENT_START) && !wn_ent_tok_is(doc, p, "P.S.") &&
        (p->flags & WN_ENT_TOK_ALLCAPS) && (p->flags & WN_ENT_TOK_PERIOD_END) &&
        p->end - p->start <= 6 && !(p->gaz_inside & (WN_GAZ_REGION | WN_GAZ_COUNTRY)))
      a--;
    if (a < first || e > last)
      claim(doc, spans, ix, a, e, "PERSON", s->score);
  }
}

/* A list member starting at token j: a span starting there, or a free run of
 * up to three capitalised words. Writes one past its end into *e. */
static gboolean
list_member(const WnEntDoc *doc, const GArray *spans, Index *ix, const SentBounds *sent, guint j,
            guint *e)
{
  const gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  if (j >= doc->toks->len)
    return FALSE;
  if (owner[j] >= 0) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[j]);
    guint sf;
    span_range(doc, ix, s, &sf, e);
    return sf == j;
  }
  if (!is_cap(&toks[j]) || (toks[j].flags & WN_ENT_TOK_SENT_START))
    return FALSE;
  guint k = j;
  while (k < sent[j].last && k - j < 3 && is_cap(&toks[k]) && owner[k] < 0)
    k++;
  *e = k;
  return TRUE;
}

/* Whether tokens [a, b) are a listed place (city, region or country) with no
 * organisation cue: no listed company and no word that ends organisation
 * names. */
static gboolean
listed_place(const WnEntDoc *doc, guint a, guint b)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  const guint32 place = WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY;
  if (b <= a || !(toks[a].gaz_begin & place))
    return FALSE;
  for (guint t = a; t < b; t++)
    if (!(toks[t].gaz_inside & place) || (toks[t].gaz_inside & (WN_GAZ_COMPANY | WN_GAZ_ORGWORD)))
      return FALSE;
  return TRUE;
}

/* "Rancho Mirage, Palm Springs and Cathedral City": in a list of three or
 * more names joined by commas and a final "and"/"or", where places outnumber
 * the rest and no organisation is listed (a listed place the model called an
 * organisation, with no organisation cue, counts as a place), the
 * person-looking, unlabelled and such members are places too. */
static void
news_place_lists(const WnEntDoc *doc, GArray *spans, Index *ix, const guint *cand, guint n_cand,
                 const SentBounds *sent)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint next = 0; /* lists do not overlap */
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (i < next || (owner[i] < 0 && !is_cap(&toks[i])))
      continue;
    guint mf[8], ml[8], m = 0, j = i, e = 0;
    gboolean closed = FALSE;
    while (m < G_N_ELEMENTS(mf) && list_member(doc, spans, ix, sent, j, &e)) {
      mf[m] = j;
      ml[m++] = e;
      guint k = e;
      if (k < sent[j].last && wn_ent_tok_is(doc, &toks[k], ","))
        k++;
      gboolean final = FALSE;
      if (k < sent[j].last && word_set_has(doc, &and_or_set, &toks[k])) {
        k++;
        final = TRUE;
      }
      if (k == e || k >= sent[j].last)
        break;
      if (final) {
        if (m < G_N_ELEMENTS(mf) && list_member(doc, spans, ix, sent, k, &e)) {
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
        if (l != NULL && wn_ent_label_is(l, "LOC"))
          n_loc++;
        else if (l != NULL && wn_ent_label_is(l, "ORG") && listed_place(doc, mf[k], ml[k]))
          n_loc++; /* a listed place the model took for an organisation */
        else if (l != NULL && wn_ent_label_is(l, "ORG"))
          n_org++;
        else
          n_other++;
      }
      if (n_loc >= 2 && n_loc > n_other && n_org == 0)
        for (guint k = 0; k < m; k++)
          claim(doc, spans, ix, mf[k], ml[k], "LOC", 0.7);
    }
    next = m > 0 ? MAX(ml[m - 1], i + 1) : i + 1;
  }
}

/* A name of two or more words seen once in the document is the same name
 * where it appears again: "the [Middle Tennessee] quarterback" after
 * "[Middle Tennessee]LOC", and "Western [Kentucky]ORG" at a sentence start,
 * where the model left the capitalised first word out, after "[Western
 * Kentucky]LOC". Names written with two labels are left alone. The repeat
 * takes the label of the full name (rules after this one settle teams). */
static void
news_repeated_names(const WnEntDoc *doc, GArray *spans, Index *ix, const guint *cand, guint n_cand,
                    const SentBounds *sent)
{
  gint *owner = ix->owner;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  g_auto(KeyMap) names = {0};
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end <= s->start || !wn_ent_is_model_label(s->label))
      continue;
    guint first, last;
    span_range(doc, ix, s, &first, &last);
    if (last - first < 2 || last - first > 6)
      continue;
    gboolean added;
    KeyEntry *e = keymap_get(&names, wn_ent_run_hash(toks, first, last, FALSE), &added);
    if (added)
      e->label = s->label;
    else if (e->label != conflict_label && !wn_ent_label_is(e->label, s->label))
      e->label = conflict_label;
  }
  if (names.n == 0)
    return;
  guint n_spans = spans->len;
  for (guint c = 0; c < n_cand; c++) {
    guint i = cand[c];
    if (!is_cap(&toks[i]) || owner[i] >= 0 || word_set_has(doc, &article_set, &toks[i]))
      continue;
    const SentBounds *b = &sent[i];
    if (i > b->first && is_cap(&toks[i - 1]))
      continue; /* inside a longer capitalised run */
    guint e = i + 1;
    if ((toks[i].flags & WN_ENT_TOK_SENT_START) && e < b->last && owner[e] >= 0) {
      /* At a sentence start, the model's span right after the first word. */
      if ((guint)owner[e] >= n_spans)
        continue;
      const WnEntSpan *s = &g_array_index(spans, WnEntSpan, owner[e]);
      guint sf, sl;
      span_range(doc, ix, s, &sf, &sl);
      if (sf != e || !wn_ent_is_model_label(s->label))
        continue;
      e = sl;
    } else {
      while (e < b->last && e - i < 6 && is_cap(&toks[e]) && owner[e] < 0)
        e++;
      if (e - i < 2 || (e < b->last && is_cap(&toks[e])))
        continue;
    }
    const KeyEntry *known = keymap_find(&names, wn_ent_run_hash(toks, i, e, FALSE));
    if (known != NULL && known->label != conflict_label)
      claim(doc, spans, ix, i, e, known->label, 0.7);
  }
}

/* Tokens the token-triggered rules start at, each list in text order. */
typedef struct {
  const guint *cand; /* capitalised words (is_cap()) and '&' */
  guint n_cand;
  const guint *abbrs; /* of those: ending in '.', starting a listed region */
  guint n_abbrs;
  const guint *amps; /* starting with '&' */
  guint n_amps;
} Starts;

/* Each rule looks only at the spans there were when it started (spans it adds
 * are not looked at again), so each is one pass, whatever the text. */
static void
news_rules(const WnEntDoc *doc, GArray *spans, Index *ix, const Starts *starts)
{
  const guint *cand = starts->cand;
  guint n_cand = starts->n_cand;
  guint n = doc->toks->len;
  init_word_sets();
  g_autofree SentBounds *sent = g_new(SentBounds, n);
  sentence_of(doc, sent);
  news_datelines(doc, spans, ix);
  compact(doc, spans, ix);
  news_state_abbreviations(doc, spans, ix, starts->abbrs, starts->n_abbrs);
  compact(doc, spans, ix);
  news_strip_articles(doc, spans, ix);
  news_listed_orgs(doc, spans, ix, cand, n_cand, sent);
  compact(doc, spans, ix);
  news_name_openers(doc, spans, ix);
  compact(doc, spans, ix);
  news_company_names(doc, spans, ix);
  compact(doc, spans, ix);
  news_ampersands(doc, spans, ix, starts->amps, starts->n_amps, sent);
  compact(doc, spans, ix);
  news_org_of(doc, spans, ix);
  compact(doc, spans, ix);
  news_org_prefix(doc, spans, ix, sent);
  compact(doc, spans, ix);
  news_org_parts(doc, spans, ix, cand, n_cand, sent);
  compact(doc, spans, ix);
  news_institutions(doc, spans, ix, cand, n_cand, sent);
  compact(doc, spans, ix);
  news_streets(doc, spans, ix, cand, n_cand, sent);
  compact(doc, spans, ix);
  news_name_parts(doc, spans, ix);
  compact(doc, spans, ix);
  news_place_lists(doc, spans, ix, cand, n_cand, sent);
  compact(doc, spans, ix);
  news_person_by_surname(doc, spans, ix);
  compact(doc, spans, ix);
  news_title_case_names(doc, spans, ix);
  compact(doc, spans, ix);
  news_repeated_names(doc, spans, ix, cand, n_cand, sent);
  compact(doc, spans, ix);
}

/* The next token that starts with '&', looking from byte *from on (moved
 * past it), or the number of tokens when there is none. The byte is rare,
 * so memchr() finds these faster than a look at every token's first byte. */
static guint
ampersand_token(const WnEntDoc *doc, gsize *from)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  const guint n = doc->toks->len;
  while (*from < doc->text_len) {
    const char *p = memchr(doc->text + *from, '&', doc->text_len - *from);
    if (p == NULL)
      break;
    gsize at = (gsize)(p - doc->text);
    *from = at + 1;
    guint first, last;
    wn_ent_doc_span_tokens(doc, at, at + 1, &first, &last);
    if (first < n && toks[first].start == at)
      return first;
  }
  *from = doc->text_len;
  return n;
}

/* The model type whose label `label` is, or -1; `labels` are the types'
 * labels. */
static inline int
model_type(const char *const *labels, const char *label)
{
  int type = -1;
  for (int t = 0; t < WN_ENT_N_MODEL_TYPES; t++)
    if (wn_ent_label_is(label, labels[t]))
      type = t;
  return type;
}

/* One distinct span text and the scores its spans gave each model type. */
typedef struct {
  gsize start, len; /* where the text first appears */
  guint64 h;
  double v[WN_ENT_N_MODEL_TYPES];
} Tally;

void
wn_ent_consistency(const WnEntDoc *doc, GArray *spans)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  if (n == 0)
    return;
  g_autofree gint *owner = g_new(gint, n);
  g_auto(Index) rules_index = {spans, owner, NULL, 0, TRUE};
  memo_grow(&rules_index, spans->len + 16);
  Index *ix = &rules_index;
  index_spans(doc, spans, ix);
  /* The token-triggered rules start only at capitalised words and "&"
   * (cand; the state abbreviations at a few of those, the ampersands at
   * '&'), the acronyms and lone uses below at all-caps words (acr) and
   * words with a capital (caps): one pass finds them, so each rule looks at
   * a fraction of the tokens. */
  g_autofree guint *cand = g_new(guint, n);
  g_autofree guint *caps = g_new(guint, n);
  g_autofree guint *acrs = g_new(guint, n);
  g_autofree guint *abbrs = g_new(guint, n);
  g_autofree guint *amps = g_new(guint, n);
  guint n_cand = 0, n_caps = 0, n_acrs = 0, n_abbrs = 0, n_amps = 0;
  gsize amp_from = 0;
  guint amp = ampersand_token(doc, &amp_from);
  for (guint i = 0; i < n; i++) {
    /* Most words have no capital: skip them up to the next '&'. */
    while (i < MIN(amp, n) && !(toks[i].flags & (WN_ENT_TOK_CAP | WN_ENT_TOK_ALLCAPS)))
      i++;
    if (i >= n)
      break;
    const guint32 f = toks[i].flags;
    if ((f & (WN_ENT_TOK_CAP | WN_ENT_TOK_HEADLINE)) == WN_ENT_TOK_CAP || i == amp)
      cand[n_cand++] = i; /* is_cap() or '&' */
    if (f & WN_ENT_TOK_CAP)
      caps[n_caps++] = i;
    if (f & WN_ENT_TOK_ALLCAPS)
      acrs[n_acrs++] = i;
    if ((f & (WN_ENT_TOK_CAP | WN_ENT_TOK_HEADLINE | WN_ENT_TOK_PERIOD_END)) ==
            (WN_ENT_TOK_CAP | WN_ENT_TOK_PERIOD_END) &&
        (toks[i].gaz_begin & WN_GAZ_REGION))
      abbrs[n_abbrs++] = i; /* what news_state_abbreviations() looks at */
    if (i == amp) {
      amps[n_amps++] = i;
      amp = ampersand_token(doc, &amp_from);
    }
  }
  const Starts starts = {cand, n_cand, abbrs, n_abbrs, amps, n_amps};
  news_rules(doc, spans, ix, &starts);

  /* token hash -> label to give lone uses; from full PERSON names, company
   * names and acronyms. Marked `townish`: company heads that are also town
   * names. */
  g_auto(KeyMap) lone = {0};

  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (!wn_ent_label_is(s->label, "PERSON"))
      continue;
    guint first, last;
    span_range(doc, ix, s, &first, &last);
    if (last - first < 2)
      continue;
    const WnEntTok *sur = &toks[last - 1];
    if (!(sur->flags & WN_ENT_TOK_CAP) || sur->end - sur->start < 2)
      continue;
    keymap_get(&lone, sur->hexact, NULL)->label = "PERSON";
  }

  /* Names the model cut in two: "[Meridian]LOC [Pharmaceuticals]ORG" becomes
   * one ORG, and a company word right after a name joins it ("Acme Corp."). */
  for (guint k = 0; k + 1 <= spans->len; k++) {
    WnEntSpan *a = &g_array_index(spans, WnEntSpan, k);
    if (!wn_ent_is_model_label(a->label) || a->end <= a->start)
      continue;
    guint first, last;
    span_range(doc, ix, a, &first, &last);
    if (last >= n || !(toks[last].flags & WN_ENT_TOK_CAP) || toks[last].start != a->end + 1 ||
        doc->text[a->end] != ' ')
      continue;
    /* "Amazon.com Inc. Target has": a company suffix closes a name. */
    if (word_set_has(doc, &company_set, &toks[last - 1]))
      continue;
    WnEntSpan *b = k + 1 < spans->len ? &g_array_index(spans, WnEntSpan, k + 1) : NULL;
    if (b != NULL && b->start == toks[last].start && wn_ent_label_is(b->label, "ORG") &&
        wn_ent_is_model_label(a->label)) {
      a->end = b->end;
      a->label = "ORG";
      a->score = MIN(a->score, b->score);
      guint bf, bl;
      span_range(doc, ix, b, &bf, &bl);
      for (guint t = bf; t < bl; t++)
        owner[t] = (gint)k;
      b->end = b->start; /* emptied, dropped below */
    } else if (owner[last] < 0 && (toks[last].gaz_inside & WN_GAZ_ORGWORD) &&
               !wn_ent_label_is(a->label, "PERSON")) {
      a->end = toks[last].end;
      a->label = "ORG";
      owner[last] = (gint)k;
    }
  }

  /* "Ostara Pharmaceuticals" makes a later lone "Ostara" the company. */
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    if (!live_span(doc, ix, s, "ORG", &first, &last))
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
    if (!word_set_has(doc, &newspaper_set, tail))
      tail_excluded |= WN_GAZ_ORGWORD;
    if (placed && is_cap(tail) && !(tail->flags & WN_ENT_TOK_ALLCAPS) &&
        tail->end - tail->start >= 4 && !(tail->gaz_inside & tail_excluded)) {
      gboolean added;
      KeyEntry *e = keymap_get(&lone, tail->hexact, &added);
      if (added)
        e->label = "ORG";
    }
    if (!(toks[last - 1].gaz_inside & WN_GAZ_ORGWORD) ||
        word_set_has(doc, &newspaper_set, &toks[last - 1]))
      continue;
    const WnEntTok *head = &toks[first];
    /* A head that is also a town ("Brightwater Foods Inc.") counts only when
     * a company word ends the name, and not after "in" or "near" below. */
    guint32 excluded = WN_GAZ_ORGWORD | WN_GAZ_TITLE | WN_GAZ_COUNTRY | WN_GAZ_REGION | WN_GAZ_NORP;
    gboolean company = word_set_has(doc, &company_set, &toks[last - 1]);
    if (!company)
      excluded |= WN_GAZ_CITY;
    if (!(head->flags & WN_ENT_TOK_CAP) || head->end - head->start < 3 ||
        (head->gaz_inside & excluded))
      continue;
    gboolean added;
    KeyEntry *e = keymap_get(&lone, head->hexact, &added);
    if (!added)
      continue;
    e->label = "ORG";
    e->townish = (head->gaz_inside & WN_GAZ_CITY) != 0;
  }

  /* "National Security Agency (NSA)": the tokens before "(" back to the start
   * of a capitalised run (or of the span there) whose initials spell it. */
  for (guint c = 0; c < n_acrs; c++) {
    guint i = acrs[c];
    if (i < 2 || i + 1 >= n)
      continue;
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
        if (wn_ent_is_model_label(l))
          label = l;
      } else {
        /* The long name is unlabelled or split: it becomes one ORG span. */
        gboolean clear = TRUE;
        for (guint t = a; t < b; t++)
          if (owner[t] >= 0 &&
              !wn_ent_is_model_label(g_array_index(spans, WnEntSpan, owner[t]).label))
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
      keymap_get(&lone, acr->hexact, NULL)->label = label;
      break;
    }
  }
  /* Drop emptied pieces and re-index. */
  reindex(doc, spans, ix);

  /* Lone uses: a free capitalised token, or a one-token span of another model
   * label, takes the label learnt above. */
  if (lone.n > 0) {
    for (guint c = 0; c < n_caps; c++) {
      guint i = caps[c];
      const KeyEntry *e = keymap_find(&lone, toks[i].hexact);
      if (e == NULL)
        continue;
      const char *label = e->label;
      if (i > 0 && e->townish &&
          tok_in(doc, &toks[i - 1],
                 (const char *const[]){"in", "at", "from", "near", "to", "outside", "In", NULL}))
        continue; /* "in Brightwater" is the town */
      if (owner[i] < 0) {
        /* A free word at a sentence start may be capitalised by position
         * ("Financial markets fell" after "Financial Times"); a surname is
         * not. */
        if ((toks[i].flags & WN_ENT_TOK_SENT_START) && !wn_ent_label_is(label, "PERSON"))
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
        if (s->start == toks[i].start && s->end == toks[i].end && wn_ent_is_model_label(s->label)) {
          s->label = label;
          s->source = WN_ENT_SRC_RULE; /* decided here: the vote below leaves it */
        }
      }
    }
    sort_spans(spans);
  }

  /* One string, one label: model spans whose exact text got different labels
   * take the most frequent one. Spans the rules above placed (datelines,
   * "in Brightwater" after "Brightwater Foods Inc.") neither vote nor change.
   * The score sums per text, added in span order. */
  const char *labels[WN_ENT_N_MODEL_TYPES];
  for (int t = 0; t < WN_ENT_N_MODEL_TYPES; t++)
    labels[t] = wn_ent_model_type_label(t);
  g_autofree Tally *tallies = g_new(Tally, spans->len + 1);
  guint n_tallies = 0;
  /* Per span: 1 + its text's tally, 0 when it does not vote. */
  g_autofree guint *voter = g_new0(guint, spans->len + 1);
  /* Texts -> 1 + tally index, open addressing at most half full. */
  guint mask = 15;
  while (mask + 1 < 2 * spans->len)
    mask = 2 * mask + 1;
  g_autofree guint *index = g_new0(guint, mask + 1);
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    int type = model_type(labels, s->label);
    if (type < 0 || s->end - s->start > 200 || s->source == WN_ENT_SRC_RULE)
      continue;
    /* The text up to a NUL, as the C string keys before had it. */
    const char *text = doc->text + s->start;
    const char *nul = memchr(text, '\0', s->end - s->start);
    gsize len = nul != NULL ? (gsize)(nul - text) : s->end - s->start;
    guint64 h = wn_ent_hash_bytes(text, len);
    guint at = (guint)h & mask;
    for (; index[at] != 0; at = (at + 1) & mask) {
      const Tally *t = &tallies[index[at] - 1];
      if (t->h == h && t->len == len && memcmp(doc->text + t->start, text, len) == 0)
        break;
    }
    if (index[at] == 0) {
      Tally t = {s->start, len, h, {0}};
      tallies[n_tallies++] = t;
      index[at] = n_tallies;
    }
    tallies[index[at] - 1].v[type] += s->score;
    voter[k] = index[at];
  }
  for (guint k = 0; k < spans->len; k++) {
    if (voter[k] == 0)
      continue;
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    const double *v = tallies[voter[k] - 1].v;
    int best = model_type(labels, s->label);
    for (int t = 0; t < WN_ENT_N_MODEL_TYPES; t++)
      if (v[t] > v[best])
        best = t;
    s->label = labels[best];
  }
}
