/* utf8.h: UTF-8 repair and offset conversion, private to the core. */
#pragma once

#include <glib.h>

/* Returns a newly allocated, NUL-terminated copy of `text` in which every
 * invalid UTF-8 byte and every NUL byte is replaced by U+FFFD; `*n_repairs` counts them and
 * `*out_len` receives the byte length. Valid input is copied in one pass. */
char *wn_utf8_repair(const char *text, gsize len, gsize *out_len, gsize *n_repairs);

/* TRUE when `text` (`len` bytes) is valid UTF-8 without NUL bytes: what
 * g_utf8_validate_len() says, faster on mostly ASCII text. */
gboolean wn_utf8_valid(const char *text, gsize len);
