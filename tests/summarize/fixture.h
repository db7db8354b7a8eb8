/* fixture.h: helpers shared by the summarizer's tests: loading the fixture
 * texts in tests/summarize/data/ and splitting them into sentence spans (a
 * plain splitter, so the algorithm can be tested without the sentences stage). */
#pragma once

#include <glib.h>
#include <winnow/doc.h>

typedef struct {
  char *id;
  char *text;
  gsize len;
  GArray *sentences; /* of WnSpan */
} FixtureDoc;

/* Reads tests/summarize/data/<name> and splits it. */
FixtureDoc *fixture_load(const char *name);
/* Wraps `text` (copied) and splits it. */
FixtureDoc *fixture_new(const char *id, const char *text);
void fixture_free(FixtureDoc *doc);
/* Splits at . ! ? (closing quotes kept) followed by space and an upper-case
 * letter, digit or quote, and at line breaks. */
void fixture_split(FixtureDoc *doc);
/* The text of a span, newly allocated. */
char *fixture_span_text(const FixtureDoc *doc, gsize start, gsize end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(FixtureDoc, fixture_free)
