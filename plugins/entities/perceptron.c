/* perceptron.c: averaged structured perceptron training over BIO tag sequences,
 * with dense hashed weights while training and a pruned, compact model at the
 * end. Feature ids are computed once per token before the first epoch. */
#include "ent.h"

#include <string.h>

#define N WN_ENT_N_TAGS

typedef struct {
  const WnEntCorpusDoc *doc;
  guint first, last;
  gsize feat_offset; /* index of the sentence's first token in tok_feat_start */
} Sentence;

typedef struct {
  guint hash_bits;
  float *w;  /* weights, buckets * N */
  double *u; /* their time-weighted sums, for averaging */
  float tw[(N + 1) * N];
  double tu[(N + 1) * N];
  double c; /* update counter for averaging */
} Trainer;

static void
averaged(const Trainer *tr, float *w_out, float *t_out)
{
  gsize size = ((gsize)1 << tr->hash_bits) * N;
  for (gsize i = 0; i < size; i++)
    w_out[i] = tr->w[i] - (float)(tr->u[i] / tr->c);
  for (guint i = 0; i < (N + 1) * N; i++)
    t_out[i] = tr->tw[i] - (float)(tr->tu[i] / tr->c);
}

static inline void
update(float *w, double *u, gsize idx, float delta, double c)
{
  w[idx] += delta;
  u[idx] += c * delta;
}

WnEntModel *
wn_ent_train(WnEntCorpus *train, const WnEntTrainOptions *opts, WnEntEpochFunc on_epoch,
             gpointer user_data)
{
  Trainer tr = {.hash_bits = opts->hash_bits, .c = 1};
  gsize buckets = (gsize)1 << opts->hash_bits;
  tr.w = g_new0(float, buckets *N);
  tr.u = g_new0(double, buckets *N);

  /* Features of every token, computed once. */
  GArray *sents = g_array_new(FALSE, FALSE, sizeof(Sentence));
  GArray *feats = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *starts = g_array_new(FALSE, FALSE, sizeof(gsize)); /* per token, + 1 at the end */
  for (guint d = 0; d < train->docs->len; d++) {
    const WnEntCorpusDoc *cd = train->docs->pdata[d];
    for (guint s = 0; s < cd->doc->sents->len; s++) {
      const guint *se = &g_array_index(cd->doc->sents, guint, s * 2);
      Sentence sent = {cd, se[0], se[1], starts->len};
      g_array_append_val(sents, sent);
      for (guint i = se[0]; i < se[1]; i++) {
        guint32 f[WN_ENT_MAX_FEATS];
        gsize at = feats->len;
        g_array_append_val(starts, at);
        guint nf = wn_ent_features(cd->doc, se[0], se[1], i, opts->hash_bits, f);
        g_array_append_vals(feats, f, nf);
      }
    }
  }
  gsize end_at = feats->len;
  g_array_append_val(starts, end_at);

  GRand *rand = g_rand_new_with_seed(opts->seed);
  GArray *emit = g_array_new(FALSE, FALSE, sizeof(float));
  GArray *pred = g_array_new(FALSE, FALSE, sizeof(guint8));
  float *avg_w = NULL, avg_t[(N + 1) * N];
  if (on_epoch != NULL)
    avg_w = g_new(float, buckets *N);
  Sentence *sv = (Sentence *)sents->data;
  const guint32 *fv = (const guint32 *)feats->data;
  const gsize *st = (const gsize *)starts->data;

  for (guint epoch = 1; epoch <= opts->epochs; epoch++) {
    /* Fisher-Yates shuffle: a fresh sentence order each epoch. */
    for (guint i = sents->len; i > 1; i--) {
      guint j = g_rand_int_range(rand, 0, i);
      Sentence tmp = sv[i - 1];
      sv[i - 1] = sv[j];
      sv[j] = tmp;
    }
    gsize n_wrong = 0;
    for (guint s = 0; s < sents->len; s++) {
      const Sentence *sent = &sv[s];
      guint n = sent->last - sent->first;
      const guint8 *gold = &g_array_index(sent->doc->tags, guint8, sent->first);
      g_array_set_size(emit, (gsize)n * WN_ENT_ROW);
      g_array_set_size(pred, n);
      float *e = (float *)emit->data;
      for (guint i = 0; i < n; i++) {
        float *row = &e[(gsize)i * WN_ENT_ROW];
        memset(row, 0, sizeof(float) * WN_ENT_ROW);
        gsize t = sent->feat_offset + i;
        for (gsize k = st[t]; k < st[t + 1]; k++) {
          const float *wr = &tr.w[(gsize)fv[k] * N];
          for (int c = 0; c < N; c++)
            row[c] += wr[c];
        }
      }
      guint8 *p = (guint8 *)pred->data;
      wn_ent_viterbi(e, n, tr.tw, p, NULL);
      gboolean wrong = FALSE;
      for (guint i = 0; i < n; i++) {
        int g = gold[i], q = p[i];
        int gp = i == 0 ? N : gold[i - 1], qp = i == 0 ? N : p[i - 1];
        if (g != q) {
          wrong = TRUE;
          gsize t = sent->feat_offset + i;
          for (gsize k = st[t]; k < st[t + 1]; k++) {
            update(tr.w, tr.u, (gsize)fv[k] * N + g, 1, tr.c);
            update(tr.w, tr.u, (gsize)fv[k] * N + q, -1, tr.c);
          }
        }
        if (g != q || gp != qp) {
          update(tr.tw, tr.tu, gp * N + g, 1, tr.c);
          update(tr.tw, tr.tu, qp * N + q, -1, tr.c);
        }
      }
      n_wrong += wrong;
      tr.c += 1;
    }
    if (opts->verbose)
      g_printerr("epoch %u: %" G_GSIZE_FORMAT " of %u sentences wrong\n", epoch, n_wrong,
                 sents->len);
    if (on_epoch != NULL) {
      averaged(&tr, avg_w, avg_t);
      g_autoptr(WnEntModel) m = wn_ent_model_new_from_dense(opts->hash_bits, avg_w, avg_t, 0);
      on_epoch(epoch, m, user_data);
    }
  }
  if (avg_w == NULL)
    avg_w = g_new(float, buckets *N);
  averaged(&tr, avg_w, avg_t);
  WnEntModel *model = wn_ent_model_new_from_dense(opts->hash_bits, avg_w, avg_t, opts->prune);

  g_free(avg_w);
  g_free(tr.w);
  g_free(tr.u);
  g_rand_free(rand);
  g_array_unref(emit);
  g_array_unref(pred);
  g_array_unref(sents);
  g_array_unref(feats);
  g_array_unref(starts);
  return model;
}
