/* badtable.c: a test stage whose option table has a default outside its own
 * range, which the loader refuses before any init() runs. */
#include <winnow/winnow.h>

static const WnOptionSpec options[] = {
    {.name = "ratio",
     .type = WN_OPTION_DOUBLE,
     .default_value = "2.5",
     .min = 0,
     .max = 1,
     .help = "A ratio"},
    {0},
};

static gboolean
badtable_process(gpointer state, WnDoc *doc, GError **error)
{
  return TRUE;
}

WN_STAGE_DEFINE(.name = "badtable", .version = "0.1", .summary = "Bad option table (test)",
                .license = "MIT", .options = options, .process = badtable_process)
