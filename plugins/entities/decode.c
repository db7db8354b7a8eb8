/* decode.c: exact Viterbi decoding under BIO constraints, with max-marginals
 * that give each token's margin over its best alternative tag (the basis of
 * span scores). */
#include "ent.h"

#include <float.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define N WN_ENT_N_TAGS
#define NEG (-1e30f)

static inline gboolean
allowed(int prev, int cur)
{
  /* I-X continues only B-X or I-X; prev < 0 is the sentence start. */
  if (cur == WN_ENT_TAG_O || WN_ENT_TAG_IS_B(cur))
    return TRUE;
  return prev >= 0 && prev != WN_ENT_TAG_O && WN_ENT_TAG_TYPE(prev) == WN_ENT_TAG_TYPE(cur);
}

void
wn_ent_viterbi(const float *emit, guint n, const float *trans_in, guint8 *out, float *margin)
{
  if (n == 0)
    return;
  /* The BIO constraints folded into the transition scores once, so the loops
   * below do not branch. */
  float trans[(N + 1) * N];
  for (int p = -1; p < N; p++)
    for (int c = 0; c < N; c++) {
      gsize at = (gsize)(p < 0 ? N : p) * N + c;
      trans[at] = allowed(p, c) ? trans_in[at] : NEG;
    }
#ifdef __SSE2__
  /* Transitions into O and the three B tags, four to a predecessor row. */
  G_STATIC_ASSERT(WN_ENT_N_MODEL_TYPES == 3);
  float tob[N * 4] __attribute__((aligned(16)));
  for (int p = 0; p < N; p++)
    for (int l = 0; l < 4; l++)
      tob[p * 4 + l] = trans[p * N + (l == 0 ? 0 : 2 * l - 1)];
#endif
  float stack_buf[64 * N * 2];
  guint8 stack_back[64 * N];
  float *delta = n <= 64 ? stack_buf : g_new(float, (gsize)n *N * 2);
  float *beta = delta + (gsize)n * N;
  guint8 *back = n <= 64 ? stack_back : g_new(guint8, (gsize)n * N);

  for (int c = 0; c < N; c++)
    delta[c] = emit[c] + trans[N * N + c];
  for (guint i = 1; i < n; i++) {
    const float *prev = &delta[(gsize)(i - 1) * N];
    float *cur = &delta[(gsize)i * N];
    /* O and B-X may follow anything; I-X only B-X or I-X (tags: O, then B/I
     * pairs), so I-X looks at two predecessors instead of seven. */
#ifdef __SSE2__
    /* O, B-PER, B-ORG, B-LOC in the four lanes of one register, predecessors
     * in ascending order with a strict comparison: the same maxima and the
     * same back-pointers (first best wins) as the scalar loop below. */
    __m128 best = _mm_add_ps(_mm_set1_ps(prev[0]), _mm_load_ps(&tob[0]));
    __m128i arg = _mm_setzero_si128();
    for (int p = 1; p < N; p++) {
      __m128 v = _mm_add_ps(_mm_set1_ps(prev[p]), _mm_load_ps(&tob[p * 4]));
      __m128 m = _mm_cmpgt_ps(v, best);
      best = _mm_or_ps(_mm_and_ps(m, v), _mm_andnot_ps(m, best));
      __m128i mi = _mm_castps_si128(m);
      arg = _mm_or_si128(_mm_and_si128(mi, _mm_set1_epi32(p)), _mm_andnot_si128(mi, arg));
    }
    float bv[4];
    gint32 av[4];
    _mm_storeu_ps(bv, best);
    _mm_storeu_si128((__m128i *)av, arg);
    for (int l = 0; l < 4; l++) {
      int c = l == 0 ? 0 : 2 * l - 1;
      cur[c] = bv[l] + emit[(gsize)i * N + c];
      back[(gsize)i * N + c] = (guint8)av[l];
    }
#else
    for (int c = 0; c < N; c += 2 - (c == 0)) {
      float best = prev[0] + trans[c];
      int arg = 0;
      for (int p = 1; p < N; p++) {
        float v = prev[p] + trans[p * N + c];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      cur[c] = best + emit[(gsize)i * N + c];
      back[(gsize)i * N + c] = (guint8)arg;
    }
#endif
    for (int c = 2; c < N; c += 2) {
      float vb = prev[c - 1] + trans[(c - 1) * N + c], vi = prev[c] + trans[c * N + c];
      gboolean from_b = vb >= vi;
      cur[c] = (from_b ? vb : vi) + emit[(gsize)i * N + c];
      back[(gsize)i * N + c] = (guint8)(from_b ? c - 1 : c);
    }
  }
  int best_tag = 0;
  for (int c = 1; c < N; c++)
    if (delta[(gsize)(n - 1) * N + c] > delta[(gsize)(n - 1) * N + best_tag])
      best_tag = c;
  out[n - 1] = (guint8)best_tag;
  for (guint i = n - 1; i > 0; i--)
    out[i - 1] = back[(gsize)i * N + out[i]];

  /* Margins only matter for entity spans: a sentence tagged all O needs none. */
  gboolean any = FALSE;
  for (guint i = 0; i < n && !any; i++)
    any = out[i] != WN_ENT_TAG_O;
  if (margin != NULL && !any)
    for (guint i = 0; i < n; i++)
      margin[i] = 0;
  if (margin != NULL && any) {
    for (int c = 0; c < N; c++)
      beta[(gsize)(n - 1) * N + c] = 0;
    for (guint i = n - 1; i > 0; i--) {
      const float *next = &beta[(gsize)i * N];
      float *cur = &beta[(gsize)(i - 1) * N];
      float w[N];
      for (int k = 0; k < N; k++)
        w[k] = emit[(gsize)i * N + k] + next[k];
      for (int c = 0; c < N; c++) {
        /* Successors: O, every B-X, and the I of c's own type. */
        float best = trans[c * N] + w[0];
        for (int k = 1; k < N; k += 2) {
          float v = trans[c * N + k] + w[k];
          if (v > best)
            best = v;
        }
        if (c != 0) {
          int ik = (c % 2 == 1) ? c + 1 : c;
          float v = trans[c * N + ik] + w[ik];
          if (v > best)
            best = v;
        }
        cur[c] = best;
      }
    }
    for (guint i = 0; i < n; i++) {
      float best = NEG, second = NEG;
      for (int c = 0; c < N; c++) {
        float v = delta[(gsize)i * N + c] + beta[(gsize)i * N + c];
        if (c == out[i])
          best = v;
        else if (v > second)
          second = v;
      }
      margin[i] = best - second;
    }
  }
  if (n > 64) {
    g_free(delta);
    g_free(back);
  }
}

void
wn_ent_tag_tokens(const WnEntModel *model, const WnEntDoc *doc, guint8 *tags, float *margins)
{
  const float *trans = wn_ent_model_transitions(model);
  GArray *emit = g_array_new(FALSE, FALSE, sizeof(float));
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    guint n = se[1] - se[0];
    g_array_set_size(emit, (gsize)n * N);
    wn_ent_emissions(model, doc, se[0], se[1], (float *)emit->data);
    wn_ent_viterbi((const float *)emit->data, n, trans, tags + se[0],
                   margins != NULL ? margins + se[0] : NULL);
  }
  g_array_unref(emit);
}
