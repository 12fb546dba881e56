/*
 * indicator.c - `doorloop indicator normalise KIND VALUE`: print the normal
 * form an exploiter indicator is matched by (core/indicator.h), so that a
 * coordinator or an administrator can see why two values do or do not
 * match.  It reads no database and prints nothing but the normal form.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/indicator.h"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: doorloop indicator normalise KIND VALUE\n"
	    "\n"
	    "Print the normal form an exploiter indicator is matched by.  KIND is\n"
	    "one of alias, phone, handle, plate, address; for example\n"
	    "  doorloop indicator normalise phone \"06-12345678\"   -> +31612345678\n"
	    "  doorloop indicator normalise address \"1234 ab 5a\"  -> 1234AB5A\n"
	    "\n"
	    "exit codes: 0 ok, 2 bad usage or a value without a normal form\n");
}

int
cli_indicator(int argc, char **argv)
{
	enum indicator_kind k;
	char out[INDICATOR_NORM_MAX];

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc != 4 || strcmp(argv[1], "normalise") != 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (indicator_kind_parse(argv[2], &k) != 0) {
		fprintf(stderr, "doorloop: unknown indicator kind '%s' (alias, "
		    "phone, handle, plate or address)\n", argv[2]);
		return EXIT_USAGE;
	}
	if (indicator_normalise(k, argv[3], out) != 0) {
		fprintf(stderr, "doorloop: this %s has no normal form\n",
		    indicator_kind_name(k));
		return EXIT_USAGE;
	}
	printf("%s\n", out);
	return EXIT_OK;
}
