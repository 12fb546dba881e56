/*
 * pdf.c - the small PDF writer of pdf.h.
 *
 * Layout: A4 (595 x 842 points), margins of 56 points, 10-point text on a
 * 13-point leading.  Helvetica's widths are not measured: a line holds at
 * most WRAP_CHARS characters, which fits the widest text of ordinary words.
 *
 * Invariants:
 *   1. Every string in a content stream is escaped ( \ ( ) ) and holds
 *      only WinAnsi bytes, so no input can end a string or a stream early.
 *   2. The xref table gives each object's exact byte offset.
 */
#include "util/pdf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define PAGE_W 595
#define PAGE_H 842
#define MARGIN 56
#define LEADING 13
#define FONT_SIZE 10
#define WRAP_CHARS 88
#define INDENT_PT 14

struct buf {
	char *p;
	size_t len, cap;
};

struct pdf {
	struct buf page;		/* the current page's content stream */
	struct buf *pages;		/* finished content streams */
	size_t npages, cap;
	int y;				/* baseline of the next line */
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n :
		    sizeof tmp - 1);
}

struct pdf *
pdf_new(void)
{
	struct pdf *p = xcalloc(1, sizeof *p);

	p->y = PAGE_H - MARGIN;
	return p;
}

static void
new_page(struct pdf *p)
{
	if (p->npages == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->pages = xrealloc(p->pages, p->cap * sizeof *p->pages);
	}
	p->pages[p->npages++] = p->page;
	memset(&p->page, 0, sizeof p->page);
	p->y = PAGE_H - MARGIN;
}

/* One code point of UTF-8 at *s (advancing it); 0xFFFD when malformed. */
static unsigned
utf8_next(const unsigned char **s)
{
	const unsigned char *c = *s;
	unsigned cp;
	int n;

	if (c[0] < 0x80) {
		*s += 1;
		return c[0];
	}
	if ((c[0] & 0xE0) == 0xC0) {
		cp = c[0] & 0x1F;
		n = 1;
	} else if ((c[0] & 0xF0) == 0xE0) {
		cp = c[0] & 0x0F;
		n = 2;
	} else if ((c[0] & 0xF8) == 0xF0) {
		cp = c[0] & 0x07;
		n = 3;
	} else {
		*s += 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= n; i++) {
		if ((c[i] & 0xC0) != 0x80) {
			*s += i;
			return 0xFFFD;
		}
		cp = cp << 6 | (c[i] & 0x3F);
	}
	*s += n + 1;
	return cp;
}

/* The WinAnsi byte of a code point, '?' when there is none. */
static unsigned char
winansi(unsigned cp)
{
	static const struct { unsigned cp; unsigned char b; } extra[] = {
		{ 0x20AC, 0x80 }, { 0x2018, 0x91 }, { 0x2019, 0x92 },
		{ 0x201C, 0x93 }, { 0x201D, 0x94 }, { 0x2022, 0x95 },
		{ 0x2013, 0x96 }, { 0x2014, 0x97 }, { 0x2026, 0x85 },
	};

	if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF))
		return (unsigned char)cp;
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (extra[i].cp == cp)
			return extra[i].b;
	return cp == '\t' ? ' ' : '?';
}

/* utf8 as WinAnsi bytes (malloc'ed, NUL-terminated; *n bytes). */
static unsigned char *
to_winansi(const char *utf8, size_t *n)
{
	const unsigned char *s = (const unsigned char *)utf8;
	unsigned char *out = xmalloc(strlen(utf8) + 1);

	*n = 0;
	while (*s != '\0')
		out[(*n)++] = winansi(utf8_next(&s));
	out[*n] = '\0';
	return out;
}

static void
show(struct pdf *p, const char *font, int size, int x,
    const unsigned char *t, size_t n)
{
	if (p->y < MARGIN + size)
		new_page(p);
	buf_printf(&p->page, "BT /%s %d Tf %d %d Td (", font, size, x, p->y);
	for (size_t i = 0; i < n; i++) {
		char c = (char)t[i];

		if (c == '(' || c == ')' || c == '\\')
			buf_add(&p->page, "\\", 1);
		buf_add(&p->page, &c, 1);
	}
	buf_add(&p->page, ") Tj ET\n", 8);
	p->y -= size + (LEADING - FONT_SIZE);
}

void
pdf_heading(struct pdf *p, const char *utf8, int size)
{
	unsigned char *t;
	size_t n;

	/* Keep a heading with at least three lines of what follows. */
	if (p->y < MARGIN + size + 3 * LEADING)
		new_page(p);
	else if (p->y < PAGE_H - MARGIN)
		p->y -= LEADING / 2;
	t = to_winansi(utf8, &n);
	show(p, "F2", size, MARGIN, t, n);
	free(t);
}

void
pdf_text(struct pdf *p, int indent, const char *utf8)
{
	unsigned char *t;
	size_t n, at = 0, width;

	if (indent < 0)
		indent = 0;
	if (indent > 10)
		indent = 10;
	width = WRAP_CHARS - (size_t)indent * 3;
	t = to_winansi(utf8, &n);
	do {
		size_t take = n - at, cut;

		if (take > width) {
			/* Break at the last space within the width. */
			for (cut = width; cut > 0 && t[at + cut] != ' '; cut--)
				;
			take = cut > 0 ? cut : width;
		}
		show(p, "F1", FONT_SIZE, MARGIN + indent * INDENT_PT, t + at,
		    take);
		at += take;
		while (at < n && t[at] == ' ')
			at++;
	} while (at < n);
	free(t);
}

void
pdf_gap(struct pdf *p)
{
	p->y -= LEADING / 2;
}

unsigned char *
pdf_finish(struct pdf *p, size_t *len)
{
	struct buf out = { 0 };
	size_t *off, nobj, first_page = 5;
	unsigned char *r;

	new_page(p);
	/* 1 catalog, 2 pages, 3 and 4 fonts, then a page and its content
	 * for every page. */
	nobj = 4 + 2 * p->npages;
	off = xcalloc(nobj + 1, sizeof *off);
	buf_add(&out, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 15);
	off[1] = out.len;
	buf_printf(&out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = out.len;
	buf_printf(&out, "2 0 obj\n<< /Type /Pages /Count %zu /Kids [",
	    p->npages);
	for (size_t i = 0; i < p->npages; i++)
		buf_printf(&out, " %zu 0 R", first_page + 2 * i);
	buf_printf(&out, " ] >>\nendobj\n");
	off[3] = out.len;
	buf_printf(&out, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont "
	    "/Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n");
	off[4] = out.len;
	buf_printf(&out, "4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont "
	    "/Helvetica-Bold /Encoding /WinAnsiEncoding >>\nendobj\n");
	for (size_t i = 0; i < p->npages; i++) {
		size_t page = first_page + 2 * i, content = page + 1;
		struct buf *c = &p->pages[i];

		off[page] = out.len;
		buf_printf(&out, "%zu 0 obj\n<< /Type /Page /Parent 2 0 R "
		    "/MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R "
		    "/F2 4 0 R >> >> /Contents %zu 0 R >>\nendobj\n", page,
		    PAGE_W, PAGE_H, content);
		off[content] = out.len;
		buf_printf(&out, "%zu 0 obj\n<< /Length %zu >>\nstream\n",
		    content, c->len);
		if (c->len > 0)
			buf_add(&out, c->p, c->len);
		buf_printf(&out, "\nendstream\nendobj\n");
		free(c->p);
	}
	{
		size_t xref = out.len;

		buf_printf(&out, "xref\n0 %zu\n0000000000 65535 f \n", nobj + 1);
		for (size_t i = 1; i <= nobj; i++)
			buf_printf(&out, "%010zu 00000 n \n", off[i]);
		buf_printf(&out, "trailer\n<< /Size %zu /Root 1 0 R >>\n"
		    "startxref\n%zu\n%%%%EOF\n", nobj + 1, xref);
	}
	free(off);
	free(p->pages);
	free(p);
	*len = out.len;
	r = (unsigned char *)out.p;
	return r;
}
