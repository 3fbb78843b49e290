/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_CHANGES_H
#define RESULTS_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/*
 * What RESULTS says beyond the release itself: what each configuration
 * covered (the Coverage section), what changed since the previous
 * release (Changes since), and which known issues matched (Known
 * issues). They are part of struct summary, so that a RESULTS read back
 * renders the same bytes; changes.c keeps them.
 */

struct summary;
struct input_desc;

/*
 * What one configuration checked. A configuration is the label set of an
 * input without compiler_version and the coverage counts, e.g.
 * "arch=arm64 compiler=gcc config=defconfig w=1", or "-" for none; the
 * inputs with the same one share it.
 */
struct coverage {
	const char *config;		/* interned */
	struct nameset dirs;		/* where units were compiled, checked */
	struct nameset suites;		/* test suites that ran */
};

enum change_kind {
	CHANGE_NEW,		/* not in the previous release */
	CHANGE_MORE,		/* more occurrences than before */
	CHANGE_FIXED,		/* gone, and its file was checked again */
	CHANGE_NOT_CHECKED,	/* gone, but its file was not checked */
	CHANGE_GONE,		/* a failed test whose suite no longer ran */
	CHANGE_STILL,		/* in both (not in RESULTS; diff shows it) */
	CHANGE_KNOWN,		/* not before, matched by a known issue */
	CHANGE_NR,
};

/*
 * One item of a comparison: a failure (@diag false) or a diagnostic
 * group. The strings are interned, the failure's reason left out.
 */
struct change {
	enum change_kind kind;
	bool diag;
	const char *source;
	enum test_status status;	/* failure */
	const char *name;		/* failure */
	enum severity severity;		/* diagnostic */
	const char *tool, *category, *file, *message;
	unsigned long old_count, new_count;	/* diagnostic */
};

/* Counts of one source before and after, for "Changes since". */
struct source_delta {
	const char *source;
	unsigned long old_v[4], new_v[4];
	unsigned long old_total, new_total;
	int what;			/* DELTA_TESTS, ... */
};

enum {
	DELTA_TESTS,
	DELTA_BUILDS,
	DELTA_DIAGS,
};

/* A known issue as RESULTS names it. */
struct known_ref {
	const char *link;		/* interned, "-" for none */
	const char *since;		/* interned, or NULL */
	const char *note;		/* interned, or NULL */
	bool intermittent;
};

/* What a known issue matched, or that it matched nothing (@seen false). */
struct known_hit {
	struct known_ref ref;
	bool seen;
	struct change item;		/* when @seen; kind unused */
};

/* The three sections, held by struct summary. */
struct summary_ext {
	struct coverage *cov;
	size_t nr_cov, alloc_cov;

	bool has_changes;		/* a "Changes since" section */
	const char *prev;		/* interned: the release compared to */
	bool prev_missing;		/* it had no RESULTS */
	struct source_delta *delta;
	size_t nr_delta, alloc_delta;
	struct change *chg;
	size_t nr_chg, alloc_chg;

	bool has_known;			/* a "Known issues" section */
	struct known_hit *known;
	size_t nr_known, alloc_known;
};

int change_cmp_identity(const struct change *a, const struct change *b);
void ext_release(struct summary_ext *x);
void ext_merge(struct summary_ext *dst, const struct summary_ext *src);
void ext_finish(struct summary_ext *x);
void ext_clear_changes(struct summary_ext *x);
void ext_clear_known(struct summary_ext *x);

const char *config_of(const struct input_desc *in);
struct coverage *coverage_get(struct summary_ext *x, const char *config);
const struct coverage *coverage_find(const struct summary_ext *x,
				     const char *config);
void coverage_add_input(struct summary_ext *x, const struct input *in,
			const char *config);
const char *dir_of(const char *file);
const char *suite_of(const char *name);

void change_add(struct summary_ext *x, const struct change *c);
void known_hit_add(struct summary_ext *x, const struct known_hit *h);
const char *change_kind_name(enum change_kind kind);
int cmp_change(const struct change *a, const struct change *b);

#endif /* RESULTS_CHANGES_H */
