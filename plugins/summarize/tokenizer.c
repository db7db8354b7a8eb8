/* tokenizer.c: turns sentence text into ids of stemmed content words.
 *
 * Words are runs of Unicode letters and digits, lower-cased; stopwords and
 * one-byte words are dropped; the rest go through the language's Snowball
 * stemmer (libstemmer). Each distinct lower-cased word is stemmed once per
 * tokenizer (a cache), which is what keeps the stage fast: news text repeats
 * its words a lot. libstemmer's stemmers are not thread-safe, so each thread
 * keeps its own, created on first use and freed when the thread ends. */
#include "summarize.h"

#include <libstemmer.h>
#include <string.h>

#define STOP_ID G_MAXUINT

struct _WnSumTokenizer {
  char language[4];
  struct sb_stemmer *stemmer; /* borrowed from this thread's cache */
  GHashTable *words;          /* lower-cased word -> id + 1, or STOP_ID */
  GHashTable *stems;          /* stem -> id + 1 */
  GPtrArray *terms;           /* id -> stem (owned by `chunk`) */
  GStringChunk *chunk;
  GString *buf;
};

static const struct {
  const char *code;
  const char *algorithm;
} languages[] = {{"en", "english"}, {"fr", "french"}, {"de", "german"}, {"es", "spanish"}};

static void
stemmer_free(gpointer data)
{
  if (data != NULL)
    sb_stemmer_delete(data);
}

static GPrivate stemmer_keys[G_N_ELEMENTS(languages)] = {
    G_PRIVATE_INIT(stemmer_free), G_PRIVATE_INIT(stemmer_free), G_PRIVATE_INIT(stemmer_free),
    G_PRIVATE_INIT(stemmer_free)};

/* This thread's stemmer for `language`, or NULL when there is none. */
static struct sb_stemmer *
thread_stemmer(const char *language)
{
  for (gsize i = 0; i < G_N_ELEMENTS(languages); i++) {
    if (strcmp(language, languages[i].code) != 0)
      continue;
    struct sb_stemmer *s = g_private_get(&stemmer_keys[i]);
    if (s == NULL) {
      s = sb_stemmer_new(languages[i].algorithm, "UTF_8");
      g_private_set(&stemmer_keys[i], s);
    }
    return s;
  }
  return NULL;
}

WnSumTokenizer *
wn_sum_tokenizer_new(const char *language)
{
  WnSumTokenizer *tok = g_new0(WnSumTokenizer, 1);
  if (language == NULL || !wn_sum_language_supported(language))
    language = "en";
  g_strlcpy(tok->language, language, sizeof tok->language);
  tok->stemmer = thread_stemmer(tok->language);
  tok->words = g_hash_table_new(g_str_hash, g_str_equal);
  tok->stems = g_hash_table_new(g_str_hash, g_str_equal);
  tok->terms = g_ptr_array_new();
  tok->chunk = g_string_chunk_new(4096);
  tok->buf = g_string_sized_new(64);
  return tok;
}

void
wn_sum_tokenizer_free(WnSumTokenizer *tok)
{
  if (tok == NULL)
    return;
  g_hash_table_destroy(tok->words);
  g_hash_table_destroy(tok->stems);
  g_ptr_array_free(tok->terms, TRUE);
  g_string_chunk_free(tok->chunk);
  g_string_free(tok->buf, TRUE);
  g_free(tok);
}

/* The id of a lower-cased word (in tok->buf), stemming it on first sight. */
static guint
word_id(WnSumTokenizer *tok)
{
  gpointer value;
  if (g_hash_table_lookup_extended(tok->words, tok->buf->str, NULL, &value))
    return GPOINTER_TO_UINT(value) == STOP_ID ? STOP_ID : GPOINTER_TO_UINT(value) - 1;

  char *word = g_string_chunk_insert_len(tok->chunk, tok->buf->str, tok->buf->len);
  guint id = STOP_ID;
  if (tok->buf->len > 1 && !wn_sum_is_stopword(tok->language, word)) {
    const char *stem = word;
    gsize stem_len = tok->buf->len;
    if (tok->stemmer != NULL) {
      const sb_symbol *s = sb_stemmer_stem(tok->stemmer, (const sb_symbol *)word, (int)stem_len);
      if (s != NULL) {
        stem = (const char *)s;
        stem_len = (gsize)sb_stemmer_length(tok->stemmer);
      }
    }
    /* The stemmer's buffer is reused on the next call: copy before lookup. */
    g_string_assign(tok->buf, "");
    g_string_append_len(tok->buf, stem, stem_len);
    gpointer sid = g_hash_table_lookup(tok->stems, tok->buf->str);
    if (sid != NULL) {
      id = GPOINTER_TO_UINT(sid) - 1;
    } else {
      char *copy = g_string_chunk_insert_len(tok->chunk, tok->buf->str, tok->buf->len);
      id = tok->terms->len;
      g_ptr_array_add(tok->terms, copy);
      g_hash_table_insert(tok->stems, copy, GUINT_TO_POINTER(id + 1));
    }
  }
  g_hash_table_insert(tok->words, word, GUINT_TO_POINTER(id == STOP_ID ? STOP_ID : id + 1));
  return id;
}

guint
wn_sum_tokenizer_add(WnSumTokenizer *tok, const char *text, gsize len, GArray *ids)
{
  guint n_tokens = 0;
  gsize i = 0;
  g_string_truncate(tok->buf, 0);
  while (i <= len) {
    gboolean in_word = FALSE;
    gsize next = i + 1;
    if (i < len) {
      const guchar c = (guchar)text[i];
      if (c < 0x80) {
        if (g_ascii_isalnum(c)) {
          g_string_append_c(tok->buf, g_ascii_tolower(c));
          in_word = TRUE;
        }
      } else {
        const gunichar u = g_utf8_get_char_validated(text + i, (gssize)(len - i));
        if (u == (gunichar)-1 || u == (gunichar)-2) {
          next = i + 1; /* not expected: the core hands valid UTF-8 */
        } else {
          next = (gsize)(g_utf8_next_char(text + i) - text);
          if (g_unichar_isalnum(u)) {
            g_string_append_unichar(tok->buf, g_unichar_tolower(u));
            in_word = TRUE;
          }
        }
      }
    }
    if (!in_word && tok->buf->len > 0) {
      n_tokens++;
      const guint id = word_id(tok);
      if (id != STOP_ID)
        g_array_append_val(ids, id);
      g_string_truncate(tok->buf, 0);
    }
    i = next;
  }
  return n_tokens;
}

guint
wn_sum_tokenizer_n_terms(const WnSumTokenizer *tok)
{
  return tok->terms->len;
}

const char *
wn_sum_tokenizer_term(const WnSumTokenizer *tok, guint id)
{
  return id < tok->terms->len ? g_ptr_array_index(tok->terms, id) : NULL;
}
