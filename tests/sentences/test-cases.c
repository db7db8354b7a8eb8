/* test-cases.c: the labelled splitting cases of cases.txt, one GLib test each.
 *
 * cases.txt (format described at its top) holds the cases grouped by what the
 * splitter must handle; each test asserts the exact list of sentences, and that
 * the tokens of each sentence stay inside it. */
#include <string.h>

#include "casefile.h"

static void
run_case(gconstpointer data)
{
  const WnCase *c = data;
  g_autoptr(GString) got = g_string_new(NULL), want = g_string_new(NULL);
  if (!wn_case_run(c, got, want))
    g_test_message("cases.txt:%u: %s", c->line, c->path);
  g_assert_cmpstr(got->str, ==, want->str);

  g_autoptr(GError) error = NULL;
  g_autoptr(WnSplitter) sp =
      wn_splitter_new(c->language, (const char *const *)c->extra, c->newlines, &error);
  g_assert_no_error(error);
  g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
  wn_sentences_split(sp, c->text->str, c->text->len, sents);
  /* Tokens never cross the sentence that holds them. */
  g_autoptr(GArray) toks = g_array_new(FALSE, FALSE, sizeof(WnToken));
  for (guint i = 0; i < sents->len; i++) {
    const WnRange *r = &g_array_index(sents, WnRange, i);
    g_array_set_size(toks, 0);
    wn_tokens_split(sp, c->text->str, r->start, r->end, toks);
    g_assert_cmpuint(toks->len, >, 0);
    for (guint k = 0; k < toks->len; k++) {
      const WnToken *tk = &g_array_index(toks, WnToken, k);
      g_assert_cmpuint(tk->start, >=, r->start);
      g_assert_cmpuint(tk->end, <=, r->end);
      g_assert_cmpuint(tk->start, <, tk->end);
    }
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_set_nonfatal_assertions();
  g_autofree char *file = g_test_build_filename(G_TEST_DIST, "sentences", "cases.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = wn_cases_load(file, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cases->len, >=, 150);
  for (guint i = 0; i < cases->len; i++) {
    WnCase *c = g_ptr_array_index(cases, i);
    g_test_add_data_func(c->path, c, run_case);
  }
  return g_test_run();
}
