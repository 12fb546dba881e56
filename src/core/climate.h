/*
 * climate.h - group climate (DOMAIN.md R15): the themes and variants of a
 * questionnaire, theme scores with reverse items scored back, suppression
 * below the respondent threshold, and the questionnaire file format.
 * Pure computation: libc only.
 *
 * Scoring, per audience (girls, staff) of one round:
 *   - a reverse item's answer v counts as (points + 1 - v);
 *   - a respondent's theme score is the mean of her answered items of that
 *     theme; she counts for the theme when she answered at least half of
 *     the theme's items of her variant (rounded up), else she is missing
 *     for that theme;
 *   - the theme score is the mean of the respondents' theme scores, with
 *     their number and the spread (sample standard deviation; 0 for one);
 *   - nothing is shown below the threshold: the whole audience when it has
 *     fewer respondents, a theme or an item when fewer answered it.
 */
#ifndef DOORLOOP_CORE_CLIMATE_H
#define DOORLOOP_CORE_CLIMATE_H

#include <stdbool.h>
#include <stddef.h>

enum climate_theme { CLIMATE_SUPPORT, CLIMATE_GROWTH, CLIMATE_REPRESSION,
	CLIMATE_ATMOSPHERE, CLIMATE_THEME__COUNT };
enum climate_variant { CLIMATE_GIRL_YOUNG, CLIMATE_GIRL_OLDER, CLIMATE_STAFF,
	CLIMATE_VARIANT__COUNT };

#define CLIMATE_MIN_RESPONDENTS_DEFAULT 5
#define CLIMATE_MIN_STAFF_DEFAULT 3
#define CLIMATE_MIN_BOUND_LOW 3		/* a setting below this is refused */
#define CLIMATE_MIN_BOUND_HIGH 50
#define CLIMATE_SCALE_MIN 2
#define CLIMATE_SCALE_MAX 7

const char *climate_theme_name(enum climate_theme t);
int climate_theme_parse(const char *s, enum climate_theme *out);
const char *climate_variant_name(enum climate_variant v);
int climate_variant_parse(const char *s, enum climate_variant *out);
/* "girls" for both girls' variants, "staff" for staff. */
const char *climate_audience_of(enum climate_variant v);

struct climate_item_def {
	enum climate_variant variant;
	enum climate_theme theme;
	bool reverse;
};

struct climate_stat {
	int n;			/* respondents counted */
	double mean;		/* on the answer scale, reverse items scored back */
	double sd;		/* sample standard deviation */
	bool suppressed;	/* n below the threshold: show nothing */
};

struct climate_result {
	int respondents;
	bool suppressed;	/* fewer respondents than the threshold */
	struct climate_stat theme[CLIMATE_THEME__COUNT];
	struct climate_stat *item;	/* nitems, caller's array */
};

/*
 * Score `nresp` respondents over `nitems` items.  values[r * nitems + i]
 * is respondent r's answer to item i (1..points), 0 when missing; variant
 * of respondent r is rvariant[r].  `item_out` has room for nitems stats.
 * Returns -1 (and scores nothing) for points out of range or a value out
 * of the scale.
 */
int climate_score(const struct climate_item_def *items, size_t nitems,
    int points, const int *values, const enum climate_variant *rvariant,
    size_t nresp, int min_respondents, struct climate_result *out,
    struct climate_stat *item_out);

/*
 * The questionnaire file format (docs/climate-questionnaire.md): UTF-8
 * text, one record per line, fields separated by TAB, '#' starts a
 * comment line, blank lines are skipped:
 *   questionnaire <TAB> NAME <TAB> VERSION <TAB> SOURCE
 *   scale <TAB> POINTS
 *   label <TAB> VALUE <TAB> DUTCH <TAB> ENGLISH       (one per value)
 *   item <TAB> VARIANT <TAB> THEME <TAB> normal|reverse <TAB> DUTCH <TAB> ENGLISH
 * Items keep their order per variant.  Every variant needs at least one
 * item of every theme.
 */
#define CLIMATE_TEXT_MAX 400
#define CLIMATE_ITEMS_MAX 200

struct climate_qitem {
	enum climate_variant variant;
	enum climate_theme theme;
	bool reverse;
	int position;		/* 1-based within its variant */
	char *text_nl, *text_en;
};

struct climate_qdef {
	char *name, *version, *source;
	int points;
	char *label_nl[CLIMATE_SCALE_MAX + 1], *label_en[CLIMATE_SCALE_MAX + 1];
	struct climate_qitem *items;
	size_t nitems;
};

/*
 * Parse `text` (modified in place: the strings point into it).  On error
 * returns -1 with the 1-based line number in *line (0 for a whole-file
 * problem) and a short English message in msg.
 */
int climate_qdef_parse(char *text, struct climate_qdef *q, int *line,
    char *msg, size_t msglen);
void climate_qdef_free(struct climate_qdef *q);

/* The example questionnaire in our own words, in the file format. */
extern const char climate_example_questionnaire[];

#endif
