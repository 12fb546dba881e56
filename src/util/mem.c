/* mem.c - aborting allocators and a bump arena; see mem.h. */
#include "util/mem.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
oom(size_t n)
{
	fprintf(stderr, "{\"level\":\"fatal\",\"msg\":\"out of memory\",\"bytes\":%zu}\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Chunks are at least ARENA_CHUNK bytes; a larger request gets its own. */
#define ARENA_CHUNK (16 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void
arena_init(struct arena *a)
{
	a->head = NULL;
}

void
arena_cleanup(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	while (c != NULL) {
		next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}

static void fault_arena_alloc(struct arena *a);

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t need = (n + 15) & ~(size_t)15;
	void *p;

	fault_arena_alloc(a);
	if (need < n)
		oom(n);
	if (c == NULL || c->size - c->used < need) {
		size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;

		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += need;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	n = strnlen(s, n);	/* at most n bytes, never past the string's end */
	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- fault injection (mem.h) ---- */

static bool fault_on;
static _Thread_local struct {
	struct arena *arena;
	long alloc_at, allocs;
	long step_at, steps;
	jmp_buf *recover;
	struct fault_block *blocks;	/* fault_malloc'd since recover was set */
} ft;

/* A fault_malloc block: a header before the caller's bytes. */
struct fault_block {
	struct fault_block *prev, *next;
	bool tracked;
	_Alignas(16) unsigned char data[];
};

void
fault_init(void)
{
	const char *v = getenv("DOORLOOP_FAULTS");

	fault_on = v != NULL && strcmp(v, "1") == 0;
}

bool
fault_enabled(void)
{
	return fault_on;
}

void
fault_arm(struct arena *a, long alloc_at, long step_at)
{
	if (!fault_on)
		return;
	ft.arena = a;
	ft.alloc_at = alloc_at > 0 ? alloc_at : 0;
	ft.step_at = step_at > 0 ? step_at : 0;
	ft.allocs = ft.steps = 0;
}

bool
fault_armed(void)
{
	return fault_on && (ft.alloc_at > 0 || ft.step_at > 0);
}

bool
fault_db_step(void)
{
	return fault_on && ft.step_at > 0 && ++ft.steps == ft.step_at;
}

static void
fault_arena_alloc(struct arena *a)
{
	if (!fault_on || ft.alloc_at == 0 || a != ft.arena ||
	    ++ft.allocs != ft.alloc_at)
		return;
	if (ft.recover == NULL)
		abort();
	longjmp(*ft.recover, 1);
}

static void
fault_untrack_all(void)
{
	struct fault_block *b = ft.blocks, *next;

	for (; b != NULL; b = next) {
		next = b->next;
		b->tracked = false;
		b->prev = b->next = NULL;
	}
	ft.blocks = NULL;
}

void
fault_recovery(jmp_buf *jb)
{
	fault_untrack_all();
	ft.recover = jb;
}

void
fault_release(void)
{
	struct fault_block *b = ft.blocks, *next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	ft.blocks = NULL;
}

void *
fault_malloc(size_t n)
{
	struct fault_block *b = malloc(sizeof *b + n);

	if (b == NULL)
		return NULL;
	b->prev = NULL;
	b->next = NULL;
	b->tracked = ft.recover != NULL;
	if (b->tracked) {
		b->next = ft.blocks;
		if (ft.blocks != NULL)
			ft.blocks->prev = b;
		ft.blocks = b;
	}
	return b->data;
}

void
fault_free(void *p)
{
	struct fault_block *b;

	if (p == NULL)
		return;
	b = (struct fault_block *)((unsigned char *)p -
	    offsetof(struct fault_block, data));
	if (b->tracked) {
		if (b->prev != NULL)
			b->prev->next = b->next;
		else
			ft.blocks = b->next;
		if (b->next != NULL)
			b->next->prev = b->prev;
	}
	free(b);
}
