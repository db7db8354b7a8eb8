/* pipeline_file.c: reads a pipeline file. A small JSON parser of our own, so
 * that every key has a line:col for messages and duplicate keys are caught
 * (json-glib keeps the last one silently), then the shape check. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline-private.h"
#include "suggest.h"

/* ---- problems ---------------------------------------------------------- */

void
wn_problems_init(WnProblems *problems, const char *file)
{
  problems->file = g_strdup(file);
  problems->errors = g_ptr_array_new_with_free_func((GDestroyNotify)g_error_free);
  problems->positions = g_array_new(FALSE, FALSE, sizeof(WnPos));
}

void
wn_problems_clear(WnProblems *problems)
{
  g_clear_pointer(&problems->file, g_free);
  g_clear_pointer(&problems->errors, g_ptr_array_unref);
  g_clear_pointer(&problems->positions, g_array_unref);
}

static void
add_error(WnProblems *problems, const WnPos *pos, GError *error)
{
  WnPos p = pos != NULL ? *pos : (WnPos){0, 0};
  g_ptr_array_add(problems->errors, error);
  g_array_append_val(problems->positions, p);
}

static char *
location(const WnProblems *problems, const WnPos *pos)
{
  if (pos != NULL && pos->line > 0)
    return g_strdup_printf("%s:%u:%u", problems->file, pos->line, pos->col);
  return g_strdup(problems->file);
}

void
wn_problems_add(WnProblems *problems, const WnPos *pos, WnError code, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *msg = g_strdup_vprintf(format, args);
  va_end(args);
  g_autofree char *where = location(problems, pos);
  add_error(problems, pos, g_error_new(WN_ERROR, code, "%s: %s", where, msg));
}

void
wn_problems_take(WnProblems *problems, const WnPos *pos, GError *error)
{
  g_autofree char *where = location(problems, pos);
  /* Loader messages often start with the stage file's path already; the
   * pipeline position goes in front all the same, since that is what to edit. */
  g_prefix_error(&error, "%s: ", where);
  if (error->domain != WN_ERROR) {
    GError *wrapped = g_error_new_literal(WN_ERROR, WN_ERROR_FAILED, error->message);
    g_error_free(error);
    error = wrapped;
  }
  add_error(problems, pos, error);
}

typedef struct {
  WnPos pos;
  guint index;
} ProblemRef;

static int
compare_problems(const void *pa, const void *pb)
{
  const ProblemRef *a = pa, *b = pb;
  if (a->pos.line != b->pos.line)
    return a->pos.line < b->pos.line ? -1 : 1;
  if (a->pos.col != b->pos.col)
    return a->pos.col < b->pos.col ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

GError *
wn_problems_to_error(const WnProblems *problems)
{
  guint n = problems->errors->len;
  if (n == 0)
    return NULL;
  if (n == 1)
    return g_error_copy(g_ptr_array_index(problems->errors, 0));
  /* In file order, so the list reads top to bottom like the file; problems
   * without a place come first, and problems at one place keep the order they
   * were found in. */
  g_autofree ProblemRef *order = g_new(ProblemRef, n);
  const WnPos *pos = (const WnPos *)(gpointer)problems->positions->data;
  for (guint i = 0; i < n; i++)
    order[i] = (ProblemRef){pos[i], i};
  qsort(order, n, sizeof *order, compare_problems);
  g_autoptr(GString) msg = g_string_new(NULL);
  g_string_printf(msg, "%s: %u problems:", problems->file, n);
  for (guint i = 0; i < n; i++) {
    const GError *e = g_ptr_array_index(problems->errors, order[i].index);
    g_string_append_c(msg, '\n');
    g_string_append(msg, e->message);
  }
  return g_error_new_literal(WN_ERROR, WN_ERROR_PIPELINE_INVALID, msg->str);
}

/* ---- JSON with positions ----------------------------------------------- */

#define MAX_DEPTH 256

typedef struct {
  const char *p, *start, *end;
  guint line;
  const char *line_start;
  WnJsonDoc *doc;
  WnProblems *problems;
  gboolean failed;
  /* The last column computed, so that positions on one very long line cost
   * linear time overall rather than quadratic. */
  const char *col_line_start, *col_at;
  guint col_val;
} Parser;

static WnPos
parser_pos(Parser *ps, const char *at)
{
  /* Columns count characters, so skip UTF-8 continuation bytes. */
  const char *q = ps->line_start;
  guint col = 1;
  if (ps->col_line_start == ps->line_start && ps->col_at != NULL && at >= ps->col_at) {
    q = ps->col_at;
    col = ps->col_val;
  }
  for (; q < at; q++)
    if (((guchar)*q & 0xC0) != 0x80)
      col++;
  ps->col_line_start = ps->line_start;
  ps->col_at = at;
  ps->col_val = col;
  return (WnPos){ps->line, col};
}

static void G_GNUC_PRINTF(3, 4) syntax_error(Parser *ps, const char *at, const char *format, ...)
{
  if (ps->failed)
    return;
  ps->failed = TRUE;
  va_list args;
  va_start(args, format);
  g_autofree char *msg = g_strdup_vprintf(format, args);
  va_end(args);
  WnPos pos = parser_pos(ps, at);
  wn_problems_add(ps->problems, &pos, WN_ERROR_PIPELINE_SYNTAX, "invalid JSON: %s", msg);
}

static void
skip_ws(Parser *ps)
{
  while (ps->p < ps->end) {
    char c = *ps->p;
    if (c == '\n') {
      ps->line++;
      ps->line_start = ps->p + 1;
    } else if (c != ' ' && c != '\t' && c != '\r')
      return;
    ps->p++;
  }
}

static const char *
describe(const Parser *ps, char *buf, gsize size)
{
  if (ps->p >= ps->end)
    return "the end of the file";
  guchar c = *ps->p;
  if (c >= 0x21 && c < 0x7F)
    g_snprintf(buf, size, "'%c'", c);
  else
    g_snprintf(buf, size, "byte 0x%02X", c);
  return buf;
}

static void
record_pos(Parser *ps, const char *path, const char *at)
{
  WnPos *pos = g_new(WnPos, 1);
  *pos = parser_pos(ps, at);
  g_hash_table_replace(ps->doc->positions, g_strdup(path), pos);
}

static guint
hex4(const char *p)
{
  guint v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
    else
      return G_MAXUINT;
  }
  return v;
}

static char *
parse_string(Parser *ps)
{
  const char *open = ps->p;
  ps->p++; /* the opening quote */
  GString *s = g_string_new(NULL);
  while (TRUE) {
    if (ps->p >= ps->end) {
      WnPos where = parser_pos(ps, open);
      syntax_error(ps, ps->p, "the string that starts at line %u, column %u is never closed",
                   where.line, where.col);
      break;
    }
    guchar c = *ps->p;
    if (c == '"') {
      ps->p++;
      return g_string_free(s, FALSE);
    }
    if (c < 0x20) {
      syntax_error(ps, ps->p,
                   c == '\n' ? "a line break inside a string (write it as \\n)"
                             : "control character 0x%02X inside a string (escape it as \\u00XX)",
                   c);
      break;
    }
    if (c == '\\') {
      if (ps->p + 1 >= ps->end) {
        syntax_error(ps, ps->p, "the file ends inside an escape sequence");
        break;
      }
      char e = ps->p[1];
      const char *simple = strchr("\"\\/bfnrt", e);
      if (e != '\0' && simple != NULL) {
        static const char repl[] = "\"\\/\b\f\n\r\t";
        g_string_append_c(s, repl[simple - "\"\\/bfnrt"]);
        ps->p += 2;
        continue;
      }
      if (e != 'u') {
        syntax_error(ps, ps->p, "invalid escape \\%c in a string", e);
        break;
      }
      guint cp = ps->end - ps->p >= 6 ? hex4(ps->p + 2) : G_MAXUINT;
      if (cp == G_MAXUINT) {
        syntax_error(ps, ps->p, "\\u must be followed by four hexadecimal digits");
        break;
      }
      ps->p += 6;
      if (cp >= 0xD800 && cp <= 0xDBFF && ps->end - ps->p >= 6 && ps->p[0] == '\\' &&
          ps->p[1] == 'u') {
        guint lo = hex4(ps->p + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          ps->p += 6;
        }
      }
      if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0)
        cp = 0xFFFD; /* a lone surrogate or NUL cannot live in our strings */
      g_string_append_unichar(s, cp);
      continue;
    }
    /* Copy a run of plain bytes, checking it is valid UTF-8. */
    const char *run = ps->p;
    while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && (guchar)*ps->p >= 0x20)
      ps->p++;
    const char *bad = NULL;
    if (!g_utf8_validate_len(run, ps->p - run, &bad)) {
      syntax_error(ps, bad, "invalid UTF-8 in a string");
      break;
    }
    g_string_append_len(s, run, ps->p - run);
  }
  g_string_free(s, TRUE);
  return NULL;
}

static JsonNode *parse_value(Parser *ps, const char *path, int depth);

typedef enum {
  SEP_MORE,   /* a comma: another member or item follows */
  SEP_CLOSE,  /* the closing bracket, passed */
  SEP_FAILED, /* a syntax error, reported */
} Separator;

/* What follows a member's value (`key`) or an array item (key NULL): a comma,
 * or `close` ('}' or ']'). */
static Separator
separator(Parser *ps, char close, const char *key)
{
  char buf[16];
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == ',') {
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
      syntax_error(ps, ps->p, "a comma before '%c' (JSON allows no trailing comma)", close);
      return SEP_FAILED;
    }
    return SEP_MORE;
  }
  if (ps->p < ps->end && *ps->p == close) {
    ps->p++;
    return SEP_CLOSE;
  }
  if (key != NULL)
    syntax_error(ps, ps->p, "expected ',' or '%c' after the value of \"%s\", found %s", close, key,
                 describe(ps, buf, sizeof buf));
  else
    syntax_error(ps, ps->p, "expected ',' or '%c' after an array item, found %s", close,
                 describe(ps, buf, sizeof buf));
  return SEP_FAILED;
}

static JsonNode *
parse_object(Parser *ps, const char *path, int depth)
{
  JsonObject *object = json_object_new();
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  ps->p++; /* '{' */
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == '}') {
    ps->p++;
    goto done;
  }
  while (!ps->failed) {
    char buf[16];
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '"') {
      syntax_error(ps, ps->p, "expected a key in double quotes, found %s",
                   describe(ps, buf, sizeof buf));
      break;
    }
    const char *key_at = ps->p;
    g_autofree char *key = parse_string(ps);
    if (key == NULL)
      break;
    g_autofree char *member_path =
        path[0] != '\0' ? g_strconcat(path, "/", key, NULL) : g_strdup(key);
    WnPos key_pos = parser_pos(ps, key_at);
    WnPos *first = g_hash_table_lookup(seen, key);
    if (first != NULL)
      wn_problems_add(ps->problems, &key_pos, WN_ERROR_PIPELINE_DUPLICATE_KEY,
                      "duplicate key \"%s\" (first given at line %u, column %u); keep only one",
                      key, first->line, first->col);
    else {
      g_hash_table_insert(seen, g_strdup(key), g_memdup2(&key_pos, sizeof key_pos));
      record_pos(ps, member_path, key_at);
    }
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ':') {
      syntax_error(ps, ps->p, "expected ':' after the key \"%s\", found %s", key,
                   describe(ps, buf, sizeof buf));
      break;
    }
    ps->p++;
    JsonNode *value = parse_value(ps, member_path, depth + 1);
    if (value == NULL)
      break;
    if (first == NULL)
      json_object_set_member(object, key, value);
    else
      json_node_unref(value); /* the first one stays, as the message says "first given" */
    const Separator sep = separator(ps, '}', key);
    if (sep == SEP_MORE)
      continue;
    if (sep == SEP_CLOSE)
      goto done;
    break;
  }
  json_object_unref(object);
  return NULL;
done:;
  JsonNode *node = json_node_new(JSON_NODE_OBJECT);
  json_node_take_object(node, object);
  return node;
}

static JsonNode *
parse_array(Parser *ps, const char *path, int depth)
{
  JsonArray *array = json_array_new();
  ps->p++; /* '[' */
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == ']') {
    ps->p++;
    goto done;
  }
  while (!ps->failed) {
    skip_ws(ps);
    g_autofree char *item_path = path[0] != '\0'
                                     ? g_strdup_printf("%s/%u", path, json_array_get_length(array))
                                     : g_strdup_printf("%u", json_array_get_length(array));
    if (ps->p < ps->end)
      record_pos(ps, item_path, ps->p);
    JsonNode *value = parse_value(ps, item_path, depth + 1);
    if (value == NULL)
      break;
    json_array_add_element(array, value);
    const Separator sep = separator(ps, ']', NULL);
    if (sep == SEP_MORE)
      continue;
    if (sep == SEP_CLOSE)
      goto done;
    break;
  }
  json_array_unref(array);
  return NULL;
done:;
  JsonNode *node = json_node_new(JSON_NODE_ARRAY);
  json_node_take_array(node, array);
  return node;
}

static JsonNode *
parse_number(Parser *ps)
{
  const char *s = ps->p;
  const char *q = s;
  gboolean is_int = TRUE;
  g_autofree char *text = NULL;
  if (q < ps->end && *q == '-')
    q++;
  if (q >= ps->end || !g_ascii_isdigit(*q))
    goto bad;
  if (*q == '0' && q + 1 < ps->end && g_ascii_isdigit(q[1]))
    goto bad;
  while (q < ps->end && g_ascii_isdigit(*q))
    q++;
  if (q < ps->end && *q == '.') {
    is_int = FALSE;
    q++;
    if (q >= ps->end || !g_ascii_isdigit(*q))
      goto bad;
    while (q < ps->end && g_ascii_isdigit(*q))
      q++;
  }
  if (q < ps->end && (*q == 'e' || *q == 'E')) {
    is_int = FALSE;
    q++;
    if (q < ps->end && (*q == '+' || *q == '-'))
      q++;
    if (q >= ps->end || !g_ascii_isdigit(*q))
      goto bad;
    while (q < ps->end && g_ascii_isdigit(*q))
      q++;
  }
  text = g_strndup(s, q - s);
  ps->p = q;
  JsonNode *node = json_node_alloc();
  if (is_int) {
    char *end = NULL;
    errno = 0;
    gint64 v = g_ascii_strtoll(text, &end, 10);
    if (errno == 0)
      return json_node_init_int(node, v);
  }
  double d = g_ascii_strtod(text, NULL);
  if (!isfinite(d)) {
    json_node_free(node);
    syntax_error(ps, s, "the number %s is too large", text);
    return NULL;
  }
  return json_node_init_double(node, d);
bad:
  syntax_error(ps, s, "malformed number");
  return NULL;
}

static JsonNode *
parse_value(Parser *ps, const char *path, int depth)
{
  char buf[16];
  skip_ws(ps);
  if (depth > MAX_DEPTH) {
    syntax_error(ps, ps->p, "nested more than %d levels deep", MAX_DEPTH);
    return NULL;
  }
  if (ps->p >= ps->end) {
    syntax_error(ps, ps->p, "the file ends where a value was expected");
    return NULL;
  }
  switch (*ps->p) {
  case '{':
    return parse_object(ps, path, depth);
  case '[':
    return parse_array(ps, path, depth);
  case '"': {
    char *s = parse_string(ps);
    if (s == NULL)
      return NULL;
    JsonNode *node = json_node_alloc();
    json_node_init_string(node, s);
    g_free(s);
    return node;
  }
  default:
    break;
  }
  static const char *const words[] = {"true", "false", "null"};
  for (int w = 0; w < 3; w++) {
    gsize n = strlen(words[w]);
    if ((gsize)(ps->end - ps->p) >= n && memcmp(ps->p, words[w], n) == 0 &&
        (ps->p + n == ps->end || !g_ascii_isalnum(ps->p[n]))) {
      ps->p += n;
      JsonNode *node = json_node_alloc();
      return w == 2 ? json_node_init_null(node) : json_node_init_boolean(node, w == 0);
    }
  }
  if (*ps->p == '-' || g_ascii_isdigit(*ps->p))
    return parse_number(ps);
  if (*ps->p == '\'')
    syntax_error(ps, ps->p, "strings take double quotes, not single quotes");
  else
    syntax_error(ps, ps->p, "expected a value, found %s", describe(ps, buf, sizeof buf));
  return NULL;
}

gboolean
wn_json_doc_parse(WnJsonDoc *doc, const char *data, gsize len, WnProblems *problems)
{
  doc->root = NULL;
  doc->positions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  Parser ps = {.p = data,
               .start = data,
               .end = data + len,
               .line = 1,
               .line_start = data,
               .doc = doc,
               .problems = problems};
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
    ps.p += 3; /* a byte-order mark some editors add */
    ps.line_start = ps.p;
  }
  skip_ws(&ps);
  if (ps.p >= ps.end) {
    syntax_error(&ps, ps.p,
                 "the file is empty; a pipeline is an object like "
                 "{\"stages\": [{\"stage\": \"sentences\"}]}");
    return FALSE;
  }
  JsonNode *root = parse_value(&ps, "", 0);
  if (root == NULL)
    return FALSE;
  skip_ws(&ps);
  if (ps.p < ps.end) {
    char buf[16];
    syntax_error(&ps, ps.p, "unexpected %s after the end of the top-level value",
                 describe(&ps, buf, sizeof buf));
    json_node_unref(root);
    return FALSE;
  }
  doc->root = root;
  return TRUE;
}

void
wn_json_doc_clear(WnJsonDoc *doc)
{
  g_clear_pointer(&doc->root, json_node_unref);
  g_clear_pointer(&doc->positions, g_hash_table_unref);
}

WnPos
wn_json_doc_pos(const WnJsonDoc *doc, const char *path)
{
  const WnPos *pos = doc->positions != NULL ? g_hash_table_lookup(doc->positions, path) : NULL;
  if (pos != NULL)
    return *pos;
  if (path[0] == '\0' || doc->positions == NULL)
    return (WnPos){1, 1};
  /* Fall back to the enclosing value's position. */
  const char *slash = strrchr(path, '/');
  g_autofree char *parent = slash != NULL ? g_strndup(path, slash - path) : g_strdup("");
  return wn_json_doc_pos(doc, parent);
}

/* ---- the pipeline's shape ---------------------------------------------- */

static void
stage_spec_free(gpointer data)
{
  WnStageSpec *s = data;
  g_free(s->stage);
  if (s->options != NULL)
    json_object_unref(s->options);
  g_free(s->options_path);
  g_free(s);
}

void
wn_pipeline_spec_free(WnPipelineSpec *spec)
{
  if (spec == NULL)
    return;
  g_free(spec->file);
  g_free(spec->base_dir);
  g_free(spec->name);
  g_free(spec->description);
  if (spec->stages != NULL)
    g_ptr_array_unref(spec->stages);
  wn_json_doc_clear(&spec->json);
  g_free(spec);
}

const char *
wn_json_kind(JsonNode *node, gboolean integers)
{
  switch (json_node_get_node_type(node)) {
  case JSON_NODE_OBJECT:
    return "an object";
  case JSON_NODE_ARRAY:
    return "an array";
  case JSON_NODE_NULL:
    return "null";
  case JSON_NODE_VALUE:
    break;
  }
  GType t = json_node_get_value_type(node);
  if (t == G_TYPE_STRING)
    return "a string";
  if (t == G_TYPE_BOOLEAN)
    return "a boolean";
  if (t == G_TYPE_INT64)
    return integers ? "an integer" : "a number";
  if (t == G_TYPE_DOUBLE)
    return "a number";
  return "a value"; /* a value node never set (a parsed one always is) */
}

static const char *
kind_of(JsonNode *node)
{
  return wn_json_kind(node, FALSE);
}

static void
unknown_key(WnProblems *problems, const WnPos *pos, const char *what, const char *key,
            const char *const *allowed)
{
  g_autofree char *list = wn_join_names(allowed);
  const char *near = wn_suggest(key, allowed);
  g_autofree char *hint =
      near != NULL ? g_strdup_printf("did you mean \"%s\"? ", near) : g_strdup("");
  wn_problems_add(problems, pos, WN_ERROR_PIPELINE_SHAPE, "unknown key \"%s\" in %s; %sallowed: %s",
                  key, what, hint, list);
}

static void
parse_stage_entry(WnPipelineSpec *spec, JsonNode *node, guint index, WnProblems *problems)
{
  g_autofree char *path = g_strdup_printf("stages/%u", index);
  WnPos pos = wn_json_doc_pos(&spec->json, path);
  /* "sentences" is shorthand for {"stage": "sentences"}. */
  if (JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_STRING) {
    WnStageSpec *s = g_new0(WnStageSpec, 1);
    s->stage = g_strdup(json_node_get_string(node));
    s->pos = pos;
    s->options_path = g_strconcat(path, "/options", NULL);
    g_ptr_array_add(spec->stages, s);
    return;
  }
  if (!JSON_NODE_HOLDS_OBJECT(node)) {
    wn_problems_add(problems, &pos, WN_ERROR_PIPELINE_SHAPE,
                    "stage %u must be an object like {\"stage\": \"NAME\", \"options\": {...}}, "
                    "not %s",
                    index + 1, kind_of(node));
    return;
  }
  JsonObject *obj = json_node_get_object(node);
  static const char *const allowed[] = {"stage", "options", NULL};
  gboolean ok = TRUE;
  g_autoptr(GList) members = json_object_get_members(obj);
  for (GList *l = members; l != NULL; l = l->next) {
    const char *key = l->data;
    if (g_strv_contains(allowed, key) || key[0] == '_' || strcmp(key, "comment") == 0)
      continue;
    g_autofree char *kpath = g_strconcat(path, "/", key, NULL);
    WnPos kpos = wn_json_doc_pos(&spec->json, kpath);
    unknown_key(problems, &kpos, "a stage entry", key, allowed);
  }
  JsonNode *stage = json_object_get_member(obj, "stage");
  g_autofree char *stage_path = g_strconcat(path, "/stage", NULL);
  WnPos stage_pos = wn_json_doc_pos(&spec->json, stage_path);
  if (stage == NULL) {
    wn_problems_add(problems, &pos, WN_ERROR_PIPELINE_SHAPE,
                    "stage %u has no \"stage\" key naming the stage to run", index + 1);
    ok = FALSE;
  } else if (!JSON_NODE_HOLDS_VALUE(stage) || json_node_get_value_type(stage) != G_TYPE_STRING ||
             json_node_get_string(stage)[0] == '\0') {
    wn_problems_add(problems, &stage_pos, WN_ERROR_PIPELINE_SHAPE,
                    "\"stage\" must be a non-empty string (a stage name or a path to a .so), "
                    "not %s",
                    kind_of(stage));
    ok = FALSE;
  }
  JsonNode *options = json_object_get_member(obj, "options");
  g_autofree char *options_path = g_strconcat(path, "/options", NULL);
  if (options != NULL && !JSON_NODE_HOLDS_OBJECT(options)) {
    WnPos opos = wn_json_doc_pos(&spec->json, options_path);
    wn_problems_add(problems, &opos, WN_ERROR_PIPELINE_SHAPE,
                    "\"options\" must be an object of option names and values, not %s",
                    kind_of(options));
    ok = FALSE;
  }
  if (!ok)
    return;
  WnStageSpec *s = g_new0(WnStageSpec, 1);
  s->stage = g_strdup(json_node_get_string(stage));
  s->pos = stage_pos;
  if (options != NULL)
    s->options = json_object_ref(json_node_get_object(options));
  s->options_path = g_steal_pointer(&options_path);
  g_ptr_array_add(spec->stages, s);
}

static char *
get_string_member(WnPipelineSpec *spec, JsonObject *root, const char *key, WnProblems *problems)
{
  JsonNode *node = json_object_get_member(root, key);
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_STRING)
    return g_strdup(json_node_get_string(node));
  WnPos pos = wn_json_doc_pos(&spec->json, key);
  wn_problems_add(problems, &pos, WN_ERROR_PIPELINE_SHAPE, "\"%s\" must be a string, not %s", key,
                  kind_of(node));
  return NULL;
}

WnPipelineSpec *
wn_pipeline_spec_parse(const char *data, gsize len, const char *file, const char *base_dir,
                       WnProblems *problems)
{
  g_autoptr(WnPipelineSpec) spec = g_new0(WnPipelineSpec, 1);
  spec->file = g_strdup(file);
  spec->base_dir = g_strdup(base_dir);
  spec->stages = g_ptr_array_new_with_free_func(stage_spec_free);
  if (!wn_json_doc_parse(&spec->json, data, len, problems))
    return NULL;
  WnPos top = {1, 1};
  if (!JSON_NODE_HOLDS_OBJECT(spec->json.root)) {
    wn_problems_add(problems, &top, WN_ERROR_PIPELINE_SHAPE,
                    "a pipeline must be a JSON object like {\"name\": \"...\", \"stages\": "
                    "[{\"stage\": \"sentences\"}]}, not %s",
                    kind_of(spec->json.root));
    return g_steal_pointer(&spec);
  }
  JsonObject *root = json_node_get_object(spec->json.root);
  static const char *const allowed[] = {"name", "description", "stages", NULL};
  g_autoptr(GList) members = json_object_get_members(root);
  for (GList *l = members; l != NULL; l = l->next) {
    const char *key = l->data;
    if (g_strv_contains(allowed, key) || key[0] == '_' || strcmp(key, "comment") == 0)
      continue;
    WnPos pos = wn_json_doc_pos(&spec->json, key);
    unknown_key(problems, &pos, "the pipeline", key, allowed);
  }
  spec->name = get_string_member(spec, root, "name", problems);
  if (spec->name == NULL) {
    /* Unnamed pipelines are called after their file. */
    g_autofree char *base = g_path_get_basename(file);
    char *dot = strrchr(base, '.');
    if (dot != NULL && dot != base)
      *dot = '\0';
    spec->name = g_strdup(base);
  }
  spec->description = get_string_member(spec, root, "description", problems);
  JsonNode *stages = json_object_get_member(root, "stages");
  if (stages == NULL) {
    wn_problems_add(problems, &top, WN_ERROR_PIPELINE_SHAPE,
                    "the pipeline has no \"stages\" key; add \"stages\": [{\"stage\": \"NAME\"}, "
                    "...] (an empty list is allowed)");
  } else if (!JSON_NODE_HOLDS_ARRAY(stages)) {
    WnPos pos = wn_json_doc_pos(&spec->json, "stages");
    wn_problems_add(problems, &pos, WN_ERROR_PIPELINE_SHAPE,
                    "\"stages\" must be an array of stage entries, not %s", kind_of(stages));
  } else {
    JsonArray *array = json_node_get_array(stages);
    for (guint i = 0; i < json_array_get_length(array); i++)
      parse_stage_entry(spec, json_array_get_element(array, i), i, problems);
  }
  return g_steal_pointer(&spec);
}
