/* decode.c: exact Viterbi decoding under BIO constraints, with max-marginals
 * that give each token's margin over its best alternative tag (the basis of
 * span scores).
 *
 * Scores are rows of WN_ENT_ROW floats (7 tags and one unused lane), so that
 * one step of the recursion is a handful of 4-wide vector operations: the
 * forward pass takes, for every predecessor tag, its score plus that tag's
 * row of transitions and keeps the lane-wise maximum; the backward pass does
 * the same with the transposed table. No back-pointers are stored: the
 * backtrace asks again which predecessor gave the maximum, with the same
 * floating-point sums, so it finds the same tag. */
#include "ent.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define N WN_ENT_N_TAGS
#define R WN_ENT_ROW
#define NEG (-1e30f)
G_STATIC_ASSERT(N < R);

static inline gboolean
allowed(int prev, int cur)
{
  /* I-X continues only B-X or I-X; prev < 0 is the sentence start. */
  if (cur == WN_ENT_TAG_O || WN_ENT_TAG_IS_B(cur))
    return TRUE;
  return prev >= 0 && prev != WN_ENT_TAG_O && WN_ENT_TAG_TYPE(prev) == WN_ENT_TAG_TYPE(cur);
}

void
wn_ent_trans_prepare(const float *trans, WnEntTrans *out)
{
  /* The BIO constraints folded into the scores (NEG), so the loops do not
   * branch; the unused lane is NEG too, so it never wins a maximum. */
  for (int p = -1; p < N; p++)
    for (int c = 0; c < R; c++) {
      int row = p < 0 ? N : p;
      out->fwd[row][c] = c < N && allowed(p, c) ? trans[row * N + c] : NEG;
    }
  for (int k = 0; k < N; k++)
    for (int c = 0; c < R; c++)
      out->bwd[k][c] = c < N ? out->fwd[c][k] : NEG;
}

#ifdef __SSE2__
typedef struct {
  __m128 lo, hi;
} Vec8;

static inline Vec8
load8(const float *p)
{
  return (Vec8){_mm_load_ps(p), _mm_load_ps(p + 4)};
}

/* Emission rows come from callers: no alignment promised. */
static inline Vec8
load8u(const float *p)
{
  return (Vec8){_mm_loadu_ps(p), _mm_loadu_ps(p + 4)};
}

static inline void
store8(float *p, Vec8 v)
{
  _mm_store_ps(p, v.lo);
  _mm_store_ps(p + 4, v.hi);
}

/* max over k of (s[k] + rows[k]), lane by lane; `s` is 16-byte aligned. The
 * seven scores are broadcast from two registers by shuffles. */
static inline Vec8
max_plus(const float *s, const float (*rows)[R])
{
  G_STATIC_ASSERT(N == 7);
  const __m128 s0 = _mm_load_ps(s), s1 = _mm_load_ps(s + 4);
#define STEP(k, b)                                                                                 \
  do {                                                                                             \
    best.lo = _mm_max_ps(best.lo, _mm_add_ps(b, _mm_load_ps(rows[k])));                            \
    best.hi = _mm_max_ps(best.hi, _mm_add_ps(b, _mm_load_ps(rows[k] + 4)));                        \
  } while (0)
#define LANE(v, l) _mm_shuffle_ps(v, v, _MM_SHUFFLE(l, l, l, l))
  __m128 b = LANE(s0, 0);
  Vec8 best = {_mm_add_ps(b, _mm_load_ps(rows[0])), _mm_add_ps(b, _mm_load_ps(rows[0] + 4))};
  STEP(1, LANE(s0, 1));
  STEP(2, LANE(s0, 2));
  STEP(3, LANE(s0, 3));
  STEP(4, LANE(s1, 0));
  STEP(5, LANE(s1, 1));
  STEP(6, LANE(s1, 2));
#undef LANE
#undef STEP
  return best;
}
#endif

/* The predecessor tag that gives `cur` its best score after a token whose
 * scores are `prev`: the first best in tag order, as the forward pass's
 * maximum would have been taken by a scalar loop with a strict comparison. */
static inline guint8
best_prev(const float *prev, const WnEntTrans *t, int cur)
{
#ifdef __SSE2__
  /* prev[p] + fwd[p][cur] for every p at once (bwd[cur] is that column),
   * then the lowest lane holding the maximum. */
  __m128 lo = _mm_add_ps(_mm_load_ps(prev), _mm_load_ps(t->bwd[cur]));
  __m128 hi = _mm_add_ps(_mm_load_ps(prev + 4), _mm_load_ps(t->bwd[cur] + 4));
  __m128 m = _mm_max_ps(lo, hi);
  m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(1, 0, 3, 2)));
  m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(2, 3, 0, 1)));
  int mask = _mm_movemask_ps(_mm_cmpeq_ps(lo, m)) | _mm_movemask_ps(_mm_cmpeq_ps(hi, m)) << 4;
  return (guint8)__builtin_ctz((unsigned)mask);
#else
  float best = prev[0] + t->fwd[0][cur];
  int arg = 0;
#pragma GCC unroll 8
  for (int p = 1; p < N; p++) {
    float v = prev[p] + t->fwd[p][cur];
    if (v > best) {
      best = v;
      arg = p;
    }
  }
  return (guint8)arg;
#endif
}

void
wn_ent_viterbi_prepared(const float *emit, guint n, const WnEntTrans *t, guint8 *out, float *margin)
{
  if (n == 0)
    return;
  float stack_buf[64 * R * 2] __attribute__((aligned(16)));
  float *heap = n <= 64 ? NULL : g_malloc((gsize)n * R * 2 * sizeof(float) + 16);
  float *delta = heap == NULL ? stack_buf : (float *)(((guintptr)heap + 15) & ~(guintptr)15);
  float *beta = delta + (gsize)n * R;

#ifdef __SSE2__
  G_STATIC_ASSERT(R == 8);
  Vec8 d = load8u(emit);
  d.lo = _mm_add_ps(d.lo, _mm_load_ps(t->fwd[N]));
  d.hi = _mm_add_ps(d.hi, _mm_load_ps(t->fwd[N] + 4));
  store8(delta, d);
  for (guint i = 1; i < n; i++) {
    Vec8 best = max_plus(&delta[(gsize)(i - 1) * R], t->fwd);
    Vec8 e = load8u(&emit[(gsize)i * R]);
    best.lo = _mm_add_ps(best.lo, e.lo);
    best.hi = _mm_add_ps(best.hi, e.hi);
    store8(&delta[(gsize)i * R], best);
  }
#else
  for (int c = 0; c < R; c++)
    delta[c] = emit[c] + t->fwd[N][c];
  for (guint i = 1; i < n; i++) {
    const float *prev = &delta[(gsize)(i - 1) * R];
    for (int c = 0; c < R; c++) {
      float best = prev[0] + t->fwd[0][c];
      for (int p = 1; p < N; p++)
        best = MAX(best, prev[p] + t->fwd[p][c]);
      delta[(gsize)i * R + c] = best + emit[(gsize)i * R + c];
    }
  }
#endif
  const float *last = &delta[(gsize)(n - 1) * R];
  int best_tag = 0;
  for (int c = 1; c < N; c++)
    if (last[c] > last[best_tag])
      best_tag = c;
  out[n - 1] = (guint8)best_tag;
  for (guint i = n - 1; i > 0; i--)
    out[i - 1] = best_prev(&delta[(gsize)(i - 1) * R], t, out[i]);

  if (margin == NULL)
    goto done;
  /* Margins only matter for entity spans: a sentence tagged all O needs none. */
  gboolean any = FALSE;
  for (guint i = 0; i < n && !any; i++)
    any = out[i] != WN_ENT_TAG_O;
  if (!any) {
    memset(margin, 0, sizeof(float) * n);
    goto done;
  }
  /* beta[i][c]: the best score of tokens after i given tag c at i. */
  memset(&beta[(gsize)(n - 1) * R], 0, sizeof(float) * R);
  for (guint i = n - 1; i > 0; i--) {
    float w[R] __attribute__((aligned(16)));
#ifdef __SSE2__
    Vec8 e = load8u(&emit[(gsize)i * R]), b = load8(&beta[(gsize)i * R]);
    store8(w, (Vec8){_mm_add_ps(e.lo, b.lo), _mm_add_ps(e.hi, b.hi)});
    store8(&beta[(gsize)(i - 1) * R], max_plus(w, t->bwd));
#else
    for (int k = 0; k < R; k++)
      w[k] = emit[(gsize)i * R + k] + beta[(gsize)i * R + k];
    for (int c = 0; c < R; c++) {
      float best = w[0] + t->bwd[0][c];
      for (int k = 1; k < N; k++)
        best = MAX(best, w[k] + t->bwd[k][c]);
      beta[(gsize)(i - 1) * R + c] = best;
    }
#endif
  }
#ifdef __SSE2__
  /* Lane masks that hide one tag (and the unused lane) from the maximum. */
  static const guint32 keep[N][R] __attribute__((aligned(16))) = {
#define K(c)                                                                                       \
  (c) == 0 ? 0 : ~0u, (c) == 1 ? 0 : ~0u, (c) == 2 ? 0 : ~0u, (c) == 3 ? 0 : ~0u,                  \
      (c) == 4 ? 0 : ~0u, (c) == 5 ? 0 : ~0u, (c) == 6 ? 0 : ~0u, 0
      {K(0)}, {K(1)}, {K(2)}, {K(3)}, {K(4)}, {K(5)}, {K(6)},
#undef K
  };
  const __m128 neg = _mm_set1_ps(NEG);
#endif
  for (guint i = 0; i < n; i++) {
    const float *dl = &delta[(gsize)i * R], *bt = &beta[(gsize)i * R];
    float best = dl[out[i]] + bt[out[i]], second;
#ifdef __SSE2__
    /* The best of the other tags, NEG when there is none (as a scalar loop
     * starting from NEG would give). */
    __m128 lo = _mm_add_ps(_mm_load_ps(dl), _mm_load_ps(bt));
    __m128 hi = _mm_add_ps(_mm_load_ps(dl + 4), _mm_load_ps(bt + 4));
    __m128 klo = _mm_load_ps((const float *)keep[out[i]]);
    __m128 khi = _mm_load_ps((const float *)keep[out[i]] + 4);
    lo = _mm_or_ps(_mm_and_ps(klo, lo), _mm_andnot_ps(klo, neg));
    hi = _mm_or_ps(_mm_and_ps(khi, hi), _mm_andnot_ps(khi, neg));
    __m128 m = _mm_max_ps(_mm_max_ps(lo, hi), neg);
    m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(1, 0, 3, 2)));
    m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(2, 3, 0, 1)));
    second = _mm_cvtss_f32(m);
#else
    second = NEG;
    for (int c = 0; c < N; c++) {
      float v = dl[c] + bt[c];
      if (c != out[i] && v > second)
        second = v;
    }
#endif
    margin[i] = best - second;
  }
done:
  g_free(heap);
}

void
wn_ent_viterbi(const float *emit, guint n, const float *trans, guint8 *out, float *margin)
{
  WnEntTrans t;
  wn_ent_trans_prepare(trans, &t);
  wn_ent_viterbi_prepared(emit, n, &t, out, margin);
}

void
wn_ent_tag_tokens(const WnEntModel *model, const WnEntDoc *doc, guint8 *tags, float *margins)
{
  WnEntTrans t;
  wn_ent_trans_prepare(wn_ent_model_transitions(model), &t);
  float stack_emit[64 * R] __attribute__((aligned(16)));
  float *heap = NULL;
  gsize heap_rows = 0;
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    guint n = se[1] - se[0];
    float *emit = stack_emit;
    if (n > 64) {
      if (n > heap_rows) {
        g_free(heap);
        heap_rows = n;
        heap = g_malloc((gsize)n * R * sizeof(float) + 16);
      }
      emit = (float *)(((guintptr)heap + 15) & ~(guintptr)15);
    }
    wn_ent_emissions(model, doc, se[0], se[1], emit);
    wn_ent_viterbi_prepared(emit, n, &t, tags + se[0], margins != NULL ? margins + se[0] : NULL);
  }
  g_free(heap);
}
