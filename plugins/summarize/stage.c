/* stage.c: the "summarize" stage: option table and the glue between the winnow
 * document model and the summarizer (summarize.h). Adds a `summary` layer to
 * each document and, for groups, a "summary" field to the group's record. */
#include <winnow/plugin.h>

#include "summarize.h"

static const char *const method_choices[] = {"salience", "lead", "textrank", "lexrank", NULL};
static const char *const language_choices[] = {"auto", "en", "fr", "de", "es", NULL};

static const WnOptionSpec options[] = {
    {.name = "method",
     .type = WN_OPTION_STRING,
     .default_value = "salience",
     .min = 0,
     .max = 0,
     .choices = method_choices,
     .help = "salience (centrality, word recurrence, cross-document support, position, length and "
             "entities, with redundancy removal), lead, textrank or lexrank"},
    {.name = "sentences",
     .type = WN_OPTION_INT,
     .default_value = "3",
     .min = 0,
     .max = 100000,
     .choices = NULL,
     .help =
         "Most sentences in a summary; 0 = no limit (the default 3 is dropped when only words or "
         "ratio is given)"},
    {.name = "words",
     .type = WN_OPTION_INT,
     .default_value = "0",
     .min = 0,
     .max = 10000000,
     .choices = NULL,
     .help =
         "Most words (whitespace-separated) in a summary, never exceeded: a sentence that does not "
         "fit is skipped for a shorter one; 0 = no limit"},
    {.name = "ratio",
     .type = WN_OPTION_DOUBLE,
     .default_value = "0",
     .min = 0,
     .max = 1,
     .choices = NULL,
     .help = "Most words as a share of the input's words (at least 1); 0 = no limit"},
    {.name = "redundancy",
     .type = WN_OPTION_DOUBLE,
     .default_value = "0.45",
     .min = 0,
     .max = 1,
     .choices = NULL,
     .help = "Weight of the penalty for repeating chosen sentences (MMR); when not given, 0.45 for "
             "salience and 0 for the other methods. Near-duplicates are always refused"},
    {.name = "language",
     .type = WN_OPTION_STRING,
     .default_value = "auto",
     .min = 0,
     .max = 0,
     .choices = language_choices,
     .help = "Stopwords and Snowball stemmer: en, fr, de, es, or auto (the document's \"language\" "
             "field when it names one of these, else en)"},
    {.name = "min_sentence_words",
     .type = WN_OPTION_INT,
     .default_value = "5",
     .min = 1,
     .max = 1000,
     .choices = NULL,
     .help = "Shorter sentences are not chosen (unless no sentence is that long)"},
    {.name = "group",
     .type = WN_OPTION_BOOL,
     .default_value = "true",
     .min = 0,
     .max = 0,
     .choices = NULL,
     .help = "Write a summary of each group of documents into the group's record"},
    {.name = NULL}};

typedef struct {
  WnSumConfig config; /* language "auto" is resolved per document */
  gboolean auto_language;
  gboolean group;
} State;

static gboolean
summarize_init(const WnOptions *opts, gpointer *state, GError **error)
{
  State *s = g_new0(State, 1);
  wn_sum_config_init(&s->config);
  if (!wn_sum_method_from_string(wn_options_get_string(opts, "method"), &s->config.method)) {
    g_set_error(error, WN_ERROR, WN_ERROR_OPTION_RANGE,
                "summarize: unknown method \"%s\"; use salience, lead, textrank or lexrank",
                wn_options_get_string(opts, "method"));
    g_free(s);
    return FALSE;
  }
  const gboolean other_budget =
      wn_options_is_set(opts, "words") || wn_options_is_set(opts, "ratio");
  if (wn_options_is_set(opts, "sentences") || !other_budget)
    s->config.max_sentences = (guint)wn_options_get_int(opts, "sentences");
  else
    s->config.max_sentences = 0;
  s->config.max_words = (guint)wn_options_get_int(opts, "words");
  s->config.ratio = wn_options_get_double(opts, "ratio");
  s->config.redundancy =
      wn_options_is_set(opts, "redundancy") ? wn_options_get_double(opts, "redundancy") : -1;
  const char *language = wn_options_get_string(opts, "language");
  s->auto_language = g_strcmp0(language, "auto") == 0;
  s->config.language = s->auto_language ? "en" : g_intern_string(language);
  s->config.min_sentence_words = (guint)wn_options_get_int(opts, "min_sentence_words");
  s->group = wn_options_get_bool(opts, "group");
  s->config.pool = wn_sum_cache_pool_new();
  *state = s;
  return TRUE;
}

static void
summarize_finalize(gpointer state)
{
  State *s = state;
  wn_sum_cache_pool_free(s->config.pool);
  g_free(s);
}

/* The language to use for `doc`: the option, or with "auto" the document's
 * "language" field when it is a supported code (e.g. "fr" or "fr-CA"). */
static const char *
doc_language(const State *s, const WnDoc *doc)
{
  if (!s->auto_language)
    return s->config.language;
  JsonNode *field = wn_doc_get_field(doc, "language");
  if (field != NULL && JSON_NODE_HOLDS_VALUE(field) &&
      json_node_get_value_type(field) == G_TYPE_STRING) {
    const char *code = json_node_get_string(field);
    char two[3] = {0};
    if (code != NULL && g_ascii_isalpha(code[0]) && g_ascii_isalpha(code[1])) {
      two[0] = g_ascii_tolower(code[0]);
      two[1] = g_ascii_tolower(code[1]);
      if ((code[2] == '\0' || code[2] == '-' || code[2] == '_') && wn_sum_language_supported(two))
        return g_intern_string(two);
    }
  }
  return "en";
}

static gboolean
fill_doc(const WnDoc *doc, WnSumDoc *out, GError **error)
{
  gsize len = 0;
  out->id = wn_doc_get_id(doc);
  out->text = wn_doc_get_text(doc, &len);
  out->len = len;
  const WnLayer *sentences = wn_doc_get_layer(doc, "sentences");
  if (sentences == NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE,
                "summarize: document %s has no \"sentences\" layer; put the sentences stage "
                "before summarize in the pipeline",
                out->id);
    return FALSE;
  }
  out->sentences = wn_layer_get_spans(sentences, &out->n_sentences);
  const WnLayer *entities = wn_doc_get_layer(doc, "entities");
  out->entities = entities != NULL ? wn_layer_get_spans(entities, &out->n_entities) : NULL;
  if (entities == NULL)
    out->n_entities = 0;
  JsonNode *title = wn_doc_get_field(doc, "title");
  out->title = title != NULL && JSON_NODE_HOLDS_VALUE(title) &&
                       json_node_get_value_type(title) == G_TYPE_STRING
                   ? json_node_get_string(title)
                   : NULL;
  return TRUE;
}

static gboolean
summarize_process(gpointer state, WnDoc *doc, GError **error)
{
  const State *s = state;
  WnSumDoc input = {0};
  if (!fill_doc(doc, &input, error))
    return FALSE;
  WnSumConfig config = s->config;
  config.language = doc_language(s, doc);
  g_autoptr(GArray) picks = wn_summarize(&config, &input, 1, NULL, error);
  if (picks == NULL)
    return FALSE;
  WnLayer *layer = wn_doc_add_layer(doc, "summary");
  wn_layer_reserve(layer, picks->len);
  for (guint k = 0; k < picks->len; k++) {
    const WnSumPick *p = &g_array_index(picks, WnSumPick, k);
    wn_layer_append(layer, p->start, p->end, NULL, p->score);
  }
  return TRUE;
}

/* Offsets in the group record are code points, like the core's default output. */
static JsonNode *
pick_to_json(const WnSumDoc *doc, const WnSumPick *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new();
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "id");
  json_builder_add_string_value(b, doc->id);
  json_builder_set_member_name(b, "start");
  json_builder_add_int_value(b, g_utf8_pointer_to_offset(doc->text, doc->text + p->start));
  json_builder_set_member_name(b, "end");
  json_builder_add_int_value(b, g_utf8_pointer_to_offset(doc->text, doc->text + p->end));
  json_builder_set_member_name(b, "text");
  g_autofree char *text = g_strndup(doc->text + p->start, p->end - p->start);
  json_builder_add_string_value(b, text);
  json_builder_set_member_name(b, "score");
  json_builder_add_double_value(b, p->score);
  json_builder_end_object(b);
  return json_builder_get_root(b);
}

static gboolean
summarize_process_group(gpointer state, WnGroup *group, GError **error)
{
  const State *s = state;
  if (!s->group)
    return TRUE;
  const guint n = wn_group_get_n_docs(group);
  if (n == 0)
    return TRUE;
  g_autofree WnSumDoc *inputs = g_new0(WnSumDoc, n);
  for (guint i = 0; i < n; i++)
    if (!fill_doc(wn_group_get_doc(group, i), &inputs[i], error)) {
      g_prefix_error(error, "group %s: ", wn_group_get_key(group));
      return FALSE;
    }
  WnSumConfig config = s->config;
  config.language = doc_language(s, wn_group_get_doc(group, 0));
  g_autoptr(GArray) picks = wn_summarize(&config, inputs, n, NULL, error);
  if (picks == NULL) {
    g_prefix_error(error, "group %s: ", wn_group_get_key(group));
    return FALSE;
  }
  JsonArray *array = json_array_sized_new(picks->len);
  for (guint k = 0; k < picks->len; k++) {
    const WnSumPick *p = &g_array_index(picks, WnSumPick, k);
    json_array_add_element(array, pick_to_json(&inputs[p->doc], p));
  }
  JsonNode *node = json_node_new(JSON_NODE_ARRAY);
  json_node_take_array(node, array);
  wn_group_set_field(group, "summary", node);
  return TRUE;
}

WN_STAGE_DEFINE(.name = "summarize", .version = "1.0.0",
                .summary = "Extractive summaries of documents and of groups of documents",
                .license = "MIT", .requires = WN_LAYERS("sentences"),
                .provides = WN_LAYERS("summary"), .options = options, .flags = WN_STAGE_THREAD_SAFE,
                .init = summarize_init, .process = summarize_process,
                .process_group = summarize_process_group, .finalize = summarize_finalize)
