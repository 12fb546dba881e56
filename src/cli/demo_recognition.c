/*
 * demo_recognition.c - the demo's recognition records (DOMAIN.md R13,
 * R17): Jade registered as a victim with CoMensha on her own consent
 * (she is 17), Roos registered without it (no consent recorded yet), and
 * exploiter indicators shared between girls: one phone number on Jade and
 * Roos (written differently: the normal form links them), and one vehicle
 * on Jade and on a girl coordinated by Jeugdzorg Het Baken, so the demo
 * coordinator sees a match at another institution without her name.
 */
#include <string.h>

#include "cli/demo.h"
#include "core/indicator.h"
#include "db/db.h"
#include "store/recognition.h"

/* The girl of demo_figures.c whose indicator Jade's vehicle matches. */
#define BAKEN_GIRL "Cijfers-WH-12"

static int
indicator(struct demo *d, const char *client_id, const char *trajectory_id,
    enum indicator_kind kind, const char *value, const char *note,
    struct err *e)
{
	struct indicator_rec i;
	char normal[INDICATOR_NORM_MAX];

	if (indicator_normalise(kind, value, normal) != 0)
		return err_set(e, ERR_INTERNAL, NULL, "demo indicator %s",
		    indicator_kind_name(kind));
	memset(&i, 0, sizeof i);
	i.trajectory_id = (char *)trajectory_id;
	i.client_id = (char *)client_id;
	i.kind = kind;
	i.value = (char *)value;
	i.normal = arena_strdup(d->a, normal);
	i.note = (char *)note;
	return store_indicator_insert(d->db, d->a, &i, d->user[U_COORDINATOR],
	    e);
}

static int
victim(struct demo *d, const struct demo_girl *g, enum victim_status status,
    unsigned forms, dl_date recognised, const char *municipality,
    struct victim_rec *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	v->trajectory_id = (char *)g->trajectory_id;
	v->client_id = (char *)g->id;
	v->status = status;
	v->forms = forms;
	v->recognised_on = recognised;
	v->municipality_id = (char *)municipality;
	return store_victim_insert(d->db, d->a, v, d->user[U_COORDINATOR], e);
}

/* The trajectory and client of the Het Baken girl, by her pseudonym. */
static int
baken_girl(struct demo *d, char **traj, char **client, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (db_prepare(d->db, "SELECT t.id, t.client_id FROM trajectory t JOIN "
	    "client c ON c.id = t.client_id WHERE c.pseudonym = ?", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, BAKEN_GIRL);
	rc = db_step(st, e);
	if (rc == 1) {
		*traj = arena_strdup(d->a, db_col_text(st, 0));
		*client = arena_strdup(d->a, db_col_text(st, 1));
	}
	db_finalize(st);
	if (rc != 1)
		return rc < 0 ? -1 : err_set(e, ERR_INTERNAL, NULL,
		    "demo girl %s is missing", BAKEN_GIRL);
	return 0;
}

int
demo_recognition(struct demo *d, struct err *e)
{
	const struct demo_girl *jade = demo_girl(d, "Jade");
	const struct demo_girl *roos = demo_girl(d, "Roos");
	struct victim_rec v;
	struct consent_rec c;
	char *btraj = NULL, *bclient = NULL;

	if (jade == NULL || roos == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "demo girls missing");
	/* Jade, 17: she signs her own consent; registered with CoMensha. */
	memset(&c, 0, sizeof c);
	c.client_id = (char *)jade->id;
	c.kind = "registration";
	c.recipient = "CoMensha";
	c.purpose = "Registratie als slachtoffer van mensenhandel";
	c.basis = c.required = consent_required(jade->birth, d->today - 40,
	    true, date_leap_rule());
	c.age_years = date_age(jade->birth, d->today - 40, date_leap_rule());
	c.given_on = d->today - 40;
	c.withdrawn_on = DATE_NONE;
	if (store_consent_insert(d->db, d->a, &c, d->user[U_COORDINATOR],
	    e) != 0 ||
	    victim(d, jade, VICTIM_CONFIRMED, 1u << EXPL_SEXUAL_NL |
	    1u << EXPL_CRIMINAL, date_add_months(d->today, -13),
	    d->org[ORG_LINDEVEEN], &v, e) != 0 ||
	    store_victim_comensha(d->db, v.id, d->today - 35, c.id, c.basis,
	    date_age(jade->birth, d->today - 35, date_leap_rule()),
	    d->user[U_COORDINATOR], e) != 0)
		return -1;
	/* Roos, 16: registered; no consent for CoMensha recorded yet. */
	if (victim(d, roos, VICTIM_POSSIBLE, 1u << EXPL_SEXUAL_NL |
	    1u << EXPL_SEXUAL_ONLINE, d->today - 80, d->org[ORG_LINDEVEEN], &v,
	    e) != 0)
		return -1;
	/* One phone on both girls, one vehicle on Jade and at Het Baken. */
	if (baken_girl(d, &btraj, &bclient, e) != 0 ||
	    indicator(d, jade->id, jade->trajectory_id, IND_PHONE,
	    "06-87654321", "Belde haar steeds vanaf dit nummer", e) != 0 ||
	    indicator(d, jade->id, jade->trajectory_id, IND_PLATE,
	    "gx-412-k", "Zwarte auto bij de groep gezien", e) != 0 ||
	    indicator(d, jade->id, jade->trajectory_id, IND_ALIAS, "Prince",
	    NULL, e) != 0 ||
	    indicator(d, jade->id, jade->trajectory_id, IND_HANDLE,
	    "https://www.instagram.com/prince.020/", NULL, e) != 0 ||
	    indicator(d, roos->id, roos->trajectory_id, IND_PHONE,
	    "+31 6 8765 4321", "Nummer in haar telefoon als 'P'", e) != 0 ||
	    indicator(d, bclient, btraj, IND_PLATE, "GX 412 K", NULL, e) != 0)
		return -1;
	return 0;
}
