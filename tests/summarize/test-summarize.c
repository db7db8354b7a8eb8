/* test-summarize.c: the summarizer's algorithm through its internal C API:
 * budgets, order, determinism, groups without repetition, degenerate input and
 * the linear growth of its work on long documents. */
#include "fixture.h"
#include "summarize.h"

#include <string.h>

static const WnSumMethod all_methods[] = {WN_SUM_SALIENCE, WN_SUM_LEAD, WN_SUM_TEXTRANK,
                                          WN_SUM_LEXRANK};

static WnSumDoc
as_input(const FixtureDoc *f)
{
  return (WnSumDoc){f->id, f->text, f->len, (const WnSpan *)f->sentences->data, f->sentences->len,
                    NULL,  0,       NULL};
}

static GArray *
summarize_one(const WnSumConfig *cfg, const FixtureDoc *f, WnSumStats *stats)
{
  const WnSumDoc in = as_input(f);
  g_autoptr(GError) error = NULL;
  GArray *picks = wn_summarize(cfg, &in, 1, stats, &error);
  g_assert_no_error(error);
  g_assert_nonnull(picks);
  return picks;
}

static guint
picked_words(const GArray *picks)
{
  guint n = 0;
  for (guint k = 0; k < picks->len; k++)
    n += g_array_index(picks, WnSumPick, k).n_words;
  return n;
}

/* Picks are sentences of the input, in document order, each once. */
static void
assert_valid_picks(const GArray *picks, const WnSumDoc *docs, gsize n_docs)
{
  for (guint k = 0; k < picks->len; k++) {
    const WnSumPick *p = &g_array_index(picks, WnSumPick, k);
    g_assert_cmpuint(p->doc, <, n_docs);
    g_assert_cmpuint(p->sentence, <, docs[p->doc].n_sentences);
    g_assert_cmpuint(p->start, ==, docs[p->doc].sentences[p->sentence].start);
    g_assert_cmpuint(p->end, ==, docs[p->doc].sentences[p->sentence].end);
    g_assert_cmpuint(p->n_words, ==,
                     wn_sum_count_words(docs[p->doc].text + p->start, p->end - p->start));
    g_assert_cmpfloat(p->score, >=, 0.0);
    g_assert_cmpfloat(p->score, <=, 1.0);
    if (k > 0) {
      const WnSumPick *q = &g_array_index(picks, WnSumPick, k - 1);
      g_assert_true(q->doc < p->doc || (q->doc == p->doc && q->start < p->start));
    }
  }
}

static void
test_budget_sentences(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  const WnSumDoc in = as_input(f);
  g_assert_cmpuint(f->sentences->len, >=, 15);
  for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++)
    for (guint k = 1; k <= 8; k++) {
      WnSumConfig cfg;
      wn_sum_config_init(&cfg);
      cfg.method = all_methods[m];
      cfg.max_sentences = k;
      g_autoptr(GArray) picks = summarize_one(&cfg, f, NULL);
      g_assert_cmpuint(picks->len, ==, k);
      assert_valid_picks(picks, &in, 1);
    }
}

static void
test_budget_words(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  const WnSumDoc in = as_input(f);
  guint shortest = G_MAXUINT;
  for (guint s = 0; s < f->sentences->len; s++) {
    const WnSpan *sp = &g_array_index(f->sentences, WnSpan, s);
    const guint w = wn_sum_count_words(f->text + sp->start, sp->end - sp->start);
    if (w >= 5)
      shortest = MIN(shortest, w);
  }
  for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++)
    for (guint budget = 1; budget <= 400; budget += 7) {
      WnSumConfig cfg;
      wn_sum_config_init(&cfg);
      cfg.method = all_methods[m];
      cfg.max_sentences = 0;
      cfg.max_words = budget;
      g_autoptr(GArray) picks = summarize_one(&cfg, f, NULL);
      assert_valid_picks(picks, &in, 1);
      /* Never over the budget, counted on the actual text of the picks. */
      guint words = 0;
      for (guint k = 0; k < picks->len; k++) {
        const WnSumPick *p = &g_array_index(picks, WnSumPick, k);
        words += wn_sum_count_words(f->text + p->start, p->end - p->start);
      }
      g_assert_cmpuint(words, <=, budget);
      g_assert_cmpuint(words, ==, picked_words(picks));
      /* A budget that holds the shortest eligible sentence gets a summary. */
      if (budget >= shortest)
        g_assert_cmpuint(picks->len, >=, 1);
      else
        g_assert_cmpuint(picks->len, ==, 0);
    }
}

static void
test_budget_ratio(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  guint total = 0;
  for (guint s = 0; s < f->sentences->len; s++) {
    const WnSpan *sp = &g_array_index(f->sentences, WnSpan, s);
    const guint w = wn_sum_count_words(f->text + sp->start, sp->end - sp->start);
    total += w >= 5 ? w : 0;
  }
  const double ratios[] = {0.05, 0.2, 0.5, 1.0};
  for (guint r = 0; r < G_N_ELEMENTS(ratios); r++) {
    WnSumConfig cfg;
    wn_sum_config_init(&cfg);
    cfg.max_sentences = 0;
    cfg.ratio = ratios[r];
    g_autoptr(GArray) picks = summarize_one(&cfg, f, NULL);
    g_assert_cmpuint(picked_words(picks), <=, (guint)(ratios[r] * total));
    g_assert_cmpuint(picks->len, >, 0);
  }
  /* Two budgets at once: the tighter one wins. */
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 2;
  cfg.max_words = 1000;
  g_autoptr(GArray) two = summarize_one(&cfg, f, NULL);
  g_assert_cmpuint(two->len, ==, 2);
}

static void
test_order_and_lead(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.method = WN_SUM_LEAD;
  cfg.max_sentences = 4;
  g_autoptr(GArray) picks = summarize_one(&cfg, f, NULL);
  /* Lead takes the first sentences long enough to count (the headline is). */
  guint expected = 0;
  for (guint k = 0; k < picks->len; k++) {
    const WnSumPick *p = &g_array_index(picks, WnSumPick, k);
    const WnSpan *sp = &g_array_index(f->sentences, WnSpan, expected);
    while (wn_sum_count_words(f->text + sp->start, sp->end - sp->start) < 5)
      sp = &g_array_index(f->sentences, WnSpan, ++expected);
    g_assert_cmpuint(p->sentence, ==, expected);
    expected++;
  }
  /* The default method's picks come out in text order, whatever their rank. */
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 6;
  g_autoptr(GArray) sal = summarize_one(&cfg, f, NULL);
  const WnSumDoc in = as_input(f);
  assert_valid_picks(sal, &in, 1);
  gboolean rank_differs_from_order = FALSE;
  for (guint k = 0; k < sal->len; k++)
    rank_differs_from_order |= g_array_index(sal, WnSumPick, k).rank != k;
  g_assert_true(rank_differs_from_order);
}

/* A sentence that only repeats the document's title is not chosen. */
static void
test_title(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  const WnSpan *first = &g_array_index(f->sentences, WnSpan, 0);
  g_autofree char *title = fixture_span_text(f, first->start, first->end);
  g_assert_true(g_str_has_prefix(title, "Harbour City Council Approves"));
  WnSumDoc in = as_input(f);
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.method = WN_SUM_LEAD;
  cfg.max_sentences = 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lead = wn_summarize(&cfg, &in, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(g_array_index(lead, WnSumPick, 0).sentence, ==, 0);
  /* Given as the title (whitespace around it does not matter). */
  in.title = "  Harbour City Council Approves Northern Tram Line After Eight-Hour Debate\n";
  g_autoptr(GArray) lead2 = wn_summarize(&cfg, &in, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(g_array_index(lead2, WnSumPick, 0).sentence, ==, 1);
  for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++) {
    cfg.method = all_methods[m];
    cfg.max_sentences = 0;
    g_autoptr(GArray) all = wn_summarize(&cfg, &in, 1, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(all->len, >, 3);
    for (guint k = 0; k < all->len; k++)
      g_assert_cmpuint(g_array_index(all, WnSumPick, k).sentence, !=, 0);
  }
}

static void
test_deterministic(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++) {
    WnSumConfig cfg;
    wn_sum_config_init(&cfg);
    cfg.method = all_methods[m];
    cfg.max_sentences = 5;
    g_autoptr(GArray) a = summarize_one(&cfg, f, NULL);
    g_autoptr(GArray) b = summarize_one(&cfg, f, NULL);
    g_assert_cmpuint(a->len, ==, b->len);
    g_assert_cmpmem(a->data, a->len * sizeof(WnSumPick), b->data, b->len * sizeof(WnSumPick));
  }
}

typedef struct {
  const FixtureDoc *f;
  WnSumCachePool *pool;
  GArray *picks;
} ThreadRun;

static gpointer
thread_run(gpointer data)
{
  ThreadRun *r = data;
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 5;
  cfg.pool = r->pool;
  for (int i = 0; i < 20; i++) {
    if (r->picks != NULL)
      g_array_free(r->picks, TRUE);
    r->picks = summarize_one(&cfg, r->f, NULL);
  }
  return NULL;
}

/* Concurrent calls borrow word caches (and stemmers) from one pool, as the
 * stage's threads do: they agree with a lone call without a pool. */
static void
test_threads(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 5;
  g_autoptr(GArray) alone = summarize_one(&cfg, f, NULL);
  g_autoptr(WnSumCachePool) pool = wn_sum_cache_pool_new();
  ThreadRun runs[4] = {{f, pool, NULL}, {f, pool, NULL}, {f, pool, NULL}, {f, pool, NULL}};
  GThread *threads[4];
  for (int i = 0; i < 4; i++)
    threads[i] = g_thread_new("summarize", thread_run, &runs[i]);
  for (int i = 0; i < 4; i++) {
    g_thread_join(threads[i]);
    g_assert_cmpmem(runs[i].picks->data, runs[i].picks->len * sizeof(WnSumPick), alone->data,
                    alone->len * sizeof(WnSumPick));
    g_array_free(runs[i].picks, TRUE);
  }
}

/* People and what they did, for generated stories. */
static const char *const people[] = {"Alma Reyes", "Bruno Katz",  "Clara Moss", "Dana Voss",
                                     "Emil Stone", "Frida Lund",  "Goran Pek",  "Hana Ito",
                                     "Ivo Marsh",  "Jana Kovacs", "Karl Dunn",  "Lea Brandt"};
static const char *const deeds[] = {
    "signed the ferry agreement",  "inspected the northern docks", "opened the new terminal",
    "criticised the budget",       "praised the harbour workers",  "visited the shipyard",
    "announced a public inquiry",  "met the transport minister",   "rejected the tender",
    "presented the annual report", "called for lower fares",       "toured the flooded quays",
    "defended the timetable",      "questioned the safety audit",  "launched the night service"};
static const char *const times[] = {"on Monday",      "last week",   "in March",
                                    "after the vote", "before dawn", "on Friday afternoon",
                                    "this spring"};

/* `n` sentences, one a line, each naming three to six of the people (a
 * fixed pseudo-random choice) and saying what they did; `ents` gets every
 * mention, labelled PERSON, in text order. The sentences sum the logs of
 * unequal mention counts, whose rounding depends on the order of addition. */
static FixtureDoc *
people_story(guint n, GArray *ents)
{
  g_autoptr(GString) text = g_string_new(NULL);
  guint32 x = 12345;
  for (guint s = 0; s < n; s++) {
    x = x * 1103515245u + 12345u;
    const guint k = 3 + (x >> 16) % 4;
    guint used = 0; /* bit set of the people named so far in the sentence */
    for (guint m = 0; m < k; m++) {
      guint who;
      do {
        x = x * 1103515245u + 12345u;
        who = (x >> 16) % G_N_ELEMENTS(people);
      } while (used & (1u << who));
      used |= 1u << who;
      g_string_append(text, m == 0 ? "" : m + 1 == k ? " and " : ", ");
      const WnSpan sp = {text->len, text->len + strlen(people[who]), "PERSON", 1, NULL};
      g_array_append_val(ents, sp);
      g_string_append(text, people[who]);
    }
    x = x * 1103515245u + 12345u;
    g_string_append_printf(text, " %s %s.\n", deeds[(x >> 16) % G_N_ELEMENTS(deeds)],
                           times[(x >> 8) % G_N_ELEMENTS(times)]);
  }
  return fixture_new("people", text->str);
}

static gint
cmp_span_start(gconstpointer a, gconstpointer b)
{
  const WnSpan *x = a, *y = b;
  return (x->start > y->start) - (x->start < y->start);
}

/* Every mention of each name in `text`, in text order, labelled PERSON. */
static GArray *
mentions(const char *text, const char *const *names, guint n_names)
{
  GArray *spans = g_array_new(FALSE, FALSE, sizeof(WnSpan));
  for (guint n = 0; n < n_names; n++)
    for (const char *p = strstr(text, names[n]); p != NULL; p = strstr(p + 1, names[n])) {
      const WnSpan sp = {(gsize)(p - text), (gsize)(p - text) + strlen(names[n]), "PERSON", 1,
                         NULL};
      g_array_append_val(spans, sp);
    }
  g_array_sort(spans, cmp_span_start);
  return spans;
}

/* Every sentence with its score, so that a change in the last bit of any
 * score fails the comparison. */
static GArray *
summarize_with_entities(const WnSumConfig *cfg, const FixtureDoc *f, const GArray *ents)
{
  WnSumDoc in = as_input(f);
  in.entities = (const WnSpan *)ents->data;
  in.n_entities = ents->len;
  g_autoptr(GError) error = NULL;
  GArray *picks = wn_summarize(cfg, &in, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_nonnull(picks);
  return picks;
}

static void
assert_same_picks(const GArray *a, const GArray *b)
{
  g_assert_cmpuint(a->len, ==, b->len);
  for (guint k = 0; k < a->len; k++) {
    const WnSumPick *p = &g_array_index(a, WnSumPick, k), *q = &g_array_index(b, WnSumPick, k);
    g_assert_cmpuint(p->start, ==, q->start);
    /* Bit for bit, not within a tolerance: the stage writes these doubles. */
    if (memcmp(&p->score, &q->score, sizeof p->score) != 0)
      g_test_message("sentence %u: score %.17g, then %.17g", p->sentence, p->score, q->score);
    g_assert_cmpmem(&p->score, sizeof p->score, &q->score, sizeof q->score);
  }
  g_assert_cmpmem(a->data, a->len * sizeof(WnSumPick), b->data, b->len * sizeof(WnSumPick));
}

/* Entity spans may come in any order: the scores do not depend on it, to the
 * last bit (they once summed a sentence's entities in the order of their
 * strings' addresses in memory). */
static void
test_deterministic_entity_order(void)
{
  g_autoptr(GArray) ents = g_array_new(FALSE, FALSE, sizeof(WnSpan));
  g_autoptr(FixtureDoc) f = people_story(80, ents);
  g_assert_cmpuint(f->sentences->len, ==, 80);
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 0; /* every sentence */
  cfg.redundancy = 0;
  g_autoptr(GArray) first = summarize_with_entities(&cfg, f, ents);
  g_assert_cmpuint(first->len, >=, 10);
  /* Reversed, then rotated by a few steps. */
  g_autoptr(GArray) other = g_array_new(FALSE, FALSE, sizeof(WnSpan));
  for (guint shift = 0; shift < 8; shift++) {
    g_array_set_size(other, 0);
    for (guint k = 0; k < ents->len; k++)
      g_array_append_val(other,
                         g_array_index(ents, WnSpan, (ents->len - 1 - k + shift) % ents->len));
    g_autoptr(GArray) again = summarize_with_entities(&cfg, f, other);
    assert_same_picks(first, again);
  }
}

/* One pool, as in the stage: the same document summarised after different
 * earlier documents (which leave the word cache and the heap in different
 * states) gets the same scores, to the last bit. */
static void
test_deterministic_history(void)
{
  g_autoptr(GArray) story_ents = g_array_new(FALSE, FALSE, sizeof(WnSpan));
  g_autoptr(FixtureDoc) story = people_story(80, story_ents);
  const char *const city_names[] = {"Elena Varga", "Varga",     "Harbour City",
                                    "Piet Holm",   "Sara Lind", "Northgate"};
  const char *const names[] = {"article.txt", "cluster-1.txt", "cluster-2.txt", "cluster-3.txt",
                               "cluster-4.txt"};
  FixtureDoc *others[G_N_ELEMENTS(names)];
  GArray *others_ents[G_N_ELEMENTS(names)];
  for (guint d = 0; d < G_N_ELEMENTS(names); d++) {
    others[d] = fixture_load(names[d]);
    others_ents[d] = mentions(others[d]->text, city_names, G_N_ELEMENTS(city_names));
  }
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 0;
  /* Alone, without a pool. */
  g_autoptr(GArray) alone = summarize_with_entities(&cfg, story, story_ents);
  g_autoptr(WnSumCachePool) pool = wn_sum_cache_pool_new();
  cfg.pool = pool;
  for (guint d = 0; d < G_N_ELEMENTS(names); d++) {
    /* After the first d + 1 other documents, then after document d alone. */
    for (guint e = 0; e <= d; e++) {
      g_autoptr(GArray) picks = summarize_with_entities(&cfg, others[e], others_ents[e]);
      g_assert_cmpuint(picks->len, >, 0);
    }
    g_autoptr(GArray) after_all = summarize_with_entities(&cfg, story, story_ents);
    assert_same_picks(alone, after_all);
    g_autoptr(GArray) picks = summarize_with_entities(&cfg, others[d], others_ents[d]);
    g_assert_cmpuint(picks->len, >, 0);
    g_autoptr(GArray) after_one = summarize_with_entities(&cfg, story, story_ents);
    assert_same_picks(alone, after_one);
  }
  for (guint d = 0; d < G_N_ELEMENTS(names); d++) {
    fixture_free(others[d]);
    g_array_free(others_ents[d], TRUE);
  }
}

static void
test_one_sentence(void)
{
  g_autoptr(FixtureDoc) f =
      fixture_new("one", "The council approved the northern tram line on Tuesday night.");
  g_assert_cmpuint(f->sentences->len, ==, 1);
  for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++) {
    WnSumConfig cfg;
    wn_sum_config_init(&cfg);
    cfg.method = all_methods[m];
    g_autoptr(GArray) picks = summarize_one(&cfg, f, NULL);
    g_assert_cmpuint(picks->len, ==, 1);
    g_assert_cmpuint(g_array_index(picks, WnSumPick, 0).start, ==, 0);
    g_assert_cmpuint(g_array_index(picks, WnSumPick, 0).end, ==, f->len);
  }
  /* A words budget smaller than the only sentence: nothing, not a cut sentence. */
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_words = 5;
  g_autoptr(GArray) none = summarize_one(&cfg, f, NULL);
  g_assert_cmpuint(none->len, ==, 0);
}

static void
test_empty(void)
{
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  g_autoptr(GError) error = NULL;
  /* No text at all. */
  const WnSumDoc empty = {"empty", "", 0, NULL, 0, NULL, 0, NULL};
  g_autoptr(GArray) a = wn_summarize(&cfg, &empty, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(a->len, ==, 0);
  /* Text but no sentences. */
  const char *text = "Text that no stage split into sentences.";
  const WnSumDoc unsplit = {"unsplit", text, strlen(text), NULL, 0, NULL, 0, NULL};
  g_autoptr(GArray) b = wn_summarize(&cfg, &unsplit, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(b->len, ==, 0);
  /* Sentences of punctuation and whitespace only. */
  g_autoptr(FixtureDoc) f = fixture_new("punct", "...\n!!!\n  \n-- --\n");
  g_autoptr(GArray) c = summarize_one(&cfg, f, NULL);
  g_assert_cmpuint(c->len, ==, 0);
  /* No documents. */
  g_autoptr(GArray) d = wn_summarize(&cfg, NULL, 0, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(d->len, ==, 0);
}

static void
test_one_word_sentences(void)
{
  g_autoptr(FixtureDoc) f =
      fixture_new("short", "It.\nNo.\nTram.\nMaybe.\nCouncil.\nTram.\nVote.\nTram.\n");
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 3;
  const WnSumDoc in = as_input(f);
  for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++) {
    cfg.method = all_methods[m];
    g_autoptr(GArray) picks = summarize_one(&cfg, f, NULL);
    /* No sentence reaches 5 words, so the shortest ones are allowed; "It" and
     * "No" are stopwords only and never chosen; "Tram." is said once. */
    g_assert_cmpuint(picks->len, ==, 3);
    assert_valid_picks(picks, &in, 1);
    for (guint k = 0; k < picks->len; k++) {
      const WnSumPick *p = &g_array_index(picks, WnSumPick, k);
      g_autofree char *s = fixture_span_text(f, p->start, p->end);
      g_assert_cmpstr(s, !=, "It.");
      g_assert_cmpstr(s, !=, "No.");
    }
  }
}

static void
test_identical_sentences(void)
{
  g_autoptr(GString) text = g_string_new(NULL);
  for (int i = 0; i < 500; i++)
    g_string_append(text, "The council approved the northern tram line on Tuesday.\n");
  g_autoptr(FixtureDoc) f = fixture_new("same", text->str);
  g_assert_cmpuint(f->sentences->len, ==, 500);
  for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++) {
    WnSumConfig cfg;
    wn_sum_config_init(&cfg);
    cfg.method = all_methods[m];
    cfg.max_sentences = 5;
    g_autoptr(GArray) picks = summarize_one(&cfg, f, NULL);
    g_assert_cmpuint(picks->len, ==, 1);
    g_assert_cmpuint(g_array_index(picks, WnSumPick, 0).sentence, ==, 0);
  }
}

static void
test_bad_spans(void)
{
  const char *text = "A short text about the tram.";
  const WnSpan spans[] = {{0, 10, NULL, 0, NULL}, {5, 400, NULL, 0, NULL}};
  const WnSumDoc in = {"bad", text, strlen(text), spans, 2, NULL, 0, NULL};
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  g_autoptr(GError) error = NULL;
  GArray *picks = wn_summarize(&cfg, &in, 1, NULL, &error);
  g_assert_null(picks);
  g_assert_error(error, WN_ERROR, WN_ERROR_STAGE);
  g_assert_nonnull(strstr(error->message, "bad"));
  g_assert_nonnull(strstr(error->message, "sentence 1"));
  /* Entity spans outside the text or the sentences are ignored, not trusted. */
  const WnSpan ok[] = {{0, strlen(text), NULL, 0, NULL}};
  const WnSpan ents[] = {
      {22, 26, "ORG", 1, NULL}, {10, 9999, "PERSON", 1, NULL}, {30, 20, "LOC", 1, NULL}};
  const WnSumDoc with_ents = {"ents", text, strlen(text), ok, 1, ents, 3, NULL};
  g_clear_error(&error);
  g_autoptr(GArray) fine = wn_summarize(&cfg, &with_ents, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(fine->len, ==, 1);
}

/* Sentences given out of text order are read in text order. */
static void
test_unsorted_spans(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  const WnSumDoc sorted = as_input(f);
  g_autoptr(GArray) reversed = g_array_new(FALSE, FALSE, sizeof(WnSpan));
  for (guint s = f->sentences->len; s-- > 0;)
    g_array_append_val(reversed, g_array_index(f->sentences, WnSpan, s));
  const WnSumDoc rev = {f->id,         f->text, f->len, (const WnSpan *)reversed->data,
                        reversed->len, NULL,    0,      NULL};
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 4;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) a = wn_summarize(&cfg, &sorted, 1, NULL, &error);
  g_autoptr(GArray) b = wn_summarize(&cfg, &rev, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(a->len, ==, b->len);
  for (guint k = 0; k < a->len; k++) {
    g_assert_cmpuint(g_array_index(a, WnSumPick, k).start, ==,
                     g_array_index(b, WnSumPick, k).start);
    g_assert_cmpuint(g_array_index(b, WnSumPick, k).sentence, ==,
                     f->sentences->len - 1 - g_array_index(a, WnSumPick, k).sentence);
  }
}

/* Entities raise the sentences that mention what the text is about. */
static void
test_entities(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("article.txt");
  g_autoptr(GArray) ents = g_array_new(FALSE, FALSE, sizeof(WnSpan));
  const char *names[] = {"Elena Varga", "Varga", "Harbour City", "Piet Holm", "Sara Lind"};
  const char *labels[] = {"PERSON", "PERSON", "LOC", "PERSON", "PERSON"};
  for (guint n = 0; n < G_N_ELEMENTS(names); n++)
    for (const char *p = strstr(f->text, names[n]); p != NULL; p = strstr(p + 1, names[n])) {
      const WnSpan sp = {(gsize)(p - f->text), (gsize)(p - f->text) + strlen(names[n]), labels[n],
                         1, NULL};
      g_array_append_val(ents, sp);
    }
  WnSumDoc with = as_input(f);
  with.entities = (const WnSpan *)ents->data;
  with.n_entities = ents->len;
  const WnSumDoc without = as_input(f);
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 0; /* every sentence, to compare scores */
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) a = wn_summarize(&cfg, &with, 1, NULL, &error);
  g_autoptr(GArray) b = wn_summarize(&cfg, &without, 1, NULL, &error);
  g_assert_no_error(error);
  /* The mayor's quote mentions her; its score rises relative to a sentence
   * that names nobody. */
  double quote_a = -1, plain_a = -1, quote_b = -1, plain_b = -1;
  for (guint k = 0; k < a->len; k++) {
    const WnSumPick *p = &g_array_index(a, WnSumPick, k);
    if (g_str_has_prefix(f->text + p->start, "Mayor Elena Varga called"))
      quote_a = p->score;
    if (g_str_has_prefix(f->text + p->start, "Transport officials said"))
      plain_a = p->score;
  }
  for (guint k = 0; k < b->len; k++) {
    const WnSumPick *p = &g_array_index(b, WnSumPick, k);
    if (g_str_has_prefix(f->text + p->start, "Mayor Elena Varga called"))
      quote_b = p->score;
    if (g_str_has_prefix(f->text + p->start, "Transport officials said"))
      plain_b = p->score;
  }
  g_assert_cmpfloat(quote_a, >, 0);
  g_assert_cmpfloat(plain_a, >, 0);
  g_assert_cmpfloat(quote_a - plain_a, >, quote_b - plain_b);
}

static void
test_languages(void)
{
  const struct {
    const char *lang, *a, *b;
  } pairs[] = {
      {"en", "The elections were contested", "an election contest"},
      {"fr", "Les élections présidentielles", "une élection présidentielle"},
      {"de", "Die Straßenbahnen fahren", "der Straßenbahn und das Fahren"},
      {"es", "Los tranvías nuevos", "un tranvía nuevo"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(pairs); i++) {
    double cosine, containment;
    wn_sum_similarity(pairs[i].lang, pairs[i].a, strlen(pairs[i].a), pairs[i].b, strlen(pairs[i].b),
                      &cosine, &containment);
    /* Same stems once stopwords are gone. */
    g_assert_cmpfloat_with_epsilon(cosine, 1.0, 1e-9);
    g_assert_cmpfloat_with_epsilon(containment, 1.0, 1e-9);
    g_assert_true(wn_sum_language_supported(pairs[i].lang));
  }
  g_assert_true(wn_sum_is_stopword("fr", "les"));
  g_assert_false(wn_sum_is_stopword("en", "tram"));
  g_assert_false(wn_sum_language_supported("xx"));
}

/* Words: Unicode letters and digits, lower-cased (accented capitals too),
 * stopwords out, over-long runs skipped, invalid bytes split words. */
static void
test_tokenizer(void)
{
  g_autoptr(WnSumTokenizer) tok = wn_sum_tokenizer_new("fr", NULL);
  g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(guint));
  guint n_words = 0;
  const char *text = "ÉCOLE école, l'École 2026 — les CAFÉS du café!";
  const guint n_tokens = wn_sum_tokenizer_add(tok, text, strlen(text), ids, &n_words);
  /* ÉCOLE école l École 2026 les CAFÉS du café: 9 tokens; l, les, du are stopwords. */
  g_assert_cmpuint(n_tokens, ==, 9);
  g_assert_cmpuint(n_words, ==, 9); /* whitespace-separated, the dash included */
  g_assert_cmpuint(n_words, ==, wn_sum_count_words(text, strlen(text)));
  g_assert_cmpuint(ids->len, ==, 6);
  const guint ecole = g_array_index(ids, guint, 0);
  g_assert_cmpuint(g_array_index(ids, guint, 1), ==, ecole);
  g_assert_cmpuint(g_array_index(ids, guint, 2), ==, ecole);
  g_assert_cmpuint(g_array_index(ids, guint, 4), ==, g_array_index(ids, guint, 5));
  g_autofree char *stem = wn_sum_tokenizer_term(tok, g_array_index(ids, guint, 5));
  g_assert_cmpstr(stem, ==, "caf");
  g_assert_cmpuint(wn_sum_tokenizer_n_terms(tok), ==, 3);

  /* A 100-letter run is a token but no term; invalid bytes end a word. */
  g_autoptr(GString) junk = g_string_new("tram ");
  for (int i = 0; i < 100; i++)
    g_string_append_c(junk, 'x');
  g_string_append(junk, " tram\xff\xfeligne");
  g_array_set_size(ids, 0);
  g_autoptr(WnSumTokenizer) fr2 = wn_sum_tokenizer_new("fr", NULL);
  const guint n2 = wn_sum_tokenizer_add(fr2, junk->str, junk->len, ids, NULL);
  g_assert_cmpuint(n2, ==, 4);
  g_assert_cmpuint(ids->len, ==, 3);
  g_assert_cmpuint(g_array_index(ids, guint, 0), ==, g_array_index(ids, guint, 1));
}

/* ---- groups ---- */

static GPtrArray *
load_cluster(void)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func((GDestroyNotify)fixture_free);
  for (int i = 1; i <= 4; i++) {
    g_autofree char *name = g_strdup_printf("cluster-%d.txt", i);
    g_ptr_array_add(docs, fixture_load(name));
  }
  return docs;
}

static void
assert_no_near_duplicates(const GArray *picks, const WnSumDoc *docs)
{
  for (guint a = 0; a < picks->len; a++)
    for (guint b = a + 1; b < picks->len; b++) {
      const WnSumPick *x = &g_array_index(picks, WnSumPick, a);
      const WnSumPick *y = &g_array_index(picks, WnSumPick, b);
      double cosine, containment;
      wn_sum_similarity("en", docs[x->doc].text + x->start, x->end - x->start,
                        docs[y->doc].text + y->start, y->end - y->start, &cosine, &containment);
      if (cosine >= 0.6 || containment >= 0.75)
        g_error("near-duplicate picks %u/%u and %u/%u (cosine %.2f, containment %.2f)", x->doc,
                x->sentence, y->doc, y->sentence, cosine, containment);
    }
}

static void
test_group_no_repeats(void)
{
  g_autoptr(GPtrArray) cluster = load_cluster();
  WnSumDoc docs[4];
  for (guint d = 0; d < 4; d++)
    docs[d] = as_input(g_ptr_array_index(cluster, d));
  for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++)
    for (guint k = 3; k <= 12; k += 3) {
      WnSumConfig cfg;
      wn_sum_config_init(&cfg);
      cfg.method = all_methods[m];
      cfg.max_sentences = k;
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) picks = wn_summarize(&cfg, docs, 4, NULL, &error);
      g_assert_no_error(error);
      g_assert_cmpuint(picks->len, ==, k);
      assert_valid_picks(picks, docs, 4);
      assert_no_near_duplicates(picks, docs);
      /* The mayor's remark, quoted by three of the four pages, is told once. */
      guint quoted = 0;
      for (guint i = 0; i < picks->len; i++) {
        const WnSumPick *p = &g_array_index(picks, WnSumPick, i);
        g_autofree char *s = g_strndup(docs[p->doc].text + p->start, p->end - p->start);
        quoted += strstr(s, "Tonight we stopped talking") != NULL;
      }
      g_assert_cmpuint(quoted, <=, 1);
      /* A cluster summary draws on more than one page. */
      if (k >= 6) {
        guint used = 0;
        for (guint d = 0; d < 4; d++)
          for (guint i = 0; i < picks->len; i++)
            if (g_array_index(picks, WnSumPick, i).doc == d) {
              used++;
              break;
            }
        g_assert_cmpuint(used, >=, 2);
      }
    }
}

static void
test_group_of_one(void)
{
  g_autoptr(FixtureDoc) f = fixture_load("cluster-2.txt");
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 3;
  g_autoptr(GArray) single = summarize_one(&cfg, f, NULL);
  const WnSumDoc in = as_input(f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) group = wn_summarize(&cfg, &in, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(single->len, ==, 3);
  g_assert_cmpmem(single->data, single->len * sizeof(WnSumPick), group->data,
                  group->len * sizeof(WnSumPick));
}

/* ---- scale ---- */

/* A long, realistic-looking document: sentences built from a vocabulary of
 * news words with a Zipf-like choice, deterministic. */
static FixtureDoc *
long_document(guint n_sentences, guint seed)
{
  static const char *const words[] = {
      "council",      "tram",      "line",       "mayor",          "city",          "vote",
      "budget",       "euros",     "station",    "port",           "traders",       "road",
      "construction", "officials", "passengers", "bridge",         "canal",         "review",
      "plan",         "airport",   "buses",      "traffic",        "reporters",     "chamber",
      "debate",       "opponents", "cost",       "overruns",       "fund",          "businesses",
      "customers",    "streets",   "bakery",     "association",    "journey",       "minutes",
      "spring",       "trains",    "tracks",     "year",           "decade",        "districts",
      "centre",       "stops",     "national",   "infrastructure", "environmental", "southern",
      "northern",     "study"};
  GRand *rng = g_rand_new_with_seed(seed);
  GString *text = g_string_new(NULL);
  for (guint s = 0; s < n_sentences; s++) {
    const guint len = 6 + g_rand_int_range(rng, 0, 14);
    for (guint w = 0; w < len; w++) {
      /* Zipf-like: squares of a uniform pick favour the first words. */
      const double u = g_rand_double(rng);
      const char *word = words[(guint)(u * u * G_N_ELEMENTS(words))];
      if (w == 0)
        g_string_append_printf(text, "%c%s", g_ascii_toupper(word[0]), word + 1);
      else
        g_string_append_printf(text, " %s%s", g_rand_int_range(rng, 0, 4) == 0 ? "the " : "", word);
    }
    g_string_append(text, s % 7 == 6 ? ".\n" : ". ");
  }
  g_rand_free(rng);
  FixtureDoc *f = fixture_new("long", text->str);
  g_string_free(text, TRUE);
  return f;
}

static void
test_scale_linear(void)
{
  const guint sizes[] = {2000, 20000};
  double per_occ[2][3] = {{0}};
  for (guint s = 0; s < 2; s++) {
    g_autoptr(FixtureDoc) f = long_document(sizes[s], 7);
    g_assert_cmpuint(f->sentences->len, ==, sizes[s]);
    for (guint m = 0; m < G_N_ELEMENTS(all_methods); m++) {
      WnSumConfig cfg;
      wn_sum_config_init(&cfg);
      cfg.method = all_methods[m];
      cfg.max_sentences = 0;
      cfg.ratio = 0.1; /* thousands of picks: selection must stay sparse too */
      WnSumStats st = {0};
      g_autoptr(GArray) picks = summarize_one(&cfg, f, &st);
      g_assert_cmpuint(picks->len, >, 0);
      g_assert_cmpuint(st.n_units, ==, sizes[s]);
      /* Hard bounds: each (sentence, term) pair is compared with a bounded
       * number of others, each sentence keeps a bounded number of edges. */
      g_assert_cmpuint(st.pair_updates, <=, (guint64)48 * st.n_term_occ);
      g_assert_cmpuint(st.edges, <=, (guint64)24 * st.n_units);
      g_assert_cmpuint(st.mmr_updates, <=, (guint64)(48 + 4 * 8 + 8) * st.n_term_occ);
      g_assert_cmpuint(st.rank_iters, <=, 100);
      if (all_methods[m] == WN_SUM_SALIENCE) {
        per_occ[s][0] = (double)st.pair_updates / st.n_term_occ;
        per_occ[s][1] = (double)st.edges / st.n_units;
        per_occ[s][2] = (double)st.mmr_updates / st.n_term_occ;
      }
    }
  }
  /* Ten times the sentences, about the same work per sentence: near-linear. */
  for (guint k = 0; k < 3; k++) {
    g_test_message("work per unit, 2,000 vs 20,000 sentences: %.1f vs %.1f", per_occ[0][k],
                   per_occ[1][k]);
    g_assert_cmpfloat(per_occ[1][k], <=, 1.25 * per_occ[0][k] + 1);
  }
}

/* A group of 1,000 short pages about one story: bounded work, no repeats. */
static void
test_group_thousand(void)
{
  g_autoptr(GPtrArray) cluster = load_cluster();
  GPtrArray *many = g_ptr_array_new_with_free_func((GDestroyNotify)fixture_free);
  for (guint i = 0; i < 1000; i++) {
    const FixtureDoc *src = g_ptr_array_index(cluster, i % 4);
    g_autofree char *id = g_strdup_printf("page-%u", i);
    /* Each page: the source page plus one line of its own. */
    g_autofree char *text = g_strdup_printf(
        "%s\nReader %u wrote in to say the tram debate went on for hours.\n", src->text, i);
    g_ptr_array_add(many, fixture_new(id, text));
  }
  WnSumDoc *docs = g_new(WnSumDoc, 1000);
  for (guint d = 0; d < 1000; d++)
    docs[d] = as_input(g_ptr_array_index(many, d));
  WnSumConfig cfg;
  wn_sum_config_init(&cfg);
  cfg.max_sentences = 8;
  WnSumStats st = {0};
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) picks = wn_summarize(&cfg, docs, 1000, &st, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(picks->len, ==, 8);
  assert_valid_picks(picks, docs, 1000);
  assert_no_near_duplicates(picks, docs);
  g_assert_cmpuint(st.pair_updates, <=, (guint64)48 * st.n_term_occ);
  g_free(docs);
  g_ptr_array_free(many, TRUE);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/summarize/budget/sentences", test_budget_sentences);
  g_test_add_func("/summarize/budget/words", test_budget_words);
  g_test_add_func("/summarize/budget/ratio", test_budget_ratio);
  g_test_add_func("/summarize/order/lead", test_order_and_lead);
  g_test_add_func("/summarize/input/title", test_title);
  g_test_add_func("/summarize/deterministic/repeat", test_deterministic);
  g_test_add_func("/summarize/deterministic/threads", test_threads);
  g_test_add_func("/summarize/deterministic/entity-order", test_deterministic_entity_order);
  g_test_add_func("/summarize/deterministic/history", test_deterministic_history);
  g_test_add_func("/summarize/input/one-sentence", test_one_sentence);
  g_test_add_func("/summarize/input/empty", test_empty);
  g_test_add_func("/summarize/input/one-word-sentences", test_one_word_sentences);
  g_test_add_func("/summarize/input/identical-sentences", test_identical_sentences);
  g_test_add_func("/summarize/input/bad-spans", test_bad_spans);
  g_test_add_func("/summarize/input/unsorted-spans", test_unsorted_spans);
  g_test_add_func("/summarize/entities/salience", test_entities);
  g_test_add_func("/summarize/languages/stemming", test_languages);
  g_test_add_func("/summarize/languages/tokenizer", test_tokenizer);
  g_test_add_func("/summarize/group/no-repeats", test_group_no_repeats);
  g_test_add_func("/summarize/group/one-document", test_group_of_one);
  g_test_add_func("/summarize/group/thousand-documents", test_group_thousand);
  g_test_add_func("/summarize/scale/twenty-thousand-sentences", test_scale_linear);
  return g_test_run();
}
