/* splitter.c: making and freeing a WnSplitter, and parsing its option values. */
#include "splitter-private.h"

#include <string.h>

gboolean
wn_language_from_string(const char *name, WnLanguage *out)
{
  static const char *const names[] = {"en", "fr", "de", "es"};
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS(names); i++)
    if (strcmp(name, names[i]) == 0) {
      *out = (WnLanguage)i;
      return TRUE;
    }
  return FALSE;
}

gboolean
wn_newline_mode_from_string(const char *name, WnNewlineMode *out)
{
  static const char *const names[] = {"never", "paragraphs", "always"};
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS(names); i++)
    if (strcmp(name, names[i]) == 0) {
      *out = (WnNewlineMode)i;
      return TRUE;
    }
  return FALSE;
}

WnSplitter *
wn_splitter_new(WnLanguage language, const char *const *extra_abbreviations, WnNewlineMode newlines,
                GError **error)
{
  g_autofree WnSplitter *sp = g_new0(WnSplitter, 1);
  sp->language = language;
  sp->newlines = newlines;
  if (!wn_lexicon_init(&sp->lex, language, extra_abbreviations, error))
    return NULL;
  return g_steal_pointer(&sp);
}

void
wn_splitter_free(WnSplitter *splitter)
{
  if (splitter == NULL)
    return;
  wn_lexicon_clear(&splitter->lex);
  g_free(splitter);
}

const char *
wn_token_kind_label(WnTokenKind kind)
{
  switch (kind) {
  case WN_TOKEN_WORD:
    return "word";
  case WN_TOKEN_NUMBER:
    return "number";
  case WN_TOKEN_PUNCT:
    return "punct";
  }
  return "punct";
}

gboolean
wn_is_dotted_acronym(const guchar *word, gsize len)
{
  guint segments = 0, seg_len = 0;
  for (gsize i = 0; i < len; i++) {
    if (word[i] == '.') {
      if (seg_len == 0)
        return FALSE;
      segments++;
      seg_len = 0;
    } else if (g_ascii_isalpha(word[i]) || word[i] >= 0x80) {
      /* A non-ASCII letter counts by its lead byte only. */
      if ((word[i] & 0xC0) != 0x80)
        seg_len++;
      if (seg_len > 2)
        return FALSE;
    } else {
      return FALSE;
    }
  }
  return seg_len > 0 && segments >= 1;
}
