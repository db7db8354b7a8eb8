/* suggest.h: "did you mean" suggestions by edit distance; private to the core. */
#pragma once

#include <glib.h>
#include <winnow/version.h>

G_BEGIN_DECLS

/* The Levenshtein distance between two strings, counted in bytes; gives up
 * and returns `limit` + 1 once it is sure the distance exceeds `limit`. */
WN_API guint wn_edit_distance(const char *a, const char *b, guint limit);

/* The candidate closest to `word`, when it is close enough to be a plausible
 * typo (distance at most 1 for words of up to 3 bytes, else at most 2 or a
 * third of the word's length, whichever is more); NULL otherwise. The result points into
 * `candidates`. */
WN_API const char *wn_suggest(const char *word, const char *const *candidates);

/* `candidates` joined as "a, b, c", or "(none)" when empty; newly allocated. */
WN_API char *wn_join_names(const char *const *candidates);

G_END_DECLS
