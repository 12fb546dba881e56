/*
 * role.c - role names as stored in app_user.role and sent in the API.
 *
 * Invariant: the names here are the CHECK list of app_user.role in
 * 001_init.sql (widened by 014_oversight.sql), in the order of enum role.
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
	[ROLE_SECURITY_OFFICER] = "security_officer",
};

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
