// SPDX-License-Identifier: GPL-2.0
/*
 * The known-issues file: YAML, read with libyaml's event API.
 *
 *   issues:
 *     - link: https://lore.kernel.org/r/...
 *       source: kunit
 *       test: "ext4_inode_test.*"
 *       intermittent: true
 *     - link: https://bugzilla.kernel.org/show_bug.cgi?id=1
 *       tool: gcc
 *       file: "drivers/widget/wdg-*.c"
 *       message: "unused variable"
 *
 * Every error is "results: FILE:LINE:COL: what is wrong", and the
 * command exits 2: a known-issues file that says something else than
 * what its author meant must not quietly hide a regression.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "known.h"
#include "strbuf.h"
#include "util.h"

struct yreader {
	const char *path;
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have_ev;
};

static int yerror_at(struct yreader *y, const yaml_mark_t *m,
		     const char *fmt, ...) __printf(3, 4);

static int yerror_at(struct yreader *y, const yaml_mark_t *m,
		     const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s:%lu:%lu: ", progname, y->path,
		(unsigned long)m->line + 1, (unsigned long)m->column + 1);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* The next event into y->ev; -1 after a message on a YAML error. */
static int next(struct yreader *y)
{
	if (y->have_ev)
		yaml_event_delete(&y->ev);
	y->have_ev = false;
	if (!yaml_parser_parse(&y->parser, &y->ev))
		return yerror_at(y, &y->parser.problem_mark,
				 "invalid YAML: %s",
				 y->parser.problem ? y->parser.problem :
				 "unknown error");
	y->have_ev = true;
	if (y->ev.type == YAML_ALIAS_EVENT)
		return yerror_at(y, &y->ev.start_mark,
				 "aliases are not supported");
	return 0;
}

static const char *scalar(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

/* The value of a key: a scalar, interned; its trailing newlines dropped */
static int value(struct yreader *y, const char *key, const char **out)
{
	size_t n;

	if (next(y))
		return -1;
	if (y->ev.type != YAML_SCALAR_EVENT)
		return yerror_at(y, &y->ev.start_mark,
				 "expected a string for '%s'", key);
	n = y->ev.data.scalar.length;
	while (n && scalar(&y->ev)[n - 1] == '\n')
		n--;
	if (!n)
		return yerror_at(y, &y->ev.start_mark, "empty '%s'", key);
	if (memchr(scalar(&y->ev), '\0', n))
		return yerror_at(y, &y->ev.start_mark, "NUL byte in '%s'",
				 key);
	*out = intern_n(scalar(&y->ev), n);
	return 0;
}

/* A value that must be one word: a link, a release, a source, a tool */
static int word_value(struct yreader *y, const char *key, const char **out)
{
	const char *p;

	if (value(y, key, out))
		return -1;
	for (p = *out; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return yerror_at(y, &y->ev.start_mark,
					 "'%s' must be one word: '%s'", key,
					 *out);
	return 0;
}

static int bool_value(struct yreader *y, const char *key, bool *out)
{
	if (next(y))
		return -1;
	if (y->ev.type == YAML_SCALAR_EVENT &&
	    y->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		if (!strcmp(scalar(&y->ev), "true")) {
			*out = true;
			return 0;
		}
		if (!strcmp(scalar(&y->ev), "false")) {
			*out = false;
			return 0;
		}
	}
	return yerror_at(y, &y->ev.start_mark,
			 "expected true or false for '%s'", key);
}

/*
 * glibc compiles "a+" as "aa*" and "a{2,9}" as nine copies of "a": nested,
 * the copies multiply, and 30 bytes of "e+++..." take gigabytes; copies
 * of what may match nothing ("(u*){1,9000}") cost the square of their
 * number; each level of parentheses is a level of its recursion, and
 * 50,000 of them overflow the stack. So a regex is refused before
 * regcomp() when it is nested too deep, or too big once its repetitions
 * are written out (2000 parts compile in 0.1 s and 100 MB at worst).
 */
#define MAX_REGEX_SIZE	2000
#define MAX_REGEX_DEPTH	100

/* The value of a {N} or {N,M} bound, up to a cap. */
static unsigned long bound(const char **p)
{
	unsigned long n = 0;

	while (**p >= '0' && **p <= '9') {
		if (n <= MAX_REGEX_SIZE)
			n = n * 10 + (unsigned long)(**p - '0');
		(*p)++;
	}
	return n;
}

/* @a * @b, or @a + @b, capped above MAX_REGEX_SIZE */
static unsigned long cap_mul(unsigned long a, unsigned long b)
{
	if (a && b > (MAX_REGEX_SIZE + 1) / a)
		return MAX_REGEX_SIZE + 1;
	return a * b;
}

static unsigned long cap_add(unsigned long a, unsigned long b)
{
	return a + b > MAX_REGEX_SIZE ? MAX_REGEX_SIZE + 1 : a + b;
}

/* The end of the bracket expression that starts at @p, past its ']'. */
static const char *bracket_end(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			const char *q = strchr(p + 2, p[1]);

			while (q && q[1] != ']')
				q = strchr(q + 1, p[1]);
			if (q) {
				p = q + 2;
				continue;
			}
		}
		p++;
	}
	return *p ? p + 1 : p;
}

/*
 * regex_too_big() - whether an extended regex would take too much to
 * compile
 * @re: the regex
 *
 * Return: NULL, or what is wrong with it.
 */
static const char *regex_too_big(const char *re)
{
	/* per open group: its size so far; the size of its last atom */
	unsigned long size[MAX_REGEX_DEPTH + 1], last[MAX_REGEX_DEPTH + 1];
	unsigned long n, m;
	const char *p = re;
	int depth = 0;
	/* the last token was a repetition ('*', '+', '?', "{N,M}") */
	bool repeated = false, was;

	size[0] = last[0] = 0;
	while (*p) {
		was = repeated;
		repeated = *p == '*' || *p == '?' || *p == '+' ||
			   (*p == '{' && p[1] >= '0' && p[1] <= '9');
		/*
		 * POSIX leaves it undefined, and glibc's regcomp() takes time
		 * exponential in the number of them: "a??????"
		 */
		if (was && repeated)
			return "a repetition of a repetition";
		switch (*p) {
		case '(':
			if (depth == MAX_REGEX_DEPTH)
				return "groups nested too deep";
			depth++;
			size[depth] = last[depth] = 0;
			p++;
			continue;
		case ')':
			if (!depth)
				break;
			n = size[depth--];
			last[depth] = n ? n : 1;
			size[depth] = cap_add(size[depth], last[depth]);
			p++;
			continue;
		case '|':
			last[depth] = 0;
			p++;
			continue;
		case '*':
		case '?':
			size[depth] = cap_add(size[depth], 1);
			p++;
			continue;
		case '+':
			size[depth] = cap_add(size[depth], last[depth]);
			last[depth] = cap_mul(last[depth], 2);
			p++;
			continue;
		case '{':
			if (p[1] < '0' || p[1] > '9')
				break;
			p++;
			n = bound(&p);
			m = n + 1;
			if (*p == ',') {
				p++;
				if (*p >= '0' && *p <= '9')
					m = bound(&p);
			}
			if (*p == '}')
				p++;
			if (m < n)
				m = n;
			n = cap_mul(last[depth], m ? m : 1);
			size[depth] = cap_add(size[depth], n);
			last[depth] = n;
			continue;
		case '[':
			p = bracket_end(p);
			last[depth] = 1;
			size[depth] = cap_add(size[depth], 1);
			continue;
		case '\\':
			if (p[1])
				p++;
			break;
		default:
			break;
		}
		/* one character */
		p++;
		last[depth] = 1;
		size[depth] = cap_add(size[depth], 1);
	}
	while (depth) {
		n = size[depth--];
		size[depth] = cap_add(size[depth], n);
	}
	if (size[0] > MAX_REGEX_SIZE)
		return "too big once its repetitions are written out";
	return NULL;
}

static int entry_key(struct yreader *y, struct known_entry *e,
		     const char *key)
{
	const char *why;
	const char *v;
	int ret;

	if (!strcmp(key, "link"))
		return word_value(y, key, &e->ref.link);
	if (!strcmp(key, "since"))
		return word_value(y, key, &e->ref.since);
	if (!strcmp(key, "note"))
		return value(y, key, &e->ref.note);
	if (!strcmp(key, "intermittent"))
		return bool_value(y, key, &e->ref.intermittent);
	if (!strcmp(key, "source"))
		return word_value(y, key, &e->source);
	if (!strcmp(key, "test"))
		return value(y, key, &e->test);
	if (!strcmp(key, "tool"))
		return word_value(y, key, &e->tool);
	if (!strcmp(key, "file"))
		return word_value(y, key, &e->file);
	if (!strcmp(key, "message"))
		return value(y, key, &e->message);
	if (!strcmp(key, "severity")) {
		if (word_value(y, key, &v))
			return -1;
		e->severity = severity_parse(v);
		if (e->severity < 0)
			return yerror_at(y, &y->ev.start_mark,
					 "unknown severity '%s' (known: error, warning, info)",
					 v);
		return 0;
	}
	if (!strcmp(key, "regex")) {
		if (value(y, key, &v))
			return -1;
		why = regex_too_big(v);
		if (why)
			return yerror_at(y, &y->ev.start_mark,
					 "bad regex '%s': %s", v, why);
		ret = regcomp(&e->regex, v, REG_EXTENDED | REG_NOSUB);
		if (ret) {
			char msg[256];

			regerror(ret, &e->regex, msg, sizeof(msg));
			return yerror_at(y, &y->ev.start_mark,
					 "bad regex '%s': %s", v, msg);
		}
		e->has_regex = true;
		return 0;
	}
	return yerror_at(y, &y->ev.start_mark,
			 "unknown key '%s' (known: link, intermittent, since, note, source, test, tool, file, severity, message, regex)",
			 key);
}

/* The keys of an entry, each allowed once */
static const char *const entry_keys[] = {
	"link", "intermittent", "since", "note", "source", "test", "tool",
	"file", "severity", "message", "regex",
};

/* Whether @key was seen in this entry before; it is marked seen. */
static bool key_seen_before(unsigned int *seen, const char *key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(entry_keys); i++) {
		if (strcmp(key, entry_keys[i]))
			continue;
		if (*seen & (1U << i))
			return true;
		*seen |= 1U << i;
		return false;
	}
	return false;
}

/* One entry: a mapping, the event that starts it read already. */
static int read_entry(struct yreader *y, struct known_list *k)
{
	struct known_entry *e;
	yaml_mark_t start = y->ev.start_mark;
	unsigned int seen = 0;
	char *key;
	int ret;

	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return yerror_at(y, &y->ev.start_mark,
				 "expected a known issue (a mapping)");
	ALLOC_GROW(k->e, k->nr + 1, k->alloc);
	e = &k->e[k->nr++];
	memset(e, 0, sizeof(*e));
	e->severity = -1;
	e->line = start.line + 1;
	e->column = start.column + 1;
	for (;;) {
		if (next(y))
			return -1;
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (y->ev.type != YAML_SCALAR_EVENT)
			return yerror_at(y, &y->ev.start_mark,
					 "expected a key");
		/* a second value would quietly win (and leak a regex) */
		if (key_seen_before(&seen, scalar(&y->ev)))
			return yerror_at(y, &y->ev.start_mark,
					 "key '%s' given twice",
					 scalar(&y->ev));
		key = xstrdup(scalar(&y->ev));
		ret = entry_key(y, e, key);
		free(key);
		if (ret)
			return -1;
	}
	if (!e->ref.link)
		e->ref.link = intern("-");
	if (e->test && e->tool)
		return yerror_at(y, &start,
				 "a known issue has 'test' or 'tool', not both");
	if (e->test && !e->source)
		return yerror_at(y, &start, "'test' needs a 'source'");
	if (!e->test && !e->tool)
		return yerror_at(y, &start,
				 "a known issue needs 'source' and 'test', or 'tool'");
	if (e->test && (e->file || e->message || e->has_regex ||
			e->severity >= 0))
		return yerror_at(y, &start,
				 "'file', 'severity', 'message' and 'regex' go with 'tool', not 'test'");
	return 0;
}

static int read_issues(struct yreader *y, struct known_list *k)
{
	if (next(y))
		return -1;
	if (y->ev.type != YAML_SEQUENCE_START_EVENT)
		return yerror_at(y, &y->ev.start_mark,
				 "expected a list of known issues");
	for (;;) {
		if (next(y))
			return -1;
		if (y->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (read_entry(y, k))
			return -1;
	}
}

/* The document: empty, or a mapping with the key "issues". */
static int read_document(struct yreader *y, struct known_list *k)
{
	bool seen = false;

	if (next(y))
		return -1;
	if (y->ev.type == YAML_SCALAR_EVENT && !y->ev.data.scalar.length)
		return next(y);
	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return yerror_at(y, &y->ev.start_mark,
				 "expected a mapping with the key 'issues'");
	for (;;) {
		if (next(y))
			return -1;
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (y->ev.type != YAML_SCALAR_EVENT ||
		    strcmp(scalar(&y->ev), "issues") || seen)
			return yerror_at(y, &y->ev.start_mark,
					 "expected the key 'issues' once, and no other");
		seen = true;
		if (read_issues(y, k))
			return -1;
	}
	return next(y);
}

static int read_all(struct yreader *y, struct known_list *k)
{
	if (next(y) || y->ev.type != YAML_STREAM_START_EVENT)
		return -1;
	if (next(y))
		return -1;
	if (y->ev.type == YAML_STREAM_END_EVENT)
		return 0;
	if (read_document(y, k))
		return -1;
	if (y->ev.type != YAML_DOCUMENT_END_EVENT)
		return yerror_at(y, &y->ev.start_mark, "expected the end");
	if (next(y))
		return -1;
	if (y->ev.type != YAML_STREAM_END_EVENT)
		return yerror_at(y, &y->ev.start_mark,
				 "one YAML document only");
	return 0;
}

/**
 * known_load() - read a known-issues file
 * @k: the entries are appended; known_release() it
 * @path: the YAML file
 *
 * Return: 0, or -1 after an error message "FILE:LINE:COL: what".
 */
int known_load(struct known_list *k, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct yreader y = { .path = path };
	int ret;

	if (strbuf_read_file(&sb, path))
		return -1;
	if (!yaml_parser_initialize(&y.parser))
		die("out of memory initialising libyaml");
	yaml_parser_set_input_string(&y.parser, (const unsigned char *)sb.buf,
				     sb.len);
	ret = read_all(&y, k);
	if (y.have_ev)
		yaml_event_delete(&y.ev);
	yaml_parser_delete(&y.parser);
	strbuf_release(&sb);
	return ret;
}

/**
 * known_release() - free the known issues
 * @k: the list, left empty
 */
void known_release(struct known_list *k)
{
	size_t i;

	for (i = 0; i < k->nr; i++)
		if (k->e[i].has_regex)
			regfree(&k->e[i].regex);
	free(k->e);
	memset(k, 0, sizeof(*k));
}

/**
 * known_entry_matches() - whether a known issue is about an item
 * @e: the known issue
 * @item: a failure or a diagnostic, as RESULTS names it
 *
 * A test entry matches a failure of its source whose name matches its
 * glob; a tool entry matches a diagnostic of its tool whose file matches
 * its glob, whose severity is its severity, and whose message holds its
 * substring and matches its regex (each when given). Globs are
 * fnmatch(3) patterns in which '*' also matches '/'.
 *
 * Return: true when it matches.
 */
bool known_entry_matches(const struct known_entry *e,
			 const struct change *item)
{
	if (e->test)
		return !item->diag && !strcmp(item->source, e->source) &&
		       !fnmatch(e->test, item->name, 0);
	if (!item->diag || strcmp(item->tool, e->tool))
		return false;
	if (e->source && strcmp(item->source, e->source))
		return false;
	if (e->severity >= 0 && (int)item->severity != e->severity)
		return false;
	if (e->file && fnmatch(e->file, item->file, 0))
		return false;
	if (e->message && !strstr(item->message, e->message))
		return false;
	if (e->has_regex && regexec(&e->regex, item->message, 0, NULL, 0))
		return false;
	return true;
}

/**
 * known_matches() - whether any known issue is about an item
 * @k: the known issues, or NULL
 * @item: the item
 *
 * Return: true when one matches.
 */
bool known_matches(const struct known_list *k, const struct change *item)
{
	size_t i;

	for (i = 0; k && i < k->nr; i++)
		if (known_entry_matches(&k->e[i], item))
			return true;
	return false;
}
