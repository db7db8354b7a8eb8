/* casefile.c: the labelled-case file reader shared by the tests and the golden
 * rules program. Format: "@ PATH [lang=..] [newlines=..] [extra=a,b]" starts a
 * case, "< text" lines are its input, "> sentence" lines its expected sentences;
 * \n \r \t \\ \uXXXX escapes; lines starting with '#' are comments. */
#include "casefile.h"

#include <string.h>
#include <winnow/error.h>

static void
case_free(gpointer data)
{
  WnCase *c = data;
  g_free(c->path);
  g_strfreev(c->extra);
  g_string_free(c->text, TRUE);
  g_ptr_array_unref(c->expected);
  g_free(c);
}

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
      for (int k = 0; k < 4 && p[1] != '\0'; k++)
        hex[k] = *++p;
      g_string_append_unichar(out, (gunichar)g_ascii_strtoull(hex, NULL, 16));
      break;
    }
    default:
      g_string_append_c(out, *p);
    }
  }
  return g_string_free(out, FALSE);
}

GPtrArray *
wn_cases_load(const char *file, GError **error)
{
  g_autofree char *data = NULL;
  if (!g_file_get_contents(file, &data, NULL, error))
    return NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func(case_free);
  g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
  WnCase *cur = NULL;
  for (guint i = 0; lines[i] != NULL; i++) {
    const char *l = lines[i];
    if (g_str_has_prefix(l, "@ ")) {
      g_auto(GStrv) parts = g_strsplit(l + 2, " ", -1);
      cur = g_new0(WnCase, 1);
      cur->path = g_strdup(parts[0]);
      cur->language = WN_LANG_EN;
      cur->newlines = WN_NEWLINES_PARAGRAPHS;
      cur->text = g_string_new(NULL);
      cur->expected = g_ptr_array_new_with_free_func(g_free);
      cur->line = i + 1;
      g_ptr_array_add(cases, cur);
      for (guint k = 1; parts[k] != NULL; k++) {
        gboolean ok = TRUE;
        if (g_str_has_prefix(parts[k], "lang="))
          ok = wn_language_from_string(parts[k] + 5, &cur->language);
        else if (g_str_has_prefix(parts[k], "newlines="))
          ok = wn_newline_mode_from_string(parts[k] + 9, &cur->newlines);
        else if (g_str_has_prefix(parts[k], "extra="))
          cur->extra = g_strsplit(parts[k] + 6, ",", -1);
        else
          ok = parts[k][0] == '\0';
        if (!ok) {
          g_set_error(error, WN_ERROR, WN_ERROR_INPUT, "%s:%u: unknown case setting \"%s\"", file,
                      i + 1, parts[k]);
          return NULL;
        }
      }
    } else if (g_str_has_prefix(l, "< ") && cur != NULL) {
      g_autofree char *u = unescape(l + 2);
      g_string_append(cur->text, u);
    } else if (g_str_has_prefix(l, "> ") && cur != NULL) {
      g_ptr_array_add(cur->expected, unescape(l + 2));
    } else if (l[0] != '\0' && l[0] != '#') {
      g_set_error(error, WN_ERROR, WN_ERROR_INPUT,
                  "%s:%u: a line must start with '@ ', '< ', '> ' or '#'", file, i + 1);
      return NULL;
    }
  }
  return g_steal_pointer(&cases);
}

gboolean
wn_case_run(const WnCase *c, GString *got, GString *want)
{
  g_autoptr(WnSplitter) sp =
      wn_splitter_new(c->language, (const char *const *)c->extra, c->newlines, NULL);
  g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
  g_string_truncate(got, 0);
  g_string_truncate(want, 0);
  if (sp == NULL)
    return FALSE;
  wn_sentences_split(sp, c->text->str, c->text->len, sents);
  for (guint i = 0; i < sents->len; i++) {
    const WnRange *r = &g_array_index(sents, WnRange, i);
    g_string_append_printf(got, "[%.*s]\n", (int)(r->end - r->start), c->text->str + r->start);
  }
  for (guint i = 0; i < c->expected->len; i++)
    g_string_append_printf(want, "[%s]\n", (const char *)g_ptr_array_index(c->expected, i));
  return strcmp(got->str, want->str) == 0;
}
