/*
 * signal.h - early signals from every domain (DOMAIN.md R12): a reporter
 * records a signal and sees her own with their match notices; the
 * coordinator of the institution it is referred to screens it and
 * registers the girl from it.
 */
#ifndef DOORLOOP_API_SIGNAL_H
#define DOORLOOP_API_SIGNAL_H

#include "api/api.h"

api_handler api_signals_list, api_signals_create, api_signal_get,
    api_signal_refer, api_signal_screen, api_signal_intake;

#endif
