/* charset.h: decoding HTML files that are not UTF-8, private to the core. */
#pragma once

#include <glib.h>

/* Returns `bytes` decoded to UTF-8 as a new NUL-terminated string, or NULL when
 * they are valid UTF-8 already (use them as they are). The charset comes from a
 * byte-order mark, else the page's own declaration (<meta charset>, http-equiv
 * Content-Type, <?xml encoding>) in its first 4 KiB, else windows-1252, the
 * web's commonest legacy encoding. Latin-1 and ASCII are read as windows-1252
 * as browsers do. Bytes the charset cannot map become U+FFFD, counted in
 * `*n_repairs`. `*charset_used` (may be NULL) receives the charset's name. */
char *wn_charset_decode_html(const char *bytes, gsize len, gsize *out_len, gsize *n_repairs,
                             char **charset_used);
