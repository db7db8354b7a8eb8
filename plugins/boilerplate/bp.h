/* bp.h: the boilerplate stripper's internal API, shared by stage.c, the tests
 * and the benchmarks. Each part lives in its own file:
 *   stopwords.c  word scanning, stopword lists (en, fr, de, es, pt, it, nl), language guess,
 *                boilerplate vocabulary (cookies, consent, sharing...)
 *   charset.c    declared-charset detection and conversion of HTML to UTF-8
 *   html.c       HTML pages: libxml2 SAX parse into text blocks, main-content choice
 *   text.c       pages flattened to lines: line classification with context smoothing
 *   title.c      choosing and cleaning the title
 *   extract.c    media-type sniffing and dispatch */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WN_BP_LANG_AUTO = -1,
  WN_BP_LANG_EN = 0,
  WN_BP_LANG_FR,
  WN_BP_LANG_DE,
  WN_BP_LANG_ES,
  WN_BP_LANG_PT,
  WN_BP_LANG_IT,
  WN_BP_LANG_NL,
  WN_BP_N_LANGS
} WnBpLang;

typedef enum { WN_BP_FAVOR_PRECISION, WN_BP_FAVOR_BALANCED, WN_BP_FAVOR_RECALL } WnBpFavor;

typedef struct {
  WnBpLang language; /* WN_BP_LANG_AUTO guesses per document */
  gboolean keep_title;
  WnBpFavor favor;
  int min_paragraph_words;
} WnBpConfig;

/* Fills `cfg` with the stage's defaults (auto, keep title, balanced, 5 words). */
void wn_bp_config_init(WnBpConfig *cfg);

typedef struct {
  char *text;          /* the main content, UTF-8, paragraphs separated by blank lines */
  char *title;         /* the title found, or NULL */
  WnBpLang language;   /* the language used (guessed when the config said auto); HTML:
                        * AUTO when guessed and none of the lists fits the page */
  const char *charset; /* HTML only: the charset the bytes were read as (static string) */
} WnBpResult;

void wn_bp_result_clear(WnBpResult *res);

/* ---- stopwords.c ---- */

/* Vocabulary bits returned by wn_bp_word_class(). */
enum {
  WN_BP_STOP_EN = 1 << 0,
  WN_BP_STOP_FR = 1 << 1,
  WN_BP_STOP_DE = 1 << 2,
  WN_BP_STOP_ES = 1 << 3,
  WN_BP_STOP_PT = 1 << 4,
  WN_BP_STOP_IT = 1 << 5,
  WN_BP_STOP_NL = 1 << 6,
  WN_BP_BOILER_STRONG = 1 << 7, /* cookie, consent, newsletter, unsubscribe... */
  WN_BP_BOILER_WEAK = 1 << 8,   /* share, privacy, subscribe, advertising... */
};

/* Statistics of a run of text. Words are runs of letters, digits and '_'
 * (Unicode aware), as the benchmark scorers define them. */
typedef struct {
  guint words;
  guint stopwords; /* of the language asked for */
  guint stop_any[WN_BP_N_LANGS];
  guint capitalised; /* words starting with an upper-case letter */
  guint boiler_strong;
  guint boiler_weak;
  guint sentence_ends; /* . ! ? … followed by space/end, or closing quote after one */
  guint commas;
  guint chars;              /* non-space characters */
  gboolean ends_with_punct; /* last non-space char is sentence punctuation */
} WnBpStats;

/* Scans `len` bytes of valid UTF-8. `lang` may be AUTO: then `stopwords` is the
 * highest of stop_any. Runs in time linear in len. */
void wn_bp_scan(const char *s, gsize len, WnBpLang lang, WnBpStats *st);
/* The same for a run inside a larger buffer: bytes up to `readable_end` may
 * be read (never used), which spares copying the run's last bytes. */
void wn_bp_scan_within(const char *s, gsize len, const char *readable_end, WnBpLang lang,
                       WnBpStats *st);
/* Sets st->stopwords to the count of `lang` (the highest count for AUTO). */
void wn_bp_stats_set_language(WnBpStats *st, WnBpLang lang);
/* The language with clearly the most stopword hits; EN on a tie. */
WnBpLang wn_bp_language_from_counts(const guint64 counts[WN_BP_N_LANGS]);
/* Writes s[0..n) lower-cased into buf as g_utf8_strdown(s, n) would (stopping
 * at a NUL; the same in any locale), NUL-terminated, and returns its length;
 * returns G_MAXSIZE when it does not fit in `cap` bytes or holds characters
 * outside the common alphabets (then use g_utf8_strdown). */
gsize wn_bp_utf8_lower(const char *s, gsize n, char *buf, gsize cap);
/* s[0..n) lower-cased as g_utf8_strdown(s, n) would: in buf when
 * wn_bp_utf8_lower can do it, else in a new string that *heap takes (the
 * caller frees it; g_autofree). Stores the length in *len when len is set. */
char *wn_bp_lower(const char *s, gsize n, char *buf, gsize cap, char **heap, gsize *len);
/* A character of a script written without spaces between words (Chinese,
 * Japanese kana, Thai, Lao, Myanmar, Khmer), where words are not counted by
 * spaces. */
static inline gboolean
wn_bp_unichar_unspaced(gunichar u)
{
  return (u >= 0x3040 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x4DBF) ||
         (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0xF900 && u <= 0xFAFF) ||
         (u >= 0x0E00 && u <= 0x0EFF) || (u >= 0x1000 && u <= 0x109F) ||
         (u >= 0x1780 && u <= 0x17FF);
}
/* The vocabulary bits of one lower-case word (len bytes). */
guint wn_bp_word_class(const char *word, gsize len);
/* A short line or block that is page furniture by its wording: a teaser label
 * ("READ: ...", "Lire aussi :"), a call to action ("Sign up ...", "Continue
 * reading"), an agency credit ("(Reporting by ..."), a copyright line. */
gboolean wn_bp_furniture_phrase(const char *s, gsize len, guint words);
/* Whether a short line is the heading of a comment section ("Comments",
 * "Kommentare (12)", "Комментарии", "评论", "コメント"), in any case. */
gboolean wn_bp_comments_heading(const char *s, gsize len);
/* Appends a case-insensitive hash (guint32) of each word of at least
 * `min_chars` characters to `out`: cheap word sets for overlap measures. */
void wn_bp_word_hashes(const char *s, gsize len, guint min_chars, GArray *out);
/* Guesses the language of a text from stopword hits; EN when nothing matches. */
WnBpLang wn_bp_guess_language(const char *s, gsize len);
const char *wn_bp_lang_code(WnBpLang lang);
/* "en", "fr", "de", "es", "pt", "it", "nl" or "auto"; FALSE for anything else. */
gboolean wn_bp_lang_from_code(const char *code, WnBpLang *lang);

/* ---- charset.c ---- */

/* Returns the document as valid UTF-8 (a new buffer, NUL-terminated, no NUL
 * inside). The charset is taken from a BOM, else from <meta charset> or
 * <meta http-equiv content="...charset=">, else guessed; a declared charset the
 * bytes do not fit is not trusted (valid UTF-8 stays UTF-8, otherwise the bytes
 * are read as windows-1252). `charset` receives the name used (static). */
char *wn_bp_to_utf8(const char *data, gsize len, gsize *out_len, const char **charset);
/* The length of the longest prefix of `data` that is valid UTF-8 without NUL
 * bytes: `len` when all is valid, else the offset of the first NUL or the
 * start of the first ill-formed sequence (as g_utf8_validate_len reports it). */
gsize wn_bp_utf8_valid_len(const char *data, gsize len);
/* The charset declared in the first bytes of an HTML page, lower-cased, or NULL. */
char *wn_bp_declared_charset(const char *data, gsize len);

/* ---- title.c ---- */

/* Removes a trailing or leading " | Site", " - Site", " — Site", " :: Site" part
 * from a <title> or og:title; returns a new string. */
char *wn_bp_title_strip_site(const char *title);
/* Picks the title from the candidates (any may be NULL): the h1 when it matches
 * the page title, otherwise the cleaned og:title or <title>, otherwise the h1. */
char *wn_bp_title_choose(const char *title_tag, const char *og_title, const char *h1);
/* Normalises whitespace (runs become one space, ends trimmed); new string. */
char *wn_bp_collapse_space(const char *s, gssize len);

/* ---- html.c ---- */

/* Once per process before parsing HTML (calls xmlInitParser). Thread-safe. */
void wn_bp_html_global_init(void);
/* Extracts the main content of an HTML page (any bytes: the charset is handled
 * here). Fails only when nothing can be made of the input (WN_ERROR_STAGE). */
gboolean wn_bp_extract_html(const char *data, gsize len, const WnBpConfig *cfg, WnBpResult *res,
                            GError **error);

/* ---- text.c ---- */

/* Decides for each line of `text` whether it belongs to the article. Returns an
 * array of `*n_lines` bytes: 0 drop, 1 keep, 2 the title line (kept when
 * keep_title). `lang_out` receives the language used. */
guint8 *wn_bp_classify_text_lines(const char *text, gsize len, const WnBpConfig *cfg,
                                  gsize *n_lines, WnBpLang *lang_out);
gboolean wn_bp_extract_text(const char *text, gsize len, const WnBpConfig *cfg, WnBpResult *res,
                            GError **error);

/* ---- extract.c ---- */

/* TRUE when the bytes are clearly an HTML page (doctype, <html>, or several tags
 * of HTML's own vocabulary near the start). */
gboolean wn_bp_looks_like_html(const char *data, gsize len);
/* Dispatches on the media type (NULL or text/plain holding HTML count as HTML). */
gboolean wn_bp_extract(const char *data, gsize len, const char *media_type, const WnBpConfig *cfg,
                       WnBpResult *res, GError **error);

G_END_DECLS
