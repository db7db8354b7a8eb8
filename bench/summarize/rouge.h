/* rouge.h: a ROUGE-1, ROUGE-2 and ROUGE-L scorer (F1, precision, recall) for
 * comparing a candidate summary with a reference summary.
 *
 * Tokenisation follows the classic scorer: lower-case, every character that is
 * not an ASCII letter or digit separates tokens. With stemming, tokens longer
 * than three characters go through the Snowball English stemmer (libstemmer),
 * which differs in a few suffixes from the original Porter stemmer the classic
 * Perl scorer uses, so figures can differ slightly from it. ROUGE-L is the
 * longest common subsequence over the whole token sequences (not the
 * sentence-level union variant). A length limit keeps the first N
 * whitespace-separated words of both texts before tokenising (like the classic
 * scorer's -l). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double precision, recall, f1;
} WnRougeScore;

typedef struct {
  WnRougeScore rouge1, rouge2, rougeL;
} WnRouge;

typedef struct _WnRougeScorer WnRougeScorer;

/* `stem`: use Snowball English stemming. `max_words`: 0 for no limit. */
WnRougeScorer *wn_rouge_scorer_new(gboolean stem, guint max_words);
void wn_rouge_scorer_free(WnRougeScorer *scorer);
/* Separate limits for the candidate and the reference (0 = none). */
void wn_rouge_scorer_set_limits(WnRougeScorer *scorer, guint candidate_words,
                                guint reference_words);
void wn_rouge_score(WnRougeScorer *scorer, const char *candidate, const char *reference,
                    WnRouge *out);
/* The tokens the scorer compares (for tests), with the candidate's limit: a
 * NULL-terminated vector. */
char **wn_rouge_tokens(WnRougeScorer *scorer, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnRougeScorer, wn_rouge_scorer_free)

G_END_DECLS
