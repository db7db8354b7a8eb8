/* corpus.h: loading news clusters for the summarizer's benchmarks, and a plain
 * sentence splitter used only when the real sentences stage is not asked for. */
#pragma once

#include <glib.h>
#include <winnow/doc.h>

typedef struct {
  char *id;
  char *text;
  gsize len;
  GArray *sentences; /* of WnSpan */
} BenchDoc;

typedef struct {
  char *id;
  GPtrArray *docs; /* of BenchDoc* */
  char *reference; /* the human summary, or NULL */
} BenchCluster;

/* Reads JSON Lines: {"documents": [...], "summary": "..."} (clusters) or
 * {"id", "text"} (one document per cluster). */
GPtrArray *bench_load_jsonl(const char *path, GError **error);
/* One cluster per plain-text file. */
BenchCluster *bench_load_text(const char *path, GError **error);
void bench_cluster_free(gpointer cluster);

/* Splits at . ! ? (plus closing quotes/brackets) followed by space and an
 * upper-case letter, digit or quote, and at blank lines. Development only. */
void bench_split_simple(BenchDoc *doc);
/* Splits every document with the real "sentences" stage through a pipeline;
 * FALSE with error when the stage or the core is missing. */
gboolean bench_split_stage(GPtrArray *clusters, GError **error);
