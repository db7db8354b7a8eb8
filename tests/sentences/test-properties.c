/* test-properties.c: properties of the splitter over long generated text, and
 * bad input.
 *
 * For every language and newline mode, over text generated from realistic and
 * awkward fragments (abbreviations, quotes, numbers, URLs, line breaks,
 * combining marks, right-to-left text, emoji, U+2028): sentence spans are
 * ordered, non-empty, non-overlapping, start and end on UTF-8 character
 * boundaries, never begin or end with whitespace, and together cover every
 * non-space character; tokens obey the same rules inside their sentence. Bad
 * input (empty text, a 50 MB line without punctuation, 10,000 periods, invalid
 * UTF-8) must give the same guarantees without crashing. */
#include <string.h>

#include "splitter.h"
#include "chars.h"

/* clang-format off */
static const char *const fragments[] = {
  "The", "economy", "grew", "Mr.", "Dr.", "U.S.", "e.g.", "etc.", "J.", "R.", "Inc.", "No.",
  "5", "3.14", "$1.5", "bn", "10:30", "1.", "2)", "v2.0.1", "a.m.", "...", "…", ".", "?", "!",
  "?!", "“", "”", "\"", "'", "«", "»", "(", ")", "[", "]", ":", ";", ",", "-", "—", "•", "***",
  "https://example.com/a.b?c=d.", "jane@example.com", "example.com", "#tag", "@user",
  ":)", "don't", "l'homme", "Straße", "naïve", "e\xcc\x81t\xc3\xa9", "\xcc\x81",
  "שלום", "مرحبا؟", "۔", "日本語。", "！", "😀", "👩‍👩‍👧", "🇫🇷", "\xe2\x80\xa8", "\xc2\xa0",
  "\xe2\x80\xaf", "\xe3\x80\x80", "\n", "\n\n", "\r\n", "\t", " ", " ", " ", " ", "end.Next",
  "Yahoo!", "I", "it", "said", "Then", "However", "z.B.", "EE.UU.", "3.", "Oktober", "¿Qué?",
  "\xe2\x80\xa9", "\x0b", "\x0c", "\xc2\x85", "=====", "-----", "p.", "55", "St.",
};
/* clang-format on */

static char *
generate(guint32 seed, gsize target, gsize *len)
{
  GRand *r = g_rand_new_with_seed(seed);
  GString *s = g_string_sized_new(target + 64);
  while (s->len < target) {
    const char *f = fragments[g_rand_int_range(r, 0, G_N_ELEMENTS(fragments))];
    g_string_append(s, f);
    if (g_rand_int_range(r, 0, 4) != 0)
      g_string_append_c(s, ' ');
  }
  g_rand_free(r);
  *len = s->len;
  return g_string_free(s, FALSE);
}

static gboolean
on_boundary(const char *t, gsize len, gsize p)
{
  return p == 0 || p == len || ((guchar)t[p] & 0xC0) != 0x80;
}

static gboolean
space_char_at(const char *t, gsize len, gsize p, gsize *n)
{
  return wn_space_at((const guchar *)t, len, p, n);
}

/* Checks the ranges (WnRange or WnToken, `stride` bytes apart) over [lo, hi). */
static void
check_ranges(const char *t, gsize len, const void *ranges, guint n_ranges, gsize stride, gsize lo,
             gsize hi, gboolean valid_utf8)
{
  gsize prev_end = lo;
  for (guint i = 0; i < n_ranges; i++) {
    const WnRange *r = (const WnRange *)((const char *)ranges + i * stride);
    gsize n;
    g_assert_cmpuint(r->start, <, r->end);
    g_assert_cmpuint(r->start, >=, prev_end);
    g_assert_cmpuint(r->end, <=, hi);
    if (valid_utf8) {
      g_assert_true(on_boundary(t, len, r->start));
      g_assert_true(on_boundary(t, len, r->end));
    }
    g_assert_false(space_char_at(t, len, r->start, &n));
    gsize p;
    g_assert_false(wn_space_before((const guchar *)t, len, r->start, r->end, &p) && p >= r->start);
    /* Nothing but whitespace between two ranges. */
    for (gsize q = prev_end; q < r->start; q += n)
      if (!space_char_at(t, len, q, &n))
        g_error("non-space byte %zu (0x%02x) outside every range", q, (guchar)t[q]);
    prev_end = r->end;
  }
  gsize n;
  for (gsize q = prev_end; q < hi; q += n)
    if (!space_char_at(t, len, q, &n))
      g_error("non-space byte %zu (0x%02x) after the last range", q, (guchar)t[q]);
}

static void
check_text(const char *t, gsize len, gboolean valid_utf8, gboolean with_tokens)
{
  for (int lang = WN_LANG_EN; lang <= WN_LANG_ES; lang++)
    for (int mode = WN_NEWLINES_NEVER; mode <= WN_NEWLINES_ALWAYS; mode++) {
      g_autoptr(WnSplitter) sp = wn_splitter_new(lang, NULL, mode, NULL);
      g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
      wn_sentences_split(sp, t, len, sents);
      check_ranges(t, len, sents->data, sents->len, sizeof(WnRange), 0, len, valid_utf8);
      if (!with_tokens)
        continue;
      g_autoptr(GArray) toks = g_array_new(FALSE, FALSE, sizeof(WnToken));
      for (guint i = 0; i < sents->len; i++) {
        const WnRange *r = &g_array_index(sents, WnRange, i);
        g_array_set_size(toks, 0);
        wn_tokens_split(sp, t, r->start, r->end, toks);
        check_ranges(t, len, toks->data, toks->len, sizeof(WnToken), r->start, r->end, valid_utf8);
      }
    }
}

static void
test_generated(void)
{
  for (guint32 seed = 1; seed <= 12; seed++) {
    gsize len;
    g_autofree char *t = generate(seed, 200000, &len);
    g_assert_true(g_utf8_validate(t, len, NULL));
    check_text(t, len, TRUE, TRUE);
  }
}

/* Many sentences come out of generated prose, in order and in plausible number. */
static void
test_generated_counts(void)
{
  GString *s = g_string_new(NULL);
  for (int i = 0; i < 5000; i++)
    g_string_append_printf(s, "Sentence number %d talks about Mr. Smith and the U.S. economy. ", i);
  g_autoptr(WnSplitter) sp = wn_splitter_new(WN_LANG_EN, NULL, WN_NEWLINES_PARAGRAPHS, NULL);
  g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
  wn_sentences_split(sp, s->str, s->len, sents);
  g_assert_cmpuint(sents->len, ==, 5000);
  check_ranges(s->str, s->len, sents->data, sents->len, sizeof(WnRange), 0, s->len, TRUE);
  g_string_free(s, TRUE);
}

static void
test_empty(void)
{
  g_autoptr(WnSplitter) sp = wn_splitter_new(WN_LANG_EN, NULL, WN_NEWLINES_PARAGRAPHS, NULL);
  g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
  g_autoptr(GArray) toks = g_array_new(FALSE, FALSE, sizeof(WnToken));
  wn_sentences_split(sp, "", 0, sents);
  g_assert_cmpuint(sents->len, ==, 0);
  wn_tokens_split(sp, "", 0, 0, toks);
  g_assert_cmpuint(toks->len, ==, 0);
  const char *blank = " \n\t\r\n \xc2\xa0\xe2\x80\xa8\xe3\x80\x80 ";
  wn_sentences_split(sp, blank, strlen(blank), sents);
  g_assert_cmpuint(sents->len, ==, 0);
}

static gboolean
under_valgrind(void)
{
  return g_getenv("WINNOW_UNDER_VALGRIND") != NULL;
}

static void
test_long_line(void)
{
  /* 50 MB of words without any punctuation (5 MB under valgrind): one sentence. */
  gsize target = under_valgrind() ? 5u << 20 : 50u << 20;
  GString *s = g_string_sized_new(target + 16);
  while (s->len < target)
    g_string_append(s, "word another longer thing ");
  g_autoptr(WnSplitter) sp = wn_splitter_new(WN_LANG_EN, NULL, WN_NEWLINES_PARAGRAPHS, NULL);
  g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
  wn_sentences_split(sp, s->str, s->len, sents);
  g_assert_cmpuint(sents->len, ==, 1);
  g_assert_cmpuint(g_array_index(sents, WnRange, 0).start, ==, 0);
  g_assert_cmpuint(g_array_index(sents, WnRange, 0).end, ==, s->len - 1);
  g_autoptr(GArray) toks = g_array_new(FALSE, FALSE, sizeof(WnToken));
  wn_tokens_split(sp, s->str, 0, s->len, toks);
  g_assert_cmpuint(toks->len, ==, s->len / 26 * 4);
  g_string_free(s, TRUE);

  /* One 8 MB "word" with no space at all, glued periods inside. */
  s = g_string_sized_new(8u << 20);
  while (s->len < (8u << 20))
    g_string_append(s, "ab.Cd.ef");
  g_array_set_size(sents, 0);
  wn_sentences_split(sp, s->str, s->len, sents);
  check_ranges(s->str, s->len, sents->data, sents->len, sizeof(WnRange), 0, s->len, TRUE);
  g_array_set_size(toks, 0);
  wn_tokens_split(sp, s->str, 0, s->len, toks);
  g_assert_cmpuint(toks->len, ==, 1);
  g_string_free(s, TRUE);
}

static void
test_periods(void)
{
  g_autoptr(WnSplitter) sp = wn_splitter_new(WN_LANG_EN, NULL, WN_NEWLINES_PARAGRAPHS, NULL);
  g_autoptr(GArray) sents = g_array_new(FALSE, FALSE, sizeof(WnRange));
  g_autoptr(GArray) toks = g_array_new(FALSE, FALSE, sizeof(WnToken));
  /* 10,000 consecutive periods: one sentence, one token. */
  g_autofree char *dots = g_strnfill(10000, '.');
  wn_sentences_split(sp, dots, 10000, sents);
  g_assert_cmpuint(sents->len, ==, 1);
  wn_tokens_split(sp, dots, 0, 10000, toks);
  g_assert_cmpuint(toks->len, ==, 1);

  /* Between words, and in other repeated patterns. */
  static const char *const units[] = {"a. ",  ". ",   "? ", "!",   "Mr. ", "“",  "\n",
                                      ". \n", "e.g.", "A.", "...", ":) ",  "• ", "1. "};
  for (guint u = 0; u < G_N_ELEMENTS(units); u++) {
    GString *s = g_string_new("Start ");
    for (int i = 0; i < 10000; i++)
      g_string_append(s, units[u]);
    g_string_append(s, " end");
    check_text(s->str, s->len, TRUE, TRUE);
    g_string_free(s, TRUE);
  }
}

static void
test_unusual_unicode(void)
{
  static const char *const texts[] = {
      "\xcc\x81\xcc\x81 Combining marks first. Then text.",
      "שלום עולם. זה משפט שני.",
      "مرحبا بالعالم. هذه جملة ثانية؟ نعم.",
      "Emoji 👩‍👩‍👧‍👦 family. Flags 🇫🇷🇩🇪! Skin 👍🏽. Keycap "
      "1️⃣.",
      "Line\xe2\x80\xa8separator and\xe2\x80\xa9paragraph separator.",
      "Zero\xe2\x80\x8bwidth space. Soft\xc2\xadhyphen. BOM \xef\xbb\xbf here.",
      "\xef\xbf\xbd\xef\xbf\xbd replacement chars. Fine.",
      "Ａｂｃ．Ｄｅｆ！ ｇｈｉ？ 全角。",
      "a\xe2\x80\x8f\xe2\x80\x8e\xe2\x80\xaa\xe2\x80\xac RTL marks. b",
  };
  for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
    g_assert_true(g_utf8_validate(texts[i], -1, NULL));
    check_text(texts[i], strlen(texts[i]), TRUE, TRUE);
  }
}

static void
test_invalid_utf8(void)
{
  /* A WnDoc never holds these, but the splitter must not crash or overrun. */
  static const char *const texts[] = {
      "\xff\xfe. \x80\x80\x80 bad. \xe2\x80",
      "Truncated \xf0\x9f\x98",
      "\xc3. Next \xe2\x80\xa6",
      "\xed\xa0\x80 surrogate. \xf4\x90\x80\x80 too high.",
  };
  for (guint i = 0; i < G_N_ELEMENTS(texts); i++)
    check_text(texts[i], strlen(texts[i]), FALSE, TRUE);
  /* Fuzz: random bytes. */
  GRand *r = g_rand_new_with_seed(7);
  for (int k = 0; k < 200; k++) {
    char buf[512];
    for (guint i = 0; i < sizeof buf; i++)
      buf[i] = (char)g_rand_int_range(r, 1, 256);
    check_text(buf, sizeof buf, FALSE, TRUE);
  }
  g_rand_free(r);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/sentences/properties/generated", test_generated);
  g_test_add_func("/sentences/properties/generated-counts", test_generated_counts);
  g_test_add_func("/sentences/bad-input/empty", test_empty);
  g_test_add_func("/sentences/bad-input/long-line", test_long_line);
  g_test_add_func("/sentences/bad-input/periods", test_periods);
  g_test_add_func("/sentences/bad-input/unusual-unicode", test_unusual_unicode);
  g_test_add_func("/sentences/bad-input/invalid-utf8", test_invalid_utf8);
  return g_test_run();
}
