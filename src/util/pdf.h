/*
 * pdf.h - a small PDF writer: A4 text pages in Helvetica (regular and
 * bold, WinAnsiEncoding), lines wrapped at the page width, pages added as
 * text runs down.  No images, no embedded fonts, no dependency: a file
 * every PDF reader opens (PDF 1.4, one xref table).
 *
 * Text is UTF-8; characters WinAnsi lacks are written as '?'.
 */
#ifndef DOORLOOP_PDF_H
#define DOORLOOP_PDF_H

#include <stddef.h>

struct pdf;

struct pdf *pdf_new(void);
/* A bold heading of `size` points (a new page if too little room is left). */
void pdf_heading(struct pdf *p, const char *utf8, int size);
/* A line of 10-point text, indented `indent` steps, wrapped as needed. */
void pdf_text(struct pdf *p, int indent, const char *utf8);
/* Vertical space of half a line. */
void pdf_gap(struct pdf *p);
/* The whole document (malloc'ed, *len bytes); frees p. */
unsigned char *pdf_finish(struct pdf *p, size_t *len);

#endif
