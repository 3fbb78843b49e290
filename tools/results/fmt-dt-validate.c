// SPDX-License-Identifier: GPL-2.0
/*
 * The dt kind: devicetree validation, in the logs of make dtbs,
 * dtbs_check (CHECK_DTBS=y) and dt_binding_check. It lives here, with
 * dt-validate's format, because dt-validate is what the two check targets
 * run and what needs the most state (a message and its TAB-indented
 * continuations); dtc's format is fmt-dtc.c, which this kind offers each
 * line first. The tools and their lines:
 *
 * dt-validate (dtschema), one message per line, the continuations of
 * a message indented with one TAB, and the schema that failed last:
 *
 *   arch/arm64/boot/dts/acme/wdg100-evk.dtb: widget@4000 (acme,wdg100): clock-names:0: 'core' was expected
 *   	hint: ...
 *   	from schema $id: http://devicetree.org/schemas/misc/acme,wdg100.yaml#
 *   /srv/linux-build/arch/arm64/boot/dts/acme/wdg100-evk.dtb: usb@fe800000: 'oneOf' conditional failed, one must be fixed:
 *   	'interrupts' is a required property
 *   	'interrupts-extended' is a required property
 *   	From schema: /srv/linux/Documentation/devicetree/bindings/usb/acme,dwc3.yaml
 *   arch/arm64/boot/dts/acme/wdg100-evk.dtb:0:0: /soc/gizmo@9000: failed to match any schema with compatible: ['acme,gizmo']
 *
 * yamllint -f parsable and dt-doc-validate (the LINT and CHKDT steps of
 * dt_binding_check), with 1-based line and column:
 *
 *   ./Documentation/devicetree/bindings/misc/acme,wdg100.yaml:12:81: [warning] line too long (95 > 80 characters) (line-length)
 *   /srv/linux/Documentation/devicetree/bindings/misc/acme,wdg100.yaml:20:5: properties:clocks: 'maxItems' is a required property
 *   	from schema $id: http://devicetree.org/meta-schemas/clocks.yaml#
 *
 * Problems of the check run itself are notices: a missing yamllint or
 * dt-schema, a dt-schema too old, schemas that could not be loaded, and
 * dt-validate's recursion error. The progress lines of the steps are
 * coverage: the dtbs built and validated (DTC, DTC_CHK, "DTC [C]", and
 * CHECK of a .dt.yaml in older kernels), the bindings checked (CHKDT of a
 * binding, DTEX of its example).
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"
#include "strbuf.h"

/* A message joined from continuation lines stops growing here. */
#define MAX_MESSAGE	(16 * 1024)
/* Context lines kept for one message. */
#define MAX_CONTEXT	64
/* A oneOf that more than one sub-schema matched: the schema follows */
#define ONEOF_DUMP	"More than one condition true in oneOf schema:"

struct dt {
	const char *dtc, *validate, *docval, *yamllint;	/* interned tools */
	bool path_next;		/* the $PATH line after "Current PATH is:" */
	bool skip_tabs;		/* the list of "matched on schema(s)" */
	/*
	 * The open diagnostic may be this kind's: false only while it is
	 * known not to be. Only a line that dt_line() takes makes one.
	 */
	bool may_be_open;
	/*
	 * Any of the three above, as dt_any_line() left them, for
	 * dt_line()'s cheap test and dt_first()'s (parse_set_busy()). Only
	 * dt_any_line() changes them.
	 */
	bool busy;
};

/* The last byte first: every "FILE:" of a build log is tested */
static inline bool is_dtb(const char *s, size_t len)
{
	if (!len || (s[len - 1] != 'b' && s[len - 1] != 'o' &&
		     s[len - 1] != 'l'))
		return false;
	return ends_with_n(s, len, ".dtb") || ends_with_n(s, len, ".dtbo") ||
	       ends_with_n(s, len, ".dt.yaml");
}

static inline bool is_yaml(const char *s, size_t len)
{
	if (!len || s[len - 1] != 'l')
		return false;
	return ends_with_n(s, len, ".yaml") || ends_with_n(s, len, ".yml");
}

/* The open diagnostic, when it is dt-validate's or dt-doc-validate's. */
static struct record *open_validate(struct kbuild *kb, struct dt *dt)
{
	struct record *r = kbuild_last(kb);

	return r && (r->tool == dt->validate || r->tool == dt->docval) ?
	       r : NULL;
}

/* A line that continues nothing of this kind ends its open diagnostic. */
static inline void close_open(struct kbuild *kb, struct dt *dt)
{
	struct record *r;

	if (!dt->may_be_open)
		return;
	r = kbuild_last(kb);
	if (r && (r->tool == dt->validate || r->tool == dt->docval ||
		  r->tool == dt->yamllint || r->tool == dt->dtc))
		kbuild_stop_attaching(kb);
	dt->may_be_open = false;
}

/*
 * Where the trees are, from an absolute path a dt tool printed: the part
 * before "/arch/ARCH/boot/dts/" or "/Documentation/devicetree/bindings/".
 * dts sources (dtc's positions) and bindings (schemas, yamllint,
 * dt-doc-validate) are in the source tree, dtbs (dt-validate) in the
 * build directory. An in-tree build prints no "Entering directory", and
 * only these paths say where the tree was. What the log said first wins
 * (kbuild_learn_srctree()).
 */
static void learn_tree(struct kbuild *kb, const char *path, size_t len,
		       bool output)
{
	const char *end = path + len, *p, *hit = NULL;

	if (!len || path[0] != '/')
		return;
	p = memmem(path, len, "/Documentation/devicetree/bindings/", 35);
	if (p) {
		hit = p;
	} else {
		for (p = path; (p = memmem(p, end - p, "/arch/", 6)); p++) {
			const char *a = p + 6, *slash = memchr(a, '/', end - a);

			if (slash && slash > a && end - slash > 10 &&
			    !memcmp(slash, "/boot/dts/", 10)) {
				hit = p;
				break;
			}
		}
	}
	if (!hit || hit == path)
		return;
	if (output)
		kbuild_learn_objtree(kb, path, hit - path);
	else
		kbuild_learn_srctree(kb, path, hit - path);
}

/*
 * A path in a notice: the part from Documentation/ on for a binding, so
 * that no machine path reaches RESULTS; other paths as given.
 */
static const char *binding_path(const char *path)
{
	const char *hit = strstr(path, "Documentation/devicetree/");

	return hit ? hit : path;
}

/*
 * The category of a schema, from dt-validate's last line: "from schema
 * $id: http://devicetree.org/schemas/mfd/syscon.yaml#" (newer dt-schema)
 * or "From schema: /srv/linux/Documentation/devicetree/bindings/mfd/
 * syscon.yaml" (until about v2022.05). It is the schema's path below the
 * binding root, which is the same in the tree (Documentation/devicetree/
 * bindings/) and in dt-schema (dtschema/schemas/), and which the $id
 * repeats: "mfd/syscon.yaml" either way. A meta-schema (dt-doc-validate)
 * keeps its directory: "meta-schemas/core.yaml".
 */
static const char *schema_category(struct kbuild *kb, const char *s)
{
	static const char *const roots[] = {
		"http://devicetree.org/schemas/", "https://devicetree.org/schemas/",
		"http://devicetree.org/", "https://devicetree.org/",
	};
	const char *p = NULL, *hit;
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(roots) && !p; i++)
		p = skip_prefix(s, roots[i]);
	if (!p) {
		hit = strstr(s, "Documentation/devicetree/bindings/");
		if (hit) {
			learn_tree(kb, s, strlen(s), false);
			p = hit + strlen("Documentation/devicetree/bindings/");
		} else if ((hit = strstr(s, "/meta-schemas/"))) {
			p = hit + 1;
		} else if ((hit = strstr(s, "/schemas/"))) {
			p = hit + strlen("/schemas/");
		} else {
			p = path_basename(s);
		}
	}
	len = strlen(p);
	while (len && (p[len - 1] == '#' || is_space(p[len - 1])))
		len--;
	return intern_n(p, len);
}

/* Add a sub-message to the message of the open diagnostic. */
static void join_message(struct record *r, const char *sub)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(r->message);

	if (n > MAX_MESSAGE)
		return;
	strbuf_add(&sb, r->message, n);
	strbuf_addstr(&sb, n && r->message[n - 1] == ':' ? " " : "; ");
	strbuf_addstr(&sb, sub);
	record_set_message(r, strbuf_detach(&sb));
}

/*
 * A TAB-indented line: the continuation of the open message. One TAB and
 * the schema ends it and gives its category; hints, the schema lines of
 * nested conditionals and the schema dump of "More than one condition
 * true in oneOf schema" are context; sub-messages are joined to the
 * message, a nested conditional's without its repeated "FILE: NODE: ".
 */
static __noinline bool tab_line(struct kbuild *kb, struct dt *dt,
				const struct line *l)
{
	struct record *r = open_validate(kb, dt);
	const char *p = l->s, *q;
	size_t depth = 0, n;

	if (dt->skip_tabs)
		return true;
	if (!r)
		return false;
	while (*p == '\t') {
		p++;
		depth++;
	}
	if (depth == 1 && ((q = skip_prefix(p, "from schema $id: ")) ||
			   (q = skip_prefix(p, "From schema: ")))) {
		r->category = schema_category(kb, q);
		kbuild_stop_attaching(kb);
		return true;
	}
	if (starts_with(p, "hint: ") || starts_with(p, "from schema $id: ") ||
	    starts_with(p, "From schema: ") || starts_with(p, "expected: ") ||
	    ends_with(r->message, ONEOF_DUMP)) {
		if (kb->trailing < MAX_CONTEXT)
			kbuild_attach(kb, l->s, l->len);
		return true;
	}
	/* a nested conditional repeats the file and the node */
	n = r->file ? strlen(r->file) : 0;
	if (n && !strncmp(p, r->file, n) && p[n] == ':' && p[n + 1] == ' ') {
		const char *node = r->message;
		size_t nlen = strcspn(node, ":");

		p += n + 2;
		if (!strncmp(p, node, nlen) && p[nlen] == ':' &&
		    p[nlen + 1] == ' ')
			p += nlen + 2;
	}
	join_message(r, p);
	return true;
}

/* "PATH: " or "PATH:L:C: " at the start of a line, PATH a dtb */
static bool dtb_position(const struct line *l, struct location *loc)
{
	const char *s = l->s, *colon = l->colon, *q;

	if (!colon || colon == s || (l->space && l->space < colon) ||
	    !is_dtb(s, colon - s))
		return false;
	memset(loc, 0, sizeof(*loc));
	loc->file = s;
	loc->file_len = colon - s;
	q = colon + 1;
	if (is_digit(*q)) {
		if (!parse_ulong(q, &q, &loc->line) || *q != ':' ||
		    !parse_ulong(q + 1, &q, &loc->column) || *q != ':')
			return false;
		q++;
	}
	if (*q != ' ')
		return false;
	loc->rest = q + 1;
	return true;
}

/*
 * "DTB: NODE[ (COMPATIBLE)]: PROP: message", and "DTB[:0:0]: /PATH:
 * failed to match any schema with compatible: [...]" from -m.
 */
static bool validate_line(struct parse_ctx *ctx, struct dt *dt,
			  const struct line *l)
{
	struct kbuild *kb = ctx->kb;
	struct strbuf msg = STRBUF_INIT;
	const char *rest, *p, *e, *compat = NULL;
	struct location loc;
	size_t clen = 0;

	if (!dtb_position(l, &loc))
		return false;
	rest = loc.rest;
	e = rest + strcspn(rest, ": ");
	if (e == rest)
		return false;
	learn_tree(kb, loc.file, loc.file_len, true);
	if (starts_with(e, ": failed to match any schema")) {
		kbuild_diag(kb, "dt", "dt-validate", SEV_WARNING, &loc,
			    "unmatched", rest, strlen(rest));
		kb->excerpt_due = false;
		kbuild_stop_attaching(kb);
		return true;
	}
	if (starts_with(e, ": matched on schema(s)")) {
		/* -M lists the schemas that matched: not a finding */
		close_open(kb, dt);
		dt->skip_tabs = true;
		return true;
	}
	if (starts_with(rest, "recursion error: ")) {
		close_open(kb, dt);
		parse_notice(ctx, "dt", "dt-validate", "%s", rest);
		return true;
	}
	/* the node, and the compatible that newer dt-schema adds */
	strbuf_add(&msg, rest, e - rest);
	if (e[0] == ' ' && e[1] == '(') {
		compat = e + 2;
		p = strstr(compat, "): ");
		if (!p)
			goto not_mine;
		clen = p - compat;
		e = p + 1;
	}
	if (e[0] != ':' || e[1] != ' ')
		goto not_mine;
	strbuf_addstr(&msg, e);
	kbuild_diag(kb, "dt", "dt-validate", SEV_ERROR, &loc, NULL, msg.buf,
		    msg.len);
	kb->excerpt_due = false;
	if (compat) {
		strbuf_reset(&msg);
		strbuf_addstr(&msg, "compatible: ");
		strbuf_add(&msg, compat, clen);
		kbuild_attach(kb, msg.buf, msg.len);
	}
	strbuf_release(&msg);
	return true;
not_mine:
	strbuf_release(&msg);
	return false;
}

/* "(rule)" at the end of a yamllint message: its category */
static size_t yamllint_rule(const char *msg, size_t len, size_t *rule_len)
{
	size_t i;

	*rule_len = 0;
	if (len < 4 || msg[len - 1] != ')')
		return len;
	for (i = len - 1; i > 0 && msg[i - 1] != '('; i--)
		if (!is_alnum(msg[i - 1]) && msg[i - 1] != '-' &&
		    msg[i - 1] != '_')
			return len;
	if (i < 3 || i == len - 1 || msg[i - 2] != ' ')
		return len;
	*rule_len = len - 1 - i;
	return i - 2;
}

/* "FILE:L:C: [LEVEL] message (rule)" */
static void yamllint_diag(struct kbuild *kb, const struct location *loc,
			  enum severity sev, const char *msg)
{
	size_t rule_len, len = yamllint_rule(msg, strlen(msg), &rule_len);
	char *rule = rule_len ? xstrndup(msg + len + 2, rule_len) : NULL;

	kbuild_diag(kb, "dt", "yamllint", sev, loc, rule, msg, len);
	kb->excerpt_due = false;
	kbuild_stop_attaching(kb);
	free(rule);
}

/*
 * A binding's YAML: yamllint's "FILE:L:C: [warning] ...", and
 * dt-doc-validate's "FILE:L:C: path: message", "FILE: message".
 */
static bool yaml_line(struct parse_ctx *ctx, struct dt *dt,
		      const struct line *l)
{
	struct kbuild *kb = ctx->kb;
	const char *s = l->s, *colon, *p;
	const struct location *at = kbuild_location(kb, l);
	struct location loc;

	if (at) {
		if (!at->column || !is_yaml(at->file, at->file_len))
			return false;
		learn_tree(kb, at->file, at->file_len, false);
		if ((p = skip_prefix(at->rest, "[warning] ")))
			yamllint_diag(kb, at, SEV_WARNING, p);
		else if ((p = skip_prefix(at->rest, "[error] ")))
			yamllint_diag(kb, at, SEV_ERROR, p);
		else
			kbuild_diag(kb, "dt", "dt-doc-validate", SEV_ERROR,
				    at, NULL, at->rest, strlen(at->rest));
		kb->excerpt_due = false;
		return true;
	}
	colon = l->colon;
	if (!colon || colon[1] != ' ' || (l->space && l->space < colon) ||
	    !is_yaml(s, colon - s) || !memmem(s, colon - s, "bindings/", 9))
		return false;
	p = colon + 2;
	learn_tree(kb, s, colon - s, false);
	if (starts_with(p, "ignoring, ")) {
		/* dt-mk-schema leaves a broken binding out */
		char *file = xstrndup(s, colon - s);

		close_open(kb, dt);
		parse_notice(ctx, "dt", "dt-schema", "%s: %s",
			     binding_path(file), p);
		free(file);
		return true;
	}
	memset(&loc, 0, sizeof(loc));
	loc.file = s;
	loc.file_len = colon - s;
	kbuild_diag(kb, "dt", "dt-doc-validate", SEV_ERROR, &loc, NULL, p,
		    strlen(p));
	kb->excerpt_due = false;
	return true;
}

/*
 * Can run_line() take a line that starts with @s? Its lines start with
 * 'E' or 'C', or have @colon and start with 'w' or have ": r" at @colon.
 * A cheap test first: every line of a build log comes here.
 */
static inline bool may_be_run(const char *s, const char *colon)
{
	return s[0] == 'E' || s[0] == 'C' ||
	       (colon && (s[0] == 'w' || (colon[1] == ' ' && colon[2] == 'r')));
}

/*
 * Lines about the check run itself, which become notices. @colon is the
 * first colon of the line, when a word without blanks comes before it.
 */
static bool run_line(struct parse_ctx *ctx, struct dt *dt,
		     const struct line *l, const char *colon)
{
	static const char advice[] =
		"Ensure dtschema python package is installed and in your PATH.";
	const char *s = l->s, *p;

	/* the advice after a missing dt-doc-validate, then the PATH */
	if (s[0] == 'E' && !strcmp(s, advice)) {
		close_open(ctx->kb, dt);
		return true;
	}
	if (s[0] == 'C' && !strcmp(s, "Current PATH is:")) {
		close_open(ctx->kb, dt);
		dt->path_next = true;
		return true;
	}
	if (!colon)
		return false;
	if (s[0] != 'w' && s[0] != 'E') {
		/* "dt-validate: recursion error: Check for prior errors..." */
		if (!starts_with(colon, ": recursion error: ") ||
		    is_dtb(s, colon - s))
			return false;
		close_open(ctx->kb, dt);
		parse_notice(ctx, "dt", "dt-validate", "%s", colon + 2);
		return true;
	}
	if (starts_with(s,
			"warning: python package 'yamllint' not installed")) {
		parse_notice(ctx, "dt", "yamllint", "%s", s + 9);
	} else if ((p = skip_prefix(s, "Error: '")) && starts_with(p, "dt-") &&
		   ends_with(p, "' not found!")) {
		parse_notice(ctx, "dt", "dt-schema", "%s", s + 7);
	} else if (starts_with(s, "ERROR: dtschema minimum version is ")) {
		parse_notice(ctx, "dt", "dt-schema", "%s", s + 7);
	} else if (starts_with(s, "warning: ignoring duplicate '$id' value ")) {
		parse_notice(ctx, "dt", "dt-schema", "%s", s + 9);
	} else if ((p = skip_prefix(s, "warning: no schema found in path: "))) {
		parse_notice(ctx, "dt", "dt-schema",
			     "no schema found in path: %s", binding_path(p));
	} else {
		return false;
	}
	close_open(ctx->kb, dt);
	return true;
}

/*
 * kbuild's progress lines of the dt targets: coverage. make claims them
 * (fmt-make.c: a make run), but for "  CHECK   x.dt.yaml", which older
 * kernels print for dtbs_check and which is no file that sparse read.
 */
static __noinline bool progress_line(struct parse_ctx *ctx,
				     const struct line *l)
{
	struct input *in = ctx->in;
	const char *s = l->s, *a = s + 2, *p = a, *t;
	size_t alen, tlen;

	if (s[1] != ' ')
		return false;
	while (is_upper(*p) || *p == '_')
		p++;
	alen = p - a;
	/* none of the steps below: a gcc excerpt, "  CC      x.o" */
	if (alen < 3 || alen == 6 || alen > 7)
		return false;
	if (alen == 3 && starts_with(p, " [C] "))
		p += 4;
	if (*p != ' ')
		return false;
	t = skip_spaces(p);
	if (!*t)
		return false;
	/* the line holds no NUL before its end */
	tlen = l->len - (t - s);
	if ((alen == 3 && !memcmp(a, "DTC", 3)) ||
	    (alen == 7 && !memcmp(a, "DTC_CHK", 7))) {
		if (is_dtb(t, tlen))
			nameset_add(&in->dtbs, t);
	} else if (alen == 5 && !memcmp(a, "CHECK", 5)) {
		if (!is_dtb(t, tlen))
			return false;
		nameset_add(&in->dtbs, t);
		kbuild_stop_attaching(ctx->kb);
		return true;
	} else if (alen == 4 && !memcmp(a, "DTEX", 4)) {
		if (ends_with_n(t, tlen, ".example.dts")) {
			char *yaml = xmalloc(tlen + 1);

			memcpy(yaml, t, tlen - 12);
			strcpy(yaml + tlen - 12, ".yaml");
			nameset_add(&in->bindings, yaml);
			free(yaml);
		}
	} else if (alen == 5 && !memcmp(a, "CHKDT", 5)) {
		if (is_yaml(t, tlen))
			nameset_add(&in->bindings, t);
	}
	return false;
}

/*
 * A line that starts with a word and a colon (@colon), "FILE:" or
 * "warning:", or that run_line() may take; or one that closes an open
 * diagnostic of this kind.
 */
static __noinline bool word_line(struct parse_ctx *ctx, struct dt *dt,
				 const struct line *l, const char *colon)
{
	const char *s = l->s;

	if ((may_be_run(s, colon) && run_line(ctx, dt, l, colon)) ||
	    (colon && is_dtb(s, colon - s) && validate_line(ctx, dt, l)) ||
	    (colon && is_yaml(s, colon - s) && yaml_line(ctx, dt, l))) {
		dt->may_be_open = true;
		return true;
	}
	close_open(ctx->kb, dt);
	return false;
}

/* A line that starts with a blank: kbuild's progress lines */
static __noinline bool blank_line(struct parse_ctx *ctx, struct dt *dt,
				  const struct line *l)
{
	close_open(ctx->kb, dt);
	return progress_line(ctx, l);
}

/*
 * What dt_line() does with a line that is not dtc's: kbuild's progress
 * lines and the lines that start with a word and a colon. Without an
 * open diagnostic of this kind to close (close_open()), the lines that
 * none of them can take are turned away here.
 */
static bool other_line(struct parse_ctx *ctx, struct dt *dt,
		       const struct line *l)
{
	const char *s = l->s, *colon;

	if (s[0] == ' ') {
		/* a step's name: not a gcc excerpt's "  100 | ", "      | " */
		if (dt->may_be_open || (s[1] == ' ' && is_upper(s[2])))
			return blank_line(ctx, dt, l);
		return false;
	}
	/* the rest start with a word and a colon: "FILE:", "warning:" */
	colon = l->colon;
	if (colon && (colon == s || (l->space && l->space < colon)))
		colon = NULL;
	if (dt->may_be_open || may_be_run(s, colon) ||
	    (colon && (is_dtb(s, colon - s) || is_yaml(s, colon - s))))
		return word_line(ctx, dt, l, colon);
	return false;
}

/* A line that fmt_dtc_may_take(): dtc's, or other_line()'s */
static __noinline bool dtc_first(struct parse_ctx *ctx, struct dt *dt,
				 const struct line *l)
{
	struct kbuild *kb = ctx->kb;
	struct record *r;

	if (!fmt_dtc_line(kb, l))
		return other_line(ctx, dt, l);
	dt->may_be_open = true;
	r = kbuild_last(kb);
	/* a dts source is in the tree; an example is generated */
	if (r && r->tool == dt->dtc && r->file && r->input_line == l->nr &&
	    !strstr(r->file, "Documentation/devicetree/"))
		learn_tree(kb, r->file, strlen(r->file), false);
	return true;
}

/* dt_line() in full: for a line that dt_quiet_line() lets through */
static bool dt_take(struct parse_ctx *ctx, struct dt *dt,
		    const struct line *l)
{
	const char *s = l->s;

	if (dt->path_next) {
		dt->path_next = false;
		return true;
	}
	if (s[0] == '\t')
		return tab_line(ctx->kb, dt, l);
	dt->skip_tabs = false;
	if (!s[0]) {
		close_open(ctx->kb, dt);
		return false;
	}
	if (fmt_dtc_may_take(l))
		return dtc_first(ctx, dt, l);
	return other_line(ctx, dt, l);
}

/* dt_take(), and then whether any state is set */
static __noinline bool dt_any_line(struct parse_ctx *ctx, struct dt *dt,
				   const struct line *l)
{
	bool ret = dt_take(ctx, dt, l);

	parse_set_busy(ctx, &dt->busy,
		       dt->path_next || dt->skip_tabs || dt->may_be_open);
	return ret;
}

/*
 * Does dt_take() turn @l away, with nothing to do, while no state is set
 * (no $PATH line due, no list of schemas, no diagnostic of this kind
 * open)? The cheap tests that every line of a build log takes: its first
 * bytes, and the bytes around its first blank and ':'.
 */
static inline bool dt_quiet_line(const struct line *l)
{
	const char *s = l->s, *sp = l->space, *colon = l->colon;
	char last;

	switch (s[0]) {
	case '\0':
		return true;
	case ' ':
		/* dtc's "  also defined at " */
		if (s[1] != ' ' || s[2] == 'a')
			return s[1] != ' ';
		/*
		 * progress_line()'s steps (DTC, DTC_CHK, DTEX, CHECK, CHKDT)
		 * do something only for a dtb, a binding or an example
		 */
		if ((s[2] != 'D' || s[3] != 'T') &&
		    (s[2] != 'C' || s[3] != 'H'))
			return true;
		last = s[l->len - 1];
		return last != 'b' && last != 'o' && last != 'l' &&
		       last != 's';
	case '\t':		/* tab_line() */
	case 'C': case 'E': case 'w':	/* may_be_run() */
	case 'F': case 'W':	/* fmt_dtc_may_take() */
		return false;
	}
	/* fmt_dtc_may_take(): "... Warning (", "... ERROR (" */
	if (sp && (sp[1] == 'W' || sp[1] == 'E') && sp - s >= 2 &&
	    sp[-1] == ':')
		return false;
	/* other_line(): "FILE:" of a dtb or a binding, ": recursion error" */
	if (!colon || colon == s || (sp && sp < colon))
		return true;
	if (colon[-1] == 'b' || colon[-1] == 'o' || colon[-1] == 'l')
		return false;
	return colon[1] != ' ' || colon[2] != 'r';
}

static bool dt_line(struct parse_ctx *ctx, void *priv, const struct line *l)
{
	struct dt *dt = priv;

	if (!dt->busy && dt_quiet_line(l))
		return false;
	return dt_any_line(ctx, dt, l);
}

/*
 * While @dt->busy is clear, dt_quiet_line() holds for an empty line, and
 * for one that starts with a blank but for "  also defined at" and the
 * progress lines "  DTC", "  CHECK" and the like
 */
static bool dt_first(unsigned char c, unsigned char lead)
{
	if (c == ' ')
		return lead == 'a' || lead == 'D' || lead == 'C';
	return c;
}

static void *dt_begin(struct parse_ctx *ctx)
{
	struct dt *dt = xcalloc(1, sizeof(*dt));

	(void)ctx;
	dt->dtc = intern("dtc");
	dt->validate = intern("dt-validate");
	dt->docval = intern("dt-doc-validate");
	dt->yamllint = intern("yamllint");
	return dt;
}

static int dt_end(struct parse_ctx *ctx, void *priv)
{
	(void)ctx;
	free(priv);
	return 0;
}

/*
 * The log of a dt target alone. A log that compiles C code too is a build
 * log in which the dt checks ran: it keeps the build kind.
 */
static int dt_probe(const char *head, size_t len)
{
	static const char *const marks[] = {
		"  DTC_CHK ", "  DTC [C] ", "  CHKDT   ", "  DTEX    ",
		"  DTC     ", "\tFrom schema: ", "\tfrom schema $id: ",
		"failed to match any schema", ": Warning (",
		"  LINT    Documentation/devicetree/",
		"warning: python package 'yamllint' not installed",
		"Error: 'dt-doc-validate' not found!",
	};
	size_t i;

	if (memmem(head, len, "  CC      ", 10) ||
	    memmem(head, len, "  CC [M]  ", 10))
		return 0;
	for (i = 0; i < ARRAY_SIZE(marks); i++)
		if (memmem(head, len, marks[i], strlen(marks[i])))
			return 18;
	return 0;
}

const struct parser parser_dt = {
	.name = "dt",
	.probe = dt_probe,
	.begin = dt_begin,
	.line = dt_line,
	.first = dt_first,
	.end = dt_end,
};
