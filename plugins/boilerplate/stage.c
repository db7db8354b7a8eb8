/* stage.c: the "boilerplate" stage: option table and glue between the winnow
 * core and the extractor (bp.h). Replaces each document's text by its main
 * content, records "title" (and "language" when guessed) and sets the media
 * type to text/plain. */
#include "bp.h"

#include <winnow/winnow.h>

static const char *const language_choices[] = {"auto", "en", "fr", "de", "es",
                                               "pt",   "it", "nl", NULL};
static const char *const favor_choices[] = {"precision", "balanced", "recall", NULL};

static const WnOptionSpec options[] = {
    {.name = "language",
     .type = WN_OPTION_STRING,
     .default_value = "auto",
     .choices = language_choices,
     .help = "Stopword language (en, fr, de, es, pt, it, nl) or auto to guess per document"},
    {.name = "keep_title",
     .type = WN_OPTION_BOOL,
     .default_value = "true",
     .help = "Start the text with the title found (it always goes into the \"title\" field)"},
    {.name = "favor",
     .type = WN_OPTION_STRING,
     .default_value = "balanced",
     .choices = favor_choices,
     .help = "precision drops doubtful blocks, recall keeps them"},
    {.name = "min_paragraph_words",
     .type = WN_OPTION_INT,
     .default_value = "5",
     .min = 1,
     .max = 200,
     .help = "Blocks with fewer words count as short and stay only inside the article"},
    {.name = NULL}};

static gboolean
bp_init(const WnOptions *opts, gpointer *state, GError **error)
{
  WnBpConfig *cfg = g_new0(WnBpConfig, 1);
  wn_bp_config_init(cfg);
  /* The core checked the choices; the fallbacks only guard a core bug. */
  if (!wn_bp_lang_from_code(wn_options_get_string(opts, "language"), &cfg->language))
    cfg->language = WN_BP_LANG_AUTO;
  cfg->keep_title = wn_options_get_bool(opts, "keep_title");
  const char *favor = wn_options_get_string(opts, "favor");
  cfg->favor = g_strcmp0(favor, "precision") == 0 ? WN_BP_FAVOR_PRECISION
               : g_strcmp0(favor, "recall") == 0  ? WN_BP_FAVOR_RECALL
                                                  : WN_BP_FAVOR_BALANCED;
  cfg->min_paragraph_words = (int)wn_options_get_int(opts, "min_paragraph_words");
  /* libxml2 must be initialised once, before threads parse. */
  wn_bp_html_global_init();
  *state = cfg;
  return TRUE;
}

static gboolean
bp_process(gpointer state, WnDoc *doc, GError **error)
{
  const WnBpConfig *cfg = state;
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  WnBpResult res;
  g_autoptr(GError) local = NULL;
  if (!wn_bp_extract(text, len, wn_doc_get_media_type(doc), cfg, &res, &local)) {
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE, "boilerplate: document %s: %s",
                wn_doc_get_id(doc) ? wn_doc_get_id(doc) : "(no id)", local->message);
    return FALSE;
  }
  wn_doc_set_text(doc, res.text ? res.text : "", -1);
  if (res.title && *res.title)
    wn_doc_set_string_field(doc, "title", res.title);
  /* "und" (BCP 47: undetermined) when none of our lists fits the page. */
  if (cfg->language == WN_BP_LANG_AUTO)
    wn_doc_set_string_field(
        doc, "language", res.language == WN_BP_LANG_AUTO ? "und" : wn_bp_lang_code(res.language));
  wn_doc_set_media_type(doc, WN_MEDIA_TYPE_TEXT);
  wn_bp_result_clear(&res);
  return TRUE;
}

static void
bp_finalize(gpointer state)
{
  g_free(state);
}

WN_STAGE_DEFINE(.name = "boilerplate", .version = "1.0.0",
                .summary = "Keeps a page's article (HTML or flattened text), drops menus, "
                           "cookie banners, link lists and the rest",
                .license = "MIT", .options = options,
                .flags = WN_STAGE_THREAD_SAFE | WN_STAGE_REPLACES_TEXT, .init = bp_init,
                .process = bp_process, .finalize = bp_finalize)
