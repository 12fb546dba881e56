/*
 * climate.h - handlers of group climate (DOMAIN.md R15): a coordinator's
 * living groups, rounds, codes, reports, trends and institution overview,
 * and the public, account-less answering with a one-time code.
 */
#ifndef DOORLOOP_API_CLIMATE_H
#define DOORLOOP_API_CLIMATE_H

#include "api/api.h"
#include "crypto/crypto.h"

/* Coordinator of an institution; every read and write audited. */
int api_climate_questionnaires(struct api_req *, struct api_resp *, struct err *);
int api_climate_groups(struct api_req *, struct api_resp *, struct err *);
int api_climate_group_create(struct api_req *, struct api_resp *, struct err *);
int api_climate_round_create(struct api_req *, struct api_resp *, struct err *);
int api_climate_trend(struct api_req *, struct api_resp *, struct err *);
int api_climate_codes(struct api_req *, struct api_resp *, struct err *);
int api_climate_report(struct api_req *, struct api_resp *, struct err *);
int api_climate_overview(struct api_req *, struct api_resp *, struct err *);

/* Public: the code is the only credential; nothing is audited by person. */
int api_climate_answer_start(struct api_req *, struct api_resp *, struct err *);
int api_climate_answer_save(struct api_req *, struct api_resp *, struct err *);
int api_climate_answer_finish(struct api_req *, struct api_resp *, struct err *);

/* A fresh code of two groups of five characters (50 random bits) and its
 * keyed hashes (one per key loaded, the current first); climate_code_hashes normalises
 * (upper case, no spaces or dashes) and returns -1 for a string that is
 * no code. */
#define CLIMATE_CODE_LEN 11
void climate_code_new(char code[CLIMATE_CODE_LEN + 1]);
int climate_code_hashes(const char *code, struct crypto_hashes *out);

#endif
