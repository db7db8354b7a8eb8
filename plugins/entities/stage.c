/* stage.c: the entities stage: option table and WN_STAGE_DEFINE glue around the
 * tagger (ent.h). Requires `sentences` and `tokens`, provides `entities`.
 *
 * The state (model, gazetteers, options) is built once in init() and only read
 * afterwards; each process() call builds its own token view of the document, so
 * the stage is thread-safe. */
#include "ent.h"

#include <string.h>

static const WnOptionSpec options[] = {
    {.name = "model",
     .type = WN_OPTION_PATH,
     .default_value = "${plugindir}/entities-data/entities.model",
     .help = "Model file written by winnow-train-entities"},
    {.name = "labels",
     .type = WN_OPTION_STRING_LIST,
     .default_value = "PERSON,ORG,LOC,NORP,DATE,TIME,MONEY,PERCENT,EMAIL,URL",
     .help = "Labels to emit (PERSON, ORG, LOC, NORP, DATE, TIME, MONEY, PERCENT, EMAIL, URL, "
             "or a label of your own gazetteers)"},
    {.name = "gazetteers",
     .type = WN_OPTION_PATH_LIST,
     .default_value = "",
     .help = "Extra name lists: TSV files of \"phrase<TAB>label\" lines; matches get that "
             "label. Relative paths are taken from the pipeline file's folder"},
    {.name = "min_score",
     .type = WN_OPTION_DOUBLE,
     .default_value = "0",
     .min = 0,
     .max = 1,
     .help = "Drop entities whose confidence is below this (0..1)"},
    {.name = "consistency",
     .type = WN_OPTION_BOOL,
     .default_value = "true",
     .help = "Document-level rules: later surname mentions, acronyms defined in parentheses, "
             "one label per name, wire-copy tables and headlines, organisations known from "
             "what the document says of them"},
    {.name = NULL}};

static gboolean
entities_init(const WnOptions *opts, gpointer *state, GError **error)
{
  g_autoptr(WnEntTagger) tagger = g_new0(WnEntTagger, 1);
  const char *model_path = wn_options_get_path(opts, "model");
  if (model_path == NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_MODEL, "entities: no model file given");
    return FALSE;
  }
  tagger->model = wn_ent_model_load(model_path, error);
  if (tagger->model == NULL)
    return FALSE;
  tagger->gaz = wn_gazetteer_new();
  g_autofree char *data_dir =
      g_build_filename(wn_options_get_plugin_dir(opts), "entities-data", NULL);
  if (!wn_gazetteer_load_default(tagger->gaz, data_dir, error))
    return FALSE;
  const char *const *extra = wn_options_get_paths(opts, "gazetteers");
  for (guint i = 0; extra[i] != NULL; i++)
    if (!wn_gazetteer_load_tsv(tagger->gaz, extra[i], 0, TRUE, error))
      return FALSE;

  /* Labels: the built-in ones, plus any label a user list brings. */
  const char *const *labels = wn_options_get_strv(opts, "labels");
  if (wn_options_is_set(opts, "labels")) {
    tagger->labels = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; labels[i] != NULL; i++)
      g_hash_table_add(tagger->labels, (gpointer)g_intern_string(labels[i]));
  }
  tagger->min_score = wn_options_get_double(opts, "min_score");
  tagger->consistency = wn_options_get_bool(opts, "consistency");
  *state = g_steal_pointer(&tagger);
  return TRUE;
}

static gboolean
entities_process(gpointer state, WnDoc *doc, GError **error)
{
  const WnEntTagger *tagger = state;
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  g_autoptr(WnEntDoc) ed = wn_ent_doc_new(text, len);
  const WnLayer *sl = wn_doc_get_layer(doc, "sentences");
  const WnLayer *tl = wn_doc_get_layer(doc, "tokens");
  if (sl != NULL && tl != NULL) {
    gsize n_sents = 0, n_toks = 0;
    const WnSpan *sents = wn_layer_get_spans(sl, &n_sents);
    const WnSpan *toks = wn_layer_get_spans(tl, &n_toks);
    gsize t = 0;
    gsize last_end = 0;
    /* Filled in place (the array is sized for every token and cut to those
     * kept), not appended one by one: this loop runs for every token. */
    g_array_set_size(ed->toks, n_toks);
    WnEntTok *et = (WnEntTok *)ed->toks->data;
    guint k = 0;
    for (gsize s = 0; s < n_sents; s++) {
      guint sent_first = k;
      /* Tokens before this sentence (outside any sentence) are skipped. */
      while (t < n_toks && toks[t].start < sents[s].start)
        t++;
      for (; t < n_toks && toks[t].end <= sents[s].end; t++) {
        /* Guard against malformed layers: offsets must increase and fit. */
        if (toks[t].start < last_end || toks[t].end > len || toks[t].end <= toks[t].start)
          continue;
        et[k++] = (WnEntTok){.start = toks[t].start, .end = toks[t].end};
        last_end = toks[t].end;
      }
      if (k > sent_first) {
        guint pair[2] = {sent_first, k};
        g_array_append_vals(ed->sents, pair, 1);
      }
    }
    g_array_set_size(ed->toks, k);
  } else {
    /* The sentences stage ran with tokens off: tokenize here. */
    wn_ent_simple_tokenize(ed);
  }
  wn_ent_doc_analyse(ed);

  g_autoptr(GArray) spans = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
  wn_ent_tagger_run(tagger, ed, spans);
  WnLayer *layer = wn_doc_add_layer(doc, "entities");
  wn_layer_reserve(layer, spans->len);
  /* Interned, so labels outlive this module even if it is unloaded; the
   * same few label pointers come back span after span, so the last one's
   * interned copy is reused. */
  const char *last_label = NULL, *last_interned = NULL;
  for (guint k = 0; k < spans->len; k++) {
    const WnEntSpan *s = &g_array_index(spans, WnEntSpan, k);
    if (s->label != last_label) {
      last_label = s->label;
      last_interned = g_intern_string(s->label);
    }
    wn_layer_append(layer, s->start, s->end, last_interned, s->score);
  }
  (void)error;
  return TRUE;
}

static void
entities_finalize(gpointer state)
{
  wn_ent_tagger_free(state);
}

WN_STAGE_DEFINE(.name = "entities", .version = "1.0.0",
                .summary = "Tags people, organisations, places, groups, dates, times, money, "
                           "percentages, e-mail addresses and URLs",
                .license = "MIT", .requires = WN_LAYERS("sentences", "tokens"),
                .provides = WN_LAYERS("entities"), .options = options,
                .flags = WN_STAGE_THREAD_SAFE, .init = entities_init, .process = entities_process,
                .finalize = entities_finalize)
