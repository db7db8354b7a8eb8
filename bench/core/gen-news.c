/* gen-news.c: writes a JSON Lines file of invented news-like articles for
 * the runner benchmark: ids, titles, a "meta" object, paragraphs of varied
 * sentences with names, places, numbers, quotes and some non-ASCII text.
 *
 *   gen-news OUTPUT.jsonl [MEGABYTES]   (default 220)
 *
 * The text is made up from small word lists written for this program; the
 * same arguments always give the same file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

static const char *const first_names[] = {
    "Anna",  "Tomás", "Keiko", "Olu",   "Marta",  "Henrik", "Priya",  "Jean-Luc", "Zofia",
    "Ahmed", "Lucía", "Björn", "Ngozi", "Daniel", "Mei",    "Rafael", "Ingrid",   "Kwame"};
static const char *const last_names[] = {
    "Okafor",   "Lindqvist",  "Moreau", "Nakamura", "Schäfer", "Kowalski", "Haddad",   "Brennan",
    "Ferreira", "Castellano", "Osei",   "Varga",    "Dubois",  "Petrović", "Sørensen", "Adeyemi"};
static const char *const places[] = {"Lisbon",
                                     "the northern district",
                                     "Kraków",
                                     "the river valley",
                                     "Nairobi",
                                     "Montréal",
                                     "the harbour town of Easterby",
                                     "Göteborg",
                                     "the capital",
                                     "Valparaíso",
                                     "the coast",
                                     "Tallinn",
                                     "the old quarter",
                                     "Brisbane",
                                     "the mountain villages",
                                     "Dakar"};
static const char *const orgs[] = {"the city council",
                                   "the Ministry of Transport",
                                   "Northwind Energy",
                                   "the regional hospital trust",
                                   "the teachers' union",
                                   "Harbor & Rail Ltd.",
                                   "the central bank",
                                   "the University of Easterby",
                                   "the national weather service",
                                   "Greenfield Foods",
                                   "the port authority",
                                   "the football club"};
static const char *const subjects[] = {"The new bridge",
                                       "A long-delayed rail link",
                                       "The water treatment plant",
                                       "The budget",
                                       "A proposal to close two schools",
                                       "The wind farm",
                                       "Rents in the centre",
                                       "The night bus service",
                                       "The harvest",
                                       "A plan for new cycle lanes",
                                       "The strike",
                                       "Unemployment",
                                       "The museum's extension",
                                       "Flood defences"};
static const char *const verbs[] = {"will open",
                                    "was approved",
                                    "has been postponed",
                                    "rose sharply",
                                    "fell slightly",
                                    "drew criticism",
                                    "was welcomed",
                                    "remains uncertain",
                                    "cost more than planned",
                                    "is expected to improve",
                                    "was rejected",
                                    "will be reviewed"};
static const char *const times[] = {"on Monday",
                                    "on Tuesday",
                                    "last week",
                                    "in the spring",
                                    "by the end of the year",
                                    "after months of debate",
                                    "early on Friday",
                                    "this summer",
                                    "in 2027",
                                    "overnight"};
static const char *const tails[] = {"according to figures published on Thursday",
                                    "despite objections from residents",
                                    "after an independent review found serious flaws",
                                    "though officials said details were still being worked out",
                                    "a move that surprised many observers",
                                    "ending a dispute that began three years ago",
                                    "while opposition members called for an inquiry",
                                    "as prices continued to climb across the region"};
static const char *const quotes[] = {"We listened to people and changed the plan",
                                     "This is a good day for everyone who lives here",
                                     "Nobody told us anything until the letters arrived",
                                     "The numbers simply do not add up",
                                     "We expect the work to be finished on time",
                                     "It is too early to say what this means for jobs"};
static const char *const saids[] = {"said", "told reporters", "wrote in a statement",
                                    "said in an interview", "added"};

static guint32 rng_state = 2463534242u;

static guint32
rnd(guint32 n)
{
  /* xorshift32: fast and the same everywhere. */
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state % n;
}

#define PICK(list) (list[rnd(G_N_ELEMENTS(list))])

static void
person(GString *s)
{
  g_string_append_printf(s, "%s %s", PICK(first_names), PICK(last_names));
}

static void
sentence(GString *s)
{
  switch (rnd(6)) {
  case 0:
    g_string_append_printf(s, "%s in %s %s %s, %s.", PICK(subjects), PICK(places), PICK(verbs),
                           PICK(times), PICK(tails));
    break;
  case 1:
    g_string_append(s, "“");
    g_string_append(s, PICK(quotes));
    g_string_append(s, ",” ");
    person(s);
    g_string_append_printf(s, ", a spokesperson for %s, %s.", PICK(orgs), PICK(saids));
    break;
  case 2:
    g_string_append_printf(s, "Figures from %s show %u.%u%% growth, against %u%% a year earlier.",
                           PICK(orgs), rnd(9), rnd(10), rnd(12));
    break;
  case 3:
    person(s);
    g_string_append_printf(s, " of %s said the decision %s and that \"more work\" was needed.",
                           PICK(orgs), PICK(verbs));
    break;
  case 4:
    g_string_append_printf(s, "The project, worth about €%u.%u million, %s %s.", 1 + rnd(900),
                           rnd(10), PICK(verbs), PICK(times));
    break;
  default:
    g_string_append_printf(s, "Residents of %s gathered %s; some %u people signed a petition.",
                           PICK(places), PICK(times), 50 + rnd(5000));
  }
}

/* Appends `text` as a JSON string. */
static void
json_string(GString *out, const char *text)
{
  g_string_append_c(out, '"');
  for (const char *p = text; *p != '\0'; p++) {
    switch (*p) {
    case '"':
      g_string_append(out, "\\\"");
      break;
    case '\\':
      g_string_append(out, "\\\\");
      break;
    case '\n':
      g_string_append(out, "\\n");
      break;
    default:
      g_string_append_c(out, *p);
    }
  }
  g_string_append_c(out, '"');
}

int
main(int argc, char **argv)
{
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s OUTPUT.jsonl [MEGABYTES]\n", argv[0]);
    return 2;
  }
  const guint64 target = (argc == 3 ? g_ascii_strtoull(argv[2], NULL, 10) : 220) * 1000000ull;
  FILE *f = fopen(argv[1], "w");
  if (f == NULL) {
    perror(argv[1]);
    return 1;
  }
  GString *text = g_string_sized_new(16384);
  GString *line = g_string_sized_new(20000);
  guint64 written = 0;
  for (guint n = 0; written < target; n++) {
    g_string_truncate(text, 0);
    /* Articles of a few hundred bytes to about 12 kB, most around 3 kB. */
    guint paragraphs = 1 + rnd(4) + rnd(4) + (rnd(10) == 0 ? rnd(20) : 0);
    for (guint p = 0; p < paragraphs; p++) {
      guint sentences = 1 + rnd(5);
      for (guint k = 0; k < sentences; k++) {
        if (k > 0)
          g_string_append_c(text, ' ');
        sentence(text);
      }
      g_string_append(text, "\n\n");
    }
    g_string_truncate(line, 0);
    g_string_append_printf(line, "{\"id\":\"news-%07u\",\"title\":", n);
    GString *title = g_string_new(NULL);
    g_string_append_printf(title, "%s %s", PICK(subjects), PICK(verbs));
    json_string(line, title->str);
    g_string_free(title, TRUE);
    g_string_append_printf(line,
                           ",\"meta\":{\"section\":\"%s\",\"published\":\"2026-%02u-%02u\"},"
                           "\"text\":",
                           rnd(3) == 0 ? "business" : "local", 1 + rnd(12), 1 + rnd(28));
    json_string(line, text->str);
    g_string_append(line, "}\n");
    if (fwrite(line->str, 1, line->len, f) != line->len) {
      perror(argv[1]);
      return 1;
    }
    written += line->len;
  }
  if (fclose(f) != 0) {
    perror(argv[1]);
    return 1;
  }
  fprintf(stderr, "%s: %.1f MB\n", argv[1], written / 1e6);
  g_string_free(text, TRUE);
  g_string_free(line, TRUE);
  return 0;
}
