/*
 * cli.h - the doorloop command line.
 *
 * Exit codes (documented in --help): 0 ok, 1 failure, 2 bad usage or input.
 */
#ifndef DOORLOOP_CLI_H
#define DOORLOOP_CLI_H

#define EXIT_OK 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2

int cli_main(int argc, char **argv);

#endif
