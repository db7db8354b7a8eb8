/* suggest.c: nearest-name suggestions for misspelt stage and option names. */
#include "suggest.h"

#include <string.h>

guint
wn_edit_distance(const char *a, const char *b, guint limit)
{
  gsize la = strlen(a), lb = strlen(b);
  if ((la > lb ? la - lb : lb - la) > limit)
    return limit + 1;
  /* Two rows of the classic dynamic programme; names are short. */
  g_autofree guint *prev = g_new(guint, lb + 1);
  g_autofree guint *cur = g_new(guint, lb + 1);
  for (gsize j = 0; j <= lb; j++)
    prev[j] = j;
  for (gsize i = 1; i <= la; i++) {
    cur[0] = i;
    guint row_min = cur[0];
    for (gsize j = 1; j <= lb; j++) {
      guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
      guint v = prev[j - 1] + cost;
      if (prev[j] + 1 < v)
        v = prev[j] + 1;
      if (cur[j - 1] + 1 < v)
        v = cur[j - 1] + 1;
      cur[j] = v;
      if (v < row_min)
        row_min = v;
    }
    if (row_min > limit)
      return limit + 1;
    guint *t = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] > limit ? limit + 1 : prev[lb];
}

const char *
wn_suggest(const char *word, const char *const *candidates)
{
  if (word == NULL || candidates == NULL)
    return NULL;
  /* Short words tolerate one slip, longer ones two, long ones a third. */
  gsize len = strlen(word);
  guint limit = len <= 3 ? 1 : MAX(2, len / 3);
  const char *best = NULL;
  guint best_d = limit + 1;
  for (const char *const *c = candidates; *c != NULL; c++) {
    guint d = wn_edit_distance(word, *c, limit);
    /* A case-only difference is the most likely typo of all. */
    if (d > 0 && g_ascii_strcasecmp(word, *c) == 0)
      d = 0;
    if (d < best_d) {
      best_d = d;
      best = *c;
    }
  }
  return best;
}

char *
wn_join_names(const char *const *candidates)
{
  if (candidates == NULL || candidates[0] == NULL)
    return g_strdup("(none)");
  return g_strjoinv(", ", (char **)candidates);
}
