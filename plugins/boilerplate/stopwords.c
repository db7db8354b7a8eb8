/* stopwords.c: word scanning and the vocabularies the classifiers count:
 * function words of English, French, German, Spanish, Portuguese, Italian and
 * Dutch (prose is dense in
 * them, menus and link lists are not) and the words of page furniture (cookie
 * and consent dialogs, newsletter boxes, share bars) in the same languages.
 * The lists are the team's own; one hash table maps each word to its bits. */
#include "bp.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
                                            "publicidade",
                                            "consentimento",
                                            "pubblicità",
                                            "advertentie",
                                            "nieuwsbrief",
                                            "reklama",
                                            "ciasteczka",
                                            "ciasteczek",
                                            "реклама",
                                            "рассылку",
                                            "розсилку",
                                            "reklam",
                                            "çerez",
                                            "çerezler",
                                            "çerezleri",
                                            "çerezlerin",
                                            "çerezlere",
                                            "διαφήμιση",
                                            NULL};

static const char *const boiler_weak[] = {"privacy",
                                          "subscribe",
                                          "subscription",
                                          "subscribers",
                                          "signup",
                                          "sign",
                                          "login",
                                          "log",
                                          "share",
                                          "shares",
                                          "sharing",
                                          "tweet",
                                          "facebook",
                                          "twitter",
                                          "pinterest",
                                          "linkedin",
                                          "whatsapp",
                                          "reddit",
                                          "email",
                                          "print",
                                          "advertising",
                                          "ads",
                                          "partners",
                                          "browser",
                                          "tracking",
                                          "personalized",
                                          "personalised",
                                          "personalize",
                                          "personalise",
                                          "analytics",
                                          "preferences",
                                          "settings",
                                          "accept",
                                          "allow",
                                          "manage",
                                          "policy",
                                          "terms",
                                          "copyright",
                                          "reserved",
                                          "rights",
                                          "trending",
                                          "popular",
                                          "related",
                                          "recommended",
                                          "comments",
                                          "comment",
                                          "reply",
                                          "follow",
                                          "menu",
                                          "skip",
                                          "navigation",
                                          "download",
                                          "app",
                                          "website",
                                          "site",
                                          "click",
                                          "here",
                                          "read",
                                          "more",
                                          "continue",
                                          "register",
                                          "account",
                                          "password",
                                          "confidentialité",
                                          "partager",
                                          "accepter",
                                          "paramètres",
                                          "connexion",
                                          "commentaires",
                                          "lire",
                                          "suite",
                                          "articles",
                                          "derniers",
                                          "abonnement",
                                          "datenschutz",
                                          "akzeptieren",
                                          "einstellungen",
                                          "teilen",
                                          "anmelden",
                                          "kommentare",
                                          "weiterlesen",
                                          "mehr",
                                          "privacidad",
                                          "aceptar",
                                          "configuración",
                                          "compartir",
                                          "comentarios",
                                          "leer",
                                          "registrarse",
                                          "compartilhar",
                                          "compartilhe",
                                          "comentários",
                                          "aceitar",
                                          "condividi",
                                          "commenti",
                                          "accetta",
                                          "reacties",
                                          "accepteren",
                                          "udostępnij",
                                          "komentarze",
                                          "zaakceptuj",
                                          "поделиться",
                                          "комментарии",
                                          "подписаться",
                                          "подписывайтесь",
                                          "поділитися",
                                          "коментарі",
                                          "paylaş",
                                          "yorumlar",
                                          "σχόλια",
                                          "κοινοποίηση",
                                          NULL};

/* The vocabulary as an open-addressing hash table keyed on a word's first
 * eight lower-case bytes (as a little-endian 64-bit number, zero-padded) and
 * its length. The scanner builds that key from one unaligned load and an OR
 * with 0x20 per byte (exact lower-casing for [A-Za-z0-9]; '_' becomes 0x7F,
 * which no vocabulary word holds), so an ASCII word is looked up without a
 * copy and without a pass over its bytes. Keys and the words' bits and
 * lengths live in separate arrays: a probe reads one 64-bit key. */
#define VOCAB_BITS 12
#define VOCAB_SLOTS (1u << VOCAB_BITS) /* power of two, well above twice the words */
#define VOCAB_MAX_LEN 31

typedef struct {
  guint64 keys[VOCAB_SLOTS];              /* 0 marks an empty slot (no word starts with NUL) */
  guint32 meta[VOCAB_SLOTS];              /* bits | len << 16 */
  const char *words[VOCAB_SLOTS];         /* the whole word, for the bytes past the eighth */
  guint64 spread[WN_BP_BOILER_WEAK << 1]; /* bits -> one count in each bit's lane (below) */
} Vocab;

/* Static, so that its arrays are addressed directly (no pointer to load). */
static Vocab vocab;

/* Byte classes, for the scan and the word hashes. */
enum {
  B_WORD = 1 << 0,  /* [A-Za-z0-9_] */
  B_UPPER = 1 << 1, /* [A-Z] */
  B_BLANK = 1 << 2, /* ASCII white space: space, \n, \t, \r, \f, \v */
  B_HIGH = 1 << 3,  /* a byte of a non-ASCII character */
  B_SENT = 1 << 4,  /* . ! ? */
  B_CLOSE = 1 << 5, /* " ' ) ] */
  B_COMMA = 1 << 6,
  B_ASPACE = 1 << 7, /* g_ascii_isspace: the blanks but \v */
};
static guint8 byte_class[256];
/* For each byte: its lower-case form when it belongs to a word ([A-Za-z0-9_]),
 * 0xFF for a non-ASCII lead or continuation byte, 0 otherwise. */
static guchar word_lower[256];

/* Properties of a non-ASCII character, by table for U+0080..U+07FF (Latin,
 * Greek, Cyrillic...) and the General Punctuation block, else from GLib. */
enum {
  U_ALNUM = 1 << 0, /* a letter or digit that may start a word (is_alnum_u) */
  U_CONT = 1 << 1,  /* may continue a word: U_ALNUM or a non-spacing mark */
  U_SPACE = 1 << 2, /* white space or NBSP: neither word nor character */
  U_CAP = 1 << 3,   /* upper or title case */
  U_SENT = 1 << 4,  /* … or the ideographic full stop */
};
#define UTAB_N 0x800
#define PUNCT_FIRST 0x2000
#define PUNCT_LAST 0x206F
static guint8 uprops_tab[UTAB_N];
static guint8 uprops_punct[PUNCT_LAST - PUNCT_FIRST + 1];
/* The lower-case form of U+0000..U+07FF as g_utf8_strdown gives it, or 0 where
 * that takes context or more than one character (U+0130, U+03A3). */
static guint16 lower_tab[UTAB_N];

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

static guint
uprops_compute(gunichar u)
{
  guint f = 0;
  if (is_alnum_u(u))
    f |= U_ALNUM | U_CONT;
  if (g_unichar_type(u) == G_UNICODE_NON_SPACING_MARK)
    f |= U_CONT;
  if (g_unichar_isspace(u) || u == 0xA0)
    f |= U_SPACE;
  if (g_unichar_isupper(u) || g_unichar_istitle(u))
    f |= U_CAP;
  if (is_sentence_punct(u))
    f |= U_SENT;
  return f;
}

static inline guint
uprops(gunichar u)
{
  if (u < UTAB_N)
    return uprops_tab[u];
  if (u >= PUNCT_FIRST && u <= PUNCT_LAST)
    return uprops_punct[u - PUNCT_FIRST];
  return uprops_compute(u);
}

/* Decodes the character at p (a lead byte >= 0x80) without reading past end;
 * returns its length. A truncated or ill-formed sequence reads as U+FFFD, one
 * byte long (callers hand valid UTF-8; this only keeps bad input in bounds). */
static inline gsize
decode_high(const guchar *p, const guchar *end, gunichar *u)
{
  guchar c = p[0];
  gsize avail = (gsize)(end - p);
  if (c >= 0xC2 && c < 0xE0 && avail >= 2) {
    *u = (gunichar)(c & 0x1F) << 6 | (p[1] & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c < 0xF0 && avail >= 3) {
    *u = (gunichar)(c & 0x0F) << 12 | (gunichar)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    return 3;
  }
  if (c >= 0xF0 && c < 0xF5 && avail >= 4) {
    *u = (gunichar)(c & 0x07) << 18 | (gunichar)(p[1] & 0x3F) << 12 | (gunichar)(p[2] & 0x3F) << 6 |
         (p[3] & 0x3F);
    return 4;
  }
  *u = 0xFFFD;
  return 1;
}

static inline guint64
load64_le(const guchar *p)
{
  guint64 v;
  memcpy(&v, p, 8);
  return GUINT64_FROM_LE(v);
}

/* Keys: the first eight bytes; a word of under eight bytes has its length in
 * the top byte (zero for it otherwise), so one compare settles a short word. */
/* key_bits[n] = {mask of the low min(n, 8) bytes, length tag}. */
static guint64 key_bits[65][2];

/* The key of an already lower-case word of n bytes. */
static guint64
key_of(const char *w, gsize n)
{
  guint64 k = 0;
  for (gsize i = 0; i < MIN(n, (gsize)8); i++)
    k |= (guint64)(guchar)w[i] << (8 * i);
  return k | (n < 8 ? (guint64)n << 56 : 0);
}

static inline guint32
vocab_slot(guint64 key)
{
  return (guint32)((key * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15)) >> (64 - VOCAB_BITS));
}

static void
add_words(Vocab *v, const char *const *words, guint bit)
{
  for (guint i = 0; words[i]; i++) {
    gsize n = strlen(words[i]);
    g_assert(n <= VOCAB_MAX_LEN);
    guint64 key = key_of(words[i], n);
    for (guint32 k = vocab_slot(key);; k = (k + 1) & (VOCAB_SLOTS - 1)) {
      if (!v->keys[k]) {
        v->keys[k] = key;
        v->meta[k] = bit | (guint32)n << 16;
        v->words[k] = words[i];
        break;
      }
      if (v->keys[k] == key && v->meta[k] >> 16 == n && strcmp(v->words[k], words[i]) == 0) {
        v->meta[k] |= bit;
        break;
      }
    }
  }
}

/* Counts are gathered in one 64-bit number, a 7-bit lane per vocabulary bit,
 * and moved to the stats before a lane can overflow (every 127 hits). */
#define LANE_BITS 7
#define LANE_FLUSH 127
G_STATIC_ASSERT(WN_BP_N_LANGS + 2 <= 64 / LANE_BITS);

static gpointer
build_vocab(gpointer data)
{
  Vocab *v = &vocab;
  for (guint n = 0; n <= 64; n++) {
    key_bits[n][0] = n >= 8 ? G_MAXUINT64 : ((guint64)1 << (8 * n)) - 1;
    key_bits[n][1] = n < 8 ? (guint64)n << 56 : 0;
  }
  for (guint c = 0; c < 256; c++) {
    word_lower[c] = c >= 0x80                          ? 0xFF
                    : (g_ascii_isalnum(c) || c == '_') ? (guchar)g_ascii_tolower((char)c)
                                                       : 0;
    guint f = 0;
    if (c >= 0x80)
      f |= B_HIGH;
    else if (g_ascii_isalnum(c) || c == '_')
      f |= B_WORD | (g_ascii_isupper(c) ? B_UPPER : 0);
    else if (strchr(" \n\t\r\f\v", (int)c) && c)
      f |= B_BLANK;
    if (g_ascii_isspace(c))
      f |= B_ASPACE;
    if (c == '.' || c == '!' || c == '?')
      f |= B_SENT;
    if (c == '"' || c == '\'' || c == ')' || c == ']')
      f |= B_CLOSE;
    if (c == ',')
      f |= B_COMMA;
    byte_class[c] = (guint8)f;
  }
  for (gunichar u = 0; u < UTAB_N; u++) {
    uprops_tab[u] = (guint8)uprops_compute(u);
    char buf[8];
    int n = g_unichar_to_utf8(u, buf);
    g_autofree char *low = g_utf8_strdown(buf, n);
    gunichar l = g_utf8_get_char(low);
    lower_tab[u] =
        u == 0x3A3 || l < 0x80 || l >= UTAB_N || g_utf8_strlen(low, -1) != 1 ? 0 : (guint16)l;
  }
  for (gunichar u = PUNCT_FIRST; u <= PUNCT_LAST; u++)
    uprops_punct[u - PUNCT_FIRST] = (guint8)uprops_compute(u);
  add_words(v, stop_en, WN_BP_STOP_EN);
  add_words(v, stop_fr, WN_BP_STOP_FR);
  add_words(v, stop_de, WN_BP_STOP_DE);
  add_words(v, stop_es, WN_BP_STOP_ES);
  add_words(v, stop_pt, WN_BP_STOP_PT);
  add_words(v, stop_it, WN_BP_STOP_IT);
  add_words(v, stop_nl, WN_BP_STOP_NL);
  add_words(v, boiler_strong, WN_BP_BOILER_STRONG);
  add_words(v, boiler_weak, WN_BP_BOILER_WEAK);
  for (guint bits = 0; bits < G_N_ELEMENTS(v->spread); bits++)
    for (guint b = 0; b < WN_BP_N_LANGS + 2; b++)
      if (bits & (1u << b))
        v->spread[bits] += (guint64)1 << (LANE_BITS * b);
  return v;
}

static void
get_vocab(void)
{
  static GOnce once = G_ONCE_INIT;
  /* Built once, then only read: safe from any number of threads. */
  g_once(&once, build_vocab, NULL);
}

/* Bits of the lower-case word low[0..n), 1 <= n <= VOCAB_MAX_LEN. */
static guint
vocab_lookup(const char *low, gsize n)
{
  guint64 key = key_of(low, n);
  for (guint32 k = vocab_slot(key); vocab.keys[k]; k = (k + 1) & (VOCAB_SLOTS - 1))
    if (vocab.keys[k] == key &&
        (n < 8 || (vocab.meta[k] >> 16 == n && memcmp(vocab.words[k] + 8, low + 8, n - 8) == 0)))
      return vocab.meta[k] & 0xFFFF;
  return 0;
}

/* The same for an ASCII word w[0..n) of any case (n <= 32) whose first eight
 * bytes (anything past the word) are `head`: compared in place, never copied.
 * OR 0x20 lower-cases [A-Za-z0-9] exactly; '_' becomes 0x7F, which no
 * vocabulary word holds. */
static inline guint
vocab_lookup_ascii(const guchar *w, gsize n, guint64 head)
{
  guint64 key = ((head | G_GUINT64_CONSTANT(0x2020202020202020)) & key_bits[n][0]) | key_bits[n][1];
  for (guint32 k = vocab_slot(key);; k = (k + 1) & (VOCAB_SLOTS - 1)) {
    guint64 kk = vocab.keys[k];
    if (kk == key) {
      if (n < 8)
        return vocab.meta[k] & 0xFFFF;
      if (vocab.meta[k] >> 16 == n) {
        const char *e = vocab.words[k];
        gsize i = 8;
        while (i < n && (guchar)e[i] == word_lower[w[i]])
          i++;
        if (i >= n)
          return vocab.meta[k] & 0xFFFF;
      }
    } else if (!kk) {
      return 0;
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

gsize
wn_bp_utf8_lower(const char *s, gsize n, char *buf, gsize cap)
{
  get_vocab(); /* builds the tables */
  const guchar *p = (const guchar *)s, *end = p + n;
  gsize o = 0;
  while (p < end && *p) {
    guchar c = *p;
    if (o + 4 > cap)
      return G_MAXSIZE;
    if (c < 0x80) {
      buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      p++;
      continue;
    }
    gunichar u;
    gsize l = decode_high(p, end, &u);
    if (l == 2 && lower_tab[u]) {
      gunichar low = lower_tab[u];
      buf[o++] = (char)(0xC0 | low >> 6);
      buf[o++] = (char)(0x80 | (low & 0x3F));
    } else if (l == 3 && u >= PUNCT_FIRST && u <= PUNCT_LAST) {
      memcpy(buf + o, p, 3); /* punctuation has no case */
      o += 3;
    } else {
      return G_MAXSIZE;
    }
    p += l;
  }
  buf[o] = '\0';
  return o;
}

char *
wn_bp_lower(const char *s, gsize n, char *buf, gsize cap, char **heap, gsize *len)
{
  gsize o = wn_bp_utf8_lower(s, n, buf, cap);
  char *low = buf;
  if (o == G_MAXSIZE) {
    low = *heap = g_utf8_strdown(s, (gssize)n);
    o = strlen(low);
  }
  if (len)
    *len = o;
  return low;
}

/* Classifies a word that holds non-ASCII letters: lower-cased as
 * g_utf8_strdown would (by table for the common alphabets, else by GLib) into
 * a stack buffer. */
static guint
classify_unicode_word(const char *w, gsize n)
{
  if (n > 4 * VOCAB_MAX_LEN)
    return 0;
  char buf[VOCAB_MAX_LEN + 4];
  gsize o = 0;
  const guchar *p = (const guchar *)w, *end = p + n;
  while (p < end) {
    guchar c = *p;
    if (c < 0x80) {
      buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      p++;
    } else {
      gunichar u;
      gsize l = decode_high(p, end, &u);
      gunichar low = u < UTAB_N ? lower_tab[u] : 0;
      if (!low || l != 2)
        goto slow;
      buf[o++] = (char)(0xC0 | low >> 6);
      buf[o++] = (char)(0x80 | (low & 0x3F));
      p += 2;
    }
    if (o > VOCAB_MAX_LEN)
      return 0;
  }
  return o ? vocab_lookup(buf, o) : 0;
slow:;
  g_autofree char *low = g_utf8_strdown(w, n);
  gsize ln = strlen(low);
  if (ln == 0 || ln > VOCAB_MAX_LEN)
    return 0;
  return vocab_lookup(low, ln);
}

/* Counts a word's vocabulary bits straight into the stats (the token path). */
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

/* The eight bytes from w, zero past `end` (no read past it). */
static inline guint64
head8_bounded(const guchar *w, const guchar *end)
{
  if (end - w >= 8)
    return load64_le(w);
  guint64 k = 0;
  for (gsize i = 0; w + i < end; i++)
    k |= (guint64)w[i] << (8 * i);
  return k;
}

/* One token at p: a blank, a word, an ASCII punctuation byte or a non-ASCII
 * character, counted into `st`; returns where the next token starts. The
 * general path, taken for words that touch non-ASCII characters, for those
 * characters, and for words longer than a chunk. */
static const guchar *
scan_token(const guchar *p, const guchar *end, WnBpStats *st)
{
  guchar c = *p;
  guint f = byte_class[c];
  if (f & B_BLANK)
    return p + 1;
  if (f & B_WORD) {
    const guchar *w = p++;
    gboolean ascii = TRUE;
    for (;;) {
      while (p < end && (byte_class[*p] & B_WORD))
        p++;
      if (p == end || *p < 0x80)
        break;
      gunichar u;
      gsize l = decode_high(p, end, &u);
      if (!(uprops(u) & U_CONT))
        break;
      ascii = FALSE;
      p += l;
    }
    gsize n = (gsize)(p - w);
    st->words++;
    st->chars += (guint)n;
    st->capitalised += (f & B_UPPER) != 0;
    if (!ascii)
      count_word(st, classify_unicode_word((const char *)w, n));
    else if (n <= VOCAB_MAX_LEN)
      count_word(st, vocab_lookup_ascii(w, n, head8_bounded(w, end)));
    return p;
  }
  if (!(f & B_HIGH)) {
    st->chars++;
    st->commas += (f & B_COMMA) != 0;
    if ((f & B_SENT) && (p + 1 == end || (byte_class[p[1]] & (B_ASPACE | B_CLOSE))))
      st->sentence_ends++;
    return p + 1;
  }
  gunichar u;
  gsize l = decode_high(p, end, &u);
  guint up = uprops(u);
  if (up & U_ALNUM) {
    const char *w = (const char *)p;
    guint nchars = 0;
    while (p < end) {
      if (*p < 0x80) {
        if (!(byte_class[*p] & B_WORD))
          break;
        p++;
      } else {
        l = decode_high(p, end, &u);
        if (!(uprops(u) & U_CONT))
          break;
        p += l;
      }
      nchars++;
    }
    st->words++;
    st->chars += nchars;
    st->capitalised += (up & U_CAP) != 0;
    count_word(st, classify_unicode_word(w, (gsize)((const char *)p - w)));
    return p;
  }
  if (!(up & U_SPACE)) {
    st->chars++;
    st->sentence_ends += (up & U_SENT) != 0;
  }
  return p + l;
}

/* Bit masks of a 64-byte chunk q[0..64): word bytes ([A-Za-z0-9_]), spaces
 * (the other blanks are rare inside a line and are sorted out with the
 * punctuation), non-ASCII bytes. */
typedef struct {
  guint64 word, space, high;
} ChunkMasks;

#ifdef __SSE2__
static inline ChunkMasks
chunk_masks(const guchar *q)
{
  /* Unsigned range checks by moving the range to the bottom of the signed
   * byte range: 'a'..'z' (as v | 0x20, so also 'A'..'Z'), '0'..'9'. */
  const __m128i to_lower = _mm_set1_epi8((char)(0x80 - 'a'));
  const __m128i to_digit = _mm_set1_epi8((char)(0x80 - '0'));
  const __m128i lim26 = _mm_set1_epi8((char)(-128 + 26)), lim10 = _mm_set1_epi8((char)(-128 + 10));
  const __m128i bit20 = _mm_set1_epi8(0x20), under = _mm_set1_epi8('_'), space = _mm_set1_epi8(' ');
  ChunkMasks m = {0, 0, 0};
#define WN_BP_CHUNK16(k)                                                                           \
  do {                                                                                             \
    const __m128i v = _mm_loadu_si128((const __m128i *)(q + (k)));                                 \
    const __m128i lo = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, bit20), to_lower), lim26);      \
    const __m128i dg = _mm_cmplt_epi8(_mm_add_epi8(v, to_digit), lim10);                           \
    const __m128i wd = _mm_or_si128(_mm_or_si128(lo, dg), _mm_cmpeq_epi8(v, under));               \
    m.word |= (guint64)(guint)_mm_movemask_epi8(wd) << (k);                                        \
    m.space |= (guint64)(guint)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)) << (k);                 \
    m.high |= (guint64)(guint)_mm_movemask_epi8(v) << (k);                                         \
  } while (0)
  WN_BP_CHUNK16(0);
  WN_BP_CHUNK16(16);
  WN_BP_CHUNK16(32);
  WN_BP_CHUNK16(48);
#undef WN_BP_CHUNK16
  return m;
}
#else
static inline ChunkMasks
chunk_masks(const guchar *q)
{
  ChunkMasks m = {0, 0, 0};
  for (guint i = 0; i < 64; i++) {
    guint f = byte_class[q[i]];
    m.word |= (guint64)((f & B_WORD) != 0) << i;
    m.space |= (guint64)(q[i] == ' ') << i;
    m.high |= (guint64)((f & B_HIGH) != 0) << i;
  }
  return m;
}
#endif

/* Counts are gathered in one 64-bit number, a 7-bit lane per vocabulary bit,
 * and moved into the stats before a lane can overflow. */
static inline void
flush_lanes(WnBpStats *st, guint64 *acc)
{
  guint64 a = *acc;
  if (!a)
    return;
  /* Written out: a loop here costs more than the rest of a short line. */
  G_STATIC_ASSERT(WN_BP_N_LANGS == 7);
  st->stop_any[0] += (guint)a & 0x7F;
  st->stop_any[1] += (guint)(a >> (LANE_BITS * 1)) & 0x7F;
  st->stop_any[2] += (guint)(a >> (LANE_BITS * 2)) & 0x7F;
  st->stop_any[3] += (guint)(a >> (LANE_BITS * 3)) & 0x7F;
  st->stop_any[4] += (guint)(a >> (LANE_BITS * 4)) & 0x7F;
  st->stop_any[5] += (guint)(a >> (LANE_BITS * 5)) & 0x7F;
  st->stop_any[6] += (guint)(a >> (LANE_BITS * 6)) & 0x7F;
  st->boiler_strong += (guint)(*acc >> (LANE_BITS * WN_BP_N_LANGS)) & 0x7F;
  st->boiler_weak += (guint)(*acc >> (LANE_BITS * (WN_BP_N_LANGS + 1))) & 0x7F;
  *acc = 0;
}

/* Before `q` (> start): the start of the character that ends there. */
static inline const guchar *
char_before(const guchar *start, const guchar *q)
{
  q--;
  while (q > start && (*q & 0xC0) == 0x80)
    q--;
  return q;
}

/* The last token of s[0..len) as the scan would have seen it: 'a' for a
 * word, else the character; 0 when there is none. `before` receives where
 * that token's last character starts. */
static gunichar
last_token(const guchar *start, const guchar *end, const guchar **before)
{
  const guchar *q = end;
  while (q > start) {
    const guchar *c = char_before(start, q);
    if (*c < 0x80) {
      guint f = byte_class[*c];
      if (f & B_BLANK) {
        q = c;
        continue;
      }
      *before = c;
      return (f & B_WORD) ? 'a' : *c;
    }
    gunichar u;
    decode_high(c, end, &u);
    guint up = uprops(u);
    if (up & U_SPACE) {
      q = c;
      continue;
    }
    *before = c;
    if (up & U_ALNUM)
      return 'a';
    if (!(up & U_CONT))
      return u;
    /* Marks belong to the word they follow, if any: look past them. */
    const guchar *m = c;
    while (m > start) {
      const guchar *b = char_before(start, m);
      if (*b < 0x80)
        return (byte_class[*b] & B_WORD) ? 'a' : u;
      gunichar v;
      decode_high(b, end, &v);
      guint vp = uprops(v);
      if (vp & U_ALNUM)
        return 'a';
      if (!(vp & U_CONT))
        return u;
      m = b;
    }
    return u;
  }
  return 0;
}

static inline void
stats_set_language(WnBpStats *st, WnBpLang lang)
{
  if (lang >= 0 && lang < WN_BP_N_LANGS) {
    st->stopwords = st->stop_any[lang];
  } else {
    const guint *c = st->stop_any;
    st->stopwords = MAX(MAX(MAX(c[0], c[1]), MAX(c[2], c[3])), MAX(MAX(c[4], c[5]), c[6]));
  }
}

/* Set bits of x, without the library call __builtin_popcount becomes when
 * the target may lack a popcount instruction. */
static inline guint
popcount64(guint64 x)
{
  x = x - ((x >> 1) & G_GUINT64_CONSTANT(0x5555555555555555));
  x = (x & G_GUINT64_CONSTANT(0x3333333333333333)) +
      ((x >> 2) & G_GUINT64_CONSTANT(0x3333333333333333));
  x = (x + (x >> 4)) & G_GUINT64_CONSTANT(0x0F0F0F0F0F0F0F0F);
  return (guint)((x * G_GUINT64_CONSTANT(0x0101010101010101)) >> 56);
}

/* The low n bits (n <= 64). */
static inline guint64
low_bits(guint n)
{
  return n >= 64 ? G_MAXUINT64 : ((guint64)1 << n) - 1;
}

#define CHUNK 64
/* A chunk is read in place when this many bytes from its start may be read
 * (the chunk and the eight-byte key of a word that starts at its end). */
#define CHUNK_READ (CHUNK + 8)

void
wn_bp_scan(const char *s, gsize len, WnBpLang lang, WnBpStats *st)
{
  wn_bp_scan_within(s, len, s + len, lang, st);
}

void
wn_bp_scan_within(const char *s, gsize len, const char *readable_end, WnBpLang lang, WnBpStats *st)
{
  memset(st, 0, sizeof *st);
  get_vocab();
  const guchar *const start = (const guchar *)s, *const end = start + len;
  const guchar *const rend = MAX((const guchar *)readable_end, end);
  const guchar *p = start;
  guint64 acc = 0; /* vocabulary hits, LANE_BITS per bit */
  /* Counts of the masked part, kept in locals (stores through st could
   * alias the text for all the compiler knows). */
  guint words = 0, caps = 0, chars = 0, commas = 0, ends = 0, words_at_flush = 0;
  /* Chunks of 64 bytes: the pure-ASCII part of a chunk is counted by bit
   * masks (one pass of vector compares per chunk, then a few instructions
   * per word and per punctuation mark); a word that runs past the chunk is
   * left for the next chunk, which starts at it; non-ASCII characters and
   * the words that touch them go through scan_token(). A chunk too near the
   * end of what may be read is copied into a zero-padded buffer first. */
  guchar pad[CHUNK + 16];
  while (p < end) {
    const guchar *const c0 = p;
    gsize avail = (gsize)(end - p);
    const guchar *q = p;
    if ((gsize)(rend - p) < CHUNK_READ) {
      gsize n = MIN(avail, (gsize)CHUNK);
      memcpy(pad, p, n);
      memset(pad + n, 0, sizeof pad - n);
      q = pad;
    }
    ChunkMasks m = chunk_masks(q);
    const guint full = avail >= CHUNK ? CHUNK : (guint)avail;
    const guint64 valid = low_bits(full);
    const guint64 word = m.word & valid;
    const guint64 high = m.high & valid;
    /* Segments of the chunk: masks count up to the next non-ASCII letter (or
     * a character cut by the chunk's end); that letter's word goes through
     * scan_token(); then on with the masks after it. Non-ASCII characters
     * that are not letters (quotes, dashes, no-break spaces) are counted
     * here, one decode each. */
    guint pos = 0;
    for (;;) {
      guint seg = full, hchars = 0, hends = 0;
      gboolean special = FALSE;
      for (guint64 ld = high & ~low_bits(pos); ld; ld &= ld - 1) {
        guint h = (guint)__builtin_ctzll(ld);
        guchar c = q[h];
        if (c < 0xC0)
          continue; /* a continuation byte */
        guint sl = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (h + sl > full && avail > full) {
          seg = h; /* cut by the chunk's end: the next chunk starts there */
          special = TRUE;
          break;
        }
        gunichar u;
        decode_high(q + h, q + full, &u);
        guint up = uprops(u);
        if (up & U_CONT) {
          seg = h;
          special = TRUE;
          break;
        }
        if (!(up & U_SPACE)) {
          hchars++;
          hends += (up & U_SENT) != 0;
        }
      }
      /* A word touching `seg` may go on (into the next chunk, or into a
       * non-ASCII letter): it is left to what follows. */
      guint stop = seg;
      if (seg < avail && stop > pos && (word >> (stop - 1) & 1)) {
        guint64 gaps = ~word & low_bits(stop) & ~low_bits(pos);
        stop = gaps ? 64 - (guint)__builtin_clzll(gaps) : pos;
      }
      if (stop > pos) {
        guint64 region = low_bits(stop) & ~low_bits(pos);
        guint64 w = word & region;
        guint64 starts = w & ~(w << 1);
        chars += popcount64(~(m.space | m.high) & region) + hchars;
        ends += hends;
        /* ASCII punctuation, and blanks other than spaces. */
        guint64 punct = ~(w | m.space | m.high) & region;
        while (punct) {
          guint i = (guint)__builtin_ctzll(punct);
          punct &= punct - 1;
          guint f = byte_class[q[i]];
          chars -= (f & B_BLANK) != 0;
          commas += (f & B_COMMA) != 0;
          if ((f & B_SENT) && (c0 + i + 1 == end || (byte_class[c0[i + 1]] & (B_ASPACE | B_CLOSE))))
            ends++;
        }
        while (starts) {
          guint i = (guint)__builtin_ctzll(starts);
          starts &= starts - 1;
          const guchar *wp = q + i;
          words++;
          caps += (guint)(*wp - 'A') < 26u;
          /* The word ends at the first zero bit from i (w's bits past
           * `stop` are zero; a word of 63 or 64 bytes reads as 63: no
           * vocabulary word has that length either way). */
          guint n = (guint)__builtin_ctzll(~(w >> i) | (guint64)1 << 63);
          acc += vocab.spread[vocab_lookup_ascii(wp, n, load64_le(wp))];
        }
        if (words - words_at_flush > LANE_FLUSH - CHUNK / 2) {
          flush_lanes(st, &acc);
          words_at_flush = words;
        }
      }
      if (!special) {
        /* Done with the chunk, or a word runs past it: the next chunk
         * starts at that word (a word as long as a chunk is taken whole). */
        p = stop > 0 ? c0 + stop : scan_token(c0, end, st);
        break;
      }
      const guchar *r = scan_token(c0 + stop, end, st);
      pos = (guint)MIN((gsize)(r - c0), (gsize)CHUNK);
      if ((gsize)(r - c0) >= full) {
        p = r;
        break;
      }
    }
  }
  flush_lanes(st, &acc);
  st->words += words;
  st->capitalised += caps;
  st->chars += chars;
  st->commas += commas;
  st->sentence_ends += ends;
  const guchar *at = end;
  gunichar last = last_token(start, end, &at);
  gboolean punct_end = is_sentence_punct(last) || last == ':';
  if (!punct_end && is_closing(last) && at > start) {
    const guchar *at2 = at;
    punct_end = is_sentence_punct(last_token(start, at, &at2));
  }
  st->ends_with_punct = punct_end;
  stats_set_language(st, lang);
}

void
wn_bp_stats_set_language(WnBpStats *st, WnBpLang lang)
{
  stats_set_language(st, lang);
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

static inline guint32
fnv_step(guint32 h, guchar c)
{
  return (h ^ c) * 16777619u;
}

void
wn_bp_word_hashes(const char *s, gsize len, guint min_chars, GArray *out)
{
  get_vocab(); /* builds word_lower */
  /* At most one word per two bytes: room is made once, filled in place (a
   * call per word to g_array_append_val costs more than the hashing). */
  guint base = out->len, n_out = 0;
  g_array_set_size(out, base + (guint)(len / 2 + 1));
  guint32 *dst = (guint32 *)(void *)out->data + base;
  const guchar *p = (const guchar *)s, *end = p + len;
  while (p < end) {
    guchar c = *p;
    gsize l = 1;
    if (c < 0x80) {
      if (!word_lower[c]) {
        p++;
        continue;
      }
      /* An ASCII word, hashed as its end is found: one table load per
       * byte says both (0 ends it, 0xFF is a non-ASCII byte). */
      guint32 h = 2166136261u;
      const guchar *e = p;
      guchar b = c;
      do {
        h = fnv_step(h, word_lower[b]);
        if (++e == end)
          break;
        b = *e;
      } while ((guchar)(word_lower[b] - 1) < 0xFE);
      if (e == end || *e < 0x80) {
        if ((gsize)(e - p) >= min_chars)
          dst[n_out++] = h;
        p = e;
        continue;
      }
    } else {
      gunichar u;
      l = decode_high(p, end, &u);
      if (!(uprops(u) & U_ALNUM)) {
        p += l;
        continue;
      }
    }
    guint32 h = 2166136261u;
    guint nchars = 0;
    while (p < end) {
      guchar d = *p;
      if (d < 0x80) {
        if (!word_lower[d])
          break;
        h = fnv_step(h, word_lower[d]);
        p++;
      } else {
        gunichar v;
        l = decode_high(p, end, &v);
        if (!(uprops(v) & U_ALNUM))
          break;
        char buf[8];
        int n = g_unichar_to_utf8(g_unichar_tolower(v), buf);
        for (int i = 0; i < n; i++)
          h = fnv_step(h, (guchar)buf[i]);
        p += l;
      }
      nchars++;
    }
    if (nchars >= min_chars)
      dst[n_out++] = h;
  }
  g_array_set_size(out, base + n_out);
}

/* Teaser and furniture labels a line may start with ("READ: ...",
 * "Lire aussi :", "Lesen Sie auch:"): lower-case, compared up to the colon. */
static const char *const teaser_labels[] = {
    "read", "subscribe", "read more", "read also", "also read", "related", "watch", "see also",
    "see", "more", "listen", "video", "photos", "gallery", "advertisement", "sponsored",
    "recommended", "lire aussi", "à lire aussi", "voir aussi", "lire", "sur le même sujet",
    "lesen sie auch", "mehr zum thema", "auch interessant", "lea también", "leer más",
    "te puede interesar", "ver también", "más información",
    /* More languages: "Lees ook:", "Читайте также:". */
    "lesen sie mehr", "mehr dazu", "passend dazu", "auch lesenswert", "anzeige", "werbung",
    "lee también", "mira también", "noticias relacionadas", "publicidad", "leia também",
    "leia mais", "veja também", "saiba mais", "notícias relacionadas", "publicidade", "leggi anche",
    "leggi", "vedi anche", "guarda anche", "potrebbe interessarti", "articoli correlati",
    "pubblicità", "lees ook", "lees meer", "lees verder", "zie ook", "bekijk ook", "advertentie",
    "zobacz także", "zobacz też", "zobacz również", "czytaj także", "czytaj też", "czytaj również",
    "czytaj więcej", "przeczytaj także", "przeczytaj też", "polecamy", "reklama", "читайте также",
    "читайте", "смотрите также", "читать также", "по теме", "ещё по теме", "еще по теме",
    "материалы по теме", "подробнее", "реклама", "читайте також", "дивіться також", "читати також",
    "по темі", "детальніше", "ayrıca okuyun", "ayrıca bakınız", "ayrica okuyun", "bunu da okuyun",
    "ilgili haber", "ilgili haberler", "reklam", "διαβάστε επίσης", "διαβάστε ακόμη",
    "διαβαστε επισης", "δείτε επίσης", "δείτε ακόμα", "σχετικά άρθρα", "διαφήμιση", "اقرأ أيضا",
    "اقرأ أيضاً", "اقرأ ايضا", "إقرأ أيضا", "اقرأ المزيد", "شاهد أيضا", "اقرأ كذلك", "相关新闻",
    "相關新聞", "相关阅读", "相關閱讀", "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "相关文章",
    "相關文章", "广告", "廣告", "责任编辑", "責任編輯", "来源", "來源", "作者", "编辑", "編輯",
    "发布时间", "發佈時間", "関連記事", "あわせて読みたい", "合わせて読みたい", "こちらもおすすめ",
    "広告", "관련 기사", "관련기사", "함께 읽기", "광고", NULL};

/* The labels by first byte: label_first[b] is 1 + the index of the first
 * label starting with b (0: none), label_next[i] the next one after i. */
static guint8 label_first[256];
static guint8 label_next[G_N_ELEMENTS(teaser_labels)];

static gpointer
build_label_index(gpointer data)
{
  G_STATIC_ASSERT(G_N_ELEMENTS(teaser_labels) < 256);
  for (guint i = G_N_ELEMENTS(teaser_labels) - 1; i > 0; i--) {
    guchar b = (guchar)teaser_labels[i - 1][0];
    label_next[i - 1] = label_first[b];
    label_first[b] = (guint8)i;
  }
  return NULL;
}

/* Removes U+0307 from a lower-cased string (Turkish İ lowers to i + U+0307;
 * the phrase tables hold a plain i); returns the new length. */
static gsize
drop_dot_above(char *s, gsize n)
{
  if (!memchr(s, 0xCC, n))
    return n;
  gsize o = 0;
  for (gsize i = 0; i < n; i++) {
    if ((guchar)s[i] == 0xCC && i + 1 < n && (guchar)s[i + 1] == 0x87) {
      i++;
      continue;
    }
    s[o++] = s[i];
  }
  s[o] = '\0';
  return o;
}

/* The fullwidth colon of CJK typography ("延伸阅读：..."), U+FF1A. */
static const char *
find_wide_colon(const char *s, gsize n)
{
  for (const char *p = memchr(s, 0xEF, n); p && p + 3 <= s + n;
       p = memchr(p + 1, 0xEF, (gsize)(s + n - p - 1)))
    if ((guchar)p[1] == 0xBC && (guchar)p[2] == 0x9A)
      return p;
  return NULL;
}

static gboolean
has_teaser_label(const char *s, gsize len)
{
  const char *colon = memchr(s, ':', MIN(len, (gsize)40));
  /* Looked for only on lines that open with a character of three bytes
   * (CJK): others never use it. */
  if (len && (guchar)s[0] >= 0xE3 && (guchar)s[0] <= 0xED) {
    const char *wide = find_wide_colon(s, colon ? (gsize)(colon - s) : MIN(len, (gsize)40));
    colon = wide ? wide : colon;
  }
  if (!colon)
    return FALSE;
  /* An ASCII head is lowered and trimmed in place (what g_utf8_strdown and
   * g_strstrip would give); anything else is lowered by table when it can be,
   * else by GLib. */
  gsize hn = (gsize)(colon - s);
  char buf[41];
  gboolean ascii = TRUE;
  for (gsize i = 0; i < hn; i++) {
    guchar c = (guchar)s[i];
    ascii &= c != 0 && c < 0x80;
    buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  g_autofree char *low = NULL;
  char lbuf[4 * 40 + 1];
  char *head = buf;
  gsize hl = hn;
  if (!ascii) {
    head = wn_bp_lower(s, hn, lbuf, sizeof lbuf, &low, &hl);
    hl = drop_dot_above(head, hl);
  }
  /* Trimmed as g_strstrip would. */
  gsize b = hl;
  while (b > 0 && g_ascii_isspace(head[b - 1]))
    b--;
  head[b] = '\0';
  while (g_ascii_isspace(*head))
    head++;
  /* A space before the colon is French typography. */
  static GOnce once = G_ONCE_INIT;
  g_once(&once, build_label_index, NULL);
  for (guint i = label_first[(guchar)head[0]]; i; i = label_next[i - 1])
    if (strcmp(head, teaser_labels[i - 1]) == 0)
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
    case 'i':
      if ((p[1] == 'r' && rest >= 16 && memcmp(p, "iritti riservati", 16) == 0) ||
          (p[1] == 'r' && rest >= 18 && memcmp(p, "ireitos reservados", 18) == 0))
        return TRUE;
      break;
    case 'v':
      if (p[1] == 'o' && rest >= 12 && memcmp(p, "voorbehouden", 12) == 0)
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
static const char *const furniture_openings[] = {
    "continue reading", "read more", "read the full", "click here", "sign up", "subscribe to",
    "subscribe now", "follow us", "share this", "share on", "have a news tip", "got a news tip",
    "got a tip", "(reporting by", "reporting by", "additional reporting by", "editing by",
    "writing by", "compiled by", "copyright", "©", "all rights reserved",
    "related:", "advertisement", "deal alert", "support our journalism", "donate", "lire la suite",
    "abonnez-vous", "inscrivez-vous", "weiterlesen", "jetzt abonnieren", "leer más", "suscríbete",
    /* More languages, Latin script. */
    "melden sie sich", "abonnieren sie", "folgen sie uns", "síguenos", "suscríbase", "inscreva-se",
    "siga-nos", "cadastre-se", "assine a ", "assine o ", "iscriviti", "seguici", "schrijf je in",
    "meld je aan", "volg ons", "zapisz się", "subskrybuj", "obserwuj nas",
    "wszelkie prawa zastrzeżone", "abone ol", "bültenimize", "bizi takip", "tüm hakları saklıdır",
    NULL};

/* For each lower-case first byte, the openings that start with it (bit i
 * for furniture_openings[i]), and each opening's length. */
static guint64 opening_by_first[256];
static guint8 opening_len[64];

static gpointer
build_openings(gpointer data)
{
  G_STATIC_ASSERT(G_N_ELEMENTS(furniture_openings) - 1 <= 64);
  for (guint i = 0; furniture_openings[i]; i++) {
    opening_by_first[(guchar)furniture_openings[i][0]] |= (guint64)1 << i;
    opening_len[i] = (guint8)strlen(furniture_openings[i]);
  }
  return NULL;
}

static inline guchar
ascii_lower(guchar c)
{
  return c >= 'A' && c <= 'Z' ? (guchar)(c + 32) : c;
}

/* Whether s[0..len) starts with the lower-case `word` (n bytes), ignoring
 * ASCII case. */
static inline gboolean
has_prefix_ci(const char *s, gsize len, const char *word, gsize n)
{
  if (len < n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (ascii_lower((guchar)s[i]) != (guchar)word[i])
      return FALSE;
  return TRUE;
}

/* Whether the line may hold a copyright phrase: each of them has "rv"
 * ("reserved", "réservés", "reservados"), "vo" ("vorbehalten"), ignoring
 * ASCII case, or a copyright sign. A cheap test that rules out most lines. */
static gboolean
may_hold_copyright(const char *s, gsize len)
{
  const guchar *p = (const guchar *)s;
  gsize i = 0;
#ifdef __SSE2__
  const __m128i lower = _mm_set1_epi8(0x20);
  for (; i + 17 <= len; i += 16) {
    const __m128i a = _mm_loadu_si128((const __m128i *)(p + i));
    const __m128i b = _mm_loadu_si128((const __m128i *)(p + i + 1));
    const __m128i la = _mm_or_si128(a, lower), lb = _mm_or_si128(b, lower);
    const __m128i rv = _mm_and_si128(_mm_cmpeq_epi8(la, _mm_set1_epi8('r')),
                                     _mm_cmpeq_epi8(lb, _mm_set1_epi8('v')));
    const __m128i vo = _mm_and_si128(_mm_cmpeq_epi8(la, _mm_set1_epi8('v')),
                                     _mm_cmpeq_epi8(lb, _mm_set1_epi8('o')));
    const __m128i copy = _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8((char)0xC2)),
                                       _mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xA9)));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(rv, vo), copy)))
      return TRUE;
  }
#endif
  for (; i + 1 < len; i++) {
    guchar a = ascii_lower(p[i]), b = ascii_lower(p[i + 1]);
    if ((a == 'r' && b == 'v') || (a == 'v' && b == 'o') || (p[i] == 0xC2 && p[i + 1] == 0xA9))
      return TRUE;
  }
  return FALSE;
}

static gboolean intl_furniture(const char *s, gsize len, guint words);
static gboolean intl_marks_in(const char *s, gsize len, guint words);

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
  if (len == 0)
    return FALSE;
  static GOnce once = G_ONCE_INIT;
  g_once(&once, build_openings, NULL);
  /* Openings compared only when their first byte matches. */
  for (guint64 m = opening_by_first[ascii_lower((guchar)s[0])]; m; m &= m - 1) {
    guint i = (guint)__builtin_ctzll(m);
    if (has_prefix_ci(s, len, furniture_openings[i], opening_len[i]))
      return TRUE;
  }
  /* Bylines. */
  if ((words <= 8 && has_prefix_ci(s, len, "by ", 3)) ||
      (words <= 6 && has_prefix_ci(s, len, "par ", 4)))
    return TRUE;
  /* Copyright lines anywhere in a short line (a cheap look for their marks
   * first: most lines have none). */
  if (words <= 20 && may_hold_copyright(s, len) && has_copyright_mark(s, len)) {
    g_autofree char *low = g_ascii_strdown(s, (gssize)len);
    if (intl_marks_in(s, len, words))
      return TRUE;
    if (strstr(low, "all rights reserved") || strstr(low, "copyright ©") || strstr(low, "© 20") ||
        strstr(low, "tous droits réservés") || strstr(low, "alle rechte vorbehalten") ||
        strstr(low, "todos los derechos reservados") ||
        strstr(low, "todos os direitos reservados") || strstr(low, "tutti i diritti riservati") ||
        strstr(low, "alle rechten voorbehouden"))
      return TRUE;
  }
  /* Consent notices in CJK lines ("本网站使用Cookie..."), copyright lines
   * without a sign, in scripts other than Latin. */
  if (words <= 12 && (guchar)s[0] >= 0xC3 && (guchar)s[0] != 0xE2 && intl_marks_in(s, len, words))
    return TRUE;
  return intl_furniture(s, len, words);
}

/* ---- Furniture in languages beyond the stopword lists ----
 *
 * Short lines are compared lower-cased (wn_bp_utf8_lower, else GLib, so
 * Cyrillic, Greek and Turkish fold too) and with their decoration trimmed
 * (bullets, arrows, trailing colons, a comment count). No phrase relies on
 * word boundaries inside the line: CJK text has none. */

/* Lines that are furniture when they hold nothing else: buttons, headings of
 * related lists and comment sections, share and follow prompts, ad labels. */
static const char *const furniture_lines[] = {
    /* de */
    "teilen", "artikel teilen", "jetzt teilen", "kommentare", "kommentar schreiben", "werbung",
    "anzeige", "alle akzeptieren", "akzeptieren", "ablehnen", "alle ablehnen", "zustimmen",
    "zustimmen und weiter", "einverstanden", "cookie-einstellungen", "newsletter abonnieren",
    "folgen sie uns", "lesen sie auch", "mehr zum thema", "auch interessant",
    "das könnte sie auch interessieren", "weitere artikel", "ähnliche artikel", "meistgelesen",
    "meistgelesene artikel",
    /* es */
    "compartir", "comparte", "comentarios", "publicidad", "aceptar", "aceptar todas",
    "aceptar todo", "aceptar cookies", "rechazar", "rechazar todas", "rechazar todo",
    "noticias relacionadas", "te puede interesar", "también te puede interesar", "lo más leído",
    "más leídas", "síguenos", "lee también", "lea también",
    /* pt */
    "compartilhar", "compartilhe", "partilhar", "partilhe", "comentários", "publicidade", "aceitar",
    "aceitar todos", "aceitar tudo", "rejeitar", "concordo", "notícias relacionadas", "leia também",
    "veja também", "mais lidas", "siga-nos",
    /* it */
    "condividi", "commenti", "pubblicità", "accetta", "accetta tutto", "accetta tutti", "rifiuta",
    "rifiuta tutto", "leggi anche", "articoli correlati", "potrebbe interessarti", "i più letti",
    "più letti", "seguici",
    /* nl */
    "delen", "deel dit artikel", "reacties", "advertentie", "accepteren", "alles accepteren",
    "akkoord", "weigeren", "lees ook", "gerelateerde artikelen", "meest gelezen", "volg ons",
    /* pl */
    "udostępnij", "komentarze", "reklama", "zaakceptuj", "akceptuję", "zaakceptuj wszystkie",
    "akceptuj wszystkie", "odrzuć", "zgadzam się", "przejdź do serwisu", "zobacz także",
    "zobacz też", "czytaj także", "polecane", "najczęściej czytane", "obserwuj nas",
    "podobne artykuły", "powiązane artykuły",
    /* ru */
    "поделиться", "комментарии", "комментариев", "реклама", "принять", "принять все", "принимаю",
    "согласен", "отклонить", "читайте также", "ещё по теме", "еще по теме", "по теме",
    "новости по теме", "материалы по теме", "похожие новости", "самое читаемое", "популярное",
    "подписывайтесь", "рекомендуем",
    /* uk */
    "поділитися", "коментарі", "коментарів", "прийняти", "прийняти все", "погоджуюсь",
    "читайте також", "по темі", "новини по темі", "схожі новини", "найпопулярніше",
    /* tr */
    "paylaş", "yorumlar", "yorum yap", "reklam", "kabul et", "kabul ediyorum", "tümünü kabul et",
    "reddet", "ilgili haberler", "ayrıca okuyun", "en çok okunanlar", "bizi takip edin",
    /* el */
    "κοινοποίηση", "κοινοποιηση", "μοιραστείτε", "σχόλια", "σχολια", "διαφήμιση", "διαφημιση",
    "αποδοχή", "αποδοχη", "αποδοχή όλων", "αποδέχομαι", "απόρριψη", "συμφωνώ", "διαβάστε επίσης",
    "διαβαστε επισης", "σχετικά άρθρα", "δημοφιλή", "ακολουθήστε μας",
    /* ar */
    "شارك", "مشاركة", "التعليقات", "تعليقات", "إعلان", "اعلان", "قبول", "موافق", "أوافق",
    "قبول الكل", "رفض", "اقرأ أيضا", "اقرأ أيضاً", "أخبار ذات صلة", "اخبار ذات صلة",
    "مواضيع ذات صلة", "الأكثر قراءة", "تابعنا",
    /* zh */
    "分享", "分享到", "评论", "評論", "网友评论", "广告", "廣告", "接受", "同意", "全部接受",
    "接受全部", "接受所有", "拒绝", "拒絕", "相关新闻", "相關新聞", "相关阅读", "相關閱讀",
    "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "热点排行", "热门文章", "熱門文章", "关注我们",
    "關注我們", "返回顶部", "打印", "收藏",
    /* ja */
    "シェア", "シェアする", "共有", "コメント", "広告", "同意する", "同意します",
    "すべて受け入れる", "すべて許可", "拒否", "関連記事", "あわせて読みたい", "おすすめ記事",
    "人気記事", "フォローする", "ツイート",
    /* ko */
    "공유", "공유하기", "댓글", "광고", "동의", "모두 동의", "모두 허용", "수락", "거부",
    "관련 기사", "관련기사", "많이 본 뉴스", "구독", "구독하기", NULL};

/* Openings of furniture lines (sign-up and follow prompts, consent notices
 * in scripts the word scan cannot split). A Latin, Cyrillic or Greek
 * opening must end at a word's end; one ending in CJK need not. */
static const char *const intl_openings[] = {"подпишитесь",
                                            "подписывайтесь",
                                            "подписаться на",
                                            "следите за нами",
                                            "читайте нас",
                                            "підпишіться",
                                            "підписуйтесь",
                                            "стежте за нами",
                                            "εγγραφείτε",
                                            "ακολουθήστε μας",
                                            "اشترك",
                                            "تابعنا",
                                            "订阅",
                                            "訂閱",
                                            "关注我们",
                                            "關注我們",
                                            "扫码关注",
                                            "扫描二维码",
                                            "本网站使用",
                                            "本站使用",
                                            "我们使用",
                                            "本網站使用",
                                            "当サイトでは",
                                            "このサイトでは",
                                            "本サイトでは",
                                            "メールマガジン",
                                            "ニュースレター",
                                            "구독하기",
                                            "뉴스레터",
                                            "이 사이트는",
                                            NULL};

/* Marks of consent notices and copyright lines anywhere in a short line
 * written in a non-Latin script (or with non-ASCII letters). */
static const char *const intl_marks[] = {"все права защищены",
                                         "всі права захищені",
                                         "wszelkie prawa zastrzeżone",
                                         "tüm hakları saklıdır",
                                         "διατηρούνται όλα τα δικαιώματα",
                                         "جميع الحقوق محفوظة",
                                         "تعريف الارتباط",
                                         "版权所有",
                                         "版權所有",
                                         "著作権",
                                         "無断転載",
                                         "저작권",
                                         "무단 전재",
                                         NULL};

/* Marks of consent notices in CJK lines, where "cookie" is glued to the
 * words around it. */
static const char *const cjk_marks[] = {"cookie", "クッキー", "쿠키", NULL};

/* Headings of comment sections, lower-case, compared whole. */
static const char *const comment_headings[] = {"comments",
                                               "comment",
                                               "reader comments",
                                               "leave a comment",
                                               "leave a reply",
                                               "join the discussion",
                                               "commentaires",
                                               "réactions",
                                               "kommentare",
                                               "leserkommentare",
                                               "comentarios",
                                               "comentários",
                                               "commenti",
                                               "reacties",
                                               "komentarze",
                                               "комментарии",
                                               "комментариев",
                                               "коментарі",
                                               "коментарів",
                                               "yorumlar",
                                               "σχόλια",
                                               "σχολια",
                                               "التعليقات",
                                               "تعليقات",
                                               "评论",
                                               "評論",
                                               "网友评论",
                                               "網友評論",
                                               "コメント",
                                               "댓글",
                                               NULL};

typedef struct {
  GHashTable *lines;         /* furniture_lines as a set */
  guint32 bloom[128];        /* bits of the lines' hashes (fnv_step) */
  guint64 lens[128];         /* bit n of lens[b]: a line of n bytes starts with b */
  guint64 comment_lens[128]; /* the same for comment_headings */
  guint8 open_len[64 + 32];
} Intl;

static Intl intl;

static gpointer
build_intl(gpointer data)
{
  intl.lines = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; furniture_lines[i]; i++) {
    g_hash_table_add(intl.lines, (gpointer)furniture_lines[i]);
    guint32 h = 2166136261u;
    for (const char *c = furniture_lines[i]; *c; c++)
      h = fnv_step(h, (guchar)*c);
    intl.bloom[(h >> 5) & (G_N_ELEMENTS(intl.bloom) - 1)] |= 1u << (h & 31);
    gsize n = strlen(furniture_lines[i]);
    if ((guchar)furniture_lines[i][0] < 0x80 && n < 64)
      intl.lens[(guchar)furniture_lines[i][0]] |= (guint64)1 << n;
  }
  for (guint i = 0; comment_headings[i]; i++) {
    gsize n = strlen(comment_headings[i]);
    if ((guchar)comment_headings[i][0] < 0x80 && n < 64)
      intl.comment_lens[(guchar)comment_headings[i][0]] |= (guint64)1 << n;
  }
  G_STATIC_ASSERT(G_N_ELEMENTS(intl_openings) <= G_N_ELEMENTS(intl.open_len));
  for (guint i = 0; intl_openings[i]; i++) {
    intl.open_len[i] = (guint8)strlen(intl_openings[i]);
  }
  return NULL;
}

/* The tables are built once (one GOnce for every caller), then only read. */
static void
get_intl(void)
{
  static GOnce once = G_ONCE_INIT;
  g_once(&once, build_intl, NULL);
}

/* s[0..n) lower-cased into buf (cap bytes) as g_utf8_strdown would, without
 * U+0307; G_MAXSIZE when it does not fit. */
static gsize
phrase_lower(const char *s, gsize n, char *buf, gsize cap)
{
  g_autofree char *heap = NULL;
  gsize o;
  const char *low = wn_bp_lower(s, n, buf, cap, &heap, &o);
  if (low != buf) {
    if (o >= cap)
      return G_MAXSIZE;
    memcpy(buf, low, o + 1);
  }
  return drop_dot_above(buf, o);
}

/* The byte length of a decoration character at s (bullets, arrows, dashes,
 * colons, spaces) or 0. `tail` also takes closing punctuation. */
static gsize
decoration_len(const guchar *s, gsize n, gboolean tail)
{
  if (n == 0)
    return 0;
  if (s[0] < 0x80)
    return strchr(tail ? " \t\r>|*-:.!" : " \t\r>|*-#", s[0]) && s[0] ? 1 : 0;
  if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0xBB))
    return 2; /* NBSP, » */
  if (n >= 3 && s[0] == 0xE2 &&
      ((s[1] == 0x80 &&
        (s[2] == 0xA2 || s[2] == 0xBA || s[2] == 0x93 || s[2] == 0x94 || (tail && s[2] == 0xA6))) ||
       (s[1] == 0x86 && s[2] == 0x92) || (s[1] == 0x96 && (s[2] == 0xA0 || s[2] == 0xB6))))
    return 3; /* • › – — … → ■ ▶ */
  if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
    return 3; /* ideographic space */
  if (tail && n >= 3 && s[0] == 0xEF && s[1] == 0xBC && (s[2] == 0x9A || s[2] == 0x81))
    return 3; /* ： ！ */
  return 0;
}

/* Whether the character at p (in a lower-case string) is a letter or digit. */
static gboolean
letter_at(const char *p)
{
  if (!*p)
    return FALSE;
  if ((guchar)*p < 0x80)
    return g_ascii_isalnum(*p);
  return g_unichar_isalnum(g_utf8_get_char(p));
}

/* The words of a line without their decoration: "» Lees ook",
 * "Комментарии (12)", "分享到：", "12 Kommentare" give [b, e). */
static void
trim_decoration(const guchar *p, gsize len, gsize *bp, gsize *ep)
{
  /* Decoration around the words: "» Lees ook", "Комментарии (12)", "分享到：". */
  gsize b = 0, e = len, d;
  while (b < e && (d = decoration_len(p + b, e - b, FALSE)))
    b += d;
  for (;;) {
    gsize e0 = e;
    while (e > b && decoration_len(p + e - 1, 1, TRUE))
      e--;
    for (gsize k = 2; k <= 3 && e >= b + k; k++)
      if (decoration_len(p + e - k, k, TRUE) == k) {
        e -= k;
        break;
      }
    if (e > b && p[e - 1] == ')') {
      gsize q = e - 1;
      while (q > b && g_ascii_isdigit(p[q - 1]))
        q--;
      if (q < e - 1 && q > b && p[q - 1] == '(')
        e = q - 1;
    }
    if (e == e0)
      break;
  }
  while (b < e && (g_ascii_isdigit(p[b]) || p[b] == ' '))
    b++; /* "12 Kommentare" */
  *bp = b;
  *ep = e;
}

gboolean
wn_bp_comments_heading(const char *s, gsize len)
{
  get_intl();
  const guchar *p = (const guchar *)s;
  if (len == 0)
    return FALSE;
  gsize b = 0, e = len;
  if (!(g_ascii_isalpha(p[0]) && g_ascii_isalnum(p[len - 1])))
    trim_decoration(p, len, &b, &e);
  if (b >= e || e - b >= 64)
    return FALSE;
  /* Most lines are told apart by their first byte and length alone. */
  if (p[b] < 0x80 && !(intl.comment_lens[ascii_lower(p[b])] >> (e - b) & 1))
    return FALSE;
  char buf[4 * 64 + 8];
  if (phrase_lower(s + b, e - b, buf, sizeof buf) == G_MAXSIZE)
    return FALSE;
  for (guint i = 0; comment_headings[i]; i++)
    if (strcmp(buf, comment_headings[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Furniture in the languages beyond English and French: whole lines, line
 * openings, consent and copyright marks. */
static gboolean
intl_furniture(const char *s, gsize len, guint words)
{
  get_intl();
  const guchar *p = (const guchar *)s;
  /* Longer lines are compared only when they open with a letter of another
   * script (an ASCII opening was compared with the others). */
  if (words > 8 && !(p[0] >= 0xC3 && p[0] != 0xE2))
    return FALSE;
  gsize b = 0, e = len;
  /* Most lines open with a letter and end with a letter or digit: nothing
   * to trim. */
  if (!(g_ascii_isalpha(p[0]) && g_ascii_isalnum(p[len - 1])))
    trim_decoration(p, len, &b, &e);
  if (b >= e)
    return FALSE;
  gsize n = e - b;
  if (p[b] < 0x80) {
    /* Latin openings were compared with the others: only whole lines are
     * left. Most short lines are ASCII: their ASCII-folded hash must hit
     * the filter before any lowering. */
    if (words > 8 || n >= 64 || !(intl.lens[ascii_lower(p[b])] >> n & 1))
      return FALSE;
    guint32 h = 2166136261u;
    gboolean letters = FALSE;
    for (gsize i = b; i < e; i++) {
      h = fnv_step(h, ascii_lower(p[i]));
      letters |= p[i] >= 0xC3 && p[i] != 0xE2 && (p[i] & 0xC0) == 0xC0;
    }
    if (!letters && !(intl.bloom[(h >> 5) & (G_N_ELEMENTS(intl.bloom) - 1)] >> (h & 31) & 1))
      return FALSE;
  } else if (words > 8 && !(p[b] >= 0xC3 && p[b] != 0xE2)) {
    return FALSE;
  }
  char buf[4 * 64 + 8];
  /* The head, cut at a character's start. */
  gsize hn = MIN(n, (gsize)64);
  while (hn < n && hn > 0 && (p[b + hn] & 0xC0) == 0x80)
    hn--;
  gsize ln = phrase_lower(s + b, hn, buf, sizeof buf);
  if (ln == G_MAXSIZE)
    return FALSE;
  if (hn == n && words <= 8 && g_hash_table_contains(intl.lines, buf))
    return TRUE;
  for (guint i = 0; intl_openings[i]; i++) {
    const char *o = intl_openings[i];
    gsize ol = intl.open_len[i];
    if (buf[0] != o[0] || ol > ln || memcmp(buf, o, ol) != 0)
      continue;
    /* CJK openings (lead bytes E3..ED) need no word end. */
    const guchar *last = (const guchar *)o + ol - 1;
    while (last > (const guchar *)o && (*last & 0xC0) == 0x80)
      last--;
    if ((*last >= 0xE3 && *last <= 0xED) || !letter_at(buf + ol))
      return TRUE;
  }
  return FALSE;
}

/* Consent and copyright marks inside a short line holding letters of other
 * scripts than ASCII (lead bytes from 0xC3, general punctuation aside). */
static gboolean
intl_marks_in(const char *s, gsize len, guint words)
{
  if (words > 25 || len > 1024)
    return FALSE;
  gboolean letters = FALSE, cjk = FALSE;
  for (gsize i = 0; i < len; i++) {
    guchar c = (guchar)s[i];
    if (c >= 0xC3 && c != 0xE2 && (c & 0xC0) == 0xC0) {
      letters = TRUE;
      cjk |= c >= 0xE3 && c <= 0xED;
    }
  }
  if (!letters)
    return FALSE;
  if (cjk) {
    /* CJK has no case: the bytes are searched as they are, "cookie"
     * ignoring ASCII case. */
    for (guint i = 0; intl_marks[i]; i++)
      if ((guchar)intl_marks[i][0] >= 0xE3 && memmem(s, len, intl_marks[i], strlen(intl_marks[i])))
        return TRUE;
    for (guint i = 1; cjk_marks[i]; i++)
      if (memmem(s, len, cjk_marks[i], strlen(cjk_marks[i])))
        return TRUE;
    for (gsize i = 0; i + 6 <= len; i++)
      if ((s[i] | 0x20) == 'c' && g_ascii_strncasecmp(s + i, "cookie", 6) == 0)
        return TRUE;
    return FALSE;
  }
  char buf[4 * 1024 + 8];
  if (phrase_lower(s, len, buf, sizeof buf) == G_MAXSIZE)
    return FALSE;
  for (guint i = 0; intl_marks[i]; i++)
    if (strstr(buf, intl_marks[i]))
      return TRUE;
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
