/*
 * demo_continuity.c - the continuity engine's part of the demo: every
 * alert of core/alerts.c appears at least once on the demo coordinator's
 * worklist, and Lily's story is the first on it.
 *
 *   Lily   18 in two months, no basis after 18, no transition plan (top);
 *          her periodic review is overdue; a handover from Sanne to Bram
 *          has waited twenty days.  Moving ?as_of= forward takes her past
 *          the successor window, her birthday and into the gap.
 *   Mila   a transition plan: verlengde jeugdhulp granted, bank account
 *          and DigiD overdue.
 *   Isa    her Jeugdwet allocation lapsed twelve days ago (a gap), her OTS
 *          ends in 22 days with nothing after it, domains never assessed.
 *   Iris   placed in secure care 17 days before her machtiging started.
 *   Roos   machtiging ends next week (demo_girls); Jade three transfers in
 *          a year; Amber no main caregiver; Saar aftercare due.
 *
 * The other girls get assessed domains and a recent review, so that only
 * these cases stand out.  Runs inside demo_load()'s transaction.
 */
#include <string.h>

#include "cli/demo.h"
#include "db/db.h"
#include "store/continuity.h"

#define TRY(x) do { if ((x) != 0) return -1; } while (0)
#define D(n) (d->today + (n))
#define M(n) date_add_months(d->today, (n))

static int
load(struct demo *d, const char *pseudonym, struct trajectory_full *f,
    struct err *e)
{
	const struct demo_girl *g = demo_girl(d, pseudonym);
	struct trajectory_rec t;

	if (g == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "demo girl missing");
	TRY(store_trajectory_current(d->db, d->a, g->id, &t, e));
	return store_trajectory_load(d->db, d->a, &t, f, e);
}

static int
domains(struct demo *d, const char *tid, const enum domain_status st[DOM__COUNT],
    const char *words, struct err *e)
{
	for (int i = 0; i < DOM__COUNT; i++)
		TRY(store_domain_put(d->db, d->a, tid, (enum life_domain)i, &st[i],
		    i == DOM_HOUSING ? words : NULL, i == DOM_HOUSING && words,
		    d->user[U_COORDINATOR], e));
	return 0;
}

static int
review(struct demo *d, const char *tid, dl_date held, dl_date next,
    struct err *e)
{
	struct review_rec r;

	memset(&r, 0, sizeof r);
	r.held_on = held;
	r.next_date = next;
	r.participants = "Mentor, gedragswetenschapper, coördinator";
	r.she_attended = true;
	r.outcome = "Plaatsing passend; doelen bijgesteld";
	return store_review_insert(d->db, d->a, tid, &r, d->user[U_COORDINATOR],
	    e);
}

int
demo_continuity(struct demo *d, struct err *e)
{
	static const enum domain_status settled_mix[DOM__COUNT] = {
		DS_IN_PROGRESS, DS_IN_PROGRESS, DS_IN_PROGRESS, DS_NEEDS_WORK,
		DS_IN_PROGRESS, DS_NEEDS_WORK, DS_SETTLED, DS_IN_PROGRESS,
		DS_IN_PROGRESS
	};
	static const enum domain_status lily[DOM__COUNT] = {
		DS_NEEDS_WORK, DS_IN_PROGRESS, DS_NEEDS_WORK, DS_NEEDS_WORK,
		DS_IN_PROGRESS, DS_NEEDS_WORK, DS_IN_PROGRESS, DS_NEEDS_WORK,
		DS_NEEDS_WORK
	};
	static const char *const assessed[] = { "Roos", "Jade", "Fenna", "Iris",
		"Mila", "Nova", "Yara", "Lieke" };
	static const char *const reviewed[] = { "Nova", "Yara", "Lieke", "Iris",
		"Fenna" };
	struct trajectory_full f;
	struct plan_rec p;
	struct handover_rec h;
	struct closure_rec c;
	bool found;

	/* Domains and reviews for the girls whose story is elsewhere. */
	for (size_t i = 0; i < sizeof assessed / sizeof assessed[0]; i++) {
		TRY(load(d, assessed[i], &f, e));
		TRY(domains(d, f.t.id, settled_mix, NULL, e));
	}
	for (size_t i = 0; i < sizeof reviewed / sizeof reviewed[0]; i++) {
		TRY(load(d, reviewed[i], &f, e));
		TRY(review(d, f.t.id, D(-20), D(70), e));
	}

	/* Lily: assessed, nothing arranged, a handover waiting. */
	TRY(load(d, "Lily", &f, e));
	TRY(domains(d, f.t.id, lily, "Ik wil niet terug naar mijn oude buurt. "
	    "Waar moet ik wonen als ik 18 ben?", e));
	memset(&h, 0, sizeof h);
	h.trajectory_id = f.t.id;
	h.outgoing_id = d->user[U_CAREGIVER];
	h.incoming_id = d->user[U_MENTOR2];
	h.role = TEAM_MAIN_CAREGIVER;
	h.proposed_on = D(-20);
	h.planned_date = D(-6);
	h.meeting_date = DATE_NONE;
	h.accepted_on = DATE_NONE;
	h.status = HO_PROPOSED;
	TRY(store_handover_insert(d->db, d->a, &h, d->user[U_COORDINATOR], e));

	/* Mila: a plan, the basis after 18 granted, one item overdue. */
	TRY(load(d, "Mila", &f, e));
	memset(&p, 0, sizeof p);
	p.trajectory_id = f.t.id;
	p.opened_on = M(-4);
	p.her_view = "Ik wil thuis blijven wonen en mijn opleiding afmaken.";
	TRY(store_plan_insert(d->db, d->a, &p, d->user[U_COORDINATOR],
	    date_birthday(demo_girl(d, "Mila")->birth, 18, date_leap_rule()),
	    e));
	TRY(store_plan_get(d->db, d->a, f.t.id, &p, &found, e));
	p.items[ITEM_LEGAL_BASIS].status = ITEM_DONE;
	p.items[ITEM_LEGAL_BASIS].basis_kind = BASIS_VERLENGDE_JEUGDHULP;
	p.items[ITEM_LEGAL_BASIS].request_date = M(-4) + 7;
	p.items[ITEM_LEGAL_BASIS].decision = DECISION_GRANTED;
	p.items[ITEM_LEGAL_BASIS].decision_date = M(-3);
	p.items[ITEM_LEGAL_BASIS].owner_id = d->user[U_CAREGIVER];
	TRY(store_plan_item_update(d->db, d->a, &p.items[ITEM_LEGAL_BASIS], e));
	p.items[ITEM_BANK_DIGID].status = ITEM_IN_PROGRESS;
	p.items[ITEM_BANK_DIGID].due = D(-5);
	p.items[ITEM_BANK_DIGID].owner_id = d->user[U_CAREGIVER];
	p.items[ITEM_BANK_DIGID].notes = "DigiD aangevraagd; brief nog niet ontvangen";
	TRY(store_plan_item_update(d->db, d->a, &p.items[ITEM_BANK_DIGID], e));

	/* Isa: the allocation lapsed, the OTS runs out, nothing assessed. */
	TRY(load(d, "Isa", &f, e));
	for (size_t i = 0; i < f.nbases; i++)
		if (f.bases[i].kind == BASIS_JEUGDWET) {
			f.bases[i].end = D(-12);
			TRY(store_basis_update(d->db, &f.bases[i], e));
		}
	for (size_t i = 0; i < f.norders; i++)
		if (f.orders[i].kind == ORDER_OTS) {
			f.orders[i].end = D(22);
			TRY(store_order_update(d->db, &f.orders[i], e));
		}

	/* Iris: the machtiging came seventeen days after the placement. */
	TRY(load(d, "Iris", &f, e));
	for (size_t i = 0; i < f.norders; i++)
		if (f.orders[i].kind == ORDER_MACHTIGING) {
			f.orders[i].start = M(-5) + 17;
			TRY(store_order_update(d->db, &f.orders[i], e));
		}

	/* Saar: closed three months ago; follow-ups at 3, 6 and 12 months. */
	TRY(load(d, "Saar", &f, e));
	memset(&c, 0, sizeof c);
	c.closed_on = f.t.end;
	c.end_reason = f.t.end_reason;
	TRY(store_closure_insert(d->db, d->a, f.t.id, &c, e));
	static const int months[] = { 3, 6, 12 };

	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
		struct aftercare_rec ac;
		int m = months[i];

		memset(&ac, 0, sizeof ac);
		ac.closure_id = c.id;
		ac.months_after = m;
		ac.due = date_add_months(f.t.end, m);
		if (ac.due > d->today && m == 3)
			ac.due = d->today;
		TRY(store_aftercare_insert(d->db, d->a, f.t.id, &ac, e));
	}
	return 0;
}
