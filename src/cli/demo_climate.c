/*
 * demo_climate.c - the demo's group climate (DOMAIN.md R15): the example
 * questionnaire, two living groups of Stichting De Overstap and their
 * rounds, answered through the same store calls as a phone would:
 *   - "De Vlinder": two earlier rounds (seven girls and three staff each),
 *     so that a round the coordinator opens has a previous round and a
 *     trend beside it;
 *   - "Het Kompas": a round open now in which only three girls (and two
 *     staff) answered, so that it shows no scores at all.
 * Answers are deterministic, so the demo's figures are the same each time.
 */
#include <string.h>

#include "api/climate.h"
#include "cli/cli.h"
#include "cli/demo.h"
#include "store/climate.h"

#define TRY(x) do { if ((x) != 0) return -1; } while (0)

/* One respondent: a mood from 1 (poor climate) to 5 (good), varied per item. */
static int
demo_value(int mood, int r, size_t i, bool reverse, enum climate_theme t)
{
	int v = mood + (int)((r * 7 + (int)i * 3) % 3) - 1;

	if (t == CLIMATE_REPRESSION)
		v = 6 - v;	/* a good climate is low on repression */
	if (v < 1)
		v = 1;
	if (v > 5)
		v = 5;
	return reverse ? 6 - v : v;
}

static int
respond(struct demo *d, const struct climate_q_rec *q, const char *round_id,
    enum climate_variant variant, int mood, int r, struct err *e)
{
	struct climate_code_rec c;
	char code[CLIMATE_CODE_LEN + 1];
	struct crypto_hashes hs;

	climate_code_new(code);
	(void)climate_code_hashes(code, &hs);
	TRY(store_climate_code_add(d->db, d->a, round_id, variant, &hs, e));
	TRY(store_climate_code_find(d->db, d->a, &hs, &c, e));
	for (size_t i = 0; i < q->nitems; i++) {
		const struct climate_item_rec *it = &q->items[i];

		if (it->variant != variant)
			continue;
		/* Now and then a question left open. */
		if ((r + (int)i) % 11 == 5)
			continue;
		TRY(store_climate_draft_put(d->db, c.id, it->id,
		    demo_value(mood, r, i, it->reverse, it->theme), e));
	}
	return store_climate_submit(d->db, d->a, c.id, round_id,
	    variant == CLIMATE_STAFF, e);
}

static int
demo_round(struct demo *d, const struct climate_q_rec *q, const char *group,
    int opens, int closes, int girls, int staff, int mood, struct err *e)
{
	char id[ID_LEN + 1];

	TRY(store_climate_round_create(d->db, d->a, group, q->q.id,
	    d->today + opens, d->today + closes, d->user[U_COORDINATOR], id, e));
	for (int r = 0; r < girls; r++)
		TRY(respond(d, q, id, r % 2 ? CLIMATE_GIRL_OLDER :
		    CLIMATE_GIRL_YOUNG, mood + (r % 3 == 0 ? -1 : 0), r, e));
	for (int r = 0; r < staff; r++)
		TRY(respond(d, q, id, CLIMATE_STAFF, mood, r + 1, e));
	return 0;
}

int
demo_climate(struct demo *d, struct err *e)
{
	struct climate_q_rec q;
	char qid[ID_LEN + 1], vlinder[ID_LEN + 1], kompas[ID_LEN + 1];
	int line;

	TRY(cli_climate_load_text(d->db, d->a, climate_example_questionnaire,
	    d->user[U_ADMIN], qid, &line, e));
	TRY(store_climate_q_get(d->db, d->a, qid, &q, e));
	TRY(store_climate_group_create(d->db, d->a, d->org[ORG_OVERSTAP],
	    "De Vlinder", "Hoofdlocatie, Lindeveen", d->user[U_COORDINATOR],
	    vlinder, e));
	TRY(store_climate_group_create(d->db, d->a, d->org[ORG_OVERSTAP],
	    "Het Kompas", "Locatie Rivierland", d->user[U_COORDINATOR], kompas,
	    e));
	TRY(demo_round(d, &q, vlinder, -190, -176, 7, 3, 3, e));
	TRY(demo_round(d, &q, vlinder, -100, -86, 7, 3, 4, e));
	TRY(demo_round(d, &q, kompas, -10, 4, 3, 2, 4, e));
	return 0;
}
