/* graph.c: the sparse sentence-similarity graph and PageRank over it.
 *
 * Candidate pairs come from the inverted index (wn_sum_accumulate), so only
 * sentences sharing a content term are compared, and each sentence keeps its
 * WN_SUM_MAX_NEIGHBOURS strongest edges: building and ranking cost grows
 * linearly with the input, where the textbook TextRank and LexRank compare
 * every pair of sentences. */
#include "units-private.h"

#include <math.h>
#include <stdlib.h>

#define DAMPING 0.85
#define MAX_ITERS 100
#define TOLERANCE 1e-5
#define LEXRANK_THRESHOLD 0.1

typedef struct {
  guint j;
  float w;
} Edge;

static int
cmp_edge(const void *a, const void *b)
{
  const Edge *x = a, *y = b;
  if (x->w != y->w)
    return x->w > y->w ? -1 : 1;
  return (x->j > y->j) - (x->j < y->j);
}

static double
edge_weight(const WnSumCtx *c, WnSumGraphKind kind, guint i, guint j, double dot, guint common)
{
  const WnSumUnit *a = &c->units[i], *b = &c->units[j];
  const double cosine = dot / ((double)a->norm * b->norm);
  switch (kind) {
  case WN_SUM_GRAPH_COSINE:
    return cosine;
  case WN_SUM_GRAPH_LEXRANK:
    return cosine >= LEXRANK_THRESHOLD ? 1.0 : 0.0;
  case WN_SUM_GRAPH_OVERLAP: {
    double denom = log((double)MAX(a->n_tokens, 1)) + log((double)MAX(b->n_tokens, 1));
    return common / (denom > 0 ? denom : 1.0);
  }
  }
  return 0;
}

static void
build_graph(WnSumCtx *c, WnSumGraphKind kind)
{
  const guint n = c->n_units;
  WnSumAcc acc = {g_new(double, n), wn_sum_new0(guint, n), g_new(guint, n), 0};
  Edge *edges = g_new(Edge, n > 0 ? n : 1);
  /* At most WN_SUM_MAX_NEIGHBOURS edges a unit: plain buffers of that bound,
   * filled in place (no append call per edge). */
  const gsize max_edges = (gsize)c->n_usable * WN_SUM_MAX_NEIGHBOURS;
  guint *nbr = g_new(guint, max_edges > 0 ? max_edges : 1);
  float *nbr_w = g_new(float, max_edges > 0 ? max_edges : 1);
  guint n_kept = 0;
  g_free(c->nbr_off);
  c->nbr_off = g_new(guint, n + 1);
  guint64 updates = 0;

  for (guint i = 0; i < n; i++) {
    c->nbr_off[i] = n_kept;
    if (!c->units[i].usable)
      continue;
    updates += wn_sum_accumulate(c, i, &acc);
    guint n_edges = 0;
    for (guint k = 0; k < acc.n_touched; k++) {
      const guint j = acc.touched[k];
      const double w = edge_weight(c, kind, i, j, acc.dot[j], acc.cnt[j]);
      if (w > 0)
        edges[n_edges++] = (Edge){j, (float)w};
    }
    wn_sum_acc_reset(&acc);
    if (n_edges > WN_SUM_MAX_NEIGHBOURS) {
      qsort(edges, n_edges, sizeof(Edge), cmp_edge);
      n_edges = WN_SUM_MAX_NEIGHBOURS;
    }
    for (guint k = 0; k < n_edges; k++) {
      nbr[n_kept] = edges[k].j;
      nbr_w[n_kept++] = edges[k].w;
    }
  }
  c->nbr_off[n] = n_kept;
  if (c->stats != NULL) {
    c->stats->pair_updates += updates;
    c->stats->edges += n_kept;
  }
  g_free(c->nbr);
  g_free(c->nbr_w);
  c->nbr = nbr;
  c->nbr_w = nbr_w;
  g_free(edges);
  g_free(acc.dot);
  g_free(acc.cnt);
  g_free(acc.touched);
}

void
wn_sum_rank(WnSumCtx *c, WnSumGraphKind kind, double *rank)
{
  const guint n = c->n_units;
  for (guint i = 0; i < n; i++)
    rank[i] = 0;
  if (c->n_usable == 0)
    return;
  build_graph(c, kind);

  /* Power iteration over usable units; a unit without out-edges spreads its
   * mass evenly (the usual fix for dangling nodes). The usable units, those
   * with out-edges and the dangling ones are listed once in ascending order
   * (every sum runs in the same order as a plain loop over all units would),
   * and the edge weights are widened to double once, not at every pass. */
  const double base = 1.0 / c->n_usable;
  const guint n_edges = c->nbr_off[n];
  double *out_sum = wn_sum_new0(double, n);
  double *next = g_new(double, n);
  double *share_w = g_new(double, n_edges > 0 ? n_edges : 1);
  guint *usable = g_new(guint, n), *spreading = g_new(guint, n), *dangling_units = g_new(guint, n);
  guint n_live = 0, n_spreading = 0, n_dangling = 0;
  for (guint i = 0; i < n; i++) {
    if (!c->units[i].usable)
      continue;
    usable[n_live++] = i;
    rank[i] = base;
    for (guint e = c->nbr_off[i]; e < c->nbr_off[i + 1]; e++)
      out_sum[i] += c->nbr_w[e];
    if (out_sum[i] <= 0)
      dangling_units[n_dangling++] = i;
    else
      spreading[n_spreading++] = i;
  }
  for (guint e = 0; e < n_edges; e++)
    share_w[e] = c->nbr_w[e];
  guint iter;
  for (iter = 0; iter < MAX_ITERS; iter++) {
    double dangling = 0;
    for (guint i = 0; i < n; i++)
      next[i] = 0;
    for (guint k = 0; k < n_dangling; k++)
      dangling += rank[dangling_units[k]];
    for (guint k = 0; k < n_spreading; k++) {
      const guint i = spreading[k];
      const double share = rank[i] / out_sum[i];
      const guint end = c->nbr_off[i + 1];
      for (guint e = c->nbr_off[i]; e < end; e++)
        next[c->nbr[e]] += share * share_w[e];
    }
    double delta = 0;
    for (guint k = 0; k < n_live; k++) {
      const guint i = usable[k];
      const double v = (1.0 - DAMPING) * base + DAMPING * (next[i] + dangling * base);
      delta += fabs(v - rank[i]);
      rank[i] = v;
    }
    if (delta < TOLERANCE)
      break;
  }
  g_free(share_w);
  g_free(usable);
  g_free(spreading);
  g_free(dangling_units);
  if (c->stats != NULL)
    c->stats->rank_iters += iter + 1;
  double best = 0;
  for (guint i = 0; i < n; i++)
    best = MAX(best, rank[i]);
  for (guint i = 0; i < n; i++)
    rank[i] = best > 0 ? rank[i] / best : 0;
  g_free(out_sum);
  g_free(next);
}
