// SPDX-License-Identifier: GPL-2.0
/*
 * The results kind: a RESULTS file read back into a summary, so that
 * render, read, render gives the same bytes and a later release can be
 * compared with an earlier one. The reader is strict: RESULTS is
 * structured input, and a line it does not understand is an error.
 */
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "strbuf.h"
#include "summary.h"

enum section {
	SEC_HEADER,
	SEC_CHANGES,		/* "Changes since PREV" */
	SEC_KNOWN,		/* "Known issues" */
	SEC_SUMMARY,
	SEC_ORIGINS,		/* "CI systems" */
	SEC_FAILURES,
	SEC_SKIPS,
	SEC_TOOLS,		/* one section per tool */
	SEC_NOTICES,
	SEC_COVERAGE,
};

/* A tool section's title, "gcc: errors 1, warnings 7, info 0, unique 8" */
struct tool_title {
	const char *tool;
	unsigned long line;
	unsigned long n[SEV_NR];
	unsigned long unique;
};

struct rstate {
	struct summary *s;
	enum section sec;
	bool failed;
	bool seen_format;
	bool seen_summary;
	struct failure *last_fail;
	unsigned long *last_count;	/* of the line a count line follows */
	struct diag_group *last_diag;	/* the diagnostic being read */
	struct strbuf reason;
	unsigned int reason_lines;
	struct line_of {
		const char *source;
		unsigned long line;
		unsigned long unique;
	} *sum;				/* where each summary line was */
	size_t nr_sum, alloc_sum;
	struct tool_title *tool;	/* the tool sections read */
	size_t nr_tool, alloc_tool;
	bool want_occurrences;		/* a "more:" line was just read */
	struct known_ref kref;		/* the known issue being read */
	int kref_state;			/* KREF_NONE, ... */
	size_t kref_hit;		/* its hit, when not seen */
	size_t kref_items;
	struct strbuf knote;
	unsigned int knote_lines;
	struct coverage *cov;		/* the configuration being read */
	const char *last_name;		/* in it, for the order */
	bool last_suite;
	const char *ci_origin;		/* the CI system being read */
	size_t ci_fail;			/* its last failure + 1, or 0 */
	bool ci_issue;			/* an issue line came under it */
	unsigned long *ci_line;		/* where each CI system and */
	size_t nr_ci_line, alloc_ci_line;
	unsigned long *cf_line;		/* each CI failure was */
	size_t nr_cf_line, alloc_cf_line;
};

enum { KREF_NONE, KREF_SEEN, KREF_UNSEEN };

/* Split off the next blank-separated word of *@p. */
static const char *word(const char **p)
{
	const char *s = *p, *e;
	char *w;
	const char *ret;

	while (*s == ' ')
		s++;
	if (!*s)
		return NULL;
	e = strchrnul(s, ' ');
	w = xstrndup(s, e - s);
	ret = intern(w);
	free(w);
	*p = e;
	return ret;
}

static int bad(struct parse_ctx *ctx, struct rstate *st, const char *what)
{
	st->failed = true;
	return parse_error(ctx, "%s", what);
}

/* The same, quoting what was there instead. */
static int bad_token(struct parse_ctx *ctx, struct rstate *st,
		     const char *what, const char *token)
{
	st->failed = true;
	return parse_error(ctx, "%s '%s'", what, token);
}

static void flush_reason(struct rstate *st)
{
	if (st->last_fail && st->reason_lines) {
		free(st->last_fail->reason);
		st->last_fail->reason = strbuf_detach(&st->reason);
	}
	strbuf_reset(&st->reason);
	st->reason_lines = 0;
}

static int header_line(struct parse_ctx *ctx, struct rstate *st,
		       const char *s)
{
	const char *p, *key;

	if (ctx->line == 1) {
		p = skip_prefix(s, "Results for ");
		if (!p || !*p)
			return bad(ctx, st, "expected 'Results for RELEASE'");
		st->s->release = strcmp(p, "unknown") ? intern(p) : NULL;
		return 0;
	}
	if (!starts_with(s, "  "))
		return bad(ctx, st, "expected an indented header line");
	p = s;
	key = word(&p);
	if (!key)
		return bad(ctx, st, "expected a header line, not blanks");
	p = skip_spaces(p);
	if (!strcmp(key, "format")) {
		if (strcmp(p, "1"))
			return bad_token(ctx, st, "unsupported RESULTS format", p);
		st->seen_format = true;
	} else if (!strcmp(key, "commit")) {
		st->s->commit = strcmp(p, "unknown") ? intern(p) : NULL;
	} else if (!strcmp(key, "abridged")) {
		/* --detail or --max-lines: the lists are not whole */
		if (!*p)
			return bad(ctx, st, "expected 'abridged SETTINGS'");
		st->s->abridged = true;
	} else if (!strcmp(key, "tool")) {
		summary_add_tool(st->s, p);
	} else if (!strcmp(key, "input")) {
		struct input_desc d = { 0 };
		const char *labels[64], *w;

		d.kind = word(&p);
		d.name = word(&p);
		if (!d.kind || !d.name)
			return bad(ctx, st, "expected 'input KIND NAME LABELS'");
		while ((w = word(&p))) {
			if (d.nr_label == ARRAY_SIZE(labels) || !strchr(w, '='))
				return bad(ctx, st, "bad input label");
			labels[d.nr_label++] = w;
		}
		d.label = labels;
		summary_add_input(st->s, &d);
	} else {
		return bad_token(ctx, st, "unknown header key", key);
	}
	return 0;
}

static int read_counts(const char *p, const char *const *names,
		       unsigned long *val, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		p = skip_prefix(p, names[i]);
		if (!p || *p != ' ' || !parse_ulong(p + 1, &p, &val[i]))
			return -1;
		if (i + 1 < n) {
			if (*p != ',' || p[1] != ' ')
				return -1;
			p += 2;
		}
	}
	return *p ? -1 : 0;
}

static int summary_line(struct parse_ctx *ctx, struct rstate *st,
			const char *s)
{
	static const char *const tnames[] = { "pass", "fail", "skip", "error" };
	static const char *const bnames[] = { "pass", "fail" };
	static const char *const dnames[] = { "error", "warning", "info",
					      "unique" };
	const char *p = s, *source, *what;
	struct source_counts *c;
	unsigned long total, v[4];

	if (!starts_with(s, "  "))
		return bad(ctx, st, "expected an indented summary line");
	source = word(&p);
	what = word(&p);
	if (!source || !what || *p != ' ' || !parse_ulong(p + 1, &p, &total))
		return bad(ctx, st, "expected 'SOURCE WHAT COUNT'");
	c = summary_source(st->s, source);
	if (!strcmp(what, "notices") && !*p) {
		c->notices = total;
		return 0;
	}
	if (*p != ':' || p[1] != ' ')
		return bad(ctx, st, "expected ':' after the count");
	p += 2;
	if (!strcmp(what, "tests")) {
		if (read_counts(p, tnames, v, 4) ||
		    v[0] + v[1] + v[2] + v[3] != total)
			return bad(ctx, st, "bad test counts");
		c->has_tests = true;
		c->tests[TEST_PASS] = v[0];
		c->tests[TEST_FAIL] = v[1];
		c->tests[TEST_SKIP] = v[2];
		c->tests[TEST_ERROR] = v[3];
	} else if (!strcmp(what, "builds")) {
		if (read_counts(p, bnames, v, 2) || v[0] + v[1] != total)
			return bad(ctx, st, "bad build counts");
		c->has_builds = true;
		c->builds = total;
		c->builds_failed = v[1];
	} else if (!strcmp(what, "diagnostics")) {
		if (read_counts(p, dnames, v, 4) || v[0] + v[1] + v[2] != total)
			return bad(ctx, st, "bad diagnostic counts");
		c->has_diags = true;
		c->diags[SEV_ERROR] = v[0];
		c->diags[SEV_WARNING] = v[1];
		c->diags[SEV_INFO] = v[2];
		ALLOC_GROW(st->sum, st->nr_sum + 1, st->alloc_sum);
		st->sum[st->nr_sum].source = c->source;
		st->sum[st->nr_sum].line = ctx->line;
		st->sum[st->nr_sum].unique = v[3];
		st->nr_sum++;
	} else {
		return bad_token(ctx, st, "unknown summary item", what);
	}
	return 0;
}

/*
 * Under a CI system: "    build FAIL NAME" or "    test STATUS NAME",
 * then "      log: URL" when it has a log and "      issue: TEXT" for each
 * issue, sorted.
 */
static int ci_failure_line(struct parse_ctx *ctx, struct rstate *st,
			   const char *s)
{
	struct ci_failure f = { 0 }, *last;
	const char *p, *what, *w;
	int status;

	last = st->ci_fail ? &st->s->cifail[st->ci_fail - 1] : NULL;
	if ((p = skip_prefix(s, "      log: "))) {
		if (!last || last->log || st->ci_issue)
			return bad(ctx, st, "log line without a CI failure");
		last->log = intern(p);
		return 0;
	}
	if ((p = skip_prefix(s, "      issue: "))) {
		struct strbuf sb = STRBUF_INIT;
		const char *e;

		if (!last || !*p)
			return bad(ctx, st, "issue line without a CI failure");
		/* the issues of a failure are sorted and distinct */
		e = last->issues ? strrchr(last->issues, '\n') : NULL;
		e = e ? e + 1 : last->issues;
		if (e && strcmp(e, p) >= 0)
			return bad_token(ctx, st, "issue out of order:", p);
		if (last->issues)
			strbuf_addf(&sb, "%s\n", last->issues);
		strbuf_addstr(&sb, p);
		last->issues = intern(sb.buf);
		strbuf_release(&sb);
		st->ci_issue = true;
		return 0;
	}
	p = s + 4;
	if (!st->ci_origin || *p == ' ' || !(what = word(&p)) ||
	    !(w = word(&p)) ||
	    *p != ' ' || !p[1] ||
	    (strcmp(what, "build") && strcmp(what, "test")))
		return bad(ctx, st, "expected 'build FAIL NAME' or 'test STATUS NAME' under a CI system");
	status = test_status_parse(w);
	f.build = !strcmp(what, "build");
	if (status != TEST_FAIL && (f.build || status != TEST_ERROR))
		return bad_token(ctx, st, "CI failure status must be FAIL or ERROR, not",
				 w);
	f.origin = st->ci_origin;
	f.status = status;
	f.name = intern(p + 1);
	summary_add_ci_failure(st->s, &f);
	ALLOC_GROW(st->cf_line, st->nr_cf_line + 1, st->alloc_cf_line);
	st->cf_line[st->nr_cf_line++] = ctx->line;
	st->ci_fail = st->s->nr_cifail;
	st->ci_issue = false;
	return 0;
}

/*
 * "  ORIGIN builds B: pass P, fail F; tests T: pass P, fail F, skip S,
 * error E", its failures under it
 */
static int origin_line(struct parse_ctx *ctx, struct rstate *st,
		       const char *s)
{
	static const char *const bnames[] = { "pass", "fail" };
	static const char *const tnames[] = { "pass", "fail", "skip", "error" };
	const char *p = s, *origin, *semi;
	unsigned long b, t, bv[2], tv[4];
	struct origin_counts *o;
	char *builds;
	int bad_counts;

	if (starts_with(s, "    "))
		return ci_failure_line(ctx, st, s);
	st->ci_fail = 0;
	if (!starts_with(s, "  ") || !(origin = word(&p)) ||
	    !(p = skip_prefix(skip_spaces(p), "builds ")) ||
	    !parse_ulong(p, &p, &b) || !(p = skip_prefix(p, ": ")) ||
	    !(semi = strstr(p, "; tests ")))
		return bad(ctx, st, "expected 'ORIGIN builds B: ...; tests T: ...'");
	builds = xstrndup(p, semi - p);
	bad_counts = read_counts(builds, bnames, bv, 2);
	free(builds);
	p = semi + 8;
	if (bad_counts || bv[0] + bv[1] != b || !parse_ulong(p, &p, &t) ||
	    !(p = skip_prefix(p, ": ")) || read_counts(p, tnames, tv, 4) ||
	    tv[0] + tv[1] + tv[2] + tv[3] != t)
		return bad(ctx, st, "bad CI system counts");
	if (st->ci_origin && strcmp(st->ci_origin, origin) >= 0)
		return bad_token(ctx, st, "CI system out of order:", origin);
	st->ci_origin = origin;
	ALLOC_GROW(st->ci_line, st->nr_ci_line + 1, st->alloc_ci_line);
	st->ci_line[st->nr_ci_line++] = ctx->line;
	o = summary_origin(st->s, origin);
	o->builds = b;
	o->builds_failed = bv[1];
	o->tests[TEST_PASS] = tv[0];
	o->tests[TEST_FAIL] = tv[1];
	o->tests[TEST_SKIP] = tv[2];
	o->tests[TEST_ERROR] = tv[3];
	return 0;
}

static int failure_line(struct parse_ctx *ctx, struct rstate *st,
			const char *s)
{
	struct failure f = { 0 };
	const char *p, *w;
	int status;

	if ((p = skip_prefix(s, "    |"))) {
		if (!st->last_fail || (*p && *p != ' '))
			return bad(ctx, st, "reason line without a failure");
		if (st->reason_lines++)
			strbuf_addch(&st->reason, '\n');
		strbuf_addstr(&st->reason, *p ? p + 1 : p);
		return 0;
	}
	flush_reason(st);
	p = s;
	if (!starts_with(s, "  ") || !(f.source = word(&p)) ||
	    !(w = word(&p)) || *p != ' ' || !p[1])
		return bad(ctx, st, "expected 'SOURCE STATUS NAME'");
	status = test_status_parse(w);
	if (st->sec == SEC_SKIPS) {
		if (status != TEST_SKIP)
			return bad_token(ctx, st, "a skip's status must be SKIP, not", w);
	} else if (status != TEST_FAIL && status != TEST_ERROR) {
		return bad_token(ctx, st, "failure status must be FAIL or ERROR, not", w);
	}
	f.status = status;
	f.name = intern(p + 1);
	if (st->sec == SEC_SKIPS) {
		summary_add_skip(st->s, &f);
		st->last_fail = &st->s->skip[st->s->nr_skip - 1];
	} else {
		summary_add_failure(st->s, &f);
		st->last_fail = &st->s->fail[st->s->nr_fail - 1];
	}
	return 0;
}

/* "      N occurrences" under a diagnostic or notice line */
static int count_line(struct parse_ctx *ctx, struct rstate *st,
		      const char *s, unsigned long *count)
{
	const char *p = s + 6;
	unsigned long n;

	if (!count || *count != 1)
		return bad(ctx, st, "count line without a diagnostic or notice");
	if (!parse_ulong(p, &p, &n) || n < 2 || strcmp(p, " occurrences"))
		return bad(ctx, st, "expected 'N occurrences'");
	*count = n;
	return 0;
}

/*
 * "      included by N units: A B C ...": the first units, in order, that
 * include the header of the diagnostic above; after its count line.
 */
static int includers_line(struct parse_ctx *ctx, struct rstate *st,
			  const char *p)
{
	struct diag_group *g = st->last_diag;
	const char *prev = NULL, *w;
	unsigned long n, named = 0;
	bool more = false;

	if (!g || g->inc || g->inc_total)
		return bad(ctx, st, "'included by' line without a diagnostic");
	if (!parse_ulong(p, &p, &n) || !n ||
	    !(p = skip_prefix(p, n == 1 ? " unit:" : " units:")))
		return bad(ctx, st, "expected 'included by N units: UNIT ...'");
	while ((w = word(&p))) {
		if (more)
			return bad(ctx, st, "text after '...'");
		if (!strcmp(w, "...")) {
			more = true;
			continue;
		}
		if ((prev && strcmp(prev, w) >= 0) || named == n)
			return bad_token(ctx, st, "unit out of order or too many",
					 w);
		diag_add_includer(g, w);
		prev = w;
		named++;
	}
	if (!named || more != (named < n))
		return bad(ctx, st, "the units named disagree with their count");
	g->inc_total = n;
	/* the count line comes first */
	st->last_count = NULL;
	return 0;
}

/* "  SEVERITY SOURCE CATEGORY FILE: MESSAGE" in the section of a tool */
static int diag_line(struct parse_ctx *ctx, struct rstate *st,
		     const char *s)
{
	struct diag_group d = { .count = 1 };
	const char *p = s, *colon, *sev;
	char *file;
	int sv;

	if (starts_with(s, "      included by "))
		return includers_line(ctx, st, s + 18);
	if (starts_with(s, "      "))
		return count_line(ctx, st, s, st->last_count);
	sev = word(&p);
	d.source = word(&p);
	d.category = word(&p);
	d.tool = st->tool[st->nr_tool - 1].tool;
	if (!starts_with(s, "  ") || s[2] == ' ' || !d.source ||
	    !d.category || *p != ' ')
		return bad(ctx, st, "expected 'SEVERITY SOURCE CATEGORY FILE: MESSAGE'");
	sv = severity_parse(sev);
	if (sv < 0)
		return bad_token(ctx, st, "unknown severity", sev);
	d.severity = sv;
	p++;
	colon = strstr(p, ": ");
	if (!colon || colon == p)
		return bad(ctx, st, "expected 'FILE: MESSAGE'");
	file = xstrndup(p, colon - p);
	d.file = intern(file);
	free(file);
	d.message = intern(colon + 2);
	st->last_diag = summary_add_diag(st->s, &d);
	st->last_count = &st->last_diag->count;
	return 0;
}

static int notice_line(struct parse_ctx *ctx, struct rstate *st,
		       const char *s)
{
	struct notice_group n = { .count = 1 };
	const char *p = s;

	if (starts_with(s, "      "))
		return count_line(ctx, st, s, st->last_count);
	if (!starts_with(s, "  ") || s[2] == ' ' || !(n.source = word(&p)) ||
	    !(n.tool = word(&p)) || *p != ' ' || !p[1])
		return bad(ctx, st, "expected 'SOURCE TOOL MESSAGE'");
	n.message = intern(p + 1);
	st->last_count = &summary_add_notice(st->s, &n)->count;
	return 0;
}

/* "gcc: errors 1, warnings 7, info 0, unique 8" */
static int tool_section(struct parse_ctx *ctx, struct rstate *st,
			const char *s)
{
	static const char *const names[] = { "errors", "warnings", "info",
					      "unique" };
	const char *colon = strstr(s, ": errors ");
	struct tool_title t = { .line = ctx->line };
	unsigned long v[4];
	char *tool;

	if (!colon || colon == s || memchr(s, ' ', colon - s))
		return bad_token(ctx, st, "unknown section", s);
	if (read_counts(colon + 2, names, v, 4))
		return bad(ctx, st, "expected 'TOOL: errors E, warnings W, info I, unique U'");
	tool = xstrndup(s, colon - s);
	t.tool = intern(tool);
	free(tool);
	if (st->nr_tool && strcmp(st->tool[st->nr_tool - 1].tool, t.tool) >= 0)
		return bad_token(ctx, st, "tool section out of order:", t.tool);
	memcpy(t.n, v, sizeof(t.n));
	t.unique = v[3];
	ALLOC_GROW(st->tool, st->nr_tool + 1, st->alloc_tool);
	st->tool[st->nr_tool++] = t;
	return 0;
}

/* "A -> B" */
static bool read_arrow(const char **p, unsigned long *a, unsigned long *b)
{
	const char *q;

	if (!parse_ulong(*p, &q, a) || !starts_with(q, " -> ") ||
	    !parse_ulong(q + 4, &q, b))
		return false;
	*p = q;
	return true;
}

/* "SOURCE STATUS NAME" or "TOOL SEVERITY SOURCE CATEGORY FILE: MESSAGE" */
static int read_item(const char *p, struct change *c)
{
	const char *w1, *w2, *colon;
	int v;

	memset(c, 0, sizeof(*c));
	w1 = word(&p);
	w2 = word(&p);
	if (!w1 || !w2 || *p != ' ' || !p[1])
		return -1;
	v = test_status_parse(w2);
	if (v == TEST_FAIL || v == TEST_ERROR) {
		c->source = w1;
		c->status = v;
		c->name = intern(p + 1);
		return 0;
	}
	v = severity_parse(w2);
	if (v < 0)
		return -1;
	c->diag = true;
	c->tool = w1;
	c->severity = v;
	c->source = word(&p);
	c->category = word(&p);
	if (!c->source || !c->category || *p != ' ')
		return -1;
	p++;
	colon = strstr(p, ": ");
	if (!colon || colon == p)
		return -1;
	c->file = intern_n(p, colon - p);
	c->message = intern(colon + 2);
	return 0;
}

/* "  build    diagnostics 8 -> 7: error 1 -> 1, warning 7 -> 6, ..." */
static int delta_line(struct parse_ctx *ctx, struct rstate *st,
		      const char *s)
{
	static const char *const names[][4] = {
		[DELTA_TESTS] = { "pass", "fail", "skip", "error" },
		[DELTA_BUILDS] = { "pass", "fail" },
		[DELTA_DIAGS] = { "error", "warning", "info" },
	};
	static const char *const what[] = { "tests", "builds",
					    "diagnostics" };
	static const int nr[] = { 4, 2, 3 };
	struct summary_ext *x = &st->s->ext;
	struct source_delta d = { 0 };
	unsigned long so = 0, sn = 0;
	const char *p = s, *w;
	int i;

	d.source = word(&p);
	w = word(&p);
	for (d.what = 0; w && d.what < (int)ARRAY_SIZE(what); d.what++)
		if (!strcmp(w, what[d.what]))
			break;
	if (!d.source || !w || d.what == (int)ARRAY_SIZE(what) ||
	    *p++ != ' ' || !read_arrow(&p, &d.old_total, &d.new_total))
		return bad(ctx, st, "expected 'SOURCE WHAT OLD -> NEW: ...'");
	for (i = 0; i < nr[d.what]; i++) {
		if (!starts_with(p, i ? ", " : ": "))
			return bad(ctx, st, "bad counts before and after");
		p = skip_prefix(p + 2, names[d.what][i]);
		if (!p || *p++ != ' ' ||
		    !read_arrow(&p, &d.old_v[i], &d.new_v[i]))
			return bad(ctx, st, "bad counts before and after");
		so += d.old_v[i];
		sn += d.new_v[i];
	}
	if (*p || so != d.old_total || sn != d.new_total)
		return bad(ctx, st, "bad counts before and after");
	ALLOC_GROW(x->delta, x->nr_delta + 1, x->alloc_delta);
	x->delta[x->nr_delta++] = d;
	return 0;
}

static int changes_line(struct parse_ctx *ctx, struct rstate *st,
			const char *s)
{
	static const enum change_kind kinds[] = {
		CHANGE_NEW, CHANGE_MORE, CHANGE_FIXED, CHANGE_NOT_CHECKED,
		CHANGE_GONE,
	};
	struct summary_ext *x = &st->s->ext;
	struct change c;
	const char *p;
	size_t i;

	if (starts_with(s, "      ")) {
		p = skip_prefix(s + 6, "occurrences ");
		if (!st->want_occurrences)
			return bad(ctx, st, "occurrences without a 'more' change");
		if (!p || !read_arrow(&p, &x->chg[x->nr_chg - 1].old_count,
				      &x->chg[x->nr_chg - 1].new_count) || *p)
			return bad(ctx, st, "expected 'occurrences OLD -> NEW'");
		st->want_occurrences = false;
		return 0;
	}
	if (st->want_occurrences)
		return bad(ctx, st, "expected 'occurrences OLD -> NEW'");
	if (!starts_with(s, "  ") || s[2] == ' ')
		return bad(ctx, st, "expected an indented change line");
	if ((p = skip_prefix(s, "  no RESULTS in "))) {
		if (!starts_with(p, x->prev) ||
		    strcmp(p + strlen(x->prev), ": nothing compared") ||
		    x->nr_delta || x->nr_chg || x->prev_missing)
			return bad(ctx, st, "expected 'no RESULTS in PREV: nothing compared' alone");
		x->prev_missing = true;
		return 0;
	}
	if (x->prev_missing)
		return bad(ctx, st, "changes after 'no RESULTS'");
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		p = skip_prefix(s + 2, change_kind_name(kinds[i]));
		if (p && starts_with(p, ": "))
			break;
	}
	if (i == ARRAY_SIZE(kinds))
		return delta_line(ctx, st, s);
	if (read_item(p + 2, &c))
		return bad(ctx, st, "expected 'KIND: SOURCE STATUS NAME' or 'KIND: TOOL SEVERITY SOURCE CATEGORY FILE: MESSAGE'");
	c.kind = kinds[i];
	change_add(x, &c);
	st->want_occurrences = c.kind == CHANGE_MORE && c.diag;
	return 0;
}

/* "LINK[ intermittent][ since SINCE]" */
static int read_known_ref(const char *p, struct known_ref *r)
{
	const char *w;

	memset(r, 0, sizeof(*r));
	r->link = word(&p);
	if (!r->link)
		return -1;
	w = word(&p);
	if (w && !strcmp(w, "intermittent")) {
		r->intermittent = true;
		w = word(&p);
	}
	if (w && !strcmp(w, "since")) {
		r->since = word(&p);
		if (!r->since)
			return -1;
		w = word(&p);
	}
	return w ? -1 : 0;
}

/* The end of a known issue's lines: its note, and that it had items. */
static int known_done(struct parse_ctx *ctx, struct rstate *st)
{
	struct summary_ext *x = &st->s->ext;
	const char *note = NULL;

	if (st->knote_lines)
		note = intern(st->knote.buf);
	if (st->kref_state == KREF_UNSEEN)
		x->known[st->kref_hit].ref.note = note;
	else if (st->kref_state == KREF_SEEN && !st->kref_items)
		return bad(ctx, st, "known issue without a matched item");
	else if (st->kref_state == KREF_SEEN)
		st->kref.note = note;
	strbuf_reset(&st->knote);
	st->knote_lines = 0;
	st->kref_state = KREF_NONE;
	return 0;
}

static int known_line(struct parse_ctx *ctx, struct rstate *st,
		      const char *s)
{
	struct summary_ext *x = &st->s->ext;
	struct known_hit h = { 0 };
	const char *p;

	if ((p = skip_prefix(s, "    |"))) {
		if (st->kref_state == KREF_NONE || st->kref_items ||
		    (*p && *p != ' '))
			return bad(ctx, st, "note line without a known issue");
		if (st->knote_lines++)
			strbuf_addch(&st->knote, '\n');
		strbuf_addstr(&st->knote, *p ? p + 1 : p);
		return 0;
	}
	if (starts_with(s, "    ") && s[4] != ' ') {
		if (st->kref_state != KREF_SEEN)
			return bad(ctx, st, "matched item without a known issue");
		if (!st->kref_items && st->knote_lines)
			st->kref.note = intern(st->knote.buf);
		h.seen = true;
		h.ref = st->kref;
		if (read_item(s + 4, &h.item))
			return bad(ctx, st, "expected 'SOURCE STATUS NAME' or 'TOOL SEVERITY SOURCE CATEGORY FILE: MESSAGE'");
		known_hit_add(x, &h);
		st->kref_items++;
		return 0;
	}
	if (known_done(ctx, st))
		return -1;
	if (!starts_with(s, "  ") || s[2] == ' ')
		return bad(ctx, st, "expected a known issue");
	p = skip_prefix(s, "  known issue not seen in this release: ");
	if (read_known_ref(p ? p : s + 2, &st->kref))
		return bad(ctx, st, "expected 'LINK [intermittent] [since RELEASE]'");
	st->kref_items = 0;
	if (p) {
		h.ref = st->kref;
		known_hit_add(x, &h);
		st->kref_hit = x->nr_known - 1;
		st->kref_state = KREF_UNSEEN;
	} else {
		st->kref_state = KREF_SEEN;
	}
	return 0;
}

static int coverage_line(struct parse_ctx *ctx, struct rstate *st,
			 const char *s)
{
	struct summary_ext *x = &st->s->ext;
	const char *p, *name;
	bool suite;

	if ((p = skip_prefix(s, "  configuration "))) {
		if (!*p || *p == ' ')
			return bad(ctx, st, "expected 'configuration LABELS'");
		if (x->nr_cov && strcmp(x->cov[x->nr_cov - 1].config, p) >= 0)
			return bad_token(ctx, st, "configuration out of order:", p);
		st->cov = coverage_get(x, p);
		st->last_name = NULL;
		return 0;
	}
	p = skip_prefix(s, "    dir ");
	suite = !p;
	if (suite)
		p = skip_prefix(s, "    suite ");
	if (!p || !*p || strchr(p, ' '))
		return bad(ctx, st, "expected 'configuration LABELS', 'dir DIR' or 'suite SUITE'");
	if (!st->cov)
		return bad(ctx, st, "coverage without a configuration");
	name = intern(p);
	if (st->last_name && (st->last_suite > suite ||
			      (st->last_suite == suite &&
			       strcmp(st->last_name, name) >= 0)))
		return bad_token(ctx, st, "coverage out of order:", p);
	nameset_add(suite ? &st->cov->suites : &st->cov->dirs, name);
	st->last_name = name;
	st->last_suite = suite;
	return 0;
}

/* The end of a section: nothing may be left half-read. */
static int section_done(struct parse_ctx *ctx, struct rstate *st)
{
	if (st->want_occurrences)
		return bad(ctx, st, "expected 'occurrences OLD -> NEW'");
	if (st->sec == SEC_KNOWN)
		return known_done(ctx, st);
	return 0;
}

static int section_title(struct parse_ctx *ctx, struct rstate *st,
			 const char *s)
{
	static const struct {
		const char *title;
		enum section sec;
	} titles[] = {
		{ "Summary", SEC_SUMMARY },
		{ "CI systems", SEC_ORIGINS },
		{ "Failures", SEC_FAILURES },
		{ "Skips", SEC_SKIPS },
		{ "Notices", SEC_NOTICES },
		{ "Known issues", SEC_KNOWN },
		{ "Coverage", SEC_COVERAGE },
	};
	enum section sec = SEC_TOOLS;
	const char *prev = skip_prefix(s, "Changes since ");
	size_t i;

	for (i = 0; i < ARRAY_SIZE(titles); i++)
		if (!strcmp(s, titles[i].title))
			sec = titles[i].sec;
	if (prev && *prev && !strchr(prev, ' '))
		sec = SEC_CHANGES;
	if (section_done(ctx, st))
		return -1;
	if (sec < st->sec || (sec == st->sec && sec != SEC_TOOLS) ||
	    (sec == SEC_TOOLS && st->sec < SEC_SUMMARY))
		return bad_token(ctx, st, "section out of order:", s);
	if (st->sec == SEC_HEADER && !st->seen_format)
		return bad(ctx, st, "no 'format' line in the header");
	flush_reason(st);
	st->last_fail = NULL;
	st->last_count = NULL;
	st->last_diag = NULL;
	st->sec = sec;
	if (sec == SEC_SUMMARY)
		st->seen_summary = true;
	if (sec == SEC_CHANGES) {
		st->s->ext.has_changes = true;
		st->s->ext.prev = intern(prev);
	}
	if (sec == SEC_KNOWN)
		st->s->ext.has_known = true;
	return sec == SEC_TOOLS ? tool_section(ctx, st, s) : 0;
}

/* "  [... 12 more]" */
static bool is_more_line(const char *s)
{
	const char *p = skip_prefix(s, "  [... ");
	unsigned long n;

	return p && parse_ulong(p, &p, &n) && !strcmp(p, " more]");
}

static bool results_line(struct parse_ctx *ctx, void *priv,
			 const struct line *l)
{
	struct rstate *st = priv;
	const char *s = l->s;

	/* offered only a RESULTS input's lines: @st is set (results_begin()) */
	if (st->failed)
		return true;
	if (!*s) {
		if (section_done(ctx, st))
			return true;
		flush_reason(st);
		st->last_fail = NULL;
		st->last_count = NULL;
		st->last_diag = NULL;
		return true;
	}
	if (s[0] != ' ' && ctx->line > 1) {
		section_title(ctx, st, s);
		return true;
	}
	if (st->s->abridged && is_more_line(s)) {
		/* where --max-lines cut a list */
		flush_reason(st);
		st->last_fail = NULL;
		st->last_count = NULL;
		st->last_diag = NULL;
		return true;
	}
	switch (st->sec) {
	case SEC_HEADER:
		header_line(ctx, st, s);
		break;
	case SEC_SUMMARY:
		summary_line(ctx, st, s);
		break;
	case SEC_ORIGINS:
		origin_line(ctx, st, s);
		break;
	case SEC_FAILURES:
	case SEC_SKIPS:
		failure_line(ctx, st, s);
		break;
	case SEC_TOOLS:
		diag_line(ctx, st, s);
		break;
	case SEC_NOTICES:
		notice_line(ctx, st, s);
		break;
	case SEC_CHANGES:
		changes_line(ctx, st, s);
		break;
	case SEC_KNOWN:
		known_line(ctx, st, s);
		break;
	case SEC_COVERAGE:
		coverage_line(ctx, st, s);
		break;
	}
	return true;
}

static void *results_begin(struct parse_ctx *ctx)
{
	struct rstate *st;

	if (strcmp(ctx->in->kind, "results"))
		return NULL;
	st = xcalloc(1, sizeof(*st));
	st->s = xcalloc(1, sizeof(*st->s));
	summary_init(st->s);
	strbuf_init(&st->reason);
	strbuf_init(&st->knote);
	return st;
}

/* The failures listed under a CI system are as many as it counts. */
static int check_ci_failures(struct parse_ctx *ctx, struct rstate *st)
{
	const struct summary *s = st->s;
	size_t i, k;

	for (k = 1; k < s->nr_cifail; k++)
		if (summary_cmp_ci_failure(&s->cifail[k - 1],
					   &s->cifail[k]) > 0)
			return parse_error_at(ctx, st->cf_line[k],
					      "CI failure out of order: '%s'",
					      s->cifail[k].name);
	for (i = 0; i < s->nr_origin; i++) {
		const struct origin_counts *o = &s->origin[i];
		unsigned long n[TEST_NR_STATUS] = { 0 }, builds = 0;

		for (k = 0; k < s->nr_cifail; k++) {
			if (s->cifail[k].origin != o->origin)
				continue;
			if (s->cifail[k].build)
				builds++;
			else
				n[s->cifail[k].status]++;
		}
		if (builds != o->builds_failed ||
		    n[TEST_FAIL] != o->tests[TEST_FAIL] ||
		    n[TEST_ERROR] != o->tests[TEST_ERROR])
			return parse_error_at(ctx, st->ci_line[i],
					      "the counts of CI system '%s' disagree with its failures",
					      o->origin);
	}
	return 0;
}

/*
 * The Summary must agree with the lists below it: a RESULTS cut short, or
 * edited by hand into something else, is broken input, not a release.
 */
static int check_counts(struct parse_ctx *ctx, struct rstate *st)
{
	struct summary *s = st->s;
	size_t i, k;

	for (i = 0; i < st->nr_sum; i++) {
		struct source_counts *c = summary_source(s, st->sum[i].source);
		unsigned long n[SEV_NR] = { 0 }, groups = 0;

		for (k = 0; k < s->nr_diag; k++) {
			if (s->diag[k].source != c->source)
				continue;
			n[s->diag[k].severity] += s->diag[k].count;
			groups++;
		}
		for (k = 0; k < SEV_NR; k++)
			if (n[k] != c->diags[k])
				return parse_error_at(ctx, st->sum[i].line,
						      "summary says %lu %s diagnostics of '%s', the list has %lu",
						      c->diags[k],
						      severity_name(k),
						      c->source, n[k]);
		if (groups != st->sum[i].unique)
			return parse_error_at(ctx, st->sum[i].line,
					      "summary says %lu unique diagnostics of '%s', the list has %lu",
					      st->sum[i].unique, c->source,
					      groups);
	}
	/* a source with notices but no summary line has a count of 0 */
	for (k = 0; k < s->nr_notice; k++)
		summary_source(s, s->notice[k].source);
	for (i = 0; i < s->nr_src; i++) {
		const struct source_counts *c = &s->src[i];
		unsigned long n = 0;

		for (k = 0; k < s->nr_notice; k++)
			if (s->notice[k].source == c->source)
				n += s->notice[k].count;
		if (n != c->notices)
			return parse_error(ctx,
					   "summary says %lu notices of '%s', the list has %lu",
					   c->notices, c->source, n);
	}
	for (i = 0; i < st->nr_tool; i++) {
		const struct tool_title *t = &st->tool[i];
		unsigned long n[SEV_NR] = { 0 }, groups = 0;

		for (k = 0; k < s->nr_diag; k++) {
			if (s->diag[k].tool != t->tool)
				continue;
			n[s->diag[k].severity] += s->diag[k].count;
			groups++;
		}
		if (memcmp(n, t->n, sizeof(n)) || groups != t->unique)
			return parse_error_at(ctx, t->line,
					      "the counts of '%s' disagree with its list",
					      t->tool);
	}
	for (k = 0; k < s->nr_diag; k++)
		if (!summary_source(s, s->diag[k].source)->has_diags)
			return parse_error(ctx, "diagnostics of '%s' missing from the summary",
					   s->diag[k].source);
	return check_ci_failures(ctx, st);
}

static int results_end(struct parse_ctx *ctx, void *priv)
{
	struct rstate *st = priv;
	struct results *res = ctx->res;
	int ret = 0;

	if (!st)
		return 0;
	/* the stream stopped on an error of its own: say nothing more */
	if (ctx->failed)
		st->failed = true;
	flush_reason(st);
	if (!st->failed)
		section_done(ctx, st);
	/* an empty file is wrong on its line 1, as for JSON */
	if (!st->failed && st->sec < SEC_SUMMARY)
		ret = parse_error_at(ctx, ctx->line ? ctx->line : 1,
				     "no 'Summary' section: truncated RESULTS");
	else if (!st->failed && !st->seen_summary)
		ret = parse_error(ctx, "no 'Summary' section");
	else if (!st->failed && !st->s->abridged)
		ret = check_counts(ctx, st);
	if (st->failed)
		ret = -1;
	if (!ret) {
		if (!res->imported) {
			res->imported = xcalloc(1, sizeof(*res->imported));
			summary_init(res->imported);
		}
		summary_merge(res->imported, st->s);
	}
	summary_release(st->s);
	free(st->s);
	free(st->sum);
	free(st->tool);
	free(st->ci_line);
	free(st->cf_line);
	strbuf_release(&st->reason);
	strbuf_release(&st->knote);
	free(st);
	return ret;
}

/**
 * results_read_buffer() - read RESULTS held in memory, e.g. from git
 * @name: what messages call it: "v6.1.191:RESULTS"
 * @buf: the bytes
 * @len: their number
 * @s: the release read is added to it
 *
 * The same strict reader as for a RESULTS input; a carriage return at the
 * end of a line is dropped.
 *
 * Return: 0, or -1 after an error message.
 */
int results_read_buffer(const char *name, const char *buf, size_t len,
			struct summary *s)
{
	struct strbuf line = STRBUF_INIT;
	struct parse_ctx ctx = { 0 };
	const char *p = buf, *end = buf + len;
	struct results res;
	struct rstate *st;
	int ret;

	results_init(&res);
	ctx.res = &res;
	ctx.in = results_add_input(&res, name, "results");
	ctx.path = ctx.in->name;
	st = results_begin(&ctx);
	while (p < end) {
		const char *e = memchr(p, '\n', end - p);
		size_t n = (e ? e : end) - p;
		struct line l;

		if (n && p[n - 1] == '\r')
			n--;
		strbuf_reset(&line);
		strbuf_add(&line, p, n);
		line_init(&l, line.buf, line.len, ++ctx.line);
		results_line(&ctx, st, &l);
		p = e ? e + 1 : end;
	}
	ret = results_end(&ctx, st);
	if (!ret && res.imported)
		summary_merge(s, res.imported);
	results_release(&res);
	strbuf_release(&line);
	return ret;
}

static int results_probe(const char *head, size_t len)
{
	if (len > 12 && !memcmp(head, "Results for ", 12) &&
	    memmem(head, len, "\n  format   ", 12))
		return 100;
	return 0;
}

const struct parser parser_results = {
	.name = "results",
	.probe = results_probe,
	.begin = results_begin,
	.line = results_line,
	.end = results_end,
};
