/*
 * rules.h - legal-basis coverage and continuity figures of one trajectory
 * (DOMAIN.md R3 and R6).  Pure C, no I/O; results are allocated with
 * xmalloc and released with rules_result_cleanup().
 *
 * Coverage.  A day of the trajectory is covered when some legal basis is in
 * force on it.  A basis is in force from its start to the earlier of its
 * recorded end and its legal end:
 *   - Jeugdwet, OTS, voogdij: the day before the 18th birthday;
 *   - verlengde jeugdhulp: the day before the 23rd birthday;
 *   - machtiging / spoedmachtiging / voorwaardelijke machtiging: 18th
 *     birthday + 6 months - 1 day;
 *   - Wmo, Wlz, Zvw-ggz, criminal law, other: no legal end.
 * A basis or order whose recorded end (or open end) lies past its legal end
 * is never trimmed silently: it yields a FLAG_PAST_LEGAL_END flag naming the
 * legal end date.  Court orders authorise measures but do not fund care, so
 * gaps are computed from legal bases only; orders are checked for flags.
 *
 * Gaps are maximal runs of uncovered days within [trajectory start,
 * trajectory end]; a gap that runs to an open trajectory end has end ==
 * DATE_OPEN.  Gaps in the future (e.g. from the 18th birthday on) are gaps
 * too: they are what the coordinator must see months before.
 */
#ifndef DOORLOOP_RULES_H
#define DOORLOOP_RULES_H

#include <stddef.h>

#include "core/date.h"

enum basis_kind {
	BASIS_JEUGDWET = 0,
	BASIS_VERLENGDE_JEUGDHULP,
	BASIS_WMO,
	BASIS_WLZ,
	BASIS_ZVW_GGZ,
	BASIS_CRIMINAL,
	BASIS_OTHER,
	BASIS__COUNT
};

enum order_kind {
	ORDER_MACHTIGING = 0,		/* machtiging gesloten jeugdhulp */
	ORDER_SPOEDMACHTIGING,
	ORDER_VOORWAARDELIJK,		/* voorwaardelijke machtiging */
	ORDER_OTS,
	ORDER_VOOGDIJ,
	ORDER__COUNT
};

enum care_form {
	FORM_AMBULANT = 0,
	FORM_FAMILY_HOME,
	FORM_OPEN_RESIDENTIAL,
	FORM_SECURE_RESIDENTIAL,
	FORM__COUNT
};

enum team_role {
	TEAM_MAIN_CAREGIVER = 0,
	TEAM_CAREGIVER,
	TEAM_THERAPIST,
	TEAM_GUARDIAN,
	TEAM_OTHER,
	TEAM__COUNT
};

/* Stable identifiers used in the database and the API. */
const char *basis_kind_name(enum basis_kind k);	/* "jeugdwet", "verlengde_jeugdhulp", "wmo", "wlz", "zvw_ggz", "criminal", "other" */
int basis_kind_parse(const char *s, enum basis_kind *out);	/* 0 / -1 */
const char *order_kind_name(enum order_kind k);	/* "machtiging", "spoedmachtiging", "voorwaardelijke_machtiging", "ots", "voogdij" */
int order_kind_parse(const char *s, enum order_kind *out);
const char *care_form_name(enum care_form f);	/* "ambulant", "family_home", "open_residential", "secure_residential" */
int care_form_parse(const char *s, enum care_form *out);
const char *team_role_name(enum team_role r);	/* "main_caregiver", "caregiver", "therapist", "guardian", "other" */
int team_role_parse(const char *s, enum team_role *out);

/* The last day the law lets a basis / order run for someone born on `birth`; DATE_OPEN if none. */
dl_date basis_legal_end(enum basis_kind k, dl_date birth, enum leap_rule rule);
dl_date order_legal_end(enum order_kind k, dl_date birth, enum leap_rule rule);

struct rules_interval {
	dl_date start;
	dl_date end;		/* inclusive; DATE_OPEN when open */
};

struct rules_basis {
	enum basis_kind kind;
	dl_date start, end;
	const char *id;		/* caller's identifier, echoed in flags */
};

struct rules_order {
	enum order_kind kind;
	dl_date start, end;
	const char *id;
};

struct rules_phase {
	enum care_form form;
	const char *provider;	/* organisation id */
	dl_date start, end;
};

struct rules_member {
	const char *user;	/* user id */
	enum team_role role;
	dl_date from, to;
};

struct rules_input {
	dl_date birth;
	dl_date start, end;	/* the trajectory; end DATE_OPEN while open */
	dl_date as_of;		/* "today" for the figures */
	enum leap_rule leap;
	const struct rules_basis *bases; size_t nbases;
	const struct rules_order *orders; size_t norders;
	const struct rules_phase *phases; size_t nphases;	/* any order */
	const struct rules_member *members; size_t nmembers;
};

enum flag_kind {
	FLAG_PAST_LEGAL_END = 0,	/* recorded end (or open end) past the legal end */
	FLAG_END_BEFORE_START		/* defensive: never stored, but reported if seen */
};

struct rules_flag {
	enum flag_kind kind;
	int is_order;		/* 0: basis, 1: court order */
	int kind_index;		/* enum basis_kind or enum order_kind */
	const char *id;		/* the input's id pointer */
	dl_date recorded_end;	/* DATE_OPEN when open-ended */
	dl_date legal_end;
};

struct continuity {
	int transfers;			/* phases after the first (each new placement) */
	int distinct_main_caregivers;
	int days_without_basis;		/* uncovered days from start to min(end, as_of) */
	int days_without_main_caregiver;	/* same span, no main caregiver active */
	dl_date eighteenth_birthday;
	int gap_at_18;			/* 1 if the 18th birthday lies in the trajectory span and is uncovered */
};

struct rules_result {
	struct rules_interval *gaps; size_t ngaps;	/* ascending */
	struct rules_flag *flags; size_t nflags;
	struct continuity figures;
};

/* Compute gaps, flags and figures.  Never fails for valid dates. */
void rules_evaluate(const struct rules_input *in, struct rules_result *out);
void rules_result_cleanup(struct rules_result *r);

/* A Dutch BSN: exactly 9 digits passing the eleven test (elfproef). */
int bsn_valid(const char *s);
/*
 * A break-the-glass reason of real words: at least GLASS_REASON_MIN_CHARS
 * bytes, at least GLASS_REASON_MIN_WORDS words of two or more letters (any
 * non-ASCII byte counts as a letter), at least two different words and
 * GLASS_REASON_MIN_LETTERS different letters, so "aaaaaaaaaa" and
 * "aa aa aa aa aa aa aa" do not pass.
 */
#define GLASS_REASON_MIN_CHARS 20
#define GLASS_REASON_MIN_WORDS 3
#define GLASS_REASON_MIN_LETTERS 6
bool glass_reason_ok(const char *s);

/* True when [a.start,a.end] and [b.start,b.end] share a day. */
int rules_overlap(struct rules_interval a, struct rules_interval b);

#endif
