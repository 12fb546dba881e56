/*
 * actor.h - who acts, as far as the store's access rules need to know:
 * the user, her role, her organisation and (for ROLE_CLIENT) her own
 * client record, and whether her access to client data still waits for
 * a second person's approval (then she has none).  auth/'s principal embeds one (principal.actor), so the
 * store never needs auth/.
 */
#ifndef DOORLOOP_STORE_ACTOR_H
#define DOORLOOP_STORE_ACTOR_H

#include <stdbool.h>

#include "core/role.h"
#include "util/id.h"

/* The fields, once, so that struct principal can embed them by name too. */
#define ACTOR_FIELDS \
	char user_id[ID_LEN + 1]; \
	enum role role; \
	char org_id[ID_LEN + 1];	/* "" when none */ \
	char client_id[ID_LEN + 1];	/* ROLE_CLIENT: her own client id */ \
	bool access_pending;	/* client access awaits a second person (018) */

struct actor {
	ACTOR_FIELDS
};

#endif
