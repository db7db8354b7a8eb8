/* ent.h: the entity tagger's internal API, shared by the stage glue, the trainer,
 * the evaluation tool, the tests and the benchmark.
 *
 * The tagger works on a document's text plus token and sentence boundaries (byte
 * offsets). Pieces, one file each: token analysis (tokinfo.c), feature extraction
 * (features.c), the model and its file format (model.c), Viterbi decoding
 * (decode.c), averaged-perceptron training (perceptron.c), gazetteers
 * (gazetteer.c), hand-written scanners for dates, money and the like
 * (patterns.c), document-level consistency rules (consistency.c), the whole
 * chain for one document (tagger.c), CoNLL reading and span scoring (conll.c,
 * eval.c) and a plain tokenizer for documents that arrive without tokens
 * (simpletok.c). */
#pragma once

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <winnow/winnow.h>

G_BEGIN_DECLS

/* ---- labels ------------------------------------------------------------- */

/* Entity types the statistical model predicts; BIO tags are built over them. */
typedef enum {
  WN_ENT_PERSON,
  WN_ENT_ORG,
  WN_ENT_LOC,
  WN_ENT_N_MODEL_TYPES,
} WnEntModelType;

/* Tag ids: 0 = O, then B-type, I-type for each model type. */
#define WN_ENT_N_TAGS (1 + 2 * WN_ENT_N_MODEL_TYPES)
#define WN_ENT_TAG_O 0
#define WN_ENT_TAG_B(type) (1 + 2 * (type))
#define WN_ENT_TAG_I(type) (2 + 2 * (type))
#define WN_ENT_TAG_TYPE(tag) (((tag)-1) / 2)
#define WN_ENT_TAG_IS_B(tag) ((tag) > 0 && ((tag) % 2) == 1)

/* The interned label of a model type ("PERSON", "ORG", "LOC"). */
const char *wn_ent_model_type_label(int type);

/* ---- tokens ------------------------------------------------------------- */

enum {
  WN_ENT_TOK_CAP = 1 << 0,     /* first letter upper case */
  WN_ENT_TOK_ALLCAPS = 1 << 1, /* has letters, all upper case */
  WN_ENT_TOK_LOWER = 1 << 2,   /* has letters, all lower case */
  WN_ENT_TOK_DIGIT = 1 << 3,   /* contains a digit */
  WN_ENT_TOK_ALNUM = 1 << 4,   /* contains a letter or digit */
  WN_ENT_TOK_SENT_START = 1 << 5,
  WN_ENT_TOK_HEADLINE = 1 << 6,   /* inside an all-caps or all-lower-case sentence */
  WN_ENT_TOK_PERIOD_END = 1 << 7, /* ends with '.', like "Sen." */
};

/* Gazetteer membership bits of one token (see gazetteer.c). */
enum {
  WN_GAZ_FIRST = 1 << 0,   /* a person's first name */
  WN_GAZ_LAST = 1 << 1,    /* a surname */
  WN_GAZ_CITY = 1 << 2,    /* a city or town */
  WN_GAZ_REGION = 1 << 3,  /* a state, province or region */
  WN_GAZ_COUNTRY = 1 << 4, /* a country */
  WN_GAZ_COMPANY = 1 << 5, /* a company or brand */
  WN_GAZ_NORP = 1 << 6,    /* a nationality, religious or political group */
  WN_GAZ_TITLE = 1 << 7,   /* a title before a name: "President", "Sen." */
  WN_GAZ_ORGWORD = 1 << 8, /* a word that ends organisation names: "Inc.", "Agency" */
  WN_GAZ_USER = 1 << 9,    /* a user list's phrase */
  WN_GAZ_N_BITS = 10,
};

typedef struct {
  gsize start, end;   /* bytes in the document's text */
  guint32 flags;      /* WN_ENT_TOK_* */
  guint32 gaz_begin;  /* WN_GAZ_* bits of phrases that begin here */
  guint32 gaz_inside; /* WN_GAZ_* bits of phrases that cover this token */
  guint64 hlower;     /* hash of the lower-cased token */
  guint64 hshape;     /* hash of the collapsed shape ("Xx", "d.d") */
  guint64 hexact;     /* hash of the token as written */
} WnEntTok;

/* A document prepared for tagging: the tokens of all sentences, with sentence
 * boundaries as token index ranges. */
typedef struct {
  const char *text;
  gsize text_len;
  GArray *toks;  /* of WnEntTok */
  GArray *sents; /* of guint pairs: first token, one past the last */
  /* Built by wn_ent_doc_analyse() for wn_ent_doc_span_tokens(): the first
   * token of every 8-byte block of text (block of byte b: b >>
   * WN_ENT_TOK_INDEX_SHIFT), valid while toks->len equals tok_index_toks. */
  guint *tok_index;
  gsize tok_index_blocks;
  guint tok_index_toks;
} WnEntDoc;

/* Whether token t is written exactly `word`. The first byte rules out
 * nearly every pair, so the rules can ask this of every token. */
static inline gboolean
wn_ent_tok_is(const WnEntDoc *doc, const WnEntTok *t, const char *word)
{
  if (t->end == t->start || doc->text[t->start] != word[0])
    return FALSE;
  gsize len = strlen(word);
  return t->end - t->start == len && memcmp(doc->text + t->start, word, len) == 0;
}

/* Whether `label` (maybe NULL) is `want`. Labels are string literals or
 * interned, so the pointers are mostly equal already, and the first byte
 * tells most others apart without a call (the same literal in another file,
 * or one interned from a user list, may be another pointer: then the bytes
 * decide). */
static inline gboolean
wn_ent_label_is(const char *label, const char *want)
{
  return label != NULL && (label == want || (label[0] == want[0] && strcmp(label, want) == 0));
}

/* Whether `label` is one the statistical model predicts: PERSON, ORG, LOC. */
static inline gboolean
wn_ent_is_model_label(const char *label)
{
  return wn_ent_label_is(label, "PERSON") || wn_ent_label_is(label, "ORG") ||
         wn_ent_label_is(label, "LOC");
}

/* log2 of the block size of WnEntDoc.tok_index, for code that reads it. */
#define WN_ENT_TOK_INDEX_SHIFT 3

WnEntDoc *wn_ent_doc_new(const char *text, gsize text_len);
void wn_ent_doc_free(WnEntDoc *doc);
/* Appends a token / closes the current sentence. Token offsets must increase. */
void wn_ent_doc_add_token(WnEntDoc *doc, gsize start, gsize end);
void wn_ent_doc_end_sentence(WnEntDoc *doc);
/* Fills flags and hashes of every token (call once all tokens are in). */
void wn_ent_doc_analyse(WnEntDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnEntDoc, wn_ent_doc_free)

/* wn_ent_doc_span_tokens() by binary search over all tokens, for when the
 * block index does not answer (in tokinfo.c). */
void wn_ent_doc_span_tokens_search(const WnEntDoc *doc, gsize start, gsize end, guint *first,
                                   guint *last);

/* The tokens [*first, *last) that overlap bytes [start, end). Inline, since
 * the rules ask it for every span again and again: the document's block
 * index gives a first guess; the guess is checked (no token before it may
 * reach `start`), and anything else is left to the binary search. */
static inline void
wn_ent_doc_span_tokens(const WnEntDoc *doc, gsize start, gsize end, guint *first, guint *last)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  const guint n = doc->toks->len;
  if (G_UNLIKELY(doc->tok_index == NULL || doc->tok_index_toks != n ||
                 (start >> WN_ENT_TOK_INDEX_SHIFT) >= doc->tok_index_blocks)) {
    wn_ent_doc_span_tokens_search(doc, start, end, first, last);
    return;
  }
  guint f = doc->tok_index[start >> WN_ENT_TOK_INDEX_SHIFT];
  if (G_UNLIKELY(f > n || (f > 0 && toks[f - 1].end > start))) {
    wn_ent_doc_span_tokens_search(doc, start, end, first, last);
    return;
  }
  while (f < n && toks[f].end <= start)
    f++;
  guint l = f;
  while (l < n && toks[l].start < end)
    l++;
  *first = f;
  *last = l;
}

guint64 wn_ent_hash_bytes(const char *s, gsize len);
guint64 wn_ent_hash_lower(const char *s, gsize len);

/* A strong 64-bit mix, so that combined feature keys spread evenly; inline
 * for the loops that run it for every token. */
static inline guint64
wn_ent_hash_mix(guint64 a, guint64 b)
{
  guint64 h = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

/* A hash of the run of tokens [a, b): of their forms as written, or with
 * `lower` of their lower-cased forms (the rules' keys for names they saw). */
static inline guint64
wn_ent_run_hash(const WnEntTok *toks, guint a, guint b, gboolean lower)
{
  guint64 h = 0x9e3779b97f4a7c15ULL;
  for (guint i = a; i < b; i++)
    h = wn_ent_hash_mix(h, lower ? toks[i].hlower : toks[i].hexact);
  return h;
}

/* Splits `text` into sentences and tokens with simple rules (used by the trainer's
 * text mode, tests and benches when no tokens layer exists). */
void wn_ent_simple_tokenize(WnEntDoc *doc);

/* ---- gazetteers --------------------------------------------------------- */

typedef struct _WnGazetteer WnGazetteer;

WnGazetteer *wn_gazetteer_new(void);
void wn_gazetteer_free(WnGazetteer *gaz);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnGazetteer, wn_gazetteer_free)
/* Adds one phrase (tokenised by spaces and punctuation like the tokenizer). */
void wn_gazetteer_add(WnGazetteer *gaz, const char *phrase, gsize len, guint32 bits,
                      const char *user_label);
/* Loads a list: one phrase per line, or "phrase<TAB>label" where label is one of
 * PERSON, ORG, LOC, NORP, FIRST, LAST, CITY, REGION, COUNTRY, COMPANY, TITLE,
 * ORGWORD (or any label name for user lists). Lines starting with '#' are skipped. */
gboolean wn_gazetteer_load_tsv(WnGazetteer *gaz, const char *path, guint32 default_bits,
                               gboolean user, GError **error);
/* Reads Debian iso-codes (countries and subdivisions) from `dir`; a missing
 * folder is not an error (returns TRUE, adds nothing). */
gboolean wn_gazetteer_load_iso_codes(WnGazetteer *gaz, const char *dir, GError **error);
/* Loads the default set shipped in `data_dir` plus iso-codes. */
gboolean wn_gazetteer_load_default(WnGazetteer *gaz, const char *data_dir, GError **error);
guint wn_gazetteer_size(const WnGazetteer *gaz);

/* Marks gaz_begin / gaz_inside on every token of `doc`. */
void wn_gazetteer_mark(const WnGazetteer *gaz, WnEntDoc *doc);

/* A user-list match: tokens [first, last) carry `label`. */
typedef struct {
  guint first, last;
  const char *label;
} WnGazMatch;
/* Longest user-list matches, left to right, no overlaps. */
void wn_gazetteer_user_matches(const WnGazetteer *gaz, const WnEntDoc *doc, GArray *out);

/* ---- features and model ------------------------------------------------- */

#define WN_ENT_MAX_FEATS 48

/* Hashed feature ids (already reduced to `hash_bits` bits) of token `i`. Returns
 * the number written into `out` (at most WN_ENT_MAX_FEATS). */
guint wn_ent_features(const WnEntDoc *doc, guint sent_first, guint sent_last, guint i,
                      guint hash_bits, guint32 *out);

/* The same features split by what they depend on, so that callers can cache
 * the parts that depend on one word only: WORD (the token's own text and
 * whether its sentence is caseless), NEIGHBOURS (the lower-cased words up to
 * two away: T_PREV1/NEXT1/PREV2/NEXT2), CONTEXT (everything else). Writes
 * the asked parts in the order wn_ent_features() gives them. */
enum {
  WN_ENT_FEAT_WORD = 1 << 0,
  WN_ENT_FEAT_NEIGHBOURS = 1 << 1,
  WN_ENT_FEAT_CONTEXT = 1 << 2,
  WN_ENT_FEAT_ALL = 7,
};
guint wn_ent_features_part(const WnEntDoc *doc, guint first, guint last, guint i, guint hash_bits,
                           guint parts, guint32 *out);
/* The CONTEXT features of every token of the sentence [first, last), token
 * after token: writes counts[i - first] ids for token i into `out` (room for
 * (last - first) * WN_ENT_MAX_FEATS ids) and returns how many in all. The
 * same ids as wn_ent_features_part(..., WN_ENT_FEAT_CONTEXT, ...), cheaper.
 * When `prefetch_rows` is not NULL, it is a table of 16-byte rows indexed by
 * feature id, and the row of every id is prefetched as the id is made. */
guint wn_ent_context_features(const WnEntDoc *doc, guint first, guint last, guint hash_bits,
                              guint32 *out, guint8 *counts, const void *prefetch_rows);
/* The NEIGHBOURS features a word of lower-cased hash `h` gives to the tokens
 * around it: out[0] to the next token (it is that one's previous word), out[1]
 * to the previous token, out[2] two tokens on, out[3] two tokens back. */
void wn_ent_neighbour_features(guint64 h, guint hash_bits, guint32 out[4]);
/* The neighbour word hashes past the sentence's ends. */
#define WN_ENT_BOS_HASH 0x5bd1e9955bd1e995ULL
#define WN_ENT_EOS_HASH 0x2545f4914f6cdd1dULL

typedef struct _WnEntModel WnEntModel;

#define WN_ENT_MODEL_MAGIC "WNENTMDL"
#define WN_ENT_MODEL_VERSION 1

/* Builds a model from dense weights: `w` has (1 << hash_bits) * WN_ENT_N_TAGS
 * floats, `trans` (N_TAGS + 1) * N_TAGS (last row: from the sentence start).
 * Buckets whose largest |weight| is below `prune` are dropped. */
WnEntModel *wn_ent_model_new_from_dense(guint hash_bits, const float *w, const float *trans,
                                        float prune);
void wn_ent_model_free(WnEntModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnEntModel, wn_ent_model_free)
gboolean wn_ent_model_save(const WnEntModel *model, const char *path, GError **error);
/* Errors: WN_ERROR_IO when unreadable, WN_ERROR_MODEL when corrupt, truncated or of
 * another version. */
WnEntModel *wn_ent_model_load(const char *path, GError **error);
WnEntModel *wn_ent_model_load_from_data(const guint8 *data, gsize len, const char *name,
                                        GError **error);
guint wn_ent_model_hash_bits(const WnEntModel *model);
guint wn_ent_model_n_features(const WnEntModel *model);
/* Adds the weights of feature `f` to `scores` (WN_ENT_N_TAGS floats). */
void wn_ent_model_add_weights(const WnEntModel *model, guint32 f, float *scores);
const float *wn_ent_model_transitions(const WnEntModel *model);

/* ---- decoding ----------------------------------------------------------- */

/* Emission scores are rows of WN_ENT_ROW floats per token: the N_TAGS tag
 * scores, then unused lanes (so that a row is two 4-wide vectors). */
#define WN_ENT_ROW 8

/* Exact Viterbi under BIO constraints (I-X only after B-X or I-X). `emit` is
 * n * WN_ENT_ROW, `trans` (N_TAGS + 1) * N_TAGS. Writes tags into `out`; when
 * `margin` is not NULL, writes for each token how far the best path beats the
 * best path that gives the token another tag (max-marginals). */
void wn_ent_viterbi(const float *emit, guint n, const float *trans, guint8 *out, float *margin);

/* The transitions with the BIO constraints folded in, laid out for the
 * decoder; prepared once per model or document instead of once per sentence. */
typedef struct {
  float fwd[WN_ENT_N_TAGS + 1][WN_ENT_ROW] __attribute__((aligned(16))); /* [from][to] */
  float bwd[WN_ENT_N_TAGS][WN_ENT_ROW] __attribute__((aligned(16)));     /* [to][from] */
  /* The same weights for the decoder's even/odd lane order (rows of tags 0,
   * 2, 4, 6 then 1, 3, 5 and the unused lane; see decode.c). */
  struct {
    float open[WN_ENT_N_TAGS + 1][4];     /* [from][O, B-PER, B-ORG, B-LOC] */
    float start[WN_ENT_ROW];              /* from the sentence start, even/odd */
    float bi[4], ii[4];                   /* lanes 1-3: B-X -> I-X, I-X -> I-X */
    float col[WN_ENT_N_TAGS][WN_ENT_ROW]; /* [to][from], even/odd */
    float bi_back[4], ii_back[4];         /* B-X -> I-X in lanes 0-2, I-X -> I-X in 1-3 */
  } eo __attribute__((aligned(16)));
} WnEntTrans;
void wn_ent_trans_prepare(const float *trans, WnEntTrans *out);
/* The model's transitions prepared once, when it was made or loaded. */
const WnEntTrans *wn_ent_model_prepared_transitions(const WnEntModel *model);
void wn_ent_viterbi_prepared(const float *emit, guint n, const WnEntTrans *trans, guint8 *out,
                             float *margin);

/* Emission scores of the tokens of one sentence under `model`: writes
 * (last - first) * WN_ENT_ROW floats (unused lanes zero). */
void wn_ent_emissions(const WnEntModel *model, const WnEntDoc *doc, guint first, guint last,
                      float *emit);
/* The same scores with each row in even/odd order (tags 0, 2, 4, 6, then 1,
 * 3, 5 and the unused lane), as wn_ent_tag_tokens() decodes them. */
void wn_ent_emissions_eo(const WnEntModel *model, const WnEntDoc *doc, guint first, guint last,
                         float *emit);

/* ---- training ----------------------------------------------------------- */

typedef struct {
  WnEntDoc *doc; /* owned */
  GArray *tags;  /* of guint8, one per token of doc */
  char *name;
} WnEntCorpusDoc;

typedef struct {
  GPtrArray *docs; /* of WnEntCorpusDoc* */
  gsize n_tokens;
  gsize n_sentences;
} WnEntCorpus;

WnEntCorpus *wn_ent_corpus_new(void);
void wn_ent_corpus_free(WnEntCorpus *corpus);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnEntCorpus, wn_ent_corpus_free)
/* Reads a CoNLL/IOB file: token in the first column (second when the first is a
 * number, as in CoNLL-U-like files), tag in the last column that looks like a
 * tag; blank lines end sentences; '#' comment lines and -DOCSTART- lines end
 * documents. PER->PERSON, ORG, LOC kept; MISC, OTH, B-O and anything else -> O.
 * IO tags are turned into BIO. */
gboolean wn_ent_corpus_read_conll(WnEntCorpus *corpus, const char *path, GError **error);

typedef struct {
  guint epochs;
  guint hash_bits;
  float prune;
  guint seed;
  gboolean verbose;
} WnEntTrainOptions;

/* Spans per type for scoring. */
typedef struct {
  gsize tp[WN_ENT_N_MODEL_TYPES], fp[WN_ENT_N_MODEL_TYPES], fn[WN_ENT_N_MODEL_TYPES];
} WnEntScore;

void wn_ent_score_add(WnEntScore *score, const guint8 *gold, const guint8 *pred, guint n);
/* Prints per-type P/R/F1 and the micro average; returns micro F1. */
double wn_ent_score_print(const WnEntScore *score, FILE *out, const char *prefix);

typedef void (*WnEntEpochFunc)(guint epoch, const WnEntModel *averaged, gpointer user_data);

/* Averaged perceptron; calls `on_epoch` with the averaged model after each epoch.
 * Gazetteer marks must already be on the corpus tokens. */
WnEntModel *wn_ent_train(WnEntCorpus *train, const WnEntTrainOptions *opts, WnEntEpochFunc on_epoch,
                         gpointer user_data);

/* Tags every sentence of `doc` with the model alone, writing BIO tags. */
void wn_ent_tag_tokens(const WnEntModel *model, const WnEntDoc *doc, guint8 *tags, float *margins);

/* ---- patterns ----------------------------------------------------------- */

typedef struct {
  gsize start, end; /* bytes */
  const char *label;
  double score;
  guint source; /* WN_ENT_SRC_* */
} WnEntSpan;

enum {
  WN_ENT_SRC_MODEL,
  WN_ENT_SRC_PATTERN,
  WN_ENT_SRC_GAZ,
  WN_ENT_SRC_RULE,
};

/* DATE, TIME, MONEY, PERCENT, EMAIL, URL spans of `doc`, appended to `out`
 * (WnEntSpan), in text order, not overlapping one another. */
void wn_ent_patterns(const WnEntDoc *doc, GArray *out);

/* ---- the whole tagger --------------------------------------------------- */

typedef struct {
  WnEntModel *model; /* owned */
  WnGazetteer *gaz;  /* owned */
  gboolean consistency;
  double min_score;
  GHashTable *labels; /* interned label -> itself; NULL = all */
} WnEntTagger;

void wn_ent_tagger_free(WnEntTagger *tagger);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnEntTagger, wn_ent_tagger_free)

/* Tags a prepared (analysed) document: gazetteer marks, model, patterns, NORP,
 * titles, consistency. Appends WnEntSpan, sorted by start, to `out`. Read-only
 * on `tagger`: safe from several threads. */
void wn_ent_tagger_run(const WnEntTagger *tagger, WnEntDoc *doc, GArray *out);

/* The spans of `over`, decided by a document rule (wire.c, orgs.c), replace
 * the spans of `spans` (sorted, not overlapping) that they overlap; among
 * themselves the earlier, then the longer, wins. Empties `over`; FALSE when
 * it was empty (nothing changed). In tagger.c. */
gboolean wn_ent_spans_override(GArray *spans, GArray *over);

/* Drops the spans a rule emptied (end <= start), keeping the order of the
 * others. In tagger.c. */
void wn_ent_spans_drop_empty(GArray *spans);

/* owner[t] for every token t of `doc`: the index in `spans` of the span
 * covering it, or -1; where spans overlap, the later one wins. In tagger.c. */
void wn_ent_spans_owners(const WnEntDoc *doc, const GArray *spans, gint *owner);

/* wn_ent_spans_owners() for a caller that has the spans' tokens at hand:
 * wn_ent_owners_add() with the tokens [first, last) of each span k, in
 * order, then wn_ent_owners_end() with the number of tokens; *done starts
 * at 0. Each token is written once where spans do not overlap, with what
 * clearing every token first and then writing each span would leave: the
 * gap before a span is cleared up to where it starts, *done being past
 * every span seen so far (a token below *done that no span covers was
 * cleared when *done passed it; one a later span covers is written again). */
static inline void
wn_ent_owners_add(gint *owner, guint *done, guint first, guint last, guint k)
{
  for (; *done < first; (*done)++)
    owner[*done] = -1;
  for (guint t = first; t < last; t++)
    owner[t] = (gint)k;
  *done = MAX(*done, last);
}

static inline void
wn_ent_owners_end(gint *owner, guint *done, guint n)
{
  for (; *done < n; (*done)++)
    owner[*done] = -1;
}

/* Document-level rules (consistency.c): title trimming, surname and acronym
 * propagation, label voting. `spans` is sorted and non-overlapping. */
void wn_ent_trim_titles(const WnEntDoc *doc, GArray *spans);
void wn_ent_consistency(const WnEntDoc *doc, GArray *spans);

/* Converts spans back to BIO tags over the model types (for evaluation of the
 * whole tagger against CoNLL gold). */
void wn_ent_spans_to_tags(const WnEntDoc *doc, const GArray *spans, guint8 *tags);

G_END_DECLS
