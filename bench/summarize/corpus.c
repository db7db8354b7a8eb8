/* corpus.c: loads clusters of news documents for the benchmarks and splits them
 * into sentences (see corpus.h). */
#include "corpus.h"

#include <json-glib/json-glib.h>
#include <string.h>

static BenchDoc *
doc_new(const char *id, const char *text)
{
  BenchDoc *d = g_new0(BenchDoc, 1);
  d->id = g_strdup(id);
  d->text = g_strdup(text);
  d->len = strlen(text);
  d->sentences = g_array_new(FALSE, TRUE, sizeof(WnSpan));
  return d;
}

static void
doc_free(gpointer data)
{
  BenchDoc *d = data;
  g_free(d->id);
  g_free(d->text);
  g_array_free(d->sentences, TRUE);
  g_free(d);
}

static BenchCluster *
cluster_new(const char *id)
{
  BenchCluster *c = g_new0(BenchCluster, 1);
  c->id = g_strdup(id);
  c->docs = g_ptr_array_new_with_free_func(doc_free);
  return c;
}

void
bench_cluster_free(gpointer data)
{
  BenchCluster *c = data;
  g_free(c->id);
  g_ptr_array_free(c->docs, TRUE);
  g_free(c->reference);
  g_free(c);
}

GPtrArray *
bench_load_jsonl(const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  if (!g_file_get_contents(path, &contents, NULL, error))
    return NULL;
  GPtrArray *clusters = g_ptr_array_new_with_free_func(bench_cluster_free);
  g_auto(GStrv) lines = g_strsplit(contents, "\n", -1);
  g_autoptr(JsonParser) parser = json_parser_new();
  for (guint i = 0; lines[i] != NULL; i++) {
    if (lines[i][0] == '\0')
      continue;
    if (!json_parser_load_from_data(parser, lines[i], -1, error)) {
      g_prefix_error(error, "%s:%u: ", path, i + 1);
      g_ptr_array_free(clusters, TRUE);
      return NULL;
    }
    JsonObject *o = json_node_get_object(json_parser_get_root(parser));
    g_autofree char *cid =
        json_object_has_member(o, "idx")
            ? g_strdup_printf("%" G_GINT64_FORMAT, json_object_get_int_member(o, "idx"))
            : g_strdup_printf("%s:%u", path, i + 1);
    BenchCluster *c = cluster_new(json_object_get_string_member_with_default(o, "id", cid));
    if (json_object_has_member(o, "documents")) {
      JsonArray *docs = json_object_get_array_member(o, "documents");
      for (guint k = 0; k < json_array_get_length(docs); k++) {
        g_autofree char *did = g_strdup_printf("%s/%u", c->id, k);
        g_ptr_array_add(c->docs, doc_new(did, json_array_get_string_element(docs, k)));
      }
    } else {
      g_ptr_array_add(c->docs,
                      doc_new(c->id, json_object_get_string_member_with_default(o, "text", "")));
    }
    if (json_object_has_member(o, "summary"))
      c->reference = g_strdup(json_object_get_string_member(o, "summary"));
    g_ptr_array_add(clusters, c);
  }
  return clusters;
}

BenchCluster *
bench_load_text(const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  if (!g_file_get_contents(path, &contents, NULL, error))
    return NULL;
  if (!g_utf8_validate(contents, -1, NULL)) {
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not UTF-8", path);
    return NULL;
  }
  BenchCluster *c = cluster_new(path);
  g_ptr_array_add(c->docs, doc_new(path, contents));
  return c;
}

static gboolean
is_closer(char ch)
{
  return ch == '"' || ch == '\'' || ch == ')' || ch == ']';
}

static void
add_span(BenchDoc *d, gsize start, gsize end)
{
  while (start < end && g_ascii_isspace(d->text[start]))
    start++;
  while (end > start && g_ascii_isspace(d->text[end - 1]))
    end--;
  if (end > start) {
    WnSpan sp = {start, end, NULL, 0, NULL};
    g_array_append_val(d->sentences, sp);
  }
}

/* TRUE when the word ending at the period `dot` is a title or an initial
 * ("mr.", "u.s.", "j."), after which the text goes on. */
static gboolean
abbreviation_before(const char *t, gsize start, gsize dot)
{
  static const char *const abbr[] = {"mr",  "mrs", "ms",   "dr", "st",  "jr",  "sr",   "gov",
                                     "sen", "rep", "gen",  "lt", "col", "sgt", "prof", "vs",
                                     "inc", "co",  "corp", "no", "jan", "feb", "aug",  "sept",
                                     "oct", "nov", "dec",  "mt", "ft",  "ave", NULL};
  gsize b = dot;
  while (b > start && (g_ascii_isalpha(t[b - 1]) || t[b - 1] == '.'))
    b--;
  const gsize n = dot - b;
  if (n == 1 || (n >= 2 && t[dot - 2] == '.'))
    return TRUE; /* an initial or dotted letters */
  for (const char *const *a = abbr; *a != NULL; a++)
    if (strlen(*a) == n && g_ascii_strncasecmp(*a, t + b, n) == 0)
      return TRUE;
  return FALSE;
}

void
bench_split_simple(BenchDoc *d)
{
  g_array_set_size(d->sentences, 0);
  const char *t = d->text;
  gsize start = 0;
  for (gsize i = 0; i < d->len; i++) {
    if (t[i] == '\n' && i + 1 < d->len && t[i + 1] == '\n') {
      add_span(d, start, i);
      start = i + 1;
      continue;
    }
    if (t[i] != '.' && t[i] != '!' && t[i] != '?')
      continue;
    gsize j = i + 1;
    while (j < d->len &&
           (is_closer(t[j]) || (t[j] == ' ' && j + 1 < d->len && is_closer(t[j + 1]) &&
                                j + 2 < d->len && g_ascii_isspace(t[j + 2]))))
      j++;
    if (j >= d->len || !g_ascii_isspace(t[j]))
      continue;
    gsize k = j;
    while (k < d->len && g_ascii_isspace(t[k]))
      k++;
    if (k < d->len && (g_ascii_isalnum(t[k]) || t[k] == '"' || (guchar)t[k] >= 0x80) &&
        !(t[i] == '.' && abbreviation_before(t, start, i))) {
      add_span(d, start, j);
      start = j;
      i = j - 1;
    }
  }
  add_span(d, start, d->len);
}
