/*
 * webroot.c - where doorloop serve finds the web app and the NL Design
 * System CSS, wherever it is started from.
 *
 * Owns: the lookup of the two directories serve reads static files from
 * when --web / --vendor are not given:
 *   1. DOORLOOP_WEB_ROOT and DOORLOOP_VENDOR_ROOT (the Debian package's
 *      /etc/doorloop/doorloop.env may set them);
 *   2. beside the running binary (/proc/self/exe):
 *        <exe dir>/../share/doorloop/{web,vendor}   installed (/usr/bin)
 *        <exe dir>/../../{web,node_modules}         the source tree's
 *                                                   build/MODE/doorloop
 *   3. web and node_modules in the current directory (as before).
 * A candidate counts only when it holds index.html (web) or @utrecht
 * (vendor), so a stray folder of the same name is not taken.
 *
 * Must never: follow the current directory before the binary's own place;
 * a service started from / must still find its files.
 */
#include "cli/cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char web_found[PATH_MAX], vendor_found[PATH_MAX];

/* Whether dir/probe exists. */
static bool
holds(const char *dir, const char *probe)
{
	char p[PATH_MAX];

	if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, probe) >= sizeof p)
		return false;
	return access(p, F_OK) == 0;
}

/* The directory of the running binary, or false. */
static bool
exe_dir(char out[PATH_MAX])
{
	ssize_t n = readlink("/proc/self/exe", out, PATH_MAX - 1);
	char *slash;

	if (n <= 0)
		return false;
	out[n] = '\0';
	if ((slash = strrchr(out, '/')) == NULL)
		return false;
	*slash = '\0';
	return true;
}

void
cli_web_roots(const char **web, const char **vendor)
{
	static const struct {
		const char *web, *vendor;
	} beside[] = {
		{ "../share/doorloop/web", "../share/doorloop/vendor" },
		{ "../../web", "../../node_modules" },
	};
	const char *s;
	char dir[PATH_MAX], cand[PATH_MAX], real[PATH_MAX];
	size_t i;

	*web = (s = getenv("DOORLOOP_WEB_ROOT")) != NULL && *s != '\0' ?
	    s : NULL;
	*vendor = (s = getenv("DOORLOOP_VENDOR_ROOT")) != NULL && *s != '\0' ?
	    s : NULL;
	if ((*web == NULL || *vendor == NULL) && exe_dir(dir)) {
		for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
			if (*web == NULL &&
			    (size_t)snprintf(cand, sizeof cand, "%s/%s", dir,
			    beside[i].web) < sizeof cand &&
			    holds(cand, "index.html") &&
			    realpath(cand, real) != NULL) {
				snprintf(web_found, sizeof web_found, "%s", real);
				*web = web_found;
			}
			if (*vendor == NULL &&
			    (size_t)snprintf(cand, sizeof cand, "%s/%s", dir,
			    beside[i].vendor) < sizeof cand &&
			    holds(cand, "@utrecht") &&
			    realpath(cand, real) != NULL) {
				snprintf(vendor_found, sizeof vendor_found, "%s",
				    real);
				*vendor = vendor_found;
			}
		}
	}
	if (*web == NULL)
		*web = "web";
	if (*vendor == NULL)
		*vendor = "node_modules";
}
