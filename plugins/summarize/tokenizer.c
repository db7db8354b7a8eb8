/* tokenizer.c: turns sentence text into ids of stemmed content words.
 *
 * Words are runs of Unicode letters and digits, lower-cased; stopwords and
 * one-byte words are dropped; the rest go through the language's Snowball
 * stemmer (libstemmer), and each distinct stem gets a small id for the call.
 *
 * Speed matters here (tokenising is most of the stage's time), so a cache of
 * word -> stem lives across calls (news repeats its vocabulary from article to
 * article, so most words are stemmed once), in an open-addressing table whose
 * slots hold short keys inline (one cache miss per word); a call turns the
 * cache's stem ids into its own small ids through stamped arrays, with nothing
 * to clear between calls. libstemmer's stemmers are not thread-safe: each
 * cache has its own stemmer, and a cache is borrowed from a pool by one call at
 * a time (see WnSumCachePool), so no stemmer is ever shared between threads. */
#include "summarize.h"

#include <libstemmer.h>
#include <string.h>

#define STOP_ID G_MAXUINT
#define NO_VALUE G_MAXUINT32
/* The thread cache starts over when it holds this many words. */
#define CACHE_MAX_WORDS (1u << 17)
/* Longer "words" (URLs, base64, tables gone wrong) carry no meaning: skipped. */
#define MAX_WORD_BYTES 64
/* Keys up to this long live inside their slot: one cache miss per lookup. */
#define INLINE_KEY 16

/* ---- an open-addressing map from short byte strings to a 32-bit value ---- */

typedef struct {
  guint32 hash; /* 0 = empty slot */
  guint32 value;
  guint32 key_off; /* in the arena, when key_len > INLINE_KEY */
  guint8 key_len;
  guint8 pad[3];
  char key[INLINE_KEY];
} Slot; /* 32 bytes */

typedef struct {
  Slot *slots;
  guint mask;
  guint used;
  GByteArray *arena;
} StrMap;

static void
strmap_init(StrMap *m, guint capacity)
{
  m->slots = g_new0(Slot, capacity);
  m->mask = capacity - 1;
  m->used = 0;
  m->arena = g_byte_array_new();
}

static void
strmap_clear(StrMap *m)
{
  g_free(m->slots);
  if (m->arena != NULL)
    g_byte_array_free(m->arena, TRUE);
  memset(m, 0, sizeof *m);
}

static guint32
hash_bytes(const char *s, gsize len)
{
  guint32 h = 2166136261u;
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar)s[i]) * 16777619u;
  return h | 1; /* never 0, which marks empty slots */
}

/* The home slot: well-mixed high bits (the low bit of a stored hash is forced). */
static inline guint
slot_index(guint32 h, guint mask)
{
  return (guint)(((guint64)h * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

static inline const char *
slot_key(const StrMap *m, const Slot *s)
{
  return s->key_len <= INLINE_KEY ? s->key : (const char *)m->arena->data + s->key_off;
}

static void
strmap_grow(StrMap *m)
{
  Slot *old = m->slots;
  const guint old_cap = m->mask + 1;
  m->slots = g_new0(Slot, old_cap * 2);
  m->mask = old_cap * 2 - 1;
  for (guint i = 0; i < old_cap; i++)
    if (old[i].hash != 0) {
      guint k = slot_index(old[i].hash, m->mask);
      while (m->slots[k].hash != 0)
        k = (k + 1) & m->mask;
      m->slots[k] = old[i];
    }
  g_free(old);
}

/* Words are short: a plain loop beats a call to memcmp. */
static inline gboolean
keys_equal(const char *a, const char *b, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (a[i] != b[i])
      return FALSE;
  return TRUE;
}

/* The slot of `key` (at most MAX_WORD_BYTES long), or NULL. */
static Slot *
strmap_find(const StrMap *m, const char *key, gsize len, guint32 h)
{
  guint k = slot_index(h, m->mask);
  for (;;) {
    Slot *s = &m->slots[k];
    if (s->hash == 0)
      return NULL;
    if (s->hash == h && s->key_len == len && keys_equal(slot_key(m, s), key, len))
      return s;
    k = (k + 1) & m->mask;
  }
}

/* Two inline keys of INLINE_KEY bytes, zero-padded, compared whole. */
static inline gboolean
padded_keys_equal(const char *a, const char *b)
{
  guint64 a0, a1, b0, b1;
  memcpy(&a0, a, 8);
  memcpy(&a1, a + 8, 8);
  memcpy(&b0, b, 8);
  memcpy(&b1, b + 8, 8);
  return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

/* strmap_find for a key whose buffer is zero-padded to at least INLINE_KEY
 * bytes: inline keys (zero-padded in their slots too, as slots start zeroed)
 * are compared as two 64-bit words, with no loop over the bytes. */
static inline Slot *
strmap_find_padded(const StrMap *m, const char *key, gsize len, guint32 h)
{
  if (len > INLINE_KEY)
    return strmap_find(m, key, len, h);
  guint k = slot_index(h, m->mask);
  for (;;) {
    Slot *s = &m->slots[k];
    if (s->hash == 0)
      return NULL;
    if (s->hash == h && s->key_len == len && padded_keys_equal(s->key, key))
      return s;
    k = (k + 1) & m->mask;
  }
}

/* Adds `key` (known to be absent) and returns its slot. */
static Slot *
strmap_add(StrMap *m, const char *key, gsize len, guint32 h)
{
  if ((m->used + 1) * 2 > m->mask + 1)
    strmap_grow(m);
  guint k = slot_index(h, m->mask);
  while (m->slots[k].hash != 0)
    k = (k + 1) & m->mask;
  Slot *s = &m->slots[k];
  s->hash = h;
  s->key_len = (guint8)len;
  s->value = NO_VALUE;
  if (len <= INLINE_KEY) {
    memcpy(s->key, key, len);
  } else {
    s->key_off = m->arena->len;
    g_byte_array_append(m->arena, (const guint8 *)key, (guint)len);
  }
  m->used++;
  return s;
}

/* ---- the word caches ---- */

static const struct {
  const char *code;
  const char *algorithm;
} languages[] = {{"en", "english"}, {"fr", "french"}, {"de", "german"}, {"es", "spanish"}};

/* One per language, used by one call at a time. Stem ids are the cache's; a call maps them to
 * its own small ids through call_id[], valid when call_stamp[] holds the
 * call's stamp (so nothing is cleared between calls). */
typedef struct {
  struct sb_stemmer *stemmer;
  StrMap words;       /* lower-cased word -> thread stem id, or NO_VALUE for a stopword */
  StrMap stems;       /* stem -> thread stem id */
  GArray *call_id;    /* thread stem id -> id in the current call */
  GArray *call_stamp; /* thread stem id -> stamp of the call that set call_id */
  guint32 stamp;
  guint32 *terms; /* the borrowing call's table of call id -> thread stem id, kept
                   * between calls (a fresh one per call cost a malloc of a few KB) */
  guint terms_cap;
} ThreadCache;

static void
thread_cache_reset(ThreadCache *tc)
{
  strmap_clear(&tc->words);
  strmap_clear(&tc->stems);
  strmap_init(&tc->words, 4096);
  strmap_init(&tc->stems, 4096);
  g_array_set_size(tc->call_id, 0);
  g_array_set_size(tc->call_stamp, 0);
}

static void
thread_cache_free(gpointer data)
{
  ThreadCache *tc = data;
  if (tc == NULL)
    return;
  if (tc->stemmer != NULL)
    sb_stemmer_delete(tc->stemmer);
  strmap_clear(&tc->words);
  strmap_clear(&tc->stems);
  g_array_free(tc->call_id, TRUE);
  g_array_free(tc->call_stamp, TRUE);
  g_free(tc->terms);
  g_free(tc);
}

/* A pool of caches, so a call borrows one that no other call is using (each
 * cache, stemmer included, is used by one thread at a time) and returns it
 * warm for the next document. A pool rather than thread-local storage: a stage
 * module may be unloaded and loaded again, and thread-local keys would leak
 * each time. */
struct _WnSumCachePool {
  GMutex lock;
  GPtrArray *free[G_N_ELEMENTS(languages)]; /* idle caches per language */
};

WnSumCachePool *
wn_sum_cache_pool_new(void)
{
  WnSumCachePool *pool = g_new0(WnSumCachePool, 1);
  g_mutex_init(&pool->lock);
  for (guint i = 0; i < G_N_ELEMENTS(languages); i++)
    pool->free[i] = g_ptr_array_new_with_free_func(thread_cache_free);
  return pool;
}

void
wn_sum_cache_pool_free(WnSumCachePool *pool)
{
  if (pool == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS(languages); i++)
    g_ptr_array_free(pool->free[i], TRUE);
  g_mutex_clear(&pool->lock);
  g_free(pool);
}

static ThreadCache *
cache_borrow(WnSumCachePool *pool, guint lang)
{
  ThreadCache *tc = NULL;
  if (pool != NULL) {
    g_mutex_lock(&pool->lock);
    if (pool->free[lang]->len > 0)
      tc = g_ptr_array_steal_index_fast(pool->free[lang], pool->free[lang]->len - 1);
    g_mutex_unlock(&pool->lock);
  }
  if (tc == NULL) {
    tc = g_new0(ThreadCache, 1);
    tc->stemmer = sb_stemmer_new(languages[lang].algorithm, "UTF_8");
    tc->call_id = g_array_new(FALSE, FALSE, sizeof(guint32));
    tc->call_stamp = g_array_new(FALSE, TRUE, sizeof(guint32));
    tc->terms_cap = 1024;
    tc->terms = g_new(guint32, tc->terms_cap);
    thread_cache_reset(tc);
  } else if (tc->words.used >= CACHE_MAX_WORDS || tc->stamp == G_MAXUINT32) {
    /* Bounded memory: start over rather than grow without end. */
    thread_cache_reset(tc);
    tc->stamp = 0;
  }
  tc->stamp++;
  return tc;
}

static void
cache_return(WnSumCachePool *pool, guint lang, ThreadCache *tc)
{
  if (pool == NULL) {
    thread_cache_free(tc);
    return;
  }
  g_mutex_lock(&pool->lock);
  g_ptr_array_add(pool->free[lang], tc);
  g_mutex_unlock(&pool->lock);
}

/* ---- the tokenizer ---- */

struct _WnSumTokenizer {
  guint lang;
  char code[4];
  ThreadCache *cache; /* borrowed for this call */
  WnSumCachePool *pool;
  guint32 *terms; /* call id -> thread stem id (a plain buffer: one append per new term) */
  guint n_terms, terms_cap;
  char word[MAX_WORD_BYTES + 8]; /* the current word, lower-cased, NUL-terminated */
  gsize word_len;
};

WnSumTokenizer *
wn_sum_tokenizer_new(const char *language, WnSumCachePool *pool)
{
  WnSumTokenizer *tok = g_new0(WnSumTokenizer, 1);
  tok->lang = 0;
  for (guint i = 0; i < G_N_ELEMENTS(languages); i++)
    if (g_strcmp0(language, languages[i].code) == 0)
      tok->lang = i;
  g_strlcpy(tok->code, languages[tok->lang].code, sizeof tok->code);
  tok->pool = pool;
  tok->cache = cache_borrow(pool, tok->lang);
  tok->terms = tok->cache->terms; /* the cache's, handed back on free */
  tok->terms_cap = tok->cache->terms_cap;
  return tok;
}

void
wn_sum_tokenizer_free(WnSumTokenizer *tok)
{
  if (tok == NULL)
    return;
  tok->cache->terms = tok->terms;
  tok->cache->terms_cap = tok->terms_cap;
  cache_return(tok->pool, tok->lang, tok->cache);
  g_free(tok);
}

/* The thread stem id of the lower-cased word in tok->word (zero-padded to
 * INLINE_KEY bytes, NUL-terminated) whose hash_bytes() is `h`, stemming it on
 * first sight; NO_VALUE for a stopword. */
static guint32
thread_stem_id(WnSumTokenizer *tok, guint32 h)
{
  ThreadCache *tc = tok->cache;
  const char *word = tok->word;
  const gsize len = tok->word_len;
  Slot *s = strmap_find_padded(&tc->words, word, len, h);
  if (s != NULL)
    return s->value;
  guint32 id = NO_VALUE;
  if (len > 1 && !wn_sum_is_stopword(tok->code, word)) {
    const char *stem = word;
    gsize n = len;
    const sb_symbol *st = tc->stemmer != NULL
                              ? sb_stemmer_stem(tc->stemmer, (const sb_symbol *)word, (int)len)
                              : NULL;
    if (st != NULL && sb_stemmer_length(tc->stemmer) > 0) {
      stem = (const char *)st;
      n = MIN((gsize)sb_stemmer_length(tc->stemmer), (gsize)MAX_WORD_BYTES);
    }
    const guint32 sh = hash_bytes(stem, n);
    Slot *ss = strmap_find(&tc->stems, stem, n, sh);
    if (ss == NULL) {
      ss = strmap_add(&tc->stems, stem, n, sh);
      ss->value = tc->call_id->len;
      const guint32 zero = 0;
      g_array_append_val(tc->call_id, zero);
      g_array_append_val(tc->call_stamp, zero);
    }
    id = ss->value;
  }
  /* The stem was added first: the word's slot pointer is taken after. */
  strmap_add(&tc->words, word, len, h)->value = id;
  return id;
}

/* Writes the call id of the word in tok->word (hash `h`) to *out; FALSE for
 * a stopword. */
static gboolean
end_word(WnSumTokenizer *tok, guint32 h, guint *out)
{
  tok->word[tok->word_len] = '\0';
  const guint32 tid = thread_stem_id(tok, h);
  if (tid == NO_VALUE)
    return FALSE;
  ThreadCache *tc = tok->cache;
  guint32 *stamp = &g_array_index(tc->call_stamp, guint32, tid);
  guint32 *cid = &g_array_index(tc->call_id, guint32, tid);
  if (*stamp != tc->stamp) {
    *stamp = tc->stamp;
    if (tok->n_terms == tok->terms_cap) {
      tok->terms_cap *= 2;
      tok->terms = g_renew(guint32, tok->terms, tok->terms_cap);
    }
    *cid = tok->n_terms;
    tok->terms[tok->n_terms++] = tid;
  }
  *out = *cid;
  return TRUE;
}

/* The character at text[i] (i < len): its code point, or (gunichar)-1 when
 * the bytes are not valid UTF-8 (then *next = i + 1). */
static inline gunichar
char_at(const char *text, gsize len, gsize i, gsize *next)
{
  const guchar c = (guchar)text[i];
  if (c < 0x80) {
    *next = i + 1;
    return c;
  }
  const gunichar u = g_utf8_get_char_validated(text + i, (gssize)(len - i));
  if (u == (gunichar)-1 || u == (gunichar)-2) {
    *next = i + 1;
    return (gunichar)-1;
  }
  *next = (gsize)(g_utf8_next_char(text + i) - text);
  return u;
}

/* TRUE when the code point is a letter or digit (never for (gunichar)-1). */
static inline gboolean
is_alnum(gunichar u)
{
  return u < 0x80 ? g_ascii_isalnum((int)u) : u != (gunichar)-1 && g_unichar_isalnum(u);
}

/* ASCII letters and digits map to themselves lower-cased, every other byte
 * (bytes of 0x80 and above included) to 0: one lookup per byte of a word. */
#define LOWER_ALNUM(c)                                                                             \
  ((c) >= 'A' && (c) <= 'Z'                                   ? (c) + 32                           \
   : ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') ? (c)                                \
                                                              : 0)
#define LOWER_ALNUM4(c) LOWER_ALNUM(c), LOWER_ALNUM(c + 1), LOWER_ALNUM(c + 2), LOWER_ALNUM(c + 3)
#define LOWER_ALNUM16(c)                                                                           \
  LOWER_ALNUM4(c), LOWER_ALNUM4(c + 4), LOWER_ALNUM4(c + 8), LOWER_ALNUM4(c + 12)
#define LOWER_ALNUM64(c)                                                                           \
  LOWER_ALNUM16(c), LOWER_ALNUM16(c + 16), LOWER_ALNUM16(c + 32), LOWER_ALNUM16(c + 48)
static const guint8 lower_alnum[256] = {LOWER_ALNUM64(0), LOWER_ALNUM64(64)};

/* The words cache's hash of a word of `len` bytes in a buffer zero-padded to
 * INLINE_KEY: two 64-bit multiplies for a short word rather than a multiply
 * per byte (the stems cache keeps hash_bytes; each map uses one function). */
static inline guint32
hash_word(const char *word, gsize len)
{
  if (len > INLINE_KEY)
    return hash_bytes(word, len);
  guint64 a0, a1;
  memcpy(&a0, word, 8);
  memcpy(&a1, word + 8, 8);
  guint64 x = a0 * 0x9E3779B97F4A7C15ull ^ (a1 + len) * 0xC2B2AE3D27D4EB4Full;
  x ^= x >> 29;
  return (guint32)(x >> 32) | 1; /* never 0, which marks empty slots */
}

guint
wn_sum_tokenizer_add(WnSumTokenizer *tok, const char *text, gsize len, GArray *ids, guint *n_words)
{
  const guchar *bytes = (const guchar *)text;
  guint n_tokens = 0, words = 0;
  gboolean in_space = TRUE; /* before a whitespace-separated word */
  gsize i = 0;
  /* Every id stands for a word of at least two bytes plus the byte that ends
   * it, so len / 2 + 1 slots are enough: ids are written in place, with no
   * append call per word. */
  const guint first = ids->len;
  g_array_set_size(ids, first + (guint)(len / 2 + 1));
  guint *out = &g_array_index(ids, guint, first);
  guint n_ids = 0;
  /* The word is built in locals (a store through tok->word could alias
   * tok->word_len and force a reload per byte). */
  char *const word = tok->word;
  while (i < len) {
    gsize next = i + 1;
    gunichar u = bytes[i];
    if (u < 0x80) {
      const guint16 f = g_ascii_table[u];
      const gboolean space = (f & G_ASCII_SPACE) != 0;
      words += in_space && !space;
      in_space = space;
      if ((f & G_ASCII_ALNUM) == 0) {
        i++;
        continue;
      }
    } else {
      u = char_at(text, len, i, &next);
      words += in_space;
      in_space = FALSE;
      if (!is_alnum(u)) {
        i = next;
        continue;
      }
    }
    /* A run of letters and digits: lower-case it into the word buffer, zeroed
     * first up to INLINE_KEY for the cache's padded compare and hash. */
    memset(word, 0, INLINE_KEY);
    gsize wl = 0;
    gboolean too_long = FALSE;
    for (;;) {
      if (u < 0x80) {
        /* ASCII letters and digits, the bulk of a word, in a tight loop. */
        guint8 b = lower_alnum[u];
        do {
          if (wl < MAX_WORD_BYTES)
            word[wl++] = (char)b;
          else
            too_long = TRUE;
          i++;
        } while (i < len && (b = lower_alnum[bytes[i]]) != 0);
        if (i >= len || bytes[i] < 0x80)
          break;
        /* A byte of 0x80 or above: a character that may go on the word. */
        u = char_at(text, len, i, &next);
        if (!is_alnum(u))
          break;
        continue;
      }
      char utf8[8];
      const gint n = g_unichar_to_utf8(g_unichar_tolower(u), utf8);
      if (wl + (gsize)n <= MAX_WORD_BYTES) {
        memcpy(word + wl, utf8, (gsize)n);
        wl += (gsize)n;
      } else {
        too_long = TRUE;
      }
      i = next;
      if (i >= len)
        break;
      u = bytes[i];
      if (u < 0x80) {
        if (!g_ascii_isalnum((int)u))
          break;
        next = i + 1;
      } else {
        u = char_at(text, len, i, &next);
        if (!is_alnum(u))
          break;
      }
    }
    n_tokens++;
    if (!too_long) {
      tok->word_len = wl;
      n_ids += end_word(tok, hash_word(word, wl), &out[n_ids]);
    }
    /* in_space stays FALSE: the run was not whitespace. */
  }
  g_array_set_size(ids, first + n_ids);
  if (n_words != NULL)
    *n_words = words;
  return n_tokens;
}

guint
wn_sum_tokenizer_n_terms(const WnSumTokenizer *tok)
{
  return tok->n_terms;
}

char *
wn_sum_tokenizer_term(const WnSumTokenizer *tok, guint id)
{
  if (id >= tok->n_terms)
    return NULL;
  const guint32 tid = tok->terms[id];
  const StrMap *m = &tok->cache->stems;
  for (guint k = 0; k <= m->mask; k++)
    if (m->slots[k].hash != 0 && m->slots[k].value == tid)
      return g_strndup(slot_key(m, &m->slots[k]), m->slots[k].key_len);
  return NULL;
}
