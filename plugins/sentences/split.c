/* split.c: the sentence boundary scanner.
 *
 * One pass over the bytes. A 256-entry table lets the loop skip every byte that
 * cannot matter (letters, digits, spaces, most punctuation); only candidates are
 * looked at: sentence-final marks (. ? ! … and their CJK/Arabic forms), line
 * breaks, and the lead bytes of bullets. At a candidate the rules look at a
 * bounded window: the word before (at most 64 bytes back), the run of marks and
 * closing quotes/brackets, and the first word after. Each byte is visited a
 * bounded number of times, so the time is linear whatever the input (long runs of
 * periods are consumed as one run, long words are cut at the window).
 *
 * The rules, in the order split_here() applies them:
 * - ? and ! end a sentence unless the next word starts in lower case ("“Why?” she
 *   asked.", "Yahoo! in Sunnyvale");
 * - an ellipsis ends one before a capitalised word, except a free-standing "..."
 *   before "I" (the pronoun's capital says nothing);
 * - a period after an abbreviation, a dotted acronym (U.S.) or an initial (J.) ends
 *   the sentence only before a common sentence-starting word ("in the U.S. It was")
 *   or an opening quote; titles (Mr., Dr.) and e.g./i.e. never do; "No.", "p." are
 *   abbreviations only before a number; a short number opening a sentence is a list
 *   marker ("1. First item");
 * - any other period ends a sentence unless a lower-case word follows;
 * - glued text ("end.Next") is split only between a lower-case word and a
 *   capitalised one, never inside URLs, e-mail addresses or paths;
 * - line breaks: see newline().
 * The words lists are in lexicon.c. */
#include "splitter-private.h"
#include "chars.h"

#include <string.h>

enum {
  CAND_NONE = 0,
  CAND_TERM,    /* . ? ! */
  CAND_NEWLINE, /* \n \v \f \r */
  CAND_LEAD,    /* lead byte of a multi-byte character that may matter */
  CAND_MARK,    /* : ; (smileys) and * = _ ~ - (separator lines) */
};

/* clang-format off */
static const guint8 cand_table[256] = {
  ['.'] = CAND_TERM, ['?'] = CAND_TERM, ['!'] = CAND_TERM,
  ['\n'] = CAND_NEWLINE, ['\v'] = CAND_NEWLINE, ['\f'] = CAND_NEWLINE, ['\r'] = CAND_NEWLINE,
  [':'] = CAND_MARK, [';'] = CAND_MARK, [')'] = CAND_MARK, ['*'] = CAND_MARK, ['='] = CAND_MARK,
  ['_'] = CAND_MARK, ['~'] = CAND_MARK, ['-'] = CAND_MARK,
  [0xC2] = CAND_LEAD, /* NEL */
  [0xD8] = CAND_LEAD, /* ؟ */
  [0xDB] = CAND_LEAD, /* ۔ */
  [0xE2] = CAND_LEAD, /* … ‼ ⁇ ⁈ ⁉ U+2028 U+2029 and bullets */
  [0xE3] = CAND_LEAD, /* 。 */
  [0xEF] = CAND_LEAD, /* ！ ？ ｡ */
};
/* clang-format on */

/* Kinds of sentence-final marks, or'ed over a run. */
enum {
  TERM_DOT = 1 << 0,
  TERM_STRONG = 1 << 1,   /* ? ! */
  TERM_ELLIPSIS = 1 << 2, /* … */
  TERM_CJK = 1 << 3,      /* 。 ！ ？: always final */
};

typedef enum { NEXT_OTHER, NEXT_UPPER, NEXT_LOWER, NEXT_DIGIT } NextClass;

typedef struct {
  const WnSplitter *sp;
  const guchar *t;
  gsize len;
  GArray *out;
  gsize sent_start; /* first non-space byte of the sentence being read */
  /* The whitespace-delimited chunk last examined for glued periods. */
  gsize chunk_start, chunk_end;
  gboolean chunk_urlish;
  /* The value expected of the next list marker in this sentence ("2" after
   * "1. First item"), 0 when none: a marker in sequence starts a new item. */
  guint list_next;
} Scan;

/* The terminator kind of the character at t[i], 0 if none; its length in *n. */
static guint
term_at(const guchar *t, gsize len, gsize i, gsize *n)
{
  guchar c = t[i];
  *n = 1;
  if (c == '.')
    return TERM_DOT;
  if (c == '?' || c == '!')
    return TERM_STRONG;
  if (c < 0x80)
    return 0;
  switch (wn_utf8_decode(t, len, i, n)) {
  case 0x2026:
    return TERM_ELLIPSIS;
  case 0x203C: /* ‼ */
  case 0x2047: /* ⁇ */
  case 0x2048: /* ⁈ */
  case 0x2049: /* ⁉ */
  case 0x061F: /* ؟ */
    return TERM_STRONG;
  case 0x06D4: /* ۔ */
    return TERM_DOT;
  case 0x3002: /* 。 */
  case 0xFF01: /* ！ */
  case 0xFF1F: /* ？ */
  case 0xFF61: /* ｡ */
    return TERM_CJK;
  default:
    return 0;
  }
}

/* Appends the sentence [sent_start, b) without trailing spaces, and starts the
 * next sentence at `next` (a non-space byte, or len). */
static void
emit(Scan *s, gsize b, gsize next)
{
  gsize p;
  while (b > s->sent_start && wn_space_before(s->t, s->len, s->sent_start, b, &p))
    b = p;
  if (b > s->sent_start) {
    WnRange r = {s->sent_start, b};
    g_array_append_val(s->out, r);
  }
  s->sent_start = next;
  s->list_next = 0;
}

static NextClass
classify(gunichar u)
{
  if (u < 0x80) {
    if (g_ascii_isupper(u))
      return NEXT_UPPER;
    if (g_ascii_islower(u))
      return NEXT_LOWER;
    if (g_ascii_isdigit(u))
      return NEXT_DIGIT;
    return NEXT_OTHER;
  }
  if (g_unichar_isupper(u) || g_unichar_istitle(u))
    return NEXT_UPPER;
  if (g_unichar_islower(u))
    return NEXT_LOWER;
  if (g_unichar_isdigit(u))
    return NEXT_DIGIT;
  /* Letters of scripts without case (CJK, Arabic, Hebrew...) carry no case
   * evidence; treat them like a capital so a period before them can end a sentence. */
  if (g_unichar_isalpha(u))
    return NEXT_UPPER;
  return NEXT_OTHER;
}

/* A letter of any script (ASCII without a table look-up). */
static inline gboolean
is_alpha(gunichar u)
{
  return u < 0x80 ? g_ascii_isalpha(u) : g_unichar_isalpha(u);
}

/* One past the run of letters starting at byte p, or more than `max` bytes
 * past p when the run is longer. */
static gsize
letters_after(const Scan *s, gsize p, gsize max)
{
  gsize w = p, n;
  while (w < s->len && w - p <= max) {
    if (!is_alpha(wn_utf8_decode(s->t, s->len, w, &n)))
      break;
    w += n;
  }
  return w;
}

/* The start of the run of letters ending at byte ws (exclusive), going back
 * from ws while it lies at most `max` bytes before byte `from`, and not past
 * the sentence's start. */
static gsize
letters_before(const Scan *s, gsize ws, gsize from, gsize max)
{
  gsize n;
  while (ws > s->sent_start && from - ws <= max) {
    gsize p = wn_utf8_prev(s->t, s->sent_start, ws);
    if (!is_alpha(wn_utf8_decode(s->t, s->len, p, &n)))
      break;
    ws = p;
  }
  return ws;
}

/* What follows a candidate boundary, starting at the non-space byte m. */
typedef struct {
  NextClass cls;
  gboolean quote_opener; /* an opening quote came first */
  gboolean starter;      /* the word is a common sentence starter */
  gboolean is_i;         /* the word is the pronoun "I" */
  gboolean continues;    /* a mark that cannot open a sentence (",", ";", ")") */
  gboolean dash;         /* a dash, then a lower-case word */
} Next;

static Next
look_next(const Scan *s, gsize m)
{
  Next nx = {NEXT_OTHER, FALSE, FALSE, FALSE, FALSE, FALSE};
  const guchar *t = s->t;
  gsize n, p = m;
  gunichar u = 0;
  for (int k = 0; k < 4 && p < s->len; k++) {
    u = wn_utf8_decode(t, s->len, p, &n);
    if (!wn_unichar_is_opener(u))
      break;
    if (k == 0 && u != '(' && u != '[' && u != '{' && u != 0xBF && u != 0xA1)
      nx.quote_opener = TRUE;
    p += n;
  }
  if (p >= s->len)
    return nx;
  u = wn_utf8_decode(t, s->len, p, &n);
  nx.cls = classify(u);
  /* A URL is no lower-case word going on with the sentence. */
  if (nx.cls == NEXT_LOWER && (u == 'h' || u == 'w') && s->len - p >= 7 &&
      (memcmp(t + p, "http://", 7) == 0 || memcmp(t + p, "https:/", 7) == 0 ||
       memcmp(t + p, "www.", 4) == 0))
    nx.cls = NEXT_OTHER;
  /* Marks that cannot open a sentence. */
  nx.continues = u == ',' || u == ';' || u == ':' || u == '%' || u == ')' || u == ']';
  /* "and -- voila! -- you have it": a dash and a lower-case word after the marks
   * go on with the sentence (on the same line; at a line start it is a bullet). */
  if (u == '-' || u == 0x2013 || u == 0x2014) {
    gsize d = p;
    while (d < s->len && d - p < 12 &&
           (t[d] == '-' || t[d] == 0xE2 || t[d] == 0x80 || t[d] == 0x93 || t[d] == 0x94))
      d++;
    gsize w = d;
    while (w < s->len && w - d < 8 && (t[w] == ' ' || t[w] == '\t'))
      w++;
    nx.dash = w > d && w < s->len && classify(wn_utf8_decode(t, s->len, w, &n)) == NEXT_LOWER;
  }
  if (nx.cls != NEXT_UPPER)
    return nx;
  /* The word itself, letters only, for the starter list. */
  gsize w = letters_after(s, p, 32);
  if (w - p <= 32) {
    nx.starter = wn_word_set_lookup(s->sp->lex.starters, (const char *)t + p, w - p) != 0;
    nx.is_i = w - p == 1 && t[p] == 'I';
  }
  return nx;
}

/* The word ending at byte i (exclusive): from the last space (at most 64 bytes
 * back) with opening quotes and brackets stripped. FALSE when it is longer. */
static gboolean
word_before(const Scan *s, gsize i, gsize *ws)
{
  const guchar *t = s->t;
  gsize p = i, q, n;
  while (p > s->sent_start && !wn_space_before(t, s->len, s->sent_start, p, &q)) {
    p = q;
    if (i - p > 64)
      return FALSE;
  }
  while (p < i) {
    gunichar u = wn_utf8_decode(t, s->len, p, &n);
    if (!wn_unichar_is_opener(u) && !wn_unichar_is_bullet(u) && u != '*' && u != '-')
      break;
    p += n;
  }
  *ws = p;
  return TRUE;
}

static gboolean
all_digits(const guchar *w, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit(w[i]))
      return FALSE;
  return len > 0;
}

/* Is the word a single letter (an initial, or a list letter like "a.")? */
static gboolean
single_letter(const guchar *w, gsize len)
{
  gsize n;
  if (len == 0)
    return FALSE;
  gunichar u = wn_utf8_decode(w, len, 0, &n);
  return n == len && is_alpha(u);
}

/* Does a colon and whitespace come just before byte ws ("Steps: 1. Open")? */
static gboolean
after_colon(const Scan *s, gsize ws)
{
  gsize p = ws, q;
  while (p > s->sent_start && wn_space_before(s->t, s->len, s->sent_start, p, &q))
    p = q;
  return p < ws && p > s->sent_start && s->t[p - 1] == ':';
}

/* The value of a list marker word: 1-999 for a number, 1-26 for a lower-case
 * ASCII letter ("b" in "b. Second item"), 0 for anything else. */
static guint
marker_value(const guchar *w, gsize wl)
{
  /* Lower-case roman numerals from ii on; "i" and "v" count as letters first. */
  static const char *const romans[] = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"};
  static const guint roman_values[] = {2, 3, 4, 6, 7, 8, 9, 11, 12};
  for (guint r = 0;
       wl <= 4 && (w[0] == 'i' || w[0] == 'v' || w[0] == 'x') && r < G_N_ELEMENTS(romans); r++)
    if (strlen(romans[r]) == wl && memcmp(w, romans[r], wl) == 0)
      return 1000 + roman_values[r];
  if (wl == 1 && w[0] >= 'a' && w[0] <= 'z')
    return (guint)(w[0] - 'a' + 1);
  if (wl == 0 || wl > 3 || !all_digits(w, wl))
    return 0;
  guint v = 0;
  for (gsize i = 0; i < wl; i++)
    v = v * 10 + (guint)(w[i] - '0');
  return v;
}

/* Does an item start at ws: nothing but bullets, dashes or a colon's text
 * before it in its sentence? */
static gboolean
item_start(const Scan *s, gsize ws)
{
  if (after_colon(s, ws))
    return TRUE;
  gsize p = s->sent_start, n;
  while (p < ws) {
    gunichar u = wn_utf8_decode(s->t, s->len, p, &n);
    if (!wn_unichar_is_space(u) && !wn_unichar_is_bullet(u) && u != '-' && u != '*')
      return FALSE;
    p += n;
  }
  return TRUE;
}

/* A list marker t[ws, end) ("2." "2.)" "2)") before a capitalised item: at the
 * start of an item it opens a list; the next number of that list, further on in
 * the same sentence, starts a new item ("1.) Buy milk 2.) Buy bread"). TRUE
 * when it was taken as a marker (no boundary after it). */
static gboolean
list_marker(Scan *s, gsize ws, gsize end, const Next *nx)
{
  guint v = marker_value(s->t + ws, end - ws);
  if (v == 0 || nx->cls != NEXT_UPPER)
    return FALSE;
  if (item_start(s, ws)) {
    s->list_next = v + 1;
    return TRUE;
  }
  if (s->list_next != 0 && v == s->list_next) {
    emit(s, ws, ws);
    s->list_next = v + 1;
    return TRUE;
  }
  return FALSE;
}

/* Decides a single period followed by whitespace, the word before being
 * t[ws, i), the next text described by nx; `closed` when quotes or brackets
 * closed after the period. */
static gboolean
period_ends(const Scan *s, gsize ws, gsize i, const Next *nx, gboolean closed)
{
  const guchar *w = s->t + ws;
  gsize wl = i - ws;
  guint cls = WN_ABBR_NONE;
  if (wl > 0) {
    guint v = wn_word_set_lookup(s->sp->lex.abbreviations, (const char *)w, wl);
    if ((v & WN_ABBR_CAPITAL) && !(w[0] < 0x80 && g_ascii_isupper(w[0])))
      v = 0;
    cls = v & WN_ABBR_CLASS_MASK;
    if (cls == WN_ABBR_NUMERIC)
      cls = nx->cls == NEXT_DIGIT ? WN_ABBR_NEVER : WN_ABBR_NONE;
    if (cls == WN_ABBR_NONE) {
      if (wn_is_dotted_acronym(w, wl) || single_letter(w, wl)) {
        cls = WN_ABBR_COMMON;
      } else if (all_digits(w, wl)) {
        /* "1. First item": a short number opening its sentence is a list marker. */
        if (wl <= 3 && (ws == s->sent_start || after_colon(s, ws)))
          return FALSE;
        if (s->sp->lex.ordinal_period)
          cls = WN_ABBR_COMMON; /* "am 3. Oktober" */
      }
    }
  }
  switch (cls) {
  case WN_ABBR_NEVER:
    return FALSE;
  case WN_ABBR_COMMON:
    if (nx->cls != NEXT_UPPER)
      return FALSE;
    return nx->starter || nx->quote_opener;
  default:
    /* A lower-case word after a closed quotation goes on with the sentence:
     * "This is great." she said. Otherwise web text often starts in lower case. */
    return !(closed && nx->cls == NEXT_LOWER);
  }
}

/* Is the chunk (whitespace-delimited) around byte i a URL, e-mail address or
 * path? Cached per chunk so repeated periods in one chunk stay linear. */
static gboolean
chunk_urlish(Scan *s, gsize i)
{
  if (i >= s->chunk_start && i < s->chunk_end)
    return s->chunk_urlish;
  const guchar *t = s->t;
  gsize a = i, b = i, q, n;
  while (a > 0 && !wn_space_before(t, s->len, 0, a, &q))
    a = q;
  while (b < s->len && !wn_space_at(t, s->len, b, &n))
    b += n;
  gboolean urlish = b - a >= 4 && g_ascii_strncasecmp((const char *)t + a, "www.", 4) == 0;
  for (gsize p = a; p < b && !urlish; p++)
    urlish = t[p] == '@' || t[p] == '/' || t[p] == '\\' || t[p] == '=' ||
             (t[p] == ':' && p + 2 < b && t[p + 1] == '/' && t[p + 2] == '/');
  s->chunk_start = a;
  s->chunk_end = b;
  s->chunk_urlish = urlish;
  return urlish;
}

static gboolean
is_letter_at(const guchar *t, gsize len, gsize p, NextClass want)
{
  gsize n;
  return classify(wn_utf8_decode(t, len, p, &n)) == want;
}

/* A mark run at [i, j) glued to the following text at k: "end.Next". */
static gboolean
glued_ends(Scan *s, gsize i, gsize k, guint kinds)
{
  const guchar *t = s->t;
  gsize n, q, q2;
  if (kinds & TERM_CJK)
    return TRUE;
  /* A capital followed by a lower-case letter: the start of a word like "Next". */
  gunichar u = wn_utf8_decode(t, s->len, k, &n);
  if (classify(u) != NEXT_UPPER || k + n >= s->len || !is_letter_at(t, s->len, k + n, NEXT_LOWER))
    return FALSE;
  /* "Newsfeed.Com": a domain, however capitalised. */
  static const char *const tlds[] = {"com", "org", "net", "edu", "gov", "info", "biz", "io"};
  for (guint d = 0; d < G_N_ELEMENTS(tlds); d++) {
    gsize tl = strlen(tlds[d]);
    if (k + tl <= s->len && g_ascii_strncasecmp((const char *)t + k, tlds[d], tl) == 0 &&
        (k + tl == s->len || !g_ascii_isalnum(t[k + tl])))
      return FALSE;
  }
  /* Two lower-case letters or digits before the marks: the end of an ordinary
   * word or number ("world.Today", "1,000.That"). */
  if (i < s->sent_start + 2)
    return FALSE;
  q = wn_utf8_prev(t, s->sent_start, i);
  if (!(is_letter_at(t, s->len, q, NEXT_LOWER) || g_ascii_isdigit(t[q])) || q <= s->sent_start)
    return FALSE;
  q2 = wn_utf8_prev(t, s->sent_start, q);
  if (!(is_letter_at(t, s->len, q2, NEXT_LOWER) || g_ascii_isdigit(t[q2])))
    return FALSE;
  if (chunk_urlish(s, i))
    return FALSE;
  /* Not after an abbreviation ("Mr.Smith"). */
  gsize ws = letters_before(s, q2, i, 63);
  return wn_word_set_lookup(s->sp->lex.abbreviations, (const char *)t + ws, i - ws) == 0;
}

/* The end of a smiley (":)", ":-(", ";D", ":P", "<3", "^^", "xD") starting at m
 * and followed by a space or the end, or m when there is none. */
static gsize
emoticon_end(const guchar *t, gsize len, gsize m)
{
  gsize p = m;
  if (p + 1 < len && t[p] == '<' && t[p + 1] == '3')
    p += 2;
  else if (p + 1 < len && t[p] == '^' && t[p + 1] == '^')
    p += 2;
  else if (p + 1 < len && (t[p] == 'x' || t[p] == 'X') && t[p + 1] == 'D')
    p += 2;
  else if (p + 1 < len && (t[p] == ':' || t[p] == ';' || t[p] == '=')) {
    p++;
    if (t[p] == '-' || t[p] == '\'' || t[p] == 'o')
      p++;
    if (p >= len || !strchr(")(DPpO/|3][*", t[p]) || t[p] == '\0')
      return m;
    guchar c = t[p];
    while (p < len && t[p] == c)
      p++;
  } else {
    return m;
  }
  gsize n;
  return p >= len || wn_space_at(t, len, p, &n) ? p : m;
}

/* Is the word ending at byte i capitalised (a name such as "Yahoo")? */
static gboolean
capitalised_before(const Scan *s, gsize i)
{
  gsize ws;
  if (!word_before(s, i, &ws) || ws >= i)
    return FALSE;
  gsize n;
  return classify(wn_utf8_decode(s->t, s->len, ws, &n)) == NEXT_UPPER;
}

/* Verbs of saying that attribute a quotation ("“Why?” Smith asked."). */
static const char *const speech_verbs[] = {
    "said",    "says",     "asked",    "asks",      "added",     "adds",      "wrote",
    "writes",  "replied",  "shouted",  "cried",     "explained", "insisted",  "continued",
    "noted",   "recalled", "wondered", "exclaimed", "answered",  "whispered", "yelled",
    "tweeted", "declared", "argued",   "warned",    "demanded",  "joked",
};

/* Do the words at m read like an attribution: a name (no common sentence
 * starter), then within two more words an English verb of saying? Looks at most 64 bytes ahead. */
static gboolean
attribution_follows(const Scan *s, gsize m)
{
  if (s->sp->language != WN_LANG_EN)
    return FALSE;
  const guchar *t = s->t;
  gsize p = m, n;
  for (int w = 0; w < 3 && p < s->len && p - m < 64; w++) {
    gsize a = p;
    while (p < s->len && g_ascii_isalpha(t[p]))
      p++;
    if (p == a)
      return FALSE;
    /* "He asked" opening a sentence of its own is no attribution: in running
     * text an attributing pronoun is written in lower case. */
    if (w == 0 && wn_word_set_lookup(s->sp->lex.starters, (const char *)t + a, p - a))
      return FALSE;
    if (w > 0)
      for (guint v = 0; v < G_N_ELEMENTS(speech_verbs); v++)
        if (strlen(speech_verbs[v]) == p - a && memcmp(t + a, speech_verbs[v], p - a) == 0)
          return TRUE;
    if (p >= s->len || !wn_space_at(t, s->len, p, &n))
      return FALSE;
    p += n;
  }
  return FALSE;
}

/* Handles the run of sentence-final marks starting at i; returns where to go on. */
static gsize
terminator(Scan *s, gsize i)
{
  const guchar *t = s->t;
  const gsize len = s->len;
  gsize j = i, n;
  guint kinds = 0, dots = 0, k_term;

  /* The run of marks, spaced ellipses (". . .") included. */
  while (j < len) {
    k_term = term_at(t, len, j, &n);
    if (k_term) {
      kinds |= k_term;
      dots += t[j] == '.';
      j += n;
      continue;
    }
    if (t[j] == ' ' && kinds == TERM_DOT && j + 1 < len && t[j + 1] == '.' &&
        (j + 2 >= len || !g_ascii_isalnum(t[j + 2]))) {
      j++;
      continue;
    }
    break;
  }
  if (dots >= 2)
    kinds |= TERM_ELLIPSIS;
  /* "[...]" and "(...)" mark an omission inside a quotation, never an end. */
  if ((kinds & TERM_ELLIPSIS) && i > 0 && (t[i - 1] == '[' || t[i - 1] == '(') && j < len &&
      (t[j] == ']' || t[j] == ')'))
    return j + 1;

  /* Closing quotes and brackets, and marks after them ('."', '.)', '!").'). */
  gsize k = j, n2;
  while (k < len) {
    gunichar u = wn_utf8_decode(t, len, k, &n);
    if (wn_unichar_is_closer(u)) {
      k += n;
      continue;
    }
    /* A footnote mark right after the sentence ("martyr.[1] The"). */
    if (u == '[') {
      gsize e = k + 1;
      while (e < len && e - k <= 4 && g_ascii_isdigit(t[e]))
        e++;
      if (e > k + 1 && e < len && t[e] == ']') {
        k = e + 1;
        continue;
      }
    }
    /* German quotes close with “ and ‘: a closer when a space follows. */
    if ((u == 0x201C || u == 0x2018) && (k + n >= len || wn_space_at(t, len, k + n, &n2))) {
      k += n;
      continue;
    }
    if (u == '"' || u == '\'') {

      gunichar v = k + 1 < len ? wn_utf8_decode(t, len, k + 1, &n2) : ' ';
      if (wn_unichar_is_space(v) || wn_unichar_is_closer(v) || v == '"' || v == '\'' ||
          term_at(t, len, k + 1, &n2) || v == ',' || v == ';' || v == ':') {
        k++;
        continue;
      }
      break;
    }
    if ((k_term = term_at(t, len, k, &n))) {
      kinds |= k_term;
      k += n;
      continue;
    }
    /* French spacing ("Non. »"), and a stray space before a closing bracket
     * ("the next day. ) Then"). */
    if (wn_unichar_is_space(u) && !wn_unichar_is_newline(u) && k + n < len) {
      gunichar v = wn_utf8_decode(t, len, k + n, &n2);
      if (v == 0xBB || v == 0x203A ||
          ((v == ')' || v == ']') && (k + n + 1 >= len || wn_space_at(t, len, k + n + 1, &n2)))) {
        k += n + (v < 0x80 ? 1 : n2);
        continue;
      }
    }
    break;
  }
  /* Each turn decides at k; a smiley after the marks moves k past it. */
  for (;;) {
    if (k >= len)
      return len;

    if (!wn_space_at(t, len, k, &n)) {
      gunichar u = wn_utf8_decode(t, len, k, &n);
      if (u == ',' || u == ';' || u == ':' || u == '-' || !glued_ends(s, i, k, kinds))
        return k;
      emit(s, k, k);
      return k;
    }

    /* Whitespace follows: find the next text, counting line breaks. */
    gsize m = k;
    guint newlines = 0;
    gboolean paragraph = FALSE;
    while (m < len && wn_space_at(t, len, m, &n)) {
      if (t[m] == '\r' && m + 1 < len && t[m + 1] == '\n')
        n = 2;

      gunichar u = wn_utf8_decode(t, len, m, &n2);
      if (wn_unichar_is_newline(u)) {
        newlines++;
        paragraph |= u == 0x2029;
      }
      m += n;
    }
    if (m >= len)
      return len;
    if (s->sp->newlines == WN_NEWLINES_NEVER)
      newlines = 0;
    if (newlines >= 2 || paragraph || (newlines > 0 && s->sp->newlines == WN_NEWLINES_ALWAYS)) {
      emit(s, k, m);
      return m;
    }

    /* A smiley after the marks still belongs to the sentence: "I love it! :)". */
    gsize e = emoticon_end(t, len, m);
    if (e > m) {
      if (e >= len)
        return len;
      k = e;
      continue;
    }
    Next nx = look_next(s, m);
    gboolean ends;
    if (kinds & TERM_CJK) {
      ends = TRUE;
    } else if (nx.continues || (nx.dash && newlines == 0)) {
      ends = FALSE;
    } else if ((kinds & TERM_STRONG) && i > 0 && t[i - 1] == ':') {
      ends = FALSE; /* "Fax:? 203": a question mark after a colon asks nothing */
    } else if (kinds & TERM_STRONG) {
      /* Before a lower-case word, ? and ! end the sentence unless they close a
       * quotation ("“Why?” she asked") or follow a name ("Yahoo! in"). */
      ends = nx.cls != NEXT_LOWER || newlines > 0 ||
             (k == j && !(capitalised_before(s, i) && t[j - 1] == '!'));
      /* “Why now?” Smith asked: a quotation and its attribution are one sentence. */
      if (ends && k > j && newlines == 0 && nx.cls == NEXT_UPPER && attribution_follows(s, m))
        ends = FALSE;
    } else if (kinds & TERM_ELLIPSIS) {
      gsize p;
      gboolean free_standing = i > 0 && wn_space_before(t, len, 0, i, &p);
      ends = nx.cls != NEXT_LOWER && !(free_standing && nx.is_i);
    } else {
      gsize ws;
      gboolean has_word = word_before(s, i, &ws);
      if (has_word && (k == j || (k == j + 1 && t[j] == ')')) && list_marker(s, ws, i, &nx))
        ends = FALSE;
      else if (has_word)
        ends = period_ends(s, ws, i, &nx, k > j);
      else
        ends = TRUE;
    }
    if (!ends)
      return k;
    emit(s, k, m);
    return m;
  }
}

/* Does the line that ends at byte i (exclusive) end with final punctuation,
 * possibly inside closing quotes or brackets? Then terminator() has decided. */
static gboolean
line_has_final_mark(const Scan *s, gsize i, gsize *last)
{
  const guchar *t = s->t;
  gsize p = i, q, n;
  while (p > s->sent_start && wn_space_before(t, s->len, s->sent_start, p, &q))
    p = q;
  *last = p;
  for (int k = 0; k < 8 && p > s->sent_start; k++) {
    q = wn_utf8_prev(t, s->sent_start, p);
    gunichar u = wn_utf8_decode(t, s->len, q, &n);
    if (term_at(t, s->len, q, &n))
      return TRUE;
    if (!wn_unichar_is_closer(u) && u != '"' && u != '\'')
      return FALSE;
    p = q;
  }
  return FALSE;
}

/* Does the line ending at `last` read as hard-wrapped prose? It must be at least
 * 50 bytes long, the sentence must not start at its beginning (headlines,
 * bylines, captions and list items do), and fewer than half of the sentence's
 * words on it may be capitalised. Looks at most 400 bytes back. */
static gboolean
prose_line(const Scan *s, gsize last)
{
  const guchar *t = s->t;
  gsize p = last, words = 0, caps = 0;
  while (p > s->sent_start && last - p < 400 && t[p - 1] != '\n' && t[p - 1] != '\r') {
    p--;
    if ((p == s->sent_start || t[p - 1] == ' ' || t[p - 1] == '\t') && t[p] != ' ' &&
        t[p] != '\t') {
      words++;
      caps += t[p] < 0x80 && g_ascii_isupper(t[p]);
    }
  }
  if (p == s->sent_start) {
    /* The sentence starts on this line: after other text, or at its start? */
    gsize q = p;
    while (q > 0 && last - q < 400 && (t[q - 1] == ' ' || t[q - 1] == '\t'))
      q--;
    if (q == 0 || t[q - 1] == '\n' || t[q - 1] == '\r')
      return FALSE;
    while (q > 0 && last - q < 400 && t[q - 1] != '\n' && t[q - 1] != '\r')
      q--;
    p = q;
  }
  return last - p >= 50 && words >= 2 && caps * 2 < words;
}

/* Is the line break before the text at m a soft wrap of running text? `last` is
 * the end of the line's text. */
static gboolean
soft_wrap(const Scan *s, gsize last, gsize m)
{
  const guchar *t = s->t;
  gsize n, q;
  if (last <= s->sent_start)
    return FALSE;
  q = wn_utf8_prev(t, s->sent_start, last);
  gunichar u = wn_utf8_decode(t, s->len, q, &n);
  /* A line ending in a comma, an open bracket or a joining mark goes on. */
  if (u == ',' || u == ';' || u == '(' || u == '[' || u == '&' || u == '/' || u == '+')
    return TRUE;
  if ((u == '-' || u == 0x2010) && q > s->sent_start) {
    gsize p = wn_utf8_prev(t, s->sent_start, q);
    if (wn_unichar_is_wordchar(wn_utf8_decode(t, s->len, p, &n)))
      return TRUE; /* a word broken at its hyphen */
  }
  /* A next line starting with a list marker ("b. ", "2) ", "iv. ") is a new item. */
  gsize e = m;
  while (e < s->len && e - m < 4 && g_ascii_isalnum(t[e]))
    e++;
  if (e > m && e - m <= 3 && e + 1 < s->len && (t[e] == '.' || t[e] == ')') &&
      (t[e + 1] == ' ' || t[e + 1] == '\t'))
    return FALSE;
  /* A next line starting in lower case continues the sentence. */
  Next nx = look_next(s, m);
  if (nx.cls == NEXT_LOWER)
    return TRUE;
  /* A long line of mostly lower-case words is wrapped prose, even when the next
   * line starts with a name; headlines, bylines, captions and list items are
   * short or in title case. */
  if (prose_line(s, last))
    return TRUE;
  /* So does a line ending with an article, preposition or conjunction. */
  gsize ws = letters_before(s, last, last, 32);
  if (ws < last && (ws == s->sent_start ||
                    !wn_unichar_is_wordchar(wn_utf8_decode(t, s->len, wn_utf8_prev(t, 0, ws), &n))))
    return wn_word_set_lookup(s->sp->lex.continuations, (const char *)t + ws, last - ws) != 0;
  return FALSE;
}

/* Handles the run of whitespace holding a line break that starts at i. */
static gsize
newline(Scan *s, gsize i)
{
  const guchar *t = s->t;
  const gsize len = s->len;
  gsize m = i, n;
  guint newlines = 0;
  gboolean paragraph = FALSE;
  if (s->sp->newlines == WN_NEWLINES_NEVER) {
    wn_utf8_decode(t, len, i, &n);
    return i + n;
  }
  while (m < len && wn_space_at(t, len, m, &n)) {
    if (t[m] == '\r' && m + 1 < len && t[m + 1] == '\n')
      n = 2;
    gsize n2;
    gunichar u = wn_utf8_decode(t, len, m, &n2);
    if (wn_unichar_is_newline(u)) {
      newlines++;
      paragraph |= u == 0x2029;
    }
    m += n;
  }
  if (m >= len)
    return len;
  if (newlines >= 2 || paragraph || s->sp->newlines == WN_NEWLINES_ALWAYS) {
    emit(s, i, m);
    return m;
  }
  gsize last;
  if (line_has_final_mark(s, i, &last) || soft_wrap(s, last, m))
    return m;
  emit(s, i, m);
  return m;
}

/* A smiley or a separator ("***", "-----") standing between spaces at i.
 * A separator is a sentence of its own; in web text a smiley ends its sentence
 * ("great :) Now we", "soon :) you should"). */
static gsize
mark(Scan *s, gsize i)
{
  const guchar *t = s->t;
  const gsize len = s->len;
  gsize p, n;
  if (t[i] == ')') {
    /* "1) Buy milk 2) Buy bread". */
    gsize ws = i;
    while (ws > s->sent_start && i - ws < 3 && g_ascii_isalnum(t[ws - 1]))
      ws--;
    if (ws < i && (ws == 0 || wn_space_before(t, len, 0, ws, &p)) && i + 1 < len &&
        wn_space_at(t, len, i + 1, &n)) {
      gsize m = wn_skip_space(t, len, i + 1);
      if (m < len) {
        Next nx = look_next(s, m);
        list_marker(s, ws, i, &nx);
      }
    }
    return i + 1;
  }
  if (i > 0 && !wn_space_before(t, len, 0, i, &p))
    return i + 1;
  if (t[i] == ':' || t[i] == ';') {
    gsize e = emoticon_end(t, len, i);
    if (e == i)
      return i + 1;
    gsize m = wn_skip_space(t, len, e);
    if (m < len && !look_next(s, m).continues)
      emit(s, e, m);
    return m;
  }
  gsize e = i;
  while (e < len && t[e] == t[i])
    e++;
  /* "---" is often a typed dash inside a sentence; a longer run is a line. */
  if (e - i < (t[i] == '-' ? 4u : 3u) || (e < len && !wn_space_at(t, len, e, &n)))
    return e;
  if (i > s->sent_start)
    emit(s, i, i);
  gsize m = wn_skip_space(t, len, e);
  emit(s, e, m);
  return m;
}

void
wn_sentences_split(const WnSplitter *splitter, const char *text, gsize len, GArray *sentences)
{
  Scan s = {
      .sp = splitter,
      .t = (const guchar *)text,
      .len = len,
      .out = sentences,
  };
  const guchar *t = s.t;
  gsize i = wn_skip_space(t, len, 0), n;
  s.sent_start = i;
  while (i < len) {
    /* Skip eight bytes at a time while none of them can matter. */
    while (i + 8 <= len && (cand_table[t[i]] | cand_table[t[i + 1]] | cand_table[t[i + 2]] |
                            cand_table[t[i + 3]] | cand_table[t[i + 4]] | cand_table[t[i + 5]] |
                            cand_table[t[i + 6]] | cand_table[t[i + 7]]) == 0)
      i += 8;
    if (i >= len)
      break;
    guint c = cand_table[t[i]];
    if (G_LIKELY(c == CAND_NONE)) {
      i++;
      continue;
    }
    if (c == CAND_TERM) {
      i = terminator(&s, i);
    } else if (c == CAND_NEWLINE) {
      i = newline(&s, i);
    } else if (c == CAND_MARK) {
      /* Most hyphens and colons sit inside words and numbers. */
      if (i > 0 && t[i - 1] < 0x80 && g_ascii_isalnum(t[i - 1]) && t[i] != ')')
        i++;
      else
        i = mark(&s, i);
    } else if (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x80 && t[i + 2] >= 0x90 &&
               t[i + 2] <= 0x9F) {
      /* Dashes and curly quotes (U+2010-U+201F), frequent in news: nothing to do. */
      i += 3;
    } else {
      gunichar u = wn_utf8_decode(t, len, i, &n);
      if (term_at(t, len, i, &n)) {
        i = terminator(&s, i);
      } else if (u == 0x85 || u == 0x2028 || u == 0x2029) {
        i = newline(&s, i);
      } else if (wn_unichar_is_bullet(u) && i > s.sent_start) {
        /* A bullet between spaces starts a new item: "• one • two". */
        gsize p;
        if (wn_space_before(t, len, s.sent_start, i, &p))
          emit(&s, i, i);
        i += n;
      } else {
        i += n;
      }
    }
  }
  if (s.sent_start < len)
    emit(&s, len, len);
}
