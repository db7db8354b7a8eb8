/* dup_a.c: one of two test stage files declaring the same name "dup". */
#include <winnow/winnow.h>

static gboolean
dup_process(gpointer state, WnDoc *doc, GError **error)
{
  return TRUE;
}

WN_STAGE_DEFINE(.name = "dup", .version = "0.1", .summary = "Same name as another (test)",
                .license = "MIT", .process = dup_process)
