/*
 * mem.h - allocation policy and the per-request arena.
 *
 * Out-of-memory is decided once: xmalloc and friends abort, so call sites
 * never check for NULL.  Tests may install a hook that makes the n-th
 * allocation fail (fault injection); the hook then aborts too, which the
 * test observes.
 *
 * An arena owns everything allocated from it and frees it all at once in
 * arena_cleanup().  One arena lives per HTTP request and per CLI command.
 */
#ifndef DOORLOOP_MEM_H
#define DOORLOOP_MEM_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};

void arena_init(struct arena *a);
void arena_cleanup(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);	/* zeroed, 16-aligned */
char *arena_strdup(struct arena *a, const char *s);	/* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);	/* at most n bytes of s */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

#endif
