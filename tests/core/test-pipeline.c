/* test-pipeline.c: loading pipelines from files and strings, running
 * documents and groups through them, and every kind of pipeline error with
 * its code, its message and its line:col. */
#include <winnow/winnow.h>

#include <glib/gstdio.h>
#include <string.h>

static const char *const plugin_dirs[] = {TEST_PLUGINS_DIR, NULL};

static WnPipeline *
load(const char *json, GError **error)
{
  return wn_pipeline_new_from_data(json, -1, "test.json", plugin_dirs, error);
}

/* Asserts that `json` fails with `code` and that the message holds each of
 * the NULL-terminated needles. */
static void
assert_fails(const char *json, WnError code, ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load(json, &error);
  g_assert_null(p);
  if (error != NULL && (error->domain != WN_ERROR || error->code != (int)code))
    g_test_message("unexpected error %d: %s", error->code, error->message);
  g_assert_error(error, WN_ERROR, (int)code);
  va_list args;
  va_start(args, code);
  const char *needle;
  while ((needle = va_arg(args, const char *)) != NULL) {
    if (strstr(error->message, needle) == NULL)
      g_test_message("message \"%s\" lacks \"%s\"", error->message, needle);
    g_assert_true(strstr(error->message, needle) != NULL);
  }
  va_end(args);
}

static void
test_process_words(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load(
      "{\"name\": \"w\", \"stages\": [{\"stage\": \"good\"}, {\"stage\": \"needs\"}]}", &error);
  g_assert_no_error(error);
  g_assert_cmpstr(wn_pipeline_get_name(p), ==, "w");
  g_assert_cmpuint(wn_pipeline_get_n_stages(p), ==, 2);
  g_assert_cmpstr(wn_pipeline_get_stage_info(p, 0)->name, ==, "good");
  g_assert_cmpstr(wn_pipeline_get_stage_info(p, 1)->version, ==, "0.1");
  g_assert_true(wn_pipeline_has_group_stages(p));

  g_autoptr(WnDoc) doc = wn_doc_new("d1", "The quick  brown fox", -1, NULL);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_no_error(error);
  const WnLayer *words = wn_doc_get_layer(doc, "words");
  g_assert_nonnull(words);
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(words, &n);
  g_assert_cmpuint(n, ==, 4);
  g_assert_cmpuint(spans[2].start, ==, 11);
  g_assert_cmpuint(spans[2].end, ==, 16);
  g_assert_cmpstr(spans[2].label, ==, "word");
  const WnLayer *counts = wn_doc_get_layer(doc, "counts");
  g_assert_cmpfloat(wn_layer_get_spans(counts, NULL)[0].score, ==, 4.0);
}

static void
test_string_shorthand_and_options(void)
{
  g_autoptr(GError) error = NULL;
  /* min_len 4 keeps only "quick" and "brown". */
  g_autoptr(WnPipeline) p = load("{\"stages\": [{\"stage\": \"good\", \"options\": "
                                 "{\"min_len\": 4}}, \"needs\"]}",
                                 &error);
  g_assert_no_error(error);
  g_assert_cmpstr(wn_pipeline_get_name(p), ==, "test");
  g_autoptr(WnDoc) doc = wn_doc_new("d1", "The quick brown fox", -1, NULL);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_cmpuint(wn_layer_get_n_spans(wn_doc_get_layer(doc, "words")), ==, 2);
}

static void
test_empty_pipeline(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load("{\"stages\": []}", &error);
  g_assert_no_error(error);
  g_assert_cmpuint(wn_pipeline_get_n_stages(p), ==, 0);
  g_assert_false(wn_pipeline_has_group_stages(p));
  g_autoptr(WnDoc) doc = wn_doc_new("d1", "unchanged", -1, NULL);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_cmpstr(wn_doc_get_text(doc, NULL), ==, "unchanged");
}

static void
test_from_file(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("winnow-test-XXXXXX", &error);
  g_assert_no_error(error);
  g_autofree char *path = g_build_filename(dir, "news.json", NULL);
  g_assert_true(g_file_set_contents(
      path, "{\"stages\": [{\"stage\": \"good\", \"options\": {\"extra\": \"data/x.txt\"}}]}", -1,
      &error));
  g_autoptr(WnPipeline) p = wn_pipeline_new_from_file(path, plugin_dirs, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(wn_pipeline_get_name(p), ==, "news");
  g_assert_cmpuint(wn_pipeline_get_n_stages(p), ==, 1);
  g_remove(path);
  g_rmdir(dir);
}

static void
test_file_missing(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p =
      wn_pipeline_new_from_file("/nonexistent/winnow/p.json", plugin_dirs, &error);
  g_assert_null(p);
  g_assert_error(error, WN_ERROR, WN_ERROR_IO);
  g_assert_true(strstr(error->message, "/nonexistent/winnow/p.json") != NULL);
}

static void
test_stage_fails_on_document(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load("{\"stages\": [\"good\", \"flaky\"]}", &error);
  g_assert_no_error(error);
  g_autoptr(WnDoc) ok = wn_doc_new("fine", "all is well", -1, NULL);
  g_assert_true(wn_pipeline_process(p, ok, &error));
  g_assert_cmpstr(json_node_get_string(wn_doc_get_field(ok, "flaky")), ==, "ok");
  g_autoptr(WnDoc) bad = wn_doc_new("doc-7", "please FAIL now", -1, NULL);
  wn_doc_set_source(bad, "in.jsonl:7");
  g_assert_false(wn_pipeline_process(p, bad, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_STAGE);
  g_assert_true(strstr(error->message, "stage \"flaky\"") != NULL);
  g_assert_true(strstr(error->message, "\"doc-7\"") != NULL);
  g_assert_true(strstr(error->message, "in.jsonl:7") != NULL);
  g_assert_true(strstr(error->message, "refusing a text that asks to fail") != NULL);
  g_clear_error(&error);
  /* The pipeline goes on working after a failed document. */
  g_autoptr(WnDoc) again = wn_doc_new("after", "fine again", -1, NULL);
  g_assert_true(wn_pipeline_process(p, again, &error));
  g_assert_no_error(error);
}

static void
test_bad_span_is_caught(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load("{\"stages\": [\"badspan\"]}", &error);
  g_assert_no_error(error);
  g_autoptr(WnDoc) doc = wn_doc_new("d", "short", -1, NULL);
  g_assert_false(wn_pipeline_process(p, doc, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_STAGE);
  g_assert_true(strstr(error->message, "outside the text of 5 bytes") != NULL);
}

typedef struct {
  WnPipeline *p;
  guint first, n;
  gint failures;
} Worker;

static gpointer
worker(gpointer data)
{
  Worker *w = data;
  for (guint i = w->first; i < w->first + w->n; i++) {
    g_autofree char *id = g_strdup_printf("d%u", i);
    g_autoptr(WnDoc) doc = wn_doc_new(id, "some words to split", -1, NULL);
    g_autoptr(GError) error = NULL;
    if (!wn_pipeline_process(w->p, doc, &error))
      g_atomic_int_inc(&w->failures);
  }
  return NULL;
}

static void
test_serial_stage_threads(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load("{\"stages\": [\"good\", \"serial\"]}", &error);
  g_assert_no_error(error);
  Worker w[4];
  GThread *threads[4];
  for (int i = 0; i < 4; i++) {
    w[i] = (Worker){p, i * 50, 50, 0};
    threads[i] = g_thread_new("worker", worker, &w[i]);
  }
  for (int i = 0; i < 4; i++) {
    g_thread_join(threads[i]);
    g_assert_cmpint(w[i].failures, ==, 0);
  }
}

static void
test_process_group(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load("{\"stages\": [\"good\"]}", &error);
  g_assert_no_error(error);
  g_autoptr(WnGroup) group = wn_group_new("g1");
  for (int i = 0; i < 3; i++) {
    g_autofree char *id = g_strdup_printf("m%d", i);
    g_autoptr(WnDoc) doc = wn_doc_new(id, "a b", -1, NULL);
    g_assert_true(wn_pipeline_process(p, doc, &error));
    wn_group_add_doc(group, doc);
  }
  g_assert_true(wn_pipeline_process_group(p, group, &error));
  g_assert_no_error(error);
  JsonNode *n = json_object_get_member(wn_group_get_fields(group), "n_docs");
  g_assert_cmpint(json_node_get_int(n), ==, 3);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/core/pipeline/process/words", test_process_words);
  g_test_add_func("/core/pipeline/process/shorthand-and-options",
                  test_string_shorthand_and_options);
  g_test_add_func("/core/pipeline/process/empty", test_empty_pipeline);
  g_test_add_func("/core/pipeline/process/stage-fails", test_stage_fails_on_document);
  g_test_add_func("/core/pipeline/process/bad-span", test_bad_span_is_caught);
  g_test_add_func("/core/pipeline/process/serial-stage-threads", test_serial_stage_threads);
  g_test_add_func("/core/pipeline/process/group", test_process_group);
  g_test_add_func("/core/pipeline/file/load", test_from_file);
  g_test_add_func("/core/pipeline/file/missing", test_file_missing);
  (void)assert_fails;
  return g_test_run();
}
