/*
 * signal.c - the checklist of an early signal and its retention rule.
 *
 * The indicators are our own list, written from public Dutch sources on
 * recognising sexual exploitation of minors (Centrum Kinderhandel
 * Mensenhandel, CoMensha, Augeo's signalenlijsten, the Nederlands
 * Jeugdinstituut): each is a sign to talk about, never proof.
 *
 * Invariant: codes are stored as they are written here and never renamed
 * (signal.indicators holds them); a new indicator is appended.
 */
#include "core/signal.h"

#include <stdio.h>
#include <string.h>

#include "util/names.h"

const char *const signal_indicators[] = {
	"older_partner",	/* an older "boyfriend" or friend */
	"gifts_money",		/* expensive gifts, clothes or money without a source */
	"several_phones",	/* several phones or SIM cards, a second account */
	"truancy",		/* truancy, sudden drop at school or work */
	"missing",		/* running away, going missing, nights away */
	"sti_pregnancy",	/* an STI, a pregnancy, a morning-after pill */
	"new_friends",		/* a sudden change of friends, older company */
	"picked_up",		/* picked up or dropped off by cars, taxis */
	"drugs_alcohol",	/* drugs or alcohol, owing for them */
	"sexualised_online",	/* sexualised social media, images going round */
	"self_harm",		/* self-harm, suicidal talk, eating problems */
	"injuries",		/* unexplained injuries or marks, a tattoo as a brand */
	"controlled",		/* someone controls her phone, money or movements */
	"hotels_addresses",	/* seen at hotels, holiday parks, unknown addresses */
	"withdrawn",		/* secretive, withdrawn, afraid, a changed mood */
	"debts",		/* debts or favours she "has to" pay back */
	"other",		/* something else (say it in the text) */
};
const size_t signal_nindicators =
    sizeof signal_indicators / sizeof signal_indicators[0];

uint32_t
signal_indicator_bit(const char *code)
{
	if (code == NULL)
		return 0;
	for (size_t i = 0; i < signal_nindicators; i++)
		if (strcmp(code, signal_indicators[i]) == 0)
			return (uint32_t)1 << i;
	return 0;
}

void
signal_indicators_format(uint32_t mask, char *out, size_t size)
{
	size_t k = 0;

	out[0] = '\0';
	for (size_t i = 0; i < signal_nindicators; i++) {
		if (!(mask & ((uint32_t)1 << i)))
			continue;
		k += (size_t)snprintf(out + k, size > k ? size - k : 0, "%s%s",
		    k ? "," : "", signal_indicators[i]);
	}
}

static const char *const certainties[] = { "unsure", "likely", "sure" };
static const char *const screenings[] = { "confirmed", "suspected",
	"not_found" };

NAMES_DEFINE(signal_certainty, int, certainties, 3)
NAMES_DEFINE(signal_screening, int, screenings, 3)

dl_date
signal_destroy_on(dl_date made, dl_date birth)
{
	dl_date two_years = date_add_months(made, 24);
	dl_date at23;

	if (birth == DATE_NONE)
		return two_years;
	at23 = date_birthday(birth, 23, date_leap_rule());
	return at23 < two_years ? at23 : two_years;
}
