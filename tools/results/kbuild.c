// SPDX-License-Identifier: GPL-2.0
/*
 * The build kind: a kernel make log. Each line goes to the format of the
 * tool that printed it (make, gcc/clang, kernel-doc); what they share is
 * kept in struct kbuild. At the end of the log, paths are made relative to
 * the source tree, the compiler is decided and make's verdict recorded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kbuild.h"
#include "summary.h"
#include "util.h"

struct kbuild *kbuild_new(struct parse_ctx *ctx)
{
	struct kbuild *kb = xcalloc(1, sizeof(*kb));

	kb->ctx = ctx;
	/* RESULTS shows no context: when folding, none is kept */
	kb->keep_context = !ctx->res->fold;
	kb->last = NO_DIAG;
	kb->cc_tool = intern("cc");
	strbuf_init(&kb->pending);
	return kb;
}

void kbuild_free(struct kbuild *kb)
{
	if (!kb)
		return;
	free(kb->srctree);
	free(kb->objtree);
	free(kb->fail_message);
	strbuf_release(&kb->pending);
	free(kb);
}

/*
 * parse_ulong() of a line or column number: up to 18 digits cannot
 * overflow, and need no test for it at each digit; a longer number is
 * read again by parse_ulong().
 */
static inline bool position_number(const char *s, const char **end,
				   unsigned long *val)
{
	/* one test a digit: a byte below '0' wraps around */
	unsigned long v = (unsigned long)(unsigned char)*s - '0', d;
	const char *p = s + 1;

	if (v > 9)
		return false;
	while ((d = (unsigned long)(unsigned char)*p - '0') <= 9) {
		v = v * 10 + d;
		p++;
	}
	if (p - s > 18)
		return parse_ulong(s, end, val);
	*end = p;
	*val = v;
	return true;
}

/*
 * The rest of location_parse(), from the ':' after the file name. @loc is
 * left set in part when there is no position.
 */
static bool location_from(const char *s, const char *p, struct location *loc)
{
	const char *q;

	loc->file = s;
	loc->file_len = p - s;
	loc->column = 0;
	if (!position_number(p + 1, &q, &loc->line))
		return false;
	if (*q == ':' && is_digit(q[1]) &&
	    !position_number(q + 1, &q, &loc->column))
		return false;
	if (*q != ':' || !loc->file_len)
		return false;
	q++;
	if (*q == ' ')
		q++;
	loc->rest = q;
	return true;
}

/**
 * location_parse() - read "FILE:LINE:" or "FILE:LINE:COL:" at a line start
 * @s: the line
 * @loc: the position found
 *
 * The file name has no spaces and does not start with a space. The colon
 * after the last number may be followed by a space or not (Kconfig).
 *
 * Return: true when @s starts with a position.
 */
bool location_parse(const char *s, struct location *loc)
{
	const char *p = s;

	if (!*s || is_space(*s))
		return false;
	/* the first ':' that a digit follows, with no blank before it */
	for (;; p++) {
		p += strcspn(p, " :");
		if (*p != ':')
			return false;
		if (is_digit(p[1]))
			break;
	}
	return location_from(s, p, loc);
}

/* Make the interned @s, of @n bytes, not the last one, the last one */
static void recent_push(struct recent *rc, const char *s, size_t n)
{
	rc->s[1] = rc->s[0];
	rc->len[1] = rc->len[0];
	rc->s[0] = s;
	rc->len[0] = n;
}

/* recent_intern() of a name that is not the last one */
const char *recent_intern_older(struct recent *rc, const char *s, size_t n)
{
	const char *hit;

	if (rc->s[1] && rc->len[1] == n && !memcmp(rc->s[1], s, n))
		hit = rc->s[1];
	else
		hit = intern_n(s, n);
	recent_push(rc, hit, n);
	return hit;
}

/* kbuild_location()'s work for a line it has not seen */
void kbuild_locate(struct kbuild *kb, const struct line *l)
{
	kb->loc_line = l->s;
	kb->loc_nr = l->nr;
	/* nothing is known yet of the line */
	kb->loc_base = NULL;
	kb->loc_doc = NULL;
	kb->loc_file = NULL;
	kb->loc_plain = false;
	/*
	 * location_parse() turns a line away, @kb->loc untouched, when no
	 * ':' comes before its first blank.
	 */
	if (!l->colon || (l->space && l->space < l->colon))
		kb->loc_ok = false;
	else if (is_digit(l->colon[1]) && !is_space(l->s[0]))
		/* the first ':' ends the file name: no search */
		kb->loc_ok = location_from(l->s, l->colon, &kb->loc);
	else
		kb->loc_ok = location_parse(l->s, &kb->loc);
}

/**
 * severity_word() - read the severity after a position
 * @s: text such as "warning: unused variable"
 * @sev: the severity read
 * @note: set when it is a note, which continues another diagnostic
 *
 * Return: the message after the word, or NULL when there is none.
 */
const char *severity_word(const char *s, enum severity *sev, bool *note)
{
	enum severity v = SEV_INFO;
	const char *rest = NULL;

	/* the words start with different letters: one test each */
	switch (*s) {
	case 'w':
		v = SEV_WARNING;
		rest = skip_prefix(s, "warning: ");
		break;
	case 'e':
		v = SEV_ERROR;
		rest = skip_prefix(s, "error: ");
		break;
	case 'f':
		v = SEV_ERROR;
		rest = skip_prefix(s, "fatal error: ");
		break;
	case 'n':
		rest = skip_prefix(s, "note: ");
		break;
	case 'r':
		rest = skip_prefix(s, "remark: ");
		break;
	case 'i':
		rest = skip_prefix(s, "info: ");
		break;
	}
	if (rest) {
		*sev = v;
		*note = *s == 'n';
	}
	return rest;
}

/*
 * plain_quotes_to(), and whether the text held U+2018 or U+2019 (@single).
 * The text is copied whole and looked at from its first 0xe2 byte on:
 * each 0xe2 byte is read, then the bytes up to the next one are moved
 * eight at a time. A word is stored whole while eight bytes of the text
 * are left, so @out needs no more room.
 */
static inline char *quotes_to(char *out, const char *s, size_t len,
			      bool *single)
{
	const char *end = s + len, *q;
	char *d;

	*single = false;
	/* most texts hold no 0xe2 byte: two calls */
	memcpy(out, s, len);
	out[len] = '\0';
	q = memchr(s, 0xe2, len);
	if (!q)
		return out;
	d = out + (q - s);
	s = q;
	for (;;) {
		/* @s is at a 0xe2 byte: U+2018/U+2019, U+201C/U+201D, other */
		unsigned char c = end - s > 2 && (unsigned char)s[1] == 0x80 ?
				  s[2] : 0;

		if (c == 0x98 || c == 0x99) {
			*d++ = '\'';
			*single = true;
			s += 3;
		} else if (c == 0x9c || c == 0x9d) {
			*d++ = '"';
			s += 3;
		} else {
			*d++ = *s++;
		}
		/* the bytes up to the next 0xe2 byte, or to the end */
		for (;;) {
			uint64_t w, hit;

			if (end - s < 8) {
				while (s < end && (unsigned char)*s != 0xe2)
					*d++ = *s++;
				if (s == end) {
					*d = '\0';
					return out;
				}
				break;
			}
			memcpy(&w, s, 8);
			memcpy(d, &w, 8);
			hit = swar_equal_exact(w, 0xe2);
			if (hit) {
				s += swar_first(hit);
				d += swar_first(hit);
				break;
			}
			s += 8;
			d += 8;
		}
	}
}

/**
 * plain_quotes_to() - copy text with typographic quotes made ASCII
 * @out: where to, room for @len + 1 bytes
 * @s: the text
 * @len: its length
 *
 * gcc quotes with U+2018/U+2019 in a UTF-8 locale and with ' otherwise;
 * both must give the same identity.
 *
 * Return: @out, NUL-terminated.
 */
char *plain_quotes_to(char *out, const char *s, size_t len)
{
	bool single;

	return quotes_to(out, s, len, &single);
}

/*
 * The unit that a header's diagnostic was compiled in, from the context
 * lines before it: the last of gcc's chain "In file included from A:1,"
 * / "                 from B.c:2:", or the file of sparse's
 * "B.c: note: in included file (through A):". Interned through @rc (a
 * unit's own diagnostics name it too), or NULL.
 */
static const char *outer_includer(struct recent *rc, const char *s,
				  size_t len)
{
	const char *end = s + len, *unit = NULL, *p, *e;
	size_t ulen = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', end - s);

		e = nl ? nl : end;
		p = s;
		if (e - p > 22 && !memcmp(p, "In file included from ", 22)) {
			p += 22;
		} else {
			while (p < e && *p == ' ')
				p++;
			if (p > s && e - p > 5 && !memcmp(p, "from ", 5))
				p += 5;
			else
				p = NULL;
		}
		if (p) {
			/* "PATH:LINE[:COL][,:]" */
			const char *c = memchr(p, ':', e - p);

			if (c && c > p) {
				unit = p;
				ulen = c - p;
			}
		} else if ((p = memmem(s, e - s, ": note: in included file",
				       24)) && !memchr(s, ' ', p - s)) {
			unit = s;
			ulen = p - s;
		}
		s = nl ? nl + 1 : end;
	}
	return unit ? recent_intern(rc, unit, ulen) : NULL;
}

/*
 * The interned file of a diagnostic at @loc: recent_intern()'s, or the
 * one fmt_make_line() found the line to name (@kb->loc_file), made the
 * last one as recent_intern() would. A file that fmt_make_line() found no
 * Makefile is remembered for it (@kb->plain_file).
 */
static inline const char *diag_file(struct kbuild *kb,
				    const struct location *loc)
{
	bool here = loc == &kb->loc;
	const char *file;

	if (here && kb->loc_file) {
		file = kb->loc_file;
		if (file != kb->recent_file.s[0])
			recent_push(&kb->recent_file, file, loc->file_len);
		return file;
	}
	file = recent_intern(&kb->recent_file, loc->file, loc->file_len);
	if (here && kb->loc_plain) {
		kb->plain_file = file;
		kb->plain_len = loc->file_len;
		kb->plain_base = kbuild_base(kb, loc) - loc->file;
	}
	return file;
}

/* The context lines read before a new diagnostic @r, handed to it */
static __noinline void take_pending(struct kbuild *kb, struct record *r)
{
	if (kb->header_diag)
		r->includer = outer_includer(&kb->recent_file,
					     kb->pending.buf, kb->pending.len);
	if (kb->keep_context)
		r->context = strbuf_detach(&kb->pending);
	if (kb->pending.len)
		strbuf_reset(&kb->pending);
}

/**
 * kbuild_diag() - record a diagnostic and start collecting its context
 * @kb: the log state
 * @source: the kind it belongs to: a literal or an interned string
 * @tool: the tool that printed it: a literal or an interned string
 * @sev: its severity
 * @loc: where it points, or NULL
 * @category: -Wflag, check name...; NULL for none
 * @msg: the message
 * @msg_len: its length
 *
 * Context lines read before it (In file included from, In function) are
 * attached to it. Typographic quotes in the message become ASCII ones;
 * @kb->quoted tells whether it held U+2018 or U+2019.
 *
 * Return: the new record, valid until the next record is added.
 */
struct record *kbuild_diag(struct kbuild *kb, const char *source,
			   const char *tool, enum severity sev,
			   const struct location *loc, const char *category,
			   const char *msg, size_t msg_len)
{
	struct parse_ctx *ctx = kb->ctx;
	struct record *r;

	/* the diagnostic before it is complete */
	kbuild_stop_attaching(kb);
	/* the same literals as the last one's, most often: no lookup */
	if (source != kb->diag_source) {
		kb->diag_source = source;
		kb->diag_source_in = intern_static(source);
	}
	r = results_add_interned(ctx->res, REC_DIAG, kb->diag_source_in,
				 ctx->in, ctx->line);
	/* the compiler's placeholder, interned, is most of them */
	if (tool == kb->cc_tool) {
		r->tool = tool;
	} else {
		if (tool != kb->diag_tool) {
			kb->diag_tool = tool;
			kb->diag_tool_in = intern_static(tool);
		}
		r->tool = kb->diag_tool_in;
	}
	r->severity = sev;
	if (loc) {
		r->file = diag_file(kb, loc);
		r->line = loc->line;
		r->column = loc->column;
	}
	/* the flag fmt-cc.c has just interned through the same names */
	if (category && category == kb->recent_category.s[0])
		r->category = category;
	else if (category)
		r->category = recent_intern(&kb->recent_category, category,
					    strlen(category));
	/* the record's text lives with the records: no malloc each */
	r->message = quotes_to(results_alloc(ctx->res, msg_len + 1), msg,
			       msg_len, &kb->quoted);
	r->message_pooled = true;
	/* @r->file is the @loc->file_len bytes: a log line holds no NUL */
	kb->header_diag = loc && ends_with_n(loc->file, loc->file_len, ".h");
	if (kb->pending.len)
		take_pending(kb, r);
	ctx->open_records++;
	kb->last = ctx->res->nr - 1;
	kb->had_excerpt = false;
	kb->gcc_quotes = false;
	kb->trailing = 0;
	kb->excerpt_due = true;
	return r;
}

/* kbuild_attach()'s copy of a context line into the open record */
void kbuild_keep_context(struct kbuild *kb, const char *s, size_t len)
{
	struct record *r = kbuild_last(kb);
	struct strbuf sb = STRBUF_INIT;

	if (r->context) {
		strbuf_addstr(&sb, r->context);
		strbuf_addch(&sb, '\n');
		free(r->context);
	}
	strbuf_add(&sb, s, len);
	r->context = strbuf_detach(&sb);
}

/**
 * kbuild_add_pending() - keep a context line for the next diagnostic
 * @kb: the log state
 * @s: the line
 * @len: its length
 */
void kbuild_add_pending(struct kbuild *kb, const char *s, size_t len)
{
	kbuild_stop_attaching(kb);
	if (kb->pending.len)
		strbuf_addch(&kb->pending, '\n');
	strbuf_add(&kb->pending, s, len);
}

/* A line that is no context: the open diagnostic is complete. */
void kbuild_stop_attaching(struct kbuild *kb)
{
	if (kb->last != NO_DIAG) {
		kb->ctx->open_records--;
		fmt_cc_close(kb, &kb->ctx->res->rec[kb->last]);
	}
	kb->last = NO_DIAG;
	kb->excerpt_due = false;
	kb->trailing = 0;
}

void kbuild_learn_srctree(struct kbuild *kb, const char *dir, size_t len)
{
	if (kb->srctree)
		return;
	while (len > 1 && dir[len - 1] == '/')
		len--;
	kb->srctree = xstrndup(dir, len);
}

void kbuild_learn_objtree(struct kbuild *kb, const char *dir, size_t len)
{
	if (kb->objtree)
		return;
	while (len > 1 && dir[len - 1] == '/')
		len--;
	kb->objtree = xstrndup(dir, len);
}

/**
 * kbuild_tool_version() - note a tool version a banner revealed
 * @kb: the log state
 * @tool: "gcc", "clang", ...
 * @version: the version text
 * @len: its length
 */
void kbuild_tool_version(struct kbuild *kb, const char *tool,
			 const char *version, size_t len)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s %.*s", tool, (int)len, version);
	nameset_add(&kb->ctx->in->tools, sb.buf);
	strbuf_release(&sb);
}

/**
 * path_clean() - lexically tidy a path
 * @path: the path
 *
 * Drops "." components and empty ones, and resolves "dir/.." pairs; a
 * leading ".." of a relative path stays.
 *
 * Return: a malloc'd path.
 */
char *path_clean(const char *path)
{
	size_t n = strlen(path), depth = 0, i, len = 0;
	const char **comp = xmalloc((n / 2 + 1) * sizeof(*comp));
	size_t *clen = xmalloc((n / 2 + 1) * sizeof(*clen));
	bool abs = path[0] == '/';
	const char *p = path;
	char *out = xmalloc(n + 3);

	while (*p) {
		const char *e = strchrnul(p, '/');
		size_t l = e - p;

		if (!l || (l == 1 && p[0] == '.')) {
			/* nothing */
		} else if (l == 2 && !memcmp(p, "..", 2)) {
			if (depth && !(clen[depth - 1] == 2 &&
				       !memcmp(comp[depth - 1], "..", 2)))
				depth--;
			else if (!abs) {
				comp[depth] = p;
				clen[depth++] = l;
			}
		} else {
			comp[depth] = p;
			clen[depth++] = l;
		}
		p = *e ? e + 1 : e;
	}
	if (abs)
		out[len++] = '/';
	for (i = 0; i < depth; i++) {
		if (i)
			out[len++] = '/';
		memcpy(out + len, comp[i], clen[i]);
		len += clen[i];
	}
	if (!len)
		out[len++] = '.';
	out[len] = '\0';
	free(comp);
	free(clen);
	return out;
}

static const char *under(const char *path, const char *dir)
{
	size_t n;

	if (!dir || !*dir || !strcmp(dir, "."))
		return NULL;
	n = strlen(dir);
	if (!strncmp(path, dir, n) && path[n] == '/')
		return path + n + 1;
	return NULL;
}

/**
 * tree_relative() - a path as the kernel tree names it
 * @path: a path from the log: relative to make's directory, "./", "../"
 *	  or absolute
 * @srctree: the source tree, or NULL when unknown
 * @objtree: the build directory (make's directory), or NULL
 *
 * Return: a malloc'd path relative to @srctree (or to @objtree for files
 * generated there), or the cleaned @path when neither contains it.
 */
char *tree_relative(const char *path, const char *srctree,
		    const char *objtree)
{
	char *clean = path_clean(path);
	char *src = srctree ? path_clean(srctree) : NULL;
	char *obj = objtree ? path_clean(objtree) : NULL;
	const char *rel;
	char *out = NULL;

	if (clean[0] != '/' && obj && strcmp(obj, ".")) {
		char *joined = xmalloc(strlen(obj) + strlen(clean) + 2);

		sprintf(joined, "%s/%s", obj, clean);
		free(clean);
		clean = path_clean(joined);
		free(joined);
		rel = under(clean, src);
		if (!rel)
			rel = under(clean, obj);
		if (rel) {
			out = xstrdup(rel);
			goto done;
		}
		/* not below either tree: keep it as the log gave it */
		free(clean);
		clean = path_clean(path);
	}
	rel = under(clean, src);
	if (!rel)
		rel = under(clean, obj);
	out = xstrdup(rel ? rel : clean);
done:
	free(clean);
	free(src);
	free(obj);
	return out;
}

static bool is_file(const char *dir, const char *name, bool want_dir)
{
	struct stat st;
	char *p = xmalloc(strlen(dir) + strlen(name) + 2);
	bool ok;

	sprintf(p, "%s/%s", dir, name);
	ok = !stat(p, &st) && (want_dir ? S_ISDIR(st.st_mode) :
			       S_ISREG(st.st_mode));
	free(p);
	return ok;
}

/*
 * The tree an absolute path lies in, found on disk: the nearest directory
 * above it that holds a Makefile, a Kconfig and scripts/.
 */
static char *tree_on_disk(const char *path)
{
	char *dir = xstrdup(path);
	char *slash;

	while ((slash = strrchr(dir, '/')) && slash != dir) {
		*slash = '\0';
		if (is_file(dir, "Makefile", false) &&
		    is_file(dir, "Kconfig", false) &&
		    is_file(dir, "scripts", true))
			return dir;
	}
	free(dir);
	return NULL;
}

/* A map from an interned path to its interned tree-relative form. */
struct path_map {
	const char **from, **to;
	size_t nr, size;
};

static size_t path_slot(const struct path_map *m, const char *from)
{
	size_t j = ((uintptr_t)from >> 4) * 0x9e3779b97f4a7c15ULL >> 20;

	j &= m->size - 1;
	while (m->from[j] && m->from[j] != from)
		j = (j + 1) & (m->size - 1);
	return j;
}

static void path_map_grow(struct path_map *m)
{
	struct path_map old = *m;
	size_t i;

	m->size = m->size ? m->size * 2 : 256;
	m->from = xcalloc(m->size, sizeof(*m->from));
	m->to = xcalloc(m->size, sizeof(*m->to));
	for (i = 0; i < old.size; i++) {
		size_t j;

		if (!old.from[i])
			continue;
		j = path_slot(m, old.from[i]);
		m->from[j] = old.from[i];
		m->to[j] = old.to[i];
	}
	free(old.from);
	free(old.to);
}

struct relativiser {
	struct kbuild *kb;
	const char *src, *obj;
	char *src_clean, *obj_clean;	/* path_clean() of @src and @obj */
	char *disk;			/* the tree found on disk, if any */
	struct path_map map;
};

/* Take @src as the source tree: a new one found on disk. */
static void relativiser_set_src(struct relativiser *rv, const char *src)
{
	rv->src = src;
	free(rv->src_clean);
	rv->src_clean = src ? path_clean(src) : NULL;
}

/* Is @p relative, and path_clean() of it @p itself? */
static bool clean_relative(const char *p)
{
	if (!*p || *p == '/')
		return false;
	for (;;) {
		const char *e = strchrnul(p, '/');
		size_t l = e - p;

		if (!l || (p[0] == '.' && (l == 1 || (l == 2 && p[1] == '.'))))
			return false;
		if (!*e)
			return true;
		p = e + 1;
	}
}

/*
 * tree_relative() of an interned @raw that needs no cleaning when make's
 * directory is the tree's, or NULL when it needs the whole of it: kbuild
 * prints most paths so, and this saves copying each.
 */
static const char *relative_fast(const struct relativiser *rv,
				 const char *raw)
{
	const char *rel;

	if (rv->obj_clean && strcmp(rv->obj_clean, "."))
		return NULL;
	if (!clean_relative(raw))
		return NULL;
	rel = under(raw, rv->src_clean);
	if (!rel)
		rel = under(raw, rv->obj_clean);
	return rel ? intern(rel) : raw;
}

/*
 * @raw, interned, made relative to the tree, computed once per distinct
 * path.
 */
static const char *relative(struct relativiser *rv, const char *raw)
{
	struct path_map *map = &rv->map;
	size_t j;
	char *rel;

	if ((map->nr + 1) * 2 > map->size)
		path_map_grow(map);
	j = path_slot(map, raw);
	if (map->from[j])
		return map->to[j];
	map->from[j] = raw;
	map->nr++;
	map->to[j] = relative_fast(rv, raw);
	if (map->to[j])
		return map->to[j];
	rel = tree_relative(raw, rv->src, rv->obj);
	if (rel[0] == '/' && !rv->disk && (rv->disk = tree_on_disk(rel))) {
		relativiser_set_src(rv, rv->disk);
		free(rel);
		rel = tree_relative(raw, rv->src, rv->obj);
	}
	map->to[j] = intern(rel);
	free(rel);
	return map->to[j];
}

/* A coverage set with its names made tree-relative. */
static void relative_names(struct relativiser *rv, struct nameset *set)
{
	struct nameset rel = { 0 };
	size_t i;

	for (i = 0; i < set->nr; i++)
		if (set->name[i][0] == '/' || starts_with(set->name[i], "./") ||
		    starts_with(set->name[i], "../"))
			break;
	if (i == set->nr)
		return;	/* relative already, as kbuild prints them */
	for (i = 0; i < set->nr; i++)
		nameset_add(&rel, relative(rv, intern(set->name[i])));
	nameset_release(set);
	*set = rel;
}

/* A header group's including units made tree-relative. */
static void relative_includers(struct relativiser *rv, struct diag_group *g)
{
	struct nameset *old = g->inc;
	size_t i;

	g->inc = NULL;
	for (i = 0; i < old->nr; i++)
		diag_add_includer(g, token_interned(relative(rv,
							     old->name[i])));
	nameset_release(old);
	free(old);
}

/*
 * Make every diagnostic's file relative to the tree, once per distinct
 * file (a log repeats the same header warning thousands of times): the
 * records still held, and the groups already folded.
 */
static void relativise(struct kbuild *kb)
{
	struct parse_ctx *ctx = kb->ctx;
	struct relativiser rv = { .kb = kb };
	const char *none = intern("-");
	size_t i;

	rv.src = ctx->opt && ctx->opt->srctree ? ctx->opt->srctree :
		 kb->srctree;
	rv.obj = ctx->opt && ctx->opt->objtree ? ctx->opt->objtree :
		 kb->objtree;
	if (!rv.src && rv.obj)
		rv.src = rv.obj;	/* no sign of O=: an in-tree build */
	relativiser_set_src(&rv, rv.src);
	rv.obj_clean = rv.obj ? path_clean(rv.obj) : NULL;
	for (i = ctx->in->first_rec; i < ctx->res->nr; i++) {
		struct record *r = &ctx->res->rec[i];

		if (r->type == REC_DIAG && r->file)
			r->file = relative(&rv, r->file);
		if (r->type == REC_DIAG && r->includer)
			r->includer = relative(&rv, r->includer);
	}
	if (ctx->acc) {
		for (i = 0; i < ctx->acc->nr_diag; i++) {
			struct diag_group *g = &ctx->acc->diag[i];
			const char *f;

			/* a group's file is a token: the same path is too */
			if (g->file != none &&
			    (f = relative(&rv, g->file)) != g->file)
				g->file = token_interned(f);
			if (g->inc)
				relative_includers(&rv, g);
		}
		summary_reindex(ctx->acc);
	}
	/* the coverage names too: "  CHECK   /srv/linux/fs/x.c" */
	relative_names(&rv, &ctx->in->units);
	relative_names(&rv, &ctx->in->checked);
	free(rv.map.from);
	free(rv.map.to);
	free(rv.src_clean);
	free(rv.obj_clean);
	free(rv.disk);
}

static void record_build(struct kbuild *kb)
{
	struct parse_ctx *ctx = kb->ctx;
	struct record *r;

	if (!kb->make_seen)
		return;
	r = results_add(ctx->res, REC_BUILD, "build", ctx->in,
			kb->make_failed ? kb->fail_line : kb->make_line);
	r->tool = intern("make");
	r->failed = kb->make_failed;
	r->target = kb->fail_target;
	if (kb->fail_message)
		r->message = xstrdup(kb->fail_message);
}

static int build_probe(const char *head, size_t len)
{
	const char *end = head + len;
	int score = 1;

	(void)end;
	if (memmem(head, len, "\n  CC      ", 11) ||
	    memmem(head, len, "make[", 5))
		score = 10;
	else if (memmem(head, len, ": warning: ", 11) ||
		 memmem(head, len, ": error: ", 9))
		score = 5;
	return score;
}

/*
 * Diagnostic lines with no severity word that a later issue gives a
 * format of their own: GNU ld's "x.c:(.text+0x1a4): undefined reference
 * to `f'", and rustc's "error[E0425]: ..." headers.
 */
static bool unknown_form(struct kbuild *kb, const struct line *l)
{
	static const char *const ld_errors[] = {
		": undefined reference to ", ": multiple definition of ",
		": relocation truncated to fit: ",
	};
	const char *s = l->s, *end = s + l->len, *c;
	size_t i;

	/* each starts with a ':': only the line's ':' are looked at */
	for (c = l->colon; c; c = memchr(c + 1, ':', end - c - 1)) {
		for (i = 0; i < ARRAY_SIZE(ld_errors); i++) {
			if (!starts_with(c, ld_errors[i]))
				continue;
			kbuild_diag(kb, "build", "unknown", SEV_ERROR, NULL,
				    NULL, s, l->len);
			kbuild_stop_attaching(kb);
			return true;
		}
	}
	if ((starts_with(s, "error[E") || starts_with(s, "warning[")) &&
	    strstr(s, "]: ")) {
		/* the "  --> file:line:col" line that follows is context */
		kbuild_diag(kb, "build", "unknown",
			    s[0] == 'e' ? SEV_ERROR : SEV_WARNING, NULL, NULL,
			    s, l->len);
		kb->excerpt_due = false;
		return true;
	}
	return false;
}

/*
 * rustc's closing lines count what it reported: "error: aborting due to
 * 2 previous errors", "warning: 3 warnings emitted".
 */
static bool rustc_summary(const char *s)
{
	return starts_with(s, "error: aborting due to ") ||
	       (starts_with(s, "warning: ") && ends_with(s, " emitted"));
}

/*
 * The first severity word of @l that a ':' ends ("warning:", "ERROR:",
 * ...), as the earliest of the words found anywhere in it: a word holds
 * no ':', so the one that ends at the first ':' that ends one starts
 * first. Only the ':' are visited. Return: the word, or NULL.
 */
static const char *unknown_word(const struct line *l, enum severity *sev)
{
	static const struct {
		const char *word;
		size_t len;
		enum severity sev;
	} words[] = {
		{ "warning", 7, SEV_WARNING }, { "error", 5, SEV_ERROR },
		{ "WARNING", 7, SEV_WARNING }, { "ERROR", 5, SEV_ERROR },
		{ "FATAL", 5, SEV_ERROR }, { "Warning", 7, SEV_WARNING },
		{ "Error", 5, SEV_ERROR },
	};
	const char *s = l->s, *end = s + l->len, *c;
	size_t i;

	for (c = l->colon; c; c = memchr(c + 1, ':', end - c - 1)) {
		for (i = 0; i < ARRAY_SIZE(words); i++) {
			size_t n = words[i].len;

			if ((size_t)(c - s) >= n &&
			    !memcmp(c - n, words[i].word, n)) {
				*sev = words[i].sev;
				return c - n;
			}
		}
	}
	return NULL;
}

/*
 * A line shaped like a diagnostic that no format knows: "TOOL: warning:
 * ...", "WARNING: modpost: ...", "x.o: warning: objtool: ...". It is kept
 * with tool "unknown" rather than dropped.
 */
static bool unknown_line(struct kbuild *kb, const struct line *l)
{
	const char *s = l->s, *hit;
	enum severity sev = SEV_WARNING;
	size_t i;

	if (!*s || is_space(*s))
		return false;
	if (rustc_summary(s)) {
		kbuild_stop_attaching(kb);
		return true;
	}
	hit = unknown_word(l, &sev);
	if (!hit)
		return unknown_form(kb, l);
	/* before the word: "name: name: " tokens only */
	for (i = 0; s + i < hit; i++)
		if (s[i] == ' ' && (i == 0 || s[i - 1] != ':'))
			return false;
	if (hit > s && hit[-1] != ' ')
		return false;
	/* "/usr/bin/ld: warning: ..." names the tool by its base name */
	if (s[0] == '/')
		s = (const char *)memrchr(s, '/', strchr(s, ':') - s) + 1;
	kbuild_diag(kb, "build", "unknown", sev, NULL, NULL, s,
		    l->len - (s - l->s));
	/*
	 * Nothing known follows an unknown tool's line, but for a header in
	 * rustc's shape ("warning: ..." at the start of the line), whose
	 * position comes on the next line (fmt-rust.c).
	 */
	if (hit == l->s)
		kb->excerpt_due = false;
	else
		kbuild_stop_attaching(kb);
	return true;
}

/*
 * The formats of a make log after make's own, in the order a line is
 * offered to them: the more specific first, the catch-all last. Adding a
 * tool's format is one file and one line here.
 */
static bool (*const formats[])(struct kbuild *kb, const struct line *l) = {
	fmt_cc_line,
	fmt_kconfig_line,
	fmt_kerneldoc_line,
	fmt_modpost_line,
	fmt_objtool_line,
	fmt_ld_line,
	fmt_sphinx_line,
	fmt_smatch_line,
	fmt_rust_line,
	unknown_line,
};

static bool build_line(struct parse_ctx *ctx, void *priv,
		       const struct line *l)
{
	struct kbuild *kb = ctx->kb;
	size_t i;

	(void)priv;
	/*
	 * gcc's excerpt lines first, among the lines with a blank first that
	 * fmt_make_line() turns away: all but "  X", X upper-case.
	 */
	if (l->s[0] == ' ' && (l->s[1] != ' ' || !is_upper(l->s[2])) &&
	    fmt_cc_excerpt(kb, l))
		return true;
	if (fmt_make_line(kb, l)) {
		kbuild_stop_attaching(kb);
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(formats); i++)
		if (formats[i](kb, l))
			return true;
	/*
	 * The line right after a diagnostic that no format claims is its
	 * source excerpt (clang prints it with no gutter; kernel-doc quotes
	 * the comment); indented lines after that are carets and fix-its.
	 */
	if (l->len && kbuild_last(kb) &&
	    (kb->excerpt_due || (is_space(l->s[0]) && kb->trailing < 8))) {
		/* a bare excerpt line, no gutter: clang's habit */
		if (kb->excerpt_due && kbuild_last(kb)->tool == kb->cc_tool &&
		    kbuild_last(kb)->category)
			kb->clang_evidence++;
		kb->had_excerpt = true;
		kbuild_attach(kb, l->s, l->len);
		return true;
	}
	kbuild_stop_attaching(kb);
	return false;
}

static int build_end(struct parse_ctx *ctx, void *priv)
{
	struct kbuild *kb = ctx->kb;

	kbuild_stop_attaching(kb);
	(void)priv;
	fmt_make_finish(kb);
	fmt_cc_finish(kb);
	relativise(kb);
	record_build(kb);
	return 0;
}

const struct parser parser_build = {
	.name = "build",
	.probe = build_probe,
	.line = build_line,
	.end = build_end,
};
