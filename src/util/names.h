/*
 * names.h - an enumeration's stable names: the text the database and the
 * API speak for each value, and back.
 *
 * NAMES_DEFINE(prefix, type, table, count) defines
 *	const char *prefix_name(type v);		the name; aborts when v
 *							is out of range (a bug)
 *	int prefix_parse(const char *s, type *out);	0, or -1 when s is NULL
 *							or no name of the table
 * over `table`, an array of `count` names in the enumeration's order.
 */
#ifndef DOORLOOP_NAMES_H
#define DOORLOOP_NAMES_H

#include <stdlib.h>

/* The index of s in names[0..n), or -1 (also when s is NULL). */
int name_index(const char *const *names, int n, const char *s);

#define NAMES_DEFINE(prefix, type, table, count)			\
const char *								\
prefix##_name(type v)							\
{									\
	if ((unsigned)v >= (unsigned)(count))				\
		abort();						\
	return (table)[v];						\
}									\
									\
int									\
prefix##_parse(const char *s, type *out)				\
{									\
	int i = name_index((table), (int)(count), s);			\
									\
	if (i < 0)							\
		return -1;						\
	*out = (type)i;							\
	return 0;							\
}

#endif
