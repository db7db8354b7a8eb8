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

/* A page, and what decoding it must give. */
typedef struct {
  const char *path;
  const char *page;
  gsize len;
  gboolean ask_charset; /* pass for the charset read (else NULL) */
  const char *has[2];   /* pieces the decoded page holds */
  const char *is;       /* the whole decoded page, or NULL */
  const char *charset;  /* the charset read, or NULL when not asked */
  gint repairs;         /* replacement characters, or -1 when not checked */
  gboolean unchanged;   /* valid already: no decoded copy */
} CharsetCase;

#define PAGE(bytes) bytes, sizeof bytes - 1

static const CharsetCase cases[] = {
    /* "Café owner’s" in ISO-8859-1 with a windows-1252 right quote (0x92), as
     * pages that say latin-1 really write it. */
    {"/core/charset/meta-latin1",
     PAGE("<html><head><meta charset=\"ISO-8859-1\"><title>Caf\xe9</title></head>"
          "<body><p>Caf\xe9 owner\x92s</p></body></html>"),
     TRUE,
     {"<title>Café</title>", "Café owner’s"},
     NULL,
     "windows-1252",
     0,
     FALSE},
    /* 0xA4 is the euro sign in ISO-8859-15, not the currency sign of Latin-1. */
    {"/core/charset/http-equiv-iso-8859-15",
     PAGE("<html><head><meta http-equiv=\"Content-Type\" "
          "content=\"text/html; charset=iso-8859-15\"></head>"
          "<body><p>Gr\xfc\xdf"
          "e aus M\xfcnchen, 5 \xa4</p></body></html>"),
     TRUE,
     {"Grüße aus München, 5 €"},
     NULL,
     "iso-8859-15",
     -1,
     FALSE},
    /* Valid already: the caller keeps the bytes as they are. */
    {"/core/charset/valid-utf8-wins",
     PAGE("<html><head><meta charset=\"windows-1252\"></head>"
          "<body><p>Zoë Saldaña</p></body></html>"),
     FALSE,
     {NULL},
     NULL,
     NULL,
     -1,
     TRUE},
    {"/core/charset/undeclared-legacy",
     PAGE("<html><body><p>Se\xf1or Mu\xf1oz said \x93no\x94.</p></body></html>"),
     TRUE,
     {"Señor Muñoz said “no”."},
     NULL,
     "windows-1252",
     -1,
     FALSE},
    /* Declares UTF-8 but holds Latin-1 bytes: read as windows-1252. */
    {"/core/charset/wrong-utf8-declaration",
     PAGE("<meta charset=utf-8><p>Fran\xe7ois Hollande \xe0 l'\xc9lys\xe9"
          "e</p>"),
     FALSE,
     {"François Hollande à l'Élysée"},
     NULL,
     NULL,
     -1,
     FALSE},
    {"/core/charset/unknown-charset",
     PAGE("<meta charset=\"x-no-such-charset\"><p>na\xefve</p>"),
     TRUE,
     {"naïve"},
     NULL,
     "windows-1252",
     -1,
     FALSE},
    /* "<p>Ω</p>" in UTF-16LE behind its byte-order mark. */
    {"/core/charset/utf16-bom",
     PAGE("\xff\xfe<\0p\0>\0\xa9\x03<\0/\0p\0>\0"),
     FALSE,
     {NULL},
     "<p>Ω</p>",
     NULL,
     -1,
     FALSE},
    /* 0x81 and 0x8D have no character in windows-1252. */
    {"/core/charset/unmappable-bytes",
     PAGE("<p>a\x81"
          "b\x8d"
          "c \xe9</p>"),
     FALSE,
     {NULL},
     "<p>a\xEF\xBF\xBD"
     "b\xEF\xBF\xBD"
     "c é</p>",
     NULL,
     2,
     FALSE},
};

static void
test_decode(gconstpointer data)
{
  const CharsetCase *c = data;
  gsize n_repairs = 99;
  g_autofree char *charset = NULL;
  g_autofree char *out = decode(c->page, c->len, &n_repairs, c->ask_charset ? &charset : NULL);
  if (c->unchanged) {
    g_assert_null(out);
    return;
  }
  g_assert_nonnull(out);
  for (guint k = 0; k < G_N_ELEMENTS(c->has) && c->has[k] != NULL; k++)
    g_assert_nonnull(strstr(out, c->has[k]));
  if (c->is != NULL)
    g_assert_cmpstr(out, ==, c->is);
  if (c->repairs >= 0)
    g_assert_cmpuint(n_repairs, ==, (guint)c->repairs);
  if (c->ask_charset)
    g_assert_cmpstr(charset, ==, c->charset);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
    g_test_add_data_func(cases[i].path, &cases[i], test_decode);
  return g_test_run();
}
