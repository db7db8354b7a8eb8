/* select.c: scores the sentences by the chosen method, then picks them greedily
 * under the budgets, refusing near-duplicates and (MMR) penalising sentences
 * that repeat what is already chosen.
 *
 * The greedy pick is lazy: a max-heap holds each candidate's last known value;
 * values only ever fall (penalties only grow), so a popped candidate whose
 * value is still current is the true best. Penalties are updated through the
 * inverted index when a sentence is chosen, so the whole selection stays
 * linear-ish in the input, even when a ratio budget asks for thousands of
 * sentences. */
#include "units-private.h"
#include "u64map.h"

#include <math.h>
#include <string.h>

const WnSumParams wn_sum_default_params = {
    .w_centrality = 1.25,
    .w_frequency = 1.75,
    .w_position = 0.65,
    .position_decay = 0.3,
    .w_entities = 0.5,
    .length_knee = 10.0,
    .redundancy = 0.45,
    .dup_cosine = 0.6,
    .dup_containment = 0.75,
    .coverage_decay = 1.0,
    .document_power = 4.0,
    .w_recurrence = 3.0,
    .dup_quote = 0.25,
    .length_power = 0.0,
    .w_support = 1.0,
    .fragment_factor = 0.5,
    .quote_factor = 0.7,
};

/* Selected sentences checked one by one against a candidate (exactly, on top
 * of the index-driven penalties) while there are at most this many. */
#define DIRECT_CHECK_MAX 64
/* A term's coverage weight below this is dropped to zero; with a decay of d a
 * term is revisited at most log(COVERAGE_FLOOR) / log(d) times (5 for 0.5). */
#define COVERAGE_FLOOR 0.05

/* Containment only counts when the sentences share at least this many terms. */
#define MIN_SHARED_FOR_CONTAINMENT 3

static const char *const method_names[] = {"salience", "lead", "textrank", "lexrank"};

gboolean
wn_sum_method_from_string(const char *name, WnSumMethod *method)
{
  for (guint i = 0; i < G_N_ELEMENTS(method_names); i++)
    if (g_strcmp0(name, method_names[i]) == 0) {
      *method = (WnSumMethod)i;
      return TRUE;
    }
  return FALSE;
}

const char *
wn_sum_method_to_string(WnSumMethod method)
{
  return (guint)method < G_N_ELEMENTS(method_names) ? method_names[method] : "unknown";
}

void
wn_sum_config_init(WnSumConfig *config)
{
  memset(config, 0, sizeof *config);
  config->method = WN_SUM_SALIENCE;
  config->max_sentences = 3;
  config->redundancy = -1;
  config->language = "en";
  config->min_sentence_words = 5;
}

/* ---- entity salience ---- */

static gboolean
entity_label_counts(const char *label)
{
  /* Dates, amounts and addresses recur without telling what a story is about. */
  static const char *const skip[] = {"DATE",     "TIME",    "MONEY", "PERCENT", "QUANTITY",
                                     "CARDINAL", "ORDINAL", "EMAIL", "URL",     NULL};
  if (label == NULL)
    return TRUE;
  for (const char *const *s = skip; *s != NULL; s++)
    if (strcmp(label, *s) == 0)
      return FALSE;
  return TRUE;
}

/* The unit of document d (units [first, last)) whose span holds byte `at`. */
static gint
unit_at(const WnSumCtx *c, guint first, guint last, gsize at)
{
  guint lo = first, hi = last;
  while (lo < hi) {
    const guint mid = lo + (hi - lo) / 2;
    if (c->units[mid].start <= at)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == first)
    return -1;
  const WnSumUnit *u = &c->units[lo - 1];
  return at < u->end ? (gint)(lo - 1) : -1;
}

typedef struct {
  guint u;
  const char *key; /* interned in the counts table: equal keys, equal pointers */
} EntityHit;

/* By sentence, then by the entity's text: a sentence's entities are summed in
 * that order, which depends on nothing but the input. (Ordered by the keys'
 * addresses, the sum rounded differently from run to run, as malloc placed
 * the strings.) */
static gint
cmp_hit(gconstpointer a, gconstpointer b)
{
  const EntityHit *x = a, *y = b;
  if (x->u != y->u)
    return x->u < y->u ? -1 : 1;
  return x->key == y->key ? 0 : strcmp(x->key, y->key);
}

/* Sum over the distinct entities of each sentence of log(1 + mentions of that
 * entity in the whole input), normalised so the best sentence has 1. */
static void
entity_salience(const WnSumCtx *c, const WnSumDoc *docs, gsize n_docs, double *ent)
{
  for (guint i = 0; i < c->n_units; i++)
    ent[i] = 0;
  gsize n_entities = 0;
  for (gsize d = 0; d < n_docs; d++)
    n_entities += docs[d].entities != NULL ? docs[d].n_entities : 0;
  if (n_entities == 0)
    return;
  g_autoptr(GHashTable) counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) hits = g_array_new(FALSE, FALSE, sizeof(EntityHit));
  guint first = 0;
  for (gsize d = 0; d < n_docs; d++) {
    guint last = first;
    while (last < c->n_units && c->units[last].doc == d)
      last++;
    for (gsize e = 0; e < docs[d].n_entities && docs[d].entities != NULL; e++) {
      const WnSpan *sp = &docs[d].entities[e];
      if (sp->start >= sp->end || sp->end > docs[d].len || !entity_label_counts(sp->label))
        continue;
      const gint u = unit_at(c, first, last, sp->start);
      if (u < 0)
        continue;
      char *key = g_utf8_strdown(docs[d].text + sp->start, (gssize)(sp->end - sp->start));
      gpointer stored = NULL, count = NULL;
      if (g_hash_table_lookup_extended(counts, key, &stored, &count)) {
        /* insert() keeps the stored key and frees the one passed in. */
        g_hash_table_insert(counts, key, GUINT_TO_POINTER(GPOINTER_TO_UINT(count) + 1));
      } else {
        g_hash_table_insert(counts, key, GUINT_TO_POINTER(1));
        stored = key;
      }
      const EntityHit hit = {(guint)u, stored};
      g_array_append_val(hits, hit);
    }
    first = last;
  }
  /* Each distinct entity counts once per sentence. */
  g_array_sort(hits, cmp_hit);
  for (guint k = 0; k < hits->len; k++) {
    const EntityHit *h = &g_array_index(hits, EntityHit, k);
    if (k > 0 && h->u == h[-1].u && h->key == h[-1].key)
      continue;
    ent[h->u] += log(1.0 + GPOINTER_TO_UINT(g_hash_table_lookup(counts, h->key)));
  }
  double best = 0;
  for (guint i = 0; i < c->n_units; i++)
    best = MAX(best, ent[i]);
  for (guint i = 0; i < c->n_units; i++)
    ent[i] = best > 0 ? ent[i] / best : 0;
}

/* How much of what a sentence says the rest of the input says too: the mean,
 * over its content words, of how often each occurs elsewhere in the input
 * (SumBasic's word probability, without the sentence's own occurrences).
 * Topic words recur across sentences and documents. `count` gets each term's
 * occurrences; returns the best sentence's raw value (freq is divided by it). */
static double
frequency_salience(const WnSumCtx *c, double *count, double *freq)
{
  for (guint i = 0; i < c->n_units; i++) {
    const WnSumUnit *u = &c->units[i];
    if (u->usable)
      for (guint k = 0; k < u->n; k++)
        count[c->term[u->off + k]] += c->tf[u->off + k];
  }
  double best = 0;
  for (guint i = 0; i < c->n_units; i++) {
    const WnSumUnit *u = &c->units[i];
    freq[i] = 0;
    if (!u->usable)
      continue;
    for (guint k = 0; k < u->n; k++) {
      const double tf = c->tf[u->off + k];
      freq[i] += tf * (count[c->term[u->off + k]] - tf);
    }
    freq[i] /= u->n_content;
    best = MAX(best, freq[i]);
  }
  for (guint i = 0; i < c->n_units; i++)
    freq[i] = best > 0 ? freq[i] / best : 0;
  return best;
}

/* The share of a sentence's words that are either function words or content
 * words found elsewhere in the input: sentences made of the input's shared
 * vocabulary, rather than of one-off names and figures, tell the common story. */
static void
recurrence_salience(const WnSumCtx *c, const double *count, double *rec)
{
  for (guint i = 0; i < c->n_units; i++) {
    const WnSumUnit *u = &c->units[i];
    rec[i] = 0;
    if (!u->usable || u->n_tokens == 0)
      continue;
    double shared = 0;
    for (guint k = 0; k < u->n; k++) {
      const double tf = c->tf[u->off + k];
      if (count[c->term[u->off + k]] - tf >= 1)
        shared += tf;
    }
    rec[i] = (u->n_tokens - u->n_content + shared) / u->n_tokens;
  }
}

/* The salience method's frequency part changes as sentences are chosen: a word
 * already said counts less (SumBasic's update), which is what keeps the
 * summary from repeating itself. */
typedef struct {
  double *count;  /* [n_terms] occurrences in the input */
  double *factor; /* [n_terms] 1, then lower once a chosen sentence holds the term */
  double *mult;   /* [n_units] scale of a unit's frequency part per unit of tf*(count-tf) */
  double *dyn;    /* [n_units] the unit's current frequency part */
} Coverage;

/* How much each document agrees with the rest of a group: the cosine between
 * its content-word counts and those of all the other documents together,
 * divided by the best document's. A page that says something else (an
 * archive notice, a cookie wall, another story) gets little weight. With one
 * document, every weight is 1. `count` holds the input's term counts. */
static void
document_agreement(const WnSumCtx *c, const double *count, gsize n_docs, double *agree)
{
  for (gsize d = 0; d < n_docs; d++)
    agree[d] = 1.0;
  if (n_docs < 2)
    return;
  double all_sq = 0;
  for (guint t = 0; t < c->n_terms; t++)
    all_sq += count[t] * count[t];
  double *mine = wn_sum_new0(double, c->n_terms + 1);
  guint *touched = g_new(guint, c->n_occ + 1);
  guint i = 0;
  double best = 0;
  for (gsize d = 0; d < n_docs; d++) {
    guint n_touched = 0;
    for (; i < c->n_units && c->units[i].doc == d; i++) {
      const WnSumUnit *u = &c->units[i];
      if (!u->usable)
        continue;
      for (guint k = 0; k < u->n; k++) {
        const guint t = c->term[u->off + k];
        if (mine[t] == 0)
          touched[n_touched++] = t;
        mine[t] += c->tf[u->off + k];
      }
    }
    double dot = 0, mine_sq = 0, cross = 0;
    for (guint k = 0; k < n_touched; k++) {
      const guint t = touched[k];
      dot += mine[t] * (count[t] - mine[t]);
      mine_sq += mine[t] * mine[t];
      cross += mine[t] * count[t];
      mine[t] = 0;
    }
    const double rest_sq = all_sq - 2 * cross + mine_sq;
    agree[d] = mine_sq > 0 && rest_sq > 0 ? dot / sqrt(mine_sq * rest_sq) : 0;
    best = MAX(best, agree[d]);
  }
  for (gsize d = 0; d < n_docs; d++)
    agree[d] = best > 0 ? agree[d] / best : 1.0;
  g_free(mine);
  g_free(touched);
}

/* TRUE when one of the 8 bytes at p is '"' or 0xE2 (exact: the classic test
 * for a zero byte, after XOR with each byte looked for). */
static inline gboolean
has_quote_byte(const char *p)
{
  guint64 v;
  memcpy(&v, p, 8);
  const guint64 ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  const guint64 a = v ^ (ones * 0x22), b = v ^ (ones * 0xE2);
  return ((((a - ones) & ~a) | ((b - ones) & ~b)) & highs) != 0;
}

/* TRUE when a sentence cannot stand alone: it closes a quotation opened in an
 * earlier sentence (the splitter cut a quote in two: 'That's what we did," he
 * said.'), or it starts like a note or a continuation ("[1] ...", lower case).
 * Such sentences read badly out of context. */
static gboolean
is_fragment(const char *text, gsize len)
{
  gsize i = 0;
  while (i < len && g_ascii_isspace(text[i]))
    i++;
  if (i >= len)
    return FALSE;
  if (text[i] == '[' || g_ascii_islower(text[i]))
    return TRUE;
  guint straight = 0;
  for (gsize k = i; k < len; k++) {
    /* Most of a sentence holds neither byte looked for ('"' and 0xE2, the
     * lead byte of the curly quotes): skip such runs eight bytes at a time. */
    while (k + 8 <= len && !has_quote_byte(text + k))
      k += 8;
    if (k >= len)
      break;
    if (text[k] == '"') {
      straight++;
    } else if ((guchar)text[k] == 0xE2 && k + 2 < len && (guchar)text[k + 1] == 0x80) {
      const guchar c = (guchar)text[k + 2];
      if (c == 0x9C) /* U+201C left double quotation mark: opened here */
        return FALSE;
      if (c == 0x9D) /* U+201D right double quotation mark before any opening one */
        return TRUE;
    }
  }
  /* An odd number of straight quotes, the first not opening the sentence. */
  return straight % 2 == 1 && text[i] != '"';
}

/* TRUE when the whole sentence is a quotation with no speaker in it
 * ("We stopped talking."): who said it is in another sentence. */
static gboolean
is_bare_quote(const char *text, gsize len)
{
  while (len > 0 && g_ascii_isspace(text[len - 1]))
    len--;
  gsize i = 0;
  while (i < len && g_ascii_isspace(text[i]))
    i++;
  if (len - i < 2)
    return FALSE;
  const gboolean opens =
      text[i] == '"' || (len - i >= 3 && (guchar)text[i] == 0xE2 && (guchar)text[i + 1] == 0x80 &&
                         (guchar)text[i + 2] == 0x9C);
  const gboolean closes =
      text[len - 1] == '"' || (len - i >= 3 && (guchar)text[len - 3] == 0xE2 &&
                               (guchar)text[len - 2] == 0x80 && (guchar)text[len - 1] == 0x9D);
  return opens && closes;
}

static void
score_units(WnSumCtx *c, const WnSumConfig *cfg, const WnSumParams *p, const WnSumDoc *docs,
            gsize n_docs, double *score, Coverage *cov)
{
  const guint n = c->n_units;
  switch (cfg->method) {
  case WN_SUM_LEAD:
    for (guint i = 0; i < n; i++)
      score[i] = 1.0 / (1.0 + c->units[i].pos);
    return;
  case WN_SUM_TEXTRANK:
    wn_sum_rank(c, WN_SUM_GRAPH_OVERLAP, score);
    return;
  case WN_SUM_LEXRANK:
    wn_sum_rank(c, WN_SUM_GRAPH_LEXRANK, score);
    return;
  case WN_SUM_SALIENCE:
    break;
  }
  double *cent = g_new(double, n), *cen = g_new(double, n), *ent = g_new(double, n);
  wn_sum_rank(c, WN_SUM_GRAPH_COSINE, cent);
  /* Support from other documents: the strongest similarity edge to a
   * sentence of each other page, summed (a fact several sources report). */
  double *cross = wn_sum_new0(double, n);
  if (n_docs > 1 && p->w_support > 0) {
    double best = 0;
    for (guint i = 0; i < n; i++) {
      for (guint e = c->nbr_off[i]; e < c->nbr_off[i + 1]; e++)
        if (c->units[c->nbr[e]].doc != c->units[i].doc)
          cross[i] = MAX(cross[i], c->nbr_w[e]);
      best = MAX(best, cross[i]);
    }
    for (guint i = 0; i < n; i++)
      cross[i] = best > 0 ? cross[i] / best : 0;
  }
  cov->count = wn_sum_new0(double, c->n_terms + 1);
  cov->factor = g_new(double, c->n_terms + 1);
  cov->mult = wn_sum_new0(double, n);
  cov->dyn = wn_sum_new0(double, n);
  for (guint t = 0; t <= c->n_terms; t++)
    cov->factor[t] = 1.0;
  const double best_freq = frequency_salience(c, cov->count, cen);
  double *rec = g_new(double, n);
  recurrence_salience(c, cov->count, rec);
  entity_salience(c, docs, n_docs, ent);
  gboolean any_entity = FALSE;
  for (guint i = 0; i < n && !any_entity; i++)
    any_entity = ent[i] > 0;
  const double w_ent = any_entity ? p->w_entities : 0;
  const double w_sup = n_docs > 1 ? p->w_support : 0;
  const double total =
      p->w_centrality + p->w_frequency + p->w_position + w_ent + p->w_recurrence + w_sup;
  double *agree = g_new(double, n_docs > 0 ? n_docs : 1);
  document_agreement(c, cov->count, n_docs, agree);
  /* pow() once per document and per early position, not once per sentence. */
  for (gsize d = 0; d < n_docs; d++)
    agree[d] = pow(agree[d], p->document_power);
  double by_pos[64];
  for (guint k = 0; k < G_N_ELEMENTS(by_pos); k++)
    by_pos[k] = -1.0;
  for (guint i = 0; i < n; i++) {
    const WnSumUnit *u = &c->units[i];
    double pos;
    if (u->pos < G_N_ELEMENTS(by_pos)) {
      if (by_pos[u->pos] < 0)
        by_pos[u->pos] = pow(1.0 + u->pos, -p->position_decay);
      pos = by_pos[u->pos];
    } else {
      pos = pow(1.0 + u->pos, -p->position_decay);
    }
    double s = p->w_centrality * cent[i] + p->w_frequency * cen[i] + p->w_position * pos +
               w_ent * ent[i] + p->w_recurrence * rec[i] + w_sup * cross[i];
    s = total > 0 ? s / total : 0;
    double lf = 1.0;
    if (p->length_knee > 0 && u->n_words < p->length_knee)
      lf = u->n_words / p->length_knee;
    lf *= agree[u->doc]; /* raised to document_power above */
    if (is_fragment(docs[u->doc].text + u->start, u->end - u->start))
      lf *= p->fragment_factor;
    else if (is_bare_quote(docs[u->doc].text + u->start, u->end - u->start))
      lf *= p->quote_factor;
    if (p->length_power != 0 && u->n_words > 0)
      lf *= pow(u->n_words / 20.0, -p->length_power);
    score[i] = s * lf;
    if (total > 0 && best_freq > 0 && u->n_content > 0) {
      cov->mult[i] = p->w_frequency / total * lf / best_freq / u->n_content;
      cov->dyn[i] = p->w_frequency / total * lf * cen[i];
    }
  }
  g_free(cent);
  g_free(cen);
  g_free(ent);
  g_free(agree);
  g_free(rec);
  g_free(cross);
}

/* ---- the lazy greedy selection ---- */

typedef struct {
  double v;
  guint u;
} HeapItem;

static gboolean
heap_above(const HeapItem *a, const HeapItem *b)
{
  return a->v > b->v || (a->v == b->v && a->u < b->u);
}

static void
heap_push(GArray *h, HeapItem item)
{
  g_array_append_val(h, item);
  HeapItem *a = (HeapItem *)h->data;
  guint k = h->len - 1;
  while (k > 0) {
    const guint parent = (k - 1) / 2;
    if (!heap_above(&a[k], &a[parent]))
      break;
    const HeapItem t = a[k];
    a[k] = a[parent];
    a[parent] = t;
    k = parent;
  }
}

static HeapItem
heap_pop(GArray *h)
{
  HeapItem *a = (HeapItem *)h->data;
  const HeapItem top = a[0];
  a[0] = a[h->len - 1];
  g_array_set_size(h, h->len - 1);
  a = (HeapItem *)h->data;
  guint k = 0;
  for (;;) {
    const guint l = 2 * k + 1, r = l + 1;
    guint best = k;
    if (l < h->len && heap_above(&a[l], &a[best]))
      best = l;
    if (r < h->len && heap_above(&a[r], &a[best]))
      best = r;
    if (best == k)
      break;
    const HeapItem t = a[k];
    a[k] = a[best];
    a[best] = t;
    k = best;
  }
  return top;
}

static gboolean
near_duplicate(const WnSumCtx *c, const WnSumParams *p, guint i, guint j, double cosine,
               guint common)
{
  const guint smaller = MIN(c->units[i].n, c->units[j].n);
  if (cosine >= p->dup_cosine)
    return TRUE;
  return common >= MIN_SHARED_FOR_CONTAINMENT && smaller > 0 &&
         (double)common / smaller >= p->dup_containment;
}

/* Lowers the frequency part of every sentence sharing a term with the chosen
 * unit i. A term's weight falls by coverage_decay each time, and to zero once
 * it is small, so each term is revisited a bounded number of times and the
 * total work stays linear in the number of (sentence, term) pairs. */
static guint64
cover(const WnSumCtx *c, const WnSumParams *p, Coverage *cov, guint i)
{
  const WnSumUnit *u = &c->units[i];
  guint64 updates = 0;
  if (p->coverage_decay >= 1.0)
    return 0; /* no update asked for */
  for (guint k = 0; k < u->n; k++) {
    const guint t = c->term[u->off + k];
    const double old = cov->factor[t];
    if (old <= 0)
      continue;
    double now = old * p->coverage_decay;
    if (now < COVERAGE_FLOOR)
      now = 0;
    cov->factor[t] = now;
    const double delta = old - now;
    const guint *post = c->post_unit + c->post_off[t];
    const float *pw = c->post_w + c->post_off[t];
    for (guint q = 0; q < c->df[t]; q++) {
      const guint j = post[q];
      const double tf = pw[q] / c->idf[t];
      cov->dyn[j] -= cov->mult[j] * delta * tf * (cov->count[t] - tf);
      updates++;
    }
  }
  return updates;
}

/* Three consecutive content words, as one key. */
static guint64
shingle_key(const guint *t)
{
  if (t[0] < (1u << 21) && t[1] < (1u << 21) && t[2] < (1u << 21))
    return (guint64)t[0] | (guint64)t[1] << 21 | (guint64)t[2] << 42;
  return (((guint64)t[0] * 0x9E3779B97F4A7C15ull) ^ ((guint64)t[1] * 0xC2B2AE3D27D4EB4Full) ^
          (guint64)t[2]) |
         (1ull << 63);
}

static void
add_shingles(const WnSumCtx *c, WnU64Map *set, guint i)
{
  const WnSumUnit *u = &c->units[i];
  for (guint k = 0; k + 3 <= u->n_content; k++)
    wn_u64map_put(set, shingle_key(c->seq + u->seq_off + k), 1);
}

/* TRUE when unit i repeats word runs already chosen: the share of its content
 * words (weighted by idf, so names said everywhere weigh little) that lie in a
 * run of three words found in a chosen sentence reaches dup_quote. This is what
 * catches one remark quoted by several pages with different attributions
 * ("...," the mayor said / "...," she told reporters). */
static gboolean
repeats_chosen(const WnSumCtx *c, const WnSumParams *p, const WnU64Map *set, guint i)
{
  const WnSumUnit *u = &c->units[i];
  if (u->n_content < 3 || set->used == 0 || p->dup_quote <= 0)
    return FALSE;
  const guint *seq = c->seq + u->seq_off;
  double covered = 0, total = 0;
  guint covered_to = 0; /* positions below this are covered */
  for (guint k = 0; k < u->n_content; k++) {
    if (k + 3 <= u->n_content) {
      const guint64 key = shingle_key(seq + k);
      if (wn_u64map_get(set, key) != G_MAXUINT32)
        covered_to = k + 3;
    }
    total += c->idf[seq[k]];
    if (k < covered_to)
      covered += c->idf[seq[k]];
  }
  return total > 0 && covered / total >= p->dup_quote;
}

static gint
cmp_pick(gconstpointer a, gconstpointer b)
{
  const WnSumPick *x = a, *y = b;
  if (x->doc != y->doc)
    return x->doc < y->doc ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->sentence > y->sentence) - (x->sentence < y->sentence);
}

GArray *
wn_summarize(const WnSumConfig *cfg, const WnSumDoc *docs, gsize n_docs, WnSumStats *stats,
             GError **error)
{
  const WnSumParams *p = cfg->params != NULL ? cfg->params : &wn_sum_default_params;
  WnSumCtx c = {0};
  c.stats = stats;
  if (!wn_sum_ctx_build(&c, docs, n_docs, cfg->language, cfg->pool, error)) {
    wn_sum_ctx_clear(&c);
    return NULL;
  }
  GArray *picks = g_array_new(FALSE, FALSE, sizeof(WnSumPick));
  const guint n = c.n_units;

  /* Eligibility: usable and long enough; if nothing is long enough, any usable. */
  guint n_eligible = 0;
  guint64 total_words = 0;
  for (guint i = 0; i < n; i++) {
    WnSumUnit *u = &c.units[i];
    u->eligible = u->usable && u->n_words >= cfg->min_sentence_words && !u->is_title;
    n_eligible += u->eligible;
  }
  if (n_eligible == 0)
    for (guint i = 0; i < n; i++) {
      c.units[i].eligible = c.units[i].usable && !c.units[i].is_title;
      n_eligible += c.units[i].eligible;
    }
  for (guint i = 0; i < n; i++)
    if (c.units[i].eligible)
      total_words += c.units[i].n_words;
  if (n_eligible == 0) {
    wn_sum_ctx_clear(&c);
    return picks;
  }

  guint64 word_budget = cfg->max_words > 0 ? cfg->max_words : G_MAXUINT64;
  if (cfg->ratio > 0) {
    const guint64 r = MAX((guint64)1, (guint64)floor(cfg->ratio * (double)total_words));
    word_budget = MIN(word_budget, r);
  }
  const guint max_picks = cfg->max_sentences > 0 ? cfg->max_sentences : G_MAXUINT;
  double lambda = cfg->redundancy;
  if (lambda < 0)
    lambda = cfg->method == WN_SUM_SALIENCE ? p->redundancy : 0.0;
  lambda = CLAMP(lambda, 0.0, 1.0);

  double *score = g_new(double, n);
  Coverage cov = {NULL, NULL, NULL, NULL};
  score_units(&c, cfg, p, docs, n_docs, score, &cov);
  /* The part of each score that does not change during selection. */
  double *fixed = g_new(double, n);
  for (guint i = 0; i < n; i++)
    fixed[i] = score[i] - (cov.dyn != NULL ? cov.dyn[i] : 0);

  double *pen = wn_sum_new0(double, n);
  gboolean *dup = wn_sum_new0(gboolean, n);
  WnSumAcc acc = {g_new(double, n), wn_sum_new0(guint, n), g_new(guint, n), 0};
  g_autoptr(GArray) heap = g_array_sized_new(FALSE, FALSE, sizeof(HeapItem), n_eligible);
  g_autoptr(GArray) chosen = g_array_new(FALSE, FALSE, sizeof(guint));
  WnU64Map shingles;
  wn_u64map_init(&shingles, 64);
  guint min_words = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    if (c.units[i].eligible) {
      heap_push(heap, (HeapItem){(1.0 - lambda) * score[i], i});
      min_words = MIN(min_words, c.units[i].n_words);
    }

  guint64 words_left = word_budget;
  guint64 mmr_updates = 0;
  while (heap->len > 0 && picks->len < max_picks && words_left >= min_words) {
    const HeapItem top = heap_pop(heap);
    const guint i = top.u;
    if (dup[i] || c.units[i].n_words > words_left)
      continue;
    const double now = fixed[i] + (cov.dyn != NULL ? cov.dyn[i] : 0);
    const double v = (1.0 - lambda) * now - lambda * pen[i];
    if (v < top.v - 1e-12) {
      heap_push(heap, (HeapItem){v, i});
      continue;
    }
    gboolean refused = FALSE;
    if (chosen->len <= DIRECT_CHECK_MAX)
      for (guint k = 0; k < chosen->len && !refused; k++) {
        double cosine;
        guint common;
        const guint j = g_array_index(chosen, guint, k);
        wn_sum_pair(&c, i, j, &cosine, &common);
        refused = near_duplicate(&c, p, i, j, cosine, common);
      }
    if (!refused)
      refused = repeats_chosen(&c, p, &shingles, i);
    if (refused)
      continue;

    const WnSumUnit *u = &c.units[i];
    const WnSumPick pick = {u->doc,     u->sent,   u->start, u->end, CLAMP(score[i], 0.0, 1.0),
                            u->n_words, picks->len};
    g_array_append_val(picks, pick);
    g_array_append_val(chosen, i);
    add_shingles(&c, &shingles, i);
    words_left -= u->n_words;

    /* What the new sentence says no longer counts for the others. */
    mmr_updates += wn_sum_accumulate(&c, i, &acc);
    for (guint k = 0; k < acc.n_touched; k++) {
      const guint j = acc.touched[k];
      const double cosine = acc.dot[j] / ((double)c.units[i].norm * c.units[j].norm);
      pen[j] = MAX(pen[j], cosine);
      if (near_duplicate(&c, p, i, j, cosine, acc.cnt[j]))
        dup[j] = TRUE;
    }
    wn_sum_acc_reset(&acc);
    if (cov.dyn != NULL)
      mmr_updates += cover(&c, p, &cov, i);
  }
  if (stats != NULL)
    stats->mmr_updates += mmr_updates;
  g_free(fixed);
  wn_u64map_clear(&shingles);
  g_free(cov.count);
  g_free(cov.factor);
  g_free(cov.mult);
  g_free(cov.dyn);

  g_array_sort(picks, cmp_pick);
  g_free(score);
  g_free(pen);
  g_free(dup);
  g_free(acc.dot);
  g_free(acc.cnt);
  g_free(acc.touched);
  wn_sum_ctx_clear(&c);
  return picks;
}

void
wn_sum_similarity(const char *language, const char *a, gsize a_len, const char *b, gsize b_len,
                  double *cosine, double *containment)
{
  g_autoptr(WnSumTokenizer) tok = wn_sum_tokenizer_new(language, NULL);
  g_autoptr(GArray) ia = g_array_new(FALSE, FALSE, sizeof(guint));
  g_autoptr(GArray) ib = g_array_new(FALSE, FALSE, sizeof(guint));
  wn_sum_tokenizer_add(tok, a, a_len, ia, NULL);
  wn_sum_tokenizer_add(tok, b, b_len, ib, NULL);
  const guint nt = wn_sum_tokenizer_n_terms(tok);
  double *ta = wn_sum_new0(double, nt + 1), *tb = wn_sum_new0(double, nt + 1);
  for (guint k = 0; k < ia->len; k++)
    ta[g_array_index(ia, guint, k)] += 1;
  for (guint k = 0; k < ib->len; k++)
    tb[g_array_index(ib, guint, k)] += 1;
  double dot = 0, na = 0, nb = 0;
  guint da = 0, db = 0, shared = 0;
  for (guint t = 0; t < nt; t++) {
    dot += ta[t] * tb[t];
    na += ta[t] * ta[t];
    nb += tb[t] * tb[t];
    da += ta[t] > 0;
    db += tb[t] > 0;
    shared += ta[t] > 0 && tb[t] > 0;
  }
  *cosine = na > 0 && nb > 0 ? dot / sqrt(na * nb) : 0;
  *containment = MIN(da, db) > 0 ? (double)shared / MIN(da, db) : 0;
  g_free(ta);
  g_free(tb);
}
