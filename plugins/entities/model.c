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
  WnEntTrans prepared; /* trans laid out for the decoder, made once */
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
  wn_ent_trans_prepare(model->trans, &model->prepared);
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

const WnEntTrans *
wn_ent_model_prepared_transitions(const WnEntModel *model)
{
  return &model->prepared;
}

void
wn_ent_model_add_weights(const WnEntModel *model, guint32 f, float *scores)
{
  const gint16 *r = model_row(model, f & ((1u << model->hash_bits) - 1));
  for (guint t = 0; t < WN_ENT_N_TAGS; t++)
    scores[t] += r[t] * model->scale;
}

/* ---- emissions ------------------------------------------------------------ */

/* Sums of int16 rows are kept as int32 in tag order in two registers (tags
 * 0-3, 4-7). Rows are added two at a time: interleaving them 16 bits by 16
 * (punpcklwd / punpckhwd) and multiply-adding against ones (pmaddwd) gives
 * each tag's sum of both rows, sign-extended, in one instruction per half,
 * so a pair of rows costs two unpacks, two multiply-adds and two adds. A
 * single row is paired with zeros. The sums are exact integers, so the
 * scores equal those of adding every row one by one in any order. */
typedef struct {
#ifdef __SSE2__
  __m128i lo, hi;
#else
  gint32 v[ROW];
#endif
} Acc;

static inline Acc
acc_zero(void)
{
  Acc a;
  memset(&a, 0, sizeof a);
  return a;
}

static inline void
acc_add_rows2(Acc *a, const gint16 *r1, const gint16 *r2)
{
#ifdef __SSE2__
  const __m128i x = _mm_load_si128((const __m128i *)r1), y = _mm_load_si128((const __m128i *)r2);
  const __m128i one = _mm_set1_epi16(1);
  a->lo = _mm_add_epi32(a->lo, _mm_madd_epi16(_mm_unpacklo_epi16(x, y), one));
  a->hi = _mm_add_epi32(a->hi, _mm_madd_epi16(_mm_unpackhi_epi16(x, y), one));
#else
  for (guint k = 0; k < ROW; k++)
    a->v[k] += r1[k] + r2[k];
#endif
}

static inline void
acc_add_row(Acc *a, const gint16 *r)
{
#ifdef __SSE2__
  const __m128i x = _mm_load_si128((const __m128i *)r), zero = _mm_setzero_si128();
  const __m128i one = _mm_set1_epi16(1);
  a->lo = _mm_add_epi32(a->lo, _mm_madd_epi16(_mm_unpacklo_epi16(x, zero), one));
  a->hi = _mm_add_epi32(a->hi, _mm_madd_epi16(_mm_unpackhi_epi16(x, zero), one));
#else
  for (guint k = 0; k < ROW; k++)
    a->v[k] += r[k];
#endif
}

static inline Acc
acc_load(const gint32 *p)
{
  Acc a;
#ifdef __SSE2__
  a.lo = _mm_load_si128((const __m128i *)p);
  a.hi = _mm_load_si128((const __m128i *)(p + 4));
#else
  memcpy(&a, p, sizeof a);
#endif
  return a;
}

static inline void
acc_store(gint32 *p, Acc a)
{
#ifdef __SSE2__
  _mm_store_si128((__m128i *)p, a.lo);
  _mm_store_si128((__m128i *)(p + 4), a.hi);
#else
  memcpy(p, &a, sizeof a);
#endif
}

/* The rows of `n` feature ids, two at a time. */
static inline void
acc_add_ids(Acc *a, const WnEntModel *model, const guint32 *id, guint n)
{
  for (; n >= 2; n -= 2, id += 2)
    acc_add_rows2(a, model_row(model, id[0]), model_row(model, id[1]));
  if (n > 0)
    acc_add_row(a, model_row(model, id[0]));
}

/* Scores in tag order, times the model's scale. */
static inline void
acc_emit(Acc a, float scale, float *out)
{
#ifdef __SSE2__
  __m128 sc = _mm_set1_ps(scale);
  _mm_storeu_ps(out, _mm_mul_ps(_mm_cvtepi32_ps(a.lo), sc));
  _mm_storeu_ps(out + 4, _mm_mul_ps(_mm_cvtepi32_ps(a.hi), sc));
#else
  for (guint k = 0; k < ROW; k++)
    out[k] = a.v[k] * scale;
#endif
}

/* Scores in even/odd order (tags 0, 2, 4, 6, then 1, 3, 5, 7), times the
 * model's scale. */
static inline void
acc_emit_eo(Acc a, float scale, float *out)
{
#ifdef __SSE2__
  __m128 sc = _mm_set1_ps(scale);
  __m128 lo = _mm_mul_ps(_mm_cvtepi32_ps(a.lo), sc), hi = _mm_mul_ps(_mm_cvtepi32_ps(a.hi), sc);
  _mm_storeu_ps(out, _mm_shuffle_ps(lo, hi, _MM_SHUFFLE(2, 0, 2, 0)));
  _mm_storeu_ps(out + 4, _mm_shuffle_ps(lo, hi, _MM_SHUFFLE(3, 1, 3, 1)));
#else
  for (guint k = 0; k < ROW / 2; k++) {
    out[k] = a.v[2 * k] * scale;
    out[ROW / 2 + k] = a.v[2 * k + 1] * scale;
  }
#endif
}

/* Per-thread cache of what one word adds to the scores: the summed rows of its
 * WORD features and copies of the four rows its NEIGHBOURS features add to
 * the tokens around it. Words repeat (Zipf), so most tokens skip 15 of their
 * ~30 feature hashes and row loads. Direct-mapped; an entry is only trusted
 * when both hashes, the length and the caseless bit agree, and the whole
 * cache is dropped when another model comes along. One entry is two cache
 * lines. */
#define CACHE_BITS 12

typedef struct {
  gint32 word[ROW]; /* sums in tag order, see Acc */
  gint16 neigh[4][ROW];
  guint64 hexact, hlower;
  guint32 key;   /* length, top bit: caseless; 0 = empty */
  guint32 stamp; /* the sentence (Scratch.stamp) that last used the entry */
  guint32 pad[2];
} CacheEntry;
G_STATIC_ASSERT(sizeof(CacheEntry) == 128);

/* What one thread keeps between calls: the word cache and scratch arrays for
 * a sentence (grown, never shrunk). */
typedef struct {
  guint serial;
  guint32 stamp; /* counts sentences, never 0 */
  gpointer cache_mem;
  CacheEntry *cache; /* 64-byte aligned */
  /* Stand-ins for the words before and after a sentence: only their
   * neighbour rows are read (BOS: neigh[0] and [2], EOS: neigh[1] and [3]),
   * and their word sums are zero. */
  CacheEntry *bos, *eos;
  gsize cap; /* tokens the arrays below hold */
  gpointer acc_mem;
  gint32 *acc;             /* cap * ROW, 16-byte aligned */
  const CacheEntry **ents; /* cap + 4: two stand-ins on each side */
  CacheEntry *spare;       /* cap: words whose slot the sentence already uses */
  guint n_spare;
  guint32 *ids; /* cap * WN_ENT_MAX_FEATS */
  guint8 *counts;
} Scratch;

static void
scratch_free(gpointer p)
{
  Scratch *s = p;
  g_free(s->cache_mem);
  g_free(s->acc_mem);
  g_free(s->ents);
  g_aligned_free(s->spare);
  g_free(s->ids);
  g_free(s->counts);
  g_free(s);
}

static GPrivate scratch_key = G_PRIVATE_INIT(scratch_free);

static Scratch *
scratch_get(const WnEntModel *model, guint n)
{
  Scratch *s = g_private_get(&scratch_key);
  if (s == NULL) {
    s = g_new0(Scratch, 1);
    /* The cache, then the two stand-ins. */
    s->cache_mem = g_malloc0(sizeof(CacheEntry) * ((1u << CACHE_BITS) + 2) + 64);
    s->cache = (CacheEntry *)(((guintptr)s->cache_mem + 63) & ~(guintptr)63);
    s->bos = &s->cache[1u << CACHE_BITS];
    s->eos = s->bos + 1;
    g_private_set(&scratch_key, s);
  }
  if (s->serial != model->serial) {
    memset(s->cache, 0, sizeof(CacheEntry) * ((1u << CACHE_BITS) + 2));
    s->serial = model->serial;
    guint32 bos[4], eos[4];
    wn_ent_neighbour_features(WN_ENT_BOS_HASH, model->hash_bits, bos);
    wn_ent_neighbour_features(WN_ENT_EOS_HASH, model->hash_bits, eos);
    memcpy(s->bos->neigh[0], model_row(model, bos[0]), sizeof s->bos->neigh[0]);
    memcpy(s->bos->neigh[2], model_row(model, bos[2]), sizeof s->bos->neigh[2]);
    memcpy(s->eos->neigh[1], model_row(model, eos[1]), sizeof s->eos->neigh[1]);
    memcpy(s->eos->neigh[3], model_row(model, eos[3]), sizeof s->eos->neigh[3]);
  }
  if (n > s->cap) {
    s->cap = MAX(n, 2 * s->cap);
    s->cap = MAX(s->cap, 64);
    g_free(s->acc_mem);
    s->acc_mem = g_malloc(sizeof(gint32) * ROW * s->cap + 16);
    s->acc = (gint32 *)(((guintptr)s->acc_mem + 15) & ~(guintptr)15);
    s->ents = g_renew(const CacheEntry *, s->ents, s->cap + 4);
    /* Aligned like the cache: acc_load() reads these rows with aligned
     * loads, and g_aligned_free() wants memory from g_aligned_alloc(). */
    g_aligned_free(s->spare);
    s->spare = g_aligned_alloc(s->cap, sizeof(CacheEntry), 64);
    s->ids = g_renew(guint32, s->ids, s->cap * WN_ENT_MAX_FEATS);
    s->counts = g_renew(guint8, s->counts, s->cap);
  }
  return s;
}

static inline CacheEntry *
cache_slot(const Scratch *s, guint64 hexact)
{
  return &s->cache[(hexact * 0x9e3779b97f4a7c15ULL) >> (64 - CACHE_BITS)];
}

static inline guint32
cache_key(const WnEntTok *t)
{
  gsize len = t->end - t->start;
  return (guint32)MIN(len, 0x7fffffff) | ((t->flags & WN_ENT_TOK_HEADLINE) ? 0x80000000u : 0);
}

/* Fills `e` with the rows of word `t` (token `i`). */
static G_NO_INLINE void
word_fill(const WnEntModel *model, const WnEntDoc *doc, guint first, guint last, guint i,
          const WnEntTok *t, CacheEntry *e)
{
  e->key = cache_key(t);
  e->hexact = t->hexact;
  e->hlower = t->hlower;
  guint32 f[WN_ENT_MAX_FEATS];
  guint nf = wn_ent_features_part(doc, first, last, i, model->hash_bits, WN_ENT_FEAT_WORD, f);
  Acc a = acc_zero();
  acc_add_ids(&a, model, f, nf);
  acc_store(e->word, a);
  guint32 nb[4];
  wn_ent_neighbour_features(t->hlower, model->hash_bits, nb);
  for (guint k = 0; k < 4; k++)
    memcpy(e->neigh[k], model_row(model, nb[k]), sizeof e->neigh[k]);
}

/* The cache entry of token `i`, filled on a miss. An entry that an earlier
 * token of the same sentence (same stamp) points at is not overwritten: the
 * word then gets one of the sentence's spare entries, uncached. */
static inline const CacheEntry *
word_entry(const WnEntModel *model, Scratch *s, const WnEntDoc *doc, guint first, guint last,
           guint i)
{
  const WnEntTok *t = &g_array_index(doc->toks, WnEntTok, i);
  CacheEntry *e = cache_slot(s, t->hexact);
  if (G_LIKELY(e->key == cache_key(t) && e->hexact == t->hexact && e->hlower == t->hlower)) {
    e->stamp = s->stamp;
    return e;
  }
  if (e->stamp == s->stamp)
    e = &s->spare[s->n_spare++];
  else
    e->stamp = s->stamp;
  word_fill(model, doc, first, last, i, t, e);
  return e;
}

/* The integer score sums of the tokens [first, last) into s->acc (even/odd
 * order, see Acc). */
static void
emission_sums(const WnEntModel *model, const WnEntDoc *doc, guint first, guint last, Scratch *s)
{
  const guint n = last - first;
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;

  /* 1. Context feature ids of every token, and prefetches of their rows and
   * of the tokens' cache entries: the table's cache misses then overlap
   * with the work of step 2 instead of queueing one by one. */
  G_STATIC_ASSERT(ROW * sizeof(gint16) == 16);
  wn_ent_context_features(doc, first, last, model->hash_bits, s->ids, s->counts, model->rows);
  for (guint i = first; i < last; i++) {
    const CacheEntry *e = cache_slot(s, toks[i].hexact);
    __builtin_prefetch(e);
    __builtin_prefetch((const char *)e + 64);
  }

  /* 2. Every token's cache entry, with the sentence's ends as stand-ins, so
   * that step 3 reads a token's four neighbour rows straight from the
   * entries around it instead of each word adding its rows to the sums of
   * its neighbours (a load and a store more per row). */
  if (++s->stamp == 0)
    s->stamp = 1;
  const CacheEntry **ents = s->ents + 2;
  ents[-2] = ents[-1] = s->bos;
  s->n_spare = 0;
  for (guint j = 0; j < n; j++)
    ents[j] = word_entry(model, s, doc, first, last, first + j);
  ents[n] = ents[n + 1] = s->eos;

  /* 3. Word sums, the four rows the words around give, the context rows. */
  gint32 *acc = s->acc;
  const guint32 *id = s->ids;
  for (guint j = 0; j < n; j++) {
    Acc a = acc_load(ents[j]->word);
    acc_add_rows2(&a, ents[(gint)j - 1]->neigh[0], ents[j + 1]->neigh[1]);
    acc_add_rows2(&a, ents[(gint)j - 2]->neigh[2], ents[j + 2]->neigh[3]);
    acc_add_ids(&a, model, id, s->counts[j]);
    id += s->counts[j];
    acc_store(&acc[(gsize)j * ROW], a);
  }
}

void
wn_ent_emissions(const WnEntModel *model, const WnEntDoc *doc, guint first, guint last, float *emit)
{
  if (first >= last)
    return;
  const guint n = last - first;
  Scratch *s = scratch_get(model, n);
  emission_sums(model, doc, first, last, s);
  for (guint j = 0; j < n; j++)
    acc_emit(acc_load(&s->acc[(gsize)j * ROW]), model->scale, &emit[(gsize)j * ROW]);
}

void
wn_ent_emissions_eo(const WnEntModel *model, const WnEntDoc *doc, guint first, guint last,
                    float *emit)
{
  if (first >= last)
    return;
  const guint n = last - first;
  Scratch *s = scratch_get(model, n);
  emission_sums(model, doc, first, last, s);
  for (guint j = 0; j < n; j++)
    acc_emit_eo(acc_load(&s->acc[(gsize)j * ROW]), model->scale, &emit[(gsize)j * ROW]);
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
  wn_ent_trans_prepare(m->trans, &m->prepared);
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
