/* fixture.c: fixture loading and a plain sentence splitter for the tests. */
#include "fixture.h"

#include <string.h>

FixtureDoc *
fixture_new(const char *id, const char *text)
{
  FixtureDoc *d = g_new0(FixtureDoc, 1);
  d->id = g_strdup(id);
  d->text = g_strdup(text);
  d->len = strlen(text);
  d->sentences = g_array_new(FALSE, TRUE, sizeof(WnSpan));
  fixture_split(d);
  return d;
}

FixtureDoc *
fixture_load(const char *name)
{
  g_autofree char *path = g_test_build_filename(G_TEST_DIST, "summarize", "data", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_file_get_contents(path, &text, NULL, &error);
  g_assert_no_error(error);
  return fixture_new(name, text);
}

void
fixture_free(FixtureDoc *d)
{
  if (d == NULL)
    return;
  g_free(d->id);
  g_free(d->text);
  g_array_free(d->sentences, TRUE);
  g_free(d);
}

static void
add(FixtureDoc *d, gsize start, gsize end)
{
  while (start < end && g_ascii_isspace(d->text[start]))
    start++;
  while (end > start && g_ascii_isspace(d->text[end - 1]))
    end--;
  if (end > start) {
    const WnSpan sp = {start, end, NULL, 0, NULL};
    g_array_append_val(d->sentences, sp);
  }
}

void
fixture_split(FixtureDoc *d)
{
  const char *t = d->text;
  gsize start = 0;
  g_array_set_size(d->sentences, 0);
  for (gsize i = 0; i < d->len; i++) {
    if (t[i] == '\n') {
      add(d, start, i);
      start = i + 1;
      continue;
    }
    if (t[i] != '.' && t[i] != '!' && t[i] != '?')
      continue;
    gsize j = i + 1;
    while (j < d->len && (t[j] == '"' || t[j] == ')'))
      j++;
    if (j + 1 < d->len && t[j] == ' ' &&
        (g_ascii_isupper(t[j + 1]) || g_ascii_isdigit(t[j + 1]) || t[j + 1] == '"')) {
      add(d, start, j);
      start = j + 1;
      i = j;
    }
  }
  add(d, start, d->len);
}

char *
fixture_span_text(const FixtureDoc *d, gsize start, gsize end)
{
  return g_strndup(d->text + start, end - start);
}
