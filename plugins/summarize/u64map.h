/* u64map.h: a small open-addressing map from 64-bit keys to 32-bit values,
 * for the summarizer's per-call sets (exact duplicates, chosen word runs):
 * no allocation per entry, unlike a GHashTable of boxed keys. */
#pragma once

#include <glib.h>

typedef struct {
  guint64 *keys; /* 0 = empty; key 0 is stored as 1 */
  guint32 *values;
  guint mask;
  guint used;
} WnU64Map;

void wn_u64map_init(WnU64Map *m, guint expected);
void wn_u64map_clear(WnU64Map *m);
/* The value of `key`, or G_MAXUINT32 when absent. */
guint32 wn_u64map_get(const WnU64Map *m, guint64 key);
/* Sets `key` to `value` unless it is there already; returns the stored value. */
guint32 wn_u64map_put(WnU64Map *m, guint64 key, guint32 value);
