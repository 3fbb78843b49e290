/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_KBUILD_H
#define RESULTS_KBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "parser.h"
#include "strbuf.h"

/*
 * What the make-log kinds share while one input is read: the tree learnt
 * from the log, the compiler evidence, make's verdict, and the context
 * lines around the diagnostic being read.
 */

#define NO_DIAG ((size_t)-1)

/* A position "FILE:LINE:" or "FILE:LINE:COL:" at the start of a line. */
struct location {
	const char *file;
	size_t file_len;
	unsigned long line;
	unsigned long column;
	const char *rest;		/* after the last ':' and one space */
};

/* The last two names interned for a purpose: see recent_intern() */
struct recent {
	const char *s[2];		/* interned, or NULL; the last first */
	size_t len[2];
};

struct kbuild {
	struct parse_ctx *ctx;

	char *srctree;			/* learnt from the log, or NULL */
	char *objtree;

	unsigned int gcc_evidence;
	unsigned int clang_evidence;
	const char *cc_tool;		/* the placeholder tool of cc diags */

	bool make_seen;			/* a kbuild or make line was read */
	unsigned long make_line;
	bool make_failed;
	const char *fail_target;
	char *fail_message;
	unsigned long fail_line;

	struct strbuf pending;		/* context for the next diagnostic */
	size_t last;			/* the diagnostic being continued */
	unsigned int trailing;		/* lines attached to it so far */
	bool excerpt_due;		/* the line right after it */
	bool header_diag;		/* it points into a header */
	bool had_excerpt;		/* a source excerpt followed it */
	bool gcc_quotes;		/* it quoted with U+2018/U+2019 */
	bool quoted;			/* its message held U+2018/U+2019 */
	bool keep_context;		/* store context lines in records */

	struct recent recent_file;	/* the last diagnostics' files */
	struct recent recent_category;	/* and categories */

	/* the position of the line being offered, parsed once */
	const char *loc_line;
	unsigned long loc_nr;
	bool loc_ok;
	struct location loc;
	/* and what the formats found out about it, for the next ones */
	const char *loc_base;		/* kbuild_base(), or NULL */
	const char *loc_doc;		/* kernel-doc's message, fmt-cc.c */
	enum severity loc_doc_sev;	/* and its severity */
	const char *loc_file;		/* @loc.file interned, or NULL */
	bool loc_plain;			/* @loc.file is no Makefile */

	/*
	 * The last diagnostic's file found no Makefile (fmt-make.c),
	 * interned, and the offset of its base name: the lines after it
	 * most often name it again.
	 */
	const char *plain_file;
	size_t plain_len, plain_base;

	/* the kind and tool of the last kbuild_diag(), and those interned */
	const char *diag_source, *diag_source_in;
	const char *diag_tool, *diag_tool_in;

	/*
	 * The unit the last progress line named ("  CC", "  AS"...), not
	 * yet in the set of units: it is added at the next such line (or
	 * at the end of the log), once its slot there has been fetched
	 * (fmt-make.c). @unit_len is 0 when none waits.
	 */
	char unit[256];
	size_t unit_len;
	uint64_t unit_hash;
};


struct kbuild *kbuild_new(struct parse_ctx *ctx);
void kbuild_free(struct kbuild *kb);

const char *recent_intern_older(struct recent *rc, const char *s, size_t n);
bool location_parse(const char *s, struct location *loc);
void kbuild_locate(struct kbuild *kb, const struct line *l);
const char *severity_word(const char *s, enum severity *sev, bool *note);

struct record *kbuild_diag(struct kbuild *kb, const char *source,
			   const char *tool, enum severity sev,
			   const struct location *loc, const char *category,
			   const char *msg, size_t msg_len);
void kbuild_keep_context(struct kbuild *kb, const char *s, size_t len);
void kbuild_add_pending(struct kbuild *kb, const char *s, size_t len);
void kbuild_stop_attaching(struct kbuild *kb);
void kbuild_learn_srctree(struct kbuild *kb, const char *dir, size_t len);
void kbuild_learn_objtree(struct kbuild *kb, const char *dir, size_t len);
void kbuild_tool_version(struct kbuild *kb, const char *tool,
			 const char *version, size_t len);

char *path_clean(const char *path);
char *tree_relative(const char *path, const char *srctree,
		    const char *objtree);
char *plain_quotes_to(char *out, const char *s, size_t len);

/**
 * recent_intern() - intern_n(), for names that come in runs
 * @rc: the last names interned through it
 * @s: the bytes
 * @n: their number
 *
 * A unit's diagnostics come together, with the same file and often the
 * same flag, and those of a header it includes between them: comparing
 * with the last two saves hashing each. The last one is compared here,
 * inline.
 *
 * Return: the interned name.
 */
static inline const char *recent_intern(struct recent *rc, const char *s,
					size_t n)
{
	if (rc->s[0] && rc->len[0] == n && !memcmp(rc->s[0], s, n))
		return rc->s[0];
	return recent_intern_older(rc, s, n);
}

/**
 * kbuild_last() - the diagnostic whose context is being read
 * @kb: the log state
 *
 * Return: the record, or NULL when no diagnostic is open.
 */
static inline struct record *kbuild_last(struct kbuild *kb)
{
	if (kb->last == NO_DIAG)
		return NULL;
	return &kb->ctx->res->rec[kb->last];
}

/**
 * kbuild_location() - location_parse() of a log line, read once
 * @kb: the log state
 * @l: the line being offered
 *
 * Several formats ask for the position of the same line; it is parsed
 * for the first (kbuild_locate()) into @kb->loc, which the others read in
 * place.
 *
 * Return: the position the line starts with, valid while the line is
 * offered, or NULL when it starts with none.
 */
static inline const struct location *kbuild_location(struct kbuild *kb,
						      const struct line *l)
{
	if (kb->loc_line != l->s || kb->loc_nr != l->nr)
		kbuild_locate(kb, l);
	return kb->loc_ok ? &kb->loc : NULL;
}

/**
 * kbuild_base() - the base name of the file of the line being offered
 * @kb: the log state
 * @loc: the position kbuild_location() gave for the line
 *
 * Found once for the formats that ask (a Makefile's, Kconfig's).
 *
 * Return: the first byte of @loc->file after its last '/'.
 */
static inline const char *kbuild_base(struct kbuild *kb,
				      const struct location *loc)
{
	const char *slash;

	if (!kb->loc_base) {
		slash = memrchr(loc->file, '/', loc->file_len);
		kb->loc_base = slash ? slash + 1 : loc->file;
	}
	return kb->loc_base;
}

/**
 * kbuild_attach() - attach a context line to the open diagnostic
 * @kb: the log state
 * @s: the line
 * @len: its length
 *
 * With no diagnostic open, the line waits for the next one. Inline: a
 * compiler's source excerpts come after most of its diagnostics, and a
 * folding parse keeps no context (kbuild_keep_context()).
 */
static inline void kbuild_attach(struct kbuild *kb, const char *s,
				 size_t len)
{
	if (kb->last == NO_DIAG) {
		kbuild_add_pending(kb, s, len);
		return;
	}
	kb->trailing++;
	kb->excerpt_due = false;
	if (kb->keep_context)
		kbuild_keep_context(kb, s, len);
}

/**
 * located_severity() - severity_word() after a line's position
 * @l: the line
 * @loc: its position, from kbuild_location()
 * @sev: the severity read
 * @note: set when it is a note
 *
 * "warning: ", the most common word, is compared as whole words before
 * severity_word() is asked.
 *
 * Return: the message after the word, or NULL when there is none.
 */
static inline const char *located_severity(const struct line *l,
					   const struct location *loc,
					   enum severity *sev, bool *note)
{
	const char *msg = skip_literal(loc->rest, l->len - (loc->rest - l->s),
				       "warning: ");

	if (!msg)
		return severity_word(loc->rest, sev, note);
	*sev = SEV_WARNING;
	*note = false;
	return msg;
}

/* The formats of a make log, one file each. */
bool fmt_make_line(struct kbuild *kb, const struct line *l);
bool fmt_cc_line(struct kbuild *kb, const struct line *l);
bool fmt_cc_excerpt(struct kbuild *kb, const struct line *l);
bool fmt_kerneldoc_line(struct kbuild *kb, const struct line *l);
bool fmt_kconfig_line(struct kbuild *kb, const struct line *l);
bool fmt_ld_line(struct kbuild *kb, const struct line *l);
bool fmt_modpost_line(struct kbuild *kb, const struct line *l);
bool fmt_objtool_line(struct kbuild *kb, const struct line *l);
bool fmt_sphinx_line(struct kbuild *kb, const struct line *l);
bool fmt_smatch_line(struct kbuild *kb, const struct line *l);
bool fmt_rust_line(struct kbuild *kb, const struct line *l);
bool fmt_dtc_line(struct kbuild *kb, const struct line *l);
void fmt_make_finish(struct kbuild *kb);
void fmt_cc_close(struct kbuild *kb, struct record *r);
void fmt_cc_finish(struct kbuild *kb);
void fmt_sparse_adopt(struct kbuild *kb, struct record *r);

/**
 * fmt_dtc_may_take() - can fmt_dtc_line() take a line?
 * @l: the line
 *
 * A cheap test that every line of a build log takes, inline so that the
 * dt kind calls fmt_dtc_line() (fmt-dtc.c) only for the lines it lets
 * through: "  also defined at ", what starts with 'E' or 'F' ("ERROR:",
 * "Error:", "FATAL ERROR:"), and "Warning (" or "ERROR (" at the start of
 * the line or after its first blank, which then ends "POS:". A compiler's
 * "FILE:L:C: warning: " is turned away at the 'w' after that blank.
 *
 * Return: false when fmt_dtc_line() would return false.
 */
static inline bool fmt_dtc_may_take(const struct line *l)
{
	const char *s = l->s, *sp = l->space;

	switch (s[0]) {
	case ' ':
		return s[1] == ' ' && s[2] == 'a';
	case 'E':
	case 'F':
	case 'W':
		return true;
	default:
		return sp && sp - s >= 2 && sp[-1] == ':' &&
		       (sp[1] == 'W' || sp[1] == 'E');
	}
}

#endif /* RESULTS_KBUILD_H */
