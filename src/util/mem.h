/*
 * mem.h - allocation policy and the per-request arena.
 *
 * Out-of-memory is decided once: xmalloc and friends abort, so call sites
 * never check for NULL.
 *
 * An arena owns everything allocated from it and frees it all at once in
 * arena_cleanup().  One arena lives per HTTP request and per CLI command.
 */
#ifndef DOORLOOP_MEM_H
#define DOORLOOP_MEM_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
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

/*
 * Fault injection, for tests: the way SQLite tests its own failure paths.
 * Compiled into every build and inert unless DOORLOOP_FAULTS=1 is in the
 * environment when fault_init() runs (once, at start-up).  Then a unit of
 * work (one HTTP request's handler) may be armed so that the alloc_at-th
 * allocation from its arena, or the step_at-th database step on this
 * thread, fails (db.c asks fault_db_step()).
 *
 * A failed arena allocation cannot return NULL (no caller checks), so it
 * jumps to the thread's recovery point (fault_recovery); with none set it
 * aborts.  What the abandoned work held outside the arena is released
 * there: blocks from fault_malloc (the server gives them to jansson while
 * faults are enabled) allocated since the point was set, and the
 * statements db.c saw prepared and not finalized (db_abandon_open).
 */
void fault_init(void);
bool fault_enabled(void);
/* Arm this thread: 0 = never.  fault_arm(NULL, 0, 0) disarms. */
void fault_arm(struct arena *a, long alloc_at, long step_at);
bool fault_armed(void);
/* true when this database step is the armed one (counts the step). */
bool fault_db_step(void);
/* Set (or with NULL clear) this thread's recovery point.  Clearing keeps
 * the tracked blocks alive (the work finished); fault_release frees them
 * (the work was abandoned). */
void fault_recovery(jmp_buf *jb);
void fault_release(void);
void *fault_malloc(size_t n);
void fault_free(void *p);

#endif
