/*
 * demo_voice.c - the demo's part of her voice (DOMAIN.md R9, R10,
 * consent): promises kept, broken, overdue and changed with her
 * agreement; journal entries (one corrected, one withheld with its
 * reason, one she answered); her own plan in simple words; consent
 * records; contact details of the team.
 *
 * Two parts: demo_voice runs in demo_parts[] with the staff's records;
 * demo_voice_hers runs once Mila's log-in exists, because what she wrote
 * herself (her statement, her plan, her view of a promise) is recorded as
 * written by that log-in.  All text is fictional; dates are relative to
 * today.
 */
#include <string.h>

#include "cli/demo.h"
#include "core/alerts.h"
#include "db/db.h"
#include "store/voice.h"

#define D(n) (d->today + (n))
#define M(n) date_add_months(d->today, (n))
#define TRY(x) do { if ((x) != 0) return -1; } while (0)

/* Ids the second part needs (one demo run per process). */
static char mila_answered[ID_LEN + 1];
static char mila_broken[ID_LEN + 1];
static char mila_overdue[ID_LEN + 1];

/* A promise by user to girl g, all else zero. */
static void
promise_init(struct promise_rec *p, struct demo *d,
    const struct demo_girl *g, int user, const char *what, dl_date due)
{
	memset(p, 0, sizeof *p);
	p->client_id = (char *)g->id;
	p->promised_by.id = d->user[user];
	p->what = (char *)what;
	p->due = due;
}

static int
promise(struct demo *d, const char *girl, int user, const char *what,
    dl_date due, int outcome, const char *note, char *id_out,
    struct err *e)
{
	const struct demo_girl *g = demo_girl(d, girl);
	struct promise_rec p;

	if (g == NULL)
		return 0;
	promise_init(&p, d, g, user, what, due);
	p.agreed_on = DATE_NONE;
	TRY(store_promise_insert(d->db, d->a, &p, d->user[user], e));
	if (id_out != NULL)
		memcpy(id_out, p.id, ID_LEN + 1);
	if (outcome != PROMISE_OPEN)
		TRY(store_promise_close(d->db, d->a, p.id,
		    (enum promise_status)outcome, d->user[user], note, e));
	return 0;
}

/* A promise changed with her agreement: the old one closed, a new one. */
static int
promise_changed(struct demo *d, const char *girl, int user, const char *what,
    dl_date due, dl_date new_due, const char *agreement, dl_date agreed,
    struct err *e)
{
	const struct demo_girl *g = demo_girl(d, girl);
	char old[ID_LEN + 1];
	struct promise_rec p;

	if (g == NULL)
		return 0;
	TRY(promise(d, girl, user, what, due, PROMISE_OPEN, NULL, old, e));
	TRY(store_promise_close(d->db, d->a, old, PROMISE_CHANGED,
	    d->user[user], NULL, e));
	promise_init(&p, d, g, user, what, new_due);
	p.replaces_id = old;
	p.agreement = (char *)agreement;
	p.agreed_on = agreed;
	return store_promise_insert(d->db, d->a, &p, d->user[user], e);
}

static int
entry(struct demo *d, const char *girl, int user, dl_date day,
    const char *text, char **thread, struct err *e)
{
	const struct demo_girl *g = demo_girl(d, girl);
	char *id = NULL;

	if (thread != NULL)
		*thread = NULL;
	if (g == NULL)
		return 0;
	TRY(store_journal_insert(d->db, d->a, g->id, d->user[user], day, text,
	    &id, e));
	if (thread != NULL)
		*thread = id;
	return 0;
}

static int
consent(struct demo *d, const char *girl, const char *kind,
    const char *recipient, const char *purpose, dl_date given,
    const char *exception, struct err *e)
{
	const struct demo_girl *g = demo_girl(d, girl);
	struct consent_rec c;

	if (g == NULL)
		return 0;
	memset(&c, 0, sizeof c);
	c.client_id = (char *)g->id;
	c.kind = (char *)kind;
	c.recipient = (char *)recipient;
	c.purpose = (char *)purpose;
	c.given_on = given;
	c.required = consent_required(g->birth, given,
	    strcmp(kind, "registration") == 0, date_leap_rule());
	c.basis = c.required;
	c.exception = (char *)exception;
	c.age_years = date_age(g->birth, given, date_leap_rule());
	return store_consent_insert(d->db, d->a, &c, d->user[U_COORDINATOR], e);
}

int
demo_voice(struct demo *d, struct err *e)
{
	const struct demo_girl *mila = demo_girl(d, "Mila");
	char *t;

	/* How to reach the team (fictional addresses and numbers). */
	TRY(store_user_contact_set(d->db, d->user[U_CAREGIVER],
	    "sanne@overstap.example", "06 0000 0101", e));
	TRY(store_user_contact_set(d->db, d->user[U_COORDINATOR],
	    "anouk@overstap.example", "06 0000 0102", e));
	TRY(store_user_contact_set(d->db, d->user[U_PARTNER],
	    "peter@gezinshuis-delinde.example", "06 0000 0103", e));
	TRY(store_user_contact_set(d->db, d->user[U_MENTOR2],
	    "bram@overstap.example", "06 0000 0104", e));
	TRY(store_user_contact_set(d->db, d->user[U_MENTOR3],
	    "eva@hetbaken.example", NULL, e));

	/* Mila: kept, broken, overdue, changed with her agreement, coming. */
	TRY(promise(d, "Mila", U_CAREGIVER, "Ik ga met je mee naar de tandarts.",
	    D(-40), PROMISE_KEPT, NULL, NULL, e));
	TRY(promise(d, "Mila", U_PARTNER, "Voor je verjaardag regel ik een "
	    "uitje met de groep.", M(-5), PROMISE_BROKEN,
	    "Niet gelukt door ziekte in het gezinshuis; excuses aangeboden.",
	    mila_broken, e));
	TRY(promise(d, "Mila", U_CAREGIVER, "Ik bel je school over je stage.",
	    D(-5), PROMISE_OPEN, NULL, mila_overdue, e));
	TRY(promise_changed(d, "Mila", U_CAREGIVER, "Ik zoek uit of je een "
	    "eigen kamer kunt krijgen.", D(-10), D(20),
	    "In het weekgesprek met Mila besproken; zij vond de nieuwe datum "
	    "goed.", D(-12), e));
	TRY(promise(d, "Mila", U_CAREGIVER, "We vragen samen je DigiD aan.",
	    D(30), PROMISE_OPEN, NULL, NULL, e));
	/* A few others, for the figures. */
	TRY(promise(d, "Lily", U_CAREGIVER, "Ik zorg dat je Wmo-aanvraag de "
	    "deur uit is.", D(-3), PROMISE_OPEN, NULL, NULL, e));
	TRY(promise(d, "Lily", U_CAREGIVER, "Ik ga mee naar het gesprek bij "
	    "de gemeente.", D(-25), PROMISE_KEPT, NULL, NULL, e));
	TRY(promise(d, "Roos", U_MENTOR3, "Je mag in het weekend naar je oma.",
	    D(-14), PROMISE_BROKEN, "Verlof niet toegestaan door de rechter.",
	    NULL, e));
	TRY(promise(d, "Jade", U_CAREGIVER, "Ik regel een vaste mentor die "
	    "blijft.", M(-1), PROMISE_KEPT, NULL, NULL, e));
	TRY(promise(d, "Jade", U_MENTOR2, "Ik kom je elke week opzoeken.",
	    M(-3), PROMISE_BROKEN, "Overgeplaatst naar een andere groep.",
	    NULL, e));

	/* Mila's journal: one she answers, one corrected, one withheld. */
	TRY(entry(d, "Mila", U_CAREGIVER, D(-30), "Mila vertelde dat het thuis "
	    "beter gaat. Ze slaapt beter en gaat weer naar school.", &t, e));
	if (t != NULL)
		memcpy(mila_answered, t, ID_LEN + 1);
	TRY(entry(d, "Mila", U_CAREGIVER, D(-20), "Mila was boos en wilde niet "
	    "praten.", &t, e));
	if (t != NULL) {
		struct journal_rec j;

		TRY(store_journal_get(d->db, d->a, mila->id, t, true, &j, e));
		TRY(store_journal_correct(d->db, d->a, mila->id, t,
		    &j.versions[0], d->user[U_CAREGIVER], D(-20),
		    "Mila wilde die dag niet praten. Ze was moe na een lange "
		    "schooldag.", "De eerste versie was een oordeel, geen "
		    "beschrijving; aangepast na het gesprek met Mila.", e));
	}
	TRY(entry(d, "Mila", U_COORDINATOR, D(-10), "Overleg met de politie "
	    "over een man die haar via sociale media benaderde; het onderzoek "
	    "loopt.", &t, e));
	if (t != NULL)
		TRY(store_journal_withhold(d->db, d->a, mila->id, t,
		    "Lopend politieonderzoek: nu delen kan haar veiligheid en "
		    "het onderzoek schaden. Opnieuw bekijken na afronding.",
		    d->user[U_COORDINATOR], e));
	TRY(entry(d, "Mila", U_CAREGIVER, D(-2), "Samen haar plan doorgenomen. "
	    "Ze wil na de zomer een opleiding in de zorg beginnen.", NULL, e));
	TRY(entry(d, "Lily", U_CAREGIVER, D(-7), "Lily maakt zich zorgen over "
	    "wat er gebeurt als ze 18 wordt. Wmo-aanvraag besproken.", NULL,
	    e));

	/* Consent: whose consent each sharing rests on, by her age then. */
	TRY(consent(d, "Mila", "parent_access", "Moeder", "Mag het plan en de "
	    "afspraken lezen", D(-60), NULL, e));
	TRY(consent(d, "Mila", "data_sharing", "Ambulant Team Rivierland",
	    "Overdracht bij de start van de ambulante hulp", M(-3) - 1, NULL,
	    e));
	TRY(consent(d, "Isa", "data_sharing", "School (zorgcoördinator)",
	    "Afstemming over aanwezigheid en steun op school", M(-2), NULL, e));
	TRY(consent(d, "Iris", "registration", "CoMensha",
	    "Registratie als slachtoffer", M(-4), NULL, e));
	return 0;
}

int
demo_voice_hers(struct demo *d, struct err *e)
{
	const struct demo_girl *mila = demo_girl(d, "Mila");
	const char *me = d->user[U_CLIENT];
	struct journal_rec j;
	struct own_plan_rec p;
	char *sid;

	if (mila == NULL || mila_answered[0] == '\0')
		return 0;
	TRY(db_begin_write(d->db, e));
	if (store_journal_get(d->db, d->a, mila->id, mila_answered, true, &j,
	    e) != 0 ||
	    store_journal_statement_insert(d->db, d->a, mila->id, j.id,
	    j.versions[0].id, "Klopt, maar school is nog wel moeilijk. Ik wil "
	    "meer hulp bij wiskunde.", me, &sid, e) != 0 ||
	    store_promise_view_insert(d->db, d->a, mila_broken, mila->id,
	    "not_kept", "Ik had me er echt op verheugd.", me, e) != 0 ||
	    store_promise_view_insert(d->db, d->a, mila_overdue, mila->id,
	    "not_kept", "Ik wacht nog steeds.", me, e) != 0 ||
	    store_own_plan_insert(d->db, d->a, mila->id, OWN_GENERAL,
	    "Ik wil naar huis.", me, &p, e) != 0 ||
	    store_own_plan_insert(d->db, d->a, mila->id, OWN_GENERAL,
	    "Ik wil over een jaar op mezelf wonen. Met hulp als dat nodig is. "
	    "En ik wil mijn school afmaken.", me, &p, e) != 0 ||
	    store_own_plan_insert(d->db, d->a, mila->id, DOM_EDUCATION,
	    "Ik wil mijn diploma halen. Ik wil hulp bij wiskunde.", me, &p,
	    e) != 0 ||
	    store_own_plan_insert(d->db, d->a, mila->id, DOM_SAFETY,
	    "Ik wil weten wie ik kan bellen als ik me niet veilig voel. Ook "
	    "'s nachts.", me, &p, e) != 0 ||
	    db_commit(d->db, e) != 0) {
		db_rollback(d->db);
		return -1;
	}
	return 0;
}
