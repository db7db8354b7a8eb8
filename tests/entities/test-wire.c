/* test-wire.c: the entities stage on wire-service layouts (wire.c), through a
 * real pipeline (sentences, then entities): results and standings tables,
 * national sides, ranked lists with countries in brackets, cricket
 * scorecards, goal scorers, lists of names, short datelines and all-caps
 * headlines; and the tagger's reach through a possessive. Every text is
 * written for these tests; each test asserts exact
 * spans and labels. */
#include <winnow/winnow.h>

#include <string.h>

#include "span-checks.h"

static WnPipeline *pipeline;

static WnDoc *
tag(const char *text)
{
  return span_checks_tag(pipeline, text);
}

static const char *
label_of(WnDoc *doc, const char *needle, guint nth)
{
  return span_checks_label(doc, needle, nth);
}

static void
test_results_rows(void)
{
  /* Clubs named after their towns are teams, in mixed case and in capitals. */
  g_autoptr(WnDoc) doc = tag("Results of Scottish premier league matches on Saturday:\n"
                             "Hibernian 2 Motherwell 0\n"
                             "Dundee United 1 Kilmarnock 1\n"
                             "ABERDEEN 3 St. Johnstone 1 ( halftime 1-0 )\n");
  g_assert_cmpstr(label_of(doc, "Hibernian", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Motherwell", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Dundee United", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Kilmarnock", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "ABERDEEN", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "St. Johnstone", 0), ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_national_sides(void)
{
  /* A country in a results row is a national side: a place. */
  g_autoptr(WnDoc) doc = tag("Results of World Cup qualifying matches on Tuesday:\n"
                             "England 2 Serbia 0\n"
                             "Portugal 1 Hungary 1\n"
                             "Wales 0 Belgium 3\n");
  g_assert_cmpstr(label_of(doc, "England", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Serbia", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Portugal", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Hungary", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Wales", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Belgium", 0), ==, "LOC");
}

static void
test_standings(void)
{
  g_autoptr(WnDoc) doc = tag("Standings ( tabulate under played, won, drawn, lost, goals for, "
                             "against, points ):\n"
                             "Celtic 20 15 3 2 44 14 48\n"
                             "Heart of Midlothian 20 9 5 6 30 25 32\n"
                             "Aberdeen 20 8 6 6 27 24 30\n"
                             "American League East standings:\n"
                             "NEW YORK 74 49 .602 -\n"
                             "Toronto 70 53 .569 4\n");
  g_assert_cmpstr(label_of(doc, "Celtic", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Heart of Midlothian", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Aberdeen", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "NEW YORK", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Toronto", 0), ==, "ORG");
}

static void
test_results_with_scorers(void)
{
  /* Goals in brackets after each score: the scorers are people. */
  g_autoptr(WnDoc) doc =
      tag("Division one results on Saturday:\n"
          "Stockport 2 ( Hollins 20 , Madden 56 pen ) Barnsley 1 ( Keillor 47 )\n"
          "Grimsby 0 Walsall 0\n");
  g_assert_cmpstr(label_of(doc, "Stockport", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Hollins", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Madden", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Barnsley", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Keillor", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Grimsby", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Walsall", 0), ==, "ORG");
  g_assert_null(span_checks_overlap(doc, "pen", 0));
}

static void
test_leaderboard(void)
{
  /* Golf: the total, then players with their rounds; a country in brackets. */
  g_autoptr(WnDoc) doc = tag("Leading second-round scores:\n"
                             "134 Tyrrell Hatton 67 67 , Thriston Lawrence ( South Africa ) 68 66\n"
                             "135 Matt Wallace 70 65\n");
  g_assert_cmpstr(label_of(doc, "Tyrrell Hatton", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Thriston Lawrence", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "South Africa", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Matt Wallace", 0), ==, "PERSON");
}

static void
test_leaderboard_trailing_comma(void)
{
  /* A row ending in a comma with no player after it is no leaderboard row. */
  g_autoptr(WnDoc) doc = tag("Flats to let , with floor area in square metres :\n\n"
                             "120 Grand Street 75 ,\n\n"
                             "Ask at the office for viewings.\n");
  g_assert_cmpstr(span_checks_overlap(doc, "Grand Street", 0), !=, "PERSON");
  span_checks_assert_valid(doc);
}

static void
test_ranked_list(void)
{
  /* Rank, driver, country in brackets, team, time. */
  g_autoptr(WnDoc) doc = tag("Leading qualifiers for Sunday's race:\n"
                             "1. Valtteri Bottas ( Finland ) Sauber 1:21.004\n"
                             "2. Kevin Magnussen ( Denmark ) Haas 1:21.230\n"
                             "3. Esteban Ocon ( France ) Alpine 1:21.377\n");
  g_assert_cmpstr(label_of(doc, "Valtteri Bottas", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Finland", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Sauber", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Kevin Magnussen", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Haas", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Esteban Ocon", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Alpine", 0), ==, "ORG");
}

static void
test_bracketed_country(void)
{
  /* Tennis results: seeds before the name, no team after the bracket. */
  g_autoptr(WnDoc) doc = tag("Second round:\n"
                             "Marketa Vondrousova ( Czech Republic ) beat 5 - Jessica Pegula "
                             "( U.S. ) 6-2 6-1\n"
                             "2 - Iga Swiatek ( Poland ) beat Elise Mertens ( Belgium ) 7-5 6-3\n"
                             "Zizou Bergs ( Belgium ) beat Jiri Lehecka ( Czech Republic ) 6-2 "
                             "6-1\n");
  g_assert_cmpstr(label_of(doc, "Marketa Vondrousova", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Czech Republic", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Jessica Pegula", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "U.S.", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Iga Swiatek", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Elise Mertens", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Zizou Bergs", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Jiri Lehecka", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Czech Republic", 1), ==, "LOC");
  g_assert_null(span_checks_overlap(doc, "beat", 0));
}

static void
test_scorecard(void)
{
  g_autoptr(WnDoc) doc = tag("Australia first innings\n"
                             "Travis Head c Root b Wood 67\n"
                             "Steve Smith lbw b Carse 12\n"
                             "Marnus Labuschagne not out 40\n"
                             "Bowling: Wood 15-2-60-1, Carse 12-1-44-1, Bashir 20-3-71-0\n");
  g_assert_cmpstr(label_of(doc, "Australia", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Travis Head", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Root", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Wood", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Steve Smith", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Carse", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Marnus Labuschagne", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Wood", 1), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Carse", 1), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Bashir", 0), ==, "PERSON");
}

static void
test_scorers(void)
{
  /* The minutes of goals in brackets follow a player; the club before the
   * dash is the team settled in the results row above. */
  g_autoptr(WnDoc) doc = tag("Celtic 3 Rangers 1\n"
                             "Scorers:\n"
                             "Celtic - Kyogo Furuhashi ( 14 , 70 ) , Callum McGregor ( 55 pen )\n"
                             "Rangers - Cyriel Dessers ( 81 )\n");
  g_assert_cmpstr(label_of(doc, "Kyogo Furuhashi", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Callum McGregor", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Cyriel Dessers", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Celtic", 1), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Rangers", 1), ==, "ORG");
}

static void
test_name_list(void)
{
  /* A squad list: the items most of which the model reads as people make
   * the others people too; a list of places is left as it is. */
  g_autoptr(WnDoc) doc =
      tag("Squad: Jordan Pickford, Kyle Walker, John Stones, Harry Maguire, Declan Rice, "
          "Jude Bellingham, Bukayo Saka, Phil Foden, Harry Kane (captain), Ollie Watkins.\n\n"
          "Delegates came from France, Germany, Italy, Spain and Portugal.");
  const char *names[] = {"Jordan Pickford", "Kyle Walker",     "John Stones", "Harry Maguire",
                         "Declan Rice",     "Jude Bellingham", "Bukayo Saka", "Phil Foden",
                         "Harry Kane",      "Ollie Watkins"};
  for (guint k = 0; k < G_N_ELEMENTS(names); k++)
    g_assert_cmpstr(label_of(doc, names[k], 0), ==, "PERSON");
  g_assert_null(span_checks_overlap(doc, "captain", 0));
  const char *places[] = {"France", "Germany", "Italy", "Spain", "Portugal"};
  for (guint k = 0; k < G_N_ELEMENTS(places); k++)
    g_assert_cmpstr(label_of(doc, places[k], 0), ==, "LOC");
}

static void
test_short_dateline(void)
{
  /* A line of a city in capitals and a date heads a story: a place. */
  g_autoptr(WnDoc) doc = tag("RUGBY UNION - WALES RECALL VETERAN FOR ITALY TEST\n\n"
                             "CARDIFF 2025-11-04\n\n"
                             "Wales recalled their most capped forward on Tuesday for "
                             "Saturday's match against Italy.\n\n"
                             "MOTHERWELL 2026-01-01\n\n"
                             "Police closed a road near the ground on Thursday.\n\n"
                             "DENVER, Colorado 2026-01-04\n\n"
                             "A snowstorm closed the city's airport on Sunday.");
  g_assert_cmpstr(label_of(doc, "CARDIFF", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "2025-11-04", 0), ==, "DATE");
  g_assert_cmpstr(label_of(doc, "MOTHERWELL", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "DENVER", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Colorado", 0), ==, "LOC");
}

static void
test_headline_from_story(void)
{
  /* Headline words take the label of the same name in the story: a club,
   * a club's short name, a surname. */
  g_autoptr(WnDoc) doc = tag("SOCCER - HIBERNIAN HOLD CELTIC AS STONES NETS FOR CITY\n\n"
                             "GLASGOW 2026-03-01\n\n"
                             "Results of Scottish premier league matches on Saturday:\n"
                             "Hibernian 1 Celtic 1\n\n"
                             "In England, John Stones scored the only goal for Manchester City "
                             "at Fulham.");
  g_assert_cmpstr(label_of(doc, "HIBERNIAN", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "CELTIC", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "STONES", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "CITY", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "John Stones", 0), ==, "PERSON");
  g_assert_null(span_checks_overlap(doc, "SOCCER", 0));
  g_assert_null(span_checks_overlap(doc, "HOLD", 0));
  span_checks_assert_valid(doc);
}

static void
test_headline_partial_names(void)
{
  /* A headline word is not a story name's word when it is a place of its
   * own, opens a longer listed name, or only opens a name the model found. */
  g_autoptr(WnDoc) doc =
      tag("SCHOOLS IN ENGLAND FACE CUTS AS UNITED STATES AND CHINA TALK TRADE\n\n"
          "LONDON 2026-04-02\n\n"
          "The Bank of England held rates on Thursday, and Manchester United "
          "said its academy would stay open.\n\n"
          "GENERAL STRIKE HITS PARIS\n\n"
          "Workers at General Motors in Detroit walked out in sympathy.");
  g_assert_cmpstr(span_checks_overlap(doc, "ENGLAND", 0), !=, "ORG");
  g_assert_cmpstr(span_checks_overlap(doc, "UNITED", 0), !=, "ORG");
  g_assert_cmpstr(span_checks_overlap(doc, "GENERAL", 0), !=, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_sport_slug(void)
{
  /* The sport before a headline's dash is no name, even when a body name
   * shares a word with it ("Rugby Football Union"). */
  g_autoptr(WnDoc) doc = tag("RUGBY UNION - WALES NAME UNCHANGED SIDE FOR SCOTLAND\n\n"
                             "CARDIFF 2026-02-10\n\n"
                             "Wales named an unchanged side on Tuesday, and the Rugby Football "
                             "Union confirmed the kick-off time of the match against Scotland.");
  g_assert_null(span_checks_overlap(doc, "RUGBY UNION", 0));
  g_assert_cmpstr(label_of(doc, "WALES", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "SCOTLAND", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Rugby Football Union", 0), ==, "ORG");
}

static void
test_league_slug(void)
{
  /* "NBA" before a headline's dash is a league, an organisation, not a sport. */
  g_autoptr(WnDoc) doc = tag("NBA - LEAGUE FINES HEAT OVER INJURY REPORTS\n\n"
                             "NEW YORK 2026-01-14\n\n"
                             "The NBA fined the Miami Heat $100,000 on Wednesday for breaking its "
                             "rules on injury reports.");
  g_assert_cmpstr(label_of(doc, "NBA", 1), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "NBA", 0), ==, "ORG");
}

static void
test_prose_untouched(void)
{
  /* Numbers in prose make no table row, and a headline word no story name
   * vouches for is left to the model. */
  g_autoptr(WnDoc) doc = tag("VENUES READY AS GAMES NEAR\n\n"
                             "Paris 2024 organisers said 12 venues were ready.\n\n"
                             "Lewis Hamilton ( the seven-time champion ) was fastest.");
  g_assert_null(span_checks_overlap(doc, "VENUES", 0));
  g_assert_null(span_checks_overlap(doc, "GAMES", 0));
  g_assert_null(span_checks_overlap(doc, "12", 0));
  g_assert_null(span_checks_overlap(doc, "the seven-time champion", 0));
  g_assert_cmpstr(label_of(doc, "Lewis Hamilton", 0), ==, "PERSON");
  span_checks_assert_valid(doc);
}

static void
test_not_a_table(void)
{
  /* A table of contents, a spec sheet and a price list have a table's
   * shape but not its names: they are left to the model. */
  g_autoptr(WnDoc) doc = tag("Contents\n"
                             "Chapter 1 Getting Started 5\n"
                             "Chapter 2 Planting Seedlings 17\n"
                             "Chapter 3 Watering Schedules 31\n\n"
                             "Season 2 Episode 4\n"
                             "Season 2 Episode 5\n\n"
                             "Prices per kilo this week:\n"
                             "Bananas 3 4 5 6\n"
                             "Apples 2 3 4 5\n"
                             "Pears 4 4 5 6\n");
  const char *const words[] = {
      "Chapter", "Getting Started", "Planting Seedlings", "Season", "Episode", "Bananas", "Apples",
      "Pears"};
  for (guint k = 0; k < G_N_ELEMENTS(words); k++)
    g_assert_cmpstr(span_checks_overlap(doc, words[k], 0), !=, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_long_table(void)
{
  /* A long table and a long list keep every row's labels and stay valid. */
  GString *s = g_string_new("Results:\n");
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf(s, "Leeds %u Burnley %u\n", i % 5, (i + 2) % 4);
  g_string_append(s, "Squad: ");
  for (guint i = 0; i < 300; i++)
    g_string_append(s, i ? ", Harry Kane" : "Harry Kane");
  g_string_append(s, ".\n");
  g_autoptr(WnDoc) doc = tag(s->str);
  g_assert_cmpstr(label_of(doc, "Leeds", 2999), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Burnley", 2999), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Harry Kane", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Harry Kane", 150), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Harry Kane", 299), ==, "PERSON");
  span_checks_assert_valid(doc);
  g_string_free(s, TRUE);
}

static void
test_compass_place(void)
{
  /* A place the model found that ends in an organisation word ("Reserve")
   * but opens with a compass word stays a place, as "West Bank" does. */
  g_autoptr(WnDoc) doc = tag("Rangers patrolled the West Ridge Reserve after fires spread from "
                             "the hills . The Federal Reserve held rates steady .");
  g_assert_cmpstr(label_of(doc, "West Ridge Reserve", 0), ==, "LOC");
  /* A reserve with no landform in its name stays an organisation. */
  g_assert_cmpstr(label_of(doc, "Federal Reserve", 0), ==, "ORG");
}

static void
test_possessive_owner(void)
{
  /* The "Office of ..." rule reaches back through a plain possessive word,
   * but an owner that is a name of its own stays a name of its own. */
  g_autoptr(WnDoc) doc = tag("Criticism grew after NASA's Office of the Inspector General "
                             "released two reports. Growers said the Farmers' Bank of Malawi "
                             "had cut its lending rate.");
  g_assert_cmpstr(label_of(doc, "NASA", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Office of the Inspector General", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Farmers' Bank of Malawi", 0), ==, "ORG");
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_autoptr(GError) error = NULL;
  pipeline = span_checks_pipeline("test-wire.json", NULL, &error);
  g_assert_no_error(error);

  g_test_add_func("/entities/wire/results-rows", test_results_rows);
  g_test_add_func("/entities/wire/national-sides", test_national_sides);
  g_test_add_func("/entities/wire/standings", test_standings);
  g_test_add_func("/entities/wire/results-with-scorers", test_results_with_scorers);
  g_test_add_func("/entities/wire/leaderboard", test_leaderboard);
  g_test_add_func("/entities/wire/leaderboard-trailing-comma", test_leaderboard_trailing_comma);
  g_test_add_func("/entities/wire/ranked-list", test_ranked_list);
  g_test_add_func("/entities/wire/bracketed-country", test_bracketed_country);
  g_test_add_func("/entities/wire/scorecard", test_scorecard);
  g_test_add_func("/entities/wire/scorers", test_scorers);
  g_test_add_func("/entities/wire/name-list", test_name_list);
  g_test_add_func("/entities/wire/short-dateline", test_short_dateline);
  g_test_add_func("/entities/wire/headline-from-story", test_headline_from_story);
  g_test_add_func("/entities/wire/sport-slug", test_sport_slug);
  g_test_add_func("/entities/wire/headline-partial-names", test_headline_partial_names);
  g_test_add_func("/entities/wire/league-slug", test_league_slug);
  g_test_add_func("/entities/wire/prose-untouched", test_prose_untouched);
  g_test_add_func("/entities/wire/long-table", test_long_table);
  g_test_add_func("/entities/wire/not-a-table", test_not_a_table);
  g_test_add_func("/entities/tagger/possessive-owner", test_possessive_owner);
  g_test_add_func("/entities/tagger/compass-place", test_compass_place);
  int rc = g_test_run();
  wn_pipeline_free(pipeline);
  return rc;
}
