/* model.c: the tagger's weights and their file format.
 *
 * File layout (all little-endian):
 *   "WNENTMDL"  magic, 8 bytes
 *   u32 version (WN_ENT_MODEL_VERSION), u32 n_tags, u32 hash_bits, u32 n_features
 *   f32 scale  (a stored weight w means w * scale)
 *   f32 transitions[(n_tags + 1) * n_tags]  (last row: from the sentence start)
 *   u32 keys[n_features]  (feature buckets, strictly increasing)
 *   i16 weights[n_features * n_tags]
 *   u32 checksum  (FNV-1a 32 of every byte before it)
 * In memory the weights are one dense row of 8 int16 per bucket (16 bytes, so a
 * lookup is one aligned load and no probing); buckets missing from the file are
 * zero. */
#include "ent.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define HEADER_SIZE (8 + 4 * 4 + 4)
#define N_TRANS ((WN_ENT_N_TAGS + 1) * WN_ENT_N_TAGS)

#define ROW 8 /* int16 per bucket: N_TAGS rounded up */
G_STATIC_ASSERT(WN_ENT_N_TAGS <= ROW);
#define MAX_HASH_BITS 22

struct _WnEntModel {
  guint serial; /* unique per model made, for caches keyed by model */
  guint hash_bits;
  guint n_feats;
  gint16 *rows; /* (1 << hash_bits) * ROW, 16-byte aligned */
  float scale;
  float trans[N_TRANS];
};

static WnEntModel *
model_alloc(guint hash_bits, guint n_feats)
{
  static gint next_serial = 0;
  WnEntModel *m = g_new0(WnEntModel, 1);
  m->serial = (guint)g_atomic_int_add(&next_serial, 1) + 1;
  m->hash_bits = hash_bits;
  m->n_feats = n_feats;
  m->rows = g_new0(gint16, ((gsize)1 << hash_bits) * ROW);
  return m;
}

static inline gint16 *
model_row(const WnEntModel *m, guint32 key)
{
  return &m->rows[(gsize)key * ROW];
}

static gboolean
row_is_zero(const gint16 *row)
{
  for (guint t = 0; t < WN_ENT_N_TAGS; t++)
    if (row[t] != 0)
      return FALSE;
  return TRUE;
}

void
wn_ent_model_free(WnEntModel *model)
{
  if (model == NULL)
    return;
  g_free(model->rows);
  g_free(model);
}

WnEntModel *
wn_ent_model_new_from_dense(guint hash_bits, const float *w, const float *trans, float prune)
{
  gsize n_buckets = (gsize)1 << hash_bits;
  guint n = 0;
  float max_abs = 1e-6f;
  for (gsize b = 0; b < n_buckets; b++) {
    float m = 0;
    for (guint t = 0; t < WN_ENT_N_TAGS; t++)
      m = MAX(m, fabsf(w[b * WN_ENT_N_TAGS + t]));
    if (m > 0 && m >= prune)
      n++;
    max_abs = MAX(max_abs, m);
  }
  WnEntModel *model = model_alloc(hash_bits, n);
  model->scale = max_abs / 32767.0f;
  for (gsize b = 0; b < n_buckets; b++) {
    const float *row = &w[b * WN_ENT_N_TAGS];
    float m = 0;
    for (guint t = 0; t < WN_ENT_N_TAGS; t++)
      m = MAX(m, fabsf(row[t]));
    if (m == 0 || m < prune)
      continue;
    gint16 *r = model_row(model, (guint32)b);
    for (guint t = 0; t < WN_ENT_N_TAGS; t++)
      r[t] = (gint16)lrintf(row[t] / model->scale);
    if (row_is_zero(r))
      model->n_feats--; /* rounded away */
  }
  memcpy(model->trans, trans, sizeof model->trans);
  return model;
}

guint
wn_ent_model_hash_bits(const WnEntModel *model)
{
  return model->hash_bits;
}

guint
wn_ent_model_n_features(const WnEntModel *model)
{
  return model->n_feats;
}

const float *
wn_ent_model_transitions(const WnEntModel *model)
{
  return model->trans;
}

void
wn_ent_model_add_weights(const WnEntModel *model, guint32 f, float *scores)
{
  const gint16 *r = model_row(model, f & ((1u << model->hash_bits) - 1));
  for (guint t = 0; t < WN_ENT_N_TAGS; t++)
    scores[t] += r[t] * model->scale;
}

/* ---- emissions ------------------------------------------------------------ */

/* Per-thread cache of what one word adds to the scores: the summed rows of its
 * WORD features and copies of the four rows its NEIGHBOURS features add to
 * the tokens around it. Words repeat (Zipf), so most tokens skip 15 of their
 * ~30 feature hashes and row loads. Sums are integers, so the scores are
 * exactly those of summing every row one by one. Direct-mapped; an entry is
 * only trusted when both hashes, the length and the caseless bit agree, and
 * the whole cache is dropped when another model comes along. */
#define CACHE_BITS 11

typedef struct {
  guint64 hexact, hlower;
  guint32 key; /* length, top bit: caseless; 0 = empty */
  gint32 word[ROW];
  gint16 neigh[4][ROW];
} CacheEntry;

typedef struct {
  guint serial;
  CacheEntry e[1u << CACHE_BITS];
} WordCache;

static GPrivate word_cache_key = G_PRIVATE_INIT(g_free);

static WordCache *
word_cache_get(const WnEntModel *model)
{
  WordCache *c = g_private_get(&word_cache_key);
  if (c == NULL) {
    c = g_new0(WordCache, 1);
    g_private_set(&word_cache_key, c);
  }
  if (c->serial != model->serial) {
    memset(c->e, 0, sizeof c->e);
    c->serial = model->serial;
  }
  return c;
}

static inline void
add_row16(gint32 *acc, const gint16 *r)
{
#ifdef __SSE2__
  /* 8 int16 widened to int32 (sign kept by shifting them into the high halves
   * and back): the same integer sums as the plain loop. */
  __m128i v = _mm_loadu_si128((const __m128i *)r);
  __m128i lo = _mm_loadu_si128((const __m128i *)acc),
          hi = _mm_loadu_si128((const __m128i *)(acc + 4));
  lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
  hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16));
  _mm_storeu_si128((__m128i *)acc, lo);
  _mm_storeu_si128((__m128i *)(acc + 4), hi);
#else
  for (guint t = 0; t < ROW; t++)
    acc[t] += r[t];
#endif
}

static inline void
add_row32(gint32 *acc, const gint32 *r)
{
  for (guint t = 0; t < ROW; t++)
    acc[t] += r[t];
}

static inline CacheEntry *
cache_slot(WordCache *c, guint64 hexact)
{
  return &c->e[(hexact * 0x9e3779b97f4a7c15ULL) >> (64 - CACHE_BITS)];
}

static const CacheEntry *
word_entry(const WnEntModel *model, WordCache *c, const WnEntDoc *doc, guint first, guint last,
           guint i)
{
  const WnEntTok *t = &g_array_index(doc->toks, WnEntTok, i);
  gsize len = t->end - t->start;
  guint32 key =
      (guint32)MIN(len, 0x7fffffff) | ((t->flags & WN_ENT_TOK_HEADLINE) ? 0x80000000u : 0);
  CacheEntry *e = cache_slot(c, t->hexact);
  if (e->key == key && e->hexact == t->hexact && e->hlower == t->hlower)
    return e;
  e->key = key;
  e->hexact = t->hexact;
  e->hlower = t->hlower;
  guint32 f[WN_ENT_MAX_FEATS];
  guint nf = wn_ent_features_part(doc, first, last, i, model->hash_bits, WN_ENT_FEAT_WORD, f);
  memset(e->word, 0, sizeof e->word);
  for (guint k = 0; k < nf; k++)
    add_row16(e->word, model_row(model, f[k]));
  guint32 nb[4];
  wn_ent_neighbour_features(t->hlower, model->hash_bits, nb);
  for (guint k = 0; k < 4; k++)
    memcpy(e->neigh[k], model_row(model, nb[k]), sizeof e->neigh[k]);
  return e;
}

void
wn_ent_emissions(const WnEntModel *model, const WnEntDoc *doc, guint first, guint last, float *emit)
{
  if (first >= last)
    return;
  guint n = last - first;
  WordCache *cache = word_cache_get(model);
  gint32 stack_acc[64 * ROW];
  gint32 *acc = n <= 64 ? stack_acc : g_new(gint32, (gsize)n * ROW);
  memset(acc, 0, sizeof(gint32) * ROW * n);

  /* Past the sentence's ends the neighbour words are fixed marks. */
  guint32 bos[4], eos[4];
  wn_ent_neighbour_features(WN_ENT_BOS_HASH, model->hash_bits, bos);
  wn_ent_neighbour_features(WN_ENT_EOS_HASH, model->hash_bits, eos);
  add_row16(&acc[0], model_row(model, bos[0]));
  add_row16(&acc[0], model_row(model, bos[2]));
  if (n > 1)
    add_row16(&acc[ROW], model_row(model, bos[2]));
  add_row16(&acc[(gsize)(n - 1) * ROW], model_row(model, eos[1]));
  add_row16(&acc[(gsize)(n - 1) * ROW], model_row(model, eos[3]));
  if (n > 1)
    add_row16(&acc[(gsize)(n - 2) * ROW], model_row(model, eos[3]));

  /* Software pipelining: the context features of the next token are computed
   * and their rows prefetched while the current token's rows are summed, so
   * the table's cache misses overlap instead of queueing. */
  guint32 buf[2][WN_ENT_MAX_FEATS];
  guint nbuf[2] = {0, 0};
  nbuf[0] =
      wn_ent_features_part(doc, first, last, first, model->hash_bits, WN_ENT_FEAT_CONTEXT, buf[0]);
  for (guint k = 0; k < nbuf[0]; k++)
    __builtin_prefetch(model_row(model, buf[0][k]));
  for (guint j = 0; j < n; j++) {
    guint cur = j & 1, nxt = cur ^ 1;
    if (j + 2 < n) {
      /* The cache is larger than the first-level cache: fetch ahead too. */
      const CacheEntry *ahead =
          cache_slot(cache, g_array_index(doc->toks, WnEntTok, first + j + 2).hexact);
      __builtin_prefetch(ahead);
      __builtin_prefetch((const char *)ahead + sizeof *ahead - 1);
    }
    if (j + 1 < n) {
      nbuf[nxt] = wn_ent_features_part(doc, first, last, first + j + 1, model->hash_bits,
                                       WN_ENT_FEAT_CONTEXT, buf[nxt]);
      for (guint k = 0; k < nbuf[nxt]; k++)
        __builtin_prefetch(model_row(model, buf[nxt][k]));
    }
    gint32 *a = &acc[(gsize)j * ROW];
    const CacheEntry *e = word_entry(model, cache, doc, first, last, first + j);
    add_row32(a, e->word);
    if (j + 1 < n)
      add_row16(a + ROW, e->neigh[0]);
    if (j >= 1)
      add_row16(a - ROW, e->neigh[1]);
    if (j + 2 < n)
      add_row16(a + 2 * ROW, e->neigh[2]);
    if (j >= 2)
      add_row16(a - 2 * ROW, e->neigh[3]);
    for (guint k = 0; k < nbuf[cur]; k++)
      add_row16(a, model_row(model, buf[cur][k]));
  }
  for (guint j = 0; j < n; j++)
    for (guint t = 0; t < WN_ENT_N_TAGS; t++)
      emit[(gsize)j * WN_ENT_N_TAGS + t] = acc[(gsize)j * ROW + t] * model->scale;
  if (acc != stack_acc)
    g_free(acc);
}

/* ---- file I/O ------------------------------------------------------------- */

static guint32
fnv32(const guint8 *data, gsize len)
{
  guint32 h = 2166136261u;
  for (gsize i = 0; i < len; i++)
    h = (h ^ data[i]) * 16777619u;
  return h;
}

static void
put_u32(GByteArray *b, guint32 v)
{
  guint8 x[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};
  g_byte_array_append(b, x, 4);
}

static void
put_f32(GByteArray *b, float f)
{
  guint32 v;
  memcpy(&v, &f, 4);
  put_u32(b, v);
}

static guint32
get_u32(const guint8 *p)
{
  return p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24;
}

static float
get_f32(const guint8 *p)
{
  guint32 v = get_u32(p);
  float f;
  memcpy(&f, &v, 4);
  return f;
}

gboolean
wn_ent_model_save(const WnEntModel *model, const char *path, GError **error)
{
  g_autoptr(GByteArray) b = g_byte_array_new();
  g_byte_array_append(b, (const guint8 *)WN_ENT_MODEL_MAGIC, 8);
  put_u32(b, WN_ENT_MODEL_VERSION);
  put_u32(b, WN_ENT_N_TAGS);
  put_u32(b, model->hash_bits);
  put_u32(b, model->n_feats);
  put_f32(b, model->scale);
  for (guint i = 0; i < N_TRANS; i++)
    put_f32(b, model->trans[i]);
  /* Keys in increasing order so the file does not depend on the table layout. */
  g_autofree guint32 *keys = g_new(guint32, model->n_feats + 1);
  guint n = 0;
  gsize size = (gsize)1 << model->hash_bits;
  for (gsize k = 0; k < size && n < model->n_feats; k++)
    if (!row_is_zero(model_row(model, (guint32)k)))
      keys[n++] = (guint32)k;
  g_assert(n == model->n_feats);
  for (guint i = 0; i < n; i++)
    put_u32(b, keys[i]);
  for (guint i = 0; i < n; i++) {
    const gint16 *r = model_row(model, keys[i]);
    for (guint t = 0; t < WN_ENT_N_TAGS; t++) {
      guint16 v = (guint16)r[t];
      guint8 x[2] = {v & 0xff, v >> 8};
      g_byte_array_append(b, x, 2);
    }
  }
  put_u32(b, fnv32(b->data, b->len));
  g_autoptr(GError) local = NULL;
  if (!g_file_set_contents(path, (const char *)b->data, b->len, &local)) {
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "cannot write entity model %s: %s", path,
                local->message);
    return FALSE;
  }
  return TRUE;
}

WnEntModel *
wn_ent_model_load_from_data(const guint8 *data, gsize len, const char *name, GError **error)
{
  if (len < HEADER_SIZE + N_TRANS * 4 + 4 || memcmp(data, WN_ENT_MODEL_MAGIC, 8) != 0) {
    g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                "%s is not a winnow entity model (bad magic or too short: %" G_GSIZE_FORMAT
                " bytes); point the entities stage's \"model\" option at a file written by "
                "winnow-train-entities",
                name, len);
    return NULL;
  }
  guint32 version = get_u32(data + 8);
  if (version != WN_ENT_MODEL_VERSION) {
    g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                "%s is an entity model of format version %u, this stage reads version %u; "
                "retrain it with this release's winnow-train-entities",
                name, version, WN_ENT_MODEL_VERSION);
    return NULL;
  }
  guint32 n_tags = get_u32(data + 12), hash_bits = get_u32(data + 16), n_feats = get_u32(data + 20);
  gsize expect = HEADER_SIZE + N_TRANS * 4 + (gsize)n_feats * (4 + 2 * WN_ENT_N_TAGS) + 4;
  if (n_tags != WN_ENT_N_TAGS || hash_bits < 8 || hash_bits > MAX_HASH_BITS ||
      n_feats > (1u << hash_bits) || len != expect) {
    g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                "%s is truncated or corrupt (%" G_GSIZE_FORMAT " bytes where its header "
                "announces %" G_GSIZE_FORMAT "); reinstall or retrain the model",
                name, len, expect);
    return NULL;
  }
  guint32 stored = get_u32(data + len - 4), actual = fnv32(data, len - 4);
  if (stored != actual) {
    g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                "%s is corrupt (checksum %08x, expected %08x); reinstall or retrain the model",
                name, actual, stored);
    return NULL;
  }
  float scale = get_f32(data + 24);
  if (!isfinite(scale) || scale <= 0) {
    g_set_error(error, WN_ERROR, WN_ERROR_MODEL, "%s is corrupt (weight scale %g)", name, scale);
    return NULL;
  }
  g_autoptr(WnEntModel) m = model_alloc(hash_bits, n_feats);
  m->scale = scale;
  const guint8 *p = data + HEADER_SIZE;
  for (guint i = 0; i < N_TRANS; i++, p += 4) {
    m->trans[i] = get_f32(p);
    if (!isfinite(m->trans[i])) {
      g_set_error(error, WN_ERROR, WN_ERROR_MODEL, "%s is corrupt (transition weight %u)", name, i);
      return NULL;
    }
  }
  const guint8 *keys = p, *weights = p + (gsize)n_feats * 4;
  guint32 prev = 0;
  for (guint i = 0; i < n_feats; i++) {
    guint32 key = get_u32(keys + (gsize)i * 4);
    if ((i > 0 && key <= prev) || key >= (1u << hash_bits)) {
      g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                  "%s is corrupt (feature %u out of order or out of range)", name, i);
      return NULL;
    }
    prev = key;
    gint16 *r = model_row(m, key);
    const guint8 *wp = weights + (gsize)i * 2 * WN_ENT_N_TAGS;
    for (guint t = 0; t < WN_ENT_N_TAGS; t++)
      r[t] = (gint16)(guint16)(wp[2 * t] | wp[2 * t + 1] << 8);
  }
  return g_steal_pointer(&m);
}

WnEntModel *
wn_ent_model_load(const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents(path, &data, &len, &local)) {
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "cannot read entity model %s: %s", path,
                local->message);
    return NULL;
  }
  return wn_ent_model_load_from_data((const guint8 *)data, len, path, error);
}
