/* splitter-private.h: the splitter's configuration, shared by split.c and tokenize.c. */
#pragma once

#include "splitter.h"
#include "lexicon.h"

struct _WnSplitter {
  WnLanguage language;
  WnNewlineMode newlines;
  WnLexicon lex;
};

/* Is word[0, len) a dotted acronym such as "U.S", "a.m", "Ph.D", "EE.UU" (the
 * final period not included): two or more segments of one or two letters. */
gboolean wn_is_dotted_acronym(const guchar *word, gsize len);
