/* run-output.h: what `winnow run` shows besides JSON Lines: the readable
 * digest of --format text (digest.c) and the progress line (progress.c). */
#pragma once

#include <winnow/winnow.h>

/* WnRunner formatting hooks for --format text. */
char *wn_digest_doc(const WnDoc *doc, WnOffsetUnit unit, gpointer user_data);
char *wn_digest_error(const char *id, const char *source, const char *stage, const char *message,
                      gpointer user_data);
char *wn_digest_group(const char *key, const char *const *ids, const WnGroup *group,
                      gpointer user_data);

/* A WnRunProgressFunc that redraws one line on standard error at most four
 * times a second, with an ETA when the total input size is known. Install
 * it only when standard error is a terminal. `user_data` is unused. */
void wn_progress_show(const WnRunStats *stats, gboolean done, gpointer user_data);
