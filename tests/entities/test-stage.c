/* test-stage.c: the entities stage through real pipelines (sentences, then
 * entities): exact spans and labels on news-like sentences written for these
 * tests, the document-level rules, the options, and bad input. */
#include <winnow/winnow.h>

#include <glib/gstdio.h>
#include <string.h>

#include "ent.h"
#include "span-checks.h"

static WnPipeline *default_pipeline;

static WnPipeline *
make_pipeline(const char *entity_options, GError **error)
{
  return span_checks_pipeline("test-entities.json", entity_options != NULL ? entity_options : "{}",
                              error);
}

static WnDoc *
tag(const char *text)
{
  return span_checks_tag(default_pipeline, text);
}

static const char *
label_of(WnDoc *doc, const char *needle)
{
  return span_checks_label(doc, needle, 0);
}

/* Whether any entity overlaps `needle`. */
static gboolean
touched(WnDoc *doc, const char *needle)
{
  return span_checks_overlap(doc, needle, 0) != NULL;
}

/* ---- labels ------------------------------------------------------------- */

static void
test_person_titles(void)
{
  g_autoptr(WnDoc) doc = tag("President Barack Obama met the governors on Monday. "
                             "House Speaker John Boehner said the vote would wait. "
                             "Chinese President Xi Jinping will visit in June.");
  g_assert_cmpstr(label_of(doc, "Barack Obama"), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "John Boehner"), ==, "PERSON");
  g_assert_false(touched(doc, "President"));
  g_assert_false(touched(doc, "Speaker"));
  g_assert_cmpstr(label_of(doc, "Xi Jinping"), ==, "PERSON");
  span_checks_assert_valid(doc);
}

static void
test_person_abbreviated_title(void)
{
  g_autoptr(WnDoc) doc = tag("Sen. Elizabeth Warren and Gov. Jerry Brown spoke to reporters "
                             "in Sacramento on Friday.");
  g_assert_cmpstr(label_of(doc, "Elizabeth Warren"), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Jerry Brown"), ==, "PERSON");
  g_assert_false(touched(doc, "Sen."));
  g_assert_false(touched(doc, "Gov."));
  g_assert_cmpstr(label_of(doc, "Sacramento"), ==, "LOC");
}

static void
test_org(void)
{
  g_autoptr(WnDoc) doc = tag("Shares of Goldman Sachs fell after the Federal Reserve raised "
                             "rates, and Microsoft said it would hire more engineers.");
  g_assert_cmpstr(label_of(doc, "Goldman Sachs"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Federal Reserve"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Microsoft"), ==, "ORG");

  g_autoptr(WnDoc) doc2 = tag("The Office of Personnel Management said on Friday that the "
                              "U.S. Department of Homeland Security was told.");
  g_assert_cmpstr(label_of(doc2, "Office of Personnel Management"), ==, "ORG");
  g_assert_cmpstr(label_of(doc2, "U.S. Department of Homeland Security"), ==, "ORG");
}

static void
test_loc(void)
{
  g_autoptr(WnDoc) doc = tag("The two leaders met in Rancho Mirage, Calif., before flying "
                             "to Paris and then to Kenya.");
  g_assert_cmpstr(label_of(doc, "Rancho Mirage"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Paris"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Kenya"), ==, "LOC");

  g_autoptr(WnDoc) doc2 = tag("U.S. officials said the U.S. Treasury would respond.");
  g_assert_cmpstr(label_of(doc2, "U.S."), ==, "LOC");
}

static void
test_norp(void)
{
  g_autoptr(WnDoc) doc = tag("Chinese officials said Republicans in Congress had misread "
                             "the talks, while French diplomats stayed quiet.");
  g_assert_cmpstr(label_of(doc, "Chinese"), ==, "NORP");
  g_assert_cmpstr(label_of(doc, "Republicans"), ==, "NORP");
  g_assert_cmpstr(label_of(doc, "French"), ==, "NORP");
}

static void
test_date(void)
{
  g_autoptr(WnDoc) doc = tag("The law took effect on June 5, 2013, was amended on Jan. 5 and "
                             "again on 2014-03-07, and the board met last Tuesday.");
  g_assert_cmpstr(label_of(doc, "June 5, 2013"), ==, "DATE");
  g_assert_cmpstr(label_of(doc, "Jan. 5"), ==, "DATE");
  g_assert_cmpstr(label_of(doc, "2014-03-07"), ==, "DATE");
  g_assert_cmpstr(label_of(doc, "last Tuesday"), ==, "DATE");
}

static void
test_date_may_is_a_verb(void)
{
  g_autoptr(WnDoc) doc = tag("Officials said the plant may close. It opened on May 3.");
  g_assert_false(touched(doc, "may close"));
  g_assert_cmpstr(label_of(doc, "May 3"), ==, "DATE");
}

static void
test_time(void)
{
  g_autoptr(WnDoc) doc = tag("The hearing starts at 10:30 a.m. and the vote at 3 p.m. "
                             "on the same day.");
  g_assert_cmpstr(label_of(doc, "10:30 a.m."), ==, "TIME");
  g_assert_cmpstr(label_of(doc, "3 p.m."), ==, "TIME");
}

static void
test_money(void)
{
  g_autoptr(WnDoc) doc = tag("The company raised $1.5 billion, paid €20 to each member and "
                             "charged 20 dollars for entry.");
  g_assert_cmpstr(label_of(doc, "$1.5 billion"), ==, "MONEY");
  g_assert_cmpstr(label_of(doc, "€20"), ==, "MONEY");
  g_assert_cmpstr(label_of(doc, "20 dollars"), ==, "MONEY");
}

static void
test_percent(void)
{
  g_autoptr(WnDoc) doc = tag("Turnout was 100 percent in the village and sales rose 5% in "
                             "the quarter.");
  g_assert_cmpstr(label_of(doc, "100 percent"), ==, "PERCENT");
  g_assert_cmpstr(label_of(doc, "5%"), ==, "PERCENT");
}

static void
test_email_url(void)
{
  g_autoptr(WnDoc) doc = tag("Send tips to news.desk@example.com or read more at "
                             "https://www.example.org/story?id=7.");
  g_assert_cmpstr(label_of(doc, "news.desk@example.com"), ==, "EMAIL");
  g_assert_cmpstr(label_of(doc, "https://www.example.org/story?id=7"), ==, "URL");
}

/* ---- document-level rules ------------------------------------------------ */

static void
test_consistency_surname(void)
{
  g_autoptr(WnDoc) doc = tag("Barack Obama arrived late. Aides said Obama was tired, and "
                             "Obama later apologised.");
  g_assert_cmpstr(label_of(doc, "Barack Obama"), ==, "PERSON");
  g_assert_cmpstr(span_checks_label(doc, "Obama", 1), ==, "PERSON");
  g_assert_cmpstr(span_checks_label(doc, "Obama", 2), ==, "PERSON");
}

static void
test_consistency_acronym(void)
{
  g_autoptr(WnDoc) doc = tag("The report by the National Security Agency (NSA) was leaked. "
                             "A spokesman said NSA rules were followed.");
  g_assert_cmpstr(label_of(doc, "National Security Agency"), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "NSA", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "NSA", 1), ==, "ORG");
}

static void
test_consistency_acronym_unknown(void)
{
  /* A made-up agency: the bare later mention is tagged through the definition. */
  g_autoptr(WnDoc) doc = tag("Staff of the Zorvian Lakes Quarry Board (ZLQB) met on Monday. "
                             "Later ZLQB said nothing.");
  g_assert_cmpstr(label_of(doc, "Zorvian Lakes Quarry Board"), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "ZLQB", 1), ==, "ORG");
}

/* ---- options ------------------------------------------------------------ */

static void
test_option_labels(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = make_pipeline("{\"labels\": [\"DATE\", \"MONEY\"]}", &error);
  g_assert_no_error(error);
  g_autoptr(WnDoc) doc = span_checks_tag(p, "Angela Merkel paid $20 in Berlin on June 5, 2013.");
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(wn_doc_get_layer(doc, "entities"), &n);
  g_assert_cmpuint(n, ==, 2);
  for (gsize i = 0; i < n; i++)
    g_assert_true(strcmp(spans[i].label, "DATE") == 0 || strcmp(spans[i].label, "MONEY") == 0);
}

static void
test_option_min_score(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = make_pipeline("{\"min_score\": 1.0}", &error);
  g_assert_no_error(error);
  g_autoptr(WnDoc) doc = span_checks_tag(p, "Xi Jinping paid $20 in Beijing on June 5, 2013.");
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(wn_doc_get_layer(doc, "entities"), &n);
  /* Patterns are certain (1.0); the model's guesses are below. */
  g_assert_cmpuint(n, ==, 2);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat(spans[i].score, >=, 1.0);
}

static void
test_option_gazetteers(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("wn-ent-XXXXXX", &error);
  g_assert_no_error(error);
  g_autofree char *path = g_build_filename(dir, "mine.tsv", NULL);
  g_assert_true(g_file_set_contents(path,
                                    "# my list\nQuibble Turbine 9\tPRODUCT\n"
                                    "Oxbridge Pilchard Works\tORG\n",
                                    -1, &error));
  g_autofree char *opts = g_strdup_printf("{\"gazetteers\": [\"%s\"]}", path);
  g_autoptr(WnPipeline) p = make_pipeline(opts, &error);
  g_assert_no_error(error);
  g_autoptr(WnDoc) doc = span_checks_tag(p, "The Quibble Turbine 9 was built by Oxbridge Pilchard "
                                            "Works near the coast.");
  g_assert_cmpstr(label_of(doc, "Quibble Turbine 9"), ==, "PRODUCT");
  g_assert_cmpstr(label_of(doc, "Oxbridge Pilchard Works"), ==, "ORG");

  /* A malformed list fails at load, naming the file and line. */
  g_assert_true(g_file_set_contents(path, "Good Name\tORG\nno label here\n", -1, &error));
  g_autoptr(WnPipeline) bad = make_pipeline(opts, &error);
  g_assert_null(bad);
  g_assert_error(error, WN_ERROR, WN_ERROR_PLUGIN_INIT);
  g_assert_nonnull(strstr(error->message, "mine.tsv:2"));
  g_unlink(path);
  g_rmdir(dir);
}

/* ---- bad input ------------------------------------------------------------ */

static void
test_bad_long_token(void)
{
  GString *s = g_string_new("Barack Obama wrote ");
  for (int i = 0; i < 10000; i++)
    g_string_append_c(s, "ab.@-/:"[i % 7 == 0 ? (i / 7) % 7 : 0]);
  g_string_append(s, " and then ");
  for (int i = 0; i < 10000; i++)
    g_string_append_c(s, 'A' + i % 26);
  g_string_append(s, " in Paris.");
  g_autoptr(WnDoc) doc = tag(s->str);
  span_checks_assert_valid(doc);
  g_assert_cmpstr(label_of(doc, "Barack Obama"), ==, "PERSON");
  g_string_free(s, TRUE);
}

static void
test_bad_all_caps(void)
{
  g_autoptr(WnDoc) doc = tag("PRESIDENT OBAMA MEETS CHINESE LEADER IN CALIFORNIA ON JUNE 5 AS "
                             "STOCKS FALL 5%");
  span_checks_assert_valid(doc);
  g_assert_cmpstr(label_of(doc, "JUNE 5"), ==, "DATE");
  g_assert_cmpstr(label_of(doc, "5%"), ==, "PERCENT");
  g_assert_cmpstr(label_of(doc, "CALIFORNIA"), ==, "LOC");
  g_assert_false(touched(doc, "STOCKS"));
}

static void
test_bad_all_lower(void)
{
  g_autoptr(WnDoc) doc = tag("the cat sat on the mat and then it went home to sleep for a "
                             "long while because it was tired.");
  span_checks_assert_valid(doc);
  g_assert_cmpuint(wn_layer_get_n_spans(wn_doc_get_layer(doc, "entities")), ==, 0);
}

static void
test_bad_number_table(void)
{
  GString *s = g_string_new(NULL);
  for (int r = 0; r < 400; r++)
    g_string_append_printf(s, "%d\t%d.%02d\t%d,%03d\t-%d\n", r, r * 7, r % 100, r, r * 3 % 1000,
                           r * 13);
  g_autoptr(WnDoc) doc = tag(s->str);
  span_checks_assert_valid(doc);
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(wn_doc_get_layer(doc, "entities"), &n);
  for (gsize i = 0; i < n; i++)
    g_assert_true(strcmp(spans[i].label, "PERSON") != 0 && strcmp(spans[i].label, "ORG") != 0);
  g_string_free(s, TRUE);
}

static void
test_bad_no_sentences(void)
{
  g_autoptr(WnDoc) empty = tag("");
  g_assert_cmpuint(wn_layer_get_n_spans(wn_doc_get_layer(empty, "entities")), ==, 0);
  g_autoptr(WnDoc) blank = tag("   \n\n\t  ");
  g_assert_cmpuint(wn_layer_get_n_spans(wn_doc_get_layer(blank, "entities")), ==, 0);
  g_autoptr(WnDoc) punct = tag("... --- !!! ???");
  span_checks_assert_valid(punct);
}

/* ---- threads ------------------------------------------------------------- */

static const char thread_text[] =
    "President Barack Obama met Chinese President Xi Jinping in Rancho Mirage, Calif., on "
    "June 5, 2013. Obama said the $1.5 billion plan was 100 percent sound. The National "
    "Security Agency (NSA) declined to comment; NSA staff wrote to info@example.com.";

static char *
entities_string(WnDoc *doc)
{
  GString *out = g_string_new(NULL);
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(wn_doc_get_layer(doc, "entities"), &n);
  for (gsize i = 0; i < n; i++)
    g_string_append_printf(out, "%zu-%zu:%s:%.4f;", spans[i].start, spans[i].end, spans[i].label,
                           spans[i].score);
  return g_string_free(out, FALSE);
}

static gpointer
thread_worker(gpointer data)
{
  const char *expected = data;
  for (int k = 0; k < 25; k++) {
    g_autoptr(WnDoc) doc = tag(thread_text);
    g_autofree char *got = entities_string(doc);
    if (strcmp(got, expected) != 0)
      return GINT_TO_POINTER(1);
  }
  return GINT_TO_POINTER(0);
}

static void
test_threads(void)
{
  /* The stage is thread-safe: the same document tagged from four threads at
   * once gives exactly what one thread gives. */
  g_autoptr(WnDoc) doc = tag(thread_text);
  g_autofree char *expected = entities_string(doc);
  g_assert_nonnull(strstr(expected, "PERSON"));
  GThread *threads[4];
  for (int t = 0; t < 4; t++)
    threads[t] = g_thread_new("tagger", thread_worker, expected);
  for (int t = 0; t < 4; t++)
    g_assert_cmpint(GPOINTER_TO_INT(g_thread_join(threads[t])), ==, 0);
}

/* ---- model errors at load -------------------------------------------------- */

static char *
write_model_copy(const char *dir, const char *name, gssize cut, gssize flip_at, guint32 version)
{
  g_autofree char *src = g_build_filename(ENT_BUILD_DIR, "entities-data", "entities.model", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  g_assert_true(g_file_get_contents(src, &data, &len, NULL));
  if (cut >= 0)
    len = cut;
  if (flip_at >= 0)
    data[flip_at] ^= 0x5a;
  if (version > 0)
    memcpy(data + 8, &version, 4); /* little-endian hosts */
  char *path = g_build_filename(dir, name, NULL);
  g_assert_true(g_file_set_contents(path, data, len, NULL));
  return path;
}

static void
assert_load_fails(const char *model_path, const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *opts = g_strdup_printf("{\"model\": \"%s\"}", model_path);
  g_autoptr(WnPipeline) p = make_pipeline(opts, &error);
  g_assert_null(p);
  g_assert_error(error, WN_ERROR, WN_ERROR_PLUGIN_INIT);
  g_assert_nonnull(strstr(error->message, words));
  g_assert_nonnull(strstr(error->message, model_path));
}

static void
test_model_errors_at_load(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("wn-ent-XXXXXX", &error);
  g_assert_no_error(error);
  g_autofree char *corrupt = write_model_copy(dir, "corrupt.model", -1, 5000, 0);
  g_autofree char *truncated = write_model_copy(dir, "truncated.model", 4000, -1, 0);
  g_autofree char *version = write_model_copy(dir, "version.model", -1, -1, 99);
  g_autofree char *empty = write_model_copy(dir, "empty.model", 0, -1, 0);
  assert_load_fails(corrupt, "corrupt");
  assert_load_fails(truncated, "truncated");
  assert_load_fails(version, "version 99");
  assert_load_fails(empty, "not a winnow entity model");
  g_autofree char *missing = g_build_filename(dir, "missing.model", NULL);
  assert_load_fails(missing, "cannot read");
  const char *const made[] = {corrupt, truncated, version, empty};
  for (guint i = 0; i < G_N_ELEMENTS(made); i++)
    g_unlink(made[i]);
  g_rmdir(dir);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_autoptr(GError) error = NULL;
  default_pipeline = make_pipeline(NULL, &error);
  g_assert_no_error(error);

  g_test_add_func("/entities/labels/person-titles", test_person_titles);
  g_test_add_func("/entities/labels/person-abbreviated-titles", test_person_abbreviated_title);
  g_test_add_func("/entities/labels/org", test_org);
  g_test_add_func("/entities/labels/loc", test_loc);
  g_test_add_func("/entities/labels/norp", test_norp);
  g_test_add_func("/entities/labels/date", test_date);
  g_test_add_func("/entities/labels/date-may-is-a-verb", test_date_may_is_a_verb);
  g_test_add_func("/entities/labels/time", test_time);
  g_test_add_func("/entities/labels/money", test_money);
  g_test_add_func("/entities/labels/percent", test_percent);
  g_test_add_func("/entities/labels/email-url", test_email_url);
  g_test_add_func("/entities/consistency/surname", test_consistency_surname);
  g_test_add_func("/entities/consistency/acronym", test_consistency_acronym);
  g_test_add_func("/entities/consistency/acronym-unknown", test_consistency_acronym_unknown);
  g_test_add_func("/entities/options/labels", test_option_labels);
  g_test_add_func("/entities/options/min-score", test_option_min_score);
  g_test_add_func("/entities/options/gazetteers", test_option_gazetteers);
  g_test_add_func("/entities/bad-input/long-token", test_bad_long_token);
  g_test_add_func("/entities/bad-input/all-caps", test_bad_all_caps);
  g_test_add_func("/entities/bad-input/all-lower", test_bad_all_lower);
  g_test_add_func("/entities/bad-input/number-table", test_bad_number_table);
  g_test_add_func("/entities/bad-input/no-sentences", test_bad_no_sentences);
  g_test_add_func("/entities/model/errors-at-load", test_model_errors_at_load);
  g_test_add_func("/entities/threads/same-output", test_threads);
  int rc = g_test_run();
  wn_pipeline_free(default_pipeline);
  return rc;
}
