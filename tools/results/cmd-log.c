// SPDX-License-Identifier: GPL-2.0
/*
 * results log [RANGE]: the tagged releases of a range, oldest first, one
 * line each with its counts per source and its biggest change since the
 * release before; then the tests whose status flips from release to
 * release, and last a text trend.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "compare.h"
#include "git.h"
#include "strbuf.h"

static const char log_usage[] =
"usage: results log [--match PATTERN] [RANGE]\n"
"\n"
"One line per tagged release in RANGE (default: HEAD), oldest first: its\n"
"counts per source, what changed since the release before it and the\n"
"biggest change. Then the tests whose status flips across releases\n"
"(unstable), and a text trend.\n"
"\n"
"  --match PATTERN     only tags matching PATTERN (glob), e.g. 'v6.1.*'\n"
"  -h, --help          show this help\n";

struct rel {
	const char *tag;		/* interned */
	bool have;			/* it has RESULTS */
	bool note;			/* in a note, not in the tree */
	struct summary s;
};

struct rels {
	struct rel *v;
	size_t nr, alloc;
};

static void add_tags(struct rels *r, const char *deco, const char *pattern)
{
	const char *p = deco;

	while ((p = strstr(p, "tag: "))) {
		size_t n;
		char *tag;

		p += 5;
		n = strcspn(p, ",");
		tag = xstrndup(p, n);
		if (!pattern || !fnmatch(pattern, tag, 0)) {
			ALLOC_GROW(r->v, r->nr + 1, r->alloc);
			memset(&r->v[r->nr], 0, sizeof(r->v[0]));
			r->v[r->nr].tag = intern(tag);
			summary_init(&r->v[r->nr].s);
			r->nr++;
		}
		free(tag);
		p += n;
	}
}

/* The tagged commits of @range, oldest first. */
static int list_tags(struct rels *r, const char *range, const char *pattern)
{
	const char *args[] = { "log", "--format=%H%x09%D",
			       "--decorate-refs=refs/tags/", "--topo-order",
			       "--reverse", range, "--", NULL };
	struct strbuf out = STRBUF_INIT;
	char *p;

	if (*range == '-')
		return error("'%s': no such revision or range", range);
	if (!git_is_repo(NULL))
		return error("'.': not a git repository (or not in one)");
	if (git_cmd(NULL, args, &out)) {
		strbuf_release(&out);
		return error("'%s': no such revision or range", range);
	}
	for (p = out.buf; *p; ) {
		char *e = strchrnul(p, '\n'), *tab = memchr(p, '\t', e - p);

		if (*e)
			*e++ = '\0';
		if (tab && tab[1])
			add_tags(r, tab + 1, pattern);
		p = e;
	}
	strbuf_release(&out);
	return 0;
}

static int load(struct rel *r)
{
	struct strbuf text = STRBUF_INIT, name = STRBUF_INIT;
	enum release_origin origin;
	int ret = 0;

	if (git_results_of(NULL, r->tag, &text, &origin)) {
		ret = -1;
	} else if (origin != RELEASE_NONE) {
		strbuf_addf(&name, origin == RELEASE_NOTE ? "%s (note)" :
			    "%s:RESULTS", r->tag);
		r->note = origin == RELEASE_NOTE;
		ret = results_read_buffer(name.buf, text.buf, text.len,
					  &r->s);
		if (!ret) {
			summary_finish(&r->s);
			r->have = true;
		}
	}
	strbuf_release(&text);
	strbuf_release(&name);
	return ret;
}

static void counts(const struct summary *s, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < s->nr_src; i++) {
		const struct source_counts *c = &s->src[i];
		const unsigned long *t = c->tests, *d = c->diags;
		unsigned long failed = t[TEST_FAIL] + t[TEST_ERROR];

		strbuf_addf(out, "%s %s:", i ? ";" : "", c->source);
		if (c->has_tests)
			strbuf_addf(out, " %lu tests %lu failed",
				    t[TEST_PASS] + t[TEST_SKIP] + failed, failed);
		if (c->has_builds)
			strbuf_addf(out, "%s %lu builds %lu failed",
				    c->has_tests ? "," : "", c->builds,
				    c->builds_failed);
		if (c->has_diags)
			strbuf_addf(out, "%s %lu diagnostics",
				    c->has_tests || c->has_builds ? "," : "",
				    d[SEV_ERROR] + d[SEV_WARNING] +
				    d[SEV_INFO]);
		if (c->notices)
			strbuf_addf(out, "%s %lu notices",
				    c->has_tests || c->has_builds ||
				    c->has_diags ? "," : "", c->notices);
	}
}

static long weight(const struct change *c)
{
	if (!c->diag)
		return 1;
	return (long)c->new_count - (long)c->old_count;
}

/* What changed since @prev, and the biggest change */
static void changes(const struct summary *prev, const struct summary *cur,
		    struct strbuf *out)
{
	static const enum change_kind shown[] = {
		CHANGE_NEW, CHANGE_MORE, CHANGE_FIXED, CHANGE_GONE,
		CHANGE_NOT_CHECKED,
	};
	struct summary_ext x = { 0 };
	const struct change *big = NULL;
	unsigned long n[CHANGE_NR] = { 0 };
	size_t i;

	compare_releases(prev, cur, NULL, &x);
	ext_finish(&x);
	for (i = 0; i < x.nr_chg; i++) {
		const struct change *c = &x.chg[i];
		long w = weight(c);

		n[c->kind]++;
		if (c->kind == CHANGE_STILL || c->kind == CHANGE_KNOWN)
			continue;
		if (!big || labs(w) > labs(weight(big)))
			big = c;
	}
	strbuf_addstr(out, " |");
	for (i = 0; i < ARRAY_SIZE(shown); i++)
		strbuf_addf(out, "%s %s %lu", i ? "," : "",
			    change_kind_name(shown[i]), n[shown[i]]);
	if (big && !big->diag)
		strbuf_addf(out, " | %s %s %s %s", change_kind_name(big->kind),
			    big->source, test_status_name(big->status),
			    big->name);
	else if (big)
		strbuf_addf(out, " | %+ld %s %s %s", weight(big), big->tool,
			    strcmp(big->category, "-") ? big->category :
			    severity_name(big->severity), big->file);
	ext_release(&x);
}

/* One test's status in each release: 'F', 'P', or '?' when not run */
static char state(const struct rel *r, const struct failure *f)
{
	const char *suite = suite_of(f->name);
	size_t i;

	if (!r->have)
		return '?';
	for (i = 0; i < r->s.nr_fail; i++)
		if (r->s.fail[i].source == f->source &&
		    r->s.fail[i].name == f->name)
			return 'F';
	for (i = 0; i < r->s.ext.nr_cov; i++)
		if (nameset_has(&r->s.ext.cov[i].suites, suite))
			return 'P';
	return '?';
}

/* Tests that went from failing to passing or back more than once */
static void unstable(const struct rels *r, struct strbuf *out)
{
	struct nameset seen = { 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t i, k, j;
	bool title = false;

	for (i = 0; i < r->nr; i++) {
		for (k = 0; k < r->v[i].s.nr_fail; k++) {
			const struct failure *f = &r->v[i].s.fail[k];
			char last = 0;
			int flips = 0;

			if (!strcmp(f->source, "build"))
				continue;
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s %s", f->source, f->name);
			if (nameset_has(&seen, sb.buf))
				continue;
			nameset_add(&seen, sb.buf);
			for (j = 0; j < r->nr; j++) {
				char c = state(&r->v[j], f);

				if (c == '?')
					continue;
				if (last && c != last)
					flips++;
				last = c;
			}
			if (flips < 2)
				continue;
			if (!title)
				strbuf_addstr(out, "\nUnstable tests (the status flips across releases):\n");
			title = true;
			strbuf_addf(out, "  %s:", sb.buf);
			for (j = 0; j < r->nr; j++) {
				char c = state(&r->v[j], f);

				strbuf_addf(out, " %s %s", r->v[j].tag,
					    c == 'F' ? "FAIL" : c == 'P' ?
					    "PASS" : "-");
			}
			strbuf_addch(out, '\n');
		}
	}
	nameset_release(&seen);
	strbuf_release(&sb);
}

enum series { SERIES_FAILURES, SERIES_DIAGS };

static bool value(const struct rel *r, const char *source, enum series what,
		  unsigned long *v)
{
	size_t i;

	if (!r->have)
		return false;
	for (i = 0; i < r->s.nr_src; i++) {
		const struct source_counts *c = &r->s.src[i];

		if (strcmp(c->source, source))
			continue;
		if (what == SERIES_FAILURES)
			*v = c->tests[TEST_FAIL] + c->tests[TEST_ERROR] +
			     c->builds_failed;
		else
			*v = c->diags[SEV_ERROR] + c->diags[SEV_WARNING] +
			     c->diags[SEV_INFO];
		return true;
	}
	*v = 0;
	return true;
}

/* A sparkline per source: failures, and diagnostics, over the releases */
static void trend(const struct rels *r, struct strbuf *out)
{
	static const char ramp[] = "_.-=+*#@";
	static const char *const names[] = { "failures", "diagnostics" };
	struct nameset sources = { 0 };
	size_t i, k, j;
	int w;

	for (i = 0; i < r->nr; i++)
		for (k = 0; k < r->v[i].s.nr_src; k++)
			nameset_add(&sources, r->v[i].s.src[k].source);
	if (!sources.nr)
		goto out;
	strbuf_addstr(out, "\nTrend (oldest to newest; _ is the lowest, @ the highest):\n");
	for (k = 0; k < sources.nr; k++) {
		for (w = SERIES_FAILURES; w <= SERIES_DIAGS; w++) {
			unsigned long v, lo = (unsigned long)-1, hi = 0;

			for (j = 0; j < r->nr; j++) {
				if (!value(&r->v[j], sources.name[k], w, &v))
					continue;
				lo = v < lo ? v : lo;
				hi = v > hi ? v : hi;
			}
			if (!hi)
				continue;
			strbuf_addf(out, "  %-8s %-11s ", sources.name[k],
				    names[w]);
			for (j = 0; j < r->nr; j++) {
				if (!value(&r->v[j], sources.name[k], w, &v))
					strbuf_addch(out, ' ');
				else if (hi == lo)
					strbuf_addch(out, ramp[3]);
				else
					strbuf_addch(out, ramp[(v - lo) * 7 /
							       (hi - lo)]);
			}
			strbuf_addf(out, "  %lu..%lu\n", lo, hi);
		}
	}
out:
	nameset_release(&sources);
}

/**
 * cmd_log() - "results log"
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "log"
 *
 * Return: the exit status: 2 when a release's RESULTS did not parse,
 * after everything else was printed.
 */
int cmd_log(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "match", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strbuf out = STRBUF_INIT;
	struct rels r = { 0 };
	const char *pattern = NULL, *range = "HEAD";
	const struct rel *prev = NULL;
	int opt, ret = EXIT_OK;
	size_t i;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			pattern = optarg;
			break;
		case 'h':
			fputs(log_usage, stdout);
			return EXIT_OK;
		default:
			bad_option("log", opt, argv);
			short_usage(log_usage, "log");
			return EXIT_TROUBLE;
		}
	}
	if (argc - optind > 1) {
		error("log: one range at most");
		short_usage(log_usage, "log");
		return EXIT_TROUBLE;
	}
	if (optind < argc)
		range = argv[optind];
	if (list_tags(&r, range, pattern)) {
		ret = EXIT_TROUBLE;
		goto out;
	}
	if (!r.nr)
		strbuf_addf(&out, "no tagged release in %s\n", range);
	for (i = 0; i < r.nr; i++) {
		struct rel *v = &r.v[i];

		if (load(v))
			ret = EXIT_TROUBLE;
		strbuf_addf(&out, "%-12s", v->tag);
		if (!v->have) {
			strbuf_addstr(&out, " no RESULTS\n");
			continue;
		}
		if (v->note)
			strbuf_addstr(&out, " (note)");
		counts(&v->s, &out);
		if (prev)
			changes(&prev->s, &v->s, &out);
		strbuf_addch(&out, '\n');
		prev = v;
	}
	unstable(&r, &out);
	trend(&r, &out);
	if (write_output(NULL, out.buf, out.len))
		ret = EXIT_TROUBLE;
out:
	for (i = 0; i < r.nr; i++)
		summary_release(&r.v[i].s);
	free(r.v);
	strbuf_release(&out);
	return ret;
}
