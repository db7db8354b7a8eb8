/* keywords.c: an example third-party winnow stage, built out of tree against
 * the installed headers. It counts the words of each document and provides a
 * "keywords" layer: one span per kept keyword, at its first occurrence, with
 * label "keyword", the number of occurrences as score and {"count": N} as
 * attributes, most frequent first.
 *
 * Options: top (how many keywords), min_length (shorter words are skipped),
 * stopwords (words never kept, compared in lower case). */
#include <string.h>

#include <winnow/winnow.h>

typedef struct {
  gint64 top;
  gint64 min_length;
  GHashTable *stopwords; /* lower-case word -> itself; read-only after init */
} Keywords;

static const WnOptionSpec keyword_options[] = {
    {.name = "top",
     .type = WN_OPTION_INT,
     .default_value = "10",
     .min = 1,
     .max = 1000,
     .help = "How many keywords to keep per document"},
    {.name = "min_length",
     .type = WN_OPTION_INT,
     .default_value = "4",
     .min = 1,
     .max = 100,
     .help = "Words shorter than this many characters are not keywords"},
    {.name = "stopwords",
     .type = WN_OPTION_STRING_LIST,
     .default_value = "",
     .help = "Words that are never keywords (any case)"},
    {.name = NULL},
};

static gboolean
keywords_init(const WnOptions *options, gpointer *state, G_GNUC_UNUSED GError **error)
{
  Keywords *k = g_new0(Keywords, 1);
  k->top = wn_options_get_int(options, "top");
  k->min_length = wn_options_get_int(options, "min_length");
  k->stopwords = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (const char *const *w = wn_options_get_strv(options, "stopwords"); *w != NULL; w++) {
    char *lower = g_utf8_strdown(*w, -1);
    g_hash_table_add(k->stopwords, lower);
  }
  *state = k;
  return TRUE;
}

static void
keywords_finalize(gpointer state)
{
  Keywords *k = state;
  g_hash_table_unref(k->stopwords);
  g_free(k);
}

typedef struct {
  char *word;  /* lower case; the hash table's key */
  gsize start; /* first occurrence, bytes */
  gsize end;
  gint64 count;
} Entry;

static void
entry_free(gpointer data)
{
  Entry *e = data;
  g_free(e->word);
  g_free(e);
}

static int
compare_entries(gconstpointer a, gconstpointer b)
{
  const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start; /* earlier first */
}

/* Thread-safe: all scratch memory is local to the call; the state is only
 * read. */
static gboolean
keywords_process(gpointer state, WnDoc *doc, G_GNUC_UNUSED GError **error)
{
  const Keywords *k = state;
  gsize len = 0;
  const char *text = wn_doc_get_text(doc, &len);
  g_autoptr(GHashTable) counts = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, entry_free);
  g_autoptr(GPtrArray) entries = g_ptr_array_new();

  const char *p = text, *end = text + len;
  while (p < end) {
    if (!g_unichar_isalnum(g_utf8_get_char(p))) {
      p = g_utf8_next_char(p);
      continue;
    }
    const char *start = p;
    glong chars = 0;
    while (p < end && (g_unichar_isalnum(g_utf8_get_char(p)) || *p == '\'')) {
      p = g_utf8_next_char(p);
      chars++;
    }
    if (chars < k->min_length)
      continue;
    g_autofree char *lower = g_utf8_strdown(start, p - start);
    if (g_hash_table_contains(k->stopwords, lower))
      continue;
    Entry *e = g_hash_table_lookup(counts, lower);
    if (e == NULL) {
      e = g_new0(Entry, 1);
      e->word = g_steal_pointer(&lower);
      e->start = start - text;
      e->end = p - text;
      g_hash_table_insert(counts, e->word, e);
      g_ptr_array_add(entries, e);
    }
    e->count++;
  }

  g_ptr_array_sort(entries, compare_entries);
  WnLayer *layer = wn_doc_add_layer(doc, "keywords");
  for (guint i = 0; i < entries->len && i < (guint)k->top; i++) {
    const Entry *e = entries->pdata[i];
    WnSpan *span = wn_layer_append(layer, e->start, e->end, "keyword", (double)e->count);
    span->attrs = json_object_new();
    json_object_set_int_member(span->attrs, "count", e->count);
  }
  return TRUE; /* the table frees the entries, and their words */
}

WN_STAGE_DEFINE(.name = "keywords", .version = "1.0.0",
                .summary = "Example stage: the most frequent words of each document",
                .license = "MIT", .provides = WN_LAYERS("keywords"), .options = keyword_options,
                .flags = WN_STAGE_THREAD_SAFE, .init = keywords_init, .process = keywords_process,
                .finalize = keywords_finalize)
