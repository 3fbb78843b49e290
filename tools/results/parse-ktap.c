// SPDX-License-Identifier: GPL-2.0
/*
 * The ktap kind: KTAP (v1 and the v2 draft) and TAP as the kernel's tests
 * print them, read from whatever log holds them: a kernel console or
 * kunit's test.log, kselftest's output in all its runner forms, a KTAP or
 * TAP file (Check's own TAP among them). The manual's "The ktap kind"
 * section says what is read and how it differs from kunit.py.
 *
 * The reader is a state machine over one line at a time, with an explicit
 * stack of the tests that are open: nothing is read twice, nothing
 * recurses, and what is kept grows with the tests still open, not with
 * the log. A test's result becomes a record as soon as its result line is
 * read; only a test whose name is still to come (a nested KTAP v1
 * document without "# Subtest:") holds its records back, so that their
 * paths can be completed when its own result line names it.
 *
 * Nesting comes from version lines, "# Subtest:" headers, plans, result
 * lines and the "# " prefixes of kselftest, never from counting blanks:
 * real logs indent by 2, 4 or 8 spaces, by tabs, or not at all. Blanks
 * only break a tie that the structure leaves open (see own_result()).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parser.h"
#include "strbuf.h"

/* A failure's log excerpt: the first and the last lines, each cut. */
#define EXC_HEAD	8
#define EXC_TAIL	8
#define EXC_LINE	200
/* Deeper tests are read, but add no more names to the paths. */
#define MAX_PATH_DEPTH	100
/* More missing results of one test than this make one record. */
#define MAX_MISSING	1000
/* Notices of one input; the rest are counted in one more. */
#define MAX_NOTICES	50

#define NO_NUMBER	ULONG_MAX

/* The lines kunit.py stops at: the kernel went on past the tests. */
static const char *const end_markers[] = {
	"List of all partitions:",
	"Kernel panic - not syncing: VFS:",
	"reboot: System halted",
};

struct excerpt {
	struct strbuf head;		/* the first lines, '\n' after each */
	unsigned int nhead;
	struct strbuf tail[EXC_TAIL];	/* a ring of the last lines */
	unsigned int ntail, next;
	bool dropped;			/* lines fell out between them */
};

/* Results counted the way "# Totals:" lines count them. */
struct kcounts {
	unsigned long pass, fail, skip, error, xfail, xpass;
};

struct knode {
	unsigned int lvl;	/* '#' prefixes of its own result line */
	unsigned int clvl;	/* and of its children's lines */
	unsigned int pbase;	/* its names are path[pbase..pbase+ncomp) */
	unsigned int ncomp;
	unsigned int indent;	/* column of its first version or header line */
	bool root;		/* a document's top: no name, no result line */
	bool stream;		/* a program's nested output (kselftest) */
	bool versioned;		/* its version line was read */
	bool unnamed;		/* a placeholder stands for its name */
	bool has_plan;
	bool suite_noted;	/* its first name is in the input's suites */
	const char *hname;	/* interned: the name its header gave */
	unsigned long plan, nchild, next;
	unsigned long line;	/* where it started */
	size_t first_rec;	/* with @unnamed: its records start here */
	struct kcounts direct;	/* its children's own results */
	struct kcounts leaves;	/* the results without subtests below it */
	struct kcounts seg;	/* @leaves when its current document began */
	unsigned long bad;	/* FAIL and ERROR records below it */
	const char *hint;	/* interned: a name for its next child */
	const char *pend_dir;	/* interned: a runner's verdict line */
	const char *skip_reason;	/* interned: of a "1..0 # SKIP" plan */
	struct excerpt *log;	/* lines since its last child's result */
};

/* A result line, pointing into the line. */
struct kresult {
	bool ok;
	bool skip_kw;		/* the v2 draft's "skip N name" */
	unsigned long num;
	const char *desc;
	size_t dlen;
	const char *dir;	/* after '#', trimmed; NULL when none */
	size_t dirlen;
	unsigned int col;
	unsigned long line;
};

struct ktap {
	struct parse_ctx *ctx;
	const char *src, *empty;	/* interned "ktap" and "" */
	bool plain;		/* the input is ktap: TAP may start bare */
	bool active;		/* inside KTAP output */
	bool busy;		/* @plain or @active (parse_set_busy()) */
	struct strbuf prefix;	/* what stood before the version line */
	unsigned int prefix_groups;	/* printk-style "[...]" groups in it */
	unsigned int prefix_blanks;	/* blanks after them */
	struct knode *stack;
	unsigned int depth, alloc;
	const char **path;
	unsigned int palloc;
	unsigned int notices;
	unsigned long notices_left_out;
	unsigned long results;	/* result lines read, all documents */
	unsigned long doc_results;	/* @results when this output began */
	bool deep_noted, version_noted;
	struct strbuf tmp;
};

enum kind {
	L_NONE,
	L_VERSION,
	L_PLAN,
	L_RESULT,
	L_HEADER,
	L_BAIL,
};

static bool is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Skip blanks; return the columns they span (a tab reaches the next 8). */
static unsigned int skip_blanks(const char **p)
{
	unsigned int col = 0;

	while (is_blank(**p)) {
		col = **p == '\t' ? (col + 8) & ~7U : col + 1;
		(*p)++;
	}
	return col;
}

/* Digits into @v, saturating; return the end, or NULL without digits. */
static const char *get_number(const char *p, unsigned long *v)
{
	unsigned long n = 0;

	if (!is_digit(*p))
		return NULL;
	for (; is_digit(*p); p++) {
		unsigned long d = *p - '0';

		n = n > (ULONG_MAX - d) / 10 ? ULONG_MAX : n * 10 + d;
	}
	*v = n;
	return p;
}

static const char *after_blanks(const char *p)
{
	while (is_blank(*p))
		p++;
	return p;
}

static bool only_blanks(const char *p)
{
	return !*after_blanks(p);
}

/* "N" or "N.M" and then nothing but blanks: the tail of a version line */
static bool version_tail(const char *p, unsigned long *v)
{
	p = get_number(p, v);
	if (!p)
		return false;
	if (*p == '.' && is_digit(p[1]))
		p = skip_digits(p + 1);
	return only_blanks(p);
}

/*
 * memmem() for a marker whose first byte is rare in logs ('T', 'k'):
 * every line of a log is searched, and memchr() for that byte skips most
 * of them faster than memmem() can set itself up.
 */
static inline const char *find_marker(const char *s, size_t len,
				       const char *m, size_t n)
{
	const char *p = s, *end = s + len;

	/* a first byte with the whole marker still before @end */
	while ((size_t)(end - p) >= n &&
	       (p = memchr(p, m[0], end - p - n + 1))) {
		if (!memcmp(p, m, n))
			return p;
		p++;
	}
	return NULL;
}

/*
 * Where a version line starts in @s, as kunit.py finds it: anywhere in
 * the line, with only the version number after it. Return: the offset
 * of "KTAP" or "TAP", or -1.
 */
static long find_version(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	unsigned long v;

	while ((p = find_marker(p, end - p, "TAP version ", 12))) {
		if (version_tail(p + 12, &v))
			return (p > s && p[-1] == 'K' ? p - 1 : p) - s;
		p += 12;
	}
	return -1;
}

/*
 * Every marker holds a ':', and most lines hold none or few: try each
 * marker where its first ':' would be, rather than searching the line
 * for each of them. @c is the first ':' of the line, or NULL.
 */
static const char *end_marker(const char *s, size_t len, const char *c)
{
	const char *end = s + len;
	size_t i;

	for (; c; c = memchr(c, ':', end - c)) {
		for (i = 0; i < ARRAY_SIZE(end_markers); i++) {
			const char *m = end_markers[i];
			size_t before = strchr(m, ':') - m, n = strlen(m);

			if ((size_t)(c - s) >= before &&
			    (size_t)(end - c) >= n - before &&
			    c[-(ptrdiff_t)before] == m[0] &&
			    !memcmp(c - before, m, n))
				return m;
		}
		c++;
	}
	return NULL;
}

/* The excerpt of a failure */

static void excerpt_add(struct excerpt **ep, const char *s, size_t len)
{
	struct excerpt *e = *ep;
	struct strbuf *sb;

	while (len && is_space(s[len - 1]))
		len--;
	if (!len)
		return;
	if (len > EXC_LINE) {
		len = EXC_LINE;
		/* do not cut a UTF-8 sequence */
		while (len && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	if (!e) {
		e = xcalloc(1, sizeof(*e));
		strbuf_init(&e->head);
		*ep = e;
	}
	if (e->nhead < EXC_HEAD) {
		strbuf_add(&e->head, s, len);
		strbuf_addch(&e->head, '\n');
		e->nhead++;
		return;
	}
	sb = &e->tail[e->next];
	if (!sb->buf)
		strbuf_init(sb);
	if (e->ntail == EXC_TAIL)
		e->dropped = true;
	else
		e->ntail++;
	strbuf_reset(sb);
	strbuf_add(sb, s, len);
	e->next = (e->next + 1) % EXC_TAIL;
}

static void excerpt_free(struct excerpt **ep)
{
	struct excerpt *e = *ep;
	unsigned int i;

	if (!e)
		return;
	strbuf_release(&e->head);
	for (i = 0; i < EXC_TAIL; i++)
		if (e->tail[i].buf)
			strbuf_release(&e->tail[i]);
	free(e);
	*ep = NULL;
}

/* Append the excerpt to @sb, one line each, "[...]" where lines fell out. */
static void excerpt_text(const struct excerpt *e, struct strbuf *sb)
{
	unsigned int i, first;

	if (!e)
		return;
	if (e->nhead) {
		if (sb->len)
			strbuf_addch(sb, '\n');
		strbuf_add(sb, e->head.buf, e->head.len - 1);
	}
	if (e->dropped)
		strbuf_addstr(sb, "\n[...]");
	first = (e->next + EXC_TAIL - e->ntail) % EXC_TAIL;
	for (i = 0; i < e->ntail; i++) {
		strbuf_addch(sb, '\n');
		strbuf_addstr(sb, e->tail[(first + i) % EXC_TAIL].buf);
	}
}

/* The last line of an excerpt, or NULL. */
static const char *excerpt_last(const struct excerpt *e, size_t *len)
{
	const char *p;

	if (!e)
		return NULL;
	if (e->ntail) {
		const struct strbuf *sb =
			&e->tail[(e->next + EXC_TAIL - 1) % EXC_TAIL];

		*len = sb->len;
		return sb->buf;
	}
	if (!e->nhead)
		return NULL;
	p = e->head.buf + e->head.len - 1;
	while (p > e->head.buf && p[-1] != '\n')
		p--;
	*len = e->head.buf + e->head.len - 1 - p;
	return p;
}

/* Notices */

static void path_text(struct ktap *k, const struct knode *n,
		      struct strbuf *sb)
{
	unsigned int i, end = n->pbase + n->ncomp;

	if (!end) {
		strbuf_addstr(sb, n->root ? "the top level" : "\"\"");
		return;
	}
	strbuf_addch(sb, '\'');
	for (i = 0; i < end; i++) {
		if (i)
			strbuf_addch(sb, '.');
		strbuf_addstr(sb, k->path[i]);
	}
	strbuf_addch(sb, '\'');
}

static void __printf(4, 5) knotice(struct ktap *k, const struct knode *n,
				   unsigned long line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long saved = k->ctx->line;
	va_list ap;
	char buf[512];

	if (k->notices >= MAX_NOTICES) {
		k->notices_left_out++;
		return;
	}
	k->notices++;
	if (n) {
		path_text(k, n, &sb);
		strbuf_addstr(&sb, ": ");
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	strbuf_addstr(&sb, buf);
	if (line)
		k->ctx->line = line;
	parse_notice(k->ctx, "ktap", "ktap", "%s", sb.buf);
	k->ctx->line = saved;
	strbuf_release(&sb);
}

/* Names and records */

static void path_grow(struct ktap *k, unsigned int want)
{
	ALLOC_GROW(k->path, want, k->palloc);
}

/*
 * A test's names from its description: kselftest's runner names a
 * program "selftests: TARGET: PROGRAM", which is two names; a result
 * without a description is named by its number.
 */
static unsigned int split_name(const char *d, size_t n, unsigned long num,
			       const char **comps)
{
	const char *end, *t, *sep;
	char buf[32];

	if (!n) {
		if (num == NO_NUMBER)
			comps[0] = intern("");
		else {
			snprintf(buf, sizeof(buf), "%lu", num);
			comps[0] = intern(buf);
		}
		return 1;
	}
	end = d + n;
	if (n > 11 && !memcmp(d, "selftests: ", 11)) {
		t = d + 11;
		sep = memmem(t, end - t, ": ", 2);
		if (sep && sep > t && sep + 2 < end) {
			comps[0] = intern_n(t, sep - t);
			comps[1] = intern_n(sep + 2, end - sep - 2);
			return 2;
		}
	}
	comps[0] = intern_n(d, n);
	return 1;
}

static struct knode *top(struct ktap *k)
{
	return &k->stack[k->depth - 1];
}


static void count(struct kcounts *c, enum test_status st, bool xfail,
		  bool xpass)
{
	switch (st) {
	case TEST_PASS:
		if (xfail)
			c->xfail++;
		else if (xpass)
			c->xpass++;
		else
			c->pass++;
		break;
	case TEST_FAIL:
		c->fail++;
		break;
	case TEST_SKIP:
		c->skip++;
		break;
	case TEST_ERROR:
	case TEST_NR_STATUS:
		c->error++;
		break;
	}
}

static void add_counts(struct kcounts *a, const struct kcounts *b)
{
	a->pass += b->pass;
	a->fail += b->fail;
	a->skip += b->skip;
	a->error += b->error;
	a->xfail += b->xfail;
	a->xpass += b->xpass;
}

/*
 * A record whose path is the names of the open tests down to @upto
 * (that many entries of path[]) and then @comps.
 */
static void emit(struct ktap *k, unsigned int upto, const char **comps,
		 unsigned int ncomp, enum test_status st, char *reason,
		 unsigned long line)
{
	struct parse_ctx *ctx = k->ctx;
	struct record *r;

	r = results_add(ctx->res, REC_TEST, "ktap", ctx->in, line);
	r->status = st;
	r->reason = reason;
	r->depth = upto + ncomp;
	r->path = results_alloc(ctx->res, r->depth * sizeof(*r->path));
	r->path_pooled = true;
	if (upto)
		memcpy(r->path, k->path, upto * sizeof(*r->path));
	if (ncomp)
		memcpy(r->path + upto, comps, ncomp * sizeof(*r->path));
	/* the first names of the paths are the suites run */
	if (r->depth < 2)
		return;
	if (k->depth < 2 || !k->stack[1].ncomp || upto == 0)
		nameset_add(&ctx->in->suites, r->path[0]);
	else if (!k->stack[1].unnamed && !k->stack[1].suite_noted) {
		nameset_add(&ctx->in->suites, r->path[0]);
		k->stack[1].suite_noted = true;
	}
}

/* Room for @depth names in the path of @r, which keeps its own. */
static void grow_path(struct results *res, struct record *r,
		      unsigned int depth)
{
	const char **p = results_alloc(res, depth * sizeof(*p));

	memcpy(p, r->path, r->depth * sizeof(*p));
	if (!r->path_pooled)
		free(r->path);
	r->path = p;
	r->path_pooled = true;
}

/* Give an unnamed node its names, and the records below it too. */
static void name_node(struct ktap *k, struct knode *n, const char **comps,
		      unsigned int ncomp)
{
	struct results *res = k->ctx->res;
	unsigned int old = n->ncomp;
	size_t i;

	if (!n->unnamed || !old)
		return;
	for (i = n->first_rec; i < res->nr; i++) {
		struct record *r = &res->rec[i];

		if (r->type != REC_TEST || r->source != k->src ||
		    r->depth < n->pbase + old)
			continue;
		if (ncomp != old) {
			if (ncomp > old)
				grow_path(res, r, r->depth + ncomp - old);
			memmove(r->path + n->pbase + ncomp,
				r->path + n->pbase + old,
				(r->depth - n->pbase - old) * sizeof(*r->path));
			r->depth += ncomp - old;
		}
		memcpy(r->path + n->pbase, comps, ncomp * sizeof(*comps));
		if (n->pbase == 0 && r->depth >= 2)
			nameset_add(&k->ctx->in->suites, r->path[0]);
	}
	path_grow(k, n->pbase + ncomp);
	memcpy(k->path + n->pbase, comps, ncomp * sizeof(*comps));
	n->ncomp = ncomp;
	n->unnamed = false;
	k->ctx->open_records--;
}

static void push(struct ktap *k, unsigned int lvl, unsigned int clvl,
		 unsigned int indent, unsigned long line)
{
	struct knode *parent, *n;

	ALLOC_GROW(k->stack, k->depth + 1, k->alloc);
	parent = k->depth ? top(k) : NULL;
	n = &k->stack[k->depth++];
	memset(n, 0, sizeof(*n));
	n->lvl = lvl;
	n->clvl = clvl;
	n->indent = indent;
	n->line = line;
	n->next = 1;
	if (!parent) {
		n->root = true;
		return;
	}
	n->pbase = parent->pbase + parent->ncomp;
	/* the lines before a test belong to it, as kunit.py has it */
	n->log = parent->log;
	parent->log = NULL;
	if (n->pbase >= MAX_PATH_DEPTH) {
		if (!k->deep_noted)
			knotice(k, NULL, line,
				"tests nested deeper than %d levels: their names are left out of the paths",
				MAX_PATH_DEPTH);
		k->deep_noted = true;
		return;
	}
	n->ncomp = 1;
	n->unnamed = true;
	n->first_rec = k->ctx->res->nr;
	k->ctx->open_records++;
	path_grow(k, n->pbase + 1);
	k->path[n->pbase] = k->empty;
}

/* Name a node that was just opened: from a header, metadata or a hint */
static void name_fresh(struct ktap *k, struct knode *n, const char *name,
		       size_t len)
{
	const char *comps[2];
	unsigned int nc = split_name(name, len, NO_NUMBER, comps);

	name_node(k, n, comps, nc);
}

/*
 * A "# Subtest: NAME" header names its node: the one interned copy of
 * NAME serves as both, looked up once.
 */
static void name_header(struct ktap *k, struct knode *n, const char *name)
{
	const char *comps[2];
	unsigned int nc = split_name(name, strlen(name), NO_NUMBER, comps);

	/* a single name is the whole of @name, interned */
	n->hname = nc == 1 ? comps[0] : intern(name);
	name_node(k, n, comps, nc);
}

/* Parsing a result's directive */

struct verdict {
	enum test_status st;
	bool xfail, xpass;
	const char *text;	/* the directive's text for the reason */
	size_t tlen;
	const char *skip;	/* a skip's reason */
	size_t slen;
};

static bool keyword(const char *p, size_t len, const char *kw, size_t *klen)
{
	size_t n = strlen(kw), i;

	if (len < n || strncasecmp(p, kw, n))
		return false;
	i = n;
	/* SKIP, SKIPPED, Skipped... */
	if (!strcmp(kw, "SKIP"))
		while (i < len && is_alnum(p[i]))
			i++;
	if (i < len && is_alnum(p[i]))
		return false;
	*klen = i;
	return true;
}

static void judge(const char *dir, size_t dlen, bool ok, bool skip_kw,
		  struct verdict *v)
{
	size_t kl;

	memset(v, 0, sizeof(*v));
	v->st = ok ? TEST_PASS : TEST_FAIL;
	v->text = dir;
	v->tlen = dir ? dlen : 0;
	if (skip_kw) {
		v->st = TEST_SKIP;
		v->skip = dir;
		v->slen = v->tlen;
	}
	if (!dir)
		return;
	if (keyword(dir, dlen, "SKIP", &kl)) {
		v->st = TEST_SKIP;
		v->skip = dir + kl;
		v->slen = dlen - kl;
		while (v->slen && (is_blank(*v->skip) || *v->skip == ':')) {
			v->skip++;
			v->slen--;
		}
	} else if (keyword(dir, dlen, "TODO", &kl)) {
		if (!ok) {
			v->st = TEST_SKIP;
			v->skip = dir;
			v->slen = dlen;
		}
	} else if (keyword(dir, dlen, "XFAIL", &kl)) {
		v->xfail = ok;
	} else if (keyword(dir, dlen, "XPASS", &kl)) {
		v->xpass = ok;
	} else if (keyword(dir, dlen, "TIMEOUT", &kl) ||
		   keyword(dir, dlen, "ERROR", &kl)) {
		if (!ok)
			v->st = TEST_ERROR;
	}
}

/*
 * The reason of a record: for a failure, the directive's text and the
 * excerpt of its log; for a skip, its reason, or the last line of its
 * log when the directive gives none.
 */
static char *make_reason(const struct verdict *v, const char *extra,
			 struct excerpt *log)
{
	struct strbuf sb = STRBUF_INIT;
	const char *last;
	size_t len;

	switch (v->st) {
	case TEST_SKIP:
		if (v->slen)
			strbuf_add(&sb, v->skip, v->slen);
		else if ((last = excerpt_last(log, &len)))
			strbuf_add(&sb, last, len);
		break;
	case TEST_FAIL:
	case TEST_ERROR:
		if (extra)
			strbuf_addstr(&sb, extra);
		if (v->tlen) {
			if (sb.len)
				strbuf_addch(&sb, '\n');
			strbuf_add(&sb, v->text, v->tlen);
		}
		excerpt_text(log, &sb);
		break;
	case TEST_PASS:
	case TEST_NR_STATUS:
		break;
	}
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* Closing tests */

enum why {
	WHY_END,		/* the input ends */
	WHY_MARKER,		/* at a line kunit.py stops at */
	WHY_SIBLING,		/* the next test starts */
	WHY_NEXT,		/* a new document starts */
	WHY_OUTER,		/* an enclosing output goes on */
	WHY_RESULT,		/* its own result line came first */
	WHY_BAIL,		/* Bail out! */
};

static const char *why_text(enum why why)
{
	switch (why) {
	case WHY_END:
		return "the output ends";
	case WHY_MARKER:
		return "the kernel's output goes on past the tests";
	case WHY_SIBLING:
		return "the next test starts";
	case WHY_NEXT:
		return "the next document starts";
	case WHY_OUTER:
		return "the enclosing output goes on";
	case WHY_RESULT:
		return "the enclosing test ended first";
	case WHY_BAIL:
		return "Bail out!";
	}
	return "";
}

/*
 * The planned results that never came become ERROR records: one each,
 * the first named by what the log said of it (a runner's header, a RUN
 * line, KTAP v2 metadata) and holding the lines before the end.
 */
static void missing(struct ktap *k, struct knode *n, enum why why,
		    const char *bail, unsigned long line)
{
	struct strbuf sb = STRBUF_INIT;
	const char *comps[2];
	unsigned long left, i;
	unsigned int nc;
	bool one;

	if (!n->has_plan || n->nchild >= n->plan)
		return;
	left = n->plan - n->nchild;
	knotice(k, n, line, "planned 1..%lu, %lu result%s (%s)", n->plan,
		n->nchild, n->nchild == 1 ? "" : "s",
		bail ? bail : why_text(why));
	/* after Bail out!, or too many: one record says how many */
	one = left > MAX_MISSING || (bail && left > 1);
	for (i = 0; i < left; i++) {
		strbuf_reset(&sb);
		if (one)
			strbuf_addf(&sb, "missing: no results for tests %lu to %lu of 1..%lu",
				    n->nchild + 1, n->plan, n->plan);
		else
			strbuf_addf(&sb, "missing: no result for test %lu of 1..%lu",
				    n->nchild + 1 + i, n->plan);
		strbuf_addf(&sb, " (%s)", bail ? bail : why_text(why));
		if (n->hint) {
			nc = split_name(n->hint, strlen(n->hint), NO_NUMBER,
					comps);
			n->hint = NULL;
		} else {
			/* named by its number, as a result without a name */
			nc = split_name(NULL, 0, n->nchild + 1 + i, comps);
		}
		excerpt_text(n->log, &sb);
		excerpt_free(&n->log);
		emit(k, n->pbase + n->ncomp, comps, nc, TEST_ERROR,
		     strbuf_detach(&sb), line);
		/* not counted for "# Totals:": the test printed none */
		n->bad++;
		if (one)
			break;
	}
	n->nchild = n->plan;
	n->next = n->plan + 1;
	strbuf_release(&sb);
}

static void check_number(struct ktap *k, struct knode *n,
			 const struct kresult *r)
{
	if (r->num != n->next)
		knotice(k, n, r->line, "test number %lu where %lu was expected",
			r->num, n->next);
	else if (n->has_plan && n->nchild >= n->plan)
		knotice(k, n, r->line, "more results than its plan 1..%lu",
			n->plan);
	n->next = r->num == ULONG_MAX ? n->next + 1 : r->num + 1;
}

static bool same_name(const char *name, const char *s, size_t len)
{
	return name && strlen(name) == len && !memcmp(name, s, len);
}

/*
 * Close the top test: with its own result line @r, or without one (@r
 * NULL) for @why. Its missing subtests become ERROR records. It gets a
 * record of its own when it has no subtests, when it is a program whose
 * output nested under it (kselftest keeps every program's verdict), and
 * when its verdict is a failure that none of its subtests shows.
 */
static void close_top(struct ktap *k, const struct kresult *r, enum why why,
		      unsigned long line)
{
	struct knode *n = top(k), *parent;
	const char *comps[2];
	struct verdict v;
	unsigned int nc;

	if (r) {
		line = r->line;
		k->results++;
		if (n->unnamed) {
			nc = split_name(r->desc, r->dlen, r->num, comps);
			name_node(k, n, comps, nc);
		} else if (n->hname && r->dlen &&
			   !same_name(n->hname, r->desc, r->dlen)) {
			knotice(k, n, line, "its result line names it '%.*s'",
				(int)r->dlen, r->desc);
		}
	}
	missing(k, n, r ? WHY_RESULT : why, NULL, line);

	if (n->root) {
		if (k->results == k->doc_results)
			knotice(k, NULL, n->line, "KTAP output without results");
		excerpt_free(&n->log);
		k->depth--;
		return;
	}
	if (r) {
		judge(r->dir, r->dirlen, r->ok, r->skip_kw, &v);
		if (!r->dir && n->pend_dir)
			judge(n->pend_dir, strlen(n->pend_dir), r->ok,
			      r->skip_kw, &v);
		if (v.st == TEST_SKIP && !v.slen && n->skip_reason) {
			v.skip = n->skip_reason;
			v.slen = strlen(n->skip_reason);
		}
	} else {
		memset(&v, 0, sizeof(v));
		v.st = TEST_ERROR;
		knotice(k, n, line, "no result line (%s)", why_text(why));
	}
	if (!n->nchild || n->stream ||
	    ((v.st == TEST_FAIL || v.st == TEST_ERROR) && !n->bad)) {
		struct strbuf extra = STRBUF_INIT;

		if (!r)
			strbuf_addf(&extra, "no result line (%s)",
				    why_text(why));
		else if (n->nchild && !n->stream &&
			 (v.st == TEST_FAIL || v.st == TEST_ERROR))
			strbuf_addstr(&extra, "its result line says it failed, none of its subtests did");
		if (n->unnamed) {
			comps[0] = k->empty;
			name_node(k, n, comps, 1);
		}
		emit(k, n->pbase + n->ncomp, NULL, 0, v.st,
		     make_reason(&v, extra.len ? extra.buf : NULL, n->log),
		     line);
		strbuf_release(&extra);
		if (!n->nchild)
			count(&n->leaves, v.st, v.xfail, v.xpass);
		if (v.st == TEST_FAIL || v.st == TEST_ERROR)
			n->bad++;
	}
	if (n->unnamed) {
		/* no name ever came: the placeholder stays */
		n->unnamed = false;
		k->ctx->open_records--;
	}
	excerpt_free(&n->log);

	parent = n - 1;
	add_counts(&parent->leaves, &n->leaves);
	parent->bad += n->bad;
	count(&parent->direct, v.st, v.xfail, v.xpass);
	if (r)
		check_number(k, parent, r);
	else
		parent->next++;
	parent->nchild++;
	parent->hint = NULL;
	parent->pend_dir = NULL;
	k->depth--;
}

/* A result line of a test with no subtests, under the top test. */
static void leaf(struct ktap *k, const struct kresult *r)
{
	struct knode *n = top(k);
	const char *comps[2];
	struct verdict v;
	unsigned int nc;

	k->results++;
	check_number(k, n, r);
	judge(r->dir, r->dirlen, r->ok, r->skip_kw, &v);
	if (!r->dir && n->pend_dir)
		judge(n->pend_dir, strlen(n->pend_dir), r->ok, r->skip_kw, &v);
	/*
	 * A leaf's plain name is a copy that lives with the records, not
	 * interned: interning hundreds of thousands of distinct names, each
	 * a miss in a large table, was the most of the time a big log took
	 */
	if (r->dlen && !(r->dlen > 11 && !memcmp(r->desc, "selftests: ", 11))) {
		comps[0] = results_name(k->ctx->res, r->desc, r->dlen);
		nc = 1;
	} else {
		nc = split_name(r->desc, r->dlen, r->num, comps);
	}
	emit(k, n->pbase + n->ncomp, comps, nc, v.st,
	     v.st == TEST_PASS ? NULL : make_reason(&v, NULL, n->log),
	     r->line);
	count(&n->direct, v.st, v.xfail, v.xpass);
	count(&n->leaves, v.st, v.xfail, v.xpass);
	if (v.st == TEST_FAIL || v.st == TEST_ERROR)
		n->bad++;
	n->nchild++;
	excerpt_free(&n->log);
	n->hint = NULL;
	n->pend_dir = NULL;
}

/*
 * Whether a result line ends the top test rather than being one of its
 * subtests: its plan is complete; or it names the test its "# Subtest:"
 * header opened (kunit.py's rule, for tests without a plan); or it
 * stands left of the test's own version or header line, which no line
 * of the nested document does.
 */
static bool own_result(const struct knode *n, const struct kresult *r)
{
	if (n->root || n->stream)
		return false;
	if (n->has_plan && n->nchild >= n->plan)
		return true;
	if (same_name(n->hname, r->desc, r->dlen))
		return true;
	return r->col < n->indent;
}

/*
 * Close the tests that a line at '#'-level @lvl ends: the programs whose
 * nested output it follows. Return: true when the line is the result
 * line of the program on top.
 */
static bool unwind(struct ktap *k, unsigned int lvl, bool result,
		   unsigned long line)
{
	while (top(k)->clvl > lvl) {
		if (result && top(k)->lvl == lvl)
			return true;
		close_top(k, NULL, WHY_OUTER, line);
	}
	return false;
}

static void new_segment(struct ktap *k, struct knode *n, unsigned int col,
			unsigned long line)
{
	missing(k, n, WHY_NEXT, NULL, line);
	n->seg = n->leaves;
	n->has_plan = false;
	n->plan = 0;
	n->nchild = 0;
	n->next = 1;
	n->indent = col;
	n->skip_reason = NULL;
}

/* KTAP 1 and 2, TAP 13 and 14; another is read too, with a notice */
static void check_version(struct ktap *k, const char *p, unsigned long line)
{
	bool ktap = *p == 'K';
	const char *e = p + (ktap ? 13 : 12);
	unsigned long v;

	version_tail(e, &v);
	if (*skip_digits(e) != '.' &&
	    (ktap ? v == 1 || v == 2 : v == 13 || v == 14))
		return;
	if (k->version_noted)
		return;
	k->version_noted = true;
	knotice(k, NULL, line, "unknown version line '%s'", p);
}

static void bail(struct ktap *k, unsigned int lvl, const char *text,
		 unsigned long line)
{
	while (top(k)->clvl >= lvl) {
		struct knode *n = top(k);

		if (n->root || n->lvl < lvl) {
			/* a program's verdict comes from its runner */
			missing(k, n, WHY_BAIL, text, line);
			n->has_plan = true;
			n->plan = n->nchild;
			excerpt_add(&n->log, text, strlen(text));
			return;
		}
		close_top(k, NULL, WHY_BAIL, line);
	}
}

static void plan(struct ktap *k, const char *p, unsigned long line)
{
	struct knode *n = top(k);
	unsigned long v = 0;	/* L_PLAN: digits follow "1.." */
	const char *e = get_number(p + 3, &v);

	if (n->has_plan) {
		knotice(k, n, line, "a second plan 1..%lu", v);
		return;
	}
	n->has_plan = true;
	n->plan = v;
	if (n->nchild && n->nchild > v)
		knotice(k, n, line, "plan 1..%lu at the end, after %lu results",
			v, n->nchild);
	e = skip_spaces(e);
	if (*e == '#') {
		const char *dir = skip_spaces(e + 1);
		size_t kl, len = strlen(dir);

		while (len && is_space(dir[len - 1]))
			len--;
		if (keyword(dir, len, "SKIP", &kl)) {
			dir += kl;
			len -= kl;
			while (len && (is_blank(*dir) || *dir == ':')) {
				dir++;
				len--;
			}
			n->skip_reason = intern_n(dir, len);
		}
	}
}

/* Parse "ok N ...", "not ok N ...", "skip N ..."; the line at @p. */
static bool parse_result(const char *p, struct kresult *r)
{
	const char *q, *e;

	memset(r, 0, sizeof(*r));
	if (p[0] == 'o' && p[1] == 'k') {
		r->ok = true;
		q = p + 2;
	} else if (!strncmp(p, "not ok", 6)) {
		q = p + 6;
	} else if (!strncmp(p, "skip", 4)) {
		r->ok = true;
		r->skip_kw = true;
		q = p + 4;
	} else {
		return false;
	}
	if (!is_blank(*q))
		return false;
	while (is_blank(*q))
		q++;
	q = get_number(q, &r->num);
	if (!q || (*q && !is_blank(*q) && *q != '#'))
		return false;
	while (is_blank(*q))
		q++;
	if (q[0] == '-' && (is_blank(q[1]) || !q[1])) {
		q++;
		while (is_blank(*q))
			q++;
	}
	e = strchrnul(q, '#');
	r->desc = q;
	r->dlen = e - q;
	while (r->dlen && is_space(q[r->dlen - 1]))
		r->dlen--;
	if (*e == '#') {
		q = e + 1;
		while (is_blank(*q))
			q++;
		r->dir = q;
		r->dirlen = strlen(q);
		while (r->dirlen && is_space(q[r->dirlen - 1]))
			r->dirlen--;
	}
	return true;
}

static enum kind classify(const char *p, struct kresult *r)
{
	unsigned long v;

	switch (*p) {
	case 'K':
		if (starts_with(p, "KTAP version ") && version_tail(p + 13, &v))
			return L_VERSION;
		break;
	case 'T':
		if (starts_with(p, "TAP version ") && version_tail(p + 12, &v))
			return L_VERSION;
		break;
	case '1':
		if (p[1] == '.' && p[2] == '.' && is_digit(p[3])) {
			const char *e = after_blanks(skip_digits(p + 3));

			if (!*e || *e == '#')
				return L_PLAN;
		}
		break;
	case 'o':
	case 'n':
	case 's':
		if (parse_result(p, r))
			return L_RESULT;
		break;
	case 'B':
		if (starts_with(p, "Bail out!"))
			return L_BAIL;
		break;
	default:
		break;
	}
	return L_NONE;
}

/* A version, plan, result, header or Bail out! line at '#'-level @lvl. */
static void structural(struct ktap *k, enum kind kind, unsigned int lvl,
		       const char *p, unsigned int col, struct kresult *r,
		       unsigned long line)
{
	struct knode *n;

	r->col = col;
	r->line = line;
	if (unwind(k, lvl, kind == L_RESULT, line)) {
		close_top(k, r, 0, line);
		return;
	}
	n = top(k);
	if (n->clvl < lvl && kind == L_BAIL) {
		/* a program that bails out before any TAP of its own */
		excerpt_add(&n->log, p, strlen(p));
		return;
	}
	if (n->clvl < lvl) {
		/* a program's own output, nested by "# " */
		const char *hint = n->hint;

		n->hint = NULL;
		push(k, n->clvl, lvl, col, line);
		n = top(k);
		n->stream = true;
		if (hint)
			name_fresh(k, n, hint, strlen(hint));
	}
again:
	n = top(k);
	switch (kind) {
	case L_VERSION:
		check_version(k, p, line);
		if (!n->versioned && !n->has_plan && !n->nchild) {
			n->versioned = true;
			n->indent = col;
		} else if (n->root || n->stream) {
			if (n->has_plan && n->nchild >= n->plan)
				new_segment(k, n, col, line);
			else
				goto child;
		} else if (n->has_plan && n->nchild >= n->plan) {
			close_top(k, NULL, WHY_SIBLING, line);
			goto again;
		} else {
child:
			push(k, lvl, lvl, col, line);
			top(k)->versioned = true;
		}
		break;
	case L_HEADER:
		if (!n->root && !n->stream && (n->unnamed || !n->ncomp) &&
		    !n->hname && !n->nchild && !n->has_plan) {
			name_header(k, n, p);
			break;
		}
		if (!n->root && !n->stream && n->has_plan &&
		    n->nchild >= n->plan) {
			close_top(k, NULL, WHY_SIBLING, line);
			goto again;
		}
		push(k, lvl, lvl, col, line);
		n = top(k);
		name_header(k, n, p);
		break;
	case L_PLAN:
		plan(k, p, line);
		break;
	case L_RESULT:
		if (own_result(n, r))
			close_top(k, r, 0, line);
		else
			leaf(k, r);
		break;
	case L_BAIL:
		bail(k, lvl, p, line);
		break;
	case L_NONE:
		break;
	}
}

/* kselftest's counts, "Totals: pass:1 fail:0 ...", or KUnit's "NAME: pass:..." */
struct kstats {
	unsigned long v[7];
	unsigned int have;		/* bit i: key i was given */
};

static const char *const stat_keys[7] = {
	"pass", "fail", "skip", "xfail", "xpass", "error", "total",
};

static bool parse_stats(const char *p, struct kstats *st)
{
	memset(st, 0, sizeof(*st));
	while (*p) {
		unsigned int i;
		const char *e;

		for (i = 0; i < ARRAY_SIZE(stat_keys); i++) {
			size_t kl = strlen(stat_keys[i]);

			if (!strncmp(p, stat_keys[i], kl) && p[kl] == ':')
				break;
		}
		if (i == ARRAY_SIZE(stat_keys))
			return false;
		e = get_number(p + strlen(stat_keys[i]) + 1, &st->v[i]);
		if (!e || (*e && !is_blank(*e)))
			return false;
		st->have |= 1U << i;
		p = after_blanks(e);
	}
	return st->have != 0;
}

static void check_stats(struct ktap *k, const struct knode *n,
			const struct kcounts *c, const char *text,
			const struct kstats *st, unsigned long line)
{
	unsigned long want[7];
	struct strbuf sb = STRBUF_INIT;
	unsigned int i;

	want[0] = c->pass;
	want[1] = c->fail;
	want[2] = c->skip;
	want[3] = c->xfail;
	want[4] = c->xpass;
	want[5] = c->error;
	/* KUnit counts no expected failures and no errors of their own */
	if (!(st->have & (1U << 3 | 1U << 4)))
		want[0] += c->xfail + c->xpass;
	if (!(st->have & 1U << 5))
		want[1] += c->error;
	want[6] = c->pass + c->fail + c->skip + c->xfail + c->xpass + c->error;
	for (i = 0; i < ARRAY_SIZE(stat_keys); i++)
		if ((st->have & 1U << i) && st->v[i] != want[i])
			strbuf_addf(&sb, "%s%s %lu", sb.len ? ", " : "",
				    stat_keys[i], want[i]);
	if (sb.len)
		knotice(k, n, line, "'# %s' disagrees with the results read: %s",
			text, sb.buf);
	strbuf_release(&sb);
}

/* "Totals: ..." at '#'-level @lvl: the node whose children are there */
static void totals(struct ktap *k, unsigned int lvl, const char *text,
		   const struct kstats *st, unsigned long line)
{
	static const struct kcounts none;
	unsigned int i;

	for (i = k->depth; i-- > 0;) {
		const struct knode *n = &k->stack[i];

		if (n->clvl == lvl) {
			struct kcounts c = n->leaves;

			/* only the document that the line closes */
			c.pass -= n->seg.pass;
			c.fail -= n->seg.fail;
			c.skip -= n->seg.skip;
			c.error -= n->seg.error;
			c.xfail -= n->seg.xfail;
			c.xpass -= n->seg.xpass;
			check_stats(k, n, &c, text, st, line);
			return;
		}
		if (n->clvl < lvl)
			break;
	}
	/* the output of a program that printed no results */
	check_stats(k, top(k), &none, text, st, line);
}

/* The name a node has: its header's, or the last of its path's */
static bool node_named(struct ktap *k, const struct knode *n, const char *s,
		       size_t len)
{
	if (n->hname)
		return same_name(n->hname, s, len);
	return n->ncomp && !n->unnamed &&
	       same_name(k->path[n->pbase + n->ncomp - 1], s, len);
}

/* A diagnostic line "# TEXT" whose text is at '#'-level @lvl */
static void diag(struct ktap *k, unsigned int lvl, const char *text,
		 unsigned long line)
{
	struct knode *n = top(k);
	const char *colon, *p;
	struct kstats st;

	if (starts_with(text, "selftests: ")) {
		/* the runner's header names the program it starts */
		n->hint = intern(text);
		return;
	}
	if ((p = skip_prefix(text, "RUN")) && is_blank(*p)) {
		/* kselftest_harness.h: "#  RUN           fixture.test ..." */
		const char *e;

		p = after_blanks(p);
		e = strstr(p, " ...");
		if (!e)
			e = p + strlen(p);
		if (e > p) {
			n->hint = intern_n(p, e - p);
			return;
		}
	}
	if ((p = skip_prefix(text, "exit=")) && is_digit(*p)) {
		n->pend_dir = intern(text);
		return;
	}
	if ((p = skip_prefix(text, "TIMEOUT ")) && is_digit(*p)) {
		n->pend_dir = intern(text);
		return;
	}
	colon = strstr(text, ": ");
	if (colon && parse_stats(colon + 2, &st)) {
		if (colon - text == 6 && starts_with(text, "Totals"))
			totals(k, lvl, text, &st, line);
		else if (node_named(k, n, text, colon - text))
			check_stats(k, n, &n->direct, text, &st, line);
		return;
	}
	excerpt_add(&n->log, text, strlen(text));
}

/* "#:PREFIX_TYPE: VALUE", the v2 draft's metadata */
static void metadata(struct ktap *k, const char *text)
{
	struct knode *n = top(k);
	const char *v;

	if ((v = skip_prefix(text, "ktap_test:"))) {
		v = skip_spaces(v);
		if (!*v)
			return;
		if (!n->root && !n->stream && (n->unnamed || !n->ncomp) &&
		    !n->nchild && !n->has_plan)
			name_fresh(k, n, v, strlen(v));
		else if (!n->root || strcmp(v, "main"))
			n->hint = intern(v);
	} else if ((v = skip_prefix(text, "ktap_arch:")) && n->root) {
		v = skip_spaces(v);
		if (*v)
			input_set_label(k->ctx->in, "arch", v, false);
	}
}

/* Any other line inside KTAP output: kernel messages, a test's output */
static void unknown(struct ktap *k, const char *p, unsigned int col)
{
	struct knode *n = top(k);

	strbuf_reset(&k->tmp);
	/* keep what it is indented by beyond the test's own lines */
	while (col-- > n->indent)
		strbuf_addch(&k->tmp, ' ');
	strbuf_addstr(&k->tmp, p);
	excerpt_add(&n->log, k->tmp.buf, k->tmp.len);
}

/*
 * One line of KTAP output, its prefix stripped. Return: true when it is
 * KTAP's; kernel messages between KTAP lines are read into the open
 * test's log but left to the other kinds.
 */
static bool process(struct ktap *k, const char *s, unsigned long line)
{
	const char *p = s;
	unsigned int col = skip_blanks(&p), hcol = col, lvl = 0;
	struct kresult r;
	enum kind kind;

	/* a line's column within its own output: after the "# " prefixes */
	while (*p == '#' && p[1] != ':') {
		p++;
		hcol = col;
		col = skip_blanks(&p);
		col = col ? col - 1 : 0;
		lvl++;
	}
	if (p[0] == '#' && p[1] == ':') {
		metadata(k, p + 2);
		return true;
	}
	kind = classify(p, &r);
	if (kind == L_NONE && lvl && starts_with(p, "Subtest:")) {
		kind = L_HEADER;
		lvl--;
		col = hcol;
		p = skip_spaces(p + 8);
	}
	if (kind == L_NONE) {
		if (lvl) {
			diag(k, lvl - 1, p, line);
			return true;
		}
		unknown(k, p, col);
		return false;
	}
	structural(k, kind, lvl, p, col, &r, line);
	return true;
}

/*
 * Remember what stands before the first version line, to strip it from
 * the lines after it as kunit.py does. A printk-style prefix ("[    1.
 * 234567] ", "[    1.234567][    T1] ") is stripped by its shape, so
 * that the time in it may change width; any other is stripped by its
 * length. A prefix of blanks and '#' is no prefix but structure.
 */
static void set_prefix(struct ktap *k, const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	strbuf_reset(&k->prefix);
	k->prefix_groups = 0;
	k->prefix_blanks = 0;
	while (p < end && (is_blank(*p) || *p == '#'))
		p++;
	if (p == end)
		return;
	strbuf_add(&k->prefix, s, len);
	p = s;
	while (p < end && *p == '[') {
		const char *q = memchr(p, ']', end - p);

		if (!q)
			break;
		k->prefix_groups++;
		p = q + 1;
		while (p < end && is_blank(*p)) {
			k->prefix_blanks++;
			p++;
		}
		if (p < end && *p == '[')
			k->prefix_blanks = 0;
	}
	if (p != end)
		k->prefix_groups = 0;
}

static const char *strip_prefix(struct ktap *k, const char *s, size_t len)
{
	const char *p = s;
	unsigned int i;

	if (!k->prefix.len)
		return s;
	if (len >= k->prefix.len && !memcmp(s, k->prefix.buf, k->prefix.len))
		return s + k->prefix.len;
	if (k->prefix_groups) {
		for (i = 0; i < k->prefix_groups; i++) {
			if (i)
				p = after_blanks(p);
			if (*p != '[' || !(p = strchr(p, ']')))
				return s;
			p++;
		}
		for (i = 0; i < k->prefix_blanks && is_blank(*p); i++)
			p++;
		return p;
	}
	return len > k->prefix.len ? s + k->prefix.len : s + len;
}

static void start(struct ktap *k, unsigned long line)
{
	k->active = true;
	parse_set_busy(k->ctx, &k->busy, true);
	k->depth = 0;
	push(k, 0, 0, 0, line);
}

static void finish(struct ktap *k, enum why why, unsigned long line)
{
	while (k->depth)
		close_top(k, NULL, why, line);
	k->active = false;
	parse_set_busy(k->ctx, &k->busy, k->plain);
}

/* TAP without a version line, as Check writes it: only in ktap inputs */
static bool plain_start(const char *s)
{
	struct kresult r;

	enum kind kind = classify(after_blanks(s), &r);

	return kind == L_RESULT || kind == L_PLAN;
}

/*
 * Can find_version() find a version in @l? After "TAP version " come
 * only a number and blanks up to the NUL, which is at @l->len (a line
 * holds no NUL before): the line ends in a digit but for blanks. Most
 * lines of a log do not, and are turned away at their last byte.
 */
static inline bool may_have_version(const struct line *l)
{
	size_t n = l->len;

	/* letters and most punctuation come after the digits and blanks */
	if (!n || l->s[n - 1] > '9')
		return false;
	while (n && is_blank(l->s[n - 1]))
		n--;
	return n && is_digit(l->s[n - 1]);
}

/*
 * Where find_executor() starts to search: "kunit executor: " holds a
 * blank and a ':', which come no earlier than the first ones of the line.
 */
static inline size_t executor_from(const struct line *l)
{
	size_t from = 0;

	if ((size_t)(l->colon - l->s) > 14)
		from = l->colon - l->s - 14;
	if ((size_t)(l->space - l->s) > from + 5)
		from = l->space - l->s - 5;
	return from;
}

/*
 * "kunit executor: " in @l, found as find_marker() finds it, from where
 * executor_from() allows; @l has a ':' and a blank.
 */
static inline const char *find_executor(const struct line *l)
{
	size_t from;

	if (!l->colon || !l->space)
		return NULL;
	from = executor_from(l);
	return find_marker(l->s + from, l->len - from, "kunit executor: ",
			   16);
}

/* The bytes of the 16 at @p that are 'k' with a 'u' after: 0xff each */
static inline bytes16 ku_at(const char *p)
{
	return (bytes16)(load16(p) == 'k') & (bytes16)(load16(p + 1) == 'u');
}

/* The bytes of the 16 at @p that are ':': 0xff each */
static inline bytes16 colons_at(const char *p)
{
	return (bytes16)(load16(p) == ':');
}

/*
 * Is there a ':' where the marker's would be, 14 bytes after a place from
 * @from on where it would still end before the NUL of @l? The line is
 * at least @from + 16 bytes long. A compiler's diagnostic has its last
 * ':' most often after "warning", "error" or "note", which is before:
 * it is turned away after one compare of 16 bytes a step, the last ones
 * overlapping the ones before.
 */
static inline bool executor_colon(const struct line *l, size_t from)
{
	size_t i = from + 14, end = l->len - 1;
	const char *s = l->s;
	bytes16 hit;

	if (end - i < 16) {
		/* of the 16 bytes that end the line, all but the last */
		return (bytes16_bits(colons_at(s + l->len - 16)) & 0x7fff) >>
		       (i - (l->len - 16));
	}
	for (; i + 32 <= end; i += 32)
		if (bytes16_bits(colons_at(s + i) | colons_at(s + i + 16)))
			return true;
	/* the rest, in at most two: the 16 that end at @end, and before */
	hit = colons_at(s + end - 16);
	if (end - i > 16)
		hit |= colons_at(s + i);
	return bytes16_bits(hit);
}

/*
 * Can find_executor() find the marker in @l, which has a ':' and a blank?
 * Its ':' is looked for first, then its "ku", 16 places at a time, over
 * the places where the marker would still end before the NUL, the last
 * 16 overlapping the ones before: most lines of a log have neither, and
 * are turned away without a call.
 */
static inline bool may_have_executor(const struct line *l)
{
	size_t from = executor_from(l), last, i;
	bytes16 hit;
	uint64_t half[2];

	if (l->len < from + 16 || !executor_colon(l, from))
		return false;
	/* where the 16 that end at the last place start */
	last = l->len >= from + 31 ? l->len - 31 : from;
	hit = ku_at(l->s + from) | ku_at(l->s + last);
	for (i = from + 16; i < last; i += 16)
		hit |= ku_at(l->s + i);
	memcpy(half, &hit, 16);
	return half[0] | half[1];
}

/* ktap_line() for a line that may start or continue a document */
static __noinline bool document_line(struct ktap *k, const struct line *l)
{
	const char *s = l->s, *m;
	long at;

	if (!k->active) {
		at = may_have_version(l) ? find_version(s, l->len) : -1;
		if (at >= 0) {
			set_prefix(k, s, at);
			start(k, l->nr);
			if (k->prefix.len)
				s += at;
		} else if (k->plain && plain_start(s)) {
			set_prefix(k, s, 0);
			start(k, l->nr);
		} else if ((m = find_executor(l))) {
			knotice(k, NULL, l->nr, "%s", m);
			return true;
		} else {
			return false;
		}
		k->doc_results = k->results;
	} else if ((m = end_marker(s, l->len, l->colon))) {
		finish(k, WHY_MARKER, l->nr);
		return false;
	} else {
		s = strip_prefix(k, s, l->len);
	}
	return process(k, s, l->nr);
}

/* What document_line() does with a line that starts no document */
static __noinline bool executor_line(struct ktap *k, const struct line *l)
{
	const char *m = find_executor(l);

	if (!m)
		return false;
	knotice(k, NULL, l->nr, "%s", m);
	return true;
}

static bool ktap_line(struct parse_ctx *ctx, void *priv, const struct line *l)
{
	struct ktap *k = priv;

	(void)ctx;
	if (k->active || k->plain || may_have_version(l))
		return document_line(k, l);
	/* find_executor() needs both */
	return l->colon && l->space && may_have_executor(l) &&
	       executor_line(k, l);
}

/*
 * While @k->busy is clear, ktap_line() turns away a line with no ':' (no
 * find_executor()) unless may_have_version(): its last byte is a digit,
 * or a blank after one.
 */
static bool ktap_last(unsigned char c)
{
	return is_digit(c) || is_blank(c);
}

static void *ktap_begin(struct parse_ctx *ctx)
{
	struct ktap *k = xcalloc(1, sizeof(*k));

	k->ctx = ctx;
	k->src = intern("ktap");
	k->empty = intern("");
	k->plain = !strcmp(ctx->in->kind, "ktap");
	parse_set_busy(ctx, &k->busy, k->plain);
	strbuf_init(&k->prefix);
	strbuf_init(&k->tmp);
	return k;
}

static int ktap_end(struct parse_ctx *ctx, void *priv)
{
	struct ktap *k = priv;

	if (k->active)
		finish(k, WHY_END, ctx->line);
	if (k->notices_left_out)
		parse_notice(ctx, "ktap", "ktap",
			     "%lu more ktap notices left out",
			     k->notices_left_out);
	free(k->stack);
	free(k->path);
	strbuf_release(&k->prefix);
	strbuf_release(&k->tmp);
	free(k);
	return 0;
}

/* A line that starts with @s, somewhere in the head */
static bool head_has_line(const char *head, size_t len, const char *s)
{
	size_t n = strlen(s);
	const char *p = head, *end = head + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);

		if ((size_t)(end - p) >= n && !memcmp(p, s, n))
			return true;
		p = nl ? nl + 1 : end;
	}
	return false;
}

static bool head_has_version(const char *head, size_t len)
{
	const char *p = head, *end = head + len;
	char line[512];

	while (p < end && (p = memmem(p, end - p, "TAP version ", 12))) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = (nl ? nl : end) - p;

		if (n < sizeof(line)) {
			memcpy(line, p, n);
			line[n] = '\0';
			if (n && line[n - 1] == '\r')
				line[n - 1] = '\0';
			if (find_version(line, strlen(line)) >= 0)
				return true;
		}
		p += 12;
	}
	return false;
}

static int ktap_probe(const char *head, size_t len)
{
	if (head_has_version(head, len))
		return 30;
	if (head_has_line(head, len, "ok 1 ") ||
	    head_has_line(head, len, "not ok 1 "))
		return 15;
	return 0;
}

const struct parser parser_ktap = {
	.name = "ktap",
	.probe = ktap_probe,
	.begin = ktap_begin,
	.line = ktap_line,
	.last = ktap_last,
	.end = ktap_end,
};
