/* loader.c: finds stage shared objects on the search path, dlopens them and
 * checks their ABI stamp and required fields before any other plugin code runs. */
#include "loader.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline-private.h"
#include "suggest.h"

/* Any symbol of this library locates it for dladdr(). */
static const char *
own_library_path(void)
{
  static char *path = NULL;
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    Dl_info dl;
    if (dladdr((const void *)&wn_loader_search_dirs, &dl) != 0 && dl.dli_fname != NULL) {
      char resolved[PATH_MAX];
      if (realpath(dl.dli_fname, resolved) != NULL)
        path = g_strdup(resolved);
    }
    g_once_init_leave(&done, 1);
  }
  return path;
}

static void
add_dir(GPtrArray *dirs, const char *dir)
{
  if (dir == NULL || dir[0] == '\0')
    return;
  g_autofree char *canon = g_canonicalize_filename(dir, NULL);
  for (guint i = 0; i < dirs->len; i++)
    if (strcmp(g_ptr_array_index(dirs, i), canon) == 0)
      return;
  g_ptr_array_add(dirs, g_steal_pointer(&canon));
}

char **
wn_loader_search_dirs(const char *const *plugin_dirs)
{
  GPtrArray *dirs = g_ptr_array_new();
  for (const char *const *d = plugin_dirs; d != NULL && *d != NULL; d++)
    add_dir(dirs, *d);
  const char *env = g_getenv("WINNOW_PLUGIN_PATH");
  if (env != NULL) {
    g_auto(GStrv) parts = g_strsplit(env, ":", -1);
    for (char **p = parts; *p != NULL; p++)
      add_dir(dirs, *p);
  }
  /* A library that runs from its build tree prefers the stages built beside
   * it over whatever an older install left in pluginsdir. */
  const char *self = own_library_path();
  if (self != NULL && g_str_has_prefix(self, WN_BUILD_ROOT "/"))
    add_dir(dirs, WN_BUILD_ROOT "/plugins");
  add_dir(dirs, WN_PLUGINSDIR);
  g_ptr_array_add(dirs, NULL);
  return (char **)g_ptr_array_free(dirs, FALSE);
}

gboolean
wn_loader_is_path(const char *ref)
{
  return strchr(ref, '/') != NULL || g_str_has_suffix(ref, ".so");
}

/* The file for stage `name` inside `dir`: DIR/NAME.so (installed layout) or
 * DIR/NAME/NAME.so (build-tree layout); NULL when neither exists. */
static char *
find_in_dir(const char *dir, const char *name)
{
  g_autofree char *file = g_strconcat(name, ".so", NULL);
  char *flat = g_build_filename(dir, file, NULL);
  if (g_file_test(flat, G_FILE_TEST_IS_REGULAR))
    return flat;
  g_free(flat);
  char *nested = g_build_filename(dir, name, file, NULL);
  if (g_file_test(nested, G_FILE_TEST_IS_REGULAR))
    return nested;
  g_free(nested);
  return NULL;
}

static gboolean
valid_stage_name(const char *name)
{
  if (name == NULL || name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_islower(*p) || g_ascii_isdigit(*p) || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
check_info(const WnStageInfo *info, const char *path, GError **error)
{
  /* Only the two leading stamp words are read before the major is known to
   * match: with another major, nothing after them has a known layout. */
  if (info->abi_major != WN_ABI_MAJOR) {
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_ABI,
                "%s: the stage was built for plugin ABI %u.%u, but this winnow (%s) has plugin "
                "ABI %d.%d, and stages load only into a core of the same ABI major; rebuild the "
                "stage against the headers of winnow %s",
                path, info->abi_major, info->abi_minor, WN_VERSION_STRING, WN_ABI_MAJOR,
                WN_ABI_MINOR, WN_VERSION_STRING);
    return FALSE;
  }
  if (info->abi_minor > WN_ABI_MINOR) {
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_ABI,
                "%s: the stage was built for plugin ABI %u.%u, newer than this winnow's (%s) "
                "plugin ABI %d.%d; upgrade winnow, or rebuild the stage against the headers "
                "of winnow %s",
                path, info->abi_major, info->abi_minor, WN_VERSION_STRING, WN_ABI_MAJOR,
                WN_ABI_MINOR, WN_VERSION_STRING);
    return FALSE;
  }
  const char *missing = NULL;
  if (info->name == NULL)
    missing = "name";
  else if (info->version == NULL || info->version[0] == '\0')
    missing = "version";
  else if (info->summary == NULL || info->summary[0] == '\0')
    missing = "summary";
  else if (info->license == NULL || info->license[0] == '\0')
    missing = "license";
  else if (info->process == NULL)
    missing = "process";
  if (missing != NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_INVALID,
                "%s: the stage info lacks the required field \"%s\"; set .%s in its "
                "WN_STAGE_DEFINE()",
                path, missing, missing);
    return FALSE;
  }
  if (!valid_stage_name(info->name)) {
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_INVALID,
                "%s: invalid stage name \"%s\"; a name uses only a-z, 0-9, '_' and '-'", path,
                info->name);
    return FALSE;
  }
  if (info->flags & ~(guint32)(WN_STAGE_THREAD_SAFE | WN_STAGE_REPLACES_TEXT)) {
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_INVALID,
                "%s: stage \"%s\" sets unknown flags 0x%x; this winnow knows 0x%x", path,
                info->name, info->flags, WN_STAGE_THREAD_SAFE | WN_STAGE_REPLACES_TEXT);
    return FALSE;
  }
  return wn_option_table_check(info, path, error);
}

WnPlugin *
wn_plugin_open(const char *path, GError **error)
{
  g_autofree char *abs = g_canonicalize_filename(path, NULL);
  if (!g_file_test(abs, G_FILE_TEST_EXISTS)) {
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_NOT_FOUND,
                "%s: no such stage file; check the path", abs);
    return NULL;
  }
  dlerror();
  /* RTLD_NODELETE: a stage's dependencies (libxml2, say) may leave
   * thread-local destructors or atexit handlers behind, which would crash
   * once unmapped; keeping the code mapped also lets valgrind name it. */
  void *handle = dlopen(abs, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (handle == NULL) {
    const char *why = dlerror();
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_OPEN,
                "%s: cannot load the stage: %s (check that it is a shared object for this "
                "machine and that `ldd %s` finds all its libraries)",
                abs, why != NULL ? why : "unknown dlopen error", abs);
    return NULL;
  }
  dlerror();
  WnStageEntryFunc entry = (WnStageEntryFunc)dlsym(handle, WN_STAGE_ENTRY_SYMBOL);
  if (entry == NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_NO_ENTRY,
                "%s: not a winnow stage: it does not export the symbol \"%s\" (a stage "
                "defines it with WN_STAGE_DEFINE() and must keep it visible)",
                abs, WN_STAGE_ENTRY_SYMBOL);
    dlclose(handle);
    return NULL;
  }
  const WnStageInfo *info = entry();
  if (info == NULL) {
    g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_INVALID,
                "%s: the entry symbol \"%s\" returned no stage info", abs, WN_STAGE_ENTRY_SYMBOL);
    dlclose(handle);
    return NULL;
  }
  if (!check_info(info, abs, error)) {
    dlclose(handle);
    return NULL;
  }
  WnPlugin *plugin = g_new0(WnPlugin, 1);
  plugin->path = g_steal_pointer(&abs);
  plugin->dir = g_path_get_dirname(plugin->path);
  plugin->handle = handle;
  plugin->info = info;
  return plugin;
}

void
wn_plugin_free(WnPlugin *plugin)
{
  if (plugin == NULL)
    return;
  if (plugin->handle != NULL)
    dlclose(plugin->handle);
  g_free(plugin->path);
  g_free(plugin->dir);
  g_free(plugin);
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Stage files directly in `dir` (NAME.so) and one level down (NAME/NAME.so),
 * sorted by name; returns (name, path) pairs as a flat array. */
static GPtrArray *
list_dir(const char *dir)
{
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  if (d == NULL)
    return out;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func(g_free);
  const char *e;
  while ((e = g_dir_read_name(d)) != NULL)
    g_ptr_array_add(entries, g_strdup(e));
  g_ptr_array_sort(entries, compare_strings);
  for (guint i = 0; i < entries->len; i++) {
    const char *entry = g_ptr_array_index(entries, i);
    g_autofree char *full = g_build_filename(dir, entry, NULL);
    if (g_str_has_suffix(entry, ".so") && g_file_test(full, G_FILE_TEST_IS_REGULAR)) {
      g_ptr_array_add(out, g_strndup(entry, strlen(entry) - 3));
      g_ptr_array_add(out, g_steal_pointer(&full));
    } else if (g_file_test(full, G_FILE_TEST_IS_DIR)) {
      g_autofree char *file = g_strconcat(entry, ".so", NULL);
      g_autofree char *nested = g_build_filename(full, file, NULL);
      if (g_file_test(nested, G_FILE_TEST_IS_REGULAR)) {
        g_ptr_array_add(out, g_strdup(entry));
        g_ptr_array_add(out, g_steal_pointer(&nested));
      }
    }
  }
  return out;
}

char **
wn_loader_list_names(char **dirs)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  for (char **d = dirs; *d != NULL; d++) {
    g_autoptr(GPtrArray) files = list_dir(*d);
    for (guint i = 0; i < files->len; i += 2) {
      const char *name = g_ptr_array_index(files, i);
      gboolean seen = FALSE;
      for (guint j = 0; j < names->len && !seen; j++)
        seen = strcmp(g_ptr_array_index(names, j), name) == 0;
      if (!seen)
        g_ptr_array_add(names, g_strdup(name));
    }
  }
  g_ptr_array_add(names, NULL);
  return (char **)g_ptr_array_steal(names, NULL);
}

WnPlugin *
wn_loader_load(const char *ref, const char *const *plugin_dirs, const char *base_dir,
               GError **error)
{
  if (wn_loader_is_path(ref)) {
    g_autofree char *path = g_canonicalize_filename(ref, base_dir);
    return wn_plugin_open(path, error);
  }
  g_auto(GStrv) dirs = wn_loader_search_dirs(plugin_dirs);
  for (char **d = dirs; *d != NULL; d++) {
    g_autofree char *path = find_in_dir(*d, ref);
    if (path != NULL)
      return wn_plugin_open(path, error);
  }
  g_autofree char *searched = wn_join_names((const char *const *)dirs);
  g_auto(GStrv) known = wn_loader_list_names(dirs);
  g_autofree char *known_list = wn_join_names((const char *const *)known);
  const char *near = wn_suggest(ref, (const char *const *)known);
  g_autofree char *hint = near != NULL ? g_strdup_printf("; did you mean \"%s\"?", near)
                                       : g_strdup("; add its folder with --plugin-path DIR or "
                                                  "WINNOW_PLUGIN_PATH");
  g_set_error(error, WN_ERROR, WN_ERROR_PLUGIN_NOT_FOUND,
              "no stage named \"%s\": searched %s; stages found there: %s%s", ref, searched,
              known_list, hint);
  return NULL;
}

GPtrArray *
wn_loader_scan(const char *const *plugin_dirs, GPtrArray *errors)
{
  GPtrArray *plugins = g_ptr_array_new_with_free_func((GDestroyNotify)wn_plugin_free);
  g_auto(GStrv) dirs = wn_loader_search_dirs(plugin_dirs);
  for (char **d = dirs; *d != NULL; d++) {
    g_autoptr(GPtrArray) files = list_dir(*d);
    guint first_of_dir = plugins->len;
    for (guint i = 0; i < files->len; i += 2) {
      const char *path = g_ptr_array_index(files, i + 1);
      GError *local = NULL;
      WnPlugin *plugin = wn_plugin_open(path, &local);
      if (plugin == NULL) {
        if (errors != NULL)
          g_ptr_array_add(errors, local);
        else
          g_error_free(local);
        continue;
      }
      gboolean hidden = FALSE;
      for (guint j = 0; j < plugins->len && !hidden; j++) {
        const WnPlugin *other = g_ptr_array_index(plugins, j);
        if (strcmp(other->info->name, plugin->info->name) != 0)
          continue;
        hidden = TRUE;
        /* An earlier folder hiding a later one is the search order at work;
         * two files in one folder with one name is a mistake. */
        if (j >= first_of_dir && errors != NULL)
          g_ptr_array_add(errors,
                          g_error_new(WN_ERROR, WN_ERROR_PLUGIN_DUPLICATE,
                                      "%s and %s both declare the stage name \"%s\"; remove or "
                                      "rename one of them",
                                      other->path, plugin->path, plugin->info->name));
      }
      if (hidden)
        wn_plugin_free(plugin);
      else
        g_ptr_array_add(plugins, plugin);
    }
  }
  return plugins;
}
