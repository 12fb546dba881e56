/*
 * retention.h - a file's end and her copy over HTTP (issue 15): her
 * request for early destruction, legal holds (retention.c), and the
 * export of her file and of a trajectory for a transfer (export.c).
 */
#ifndef DOORLOOP_API_RETENTION_H
#define DOORLOOP_API_RETENTION_H

#include "api/api.h"

api_handler api_destruction_list, api_destruction_create,
    api_destruction_decide;
api_handler api_holds_list, api_hold_set, api_hold_lift;
api_handler api_client_export, api_transfer_export;

#endif
