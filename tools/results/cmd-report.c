// SPDX-License-Identifier: GPL-2.0
/*
 * results report: a plain-text body for a reply to a stable-rc review
 * thread or a tag announcement. Regressions first, with their error text
 * inline (nobody should have to click through to see what broke), then
 * the summary, then the Tested-by: and Test-link: trailers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "compare.h"
#include "git.h"
#include "render.h"
#include "strbuf.h"
#include "summary.h"

static const char report_usage[] =
"usage: results report [--previous REV|FILE] [OPTIONS] INPUT...\n"
"\n"
"Print a mail body: new failures and new diagnostics with their error\n"
"text first, then what else changed, the summary, and the Tested-by: and\n"
"Test-link: trailers.\n"
"\n"
"  --previous REV|FILE the release compared to: a RESULTS file or a git\n"
"                      revision\n"
"  --previous-tag PATTERN  without --previous: the latest tag matching\n"
"                      PATTERN before HEAD\n"
"  --known FILE        known issues (YAML): listed apart, never new\n"
"  --fail-on LIST      exit 1 when one of these holds (comma-separated):\n"
"                      new, more, new:SOURCE, new:SOURCE:SEVERITY, ...\n"
"                      (SEVERITY: error, warning, info, fail), e.g.\n"
"                      new:kunit,new:build:error\n"
"  --tested-by WHO     the Tested-by: trailer; default: git config\n"
"                      user.name and user.email\n"
"  --base-url URL      the Test-link: base; default: CONFIG_RESULTS_\n"
"                      TEST_LINK of ./.results.config, else git config\n"
"                      results.baseUrl (no Test-link: without one)\n"
"  --tree NAME         the tree in the Test-link:\n"
"  --release NAME      the release (as for render)\n"
"  --commit SHA        the commit (as for render)\n"
"  --label KEY=VALUE   label every input\n"
"  --srctree DIR       the kernel source tree\n"
"  --objtree DIR       the build directory (make O=DIR)\n"
"  -h, --help          show this help\n"
"\n"
"INPUT is FILE, - for stdin, or KIND:FILE; kinds: %s.\n";

struct report_opts {
	const char *previous, *previous_tag, *known;
	const char *tested_by, *base_url, *tree;
	const char *release, *commit;
	struct fail_on_list fail_on;
};

static int parse_report_args(int argc, char **argv, struct report_opts *ro,
			     struct input_opts *io)
{
	static const struct option longopts[] = {
		{ "previous", required_argument, NULL, 'p' },
		{ "previous-tag", required_argument, NULL, 'P' },
		{ "known", required_argument, NULL, 'k' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "tested-by", required_argument, NULL, 't' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "tree", required_argument, NULL, 'T' },
		{ "release", required_argument, NULL, 'r' },
		{ "commit", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		INPUT_OPTS_LONG,
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case '?':
		case ':':
			bad_option("report", opt, argv);
			short_usage(report_usage, "report");
			return -1;
		case 'p':
			ro->previous = optarg;
			break;
		case 'P':
			ro->previous_tag = optarg;
			break;
		case 'k':
			ro->known = optarg;
			break;
		case 'F':
			if (!*optarg)
				return error("bad --fail-on '': expected new or more");
			if (fail_on_parse(&ro->fail_on, optarg))
				return -1;
			break;
		case 't':
			ro->tested_by = optarg;
			break;
		case 'b':
			ro->base_url = optarg;
			break;
		case 'T':
			ro->tree = optarg;
			break;
		case 'r':
			ro->release = optarg;
			break;
		case 'c':
			ro->commit = optarg;
			break;
		case 'h':
			printf(report_usage, parser_kind_list());
			return 1;
		default:
			if (input_opts_handle(io, opt, optarg)) {
				short_usage(report_usage, "report");
				return -1;
			}
		}
	}
	if (optind == argc) {
		error("report: no input given");
		short_usage(report_usage, "report");
		return -1;
	}
	if (ro->fail_on.nr && !ro->previous && !ro->previous_tag)
		return error("report: --fail-on needs --previous or --previous-tag");
	return 0;
}

static size_t count(const struct summary_ext *x, enum change_kind kind,
		    bool diag, int sev)
{
	size_t i, n = 0;

	for (i = 0; i < x->nr_chg; i++)
		if (x->chg[i].kind == kind && x->chg[i].diag == diag &&
		    (sev < 0 || (int)x->chg[i].severity == sev))
			n++;
	return n;
}

static void plural(struct strbuf *out, bool *first, size_t n,
		   const char *what)
{
	if (!n)
		return;
	strbuf_addf(out, "%s%zu %s%s", *first ? "" : ", ", n, what,
		    n == 1 ? "" : "s");
	*first = false;
}

static void indented(const char *text, const char *prefix,
		     struct strbuf *out)
{
	const char *p = text;

	while (*p) {
		const char *e = strchrnul(p, '\n');

		strbuf_addstr(out, prefix);
		strbuf_add(out, p, e - p);
		strbuf_addch(out, '\n');
		p = *e ? e + 1 : e;
	}
}

static const struct failure *find_failure(const struct summary *s,
					  const struct change *c)
{
	size_t i;

	for (i = 0; i < s->nr_fail; i++)
		if (s->fail[i].source == c->source &&
		    s->fail[i].name == c->name)
			return &s->fail[i];
	return NULL;
}

/* A failure, and its reason or log excerpt when there is one. */
static void failure_text(const struct summary *s, const struct change *c,
			 struct strbuf *out)
{
	const struct failure *f = find_failure(s, c);

	strbuf_addstr(out, "  ");
	render_change_item(c, out);
	strbuf_addch(out, '\n');
	if (f && f->reason && *f->reason)
		indented(f->reason, "    | ", out);
}

static bool same_diag(const struct diag_group *d, const struct change *c)
{
	return d->severity == c->severity && d->source == c->source &&
	       d->tool == c->tool && d->category == c->category &&
	       d->file == c->file && d->message == c->message;
}

/*
 * A diagnostic as its tool printed it, at its first occurrence, with
 * the context lines (the source excerpt, the caret); the identity line
 * when the records are not at hand (it came from a RESULTS input).
 */
static void diag_text(const struct results *res, const struct change *c,
		      struct strbuf *out)
{
	const struct record *r = NULL;
	struct diag_group d;
	size_t i;

	for (i = 0; i < res->nr && !r; i++) {
		if (res->rec[i].type != REC_DIAG)
			continue;
		summary_diag_of(&res->rec[i], &d);
		if (same_diag(&d, c))
			r = &res->rec[i];
	}
	strbuf_addch(out, '\n');
	if (!r) {
		strbuf_addf(out, "%s: %s: %s", c->file,
			    severity_name(c->severity), c->message);
	} else {
		strbuf_addstr(out, r->file ? r->file : c->tool);
		if (r->file && r->line)
			strbuf_addf(out, ":%lu", r->line);
		if (r->file && r->line && r->column)
			strbuf_addf(out, ":%lu", r->column);
		strbuf_addf(out, ": %s: %s", severity_name(r->severity),
			    r->message);
	}
	if (strcmp(c->category, "-"))
		strbuf_addf(out, " [%s]", c->category);
	strbuf_addch(out, '\n');
	if (r && r->context)
		indented(r->context, "", out);
	strbuf_addf(out, "(%s", c->tool);
	if (c->new_count > 1)
		strbuf_addf(out, ", %lu occurrences", c->new_count);
	strbuf_addstr(out, ")\n");
}

static void section(const char *title, const struct summary_ext *x,
		    enum change_kind kind, struct strbuf *out)
{
	size_t i;
	bool first = true;

	for (i = 0; i < x->nr_chg; i++) {
		if (x->chg[i].kind != kind)
			continue;
		if (first)
			strbuf_addf(out, "\n%s\n", title);
		first = false;
		strbuf_addstr(out, "  ");
		render_change_item(&x->chg[i], out);
		strbuf_addch(out, '\n');
		if (kind == CHANGE_MORE && x->chg[i].diag)
			strbuf_addf(out, "      occurrences %lu -> %lu\n",
				    x->chg[i].old_count, x->chg[i].new_count);
	}
}

static void regressions(const struct results *res, const struct summary *s,
			struct strbuf *out)
{
	const struct summary_ext *x = &s->ext;
	size_t i;
	bool first = true;

	if (count(x, CHANGE_NEW, false, -1)) {
		strbuf_addstr(out, "\nNew failures\n");
		for (i = 0; i < x->nr_chg; i++)
			if (x->chg[i].kind == CHANGE_NEW && !x->chg[i].diag)
				failure_text(s, &x->chg[i], out);
	}
	for (i = 0; i < x->nr_chg; i++) {
		if (x->chg[i].kind != CHANGE_NEW || !x->chg[i].diag)
			continue;
		if (first)
			strbuf_addstr(out, "\nNew errors and warnings\n");
		first = false;
		diag_text(res, &x->chg[i], out);
	}
	section("More occurrences", x, CHANGE_MORE, out);
	section("Fixed", x, CHANGE_FIXED, out);
	section("No longer run", x, CHANGE_GONE, out);
	section("Not checked this time", x, CHANGE_NOT_CHECKED, out);
}

/* Without a comparison: every failure, and every error. */
static void failures(const struct results *res, const struct summary *s,
		     struct strbuf *out)
{
	struct change c;
	size_t i;
	bool first = true;

	if (s->nr_fail)
		strbuf_addstr(out, "\nFailures\n");
	for (i = 0; i < s->nr_fail; i++) {
		change_of_failure(&s->fail[i], &c);
		failure_text(s, &c, out);
	}
	for (i = 0; i < s->nr_diag; i++) {
		if (s->diag[i].severity != SEV_ERROR)
			continue;
		if (first)
			strbuf_addstr(out, "\nErrors\n");
		first = false;
		change_of_diag(&s->diag[i], &c);
		diag_text(res, &c, out);
	}
}

static void headline(const struct summary *s, struct strbuf *out)
{
	const struct summary_ext *x = &s->ext;
	bool first = true;

	strbuf_addf(out, "Results for %s", s->release ? s->release :
		    "unknown");
	if (s->commit)
		strbuf_addf(out, " (%.12s)", s->commit);
	if (x->has_changes)
		strbuf_addf(out, ", compared to %s", x->prev);
	strbuf_addch(out, '\n');
	if (!x->has_changes)
		return;
	if (x->prev_missing) {
		strbuf_addf(out, "%s has no RESULTS: nothing compared.\n",
			    x->prev);
		return;
	}
	strbuf_addstr(out, "Regressions: ");
	plural(out, &first, count(x, CHANGE_NEW, false, -1), "new failure");
	plural(out, &first, count(x, CHANGE_NEW, true, SEV_ERROR),
	       "new error");
	plural(out, &first, count(x, CHANGE_NEW, true, SEV_WARNING),
	       "new warning");
	plural(out, &first, count(x, CHANGE_NEW, true, SEV_INFO), "new note");
	if (first) {
		strbuf_setlen(out, out->len - strlen("Regressions: "));
		strbuf_addstr(out, "No regressions.\n");
	} else {
		strbuf_addstr(out, "\n");
	}
}

static void summary_part(const struct summary *s, struct strbuf *out)
{
	struct strbuf text = STRBUF_INIT;
	const char *p, *e;
	size_t i;

	/* the Summary section of RESULTS, as it is there */
	render_text(s, &text);
	p = strstr(text.buf, "\nSummary\n");
	if (p) {
		e = strstr(p + 1, "\n\n");
		strbuf_add(out, p, e ? (size_t)(e - p + 1) : strlen(p));
	}
	strbuf_release(&text);
	if (s->ext.has_changes && !s->ext.prev_missing && s->ext.nr_delta) {
		strbuf_addf(out, "\nCounts before (%s) and after\n",
			    s->ext.prev);
		for (i = 0; i < s->ext.nr_delta; i++)
			render_delta(&s->ext.delta[i], out);
	}
}

static void trailers(const struct report_opts *ro, const struct summary *s,
		     const char *dir, struct strbuf *out)
{
	static const char *const name[] = { "config", "user.name", NULL };
	static const char *const email[] = { "config", "user.email", NULL };
	char *n = NULL, *e = NULL, *link;
	bool any = false;

	if (!ro->tested_by) {
		n = git_line(dir, name);
		e = git_line(dir, email);
	}
	strbuf_addch(out, '\n');
	if (ro->tested_by) {
		strbuf_addf(out, "Tested-by: %s\n", ro->tested_by);
		any = true;
	} else if (n && e) {
		strbuf_addf(out, "Tested-by: %s <%s>\n", n, e);
		any = true;
	}
	link = test_link(ro->base_url, ro->tree,
			 s->release ? s->release : "unknown");
	if (link) {
		strbuf_addf(out, "%s\n", link);
		any = true;
	}
	if (!any)
		strbuf_setlen(out, out->len - 1);
	free(link);
	free(n);
	free(e);
}

/**
 * cmd_report() - "results report"
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "report"
 *
 * Return: the exit status.
 */
int cmd_report(int argc, char **argv)
{
	struct report_opts ro = { 0 };
	struct input_opts io = { 0 };
	struct known_list known = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct results res;
	struct summary s;
	char *base_url = NULL;
	int ret;

	results_init(&res);
	summary_init(&s);
	ret = parse_report_args(argc, argv, &ro, &io);
	if (ret) {
		ret = ret > 0 ? EXIT_OK : EXIT_TROUBLE;
		goto out;
	}
	ret = EXIT_TROUBLE;
	if (!ro.base_url) {
		if (default_base_url(&base_url))
			goto out;
		ro.base_url = base_url;
	}
	/* the records stay: their text goes inline */
	res.fold = false;
	if (read_inputs(&res, &io, argc - optind, argv + optind, NULL, NULL))
		goto out;
	summary_add_results(&s, &res);
	if (res.imported)
		summary_merge(&s, res.imported);
	summary_finish(&s);
	find_release(&s, ro.release, ro.commit, io.popt.srctree);
	if (ro.known && known_load(&known, ro.known))
		goto out;
	if ((ro.previous || ro.previous_tag || ro.known) &&
	    compare_with_previous(&s, io.popt.srctree, ro.previous,
				  ro.previous_tag, ro.known ? &known : NULL))
		goto out;
	headline(&s, &out);
	if (s.ext.has_changes && !s.ext.prev_missing)
		regressions(&res, &s, &out);
	else
		failures(&res, &s, &out);
	render_known_section(&s, &out);
	summary_part(&s, &out);
	trailers(&ro, &s, io.popt.srctree, &out);
	if (write_output(NULL, out.buf, out.len))
		goto out;
	ret = fail_on_new_holds(&ro.fail_on, &s.ext) ? EXIT_FAILON : EXIT_OK;
out:
	strbuf_release(&out);
	summary_release(&s);
	results_release(&res);
	input_opts_release(&io);
	known_release(&known);
	fail_on_release(&ro.fail_on);
	free(base_url);
	return ret;
}
