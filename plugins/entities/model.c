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
  guint hash_bits;
  guint n_feats;
  gint16 *rows; /* (1 << hash_bits) * ROW, 16-byte aligned */
  float scale;
  float trans[N_TRANS];
};

static WnEntModel *
model_alloc(guint hash_bits, guint n_feats)
{
  WnEntModel *m = g_new0(WnEntModel, 1);
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

void
wn_ent_emissions(const WnEntModel *model, const WnEntDoc *doc, guint first, guint last, float *emit)
{
  /* Software pipelining: the features of the next token are computed and their
   * rows prefetched while the current token's rows are summed, so the table's
   * cache misses overlap instead of queueing. */
  guint32 buf[2][WN_ENT_MAX_FEATS];
  guint nbuf[2] = {0, 0};
  if (first < last) {
    nbuf[0] = wn_ent_features(doc, first, last, first, model->hash_bits, buf[0]);
    for (guint k = 0; k < nbuf[0]; k++)
      __builtin_prefetch(model_row(model, buf[0][k]));
  }
  for (guint i = first; i < last; i++) {
    guint cur = (i - first) & 1, nxt = cur ^ 1;
    if (i + 1 < last) {
      nbuf[nxt] = wn_ent_features(doc, first, last, i + 1, model->hash_bits, buf[nxt]);
      for (guint k = 0; k < nbuf[nxt]; k++)
        __builtin_prefetch(model_row(model, buf[nxt][k]));
    }
    float *row = &emit[(gsize)(i - first) * WN_ENT_N_TAGS];
#ifdef __SSE2__
    /* A row is one 16-byte load; its 8 int16 are widened to int32 (sign kept
     * by shifting them into the high halves and back) and summed in two
     * registers: the same integer sums as the plain loop below. */
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
    for (guint k = 0; k < nbuf[cur]; k++) {
      __m128i r = _mm_loadu_si128((const __m128i *)model_row(model, buf[cur][k]));
      lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(r, r), 16));
      hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(r, r), 16));
    }
    gint32 acc[ROW];
    _mm_storeu_si128((__m128i *)acc, lo);
    _mm_storeu_si128((__m128i *)(acc + 4), hi);
#else
    gint32 acc[ROW] = {0};
    for (guint k = 0; k < nbuf[cur]; k++) {
      const gint16 *r = model_row(model, buf[cur][k]);
      for (guint t = 0; t < ROW; t++)
        acc[t] += r[t];
    }
#endif
    for (guint t = 0; t < WN_ENT_N_TAGS; t++)
      row[t] = acc[t] * model->scale;
  }
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
