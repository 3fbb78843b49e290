// SPDX-License-Identifier: GPL-2.0
/*
 * KCIDB output: "results render --format=kcidb" writes the release as
 * KCIDB v5.3 I/O JSON, for kcidb-submit.
 *
 *   - one checkout: the commit, the release (git describe) and the tree;
 *   - one build per make run of a build log, with the input's labels
 *     (arch, compiler, config), its status and its first errors; an
 *     input with no make run (a KTAP file, a sparse log) gets a build
 *     with no status, which only carries its tests and findings;
 *   - one test per test result, its path made of sanitised names
 *     ([a-zA-Z0-9_-]), the original names in misc.names;
 *   - checker findings (sparse, coccinelle, dt, ...) as issues, one per
 *     distinct finding, with one incident per build it was seen in.
 *     Compiler diagnostics are counted in the build's misc and quoted in
 *     its log excerpt.
 *
 * Ids are "ORIGIN:" and a hash of what the object is, never of where the
 * inputs were: rendering the same inputs again gives the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render.h"
#include "summary.h"

#define EXCERPT_ERRORS	10
#define EXCERPT_MAX	16384
#define INCIDENT_LINES	20

struct kid {
	uint64_t h;
};

static void kid_init(struct kid *k)
{
	k->h = 0xcbf29ce484222325ULL;	/* FNV-1a, 64 bits */
}

static void kid_add(struct kid *k, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	for (; *p; p++) {
		k->h ^= *p;
		k->h *= 0x100000001b3ULL;
	}
	/* a separator, so that "ab","c" and "a","bc" differ */
	k->h ^= 0xff;
	k->h *= 0x100000001b3ULL;
}

static void kid_add_ulong(struct kid *k, unsigned long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lu", v);
	kid_add(k, buf);
}

static json_t *kid_id(const struct kid *k, const char *origin)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s:%016llx", origin,
		 (unsigned long long)k->h);
	return json_string(buf);
}

/* A string as JSON: bytes that are not UTF-8 become '?'. */
static json_t *jstr_n(const char *s, size_t len)
{
	json_t *v = json_stringn(s, len);
	char *copy;
	size_t i;

	if (v)
		return v;
	copy = xstrndup(s, len);
	for (i = 0; i < len; i++)
		if ((unsigned char)copy[i] >= 0x80 || !copy[i])
			copy[i] = '?';
	v = json_stringn(copy, len);
	free(copy);
	return v;
}

static json_t *jstr(const char *s)
{
	return jstr_n(s, strlen(s));
}

/* At most @max bytes of @s, not cutting a UTF-8 sequence. */
static json_t *jstr_cut(const char *s, size_t max)
{
	size_t len = strlen(s);

	if (len > max) {
		len = max;
		while (len && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	return jstr_n(s, len);
}

static void set_str(json_t *o, const char *key, const char *s)
{
	if (s && *s)
		json_object_set_new(o, key, jstr(s));
}

/* A test name as a KCIDB path component: [a-zA-Z0-9_-]+ */
static void add_component(struct strbuf *sb, const char *name)
{
	size_t start = sb->len;

	for (; *name; name++)
		strbuf_addch(sb, is_alnum(*name) || *name == '-' ||
			     *name == '_' ? *name : '_');
	if (sb->len == start)
		strbuf_addch(sb, '_');
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

struct kout {
	const char *origin;
	json_t *checkout_id;
	json_t *builds, *tests, *issues, *incidents;
	json_t *issue_by_id, *incident_by_id;
};

static bool is_checker(const struct record *r)
{
	return r->type == REC_DIAG && strcmp(r->source, "build") &&
	       strcmp(r->source, "kcidb");
}

static json_t *new_build(struct kout *ko, const struct input *in,
			 unsigned long nth, const struct record *make)
{
	json_t *b = json_object(), *misc = json_object();
	const char *compiler = input_label(in, "compiler");
	const char *version = input_label(in, "compiler_version");
	const char *arch;
	struct kid k;

	kid_init(&k);
	kid_add(&k, json_string_value(ko->checkout_id));
	kid_add(&k, in->kind);
	kid_add(&k, in->display);
	kid_add_ulong(&k, nth);
	json_object_set_new(b, "id", kid_id(&k, ko->origin));
	json_object_set_new(b, "origin", json_string(ko->origin));
	json_object_set(b, "checkout_id", ko->checkout_id);
	arch = input_label(in, "arch");
	/* KCIDB: ^[a-z0-9_]*$; another spelling stays in misc */
	if (arch && strspn(arch, "abcdefghijklmnopqrstuvwxyz0123456789_") ==
	    strlen(arch))
		set_str(b, "architecture", arch);
	else
		set_str(misc, "arch", arch);
	if (compiler && version) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%s %s", compiler, version);
		set_str(b, "compiler", sb.buf);
		strbuf_release(&sb);
	} else {
		set_str(b, "compiler", compiler);
	}
	set_str(b, "config_name", input_label(in, "config"));
	if (make)
		json_object_set_new(b, "status",
				    json_string(make->failed ? "FAIL" : "PASS"));
	set_str(misc, "input", in->display);
	set_str(misc, "kind", in->kind);
	set_str(misc, "w", input_label(in, "w"));
	if (make)
		set_str(misc, "target", make->target);
	json_object_set_new(b, "misc", misc);
	json_array_append_new(ko->builds, b);
	return b;
}

/* The first errors of an input's build, and its diagnostic counts. */
static void build_diags(const struct results *res, const struct input *in,
			json_t *b)
{
	unsigned long count[SEV_NR] = { 0 };
	struct strbuf ex = STRBUF_INIT;
	json_t *misc = json_object_get(b, "misc");
	unsigned int nr_ex = 0;
	size_t i;

	for (i = 0; i < in->nr_rec; i++) {
		const struct record *r = &res->rec[in->first_rec + i];

		if (r->type != REC_DIAG || is_checker(r))
			continue;
		count[r->severity]++;
		if (r->severity != SEV_ERROR || nr_ex >= EXCERPT_ERRORS)
			continue;
		nr_ex++;
		if (r->file)
			strbuf_addf(&ex, "%s:", r->file);
		if (r->line)
			strbuf_addf(&ex, "%lu:", r->line);
		if (r->column)
			strbuf_addf(&ex, "%lu:", r->column);
		strbuf_addf(&ex, "%serror: %s\n", ex.len ? " " : "",
			    r->message ? r->message : "");
	}
	if (ex.len)
		json_object_set_new(b, "log_excerpt",
				    jstr_cut(ex.buf, EXCERPT_MAX));
	if (count[SEV_ERROR] || count[SEV_WARNING]) {
		json_object_set_new(misc, "errors",
				    json_integer(count[SEV_ERROR]));
		json_object_set_new(misc, "warnings",
				    json_integer(count[SEV_WARNING]));
	}
	strbuf_release(&ex);
}

static void add_test(struct kout *ko, json_t *build, const struct record *r,
		     unsigned long nth)
{
	json_t *t = json_object(), *misc = json_object();
	json_t *names = json_array();
	struct strbuf path = STRBUF_INIT;
	unsigned int i;
	struct kid k;

	for (i = 0; i < r->depth; i++) {
		if (i)
			strbuf_addch(&path, '.');
		add_component(&path, r->path[i]);
		json_array_append_new(names, jstr(r->path[i]));
	}
	kid_init(&k);
	kid_add(&k, json_string_value(json_object_get(build, "id")));
	kid_add(&k, path.buf);
	kid_add_ulong(&k, nth);
	json_object_set_new(t, "id", kid_id(&k, ko->origin));
	json_object_set_new(t, "origin", json_string(ko->origin));
	json_object_set(t, "build_id", json_object_get(build, "id"));
	json_object_set_new(t, "path", jstr(path.buf));
	json_object_set_new(t, "status",
			    json_string(r->status == TEST_PASS ? "PASS" :
					r->status == TEST_FAIL ? "FAIL" :
					r->status == TEST_SKIP ? "SKIP" :
					"ERROR"));
	if (r->reason)
		json_object_set_new(t, "log_excerpt",
				    jstr_cut(r->reason, EXCERPT_MAX));
	json_object_set_new(misc, "names", names);
	set_str(misc, "source", r->source);
	json_object_set_new(t, "misc", misc);
	json_array_append_new(ko->tests, t);
	strbuf_release(&path);
}

static void add_finding(struct kout *ko, json_t *build,
			const struct record *r)
{
	const char *build_id = json_string_value(json_object_get(build, "id"));
	json_t *issue_id, *issue, *inc, *misc, *lines;
	struct strbuf sb = STRBUF_INIT;
	const char *iid;
	struct kid k;

	kid_init(&k);
	kid_add(&k, r->source);
	kid_add(&k, r->tool);
	kid_add(&k, severity_name(r->severity));
	kid_add(&k, r->category);
	kid_add(&k, r->file);
	kid_add(&k, r->message);
	issue_id = kid_id(&k, ko->origin);
	iid = json_string_value(issue_id);
	if (!json_object_get(ko->issue_by_id, iid)) {
		issue = json_object();
		misc = json_object();
		json_object_set(issue, "id", issue_id);
		json_object_set_new(issue, "origin", json_string(ko->origin));
		json_object_set_new(issue, "version", json_integer(1));
		strbuf_addf(&sb, "%s %s: ", r->tool ? r->tool : r->source,
			    severity_name(r->severity));
		if (r->file)
			strbuf_addf(&sb, "%s: ", r->file);
		strbuf_addstr(&sb, r->message ? r->message : "");
		json_object_set_new(issue, "comment", jstr_cut(sb.buf, 1024));
		json_object_set_new(issue, "culprit",
				    json_pack("{sb}", "code", 1));
		set_str(misc, "source", r->source);
		set_str(misc, "tool", r->tool);
		set_str(misc, "severity", severity_name(r->severity));
		set_str(misc, "category", r->category);
		set_str(misc, "file", r->file);
		set_str(misc, "message", r->message);
		json_object_set_new(issue, "misc", misc);
		json_object_set_new(ko->issue_by_id, iid, json_true());
		json_array_append_new(ko->issues, issue);
	}
	kid_init(&k);
	kid_add(&k, iid);
	kid_add(&k, build_id);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s:%016llx", ko->origin, (unsigned long long)k.h);
	inc = json_object_get(ko->incident_by_id, sb.buf);
	if (!inc) {
		inc = json_object();
		json_object_set_new(inc, "id", json_string(sb.buf));
		json_object_set_new(inc, "origin", json_string(ko->origin));
		json_object_set(inc, "issue_id", issue_id);
		json_object_set_new(inc, "issue_version", json_integer(1));
		json_object_set_new(inc, "build_id", json_string(build_id));
		json_object_set_new(inc, "present", json_true());
		json_object_set_new(inc, "misc",
				    json_pack("{siso}", "count", 0, "lines",
					      json_array()));
		json_object_set(ko->incident_by_id, sb.buf, inc);
		json_array_append_new(ko->incidents, inc);
	}
	misc = json_object_get(inc, "misc");
	json_object_set_new(misc, "count", json_integer(
		json_integer_value(json_object_get(misc, "count")) + 1));
	lines = json_object_get(misc, "lines");
	if (r->line && json_array_size(lines) < INCIDENT_LINES)
		json_array_append_new(lines, json_integer(r->line));
	json_decref(issue_id);
	strbuf_release(&sb);
}

static void render_input(struct kout *ko, const struct results *res,
			 const struct input *in)
{
	unsigned long nth_build = 0, nth_test = 0;
	json_t *build = NULL;
	size_t i;

	for (i = 0; i < in->nr_rec; i++) {
		const struct record *r = &res->rec[in->first_rec + i];

		if (r->type == REC_BUILD)
			build = new_build(ko, in, nth_build++, r);
	}
	/* the tests and findings go with the input's last make run */
	for (i = 0; i < in->nr_rec; i++) {
		const struct record *r = &res->rec[in->first_rec + i];

		if (r->type != REC_TEST && !is_checker(r))
			continue;
		if (!build)
			build = new_build(ko, in, nth_build++, NULL);
		if (r->type == REC_TEST)
			add_test(ko, build, r, nth_test++);
		else
			add_finding(ko, build, r);
	}
	if (build && json_object_get(build, "status"))
		build_diags(res, in, build);
}

/**
 * render_kcidb() - the release as KCIDB v5.3 I/O JSON
 * @res: the records and inputs (not folded)
 * @s: the finished summary: release and commit
 * @origin: the submitting CI system, matching ^[a-z0-9_]+$
 * @tree_url: the https:// URL of the git repository, or NULL
 * @out: where it goes
 *
 * Inputs are taken sorted by kind and name, as in render_json(), and
 * keys are sorted, so that the bytes depend on the inputs' content only.
 */
void render_kcidb(const struct results *res, const struct summary *s,
		  const char *origin, const char *tree_url, struct strbuf *out)
{
	const struct input **in = xmalloc((res->nr_in + 1) * sizeof(*in));
	struct kout ko = { .origin = origin };
	json_t *root, *co = json_object();
	const char *c = s->commit;
	struct kid k;
	char *text;
	size_t i;

	kid_init(&k);
	kid_add(&k, s->commit);
	kid_add(&k, s->release);
	kid_add(&k, tree_url);
	ko.checkout_id = kid_id(&k, origin);
	json_object_set(co, "id", ko.checkout_id);
	json_object_set_new(co, "origin", json_string(origin));
	if (c && strlen(c) == 40 && strspn(c, "0123456789abcdef") == 40)
		json_object_set_new(co, "git_commit_hash", json_string(c));
	set_str(co, "git_commit_name", s->release);
	if (tree_url && starts_with(tree_url, "https://"))
		set_str(co, "git_repository_url", tree_url);
	ko.builds = json_array();
	ko.tests = json_array();
	ko.issues = json_array();
	ko.incidents = json_array();
	ko.issue_by_id = json_object();
	ko.incident_by_id = json_object();

	for (i = 0; i < res->nr_in; i++)
		in[i] = &res->in[i];
	qsort(in, res->nr_in, sizeof(*in), cmp_input);
	/* what CI systems sent is theirs to submit, not ours */
	for (i = 0; i < res->nr_in; i++)
		if (strcmp(in[i]->kind, "kcidb"))
			render_input(&ko, res, in[i]);

	root = json_pack("{s{sisi}s[o]soso}", "version", "major", 5,
			 "minor", 3, "checkouts", co, "builds", ko.builds,
			 "tests", ko.tests);
	if (json_array_size(ko.issues)) {
		json_object_set(root, "issues", ko.issues);
		json_object_set(root, "incidents", ko.incidents);
	}
	text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2));
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	free(text);
	json_decref(root);
	json_decref(ko.issues);
	json_decref(ko.incidents);
	json_decref(ko.issue_by_id);
	json_decref(ko.incident_by_id);
	json_decref(ko.checkout_id);
	free(in);
}
