/* winnow/doc.h: the document model that flows through a pipeline.
 *
 * A WnDoc holds an id, valid UTF-8 text, a media type, an optional group key,
 * pass-through fields (everything of the input record that winnow does not
 * interpret, "meta" included) and named annotation layers. A layer is a growable
 * array of WnSpan over the document's *current* text; offsets are bytes.
 *
 * Text handed to wn_doc_new() or wn_doc_set_text() is checked: each invalid
 * UTF-8 byte, and each NUL byte, is replaced by U+FFFD (and counted), so stages
 * always see valid, NUL-terminated UTF-8 with no NUL inside.
 *
 * Replacing the text (wn_doc_set_text) drops every layer: their offsets would
 * no longer mean anything. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <winnow/version.h>

G_BEGIN_DECLS

typedef struct _WnDoc WnDoc;
typedef struct _WnLayer WnLayer;
typedef struct _WnGroup WnGroup;

/* One annotation. `label` must be a string that lives as long as the process
 * (a literal, or g_intern_string()); `attrs`, when not NULL, is owned by the
 * layer and written into the output record beside start/end/text. */
typedef struct {
  gsize start;       /* byte offset of the first byte */
  gsize end;         /* byte offset one past the last byte; start <= end */
  const char *label; /* interned label or NULL */
  double score;      /* confidence or weight; 0 when meaningless */
  JsonObject *attrs; /* optional extra attributes, or NULL */
} WnSpan;

#define WN_MEDIA_TYPE_TEXT "text/plain"
#define WN_MEDIA_TYPE_HTML "text/html"

/* Documents are reference counted; wn_doc_new returns one reference. */
WN_API WnDoc *wn_doc_new(const char *id, const char *text, gssize len, const char *media_type);
WN_API WnDoc *wn_doc_ref(WnDoc *doc);
WN_API void wn_doc_unref(WnDoc *doc);

WN_API const char *wn_doc_get_id(const WnDoc *doc);
/* The current text, always valid UTF-8 and NUL-terminated; `len` may be NULL. */
WN_API const char *wn_doc_get_text(const WnDoc *doc, gsize *len);
/* Replaces the text (repairing invalid UTF-8) and drops every layer. */
WN_API void wn_doc_set_text(WnDoc *doc, const char *text, gssize len);
/* How many invalid UTF-8 sequences were replaced by U+FFFD so far. */
WN_API gsize wn_doc_get_n_repairs(const WnDoc *doc);

WN_API const char *wn_doc_get_media_type(const WnDoc *doc);
WN_API void wn_doc_set_media_type(WnDoc *doc, const char *media_type);

/* The group key, or NULL when the document belongs to no group. */
WN_API const char *wn_doc_get_group(const WnDoc *doc);
WN_API void wn_doc_set_group(WnDoc *doc, const char *group);

/* Where the document came from, for error records: "FILE:LINE" or "FILE". */
WN_API const char *wn_doc_get_source(const WnDoc *doc);
WN_API void wn_doc_set_source(WnDoc *doc, const char *source);

/* Top-level fields of the output record besides id/text/layers: the input's
 * pass-through fields ("meta" among them) and whatever a stage adds, such as
 * "title" or "language". set_field takes ownership of `value`. */
WN_API void wn_doc_set_field(WnDoc *doc, const char *name, JsonNode *value);
WN_API void wn_doc_set_string_field(WnDoc *doc, const char *name, const char *value);
/* The field, or NULL; owned by the document. */
WN_API JsonNode *wn_doc_get_field(const WnDoc *doc, const char *name);
/* All fields in insertion order; owned by the document, never NULL. */
WN_API JsonObject *wn_doc_get_fields(const WnDoc *doc);

/* Layers. add_layer creates an empty layer, replacing any layer of that name;
 * get_layer returns NULL when no stage has provided `name`. */
WN_API WnLayer *wn_doc_add_layer(WnDoc *doc, const char *name);
WN_API const WnLayer *wn_doc_get_layer(const WnDoc *doc, const char *name);
/* Layers in the order they were added; for writers of output formats. */
WN_API guint wn_doc_get_n_layers(const WnDoc *doc);
WN_API const WnLayer *wn_doc_get_nth_layer(const WnDoc *doc, guint i);

WN_API const char *wn_layer_get_name(const WnLayer *layer);
/* The spans as one array of `*n_spans` elements (n_spans may be NULL). */
WN_API const WnSpan *wn_layer_get_spans(const WnLayer *layer, gsize *n_spans);
WN_API gsize wn_layer_get_n_spans(const WnLayer *layer);
WN_API void wn_layer_reserve(WnLayer *layer, gsize n_spans);
/* Appends a span and returns it, so attrs can be set. The pointer, and any
 * pointer returned by get_spans, is valid only until the next append. */
WN_API WnSpan *wn_layer_append(WnLayer *layer, gsize start, gsize end, const char *label,
                               double score);

/* Groups: the documents that share one group key, handed together to stages
 * with a process_group callback. */
WN_API WnGroup *wn_group_new(const char *key);
WN_API void wn_group_free(WnGroup *group);
/* Adds a reference to `doc`. */
WN_API void wn_group_add_doc(WnGroup *group, WnDoc *doc);
WN_API const char *wn_group_get_key(const WnGroup *group);
WN_API guint wn_group_get_n_docs(const WnGroup *group);
WN_API WnDoc *wn_group_get_doc(const WnGroup *group, guint i);
/* Fields of the group's output record; takes ownership of `value`. */
WN_API void wn_group_set_field(WnGroup *group, const char *name, JsonNode *value);
WN_API JsonObject *wn_group_get_fields(const WnGroup *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnDoc, wn_doc_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnGroup, wn_group_free)

G_END_DECLS
