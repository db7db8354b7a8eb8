/* test-cases.c: the labelled splitting cases of cases.txt, one GLib test each.
 *
 * cases.txt (format described at its top) holds the cases grouped by what the
 * splitter must handle; each test asserts the exact list of sentences, and that
 * the tokens of each sentence stay inside it. */
#include <string.h>

#include "splitter.h"

typedef struct {
  char *path;
  WnLanguage language;
  WnNewlineMode newlines;
  char **extra;
  GString *text;
  GPtrArray *expected;
  guint line;
} Case;

static void
case_free(gpointer data)
{
  Case *c = data;
  g_free(c->path);
  g_strfreev(c->extra);
  g_string_free(c->text, TRUE);
  g_ptr_array_unref(c->expected);
  g_free(c);
}

/* Undoes the \n \r \t \\ \uXXXX escapes of cases.txt. */
static char *
unescape(const char *s)
{
  GString *out = g_string_new(NULL);
  for (const char *p = s; *p; p++) {
    if (*p != '\\' || p[1] == '\0') {
      g_string_append_c(out, *p);
      continue;
    }
    p++;
    switch (*p) {
    case 'n':
      g_string_append_c(out, '\n');
      break;
    case 'r':
      g_string_append_c(out, '\r');
      break;
    case 't':
      g_string_append_c(out, '\t');
      break;
    case 'u': {
      char hex[5] = {0};
      strncpy(hex, p + 1, 4);
      g_string_append_unichar(out, (gunichar)g_ascii_strtoull(hex, NULL, 16));
      p += 4;
      break;
    }
    default:
      g_string_append_c(out, *p);
    }
  }
  return g_string_free(out, FALSE);
}

static void
run_case(gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WnSplitter) sp =
      wn_splitter_new(c->language, (const char *const *)c->extra, c->newlines, &error);
  g_assert_no_error(error);
  g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
  wn_sentences_split(sp, c->text->str, c->text->len, sents);

  g_autoptr(GString) got = g_string_new(NULL), want = g_string_new(NULL);
  for (guint i = 0; i < sents->len; i++) {
    const WnRange *r = &g_array_index(sents, WnRange, i);
    g_string_append_printf(got, "[%.*s]\n", (int)(r->end - r->start), c->text->str + r->start);
  }
  for (guint i = 0; i < c->expected->len; i++)
    g_string_append_printf(want, "[%s]\n", (const char *)g_ptr_array_index(c->expected, i));
  if (strcmp(got->str, want->str) != 0)
    g_test_message("cases.txt:%u: %s", c->line, c->path);
  g_assert_cmpstr(got->str, ==, want->str);

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

static GPtrArray *
load_cases(const char *file)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  if (!g_file_get_contents(file, &data, NULL, &error))
    g_error("%s", error->message);
  GPtrArray *cases = g_ptr_array_new_with_free_func(case_free);
  g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
  Case *cur = NULL;
  for (guint i = 0; lines[i] != NULL; i++) {
    const char *l = lines[i];
    if (g_str_has_prefix(l, "@ ")) {
      g_auto(GStrv) parts = g_strsplit(l + 2, " ", -1);
      cur = g_new0(Case, 1);
      cur->path = g_strdup(parts[0]);
      cur->language = WN_LANG_EN;
      cur->newlines = WN_NEWLINES_PARAGRAPHS;
      cur->text = g_string_new(NULL);
      cur->expected = g_ptr_array_new_with_free_func(g_free);
      cur->line = i + 1;
      for (guint k = 1; parts[k] != NULL; k++) {
        if (g_str_has_prefix(parts[k], "lang="))
          g_assert_true(wn_language_from_string(parts[k] + 5, &cur->language));
        else if (g_str_has_prefix(parts[k], "newlines="))
          g_assert_true(wn_newline_mode_from_string(parts[k] + 9, &cur->newlines));
        else if (g_str_has_prefix(parts[k], "extra="))
          cur->extra = g_strsplit(parts[k] + 6, ",", -1);
        else if (parts[k][0] != '\0')
          g_error("%s:%u: unknown setting %s", file, i + 1, parts[k]);
      }
      g_ptr_array_add(cases, cur);
    } else if (g_str_has_prefix(l, "< ") && cur != NULL) {
      g_autofree char *u = unescape(l + 2);
      g_string_append(cur->text, u);
    } else if (g_str_has_prefix(l, "> ") && cur != NULL) {
      g_ptr_array_add(cur->expected, unescape(l + 2));
    }
  }
  return cases;
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_set_nonfatal_assertions();
  g_autofree char *file = g_test_build_filename(G_TEST_DIST, "sentences", "cases.txt", NULL);
  g_autoptr(GPtrArray) cases = load_cases(file);
  g_assert_cmpuint(cases->len, >=, 150);
  for (guint i = 0; i < cases->len; i++) {
    Case *c = g_ptr_array_index(cases, i);
    g_test_add_data_func(c->path, c, run_case);
  }
  return g_test_run();
}
