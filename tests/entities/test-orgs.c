/* test-orgs.c: the organisation rules (plugins/entities/orgs.c) through a
 * real pipeline (sentences, then entities): one-word companies known by what
 * the document says about them, team nicknames and places playing as teams
 * in sports reports, names grown by an organisation word, and span edges
 * (weekdays, "The", party-state tags). Every text is written for these
 * tests; each test asserts exact spans and labels, and what must not
 * change. */
#include <winnow/winnow.h>

#include <string.h>

#include "span-checks.h"

static WnPipeline *pipeline;

static WnDoc *
tag(const char *text)
{
  return span_checks_tag(pipeline, text);
}

/* ---- companies ------------------------------------------------------------ */

static void
test_company_evidence(void)
{
  g_autoptr(WnDoc) doc =
      tag("Regulators in Ohio are investigating Zentrova, according to two people familiar "
          "with the matter. A Zentrova spokeswoman declined to comment on Monday. "
          "Zentrova's shares fell 4% after the report.");
  /* "A Zentrova spokeswoman", "Zentrova's shares": the company is one
   * everywhere in the document, also where nothing says so. */
  for (guint k = 0; k < 3; k++)
    g_assert_cmpstr(span_checks_label(doc, "Zentrova", k), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Ohio", 0), ==, "LOC");
  span_checks_assert_valid(doc);
}

static void
test_company_shares_of(void)
{
  g_autoptr(WnDoc) doc = tag("Investors bought shares of Quorvia on Tuesday after the company "
                             "raised its forecast. Quorvia CEO Dana Whitfield said demand was "
                             "strong, and analysts expect Quorvia to grow.");
  for (guint k = 0; k < 3; k++)
    g_assert_cmpstr(span_checks_label(doc, "Quorvia", k), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Dana Whitfield", 0), ==, "PERSON");
}

static void
test_company_analysts_at(void)
{
  g_autoptr(WnDoc) doc = tag("Analysts at Corvane said the numbers were strong. Brisa Chief "
                             "Executive Tom Hale told investors the outlook was good, and Brisa "
                             "shares rose.");
  g_assert_cmpstr(span_checks_label(doc, "Corvane", 0), ==, "ORG");
  /* A company named only at the start of sentences could be any word
   * there: "Brisa" is one because it is also written mid-sentence. */
  g_assert_cmpstr(span_checks_label(doc, "Brisa", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Brisa", 1), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Tom Hale", 0), ==, "PERSON");
}

static void
test_company_not_a_person(void)
{
  /* A surname the document gives a person keeps being that person, shares
   * or not. */
  g_autoptr(WnDoc) doc = tag("Chief executive Adam Kessler founded the company in 2011. "
                             "Kessler's shares are worth $2 billion.");
  g_assert_cmpstr(span_checks_label(doc, "Adam Kessler", 0), ==, "PERSON");
  g_assert_cmpstr(span_checks_label(doc, "Kessler", 1), ==, "PERSON");
}

static void
test_company_not_a_word(void)
{
  /* A word the document also writes in lower case is no name. */
  g_autoptr(WnDoc) doc = tag("Leading shares closed higher on Thursday as investors weighed the "
                             "outlook for rates. Leading indicators were mixed, and leading "
                             "banks gained.");
  g_assert_null(span_checks_overlap(doc, "Leading", 0));
  g_assert_null(span_checks_overlap(doc, "Leading", 1));
}

/* ---- sports --------------------------------------------------------------- */

static void
test_team_nicknames(void)
{
  g_autoptr(WnDoc) doc =
      tag("Tage Thompson scored twice and the Sabres beat the Wild 4-1 on Tuesday night. "
          "Wild coach Dean Evason said the power-play goal late in the second period changed "
          "the game. The Sabres have won three straight games.");
  g_assert_cmpstr(span_checks_label(doc, "Sabres", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Sabres", 1), ==, "ORG");
  /* "Wild" is also a word: the article and "coach" make it the team. */
  g_assert_cmpstr(span_checks_label(doc, "Wild", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Wild", 1), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Dean Evason", 0), ==, "PERSON");
  span_checks_assert_valid(doc);
}

static void
test_team_pair(void)
{
  /* Two nicknames joined by a hyphen inside one token. */
  g_autoptr(WnDoc) doc = tag("Fans filled the stadium for last week's Bengals-Ravens game, and "
                             "the Bengals quarterback threw for 300 yards in the first half.");
  g_assert_cmpstr(span_checks_label(doc, "Bengals", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Ravens", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Bengals", 1), ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_places_as_teams(void)
{
  g_autoptr(WnDoc) doc =
      tag("Western Kentucky rolled past Middle Tennessee, 38-10, on Saturday night. "
          "Jalen Brooks rushed for 120 yards on 22 carries for Western Kentucky, and the "
          "Middle Tennessee quarterback threw two interceptions. The game was played in "
          "Bowling Green in front of 18,000 fans. Western Kentucky became bowl-eligible for "
          "the second straight year.");
  for (guint k = 0; k < 3; k++)
    g_assert_cmpstr(span_checks_label(doc, "Western Kentucky", k), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Middle Tennessee", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Middle Tennessee", 1), ==, "ORG");
  /* Where the game was played is still a place. */
  g_assert_cmpstr(span_checks_label(doc, "Bowling Green", 0), ==, "LOC");
  g_assert_cmpstr(span_checks_label(doc, "Jalen Brooks", 0), ==, "PERSON");
  span_checks_assert_valid(doc);
}

static void
test_places_that_play(void)
{
  g_autoptr(WnDoc) doc =
      tag("Nikola Jokic had 31 points and 12 rebounds, and the Nuggets beat the Lakers 112-104 "
          "on Thursday night. Jamal Murray added 20 points in the game and the Nuggets won "
          "their third straight game. The Denver coach said the team played well. Denver "
          "plays at Phoenix on Saturday.");
  g_assert_cmpstr(span_checks_label(doc, "Nuggets", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Lakers", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Denver", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Denver", 1), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Phoenix", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Jamal Murray", 0), ==, "PERSON");
  span_checks_assert_valid(doc);
}

static void
test_national_sides_stay_places(void)
{
  g_autoptr(WnDoc) doc = tag("Wales beat Hungary 2-0 in Cardiff on Tuesday to qualify for the "
                             "tournament. Aaron Ramsey scored both goals in the first half.");
  g_assert_cmpstr(span_checks_label(doc, "Wales", 0), ==, "LOC");
  g_assert_cmpstr(span_checks_label(doc, "Hungary", 0), ==, "LOC");
}

static void
test_nicknames_need_sports(void)
{
  /* Outside a sports report a nickname word is what it says. */
  g_autoptr(WnDoc) doc = tag("Two Hollywood Stars attended the gala in Cannes on Sunday. The "
                             "Stars posed for photographs with the Wild Rose Choir.");
  g_assert_null(span_checks_overlap(doc, "Stars", 0));
  g_assert_null(span_checks_overlap(doc, "Stars", 1));
  g_assert_cmpstr(span_checks_label(doc, "Wild Rose Choir", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Cannes", 0), ==, "LOC");
}

/* ---- long names ----------------------------------------------------------- */

static void
test_heads(void)
{
  g_autoptr(WnDoc) doc =
      tag("The Portland Chronicle reported on Monday that the city would close two schools. "
          "The Chronicle said the board voted 5-2. Officials said members of the Muslim "
          "Brotherhood had been detained. The office of the New Jersey State Attorney General "
          "declined to comment.");
  g_assert_cmpstr(span_checks_label(doc, "Portland Chronicle", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Chronicle", 1), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Muslim Brotherhood", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "New Jersey State Attorney General", 0), ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_longer_names(void)
{
  /* A nationality with a word between it and the organisation word is
   * part of a name; a tour of an all-caps body is one; a league ends
   * before its division. */
  g_autoptr(WnDoc) doc =
      tag("The Asian Development Bank welcomed the agreement on Monday. Scottie Scheffler won "
          "by three strokes, and the PGA Tour moves next to Hilton Head Island. The Orioles "
          "won 5-3 and moved two games behind Boston in the American League East.");
  g_assert_cmpstr(span_checks_label(doc, "Asian Development Bank", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "PGA Tour", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "American League", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Boston", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Orioles", 0), ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_head_before_a_name_is_a_title(void)
{
  /* Before a person's name the office is a title: the state stays a place. */
  g_autoptr(WnDoc) doc = tag("New Jersey State Attorney General Matthew Platkin did not "
                             "return calls on Friday. The U.S. Attorney General will attend.");
  g_assert_null(span_checks_label(doc, "New Jersey State Attorney General", 0));
  g_assert_cmpstr(span_checks_label(doc, "Matthew Platkin", 0), ==, "PERSON");
  g_assert_null(span_checks_label(doc, "U.S. Attorney General", 0));
  g_assert_cmpstr(span_checks_label(doc, "U.S.", 0), ==, "LOC");
}

static void
test_office_of_officer(void)
{
  g_autoptr(WnDoc) doc =
      tag("The case was brought by the U.S. Attorney\xe2\x80\x99s Office for the Southern "
          "District of Ohio on Friday, prosecutors said.");
  g_assert_cmpstr(span_checks_label(doc,
                                    "U.S. Attorney\xe2\x80\x99s Office for the Southern "
                                    "District of Ohio",
                                    0),
                  ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_company_words(void)
{
  /* A name before "Pictures" or "Animation" is a company's, whatever the
   * model read it as. */
  g_autoptr(WnDoc) doc = tag("The film was made by Harrow Pictures in Atlanta. The deal with "
                             "Kestrel Animation closed in May.");
  g_assert_cmpstr(span_checks_label(doc, "Harrow Pictures", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Kestrel Animation", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Atlanta", 0), ==, "LOC");
}

static void
test_company_named_for_a_person(void)
{
  /* "Harold Brenner Co.": the company; the lone "Brenner" is the company
   * too, not the surname of a person. */
  g_autoptr(WnDoc) doc =
      tag("Harold Brenner Co. executive Lisa Park said demand was strong.\n\n"
          "The company struggled with orders. Brenner\xe2\x80\x99s toy line is sold in 40 "
          "countries, and classic Brenner games sell well.");
  g_assert_cmpstr(span_checks_label(doc, "Harold Brenner Co.", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Brenner", 1), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Brenner", 2), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Lisa Park", 0), ==, "PERSON");
}

static void
test_not_entities(void)
{
  /* Products, currencies and indexes are not annotated; a conference ends
   * before its division. */
  g_autoptr(WnDoc) doc =
      tag("Subscribers to Disney+ rose, and 90 million Hong Kong dollars would be spent. "
          "The Dow Jones Industrial Average fell 1%, and the Nasdaq Composite rose 0.5%. "
          "The loss ended their hopes in the Mid-American Conference East Division.");
  g_assert_null(span_checks_overlap(doc, "Disney", 0));
  g_assert_null(span_checks_overlap(doc, "Hong Kong", 0));
  g_assert_null(span_checks_overlap(doc, "Dow Jones", 0));
  g_assert_null(span_checks_overlap(doc, "Nasdaq", 0));
  g_assert_cmpstr(span_checks_label(doc, "Mid-American Conference", 0), ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_told_outlets(void)
{
  /* What one tells, with an article or as a word no list knows, is an
   * outlet; a person stays a person. */
  g_autoptr(WnDoc) doc =
      tag("A witness told Vostrik that the crowd had scattered. The mayor told the Lakeside "
          "Ledger on Monday that the plan was dead. Sen. Maria Lopez told reporters she would "
          "vote no, and Lopez later told Gomez that she was sure.");
  g_assert_cmpstr(span_checks_label(doc, "Vostrik", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Lakeside Ledger", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Maria Lopez", 0), ==, "PERSON");
  g_assert_cmpstr(span_checks_overlap(doc, "Gomez", 0), !=, "ORG");
}

static void
test_place_before_a_noun(void)
{
  /* "a Glendale motel room": the place, not an organisation; "the White
   * House" stays the institution. */
  g_autoptr(WnDoc) doc = tag("Police found the girl in a Glendale motel room on Friday. "
                             "Officials at the White House said nothing.");
  g_assert_cmpstr(span_checks_overlap(doc, "Glendale", 0), !=, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "White House", 0), ==, "ORG");
}

/* ---- edges ---------------------------------------------------------------- */

static void
test_edges(void)
{
  g_autoptr(WnDoc) doc =
      tag("Rep. Jane Doe (D-Ore.) said in a statement to The Associated Press that the bill "
          "would pass. The Nigerian Senate held a minute of silence. A spokesman said the "
          "People\xe2\x80\x99s Liberation Army had moved troops. Mayor Ruiz told the Valley "
          "Courier on Monday that the plan was dead. Shares of The Hartwell Group Inc. rose.");
  g_assert_null(span_checks_overlap(doc, "D-Ore", 0));
  g_assert_cmpstr(span_checks_label(doc, "Associated Press", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Nigerian", 0), ==, "NORP");
  g_assert_cmpstr(span_checks_label(doc, "Senate", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "People\xe2\x80\x99s Liberation Army", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Valley Courier", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Hartwell Group Inc.", 0), ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_title_after_body(void)
{
  /* A title after the body it heads is no part of the body's name. */
  g_autoptr(WnDoc) doc =
      tag("The vote was delayed by the Senate Appropriations Committee Chairman, who asked for "
          "more time.\n\nFormer House of Representatives Speaker , Chukwuma Eze, was buried "
          "on Friday.");
  g_assert_cmpstr(span_checks_label(doc, "Senate Appropriations Committee", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "House of Representatives", 0), ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_short_and_odd_documents(void)
{
  /* Rule words at the first tokens, alone, repeated, or without a sentence
   * around them: every document comes out well formed. */
  static const char *const texts[] = {
      "Post",
      "Bank Bank Bank",
      "A Post Bank",
      "The Chronicle",
      "Bengals-Ravens",
      "Zentrova shares",
      "Zentrova's shares",
      "told the",
      "told The",
      "Nigerian Senate",
      "People\xe2\x80\x99s",
      "D-Ore",
      "Attorney\xe2\x80\x99s Office",
      "\xe2\x80\x99s Office",
      "+ dollars Industrial Composite Division",
      "West Division",
      "League East",
      "Senate Speaker",
      "Speaker",
      "East",
      "told",
      "told Vostrik",
      "the Glendale",
      "(D-Ore)",
      "Wild coach",
      "Sabres Sabres Sabres game game game 4-1 4-1",
      "The Portland Chronicle Chronicle Chronicle Times Post",
      "Senate Tuesday",
      "- -",
      "",
  };
  for (guint k = 0; k < G_N_ELEMENTS(texts); k++) {
    g_autoptr(WnDoc) doc = tag(texts[k]);
    span_checks_assert_valid(doc);
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_autoptr(GError) error = NULL;
  pipeline = span_checks_pipeline("test-orgs.json", NULL, &error);
  g_assert_no_error(error);

  g_test_add_func("/entities/orgs/company-evidence", test_company_evidence);
  g_test_add_func("/entities/orgs/company-shares-of", test_company_shares_of);
  g_test_add_func("/entities/orgs/company-analysts-at", test_company_analysts_at);
  g_test_add_func("/entities/orgs/company-not-a-person", test_company_not_a_person);
  g_test_add_func("/entities/orgs/company-not-a-word", test_company_not_a_word);
  g_test_add_func("/entities/orgs/team-nicknames", test_team_nicknames);
  g_test_add_func("/entities/orgs/team-pair", test_team_pair);
  g_test_add_func("/entities/orgs/places-as-teams", test_places_as_teams);
  g_test_add_func("/entities/orgs/places-that-play", test_places_that_play);
  g_test_add_func("/entities/orgs/national-sides", test_national_sides_stay_places);
  g_test_add_func("/entities/orgs/nicknames-need-sports", test_nicknames_need_sports);
  g_test_add_func("/entities/orgs/heads", test_heads);
  g_test_add_func("/entities/orgs/longer-names", test_longer_names);
  g_test_add_func("/entities/orgs/head-before-name", test_head_before_a_name_is_a_title);
  g_test_add_func("/entities/orgs/office-of-officer", test_office_of_officer);
  g_test_add_func("/entities/orgs/company-words", test_company_words);
  g_test_add_func("/entities/orgs/company-named-for-person", test_company_named_for_a_person);
  g_test_add_func("/entities/orgs/not-entities", test_not_entities);
  g_test_add_func("/entities/orgs/told-outlets", test_told_outlets);
  g_test_add_func("/entities/orgs/place-before-noun", test_place_before_a_noun);
  g_test_add_func("/entities/orgs/edges", test_edges);
  g_test_add_func("/entities/orgs/title-after-body", test_title_after_body);
  g_test_add_func("/entities/orgs/short-documents", test_short_and_odd_documents);
  int rc = g_test_run();
  wn_pipeline_free(pipeline);
  return rc;
}
