/* simpletok.c: a plain rule-based tokenizer and sentence splitter, used when a
 * document has no tokens layer of its own (the trainer's text mode, tests and the
 * benchmark). The pipeline normally supplies tokens from the sentences stage. */
#include "ent.h"

#include <string.h>

/* Words that keep their period: titles, months, states, company suffixes. */
static const char *const abbrevs[] = {
    "mr",   "mrs",  "ms",   "dr",   "prof", "sen",  "rep",  "gov",  "gen",    "col",   "lt",
    "sgt",  "capt", "cmdr", "adm",  "maj",  "st",   "jr",   "sr",   "rev",    "hon",   "pres",
    "jan",  "feb",  "mar",  "apr",  "jun",  "jul",  "aug",  "sep",  "sept",   "oct",   "nov",
    "dec",  "inc",  "corp", "co",   "ltd",  "bros", "no",   "vs",   "etc",    "calif", "ala",
    "ariz", "ark",  "colo", "conn", "del",  "fla",  "ga",   "ill",  "ind",    "kan",   "ky",
    "la",   "md",   "mass", "mich", "minn", "miss", "mo",   "mont", "neb",    "nev",   "okla",
    "ore",  "pa",   "tenn", "tex",  "va",   "vt",   "wash", "wis",  "wyo",    "mt",    "ft",
    "e.g",  "i.e",  "u.s",  "u.k",  "u.n",  "d.c",  "a.m",  "p.m",  "approx", "dept",  "univ",
    "assn", "est",  NULL};

static gboolean
is_abbrev(const char *s, gsize len)
{
  if (len == 1 && g_ascii_isupper(s[0]))
    return TRUE; /* an initial: "John F. Kennedy" */
  if (len > 6)
    return FALSE;
  char low[8];
  for (gsize i = 0; i < len; i++)
    low[i] = g_ascii_tolower(s[i]);
  low[len] = 0;
  for (guint i = 0; abbrevs[i] != NULL; i++)
    if (strcmp(low, abbrevs[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_word_char(const char *p, const char *end)
{
  guchar c = (guchar)*p;
  if (c < 0x80)
    return g_ascii_isalnum(c) || c == '_';
  gunichar u = g_utf8_get_char_validated(p, end - p);
  if (u == (gunichar)-1 || u == (gunichar)-2)
    return FALSE;
  return g_unichar_isalnum(u) || g_unichar_ismark(u);
}

static const char *
next_char(const char *p, const char *end)
{
  if ((guchar)*p < 0x80)
    return p + 1;
  const char *q = g_utf8_next_char(p);
  return q > end ? end : q;
}

static gboolean
is_space_at(const char *p, const char *end)
{
  if ((guchar)*p < 0x80)
    return g_ascii_isspace(*p);
  gunichar u = g_utf8_get_char_validated(p, end - p);
  return u != (gunichar)-1 && u != (gunichar)-2 && g_unichar_isspace(u);
}

void
wn_ent_simple_tokenize(WnEntDoc *doc)
{
  const char *text = doc->text, *end = text + doc->text_len;
  const char *p = text;
  gboolean sentence_open = FALSE;
  const char *run_checked = text; /* runs before this were already checked for URLs */

  while (p < end) {
    if (is_space_at(p, end)) {
      /* A blank line ends a sentence. */
      if (*p == '\n') {
        const char *q = p + 1;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
          q++;
        if (q < end && *q == '\n' && sentence_open) {
          wn_ent_doc_end_sentence(doc);
          sentence_open = FALSE;
        }
      }
      p = next_char(p, end);
      continue;
    }
    /* URLs and e-mail addresses stay whole: the run of non-space characters. */
    const char *run_end = p;
    if (p >= run_checked) {
      /* Checked once per run of non-space characters, so long runs stay linear. */
      while (run_end < end && !is_space_at(run_end, end))
        run_end = next_char(run_end, end);
      run_checked = run_end;
    }
    gsize run_len = run_end - p;
    if (run_len > 4 && (g_strstr_len(p, run_len, "://") != NULL ||
                        (g_strstr_len(p, run_len, "@") != NULL && is_word_char(p, end)) ||
                        g_str_has_prefix(p, "www."))) {
      while (run_end > p && strchr(".,;:!?)\"'>]", run_end[-1]) != NULL)
        run_end--;
      wn_ent_doc_add_token(doc, p - text, run_end - text);
      sentence_open = TRUE;
      p = run_end;
      continue;
    }
    const char *q = p;
    if (is_word_char(p, end)) {
      q = next_char(p, end);
      for (;;) {
        if (q < end && is_word_char(q, end)) {
          q = next_char(q, end);
          continue;
        }
        /* Inner joiners followed by a word character: "don't", "U.S", "3.5",
         * "1,000", "well-known", "10:30". */
        if (q + 1 < end && strchr("'.-,:/&", *q) != NULL && is_word_char(q + 1, end)) {
          if ((*q == ',' || *q == ':') && !(g_ascii_isdigit(q[-1]) && g_ascii_isdigit(q[1])))
            break;
          q = next_char(q + 1, end);
          continue;
        }
        /* The typographic apostrophe. */
        if (q + 3 < end && memcmp(q, "\xe2\x80\x99", 3) == 0 && is_word_char(q + 3, end)) {
          q = next_char(q + 3, end);
          continue;
        }
        break;
      }
      /* A trailing period joins abbreviations ("Sen.", "U.S.", "Jan."). */
      if (q < end && *q == '.' && (is_abbrev(p, q - p) || memchr(p, '.', q - p) != NULL))
        q++;
    } else {
      q = next_char(p, end);
      /* Runs of the same punctuation ("...", "--") are one token. */
      while (q < end && *q == *p && (guchar)*p < 0x80)
        q++;
    }
    wn_ent_doc_add_token(doc, p - text, q - text);
    sentence_open = TRUE;
    gboolean ends = (q - p >= 1 && strchr(".!?", *p) != NULL);
    p = q;
    if (ends) {
      /* Closing quotes and brackets belong to the sentence that ends. */
      while (p < end && strchr("\"')]", *p) != NULL) {
        wn_ent_doc_add_token(doc, p - text, p + 1 - text);
        p++;
      }
      wn_ent_doc_end_sentence(doc);
      sentence_open = FALSE;
    }
  }
  if (sentence_open)
    wn_ent_doc_end_sentence(doc);
}
