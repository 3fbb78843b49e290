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
 */
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

static int kunit_json(struct parse_ctx *ctx, void *priv, json_t *doc,
		      unsigned long line)
{
	struct walk w = { .ctx = ctx, .line = line, .jpath = STRBUF_INIT };
	struct kunit_counts cnt = { { 0 } };
	json_t *arch;
	unsigned long total = 0;
	size_t i;
	int ret;

	(void)priv;
	if (!is_kunit_doc(doc))
		return 0;
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
	.json = kunit_json,
};
