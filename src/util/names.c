/*
 * names.c - an enumeration's stable names (names.h).
 */
#include "util/names.h"

#include <string.h>

int
name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}
