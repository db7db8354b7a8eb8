/* digest.c: `winnow run --format text`, a digest a person can read: per
 * document its id, title, summary sentences and main entities (or, without a
 * summary, its first sentences), per group its summary. */
#include <string.h>

#include "run-output.h"

#define MAX_LEAD_SENTENCES 3
#define MAX_LEAD_CHARS 300
#define MAX_ENTITIES_PER_LABEL 5

/* Appends `len` bytes of `text` with every run of whitespace made one space,
 * so a sentence spanning lines prints on one. */
static void
append_flat(GString *out, const char *text, gsize len)
{
  gboolean space = FALSE;
  gsize start = out->len;
  for (gsize i = 0; i < len; i++) {
    char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = TRUE;
      continue;
    }
    if (space && out->len > start)
      g_string_append_c(out, ' ');
    space = FALSE;
    g_string_append_c(out, c);
  }
}

/* The first `max_chars` characters of the text, cut at a character
 * boundary. */
static void
append_lead_text(GString *out, const char *text, gsize len)
{
  const char *end = text;
  gsize n = 0;
  while (end < text + len && n < MAX_LEAD_CHARS) {
    end = g_utf8_next_char(end);
    n++;
  }
  if (end > text + len)
    end = text + len;
  g_string_append(out, "  ");
  append_flat(out, text, end - text);
  if (end < text + len)
    g_string_append(out, " …");
  g_string_append_c(out, '\n');
}

static void
append_spans(GString *out, const char *text, const WnLayer *layer, gsize max)
{
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(layer, &n);
  for (gsize i = 0; i < n && i < max; i++) {
    g_string_append(out, "  - ");
    append_flat(out, text + spans[i].start, spans[i].end - spans[i].start);
    g_string_append_c(out, '\n');
  }
}

typedef struct {
  const char *label;
  GHashTable *counts; /* entity text -> count */
  guint total;
} LabelCounts;

typedef struct {
  const char *text;
  guint count;
} NameCount;

static int
compare_name_counts(gconstpointer a, gconstpointer b)
{
  const NameCount *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp(x->text, y->text);
}

static int
compare_labels(gconstpointer a, gconstpointer b)
{
  const LabelCounts *x = *(LabelCounts *const *)a, *y = *(LabelCounts *const *)b;
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return strcmp(x->label, y->label);
}

static void
label_counts_free(gpointer data)
{
  LabelCounts *lc = data;
  g_hash_table_unref(lc->counts);
  g_free(lc);
}

/* "PERSON: Ada Lovelace (3), Charles Babbage (2); ORG: ..." with labels in
 * order of frequency and the most frequent names of each. */
static void
append_entities(GString *out, const char *text, const WnLayer *layer)
{
  gsize n = 0;
  const WnSpan *spans = wn_layer_get_spans(layer, &n);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func(label_counts_free);
  for (gsize i = 0; i < n; i++) {
    const char *label = spans[i].label != NULL ? spans[i].label : "ENTITY";
    LabelCounts *lc = NULL;
    for (guint k = 0; k < labels->len && lc == NULL; k++)
      if (strcmp(((LabelCounts *)labels->pdata[k])->label, label) == 0)
        lc = labels->pdata[k];
    if (lc == NULL) {
      lc = g_new0(LabelCounts, 1);
      lc->label = label;
      lc->counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
      g_ptr_array_add(labels, lc);
    }
    GString *name = g_string_new(NULL);
    append_flat(name, text + spans[i].start, spans[i].end - spans[i].start);
    guint c = GPOINTER_TO_UINT(g_hash_table_lookup(lc->counts, name->str));
    g_hash_table_insert(lc->counts, g_string_free(name, FALSE), GUINT_TO_POINTER(c + 1));
    lc->total++;
  }
  if (labels->len == 0)
    return;
  g_ptr_array_sort(labels, compare_labels);
  g_string_append(out, "Entities:\n");
  for (guint k = 0; k < labels->len; k++) {
    LabelCounts *lc = labels->pdata[k];
    g_autoptr(GArray) names = g_array_new(FALSE, FALSE, sizeof(NameCount));
    GHashTableIter iter;
    gpointer key, value;
    g_hash_table_iter_init(&iter, lc->counts);
    while (g_hash_table_iter_next(&iter, &key, &value)) {
      NameCount nc = {key, GPOINTER_TO_UINT(value)};
      g_array_append_val(names, nc);
    }
    g_array_sort(names, compare_name_counts);
    g_string_append_printf(out, "  %s:", lc->label);
    for (guint i = 0; i < names->len && i < MAX_ENTITIES_PER_LABEL; i++) {
      const NameCount *nc = &g_array_index(names, NameCount, i);
      g_string_append_printf(out, "%s %s (%u)", i > 0 ? "," : "", nc->text, nc->count);
    }
    if (names->len > MAX_ENTITIES_PER_LABEL)
      g_string_append_printf(out, ", and %u more", names->len - MAX_ENTITIES_PER_LABEL);
    g_string_append_c(out, '\n');
  }
}

char *
wn_digest_doc(const WnDoc *doc, WnOffsetUnit unit, gpointer user_data)
{
  GString *out = g_string_new(NULL);
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  g_string_append_printf(out, "== %s ==\n", wn_doc_get_id(doc));
  JsonNode *title = wn_doc_get_field(doc, "title");
  if (title != NULL && JSON_NODE_HOLDS_VALUE(title) &&
      json_node_get_value_type(title) == G_TYPE_STRING) {
    const char *t = json_node_get_string(title);
    g_string_append(out, "Title: ");
    append_flat(out, t, strlen(t));
    g_string_append_c(out, '\n');
  }
  const WnLayer *summary = wn_doc_get_layer(doc, "summary");
  const WnLayer *sentences = wn_doc_get_layer(doc, "sentences");
  if (summary != NULL && wn_layer_get_n_spans(summary) > 0) {
    g_string_append(out, "Summary:\n");
    append_spans(out, text, summary, G_MAXSIZE);
  } else if (sentences != NULL && wn_layer_get_n_spans(sentences) > 0) {
    g_string_append(out, "Lead:\n");
    append_spans(out, text, sentences, MAX_LEAD_SENTENCES);
  } else if (len > 0) {
    g_string_append(out, "Lead:\n");
    append_lead_text(out, text, len);
  } else {
    g_string_append(out, "(empty)\n");
  }
  const WnLayer *entities = wn_doc_get_layer(doc, "entities");
  if (entities != NULL)
    append_entities(out, text, entities);
  g_string_append_c(out, '\n');
  return g_string_free(out, FALSE);
}

char *
wn_digest_error(const char *id, const char *source, const char *stage, const char *message,
                gpointer user_data)
{
  if (g_strcmp0(id, source) == 0)
    return g_strdup_printf("!! %s failed in %s: %s\n\n", source, stage, message);
  return g_strdup_printf("!! %s (%s) failed in %s: %s\n\n", id, source, stage, message);
}

/* One item of a group summary: a string, or an object's "text". */
static void
append_summary_item(GString *out, JsonNode *node)
{
  const char *s = NULL;
  if (JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_STRING)
    s = json_node_get_string(node);
  else if (JSON_NODE_HOLDS_OBJECT(node) &&
           json_object_has_member(json_node_get_object(node), "text"))
    s = json_object_get_string_member_with_default(json_node_get_object(node), "text", NULL);
  g_string_append(out, "  - ");
  if (s != NULL) {
    append_flat(out, s, strlen(s));
  } else {
    g_autofree char *json = json_to_string(node, FALSE);
    g_string_append(out, json);
  }
  g_string_append_c(out, '\n');
}

char *
wn_digest_group(const char *key, const char *const *ids, const WnGroup *group, gpointer user_data)
{
  GString *out = g_string_new(NULL);
  guint n = g_strv_length((char **)ids);
  g_string_append_printf(out, "== group %s: %u document%s ==\n", key, n, n == 1 ? "" : "s");
  if (group != NULL) {
    JsonObject *fields = wn_group_get_fields((WnGroup *)group);
    JsonNode *summary = json_object_get_member(fields, "summary");
    if (summary != NULL) {
      g_string_append(out, "Summary:\n");
      if (JSON_NODE_HOLDS_ARRAY(summary)) {
        JsonArray *a = json_node_get_array(summary);
        for (guint i = 0; i < json_array_get_length(a); i++)
          append_summary_item(out, json_array_get_element(a, i));
      } else {
        append_summary_item(out, summary);
      }
    }
    /* Other fields in compact JSON, so nothing a stage added is hidden. */
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;
    json_object_iter_init_ordered(&iter, fields);
    while (json_object_iter_next_ordered(&iter, &name, &value)) {
      if (strcmp(name, "summary") == 0)
        continue;
      g_autofree char *json = json_to_string(value, FALSE);
      g_string_append_printf(out, "%s: %s\n", name, json);
    }
  }
  g_string_append_c(out, '\n');
  return g_string_free(out, FALSE);
}
