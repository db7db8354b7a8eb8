/* initfail.c: a test stage whose init() fails, as a stage whose model file is
 * missing would. */
#include <winnow/winnow.h>

static const WnOptionSpec options[] = {
    {.name = "model",
     .type = WN_OPTION_PATH,
     .default_value = "missing-model.bin",
     .help = "The model file"},
    {0},
};

static gboolean
initfail_init(const WnOptions *opts, gpointer *state, GError **error)
{
  g_set_error(error, WN_ERROR, WN_ERROR_MODEL, "cannot open model %s: no such file",
              wn_options_get_path(opts, "model"));
  return FALSE;
}

static gboolean
initfail_process(gpointer state, WnDoc *doc, GError **error)
{
  return TRUE;
}

WN_STAGE_DEFINE(.name = "initfail", .version = "0.1", .summary = "Never starts (test)",
                .license = "MIT", .options = options, .init = initfail_init,
                .process = initfail_process)
