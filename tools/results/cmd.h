/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_CMD_H
#define RESULTS_CMD_H

#include <getopt.h>
#include <stddef.h>

#include "model.h"
#include "parser.h"

/* Exit status, as diff(1): 1 only when --fail-on asked and it holds. */
#define EXIT_OK		0
#define EXIT_FAILON	1
#define EXIT_TROUBLE	2

/* The options every command that reads inputs takes. */
struct input_opts {
	struct label *label;
	size_t nr_label, alloc_label;
	struct parse_options popt;
};

#define INPUT_OPTS_LONG							\
	{ "label", required_argument, NULL, 'L' },			\
	{ "srctree", required_argument, NULL, 'S' },			\
	{ "objtree", required_argument, NULL, 'B' }

int input_opts_handle(struct input_opts *io, int opt, const char *arg);
int bad_option(const char *cmd, int opt, char **argv);
void short_usage(const char *usage, const char *cmd);
typedef int (*input_done_fn)(struct results *res, void *data);
int read_inputs(struct results *res, struct input_opts *io, int argc,
		char **argv, input_done_fn done, void *data);
void input_opts_release(struct input_opts *io);
int write_output(const char *path, const char *buf, size_t len);

int cmd_parse(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_note(int argc, char **argv);
int cmd_trailer(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_merge_driver(int argc, char **argv);

struct summary;
void find_release(struct summary *s, const char *release, const char *commit,
		  const char *srctree);
int default_base_url(char **base);
char *test_link(const char *base, const char *tree, const char *version);

#endif /* RESULTS_CMD_H */
