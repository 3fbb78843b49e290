// SPDX-License-Identifier: GPL-2.0
/*
 * What the commands share: the input options and reading the inputs, and
 * writing output so that a file is never left half-written.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "util.h"

static bool valid_key(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (!(is_alnum(s[i]) && !is_upper(s[i])) && s[i] != '_')
			return false;
	return true;
}

/**
 * input_opts_handle() - take one of the input options
 * @io: the options so far
 * @opt: the getopt code
 * @arg: its argument
 *
 * Return: 0 when taken, 1 when @opt is not an input option, -1 after an
 * error message.
 */
int input_opts_handle(struct input_opts *io, int opt, const char *arg)
{
	const char *eq;
	char *key;

	switch (opt) {
	case 'L':
		eq = strchr(arg, '=');
		if (!eq || !valid_key(arg, eq - arg) || !eq[1])
			return error("bad label '%s': expected key=value", arg);
		key = xstrndup(arg, eq - arg);
		ALLOC_GROW(io->label, io->nr_label + 1, io->alloc_label);
		io->label[io->nr_label].key = intern(key);
		io->label[io->nr_label].value = intern(eq + 1);
		io->label[io->nr_label].given = true;
		io->nr_label++;
		free(key);
		return 0;
	case 'S':
		io->popt.srctree = arg;
		return 0;
	case 'B':
		io->popt.objtree = arg;
		return 0;
	default:
		return 1;
	}
}

/**
 * bad_option() - report what getopt_long() did not accept
 * @cmd: the command, for the message
 * @opt: what getopt_long() returned: '?' or ':'
 * @argv: the arguments it read
 *
 * The option strings start with ':', so that a missing argument is told
 * apart, and opterr is 0, so that messages start with "results: ".
 *
 * Return: -1.
 */
int bad_option(const char *cmd, int opt, char **argv)
{
	const char *arg = argv[optind - 1];
	char shortopt[3] = { '-', (char)optopt, '\0' };

	if (optopt && (!starts_with(arg, "--") || !arg[2]))
		arg = shortopt;
	if (opt == ':')
		return error("%s: option '%s' needs an argument", cmd, arg);
	return error("%s: unknown option '%s'", cmd, arg);
}

/**
 * short_usage() - after a usage error, the synopsis and where help is
 * @usage: the command's usage text; its first line is the synopsis
 * @cmd: the command
 */
void short_usage(const char *usage, const char *cmd)
{
	fprintf(stderr, "%.*s\n", (int)strcspn(usage, "\n"), usage);
	fprintf(stderr, "Try 'results %s --help' for more.\n", cmd);
}

void input_opts_release(struct input_opts *io)
{
	free(io->label);
	memset(io, 0, sizeof(*io));
}

/**
 * read_inputs() - parse every input named on the command line
 * @res: the model
 * @io: the input options
 * @argc: number of inputs
 * @argv: the inputs
 * @done: called after each input is read, or NULL
 * @data: passed to @done
 *
 * Return: 0, or -1 when an input could not be read or was broken or
 * @done failed.
 */
int read_inputs(struct results *res, struct input_opts *io, int argc,
		char **argv, input_done_fn done, void *data)
{
	int i, stdin_seen = 0;

	for (i = 0; i < argc; i++) {
		const char *colon = strchr(argv[i], ':');

		if (!strcmp(argv[i], "-") || (colon && !strcmp(colon, ":-")))
			stdin_seen++;
	}
	if (stdin_seen > 1)
		return error("stdin ('-') given more than once");
	for (i = 0; i < argc; i++) {
		if (parse_input(res, argv[i], &io->popt, io->label,
				io->nr_label))
			return -1;
		if (done && done(res, data))
			return -1;
	}
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

static int write_stdout(const char *buf, size_t len)
{
	fflush(stdout);
	if (write_all(STDOUT_FILENO, buf, len))
		return error("write error on standard output: %s",
			     strerror(errno));
	return 0;
}

/**
 * write_output() - write the output, atomically when it is a file
 * @path: the file, or NULL for stdout
 * @buf: the bytes
 * @len: their number
 *
 * A regular file (or one that does not exist yet) is written through a
 * temporary file beside it that is renamed over it, so that readers never
 * see half of it. A device or FIFO is written in place. Every write and
 * close is checked.
 *
 * Return: 0, or -1 after an error message.
 */
int write_output(const char *path, const char *buf, size_t len)
{
	struct stat st;
	char *tmp, *dir, *dcopy;
	int fd;

	if (!path || !strcmp(path, "-"))
		return write_stdout(buf, len);
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return error("%s: is a directory", path);
		fd = open(path, O_WRONLY);
		if (fd < 0)
			return error("%s: cannot open: %s", path,
				     strerror(errno));
		if (write_all(fd, buf, len) || close(fd))
			return error("%s: write error: %s", path,
				     strerror(errno));
		return 0;
	}
	dcopy = xstrdup(path);
	dir = dirname(dcopy);
	tmp = xmalloc(strlen(dir) + strlen(path) + 32);
	sprintf(tmp, "%s/.%s.tmpXXXXXX", dir, path_basename(path));
	free(dcopy);
	fd = mkstemp(tmp);
	if (fd < 0) {
		error("%s: cannot create a temporary file: %s", path,
		      strerror(errno));
		free(tmp);
		return -1;
	}
	if (write_all(fd, buf, len) || fchmod(fd, 0644) || fsync(fd) ||
	    close(fd)) {
		error("%s: write error: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (rename(tmp, path)) {
		error("%s: cannot rename into place: %s", path,
		      strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
