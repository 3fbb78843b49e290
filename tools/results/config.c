// SPDX-License-Identifier: GPL-2.0
/*
 * .results.config: the choices made in Kconfig.results (make
 * resultsconfig, resultsdefconfig, resultsoldconfig), read by the tool as
 * the Makefile reads them. The grammar is what kconfig writes:
 *
 *   # a comment
 *   # CONFIG_RESULTS_COCCI is not set
 *   CONFIG_RESULTS_BUILD=y
 *   CONFIG_RESULTS_EXCERPT_LINES=10
 *   CONFIG_RESULTS_KNOWN="Documentation/dev-tools/results-known.yaml"
 *
 * Anything else is an error at its line. The last setting of a name wins,
 * as in make.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "strbuf.h"
#include "util.h"

static bool is_name_char(int c)
{
	return is_alnum(c) || c == '_';
}

static int config_error(const struct results_config *c, unsigned long line,
			const char *what)
{
	return error("%s:%lu: %s", c->path, line, what);
}

/* A quoted value: kconfig escapes '"' and '\' with a backslash. */
static int read_string(const struct results_config *c, unsigned long line,
		       const char *p, const char *end, struct strbuf *out)
{
	for (p++; p < end && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		strbuf_addch(out, *p);
	}
	if (p >= end)
		return config_error(c, line, "a string without its closing '\"'");
	for (p++; p < end; p++)
		if (!is_space(*p))
			return config_error(c, line,
					    "text after a quoted value");
	return 0;
}

static void set(struct results_config *c, const char *key, size_t klen,
		char *value, unsigned long line)
{
	struct config_entry *e;
	size_t i;

	for (i = 0; i < c->nr; i++) {
		e = &c->e[i];
		if (strlen(e->key) == klen && !memcmp(e->key, key, klen)) {
			free(e->value);
			e->value = value;
			e->line = line;
			return;
		}
	}
	ALLOC_GROW(c->e, c->nr + 1, c->alloc);
	e = &c->e[c->nr++];
	e->key = xstrndup(key, klen);
	e->value = value;
	e->line = line;
}

static int read_line(struct results_config *c, unsigned long nr,
		     const char *s, const char *end)
{
	struct strbuf v = STRBUF_INIT;
	const char *key, *p;

	while (s < end && is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	if (s == end)
		return 0;
	if (*s == '#') {
		/* "# CONFIG_X is not set": a bool that is off */
		p = s + 1;
		while (p < end && *p == ' ')
			p++;
		if (end - p > 7 && !memcmp(p, "CONFIG_", 7)) {
			key = p + 7;
			for (p = key; p < end && is_name_char(*p); p++)
				;
			if (p > key && end - p == 11 &&
			    !memcmp(p, " is not set", 11))
				set(c, key, p - key, xstrdup("n"), nr);
		}
		return 0;
	}
	if (end - s < 8 || memcmp(s, "CONFIG_", 7))
		return config_error(c, nr,
				    "not a setting: CONFIG_NAME=VALUE expected");
	key = s + 7;
	for (p = key; p < end && is_name_char(*p); p++)
		;
	if (p == key || p == end || *p != '=')
		return config_error(c, nr,
				    "not a setting: CONFIG_NAME=VALUE expected");
	p++;
	if (p < end && *p == '"') {
		if (read_string(c, nr, p, end, &v)) {
			strbuf_release(&v);
			return -1;
		}
	} else {
		const char *q;

		for (q = p; q < end; q++)
			if (is_space(*q) || *q == '"')
				return config_error(c, nr,
					"an unquoted value with blanks or quotes");
		strbuf_add(&v, p, end - p);
	}
	set(c, key, strchr(key, '=') - key, strbuf_detach(&v), nr);
	return 0;
}

/**
 * config_read() - read a .results.config
 * @c: where the settings go; zeroed by the caller
 * @path: the file
 *
 * Return: 0, or -1 after "results: FILE:LINE: what is wrong".
 */
int config_read(struct results_config *c, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s, *end, *slash, *nul;
	unsigned long nr = 0;
	int ret = 0;

	c->path = path;
	slash = strrchr(path, '/');
	c->dir = slash ? xstrndup(path, slash - path + 1) : xstrdup("");
	if (strbuf_read_file(&sb, path)) {
		strbuf_release(&sb);
		return -1;
	}
	nul = memchr(sb.buf, '\0', sb.len);
	if (nul) {
		for (s = sb.buf, nr = 1; s < nul; s++)
			nr += *s == '\n';
		strbuf_release(&sb);
		return error("%s:%lu: a NUL byte: not a text file", path, nr);
	}
	for (s = sb.buf, end = sb.buf + sb.len; s < end && !ret; ) {
		const char *nl = memchr(s, '\n', end - s);
		const char *e = nl ? nl : end;

		ret = read_line(c, ++nr, s, e);
		s = nl ? nl + 1 : end;
	}
	strbuf_release(&sb);
	return ret;
}

/**
 * config_find() - read the configuration a command runs with
 * @c: where the settings go; zeroed by the caller
 * @path: --config FILE, which must exist; NULL to look in @srctree
 * @srctree: the tree (NULL: the current directory); its .results.config
 *	     is read when it exists
 *
 * Return: 0 (also when there is none), or -1 after an error message.
 */
int config_find(struct results_config *c, const char *path,
		const char *srctree)
{
	struct stat st;
	char *p;
	int ret;

	if (path)
		return config_read(c, path);
	if (!srctree)
		srctree = ".";
	p = xmalloc(strlen(srctree) + sizeof("/.results.config"));
	strcpy(p, srctree);
	strcat(p, "/.results.config");
	if (stat(p, &st) && errno == ENOENT) {
		free(p);
		return 0;
	}
	ret = config_read(c, intern(p));
	free(p);
	return ret;
}

static const struct config_entry *lookup(const struct results_config *c,
					 const char *key)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		if (!strcmp(c->e[i].key, key))
			return &c->e[i];
	return NULL;
}

/**
 * config_get() - the value of a setting
 * @c: the configuration
 * @key: its name without "CONFIG_", e.g. "RESULTS_KNOWN"
 *
 * Return: the value (a string's text without its quotes), or NULL when
 * it is not set, is "n" or is an empty string.
 */
const char *config_get(const struct results_config *c, const char *key)
{
	const struct config_entry *e = lookup(c, key);

	if (!e || !*e->value || !strcmp(e->value, "n"))
		return NULL;
	return e->value;
}

/**
 * config_get_uint() - the value of an int setting
 * @c: the configuration
 * @key: its name without "CONFIG_"
 * @max: the largest value taken
 * @val: set to the value when it is set; left alone otherwise
 *
 * Return: 0, or -1 after "results: FILE:LINE: ..." when it is not a
 * number from 0 to @max.
 */
int config_get_uint(const struct results_config *c, const char *key,
		    unsigned long max, unsigned long *val)
{
	const struct config_entry *e = lookup(c, key);
	const char *end;
	unsigned long v;

	if (!e || !*e->value)
		return 0;
	if (!parse_ulong(e->value, &end, &v) || *end || v > max)
		return error("%s:%lu: CONFIG_%s: not a number from 0 to %lu: '%s'",
			     c->path, e->line, key, max, e->value);
	*val = v;
	return 0;
}

/**
 * config_get_path() - a file named by a setting
 * @c: the configuration
 * @key: its name without "CONFIG_"
 *
 * Return: the malloc'd path, relative to the directory of the
 * configuration file (the top of the tree) unless absolute; NULL when
 * the setting is not set.
 */
char *config_get_path(const struct results_config *c, const char *key)
{
	const char *v = config_get(c, key);
	char *p;

	if (!v)
		return NULL;
	if (*v == '/' || !*c->dir)
		return xstrdup(v);
	p = xmalloc(strlen(c->dir) + strlen(v) + 1);
	strcpy(p, c->dir);
	strcat(p, v);
	return p;
}

/**
 * config_release() - free what config_read() kept
 * @c: the configuration
 */
void config_release(struct results_config *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++) {
		free(c->e[i].key);
		free(c->e[i].value);
	}
	free(c->e);
	free(c->dir);
	memset(c, 0, sizeof(*c));
}
