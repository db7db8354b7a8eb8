/* patterns.c: hand-written scanners for the entity types that follow a form
 * rather than a vocabulary: DATE, TIME, MONEY, PERCENT over tokens, EMAIL and URL
 * over the raw text (so they work however the tokenizer cut them). Each scanner
 * looks at a bounded window, so the whole pass is linear in the text. */
#include "ent.h"

#include <string.h>

typedef struct {
  const char *text;
  const WnEntTok *toks;
  guint first, last; /* the sentence */
  guint32 *cls;      /* per token of the document: its word classes, 0 until asked */
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
  W_KNOWN = 1u << 0, /* the token was looked up */
  W_NUMBER = 1u << 1,
  W_SCALE = 1u << 2,
  W_CURRENCY = 1u << 3,
  W_WEEKDAY = 1u << 4,
  W_RELDAY = 1u << 5,
  W_PERIOD = 1u << 6,
  W_AMPM = 1u << 7,
  W_ZONE = 1u << 8,
  W_SHIFT = 1u << 9,     /* "last Tuesday", "next week" */
  W_NOON = 1u << 10,     /* "noon", "midnight" */
  W_YEAR_LEAD = 1u << 11 /* "in 2013", "since 1999" */
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

static gboolean
is_currency_symbol(const char *s, gsize len)
{
  static const char *const syms[] = {"$",   "€",  "£",  "¥",   "₹",  "₩",
                                     "US$", "C$", "A$", "HK$", "R$", NULL};
  for (guint k = 0; syms[k] != NULL; k++)
    if (strlen(syms[k]) == len && memcmp(syms[k], s, len) == 0)
      return TRUE;
  return FALSE;
}

/* Length of a currency symbol that starts `s` (as in "$1.5"), or 0. */
static gsize
currency_prefix(const char *s, gsize len)
{
  static const char *const syms[] = {"US$", "HK$", "C$", "A$", "R$", "$", "€", "£", "¥", "₹", NULL};
  for (guint k = 0; syms[k] != NULL; k++) {
    gsize n = strlen(syms[k]);
    if (len > n && memcmp(syms[k], s, n) == 0)
      return n;
  }
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
  if (!(t->flags & (WN_ENT_TOK_CAP | WN_ENT_TOK_HEADLINE)))
    return FALSE;
  gsize len = tok_len(c, i);
  if (len > 3 && tok_s(c, i)[len - 1] == '.')
    len--;
  for (guint k = 0; months[k] != NULL; k++)
    if (strlen(months[k]) == len && g_ascii_strncasecmp(tok_s(c, i), months[k], len) == 0)
      return TRUE;
  return FALSE;
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

/* The bytes a URL or e-mail scan can start at: '@', 'h', 'H', 'w', 'W'. */
static const guint8 starts_raw[256] = {['@'] = 1, ['h'] = 1, ['H'] = 1, ['w'] = 1, ['W'] = 1};

static void
scan_text(const char *text, gsize len, GArray *out)
{
  gsize p = 0;
  gsize floor = 0; /* nothing before this may start a new match */
  while (p < len) {
    /* Most bytes start nothing: skip them with one table test each. */
    while (p < len && !starts_raw[(guchar)text[p]])
      p++;
    if (p >= len)
      break;
    char ch = text[p];
    gboolean boundary = p == 0 || !g_ascii_isalnum(text[p - 1]);
    /* URL: a scheme or "www." at a word boundary, up to white space. */
    if (boundary && ch != '@') {
      gsize skip = 0;
      if (len - p > 8 && g_ascii_strncasecmp(text + p, "https://", 8) == 0)
        skip = 8;
      else if (len - p > 7 && g_ascii_strncasecmp(text + p, "http://", 7) == 0)
        skip = 7;
      else if (len - p > 4 && g_ascii_strncasecmp(text + p, "www.", 4) == 0)
        skip = 4;
      if (skip > 0) {
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
        if (e > p + skip + 2 && memchr(text + p + skip, '.', e - p - skip) != NULL) {
          WnEntSpan s = {p, e, "URL", 1.0, WN_ENT_SRC_PATTERN};
          g_array_append_val(out, s);
          p = floor = e;
          continue;
        }
      }
    }
    if (ch == '@' && p > floor) {
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
        WnEntSpan s = {b, e, "EMAIL", 1.0, WN_ENT_SRC_PATTERN};
        g_array_append_val(out, s);
        p = floor = e;
        continue;
      }
    }
    p++;
  }
}

/* ---- all patterns --------------------------------------------------------- */

/* The words that can start a pattern, as an open-addressing set of their
 * lower-cased hashes (0 = empty slot; load under 1/2), so the scanners run only
 * at the few tokens where something can begin. */
#define TRIGGER_SLOTS 512
static guint64 trigger_set[TRIGGER_SLOTS];

static inline guint
trigger_slot(guint64 h)
{
  return (guint)((h * 0x9e3779b97f4a7c15ULL) >> 55) & (TRIGGER_SLOTS - 1);
}

static gboolean
is_trigger(guint64 h)
{
  for (guint k = trigger_slot(h);; k = (k + 1) & (TRIGGER_SLOTS - 1)) {
    if (trigger_set[k] == h)
      return h != 0;
    if (trigger_set[k] == 0)
      return FALSE;
  }
}

static void
add_triggers(const char *const *words)
{
  for (guint k = 0; words[k] != NULL; k++) {
    guint64 h = wn_ent_hash_lower(words[k], strlen(words[k]));
    guint at = trigger_slot(h);
    while (trigger_set[at] != 0 && trigger_set[at] != h)
      at = (at + 1) & (TRIGGER_SLOTS - 1);
    trigger_set[at] = h;
  }
}

static const char *const shift_words[] = {"last", "next", "this", "early", "late", NULL};
static const char *const noon_words[] = {"noon", "midnight", NULL};
static const char *const year_leads[] = {"in",     "since",  "by",    "until",   "from", "of",
                                         "during", "before", "after", "through", "to",   "and",
                                         "early",  "late",   "mid",   NULL};

/* Lower-cased word -> its W_* bits. Built once, read-only after. */
static GHashTable *class_table;

static void
init_classes(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    static const struct {
      const char *const *words;
      guint32 bit;
    } lists[] = {{number_words, W_NUMBER}, {scale_words, W_SCALE},    {currency_words, W_CURRENCY},
                 {weekdays, W_WEEKDAY},    {relative_days, W_RELDAY}, {periods, W_PERIOD},
                 {ampm, W_AMPM},           {zones, W_ZONE},           {shift_words, W_SHIFT},
                 {noon_words, W_NOON},     {year_leads, W_YEAR_LEAD}};
    GHashTable *table = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint l = 0; l < G_N_ELEMENTS(lists); l++)
      for (guint k = 0; lists[l].words[k] != NULL; k++) {
        const char *w = lists[l].words[k];
        guint32 bits = GPOINTER_TO_UINT(g_hash_table_lookup(table, w));
        g_hash_table_insert(table, (gpointer)w, GUINT_TO_POINTER(bits | lists[l].bit));
      }
    class_table = table; /* lives as long as the process, like the lists */
    g_once_init_leave(&done, 1);
  }
}

/* Looked up once per token, on first ask: the scanners ask about the same
 * few tokens around a trigger again and again. */
static guint32
tok_class(const Ctx *c, guint i)
{
  if (i >= c->last)
    return 0;
  guint32 k = c->cls[i];
  if (k & W_KNOWN)
    return k;
  k = W_KNOWN;
  const gsize len = tok_len(c, i);
  char buf[16];
  if (len > 0 && len < sizeof buf) {
    const char *s = tok_s(c, i);
    for (gsize j = 0; j < len; j++)
      buf[j] = (char)ascii_lower((guchar)s[j]);
    buf[len] = '\0';
    k |= GPOINTER_TO_UINT(g_hash_table_lookup(class_table, buf));
  }
  c->cls[i] = k;
  return k;
}

static void
init_triggers(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    add_triggers(months);
    add_triggers(weekdays);
    add_triggers(relative_days);
    add_triggers(number_words);
    add_triggers(currency_words);
    add_triggers((const char *const[]){"last", "next",  "this", "early", "late", "noon", "midnight",
                                       "jan.", "feb.",  "mar.", "apr.",  "jun.", "jul.", "aug.",
                                       "sep.", "sept.", "oct.", "nov.",  "dec.", NULL});
    g_once_init_leave(&done, 1);
  }
}

static gboolean
may_start(const char *text, const WnEntTok *t)
{
  if (t->flags & WN_ENT_TOK_DIGIT)
    return TRUE;
  guchar c0 = (guchar)text[t->start];
  gsize len = t->end - t->start;
  if (c0 == '$' || c0 == 0xC2 || c0 == 0xE2)
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
  guint r = 0; /* next raw span */
  init_triggers();
  init_classes();
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  g_autofree guint32 *cls = g_new0(guint32, doc->toks->len + 1);

  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    Ctx c = {doc->text, toks, se[0], se[1], cls};
    for (guint i = se[0]; i < se[1];) {
      /* Raw spans that end before this token go out first, in order. */
      while (r < raw->len && g_array_index(raw, WnEntSpan, r).end <= toks[i].start)
        g_array_append_val(out, g_array_index(raw, WnEntSpan, r++));
      if (r < raw->len && g_array_index(raw, WnEntSpan, r).start < toks[i].end) {
        i++; /* inside an e-mail address or URL */
        continue;
      }
      if (!may_start(doc->text, &toks[i])) {
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
      while (last > i && r < raw->len && g_array_index(raw, WnEntSpan, r).start < toks[last].end)
        last--;
      WnEntSpan span = {toks[i].start, toks[last].end, label, 1.0, WN_ENT_SRC_PATTERN};
      g_array_append_val(out, span);
      i = last + 1;
    }
  }
  while (r < raw->len)
    g_array_append_val(out, g_array_index(raw, WnEntSpan, r++));
}
