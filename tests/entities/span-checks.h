/* span-checks.h: what the entity tests ask of a tagged document: run a
 * pipeline on a sentence, find a phrase of it, read the label of the entity
 * on exactly that phrase (or of any entity touching it), and check that the
 * layer is well formed. Shared by test-stage.c and test-news.c. */
#pragma once

#include <winnow/winnow.h>

/* `text` run through `p`; the document has an entities layer. */
WnDoc *span_checks_tag(WnPipeline *p, const char *text);

/* The label of the entity spanning exactly the nth occurrence (from 0) of
 * `needle`, or NULL when no entity has exactly that extent. */
const char *span_checks_label(WnDoc *doc, const char *needle, guint nth);

/* The label of some entity overlapping the nth `needle`, or NULL. */
const char *span_checks_overlap(WnDoc *doc, const char *needle, guint nth);

/* Spans sorted, not overlapping, inside the text, scores in [0, 1]. */
void span_checks_assert_valid(WnDoc *doc);
