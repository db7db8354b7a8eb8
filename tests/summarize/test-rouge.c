/* test-rouge.c: the benchmark's ROUGE scorer on pairs whose scores were worked
 * out by hand (the arithmetic is in the comments). */
#include "rouge.h"

#define EPS 1e-9

static void
assert_score(const WnRougeScore *s, double p, double r, double f)
{
  g_assert_cmpfloat_with_epsilon(s->precision, p, EPS);
  g_assert_cmpfloat_with_epsilon(s->recall, r, EPS);
  g_assert_cmpfloat_with_epsilon(s->f1, f, EPS);
}

/* C = the cat sat on the mat, R = the cat lay on the mat (6 tokens each).
 * ROUGE-1: the x2, cat, on, mat = 5 shared: P = R = F = 5/6.
 * ROUGE-2: C has the-cat cat-sat sat-on on-the the-mat, R has the-cat cat-lay
 * lay-on on-the the-mat; shared the-cat on-the the-mat = 3 of 5: 3/5.
 * ROUGE-L: LCS "the cat on the mat" = 5: 5/6. */
static void
test_equal_length(void)
{
  g_autoptr(WnRougeScorer) s = wn_rouge_scorer_new(FALSE, 0);
  WnRouge r;
  wn_rouge_score(s, "The cat sat on the mat.", "the cat lay on the mat", &r);
  assert_score(&r.rouge1, 5.0 / 6, 5.0 / 6, 5.0 / 6);
  assert_score(&r.rouge2, 0.6, 0.6, 0.6);
  assert_score(&r.rougeL, 5.0 / 6, 5.0 / 6, 5.0 / 6);
}

/* C = the gunman was shot by police (6), R = police shot the gunman (4).
 * ROUGE-1: the, gunman, shot, police = 4: P = 4/6, R = 4/4, F = 2(2/3)(1)/(5/3) = 0.8.
 * ROUGE-2: only the-gunman is shared: P = 1/5, R = 1/3,
 *   F = 2(1/5)(1/3)/(8/15) = (2/15)/(8/15) = 0.25.
 * ROUGE-L: "the gunman" is the longest subsequence in order in both (police
 *   and shot come in the other order): 2, so P = 2/6, R = 2/4,
 *   F = 2(1/3)(1/2)/(5/6) = 0.4. */
static void
test_unequal_length(void)
{
  g_autoptr(WnRougeScorer) s = wn_rouge_scorer_new(FALSE, 0);
  WnRouge r;
  wn_rouge_score(s, "The gunman was shot by police.", "Police shot the gunman.", &r);
  assert_score(&r.rouge1, 4.0 / 6, 1.0, 0.8);
  assert_score(&r.rouge2, 0.2, 1.0 / 3, 0.25);
  assert_score(&r.rougeL, 2.0 / 6, 0.5, 0.4);
}

/* C = police killed the gunman, R = police kill the gunman.
 * Unstemmed: ROUGE-1 shares police, the, gunman = 3/4; ROUGE-2 shares only
 * the-gunman = 1/3. Stemmed (Snowball, tokens over 3 characters): killed and
 * kill both give "kill", so everything matches: 1. */
static void
test_stemming(void)
{
  g_autoptr(WnRougeScorer) plain = wn_rouge_scorer_new(FALSE, 0);
  g_autoptr(WnRougeScorer) stem = wn_rouge_scorer_new(TRUE, 0);
  WnRouge r;
  wn_rouge_score(plain, "Police killed the gunman", "police kill the gunman", &r);
  assert_score(&r.rouge1, 0.75, 0.75, 0.75);
  assert_score(&r.rouge2, 1.0 / 3, 1.0 / 3, 1.0 / 3);
  wn_rouge_score(stem, "Police killed the gunman", "police kill the gunman", &r);
  assert_score(&r.rouge1, 1, 1, 1);
  assert_score(&r.rouge2, 1, 1, 1);
  assert_score(&r.rougeL, 1, 1, 1);
  g_auto(GStrv) toks = wn_rouge_tokens(stem, "Police killed the gunmen's cats");
  const char *const expected[] = {"polic", "kill", "the", "gunmen", "s", "cat", NULL};
  g_assert_cmpstrv(toks, expected);
}

/* Lower-case, and anything not an ASCII letter or digit separates tokens. */
static void
test_tokens(void)
{
  g_autoptr(WnRougeScorer) s = wn_rouge_scorer_new(FALSE, 0);
  g_auto(GStrv) toks = wn_rouge_tokens(s, "U.S. troops' 2nd-day — \"Ceasefire\"!");
  const char *const expected[] = {"u", "s", "troops", "2nd", "day", "ceasefire", NULL};
  g_assert_cmpstrv(toks, expected);
}

/* C = the the the the, R = the cat: a candidate's repeats only count as often
 * as the reference has them: overlap min(4, 1) = 1, P = 1/4, R = 1/2,
 * F = 2(1/8)/(3/4) = 1/3. */
static void
test_clipping(void)
{
  g_autoptr(WnRougeScorer) s = wn_rouge_scorer_new(FALSE, 0);
  WnRouge r;
  wn_rouge_score(s, "the the the the", "the cat", &r);
  assert_score(&r.rouge1, 0.25, 0.5, 1.0 / 3);
}

/* Limit 3 on both: "police shot the" against "police shot the": 1.
 * Limit 3 on the candidate only: P = 3/3, R = 3/4, F = 2(3/4)/(7/4) = 6/7. */
static void
test_word_limit(void)
{
  g_autoptr(WnRougeScorer) s = wn_rouge_scorer_new(FALSE, 3);
  WnRouge r;
  wn_rouge_score(s, "police shot the gunman today", "police  shot\nthe gunman", &r);
  assert_score(&r.rouge1, 1, 1, 1);
  wn_rouge_scorer_set_limits(s, 3, 0);
  wn_rouge_score(s, "police shot the gunman today", "police shot the gunman", &r);
  assert_score(&r.rouge1, 1, 0.75, 6.0 / 7);
}

static void
test_empty(void)
{
  g_autoptr(WnRougeScorer) s = wn_rouge_scorer_new(TRUE, 0);
  WnRouge r;
  wn_rouge_score(s, "", "police shot the gunman", &r);
  assert_score(&r.rouge1, 0, 0, 0);
  assert_score(&r.rouge2, 0, 0, 0);
  assert_score(&r.rougeL, 0, 0, 0);
  wn_rouge_score(s, "one", "one", &r);
  assert_score(&r.rouge1, 1, 1, 1);
  assert_score(&r.rouge2, 0, 0, 0); /* no bigram on either side */
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/summarize/rouge/equal-length", test_equal_length);
  g_test_add_func("/summarize/rouge/unequal-length", test_unequal_length);
  g_test_add_func("/summarize/rouge/stemming", test_stemming);
  g_test_add_func("/summarize/rouge/tokens", test_tokens);
  g_test_add_func("/summarize/rouge/clipping", test_clipping);
  g_test_add_func("/summarize/rouge/word-limit", test_word_limit);
  g_test_add_func("/summarize/rouge/empty", test_empty);
  return g_test_run();
}
