/* conll.c: reading CoNLL/IOB training and evaluation files into tagger
 * documents (tokens joined by spaces into a text), and span-level scoring. */
#include "ent.h"

#include <string.h>

WnEntCorpus *
wn_ent_corpus_new(void)
{
  WnEntCorpus *c = g_new0(WnEntCorpus, 1);
  c->docs = g_ptr_array_new();
  return c;
}

static void
corpus_doc_free(WnEntCorpusDoc *cd)
{
  g_free((char *)cd->doc->text);
  wn_ent_doc_free(cd->doc);
  g_array_unref(cd->tags);
  g_free(cd->name);
  g_free(cd);
}

void
wn_ent_corpus_free(WnEntCorpus *corpus)
{
  if (corpus == NULL)
    return;
  for (guint i = 0; i < corpus->docs->len; i++)
    corpus_doc_free(corpus->docs->pdata[i]);
  g_ptr_array_unref(corpus->docs);
  g_free(corpus);
}

/* Maps a data set's type name to a model type, or -1 for O. */
static int
map_type(const char *type)
{
  if (strcmp(type, "PER") == 0 || strcmp(type, "PERSON") == 0)
    return WN_ENT_PERSON;
  if (strcmp(type, "ORG") == 0)
    return WN_ENT_ORG;
  if (strcmp(type, "LOC") == 0 || strcmp(type, "GPE") == 0)
    return WN_ENT_LOC;
  return -1; /* MISC, OTH, the stray "B-O" and anything unknown */
}

static gboolean
looks_like_tag(const char *s)
{
  return strcmp(s, "O") == 0 || ((s[0] == 'B' || s[0] == 'I' || s[0] == 'E' || s[0] == 'S' ||
                                  s[0] == 'L' || s[0] == 'U') &&
                                 s[1] == '-' && s[2] != 0);
}

typedef struct {
  WnEntCorpus *corpus;
  GString *text;
  GArray *offsets; /* token start/end pairs (gsize) */
  GArray *sent_ends;
  GArray *tags;
  char *name;
  int prev_type;
} Builder;

static void
builder_end_sentence(Builder *b)
{
  guint n = b->offsets->len / 2;
  if (b->sent_ends->len == 0 || g_array_index(b->sent_ends, guint, b->sent_ends->len - 1) < n)
    g_array_append_val(b->sent_ends, n);
  b->prev_type = -1;
}

static void
builder_end_doc(Builder *b)
{
  builder_end_sentence(b);
  if (b->offsets->len > 0) {
    WnEntCorpusDoc *cd = g_new0(WnEntCorpusDoc, 1);
    gsize len = b->text->len;
    char *text = g_string_free(b->text, FALSE);
    cd->doc = wn_ent_doc_new(text, len);
    guint si = 0;
    for (guint i = 0; i < b->offsets->len / 2; i++) {
      while (si < b->sent_ends->len && g_array_index(b->sent_ends, guint, si) <= i) {
        wn_ent_doc_end_sentence(cd->doc);
        si++;
      }
      wn_ent_doc_add_token(cd->doc, g_array_index(b->offsets, gsize, 2 * i),
                           g_array_index(b->offsets, gsize, 2 * i + 1));
    }
    wn_ent_doc_end_sentence(cd->doc);
    wn_ent_doc_analyse(cd->doc);
    cd->tags = g_array_copy(b->tags);
    cd->name = g_strdup(b->name);
    b->corpus->n_tokens += cd->doc->toks->len;
    b->corpus->n_sentences += cd->doc->sents->len;
    g_ptr_array_add(b->corpus->docs, cd);
    b->text = g_string_new(NULL);
  }
  g_array_set_size(b->offsets, 0);
  g_array_set_size(b->sent_ends, 0);
  g_array_set_size(b->tags, 0);
}

gboolean
wn_ent_corpus_read_conll(WnEntCorpus *corpus, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GError) local = NULL;
  if (!g_file_get_contents(path, &data, &len, &local)) {
    g_set_error(error, WN_ERROR, WN_ERROR_IO, "cannot read %s: %s", path, local->message);
    return FALSE;
  }
  Builder b = {corpus,
               g_string_new(NULL),
               g_array_new(FALSE, FALSE, sizeof(gsize)),
               g_array_new(FALSE, FALSE, sizeof(guint)),
               g_array_new(FALSE, FALSE, sizeof(guint8)),
               g_path_get_basename(path),
               -1};
  /* Documents are cut every 50 sentences when the file has no markers, so that
   * document-level rules see document-sized pieces. */
  guint sents_in_doc = 0;
  guint line_no = 0;
  char *save = NULL, *save2 = NULL;
  gboolean ok = TRUE;
  (void)save;
  for (char *line = data, *next = NULL; line != NULL; line = next) {
    /* Line by line by hand: strtok would swallow the blank lines that end
     * sentences. */
    next = strchr(line, '\n');
    if (next != NULL)
      *next++ = 0;
    line_no++;
    g_strchomp(line);
    (void)line_no;
    if (line[0] == 0) {
      builder_end_sentence(&b);
      if (++sents_in_doc >= 50) {
        builder_end_doc(&b);
        sents_in_doc = 0;
      }
      continue;
    }
    if (g_str_has_prefix(line, "# newdoc") || g_str_has_prefix(line, "-DOCSTART-")) {
      builder_end_doc(&b);
      sents_in_doc = 0;
      continue;
    }
    if (line[0] == '#' && (line[1] == ' ' || line[1] == 0))
      continue;
    /* Columns are separated by tabs or spaces (wikigold uses spaces). */
    char *cols[16];
    guint nc = 0;
    for (char *tok = strtok_r(line, "\t ", &save2); tok != NULL && nc < G_N_ELEMENTS(cols);
         tok = strtok_r(NULL, "\t ", &save2))
      cols[nc++] = tok;
    if (nc < 2)
      continue;
    guint tok_col = 0;
    if (nc >= 3 && cols[0][0] != 0 && strspn(cols[0], "0123456789") == strlen(cols[0]))
      tok_col = 1;
    int tag_col = -1;
    for (int c = nc - 1; c > (int)tok_col; c--)
      if (looks_like_tag(cols[c])) {
        tag_col = c;
        break;
      }
    if (tag_col < 0)
      continue; /* no tag: an oddly formatted line; skip the token */
    const char *tag = cols[tag_col];
    int type = tag[0] == 'O' && tag[1] == 0 ? -1 : map_type(tag + 2);
    guint8 t = WN_ENT_TAG_O;
    if (type >= 0) {
      gboolean begins = tag[0] == 'B' || tag[0] == 'S' || tag[0] == 'U' || b.prev_type != type;
      t = begins ? WN_ENT_TAG_B(type) : WN_ENT_TAG_I(type);
    }
    b.prev_type = type;
    if (b.text->len > 0)
      g_string_append_c(b.text, ' ');
    gsize start = b.text->len;
    g_string_append(b.text, cols[tok_col]);
    gsize end = b.text->len;
    g_array_append_val(b.offsets, start);
    g_array_append_val(b.offsets, end);
    g_array_append_val(b.tags, t);
  }
  builder_end_doc(&b);
  g_string_free(b.text, TRUE);
  g_array_unref(b.offsets);
  g_array_unref(b.sent_ends);
  g_array_unref(b.tags);
  g_free(b.name);
  return ok;
}

void
wn_ent_score_add(WnEntScore *score, const guint8 *gold, const guint8 *pred, guint n)
{
  /* Spans are compared exactly: same start, same end, same type. */
  guint i = 0;
  GArray *keys = g_array_new(FALSE, FALSE, sizeof(gint64));
  for (int pass = 0; pass < 2; pass++) {
    const guint8 *tags = pass == 0 ? gold : pred;
    for (i = 0; i < n;) {
      if (tags[i] == WN_ENT_TAG_O) {
        i++;
        continue;
      }
      int type = WN_ENT_TAG_TYPE(tags[i]);
      guint j = i + 1;
      while (j < n && tags[j] == WN_ENT_TAG_I(type))
        j++;
      gint64 key = ((gint64)i << 32) | ((gint64)j << 4) | type;
      if (pass == 0) {
        g_array_append_val(keys, key);
        score->fn[type]++;
      } else {
        score->fp[type]++;
        for (guint k = 0; k < keys->len; k++)
          if (g_array_index(keys, gint64, k) == key) {
            score->tp[type]++;
            score->fp[type]--;
            score->fn[type]--;
            break;
          }
      }
      i = j;
    }
  }
  g_array_unref(keys);
}

double
wn_ent_score_print(const WnEntScore *score, FILE *out, const char *prefix)
{
  gsize tp = 0, fp = 0, fn = 0;
  for (int t = 0; t < WN_ENT_N_MODEL_TYPES; t++) {
    double p =
        score->tp[t] + score->fp[t] ? (double)score->tp[t] / (score->tp[t] + score->fp[t]) : 0;
    double r =
        score->tp[t] + score->fn[t] ? (double)score->tp[t] / (score->tp[t] + score->fn[t]) : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    fprintf(out,
            "%s%-7s P %.3f  R %.3f  F1 %.3f  (gold %" G_GSIZE_FORMAT ", predicted %" G_GSIZE_FORMAT
            ")\n",
            prefix, wn_ent_model_type_label(t), p, r, f, score->tp[t] + score->fn[t],
            score->tp[t] + score->fp[t]);
    tp += score->tp[t];
    fp += score->fp[t];
    fn += score->fn[t];
  }
  double p = tp + fp ? (double)tp / (tp + fp) : 0, r = tp + fn ? (double)tp / (tp + fn) : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  fprintf(out, "%s%-7s P %.3f  R %.3f  F1 %.3f\n", prefix, "ALL", p, r, f);
  return f;
}
