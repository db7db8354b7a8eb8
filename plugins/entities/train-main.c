/* train-main.c: winnow-train-entities, the entity stage's own tool: trains a model
 * from CoNLL/IOB files (printing per-label scores on a held-out file after each
 * epoch) and evaluates a model, alone or with the whole tagger, on any such file.
 *
 *   winnow-train-entities --dev dev.iob2 -o entities.model train1.iob2 train2.conll
 *   winnow-train-entities --eval --model entities.model dev.iob2 */
#include "ent.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
  WnEntCorpus *dev;
} EpochData;

static WnEntScore
score_model(const WnEntModel *model, WnEntCorpus *corpus)
{
  WnEntScore score = {0};
  for (guint d = 0; d < corpus->docs->len; d++) {
    WnEntCorpusDoc *cd = corpus->docs->pdata[d];
    guint n = cd->doc->toks->len;
    g_autofree guint8 *pred = g_new0(guint8, n);
    wn_ent_tag_tokens(model, cd->doc, pred, NULL);
    wn_ent_score_add(&score, (const guint8 *)cd->tags->data, pred, n);
  }
  return score;
}

static gboolean show_errors;

/* Prints the spans of `tags` that the other sequence lacks, marked with `mark`. */
static void
print_diff(const WnEntDoc *doc, const guint8 *tags, const guint8 *other, const char *mark)
{
  const WnEntTok *toks = (const WnEntTok *)doc->toks->data;
  guint n = doc->toks->len;
  for (guint i = 0; i < n;) {
    if (tags[i] == WN_ENT_TAG_O) {
      i++;
      continue;
    }
    int type = WN_ENT_TAG_TYPE(tags[i]);
    guint j = i + 1;
    while (j < n && tags[j] == WN_ENT_TAG_I(type))
      j++;
    gboolean same = other[i] == tags[i] && (j == n || other[j] != WN_ENT_TAG_I(type));
    for (guint k = i + 1; k < j && same; k++)
      same = other[k] == tags[k];
    if (!same) {
      gsize a = toks[i > 3 ? i - 3 : 0].start, b = toks[MIN(j + 3, n) - 1].end;
      printf("%s %-6s %-30.*s | %.*s\n", mark, wn_ent_model_type_label(type),
             (int)(toks[j - 1].end - toks[i].start), doc->text + toks[i].start, (int)(b - a),
             doc->text + a);
    }
    i = j;
  }
}

static WnEntScore
score_tagger(const WnEntTagger *tagger, WnEntCorpus *corpus)
{
  WnEntScore score = {0};
  for (guint d = 0; d < corpus->docs->len; d++) {
    WnEntCorpusDoc *cd = corpus->docs->pdata[d];
    guint n = cd->doc->toks->len;
    g_autofree guint8 *pred = g_new0(guint8, n);
    g_autoptr(GArray) spans = g_array_new(FALSE, FALSE, sizeof(WnEntSpan));
    wn_ent_tagger_run(tagger, cd->doc, spans);
    wn_ent_spans_to_tags(cd->doc, spans, pred);
    wn_ent_score_add(&score, (const guint8 *)cd->tags->data, pred, n);
    if (show_errors && tagger->consistency) {
      print_diff(cd->doc, (const guint8 *)cd->tags->data, pred, "MISSED");
      print_diff(cd->doc, pred, (const guint8 *)cd->tags->data, "WRONG ");
    }
  }
  return score;
}

static void
on_epoch(guint epoch, const WnEntModel *model, gpointer user_data)
{
  EpochData *data = user_data;
  if (data->dev == NULL)
    return;
  WnEntScore score = score_model(model, data->dev);
  g_autofree char *prefix = g_strdup_printf("epoch %2u  ", epoch);
  wn_ent_score_print(&score, stdout, prefix);
  fflush(stdout);
}

static void
mark_corpus(const WnGazetteer *gaz, WnEntCorpus *corpus)
{
  for (guint d = 0; d < corpus->docs->len; d++)
    wn_gazetteer_mark(gaz, ((WnEntCorpusDoc *)corpus->docs->pdata[d])->doc);
}

static gboolean
read_corpus(WnEntCorpus *corpus, char **files, GError **error)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (!wn_ent_corpus_read_conll(corpus, files[i], error))
      return FALSE;
  return TRUE;
}

int
main(int argc, char **argv)
{
  g_autofree char *dev_path = NULL, *out_path = NULL, *model_path = NULL, *data_dir = NULL;
  int epochs = 10, hash_bits = 20, seed = 1;
  double prune = 0.0;
  gboolean eval = FALSE, no_gaz = FALSE;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
      {"dev", 'd', 0, G_OPTION_ARG_FILENAME, &dev_path, "Held-out CoNLL file scored each epoch",
       "FILE"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Where to write the model", "FILE"},
      {"epochs", 'e', 0, G_OPTION_ARG_INT, &epochs, "Training epochs (default 10)", "N"},
      {"hash-bits", 'b', 0, G_OPTION_ARG_INT, &hash_bits, "Feature hash bits (default 20)", "N"},
      {"prune", 'p', 0, G_OPTION_ARG_DOUBLE, &prune,
       "Drop features whose largest |weight| is below this (default 0)", "W"},
      {"seed", 's', 0, G_OPTION_ARG_INT, &seed, "Shuffling seed (default 1)", "N"},
      {"data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
       "Folder of the shipped name lists (default: entities-data beside this program, else "
       "in the installed stages' folder)",
       "DIR"},
      {"no-gazetteers", 0, 0, G_OPTION_ARG_NONE, &no_gaz, "Train without name-list features", NULL},
      {"eval", 0, 0, G_OPTION_ARG_NONE, &eval, "Evaluate --model on the files instead of training",
       NULL},
      {"show-errors", 0, 0, G_OPTION_ARG_NONE, &show_errors,
       "With --eval: print the spans the whole tagger missed or got wrong", NULL},
      {"model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path, "Model to evaluate (--eval)", "FILE"},
      {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE..."},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("FILE... - train or evaluate the "
                                                       "winnow entity tagger");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
    g_printerr("winnow-train-entities: %s\n", error->message);
    return 2;
  }
  if (files == NULL || files[0] == NULL || (eval && model_path == NULL) ||
      (!eval && out_path == NULL) || epochs < 1 || hash_bits < 12 || hash_bits > 22) {
    g_printerr("winnow-train-entities: need CoNLL files and either -o MODEL (training) or "
               "--eval --model MODEL; --hash-bits must be 12..22\n");
    return 2;
  }
  if (data_dir == NULL) {
    /* Beside the program in a build tree; else where the stage is installed. */
    g_autofree char *exe_dir = g_path_get_dirname(argv[0]);
    data_dir = g_build_filename(exe_dir, "entities-data", NULL);
    if (!g_file_test(data_dir, G_FILE_TEST_IS_DIR)) {
      g_free(data_dir);
      data_dir = g_build_filename(ENT_PLUGINSDIR, "entities-data", NULL);
    }
  }
  g_autoptr(WnGazetteer) gaz = wn_gazetteer_new();
  if (!no_gaz && !wn_gazetteer_load_default(gaz, data_dir, &error)) {
    g_printerr("winnow-train-entities: %s (use --data-dir)\n", error->message);
    return 1;
  }

  if (eval) {
    g_autoptr(WnEntCorpus) corpus = wn_ent_corpus_new();
    if (!read_corpus(corpus, files, &error)) {
      g_printerr("winnow-train-entities: %s\n", error->message);
      return 1;
    }
    WnEntTagger *tagger = g_new0(WnEntTagger, 1);
    tagger->model = wn_ent_model_load(model_path, &error);
    if (tagger->model == NULL) {
      g_printerr("winnow-train-entities: %s\n", error->message);
      g_free(tagger);
      return 1;
    }
    tagger->gaz = g_steal_pointer(&gaz);
    mark_corpus(tagger->gaz, corpus);
    printf("%" G_GSIZE_FORMAT " sentences, %" G_GSIZE_FORMAT " tokens\n", corpus->n_sentences,
           corpus->n_tokens);
    WnEntScore s = score_model(tagger->model, corpus);
    wn_ent_score_print(&s, stdout, "model        ");
    tagger->consistency = FALSE;
    s = score_tagger(tagger, corpus);
    wn_ent_score_print(&s, stdout, "tagger       ");
    tagger->consistency = TRUE;
    s = score_tagger(tagger, corpus);
    wn_ent_score_print(&s, stdout, "+consistency ");
    wn_ent_tagger_free(tagger);
    return 0;
  }

  g_autoptr(WnEntCorpus) train = wn_ent_corpus_new();
  g_autoptr(WnEntCorpus) dev = NULL;
  gint64 t0 = g_get_monotonic_time();
  if (!read_corpus(train, files, &error)) {
    g_printerr("winnow-train-entities: %s\n", error->message);
    return 1;
  }
  mark_corpus(gaz, train);
  if (dev_path != NULL) {
    dev = wn_ent_corpus_new();
    if (!wn_ent_corpus_read_conll(dev, dev_path, &error)) {
      g_printerr("winnow-train-entities: %s\n", error->message);
      return 1;
    }
    mark_corpus(gaz, dev);
  }
  printf("training on %" G_GSIZE_FORMAT " sentences, %" G_GSIZE_FORMAT
         " tokens; %u gazetteer phrases\n",
         train->n_sentences, train->n_tokens, wn_gazetteer_size(gaz));
  EpochData data = {dev};
  WnEntTrainOptions opts = {
      .epochs = epochs, .hash_bits = hash_bits, .prune = prune, .seed = seed, .verbose = TRUE};
  g_autoptr(WnEntModel) model = wn_ent_train(train, &opts, on_epoch, &data);
  if (!wn_ent_model_save(model, out_path, &error)) {
    g_printerr("winnow-train-entities: %s\n", error->message);
    return 1;
  }
  printf("wrote %s: %u features, %.1f s\n", out_path, wn_ent_model_n_features(model),
         (g_get_monotonic_time() - t0) / 1e6);
  return 0;
}
