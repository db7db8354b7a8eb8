/* badabi.c: a test stage stamped with the next ABI major, which the core must
 * refuse before reading anything past the stamp. */
#include <winnow/winnow.h>

static gboolean
badabi_process(gpointer state, WnDoc *doc, GError **error)
{
  return TRUE;
}

static const WnStageInfo info = {.abi_major = WN_ABI_MAJOR + 1,
                                 .abi_minor = 0,
                                 .name = "badabi",
                                 .version = "9.0",
                                 .summary = "From the future (test)",
                                 .license = "MIT",
                                 .process = badabi_process};

WN_API const WnStageInfo *wn_stage_entry(void);

const WnStageInfo *
wn_stage_entry(void)
{
  return &info;
}
