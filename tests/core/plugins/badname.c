/* badname.c: a test stage whose name breaks the naming rule. */
#include <winnow/winnow.h>

static gboolean
badname_process(gpointer state, WnDoc *doc, GError **error)
{
  return TRUE;
}

WN_STAGE_DEFINE(.name = "Bad Name", .version = "0.1", .summary = "Badly named (test)",
                .license = "MIT", .process = badname_process)
