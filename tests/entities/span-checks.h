/* span-checks.h: what the entity tests ask of a tagged document: run a
 * pipeline on a sentence, find a phrase of it, read the label of the entity
 * on exactly that phrase (or of any entity touching it), and check that the
 * layer is well formed. Shared by the entity tests. */
#pragma once

#include <winnow/winnow.h>

/* The pipeline the tests run: sentences, then entities, with the entity
 * options `entity_options` (a JSON object text) or none when NULL; `file`
 * names it in messages. NULL and *error when it is refused. */
WnPipeline *span_checks_pipeline(const char *file, const char *entity_options, GError **error);

/* `text` run through `p`; the document has an entities layer. */
WnDoc *span_checks_tag(WnPipeline *p, const char *text);

/* The label of the entity spanning exactly the nth occurrence (from 0) of
 * `needle`, or NULL when no entity has exactly that extent. */
const char *span_checks_label(WnDoc *doc, const char *needle, guint nth);

/* The label of some entity overlapping the nth `needle`, or NULL. */
const char *span_checks_overlap(WnDoc *doc, const char *needle, guint nth);

/* Spans sorted, not overlapping, inside the text, scores in [0, 1]. */
void span_checks_assert_valid(WnDoc *doc);
