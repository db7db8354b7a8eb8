/* features.c: the feature templates of the sequence tagger. Each feature is a
 * template number mixed with the value it looks at, hashed down to `hash_bits`
 * bits; the model stores weights only for buckets that matter. */
#include "ent.h"

enum {
  T_BIAS = 1,
  T_LOWER,
  T_EXACT,
  T_SHAPE,
  T_PREFIX,
  T_SUFFIX,
  T_PREV1,
  T_NEXT1,
  T_PREV2,
  T_NEXT2,
  T_BIGRAM_PREV,
  T_BIGRAM_NEXT,
  T_SHAPE_PREV,
  T_SHAPE_NEXT,
  T_SHAPE_TRI,
  T_SENT_START,
  T_GAZ_BEGIN,
  T_GAZ_INSIDE,
  T_GAZ_PREV,
  T_GAZ_NEXT,
  T_CAPS_CONTEXT,
  T_LENGTH,
  T_PREV_SHAPE_WORD,
  T_NEXT_SHAPE_WORD,
};

/* Template ablation (bench/entities/feature-sweep.sh): a build configured
 * with -Dc_args=-DWN_ENT_ABLATE reads the environment variable WN_ENT_DROP,
 * a comma-separated list of context template numbers (T_*) to leave out,
 * so that one build can train and score every feature set. Other builds
 * compute every template below; ON() is then a constant. */
#ifdef WN_ENT_ABLATE
#include <stdlib.h>
static guint32
drop_mask(void)
{
  static gsize once = 0;
  static guint32 mask = 0;
  if (g_once_init_enter(&once)) {
    const char *e = getenv("WN_ENT_DROP");
    for (const char *p = e; p != NULL && *p != '\0';) {
      char *end;
      long t = strtol(p, &end, 10);
      if (end == p)
        break;
      if (t > 0 && t < 32)
        mask |= 1u << t;
      p = *end == ',' ? end + 1 : end;
    }
    g_once_init_leave(&once, 1);
  }
  return mask;
}
#define ON(t) ((drop_mask() & (1u << (t))) == 0)
#else
#define ON(t) 1
#endif

#define FNV_PRIME 0x100000001b3ULL
#define FNV_BASIS 0xcbf29ce484222325ULL

/* ASCII lower case of one byte, as wn_ent_hash_lower folds it. */
static inline guint8
lower_byte(char ch)
{
  guint8 c = (guint8)ch;
  return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

#define NOCASE_HASH 0x9e3779b97f4a7c15ULL

/* Cheap combination of two 64-bit hashes: the inputs are already well mixed
 * (FNV of the token), so one multiply-xorshift round is enough; the top bits
 * of the product are the best mixed, so buckets take those. */
static inline guint64
mix2(guint64 a, guint64 b)
{
  guint64 h = (a ^ (b * 0x9e3779b97f4a7c15ULL)) * 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 31);
}

static inline guint32
feat(guint template, guint64 value, guint32 mask)
{
  guint64 h = (value + template * 0xd6e8feb86659fd93ULL) * 0x94d049bb133111ebULL;
  return (guint32)(h >> 32) & mask;
}

/* 4 caseless sentence, 3 all caps, 2 capitalised, 1 other letters or
 * digits, 0 none: the first that holds, looked up from the four flags. */
static const guint8 caps_table[16] = {0, 2, 3, 3, 1, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4};
G_STATIC_ASSERT(WN_ENT_TOK_CAP == 1 && WN_ENT_TOK_ALLCAPS == 2 && WN_ENT_TOK_ALNUM == 16 &&
                WN_ENT_TOK_HEADLINE == 64);

static inline guint
caps_class(const WnEntTok *t)
{
  guint32 f = t->flags;
  return caps_table[(f & 3) | ((f >> 2) & 4) | ((f >> 3) & 8)];
}

/* Writes the features of token `i` in template order, but only those of the
 * `parts` asked for; `n` still counts every feature, since the cap on list
 * features depends on how many came before them. */
static guint
features_impl(const WnEntDoc *doc, guint first, guint last, guint i, guint32 mask, guint parts,
              guint32 *out)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  const WnEntTok *t = &toks[i];
  const gboolean caseless = (t->flags & WN_ENT_TOK_HEADLINE) != 0;
  const char *s = doc->text + t->start;
  const gsize len = t->end - t->start;
  const gboolean word = (parts & WN_ENT_FEAT_WORD) != 0;
  const gboolean neigh = (parts & WN_ENT_FEAT_NEIGHBOURS) != 0;
  const gboolean ctx = (parts & WN_ENT_FEAT_CONTEXT) != 0;
  guint n = 0, w = 0;
#define PUT(on, f)                                                                                 \
  do {                                                                                             \
    if (on)                                                                                        \
      out[w++] = (f);                                                                              \
    n++;                                                                                           \
  } while (0)

  guint64 p1 = i > first ? toks[i - 1].hlower : WN_ENT_BOS_HASH;
  guint64 p2 = i > first + 1 ? toks[i - 2].hlower : WN_ENT_BOS_HASH;
  guint64 n1 = i + 1 < last ? toks[i + 1].hlower : WN_ENT_EOS_HASH;
  guint64 n2 = i + 2 < last ? toks[i + 2].hlower : WN_ENT_EOS_HASH;
  /* Shapes say nothing in caseless sentences beyond digits and punctuation. */
  guint64 sh = caseless ? mix2(NOCASE_HASH, t->flags & WN_ENT_TOK_DIGIT) : t->hshape;

  PUT(word, feat(T_BIAS, 0, mask));
  PUT(word, feat(T_LOWER, t->hlower, mask));
  if (!caseless)
    PUT(word, feat(T_EXACT, t->hexact, mask));
  PUT(word, feat(T_SHAPE, sh, mask));
  if (len > 2 && !word) {
    n += 2 * (MIN(len - 1, 4) - 1);
  } else if (len > 2) {
    /* FNV-1a has no finalizer, so the hash of a prefix is the running state
     * after its bytes: prefixes 2-4 come from one pass (the same values as
     * wn_ent_hash_lower(s, k)). Suffixes are hashed each from their start. */
    guint64 pre[5];
    guint64 h = FNV_BASIS;
    for (gsize k = 0; k < 4 && k < len; k++) {
      h = (h ^ lower_byte(s[k])) * FNV_PRIME;
      pre[k + 1] = h;
    }
    for (gsize k = 2; k <= 4 && k < len; k++) {
      guint64 hs = FNV_BASIS;
      for (gsize j = len - k; j < len; j++)
        hs = (hs ^ lower_byte(s[j])) * FNV_PRIME;
      PUT(TRUE, feat(T_PREFIX + 100 * k, pre[k], mask));
      PUT(TRUE, feat(T_SUFFIX + 100 * k, hs, mask));
    }
  }
  PUT(neigh, feat(T_PREV1, p1, mask));
  PUT(neigh, feat(T_NEXT1, n1, mask));
  PUT(neigh, feat(T_PREV2, p2, mask));
  PUT(neigh, feat(T_NEXT2, n2, mask));
  guint64 sp = i > first ? (caseless ? NOCASE_HASH : toks[i - 1].hshape) : WN_ENT_BOS_HASH;
  guint64 sn = i + 1 < last ? (caseless ? NOCASE_HASH : toks[i + 1].hshape) : WN_ENT_EOS_HASH;
  guint64 spsh = mix2(sp, sh);
  if (ON(T_BIGRAM_PREV))
    PUT(ctx, feat(T_BIGRAM_PREV, mix2(p1, t->hlower), mask));
  if (ON(T_BIGRAM_NEXT))
    PUT(ctx, feat(T_BIGRAM_NEXT, mix2(t->hlower, n1), mask));
  if (ON(T_SHAPE_PREV))
    PUT(ctx, feat(T_SHAPE_PREV, spsh, mask));
  if (ON(T_SHAPE_NEXT))
    PUT(ctx, feat(T_SHAPE_NEXT, mix2(sh, sn), mask));
  if (ON(T_SHAPE_TRI))
    PUT(ctx, feat(T_SHAPE_TRI, mix2(spsh, sn), mask));
  if (ON(T_PREV_SHAPE_WORD))
    PUT(ctx, feat(T_PREV_SHAPE_WORD, mix2(p1, sh), mask));
  if (ON(T_NEXT_SHAPE_WORD))
    PUT(ctx, feat(T_NEXT_SHAPE_WORD, mix2(sh, n1), mask));
  if (i == first && ON(T_SENT_START))
    PUT(ctx, feat(T_SENT_START, sh, mask));
  guint ccase = caps_class(t);
  if (ON(T_CAPS_CONTEXT)) {
    guint cc = ccase * 25 + (i > first ? caps_class(&toks[i - 1]) : 5) * 5 +
               (i + 1 < last ? caps_class(&toks[i + 1]) : 5);
    PUT(ctx, feat(T_CAPS_CONTEXT, cc, mask));
  }
  PUT(word, feat(T_LENGTH, MIN(len, 12) + (caseless ? 100 : 0), mask));
#undef PUT
  if (!ctx)
    return w;

  /* Gazetteer membership: one feature per bit, crossed with case so that a list
   * hit on a lower-case common word weighs differently. */
  guint32 prev_in = i > first ? toks[i - 1].gaz_inside : 0;
  guint32 next_in = i + 1 < last ? toks[i + 1].gaz_inside : 0;
  guint32 any = ON(T_GAZ_BEGIN) ? t->gaz_begin | t->gaz_inside | prev_in | next_in : 0;
  /* Only the bits that are set: most tokens are in no list at all. */
  while (any != 0 && n + 4 <= WN_ENT_MAX_FEATS) {
    guint b = (guint)__builtin_ctz(any);
    guint32 bit = 1u << b;
    any &= ~bit;
    guint before = w;
    if (t->gaz_begin & bit)
      out[w++] = feat(T_GAZ_BEGIN, b * 8 + ccase, mask);
    if (t->gaz_inside & bit)
      out[w++] = feat(T_GAZ_INSIDE, b * 8 + ccase, mask);
    if (prev_in & bit)
      out[w++] = feat(T_GAZ_PREV, b * 8 + ccase, mask);
    if (next_in & bit)
      out[w++] = feat(T_GAZ_NEXT, b * 8 + ccase, mask);
    n += w - before;
  }
  return w;
}

guint
wn_ent_features(const WnEntDoc *doc, guint first, guint last, guint i, guint hash_bits,
                guint32 *out)
{
  return features_impl(doc, first, last, i, (1u << hash_bits) - 1, WN_ENT_FEAT_ALL, out);
}

/* The WORD features alone (what the emission cache computes on a miss), in
 * features_impl()'s order, without its look at the neighbours. */
static guint
word_features(const WnEntDoc *doc, guint i, guint32 mask, guint32 *out)
{
  const WnEntTok *t = &g_array_index(doc->toks, WnEntTok, i);
  const gboolean caseless = (t->flags & WN_ENT_TOK_HEADLINE) != 0;
  const guint8 *s = (const guint8 *)doc->text + t->start;
  const gsize len = t->end - t->start;
  guint w = 0;
  guint64 sh = caseless ? mix2(NOCASE_HASH, t->flags & WN_ENT_TOK_DIGIT) : t->hshape;
  out[w++] = feat(T_BIAS, 0, mask);
  out[w++] = feat(T_LOWER, t->hlower, mask);
  if (!caseless)
    out[w++] = feat(T_EXACT, t->hexact, mask);
  out[w++] = feat(T_SHAPE, sh, mask);
  if (len > 2) {
    guint64 pre = FNV_BASIS;
    pre = (pre ^ lower_byte((char)s[0])) * FNV_PRIME;
    for (gsize k = 2; k <= 4 && k < len; k++) {
      pre = (pre ^ lower_byte((char)s[k - 1])) * FNV_PRIME;
      guint64 hs = FNV_BASIS;
      for (gsize j = len - k; j < len; j++)
        hs = (hs ^ lower_byte((char)s[j])) * FNV_PRIME;
      out[w++] = feat(T_PREFIX + 100 * k, pre, mask);
      out[w++] = feat(T_SUFFIX + 100 * k, hs, mask);
    }
  }
  out[w++] = feat(T_LENGTH, MIN(len, 12) + (caseless ? 100 : 0), mask);
  return w;
}

guint
wn_ent_features_part(const WnEntDoc *doc, guint first, guint last, guint i, guint hash_bits,
                     guint parts, guint32 *out)
{
  if (parts == WN_ENT_FEAT_WORD)
    return word_features(doc, i, (1u << hash_bits) - 1, out);
  return features_impl(doc, first, last, i, (1u << hash_bits) - 1, parts, out);
}

/* How many WORD features token `t` has (features_impl's count of them). */
static inline guint
n_word_features(const WnEntTok *t)
{
  gsize len = t->end - t->start;
  guint n = 4 + ((t->flags & WN_ENT_TOK_HEADLINE) ? 0 : 1); /* bias, lower, exact, shape, length */
  if (len > 2)
    n += 2 * ((guint)MIN(len - 1, 4) - 1);
  return n;
}

guint
wn_ent_context_features(const WnEntDoc *doc, guint first, guint last, guint hash_bits, guint32 *out,
                        guint8 *counts, const void *prefetch_rows)
{
  /* The CONTEXT part of features_impl() for a whole sentence at once: the
   * same ids, but what two neighbours share (the bigram of a pair, the shape
   * pair of two cased tokens, caps classes) is computed once. */
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  const guint32 mask = (1u << hash_bits) - 1;
  const char *pf = prefetch_rows;
  guint w = 0;
  /* Each id is written, and its row asked for at once when the caller gave
   * the table: the loads then overlap with the hashing that follows. */
#define PUT_ID(f)                                                                                  \
  do {                                                                                             \
    guint32 id_ = (f);                                                                             \
    o[k++] = id_;                                                                                  \
    if (pf != NULL)                                                                                \
      __builtin_prefetch(pf + (gsize)id_ * 16);                                                    \
  } while (0)
  if (first >= last)
    return 0;
  guint64 bigram_prev = mix2(WN_ENT_BOS_HASH, toks[first].hlower);
  guint64 shape_pair = 0; /* mix2(hshape[i - 1], hshape[i]) when both are cased */
  guint caps_prev = 5, caps_cur = caps_class(&toks[first]);
  guint32 in_prev = 0;
  for (guint i = first; i < last; i++) {
    const WnEntTok *t = &toks[i];
    const gboolean caseless = (t->flags & WN_ENT_TOK_HEADLINE) != 0;
    const gboolean has_next = i + 1 < last;
    const guint64 p1 = i > first ? toks[i - 1].hlower : WN_ENT_BOS_HASH;
    const guint64 n1 = has_next ? toks[i + 1].hlower : WN_ENT_EOS_HASH;
    const guint64 sh = caseless ? mix2(NOCASE_HASH, t->flags & WN_ENT_TOK_DIGIT) : t->hshape;
    guint64 spsh;
    if (i > first && !caseless && !(toks[i - 1].flags & WN_ENT_TOK_HEADLINE))
      spsh = shape_pair;
    else
      spsh = mix2(i > first ? (caseless ? NOCASE_HASH : toks[i - 1].hshape) : WN_ENT_BOS_HASH, sh);
    const guint64 sn = has_next ? (caseless ? NOCASE_HASH : toks[i + 1].hshape) : WN_ENT_EOS_HASH;
    const guint64 shape_next = mix2(sh, sn);
    const guint64 bigram_next = mix2(t->hlower, n1);
    guint32 *o = out + w;
    guint k = 0;
    if (ON(T_BIGRAM_PREV))
      PUT_ID(feat(T_BIGRAM_PREV, bigram_prev, mask));
    if (ON(T_BIGRAM_NEXT))
      PUT_ID(feat(T_BIGRAM_NEXT, bigram_next, mask));
    if (ON(T_SHAPE_PREV))
      PUT_ID(feat(T_SHAPE_PREV, spsh, mask));
    if (ON(T_SHAPE_NEXT))
      PUT_ID(feat(T_SHAPE_NEXT, shape_next, mask));
    if (ON(T_SHAPE_TRI))
      PUT_ID(feat(T_SHAPE_TRI, mix2(spsh, sn), mask));
    if (ON(T_PREV_SHAPE_WORD))
      PUT_ID(feat(T_PREV_SHAPE_WORD, mix2(p1, sh), mask));
    if (ON(T_NEXT_SHAPE_WORD))
      PUT_ID(feat(T_NEXT_SHAPE_WORD, mix2(sh, n1), mask));
    if (i == first && ON(T_SENT_START))
      PUT_ID(feat(T_SENT_START, sh, mask));
    const guint caps_next = has_next ? caps_class(&toks[i + 1]) : 5;
    if (ON(T_CAPS_CONTEXT))
      PUT_ID(feat(T_CAPS_CONTEXT, caps_cur * 25 + caps_prev * 5 + caps_next, mask));

    const guint32 in_next = has_next ? toks[i + 1].gaz_inside : 0;
    guint32 any = ON(T_GAZ_BEGIN) ? t->gaz_begin | t->gaz_inside | in_prev | in_next : 0;
    if (any != 0) {
      /* Only the bits that are set: most tokens are in no list at all. The
       * cap counts every feature of the token, as features_impl() does. */
      guint n = n_word_features(t) + 4 + k;
      while (any != 0 && n + 4 <= WN_ENT_MAX_FEATS) {
        guint b = (guint)__builtin_ctz(any);
        guint32 bit = 1u << b;
        any &= ~bit;
        guint before = k;
        if (t->gaz_begin & bit)
          PUT_ID(feat(T_GAZ_BEGIN, b * 8 + caps_cur, mask));
        if (t->gaz_inside & bit)
          PUT_ID(feat(T_GAZ_INSIDE, b * 8 + caps_cur, mask));
        if (in_prev & bit)
          PUT_ID(feat(T_GAZ_PREV, b * 8 + caps_cur, mask));
        if (in_next & bit)
          PUT_ID(feat(T_GAZ_NEXT, b * 8 + caps_cur, mask));
        n += k - before;
      }
    }
    counts[i - first] = (guint8)k;
    w += k;
    bigram_prev = bigram_next;
    shape_pair = shape_next;
    caps_prev = caps_cur;
    caps_cur = caps_next;
    in_prev = t->gaz_inside;
  }
#undef PUT_ID
  return w;
}

void
wn_ent_neighbour_features(guint64 h, guint hash_bits, guint32 out[4])
{
  const guint32 mask = (1u << hash_bits) - 1;
  out[0] = feat(T_PREV1, h, mask);
  out[1] = feat(T_NEXT1, h, mask);
  out[2] = feat(T_PREV2, h, mask);
  out[3] = feat(T_NEXT2, h, mask);
}
