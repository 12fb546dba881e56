/* main.c - entry point; dispatches to the subcommands in src/cli/. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
