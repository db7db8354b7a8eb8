/* options.c: turns a stage's option table and the pipeline file's "options"
 * object into validated values (WnOptions), reporting every bad key. */
#include <winnow/plugin.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline-private.h"
#include "suggest.h"

typedef struct {
  const WnOptionSpec *spec;
  gboolean is_set;
  gboolean b;
  gint64 i;
  double d;
  char *s;     /* STRING and PATH (NULL = unset path) */
  char **strv; /* STRING_LIST and PATH_LIST, never NULL */
} OptionValue;

struct _WnOptions {
  char *plugin_dir;
  guint n;
  OptionValue *values;
};

const char *
wn_option_type_name(WnOptionType type)
{
  switch (type) {
  case WN_OPTION_BOOL:
    return "bool";
  case WN_OPTION_INT:
    return "int";
  case WN_OPTION_DOUBLE:
    return "double";
  case WN_OPTION_STRING:
    return "string";
  case WN_OPTION_STRING_LIST:
    return "string list";
  case WN_OPTION_PATH:
    return "path";
  case WN_OPTION_PATH_LIST:
    return "path list";
  }
  return "unknown";
}

static gboolean
in_choices(const WnOptionSpec *spec, const char *value)
{
  if (spec->choices == NULL)
    return TRUE;
  for (const char *const *c = spec->choices; *c != NULL; c++)
    if (strcmp(*c, value) == 0)
      return TRUE;
  return FALSE;
}

/* Whether x lies outside the option's range (when it has one: min < max).
 * An integer is compared as a double, as C compares it with the bounds. */
static gboolean
out_of_range(const WnOptionSpec *spec, double x)
{
  return spec->min < spec->max && (x < spec->min || x > spec->max);
}

static gboolean
parse_int(const char *text, gint64 *out)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;
  char *end = NULL;
  errno = 0;
  gint64 v = g_ascii_strtoll(text, &end, 10);
  if (errno != 0 || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_double(const char *text, double *out)
{
  if (text == NULL || text[0] == '\0')
    return FALSE;
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod(text, &end);
  if (errno != 0 || *end != '\0' || !isfinite(v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* "${plugindir}" expanded; a relative result resolved against `base`. */
static char *
expand_path(const char *value, const char *plugin_dir, const char *base)
{
  g_autoptr(GString) s = g_string_new(value);
  g_string_replace(s, "${plugindir}", plugin_dir, 0);
  return g_canonicalize_filename(s->str, base);
}

static char **
split_default_list(const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_new0(char *, 1);
  char **parts = g_strsplit(text, ",", -1);
  for (char **p = parts; *p != NULL; p++)
    g_strstrip(*p);
  return parts;
}

/* Fills `v` from the spec's default; FALSE when the default itself is bad. */
static gboolean
set_default(OptionValue *v, const char *plugin_dir, char **why)
{
  const WnOptionSpec *spec = v->spec;
  const char *def = spec->default_value;
  switch (spec->type) {
  case WN_OPTION_BOOL:
    if (def == NULL || strcmp(def, "false") == 0)
      v->b = FALSE;
    else if (strcmp(def, "true") == 0)
      v->b = TRUE;
    else {
      *why = g_strdup_printf("default \"%s\" is not \"true\" or \"false\"", def);
      return FALSE;
    }
    return TRUE;
  case WN_OPTION_INT:
    if (def == NULL)
      def = "0";
    if (!parse_int(def, &v->i)) {
      *why = g_strdup_printf("default \"%s\" is not an integer", def);
      return FALSE;
    }
    if (out_of_range(spec, (double)v->i)) {
      *why = g_strdup_printf("default %s is outside its range [%g, %g]", def, spec->min, spec->max);
      return FALSE;
    }
    return TRUE;
  case WN_OPTION_DOUBLE:
    if (def == NULL)
      def = "0";
    if (!parse_double(def, &v->d)) {
      *why = g_strdup_printf("default \"%s\" is not a number", def);
      return FALSE;
    }
    if (out_of_range(spec, v->d)) {
      *why = g_strdup_printf("default %s is outside its range [%g, %g]", def, spec->min, spec->max);
      return FALSE;
    }
    return TRUE;
  case WN_OPTION_STRING:
    v->s = g_strdup(def != NULL ? def : "");
    if (def != NULL && !in_choices(spec, def)) {
      *why = g_strdup_printf("default \"%s\" is not among its choices", def);
      return FALSE;
    }
    return TRUE;
  case WN_OPTION_STRING_LIST:
    v->strv = split_default_list(def);
    for (char **p = v->strv; *p != NULL; p++)
      if (!in_choices(spec, *p)) {
        *why = g_strdup_printf("default item \"%s\" is not among its choices", *p);
        return FALSE;
      }
    return TRUE;
  case WN_OPTION_PATH:
    /* A relative default means a file shipped beside the stage. */
    v->s = def != NULL ? expand_path(def, plugin_dir, plugin_dir) : NULL;
    return TRUE;
  case WN_OPTION_PATH_LIST:
    /* Items are resolved like a PATH default: relative means beside the stage. */
    v->strv = split_default_list(def);
    for (guint k = 0; v->strv[k] != NULL; k++) {
      if (v->strv[k][0] == '\0') {
        *why = g_strdup_printf("default \"%s\" has an empty item %u; separate file names with "
                               "single commas, or use \"\" for none",
                               def, k);
        return FALSE;
      }
      char *path = expand_path(v->strv[k], plugin_dir, plugin_dir);
      g_free(v->strv[k]);
      v->strv[k] = path;
    }
    return TRUE;
  }
  *why = g_strdup_printf("unknown option type %d", (int)spec->type);
  return FALSE;
}

static void
clear_value(OptionValue *v)
{
  g_free(v->s);
  v->s = NULL;
  g_strfreev(v->strv);
  v->strv = NULL;
}

gboolean
wn_option_table_check(const WnStageInfo *info, const char *file, GError **error)
{
  if (info->options == NULL)
    return TRUE;
  for (const WnOptionSpec *spec = info->options; spec->name != NULL; spec++) {
    if ((guint)spec->type > WN_OPTION_PATH_LIST) {
      g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_INVALID,
                  "%s: stage \"%s\" option \"%s\" has an unknown type %d", file, info->name,
                  spec->name, (int)spec->type);
      return FALSE;
    }
    for (const WnOptionSpec *other = info->options; other != spec; other++)
      if (strcmp(other->name, spec->name) == 0) {
        g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_INVALID,
                    "%s: stage \"%s\" declares the option \"%s\" twice", file, info->name,
                    spec->name);
        return FALSE;
      }
    OptionValue v = {.spec = spec};
    g_autofree char *why = NULL;
    gboolean ok = set_default(&v, "/", &why);
    clear_value(&v);
    if (!ok) {
      g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_INVALID,
                  "%s: stage \"%s\" option \"%s\": %s; fix the stage's option table", file,
                  info->name, spec->name, why);
      return FALSE;
    }
  }
  return TRUE;
}

static const char *
json_type_name(JsonNode *node)
{
  return wn_json_kind(node, TRUE);
}

static gboolean
node_is(JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == type;
}

static char *
choices_text(const WnOptionSpec *spec)
{
  return wn_join_names(spec->choices);
}

/* The position of item `k` of the array at `path`, for messages about one
 * item; the option's own position when the document has no positions. */
static WnPos
item_pos(const WnJsonDoc *json, const char *path, guint k, const WnPos *pos)
{
  if (json == NULL)
    return *pos;
  g_autofree char *item = g_strdup_printf("%s/%u", path, k);
  return wn_json_doc_pos(json, item);
}

/* Sets `v` from the JSON value at `path` (its key at `pos`); reports the
 * problem and returns FALSE when the value does not fit the spec. */
static gboolean
set_given(OptionValue *v, JsonNode *node, const char *stage, const char *plugin_dir,
          const char *base_dir, const WnJsonDoc *json, const char *path, const WnPos *pos,
          WnProblems *problems)
{
  const WnOptionSpec *spec = v->spec;
  switch (spec->type) {
  case WN_OPTION_BOOL:
    if (!node_is(node, G_TYPE_BOOLEAN))
      goto wrong_type;
    v->b = json_node_get_boolean(node);
    return TRUE;
  case WN_OPTION_INT:
    if (!node_is(node, G_TYPE_INT64))
      goto wrong_type;
    v->i = json_node_get_int(node);
    if (out_of_range(spec, (double)v->i)) {
      wn_problems_add(problems, pos, WN_ERROR_OPTION_RANGE,
                      "stage \"%s\": option \"%s\" is %" G_GINT64_FORMAT
                      ", outside its range [%g, %g]",
                      stage, spec->name, v->i, spec->min, spec->max);
      return FALSE;
    }
    return TRUE;
  case WN_OPTION_DOUBLE:
    if (!node_is(node, G_TYPE_INT64) && !node_is(node, G_TYPE_DOUBLE))
      goto wrong_type;
    v->d = json_node_get_double(node);
    if (out_of_range(spec, v->d)) {
      wn_problems_add(problems, pos, WN_ERROR_OPTION_RANGE,
                      "stage \"%s\": option \"%s\" is %g, outside its range [%g, %g]", stage,
                      spec->name, v->d, spec->min, spec->max);
      return FALSE;
    }
    return TRUE;
  case WN_OPTION_STRING:
    if (!node_is(node, G_TYPE_STRING))
      goto wrong_type;
    g_free(v->s);
    v->s = g_strdup(json_node_get_string(node));
    if (!in_choices(spec, v->s)) {
      g_autofree char *allowed = choices_text(spec);
      const char *near = wn_suggest(v->s, spec->choices);
      g_autofree char *hint =
          near != NULL ? g_strdup_printf(" (did you mean \"%s\"?)", near) : g_strdup("");
      wn_problems_add(problems, pos, WN_ERROR_OPTION_RANGE,
                      "stage \"%s\": option \"%s\" is \"%s\", not one of: %s%s", stage, spec->name,
                      v->s, allowed, hint);
      return FALSE;
    }
    return TRUE;
  case WN_OPTION_STRING_LIST: {
    if (!JSON_NODE_HOLDS_ARRAY(node))
      goto wrong_type;
    JsonArray *array = json_node_get_array(node);
    guint n = json_array_get_length(array);
    for (guint k = 0; k < n; k++)
      if (!node_is(json_array_get_element(array, k), G_TYPE_STRING)) {
        wn_problems_add(problems, pos, WN_ERROR_OPTION_TYPE,
                        "stage \"%s\": option \"%s\" must be an array of strings, but item %u "
                        "is %s",
                        stage, spec->name, k, json_type_name(json_array_get_element(array, k)));
        return FALSE;
      }
    g_strfreev(v->strv);
    v->strv = g_new0(char *, n + 1);
    for (guint k = 0; k < n; k++)
      v->strv[k] = g_strdup(json_array_get_string_element(array, k));
    for (guint k = 0; k < n; k++)
      if (!in_choices(spec, v->strv[k])) {
        g_autofree char *allowed = choices_text(spec);
        wn_problems_add(problems, pos, WN_ERROR_OPTION_RANGE,
                        "stage \"%s\": option \"%s\" item %u is \"%s\", not one of: %s", stage,
                        spec->name, k, v->strv[k], allowed);
        return FALSE;
      }
    return TRUE;
  }
  case WN_OPTION_PATH:
    if (!node_is(node, G_TYPE_STRING))
      goto wrong_type;
    if (json_node_get_string(node)[0] == '\0') {
      wn_problems_add(problems, pos, WN_ERROR_OPTION_TYPE,
                      "stage \"%s\": option \"%s\" is an empty path; give a file name or leave "
                      "the option out",
                      stage, spec->name);
      return FALSE;
    }
    g_free(v->s);
    v->s = expand_path(json_node_get_string(node), plugin_dir, base_dir);
    return TRUE;
  case WN_OPTION_PATH_LIST: {
    if (!JSON_NODE_HOLDS_ARRAY(node))
      goto wrong_type;
    JsonArray *array = json_node_get_array(node);
    guint n = json_array_get_length(array);
    /* Every bad item is reported, each at its own position. */
    gboolean ok = TRUE;
    for (guint k = 0; k < n; k++) {
      JsonNode *item = json_array_get_element(array, k);
      WnPos at = item_pos(json, path, k, pos);
      if (!node_is(item, G_TYPE_STRING)) {
        wn_problems_add(problems, &at, WN_ERROR_OPTION_TYPE,
                        "stage \"%s\": option \"%s\" must be an array of file names, but item "
                        "%u is %s",
                        stage, spec->name, k, json_type_name(item));
        ok = FALSE;
      } else if (json_node_get_string(item)[0] == '\0') {
        wn_problems_add(problems, &at, WN_ERROR_OPTION_TYPE,
                        "stage \"%s\": option \"%s\" item %u is an empty path; give a file "
                        "name or remove the item",
                        stage, spec->name, k);
        ok = FALSE;
      }
    }
    if (!ok)
      return FALSE;
    g_strfreev(v->strv);
    v->strv = g_new0(char *, n + 1);
    for (guint k = 0; k < n; k++)
      v->strv[k] = expand_path(json_array_get_string_element(array, k), plugin_dir, base_dir);
    return TRUE;
  }
  }
  return FALSE;

wrong_type:
  wn_problems_add(problems, pos, WN_ERROR_OPTION_TYPE,
                  "stage \"%s\": option \"%s\" must be %s%s, not %s", stage, spec->name,
                  spec->type == WN_OPTION_STRING_LIST ? "an array of strings"
                  : spec->type == WN_OPTION_PATH_LIST ? "an array of strings (file names)"
                  : spec->type == WN_OPTION_INT       ? "an integer"
                  : spec->type == WN_OPTION_DOUBLE    ? "a number"
                  : spec->type == WN_OPTION_BOOL      ? "true or false"
                                                      : "a string",
                  spec->type == WN_OPTION_PATH ? " (a file name)" : "", json_type_name(node));
  return FALSE;
}

WnOptions *
wn_options_new(const WnStageInfo *info, const char *plugin_dir, JsonObject *given,
               const WnJsonDoc *json, const char *options_path, const char *base_dir,
               WnProblems *problems)
{
  WnOptions *options = g_new0(WnOptions, 1);
  options->plugin_dir = g_strdup(plugin_dir);
  guint n = 0;
  for (const WnOptionSpec *s = info->options; s != NULL && s->name != NULL; s++)
    n++;
  options->n = n;
  options->values = g_new0(OptionValue, n > 0 ? n : 1);
  for (guint k = 0; k < n; k++) {
    OptionValue *v = &options->values[k];
    v->spec = &info->options[k];
    g_autofree char *why = NULL;
    /* The table was checked when the stage was loaded. */
    if (!set_default(v, plugin_dir, &why))
      g_warning("stage %s: %s", info->name, why);
  }
  gboolean ok = TRUE;
  if (given != NULL) {
    g_autoptr(GList) members = json_object_get_members(given);
    for (GList *l = members; l != NULL; l = l->next) {
      const char *key = l->data;
      g_autofree char *path = g_strconcat(options_path, "/", key, NULL);
      WnPos pos = json != NULL ? wn_json_doc_pos(json, path) : (WnPos){0, 0};
      OptionValue *v = NULL;
      for (guint k = 0; k < n && v == NULL; k++)
        if (strcmp(options->values[k].spec->name, key) == 0)
          v = &options->values[k];
      if (v == NULL) {
        g_autofree const char **names = g_new0(const char *, n + 1);
        for (guint k = 0; k < n; k++)
          names[k] = options->values[k].spec->name;
        const char *near = wn_suggest(key, names);
        if (n == 0)
          wn_problems_add(problems, &pos, WN_ERROR_UNKNOWN_OPTION,
                          "stage \"%s\" takes no options, but \"%s\" is given; remove it",
                          info->name, key);
        else {
          g_autofree char *allowed = wn_join_names(names);
          g_autofree char *hint =
              near != NULL ? g_strdup_printf("did you mean \"%s\"? ", near) : g_strdup("");
          wn_problems_add(problems, &pos, WN_ERROR_UNKNOWN_OPTION,
                          "stage \"%s\" has no option \"%s\"; %sits options are: %s", info->name,
                          key, hint, allowed);
        }
        ok = FALSE;
        continue;
      }
      if (set_given(v, json_object_get_member(given, key), info->name, plugin_dir, base_dir, json,
                    path, &pos, problems))
        v->is_set = TRUE;
      else
        ok = FALSE;
    }
  }
  if (!ok) {
    wn_options_free(options);
    return NULL;
  }
  return options;
}

void
wn_options_free(WnOptions *options)
{
  if (options == NULL)
    return;
  for (guint k = 0; k < options->n; k++)
    clear_value(&options->values[k]);
  g_free(options->values);
  g_free(options->plugin_dir);
  g_free(options);
}

static const OptionValue *
lookup(const WnOptions *options, const char *name, WnOptionType type)
{
  g_return_val_if_fail(options != NULL && name != NULL, NULL);
  for (guint k = 0; k < options->n; k++) {
    const OptionValue *v = &options->values[k];
    if (strcmp(v->spec->name, name) != 0)
      continue;
    if (v->spec->type != type) {
      g_critical("option \"%s\" is of type %s, not %s", name, wn_option_type_name(v->spec->type),
                 wn_option_type_name(type));
      return NULL;
    }
    return v;
  }
  g_critical("no option \"%s\" in this stage's option table", name);
  return NULL;
}

gboolean
wn_options_get_bool(const WnOptions *options, const char *name)
{
  const OptionValue *v = lookup(options, name, WN_OPTION_BOOL);
  return v != NULL ? v->b : FALSE;
}

gint64
wn_options_get_int(const WnOptions *options, const char *name)
{
  const OptionValue *v = lookup(options, name, WN_OPTION_INT);
  return v != NULL ? v->i : 0;
}

double
wn_options_get_double(const WnOptions *options, const char *name)
{
  const OptionValue *v = lookup(options, name, WN_OPTION_DOUBLE);
  return v != NULL ? v->d : 0.0;
}

const char *
wn_options_get_string(const WnOptions *options, const char *name)
{
  const OptionValue *v = lookup(options, name, WN_OPTION_STRING);
  return v != NULL ? v->s : NULL;
}

const char *const *
wn_options_get_strv(const WnOptions *options, const char *name)
{
  static const char *const empty[] = {NULL};
  const OptionValue *v = lookup(options, name, WN_OPTION_STRING_LIST);
  return v != NULL ? (const char *const *)v->strv : empty;
}

const char *
wn_options_get_path(const WnOptions *options, const char *name)
{
  const OptionValue *v = lookup(options, name, WN_OPTION_PATH);
  return v != NULL ? v->s : NULL;
}

const char *const *
wn_options_get_paths(const WnOptions *options, const char *name)
{
  static const char *const empty[] = {NULL};
  const OptionValue *v = lookup(options, name, WN_OPTION_PATH_LIST);
  return v != NULL ? (const char *const *)v->strv : empty;
}

gboolean
wn_options_is_set(const WnOptions *options, const char *name)
{
  g_return_val_if_fail(options != NULL && name != NULL, FALSE);
  for (guint k = 0; k < options->n; k++)
    if (strcmp(options->values[k].spec->name, name) == 0)
      return options->values[k].is_set;
  g_critical("no option \"%s\" in this stage's option table", name);
  return FALSE;
}

const char *
wn_options_get_plugin_dir(const WnOptions *options)
{
  return options->plugin_dir;
}
