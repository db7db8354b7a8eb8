/* cmd_run.c: `winnow run PIPELINE [INPUT...]`, stream documents through a
 * pipeline and write one record per document. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <winnow/winnow.h>

#include "commands.h"
#include "run-output.h"

#define EXIT_INTERRUPTED 130

static const char run_description[] =
    "Inputs are JSON Lines files (.jsonl, .ndjson; one {\"id\", \"text\" or \"html\"} object a\n"
    "line, optional \"group\" and \"meta\", other members passed through), text files (.txt),\n"
    "HTML files (.html, .htm), folders (read recursively in sorted order) and - for\n"
    "standard input (JSON Lines). Without INPUT, standard input is read.\n"
    "\n"
    "Every input document yields one output record, in input order: a document record,\n"
    "or {\"type\":\"error\",\"id\",\"source\",\"stage\",\"message\"} when it could not be read or\n"
    "a stage failed. Documents sharing a \"group\" (one after the other), or all of them\n"
    "with --group, are followed by one {\"type\":\"group\",\"group\",\"documents\",...} record.\n"
    "Stages that summarise groups see the whole group at once, so its documents stay in\n"
    "memory until the group ends.\n"
    "\n"
    "A summary line goes to standard error at the end; a progress line while running\n"
    "when standard error is a terminal.\n"
    "\n"
    "Exit status:\n"
    "  0    every document was processed\n"
    "  1    some documents failed (each has an error record), or --fail-fast stopped\n"
    "  2    usage error, or the pipeline is invalid\n"
    "  3    an input or the output could not be read or written\n"
    "  130  interrupted (an -o file is then not written)\n";

/* The runner a signal handler cancels. */
static WnRunner *volatile running;

static void
on_signal(int sig)
{
  if (running != NULL)
    wn_runner_cancel(running);
}

static void
install_signal_handlers(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESETHAND; /* a second ^C ends the process at once */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  /* A closed pipe becomes a write error (exit 3) rather than a silent death. */
  signal(SIGPIPE, SIG_IGN);
}

/* "64M", "10MiB", "1000", "2G" -> bytes. */
static gboolean
parse_size(const char *text, gsize *out)
{
  char *end = NULL;
  errno = 0;
  guint64 v = g_ascii_strtoull(text, &end, 10);
  if (errno != 0 || end == text)
    return FALSE;
  guint64 mult = 1;
  if (*end != '\0') {
    switch (g_ascii_toupper(*end)) {
    case 'K':
      mult = 1024;
      break;
    case 'M':
      mult = 1024 * 1024;
      break;
    case 'G':
      mult = 1024 * 1024 * 1024;
      break;
    default:
      return FALSE;
    }
    end++;
    if (g_ascii_strcasecmp(end, "") != 0 && g_ascii_strcasecmp(end, "B") != 0 &&
        g_ascii_strcasecmp(end, "iB") != 0)
      return FALSE;
  }
  if (v == 0 || v > G_MAXSIZE / mult)
    return FALSE;
  *out = v * mult;
  return TRUE;
}

static int usage_error(GOptionContext *ctx, const char *format, ...) G_GNUC_PRINTF(2, 3);

static int
usage_error(GOptionContext *ctx, const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  g_autofree char *msg = g_strdup_vprintf(format, ap);
  va_end(ap);
  fprintf(stderr, "winnow run: %s\nTry 'winnow run --help'.\n", msg);
  return WN_EXIT_USAGE;
}

/* A copy of argv where "-jN" reads as "--jobs=N": GLib takes only "-j N",
 * and "-j4" is what make(1) taught everyone to type. Nothing after "--". */
static char **
spell_out_jobs(int argc, char **argv)
{
  char **copy = g_new0(char *, argc + 1);
  gboolean options = TRUE;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0)
      options = FALSE;
    gboolean digits = options && i > 0 && g_str_has_prefix(a, "-j") && a[2] != '\0';
    for (const char *d = a + 2; digits && *d != '\0'; d++)
      digits = g_ascii_isdigit(*d);
    copy[i] = digits ? g_strconcat("--jobs=", a + 2, NULL) : g_strdup(a);
  }
  return copy;
}

int
wn_cmd_run(int argc, char **argv_in)
{
  g_auto(GStrv) argv = spell_out_jobs(argc, argv_in);
  gint jobs = 0;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_autofree char *offsets = NULL;
  g_autofree char *max_doc = NULL;
  gboolean fail_fast = FALSE;
  g_autofree char *group = NULL;
  g_auto(GStrv) plugin_dirs = NULL;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
      {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
       "Worker threads (default: the number of processors)", "N"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "Write records to FILE (replaced only when the run completes; default: standard "
       "output)",
       "FILE"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &format,
       "Output format: jsonl (default) or text (a readable digest)", "jsonl|text"},
      {"offsets", 0, 0, G_OPTION_ARG_STRING, &offsets,
       "Span offsets in Unicode code points (chars, default) or UTF-8 bytes", "chars|bytes"},
      {"max-doc-bytes", 0, 0, G_OPTION_ARG_STRING, &max_doc,
       "Documents (JSON lines or files) larger than SIZE get an error record unread; "
       "suffixes K, M, G (default: 64M)",
       "SIZE"},
      {"fail-fast", 0, 0, G_OPTION_ARG_NONE, &fail_fast,
       "Stop at the first document that fails (exit status 1)", NULL},
      {"group", 0, 0, G_OPTION_ARG_STRING, &group,
       "Put every document into one group NAME (for stages that summarise groups)", "NAME"},
      {"plugin-path", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_dirs,
       "Look for stages in DIR first (repeatable; then $WINNOW_PLUGIN_PATH, then the installed "
       "stages)",
       "DIR"},
      {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No summary or progress line on standard error",
       NULL},
      {NULL},
  };

  g_autoptr(GOptionContext) ctx = g_option_context_new("PIPELINE [INPUT...]");
  g_option_context_set_summary(ctx, "Run documents through the stages of the PIPELINE file.");
  g_option_context_set_description(ctx, run_description);
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) error = NULL;
  /* The strv form frees the strings it takes out of the owned copy. */
  if (!g_option_context_parse_strv(ctx, &argv, &error))
    return usage_error(ctx, "%s", error->message);
  argc = (int)g_strv_length(argv);
  if (argc < 2)
    return usage_error(ctx, "name a pipeline file: winnow run PIPELINE [INPUT...]");
  if (jobs < 0 || jobs > 4096)
    return usage_error(ctx, "-j wants a number of threads from 1 to 4096, not %d", jobs);
  gboolean text_format = FALSE;
  if (format != NULL && strcmp(format, "text") == 0)
    text_format = TRUE;
  else if (format != NULL && strcmp(format, "jsonl") != 0)
    return usage_error(ctx, "--format is jsonl or text, not \"%s\"", format);
  WnOffsetUnit unit = WN_OFFSETS_CHARS;
  if (offsets != NULL && strcmp(offsets, "bytes") == 0)
    unit = WN_OFFSETS_BYTES;
  else if (offsets != NULL && strcmp(offsets, "chars") != 0)
    return usage_error(ctx, "--offsets is chars or bytes, not \"%s\"", offsets);
  gsize max_doc_bytes = WN_RUNNER_DEFAULT_MAX_DOC_BYTES;
  if (max_doc != NULL && !parse_size(max_doc, &max_doc_bytes))
    return usage_error(
        ctx, "--max-doc-bytes wants a positive size like 1000, 512K or 64M, not \"%s\"", max_doc);
  if (group != NULL && group[0] == '\0')
    return usage_error(ctx, "--group wants a non-empty name");

  const char *pipeline_file = argv[1];
  g_autoptr(WnPipeline) pipeline =
      wn_pipeline_new_from_file(pipeline_file, (const char *const *)plugin_dirs, &error);
  if (pipeline == NULL) {
    fprintf(stderr, "winnow run: %s\n", error->message);
    return WN_EXIT_USAGE;
  }

  g_autoptr(WnRunner) runner = wn_runner_new(pipeline);
  wn_runner_set_threads(runner, jobs);
  wn_runner_set_offsets(runner, unit);
  wn_runner_set_max_doc_bytes(runner, max_doc_bytes);
  wn_runner_set_fail_fast(runner, fail_fast);
  wn_runner_set_group(runner, group);
  if (text_format)
    wn_runner_set_formatters(runner, wn_digest_doc, wn_digest_error, wn_digest_group, NULL);
  if (!quiet && isatty(STDERR_FILENO))
    wn_runner_set_progress(runner, wn_progress_show, NULL);

  install_signal_handlers();
  running = runner;
  WnRunStats stats;
  const char *const *inputs = (const char *const *)argv + 2;
  gboolean ok = wn_runner_run(runner, inputs, output, &stats, &error);
  running = NULL;
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);

  if (!ok)
    fprintf(stderr, "winnow run: %s\n", error->message);
  if (!quiet) {
    g_autofree char *line = wn_run_stats_to_string(&stats);
    fprintf(stderr, "winnow: %s\n", line);
  }
  if (!ok) {
    if (g_error_matches(error, WN_ERROR, WN_ERROR_IO))
      return WN_EXIT_IO;
    if (g_error_matches(error, WN_ERROR, WN_ERROR_USAGE))
      return WN_EXIT_USAGE;
    if (g_error_matches(error, WN_ERROR, WN_ERROR_FAILED))
      return EXIT_INTERRUPTED;
    return WN_EXIT_DOC_ERRORS; /* --fail-fast stopped at a failed document */
  }
  return stats.n_errors > 0 || stats.n_group_errors > 0 ? WN_EXIT_DOC_ERRORS : WN_EXIT_OK;
}
