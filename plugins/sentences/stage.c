/* stage.c: the `sentences` stage: option table and WN_STAGE_DEFINE glue around
 * the splitter (splitter.h and split.c document the boundary rules).
 *
 * Provides `sentences` (one span per sentence, no label, surrounding whitespace
 * excluded) and, unless the option `tokens` is false, `tokens` (labels "word",
 * "number", "punct", interned). Token conventions, for the stages built on them:
 * - "U.S.", "Mr.", "e.g.", "J." are one word token with their period, also when
 *   the period ends the sentence; "3.14", "1,000", "10:30", "1st" are numbers;
 * - money is split: "$1.5 bn" gives "$" (punct), "1.5" (number), "bn" (word);
 * - English clitics are split as in the Penn Treebank: "don't" gives "do" + "n't",
 *   "Obama's" gives "Obama" + "'s" (curly apostrophes alike); "O'Brien" stays whole;
 *   in French an elided article is a token of its own ("l'" + "homme");
 * - URLs, e-mail addresses, domain and file names, hashtags and @mentions are one
 *   word token; hyphenated words ("cap-and-trade") are one token;
 * - punctuation: one token per run of one ASCII mark ("...", "--"), per run of
 *   ?/! ("?!"), otherwise per character with its combining marks (emoji whole).
 * The state is the immutable WnSplitter, so process() runs on many documents at once. */
#include <winnow/winnow.h>

#include "splitter.h"

static const char *const language_choices[] = {"en", "fr", "de", "es", NULL};
static const char *const newline_choices[] = {"never", "paragraphs", "always", NULL};

static const WnOptionSpec options[] = {
    {.name = "language",
     .type = WN_OPTION_STRING,
     .default_value = "en",
     .choices = language_choices,
     .help = "Language of the abbreviation and sentence-starter lists: en, fr, de or es"},
    {.name = "extra_abbreviations",
     .type = WN_OPTION_STRING_LIST,
     .default_value = "",
     .help = "More abbreviations whose period does not end a sentence, e.g. [\"approx.\"]"},
    {.name = "split_on_newlines",
     .type = WN_OPTION_STRING,
     .default_value = "paragraphs",
     .choices = newline_choices,
     .help = "never: line breaks are spaces; paragraphs: blank lines and breaks after "
             "unpunctuated lines end sentences, soft wraps do not; always: every line break "
             "ends a sentence"},
    {.name = "tokens",
     .type = WN_OPTION_BOOL,
     .default_value = "true",
     .help = "Also provide the tokens layer"},
    {.name = NULL},
};

typedef struct {
  WnSplitter *splitter;
  gboolean tokens;
  const char *labels[3]; /* interned "word", "number", "punct", by WnTokenKind */
} State;

static gboolean
sentences_init(const WnOptions *opts, gpointer *state, GError **error)
{
  WnLanguage language;
  WnNewlineMode newlines;
  /* The core has checked the choices; these only fail if the tables disagree. */
  if (!wn_language_from_string(wn_options_get_string(opts, "language"), &language) ||
      !wn_newline_mode_from_string(wn_options_get_string(opts, "split_on_newlines"), &newlines)) {
    g_set_error(error, WN_ERROR, WN_ERROR_OPTION_RANGE,
                "sentences: unknown language or split_on_newlines value");
    return FALSE;
  }
  WnSplitter *splitter =
      wn_splitter_new(language, wn_options_get_strv(opts, "extra_abbreviations"), newlines, error);
  if (splitter == NULL)
    return FALSE;
  State *st = g_new0(State, 1);
  st->splitter = splitter;
  st->tokens = wn_options_get_bool(opts, "tokens");
  /* Interned, so that other stages may compare labels by pointer. */
  for (int k = WN_TOKEN_WORD; k <= WN_TOKEN_PUNCT; k++)
    st->labels[k] = g_intern_static_string(wn_token_kind_label((WnTokenKind)k));
  *state = st;
  return TRUE;
}

static gboolean
sentences_process(gpointer state, WnDoc *doc, GError **error)
{
  const State *st = state;
  gsize len;
  const char *text = wn_doc_get_text(doc, &len);
  g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
  wn_sentences_split(st->splitter, text, len, sents);

  WnLayer *layer = wn_doc_add_layer(doc, "sentences");
  wn_layer_reserve(layer, sents->len);
  for (guint i = 0; i < sents->len; i++) {
    const WnRange *r = &g_array_index(sents, WnRange, i);
    wn_layer_append(layer, r->start, r->end, NULL, 0.0);
  }
  if (!st->tokens)
    return TRUE;

  g_autoptr(GArray) toks = g_array_sized_new(FALSE, FALSE, sizeof(WnToken), len / 5 + 16);
  for (guint i = 0; i < sents->len; i++) {
    const WnRange *r = &g_array_index(sents, WnRange, i);
    wn_tokens_split(st->splitter, text, r->start, r->end, toks);
  }
  WnLayer *tl = wn_doc_add_layer(doc, "tokens");
  wn_layer_reserve(tl, toks->len);
  for (guint i = 0; i < toks->len; i++) {
    const WnToken *tk = &g_array_index(toks, WnToken, i);
    wn_layer_append(tl, tk->start, tk->end, st->labels[tk->kind], 0.0);
  }
  return TRUE;
}

static void
sentences_finalize(gpointer state)
{
  State *st = state;
  if (st == NULL)
    return;
  wn_splitter_free(st->splitter);
  g_free(st);
}

WN_STAGE_DEFINE(.name = "sentences", .version = "1.0.0",
                .summary = "Splits text into sentences and tokens (words, numbers, punctuation)",
                .license = "MIT", .provides = WN_LAYERS("sentences", "tokens"), .options = options,
                .flags = WN_STAGE_THREAD_SAFE, .init = sentences_init, .process = sentences_process,
                .finalize = sentences_finalize)
