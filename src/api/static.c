/*
 * static.c - the web app's files and the allow-listed vendor packages.
 *
 * Owns: the mapping of a URL outside /api/ to a file under web_root (the
 * app's index.html for "/" and every path whose last segment has no dot,
 * for history routing) or under vendor_root/<allow-listed package>, its
 * content type, and gzip for text when the client accepts it (gzip.c).
 *
 * Must never: serve a file outside web_root or an allow-listed vendor
 * package (no empty segment, none starting with a dot, no control
 * characters or backslashes), or follow anything but a regular file.
 */
#include "api/server.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATIC_PATH_MAX 1024

/* Packages under vendor_root that may be served as /vendor/<pkg>/... */
static const char *const vendor_packages[] = {
	"@utrecht/component-library-css",
	"@utrecht/design-tokens",
};

static const struct {
	const char *ext;
	const char *type;
} content_types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "ico", "image/x-icon" },
	{ "json", "application/json" },
	{ "woff2", "font/woff2" },
};

static bool static_path_ok(const char *);
static const char *static_type(const char *);
static bool static_compressible(const char *);
static bool accepts_gzip(struct request *);

/*
 * /vendor/<pkg>/<path> from vendor_root for allow-listed packages; any
 * other path from web_root, where "/" and paths whose last segment has no
 * dot are the app's index.html (history routing).
 */
enum MHD_Result
srv_static(struct request *r, const char *url)
{
	const char *root = NULL, *rel = NULL, *last, *type;
	struct MHD_Response *resp;
	struct stat st;
	char *path;
	size_t i, n;
	int fd = -1;

	if (strcmp(r->req.method, "GET") != 0 &&
	    strcmp(r->req.method, "HEAD") != 0) {
		struct err e;

		r->log_route = "static";
		err_init(&e);
		err_setr(&e, ERR_INVALID, "", R_METHOD_NOT_ALLOWED,
		    "method not allowed");
		return srv_respond_json(r, 405, api_error_body(&e), NULL, "GET, HEAD");
	}
	if (strncmp(url, "/vendor/", 8) == 0) {
		r->log_route = "vendor";
		for (i = 0; i < sizeof vendor_packages / sizeof vendor_packages[0]; i++) {
			n = strlen(vendor_packages[i]);
			if (strncmp(url + 8, vendor_packages[i], n) == 0 &&
			    url[8 + n] == '/' && url[9 + n] != '\0') {
				root = srv_cfg->vendor_root;
				rel = url + 8;
				break;
			}
		}
	} else {
		r->log_route = "static";
		root = srv_cfg->web_root;
		last = strrchr(url, '/');
		last = last != NULL ? last + 1 : url;
		rel = strchr(last, '.') == NULL ? "index.html" : url + 1;
	}
	if (root == NULL || rel == NULL || !static_path_ok(rel))
		return srv_respond_text(r, 404, "not found\n");
	path = arena_printf(&r->a, "%s/%s", root, rel);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return srv_respond_text(r, 404, "not found\n");
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return srv_respond_text(r, 404, "not found\n");
	}
	type = static_type(rel);
	if (static_compressible(type) && accepts_gzip(r)) {
		void *gz;
		size_t gzlen;

		if (api_gzip_file(fd, &st, path, &r->a, &gz, &gzlen) == 0) {
			close(fd);
			resp = MHD_create_response_from_buffer(gzlen, gz,
			    MHD_RESPMEM_MUST_COPY);
			if (resp == NULL)
				return MHD_NO;
			MHD_add_response_header(resp,
			    MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
			MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY,
			    "Accept-Encoding");
			MHD_add_response_header(resp,
			    MHD_HTTP_HEADER_CONTENT_TYPE, type);
			return srv_queue(r, resp, 200);
		}
	}
	/* The response owns fd from here on. */
	resp = MHD_create_response_from_fd((size_t)st.st_size, fd);
	if (resp == NULL) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (static_compressible(type))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY,
		    "Accept-Encoding");
	return srv_queue(r, resp, 200);
}

/* Text is worth compressing; images and fonts are compressed already. */
static bool
static_compressible(const char *type)
{
	return strncmp(type, "text/", 5) == 0 ||
	    strncmp(type, "application/json", 16) == 0 ||
	    strncmp(type, "image/svg+xml", 13) == 0;
}

/* Whether the client named gzip in Accept-Encoding with a weight above 0. */
static bool
accepts_gzip(struct request *r)
{
	const char *ae = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING);
	const char *p;

	if (ae == NULL || (p = strcasestr(ae, "gzip")) == NULL)
		return false;
	p += 4;
	while (*p == ' ')
		p++;
	if (*p != ';')
		return true;
	p++;
	while (*p == ' ')
		p++;
	return !(p[0] == 'q' && p[1] == '=' && strtod(p + 2, NULL) <= 0.0);
}

/* Relative, bounded, printable, and no segment empty or starting with a dot. */
static bool
static_path_ok(const char *rel)
{
	const char *p;
	bool seg_start = true;

	if (*rel == '\0' || strlen(rel) > STATIC_PATH_MAX)
		return false;
	for (p = rel; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
		if (seg_start && (*p == '.' || *p == '/'))
			return false;
		seg_start = *p == '/';
	}
	return !seg_start;
}

static const char *
static_type(const char *rel)
{
	const char *dot = strrchr(rel, '.'), *slash = strrchr(rel, '/');
	size_t i;

	if (dot != NULL && (slash == NULL || dot > slash))
		for (i = 0; i < sizeof content_types / sizeof content_types[0]; i++)
			if (strcasecmp(dot + 1, content_types[i].ext) == 0)
				return content_types[i].type;
	return "application/octet-stream";
}
