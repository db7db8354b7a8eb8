/* test-options.c: option values as a stage's init() sees them: defaults,
 * every type, ranges, choices, nearest-name suggestions, and paths and path
 * lists (resolved against the pipeline file's folder, ${plugindir} expanded,
 * defaults against the stage's folder). The "good" test
 * stage copies what init() saw into each document's "good_options" field. */
#include <winnow/winnow.h>

#include <glib/gstdio.h>
#include <string.h>

static const char *const plugin_dirs[] = {TEST_PLUGINS_DIR, NULL};

/* Runs the "good" stage with `options` (a JSON object text) and returns what
 * its init() saw. */
static JsonObject *
seen_options(const char *options)
{
  g_autofree char *json =
      g_strdup_printf("{\"stages\": [{\"stage\": \"good\", \"options\": %s}]}", options);
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = wn_pipeline_new_from_data(json, -1, "opts.json", plugin_dirs, &error);
  g_assert_no_error(error);
  g_autoptr(WnDoc) doc = wn_doc_new("d", "x", -1, NULL);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  return json_object_ref(json_node_get_object(wn_doc_get_field(doc, "good_options")));
}

static GError *
options_error(const char *options)
{
  g_autofree char *json = g_strdup_printf("{\"stages\": [\n  {\"stage\": \"good\",\n"
                                          "   \"options\": %s}\n]}",
                                          options);
  GError *error = NULL;
  g_autoptr(WnPipeline) p = wn_pipeline_new_from_data(json, -1, "opts.json", plugin_dirs, &error);
  g_assert_null(p);
  g_assert_nonnull(error);
  return error;
}

static void
assert_contains(const char *haystack, const char *needle)
{
  if (strstr(haystack, needle) == NULL)
    g_test_message("\"%s\" lacks \"%s\"", haystack, needle);
  g_assert_true(strstr(haystack, needle) != NULL);
}

/* options_error() of `options`, asserting its code and that its message
 * holds `needle`. */
static GError *
expect_error(const char *options, gint code, const char *needle)
{
  GError *error = options_error(options);
  g_assert_error(error, WN_ERROR, code);
  assert_contains(error->message, needle);
  return error;
}

/* Options refused with a message holding `message`. */
typedef struct {
  const char *options, *message;
} ErrorCase;

static void
expect_errors(const ErrorCase *cases, gsize n, gint code)
{
  for (gsize i = 0; i < n; i++) {
    g_test_message("case %" G_GSIZE_FORMAT ": %s", i, cases[i].options);
    g_autoptr(GError) e = expect_error(cases[i].options, code, cases[i].message);
  }
}

/* A pipeline file conf/p.json in a new temporary folder `dir`. */
typedef struct {
  char *dir, *sub, *path;
} ConfDir;

static void
conf_dir_clear(ConfDir *c)
{
  g_remove(c->path);
  g_rmdir(c->sub);
  g_rmdir(c->dir);
  g_free(c->path);
  g_free(c->sub);
  g_free(c->dir);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ConfDir, conf_dir_clear)

/* Writes `json` to c's pipeline file, runs it and returns what the "good"
 * stage's init() saw. */
static JsonObject *
seen_options_in_file(ConfDir *c, const char *json)
{
  g_autoptr(GError) error = NULL;
  c->dir = g_dir_make_tmp("winnow-opts-XXXXXX", &error);
  g_assert_no_error(error);
  c->sub = g_build_filename(c->dir, "conf", NULL);
  g_assert_cmpint(g_mkdir(c->sub, 0700), ==, 0);
  c->path = g_build_filename(c->sub, "p.json", NULL);
  g_assert_true(g_file_set_contents(c->path, json, -1, &error));
  g_assert_no_error(error);
  g_autoptr(WnPipeline) p = wn_pipeline_new_from_file(c->path, plugin_dirs, &error);
  g_assert_no_error(error);
  g_autoptr(WnDoc) doc = wn_doc_new("d", "x", -1, NULL);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  return json_object_ref(json_node_get_object(wn_doc_get_field(doc, "good_options")));
}

static void
test_defaults(void)
{
  g_autoptr(JsonObject) o = seen_options("{}");
  g_assert_cmpint(json_object_get_int_member(o, "min_len"), ==, 1);
  g_assert_cmpfloat(json_object_get_double_member(o, "weight"), ==, 0.5);
  g_assert_false(json_object_get_boolean_member(o, "lowercase"));
  g_assert_cmpstr(json_object_get_string_member(o, "mode"), ==, "fast");
  JsonArray *tags = json_object_get_array_member(o, "tags");
  g_assert_cmpuint(json_array_get_length(tags), ==, 2);
  g_assert_cmpstr(json_array_get_string_element(tags, 1), ==, "b");
  g_assert_false(json_object_get_boolean_member(o, "min_len_set"));
  g_assert_true(json_object_get_null_member(o, "extra"));
  /* ${plugindir} is the folder holding the stage's shared object. */
  const char *plugin_dir = json_object_get_string_member(o, "plugin_dir");
  g_autofree char *expect_dir = g_canonicalize_filename(TEST_PLUGINS_DIR, NULL);
  g_assert_cmpstr(plugin_dir, ==, expect_dir);
  g_autofree char *lexicon = g_build_filename(expect_dir, "good-data", "lexicon.txt", NULL);
  g_assert_cmpstr(json_object_get_string_member(o, "lexicon"), ==, lexicon);
}

static void
test_given_values(void)
{
  g_autoptr(JsonObject) o =
      seen_options("{\"min_len\": 7, \"weight\": 1, \"lowercase\": true, \"mode\": \"exact\", "
                   "\"tags\": [\"x\", \"y\", \"z\"]}");
  g_assert_cmpint(json_object_get_int_member(o, "min_len"), ==, 7);
  g_assert_true(json_object_get_boolean_member(o, "min_len_set"));
  /* An integer is a fine value for a double option. */
  g_assert_cmpfloat(json_object_get_double_member(o, "weight"), ==, 1.0);
  g_assert_true(json_object_get_boolean_member(o, "lowercase"));
  g_assert_cmpstr(json_object_get_string_member(o, "mode"), ==, "exact");
  JsonArray *tags = json_object_get_array_member(o, "tags");
  g_assert_cmpuint(json_array_get_length(tags), ==, 3);
  g_assert_cmpstr(json_array_get_string_element(tags, 2), ==, "z");
  g_autoptr(JsonObject) empty = seen_options("{\"tags\": []}");
  g_assert_cmpuint(json_array_get_length(json_object_get_array_member(empty, "tags")), ==, 0);
}

static void
test_paths(void)
{
  /* Relative paths resolve against the pipeline file's folder. */
  g_auto(ConfDir) c = {0};
  g_autoptr(JsonObject) o = seen_options_in_file(
      &c, "{\"stages\": [{\"stage\": \"good\", \"options\": "
          "{\"extra\": \"../data/names.txt\", \"lexicon\": \"${plugindir}/other.txt\"}}]}");
  g_autofree char *expect = g_build_filename(c.dir, "data", "names.txt", NULL);
  g_assert_cmpstr(json_object_get_string_member(o, "extra"), ==, expect);
  g_autofree char *plugins = g_canonicalize_filename(TEST_PLUGINS_DIR, NULL);
  g_autofree char *other = g_build_filename(plugins, "other.txt", NULL);
  g_assert_cmpstr(json_object_get_string_member(o, "lexicon"), ==, other);
  /* An absolute path stays as it is. */
  g_autoptr(JsonObject) abs = seen_options("{\"extra\": \"/srv/x.bin\"}");
  g_assert_cmpstr(json_object_get_string_member(abs, "extra"), ==, "/srv/x.bin");
}

/* The strings of a JSON array member, as a NULL-terminated vector. */
static char **
string_array(JsonObject *o, const char *member)
{
  JsonArray *array = json_object_get_array_member(o, member);
  guint n = json_array_get_length(array);
  char **out = g_new0(char *, n + 1);
  for (guint k = 0; k < n; k++)
    out[k] = g_strdup(json_array_get_string_element(array, k));
  return out;
}

static void
test_path_list_defaults(void)
{
  g_autoptr(JsonObject) o = seen_options("{}");
  g_autofree char *plugins = g_canonicalize_filename(TEST_PLUGINS_DIR, NULL);
  /* "${plugindir}/good-data/names.txt, good-data/places.txt": the space after
   * the comma goes, and the relative item is taken beside the stage too. */
  g_autofree char *names = g_build_filename(plugins, "good-data", "names.txt", NULL);
  g_autofree char *places = g_build_filename(plugins, "good-data", "places.txt", NULL);
  g_auto(GStrv) lists = string_array(o, "lists");
  g_assert_cmpuint(g_strv_length(lists), ==, 2);
  g_assert_cmpstr(lists[0], ==, names);
  g_assert_cmpstr(lists[1], ==, places);
  /* A "" default is an empty list, not one empty path. */
  g_auto(GStrv) more = string_array(o, "more_lists");
  g_assert_cmpuint(g_strv_length(more), ==, 0);
}

static void
test_path_list_given(void)
{
  g_auto(ConfDir) c = {0};
  g_autoptr(JsonObject) o =
      seen_options_in_file(&c, "{\"stages\": [{\"stage\": \"good\", \"options\": "
                               "{\"lists\": [\"../gaz/people.txt\", \"orgs.txt\", "
                               "\"${plugindir}/good-data/extra.txt\", \"/srv/gaz/x.txt\"], "
                               "\"more_lists\": [\"./a/../b.txt\"]}}]}");
  g_auto(GStrv) lists = string_array(o, "lists");
  g_assert_cmpuint(g_strv_length(lists), ==, 4);
  /* Relative items resolve against the pipeline file's folder, in order. */
  g_autofree char *people = g_build_filename(c.dir, "gaz", "people.txt", NULL);
  g_autofree char *orgs = g_build_filename(c.sub, "orgs.txt", NULL);
  g_assert_cmpstr(lists[0], ==, people);
  g_assert_cmpstr(lists[1], ==, orgs);
  /* ${plugindir} is the stage's folder, not the pipeline file's. */
  g_autofree char *plugins = g_canonicalize_filename(TEST_PLUGINS_DIR, NULL);
  g_autofree char *extra = g_build_filename(plugins, "good-data", "extra.txt", NULL);
  g_assert_cmpstr(lists[2], ==, extra);
  g_assert_cmpstr(lists[3], ==, "/srv/gaz/x.txt");
  g_auto(GStrv) more = string_array(o, "more_lists");
  g_assert_cmpuint(g_strv_length(more), ==, 1);
  g_autofree char *b = g_build_filename(c.sub, "b.txt", NULL);
  g_assert_cmpstr(more[0], ==, b);
  /* An empty array given in the file replaces a non-empty default. */
  g_autoptr(JsonObject) none = seen_options("{\"lists\": []}");
  g_auto(GStrv) empty = string_array(none, "lists");
  g_assert_cmpuint(g_strv_length(empty), ==, 0);
}

static void
test_path_list_errors(void)
{
  /* Generated file: line 3 is `   "options": {"lists": ["a.txt", 7]}`, the key
   * at column 16, the array's items at columns 26 and 35. */
  static const ErrorCase cases[] = {
      {"{\"lists\": [\"a.txt\", 7]}",
       "opts.json:3:35: stage \"good\": option \"lists\" must be an array of file names, but "
       "item 1 is an integer"},
      /* An item on its own line is reported there. */
      {"{\"lists\": [\"a.txt\",\n      null]}",
       "opts.json:4:7: stage \"good\": option \"lists\" must be an array of file names, but item "
       "1 is null"},
      {"{\"lists\": [\"\"]}", "opts.json:3:26: stage \"good\": option \"lists\" item 0 is an "
                              "empty path"},
      /* One string is not a list: the key's position, and what to write. */
      {"{\"lists\": \"a.txt\"}",
       "opts.json:3:16: stage \"good\": option \"lists\" must be an array of strings (file "
       "names), not a string"},
  };
  expect_errors(cases, G_N_ELEMENTS(cases), WN_ERROR_OPTION_TYPE);
  /* Every bad item is reported, not just the first. */
  g_autoptr(GError) two = expect_error("{\"lists\": [{}, \"ok.txt\", [\"x\"]]}",
                                       WN_ERROR_PIPELINE_INVALID, "opts.json: 2 problems:");
  assert_contains(two->message, "opts.json:3:26: stage \"good\": option \"lists\" must be an "
                                "array of file names, but item 0 is an object");
  assert_contains(two->message, "item 2 is an array");
}

static void
test_unknown_key_suggests(void)
{
  /* The key sits on line 3, column 16 of the generated file. */
  g_autoptr(GError) e =
      expect_error("{\"min_lenght\": 3}", WN_ERROR_UNKNOWN_OPTION, "opts.json:3:16: ");
  assert_contains(e->message, "stage \"good\" has no option \"min_lenght\"");
  assert_contains(e->message, "did you mean \"min_len\"?");
  assert_contains(e->message,
                  "min_len, weight, lowercase, mode, tags, lexicon, extra, lists, more_lists");
  /* Nothing close: no suggestion, still the list. */
  g_autoptr(GError) far =
      expect_error("{\"zzzzzz\": 3}", WN_ERROR_UNKNOWN_OPTION, "its options are: min_len");
  g_assert_null(strstr(far->message, "did you mean"));
}

static void
test_wrong_types(void)
{
  static const struct {
    const char *options, *needle;
  } cases[] = {
      {"{\"min_len\": \"3\"}", "option \"min_len\" must be an integer, not a string"},
      {"{\"min_len\": 2.5}", "option \"min_len\" must be an integer, not a number"},
      {"{\"weight\": true}", "option \"weight\" must be a number, not a boolean"},
      {"{\"lowercase\": 1}", "option \"lowercase\" must be true or false, not an integer"},
      {"{\"mode\": null}", "option \"mode\" must be a string, not null"},
      {"{\"tags\": \"a,b\"}", "option \"tags\" must be an array of strings, not a string"},
      {"{\"tags\": [\"a\", 2]}", "item 1 is an integer"},
      {"{\"extra\": 5}", "option \"extra\" must be a string (a file name), not an integer"},
      {"{\"extra\": \"\"}", "option \"extra\" is an empty path"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_test_message("case %" G_GSIZE_FORMAT ": %s", i, cases[i].options);
    g_autoptr(GError) e =
        expect_error(cases[i].options, WN_ERROR_OPTION_TYPE, "opts.json:3:16: stage \"good\": ");
    assert_contains(e->message, cases[i].needle);
  }
}

static void
test_range_and_choices(void)
{
  static const ErrorCase cases[] = {
      {"{\"min_len\": 0}", "option \"min_len\" is 0, outside its range [1, 100]"},
      {"{\"weight\": 1.5}", "option \"weight\" is 1.5, outside its range [0, 1]"},
      {"{\"mode\": \"exakt\"}", "\"exakt\", not one of: fast, exact (did you mean \"exact\"?)"},
  };
  expect_errors(cases, G_N_ELEMENTS(cases), WN_ERROR_OPTION_RANGE);
  /* The edges of the range are allowed. */
  g_autoptr(JsonObject) edge = seen_options("{\"min_len\": 100, \"weight\": 0}");
  g_assert_cmpint(json_object_get_int_member(edge, "min_len"), ==, 100);
}

static void
test_every_bad_option_reported(void)
{
  g_autoptr(GError) e = expect_error("{\"min_len\": -1,\n    \"mood\": \"x\",\n    \"tags\": {}}",
                                     WN_ERROR_PIPELINE_INVALID, "opts.json: 3 problems:");
  assert_contains(e->message, "opts.json:3:16: stage \"good\": option \"min_len\" is -1");
  assert_contains(e->message, "opts.json:4:5: stage \"good\" has no option \"mood\"; did you "
                              "mean \"mode\"?");
  assert_contains(e->message, "opts.json:5:5: stage \"good\": option \"tags\" must be an array");
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/core/options/defaults", test_defaults);
  g_test_add_func("/core/options/given", test_given_values);
  g_test_add_func("/core/options/paths", test_paths);
  g_test_add_func("/core/options/path-list/defaults", test_path_list_defaults);
  g_test_add_func("/core/options/path-list/given", test_path_list_given);
  g_test_add_func("/core/options/path-list/errors", test_path_list_errors);
  g_test_add_func("/core/options/unknown-key", test_unknown_key_suggests);
  g_test_add_func("/core/options/wrong-type", test_wrong_types);
  g_test_add_func("/core/options/range-and-choices", test_range_and_choices);
  g_test_add_func("/core/options/all-reported", test_every_bad_option_reported);
  return g_test_run();
}
