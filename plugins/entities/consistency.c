/* consistency.c: document-level rules applied after the per-sentence tagger:
 * titles leave PERSON spans; a surname seen in a full PERSON name marks its
 * later lone uses; "Long Name (LN)" makes LN an organisation (or whatever the
 * long name is) everywhere; and one surface string keeps one label. */
#include "ent.h"

#include <string.h>

static gboolean
is_model_label(const char *label)
{
  return label != NULL &&
         (strcmp(label, "PERSON") == 0 || strcmp(label, "ORG") == 0 || strcmp(label, "LOC") == 0);
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
      if (toks[i].gaz_inside & WN_GAZ_TITLE)
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

void
wn_ent_consistency(const WnEntDoc *doc, GArray *spans)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  if (n == 0)
    return;
  g_autofree gint *owner = g_new(gint, n);
  index_spans(doc, spans, owner);

  /* token hash -> label to give lone uses; from full PERSON names, company
   * names and acronyms. */
  g_autoptr(GHashTable) lone = g_hash_table_new(g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) key_store = g_ptr_array_new_with_free_func(g_free);

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
    if (s->end <= s->start || strcmp(s->label, "ORG") != 0)
      continue;
    guint first, last;
    wn_ent_doc_span_tokens(doc, s->start, s->end, &first, &last);
    if (last - first < 2 || !(toks[last - 1].gaz_inside & WN_GAZ_ORGWORD))
      continue;
    const WnEntTok *head = &toks[first];
    if (!(head->flags & WN_ENT_TOK_CAP) || head->end - head->start < 3 ||
        (head->gaz_inside & (WN_GAZ_ORGWORD | WN_GAZ_TITLE | WN_GAZ_COUNTRY | WN_GAZ_REGION |
                             WN_GAZ_CITY | WN_GAZ_NORP)))
      continue;
    gint64 *key = g_new(gint64, 1);
    *key = (gint64)head->hexact;
    if (g_hash_table_contains(lone, key)) {
      g_free(key);
      continue;
    }
    g_ptr_array_add(key_store, key);
    g_hash_table_insert(lone, key, (gpointer) "ORG");
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
      if (owner[i] < 0) {
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
        if (s->start == toks[i].start && s->end == toks[i].end && is_model_label(s->label))
          s->label = label;
      }
    }
    g_array_sort(spans, cmp_spans);
  }

  /* One string, one label: model spans whose exact text got different labels
   * take the most frequent one. */
  g_autoptr(GHashTable) votes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (guint pass = 0; pass < 2; pass++) {
    for (guint k = 0; k < spans->len; k++) {
      WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
      int type = -1;
      for (int t = 0; t < WN_ENT_N_MODEL_TYPES; t++)
        if (strcmp(s->label, wn_ent_model_type_label(t)) == 0)
          type = t;
      if (type < 0 || s->end - s->start > 200)
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
