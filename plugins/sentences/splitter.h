/* splitter.h: the sentence splitter and tokenizer as a plain internal C API.
 *
 * stage.c is thin glue around these calls; the tests and the benchmarks call them
 * directly. A WnSplitter is immutable once made, so one splitter may be used from
 * several threads at once.
 *
 * Sentences: one span per sentence, from its first to its last non-space
 * character (surrounding whitespace is never inside a span). Spans are ordered,
 * never overlap, together cover every non-space character of the text, and
 * start and end on UTF-8 character boundaries.
 *
 * Tokens (labels "word", "number", "punct"), chosen for the entity tagger and the
 * summarizer that build on them:
 * - a word is letters/digits/marks joined by inner hyphens, underscores, periods
 *   and '@' ("wheel-chair", "F-16", "example.com", "v2.0.1", "jane@example.com");
 * - URLs (http://, https://, ftp://, www., mailto:) are one word token, trailing
 *   sentence punctuation excluded; hashtags and @mentions are one word token;
 * - known abbreviations, initials and dotted acronyms keep their final period
 *   ("U.S.", "Mr.", "e.g.", "J."), even when that period also ends the sentence;
 * - a token starting with a digit is a "number" ("3.14", "1,000", "10:30",
 *   "02/13/2001", "1st"); money is split: "$1.5" gives "$" (punct) + "1.5" (number);
 * - English clitics are split as in the Penn Treebank: "don't" -> "do" + "n't",
 *   "Obama's" -> "Obama" + "'s" (also 're 've 'll 'd 'm); other inner apostrophes
 *   stay inside the word ("O'Brien"); in French an elided article or pronoun is its
 *   own token ("l'homme" -> "l'" + "homme");
 * - punctuation: one token per run of the same ASCII mark ("...", "!!", "--"),
 *   one per run of ?/! ("?!"), otherwise one per character with its combining
 *   marks, variation selectors and zero-width-joined followers (emoji sequences).
 * Tokens never cross a sentence boundary. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WN_LANG_EN,
  WN_LANG_FR,
  WN_LANG_DE,
  WN_LANG_ES,
} WnLanguage;

typedef enum {
  WN_NEWLINES_NEVER,      /* line breaks are plain whitespace */
  WN_NEWLINES_PARAGRAPHS, /* a blank line ends a sentence; so does a line break after
                           * a line without final punctuation, unless it is a soft wrap */
  WN_NEWLINES_ALWAYS,     /* every line break ends a sentence */
} WnNewlineMode;

typedef enum {
  WN_TOKEN_WORD,
  WN_TOKEN_NUMBER,
  WN_TOKEN_PUNCT,
} WnTokenKind;

/* A byte range [start, end) of the text. */
typedef struct {
  gsize start;
  gsize end;
} WnRange;

typedef struct {
  gsize start;
  gsize end;
  WnTokenKind kind;
} WnToken;

typedef struct _WnSplitter WnSplitter;

/* Parses "en", "fr", "de", "es"; FALSE for anything else. */
gboolean wn_language_from_string(const char *name, WnLanguage *out);
/* Parses "never", "paragraphs", "always"; FALSE for anything else. */
gboolean wn_newline_mode_from_string(const char *name, WnNewlineMode *out);

/* `extra_abbreviations`: NULL-terminated list (or NULL) of words that do not end a
 * sentence when followed by a period, given with or without their final period
 * ("approx." or "approx"). An entry that is empty, longer than 63 bytes, or holds
 * whitespace fails with WN_ERROR_OPTION_RANGE. */
WnSplitter *wn_splitter_new(WnLanguage language, const char *const *extra_abbreviations,
                            WnNewlineMode newlines, GError **error);
void wn_splitter_free(WnSplitter *splitter);

/* Appends one WnRange per sentence of text[0, len) to `sentences`. `text` must be
 * valid UTF-8 (a WnDoc's text always is); invalid bytes never crash it but are
 * treated as single characters. Linear time in `len`. */
void wn_sentences_split(const WnSplitter *splitter, const char *text, gsize len, GArray *sentences);

/* Appends one WnToken per token of text[start, end) to `tokens`. */
void wn_tokens_split(const WnSplitter *splitter, const char *text, gsize start, gsize end,
                     GArray *tokens);

/* The label of a token kind: "word", "number" or "punct" (static strings). */
const char *wn_token_kind_label(WnTokenKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnSplitter, wn_splitter_free)

G_END_DECLS
