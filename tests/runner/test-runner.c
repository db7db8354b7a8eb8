/* test-runner.c: the streaming runner, through its API (so valgrind and the
 * sanitizers see it) and through `winnow run` as a subprocess (exit statuses,
 * standard input, -o). Test stages come from tests/runner/plugins/. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <winnow/winnow.h>

static const char *const plugin_dirs[] = {RUNNER_PLUGINS_DIR, NULL};

/* ---- helpers ------------------------------------------------------------- */

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup(Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  f->dir = g_dir_make_tmp("winnow-runner-XXXXXX", &error);
  g_assert_no_error(error);
}

static void
remove_tree(const char *path)
{
  GDir *d = g_dir_open(path, 0, NULL);
  if (d != NULL) {
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL) {
      g_autofree char *child = g_build_filename(path, name, NULL);
      remove_tree(child);
    }
    g_dir_close(d);
  }
  g_remove(path);
}

static void
fixture_teardown(Fixture *f, gconstpointer data)
{
  remove_tree(f->dir);
  g_free(f->dir);
}

static char *
write_file(const Fixture *f, const char *name, const char *data, gssize len)
{
  char *path = g_build_filename(f->dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname(path);
  g_mkdir_with_parents(parent, 0755);
  g_autoptr(GError) error = NULL;
  g_file_set_contents(path, data, len, &error);
  g_assert_no_error(error);
  return path;
}

static WnPipeline *
pipeline_of(const char *stages_json)
{
  g_autofree char *json = g_strdup_printf("{\"name\": \"test\", \"stages\": [%s]}", stages_json);
  g_autoptr(GError) error = NULL;
  WnPipeline *p = wn_pipeline_new_from_data(json, -1, "<test>", plugin_dirs, &error);
  g_assert_no_error(error);
  g_assert_nonnull(p);
  return p;
}

/* The records of a JSON Lines output, each parsed. */
static GPtrArray *
parse_records(const char *data)
{
  GPtrArray *records = g_ptr_array_new_with_free_func((GDestroyNotify)json_object_unref);
  g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++) {
    if (lines[i][0] == '\0') {
      g_assert_null(lines[i + 1]); /* only the last "line" is empty */
      continue;
    }
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = json_from_string(lines[i], &error);
    g_assert_no_error(error);
    g_assert_true(JSON_NODE_HOLDS_OBJECT(node));
    g_ptr_array_add(records, json_object_ref(json_node_get_object(node)));
  }
  return records;
}

typedef struct {
  guint threads;
  gsize max_doc_bytes;
  gboolean fail_fast;
  const char *group;
  WnOffsetUnit unit;
} RunOpts;

/* Runs `inputs` through `stages` via the API into a file; returns the output
 * (NULL when the run failed and left no file). */
static char *
run_api(const Fixture *f, const char *stages, const char *const *inputs, const RunOpts *o,
        WnRunStats *stats, GError **error)
{
  g_autoptr(WnPipeline) p = pipeline_of(stages);
  g_autoptr(WnRunner) r = wn_runner_new(p);
  RunOpts none = {0};
  if (o == NULL)
    o = &none;
  wn_runner_set_threads(r, o->threads > 0 ? o->threads : 2);
  if (o->max_doc_bytes > 0)
    wn_runner_set_max_doc_bytes(r, o->max_doc_bytes);
  wn_runner_set_fail_fast(r, o->fail_fast);
  wn_runner_set_group(r, o->group);
  wn_runner_set_offsets(r, o->unit);
  g_autofree char *out = g_build_filename(f->dir, "out.jsonl", NULL);
  g_remove(out);
  WnRunStats local_stats;
  gboolean ok = wn_runner_run(r, inputs, out, stats != NULL ? stats : &local_stats, error);
  char *data = NULL;
  if (g_file_get_contents(out, &data, NULL, NULL))
    g_assert_true(ok); /* a failed run leaves no output file */
  return data;
}

/* run_api() that must succeed, its output parsed: `n` records (the output
 * itself in *out when out is not NULL). */
static GPtrArray *
run_ok(const Fixture *f, const char *stages, const char *const *inputs, const RunOpts *o,
       WnRunStats *stats, guint n, char **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = run_api(f, stages, inputs, o, stats, &error);
  g_assert_no_error(error);
  GPtrArray *recs = parse_records(data);
  g_assert_cmpuint(recs->len, ==, n);
  if (out != NULL)
    *out = g_steal_pointer(&data);
  return recs;
}

static const char *
str_member(JsonObject *o, const char *name)
{
  return json_object_get_string_member_with_default(o, name, NULL);
}

static JsonObject *
record(GPtrArray *records, guint i)
{
  g_assert_cmpuint(i, <, records->len);
  return records->pdata[i];
}

/* ---- streams ------------------------------------------------------------- */

static void
test_empty_input(Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_file(f, "empty.jsonl", "", 0);
  g_autofree char *blank = write_file(f, "blank.jsonl", "\n  \r\n\n", -1);
  const char *inputs[] = {in, blank, NULL};
  WnRunStats stats;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) recs = run_ok(f, "", inputs, NULL, &stats, 0, &out);
  g_assert_cmpstr(out, ==, "");
  g_assert_cmpuint(stats.n_documents, ==, 0);
  g_assert_cmpuint(stats.n_errors, ==, 0);
}

static void
test_empty_document(Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_file(f, "in.jsonl", "{\"id\":\"e\",\"text\":\"\"}\n", -1);
  g_autofree char *txt = write_file(f, "empty.txt", "", 0);
  const char *inputs[] = {in, txt, NULL};
  WnRunStats stats;
  g_autoptr(GPtrArray) recs = run_ok(f, "{\"stage\":\"rt-probe\"}", inputs, NULL, &stats, 2, NULL);
  g_assert_cmpstr(str_member(record(recs, 0), "type"), ==, "document");
  g_assert_cmpstr(str_member(record(recs, 0), "id"), ==, "e");
  g_assert_cmpstr(str_member(record(recs, 0), "text"), ==, "");
  g_assert_cmpstr(str_member(record(recs, 1), "id"), ==, txt);
  g_assert_cmpstr(str_member(record(recs, 1), "text"), ==, "");
  g_assert_cmpuint(json_array_get_length(json_object_get_array_member(record(recs, 1), "words")),
                   ==, 0);
  g_assert_cmpuint(stats.n_errors, ==, 0);
}

static void
test_invalid_json_line(Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_file(f, "in.jsonl",
                                   "{\"id\":\"a\",\"text\":\"first\"}\n"
                                   "{\"id\":\"b\",\"text\":\"unterminated}\n"
                                   "[1,2]\n"
                                   "{\"id\":\"c\",\"text\":42}\n"
                                   "{\"id\":\"d\",\"text\":\"x\"} trailing\n"
                                   "{\"id\":\"e\",\"text\":\"bad \\q escape\"}\n"
                                   "{\"id\":\"f\",\"text\":\"last\"}\n",
                                   -1);
  const char *inputs[] = {in, NULL};
  WnRunStats stats;
  g_autoptr(GPtrArray) recs = run_ok(f, "", inputs, NULL, &stats, 7, NULL);
  g_assert_cmpuint(stats.n_documents, ==, 7);
  g_assert_cmpuint(stats.n_errors, ==, 5);
  g_assert_cmpstr(str_member(record(recs, 0), "text"), ==, "first");
  g_assert_cmpstr(str_member(record(recs, 6), "text"), ==, "last");
  for (guint i = 1; i <= 5; i++) {
    JsonObject *r = record(recs, i);
    g_autofree char *source = g_strdup_printf("%s:%u", in, i + 1);
    g_assert_cmpstr(str_member(r, "type"), ==, "error");
    g_assert_cmpstr(str_member(r, "source"), ==, source);
    g_assert_cmpstr(str_member(r, "stage"), ==, "input");
    g_assert_nonnull(str_member(r, "message"));
  }
  /* The id is reported when it was read before the problem, else the source. */
  g_assert_cmpstr(str_member(record(recs, 1), "id"), ==, "b");
  g_assert_cmpstr(str_member(record(recs, 2), "id"), ==, str_member(record(recs, 2), "source"));
  g_assert_cmpstr(str_member(record(recs, 3), "id"), ==, "c");
  g_assert_nonnull(strstr(str_member(record(recs, 3), "message"), "\"text\" must be a string"));
  g_assert_nonnull(strstr(str_member(record(recs, 4), "message"), "column 23"));
  g_assert_nonnull(strstr(str_member(record(recs, 5), "message"), "\\q"));
}

static void
test_invalid_utf8(Fixture *f, gconstpointer data)
{
  g_autofree char *in =
      write_file(f, "in.jsonl", "{\"id\":\"u\xff\",\"text\":\"caf\xc3 au \xff\xfe lait\"}\n", -1);
  g_autofree char *txt = write_file(f, "latin1.txt", "Gr\xfc\xdf Gott", -1);
  const char *inputs[] = {in, txt, NULL};
  WnRunStats stats;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) recs = run_ok(f, "", inputs, NULL, &stats, 2, &out);
  g_assert_true(g_utf8_validate(out, -1, NULL));
  g_assert_cmpstr(str_member(record(recs, 0), "id"), ==, "u\xef\xbf\xbd");
  g_assert_cmpstr(str_member(record(recs, 0), "text"), ==,
                  "caf\xef\xbf\xbd au \xef\xbf\xbd\xef\xbf\xbd lait");
  g_assert_cmpstr(str_member(record(recs, 1), "text"), ==, "Gr\xef\xbf\xbd\xef\xbf\xbd Gott");
  g_assert_cmpuint(stats.n_repairs, ==, 5);
  g_assert_cmpuint(stats.n_errors, ==, 0);
}

static void
test_nul_bytes(Fixture *f, gconstpointer data)
{
  static const char line[] = "{\"id\":\"n\",\"text\":\"a\\u0000b\",\"raw\":\"x\0y\"}\n"
                             "{\"id\":\"m\",\"text\":\"c\0d\"}\n";
  static const char txt_data[] = "one\0two";
  g_autofree char *in = write_file(f, "in.jsonl", line, sizeof line - 1);
  g_autofree char *txt = write_file(f, "nul.txt", txt_data, sizeof txt_data - 1);
  const char *inputs[] = {in, txt, NULL};
  WnRunStats stats;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) recs = run_ok(f, "", inputs, NULL, &stats, 3, &out);
  g_assert_null(memchr(out, '\0', strlen(out)));
  g_assert_cmpstr(str_member(record(recs, 0), "text"), ==,
                  "a\xef\xbf\xbd"
                  "b");
  g_assert_cmpstr(str_member(record(recs, 0), "raw"), ==, "x\xef\xbf\xbdy");
  g_assert_cmpstr(str_member(record(recs, 1), "text"), ==,
                  "c\xef\xbf\xbd"
                  "d");
  g_assert_cmpstr(str_member(record(recs, 2), "text"), ==, "one\xef\xbf\xbdtwo");
  g_assert_cmpuint(stats.n_repairs, ==, 3);
}

static void
test_crlf(Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_file(f, "in.jsonl",
                                   "\xef\xbb\xbf{\"id\":\"a\",\"text\":\"one\"}\r\n"
                                   "\r\n"
                                   "{\"id\":\"b\",\"text\":\"two\\r\\nlines\"}\r\n"
                                   "{\"id\":\"c\",\"text\":\"three\"}",
                                   -1);
  const char *inputs[] = {in, NULL};
  g_autoptr(GPtrArray) recs = run_ok(f, "{\"stage\":\"rt-probe\"}", inputs, NULL, NULL, 3, NULL);
  g_assert_cmpstr(str_member(record(recs, 0), "text"), ==, "one");
  g_assert_cmpstr(str_member(record(recs, 1), "text"), ==, "two\r\nlines");
  g_assert_cmpstr(str_member(record(recs, 2), "text"), ==, "three");
  g_autofree char *src_b = g_strdup_printf("%s:3", in);
  g_autofree char *src_c = g_strdup_printf("%s:4", in);
  g_assert_cmpstr(str_member(record(recs, 1), "source"), ==, src_b);
  g_assert_cmpstr(str_member(record(recs, 2), "source"), ==, src_c);
}

static GString *
realistic_text(gsize bytes, guint seed)
{
  static const char *const words[] = {
      "The",       "council",  "said",      "on",       "Tuesday", "that",   "the",
      "new",       "bridge",   "would",     "open",     "in",      "spring", "after",
      "two",       "years",    "of",        "delays,",  "costing", "€4.2m",  "more",
      "than",      "planned.", "Residents", "welcomed", "news",    "but",    "asked",
      "why",       "it",       "took",      "so",       "long.",   "Müller", "told",
      "reporters", "“we",      "listened”", "and",      "left."};
  GString *s = g_string_sized_new(bytes + 64);
  guint32 x = seed * 2654435761u + 1;
  while (s->len < bytes) {
    x = x * 1103515245u + 12345u;
    g_string_append(s, words[(x >> 8) % G_N_ELEMENTS(words)]);
    g_string_append_c(s, (x >> 20) % 17 == 0 ? '\n' : ' ');
  }
  return s;
}

static void
append_json_line(GString *out, const char *id, const char *text, const char *extra)
{
  g_autoptr(JsonBuilder) b = json_builder_new();
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "id");
  json_builder_add_string_value(b, id);
  json_builder_set_member_name(b, "text");
  json_builder_add_string_value(b, text);
  json_builder_end_object(b);
  g_autoptr(JsonNode) root = json_builder_get_root(b);
  g_autofree char *line = json_to_string(root, FALSE);
  if (extra != NULL) {
    line[strlen(line) - 1] = '\0';
    g_string_append_printf(out, "%s,%s}\n", line, extra);
  } else {
    g_string_append_printf(out, "%s\n", line);
  }
}

static void
test_large_document(Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = realistic_text(10 * 1024 * 1024, 7);
  g_autoptr(GString) in_data = g_string_new(NULL);
  append_json_line(in_data, "small-1", "before", NULL);
  append_json_line(in_data, "big", text->str, NULL);
  append_json_line(in_data, "small-2", "after", NULL);
  g_autofree char *in = write_file(f, "in.jsonl", in_data->str, in_data->len);
  const char *inputs[] = {in, NULL};

  /* Under the default limit the document goes through whole. */
  WnRunStats stats;
  g_autoptr(GPtrArray) recs = run_ok(f, "", inputs, NULL, &stats, 3, NULL);
  g_assert_cmpstr(str_member(record(recs, 1), "text"), ==, text->str);
  g_assert_cmpstr(str_member(record(recs, 2), "text"), ==, "after");

  /* Over the limit it becomes one error record; the next line still counts
   * from the right line number. */
  RunOpts opts = {.max_doc_bytes = 1024 * 1024};
  g_autoptr(GPtrArray) recs2 =
      run_ok(f, "{\"stage\":\"rt-probe\"}", inputs, &opts, &stats, 3, NULL);
  g_autofree char *src2 = g_strdup_printf("%s:2", in);
  g_autofree char *src3 = g_strdup_printf("%s:3", in);
  g_assert_cmpstr(str_member(record(recs2, 1), "type"), ==, "error");
  g_assert_cmpstr(str_member(record(recs2, 1), "source"), ==, src2);
  g_assert_nonnull(strstr(str_member(record(recs2, 1), "message"), "--max-doc-bytes"));
  g_assert_cmpstr(str_member(record(recs2, 2), "source"), ==, src3);
  g_assert_cmpstr(str_member(record(recs2, 2), "text"), ==, "after");
  g_assert_cmpuint(stats.n_errors, ==, 1);

  /* A line just over a small limit (inside one read block) is caught too,
   * and so is a whole file over it. */
  g_autofree char *txt = write_file(f, "big.txt", text->str, 5000);
  const char *inputs3[] = {in, txt, NULL};
  RunOpts small = {.max_doc_bytes = 4000};
  g_autoptr(GPtrArray) recs3 = run_ok(f, "", inputs3, &small, &stats, 4, NULL);
  g_assert_cmpstr(str_member(record(recs3, 1), "type"), ==, "error");
  g_assert_cmpstr(str_member(record(recs3, 3), "type"), ==, "error");
  g_assert_cmpstr(str_member(record(recs3, 3), "id"), ==, txt);
  g_assert_cmpuint(stats.n_errors, ==, 2);
}

/* `n` documents doc-00000... of 50 to 50 + `spread` bytes; with failures,
 * some contain FAIL and some lines are broken JSON. */
static char *
many_docs(const Fixture *f, guint n, gboolean with_failures, guint spread)
{
  g_autoptr(GString) data = g_string_new(NULL);
  for (guint i = 0; i < n; i++) {
    g_autofree char *id = g_strdup_printf("doc-%05u", i);
    g_autoptr(GString) text = realistic_text(50 + (i * 7919) % spread, i);
    if (with_failures && i % 97 == 5)
      g_string_append(text, " FAIL");
    if (with_failures && i % 89 == 3)
      g_string_append(data, "{\"id\": broken\n");
    else
      append_json_line(data, id, text->str, NULL);
  }
  return write_file(f, "many.jsonl", data->str, data->len);
}

/* Passed-through members come back as the writer writes any value, whether
 * no stage looked at them (kept as text) or a stage read and added fields
 * (parsed): compact, escapes and numbers in one form, a repeated name once,
 * and a member hidden by a layer of the same name. */
static void
test_passed_through_members(Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_file(
      f, "in.jsonl",
      "{\"id\":\"a\", \"meta\" : { \"k\" : [ 1 , true , null ] , \"s\":\"x\\\"y\" }, "
      "\"text\":\"Hi.\", \"n\":3}\n"
      "{\"id\":\"b\",\"text\":\"Hi.\",\"t\":\"caf\\u00e9 a\\/b\",\"d\":1.50,\"z\":-0}\n"
      "{\"id\":\"c\",\"text\":\"Hi.\",\"o\":{\"a\":1,\"a\":2},\"a\":1,\"b\":0,\"a\":2}\n"
      "{\"id\":\"d\",\"text\":\"Hi.\",\"words\":\"hidden\",\"w\":\"\\\"words\\\":\"}\n"
      "{\"id\":\"e\",\"text\":\"Hi.\",\"echo\":{\"n\":[1,\"two\",{\"x\":null}],\"f\":false}}\n",
      -1);
  /* A value nested as deep as a line may nest, read by the stage below. */
  g_autofree char *opens = g_strnfill(200, '[');
  g_autofree char *closes = g_strnfill(200, ']');
  g_autofree char *deep =
      g_strdup_printf("{\"id\":\"f\",\"text\":\"Hi.\",\"echo\":%s%s}\n", opens, closes);
  g_autofree char *deep_in = write_file(f, "deep.jsonl", deep, -1);
  const char *inputs[] = {in, deep_in, NULL};
  RunOpts one = {.threads = 1};
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = run_api(f, "", inputs, &one, NULL, &error);
  g_assert_no_error(error);
  g_autofree char *expected = g_strdup_printf(
      "{\"type\":\"document\",\"id\":\"a\",\"meta\":{\"k\":[1,true,null],\"s\":\"x\\\"y\"},"
      "\"n\":3,\"text\":\"Hi.\"}\n"
      "{\"type\":\"document\",\"id\":\"b\",\"t\":\"caf\xc3\xa9 a/b\",\"d\":1.5,\"z\":0,"
      "\"text\":\"Hi.\"}\n"
      "{\"type\":\"document\",\"id\":\"c\",\"o\":{\"a\":2},\"a\":2,\"b\":0,\"text\":\"Hi.\"}\n"
      "{\"type\":\"document\",\"id\":\"d\",\"words\":\"hidden\",\"w\":\"\\\"words\\\":\","
      "\"text\":\"Hi.\"}\n"
      "{\"type\":\"document\",\"id\":\"e\",\"echo\":{\"n\":[1,\"two\",{\"x\":null}],\"f\":false},"
      "\"text\":\"Hi.\"}\n"
      "{\"type\":\"document\",\"id\":\"f\",\"echo\":%s%s,\"text\":\"Hi.\"}\n",
      opens, closes);
  g_assert_cmpstr(plain, ==, expected);

  g_autoptr(GPtrArray) recs = run_ok(f, "{\"stage\":\"rt-probe\"}", inputs, NULL, NULL, 6, NULL);
  JsonObject *meta = json_object_get_object_member(record(recs, 0), "meta");
  g_assert_cmpstr(json_object_get_string_member(meta, "s"), ==, "x\"y");
  g_assert_cmpstr(str_member(record(recs, 1), "t"), ==, "caf\xc3\xa9 a/b");
  g_assert_cmpint(json_object_get_int_member(record(recs, 2), "a"), ==, 2);
  /* The layer wins over the member of its name; the look-alike value stays. */
  g_assert_true(JSON_NODE_HOLDS_ARRAY(json_object_get_member(record(recs, 3), "words")));
  g_assert_cmpstr(str_member(record(recs, 3), "w"), ==, "\"words\":");
  JsonNode *echo = json_object_get_member(record(recs, 4), "echo");
  JsonNode *echoed = json_object_get_member(record(recs, 4), "echoed");
  g_assert_nonnull(echoed);
  g_assert_true(json_node_equal(echo, echoed));
  /* Members keep their place before the fields a stage adds. */
  g_autoptr(GList) names = json_object_get_members(record(recs, 4));
  g_assert_cmpstr(g_list_nth_data(names, 2), ==, "echo");
  g_assert_cmpstr(g_list_nth_data(names, 3), ==, "media_type");
  /* The same when the stage only added fields. */
  g_autoptr(GList) names0 = json_object_get_members(record(recs, 0));
  g_assert_cmpstr(g_list_nth_data(names0, 3), ==, "n");
  g_assert_cmpstr(g_list_nth_data(names0, 4), ==, "media_type");
  g_assert_true(json_node_equal(json_object_get_member(record(recs, 5), "echo"),
                                json_object_get_member(record(recs, 5), "echoed")));
}

static void
test_order(Fixture *f, gconstpointer data)
{
  g_autofree char *in = many_docs(f, 10000, TRUE, 600);
  const char *inputs[] = {in, NULL};
  const char *stages = "{\"stage\":\"rt-fail\"}";
  WnRunStats s1, s4;
  g_autoptr(GError) error = NULL;
  RunOpts one = {.threads = 1}, four = {.threads = 4};
  g_autofree char *out1 = run_api(f, stages, inputs, &one, &s1, &error);
  g_assert_no_error(error);
  g_autofree char *out4 = run_api(f, stages, inputs, &four, &s4, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(s1.n_documents, ==, 10000);
  g_assert_cmpuint(s4.n_documents, ==, 10000);
  g_assert_cmpuint(s1.n_errors, ==, s4.n_errors);
  g_assert_cmpuint(s1.n_errors, >, 100);
  g_assert_true(strcmp(out1, out4) == 0);
  g_autoptr(GPtrArray) recs = parse_records(out4);
  g_assert_cmpuint(recs->len, ==, 10000);
  for (guint i = 0; i < recs->len; i++) {
    JsonObject *r = record(recs, i);
    if (g_strcmp0(str_member(r, "type"), "document") == 0) {
      g_autofree char *id = g_strdup_printf("doc-%05u", i);
      g_assert_cmpstr(str_member(r, "id"), ==, id);
    } else {
      g_autofree char *source = g_strdup_printf("%s:%u", in, i + 1);
      g_assert_cmpstr(str_member(r, "source"), ==, source);
    }
  }
}

static void
test_one_record_per_input(Fixture *f, gconstpointer data)
{
  g_autofree char *in = many_docs(f, 3000, TRUE, 3000);
  g_autofree char *t1 = write_file(f, "dir/b.txt", "fine text", -1);
  g_autofree char *t2 = write_file(f, "dir/a.txt", "please FAIL here", -1);
  g_autofree char *dir = g_build_filename(f->dir, "dir", NULL);
  const char *inputs[] = {in, dir, NULL};
  WnRunStats stats;
  RunOpts opts = {.threads = 3, .max_doc_bytes = 2000};
  g_autoptr(GPtrArray) recs =
      run_ok(f, "{\"stage\":\"rt-fail\"}", inputs, &opts, &stats, 3002, NULL);
  g_assert_cmpuint(stats.n_documents, ==, 3002);
  guint errors = 0, fail = 0, input = 0, too_big = 0;
  for (guint i = 0; i < recs->len; i++) {
    JsonObject *r = record(recs, i);
    if (g_strcmp0(str_member(r, "type"), "error") != 0)
      continue;
    errors++;
    if (g_strcmp0(str_member(r, "stage"), "rt-fail") == 0)
      fail++;
    else if (strstr(str_member(r, "message"), "max-doc-bytes") != NULL)
      too_big++;
    else
      input++;
  }
  g_assert_cmpuint(errors, ==, stats.n_errors);
  g_assert_cmpuint(fail, >, 0);
  g_assert_cmpuint(input, >, 0);
  g_assert_cmpuint(too_big, >, 0);
  /* Folders are read in sorted order, after the file named before them. */
  g_assert_cmpstr(str_member(record(recs, 3000), "id"), ==, t2);
  g_assert_cmpstr(str_member(record(recs, 3000), "type"), ==, "error");
  g_assert_cmpstr(str_member(record(recs, 3001), "id"), ==, t1);
  g_assert_cmpstr(str_member(record(recs, 3001), "checked"), ==, "yes");
}

static void
test_mixed_inputs(Fixture *f, gconstpointer data)
{
  g_autofree char *a =
      write_file(f, "in/1.jsonl",
                 "{\"id\":\"j1\",\"html\":\"<p>x</p>\",\"meta\":{\"k\":[1,true]}}\n"
                 "{\"id\":7,\"text\":\"  <!doctype HTML><p>y</p>\",\"lang\":\"en\"}\n",
                 -1);
  g_autofree char *b = write_file(f, "in/2.txt", "\xef\xbb\xbf\n <HTML><body>z</body></html>", -1);
  g_autofree char *c = write_file(f, "in/3.htm", "<p>w</p>", -1);
  g_autofree char *d = write_file(f, "in/sub/4.txt", "plain words", -1);
  g_autofree char *e = write_file(f, "in/ignored.csv", "a,b", -1);
  g_autofree char *dir = g_build_filename(f->dir, "in", NULL);
  const char *inputs[] = {dir, NULL};
  g_autoptr(GPtrArray) recs = run_ok(f, "{\"stage\":\"rt-probe\"}", inputs, NULL, NULL, 5, NULL);
  g_assert_cmpstr(str_member(record(recs, 0), "media_type"), ==, "text/html");
  JsonObject *meta = json_object_get_object_member(record(recs, 0), "meta");
  g_assert_nonnull(meta);
  g_assert_cmpint(json_array_get_int_element(json_object_get_array_member(meta, "k"), 0), ==, 1);
  g_assert_cmpstr(str_member(record(recs, 1), "id"), ==, "7");
  g_assert_cmpstr(str_member(record(recs, 1), "lang"), ==, "en");
  g_assert_cmpstr(str_member(record(recs, 1), "media_type"), ==, "text/html");
  g_assert_cmpstr(str_member(record(recs, 2), "id"), ==, b);
  g_assert_cmpstr(str_member(record(recs, 2), "source"), ==, b);
  g_assert_cmpstr(str_member(record(recs, 2), "media_type"), ==, "text/html");
  g_assert_cmpstr(str_member(record(recs, 3), "id"), ==, c);
  g_assert_cmpstr(str_member(record(recs, 3), "media_type"), ==, "text/html");
  g_assert_cmpstr(str_member(record(recs, 4), "id"), ==, d);
  g_assert_cmpstr(str_member(record(recs, 4), "media_type"), ==, "text/plain");

  /* A named file of unknown kind is a usage error; a missing one an I/O error. */
  const char *bad[] = {e, NULL};
  g_autoptr(GError) error = NULL;
  g_autofree char *none = run_api(f, "", bad, NULL, NULL, &error);
  g_assert_null(none);
  g_assert_error(error, WN_ERROR, WN_ERROR_USAGE);
  g_clear_error(&error);
  g_autofree char *missing_path = g_build_filename(f->dir, "missing.jsonl", NULL);
  const char *missing[] = {a, missing_path, NULL};
  g_autofree char *none2 = run_api(f, "", missing, NULL, NULL, &error);
  g_assert_null(none2);
  g_assert_error(error, WN_ERROR, WN_ERROR_IO);
  g_assert_nonnull(strstr(error->message, "missing.jsonl"));
}

static void
test_offsets(Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_file(f, "in.jsonl", "{\"id\":\"o\",\"text\":\"Ça va, Zoë?\"}\n", -1);
  const char *inputs[] = {in, NULL};
  RunOpts chars = {.unit = WN_OFFSETS_CHARS}, bytes = {.unit = WN_OFFSETS_BYTES};
  g_autoptr(GPtrArray) rc = run_ok(f, "{\"stage\":\"rt-probe\"}", inputs, &chars, NULL, 1, NULL);
  g_autoptr(GPtrArray) rb = run_ok(f, "{\"stage\":\"rt-probe\"}", inputs, &bytes, NULL, 1, NULL);
  JsonArray *wc = json_object_get_array_member(record(rc, 0), "words");
  JsonArray *wb = json_object_get_array_member(record(rb, 0), "words");
  g_assert_cmpuint(json_array_get_length(wc), ==, 3);
  JsonObject *zoe_c = json_array_get_object_element(wc, 2);
  JsonObject *zoe_b = json_array_get_object_element(wb, 2);
  g_assert_cmpstr(str_member(zoe_c, "text"), ==, "Zoë");
  g_assert_cmpint(json_object_get_int_member(zoe_c, "start"), ==, 7);
  g_assert_cmpint(json_object_get_int_member(zoe_c, "end"), ==, 10);
  g_assert_cmpint(json_object_get_int_member(zoe_b, "start"), ==, 8);
  g_assert_cmpint(json_object_get_int_member(zoe_b, "end"), ==, 12);
}

static void
test_not_thread_safe(Fixture *f, gconstpointer data)
{
  g_autofree char *in = many_docs(f, 2000, FALSE, 1000);
  const char *inputs[] = {in, NULL};
  WnRunStats stats;
  RunOpts opts = {.threads = 4};
  g_autoptr(GPtrArray) recs =
      run_ok(f, "{\"stage\":\"rt-serial\"}", inputs, &opts, &stats, 2000, NULL);
  g_assert_cmpuint(stats.n_documents, ==, 2000);
  g_assert_cmpuint(stats.n_errors, ==, 0);
  /* Each call saw the state alone: the call numbers are exactly 1..2000. */
  g_autofree gboolean *seen = g_new0(gboolean, 2001);
  for (guint i = 0; i < recs->len; i++) {
    gint64 call = json_object_get_int_member(record(recs, i), "call");
    g_assert_cmpint(call, >=, 1);
    g_assert_cmpint(call, <=, 2000);
    g_assert_false(seen[call]);
    seen[call] = TRUE;
  }
}

/* ---- groups -------------------------------------------------------------- */

static void
test_groups_contiguous(Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_file(f, "in.jsonl",
                                   "{\"id\":\"1\",\"text\":\"alpha one\",\"group\":\"a\"}\n"
                                   "{\"id\":\"2\",\"text\":\"beta two three\",\"group\":\"a\"}\n"
                                   "{\"id\":\"3\",\"text\":\"FAIL\",\"group\":\"a\"}\n"
                                   "{\"id\":\"4\",\"text\":\"gamma\",\"group\":\"b\"}\n"
                                   "{\"id\":\"5\",\"text\":\"no group\"}\n"
                                   "{\"id\":\"6\",\"text\":\"delta x\",\"group\":\"a\"}\n",
                                   -1);
  const char *inputs[] = {in, NULL};
  WnRunStats stats;
  /* 6 documents and 3 groups: a(1,2) after 3's error, b(4), a(6). */
  g_autoptr(GPtrArray) recs =
      run_ok(f, "{\"stage\":\"rt-fail\"},{\"stage\":\"rt-group\"}", inputs, NULL, &stats, 9, NULL);
  const char *types[] = {"document", "document", "error",    "group", "document",
                         "group",    "document", "document", "group"};
  for (guint i = 0; i < 9; i++)
    g_assert_cmpstr(str_member(record(recs, i), "type"), ==, types[i]);
  JsonObject *g = record(recs, 3);
  g_assert_cmpstr(str_member(g, "group"), ==, "a");
  JsonArray *docs = json_object_get_array_member(g, "documents");
  g_assert_cmpuint(json_array_get_length(docs), ==, 2);
  g_assert_cmpstr(json_array_get_string_element(docs, 0), ==, "1");
  g_assert_cmpstr(json_array_get_string_element(docs, 1), ==, "2");
  g_assert_cmpint(json_object_get_int_member(g, "total_words"), ==, 5);
  JsonArray *summary = json_object_get_array_member(g, "summary");
  g_assert_cmpstr(json_array_get_string_element(summary, 0), ==, "alpha");
  g_assert_cmpstr(json_array_get_string_element(summary, 1), ==, "beta");
  g_assert_cmpstr(str_member(record(recs, 5), "group"), ==, "b");
  g_assert_cmpstr(str_member(record(recs, 8), "group"), ==, "a");
  g_assert_cmpint(json_object_get_int_member(record(recs, 8), "n_docs"), ==, 1);
  g_assert_cmpuint(stats.n_groups, ==, 3);
  g_assert_cmpuint(stats.n_errors, ==, 1);

  /* Without group stages the group records still list the documents. */
  g_autoptr(GPtrArray) recs2 = run_ok(f, "", inputs, NULL, &stats, 9, NULL);
  g_assert_cmpstr(str_member(record(recs2, 3), "type"), ==, "group");
  g_assert_cmpuint(
      json_array_get_length(json_object_get_array_member(record(recs2, 3), "documents")), ==, 3);
  g_assert_false(json_object_has_member(record(recs2, 3), "total_words"));
}

static void
test_groups_option(Fixture *f, gconstpointer data)
{
  g_autofree char *in = many_docs(f, 500, FALSE, 200);
  const char *inputs[] = {in, NULL};
  WnRunStats stats;
  RunOpts opts = {.group = "all", .threads = 4};
  g_autoptr(GPtrArray) recs = run_ok(f, "{\"stage\":\"rt-probe\"},{\"stage\":\"rt-group\"}", inputs,
                                     &opts, &stats, 501, NULL);
  g_assert_cmpstr(str_member(record(recs, 0), "doc_group"), ==, "all");
  JsonObject *g = record(recs, 500);
  g_assert_cmpstr(str_member(g, "type"), ==, "group");
  g_assert_cmpstr(str_member(g, "group"), ==, "all");
  JsonArray *docs = json_object_get_array_member(g, "documents");
  g_assert_cmpuint(json_array_get_length(docs), ==, 500);
  g_assert_cmpstr(json_array_get_string_element(docs, 499), ==, "doc-00499");
  g_assert_cmpint(json_object_get_int_member(g, "n_docs"), ==, 500);
}

static void
test_groups_failure(Fixture *f, gconstpointer data)
{
  g_autofree char *in = write_file(f, "in.jsonl",
                                   "{\"id\":\"1\",\"text\":\"x\",\"group\":\"BADGROUP\"}\n"
                                   "{\"id\":\"2\",\"text\":\"y\",\"group\":\"good\"}\n",
                                   -1);
  const char *inputs[] = {in, NULL};
  WnRunStats stats;
  g_autoptr(GPtrArray) recs = run_ok(f, "{\"stage\":\"rt-group\"}", inputs, NULL, &stats, 4, NULL);
  JsonObject *e = record(recs, 1);
  g_assert_cmpstr(str_member(e, "type"), ==, "error");
  g_assert_cmpstr(str_member(e, "group"), ==, "BADGROUP");
  g_assert_cmpstr(str_member(e, "stage"), ==, "rt-group");
  g_assert_cmpstr(str_member(e, "message"), ==, "this group is bad");
  g_assert_cmpstr(str_member(record(recs, 3), "type"), ==, "group");
  g_assert_cmpuint(stats.n_group_errors, ==, 1);
  g_assert_cmpuint(stats.n_groups, ==, 1);

  /* With --fail-fast a failed group stops the run too. */
  RunOpts opts = {.fail_fast = TRUE};
  g_autoptr(GError) error = NULL;
  g_autofree char *out2 = run_api(f, "{\"stage\":\"rt-group\"}", inputs, &opts, &stats, &error);
  g_assert_error(error, WN_ERROR, WN_ERROR_STAGE);
  g_assert_nonnull(strstr(error->message, "this group is bad"));
  g_assert_null(out2);
  g_assert_cmpuint(stats.n_documents, ==, 2);
  g_assert_cmpuint(stats.n_groups, ==, 0);
}

/* ---- fail-fast and -o ---------------------------------------------------- */

static void
test_fail_fast(Fixture *f, gconstpointer data)
{
  g_autofree char *in = many_docs(f, 2000, TRUE, 1000);
  const char *inputs[] = {in, NULL};
  WnRunStats stats;
  g_autoptr(GError) error = NULL;
  RunOpts opts = {.fail_fast = TRUE, .threads = 4};
  g_autofree char *out = run_api(f, "{\"stage\":\"rt-fail\"}", inputs, &opts, &stats, &error);
  /* Line 4 is the first broken one (i % 89 == 3). */
  g_assert_error(error, WN_ERROR, WN_ERROR_INPUT);
  g_assert_null(out);
  g_assert_cmpuint(stats.n_errors, ==, 1);
  g_assert_cmpuint(stats.n_documents, ==, 4);
  g_autofree char *where = g_strdup_printf("%s:4", in);
  g_assert_nonnull(strstr(error->message, where));
}

static guint
count_entries(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  guint n = 0;
  while (g_dir_read_name(d) != NULL)
    n++;
  g_dir_close(d);
  return n;
}

/* The file at `path` holds `content`, alone in `dir` (no temporary left). */
static void
assert_only_file(const char *dir, const char *path, const char *content)
{
  g_autofree char *got = NULL;
  g_assert_true(g_file_get_contents(path, &got, NULL, NULL));
  g_assert_cmpstr(got, ==, content);
  g_assert_cmpuint(count_entries(dir), ==, 1);
}

static void
test_output_atomic(Fixture *f, gconstpointer data)
{
  g_autofree char *good = write_file(f, "in/good.jsonl", "{\"id\":\"g\",\"text\":\"fine\"}\n", -1);
  g_autofree char *bad =
      write_file(f, "in/bad.jsonl",
                 "{\"id\":\"g\",\"text\":\"fine\"}\n{\"id\":\"b\",\"text\":\"FAIL\"}\n", -1);
  g_autofree char *out_dir = g_build_filename(f->dir, "out", NULL);
  g_mkdir(out_dir, 0755);
  g_autofree char *target = write_file(f, "out/result.jsonl", "old\n", -1);
  g_autoptr(WnPipeline) p = pipeline_of("{\"stage\":\"rt-fail\"}");
  g_autoptr(WnRunner) r = wn_runner_new(p);
  g_autoptr(GError) error = NULL;
  WnRunStats stats;

  /* A run stopped by --fail-fast leaves the old file and no temporary. */
  wn_runner_set_fail_fast(r, TRUE);
  const char *bad_inputs[] = {bad, NULL};
  g_assert_false(wn_runner_run(r, bad_inputs, target, &stats, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_STAGE);
  g_clear_error(&error);
  assert_only_file(out_dir, target, "old\n");

  /* A run that cannot read an input leaves it too. */
  g_autofree char *missing = g_build_filename(f->dir, "in", "nope.jsonl", NULL);
  const char *missing_inputs[] = {good, missing, NULL};
  g_assert_false(wn_runner_run(r, missing_inputs, target, &stats, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_IO);
  g_clear_error(&error);
  assert_only_file(out_dir, target, "old\n");

  /* A new file is not created by a failing run. */
  g_autofree char *fresh = g_build_filename(out_dir, "fresh.jsonl", NULL);
  g_assert_false(wn_runner_run(r, bad_inputs, fresh, &stats, &error));
  g_clear_error(&error);
  g_assert_false(g_file_test(fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpuint(count_entries(out_dir), ==, 1);

  /* A complete run (even with document errors) replaces it. */
  wn_runner_set_fail_fast(r, FALSE);
  g_assert_true(wn_runner_run(r, bad_inputs, target, &stats, &error));
  g_assert_no_error(error);
  g_assert_cmpuint(stats.n_errors, ==, 1);
  g_autofree char *content = NULL;
  g_assert_true(g_file_get_contents(target, &content, NULL, NULL));
  g_autoptr(GPtrArray) recs = parse_records(content);
  g_assert_cmpuint(recs->len, ==, 2);
  g_assert_cmpuint(count_entries(out_dir), ==, 1);

  /* An output folder that does not exist is an I/O error before any reading. */
  g_autofree char *nowhere = g_build_filename(f->dir, "no", "such", "dir", "x.jsonl", NULL);
  const char *good_inputs[] = {good, NULL};
  g_assert_false(wn_runner_run(r, good_inputs, nowhere, &stats, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_IO);
  g_assert_nonnull(strstr(error->message, "x.jsonl"));
}

/* ---- the command line ---------------------------------------------------- */

typedef struct {
  int status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear(CliResult *r)
{
  g_free(r->out);
  g_free(r->err);
}

/* Runs `winnow` with `args` (NULL-terminated) and `input` on standard input. */
static CliResult
run_cli(const char *input, const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, (gpointer)WINNOW_BIN);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add(argv, (gpointer)args[i]);
  g_ptr_array_add(argv, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv(launcher, "WINNOW_PLUGIN_PATH");
  g_autoptr(GSubprocess) proc =
      g_subprocess_launcher_spawnv(launcher, (const char *const *)argv->pdata, &error);
  g_assert_no_error(error);
  CliResult r = {0};
  g_subprocess_communicate_utf8(proc, input != NULL ? input : "", NULL, &r.out, &r.err, &error);
  g_assert_no_error(error);
  g_assert_true(g_subprocess_get_if_exited(proc));
  r.status = g_subprocess_get_exit_status(proc);
  return r;
}

static char *
write_pipeline(const Fixture *f, const char *stages)
{
  g_autofree char *json = g_strdup_printf("{\"name\": \"t\", \"stages\": [%s]}\n", stages);
  return write_file(f, "pipeline.json", json, -1);
}

static void
test_cli_exit_status(Fixture *f, gconstpointer data)
{
  g_autofree char *pipe = write_pipeline(f, "{\"stage\":\"rt-fail\"}");
  g_autofree char *good = write_file(f, "good.jsonl", "{\"id\":\"1\",\"text\":\"fine\"}\n", -1);
  g_autofree char *bad = write_file(f, "bad.jsonl", "{\"id\":\"1\",\"text\":\"FAIL\"}\n", -1);
  g_autofree char *broken = write_file(f, "broken.json", "{\"stages\": [", -1);
  g_autofree char *missing = g_build_filename(f->dir, "missing.jsonl", NULL);
  g_autofree char *nowhere = g_build_filename(f->dir, "no", "dir", "out.jsonl", NULL);
  const char *pp = "--plugin-path=" RUNNER_PLUGINS_DIR;
  struct {
    const char *args[7];
    int status;
    const char *err;
  } cases[] = {
      {{"run", pp, pipe, good, NULL}, 0, "1 document, 0 errors"},
      {{"run", pp, "-j3", pipe, good, NULL}, 0, "1 document, 0 errors"},
      {{"run", pp, "-j0x", pipe, good, NULL}, 2, "-j"},
      {{"run", pp, pipe, good, bad, NULL}, 1, "2 documents, 1 error"},
      {{"run", pp, broken, good, NULL}, 2, "broken.json"},
      {{"run", pp, "-j", "many", pipe, NULL}, 2, "-j"},
      {{"run", pp, "--format=xml", pipe, NULL}, 2, "--format"},
      {{"run", pp, "--max-doc-bytes=12Q", pipe, NULL}, 2, "--max-doc-bytes"},
      {{"run", NULL}, 2, "pipeline"},
      {{"run", pp, pipe, good, missing, NULL}, 3, "missing.jsonl"},
      {{"run", pp, "-o", nowhere, pipe, good}, 3, "out.jsonl"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    CliResult r = run_cli(NULL, cases[i].args);
    if (r.status != cases[i].status || strstr(r.err, cases[i].err) == NULL)
      g_test_message("case %u: status %d, stderr: %s", i, r.status, r.err);
    g_assert_cmpint(r.status, ==, cases[i].status);
    g_assert_nonnull(strstr(r.err, cases[i].err));
    cli_result_clear(&r);
  }
}

static void
test_cli_stdin_and_output(Fixture *f, gconstpointer data)
{
  g_autofree char *pipe = write_pipeline(f, "{\"stage\":\"rt-probe\"}");
  g_autofree char *out = g_build_filename(f->dir, "out.jsonl", NULL);
  const char *pp = "--plugin-path=" RUNNER_PLUGINS_DIR;
  const char *args[] = {"run", pp, "-q", "-j", "2", "-o", out, pipe, NULL};
  CliResult r =
      run_cli("{\"id\":\"s1\",\"text\":\"from stdin\"}\n{\"id\":\"s2\",\"text\":\"x\"}", args);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_cmpstr(r.out, ==, "");
  g_assert_cmpstr(r.err, ==, ""); /* --quiet, and no terminal: no progress */
  g_autofree char *content = NULL;
  g_assert_true(g_file_get_contents(out, &content, NULL, NULL));
  g_autoptr(GPtrArray) recs = parse_records(content);
  g_assert_cmpuint(recs->len, ==, 2);
  g_assert_cmpstr(str_member(record(recs, 0), "source"), ==, "<stdin>:1");
  g_assert_cmpstr(str_member(record(recs, 1), "id"), ==, "s2");
  cli_result_clear(&r);

  /* --fail-fast on standard output: the records up to the failure, exit 1. */
  g_autofree char *fpipe = write_pipeline(f, "{\"stage\":\"rt-fail\"}");
  const char *args2[] = {"run", pp, "--fail-fast", fpipe, "-", NULL};
  r = run_cli("{\"id\":\"1\",\"text\":\"ok\"}\n{\"id\":\"2\",\"text\":\"FAIL\"}\n"
              "{\"id\":\"3\",\"text\":\"ok\"}\n",
              args2);
  g_assert_cmpint(r.status, ==, 1);
  g_autoptr(GPtrArray) recs2 = parse_records(r.out);
  g_assert_cmpuint(recs2->len, ==, 2);
  g_assert_cmpstr(str_member(record(recs2, 1), "type"), ==, "error");
  g_assert_nonnull(strstr(r.err, "--fail-fast"));
  cli_result_clear(&r);
}

/* A slow producer on standard input gets each record while it still holds
 * the next document back: the runner must not wait for a full block (if it
 * did, the read below would never return and the test would time out). */
static void
write_and_flush(GOutputStream *in, const char *data)
{
  g_autoptr(GError) error = NULL;
  g_output_stream_write_all(in, data, strlen(data), NULL, NULL, &error);
  g_assert_no_error(error);
  g_output_stream_flush(in, NULL, &error);
  g_assert_no_error(error);
}

static void
test_cli_stream(Fixture *f, gconstpointer data)
{
  g_autofree char *pipe = write_pipeline(f, "{\"stage\":\"rt-fail\"}");
  g_autoptr(GError) error = NULL;
  const char *argv[] = {WINNOW_BIN, "run", "-q", "--plugin-path=" RUNNER_PLUGINS_DIR, pipe, NULL};
  g_autoptr(GSubprocess) proc = g_subprocess_newv(
      argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error(error);
  GOutputStream *in = g_subprocess_get_stdin_pipe(proc);
  g_autoptr(GDataInputStream) out = g_data_input_stream_new(g_subprocess_get_stdout_pipe(proc));
  const char *docs[] = {"{\"id\":\"first\",\"text\":\"one\"}\n",
                        "{\"id\":\"second\",\"text\":\"two FAIL\"}\n",
                        "{\"id\":\"third\",\"text\":\"three\"}\n"};
  const char *types[] = {"document", "error", "document"};
  for (guint i = 0; i < G_N_ELEMENTS(docs); i++) {
    write_and_flush(in, docs[i]);
    g_autofree char *line = g_data_input_stream_read_line(out, NULL, NULL, &error);
    g_assert_no_error(error);
    g_assert_nonnull(line);
    g_autoptr(GPtrArray) recs = parse_records(line);
    g_assert_cmpstr(str_member(record(recs, 0), "type"), ==, types[i]);
  }
  g_output_stream_close(in, NULL, &error);
  g_assert_no_error(error);
  g_autofree char *rest = g_data_input_stream_read_line(out, NULL, NULL, &error);
  g_assert_no_error(error);
  g_assert_null(rest);
  g_subprocess_wait(proc, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpint(g_subprocess_get_exit_status(proc), ==, 1);
}

/* --fail-fast ends the run even while the producer keeps standard input
 * open (a blocked read must not hold it). */
static void
test_cli_fail_fast_open_stream(Fixture *f, gconstpointer data)
{
  g_autofree char *pipe = write_pipeline(f, "{\"stage\":\"rt-fail\"}");
  g_autoptr(GError) error = NULL;
  const char *argv[] = {WINNOW_BIN, "run", "-q", "--fail-fast", "--plugin-path=" RUNNER_PLUGINS_DIR,
                        pipe,       NULL};
  g_autoptr(GSubprocess) proc =
      g_subprocess_newv(argv,
                        G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                        &error);
  g_assert_no_error(error);
  GOutputStream *in = g_subprocess_get_stdin_pipe(proc);
  write_and_flush(in, "{\"id\":\"1\",\"text\":\"fine\"}\n{\"id\":\"2\",\"text\":\"FAIL\"}\n");
  /* Standard input stays open until the process has ended. */
  g_subprocess_wait(proc, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpint(g_subprocess_get_exit_status(proc), ==, 1);
  g_autoptr(GDataInputStream) out = g_data_input_stream_new(g_subprocess_get_stdout_pipe(proc));
  g_autofree char *first = g_data_input_stream_read_line(out, NULL, NULL, &error);
  g_autofree char *second = g_data_input_stream_read_line(out, NULL, NULL, &error);
  g_autofree char *third = g_data_input_stream_read_line(out, NULL, NULL, &error);
  g_assert_no_error(error);
  g_assert_nonnull(strstr(first, "\"document\""));
  g_assert_nonnull(strstr(second, "\"error\""));
  g_assert_null(third);
  g_output_stream_close(in, NULL, NULL);
}

static void
test_cli_text_format(Fixture *f, gconstpointer data)
{
  g_autofree char *pipe = write_pipeline(f, "{\"stage\":\"rt-group\"}");
  const char *pp = "--plugin-path=" RUNNER_PLUGINS_DIR;
  const char *args[] = {"run", pp, "--format", "text", "--group", "all", pipe, NULL};
  CliResult r = run_cli("{\"id\":\"first\",\"title\":\"Bridge opens\",\"text\":\"The bridge "
                        "opened.\\nIt was late.\"}\n{\"id\":\"second\",\"text\":\"Other news\"}\n"
                        "not json\n",
                        args);
  g_assert_cmpint(r.status, ==, 1);
  g_assert_nonnull(strstr(r.out, "== first ==\nTitle: Bridge opens\nLead:\n  The bridge opened. "
                                 "It was late.\n"));
  g_assert_nonnull(strstr(r.out, "== second ==\n"));
  g_assert_nonnull(strstr(r.out, "!! <stdin>:3 failed in input: invalid JSON"));
  g_assert_nonnull(strstr(r.out, "== group all: 2 documents ==\nSummary:\n  - The\n  - Other\n"));
  cli_result_clear(&r);
}

static void
test_cli_help(Fixture *f, gconstpointer data)
{
  const char *args[] = {"run", "--help", NULL};
  CliResult r = run_cli(NULL, args);
  g_assert_cmpint(r.status, ==, 0);
  const char *expect[] = {"--jobs",
                          "--output",
                          "--format",
                          "--offsets",
                          "--max-doc-bytes",
                          "--fail-fast",
                          "--group",
                          "--plugin-path",
                          "--quiet",
                          "Exit status",
                          "0 ",
                          "1 ",
                          "2 ",
                          "3 "};
  for (guint i = 0; i < G_N_ELEMENTS(expect); i++)
    g_assert_nonnull(strstr(r.out, expect[i]));
  cli_result_clear(&r);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD("/runner/stream/empty-input", test_empty_input);
  ADD("/runner/stream/empty-document", test_empty_document);
  ADD("/runner/stream/invalid-json-line", test_invalid_json_line);
  ADD("/runner/stream/invalid-utf8", test_invalid_utf8);
  ADD("/runner/stream/nul-bytes", test_nul_bytes);
  ADD("/runner/stream/crlf", test_crlf);
  ADD("/runner/stream/large-document", test_large_document);
  ADD("/runner/stream/passed-through-members", test_passed_through_members);
  ADD("/runner/stream/order-j4-equals-j1", test_order);
  ADD("/runner/stream/one-record-per-input", test_one_record_per_input);
  ADD("/runner/stream/mixed-inputs", test_mixed_inputs);
  ADD("/runner/stream/offsets", test_offsets);
  ADD("/runner/stream/not-thread-safe-stage", test_not_thread_safe);
  ADD("/runner/groups/contiguous", test_groups_contiguous);
  ADD("/runner/groups/option", test_groups_option);
  ADD("/runner/groups/failure", test_groups_failure);
  ADD("/runner/fail-fast", test_fail_fast);
  ADD("/runner/output/atomic", test_output_atomic);
  ADD("/runner/cli/exit-status", test_cli_exit_status);
  ADD("/runner/cli/stdin-and-output", test_cli_stdin_and_output);
  ADD("/runner/cli/stream", test_cli_stream);
  ADD("/runner/cli/fail-fast-open-stream", test_cli_fail_fast_open_stream);
  ADD("/runner/cli/text-format", test_cli_text_format);
  ADD("/runner/cli/help", test_cli_help);
  return g_test_run();
}
