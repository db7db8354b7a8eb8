/* u64map.c: the open-addressing map of u64map.h (linear probing, load <= 1/2). */
#include "u64map.h"

#include <string.h>

static inline guint64
fix_key(guint64 key)
{
  return key != 0 ? key : 1;
}

static inline guint
home(guint64 key, guint mask)
{
  return (guint)((key * 0x9E3779B97F4A7C15ull) >> 40) & mask;
}

void
wn_u64map_init(WnU64Map *m, guint expected)
{
  guint cap = 16;
  while (cap < expected * 2 && cap < (1u << 30))
    cap *= 2;
  m->keys = g_new(guint64, cap);
  memset(m->keys, 0, cap * sizeof(guint64));
  m->values = g_new(guint32, cap);
  m->mask = cap - 1;
  m->used = 0;
}

void
wn_u64map_clear(WnU64Map *m)
{
  g_free(m->keys);
  g_free(m->values);
  m->keys = NULL;
  m->values = NULL;
  m->mask = m->used = 0;
}

guint32
wn_u64map_get(const WnU64Map *m, guint64 key)
{
  key = fix_key(key);
  for (guint k = home(key, m->mask);; k = (k + 1) & m->mask) {
    if (m->keys[k] == 0)
      return G_MAXUINT32;
    if (m->keys[k] == key)
      return m->values[k];
  }
}

static void
grow(WnU64Map *m)
{
  const guint old_cap = m->mask + 1;
  guint64 *keys = m->keys;
  guint32 *values = m->values;
  m->keys = g_new0(guint64, old_cap * 2);
  m->values = g_new(guint32, old_cap * 2);
  m->mask = old_cap * 2 - 1;
  for (guint i = 0; i < old_cap; i++)
    if (keys[i] != 0) {
      guint k = home(keys[i], m->mask);
      while (m->keys[k] != 0)
        k = (k + 1) & m->mask;
      m->keys[k] = keys[i];
      m->values[k] = values[i];
    }
  g_free(keys);
  g_free(values);
}

guint32
wn_u64map_put(WnU64Map *m, guint64 key, guint32 value)
{
  if ((m->used + 1) * 2 > m->mask + 1)
    grow(m);
  key = fix_key(key);
  guint k = home(key, m->mask);
  for (; m->keys[k] != 0; k = (k + 1) & m->mask)
    if (m->keys[k] == key)
      return m->values[k];
  m->keys[k] = key;
  m->values[k] = value;
  m->used++;
  return value;
}
