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
  /* "serial" counts callers in a global, so its two entries must share a lock. */
  g_autoptr(WnPipeline) p = load("{\"stages\": [\"good\", \"serial\", \"serial\"]}", &error);
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

/* ---- errors in the pipeline file ---------------------------------------- */

static void
test_syntax_errors(void)
{
  assert_fails("{\n  \"name\": \"x\"\n  \"stages\": []\n}", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:3:3: invalid JSON: expected ',' or '}' after the value of \"name\", "
               "found '\"'",
               NULL);
  assert_fails("{\"stages\": [\"good\",]}", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:1:20: invalid JSON: a comma before ']'", NULL);
  assert_fails("{\"stages\": [\"good]}\n", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:1:", "a line break inside a string", NULL);
  assert_fails("", WN_ERROR_PIPELINE_SYNTAX, "test.json:1:1: invalid JSON: the file is empty",
               NULL);
  assert_fails("{'stages': []}", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:1:2: invalid JSON: expected a key in double quotes, found '''", NULL);
  assert_fails("{\"stages\": []} x", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:1:16: invalid JSON: unexpected 'x' after the end", NULL);
  /* Columns count characters, not bytes. */
  assert_fails("{\"name\": \"\xc3\xa9t\xc3\xa9\" \"stages\": []}", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:1:16:", NULL);
  assert_fails("{\"stages\": [01]}", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:1:13: invalid JSON: malformed number", NULL);
  assert_fails("{\"stages\": [], \"_n\": 1e999}", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:1:22: invalid JSON: the number 1e999 is too large", NULL);
  assert_fails("{\"stages\": [\"\\q\"]}", WN_ERROR_PIPELINE_SYNTAX,
               "test.json:1:14: invalid JSON: invalid escape \\q", NULL);
}

static void
test_deep_nesting_is_an_error(void)
{
  /* A hostile file must not overflow the stack. */
  GString *s = g_string_new("{\"stages\": [], \"_x\": ");
  for (int i = 0; i < 100000; i++)
    g_string_append_c(s, '[');
  assert_fails(s->str, WN_ERROR_PIPELINE_SYNTAX, "nested more than 256 levels deep", NULL);
  g_string_free(s, TRUE);
}

static void
test_shape_errors(void)
{
  assert_fails("[\"good\"]", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:1: a pipeline must be a JSON object", "not an array", NULL);
  assert_fails("{\"name\": \"x\"}", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:1: ", "the pipeline has no \"stages\" key", NULL);
  assert_fails("{\"stages\": {\"stage\": \"good\"}}", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:2: \"stages\" must be an array of stage entries, not an object", NULL);
  assert_fails("{\"stages\": [\"good\", 3]}", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:21: stage 2 must be an object", "not a number", NULL);
  assert_fails("{\"stages\": [{\"options\": {}}]}", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:13: stage 1 has no \"stage\" key", NULL);
  assert_fails("{\"stages\": [{\"stage\": \"good\", \"optoins\": {}}]}", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:31: unknown key \"optoins\" in a stage entry; did you mean "
               "\"options\"? allowed: stage, options",
               NULL);
  assert_fails("{\"stages\": [], \"stagse\": []}", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:16: unknown key \"stagse\" in the pipeline; did you mean \"stages\"?",
               NULL);
  assert_fails("{\"stages\": [{\"stage\": \"good\", \"options\": [1]}]}", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:31: \"options\" must be an object", NULL);
  assert_fails("{\"name\": 5, \"stages\": []}", WN_ERROR_PIPELINE_SHAPE,
               "test.json:1:2: \"name\" must be a string, not a number", NULL);
}

static void
test_duplicate_keys(void)
{
  assert_fails("{\"name\": \"a\",\n \"stages\": [],\n \"name\": \"b\"}",
               WN_ERROR_PIPELINE_DUPLICATE_KEY,
               "test.json:3:2: duplicate key \"name\" (first given at line 1, column 2)", NULL);
  assert_fails("{\"stages\": [{\"stage\": \"good\", \"options\": {\"min_len\": 2,\n"
               "   \"min_len\": 3}}]}",
               WN_ERROR_PIPELINE_DUPLICATE_KEY,
               "test.json:2:4: duplicate key \"min_len\" (first given at line 1, column 43)", NULL);
}

static void
test_unknown_stage(void)
{
  assert_fails("{\"stages\": [\n  {\"stage\": \"goood\"}\n]}", WN_ERROR_UNKNOWN_STAGE,
               "test.json:2:4: no stage named \"goood\": searched " TEST_PLUGINS_DIR,
               "did you mean \"good\"?", NULL);
  /* Every folder searched is named, the installed one included. */
  assert_fails("{\"stages\": [\"nothing-like-it\"]}", WN_ERROR_UNKNOWN_STAGE,
               "test.json:1:13: no stage named \"nothing-like-it\"", TEST_PLUGINS_DIR,
               "stages found there: ", "good", "--plugin-path", NULL);
  assert_fails("{\"stages\": [\"./no/such.so\"]}", WN_ERROR_UNKNOWN_STAGE,
               "test.json:1:13: ", "no/such.so: no such stage file", NULL);
}

static void
test_layer_order(void)
{
  assert_fails("{\"stages\": [\"needs\", \"good\"]}", WN_ERROR_LAYER_ORDER,
               "test.json:1:13: stage \"needs\" requires the layer \"words\", which no earlier "
               "stage provides; stage \"good\" (stage 2) provides it but runs later; move it "
               "before \"needs\"",
               NULL);
  assert_fails("{\"stages\": [\"needs\"]}", WN_ERROR_LAYER_ORDER,
               "stage \"needs\" requires the layer \"words\"",
               "add stage \"good\" before \"needs\"", NULL);
  assert_fails("{\"stages\": [\"good\", \"replacer\", \"needs\"]}", WN_ERROR_LAYER_ORDER,
               "test.json:1:33: stage \"needs\" requires the layer \"words\"",
               "(stage \"replacer\" replaces the text and drops the layers made before it)", NULL);
  /* Providing the layer again after the replacement is fine. */
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p =
      load("{\"stages\": [\"good\", \"replacer\", \"good\", \"needs\"]}", &error);
  g_assert_no_error(error);
  g_autoptr(WnDoc) doc = wn_doc_new("d", "two words", -1, NULL);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_cmpstr(wn_doc_get_text(doc, NULL), ==, "TWO WORDS");
  g_assert_cmpuint(wn_layer_get_n_spans(wn_doc_get_layer(doc, "words")), ==, 2);
}

static void
test_loader_errors_in_pipeline(void)
{
  assert_fails("{\"stages\": [\"noentry\"]}", WN_ERROR_PLUGIN_NO_ENTRY,
               "test.json:1:13: " TEST_PLUGINS_DIR "/noentry.so: not a winnow stage: it does not "
               "export the symbol \"wn_stage_entry\"",
               NULL);
  assert_fails("{\"stages\": [\"badabi\"]}", WN_ERROR_PLUGIN_ABI,
               "badabi.so: the stage was built for plugin ABI 2.0, but this winnow "
               "(" WN_VERSION_STRING ") has plugin ABI 1.0",
               NULL);
  assert_fails("{\"stages\": [\"newminor\"]}", WN_ERROR_PLUGIN_ABI,
               "newminor.so: the stage was built for plugin ABI 1.1, newer than", "ABI 1.0", NULL);
  assert_fails("{\"stages\": [\"noprocess\"]}", WN_ERROR_PLUGIN_INVALID,
               "noprocess.so: the stage info lacks the required field \"process\"", NULL);
  assert_fails("{\"stages\": [\"initfail\"]}", WN_ERROR_PLUGIN_INIT,
               "test.json:1:13: stage \"initfail\" (" TEST_PLUGINS_DIR "/initfail.so) failed to "
               "start: cannot open model " TEST_PLUGINS_DIR "/missing-model.bin: no such file",
               NULL);
  assert_fails("{\"stages\": [\"dup_a\", \"dup_b\"]}", WN_ERROR_PLUGIN_DUPLICATE,
               "test.json:1:22: " TEST_PLUGINS_DIR "/dup_a.so and " TEST_PLUGINS_DIR
               "/dup_b.so both declare the stage name \"dup\"",
               NULL);
}

static void
test_cannot_open(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("winnow-open-XXXXXX", &error);
  g_assert_no_error(error);
  g_autofree char *so = g_build_filename(dir, "broken.so", NULL);
  g_assert_true(g_file_set_contents(so, "this is not an ELF file", -1, &error));
  g_autofree char *json = g_strdup_printf("{\"stages\": [\"%s\"]}", so);
  g_autoptr(WnPipeline) p = load(json, &error);
  g_assert_null(p);
  g_assert_error(error, WN_ERROR, WN_ERROR_PLUGIN_OPEN);
  g_assert_true(strstr(error->message, "test.json:1:13: ") != NULL);
  g_assert_true(strstr(error->message, "broken.so: cannot load the stage: ") != NULL);
  g_assert_true(strstr(error->message, "`ldd ") != NULL);
  g_remove(so);
  g_rmdir(dir);
}

static void
test_all_problems_reported(void)
{
  assert_fails("{\n"
               "  \"stages\": [\n"
               "    {\"stage\": \"goood\"},\n"
               "    {\"stage\": \"good\", \"options\": {\"min_len\": 0, \"modes\": \"x\"}},\n"
               "    \"initfail\",\n"
               "    \"noentry\"\n"
               "  ]\n"
               "}\n",
               WN_ERROR_PIPELINE_INVALID, "test.json: 5 problems:\n",
               "\ntest.json:3:6: no stage named \"goood\"",
               "\ntest.json:4:35: stage \"good\": option \"min_len\" is 0",
               "\ntest.json:4:49: stage \"good\" has no option \"modes\"; did you mean \"mode\"?",
               "\ntest.json:6:5: " TEST_PLUGINS_DIR "/noentry.so: not a winnow stage",
               "\ntest.json:5:5: stage \"initfail\"", NULL);
}

static void
test_many_problems_on_one_line(void)
{
  /* Twenty thousand unknown keys on one line: each reported, at its column. */
  GString *s = g_string_new("{\"stages\": [{\"stage\": \"good\", \"options\": {");
  for (int i = 0; i < 20000; i++)
    g_string_append_printf(s, "%s\"k%05d\": 1", i > 0 ? ", " : "", i);
  g_string_append(s, "}}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load(s->str, &error);
  g_string_free(s, TRUE);
  g_assert_null(p);
  g_assert_error(error, WN_ERROR, WN_ERROR_PIPELINE_INVALID);
  g_assert_true(g_str_has_prefix(error->message, "test.json: 20000 problems:\n"));
  /* The first key is at column 43, each next one 13 further on. */
  g_autofree char *last =
      g_strdup_printf("test.json:1:%d: stage \"good\" has no option \"k19999\"", 43 + 19999 * 13);
  g_assert_true(strstr(error->message, last) != NULL);
}

static void
test_mutated_files_never_crash(void)
{
  /* Every corruption of a valid file either loads or fails cleanly with a
   * WN_ERROR whose message starts with the file name. */
  const char *valid = "{\n  \"name\": \"m\",\n  \"stages\": [\n    {\"stage\": \"good\", "
                      "\"options\": {\"min_len\": 2, \"tags\": [\"a\", \"b\"], \"mode\": "
                      "\"exact\"}},\n    \"needs\"\n  ]\n}\n";
  static const char alphabet[] = "{}[]\",:\\ \n0-9.eatrufnl\x80\xc3\xa9\xff";
  g_autoptr(GRand) rand = g_rand_new_with_seed(20261123);
  gsize len = strlen(valid);
  for (int round = 0; round < 3000; round++) {
    g_autofree char *buf = g_strdup(valid);
    gsize n = len;
    int edits = g_rand_int_range(rand, 1, 4);
    for (int e = 0; e < edits; e++) {
      gsize at = g_rand_int_range(rand, 0, n);
      switch (g_rand_int_range(rand, 0, 3)) {
      case 0: /* replace a byte */
        buf[at] = alphabet[g_rand_int_range(rand, 0, sizeof alphabet - 1)];
        break;
      case 1: /* delete a byte */
        memmove(buf + at, buf + at + 1, n - at);
        n--;
        break;
      default: /* truncate */
        buf[at] = '\0';
        n = at;
        break;
      }
      if (n == 0)
        break;
    }
    GError *error = NULL;
    WnPipeline *p = wn_pipeline_new_from_data(buf, n, "m.json", plugin_dirs, &error);
    if (p != NULL) {
      g_assert_no_error(error);
      wn_pipeline_free(p);
      continue;
    }
    g_assert_nonnull(error);
    g_assert_true(error->domain == WN_ERROR);
    g_assert_true(g_str_has_prefix(error->message, "m.json"));
    g_error_free(error);
  }
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
  g_test_add_func("/core/pipeline/errors/syntax", test_syntax_errors);
  g_test_add_func("/core/pipeline/errors/deep-nesting", test_deep_nesting_is_an_error);
  g_test_add_func("/core/pipeline/errors/shape", test_shape_errors);
  g_test_add_func("/core/pipeline/errors/duplicate-keys", test_duplicate_keys);
  g_test_add_func("/core/pipeline/errors/unknown-stage", test_unknown_stage);
  g_test_add_func("/core/pipeline/errors/layer-order", test_layer_order);
  g_test_add_func("/core/pipeline/errors/loader", test_loader_errors_in_pipeline);
  g_test_add_func("/core/pipeline/errors/cannot-open", test_cannot_open);
  g_test_add_func("/core/pipeline/errors/all-reported", test_all_problems_reported);
  g_test_add_func("/core/pipeline/errors/many-on-one-line", test_many_problems_on_one_line);
  g_test_add_func("/core/pipeline/errors/mutated-files", test_mutated_files_never_crash);
  return g_test_run();
}
