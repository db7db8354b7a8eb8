/* stopwords.c: short function-word lists per language, so that similarity between
 * sentences rests on content words. Written for winnow; deliberately short (the
 * commonest articles, pronouns, auxiliaries, prepositions and conjunctions). */
#include "summarize.h"

#include <string.h>

static const char *const stop_en[] = {
    "a",     "about",   "above",   "after",   "again",  "against", "all",   "also",     "am",
    "an",    "and",     "any",     "are",     "as",     "at",      "be",    "been",     "before",
    "being", "below",   "between", "both",    "but",    "by",      "can",   "could",    "did",
    "do",    "does",    "doing",   "down",    "during", "each",    "even",  "few",      "for",
    "from",  "further", "had",     "has",     "have",   "having",  "he",    "her",      "here",
    "hers",  "herself", "him",     "himself", "his",    "how",     "i",     "if",       "in",
    "into",  "is",      "it",      "its",     "itself", "just",    "may",   "me",       "might",
    "more",  "most",    "much",    "must",    "my",     "myself",  "no",    "nor",      "not",
    "now",   "of",      "off",     "on",      "once",   "only",    "or",    "other",    "our",
    "ours",  "out",     "over",    "own",     "s",      "same",    "shall", "she",      "should",
    "so",    "some",    "such",    "t",       "than",   "that",    "the",   "their",    "theirs",
    "them",  "then",    "there",   "these",   "they",   "this",    "those", "through",  "to",
    "too",   "under",   "until",   "up",      "upon",   "us",      "very",  "was",      "we",
    "were",  "what",    "when",    "where",   "which",  "while",   "who",   "whom",     "whose",
    "why",   "will",    "with",    "would",   "you",    "your",    "yours", "yourself", "ll",
    "re",    "ve",      "d",       "m",       "don",    "didn",    "doesn", "isn",      "wasn",
    "aren",  "weren",   "won",     "said",    "says",   "one",     "two",   "new",      "like",
    "get",   "got",     "make",    "made",    "many",   "well",    "still", "yet",      "however",
    NULL};

static const char *const stop_fr[] = {
    "a",     "à",    "afin",  "ai",    "aie",   "ainsi",   "alors", "au",     "aucun", "aussi",
    "autre", "aux",  "avait", "avec",  "avoir", "avons",   "c",     "ça",     "car",   "ce",
    "ceci",  "cela", "celle", "celui", "ces",   "cet",     "cette", "chaque", "comme", "d",
    "dans",  "de",   "des",   "donc",  "dont",  "du",      "elle",  "elles",  "en",    "encore",
    "entre", "es",   "est",   "et",    "été",   "étaient", "était", "être",   "eu",    "eux",
    "fait",  "il",   "ils",   "j",     "je",    "l",       "la",    "le",     "les",   "leur",
    "leurs", "lui",  "m",     "mais",  "me",    "même",    "mes",   "moi",    "mon",   "n",
    "ne",    "ni",   "nos",   "notre", "nous",  "on",      "ont",   "ou",     "où",    "par",
    "pas",   "peu",  "plus",  "pour",  "qu",    "que",     "quel",  "quelle", "qui",   "s",
    "sa",    "sans", "se",    "ses",   "si",    "son",     "sont",  "sous",   "sur",   "t",
    "ta",    "te",   "tes",   "toi",   "ton",   "tous",    "tout",  "toute",  "très",  "tu",
    "un",    "une",  "vos",   "votre", "vous",  "y",       "déjà",  "selon",  "lors",  "dit",
    NULL};

static const char *const stop_de[] = {
    "aber",   "alle",     "allem",  "allen",  "aller",  "alles", "als",    "also",   "am",
    "an",     "auch",     "auf",    "aus",    "bei",    "bin",   "bis",    "bist",   "da",
    "damit",  "dann",     "das",    "dass",   "daß",    "dein",  "dem",    "den",    "denn",
    "der",    "des",      "dich",   "die",    "dies",   "diese", "diesem", "diesen", "dieser",
    "dieses", "dir",      "doch",   "dort",   "du",     "durch", "ein",    "eine",   "einem",
    "einen",  "einer",    "eines",  "er",     "es",     "etwas", "euch",   "euer",   "für",
    "gegen",  "hab",      "habe",   "haben",  "hat",    "hatte", "hätte",  "hier",   "hin",
    "ich",    "ihm",      "ihn",    "ihnen",  "ihr",    "ihre",  "ihrem",  "ihren",  "ihrer",
    "im",     "in",       "ins",    "ist",    "ja",     "jede",  "jeder",  "jetzt",  "kann",
    "kein",   "keine",    "man",    "mein",   "mich",   "mir",   "mit",    "muss",   "nach",
    "nicht",  "nichts",   "noch",   "nun",    "nur",    "ob",    "oder",   "ohne",   "sehr",
    "sein",   "seine",    "seinem", "seinen", "seiner", "sich",  "sie",    "sind",   "so",
    "soll",   "über",     "um",     "und",    "uns",    "unser", "unter",  "vom",    "von",
    "vor",    "war",      "waren",  "was",    "weil",   "wenn",  "wer",    "werden", "wie",
    "wieder", "will",     "wir",    "wird",   "wo",     "wurde", "wurden", "zu",     "zum",
    "zur",    "zwischen", "sagte",  "laut",   NULL};

static const char *const stop_es[] = {
    "a",     "al",     "algo",  "algunos", "ante",    "antes",  "como",  "con",     "contra",
    "cual",  "cuando", "de",    "del",     "desde",   "donde",  "dos",   "durante", "e",
    "el",    "él",     "ella",  "ellas",   "ellos",   "en",     "entre", "era",     "eran",
    "es",    "esa",    "esas",  "ese",     "eso",     "esos",   "esta",  "está",    "están",
    "estas", "este",   "esto",  "estos",   "fue",     "fueron", "ha",    "había",   "han",
    "hasta", "hay",    "la",    "las",     "le",      "les",    "lo",    "los",     "más",
    "me",    "mi",     "mis",   "muy",     "nada",    "ni",     "no",    "nos",     "nosotros",
    "o",     "os",     "otra",  "otro",    "para",    "pero",   "poco",  "por",     "porque",
    "que",   "qué",    "quien", "se",      "sea",     "ser",    "si",    "sí",      "sido",
    "sin",   "sobre",  "su",    "sus",     "también", "tan",    "te",    "tiene",   "todo",
    "todos", "tu",     "tus",   "un",      "una",     "uno",    "unos",  "y",       "ya",
    "yo",    "según",  "dijo",  "ser",     NULL};

typedef struct {
  const char *code;
  const char *const *words;
} StopList;

static const StopList stop_lists[] = {
    {"en", stop_en}, {"fr", stop_fr}, {"de", stop_de}, {"es", stop_es}};

/* One read-only hash set per language, built once; lookups after that are
 * safe from any thread. */
static GHashTable *
stop_set(const char *language)
{
  static GHashTable *sets[G_N_ELEMENTS(stop_lists)];
  static gsize ready = 0;
  if (g_once_init_enter(&ready)) {
    for (gsize i = 0; i < G_N_ELEMENTS(stop_lists); i++) {
      sets[i] = g_hash_table_new(g_str_hash, g_str_equal);
      for (const char *const *w = stop_lists[i].words; *w != NULL; w++)
        g_hash_table_add(sets[i], (gpointer)*w);
    }
    g_once_init_leave(&ready, 1);
  }
  for (gsize i = 0; i < G_N_ELEMENTS(stop_lists); i++)
    if (g_strcmp0(language, stop_lists[i].code) == 0)
      return sets[i];
  return NULL;
}

gboolean
wn_sum_is_stopword(const char *language, const char *word)
{
  GHashTable *set = stop_set(language);
  return set != NULL && g_hash_table_contains(set, word);
}

gboolean
wn_sum_language_supported(const char *language)
{
  return stop_set(language) != NULL;
}
