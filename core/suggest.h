/* suggest.h: "did you mean" suggestions by edit distance; private to the core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Levenshtein distance between two strings, counted in bytes; gives up
 * and returns `limit` + 1 once it is sure the distance exceeds `limit`. */
guint wn_edit_distance(const char *a, const char *b, guint limit);

/* The candidate closest to `word`, when it is close enough to be a plausible
 * typo (distance at most a third of the word's length, and at least 1
 * allowed); NULL otherwise. The result points into `candidates`. */
const char *wn_suggest(const char *word, const char *const *candidates);

/* `candidates` joined as "a, b, c", or "(none)" when empty; newly allocated. */
char *wn_join_names(const char *const *candidates);

G_END_DECLS
