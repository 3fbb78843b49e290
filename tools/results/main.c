// SPDX-License-Identifier: GPL-2.0
/*
 * results: put test results into Linux kernel releases.
 *
 * The command table and the exit status. Every command returns 0, 1 (only
 * under --fail-on) or 2; main() never returns anything else.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

/* The Makefile passes the version as bare tokens: -DRESULTS_VERSION=0.1 */
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#ifdef RESULTS_VERSION
#define VERSION_STRING STRINGIFY(RESULTS_VERSION)
#else
#define VERSION_STRING "unknown"
#endif

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct cmd commands[] = {
	{ "parse", cmd_parse, "print the records of the inputs" },
	{ "render", cmd_render, "render one release's RESULTS" },
	{ "diff", cmd_diff, "compare two releases (files or revisions)" },
	{ "show", cmd_show, "print a revision's RESULTS (tree or note)" },
	{ "log", cmd_log, "one line per tagged release, unstable tests" },
	{ "note", cmd_note, "keep RESULTS as a note in refs/notes/results" },
	{ "trailer", cmd_trailer, "print the Test-link: trailer" },
	{ "report", cmd_report, "a regressions-first report for a mail" },
	{ "merge-driver", cmd_merge_driver, "git merge driver for RESULTS" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: results [--version] [--help] COMMAND [ARGS]\n\n");
	fprintf(f, "Put the test results of a kernel tree into its release.\n\n");
	fprintf(f, "Commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n'results COMMAND --help' tells more; ");
	fprintf(f, "Documentation/dev-tools/results.rst tells all.\n");
}

static int finish(int ret)
{
	if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
		/* one message: a command that failed to write said so */
		if (ret != 2)
			fprintf(stderr, "%s: write error on standard output\n",
				progname);
		return 2;
	}
	return ret;
}

int main(int argc, char **argv)
{
	size_t i;

	/* the C locale whatever the environment says: same bytes out */
	setlocale(LC_ALL, "C");
	/* a reader that went away is a failed write (exit 2), not a signal */
	signal(SIGPIPE, SIG_IGN);
	/*
	 * and so is a file size limit (ulimit -f): the write fails with
	 * EFBIG, and -o removes its temporary file
	 */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return finish(0);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("results %s\n", VERSION_STRING);
		return finish(0);
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return finish(commands[i].fn(argc - 1, argv + 1));
	error("unknown command '%s'", argv[1]);
	usage(stderr);
	return 2;
}
