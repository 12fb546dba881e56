/*
 * role.c - role names as stored in app_user.role and sent in the API.
 *
 * Invariant: the names here are the CHECK list of app_user.role in
 * 001_init.sql (widened by 011_signal.sql and 014_oversight.sql), in the
 * order of enum role.
 */
#include "core/role.h"

#include <stdlib.h>
#include <string.h>

#include "util/names.h"

static const char *const role_names[ROLE__COUNT] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_COORDINATOR] = "coordinator",
	[ROLE_CAREGIVER] = "caregiver",
	[ROLE_PARTNER] = "partner",
	[ROLE_CLIENT] = "client",
	[ROLE_MUNICIPALITY] = "municipality",
	[ROLE_MONITOR] = "monitor",
	[ROLE_SECURITY_OFFICER] = "security_officer",
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

NAMES_DEFINE(role, enum role, role_names, ROLE__COUNT)

bool
role_needs_approval(enum role r)
{
	return r == ROLE_COORDINATOR || r == ROLE_CAREGIVER ||
	    r == ROLE_PARTNER || r == ROLE_SECURITY_OFFICER;
}

static int
org_kind_index(const char *kind)
{
	return name_index(org_kinds,
	    (int)(sizeof org_kinds / sizeof org_kinds[0]), kind);
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
