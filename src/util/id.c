/* id.c - UUIDv7 and UTC instants; see id.h. */
#include "util/id.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

void
random_bytes(void *buf, unsigned long n)
{
	unsigned char *p = buf;

	while (n > 0) {
		ssize_t r = getrandom(p, n, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			abort();
		}
		p += r;
		n -= (unsigned long)r;
	}
}

/* Milliseconds on clock c. */
static int64_t
clock_ms(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
instant_now_ms(void)
{
	return clock_ms(CLOCK_REALTIME);
}

int64_t
instant_mono_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

void
instant_format(int64_t ms, char out[INSTANT_LEN + 1])
{
	time_t secs = (time_t)(ms / 1000);
	struct tm tm;
	char buf[64];

	gmtime_r(&secs, &tm);
	/* Years are 4 digits for every instant this program handles. */
	if (tm.tm_year < -1900 || tm.tm_year > 8099)
		abort();
	snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100, tm.tm_mday % 100,
	    tm.tm_hour % 100, tm.tm_min % 100, tm.tm_sec % 100, (int)(((ms % 1000) + 1000) % 1000));
	memcpy(out, buf, INSTANT_LEN);
	out[INSTANT_LEN] = '\0';
}

void
instant_now(char out[INSTANT_LEN + 1])
{
	instant_format(instant_now_ms(), out);
}

void
instant_after(int64_t seconds, char out[INSTANT_LEN + 1])
{
	instant_format(instant_now_ms() + seconds * 1000, out);
}

void
id_new(char out[ID_LEN + 1])
{
	unsigned char b[16];
	uint64_t ms = (uint64_t)instant_now_ms();

	random_bytes(b + 6, 10);
	b[0] = (unsigned char)(ms >> 40);
	b[1] = (unsigned char)(ms >> 32);
	b[2] = (unsigned char)(ms >> 24);
	b[3] = (unsigned char)(ms >> 16);
	b[4] = (unsigned char)(ms >> 8);
	b[5] = (unsigned char)ms;
	b[6] = (unsigned char)(0x70 | (b[6] & 0x0f));
	b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));
	snprintf(out, ID_LEN + 1,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
	    b[11], b[12], b[13], b[14], b[15]);
}

bool
id_valid(const char *s)
{
	if (s == NULL || strlen(s) != ID_LEN)
		return false;
	for (int i = 0; i < ID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i]) ||
		    isupper((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}
