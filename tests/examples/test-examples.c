/* test-examples.c: the examples work as documented. examples/embed runs a
 * pipeline on its arguments; examples/stage-template builds against an
 * installed winnow (this build, installed into a temporary folder), installs
 * into the pluginsdir that winnow-1.pc names, and runs in a pipeline. */
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* Runs argv with `env` (NULL: inherit); returns the exit status and, when
 * asked, standard output. Standard error goes into the test log. */
static int
run(const char *const *argv, char **env, const char *cwd, char **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  g_autofree char *cmd = g_strjoinv(" ", (char **)argv);
  g_test_message("running: %s", cmd);
  gboolean ok = g_spawn_sync(cwd, (char **)argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err,
                             &status, &error);
  g_assert_no_error(error);
  g_assert_true(ok);
  if (err != NULL && err[0] != '\0')
    g_test_message("stderr: %s", err);
  return g_spawn_check_wait_status(status, NULL) ? 0
                                                 : (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
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

/* The first file called `name` under `dir`, or NULL. */
static char *
find_file(const char *dir, const char *name)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  if (d == NULL)
    return NULL;
  char *found = NULL;
  const char *entry;
  while (found == NULL && (entry = g_dir_read_name(d)) != NULL) {
    g_autofree char *path = g_build_filename(dir, entry, NULL);
    if (strcmp(entry, name) == 0 && g_file_test(path, G_FILE_TEST_IS_REGULAR))
      found = g_strdup(path);
    else if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK))
      found = find_file(path, name);
  }
  g_dir_close(d);
  return found;
}

static JsonObject *
parse_record(const char *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string(line, &error);
  g_assert_no_error(error);
  g_assert_true(JSON_NODE_HOLDS_OBJECT(node));
  return json_object_ref(json_node_get_object(node));
}

static void
test_embed(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("winnow-embed-XXXXXX", &error);
  g_assert_no_error(error);
  g_autofree char *pipeline = g_build_filename(dir, "p.json", NULL);
  g_file_set_contents(pipeline, "{\"name\":\"p\",\"stages\":[{\"stage\":\"rt-probe\"}]}", -1,
                      &error);
  g_assert_no_error(error);
  g_auto(GStrv) env =
      g_environ_setenv(g_get_environ(), "WINNOW_PLUGIN_PATH", RUNNER_PLUGINS_DIR, TRUE);
  const char *argv[] = {EMBED_BIN, pipeline, "Zoë met Ada.", "Second one", NULL};
  g_autofree char *out = NULL;
  g_assert_cmpint(run(argv, env, NULL, &out), ==, 0);
  g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
  g_assert_cmpuint(g_strv_length(lines), ==, 3);
  g_autoptr(JsonObject) first = parse_record(lines[0]);
  g_assert_cmpstr(json_object_get_string_member(first, "id"), ==, "arg-1");
  g_assert_cmpstr(json_object_get_string_member(first, "text"), ==, "Zoë met Ada.");
  JsonArray *words = json_object_get_array_member(first, "words");
  g_assert_cmpuint(json_array_get_length(words), ==, 3);
  g_assert_cmpint(json_object_get_int_member(json_array_get_object_element(words, 1), "start"), ==,
                  4);
  g_autoptr(JsonObject) second = parse_record(lines[1]);
  g_assert_cmpstr(json_object_get_string_member(second, "id"), ==, "arg-2");

  /* A pipeline file that cannot be read fails before any text, status 2. */
  const char *bad[] = {EMBED_BIN, "/nonexistent/pipeline.json", "text", NULL};
  g_assert_cmpint(run(bad, env, NULL, NULL), ==, 2);
  remove_tree(dir);
}

/* The value of `variable` in the .pc file `pc` (prefix substitution done by
 * pkg-config itself). */
static char *
pc_variable(char **env, const char *variable)
{
  g_autofree char *arg = g_strdup_printf("--variable=%s", variable);
  const char *argv[] = {"pkg-config", arg, "winnow-1", NULL};
  g_autofree char *out = NULL;
  g_assert_cmpint(run(argv, env, NULL, &out), ==, 0);
  return g_strstrip(g_steal_pointer(&out));
}

static void
test_stage_template(void)
{
  g_autofree char *meson = g_find_program_in_path("meson");
  g_autofree char *ninja = g_find_program_in_path("ninja");
  g_autofree char *pkg_config = g_find_program_in_path("pkg-config");
  if (meson == NULL || ninja == NULL || pkg_config == NULL) {
    g_test_skip("meson, ninja and pkg-config are needed to build the stage template out of tree");
    return;
  }
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp("winnow-template-XXXXXX", &error);
  g_assert_no_error(error);

  /* 1. Install this build of winnow into a staging folder. */
  g_autofree char *stage = g_build_filename(tmp, "stage", NULL);
  const char *install[] = {meson, "install",      "-C",      WN_BUILD_ROOT, "--destdir",
                           stage, "--no-rebuild", "--quiet", NULL};
  g_assert_cmpint(run(install, NULL, NULL, NULL), ==, 0);

  /* 2. A staged install keeps the configured prefix in winnow-1.pc; a copy
   * whose prefix points into the staging folder makes it a prefix of its
   * own, as if winnow had been configured with --prefix there. */
  g_autofree char *pc = find_file(stage, "winnow-1.pc");
  g_assert_nonnull(pc);
  g_autofree char *pc_text = NULL;
  g_file_get_contents(pc, &pc_text, NULL, &error);
  g_assert_no_error(error);
  g_autoptr(GString) fixed = g_string_new(NULL);
  g_auto(GStrv) pc_lines = g_strsplit(pc_text, "\n", -1);
  gboolean had_prefix = FALSE;
  for (guint i = 0; pc_lines[i] != NULL; i++) {
    if (g_str_has_prefix(pc_lines[i], "prefix=")) {
      g_string_append_printf(fixed, "prefix=%s%s\n", stage, pc_lines[i] + strlen("prefix="));
      had_prefix = TRUE;
    } else {
      g_string_append_printf(fixed, "%s\n", pc_lines[i]);
    }
  }
  g_assert_true(had_prefix);
  g_autofree char *pc_dir = g_build_filename(tmp, "pkgconfig", NULL);
  g_mkdir(pc_dir, 0755);
  g_autofree char *pc_copy = g_build_filename(pc_dir, "winnow-1.pc", NULL);
  g_file_set_contents(pc_copy, fixed->str, fixed->len, &error);
  g_assert_no_error(error);
  char **env = g_environ_setenv(g_get_environ(), "PKG_CONFIG_PATH", pc_dir, TRUE);
  env = g_environ_unsetenv(env, "WINNOW_PLUGIN_PATH");
  g_autofree char *prefix = pc_variable(env, "prefix");
  g_autofree char *libdir = pc_variable(env, "libdir");
  g_autofree char *pluginsdir = pc_variable(env, "pluginsdir");
  g_assert_true(g_str_has_prefix(pluginsdir, stage));

  /* 3. Configure, build and install the template against it. */
  g_autofree char *build = g_build_filename(tmp, "template-build", NULL);
  /* -Dwerror: the template is what authors copy, so it builds warning-free. */
  const char *setup[] = {
      meson, "setup", "-Dwerror=true", build, WN_SOURCE_ROOT "/examples/stage-template", NULL};
  g_assert_cmpint(run(setup, env, NULL, NULL), ==, 0);
  const char *compile[] = {ninja, "-C", build, NULL};
  g_assert_cmpint(run(compile, env, NULL, NULL), ==, 0);
  const char *install2[] = {meson, "install", "-C", build, "--quiet", NULL};
  g_assert_cmpint(run(install2, env, NULL, NULL), ==, 0);
  g_autofree char *module = g_build_filename(pluginsdir, "keywords.so", NULL);
  g_assert_true(g_file_test(module, G_FILE_TEST_IS_REGULAR));

  /* 4. Run the installed winnow with the installed stage. */
  g_autofree char *work = g_build_filename(tmp, "work", NULL);
  g_mkdir(work, 0755);
  g_autofree char *pipeline = g_build_filename(work, "kw.json", NULL);
  g_file_set_contents(pipeline,
                      "{\"name\":\"kw\",\"stages\":[{\"stage\":\"keywords\",\"options\":"
                      "{\"top\":3,\"min_length\":5,\"stopwords\":[\"Critics\"]}}]}",
                      -1, &error);
  g_assert_no_error(error);
  g_autofree char *input = g_build_filename(work, "in.jsonl", NULL);
  g_file_set_contents(input,
                      "{\"id\":\"k1\",\"text\":\"The bridge over the river will open. The Bridge "
                      "cost more than planned. Critics of the bridge said the river crossing and "
                      "the council budget were late; the council and the river board backed the "
                      "BRIDGE.\"}\n",
                      -1, &error);
  g_assert_no_error(error);
  env = g_environ_setenv(env, "LD_LIBRARY_PATH", libdir, TRUE);
  g_autofree char *winnow = g_build_filename(prefix, "bin", "winnow", NULL);
  g_autofree char *plugin_arg = g_strdup_printf("--plugin-path=%s", pluginsdir);
  const char *argv[] = {winnow, "run", "-q", plugin_arg, pipeline, input, NULL};
  g_autofree char *out = NULL;
  g_assert_cmpint(run(argv, env, work, &out), ==, 0);
  g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
  g_autoptr(JsonObject) rec = parse_record(lines[0]);
  JsonArray *kw = json_object_get_array_member(rec, "keywords");
  g_assert_nonnull(kw);
  g_assert_cmpuint(json_array_get_length(kw), ==, 3);
  const char *expect[] = {"bridge", "river", "council"};
  const gint64 counts[] = {4, 3, 2};
  for (guint i = 0; i < 3; i++) {
    JsonObject *span = json_array_get_object_element(kw, i);
    g_autofree char *lower = g_utf8_strdown(json_object_get_string_member(span, "text"), -1);
    g_assert_cmpstr(lower, ==, expect[i]);
    g_assert_cmpint(json_object_get_int_member(span, "count"), ==, counts[i]);
    g_assert_cmpstr(json_object_get_string_member(span, "label"), ==, "keyword");
  }
  g_strfreev(env);
  remove_tree(tmp);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/examples/embed", test_embed);
  g_test_add_func("/examples/stage-template/install-build-run", test_stage_template);
  return g_test_run();
}
