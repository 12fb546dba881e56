/*
 * test_store_loader.c - the one trajectory loader (store/loader.c) against
 * a real database: scripts/test.sh runs it on SQLite and on PostgreSQL.
 *
 *   - the number of statements a load takes does not grow with the number
 *     of trajectories (one per table), for an institution, a caregiver's
 *     team and a list of ids;
 *   - the record equals what was stored, field by field, table by table;
 *   - the batched load hands over exactly the records of the whole load,
 *     in the same order, a bounded number per batch;
 *   - one trajectory with its displayed rows gives the same record.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "auth/auth.h"
#include "crypto/crypto.h"
#include "core/worklist.h"
#include "db/db.h"
#include "store/continuity.h"
#include "store/loader.h"
#include "store/store.h"
#include "store/voice.h"
#include "dbtest.h"

#define MANY 25

static struct db *db;
static struct arena A;
static char tmpdir[64] = "/tmp/doorloop-loader.XXXXXX";
static char org_one[ID_LEN + 1], org_many[ID_LEN + 1], mun[ID_LEN + 1];
static char staff[ID_LEN + 1];
static char *many_ids[MANY];
static dl_date today;

/* The rich trajectory of org_one and what went into it. */
static struct {
	char *traj, *client, *basis_open, *basis_closed, *order, *phase_org;
	char *member_user, *handover, *promise, *item_housing;
	dl_date birth, start;
} one;

#define OK(x) assert_int_equal((x), 0)

static char *
client_with_trajectory(const char *org, const char *pseudo, dl_date birth,
    dl_date start, char **client_id)
{
	struct client_rec c;
	struct trajectory_rec t;
	struct err e;

	err_init(&e);
	memset(&c, 0, sizeof c);
	c.pseudonym = (char *)pseudo;
	c.birth = birth;
	c.municipality_id = mun;
	c.registered_by_org = (char *)org;
	OK(store_client_insert(db, &A, &c, &e));
	memset(&t, 0, sizeof t);
	t.client_id = c.id;
	t.coordinator_org = (char *)org;
	t.start = start;
	t.end = DATE_NONE;
	OK(store_trajectory_insert(db, &A, &t, &e));
	if (client_id != NULL)
		*client_id = c.id;
	return t.id;
}

static void
basis(const char *tid, enum basis_kind k, dl_date s, dl_date end, char **id)
{
	struct basis_rec b;
	struct err e;

	err_init(&e);
	memset(&b, 0, sizeof b);
	b.trajectory_id = (char *)tid;
	b.kind = k;
	b.paying_id = mun;
	b.start = s;
	b.end = end;
	OK(store_basis_insert(db, &A, &b, &e));
	if (id != NULL)
		*id = b.id;
}

static int
group_setup(void **state)
{
	struct user_new u;
	struct err e;

	(void)state;
	err_init(&e);
	if (dbtest_open(tmpdir, NULL, &db, &e) != 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	arena_init(&A);
	today = date_today();
	if (auth_org_create(db, "Loader one", "institution", "Midden", org_one,
	    &e) != 0 || auth_org_create(db, "Loader many", "institution",
	    "Midden", org_many, &e) != 0 || auth_org_create(db,
	    "Loader municipality", "municipality", "Midden", mun, &e) != 0)
		return -1;
	memset(&u, 0, sizeof u);
	u.username = "loader.staff";
	u.display_name = "Loader staff";
	u.role = ROLE_CAREGIVER;
	u.org_id = org_one;
	u.password = "loader-password-not-for-use";
	if (auth_user_create(db, &u, staff, &e) != 0) {
		fprintf(stderr, "user: %s\n", e.msg);
		return -1;
	}
	if (db_begin_write(db, &e) != 0)
		return -1;
	/* org_one: one trajectory with a row in every table the rules read. */
	one.birth = today - 365 * 17;
	one.start = today - 400;
	one.traj = client_with_trajectory(org_one, "L-one", one.birth,
	    one.start, &one.client);
	basis(one.traj, BASIS_JEUGDWET, one.start, DATE_NONE, &one.basis_open);
	basis(one.traj, BASIS_WMO, one.start + 10, one.start + 100,
	    &one.basis_closed);
	{
		struct order_rec o;
		struct phase_rec p;
		struct member_rec m;
		struct handover_rec h;
		struct plan_rec pl;
		struct review_rec rv;
		struct promise_rec pr;
		enum domain_status ds = DS_SETTLED;

		memset(&o, 0, sizeof o);
		o.trajectory_id = one.traj;
		o.kind = ORDER_OTS;
		o.start = one.start;
		o.end = today + 30;
		OK(store_order_insert(db, &A, &o, &e));
		one.order = o.id;
		memset(&p, 0, sizeof p);
		p.trajectory_id = one.traj;
		p.form = FORM_SECURE_RESIDENTIAL;
		p.provider_id = org_one;
		p.start = one.start;
		p.end = DATE_NONE;
		OK(store_phase_insert(db, &A, &p, &e));
		memset(&m, 0, sizeof m);
		m.trajectory_id = one.traj;
		m.user_id = staff;
		m.role = TEAM_MAIN_CAREGIVER;
		m.from = one.start;
		m.to = DATE_NONE;
		OK(store_member_insert(db, &A, &m, &e));
		memset(&h, 0, sizeof h);
		h.trajectory_id = one.traj;
		h.incoming_id = staff;
		h.role = TEAM_CAREGIVER;
		h.proposed_on = today - 20;
		h.planned_date = today - 6;
		h.meeting_date = DATE_NONE;
		h.accepted_on = DATE_NONE;
		h.status = HO_PROPOSED;
		OK(store_handover_insert(db, &A, &h, staff, &e));
		one.handover = h.id;
		OK(store_domain_put(db, &A, one.traj, DOM_HOUSING, &ds, NULL,
		    false, staff, &e));
		memset(&pl, 0, sizeof pl);
		pl.trajectory_id = one.traj;
		pl.opened_on = today - 10;
		OK(store_plan_insert(db, &A, &pl, staff,
		    date_birthday(one.birth, 18, date_leap_rule()), &e));
		{
			bool found = false;

			OK(store_plan_get(db, &A, one.traj, &pl, &found, &e));
			assert_true(found);
		}
		for (size_t i = 0; i < pl.nitems; i++)
			if (pl.items[i].kind == ITEM_HOUSING)
				one.item_housing = pl.items[i].id;
		memset(&rv, 0, sizeof rv);
		rv.held_on = today - 50;
		rv.next_date = today + 40;
		OK(store_review_insert(db, &A, one.traj, &rv, staff, &e));
		memset(&pr, 0, sizeof pr);
		pr.client_id = one.client;
		pr.promised_by.id = staff;
		pr.what = "a promise";
		pr.due = today - 2;
		OK(store_promise_insert(db, &A, &pr, staff, &e));
		one.promise = pr.id;
	}
	/* org_many: MANY plain trajectories. */
	for (int i = 0; i < MANY; i++) {
		char pseudo[16];

		snprintf(pseudo, sizeof pseudo, "L-%02d", i);
		many_ids[i] = client_with_trajectory(org_many, pseudo,
		    today - 365 * 16 - i, today - 100 - i, NULL);
		basis(many_ids[i], BASIS_JEUGDWET, today - 100 - i, DATE_NONE,
		    NULL);
	}
	if (db_commit(db, &e) != 0) {
		fprintf(stderr, "commit: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	db_close(db);
	arena_cleanup(&A);
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Statements a load of `s` takes, and how many records it gave. */
static unsigned long
statements(const struct load_scope *s, size_t *n)
{
	struct traj_record *v;
	struct err e;
	unsigned long before;

	err_init(&e);
	OK(db_begin_read(db, &e));
	before = db_prepared_count();
	OK(store_records_load(db, &A, s, today, &v, n, &e));
	before = db_prepared_count() - before;
	db_rollback(db);
	return before;
}

static void
test_statements_do_not_grow(void **state)
{
	struct load_scope s1 = { LOAD_ORG, org_one, NULL, 0 };
	struct load_scope sm = { LOAD_ORG, org_many, NULL, 0 };
	struct load_scope i1 = { LOAD_IDS, NULL, (const char *const *)many_ids, 1 };
	struct load_scope im = { LOAD_IDS, NULL, (const char *const *)many_ids, MANY };
	struct load_scope team = { LOAD_TEAM, staff, NULL, 0 };
	size_t n1, nm;

	(void)state;
	assert_int_equal(statements(&s1, &n1), LOAD_STATEMENTS);
	assert_int_equal(n1, 1);
	assert_int_equal(statements(&sm, &nm), LOAD_STATEMENTS);
	assert_int_equal(nm, MANY);
	assert_int_equal(statements(&i1, &n1), LOAD_STATEMENTS);
	assert_int_equal(n1, 1);
	assert_int_equal(statements(&im, &nm), LOAD_STATEMENTS);
	assert_int_equal(nm, MANY);
	assert_int_equal(statements(&team, &n1), LOAD_STATEMENTS);
	assert_int_equal(n1, 1);
}

static void
test_record_equals_stored(void **state)
{
	struct load_scope s = { LOAD_TRAJECTORY, NULL, NULL, 0 };
	struct traj_record *v, *r;
	size_t n, open_seen = 0, closed_seen = 0;
	struct err e;

	(void)state;
	s.key = one.traj;
	err_init(&e);
	OK(db_begin_read(db, &e));
	OK(store_records_load(db, &A, &s, today, &v, &n, &e));
	db_rollback(db);
	assert_int_equal(n, 1);
	r = &v[0];
	assert_string_equal(r->trajectory_id, one.traj);
	assert_string_equal(r->client_id, one.client);
	assert_string_equal(r->pseudonym, "L-one");
	assert_string_equal(r->coordinator_org, org_one);
	assert_int_equal(r->birth, one.birth);
	assert_int_equal(r->start, one.start);
	assert_int_equal(r->end, DATE_NONE);
	assert_int_equal(r->nbases, 2);
	for (size_t i = 0; i < r->nbases; i++) {
		if (strcmp(r->bases[i].id, one.basis_open) == 0) {
			assert_int_equal(r->bases[i].kind, BASIS_JEUGDWET);
			assert_int_equal(r->bases[i].start, one.start);
			assert_int_equal(r->bases[i].end, DATE_OPEN);
			open_seen++;
		} else {
			assert_string_equal(r->bases[i].id, one.basis_closed);
			assert_int_equal(r->bases[i].kind, BASIS_WMO);
			assert_int_equal(r->bases[i].start, one.start + 10);
			assert_int_equal(r->bases[i].end, one.start + 100);
			closed_seen++;
		}
	}
	assert_int_equal(open_seen + closed_seen, 2);
	assert_int_equal(r->norders, 1);
	assert_string_equal(r->orders[0].id, one.order);
	assert_int_equal(r->orders[0].kind, ORDER_OTS);
	assert_int_equal(r->orders[0].end, today + 30);
	assert_int_equal(r->nphases, 1);
	assert_int_equal(r->phases[0].form, FORM_SECURE_RESIDENTIAL);
	assert_string_equal(r->phases[0].provider, org_one);
	assert_int_equal(r->phases[0].end, DATE_OPEN);
	assert_int_equal(r->nmembers, 1);
	assert_string_equal(r->members[0].user, staff);
	assert_int_equal(r->members[0].role, TEAM_MAIN_CAREGIVER);
	assert_int_equal(r->members[0].from, one.start);
	assert_int_equal(r->members[0].to, DATE_OPEN);
	assert_true(r->has_plan);
	assert_int_equal(r->nitems, ITEM__COUNT);
	assert_non_null(one.item_housing);
	for (size_t i = 0; i < r->nitems; i++)
		if (r->items[i].kind == ITEM_HOUSING)
			assert_string_equal(r->items[i].id, one.item_housing);
	assert_int_equal(r->nhandovers, 1);
	assert_string_equal(r->handovers[0].id, one.handover);
	assert_int_equal(r->handovers[0].proposed_on, today - 20);
	assert_int_equal(r->handovers[0].accepted_on, DATE_NONE);
	assert_false(r->handovers[0].withdrawn);
	assert_string_equal(r->handovers[0].incoming, staff);
	assert_int_equal(r->domains[DOM_HOUSING], DS_SETTLED);
	assert_int_equal(r->domains[DOM_SAFETY], DS_NOT_ASSESSED);
	assert_int_equal(r->nreviews, 1);
	assert_int_equal(r->reviews[0].held_on, today - 50);
	assert_int_equal(r->reviews[0].next_date, today + 40);
	assert_int_equal(r->naftercare, 0);
	assert_int_equal(r->ninterruptions, 0);
	assert_int_equal(r->npromises, 1);
	assert_string_equal(r->promises[0].id, one.promise);
	assert_int_equal(r->promises[0].due, today - 2);
}

static void
test_full_gives_the_same_record(void **state)
{
	struct load_scope s = { LOAD_TRAJECTORY, NULL, NULL, 0 };
	struct traj_record *v, r;
	struct trajectory_full f;
	struct trajectory_rec t;
	struct alert_input a, b;
	struct alert_thresholds th;
	struct alert_list la = { 0 }, lb = { 0 };
	unsigned long before;
	size_t n;
	struct err e;

	(void)state;
	s.key = one.traj;
	err_init(&e);
	OK(db_begin_read(db, &e));
	OK(store_records_load(db, &A, &s, today, &v, &n, &e));
	OK(store_trajectory_current(db, &A, one.client, &t, &e));
	before = db_prepared_count();
	OK(store_record_load_full(db, &A, &t, &f, &r, &e));
	assert_int_equal(db_prepared_count() - before, LOAD_FULL_STATEMENTS);
	db_rollback(db);
	assert_int_equal(f.nbases, 2);
	/* The rest came from one statement: every table's rows, the same. */
#define SAME(x) assert_int_equal(r.x, v[0].x)
	SAME(nbases); SAME(norders); SAME(nphases); SAME(nmembers);
	SAME(nhandovers); SAME(npromises); SAME(nitems); SAME(nreviews);
	SAME(naftercare); SAME(ninterruptions); SAME(nglass);
	SAME(birth); SAME(start); SAME(has_plan);
#undef SAME
	assert_string_equal(r.client_id, v[0].client_id);
	assert_string_equal(r.pseudonym, v[0].pseudonym);
	assert_true(r.nitems > 0);
	assert_memory_equal(r.domains, v[0].domains, sizeof r.domains);
	/* Rows in either order: each of one found in the other. */
	for (size_t i = 0; i < r.nitems; i++) {
		size_t j = 0;

		while (j < v[0].nitems && strcmp(r.items[i].id, v[0].items[j].id))
			j++;
		assert_true(j < v[0].nitems);
		assert_int_equal(r.items[i].due, v[0].items[j].due);
		assert_int_equal(r.items[i].status, v[0].items[j].status);
	}
	/* The same alerts from either. */
	alert_thresholds_default(&th);
	record_input(&v[0], today, &a);
	record_input(&r, today, &b);
	alerts_evaluate(&a, &th, &la);
	alerts_evaluate(&b, &th, &lb);
	alerts_sort(&la);
	alerts_sort(&lb);
	assert_true(la.n > 0);
	assert_int_equal(la.n, lb.n);
	for (size_t i = 0; i < la.n; i++) {
		assert_int_equal(la.v[i].rule, lb.v[i].rule);
		assert_int_equal(la.v[i].due, lb.v[i].due);
	}
	alert_list_cleanup(&la);
	alert_list_cleanup(&lb);
}

struct collect {
	size_t batches, n, largest;
	char *ids[MANY + 1];
};

static int
collect(void *ctx, struct traj_record *v, size_t n, struct err *e)
{
	struct collect *c = ctx;

	(void)e;
	c->batches++;
	if (n > c->largest)
		c->largest = n;
	for (size_t i = 0; i < n && c->n < MANY + 1; i++)
		c->ids[c->n++] = strdup(v[i].trajectory_id);
	return 0;
}

static void
test_batches_give_the_whole_scope(void **state)
{
	struct load_scope s = { LOAD_ORG, org_many, NULL, 0 };
	struct load_scope ids = { LOAD_IDS, NULL, (const char *const *)many_ids, MANY };
	struct traj_record *v;
	struct collect c;
	size_t n;
	struct err e;

	(void)state;
	err_init(&e);
	OK(db_begin_read(db, &e));
	OK(store_records_load(db, &A, &s, today, &v, &n, &e));
	assert_int_equal(n, MANY);
	for (size_t i = 0; i < MANY; i++)
		assert_string_equal(record_find(v, n, many_ids[i])->trajectory_id,
		    many_ids[i]);
	assert_null(record_find(v, n, one.traj));
	assert_null(record_find(v, 0, many_ids[0]));
	for (size_t batch = 1; batch <= MANY + 1; batch += 4) {
		memset(&c, 0, sizeof c);
		OK(store_records_each(db, &s, today, batch, collect, &c, &e));
		assert_int_equal(c.n, MANY);
		assert_true(c.largest <= batch);
		/* A full last batch asks once more and finds nothing. */
		assert_int_equal(c.batches, (MANY + batch - 1) / batch);
		for (size_t i = 0; i < MANY; i++) {
			assert_string_equal(c.ids[i], v[i].trajectory_id);
			free(c.ids[i]);
		}
	}
	memset(&c, 0, sizeof c);
	OK(store_records_each(db, &ids, today, 10, collect, &c, &e));
	assert_int_equal(c.n, MANY);
	assert_int_equal(c.batches, 3);
	for (size_t i = 0; i < c.n; i++)
		free(c.ids[i]);
	db_rollback(db);
}

/* The worklist's page in batches equals sorting every alert at once. */
static void
test_page_equals_full_sort(void **state)
{
	struct load_scope s = { LOAD_ORG, org_many, NULL, 0 };
	struct traj_record *v;
	struct alert_thresholds th;
	struct alert_list all = { 0 };
	struct wl_page p;
	size_t n;
	struct err e;

	(void)state;
	err_init(&e);
	alert_thresholds_default(&th);
	OK(db_begin_read(db, &e));
	OK(store_records_load(db, &A, &s, today, &v, &n, &e));
	db_rollback(db);
	for (size_t i = 0; i < n; i++) {
		struct alert_input in;

		record_input(&v[i], today + 400, &in);
		alerts_evaluate(&in, &th, &all);
	}
	alerts_sort(&all);
	assert_true(all.n > 10);
	wl_page_init(&p, 10, ALERT__COUNT);
	for (size_t i = 0; i < n; i += 7)
		wl_page_records(&p, &th, today + 400, v + i, n - i < 7 ? n - i : 7);
	assert_int_equal(p.matching, all.n);
	assert_int_equal(p.trajectories, n);
	assert_int_equal(p.n, 10);
	for (size_t i = 0; i < p.n; i++) {
		assert_int_equal(p.v[i].al.rule, all.v[i].rule);
		assert_int_equal(p.v[i].al.due, all.v[i].due);
		assert_string_equal(p.v[i].al.trajectory_id,
		    all.v[i].trajectory_id);
		assert_non_null(p.v[i].pseudonym);
	}
	wl_page_cleanup(&p);
	/* With a rule filter: counts of every rule, the page of that rule. */
	{
		enum alert_rule only = all.v[all.n - 1].rule;
		size_t k = 0, matching = 0;
		int total = 0;

		wl_page_init(&p, 3, only);
		for (size_t i = 0; i < n; i += 4)
			wl_page_records(&p, &th, today + 400, v + i,
			    n - i < 4 ? n - i : 4);
		for (size_t i = 0; i < all.n; i++)
			if (all.v[i].rule == only)
				matching++;
		for (int r = 0; r < ALERT__COUNT; r++)
			total += p.counts[r];
		assert_int_equal(total, all.n);
		assert_int_equal(p.matching, matching);
		for (size_t i = 0; i < all.n && k < p.n; i++)
			if (all.v[i].rule == only) {
				assert_string_equal(p.v[k].al.trajectory_id,
				    all.v[i].trajectory_id);
				assert_int_equal(p.v[k].al.due, all.v[i].due);
				k++;
			}
		assert_int_equal(k, matching < 3 ? matching : 3);
		wl_page_cleanup(&p);
	}
	alert_list_cleanup(&all);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statements_do_not_grow),
		cmocka_unit_test(test_record_equals_stored),
		cmocka_unit_test(test_full_gives_the_same_record),
		cmocka_unit_test(test_batches_give_the_whole_scope),
		cmocka_unit_test(test_page_equals_full_sort),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
