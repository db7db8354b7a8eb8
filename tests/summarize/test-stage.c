/* test-stage.c: the summarize stage in real pipelines, after the sentences
 * stage: the summary layer, budgets, the group summary record, options and
 * degenerate documents. */
#include <winnow/winnow.h>

#include "fixture.h"
#include "summarize.h"

#include <string.h>

static WnPipeline *
pipeline(const char *summarize_options)
{
  g_autofree char *json = g_strdup_printf(
      "{\"name\": \"test-summarize\", \"stages\": [{\"stage\": \"sentences\", \"options\": "
      "{\"language\": \"en\"}}, {\"stage\": \"summarize\", \"options\": %s}]}",
      summarize_options);
  g_autoptr(GError) error = NULL;
  WnPipeline *p = wn_pipeline_new_from_data(json, -1, "<test>", NULL, &error);
  g_assert_no_error(error);
  g_assert_nonnull(p);
  return p;
}

static WnDoc *
run_fixture(WnPipeline *p, const char *name)
{
  g_autoptr(FixtureDoc) f = fixture_load(name);
  WnDoc *doc = wn_doc_new(name, f->text, (gssize)f->len, WN_MEDIA_TYPE_TEXT);
  g_autoptr(GError) error = NULL;
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_no_error(error);
  return doc;
}

/* Every summary span is one of the document's sentences, in text order. */
static void
assert_summary_of_sentences(const WnDoc *doc, gsize expected_max)
{
  gsize n_sum = 0, n_sent = 0;
  const WnLayer *summary = wn_doc_get_layer(doc, "summary");
  const WnLayer *sentences = wn_doc_get_layer(doc, "sentences");
  g_assert_nonnull(summary);
  g_assert_nonnull(sentences);
  const WnSpan *sum = wn_layer_get_spans(summary, &n_sum);
  const WnSpan *sent = wn_layer_get_spans(sentences, &n_sent);
  g_assert_cmpuint(n_sum, <=, expected_max);
  for (gsize k = 0; k < n_sum; k++) {
    gboolean found = FALSE;
    for (gsize s = 0; s < n_sent && !found; s++)
      found = sent[s].start == sum[k].start && sent[s].end == sum[k].end;
    g_assert_true(found);
    g_assert_cmpfloat(sum[k].score, >=, 0);
    g_assert_cmpfloat(sum[k].score, <=, 1);
    if (k > 0)
      g_assert_cmpuint(sum[k - 1].end, <=, sum[k].start);
  }
}

static void
test_sentences_budget(void)
{
  g_autoptr(WnPipeline) p = pipeline("{\"sentences\": 3}");
  g_autoptr(WnDoc) doc = run_fixture(p, "article.txt");
  assert_summary_of_sentences(doc, 3);
  g_assert_cmpuint(wn_layer_get_n_spans(wn_doc_get_layer(doc, "summary")), ==, 3);
}

static void
test_words_budget(void)
{
  const char *methods[] = {"salience", "lead", "textrank", "lexrank"};
  for (guint m = 0; m < G_N_ELEMENTS(methods); m++)
    for (guint budget = 20; budget <= 200; budget += 45) {
      g_autofree char *opts =
          g_strdup_printf("{\"words\": %u, \"method\": \"%s\"}", budget, methods[m]);
      g_autoptr(WnPipeline) p = pipeline(opts);
      g_autoptr(WnDoc) doc = run_fixture(p, "article.txt");
      assert_summary_of_sentences(doc, G_MAXSIZE);
      gsize n = 0, len = 0;
      const char *text = wn_doc_get_text(doc, &len);
      const WnSpan *sum = wn_layer_get_spans(wn_doc_get_layer(doc, "summary"), &n);
      guint words = 0;
      for (gsize k = 0; k < n; k++)
        words += wn_sum_count_words(text + sum[k].start, sum[k].end - sum[k].start);
      g_assert_cmpuint(words, <=, budget);
      /* Words alone: the default 3-sentence limit does not apply. */
      if (budget >= 200)
        g_assert_cmpuint(n, >, 3);
      else
        g_assert_cmpuint(n, >, 0);
    }
}

static void
test_deterministic(void)
{
  g_autoptr(WnPipeline) p = pipeline("{\"sentences\": 4}");
  g_autoptr(WnDoc) a = run_fixture(p, "article.txt");
  g_autoptr(WnDoc) b = run_fixture(p, "article.txt");
  g_autofree char *ja = wn_doc_to_json_line(a, WN_OFFSETS_CHARS);
  g_autofree char *jb = wn_doc_to_json_line(b, WN_OFFSETS_CHARS);
  g_assert_cmpstr(ja, ==, jb);
}

static void
test_empty_documents(void)
{
  g_autoptr(WnPipeline) p = pipeline("{\"sentences\": 3}");
  const char *texts[] = {"", "   \n\n  ", "...", "Yes."};
  for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
    g_autoptr(WnDoc) doc = wn_doc_new("empty", texts[i], -1, WN_MEDIA_TYPE_TEXT);
    g_autoptr(GError) error = NULL;
    g_assert_true(wn_pipeline_process(p, doc, &error));
    g_assert_no_error(error);
    const WnLayer *summary = wn_doc_get_layer(doc, "summary");
    g_assert_nonnull(summary);
    g_assert_cmpuint(wn_layer_get_n_spans(summary), <=, 1);
  }
}

static JsonArray *
group_summary(WnGroup *group)
{
  JsonObject *fields = wn_group_get_fields(group);
  if (!json_object_has_member(fields, "summary"))
    return NULL;
  return json_object_get_array_member(fields, "summary");
}

static WnGroup *
run_cluster(WnPipeline *p, guint n_docs)
{
  WnGroup *group = wn_group_new("tram");
  for (guint i = 0; i < n_docs; i++) {
    g_autofree char *name = g_strdup_printf("cluster-%u.txt", i + 1);
    g_autoptr(WnDoc) doc = run_fixture(p, name);
    wn_doc_set_group(doc, "tram");
    wn_group_add_doc(group, doc);
  }
  g_autoptr(GError) error = NULL;
  g_assert_true(wn_pipeline_process_group(p, group, &error));
  g_assert_no_error(error);
  return group;
}

static void
test_group_summary(void)
{
  g_autoptr(WnPipeline) p = pipeline("{\"sentences\": 6, \"group\": true}");
  g_assert_true(wn_pipeline_has_group_stages(p));
  g_autoptr(WnGroup) group = run_cluster(p, 4);
  JsonArray *summary = group_summary(group);
  g_assert_nonnull(summary);
  g_assert_cmpuint(json_array_get_length(summary), ==, 6);
  g_autoptr(GHashTable) ids = g_hash_table_new(g_str_hash, g_str_equal);
  guint quoted = 0;
  for (guint k = 0; k < json_array_get_length(summary); k++) {
    JsonObject *o = json_array_get_object_element(summary, k);
    const char *id = json_object_get_string_member(o, "id");
    const gint64 start = json_object_get_int_member(o, "start");
    const gint64 end = json_object_get_int_member(o, "end");
    const char *text = json_object_get_string_member(o, "text");
    const double score = json_object_get_double_member(o, "score");
    g_assert_cmpfloat(score, >=, 0);
    g_assert_cmpfloat(score, <=, 1);
    g_hash_table_add(ids, (gpointer)id);
    /* start/end are code points into the document named by id. */
    WnDoc *doc = NULL;
    for (guint d = 0; d < wn_group_get_n_docs(group); d++)
      if (strcmp(wn_doc_get_id(wn_group_get_doc(group, d)), id) == 0)
        doc = wn_group_get_doc(group, d);
    g_assert_nonnull(doc);
    const char *body = wn_doc_get_text(doc, NULL);
    const char *from = g_utf8_offset_to_pointer(body, start);
    const char *to = g_utf8_offset_to_pointer(body, end);
    g_autofree char *slice = g_strndup(from, to - from);
    g_assert_cmpstr(slice, ==, text);
    quoted += strstr(text, "stopped talking") != NULL;
    /* No two entries say the same thing. */
    for (guint j = 0; j < k; j++) {
      const char *other =
          json_object_get_string_member(json_array_get_object_element(summary, j), "text");
      double cosine, containment;
      wn_sum_similarity("en", text, strlen(text), other, strlen(other), &cosine, &containment);
      g_assert_cmpfloat(cosine, <, 0.6);
      g_assert_cmpfloat(containment, <, 0.75);
    }
  }
  g_assert_cmpuint(quoted, <=, 1);
  g_assert_cmpuint(g_hash_table_size(ids), >=, 2);
  /* Each page still has its own summary layer. */
  for (guint d = 0; d < wn_group_get_n_docs(group); d++)
    assert_summary_of_sentences(wn_group_get_doc(group, d), 6);
}

static void
test_group_off_and_one(void)
{
  g_autoptr(WnPipeline) off = pipeline("{\"sentences\": 3, \"group\": false}");
  g_autoptr(WnGroup) g1 = run_cluster(off, 4);
  g_assert_null(group_summary(g1));

  /* A group of one: its summary is the document's own. */
  g_autoptr(WnPipeline) p = pipeline("{\"sentences\": 3}");
  g_autoptr(WnGroup) g2 = run_cluster(p, 1);
  JsonArray *summary = group_summary(g2);
  g_assert_nonnull(summary);
  const WnDoc *doc = wn_group_get_doc(g2, 0);
  gsize n = 0;
  const WnSpan *own = wn_layer_get_spans(wn_doc_get_layer(doc, "summary"), &n);
  g_assert_cmpuint(json_array_get_length(summary), ==, n);
  const char *text = wn_doc_get_text(doc, NULL);
  for (guint k = 0; k < n; k++) {
    JsonObject *o = json_array_get_object_element(summary, k);
    g_assert_cmpint(json_object_get_int_member(o, "start"), ==,
                    g_utf8_pointer_to_offset(text, text + own[k].start));
  }
}

static void
test_bad_options(void)
{
  const struct {
    const char *options;
    gint code;
  } bad[] = {
      {"{\"method\": \"best\"}", WN_ERROR_OPTION_RANGE},
      {"{\"sentences\": -1}", WN_ERROR_OPTION_RANGE},
      {"{\"ratio\": 1.5}", WN_ERROR_OPTION_RANGE},
      {"{\"redundancy\": \"high\"}", WN_ERROR_OPTION_TYPE},
      {"{\"language\": \"xx\"}", WN_ERROR_OPTION_RANGE},
      {"{\"length\": 3}", WN_ERROR_UNKNOWN_OPTION},
  };
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    g_autofree char *json =
        g_strdup_printf("{\"name\": \"bad\", \"stages\": [{\"stage\": \"sentences\"}, {\"stage\": "
                        "\"summarize\", \"options\": %s}]}",
                        bad[i].options);
    g_autoptr(GError) error = NULL;
    g_autoptr(WnPipeline) p = wn_pipeline_new_from_data(json, -1, "<bad>", NULL, &error);
    g_assert_null(p);
    g_assert_error(error, WN_ERROR, bad[i].code);
  }
  /* Without the sentences stage first, the pipeline is refused before any document. */
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = wn_pipeline_new_from_data(
      "{\"name\": \"x\", \"stages\": [{\"stage\": \"summarize\"}]}", -1, "<x>", NULL, &error);
  g_assert_null(p);
  g_assert_error(error, WN_ERROR, WN_ERROR_LAYER_ORDER);
}

static void
test_language_field(void)
{
  g_autoptr(WnPipeline) p = pipeline("{\"sentences\": 2, \"language\": \"auto\"}");
  const char *text = "Le conseil municipal a approuvé la nouvelle ligne de tramway mardi soir. "
                     "Les commerçants craignent deux années de travaux dans leur rue. "
                     "La maire a salué un vote historique pour la ligne de tramway. "
                     "Les travaux de la ligne de tramway commenceront au printemps.";
  g_autoptr(WnDoc) doc = wn_doc_new("fr", text, -1, WN_MEDIA_TYPE_TEXT);
  wn_doc_set_string_field(doc, "language", "fr");
  g_autoptr(GError) error = NULL;
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_no_error(error);
  assert_summary_of_sentences(doc, 2);
  g_assert_cmpuint(wn_layer_get_n_spans(wn_doc_get_layer(doc, "summary")), ==, 2);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/summarize/stage/sentences-budget", test_sentences_budget);
  g_test_add_func("/summarize/stage/words-budget", test_words_budget);
  g_test_add_func("/summarize/stage/deterministic", test_deterministic);
  g_test_add_func("/summarize/stage/empty-documents", test_empty_documents);
  g_test_add_func("/summarize/stage/group-summary", test_group_summary);
  g_test_add_func("/summarize/stage/group-off-and-one", test_group_off_and_one);
  g_test_add_func("/summarize/stage/bad-options", test_bad_options);
  g_test_add_func("/summarize/stage/language-field", test_language_field);
  return g_test_run();
}
