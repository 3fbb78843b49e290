// SPDX-License-Identifier: GPL-2.0
/*
 * The kcidb kind: KCIDB I/O JSON, v4.x and v5.x, as kcidb-query dumps it
 * or as KernelCI, CKI or syzbot submit it (../shared/formats.md (g)).
 *
 * The document is {"version": {"major", "minor"}, "checkouts": [...],
 * "builds": [...], "tests": [...], "issues": [...], "incidents": [...]};
 * every object names its origin (the CI system) and its id, and objects
 * link by id. One file may hold the objects of several origins.
 *
 * What becomes a record:
 *   - a build with a status: REC_BUILD (FAIL and ERROR failed; PASS and
 *     DONE did not). A build with no status, MISS or SKIP did not build
 *     anything that can be counted: it only carries tests;
 *   - a test: REC_TEST, its dotted path split into names (the original
 *     names when misc.names holds them, as "results render
 *     --format=kcidb" writes); no status counts as SKIP;
 *   - an incident that is present: REC_DIAG of its issue. It also links
 *     its issue to the build or test it names, when that is in the same
 *     document: the record's @issues gets a line for it, so that RESULTS
 *     lists the issue under the failure it explains.
 * Checkouts are checked for structure only. v4 builds give "valid"
 * instead of "status".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "strbuf.h"

struct kissue {
	const char *id;			/* interned */
	json_t *obj;
};

/* A build or test of the document that became a record */
struct kobj {
	const char *id;			/* interned */
	size_t rec;			/* its index in res->rec */
};

struct kobjs {
	struct kobj *v;
	size_t nr, alloc;
	bool sorted;
};

struct kwalk {
	struct parse_ctx *ctx;
	unsigned long line;
	struct strbuf jpath;
	struct kissue *issue;
	size_t nr_issue, alloc_issue;
	struct kobjs builds, tests;
};

static const char *const kcidb_status[] = {
	"FAIL", "ERROR", "MISS", "PASS", "DONE", "SKIP",
};

static int kerr(struct kwalk *w, const char *key, const char *fmt,
		const char *arg)
{
	size_t len = w->jpath.len;

	if (key)
		strbuf_addf(&w->jpath, ".%s", key);
	parse_json_error(w->ctx, w->jpath.buf, fmt, arg);
	strbuf_setlen(&w->jpath, len);
	return -1;
}

/*
 * An optional string member: 0 with *@out NULL when absent, -1 after an
 * error when it is not a string.
 */
static int opt_str(struct kwalk *w, json_t *obj, const char *key,
		   const char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return kerr(w, key, "expected %s", "string");
	*out = json_string_value(v);
	return 0;
}

static int req_str(struct kwalk *w, json_t *obj, const char *key,
		   const char **out)
{
	if (!json_object_get(obj, key))
		return kerr(w, key, "missing: %s is required", key);
	if (opt_str(w, obj, key, out))
		return -1;
	if (!*out)
		return kerr(w, key, "expected %s", "string");
	return 0;
}

static bool is_origin(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

/* An id: "ORIGIN:anything", ORIGIN as an origin. */
static int req_id(struct kwalk *w, json_t *obj, const char *key,
		  const char **out)
{
	const char *colon;
	char *prefix;
	bool ok;

	if (req_str(w, obj, key, out))
		return -1;
	colon = strchr(*out, ':');
	if (!colon)
		return kerr(w, key, "expected an id 'origin:...', got '%s'",
			    *out);
	prefix = xstrndup(*out, colon - *out);
	ok = is_origin(prefix);
	free(prefix);
	if (!ok)
		return kerr(w, key, "expected an id 'origin:...', got '%s'",
			    *out);
	return 0;
}

static int req_origin(struct kwalk *w, json_t *obj, const char **out)
{
	if (req_str(w, obj, "origin", out))
		return -1;
	if (!is_origin(*out))
		return kerr(w, "origin", "expected [a-z0-9_]+, got '%s'",
			    *out);
	return 0;
}

/* An optional status: -1 after an error; *@st -1 when absent. */
static int opt_status(struct kwalk *w, json_t *obj, int *st)
{
	const char *s;
	size_t i;

	*st = -1;
	if (opt_str(w, obj, "status", &s))
		return -1;
	if (!s)
		return 0;
	for (i = 0; i < ARRAY_SIZE(kcidb_status); i++)
		if (!strcmp(s, kcidb_status[i])) {
			*st = i;
			return 0;
		}
	return kerr(w, "status", "unknown status '%s'", s);
}

static int opt_type(struct kwalk *w, json_t *obj, const char *key,
		    bool (*is)(const json_t *), const char *want)
{
	json_t *v = json_object_get(obj, key);

	if (v && !json_is_null(v) && !is(v))
		return kerr(w, key, "expected %s", want);
	return 0;
}

static bool is_obj(const json_t *v)
{
	return json_is_object(v);
}

static bool is_bool(const json_t *v)
{
	return json_is_boolean(v);
}

static int req_int(struct kwalk *w, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return kerr(w, key, "missing: %s is required", key);
	if (!json_is_integer(v))
		return kerr(w, key, "expected %s", "integer");
	return 0;
}

static void remember(struct kobjs *set, const char *id, size_t rec)
{
	ALLOC_GROW(set->v, set->nr + 1, set->alloc);
	set->v[set->nr].id = intern(id);
	set->v[set->nr++].rec = rec;
	set->sorted = false;
}

static int cmp_kobj(const void *pa, const void *pb)
{
	const struct kobj *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);

	/* the same id twice: the first one wins */
	if (!c)
		c = (a->rec > b->rec) - (a->rec < b->rec);
	return c;
}

/* The record of the build or test @id of this document, or NULL. */
static struct record *find_obj(struct kwalk *w, struct kobjs *set,
			       const char *id)
{
	size_t lo = 0, hi = set->nr;

	if (!id)
		return NULL;
	if (!set->sorted && set->nr > 1)
		qsort(set->v, set->nr, sizeof(*set->v), cmp_kobj);
	set->sorted = true;
	/* the first entry whose id is not below @id */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(set->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == set->nr || strcmp(set->v[lo].id, id))
		return NULL;
	return &w->ctx->res->rec[set->v[lo].rec];
}

static int walk_checkout(struct kwalk *w, json_t *o)
{
	const char *s;

	if (req_id(w, o, "id", &s) || req_origin(w, o, &s) ||
	    opt_str(w, o, "git_commit_hash", &s) ||
	    opt_str(w, o, "git_commit_name", &s) ||
	    opt_str(w, o, "git_repository_url", &s) ||
	    opt_type(w, o, "valid", is_bool, "boolean") ||
	    opt_type(w, o, "misc", is_obj, "object"))
		return -1;
	return 0;
}

static int walk_build(struct kwalk *w, json_t *o)
{
	const char *id, *origin, *ck, *arch, *config, *excerpt, *url, *s;
	json_t *valid = json_object_get(o, "valid");
	struct strbuf target = STRBUF_INIT;
	struct record *r;
	int st;

	if (req_id(w, o, "id", &id) || req_origin(w, o, &origin) ||
	    req_id(w, o, "checkout_id", &ck) || opt_status(w, o, &st) ||
	    opt_str(w, o, "architecture", &arch) ||
	    opt_str(w, o, "config_name", &config) ||
	    opt_str(w, o, "log_excerpt", &excerpt) ||
	    opt_str(w, o, "log_url", &url) || opt_str(w, o, "compiler", &s) ||
	    opt_type(w, o, "valid", is_bool, "boolean") ||
	    opt_type(w, o, "misc", is_obj, "object"))
		return -1;
	/* v4: "valid" instead of "status" */
	if (st < 0 && json_is_boolean(valid))
		st = json_is_true(valid) ? 3 : 0;
	/* no status, MISS, SKIP: nothing was built */
	if (st < 0 || st == 2 || st == 5)
		return 0;
	r = results_add(w->ctx->res, REC_BUILD, "kcidb", w->ctx->in, w->line);
	remember(&w->builds, id, w->ctx->res->nr - 1);
	r->origin = intern(origin);
	r->log_url = url && *url ? intern(url) : NULL;
	r->failed = st <= 1;
	if (arch)
		strbuf_addstr(&target, arch);
	if (config)
		strbuf_addf(&target, "%s%s", target.len ? " " : "", config);
	r->target = target.len ? intern(target.buf) : NULL;
	strbuf_release(&target);
	if (excerpt && *excerpt)
		r->message = xstrndup(excerpt, strcspn(excerpt, "\n"));
	return 0;
}

/* misc.names: the original names, one per path component */
static bool original_names(json_t *o, size_t n)
{
	json_t *names = json_object_get(json_object_get(o, "misc"), "names");
	json_t *v;
	size_t i;

	if (!json_is_array(names) || json_array_size(names) != n)
		return false;
	json_array_foreach(names, i, v)
		if (!json_is_string(v))
			return false;
	return true;
}

static int walk_test(struct kwalk *w, json_t *o)
{
	static const int map[] = {
		TEST_FAIL, TEST_ERROR, TEST_SKIP, TEST_PASS, TEST_PASS,
		TEST_SKIP,
	};
	const char *id, *origin, *build, *path, *url, *comment, *p;
	json_t *names;
	struct record *r;
	unsigned int i, n;
	int st;

	if (req_id(w, o, "id", &id) || req_origin(w, o, &origin) ||
	    req_id(w, o, "build_id", &build) ||
	    opt_str(w, o, "path", &path) || opt_status(w, o, &st) ||
	    opt_str(w, o, "log_url", &url) ||
	    opt_str(w, o, "comment", &comment) ||
	    opt_type(w, o, "misc", is_obj, "object") ||
	    opt_type(w, o, "number", is_obj, "object"))
		return -1;
	r = results_add(w->ctx->res, REC_TEST, "kcidb", w->ctx->in, w->line);
	remember(&w->tests, id, w->ctx->res->nr - 1);
	r->origin = intern(origin);
	r->log_url = url && *url ? intern(url) : NULL;
	r->status = st < 0 ? TEST_SKIP : map[st];
	if (!path || !*path)
		path = "(root)";
	for (n = 1, p = path; *p; p++)
		n += *p == '.';
	r->depth = n;
	r->path = xmalloc(n * sizeof(*r->path));
	names = json_object_get(json_object_get(o, "misc"), "names");
	if (original_names(o, n)) {
		for (i = 0; i < n; i++)
			r->path[i] = intern(json_string_value(
				json_array_get(names, i)));
	} else {
		for (i = 0, p = path; i < n; i++) {
			size_t len = strcspn(p, ".");

			r->path[i] = intern_n(p, len);
			p += len + (p[len] == '.');
		}
	}
	if (url) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "log: %s", url);
		r->reason = strbuf_detach(&sb);
	} else if (st < 0)
		r->reason = xstrdup("no status");
	else if (comment && *comment)
		r->reason = xstrdup(comment);
	return 0;
}

static int walk_issue(struct kwalk *w, json_t *o)
{
	const char *id, *s;

	if (req_id(w, o, "id", &id) || req_origin(w, o, &s))
		return -1;
	if (req_int(w, o, "version") ||
	    opt_str(w, o, "comment", &s) ||
	    opt_str(w, o, "report_url", &s) ||
	    opt_str(w, o, "report_subject", &s) ||
	    opt_type(w, o, "culprit", is_obj, "object") ||
	    opt_type(w, o, "misc", is_obj, "object"))
		return -1;
	ALLOC_GROW(w->issue, w->nr_issue + 1, w->alloc_issue);
	w->issue[w->nr_issue].id = intern(id);
	w->issue[w->nr_issue++].obj = o;
	return 0;
}

static const char *misc_str(json_t *issue, const char *key)
{
	json_t *v = json_object_get(json_object_get(issue, "misc"), key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The issue @id of this document, its highest version, or NULL. */
static json_t *find_issue(struct kwalk *w, const char *id)
{
	json_int_t best = -1;
	json_t *ret = NULL;
	size_t i;

	for (i = 0; i < w->nr_issue; i++) {
		json_int_t v = json_integer_value(
			json_object_get(w->issue[i].obj, "version"));

		if (!strcmp(w->issue[i].id, id) && v > best) {
			best = v;
			ret = w->issue[i].obj;
		}
	}
	return ret;
}

/*
 * An issue as one line under the failure it explains: its comment (else
 * its report subject, else its id), its culprits, its report URL.
 */
static char *issue_text(json_t *issue, const char *id)
{
	static const char *const culprits[] = { "code", "tool", "harness" };
	json_t *culprit = json_object_get(issue, "culprit");
	struct strbuf sb = STRBUF_INIT;
	const char *text, *url, *sep = " (culprit: ";
	size_t i;

	text = json_string_value(json_object_get(issue, "comment"));
	if (!text || !*text)
		text = json_string_value(json_object_get(issue,
							 "report_subject"));
	if (!text || !*text)
		text = id;
	strbuf_addstr(&sb, text);
	for (i = 0; i < ARRAY_SIZE(culprits); i++) {
		if (!json_is_true(json_object_get(culprit, culprits[i])))
			continue;
		strbuf_addf(&sb, "%s%s", sep, culprits[i]);
		sep = ", ";
	}
	if (*sep == ',')
		strbuf_addch(&sb, ')');
	url = json_string_value(json_object_get(issue, "report_url"));
	if (url && *url)
		strbuf_addf(&sb, " %s", url);
	for (i = 0; i < sb.len; i++)
		if ((unsigned char)sb.buf[i] < 0x20 || sb.buf[i] == 0x7f)
			sb.buf[i] = ' ';
	return strbuf_detach(&sb);
}

static int cmp_line(const void *pa, const void *pb)
{
	return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/* Add @issue's line to @r's issues, which stay sorted and distinct. */
static void link_issue(struct record *r, json_t *issue, const char *id)
{
	struct strbuf sb = STRBUF_INIT;
	char *line, *all, *p, **v = NULL;
	size_t nr = 0, alloc = 0, i;

	if (!r)
		return;
	line = issue_text(issue, id);
	all = xstrdup(r->issues ? r->issues : "");
	for (p = all; *p; ) {
		char *e = strchrnul(p, '\n');
		bool last = !*e;

		*e = '\0';
		ALLOC_GROW(v, nr + 1, alloc);
		v[nr++] = p;
		p = last ? e : e + 1;
	}
	ALLOC_GROW(v, nr + 1, alloc);
	v[nr++] = line;
	qsort(v, nr, sizeof(*v), cmp_line);
	for (i = 0; i < nr; i++) {
		if (i && !strcmp(v[i - 1], v[i]))
			continue;
		if (sb.len)
			strbuf_addch(&sb, '\n');
		strbuf_addstr(&sb, v[i]);
	}
	r->issues = intern(sb.buf);
	strbuf_release(&sb);
	free(v);
	free(all);
	free(line);
}

static int walk_incident(struct kwalk *w, json_t *o)
{
	const char *id, *origin, *issue_id, *build_id, *test_id, *s;
	json_t *present = json_object_get(o, "present");
	json_t *issue, *line;
	struct record *r;
	int sev;

	if (req_id(w, o, "id", &id) || req_origin(w, o, &origin) ||
	    req_id(w, o, "issue_id", &issue_id))
		return -1;
	if (req_int(w, o, "issue_version") ||
	    opt_str(w, o, "build_id", &build_id) ||
	    opt_str(w, o, "test_id", &test_id) ||
	    opt_type(w, o, "present", is_bool, "boolean") ||
	    opt_type(w, o, "misc", is_obj, "object"))
		return -1;
	if (json_is_false(present))
		return 0;
	issue = find_issue(w, issue_id);
	link_issue(find_obj(w, &w->builds, build_id), issue, issue_id);
	link_issue(find_obj(w, &w->tests, test_id), issue, issue_id);
	r = results_add(w->ctx->res, REC_DIAG, "kcidb", w->ctx->in, w->line);
	r->origin = intern(origin);
	s = misc_str(issue, "tool");
	r->tool = intern(s ? s : origin);
	s = misc_str(issue, "severity");
	sev = s ? severity_parse(s) : -1;
	r->severity = sev < 0 ? SEV_ERROR : (enum severity)sev;
	s = misc_str(issue, "file");
	r->file = s ? intern(s) : NULL;
	s = misc_str(issue, "category");
	r->category = s ? intern(s) : NULL;
	line = json_array_get(json_object_get(json_object_get(o, "misc"),
					      "lines"), 0);
	if (json_is_integer(line) && json_integer_value(line) > 0)
		r->line = json_integer_value(line);
	s = misc_str(issue, "message");
	if (!s && issue)
		s = json_string_value(json_object_get(issue, "comment"));
	if (!s && issue)
		s = json_string_value(json_object_get(issue,
						      "report_subject"));
	r->message = xstrdup(s ? s : issue_id);
	return 0;
}

static const struct {
	const char *key;
	int (*walk)(struct kwalk *w, json_t *o);
} sections[] = {
	/* issues before incidents, which name them */
	{ "checkouts", walk_checkout },
	{ "builds", walk_build },
	{ "tests", walk_test },
	{ "issues", walk_issue },
	{ "incidents", walk_incident },
};

static bool has_section(json_t *doc)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sections); i++)
		if (json_object_get(doc, sections[i].key))
			return true;
	return false;
}

static int check_version(struct kwalk *w, json_t *doc)
{
	json_t *v = json_object_get(doc, "version");
	json_t *major = json_object_get(v, "major");
	json_t *minor = json_object_get(v, "minor");

	if (!v)
		return parse_json_error(w->ctx, "version",
					"missing: a KCIDB document starts with its version");
	if (!json_is_object(v))
		return parse_json_error(w->ctx, "version", "expected object");
	if (!json_is_integer(major))
		return parse_json_error(w->ctx, "version.major",
					"expected integer");
	if (minor && !json_is_integer(minor))
		return parse_json_error(w->ctx, "version.minor",
					"expected integer");
	if (json_integer_value(major) != 4 && json_integer_value(major) != 5)
		return parse_json_error(w->ctx, "version.major",
					"unsupported KCIDB version %lld (expected 4 or 5)",
					(long long)json_integer_value(major));
	return 0;
}

static int kcidb_json(struct parse_ctx *ctx, void *priv, json_t *doc,
		      unsigned long line)
{
	struct kwalk w = { .ctx = ctx, .line = line, .jpath = STRBUF_INIT };
	json_t *arr, *o;
	size_t i, k;
	int ret = -1;

	(void)priv;
	if (!json_is_object(doc) || !has_section(doc))
		return 0;
	if (!json_object_get(doc, "version") && strcmp(ctx->in->kind, "kcidb"))
		return 0;
	if (check_version(&w, doc))
		goto out;
	for (k = 0; k < ARRAY_SIZE(sections); k++) {
		arr = json_object_get(doc, sections[k].key);
		if (!arr)
			continue;
		if (!json_is_array(arr)) {
			parse_json_error(ctx, sections[k].key, "expected array");
			goto out;
		}
		json_array_foreach(arr, i, o) {
			strbuf_reset(&w.jpath);
			strbuf_addf(&w.jpath, "%s[%zu]", sections[k].key, i);
			if (!json_is_object(o)) {
				parse_json_error(ctx, w.jpath.buf,
						 "expected object");
				goto out;
			}
			if (sections[k].walk(&w, o))
				goto out;
		}
	}
	ret = 1;
out:
	free(w.issue);
	free(w.builds.v);
	free(w.tests.v);
	strbuf_release(&w.jpath);
	return ret;
}

static int kcidb_probe(const char *head, size_t len)
{
	if (memmem(head, len, "\"version\"", 9) &&
	    memmem(head, len, "\"major\"", 7) &&
	    (memmem(head, len, "\"checkouts\"", 11) ||
	     memmem(head, len, "\"builds\"", 8) ||
	     memmem(head, len, "\"tests\"", 7) ||
	     memmem(head, len, "\"issues\"", 8) ||
	     memmem(head, len, "\"incidents\"", 11)))
		return 60;
	return 0;
}

const struct parser parser_kcidb = {
	.name = "kcidb",
	.probe = kcidb_probe,
	.json = kcidb_json,
};
