/* doc.c: documents, their annotation layers, and groups of documents. */
#include <winnow/doc.h>

#include <string.h>

#include "doc-private.h"
#include "input.h"
#include "utf8.h"

struct _WnLayer {
  char *name;
  WnSpan *spans;
  gsize n_spans;
  gsize capacity;
};

struct _WnDoc {
  gatomicrefcount ref_count;
  char *id;
  char *text;
  gsize text_len;
  gsize n_repairs;
  const char *media_type; /* a literal for the two usual types, else owned */
  char *group;
  char *source;
  /* The fields: NULL until first asked for. A document read from a JSON line
   * keeps the line's passed-through members as their compact JSON text in
   * raw_fields, written out as they are when no one looked at them (most
   * documents of a batch run): no tree is built and freed per line. */
  JsonObject *fields;
  char *raw_fields; /* "{...}", or NULL */
  gsize raw_fields_len;
  /* Fields a stage set while the raw members were not parsed (a title, a
   * language): written after them, merged into `fields` when needed. */
  JsonObject *added;
  GPtrArray *layers; /* of WnLayer*, in the order added; NULL until the first */
};

struct _WnGroup {
  char *key;
  GPtrArray *docs; /* of WnDoc*, one reference each */
  JsonObject *fields;
};

static void
layer_free(gpointer data)
{
  WnLayer *layer = data;
  for (gsize i = 0; i < layer->n_spans; i++)
    if (layer->spans[i].attrs != NULL)
      json_object_unref(layer->spans[i].attrs);
  g_free(layer->spans);
  g_free(layer->name);
  g_free(layer);
}

static void
doc_store_text(WnDoc *doc, const char *text, gssize len)
{
  gsize n_repairs = 0;
  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen(text);
  g_free(doc->text);
  doc->text = wn_utf8_repair(text, len, &doc->text_len, &n_repairs);
  doc->n_repairs += n_repairs;
}

/* The usual media types are not copied for every document: these two are
 * shared, any other is owned by its document. */
static const char media_text[] = WN_MEDIA_TYPE_TEXT;
static const char media_html[] = WN_MEDIA_TYPE_HTML;

static const char *
media_type_store(const char *media_type)
{
  if (media_type == NULL || strcmp(media_type, WN_MEDIA_TYPE_TEXT) == 0)
    return media_text;
  if (strcmp(media_type, WN_MEDIA_TYPE_HTML) == 0)
    return media_html;
  return g_strdup(media_type);
}

static void
media_type_free(const char *media_type)
{
  if (media_type != media_text && media_type != media_html)
    g_free((char *)media_type);
}

WnDoc *
wn_doc_new(const char *id, const char *text, gssize len, const char *media_type)
{
  WnDoc *doc = g_new0(WnDoc, 1);
  g_atomic_ref_count_init(&doc->ref_count);
  doc->id = g_strdup(id != NULL ? id : "");
  doc_store_text(doc, text, len);
  doc->media_type = media_type_store(media_type);
  return doc;
}

WnDoc *
wn_doc_ref(WnDoc *doc)
{
  g_return_val_if_fail(doc != NULL, NULL);
  g_atomic_ref_count_inc(&doc->ref_count);
  return doc;
}

void
wn_doc_unref(WnDoc *doc)
{
  if (doc == NULL || !g_atomic_ref_count_dec(&doc->ref_count))
    return;
  g_free(doc->id);
  g_free(doc->text);
  media_type_free(doc->media_type);
  g_free(doc->group);
  g_free(doc->source);
  if (doc->fields != NULL)
    json_object_unref(doc->fields);
  g_free(doc->raw_fields);
  if (doc->added != NULL)
    json_object_unref(doc->added);
  if (doc->layers != NULL)
    g_ptr_array_unref(doc->layers);
  g_free(doc);
}

const char *
wn_doc_get_id(const WnDoc *doc)
{
  return doc->id;
}

const char *
wn_doc_get_text(const WnDoc *doc, gsize *len)
{
  if (len != NULL)
    *len = doc->text_len;
  return doc->text;
}

void
wn_doc_set_text(WnDoc *doc, const char *text, gssize len)
{
  /* The new text may point into the old one, so build it before freeing. */
  char *old = doc->text;
  doc->text = NULL;
  doc_store_text(doc, text, len);
  g_free(old);
  if (doc->layers != NULL)
    g_ptr_array_set_size(doc->layers, 0);
}

gsize
wn_doc_get_n_repairs(const WnDoc *doc)
{
  return doc->n_repairs;
}

const char *
wn_doc_get_media_type(const WnDoc *doc)
{
  return doc->media_type;
}

void
wn_doc_set_media_type(WnDoc *doc, const char *media_type)
{
  const char *old = doc->media_type;
  doc->media_type = media_type_store(media_type); /* `media_type` may be the old one */
  media_type_free(old);
}

const char *
wn_doc_get_group(const WnDoc *doc)
{
  return doc->group;
}

void
wn_doc_set_group(WnDoc *doc, const char *group)
{
  g_free(doc->group);
  doc->group = g_strdup(group);
}

const char *
wn_doc_get_source(const WnDoc *doc)
{
  return doc->source;
}

void
wn_doc_set_source(WnDoc *doc, const char *source)
{
  g_free(doc->source);
  doc->source = g_strdup(source);
}

/* The fields object when it was made (atomically: see doc_fields()). */
static JsonObject *
fields_made(const WnDoc *doc)
{
  return g_atomic_pointer_get(&((WnDoc *)doc)->fields);
}

/* The fields as one object, made on first use from the raw members and the
 * fields added since. Reading a document from several threads at once stays
 * safe: the object is published with one atomic exchange and the loser's
 * copy dropped; what it was made from stays until the document goes. */
static JsonObject *
doc_fields(const WnDoc *cdoc)
{
  WnDoc *doc = (WnDoc *)cdoc;
  JsonObject *fields = g_atomic_pointer_get(&doc->fields);
  if (fields != NULL)
    return fields;
  JsonObject *made = NULL;
  if (doc->raw_fields != NULL)
    made = wn_input_parse_raw_members(doc->raw_fields, doc->raw_fields_len);
  if (made == NULL)
    made = json_object_new();
  if (doc->added != NULL) {
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;
    json_object_iter_init_ordered(&iter, doc->added);
    while (json_object_iter_next_ordered(&iter, &name, &value))
      json_object_set_member(made, name, json_node_copy(value));
  }
  if (g_atomic_pointer_compare_and_exchange(&doc->fields, NULL, made))
    return made;
  json_object_unref(made);
  return g_atomic_pointer_get(&doc->fields);
}

gboolean
wn_doc_raw_may_name(const char *raw, gsize len, const char *name)
{
  const gsize n = strlen(name);
  if (n == 0)
    return TRUE; /* nothing to search for: say maybe */
  for (gsize k = 0; k < n; k++)
    if ((guchar)name[k] < 0x20 || name[k] == '"' || name[k] == '\\')
      return TRUE; /* written escaped: not worth looking for */
  const char *end = raw + len;
  for (const char *p = raw; p < end && (p = memmem(p, end - p, name, n)) != NULL; p++)
    if (p > raw && p[-1] == '"' && end - p > (gssize)n + 1 && p[n] == '"' && p[n + 1] == ':')
      return TRUE;
  return FALSE;
}

static gboolean
raw_may_have(const WnDoc *doc, const char *name)
{
  return wn_doc_raw_may_name(doc->raw_fields, doc->raw_fields_len, name);
}

void
wn_doc_take_raw_fields(WnDoc *doc, char *raw, gsize len)
{
  g_return_if_fail(doc->fields == NULL && doc->raw_fields == NULL);
  doc->raw_fields = raw;
  doc->raw_fields_len = len;
}

const char *
wn_doc_peek_raw_fields(const WnDoc *doc, gsize *len, JsonObject **added, gboolean *none)
{
  const gboolean unparsed = fields_made(doc) == NULL;
  *none = unparsed && doc->raw_fields == NULL && doc->added == NULL;
  *len = doc->raw_fields_len;
  *added = doc->added;
  return unparsed ? doc->raw_fields : NULL;
}

void
wn_doc_set_field(WnDoc *doc, const char *name, JsonNode *value)
{
  /* A new name next to unparsed members is set aside: a stage that adds a
   * title does not cost a parse of everything the input carried. */
  if (fields_made(doc) == NULL && doc->raw_fields != NULL && !raw_may_have(doc, name)) {
    if (doc->added == NULL)
      doc->added = json_object_new();
    json_object_set_member(doc->added, name, value);
    return;
  }
  json_object_set_member(doc_fields(doc), name, value);
}

void
wn_doc_set_string_field(WnDoc *doc, const char *name, const char *value)
{
  /* NULL is JSON null, as json_object_set_string_member() has it. */
  JsonNode *node = value != NULL ? json_node_init_string(json_node_alloc(), value)
                                 : json_node_init_null(json_node_alloc());
  wn_doc_set_field(doc, name, node);
}

JsonNode *
wn_doc_get_field(const WnDoc *doc, const char *name)
{
  if (fields_made(doc) == NULL) {
    if (doc->raw_fields == NULL && doc->added == NULL)
      return NULL; /* nothing to look at: no object made for nothing */
    /* A field a stage added ("language", "title") is found without parsing
     * what the input carried, as long as no raw member may bear its name. */
    if (doc->raw_fields == NULL || !raw_may_have(doc, name))
      return doc->added != NULL ? json_object_get_member(doc->added, name) : NULL;
  }
  return json_object_get_member(doc_fields(doc), name);
}

JsonObject *
wn_doc_get_fields(const WnDoc *doc)
{
  return doc_fields(doc);
}

WnLayer *
wn_doc_add_layer(WnDoc *doc, const char *name)
{
  if (doc->layers == NULL)
    doc->layers = g_ptr_array_new_with_free_func(layer_free);
  for (guint i = 0; i < doc->layers->len; i++) {
    WnLayer *old = g_ptr_array_index(doc->layers, i);
    if (strcmp(old->name, name) == 0) {
      g_ptr_array_remove_index(doc->layers, i);
      break;
    }
  }
  WnLayer *layer = g_new0(WnLayer, 1);
  layer->name = g_strdup(name);
  g_ptr_array_add(doc->layers, layer);
  return layer;
}

const WnLayer *
wn_doc_get_layer(const WnDoc *doc, const char *name)
{
  if (doc->layers == NULL)
    return NULL;
  for (guint i = 0; i < doc->layers->len; i++) {
    const WnLayer *layer = g_ptr_array_index(doc->layers, i);
    if (strcmp(layer->name, name) == 0)
      return layer;
  }
  return NULL;
}

guint
wn_doc_get_n_layers(const WnDoc *doc)
{
  return doc->layers != NULL ? doc->layers->len : 0;
}

const WnLayer *
wn_doc_get_nth_layer(const WnDoc *doc, guint i)
{
  g_return_val_if_fail(i < wn_doc_get_n_layers(doc), NULL);
  return g_ptr_array_index(doc->layers, i);
}

const char *
wn_layer_get_name(const WnLayer *layer)
{
  return layer->name;
}

const WnSpan *
wn_layer_get_spans(const WnLayer *layer, gsize *n_spans)
{
  if (n_spans != NULL)
    *n_spans = layer->n_spans;
  return layer->spans;
}

gsize
wn_layer_get_n_spans(const WnLayer *layer)
{
  return layer->n_spans;
}

void
wn_layer_reserve(WnLayer *layer, gsize n_spans)
{
  if (n_spans <= layer->capacity)
    return;
  layer->spans = g_renew(WnSpan, layer->spans, n_spans);
  layer->capacity = n_spans;
}

WnSpan *
wn_layer_append(WnLayer *layer, gsize start, gsize end, const char *label, double score)
{
  g_return_val_if_fail(start <= end, NULL);
  if (layer->n_spans == layer->capacity)
    wn_layer_reserve(layer, layer->capacity < 16 ? 16 : layer->capacity * 2);
  WnSpan *span = &layer->spans[layer->n_spans++];
  span->start = start;
  span->end = end;
  span->label = label;
  span->score = score;
  span->attrs = NULL;
  return span;
}

WnGroup *
wn_group_new(const char *key)
{
  WnGroup *group = g_new0(WnGroup, 1);
  group->key = g_strdup(key != NULL ? key : "");
  group->docs = g_ptr_array_new_with_free_func((GDestroyNotify)wn_doc_unref);
  group->fields = json_object_new();
  return group;
}

void
wn_group_free(WnGroup *group)
{
  if (group == NULL)
    return;
  g_free(group->key);
  g_ptr_array_unref(group->docs);
  json_object_unref(group->fields);
  g_free(group);
}

void
wn_group_add_doc(WnGroup *group, WnDoc *doc)
{
  g_ptr_array_add(group->docs, wn_doc_ref(doc));
}

const char *
wn_group_get_key(const WnGroup *group)
{
  return group->key;
}

guint
wn_group_get_n_docs(const WnGroup *group)
{
  return group->docs->len;
}

WnDoc *
wn_group_get_doc(const WnGroup *group, guint i)
{
  g_return_val_if_fail(i < group->docs->len, NULL);
  return g_ptr_array_index(group->docs, i);
}

void
wn_group_set_field(WnGroup *group, const char *name, JsonNode *value)
{
  json_object_set_member(group->fields, name, value);
}

JsonObject *
wn_group_get_fields(const WnGroup *group)
{
  return group->fields;
}
