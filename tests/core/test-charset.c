/* test-charset.c: HTML files in legacy charsets reach stages as the right
 * characters, whatever the page declares or fails to declare. */
#include <string.h>

#include "charset.h"

static char *
decode(const char *bytes, gsize len, gsize *n_repairs, char **charset)
{
  gsize out_len = 0;
  char *out = wn_charset_decode_html(bytes, len, &out_len, n_repairs, charset);
  if (out != NULL) {
    g_assert_true(g_utf8_validate(out, out_len, NULL));
    g_assert_cmpuint(strlen(out), ==, out_len);
  }
  return out;
}

static void
test_meta_latin1(void)
{
  /* "Café owner’s" in ISO-8859-1 with a windows-1252 right quote (0x92), as
   * pages that say latin-1 really write it. */
  const char page[] = "<html><head><meta charset=\"ISO-8859-1\"><title>Caf\xe9</title></head>"
                      "<body><p>Caf\xe9 owner\x92s</p></body></html>";
  gsize n_repairs = 99;
  g_autofree char *charset = NULL;
  g_autofree char *out = decode(page, sizeof page - 1, &n_repairs, &charset);
  g_assert_nonnull(out);
  g_assert_nonnull(strstr(out, "<title>Café</title>"));
  g_assert_nonnull(strstr(out, "Café owner’s"));
  g_assert_cmpuint(n_repairs, ==, 0);
  g_assert_cmpstr(charset, ==, "windows-1252");
}

static void
test_http_equiv_german(void)
{
  const char page[] = "<html><head><meta http-equiv=\"Content-Type\" "
                      "content=\"text/html; charset=iso-8859-15\"></head>"
                      "<body><p>Gr\xfc\xdf"
                      "e aus M\xfcnchen, 5 \xa4</p></body></html>";
  gsize n_repairs = 0;
  g_autofree char *charset = NULL;
  g_autofree char *out = decode(page, sizeof page - 1, &n_repairs, &charset);
  g_assert_nonnull(out);
  /* 0xA4 is the euro sign in ISO-8859-15, not the currency sign of Latin-1. */
  g_assert_nonnull(strstr(out, "Grüße aus München, 5 €"));
  g_assert_cmpstr(charset, ==, "iso-8859-15");
}

static void
test_valid_utf8_wins_over_declaration(void)
{
  const char page[] = "<html><head><meta charset=\"windows-1252\"></head>"
                      "<body><p>Zoë Saldaña</p></body></html>";
  gsize n_repairs = 0;
  g_autofree char *out = decode(page, sizeof page - 1, &n_repairs, NULL);
  g_assert_null(out); /* valid already: the caller keeps the bytes as they are */
}

static void
test_undeclared_legacy(void)
{
  const char page[] = "<html><body><p>Se\xf1or Mu\xf1oz said \x93no\x94.</p></body></html>";
  gsize n_repairs = 0;
  g_autofree char *charset = NULL;
  g_autofree char *out = decode(page, sizeof page - 1, &n_repairs, &charset);
  g_assert_nonnull(strstr(out, "Señor Muñoz said “no”."));
  g_assert_cmpstr(charset, ==, "windows-1252");
}

static void
test_wrong_utf8_declaration(void)
{
  /* Declares UTF-8 but holds Latin-1 bytes: read as windows-1252. */
  const char page[] = "<meta charset=utf-8><p>Fran\xe7ois Hollande \xe0 l'\xc9lys\xe9"
                      "e</p>";
  gsize n_repairs = 0;
  g_autofree char *out = decode(page, sizeof page - 1, &n_repairs, NULL);
  g_assert_nonnull(strstr(out, "François Hollande à l'Élysée"));
}

static void
test_unknown_charset_falls_back(void)
{
  const char page[] = "<meta charset=\"x-no-such-charset\"><p>na\xefve</p>";
  gsize n_repairs = 0;
  g_autofree char *charset = NULL;
  g_autofree char *out = decode(page, sizeof page - 1, &n_repairs, &charset);
  g_assert_nonnull(strstr(out, "naïve"));
  g_assert_cmpstr(charset, ==, "windows-1252");
}

static void
test_utf16_bom(void)
{
  /* "<p>Ω</p>" in UTF-16LE behind its byte-order mark. */
  const char page[] = "\xff\xfe<\0p\0>\0\xa9\x03<\0/\0p\0>\0";
  gsize n_repairs = 0;
  g_autofree char *out = decode(page, sizeof page - 1, &n_repairs, NULL);
  g_assert_cmpstr(out, ==, "<p>Ω</p>");
}

static void
test_unmappable_bytes_counted(void)
{
  /* 0x81 and 0x8D have no character in windows-1252. */
  const char page[] = "<p>a\x81"
                      "b\x8d"
                      "c \xe9</p>";
  gsize n_repairs = 0;
  g_autofree char *out = decode(page, sizeof page - 1, &n_repairs, NULL);
  g_assert_cmpstr(out, ==,
                  "<p>a\xEF\xBF\xBD"
                  "b\xEF\xBF\xBD"
                  "c é</p>");
  g_assert_cmpuint(n_repairs, ==, 2);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/core/charset/meta-latin1", test_meta_latin1);
  g_test_add_func("/core/charset/http-equiv-iso-8859-15", test_http_equiv_german);
  g_test_add_func("/core/charset/valid-utf8-wins", test_valid_utf8_wins_over_declaration);
  g_test_add_func("/core/charset/undeclared-legacy", test_undeclared_legacy);
  g_test_add_func("/core/charset/wrong-utf8-declaration", test_wrong_utf8_declaration);
  g_test_add_func("/core/charset/unknown-charset", test_unknown_charset_falls_back);
  g_test_add_func("/core/charset/utf16-bom", test_utf16_bom);
  g_test_add_func("/core/charset/unmappable-bytes", test_unmappable_bytes_counted);
  return g_test_run();
}
