// SPDX-License-Identifier: GPL-2.0
/*
 * JSON output: one record per line for "results parse --json", and the
 * whole model for "results render --format=json". Keys come in a fixed
 * order; the machine interface is documented in results.rst.
 */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "render.h"
#include "summary.h"

static const char *const type_names[] = {
	[REC_TEST] = "test",
	[REC_DIAG] = "diagnostic",
	[REC_BUILD] = "build",
	[REC_NOTICE] = "notice",
};

static void context_field(struct strbuf *out, bool *first, const char *ctx)
{
	const char *p = ctx;
	bool f = true;

	jw_key(out, first, "context");
	strbuf_addch(out, '[');
	while (*p) {
		const char *e = strchrnul(p, '\n');
		char *line = xstrndup(p, e - p);

		if (!f)
			strbuf_addch(out, ',');
		f = false;
		jw_string(out, line);
		free(line);
		p = *e ? e + 1 : e;
	}
	strbuf_addch(out, ']');
}

/**
 * render_record_json() - one record as a JSON object, without newline
 * @r: the record
 * @out: where it goes
 */
void render_record_json(const struct record *r, struct strbuf *out)
{
	bool first = true;
	unsigned int i;

	strbuf_addch(out, '{');
	jw_str_field(out, &first, "type", type_names[r->type]);
	jw_str_field(out, &first, "source", r->source);
	switch (r->type) {
	case REC_TEST:
		jw_key(out, &first, "path");
		strbuf_addch(out, '[');
		for (i = 0; i < r->depth; i++) {
			if (i)
				strbuf_addch(out, ',');
			jw_string(out, r->path[i]);
		}
		strbuf_addch(out, ']');
		jw_str_field(out, &first, "status",
			     test_status_name(r->status));
		if (r->reason)
			jw_str_field(out, &first, "reason", r->reason);
		break;
	case REC_DIAG:
		jw_str_field(out, &first, "tool", r->tool);
		jw_str_field(out, &first, "severity",
			     severity_name(r->severity));
		jw_str_field(out, &first, "file", r->file);
		jw_pos_field(out, &first, "line", r->line);
		jw_pos_field(out, &first, "column", r->column);
		jw_str_field(out, &first, "category", r->category);
		jw_str_field(out, &first, "message", r->message);
		if (r->includer)
			jw_str_field(out, &first, "includer", r->includer);
		if (r->werror)
			jw_bool_field(out, &first, "werror", true);
		if (r->context)
			context_field(out, &first, r->context);
		break;
	case REC_BUILD:
		jw_str_field(out, &first, "status", r->failed ? "FAIL" :
			     "PASS");
		jw_str_field(out, &first, "target", r->target);
		jw_str_field(out, &first, "message", r->message);
		break;
	case REC_NOTICE:
		jw_str_field(out, &first, "tool", r->tool);
		jw_str_field(out, &first, "message", r->message);
		break;
	}
	jw_str_field(out, &first, "input", r->input);
	jw_pos_field(out, &first, "input_line", r->input_line);
	strbuf_addch(out, '}');
}

static void names_field(struct strbuf *out, bool *first, const char *key,
			const struct nameset *set)
{
	size_t i;

	jw_key(out, first, key);
	strbuf_addch(out, '[');
	for (i = 0; i < set->nr; i++) {
		if (i)
			strbuf_addch(out, ',');
		jw_string(out, set->name[i]);
	}
	strbuf_addch(out, ']');
}

static void render_input(const struct input *in, struct strbuf *out)
{
	bool first = true, lf = true;
	size_t i;

	strbuf_addch(out, '{');
	jw_str_field(out, &first, "name", in->name);
	jw_str_field(out, &first, "kind", in->kind);
	jw_key(out, &first, "labels");
	strbuf_addch(out, '{');
	for (i = 0; i < in->nr_label; i++)
		jw_str_field(out, &lf, in->label[i].key, in->label[i].value);
	strbuf_addch(out, '}');
	names_field(out, &first, "units", &in->units);
	names_field(out, &first, "checked", &in->checked);
	names_field(out, &first, "suites", &in->suites);
	names_field(out, &first, "scripts", &in->scripts);
	names_field(out, &first, "dirs", &in->dirs);
	names_field(out, &first, "dtbs", &in->dtbs);
	names_field(out, &first, "bindings", &in->bindings);
	names_field(out, &first, "tools", &in->tools);
	jw_ulong_field(out, &first, "records", in->nr_rec);
	strbuf_addch(out, '}');
}

/* A RESULTS token back to JSON: "-" stands for none. */
static void token_field(struct strbuf *out, bool *first, const char *key,
			const char *tok)
{
	jw_str_field(out, first, key, strcmp(tok, "-") ? tok : NULL);
}

static void render_counts(const struct source_counts *c, struct strbuf *out)
{
	bool first = true, f;
	int i;

	strbuf_addch(out, '{');
	jw_str_field(out, &first, "source", c->source);
	if (c->has_tests) {
		jw_key(out, &first, "tests");
		strbuf_addch(out, '{');
		for (i = 0, f = true; i < TEST_NR_STATUS; i++)
			jw_ulong_field(out, &f, test_status_name(i),
				       c->tests[i]);
		strbuf_addch(out, '}');
	}
	if (c->has_builds) {
		jw_ulong_field(out, &first, "builds", c->builds);
		jw_ulong_field(out, &first, "builds_failed", c->builds_failed);
	}
	if (c->has_diags) {
		jw_key(out, &first, "diagnostics");
		strbuf_addch(out, '{');
		for (i = 0, f = true; i < SEV_NR; i++)
			jw_ulong_field(out, &f, severity_name(i),
				       c->diags[i]);
		strbuf_addch(out, '}');
	}
	jw_ulong_field(out, &first, "notices", c->notices);
	strbuf_addch(out, '}');
}

/*
 * The summary as RESULTS shows it: grouped by identity, with counts. It
 * holds what RESULTS inputs brought, which have no records.
 */
static void render_summary(const struct summary *s, struct strbuf *out)
{
	bool first = true, f;
	size_t i;

	strbuf_addch(out, '{');
	jw_key(out, &first, "sources");
	strbuf_addch(out, '[');
	for (i = 0; i < s->nr_src; i++) {
		if (i)
			strbuf_addch(out, ',');
		render_counts(&s->src[i], out);
	}
	strbuf_addch(out, ']');
	jw_key(out, &first, "failures");
	strbuf_addch(out, '[');
	for (i = 0; i < s->nr_fail; i++) {
		f = true;
		strbuf_addstr(out, i ? ",{" : "{");
		jw_str_field(out, &f, "source", s->fail[i].source);
		jw_str_field(out, &f, "status",
			     test_status_name(s->fail[i].status));
		jw_str_field(out, &f, "name", s->fail[i].name);
		jw_str_field(out, &f, "reason", s->fail[i].reason);
		strbuf_addch(out, '}');
	}
	strbuf_addch(out, ']');
	jw_key(out, &first, "skips");
	strbuf_addch(out, '[');
	for (i = 0; i < s->nr_skip; i++) {
		f = true;
		strbuf_addstr(out, i ? ",{" : "{");
		jw_str_field(out, &f, "source", s->skip[i].source);
		jw_str_field(out, &f, "name", s->skip[i].name);
		jw_str_field(out, &f, "reason", s->skip[i].reason);
		strbuf_addch(out, '}');
	}
	strbuf_addch(out, ']');
	jw_key(out, &first, "diagnostics");
	strbuf_addch(out, '[');
	for (i = 0; i < s->nr_diag; i++) {
		const struct diag_group *d = &s->diag[i];

		f = true;
		strbuf_addstr(out, i ? ",{" : "{");
		jw_str_field(out, &f, "severity", severity_name(d->severity));
		jw_str_field(out, &f, "source", d->source);
		jw_str_field(out, &f, "tool", d->tool);
		token_field(out, &f, "category", d->category);
		token_field(out, &f, "file", d->file);
		jw_str_field(out, &f, "message", d->message);
		jw_ulong_field(out, &f, "count", d->count);
		if (d->inc)
			names_field(out, &f, "includers", d->inc);
		strbuf_addch(out, '}');
	}
	strbuf_addch(out, ']');
	jw_key(out, &first, "notices");
	strbuf_addch(out, '[');
	for (i = 0; i < s->nr_notice; i++) {
		f = true;
		strbuf_addstr(out, i ? ",{" : "{");
		jw_str_field(out, &f, "source", s->notice[i].source);
		jw_str_field(out, &f, "tool", s->notice[i].tool);
		jw_str_field(out, &f, "message", s->notice[i].message);
		jw_ulong_field(out, &f, "count", s->notice[i].count);
		strbuf_addch(out, '}');
	}
	strbuf_addstr(out, "]}");
}

static int cmp_input(const void *pa, const void *pb)
{
	const struct input *a = *(const struct input *const *)pa;
	const struct input *b = *(const struct input *const *)pb;
	int c = strcmp(a->kind, b->kind);

	if (!c)
		c = strcmp(a->display, b->display);
	if (!c)
		c = strcmp(a->name, b->name);
	return c;
}

static void add_record(const struct record *r, bool *first,
		       struct strbuf *out)
{
	if (!*first)
		strbuf_addstr(out, ",\n");
	*first = false;
	render_record_json(r, out);
}

/**
 * render_json() - the whole model as one JSON document
 * @res: the records and inputs
 * @s: the finished summary of the same release
 * @out: where it goes
 *
 * Inputs are sorted by kind and name, and each input's records follow in
 * the order the input gave them, so that the order of the command line
 * does not change the bytes. The summary that RESULTS shows comes last;
 * it also holds what RESULTS inputs brought.
 */
void render_json(const struct results *res, const struct summary *s,
		 struct strbuf *out)
{
	const struct input **in = xmalloc((res->nr_in + 1) * sizeof(*in));
	bool first = true, rfirst = true;
	size_t i, k;

	for (i = 0; i < res->nr_in; i++)
		in[i] = &res->in[i];
	qsort(in, res->nr_in, sizeof(*in), cmp_input);

	strbuf_addch(out, '{');
	jw_str_field(out, &first, "release", s->release);
	jw_str_field(out, &first, "commit", s->commit);
	jw_key(out, &first, "inputs");
	strbuf_addch(out, '[');
	for (i = 0; i < res->nr_in; i++) {
		if (i)
			strbuf_addch(out, ',');
		render_input(in[i], out);
	}
	strbuf_addstr(out, "]");
	jw_key(out, &first, "records");
	strbuf_addstr(out, "[\n");
	for (i = 0; i < res->nr_in; i++)
		for (k = 0; k < in[i]->nr_rec; k++)
			add_record(&res->rec[in[i]->first_rec + k], &rfirst,
				   out);
	/* records of no input: --notice */
	for (i = 0; i < res->nr; i++)
		if (!res->rec[i].input)
			add_record(&res->rec[i], &rfirst, out);
	strbuf_addstr(out, "\n]");
	jw_key(out, &first, "summary");
	render_summary(s, out);
	strbuf_addstr(out, "}\n");
	free(in);
}
