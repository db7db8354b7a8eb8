/* record.c: the output records of documents and groups. Offsets are bytes
 * inside the core; output converts them to code points, walking the text once
 * per layer when its spans are sorted (the usual case) and through a sparse
 * checkpoint table when they are not. The JSON line is written directly, not
 * through a JsonNode tree, because it is on the hot path of every run. */
#include <math.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "doc-private.h"
#include "record.h"

/* ---- byte -> code point offsets ---------------------------------------- */

#define CHECKPOINT_BYTES 256

typedef struct {
  const char *text;
  gsize len;
  int ascii; /* 1 yes, 0 no, -1 not looked at yet */
  /* Sequential cursor. */
  gsize byte_pos, char_pos;
  /* chars before byte k * CHECKPOINT_BYTES; built on first out-of-order use. */
  gsize *checkpoints;
} Offsets;

static gsize
count_chars(const char *p, gsize n)
{
  gsize c = 0;
  for (gsize k = 0; k < n; k++)
    c += ((guchar)p[k] & 0xC0) != 0x80;
  return c;
}

static void
offsets_init(Offsets *o, const char *text, gsize len)
{
  memset(o, 0, sizeof *o);
  o->text = text;
  o->len = len;
  o->ascii = -1; /* not known until a layer needs it */
}

static void
offsets_clear(Offsets *o)
{
  g_free(o->checkpoints);
}

static void
offsets_rewind(Offsets *o)
{
  o->byte_pos = 0;
  o->char_pos = 0;
}

static gboolean
offsets_ascii(Offsets *o)
{
  if (o->ascii < 0) {
    o->ascii = 1;
    for (gsize k = 0; k < o->len; k++)
      if ((guchar)o->text[k] >= 0x80) {
        o->ascii = 0;
        break;
      }
  }
  return o->ascii == 1;
}

/* Code points before byte `b` (clamped to the text). */
static gsize
offsets_convert(Offsets *o, gsize b)
{
  if (b > o->len)
    b = o->len;
  if (offsets_ascii(o))
    return b;
  if (b >= o->byte_pos) {
    o->char_pos += count_chars(o->text + o->byte_pos, b - o->byte_pos);
    o->byte_pos = b;
    return o->char_pos;
  }
  if (o->checkpoints == NULL) {
    gsize n = o->len / CHECKPOINT_BYTES + 1;
    o->checkpoints = g_new(gsize, n);
    gsize c = 0;
    for (gsize k = 0; k < n; k++) {
      o->checkpoints[k] = c;
      gsize from = k * CHECKPOINT_BYTES;
      gsize to = MIN(from + CHECKPOINT_BYTES, o->len);
      c += count_chars(o->text + from, to - from);
    }
  }
  gsize k = b / CHECKPOINT_BYTES;
  /* Jump the cursor back to the checkpoint; later offsets walk on from here. */
  o->byte_pos = k * CHECKPOINT_BYTES;
  o->char_pos = o->checkpoints[k];
  return offsets_convert(o, b);
}

/* A span end computed from its start, so nested spans (ends out of order)
 * do not send the cursor back. */
static gsize
offsets_convert_end(Offsets *o, gsize start_b, gsize start_c, gsize end_b)
{
  if (end_b > o->len)
    end_b = o->len;
  if (offsets_ascii(o))
    return end_b;
  if (end_b <= start_b)
    return start_c;
  return start_c + count_chars(o->text + start_b, end_b - start_b);
}

/* Snap a byte offset back to the start of the character holding it, so that a
 * bad offset from an embedding program still yields valid UTF-8. */
static gsize
snap(const char *text, gsize len, gsize b)
{
  if (b > len)
    b = len;
  while (b > 0 && b < len && ((guchar)text[b] & 0xC0) == 0x80)
    b--;
  return b;
}

/* ---- JSON text --------------------------------------------------------- */

/* Appends without a call into GLib when the room is there: GString's own
 * append is a third of the time of writing a token record otherwise. */
static inline void
put(GString *out, const char *p, gsize n)
{
  gsize at = out->len;
  if (at + n < out->allocated_len) {
    memcpy(out->str + at, p, n);
    out->len = at + n;
    out->str[out->len] = '\0';
  } else
    g_string_append_len(out, p, n);
}

#define PUT_LITERAL(out, lit) put((out), (lit), sizeof(lit) - 1)

static void
append_json_string(GString *out, const char *s, gsize len)
{
  static const char hex[] = "0123456789abcdef";
  g_string_append_c(out, '"');
  gsize run = 0;
  for (gsize k = 0; k < len; k++) {
#ifdef __SSE2__
    /* Sixteen bytes at a time, landing on the first one to escape. */
    while (k + 16 <= len) {
      const __m128i v = _mm_loadu_si128((const __m128i *)(s + k));
      const __m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1f)), _mm_set1_epi8(0x1f));
      const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
      const __m128i slash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
      const int mask = _mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(quote, slash)));
      if (mask != 0) {
        k += __builtin_ctz(mask);
        break;
      }
      k += 16;
    }
#endif
    /* Skip eight plain bytes at a time: a word holds a byte to escape when
     * some byte is below 0x20, or equals '"' or '\\' (exact bit tests). */
    while (k + 8 <= len) {
      guint64 w;
      memcpy(&w, s + k, 8);
      const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
      const guint64 high = G_GUINT64_CONSTANT(0x8080808080808080);
      guint64 quote = w ^ (ones * '"');
      guint64 slash = w ^ (ones * '\\');
      guint64 hit =
          ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash);
      if ((hit & high) != 0)
        break;
      k += 8;
    }
    if (k >= len)
      break;
    guchar c = s[k];
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    put(out, s + run, k - run);
    run = k + 1;
    switch (c) {
    case '"':
      PUT_LITERAL(out, "\\\"");
      break;
    case '\\':
      PUT_LITERAL(out, "\\\\");
      break;
    case '\n':
      PUT_LITERAL(out, "\\n");
      break;
    case '\r':
      PUT_LITERAL(out, "\\r");
      break;
    case '\t':
      PUT_LITERAL(out, "\\t");
      break;
    case '\b':
      PUT_LITERAL(out, "\\b");
      break;
    case '\f':
      PUT_LITERAL(out, "\\f");
      break;
    default: {
      char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
      g_string_append(out, esc);
    }
    }
  }
  put(out, s + run, len - run);
  g_string_append_c(out, '"');
}

/* printf would be the slowest part of writing a token. */
static void
append_size(GString *out, gsize v)
{
  char buf[24];
  char *p = buf + sizeof buf;
  do {
    *--p = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  put(out, p, buf + sizeof buf - p);
}

static void
append_double(GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite(v))
    v = 0; /* JSON has no NaN or infinity */
  g_string_append(out, g_ascii_dtostr(buf, sizeof buf, v));
}

/* Passed-through values are written by wn_json_append_node rather than
 * through json_to_string, which builds a JsonGenerator per value (a third of a
 * pass-through run's time went there). Strings use the same escaper as the
 * rest of the record; doubles are written so that they stay valid JSON (no
 * "1e+20.0" as json-glib 1.6 writes, no NaN). */

static void
append_int64(GString *out, gint64 v)
{
  if (v < 0) {
    g_string_append_c(out, '-');
    /* Negated in unsigned arithmetic, so G_MININT64 works too. */
    append_size(out, (gsize)(-(guint64)v));
  } else
    append_size(out, (gsize)v);
}

void
wn_json_append_node(GString *out, JsonNode *node)
{
  switch (JSON_NODE_TYPE(node)) {
  case JSON_NODE_OBJECT: {
    g_string_append_c(out, '{');
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;
    gboolean first = TRUE;
    json_object_iter_init_ordered(&iter, json_node_get_object(node));
    while (json_object_iter_next_ordered(&iter, &name, &value)) {
      if (!first)
        g_string_append_c(out, ',');
      first = FALSE;
      append_json_string(out, name, strlen(name));
      g_string_append_c(out, ':');
      wn_json_append_node(out, value);
    }
    g_string_append_c(out, '}');
    return;
  }
  case JSON_NODE_ARRAY: {
    JsonArray *array = json_node_get_array(node);
    const guint n = json_array_get_length(array);
    g_string_append_c(out, '[');
    for (guint i = 0; i < n; i++) {
      if (i > 0)
        g_string_append_c(out, ',');
      wn_json_append_node(out, json_array_get_element(array, i));
    }
    g_string_append_c(out, ']');
    return;
  }
  case JSON_NODE_NULL:
    PUT_LITERAL(out, "null");
    return;
  case JSON_NODE_VALUE:
    switch (json_node_get_value_type(node)) {
    case G_TYPE_INT64:
      append_int64(out, json_node_get_int(node));
      return;
    case G_TYPE_BOOLEAN:
      if (json_node_get_boolean(node))
        PUT_LITERAL(out, "true");
      else
        PUT_LITERAL(out, "false");
      return;
    case G_TYPE_STRING: {
      const char *s = json_node_get_string(node);
      append_json_string(out, s, strlen(s));
      return;
    }
    case G_TYPE_DOUBLE: {
      const double v = json_node_get_double(node);
      if (!isfinite(v)) {
        PUT_LITERAL(out, "null"); /* JSON has no NaN or infinity */
        return;
      }
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_dtostr(buf, sizeof buf, v);
      g_string_append(out, buf);
      /* Keep a whole double recognisable as one ("5.0"), as json-glib does. */
      if (strpbrk(buf, ".eE") == NULL)
        PUT_LITERAL(out, ".0");
      return;
    }
    default:
      break; /* a type an embedding program set by hand: json-glib knows it */
    }
    break;
  }
  g_autofree char *s = json_to_string(node, FALSE);
  g_string_append(out, s);
}

/* The members of a document record the core writes itself: no layer or
 * field of the same name is written. */
static gboolean
is_core_member(const char *name)
{
  return strcmp(name, "type") == 0 || strcmp(name, "id") == 0 || strcmp(name, "text") == 0;
}

/* The members of a span the core writes itself: no attribute of the same
 * name is written. */
static gboolean
is_span_member(const char *key)
{
  return strcmp(key, "start") == 0 || strcmp(key, "end") == 0 || strcmp(key, "text") == 0;
}

static gboolean
is_reserved(const WnDoc *doc, const char *name)
{
  /* type, id and text are the core's; a layer of the same name wins over a
   * field, as in wn_doc_to_json(). */
  return is_core_member(name) || wn_doc_get_layer(doc, name) != NULL;
}

/* TRUE when some layer's name may also name one of the raw members, which
 * the layer then hides (the fields are then parsed, and the record is the
 * same either way). */
static gboolean
raw_names_a_layer(const WnDoc *doc, const char *raw, gsize raw_len)
{
  for (guint i = 0; i < wn_doc_get_n_layers(doc); i++)
    if (wn_doc_raw_may_name(raw, raw_len, wn_layer_get_name(wn_doc_get_nth_layer(doc, i))))
      return TRUE;
  return FALSE;
}

typedef void (*SpanFunc)(gpointer user, const WnSpan *span, const char *text, gsize a_b, gsize b_b,
                         gsize a, gsize b);

/* Walks each span of `layer` with its output offsets. */
static void
each_span(const WnDoc *doc, const WnLayer *layer, Offsets *o, WnOffsetUnit unit, SpanFunc fn,
          gpointer user)
{
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(layer, &n);
  offsets_rewind(o);
  for (gsize k = 0; k < n; k++) {
    gsize a_b = snap(text, len, spans[k].start);
    gsize b_b = snap(text, len, spans[k].end);
    if (b_b < a_b)
      b_b = a_b;
    gsize a = a_b, b = b_b;
    if (unit == WN_OFFSETS_CHARS) {
      /* Sorted starts only move the cursor forward: one pass over the text.
       * An earlier start jumps back through the checkpoints instead. */
      a = offsets_convert(o, a_b);
      b = offsets_convert_end(o, a_b, a, b_b);
    }
    fn(user, &spans[k], text, a_b, b_b, a, b);
  }
}

static void
write_span_line(gpointer user, const WnSpan *span, const char *text, gsize a_b, gsize b_b, gsize a,
                gsize b)
{
  GString *out = user;
  PUT_LITERAL(out, "{\"start\":");
  append_size(out, a);
  PUT_LITERAL(out, ",\"end\":");
  append_size(out, b);
  PUT_LITERAL(out, ",\"text\":");
  append_json_string(out, text + a_b, b_b - a_b);
  if (span->label != NULL) {
    PUT_LITERAL(out, ",\"label\":");
    append_json_string(out, span->label, strlen(span->label));
  }
  if (span->score != 0) {
    PUT_LITERAL(out, ",\"score\":");
    append_double(out, span->score);
  }
  if (span->attrs != NULL) {
    g_autoptr(GList) members = json_object_get_members(span->attrs);
    for (GList *l = members; l != NULL; l = l->next) {
      const char *key = l->data;
      if (is_span_member(key))
        continue;
      g_string_append_c(out, ',');
      append_json_string(out, key, strlen(key));
      g_string_append_c(out, ':');
      wn_json_append_node(out, json_object_get_member(span->attrs, key));
    }
  }
  PUT_LITERAL(out, "},");
}

void
wn_doc_append_json_line(GString *out, const WnDoc *doc, WnOffsetUnit unit)
{
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  PUT_LITERAL(out, "{\"type\":\"document\",\"id\":");
  const char *id = wn_doc_get_id(doc);
  append_json_string(out, id, strlen(id));
  gsize raw_len = 0;
  gboolean no_fields = FALSE;
  JsonObject *fields = NULL;
  const char *raw = wn_doc_peek_raw_fields(doc, &raw_len, &fields, &no_fields);
  if (raw != NULL && !raw_names_a_layer(doc, raw, raw_len)) {
    /* Members nobody looked at, already in the form written here; then the
     * fields stages added beside them. */
    if (raw_len > 2) {
      g_string_append_c(out, ',');
      put(out, raw + 1, raw_len - 2);
    }
  } else if (!no_fields) {
    fields = wn_doc_get_fields(doc);
  }
  if (fields != NULL) {
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;
    json_object_iter_init_ordered(&iter, fields);
    while (json_object_iter_next_ordered(&iter, &name, &value)) {
      if (is_reserved(doc, name))
        continue;
      g_string_append_c(out, ',');
      append_json_string(out, name, strlen(name));
      g_string_append_c(out, ':');
      wn_json_append_node(out, value);
    }
  }
  PUT_LITERAL(out, ",\"text\":");
  append_json_string(out, text, len);
  Offsets o;
  offsets_init(&o, text, len);
  for (guint i = 0; i < wn_doc_get_n_layers(doc); i++) {
    const WnLayer *layer = wn_doc_get_nth_layer(doc, i);
    const char *lname = wn_layer_get_name(layer);
    if (is_core_member(lname))
      continue;
    g_string_append_c(out, ',');
    append_json_string(out, lname, strlen(lname));
    PUT_LITERAL(out, ":[");
    gsize before = out->len;
    each_span(doc, layer, &o, unit, write_span_line, out);
    if (out->len > before)
      g_string_truncate(out, out->len - 1); /* the last comma */
    g_string_append_c(out, ']');
  }
  offsets_clear(&o);
  g_string_append_c(out, '}');
}

char *
wn_doc_to_json_line(const WnDoc *doc, WnOffsetUnit unit)
{
  gsize len = 0;
  wn_doc_get_text(doc, &len);
  GString *out = g_string_sized_new(len + len / 4 + 128);
  wn_doc_append_json_line(out, doc, unit);
  return g_string_free(out, FALSE);
}

static void
build_span_node(gpointer user, const WnSpan *span, const char *text, gsize a_b, gsize b_b, gsize a,
                gsize b)
{
  JsonArray *array = user;
  JsonObject *obj = json_object_new();
  json_object_set_int_member(obj, "start", a);
  json_object_set_int_member(obj, "end", b);
  g_autofree char *slice = g_strndup(text + a_b, b_b - a_b);
  json_object_set_string_member(obj, "text", slice);
  if (span->label != NULL)
    json_object_set_string_member(obj, "label", span->label);
  if (span->score != 0)
    json_object_set_double_member(obj, "score", isfinite(span->score) ? span->score : 0);
  if (span->attrs != NULL) {
    g_autoptr(GList) members = json_object_get_members(span->attrs);
    for (GList *l = members; l != NULL; l = l->next) {
      const char *key = l->data;
      if (is_span_member(key))
        continue;
      json_object_set_member(obj, key, json_node_copy(json_object_get_member(span->attrs, key)));
    }
  }
  json_array_add_object_element(array, obj);
}

JsonNode *
wn_doc_to_json(const WnDoc *doc, WnOffsetUnit unit)
{
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  JsonObject *obj = json_object_new();
  json_object_set_string_member(obj, "type", "document");
  json_object_set_string_member(obj, "id", wn_doc_get_id(doc));
  JsonObject *fields = wn_doc_get_fields(doc);
  g_autoptr(GList) members = json_object_get_members(fields);
  for (GList *l = members; l != NULL; l = l->next) {
    const char *name = l->data;
    if (is_reserved(doc, name))
      continue;
    json_object_set_member(obj, name, json_node_copy(json_object_get_member(fields, name)));
  }
  json_object_set_string_member(obj, "text", text);
  Offsets o;
  offsets_init(&o, text, len);
  for (guint i = 0; i < wn_doc_get_n_layers(doc); i++) {
    const WnLayer *layer = wn_doc_get_nth_layer(doc, i);
    const char *name = wn_layer_get_name(layer);
    if (is_core_member(name))
      continue;
    JsonArray *array = json_array_new();
    each_span(doc, layer, &o, unit, build_span_node, array);
    json_object_set_array_member(obj, name, array);
  }
  offsets_clear(&o);
  JsonNode *node = json_node_new(JSON_NODE_OBJECT);
  json_node_take_object(node, obj);
  return node;
}

JsonNode *
wn_group_to_json(const WnGroup *group)
{
  JsonObject *obj = json_object_new();
  json_object_set_string_member(obj, "type", "group");
  json_object_set_string_member(obj, "group", wn_group_get_key(group));
  JsonArray *ids = json_array_new();
  for (guint i = 0; i < wn_group_get_n_docs(group); i++)
    json_array_add_string_element(ids, wn_doc_get_id(wn_group_get_doc((WnGroup *)group, i)));
  json_object_set_array_member(obj, "documents", ids);
  JsonObject *fields = wn_group_get_fields(group);
  g_autoptr(GList) members = json_object_get_members(fields);
  for (GList *l = members; l != NULL; l = l->next) {
    const char *name = l->data;
    if (strcmp(name, "type") == 0 || strcmp(name, "group") == 0 || strcmp(name, "documents") == 0)
      continue;
    json_object_set_member(obj, name, json_node_copy(json_object_get_member(fields, name)));
  }
  JsonNode *node = json_node_new(JSON_NODE_OBJECT);
  json_node_take_object(node, obj);
  return node;
}
