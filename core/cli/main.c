/* main.c: the `winnow` tool: picks the subcommand and hands over to it. */
#include <winnow/winnow.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "suggest.h"

static const char usage[] =
    "Usage: winnow COMMAND [OPTION...] [ARG...]\n"
    "\n"
    "Runs documents through a pipeline of text-processing stages.\n"
    "\n"
    "Commands:\n"
    "  run PIPELINE [INPUT...]   process documents; one JSON record per document\n"
    "  validate PIPELINE...      check pipeline files without processing anything\n"
    "  plugins [NAME]            list the stages found, or describe one stage\n"
    "\n"
    "Options:\n"
    "  --help                    show this help (and `winnow COMMAND --help`)\n"
    "  --version                 show the version and the plugin ABI\n"
    "\n"
    "Every command takes --plugin-path DIR (repeatable) to search DIR for stages\n"
    "before $WINNOW_PLUGIN_PATH (colon-separated) and the installed stages.\n"
    "\n"
    "Exit status:\n"
    "  0  success: every document processed, or the pipeline is valid\n"
    "  1  some documents failed (each has an error record in the output)\n"
    "  2  bad command line or invalid pipeline\n"
    "  3  an input or output file could not be read or written\n";

int
main(int argc, char **argv)
{
  setlocale(LC_ALL, "");
  if (argc < 2) {
    fputs(usage, stderr);
    return WN_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage, stdout);
    return WN_EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("winnow %s (plugin ABI %d.%d)\n", WN_VERSION_STRING, WN_ABI_MAJOR, WN_ABI_MINOR);
    return WN_EXIT_OK;
  }
  /* Each command sees itself as argv[0], as a program of its own would. */
  if (strcmp(cmd, "run") == 0)
    return wn_cmd_run(argc - 1, argv + 1);
  if (strcmp(cmd, "validate") == 0)
    return wn_cmd_validate(argc - 1, argv + 1);
  if (strcmp(cmd, "plugins") == 0)
    return wn_cmd_plugins(argc - 1, argv + 1);

  static const char *const commands[] = {"run", "validate", "plugins", NULL};
  const char *near = wn_suggest(cmd, commands);
  if (near != NULL)
    fprintf(stderr, "winnow: unknown command \"%s\"; did you mean \"%s\"? (see winnow --help)\n",
            cmd, near);
  else
    fprintf(stderr,
            "winnow: unknown command \"%s\"; the commands are run, validate and plugins "
            "(see winnow --help)\n",
            cmd);
  return WN_EXIT_USAGE;
}
