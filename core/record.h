/* record.h: the document record written straight into a caller's buffer.
 * Private to the core (the runner appends records to its batch output without
 * an intermediate string). */
#pragma once

#include <winnow/pipeline.h>

/* Appends the same bytes wn_doc_to_json_line() returns (no newline). */
void wn_doc_append_json_line(GString *out, const WnDoc *doc, WnOffsetUnit unit);

/* Appends `node` as compact JSON, byte for byte what json_to_string(node,
 * FALSE) writes with the json-glib the core is built against. */
void wn_json_append_node(GString *out, JsonNode *node);
