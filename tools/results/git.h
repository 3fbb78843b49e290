/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_GIT_H
#define RESULTS_GIT_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct summary;

/* The notes ref that holds RESULTS of commits that do not carry one. */
#define RESULTS_NOTES_REF	"refs/notes/results"

/* Where a release's RESULTS came from. */
enum release_origin {
	RELEASE_FILE,		/* a file named on the command line */
	RELEASE_TREE,		/* REV:RESULTS */
	RELEASE_NOTE,		/* the note of REV in refs/notes/results */
	RELEASE_NONE,		/* REV exists but has no RESULTS */
};

/* One side of a comparison: a RESULTS file or a git revision. */
struct release {
	const char *spec;		/* as given: FILE or REV */
	const char *name;		/* interned: the release it names */
	enum release_origin origin;
	struct strbuf text;		/* the RESULTS bytes */
};

int run_cmd(const char *const argv[], struct strbuf *out, bool quiet);
char *run_line(const char *const argv[]);
int git_cmd(const char *dir, const char *const args[], struct strbuf *out);
char *git_line(const char *dir, const char *const args[]);

bool git_is_repo(const char *dir);
char *git_commit_of(const char *dir, const char *rev);
int git_results_of(const char *dir, const char *rev, struct strbuf *text,
		   enum release_origin *origin);
char *git_previous_tag(const char *dir, const char *pattern,
		       const char *release);

int release_load(struct release *rel, const char *dir, const char *spec,
		 bool allow_none, struct summary *s);
void release_release(struct release *rel);

#endif /* RESULTS_GIT_H */
