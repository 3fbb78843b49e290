// SPDX-License-Identifier: GPL-2.0
/*
 * The sparse kind: what sparse prints in a make C=1 or C=2 log.
 *
 *   kernel/time/itimer.c:53:27: warning: incorrect type in argument 1 (different address spaces)
 *   kernel/time/itimer.c:53:27:    expected struct spinlock [usertype] *lock
 *   kernel/time/itimer.c:53:27:    got struct spinlock [noderef] __rcu *
 *   kernel/time/posix-cpu-timers.c: note: in included file (through include/linux/sched/signal.h):
 *
 * A sparse diagnostic has the compiler's shape, so fmt-cc.c reads the
 * first line and, once it knows that no -W flag and no source excerpt came
 * with it, hands it over here (fmt_sparse_adopt()). This file reads what
 * only sparse prints: the continuation lines that repeat the position,
 * the "in included file" headers, and the -fdiagnostic-prefix forms
 * ("sparse: warning: ...", and the 0-day robot's "sparse: sparse: ..."
 * with "@@"-glued expected/got lines). "  CHECK   x.c" lines are coverage,
 * read by fmt-make.c.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"

/**
 * fmt_sparse_adopt() - make a diagnostic sparse's
 * @kb: the log state
 * @r: a diagnostic read in the compiler's shape
 *
 * sparse's own cap ("too many warnings") is about the run, not the code:
 * it becomes a notice.
 */
void fmt_sparse_adopt(struct kbuild *kb, struct record *r)
{
	(void)kb;
	r->source = r->tool = intern_static("sparse");
	/* the first byte first: every sparse diagnostic comes here */
	if (r->message[0] == 't' && !strcmp(r->message, "too many warnings")) {
		r->type = REC_NOTICE;
		record_set_message(r, xstrdup("sparse stopped after too many warnings; later ones are missing"));
		r->severity = SEV_INFO;
	}
}

/*
 * Does the open diagnostic have this position? Its file is most often the
 * one kbuild_diag() interned last, whose length is known.
 */
static bool same_position(struct kbuild *kb, const struct location *loc)
{
	struct record *r = kbuild_last(kb);
	size_t len;

	if (!r || !r->file || r->line != loc->line ||
	    r->column != loc->column)
		return false;
	len = r->file == kb->recent_file.s[0] ? kb->recent_file.len[0] :
	      strlen(r->file);
	return len == loc->file_len &&
	       !memcmp(r->file, loc->file, loc->file_len);
}

/* "FILE:L:C: sparse: warning: msg", "FILE:L:C: sparse: sparse: msg" */
static __noinline void prefixed(struct kbuild *kb, const struct line *l,
				const struct location *loc, const char *rest)
{
	enum severity sev = SEV_WARNING;
	const char *msg, *glue;
	struct record *r;
	bool note = false;

	msg = severity_word(rest, &sev, &note);
	if (!msg) {
		msg = skip_prefix(rest, "sparse: ");
		if (!msg)
			msg = rest;
	}
	if (!note) {
		/* 0-day glues expected/got on: "msg @@ expected T @@ got U @@" */
		glue = strstr(msg, " @@ ");
		r = kbuild_diag(kb, "sparse", "sparse", sev, loc, NULL, msg,
				glue ? (size_t)(glue - msg) : strlen(msg));
		kb->excerpt_due = false;
		if (glue)
			kbuild_attach(kb, glue + 1, strlen(glue + 1));
		(void)r;
		return;
	}
	kbuild_attach(kb, l->s, l->len);
}

/* sparse_line() for a line that may be one of its: see there */
static __noinline bool position_line(struct kbuild *kb, const struct line *l)
{
	const struct location *loc = kbuild_location(kb, l);
	const char *r, *p;

	if (!loc)
		return false;
	r = loc->rest;
	/* the first byte first: the indented lines are the most */
	if (r[0] == 's' && (p = skip_prefix(r, "sparse: "))) {
		if (starts_with(p, "   ") && same_position(kb, loc)) {
			kbuild_attach(kb, l->s, l->len);
			return true;
		}
		prefixed(kb, l, loc, p);
		return true;
	}
	/* "FILE:L:C:    expected ...": the position again, then indented */
	if (r[0] == ' ' && r[1] == ' ' && loc->column) {
		if (same_position(kb, loc))
			kbuild_attach(kb, l->s, l->len);
		return true;
	}
	return false;
}

/* "FILE:L:C:sparse: ": does "sparse:" end at the first blank, @sp? */
static inline bool sparse_before(const char *s, const char *sp)
{
	/* "FILE:L:C:" is longer than "s:", "sparse:" is 7 bytes */
	return sp - s >= 7 && sp[-2] == 'e' && !memcmp(sp - 7, "sparse:", 7);
}

/*
 * "FILE: note: in included file (through A, B):", no blank before it:
 * the ": " of the note holds the first blank of the line, and sparse_line()
 * has seen its ':' and its 'n'. Another line goes on as sparse_line()
 * would have it.
 */
static __noinline bool note_line(struct kbuild *kb, const struct line *l)
{
	static const char note[] = ": note: in included file";

	if (!strncmp(l->space - 1, note, sizeof(note) - 1)) {
		kbuild_add_pending(kb, l->s, l->len);
		return true;
	}
	return sparse_before(l->s, l->space) && position_line(kb, l);
}

/*
 * The lines read here hold a blank, and a position (location_parse())
 * holds none: the first blank of the line is at or after the end of
 * "FILE:L[:C]:", and each line shows itself around it. "FILE:L:C: sparse: "
 * has an 's' after it, "FILE:L:C:sparse: " ends "sparse:" at it,
 * "FILE:L:C:    expected" has a second blank after it, and sparse's
 * "FILE: note: in included file" has ": n" around it. The compiler's
 * "FILE:L:C: warning: " is turned away here, unparsed.
 */
static bool sparse_line(struct parse_ctx *ctx, void *priv,
			const struct line *l)
{
	const char *s = l->s, *sp = l->space;

	(void)priv;
	/*
	 * No blank, or one first: no position (an empty line has none).
	 * A line that starts with another white space is turned away after
	 * the cheaper tests.
	 */
	if (!sp || sp == s)
		return false;
	switch (sp[1]) {
	case ' ':
	case 's':
		return !is_space(s[0]) && position_line(ctx->kb, l);
	case 'n':
		return sp[-1] == ':' && !is_space(s[0]) &&
		       note_line(ctx->kb, l);
	}
	return sparse_before(s, sp) && !is_space(s[0]) &&
	       position_line(ctx->kb, l);
}

/*
 * sparse_line() turns away every line that starts with a white space,
 * and an empty one
 */
static bool sparse_first(unsigned char c, unsigned char lead)
{
	(void)lead;
	return c && !is_space(c);
}

/*
 * A make C=1 log compiles too: it is a build log that sparse ran in. Only
 * a log of sparse alone (C=2 over a built tree, or -fdiagnostic-prefix
 * output) is the sparse kind.
 */
static int sparse_probe(const char *head, size_t len)
{
	if (memmem(head, len, ": sparse: ", 10))
		return 20;
	if (memmem(head, len, "  CHECK   ", 10) &&
	    !memmem(head, len, "  CC      ", 10))
		return 15;
	return 0;
}

const struct parser parser_sparse = {
	.name = "sparse",
	.probe = sparse_probe,
	.line = sparse_line,
	.first = sparse_first,
};
