/* wire.c: the forms of wire-service copy that a model trained on web prose
 * gets wrong, settled by their layout rather than by the words:
 *
 * - results rows "Leeds 1 Arsenal 1" and standings rows "Arsenal 8 6 1 1 15
 *   4 19": the names are teams (ORG), unless they are countries (national
 *   sides are places);
 * - "Lando Norris ( Britain ) McLaren 1:32.510": a name before a country in
 *   brackets is a competitor (PERSON); in a ranked row, the words between the
 *   bracket and the result are the team (ORG);
 * - cricket scorecards ("Zak Crawley c Mendis b Rajitha 41", bowling figures
 *   "Rajitha 21-4-66-2") and scorers ("Harry Kane ( 12 , 71 )"): people;
 * - a list of four or more names separated by commas takes the label most of
 *   its items already have ("Squad : A B , C D , ...");
 * - a short dateline "CARDIFF 2025-11-04": a place;
 * - every name a rule settles keeps that label elsewhere in the document, and
 *   the words of an all-caps headline take the label of the same name in the
 *   story below it ("BRENTFORD STUN LIVERPOOL" after "Brentford 2 Liverpool
 *   1"; a surname, or the first or last word of a club, counts too).
 *
 * Rows are sentences (the sentences stage ends one at every line break; a
 * CoNLL file has one per row). Everything is a few passes over the tokens. */
#include "wire.h"

#include <stdlib.h>
#include <string.h>

/* Marks a label that two spans of the document disagree on. */
static const char conflict[] = "?";

typedef struct {
  const WnEntDoc *doc;
  const WnEntTok *toks;
  guint n;
  GArray *spans; /* the current spans (WnEntSpan), sorted */
  gint *owner;   /* token -> index in spans, or -1 */
  GArray *over;  /* spans the rules decided (WnEntSpan) */
  /* Hash of the lower-cased tokens of a name a rule decided -> its label. */
  GHashTable *decided;
  guint16 *cls; /* C_* bits of every token, computed once */
  /* Set while the row rules only ask whether a row has a table's shape:
   * nothing is decided, and named tells whether a name in it is one the
   * model or the lists already know. */
  gboolean dry;
  gboolean named, all_named;
  guint team2; /* where a results row's second side begins */
} Wire;

/* What the rules ask of a token, worked out once per token (the rules look
 * at most tokens several times; comparing strings each time cost more than
 * the model). */
enum {
  C_NAME = 1 << 0,  /* capitalised, no digit */
  C_CONN = 1 << 1,  /* a particle inside names: "de", "van", "of" */
  C_NUM = 1 << 2,   /* is_num() */
  C_INT = 1 << 3,   /* one to three digits */
  C_OPEN = 1 << 4,  /* "(" */
  C_CLOSE = 1 << 5, /* ")" */
  C_COMMA = 1 << 6,
  C_SEMI = 1 << 7,
  C_COLON = 1 << 8,
  C_DOT = 1 << 9,
  C_DASH = 1 << 10,
  C_AND = 1 << 11,
};

static inline gboolean
has(const Wire *w, guint i, guint16 bits)
{
  return (w->cls[i] & bits) != 0;
}

static inline gboolean
text_is(const Wire *w, guint i, const char *word)
{
  return wn_ent_tok_is(w->doc, &w->toks[i], word);
}

static gsize
tok_len(const Wire *w, guint i)
{
  return w->toks[i].end - w->toks[i].start;
}

/* A number as tables write them: "3", "1:32.510", "9,154.3", "6-3", and a
 * baseball percentage ".602". */
static gboolean
compute_num(const Wire *w, guint i)
{
  const char *s = w->doc->text + w->toks[i].start;
  gsize len = tok_len(w, i);
  if (len == 0 || !(g_ascii_isdigit(s[0]) || (s[0] == '.' && len > 1 && g_ascii_isdigit(s[1]))))
    return FALSE;
  for (gsize k = 1; k < len; k++)
    if (!g_ascii_isdigit(s[k]) && !strchr(".,:-/", s[k]))
      return FALSE;
  return TRUE;
}

/* A score or a count: one to three digits. */
static gboolean
compute_small_int(const Wire *w, guint i)
{
  const char *s = w->doc->text + w->toks[i].start;
  gsize len = tok_len(w, i);
  if (len == 0 || len > 3)
    return FALSE;
  for (gsize k = 0; k < len; k++)
    if (!g_ascii_isdigit(s[k]))
      return FALSE;
  return TRUE;
}

/* Bowling figures, overs-maidens-runs-wickets: "21-4-66-2", "9.3-1-30-2". */
static gboolean
is_bowling(const Wire *w, guint i)
{
  if (!(w->toks[i].flags & WN_ENT_TOK_DIGIT) || !has(w, i, C_NUM))
    return FALSE;
  const char *s = w->doc->text + w->toks[i].start;
  guint dashes = 0;
  for (gsize k = 0; k < tok_len(w, i); k++) {
    if (s[k] == '-') {
      if (k + 1 == tok_len(w, i) || !g_ascii_isdigit(s[k + 1]))
        return FALSE;
      dashes++;
    } else if (s[k] == ':' || s[k] == ',' || s[k] == '/') {
      return FALSE;
    }
  }
  return dashes == 3;
}

/* "2025-10-18" */
static gboolean
is_iso_date(const Wire *w, guint i)
{
  const char *s = w->doc->text + w->toks[i].start;
  if (tok_len(w, i) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int k = 0; k < 10; k++)
    if (k != 4 && k != 7 && !g_ascii_isdigit(s[k]))
      return FALSE;
  return TRUE;
}

static inline gboolean
is_num(const Wire *w, guint i)
{
  return has(w, i, C_NUM);
}

static inline gboolean
is_small_int(const Wire *w, guint i)
{
  return has(w, i, C_INT);
}

static inline gboolean
is_name_word(const Wire *w, guint i)
{
  return has(w, i, C_NAME);
}

/* Lower-case particles that stay inside names: "Luiz Inacio Lula da Silva",
 * "Circuit of the Americas", "Ursula von der Leyen". */
/* The particles as a small table of their lower-cased hashes (the hash every
 * token already carries), so that a token is checked by one or two loads. */
#define CONN_SLOTS 64
static guint64 conn_table[CONN_SLOTS];

static gpointer
init_conn_table(gpointer data)
{
  static const char *const words[] = {"de",  "da",    "di",  "do",  "dos", "du",
                                      "del", "della", "der", "den", "van", "von",
                                      "la",  "le",    "al",  "bin", "of",  "the"};
  (void)data;
  for (guint k = 0; k < G_N_ELEMENTS(words); k++) {
    guint64 h = wn_ent_hash_lower(words[k], strlen(words[k]));
    guint slot = (guint)(h % CONN_SLOTS);
    while (conn_table[slot] != 0)
      slot = (slot + 1) % CONN_SLOTS;
    conn_table[slot] = h;
  }
  return NULL;
}

static gboolean
compute_connector(const Wire *w, guint i)
{
  static GOnce once = G_ONCE_INIT;
  g_once(&once, init_conn_table, NULL);
  guint64 h = w->toks[i].hlower;
  gsize len = tok_len(w, i);
  if (len < 2 || len > 5)
    return FALSE;
  for (guint slot = (guint)(h % CONN_SLOTS); conn_table[slot] != 0; slot = (slot + 1) % CONN_SLOTS)
    if (conn_table[slot] == h)
      return TRUE;
  return FALSE;
}

static inline gboolean
is_connector(const Wire *w, guint i)
{
  return has(w, i, C_CONN);
}

static void
classify(Wire *w)
{
  for (guint i = 0; i < w->n; i++) {
    const WnEntTok *t = &w->toks[i];
    guint16 c = 0;
    if ((t->flags & WN_ENT_TOK_CAP) && !(t->flags & WN_ENT_TOK_DIGIT))
      c |= C_NAME;
    else if ((t->flags & WN_ENT_TOK_LOWER) && compute_connector(w, i))
      c |= C_CONN;
    if (!(t->flags & WN_ENT_TOK_ALNUM)) {
      if (t->end - t->start == 1) {
        switch (w->doc->text[t->start]) {
        case '(':
          c |= C_OPEN;
          break;
        case ')':
          c |= C_CLOSE;
          break;
        case ',':
          c |= C_COMMA;
          break;
        case ';':
          c |= C_SEMI;
          break;
        case ':':
          c |= C_COLON;
          break;
        case '.':
          c |= C_DOT;
          break;
        case '-':
          c |= C_DASH;
          break;
        default:
          break;
        }
      }
    } else if (t->flags & WN_ENT_TOK_DIGIT) {
      if (compute_num(w, i))
        c |= C_NUM;
      if (compute_small_int(w, i))
        c |= C_INT;
    } else if (t->end - t->start == 3 && memcmp(w->doc->text + t->start, "and", 3) == 0) {
      c |= C_AND;
    }
    w->cls[i] = c;
  }
}

/* One past the longest name starting at token i (at most 6 tokens): capitalised
 * words, initials ("M ."), particles between two of them. i when none. */
static guint
name_run(const Wire *w, guint i, guint end)
{
  guint j = i;
  while (j < end && j - i < 6) {
    if (is_name_word(w, j)) {
      j++;
      if (tok_len(w, j - 1) == 1 && j < end && has(w, j, C_DOT))
        j++; /* an initial */
    } else if (j > i && is_connector(w, j) && j + 1 < end && is_name_word(w, j + 1)) {
      j++;
    } else {
      break;
    }
  }
  return j;
}

/* The start of the name that ends just before token i (i when none), going
 * back at most 5 tokens and stopping at the sentence's first token a. */
static guint
name_run_back(const Wire *w, guint a, guint i)
{
  guint p = i;
  while (p > a && i - p < 5) {
    if (is_name_word(w, p - 1))
      p--;
    else if (has(w, p - 1, C_DOT) && p - 1 > a && tok_len(w, p - 2) == 1 && is_name_word(w, p - 2))
      p -= 2; /* an initial */
    else if (p < i && is_connector(w, p - 1) && p - 1 > a && is_name_word(w, p - 2))
      p--;
    else
      break;
  }
  /* A name longer than that is something else (a headline, a title). */
  if (p > a && i - p >= 5 && is_name_word(w, p - 1))
    return i;
  return p;
}

/* Tokens [a, b) are exactly one country's name in the lists. */
static gboolean
is_country_run(const Wire *w, guint a, guint b)
{
  const WnEntTok *t = w->toks;
  if (b <= a || !(t[a].gaz_begin & WN_GAZ_COUNTRY))
    return FALSE;
  for (guint i = a + 1; i < b; i++)
    if (!(t[i].gaz_inside & WN_GAZ_COUNTRY) || (t[i].gaz_begin & WN_GAZ_COUNTRY))
      return FALSE;
  return b >= w->n || !(t[b].gaz_inside & WN_GAZ_COUNTRY) || (t[b].gaz_begin & WN_GAZ_COUNTRY);
}

/* Every token of [a, b) is part of some listed place. */
static gboolean
is_place_run(const Wire *w, guint a, guint b)
{
  for (guint i = a; i < b; i++)
    if (!(w->toks[i].gaz_inside & (WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY)))
      return FALSE;
  return b > a;
}

/* The label of the span covering exactly tokens [a, b), or NULL. */
static const char *
exact_label(const Wire *w, guint a, guint b)
{
  gint k = w->owner[a];
  if (k < 0)
    return NULL;
  const WnEntSpan *s = &g_array_index(w->spans, WnEntSpan, k);
  if (s->start != w->toks[a].start || s->end != w->toks[b - 1].end)
    return NULL;
  return s->label;
}

/* The key of the name of tokens [a, b), lower-cased. */
static guint64
run_key(const Wire *w, guint a, guint b)
{
  return wn_ent_run_hash(w->toks, a, b, TRUE);
}

static void
decide(Wire *w, guint a, guint b, const char *label)
{
  if (w->dry)
    return;
  WnEntSpan s = {w->toks[a].start, w->toks[b - 1].end, label, 0.8, WN_ENT_SRC_RULE};
  g_array_append_val(w->over, s);
  guint64 key = run_key(w, a, b);
  const char *had = g_hash_table_lookup(w->decided, &key);
  if (had == NULL) {
    guint64 *k = g_new(guint64, 1);
    *k = key;
    g_hash_table_insert(w->decided, k, (gpointer)label);
  } else if (had != label && strcmp(had, label) != 0) {
    guint64 k = key;
    g_hash_table_replace(w->decided, g_memdup2(&k, sizeof k), (gpointer)conflict);
  }
}

/* A team in a table: a country is a national side (LOC); a first name and a
 * surname the model read as a person stay a person (golf leaderboards);
 * anything else is a club. */
static void
decide_team(Wire *w, guint a, guint b)
{
  if (is_country_run(w, a, b))
    decide(w, a, b, "LOC");
  else if (b - a >= 2 && wn_ent_label_is(exact_label(w, a, b), "PERSON") &&
           (w->toks[a].gaz_inside & WN_GAZ_FIRST) && !is_place_run(w, a, b))
    decide(w, a, b, "PERSON");
  else
    decide(w, a, b, "ORG");
}

/* Some token of [a, b) is in a span the model made a name, or in a listed
 * place or company: "Arsenal", "Kansas City"; not "Chapter", "Bananas". */
static gboolean
is_known_name(const Wire *w, guint a, guint b)
{
  for (guint i = a; i < b; i++) {
    if (w->toks[i].gaz_inside & (WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY | WN_GAZ_COMPANY))
      return TRUE;
    if (w->owner[i] >= 0 &&
        wn_ent_is_model_label(g_array_index(w->spans, WnEntSpan, w->owner[i]).label))
      return TRUE;
  }
  return FALSE;
}

/* After a name, "( Netherlands )": one past the bracket, else j. */
static guint
skip_bracketed_place(Wire *w, guint j, guint b)
{
  if (j + 2 < b && has(w, j, C_OPEN)) {
    guint k = name_run(w, j + 1, b);
    if (k > j + 1 && k < b && has(w, k, C_CLOSE) && is_country_run(w, j + 1, k)) {
      decide(w, j + 1, k, "LOC");
      return k + 1;
    }
  }
  return j;
}

/* After a score, the goals in brackets: "2 ( Hirst 20 , Booth 56 pen )".
 * The scorers are people; returns one past the bracket, else j. */
static guint
skip_scorers(Wire *w, guint j, guint b)
{
  if (j >= b || !has(w, j, C_OPEN))
    return j;
  guint k = j + 1;
  while (k < b && k - j < 40 && !has(w, k, C_CLOSE) && !has(w, k, C_OPEN))
    k++;
  if (k >= b || !has(w, k, C_CLOSE))
    return j;
  for (guint i = j + 1; i < k;) {
    guint e = name_run(w, i, k);
    if (e > i && e < k && is_small_int(w, e) && !is_country_run(w, i, e))
      decide(w, i, e, "PERSON");
    i = e > i ? e : i + 1;
  }
  return k + 1;
}

/* "Leeds 1 Arsenal 1", "Seattle 4 HOUSTON 3 ( 11 innings )". */
static gboolean
results_row(Wire *w, guint a, guint b)
{
  guint r1 = name_run(w, a, b);
  if (r1 == a)
    return FALSE;
  /* Nothing is decided before the row is known to be one. */
  guint mark = w->over->len;
  guint j = skip_bracketed_place(w, r1, b);
  if (j >= b || !is_small_int(w, j)) {
    g_array_set_size(w->over, mark);
    return FALSE;
  }
  guint s2 = skip_scorers(w, j + 1, b), r2 = name_run(w, s2, b);
  if (r2 == s2) {
    g_array_set_size(w->over, mark);
    return FALSE;
  }
  j = skip_bracketed_place(w, r2, b);
  if (j >= b || !is_small_int(w, j)) {
    g_array_set_size(w->over, mark);
    return FALSE;
  }
  j = skip_scorers(w, j + 1, b);
  if (j < b && !has(w, j, C_OPEN) && !(j + 1 == b && has(w, j, C_DOT))) {
    g_array_set_size(w->over, mark);
    return FALSE;
  }
  gboolean k1 = is_known_name(w, a, r1), k2 = is_known_name(w, s2, r2);
  w->named = k1 || k2;
  w->all_named = k1 && k2;
  w->team2 = s2;
  decide_team(w, a, r1);
  decide_team(w, s2, r2);
  return TRUE;
}

/* A golf leaderboard row: the total, then players with their round scores,
 * "136 Tyrrell Hatton 70 66 , Shane Lowry 67 69 , Min Woo Lee ( Australia )
 * 69 67". Totals and rounds are in golf's range, which rank numbers before a
 * standings row are not. */
static gboolean
leaderboard_row(Wire *w, guint a, guint b)
{
  if (!is_small_int(w, a) || atoi(w->doc->text + w->toks[a].start) < 55)
    return FALSE;
  guint mark = w->over->len, starts[32], ends[32], n = 0;
  for (guint i = a + 1; i < b;) {
    guint e = name_run(w, i, b);
    if (e == i || n == G_N_ELEMENTS(starts))
      goto no;
    guint j = skip_bracketed_place(w, e, b), rounds = 0;
    for (; j < b && is_small_int(w, j); j++, rounds++) {
      int v = atoi(w->doc->text + w->toks[j].start);
      if (v < 55 || v > 99)
        goto no;
    }
    if (rounds == 0)
      goto no;
    starts[n] = i;
    ends[n++] = e;
    /* A comma promises another player: "136 A 70 ," ends too soon. */
    if (j < b && (!has(w, j, C_COMMA) || j + 1 == b))
      goto no;
    i = j + 1;
  }
  for (guint k = 0; k < n; k++)
    if (!is_country_run(w, starts[k], ends[k]))
      decide(w, starts[k], ends[k], "PERSON");
  return n > 0;
no:
  g_array_set_size(w->over, mark);
  return FALSE;
}

/* "Arsenal 8 6 1 1 15 4 19", "1. Arsenal 8 6 ..." (numbers to the end). */
static gboolean
standings_row(Wire *w, guint a, guint b)
{
  guint i = a;
  if (i + 1 < b && is_small_int(w, i) && (has(w, i + 1, C_DOT) || has(w, i + 1, C_DASH)))
    i += 2;
  else if (i + 1 < b && is_small_int(w, i) && atoi(w->doc->text + w->toks[i].start) < 55)
    i++; /* a bare rank; golf totals are higher (leaderboard_row) */
  guint r = name_run(w, i, b);
  if (r == i)
    return FALSE;
  guint mark = w->over->len;
  guint j = skip_bracketed_place(w, r, b), nums = 0;
  /* "-" for games behind; "." before a percentage the tokenizer cut off. */
  for (; j < b && (is_num(w, j) || has(w, j, C_DASH) || has(w, j, C_DOT)); j++)
    nums += is_num(w, j);
  if (nums < 3 || j < b) {
    g_array_set_size(w->over, mark);
    return FALSE;
  }
  w->named = is_known_name(w, i, r);
  decide_team(w, i, r);
  return TRUE;
}

/* "Zak Crawley c Mendis b Rajitha 41", "Joe Root not out 132". */
static gboolean
batting_row(Wire *w, guint a, guint b)
{
  static const char *const how[] = {"c",   "b",       "lbw", "st",      "run",
                                    "not", "retired", "hit", "handled", NULL};
  guint r = name_run(w, a, b);
  if (r == a || r >= b || !is_num(w, b - 1))
    return FALSE;
  gboolean out = FALSE;
  for (guint k = 0; how[k] != NULL && !out; k++)
    out = text_is(w, r, how[k]);
  if (!out)
    return FALSE;
  decide(w, a, r, "PERSON");
  for (guint i = r; i + 1 < b; i++) {
    /* The fielder and the bowler: "c Mendis b Rajitha", "run out ( Pope )". */
    /* Most tokens are longer than "st": no string compared for them. */
    if ((tok_len(w, i) <= 2 && (text_is(w, i, "c") || text_is(w, i, "st") || text_is(w, i, "b"))) ||
        has(w, i, C_OPEN)) {
      guint e = name_run(w, i + 1, b);
      if (e > i + 1) {
        decide(w, i + 1, e, "PERSON");
        i = e - 1;
      }
    }
  }
  return TRUE;
}

/* Names before a country in brackets, bowling figures or minutes of goals. */
static void
bracket_names(Wire *w, guint a, guint b)
{
  gboolean ranked = is_small_int(w, a) || (a + 1 < b && is_num(w, a));
  gboolean first_bracket = TRUE;
  for (guint i = a + 1; i < b; i++) {
    if (is_bowling(w, i)) {
      guint p = name_run_back(w, a, i);
      if (p < i && !is_country_run(w, p, i))
        decide(w, p, i, "PERSON");
      continue;
    }
    if (!has(w, i, C_OPEN) || i + 2 >= b)
      continue;
    guint k = name_run(w, i + 1, b);
    if (k > i + 1 && k < b && has(w, k, C_CLOSE) && is_country_run(w, i + 1, k)) {
      /* "Lando Norris ( Britain )" */
      guint p = name_run_back(w, a, i);
      if (p < i) {
        const char *had = exact_label(w, p, i);
        if (is_country_run(w, p, i))
          decide(w, p, i, "LOC");
        else if (!(i - p == 1 && (wn_ent_label_is(had, "LOC") || wn_ent_label_is(had, "ORG"))) &&
                 !(is_place_run(w, p, i) && !wn_ent_label_is(had, "PERSON")))
          decide(w, p, i, "PERSON");
      }
      decide(w, i + 1, k, "LOC");
      /* "1. Lando Norris ( Britain ) McLaren 1:32.510": the team. */
      if (ranked && first_bracket) {
        guint e = name_run(w, k + 1, b);
        if (e > k + 1 && e < b && is_num(w, e) && !is_country_run(w, k + 1, e))
          decide(w, k + 1, e, "ORG");
      }
      first_bracket = FALSE;
      i = k;
      continue;
    }
    /* "Harry Kane ( 12 , 34 , 71 )", "( 45 pen )": the minutes of goals. */
    if (!is_name_word(w, i - 1))
      continue;
    guint j = i + 1;
    gboolean ok = FALSE;
    while (j < b && is_small_int(w, j) && atoi(w->doc->text + w->toks[j].start) <= 130) {
      j++;
      while (j < b && (w->toks[j].flags & WN_ENT_TOK_LOWER) && tok_len(w, j) <= 4)
        j++; /* "pen", "og" */
      if (j < b && has(w, j, C_CLOSE)) {
        ok = TRUE;
        break;
      }
      if (j >= b || !has(w, j, C_COMMA))
        break;
      j++;
    }
    if (!ok)
      continue;
    /* Scorers follow the line's start, a team's dash or another scorer's
     * comma; "7,5 Euros ( 1 )" is no scorer. */
    guint p = name_run_back(w, a, i);
    gboolean led = p == a || has(w, p - 1, C_DASH) || has(w, p - 1, C_COMMA) ||
                   has(w, p - 1, C_SEMI) || has(w, p - 1, C_COLON);
    if (p < i && led && !is_country_run(w, p, i) &&
        !(is_place_run(w, p, i) && !wn_ent_label_is(exact_label(w, p, i), "PERSON")))
      decide(w, p, i, "PERSON");
    i = j;
  }
}

/* "CARDIFF 2025-11-04", "AUSTIN , Texas 2025-10-18": the whole line. */
static gboolean
short_dateline(Wire *w, guint a, guint b)
{
  if (b - a < 2 || !is_iso_date(w, b - 1))
    return FALSE;
  guint r = name_run(w, a, b);
  if (r == a)
    return FALSE;
  for (guint i = a; i < r; i++)
    if (!(w->toks[i].flags & WN_ENT_TOK_ALLCAPS) && !is_connector(w, i))
      return FALSE;
  guint r2 = r;
  if (r + 2 < b && has(w, r, C_COMMA)) {
    r2 = name_run(w, r + 1, b);
    if (r2 == r + 1)
      return FALSE;
  }
  if (r2 != b - 1)
    return FALSE;
  decide(w, a, r, "LOC");
  if (r2 > r)
    decide(w, r + 1, r2, "LOC");
  return TRUE;
}

/* A list of names: "A B , C D ( captain ) , E F and G H". A stretch of at
 * least four items takes the label most of them already have. */
static void
flush_list(Wire *w, const guint *item_a, const guint *item_b, guint n_items)
{
  static const char *const labels[] = {"PERSON", "ORG", "LOC"};
  if (n_items < 4)
    return;
  guint count[3] = {0, 0, 0}, best = 0;
  for (guint k = 0; k < n_items; k++)
    for (guint l = 0; l < 3; l++)
      count[l] += wn_ent_label_is(exact_label(w, item_a[k], item_b[k]), labels[l]);
  for (guint l = 1; l < 3; l++)
    if (count[l] > count[best])
      best = l;
  if (count[best] < 3 || count[best] * 5 < n_items * 3)
    return;
  for (guint k = 0; k < n_items; k++)
    if (!wn_ent_label_is(exact_label(w, item_a[k], item_b[k]), labels[best]) &&
        (best == 2 || !is_country_run(w, item_a[k], item_b[k])))
      decide(w, item_a[k], item_b[k], labels[best]);
}

static void
name_lists(Wire *w, guint a, guint b)
{
  guint item_a[64], item_b[64], n_items = 0;
  for (guint i = a; i < b;) {
    guint e = name_run(w, i, b);
    if (e == i) {
      flush_list(w, item_a, item_b, n_items);
      n_items = 0;
      i++;
      continue;
    }
    guint j = e;
    if (j + 2 < b && has(w, j, C_OPEN)) {
      /* "( captain )" */
      guint k = j + 1;
      while (k < b && (w->toks[k].flags & WN_ENT_TOK_LOWER))
        k++;
      if (k > j + 1 && k < b && has(w, k, C_CLOSE))
        j = k + 1;
    }
    if (n_items < G_N_ELEMENTS(item_a)) {
      item_a[n_items] = i;
      item_b[n_items] = e;
      n_items++;
    }
    if (j < b && (has(w, j, C_COMMA) || has(w, j, C_SEMI) || has(w, j, C_AND))) {
      i = j + 1;
      continue;
    }
    flush_list(w, item_a, item_b, n_items);
    n_items = 0;
    i = j;
  }
  flush_list(w, item_a, item_b, n_items);
}

static void
build_owner(Wire *w)
{
  wn_ent_spans_owners(w->doc, w->spans, w->owner);
}

/* The decided spans replace the spans they overlap; then the token owners
 * are rebuilt. */
static void
apply(Wire *w)
{
  if (wn_ent_spans_override(w->spans, w->over))
    build_owner(w);
}

static void
note(GHashTable *dict, guint64 key, const char *label)
{
  const char *had = g_hash_table_lookup(dict, &key);
  if (had == NULL)
    g_hash_table_insert(dict, g_memdup2(&key, sizeof key), (gpointer)label);
  else if (had != conflict && strcmp(had, label) != 0)
    g_hash_table_replace(dict, g_memdup2(&key, sizeof key), (gpointer)conflict);
}

/* Headline token i is a listed place ("ENGLAND", never the "England" of Bank
 * of England) or opens a longer listed phrase ("UNITED STATES"), so no word
 * of a story name lends it a label. */
static gboolean
listed_headword(const Wire *w, guint i, guint end)
{
  const WnEntTok *t = w->toks;
  if (t[i].gaz_inside & (WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY))
    return TRUE;
  return i + 1 < end && (t[i].gaz_begin & t[i + 1].gaz_inside & ~t[i + 1].gaz_begin) != 0;
}

/* Names decided by a rule keep their label in the document's other spans;
 * all-caps headline words take the label of the same name in the story. */
static void
propagate(Wire *w)
{
  const WnEntTok *t = w->toks;
  g_autoptr(GHashTable) full = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  /* Words of names a rule settled, and of names only the model found: a
   * headline word that is a place or opens a longer listed name takes a
   * label from the first ("AJAX" from Ajax Amsterdam 1 Heerenveen 1) but
   * not from the second ("ENGLAND" from Bank of England). */
  g_autoptr(GHashTable) rpart = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) mpart = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint k = 0; k < w->spans->len; k++) {
    WnEntSpan *s = &g_array_index(w->spans, WnEntSpan, k);
    if (!wn_ent_is_model_label(s->label))
      continue;
    guint a, b;
    wn_ent_doc_span_tokens(w->doc, s->start, s->end, &a, &b);
    if (a >= b || (t[a].flags & WN_ENT_TOK_HEADLINE))
      continue;
    guint64 key = run_key(w, a, b);
    const char *ruled = g_hash_table_lookup(w->decided, &key);
    if (ruled != NULL && ruled != conflict && strcmp(ruled, s->label) != 0)
      s->label = ruled;
    note(full, key, s->label);
    if (b - a < 2)
      continue;
    GHashTable *part = ruled != NULL ? rpart : mpart;
    if (wn_ent_label_is(s->label, "PERSON")) {
      note(part, t[b - 1].hlower, "PERSON");
    } else if (wn_ent_label_is(s->label, "ORG")) {
      /* "VILLA" for Aston Villa, "BAYERN" for Bayern Munich; not "Inc". The
       * first word only of a club a rule settled: a name the model found
       * may open with any word ("GENERAL" from General Motors). */
      for (guint e = ruled != NULL ? 0 : 1; e < 2; e++) {
        guint i = e == 0 ? a : b - 1;
        if (tok_len(w, i) >= 3 && is_name_word(w, i) && !(t[i].gaz_inside & WN_GAZ_ORGWORD))
          note(part, t[i].hlower, "ORG");
      }
    }
  }
  for (guint s = 0; s < w->doc->sents->len; s++) {
    const guint *se = &g_array_index(w->doc->sents, guint, s * 2);
    if (se[0] >= se[1])
      continue;
    if (!(t[se[0]].flags & WN_ENT_TOK_HEADLINE)) {
      if (g_hash_table_size(w->decided) == 0)
        continue;
      /* "Celtic - Kyogo Furuhashi ( 14 )" below "Celtic 3 Rangers 1": a whole
       * name a rule settled, left untagged elsewhere, gets that label. */
      for (guint i = se[0]; i < se[1];) {
        guint e = w->owner[i] < 0 ? name_run(w, i, se[1]) : i;
        if (e == i) {
          i++;
          continue;
        }
        gboolean free_ = TRUE;
        for (guint k = i; k < e && free_; k++)
          free_ = w->owner[k] < 0;
        guint64 key = run_key(w, i, e);
        const char *label = free_ ? g_hash_table_lookup(w->decided, &key) : NULL;
        if (label != NULL && label != conflict) {
          WnEntSpan sp = {t[i].start, t[e - 1].end, label, 0.7, WN_ENT_SRC_RULE};
          g_array_append_val(w->over, sp);
        }
        i = e;
      }
      continue;
    }
    for (guint i = se[0]; i < se[1];) {
      guint run = 0;
      while (i + run < se[1] && run < 4 && (t[i + run].flags & WN_ENT_TOK_ALLCAPS) &&
             !(t[i + run].flags & WN_ENT_TOK_DIGIT))
        run++;
      const char *label = NULL;
      guint len = run;
      for (; len > 0 && label == NULL; len--) {
        guint64 key = run_key(w, i, i + len);
        label = g_hash_table_lookup(full, &key);
        if (label == NULL && len == 1 && tok_len(w, i) >= 3)
          label = g_hash_table_lookup(rpart, &t[i].hlower);
        if (label == NULL && len == 1 && tok_len(w, i) >= 3 && !listed_headword(w, i, se[1]))
          label = g_hash_table_lookup(mpart, &t[i].hlower);
        if (label == conflict)
          label = NULL;
        if (label != NULL)
          break;
      }
      if (label != NULL && len > 0) {
        if (!wn_ent_label_is(exact_label(w, i, i + len), label)) {
          WnEntSpan sp = {t[i].start, t[i + len - 1].end, label, 0.7, WN_ENT_SRC_RULE};
          g_array_append_val(w->over, sp);
        }
        i += len;
      } else {
        i++;
      }
    }
  }
  apply(w);
}

/* "SOCCER - LEEDS HOLD ARSENAL", "RUGBY UNION - ...": a wire headline opens
 * with its sport's name and a dash; that slug is no name, whatever the model
 * made of it. Returns TRUE when tokens [a, d) of a headline are one. */
static gboolean
is_sport_slug(const Wire *w, guint a, guint d)
{
  static const char *const sports[] = {"soccer",
                                       "rugby union",
                                       "rugby league",
                                       "cricket",
                                       "tennis",
                                       "golf",
                                       "athletics",
                                       "cycling",
                                       "motor racing",
                                       "baseball",
                                       "basketball",
                                       "ice hockey",
                                       "boxing",
                                       "swimming",
                                       "skiing",
                                       "alpine skiing",
                                       "horse racing",
                                       "rowing",
                                       "squash",
                                       "badminton",
                                       "yachting",
                                       "motorcycling",
                                       "rallying",
                                       "snooker",
                                       "table tennis",
                                       "volleyball",
                                       "handball",
                                       "judo",
                                       "wrestling",
                                       "hockey",
                                       "american football",
                                       "sailing",
                                       "equestrianism",
                                       NULL};
  gsize from = w->toks[a].start, len = w->toks[d - 1].end - from;
  for (guint k = 0; sports[k] != NULL; k++)
    if (strlen(sports[k]) == len && g_ascii_strncasecmp(w->doc->text + from, sports[k], len) == 0)
      return TRUE;
  return FALSE;
}

static void
drop_sport_slugs(Wire *w)
{
  const WnEntTok *t = w->toks;
  gboolean any = FALSE;
  for (guint s = 0; s < w->doc->sents->len; s++) {
    const guint *se = &g_array_index(w->doc->sents, guint, s * 2);
    guint a = se[0], d = a;
    if (se[1] - a < 3 || !(t[a].flags & WN_ENT_TOK_HEADLINE))
      continue;
    while (d < se[1] && d - a < 3 && (t[d].flags & WN_ENT_TOK_ALLCAPS))
      d++;
    if (d == a || d + 1 >= se[1] || !has(w, d, C_DASH) || !is_sport_slug(w, a, d))
      continue;
    for (guint i = a; i < d; i++)
      if (w->owner[i] >= 0) {
        WnEntSpan *sp = &g_array_index(w->spans, WnEntSpan, w->owner[i]);
        sp->end = sp->start; /* dropped below */
        any = TRUE;
      }
  }
  if (!any)
    return;
  wn_ent_spans_drop_empty(w->spans);
  build_owner(w);
}

/* Sentence s is a results row whose second side begins at token team2, and
 * what is around it says so: one of the two sentences before it speaks of
 * "results" ("Results of Scottish premier league matches on Saturday :"),
 * or one of the next three opens with either side's first word and a dash,
 * as a scorers line does ("Celtic - Kyogo Furuhashi ( 14 )"). */
static gboolean
results_vouched(const Wire *w, guint s, guint team2)
{
  const GArray *sents = w->doc->sents;
  guint first = g_array_index(sents, guint, s * 2);
  for (guint d = s > 2 ? s - 2 : 0; d < s; d++) {
    guint a = g_array_index(sents, guint, d * 2), b = g_array_index(sents, guint, d * 2 + 1);
    for (guint i = a; i < b; i++)
      if (tok_len(w, i) == 7 &&
          g_ascii_strncasecmp(w->doc->text + w->toks[i].start, "results", 7) == 0)
        return TRUE;
  }
  for (guint d = s + 1; d < sents->len && d <= s + 3; d++) {
    guint a = g_array_index(sents, guint, d * 2), b = g_array_index(sents, guint, d * 2 + 1);
    if (b - a >= 3 && has(w, a + 1, C_DASH) &&
        (w->toks[a].hlower == w->toks[first].hlower || w->toks[a].hlower == w->toks[team2].hlower))
      return TRUE;
  }
  return FALSE;
}

/* A block of three or more rows with a table's shape whose row heads the
 * model and the lists mostly do not know ("Chapter 1 Getting Started 5",
 * "Bananas 3 4 5 6") is no table of names: a model span opening row a that no
 * list backs (the odd "Chapter" or "Pears" the model called a name) is
 * dropped. Returns whether one was. */
static gboolean
drop_row_head(Wire *w, guint a)
{
  gint k = w->owner[a];
  if (k < 0)
    return FALSE;
  WnEntSpan *s = &g_array_index(w->spans, WnEntSpan, k);
  if (s->source != WN_ENT_SRC_MODEL || !wn_ent_is_model_label(s->label) ||
      s->start != w->toks[a].start)
    return FALSE;
  const guint32 listed = WN_GAZ_CITY | WN_GAZ_REGION | WN_GAZ_COUNTRY | WN_GAZ_COMPANY |
                         WN_GAZ_FIRST | WN_GAZ_LAST | WN_GAZ_USER;
  for (guint i = a; i < w->n && w->toks[i].start < s->end; i++)
    if (w->toks[i].gaz_inside & listed)
      return FALSE;
  s->end = s->start;
  return TRUE;
}

void
wn_ent_wire(const WnEntDoc *doc, GArray *spans)
{
  Wire w = {doc,
            (const WnEntTok *)doc->toks->data,
            doc->toks->len,
            spans,
            NULL,
            NULL,
            NULL,
            NULL,
            FALSE,
            FALSE,
            FALSE,
            0};
  if (w.n == 0)
    return;
  g_autofree gint *owner = g_new(gint, w.n);
  g_autofree guint16 *cls = g_new(guint16, w.n);
  g_autoptr(GArray) over = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
  g_autoptr(GHashTable) decided = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  w.owner = owner;
  w.over = over;
  w.decided = decided;
  w.cls = cls;
  classify(&w);
  build_owner(&w);

  /* Rows first: a row's layout says more than the words in it. Prose
   * sentences are turned away by what their tokens hold: every row rule
   * needs a number, or a bracket, and a list needs two separators. */
  /* A results or standings row counts only inside a table: rows of the same
   * shape at most two sentences apart (a "National League" heading may sit
   * between), at least two of them, and in at least half of them a name the
   * model or the lists know ("Hibernian 2 Motherwell 0" rides with "Dundee
   * United 1 Kilmarnock 1").
   * A table of contents ("Chapter 1 Getting Started 5") or a price list
   * ("Bananas 3 4 5 6") has the shape but not the names. */
  guint ns = doc->sents->len;
  g_autofree guint8 *shape = g_new0(guint8, ns);
  gboolean dropped = FALSE;
  w.dry = TRUE;
  for (guint s = 0; s < ns; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    gboolean num = FALSE;
    for (guint i = se[0]; i < se[1] && !num; i++)
      num = (cls[i] & C_NUM) != 0;
    if (!num || se[1] - se[0] < 2)
      continue;
    w.named = FALSE;
    if (results_row(&w, se[0], se[1]))
      shape[s] = 1;
    else if (standings_row(&w, se[0], se[1]))
      shape[s] = 2;
    if (shape[s] && w.named)
      shape[s] |= 4;
    if (shape[s] && (shape[s] & 3) == 1 && (w.all_named || results_vouched(&w, s, w.team2)))
      shape[s] |= 32;
  }
  w.dry = FALSE;
  for (guint s = 0; s < ns; s++) {
    guint kind = shape[s] & 3, rows = 0, named = 0, last = s;
    if (kind == 0 || (shape[s] & 8))
      continue;
    for (guint d = s; d < ns && d <= last + 2; d++)
      if ((shape[d] & 3) == kind) {
        rows++;
        named += (shape[d] & 4) != 0;
        last = d;
        shape[d] |= 8; /* in a table already looked at */
      }
    /* A lone match report, "Celtic 3 Rangers 1", when both sides are known
     * or the lines around it vouch for it (results_vouched). */
    if ((rows >= 2 && 2 * named >= rows) || (rows == 1 && (shape[s] & 32))) {
      for (guint d = s; d <= last; d++)
        if ((shape[d] & 3) == kind)
          shape[d] |= 16;
    } else if (rows >= 3 && 3 * named <= rows) {
      for (guint d = s; d <= last; d++)
        if ((shape[d] & 3) == kind)
          dropped |= drop_row_head(&w, g_array_index(doc->sents, guint, d * 2));
    }
  }
  if (dropped) {
    wn_ent_spans_drop_empty(spans);
    build_owner(&w);
  }

  gboolean headlines = FALSE;
  for (guint s = 0; s < ns; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    guint a = se[0], b = se[1];
    if (b - a < 2)
      continue;
    guint16 any = 0;
    for (guint i = a; i < b; i++)
      any |= cls[i];
    headlines |= (w.toks[a].flags & WN_ENT_TOK_HEADLINE) != 0;
    if (!(any & (C_NUM | C_OPEN)))
      continue;
    gboolean table = (shape[s] & 16) != 0;
    if ((any & C_NUM) && ((table && (shape[s] & 3) == 1 && results_row(&w, a, b)) ||
                          (table && (shape[s] & 3) == 2 && standings_row(&w, a, b)) ||
                          leaderboard_row(&w, a, b) || short_dateline(&w, a, b)))
      continue;
    if (!((any & C_NUM) && batting_row(&w, a, b)))
      bracket_names(&w, a, b);
  }
  apply(&w);
  /* Lists read the labels the rows settled. */
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    if (se[1] - se[0] < 7 || (w.toks[se[0]].flags & WN_ENT_TOK_HEADLINE))
      continue;
    guint seps = 0;
    for (guint i = se[0]; i < se[1]; i++)
      seps += (cls[i] & (C_COMMA | C_SEMI)) != 0;
    if (seps >= 2)
      name_lists(&w, se[0], se[1]);
  }
  apply(&w);
  if (headlines || g_hash_table_size(decided) > 0)
    propagate(&w);
  if (headlines)
    drop_sport_slugs(&w);
}
