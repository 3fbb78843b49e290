// SPDX-License-Identifier: GPL-2.0
/*
 * gcc and clang diagnostics in a kernel build log.
 *
 *   FILE:LINE:COL: warning: MESSAGE [-Wflag]
 *   FILE:LINE:COL: error: MESSAGE [-Werror=flag]       (gcc, promoted)
 *   FILE:LINE:COL: error: MESSAGE [-Werror,-Wflag]     (clang, promoted)
 *   cc1: warning: MESSAGE [-Wflag]                     (no position)
 *
 * Context lines are attached to the diagnostic they belong to and never
 * counted: "In file included from", "In function", "inlined from" before
 * it; notes, the source excerpt with gcc's gutter or clang's bare line,
 * caret and fix-it lines after it.
 *
 * Which compiler printed them is decided from the log's own evidence once
 * the whole log is read (fmt_cc_finish()).
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"
#include "summary.h"
#include "util.h"

/* How much a piece of evidence weighs. */
#define EV_STRONG	5	/* a version banner, CC=, LLVM= */
#define EV_FORM		3	/* a form only one compiler prints */
#define EV_HINT		1	/* a habit; newer clang has a gutter too */

static bool word_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !memcmp(s, word, len);
}

/* "gcc", "x86_64-linux-gnu-gcc", "gcc-12", "cc1", "lto1", "clang-14" */
static int compiler_name(const char *s, size_t len)
{
	const char *base = s, *p;
	size_t blen;

	for (p = s; p < s + len; p++)
		if (*p == '/')
			base = p + 1;
	blen = s + len - base;
	/* drop a "-NN" version suffix */
	p = base + blen;
	while (p > base && is_digit(p[-1]))
		p--;
	if (p > base && p < base + blen && p[-1] == '-')
		blen = p - 1 - base;
	if (word_is(base, blen, "cc1") || word_is(base, blen, "cc1plus") ||
	    word_is(base, blen, "lto1") || word_is(base, blen, "gcc") ||
	    word_is(base, blen, "xgcc") ||
	    (blen > 4 && !memcmp(base + blen - 4, "-gcc", 4)))
		return 'g';
	if (word_is(base, blen, "clang") ||
	    (blen > 6 && !memcmp(base + blen - 6, "-clang", 6)))
		return 'c';
	return 0;
}

/*
 * split_flag() of a flag that -Werror promoted: the category without the
 * promotion, interned, and evidence of the compiler that wrote it.
 */
static __noinline const char *werror_flag(struct kbuild *kb, const char *flag,
					  size_t len, bool *werror)
{
	char *f = xstrndup(flag, len);
	const char *category;

	if (starts_with(f, "-Werror,")) {
		/* clang: [-Werror,-Wflag] */
		*werror = true;
		category = intern(f + 8);
		kb->clang_evidence += EV_FORM;
	} else if (starts_with(f, "-Werror=")) {
		/* gcc: [-Werror=flag] */
		char *w = xmalloc(strlen(f));

		sprintf(w, "-W%s", f + 8);
		*werror = true;
		category = intern(w);
		free(w);
		kb->gcc_evidence += EV_FORM;
	} else {
		category = intern(f);
	}
	free(f);
	return category;
}

/*
 * Split a trailing " [-Wflag]" off a message that ends its line. Sets
 * @category to the flag without the -Werror= promotion and @werror when
 * it was promoted.
 * Return: the message length without the flag.
 */
static inline size_t split_flag(struct kbuild *kb, const char *msg,
				size_t len, const char **category,
				bool *werror)
{
	const char *open, *flag, *end = msg + len;

	*category = NULL;
	*werror = false;
	if (!len || end[-1] != ']')
		return len;
	open = memrchr(msg, '[', len);
	if (!open || open == msg || open[-1] != ' ' || open[1] != '-')
		return len;
	flag = open + 1;
	/* the common case, a plain flag, needs no copy */
	if (!skip_literal(flag, end - flag, "-Werror"))
		*category = recent_intern(&kb->recent_category, flag,
					  end - 1 - flag);
	else
		*category = werror_flag(kb, flag, end - 1 - flag, werror);
	return open - 1 - msg;
}

/* U+2018 or U+2019, gcc's quotes in a UTF-8 locale */
static bool has_typographic_quote(const char *s, size_t len)
{
	const char *p, *end = s + len;

	for (p = s; (p = memchr(p, 0xe2, end - p)); p++)
		if (end - p >= 3 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0x98 ||
		     (unsigned char)p[2] == 0x99))
			return true;
	return false;
}

static __noinline void note_line(struct kbuild *kb, const struct line *l,
				 const struct location *loc, const char *msg)
{
	struct record *r = kbuild_last(kb);

	if (starts_with(msg, "expanded from macro"))
		kb->clang_evidence += EV_FORM;
	if (starts_with(msg, "in expansion of macro") ||
	    starts_with(msg, "in definition of macro"))
		kb->gcc_evidence += EV_FORM;
	if (!r) {
		kbuild_add_pending(kb, l->s, l->len);
		return;
	}
	/*
	 * gcc points into the header that defines a macro; the fix goes
	 * where the unit expanded it, so the last expansion site outside a
	 * header becomes the diagnostic's position.
	 */
	if (kb->header_diag && starts_with(msg, "in expansion of macro") &&
	    !(loc->file_len > 2 && !memcmp(loc->file + loc->file_len - 2,
					    ".h", 2))) {
		struct strbuf sb = STRBUF_INIT;
		char *file = xstrndup(loc->file, loc->file_len);

		if (!r->context || !starts_with(r->context, "reported at ")) {
			strbuf_addf(&sb, "reported at %s:%lu:%lu", r->file,
				    r->line, r->column);
			if (r->context)
				strbuf_addf(&sb, "\n%s", r->context);
			free(r->context);
			r->context = strbuf_detach(&sb);
		}
		r->file = intern(file);
		r->line = loc->line;
		r->column = loc->column;
		/* the unit's own warning now, not the header's */
		r->includer = NULL;
		free(file);
	}
	kbuild_attach(kb, l->s, l->len);
}

/* Does the message hold " [-W", where a -W flag starts? */
static inline bool has_flag(const char *msg, size_t len)
{
	const char *p, *end = msg + len;

	/* found by its '[', which few messages hold */
	for (p = msg + 1; p < end && (p = memchr(p, '[', end - p)); p++)
		if (p[-1] == ' ' && p[1] == '-' && p[2] == 'W')
			return true;
	return false;
}

/* What located_line() made of a line */
enum located {
	LOC_NONE,	/* no position, or no severity word after it */
	LOC_TAKEN,	/* the compiler's diagnostic, or a note */
	LOC_OTHER,	/* "FILE:L: SEVERITY: MESSAGE", not the compiler's */
};

/*
 * "FILE:L:C: warning: MESSAGE [-Wflag]", and notes. The severity word is
 * most often "warning: ", which is compared as words before asking
 * severity_word().
 */
static enum located located_line(struct kbuild *kb, const struct line *l)
{
	const struct location *loc = kbuild_location(kb, l);
	const char *msg, *category;
	enum severity sev;
	bool note, werror;
	size_t len, mlen;
	struct record *r;

	if (!loc)
		return LOC_NONE;
	msg = located_severity(l, loc, &sev, &note);
	if (!msg)
		return LOC_NONE;
	if (note) {
		note_line(kb, l, loc, msg);
		return LOC_TAKEN;
	}
	len = l->len - (msg - l->s);
	/*
	 * No column and no flag: kernel-doc's, not ours, and its message is
	 * kept for fmt_kerneldoc_line(). With a blank after the position,
	 * the line's first blank is the one before the word.
	 */
	if (!loc->column && !has_flag(msg, len)) {
		kb->loc_doc = msg;
		kb->loc_doc_sev = sev;
		return loc->rest[-1] == ' ' ? LOC_OTHER : LOC_NONE;
	}
	mlen = split_flag(kb, msg, len, &category, &werror);
	r = kbuild_diag(kb, "build", kb->cc_tool, sev, loc, category, msg,
			mlen);
	r->werror = werror;
	/*
	 * kbuild_diag() saw the quotes of the message; the flag split off
	 * it starts with a blank, so no quote straddles the two.
	 */
	if (kb->quoted ||
	    (len > mlen && has_typographic_quote(msg + mlen, len - mlen))) {
		kb->gcc_evidence += EV_HINT;
		kb->gcc_quotes = true;
	}
	return LOC_TAKEN;
}

/* "cc1: warning: x: No such file or directory [-Wmissing-include-dirs]" */
static __noinline bool driver_line(struct kbuild *kb, const struct line *l)
{
	const char *colon = l->colon;
	const char *msg, *category;
	enum severity sev;
	bool note, werror;
	struct record *r;
	size_t mlen;
	int cc;

	/* a blank after the first ':', so l->space is set; none before */
	if (!colon || colon[1] != ' ' || l->space < colon)
		return false;
	cc = compiler_name(l->s, colon - l->s);
	if (!cc)
		return false;
	if (!strcmp(colon + 2, "all warnings being treated as errors") ||
	    !strcmp(colon + 2, "some warnings being treated as errors")) {
		kb->gcc_evidence += EV_FORM;
		kbuild_stop_attaching(kb);
		return true;
	}
	msg = severity_word(colon + 2, &sev, &note);
	if (!msg)
		return false;
	if (cc == 'g')
		kb->gcc_evidence += EV_FORM;
	else
		kb->clang_evidence += EV_FORM;
	if (note) {
		kbuild_attach(kb, l->s, l->len);
		return true;
	}
	mlen = split_flag(kb, msg, l->len - (msg - l->s), &category, &werror);
	r = kbuild_diag(kb, "build", cc == 'g' ? "gcc" : "clang", sev, NULL,
			category, msg, mlen);
	r->werror = werror;
	return true;
}

/* "In file included from", "In function", "inlined from", ... */
static __noinline bool context_line(struct kbuild *kb, const struct line *l)
{
	static const char *const after_file[] = {
		": In function ", ": In member function ",
		": In static member function ", ": In constructor ",
		": In destructor ", ": In instantiation of ",
		": In lambda function", ": At top level:",
		": At global scope:",
	};
	const char *s = l->s, *p;
	size_t i;

	if (skip_literal(s, l->len, "In file included from ")) {
		kbuild_add_pending(kb, s, l->len);
		return true;
	}
	p = skip_spaces_n(s, l->len);
	if (p > s && (skip_literal(p, l->len - (p - s), "from ") ||
		      skip_literal(p, l->len - (p - s), "inlined from "))) {
		kbuild_add_pending(kb, s, l->len);
		return true;
	}
	/*
	 * The first ": ", with no blank before it: the line's first blank
	 * is the one right after a ':'.
	 */
	if (p > s || !l->space || l->space == s || l->space[-1] != ':')
		return false;
	p = l->space - 1;
	/* each of them is ": In ..." or ": At ..." */
	if (p[2] != 'I' && p[2] != 'A')
		return false;
	for (i = 0; i < ARRAY_SIZE(after_file); i++) {
		if (starts_with(p, after_file[i])) {
			kb->gcc_evidence += EV_HINT;
			kbuild_add_pending(kb, s, l->len);
			return true;
		}
	}
	return false;
}

/**
 * fmt_cc_excerpt() - read a line of gcc's source excerpt
 * @kb: the log state
 * @l: the line: "  156 |   code", "      |   ^~~~", "  +++ |+#include"
 *
 * Part of fmt_cc_line(). build_line() asks it first for the lines that
 * start with a blank: excerpts are near half of a log with warnings.
 *
 * Return: true when the line is an excerpt, attached to its diagnostic.
 */
bool fmt_cc_excerpt(struct kbuild *kb, const struct line *l)
{
	const char *p;

	/* no diagnostic open: no excerpt, whatever the line's shape */
	if (kb->last == NO_DIAG)
		return false;
	p = skip_spaces_n(l->s, l->len);
	if (p == l->s && *p != '|')
		return false;
	if (*p == '+' && starts_with(p, "+++"))
		p += 3;
	else
		p = skip_digits(p);
	if (*p == ' ')
		p++;
	if (*p != '|' || (p[1] && p[1] != ' ' && p[1] != '+'))
		return false;
	if (kb->excerpt_due && kbuild_last(kb)->tool == kb->cc_tool)
		kb->gcc_evidence += EV_HINT;
	kb->had_excerpt = true;
	kbuild_attach(kb, l->s, l->len);
	return true;
}

/* "3 warnings generated.", "1 warning and 2 errors generated." */
static __noinline bool clang_summary(struct kbuild *kb, const struct line *l)
{
	const char *p = skip_digits(l->s);

	if (p == l->s || *p != ' ' || !ends_with(l->s, " generated."))
		return false;
	p++;
	if (!starts_with(p, "warning") && !starts_with(p, "error"))
		return false;
	kb->clang_evidence += EV_FORM;
	kbuild_stop_attaching(kb);
	return true;
}

/* "Debian clang version 14.0.6", on a line with a blank */
static __noinline bool clang_banner(struct kbuild *kb, const struct line *l)
{
	const char *s = l->s, *sp = l->space, *p, *v;
	size_t n;

	/*
	 * The first "clang version " of the line: it holds a blank, so it
	 * either ends the line's first word with "clang" or starts after
	 * the first blank.
	 */
	p = NULL;
	if (sp - s >= 5 && !memcmp(sp - 5, "clang", 5) &&
	    starts_with(sp, " version ")) {
		p = sp - 5;
	} else {
		const char *end = s + l->len;

		/* found by its 'v', which few lines hold */
		for (v = sp + 7; v < end && (v = memchr(v, 'v', end - v));
		     v++) {
			if (!memcmp(v - 6, "clang ", 6) &&
			    starts_with(v, "version ")) {
				p = v - 6;
				break;
			}
		}
	}
	if (p && (p == s || p[-1] == ' ') && is_digit(p[14])) {
		v = p + 14;
		n = strcspn(v, " ");
		kbuild_tool_version(kb, "clang", v, n);
		kb->clang_evidence += EV_STRONG;
		return true;
	}
	return false;
}

/* "gcc (Debian 12.2.0-14) 12.2.0", "Debian clang version 14.0.6" */
static __noinline bool banner_line(struct kbuild *kb, const struct line *l)
{
	const char *s = l->s, *sp = l->space, *p, *v;
	size_t n;

	/* each banner has a blank */
	if (!sp)
		return false;
	if (clang_banner(kb, l))
		return true;
	p = sp;
	/* "cc (Debian 12.2.0-14) 12.2.0": the system cc is gcc */
	if (p && p[1] == '(' && (compiler_name(s, p - s) == 'g' ||
				 (p - s == 2 && !memcmp(s, "cc", 2))) &&
	    (v = strrchr(s, ')')) && v[1] == ' ' && is_digit(v[2])) {
		v += 2;
		n = strcspn(v, " ");
		kbuild_tool_version(kb, "gcc", v, n);
		kb->gcc_evidence += EV_STRONG;
		return true;
	}
	if ((v = skip_prefix(s, "gcc version ")) && is_digit(*v)) {
		kbuild_tool_version(kb, "gcc", v, strcspn(v, " "));
		kb->gcc_evidence += EV_STRONG;
		return true;
	}
	return false;
}

/* make V=1: "  gcc -Wp,-MMD,... -DKBUILD_EXTRA_WARN1 ..." */
static __noinline bool command_line(struct kbuild *kb, const struct line *l)
{
	const char *p = skip_spaces(l->s), *e, *w;
	int cc;

	e = p;
	while (*e && !is_space(*e))
		e++;
	if (e == p || *e != ' ' || e[1] != '-')
		return false;
	cc = compiler_name(p, e - p);
	if (!cc)
		return false;
	if (cc == 'g')
		kb->gcc_evidence += EV_STRONG;
	else
		kb->clang_evidence += EV_STRONG;
	w = strstr(e, "-DKBUILD_EXTRA_WARN");
	if (w && is_digit(w[19])) {
		char lvl[2] = { w[19], '\0' };

		if (!input_label(kb->ctx->in, "w"))
			input_set_label(kb->ctx->in, "w", lvl, false);
	}
	kbuild_stop_attaching(kb);
	return true;
}

/* An indented line: an excerpt, context, or a V=1 command */
static __noinline bool indented_line(struct kbuild *kb,
				     const struct line *l)
{
	return fmt_cc_excerpt(kb, l) || context_line(kb, l) ||
	       command_line(kb, l);
}

/*
 * A line that starts with no blank, no '|' and no digit. A position and a
 * severity word with a blank between them, "FILE:L: warning: ...", leave
 * context_line() nothing to take (the first blank follows a ':' and comes
 * before the word, which starts with no 'I' or 'A'), nor driver_line()
 * (the first ':' has a digit or no blank after it), nor banner_line() but
 * for clang's banner (gcc's has a '(' after the first blank, or starts
 * "gcc version ").
 */
static __noinline bool plain_line(struct kbuild *kb, const struct line *l)
{
	switch (located_line(kb, l)) {
	case LOC_TAKEN:
		return true;
	case LOC_OTHER:
		return clang_banner(kb, l);
	case LOC_NONE:
		break;
	}
	return context_line(kb, l) || driver_line(kb, l) || banner_line(kb, l);
}

/**
 * fmt_cc_line() - read a line that gcc or clang printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is the compiler's.
 */
bool fmt_cc_line(struct kbuild *kb, const struct line *l)
{
	int c = l->s[0];

	/* each a call of its own: the plain lines save no registers */
	if (is_space(c) || c == '|')
		return indented_line(kb, l);
	if (is_digit(c))
		return clang_summary(kb, l);
	return plain_line(kb, l);
}

/**
 * fmt_cc_close() - decide, once its context is read, whose a diagnostic is
 * @kb: the log state
 * @r: the diagnostic, complete
 *
 * gcc and clang print a source excerpt after every diagnostic and a -W
 * flag after every warning, and gcc quotes with U+2018/U+2019 in a UTF-8
 * locale; sparse, whose lines have the same shape, does none of that. A
 * diagnostic in the compiler's shape with no flag, no excerpt and no
 * typographic quote is sparse's (make C=1 logs mix the two).
 */
void fmt_cc_close(struct kbuild *kb, struct record *r)
{
	if (r->type == REC_DIAG && r->tool == kb->cc_tool && !r->category &&
	    !kb->had_excerpt && !kb->gcc_quotes && r->file)
		fmt_sparse_adopt(kb, r);
}

/**
 * fmt_cc_finish() - decide which compiler printed the log's diagnostics
 * @kb: the log state
 *
 * A compiler=... label given by the user decides. Otherwise the evidence
 * the log holds is weighed: version banners, CC= and LLVM= on the make
 * line, forms only one compiler prints ([-Werror,-W...], "N warnings
 * generated." and "expanded from macro" are clang's; [-Werror=...],
 * "cc1: ... treated as errors" and "in expansion of macro" are gcc's),
 * and habits, worth less: gcc's gutter, typographic quotes and
 * "FILE: In function" lines, and clang's bare excerpt line after a
 * diagnostic that has a -W flag (sparse prints indented lines too, never
 * with a flag). With no evidence at all, gcc, kbuild's default CC, is
 * assumed; then no compiler label is set.
 */
void fmt_cc_finish(struct kbuild *kb)
{
	struct parse_ctx *ctx = kb->ctx;
	const char *given = NULL, *tool;
	size_t i;

	for (i = 0; i < ctx->in->nr_label; i++)
		if (ctx->in->label[i].given &&
		    !strcmp(ctx->in->label[i].key, "compiler"))
			given = ctx->in->label[i].value;
	if (given)
		tool = compiler_name(given, strlen(given)) == 'c' ?
		       "clang" : "gcc";
	else
		tool = kb->clang_evidence > kb->gcc_evidence ? "clang" : "gcc";
	tool = intern(tool);
	if (!given && (kb->clang_evidence || kb->gcc_evidence))
		input_set_label(ctx->in, "compiler", tool, false);
	for (i = 0; i < ctx->in->tools.nr; i++) {
		const char *v = skip_prefix(ctx->in->tools.name[i], tool);

		if (v && *v == ' ')
			input_set_label(ctx->in, "compiler_version", v + 1,
					false);
	}
	for (i = ctx->in->first_rec; i < ctx->res->nr; i++)
		if (ctx->res->rec[i].tool == kb->cc_tool)
			ctx->res->rec[i].tool = tool;
	if (ctx->acc) {
		for (i = 0; i < ctx->acc->nr_diag; i++)
			if (ctx->acc->diag[i].tool == kb->cc_tool)
				ctx->acc->diag[i].tool = tool;
		summary_reindex(ctx->acc);
	}
}
