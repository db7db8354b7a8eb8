/* noentry.c: a shared object that is not a stage: no entry symbol. */
#include <glib.h>

int noentry_answer(void);

int
noentry_answer(void)
{
  return 42;
}
