/*
 * cont_impl.h - small helpers shared by the continuity store files
 * (transition.c, handover.c, domain.c, review.c, aftercare.c,
 * worklist.c).  Private to src/store/.
 */
#ifndef DOORLOOP_STORE_CONT_IMPL_H
#define DOORLOOP_STORE_CONT_IMPL_H

#include <string.h>

#include "db/db.h"
#include "store/common.h"
#include "store/continuity.h"
#include "util/id.h"

#endif
