/* stopwords.c: word scanning and the vocabularies the classifiers count:
 * function words of English, French, German, Spanish, Portuguese, Italian and
 * Dutch (prose is dense in
 * them, menus and link lists are not) and the words of page furniture (cookie
 * and consent dialogs, newsletter boxes, share bars) in the same languages.
 * The lists are the team's own; one hash table maps each word to its bits. */
#include "bp.h"

#include <string.h>

static const char *const stop_en[] = {
    "a",        "about",      "above",   "after",  "again", "against", "all",       "also",
    "am",       "an",         "and",     "any",    "are",   "as",      "at",        "be",
    "because",  "been",       "before",  "being",  "below", "between", "both",      "but",
    "by",       "can",        "could",   "did",    "do",    "does",    "doing",     "down",
    "during",   "each",       "even",    "every",  "few",   "for",     "from",      "further",
    "had",      "has",        "have",    "having", "he",    "her",     "here",      "hers",
    "herself",  "him",        "himself", "his",    "how",   "however", "i",         "if",
    "in",       "into",       "is",      "it",     "its",   "itself",  "just",      "may",
    "me",       "might",      "more",    "most",   "much",  "must",    "my",        "myself",
    "no",       "nor",        "not",     "now",    "of",    "off",     "on",        "once",
    "one",      "only",       "or",      "other",  "our",   "ours",    "ourselves", "out",
    "over",     "own",        "same",    "shall",  "she",   "should",  "since",     "so",
    "some",     "still",      "such",    "than",   "that",  "the",     "their",     "theirs",
    "them",     "themselves", "then",    "there",  "these", "they",    "this",      "those",
    "though",   "through",    "to",      "too",    "under", "until",   "up",        "upon",
    "us",       "very",       "was",     "we",     "were",  "what",    "when",      "where",
    "whether",  "which",      "while",   "who",    "whom",  "whose",   "why",       "will",
    "with",     "within",     "without", "would",  "yet",   "you",     "your",      "yours",
    "yourself", "said",       "says",    "like",   "many",  "well",    "s",         "t",
    "don",      "didn",       "doesn",   "isn",    "wasn",  "weren",   "won",       "ll",
    "ve",       "re",         "d",       "m",      NULL};

static const char *const stop_fr[] = {
    "a",      "à",      "afin",   "ai",      "aie",       "ainsi", "alors",  "après",    "as",
    "au",     "aucun",  "aucune", "auprès",  "aussi",     "autre", "autres", "aux",      "avait",
    "avant",  "avec",   "avez",   "avoir",   "avons",     "ça",    "car",    "ce",       "ceci",
    "cela",   "celle",  "celles", "celui",   "cependant", "ces",   "cet",    "cette",    "ceux",
    "chaque", "chez",   "comme",  "comment", "d",         "dans",  "de",     "depuis",   "des",
    "deux",   "devant", "doit",   "donc",    "dont",      "du",    "elle",   "elles",    "en",
    "encore", "entre",  "est",    "et",      "étaient",   "était", "été",    "être",     "eu",
    "fait",   "faire",  "fut",    "ici",     "il",        "ils",   "j",      "je",       "jusqu",
    "l",      "la",     "là",     "le",      "les",       "leur",  "leurs",  "lors",     "lui",
    "m",      "ma",     "mais",   "me",      "même",      "mes",   "moi",    "mon",      "n",
    "ne",     "ni",     "nos",    "notre",   "nous",      "on",    "ont",    "ou",       "où",
    "par",    "parce",  "pas",    "peu",     "peut",      "plus",  "pour",   "pourquoi", "qu",
    "quand",  "que",    "quel",   "quelle",  "quelles",   "quels", "qui",    "s",        "sa",
    "sans",   "se",     "selon",  "ses",     "si",        "sien",  "son",    "sont",     "sous",
    "sur",    "t",      "ta",     "te",      "tes",       "toi",   "ton",    "tous",     "tout",
    "toute",  "toutes", "très",   "tu",      "un",        "une",   "vers",   "voici",    "voilà",
    "vos",    "votre",  "vous",   "y",       "déjà",      "bien",  "dit",    NULL};

static const char *const stop_de[] = {
    "aber",   "alle",   "allem",   "allen",    "aller",  "alles",   "als",   "also",    "am",
    "an",     "ander",  "andere",  "anderen",  "auch",   "auf",     "aus",   "bei",     "beim",
    "bin",    "bis",    "bist",    "da",       "dabei",  "dadurch", "dafür", "dagegen", "damit",
    "dann",   "dar",    "darauf",  "darum",    "das",    "dass",    "daß",   "dem",     "den",
    "denn",   "der",    "des",     "deshalb",  "dessen", "die",     "dies",  "diese",   "diesem",
    "diesen", "dieser", "dieses",  "doch",     "dort",   "du",      "durch", "ein",     "eine",
    "einem",  "einen",  "einer",   "eines",    "er",     "es",      "etwas", "euch",    "euer",
    "für",    "gegen",  "gewesen", "hab",      "habe",   "haben",   "hat",   "hatte",   "hatten",
    "hier",   "hin",    "hinter",  "ich",      "ihm",    "ihn",     "ihnen", "ihr",     "ihre",
    "ihrem",  "ihren",  "ihrer",   "im",       "immer",  "in",      "indem", "ist",     "jede",
    "jedem",  "jeden",  "jeder",   "jedoch",   "jetzt",  "kann",    "kein",  "keine",   "können",
    "könnte", "man",    "mehr",    "mein",     "meine",  "mit",     "muss",  "müssen",  "nach",
    "nicht",  "nichts", "noch",    "nun",      "nur",    "ob",      "oder",  "ohne",    "schon",
    "sehr",   "sein",   "seine",   "seinem",   "seinen", "seiner",  "seit",  "sich",    "sie",
    "sind",   "so",     "solche",  "soll",     "sollte", "sondern", "über",  "um",      "und",
    "uns",    "unser",  "unter",   "viel",     "vom",    "von",     "vor",   "während", "war",
    "waren",  "warum",  "was",     "weil",     "welche", "wenn",    "wer",   "werde",   "werden",
    "wie",    "wieder", "will",    "wir",      "wird",   "wo",      "wurde", "wurden",  "zu",
    "zum",    "zur",    "zwar",    "zwischen", NULL};

static const char *const stop_es[] = {
    "a",       "al",      "algo",   "algunas", "algunos", "ante",   "antes",  "aquí",
    "así",     "aun",     "aunque", "bajo",    "bien",    "cada",   "casi",   "como",
    "cómo",    "con",     "contra", "cual",    "cuales",  "cuando", "cuándo", "de",
    "del",     "desde",   "donde",  "dos",     "durante", "e",      "el",     "él",
    "ella",    "ellas",   "ello",   "ellos",   "en",      "entre",  "era",    "eran",
    "es",      "esa",     "esas",   "ese",     "eso",     "esos",   "esta",   "está",
    "estaba",  "están",   "estar",  "estas",   "este",    "esto",   "estos",  "fue",
    "fueron",  "ha",      "había",  "han",     "hasta",   "hay",    "la",     "las",
    "le",      "les",     "lo",     "los",     "más",     "me",     "mi",     "mientras",
    "mis",     "mismo",   "muy",    "nada",    "ni",      "no",     "nos",    "nosotros",
    "nuestra", "nuestro", "o",      "otra",    "otras",   "otro",   "otros",  "para",
    "pero",    "poco",    "por",    "porque",  "qué",     "que",    "quien",  "quienes",
    "se",      "sea",     "ser",    "si",      "sí",      "sido",   "sin",    "sino",
    "sobre",   "son",     "su",     "sus",     "también", "tan",    "tanto",  "te",
    "tiene",   "tienen",  "todo",   "todos",   "tras",    "tu",     "tus",    "u",
    "un",      "una",     "uno",    "unos",    "usted",   "y",      "ya",     "yo",
    "dijo",    "puede",   "según",  NULL};

static const char *const stop_pt[] = {
    "a",     "ao",    "aos",   "as",    "à",     "às",     "com",    "como",   "da",     "das",
    "de",    "dela",  "dele",  "do",    "dos",   "e",      "é",      "ela",    "elas",   "ele",
    "eles",  "em",    "entre", "era",   "essa",  "esse",   "esta",   "este",   "está",   "foi",
    "foram", "há",    "isso",  "isto",  "já",    "lhe",    "mais",   "mas",    "me",     "mesmo",
    "muito", "na",    "nas",   "nem",   "no",    "nos",    "não",    "o",      "os",     "ou",
    "para",  "pela",  "pelo",  "pelos", "por",   "porque", "quando", "que",    "quem",   "se",
    "seu",   "sua",   "suas",  "seus",  "sem",   "ser",    "são",    "também", "tem",    "têm",
    "um",    "uma",   "umas",  "uns",   "você",  "pode",   "sobre",  "até",    "depois", "ainda",
    "onde",  "assim", "num",   "numa",  "minha", "meu",    "nosso",  "nossa",  "muitos", "sido",
    "estão", NULL};

static const char *const stop_it[] = {
    "a",      "ad",     "al",     "alla",   "alle",   "agli",   "ai",    "anche", "ancora", "che",
    "chi",    "ci",     "come",   "con",    "cui",    "da",     "dal",   "dalla", "dei",    "del",
    "della",  "delle",  "dello",  "degli",  "di",     "dove",   "e",     "è",     "ed",     "era",
    "essere", "fra",    "già",    "gli",    "ha",     "hanno",  "i",     "il",    "in",     "io",
    "la",     "le",     "lei",    "lo",     "loro",   "lui",    "ma",    "mi",    "molto",  "ne",
    "nel",    "nella",  "nei",    "noi",    "non",    "o",      "per",   "però",  "perché", "più",
    "poi",    "quando", "quella", "quello", "questa", "questo", "se",    "si",    "sia",    "solo",
    "sono",   "stata",  "stato",  "su",     "sua",    "sul",    "sulla", "suo",   "tra",    "tutti",
    "tutto",  "un",     "una",    "uno",    "vi",     "voi",    NULL};

static const char *const stop_nl[] = {
    "aan",   "al",   "als",  "bij",  "dan",  "dat",  "de",    "der",  "deze",   "die",
    "dit",   "door", "dus",  "een",  "en",   "er",   "geen",  "had",  "heb",    "hebben",
    "heeft", "het",  "hier", "hij",  "hoe",  "hun",  "ik",    "in",   "is",     "je",
    "kan",   "kon",  "maar", "me",   "meer", "men",  "met",   "mij",  "mijn",   "na",
    "naar",  "niet", "nog",  "nu",   "of",   "om",   "omdat", "ons",  "ook",    "op",
    "over",  "te",   "tot",  "toen", "u",    "uit",  "van",   "veel", "voor",   "want",
    "waren", "was",  "wat",  "we",   "wel",  "werd", "wie",   "wij",  "worden", "wordt",
    "zal",   "ze",   "zich", "zij",  "zijn", "zo",   "zou",   NULL};

/* Words that mark page furniture. Strong ones almost never carry an article;
 * weak ones do now and then, so they count only in numbers. */
static const char *const boiler_strong[] = {"cookie",
                                            "cookies",
                                            "consent",
                                            "newsletter",
                                            "newsletters",
                                            "unsubscribe",
                                            "gdpr",
                                            "ccpa",
                                            "opt",
                                            "advertisement",
                                            "sponsored",
                                            "paywall",
                                            "outbrain",
                                            "taboola",
                                            "bookmark",
                                            "consentement",
                                            "traceurs",
                                            "désabonner",
                                            "abonnez",
                                            "inscrivez",
                                            "publicité",
                                            "einwilligung",
                                            "datenschutzerklärung",
                                            "abonnieren",
                                            "anzeige",
                                            "werbung",
                                            "donate",
                                            "donation",
                                            "donations",
                                            "consentimiento",
                                            "suscríbete",
                                            "suscribirse",
                                            "boletín",
                                            "publicidad",
                                            NULL};

static const char *const boiler_weak[] = {"privacy",       "subscribe",
                                          "subscription",  "subscribers",
                                          "signup",        "sign",
                                          "login",         "log",
                                          "share",         "shares",
                                          "sharing",       "tweet",
                                          "facebook",      "twitter",
                                          "pinterest",     "linkedin",
                                          "whatsapp",      "reddit",
                                          "email",         "print",
                                          "advertising",   "ads",
                                          "partners",      "browser",
                                          "tracking",      "personalized",
                                          "personalised",  "personalize",
                                          "personalise",   "analytics",
                                          "preferences",   "settings",
                                          "accept",        "allow",
                                          "manage",        "policy",
                                          "terms",         "copyright",
                                          "reserved",      "rights",
                                          "trending",      "popular",
                                          "related",       "recommended",
                                          "comments",      "comment",
                                          "reply",         "follow",
                                          "menu",          "skip",
                                          "navigation",    "download",
                                          "app",           "website",
                                          "site",          "click",
                                          "here",          "read",
                                          "more",          "continue",
                                          "register",      "account",
                                          "password",      "confidentialité",
                                          "partager",      "accepter",
                                          "paramètres",    "connexion",
                                          "commentaires",  "lire",
                                          "suite",         "articles",
                                          "derniers",      "abonnement",
                                          "datenschutz",   "akzeptieren",
                                          "einstellungen", "teilen",
                                          "anmelden",      "kommentare",
                                          "weiterlesen",   "mehr",
                                          "privacidad",    "aceptar",
                                          "configuración", "compartir",
                                          "comentarios",   "leer",
                                          "registrarse",   NULL};

/* The vocabulary as an open-addressing hash table of lower-case words,
 * hashed with FNV-1a so the scanner can hash while it lower-cases. */
#define VOCAB_SLOTS 2048 /* power of two, well above twice the words */
#define VOCAB_MAX_LEN 31

typedef struct {
  const char *word;
  guint32 hash;
  guint8 len;
  guint16 bits;
} VocabSlot;

static VocabSlot *vocab;

/* For each byte: its lower-case form when it belongs to a word ([A-Za-z0-9_]),
 * 0xFF for a non-ASCII lead or continuation byte, 0 otherwise. */
static guchar word_lower[256];
/* 1 for the ASCII white space that separates words (space, \n, \t, \r, \f, \v). */
static guchar ascii_blank[256];

static inline guint32
fnv_step(guint32 h, guchar c)
{
  return (h ^ c) * 16777619u;
}

/* The vocabulary's hash: the length and the first two and last two bytes,
 * mixed by a multiply. Words need no hashing pass of their own then: the scan
 * finds a word's end and reads four bytes. (b0..b3 are lower-case bytes.) */
static inline guint32
vocab_hash(guchar b0, guchar b1, guchar b2, guchar b3, gsize n)
{
  guint32 x = (guint32)b0 | (guint32)b1 << 8 | (guint32)b2 << 16 | (guint32)b3 << 24;
  return (x ^ (guint32)n * 0x9E3779B9u) * 0x85EBCA6Bu;
}

static inline guint32
vocab_slot(guint32 h)
{
  return (h >> 16) & (VOCAB_SLOTS - 1);
}

/* Hash of `n` (>= 1) bytes already lower-case. */
static inline guint32
vocab_hash_low(const char *w, gsize n)
{
  return vocab_hash((guchar)w[0], (guchar)w[n > 1], (guchar)w[n >= 2 ? n - 2 : 0], (guchar)w[n - 1],
                    n);
}

static void
add_words(VocabSlot *t, const char *const *words, guint bit)
{
  for (guint i = 0; words[i]; i++) {
    gsize n = strlen(words[i]);
    g_assert(n <= VOCAB_MAX_LEN);
    guint32 h = vocab_hash_low(words[i], n);
    for (guint32 k = vocab_slot(h);; k = (k + 1) & (VOCAB_SLOTS - 1)) {
      if (!t[k].word) {
        t[k] = (VocabSlot){words[i], h, (guint8)n, (guint16)bit};
        break;
      }
      if (t[k].hash == h && t[k].len == n && memcmp(t[k].word, words[i], n) == 0) {
        t[k].bits |= (guint16)bit;
        break;
      }
    }
  }
}

static gpointer
build_vocab(gpointer data)
{
  VocabSlot *t = g_new0(VocabSlot, VOCAB_SLOTS);
  for (guint c = 0; c < 256; c++)
    word_lower[c] = c >= 0x80                          ? 0xFF
                    : (g_ascii_isalnum(c) || c == '_') ? (guchar)g_ascii_tolower((char)c)
                                                       : 0;
  for (const char *b = " \n\t\r\f\v"; *b; b++)
    ascii_blank[(guchar)*b] = 1;
  add_words(t, stop_en, WN_BP_STOP_EN);
  add_words(t, stop_fr, WN_BP_STOP_FR);
  add_words(t, stop_de, WN_BP_STOP_DE);
  add_words(t, stop_es, WN_BP_STOP_ES);
  add_words(t, stop_pt, WN_BP_STOP_PT);
  add_words(t, stop_it, WN_BP_STOP_IT);
  add_words(t, stop_nl, WN_BP_STOP_NL);
  add_words(t, boiler_strong, WN_BP_BOILER_STRONG);
  add_words(t, boiler_weak, WN_BP_BOILER_WEAK);
  return t;
}

static const VocabSlot *
get_vocab(void)
{
  static GOnce once = G_ONCE_INIT;
  /* Built once, then only read: safe from any number of threads. */
  vocab = g_once(&once, build_vocab, NULL);
  return vocab;
}

/* Bits of the lower-case word low[0..n), 1 <= n <= VOCAB_MAX_LEN. */
static inline guint
vocab_lookup(const char *low, gsize n)
{
  guint32 h = vocab_hash_low(low, n);
  for (guint32 k = vocab_slot(h);; k = (k + 1) & (VOCAB_SLOTS - 1)) {
    const VocabSlot *e = &vocab[k];
    if (!e->word)
      return 0;
    if (e->hash == h && e->len == n) {
      /* Vocabulary words are short: a plain loop beats a call to memcmp. */
      gsize i = 0;
      while (i < n && e->word[i] == low[i])
        i++;
      if (i == n)
        return e->bits;
    }
  }
}

/* The same for an ASCII word w[0..n) of any case: lower-cased by table while
 * compared, never copied. */
static inline guint
vocab_lookup_ascii(const guchar *w, gsize n)
{
  guint32 h = vocab_hash(word_lower[w[0]], word_lower[w[n > 1]], word_lower[w[n >= 2 ? n - 2 : 0]],
                         word_lower[w[n - 1]], n);
  for (guint32 k = vocab_slot(h);; k = (k + 1) & (VOCAB_SLOTS - 1)) {
    const VocabSlot *e = &vocab[k];
    if (!e->word)
      return 0;
    if (e->hash == h && e->len == n) {
      gsize i = 0;
      while (i < n && (guchar)e->word[i] == word_lower[w[i]])
        i++;
      if (i == n)
        return e->bits;
    }
  }
}

guint
wn_bp_word_class(const char *word, gsize len)
{
  get_vocab();
  if (len == 0 || len > VOCAB_MAX_LEN)
    return 0;
  return vocab_lookup(word, len);
}

/* [A-Za-z0-9_], by the table built with the vocabulary (c < 0x80). */
static inline gboolean
is_word_byte_ascii(guchar c)
{
  return word_lower[c] != 0;
}

/* Letters and digits, with a shortcut for the punctuation and spaces that
 * make up most non-ASCII characters of Western text (quotes, dashes, NBSP). */
static inline gboolean
is_alnum_u(gunichar u)
{
  if ((u >= 0x2000 && u <= 0x206F) ||
      (u >= 0xA0 && u <= 0xBF && u != 0xAA && u != 0xB5 && u != 0xBA))
    return FALSE;
  return g_unichar_isalnum(u);
}

static inline gboolean
is_sentence_punct(gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002;
}

static inline gboolean
is_closing(gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0xBB;
}

/* Classifies a word that holds non-ASCII letters. */
static guint
classify_unicode_word(const char *w, gsize n)
{
  if (n > 4 * VOCAB_MAX_LEN)
    return 0;
  g_autofree char *low = g_utf8_strdown(w, n);
  gsize ln = strlen(low);
  if (ln == 0 || ln > VOCAB_MAX_LEN)
    return 0;
  return vocab_lookup(low, ln);
}

static inline void
count_word(WnBpStats *st, guint cls)
{
  if (!cls)
    return;
  for (guint b = cls & ((1u << WN_BP_N_LANGS) - 1); b; b &= b - 1)
    st->stop_any[__builtin_ctz(b)]++;
  if (cls & WN_BP_BOILER_STRONG)
    st->boiler_strong++;
  if (cls & WN_BP_BOILER_WEAK)
    st->boiler_weak++;
}

void
wn_bp_scan(const char *s, gsize len, WnBpLang lang, WnBpStats *st)
{
  memset(st, 0, sizeof *st);
  get_vocab();
  const char *p = s, *end = s + len;
  gunichar last = 0, prev_last = 0;
  while (p < end) {
    guchar c = (guchar)*p;
    if (c < 0x80) {
      if (is_word_byte_ascii(c)) {
        /* A word: lower-case and hash in the same pass (ASCII fast path),
         * switching to Unicode when a non-ASCII letter shows up. */
        const char *w = p;
        gboolean ascii = TRUE;
        gboolean cap = c >= 'A' && c <= 'Z';
        /* Tight loop to the word's end; the vocabulary lookup lower-cases
         * by table as it compares. */
        while (p < end) {
          guchar l = word_lower[(guchar)*p];
          /* One test for both ends of the table: 0 (not a word byte) and
           * 0xFF (non-ASCII). */
          if (G_UNLIKELY((guchar)(l - 1) >= 0xFE)) {
            if (l == 0)
              break;
            gunichar u = g_utf8_get_char(p);
            if (!is_alnum_u(u) && g_unichar_type(u) != G_UNICODE_NON_SPACING_MARK)
              break;
            ascii = FALSE;
            p = g_utf8_next_char(p);
            continue;
          }
          p++;
        }
        gsize n = (gsize)(p - w);
        st->words++;
        st->chars += (guint)(p - w);
        if (cap)
          st->capitalised++;
        if (ascii) {
          if (n <= VOCAB_MAX_LEN)
            count_word(st, vocab_lookup_ascii((const guchar *)w, n));
        } else {
          count_word(st, classify_unicode_word(w, (gsize)(p - w)));
        }
        prev_last = last;
        last = 'a';
        continue;
      }
      if (!ascii_blank[c]) {
        st->chars++;
        if (c == ',')
          st->commas++;
        if (is_sentence_punct(c) && (p + 1 == end || g_ascii_isspace(p[1]) || is_closing(p[1])))
          st->sentence_ends++;
        prev_last = last;
        last = c;
      }
      p++;
      continue;
    }
    gunichar u = g_utf8_get_char(p);
    if (is_alnum_u(u)) {
      const char *w = p;
      gboolean cap = g_unichar_isupper(u) || g_unichar_istitle(u);
      while (p < end) {
        gunichar v = g_utf8_get_char(p);
        if (!(is_alnum_u(v) || v == '_' || g_unichar_type(v) == G_UNICODE_NON_SPACING_MARK))
          break;
        p = g_utf8_next_char(p);
      }
      st->words++;
      st->chars += (guint)g_utf8_strlen(w, p - w);
      if (cap)
        st->capitalised++;
      count_word(st, classify_unicode_word(w, (gsize)(p - w)));
      prev_last = last;
      last = 'a';
      continue;
    }
    if (!g_unichar_isspace(u) && u != 0xA0) {
      st->chars++;
      if (is_sentence_punct(u))
        st->sentence_ends++;
      prev_last = last;
      last = u;
    }
    p = g_utf8_next_char(p);
  }
  st->ends_with_punct =
      is_sentence_punct(last) || (is_closing(last) && is_sentence_punct(prev_last)) || last == ':';
  wn_bp_stats_set_language(st, lang);
}

void
wn_bp_stats_set_language(WnBpStats *st, WnBpLang lang)
{
  st->stopwords = 0;
  if (lang >= 0 && lang < WN_BP_N_LANGS) {
    st->stopwords = st->stop_any[lang];
  } else {
    for (int l = 0; l < WN_BP_N_LANGS; l++)
      st->stopwords = MAX(st->stopwords, st->stop_any[l]);
  }
}

WnBpLang
wn_bp_language_from_counts(const guint64 counts[WN_BP_N_LANGS])
{
  /* Short words like "a", "en", "de" belong to several lists; the language with
   * clearly the most hits wins, English on a tie or when nothing matched. */
  WnBpLang best = WN_BP_LANG_EN;
  for (int l = 1; l < WN_BP_N_LANGS; l++)
    if (counts[l] > counts[best] + counts[best] / 10)
      best = (WnBpLang)l;
  return best;
}

WnBpLang
wn_bp_guess_language(const char *s, gsize len)
{
  /* A sample is enough: the first 64 KiB, cut at a character boundary. */
  gsize n = MIN(len, (gsize)65536);
  while (n < len && n > 0 && ((guchar)s[n] & 0xC0) == 0x80)
    n--;
  WnBpStats st;
  wn_bp_scan(s, n, WN_BP_LANG_AUTO, &st);
  guint64 counts[WN_BP_N_LANGS];
  for (int l = 0; l < WN_BP_N_LANGS; l++)
    counts[l] = st.stop_any[l];
  return wn_bp_language_from_counts(counts);
}

void
wn_bp_word_hashes(const char *s, gsize len, guint min_chars, GArray *out)
{
  get_vocab(); /* builds word_lower */
  const char *p = s, *end = s + len;
  while (p < end) {
    guchar c = (guchar)*p;
    if (c < 0x80) {
      if (!word_lower[c]) {
        p++;
        continue;
      }
    } else if (!is_alnum_u(g_utf8_get_char(p))) {
      p = g_utf8_next_char(p);
      continue;
    }
    guint32 h = 2166136261u;
    guint nchars = 0;
    while (p < end) {
      guchar d = (guchar)*p;
      if (d < 0x80) {
        if (!word_lower[d])
          break;
        h = fnv_step(h, word_lower[d]);
        p++;
      } else {
        gunichar v = g_utf8_get_char(p);
        if (!(is_alnum_u(v) || v == '_'))
          break;
        char buf[8];
        int n = g_unichar_to_utf8(g_unichar_tolower(v), buf);
        for (int i = 0; i < n; i++)
          h = fnv_step(h, (guchar)buf[i]);
        p = g_utf8_next_char(p);
      }
      nchars++;
    }
    if (nchars >= min_chars)
      g_array_append_val(out, h);
  }
}

/* Teaser and furniture labels a line may start with ("READ: ...",
 * "Lire aussi :", "Lesen Sie auch:"): lower-case, compared up to the colon. */
static const char *const teaser_labels[] = {"read",
                                            "subscribe",
                                            "read more",
                                            "read also",
                                            "also read",
                                            "related",
                                            "watch",
                                            "see also",
                                            "see",
                                            "more",
                                            "listen",
                                            "video",
                                            "photos",
                                            "gallery",
                                            "advertisement",
                                            "sponsored",
                                            "recommended",
                                            "lire aussi",
                                            "à lire aussi",
                                            "voir aussi",
                                            "lire",
                                            "sur le même sujet",
                                            "lesen sie auch",
                                            "mehr zum thema",
                                            "auch interessant",
                                            "lea también",
                                            "leer más",
                                            "te puede interesar",
                                            "ver también",
                                            "más información",
                                            NULL};

static gboolean
has_teaser_label(const char *s, gsize len)
{
  const char *colon = memchr(s, ':', MIN(len, (gsize)40));
  if (!colon)
    return FALSE;
  /* An ASCII head is lowered and trimmed in place (what g_utf8_strdown and
   * g_strstrip would give); anything else goes through GLib. */
  gsize hn = (gsize)(colon - s);
  char buf[41];
  gboolean ascii = TRUE;
  for (gsize i = 0; i < hn; i++) {
    guchar c = (guchar)s[i];
    ascii &= c != 0 && c < 0x80;
    buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  g_autofree char *low = NULL;
  const char *head = buf;
  if (ascii) {
    gsize a = 0, b = hn;
    while (a < b && g_ascii_isspace(buf[a]))
      a++;
    while (b > a && g_ascii_isspace(buf[b - 1]))
      b--;
    buf[b] = '\0';
    head = buf + a;
  } else {
    low = g_utf8_strdown(s, colon - s);
    g_strstrip(low);
    head = low;
  }
  /* A space before the colon is French typography. */
  for (guint i = 0; teaser_labels[i]; i++)
    if (strcmp(head, teaser_labels[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Whether a line holds one of the marks of a copyright notice (one pass
 * instead of a memmem per mark: most lines have none). */
static gboolean
has_copyright_mark(const char *s, gsize len)
{
  for (gsize i = 0; i + 1 < len; i++) {
    const char *p = s + i;
    gsize rest = len - i;
    switch ((guchar)*p) {
    case 0xC2:
      if ((guchar)p[1] == 0xA9)
        return TRUE;
      break;
    case 'e':
      if ((p[1] == 's' && rest >= 7 && memcmp(p, "eserved", 7) == 0) ||
          (p[1] == 'c' && rest >= 17 && memcmp(p, "echte vorbehalten", 17) == 0) ||
          (p[1] == 'r' && rest >= 18 && memcmp(p, "erechos reservados", 18) == 0))
        return TRUE;
      break;
    case 'E':
      if (p[1] == 'S' && rest >= 7 && memcmp(p, "ESERVED", 7) == 0)
        return TRUE;
      break;
    case 'r':
      if (p[1] == 'o' && rest >= 7 && memcmp(p, "roits r", 7) == 0)
        return TRUE;
      break;
    default:
      break;
    }
  }
  return FALSE;
}

/* Openings of furniture lines: calls to action, newsletter and donation
 * pitches, interstitials, agency credits. Lower-case. */
static const char *const furniture_openings[] = {"continue reading",
                                                 "read more",
                                                 "read the full",
                                                 "click here",
                                                 "sign up",
                                                 "subscribe to",
                                                 "subscribe now",
                                                 "follow us",
                                                 "share this",
                                                 "share on",
                                                 "have a news tip",
                                                 "got a news tip",
                                                 "got a tip",
                                                 "(reporting by",
                                                 "reporting by",
                                                 "additional reporting by",
                                                 "editing by",
                                                 "writing by",
                                                 "compiled by",
                                                 "copyright",
                                                 "©",
                                                 "all rights reserved",
                                                 "related:",
                                                 "advertisement",
                                                 "deal alert",
                                                 "support our journalism",
                                                 "donate",
                                                 "lire la suite",
                                                 "abonnez-vous",
                                                 "inscrivez-vous",
                                                 "weiterlesen",
                                                 "jetzt abonnieren",
                                                 "leer más",
                                                 "suscríbete",
                                                 NULL};

gboolean
wn_bp_furniture_phrase(const char *s, gsize len, guint words)
{
  if (words == 0 || words > 30)
    return FALSE;
  while (len && (*s == ' ' || *s == '\t')) {
    s++;
    len--;
  }
  if (words < 25 && has_teaser_label(s, len))
    return TRUE;
  char head[48];
  gsize n = MIN(len, sizeof head - 1);
  for (gsize i = 0; i < n; i++) {
    guchar c = (guchar)s[i];
    head[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  head[n] = '\0';
  for (guint i = 0; furniture_openings[i]; i++)
    if (furniture_openings[i][0] == head[0] && g_str_has_prefix(head, furniture_openings[i]))
      return TRUE;
  /* Bylines. */
  if ((g_str_has_prefix(head, "by ") && words <= 8) ||
      (g_str_has_prefix(head, "par ") && words <= 6))
    return TRUE;
  /* Copyright lines anywhere in a short line (a cheap look for their marks
   * first: most lines have none). */
  if (words <= 20 && has_copyright_mark(s, len)) {
    g_autofree char *low = g_ascii_strdown(s, (gssize)len);
    if (strstr(low, "all rights reserved") || strstr(low, "copyright ©") || strstr(low, "© 20") ||
        strstr(low, "tous droits réservés") || strstr(low, "alle rechte vorbehalten") ||
        strstr(low, "todos los derechos reservados"))
      return TRUE;
  }
  return FALSE;
}

static const char *const lang_codes[WN_BP_N_LANGS] = {"en", "fr", "de", "es", "pt", "it", "nl"};

const char *
wn_bp_lang_code(WnBpLang lang)
{
  if (lang >= 0 && lang < WN_BP_N_LANGS)
    return lang_codes[lang];
  return "auto";
}

gboolean
wn_bp_lang_from_code(const char *code, WnBpLang *lang)
{
  if (g_strcmp0(code, "auto") == 0) {
    *lang = WN_BP_LANG_AUTO;
    return TRUE;
  }
  for (int l = 0; l < WN_BP_N_LANGS; l++)
    if (g_strcmp0(code, lang_codes[l]) == 0) {
      *lang = (WnBpLang)l;
      return TRUE;
    }
  return FALSE;
}
