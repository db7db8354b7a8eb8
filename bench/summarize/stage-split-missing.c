/* stage-split-missing.c: stands in for stage-split.c while the core cannot run
 * pipelines yet (no core/pipeline.c): --splitter stage then says so. */
#include "corpus.h"

#include <winnow/error.h>

gboolean
bench_split_stage(GPtrArray *clusters, GError **error)
{
  g_set_error(error, WN_ERROR, WN_ERROR_FAILED,
              "--splitter stage needs the core's pipeline runner; rebuild once core/pipeline.c "
              "exists, or use --splitter simple");
  return FALSE;
}
