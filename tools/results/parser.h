/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_PARSER_H
#define RESULTS_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <jansson.h>

#include "model.h"
#include "util.h"

/*
 * One interface for every input kind.
 *
 * An input is read once, as a stream of lines. Every line is offered to
 * every kind in registry order until one claims it, so that a log which
 * mixes tools (make C=1 W=1 dtbs_check) gives each line to the tool that
 * printed it: the kind named on the command line is a hint for detection,
 * never a filter. A JSON document inside the stream (a file that is JSON,
 * or kunit.py's stdout where the document follows its human lines) is
 * decoded with jansson and offered to the kinds' json() hooks the same way.
 */

struct kbuild;

/*
 * One line of an input, without its line end. A line read from a stream
 * is cleaned first (parser.c): it holds no NUL before @len.
 */
struct line {
	const char *s;		/* NUL-terminated; ANSI colours removed */
	size_t len;
	unsigned long nr;	/* 1-based */
	/*
	 * What most kinds look for first, found once for all of them
	 * (line_init()): the first ':' and the first ' ' of @s, as
	 * strchr() finds them, or NULL.
	 */
	const char *colon;
	const char *space;
};

/**
 * line_init() - fill in a line and the features the kinds share
 * @l: the line
 * @s: its text, NUL-terminated
 * @len: its length
 * @nr: its number, from 1
 */
static inline void line_init(struct line *l, const char *s, size_t len,
			     unsigned long nr)
{
	l->s = s;
	l->len = len;
	l->nr = nr;
	l->colon = strchr(s, ':');
	l->space = strchr(s, ' ');
}

/* Where the tree is, given by the user; NULL when unknown. */
struct parse_options {
	const char *srctree;
	const char *objtree;
};

struct parse_ctx {
	struct results *res;
	struct input *in;
	const char *path;	/* the input as given, for messages */
	unsigned long line;	/* the line being read */
	const struct parse_options *opt;
	struct kbuild *kb;	/* state shared by the make-log kinds */
	void **priv;		/* per-kind state from begin() */
	unsigned long claimed;	/* lines and documents a kind took */
	/*
	 * Records a kind still amends (a diagnostic whose context lines are
	 * being read): while any is open, no record of the input is folded.
	 * A kind that keeps a record to change later counts it here.
	 */
	unsigned int open_records;
	/* How many kinds are not idle (parse_set_busy()) */
	unsigned int busy;
	struct summary *acc;	/* this input's folded records, or NULL */
	bool cut_reported;
	bool failed;		/* an error was reported: no more of them */
};

struct parser {
	const char *name;	/* the kind: "kunit", "build", ... */
	/*
	 * How strongly the first bytes of an input look like this kind:
	 * 0 for not at all; the highest score wins.
	 */
	int (*probe)(const char *head, size_t len);
	/*
	 * The kind's state for one input. A kind that has a begin() which
	 * returns NULL sits the input out: no line is offered to it.
	 */
	void *(*begin)(struct parse_ctx *ctx);
	/* Claim one line: true when it belongs to this kind. */
	bool (*line)(struct parse_ctx *ctx, void *priv, const struct line *l);
	/*
	 * Cheap tests that spare line() most lines of other tools, while
	 * the kind is idle: a kind is idle but while it says otherwise
	 * (parse_set_busy()). line() must neither claim nor change anything
	 * for a line that these turn away. Each is asked once for each byte,
	 * before the first line; NULL wants every line.
	 *
	 * first(): may line() do anything with a line whose first byte is
	 * @c (its NUL, for an empty line)? For a line that starts with a
	 * blank (' '), @lead is its first byte that is not one; otherwise it
	 * is @c.
	 *
	 * last(): may line() do anything with a line that holds no ':' and
	 * whose last byte is @c (NUL, for an empty line)?
	 */
	bool (*first)(unsigned char c, unsigned char lead);
	bool (*last)(unsigned char c);
	/*
	 * A decoded JSON document that starts at @line: 1 when it belongs
	 * to this kind and was read, 0 when it is not this kind's, -1 after
	 * parse_error() when it is this kind's but broken.
	 */
	int (*json)(struct parse_ctx *ctx, void *priv, json_t *doc,
		    unsigned long line);
	/* End of input: flush what is pending, free @priv. 0 or -1. */
	int (*end)(struct parse_ctx *ctx, void *priv);
};

extern const struct parser parser_results;
extern const struct parser parser_ktap;
extern const struct parser parser_kcidb;
extern const struct parser parser_kunit;
extern const struct parser parser_sparse;
extern const struct parser parser_dt;
extern const struct parser parser_cocci;
extern const struct parser parser_build;

/**
 * parse_set_busy() - say whether a kind is idle, for its cheap tests
 * @ctx: the parse
 * @busy: the kind's flag, in its state, set while it is not idle: clear
 *	  in a new state, and changed only with this call (begin() may)
 * @now: whether the kind is busy from now on
 *
 * While any kind is busy, every line is offered to every kind (struct
 * parser's first() and last() are not asked).
 */
static inline void parse_set_busy(struct parse_ctx *ctx, bool *busy,
				  bool now)
{
	ctx->busy += now - *busy;
	*busy = now;
}

const struct parser *parser_find(const char *name);
const char *parser_kind_list(void);
int parse_input(struct results *res, const char *arg,
		const struct parse_options *opt,
		const struct label *labels, size_t nr_labels);

int parse_error(struct parse_ctx *ctx, const char *fmt, ...) __printf(2, 3);
int parse_error_at(struct parse_ctx *ctx, unsigned long line,
		   const char *fmt, ...) __printf(3, 4);
int parse_json_error(struct parse_ctx *ctx, const char *jpath,
		     const char *fmt, ...) __printf(3, 4);
void parse_notice(struct parse_ctx *ctx, const char *source,
		  const char *tool, const char *fmt, ...) __printf(4, 5);

#endif /* RESULTS_PARSER_H */
