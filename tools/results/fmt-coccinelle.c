// SPDX-License-Identifier: GPL-2.0
/*
 * The cocci kind: what "make coccicheck" prints. scripts/coccicheck runs
 * spatch once per semantic patch (a .cocci script) and echoes each
 * command line before its output:
 *
 *   /usr/bin/spatch -D report --no-show-diff --very-quiet --cocci-file scripts/coccinelle/misc/minmax.cocci ... --dir drivers/staging ...
 *   drivers/staging/iio/meter/ade7854-i2c.c:64:12-13: WARNING opportunity for min()
 *
 * The echoed command says which script printed the lines after it: its
 * path below scripts/coccinelle, without ".cocci", is the category of
 * their findings (misc/minmax). The shape of a finding depends on MODE:
 *
 *   report   FILE:LINE:COL-ENDCOL: MESSAGE
 *   org      * TODO [[view:FILE::face=ovl-face1::linb=L::colb=C::cole=E][MESSAGE]]
 *            and, for a secondary position, the same link without
 *            "* TODO ": the context of the item above it
 *   context  "diff -u -p ./FILE /tmp/nothing/FILE", "---", "+++" and
 *            hunks whose "-" lines are the code that matched
 *   patch    the same with "a/FILE b/FILE": the change the script proposes
 *
 * spatch's columns are 0-based with the end exclusive; a record's column
 * is 1-based, so COL + 1 is kept, and the end is dropped. In the context
 * and patch modes one "diff -u -p" header is one finding: at the first
 * changed line of its first hunk, with the message "semantic match" or
 * "proposed change" and, when diff -p names it, " in FUNCTION"; its hunks
 * are its context (up to DIFF_CONTEXT_MAX lines).
 *
 * A message's severity is its first word: ERROR is an error, WARNING
 * (with or without a colon) a warning, INFO and SUGGESTION are info, and a
 * message with none of them is a warning. The word is not part of the
 * message.
 *
 * The wrapper's own lines are claimed and dropped: the advice around the
 * run, the echoed commands, "N files match", git's "fatal: not a git
 * repository", V=1's description of each script. spatch's warnings about
 * a script and the failures of the run ("coccicheck failed", a script
 * skipped for its version, "ERROR: File X does not exist") are notices.
 * Coverage: the scripts that ran and the directories they ran over.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"
#include "strbuf.h"

/* Lines of a diff kept as the context of its finding */
#define DIFF_CONTEXT_MAX	40

enum cocci_mode {
	MODE_UNKNOWN,
	MODE_REPORT,
	MODE_PATCH,
	MODE_CONTEXT,
	MODE_ORG,
};

enum diff_state {
	DIFF_NONE,
	DIFF_HEADER,		/* after "diff -u -p": "---", "+++", "@@" */
	DIFF_HUNK,		/* in a hunk */
	DIFF_BETWEEN,		/* a hunk ended; another may follow */
};

struct cocci {
	const char *tool;		/* interned "coccinelle" */
	bool seen;			/* a line of coccicheck was read */
	const char *script;		/* the category of the script running */
	enum cocci_mode mode;
	bool describing;		/* in V=1's description of a script */
	enum diff_state diff;
	enum cocci_mode diff_mode;	/* context or patch */
	unsigned long old_left, new_left;	/* lines left in the hunk */
	unsigned long old_line;		/* old-file line of the next one */
	bool line_set;			/* the finding's line is known */
	unsigned int hunks;
	unsigned int kept;		/* diff lines kept as context */
	char *skipped;			/* a script skipped for its version */
	/*
	 * The open diagnostic may be coccinelle's: false only while it is
	 * known not to be. Only finding() and diff_start() make one.
	 */
	bool may_be_open;
	/*
	 * No coccicheck seen, nothing skipped, no diff, no V=1 description:
	 * @seen, @skipped, @diff and @describing as cocci_take() left them,
	 * for cocci_line()'s cheap test: while lines are read, only
	 * cocci_take() changes those.
	 */
	bool quiet;
	/*
	 * Not @quiet, or a diagnostic that may be coccinelle's is open: the
	 * parser offers cocci_line() what cocci_first_byte() turns away too
	 * (parse_set_busy())
	 */
	bool busy;
};

/* The open diagnostic, when it is coccinelle's. */
static struct record *open_cocci(struct kbuild *kb, struct cocci *c)
{
	struct record *r = kbuild_last(kb);

	return r && r->tool == c->tool ? r : NULL;
}

static void close_cocci(struct kbuild *kb, struct cocci *c)
{
	if (open_cocci(kb, c))
		kbuild_stop_attaching(kb);
	c->diff = DIFF_NONE;
}

/*
 * A script's category: its path below scripts/coccinelle without
 * ".cocci" (api/alloc/zalloc-simple); the base name for a script kept
 * elsewhere.
 */
static const char *script_category(const char *path, size_t len)
{
	char *raw = xstrndup(path, len), *clean = path_clean(raw);
	const char *name = clean, *hit, *ret;
	size_t n;

	hit = strstr(clean, "scripts/coccinelle/");
	if (hit && (hit == clean || hit[-1] == '/'))
		name = hit + strlen("scripts/coccinelle/");
	else
		name = path_basename(clean);
	n = strlen(name);
	if (ends_with(name, ".cocci"))
		n -= 6;
	ret = intern_n(name, n);
	free(raw);
	free(clean);
	return ret;
}

/* Is the word of @len bytes at @p @w? */
static bool word_is(const char *p, size_t len, const char *w)
{
	return strlen(w) == len && !memcmp(p, w, len);
}

static enum cocci_mode mode_of(const char *s, size_t len)
{
	static const char *const names[] = {
		[MODE_REPORT] = "report", [MODE_PATCH] = "patch",
		[MODE_CONTEXT] = "context", [MODE_ORG] = "org",
	};
	size_t i;

	for (i = MODE_REPORT; i < ARRAY_SIZE(names); i++)
		if (word_is(s, len, names[i]))
			return i;
	return MODE_UNKNOWN;
}

/* A directory spatch ran over, as the tree names it */
static void add_dir(struct parse_ctx *ctx, const char *s, size_t len)
{
	const struct parse_options *opt = ctx->opt;
	char *raw = xstrndup(s, len), *dir;

	if (opt && opt->srctree)
		dir = tree_relative(raw, opt->srctree, opt->objtree);
	else
		dir = path_clean(raw);
	nameset_add(&ctx->in->dirs, dir);
	free(dir);
	free(raw);
}

/*
 * Is @s a spatch command: a program whose base name starts "spatch",
 * given a mode or a script?
 */
static bool is_spatch(const char *s)
{
	const char *end = strchrnul(s, ' '), *base = s, *p;

	for (p = s; p < end; p++)
		if (*p == '/')
			base = p + 1;
	if (*end != ' ' || end - base < 6 || strncmp(base, "spatch", 6))
		return false;
	return strstr(end, " -D ") || strstr(end, " --cocci-file ") ||
	       strstr(end, " -sp_file ") || strstr(end, " --sp-file ");
}

/* The echoed command: which script runs now, in which mode, over what */
static void spatch_command(struct parse_ctx *ctx, struct cocci *c,
			   const char *s)
{
	const char *p = s, *prev = "";	/* the word before this one */
	size_t prev_len = 0;

	close_cocci(ctx->kb, c);
	c->seen = true;
	c->describing = false;
	c->script = NULL;
	c->mode = MODE_UNKNOWN;
	while (*(p = skip_spaces(p))) {
		const char *e = p;

		while (*e && !is_space(*e))
			e++;
		if (word_is(prev, prev_len, "-D")) {
			c->mode = mode_of(p, e - p);
		} else if (word_is(prev, prev_len, "--cocci-file") ||
			   word_is(prev, prev_len, "-sp_file") ||
			   word_is(prev, prev_len, "--sp-file")) {
			c->script = script_category(p, e - p);
			nameset_add(&ctx->in->scripts, c->script);
		} else if (word_is(prev, prev_len, "--dir") ||
			   word_is(prev, prev_len, "-dir")) {
			add_dir(ctx, p, e - p);
		}
		prev = p;
		prev_len = e - p;
		p = e;
	}
}

/*
 * The severity word a message starts with, and the message after it.
 * Return: the message without the word.
 */
static const char *message_severity(const char *msg, enum severity *sev)
{
	static const struct {
		const char *word;
		enum severity sev;
	} words[] = {
		{ "ERROR", SEV_ERROR },
		{ "WARNING", SEV_WARNING },
		{ "INFO", SEV_INFO },
		{ "SUGGESTION", SEV_INFO },
	};
	size_t i;

	*sev = SEV_WARNING;
	for (i = 0; i < ARRAY_SIZE(words); i++) {
		const char *p = skip_prefix(msg, words[i].word);

		if (!p || (*p != ':' && *p != ' '))
			continue;
		if (*p == ':')
			p++;
		p = skip_spaces(p);
		*sev = words[i].sev;
		return *p ? p : msg;
	}
	return msg;
}

/* Record a finding of the running script; it stays open for context. */
static void finding(struct parse_ctx *ctx, struct cocci *c,
		    struct location *loc, const char *msg, size_t len)
{
	struct kbuild *kb = ctx->kb;
	char *text = xstrndup(msg, len);
	const char *m;
	enum severity sev;

	c->describing = false;
	m = message_severity(text, &sev);
	if (loc && loc->column < (unsigned long)-1)
		loc->column++;		/* spatch counts from 0 */
	kbuild_diag(kb, "cocci", "coccinelle", sev, loc, c->script, m,
		    strlen(m));
	c->may_be_open = true;
	kb->excerpt_due = false;
	free(text);
}

/* After digits at @p, the byte @c: what follows it, or NULL. */
static const char *digits_then(const char *p, char c)
{
	const char *q = skip_digits(p);

	return q > p && *q == c ? q + 1 : NULL;
}

/*
 * "FILE:LINE:COL-END: MESSAGE". Every line of a build log comes here: its
 * shape after the first ':' is looked at first, which turns the compiler's
 * "FILE:L:C: " away at the '-' it lacks.
 */
static bool report_line(struct parse_ctx *ctx, struct cocci *c,
			const struct line *l)
{
	const char *s = l->s, *colon = l->colon, *q;
	struct location loc;
	unsigned long end;

	if (!colon || colon == s || !(q = digits_then(colon + 1, ':')) ||
	    !(q = digits_then(q, '-')) || !(q = digits_then(q, ':')) ||
	    *q != ' ' || (l->space && l->space < colon))
		return false;
	memset(&loc, 0, sizeof(loc));
	if (!parse_ulong(colon + 1, &q, &loc.line) || *q != ':' ||
	    !parse_ulong(q + 1, &q, &loc.column) || *q != '-' ||
	    !parse_ulong(q + 1, &q, &end) || q[0] != ':' || q[1] != ' ')
		return false;
	loc.file = s;
	loc.file_len = colon - s;
	q += 2;
	finding(ctx, c, &loc, q, strlen(q));
	kbuild_stop_attaching(ctx->kb);
	return true;
}

/* "[[view:FILE::face=F::linb=L::colb=C::cole=E][MESSAGE]]" */
static bool org_link(const char *s, struct location *loc, const char **msg,
		     size_t *len)
{
	const char *p = skip_prefix(s, "[[view:"), *f, *q;
	size_t n;

	if (!p || !(f = strstr(p, "::face=")))
		return false;
	memset(loc, 0, sizeof(*loc));
	loc->file = p;
	loc->file_len = f - p;
	q = strstr(f, "::linb=");
	if (!q || !parse_ulong(q + 7, &q, &loc->line))
		return false;
	q = skip_prefix(q, "::colb=");
	if (!q || !parse_ulong(q, &q, &loc->column))
		return false;
	q = skip_prefix(q, "::cole=");
	if (!q)
		return false;
	q = skip_prefix(skip_digits(q), "][");
	n = q ? strlen(q) : 0;
	if (!q || n < 2 || strcmp(q + n - 2, "]]"))
		return false;
	*msg = q;
	*len = n - 2;
	return true;
}

/* An org item: "* TODO [[view:...][MESSAGE]]", or a secondary link. */
static bool org_line(struct parse_ctx *ctx, struct cocci *c,
		     const struct line *l)
{
	const char *s = l->s, *msg, *todo;
	struct location loc;
	size_t len;

	if (s[0] != '*' && s[0] != '[')
		return false;
	todo = skip_prefix(s, "* TODO ");
	if (!org_link(todo ? todo : s, &loc, &msg, &len))
		return false;
	c->seen = true;
	if (todo)
		finding(ctx, c, &loc, msg, len);
	else if (open_cocci(ctx->kb, c) && ctx->kb->trailing < 64)
		kbuild_attach(ctx->kb, s, l->len);
	return true;
}

/* Keep a diff line as context of its finding, while there is room. */
static void keep_diff_line(struct kbuild *kb, struct cocci *c,
			   const struct line *l)
{
	if (c->kept >= DIFF_CONTEXT_MAX || !open_cocci(kb, c))
		return;
	kbuild_attach(kb, l->s, l->len);
	c->kept++;
}

/* "diff -u -p A B": a finding of the context or patch mode starts */
static bool diff_start(struct parse_ctx *ctx, struct cocci *c,
		       const struct line *l)
{
	const char *a, *b;
	struct location loc;
	const char *msg;

	if (!c->seen || l->s[0] != 'd' ||
	    !(a = skip_prefix(l->s, "diff -u -p ")))
		return false;
	b = strchr(a, ' ');
	if (!b || b == a)
		return false;
	close_cocci(ctx->kb, c);
	c->describing = false;
	c->diff_mode = c->mode;
	if (c->diff_mode != MODE_CONTEXT && c->diff_mode != MODE_PATCH)
		c->diff_mode = strstr(b, " /tmp/nothing/") ? MODE_CONTEXT :
			       MODE_PATCH;
	memset(&loc, 0, sizeof(loc));
	loc.file = a;
	loc.file_len = b - a;
	if (c->diff_mode == MODE_PATCH && starts_with(a, "a/") &&
	    loc.file_len > 2) {
		loc.file += 2;
		loc.file_len -= 2;
	}
	msg = c->diff_mode == MODE_CONTEXT ? "semantic match" :
	      "proposed change";
	kbuild_diag(ctx->kb, "cocci", "coccinelle", SEV_WARNING, &loc,
		    c->script, msg, strlen(msg));
	c->may_be_open = true;
	ctx->kb->excerpt_due = false;
	c->diff = DIFF_HEADER;
	c->line_set = false;
	c->hunks = 0;
	c->kept = 0;
	return true;
}

/* "@@ -A[,B] +C[,D] @@[ FUNCTION]" */
static bool hunk_header(struct parse_ctx *ctx, struct cocci *c,
			const struct line *l)
{
	const char *p = skip_prefix(l->s, "@@ -"), *q;
	unsigned long a, b = 1, d = 1, cc;
	struct record *r;

	if (!p || !parse_ulong(p, &q, &a))
		return false;
	if (*q == ',' && !parse_ulong(q + 1, &q, &b))
		return false;
	q = skip_prefix(q, " +");
	if (!q || !parse_ulong(q, &q, &cc))
		return false;
	if (*q == ',' && !parse_ulong(q + 1, &q, &d))
		return false;
	q = skip_prefix(q, " @@");
	if (!q)
		return false;
	c->old_left = b;
	c->new_left = d;
	c->old_line = a;
	c->diff = b || d ? DIFF_HUNK : DIFF_BETWEEN;
	r = open_cocci(ctx->kb, c);
	if (r && !c->hunks++ && *q == ' ' && q[1]) {
		/* the function diff -p names: where the finding is */
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%s in %s", r->message, q + 1);
		record_set_message(r, strbuf_detach(&sb));
	}
	keep_diff_line(ctx->kb, c, l);
	return true;
}

/* One line of a hunk; false when it is none (a broken diff). */
static bool hunk_line(struct parse_ctx *ctx, struct cocci *c,
		      const struct line *l)
{
	struct record *r = open_cocci(ctx->kb, c);
	char k = l->len ? l->s[0] : ' ';

	switch (k) {
	case ' ':
		if (!c->old_left || !c->new_left)
			return false;
		c->old_left--;
		c->new_left--;
		c->old_line++;
		break;
	case '-':
		if (!c->old_left)
			return false;
		if (r && !c->line_set)
			r->line = c->old_line;
		c->line_set = true;
		c->old_left--;
		c->old_line++;
		break;
	case '+':
		if (!c->new_left)
			return false;
		if (r && !c->line_set)
			r->line = c->old_line;
		c->line_set = true;
		c->new_left--;
		break;
	case '\\':
		break;
	default:
		return false;
	}
	if (!c->old_left && !c->new_left)
		c->diff = DIFF_BETWEEN;
	keep_diff_line(ctx->kb, c, l);
	return true;
}

/* A line while a diff is being read; false when the diff is over. */
static bool diff_line(struct parse_ctx *ctx, struct cocci *c,
		      const struct line *l)
{
	const char *s = l->s;

	switch (c->diff) {
	case DIFF_HEADER:
		if (starts_with(s, "--- ") || starts_with(s, "+++ "))
			return true;
		if (hunk_header(ctx, c, l))
			return true;
		break;
	case DIFF_HUNK:
		if (hunk_line(ctx, c, l))
			return true;
		break;
	case DIFF_BETWEEN:
		if (hunk_header(ctx, c, l))
			return true;
		if (s[0] == '\\') {
			keep_diff_line(ctx->kb, c, l);
			return true;
		}
		break;
	case DIFF_NONE:
		return false;
	}
	close_cocci(ctx->kb, c);
	return false;
}

/* The lines of scripts/coccicheck itself around the run */
static bool wrapper_line(struct parse_ctx *ctx, struct cocci *c,
			 const struct line *l)
{
	static const char both_c_and_target[] =
		"Specifying both the variable \"C\" and rule \"coccicheck\"";
	static const char *const advice[] = {
		"Please check for false positives in the output before submitting a patch.",
		"When using \"patch\" mode, carefully review the patch before submitting it.",
		"You have not explicitly specified the mode to use.",
		"Available modes are the following: ",
		"You can specify the mode with \"make coccicheck MODE=",
		"Note however that some modes are not implemented by some semantic patches.",
		"command results in a shift count error.",
		"Try specifying \"scripts/coccicheck\" as a value for the CHECK variable instead.",
		"Example:\tmake C=2 CHECK=scripts/coccicheck ",
	};
	const char *s = l->s, *p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(advice); i++) {
		if (!starts_with(s, advice[i]))
			continue;
		if (i == 2 && !c->mode && strstr(s, "\"report\""))
			c->mode = MODE_REPORT;
		c->seen = true;
		return true;
	}
	if (starts_with(s, both_c_and_target)) {
		parse_notice(ctx, "cocci", "coccicheck",
			     "both C= and the coccicheck target were given: nothing was checked");
	} else if (!strcmp(s, "coccicheck failed")) {
		if (c->script)
			parse_notice(ctx, "cocci", "coccicheck",
				     "coccicheck failed in %s: the scripts after it did not run",
				     c->script);
		else
			parse_notice(ctx, "cocci", "coccicheck",
				     "coccicheck failed");
	} else if ((p = skip_prefix(s, "ERROR: File ")) &&
		   ends_with(p, " does not exist")) {
		parse_notice(ctx, "cocci", "coccicheck", "%s", s + 7);
	} else {
		return false;
	}
	c->seen = true;
	return true;
}

/* A script skipped for its version: a notice, with what it needs */
static void flush_skipped(struct parse_ctx *ctx, struct cocci *c,
			  const char *requires)
{
	if (!c->skipped)
		return;
	if (requires && *requires)
		parse_notice(ctx, "cocci", "coccicheck",
			     "skipped %s: it requires coccinelle %s",
			     c->skipped, requires);
	else
		parse_notice(ctx, "cocci", "coccicheck",
			     "skipped %s: it requires a newer coccinelle",
			     c->skipped);
	free(c->skipped);
	c->skipped = NULL;
}

static bool skip_lines(struct parse_ctx *ctx, struct cocci *c,
		       const struct line *l)
{
	const char *s = l->s, *p;

	if ((p = skip_prefix(s, "Skipping coccinelle SmPL patch: "))) {
		const char *name = script_category(p, strlen(p));

		flush_skipped(ctx, c, NULL);
		c->skipped = xstrdup(name);
		c->seen = true;
		return true;
	}
	if ((p = skip_prefix(s, "You have coccinelle:"))) {
		p = skip_spaces(p);
		if (*p)
			kbuild_tool_version(ctx->kb, "spatch", p, strlen(p));
		return true;
	}
	if ((p = skip_prefix(s, "This SmPL patch requires:"))) {
		flush_skipped(ctx, c, skip_spaces(p));
		return true;
	}
	return false;
}

/* spatch's own lines around a script's output */
static bool spatch_noise(struct parse_ctx *ctx, struct cocci *c,
			 const struct line *l)
{
	const char *s = l->s, *p;

	if (!s[0] || !strchr("fiH(wFE0123456789", s[0]))
		return false;
	if (starts_with(s, "fatal: not a git repository") ||
	    starts_with(s, "init_defs_builtins: ") ||
	    starts_with(s, "HANDLING: ") || starts_with(s, "(ONCE) "))
		return true;
	p = skip_digits(s);
	if (p > s && (!strcmp(p, " files match") || !strcmp(p, " file match") ||
		      !strcmp(p, " file matches")))
		return true;
	if (starts_with(s, "warning: ") || starts_with(s, "Fatal error: ") ||
	    starts_with(s, "EXN: ")) {
		/* about the script, not the code */
		parse_notice(ctx, "cocci", "spatch", "%s: %s",
			     c->script ? c->script : "spatch", s);
		return true;
	}
	return false;
}

/* V=1: "Processing x.cocci", its options, its description */
static bool describe_line(struct cocci *c, const struct line *l)
{
	const char *s = l->s;

	if (starts_with(s, "Processing ") && ends_with(s, ".cocci")) {
		c->describing = true;
		c->seen = true;
		return true;
	}
	if (!c->describing)
		return false;
	if (starts_with(s, "make[") || starts_with(s, "make:")) {
		c->describing = false;
		return false;
	}
	return true;
}

/* An echoed spatch command, or V=1's "Running (N in parallel): COMMAND" */
static bool command_line(struct parse_ctx *ctx, struct cocci *c,
			 const struct line *l)
{
	const char *s = l->s, *p;

	if (s[0] == 'R' && (p = skip_prefix(s, "Running (")) &&
	    (p = strstr(p, "): ")))
		s = p + 3;
	if ((s[0] != '/' && s[0] != '.' && s[0] != 's') || !is_spatch(s))
		return false;
	spatch_command(ctx, c, s);
	return true;
}

/*
 * Can a line that starts with @first be one of the wrapper's
 * (wrapper_line(), skip_lines())? A cheap test first: every line of a
 * build log comes here.
 */
static inline bool may_be_wrapper(char first)
{
	switch (first) {
	case 'A': case 'E': case 'N': case 'P': case 'S':
	case 'T': case 'W': case 'Y': case 'c':
		return true;
	default:
		return false;
	}
}

/* cocci_line() for a line that may be coccicheck's */
static bool take_line(struct parse_ctx *ctx, struct cocci *c,
		      const struct line *l)
{
	struct kbuild *kb = ctx->kb;
	const char *s = l->s;

	if (c->skipped && !starts_with(s, "You have coccinelle:") &&
	    !starts_with(s, "This SmPL patch requires:"))
		flush_skipped(ctx, c, NULL);
	if (c->diff != DIFF_NONE && diff_line(ctx, c, l))
		return true;
	if (!s[0] || is_space(s[0])) {
		/* kbuild's lines, excerpts: coccicheck's only in V=1 text */
		if (c->describing)
			return true;
		close_cocci(kb, c);
		return false;
	}
	if (command_line(ctx, c, l) || report_line(ctx, c, l) ||
	    org_line(ctx, c, l) || diff_start(ctx, c, l))
		return true;
	if ((may_be_wrapper(s[0]) &&
	     (wrapper_line(ctx, c, l) || skip_lines(ctx, c, l))) ||
	    (c->seen && spatch_noise(ctx, c, l)) ||
	    ((s[0] == 'P' || c->describing) && describe_line(c, l))) {
		close_cocci(kb, c);
		return true;
	}
	/* a line of another tool: an org item has no more links */
	close_cocci(kb, c);
	return false;
}

/* take_line(), and then whether the state is still quiet */
static __noinline bool cocci_take(struct parse_ctx *ctx, struct cocci *c,
				  const struct line *l)
{
	bool ret = take_line(ctx, c, l);

	c->quiet = !c->seen && !c->skipped && c->diff == DIFF_NONE &&
		   !c->describing;
	parse_set_busy(ctx, &c->busy, !c->quiet || c->may_be_open);
	return ret;
}

/*
 * Can report_line() take @l? Its first blank ends "FILE:L:C-E:": the
 * file holds no blank, the position none. A cheap test first, made from
 * the end of the position, which turns the compiler's "FILE:L:C: " away
 * at the ':' before C.
 */
static inline bool may_be_report(const struct line *l)
{
	const char *colon = l->colon, *sp = l->space, *p;

	/* "L:C-E:" is at least 6 bytes: p stays after @colon */
	if (!colon || !sp || sp - colon < 7 || sp[-1] != ':')
		return false;
	for (p = sp - 2; p > colon && is_digit(*p); p--)
		;
	return *p == '-' && p < sp - 2;
}

/*
 * The first bytes of the lines that command_line(), org_line(), the
 * wrapper's lines (may_be_wrapper()) or describe_line() can take. The
 * lines of the other tests need coccicheck seen, or a state.
 */
static const bool cocci_first[256] = {
	['R'] = true, ['/'] = true, ['.'] = true, ['s'] = true, /* command */
	['*'] = true, ['['] = true,				/* org */
	/* may_be_wrapper(), with describe_line()'s 'P' */
	['A'] = true, ['E'] = true, ['N'] = true, ['P'] = true, ['S'] = true,
	['T'] = true, ['W'] = true, ['Y'] = true, ['c'] = true,
};

/* cocci_line() for a line of another tool, while a finding may be open */
static __noinline void close_finding(struct parse_ctx *ctx, struct cocci *c)
{
	if (open_cocci(ctx->kb, c))
		kbuild_stop_attaching(ctx->kb);
	c->may_be_open = false;
	parse_set_busy(ctx, &c->busy, false);
}

static bool cocci_line(struct parse_ctx *ctx, void *priv,
		       const struct line *l)
{
	struct cocci *c = priv;

	/*
	 * No coccicheck yet, nothing pending, no line of coccicheck's: what
	 * cocci_take() does with a line of another tool: close_cocci(),
	 * c->diff being DIFF_NONE already.
	 */
	if (c->quiet && !cocci_first[(unsigned char)l->s[0]] &&
	    !may_be_report(l)) {
		if (c->may_be_open)
			close_finding(ctx, c);
		return false;
	}
	return cocci_take(ctx, c, l);
}

/*
 * While @c->busy is clear, cocci_line() turns away, with nothing to do,
 * an empty line and one that starts with a blank: neither is in
 * cocci_first[], and neither has a blank after its first ':'
 * (may_be_report()).
 */
static bool cocci_first_byte(unsigned char c, unsigned char lead)
{
	(void)lead;
	return c && c != ' ';
}

static void *cocci_begin(struct parse_ctx *ctx)
{
	struct cocci *c = xcalloc(1, sizeof(*c));

	(void)ctx;
	c->tool = intern("coccinelle");
	c->quiet = true;
	return c;
}

static int cocci_end(struct parse_ctx *ctx, void *priv)
{
	struct cocci *c = priv;

	flush_skipped(ctx, c, NULL);
	close_cocci(ctx->kb, c);
	free(c);
	return 0;
}

/* A coccicheck log: the wrapper's advice, or an echoed spatch command */
static int cocci_probe(const char *head, size_t len)
{
	if (memmem(head, len, "  CC      ", 10))
		return 0;
	if (memmem(head, len, " --cocci-file ", 14) ||
	    memmem(head, len, "Please check for false positives", 32))
		return 30;
	return 0;
}

const struct parser parser_cocci = {
	.name = "cocci",
	.probe = cocci_probe,
	.begin = cocci_begin,
	.line = cocci_line,
	.first = cocci_first_byte,
	.end = cocci_end,
};
