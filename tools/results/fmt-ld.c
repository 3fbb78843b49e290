// SPDX-License-Identifier: GPL-2.0
/*
 * The linkers, GNU ld and ld.lld, in a kernel build log.
 *
 *   ld: drivers/widget/wdg-core.o: in function `wdg_probe':
 *   wdg-core.c:(.text+0x1a4): undefined reference to `wdg_hw_init'
 *   b.c:(.text+0x0): multiple definition of `dup'; a.o:a.c:(.text+0x10): first defined here
 *   ld: warning: orphan section `.foo' from `x.o' being placed in section `.foo'
 *   ld.lld: error: undefined symbol: wdg_hw_init
 *   >>> referenced by wdg-core.c:142 (drivers/widget/wdg-core.c:142)
 *
 * The prefix is the linker's name as invoked (aarch64-linux-gnu-ld,
 * /usr/bin/ld, ld.lld). An undefined reference belongs to the object
 * named by the "in function" line before it; the source name ld prints
 * (the unit's name as compiled, often only its base name) is used when
 * that object is vmlinux.o or an archive.
 */
#include <stdlib.h>
#include <string.h>

#include "kbuild.h"

/* "ld", "ld.bfd", "ld.gold", "ld.lld", "aarch64-linux-gnu-ld", "/usr/bin/ld" */
static bool is_linker(const char *s, size_t len)
{
	const char *base = s, *p;
	size_t n;

	for (p = s; p < s + len; p++)
		if (*p == '/')
			base = p + 1;
	n = s + len - base;
	if (n >= 2 && !memcmp(base + n - 2, "ld", 2) &&
	    (n == 2 || base[n - 3] == '-'))
		return true;
	return (n >= 6 && !memcmp(base + n - 6, "ld.bfd", 6)) ||
	       (n >= 7 && !memcmp(base + n - 7, "ld.gold", 7)) ||
	       (n >= 6 && !memcmp(base + n - 6, "ld.lld", 6));
}

/* The object of the last "ld: OBJ: in function" line, kept as context */
static char *object_from_context(struct kbuild *kb)
{
	const char *ctx = kb->pending.buf, *p, *e;

	p = strstr(ctx, ": ");
	if (!p)
		return NULL;
	p += 2;
	e = strstr(p, ": in function ");
	if (!e)
		e = strstr(p, ": in ");
	return e ? xstrndup(p, e - p) : NULL;
}

/*
 * Is there a ": " with the first letter of a reference_line() kind after
 * it? Few lines hold one: the others are turned away with no search for
 * each kind.
 */
static bool kind_after_colon(const struct line *l)
{
	const char *p = l->colon, *end = l->s + l->len;

	for (; p; p = memchr(p + 1, ':', end - p - 1))
		if (p[1] == ' ' && (p[2] == 'u' || p[2] == 'm' || p[2] == 'r'))
			return true;
	return false;
}

/* "SRC:(.text+0x1a4): undefined reference to `sym'" and its kin */
static bool reference_line(struct kbuild *kb, const struct line *l)
{
	static const char *const kinds[] = {
		"undefined reference to ", "multiple definition of ",
		"relocation truncated to fit: ",
	};
	struct location loc = { 0 };
	const char *msg = NULL, *semi;
	char *obj;
	size_t i;

	/* each of them comes after a ':' */
	if (is_space(l->s[0]) || !l->colon || !kind_after_colon(l))
		return false;
	for (i = 0; i < ARRAY_SIZE(kinds) && !msg; i++) {
		const char *p = strstr(l->s, kinds[i]);

		if (p && p - l->s > 2 && p[-1] == ' ' && p[-2] == ':')
			msg = p;
	}
	if (!msg)
		return false;
	obj = kb->pending.len ? object_from_context(kb) : NULL;
	/*
	 * The final link names vmlinux.o or an archive, which says nothing
	 * of where the reference is: the unit's name ld prints says more.
	 */
	if (obj && (!strcmp(path_basename(obj), "vmlinux.o") ||
		    ends_with(obj, ".a"))) {
		free(obj);
		obj = NULL;
	}
	if (obj) {
		loc.file = obj;
		loc.file_len = strlen(obj);
	} else {
		loc.file = l->s;
		loc.file_len = strcspn(l->s, ":");
	}
	semi = strstr(msg, "; ");
	kbuild_diag(kb, "build", "ld", SEV_ERROR, &loc, NULL, msg,
		    semi ? (size_t)(semi - msg) : strlen(msg));
	kb->excerpt_due = false;
	if (semi)
		kbuild_attach(kb, semi + 2, strlen(semi + 2));
	free(obj);
	return true;
}

/**
 * fmt_ld_line() - read a line that a linker printed
 * @kb: the log state
 * @l: the line
 *
 * Return: true when the line is the linker's.
 */
bool fmt_ld_line(struct kbuild *kb, const struct line *l)
{
	const char *s = l->s, *colon, *rest, *obj, *p;
	enum severity sev;
	bool note;

	/* gcc's driver repeats that the link failed: make says so too */
	if (starts_with(s, "collect2: error: ld returned "))
		return true;
	if (starts_with(s, ">>> ")) {
		/* ld.lld's continuation lines */
		if (kbuild_last(kb) && kbuild_last(kb)->tool == intern("ld"))
			kbuild_attach(kb, s, l->len);
		return true;
	}
	/* "LINKER: ": a blank after the first ':', so l->space is set */
	colon = l->colon;
	if (!colon || colon[1] != ' ' || l->space < colon ||
	    !is_linker(s, colon - s))
		return reference_line(kb, l);
	rest = colon + 2;
	/* "ld: warning: ...", "ld.lld: error: ..." */
	p = severity_word(rest, &sev, &note);
	if (p && !note) {
		kbuild_diag(kb, "build", "ld", sev, NULL, NULL, p, strlen(p));
		kb->excerpt_due = false;
		return true;
	}
	/* "ld: OBJ: in function `f':" is context for what follows */
	if (strstr(rest, ": in function ") || ends_with(rest, ":")) {
		kbuild_add_pending(kb, s, l->len);
		return true;
	}
	/* "ld: OBJ: warning: ..." */
	obj = rest;
	colon = strstr(obj, ": ");
	p = colon ? severity_word(colon + 2, &sev, &note) : NULL;
	if (p && !note) {
		struct location loc = { .file = obj, .file_len = colon - obj };

		kbuild_diag(kb, "build", "ld", sev, &loc, NULL, p, strlen(p));
		kb->excerpt_due = false;
		return true;
	}
	return false;
}
