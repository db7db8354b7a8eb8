/* lexicon.h: the word lists the splitter consults, per language.
 *
 * Three small sets, each an open-addressing hash table built once when the
 * splitter is made and read-only afterwards:
 * - abbreviations (with a class saying how they behave before a period),
 * - sentence starters: common words that open sentences ("The", "He", "However"),
 *   the evidence that a period after an abbreviation does end the sentence,
 * - continuation words: words a line cannot end with when the next line goes on
 *   with the same sentence ("the", "of", "and"), for soft line wraps.
 * Lookups take the word's bytes and fold ASCII letters to lower case. */
#pragma once

#include <glib.h>
#include "splitter.h"

typedef enum {
  WN_ABBR_NONE = 0,
  WN_ABBR_COMMON,  /* ends a sentence only before a sentence starter ("Inc.", "Jan.") */
  WN_ABBR_NEVER,   /* precedes a name or phrase, never ends a sentence ("Mr.", "e.g.") */
  WN_ABBR_NUMERIC, /* an abbreviation only before a number ("No. 5", "p. 55") */
} WnAbbrClass;

/* Flag or'ed into a lookup result: the abbreviation only counts when written
 * with a capital first letter ("Ill." the state, not "ill."). */
#define WN_ABBR_CAPITAL 0x10
#define WN_ABBR_CLASS_MASK 0x0f

typedef struct _WnWordSet WnWordSet;

typedef struct {
  WnWordSet *abbreviations;
  WnWordSet *starters;
  WnWordSet *continuations;
  gboolean ordinal_period; /* "3. Oktober": a number with a period is an ordinal (de) */
} WnLexicon;

/* Fills `lex` for `language`, plus `extra` abbreviations, taken as class COMMON
 * like most built-in ones (so "approx. The" still ends a sentence). Fails with
 * WN_ERROR_OPTION_RANGE on a bad extra entry. */
gboolean wn_lexicon_init(WnLexicon *lex, WnLanguage language, const char *const *extra,
                         GError **error);
void wn_lexicon_clear(WnLexicon *lex);

/* The value stored for word[0, len) (ASCII case folded), or 0 when absent. */
guint wn_word_set_lookup(const WnWordSet *set, const char *word, gsize len);
