/* orgs.c: organisations that news text names without a sentence the model can
 * read them from, settled with what the whole document says:
 *
 * - a capitalised word no list knows becomes a company when the document
 *   talks about it as one ("an Acme spokesperson", "Acme's shares",
 *   "Acme analyst Jo Smith"), and then it is an organisation everywhere in
 *   the document ("investigating Acme");
 * - in a sports report, team nicknames are teams ("the Sabres", "Wild coach
 *   Bruce Boudreau"), a place before a nickname belongs to it ("Buffalo
 *   Sabres"), and a place that wins, loses, has a quarterback or is played
 *   at is a team ("Eastern Michigan rolled past Northern Illinois, 45-17");
 *   the team keeps that label wherever the place is not a place ("in
 *   Cleveland" stays one);
 * - a place or group name followed by a word that ends organisation names
 *   grows into one organisation ("[San Francisco] Chronicle", "[Muslim]
 *   Brotherhood", "[New York State] Attorney General"), and a later "the
 *   Chronicle" is that organisation too;
 * - a weekday is no part of a name ("Twitter Tuesday"), nor is a leading
 *   "The" ("The Associated Press").
 *
 * The word lists below are written for winnow. Everything is a few passes
 * over the tokens with one hash-table probe per token. */
#include "orgs.h"

#include <string.h>

/* What a word (lower-cased) says. */
enum {
  W_SPORT = 1 << 0,  /* a word of sports reports */
  W_TEAM = 1 << 1,   /* a team nickname (when capitalised) */
  W_AMBIG = 1 << 2,  /* a nickname that is also a common name or word */
  W_RESULT = 1 << 3, /* a verb of results: "beat", "rolled" */
  W_ROLE = 1 << 4,   /* what a team has: "quarterback", "coach", "fans" */
  W_EVENT = 1 << 5,  /* "game", "win", "loss" (before "at X", "over X") */
  W_STAT = 1 << 6,   /* "carries", "yards" (before "for X") */
  W_BIZ = 1 << 7,    /* what a company has: "shares", "spokesperson" */
  W_HEAD = 1 << 8,   /* ends an organisation's name after a place */
  W_GROUP = 1 << 9,  /* ends an organisation's name after a group word */
  W_WEEKDAY = 1 << 10,
  W_TEAM_PREP = 1 << 11,  /* "for", "against", "over", "at", "to", "past", "by" */
  W_PLACE_PREP = 1 << 12, /* "in", "from", "near": a place follows */
  W_THE = 1 << 13,
  W_POSS = 1 << 14,    /* "'s" */
  W_PAPER = 1 << 15,   /* a head that stands for the whole name: "the Chronicle" */
  W_SUFFIX = 1 << 16,  /* ends a company's name: "Company", "Inc." */
  W_ARTICLE = 1 << 17, /* "a", "an" */
  W_TOLD = 1 << 18,
  W_BODY = 1 << 19,       /* an institution a nationality goes before: "Senate" */
  W_BEAT = 1 << 20,       /* a result verb that needs no score: "Minnesota beat Buffalo" */
  W_LIFT = 1 << 21,       /* "to lift Florida", "to lead Boston" */
  W_NATION = 1 << 22,     /* a home nation: its national side is a place too */
  W_DIRECTION = 1 << 23,  /* "Middle", "Eastern": part of a school's name */
  W_OFFICER = 1 << 24,    /* "Attorney" in "U.S. Attorney's Office" */
  W_CORP = 1 << 25,       /* ends only companies' names: "Studios", "Airlines" */
  W_AFTER = 1 << 26,      /* a word after a name that makes it no entity: "Disney+" */
  W_COMPASS = 1 << 27,    /* "West" in "Conference West Division" */
  W_FUNC = 1 << 28,       /* a function word or common verb: no noun */
  W_PLAY = 1 << 29,       /* "Denver plays at Phoenix", "Liverpool host Chelsea" */
  W_ROLE_TITLE = 1 << 30, /* "[House of Representatives] Speaker": a title */
};

typedef struct {
  const char *word;
  guint32 bits;
} WordBits;

#define AMB (W_TEAM | W_AMBIG)

static const WordBits word_bits[] = {
    /* Sports reports. */
    {"game", W_SPORT | W_EVENT},
    {"games", W_SPORT | W_EVENT},
    {"coach", W_SPORT | W_ROLE},
    {"coaches", W_ROLE},
    {"quarterback", W_SPORT | W_ROLE},
    {"touchdown", W_SPORT},
    {"touchdowns", W_SPORT | W_STAT},
    {"playoff", W_SPORT},
    {"playoffs", W_SPORT},
    {"defenseman", W_SPORT | W_ROLE},
    {"defender", W_ROLE},
    {"innings", W_SPORT},
    {"inning", W_SPORT},
    {"pitcher", W_SPORT | W_ROLE},
    {"striker", W_SPORT | W_ROLE},
    {"midfielder", W_SPORT | W_ROLE},
    {"yards", W_SPORT | W_STAT},
    {"fumble", W_SPORT},
    {"interception", W_SPORT},
    {"halftime", W_SPORT},
    {"overtime", W_SPORT},
    {"goalie", W_SPORT | W_ROLE},
    {"goaltender", W_SPORT | W_ROLE},
    {"goals", W_SPORT | W_STAT},
    {"kickoff", W_SPORT},
    {"linebacker", W_SPORT | W_ROLE},
    {"receiver", W_SPORT | W_ROLE},
    {"cornerback", W_SPORT | W_ROLE},
    {"tailback", W_SPORT | W_ROLE},
    {"kicker", W_SPORT | W_ROLE},
    {"outfielder", W_SPORT | W_ROLE},
    {"shortstop", W_SPORT | W_ROLE},
    {"winger", W_SPORT | W_ROLE},
    {"teammates", W_SPORT},
    {"rebounds", W_SPORT | W_STAT},
    {"assists", W_SPORT | W_STAT},
    {"puck", W_SPORT},
    {"homer", W_SPORT},
    {"scoreless", W_SPORT},
    {"shutout", W_SPORT},
    {"carries", W_SPORT | W_STAT},
    {"rushing", W_SPORT},
    {"sacks", W_SPORT | W_STAT},
    {"tackles", W_STAT},
    {"receptions", W_STAT},
    {"saves", W_STAT},
    {"points", W_STAT},
    {"runs", W_STAT},
    {"hat-trick", W_SPORT},
    {"power-play", W_SPORT},
    {"bowl-eligible", W_SPORT},
    {"fans", W_ROLE},
    {"players", W_ROLE},
    {"roster", W_ROLE},
    {"lineup", W_ROLE},
    {"defense", W_ROLE},
    {"offense", W_ROLE},
    {"defensive", W_ROLE},
    {"offensive", W_ROLE},
    {"rookie", W_ROLE},
    {"starter", W_ROLE},
    {"win", W_EVENT},
    {"wins", W_EVENT},
    {"victory", W_EVENT},
    {"loss", W_EVENT},
    {"losses", W_EVENT},
    {"defeat", W_EVENT},
    {"matchup", W_EVENT},
    {"rout", W_EVENT},
    {"opener", W_EVENT},
    {"title", W_EVENT},
    {"league", W_SPORT | W_GROUP},
    /* Verbs of results. */
    {"beat", W_RESULT | W_BEAT},
    {"beats", W_RESULT | W_BEAT},
    {"defeated", W_RESULT | W_BEAT},
    {"defeats", W_RESULT | W_BEAT},
    {"rolled", W_RESULT},
    {"routed", W_RESULT | W_BEAT},
    {"edged", W_RESULT | W_BEAT},
    {"topped", W_RESULT | W_BEAT},
    {"downed", W_RESULT | W_BEAT},
    {"blanked", W_RESULT | W_BEAT},
    {"stunned", W_RESULT},
    {"upset", W_RESULT},
    {"outlasted", W_RESULT | W_BEAT},
    {"thumped", W_RESULT},
    {"crushed", W_RESULT},
    {"trounced", W_RESULT | W_BEAT},
    {"rallied", W_RESULT},
    {"lost", W_RESULT},
    {"fell", W_RESULT},
    {"tied", W_RESULT},
    {"swept", W_RESULT | W_BEAT},
    {"held", W_RESULT},
    {"improved", W_RESULT},
    {"lift", W_LIFT},
    {"play", W_PLAY},
    {"plays", W_PLAY},
    {"host", W_PLAY},
    {"hosts", W_PLAY},
    {"visit", W_PLAY},
    {"visits", W_PLAY},
    {"leader", W_BIZ},
    {"lead", W_LIFT},
    {"scored", W_STAT},
    {"shots", W_STAT},
    {"attorney", W_OFFICER},
    {"sheriff", W_OFFICER},
    {"prosecutor", W_OFFICER},
    {"comptroller", W_OFFICER},
    {"controller", W_OFFICER},
    {"auditor", W_OFFICER},
    {"coroner", W_OFFICER},
    {"marshal", W_OFFICER},
    {"solicitor", W_OFFICER},
    {"studios", W_CORP},
    {"animation", W_CORP},
    {"pictures", W_CORP},
    {"records", W_CORP},
    {"films", W_CORP},
    {"airlines", W_CORP},
    {"airways", W_CORP},
    {"motors", W_CORP},
    {"pharmaceuticals", W_CORP},
    {"technologies", W_CORP},
    {"industries", W_CORP},
    {"labs", W_CORP},
    {"ventures", W_CORP},
    {"+", W_AFTER},
    {"dollars", W_AFTER},
    {"dollar", W_AFTER},
    {"composite", W_AFTER},
    {"industrial", W_AFTER},
    {"division", W_AFTER},
    {"west", W_COMPASS},
    {"east", W_COMPASS},
    {"north", W_COMPASS},
    {"south", W_COMPASS},
    {"as", W_FUNC},
    {"and", W_FUNC},
    {"or", W_FUNC},
    {"but", W_FUNC},
    {"with", W_FUNC},
    {"that", W_FUNC},
    {"which", W_FUNC},
    {"who", W_FUNC},
    {"is", W_FUNC},
    {"was", W_FUNC},
    {"are", W_FUNC},
    {"were", W_FUNC},
    {"has", W_FUNC},
    {"had", W_FUNC},
    {"have", W_FUNC},
    {"said", W_FUNC},
    {"says", W_FUNC},
    {"will", W_FUNC},
    {"would", W_FUNC},
    {"could", W_FUNC},
    {"can", W_FUNC},
    {"may", W_FUNC},
    {"after", W_FUNC},
    {"before", W_FUNC},
    {"since", W_FUNC},
    {"speaker", W_ROLE_TITLE},
    {"chairman", W_ROLE_TITLE},
    {"chairwoman", W_ROLE_TITLE},
    {"commissioner", W_ROLE_TITLE},
    {"northern", W_DIRECTION},
    {"southern", W_DIRECTION},
    {"eastern", W_DIRECTION},
    {"western", W_DIRECTION},
    {"central", W_DIRECTION},
    {"middle", W_DIRECTION},
    {"wales", W_NATION},
    {"england", W_NATION},
    {"scotland", W_NATION},
    {"ireland", W_NATION},
    /* Prepositions. */
    {"for", W_TEAM_PREP},
    {"against", W_TEAM_PREP},
    {"over", W_TEAM_PREP},
    {"at", W_TEAM_PREP},
    {"to", W_TEAM_PREP},
    {"past", W_TEAM_PREP},
    {"by", W_TEAM_PREP},
    {"off", W_TEAM_PREP},
    {"behind", W_TEAM_PREP},
    {"in", W_PLACE_PREP},
    {"from", W_PLACE_PREP},
    {"near", W_PLACE_PREP},
    {"of", W_PLACE_PREP},
    {"the", W_THE},
    {"a", W_ARTICLE},
    {"an", W_ARTICLE},
    {"told", W_TOLD},
    {"'s", W_POSS},
    {"\xe2\x80\x99s", W_POSS},
    /* What a company has. */
    {"spokesperson", W_BIZ},
    {"spokesman", W_BIZ},
    {"spokeswoman", W_BIZ},
    {"shares", W_BIZ},
    {"stock", W_BIZ},
    {"shareholders", W_BIZ},
    {"investors", W_BIZ},
    {"founder", W_BIZ},
    {"co-founder", W_BIZ},
    {"executives", W_BIZ},
    {"employees", W_BIZ},
    {"analyst", W_BIZ},
    {"analysts", W_BIZ},
    {"headquarters", W_BIZ},
    {"subsidiary", W_BIZ},
    {"ipo", W_BIZ},
    {"listing", W_BIZ},
    {"revenue", W_BIZ},
    {"earnings", W_BIZ},
    {"valuation", W_BIZ},
    {"workforce", W_BIZ},
    {"parent", W_BIZ},
    {"initial", W_BIZ},   /* "initial public offering" */
    {"secondary", W_BIZ}, /* "secondary listing" */
    {"ceo", W_BIZ},
    {"investor", W_BIZ},
    {"stake", W_BIZ},
    {"cfo", W_BIZ},
    {"chief", W_BIZ},
    /* Words that end organisation names after a place or a group. */
    {"chronicle", W_HEAD | W_PAPER},
    {"herald", W_HEAD | W_PAPER},
    {"tribune", W_HEAD | W_PAPER},
    {"gazette", W_HEAD | W_PAPER},
    {"times", W_HEAD},
    {"post", W_HEAD},
    {"journal", W_HEAD},
    {"sentinel", W_HEAD | W_PAPER},
    {"examiner", W_HEAD | W_PAPER},
    {"inquirer", W_HEAD | W_PAPER},
    {"enquirer", W_HEAD | W_PAPER},
    {"courier", W_HEAD | W_PAPER},
    {"observer", W_HEAD | W_PAPER},
    {"dispatch", W_HEAD | W_PAPER},
    {"globe", W_HEAD | W_PAPER},
    {"police", W_HEAD},
    {"p.d.", W_HEAD},
    {"university", W_HEAD},
    {"tour", W_HEAD},
    {"bank", W_HEAD},
    {"general", W_HEAD}, /* only after "Attorney" */
    {"brotherhood", W_HEAD | W_GROUP | W_PAPER},
    {"party", W_HEAD | W_GROUP},
    {"front", W_GROUP},
    {"movement", W_GROUP},
    {"alliance", W_GROUP},
    {"coalition", W_GROUP},
    {"church", W_GROUP},
    {"caucus", W_GROUP},
    {"brigades", W_GROUP},
    {"company", W_SUFFIX},
    {"co.", W_SUFFIX},
    {"inc.", W_SUFFIX},
    {"inc", W_SUFFIX},
    {"corp.", W_SUFFIX},
    {"corp", W_SUFFIX},
    {"corporation", W_SUFFIX},
    {"group", W_SUFFIX},
    {"holdings", W_SUFFIX},
    {"ltd", W_SUFFIX},
    {"ltd.", W_SUFFIX},
    {"llc", W_SUFFIX},
    {"plc", W_SUFFIX},
    {"senate", W_BODY},
    {"parliament", W_BODY},
    {"assembly", W_BODY},
    {"legislature", W_HEAD | W_BODY},
    {"congress", W_BODY},
    {"cabinet", W_BODY},
    {"government", W_BODY},
    {"army", W_BODY},
    {"navy", W_BODY},
    {"taliban", W_BODY},
    {"monday", W_WEEKDAY},
    {"tuesday", W_WEEKDAY},
    {"wednesday", W_WEEKDAY},
    {"thursday", W_WEEKDAY},
    {"friday", W_WEEKDAY},
    {"saturday", W_WEEKDAY},
    {"sunday", W_WEEKDAY},
    /* Team nicknames of the big North American leagues and common college
     * ones; AMB marks those that are also a common word or name. */
    {"falcons", W_TEAM},
    {"ravens", W_TEAM},
    {"bills", AMB},
    {"panthers", W_TEAM},
    {"bears", W_TEAM},
    {"bengals", W_TEAM},
    {"browns", W_TEAM},
    {"cowboys", W_TEAM},
    {"broncos", W_TEAM},
    {"lions", W_TEAM},
    {"packers", W_TEAM},
    {"texans", AMB},
    {"colts", W_TEAM},
    {"jaguars", W_TEAM},
    {"chiefs", AMB},
    {"raiders", W_TEAM},
    {"chargers", W_TEAM},
    {"rams", W_TEAM},
    {"dolphins", W_TEAM},
    {"vikings", AMB},
    {"patriots", AMB},
    {"saints", AMB},
    {"giants", AMB},
    {"jets", AMB},
    {"eagles", W_TEAM},
    {"steelers", W_TEAM},
    {"49ers", W_TEAM},
    {"seahawks", W_TEAM},
    {"buccaneers", W_TEAM},
    {"bucs", W_TEAM},
    {"titans", AMB},
    {"commanders", AMB},
    {"redskins", W_TEAM},
    {"cardinals", AMB},
    {"hawks", W_TEAM},
    {"celtics", W_TEAM},
    {"nets", W_TEAM},
    {"hornets", W_TEAM},
    {"bulls", W_TEAM},
    {"cavaliers", W_TEAM},
    {"cavs", W_TEAM},
    {"mavericks", W_TEAM},
    {"nuggets", W_TEAM},
    {"pistons", W_TEAM},
    {"warriors", AMB},
    {"rockets", W_TEAM},
    {"pacers", W_TEAM},
    {"clippers", W_TEAM},
    {"lakers", W_TEAM},
    {"grizzlies", W_TEAM},
    {"heat", AMB},
    {"bucks", W_TEAM},
    {"timberwolves", W_TEAM},
    {"pelicans", W_TEAM},
    {"knicks", W_TEAM},
    {"thunder", AMB},
    {"magic", AMB},
    {"76ers", W_TEAM},
    {"sixers", W_TEAM},
    {"suns", W_TEAM},
    {"kings", AMB},
    {"spurs", W_TEAM},
    {"raptors", W_TEAM},
    {"jazz", AMB},
    {"wizards", AMB},
    {"diamondbacks", W_TEAM},
    {"braves", W_TEAM},
    {"orioles", W_TEAM},
    {"cubs", W_TEAM},
    {"reds", AMB},
    {"guardians", AMB},
    {"rockies", AMB},
    {"tigers", W_TEAM},
    {"astros", W_TEAM},
    {"royals", AMB},
    {"angels", AMB},
    {"dodgers", W_TEAM},
    {"marlins", W_TEAM},
    {"brewers", W_TEAM},
    {"twins", AMB},
    {"mets", W_TEAM},
    {"yankees", W_TEAM},
    {"athletics", AMB},
    {"phillies", W_TEAM},
    {"pirates", AMB},
    {"padres", W_TEAM},
    {"mariners", W_TEAM},
    {"rays", W_TEAM},
    {"rangers", AMB},
    {"nationals", AMB},
    {"ducks", W_TEAM},
    {"bruins", W_TEAM},
    {"sabres", W_TEAM},
    {"flames", AMB},
    {"hurricanes", AMB},
    {"blackhawks", W_TEAM},
    {"avalanche", AMB},
    {"stars", AMB},
    {"oilers", W_TEAM},
    {"wild", AMB},
    {"canadiens", W_TEAM},
    {"predators", AMB},
    {"devils", AMB},
    {"islanders", AMB},
    {"senators", AMB},
    {"flyers", AMB},
    {"penguins", W_TEAM},
    {"sharks", W_TEAM},
    {"kraken", AMB},
    {"blues", AMB},
    {"lightning", AMB},
    {"canucks", W_TEAM},
    {"capitals", AMB},
    {"huskies", W_TEAM},
    {"wolverines", W_TEAM},
    {"buckeyes", W_TEAM},
    {"spartans", AMB},
    {"hawkeyes", W_TEAM},
    {"badgers", W_TEAM},
    {"gophers", W_TEAM},
    {"wildcats", W_TEAM},
    {"hoosiers", AMB},
    {"boilermakers", W_TEAM},
    {"cornhuskers", W_TEAM},
    {"huskers", W_TEAM},
    {"terrapins", W_TEAM},
    {"bulldogs", W_TEAM},
    {"gators", W_TEAM},
    {"seminoles", AMB},
    {"longhorns", W_TEAM},
    {"aggies", W_TEAM},
    {"sooners", W_TEAM},
    {"jayhawks", W_TEAM},
    {"hokies", W_TEAM},
    {"volunteers", AMB},
    {"razorbacks", W_TEAM},
    {"gamecocks", W_TEAM},
    {"commodores", AMB},
    {"rebels", AMB},
    {"trojans", AMB},
    {"beavers", W_TEAM},
    {"cougars", W_TEAM},
    {"utes", W_TEAM},
    {"buffaloes", W_TEAM},
    {"owls", W_TEAM},
    {"bearcats", W_TEAM},
    {"mountaineers", AMB},
    {"chippewas", W_TEAM},
    {"bobcats", W_TEAM},
    {"redhawks", W_TEAM},
    {"gunners", W_TEAM},
    {"hammers", W_TEAM},
    {"toffees", W_TEAM},
    {"magpies", W_TEAM},
};

/* Words some rule starts from (CAP_TRIGGERS only when capitalised). */
#define CAP_TRIGGERS                                                                               \
  (W_WEEKDAY | W_HEAD | W_GROUP | W_BODY | W_THE | W_CORP | W_SUFFIX | W_COMPASS | W_ROLE_TITLE)
#define LOWER_TRIGGERS (W_BIZ | W_TOLD | W_POSS | W_AFTER)
#define START_BITS (CAP_TRIGGERS | LOWER_TRIGGERS | W_SPORT | W_TEAM)

/* The words above by lower-cased hash: open addressing, built once. */
#define TABLE_BITS 11
#define TABLE_SIZE (1u << TABLE_BITS)
typedef struct {
  guint64 key;
  guint32 bits;
} Slot;
static Slot table[TABLE_SIZE];
/* One bit per 12-bit slice of the hash of every listed word: most tokens
 * are no listed word, and one bit test tells them so. */
#define FILTER_BITS 12
static guint64 filter[(1u << FILTER_BITS) / 64];

/* The same for the words a rule starts from or that count as sports: the
 * first pass over the document skips the rest (function words) at once. */
static guint64 start_filter[(1u << FILTER_BITS) / 64];

static inline guint
filter_index(guint64 h)
{
  return (guint)(h >> 40) & ((1u << FILTER_BITS) - 1);
}

static void
table_init(void)
{
  static gsize done = 0;
  if (!g_once_init_enter(&done))
    return;
  for (guint k = 0; k < G_N_ELEMENTS(word_bits); k++) {
    guint64 h = wn_ent_hash_lower(word_bits[k].word, strlen(word_bits[k].word));
    guint i = (guint)(h >> 7) & (TABLE_SIZE - 1);
    while (table[i].key != 0 && table[i].key != h)
      i = (i + 1) & (TABLE_SIZE - 1);
    table[i].key = h;
    table[i].bits |= word_bits[k].bits;
    filter[filter_index(h) / 64] |= G_GUINT64_CONSTANT(1) << (filter_index(h) % 64);
    if (word_bits[k].bits & START_BITS)
      start_filter[filter_index(h) / 64] |= G_GUINT64_CONSTANT(1) << (filter_index(h) % 64);
  }
  g_once_init_leave(&done, 1);
}

static inline guint32
lookup(guint64 h)
{
  if (!(filter[filter_index(h) / 64] & (G_GUINT64_CONSTANT(1) << (filter_index(h) % 64))))
    return 0;
  guint i = (guint)(h >> 7) & (TABLE_SIZE - 1);
  while (table[i].key != 0) {
    if (table[i].key == h)
      return table[i].bits;
    i = (i + 1) & (TABLE_SIZE - 1);
  }
  return 0;
}

/* What token i's word says (W_*), looked up when a rule asks. */
#define wb(o, i) lookup((o)->toks[(i)].hlower)

/* One key per organisation the rules found, to mark its other mentions. */
typedef enum {
  KEY_TEAM,  /* a nickname or a place playing as a team */
  KEY_HEAD,  /* the last word of a newspaper-like name: "the Chronicle" */
  KEY_OWNER, /* "Disney" of "[Walt Disney]PERSON Co.": not the person */
} KeyKind;

typedef struct {
  const WnEntDoc *doc;
  const WnEntTok *toks;
  guint n;
  GArray *spans; /* WnEntSpan, sorted */
  guint *trig;   /* tokens some rule starts from, in order */
  guint n_trig;
  GArray *over;          /* decided spans (WnEntSpan) */
  GHashTable *keys;      /* run key -> KeyKind + 1 */
  guint64 key_filter[4]; /* the keys' first words (exact hash) as a 256-bit filter */
  gboolean sports;
} Orgs;

/* One past the last token of token i's sentence (binary search). */
static guint
sent_end(const Orgs *o, guint i)
{
  const guint *se = (const guint *)o->doc->sents->data;
  guint lo = 0, hi = o->doc->sents->len;
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    if (se[mid * 2 + 1] <= i)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < o->doc->sents->len && se[lo * 2] <= i ? se[lo * 2 + 1] : i + 1;
}

static inline gboolean
text_is(const Orgs *o, guint i, const char *word)
{
  return wn_ent_tok_is(o->doc, &o->toks[i], word);
}

static gboolean
is_cap(const Orgs *o, guint i)
{
  return (o->toks[i].flags & WN_ENT_TOK_CAP) && !(o->toks[i].flags & WN_ENT_TOK_HEADLINE);
}

/* The index of the span over token i, or -1: a binary search, since the
 * spans are sorted and do not overlap (their ends grow too; spans a rule
 * emptied, end == start, are skipped). */
static gint
span_index(const Orgs *o, guint i)
{
  const WnEntSpan *sp = (const WnEntSpan *)o->spans->data;
  guint lo = 0, hi = o->spans->len;
  gsize start = o->toks[i].start;
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    if (sp[mid].end <= start)
      lo = mid + 1;
    else
      hi = mid;
  }
  while (lo < o->spans->len && sp[lo].end <= sp[lo].start)
    lo++;
  return lo < o->spans->len && sp[lo].start < o->toks[i].end && sp[lo].end > start ? (gint)lo : -1;
}

static const WnEntSpan *
span_at(const Orgs *o, guint i)
{
  gint k = span_index(o, i);
  return k < 0 ? NULL : &g_array_index(o->spans, WnEntSpan, k);
}

/* The tokens of the span at token i: [*a, *b). FALSE when there is none. */
static gboolean
span_tokens(const Orgs *o, guint i, guint *a, guint *b)
{
  const WnEntSpan *s = span_at(o, i);
  if (s == NULL)
    return FALSE;
  wn_ent_doc_span_tokens(o->doc, s->start, s->end, a, b);
  return *a < *b;
}

/* Whether token i is in no span or alone in one. */
static gboolean
alone(const Orgs *o, guint i)
{
  guint a, b;
  return !span_tokens(o, i, &a, &b) || (a == i && b == i + 1);
}

/* The key of the name of tokens [a, b), as written. */
static guint64
run_key(const Orgs *o, guint a, guint b)
{
  return wn_ent_run_hash(o->toks, a, b, FALSE);
}

static void
note_key(Orgs *o, guint a, guint b, KeyKind kind)
{
  guint64 key = run_key(o, a, b), h = o->toks[a].hexact;
  o->key_filter[(h >> 20) & 3] |= G_GUINT64_CONSTANT(1) << ((h >> 32) & 63);
  if (o->keys == NULL)
    o->keys = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  if (!g_hash_table_contains(o->keys, &key))
    g_hash_table_insert(o->keys, g_memdup2(&key, sizeof key), GUINT_TO_POINTER(kind + 1));
}

static void
decide_label(Orgs *o, gsize start, gsize end, const char *label)
{
  WnEntSpan s = {start, end, label, 0.75, WN_ENT_SRC_RULE};
  g_array_append_val(o->over, s);
}

static void
decide_bytes(Orgs *o, gsize start, gsize end)
{
  decide_label(o, start, end, "ORG");
}

static void
decide(Orgs *o, guint a, guint b)
{
  decide_bytes(o, o->toks[a].start, o->toks[b - 1].end);
}

/* Tokens [a, b) are exactly one country's name in the lists. */
static gboolean
is_country_run(const Orgs *o, guint a, guint b)
{
  const WnEntTok *t = o->toks;
  if (b <= a || !(t[a].gaz_begin & WN_GAZ_COUNTRY))
    return FALSE;
  for (guint i = a + 1; i < b; i++)
    if (!(t[i].gaz_inside & WN_GAZ_COUNTRY) || (t[i].gaz_begin & WN_GAZ_COUNTRY))
      return FALSE;
  return TRUE;
}

/* The decided spans replace the spans they overlap. */
static void
apply(Orgs *o)
{
  wn_ent_spans_override(o->spans, o->over);
}

/* ---- boundaries ----------------------------------------------------------- */

/* Tokens [a, b) are one listed company phrase of two words or more. */
static gboolean
listed_phrase(const Orgs *o, guint a, guint b)
{
  const WnEntTok *t = o->toks;
  if (b - a < 2 || !(t[a].gaz_begin & WN_GAZ_COMPANY))
    return FALSE;
  for (guint i = a + 1; i < b; i++)
    if (!(t[i].gaz_inside & WN_GAZ_COMPANY) || (t[i].gaz_begin & WN_GAZ_COMPANY))
      return FALSE;
  return TRUE;
}

/* A party-state tag after a politician's name: "D-Minn", "R-Texas". */
static gboolean
is_party_tag(const Orgs *o, guint i)
{
  const char *p = o->doc->text + o->toks[i].start;
  gsize len = o->toks[i].end - o->toks[i].start;
  if (len < 4 || len > 8 || !strchr("DRI", p[0]) || p[1] != '-' || !g_ascii_isupper(p[2]))
    return FALSE;
  for (gsize k = 3; k < len; k++)
    if (!g_ascii_islower(p[k]) && !(p[k] == '.' && k + 1 == len))
      return FALSE;
  return TRUE;
}

/* "[U.S.]LOC Attorney's [Office for the Western District]ORG": one office.
 * Token t is the "'s" after the officer's title. */
static void
office_of_officer(Orgs *o, guint t)
{
  gint k = span_index(o, t + 1);
  if (k < 0)
    return;
  const WnEntSpan *s = &g_array_index(o->spans, WnEntSpan, k);
  if (!wn_ent_label_is(s->label, "ORG") || s->start != o->toks[t + 1].start ||
      !(o->toks[t + 1].gaz_inside & WN_GAZ_ORGWORD))
    return;
  /* Back over capitalised words and places: "Manhattan District", "U.S.". */
  guint a = t - 1;
  while (a > 0 && t - a < 5 && is_cap(o, a - 1) && !(wb(o, a - 1) & W_THE)) {
    const WnEntSpan *p = span_at(o, a - 1);
    guint pa, pb;
    if (p != NULL &&
        (!wn_ent_label_is(p->label, "LOC") || !span_tokens(o, a - 1, &pa, &pb) || pb != a))
      break;
    a = p != NULL ? pa : a - 1;
  }
  decide_bytes(o, o->toks[a].start, s->end);
}

/* A word after a name that makes it no entity or cuts it: "Disney+" (a
 * product), "Hong Kong dollars" (a currency), "Dow Jones Industrial Average"
 * and "Nasdaq Composite" (indexes), "[Mid-American Conference West
 * Division]" (the conference ends before the division). Token t is the
 * word; returns whether a span was emptied. */
static gboolean
no_entity_before(Orgs *o, guint t)
{
  if (t == 0)
    return FALSE;
  if (text_is(o, t, "Division") || (wb(o, t) & W_COMPASS)) {
    /* "[American League East]", "[... Conference West Division]" */
    guint c = text_is(o, t, "Division") ? t - 1 : t;
    gint k = span_index(o, t);
    guint a, b;
    if (k < 0 || !span_tokens(o, t, &a, &b) || b != t + 1 || c < a + 2 || !(wb(o, c) & W_COMPASS) ||
        !(text_is(o, c - 1, "Conference") || text_is(o, c - 1, "League")))
      return FALSE;
    WnEntSpan *s = &g_array_index(o->spans, WnEntSpan, k);
    if (wn_ent_label_is(s->label, "ORG"))
      s->end = o->toks[c - 1].end;
    return FALSE;
  }
  gint k = span_index(o, t - 1);
  if (k >= 0 && span_index(o, t) == k &&
      (text_is(o, t, "Composite") ||
       (text_is(o, t, "Industrial") && t + 1 < o->n && text_is(o, t + 1, "Average")))) {
    /* "[Nasdaq Composite]ORG", "[Dow Jones Industrial Average]ORG" */
    WnEntSpan *s = &g_array_index(o->spans, WnEntSpan, k);
    if (!wn_ent_label_is(s->label, "ORG"))
      return FALSE;
    s->end = s->start;
    return TRUE;
  }
  if (k < 0 || span_index(o, t) == k)
    return FALSE;
  WnEntSpan *s = &g_array_index(o->spans, WnEntSpan, k);
  if (s->end != o->toks[t - 1].end)
    return FALSE;
  gboolean drop;
  if (text_is(o, t, "+"))
    drop = o->toks[t].start == s->end && wn_ent_is_model_label(s->label);
  else if (o->toks[t].flags & WN_ENT_TOK_LOWER) /* "dollars" */
    drop = wn_ent_label_is(s->label, "LOC");
  else if (text_is(o, t, "Industrial")) /* "Industrial Average" */
    drop = wn_ent_label_is(s->label, "ORG") && t + 1 < o->n && text_is(o, t + 1, "Average");
  else
    drop = wn_ent_label_is(s->label, "ORG") && text_is(o, t, "Composite");
  if (drop)
    s->end = s->start;
  return drop;
}

/* Span edges: "[Twitter Tuesday]ORG" -> "Twitter"; "The Associated Press"
 * -> "Associated Press", "The We Company" -> "We Company"; "People's" goes
 * with "Liberation Army"; "[Nigerian Senate]ORG" is a nationality and an
 * institution; a party-state tag ("D-Minn") is no organisation. Spans
 * change in place (emptied ones are dropped), owners follow. */
static void
trim_edges(Orgs *o)
{
  gboolean emptied = FALSE;
  for (guint x = 0; x < o->n_trig; x++) {
    guint t = o->trig[x], a, b;
    guint32 bits = wb(o, t);
    if ((bits & W_POSS) && t >= 1 && t + 1 < o->n && (wb(o, t - 1) & W_OFFICER) &&
        is_cap(o, t - 1) && span_at(o, t) == NULL) {
      office_of_officer(o, t);
      continue;
    }
    if (bits & (W_AFTER | W_COMPASS)) {
      emptied |= no_entity_before(o, t);
      continue;
    }
    if (bits & W_POSS) {
      /* "the People's Liberation Army": the "'s" is in no span. */
      if (t < 1 || t + 1 >= o->n || !text_is(o, t - 1, "People") ||
          o->toks[t].start != o->toks[t - 1].end || span_at(o, t) != NULL ||
          span_at(o, t - 1) != NULL)
        continue;
      gint k = span_index(o, t + 1);
      if (k < 0)
        continue;
      WnEntSpan *s = &g_array_index(o->spans, WnEntSpan, k);
      if (wn_ent_label_is(s->label, "ORG") && s->start == o->toks[t + 1].start)
        s->start = o->toks[t - 1].start;
      continue;
    }
    gint k = span_index(o, t);
    if (k < 0)
      continue;
    WnEntSpan *s = &g_array_index(o->spans, WnEntSpan, k);
    if (!wn_ent_is_model_label(s->label))
      continue;
    wn_ent_doc_span_tokens(o->doc, s->start, s->end, &a, &b);
    if (b - a == 1 && wn_ent_label_is(s->label, "ORG") && is_party_tag(o, a) && a > 0 &&
        (text_is(o, a - 1, "(") || text_is(o, a - 1, ","))) {
      s->end = s->start;
      emptied = TRUE;
      continue;
    }
    if (t == b - 1 && b - a >= 2 && (bits & W_WEEKDAY) && !wn_ent_label_is(s->label, "PERSON")) {
      /* "[Supreme Court on Monday]" -> "Supreme Court" */
      guint e = t;
      while (e > a + 1 && (o->toks[e - 1].flags & WN_ENT_TOK_LOWER))
        e--;
      s->end = o->toks[e - 1].end;
      continue;
    }
    /* "[Marvel Studios]PERSON", "[Pixar Animation]LOC": companies. */
    if (t == b - 1 && b - a >= 2 && (bits & (W_CORP | W_SUFFIX)) &&
        !wn_ent_label_is(s->label, "ORG")) {
      s->label = "ORG";
      continue;
    }
    if (!wn_ent_label_is(s->label, "ORG"))
      continue;
    /* "[House of Representatives Speaker]ORG": the title is no part of the
     * body ("the Office of the Commissioner" keeps it). */
    if (t == b - 1 && b - a >= 2 && (bits & W_ROLE_TITLE) &&
        !(wb(o, t - 1) & (W_THE | W_PLACE_PREP)) && is_cap(o, t - 1)) {
      s->end = o->toks[t - 1].end;
      continue;
    }
    /* Only for companies (a listed name, a corporate suffix): web text
     * writes "The Mozilla Foundation" as the name is. */
    if (t == a && b - a >= 2 && (bits & W_THE) && is_cap(o, a + 1) &&
        (listed_phrase(o, a + 1, b) || (wb(o, b - 1) & W_SUFFIX))) {
      s->start = o->toks[a + 1].start;
      continue;
    }
    if (t == b - 1 && b - a == 2 && (o->toks[a].gaz_begin & WN_GAZ_NORP) &&
        !(o->toks[t].gaz_inside & WN_GAZ_NORP) && (bits & W_BODY)) {
      s->start = o->toks[t].start;
      decide_label(o, o->toks[a].start, o->toks[a].end, "NORP");
    }
  }
  if (emptied)
    wn_ent_spans_drop_empty(o->spans);
}

/* "the Burbank entertainment giant", "a Forest Hill hotel room": a listed
 * place the model called an organisation, between an article and a common
 * noun, is the place. */
static void
places_as_modifiers(Orgs *o)
{
  if (o->sports)
    return; /* "a Tottenham shirt", "the Cleveland defense": teams */
  for (guint k = 0; k < o->spans->len; k++) {
    WnEntSpan *s = &g_array_index(o->spans, WnEntSpan, k);
    if (!wn_ent_label_is(s->label, "ORG") || s->source != WN_ENT_SRC_MODEL)
      continue;
    guint a, b;
    wn_ent_doc_span_tokens(o->doc, s->start, s->end, &a, &b);
    if (a == 0 || b >= o->n || !(wb(o, a - 1) & (W_THE | W_ARTICLE)) ||
        !(o->toks[a - 1].flags & WN_ENT_TOK_LOWER) || !(o->toks[b].flags & WN_ENT_TOK_LOWER) ||
        (wb(o, b) & (W_BIZ | W_ROLE | W_EVENT | W_FUNC | W_TEAM_PREP | W_PLACE_PREP)) ||
        !(o->toks[b].flags & WN_ENT_TOK_ALNUM))
      continue;
    /* "the White House under ...": an institution. */
    gboolean place = !(wb(o, b - 1) & W_BODY) && !text_is(o, b - 1, "House");
    for (guint i = a; i < b && place; i++)
      place = (o->toks[i].gaz_inside & (WN_GAZ_CITY | WN_GAZ_REGION)) &&
              !(o->toks[i].gaz_inside & (WN_GAZ_COMPANY | WN_GAZ_ORGWORD));
    if (place)
      s->label = "LOC";
  }
}

/* "told the Argus Leader", "told The Hill": what takes an article after
 * "told" is no person. */
static void
told_outlets(Orgs *o)
{
  for (guint x = 0; x < o->n_trig; x++) {
    guint i = o->trig[x];
    if (!(wb(o, i) & W_TOLD) || i + 2 >= o->n)
      continue;
    if (!(wb(o, i + 1) & W_THE)) {
      /* "told Ruptly that": a word no list knows, that no rule found a
       * person, alone after "told" is an outlet. */
      guint j = i + 1;
      const WnEntTok *t = &o->toks[j];
      if (is_cap(o, j) && !(t->flags & (WN_ENT_TOK_ALLCAPS | WN_ENT_TOK_SENT_START)) &&
          !(t->gaz_inside & (WN_GAZ_FIRST | WN_GAZ_LAST | WN_GAZ_TITLE | WN_GAZ_CITY |
                             WN_GAZ_REGION | WN_GAZ_COUNTRY | WN_GAZ_NORP)) &&
          span_at(o, j) == NULL && j + 1 < o->n && !is_cap(o, j + 1) &&
          !(o->toks[j + 1].flags & WN_ENT_TOK_SENT_START))
        decide(o, j, j + 1);
      continue;
    }
    guint j = i + 2, end = sent_end(o, i), a, b;
    const WnEntSpan *s = span_at(o, i + 1);
    if (s != NULL) {
      /* "[The Hill]LOC" */
      if (!span_tokens(o, i + 1, &a, &b) || a != i + 1 || b < i + 3 ||
          !wn_ent_is_model_label(s->label) || wn_ent_label_is(s->label, "PERSON") ||
          is_country_run(o, i + 2, b))
        continue;
      if (!wn_ent_label_is(s->label, "ORG"))
        decide(o, i + 2, b);
      continue;
    }
    if (j >= end || !is_cap(o, j) || (o->toks[j].gaz_inside & (WN_GAZ_FIRST | WN_GAZ_TITLE)))
      continue;
    guint k = j;
    gboolean ok = TRUE;
    while (k < end && k < j + 3 && is_cap(o, k) && !(wb(o, k) & W_WEEKDAY)) {
      const WnEntSpan *t = span_at(o, k);
      if (t != NULL && (!wn_ent_is_model_label(t->label) || wn_ent_label_is(t->label, "PERSON") ||
                        !span_tokens(o, k, &a, &b) || a < j))
        ok = FALSE;
      if (t != NULL && ok)
        k = b;
      else
        k++;
      if (!ok)
        break;
    }
    if (!ok || k == j || (k < end && is_cap(o, k) && !(wb(o, k) & W_WEEKDAY)) ||
        is_country_run(o, j, k))
      continue;
    const WnEntSpan *t = span_at(o, j);
    if (t == NULL || !wn_ent_label_is(t->label, "ORG") || t->end != o->toks[k - 1].end)
      decide(o, j, k);
  }
}

/* ---- organisation heads ----------------------------------------------------- */

/* Whether token j names a person or a title (so what comes before it is a
 * title: "Attorney General Letitia James"). */
static gboolean
starts_person(const Orgs *o, guint j)
{
  if (j >= o->n || !is_cap(o, j))
    return FALSE;
  const WnEntSpan *s = span_at(o, j);
  return (s != NULL && wn_ent_label_is(s->label, "PERSON")) ||
         (o->toks[j].gaz_inside & (WN_GAZ_FIRST | WN_GAZ_TITLE));
}

/* A LOC, NORP or ORG span (index k) followed by up to three capitalised
 * words the last of which ends organisation names. */
static gboolean
grow_span(Orgs *o, guint k)
{
  const WnEntSpan *s = &g_array_index(o->spans, WnEntSpan, k);
  gboolean norp = wn_ent_label_is(s->label, "NORP"), person = wn_ent_label_is(s->label, "PERSON");
  if (!norp && !person && !wn_ent_label_is(s->label, "LOC") && !wn_ent_label_is(s->label, "ORG"))
    return FALSE;
  guint a, b;
  wn_ent_doc_span_tokens(o->doc, s->start, s->end, &a, &b);
  if (a >= b || (o->toks[a].flags & WN_ENT_TOK_HEADLINE))
    return FALSE;
  guint end = sent_end(o, a), head = 0;
  /* "[Harrow]LOC Pictures", "[Kestrel]PERSON Animation": company words go
   * after any name. */
  guint32 want = norp ? W_GROUP : person ? (W_CORP | W_SUFFIX) : (W_HEAD | W_CORP | W_SUFFIX);
  for (guint j = b; j < end && j < b + 3 && is_cap(o, j); j++) {
    const WnEntSpan *t = span_at(o, j);
    if (t != NULL && !wn_ent_is_model_label(t->label))
      break;
    /* "[Asian] Development Bank": with a word between, a nationality's
     * body is a name of its own (but "[Nigerian] [Senate]"). */
    guint32 w = want | (norp && j > b ? (W_HEAD | W_CORP | W_SUFFIX) : 0);
    if (!(wb(o, j) & w) || (text_is(o, j, "General") && !text_is(o, j - 1, "Attorney")))
      continue;
    /* "PGA Tour", not "the Doobie Brothers Tour" (a band's tour). */
    if (text_is(o, j, "Tour") && !(o->toks[a].flags & WN_ENT_TOK_ALLCAPS))
      continue;
    head = j + 1;
  }
  /* "the U.S. Attorney General" is the country and a title. */
  if (head == 0 || (text_is(o, head - 1, "General") && is_country_run(o, a, b)))
    return FALSE;
  /* "Fort Worth Police Department": more organisation words go with it. */
  while (head < end && head < b + 5 && is_cap(o, head) &&
         (o->toks[head].gaz_inside & WN_GAZ_ORGWORD))
    head++;
  if (starts_person(o, head))
    return FALSE;
  /* No span may reach past the new one's end. */
  guint c, d;
  for (guint j = b; j < head; j++)
    if (span_tokens(o, j, &c, &d) && d > head)
      return FALSE;
  decide(o, a, head);
  /* "[Walt Disney]PERSON Co.": the lone "Disney" that the document rules
   * took for the person's surname is the company. */
  if (person && b - a >= 2)
    note_key(o, b - 1, b, KEY_OWNER);
  if (wb(o, head - 1) & W_PAPER)
    note_key(o, head - 1, head, KEY_HEAD);
  return TRUE;
}

/* From each head word, the spans that end up to three tokens before it,
 * farthest first. */
static void
grow_heads(Orgs *o)
{
  for (guint x = 0; x < o->n_trig; x++) {
    guint j = o->trig[x];
    if (!(wb(o, j) & (W_HEAD | W_GROUP | W_CORP | W_SUFFIX)) || !is_cap(o, j))
      continue;
    for (guint b = j > 2 ? j - 2 : 1; b <= j; b++) {
      gint k = span_index(o, b - 1);
      if (k < 0 || (b < o->n && span_index(o, b) == k))
        continue;
      if (grow_span(o, (guint)k))
        break;
    }
  }
}

/* ---- sports ------------------------------------------------------------------ */

/* A score or a record: "45-17", "4-1", "14-0-1" (one to three digits each). */
static gboolean
is_score(const Orgs *o, guint i)
{
  const char *s = o->doc->text + o->toks[i].start;
  gsize len = o->toks[i].end - o->toks[i].start, k = 0, d1 = 0, d2 = 0;
  while (k < len && g_ascii_isdigit(s[k]))
    k++, d1++;
  if (k >= len || s[k] != '-')
    return FALSE;
  k++;
  while (k < len && g_ascii_isdigit(s[k]))
    k++, d2++;
  if (k < len && s[k] == '-' && d2 >= 1 && d2 <= 3) {
    /* a record: "14-0-1" */
    k++;
    d2 = 0;
    while (k < len && g_ascii_isdigit(s[k]))
      k++, d2++;
  }
  return k == len && d1 >= 1 && d1 <= 3 && d2 >= 1 && d2 <= 3;
}

/* The capitalised run just before token i in its sentence (at most three
 * words, not a person), for "Buffalo Sabres": its first token, or i. */
static guint
place_before(const Orgs *o, guint first, guint i)
{
  if (i == 0 || i <= first)
    return i;
  guint a, b;
  if (span_tokens(o, i - 1, &a, &b) && b == i) {
    const WnEntSpan *s = span_at(o, i - 1);
    if (wn_ent_label_is(s->label, "LOC") || wn_ent_label_is(s->label, "ORG"))
      return a >= first ? a : i;
    return i;
  }
  guint p = i;
  while (p > first && i - p < 3 && is_cap(o, p - 1) && span_at(o, p - 1) == NULL &&
         (o->toks[p - 1].gaz_inside & (WN_GAZ_CITY | WN_GAZ_REGION)))
    p--;
  return p;
}

/* Nicknames: "the Sabres", "Wild coach Bruce Boudreau", "Buffalo Sabres". */
static void
team_nicknames(Orgs *o, guint first, guint last)
{
  for (guint i = first; i < last; i++) {
    if (!(wb(o, i) & W_TEAM) || !is_cap(o, i) || (o->toks[i].flags & WN_ENT_TOK_ALLCAPS))
      continue;
    guint a, b, p = i;
    if (span_tokens(o, i, &a, &b) && (a < i || b > i + 1)) {
      /* "[Buffalo Sabres]LOC": the place and the nickname. */
      if (b != i + 1 || !wn_ent_label_is(span_at(o, i)->label, "LOC"))
        continue; /* inside a longer organisation or person */
      p = a;
    } else {
      p = place_before(o, first, i);
    }
    gboolean cue = p < i || !(wb(o, i) & W_AMBIG);
    /* "the Wild's 4-1 win", "Wild coach", "gave the Wild a lead". */
    if (!cue && i + 1 < last)
      cue = (wb(o, i + 1) & (W_ROLE | W_POSS)) != 0;
    if (!cue && i > first && (wb(o, i - 1) & W_THE))
      cue = i + 1 >= last || !is_cap(o, i + 1);
    if (!cue)
      continue;
    decide(o, p, i + 1);
    note_key(o, i, i + 1, KEY_TEAM);
    if (p < i)
      note_key(o, p, i + 1, KEY_TEAM);
  }
}

/* "Browns-Steelers game": two nicknames in one token. */
static void
team_pairs(Orgs *o, guint first, guint last)
{
  for (guint i = first; i < last; i++) {
    if (!is_cap(o, i) || !(o->toks[i].flags & WN_ENT_TOK_ALNUM))
      continue;
    const char *s = o->doc->text + o->toks[i].start;
    gsize len = o->toks[i].end - o->toks[i].start;
    const char *dash = memchr(s, '-', len);
    if (dash == NULL || dash == s || dash + 1 == s + len || !g_ascii_isupper(dash[1]))
      continue;
    gsize l1 = dash - s, l2 = len - l1 - 1;
    guint32 b1 = lookup(wn_ent_hash_lower(s, l1)), b2 = lookup(wn_ent_hash_lower(dash + 1, l2));
    if ((b1 & W_TEAM) && (b2 & W_TEAM)) {
      decide_bytes(o, o->toks[i].start, o->toks[i].start + l1);
      decide_bytes(o, o->toks[i].start + l1 + 1, o->toks[i].end);
    }
  }
}

/* A place span [a, b) in a sentence [first, last) acting as a team. */
static gboolean
place_is_team(const Orgs *o, guint first, guint last, guint a, guint b, gboolean scored)
{
  if (b == a + 1 && (wb(o, a) & W_NATION))
    return FALSE; /* "Wales beat Hungary 2-0": national sides are places */
  if (b < last) {
    guint32 next = wb(o, b);
    /* "The Pittsburgh quarterback", "Minnesota's game at Northwestern". */
    if ((next & W_ROLE) && (o->toks[b].flags & WN_ENT_TOK_LOWER))
      return TRUE;
    if ((next & W_POSS) && b + 1 < last && (wb(o, b + 1) & (W_ROLE | W_EVENT)))
      return TRUE;
    /* "Eastern Michigan rolled past ..., 45-17" */
    if (scored && (next & W_RESULT))
      return TRUE;
    /* "Denver plays at Phoenix on Saturday" */
    if ((next & W_PLAY) && (o->toks[b].flags & WN_ENT_TOK_LOWER))
      return TRUE;
  }
  if (a > first) {
    guint32 prev = wb(o, a - 1);
    guint q = a - 1;
    if (prev & W_THE && q > first)
      prev = wb(o, --q);
    if (prev & W_TEAM_PREP) {
      /* "game at Northwestern", "carries for Eastern Michigan" */
      guint32 want = text_is(o, q, "for") ? (W_EVENT | W_STAT) : W_EVENT;
      if (q > first && (wb(o, q - 1) & want))
        return TRUE;
      if (scored && q > first && (wb(o, q - 1) & W_RESULT))
        return TRUE; /* "rolled past Northern Illinois, 45-17" */
    }
    if (scored && (prev & W_RESULT))
      return TRUE; /* "beat Northern Illinois 45-17" */
    if ((prev & W_PLAY) || ((prev & W_TEAM_PREP) && q > first && (wb(o, q - 1) & W_PLAY)))
      return TRUE; /* "Liverpool play Chelsea", "plays at Phoenix" */
    if ((prev & W_LIFT) && q > first && text_is(o, q - 1, "to"))
      return TRUE; /* "added three assists to lead Boston" */
  }
  /* "Minnesota beat Buffalo": a place on each side of the verb. */
  const WnEntSpan *s;
  if (b + 1 < last && (wb(o, b) & W_BEAT) && (s = span_at(o, b + 1)) != NULL &&
      (wn_ent_label_is(s->label, "LOC") || wn_ent_label_is(s->label, "ORG")))
    return TRUE;
  if (a >= first + 2 && (wb(o, a - 1) & W_BEAT) && (s = span_at(o, a - 2)) != NULL &&
      (wn_ent_label_is(s->label, "LOC") || wn_ent_label_is(s->label, "ORG")))
    return TRUE;
  return FALSE;
}

static void
sports(Orgs *o)
{
  for (guint s = 0; s < o->doc->sents->len; s++) {
    const guint *se = &g_array_index(o->doc->sents, guint, s * 2);
    guint first = se[0], last = se[1];
    if (first >= last || (o->toks[first].flags & WN_ENT_TOK_HEADLINE))
      continue;
    team_nicknames(o, first, last);
    team_pairs(o, first, last);
    gboolean scored = FALSE;
    for (guint i = first; i < last && !scored; i++)
      scored = (o->toks[i].flags & WN_ENT_TOK_DIGIT) && is_score(o, i);
    for (guint i = first; i < last; i++) {
      guint a, b;
      if (span_at(o, i) == NULL) {
        /* "carries for NIU": a school's initials. */
        const WnEntTok *t = &o->toks[i];
        if ((t->flags & WN_ENT_TOK_ALLCAPS) && !(t->flags & WN_ENT_TOK_DIGIT) &&
            t->end - t->start >= 2 && t->end - t->start <= 5 && !(t->gaz_inside & WN_GAZ_COUNTRY) &&
            place_is_team(o, first, last, i, i + 1, scored)) {
          decide(o, i, i + 1);
          note_key(o, i, i + 1, KEY_TEAM);
        }
        continue;
      }
      if (!span_tokens(o, i, &a, &b) || a != i)
        continue;
      const WnEntSpan *sp = span_at(o, i);
      /* "the Middle [Tennessee]LOC quarterback": the school's whole name. */
      if (a > first && (wb(o, a - 1) & W_DIRECTION) && is_cap(o, a - 1) &&
          span_at(o, a - 1) == NULL)
        a--;
      /* "The [Denver]PERSON coach": a listed city the model read as a name. */
      gboolean place = wn_ent_label_is(sp->label, "LOC");
      if (!place && wn_ent_label_is(sp->label, "PERSON")) {
        place = TRUE;
        for (guint t = a; t < b; t++)
          place = place && (o->toks[t].gaz_inside & (WN_GAZ_CITY | WN_GAZ_REGION));
      }
      if (place && b <= last && !is_country_run(o, a, b) &&
          place_is_team(o, first, last, a, b, scored)) {
        decide(o, a, b);
        note_key(o, a, b, KEY_TEAM);
      }
      i = b - 1;
    }
    /* "the Big Ten's leading passer" */
    for (guint i = first; i + 1 < last; i++)
      if (text_is(o, i, "Big") &&
          (text_is(o, i + 1, "Ten") || text_is(o, i + 1, "East") || text_is(o, i + 1, "12")) &&
          alone(o, i))
        decide(o, i, i + 2);
  }
}

/* ---- companies known by what the document says about them -------------------- */

/* Token i could be a one-word company name no list knows. */
static gboolean
company_candidate(const Orgs *o, guint i)
{
  const WnEntTok *t = &o->toks[i];
  if (!is_cap(o, i) || (t->flags & WN_ENT_TOK_DIGIT) || t->end - t->start < 3 ||
      ((t->flags & WN_ENT_TOK_ALLCAPS) && t->end - t->start > 5))
    return FALSE;
  if (t->gaz_inside & (WN_GAZ_FIRST | WN_GAZ_TITLE | WN_GAZ_NORP | WN_GAZ_COUNTRY | WN_GAZ_REGION |
                       WN_GAZ_CITY | WN_GAZ_ORGWORD))
    return FALSE;
  if (wb(o, i) & (W_TEAM | W_WEEKDAY | W_HEAD | W_BIZ))
    return FALSE;
  /* Alone: not part of a longer name. */
  if (i > 0 && is_cap(o, i - 1) && !(o->toks[i].flags & WN_ENT_TOK_SENT_START) &&
      !(wb(o, i - 1) & (W_ARTICLE | W_THE)))
    return FALSE;
  if (i + 1 < o->n && is_cap(o, i + 1) && !(o->toks[i + 1].flags & WN_ENT_TOK_SENT_START) &&
      !(wb(o, i + 1) & W_BIZ))
    return FALSE; /* but "Acme CEO Jo Smith" */
  if (!alone(o, i))
    return FALSE;
  const WnEntSpan *s = span_at(o, i);
  return s == NULL || wn_ent_label_is(s->label, "ORG") ||
         ((wn_ent_label_is(s->label, "PERSON") || wn_ent_label_is(s->label, "LOC")) &&
          !(t->gaz_inside & WN_GAZ_LAST));
}

/* Words that some rule found to be people or that the document writes in
 * lower case cannot be companies; returns the candidates' keys that hold. */
static void
companies(Orgs *o)
{
  g_autoptr(GHashTable) cand = NULL;
  /* The candidates' hashes as a 256-bit filter, so the passes over the
   * document probe the table for few tokens. */
  guint64 seen[4] = {0, 0, 0, 0};
  /* "Acme shares", "an Acme spokesperson", "Acme's founder", "Acme CEO
   * Jo Smith", "Acme's initial public offering"; "shares of Acme". */
  for (guint x = 0; x < o->n_trig; x++) {
    guint j = o->trig[x], i;
    guint32 f = o->toks[j].flags;
    /* Title case only in "Acme Chief Executive Jo Smith". */
    gboolean first = (f & WN_ENT_TOK_SENT_START) != 0;
    gboolean titled = (f & WN_ENT_TOK_CAP) && !(f & WN_ENT_TOK_ALLCAPS) && !first;
    if (!(wb(o, j) & W_BIZ) ||
        (titled && !(text_is(o, j, "Chief") && j + 1 < o->n &&
                     (text_is(o, j + 1, "Executive") || text_is(o, j + 1, "Financial") ||
                      text_is(o, j + 1, "Operating")))))
      continue;
    gboolean cue = FALSE;
    if (j > 0 && !first) {
      i = j - 1;
      if ((wb(o, i) & W_POSS) && i > 0 && !(o->toks[i].flags & WN_ENT_TOK_SENT_START))
        i--;
      cue = company_candidate(o, i);
    }
    /* "shares of Acme", "analysts at Acme", "a stake in Acme" */
    if (!cue && !titled && j + 2 < o->n && !text_is(o, j, "chief") && !text_is(o, j, "leader") &&
        !(o->toks[j].flags & WN_ENT_TOK_ALLCAPS) &&
        (text_is(o, j + 1, "of") || text_is(o, j + 1, "at") || text_is(o, j + 1, "in")) &&
        !(o->toks[j + 2].flags & WN_ENT_TOK_SENT_START)) {
      i = j + 2;
      cue = company_candidate(o, i);
    }
    if (cue) {
      if (cand == NULL)
        cand = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
      guint64 key = o->toks[i].hlower;
      seen[(key >> 20) & 3] |= G_GUINT64_CONSTANT(1) << ((key >> 32) & 63);
      if (!g_hash_table_contains(cand, &key))
        g_hash_table_insert(cand, g_memdup2(&key, sizeof key), GUINT_TO_POINTER(1));
    }
  }
  if (cand == NULL)
    return;
#define MAYBE_CAND(h) (seen[((h) >> 20) & 3] & (G_GUINT64_CONSTANT(1) << (((h) >> 32) & 63)))
  /* 1: seen capitalised inside a sentence ("Leading shares closed" is not a
   * company); 2: written in lower case or part of a person's name. */
  for (guint i = 0; i < o->n; i++) {
    const WnEntTok *t = &o->toks[i];
    if (!MAYBE_CAND(t->hlower))
      continue;
    gpointer v = g_hash_table_lookup(cand, &t->hlower);
    if (v == NULL)
      continue;
    guint state = GPOINTER_TO_UINT(v);
    const WnEntSpan *s = span_at(o, i);
    if ((t->flags & WN_ENT_TOK_LOWER) ||
        (s != NULL && wn_ent_label_is(s->label, "PERSON") && !alone(o, i)))
      state |= 4;
    else if (is_cap(o, i) && !(t->flags & WN_ENT_TOK_SENT_START))
      state |= 2;
    g_hash_table_insert(cand, g_memdup2(&t->hlower, sizeof t->hlower), GUINT_TO_POINTER(state));
  }
  for (guint i = 0; i < o->n; i++) {
    if (!MAYBE_CAND(o->toks[i].hlower) ||
        GPOINTER_TO_UINT(g_hash_table_lookup(cand, &o->toks[i].hlower)) != 3 ||
        !company_candidate(o, i))
      continue;
    /* Not "Acme+", the product. */
    if (i + 1 < o->n && o->toks[i + 1].start == o->toks[i].end && text_is(o, i + 1, "+"))
      continue;
    const WnEntSpan *s = span_at(o, i);
    if (s == NULL || !wn_ent_label_is(s->label, "ORG"))
      decide(o, i, i + 1);
  }
#undef MAYBE_CAND
}

/* ---- other mentions ------------------------------------------------------------ */

/* Marks the other mentions of the teams and newspapers found above: a lone
 * "the Chronicle", a nickname, a place that played as a team (not "in
 * Cleveland", nor a dateline). */
static void
mentions(Orgs *o)
{
  for (guint s = 0; s < o->doc->sents->len; s++) {
    const guint *se = &g_array_index(o->doc->sents, guint, s * 2);
    guint first = se[0], last = se[1];
    if (first >= last || (o->toks[first].flags & WN_ENT_TOK_HEADLINE))
      continue;
    for (guint i = first; i < last; i++) {
      guint64 h = o->toks[i].hexact;
      if (!is_cap(o, i) ||
          !(o->key_filter[(h >> 20) & 3] & (G_GUINT64_CONSTANT(1) << ((h >> 32) & 63))))
        continue;
      guint a = i, b = i + 1;
      const WnEntSpan *sp = span_at(o, i);
      if (sp != NULL) {
        span_tokens(o, i, &a, &b);
        if (a != i) {
          i = b - 1;
          continue;
        }
      }
      gpointer kind = g_hash_table_lookup(o->keys, &(guint64){run_key(o, a, b)});
      if (kind == NULL || (sp != NULL && wn_ent_label_is(sp->label, "ORG")) ||
          (sp != NULL && !wn_ent_is_model_label(sp->label) &&
           !wn_ent_label_is(sp->label, "NORP"))) {
        i = b - 1;
        continue;
      }
      KeyKind k = GPOINTER_TO_UINT(kind) - 1;
      gboolean ok;
      if (k == KEY_OWNER)
        ok = b == a + 1 && (sp == NULL || wn_ent_label_is(sp->label, "PERSON")) &&
             !(b < last && is_cap(o, b)) &&
             !(b < last && o->toks[b].start == o->toks[a].end && text_is(o, b, "+"));
      else if (k == KEY_HEAD)
        ok = b == a + 1 && a > first && (wb(o, a - 1) & W_THE) &&
             !(a + 1 < last && is_cap(o, a + 1));
      else
        ok = !(a > first && (wb(o, a - 1) & W_PLACE_PREP)) &&
             !(b < last && (text_is(o, b, ",") || text_is(o, b, "\xe2\x80\x94"))) &&
             !(b < last && is_cap(o, b) && sp == NULL);
      if (ok)
        decide(o, a, b);
      i = b - 1;
    }
  }
}

void
wn_ent_orgs(const WnEntDoc *doc, GArray *spans)
{
  Orgs o = {
      .doc = doc, .toks = (const WnEntTok *)doc->toks->data, .n = doc->toks->len, .spans = spans};
  if (o.n == 0 || doc->sents->len == 0)
    return;
  table_init();
  g_autofree guint *trig = g_new(guint, o.n);
  g_autoptr(GArray) over = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
  g_autoptr(GHashTable) keys = NULL;
  o.trig = trig;
  o.over = over;

  guint n_sport = 0, n_trig = 0;
  for (guint i = 0; i < o.n; i++) {
    const WnEntTok *t = &o.toks[i];
    guint fi = filter_index(t->hlower);
    if (G_UNLIKELY(start_filter[fi / 64] & (G_GUINT64_CONSTANT(1) << (fi % 64)))) {
      guint32 b = lookup(t->hlower);
      gboolean cap = (t->flags & WN_ENT_TOK_CAP) && !(t->flags & WN_ENT_TOK_HEADLINE);
      n_sport += (b & W_SPORT) != 0;
      n_sport += (b & (W_TEAM | W_AMBIG)) == W_TEAM && cap;
      if ((b & LOWER_TRIGGERS) || ((b & CAP_TRIGGERS) && cap)) {
        trig[n_trig++] = i;
        continue;
      }
    }
    if (G_UNLIKELY(t->flags & WN_ENT_TOK_DIGIT)) {
      n_sport += is_score(&o, i);
    } else if ((t->flags & WN_ENT_TOK_CAP) && t->end - t->start >= 4 &&
               doc->text[t->start + 1] == '-') {
      trig[n_trig++] = i; /* a party-state tag ("D-Minn") or a team pair */
    }
  }
  o.n_trig = n_trig;
  o.sports = n_sport >= 4;

  trim_edges(&o);
  places_as_modifiers(&o);
  grow_heads(&o);
  told_outlets(&o);
  apply(&o);
  if (o.sports) {
    sports(&o);
    apply(&o);
  }
  companies(&o);
  apply(&o);
  if (o.keys != NULL) {
    keys = o.keys; /* freed on return */
    mentions(&o);
    apply(&o);
  }
}
