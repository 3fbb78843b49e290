// SPDX-License-Identifier: GPL-2.0
/*
 * results merge-driver: a git merge driver for RESULTS. A tree that
 * commits RESULTS and is merged upward would conflict on every merge:
 * both sides rewrote the file. Neither side's RESULTS describes the
 * merge, so the driver keeps ours, adds a notice that it needs to be
 * rendered again, and reports the conflict resolved.
 *
 *   .gitattributes:  RESULTS merge=results
 *   git config merge.results.name "RESULTS: keep ours, mark it stale"
 *   git config merge.results.driver "results merge-driver %O %A %B %P"
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "git.h"
#include "render.h"
#include "summary.h"

static const char merge_usage[] =
"usage: results merge-driver BASE OURS THEIRS [PATH]\n"
"\n"
"The git merge driver of RESULTS: writes OURS, read strictly, with a\n"
"notice that it needs regenerating (make results), and exits 0. When\n"
"OURS does not parse, THEIRS is used; when neither does, OURS is left\n"
"as it is and the exit status is 1: the conflict stays.\n"
"\n"
"  .gitattributes: RESULTS merge=results\n"
"  git config merge.results.driver 'results merge-driver %O %A %B %P'\n";

/* A side of the merge: the file read strictly into @s */
static int read_side(const char *path, struct summary *s)
{
	struct release rel;
	int ret;

	ret = release_load(&rel, NULL, path, false, s);
	release_release(&rel);
	return ret;
}

static bool has_notice(const struct summary *s, const struct notice_group *n)
{
	size_t i;

	for (i = 0; i < s->nr_notice; i++)
		if (s->notice[i].source == n->source &&
		    s->notice[i].tool == n->tool &&
		    s->notice[i].message == n->message)
			return true;
	return false;
}

/**
 * cmd_merge_driver() - "results merge-driver"
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "merge-driver"
 *
 * Return: 0 when OURS was written, 1 when the conflict stays, 2 on a
 * usage error or a failed write.
 */
int cmd_merge_driver(int argc, char **argv)
{
	struct strbuf out = STRBUF_INIT;
	struct notice_group n = { .count = 1 };
	struct summary s;
	const char *ours, *theirs, *path;
	int ret = EXIT_TROUBLE;

	if (argc > 1 && (!strcmp(argv[1], "-h") ||
			 !strcmp(argv[1], "--help"))) {
		fputs(merge_usage, stdout);
		return EXIT_OK;
	}
	if (argc < 4 || argc > 5) {
		error("merge-driver: expected BASE OURS THEIRS [PATH]");
		short_usage(merge_usage, "merge-driver");
		return EXIT_TROUBLE;
	}
	ours = argv[2];
	theirs = argv[3];
	path = argc > 4 ? argv[4] : "RESULTS";
	summary_init(&s);
	if (read_side(ours, &s)) {
		summary_release(&s);
		summary_init(&s);
		if (read_side(theirs, &s)) {
			error("%s: neither side parses; the conflict stays",
			      path);
			ret = EXIT_FAILON;
			goto out;
		}
	}
	n.source = intern("results");
	n.tool = intern("merge");
	n.message = intern("RESULTS needs regenerating: it was merged; run 'make results'");
	if (!has_notice(&s, &n)) {
		summary_add_notice(&s, &n);
		summary_source(&s, n.source)->notices++;
	}
	summary_finish(&s);
	render_text(&s, &out);
	if (!write_output(ours, out.buf, out.len))
		ret = EXIT_OK;
	fprintf(stderr, "%s: %s: merged; RESULTS needs regenerating (make results)\n",
		progname, path);
out:
	strbuf_release(&out);
	summary_release(&s);
	return ret;
}
