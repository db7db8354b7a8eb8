/* good.c: a well-behaved test stage. It adds a "words" layer (one span per run
 * of non-space characters, label "word"), takes one option of every type, and
 * counts a group's documents in process_group. */
#include <winnow/winnow.h>

#include <string.h>

typedef struct {
  gint64 min_len;
  char *label;
  JsonNode *seen; /* the option values as init() saw them, for the tests */
} State;

static const char *const modes[] = {"fast", "exact", NULL};

static const WnOptionSpec options[] = {
    {.name = "min_len",
     .type = WN_OPTION_INT,
     .default_value = "1",
     .min = 1,
     .max = 100,
     .help = "Shortest word kept, in bytes"},
    {.name = "weight",
     .type = WN_OPTION_DOUBLE,
     .default_value = "0.5",
     .min = 0,
     .max = 1,
     .help = "Score given to each word"},
    {.name = "lowercase", .type = WN_OPTION_BOOL, .default_value = "false", .help = "Unused flag"},
    {.name = "mode",
     .type = WN_OPTION_STRING,
     .default_value = "fast",
     .choices = modes,
     .help = "How hard to try"},
    {.name = "tags",
     .type = WN_OPTION_STRING_LIST,
     .default_value = "a,b",
     .help = "Free-form tags"},
    {.name = "lexicon",
     .type = WN_OPTION_PATH,
     .default_value = "${plugindir}/good-data/lexicon.txt",
     .help = "A word list shipped beside the stage"},
    {.name = "extra", .type = WN_OPTION_PATH, .help = "An optional file"},
    {.name = "lists",
     .type = WN_OPTION_PATH_LIST,
     .default_value = "${plugindir}/good-data/names.txt, good-data/places.txt",
     .help = "Word lists shipped beside the stage"},
    {.name = "more_lists",
     .type = WN_OPTION_PATH_LIST,
     .default_value = "",
     .help = "Further word lists"},
    {0},
};

static gboolean
good_init(const WnOptions *opts, gpointer *state, GError **error)
{
  State *s = g_new0(State, 1);
  s->min_len = wn_options_get_int(opts, "min_len");
  s->label = g_strdup("word");
  JsonObject *o = json_object_new();
  json_object_set_int_member(o, "min_len", s->min_len);
  json_object_set_double_member(o, "weight", wn_options_get_double(opts, "weight"));
  json_object_set_boolean_member(o, "lowercase", wn_options_get_bool(opts, "lowercase"));
  json_object_set_string_member(o, "mode", wn_options_get_string(opts, "mode"));
  JsonArray *tags = json_array_new();
  for (const char *const *t = wn_options_get_strv(opts, "tags"); *t != NULL; t++)
    json_array_add_string_element(tags, *t);
  json_object_set_array_member(o, "tags", tags);
  json_object_set_string_member(o, "lexicon", wn_options_get_path(opts, "lexicon"));
  json_object_set_string_member(o, "extra", wn_options_get_path(opts, "extra"));
  const char *const lists[] = {"lists", "more_lists"};
  for (gsize k = 0; k < G_N_ELEMENTS(lists); k++) {
    JsonArray *paths = json_array_new();
    for (const char *const *p = wn_options_get_paths(opts, lists[k]); *p != NULL; p++)
      json_array_add_string_element(paths, *p);
    json_object_set_array_member(o, lists[k], paths);
  }
  json_object_set_boolean_member(o, "min_len_set", wn_options_is_set(opts, "min_len"));
  json_object_set_string_member(o, "plugin_dir", wn_options_get_plugin_dir(opts));
  s->seen = json_node_init_object(json_node_alloc(), o);
  json_object_unref(o);
  *state = s;
  return TRUE;
}

static gboolean
good_process(gpointer state, WnDoc *doc, GError **error)
{
  const State *s = state;
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  wn_doc_set_field(doc, "good_options", json_node_copy(s->seen));
  WnLayer *layer = wn_doc_add_layer(doc, "words");
  gsize i = 0;
  while (i < len) {
    while (i < len && text[i] == ' ')
      i++;
    gsize start = i;
    while (i < len && text[i] != ' ')
      i++;
    if (i > start && (gint64)(i - start) >= s->min_len)
      wn_layer_append(layer, start, i, "word", 0);
  }
  return TRUE;
}

static gboolean
good_process_group(gpointer state, WnGroup *group, GError **error)
{
  wn_group_set_field(group, "n_docs",
                     json_node_init_int(json_node_alloc(), wn_group_get_n_docs(group)));
  return TRUE;
}

static void
good_finalize(gpointer state)
{
  State *s = state;
  g_free(s->label);
  json_node_unref(s->seen);
  g_free(s);
}

WN_STAGE_DEFINE(.name = "good", .version = "1.2.3", .summary = "Splits text into words (test)",
                .license = "MIT", .provides = WN_LAYERS("words"), .options = options,
                .flags = WN_STAGE_THREAD_SAFE, .init = good_init, .process = good_process,
                .process_group = good_process_group, .finalize = good_finalize)
