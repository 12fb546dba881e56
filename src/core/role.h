/*
 * role.h - the roles a user of Doorloop has: domain terms that the access
 * rules (store/), log-in (auth/) and the API all speak of.
 */
#ifndef DOORLOOP_CORE_ROLE_H
#define DOORLOOP_CORE_ROLE_H

#include <stdbool.h>

enum role {
	ROLE_ADMIN = 0,		/* users and organisations, no client data */
	ROLE_COORDINATOR,	/* every trajectory her institution coordinates */
	ROLE_CAREGIVER,		/* clients whose team she is on */
	ROLE_PARTNER,		/* only the phases her organisation delivers */
	ROLE_CLIENT,		/* her own record */
	ROLE_MUNICIPALITY,	/* figures for its own municipality only */
	ROLE_MONITOR,		/* figures, all municipalities */
	ROLE_SECURITY_OFFICER,	/* oversight of access: no client content */
	ROLE_REPORTER,		/* staff of a school, police, GP, ...: records signals (R12) */
	ROLE__COUNT
};
const char *role_name(enum role r);		/* "admin", "coordinator", ... */
int role_parse(const char *s, enum role *out);	/* 0 / -1 */
/* A role whose new account (or whose holder's new password) gives access
 * to client data - coordinator, caregiver, partner - or the power to
 * approve such access (security_officer): it takes effect only when a
 * second person approved it (four eyes, migration 018). */
bool role_needs_approval(enum role r);

/* An organisation's kind as stored in organisation.kind: a care
 * institution, a municipality, "other", or one of the domains whose staff
 * report signals (school, police, gp, debt_help, housing, youth_care,
 * neighbourhood_team). */
bool org_kind_valid(const char *kind);
/* A kind whose staff may have the role reporter. */
bool org_kind_reports(const char *kind);

#endif
