/* golden.c: pass rate of the splitter on golden-rules-style cases.
 *
 *   golden [FILE]     (default: golden-en.txt beside this program's source)
 *
 * Prints each failing case with what came out, then the pass rate. */
#include <stdio.h>

#include "casefile.h"

int
main(int argc, char **argv)
{
  const char *file = argc > 1 ? argv[1] : GOLDEN_FILE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = wn_cases_load(file, &error);
  if (cases == NULL) {
    fprintf(stderr, "golden: %s\n", error->message);
    return 1;
  }
  g_autoptr(GString) got = g_string_new(NULL), want = g_string_new(NULL);
  guint pass = 0;
  for (guint i = 0; i < cases->len; i++) {
    const WnCase *c = g_ptr_array_index(cases, i);
    if (wn_case_run(c, got, want)) {
      pass++;
      continue;
    }
    printf("FAIL %s (%s:%u)\n  got:\n%s  want:\n%s", c->path, file, c->line, got->str, want->str);
  }
  printf("golden rules: %u of %u pass (%.1f%%)\n", pass, cases->len,
         cases->len ? 100.0 * pass / cases->len : 0.0);
  return 0;
}
