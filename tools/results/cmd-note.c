// SPDX-License-Identifier: GPL-2.0
/*
 * results note add|show|remove [REV]: RESULTS kept as a git note in
 * refs/notes/results, for trees that do not commit it. A note is stored
 * byte for byte (git notes add -C of a blob: no stripspace), so that
 * "results show" prints what was rendered.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "git.h"
#include "summary.h"

static const char note_usage[] =
"usage: results note (add [--force] [-F FILE] | show | remove) [REV]\n"
"\n"
"Keep RESULTS as a git note of REV (default: HEAD) in refs/notes/results.\n"
"\n"
"  add                 store FILE (default: RESULTS) as REV's note; it\n"
"                      must be a well-formed RESULTS\n"
"  -F, --file FILE     the RESULTS to store\n"
"  -f, --force         replace a note REV has already\n"
"  show                print REV's note\n"
"  remove              remove REV's note\n"
"  -h, --help          show this help\n"
"\n"
"Share the notes: git push origin refs/notes/results, and\n"
"git fetch origin refs/notes/results:refs/notes/results.\n";

static char *note_blob(const char *commit)
{
	const char *list[] = { "notes", "--ref=" RESULTS_NOTES_REF, "list",
			       commit, NULL };

	return git_line(NULL, list);
}

static int note_add(const char *rev, const char *commit, const char *file,
		    bool force)
{
	const char *hash[] = { "hash-object", "-w", "--no-filters", "--",
			       file, NULL };
	const char *add[] = { "notes", "--ref=" RESULTS_NOTES_REF, "add",
			      "-C", NULL, NULL, NULL, NULL };
	struct strbuf text = STRBUF_INIT;
	struct summary s;
	char *blob = NULL, *old;
	bool exists;
	int ret = -1, i = 4;

	summary_init(&s);
	if (strbuf_read_file(&text, file) ||
	    results_read_buffer(file, text.buf, text.len, &s))
		goto out;
	old = note_blob(commit);
	exists = old != NULL;
	free(old);
	if (exists && !force) {
		error("'%s' has a note in %s already; --force replaces it",
		      rev, RESULTS_NOTES_REF);
		goto out;
	}
	blob = git_line(NULL, hash);
	if (!blob) {
		error("%s: git hash-object failed", file);
		goto out;
	}
	add[i++] = blob;
	if (force)
		add[i++] = "--force";
	add[i++] = commit;
	if (git_cmd(NULL, add, NULL)) {
		error("'%s': git notes add failed", rev);
		goto out;
	}
	ret = 0;
out:
	free(blob);
	strbuf_release(&text);
	summary_release(&s);
	return ret;
}

static int note_show(const char *rev, const char *commit)
{
	const char *cat[] = { "cat-file", "blob", NULL, NULL };
	struct strbuf text = STRBUF_INIT;
	char *blob = note_blob(commit);
	int ret = -1;

	if (!blob)
		return error("'%s' has no note in %s", rev, RESULTS_NOTES_REF);
	cat[2] = blob;
	if (git_cmd(NULL, cat, &text))
		error("'%s': cannot read its note", rev);
	else
		ret = write_output(NULL, text.buf, text.len);
	strbuf_release(&text);
	free(blob);
	return ret;
}

static int note_remove(const char *rev, const char *commit)
{
	const char *rm[] = { "notes", "--ref=" RESULTS_NOTES_REF, "remove",
			     commit, NULL };
	char *blob = note_blob(commit);

	if (!blob)
		return error("'%s' has no note in %s", rev, RESULTS_NOTES_REF);
	free(blob);
	if (git_cmd(NULL, rm, NULL))
		return error("'%s': git notes remove failed", rev);
	return 0;
}

/**
 * cmd_note() - "results note"
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "note"
 *
 * Return: the exit status.
 */
int cmd_note(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "file", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = NULL, *verb, *rev = "HEAD";
	bool force = false;
	char *commit;
	int opt, ret;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":hfF:", longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'f':
			force = true;
			break;
		case 'F':
			file = optarg;
			break;
		case 'h':
			fputs(note_usage, stdout);
			return EXIT_OK;
		default:
			bad_option("note", opt, argv);
			short_usage(note_usage, "note");
			return EXIT_TROUBLE;
		}
	}
	if (optind == argc) {
		error("note: expected add, show or remove");
		short_usage(note_usage, "note");
		return EXIT_TROUBLE;
	}
	verb = argv[optind++];
	if (strcmp(verb, "add") && strcmp(verb, "show") &&
	    strcmp(verb, "remove")) {
		error("note: unknown action '%s': expected add, show or remove",
		      verb);
		short_usage(note_usage, "note");
		return EXIT_TROUBLE;
	}
	if ((file || force) && strcmp(verb, "add")) {
		error("note: --file and --force go with add");
		short_usage(note_usage, "note");
		return EXIT_TROUBLE;
	}
	if (argc - optind > 1) {
		error("note: one revision at most");
		short_usage(note_usage, "note");
		return EXIT_TROUBLE;
	}
	if (optind < argc)
		rev = argv[optind];
	if (!git_is_repo(NULL)) {
		error("'.': not a git repository (or not in one)");
		return EXIT_TROUBLE;
	}
	commit = git_commit_of(NULL, rev);
	if (!commit) {
		error("'%s': no such revision", rev);
		return EXIT_TROUBLE;
	}
	if (!strcmp(verb, "add"))
		ret = note_add(rev, commit, file ? file : "RESULTS", force);
	else if (!strcmp(verb, "show"))
		ret = note_show(rev, commit);
	else
		ret = note_remove(rev, commit);
	free(commit);
	return ret ? EXIT_TROUBLE : EXIT_OK;
}
