/* units-private.h: the summarizer's working representation of its input
 * (sentences as sparse term vectors plus an inverted index), shared by the
 * files that build it, rank it and select from it. */
#pragma once

#include "summarize.h"

#include <string.h>

/* g_new0 for the per-call arrays: glibc's calloc cost several hundred
 * instructions a call here (callgrind), malloc and memset far fewer. */
#define wn_sum_new0(type, n) ((type *)wn_sum_zalloc((n), sizeof(type)))
static inline gpointer
wn_sum_zalloc(gsize n, gsize size)
{
  gpointer p = g_malloc_n(n, size);
  if (p != NULL)
    memset(p, 0, n * size);
  return p;
}

/* Terms found in at most this many sentences pair every sentence holding them. */
#define WN_SUM_FULL_DF 48
/* Commoner terms pair a sentence with this many posting-list neighbours a side. */
#define WN_SUM_WINDOW 8
/* Edges kept per sentence in the similarity graph (the strongest). */
#define WN_SUM_MAX_NEIGHBOURS 24

typedef struct {
  guint doc, sent;  /* document index, index of its span in that document */
  guint pos;        /* position among the document's sentences (text order) */
  gsize start, end; /* byte span */
  guint n_words;    /* whitespace words: the budget unit */
  guint n_tokens;   /* alphanumeric tokens, stopwords included */
  guint n_content;  /* content tokens, repeats included */
  guint off, n;     /* distinct terms at term[off .. off + n) */
  guint seq_off;    /* the terms in text order at seq[seq_off .. + n_content) */
  float norm;       /* tf-idf norm */
  gboolean usable;  /* has content terms and is not an exact duplicate */
  gboolean eligible;
  gboolean is_title; /* the document's title repeated as its first lines */
} WnSumUnit;

typedef struct {
  WnSumStats *stats; /* may be NULL */
  WnSumUnit *units;
  guint n_units, n_usable;
  guint n_occ;      /* distinct (unit, term) pairs */
  guint n_terms;    /* vocabulary size */
  guint *seq;       /* content term ids in text order, repeats kept: unit i's are at
                     * seq[units[i].seq_off .. + n_content) */
  guint *term;      /* [n_occ] term ids, sorted within each unit */
  float *tf;        /* [n_occ] counts */
  float *w;         /* [n_occ] tf * idf */
  guint *rank;      /* [n_occ] rank of the unit in the term's posting list */
  guint *df;        /* [n_terms] */
  float *idf;       /* [n_terms] */
  guint *post_off;  /* [n_terms + 1] */
  guint *post_unit; /* units of each posting list, ascending */
  float *post_w;    /* the term's tf-idf weight in that unit */
  /* The sparse similarity graph: out-edges of unit i at nbr[nbr_off[i] ..
   * nbr_off[i + 1]). */
  guint *nbr_off;
  guint *nbr;
  float *nbr_w;
} WnSumCtx;

/* Scratch for sparse dot products: dense arrays of n_units plus the list of
 * the units touched since the last reset. */
typedef struct {
  double *dot;
  guint *cnt;
  guint *touched;
  guint n_touched;
} WnSumAcc;

gboolean wn_sum_ctx_build(WnSumCtx *c, const WnSumDoc *docs, gsize n_docs, const char *language,
                          WnSumCachePool *pool, GError **error);
void wn_sum_ctx_clear(WnSumCtx *c);

/* Dot products (and shared-term counts) of unit i with its sparse candidates. */
guint64 wn_sum_accumulate(const WnSumCtx *c, guint i, WnSumAcc *a);
void wn_sum_acc_reset(WnSumAcc *a);
/* The exact tf-idf cosine and shared distinct terms of two units. */
void wn_sum_pair(const WnSumCtx *c, guint i, guint j, double *cosine, guint *common);

typedef enum {
  WN_SUM_GRAPH_COSINE,  /* tf-idf cosine, weighted */
  WN_SUM_GRAPH_OVERLAP, /* shared terms / (log len_i + log len_j), weighted */
  WN_SUM_GRAPH_LEXRANK, /* cosine >= 0.1, unweighted */
} WnSumGraphKind;

/* Builds the graph (c->nbr*) and runs PageRank over it; `rank` gets one
 * score per unit (0 for unusable ones), normalised so the best is 1. */
void wn_sum_rank(WnSumCtx *c, WnSumGraphKind kind, double *rank);
