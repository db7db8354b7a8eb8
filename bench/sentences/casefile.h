/* casefile.h: reading labelled sentence-splitting cases (the format of
 * tests/sentences/cases.txt and bench/sentences/golden-en.txt) and running one. */
#pragma once

#include <glib.h>

#include "splitter.h"

typedef struct {
  char *path; /* the test path, "/sentences/abbreviations/mr" */
  WnLanguage language;
  WnNewlineMode newlines;
  char **extra; /* extra abbreviations, or NULL */
  GString *text;
  GPtrArray *expected; /* char *, one per sentence */
  guint line;          /* where the case starts in its file */
} WnCase;

/* The cases of `file`, a GPtrArray of WnCase owning them; NULL and `error` set
 * when the file cannot be read or holds a malformed case. */
GPtrArray *wn_cases_load(const char *file, GError **error);

/* Splits the case's text; fills `got` and `want` with one "[sentence]\n" line per
 * sentence and returns whether they are equal. */
gboolean wn_case_run(const WnCase *c, GString *got, GString *want);
