/* lexicon.c: the splitter's word lists (abbreviations, sentence starters,
 * continuation words) for en, fr, de, es, and the small hash set holding them.
 *
 * List entries are written lower case. In the abbreviation lists a leading '!'
 * marks class NEVER, '#' class NUMERIC, nothing class COMMON; a following '^'
 * means the capitalised spelling only. Dotted acronyms ("U.S.", "a.m.", "EE.UU.")
 * and single initials are recognised by shape in split.c and need no entry. */
#include "lexicon.h"

#include <string.h>
#include <winnow/error.h>

#define WN_MAX_WORD 63

struct _WnWordSet {
  guint mask; /* capacity - 1; capacity is a power of two */
  char **keys;
  guint8 *lens;
  guint *values;
};

/* clang-format off */
static const char *const en_abbreviations[] = {
  /* Titles before a name. */
  "!^mr", "!^mrs", "!^ms", "!^messrs", "!^mmes", "!^dr", "!^prof", "!^sen", "!^rep",
  "!^gov", "!^gen", "!^adm", "!^lt", "!^col", "!^capt", "!^cmdr", "!^cpl", "!^sgt",
  "!^maj", "!^brig", "!^rev", "!^hon", "!^pres", "!^supt", "!^insp", "!^atty", "!^gov't",
  "!^fr", "!^drs", "!^sr", "!^sra", "!^mme", "!^mlle", "!^rt", "st",
  /* Latin and linking abbreviations that sit inside a sentence. */
  "!e.g", "!i.e", "!p.s", "!^ps", "!vs", "!viz", "!cf", "!approx", "!ca", "!resp", "!incl",
  /* Name suffixes, companies, places. */
  "^jr", "esq", "^mt", "ft", "assoc", "apt", "ste", "pt", "rte", "mgmt", "inst", "acad", "ave", "blvd", "^rd", "hwy", "ln", "inc", "corp", "ltd", "co",
  "llc", "plc", "pvt", "bros", "assn", "dept", "univ", "est", "etc", "al", "ed", "eds", "trans",
  "ibid", "misc", "govt", "intl", "natl", "mfg", "mgr", "sq", "min", "max", "hr", "hrs",
  "oz", "lb", "lbs", "yr", "yrs", "mo", "mos", "wk", "wks", "cal", "dist", "div", "jct",
  /* Months and days. */
  "^jan", "^feb", "^mar", "^apr", "^jun", "^jul", "^aug", "^sep", "^sept", "^oct", "^nov",
  "^dec", "^mon", "^tue", "^tues", "^wed", "^thu", "^thur", "^thurs", "^fri", "^sat", "^sun",
  /* US states in the AP's style. */
  "^ala", "^ariz", "^ark", "^calif", "^colo", "^conn", "^del", "^fla", "^ga", "^ill",
  "^ind", "^kan", "^kans", "^ky", "^la", "^md", "^mass", "^mich", "^minn", "^miss", "^mont",
  "^neb", "^nev", "^okla", "^ore", "^pa", "^penn", "^tenn", "^tex", "^va", "^vt", "^wash",
  "^wis", "^wyo",
  /* Before numbers. */
  "#no", "#nos", "#nr", "#p", "#pp", "#vol", "#vols", "#fig", "#figs", "#ch", "#chap",
  "#sec", "#art", "#para", "#pg", "#tel", "#ext", "#op", "#ref", "#eq", "#n", "#n°", "#nº",
  NULL
};

static const char *const en_starters[] = {
  "the", "a", "an", "i", "he", "she", "it", "we", "they", "you", "this", "that", "these",
  "those", "there", "here", "his", "her", "its", "our", "their", "my", "your", "what",
  "when", "where", "why", "how", "who", "which", "whose", "while", "if", "as", "at", "in",
  "on", "for", "from", "by", "with", "to", "after", "before", "during", "since", "although",
  "though", "because", "but", "and", "or", "so", "yet", "also", "however", "meanwhile",
  "moreover", "then", "now", "today", "yesterday", "tomorrow", "thus", "still", "some",
  "many", "most", "all", "both", "each", "every", "not", "one", "first", "last", "next",
  "another", "such", "only", "even", "do", "does", "did", "is", "are", "was", "were", "has",
  "have", "had", "can", "could", "will", "would", "should", "may", "might", "must", "let",
  "please", "thanks", "thank", "yes", "oh", "well", "according", "under", "over", "about",
  "into", "despite", "without", "unlike", "among", "instead", "later", "earlier", "again",
  "perhaps", "maybe", "indeed", "nevertheless", "furthermore", "nonetheless", "otherwise",
  "therefore", "hence", "finally", "overall", "no", "none", "nothing", "everyone",
  "someone", "nobody", "we're", "i'm", "it's", "don't", "so", "once", "other", "others",
  "more", "few", "several", "just", "never", "always", "sometimes", "often", "however",
  NULL
};

static const char *const en_continuations[] = {
  "the", "a", "an", "of", "to", "and", "or", "but", "nor", "in", "on", "at", "for", "with",
  "by", "from", "as", "that", "which", "who", "whose", "is", "are", "was", "were", "be",
  "been", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those",
  "than", "into", "onto", "about", "over", "under", "between", "through", "against",
  "without", "within", "not", "if", "when", "while", "because", "although", "since",
  "until", "upon", "via", "per", "very", "has", "have", "had", "will", "would", "can",
  "could", "should", "may", "might", "must", "do", "does", "did", "&",
  NULL
};

static const char *const fr_abbreviations[] = {
  "!^m", "!^mm", "!^mme", "!^mmes", "!^mlle", "!^mlles", "!^dr", "!^pr", "!^me", "!^mgr",
  "!^st", "!^ste", "!cf", "!p.ex", "!env", "!resp", "!vs",
  "etc", "av", "bd", "cie", "éd", "ex", "^janv", "^févr", "^avr", "^juil", "^sept", "^oct",
  "^nov", "^déc", "^lun", "^mer", "^jeu", "^ven", "^sam", "^dim", "min", "max", "env",
  "#n", "#no", "#nº", "#p", "#pp", "#vol", "#chap", "#art", "#fig", "#t", "#tél",
  NULL
};

static const char *const fr_starters[] = {
  "le", "la", "les", "l", "un", "une", "des", "du", "il", "elle", "ils", "elles", "on",
  "nous", "vous", "je", "j", "tu", "ce", "cet", "cette", "ces", "c", "mais", "et", "ou",
  "donc", "or", "car", "puis", "alors", "ensuite", "enfin", "cependant", "pourtant",
  "toutefois", "dans", "en", "à", "au", "aux", "pour", "par", "sur", "avec", "selon", "si",
  "quand", "lorsque", "comme", "depuis", "après", "avant", "son", "sa", "ses", "leur",
  "leurs", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "qui", "que", "quoi", "où",
  "pourquoi", "comment", "aujourd", "hier", "demain", "ainsi", "mais", "ne", "non", "oui",
  NULL
};

static const char *const fr_continuations[] = {
  "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "mais", "à", "au", "aux",
  "en", "dans", "par", "pour", "sur", "avec", "sans", "que", "qui", "dont", "est", "sont",
  "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "ne", "pas", "très",
  NULL
};

static const char *const de_abbreviations[] = {
  "!^hr", "!^hrn", "!^fr", "!^frl", "!^dr", "!^prof", "!^st", "!z.b", "!u.a", "!d.h",
  "!bzw", "!vgl", "!ggf", "!evtl", "!inkl", "!ca", "!sog", "!o.ä", "!u.ä", "!s.o", "!s.u",
  "!etw", "!v.a", "!z.t",
  "usw", "etc", "str", "^jh", "^jhd", "jhs", "mio", "mrd", "^jan", "^feb", "^apr", "^jun",
  "^jul", "^aug", "^sep", "^sept", "^okt", "^nov", "^dez", "max", "min", "geb", "gest",
  "abt", "ehem", "allg", "dt", "engl", "franz", "lat", "zzgl", "bspw", "usf",
  "#nr", "#abs", "#s", "#bd", "#tel", "#art", "#abb", "#kap", "#ziff", "#vol",
  NULL
};

static const char *const de_starters[] = {
  "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem",
  "einen", "er", "sie", "es", "wir", "ich", "ihr", "man", "du", "dies", "diese", "dieser",
  "dieses", "aber", "und", "oder", "denn", "doch", "dann", "also", "auch", "so", "in", "im",
  "am", "an", "auf", "aus", "bei", "mit", "nach", "seit", "von", "vor", "zu", "zum", "zur",
  "für", "durch", "über", "unter", "wenn", "als", "da", "weil", "obwohl", "wie", "was",
  "wer", "wo", "warum", "heute", "gestern", "morgen", "sein", "seine", "ihre", "unser",
  "unsere", "jetzt", "nun", "hier", "dort", "trotzdem", "deshalb", "außerdem", "jedoch",
  NULL
};

static const char *const de_continuations[] = {
  "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
  "und", "oder", "aber", "in", "im", "am", "an", "auf", "aus", "bei", "mit", "nach", "von",
  "vor", "zu", "zum", "zur", "für", "über", "unter", "durch", "ist", "sind", "war", "dass",
  NULL
};

static const char *const es_abbreviations[] = {
  "!^sr", "!^sra", "!^srta", "!^sres", "!^sras", "!^dr", "!^dra", "!^lic", "!^ing",
  "!^prof", "!^d", "!^dña", "!^sto", "!^sta", "!vs", "!aprox", "!p.ej", "!cf",
  "ud", "uds", "etc", "av", "avda", "cía", "dpto", "gral", "admón", "^ene", "^feb", "^mar",
  "^abr", "^jun", "^jul", "^ago", "^sep", "^sept", "^oct", "^nov", "^dic", "máx", "mín",
  "#pág", "#págs", "#núm", "#n", "#no", "#nº", "#p", "#vol", "#cap", "#art", "#fig",
  "#tel", "#c",
  NULL
};

static const char *const es_starters[] = {
  "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "él", "ella", "ellos",
  "ellas", "yo", "tú", "usted", "nosotros", "se", "su", "sus", "mi", "mis", "este", "esta",
  "estos", "estas", "eso", "esto", "ese", "esa", "pero", "y", "o", "en", "de", "del", "al",
  "a", "con", "por", "para", "sin", "según", "si", "cuando", "como", "donde", "porque",
  "aunque", "también", "además", "hoy", "ayer", "mañana", "no", "hay", "es", "fue", "ha",
  "era", "qué", "cómo", "cuándo", "dónde", "luego", "entonces", "sin", "así",
  NULL
};

static const char *const es_continuations[] = {
  "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "al", "a", "y", "o",
  "pero", "en", "con", "por", "para", "sin", "que", "es", "son", "su", "sus", "muy",
  NULL
};
/* clang-format on */

static inline guchar
ascii_lower(guchar c)
{
  return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

static guint
hash_word(const char *w, gsize len)
{
  /* FNV-1a over ASCII-folded bytes. */
  guint h = 2166136261u;
  for (gsize i = 0; i < len; i++) {
    h ^= ascii_lower((guchar)w[i]);
    h *= 16777619u;
  }
  return h;
}

static gboolean
word_equal(const char *key, guint8 key_len, const char *w, gsize len)
{
  if (key_len != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((guchar)key[i] != ascii_lower((guchar)w[i]))
      return FALSE;
  return TRUE;
}

static WnWordSet *
word_set_new(guint n_max)
{
  WnWordSet *set = g_new0(WnWordSet, 1);
  guint cap = 16;
  while (cap < n_max * 2)
    cap <<= 1;
  set->mask = cap - 1;
  set->keys = g_new0(char *, cap);
  set->lens = g_new0(guint8, cap);
  set->values = g_new0(guint, cap);
  return set;
}

static void
word_set_free(WnWordSet *set)
{
  if (set == NULL)
    return;
  for (guint i = 0; i <= set->mask; i++)
    g_free(set->keys[i]);
  g_free(set->keys);
  g_free(set->lens);
  g_free(set->values);
  g_free(set);
}

/* Adds or overwrites; `w` must be at most WN_MAX_WORD bytes. */
static void
word_set_add(WnWordSet *set, const char *w, gsize len, guint value)
{
  guint i = hash_word(w, len) & set->mask;
  while (set->keys[i] != NULL) {
    if (word_equal(set->keys[i], set->lens[i], w, len)) {
      set->values[i] = value;
      return;
    }
    i = (i + 1) & set->mask;
  }
  set->keys[i] = g_ascii_strdown(w, (gssize)len);
  set->lens[i] = (guint8)len;
  set->values[i] = value;
}

guint
wn_word_set_lookup(const WnWordSet *set, const char *word, gsize len)
{
  if (len == 0 || len > WN_MAX_WORD)
    return 0;
  guint i = hash_word(word, len) & set->mask;
  while (set->keys[i] != NULL) {
    if (word_equal(set->keys[i], set->lens[i], word, len))
      return set->values[i];
    i = (i + 1) & set->mask;
  }
  return 0;
}

static guint
count(const char *const *list)
{
  guint n = 0;
  while (list != NULL && list[n] != NULL)
    n++;
  return n;
}

static WnWordSet *
plain_set(const char *const *list)
{
  WnWordSet *set = word_set_new(count(list));
  for (guint i = 0; list[i] != NULL; i++)
    word_set_add(set, list[i], strlen(list[i]), 1);
  return set;
}

gboolean
wn_lexicon_init(WnLexicon *lex, WnLanguage language, const char *const *extra, GError **error)
{
  const char *const *abbr = en_abbreviations, *const *start = en_starters,
                    *const *cont = en_continuations;
  switch (language) {
  case WN_LANG_EN:
    break;
  case WN_LANG_FR:
    abbr = fr_abbreviations, start = fr_starters, cont = fr_continuations;
    break;
  case WN_LANG_DE:
    abbr = de_abbreviations, start = de_starters, cont = de_continuations;
    break;
  case WN_LANG_ES:
    abbr = es_abbreviations, start = es_starters, cont = es_continuations;
    break;
  }

  /* Check the user's entries before building anything. */
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++) {
    const char *e = extra[i];
    gsize n = strlen(e);
    while (n > 0 && e[n - 1] == '.')
      n--;
    if (n == 0 || n > WN_MAX_WORD) {
      g_set_error(error, WN_ERROR, WN_ERROR_OPTION_RANGE,
                  "sentences: extra_abbreviations entry %u (\"%s\") must be a word of 1 to %d "
                  "bytes, with or without its final period",
                  i + 1, e, WN_MAX_WORD);
      return FALSE;
    }
    for (gsize j = 0; j < n; j++)
      if (g_ascii_isspace(e[j])) {
        g_set_error(error, WN_ERROR, WN_ERROR_OPTION_RANGE,
                    "sentences: extra_abbreviations entry %u (\"%s\") holds whitespace; give "
                    "one abbreviation per entry",
                    i + 1, e);
        return FALSE;
      }
  }

  lex->abbreviations = word_set_new(count(abbr) + count(extra));
  for (guint i = 0; abbr[i] != NULL; i++) {
    const char *a = abbr[i];
    guint cls = WN_ABBR_COMMON, flags = 0;
    if (*a == '!')
      cls = WN_ABBR_NEVER, a++;
    else if (*a == '#')
      cls = WN_ABBR_NUMERIC, a++;
    if (*a == '^')
      flags = WN_ABBR_CAPITAL, a++;
    word_set_add(lex->abbreviations, a, strlen(a), cls | flags);
  }
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++) {
    gsize n = strlen(extra[i]);
    while (n > 0 && extra[i][n - 1] == '.')
      n--;
    word_set_add(lex->abbreviations, extra[i], n, WN_ABBR_COMMON);
  }
  lex->starters = plain_set(start);
  lex->continuations = plain_set(cont);
  lex->ordinal_period = language == WN_LANG_DE;
  return TRUE;
}

void
wn_lexicon_clear(WnLexicon *lex)
{
  word_set_free(lex->abbreviations);
  word_set_free(lex->starters);
  word_set_free(lex->continuations);
  memset(lex, 0, sizeof *lex);
}
