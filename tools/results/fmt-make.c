// SPDX-License-Identifier: GPL-2.0
/*
 * make's own lines in a kernel build log: kbuild's progress lines
 * ("  CC      fs/ext4/inode.o"), make[N]: lines, the "***" chain that
 * gives the build verdict, the make command echoed at the top of a CI log,
 * and make's warnings about Makefiles.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"
#include "util.h"

/* A base name that starts with 'M', 'K', 'G' or 'm': is it a Makefile's? */
static __noinline bool is_makefile_base(const char *base, size_t n)
{
#define IS(name) (n == sizeof(name) - 1 && !memcmp(base, name, n))
	return IS("Makefile") || IS("Kbuild") || IS("GNUmakefile") ||
	       IS("makefile") || (n >= 9 && !memcmp(base, "Makefile.", 9));
#undef IS
}

/*
 * Is the file of a line's position, from kbuild_location(), a Makefile?
 * Every diagnostic line asks. Most name the file of a diagnostic before
 * them that was found no Makefile (@kb->plain_file): one comparison tells,
 * and gives kbuild_diag() the interned name and kbuild_base() the base
 * name too.
 */
static inline bool is_makefile(struct kbuild *kb, const struct location *loc)
{
	const char *file = loc->file, *base;
	size_t len = loc->file_len, n;

	if (kb->plain_file && len == kb->plain_len &&
	    !memcmp(file, kb->plain_file, len)) {
		kb->loc_file = kb->plain_file;
		kb->loc_base = file + kb->plain_base;
		return false;
	}
	/* ".mk", or a name starting so */
	if (len >= 3 && !memcmp(file + len - 3, ".mk", 3))
		return true;
	base = kbuild_base(kb, loc);
	n = file + len - base;
	switch (n ? *base : 0) {
	case 'M':
	case 'K':
	case 'G':
	case 'm':
		if (is_makefile_base(base, n))
			return true;
		break;
	}
	kb->loc_plain = true;
	return false;
}

/*
 * A path of the tree's own files tells where the source tree is: the part
 * before them. @mark is what the path must hold ("/scripts/" for the
 * script a CALL line runs, "/scripts/Makefile." for kbuild's rules) or,
 * with @whole, end with ("/Makefile" for the top Makefile).
 */
static void learn_from_path(struct kbuild *kb, const char *path, size_t len,
			    const char *mark, bool whole)
{
	char *p = xstrndup(path, len);
	char *hit = strstr(p, mark);

	if (hit && hit > p && (!whole || !strcmp(hit, mark)))
		kbuild_learn_srctree(kb, p, hit - p);
	free(p);
}

static void learn_arch(struct kbuild *kb, const char *target)
{
	const char *p = skip_prefix(target, "arch/");
	const char *e;
	char *arch;

	if (!p || !(e = strchr(p, '/')) || e == p)
		return;
	arch = xstrndup(p, e - p);
	input_set_label(kb->ctx->in, "arch", arch, false);
	free(arch);
}

/*
 * The source of the unit @obj (@len bytes) that a "CC" line names, "X.c"
 * for "X.o", comes next in its diagnostics (the intern pool) and its
 * CHECK line (the set of checked files), which look it up in tables much
 * larger than the cache when the units are many: fetch its slots ahead.
 */
static void prefetch_source(struct kbuild *kb, const char *obj, size_t len)
{
	char src[256];
	uint64_t h;

	if (len < 3 || len > sizeof(src) || obj[len - 1] != 'o' ||
	    obj[len - 2] != '.')
		return;
	memcpy(src, obj, len - 1);
	src[len - 1] = 'c';
	h = hash_bytes(src, len);
	intern_prefetch(h);
	nameset_prefetch(&kb->ctx->in->checked, h);
}

/**
 * fmt_make_finish() - add the unit that waits (add_unit()), if one does
 * @kb: the log state
 *
 * At the next progress line, and at the end of a log.
 */
void fmt_make_finish(struct kbuild *kb)
{
	if (kb->unit_len)
		nameset_add_hashed(&kb->ctx->in->units, kb->unit,
				   kb->unit_len, kb->unit_hash);
	kb->unit_len = 0;
}

/*
 * Add the unit @name (@len bytes) that a progress line names ("  CC",
 * "  AS"...) to the set of units. Its slot there is most often far from
 * the cache (a large build has many units, a long log builds them
 * again): it is fetched now, and the unit added at the next such line,
 * in the same order. A name longer than the room for it goes in at once.
 */
static void add_unit(struct kbuild *kb, const char *name, size_t len)
{
	struct nameset *units = &kb->ctx->in->units;

	fmt_make_finish(kb);
	if (!len || len > sizeof(kb->unit)) {
		nameset_add_n(units, name, len);
		return;
	}
	memcpy(kb->unit, name, len);
	kb->unit_len = len;
	kb->unit_hash = hash_bytes(name, len);
	nameset_prefetch(units, kb->unit_hash);
}

/*
 * "  CC [M]  drivers/foo.o": two spaces, an upper-case action, a target.
 * fmt_make_line() has seen the two spaces and the upper-case letter.
 */
static __noinline bool progress_line(struct kbuild *kb, const struct line *l)
{
	const char *s = l->s, *action, *p;
	size_t alen, tlen;

	action = s + 2;
	p = action;
	while (is_upper(*p) || is_digit(*p) || *p == '_' || *p == '-')
		p++;
	alen = p - action;
	if (p[0] == ' ' && p[1] == '[' && p[2] == 'M' && p[3] == ']')
		p += 4;
	if (*p != ' ')
		return false;
	p = skip_spaces_n(p, l->len - (p - s));
	/* kbuild pads the action to column 10 */
	if (!*p || alen < 2 || (p - s < 10 && alen < 8))
		return false;

	/* the target ends the line, which holds no NUL */
	tlen = l->len - (p - s);
	if (alen == 5 && !memcmp(action, "CHECK", 5)) {
		/* a checker (sparse) ran over it: coverage, not a build */
		nameset_add_n(&kb->ctx->in->checked, p, tlen);
		return true;
	}
	if (!kb->make_seen)
		kb->make_line = l->nr;
	kb->make_seen = true;
	if ((alen == 2 && !memcmp(action, "CC", 2)) ||
	    (alen == 6 && !memcmp(action, "HOSTCC", 6)) ||
	    (alen == 3 && !memcmp(action, "CXX", 3)) ||
	    (alen == 2 && !memcmp(action, "AS", 2))) {
		add_unit(kb, p, tlen);
		prefetch_source(kb, p, tlen);
		/* learn_arch() learns from "arch/" targets only */
		if (alen == 2 && starts_with(p, "arch/") &&
		    !input_label(kb->ctx->in, "arch"))
			learn_arch(kb, p);
	} else if (alen == 4 && !memcmp(action, "CALL", 4)) {
		learn_from_path(kb, p, strlen(p), "/scripts/", false);
	}
	return true;
}

static void record_failure(struct kbuild *kb, const struct line *l,
			   const char *what, const char *target, size_t tlen)
{
	char *t;

	kb->make_failed = true;
	if (kb->fail_message)
		return;
	kb->fail_message = xstrdup(what);
	kb->fail_line = l->nr;
	while (tlen && is_space(target[tlen - 1]))
		tlen--;
	if (target && tlen) {
		t = xstrndup(target, tlen);
		kb->fail_target = intern(t);
		free(t);
	}
}

/* What follows "make[N]: *** " */
static void star_line(struct kbuild *kb, const struct line *l, const char *s)
{
	const char *p, *colon, *end;

	if (starts_with(s, "Waiting for unfinished jobs"))
		return;
	if (s[0] == '[' && (end = strstr(s, "] Error "))) {
		/* [FILE:LINE: TARGET] Error N */
		p = s + 1;
		colon = strchr(p, ':');
		if (colon && colon < end) {
			const char *file = p;
			size_t flen = colon - p;

			p = strchr(colon + 1, ':');
			p = p && p < end ? skip_spaces(p + 1) : end;
			/*
			 * kbuild's rules, or the top Makefile, whose own
			 * targets are "." and "__sub-make"; a subdirectory's
			 * Makefile (rust/Makefile) says nothing of the tree
			 */
			learn_from_path(kb, file, flen, "/scripts/Makefile.",
					false);
			if ((end - p == 1 && *p == '.') ||
			    (end - p == 10 && !strncmp(p, "__sub-make", 10)))
				learn_from_path(kb, file, flen, "/Makefile",
						true);
		}
		record_failure(kb, l, s, p, end - p);
		return;
	}
	p = skip_prefix(s, "No rule to make target '");
	if (!p)
		p = skip_prefix(s, "No rule to make target `");
	if (p && (end = strchr(p, '\''))) {
		record_failure(kb, l, s, p, end - p);
		return;
	}
	record_failure(kb, l, s, NULL, 0);
}

static bool make_status_line(struct kbuild *kb, const struct line *l)
{
	const char *p = skip_prefix(l->s, "make"), *q;

	if (!p)
		return false;
	if (*p == '[') {
		p = skip_digits(p + 1);
		if (*p != ']')
			return false;
		p++;
	}
	if (*p != ':' || p[1] != ' ')
		return false;
	p += 2;
	if (!kb->make_seen)
		kb->make_line = l->nr;
	kb->make_seen = true;

	if ((q = skip_prefix(p, "Entering directory '"))) {
		const char *e = strrchr(q, '\'');

		if (e)
			kbuild_learn_objtree(kb, q, e - q);
	} else if ((q = skip_prefix(p, "*** "))) {
		star_line(kb, l, q);
	} else if (starts_with(p, "warning: ")) {
		parse_notice(kb->ctx, "build", "make", "%s", p);
	}
	return true;
}

/* Targets that run Kconfig on the .config there is, naming no config */
static bool is_config_tool(const char *t)
{
	static const char *const tools[] = {
		"config", "oldconfig", "olddefconfig", "menuconfig",
		"nconfig", "xconfig", "gconfig", "syncconfig",
		"localmodconfig", "localyesconfig", "listnewconfig",
		"helpnewconfig", "savedefconfig", "mrproper_config",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tools); i++)
		if (!strcmp(t, tools[i]))
			return true;
	return false;
}

static void make_variable(struct kbuild *kb, const char *tok, size_t len)
{
	struct input *in = kb->ctx->in;
	char *t = xstrndup(tok, len);
	const char *v;

	if ((v = skip_prefix(t, "ARCH=")) && *v) {
		input_set_label(in, "arch", v, false);
	} else if ((v = skip_prefix(t, "W=")) && *v) {
		input_set_label(in, "w", v, false);
	} else if ((v = skip_prefix(t, "LLVM=")) && *v && strcmp(v, "0")) {
		kb->clang_evidence += 5;
	} else if ((v = skip_prefix(t, "CC=")) && *v) {
		if (strstr(v, "clang"))
			kb->clang_evidence += 5;
		else if (strstr(v, "gcc"))
			kb->gcc_evidence += 5;
	} else if (!strchr(t, '=') && t[0] != '-' && ends_with(t, "config") &&
		   !is_config_tool(t)) {
		input_set_label(in, "config", t, false);
	}
	free(t);
}

/* "make ARCH=arm64 W=1 defconfig", as a CI log echoes it */
static __noinline bool make_command_line(struct kbuild *kb,
					 const struct line *l)
{
	const char *p = l->s;

	if ((p[0] == '$' || p[0] == '+' || p[0] == '#') && p[1] == ' ')
		p += 2;
	if (!starts_with(p, "make "))
		return false;
	p += 5;
	while (*p) {
		const char *e;

		p = skip_spaces(p);
		e = p;
		while (*e && !is_space(*e))
			e++;
		if (e > p)
			make_variable(kb, p, e - p);
		p = e;
	}
	return true;
}

/* What starts with 'm': "make[1]: ...", "make ARCH=arm64 ..." */
static __noinline bool make_line(struct kbuild *kb, const struct line *l)
{
	return make_status_line(kb, l) || make_command_line(kb, l);
}

/*
 * "Makefile:12: warning: overriding recipe for target 'x'": a line whose
 * position (@loc) is in a Makefile.
 */
static __noinline bool makefile_diag(struct kbuild *kb,
				     const struct location *loc)
{
	enum severity sev;
	const char *msg;
	bool note;

	msg = severity_word(loc->rest, &sev, &note);
	if (!msg)
		return false;
	kbuild_diag(kb, "build", "make", sev, loc, NULL, msg, strlen(msg));
	kbuild_stop_attaching(kb);
	return true;
}

/*
 * A line that may start "FILE:LINE:": the position that the formats after
 * this one read too, and few files are a Makefile.
 */
static __noinline bool makefile_line(struct kbuild *kb, const struct line *l)
{
	const struct location *loc = kbuild_location(kb, l);

	return loc && is_makefile(kb, loc) && makefile_diag(kb, loc);
}

/**
 * fmt_make_line() - read a line that make or kbuild printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is make's.
 */
bool fmt_make_line(struct kbuild *kb, const struct line *l)
{
	/* each a call of its own: no line saves registers it needs not */
	switch (l->s[0]) {
	case ' ':
		/* not a gutter nor a caret line */
		if (l->s[1] != ' ' || !is_upper(l->s[2]))
			return false;
		return progress_line(kb, l);
	case 'm':
		return make_line(kb, l);
	case '$':
	case '+':
	case '#':
		return make_command_line(kb, l);
	default:
		return makefile_line(kb, l);
	}
}
