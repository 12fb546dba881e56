/*
 * demo_figures.c - more girls for the municipality figures (DOMAIN.md
 * R13, R14), so that the demo officer of Lindeveen reads real numbers and
 * the monitor has something to flag: in Lindeveen girls who turned 18
 * this year with a gap and without, girls in care of every age, transfers,
 * changes of main caregiver, reviews, girls who left care with aftercare,
 * signals this quarter (most matched to the girl, two naming only the
 * municipality); in Westerhaven a few girls, five of whom turned 18 with a
 * gap, and signals this quarter.  They are
 * coordinated by Jeugdzorg Het Baken, which has no demo coordinator, so no
 * demo log-in's worklist changes (their main caregiver is mentor.eva of
 * Het Baken, who is not among the log-ins the README names).  Dates are
 * relative to today; no names, BSNs or free text.
 */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "cli/figures_gen.h"
#include "core/alerts.h"

static dl_date
born_for(dl_date eighteenth)
{
	int y, m, d;

	date_to_ymd(eighteenth, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	return date_from_ymd(y - 18, m, d);
}

static void
base(struct demo *d, struct figgen_girl *g, int muni, const char *tag,
    int i)
{
	memset(g, 0, sizeof *g);
	g->pseudonym = arena_printf(d->a, "Cijfers-%s-%02d", tag, i + 1);
	g->municipality = d->org[muni];
	g->coordinator = d->org[ORG_BAKEN];
	g->provider = d->org[ORG_BAKEN];
	g->end = DATE_NONE;
	for (int k = 0; k < 4; k++)
		g->reviews[k] = DATE_NONE;
	for (int k = 0; k < 3; k++)
		g->mains[k] = DATE_NONE;
	g->review_months = 3;
	g->aftercare_due = DATE_NONE;
}

static const char *const forms[4] = { "open_residential", "family_home",
	"secure_residential", "ambulant" };

/* She turned 18 on `b18` this year; with a gap unless `bridged`. */
static void
turned18(struct demo *d, struct figgen_girl *g, dl_date b18, bool bridged,
    int i)
{
	g->birth = born_for(b18);
	g->start = date_add_months(b18, -24);
	g->phases[0] = (struct figgen_span){ forms[i % 4], g->start, DATE_NONE,
		i % 4 == 2 };
	g->bases[0] = (struct figgen_span){ "jeugdwet", g->start, b18 - 1,
		false };
	if (bridged)
		g->bases[1] = (struct figgen_span){ "verlengde_jeugdhulp", b18,
			DATE_NONE, false };
	/* safety is settled for most; housing and income are what is left */
	g->settled = (1u << DOM_SAFETY) | (i % 3 == 0 ? 1u << DOM_EDUCATION : 0);
	g->reviews[0] = d->today - 40 - i;
}

int
demo_figures(struct demo *d, struct err *e)
{
	struct figgen *gen;
	struct figgen_girl g;
	int y, m, dd, i;
	dl_date jan1, span, qstart;

	date_to_ymd(d->today, &y, &m, &dd);
	jan1 = date_from_ymd(y, 1, 1);
	span = d->today - jan1;
	qstart = date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1);
#define SIGNAL(linked, k, n) do { g.reporter = d->user[U_TEACHER]; \
	g.reporter_org = d->org[ORG_SCHOOL]; g.signal_linked = (linked); \
	g.signal_on = qstart + (d->today - qstart) * ((k) + 1) / ((n) + 1); \
	} while (0)
	if (figgen_open(d->db, &gen, e) != 0)
		return -1;
#define W() do { if (figgen_write(gen, d->a, &g, e) != 0) goto fail; } while (0)
	/* Lindeveen: 8 turned 18 this year with a gap, 6 without */
	for (i = 0; i < 14; i++) {
		base(d, &g, ORG_LINDEVEEN, "LV", i);
		turned18(d, &g, jan1 + span * (i + 1) / 15, i >= 8, i);
		W();
	}
	/* Lindeveen: 14 girls of 13 to 17 in care, most moved once */
	for (i = 0; i < 14; i++) {
		dl_date start = d->today - 400 - 10 * i;

		base(d, &g, ORG_LINDEVEEN, "LV", 14 + i);
		g.birth = date_add_months(d->today, -12 * (13 + i % 5) - i);
		g.start = start;
		g.phases[0] = (struct figgen_span){ "ambulant", start,
			start + 150, false };
		if (i % 4 != 3)
			g.phases[1] = (struct figgen_span){ forms[i % 3],
				start + 151, DATE_NONE, i % 3 == 2 };
		else
			g.phases[0].end = DATE_NONE;
		g.bases[0] = (struct figgen_span){ "jeugdwet", start, DATE_NONE,
			false };
		g.settled = i % 2 ? 1u << DOM_SAFETY : 0;
		g.reviews[0] = d->today - 200 - i;
		g.reviews[1] = d->today - 100 + (i % 3) * 10;
		/* a main caregiver from the start; for most a new one this year */
		g.caregiver = d->user[U_MENTOR3];
		g.mains[0] = start;
		if (i % 5 != 4)
			g.mains[1] = jan1 + span * (i + 1) / 16;
		/* signals this quarter: six led to her registration, two
		 * name only Lindeveen */
		if (i < 8)
			SIGNAL(i < 6, i, 8);
		W();
	}
	/* Lindeveen: 6 girls of 20 left care this year, with aftercare */
	for (i = 0; i < 6; i++) {
		base(d, &g, ORG_LINDEVEEN, "LV", 28 + i);
		g.birth = date_add_months(d->today, -12 * 20 - 3 * i);
		g.start = date_add_months(d->today, -40);
		g.end = jan1 + span * (i + 1) / 8;
		g.phases[0] = (struct figgen_span){ "family_home", g.start, g.end,
			false };
		g.bases[0] = (struct figgen_span){ "verlengde_jeugdhulp", g.start,
			g.end, false };
		g.settled = 0x1ff;
		g.aftercare_due = g.end + 30;
		g.aftercare_state = g.aftercare_due > d->today ? 2 : i % 2;
		W();
	}
	/* Westerhaven: 5 turned 18 with a gap, 7 in care */
	for (i = 0; i < 12; i++) {
		base(d, &g, ORG_WESTERHAVEN, "WH", i);
		if (i < 5) {
			turned18(d, &g, jan1 + span * (i + 1) / 6, false, i);
		} else {
			g.birth = date_add_months(d->today, -12 * (15 + i % 3) - i);
			g.start = d->today - 300;
			g.phases[0] = (struct figgen_span){ forms[i % 4], g.start,
				DATE_NONE, false };
			g.bases[0] = (struct figgen_span){ "jeugdwet", g.start,
				DATE_NONE, false };
			/* signals this quarter, all but one matched */
			SIGNAL(i != 11, i - 5, 7);
		}
		W();
	}
#undef W
#undef SIGNAL
	if (figgen_flush(gen, e) != 0)
		goto fail;
	figgen_close(gen);
	return 0;
fail:
	figgen_close(gen);
	return -1;
}
