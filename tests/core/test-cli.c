/* test-cli.c: `winnow validate`, `winnow plugins`, `--version` and `--help`
 * run as subprocesses: what they print and their exit statuses. */
#include <winnow/winnow.h>

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *out, *err;
  int status;
} Run;

static void
run_clear(Run *r)
{
  g_free(r->out);
  g_free(r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Run, run_clear)

/* Runs winnow with the NULL-terminated arguments. */
static void
run(Run *r, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, (char *)WINNOW_EXE);
  va_list args;
  va_start(args, r);
  const char *a;
  while ((a = va_arg(args, const char *)) != NULL)
    g_ptr_array_add(argv, (char *)a);
  va_end(args);
  g_ptr_array_add(argv, NULL);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  g_assert_true(g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r->out,
                             &r->err, &wait_status, &error));
  g_assert_no_error(error);
  g_assert_true(WIFEXITED(wait_status));
  r->status = WEXITSTATUS(wait_status);
}

static void
assert_contains(const char *haystack, const char *needle)
{
  if (strstr(haystack, needle) == NULL)
    g_test_message("\"%s\" lacks \"%s\"", haystack, needle);
  g_assert_true(strstr(haystack, needle) != NULL);
}

static char *
write_temp(const char *dir, const char *name, const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename(dir, name, NULL);
  g_assert_true(g_file_set_contents(path, contents, -1, &error));
  g_assert_no_error(error);
  return path;
}

static void
test_version_and_help(void)
{
  g_auto(Run) v = {0};
  run(&v, "--version", NULL);
  g_assert_cmpint(v.status, ==, 0);
  assert_contains(v.out, "winnow " WN_VERSION_STRING " (plugin ABI 1.0)");
  g_auto(Run) h = {0};
  run(&h, "--help", NULL);
  g_assert_cmpint(h.status, ==, 0);
  assert_contains(h.out, "validate PIPELINE");
  assert_contains(h.out, "Exit status:");
  assert_contains(h.out, "3  an input or output file could not be read or written");
  g_auto(Run) vh = {0};
  run(&vh, "validate", "--help", NULL);
  g_assert_cmpint(vh.status, ==, 0);
  assert_contains(vh.out, "--plugin-path");
  g_auto(Run) bad = {0};
  run(&bad, "valdate", NULL);
  g_assert_cmpint(bad.status, ==, 2);
  assert_contains(bad.err, "unknown command \"valdate\"; did you mean \"validate\"?");
}

static void
test_validate(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp("winnow-cli-XXXXXX", &error);
  g_autofree char *good =
      write_temp(dir, "good.json", "{\"stages\": [{\"stage\": \"good\"}, {\"stage\": \"needs\"}]}");
  g_autofree char *bad =
      write_temp(dir, "bad.json",
                 "{\"stages\": [\n  {\"stage\": \"needs\"},\n"
                 "  {\"stage\": \"good\", \"options\": {\"min_len\": \"2\"}}\n]}");
  g_auto(Run) ok = {0};
  run(&ok, "validate", "--plugin-path", TEST_PLUGINS_DIR, good, NULL);
  g_assert_cmpint(ok.status, ==, 0);
  g_autofree char *expect = g_strdup_printf("%s: ok, 2 stages\n", good);
  g_assert_cmpstr(ok.out, ==, expect);

  g_auto(Run) ko = {0};
  run(&ko, "validate", "-P", TEST_PLUGINS_DIR, bad, NULL);
  g_assert_cmpint(ko.status, ==, 2);
  g_assert_cmpstr(ko.out, ==, "");
  g_autofree char *head = g_strdup_printf("%s: 2 problems:\n", bad);
  assert_contains(ko.err, head);
  g_autofree char *p1 =
      g_strdup_printf("%s:2:4: stage \"needs\" requires the layer \"words\"", bad);
  assert_contains(ko.err, p1);
  g_autofree char *p2 =
      g_strdup_printf("%s:3:33: stage \"good\": option \"min_len\" must be an integer", bad);
  assert_contains(ko.err, p2);
  /* Listed in file order, whatever order they were found in. */
  g_assert_true(strstr(ko.err, p1) < strstr(ko.err, p2));

  /* Without --plugin-path the test stages are not found. */
  g_auto(Run) nf = {0};
  run(&nf, "validate", good, NULL);
  g_assert_cmpint(nf.status, ==, 2);
  assert_contains(nf.err, "no stage named \"good\"");

  g_auto(Run) missing = {0};
  g_autofree char *absent = g_build_filename(dir, "absent.json", NULL);
  run(&missing, "validate", absent, NULL);
  g_assert_cmpint(missing.status, ==, 3);
  assert_contains(missing.err, "absent.json");

  /* Several files: each judged, the status is the worst. */
  g_auto(Run) both = {0};
  run(&both, "validate", "--plugin-path", TEST_PLUGINS_DIR, good, bad, NULL);
  g_assert_cmpint(both.status, ==, 2);
  g_assert_cmpstr(both.out, ==, expect);
  assert_contains(both.err, p1);

  g_auto(Run) none = {0};
  run(&none, "validate", NULL);
  g_assert_cmpint(none.status, ==, 2);
  g_remove(good);
  g_remove(bad);
  g_rmdir(dir);
}

static void
test_plugins_list(void)
{
  g_auto(Run) r = {0};
  run(&r, "plugins", "--plugin-path", TEST_PLUGINS_DIR, NULL);
  g_assert_cmpint(r.status, ==, 0);
  assert_contains(r.out, "good           1.2.3    Splits text into words (test)\n");
  assert_contains(r.out, TEST_PLUGINS_DIR "/good.so\n");
  assert_contains(r.out, "needs ");
  /* Broken files are warned about on stderr, not listed. */
  g_assert_null(strstr(r.out, "badabi"));
  assert_contains(r.err, "warning: " TEST_PLUGINS_DIR "/badabi.so: the stage was built for "
                         "plugin ABI 2.0");
  assert_contains(r.err, "both declare the stage name \"dup\"");
}

static void
test_plugins_describe(void)
{
  g_auto(Run) r = {0};
  run(&r, "plugins", "--plugin-path", TEST_PLUGINS_DIR, "good", NULL);
  g_assert_cmpint(r.status, ==, 0);
  assert_contains(r.out, "good 1.2.3: Splits text into words (test)\n");
  assert_contains(r.out, "  provides  words\n");
  assert_contains(r.out, "  requires  (none)\n");
  assert_contains(r.out, "  flags     thread-safe, processes groups\n");
  assert_contains(r.out, "    min_len (int, default \"1\", range [1, 100])\n"
                         "        Shortest word kept, in bytes\n");
  assert_contains(r.out, "    mode (string, default \"fast\", one of fast|exact)\n");
  assert_contains(r.out, "    extra (path, unset by default)\n");

  g_auto(Run) n = {0};
  run(&n, "plugins", "-P", TEST_PLUGINS_DIR, "needs", NULL);
  assert_contains(n.out, "  requires  words\n");
  assert_contains(n.out, "  options   (none)\n");

  g_auto(Run) broken = {0};
  run(&broken, "plugins", "-P", TEST_PLUGINS_DIR, "badabi", NULL);
  g_assert_cmpint(broken.status, ==, 2);
  g_assert_cmpstr(broken.out, ==, "");
  assert_contains(broken.err, "badabi.so: the stage was built for plugin ABI 2.0");

  g_auto(Run) typo = {0};
  run(&typo, "plugins", "-P", TEST_PLUGINS_DIR, "godo", NULL);
  g_assert_cmpint(typo.status, ==, 2);
  assert_contains(typo.err, "no stage named \"godo\"");
  assert_contains(typo.err, "did you mean \"good\"?");
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/core/cli/version-and-help", test_version_and_help);
  g_test_add_func("/core/cli/validate", test_validate);
  g_test_add_func("/core/cli/plugins/list", test_plugins_list);
  g_test_add_func("/core/cli/plugins/describe", test_plugins_describe);
  return g_test_run();
}
