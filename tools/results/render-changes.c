// SPDX-License-Identifier: GPL-2.0
/*
 * The sections of RESULTS that compare a release with others: "Changes
 * since PREV" and "Known issues" at the top, "Coverage" at the end. The
 * grammar is in Documentation/dev-tools/results.rst; parse-results.c
 * reads them back.
 *
 * As everywhere in RESULTS, a line that names an item carries no count:
 * a count that changes has a line of its own under it.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "summary.h"

/**
 * render_change_item() - an item of a change, on one line
 * @c: the change
 * @out: where it goes, without a line end
 *
 * A failure is "SOURCE STATUS NAME", a diagnostic "TOOL SEVERITY SOURCE
 * CATEGORY FILE: MESSAGE", as its tool's section shows it.
 */
void render_change_item(const struct change *c, struct strbuf *out)
{
	if (!c->diag)
		strbuf_addf(out, "%s %s %s", c->source,
			    test_status_name(c->status), c->name);
	else
		strbuf_addf(out, "%s %s %s %s %s: %s", c->tool,
			    severity_name(c->severity), c->source,
			    c->category, c->file, c->message);
}

static void delta_pair(struct strbuf *out, const char *name,
		       unsigned long a, unsigned long b)
{
	strbuf_addf(out, "%s %lu -> %lu", name, a, b);
}

/**
 * render_delta() - one line of counts before and after
 * @d: the counts of one source
 * @out: where the line goes, with its line end
 */
void render_delta(const struct source_delta *d, struct strbuf *out)
{
	static const char *const names[][4] = {
		[DELTA_TESTS] = { "pass", "fail", "skip", "error" },
		[DELTA_BUILDS] = { "pass", "fail" },
		[DELTA_DIAGS] = { "error", "warning", "info" },
	};
	static const char *const what[] = {
		[DELTA_TESTS] = "tests",
		[DELTA_BUILDS] = "builds",
		[DELTA_DIAGS] = "diagnostics",
	};
	static const int nr[] = { 4, 2, 3 };
	int i;

	strbuf_addf(out, "  %-8s ", d->source);
	delta_pair(out, what[d->what], d->old_total, d->new_total);
	strbuf_addstr(out, ": ");
	for (i = 0; i < nr[d->what]; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		delta_pair(out, names[d->what][i], d->old_v[i], d->new_v[i]);
	}
	strbuf_addch(out, '\n');
}

/**
 * render_change() - one change as RESULTS lists it: "KIND: ITEM", and
 * for "more" the occurrences before and after on a line of their own
 * @c: the change
 * @out: where it goes
 */
void render_change(const struct change *c, struct strbuf *out)
{
	strbuf_addf(out, "  %s: ", change_kind_name(c->kind));
	render_change_item(c, out);
	strbuf_addch(out, '\n');
	if (c->diag && (c->kind == CHANGE_MORE || c->kind == CHANGE_STILL))
		strbuf_addf(out, "      occurrences %lu -> %lu\n",
			    c->old_count, c->new_count);
}

/**
 * render_changes_section() - "Changes since PREV", when compared
 * @s: a finished summary
 * @out: where it goes
 *
 * Counts per source before and after, then what is new, has more
 * occurrences, was fixed, was not checked this time, or no longer ran.
 * What did not change is not listed: "results diff" shows it.
 */
void render_changes_section(const struct summary *s, struct strbuf *out)
{
	const struct summary_ext *x = &s->ext;
	size_t i;

	if (!x->has_changes)
		return;
	strbuf_addf(out, "\nChanges since %s\n", x->prev);
	if (x->prev_missing) {
		strbuf_addf(out, "  no RESULTS in %s: nothing compared\n",
			    x->prev);
		return;
	}
	for (i = 0; i < x->nr_delta; i++)
		render_delta(&x->delta[i], out);
	for (i = 0; i < x->nr_chg; i++)
		if (x->chg[i].kind != CHANGE_STILL &&
		    x->chg[i].kind != CHANGE_KNOWN)
			render_change(&x->chg[i], out);
}

static void render_note(const char *note, struct strbuf *out)
{
	const char *p = note;

	while (*p) {
		const char *e = strchrnul(p, '\n');

		strbuf_addstr(out, "    |");
		if (e > p)
			strbuf_addch(out, ' ');
		strbuf_add(out, p, e - p);
		strbuf_addch(out, '\n');
		p = *e ? e + 1 : e;
	}
}

/**
 * render_known_ref() - a known issue's link and flags, without line end
 * @r: the known issue
 * @out: where it goes
 */
void render_known_ref(const struct known_ref *r, struct strbuf *out)
{
	strbuf_addstr(out, r->link);
	if (r->intermittent)
		strbuf_addstr(out, " intermittent");
	if (r->since)
		strbuf_addf(out, " since %s", r->since);
}

static bool same_ref(const struct known_ref *a, const struct known_ref *b)
{
	return a->link == b->link && a->since == b->since &&
	       a->note == b->note && a->intermittent == b->intermittent;
}

/**
 * render_known_section() - "Known issues", when a known-issues file was
 * given
 * @s: a finished summary
 * @out: where it goes
 *
 * Each known issue that matched: its link and flags, its note, and what
 * it matched, one item a line; then each one that matched nothing.
 */
void render_known_section(const struct summary *s, struct strbuf *out)
{
	const struct summary_ext *x = &s->ext;
	size_t i;

	if (!x->has_known)
		return;
	strbuf_addstr(out, "\nKnown issues\n");
	for (i = 0; i < x->nr_known; i++) {
		const struct known_hit *h = &x->known[i];

		if (!h->seen) {
			strbuf_addstr(out, "  known issue not seen in this release: ");
			render_known_ref(&h->ref, out);
			strbuf_addch(out, '\n');
			if (h->ref.note)
				render_note(h->ref.note, out);
			continue;
		}
		if (!i || !x->known[i - 1].seen ||
		    !same_ref(&x->known[i - 1].ref, &h->ref)) {
			strbuf_addstr(out, "  ");
			render_known_ref(&h->ref, out);
			strbuf_addch(out, '\n');
			if (h->ref.note)
				render_note(h->ref.note, out);
		}
		strbuf_addstr(out, "    ");
		render_change_item(&h->item, out);
		strbuf_addch(out, '\n');
	}
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void render_names(const char *what, const struct nameset *set,
			 struct strbuf *out)
{
	const char **v;
	size_t i;

	if (!set->nr)
		return;
	v = xmalloc(set->nr * sizeof(*v));
	memcpy(v, set->name, set->nr * sizeof(*v));
	qsort(v, set->nr, sizeof(*v), cmp_name);
	for (i = 0; i < set->nr; i++)
		strbuf_addf(out, "    %s %s\n", what, v[i]);
	free(v);
}

/**
 * render_coverage_section() - "Coverage": what each configuration checked
 * @s: a finished summary
 * @out: where it goes
 *
 * One line per directory in which units were compiled or files checked,
 * and one per test suite that ran, sorted: "results diff" tells from it
 * a diagnostic that was fixed from one that was not checked this time.
 */
void render_coverage_section(const struct summary *s, struct strbuf *out)
{
	const struct summary_ext *x = &s->ext;
	size_t i;

	if (!x->nr_cov)
		return;
	strbuf_addstr(out, "\nCoverage\n");
	for (i = 0; i < x->nr_cov; i++) {
		strbuf_addf(out, "  configuration %s\n", x->cov[i].config);
		render_names("dir", &x->cov[i].dirs, out);
		render_names("suite", &x->cov[i].suites, out);
	}
}
