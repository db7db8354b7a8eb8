/* decode.c: exact Viterbi decoding under BIO constraints, with max-marginals
 * that give each token's margin over its best alternative tag (the basis of
 * span scores).
 *
 * Scores are rows of WN_ENT_ROW floats (7 tags and one unused lane). With
 * SSE2 the decoder keeps a row in even/odd order: one 4-wide register holds
 * O, I-PER, I-ORG, I-LOC (tags 0, 2, 4, 6), the other B-PER, B-ORG, B-LOC
 * and the unused lane (1, 3, 5, 7), which is also the order the model's
 * integer sums come in. The BIO structure then cuts a step's work: O and
 * the B tags may follow any tag (one broadcast max-plus over the seven
 * predecessors, four lanes wide), while I-X follows only B-X or I-X (two
 * lane-wise sums, no broadcasts). Every score is the same sum of the same
 * two floats as in the plain recursion, and a maximum does not depend on
 * the order it is taken in, so the tags and margins are exactly those of
 * the straightforward decoder (the non-SSE2 code below). No back-pointers
 * are stored: the backtrace asks again which predecessor gave the maximum,
 * with the same floating-point sums, so it finds the same tag. */
#include "ent.h"

#include <math.h>
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

/* Lane of tag `t` in an even/odd row. */
static inline int
eo_lane(int t)
{
  static const guint8 lane[R] = {0, 4, 1, 5, 2, 6, 3, 7};
  return lane[t];
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

  /* Even/odd tables. The tags O, B-PER, B-ORG, B-LOC ("open": allowed
   * after anything) in the lanes of a 4-wide vector; I-X is lane X + 1 of
   * the even half and B-X lane X of the odd half. */
  G_STATIC_ASSERT(N == 7 && R == 8);
  static const int open_tag[4] = {WN_ENT_TAG_O, WN_ENT_TAG_B(0), WN_ENT_TAG_B(1), WN_ENT_TAG_B(2)};
  for (int p = 0; p <= N; p++)
    for (int k = 0; k < 4; k++)
      out->eo.open[p][k] = out->fwd[p][open_tag[k]];
  for (int c = 0; c < R; c++)
    out->eo.start[eo_lane(c)] = out->fwd[N][c];
  for (int k = 0; k < 4; k++) {
    /* Lane 0 is not an I tag: the forward pass overwrites it, the backward
     * pass must not let it win (NEG). */
    int x = k - 1;
    out->eo.bi[k] = k == 0 ? 0 : out->fwd[WN_ENT_TAG_B(x)][WN_ENT_TAG_I(x)];
    out->eo.ii[k] = k == 0 ? 0 : out->fwd[WN_ENT_TAG_I(x)][WN_ENT_TAG_I(x)];
    out->eo.ii_back[k] = k == 0 ? NEG : out->eo.ii[k];
    out->eo.bi_back[k] = k == 3 ? NEG : out->fwd[WN_ENT_TAG_B(k)][WN_ENT_TAG_I(k)];
  }
  for (int c = 0; c < N; c++)
    for (int p = 0; p < R; p++)
      out->eo.col[c][eo_lane(p)] = p < N ? out->fwd[p][c] : NEG;
}

#ifdef __SSE2__
/* One row of scores in even/odd order. */
typedef struct {
  __m128 e, o;
} Row;

static inline Row
row_load(const float *p)
{
  return (Row){_mm_load_ps(p), _mm_load_ps(p + 4)};
}

static inline void
row_store(float *p, Row r)
{
  _mm_store_ps(p, r.e);
  _mm_store_ps(p + 4, r.o);
}

/* An emission row: already even/odd, or in tag order (unaligned, from
 * callers) and split into its even and odd lanes. */
static inline Row
emit_load(const float *p, gboolean tag_order)
{
  if (!tag_order)
    return row_load(p);
  __m128 lo = _mm_loadu_ps(p), hi = _mm_loadu_ps(p + 4);
  return (Row){_mm_shuffle_ps(lo, hi, _MM_SHUFFLE(2, 0, 2, 0)),
               _mm_shuffle_ps(lo, hi, _MM_SHUFFLE(3, 1, 3, 1))};
}

static inline Row
row_add(Row a, Row b)
{
  return (Row){_mm_add_ps(a.e, b.e), _mm_add_ps(a.o, b.o)};
}

/* Shuffles of one register by pshufd, which (unlike shufps) writes a new
 * register: no copy needed to keep the source. */
#define PERM(v, a, b, c, d)                                                                        \
  _mm_castsi128_ps(_mm_shuffle_epi32(_mm_castps_si128(v), _MM_SHUFFLE(a, b, c, d)))
#define LANE(v, l) PERM(v, l, l, l, l)

/* delta of the next token before its emissions: O and B-X take the best of
 * all seven predecessors, I-X the better of B-X and I-X. */
static inline Row
forward_step(Row d, const WnEntTrans *t)
{
  const float(*open)[4] = t->eo.open;
#define OPEN(v, l, p) _mm_add_ps(LANE(v, l), _mm_load_ps(open[p]))
  /* A tree of maxima, not a chain: this step waits on the previous one, so
   * its latency is what counts. */
  __m128 v01 = _mm_max_ps(OPEN(d.e, 0, WN_ENT_TAG_O), OPEN(d.o, 0, 1));
  __m128 v23 = _mm_max_ps(OPEN(d.e, 1, 2), OPEN(d.o, 1, 3));
  __m128 v45 = _mm_max_ps(OPEN(d.e, 2, 4), OPEN(d.o, 2, 5));
  __m128 v = _mm_max_ps(_mm_max_ps(v01, v23), _mm_max_ps(v45, OPEN(d.e, 3, 6)));
#undef OPEN
  /* B-X of the odd half moved up one lane, next to I-X of the even half. */
  __m128 b = PERM(d.o, 2, 1, 0, 0);
  __m128 in =
      _mm_max_ps(_mm_add_ps(b, _mm_load_ps(t->eo.bi)), _mm_add_ps(d.e, _mm_load_ps(t->eo.ii)));
  /* O from the open vector's lane 0, the B tags from its lanes 1-3. */
  return (Row){_mm_move_ss(in, v), PERM(v, 3, 3, 2, 1)};
}

/* beta of the previous token from w = emissions + beta of this one: every
 * tag may go on to O or a B tag; only B-X and I-X to I-X. */
static inline Row
backward_step(Row w, const WnEntTrans *t)
{
  const float(*col)[R] = t->eo.col;
  /* w[c] + fwd[p][c] for every p: lanes even/odd like the rows. */
#define TERM(b, c, half) _mm_add_ps(b, _mm_load_ps(col[c] + 4 * (half)))
  const __m128 wo = LANE(w.e, 0), wb0 = LANE(w.o, 0), wb1 = LANE(w.o, 1), wb2 = LANE(w.o, 2);
  /* I-X of the even half moved down one lane, next to B-X of the odd half. */
  const __m128 ix = PERM(w.e, 3, 3, 2, 1);
  /* Trees of maxima, as in forward_step(). */
  __m128 e = _mm_max_ps(_mm_max_ps(TERM(wo, WN_ENT_TAG_O, 0), TERM(wb0, WN_ENT_TAG_B(0), 0)),
                        _mm_max_ps(TERM(wb1, WN_ENT_TAG_B(1), 0), TERM(wb2, WN_ENT_TAG_B(2), 0)));
  __m128 o = _mm_max_ps(_mm_max_ps(TERM(wo, WN_ENT_TAG_O, 1), TERM(wb0, WN_ENT_TAG_B(0), 1)),
                        _mm_max_ps(TERM(wb1, WN_ENT_TAG_B(1), 1), TERM(wb2, WN_ENT_TAG_B(2), 1)));
#undef TERM
  return (Row){_mm_max_ps(e, _mm_add_ps(w.e, _mm_load_ps(t->eo.ii_back))),
               _mm_max_ps(o, _mm_add_ps(ix, _mm_load_ps(t->eo.bi_back)))};
}
#undef LANE
#undef PERM

/* Tag bits from the lane bits of an even/odd comparison: even lane k is tag
 * 2k, odd lane k tag 2k + 1. */
static const guint8 spread4[16] = {0x00, 0x01, 0x04, 0x05, 0x10, 0x11, 0x14, 0x15,
                                   0x40, 0x41, 0x44, 0x45, 0x50, 0x51, 0x54, 0x55};

/* The predecessor tag that gives `cur` its best score after a token whose
 * scores are `prev`: the first best in tag order, as the forward pass's
 * maximum would have been taken by a scalar loop with a strict comparison. */
static inline guint8
best_prev(const float *prev, const WnEntTrans *t, int cur)
{
  /* prev[p] + fwd[p][cur] for every p at once (NEG where p may not precede
   * cur), then the lowest tag holding the maximum. One path for every tag:
   * no branch to mispredict in this chain of dependent steps. */
  __m128 e = _mm_add_ps(_mm_load_ps(prev), _mm_load_ps(t->eo.col[cur]));
  __m128 o = _mm_add_ps(_mm_load_ps(prev + 4), _mm_load_ps(t->eo.col[cur] + 4));
  __m128 m = _mm_max_ps(e, o);
  m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(1, 0, 3, 2)));
  m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(2, 3, 0, 1)));
  unsigned mask = spread4[_mm_movemask_ps(_mm_cmpeq_ps(e, m))] |
                  (unsigned)spread4[_mm_movemask_ps(_mm_cmpeq_ps(o, m))] << 1;
  return (guint8)__builtin_ctz(mask);
}

/* The decoder over even/odd rows; `tag_order` says the emissions come in
 * tag order instead. */
static void
viterbi_eo(const float *emit, gboolean tag_order, guint n, const WnEntTrans *t, guint8 *out,
           float *margin)
{
  if (n == 0)
    return;
  float stack_buf[64 * R * 2] __attribute__((aligned(16)));
  float *heap = n <= 64 ? NULL : g_malloc((gsize)n * R * 2 * sizeof(float) + 16);
  float *delta = heap == NULL ? stack_buf : (float *)(((guintptr)heap + 15) & ~(guintptr)15);
  float *beta = delta + (gsize)n * R;

  Row d = row_add(emit_load(emit, tag_order), row_load(t->eo.start));
  row_store(delta, d);
  /* One loop per row order, so that neither tests it token by token. */
  if (tag_order) {
    for (guint i = 1; i < n; i++) {
      d = row_add(forward_step(d, t), emit_load(&emit[(gsize)i * R], TRUE));
      row_store(&delta[(gsize)i * R], d);
    }
  } else {
    for (guint i = 1; i < n; i++) {
      d = row_add(forward_step(d, t), emit_load(&emit[(gsize)i * R], FALSE));
      row_store(&delta[(gsize)i * R], d);
    }
  }
  const float *last = &delta[(gsize)(n - 1) * R];
  int best_tag = 0;
  for (int c = 1; c < N; c++)
    if (last[eo_lane(c)] > last[eo_lane(best_tag)])
      best_tag = c;
  out[n - 1] = (guint8)best_tag;
  guint any = (guint)best_tag; /* non-zero once a tag is not O */
  for (guint i = n - 1; i > 0; i--) {
    out[i - 1] = best_prev(&delta[(gsize)(i - 1) * R], t, out[i]);
    any |= out[i - 1];
  }

  if (margin == NULL)
    goto done;
  /* Margins only matter for entity spans: a sentence tagged all O needs none. */
  if (!any) {
    memset(margin, 0, sizeof(float) * n);
    goto done;
  }
  /* beta[i][c]: the best score of tokens after i given tag c at i. */
  Row b = {_mm_setzero_ps(), _mm_setzero_ps()};
  row_store(&beta[(gsize)(n - 1) * R], b);
  for (guint i = n - 1; i > 0; i--) {
    b = backward_step(row_add(emit_load(&emit[(gsize)i * R], tag_order), b), t);
    row_store(&beta[(gsize)(i - 1) * R], b);
  }
  /* Caps (even/odd) that hide one tag and the unused lane from the maximum:
   * min() with NEG takes them down to NEG or below, min() with +inf leaves
   * the others as they are; the maximum is then taken with NEG too, so
   * hidden lanes give exactly NEG, as a scalar loop starting from NEG
   * would. */
  static const float cap[N][R] __attribute__((aligned(16))) = {
#define K(c)                                                                                       \
  (c) == 0 ? NEG : INFINITY, (c) == 2 ? NEG : INFINITY, (c) == 4 ? NEG : INFINITY,                 \
      (c) == 6 ? NEG : INFINITY, (c) == 1 ? NEG : INFINITY, (c) == 3 ? NEG : INFINITY,             \
      (c) == 5 ? NEG : INFINITY, NEG
      {K(0)}, {K(1)}, {K(2)}, {K(3)}, {K(4)}, {K(5)}, {K(6)},
#undef K
  };
  const __m128 neg = _mm_set1_ps(NEG);
  for (guint i = 0; i < n; i++) {
    const float *dl = &delta[(gsize)i * R], *bt = &beta[(gsize)i * R];
    const int l = eo_lane(out[i]);
    float best = dl[l] + bt[l];
    /* The best of the other tags. */
    __m128 lo = _mm_add_ps(_mm_load_ps(dl), _mm_load_ps(bt));
    __m128 hi = _mm_add_ps(_mm_load_ps(dl + 4), _mm_load_ps(bt + 4));
    lo = _mm_min_ps(lo, _mm_load_ps(cap[out[i]]));
    hi = _mm_min_ps(hi, _mm_load_ps(cap[out[i]] + 4));
    __m128 m = _mm_max_ps(_mm_max_ps(lo, hi), neg);
    m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(1, 0, 3, 2)));
    m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(2, 3, 0, 1)));
    margin[i] = best - _mm_cvtss_f32(m);
  }
done:
  g_free(heap);
}

void
wn_ent_viterbi_prepared(const float *emit, guint n, const WnEntTrans *t, guint8 *out, float *margin)
{
  viterbi_eo(emit, TRUE, n, t, out, margin);
}

#else /* no SSE2: the plain recursion over tag-order rows */

/* The predecessor tag that gives `cur` its best score after a token whose
 * scores are `prev`: the first best in tag order. */
static inline guint8
best_prev(const float *prev, const WnEntTrans *t, int cur)
{
  float best = prev[0] + t->fwd[0][cur];
  int arg = 0;
  for (int p = 1; p < N; p++) {
    float v = prev[p] + t->fwd[p][cur];
    if (v > best) {
      best = v;
      arg = p;
    }
  }
  return (guint8)arg;
}

void
wn_ent_viterbi_prepared(const float *emit, guint n, const WnEntTrans *t, guint8 *out, float *margin)
{
  if (n == 0)
    return;
  float *delta = g_new(float, (gsize)n *R * 2);
  float *beta = delta + (gsize)n * R;
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
  const float *last = &delta[(gsize)(n - 1) * R];
  int best_tag = 0;
  for (int c = 1; c < N; c++)
    if (last[c] > last[best_tag])
      best_tag = c;
  out[n - 1] = (guint8)best_tag;
  for (guint i = n - 1; i > 0; i--)
    out[i - 1] = best_prev(&delta[(gsize)(i - 1) * R], t, out[i]);
  if (margin != NULL) {
    gboolean any = FALSE;
    for (guint i = 0; i < n && !any; i++)
      any = out[i] != WN_ENT_TAG_O;
    if (!any) {
      memset(margin, 0, sizeof(float) * n);
    } else {
      memset(&beta[(gsize)(n - 1) * R], 0, sizeof(float) * R);
      for (guint i = n - 1; i > 0; i--) {
        float w[R];
        for (int k = 0; k < R; k++)
          w[k] = emit[(gsize)i * R + k] + beta[(gsize)i * R + k];
        for (int c = 0; c < R; c++) {
          float best = w[0] + t->bwd[0][c];
          for (int k = 1; k < N; k++)
            best = MAX(best, w[k] + t->bwd[k][c]);
          beta[(gsize)(i - 1) * R + c] = best;
        }
      }
      for (guint i = 0; i < n; i++) {
        const float *dl = &delta[(gsize)i * R], *bt = &beta[(gsize)i * R];
        float best = dl[out[i]] + bt[out[i]], second = NEG;
        for (int c = 0; c < N; c++) {
          float v = dl[c] + bt[c];
          if (c != out[i] && v > second)
            second = v;
        }
        margin[i] = best - second;
      }
    }
  }
  g_free(delta);
}
#endif

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
  const WnEntTrans *t = wn_ent_model_prepared_transitions(model);
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
    float *m = margins != NULL ? margins + se[0] : NULL;
#ifdef __SSE2__
    /* Rows straight from the model's even/odd sums. */
    wn_ent_emissions_eo(model, doc, se[0], se[1], emit);
    viterbi_eo(emit, FALSE, n, t, tags + se[0], m);
#else
    wn_ent_emissions(model, doc, se[0], se[1], emit);
    wn_ent_viterbi_prepared(emit, n, t, tags + se[0], m);
#endif
  }
  g_free(heap);
}
