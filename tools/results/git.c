// SPDX-License-Identifier: GPL-2.0
/*
 * git, run without a shell: the commit and release of a tree, RESULTS of a
 * revision (its tree, or its note in refs/notes/results), tags by pattern,
 * and one side of a comparison read from a file or from a revision.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "git.h"
#include "summary.h"
#include "util.h"

/**
 * run_cmd() - run a command without a shell and collect its output
 * @argv: the command and its arguments, NULL-terminated
 * @out: its standard output is appended here, or NULL to drop it
 * @quiet: true to send its standard error to /dev/null
 *
 * Standard input is /dev/null.
 *
 * Return: its exit status (127 when it could not be run), or -1 when no
 * process could be started.
 */
int run_cmd(const char *const argv[], struct strbuf *out, bool quiet)
{
	char buf[8192];
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (!pid) {
		int null = open("/dev/null", O_RDWR);

		dup2(fds[1], STDOUT_FILENO);
		if (null >= 0) {
			if (quiet)
				dup2(null, STDERR_FILENO);
			dup2(null, STDIN_FILENO);
		}
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0 && out)
			strbuf_add(out, buf, n);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status))
		return 128;
	return WEXITSTATUS(status);
}

/**
 * run_line() - run a command and take the first line it prints
 * @argv: the command and its arguments, NULL-terminated
 *
 * Return: the malloc'd line without its newline, or NULL when the command
 * failed or printed nothing.
 */
char *run_line(const char *const argv[])
{
	struct strbuf sb = STRBUF_INIT;

	if (run_cmd(argv, &sb, true) || !sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	strbuf_setlen(&sb, strcspn(sb.buf, "\n"));
	return strbuf_detach(&sb);
}

/* "git [-C DIR] ARGS..." as an argv; the caller frees the array only */
static const char **git_argv(const char *dir, const char *const args[])
{
	size_t n = 0, i = 0;
	const char **argv;

	while (args[n])
		n++;
	argv = xmalloc((n + 4) * sizeof(*argv));
	argv[i++] = "git";
	if (dir) {
		argv[i++] = "-C";
		argv[i++] = dir;
	}
	memcpy(argv + i, args, (n + 1) * sizeof(*argv));
	return argv;
}

/**
 * git_cmd() - run git quietly
 * @dir: the directory to run it in (git -C), or NULL for the current one
 * @args: its arguments after "git", NULL-terminated
 * @out: its standard output is appended here, or NULL
 *
 * Return: git's exit status, 127 when git could not be run, -1 when no
 * process could be started.
 */
int git_cmd(const char *dir, const char *const args[], struct strbuf *out)
{
	const char **argv = git_argv(dir, args);
	int ret = run_cmd(argv, out, true);

	free(argv);
	return ret;
}

/**
 * git_line() - the first line git prints
 * @dir: as for git_cmd()
 * @args: as for git_cmd()
 *
 * Return: the malloc'd line, or NULL when git failed or printed nothing.
 */
char *git_line(const char *dir, const char *const args[])
{
	const char **argv = git_argv(dir, args);
	char *ret = run_line(argv);

	free(argv);
	return ret;
}

/**
 * git_is_repo() - whether a directory is inside a git work tree or repo
 * @dir: the directory, NULL for the current one
 *
 * Return: true when git finds a repository there.
 */
bool git_is_repo(const char *dir)
{
	static const char *const args[] = { "rev-parse", "--git-dir", NULL };

	return !git_cmd(dir, args, NULL);
}

/**
 * git_commit_of() - the commit a revision names
 * @dir: as for git_cmd()
 * @rev: the revision: a tag, a branch, a hash, HEAD~2...
 *
 * Return: the malloc'd full hash, or NULL when @rev names no commit.
 */
char *git_commit_of(const char *dir, const char *rev)
{
	struct strbuf sb = STRBUF_INIT;
	const char *args[] = { "rev-parse", "--verify", "--quiet", NULL,
			       NULL };
	char *ret;

	/* "--end-of-options" is newer than git 2.24; refuse options instead */
	if (*rev == '-')
		return NULL;
	strbuf_addf(&sb, "%s^{commit}", rev);
	args[3] = sb.buf;
	ret = git_line(dir, args);
	strbuf_release(&sb);
	return ret;
}

/* The note of @commit in refs/notes/results, into @text. */
static bool note_of(const char *dir, const char *commit, struct strbuf *text)
{
	const char *list[] = { "notes", "--ref=" RESULTS_NOTES_REF, "list",
			       commit, NULL };
	const char *cat[] = { "cat-file", "blob", NULL, NULL };
	char *blob = git_line(dir, list);
	bool ok;

	if (!blob)
		return false;
	cat[2] = blob;
	ok = !git_cmd(dir, cat, text);
	free(blob);
	return ok;
}

/**
 * git_results_of() - the RESULTS of a revision
 * @dir: as for git_cmd()
 * @rev: the revision
 * @text: RESULTS's bytes are appended here
 * @origin: set to RELEASE_TREE when the tree at @rev holds RESULTS,
 *	    RELEASE_NOTE when only its note does, RELEASE_NONE otherwise
 *
 * The bytes are those of "git show REV:RESULTS" (git cat-file blob, so
 * no filter or textconv changes them).
 *
 * Return: 0, or -1 after an error message when @dir is no git repository
 * or @rev names no commit.
 */
int git_results_of(const char *dir, const char *rev, struct strbuf *text,
		   enum release_origin *origin)
{
	const char *cat[] = { "cat-file", "blob", NULL, NULL };
	struct strbuf path = STRBUF_INIT;
	char *commit;

	if (!git_is_repo(dir))
		return error("'%s': not a git repository (or not in one)",
			     dir ? dir : ".");
	commit = git_commit_of(dir, rev);
	if (!commit)
		return error("'%s': no such revision", rev);
	strbuf_addf(&path, "%s:RESULTS", commit);
	cat[2] = path.buf;
	*origin = RELEASE_TREE;
	if (git_cmd(dir, cat, text)) {
		strbuf_reset(text);
		*origin = note_of(dir, commit, text) ? RELEASE_NOTE :
			  RELEASE_NONE;
	}
	strbuf_release(&path);
	free(commit);
	return 0;
}

/* Whether @tag names @release: "v6.1.192" and "6.1.192" do */
static bool tag_names(const char *tag, const char *release)
{
	return release && (!strcmp(tag, release) ||
			   (tag[0] == 'v' && !strcmp(tag + 1, release)));
}

/**
 * git_previous_tag() - the release before this one, by tag pattern
 * @dir: as for git_cmd()
 * @pattern: a glob(7) pattern of tag names, e.g. "v6.1.*"
 * @release: the release being rendered, or NULL
 *
 * The tag that "git describe --tags --match PATTERN HEAD" finds, leaving
 * out a tag at HEAD that names @release (as itself or with a 'v' before
 * it): rendered again after tagging, a release is still compared with
 * the one before it. Rendered before tagging, with HEAD at the previous
 * release, that release is the one.
 *
 * Return: the malloc'd tag name, or NULL when there is none (no tags at
 * all, a shallow clone, no repository).
 */
char *git_previous_tag(const char *dir, const char *pattern,
		       const char *release)
{
	static const char *const at_head[] = { "tag", "--points-at", "HEAD",
					       NULL };
	struct strbuf tags = STRBUF_INIT;
	const char **args = NULL;
	size_t n = 0, alloc = 0;
	char *p, *ret;

	ALLOC_GROW(args, 8, alloc);
	args[n++] = "describe";
	args[n++] = "--tags";
	args[n++] = "--abbrev=0";
	args[n++] = "--match";
	args[n++] = pattern;
	if (!git_cmd(dir, at_head, &tags)) {
		for (p = tags.buf; *p; ) {
			char *e = strchrnul(p, '\n');

			if (*e)
				*e++ = '\0';
			if (*p && tag_names(p, release)) {
				ALLOC_GROW(args, n + 4, alloc);
				args[n++] = "--exclude";
				args[n++] = p;
			}
			p = e;
		}
	}
	ALLOC_GROW(args, n + 2, alloc);
	args[n++] = "HEAD";
	args[n] = NULL;
	ret = git_line(dir, args);
	free(args);
	strbuf_release(&tags);
	return ret;
}

/**
 * release_load() - read one side of a comparison
 * @rel: filled in; release_release() it. Its name is @spec for a
 *	 revision ("v6.1.191"), the release the RESULTS names for a file
 *	 (its base name when that is unknown)
 * @dir: the git work tree, as for git_cmd()
 * @spec: a RESULTS file, a revision (then its RESULTS is read from its
 *	  tree, or from its note in refs/notes/results), or REV:PATH
 * @allow_none: true when a revision without RESULTS is no error: then
 *		@rel->origin is RELEASE_NONE and @s is left empty
 * @s: the release read; summary_finish() is done
 *
 * A file of that name wins over a revision of that name. The RESULTS
 * read is strict: broken ones are errors, named "FILE:LINE" or
 * "REV:RESULTS:LINE".
 *
 * Return: 0, or -1 after an error message.
 */
int release_load(struct release *rel, const char *dir, const char *spec,
		 bool allow_none, struct summary *s)
{
	const char *cat[] = { "cat-file", "blob", spec, NULL };
	struct strbuf name = STRBUF_INIT;
	struct stat st;
	char *commit;
	int ret = -1;

	memset(rel, 0, sizeof(*rel));
	strbuf_init(&rel->text);
	rel->spec = spec;
	if (!*spec)
		return error("empty release name");
	if (!stat(spec, &st)) {
		if (S_ISDIR(st.st_mode))
			return error("%s: is a directory", spec);
		rel->origin = RELEASE_FILE;
		if (strbuf_read_file(&rel->text, spec))
			return -1;
		strbuf_addstr(&name, spec);
	} else if (strchr(spec, ':') && *spec != '-' &&
		   git_is_repo(dir) && !git_cmd(dir, cat, &rel->text)) {
		rel->origin = RELEASE_TREE;
		strbuf_addstr(&name, spec);
	} else {
		if (!git_is_repo(dir))
			return error("'%s': no such file, and not in a git repository",
				     spec);
		commit = git_commit_of(dir, spec);
		if (!commit)
			return error("'%s': no such file or revision", spec);
		free(commit);
		if (git_results_of(dir, spec, &rel->text, &rel->origin))
			return -1;
		if (rel->origin == RELEASE_NONE) {
			rel->name = intern(spec);
			if (allow_none)
				return 0;
			return error("'%s': no RESULTS in its tree nor in %s",
				     spec, RESULTS_NOTES_REF);
		}
		strbuf_addf(&name, "%s:RESULTS", spec);
		if (rel->origin == RELEASE_NOTE) {
			strbuf_reset(&name);
			strbuf_addf(&name, "%s (note)", spec);
		}
	}
	if (!results_read_buffer(name.buf, rel->text.buf, rel->text.len, s)) {
		summary_finish(s);
		/* a revision by its name, a file by the release it names */
		if (rel->origin != RELEASE_FILE)
			rel->name = intern(spec);
		else if (s->release)
			rel->name = s->release;
		else
			rel->name = intern(path_basename(spec));
		ret = 0;
	}
	strbuf_release(&name);
	return ret;
}

/**
 * release_release() - free what release_load() kept
 * @rel: the release
 */
void release_release(struct release *rel)
{
	strbuf_release(&rel->text);
	memset(rel, 0, sizeof(*rel));
}
