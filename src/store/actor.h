/*
 * actor.h - who acts, as far as the store's access rules need to know:
 * the user, her role, her organisation and (for ROLE_CLIENT) her own
 * client record.  auth/'s principal embeds one (principal.actor), so the
 * store never needs auth/.
 */
#ifndef DOORLOOP_STORE_ACTOR_H
#define DOORLOOP_STORE_ACTOR_H

#include "core/role.h"
#include "util/id.h"

/* The fields, once, so that struct principal can embed them by name too. */
#define ACTOR_FIELDS \
	char user_id[ID_LEN + 1]; \
	enum role role; \
	char org_id[ID_LEN + 1];	/* "" when none */ \
	char client_id[ID_LEN + 1];	/* ROLE_CLIENT: her own client id */

struct actor {
	ACTOR_FIELDS
};

#endif
