/*
 * demo.c - `doorloop demo`: load clearly fictional, realistic demo data.
 *
 * The demo holds a specialised coordinating institution, a partner family
 * home, an ambulant team, a secure institution in another region, two
 * municipalities in different regions, a user for every role (named after
 * it, password "doorloop-demo") and a dozen girls covering the hard cases
 * of DOMAIN.md: the cliff at 18 with nothing arranged, a machtiging
 * ending next week, four transfers in a year, verlengde jeugdhulp at 20,
 * a placement out of region for her safety, a closed trajectory.
 *
 * Invariants:
 *   1. Demo users exist only in a database that this command made: it
 *      refuses a database that already has users, and marks the one it
 *      filled with setting demo = 1 (a second run then does nothing).
 *   2. Every date is relative to today (date_today(), which honours
 *      DOORLOOP_TODAY), so the hard cases stay hard whenever it runs.
 *   3. All care data goes in through the store in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/rules.h"
#include "db/db.h"
#include "store/auth_store.h"
#include "store/store.h"
#include "cli/demo.h"

#define DEMO_PASSWORD "doorloop-demo"

static const struct {
	const char *name, *kind, *region;
} demo_orgs[ORG__COUNT] = {
	{ "Stichting De Overstap (demo)", "institution", "Midden" },
	{ "Gezinshuis De Linde (demo)", "institution", "Midden" },
	{ "Ambulant Team Rivierland (demo)", "institution", "Midden" },
	{ "Jeugdzorg Het Baken (demo)", "institution", "Zuid" },
	{ "Gemeente Lindeveen (demo)", "municipality", "Midden" },
	{ "Gemeente Westerhaven (demo)", "municipality", "Zuid" },
	{ "Daltoncollege Rivierstad (demo)", "school", "Midden" },
	{ "Politie Basisteam Rivierland (demo)", "police", "Midden" },
	{ "Huisartsenpraktijk De Brug (demo)", "gp", "Midden" },
};

static const struct {
	const char *username, *display_name;
	enum role role;
	int org;	/* -1: none */
	const char *phone;
} demo_users[U__COUNT] = {
	{ "admin", "Demo Beheerder", ROLE_ADMIN, -1, NULL },
	{ "coordinator", "Demo Coördinator (Anouk)", ROLE_COORDINATOR, ORG_OVERSTAP, NULL },
	{ "caregiver", "Demo Hulpverlener (Sanne)", ROLE_CAREGIVER, ORG_OVERSTAP, NULL },
	{ "partner", "Demo Gezinshuisouder (Peter)", ROLE_PARTNER, ORG_LINDE, NULL },
	{ "client", "Mila (demo)", ROLE_CLIENT, -1, NULL },
	{ "municipality", "Demo Beleidsmedewerker Lindeveen", ROLE_MUNICIPALITY, ORG_LINDEVEEN, NULL },
	{ "monitor", "Demo Monitor Rijksoverheid", ROLE_MONITOR, -1, NULL },
	{ "mentor.bram", "Demo Mentor (Bram)", ROLE_CAREGIVER, ORG_OVERSTAP, NULL },
	{ "mentor.eva", "Demo Mentor (Eva)", ROLE_CAREGIVER, ORG_BAKEN, NULL },
	{ "teacher", "Demo Docent (Lisa de Groot)", ROLE_REPORTER, ORG_SCHOOL,
	    "06-12345001" },
	{ "police", "Demo Wijkagent (Karim Benali)", ROLE_REPORTER, ORG_POLICE,
	    "06-12345002" },
	{ "gp", "Demo Huisarts (Mirjam Kok)", ROLE_REPORTER, ORG_GP,
	    "06-12345003" },
	{ "security", "Demo Functionaris Gegevensbescherming",
	    ROLE_SECURITY_OFFICER, -1, NULL },
};

/* A fictional BSN that passes the eleven test (prefix 9999 marks it). */
static char *
demo_bsn(struct demo *d)
{
	char s[16];
	int sum;

	for (;;) {
		snprintf(s, sizeof s, "9999%04u0",
		    (unsigned)(d->bsn_seq++ % 10000));
		sum = 0;
		for (int i = 0; i < 8; i++)
			sum += (s[i] - '0') * (9 - i);
		if (sum % 11 != 10)
			break;
	}
	s[8] = (char)('0' + sum % 11);
	return arena_strdup(d->a, s);
}

/* Days relative to today; months relative to today (negative: past). */
#define D(n) (d->today + (n))
#define M(n) date_add_months(d->today, (n))

static int
girl(struct demo *d, const char *pseudonym, const char *name, dl_date birth,
    int municipality, bool shielded, dl_date start, struct client_rec *c,
    struct err *e)
{
	memset(c, 0, sizeof *c);
	c->pseudonym = (char *)pseudonym;
	c->name = (char *)name;
	c->bsn = demo_bsn(d);
	c->birth = birth;
	c->municipality_id = d->org[municipality];
	c->shielded = shielded;
	c->registered_by_org = d->org[ORG_OVERSTAP];
	if (store_client_insert(d->db, d->a, c, e) != 0)
		return -1;
	d->birth = birth;
	memset(&d->t, 0, sizeof d->t);
	d->t.client_id = c->id;
	d->t.coordinator_org = d->org[ORG_OVERSTAP];
	d->t.start = start;
	d->t.end = DATE_NONE;
	if (store_trajectory_insert(d->db, d->a, &d->t, e) != 0)
		return -1;
	if (d->ngirls < DEMO_GIRLS_MAX) {
		struct demo_girl *g = &d->girls[d->ngirls++];

		g->pseudonym = pseudonym;
		memcpy(g->id, c->id, ID_LEN + 1);
		memcpy(g->trajectory_id, d->t.id, ID_LEN + 1);
		g->birth = birth;
	}
	return 0;
}

const struct demo_girl *
demo_girl(const struct demo *d, const char *pseudonym)
{
	for (int i = 0; i < d->ngirls; i++)
		if (strcmp(d->girls[i].pseudonym, pseudonym) == 0)
			return &d->girls[i];
	return NULL;
}

static int
phase(struct demo *d, enum care_form form, int provider, dl_date start,
    dl_date end, const char *location, const char *reason, struct err *e)
{
	struct phase_rec p;

	memset(&p, 0, sizeof p);
	p.trajectory_id = d->t.id;
	p.form = form;
	p.provider_id = d->org[provider];
	p.location = (char *)location;
	p.location_shielded = form == FORM_SECURE_RESIDENTIAL;
	p.start = start;
	p.end = end;
	p.change_reason = (char *)reason;
	return store_phase_insert(d->db, d->a, &p, e);
}

static int
basis(struct demo *d, enum basis_kind kind, int payer, dl_date start,
    dl_date end, struct err *e)
{
	struct basis_rec b;

	memset(&b, 0, sizeof b);
	b.trajectory_id = d->t.id;
	b.kind = kind;
	b.paying_id = payer >= 0 ? d->org[payer] : NULL;
	b.start = start;
	b.end = end;
	return store_basis_insert(d->db, d->a, &b, e);
}

static int
order(struct demo *d, enum order_kind kind, dl_date start, dl_date end,
    struct err *e)
{
	struct order_rec o;

	memset(&o, 0, sizeof o);
	o.trajectory_id = d->t.id;
	o.kind = kind;
	o.start = start;
	o.end = end;
	return store_order_insert(d->db, d->a, &o, e);
}

static int
member(struct demo *d, int user, enum team_role role, dl_date from,
    dl_date to, struct err *e)
{
	struct member_rec m;

	memset(&m, 0, sizeof m);
	m.trajectory_id = d->t.id;
	m.user_id = d->user[user];
	m.role = role;
	m.from = from;
	m.to = to;
	return store_member_insert(d->db, d->a, &m, e);
}

/* Birth date for someone who turns `years` on today + `days`. */
static dl_date
born(struct demo *d, int years, int days)
{
	int y, m, dd;

	date_to_ymd(D(days), &y, &m, &dd);
	if (m == 2 && dd == 29)
		dd = 28;
	return date_from_ymd(y - years, m, dd);
}

#define TRY(x) do { if ((x) != 0) return -1; } while (0)
#define NONE DATE_NONE

static int
demo_girls(struct demo *d, struct err *e)
{
	struct client_rec c;
	dl_date b18;

	/* Lily: 18 in two months, and nothing after 18 (Jeugdwet open-ended). */
	TRY(girl(d, "Lily", "Lily Voorbeeld", born(d, 18, 61), ORG_LINDEVEEN,
	    false, M(-14), &c, e));
	TRY(phase(d, FORM_SECURE_RESIDENTIAL, ORG_BAKEN, M(-14), M(-8) - 1,
	    "Het Baken, groep Noord", "Crisisplaatsing na vermissing", e));
	TRY(phase(d, FORM_OPEN_RESIDENTIAL, ORG_OVERSTAP, M(-8), NONE,
	    "De Overstap, woongroep 2", "Doorstroom naar open groep", e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_LINDEVEEN, M(-14), NONE, e));
	TRY(order(d, ORDER_MACHTIGING, M(-14), M(-8) - 1, e));
	TRY(member(d, U_CAREGIVER, TEAM_MAIN_CAREGIVER, M(-8), NONE, e));
	TRY(member(d, U_MENTOR3, TEAM_MAIN_CAREGIVER, M(-14), M(-8) - 1, e));

	/* Roos: 16, secure, her machtiging ends next week. */
	TRY(girl(d, "Roos", "Roos Proefpersoon", born(d, 16, -130),
	    ORG_LINDEVEEN, false, D(-80), &c, e));
	TRY(phase(d, FORM_SECURE_RESIDENTIAL, ORG_BAKEN, D(-80), NONE,
	    "Het Baken, groep Zuid", NULL, e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_LINDEVEEN, D(-80), NONE, e));
	TRY(order(d, ORDER_SPOEDMACHTIGING, D(-80), D(-67), e));
	TRY(order(d, ORDER_MACHTIGING, D(-66), D(6), e));
	TRY(member(d, U_CAREGIVER, TEAM_MAIN_CAREGIVER, D(-80), NONE, e));
	TRY(member(d, U_MENTOR3, TEAM_CAREGIVER, D(-80), NONE, e));

	/* Jade: 17, four transfers in the past year, three main caregivers. */
	TRY(girl(d, "Jade", "Jade Fictief", born(d, 17, -200), ORG_LINDEVEEN,
	    false, M(-13), &c, e));
	TRY(phase(d, FORM_SECURE_RESIDENTIAL, ORG_BAKEN, M(-13), M(-10) - 1,
	    "Het Baken, groep Noord", NULL, e));
	TRY(phase(d, FORM_OPEN_RESIDENTIAL, ORG_OVERSTAP, M(-10), M(-7) - 1,
	    "De Overstap, woongroep 1", "Machtiging afgelopen", e));
	TRY(phase(d, FORM_FAMILY_HOME, ORG_LINDE, M(-7), M(-4) - 1,
	    "Gezinshuis De Linde", "Kleinschaliger wonen", e));
	TRY(phase(d, FORM_SECURE_RESIDENTIAL, ORG_BAKEN, M(-4), M(-2) - 1,
	    "Het Baken, groep Zuid", "Weggelopen, terug bij uitbuiter", e));
	TRY(phase(d, FORM_OPEN_RESIDENTIAL, ORG_OVERSTAP, M(-2), NONE,
	    "De Overstap, woongroep 2", "Terug naar open groep", e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_LINDEVEEN, M(-13), NONE, e));
	TRY(order(d, ORDER_MACHTIGING, M(-13), M(-10) - 1, e));
	TRY(order(d, ORDER_MACHTIGING, M(-4), M(-2) - 1, e));
	TRY(member(d, U_MENTOR3, TEAM_MAIN_CAREGIVER, M(-13), M(-10) - 1, e));
	TRY(member(d, U_MENTOR2, TEAM_MAIN_CAREGIVER, M(-10), M(-2) - 1, e));
	TRY(member(d, U_CAREGIVER, TEAM_MAIN_CAREGIVER, M(-2), NONE, e));

	/* Fenna: 20, in verlengde jeugdhulp since her 18th birthday. */
	TRY(girl(d, "Fenna", "Fenna Verzonnen", born(d, 20, -95), ORG_WESTERHAVEN,
	    false, M(-50), &c, e));
	b18 = date_birthday(d->birth, 18, date_leap_rule());
	TRY(phase(d, FORM_OPEN_RESIDENTIAL, ORG_OVERSTAP, M(-50), M(-30) - 1,
	    "De Overstap, woongroep 1", NULL, e));
	TRY(phase(d, FORM_FAMILY_HOME, ORG_LINDE, M(-30), M(-6) - 1,
	    "Gezinshuis De Linde", "Stap naar gezinsvorm", e));
	TRY(phase(d, FORM_AMBULANT, ORG_AMBULANT, M(-6), NONE, NULL,
	    "Zelfstandig wonen met begeleiding", e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_WESTERHAVEN, M(-50), b18 - 1, e));
	TRY(basis(d, BASIS_VERLENGDE_JEUGDHULP, ORG_WESTERHAVEN, b18, NONE, e));
	TRY(member(d, U_MENTOR2, TEAM_MAIN_CAREGIVER, M(-50), NONE, e));

	/* Iris: 15, placed out of her region for her safety; shielded. */
	TRY(girl(d, "Iris", "Iris Denkbeeldig", born(d, 15, -40), ORG_LINDEVEEN,
	    true, M(-5), &c, e));
	{
		struct phase_rec p;

		memset(&p, 0, sizeof p);
		p.trajectory_id = d->t.id;
		p.form = FORM_SECURE_RESIDENTIAL;
		p.provider_id = d->org[ORG_BAKEN];
		p.location = "Het Baken, afgeschermde groep";
		p.location_shielded = true;
		p.start = M(-5);
		p.end = NONE;
		p.out_of_region = true;
		p.safety_reason = "De uitbuiter woont in haar eigen regio";
		TRY(store_phase_insert(d->db, d->a, &p, e));
	}
	TRY(basis(d, BASIS_JEUGDWET, ORG_LINDEVEEN, M(-5), NONE, e));
	TRY(order(d, ORDER_MACHTIGING, M(-5), M(4), e));
	TRY(member(d, U_MENTOR3, TEAM_MAIN_CAREGIVER, M(-5), NONE, e));

	/* Saar: 19, trajectory closed three months ago. */
	TRY(girl(d, "Saar", "Saar Onecht", born(d, 19, -150), ORG_WESTERHAVEN,
	    false, M(-30), &c, e));
	TRY(phase(d, FORM_OPEN_RESIDENTIAL, ORG_OVERSTAP, M(-30), M(-12) - 1,
	    "De Overstap, woongroep 1", NULL, e));
	TRY(phase(d, FORM_AMBULANT, ORG_AMBULANT, M(-12), M(-3), NULL,
	    "Eigen kamer met ambulante begeleiding", e));
	b18 = date_birthday(d->birth, 18, date_leap_rule());
	TRY(basis(d, BASIS_JEUGDWET, ORG_WESTERHAVEN, M(-30), b18 - 1, e));
	TRY(basis(d, BASIS_WMO, ORG_WESTERHAVEN, b18, M(-3), e));
	TRY(member(d, U_MENTOR2, TEAM_MAIN_CAREGIVER, M(-30), M(-3), e));
	d->t.end = M(-3);
	d->t.end_reason = "Doelen bereikt; nazorg afgesproken";
	TRY(store_trajectory_update(d->db, d->a, &d->t, e));

	/* Mila: the demo client herself; 17, ambulant, verlengde jeugdhulp arranged. */
	TRY(girl(d, "Mila", "Mila Testmeisje", born(d, 18, 150), ORG_LINDEVEEN,
	    false, M(-9), &c, e));
	b18 = date_birthday(d->birth, 18, date_leap_rule());
	TRY(phase(d, FORM_FAMILY_HOME, ORG_LINDE, M(-9), M(-3) - 1,
	    "Gezinshuis De Linde", NULL, e));
	TRY(phase(d, FORM_AMBULANT, ORG_AMBULANT, M(-3), NONE, NULL,
	    "Terug naar huis met ambulante hulp", e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_LINDEVEEN, M(-9), b18 - 1, e));
	TRY(basis(d, BASIS_VERLENGDE_JEUGDHULP, ORG_LINDEVEEN, b18, NONE, e));
	TRY(member(d, U_CAREGIVER, TEAM_MAIN_CAREGIVER, M(-9), NONE, e));
	TRY(member(d, U_PARTNER, TEAM_CAREGIVER, M(-9), M(-3) - 1, e));
	memcpy(d->user[U_CLIENT], c.id, ID_LEN + 1);	/* her log-in, below */

	/* Nova: 16, a gap of three weeks last year between two allocations. */
	TRY(girl(d, "Nova", "Nova Bedacht", born(d, 16, -20), ORG_WESTERHAVEN,
	    false, M(-16), &c, e));
	TRY(phase(d, FORM_OPEN_RESIDENTIAL, ORG_OVERSTAP, M(-16), NONE,
	    "De Overstap, woongroep 3", NULL, e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_WESTERHAVEN, M(-16), M(-10), e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_WESTERHAVEN, M(-10) + 22, NONE, e));
	TRY(member(d, U_MENTOR2, TEAM_MAIN_CAREGIVER, M(-16), NONE, e));

	/* Yara: 16, in the partner's family home. */
	TRY(girl(d, "Yara", "Yara Gefingeerd", born(d, 16, -250), ORG_LINDEVEEN,
	    false, M(-7), &c, e));
	TRY(phase(d, FORM_FAMILY_HOME, ORG_LINDE, M(-7), NONE,
	    "Gezinshuis De Linde", NULL, e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_LINDEVEEN, M(-7), NONE, e));
	TRY(order(d, ORDER_OTS, M(-7), M(5), e));
	TRY(member(d, U_MENTOR2, TEAM_MAIN_CAREGIVER, M(-7), NONE, e));

	/* Lieke: 18, a machtiging recorded past the six months after 18. */
	TRY(girl(d, "Lieke", "Lieke Niet-echt", born(d, 18, -60), ORG_WESTERHAVEN,
	    false, M(-11), &c, e));
	b18 = date_birthday(d->birth, 18, date_leap_rule());
	TRY(phase(d, FORM_SECURE_RESIDENTIAL, ORG_BAKEN, M(-11), NONE,
	    "Het Baken, groep Noord", NULL, e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_WESTERHAVEN, M(-11), b18 - 1, e));
	TRY(basis(d, BASIS_VERLENGDE_JEUGDHULP, ORG_WESTERHAVEN, b18, NONE, e));
	TRY(order(d, ORDER_MACHTIGING, M(-11), date_add_months(b18, 9), e));
	TRY(member(d, U_MENTOR3, TEAM_MAIN_CAREGIVER, M(-11), NONE, e));

	/* Amber: 15, started two weeks ago; no team yet. */
	TRY(girl(d, "Amber", "Amber Voorbeeldig", born(d, 15, -300),
	    ORG_WESTERHAVEN, false, D(-14), &c, e));
	TRY(phase(d, FORM_OPEN_RESIDENTIAL, ORG_OVERSTAP, D(-14), NONE,
	    "De Overstap, woongroep 3", NULL, e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_WESTERHAVEN, D(-14), NONE, e));

	/* Isa: 14, OTS and ambulant help at home. */
	TRY(girl(d, "Isa", "Isa Fantasie", born(d, 14, -10), ORG_LINDEVEEN,
	    false, M(-4), &c, e));
	TRY(phase(d, FORM_AMBULANT, ORG_AMBULANT, M(-4), NONE, NULL, NULL, e));
	TRY(basis(d, BASIS_JEUGDWET, ORG_LINDEVEEN, M(-4), NONE, e));
	TRY(order(d, ORDER_OTS, M(-4), M(8), e));
	TRY(member(d, U_MENTOR2, TEAM_MAIN_CAREGIVER, M(-4), NONE, e));
	TRY(member(d, U_CAREGIVER, TEAM_THERAPIST, M(-4), NONE, e));
	return 0;
}

/*
 * Later capabilities add their demo records here, each in a demo_*.c of
 * its own, run in order inside the girls' transaction.
 */
static int (*const demo_parts[])(struct demo *, struct err *) = {
	demo_girls,
	demo_continuity,
	demo_voice,
	demo_climate,
	demo_figures,
	demo_recognition,
	demo_signal,
};

static int
demo_load(struct demo *d, struct err *e)
{
	struct user_new u;
	char mila[ID_LEN + 1];

	for (int i = 0; i < ORG__COUNT; i++)
		TRY(auth_org_create(d->db, demo_orgs[i].name, demo_orgs[i].kind,
		    demo_orgs[i].region, d->org[i], e));
	/* Users other than the client first: the team refers to them. */
	for (int i = 0; i < U__COUNT; i++) {
		if (demo_users[i].role == ROLE_CLIENT)
			continue;
		memset(&u, 0, sizeof u);
		u.username = demo_users[i].username;
		u.display_name = demo_users[i].display_name;
		u.role = demo_users[i].role;
		u.org_id = demo_users[i].org >= 0 ? d->org[demo_users[i].org] : NULL;
		u.phone = demo_users[i].phone;
		u.password = DEMO_PASSWORD;
	u.fixture = true;
		u.fixture = true;
		TRY(auth_user_create(d->db, &u, d->user[i], e));
	}
	TRY(db_begin_write(d->db, e));
	for (size_t i = 0; i < sizeof demo_parts / sizeof demo_parts[0]; i++) {
		if (demo_parts[i](d, e) != 0) {
			db_rollback(d->db);
			return -1;
		}
	}
	/* The demo logs in with the printed password alone; two-step log-in
	 * stays possible (Beveiliging page) but is not asked. */
	if (store_setting_put(d->db, "demo", "1", e) != 0 ||
	    store_setting_put(d->db, "auth.totp_required", "0", e) != 0 ||
	    db_commit(d->db, e) != 0) {
		db_rollback(d->db);
		return -1;
	}
	memcpy(mila, d->user[U_CLIENT], sizeof mila);
	memset(&u, 0, sizeof u);
	u.username = "client";
	u.display_name = demo_users[U_CLIENT].display_name;
	u.role = ROLE_CLIENT;
	u.client_id = mila;
	u.password = DEMO_PASSWORD;
	u.fixture = true;
	TRY(auth_user_create(d->db, &u, d->user[U_CLIENT], e));
	/* What she wrote herself is recorded as written by her log-in. */
	return demo_voice_hers(d, e);
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: doorloop demo [--db URL] [--key-file PATH]\n"
	    "\n"
	    "Load fictional demo data into a new, initialised database: nine\n"
	    "organisations, a user for every role (admin, coordinator, caregiver,\n"
	    "partner, client, municipality, monitor, and the reporters teacher,\n"
	    "police and gp; password %s) and a\n"
	    "dozen girls covering the hard cases.  Dates are relative to today\n"
	    "(DOORLOOP_TODAY=YYYY-MM-DD moves today).  Two-step log-in is made\n"
	    "optional here (setting auth.totp_required 0; a user may still set\n"
	    "it up on her Beveiliging page).  Refuses a database that\n"
	    "already has users; does nothing on a database it filled before.\n"
	    "\n"
	    "exit codes: 0 ok (or already loaded), 1 failure, 2 bad usage\n",
	    DEMO_PASSWORD);
}

int
cli_demo(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL;
	struct arena a;
	struct demo d;
	struct err e;
	char *flag = NULL;
	struct db_stmt *st = NULL;
	int rc = EXIT_FAIL, users = 0;

	switch (cli_db_options(argc, argv, true, false, &db_opt, &key_opt)) {
	case CLI_OPTS_HELP:
		usage(stdout);
		return EXIT_OK;
	case CLI_OPTS_BAD:
		usage(stderr);
		return EXIT_USAGE;
	}
	err_init(&e);
	arena_init(&a);
	memset(&d, 0, sizeof d);
	d.a = &a;
	d.today = date_today();
	d.bsn_seq = 1;
	if (cli_open(db_opt, key_opt, &d.db, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	if (store_setting_get(d.db, &a, "demo", &flag, &e) != 0)
		goto fail;
	if (flag != NULL) {
		printf("doorloop: the demo data is loaded already\n");
		rc = EXIT_OK;
		goto out;
	}
	if (db_prepare(d.db, "SELECT COUNT(*) FROM app_user", &st, &e) != 0 ||
	    db_step(st, &e) != 1)
		goto fail;
	users = (int)db_col_int64(st, 0);
	db_finalize(st);
	st = NULL;
	if (users > 0) {
		fprintf(stderr, "doorloop: this database has users already; demo "
		    "data goes only into a new database\n");
		rc = EXIT_FAIL;
		goto out;
	}
	if (demo_load(&d, &e) != 0)
		goto fail;
	printf("doorloop: demo data loaded; log in with password %s as one of:\n",
	    DEMO_PASSWORD);
	for (int i = 0; i < U__COUNT; i++)
		if (strchr(demo_users[i].username, '.') == NULL)
			printf("  %-13s %s\n", demo_users[i].username,
			    demo_users[i].display_name);
	printf("two-step log-in is optional in the demo (auth.totp_required 0);\n"
	    "a real installation asks it of every staff account: `doorloop config\n"
	    "set auth.totp_required 1`\n");
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	db_finalize(st);
	if (d.db)
		db_close(d.db);
	arena_cleanup(&a);
	return rc;
}
