/* test-golden.c: the golden-rules-style English cases of
 * bench/sentences/golden-en.txt must pass at a rate of at least 98%; each
 * failing case is reported by name. */
#include "casefile.h"

static void
test_rate(void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = wn_cases_load(GOLDEN_FILE, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cases->len, >=, 90);
  g_autoptr(GString) got = g_string_new(NULL), want = g_string_new(NULL);
  guint pass = 0;
  for (guint i = 0; i < cases->len; i++) {
    const WnCase *c = g_ptr_array_index(cases, i);
    if (wn_case_run(c, got, want))
      pass++;
    else
      g_test_message("golden case %s fails: got\n%s", c->path, got->str);
  }
  g_assert_cmpfloat((double)pass / cases->len, >=, 0.98);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/sentences/golden/rate", test_rate);
  return g_test_run();
}
