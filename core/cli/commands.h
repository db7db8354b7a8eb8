/* commands.h: the subcommands of the `winnow` tool, one file each. Each returns
 * the process exit status (see WnExitStatus). */
#pragma once

typedef enum {
  WN_EXIT_OK = 0,         /* every document processed */
  WN_EXIT_DOC_ERRORS = 1, /* some documents failed; each has an error record */
  WN_EXIT_USAGE = 2,      /* bad command line or invalid pipeline */
  WN_EXIT_IO = 3,         /* an input or output file could not be read or written */
} WnExitStatus;

int wn_cmd_run(int argc, char **argv);      /* cli/cmd_run.c */
int wn_cmd_validate(int argc, char **argv); /* cli/cmd_validate.c */
int wn_cmd_plugins(int argc, char **argv);  /* cli/cmd_plugins.c */
