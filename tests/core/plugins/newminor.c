/* newminor.c: a test stage built against a newer minor ABI than the core's. */
#include <winnow/winnow.h>

static gboolean
newminor_process(gpointer state, WnDoc *doc, GError **error)
{
  return TRUE;
}

static const WnStageInfo info = {.abi_major = WN_ABI_MAJOR,
                                 .abi_minor = WN_ABI_MINOR + 1,
                                 .name = "newminor",
                                 .version = "1.0",
                                 .summary = "Needs a newer core (test)",
                                 .license = "MIT",
                                 .process = newminor_process};

WN_API const WnStageInfo *wn_stage_entry(void);

const WnStageInfo *
wn_stage_entry(void)
{
  return &info;
}
