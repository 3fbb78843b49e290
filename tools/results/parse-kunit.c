// SPDX-License-Identifier: GPL-2.0
/*
 * The kunit kind: what kunit.py --json writes.
 *
 * The document is one recursive group: {"name", "sub_groups": [group...],
 * "test_cases": [{"name", "status"}...], metadata repeated in every group,
 * and since v6.16 "misc" counts}. The top group is kunit.py's root
 * ("KUnit Test Group"), so a leaf's path starts at the group below it.
 * The file form holds one document; the stdout form has kunit.py's human
 * lines before it and "Elapsed time" after it; --run_isolated prints one
 * document per boot. The stream reader finds the documents; this file
 * only walks them.
 *
 * Without --json, kunit.py's standard output holds only its human lines,
 * "[HH:MM:SS] " and then a divider, a group's header or footer, a result
 * or the log of a failed test; they are read too. The JSON is the truth:
 * its document comes after the human lines, so those are held per input
 * and dropped when a document arrives, and given as records at the end
 * only when none did.
 */
#include <stdio.h>
#include <string.h>

#include "parser.h"
#include "strbuf.h"

struct kunit_counts {
	unsigned long status[TEST_NR_STATUS];
};

struct walk {
	struct parse_ctx *ctx;
	unsigned long line;
	const char **path;
	unsigned int depth, alloc;
	struct strbuf jpath;
};

static int type_error(struct walk *w, const char *key, const char *want)
{
	size_t len = w->jpath.len;
	int ret;

	if (key)
		strbuf_addf(&w->jpath, "%s%s", len ? "." : "", key);
	ret = parse_json_error(w->ctx, w->jpath.len ? w->jpath.buf : "(top)",
			       "expected %s", want);
	strbuf_setlen(&w->jpath, len);
	return ret;
}

static int map_status(const char *s)
{
	/* kunit_json.py: SUCCESS→PASS, SKIPPED→SKIP, TEST_CRASHED→ERROR */
	return test_status_parse(s);
}

static int leaf(struct walk *w, json_t *tc, struct kunit_counts *cnt)
{
	json_t *name = json_object_get(tc, "name");
	json_t *status = json_object_get(tc, "status");
	struct record *r;
	int st;

	if (!json_is_object(tc))
		return type_error(w, NULL, "object");
	if (!json_is_string(name))
		return type_error(w, "name", "string");
	if (!json_is_string(status))
		return type_error(w, "status", "string");
	st = map_status(json_string_value(status));
	if (st < 0) {
		strbuf_addstr(&w->jpath, ".status");
		return parse_json_error(w->ctx, w->jpath.buf,
					"unknown status '%s'",
					json_string_value(status));
	}
	cnt->status[st]++;

	r = results_add(w->ctx->res, REC_TEST, "kunit", w->ctx->in, w->line);
	r->status = st;
	r->depth = w->depth + 1;
	r->path = xmalloc(r->depth * sizeof(*r->path));
	if (w->depth)
		memcpy(r->path, w->path, w->depth * sizeof(*r->path));
	r->path[w->depth] = intern(json_string_value(name));
	return 0;
}

static int check_misc(struct walk *w, json_t *misc,
		      const struct kunit_counts *cnt, const char *group)
{
	static const struct {
		const char *key;
		int status;		/* -1: the sum */
	} keys[] = {
		{ "tests", -1 },
		{ "passed", TEST_PASS },
		{ "failed", TEST_FAIL },
		{ "crashed", TEST_ERROR },
		{ "skipped", TEST_SKIP },
	};
	struct strbuf diff = STRBUF_INIT;
	unsigned long total = 0;
	json_t *v;
	size_t i;

	if (!json_is_object(misc))
		return type_error(w, "misc", "object");
	for (i = 0; i < TEST_NR_STATUS; i++)
		total += cnt->status[i];
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		unsigned long want;

		v = json_object_get(misc, keys[i].key);
		if (!v)
			continue;
		if (!json_is_integer(v) || json_integer_value(v) < 0) {
			strbuf_release(&diff);
			strbuf_addstr(&w->jpath, w->jpath.len ? ".misc" : "misc");
			return type_error(w, keys[i].key,
					  "non-negative integer");
		}
		want = keys[i].status < 0 ? total : cnt->status[keys[i].status];
		if ((unsigned long)json_integer_value(v) != want)
			strbuf_addf(&diff, "%s%s %lld, tests give %lu",
				    diff.len ? "; " : "", keys[i].key,
				    (long long)json_integer_value(v), want);
	}
	/* one notice per group, naming every count that disagrees */
	if (diff.len)
		parse_notice(w->ctx, "kunit", "kunit.py",
			     "group '%s': misc counts disagree: %s", group,
			     diff.buf);
	strbuf_release(&diff);
	v = json_object_get(misc, "errors");
	if (v && !json_is_integer(v)) {
		strbuf_addstr(&w->jpath, w->jpath.len ? ".misc" : "misc");
		return type_error(w, "errors", "integer");
	}
	if (!w->depth && v && json_integer_value(v) > 0)
		parse_notice(w->ctx, "kunit", "kunit.py",
			     "kunit.py reported %lld parser errors",
			     (long long)json_integer_value(v));
	return 0;
}

static int array_of(struct walk *w, json_t *group, const char *key,
		    json_t **arr)
{
	*arr = json_object_get(group, key);
	if (!*arr)
		return 0;
	if (!json_is_array(*arr))
		return type_error(w, key, "array");
	return 0;
}

static int walk_group(struct walk *w, json_t *group, struct kunit_counts *out)
{
	struct kunit_counts cnt = { { 0 } };
	json_t *name, *subs, *cases, *misc, *v;
	size_t i, len = w->jpath.len;
	int ret = 0;

	if (!json_is_object(group))
		return type_error(w, NULL, "object");
	name = json_object_get(group, "name");
	if (!json_is_string(name))
		return type_error(w, "name", "string");
	if (array_of(w, group, "sub_groups", &subs) ||
	    array_of(w, group, "test_cases", &cases))
		return -1;
	if (w->depth == 1)
		nameset_add(&w->ctx->in->suites, json_string_value(name));

	json_array_foreach(subs, i, v) {
		struct kunit_counts sub = { { 0 } };
		unsigned int k;

		strbuf_addf(&w->jpath, "%ssub_groups[%zu]", len ? "." : "", i);
		ALLOC_GROW(w->path, w->depth + 1, w->alloc);
		w->path[w->depth] = intern(json_string_value(
			json_object_get(v, "name")) ?: "");
		w->depth++;
		ret = walk_group(w, v, &sub);
		w->depth--;
		strbuf_setlen(&w->jpath, len);
		if (ret)
			return ret;
		for (k = 0; k < TEST_NR_STATUS; k++)
			cnt.status[k] += sub.status[k];
	}
	json_array_foreach(cases, i, v) {
		strbuf_addf(&w->jpath, "%stest_cases[%zu]", len ? "." : "", i);
		ret = leaf(w, v, &cnt);
		strbuf_setlen(&w->jpath, len);
		if (ret)
			return ret;
	}
	misc = json_object_get(group, "misc");
	if (misc && check_misc(w, misc, &cnt, json_string_value(name)))
		return -1;
	strbuf_setlen(&w->jpath, len);
	for (i = 0; i < TEST_NR_STATUS; i++)
		out->status[i] += cnt.status[i];
	return 0;
}

static bool is_kunit_doc(json_t *doc)
{
	return json_is_object(doc) && json_object_get(doc, "name") &&
	       (json_object_get(doc, "sub_groups") ||
		json_object_get(doc, "test_cases"));
}

/* kunit.py's console lines */

/* A failed test's log lines kept, at most */
#define CONSOLE_LOG_LINES	16
#define CONSOLE_LOG_LINE	200

struct held_test {
	const char **path;
	unsigned int depth;
	enum test_status status;
	char *reason;
	unsigned long line;
};

struct held_notice {
	char *message;
	unsigned long line;
};

struct console_group {
	const char *name;	/* interned; "" until its footer names it */
	size_t first;		/* its first held test */
};

struct console {
	bool json;		/* a document came: the lines are not counted */
	bool in_run;		/* between kunit.py's two dividers */
	size_t run_first;	/* the run's first held test */
	struct held_test *test;
	size_t nr_test, alloc_test;
	struct held_notice *notice;
	size_t nr_notice, alloc_notice;
	struct console_group *grp;
	unsigned int depth, alloc_grp;
	struct strbuf log;	/* the lines before the next failed result */
	unsigned int log_lines;
	bool log_cut;
};

static void *kunit_begin(struct parse_ctx *ctx)
{
	struct console *c = xcalloc(1, sizeof(*c));

	(void)ctx;
	strbuf_init(&c->log);
	return c;
}

static void console_drop(struct console *c)
{
	size_t i;

	for (i = 0; i < c->nr_test; i++) {
		free(c->test[i].path);
		free(c->test[i].reason);
	}
	for (i = 0; i < c->nr_notice; i++)
		free(c->notice[i].message);
	c->nr_test = 0;
	c->nr_notice = 0;
}

static void __printf(3, 4) hold_notice(struct console *c, unsigned long line,
				       const char *fmt, ...)
{
	struct held_notice *n;
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ALLOC_GROW(c->notice, c->nr_notice + 1, c->alloc_notice);
	n = &c->notice[c->nr_notice++];
	n->message = xstrdup(buf);
	n->line = line;
}

static void reset_log(struct console *c)
{
	strbuf_reset(&c->log);
	c->log_lines = 0;
	c->log_cut = false;
}

static void hold_test(struct console *c, const char *name, size_t len,
		      enum test_status st, unsigned long line)
{
	struct held_test *t;
	unsigned int i;

	ALLOC_GROW(c->test, c->nr_test + 1, c->alloc_test);
	t = &c->test[c->nr_test++];
	t->depth = c->depth + (name ? 1 : 0);
	t->path = xmalloc((t->depth ? t->depth : 1) * sizeof(*t->path));
	for (i = 0; i < c->depth; i++)
		t->path[i] = c->grp[i].name;
	if (name)
		t->path[c->depth] = intern_n(name, len);
	t->status = st;
	t->line = line;
	t->reason = NULL;
	if ((st == TEST_FAIL || st == TEST_ERROR) && c->log.len) {
		if (c->log_cut)
			strbuf_addstr(&c->log, "\n[...]");
		t->reason = xstrdup(c->log.buf);
	}
	reset_log(c);
}

/* "[PASSED] ", "[FAILED] "... as kunit_parser.py prints them */
static int console_status(const char *p, const char **name)
{
	static const struct {
		const char *word;
		enum test_status st;
	} words[] = {
		{ "[PASSED] ", TEST_PASS },
		{ "[FAILED] ", TEST_FAIL },
		{ "[SKIPPED] ", TEST_SKIP },
		{ "[CRASHED] ", TEST_ERROR },
		/* kunit.py's JSON writes FAIL for a test that ran none */
		{ "[NO TESTS RUN] ", TEST_FAIL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if ((*name = skip_prefix(p, words[i].word)))
			return words[i].st;
	if (!strcmp(p, "[CRASHED]")) {
		*name = p + strlen(p);
		return TEST_ERROR;
	}
	return -1;
}

static void console_footer(struct console *c, const char *inner,
			   unsigned long line)
{
	struct console_group *g;
	const char *name;
	int st = console_status(inner, &name);
	size_t i;

	if (!c->depth)
		return;
	g = &c->grp[c->depth - 1];
	if (st >= 0 && !*g->name && *name) {
		/* a group without "# Subtest:" is named by its footer */
		g->name = intern(name);
		for (i = g->first; i < c->nr_test; i++)
			c->test[i].path[c->depth - 1] = g->name;
	}
	if (st >= 0 && g->first == c->nr_test) {
		/* a group without results: kunit.py makes it a test case */
		hold_test(c, NULL, 0, st, line);
	}
	c->depth--;
}

static void console_header(struct console *c, const char *inner)
{
	const char *open = strrchr(inner, '(');
	size_t len = strlen(inner);

	if (open && (ends_with(inner, " subtests)") ||
		     ends_with(inner, " subtest)")) &&
	    is_digit(open[1])) {
		len = open - inner;
		while (len && inner[len - 1] == ' ')
			len--;
	}
	ALLOC_GROW(c->grp, c->depth + 1, c->alloc_grp);
	c->grp[c->depth].name = intern_n(inner, len);
	c->grp[c->depth].first = c->nr_test;
	c->depth++;
}

/* "Testing complete. Ran 3 tests: passed: 2, skipped: 1" */
static void console_summary(struct console *c, const char *p,
			    unsigned long line)
{
	static const char *const keys[] = {
		"passed", "failed", "crashed", "skipped", "errors",
	};
	unsigned long want[5] = { 0 }, got[5] = { 0 }, ran;
	struct strbuf diff = STRBUF_INIT;
	size_t i;

	if (!parse_ulong(p, &p, &ran))
		return;
	for (i = c->run_first; i < c->nr_test; i++) {
		switch (c->test[i].status) {
		case TEST_PASS:
			got[0]++;
			break;
		case TEST_FAIL:
			got[1]++;
			break;
		case TEST_ERROR:
			got[2]++;
			break;
		case TEST_SKIP:
			got[3]++;
			break;
		case TEST_NR_STATUS:
			break;
		}
	}
	p = skip_prefix(p, " tests");
	p = p && *p == ':' ? p + 1 : NULL;
	while (p && *p) {
		unsigned long v;

		p = skip_spaces(p);
		for (i = 0; i < ARRAY_SIZE(keys); i++) {
			const char *q = skip_prefix(p, keys[i]);

			if (q && *q == ':' && parse_ulong(skip_spaces(q + 1),
							  &q, &v)) {
				want[i] = v;
				p = *q == ',' ? q + 1 : q;
				break;
			}
		}
		if (i == ARRAY_SIZE(keys))
			break;
	}
	if (ran != c->nr_test - c->run_first)
		strbuf_addf(&diff, "ran %lu, lines give %zu", ran,
			    c->nr_test - c->run_first);
	for (i = 0; i < 4; i++)
		if (want[i] != got[i])
			strbuf_addf(&diff, "%s%s %lu, lines give %lu",
				    diff.len ? "; " : "", keys[i], want[i],
				    got[i]);
	if (diff.len)
		hold_notice(c, line, "kunit.py's summary disagrees with its result lines: %s",
			    diff.buf);
	if (want[4])
		hold_notice(c, line, "kunit.py reported %lu parser errors",
			    want[4]);
	strbuf_release(&diff);
}

static bool is_stamp(const char *s)
{
	return s[0] == '[' && is_digit(s[1]) && is_digit(s[2]) &&
	       s[3] == ':' && is_digit(s[4]) && is_digit(s[5]) &&
	       s[6] == ':' && is_digit(s[7]) && is_digit(s[8]) &&
	       s[9] == ']' && s[10] == ' ';
}

static bool all_equals(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != '=')
			return false;
	return len > 0;
}

/*
 * A line of kunit.py's console after its "[HH:MM:SS] " stamp. Kept out
 * of kunit_line(), so that the lines without a stamp, all the lines of
 * most logs, are turned away without the set-up this one needs.
 */
static __noinline bool console_line(struct console *c,
				     const struct line *l)
{
	static const char *const outside[] = {
		"Starting KUnit Kernel", "Configuring KUnit Kernel",
		"Building KUnit Kernel", "Elapsed time:",
		"Test results stored in", "Failures: ",
		"Generating .config", "Populating config",
	};
	const char *p = l->s + 11, *name;
	size_t len = l->len - 11, i;
	int st;

	if (len == 60 && all_equals(p, len)) {
		c->in_run = !c->in_run;
		if (c->in_run) {
			c->depth = 0;
			c->run_first = c->nr_test;
			reset_log(c);
		}
		return true;
	}
	if (!c->in_run) {
		const char *q = skip_prefix(p, "Testing complete. Ran ");

		if (q) {
			console_summary(c, q, l->nr);
			return true;
		}
		for (i = 0; i < ARRAY_SIZE(outside); i++)
			if (starts_with(p, outside[i]))
				return true;
		return false;
	}
	if (len > 2 && p[0] == '=' && p[len - 1] == '=') {
		/* "==== name (2 subtests) ====" or "==== [PASSED] name ====" */
		struct strbuf inner = STRBUF_INIT;
		size_t a = 0, b = len;

		while (a < b && p[a] == '=')
			a++;
		while (b > a && p[b - 1] == '=')
			b--;
		while (a < b && p[a] == ' ')
			a++;
		while (b > a && p[b - 1] == ' ')
			b--;
		strbuf_add(&inner, p + a, b - a);
		if (inner.buf[0] == '[')
			console_footer(c, inner.buf, l->nr);
		else
			console_header(c, inner.buf);
		strbuf_release(&inner);
		return true;
	}
	st = console_status(p, &name);
	if (st >= 0) {
		hold_test(c, name, strlen(name), st, l->nr);
		return true;
	}
	if (starts_with(p, "[ERROR] Test: ")) {
		hold_notice(c, l->nr, "kunit.py: %s", p + 8);
		return true;
	}
	/* the log of the failed test that comes next */
	if (c->log_lines < CONSOLE_LOG_LINES) {
		if (c->log_lines++)
			strbuf_addch(&c->log, '\n');
		strbuf_add(&c->log, p, len < CONSOLE_LOG_LINE ? len :
			   CONSOLE_LOG_LINE);
	} else {
		c->log_cut = true;
	}
	return true;
}

static bool kunit_line(struct parse_ctx *ctx, void *priv,
		       const struct line *l)
{
	(void)ctx;
	/* the '[' first: every line has a first byte, if only its NUL */
	if (l->s[0] != '[' || l->len < 11 || !is_stamp(l->s))
		return false;
	return console_line(priv, l);
}

/* kunit_line() turns away every line that does not start with '[' */
static bool kunit_first(unsigned char c, unsigned char lead)
{
	(void)lead;
	return c == '[';
}

static int kunit_end(struct parse_ctx *ctx, void *priv)
{
	struct console *c = priv;
	unsigned long saved = ctx->line;
	size_t i;

	for (i = 0; !c->json && i < c->nr_test; i++) {
		struct held_test *t = &c->test[i];
		struct record *r;

		r = results_add(ctx->res, REC_TEST, "kunit", ctx->in, t->line);
		r->status = t->status;
		r->depth = t->depth;
		r->path = t->path;
		r->reason = t->reason;
		t->path = NULL;
		t->reason = NULL;
		if (r->depth >= 2)
			nameset_add(&ctx->in->suites, r->path[0]);
	}
	for (i = 0; !c->json && i < c->nr_notice; i++) {
		ctx->line = c->notice[i].line;
		parse_notice(ctx, "kunit", "kunit.py", "%s",
			     c->notice[i].message);
	}
	ctx->line = saved;
	console_drop(c);
	free(c->test);
	free(c->notice);
	free(c->grp);
	strbuf_release(&c->log);
	free(c);
	return 0;
}

static int kunit_json(struct parse_ctx *ctx, void *priv, json_t *doc,
		      unsigned long line)
{
	struct walk w = { .ctx = ctx, .line = line, .jpath = STRBUF_INIT };
	struct kunit_counts cnt = { { 0 } };
	struct console *c = priv;
	json_t *arch;
	unsigned long total = 0;
	size_t i;
	int ret;

	if (!is_kunit_doc(doc))
		return 0;
	/* the JSON is the truth: kunit.py's human lines are not counted */
	c->json = true;
	console_drop(c);
	arch = json_object_get(doc, "arch");
	if (json_is_string(arch) && json_string_length(arch))
		input_set_label(ctx->in, "arch", json_string_value(arch),
				false);
	ret = walk_group(&w, doc, &cnt);
	free(w.path);
	strbuf_release(&w.jpath);
	if (ret)
		return -1;
	for (i = 0; i < TEST_NR_STATUS; i++)
		total += cnt.status[i];
	if (!total) {
		ctx->line = line;
		parse_notice(ctx, "kunit", "kunit.py", "kunit.py ran no tests");
	}
	return 1;
}

static int kunit_probe(const char *head, size_t len)
{
	if (memmem(head, len, "\"KUnit Test Group\"", 18) ||
	    (memmem(head, len, "\"sub_groups\"", 12) &&
	     memmem(head, len, "\"test_cases\"", 12)))
		return 50;
	if (memmem(head, len, "] Testing complete. ", 20) ||
	    memmem(head, len, "] Starting KUnit Kernel", 23) ||
	    memmem(head, len, "] Configuring KUnit Kernel", 26))
		return 20;
	return 0;
}

const struct parser parser_kunit = {
	.name = "kunit",
	.probe = kunit_probe,
	.begin = kunit_begin,
	.line = kunit_line,
	.first = kunit_first,
	.json = kunit_json,
	.end = kunit_end,
};
