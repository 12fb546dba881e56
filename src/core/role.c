/*
 * role.c - role names as stored in app_user.role and sent in the API.
 *
 * Invariant: the names here are the CHECK list of app_user.role in
 * 001_init.sql (widened by 014_oversight.sql), in the order of enum role.
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
};

NAMES_DEFINE(role, enum role, role_names, ROLE__COUNT)
