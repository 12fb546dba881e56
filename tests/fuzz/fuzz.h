/*
 * fuzz.h - the libFuzzer entry point every target in tests/fuzz defines.
 *
 * Built two ways (Makefile): with clang -fsanitize=fuzzer for `make fuzz`,
 * and with the debug build's compiler and sanitizers against replay.c, a
 * main() that runs each file named on the command line once, so `make
 * test` replays the corpus in tests/fuzz/corpus/<target>/ as regression
 * tests.  A target aborts (FUZZ_CHECK) when an invariant breaks.
 */
#ifndef DOORLOOP_FUZZ_H
#define DOORLOOP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/* A NUL-terminated copy of the input (malloc'ed; the caller frees it). */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
