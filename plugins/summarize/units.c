/* units.c: builds the summarizer's view of its input: one unit per sentence
 * with its stemmed content terms (distinct, sorted, with counts), exact
 * duplicates folded, document frequencies, idf weights and the inverted index
 * that keeps every later comparison sparse. */
#include "units-private.h"
#include "u64map.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

guint
wn_sum_count_words(const char *text, gsize len)
{
  guint n = 0;
  gboolean in_word = FALSE;
  for (gsize i = 0; i < len; i++) {
    const gboolean space = g_ascii_isspace(text[i]);
    if (!space && !in_word)
      n++;
    in_word = !space;
  }
  return n;
}

static int
cmp_guint(gconstpointer a, gconstpointer b)
{
  const guint x = *(const guint *)a, y = *(const guint *)b;
  return (x > y) - (x < y);
}

/* Sorts a sentence's term ids: insertion sort for the usual dozen or two (no
 * call per comparison), qsort for long ones so no input takes quadratic time. */
static void
sort_ids(guint *id, guint n)
{
  if (n > 48) {
    qsort(id, n, sizeof(guint), cmp_guint);
    return;
  }
  for (guint i = 1; i < n; i++) {
    const guint v = id[i];
    guint j = i;
    for (; j > 0 && id[j - 1] > v; j--)
      id[j] = id[j - 1];
    id[j] = v;
  }
}

typedef struct {
  const WnSpan *spans;
} SortCtx;

static int
cmp_span_index(gconstpointer a, gconstpointer b, gpointer data)
{
  const WnSpan *spans = data;
  const guint x = *(const guint *)a, y = *(const guint *)b;
  if (spans[x].start != spans[y].start)
    return spans[x].start < spans[y].start ? -1 : 1;
  return (x > y) - (x < y);
}

static guint64
hash_terms(const guint *terms, const float *tf, guint n)
{
  guint64 h = 1469598103934665603ull;
  for (guint k = 0; k < n; k++) {
    h = (h ^ terms[k]) * 1099511628211ull;
    h = (h ^ (guint64)tf[k]) * 1099511628211ull;
  }
  return h;
}

static gboolean
same_terms(const WnSumCtx *c, const WnSumUnit *a, const WnSumUnit *b)
{
  if (a->n != b->n)
    return FALSE;
  return memcmp(c->term + a->off, c->term + b->off, a->n * sizeof(guint)) == 0 &&
         memcmp(c->tf + a->off, c->tf + b->off, a->n * sizeof(float)) == 0;
}

/* TRUE when text[0..len) and title are the same once outer whitespace goes. */
static gboolean
same_trimmed(const char *title, const char *text, gsize len)
{
  if (title == NULL)
    return FALSE;
  gsize tl = strlen(title);
  while (tl > 0 && g_ascii_isspace(title[tl - 1]))
    tl--;
  while (tl > 0 && g_ascii_isspace(*title)) {
    title++;
    tl--;
  }
  while (len > 0 && g_ascii_isspace(text[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace(*text)) {
    text++;
    len--;
  }
  return tl > 0 && tl == len && memcmp(title, text, len) == 0;
}

gboolean
wn_sum_ctx_build(WnSumCtx *c, const WnSumDoc *docs, gsize n_docs, const char *language,
                 WnSumCachePool *pool, GError **error)
{
  g_autoptr(WnSumTokenizer) tok = wn_sum_tokenizer_new(language, pool);
  /* Sized once from the input (about one content word per 8 bytes of news
   * text) so the arrays rarely grow. */
  gsize n_spans = 0, n_bytes = 0;
  for (gsize d = 0; d < n_docs; d++) {
    n_spans += docs[d].n_sentences;
    n_bytes += docs[d].len;
  }
  /* Plain buffers rather than GArrays: the loop below adds a few values per
   * word, and an append call for each was a large share of the stage's time.
   * Sized once from the input (about one content word per 8 bytes of news
   * text), grown by doubling when a sentence would not fit. */
  gsize cap = MIN(n_bytes / 8 + 16, (gsize)1 << 24), n_occ = 0, n_seq = 0;
  guint *terms = g_new(guint, cap);
  float *tfs = g_new(float, cap);
  guint *seq = g_new(guint, cap);
  WnSumUnit *units = wn_sum_new0(WnSumUnit, n_spans > 0 ? n_spans : 1);
  guint n_units = 0;
  g_autoptr(GArray) ids = g_array_sized_new(FALSE, FALSE, sizeof(guint), 256);
  g_autoptr(GArray) order = g_array_new(FALSE, FALSE, sizeof(guint));

  for (gsize d = 0; d < n_docs; d++) {
    const WnSumDoc *doc = &docs[d];
    if (doc->n_sentences > 0 && doc->sentences == NULL) {
      g_set_error(error, WN_ERROR, WN_ERROR_STAGE,
                  "document %s: %" G_GSIZE_FORMAT " sentences announced but no spans given",
                  doc->id ? doc->id : "(no id)", doc->n_sentences);
      goto fail;
    }
    /* Spans are expected in text order; sort an index in case they are not. */
    g_array_set_size(order, doc->n_sentences);
    gboolean sorted = TRUE;
    for (gsize s = 0; s < doc->n_sentences; s++) {
      const WnSpan *sp = &doc->sentences[s];
      if (sp->start > sp->end || sp->end > doc->len) {
        g_set_error(error, WN_ERROR, WN_ERROR_STAGE,
                    "document %s: sentence %" G_GSIZE_FORMAT " spans bytes %" G_GSIZE_FORMAT
                    "..%" G_GSIZE_FORMAT " outside the text of %" G_GSIZE_FORMAT
                    " bytes; the stage that made the sentences layer is at fault",
                    doc->id ? doc->id : "(no id)", s, sp->start, sp->end, doc->len);
        goto fail;
      }
      g_array_index(order, guint, s) = (guint)s;
      if (s > 0 && doc->sentences[s - 1].start > sp->start)
        sorted = FALSE;
    }
    if (!sorted)
      g_array_sort_with_data(order, cmp_span_index, (gpointer)doc->sentences);

    for (gsize k = 0; k < doc->n_sentences; k++) {
      const guint s = g_array_index(order, guint, k);
      const WnSpan *sp = &doc->sentences[s];
      WnSumUnit *u = &units[n_units++];
      u->doc = (guint)d;
      u->sent = s;
      u->pos = (guint)k;
      u->start = sp->start;
      u->end = sp->end;
      g_array_set_size(ids, 0);
      u->is_title = same_trimmed(doc->title, doc->text + sp->start, sp->end - sp->start);
      u->n_tokens =
          wn_sum_tokenizer_add(tok, doc->text + sp->start, sp->end - sp->start, ids, &u->n_words);
      const guint n_ids = ids->len;
      guint *id = (guint *)ids->data;
      if (n_seq + n_ids > cap || n_occ + n_ids > cap) {
        while (n_seq + n_ids > cap || n_occ + n_ids > cap)
          cap *= 2;
        terms = g_renew(guint, terms, cap);
        tfs = g_renew(float, tfs, cap);
        seq = g_renew(guint, seq, cap);
      }
      u->n_content = n_ids;
      u->seq_off = (guint)n_seq;
      memcpy(seq + n_seq, id, n_ids * sizeof(guint));
      n_seq += n_ids;
      sort_ids(id, n_ids);
      u->off = (guint)n_occ;
      for (guint i = 0; i < n_ids; i++) {
        if (i > 0 && id[i] == id[i - 1]) {
          tfs[n_occ - 1] += 1.0f;
          continue;
        }
        terms[n_occ] = id[i];
        tfs[n_occ++] = 1.0f;
      }
      u->n = (guint)n_occ - u->off;
    }
  }

  c->n_units = n_units;
  c->n_occ = (guint)n_occ;
  c->n_terms = wn_sum_tokenizer_n_terms(tok);
  c->units = units;
  c->term = terms;
  c->seq = seq;
  c->tf = tfs;

  /* Exact duplicates (same content words, same counts) would only compete
   * with themselves: keep the first. */
  WnU64Map seen;
  wn_u64map_init(&seen, c->n_units);
  for (guint i = 0; i < c->n_units; i++) {
    WnSumUnit *u = &c->units[i];
    u->usable = u->n > 0;
    if (!u->usable)
      continue;
    const guint64 h = hash_terms(c->term + u->off, c->tf + u->off, u->n);
    const guint32 first = wn_u64map_put(&seen, h, i);
    /* Same hash and same terms: a repeat. (A collision with different terms
     * keeps both: only the first of them is looked at again.) */
    if (first != i && same_terms(c, &c->units[first], u))
      u->usable = FALSE;
  }
  wn_u64map_clear(&seen);

  /* Document frequencies over usable units, then the postings (unit ids in
   * ascending order, so a unit's rank in a posting list is its order of
   * arrival). */
  c->df = wn_sum_new0(guint, c->n_terms + 1);
  for (guint i = 0; i < c->n_units; i++) {
    const WnSumUnit *u = &c->units[i];
    if (u->usable)
      for (guint k = 0; k < u->n; k++)
        c->df[c->term[u->off + k]]++;
  }
  c->post_off = g_new(guint, c->n_terms + 1);
  guint acc = 0;
  for (guint t = 0; t < c->n_terms; t++) {
    c->post_off[t] = acc;
    acc += c->df[t];
  }
  c->post_off[c->n_terms] = acc;
  c->post_unit = g_new(guint, acc > 0 ? acc : 1);
  c->post_w = g_new(float, acc > 0 ? acc : 1);
  c->rank = wn_sum_new0(guint, c->n_occ > 0 ? c->n_occ : 1);
  guint *fill = wn_sum_new0(guint, c->n_terms + 1);
  for (guint i = 0; i < c->n_units; i++) {
    const WnSumUnit *u = &c->units[i];
    if (!u->usable)
      continue;
    for (guint k = 0; k < u->n; k++) {
      const guint t = c->term[u->off + k];
      c->rank[u->off + k] = fill[t];
      c->post_w[c->post_off[t] + fill[t]] = c->tf[u->off + k];
      c->post_unit[c->post_off[t] + fill[t]++] = i;
    }
  }
  g_free(fill);

  /* idf within the input itself: there is no background corpus to ship. */
  guint n_usable = 0;
  for (guint i = 0; i < c->n_units; i++)
    n_usable += c->units[i].usable;
  c->n_usable = n_usable;
  /* Most terms share a handful of small document frequencies: one log per
   * distinct small df, not one per term. */
  float by_df[64];
  for (guint f = 0; f < G_N_ELEMENTS(by_df); f++)
    by_df[f] = -1.0f;
  c->idf = g_new(float, c->n_terms + 1);
  for (guint t = 0; t < c->n_terms; t++) {
    const guint df = c->df[t];
    if (df == 0) {
      c->idf[t] = 0.0f;
    } else if (df < G_N_ELEMENTS(by_df)) {
      if (by_df[df] < 0)
        by_df[df] = (float)log(1.0 + (double)n_usable / df);
      c->idf[t] = by_df[df];
    } else {
      c->idf[t] = (float)log(1.0 + (double)n_usable / df);
    }
  }

  c->w = g_new(float, c->n_occ > 0 ? c->n_occ : 1);
  for (guint i = 0; i < c->n_units; i++) {
    WnSumUnit *u = &c->units[i];
    double norm = 0;
    for (guint k = 0; k < u->n; k++) {
      const float w = c->tf[u->off + k] * c->idf[c->term[u->off + k]];
      c->w[u->off + k] = w;
      norm += (double)w * w;
    }
    u->norm = (float)sqrt(norm);
    for (guint k = 0; k < u->n; k++) {
      const guint t = c->term[u->off + k];
      if (u->usable)
        c->post_w[c->post_off[t] + c->rank[u->off + k]] *= c->idf[t];
    }
    if (u->norm <= 0)
      u->usable = FALSE; /* only terms found in every sentence of a one-unit input */
  }
  if (c->stats != NULL) {
    c->stats->n_units += c->n_units;
    c->stats->n_term_occ += c->n_occ;
  }
  return TRUE;

fail:
  g_free(terms);
  g_free(tfs);
  g_free(seq);
  g_free(units);
  return FALSE;
}

void
wn_sum_ctx_clear(WnSumCtx *c)
{
  g_free(c->units);
  g_free(c->term);
  g_free(c->seq);
  g_free(c->tf);
  g_free(c->w);
  g_free(c->rank);
  g_free(c->df);
  g_free(c->idf);
  g_free(c->post_off);
  g_free(c->post_unit);
  g_free(c->post_w);
  g_free(c->nbr_off);
  g_free(c->nbr);
  g_free(c->nbr_w);
  memset(c, 0, sizeof *c);
}

/* Accumulates the dot products of unit i with every unit sharing a term with
 * it, sparsely: a term found in at most WN_SUM_FULL_DF units pairs i with all
 * of them (cost bounded by WN_SUM_FULL_DF per occurrence); a commoner term
 * (low idf, little weight) only pairs i with its WN_SUM_WINDOW nearest
 * neighbours on each side in that term's posting list. So the work is linear
 * in the number of (sentence, term) pairs, whatever the input's length. */
guint64
wn_sum_accumulate(const WnSumCtx *c, guint i, WnSumAcc *a)
{
  const WnSumUnit *u = &c->units[i];
  guint64 n_updates = 0;
  for (guint k = 0; k < u->n; k++) {
    const guint t = c->term[u->off + k];
    const guint df = c->df[t];
    const float wi = c->w[u->off + k];
    guint lo = 0, hi = df;
    if (df > WN_SUM_FULL_DF) {
      const guint r = c->rank[u->off + k];
      lo = r > WN_SUM_WINDOW ? r - WN_SUM_WINDOW : 0;
      hi = MIN(df, r + WN_SUM_WINDOW + 1);
    }
    const guint *post = c->post_unit + c->post_off[t];
    const float *pw = c->post_w + c->post_off[t];
    for (guint p = lo; p < hi; p++) {
      const guint j = post[p];
      if (j == i)
        continue;
      if (a->cnt[j] == 0) {
        a->touched[a->n_touched++] = j;
        a->dot[j] = 0;
      }
      a->cnt[j]++;
      a->dot[j] += wi * pw[p];
      n_updates++;
    }
  }
  return n_updates;
}

void
wn_sum_acc_reset(WnSumAcc *a)
{
  for (guint k = 0; k < a->n_touched; k++)
    a->cnt[a->touched[k]] = 0;
  a->n_touched = 0;
}

void
wn_sum_pair(const WnSumCtx *c, guint i, guint j, double *cosine, guint *common)
{
  const WnSumUnit *a = &c->units[i], *b = &c->units[j];
  guint x = 0, y = 0, n = 0;
  double dot = 0;
  while (x < a->n && y < b->n) {
    const guint ta = c->term[a->off + x], tb = c->term[b->off + y];
    if (ta == tb) {
      dot += (double)c->w[a->off + x] * c->w[b->off + y];
      n++;
      x++;
      y++;
    } else if (ta < tb) {
      x++;
    } else {
      y++;
    }
  }
  *common = n;
  *cosine = a->norm > 0 && b->norm > 0 ? dot / ((double)a->norm * b->norm) : 0;
}
