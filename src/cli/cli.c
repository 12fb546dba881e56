/* cli.c - subcommand dispatch (filled in by the CLI work). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int
cli_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "doorloop: not built yet\n");
	return EXIT_FAIL;
}
