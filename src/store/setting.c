/*
 * setting.c - the installation's settings (table setting: name, value),
 * and the settings of the access rules with their defaults and bounds.
 *
 * Invariants:
 *   1. A setting is read per request, so every server process sees a
 *      change from its next request on; unset means the default.
 *   2. A stored value outside its bounds (written by hand) is not used:
 *      the default is, so a typo never widens access.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "core/climate.h"
#include "core/suppress.h"
#include "store/common.h"

const struct store_setting_info store_setting_infos[] = {
	/* a user's logged-in sessions at once; a new one ends the oldest */
	{ "auth.max_sessions", 10, 1, 100, "sessions" },
	/* 1: every staff account must log in in two steps (TOTP); 0: optional */
	{ "auth.totp_required", 1, 0, 1, "0/1" },
	/* days a partner keeps access after her last placement there ended */
	{ "access.partner_grace_days", 0, 0, 365, "days" },
	/* group climate: fewest girls / staff whose scores may be shown (R15) */
	{ "climate.min_respondents", CLIMATE_MIN_RESPONDENTS_DEFAULT,
	    CLIMATE_MIN_BOUND_LOW, CLIMATE_MIN_BOUND_HIGH, "respondents" },
	{ "climate.min_staff_respondents", CLIMATE_MIN_STAFF_DEFAULT,
	    CLIMATE_MIN_BOUND_LOW, CLIMATE_MIN_BOUND_HIGH, "respondents" },
	/* figures: a count below this is shown as "< N" and never sent (R14) */
	{ "figures.min_cell", SUP_MIN_CELL_DEFAULT, SUP_MIN_CELL_MIN,
	    SUP_MIN_CELL_MAX, "girls" },
	/* retention (R16; DOMAIN.md legal facts): a file is destroyed this many
	 * years after care ended, never fewer than the Jeugdwet's 20 */
	{ "retention.years", 20, 20, 115, "years" },
	/* a file with a court order: its own term, used when longer */
	{ "retention.court_order_years", 20, 20, 115, "years" },
	/* her written request is carried out within this many months */
	{ "retention.request_months", 3, 1, 3, "months" },
	/* someone born on 29 February: 0 = birthday on 1 March, 1 = on 28 February */
	{ "date.leap_feb28", 0, 0, 1, "0 = 1 March, 1 = 28 February" },
	/* break the glass: minutes an emergency access lasts */
	{ "glass.minutes", 60, 5, 1440, "minutes" },
	/* the security officer's report: one user opening at least this many
	 * different girls' files within audit.unusual_minutes is unusual */
	{ "audit.unusual_reads", 20, 2, 10000, "girls" },
	{ "audit.unusual_minutes", 60, 1, 1440, "minutes" },
};
const size_t store_nsettings =
    sizeof store_setting_infos / sizeof store_setting_infos[0];

const struct store_setting_info *
store_setting_find(const char *name)
{
	for (size_t i = 0; i < store_nsettings; i++)
		if (strcmp(store_setting_infos[i].name, name) == 0)
			return &store_setting_infos[i];
	return NULL;
}

int
store_setting_parse(const struct store_setting_info *in, const char *value,
    int *out)
{
	char *end = NULL;
	long v;

	if (value == NULL || *value == '\0')
		return -1;
	v = strtol(value, &end, 10);
	if (*end != '\0' || v < in->min || v > in->max)
		return -1;
	*out = (int)v;
	return 0;
}

int
store_setting_int(struct db *db, struct arena *a, const char *name,
    int *out, struct err *e)
{
	const struct store_setting_info *in = store_setting_find(name);
	char *value = NULL;

	if (in == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "unknown setting %s", name);
	*out = in->dflt;
	if (store_setting_get(db, a, name, &value, e) != 0)
		return -1;
	if (value != NULL && store_setting_parse(in, value, out) != 0)
		*out = in->dflt;
	return 0;
}

int
store_setting_get(struct db *db, struct arena *a, const char *name,
    char **value, struct err *e)
{
	*value = NULL;
	return store_one(db, a, e, "SELECT value FROM setting WHERE name = ?",
	    "s", "s", name, value) < 0 ? -1 : 0;
}

int
store_setting_delete(struct db *db, const char *name, struct err *e)
{
	return store_exec(db, NULL, e, "DELETE FROM setting WHERE name = ?",
	    "s", name) < 0 ? -1 : 0;
}

int
store_setting_put(struct db *db, const char *name, const char *value,
    struct err *e)
{
	if (store_setting_delete(db, name, e) != 0)
		return -1;
	return store_exec(db, NULL, e, "INSERT INTO setting (name, value) "
	    "VALUES (?, ?)", "ss", name, value) < 0 ? -1 : 0;
}
