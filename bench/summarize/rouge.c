/* rouge.c: ROUGE-1/2/L for the summarizer's benchmark (see rouge.h). */
#include "rouge.h"

#include <libstemmer.h>
#include <string.h>

struct _WnRougeScorer {
  struct sb_stemmer *stemmer; /* NULL without stemming; one scorer per thread */
  guint cand_limit, ref_limit;
  GHashTable *ids; /* token -> id + 1, shared across calls so ids stay small */
};

WnRougeScorer *
wn_rouge_scorer_new(gboolean stem, guint max_words)
{
  WnRougeScorer *s = g_new0(WnRougeScorer, 1);
  if (stem)
    s->stemmer = sb_stemmer_new("english", "UTF_8");
  s->cand_limit = s->ref_limit = max_words;
  s->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  return s;
}

void
wn_rouge_scorer_set_limits(WnRougeScorer *s, guint candidate_words, guint reference_words)
{
  s->cand_limit = candidate_words;
  s->ref_limit = reference_words;
}

void
wn_rouge_scorer_free(WnRougeScorer *s)
{
  if (s == NULL)
    return;
  if (s->stemmer != NULL)
    sb_stemmer_delete(s->stemmer);
  g_hash_table_destroy(s->ids);
  g_free(s);
}

/* The first max_words whitespace-separated words of text, as a length. */
static gsize
cut_length(const char *text, guint max_words)
{
  const gsize len = strlen(text);
  if (max_words == 0)
    return len;
  guint n = 0;
  gboolean in_word = FALSE;
  for (gsize i = 0; i < len; i++) {
    const gboolean space = g_ascii_isspace(text[i]);
    if (!space && !in_word && ++n > max_words)
      return i;
    in_word = !space;
  }
  return len;
}

/* Calls `fn` on each (stemmed) token of the limited text. */
static void
each_token(WnRougeScorer *s, const char *text, guint limit,
           void (*fn)(const char *, gsize, gpointer), gpointer data)
{
  const gsize len = cut_length(text, limit);
  GString *tok = g_string_new(NULL);
  for (gsize i = 0; i <= len; i++) {
    const char ch = i < len ? text[i] : ' ';
    if (g_ascii_isalnum(ch)) {
      g_string_append_c(tok, g_ascii_tolower(ch));
      continue;
    }
    if (tok->len == 0)
      continue;
    if (s->stemmer != NULL && tok->len > 3) {
      const sb_symbol *st = sb_stemmer_stem(s->stemmer, (const sb_symbol *)tok->str, (int)tok->len);
      fn((const char *)st, (gsize)sb_stemmer_length(s->stemmer), data);
    } else {
      fn(tok->str, tok->len, data);
    }
    g_string_truncate(tok, 0);
  }
  g_string_free(tok, TRUE);
}

typedef struct {
  WnRougeScorer *s;
  GArray *ids;
} IdCollect;

static void
collect_id(const char *tok, gsize len, gpointer data)
{
  IdCollect *c = data;
  g_autofree char *key = g_strndup(tok, len);
  guint id = GPOINTER_TO_UINT(g_hash_table_lookup(c->s->ids, key));
  if (id == 0) {
    id = g_hash_table_size(c->s->ids) + 1;
    g_hash_table_insert(c->s->ids, g_steal_pointer(&key), GUINT_TO_POINTER(id));
  }
  g_array_append_val(c->ids, id);
}

static GArray *
token_ids(WnRougeScorer *s, const char *text, guint limit)
{
  IdCollect c = {s, g_array_new(FALSE, FALSE, sizeof(guint))};
  each_token(s, text, limit, collect_id, &c);
  return c.ids;
}

static void
collect_str(const char *tok, gsize len, gpointer data)
{
  g_ptr_array_add(data, g_strndup(tok, len));
}

char **
wn_rouge_tokens(WnRougeScorer *s, const char *text)
{
  GPtrArray *out = g_ptr_array_new();
  each_token(s, text, s->cand_limit, collect_str, out);
  g_ptr_array_add(out, NULL);
  return (char **)g_ptr_array_free(out, FALSE);
}

static WnRougeScore
make_score(double overlap, double n_candidate, double n_reference)
{
  WnRougeScore r = {0, 0, 0};
  r.precision = n_candidate > 0 ? overlap / n_candidate : 0;
  r.recall = n_reference > 0 ? overlap / n_reference : 0;
  r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0;
  return r;
}

/* Clipped n-gram overlap: each n-gram counts min(candidate, reference) times. */
static WnRougeScore
rouge_n(const GArray *cand, const GArray *ref, guint n)
{
  if (cand->len < n || ref->len < n)
    return make_score(0, cand->len >= n ? cand->len - n + 1 : 0,
                      ref->len >= n ? ref->len - n + 1 : 0);
  g_autoptr(GHashTable) counts = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i + n <= ref->len; i++) {
    guint64 key = 0;
    for (guint k = 0; k < n; k++)
      key = (key << 32) | g_array_index(ref, guint, i + k);
    gpointer old = g_hash_table_lookup(counts, &key);
    if (old == NULL)
      g_hash_table_insert(counts, g_memdup2(&key, sizeof key), GUINT_TO_POINTER(1));
    else
      g_hash_table_replace(counts, g_memdup2(&key, sizeof key),
                           GUINT_TO_POINTER(GPOINTER_TO_UINT(old) + 1));
  }
  guint overlap = 0;
  for (guint i = 0; i + n <= cand->len; i++) {
    guint64 key = 0;
    for (guint k = 0; k < n; k++)
      key = (key << 32) | g_array_index(cand, guint, i + k);
    gpointer left = g_hash_table_lookup(counts, &key);
    if (left != NULL) {
      overlap++;
      const guint rest = GPOINTER_TO_UINT(left) - 1;
      if (rest == 0)
        g_hash_table_remove(counts, &key);
      else
        g_hash_table_replace(counts, g_memdup2(&key, sizeof key), GUINT_TO_POINTER(rest));
    }
  }
  return make_score(overlap, cand->len - n + 1, ref->len - n + 1);
}

/* Longest common subsequence length, two rows of the usual table. */
static guint
lcs(const GArray *a, const GArray *b)
{
  guint *prev = g_new0(guint, b->len + 1), *cur = g_new0(guint, b->len + 1);
  for (guint i = 1; i <= a->len; i++) {
    for (guint j = 1; j <= b->len; j++) {
      if (g_array_index(a, guint, i - 1) == g_array_index(b, guint, j - 1))
        cur[j] = prev[j - 1] + 1;
      else
        cur[j] = MAX(prev[j], cur[j - 1]);
    }
    guint *t = prev;
    prev = cur;
    cur = t;
  }
  const guint n = prev[b->len];
  g_free(prev);
  g_free(cur);
  return n;
}

void
wn_rouge_score(WnRougeScorer *s, const char *candidate, const char *reference, WnRouge *out)
{
  g_autoptr(GArray) cand = token_ids(s, candidate, s->cand_limit);
  g_autoptr(GArray) ref = token_ids(s, reference, s->ref_limit);
  out->rouge1 = rouge_n(cand, ref, 1);
  out->rouge2 = rouge_n(cand, ref, 2);
  out->rougeL = make_score(lcs(cand, ref), cand->len, ref->len);
}
