// SPDX-License-Identifier: GPL-2.0
/*
 * RESULTS, the plain-text release report. The grammar is documented in
 * Documentation/dev-tools/results.rst; parse-results.c reads it back, and
 * render, read, render gives the same bytes.
 *
 * No line numbers, no wall-clock time, no absolute paths: a RESULTS line
 * changes only when what it reports changes, so git blame stays useful.
 */
#include <string.h>

#include "render.h"
#include "summary.h"

/* The units named on an "included by" line; the rest are counted. */
#define INCLUDERS_SHOWN	3

static const char *const detail_names[] = {
	[DETAIL_FULL] = "full",
	[DETAIL_FAILURES] = "failures",
	[DETAIL_SUMMARY] = "summary",
};

/*
 * A RESULTS that leaves lists out (--detail, --max-lines) says so, so
 * that a reader does not take what is missing for what was not seen.
 */
static void render_abridged(const struct summary *s,
			    const struct text_opts *o, struct strbuf *out)
{
	if (o->detail == DETAIL_FULL && !o->max_lines) {
		/* what was cut before stays cut */
		if (s->abridged)
			strbuf_addstr(out, "  abridged as-read\n");
		return;
	}
	strbuf_addstr(out, "  abridged");
	if (o->detail != DETAIL_FULL)
		strbuf_addf(out, " detail=%s", detail_names[o->detail]);
	if (o->max_lines)
		strbuf_addf(out, " max-lines=%lu", o->max_lines);
	strbuf_addch(out, '\n');
}

/* Whether entry @i of a list is shown; the first left out says how many */
static bool listed(const struct text_opts *o, size_t i, size_t nr,
		   struct strbuf *out)
{
	if (!o->max_lines || i < o->max_lines)
		return true;
	if (i == o->max_lines)
		strbuf_addf(out, "  [... %zu more]\n", nr - i);
	return false;
}

static void render_header(const struct summary *s, const struct text_opts *o,
			  struct strbuf *out)
{
	size_t i, k;

	strbuf_addf(out, "Results for %s\n", s->release ? s->release :
		    "unknown");
	strbuf_addstr(out, "  format   1\n");
	render_abridged(s, o, out);
	strbuf_addf(out, "  commit   %s\n", s->commit ? s->commit :
		    "unknown");
	for (i = 0; i < s->nr_in; i++) {
		const struct input_desc *in = &s->in[i];

		strbuf_addf(out, "  input    %s %s", in->kind, in->name);
		for (k = 0; k < in->nr_label; k++)
			strbuf_addf(out, " %s", in->label[k]);
		strbuf_addch(out, '\n');
	}
	for (i = 0; i < s->nr_tool; i++)
		strbuf_addf(out, "  tool     %s\n", s->tool[i]);
}

static void render_summary(const struct summary *s, struct strbuf *out)
{
	size_t i;

	strbuf_addstr(out, "\nSummary\n");
	for (i = 0; i < s->nr_src; i++) {
		const struct source_counts *c = &s->src[i];
		const unsigned long *t = c->tests, *d = c->diags;

		if (c->has_tests)
			strbuf_addf(out, "  %-8s tests %lu: pass %lu, fail %lu, skip %lu, error %lu\n",
				    c->source,
				    t[TEST_PASS] + t[TEST_FAIL] + t[TEST_SKIP] +
				    t[TEST_ERROR], t[TEST_PASS], t[TEST_FAIL],
				    t[TEST_SKIP], t[TEST_ERROR]);
		if (c->has_builds)
			strbuf_addf(out, "  %-8s builds %lu: pass %lu, fail %lu\n",
				    c->source, c->builds,
				    c->builds - c->builds_failed,
				    c->builds_failed);
		if (c->has_diags)
			strbuf_addf(out, "  %-8s diagnostics %lu: error %lu, warning %lu, info %lu, unique %lu\n",
				    c->source,
				    d[SEV_ERROR] + d[SEV_WARNING] + d[SEV_INFO],
				    d[SEV_ERROR], d[SEV_WARNING], d[SEV_INFO],
				    summary_unique(s, c->source));
		if (c->notices)
			strbuf_addf(out, "  %-8s notices %lu\n", c->source,
				    c->notices);
	}
}

static void render_reason(const char *reason, const struct text_opts *o,
			  struct strbuf *out)
{
	const char *p = reason;
	unsigned long n = 0;

	while (*p) {
		const char *e = strchrnul(p, '\n');

		if (o->excerpt_lines && n++ == o->excerpt_lines) {
			unsigned long more = 1;

			for (; *e; e = strchrnul(e + 1, '\n'))
				if (e[1])
					more++;
			strbuf_addf(out, "    | [... %lu more line%s]\n", more,
				    more == 1 ? "" : "s");
			return;
		}

		strbuf_addstr(out, "    |");
		if (e > p)
			strbuf_addch(out, ' ');
		strbuf_add(out, p, e - p);
		strbuf_addch(out, '\n');
		p = *e ? e + 1 : e;
	}
}

/*
 * A failure of a CI system: what failed on a line of its own, and under
 * it the log and the issues that explain it. A log URL changes with every
 * run; on its own line, it leaves the failure's line, and its blame, alone.
 */
static void render_ci_failure(const struct ci_failure *f, struct strbuf *out)
{
	const char *p;

	strbuf_addf(out, "    %s %s %s\n", f->build ? "build" : "test",
		    test_status_name(f->status), f->name);
	if (f->log)
		strbuf_addf(out, "      log: %s\n", f->log);
	for (p = f->issues; p && *p; ) {
		const char *e = strchrnul(p, '\n');

		strbuf_addstr(out, "      issue: ");
		strbuf_add(out, p, e - p);
		strbuf_addch(out, '\n');
		p = *e ? e + 1 : e;
	}
}

/*
 * What each CI system reported (KCIDB input), in origin order, each with
 * its failed builds and tests; the failures are sorted by origin too.
 */
static void render_origins(const struct summary *s,
			   const struct text_opts *opts, struct strbuf *out)
{
	size_t i, k = 0, first, n;

	if (!s->nr_origin)
		return;
	strbuf_addstr(out, "\nCI systems\n");
	for (i = 0; i < s->nr_origin; i++) {
		const struct origin_counts *o = &s->origin[i];
		const unsigned long *t = o->tests;

		strbuf_addf(out, "  %-8s builds %lu: pass %lu, fail %lu; tests %lu: pass %lu, fail %lu, skip %lu, error %lu\n",
			    o->origin, o->builds, o->builds - o->builds_failed,
			    o->builds_failed,
			    t[TEST_PASS] + t[TEST_FAIL] + t[TEST_SKIP] +
			    t[TEST_ERROR], t[TEST_PASS], t[TEST_FAIL],
			    t[TEST_SKIP], t[TEST_ERROR]);
		for (first = k; k < s->nr_cifail &&
		     s->cifail[k].origin == o->origin; k++)
			;
		if (opts->detail == DETAIL_SUMMARY)
			continue;
		for (n = first; n < k; n++)
			if (listed(opts, n - first, k - first, out))
				render_ci_failure(&s->cifail[n], out);
	}
}

/* "Failures" and "Skips": a test a line, its text or reason under it */
static void render_tests(const char *title, const struct failure *f,
			 size_t nr, const struct text_opts *o,
			 struct strbuf *out)
{
	size_t i;

	if (!nr)
		return;
	strbuf_addf(out, "\n%s\n", title);
	for (i = 0; i < nr && listed(o, i, nr, out); i++) {
		strbuf_addf(out, "  %s %s %s\n", f[i].source,
			    test_status_name(f[i].status), f[i].name);
		if (f[i].reason && *f[i].reason)
			render_reason(f[i].reason, o, out);
	}
}

static void render_failures(const struct summary *s,
			    const struct text_opts *o, struct strbuf *out)
{
	if (o->detail == DETAIL_SUMMARY)
		return;
	render_tests("Failures", s->fail, s->nr_fail, o, out);
	if (o->detail == DETAIL_FULL)
		render_tests("Skips", s->skip, s->nr_skip, o, out);
}

/*
 * An occurrence count goes on a line of its own under the line that says
 * what was seen, and only when it is more than one: a count that changes
 * from one release to the next then leaves the identity line alone, and
 * git blame keeps naming the release that brought it in.
 */
static void render_count(unsigned long count, struct strbuf *out)
{
	if (count > 1) {
		strbuf_addstr(out, "      ");
		strbuf_addul(out, count);
		strbuf_addstr(out, " occurrences\n");
	}
}

/*
 * A header's own warning: the units that include it, on a line of its
 * own like the count, the first few by name.
 */
static void render_includers(const struct diag_group *d, struct strbuf *out)
{
	unsigned long n = diag_includers(d);
	size_t i;

	if (!n)
		return;
	strbuf_addf(out, "      included by %lu unit%s:", n, n == 1 ? "" : "s");
	for (i = 0; d->inc && i < d->inc->nr && i < INCLUDERS_SHOWN; i++)
		strbuf_addf(out, " %s", d->inc->name[i]);
	if (n > i)
		strbuf_addstr(out, " ...");
	strbuf_addch(out, '\n');
}

/*
 * One section per tool, its title counting what it holds; errors come
 * first within it. The diagnostics are sorted by tool already.
 */
/* A group's name as "%s" writes it, NULL too (a group never has one) */
static void add_name(struct strbuf *out, const char *s)
{
	strbuf_addstr(out, s ? s : "(null)");
}

static void render_diags(const struct summary *s, const struct text_opts *o,
			 struct strbuf *out)
{
	size_t i, k;

	for (i = 0; i < s->nr_diag; i = k) {
		const char *tool = s->diag[i].tool;
		unsigned long n[SEV_NR] = { 0 };
		size_t n_all;

		for (k = i; k < s->nr_diag && s->diag[k].tool == tool; k++)
			n[s->diag[k].severity] += s->diag[k].count;
		n_all = k - i;
		strbuf_addf(out, "\n%s: errors %lu, warnings %lu, info %lu, unique %zu\n",
			    tool, n[SEV_ERROR], n[SEV_WARNING], n[SEV_INFO],
			    n_all);
		if (o->detail == DETAIL_SUMMARY)
			continue;
		for (k = i; k < s->nr_diag && s->diag[k].tool == tool; k++) {
			const struct diag_group *d = &s->diag[k];

			if (!listed(o, k - i, n_all, out))
				continue;

			/* "  %s %s %s %s: %s\n", one per group: no printf */
			strbuf_addstr(out, "  ");
			add_name(out, severity_name(d->severity));
			strbuf_addch(out, ' ');
			add_name(out, d->source);
			strbuf_addch(out, ' ');
			add_name(out, d->category);
			strbuf_addch(out, ' ');
			add_name(out, d->file);
			strbuf_addstr(out, ": ");
			add_name(out, d->message);
			strbuf_addch(out, '\n');
			render_count(d->count, out);
			render_includers(d, out);
		}
	}
}

static void render_notices(const struct summary *s,
			   const struct text_opts *o, struct strbuf *out)
{
	size_t i;

	if (!s->nr_notice)
		return;
	strbuf_addstr(out, "\nNotices\n");
	for (i = 0; i < s->nr_notice && listed(o, i, s->nr_notice, out); i++) {
		const struct notice_group *n = &s->notice[i];

		strbuf_addf(out, "  %s %s %s\n", n->source, n->tool,
			    n->message);
		render_count(n->count, out);
	}
}

/**
 * render_text_opts() - write RESULTS
 * @s: a finished summary
 * @o: how much of it; see struct text_opts
 * @out: where the text goes
 */
void render_text_opts(const struct summary *s, const struct text_opts *o,
		      struct strbuf *out)
{
	render_header(s, o, out);
	render_changes_section(s, out);
	render_known_section(s, out);
	render_summary(s, out);
	render_origins(s, o, out);
	render_failures(s, o, out);
	render_diags(s, o, out);
	render_notices(s, o, out);
	if (o->detail == DETAIL_FULL)
		render_coverage_section(s, out);
}

/**
 * render_text() - write the whole RESULTS
 * @s: a finished summary
 * @out: where the text goes
 */
void render_text(const struct summary *s, struct strbuf *out)
{
	static const struct text_opts full;

	render_text_opts(s, &full, out);
}
