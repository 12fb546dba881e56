/*
 * rules.c - legal-basis coverage, flags and continuity figures of one
 * trajectory; see rules.h (DOMAIN.md R3 and R6).
 *
 * This file owns the meaning of "covered", "gap" and "past the legal end".
 * It reads only its input struct and writes only its result struct; it
 * does no I/O and keeps no state between calls.
 *
 * The method.  Every basis becomes the closed interval [start, effective
 * end] with effective end = min(recorded end, legal end).  The intervals
 * are sorted by start and merged, where two intervals merge when they
 * overlap or touch (the second starts the day after the first ends).  The
 * gaps are then the runs of days between merged intervals, clipped to the
 * trajectory span.  The same walk, over the main caregivers' memberships
 * instead of the bases, gives the days without a main caregiver.
 *
 * Invariants:
 *   1. Day arithmetic that may step past DATE_OPEN (end + 1) is done in
 *      64 bits, so an open end never wraps around.
 *   2. A basis is never trimmed silently: whenever its recorded end lies
 *      past its legal end, a FLAG_PAST_LEGAL_END flag says so, even though
 *      only the part up to the legal end counts as coverage.
 *   3. A record whose end precedes its start gives a FLAG_END_BEFORE_START
 *      flag, covers nothing and is not checked further.
 *   4. Gaps are ascending and disjoint; a gap running to an open
 *      trajectory end has end == DATE_OPEN.
 *   5. An enum value outside its range is a broken invariant: abort().
 */
#include "core/rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/mem.h"
#include "util/names.h"

static const char *const basis_names[BASIS__COUNT] = {
	"jeugdwet", "verlengde_jeugdhulp", "wmo", "wlz", "zvw_ggz",
	"criminal", "other"
};

static const char *const order_names[ORDER__COUNT] = {
	"machtiging", "spoedmachtiging", "voorwaardelijke_machtiging", "ots",
	"voogdij"
};

static const char *const form_names[FORM__COUNT] = {
	"ambulant", "family_home", "open_residential", "secure_residential"
};

static const char *const role_names[TEAM__COUNT] = {
	"main_caregiver", "caregiver", "therapist", "guardian", "other"
};

static int	interval_cmp(const void *a, const void *b);
static size_t	uncovered(struct rules_interval *iv, size_t n, dl_date from,
		    dl_date to, struct rules_interval *gaps);
static int	count_days(const struct rules_interval *gaps, size_t n,
		    dl_date from, dl_date to);
static void	flag_check(struct rules_flag *flags, size_t *nflags,
		    int is_order, int kind_index, const char *id, dl_date start,
		    dl_date end, dl_date legal_end);

NAMES_DEFINE(basis_kind, enum basis_kind, basis_names, BASIS__COUNT)
NAMES_DEFINE(order_kind, enum order_kind, order_names, ORDER__COUNT)
NAMES_DEFINE(care_form, enum care_form, form_names, FORM__COUNT)
NAMES_DEFINE(team_role, enum team_role, role_names, TEAM__COUNT)

dl_date
basis_legal_end(enum basis_kind k, dl_date birth, enum leap_rule rule)
{
	switch (k) {
	case BASIS_JEUGDWET:
		return date_birthday(birth, 18, rule) - 1;
	case BASIS_VERLENGDE_JEUGDHULP:
		return date_birthday(birth, 23, rule) - 1;
	case BASIS_WMO:
	case BASIS_WLZ:
	case BASIS_ZVW_GGZ:
	case BASIS_CRIMINAL:
	case BASIS_OTHER:
		return DATE_OPEN;
	case BASIS__COUNT:
		break;
	}
	abort();
}

dl_date
order_legal_end(enum order_kind k, dl_date birth, enum leap_rule rule)
{
	switch (k) {
	case ORDER_MACHTIGING:
	case ORDER_SPOEDMACHTIGING:
	case ORDER_VOORWAARDELIJK:
		return date_add_months(date_birthday(birth, 18, rule), 6) - 1;
	case ORDER_OTS:
	case ORDER_VOOGDIJ:
		return date_birthday(birth, 18, rule) - 1;
	case ORDER__COUNT:
		break;
	}
	abort();
}

static int
interval_cmp(const void *a, const void *b)
{
	const struct rules_interval *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/*
 * Writes the maximal uncovered runs of [from, to] into gaps (room for n + 1
 * entries) and returns their number.  iv is sorted in place.  Overlapping
 * and touching intervals merge naturally: the cursor only moves forward,
 * to the day after the furthest end seen so far.
 */
static size_t
uncovered(struct rules_interval *iv, size_t n, dl_date from, dl_date to,
    struct rules_interval *gaps)
{
	int64_t cursor = from;
	size_t i, ngaps = 0;

	if (to < from)
		return 0;
	qsort(iv, n, sizeof(*iv), interval_cmp);
	for (i = 0; i < n && cursor <= to; i++) {
		if (iv[i].end < cursor)
			continue;
		if (iv[i].start > to)
			break;
		if (iv[i].start > cursor) {
			gaps[ngaps].start = (dl_date)cursor;
			gaps[ngaps].end = iv[i].start - 1;
			ngaps++;
		}
		cursor = (int64_t)iv[i].end + 1;
	}
	if (cursor <= to) {
		gaps[ngaps].start = (dl_date)cursor;
		gaps[ngaps].end = to;
		ngaps++;
	}
	return ngaps;
}

/* Days of the gaps that fall within [from, to]; 0 when to < from. */
static int
count_days(const struct rules_interval *gaps, size_t n, dl_date from,
    dl_date to)
{
	int64_t total = 0, s, e;
	size_t i;

	if (to < from)
		return 0;
	for (i = 0; i < n; i++) {
		s = gaps[i].start > from ? gaps[i].start : from;
		e = gaps[i].end < to ? gaps[i].end : to;
		if (e >= s)
			total += e - s + 1;
	}
	return total > INT32_MAX ? INT32_MAX : (int)total;
}

/* Appends a flag when the record is inverted or runs past its legal end. */
static void
flag_check(struct rules_flag *flags, size_t *nflags, int is_order,
    int kind_index, const char *id, dl_date start, dl_date end,
    dl_date legal_end)
{
	struct rules_flag *f;

	if (end >= start && end <= legal_end)
		return;
	f = &flags[(*nflags)++];
	f->kind = end < start ? FLAG_END_BEFORE_START : FLAG_PAST_LEGAL_END;
	f->is_order = is_order;
	f->kind_index = kind_index;
	f->id = id;
	f->recorded_end = end;
	f->legal_end = legal_end;
}

void
rules_evaluate(const struct rules_input *in, struct rules_result *out)
{
	struct rules_interval *iv, *cg, *care_gaps;
	dl_date legal, eff, span_end, b18;
	size_t i, j, n, ncg, nflags_max;
	int distinct;

	memset(out, 0, sizeof(*out));

	/* Bases: flags, then effective intervals, then gaps. */
	nflags_max = in->nbases + in->norders;
	if (nflags_max > 0)
		out->flags = xmalloc(nflags_max * sizeof(*out->flags));
	iv = xmalloc((in->nbases + 1) * sizeof(*iv));
	n = 0;
	for (i = 0; i < in->nbases; i++) {
		const struct rules_basis *b = &in->bases[i];

		legal = basis_legal_end(b->kind, in->birth, in->leap);
		flag_check(out->flags, &out->nflags, 0, (int)b->kind, b->id,
		    b->start, b->end, legal);
		if (b->end < b->start)
			continue;
		eff = b->end < legal ? b->end : legal;
		if (eff < b->start)
			continue;	/* started after its legal end */
		iv[n].start = b->start;
		iv[n].end = eff;
		n++;
	}
	for (i = 0; i < in->norders; i++) {
		const struct rules_order *o = &in->orders[i];

		legal = order_legal_end(o->kind, in->birth, in->leap);
		flag_check(out->flags, &out->nflags, 1, (int)o->kind, o->id,
		    o->start, o->end, legal);
	}
	if (out->nflags == 0) {
		free(out->flags);
		out->flags = NULL;
	}

	out->gaps = xmalloc((n + 1) * sizeof(*out->gaps));
	out->ngaps = uncovered(iv, n, in->start, in->end, out->gaps);
	free(iv);
	if (out->ngaps == 0) {
		free(out->gaps);
		out->gaps = NULL;
	}

	/* Figures. */
	out->figures.transfers = in->nphases > 0 ? (int)in->nphases - 1 : 0;

	distinct = 0;
	for (i = 0; i < in->nmembers; i++) {
		const struct rules_member *m = &in->members[i];

		if (m->role != TEAM_MAIN_CAREGIVER || m->user == NULL)
			continue;
		for (j = 0; j < i; j++) {
			const struct rules_member *p = &in->members[j];

			if (p->role == TEAM_MAIN_CAREGIVER && p->user != NULL &&
			    strcmp(p->user, m->user) == 0)
				break;
		}
		if (j == i)
			distinct++;
	}
	out->figures.distinct_main_caregivers = distinct;

	/*
	 * The span of the day counts is [start, min(end, as_of)].  An as_of
	 * that is not a real date gives an empty span rather than a count
	 * running to the end of time.
	 */
	span_end = in->end < in->as_of ? in->end : in->as_of;
	if (in->as_of == DATE_NONE || span_end == DATE_OPEN)
		span_end = DATE_NONE;
	out->figures.days_without_basis = count_days(out->gaps, out->ngaps,
	    in->start, span_end);

	cg = xmalloc((in->nmembers + 1) * sizeof(*cg));
	n = 0;
	for (i = 0; i < in->nmembers; i++) {
		const struct rules_member *m = &in->members[i];

		if (m->role != TEAM_MAIN_CAREGIVER || m->to < m->from)
			continue;
		cg[n].start = m->from;
		cg[n].end = m->to;
		n++;
	}
	care_gaps = xmalloc((n + 1) * sizeof(*care_gaps));
	ncg = uncovered(cg, n, in->start, span_end, care_gaps);
	out->figures.days_without_main_caregiver = count_days(care_gaps, ncg,
	    in->start, span_end);
	free(care_gaps);
	free(cg);

	b18 = date_birthday(in->birth, 18, in->leap);
	out->figures.eighteenth_birthday = b18;
	out->figures.gap_at_18 = 0;
	if (b18 >= in->start && b18 <= in->end) {
		for (i = 0; i < out->ngaps; i++)
			if (out->gaps[i].start <= b18 && b18 <= out->gaps[i].end)
				out->figures.gap_at_18 = 1;
	}
}

void
rules_result_cleanup(struct rules_result *r)
{
	free(r->gaps);
	free(r->flags);
	memset(r, 0, sizeof(*r));
}

/*
 * The elfproef: with digits d1..d9, 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must
 * be divisible by 11.  "000000000" passes the sum but is never issued.
 */
int
bsn_valid(const char *s)
{
	int i, sum = 0, nonzero = 0;

	if (s == NULL)
		return 0;
	for (i = 0; i < 9; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (s[i] != '0')
			nonzero = 1;
		sum += (i < 8 ? 9 - i : -1) * (s[i] - '0');
	}
	if (s[9] != '\0' || !nonzero)
		return 0;
	return sum % 11 == 0;
}

int
rules_overlap(struct rules_interval a, struct rules_interval b)
{
	return a.start <= b.end && b.start <= a.end;
}

bool
glass_reason_ok(const char *s)
{
	bool seen[256] = { false };
	const char *first = NULL;
	size_t first_len = 0, len = 0;
	int words = 0, letters = 0;
	bool differ = false;

	if (s == NULL || strlen(s) < GLASS_REASON_MIN_CHARS)
		return false;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c >= 0x80;

		if (letter) {
			unsigned char k = c >= 'A' && c <= 'Z' ? c + 32 : c;

			if (!seen[k]) {
				seen[k] = true;
				letters++;
			}
			len++;
			continue;
		}
		if (len >= 2) {
			const char *w = p - len;

			words++;
			if (first == NULL) {
				first = w;
				first_len = len;
			} else if (len != first_len ||
			    strncasecmp(w, first, len) != 0)
				differ = true;
		}
		len = 0;
		if (c == '\0')
			break;
	}
	return words >= GLASS_REASON_MIN_WORDS && differ &&
	    letters >= GLASS_REASON_MIN_LETTERS;
}
