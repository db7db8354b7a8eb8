/* tagger.c: the whole entity tagger for one document. Candidates come from the
 * statistical model, the pattern scanners, the gazetteers (NORP, countries, user
 * lists) and the title rule; a greedy pass keeps the best non-overlapping ones,
 * then titles are trimmed, document-level consistency is applied and the
 * wire-copy rules (wire.c) settle tables, ranked lists and headlines. */
#include "ent.h"
#include "orgs.h"
#include "wire.h"

#include <math.h>
#include <string.h>

typedef struct {
  WnEntSpan span;
  int priority;
} Candidate;

void
wn_ent_tagger_free(WnEntTagger *tagger)
{
  if (tagger == NULL)
    return;
  wn_ent_model_free(tagger->model);
  wn_gazetteer_free(tagger->gaz);
  if (tagger->labels != NULL)
    g_hash_table_unref(tagger->labels);
  g_free(tagger);
}

/* A model margin turned into a 0..1 confidence. The scale was read off the
 * shipped model: spans with margins under ~10 are right about as often as not
 * on held-out data, so they land near the middle of the range. */
static double
margin_score(float margin)
{
  /* Below 1.0: certainty is left to the pattern scanners. */
  return MIN(0.99, 1.0 / (1.0 + exp(-(margin - 4.0) / 8.0)));
}

static void
add_candidate(GArray *cands, gsize start, gsize end, const char *label, double score, guint source,
              int priority)
{
  Candidate c = {{start, end, label, score, source}, priority};
  g_array_append_val(cands, c);
}

static int
source_rank(guint source)
{
  switch (source) {
  case WN_ENT_SRC_PATTERN:
    return 0;
  case WN_ENT_SRC_MODEL:
    return 1;
  case WN_ENT_SRC_GAZ:
    return 2;
  default:
    return 3;
  }
}

static int
cmp_candidates(gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  if (x->priority != y->priority)
    return y->priority - x->priority;
  gsize lx = x->span.end - x->span.start, ly = y->span.end - y->span.start;
  if (lx != ly)
    return lx < ly ? 1 : -1;
  /* Equal length: patterns, then the model, then lists and rules. */
  if (x->span.source != y->span.source)
    return source_rank(x->span.source) - source_rank(y->span.source);
  return x->span.start < y->span.start ? -1 : x->span.start > y->span.start;
}

static int
cmp_spans(gconstpointer a, gconstpointer b)
{
  const WnEntSpan *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

static void
model_candidates(const WnEntTagger *tagger, const WnEntDoc *doc, GArray *cands)
{
  guint n = doc->toks->len;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  g_autofree guint8 *tags = g_new0(guint8, n);
  g_autofree float *margins = g_new0(float, n);
  wn_ent_tag_tokens(tagger->model, doc, tags, margins);
  for (guint i = 0; i < n;) {
    if (tags[i] == WN_ENT_TAG_O) {
      i++;
      continue;
    }
    int type = WN_ENT_TAG_TYPE(tags[i]);
    float m = margins[i];
    guint j = i + 1;
    while (j < n && tags[j] == WN_ENT_TAG_I(type)) {
      m = MIN(m, margins[j]);
      j++;
    }
    /* Names do not end in a lower-case word ("European Central Bank kept"):
     * unless the sentence has no case to go by, such words leave the span. */
    guint end = j;
    while (end > i + 1 && (toks[end - 1].flags & WN_ENT_TOK_LOWER) &&
           !(toks[end - 1].flags & WN_ENT_TOK_HEADLINE))
      end--;
    add_candidate(cands, toks[i].start, toks[end - 1].end, wn_ent_model_type_label(type),
                  margin_score(m), WN_ENT_SRC_MODEL, 2);
    i = j;
  }
}

/* Gazetteer phrases that become entities on their own: nationalities and groups
 * (NORP), and countries the model missed (LOC). */
static void
gazetteer_candidates(const WnEntDoc *doc, GArray *cands)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint i = 0; i < doc->toks->len; i++) {
    guint32 begin = toks[i].gaz_begin;
    if (!(begin & (WN_GAZ_NORP | WN_GAZ_COUNTRY)))
      continue;
    if (!(toks[i].flags & (WN_ENT_TOK_CAP | WN_ENT_TOK_HEADLINE)))
      continue;
    guint32 bit = (begin & WN_GAZ_NORP) ? WN_GAZ_NORP : WN_GAZ_COUNTRY;
    guint j = i + 1;
    while (j < doc->toks->len && (toks[j].gaz_inside & bit) && !(toks[j].gaz_begin & bit))
      j++;
    add_candidate(cands, toks[i].start, toks[j - 1].end, bit == WN_GAZ_NORP ? "NORP" : "LOC", 0.7,
                  WN_ENT_SRC_GAZ, 1);
  }
}

/* A title followed by capitalised words the model left alone: "Sen. Warren". */
static void
title_candidates(const WnEntDoc *doc, GArray *cands)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    if (toks[se[0]].flags & WN_ENT_TOK_HEADLINE)
      continue; /* no case to go by */
    for (guint i = se[0]; i + 1 < se[1]; i++) {
      if (!(toks[i].gaz_inside & WN_GAZ_TITLE) || !(toks[i].flags & WN_ENT_TOK_CAP))
        continue;
      guint j = i + 1;
      while (j < se[1] && j - i <= 4 && (toks[j].flags & WN_ENT_TOK_CAP) &&
             !(toks[j].flags & WN_ENT_TOK_ALLCAPS) &&
             !(toks[j].gaz_inside & (WN_GAZ_TITLE | WN_GAZ_ORGWORD | WN_GAZ_NORP | WN_GAZ_COUNTRY)))
        j++;
      if (j > i + 1 && j - i <= 4)
        add_candidate(cands, toks[i + 1].start, toks[j - 1].end, "PERSON", 0.6, WN_ENT_SRC_RULE, 2);
    }
  }
}

/* A possessive ending written as its own token: "'s" or "’s". */
static gboolean
is_possessive(const WnEntDoc *doc, const WnEntTok *t)
{
  return wn_ent_tok_is(doc, t, "'s") || wn_ent_tok_is(doc, t, "\xe2\x80\x99s");
}

/* "Office of Personnel Management", "Department of Homeland Security": an
 * organisation word, "of" or "for", then capitalised words; capitalised words
 * just before belong to it too ("U.S. Department of Justice"), also through a
 * possessive ("People's Bank of China"). */
static void
org_of_candidates(const WnEntDoc *doc, GArray *cands)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    if (toks[se[0]].flags & WN_ENT_TOK_HEADLINE)
      continue;
    for (guint i = se[0]; i + 2 < se[1]; i++) {
      if (!(toks[i].gaz_inside & WN_GAZ_ORGWORD) || !(toks[i].flags & WN_ENT_TOK_CAP) ||
          !(wn_ent_tok_is(doc, &toks[i + 1], "of") || wn_ent_tok_is(doc, &toks[i + 1], "for")))
        continue;
      guint j = i + 2, end = i + 2;
      while (j < se[1] && j - i < 10) {
        if (toks[j].flags & WN_ENT_TOK_CAP) {
          end = ++j;
        } else if ((wn_ent_tok_is(doc, &toks[j], "and") || wn_ent_tok_is(doc, &toks[j], "of") ||
                    wn_ent_tok_is(doc, &toks[j], "the") || wn_ent_tok_is(doc, &toks[j], "&")) &&
                   j + 1 < se[1] && (toks[j + 1].flags & WN_ENT_TOK_CAP)) {
          j++;
        } else {
          break;
        }
      }
      if (end == i + 2)
        continue;
      guint start = i;
      while (start > se[0] && i - start < 3) {
        if ((toks[start - 1].flags & WN_ENT_TOK_CAP) &&
            !(toks[start - 1].gaz_inside & (WN_GAZ_TITLE | WN_GAZ_NORP)) &&
            !wn_ent_tok_is(doc, &toks[start - 1], "The") &&
            !wn_ent_tok_is(doc, &toks[start - 1], "A"))
          start--;
        else if (start - 1 > se[0] && is_possessive(doc, &toks[start - 1]) &&
                 toks[start - 2].end == toks[start - 1].start &&
                 (toks[start - 2].flags & WN_ENT_TOK_CAP) &&
                 !(toks[start - 2].flags & WN_ENT_TOK_ALLCAPS) &&
                 !(toks[start - 2].gaz_inside & ~(guint32)(WN_GAZ_FIRST | WN_GAZ_LAST)))
          /* "People's Bank of China", "Children's Hospital of ...": a plain
           * word; an owner that is a name of its own stays out of it
           * ("NASA's Office of the Inspector General", "Britain's Ministry
           * of Defence"). */
          start -= 2;
        else
          break;
      }
      add_candidate(cands, toks[start].start, toks[end - 1].end, "ORG", 0.6, WN_ENT_SRC_RULE, 2);
    }
  }
}

static void
user_candidates(const WnEntTagger *tagger, const WnEntDoc *doc, GArray *cands)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  g_autoptr(GArray) matches = g_array_new(FALSE, FALSE, sizeof(WnGazMatch));
  wn_gazetteer_user_matches(tagger->gaz, doc, matches);
  for (guint k = 0; k < matches->len; k++) {
    const WnGazMatch *m = &g_array_index(matches, WnGazMatch, k);
    add_candidate(cands, toks[m->first].start, toks[m->last - 1].end, m->label, 0.9, WN_ENT_SRC_GAZ,
                  3);
  }
}

/* Keeps the best candidates that do not overlap, in priority then length order. */
static void
select_candidates(const WnEntDoc *doc, GArray *cands, GArray *out)
{
  g_array_sort(cands, cmp_candidates);
  guint n = doc->toks->len;
  g_autofree guint8 *taken = g_new0(guint8, n + 1);
  /* Spans not aligned to tokens (URLs cut inside a token) are checked by bytes
   * against the tokens they touch, which is enough since tokens do not overlap. */
  for (guint k = 0; k < cands->len; k++) {
    const WnEntSpan *s = &g_array_index(cands, Candidate, k).span;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    gboolean free_ = TRUE;
    for (guint t = first; t < last && free_; t++)
      free_ = !taken[t];
    if (!free_)
      continue;
    for (guint t = first; t < last; t++)
      taken[t] = 1;
    g_array_append_val(out, *s);
  }
  g_array_sort(out, cmp_spans);
}

/* A span that is exactly a country's name is a place, whatever the model said
 * ("U.S. officials" is not an organisation). */
static void
countries_are_places(const WnEntDoc *doc, GArray *spans)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0; k < spans->len; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->source != WN_ENT_SRC_MODEL || strcmp(s->label, "LOC") == 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    gboolean whole = first < last && (toks[first].gaz_begin & WN_GAZ_COUNTRY);
    for (guint i = first + 1; i < last && whole; i++)
      whole = (toks[i].gaz_inside & WN_GAZ_COUNTRY) && !(toks[i].gaz_begin & WN_GAZ_COUNTRY);
    if (whole && last < doc->toks->len && (toks[last].gaz_inside & WN_GAZ_COUNTRY) &&
        !(toks[last].gaz_begin & WN_GAZ_COUNTRY))
      whole = FALSE; /* a longer country name goes on */
    if (whole && strcmp(s->label, "ORG") == 0)
      s->label = "LOC";
  }
}

/* A name the model read as a place but that ends in an organisation word is
 * an organisation: "Riverside County Fire Department", "Halvorsen Energy
 * Corp.". Words that also end places stay out: "Union" (Soviet Union),
 * "Center"/"Centre" (arenas), "Front", "Court" (food courts, tennis courts);
 * so do names that begin with a compass word ("West Bank") or that the place
 * lists cover word for word. */
/* Whether the token is one of the words of a NULL-ended list. */
static gboolean
tok_in(const WnEntDoc *doc, const WnEntTok *tok, const char *const *words)
{
  for (guint w = 0; words[w] != NULL; w++)
    if (wn_ent_tok_is(doc, tok, words[w]))
      return TRUE;
  return FALSE;
}

static void
org_words_make_orgs(const WnEntDoc *doc, GArray *spans)
{
  static const char *const placeish[] = {"Union", "Center", "Centre", "Front", "Court", NULL};
  static const char *const compass[] = {"West", "East", "North", "South", "Central", NULL};
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0; k < spans->len; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->source != WN_ENT_SRC_MODEL || strcmp(s->label, "LOC") != 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    if (last < first + 2 || !(toks[last - 1].gaz_inside & WN_GAZ_ORGWORD) ||
        !(toks[last - 1].flags & WN_ENT_TOK_CAP))
      continue;
    gboolean place = TRUE;
    for (guint i = first; i < last && place; i++)
      place = (toks[i].gaz_inside & (WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY)) != 0;
    if (!place && !tok_in(doc, &toks[last - 1], placeish) && !tok_in(doc, &toks[first], compass))
      s->label = "ORG";
  }
}

/* "West Ridge Reserve", "Cedar Creek Wildlife Refuge": a name the model read
 * as an organisation that ends in a word for a protected area and holds a word
 * for a landform is a place (parks and reserves are places, as facilities
 * are); "Federal Reserve" holds no landform and stays. */
static void
nature_areas_are_places(const WnEntDoc *doc, GArray *spans)
{
  static const char *const areas[] = {"Reserve",   "Preserve",   "Refuge",
                                      "Sanctuary", "Wilderness", NULL};
  static const char *const landforms[] = {"Ridge",    "Creek",     "River",  "Lake",   "Valley",
                                          "Mountain", "Mountains", "Canyon", "Forest", "Hills",
                                          "Hill",     "Peak",      "Marsh",  "Woods",  "Prairie",
                                          "Meadows",  "Falls",     "Island", "Bay",    NULL};
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  for (guint k = 0; k < spans->len; k++) {
    WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->source != WN_ENT_SRC_MODEL || strcmp(s->label, "ORG") != 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    if (last < first + 2 || !tok_in(doc, &toks[last - 1], areas))
      continue;
    for (guint i = first; i + 1 < last; i++)
      if (tok_in(doc, &toks[i], landforms)) {
        s->label = "LOC";
        break;
      }
  }
}

/* "[Auston]LOC Matthews scored ... Matthews has 19 goals": a lone word the
 * model took for a place or an organisation, directly before a word that is a
 * person's surname in the document, is that person's first name. Words on
 * the place, company or organisation lists are left alone. */
static void
first_names_before_surnames(const WnEntDoc *doc, GArray *spans)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  g_autoptr(GHashTable) surnames = g_hash_table_new(g_int64_hash, g_int64_equal);
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (strcmp(s->label, "PERSON") != 0 || s->end <= s->start)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    if (last > first && (toks[last - 1].flags & WN_ENT_TOK_CAP) &&
        !(toks[last - 1].flags & WN_ENT_TOK_ALLCAPS))
      g_hash_table_add(surnames, (gpointer)&toks[last - 1].hexact);
  }
  if (g_hash_table_size(surnames) == 0)
    return;
  guint kept = 0;
  for (guint k = 0; k < spans->len; k++) {
    WnEntSpan s = g_array_index(spans, WnEntSpan, k);
    guint first, last;
    wn_ent_doc_span_tokens(doc, s.start, s.end, &first, &last);
    const guint32 listed = WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY | WN_GAZ_COMPANY |
                           WN_GAZ_ORGWORD | WN_GAZ_NORP | WN_GAZ_TITLE;
    if (s.source == WN_ENT_SRC_MODEL &&
        (strcmp(s.label, "LOC") == 0 || strcmp(s.label, "ORG") == 0) && last == first + 1 &&
        last < doc->toks->len && (toks[first].flags & WN_ENT_TOK_CAP) &&
        !(toks[first].flags & (WN_ENT_TOK_ALLCAPS | WN_ENT_TOK_HEADLINE)) &&
        !(toks[first].gaz_inside & listed) && toks[last].start == s.end + 1 &&
        doc->text[s.end] == ' ' && (toks[last].flags & WN_ENT_TOK_CAP) &&
        g_hash_table_contains(surnames, &toks[last].hexact)) {
      const WnEntSpan *next = k + 1 < spans->len ? &g_array_index(spans, WnEntSpan, k + 1) : NULL;
      gboolean next_free = next == NULL || next->start >= toks[last].end;
      gboolean next_lone = next != NULL && next->start == toks[last].start &&
                           next->end == toks[last].end && strcmp(next->label, "PERSON") == 0;
      if (next_free || next_lone) {
        s.end = toks[last].end;
        s.label = "PERSON";
        if (next_lone)
          k++; /* taken into this one */
      }
    }
    g_array_index(spans, WnEntSpan, kept++) = s;
  }
  g_array_set_size(spans, kept);
}

static int
cmp_start_longest(gconstpointer x, gconstpointer y)
{
  const WnEntSpan *a = x, *b = y;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end > b->end ? -1 : a->end < b->end;
}

gboolean
wn_ent_spans_override(GArray *spans, GArray *over)
{
  if (over->len == 0)
    return FALSE;
  g_array_sort(over, cmp_start_longest);
  guint kept = 0;
  for (guint k = 0; k < over->len; k++) {
    const WnEntSpan *s = &g_array_index(over, WnEntSpan, k);
    if (kept > 0 && g_array_index(over, WnEntSpan, kept - 1).end > s->start)
      continue;
    g_array_index(over, WnEntSpan, kept++) = *s;
  }
  g_array_set_size(over, kept);
  g_autoptr(GArray) out = g_array_sized_new(FALSE, FALSE, sizeof(WnEntSpan), spans->len + kept);
  guint j = 0;
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    while (j < kept && g_array_index(over, WnEntSpan, j).end <= s->start)
      g_array_append_val(out, g_array_index(over, WnEntSpan, j++));
    if (j < kept && g_array_index(over, WnEntSpan, j).start < s->end)
      continue; /* overlaps a decided span */
    g_array_append_val(out, *s);
  }
  while (j < kept)
    g_array_append_val(out, g_array_index(over, WnEntSpan, j++));
  g_array_set_size(spans, 0);
  g_array_append_vals(spans, out->data, out->len);
  g_array_set_size(over, 0);
  return TRUE;
}

void
wn_ent_spans_drop_empty(GArray *spans)
{
  guint kept = 0;
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->end > s->start)
      g_array_index(spans, WnEntSpan, kept++) = *s;
  }
  g_array_set_size(spans, kept);
}

void
wn_ent_spans_owners(const WnEntDoc *doc, const GArray *spans, gint *owner)
{
  guint done = 0;
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    wn_ent_owners_add(owner, &done, first, last, k);
  }
  wn_ent_owners_end(owner, &done, doc->toks->len);
}

static void
run_all(const WnEntTagger *tagger, WnEntDoc *doc, GArray *out)
{
  wn_gazetteer_mark(tagger->gaz, doc);
  g_autoptr(GArray) cands = g_array_new(FALSE, FALSE, sizeof(Candidate));
  if (tagger->model != NULL)
    model_candidates(tagger, doc, cands);
  g_autoptr(GArray) pats = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
  wn_ent_patterns(doc, pats);
  for (guint k = 0; k < pats->len; k++) {
    const WnEntSpan *s = &g_array_index(pats, WnEntSpan, k);
    add_candidate(cands, s->start, s->end, s->label, s->score, s->source, 2);
  }
  gazetteer_candidates(doc, cands);
  title_candidates(doc, cands);
  org_of_candidates(doc, cands);
  user_candidates(tagger, doc, cands);

  g_autoptr(GArray) spans = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
  select_candidates(doc, cands, spans);
  countries_are_places(doc, spans);
  org_words_make_orgs(doc, spans);
  nature_areas_are_places(doc, spans);
  wn_ent_trim_titles(doc, spans);
  if (tagger->consistency) {
    wn_ent_consistency(doc, spans);
    first_names_before_surnames(doc, spans);
    /* Tables, ranked lists and headlines of wire copy: their layout settles
     * what the per-sentence model cannot see. */
    wn_ent_wire(doc, spans);
    wn_ent_orgs(doc, spans); /* companies, teams and long names (orgs.c) */
  }
  g_array_append_vals(out, spans->data, spans->len);
}

void
wn_ent_tagger_run(const WnEntTagger *tagger, WnEntDoc *doc, GArray *out)
{
  guint from = out->len;
  if (doc->toks->len == 0)
    wn_ent_patterns(doc, out); /* no tokens: only the raw-text scanners can work */
  else
    run_all(tagger, doc, out);
  guint kept = from;
  for (guint k = from; k < out->len; k++) {
    const WnEntSpan *s = &g_array_index(out, WnEntSpan, k);
    if (s->score >= tagger->min_score &&
        (tagger->labels == NULL || g_hash_table_contains(tagger->labels, s->label)))
      g_array_index(out, WnEntSpan, kept++) = *s;
  }
  g_array_set_size(out, kept);
}

void
wn_ent_spans_to_tags(const WnEntDoc *doc, const GArray *spans, guint8 *tags)
{
  memset(tags, WN_ENT_TAG_O, doc->toks->len);
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    int type = -1;
    for (int t = 0; t < WN_ENT_N_MODEL_TYPES; t++)
      if (strcmp(s->label, wn_ent_model_type_label(t)) == 0)
        type = t;
    if (type < 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    for (guint i = first; i < last; i++)
      tags[i] = i == first ? WN_ENT_TAG_B(type) : WN_ENT_TAG_I(type);
  }
}
