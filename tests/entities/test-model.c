/* test-model.c: the entity model file (round trip, and every way a file can be
 * bad), training on a small corpus written here, and the tagger's internal
 * pieces called directly. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ent.h"

#define N WN_ENT_N_TAGS

static WnEntModel *
random_model(guint bits, guint32 seed)
{
  gsize buckets = (gsize)1 << bits;
  g_autofree float *w = g_new0(float, buckets *N);
  float trans[(N + 1) * N];
  GRand *r = g_rand_new_with_seed(seed);
  for (gsize b = 0; b < buckets; b++)
    if (g_rand_int_range(r, 0, 4) == 0) /* a quarter of the buckets used */
      for (int t = 0; t < N; t++)
        w[b * N + t] = (float)g_rand_double_range(r, -8, 8);
  for (int i = 0; i < (N + 1) * N; i++)
    trans[i] = (float)g_rand_double_range(r, -3, 3);
  g_rand_free(r);
  return wn_ent_model_new_from_dense(bits, w, trans, 0);
}

static void
assert_same_model(const WnEntModel *a, const WnEntModel *b)
{
  g_assert_cmpuint(wn_ent_model_hash_bits(a), ==, wn_ent_model_hash_bits(b));
  g_assert_cmpuint(wn_ent_model_n_features(a), ==, wn_ent_model_n_features(b));
  g_assert_cmpmem(wn_ent_model_transitions(a), sizeof(float) * (N + 1) * N,
                  wn_ent_model_transitions(b), sizeof(float) * (N + 1) * N);
  for (guint32 f = 0; f < (1u << wn_ent_model_hash_bits(a)); f++) {
    float sa[N] = {0}, sb[N] = {0};
    wn_ent_model_add_weights(a, f, sa);
    wn_ent_model_add_weights(b, f, sb);
    g_assert_cmpmem(sa, sizeof sa, sb, sizeof sb);
  }
}

static char *
tmp_path(const char *name)
{
  static char *dir = NULL;
  if (dir == NULL)
    dir = g_dir_make_tmp("wn-ent-model-XXXXXX", NULL);
  return g_build_filename(dir, name, NULL);
}

static void
test_round_trip(void)
{
  g_autoptr(WnEntModel) m = random_model(12, 7);
  g_assert_cmpuint(wn_ent_model_n_features(m), >, 500);
  g_autofree char *path = tmp_path("round.model");
  g_autoptr(GError) error = NULL;
  g_assert_true(wn_ent_model_save(m, path, &error));
  g_assert_no_error(error);
  g_autoptr(WnEntModel) back = wn_ent_model_load(path, &error);
  g_assert_no_error(error);
  assert_same_model(m, back);
  /* Saving what was loaded gives the same bytes. */
  g_autofree char *path2 = tmp_path("round2.model");
  g_assert_true(wn_ent_model_save(back, path2, &error));
  g_autofree char *d1 = NULL, *d2 = NULL;
  gsize l1 = 0, l2 = 0;
  g_assert_true(g_file_get_contents(path, &d1, &l1, NULL));
  g_assert_true(g_file_get_contents(path2, &d2, &l2, NULL));
  g_assert_cmpmem(d1, l1, d2, l2);
  g_unlink(path);
  g_unlink(path2);
}

static void
test_bad_files(void)
{
  g_autoptr(WnEntModel) m = random_model(10, 3);
  g_autofree char *path = tmp_path("bad.model");
  g_autoptr(GError) error = NULL;
  g_assert_true(wn_ent_model_save(m, path, &error));
  g_autofree guint8 *data = NULL;
  gsize len = 0;
  g_assert_true(g_file_get_contents(path, (char **)&data, &len, NULL));
  g_unlink(path);

  /* Every truncation is refused. */
  for (gsize cut = 0; cut < len; cut += 1 + cut / 3) {
    WnEntModel *bad = wn_ent_model_load_from_data(data, cut, "cut.model", &error);
    g_assert_null(bad);
    g_assert_error(error, WN_ERROR, WN_ERROR_MODEL);
    g_clear_error(&error);
  }
  /* Every single flipped byte is refused (header checks or the checksum). */
  for (gsize at = 0; at < len; at += 1 + at / 5) {
    data[at] ^= 0x21;
    WnEntModel *bad = wn_ent_model_load_from_data(data, len, "flip.model", &error);
    g_assert_null(bad);
    g_assert_error(error, WN_ERROR, WN_ERROR_MODEL);
    g_assert_nonnull(strstr(error->message, "flip.model"));
    g_clear_error(&error);
    data[at] ^= 0x21;
  }
  /* Another format version, with a message that says what to do. */
  data[8] = 2;
  g_assert_null(wn_ent_model_load_from_data(data, len, "v2.model", &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_MODEL);
  g_assert_nonnull(strstr(error->message, "version 2"));
  g_assert_nonnull(strstr(error->message, "retrain"));
  g_clear_error(&error);
  data[8] = 1;
  /* Extra bytes at the end. */
  g_autofree guint8 *longer = g_malloc0(len + 3);
  memcpy(longer, data, len);
  g_assert_null(wn_ent_model_load_from_data(longer, len + 3, "long.model", &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_MODEL);
  g_clear_error(&error);
  /* The intact data still loads. */
  g_autoptr(WnEntModel) ok = wn_ent_model_load_from_data(data, len, "ok.model", &error);
  g_assert_no_error(error);
  assert_same_model(m, ok);
  /* A missing file is an I/O error. */
  g_assert_null(wn_ent_model_load("/nonexistent/entities.model", &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_IO);
}

/* A tiny CoNLL corpus in two formats (tab-separated with an index column, and
 * IO tags separated by spaces), written for this test. */
static const char corpus_iob2[] =
    "# newdoc id = t1\n"
    "1\tYesterday\tO\n2\tMaria\tB-PER\n3\tKowalczyk\tI-PER\n4\tvisited\tO\n5\tOslo\tB-LOC\n"
    "6\t.\tO\n\n"
    "1\tThe\tO\n2\tBank\tB-ORG\n3\tof\tI-ORG\n4\tNorway\tI-ORG\n5\thired\tO\n6\tPeter\tB-PER\n"
    "7\tSmith\tI-PER\n8\t.\tO\n\n"
    "1\tAmerican\tB-OTH\n2\tfans\tO\n3\tcheered\tO\n4\tin\tO\n5\tBoston\tB-LOC\n6\t.\tO\n\n";
static const char corpus_io[] = "-DOCSTART- O\n\n"
                                "Anna I-PER\nLindqvist I-PER\njoined I-ORG\nAcme I-ORG\n"
                                "Corp I-ORG\nin O\nStockholm I-LOC\n. O\n\n";

static void
test_read_conll(void)
{
  g_autofree char *p1 = tmp_path("c1.iob2"), *p2 = tmp_path("c2.conll");
  g_assert_true(g_file_set_contents(p1, corpus_iob2, -1, NULL));
  g_assert_true(g_file_set_contents(p2, corpus_io, -1, NULL));
  g_autoptr(WnEntCorpus) c = wn_ent_corpus_new();
  g_autoptr(GError) error = NULL;
  g_assert_true(wn_ent_corpus_read_conll(c, p1, &error));
  g_assert_true(wn_ent_corpus_read_conll(c, p2, &error));
  g_assert_no_error(error);
  g_assert_cmpuint(c->n_sentences, ==, 4);
  g_assert_cmpuint(c->n_tokens, ==, 6 + 8 + 6 + 8);
  const WnEntCorpusDoc *d1 = c->docs->pdata[0];
  const guint8 *t = (const guint8 *)d1->tags->data;
  g_assert_cmpint(t[1], ==, WN_ENT_TAG_B(WN_ENT_PERSON));
  g_assert_cmpint(t[2], ==, WN_ENT_TAG_I(WN_ENT_PERSON));
  g_assert_cmpint(t[4], ==, WN_ENT_TAG_B(WN_ENT_LOC));
  g_assert_cmpint(t[14], ==, WN_ENT_TAG_O); /* OTH -> O */
  /* IO tags: a change of type starts a new span. */
  const WnEntCorpusDoc *d2 = c->docs->pdata[c->docs->len - 1];
  t = (const guint8 *)d2->tags->data;
  g_assert_cmpint(t[0], ==, WN_ENT_TAG_B(WN_ENT_PERSON));
  g_assert_cmpint(t[1], ==, WN_ENT_TAG_I(WN_ENT_PERSON));
  g_assert_cmpint(t[2], ==, WN_ENT_TAG_B(WN_ENT_ORG));
  g_assert_cmpint(t[6], ==, WN_ENT_TAG_B(WN_ENT_LOC));
  g_assert_cmpstr(d2->doc->text, ==, "Anna Lindqvist joined Acme Corp in Stockholm .");
  g_unlink(p1);
  g_unlink(p2);
}

static void
test_train_small(void)
{
  g_autofree char *p1 = tmp_path("t.iob2");
  g_assert_true(g_file_set_contents(p1, corpus_iob2, -1, NULL));
  g_autoptr(WnEntCorpus) c = wn_ent_corpus_new();
  g_autoptr(GError) error = NULL;
  g_assert_true(wn_ent_corpus_read_conll(c, p1, &error));
  WnEntTrainOptions opts = {.epochs = 8, .hash_bits = 14, .prune = 0, .seed = 1};
  g_autoptr(WnEntModel) m = wn_ent_train(c, &opts, NULL, NULL);
  g_autofree char *mp = tmp_path("t.model");
  g_assert_true(wn_ent_model_save(m, mp, &error));
  g_autoptr(WnEntModel) back = wn_ent_model_load(mp, &error);
  g_assert_no_error(error);
  /* The reloaded model reproduces its training data exactly. */
  WnEntScore score = {0};
  for (guint d = 0; d < c->docs->len; d++) {
    const WnEntCorpusDoc *cd = c->docs->pdata[d];
    g_autofree guint8 *pred = g_new0(guint8, cd->doc->toks->len);
    wn_ent_tag_tokens(back, cd->doc, pred, NULL);
    g_assert_cmpmem(pred, cd->doc->toks->len, cd->tags->data, cd->doc->toks->len);
    wn_ent_score_add(&score, (const guint8 *)cd->tags->data, pred, cd->doc->toks->len);
  }
  g_assert_cmpuint(score.tp[WN_ENT_PERSON], ==, 2);
  g_assert_cmpuint(score.tp[WN_ENT_ORG], ==, 1);
  g_assert_cmpuint(score.tp[WN_ENT_LOC], ==, 2);
  g_assert_cmpuint(score.fp[WN_ENT_PERSON] + score.fp[WN_ENT_ORG] + score.fp[WN_ENT_LOC], ==, 0);
  g_unlink(p1);
  g_unlink(mp);
}

static void
test_viterbi_constraints(void)
{
  /* Emissions that favour I-PER first: the decoder must never start with I-X
   * nor put I-ORG after B-PER. */
  const int R = WN_ENT_ROW;
  float emit[3 * WN_ENT_ROW] = {0};
  float trans[(N + 1) * N] = {0};
  emit[0 * R + WN_ENT_TAG_I(WN_ENT_PERSON)] = 5;
  emit[0 * R + WN_ENT_TAG_B(WN_ENT_PERSON)] = 4;
  emit[1 * R + WN_ENT_TAG_I(WN_ENT_ORG)] = 5;
  emit[1 * R + WN_ENT_TAG_I(WN_ENT_PERSON)] = 1;
  guint8 out[3];
  float margin[3];
  wn_ent_viterbi(emit, 3, trans, out, margin);
  g_assert_cmpint(out[0], ==, WN_ENT_TAG_B(WN_ENT_PERSON));
  g_assert_cmpint(out[1], ==, WN_ENT_TAG_I(WN_ENT_PERSON));
  g_assert_cmpint(out[2], ==, WN_ENT_TAG_O);
  for (int i = 0; i < 3; i++)
    g_assert_cmpfloat(margin[i], >=, 0);
}

static void
test_gazetteer_file_errors(void)
{
  g_autoptr(WnGazetteer) g = wn_gazetteer_new();
  g_autoptr(GError) error = NULL;
  g_autofree char *p = tmp_path("g.tsv");
  g_assert_true(g_file_set_contents(p, "Kenya\tCOUNTRY\nSomewhere\tPLANET\n", -1, NULL));
  g_assert_false(wn_gazetteer_load_tsv(g, p, 0, FALSE, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_MODEL);
  g_assert_nonnull(strstr(error->message, "g.tsv:2"));
  g_clear_error(&error);
  g_assert_false(wn_gazetteer_load_tsv(g, "/nonexistent/list.tsv", 0, TRUE, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_IO);
  g_unlink(p);
}

static void
test_gazetteer_marks(void)
{
  g_autoptr(WnGazetteer) g = wn_gazetteer_new();
  wn_gazetteer_add(g, "New York", 8, WN_GAZ_CITY, NULL);
  wn_gazetteer_add(g, "New Zealand", 11, WN_GAZ_COUNTRY, NULL);
  wn_gazetteer_add(g, "Bank of America", 15, WN_GAZ_COMPANY, NULL);
  const char *text = "She left New York for New Zealand and Bank of America, but new york "
                     "stays.";
  g_autoptr(WnEntDoc) d = wn_ent_doc_new(text, strlen(text));
  wn_ent_simple_tokenize(d);
  wn_ent_doc_analyse(d);
  wn_gazetteer_mark(g, d);
  const WnEntTok *t = (const WnEntTok *)d->toks->data;
  /* She left New York for New Zealand and Bank of America , but new york stays . */
  g_assert_cmpuint(t[2].gaz_begin, ==, WN_GAZ_CITY);
  g_assert_cmpuint(t[3].gaz_inside, ==, WN_GAZ_CITY);
  g_assert_cmpuint(t[5].gaz_begin, ==, WN_GAZ_COUNTRY);
  g_assert_cmpuint(t[8].gaz_begin, ==, WN_GAZ_COMPANY);
  g_assert_cmpuint(t[9].gaz_inside, ==, WN_GAZ_COMPANY); /* "of" inside the name */
  g_assert_cmpuint(t[13].gaz_begin, ==, 0);              /* lower case: not a name */
}

/* A document tokenised and marked with a small list, for the rule tests. */
static WnEntDoc *
rule_doc(const char *text)
{
  static WnGazetteer *g = NULL;
  if (g == NULL) {
    g = wn_gazetteer_new();
    wn_gazetteer_add(g, "Speaker", 7, WN_GAZ_TITLE, NULL);
    wn_gazetteer_add(g, "President", 9, WN_GAZ_TITLE, NULL);
    wn_gazetteer_add(g, "Pharmaceuticals", 15, WN_GAZ_ORGWORD, NULL);
  }
  WnEntDoc *d = wn_ent_doc_new(text, strlen(text));
  wn_ent_simple_tokenize(d);
  wn_ent_doc_analyse(d);
  wn_gazetteer_mark(g, d);
  return d;
}

/* A span a rule test starts from: the nth occurrence (from 0) of `needle`,
 * as the model would give it. */
typedef struct {
  const char *needle;
  guint nth;
  const char *label;
  double score;
} RuleSpan;

typedef struct {
  const char *path;
  const char *text;
  gboolean titles_only; /* wn_ent_trim_titles() alone, else wn_ent_consistency() */
  RuleSpan spans[3];    /* up to the first without a needle */
  const char *want;
} RuleCase;

static const RuleCase rule_cases[] = {
    {"/entities/rules/titles",
     "House Speaker John Boehner met President King.",
     TRUE,
     {{"House Speaker John Boehner", 0, "PERSON", 0.9}, {"President King", 0, "PERSON", 0.9}},
     "[PERSON John Boehner][PERSON King]"},
    {"/entities/rules/surname",
     "Barack Obama spoke first. Later Obama left, and aides said Obama was tired.",
     FALSE,
     {{"Barack Obama", 0, "PERSON", 0.9}},
     "[PERSON Barack Obama][PERSON Obama][PERSON Obama]"},
    /* The model found only a piece of the long name, with the wrong label. */
    {"/entities/rules/acronym",
     "Staff of the Office of Personnel Management (OPM) quit. The OPM said little.",
     FALSE,
     {{"Personnel Management", 0, "LOC", 0.9}},
     "[ORG Office of Personnel Management][ORG OPM][ORG OPM]"},
    {"/entities/rules/one-label",
     "Jordan won. Then Jordan scored. Jordan smiled.",
     FALSE,
     {{"Jordan", 0, "PERSON", 0.9}, {"Jordan", 1, "LOC", 0.3}, {"Jordan", 2, "PERSON", 0.8}},
     "[PERSON Jordan][PERSON Jordan][PERSON Jordan]"},
    {"/entities/rules/company-head",
     "Ostara Pharmaceuticals will hire. A spokesman said Ostara expects growth, and Ostara "
     "shares rose.",
     FALSE,
     {{"Ostara Pharmaceuticals", 0, "ORG", 0.9}, {"Ostara", 2, "PERSON", 0.4}},
     "[ORG Ostara Pharmaceuticals][ORG Ostara][ORG Ostara]"},
    {"/entities/rules/merge-cut-name",
     "Shares of Meridian Pharmaceuticals fell.",
     FALSE,
     {{"Meridian", 0, "LOC", 0.9}, {"Pharmaceuticals", 0, "ORG", 0.9}},
     "[ORG Meridian Pharmaceuticals]"},
};

static char *
spans_str(const WnEntDoc *d, const GArray *spans)
{
  GString *out = g_string_new(NULL);
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    g_string_append_printf(out, "[%s %.*s]", s->label, (int)(s->end - s->start),
                           d->text + s->start);
  }
  return g_string_free(out, FALSE);
}

static void
test_rule(gconstpointer data)
{
  const RuleCase *c = data;
  g_autoptr(WnEntDoc) d = rule_doc(c->text);
  g_autoptr(GArray) spans = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
  for (guint k = 0; k < G_N_ELEMENTS(c->spans) && c->spans[k].needle != NULL; k++) {
    const RuleSpan *r = &c->spans[k];
    const char *at = strstr(d->text, r->needle);
    for (guint i = 0; i < r->nth && at != NULL; i++)
      at = strstr(at + 1, r->needle);
    g_assert_nonnull(at);
    WnEntSpan s = {at - d->text, at - d->text + strlen(r->needle), r->label, r->score,
                   WN_ENT_SRC_MODEL};
    g_array_append_val(spans, s);
  }
  if (c->titles_only)
    wn_ent_trim_titles(d, spans);
  else
    wn_ent_consistency(d, spans);
  g_autofree char *got = spans_str(d, spans);
  g_assert_cmpstr(got, ==, c->want);
}

static void
test_patterns_direct(void)
{
  const char *text = "On Tuesday, June 5, 2013 at 9:05 pm the fund lost $3 million, "
                     "or 2.5 percent, said info@fund.example.net (see www.fund.example.net).";
  g_autoptr(WnEntDoc) d = wn_ent_doc_new(text, strlen(text));
  wn_ent_simple_tokenize(d);
  wn_ent_doc_analyse(d);
  g_autoptr(GArray) spans = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
  wn_ent_patterns(d, spans);
  g_autofree char *got = spans_str(d, spans);
  g_assert_cmpstr(got, ==,
                  "[DATE Tuesday, June 5, 2013][TIME 9:05 pm][MONEY $3 million]"
                  "[PERCENT 2.5 percent][EMAIL info@fund.example.net][URL www.fund.example.net]");
}

/* Emissions come from a per-thread cache of word rows; they must equal the
 * plain sum of every feature's weights, for short and long (over 64 token)
 * sentences, caseless ones, tokens in lists, and after switching models in
 * the same thread (a stale cache would keep the first model's rows). */
static void
check_emissions(const WnEntModel *m, const WnEntDoc *d)
{
  for (guint s = 0; s < d->sents->len; s++) {
    const guint *se = &g_array_index(d->sents, guint, s * 2);
    guint n = se[1] - se[0];
    g_autofree float *emit = g_new(float, (gsize)n *WN_ENT_ROW);
    wn_ent_emissions(m, d, se[0], se[1], emit);
    for (guint i = se[0]; i < se[1]; i++) {
      guint32 f[WN_ENT_MAX_FEATS];
      guint nf = wn_ent_features(d, se[0], se[1], i, wn_ent_model_hash_bits(m), f);
      float want[N] = {0};
      for (guint k = 0; k < nf; k++)
        wn_ent_model_add_weights(m, f[k], want);
      for (int t = 0; t < N; t++)
        g_assert_cmpfloat_with_epsilon(emit[(gsize)(i - se[0]) * WN_ENT_ROW + t], want[t],
                                       1e-3 * (1 + fabsf(want[t])));
    }
  }
}

static void
test_emissions_cache(void)
{
  g_autoptr(GString) text = g_string_new(
      "President Barack Obama met Xi Jinping in Rancho Mirage, Calif., on June 5, 2013. "
      "THE WHITE HOUSE SAID THE TALKS WENT WELL AND OBAMA AGREED. "
      "the national security agency (nsa) said nothing at all about it. ");
  /* One long sentence: the scores buffer leaves the stack. */
  for (int k = 0; k < 30; k++)
    g_string_append(text, "Obama and Xi spoke, ");
  g_string_append(text, "and then they left.");
  g_autoptr(WnEntDoc) d = wn_ent_doc_new(text->str, text->len);
  wn_ent_simple_tokenize(d);
  wn_ent_doc_analyse(d);
  g_assert_cmpuint(d->sents->len, >=, 4);
  /* List bits on some tokens, many on a few, so the cap on list features binds. */
  WnEntTok *toks = (WnEntTok *)d->toks->data;
  for (guint i = 0; i < d->toks->len; i += 3) {
    toks[i].gaz_begin = i % 2 ? 0x3ff : WN_GAZ_FIRST;
    toks[i].gaz_inside = i % 2 ? 0x3ff : WN_GAZ_LAST | WN_GAZ_CITY;
  }
  g_autoptr(WnEntModel) a = random_model(12, 7);
  g_autoptr(WnEntModel) b = random_model(12, 8);
  check_emissions(a, d);
  check_emissions(a, d); /* now from the cache */
  check_emissions(b, d);
  check_emissions(a, d);
}

/* ---- the decoder against references written here ------------------------ */

/* Under SSE2 the stage decodes even/odd rows with vector code; these tests
 * hold it to the plain definition: the best-scoring path among those the BIO
 * constraints allow (O and B-X anywhere, I-X only after B-X or I-X), ties
 * broken as decode.c documents (the backtrace takes the first best tag in
 * tag order, at the last token and at every step back), and margins that are
 * max-marginal differences. */

static gboolean
bio_allowed(int prev, int cur)
{
  if (cur == WN_ENT_TAG_O || WN_ENT_TAG_IS_B(cur))
    return TRUE;
  return prev >= 0 && prev != WN_ENT_TAG_O && WN_ENT_TAG_TYPE(prev) == WN_ENT_TAG_TYPE(cur);
}

/* Random emissions and transitions: floats in a wide range, or (`ints`)
 * small integers, so that equal path scores are common and exact. The unused
 * lane of each row gets a value too: the decoder must ignore it. */
static void
random_problem(GRand *r, guint n, gboolean ints, float *emit, float *trans)
{
  for (gsize k = 0; k < (gsize)n * WN_ENT_ROW; k++)
    emit[k] = ints ? (float)g_rand_int_range(r, -2, 3) : (float)g_rand_double_range(r, -8, 8);
  for (int k = 0; k < (N + 1) * N; k++)
    trans[k] = ints ? (float)g_rand_int_range(r, -1, 2) : (float)g_rand_double_range(r, -4, 4);
}

/* The transition from `prev` (-1: sentence start) to `cur`. */
static inline float
tr(const float *trans, int prev, int cur)
{
  return trans[(prev < 0 ? N : prev) * N + cur];
}

/* Brute force over every allowed path of n <= 5 tokens. Path scores are
 * summed left to right, as the decoder's forward pass adds them, so that the
 * best score compares exactly. */
typedef struct {
  guint n;
  const float *emit, *trans;
  int path[8];
  float best;
  int best_path[8];
  guint n_best;       /* paths with the best score */
  float by_tag[8][N]; /* best score of a path with tag t at token i */
} Brute;

/* TRUE when `a` comes before `b` in the tie order: compared from the last
 * token backwards, the lower tag first. */
static gboolean
tie_before(const int *a, const int *b, guint n)
{
  for (guint i = n; i-- > 0;)
    if (a[i] != b[i])
      return a[i] < b[i];
  return FALSE;
}

static void
brute_rec(Brute *b, guint i, float score)
{
  if (i == b->n) {
    for (guint k = 0; k < b->n; k++)
      b->by_tag[k][b->path[k]] = MAX(b->by_tag[k][b->path[k]], score);
    if (score > b->best) {
      b->best = score;
      b->n_best = 1;
      memcpy(b->best_path, b->path, sizeof b->path);
    } else if (score == b->best) {
      b->n_best++;
      if (tie_before(b->path, b->best_path, b->n))
        memcpy(b->best_path, b->path, sizeof b->path);
    }
    return;
  }
  int prev = i == 0 ? -1 : b->path[i - 1];
  for (int c = 0; c < N; c++) {
    if (!bio_allowed(prev, c))
      continue;
    b->path[i] = c;
    float s = i == 0 ? b->emit[c] + tr(b->trans, -1, c)
                     : score + tr(b->trans, prev, c) + b->emit[(gsize)i * WN_ENT_ROW + c];
    brute_rec(b, i + 1, s);
  }
}

static void
brute_force(Brute *b, guint n, const float *emit, const float *trans)
{
  memset(b, 0, sizeof *b);
  b->n = n;
  b->emit = emit;
  b->trans = trans;
  b->best = -INFINITY;
  for (guint i = 0; i < 8; i++)
    for (int t = 0; t < N; t++)
      b->by_tag[i][t] = -INFINITY;
  brute_rec(b, 0, 0);
}

static void
assert_allowed_path(const guint8 *out, guint n)
{
  for (guint i = 0; i < n; i++) {
    g_assert_cmpint(out[i], <, N);
    g_assert_true(bio_allowed(i == 0 ? -1 : out[i - 1], out[i]));
  }
}

/* Checks the decoder's tags and margins against the brute force. Returns
 * the number of best paths (ties when > 1). */
static guint
check_brute(guint n, const float *emit, const float *trans)
{
  Brute b;
  brute_force(&b, n, emit, trans);
  guint8 out[8];
  float margin[8];
  wn_ent_viterbi(emit, n, trans, out, margin);
  assert_allowed_path(out, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint(out[i], ==, b.best_path[i]);
  /* The decoder's path scores the best, summed the same way. */
  float s = emit[out[0]] + tr(trans, -1, out[0]);
  for (guint i = 1; i < n; i++)
    s = s + tr(trans, out[i - 1], out[i]) + emit[(gsize)i * WN_ENT_ROW + out[i]];
  g_assert_cmpfloat(s, ==, b.best);

  gboolean all_o = TRUE;
  for (guint i = 0; i < n; i++)
    all_o = all_o && out[i] == WN_ENT_TAG_O;
  for (guint i = 0; i < n; i++) {
    if (all_o) {
      /* decode.c skips margins of a sentence tagged all O (no span needs
       * them) and writes 0. */
      g_assert_cmpfloat(margin[i], ==, 0);
      continue;
    }
    /* The best path against the best one with another tag here: the second
     * best path's score when it differs from the best path at token i. */
    float other = -INFINITY;
    for (int t = 0; t < N; t++)
      if (t != out[i])
        other = MAX(other, b.by_tag[i][t]);
    g_assert_cmpfloat(b.by_tag[i][out[i]], ==, b.best);
    float want = b.best - other;
    g_assert_cmpfloat(margin[i], >=, 0);
    g_assert_cmpfloat_with_epsilon(margin[i], want, 1e-4 * (1 + fabsf(b.best) + fabsf(other)));
  }
  return b.n_best;
}

static void
test_viterbi_brute_force(void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed(20261123);
  float emit[5 * WN_ENT_ROW], trans[(N + 1) * N];
  for (guint n = 1; n <= 5; n++)
    for (guint trial = 0; trial < 300; trial++) {
      random_problem(r, n, FALSE, emit, trans);
      check_brute(n, emit, trans);
    }
}

/* Small integer scores: many paths share the best score, and the decoder
 * must take the one decode.c's tie rule names. */
static void
test_viterbi_ties(void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed(77);
  float emit[5 * WN_ENT_ROW], trans[(N + 1) * N];
  guint tied = 0, trials = 0;
  for (guint n = 1; n <= 5; n++)
    for (guint trial = 0; trial < 300; trial++, trials++) {
      random_problem(r, n, TRUE, emit, trans);
      tied += check_brute(n, emit, trans) > 1;
    }
  /* The test means something only if ties were common. */
  g_assert_cmpuint(tied, >, trials / 5);

  /* Everything equal: every tag is O (the lowest tag at every token). */
  memset(emit, 0, sizeof emit);
  memset(trans, 0, sizeof trans);
  guint8 out[5];
  float margin[5];
  wn_ent_viterbi(emit, 5, trans, out, margin);
  for (int i = 0; i < 5; i++) {
    g_assert_cmpint(out[i], ==, WN_ENT_TAG_O);
    g_assert_cmpfloat(margin[i], ==, 0);
  }
  /* B-ORG B-PER and B-ORG I-ORG score the same: compared from the last
   * token, B-PER (tag 1) comes before I-ORG (tag 4). */
  memset(emit, 0, sizeof emit);
  emit[0 * WN_ENT_ROW + WN_ENT_TAG_B(WN_ENT_ORG)] = 1;
  emit[1 * WN_ENT_ROW + WN_ENT_TAG_B(WN_ENT_PERSON)] = 2;
  emit[1 * WN_ENT_ROW + WN_ENT_TAG_I(WN_ENT_ORG)] = 2;
  wn_ent_viterbi(emit, 2, trans, out, margin);
  g_assert_cmpint(out[0], ==, WN_ENT_TAG_B(WN_ENT_ORG));
  g_assert_cmpint(out[1], ==, WN_ENT_TAG_B(WN_ENT_PERSON));
  g_assert_cmpfloat(margin[1], ==, 0);
  /* A tie at the first token, decided in the backtrace: B-PER before B-LOC. */
  memset(emit, 0, sizeof emit);
  emit[0 * WN_ENT_ROW + WN_ENT_TAG_B(WN_ENT_LOC)] = 1;
  emit[0 * WN_ENT_ROW + WN_ENT_TAG_B(WN_ENT_PERSON)] = 1;
  emit[1 * WN_ENT_ROW + WN_ENT_TAG_O] = 1;
  wn_ent_viterbi(emit, 2, trans, out, margin);
  g_assert_cmpint(out[0], ==, WN_ENT_TAG_B(WN_ENT_PERSON));
  g_assert_cmpint(out[1], ==, WN_ENT_TAG_O);
  g_assert_cmpfloat(margin[0], ==, 0);
  g_assert_cmpfloat(margin[1], ==, 1);
}

/* A plain Viterbi over tag-order rows, with the BIO rule tested in the
 * loops (no folded-in penalties), and forward-backward max-marginals. */
static void
scalar_viterbi(const float *emit, guint n, const float *trans, guint8 *out, float *margin)
{
  const int R = WN_ENT_ROW;
  g_autofree float *delta = g_new(float, (gsize)n *N);
  g_autofree float *beta = g_new(float, (gsize)n *N);
  for (int c = 0; c < N; c++)
    delta[c] = bio_allowed(-1, c) ? emit[c] + tr(trans, -1, c) : -INFINITY;
  for (guint i = 1; i < n; i++)
    for (int c = 0; c < N; c++) {
      float best = -INFINITY;
      for (int p = 0; p < N; p++)
        if (bio_allowed(p, c))
          best = MAX(best, delta[(gsize)(i - 1) * N + p] + tr(trans, p, c));
      delta[(gsize)i * N + c] = best + emit[(gsize)i * R + c];
    }
  int last = 0;
  for (int c = 1; c < N; c++)
    if (delta[(gsize)(n - 1) * N + c] > delta[(gsize)(n - 1) * N + last])
      last = c;
  out[n - 1] = (guint8)last;
  for (guint i = n - 1; i > 0; i--) {
    int arg = -1;
    float best = -INFINITY;
    for (int p = 0; p < N; p++)
      if (bio_allowed(p, out[i]) && delta[(gsize)(i - 1) * N + p] + tr(trans, p, out[i]) > best) {
        best = delta[(gsize)(i - 1) * N + p] + tr(trans, p, out[i]);
        arg = p;
      }
    out[i - 1] = (guint8)arg;
  }
  for (int c = 0; c < N; c++)
    beta[(gsize)(n - 1) * N + c] = 0;
  for (guint i = n - 1; i > 0; i--)
    for (int p = 0; p < N; p++) {
      float best = -INFINITY;
      for (int c = 0; c < N; c++)
        if (bio_allowed(p, c))
          best = MAX(best, emit[(gsize)i * R + c] + beta[(gsize)i * N + c] + tr(trans, p, c));
      beta[(gsize)(i - 1) * N + p] = best;
    }
  for (guint i = 0; i < n; i++) {
    float other = -INFINITY;
    for (int c = 0; c < N; c++)
      if (c != out[i])
        other = MAX(other, delta[(gsize)i * N + c] + beta[(gsize)i * N + c]);
    margin[i] = delta[(gsize)i * N + out[i]] + beta[(gsize)i * N + out[i]] - other;
  }
}

static void
check_scalar(guint n, const float *emit, const float *trans)
{
  g_autofree guint8 *out = g_new(guint8, n), *want = g_new(guint8, n);
  g_autofree float *margin = g_new(float, n), *want_margin = g_new(float, n);
  wn_ent_viterbi(emit, n, trans, out, margin);
  scalar_viterbi(emit, n, trans, want, want_margin);
  assert_allowed_path(out, n);
  g_assert_cmpmem(out, n, want, n);
  gboolean all_o = TRUE;
  for (guint i = 0; i < n; i++)
    all_o = all_o && out[i] == WN_ENT_TAG_O;
  for (guint i = 0; i < n; i++)
    if (all_o)
      g_assert_cmpfloat(margin[i], ==, 0);
    else
      g_assert_cmpfloat_with_epsilon(margin[i], want_margin[i], 1e-3);
}

/* Sentences around the decoder's switch from stack to heap buffers (64
 * tokens) and a long one, with float and tie-prone integer scores. */
static void
test_viterbi_long(void)
{
  static const guint lens[] = {63, 64, 65, 300};
  g_autoptr(GRand) r = g_rand_new_with_seed(4242);
  float trans[(N + 1) * N];
  for (guint k = 0; k < G_N_ELEMENTS(lens); k++) {
    guint n = lens[k];
    g_autofree float *emit = g_new(float, (gsize)n *WN_ENT_ROW);
    for (guint trial = 0; trial < 40; trial++) {
      random_problem(r, n, trial % 2 == 1, emit, trans);
      check_scalar(n, emit, trans);
    }
  }
}

/* The shipped model on invented news text (one sentence over 64 tokens). */
static WnEntDoc *
news_doc(void)
{
  static const char *const sents[] = {
      "Finance Minister Ingrid Haldorsen told reporters in Bergen on Monday that Norsk "
      "Kraftverk would cut 400 jobs.",
      "The European Commission opened an inquiry into Meridian Shipping Ltd. after a "
      "complaint from dock workers in Rotterdam.",
      "Senator Paul Okafor, a Democrat from Ohio, said the Federal Reserve should wait.",
      "Police in Nairobi said two men were arrested.",
  };
  GString *text = g_string_new(NULL);
  for (guint k = 0; k < G_N_ELEMENTS(sents); k++)
    g_string_append_printf(text, "%s ", sents[k]);
  g_string_append(text, "Delegates from Chile, Peru, Kenya, Ghana, Norway and Japan met "
                        "officials of the World Bank");
  for (int k = 0; k < 12; k++)
    g_string_append(text, ", then Maria Duarte of Lisbon Capital");
  g_string_append(text, " before leaving for Geneva.");
  /* The document does not own its text: the callers free it. */
  char *s = g_string_free(text, FALSE);
  return wn_ent_doc_new(s, strlen(s));
}

static WnEntModel *
shipped_model(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename(ENT_SOURCE_DATA, "entities.model", NULL);
  WnEntModel *m = wn_ent_model_load(path, &error);
  g_assert_no_error(error);
  return m;
}

/* wn_ent_emissions_eo() holds the same scores as wn_ent_emissions(), each
 * row permuted to tags 0, 2, 4, 6, 1, 3, 5 and the unused lane. */
static void
test_emissions_eo(void)
{
  static const int lane[WN_ENT_ROW] = {0, 4, 1, 5, 2, 6, 3, 7};
  g_autoptr(WnEntModel) m = shipped_model();
  WnEntDoc *d = news_doc();
  wn_ent_simple_tokenize(d);
  wn_ent_doc_analyse(d);
  g_assert_cmpuint(d->sents->len, >=, 5);
  guint longest = 0;
  for (guint s = 0; s < d->sents->len; s++) {
    const guint *se = &g_array_index(d->sents, guint, s * 2);
    guint n = se[1] - se[0];
    longest = MAX(longest, n);
    g_autofree float *a = g_new(float, (gsize)n *WN_ENT_ROW);
    g_autofree float *b = g_new(float, (gsize)n *WN_ENT_ROW);
    wn_ent_emissions(m, d, se[0], se[1], a);
    wn_ent_emissions_eo(m, d, se[0], se[1], b);
    gboolean nonzero = FALSE;
    for (guint i = 0; i < n; i++)
      for (int t = 0; t < WN_ENT_ROW; t++) {
        g_assert_cmpfloat(b[(gsize)i * WN_ENT_ROW + lane[t]], ==, a[(gsize)i * WN_ENT_ROW + t]);
        nonzero = nonzero || a[(gsize)i * WN_ENT_ROW + t] != 0;
      }
    g_assert_true(nonzero);
  }
  g_assert_cmpuint(longest, >, 64);
  char *text = (char *)d->text;
  wn_ent_doc_free(d);
  g_free(text);
}

/* wn_ent_tag_tokens() (even/odd emissions straight from the model under
 * SSE2) against the reference decoder over the tag-order emissions. The
 * tokens carry the shipped name lists' marks, as in the stage, so that the
 * model finds enough names for the comparison to cover B and I tags. */
static void
test_tag_tokens_reference(void)
{
  g_autoptr(WnEntModel) m = shipped_model();
  g_autoptr(GError) error = NULL;
  g_autoptr(WnGazetteer) gaz = wn_gazetteer_new();
  g_assert_true(wn_gazetteer_load_default(gaz, ENT_SOURCE_DATA, &error));
  g_assert_no_error(error);
  WnEntDoc *d = news_doc();
  wn_ent_simple_tokenize(d);
  wn_ent_doc_analyse(d);
  wn_gazetteer_mark(gaz, d);
  g_autofree guint8 *tags = g_new(guint8, d->toks->len);
  g_autofree float *margins = g_new(float, d->toks->len);
  wn_ent_tag_tokens(m, d, tags, margins);
  guint entity_tags = 0;
  for (guint s = 0; s < d->sents->len; s++) {
    const guint *se = &g_array_index(d->sents, guint, s * 2);
    guint n = se[1] - se[0];
    g_autofree float *emit = g_new(float, (gsize)n *WN_ENT_ROW);
    g_autofree guint8 *want = g_new(guint8, n);
    g_autofree float *want_margin = g_new(float, n);
    wn_ent_emissions(m, d, se[0], se[1], emit);
    scalar_viterbi(emit, n, wn_ent_model_transitions(m), want, want_margin);
    g_assert_cmpmem(tags + se[0], n, want, n);
    gboolean all_o = TRUE;
    for (guint i = 0; i < n; i++)
      all_o = all_o && want[i] == WN_ENT_TAG_O;
    for (guint i = 0; i < n; i++) {
      entity_tags += want[i] != WN_ENT_TAG_O;
      g_assert_cmpfloat_with_epsilon(margins[se[0] + i], all_o ? 0 : want_margin[i], 1e-3);
    }
  }
  /* The model finds names in this text: the comparison covers B and I tags. */
  g_assert_cmpuint(entity_tags, >, 20);
  char *text = (char *)d->text;
  wn_ent_doc_free(d);
  g_free(text);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/entities/model/round-trip", test_round_trip);
  g_test_add_func("/entities/model/emissions-cache", test_emissions_cache);
  g_test_add_func("/entities/model/bad-files", test_bad_files);
  g_test_add_func("/entities/model/read-conll", test_read_conll);
  g_test_add_func("/entities/model/train-small", test_train_small);
  g_test_add_func("/entities/model/viterbi-constraints", test_viterbi_constraints);
  g_test_add_func("/entities/model/viterbi/brute-force", test_viterbi_brute_force);
  g_test_add_func("/entities/model/viterbi/ties", test_viterbi_ties);
  g_test_add_func("/entities/model/viterbi/long", test_viterbi_long);
  g_test_add_func("/entities/model/viterbi/emissions-eo", test_emissions_eo);
  g_test_add_func("/entities/model/viterbi/tag-tokens", test_tag_tokens_reference);
  g_test_add_func("/entities/gazetteer/file-errors", test_gazetteer_file_errors);
  g_test_add_func("/entities/gazetteer/marks", test_gazetteer_marks);
  for (guint i = 0; i < G_N_ELEMENTS(rule_cases); i++)
    g_test_add_data_func(rule_cases[i].path, &rule_cases[i], test_rule);
  g_test_add_func("/entities/patterns/direct", test_patterns_direct);
  return g_test_run();
}
