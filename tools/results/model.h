/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_MODEL_H
#define RESULTS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

/*
 * The record model: what the parsers append to, and what the renderers
 * read. One struct results holds everything that the inputs of one
 * release said, occurrence by occurrence.
 */

enum record_type {
	REC_TEST,	/* one leaf test */
	REC_DIAG,	/* one diagnostic a tool printed */
	REC_BUILD,	/* one make run */
	REC_NOTICE,	/* a problem with the check run itself */
};

enum test_status {
	TEST_PASS,
	TEST_FAIL,
	TEST_SKIP,
	TEST_ERROR,
	TEST_NR_STATUS,
};

enum severity {
	SEV_ERROR,
	SEV_WARNING,
	SEV_INFO,
	SEV_NR,
};

/*
 * One record. Strings marked "interned" come from intern() and are
 * shared; the others belong to the record. A field that a record type
 * does not use is NULL or 0. The small fields are put together, where
 * they leave no padding: a build log makes records by the hundred
 * thousand, which results_truncate() zeroes again.
 */
struct record {
	enum record_type type;
	enum severity severity;		/* REC_DIAG, REC_NOTICE */
	const char *source;		/* interned: the kind that read it */
	const char *input;		/* interned: the input as given */
	unsigned long input_line;	/* 1-based line in the input */

	/* REC_TEST */
	const char **path;		/* names, outermost first: interned,
					 * or from results_name() */
	bool path_pooled;		/* @path is from results_alloc() */
	bool message_pooled;		/* @message: from results_alloc() */
	bool werror;			/* REC_DIAG: a warning promoted to
					 * an error */
	bool failed;			/* REC_BUILD: make failed */
	unsigned int depth;		/* entries in @path */
	enum test_status status;
	char *reason;			/* skip reason or log excerpt */

	/* REC_DIAG, REC_NOTICE (tool, message) and REC_BUILD (message) */
	const char *tool;		/* interned: gcc, clang, kernel-doc... */
	const char *file;		/* interned, relative to the tree */
	unsigned long line;		/* 0 when the tool gave none */
	unsigned long column;		/* 0 when the tool gave none */
	const char *category;		/* interned: -Wflag, check, script */
	const char *includer;		/* interned: the unit including the
					 * header @file, or NULL */
	char *message;			/* see record_set_message() */
	char *context;			/* attached context lines */

	/* REC_BUILD */
	const char *target;		/* interned: what make failed to make */

	/* REC_TEST, REC_BUILD and REC_DIAG read from KCIDB */
	const char *origin;		/* interned: the CI system, or NULL */
	const char *log_url;		/* interned: its log, or NULL */
	/*
	 * interned: the issues its incidents name, one line each, sorted,
	 * "TEXT (culprit: code) REPORT_URL"; NULL when none
	 */
	const char *issues;
};

/* A label of an input: arch=x86_64, compiler=gcc, w=1, ... */
struct label {
	const char *key;		/* interned */
	const char *value;		/* interned */
	bool given;			/* from --label, not from the log */
};

/* A slot of a nameset's table: a name, and its hash_bytes() */
struct nameslot {
	const char *name;		/* interned, or NULL for a free slot */
	uint32_t hash;			/* the low bits of the hash */
	uint32_t len;
};

/* A set of distinct interned names, kept in insertion order. */
struct nameset {
	const char **name;
	size_t nr, alloc;
	struct nameslot *slot;		/* open-addressing hash of @name */
	size_t size;
};

/* One input file and what it revealed about the run that produced it. */
struct input {
	const char *name;		/* interned: as given ("-" for stdin) */
	const char *display;		/* interned: for RESULTS (basename) */
	const char *kind;		/* interned: kind given or detected */
	struct label *label;
	size_t nr_label, alloc_label;
	struct nameset units;		/* coverage: units compiled */
	struct nameset checked;		/* coverage: files a checker read */
	struct nameset suites;		/* coverage: test suites run */
	struct nameset scripts;		/* coverage: cocci scripts run */
	struct nameset dirs;		/* coverage: directories spatch read */
	struct nameset dtbs;		/* coverage: dtbs built and validated */
	struct nameset bindings;	/* coverage: DT bindings checked */
	struct nameset tools;		/* "gcc 12.2.0", "clang 14.0.6" */
	size_t first_rec;		/* its records are [first_rec, nr) */
	size_t nr_rec;
	size_t nr_folded;		/* records counted and dropped */
};

struct summary;

struct results {
	struct record *rec;
	size_t nr, alloc;
	struct input *in;
	size_t nr_in, alloc_in;
	struct summary *imported;	/* read from RESULTS inputs */
	/*
	 * With @fold set, records are counted into @folded as soon as no
	 * parser holds them open, and dropped: memory then grows with
	 * distinct results, not with the length of the logs.
	 */
	bool fold;
	struct summary *folded;
	/* results_name()'s copies: freed when no record is left */
	struct name_block *names;
	char *names_next;
	size_t names_left;
};

void results_init(struct results *res);
void results_release(struct results *res);
void results_clear_records(struct results *res);
void results_truncate(struct results *res, size_t nr);
const char *results_name(struct results *res, const char *s, size_t n);
void *results_alloc_block(struct results *res, size_t size);
void results_grow(struct results *res);
void record_set_message(struct record *r, char *msg);
struct input *results_add_input(struct results *res, const char *name,
				const char *kind);

/**
 * results_alloc() - memory that lives with the records
 * @res: the model
 * @size: how many bytes
 *
 * For the small arrays and names of records that a parse makes by the
 * hundred thousand (a KTAP log's results, a build log's messages):
 * cheaper than malloc() and free() each, and freed all at once when @res
 * holds no record. Inline but for a new block (results_alloc_block()).
 *
 * Return: @size bytes aligned for a pointer, valid while @res holds
 * records.
 */
static inline void *results_alloc(struct results *res, size_t size)
{
	size_t pad = -(uintptr_t)res->names_next & (sizeof(void *) - 1);
	void *p;

	if (size + pad > res->names_left)
		return results_alloc_block(res, size);
	p = res->names_next + pad;
	res->names_next += pad + size;
	res->names_left -= pad + size;
	return p;
}

/**
 * results_add_interned() - results_add() of an interned @source
 * @res: the model
 * @type: what kind of record
 * @source: the kind of input that produced it, interned
 * @in: the input it came from
 * @line: its 1-based line in that input
 *
 * For a caller that keeps the interned kind of the records before
 * (kbuild_diag()). The returned pointer is valid until the next record
 * is added.
 *
 * Return: the new record, zeroed but for the arguments.
 */
static inline struct record *results_add_interned(struct results *res,
						  enum record_type type,
						  const char *source,
						  const struct input *in,
						  unsigned long line)
{
	struct record *r;

	/* the records past @res->nr are kept zeroed (results_grow()) */
	if (res->nr == res->alloc)
		results_grow(res);
	r = &res->rec[res->nr++];
	r->type = type;
	r->source = source;
	r->input = in ? in->name : NULL;
	r->input_line = line;
	return r;
}

/**
 * results_add() - append an empty record
 * @res: the model
 * @type: what kind of record
 * @source: the kind of input that produced it: a string literal or an
 *	    interned string (intern_static())
 * @in: the input it came from
 * @line: its 1-based line in that input
 *
 * The returned pointer is valid until the next results_add(). Inline: a
 * build log makes one for each of its diagnostics.
 *
 * Return: the new record, zeroed but for the arguments.
 */
static inline struct record *results_add(struct results *res,
					 enum record_type type,
					 const char *source,
					 const struct input *in,
					 unsigned long line)
{
	return results_add_interned(res, type, intern_static(source), in,
				    line);
}

void input_set_label(struct input *in, const char *key, const char *value,
		     bool given);
const char *input_label(const struct input *in, const char *key);

void nameset_add(struct nameset *set, const char *name);
void nameset_add_n(struct nameset *set, const char *name, size_t len);
void nameset_add_hashed(struct nameset *set, const char *name, size_t len,
			uint64_t h);
void nameset_add_interned(struct nameset *set, const char *name);
bool nameset_has(const struct nameset *set, const char *name);
void nameset_prefetch(const struct nameset *set, uint64_t h);
void nameset_release(struct nameset *set);

const char *test_status_name(enum test_status st);
const char *severity_name(enum severity sev);
int test_status_parse(const char *s);
int severity_parse(const char *s);

char *test_path_join(const struct record *r);

#endif /* RESULTS_MODEL_H */
