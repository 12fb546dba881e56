/*
 * demo_signal.c - the demo's early signals (R12): a teacher, a police
 * officer and a GP, each in an organisation of her own.
 *
 *   Jasmijn (not registered): the teacher signals her by name and birth
 *   date, states that she lives in Lindeveen and refers it to De Overstap; the police officer, later, by BSN,
 *   name and birth date: both see a match notice with the other's contact.
 *   Fleur (not registered): a teacher's signal without any match.
 *   Amber: the GP's signal by her BSN, referred, screened as confirmed,
 *   led to her registration and trajectory (two weeks ago).
 *
 * The names are as fictional as the girls' in demo.c; the BSN prefix 9999
 * marks a fictional one.
 */

#include "cli/demo.h"
#include "store/signal.h"

#define JASMIJN_BSN "999901011"

static int
signal(struct demo *d, int user, int org, const char *name, const char *bsn,
    dl_date birth, const char *indicators, const char *certainty,
    const char *note, const char *phone, int referred, int muni,
    dl_date made, char **id, struct err *e)
{
	const struct signal_in in = {
		.reporter_id = d->user[user],
		.reporter_org = d->org[org],
		.name = name,
		.bsn = bsn,
		.birth = birth,
		.indicators = indicators,
		.certainty = certainty,
		.note = note,
		.contact_phone = phone,
		.referred_org = referred >= 0 ? d->org[referred] : NULL,
		.municipality_id = muni >= 0 ? d->org[muni] : NULL,
		.created_on = made,
	};
	size_t matched;

	return store_signal_insert(d->db, d->a, &in, id, &matched, e);
}

int
demo_signal(struct demo *d, struct err *e)
{
	const struct demo_girl *amber = demo_girl(d, "Amber");
	dl_date jasmijn = date_add_months(d->today, -15 * 12 - 4);
	struct client_rec c;
	char *id;

	if (signal(d, U_TEACHER, ORG_SCHOOL, "Jasmijn de Vries", NULL, jasmijn,
	    "older_partner,gifts_money,truancy,picked_up", "likely",
	    "Sinds de herfstvakantie vaak afwezig; wordt na school opgehaald "
	    "door een oudere jongen in een auto. Draagt nieuwe dure kleding.",
	    "06-12345001", ORG_OVERSTAP, ORG_LINDEVEEN, d->today - 10, &id,
	    e) != 0)
		return -1;
	if (signal(d, U_POLICE, ORG_POLICE, "jasmijn  de-vries", JASMIJN_BSN,
	    jasmijn, "missing,several_phones,hotels_addresses", "likely",
	    "Twee keer als vermist opgegeven; aangetroffen bij een hotel met "
	    "twee telefoons op zak.", "06-12345002", -1, -1, d->today - 3,
	    &id, e) != 0)
		return -1;
	if (signal(d, U_TEACHER, ORG_SCHOOL, "Fleur Bakker", NULL,
	    date_add_months(d->today, -14 * 12 - 7),
	    "withdrawn,sexualised_online", "unsure",
	    "Foto's van haar gaan rond in een groepsapp; ze trekt zich terug.",
	    "06-12345001", -1, -1, d->today - 30, &id, e) != 0)
		return -1;
	if (amber == NULL ||
	    store_client_get(d->db, d->a, amber->id, &c, e) != 0)
		return -1;
	if (signal(d, U_GP, ORG_GP, NULL, c.bsn, amber->birth,
	    "sti_pregnancy,older_partner,drugs_alcohol", "sure",
	    "Op het spreekuur met een soa; vertelde over een 'vriend' van 24 "
	    "die haar drank en wiet geeft.", "06-12345003", ORG_OVERSTAP, -1,
	    d->today - 30, &id, e) != 0 ||
	    store_signal_screen(d->db, d->a, id, "confirmed",
	    d->user[U_COORDINATOR], e) != 0)
		return -1;
	return store_signal_link_client(d->db, d->a, id, amber->id, e);
}
