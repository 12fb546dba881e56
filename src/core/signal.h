/*
 * signal.h - an early signal's pure vocabulary (DOMAIN.md R12): the
 * indicators of the checklist, how sure a reporter is, the screening
 * outcomes and the retention rule.  The labels and explanations shown to a
 * reporter live in the web app (web/js/i18n/signal-nl.js, signal-en.js).
 */
#ifndef DOORLOOP_CORE_SIGNAL_H
#define DOORLOOP_CORE_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

/* The checklist, in the order a form shows it. */
extern const char *const signal_indicators[];
extern const size_t signal_nindicators;

/* The bit of one indicator code, 0 if unknown. */
uint32_t signal_indicator_bit(const char *code);
/* The codes of `mask` as a comma-separated list in checklist order, into
 * out (size at least SIGNAL_INDICATORS_MAX). */
#define SIGNAL_INDICATORS_MAX 512
void signal_indicators_format(uint32_t mask, char *out, size_t size);

/* "unsure", "likely", "sure": 0 / -1; a name out of range aborts
 * (util/names.h). */
int signal_certainty_parse(const char *s, int *out);
const char *signal_certainty_name(int c);
/* "confirmed", "suspected", "not_found": 0 / -1. */
int signal_screening_parse(const char *s, int *out);
const char *signal_screening_name(int s);

/* R12 retention: the first day a signal made on `made` about a girl born
 * on `birth` (DATE_NONE when unknown) is destroyed: two years after it
 * was made or her 23rd birthday, whichever comes first. */
dl_date signal_destroy_on(dl_date made, dl_date birth);

#endif
