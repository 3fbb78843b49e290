// SPDX-License-Identifier: GPL-2.0
/*
 * The parts of a release summary that compare it with others: coverage
 * per configuration, the changes since the previous release, and the
 * known issues that matched. Kept, merged and put in one deterministic
 * order here; compare.c computes them, render-text.c writes them and
 * parse-results.c reads them back.
 */
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "summary.h"
#include "util.h"

/**
 * ext_release() - free the sections of a summary
 * @x: the sections, left empty
 */
void ext_release(struct summary_ext *x)
{
	size_t i;

	for (i = 0; i < x->nr_cov; i++) {
		nameset_release(&x->cov[i].dirs);
		nameset_release(&x->cov[i].suites);
	}
	free(x->cov);
	free(x->delta);
	free(x->chg);
	free(x->known);
	memset(x, 0, sizeof(*x));
}

/* Labels that describe a run rather than the configuration it built. */
static bool run_label(const char *label)
{
	static const char *const keys[] = {
		"compiler_version=", "units=", "checked=", "suites=",
		"scripts=", "dirs=", "dtbs=", "bindings=",
		/* what make results records of each check's run */
		"exit=", "tool_version=",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (starts_with(label, keys[i]))
			return true;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/**
 * config_of() - the configuration an input line belongs to
 * @in: the input, with its labels as "key=value"
 *
 * The labels but compiler_version, the coverage counts and what a run of
 * make results records (exit, tool_version), sorted and joined by
 * blanks: gcc 12.2 and gcc 12.3 builds of arm64 defconfig are the same
 * configuration, an arm64 and an x86 build are not.
 *
 * Return: the interned configuration, "-" when no label is left.
 */
const char *config_of(const struct input_desc *in)
{
	const char **v = xmalloc((in->nr_label + 1) * sizeof(*v));
	struct strbuf sb = STRBUF_INIT;
	const char *ret;
	size_t i, n = 0;

	for (i = 0; i < in->nr_label; i++)
		if (!run_label(in->label[i]))
			v[n++] = in->label[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, v[i]);
	}
	ret = intern(n ? sb.buf : "-");
	strbuf_release(&sb);
	free(v);
	return ret;
}

/**
 * coverage_find() - the coverage of a configuration
 * @x: the summary's sections
 * @config: the interned configuration
 *
 * Return: it, or NULL when the release has none for @config.
 */
const struct coverage *coverage_find(const struct summary_ext *x,
				     const char *config)
{
	size_t i;

	for (i = 0; i < x->nr_cov; i++)
		if (x->cov[i].config == config)
			return &x->cov[i];
	return NULL;
}

/**
 * coverage_get() - the coverage of a configuration, added when missing
 * @x: the summary's sections
 * @config: the configuration
 *
 * Return: it; valid until the next coverage_get().
 */
struct coverage *coverage_get(struct summary_ext *x, const char *config)
{
	struct coverage *c;

	config = intern(config);
	c = (struct coverage *)coverage_find(x, config);
	if (c)
		return c;
	ALLOC_GROW(x->cov, x->nr_cov + 1, x->alloc_cov);
	c = &x->cov[x->nr_cov++];
	memset(c, 0, sizeof(*c));
	c->config = config;
	return c;
}

/**
 * dir_of() - the directory of a file, as the Coverage section names it
 * @file: a path relative to the tree, e.g. "drivers/foo.o"
 *
 * Return: the interned directory, "." for a file at the top.
 */
const char *dir_of(const char *file)
{
	const char *slash;

	while (starts_with(file, "./"))
		file += 2;
	slash = strrchr(file, '/');
	if (!slash || slash == file)
		return intern(".");
	return intern_n(file, slash - file);
}

/**
 * suite_of() - the suite of a test, the first part of its name
 * @name: the test's name, its path joined by '.'
 *
 * Return: the interned suite.
 */
const char *suite_of(const char *name)
{
	return intern_n(name, strcspn(name, "."));
}

/**
 * coverage_add_input() - count what an input checked into its coverage
 * @x: the summary's sections
 * @in: the input
 * @config: its configuration (config_of())
 *
 * The directories of the units it compiled and of the files a checker
 * read, and the suites it ran. An input that checked nothing adds no
 * coverage block.
 */
void coverage_add_input(struct summary_ext *x, const struct input *in,
			const char *config)
{
	struct coverage *c;
	size_t i;

	if (!in->units.nr && !in->checked.nr && !in->suites.nr)
		return;
	c = coverage_get(x, config);
	for (i = 0; i < in->units.nr; i++)
		nameset_add(&c->dirs, token(dir_of(in->units.name[i])));
	for (i = 0; i < in->checked.nr; i++)
		nameset_add(&c->dirs, token(dir_of(in->checked.name[i])));
	for (i = 0; i < in->suites.nr; i++)
		nameset_add(&c->suites, token(in->suites.name[i]));
}

/**
 * change_kind_name() - a change kind as RESULTS and "results diff" name it
 * @kind: the kind
 *
 * Return: "new", "more", "fixed", "not checked", "gone", "still" or
 * "known".
 */
const char *change_kind_name(enum change_kind kind)
{
	static const char *const names[CHANGE_NR] = {
		[CHANGE_NEW] = "new",
		[CHANGE_MORE] = "more",
		[CHANGE_FIXED] = "fixed",
		[CHANGE_NOT_CHECKED] = "not checked",
		[CHANGE_GONE] = "gone",
		[CHANGE_STILL] = "still",
		[CHANGE_KNOWN] = "known",
	};

	return kind < CHANGE_NR ? names[kind] : "?";
}

/**
 * change_cmp_identity() - order items by identity
 * @a: an item
 * @b: another
 *
 * A failure's identity is its source and name, not its status, which may
 * change from one release to the next; a diagnostic's is every field.
 *
 * Return: <0, 0 or >0, bytewise.
 */
int change_cmp_identity(const struct change *a, const struct change *b)
{
	int c = (int)a->diag - (int)b->diag;

	if (c)
		return c;
	if (!a->diag) {
		c = strcmp_null(a->source, b->source);
		return c ? c : strcmp_null(a->name, b->name);
	}
	c = strcmp_null(a->tool, b->tool);
	if (!c)
		c = (int)a->severity - (int)b->severity;
	if (!c)
		c = strcmp_null(a->file, b->file);
	if (!c)
		c = strcmp_null(a->message, b->message);
	if (!c)
		c = strcmp_null(a->category, b->category);
	if (!c)
		c = strcmp_null(a->source, b->source);
	return c;
}

/* The item alone, without kind or counts: its identity, then status. */
static int cmp_item(const struct change *a, const struct change *b)
{
	int c = change_cmp_identity(a, b);

	if (!c && !a->diag)
		c = (int)a->status - (int)b->status;
	return c;
}

/**
 * cmp_change() - the order of changes: by kind, failures before
 * diagnostics, then as RESULTS sorts them
 * @a: one
 * @b: the other
 *
 * Return: <0, 0 or >0.
 */
int cmp_change(const struct change *a, const struct change *b)
{
	int c = (int)a->kind - (int)b->kind;

	return c ? c : cmp_item(a, b);
}

static int cmp_change_v(const void *a, const void *b)
{
	return cmp_change(a, b);
}

static int cmp_known(const struct known_hit *a, const struct known_hit *b)
{
	int c = (int)b->seen - (int)a->seen;

	if (!c)
		c = strcmp_null(a->ref.link, b->ref.link);
	if (!c)
		c = (int)a->ref.intermittent - (int)b->ref.intermittent;
	if (!c)
		c = strcmp_null(a->ref.since, b->ref.since);
	if (!c)
		c = strcmp_null(a->ref.note, b->ref.note);
	if (!c && a->seen)
		c = cmp_item(&a->item, &b->item);
	return c;
}

static int cmp_known_v(const void *a, const void *b)
{
	return cmp_known(a, b);
}

static int cmp_delta(const void *pa, const void *pb)
{
	const struct source_delta *a = pa, *b = pb;
	int c = strcmp(a->source, b->source);

	return c ? c : a->what - b->what;
}

static int cmp_cov(const void *pa, const void *pb)
{
	const struct coverage *a = pa, *b = pb;

	return strcmp(a->config, b->config);
}

/**
 * change_add() - add an item to the changes
 * @x: the sections
 * @c: the item, copied; its strings are interned
 */
void change_add(struct summary_ext *x, const struct change *c)
{
	ALLOC_GROW(x->chg, x->nr_chg + 1, x->alloc_chg);
	x->chg[x->nr_chg++] = *c;
}

/**
 * known_hit_add() - add a known issue's match, or its absence
 * @x: the sections; has_known is set
 * @h: the hit, copied
 */
void known_hit_add(struct summary_ext *x, const struct known_hit *h)
{
	ALLOC_GROW(x->known, x->nr_known + 1, x->alloc_known);
	x->known[x->nr_known++] = *h;
	x->has_known = true;
}

/**
 * ext_merge() - add one summary's sections to another's
 * @dst: the sections added to
 * @src: the ones read, e.g. from a RESULTS input
 *
 * Coverage adds up. The changes and known issues of @src are taken only
 * when @dst has none: they describe one release, not a sum.
 */
void ext_merge(struct summary_ext *dst, const struct summary_ext *src)
{
	size_t i, k;

	for (i = 0; i < src->nr_cov; i++) {
		const struct coverage *a = &src->cov[i];
		struct coverage *b = coverage_get(dst, a->config);

		for (k = 0; k < a->dirs.nr; k++)
			nameset_add(&b->dirs, a->dirs.name[k]);
		for (k = 0; k < a->suites.nr; k++)
			nameset_add(&b->suites, a->suites.name[k]);
	}
	if (src->has_changes && !dst->has_changes) {
		dst->has_changes = true;
		dst->prev = src->prev;
		dst->prev_missing = src->prev_missing;
		for (i = 0; i < src->nr_delta; i++) {
			ALLOC_GROW(dst->delta, dst->nr_delta + 1,
				   dst->alloc_delta);
			dst->delta[dst->nr_delta++] = src->delta[i];
		}
		for (i = 0; i < src->nr_chg; i++)
			change_add(dst, &src->chg[i]);
	}
	if (src->has_known && !dst->has_known)
		for (i = 0; i < src->nr_known; i++)
			known_hit_add(dst, &src->known[i]);
}

/**
 * ext_finish() - put the sections in their one order
 * @x: the sections
 *
 * Configurations, changes and known issues are sorted and duplicates
 * dropped. The names in a coverage set keep their order; the renderer
 * sorts them.
 */
void ext_finish(struct summary_ext *x)
{
	size_t i, n;

	if (x->nr_cov > 1)
		qsort(x->cov, x->nr_cov, sizeof(*x->cov), cmp_cov);
	if (x->nr_delta > 1)
		qsort(x->delta, x->nr_delta, sizeof(*x->delta), cmp_delta);
	if (x->nr_chg > 1)
		qsort(x->chg, x->nr_chg, sizeof(*x->chg), cmp_change_v);
	for (i = n = 0; i < x->nr_chg; i++)
		if (!n || cmp_change(&x->chg[n - 1], &x->chg[i]))
			x->chg[n++] = x->chg[i];
	x->nr_chg = n;
	if (x->nr_known > 1)
		qsort(x->known, x->nr_known, sizeof(*x->known), cmp_known_v);
	for (i = n = 0; i < x->nr_known; i++)
		if (!n || cmp_known(&x->known[n - 1], &x->known[i]))
			x->known[n++] = x->known[i];
	x->nr_known = n;
}

/**
 * ext_clear_changes() - forget the changes, before computing them anew
 * @x: the sections
 */
void ext_clear_changes(struct summary_ext *x)
{
	free(x->delta);
	free(x->chg);
	x->delta = NULL;
	x->chg = NULL;
	x->nr_delta = x->alloc_delta = x->nr_chg = x->alloc_chg = 0;
	x->has_changes = x->prev_missing = false;
	x->prev = NULL;
}

/**
 * ext_clear_known() - forget the known issues, before matching them anew
 * @x: the sections
 */
void ext_clear_known(struct summary_ext *x)
{
	free(x->known);
	x->known = NULL;
	x->nr_known = x->alloc_known = 0;
	x->has_known = false;
}
