/* misuse.c: a test stage whose init() asks for an option it does not have,
 * a programming error the core reports with g_critical. */
#include <winnow/winnow.h>

static const WnOptionSpec options[] = {
    {.name = "size", .type = WN_OPTION_INT, .default_value = "3", .help = "A size"},
    {0},
};

static gboolean
misuse_init(const WnOptions *opts, gpointer *state, GError **error)
{
  /* Wrong type for "size". */
  *state = GSIZE_TO_POINTER((gsize)(wn_options_get_string(opts, "size") != NULL));
  return TRUE;
}

static gboolean
misuse_process(gpointer state, WnDoc *doc, GError **error)
{
  return TRUE;
}

WN_STAGE_DEFINE(.name = "misuse", .version = "0.1", .summary = "Misuses the options API (test)",
                .license = "MIT", .options = options, .init = misuse_init,
                .process = misuse_process)
