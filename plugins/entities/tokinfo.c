/* tokinfo.c: the tagger's view of a document (tokens grouped in sentences) and
 * what it knows about each token: case flags and hashes of its forms. */
#include "ent.h"

#include <string.h>

#define FNV_PRIME 0x100000001b3ULL
#define FNV_BASIS 0xcbf29ce484222325ULL

const char *
wn_ent_model_type_label(int type)
{
  static const char *const labels[] = {"PERSON", "ORG", "LOC"};
  if (type < 0 || type >= WN_ENT_N_MODEL_TYPES)
    return NULL;
  return labels[type];
}

guint64
wn_ent_hash_bytes(const char *s, gsize len)
{
  guint64 h = FNV_BASIS;
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guint8)s[i]) * FNV_PRIME;
  return h;
}

guint64
wn_ent_hash_lower(const char *s, gsize len)
{
  guint64 h = FNV_BASIS;
  for (gsize i = 0; i < len; i++) {
    guint8 c = (guint8)s[i];
    c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    h = (h ^ c) * FNV_PRIME;
  }
  return h;
}

WnEntDoc *
wn_ent_doc_new(const char *text, gsize text_len)
{
  WnEntDoc *doc = g_new0(WnEntDoc, 1);
  doc->text = text;
  doc->text_len = text_len;
  doc->toks = g_array_new(FALSE, FALSE, sizeof(WnEntTok)); /* every token is written whole */
  doc->sents = g_array_new(FALSE, FALSE, sizeof(guint) * 2);
  return doc;
}

void
wn_ent_doc_free(WnEntDoc *doc)
{
  if (doc == NULL)
    return;
  g_array_unref(doc->toks);
  g_array_unref(doc->sents);
  g_free(doc->tok_index);
  g_free(doc);
}

void
wn_ent_doc_add_token(WnEntDoc *doc, gsize start, gsize end)
{
  WnEntTok t = {.start = start, .end = end};
  g_array_append_val(doc->toks, t);
}

void
wn_ent_doc_end_sentence(WnEntDoc *doc)
{
  guint first = 0;
  if (doc->sents->len > 0)
    first = g_array_index(doc->sents, guint, doc->sents->len * 2 - 1);
  guint pair[2] = {first, doc->toks->len};
  if (pair[1] > pair[0])
    g_array_append_vals(doc->sents, pair, 1);
}

/* Character class for shapes: 'X' upper, 'x' lower, 'd' digit, else the byte. */
static char
shape_class(gunichar c)
{
  if (c < 0x80) {
    if (g_ascii_isupper(c))
      return 'X';
    if (g_ascii_islower(c))
      return 'x';
    if (g_ascii_isdigit(c))
      return 'd';
    return (char)c;
  }
  /* Upper- and title-case characters are letters, so punctuation (most of
   * the non-ASCII characters in news: quotes, dashes) is settled first; the
   * title-case check searches a table, so lower-case letters skip it. */
  if (!g_unichar_isalpha(c))
    return g_unichar_isdigit(c) ? 'd' : '*';
  if (g_unichar_islower(c))
    return 'x';
  if (g_unichar_isupper(c) || g_unichar_istitle(c))
    return 'X';
  return 'x';
}

/* What the token analysis needs of each ASCII byte, filled once: its shape
 * class character and its kind as one bit (which kinds a token has is all
 * the flags need, not how many of each). */
enum { KIND_UPPER = 1, KIND_LOWER = 2, KIND_DIGIT = 4, KIND_LETTER = KIND_UPPER | KIND_LOWER };
static char ascii_class[128];
static guint8 ascii_kind[128];
static guint8 ascii_lower[128];
/* The three above packed in one word (class | kind << 8 | lower << 16) for
 * the ASCII loop, which then needs one table instead of three. */
static guint32 ascii_info[128];

static inline guint8
kind_of_class(char k)
{
  return k == 'X' ? KIND_UPPER : k == 'x' ? KIND_LOWER : k == 'd' ? KIND_DIGIT : 0;
}

static void
init_ascii_class(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    for (gunichar c = 0; c < 128; c++) {
      ascii_class[c] = shape_class(c);
      ascii_kind[c] = kind_of_class(ascii_class[c]);
      ascii_lower[c] = (guint8)g_ascii_tolower((char)c);
      ascii_info[c] =
          (guint8)ascii_class[c] | (guint32)ascii_kind[c] << 8 | (guint32)ascii_lower[c] << 16;
    }
    g_once_init_leave(&done, 1);
  }
}

static void
analyse_token(const char *text, WnEntTok *t)
{
  const char *s = text + t->start;
  const gsize len = t->end - t->start;
  const char *end = s + len;
  guint seen = 0;         /* KIND_* bits of the characters so far */
  guint first_letter = 0; /* KIND_* of the first letter */
  guint shape_len = 0;
  char last = 0;
  guint32 flags = 0;

  /* One pass: both hashes (the same as wn_ent_hash_bytes / _lower), the
   * collapsed shape's hash (the same as wn_ent_hash_bytes over its first 8
   * classes) and the character kinds. First a tight loop over the leading
   * ASCII bytes (usually the whole token): table lookups, both hashes
   * updated without branching. */
  guint64 h_exact = FNV_BASIS, h_lower = FNV_BASIS;
  char shape[8];
  const char *p = s;
  while (p < end && (guint8)*p < 0x80) {
    guint8 b = (guint8)*p++;
    guint32 info = ascii_info[b];
    char k = (char)(info & 0xff);
    seen |= (info >> 8) & 0xff;
    h_exact = (h_exact ^ b) * FNV_PRIME;
    h_lower = (h_lower ^ (info >> 16)) * FNV_PRIME;
    if (k != last && shape_len < 8) {
      shape[shape_len++] = k;
      last = k;
    }
  }
  if (seen & KIND_LETTER) {
    const char *q = s;
    while (!(ascii_kind[(guint8)*q] & KIND_LETTER))
      q++;
    first_letter = ascii_kind[(guint8)*q] & KIND_LETTER;
  }
  /* The rest, from the first non-ASCII byte on. */
  while (p < end) {
    guint8 b = (guint8)*p;
    char k;
    guint kind;
    if (b < 0x80) {
      k = ascii_class[b];
      kind = ascii_kind[b];
      h_exact = (h_exact ^ b) * FNV_PRIME;
      h_lower = (h_lower ^ ascii_lower[b]) * FNV_PRIME;
      p++;
    } else {
      const char *q = p;
      gunichar c = g_utf8_get_char_validated(p, end - p);
      if (c == (gunichar)-1 || c == (gunichar)-2) {
        c = '*';
        p++;
      } else {
        p = g_utf8_next_char(p);
      }
      k = shape_class(c);
      kind = kind_of_class(k);
      for (; q < p; q++) {
        h_exact = (h_exact ^ (guint8)*q) * FNV_PRIME;
        h_lower = (h_lower ^ (guint8)*q) * FNV_PRIME;
      }
    }
    if (!(seen & KIND_LETTER))
      first_letter = kind & KIND_LETTER;
    seen |= kind;
    if (k != last && shape_len < 8) {
      shape[shape_len++] = k;
      last = k;
    }
  }
  guint64 h_shape = FNV_BASIS;
  for (guint i = 0; i < shape_len; i++)
    h_shape = (h_shape ^ (guint8)shape[i]) * FNV_PRIME;
  if (first_letter == KIND_UPPER)
    flags |= WN_ENT_TOK_CAP;
  if ((seen & KIND_LETTER) == KIND_UPPER)
    flags |= WN_ENT_TOK_ALLCAPS;
  if ((seen & KIND_LETTER) == KIND_LOWER)
    flags |= WN_ENT_TOK_LOWER;
  if (seen & KIND_DIGIT)
    flags |= WN_ENT_TOK_DIGIT;
  if (seen != 0)
    flags |= WN_ENT_TOK_ALNUM;
  if (len > 1 && s[len - 1] == '.')
    flags |= WN_ENT_TOK_PERIOD_END;
  t->flags = flags;
  t->hlower = h_lower;
  t->hexact = h_exact;
  /* Long tokens get a length mark so "Xx" of "Washington" differs from "Ab". */
  t->hshape = wn_ent_hash_mix(h_shape, len > 3 ? 1 : 0);
}

/* The first token of each 8-byte block of text (the first whose end lies
 * past the block's start), so that wn_ent_doc_span_tokens() starts next to
 * the answer instead of searching. */
#define INDEX_SHIFT WN_ENT_TOK_INDEX_SHIFT

static void
build_index(WnEntDoc *doc)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  const guint n = doc->toks->len;
  gsize n_blocks = (doc->text_len >> INDEX_SHIFT) + 1;
  g_free(doc->tok_index);
  doc->tok_index = g_new(guint, n_blocks);
  doc->tok_index_blocks = n_blocks;
  doc->tok_index_toks = n;
  gsize b = 0;
  for (guint i = 0; i < n && b < n_blocks; i++)
    while (b < n_blocks && (b << INDEX_SHIFT) < toks[i].end)
      doc->tok_index[b++] = i;
  for (; b < n_blocks; b++)
    doc->tok_index[b] = n;
}

/* Per-thread cache of analysed word forms. What analyse_token() finds
 * depends on the token's bytes alone, and words repeat (Zipf), so a token of
 * up to 16 bytes is looked up by its bytes (two 8-byte words, zero-padded)
 * with one multiply instead of three byte-by-byte hashes and the class
 * tables. Direct-mapped; an entry is trusted only when both words and the
 * length agree, so a hit gives exactly what the analysis would. One entry is
 * one cache line. */
#define TOKCACHE_BITS 11
#define TOKCACHE_MAX_LEN 16

typedef struct {
  guint64 w0, w1; /* the bytes, zero past the length */
  guint64 hlower, hexact, hshape;
  guint32 len; /* 0: empty */
  guint32 flags;
  guint64 pad[2];
} TokCacheEntry;
G_STATIC_ASSERT(sizeof(TokCacheEntry) == 64);

static void
tokcache_free(gpointer p)
{
  g_aligned_free(p);
}

static GPrivate tokcache_key = G_PRIVATE_INIT(tokcache_free);

static TokCacheEntry *
tokcache_get(void)
{
  TokCacheEntry *c = g_private_get(&tokcache_key);
  if (c == NULL) {
    c = g_aligned_alloc0((gsize)1 << TOKCACHE_BITS, sizeof(TokCacheEntry), 64);
    g_private_set(&tokcache_key, c);
  }
  return c;
}

/* The token's bytes as two zero-padded words. Reads 16 bytes from `s` when
 * the text has them (bytes past the token are masked off), else copies. */
static inline void
token_words(const char *s, gsize len, const char *text_end, guint64 *w0, guint64 *w1)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if ((gsize)(text_end - s) >= 16) {
    guint64 a, b;
    memcpy(&a, s, 8);
    memcpy(&b, s + 8, 8);
    /* Low `len` bytes of the 16 are the token's (little-endian loads). */
    *w0 = len >= 8 ? a : a & ((G_GUINT64_CONSTANT(1) << (8 * len)) - 1);
    *w1 = len >= 16 ? b : len <= 8 ? 0 : b & ((G_GUINT64_CONSTANT(1) << (8 * (len - 8))) - 1);
    return;
  }
#endif
  guint8 buf[16] = {0};
  memcpy(buf, s, len);
  memcpy(w0, buf, 8);
  memcpy(w1, buf + 8, 8);
}

void
wn_ent_doc_analyse(WnEntDoc *doc)
{
  WnEntTok *toks = (WnEntTok *)doc->toks->data;
  init_ascii_class();
  TokCacheEntry *cache = tokcache_get();
  const char *text_end = doc->text + doc->text_len;
  for (guint i = 0; i < doc->toks->len; i++) {
    WnEntTok *t = &toks[i];
    const gsize len = t->end - t->start;
    if (len > TOKCACHE_MAX_LEN || len == 0) {
      analyse_token(doc->text, t);
      continue;
    }
    guint64 w0, w1;
    token_words(doc->text + t->start, len, text_end, &w0, &w1);
    guint64 h = (w0 ^ (w1 * 0xc2b2ae3d27d4eb4fULL) ^ len) * 0x9e3779b97f4a7c15ULL;
    TokCacheEntry *e = &cache[h >> (64 - TOKCACHE_BITS)];
    if (e->len == len && e->w0 == w0 && e->w1 == w1) {
      t->flags = e->flags;
      t->hlower = e->hlower;
      t->hexact = e->hexact;
      t->hshape = e->hshape;
      continue;
    }
    analyse_token(doc->text, t);
    e->w0 = w0;
    e->w1 = w1;
    e->len = (guint32)len;
    e->flags = t->flags;
    e->hlower = t->hlower;
    e->hexact = t->hexact;
    e->hshape = t->hshape;
  }
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    guint n_alpha = 0, n_caps = 0, n_lower = 0;
    for (guint i = se[0]; i < se[1]; i++) {
      if (toks[i].flags & WN_ENT_TOK_ALLCAPS) {
        n_alpha++;
        if (toks[i].end - toks[i].start > 1)
          n_caps++;
      } else if (toks[i].flags & WN_ENT_TOK_LOWER) {
        n_alpha++;
        n_lower++;
      } else if (toks[i].flags & WN_ENT_TOK_CAP) {
        n_alpha++;
      }
    }
    /* A sentence whose case says nothing: shouting or all lower case. Case
     * features are then switched off for it. */
    gboolean caseless = n_alpha >= 3 && (n_caps * 10 >= n_alpha * 8 || n_lower == n_alpha);
    if (se[1] > se[0])
      toks[se[0]].flags |= WN_ENT_TOK_SENT_START;
    if (caseless)
      for (guint i = se[0]; i < se[1]; i++)
        toks[i].flags |= WN_ENT_TOK_HEADLINE;
  }
  build_index(doc);
}

void
wn_ent_doc_span_tokens_search(const WnEntDoc *doc, gsize start, gsize end, guint *first,
                              guint *last)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint lo = 0, hi = doc->toks->len;
  /* First token whose end is past `start`. */
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (toks[mid].end <= start)
      lo = mid + 1;
    else
      hi = mid;
  }
  guint f = lo;
  guint l = f;
  while (l < doc->toks->len && toks[l].start < end)
    l++;
  *first = f;
  *last = l;
}
