/* gazetteer.c: phrase lists (names, places, companies, groups, titles) matched
 * over token sequences. A phrase is stored under the hash of its lower-cased
 * tokens, and every proper prefix is stored too, so matching from a token stops
 * as soon as no listed phrase can continue. Case is checked at match time. */
#include "ent.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define PHRASE_SEED 0x51afd7ed558ccd1dULL
#define MAX_PHRASE_TOKENS 8

typedef struct {
  guint64 key;    /* 0 = empty slot */
  guint32 bits;   /* WN_GAZ_* of phrases that end here */
  gboolean whole; /* a complete phrase ends here (not only a prefix) */
  const char *user_label;
} Entry;

struct _WnGazetteer {
  Entry *table;
  guint table_bits;
  guint n_used;
  guint n_phrases;
  guint n_user; /* phrases added with WN_GAZ_USER */
  guint max_tokens;
};

WnGazetteer *
wn_gazetteer_new(void)
{
  WnGazetteer *g = g_new0(WnGazetteer, 1);
  g->table_bits = 10;
  g->table = g_new0(Entry, 1u << g->table_bits);
  return g;
}

void
wn_gazetteer_free(WnGazetteer *gaz)
{
  if (gaz == NULL)
    return;
  g_free(gaz->table);
  g_free(gaz);
}

guint
wn_gazetteer_size(const WnGazetteer *gaz)
{
  return gaz->n_phrases;
}

static inline guint32
slot_of(guint64 key, guint bits)
{
  return (guint32)((key * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
}

static Entry *
lookup(const WnGazetteer *g, guint64 key)
{
  guint32 mask = (1u << g->table_bits) - 1;
  for (guint32 s = slot_of(key, g->table_bits);; s = (s + 1) & mask) {
    if (g->table[s].key == key)
      return &g->table[s];
    if (g->table[s].key == 0)
      return NULL;
  }
}

static void grow(WnGazetteer *g);

static Entry *
insert(WnGazetteer *g, guint64 key)
{
  if ((g->n_used + 1) * 2 > (1u << g->table_bits))
    grow(g);
  guint32 mask = (1u << g->table_bits) - 1;
  for (guint32 s = slot_of(key, g->table_bits);; s = (s + 1) & mask) {
    if (g->table[s].key == key)
      return &g->table[s];
    if (g->table[s].key == 0) {
      g->table[s].key = key;
      g->n_used++;
      return &g->table[s];
    }
  }
}

static void
grow(WnGazetteer *g)
{
  Entry *old = g->table;
  guint old_size = 1u << g->table_bits;
  g->table_bits++;
  g->table = g_new0(Entry, 1u << g->table_bits);
  guint32 mask = (1u << g->table_bits) - 1;
  for (guint i = 0; i < old_size; i++) {
    if (old[i].key == 0)
      continue;
    guint32 s = slot_of(old[i].key, g->table_bits);
    while (g->table[s].key != 0)
      s = (s + 1) & mask;
    g->table[s] = old[i];
  }
  g_free(old);
}

static inline guint64
extend(guint64 a, guint64 tok)
{
  /* Inline: this runs for every capitalised token. 0 marks a free slot. */
  guint64 h = wn_ent_hash_mix(a, tok);
  return h == 0 ? 1 : h;
}

void
wn_gazetteer_add(WnGazetteer *gaz, const char *phrase, gsize len, guint32 bits,
                 const char *user_label)
{
  g_autoptr(WnEntDoc) d = wn_ent_doc_new(phrase, len);
  wn_ent_simple_tokenize(d);
  wn_ent_doc_analyse(d);
  guint n = d->toks->len;
  if (n == 0 || n > MAX_PHRASE_TOKENS)
    return;
  guint64 h = PHRASE_SEED;
  for (guint i = 0; i < n; i++) {
    h = extend(h, g_array_index(d->toks, WnEntTok, i).hlower);
    Entry *e = insert(gaz, h);
    if (i + 1 == n) {
      if (!e->whole)
        gaz->n_phrases++;
      if (bits & WN_GAZ_USER)
        gaz->n_user++;
      e->whole = TRUE;
      e->bits |= bits;
      if (user_label != NULL)
        e->user_label = user_label;
    }
  }
  gaz->max_tokens = MAX(gaz->max_tokens, n);
}

static guint32
class_bits(const char *cls)
{
  static const struct {
    const char *name;
    guint32 bits;
  } classes[] = {
      {"FIRST", WN_GAZ_FIRST},   {"LAST", WN_GAZ_LAST},       {"CITY", WN_GAZ_CITY},
      {"REGION", WN_GAZ_REGION}, {"COUNTRY", WN_GAZ_COUNTRY}, {"COMPANY", WN_GAZ_COMPANY},
      {"NORP", WN_GAZ_NORP},     {"TITLE", WN_GAZ_TITLE},     {"ORGWORD", WN_GAZ_ORGWORD},
  };
  for (guint i = 0; i < G_N_ELEMENTS(classes); i++)
    if (strcmp(cls, classes[i].name) == 0)
      return classes[i].bits;
  return 0;
}

gboolean
wn_gazetteer_load_tsv(WnGazetteer *gaz, const char *path, guint32 default_bits, gboolean user,
                      GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents(path, &data, &len, &local)) {
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "cannot read gazetteer %s: %s", path, local->message);
    return FALSE;
  }
  if (!g_utf8_validate(data, len, NULL)) {
    g_set_error(error, WN_ERROR, WN_ERROR_MODEL, "gazetteer %s is not valid UTF-8", path);
    return FALSE;
  }
  guint line_no = 0;
  for (char *line = data, *next; line != NULL && *line != 0; line = next) {
    line_no++;
    next = strchr(line, '\n');
    if (next != NULL)
      *next++ = 0;
    g_strstrip(line);
    if (line[0] == 0 || line[0] == '#')
      continue;
    char *tab = strchr(line, '\t');
    guint32 bits = default_bits;
    const char *label = NULL;
    if (tab != NULL) {
      *tab = 0;
      char *cls = g_strstrip(tab + 1);
      g_strchomp(line);
      if (cls[0] == 0 || line[0] == 0) {
        g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                    "%s:%u: expected \"phrase<TAB>label\" with both parts non-empty", path,
                    line_no);
        return FALSE;
      }
      if (user) {
        label = g_intern_string(cls);
        bits = WN_GAZ_USER;
      } else {
        bits = class_bits(cls);
        if (bits == 0) {
          g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                      "%s:%u: unknown class \"%s\" (expected FIRST, LAST, CITY, REGION, "
                      "COUNTRY, COMPANY, NORP, TITLE or ORGWORD)",
                      path, line_no, cls);
          return FALSE;
        }
      }
    } else if (user) {
      g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                  "%s:%u: expected \"phrase<TAB>label\" (a tab, then a label such as ORG)", path,
                  line_no);
      return FALSE;
    }
    wn_gazetteer_add(gaz, line, strlen(line), bits, label);
  }
  return TRUE;
}

static void
add_iso_names(WnGazetteer *gaz, JsonArray *arr, guint32 bits)
{
  static const char *const fields[] = {"name", "common_name", "official_name"};
  for (guint i = 0; i < json_array_get_length(arr); i++) {
    JsonObject *o = json_array_get_object_element(arr, i);
    if (o == NULL)
      continue;
    for (guint f = 0; f < G_N_ELEMENTS(fields); f++) {
      const char *name = json_object_get_string_member_with_default(o, fields[f], NULL);
      /* "Korea, Republic of" and "Bonaire (...)" are index forms, not how news
       * writes the name. */
      if (name != NULL && strpbrk(name, ",(") == NULL)
        wn_gazetteer_add(gaz, name, strlen(name), bits, NULL);
    }
  }
}

gboolean
wn_gazetteer_load_iso_codes(WnGazetteer *gaz, const char *dir, GError **error)
{
  static const struct {
    const char *file, *member;
    guint32 bits;
  } sets[] = {
      {"iso_3166-1.json", "3166-1", WN_GAZ_COUNTRY},
      {"iso_3166-2.json", "3166-2", WN_GAZ_REGION},
  };
  for (guint s = 0; s < G_N_ELEMENTS(sets); s++) {
    g_autofree char *path = g_build_filename(dir, sets[s].file, NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
      continue; /* iso-codes not installed: the shipped lists still work */
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) local = NULL;
    if (!json_parser_load_from_file(parser, path, &local)) {
      g_set_error(error, WN_ERROR, WN_ERROR_MODEL, "cannot parse iso-codes file %s: %s", path,
                  local->message);
      return FALSE;
    }
    JsonNode *root = json_parser_get_root(parser);
    JsonObject *obj =
        root != NULL && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
    JsonArray *arr = obj != NULL && json_object_has_member(obj, sets[s].member)
                         ? json_object_get_array_member(obj, sets[s].member)
                         : NULL;
    if (arr == NULL) {
      g_set_error(error, WN_ERROR, WN_ERROR_MODEL,
                  "iso-codes file %s has no \"%s\" array; is the iso-codes package intact?", path,
                  sets[s].member);
      return FALSE;
    }
    add_iso_names(gaz, arr, sets[s].bits);
  }
  return TRUE;
}

gboolean
wn_gazetteer_load_default(WnGazetteer *gaz, const char *data_dir, GError **error)
{
  static const struct {
    const char *file;
    guint32 bits;
  } files[] = {
      {"names.tsv", 0},
      {"tz-cities.tsv", 0},
      {"geonames-cities.txt", WN_GAZ_CITY},
      {"geonames-regions.txt", WN_GAZ_REGION},
      {"companies.tsv", 0},
      {"countries.tsv", 0},
      {"rules.tsv", 0},
  };
  for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
    g_autofree char *path = g_build_filename(data_dir, files[i].file, NULL);
    if (!wn_gazetteer_load_tsv(gaz, path, files[i].bits, FALSE, error))
      return FALSE;
  }
  return wn_gazetteer_load_iso_codes(gaz, "/usr/share/iso-codes/json", error);
}

/* Whether token `t` may take part in a listed name: capitalised, a number, or a
 * short joining word inside the phrase ("Bank of America"). In caseless
 * sentences, any word. */
static inline gboolean
name_like(const WnEntTok *t, gboolean first)
{
  if (t->flags & (WN_ENT_TOK_CAP | WN_ENT_TOK_HEADLINE | WN_ENT_TOK_DIGIT))
    return TRUE;
  if (first)
    return FALSE;
  return (t->flags & WN_ENT_TOK_LOWER) && t->end - t->start <= 3;
}

void
wn_gazetteer_mark(const WnGazetteer *gaz, WnEntDoc *doc)
{
  WnEntTok *toks = (WnEntTok *)doc->toks->data;
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    for (guint i = se[0]; i < se[1]; i++) {
      if (!name_like(&toks[i], TRUE))
        continue;
      guint64 h = PHRASE_SEED;
      for (guint j = i; j < se[1] && j - i < gaz->max_tokens; j++) {
        if (j > i && !name_like(&toks[j], FALSE))
          break;
        h = extend(h, toks[j].hlower);
        const Entry *e = lookup(gaz, h);
        if (e == NULL)
          break;
        if (e->whole && e->bits != 0) {
          toks[i].gaz_begin |= e->bits;
          for (guint k = i; k <= j; k++)
            toks[k].gaz_inside |= e->bits;
        }
      }
    }
  }
}

void
wn_gazetteer_user_matches(const WnGazetteer *gaz, const WnEntDoc *doc, GArray *out)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  if (gaz->n_user == 0)
    return; /* no user lists: no token carries WN_GAZ_USER */
  for (guint s = 0; s < doc->sents->len; s++) {
    const guint *se = &g_array_index(doc->sents, guint, s * 2);
    for (guint i = se[0]; i < se[1];) {
      if (!(toks[i].gaz_begin & WN_GAZ_USER)) {
        i++;
        continue;
      }
      guint64 h = PHRASE_SEED;
      guint best_end = 0;
      const char *best_label = NULL;
      for (guint j = i; j < se[1] && j - i < gaz->max_tokens; j++) {
        h = extend(h, toks[j].hlower);
        const Entry *e = lookup(gaz, h);
        if (e == NULL)
          break;
        if (e->whole && e->user_label != NULL) {
          best_end = j + 1;
          best_label = e->user_label;
        }
      }
      if (best_label != NULL) {
        WnGazMatch m = {i, best_end, best_label};
        g_array_append_val(out, m);
        i = best_end;
      } else {
        i++;
      }
    }
  }
}
