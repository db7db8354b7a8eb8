/* error.c: the WN_ERROR domain. */
#include <winnow/error.h>

G_DEFINE_QUARK(wn - error - quark, wn_error)
