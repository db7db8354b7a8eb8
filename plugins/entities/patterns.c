/* patterns.c: hand-written scanners for the entity types that follow a form
 * rather than a vocabulary: DATE, TIME, MONEY, PERCENT over tokens, EMAIL and URL
 * over the raw text (so they work however the tokenizer cut them). Each scanner
 * looks at a bounded window, so the whole pass is linear in the text. */
#include "ent.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct {
  const char *text;
  const WnEntTok *toks;
  guint first, last; /* the sentence */
} Ctx;

static inline const char *
tok_s(const Ctx *c, guint i)
{
  return c->text + c->toks[i].start;
}

static inline gsize
tok_len(const Ctx *c, guint i)
{
  return c->toks[i].end - c->toks[i].start;
}

static inline guchar
ascii_lower(guchar ch)
{
  return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

/* Word classes: the lists the scanners ask about, folded into one table. */
enum {
  W_NUMBER = 1u << 1,
  W_SCALE = 1u << 2,
  W_CURRENCY = 1u << 3,
  W_WEEKDAY = 1u << 4,
  W_RELDAY = 1u << 5,
  W_PERIOD = 1u << 6,
  W_AMPM = 1u << 7,
  W_ZONE = 1u << 8,
  W_SHIFT = 1u << 9,      /* "last Tuesday", "next week" */
  W_NOON = 1u << 10,      /* "noon", "midnight" */
  W_YEAR_LEAD = 1u << 11, /* "in 2013", "since 1999" */
  W_MONTH = 1u << 12,     /* a month's name, also with a period: "june", "jan." */
  W_TRIGGER = 1u << 13    /* may start a pattern (see may_start()) */
};

static gboolean
tok_is(const Ctx *c, guint i, const char *word)
{
  if (i >= c->last)
    return FALSE;
  /* First letters differ for nearly every pair: one compare then. The rest
   * folds ASCII case on both sides, as g_ascii_strncasecmp() would, in one
   * pass that also checks the length (no strlen). */
  const guchar *s = (const guchar *)tok_s(c, i);
  gsize len = tok_len(c, i);
  if (ascii_lower(s[0]) != (guchar)word[0])
    return FALSE;
  for (gsize k = 1; k < len; k++)
    if (word[k] == '\0' || ascii_lower(s[k]) != ascii_lower((guchar)word[k]))
      return FALSE;
  return word[len] == '\0';
}

/* The word classes of token i (W_* bits below; 0 past the sentence). */
static guint32 tok_class(const Ctx *c, guint i);

/* Digits with optional thousands separators and one decimal point. */
static gboolean
is_number_str(const char *s, gsize len)
{
  if (len == 0 || len > 24 || !g_ascii_isdigit(s[0]))
    return FALSE;
  gboolean dot = FALSE;
  for (gsize k = 0; k < len; k++) {
    if (g_ascii_isdigit(s[k]))
      continue;
    if ((s[k] == ',' || s[k] == '.') && k + 1 < len && g_ascii_isdigit(s[k + 1])) {
      if (s[k] == '.') {
        if (dot)
          return FALSE;
        dot = TRUE;
      }
      continue;
    }
    return FALSE;
  }
  return TRUE;
}

static const char *const number_words[] = {
    "one",     "two",   "three", "four",   "five",    "six",     "seven",
    "eight",   "nine",  "ten",   "eleven", "twelve",  "fifteen", "twenty",
    "thirty",  "forty", "fifty", "sixty",  "seventy", "eighty",  "ninety",
    "hundred", "a",     "half",  "dozen",  "several", "few",     NULL};
static const char *const scale_words[] = {"thousand", "million", "billion", "trillion", "bn", "mln",
                                          "m",        "b",       "k",       "tn",       NULL};

static gboolean
is_number(const Ctx *c, guint i)
{
  return i < c->last && is_number_str(tok_s(c, i), tok_len(c, i));
}

/* A number, possibly in words, possibly with a scale: "1.5 billion", "20",
 * "two million". Returns tokens consumed (0 if none). */
static guint
number_phrase(const Ctx *c, guint i, gboolean allow_words)
{
  guint j = i;
  if (is_number(c, j))
    j++;
  else if (allow_words && j < c->last && (tok_class(c, j) & W_NUMBER) && !tok_is(c, j, "a")) {
    j++;
    while (j < c->last && j - i < 4 && ((tok_class(c, j) & W_NUMBER) || tok_is(c, j, "-")))
      j++;
  } else
    return 0;
  if (j < c->last && (tok_class(c, j) & W_SCALE))
    j++;
  return j - i;
}

/* ---- MONEY and PERCENT ---------------------------------------------------- */

static const char *const currency_words[] = {
    "dollars", "dollar", "euros", "euro",   "pounds", "pound",   "yen",   "yuan", "rupees",
    "rupee",   "cents",  "cent",  "pence",  "francs", "franc",   "pesos", "peso", "rubles",
    "roubles", "ruble",  "won",   "dinars", "riyals", "bitcoin", "usd",   "eur",  "gbp",
    "jpy",     "cny",    "chf",   "cad",    "aud",    NULL};

/* The first bytes of the currency symbols below: nearly every token is
 * turned away by this one load instead of a walk over the lists. */
static const guint8 currency_lead[256] = {
    ['$'] = 1, [0xE2] = 1, [0xC2] = 1, ['U'] = 1, ['C'] = 1, ['A'] = 1, ['H'] = 1, ['R'] = 1};

typedef struct {
  const char *s;
  gsize len;
} Symbol;
#define SYMBOL(lit)                                                                                \
  {                                                                                                \
    lit, sizeof(lit) - 1                                                                           \
  }

static gboolean
is_currency_symbol(const char *s, gsize len)
{
  static const Symbol syms[] = {SYMBOL("$"),  SYMBOL("€"),   SYMBOL("£"),   SYMBOL("¥"),
                                SYMBOL("₹"),  SYMBOL("₩"),   SYMBOL("US$"), SYMBOL("C$"),
                                SYMBOL("A$"), SYMBOL("HK$"), SYMBOL("R$")};
  if (len == 0 || !currency_lead[(guchar)s[0]])
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS(syms); k++)
    if (syms[k].len == len && syms[k].s[0] == s[0] && memcmp(syms[k].s, s, len) == 0)
      return TRUE;
  return FALSE;
}

/* Length of a currency symbol that starts `s` (as in "$1.5"), or 0. */
static gsize
currency_prefix(const char *s, gsize len)
{
  /* Longest first where one symbol ends another ("US$" before "$"). */
  static const Symbol syms[] = {SYMBOL("US$"), SYMBOL("HK$"), SYMBOL("C$"), SYMBOL("A$"),
                                SYMBOL("R$"),  SYMBOL("$"),   SYMBOL("€"),  SYMBOL("£"),
                                SYMBOL("¥"),   SYMBOL("₹")};
  if (len < 2 || !currency_lead[(guchar)s[0]])
    return 0;
  for (guint k = 0; k < G_N_ELEMENTS(syms); k++)
    if (len > syms[k].len && syms[k].s[0] == s[0] && memcmp(syms[k].s, s, syms[k].len) == 0)
      return syms[k].len;
  return 0;
}

static guint
scan_money(const Ctx *c, guint i)
{
  /* "$" "1.5" "billion" */
  if (is_currency_symbol(tok_s(c, i), tok_len(c, i))) {
    guint n = number_phrase(c, i + 1, FALSE);
    return n > 0 ? 1 + n : 0;
  }
  /* "$1.5" "billion" */
  gsize p = currency_prefix(tok_s(c, i), tok_len(c, i));
  if (p > 0 && is_number_str(tok_s(c, i) + p, tok_len(c, i) - p)) {
    guint j = i + 1;
    if (j < c->last && (tok_class(c, j) & W_SCALE))
      j++;
    return j - i;
  }
  /* "20 dollars", "two million euros", "1.2 billion yuan" */
  guint n = number_phrase(c, i, TRUE);
  if (n > 0 && i + n < c->last && (tok_class(c, i + n) & W_CURRENCY))
    return n + 1;
  /* "USD 20" */
  if (i + 1 < c->last && tok_len(c, i) == 3 && (c->toks[i].flags & WN_ENT_TOK_ALLCAPS) &&
      (tok_class(c, i) & W_CURRENCY)) {
    n = number_phrase(c, i + 1, FALSE);
    return n > 0 ? 1 + n : 0;
  }
  return 0;
}

static guint
scan_percent(const Ctx *c, guint i)
{
  /* "5%" as one token */
  gsize len = tok_len(c, i);
  if (len > 1 && tok_s(c, i)[len - 1] == '%' && is_number_str(tok_s(c, i), len - 1))
    return 1;
  guint n = number_phrase(c, i, TRUE);
  if (n == 0)
    return 0;
  guint j = i + n;
  if (tok_is(c, j, "%") || tok_is(c, j, "percent") || tok_is(c, j, "pct"))
    return n + 1;
  if (tok_is(c, j, "per") && tok_is(c, j + 1, "cent"))
    return n + 2;
  if (tok_is(c, j, "percentage") && (tok_is(c, j + 1, "points") || tok_is(c, j + 1, "point")))
    return n + 2;
  return 0;
}

/* ---- DATE and TIME -------------------------------------------------------- */

static const char *const months[] = {
    "january", "february", "march",    "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan",   "feb", "mar",  "apr",  "jun",    "jul",
    "aug",     "sep",      "sept",     "oct",   "nov", "dec",  NULL};
static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday",    NULL};
static const char *const relative_days[] = {"yesterday", "today", "tomorrow", "tonight", NULL};
static const char *const periods[] = {"week", "month",  "year",   "weekend", "spring",  "summer",
                                      "fall", "autumn", "winter", "decade",  "century", NULL};

/* Whether token i names a month, written with a capital ("Jan." counts). */
static gboolean
is_month(const Ctx *c, guint i)
{
  if (i >= c->last)
    return FALSE;
  const WnEntTok *t = &c->toks[i];
  /* The word table holds every month also with a period, so one lookup
   * answers for "June" and "Jan." alike. */
  return (t->flags & (WN_ENT_TOK_CAP | WN_ENT_TOK_HEADLINE)) && (tok_class(c, i) & W_MONTH);
}

static gboolean
is_day(const Ctx *c, guint i)
{
  if (i >= c->last)
    return FALSE;
  const char *s = tok_s(c, i);
  gsize len = tok_len(c, i);
  gsize d = 0;
  while (d < len && g_ascii_isdigit(s[d]))
    d++;
  if (d == 0 || d > 2)
    return FALSE;
  if (d < len) {
    const char *suf = s + d;
    gsize sl = len - d;
    if (sl != 2 || (g_ascii_strncasecmp(suf, "st", 2) && g_ascii_strncasecmp(suf, "nd", 2) &&
                    g_ascii_strncasecmp(suf, "rd", 2) && g_ascii_strncasecmp(suf, "th", 2)))
      return FALSE;
  }
  int v = atoi(s);
  return v >= 1 && v <= 31;
}

static gboolean
is_year(const Ctx *c, guint i)
{
  if (i >= c->last || tok_len(c, i) != 4)
    return FALSE;
  const char *s = tok_s(c, i);
  for (int k = 0; k < 4; k++)
    if (!g_ascii_isdigit(s[k]))
      return FALSE;
  int v = atoi(s);
  return v >= 1000 && v <= 2199;
}

/* "2013-06-05", "06/05/2013", "5.6.2013" as one token. */
static gboolean
is_numeric_date(const char *s, gsize len)
{
  if (len < 8 || len > 10)
    return FALSE;
  int groups[3] = {0}, n = 0, digits = 0;
  char sep = 0;
  for (gsize k = 0; k < len; k++) {
    if (g_ascii_isdigit(s[k])) {
      if (++digits > 4)
        return FALSE;
      groups[n] = groups[n] * 10 + (s[k] - '0');
    } else if ((s[k] == '-' || s[k] == '/' || s[k] == '.') && digits > 0 && n < 2 &&
               (sep == 0 || sep == s[k])) {
      sep = s[k];
      n++;
      digits = 0;
    } else {
      return FALSE;
    }
  }
  if (n != 2 || digits == 0)
    return FALSE;
  if (groups[0] >= 1000) /* year first: Y-M-D */
    return groups[1] >= 1 && groups[1] <= 12 && groups[2] >= 1 && groups[2] <= 31;
  return groups[0] >= 1 && groups[0] <= 31 && groups[1] >= 1 && groups[1] <= 31 &&
         (groups[2] >= 1000 || groups[2] < 100);
}

static guint
scan_date(const Ctx *c, guint i)
{
  guint j = i;
  if (is_numeric_date(tok_s(c, i), tok_len(c, i)))
    return 1;
  /* "last Tuesday", "next week", "this year" */
  if ((tok_class(c, i) & W_SHIFT) &&
      ((tok_class(c, i + 1) & (W_WEEKDAY | W_PERIOD)) || is_month(c, i + 1))) {
    return 2;
  }
  if ((tok_class(c, i) & W_RELDAY))
    return 1;
  /* "Tuesday", "Tuesday, June 5" */
  if ((tok_class(c, i) & W_WEEKDAY) &&
      (c->toks[i].flags & (WN_ENT_TOK_CAP | WN_ENT_TOK_HEADLINE))) {
    j = i + 1;
    guint k = tok_is(c, j, ",") ? j + 1 : j;
    guint rest = is_month(c, k) ? scan_date(c, k) : 0;
    return rest > 0 ? k - i + rest : 1;
  }
  if (is_month(c, i)) {
    gboolean may_like = tok_is(c, i, "may") || tok_is(c, i, "march");
    j = i + 1;
    if (is_day(c, j)) {
      /* "June 5", "June 5, 2013", "June 5 2013" */
      j++;
      if (tok_is(c, j, ",") && is_year(c, j + 1))
        j += 2;
      else if (is_year(c, j))
        j++;
      return j - i;
    }
    if (tok_is(c, j, ",") && is_year(c, j + 1))
      return 3;
    if (is_year(c, j))
      return 2; /* "June 2013" */
    /* A bare month name; "May" and "March" are too often other words. */
    return may_like ? 0 : 1;
  }
  /* "5 June 2013", "5th of June" */
  if (is_day(c, i)) {
    j = i + 1;
    if (tok_is(c, j, "of"))
      j++;
    if (is_month(c, j)) {
      j++;
      if (is_year(c, j))
        j++;
      return j - i;
    }
    return 0;
  }
  /* "the 1990s", "2010s" */
  gsize len = tok_len(c, i);
  if (len == 5 && tok_s(c, i)[4] == 's' && g_ascii_isdigit(tok_s(c, i)[0]) &&
      g_ascii_isdigit(tok_s(c, i)[3]) && tok_s(c, i)[3] == '0')
    return 1;
  /* A year after a preposition: "in 2013", "since 1999". */
  if (is_year(c, i) && i > c->first && (tok_class(c, i - 1) & W_YEAR_LEAD))
    return 1;
  return 0;
}

static const char *const ampm[] = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", NULL};
static const char *const zones[] = {"et",  "est", "edt", "pt",  "pst", "pdt", "ct",
                                    "cst", "cdt", "gmt", "utc", "bst", "cet", NULL};

static gboolean
is_clock(const char *s, gsize len)
{
  /* "10:30", "9:05", "23:59:59" */
  if (len < 4 || len > 8 || !g_ascii_isdigit(s[0]))
    return FALSE;
  gsize k = 0;
  while (k < len && g_ascii_isdigit(s[k]))
    k++;
  if (k > 2 || k >= len || s[k] != ':')
    return FALSE;
  int h = atoi(s);
  if (h > 24)
    return FALSE;
  for (gsize m = k + 1; m < len; m++)
    if (!g_ascii_isdigit(s[m]) && s[m] != ':')
      return FALSE;
  return len - k - 1 >= 2 && atoi(s + k + 1) < 60;
}

static guint
scan_time(const Ctx *c, guint i)
{
  guint j = i;
  const char *s = tok_s(c, i);
  gsize len = tok_len(c, i);
  if (is_clock(s, len)) {
    j = i + 1;
  } else if (len <= 2 && is_number(c, i) && atoi(s) >= 1 && atoi(s) <= 12 &&
             (tok_class(c, i + 1) & W_AMPM)) {
    j = i + 1; /* "3 p.m." */
  } else if (len >= 3 && len <= 6 && g_ascii_isdigit(s[0]) &&
             (g_ascii_strcasecmp(s + len - 2, "am") == 0 ||
              g_ascii_strcasecmp(s + len - 2, "pm") == 0)) {
    for (gsize k = 0; k < len - 2; k++)
      if (!g_ascii_isdigit(s[k]) && s[k] != ':')
        return 0;
    return 1 + ((tok_class(c, i + 1) & W_ZONE) ? 1 : 0); /* "3pm" */
  } else if ((tok_class(c, i) & W_NOON)) {
    return 1;
  } else {
    return 0;
  }
  if ((tok_class(c, j) & W_AMPM))
    j++;
  if ((tok_class(c, j) & W_ZONE) && (c->toks[j].flags & WN_ENT_TOK_ALLCAPS))
    j++;
  return j - i;
}

/* ---- EMAIL and URL (raw text) --------------------------------------------- */

static gboolean
email_local_char(char ch)
{
  return g_ascii_isalnum(ch) || strchr("._%+-", ch) != NULL;
}

static gboolean
domain_char(char ch)
{
  return g_ascii_isalnum(ch) || ch == '-' || ch == '.';
}

/* The end of a URL starting at `p` (a scheme or "www." at a word boundary,
 * up to white space), or 0 when none starts there. */
static gsize
url_at(const char *text, gsize len, gsize p)
{
  if (p > 0 && g_ascii_isalnum(text[p - 1]))
    return 0;
  gsize skip = 0;
  if (len - p > 8 && g_ascii_strncasecmp(text + p, "https://", 8) == 0)
    skip = 8;
  else if (len - p > 7 && g_ascii_strncasecmp(text + p, "http://", 7) == 0)
    skip = 7;
  else if (len - p > 4 && g_ascii_strncasecmp(text + p, "www.", 4) == 0)
    skip = 4;
  if (skip == 0)
    return 0;
  gsize e = p + skip, parens = 0;
  while (e < len && !g_ascii_isspace(text[e]) && strchr("<>\"", text[e]) == NULL &&
         (guchar)text[e] >= 0x20) {
    if (text[e] == '(')
      parens++;
    if (text[e] == ')' && parens == 0)
      break;
    if (text[e] == ')')
      parens--;
    e++;
  }
  while (e > p + skip && strchr(".,;:!?'", text[e - 1]) != NULL)
    e--;
  if (e > p + skip + 2 && memchr(text + p + skip, '.', e - p - skip) != NULL)
    return e;
  return 0;
}

/* The end of an e-mail address around the '@' at `p` whose local part starts
 * no earlier than `floor` (written to *start), or 0 when there is none. */
static gsize
email_at(const char *text, gsize len, gsize floor, gsize p, gsize *start)
{
  gsize b = p;
  while (b > floor && p - b < 64 && email_local_char(text[b - 1]))
    b--;
  while (b < p && text[b] == '.')
    b++;
  gsize e = p + 1;
  while (e < len && e - p < 255 && domain_char(text[e]))
    e++;
  while (e > p + 1 && (text[e - 1] == '.' || text[e - 1] == '-'))
    e--;
  const char *dot = memchr(text + p + 1, '.', e - p - 1);
  if (b < p && dot != NULL && dot > text + p + 1 && (gsize)(dot - text) + 2 < e + 1 &&
      g_ascii_isalpha(text[e - 1])) {
    *start = b;
    return e;
  }
  return 0;
}

/* The bytes a match is looked for from: '@' in an address; the ':' of
 * "http://" and "https://" and the '.' of "www.", from which the URL's start
 * lies 4, 5 or 3 bytes back. These are rarer in prose than the letters the
 * URLs start with, and a match can start nowhere else. */
static const guint8 raw_key[256] = {['@'] = 1, [':'] = 1, ['.'] = 1};

/* The first key byte at or after `p`, or `len`. */
static gsize
next_key(const char *text, gsize p, gsize len)
{
#ifdef __SSE2__
  const __m128i at = _mm_set1_epi8('@'), colon = _mm_set1_epi8(':'), dot = _mm_set1_epi8('.');
  for (; p + 16 <= len; p += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(text + p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, at), _mm_cmpeq_epi8(v, colon)),
                               _mm_cmpeq_epi8(v, dot));
    int bits = _mm_movemask_epi8(hit);
    if (bits != 0)
      return p + (gsize)__builtin_ctz((unsigned)bits);
  }
#endif
  while (p < len && !raw_key[(guchar)text[p]])
    p++;
  return p;
}

/* E-mail addresses and URLs, left to right, none overlapping: the same as
 * trying every byte in turn (a URL where one starts, else an address at an
 * '@', a match's end being where the next may start), found from the key
 * bytes only. That is exact: a URL's prefix holds no key byte before its
 * own, so the starts are tried in text order. */
static void
scan_text(const char *text, gsize len, GArray *out)
{
  gsize floor = 0; /* nothing before this may start a new match */
  gsize p = 0;
  while ((p = next_key(text, p, len)) < len) {
    gsize start = 0, e = 0;
    if (text[p] == '@') {
      if (p > floor && (e = email_at(text, len, floor, p, &start)) > 0) {
        WnEntSpan s = {start, e, "EMAIL", 1.0, WN_ENT_SRC_PATTERN};
        g_array_append_val(out, s);
        p = floor = e;
        continue;
      }
    } else {
      /* "https://" (':' 5 bytes in), "http://" (4), "www." (3). */
      const guint backs[2] = {text[p] == ':' ? 5 : 3, 4};
      for (guint k = 0; k < (text[p] == ':' ? 2u : 1u) && e == 0; k++)
        if (p >= floor + backs[k] && (e = url_at(text, len, p - backs[k])) > 0)
          start = p - backs[k];
      if (e > 0) {
        WnEntSpan s = {start, e, "URL", 1.0, WN_ENT_SRC_PATTERN};
        g_array_append_val(out, s);
        p = floor = e;
        continue;
      }
    }
    p++;
  }
}

/* ---- all patterns --------------------------------------------------------- */

static const char *const shift_words[] = {"last", "next", "this", "early", "late", NULL};
static const char *const noon_words[] = {"noon", "midnight", NULL};
static const char *const year_leads[] = {"in",     "since",  "by",    "until",   "from", "of",
                                         "during", "before", "after", "through", "to",   "and",
                                         "early",  "late",   "mid",   NULL};
/* Month abbreviations with their period, which start a pattern too. */
static const char *const month_abbreviations[] = {"jan.", "feb.", "mar.", "apr.",  "jun.",
                                                  "jul.", "aug.", "sep.", "sept.", "oct.",
                                                  "nov.", "dec.", NULL};

/* Every word the scanners ask about, with its W_* classes, in one
 * open-addressing table keyed by the lower-cased hash the analysis already
 * gave each token (slot empty while `word` is NULL; load under 1/2). A token
 * is then classed by one probe plus a compare with the word found, instead
 * of copying it into a buffer for a string-keyed hash table. Built once,
 * read-only after. */
#define WORD_SLOTS 512
#define WORD_MAX_LEN 15 /* longer tokens are no listed word */

typedef struct {
  guint64 h; /* wn_ent_hash_lower() of the word */
  const char *word;
  guint32 len;
  guint32 classes;
} WordEntry;

static WordEntry word_table[WORD_SLOTS];
/* One bit per value of a hash's top 12 bits, set for the triggers' hashes:
 * nearly every token is found no trigger by this one test. */
static guint64 trigger_filter[64];
/* The months written with a period ("june."): what is_month() accepts. */
static char dotted_months[G_N_ELEMENTS(months) - 1][WORD_MAX_LEN + 1];

static inline guint
word_slot(guint64 h)
{
  return (guint)((h * 0x9e3779b97f4a7c15ULL) >> 55) & (WORD_SLOTS - 1);
}

static void
add_words(const char *const *words, guint32 classes)
{
  for (guint k = 0; words[k] != NULL; k++) {
    gsize len = strlen(words[k]);
    g_assert(len <= WORD_MAX_LEN);
    guint64 h = wn_ent_hash_lower(words[k], len);
    guint at = word_slot(h);
    while (word_table[at].word != NULL && strcmp(word_table[at].word, words[k]) != 0)
      at = (at + 1) & (WORD_SLOTS - 1);
    word_table[at].h = h;
    word_table[at].word = words[k];
    word_table[at].len = (guint32)len;
    word_table[at].classes |= classes;
    if (classes & W_TRIGGER)
      trigger_filter[h >> 58] |= G_GUINT64_CONSTANT(1) << ((h >> 52) & 63);
  }
}

static void
init_words(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    const char *dotted[G_N_ELEMENTS(dotted_months) + 1];
    for (guint k = 0; months[k] != NULL; k++) {
      g_snprintf(dotted_months[k], sizeof dotted_months[k], "%s.", months[k]);
      dotted[k] = dotted_months[k];
    }
    dotted[G_N_ELEMENTS(dotted_months)] = NULL;
    add_words(number_words, W_NUMBER | W_TRIGGER);
    add_words(scale_words, W_SCALE);
    add_words(currency_words, W_CURRENCY | W_TRIGGER);
    add_words(weekdays, W_WEEKDAY | W_TRIGGER);
    add_words(relative_days, W_RELDAY | W_TRIGGER);
    add_words(periods, W_PERIOD);
    add_words(ampm, W_AMPM);
    add_words(zones, W_ZONE);
    add_words(shift_words, W_SHIFT | W_TRIGGER);
    add_words(noon_words, W_NOON | W_TRIGGER);
    add_words(year_leads, W_YEAR_LEAD);
    add_words(months, W_MONTH | W_TRIGGER);
    add_words(dotted, W_MONTH);
    add_words(month_abbreviations, W_TRIGGER);
    g_once_init_leave(&done, 1);
  }
}

/* Whether some word that may start a pattern has lower-cased hash `h`; by
 * the hash alone, a cheap filter before the scanners. */
static gboolean
is_trigger(guint64 h)
{
  if (!((trigger_filter[h >> 58] >> ((h >> 52) & 63)) & 1))
    return FALSE;
  for (guint k = word_slot(h); word_table[k].word != NULL; k = (k + 1) & (WORD_SLOTS - 1))
    if (word_table[k].h == h && (word_table[k].classes & W_TRIGGER))
      return TRUE;
  return FALSE;
}

/* The W_* classes of token i: those of the listed word it is, ignoring ASCII
 * case (0 when none, or past the sentence). */
static guint32
tok_class(const Ctx *c, guint i)
{
  if (i >= c->last)
    return 0;
  const WnEntTok *t = &c->toks[i];
  const gsize len = t->end - t->start;
  if (len == 0 || len > WORD_MAX_LEN)
    return 0;
  const guchar *s = (const guchar *)c->text + t->start;
  for (guint k = word_slot(t->hlower); word_table[k].word != NULL; k = (k + 1) & (WORD_SLOTS - 1)) {
    const WordEntry *e = &word_table[k];
    if (e->h != t->hlower || e->len != len)
      continue;
    gsize j = 0;
    while (j < len && ascii_lower(s[j]) == (guchar)e->word[j])
      j++;
    if (j == len)
      return e->classes & ~(guint32)W_TRIGGER;
  }
  return 0;
}

/* First bytes of "$" and of the two-byte and three-byte UTF-8 symbols. */
static const guint8 symbol_start[256] = {['$'] = 1, [0xC2] = 1, [0xE2] = 1};

static gboolean
may_start(const char *text, const WnEntTok *t)
{
  if (t->flags & WN_ENT_TOK_DIGIT)
    return TRUE;
  guchar c0 = (guchar)text[t->start];
  gsize len = t->end - t->start;
  if (symbol_start[c0])
    return TRUE; /* currency symbols */
  if ((t->flags & WN_ENT_TOK_ALLCAPS) && len <= 3 &&
      (len == 3 || memchr(text + t->start, '$', len) != NULL))
    return TRUE; /* "USD", "US$" */
  return is_trigger(t->hlower);
}

void
wn_ent_patterns(const WnEntDoc *doc, GArray *out)
{
  g_autoptr(GArray) raw = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
  scan_text(doc->text, doc->text_len, raw);
  init_words();
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  /* The next raw span (r) and its bounds, past the end of the text once
   * they are all out, so that each token asks two compares of locals. */
  const WnEntSpan *rs = (const WnEntSpan *)raw->data;
  guint r = 0;
  gsize r_start = raw->len > 0 ? rs[0].start : G_MAXSIZE;
  gsize r_end = raw->len > 0 ? rs[0].end : G_MAXSIZE;

  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    Ctx c = {doc->text, toks, se[0], se[1]};
    for (guint i = se[0]; i < se[1];) {
      /* Raw spans that end before this token go out first, in order. */
      while (r_end <= toks[i].start) {
        g_array_append_val(out, rs[r]);
        r++;
        r_start = r < raw->len ? rs[r].start : G_MAXSIZE;
        r_end = r < raw->len ? rs[r].end : G_MAXSIZE;
      }
      if (r_start < toks[i].end) {
        i++; /* inside an e-mail address or URL */
        continue;
      }
      /* "a" is a trigger as one of the number words (so that "half a dozen"
       * reads as one number), yet no scanner starts at it: number_phrase()
       * turns it away as a first word and nothing else begins with it. It is
       * the commonest trigger by far. */
      if (!may_start(doc->text, &toks[i]) ||
          (toks[i].end - toks[i].start == 1 &&
           ascii_lower((guchar)doc->text[toks[i].start]) == 'a')) {
        i++;
        continue;
      }
      const char *label = NULL;
      guint best = 0, n;
      if ((n = scan_money(&c, i)) > best)
        best = n, label = "MONEY";
      if ((n = scan_percent(&c, i)) > best)
        best = n, label = "PERCENT";
      if ((n = scan_time(&c, i)) > best)
        best = n, label = "TIME";
      if ((n = scan_date(&c, i)) > best)
        best = n, label = "DATE";
      if (best == 0) {
        i++;
        continue;
      }
      guint last = i + best - 1;
      /* Do not run into an e-mail address or URL. */
      while (last > i && r_start < toks[last].end)
        last--;
      WnEntSpan span = {toks[i].start, toks[last].end, label, 1.0, WN_ENT_SRC_PATTERN};
      g_array_append_val(out, span);
      i = last + 1;
    }
  }
  while (r < raw->len)
    g_array_append_val(out, g_array_index(raw, WnEntSpan, r++));
}
