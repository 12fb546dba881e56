/*
 * recognition.h - the SQL of recognition (DOMAIN.md R13, R17): her
 * registration as a victim with its forms of exploitation and the
 * registration with CoMensha, and exploiter indicators with the other
 * trajectories that hold the same one, and their exports for the police.
 *
 * Runs inside the caller's transaction like every store file.  Values of
 * indicators, their notes and export references are encrypted here; only
 * the keyed hash of an indicator's kind and normal form is compared.
 */
#ifndef DOORLOOP_STORE_RECOGNITION_H
#define DOORLOOP_STORE_RECOGNITION_H

#include "core/indicator.h"
#include "store/voice.h"

/* ---- registration as a victim (R13) ---- */

struct victim_rec {
	char *id, *trajectory_id, *client_id;
	enum victim_status status;
	unsigned forms;			/* bits (1u << enum exploitation_form) */
	dl_date recognised_on;
	char *municipality_id, *municipality_name;
	struct voice_user recorded_by;
	char *created_at;
	dl_date comensha_on;		/* DATE_NONE until registered */
	char *comensha_consent_id;
	enum consent_party comensha_basis;
	int comensha_age;
	struct voice_user comensha_by;
};
/* The registration of a trajectory; ERR_NOT_FOUND (victim.not_registered). */
int store_victim_get(struct db *db, struct arena *a, const char *trajectory_id,
    struct victim_rec *out, struct err *e);
/* Fills v->id and v->created_at; ERR_CONFLICT (victim.registered_already)
 * when the trajectory has one. */
int store_victim_insert(struct db *db, struct arena *a, struct victim_rec *v,
    const char *user_id, struct err *e);
/* Record the registration with CoMensha once; ERR_CONFLICT
 * (victim.comensha_already) when it was recorded before. */
int store_victim_comensha(struct db *db, const char *id, dl_date on,
    const char *consent_id, enum consent_party basis, int age,
    const char *user_id, struct err *e);

/* ---- exploiter indicators (R17) ---- */

/* Another girl's trajectory that holds the same indicator. */
struct indicator_match {
	char *trajectory_id, *client_id;
	char *coordinator_org, *coordinator_name;
	char *recorded_at;
	bool open;			/* her trajectory is open */
};

struct indicator_rec {
	char *id, *trajectory_id, *client_id;
	enum indicator_kind kind;
	char *value, *normal, *note;	/* plaintext after decryption */
	struct voice_user recorded_by;
	char *created_at;
	struct indicator_match *matches;
	size_t nmatches;
	int exports;
	char *last_export_at;
};
/* The live indicators of a trajectory, newest first, each with its matches
 * (other girls' trajectories, whatever their institution or state). */
int store_indicator_list(struct db *db, struct arena *a,
    const char *trajectory_id, struct indicator_rec **out, size_t *n,
    struct err *e);
/* One of them; ERR_NOT_FOUND (indicator.not_found). */
int store_indicator_get(struct db *db, struct arena *a,
    const char *trajectory_id, const char *id, struct indicator_rec *out,
    struct err *e);
/* Insert with i->normal already the core's normal form (an alias is folded
 * here); fills id and created_at.  ERR_CONFLICT (indicator.recorded_already)
 * when the trajectory holds it. */
int store_indicator_insert(struct db *db, struct arena *a,
    struct indicator_rec *i, const char *user_id, struct err *e);

struct indicator_export_rec {
	char *id, *indicator_id;
	enum export_basis basis;
	char *reference, *recipient, *format;
	char *exported_at;
};
int store_indicator_export_insert(struct db *db, struct arena *a,
    struct indicator_export_rec *x, const char *user_id, struct err *e);

#endif
