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
	SEC_SUMMARY,
	SEC_FAILURES,
	SEC_TOOLS,		/* one section per tool */
	SEC_NOTICES,
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
};

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
	if (status != TEST_FAIL && status != TEST_ERROR)
		return bad_token(ctx, st, "failure status must be FAIL or ERROR, not", w);
	f.status = status;
	f.name = intern(p + 1);
	summary_add_failure(st->s, &f);
	st->last_fail = &st->s->fail[st->s->nr_fail - 1];
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

/* "  SEVERITY SOURCE CATEGORY FILE: MESSAGE" in the section of a tool */
static int diag_line(struct parse_ctx *ctx, struct rstate *st,
		     const char *s)
{
	struct diag_group d = { .count = 1 };
	const char *p = s, *colon, *sev;
	char *file;
	int sv;

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
	st->last_count = &summary_add_diag(st->s, &d)->count;
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

static int section_title(struct parse_ctx *ctx, struct rstate *st,
			 const char *s)
{
	static const struct {
		const char *title;
		enum section sec;
	} titles[] = {
		{ "Summary", SEC_SUMMARY },
		{ "Failures", SEC_FAILURES },
		{ "Notices", SEC_NOTICES },
	};
	enum section sec = SEC_TOOLS;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(titles); i++)
		if (!strcmp(s, titles[i].title))
			sec = titles[i].sec;
	if (sec < st->sec || (sec == st->sec && sec != SEC_TOOLS) ||
	    (sec == SEC_TOOLS && st->sec < SEC_SUMMARY))
		return bad_token(ctx, st, "section out of order:", s);
	if (st->sec == SEC_HEADER && !st->seen_format)
		return bad(ctx, st, "no 'format' line in the header");
	flush_reason(st);
	st->last_fail = NULL;
	st->last_count = NULL;
	st->sec = sec;
	if (sec == SEC_SUMMARY)
		st->seen_summary = true;
	return sec == SEC_TOOLS ? tool_section(ctx, st, s) : 0;
}

static bool results_line(struct parse_ctx *ctx, void *priv,
			 const struct line *l)
{
	struct rstate *st = priv;
	const char *s = l->s;

	if (!st)
		return false;
	if (st->failed)
		return true;
	if (!*s) {
		flush_reason(st);
		st->last_fail = NULL;
		st->last_count = NULL;
		return true;
	}
	if (s[0] != ' ' && ctx->line > 1) {
		section_title(ctx, st, s);
		return true;
	}
	switch (st->sec) {
	case SEC_HEADER:
		header_line(ctx, st, s);
		break;
	case SEC_SUMMARY:
		summary_line(ctx, st, s);
		break;
	case SEC_FAILURES:
		failure_line(ctx, st, s);
		break;
	case SEC_TOOLS:
		diag_line(ctx, st, s);
		break;
	case SEC_NOTICES:
		notice_line(ctx, st, s);
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
	return st;
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
	return 0;
}

static int results_end(struct parse_ctx *ctx, void *priv)
{
	struct rstate *st = priv;
	struct results *res = ctx->res;
	int ret = 0;

	if (!st)
		return 0;
	flush_reason(st);
	if (!st->failed && st->sec == SEC_HEADER)
		ret = parse_error(ctx, "no 'Summary' section: truncated RESULTS");
	else if (!st->failed && !st->seen_summary)
		ret = parse_error(ctx, "no 'Summary' section");
	else if (!st->failed)
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
	strbuf_release(&st->reason);
	free(st);
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
