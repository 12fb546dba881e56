/*
 * recognition.h - handlers of recognition (DOMAIN.md R13, R17): her
 * registration as a victim with the registration at CoMensha, and
 * exploiter indicators with their matches in other trajectories and the
 * export of an indicator's overview for the police.
 *
 * Every handler opens the access gate (gate.h): the coordinator of her
 * institution writes the registration, her team and she herself read it;
 * indicators are the coordinators' alone (a caregiver, partner or the girl
 * is refused 403), and a match names another girl only to a caller who may
 * open that girl's file (her coordinator, her team, break the glass).
 */
#ifndef DOORLOOP_API_RECOGNITION_H
#define DOORLOOP_API_RECOGNITION_H

#include "api/voice.h"

api_handler api_victim_get, api_victim_create, api_victim_comensha;
api_handler api_indicators_list, api_indicators_create, api_indicator_get,
    api_indicator_export;

#endif
