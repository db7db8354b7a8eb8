/* summarize.h: the summarizer's internal C API, shared by the stage, the tests
 * and the benchmarks. It works on plain text plus sentence spans (and optional
 * entity spans), so it can be driven without a pipeline. */
#pragma once

#include <glib.h>
#include <winnow/doc.h>
#include <winnow/error.h>

G_BEGIN_DECLS

/* Word caches (each with its Snowball stemmer) shared by the calls of one
 * stage instance: thread-safe to borrow from; see tokenizer.c. */
typedef struct _WnSumCachePool WnSumCachePool;
WnSumCachePool *wn_sum_cache_pool_new(void);
void wn_sum_cache_pool_free(WnSumCachePool *pool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnSumCachePool, wn_sum_cache_pool_free)

typedef enum {
  WN_SUM_SALIENCE, /* default: centrality, recurrence, support, position, length, entities; MMR */
  WN_SUM_LEAD,     /* first sentences (of each document, round robin in a group) */
  WN_SUM_TEXTRANK, /* weighted PageRank over word-overlap similarity (Mihalcea & Tarau) */
  WN_SUM_LEXRANK,  /* PageRank over thresholded tf-idf cosine (Erkan & Radev) */
} WnSumMethod;

/* Parses "salience", "lead", "textrank" or "lexrank"; FALSE when unknown. */
gboolean wn_sum_method_from_string(const char *name, WnSumMethod *method);
const char *wn_sum_method_to_string(WnSumMethod method);

typedef struct {
  WnSumMethod method;
  /* Budgets; 0 means "no limit of this kind". All given limits apply at once.
   * Words are whitespace-separated runs of a sentence's text; a summary never
   * holds more than max_words of them. ratio limits the words to
   * floor(ratio * words of the input's eligible sentences) (at least 1). */
  guint max_sentences;
  guint max_words;
  double ratio;
  /* 0..1: weight of the MMR redundancy penalty (0 = rank by score alone).
   * Negative means the method's default. Near-duplicates are always refused. */
  double redundancy;
  /* "en", "fr", "de" or "es": stopwords and Snowball stemmer. */
  const char *language;
  /* Sentences with fewer words are not chosen (unless no sentence has that many). */
  guint min_sentence_words;
  /* Word caches to borrow from (faster across calls); NULL for none. */
  WnSumCachePool *pool;
  /* The salience method's weights; NULL for the built-in defaults. */
  const struct _WnSumParams *params;
} WnSumConfig;

/* Weights and thresholds of the default method (exposed for the benchmark). */
typedef struct _WnSumParams {
  double w_centrality; /* PageRank over the tf-idf cosine graph */
  double w_frequency;  /* mean recurrence of the sentence's words elsewhere in the input */
  double w_position;   /* 1 / (1 + position)^position_decay within its document */
  double position_decay;
  double w_entities;      /* sum of log(1 + mentions) of the sentence's entities */
  double length_knee;     /* words below which a sentence's score shrinks linearly */
  double redundancy;      /* default MMR weight of the salience method */
  double dup_cosine;      /* tf-idf cosine at or above which two sentences are the same */
  double dup_containment; /* share of the smaller sentence's terms found in the other */
  double coverage_decay;  /* a chosen term's frequency weight is multiplied by this */
  double document_power;  /* scores scale by (document's agreement with the group)^this */
  double w_recurrence;    /* share of words that are function words or recur in the input */
  double dup_quote;       /* idf share of a sentence in word runs already chosen: the same */
  double length_power;    /* scores scale by (words / 20)^-length_power: favour dense sentences */
  double w_support;       /* strongest similarity to a sentence of another document (groups) */
  double fragment_factor; /* score factor of sentences that cannot stand alone */
  double quote_factor;    /* score factor of a sentence that is a quotation and nothing else */
} WnSumParams;

extern const WnSumParams wn_sum_default_params;

/* Fills `config` with the defaults: salience, 3 sentences, English, 5 words,
 * no pool, default parameters. */
void wn_sum_config_init(WnSumConfig *config);

/* One document to summarize: its text, its sentence spans (byte offsets into
 * text) and optionally entity spans (byte offsets, any order). */
typedef struct {
  const char *id; /* for messages and group summaries; may be NULL */
  const char *text;
  gsize len;
  const WnSpan *sentences;
  gsize n_sentences;
  const WnSpan *entities; /* or NULL */
  gsize n_entities;
  /* The document's title, or NULL: a sentence that only repeats it is not
   * chosen (a digest shows the title already). */
  const char *title;
} WnSumDoc;

/* One chosen sentence. */
typedef struct {
  guint doc;        /* index into the docs array */
  guint sentence;   /* index into that document's sentence spans */
  gsize start, end; /* byte offsets into that document's text */
  double score;     /* the method's score of the sentence, in 0..1 */
  guint n_words;    /* words counted against the budget */
  guint rank;       /* 0 for the sentence chosen first, 1 for the next... */
} WnSumPick;

/* Work counters, so tests can check that cost grows linearly with input size. */
typedef struct {
  guint64 n_units;      /* sentences considered */
  guint64 n_term_occ;   /* distinct (sentence, term) pairs */
  guint64 pair_updates; /* similarity accumulations while building the graph */
  guint64 edges;        /* edges kept in the similarity graph */
  guint64 mmr_updates;  /* similarity accumulations during selection */
  guint64 rank_iters;   /* PageRank iterations */
} WnSumStats;

/* Summarizes `n_docs` documents together (one document, or a group). Returns
 * the picks in output order (document index, then position), or NULL with
 * `error` set (WN_ERROR_STAGE) when a span lies outside its text. An input
 * without usable sentences yields an empty array. `stats` may be NULL. */
GArray *wn_summarize(const WnSumConfig *config, const WnSumDoc *docs, gsize n_docs,
                     WnSumStats *stats, GError **error);

/* Counts whitespace-separated words in text[0..len). */
guint wn_sum_count_words(const char *text, gsize len);

/* Similarity of two sentences (for tests): tf-only
 * cosine of stemmed content words, and containment (shared distinct terms over
 * the smaller sentence's distinct terms). */
void wn_sum_similarity(const char *language, const char *a, gsize a_len, const char *b, gsize b_len,
                       double *cosine, double *containment);

/* Stopwords: TRUE when `word` (lower-case UTF-8, NUL-terminated) is a stopword
 * of `language` ("en", "fr", "de", "es"). */
gboolean wn_sum_is_stopword(const char *language, const char *word);
/* TRUE when the language has a stopword list and a stemmer. */
gboolean wn_sum_language_supported(const char *language);

/* Tokenizer: splits text into lower-cased alphanumeric words, drops stopwords,
 * stems the rest, and maps each stem to a small integer id. One per call; the
 * Snowball stemmer and word cache behind it are borrowed from a pool for the
 * call's duration, so two calls never share one (libstemmer is not
 * thread-safe). */
typedef struct _WnSumTokenizer WnSumTokenizer;
/* `pool`: where to borrow a warm word cache (and its stemmer) from and give it
 * back to on free; NULL for a cache of the call's own (slower). */
WnSumTokenizer *wn_sum_tokenizer_new(const char *language, WnSumCachePool *pool);
void wn_sum_tokenizer_free(WnSumTokenizer *tok);
/* Appends the term ids of text[0..len) to `ids`; returns the number of
 * alphanumeric tokens seen (stopwords included) and sets `n_words` (may be
 * NULL) to the whitespace-separated words, as wn_sum_count_words counts them. */
guint wn_sum_tokenizer_add(WnSumTokenizer *tok, const char *text, gsize len, GArray *ids,
                           guint *n_words);
guint wn_sum_tokenizer_n_terms(const WnSumTokenizer *tok);
/* The stem behind a term id, newly allocated (for debugging and tests). */
char *wn_sum_tokenizer_term(const WnSumTokenizer *tok, guint id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnSumTokenizer, wn_sum_tokenizer_free)

G_END_DECLS
