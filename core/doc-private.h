/* doc-private.h: the core's side door into a document's fields. Private to
 * the core: the reader hands over a line's passed-through members as compact
 * JSON text, and the record writer copies that text out unparsed when no
 * stage has looked at the fields. */
#pragma once

#include <winnow/doc.h>

/* Gives `doc`, which must have no fields yet, the members in `raw`: one
 * compact JSON object "{...}" with no duplicate names, in the form the record
 * writer itself would write. Takes ownership of `raw`. */
void wn_doc_take_raw_fields(WnDoc *doc, char *raw, gsize len);

/* The raw members while the fields were never asked for, else NULL; then
 * `*added` holds the fields set since (or NULL), to be written after them.
 * `*none` says the document has no fields at all (and none were made). */
const char *wn_doc_peek_raw_fields(const WnDoc *doc, gsize *len, JsonObject **added,
                                   gboolean *none);

/* FALSE when no member of the raw members `raw` can be named `name` (the
 * text "NAME": appears nowhere in it); TRUE when one may be, which a value
 * holding those characters, or a name written with escapes, can also cause. */
gboolean wn_doc_raw_may_name(const char *raw, gsize len, const char *name);
