/*
 * role.c - role names as stored in app_user.role and sent in the API.
 *
 * Invariant: the names here are the CHECK list of app_user.role in
 * 001_init.sql (widened by 011_signal.sql), in the order of enum role.
 */
#include "core/role.h"

#include <stdlib.h>
#include <string.h>

static const char *const role_names[ROLE__COUNT] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_COORDINATOR] = "coordinator",
	[ROLE_CAREGIVER] = "caregiver",
	[ROLE_PARTNER] = "partner",
	[ROLE_CLIENT] = "client",
	[ROLE_MUNICIPALITY] = "municipality",
	[ROLE_MONITOR] = "monitor",
	[ROLE_REPORTER] = "reporter",
};

/* The CHECK list of organisation.kind (011_signal.sql); reporting kinds
 * from the first reporting one on. */
static const char *const org_kinds[] = {
	"institution", "municipality", "other",
	"school", "police", "gp", "debt_help", "housing", "youth_care",
	"neighbourhood_team",
};
#define FIRST_REPORTING 3

const char *
role_name(enum role r)
{
	if ((unsigned)r >= ROLE__COUNT)
		abort();
	return role_names[r];
}

int
role_parse(const char *s, enum role *out)
{
	if (s == NULL)
		return -1;
	for (int i = 0; i < ROLE__COUNT; i++) {
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum role)i;
			return 0;
		}
	}
	return -1;
}

static int
org_kind_index(const char *kind)
{
	if (kind == NULL)
		return -1;
	for (size_t i = 0; i < sizeof org_kinds / sizeof org_kinds[0]; i++)
		if (strcmp(kind, org_kinds[i]) == 0)
			return (int)i;
	return -1;
}

bool
org_kind_valid(const char *kind)
{
	return org_kind_index(kind) >= 0;
}

bool
org_kind_reports(const char *kind)
{
	return org_kind_index(kind) >= FIRST_REPORTING ||
	    (kind != NULL && strcmp(kind, "other") == 0);
}
