/* test-tokens.c: the token conventions documented in splitter.h and stage.c,
 * one case each: the exact tokens of a short text, written "text/label". */
#include <string.h>

#include "splitter.h"

typedef struct {
  const char *path;
  WnLanguage language;
  const char *text;
  const char *want;
} TokCase;

/* clang-format off */
static const TokCase cases[] = {
  {"/sentences/tokens/plain", WN_LANG_EN, "The cat sat.", "The/word cat/word sat/word ./punct"},
  {"/sentences/tokens/abbreviations", WN_LANG_EN, "Mr. Lee met Dr. Ng in the U.S. today, e.g. here.",
   "Mr./word Lee/word met/word Dr./word Ng/word in/word the/word U.S./word today/word ,/punct "
   "e.g./word here/word ./punct"},
  {"/sentences/tokens/abbreviation-final", WN_LANG_EN, "He moved to the U.S.",
   "He/word moved/word to/word the/word U.S./word"},
  {"/sentences/tokens/initials", WN_LANG_EN, "J. R. R. Tolkien", "J./word R./word R./word Tolkien/word"},
  {"/sentences/tokens/money", WN_LANG_EN, "It cost $1.5 bn, or €20.", "It/word cost/word $/punct 1.5/number "
   "bn/word ,/punct or/word €/punct 20/number ./punct"},
  {"/sentences/tokens/numbers", WN_LANG_EN, "On 02/13/2001 at 10:30, 1,000 fans paid 3.14 each.",
   "On/word 02/13/2001/number at/word 10:30/number ,/punct 1,000/number fans/word paid/word "
   "3.14/number each/word ./punct"},
  {"/sentences/tokens/ordinal", WN_LANG_EN, "the 21st century", "the/word 21st/number century/word"},
  {"/sentences/tokens/percent", WN_LANG_EN, "up 5%", "up/word 5/number %/punct"},
  {"/sentences/tokens/version", WN_LANG_EN, "Install v2.0.1 now", "Install/word v2.0.1/word now/word"},
  {"/sentences/tokens/contraction", WN_LANG_EN, "I don't know, can't you?",
   "I/word do/word n't/word know/word ,/punct ca/word n't/word you/word ?/punct"},
  {"/sentences/tokens/possessive", WN_LANG_EN, "Obama's plan and the world’s end",
   "Obama/word 's/word plan/word and/word the/word world/word ’s/word end/word"},
  {"/sentences/tokens/clitics", WN_LANG_EN, "we're they've I'll she'd I'm",
   "we/word 're/word they/word 've/word I/word 'll/word she/word 'd/word I/word 'm/word"},
  {"/sentences/tokens/name-apostrophe", WN_LANG_EN, "O'Brien and rock'n'roll",
   "O'Brien/word and/word rock'n'roll/word"},
  {"/sentences/tokens/hyphen", WN_LANG_EN, "a well-known F-16-launched cap-and-trade plan",
   "a/word well-known/word F-16-launched/word cap-and-trade/word plan/word"},
  {"/sentences/tokens/url", WN_LANG_EN, "See https://example.com/a/b.html?x=1.",
   "See/word https://example.com/a/b.html?x=1/word ./punct"},
  {"/sentences/tokens/url-in-parens", WN_LANG_EN, "(www.example.org)",
   "(/punct www.example.org/word )/punct"},
  {"/sentences/tokens/email", WN_LANG_EN, "Mail jane.doe@example.co.uk now.",
   "Mail/word jane.doe@example.co.uk/word now/word ./punct"},
  {"/sentences/tokens/domain-file", WN_LANG_EN, "example.com sent report.pdf",
   "example.com/word sent/word report.pdf/word"},
  {"/sentences/tokens/hashtag-mention", WN_LANG_EN, "#WorldCup with @jane_doe!",
   "#WorldCup/word with/word @jane_doe/word !/punct"},
  {"/sentences/tokens/punct-runs", WN_LANG_EN, "Wait... what?! No -- never!!",
   "Wait/word .../punct what/word ?!/punct No/word --/punct never/word !!/punct"},
  {"/sentences/tokens/quotes", WN_LANG_EN, "“Yes,” he said (twice).",
   "“/punct Yes/word ,/punct ”/punct he/word said/word (/punct twice/word )/punct ./punct"},
  {"/sentences/tokens/ellipsis-char", WN_LANG_EN, "So…", "So/word …/punct"},
  {"/sentences/tokens/emoji", WN_LANG_EN, "Nice 👍🏽 👩‍👩‍👧 🇫🇷!",
   "Nice/word 👍🏽/punct 👩‍👩‍👧/punct 🇫🇷/punct !/punct"},
  {"/sentences/tokens/combining", WN_LANG_EN, "cafe\xcc\x81 nai\xcc\x88ve",
   "cafe\xcc\x81/word nai\xcc\x88ve/word"},
  {"/sentences/tokens/non-latin", WN_LANG_EN, "Москва и 東京", "Москва/word и/word 東京/word"},
  {"/sentences/tokens/french-elision", WN_LANG_FR, "L'homme qu'il aime aujourd'hui.",
   "L'/word homme/word qu'/word il/word aime/word aujourd'hui/word ./punct"},
  {"/sentences/tokens/german", WN_LANG_DE, "Die Straße z.B. am 3. Oktober",
   "Die/word Straße/word z.B./word am/word 3/number ./punct Oktober/word"},
  {"/sentences/tokens/numeric-abbreviation", WN_LANG_EN, "No. 5 and the answer no.",
   "No./word 5/number and/word the/word answer/word no/word ./punct"},
};
/* clang-format on */

static void
run(gconstpointer data)
{
  const TokCase *c = data;
  g_autoptr(WnSplitter) sp = wn_splitter_new(c->language, NULL, WN_NEWLINES_PARAGRAPHS, NULL);
  g_autoptr(GArray) toks = g_array_new(FALSE, FALSE, sizeof(WnToken));
  wn_tokens_split(sp, c->text, 0, strlen(c->text), toks);
  g_autoptr(GString) got = g_string_new(NULL);
  for (guint i = 0; i < toks->len; i++) {
    const WnToken *t = &g_array_index(toks, WnToken, i);
    g_string_append_printf(got, "%s%.*s/%s", i ? " " : "", (int)(t->end - t->start),
                           c->text + t->start, wn_token_kind_label(t->kind));
  }
  g_assert_cmpstr(got->str, ==, c->want);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_set_nonfatal_assertions();
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
    g_test_add_data_func(cases[i].path, &cases[i], run);
  return g_test_run();
}
