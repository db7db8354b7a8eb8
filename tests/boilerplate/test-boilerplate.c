/* test-boilerplate.c: the boilerplate stripper on the team's fixture pages
 * (per-page precision and recall of kept words, boilerplate phrases gone), on
 * hostile input (deep nesting, huge pages, binary junk, wrong charsets,
 * unclosed tags), and through a pipeline as the core loads it. */
#include "bp.h"

#include <winnow/winnow.h>
#include <string.h>

/* Thresholds every fixture page must meet: the gold is the article with its
 * title; a kept byline or caption costs a little precision only. */
#define MIN_PRECISION 0.85
#define MIN_RECALL 0.85

static gboolean under_valgrind;

/* Pages the extractor does not get fully right yet (a kept phrase or a
 * precision under the threshold); reported as TODO rather than hidden. Each
 * is measured like every other page and the message says what went wrong. */
static const char *const known_failures[] = {NULL};

static char *
fixture_dir(void)
{
  return g_test_build_filename(G_TEST_DIST, "boilerplate", "fixtures", NULL);
}

/* Lower-cased words (letters, digits, '_') of a text, as a multiset. */
static GHashTable *
word_bag(const char *text, guint *total)
{
  GHashTable *bag = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  *total = 0;
  const char *p = text;
  while (*p) {
    gunichar u = g_utf8_get_char(p);
    if (g_unichar_isalnum(u) || u == '_') {
      const char *b = p;
      while (*p) {
        gunichar v = g_utf8_get_char(p);
        if (!(g_unichar_isalnum(v) || v == '_' || g_unichar_ismark(v)))
          break;
        p = g_utf8_next_char(p);
      }
      char *w = g_utf8_strdown(b, p - b);
      guint c = GPOINTER_TO_UINT(g_hash_table_lookup(bag, w));
      g_hash_table_replace(bag, w, GUINT_TO_POINTER(c + 1));
      (*total)++;
    } else {
      p = g_utf8_next_char(p);
    }
  }
  return bag;
}

static void
word_scores(const char *got, const char *gold, double *precision, double *recall)
{
  guint ng, nd;
  g_autoptr(GHashTable) bg = word_bag(got, &ng);
  g_autoptr(GHashTable) bd = word_bag(gold, &nd);
  guint common = 0;
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, bg);
  while (g_hash_table_iter_next(&it, &k, &v))
    common += MIN(GPOINTER_TO_UINT(v), GPOINTER_TO_UINT(g_hash_table_lookup(bd, k)));
  *precision = ng ? (double)common / ng : 0.0;
  *recall = nd ? (double)common / nd : 0.0;
}

static char *
normalise(const char *s)
{
  g_autofree char *low = g_utf8_strdown(s, -1);
  return wn_bp_collapse_space(low, -1);
}

/* Extracts with the default options, asserting success. */
static void
extract_ok(const char *data, gsize len, const char *media_type, WnBpResult *res)
{
  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  g_autoptr(GError) error = NULL;
  g_assert_true(wn_bp_extract(data, len, media_type, &cfg, res, &error));
  g_assert_no_error(error);
}

/* Extracts with the default options, asserting the per-document refusal
 * (WN_ERROR_STAGE) and, when `part` is given, that its message says it. */
static void
extract_refused(const char *data, gsize len, const char *media_type, const char *part)
{
  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  WnBpResult res;
  g_autoptr(GError) error = NULL;
  g_assert_false(wn_bp_extract(data, len, media_type, &cfg, &res, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_STAGE);
  if (part != NULL)
    g_assert_nonnull(strstr(error->message, part));
}

/* Extracts hostile input with the default options: TRUE with the result,
 * or FALSE after asserting a clean per-document refusal (WN_ERROR_STAGE). */
static gboolean
extract_or_refused(const char *data, gsize len, const char *media_type, WnBpResult *res)
{
  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  g_autoptr(GError) error = NULL;
  if (wn_bp_extract(data, len, media_type, &cfg, res, &error))
    return TRUE;
  g_assert_error(error, WN_ERROR, WN_ERROR_STAGE);
  return FALSE;
}

/* Asserts that `text` holds every string of `kept` and none of `gone`
 * (NULL-terminated; either may be NULL), saying which one failed. */
static void
assert_kept_gone(const char *text, const char *const *kept, const char *const *gone)
{
  for (guint i = 0; kept != NULL && kept[i] != NULL; i++) {
    if (strstr(text, kept[i]) == NULL)
      g_test_message("lost \"%s\" from:\n%s", kept[i], text);
    g_assert_nonnull(strstr(text, kept[i]));
  }
  for (guint i = 0; gone != NULL && gone[i] != NULL; i++) {
    if (strstr(text, gone[i]) != NULL)
      g_test_message("kept \"%s\" in:\n%s", gone[i], text);
    g_assert_null(strstr(text, gone[i]));
  }
}

static void
test_fixture(gconstpointer data)
{
  const char *name = data; /* e.g. "news-fr-01.html" */
  g_autofree char *dir = fixture_dir();
  g_autofree char *path = g_build_filename(dir, name, NULL);
  const char *dot = strrchr(name, '.');
  g_autofree char *stem = g_strndup(name, dot - name);
  g_autofree char *gold_name = g_strconcat(stem, ".gold.txt", NULL);
  g_autofree char *boiler_name = g_strconcat(stem, ".boiler.txt", NULL);
  g_autofree char *gold_path = g_build_filename(dir, gold_name, NULL);
  g_autofree char *boiler_path = g_build_filename(dir, boiler_name, NULL);

  g_autofree char *page = NULL, *gold = NULL, *boiler = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  g_assert_true(g_file_get_contents(path, &page, &len, &error));
  g_assert_true(g_file_get_contents(gold_path, &gold, NULL, &error));
  g_assert_true(g_file_get_contents(boiler_path, &boiler, NULL, &error));

  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  WnBpResult res;
  const char *media = g_str_has_suffix(name, ".html") ? "text/html" : "text/plain";
  gboolean ok = wn_bp_extract(page, len, media, &cfg, &res, &error);
  g_assert_no_error(error);
  g_assert_true(ok);
  g_assert_true(g_utf8_validate(res.text, -1, NULL));

  double p, r;
  word_scores(res.text, gold, &p, &r);
  g_test_message("%s: precision %.3f recall %.3f", name, p, r);
  gboolean known = g_strv_contains(known_failures, name);
  if (known && (p < MIN_PRECISION || r < MIN_RECALL)) {
    g_test_incomplete_printf("%s: precision %.3f recall %.3f under %.2f (known)", name, p, r,
                             MIN_PRECISION);
    wn_bp_result_clear(&res);
    return;
  }
  if (p < MIN_PRECISION || r < MIN_RECALL)
    g_test_message("extracted text of %s:\n%s", name, res.text);
  g_assert_cmpfloat(p, >=, MIN_PRECISION);
  g_assert_cmpfloat(r, >=, MIN_RECALL);

  /* Every listed boilerplate phrase is gone. */
  g_autofree char *got = normalise(res.text);
  g_auto(GStrv) phrases = g_strsplit(boiler, "\n", -1);
  for (guint i = 0; phrases[i]; i++) {
    g_autofree char *ph = normalise(phrases[i]);
    if (!*ph)
      continue;
    if (strstr(got, ph) && known) {
      g_test_incomplete_printf("%s: boilerplate phrase kept: \"%s\" (known)", name, ph);
      wn_bp_result_clear(&res);
      return;
    }
    if (strstr(got, ph))
      g_test_message("%s: boilerplate phrase kept: \"%s\"", name, ph);
    g_assert_null(strstr(got, ph));
  }
  g_assert_nonnull(res.title);
  wn_bp_result_clear(&res);
}

/* ---- the parts ---- */

static void
test_charset_cp1252(void)
{
  /* windows-1252 bytes: curly quotes (0x93/0x94), e-acute, euro sign. */
  const char page[] = "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head>"
                      "<body><p>\x93Le caf\xe9 co\xfbte 3 \x80,\x94 dit-il.</p></body></html>";
  gsize n;
  const char *cs;
  g_autofree char *u = wn_bp_to_utf8(page, sizeof page - 1, &n, &cs);
  g_assert_true(g_utf8_validate(u, n, NULL));
  g_assert_cmpstr(cs, ==, "windows-1252");
  g_assert_nonnull(
      strstr(u, "\xe2\x80\x9cLe caf\xc3\xa9 co\xc3\xbbte 3 \xe2\x82\xac,\xe2\x80\x9d"));
}

static void
test_charset_wrong_declaration(void)
{
  /* Declares latin-1, holds UTF-8: the bytes win, no mojibake. */
  const char utf8_page[] = "<html><head><meta http-equiv=\"Content-Type\" "
                           "content=\"text/html; charset=iso-8859-1\"></head>"
                           "<body><p>Zürich and Málaga are cities.</p></body></html>";
  gsize n;
  const char *cs;
  g_autofree char *u = wn_bp_to_utf8(utf8_page, sizeof utf8_page - 1, &n, &cs);
  g_assert_cmpstr(cs, ==, "utf-8");
  g_assert_nonnull(strstr(u, "Zürich and Málaga"));

  /* Declares UTF-8, holds latin-1: read as windows-1252, valid UTF-8 out. */
  const char latin_page[] = "<html><head><meta charset=\"utf-8\"></head>"
                            "<body><p>Z\xfcrich and M\xe1laga are cities.</p></body></html>";
  g_autofree char *v = wn_bp_to_utf8(latin_page, sizeof latin_page - 1, &n, &cs);
  g_assert_true(g_utf8_validate(v, n, NULL));
  g_assert_nonnull(strstr(v, "Zürich and Málaga"));

  /* Declares a charset iconv does not know: no crash, valid UTF-8. */
  const char odd_page[] = "<meta charset=\"x-no-such-charset\"><p>na\xefve caf\xe9</p>";
  g_autofree char *w = wn_bp_to_utf8(odd_page, sizeof odd_page - 1, &n, &cs);
  g_assert_true(g_utf8_validate(w, n, NULL));
  g_assert_nonnull(strstr(w, "naïve café"));

  g_autofree char *decl = wn_bp_declared_charset(latin_page, sizeof latin_page - 1);
  g_assert_cmpstr(decl, ==, "utf-8");
}

static void
test_title_strip(void)
{
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"Storm floods the valley | Valley Courier", "Storm floods the valley"},
      {"Storm floods the valley - The Valley Courier", "Storm floods the valley"},
      {"Valley Courier | Storm floods the valley again this week",
       "Storm floods the valley again this week"},
      {"U.S.-China talks resume", "U.S.-China talks resume"},
      {"Obama: the talks went well", "Obama: the talks went well"},
      /* Chinese and Japanese sites put no spaces around the separator. */
      {"青澜市地铁三号线北延段今日开通试运营_东江日报网", "青澜市地铁三号线北延段今日开通试运营"},
      {"东江日报网｜青澜市地铁三号线北延段今日开通试运营", "青澜市地铁三号线北延段今日开通试运营"},
      {"snake_case", "snake_case"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *t = wn_bp_title_strip_site(cases[i].in);
    g_assert_cmpstr(t, ==, cases[i].out);
  }
  /* The h1 wins when it matches the page title; otherwise the page title. */
  g_autofree char *a =
      wn_bp_title_choose("Storm floods the valley | Courier", NULL, "Storm floods the valley");
  g_assert_cmpstr(a, ==, "Storm floods the valley");
  g_autofree char *b =
      wn_bp_title_choose("Storm floods the valley | Courier", "Storm floods the valley", "Menu");
  g_assert_cmpstr(b, ==, "Storm floods the valley");
}

static void
test_language_guess(void)
{
  const char *en = "The council said that it would not vote on the plan until the end of the "
                   "year.";
  g_assert_cmpint(wn_bp_guess_language(en, strlen(en)), ==, WN_BP_LANG_EN);
  const char *fr = "Le conseil a dit qu'il ne voterait pas sur le projet avant la fin de "
                   "l'année, selon les élus de la commune.";
  g_assert_cmpint(wn_bp_guess_language(fr, strlen(fr)), ==, WN_BP_LANG_FR);
  const char *de = "Der Rat sagte, dass er nicht über den Plan abstimmen werde, bis das Jahr "
                   "zu Ende ist und die Mitglieder sich einig sind.";
  g_assert_cmpint(wn_bp_guess_language(de, strlen(de)), ==, WN_BP_LANG_DE);
  const char *es = "El consejo dijo que no votaría sobre el plan hasta el final del año, según "
                   "los concejales de la ciudad.";
  g_assert_cmpint(wn_bp_guess_language(es, strlen(es)), ==, WN_BP_LANG_ES);
}

static const char article_lines[] =
    "Home News Sport Business Culture Opinion\n"
    "\n"
    "Harbour bridge reopens after six months of repairs\n"
    "\n"
    "The harbour bridge reopened to traffic on Monday morning after six months of repairs that "
    "cost the city more than it had planned, officials said.\n"
    "\n"
    "Drivers queued from dawn to be among the first across, and the mayor cut a ribbon at the "
    "eastern end while a brass band played on the quay.\n"
    "\n"
    "It was worth the wait.\n"
    "\n"
    "The works replaced the deck and strengthened the piers, which engineers had found were "
    "cracked after a winter storm damaged the structure last year.\n"
    "\n"
    "Related Articles:\n"
    "Tunnel plan goes to council\n"
    "Ferry timetable changes in May\n"
    "Quay market to close for a week\n"
    "\n"
    "We use cookies to improve your experience on our website and to show you personalised "
    "advertising. By continuing to browse you accept our use of cookies and our privacy "
    "policy.\n"
    "Accept Cookies\n"
    "Save Settings\n";

/* A flattened page whose article ends in lines about it rather than of it. */
static const char closing_lines[] =
    "Valley Courier\n"
    "News Sport Business Opinion Weather\n"
    "\n"
    "Orchard growers bet on frost fans as springs turn warmer\n"
    "By Ines Okafor\n"
    "April 3, 2025\n"
    "\n"
    "Growers in the upper valley have installed more than forty frost fans since last year, "
    "betting that the machines will protect blossoms during the cold nights that still follow "
    "early warm spells in March and April.\n"
    "\n"
    "The fans pull warmer air down from a few metres above the orchard. Ines Okafor watched one "
    "start at dawn on a farm near Millbrook, where the owner said it had saved most of his "
    "cherries during a hard frost two weeks earlier.\n"
    "\n"
    "Agronomists say the fans help only on still, clear nights, and that they cost as much to "
    "run as a small tractor. Several growers said they would still rather pay for diesel than "
    "lose a year of fruit to one cold morning.\n"
    "\n"
    "This story has been updated.\n"
    "\n"
    "This story was produced with support from the Mountain Farm Reporting Fund.\n"
    "\n"
    "Ines Okafor covers agriculture and water for the Valley Courier.\n"
    "\n"
    "Get the morning briefing free in your inbox every weekday.\n"
    "Email address\n"
    "Sign up\n"
    "\n"
    "Related stories\n"
    "Cherry prices climb after a short harvest\n"
    "Water board weighs new rules for irrigation wells\n"
    "\n"
    "About us Contact Advertise Privacy\n";

static void
test_text_closing_lines(void)
{
  WnBpResult res;
  extract_ok(closing_lines, sizeof closing_lines - 1, "text/plain", &res);
  /* The article stays, with the author's name inside a paragraph and a bare
   * update note (it names nobody). The bio (it opens with the byline's
   * name), the credit (it speaks of the story and names a fund), the
   * newsletter pitch above an e-mail field and the related-stories list go. */
  assert_kept_gone(
      res.text,
      (const char *const[]){"Growers in the upper valley", "Ines Okafor watched one start at dawn",
                            "rather pay for diesel", "This story has been updated.", NULL},
      (const char *const[]){"covers agriculture", "Mountain Farm Reporting Fund",
                            "morning briefing", "Related stories", "Cherry prices climb", NULL});
  wn_bp_result_clear(&res);
}

/* Furniture told by its wording in the languages a multilingual benchmark
 * holds: each line below is furniture on its own; the sentences after them
 * open with the same words and are prose. */
static const char *const furniture_lines_intl[] = {
    "Lesen Sie auch",
    "Alle akzeptieren",
    "Zustimmen und weiter",
    "Das könnte Sie auch interessieren",
    "Folgen Sie uns auf Instagram, um nichts zu verpassen.",
    "Aceptar todas",
    "Publicidad",
    "Compartir",
    "Leia também: Prefeitura anuncia nova linha de barco",
    "LEIA TAMBÉM",
    "Leggi anche: Il sindaco presenta il nuovo piano",
    "Lees ook: Gemeente sluit de brug voor onderhoud",
    "Zobacz także",
    "Zaakceptuj",
    "Wszelkie prawa zastrzeżone.",
    "Читайте также: В городе открыли новый мост",
    "ЧИТАЙТЕ ТАКЖЕ",
    "Принять",
    "Поделиться",
    "Комментарии (12)",
    "Подписывайтесь на наш канал в Telegram",
    "Читайте також: У місті відкрили новий міст",
    "Ayrıca okuyun: Belediye yeni köprüyü açtı",
    "İlgili Haberler",
    "Tümünü kabul et",
    "Διαβάστε επίσης: Νέα γέφυρα στην πόλη",
    "ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ",
    "Αποδοχή",
    "اقرأ أيضا: افتتاح جسر جديد في المدينة",
    "أخبار ذات صلة",
    "相关新闻",
    "延伸閱讀：市府宣布新橋啟用",
    "分享到：",
    "本网站使用Cookie以改善您的浏览体验。",
    "广告",
    "関連記事",
    "同意する",
    "コメント",
    "관련 기사",
    "모두 동의",
    "© 2026 Вести. Все права защищены.",
    NULL};

static const char *const prose_lines_intl[] = {
    "Teilen sich die Nachbarn die Kosten, wird die neue Heizung für alle deutlich billiger.",
    "Aceptar el acuerdo no fue fácil para el gobierno, explicó la ministra el lunes.",
    "Leia também o relatório completo, recomendou a professora aos alunos da escola.",
    "Принять решение было непросто, признал мэр города на встрече с жителями района.",
    "Поделиться опытом с коллегами из соседней области специалисты смогут уже весной.",
    "Комментарии экспертов к новому закону оказались куда осторожнее, чем ожидалось.",
    "Reklamacje można składać w urzędzie do końca miesiąca, przypomina rzecznik.",
    "分享经济在县城的发展速度超过了许多人的预期，当地商户也开始尝试新的模式。",
    "コメントを求められた市長は、計画の見直しについて慎重な姿勢を示した。",
    "Ayrıca belediye, köprünün bakımı için yeni bir ihale açacağını duyurdu.",
    NULL};

/* Whether each line of `lines` is taken for furniture as `expected` says. */
static void
assert_furniture(const char *const *lines, gboolean expected)
{
  for (guint i = 0; lines[i]; i++) {
    const char *s = lines[i];
    WnBpStats st;
    wn_bp_scan(s, strlen(s), WN_BP_LANG_AUTO, &st);
    /* As the text path counts them: unspaced scripts by characters. */
    guint words = MAX(st.words, st.chars / 6);
    gboolean got = wn_bp_furniture_phrase(s, strlen(s), words) != FALSE;
    if (got != expected)
      g_test_message("%s for furniture: %s", expected ? "not taken" : "taken", s);
    g_assert_cmpint(got, ==, expected);
  }
}

static void
test_furniture_languages(void)
{
  assert_furniture(furniture_lines_intl, TRUE);
  assert_furniture(prose_lines_intl, FALSE);
  /* Comment-section headings, with counts and decoration, in any case. */
  static const struct {
    const char *line;
    gboolean heading;
  } headings[] = {
      {"Kommentare", TRUE},
      {"КОММЕНТАРИИ (3)", TRUE},
      {"12 Yorumlar", TRUE},
      {"评论：", TRUE},
      {"» Comentários", TRUE},
      {"Kommentare der Leser zum neuen Gesetz", FALSE},
      {"", FALSE},
  };
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    const char *s = headings[i].line;
    gboolean got = wn_bp_comments_heading(s, strlen(s)) != FALSE;
    if (got != headings[i].heading)
      g_test_message("%s for a comments heading: %s", got ? "taken" : "not taken", s);
    g_assert_cmpint(got, ==, headings[i].heading);
  }
}

static void
test_text_lines(void)
{
  WnBpResult res;
  extract_ok(article_lines, sizeof article_lines - 1, "text/plain", &res);
  g_assert_cmpstr(res.title, ==, "Harbour bridge reopens after six months of repairs");
  g_assert_true(g_str_has_prefix(res.text, "Harbour bridge reopens"));
  /* The short line inside the article stays; menus, lists, cookies go. */
  assert_kept_gone(
      res.text,
      (const char *const[]){"\n\nIt was worth the wait.\n\n", "cracked after a winter storm", NULL},
      (const char *const[]){"Home News", "Related Articles", "Ferry timetable", "cookies",
                            "Accept Cookies", NULL});
  g_assert_cmpint(res.language, ==, WN_BP_LANG_EN);
  wn_bp_result_clear(&res);

  /* A short note with no paragraph of prose is kept, not refused. */
  const char note[] = "Meeting moved to Thursday at ten in the small room\n";
  extract_ok(note, sizeof note - 1, "text/plain", &res);
  g_assert_cmpstr(res.text, ==, "Meeting moved to Thursday at ten in the small room");
  wn_bp_result_clear(&res);

  /* Without the title the text starts with the first paragraph. */
  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  g_autoptr(GError) error = NULL;
  cfg.keep_title = FALSE;
  g_assert_true(
      wn_bp_extract(article_lines, sizeof article_lines - 1, "text/plain", &cfg, &res, &error));
  g_assert_true(g_str_has_prefix(res.text, "The harbour bridge reopened"));
  wn_bp_result_clear(&res);
}

static void
test_text_unlisted_language(void)
{
  /* Korean: no stopword list, so the prose is found by length and
   * punctuation; the menu and the link list still go. */
  const char page[] = "뉴스 홈 정치 경제 사회\n로그인 회원가입\n\n"
                      "서울시, 내년부터 공공자전거 요금 인하\n\n"
                      "서울시는 내년 1월부터 공공자전거 따릉이의 이용 요금을 일부 인하한다고 "
                      "밝혔다. 시는 이번 조치로 시민들의 자전거 이용이 더욱 늘어날 것으로 기대하고 "
                      "있다.\n\n"
                      "시 관계자는 \"출퇴근 시간대 이용자가 크게 늘어난 만큼 요금 부담을 줄이는 "
                      "방안을 마련했다\"며 \"대여소도 계속 확충할 계획\"이라고 말했다.\n\n"
                      "이번 인하는 정기권 이용자에게 우선 적용되며, 일일권 요금은 현행대로 "
                      "유지된다.\n\n많이 본 뉴스\n관련 기사\n";
  WnBpResult res;
  extract_ok(page, sizeof page - 1, "text/plain", &res);
  assert_kept_gone(
      res.text,
      (const char *const[]){"서울시는 내년 1월부터", "일일권 요금은 현행대로 유지된다.", NULL},
      (const char *const[]){"로그인", "많이 본 뉴스", NULL});
  wn_bp_result_clear(&res);
}

static const char html_page[] =
    "<!DOCTYPE html><html><head><title>Harbour bridge reopens | The Quay Times</title>"
    "<script>var x = '<p>not text</p>';</script><style>p{}</style></head><body>"
    "<header><nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li></ul></nav>"
    "</header>"
    "<div class=\"cookie-banner\"><p>We use cookies to improve your experience and show "
    "personalised advertising, as our privacy policy explains in detail.</p>"
    "<button>Accept all</button></div>"
    "<main><article><h1>Harbour bridge reopens</h1>"
    "<div class=\"share-bar\"><a href=#>Share on Facebook</a> <a href=#>Tweet</a></div>"
    "<div class=\"article-body\"><p>The harbour bridge reopened to traffic on Monday morning "
    "after six months of repairs that cost the city more than it had planned.</p>"
    "<p>Drivers queued from dawn to be among the first across, and the mayor cut a ribbon at "
    "the eastern end while a brass band played.</p>"
    "<h2>What changed</h2>"
    "<p>The works replaced the deck and strengthened the piers, which engineers had found "
    "were cracked after a storm last winter.</p>"
    "<blockquote><p>It was worth the wait, and we are proud of the crews who did it.</p>"
    "</blockquote></div>"
    "<aside class=\"related\"><h3>More from the Quay Times</h3><ul>"
    "<li><a href=/a>Tunnel plan goes to council</a></li>"
    "<li><a href=/b>Ferry timetable changes in May</a></li></ul></aside>"
    "</article></main>"
    "<div id=\"comments\"><p>I drive across it every day and I think it is a disgrace that it "
    "took so long to fix it, frankly.</p></div>"
    "<footer><p>Copyright 2024 The Quay Times. All rights reserved.</p></footer>"
    "</body></html>";

static void
test_html_basic(void)
{
  WnBpResult res;
  /* No media type given: the bytes say HTML. */
  extract_ok(html_page, sizeof html_page - 1, NULL, &res);
  g_assert_cmpstr(res.title, ==, "Harbour bridge reopens");
  g_assert_true(g_str_has_prefix(res.text, "Harbour bridge reopens\n\nThe harbour bridge"));
  assert_kept_gone(res.text,
                   (const char *const[]){"\n\nWhat changed\n\n", "It was worth the wait",
                                         "brass band played.\n\n", NULL},
                   (const char *const[]){"Home", "cookies", "Accept", "Share on", "Tweet",
                                         "Tunnel plan", "More from", "disgrace", "Copyright",
                                         "not text", "Quay Times", NULL});
  wn_bp_result_clear(&res);
}

static void
test_text_lone_paragraph(void)
{
  /* Clean text of one paragraph has no context to classify it by: it is its
   * own article. A lone menu label is not prose and still yields nothing. */
  WnBpResult res;
  static const char prose[] = "  The council approved the new bus timetable on Monday, "
                              "and it takes effect in March.\n";
  extract_ok(prose, sizeof prose - 1, "text/plain", &res);
  g_assert_cmpstr(res.text, ==,
                  "The council approved the new bus timetable on Monday, and it takes effect "
                  "in March.");
  wn_bp_result_clear(&res);

  static const char label[] = "Accept all cookies";
  extract_refused(label, sizeof label - 1, "text/plain", "no article text found");
}

static void
test_html_short_article(void)
{
  /* A two-paragraph article whose closing paragraph is short: the first
   * paragraph alone outscores its <article>, yet the container must be the
   * article, so the short paragraph stays while the menu and footer go. */
  static const char page[] =
      "<html><head><title>Ferry fares frozen | Tidewater Post</title></head><body>"
      "<nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a> | <a "
      "href=\"/sport\">Sport</a></nav>"
      "<article><h1>Ferry fares frozen</h1>"
      "<p>The county ferry service will keep its fares at this year's level until the end of 2027, "
      "the transport committee decided on Thursday after a two-hour debate about fuel costs.</p>"
      "<p>Season tickets are not affected.</p></article>"
      "<footer>Copyright Tidewater Post. All rights reserved.</footer></body></html>";
  WnBpResult res;
  extract_ok(page, sizeof page - 1, NULL, &res);
  g_assert_cmpstr(res.title, ==, "Ferry fares frozen");
  g_assert_nonnull(strstr(res.text, "after a two-hour debate about fuel costs."));
  g_assert_true(g_str_has_suffix(res.text, "Season tickets are not affected."));
  g_assert_null(strstr(res.text, "Sport"));
  g_assert_null(strstr(res.text, "Copyright"));
  wn_bp_result_clear(&res);
}

static void
test_html_one_sentence(void)
{
  /* A page whose only prose is one terse sentence (few stopwords) among
   * furniture that reads like prose (a footer blurb full of stopwords): the
   * sentence is the article, with or without an <h1>, and never an error. */
  static const char page[] =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
      "<header><a href=\"/\">Millbrook Gazette</a><nav><a href=\"/news\">News</a> "
      "<a href=\"/sport\">Sport</a> <a href=\"/business\">Business</a></nav></header>"
      "<main><article>%s<p class=\"byline\">By Anna Kerr</p>"
      "<p>Heavy snowfall closed schools, highways and airports across northern Vermont Tuesday "
      "morning, state officials confirmed.</p></article>"
      "<aside><h2>Most read</h2><ul><li><a href=\"/a\">Council approves new budget for the "
      "coming year</a></li><li><a href=\"/b\">Local bakery wins regional award</a></li></ul>"
      "</aside></main><footer><p>The Millbrook Gazette is an independent newspaper that has "
      "served the people of the valley and its towns since it was founded in 1921.</p>"
      "<p><a href=\"/privacy\">Privacy</a> <a href=\"/terms\">Terms</a></p></footer>"
      "</body></html>";
  const char *const headings[] = {"<h1>Snow closes schools</h1>", ""};
  for (guint i = 0; i < G_N_ELEMENTS(headings); i++) {
    g_autofree char *html = g_strdup_printf(page, headings[i]);
    WnBpResult res;
    extract_ok(html, strlen(html), NULL, &res);
    if (i == 0)
      g_assert_cmpstr(res.title, ==, "Snow closes schools");
    assert_kept_gone(res.text,
                     (const char *const[]){"Heavy snowfall closed schools, highways and airports "
                                           "across northern Vermont Tuesday morning, state "
                                           "officials confirmed.",
                                           NULL},
                     (const char *const[]){"independent newspaper", "bakery", "Business", NULL});
    wn_bp_result_clear(&res);
  }
}

static void
test_html_raw_text(void)
{
  /* Script and style bodies, comments and unread attributes are removed
   * before parsing; markup that only looks like them must survive it: a
   * "<script>" inside an attribute value, an empty <script/>, an unquoted
   * value ending in '/', attributes without blanks between them, and an
   * unterminated comment at the end. */
  static const char page[] =
      "<html><head><title>Tide tables revised | Harbour News</title>"
      "<style>p { color: red } /* <p>not text</p> */</style>"
      "<script>var s = '<p>not text either</p>'; if (a < b) {}</script></head><body>"
      "<nav><a href=/>Home</a> <a href=/news/>News</a></nav>"
      "<article><h1>Tide tables revised</h1>"
      "<div data-template=\"<script>alert(1)</script>\" class=\"story\"id=\"body\">"
      "<script src=\"/ads.js\" /><p>The harbour office has revised its tide tables for the "
      "summer after a survey found the channel two metres deeper than charted.</p>"
      "<!-- a comment with <script> inside --><p>Skippers are asked to download the new tables "
      "before the first of June, when the old ones stop being valid.</p></div></article>"
      "<footer>Harbour News</footer><!-- unterminated <p>comment</p>";
  WnBpResult res;
  extract_ok(page, sizeof page - 1, NULL, &res);
  g_assert_cmpstr(res.title, ==, "Tide tables revised");
  assert_kept_gone(res.text,
                   (const char *const[]){"two metres deeper than charted.",
                                         "when the old ones stop being valid.", NULL},
                   (const char *const[]){"not text", "alert", "comment", "color", NULL});
  wn_bp_result_clear(&res);

  /* 100,000 <script> and <style> openings that never close: the pre-pass
   * looks for the missing closing tag once, not once per opening (that was
   * quadratic, past the suite's time limit); the paragraph before them is
   * the article. */
  GString *many = g_string_new("<html><body><p>The harbour office has revised its tide tables "
                               "for the summer after a survey of the channel.</p>");
  for (guint i = 0; i < 100000; i++)
    g_string_append(many, i % 2 ? "<script>x" : "<style>y");
  extract_ok(many->str, many->len, "text/html", &res);
  g_assert_nonnull(strstr(res.text, "revised its tide tables"));
  wn_bp_result_clear(&res);
  g_string_free(many, TRUE);
}

static void
test_html_unlisted_language(void)
{
  /* Pages in languages we have no stopword list for report no language
   * (AUTO, "und" in the record) instead of a wrong guess; listed ones keep
   * theirs. */
  static const struct {
    const char *page;
    WnBpLang lang;
  } cases[] = {
      {"news-ru-01.html", WN_BP_LANG_AUTO}, {"news-zh-01.html", WN_BP_LANG_AUTO},
      {"news-ar-01.html", WN_BP_LANG_AUTO}, {"gov-pl-01.html", WN_BP_LANG_AUTO},
      {"news-fr-01.html", WN_BP_LANG_FR},   {"wire-01.html", WN_BP_LANG_EN},
  };
  g_autofree char *dir = fixture_dir();
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *path = g_build_filename(dir, cases[i].page, NULL);
    g_autofree char *page = NULL;
    gsize len = 0;
    g_assert_true(g_file_get_contents(path, &page, &len, NULL));
    WnBpResult res;
    extract_ok(page, len, "text/html", &res);
    g_assert_cmpint(res.language, ==, cases[i].lang);
    wn_bp_result_clear(&res);
  }
}

static void
test_html_metadata_line(void)
{
  /* A publication stamp in any language (a numeric date and "label:"
   * fields) goes; event details inside the story, which open with a label,
   * stay between its paragraphs. */
  static const char page[] =
      "<html><head><title>Feira do livro volta ao centro</title></head><body>"
      "<div><h1>Feira do livro volta ao centro</h1>"
      "<div>05/10/2026 - Publicado por: Clarissa Borba - Categoria: Cultura - Tags: feira "
      "livros</div>"
      "<p>A feira do livro da cidade volta a ocupar a praça central depois de dois anos no "
      "pavilhão de exposições, anunciou a secretaria de cultura nesta segunda-feira.</p>"
      "<p>Data: 12.11.2026, Local: Praça Central</p>"
      "<p>Mais de oitenta editoras confirmaram presença, e a programação inclui debates, "
      "sessões de autógrafos e oficinas para crianças durante todo o fim de semana.</p>"
      "</div></body></html>";
  WnBpResult res;
  extract_ok(page, sizeof page - 1, NULL, &res);
  g_assert_null(strstr(res.text, "Publicado por"));
  g_assert_nonnull(strstr(res.text, "Data: 12.11.2026, Local: Praça Central"));
  g_assert_nonnull(strstr(res.text, "durante todo o fim de semana."));
  wn_bp_result_clear(&res);
}

static GString *
long_article(guint paragraphs)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < paragraphs; i++)
    g_string_append_printf(s,
                           "<p>Paragraph %u of the report says that the river rose by a metre "
                           "in the night, and that the people of the town were told to leave "
                           "their houses before the water reached the bridge.</p>\n",
                           i);
  return s;
}

static void
test_html_deep_nesting(void)
{
  /* 100,000 nested divs (never closed) around an article: no stack overflow. */
  guint depth = 100000;
  GString *s = g_string_new("<html><body>");
  for (guint i = 0; i < depth; i++)
    g_string_append(s, "<div>");
  g_autoptr(GString) art = long_article(5);
  g_string_append_len(s, art->str, art->len);
  for (guint i = 0; i < depth / 2; i++)
    g_string_append(s, "<span><b>");
  g_string_append(s, "tail text");
  WnBpResult res;
  /* Either a clean result holding the article or a clear error. */
  if (extract_or_refused(s->str, s->len, "text/html", &res)) {
    g_assert_true(g_utf8_validate(res.text, -1, NULL));
    g_assert_nonnull(strstr(res.text, "Paragraph 4 of the report"));
    wn_bp_result_clear(&res);
  }
  g_string_free(s, TRUE);

  /* Deep inline nesting with many blocks under it, and thousands of short
   * undecided blocks: the work stays linear (a quadratic walk would not end). */
  s = g_string_new("<html><body>");
  for (guint i = 0; i < depth; i++)
    g_string_append(s, "<b>");
  for (guint i = 0; i < 20000; i++)
    g_string_append(s, "<div><p>Short line.</p></div>");
  g_string_append_len(s, art->str, art->len);
  if (extract_or_refused(s->str, s->len, "text/html", &res)) {
    g_assert_nonnull(strstr(res.text, "Paragraph 4 of the report"));
    wn_bp_result_clear(&res);
  }
  g_string_free(s, TRUE);

  /* The same for flattened text: 200,000 short lines. */
  s = g_string_new(NULL);
  for (guint i = 0; i < 200000; i++)
    g_string_append(s, "Menu item\n");
  g_string_append(s, "The river rose by a metre in the night, and the people of the town were told "
                     "to leave their houses before the water reached the bridge.\n");
  if (extract_or_refused(s->str, s->len, "text/plain", &res))
    wn_bp_result_clear(&res);
  g_string_free(s, TRUE);
}

static void
test_html_huge(void)
{
  /* A 50 MB page (5 MB under valgrind): the article, then a long link list. */
  gsize target = under_valgrind ? 5u << 20 : 50u << 20;
  GString *s = g_string_sized_new(target + 4096);
  g_string_append(s, "<html><head><title>Flood report</title></head><body><article>");
  g_autoptr(GString) art = long_article(20);
  g_string_append_len(s, art->str, art->len);
  g_string_append(s, "</article><ul class=\"archive\">");
  for (guint i = 0; s->len < target; i++)
    g_string_append_printf(s, "<li><a href=\"/archive/%u\">Archive item %u</a></li>\n", i, i);
  g_string_append(s, "</ul></body></html>");
  WnBpResult res;
  extract_ok(s->str, s->len, "text/html", &res);
  g_assert_nonnull(strstr(res.text, "Paragraph 19 of the report"));
  g_assert_null(strstr(res.text, "Archive item"));
  wn_bp_result_clear(&res);
  g_string_free(s, TRUE);
}

static void
test_html_malformed(void)
{
  static const char *const pages[] = {
      /* unclosed tags everywhere */
      "<html><body><div><p>The river rose by a metre in the night, and the people of the town "
      "were told to leave their houses before the water reached the bridge.<p>Then the rain "
      "stopped and the water went down again, slowly, over the next three days.<div><span>",
      /* truncated in the middle of a tag and an attribute */
      "<html><body><p>The river rose by a metre in the night, and the people of the town were "
      "told to leave their houses before the water reached the bridge.</p><a href=\"/x",
      /* no body, no html */
      "<p>The river rose by a metre in the night, and the people of the town were told to "
      "leave their houses before the water reached the bridge.",
      /* stray end tags, comments, CDATA, processing instructions */
      "</div></p><!-- x --><![CDATA[ y ]]><?php echo 1; ?><p>The river rose by a metre in "
      "the night, and the people of the town were told to leave their houses.</td></table>",
  };
  for (guint i = 0; i < G_N_ELEMENTS(pages); i++) {
    WnBpResult res;
    extract_ok(pages[i], strlen(pages[i]), "text/html", &res);
    g_assert_nonnull(strstr(res.text, "The river rose by a metre in the night"));
    g_assert_true(g_utf8_validate(res.text, -1, NULL));
    wn_bp_result_clear(&res);
  }
}

static void
test_no_content(void)
{
  /* A page with nothing but a menu: a clear per-document error. */
  const char menu[] = "<html><head></head><body><nav><a href=/>Home</a> <a href=/b>Blog</a>"
                      "</nav></body></html>";
  extract_refused(menu, sizeof menu - 1, "text/html", NULL);
  /* Empty input. */
  extract_refused("", 0, "text/html", NULL);
}

/* A page whose tail is 300,000 related-list headings with no blank line
 * between them (a list gone wrong): the list goes, the article stays, and
 * the run is marked once. A heading used to mark everything under it, once
 * per heading: minutes here, past the suite's time limit. */
static void
test_text_heading_run(void)
{
  GString *page = g_string_new(
      "City council approves new tram line\n\n"
      "The city council voted on Tuesday to build a tram line from the station to the "
      "university, ending a debate that has run for more than ten years.\n\n"
      "Construction is expected to start next spring and to take about three years, "
      "according to the transport department, which will publish a timetable in June.\n\n");
  for (guint i = 0; i < 300000; i++)
    g_string_append(page, "Related stories\n");
  WnBpResult res;
  extract_ok(page->str, page->len, "text/plain", &res);
  g_assert_nonnull(strstr(res.text, "ending a debate"));
  g_assert_nonnull(strstr(res.text, "publish a timetable in June"));
  g_assert_null(strstr(res.text, "Related stories"));
  wn_bp_result_clear(&res);
  g_string_free(page, TRUE);
}

static void
test_binary_junk(void)
{
  GRand *rand = g_rand_new_with_seed(42);
  gsize n = 200000;
  g_autofree char *junk = g_malloc(n);
  for (gsize i = 0; i < n; i++)
    junk[i] = (char)g_rand_int_range(rand, 0, 256);
  g_rand_free(rand);
  /* Declared HTML or not: refused with a clear message. */
  extract_refused(junk, n, "text/html", "not text");
  /* Junk without control bytes (high bytes and markup soup) still parses cleanly. */
  g_autofree char *soup = g_malloc(n + 1);
  for (gsize i = 0; i < n; i++) {
    static const char alphabet[] = "<>/=\"' abcdefp\n\x80\x93\xe9\xff&;#";
    soup[i] = alphabet[(i * 7919u + i / 13) % (sizeof alphabet - 1)];
  }
  soup[n] = '\0';
  WnBpResult res;
  if (extract_or_refused(soup, n, "text/html", &res)) {
    g_assert_true(g_utf8_validate(res.text, -1, NULL));
    wn_bp_result_clear(&res);
  }
}

static void
test_html_in_text(void)
{
  /* A text/plain document that is clearly HTML is read as HTML. */
  g_assert_true(wn_bp_looks_like_html(html_page, sizeof html_page - 1));
  g_assert_false(wn_bp_looks_like_html(article_lines, sizeof article_lines - 1));
  WnBpResult res;
  extract_ok(html_page, sizeof html_page - 1, "text/plain", &res);
  g_assert_null(strstr(res.text, "<p>"));
  g_assert_nonnull(strstr(res.text, "The harbour bridge reopened"));
  wn_bp_result_clear(&res);
}

/* ---- threads ---- */

typedef struct {
  GPtrArray *pages;    /* GBytes */
  GPtrArray *expected; /* char *, one per page */
  gint failures;
} ThreadJob;

static gpointer
extract_all(gpointer data)
{
  ThreadJob *job = data;
  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  for (int round = 0; round < 3; round++)
    for (guint i = 0; i < job->pages->len; i++) {
      gsize len;
      const char *page = g_bytes_get_data(job->pages->pdata[i], &len);
      WnBpResult res;
      if (!wn_bp_extract(page, len, "text/html", &cfg, &res, NULL) ||
          g_strcmp0(res.text, job->expected->pdata[i]) != 0)
        g_atomic_int_inc(&job->failures);
      else
        wn_bp_result_clear(&res);
    }
  return NULL;
}

static void
test_threads(void)
{
  /* The stage is declared thread-safe: several threads extracting the same
   * pages at once get exactly what one thread gets. */
  ThreadJob job = {g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref),
                   g_ptr_array_new_with_free_func(g_free), 0};
  g_ptr_array_add(job.pages, g_bytes_new_static(html_page, sizeof html_page - 1));
  g_autofree char *dir = fixture_dir();
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *n;
  while (d && (n = g_dir_read_name(d)) && job.pages->len < 12) {
    if (!g_str_has_suffix(n, ".html"))
      continue;
    g_autofree char *path = g_build_filename(dir, n, NULL);
    char *data;
    gsize len;
    if (g_file_get_contents(path, &data, &len, NULL))
      g_ptr_array_add(job.pages, g_bytes_new_take(data, len));
  }
  WnBpConfig cfg;
  wn_bp_config_init(&cfg);
  for (guint i = 0; i < job.pages->len; i++) {
    gsize len;
    const char *page = g_bytes_get_data(job.pages->pdata[i], &len);
    WnBpResult res;
    g_assert_true(wn_bp_extract(page, len, "text/html", &cfg, &res, NULL));
    g_ptr_array_add(job.expected, g_steal_pointer(&res.text));
    wn_bp_result_clear(&res);
  }
  GThread *threads[4];
  for (guint t = 0; t < G_N_ELEMENTS(threads); t++)
    threads[t] = g_thread_new("bp", extract_all, &job);
  for (guint t = 0; t < G_N_ELEMENTS(threads); t++)
    g_thread_join(threads[t]);
  g_assert_cmpint(job.failures, ==, 0);
  g_ptr_array_free(job.pages, TRUE);
  g_ptr_array_free(job.expected, TRUE);
}

/* ---- through the core ---- */

static void
test_pipeline(void)
{
  const char *dirs[] = {BP_PLUGIN_DIR, NULL};
  const char json[] = "{\"name\": \"bp\", \"stages\": [{\"stage\": \"boilerplate\", "
                      "\"options\": {\"language\": \"auto\", \"favor\": \"balanced\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(WnPipeline) p = wn_pipeline_new_from_data(json, -1, "<test>", dirs, &error);
  g_assert_no_error(error);
  g_assert_nonnull(p);

  g_autoptr(WnDoc) doc = wn_doc_new("d1", html_page, sizeof html_page - 1, WN_MEDIA_TYPE_HTML);
  g_assert_true(wn_pipeline_process(p, doc, &error));
  g_assert_no_error(error);
  const char *text = wn_doc_get_text(doc, NULL);
  g_assert_true(g_str_has_prefix(text, "Harbour bridge reopens\n\n"));
  g_assert_null(strstr(text, "cookies"));
  g_assert_cmpstr(wn_doc_get_media_type(doc), ==, WN_MEDIA_TYPE_TEXT);
  JsonNode *title = wn_doc_get_field(doc, "title");
  g_assert_nonnull(title);
  g_assert_cmpstr(json_node_get_string(title), ==, "Harbour bridge reopens");
  JsonNode *lang = wn_doc_get_field(doc, "language");
  g_assert_nonnull(lang);
  g_assert_cmpstr(json_node_get_string(lang), ==, "en");

  /* A bad document fails alone, with WN_ERROR_STAGE naming it. */
  const char junk[] = "\x01\x02\x03\x04\x05\x06\x07\x08 \x0e\x0f\x10\x11";
  g_autoptr(WnDoc) bad = wn_doc_new("junk-7", junk, sizeof junk - 1, WN_MEDIA_TYPE_TEXT);
  g_assert_false(wn_pipeline_process(p, bad, &error));
  g_assert_error(error, WN_ERROR, WN_ERROR_STAGE);
  g_clear_error(&error);

  /* Option checking is the core's: a language we have no list for is refused. */
  const char bad_json[] = "{\"name\": \"bp\", \"stages\": [{\"stage\": \"boilerplate\", "
                          "\"options\": {\"language\": \"xx\"}}]}";
  WnPipeline *q = wn_pipeline_new_from_data(bad_json, -1, "<test>", dirs, &error);
  g_assert_null(q);
  g_assert_error(error, WN_ERROR, WN_ERROR_OPTION_RANGE);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  /* g_ptr_array_sort hands pointers to the elements. */
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The UTF-8 check that decides between the text path and charset repair:
 * it must stop exactly where g_utf8_validate_len stops, on every kind of
 * ill-formed sequence, at NULs, and at sequences cut by the end. */
static void
test_utf8_valid_len(void)
{
  static const char *const cases[] = {
      "Plain ASCII prose that runs past eight bytes, twice over.",
      "Caf\xC3\xA9 cr\xC3\xA8me \xE2\x80\x94 na\xC3\xAFve \xF0\x9F\x98\x80 done",
      "latin-1 caf\xE9 in a UTF-8 page",
      "overlong \xC0\xAF slash",
      "overlong \xE0\x80\xAF three",
      "overlong \xF0\x80\x80\xAF four",
      "surrogate \xED\xA0\x80 half",
      "past the last code point \xF4\x90\x80\x80",
      "lead \xF8\x88\x80\x80\x80 of five",
      "stray continuation \x80 byte",
      "cut at the end \xE2\x80",
      "cut at the end \xF0\x9F\x98",
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    gsize len = strlen(cases[i]);
    const char *end;
    g_utf8_validate_len(cases[i], len, &end);
    g_assert_cmpuint(wn_bp_utf8_valid_len(cases[i], len), ==, (gsize)(end - cases[i]));
  }
  /* A NUL inside stops the check as it stops g_utf8_validate. */
  static const char with_nul[] = "sixteen bytes ok\0 then more";
  g_assert_cmpuint(wn_bp_utf8_valid_len(with_nul, sizeof with_nul - 1), ==, 16);
  g_assert_cmpuint(wn_bp_utf8_valid_len("", 0), ==, 0);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  under_valgrind = g_getenv("WINNOW_UNDER_VALGRIND") != NULL;
  wn_bp_html_global_init();

  g_test_add_func("/boilerplate/charset/cp1252", test_charset_cp1252);
  g_test_add_func("/boilerplate/charset/wrong-declaration", test_charset_wrong_declaration);
  g_test_add_func("/boilerplate/title/strip-site", test_title_strip);
  g_test_add_func("/boilerplate/language/guess", test_language_guess);
  g_test_add_func("/boilerplate/furniture/languages", test_furniture_languages);
  g_test_add_func("/boilerplate/text/lines", test_text_lines);
  g_test_add_func("/boilerplate/text/unlisted-language", test_text_unlisted_language);
  g_test_add_func("/boilerplate/text/lone-paragraph", test_text_lone_paragraph);
  g_test_add_func("/boilerplate/text/closing-lines", test_text_closing_lines);
  g_test_add_func("/boilerplate/html/basic", test_html_basic);
  g_test_add_func("/boilerplate/html/in-text", test_html_in_text);
  g_test_add_func("/boilerplate/html/short-article", test_html_short_article);
  g_test_add_func("/boilerplate/html/one-sentence", test_html_one_sentence);
  g_test_add_func("/boilerplate/html/raw-text", test_html_raw_text);
  g_test_add_func("/boilerplate/html/unlisted-language", test_html_unlisted_language);
  g_test_add_func("/boilerplate/html/metadata-line", test_html_metadata_line);
  g_test_add_func("/boilerplate/robust/deep-nesting", test_html_deep_nesting);
  g_test_add_func("/boilerplate/robust/huge-page", test_html_huge);
  g_test_add_func("/boilerplate/robust/malformed", test_html_malformed);
  g_test_add_func("/boilerplate/robust/no-content", test_no_content);
  g_test_add_func("/boilerplate/robust/binary-junk", test_binary_junk);
  g_test_add_func("/boilerplate/robust/heading-run", test_text_heading_run);
  g_test_add_func("/boilerplate/robust/utf8-check", test_utf8_valid_len);
  g_test_add_func("/boilerplate/stage/threads", test_threads);
  g_test_add_func("/boilerplate/stage/pipeline", test_pipeline);

  /* One test per fixture page the fixtures folder holds. */
  g_autofree char *dir = fixture_dir();
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  if (d) {
    const char *n;
    while ((n = g_dir_read_name(d))) {
      if (g_str_has_suffix(n, ".gold.txt") || g_str_has_suffix(n, ".boiler.txt"))
        continue;
      if (g_str_has_suffix(n, ".html") || (g_str_has_suffix(n, ".txt") && strcmp(n, "README.txt")))
        g_ptr_array_add(names, g_strdup(n));
    }
  }
  g_ptr_array_sort(names, compare_names);
  for (guint i = 0; i < names->len; i++) {
    const char *n = g_ptr_array_index(names, i);
    g_autofree char *test_path = g_strconcat("/boilerplate/fixtures/", n, NULL);
    g_test_add_data_func(test_path, n, test_fixture);
  }
  return g_test_run();
}
