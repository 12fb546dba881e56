/*
 * climate.h - SQL for group climate (DOMAIN.md R15): questionnaires,
 * living groups, rounds, one-time codes, drafts and anonymous responses.
 *
 * A code arrives here only as its keyed hash (the API hashes it).  A
 * finished response has a random id and no link to its code or to a time.
 */
#ifndef DOORLOOP_STORE_CLIMATE_H
#define DOORLOOP_STORE_CLIMATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/climate.h"
#include "core/date.h"
#include "crypto/crypto.h"
#include "util/err.h"
#include "util/id.h"
#include "util/mem.h"

struct db;

struct climate_q_brief {
	char *id, *name, *version, *source;
	int points;
	int nitems;
};

struct climate_item_rec {
	char *id;
	enum climate_variant variant;
	enum climate_theme theme;
	bool reverse;
	int position;
	char *text_nl, *text_en;
};

struct climate_q_rec {
	struct climate_q_brief q;
	char *label_nl[CLIMATE_SCALE_MAX + 1], *label_en[CLIMATE_SCALE_MAX + 1];
	struct climate_item_rec *items;	/* by variant, then position */
	size_t nitems;
};

struct climate_group_rec {
	char *id, *org_id, *name, *location, *created_at;
};

struct climate_round_rec {
	char *id, *group_id, *group_name, *org_id, *questionnaire_id;
	char *questionnaire_name;
	dl_date opens_on, closes_on;
	int codes_issued, codes_spent, responses_girls, responses_staff;
};

struct climate_code_rec {
	char *id, *round_id;
	enum climate_variant variant;
	bool spent;
	struct climate_round_rec round;
};

/* One answer of a finished response (rows ordered by response). */
struct climate_answer_rec {
	char *response_id, *item_id;
	bool staff;
	int value;
};

/* Questionnaires.  Insert: ERR_CONFLICT when name and version exist. */
int store_climate_q_insert(struct db *db, struct arena *a,
    const struct climate_qdef *q, const char *loaded_by,
    char id_out[ID_LEN + 1], struct err *e);
int store_climate_q_list(struct db *db, struct arena *a,
    struct climate_q_brief **out, size_t *n, struct err *e);
/* ERR_NOT_FOUND if absent. */
int store_climate_q_get(struct db *db, struct arena *a, const char *id,
    struct climate_q_rec *out, struct err *e);

/* Living groups of an organisation.  Create: ERR_CONFLICT on a name twice. */
int store_climate_group_create(struct db *db, struct arena *a,
    const char *org_id, const char *name, const char *location,
    const char *by, char id_out[ID_LEN + 1], struct err *e);
int store_climate_groups(struct db *db, struct arena *a, const char *org_id,
    struct climate_group_rec **out, size_t *n, struct err *e);
int store_climate_group_get(struct db *db, struct arena *a, const char *id,
    struct climate_group_rec *out, struct err *e);

/* Rounds: of one group (group_id) or of an organisation (org_id), oldest
 * first. */
int store_climate_round_create(struct db *db, struct arena *a,
    const char *group_id, const char *questionnaire_id, dl_date opens_on,
    dl_date closes_on, const char *by, char id_out[ID_LEN + 1],
    struct err *e);
int store_climate_rounds(struct db *db, struct arena *a, const char *group_id,
    const char *org_id, struct climate_round_rec **out, size_t *n,
    struct err *e);
int store_climate_round_get(struct db *db, struct arena *a, const char *id,
    struct climate_round_rec *out, struct err *e);

/* Codes: hs.v[0], the hash under the current key hs.id[0], is stored.  A
 * hash twice is ERR_CONFLICT. */
int store_climate_code_add(struct db *db, struct arena *a,
    const char *round_id, enum climate_variant variant,
    const struct crypto_hashes *hs, struct err *e);
/* The code with any of the hashes (one per key loaded); ERR_NOT_FOUND for
 * none. */
int store_climate_code_find(struct db *db, struct arena *a,
    const struct crypto_hashes *hs, struct climate_code_rec *out,
    struct err *e);

/* Drafts: the values so far (values[i] for items[i], 0 missing). */
int store_climate_draft_get(struct db *db, struct arena *a,
    const char *code_id, const struct climate_q_rec *q, int *values,
    struct err *e);
/* Set (value 1..7) or clear (0) one answer; ERR_CONFLICT when the code is
 * spent by then (a racing submission waits on the row). */
int store_climate_draft_put(struct db *db, const char *code_id,
    const char *item_id, int value, struct err *e);
/*
 * Finish: spend the code (conditional update: ERR_CONFLICT if spent
 * already), move the draft into a response with a random id, delete the
 * draft.  ERR_INVALID when nothing was answered.
 */
int store_climate_submit(struct db *db, struct arena *a, const char *code_id,
    const char *round_id, bool staff, struct err *e);

/* Every finished answer of a round, ordered by response. */
int store_climate_answers(struct db *db, struct arena *a,
    const char *round_id, struct climate_answer_rec **out, size_t *n,
    struct err *e);

/* The thresholds (settings climate.min_respondents and
 * climate.min_staff_respondents, defaults in core/climate.h). */
int store_climate_thresholds(struct db *db, struct arena *a, int *girls,
    int *staff, struct err *e);

#endif
