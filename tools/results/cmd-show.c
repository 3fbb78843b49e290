// SPDX-License-Identifier: GPL-2.0
/*
 * results show [REV]: the RESULTS of a revision, byte for byte: from its
 * tree, or from its note in refs/notes/results when the tree has none.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "git.h"

static const char show_usage[] =
"usage: results show [REV]\n"
"\n"
"Print the RESULTS of REV (default: HEAD): REV:RESULTS, the same bytes as\n"
"'git show REV:RESULTS', or, when its tree has none, its note in\n"
"refs/notes/results.\n"
"\n"
"  -h, --help          show this help\n";

/**
 * cmd_show() - "results show"
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "show"
 *
 * Return: the exit status.
 */
int cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strbuf text = STRBUF_INIT;
	enum release_origin origin;
	const char *rev = "HEAD";
	int opt, ret = EXIT_TROUBLE;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (opt == 'h') {
			fputs(show_usage, stdout);
			return EXIT_OK;
		}
		bad_option("show", opt, argv);
		short_usage(show_usage, "show");
		return EXIT_TROUBLE;
	}
	if (argc - optind > 1) {
		error("show: one revision at most");
		short_usage(show_usage, "show");
		return EXIT_TROUBLE;
	}
	if (optind < argc)
		rev = argv[optind];
	if (git_results_of(NULL, rev, &text, &origin))
		goto out;
	if (origin == RELEASE_NONE) {
		error("'%s': no RESULTS in its tree nor in %s", rev,
		      RESULTS_NOTES_REF);
		goto out;
	}
	if (!write_output(NULL, text.buf, text.len))
		ret = EXIT_OK;
out:
	strbuf_release(&text);
	return ret;
}
