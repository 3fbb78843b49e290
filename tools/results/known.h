/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_KNOWN_H
#define RESULTS_KNOWN_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "changes.h"

/*
 * Known issues, read from a YAML file (--known). An entry matches a
 * failed test by its source and a glob of its name, or a diagnostic by
 * its tool, a glob of its file and a substring or regular expression of
 * its message. What matches is listed under "Known issues" and never
 * counts as new. The schema is in Documentation/dev-tools/results.rst and
 * Documentation/dev-tools/results-known.yaml.
 */
struct known_entry {
	struct known_ref ref;
	const char *source;		/* interned, or NULL */
	const char *test;		/* glob of a test's name, or NULL */
	const char *tool;		/* interned, or NULL */
	const char *file;		/* glob of the file, or NULL */
	const char *message;		/* a substring, or NULL */
	int severity;			/* -1 for any */
	regex_t regex;
	bool has_regex;
	unsigned long line, column;	/* where it starts in the file */
};

struct known_list {
	struct known_entry *e;
	size_t nr, alloc;
};

int known_load(struct known_list *k, const char *path);
void known_release(struct known_list *k);
bool known_entry_matches(const struct known_entry *e,
			 const struct change *item);
bool known_matches(const struct known_list *k, const struct change *item);

#endif /* RESULTS_KNOWN_H */
