/* test-loader.c: the stage loader on its own: the search path and its order,
 * loading by name and by path, each loader error with its code and message,
 * scanning folders, and a stage's programming error caught in a subprocess. */
#include <winnow/winnow.h>

#include <glib/gstdio.h>
#include <string.h>

#include "loader.h"

static const char *const plugin_dirs[] = {TEST_PLUGINS_DIR, NULL};

static void
assert_contains(const char *haystack, const char *needle)
{
  if (strstr(haystack, needle) == NULL)
    g_test_message("\"%s\" lacks \"%s\"", haystack, needle);
  g_assert_true(strstr(haystack, needle) != NULL);
}

static void
test_search_order(void)
{
  g_setenv("WINNOW_PLUGIN_PATH", "/env/one::/env/two/", TRUE);
  const char *const dirs[] = {"/first", "/env/one", NULL};
  g_auto(GStrv) search = wn_loader_search_dirs(dirs);
  g_unsetenv("WINNOW_PLUGIN_PATH");
  /* The caller's folders, then the environment's (duplicates and empty
   * entries dropped), then, last, the installed pluginsdir. */
  g_assert_cmpstr(search[0], ==, "/first");
  g_assert_cmpstr(search[1], ==, "/env/one");
  g_assert_cmpstr(search[2], ==, "/env/two");
  guint n = g_strv_length(search);
  g_assert_cmpuint(n, >=, 4);
  g_assert_true(g_str_has_suffix(search[n - 1], "/winnow-1/plugins"));
  /* This test runs against the uninstalled library, which therefore also
   * searches its build tree's stages, just before the installed ones. */
  g_autofree char *build_plugins = g_canonicalize_filename("plugins", TEST_BUILD_ROOT);
  g_assert_cmpstr(search[n - 2], ==, build_plugins);
}

static void
test_load_by_name_and_path(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPlugin) by_name = wn_loader_load("good", plugin_dirs, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(by_name->info->name, ==, "good");
  g_assert_cmpstr(by_name->info->version, ==, "1.2.3");
  g_assert_true(g_str_has_suffix(by_name->path, "/good.so"));
  g_autofree char *dir = g_canonicalize_filename(TEST_PLUGINS_DIR, NULL);
  g_assert_cmpstr(by_name->dir, ==, dir);

  /* A relative path resolves against the base folder. */
  g_autoptr(WnPlugin) by_path = wn_loader_load("./needs.so", NULL, TEST_PLUGINS_DIR, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(by_path->info->name, ==, "needs");
  g_assert_true(wn_loader_is_path("x/y"));
  g_assert_true(wn_loader_is_path("y.so"));
  g_assert_false(wn_loader_is_path("sentences"));
}

static void
test_load_from_environment(void)
{
  g_setenv("WINNOW_PLUGIN_PATH", "/nonexistent:" TEST_PLUGINS_DIR, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPlugin) p = wn_loader_load("flaky", NULL, NULL, &error);
  g_unsetenv("WINNOW_PLUGIN_PATH");
  g_assert_no_error(error);
  g_assert_cmpstr(p->info->name, ==, "flaky");
}

static void
test_not_found(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPlugin) p = wn_loader_load("neeeds", plugin_dirs, NULL, &error);
  g_assert_null(p);
  g_assert_error(error, WN_ERROR, WN_ERROR_PLUGIN_NOT_FOUND);
  assert_contains(error->message, "no stage named \"neeeds\": searched " TEST_PLUGINS_DIR ", ");
  assert_contains(error->message, "/winnow-1/plugins; stages found there: ");
  assert_contains(error->message, "did you mean \"needs\"?");
}

static void
open_fails(const char *file, WnError code, const char *needle)
{
  g_autofree char *path = g_build_filename(TEST_PLUGINS_DIR, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPlugin) p = wn_plugin_open(path, &error);
  g_assert_null(p);
  g_assert_error(error, WN_ERROR, (int)code);
  assert_contains(error->message, path);
  assert_contains(error->message, needle);
}

static void
test_open_errors(void)
{
  open_fails("noentry.so", WN_ERROR_PLUGIN_NO_ENTRY,
             "not a winnow stage: it does not export the symbol \"wn_stage_entry\"");
  open_fails("badabi.so", WN_ERROR_PLUGIN_ABI,
             "built for plugin ABI 2.0, but this winnow (" WN_VERSION_STRING
             ") has plugin ABI 1.0");
  open_fails("newminor.so", WN_ERROR_PLUGIN_ABI,
             "built for plugin ABI 1.1, newer than this winnow's (" WN_VERSION_STRING
             ") plugin ABI 1.0; upgrade winnow");
  open_fails("noprocess.so", WN_ERROR_PLUGIN_INVALID,
             "the stage info lacks the required field \"process\"; set .process");
  open_fails("absent.so", WN_ERROR_PLUGIN_NOT_FOUND, "no such stage file");
  open_fails("badname.so", WN_ERROR_PLUGIN_INVALID,
             "invalid stage name \"Bad Name\"; a name uses only a-z, 0-9, '_' and '-'");
  open_fails("badtable.so", WN_ERROR_PLUGIN_INVALID,
             "stage \"badtable\" option \"ratio\": default 2.5 is outside its range [0, 1]; fix "
             "the stage's option table");

  /* A file the dynamic loader cannot map: dlerror's words and the ldd hint. */
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("winnow-loader-XXXXXX", &error);
  g_autofree char *bad = g_build_filename(dir, "empty.so", NULL);
  g_assert_true(g_file_set_contents(bad, "", 0, &error));
  g_autoptr(WnPlugin) p = wn_plugin_open(bad, &error);
  g_assert_null(p);
  g_assert_error(error, WN_ERROR, WN_ERROR_PLUGIN_OPEN);
  assert_contains(error->message, "empty.so: cannot load the stage: ");
  assert_contains(error->message, "file too short");
  assert_contains(error->message, "`ldd ");
  g_remove(bad);
  g_rmdir(dir);
}

static void
test_scan(void)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func((GDestroyNotify)g_error_free);
  const char *const only[] = {TEST_PLUGINS_DIR, NULL};
  g_autoptr(GPtrArray) plugins = wn_loader_scan(only, errors);
  gboolean found_good = FALSE, found_dup = FALSE;
  for (guint i = 0; i < plugins->len; i++) {
    const WnPlugin *p = g_ptr_array_index(plugins, i);
    found_good |= strcmp(p->info->name, "good") == 0;
    found_dup |= strcmp(p->info->name, "dup") == 0;
  }
  g_assert_true(found_good);
  g_assert_true(found_dup);
  /* Each broken file is reported, as is the second file named "dup". */
  gboolean codes[WN_ERROR_MODEL + 1] = {FALSE};
  for (guint i = 0; i < errors->len; i++) {
    const GError *e = g_ptr_array_index(errors, i);
    g_assert_true(e->domain == WN_ERROR);
    codes[e->code] = TRUE;
    if (e->code == WN_ERROR_PLUGIN_DUPLICATE)
      assert_contains(e->message, "dup_a.so and " TEST_PLUGINS_DIR "/dup_b.so both declare the "
                                  "stage name \"dup\"; remove or rename one of them");
  }
  g_assert_true(codes[WN_ERROR_PLUGIN_DUPLICATE]);
  g_assert_true(codes[WN_ERROR_PLUGIN_NO_ENTRY]);
  g_assert_true(codes[WN_ERROR_PLUGIN_ABI]);
  g_assert_true(codes[WN_ERROR_PLUGIN_INVALID]);

  g_auto(GStrv) names = wn_loader_list_names((char **)only);
  g_assert_true(g_strv_contains((const char *const *)names, "good"));
  g_assert_true(g_strv_contains((const char *const *)names, "noentry"));
}

static void
test_option_misuse_is_critical(void)
{
  if (g_test_subprocess()) {
    /* init() runs while the pipeline loads; the g_critical aborts here. */
    WnPipeline *p =
        wn_pipeline_new_from_data("{\"stages\": [\"misuse\"]}", -1, "m.json", plugin_dirs, NULL);
    wn_pipeline_free(p);
    return;
  }
  g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed();
  g_test_trap_assert_stderr("*option \"size\" is of type int, not string*");
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/core/loader/search-order", test_search_order);
  g_test_add_func("/core/loader/load/name-and-path", test_load_by_name_and_path);
  g_test_add_func("/core/loader/load/environment", test_load_from_environment);
  g_test_add_func("/core/loader/errors/not-found", test_not_found);
  g_test_add_func("/core/loader/errors/open", test_open_errors);
  g_test_add_func("/core/loader/scan", test_scan);
  g_test_add_func("/core/loader/option-misuse", test_option_misuse_is_critical);
  return g_test_run();
}
