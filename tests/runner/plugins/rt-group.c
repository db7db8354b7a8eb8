/* rt-group.c: a test stage with process_group: counts each document's words
 * and writes, per group, the number of documents, the total of words and a
 * "summary" made of each document's first word. A group named "BADGROUP"
 * fails. */
#include <string.h>

#include <winnow/winnow.h>

static gint64
count_words(const char *text)
{
  gint64 n = 0;
  gboolean in_word = FALSE;
  for (const char *p = text; *p != '\0'; p++) {
    gboolean space = g_ascii_isspace(*p);
    if (!space && !in_word)
      n++;
    in_word = !space;
  }
  return n;
}

static gboolean
group_process(gpointer state, WnDoc *doc, GError **error)
{
  wn_doc_set_field(doc, "words",
                   json_node_init_int(json_node_alloc(), count_words(wn_doc_get_text(doc, NULL))));
  return TRUE;
}

static gboolean
group_process_group(gpointer state, WnGroup *group, GError **error)
{
  if (strcmp(wn_group_get_key(group), "BADGROUP") == 0) {
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE, "this group is bad");
    return FALSE;
  }
  gint64 total = 0;
  JsonArray *summary = json_array_new();
  for (guint i = 0; i < wn_group_get_n_docs(group); i++) {
    WnDoc *doc = wn_group_get_doc(group, i);
    JsonNode *words = wn_doc_get_field(doc, "words");
    total += words != NULL ? json_node_get_int(words) : 0;
    const char *text = wn_doc_get_text(doc, NULL);
    gsize n = strcspn(text, " \t\r\n");
    g_autofree char *first = g_strndup(text, n);
    json_array_add_string_element(summary, first);
  }
  wn_group_set_field(group, "n_docs",
                     json_node_init_int(json_node_alloc(), wn_group_get_n_docs(group)));
  wn_group_set_field(group, "total_words", json_node_init_int(json_node_alloc(), total));
  wn_group_set_field(group, "summary", json_node_init_array(json_node_alloc(), summary));
  json_array_unref(summary);
  return TRUE;
}

WN_STAGE_DEFINE(.name = "rt-group", .version = "1.0.0",
                .summary = "Test stage: word counts per document and per group", .license = "MIT",
                .flags = WN_STAGE_THREAD_SAFE, .process = group_process,
                .process_group = group_process_group)
