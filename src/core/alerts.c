/*
 * alerts.c - the continuity engine's rules; see alerts.h (DOMAIN.md R3-R8,
 * R11).
 *
 * This file owns the meaning of every alert on the worklist.  It reads
 * only its input struct and appends only to the alert list; no I/O, no
 * state between calls.  Reasons hold dates and numbers, never names.
 *
 * Invariants:
 *   1. Only an open trajectory (as_of within its span) gets care alerts;
 *      a closed one gets aftercare alerts only.
 *   2. Coverage of a day by a legal basis or court order uses the
 *      effective end min(recorded end, legal end), as rules.c does.
 *   3. Day arithmetic past DATE_OPEN is done in 64 bits.
 *   4. An enum value outside its range is a broken invariant: abort().
 */
#include "core/alerts.h"

#include <stddef.h>
#include <stdint.h>
#include <search.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

static const char *const rule_names[ALERT__COUNT] = {
	"no_transition_plan", "plan_item_overdue", "cliff_at_18",
	"successor_missing", "gap", "secure_without_order", "order_ending",
	"review_overdue", "no_main_caregiver", "handover_waiting",
	"third_transfer", "domain_not_assessed", "aftercare_due",
	"promise_overdue", "glass_used", "handover_approval",
	"promise_disputed"
};

static const char *const rule_links[ALERT__COUNT] = {
	"transition-plan", "transition-plan", "legal-bases", "legal-bases",
	"legal-bases", "court-orders", "court-orders", "reviews", "team",
	"handovers", "phases", "domains", "aftercare", "promises",
	"access-log", "handovers", "promises"
};

static const enum alert_severity rule_severity[ALERT__COUNT] = {
	SEV_HIGH, SEV_NORMAL, SEV_CRITICAL, SEV_HIGH, SEV_CRITICAL,
	SEV_CRITICAL, SEV_HIGH, SEV_NORMAL, SEV_HIGH, SEV_HIGH, SEV_NORMAL,
	SEV_NORMAL, SEV_NORMAL, SEV_HIGH, SEV_HIGH, SEV_HIGH, SEV_HIGH
};

static const char *const item_names[ITEM__COUNT] = {
	"legal_basis_after_18", "housing", "income", "health_insurance",
	"bank_account_digid", "debts", "education", "safety_plan",
	"support_network", "warm_handover"
};
static const char *const item_nl[ITEM__COUNT] = {
	"grondslag na 18", "wonen", "inkomen", "eigen zorgverzekering",
	"bankrekening en DigiD", "schulden", "school of opleiding",
	"veiligheidsplan", "netwerk", "warme overdracht"
};
static const char *const item_en[ITEM__COUNT] = {
	"legal basis after 18", "housing", "income", "own health insurance",
	"bank account and DigiD", "debts", "school or training", "safety plan",
	"support network", "warm handover"
};
static const char *const status_names[ITEM_STATUS__COUNT] = {
	"open", "in_progress", "done", "not_needed"
};
static const char *const domain_names[DOM__COUNT] = {
	"safety", "trauma_health", "housing", "finances", "education", "work",
	"leisure", "parents", "network"
};
static const char *const dstatus_names[DS__COUNT] = {
	"not_assessed", "needs_work", "in_progress", "settled"
};
static const char *const decision_names[DECISION__COUNT] = {
	NULL, "pending", "granted", "refused"
};

static int
lookup(const char *const *names, int n, const char *s)
{
	if (s == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

#define NAME_FN(fn, type, arr, count) \
	const char *fn(type v) \
	{ \
		if ((int)v < 0 || (int)v >= (count)) \
			abort(); \
		return arr[v]; \
	}
#define PARSE_FN(fn, type, arr, count) \
	int fn(const char *s, type *out) \
	{ \
		int i = lookup(arr, (count), s); \
		if (i < 0) \
			return -1; \
		*out = (type)i; \
		return 0; \
	}

NAME_FN(alert_rule_name, enum alert_rule, rule_names, ALERT__COUNT)
PARSE_FN(alert_rule_parse, enum alert_rule, rule_names, ALERT__COUNT)
NAME_FN(alert_link, enum alert_rule, rule_links, ALERT__COUNT)
NAME_FN(plan_item_name, enum plan_item_kind, item_names, ITEM__COUNT)
PARSE_FN(plan_item_parse, enum plan_item_kind, item_names, ITEM__COUNT)
NAME_FN(item_status_name, enum item_status, status_names, ITEM_STATUS__COUNT)
PARSE_FN(item_status_parse, enum item_status, status_names, ITEM_STATUS__COUNT)
NAME_FN(life_domain_name, enum life_domain, domain_names, DOM__COUNT)
PARSE_FN(life_domain_parse, enum life_domain, domain_names, DOM__COUNT)
NAME_FN(domain_status_name, enum domain_status, dstatus_names, DS__COUNT)
PARSE_FN(domain_status_parse, enum domain_status, dstatus_names, DS__COUNT)
NAME_FN(decision_name, enum decision, decision_names, DECISION__COUNT)
PARSE_FN(decision_parse, enum decision, decision_names, DECISION__COUNT)

const char *
alert_severity_name(enum alert_severity s)
{
	switch (s) {
	case SEV_NORMAL: return "normal";
	case SEV_HIGH: return "high";
	case SEV_CRITICAL: return "critical";
	}
	abort();
}

void
alert_thresholds_default(struct alert_thresholds *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < alert_nthresholds; i++)
		if (alert_threshold_set(t, alert_threshold_infos[i].name,
		    alert_threshold_infos[i].dflt) != 0)
			abort();	/* a default outside its own bounds */
}

/* A threshold's row: its name is its member's. */
#define THRESHOLD(member, min, max, dflt, unit) \
	{ #member, offsetof(struct alert_thresholds, member), min, max, dflt, \
	    unit }

const struct alert_threshold_info alert_threshold_infos[] = {
	THRESHOLD(transition_window_months, 1, 36, 12, "months"),
	THRESHOLD(successor_window_days, 1, 365, 30, "days"),
	THRESHOLD(order_ending_days, 1, 180, 14, "days"),
	THRESHOLD(review_secure_months, 1, 24, 3, "months"),
	THRESHOLD(review_other_months, 1, 24, 6, "months"),
	THRESHOLD(handover_wait_days, 1, 180, 14, "days"),
	THRESHOLD(transfers_max, 2, 20, 3, "transfers"),
	THRESHOLD(transfers_window_months, 1, 60, 12, "months"),
	THRESHOLD(domain_assess_days, 1, 365, 42, "days"),
};
const size_t alert_nthresholds =
    sizeof alert_threshold_infos / sizeof alert_threshold_infos[0];

static int
threshold_cmp(const void *name, const void *row)
{
	return strcmp(name, ((const struct alert_threshold_info *)row)->name);
}

const struct alert_threshold_info *
alert_threshold_find(const char *name)
{
	size_t n = alert_nthresholds;

	return lfind(name, alert_threshold_infos, &n,
	    sizeof alert_threshold_infos[0], threshold_cmp);
}

int
alert_threshold_set(struct alert_thresholds *t, const char *name, long value)
{
	const struct alert_threshold_info *in = alert_threshold_find(name);

	if (in == NULL || value < in->min || value > in->max)
		return -1;
	*(int *)((char *)t + in->offset) = (int)value;
	return 0;
}

int
alert_threshold_get(const struct alert_thresholds *t, const char *name)
{
	const struct alert_threshold_info *in = alert_threshold_find(name);

	return in != NULL ? *(const int *)((const char *)t + in->offset) : -1;
}

bool
life_domain_exit_required(enum life_domain d)
{
	switch (d) {
	case DOM_HOUSING: case DOM_FINANCES: case DOM_EDUCATION: case DOM_WORK:
	case DOM_LEISURE: case DOM_PARENTS:
		return true;
	case DOM_SAFETY: case DOM_TRAUMA_HEALTH: case DOM_NETWORK:
		return false;
	case DOM__COUNT:
		break;
	}
	abort();
}

unsigned
alerts_exit_unsettled(const enum domain_status st[DOM__COUNT])
{
	unsigned m = 0;

	for (int d = 0; d < DOM__COUNT; d++)
		if (life_domain_exit_required((enum life_domain)d) &&
		    st[d] != DS_SETTLED)
			m |= 1u << d;
	return m;
}

dl_date
plan_item_default_due(enum plan_item_kind k, dl_date b18)
{
	/* The basis after 18 needs a decision in time: ask half a year ahead. */
	if (k == ITEM_LEGAL_BASIS)
		return date_add_months(b18, -6);
	if ((int)k < 0 || k >= ITEM__COUNT)
		abort();
	return date_add_months(b18, -1);
}

/* ---- helpers ---- */

static void
fmt(char out[DATE_STR_LEN + 1], dl_date d)
{
	date_format(d, out);
}

static struct alert *
push(struct alert_list *l, const struct alert_input *in, enum alert_rule r,
    dl_date due, const char *object_id)
{
	struct alert *a;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	a = &l->v[l->n++];
	memset(a, 0, sizeof *a);
	a->rule = r;
	a->severity = rule_severity[r];
	a->due = due;
	a->overdue = in->r.as_of > due;
	a->client_id = in->client_id;
	a->trajectory_id = in->trajectory_id;
	a->object_id = object_id;
	return a;
}

/* Say why an alert is raised, in Dutch and English from the same arguments. */
static void reason(struct alert *, const char *, const char *, ...)
    __attribute__((format(printf, 2, 4)));

/*
 * A number of days in both languages' reasons, "1 dag" and "1 day" in the
 * singular: DAYS(n) gives the number and both endings; each format prints
 * its own ending and skips the other's ("%.0s").
 */
#define DAYS_NL "%d dag%s%.0s"
#define DAYS_EN "%d day%.0s%s"
#define DAYS(n) (int)(n), (n) == 1 ? "" : "en", (n) == 1 ? "" : "s"

static void
reason(struct alert *a, const char *nl, const char *en, ...)
{
	va_list ap, aq;

	va_start(ap, en);
	va_copy(aq, ap);
	vsnprintf(a->reason_nl, sizeof a->reason_nl, nl, ap);
	vsnprintf(a->reason_en, sizeof a->reason_en, en, aq);
	va_end(aq);
	va_end(ap);
}

/* An alert due on day, its reasons naming that day (their one %s). */
static struct alert *
push_on(struct alert_list *l, const struct alert_input *in,
    enum alert_rule r, dl_date day, const char *object_id, const char *nl,
    const char *en)
{
	char s[DATE_STR_LEN + 1];
	struct alert *a = push(l, in, r, day, object_id);

	fmt(s, day);
	reason(a, nl, en, s);
	return a;
}

static dl_date
basis_eff_end(const struct rules_input *r, const struct rules_basis *b)
{
	dl_date legal = basis_legal_end(b->kind, r->birth, r->leap);

	return b->end < legal ? b->end : legal;
}

static dl_date
order_eff_end(const struct rules_input *r, const struct rules_order *o)
{
	dl_date legal = order_legal_end(o->kind, r->birth, r->leap);

	return o->end < legal ? o->end : legal;
}

static bool
basis_covers(const struct rules_input *r, int64_t day)
{
	for (size_t i = 0; i < r->nbases; i++)
		if (r->bases[i].start <= day &&
		    day <= basis_eff_end(r, &r->bases[i]))
			return true;
	return false;
}

enum order_family { FAM_SECURE, FAM_OTS, FAM_VOOGDIJ };

static enum order_family
family(enum order_kind k)
{
	switch (k) {
	case ORDER_MACHTIGING: case ORDER_SPOEDMACHTIGING:
	case ORDER_VOORWAARDELIJK:
		return FAM_SECURE;
	case ORDER_OTS:
		return FAM_OTS;
	case ORDER_VOOGDIJ:
		return FAM_VOOGDIJ;
	case ORDER__COUNT:
		break;
	}
	abort();
}

static bool
order_covers(const struct rules_input *r, enum order_family f, int64_t day)
{
	for (size_t i = 0; i < r->norders; i++)
		if (family(r->orders[i].kind) == f &&
		    r->orders[i].start <= day &&
		    day <= order_eff_end(r, &r->orders[i]))
			return true;
	return false;
}

static bool
secure_phase_on(const struct rules_input *r, int64_t day)
{
	for (size_t i = 0; i < r->nphases; i++)
		if (r->phases[i].form == FORM_SECURE_RESIDENTIAL &&
		    r->phases[i].start <= day && day <= r->phases[i].end)
			return true;
	return false;
}

static bool
in_span(const struct rules_input *r, int64_t day)
{
	return r->start <= day && day <= r->end;
}

/* ---- the rules ---- */

static void
rule_transition(const struct alert_input *in,
    const struct alert_thresholds *th, struct alert_list *l)
{
	const struct rules_input *r = &in->r;
	dl_date b18 = date_birthday(r->birth, 18, r->leap);
	dl_date win = date_add_months(b18, -th->transition_window_months);
	char s[DATE_STR_LEN + 1];
	struct alert *a;
	int days = b18 - r->as_of;

	if (r->as_of < win || r->as_of >= b18)
		return;
	fmt(s, b18);
	if (!in->has_plan) {
		a = push(l, in, ALERT_NO_TRANSITION_PLAN, win, NULL);
		reason(a, "Wordt over " DAYS_NL " 18 (%s) en er is geen "
		    "transitieplan",
		    "Turns 18 in " DAYS_EN " (%s) and there is no transition "
		    "plan", DAYS(days), s);
	}
	if (in_span(r, b18) && !basis_covers(r, b18)) {
		a = push(l, in, ALERT_CLIFF_AT_18, b18, NULL);
		reason(a, "Geen grondslag vanaf haar 18de verjaardag (%s), "
		    "over " DAYS_NL ": verlengde jeugdhulp of Wmo regelen",
		    "No legal basis from her 18th birthday (%s), in " DAYS_EN
		    ": arrange extended youth care or Wmo", s, DAYS(days));
	}
}

static void
rule_plan_items(const struct alert_input *in, struct alert_list *l)
{
	char s[DATE_STR_LEN + 1];
	struct alert *a;

	if (!in->has_plan)
		return;
	for (size_t i = 0; i < in->nitems; i++) {
		const struct alert_item *it = &in->items[i];

		if (it->status == ITEM_DONE || it->status == ITEM_NOT_NEEDED ||
		    it->due == DATE_NONE || in->r.as_of <= it->due)
			continue;
		fmt(s, it->due);
		a = push(l, in, ALERT_PLAN_ITEM_OVERDUE, it->due, it->id);
		snprintf(a->reason_nl, sizeof a->reason_nl, "Transitieplan: "
		    "%s had op %s geregeld moeten zijn", item_nl[it->kind], s);
		snprintf(a->reason_en, sizeof a->reason_en, "Transition plan: "
		    "%s was due on %s", item_en[it->kind], s);
	}
}

static void
rule_successors(const struct alert_input *in,
    const struct alert_thresholds *th, struct alert_list *l)
{
	const struct rules_input *r = &in->r;
	int64_t horizon = (int64_t)r->as_of + th->successor_window_days;
	char s[DATE_STR_LEN + 1];
	struct alert *a;

	for (size_t i = 0; i < r->nbases; i++) {
		dl_date end = basis_eff_end(r, &r->bases[i]);

		if (end == DATE_OPEN || end < r->as_of || end > horizon ||
		    !in_span(r, (int64_t)end + 1) ||
		    basis_covers(r, (int64_t)end + 1))
			continue;
		fmt(s, end);
		a = push(l, in, ALERT_SUCCESSOR_MISSING, end, r->bases[i].id);
		reason(a, "Grondslag %s eindigt op %s en er volgt niets op",
		    "Legal basis %s ends on %s with no successor",
		    basis_kind_name(r->bases[i].kind), s);
	}
	for (size_t i = 0; i < r->norders; i++) {
		const struct rules_order *o = &r->orders[i];
		dl_date end = order_eff_end(r, o);
		int64_t next = (int64_t)end + 1;
		enum order_family f = family(o->kind);
		bool soon;

		if (end == DATE_OPEN || end < r->as_of || end > horizon ||
		    !in_span(r, next) || order_covers(r, f, next))
			continue;
		/* A secure order matters only while the secure placement runs on. */
		if (f == FAM_SECURE && !secure_phase_on(r, next))
			continue;
		soon = end <= (int64_t)r->as_of + th->order_ending_days;
		fmt(s, end);
		a = push(l, in, soon ? ALERT_ORDER_ENDING :
		    ALERT_SUCCESSOR_MISSING, end, o->id);
		snprintf(a->reason_nl, sizeof a->reason_nl, "%s %s eindigt op "
		    "%s (over " DAYS_NL ") en er volgt niets op",
		    soon ? "Rechterlijke maatregel" : "Maatregel",
		    order_kind_name(o->kind), s, DAYS(end - r->as_of));
		snprintf(a->reason_en, sizeof a->reason_en, "Court order %s "
		    "ends on %s (in " DAYS_EN ") with no successor",
		    order_kind_name(o->kind), s, DAYS(end - r->as_of));
	}
}

static void
rule_gap(const struct alert_input *in, struct alert_list *l)
{
	const struct rules_input *r = &in->r;
	struct rules_result res;
	char s[DATE_STR_LEN + 1];
	struct alert *a;

	if (basis_covers(r, r->as_of))
		return;
	rules_evaluate(r, &res);
	for (size_t i = 0; i < res.ngaps; i++) {
		if (res.gaps[i].start > r->as_of || res.gaps[i].end < r->as_of)
			continue;
		fmt(s, res.gaps[i].start);
		/* Overdue from its first day: the gap is already there. */
		a = push(l, in, ALERT_GAP, res.gaps[i].start, NULL);
		a->overdue = true;
		reason(a, "Geen grondslag sinds %s (" DAYS_NL ")",
		    "No legal basis since %s (" DAYS_EN ")", s,
		    DAYS(r->as_of - res.gaps[i].start + 1));
		break;
	}
	rules_result_cleanup(&res);
}

/* First day in [from, to] of a secure placement not covered by an order. */
static int64_t
first_uncovered_secure(const struct rules_input *r, int64_t from, int64_t to)
{
	int64_t d = from;

	while (d <= to) {
		int64_t best = -1;

		for (size_t i = 0; i < r->norders; i++) {
			const struct rules_order *o = &r->orders[i];
			int64_t end = order_eff_end(r, o);

			if (family(o->kind) == FAM_SECURE && o->start <= d &&
			    d <= end && end > best)
				best = end;
		}
		if (best < 0)
			return d;
		d = best + 1;
	}
	return -1;
}

static void
rule_secure(const struct alert_input *in, struct alert_list *l)
{
	const struct rules_input *r = &in->r;
	struct alert *a;

	for (size_t i = 0; i < r->nphases; i++) {
		const struct rules_phase *p = &r->phases[i];
		int64_t to = p->end < r->as_of ? p->end : r->as_of, d;

		if (p->form != FORM_SECURE_RESIDENTIAL || p->start > r->as_of)
			continue;
		if (to > r->end)
			to = r->end;
		if ((d = first_uncovered_secure(r, p->start, to)) < 0)
			continue;
		a = push_on(l, in, ALERT_SECURE_WITHOUT_ORDER, (dl_date)d, NULL,
		    "Gesloten plaatsing zonder geldige machtiging vanaf %s",
		    "Secure placement without a valid court order from %s");
		a->overdue = true;
	}
}

static const struct rules_phase *
phase_on(const struct rules_input *r, dl_date day)
{
	for (size_t i = 0; i < r->nphases; i++)
		if (r->phases[i].start <= day && day <= r->phases[i].end)
			return &r->phases[i];
	return NULL;
}

static int
interval_months(const struct alert_thresholds *th, enum care_form f)
{
	return f == FORM_SECURE_RESIDENTIAL ? th->review_secure_months :
	    th->review_other_months;
}

dl_date
alerts_review_due(const struct alert_input *in,
    const struct alert_thresholds *th)
{
	const struct rules_input *r = &in->r;
	const struct rules_phase *p = phase_on(r, r->as_of);
	const struct alert_review *last = NULL;

	if (p == NULL)
		return DATE_NONE;
	for (size_t i = 0; i < in->nreviews; i++) {
		const struct alert_review *v = &in->reviews[i];

		if (v->held_on >= p->start && v->held_on <= r->as_of &&
		    (last == NULL || v->held_on > last->held_on))
			last = v;
	}
	if (last == NULL)
		return date_add_months(p->start, interval_months(th, p->form));
	if (last->next_date != DATE_NONE)
		return last->next_date;
	return date_add_months(last->held_on, interval_months(th, p->form));
}

static void
rule_review(const struct alert_input *in, const struct alert_thresholds *th,
    struct alert_list *l)
{
	dl_date due = alerts_review_due(in, th);

	if (due == DATE_NONE || in->r.as_of <= due)
		return;
	push_on(l, in, ALERT_REVIEW_OVERDUE, due, NULL,
	    "De periodieke evaluatie van de plaatsing had op %s moeten "
	    "plaatsvinden",
	    "The periodic review of the placement was due on %s");
}

static void
rule_main_caregiver(const struct alert_input *in, struct alert_list *l)
{
	const struct rules_input *r = &in->r;
	int64_t since = r->start;
	struct alert *a;

	for (size_t i = 0; i < r->nmembers; i++) {
		const struct rules_member *m = &r->members[i];

		if (m->role != TEAM_MAIN_CAREGIVER)
			continue;
		if (m->from <= r->as_of && r->as_of <= m->to)
			return;
		if (m->to < r->as_of && (int64_t)m->to + 1 > since)
			since = (int64_t)m->to + 1;
	}
	a = push_on(l, in, ALERT_NO_MAIN_CAREGIVER, (dl_date)since, NULL,
	    "Geen vaste hulpverlener sinds %s", "No main caregiver since %s");
	a->overdue = true;
}

static void
rule_handovers(const struct alert_input *in,
    const struct alert_thresholds *th, struct alert_list *l)
{
	char s[DATE_STR_LEN + 1];
	struct alert *a;

	for (size_t i = 0; i < in->nhandovers; i++) {
		const struct alert_handover *h = &in->handovers[i];
		dl_date due = h->proposed_on + th->handover_wait_days;

		if (h->withdrawn || h->accepted_on != DATE_NONE ||
		    in->r.as_of < h->proposed_on)
			continue;
		fmt(s, h->proposed_on);
		a = push(l, in, ALERT_HANDOVER_WAITING, due, h->id);
		a->actor = h->incoming;
		/* From the day it is proposed: the incoming person sees it at
		 * once; it is overdue only after the waiting time. */
		a->overdue = in->r.as_of > due;
		if (!a->overdue) {
			char d[DATE_STR_LEN + 1];

			fmt(d, due);
			reason(a, "Overdracht voorgesteld op %s wacht op "
			    "acceptatie (uiterlijk %s)",
			    "Handover proposed on %s waits for acceptance (by %s)",
			    s, d);
			continue;
		}
		reason(a, "Overdracht voorgesteld op %s wacht al " DAYS_NL
		    " op acceptatie",
		    "Handover proposed on %s has waited " DAYS_EN " for "
		    "acceptance", s, DAYS(in->r.as_of - h->proposed_on));
	}
}

static void
rule_transfers(const struct alert_input *in,
    const struct alert_thresholds *th, struct alert_list *l)
{
	const struct rules_input *r = &in->r;
	dl_date from = date_add_months(r->as_of, -th->transfers_window_months);
	dl_date first = DATE_OPEN, latest = DATE_NONE;
	char s[DATE_STR_LEN + 1];
	struct alert *a;
	int n = 0;

	for (size_t i = 0; i < r->nphases; i++)
		if (r->phases[i].start < first)
			first = r->phases[i].start;
	for (size_t i = 0; i < r->nphases; i++) {
		dl_date st = r->phases[i].start;

		if (st == first || st <= from || st > r->as_of)
			continue;
		n++;
		if (st > latest)
			latest = st;
	}
	if (n < th->transfers_max)
		return;
	fmt(s, latest);
	a = push(l, in, ALERT_THIRD_TRANSFER, latest, NULL);
	a->overdue = true;
	reason(a, "%d overplaatsingen in de afgelopen %d maanden (laatste %s)",
	    "%d transfers in the past %d months (latest %s)", n,
	    th->transfers_window_months, s);
}

static void
rule_domains(const struct alert_input *in, const struct alert_thresholds *th,
    struct alert_list *l)
{
	dl_date due = in->r.start + th->domain_assess_days;
	char s[DATE_STR_LEN + 1];
	struct alert *a;
	int n = 0;

	if (in->r.as_of <= due)
		return;
	for (int d = 0; d < DOM__COUNT; d++)
		if (in->domains[d] == DS_NOT_ASSESSED)
			n++;
	if (n == 0)
		return;
	fmt(s, due);
	a = push(l, in, ALERT_DOMAIN_NOT_ASSESSED, due, NULL);
	reason(a, "%d van de %d leefgebieden zijn nog niet beoordeeld "
	    "(uiterlijk %s)",
	    "%d of the %d life domains are not assessed yet (due %s)", n,
	    DOM__COUNT, s);
}

static void
rule_aftercare(const struct alert_input *in, struct alert_list *l)
{
	for (size_t i = 0; i < in->naftercare; i++) {
		const struct alert_aftercare *c = &in->aftercare[i];

		if (c->cancelled || c->done_on != DATE_NONE ||
		    in->r.as_of < c->due)
			continue;
		push_on(l, in, ALERT_AFTERCARE_DUE, c->due, c->id,
		    "Nazorgcontact gepland op %s: vraag hoe het met haar gaat",
		    "Aftercare follow-up due on %s: ask how she is doing");
	}
}

/*
 * R9: a promise still open after its date (a deadline rule), and one she
 * says was not kept while it is still open (a disputed promise, due the day
 * she said so: talk it over with her).  Closing or changing the promise,
 * or her saying it was kept after all, settles the dispute.
 */
static void
rule_promises(const struct alert_input *in, struct alert_list *l)
{
	for (size_t i = 0; i < in->npromises; i++) {
		const struct alert_promise *p = &in->promises[i];

		if (p->disputed_on != DATE_NONE && p->disputed_on <= in->r.as_of)
			push_on(l, in, ALERT_PROMISE_DISPUTED, p->disputed_on,
			    p->id, "Ze zegt op %s dat een belofte aan haar niet "
			    "is nagekomen: bespreek het met haar",
			    "On %s she said a promise made to her was not "
			    "kept: talk it over with her");
		if (in->r.as_of <= p->due)
			continue;
		push_on(l, in, ALERT_PROMISE_OVERDUE, p->due, p->id,
		    "Een belofte aan haar is niet nagekomen: het zou "
		    "gebeuren op %s",
		    "A promise made to her is overdue: it was due on %s");
	}
}

/*
 * Oversight: every break-the-glass use on her file until her coordinator
 * acknowledges it, and every handover to another organisation until she
 * approves or refuses it.  Due the day it happened: act at once.
 */
static void
rule_oversight(const struct alert_input *in, struct alert_list *l)
{
	for (size_t i = 0; i < in->nglass; i++) {
		const struct alert_glass *g = &in->glass[i];

		push_on(l, in, ALERT_GLASS_USED, g->used_on, g->id,
		    "Noodtoegang tot haar dossier gebruikt op %s: beoordeel de "
		    "reden",
		    "Emergency access to her file was used on %s: review the "
		    "reason");
	}
	for (size_t i = 0; i < in->nhandovers; i++) {
		const struct alert_handover *h = &in->handovers[i];

		if (!h->approval_pending || h->withdrawn)
			continue;
		push_on(l, in, ALERT_HANDOVER_APPROVAL, h->proposed_on, h->id,
		    "Overdracht aan een andere organisatie (voorgesteld op %s) "
		    "wacht op uw goedkeuring",
		    "Handover to another organisation (proposed on %s) waits "
		    "for your approval");
	}
}

void
alerts_evaluate(const struct alert_input *in,
    const struct alert_thresholds *th, struct alert_list *out)
{
	const struct rules_input *r = &in->r;

	rule_aftercare(in, out);
	rule_oversight(in, out);
	if (!in_span(r, r->as_of))
		return;
	rule_transition(in, th, out);
	rule_plan_items(in, out);
	rule_successors(in, th, out);
	rule_gap(in, out);
	rule_secure(in, out);
	rule_review(in, th, out);
	rule_main_caregiver(in, out);
	rule_handovers(in, th, out);
	rule_transfers(in, th, out);
	rule_domains(in, th, out);
	rule_promises(in, out);
}

static int
alert_cmp(const void *pa, const void *pb)
{
	const struct alert *a = pa, *b = pb;
	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	c = strcmp(a->trajectory_id ? a->trajectory_id : "",
	    b->trajectory_id ? b->trajectory_id : "");
	if (c != 0)
		return c;
	return strcmp(a->object_id ? a->object_id : "",
	    b->object_id ? b->object_id : "");
}

int
alerts_compare(const struct alert *a, const struct alert *b)
{
	return alert_cmp(a, b);
}

void
alerts_sort(struct alert_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, alert_cmp);
}

void
alert_list_cleanup(struct alert_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

void
alerts_figures(const struct alert_input *in,
    const struct alert_thresholds *th, struct continuity_extra *out)
{
	const struct rules_input *r = &in->r;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < in->nhandovers; i++) {
		const struct alert_handover *h = &in->handovers[i];

		if (h->withdrawn)
			continue;
		out->handovers++;
		if (h->accepted_on == DATE_NONE)
			continue;
		out->handovers_accepted++;
		if (h->accepted_on <= h->proposed_on + th->handover_wait_days)
			out->handovers_in_time++;
	}
	/* Reviews per placement: each is due an interval after the placement
	 * started or after the previous review (or on the date it set). */
	for (size_t i = 0; i < r->nphases; i++) {
		const struct rules_phase *p = &r->phases[i];
		int months = interval_months(th, p->form);
		dl_date due = date_add_months(p->start, months), prev = DATE_NONE;

		for (;;) {
			const struct alert_review *next = NULL;

			for (size_t j = 0; j < in->nreviews; j++) {
				const struct alert_review *v = &in->reviews[j];

				if (v->held_on < p->start || v->held_on > p->end ||
				    v->held_on > r->as_of ||
				    (prev != DATE_NONE && v->held_on <= prev))
					continue;
				if (next == NULL || v->held_on < next->held_on)
					next = v;
			}
			if (next == NULL)
				break;
			out->reviews_held++;
			if (next->held_on <= due)
				out->reviews_on_time++;
			prev = next->held_on;
			due = next->next_date != DATE_NONE ? next->next_date :
			    date_add_months(next->held_on, months);
		}
	}
	for (size_t i = 0; i < in->ninterruptions; i++) {
		const struct alert_interruption *x = &in->interruptions[i];
		dl_date until = x->reopened_on != DATE_NONE ? x->reopened_on :
		    r->as_of + 1;

		if (x->reopened_on != DATE_NONE)
			out->interruptions++;
		if (until > x->closed_on + 1)
			out->interruption_days += until - x->closed_on - 1;
	}
}
