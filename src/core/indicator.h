/*
 * indicator.h - the pure rules of recognition (DOMAIN.md R13, R17): the
 * kinds of exploiter indicator and their normal forms for matching, the
 * legal grounds of an export to the police, a victim's status and forms
 * of exploitation, and whether a consent record covers a registration
 * with CoMensha.  No I/O.
 */
#ifndef DOORLOOP_CORE_INDICATOR_H
#define DOORLOOP_CORE_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/voice.h"

enum indicator_kind { IND_ALIAS, IND_PHONE, IND_HANDLE, IND_PLATE,
	IND_ADDRESS, IND__COUNT };
const char *indicator_kind_name(enum indicator_kind k);	/* "alias", "phone", ... */
int indicator_kind_parse(const char *s, enum indicator_kind *out);

#define INDICATOR_VALUE_MAX 200		/* characters typed, at most */
#define INDICATOR_NORM_MAX 128		/* bytes of a normal form with its NUL */

/*
 * The normal form of `in` as an indicator of kind `k`, into `out`; 0, or
 * -1 when it is not a usable value of that kind:
 *   phone    international: +31612345678 from 06-12345678, 0031 6 ...,
 *            +31 (0)6 ..., 020-1234567; other countries from +CC or 00CC
 *   plate    capitals and digits only: "ab-12-cd" -> "AB12CD"
 *   handle   lower case, no @, no platform address before it:
 *            "https://www.instagram.com/Jan.B/" -> "jan.b"
 *   address  Dutch postcode, house number and addition:
 *            "Dorpsstraat 5a, 1234 ab Lindeveen" -> "1234AB5A";
 *            a numeric addition keeps a dash: "12-3" -> "1234AB12-3"
 *   alias    lower case (ASCII), white space collapsed, trimmed
 */
int indicator_normalise(enum indicator_kind k, const char *in,
    char out[INDICATOR_NORM_MAX]);

/* The legal ground an export for the police rests on. */
enum export_basis { EXP_PROSECUTOR_ORDER, EXP_CONFLICT_OF_DUTIES,
	EXP_CONSENT, EXP_COVENANT, EXP__COUNT };
const char *export_basis_name(enum export_basis b);
int export_basis_parse(const char *s, enum export_basis *out);

/* Registration as a victim (R13). */
enum victim_status { VICTIM_POSSIBLE, VICTIM_CONFIRMED, VICTIM__COUNT };
const char *victim_status_name(enum victim_status s);
int victim_status_parse(const char *s, enum victim_status *out);

/* Forms of exploitation (CoMensha's categories, sexual exploitation split). */
enum exploitation_form { EXPL_SEXUAL_NL, EXPL_SEXUAL_CROSS_BORDER,
	EXPL_SEXUAL_ONLINE, EXPL_CRIMINAL, EXPL_LABOUR, EXPL_OTHER,
	EXPL__COUNT };
const char *exploitation_form_name(enum exploitation_form f);
int exploitation_form_parse(const char *s, enum exploitation_form *out);

/* Whether a consent of kind "registration" covers a registration on `on`. */
enum registration_consent { REGC_OK, REGC_NOT_YET_GIVEN, REGC_WITHDRAWN,
	REGC_WRONG_PARTY };
/*
 * A consent given by `basis` on `given` (withdrawn on `withdrawn`, or
 * DATE_NONE) covers a registration of someone born on `birth` on `on` when
 * it was given on or before `on`, not withdrawn by then, and signed by the
 * party the registration rule needs on `on` (parents below 16, herself
 * from 16; "both" includes either).  The day of her 16th birthday is hers.
 */
enum registration_consent registration_consent_check(dl_date birth,
    dl_date on, enum consent_party basis, dl_date given, dl_date withdrawn,
    enum leap_rule rule);

#endif
