/* test-stage.c: the `sentences` stage run through a real pipeline
 * (wn_pipeline_new_from_data): its layers, its options as the core validates
 * them, and its init errors. */
#include <winnow/winnow.h>

#include <string.h>

static const char *const plugin_dirs[] = {SENTENCES_PLUGIN_DIR, NULL};

static WnPipeline *
load(const char *options_json, GError **error)
{
  g_autofree char *json = g_strdup_printf(
      "{\"name\": \"t\", \"stages\": [{\"stage\": \"sentences\", \"options\": %s}]}", options_json);
  return wn_pipeline_new_from_data(json, -1, "<test>", plugin_dirs, error);
}

static char *
span_text(const char *text, const WnSpan *s)
{
  return g_strndup(text + s->start, s->end - s->start);
}

static void
test_layers(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load("{}", &error);
  g_assert_no_error(error);
  const char *text = "Mr. Smith paid $1.5 bn to the U.S. Treasury. Don't worry!\n\nNext one";
  g_autoptr(WnDoc) doc = wn_doc_new("d1", text, -1, WN_MEDIA_TYPE_TEXT);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_no_error(error);

  const WnLayer *sl = wn_doc_get_layer(doc, "sentences");
  g_assert_nonnull(sl);
  gsize n;
  const WnSpan *s = wn_layer_get_spans(sl, &n);
  g_assert_cmpuint(n, ==, 3);
  const char *want[] = {"Mr. Smith paid $1.5 bn to the U.S. Treasury.", "Don't worry!", "Next one"};
  for (guint i = 0; i < n; i++) {
    g_autofree char *got = span_text(text, &s[i]);
    g_assert_cmpstr(got, ==, want[i]);
  }

  const WnLayer *tl = wn_doc_get_layer(doc, "tokens");
  g_assert_nonnull(tl);
  const WnSpan *t = wn_layer_get_spans(tl, &n);
  g_autoptr(GString) joined = g_string_new(NULL);
  for (guint i = 0; i < n; i++) {
    g_autofree char *w = span_text(text, &t[i]);
    g_string_append_printf(joined, "%s/%s ", w, t[i].label);
  }
  g_assert_cmpstr(joined->str, ==,
                  "Mr./word Smith/word paid/word $/punct 1.5/number bn/word to/word the/word "
                  "U.S./word Treasury/word ./punct Do/word n't/word worry/word !/punct "
                  "Next/word one/word ");
  /* Labels are the interned strings the other stages compare against. */
  g_assert_true(t[0].label == g_intern_static_string("word"));
}

static void
test_options(void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "Il a vu M. Dupont hier. Il est parti\nLigne deux";
  {
    g_autoptr(WnPipeline) p = load("{\"language\": \"fr\", \"tokens\": false, "
                                   "\"split_on_newlines\": \"never\"}",
                                   &error);
    g_assert_no_error(error);
    g_autoptr(WnDoc) doc = wn_doc_new("d", text, -1, WN_MEDIA_TYPE_TEXT);
    g_assert_true(wn_pipeline_process(p, doc, &error));
    g_assert_null(wn_doc_get_layer(doc, "tokens"));
    g_assert_cmpuint(wn_layer_get_n_spans(wn_doc_get_layer(doc, "sentences")), ==, 2);
  }
  {
    g_autoptr(WnPipeline) p =
        load("{\"split_on_newlines\": \"always\", \"extra_abbreviations\": [\"hier.\"]}", &error);
    g_assert_no_error(error);
    g_autoptr(WnDoc) doc = wn_doc_new("d", text, -1, WN_MEDIA_TYPE_TEXT);
    g_assert_true(wn_pipeline_process(p, doc, &error));
    /* "hier." is now an abbreviation and "Il" no English sentence starter. */
    const WnLayer *sl = wn_doc_get_layer(doc, "sentences");
    g_assert_cmpuint(wn_layer_get_n_spans(sl), ==, 2);
  }
}

static void
test_bad_options(void)
{
  static const struct {
    const char *options;
    WnError code;
    const char *needle;
  } bad[] = {
      {"{\"language\": \"xx\"}", WN_ERROR_OPTION_RANGE, "language"},
      {"{\"split_on_newlines\": \"sometimes\"}", WN_ERROR_OPTION_RANGE, "split_on_newlines"},
      {"{\"tokens\": \"yes\"}", WN_ERROR_OPTION_TYPE, "tokens"},
      {"{\"extra_abbreviations\": \"approx\"}", WN_ERROR_OPTION_TYPE, "extra_abbreviations"},
      {"{\"extra_abbreviations\": [\"two words\"]}", WN_ERROR_PLUGIN_INIT, "whitespace"},
      {"{\"extra_abbreviations\": [\".\"]}", WN_ERROR_PLUGIN_INIT, "extra_abbreviations"},
      {"{\"colour\": \"red\"}", WN_ERROR_UNKNOWN_OPTION, "colour"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    g_autoptr(GError) error = NULL;
    g_autoptr(WnPipeline) p = load(bad[i].options, &error);
    g_assert_null(p);
    if (error != NULL && !g_error_matches(error, WN_ERROR, (int)bad[i].code))
      g_test_message("%s: unexpected error %d: %s", bad[i].options, error->code, error->message);
    g_assert_error(error, WN_ERROR, (int)bad[i].code);
    g_assert_nonnull(strstr(error->message, bad[i].needle));
  }
}

static void
test_bad_text(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load("{}", &error);
  g_assert_no_error(error);
  /* Empty text, and invalid UTF-8 repaired by the document model. */
  static const char *const texts[] = {"", "   \n\n  ", "\xff\xfe bad. \xc3 Bytes.\xe2\x80"};
  for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
    g_autoptr(WnDoc) doc = wn_doc_new("d", texts[i], -1, WN_MEDIA_TYPE_TEXT);
    g_assert_true(wn_pipeline_process(p, doc, &error));
    gsize len, n;
    const char *t = wn_doc_get_text(doc, &len);
    const WnSpan *s = wn_layer_get_spans(wn_doc_get_layer(doc, "sentences"), &n);
    for (guint k = 0; k < n; k++) {
      g_assert_cmpuint(s[k].end, <=, len);
      g_assert_true(g_utf8_validate(t + s[k].start, (gssize)(s[k].end - s[k].start), NULL));
    }
    if (i < 2)
      g_assert_cmpuint(n, ==, 0);
    else
      g_assert_cmpuint(n, ==, 2);
  }
}

/* Many documents at once through one pipeline: the stage says it is thread-safe. */
static gpointer
worker(gpointer data)
{
  WnPipeline *p = data;
  for (int i = 0; i < 200; i++) {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = g_strdup_printf("Doc %d is here. It has Dr. Who in it. End.", i);
    g_autoptr(WnDoc) doc = wn_doc_new("d", text, -1, WN_MEDIA_TYPE_TEXT);
    if (!wn_pipeline_process(p, doc, &error) ||
        wn_layer_get_n_spans(wn_doc_get_layer(doc, "sentences")) != 3)
      return GINT_TO_POINTER(1);
  }
  return NULL;
}

static void
test_threads(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = load("{}", &error);
  g_assert_no_error(error);
  GThread *threads[4];
  for (guint i = 0; i < G_N_ELEMENTS(threads); i++)
    threads[i] = g_thread_new("worker", worker, p);
  for (guint i = 0; i < G_N_ELEMENTS(threads); i++)
    g_assert_null(g_thread_join(threads[i]));
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/sentences/stage/layers", test_layers);
  g_test_add_func("/sentences/stage/options", test_options);
  g_test_add_func("/sentences/stage/bad-options", test_bad_options);
  g_test_add_func("/sentences/stage/bad-text", test_bad_text);
  g_test_add_func("/sentences/stage/threads", test_threads);
  return g_test_run();
}
