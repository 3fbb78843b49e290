// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the unit suites. Kept in this one file so that no
 * suite carries its own copy.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render.h"
#include "strbuf.h"
#include "testutil.h"
#include "util.h"

const char *tu_srctree(void)
{
	const char *s = getenv("RESULTS_SRCTREE");

	return s && *s ? s : ".";
}

char *tu_fixture(const char *rel)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/tests/fixtures/%s", tu_srctree(), rel);
	return strbuf_detach(&sb);
}

static const char *temp_dir(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

static void write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		ck_assert_msg(n > 0, "write to a temporary file: %s",
			      strerror(errno));
		p += n;
		len -= n;
	}
}

char *tu_write_temp(const void *data, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	int fd;

	strbuf_addf(&sb, "%s/results-unit-XXXXXX", temp_dir());
	fd = mkstemp(sb.buf);
	ck_assert_msg(fd >= 0, "mkstemp %s: %s", sb.buf, strerror(errno));
	write_all(fd, data, len);
	close(fd);
	return strbuf_detach(&sb);
}

char *tu_write_temp_str(const char *text)
{
	return tu_write_temp(text, strlen(text));
}

void tu_remove_temp(char *path)
{
	if (!path)
		return;
	unlink(path);
	free(path);
}

char *tu_read_file(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	ck_assert_msg(fd >= 0, "open %s: %s", path, strerror(errno));
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		ck_assert_msg(n > 0, "read %s: %s", path, strerror(errno));
		strbuf_add(&sb, buf, n);
	}
	close(fd);
	if (len)
		*len = sb.len;
	return strbuf_detach(&sb);
}

char *tu_make_temp_dir(void)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/results-unit-XXXXXX", temp_dir());
	ck_assert_msg(mkdtemp(sb.buf) != NULL, "mkdtemp %s: %s", sb.buf,
		      strerror(errno));
	return strbuf_detach(&sb);
}

static void remove_tree(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *dir;

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	dir = opendir(path);
	while (dir && (de = readdir(dir))) {
		struct strbuf sb = STRBUF_INIT;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		strbuf_addf(&sb, "%s/%s", path, de->d_name);
		remove_tree(sb.buf);
		strbuf_release(&sb);
	}
	if (dir)
		closedir(dir);
	rmdir(path);
}

void tu_remove_tree(char *path)
{
	if (!path)
		return;
	remove_tree(path);
	free(path);
}

void tu_capture_start(struct tu_capture *cap)
{
	struct strbuf sb = STRBUF_INIT;

	fflush(stderr);
	strbuf_addf(&sb, "%s/results-unit-err-XXXXXX", temp_dir());
	cap->fd = mkstemp(sb.buf);
	ck_assert_msg(cap->fd >= 0, "mkstemp %s: %s", sb.buf,
		      strerror(errno));
	cap->path = strbuf_detach(&sb);
	cap->saved = dup(STDERR_FILENO);
	ck_assert_int_ge(cap->saved, 0);
	ck_assert_int_eq(dup2(cap->fd, STDERR_FILENO), STDERR_FILENO);
}

char *tu_capture_end(struct tu_capture *cap)
{
	char *text;

	fflush(stderr);
	dup2(cap->saved, STDERR_FILENO);
	close(cap->saved);
	close(cap->fd);
	text = tu_read_file(cap->path, NULL);
	tu_remove_temp(cap->path);
	cap->path = NULL;
	return text;
}

int tu_parse_quiet(struct results *res, const char *path,
		   const struct parse_options *opt,
		   const struct label *labels, size_t nr_labels, char **err)
{
	static const struct parse_options none;
	struct tu_capture cap;
	char *text;
	int ret;

	tu_capture_start(&cap);
	ret = parse_input(res, path, opt ? opt : &none, labels, nr_labels);
	text = tu_capture_end(&cap);
	if (err)
		*err = text;
	else
		free(text);
	return ret;
}

int tu_parse_fixture(struct results *res, const char *rel)
{
	char *path = tu_fixture(rel);
	int ret = tu_parse_quiet(res, path, NULL, NULL, 0, NULL);

	free(path);
	return ret;
}

void tu_parse_fixture_ok(struct results *res, const char *rel)
{
	results_init(res);
	ck_assert_msg(tu_parse_fixture(res, rel) == 0, "parse %s", rel);
	ck_assert_uint_eq(res->nr_in, 1);
}

char *tu_fixture_crlf(const char *rel, size_t *len)
{
	char *path = tu_fixture(rel);
	char *text = tu_read_file(path, NULL);
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	for (p = text; *p; p++) {
		if (*p == '\n')
			strbuf_addch(&sb, '\r');
		strbuf_addch(&sb, *p);
	}
	free(text);
	free(path);
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* @text with every @from replaced by @to, malloc'd; @text is freed. */
static char *replace_all(char *text, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(from);
	const char *p = text, *hit;

	while ((hit = strstr(p, from))) {
		strbuf_add(&sb, p, hit - p);
		strbuf_addstr(&sb, to);
		p = hit + n;
	}
	strbuf_addstr(&sb, p);
	free(text);
	return strbuf_detach(&sb);
}

int tu_parse_buf(struct results *res, const void *data, size_t len,
		 const struct parse_options *opt, const struct label *labels,
		 size_t nr_labels, char **err)
{
	char *path = tu_write_temp(data, len);
	int ret = tu_parse_quiet(res, path, opt, labels, nr_labels, err);

	/* messages name the input as "FILE", whatever the temporary name */
	if (err)
		*err = replace_all(*err, path, "FILE");
	tu_remove_temp(path);
	return ret;
}

int tu_parse_str(struct results *res, const char *text)
{
	return tu_parse_buf(res, text, strlen(text), NULL, NULL, 0, NULL);
}

void tu_parse_fails(const char *text, const char *want)
{
	struct results res;
	char *err = NULL;

	results_init(&res);
	ck_assert_int_eq(tu_parse_buf(&res, text, strlen(text), NULL, NULL, 0,
				      &err), -1);
	ck_assert_str_eq(err, want);
	free(err);
	results_release(&res);
}

size_t tu_count(const struct results *res, enum record_type type)
{
	size_t i, n = 0;

	for (i = 0; i < res->nr; i++)
		if (res->rec[i].type == type)
			n++;
	return n;
}

size_t tu_count_diags(const struct results *res, const char *tool, int sev)
{
	size_t i, n = 0;

	for (i = 0; i < res->nr; i++) {
		const struct record *r = &res->rec[i];

		if (r->type != REC_DIAG)
			continue;
		if (tool && (!r->tool || strcmp(r->tool, tool)))
			continue;
		if (sev >= 0 && (int)r->severity != sev)
			continue;
		n++;
	}
	return n;
}

size_t tu_count_tests(const struct results *res, enum test_status st)
{
	size_t i, n = 0;

	for (i = 0; i < res->nr; i++)
		if (res->rec[i].type == REC_TEST && res->rec[i].status == st)
			n++;
	return n;
}

struct record *tu_nth(const struct results *res, enum record_type type,
		      size_t n)
{
	size_t i;

	for (i = 0; i < res->nr; i++)
		if (res->rec[i].type == type && !n--)
			return &res->rec[i];
	return NULL;
}

size_t tu_context_lines(const struct record *r)
{
	const char *p;
	size_t n = 1;

	if (!r->context)
		return 0;
	for (p = r->context; *p; p++)
		if (*p == '\n')
			n++;
	return n;
}

char *tu_context_line(const struct record *r, size_t n)
{
	const char *p = r->context;

	if (!p)
		return NULL;
	while (n--) {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
	}
	return xstrndup(p, strchrnul(p, '\n') - p);
}

void tu_summarise(struct summary *s, const struct results *res)
{
	summary_init(s);
	summary_add_results(s, res);
	if (res->imported)
		summary_merge(s, res->imported);
	summary_finish(s);
}

char *tu_render(const struct summary *s)
{
	struct strbuf sb = STRBUF_INIT;

	render_text(s, &sb);
	return strbuf_detach(&sb);
}

void tu_assert_diag(const struct record *r, const char *tool, int sev,
		    const char *file, unsigned long line, unsigned long column,
		    const char *category, const char *message)
{
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->type, REC_DIAG);
	ck_assert_pstr_eq(r->tool, tool);
	ck_assert_int_eq(r->severity, sev);
	ck_assert_pstr_eq(r->file, file);
	ck_assert_uint_eq(r->line, line);
	ck_assert_uint_eq(r->column, column);
	ck_assert_pstr_eq(r->category, category);
	ck_assert_pstr_eq(r->message, message);
}
