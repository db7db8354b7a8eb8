/* noprocess.c: a test stage missing a required field (process). */
#include <winnow/winnow.h>

WN_STAGE_DEFINE(.name = "noprocess", .version = "0.1", .summary = "Does nothing (test)",
                .license = "MIT")
