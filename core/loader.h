/* loader.h: finding stage shared objects and loading them safely; private to
 * the core. */
#pragma once

#include <winnow/winnow.h>

G_BEGIN_DECLS

/* These are exported (with the wn_ prefix, but in no installed header) only
 * so that the `winnow` tool and the core's tests can list and inspect stages. */

/* One loaded stage file. The info has passed the ABI and required-field checks. */
typedef struct {
  char *path; /* absolute path of the shared object */
  char *dir;  /* the folder holding it (the stage's ${plugindir}) */
  void *handle;
  const WnStageInfo *info;
} WnPlugin;

/* The folders searched for stages, in order, without duplicates:
 * `plugin_dirs`, $WINNOW_PLUGIN_PATH, the build tree's plugins/ folder when
 * this libwinnow was loaded from its build tree, then the installed
 * pluginsdir. NULL-terminated; free with g_strfreev(). */
WN_API char **wn_loader_search_dirs(const char *const *plugin_dirs);

/* TRUE when `ref` names a file (contains '/' or ends with ".so") rather than a
 * stage name. */
WN_API gboolean wn_loader_is_path(const char *ref);

/* Finds and loads a stage named `ref` (a name or a path; a relative path is
 * resolved against `base_dir`, or the current folder when NULL). */
WN_API WnPlugin *wn_loader_load(const char *ref, const char *const *plugin_dirs,
                                const char *base_dir, GError **error);
/* Loads the shared object at `path` and checks it. */
WN_API WnPlugin *wn_plugin_open(const char *path, GError **error);
WN_API void wn_plugin_free(WnPlugin *plugin);

/* Every stage file in the search folders, in search order (a name found in an
 * earlier folder hides the same name later). Loads each one; files that fail
 * to load are reported in `errors` (of GError*, may be NULL), as are two files
 * in the same folder declaring the same name (WN_ERROR_PLUGIN_DUPLICATE).
 * Returns a GPtrArray of WnPlugin* that frees them. */
WN_API GPtrArray *wn_loader_scan(const char *const *plugin_dirs, GPtrArray *errors);

/* The stage names that files in the search folders suggest, without loading
 * them (for "did you mean"). NULL-terminated; free with g_strfreev(). */
WN_API char **wn_loader_list_names(char **dirs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(WnPlugin, wn_plugin_free)

G_END_DECLS
