/* tokenize.c: words, numbers and punctuation inside a sentence.
 *
 * One pass; ASCII letters and digits go through a table, other characters are
 * decoded. The token conventions are documented in splitter.h. */
#include "splitter-private.h"
#include "chars.h"

#include <string.h>

/* 1 for ASCII letters and digits. */
static guint8 alnum_table[256];

static void
init_tables(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    for (int c = 0; c < 128; c++)
      alnum_table[c] = g_ascii_isalnum(c) ? 1 : 0;
    g_once_init_leave(&done, 1);
  }
}

/* Tokens are gathered in a small buffer and appended to the caller's array in
 * batches: one GArray call per token costs more than finding the token. */
typedef struct {
  GArray *out;
  guint n;
  WnToken buf[256];
} Sink;

static void
flush(Sink *sink)
{
  g_array_append_vals(sink->out, sink->buf, sink->n);
  sink->n = 0;
}

static inline void
push(Sink *sink, gsize start, gsize end, WnTokenKind kind)
{
  if (G_UNLIKELY(sink->n == G_N_ELEMENTS(sink->buf)))
    flush(sink);
  sink->buf[sink->n++] = (WnToken){start, end, kind};
}

/* A word character at t[p] (p < end)? Stores its length. */
static inline gboolean
wordchar_at(const guchar *t, gsize end, gsize p, gsize *n)
{
  if (t[p] < 0x80) {
    *n = 1;
    return alnum_table[t[p]];
  }
  gunichar u = wn_utf8_decode(t, end, p, n);
  /* Zero-width joiners keep scripts such as Devanagari whole. */
  return wn_unichar_is_wordchar(u) || u == 0x200C || u == 0x200D;
}

static gboolean
has_prefix_ci(const guchar *t, gsize p, gsize end, const char *prefix)
{
  gsize n = strlen(prefix);
  return end - p >= n && g_ascii_strncasecmp((const char *)t + p, prefix, n) == 0;
}

/* A URL starting at p: the whole chunk up to whitespace, without the
 * punctuation that ends the sentence or closes a bracket around it. */
static gsize
url_end(const guchar *t, gsize p, gsize end)
{
  gsize q = p, n;
  while (q < end && !wn_space_at(t, end, q, &n))
    q += n;
  while (q > p + 1) {
    gsize r = wn_utf8_prev(t, p, q);
    gunichar u = wn_utf8_decode(t, end, r, &n);
    if (u == '.' || u == ',' || u == ';' || u == ':' || u == '!' || u == '?' || u == '"' ||
        u == '\'' || u == '>' || wn_unichar_is_closer(u))
      q = r;
    else
      break;
  }
  return q;
}

static gboolean
is_apostrophe(const guchar *t, gsize end, gsize q, gsize *n)
{
  if (t[q] == '\'') {
    *n = 1;
    return TRUE;
  }
  if (t[q] == 0xE2 && q + 2 < end && t[q + 1] == 0x80 && t[q + 2] == 0x99) {
    *n = 3;
    return TRUE;
  }
  return FALSE;
}

/* English clitics after an apostrophe: 's 're 've 'll 'd 'm, and n't. */
static gboolean
english_clitic(const guchar *s, gsize n)
{
  static const char *const clitics[] = {"s", "re", "ve", "ll", "d", "m", "t"};
  for (guint i = 0; i < G_N_ELEMENTS(clitics); i++)
    if (strlen(clitics[i]) == n && g_ascii_strncasecmp((const char *)s, clitics[i], n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
french_elision(const guchar *w, gsize n)
{
  static const char *const elided[] = {"l", "d",  "j",     "m",      "n",      "s",     "t",
                                       "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
  for (guint i = 0; i < G_N_ELEMENTS(elided); i++)
    if (strlen(elided[i]) == n && g_ascii_strncasecmp((const char *)w, elided[i], n) == 0)
      return TRUE;
  return FALSE;
}

/* Should the period at t[q] stay with the word t[p, q)? */
static gboolean
keeps_period(const WnSplitter *sp, const guchar *t, gsize p, gsize q, gsize end)
{
  gsize n;
  if (wn_is_dotted_acronym(t + p, q - p))
    return TRUE;
  gunichar u = wn_utf8_decode(t, end, p, &n);
  if (p + n == q && (u < 0x80 ? g_ascii_isupper(u) : g_unichar_isupper(u)))
    return TRUE; /* an initial */
  guint v = wn_word_set_lookup(sp->lex.abbreviations, (const char *)t + p, q - p);
  if (v == 0)
    return FALSE;
  if ((v & WN_ABBR_CAPITAL) && !g_ascii_isupper(t[p]))
    return FALSE;
  if ((v & WN_ABBR_CLASS_MASK) == WN_ABBR_NUMERIC) {
    gsize r = wn_skip_space(t, end, q + 1);
    return r < end && g_ascii_isdigit(t[r]);
  }
  return TRUE;
}

/* A word or number starting at p; returns its end after pushing it (and maybe
 * a clitic after it). */
static gsize
word(const WnSplitter *sp, const guchar *t, gsize p, gsize end, Sink *tokens)
{
  gsize q = p, n, n2;
  gboolean only_letters = TRUE; /* letters and inner periods: may be an abbreviation */

  guchar c0 = t[p] | 0x20, c1 = p + 1 < end ? t[p + 1] | 0x20 : 0; /* ASCII lower case */
  if (((c0 == 'h' && c1 == 't') || (c0 == 'f' && c1 == 't') || (c0 == 'w' && c1 == 'w') ||
       (c0 == 'm' && c1 == 'a')) &&
      (has_prefix_ci(t, p, end, "http://") || has_prefix_ci(t, p, end, "https://") ||
       has_prefix_ci(t, p, end, "ftp://") || has_prefix_ci(t, p, end, "www.") ||
       has_prefix_ci(t, p, end, "mailto:"))) {
    q = url_end(t, p, end);
    push(tokens, p, q, WN_TOKEN_WORD);
    return q;
  }

  for (;;) {
    while (q < end) {
      guchar c = t[q];
      if (c < 0x80) {
        /* The hot path: ASCII letters and digits. */
        if (!alnum_table[c])
          break;
        if (c <= '9')
          only_letters = FALSE;
        q++;
      } else if (wordchar_at(t, end, q, &n)) {
        q += n;
      } else {
        break;
      }
    }
    if (q + 1 >= end || t[q] == ' ')
      break;
    guchar c = t[q];
    if ((c == '.' || c == '-' || c == '_' || c == '@' || c == '&') &&
        wordchar_at(t, end, q + 1, &n)) {
      if (c != '.')
        only_letters = FALSE;
      q++;
      continue;
    }
    if ((c == ',' || c == ':' || c == '/') && g_ascii_isdigit(t[q - 1]) &&
        g_ascii_isdigit(t[q + 1])) {
      q++;
      continue;
    }
    if (is_apostrophe(t, end, q, &n) && q + n < end && wordchar_at(t, end, q + n, &n2)) {
      gsize a = q + n, b = a;
      while (b < end && wordchar_at(t, end, b, &n2))
        b += n2;
      if (sp->language == WN_LANG_EN && english_clitic(t + a, b - a)) {
        gsize cut = q;
        if (b - a == 1 && (t[a] == 't' || t[a] == 'T')) {
          /* n't: only after an n ("don't" -> "do" + "n't"). */
          if (q - 1 <= p || (t[q - 1] != 'n' && t[q - 1] != 'N')) {
            q = b;
            continue;
          }
          cut = q - 1;
        }
        push(tokens, p, cut, g_ascii_isdigit(t[p]) ? WN_TOKEN_NUMBER : WN_TOKEN_WORD);
        push(tokens, cut, b, WN_TOKEN_WORD);
        return b;
      }
      if (sp->language == WN_LANG_FR && french_elision(t + p, q - p)) {
        push(tokens, p, q + n, WN_TOKEN_WORD);
        return q + n;
      }
      q = b;
      only_letters = FALSE;
      continue;
    }
    break;
  }
  if (q < end && t[q] == '.' && only_letters && keeps_period(sp, t, p, q, end))
    q++;
  push(tokens, p, q, g_ascii_isdigit(t[p]) ? WN_TOKEN_NUMBER : WN_TOKEN_WORD);
  return q;
}

/* Characters that ride on the one before them in a punctuation token. */
static gboolean
rides_along(gunichar u)
{
  return g_unichar_ismark(u) || (u >= 0xFE00 && u <= 0xFE0F) || (u >= 0xE0100 && u <= 0xE01EF) ||
         (u >= 0x1F3FB && u <= 0x1F3FF) || (u >= 0xE0020 && u <= 0xE007F);
}

/* A punctuation or symbol token at p; returns its end. */
static gsize
punct(const guchar *t, gsize p, gsize end, Sink *tokens)
{
  gsize q, n;
  guchar c = t[p];
  if (c < 0x80) {
    q = p + 1;
    if (c == '?' || c == '!') {
      while (q < end && (t[q] == '?' || t[q] == '!'))
        q++;
    } else {
      while (q < end && t[q] == c)
        q++;
    }
    push(tokens, p, q, WN_TOKEN_PUNCT);
    return q;
  }
  gunichar u = wn_utf8_decode(t, end, p, &n);
  q = p + n;
  gboolean regional = u >= 0x1F1E6 && u <= 0x1F1FF;
  while (q < end) {
    gunichar v = wn_utf8_decode(t, end, q, &n);
    if (rides_along(v)) {
      q += n;
    } else if (v == 0x200D && q + n < end) {
      gsize n2;
      wn_utf8_decode(t, end, q + n, &n2);
      q += n + n2; /* emoji joined by ZWJ */
    } else if (regional && v >= 0x1F1E6 && v <= 0x1F1FF) {
      q += n; /* a flag: two regional indicators */
      regional = FALSE;
    } else {
      break;
    }
  }
  push(tokens, p, q, WN_TOKEN_PUNCT);
  return q;
}

void
wn_tokens_split(const WnSplitter *splitter, const char *text, gsize start, gsize end,
                GArray *tokens)
{
  const guchar *t = (const guchar *)text;
  gsize p = start, n;
  Sink sink_, *tokens_sink = &sink_;
  sink_.out = tokens;
  sink_.n = 0;
  init_tables();
  while (p < end) {
    guchar c = t[p];
    if (c < 0x80) {
      if (alnum_table[c]) {
        /* Fast path: a run of ASCII letters and digits ended by a space or by a
         * mark that cannot join words is a whole token; anything else (a period,
         * hyphen, apostrophe, colon, a digit group) goes through word(). */
        gsize q = p + 1;
        while (q < end && alnum_table[t[q]])
          q++;
        guchar e = q < end ? t[q] : ' ';
        if (e == ' ' || e == '\n' || e == ')' || e == ';' || e == '!' || e == '?' || e == '"' ||
            (e == ',' && !g_ascii_isdigit(t[q - 1]))) {
          push(tokens_sink, p, q, c <= '9' ? WN_TOKEN_NUMBER : WN_TOKEN_WORD);
          p = q;
        } else {
          p = word(splitter, t, p, end, tokens_sink);
        }
      } else if (c == ' ' || (c >= '\t' && c <= '\r')) {
        p++;
      } else if ((c == '#' || c == '@') && p + 1 < end && wordchar_at(t, end, p + 1, &n) &&
                 (p == start || !alnum_table[t[p - 1]])) {
        /* A hashtag or mention: the sigil stays on the word. */
        gsize q = p + 1;
        while (q < end && (wordchar_at(t, end, q, &n) || t[q] == '_'))
          q += n;
        push(tokens_sink, p, q, WN_TOKEN_WORD);
        p = q;
      } else {
        p = punct(t, p, end, tokens_sink);
      }
      continue;
    }
    gunichar u = wn_utf8_decode(t, end, p, &n);
    if (wn_unichar_is_space(u))
      p += n;
    else if (wn_unichar_is_wordchar(u))
      p = word(splitter, t, p, end, tokens_sink);
    else
      p = punct(t, p, end, tokens_sink);
  }
  flush(tokens_sink);
}
