/* test-news.c: the entities stage on wire-news forms, through a real pipeline
 * (sentences, then entities): datelines, state abbreviations, "The" before a
 * name, names joined by "&" or "of", streets, "Jr." and initials, lists of
 * places, company suffixes, listed teams and news organisations, and the
 * document-level rules as news uses them. Every sentence is written for these
 * tests; each test asserts exact spans and labels. */
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
label_of(WnDoc *doc, const char *needle)
{
  return span_checks_label(doc, needle, 0);
}

/* ---- datelines and state abbreviations ------------------------------------ */

static void
test_dateline(void)
{
  g_autoptr(WnDoc) doc = tag("RANCHO MIRAGE, Calif. (AP) — A fire destroyed three buildings "
                             "early Sunday, officials said.\n\n"
                             "TRENTON, N.J. — New Jersey lawmakers passed a budget on Thursday.\n\n"
                             "WASHINGTON (Reuters) — The Federal Reserve held rates steady.");
  g_assert_cmpstr(label_of(doc, "RANCHO MIRAGE"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Calif."), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "AP"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "TRENTON"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "N.J."), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "WASHINGTON"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Reuters"), ==, "ORG");
  span_checks_assert_valid(doc);
}

static void
test_dateline_dated(void)
{
  /* Reuters style: a date where AP puts the dash. */
  g_autoptr(WnDoc) doc = tag("LEEDS, England 2025-06-24\n\n"
                             "England beat India by five wickets on the final day of the test.");
  g_assert_cmpstr(label_of(doc, "LEEDS"), ==, "LOC");
  g_assert_cmpstr(span_checks_label(doc, "England", 0), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "2025-06-24"), ==, "DATE");
}

static void
test_dateline_mixed_case(void)
{
  /* Web pages write the city in mixed case, glued to the agency. */
  g_autoptr(WnDoc) doc = tag("Obama announces deal\n\n"
                             "Washington(CNN) President Barack Obama said Friday that the United "
                             "States would act.");
  g_assert_cmpstr(label_of(doc, "Washington"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "CNN"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Barack Obama"), ==, "PERSON");
}

static void
test_title_case_headline(void)
{
  /* Every word of a title-case headline is capitalised: a name ends before
   * the verb, and a rare surname stays. */
  g_autoptr(WnDoc) doc =
      tag("Carter Convenes Counter-ISIL Coalition Meeting at Andrews\n"
          "Vice Adm. Tighe Takes Charge of Information Warfare\n"
          "Navy Honors Sailors As Maria Tellechea Takes Command In Norfolk\n\n"
          "Defense Secretary Ash Carter met allies on Friday. Vice Adm. Jan Tighe "
          "will lead the new command.");
  g_assert_cmpstr(span_checks_label(doc, "Carter", 0), ==, "PERSON");
  g_assert_cmpstr(span_checks_label(doc, "Tighe", 0), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Maria Tellechea"), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Ash Carter"), ==, "PERSON");
}

static void
test_dateline_not_headline(void)
{
  /* An all-caps sports headline has a dash too, but is no dateline. */
  g_autoptr(WnDoc) doc = tag("SOCCER - LEEDS HOLD CHELSEA TO A DRAW.\n\n"
                             "PS - There is more to say about the meeting.");
  g_assert_null(span_checks_overlap(doc, "SOCCER", 0));
  g_assert_null(span_checks_overlap(doc, "PS", 0));
}

static void
test_state_abbreviation(void)
{
  g_autoptr(WnDoc) doc = tag("Most of the workers were at the technical center in Warren, Mich. "
                             "She was born in Greenville, S.C., and moved to Durham in 1958. "
                             "The drug maker is based in Morristown, N.J., and in Basel.");
  g_assert_cmpstr(label_of(doc, "Mich."), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "S.C."), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "N.J."), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Greenville"), ==, "LOC");
}

static void
test_state_abbreviation_title(void)
{
  /* "Miss." after a comma is a title when a name follows. */
  g_autoptr(WnDoc) doc = tag("He thanked the judges, Miss. Patterson and the staff.");
  g_assert_null(span_checks_overlap(doc, "Miss.", 0));
}

/* ---- names ------------------------------------------------------------------ */

static void
test_leading_the(void)
{
  g_autoptr(WnDoc) doc = tag("The Securities and Exchange Commission (SEC) has filed a civil "
                             "suit against him. The SEC is seeking $6 million.");
  g_assert_cmpstr(label_of(doc, "Securities and Exchange Commission"), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "SEC", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "SEC", 1), ==, "ORG");
  g_assert_null(span_checks_overlap(doc, "The", 0));
}

static void
test_ampersand(void)
{
  g_autoptr(WnDoc) doc = tag("Economists at JPMorgan Chase & Co. had expected no change. "
                             "Duke Energy and Florida Power & Light said crews were ready.");
  g_assert_cmpstr(label_of(doc, "JPMorgan Chase & Co."), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Florida Power & Light"), ==, "ORG");
}

static void
test_org_of_place(void)
{
  g_autoptr(WnDoc) doc = tag("Analysts said the numbers reduced pressure on the People's Bank of "
                             "China to cut rates.");
  g_assert_cmpstr(label_of(doc, "People's Bank of China"), ==, "ORG");
}

static void
test_org_prefix(void)
{
  g_autoptr(WnDoc) doc = tag("Capt. Lisa Moreno of the Riverside County Fire Department said "
                             "the cause was under investigation.");
  g_assert_cmpstr(label_of(doc, "Riverside County Fire Department"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Lisa Moreno"), ==, "PERSON");
}

static void
test_streets(void)
{
  g_autoptr(WnDoc) doc = tag("Demonstrators gathered on Kenyatta Avenue on Tuesday. The "
                             "restaurant had been open on the corner of Main Street and Highway "
                             "111 since 1987. Officers found the men on Allegheny Avenue.");
  g_assert_cmpstr(label_of(doc, "Kenyatta Avenue"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Main Street"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Highway 111"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Allegheny Avenue"), ==, "LOC");
}

static void
test_street_in_other_name(void)
{
  /* A street that names something else stays part of that name. */
  g_autoptr(WnDoc) doc = tag("He told the Wall Street Journal that the deal was off.");
  g_assert_cmpstr(span_checks_overlap(doc, "Wall Street", 0), !=, "LOC");
  g_assert_cmpstr(span_checks_overlap(doc, "Wall Street", 0), !=, "PERSON");
}

static void
test_name_suffix_and_initials(void)
{
  g_autoptr(WnDoc) doc = tag("She joined the group as a student and marched with Martin Luther "
                             "King Jr. in Selma, Ala., in 1965. Police Inspector D.F. Pace said "
                             "the men were in stable condition.");
  g_assert_cmpstr(label_of(doc, "Martin Luther King Jr."), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "D.F. Pace"), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Ala."), ==, "LOC");
}

static void
test_place_list(void)
{
  g_autoptr(WnDoc) doc = tag("The union praised new money for schools in Camden, Paterson and "
                             "Jersey City. Firefighters from Rancho Mirage, Palm Springs and "
                             "Cathedral City fought the blaze.");
  g_assert_cmpstr(label_of(doc, "Camden"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Paterson"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Jersey City"), ==, "LOC");
  g_assert_cmpstr(label_of(doc, "Palm Springs"), ==, "LOC");
}

static void
test_people_list_stays(void)
{
  /* A list of people is left alone. */
  g_autoptr(WnDoc) doc = tag("The award went to Maria Lopez, James Whitfield and Ana Duarte.");
  g_assert_cmpstr(label_of(doc, "Maria Lopez"), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "James Whitfield"), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Ana Duarte"), ==, "PERSON");
}

static void
test_group_word_before_name(void)
{
  g_autoptr(WnDoc) doc = tag("The Democratic candidate trails Republican Burt Jones by about "
                             "48,000 votes. Owner Hector Villanueva said he would rebuild.");
  g_assert_cmpstr(label_of(doc, "Republican"), ==, "NORP");
  g_assert_cmpstr(label_of(doc, "Burt Jones"), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Hector Villanueva"), ==, "PERSON");
}

static void
test_org_ordinal_and_office(void)
{
  g_autoptr(WnDoc) doc = tag("A similar law was blocked by the 11th U.S. Circuit Court of Appeals "
                             "in Atlanta. The Boulder County Sheriff's Office said no one was "
                             "hurt.");
  g_assert_cmpstr(label_of(doc, "11th U.S. Circuit Court of Appeals"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Boulder County Sheriff's Office"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Atlanta"), ==, "LOC");
}

static void
test_person_by_surname(void)
{
  /* After a dateline the model takes the first name for a place; the
   * surname, a person's elsewhere in the story, says otherwise. */
  g_autoptr(WnDoc) doc = tag("TORONTO (AP) — Auston Matthews scored twice in the third period and "
                             "the Toronto Maple Leafs won. Matthews has 19 goals this season.");
  g_assert_cmpstr(label_of(doc, "Auston Matthews"), ==, "PERSON");
  g_assert_cmpstr(span_checks_label(doc, "Matthews", 1), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Toronto Maple Leafs"), ==, "ORG");
}

static void
test_institutions(void)
{
  g_autoptr(WnDoc) doc = tag("Senate Majority Leader Carla Menendez said the House would vote "
                             "next week. Treasury Secretary Scott Bessent agreed, the White House "
                             "said. The Kremlin said nothing. The Senate Armed Services Committee "
                             "met on Friday.");
  g_assert_cmpstr(span_checks_label(doc, "Senate", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Carla Menendez"), ==, "PERSON");
  g_assert_cmpstr(span_checks_label(doc, "House", 0), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Treasury"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Kremlin"), ==, "ORG");
  /* inside longer names the word is no name of its own */
  g_assert_null(span_checks_label(doc, "House", 1));
  g_assert_cmpstr(label_of(doc, "Senate Armed Services Committee"), ==, "ORG");
}

/* ---- companies, teams, news organisations --------------------------------- */

static void
test_company_suffix(void)
{
  g_autoptr(WnDoc) doc = tag("Brightwater Foods Inc. agreed to buy rival Dunmore Brands for $3.2 "
                             "billion. Shares of Dunmore jumped 22 percent, while Brightwater "
                             "stock fell. The company opened its first plant in Brightwater.");
  g_assert_cmpstr(label_of(doc, "Brightwater Foods Inc."), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Dunmore Brands"), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Dunmore", 1), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Brightwater", 1), ==, "ORG");
  /* after "in", the town */
  g_assert_cmpstr(span_checks_overlap(doc, "Brightwater", 2), !=, "ORG");
}

static void
test_company_suffix_ends_name(void)
{
  /* The splitter keeps "Inc. Target" in one sentence; the suffix still ends
   * the first name. */
  g_autoptr(WnDoc) doc = tag("He said Target was losing ground to Walmart and Amazon.com Inc. "
                             "Target has about 1,950 stores.");
  g_assert_cmpstr(label_of(doc, "Amazon.com Inc."), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Target", 1), ==, "ORG");
}

static void
test_repeated_name(void)
{
  /* A two-word name the model found once is the same name where the model
   * left it out: every mention takes the one label. */
  g_autoptr(WnDoc) doc = tag("Northwind Analytics hired 40 engineers. Analysts at Northwind "
                             "Analytics expect more. Northwind Analytics shares rose.");
  const char *label = span_checks_label(doc, "Northwind Analytics", 1);
  g_assert_nonnull(label);
  g_assert_cmpstr(span_checks_label(doc, "Northwind Analytics", 0), ==, label);
  g_assert_cmpstr(span_checks_label(doc, "Northwind Analytics", 2), ==, label);
  span_checks_assert_valid(doc);
}

static void
test_and_co(void)
{
  g_autoptr(WnDoc) doc = tag("Regulators approved a new drug from Eli Lilly and Co. on Friday.");
  g_assert_cmpstr(label_of(doc, "Eli Lilly and Co."), ==, "ORG");
}

static void
test_listed_teams(void)
{
  g_autoptr(WnDoc) doc = tag("Dak Prescott threw two touchdown passes and the Dallas Cowboys "
                             "beat the New York Giants 24-17 on Sunday. The Cowboys have won "
                             "three straight.");
  g_assert_cmpstr(label_of(doc, "Dallas Cowboys"), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "New York Giants"), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Cowboys", 1), ==, "ORG");
}

static void
test_newspapers(void)
{
  g_autoptr(WnDoc) doc = tag("The Washington Post said on Tuesday it would cut 4 percent of its "
                             "newsroom. The Post lost $77 million last year. Financial markets "
                             "barely moved, the Financial Times reported.");
  g_assert_cmpstr(label_of(doc, "Washington Post"), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Post", 1), ==, "ORG");
  g_assert_cmpstr(label_of(doc, "Financial Times"), ==, "ORG");
  /* "Financial Times" does not make the adjective a name. */
  g_assert_null(span_checks_overlap(doc, "Financial", 0));
}

/* ---- document-level rules on news text ------------------------------------ */

static void
test_consistency_surname_sentence_start(void)
{
  g_autoptr(WnDoc) doc = tag("U.S. District Judge Renee Castellano sentenced Martin Feld to "
                             "seven years. Feld pleaded guilty in March to securities fraud.");
  g_assert_cmpstr(label_of(doc, "Martin Feld"), ==, "PERSON");
  g_assert_cmpstr(span_checks_label(doc, "Feld", 1), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Renee Castellano"), ==, "PERSON");
}

static void
test_consistency_king_jr_title(void)
{
  /* "King" is a title word, but not before "Jr.". */
  g_autoptr(WnDoc) doc = tag("Crowds gathered to hear Martin Luther King Jr. speak.");
  g_assert_cmpstr(label_of(doc, "Martin Luther King Jr."), ==, "PERSON");
}

/* A title-case headline that opens with a company's one-word name and an -s
 * verb ("Ostara Bets ..."): the word is not made a person, so the story's
 * own mentions keep it an organisation; a "-based" adjective before a
 * company stays out of its name. */
static void
test_headline_company(void)
{
  g_autoptr(WnDoc) doc =
      tag("Ostara Bets $2.1 Billion That Insulin Can Be Made Cheaply in America\n\n"
          "Ostara Pharmaceuticals is spending $2.1 billion to build an insulin factory in Ohio. "
          "The company said the plant would open in 2029.\n\n"
          "Marchetti-Ross said Ostara would spend more than $6 billion on research.\n\n"
          "The New Jersey-based Ostara Pharmaceuticals employs 4,000 people.");
  g_assert_null(span_checks_overlap(doc, "Ostara", 0));
  g_assert_cmpstr(span_checks_label(doc, "Ostara Pharmaceuticals", 0), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Ostara", 2), ==, "ORG");
  g_assert_cmpstr(span_checks_label(doc, "Ostara Pharmaceuticals", 1), ==, "ORG");
  span_checks_assert_valid(doc);
}

/* "Chief Financial Officer Martin Eberhardt": the whole title stays out of
 * the name, and no word of it becomes a person of its own. */
static void
test_officer_titles(void)
{
  g_autoptr(WnDoc) doc = tag("Chief Financial Officer Martin Eberhardt said on a call with "
                             "analysts that margins would recover. Chief Operating Officer "
                             "Dana Whitfield will lead the new plant.");
  g_assert_cmpstr(label_of(doc, "Martin Eberhardt"), ==, "PERSON");
  g_assert_cmpstr(label_of(doc, "Dana Whitfield"), ==, "PERSON");
  g_assert_null(span_checks_overlap(doc, "Financial", 0));
  g_assert_null(span_checks_overlap(doc, "Operating", 0));
  span_checks_assert_valid(doc);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_autoptr(GError) error = NULL;
  pipeline = span_checks_pipeline("test-news.json", NULL, &error);
  g_assert_no_error(error);

  g_test_add_func("/entities/news/dateline", test_dateline);
  g_test_add_func("/entities/news/dateline-dated", test_dateline_dated);
  g_test_add_func("/entities/news/dateline-mixed-case", test_dateline_mixed_case);
  g_test_add_func("/entities/news/title-case-headline", test_title_case_headline);
  g_test_add_func("/entities/news/dateline-not-headline", test_dateline_not_headline);
  g_test_add_func("/entities/news/state-abbreviation", test_state_abbreviation);
  g_test_add_func("/entities/news/state-abbreviation-title", test_state_abbreviation_title);
  g_test_add_func("/entities/news/leading-the", test_leading_the);
  g_test_add_func("/entities/news/ampersand", test_ampersand);
  g_test_add_func("/entities/news/org-of-place", test_org_of_place);
  g_test_add_func("/entities/news/org-prefix", test_org_prefix);
  g_test_add_func("/entities/news/streets", test_streets);
  g_test_add_func("/entities/news/street-in-other-name", test_street_in_other_name);
  g_test_add_func("/entities/news/name-suffix-initials", test_name_suffix_and_initials);
  g_test_add_func("/entities/news/place-list", test_place_list);
  g_test_add_func("/entities/news/people-list", test_people_list_stays);
  g_test_add_func("/entities/news/group-word-before-name", test_group_word_before_name);
  g_test_add_func("/entities/news/org-ordinal-and-office", test_org_ordinal_and_office);
  g_test_add_func("/entities/news/person-by-surname", test_person_by_surname);
  g_test_add_func("/entities/news/institutions", test_institutions);
  g_test_add_func("/entities/news/company-suffix", test_company_suffix);
  g_test_add_func("/entities/news/company-suffix-ends-name", test_company_suffix_ends_name);
  g_test_add_func("/entities/news/repeated-name", test_repeated_name);
  g_test_add_func("/entities/news/and-co", test_and_co);
  g_test_add_func("/entities/news/listed-teams", test_listed_teams);
  g_test_add_func("/entities/news/newspapers", test_newspapers);
  g_test_add_func("/entities/news/headline-company", test_headline_company);
  g_test_add_func("/entities/news/officer-titles", test_officer_titles);
  g_test_add_func("/entities/consistency/surname-sentence-start",
                  test_consistency_surname_sentence_start);
  g_test_add_func("/entities/consistency/king-jr", test_consistency_king_jr_title);
  int rc = g_test_run();
  wn_pipeline_free(pipeline);
  return rc;
}
