/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_SUMMARY_H
#define RESULTS_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "changes.h"
#include "model.h"

/*
 * One release as RESULTS shows it: records grouped by identity, with
 * counts. It is built from the records (summary_add_results()) or read
 * back from a RESULTS file (the "results" kind), and rendered by
 * render_text(). Identity leaves out line and column numbers, so that a
 * line added above a warning does not change its RESULTS line.
 */

struct source_counts {
	const char *source;			/* interned */
	unsigned long tests[TEST_NR_STATUS];
	unsigned long builds, builds_failed;
	unsigned long diags[SEV_NR];
	unsigned long notices;
	bool has_tests, has_builds, has_diags;
};

/* A failed or errored test, or a failed build (source "build"). */
struct failure {
	const char *source;
	enum test_status status;
	const char *name;			/* interned: path joined */
	char *reason;				/* may be NULL */
};

struct diag_group {
	enum severity severity;
	const char *source, *tool, *category, *file;	/* interned */
	const char *message;			/* interned */
	uint64_t msg_hash;			/* of @message; 0: not known */
	/*
	 * @message is known to be its own identity text: a record whose
	 * message has the same bytes counts here without normalising it
	 */
	bool plain;
	unsigned long count;
	/*
	 * A header's own warning: the units that include it (owned by the
	 * summary), and how many there are when a RESULTS read listed only
	 * some; NULL and 0 for other diagnostics
	 */
	struct nameset *inc;
	unsigned long inc_total;
};

struct notice_group {
	const char *source, *tool;
	const char *message;			/* interned */
	unsigned long count;
};

struct input_desc {
	const char *kind, *name;		/* interned */
	const char **label;			/* interned "key=value" */
	size_t nr_label;
};

/*
 * A slot of a group index: a group's position, and the high half of its
 * identity's hash, which a lookup compares before it reads the group
 */
struct index_slot {
	uint32_t pos;			/* position + 1; 0 is empty */
	uint32_t tag;				/* the hash >> 32 */
};

/* Positions of groups in an array, hashed by identity. */
struct group_index {
	struct index_slot *slot;
	size_t size;
	size_t nr;				/* groups indexed */
};

/* What one CI system reported, from KCIDB input. */
struct origin_counts {
	const char *origin;			/* interned */
	unsigned long builds, builds_failed;
	unsigned long tests[TEST_NR_STATUS];
};

/*
 * A failed build or test of one CI system, listed under it in the CI
 * systems section: one per KCIDB object, none collapsed, so that they
 * add up to the counts of the origin.
 */
struct ci_failure {
	const char *origin;			/* interned */
	bool build;				/* a build, else a test */
	enum test_status status;		/* FAIL, or ERROR for a test */
	const char *name;			/* interned, as in Failures */
	const char *log;			/* interned log URL, or NULL */
	const char *issues;			/* interned lines, or NULL */
};

struct summary {
	const char *release;			/* interned, or NULL */
	const char *commit;
	struct input_desc *in;
	size_t nr_in, alloc_in;
	const char **tool;			/* interned "gcc 12.2.0" */
	size_t nr_tool, alloc_tool;
	struct source_counts *src;
	size_t nr_src, alloc_src;
	struct failure *fail;
	size_t nr_fail, alloc_fail;
	struct failure *skip;			/* skipped tests, status SKIP */
	size_t nr_skip, alloc_skip;
	struct origin_counts *origin;		/* the CI systems */
	size_t nr_origin, alloc_origin;
	struct ci_failure *cifail;		/* their failures */
	size_t nr_cifail, alloc_cifail;
	struct diag_group *diag;
	size_t nr_diag, alloc_diag;
	struct notice_group *notice;
	size_t nr_notice, alloc_notice;
	struct group_index diag_index, notice_index;
	/*
	 * What summary_add_records() predicts by: the position + 1 of the
	 * group counted after each group the last time (0: none yet), of
	 * the last group counted, and how often that foretold the next one
	 */
	uint32_t *succ;
	size_t alloc_succ;
	size_t pred_last;
	unsigned long pred_hits, pred_tries;
	bool predicting;
	struct summary_ext ext;		/* coverage, changes, known issues */
	bool abridged;			/* read from a cut RESULTS */
};

void summary_init(struct summary *s);
void summary_release(struct summary *s);
void summary_add_results(struct summary *s, const struct results *res);
void summary_add_inputs(struct summary *s, const struct results *res);
void summary_add_record(struct summary *s, const struct record *r);
void summary_add_records(struct summary *s, const struct record *r,
			 size_t n);
void summary_reindex(struct summary *s);
void diag_add_includer(struct diag_group *g, const char *unit);
unsigned long diag_includers(const struct diag_group *g);
void summary_merge(struct summary *dst, const struct summary *src);
void summary_finish(struct summary *s);

struct source_counts *summary_source(struct summary *s, const char *source);
void summary_add_input(struct summary *s, const struct input_desc *in);
void summary_add_tool(struct summary *s, const char *tool);
void summary_add_failure(struct summary *s, const struct failure *f);
void summary_add_skip(struct summary *s, const struct failure *f);
struct origin_counts *summary_origin(struct summary *s, const char *origin);
void summary_add_ci_failure(struct summary *s, const struct ci_failure *f);
int summary_cmp_ci_failure(const struct ci_failure *a,
			   const struct ci_failure *b);
struct diag_group *summary_add_diag(struct summary *s,
				    const struct diag_group *d);
struct notice_group *summary_add_notice(struct summary *s,
					const struct notice_group *n);
unsigned long summary_unique(const struct summary *s, const char *source);

const char *token(const char *s);
const char *token_interned(const char *s);

void summary_diag_of(const struct record *r, struct diag_group *d);
const char *summary_failure_name(const struct record *r);
int results_read_buffer(const char *name, const char *buf, size_t len,
			struct summary *s);

#endif /* RESULTS_SUMMARY_H */
