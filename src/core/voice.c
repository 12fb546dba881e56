/*
 * voice.c - pure rules of her voice; see voice.h.
 *
 * Invariants:
 *   1. The age rule for consent lives here only and goes through
 *      date_age(), so the 29-February rule of date.c applies to it too.
 *   2. The life domains are alerts.h's; only "general" is added here.
 */
#include "core/voice.h"

#include "core/alerts.h"
#include "util/names.h"

#include <string.h>

static const char *const party_names[] = { "client", "parents", "both" };

const char *
own_section_name(int section)
{
	if (section < 0 || section >= DOM__COUNT)
		return "general";
	return life_domain_name((enum life_domain)section);
}

int
own_section_parse(const char *s, int *out)
{
	enum life_domain d;

	if (s != NULL && strcmp(s, "general") == 0) {
		*out = OWN_GENERAL;
		return 0;
	}
	if (s == NULL || life_domain_parse(s, &d) != 0)
		return -1;
	*out = (int)d;
	return 0;
}

NAMES_DEFINE(consent_party, enum consent_party, party_names,
    CONSENT_BOTH + 1)

enum consent_party
consent_required(dl_date birth, dl_date on, bool registration,
    enum leap_rule rule)
{
	int age = date_age(birth, on, rule);

	if (age >= CONSENT_AGE_ALONE)
		return CONSENT_CLIENT;
	if (age >= CONSENT_AGE_TOGETHER && !registration)
		return CONSENT_BOTH;
	return CONSENT_PARENTS;
}

double
promise_share_kept(const struct promise_tally *t)
{
	int due = t->kept + t->broken + t->overdue;

	if (due <= 0)
		return -1;
	return (double)t->kept / (double)due;
}
