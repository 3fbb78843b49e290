/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_TESTUTIL_H
#define RESULTS_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <check.h>

#include "model.h"
#include "parser.h"
#include "summary.h"

/*
 * Helpers shared by the unit suites: fixtures, temporary files, stderr
 * capture, parsing and counting records. Every helper that fails to do
 * its job (a file that cannot be written) fails the running test.
 */

/* The tree the tests run in: $RESULTS_SRCTREE, or "." */
const char *tu_srctree(void);
/* A malloc'd path to tests/fixtures/@rel in that tree. */
char *tu_fixture(const char *rel);

/* Write @len bytes to a new temporary file; return its malloc'd path. */
char *tu_write_temp(const void *data, size_t len);
char *tu_write_temp_str(const char *text);
/* Unlink a temporary file and free its path. */
void tu_remove_temp(char *path);
/* A whole file, NUL-terminated, malloc'd; *@len set when not NULL. */
char *tu_read_file(const char *path, size_t *len);
/* A temporary directory (mkdtemp); tu_remove_tree() removes it. */
char *tu_make_temp_dir(void);
void tu_remove_tree(char *path);

/* Capture what is written to file descriptor 2. */
struct tu_capture {
	int saved;
	int fd;
	char *path;
};

void tu_capture_start(struct tu_capture *cap);
/* Stop capturing; return the malloc'd text written meanwhile. */
char *tu_capture_end(struct tu_capture *cap);

/*
 * parse_input() on a fixture, with no tree options and no labels;
 * stderr is captured so that expected errors do not clutter the run.
 */
int tu_parse_fixture(struct results *res, const char *rel);
/* tu_parse_fixture() into a fresh @res; the parse must succeed. */
void tu_parse_fixture_ok(struct results *res, const char *rel);
/* A fixture's text with every line end made CRLF, malloc'd. */
char *tu_fixture_crlf(const char *rel, size_t *len);
/* parse_input() with stderr captured into *@err (malloc'd) if wanted. */
int tu_parse_quiet(struct results *res, const char *path,
		   const struct parse_options *opt,
		   const struct label *labels, size_t nr_labels, char **err);

/*
 * Write @len bytes to a temporary file, parse_input() it (stderr
 * captured as above, the file's name in it replaced by "FILE") and
 * remove the file.
 */
int tu_parse_buf(struct results *res, const void *data, size_t len,
		 const struct parse_options *opt, const struct label *labels,
		 size_t nr_labels, char **err);
int tu_parse_str(struct results *res, const char *text);
/* Parse @text, which must fail with exactly the stderr @want. */
void tu_parse_fails(const char *text, const char *want);

/* Records of @type. */
size_t tu_count(const struct results *res, enum record_type type);
/* Diagnostics of @tool (NULL: any) and severity @sev (-1: any). */
size_t tu_count_diags(const struct results *res, const char *tool, int sev);
size_t tu_count_tests(const struct results *res, enum test_status st);
/* The @n-th (0-based) record of @type, or NULL. */
struct record *tu_nth(const struct results *res, enum record_type type,
		      size_t n);
/* The @n-th line of a record's context, malloc'd, or NULL. */
char *tu_context_line(const struct record *r, size_t n);
/* Lines in a record's context, 0 when it has none. */
size_t tu_context_lines(const struct record *r);

/*
 * The finished summary of @res, as "results render" builds it: records,
 * then what RESULTS inputs brought. summary_release() it.
 */
void tu_summarise(struct summary *s, const struct results *res);
/* The RESULTS text of a summary, malloc'd. */
char *tu_render(const struct summary *s);

/*
 * Assert every field of a diagnostic that a parser sets: its tool,
 * severity, file, line, column, category and message (NULL: must be
 * NULL; line and column 0: none).
 */
void tu_assert_diag(const struct record *r, const char *tool, int sev,
		    const char *file, unsigned long line, unsigned long column,
		    const char *category, const char *message);


#endif /* RESULTS_TESTUTIL_H */
