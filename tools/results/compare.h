/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_COMPARE_H
#define RESULTS_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "changes.h"
#include "known.h"
#include "summary.h"

/*
 * Two releases matched by identity (no line numbers), item by item:
 * new, more, fixed, not checked, gone, still, and new but known. The
 * coverage of each configuration decides between "fixed" and "not
 * checked"; see compare_releases().
 */

void compare_releases(const struct summary *old, const struct summary *new,
		      const struct known_list *known, struct summary_ext *out);
void compare_missing(const char *prev, struct summary_ext *out);
void known_apply(const struct known_list *k, const struct summary *s,
		 struct summary_ext *out);
void change_configs(const struct summary *s, const struct change *c,
		    const char ***configs, size_t *nr);
void change_of_failure(const struct failure *f, struct change *c);
void change_of_diag(const struct diag_group *d, struct change *c);
int compare_with_previous(struct summary *s, const char *dir,
			  const char *previous, const char *pattern,
			  const struct known_list *known);

/* --fail-on=new,new:kunit,new:build:error,more:build:warning */
struct fail_on_item {
	enum change_kind kind;		/* CHANGE_NEW or CHANGE_MORE */
	const char *source;		/* NULL: any */
	int severity;			/* -1: any, SEV_NR: failures */
};

struct fail_on_list {
	struct fail_on_item *v;
	size_t nr, alloc;
};

int fail_on_parse(struct fail_on_list *l, const char *arg);
bool fail_on_new_holds(const struct fail_on_list *l,
		       const struct summary_ext *x);
void fail_on_release(struct fail_on_list *l);

#endif /* RESULTS_COMPARE_H */
