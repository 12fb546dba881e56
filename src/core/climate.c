/*
 * climate.c - group climate scoring, suppression and the questionnaire
 * file format (climate.h).
 *
 * Invariants:
 *   1. A score is only ever computed from answers on the scale; a value
 *      outside 1..points makes the whole computation fail.
 *   2. Suppression is decided here, once: callers show what is not
 *      suppressed and nothing else.
 */
#include "core/climate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/names.h"

static const char *const theme_names[CLIMATE_THEME__COUNT] = {
	"support", "growth", "repression", "atmosphere" };
static const char *const variant_names[CLIMATE_VARIANT__COUNT] = {
	"girl_young", "girl_older", "staff" };

NAMES_DEFINE(climate_theme, enum climate_theme, theme_names,
    CLIMATE_THEME__COUNT)
NAMES_DEFINE(climate_variant, enum climate_variant, variant_names,
    CLIMATE_VARIANT__COUNT)

const char *
climate_audience_of(enum climate_variant v)
{
	return v == CLIMATE_STAFF ? "staff" : "girls";
}

/* Running mean and variance (Welford). */
struct acc { int n; double mean, m2; };

static void
acc_add(struct acc *a, double x)
{
	double d = x - a->mean;

	a->n++;
	a->mean += d / a->n;
	a->m2 += d * (x - a->mean);
}

static void
acc_stat(const struct acc *a, int min, struct climate_stat *s)
{
	s->n = a->n;
	s->suppressed = a->n < min || a->n == 0;
	s->mean = s->suppressed ? 0 : a->mean;
	s->sd = s->suppressed || a->n < 2 ? 0 : sqrt(a->m2 / (a->n - 1));
}

int
climate_score(const struct climate_item_def *items, size_t nitems,
    int points, const int *values, const enum climate_variant *rvariant,
    size_t nresp, int min_respondents, struct climate_result *out,
    struct climate_stat *item_out)
{
	struct acc th[CLIMATE_THEME__COUNT] = { { 0, 0, 0 } };
	int need[CLIMATE_VARIANT__COUNT][CLIMATE_THEME__COUNT] = { { 0 } };
	struct acc *ia;

	memset(out, 0, sizeof *out);
	out->item = item_out;
	if (points < CLIMATE_SCALE_MIN || points > CLIMATE_SCALE_MAX)
		return -1;
	for (size_t k = 0; k < nresp * nitems; k++)
		if (values[k] < 0 || values[k] > points)
			return -1;
	ia = calloc(nitems ? nitems : 1, sizeof *ia);
	if (ia == NULL)
		abort();
	for (size_t i = 0; i < nitems; i++)
		need[items[i].variant][items[i].theme]++;
	for (size_t r = 0; r < nresp; r++) {
		const int *v = values + r * nitems;
		double sum[CLIMATE_THEME__COUNT] = { 0 };
		int cnt[CLIMATE_THEME__COUNT] = { 0 };

		for (size_t i = 0; i < nitems; i++) {
			double x;

			if (v[i] == 0 || items[i].variant != rvariant[r])
				continue;
			x = items[i].reverse ? points + 1 - v[i] : v[i];
			sum[items[i].theme] += x;
			cnt[items[i].theme]++;
			acc_add(&ia[i], x);
		}
		for (int t = 0; t < CLIMATE_THEME__COUNT; t++) {
			int half = (need[rvariant[r]][t] + 1) / 2;

			if (cnt[t] > 0 && cnt[t] >= half)
				acc_add(&th[t], sum[t] / cnt[t]);
		}
	}
	out->respondents = (int)nresp;
	out->suppressed = (int)nresp < min_respondents || nresp == 0;
	for (int t = 0; t < CLIMATE_THEME__COUNT; t++) {
		acc_stat(&th[t], min_respondents, &out->theme[t]);
		if (out->suppressed) {
			out->theme[t].suppressed = true;
			out->theme[t].mean = out->theme[t].sd = 0;
		}
	}
	for (size_t i = 0; i < nitems; i++) {
		acc_stat(&ia[i], min_respondents, &item_out[i]);
		if (out->suppressed) {
			item_out[i].suppressed = true;
			item_out[i].mean = item_out[i].sd = 0;
		}
	}
	free(ia);
	return 0;
}

/* ---- the file format ---- */

static int
fail(struct climate_qdef *q, int *line, int at, char *msg, size_t msglen,
    const char *what)
{
	climate_qdef_free(q);
	*line = at;
	snprintf(msg, msglen, "%s", what);
	return -1;
}

/* Split `s` at TABs into at most `max` fields; returns their number. */
static int
split(char *s, char **f, int max)
{
	int n = 0;

	f[n++] = s;
	for (char *p = s; *p != '\0'; p++)
		if (*p == '\t') {
			*p = '\0';
			if (n == max)
				return max + 1;
			f[n++] = p + 1;
		}
	return n;
}

static bool
text_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CLIMATE_TEXT_MAX)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20)
			return false;
	return true;
}

int
climate_qdef_parse(char *text, struct climate_qdef *q, int *line, char *msg,
    size_t msglen)
{
	int lineno = 0, pos[CLIMATE_VARIANT__COUNT] = { 0 };
	int have[CLIMATE_VARIANT__COUNT][CLIMATE_THEME__COUNT] = { { 0 } };
	size_t cap = 0;
	char *p = text, *next;

	memset(q, 0, sizeof *q);
	*line = 0;
	msg[0] = '\0';
	for (; p != NULL && *p != '\0'; p = next) {
		char *f[8];
		int nf;

		lineno++;
		next = strchr(p, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strlen(p) > 0 && p[strlen(p) - 1] == '\r')
			p[strlen(p) - 1] = '\0';
		if (p[0] == '#' || p[0] == '\0')
			continue;
		nf = split(p, f, 7);
		for (int i = 0; i < nf && i < 7; i++)
			if (!text_ok(f[i]))
				return fail(q, line, lineno, msg, msglen,
				    "empty, too long or control characters in a field");
		if (strcmp(f[0], "questionnaire") == 0) {
			if (nf != 4 || q->name != NULL)
				return fail(q, line, lineno, msg, msglen,
				    "one line: questionnaire NAME VERSION SOURCE");
			q->name = f[1];
			q->version = f[2];
			q->source = f[3];
		} else if (strcmp(f[0], "scale") == 0) {
			char *end;
			long v = nf == 2 ? strtol(f[1], &end, 10) : 0;

			if (nf != 2 || *end != '\0' || v < CLIMATE_SCALE_MIN ||
			    v > CLIMATE_SCALE_MAX || q->points != 0)
				return fail(q, line, lineno, msg, msglen,
				    "one line: scale POINTS (2 to 7)");
			q->points = (int)v;
		} else if (strcmp(f[0], "label") == 0) {
			char *end;
			long v = nf == 4 ? strtol(f[1], &end, 10) : 0;

			if (nf != 4 || *end != '\0' || q->points == 0 || v < 1 ||
			    v > q->points || q->label_nl[v] != NULL)
				return fail(q, line, lineno, msg, msglen,
				    "label VALUE DUTCH ENGLISH, after scale, once per value");
			q->label_nl[v] = f[2];
			q->label_en[v] = f[3];
		} else if (strcmp(f[0], "item") == 0) {
			struct climate_qitem *it;
			enum climate_variant va;
			enum climate_theme th;

			if (nf != 6 || climate_variant_parse(f[1], &va) != 0 ||
			    climate_theme_parse(f[2], &th) != 0 ||
			    (strcmp(f[3], "normal") != 0 &&
			    strcmp(f[3], "reverse") != 0))
				return fail(q, line, lineno, msg, msglen,
				    "item VARIANT THEME normal|reverse DUTCH ENGLISH");
			if (q->nitems == CLIMATE_ITEMS_MAX)
				return fail(q, line, lineno, msg, msglen,
				    "too many items");
			if (q->nitems == cap) {
				cap = cap ? cap * 2 : 32;
				q->items = realloc(q->items, cap * sizeof *q->items);
				if (q->items == NULL)
					abort();
			}
			it = &q->items[q->nitems++];
			it->variant = va;
			it->theme = th;
			it->reverse = strcmp(f[3], "reverse") == 0;
			it->position = ++pos[va];
			it->text_nl = f[4];
			it->text_en = f[5];
			have[va][th]++;
		} else {
			return fail(q, line, lineno, msg, msglen,
			    "unknown record; expected questionnaire, scale, label or item");
		}
	}
	if (q->name == NULL || q->points == 0) {
		return fail(q, line, 0, msg, msglen,
		    "the questionnaire and scale lines are missing");
	}
	for (int v = 1; v <= q->points; v++)
		if (q->label_nl[v] == NULL) {
			return fail(q, line, 0, msg, msglen,
			    "every value of the scale needs a label");
		}
	for (int va = 0; va < CLIMATE_VARIANT__COUNT; va++)
		for (int t = 0; t < CLIMATE_THEME__COUNT; t++)
			if (have[va][t] == 0) {
				return fail(q, line, 0, msg, msglen,
				    "every variant needs an item of every theme");
			}
	return 0;
}

void
climate_qdef_free(struct climate_qdef *q)
{
	free(q->items);
	q->items = NULL;
	q->nitems = 0;
}
