// SPDX-License-Identifier: GPL-2.0
/*
 * Compare two releases by identity: what is new, what has more
 * occurrences, what was fixed, what was not checked this time, which
 * tests no longer ran, and what is still there. Known issues are matched
 * here too.
 *
 * The identity is RESULTS's: no line numbers, so a warning that moved is
 * not new. A diagnostic that went away is "fixed" only when the new
 * release checked its file again, in every configuration of the old
 * release that could have reported it; the Coverage section of RESULTS
 * says what each configuration checked.
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "git.h"
#include "strbuf.h"
#include "util.h"

struct item_list {
	struct change *v;
	size_t nr, alloc;
};

/* Items are the same when this says 0: a failure's status may change. */
static int cmp_key(const void *pa, const void *pb)
{
	return change_cmp_identity(pa, pb);
}

/**
 * change_of_failure() - a failure as an item of a comparison
 * @f: the failure
 * @c: the item; its kind and counts are 0
 */
void change_of_failure(const struct failure *f, struct change *c)
{
	memset(c, 0, sizeof(*c));
	c->source = f->source;
	c->status = f->status;
	c->name = f->name;
}

/**
 * change_of_diag() - a diagnostic group as an item of a comparison
 * @d: the group
 * @c: the item; its new count is the group's
 */
void change_of_diag(const struct diag_group *d, struct change *c)
{
	memset(c, 0, sizeof(*c));
	c->diag = true;
	c->source = d->source;
	c->severity = d->severity;
	c->tool = d->tool;
	c->category = d->category;
	c->file = d->file;
	c->message = d->message;
	c->new_count = d->count;
}

static void collect(const struct summary *s, struct item_list *l)
{
	struct change c;
	size_t i, n;

	for (i = 0; i < s->nr_fail; i++) {
		change_of_failure(&s->fail[i], &c);
		ALLOC_GROW(l->v, l->nr + 1, l->alloc);
		l->v[l->nr++] = c;
	}
	for (i = 0; i < s->nr_diag; i++) {
		change_of_diag(&s->diag[i], &c);
		ALLOC_GROW(l->v, l->nr + 1, l->alloc);
		l->v[l->nr++] = c;
	}
	if (l->nr > 1)
		qsort(l->v, l->nr, sizeof(*l->v), cmp_key);
	for (i = n = 0; i < l->nr; i++) {
		if (n && !cmp_key(&l->v[n - 1], &l->v[i])) {
			l->v[n - 1].new_count += l->v[i].new_count;
			continue;
		}
		l->v[n++] = l->v[i];
	}
	l->nr = n;
}

/* The configurations of a release, with what each compiled and checked */
struct configs {
	const struct summary *s;
	const char **name;		/* interned, in the order of the inputs */
	unsigned long *size;		/* units compiled and files checked */
	size_t nr;
};

static void configs_init(struct configs *c, const struct summary *s)
{
	unsigned long v;
	const char *p;
	size_t i, k, j;

	c->s = s;
	c->nr = 0;
	c->name = xmalloc((s->nr_in + 1) * sizeof(*c->name));
	c->size = xcalloc(s->nr_in + 1, sizeof(*c->size));
	for (i = 0; i < s->nr_in; i++) {
		const char *name = config_of(&s->in[i]);

		for (j = 0; j < c->nr && c->name[j] != name; j++)
			;
		if (j == c->nr)
			c->name[c->nr++] = name;
		for (k = 0; k < s->in[i].nr_label; k++) {
			p = skip_prefix(s->in[i].label[k], "units=");
			if (!p)
				p = skip_prefix(s->in[i].label[k], "checked=");
			if (p && parse_ulong(p, &p, &v) && !*p)
				c->size[j] += v;
		}
	}
}

static void configs_release(struct configs *c)
{
	free(c->name);
	free(c->size);
}

/* The position of @config, or -1 when the release has no such one. */
static long configs_find(const struct configs *c, const char *config)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		if (c->name[i] == config)
			return i;
	return -1;
}

/*
 * Whether the new release checked @dir (NULL for a diagnostic without a
 * file) in @config of the old release again. A directory the old release
 * compiled must have been compiled again; for a file elsewhere (a
 * header, vmlinux.o), the configuration must have compiled and checked
 * no fewer units than before: an incremental build, M= or a smaller
 * config did not.
 */
static bool covered(const struct configs *old, const struct configs *new,
		    size_t i, const char *dir)
{
	const char *config = old->name[i];
	const struct coverage *oc = coverage_find(&old->s->ext, config);
	const struct coverage *nc = coverage_find(&new->s->ext, config);
	long k = configs_find(new, config);

	if (k < 0)
		return false;
	if (dir && oc && nameset_has(&oc->dirs, dir))
		return nc && nameset_has(&nc->dirs, dir);
	if (dir && nc && nameset_has(&nc->dirs, dir))
		return true;
	return old->size[i] && new->size[k] >= old->size[i];
}

/* An item of the old release with a file, missing from the new one. */
static enum change_kind gone_file(const struct configs *old,
				  const struct configs *new, const char *file)
{
	const char *dir = strcmp(file, "-") && strcmp(file, "(make)") ?
			  dir_of(file) : NULL;
	size_t *cand = xmalloc((old->nr + 1) * sizeof(*cand));
	enum change_kind ret = CHANGE_FIXED;
	size_t i, n = 0;

	/* the configurations that could have reported it */
	for (i = 0; dir && i < old->nr; i++) {
		const struct coverage *oc = coverage_find(&old->s->ext,
							  old->name[i]);

		if (oc && nameset_has(&oc->dirs, dir))
			cand[n++] = i;
	}
	for (i = 0; !n && i < old->nr; i++)
		if (old->size[i])
			cand[n++] = i;
	if (!n)
		ret = CHANGE_NOT_CHECKED;
	for (i = 0; i < n; i++)
		if (!covered(old, new, cand[i], dir))
			ret = CHANGE_NOT_CHECKED;
	free(cand);
	return ret;
}

static bool any_suite(const struct summary *s, const char *suite)
{
	size_t i;

	for (i = 0; i < s->ext.nr_cov; i++)
		if (nameset_has(&s->ext.cov[i].suites, suite))
			return true;
	return false;
}

/*
 * A failed test of the old release that does not fail in the new one:
 * fixed when its suite ran again in each configuration that ran it
 * before, gone when the configuration ran but not the suite, not checked
 * when the configuration did not run tests at all.
 */
static enum change_kind gone_test(const struct configs *old,
				  const struct configs *new, const char *name)
{
	const char *suite = suite_of(name);
	const struct coverage **cand;
	enum change_kind ret = CHANGE_FIXED;
	size_t i, n = 0;

	cand = xmalloc((old->nr + 1) * sizeof(*cand));
	for (i = 0; i < old->nr; i++) {
		const struct coverage *oc = coverage_find(&old->s->ext,
							  old->name[i]);

		if (oc && nameset_has(&oc->suites, suite))
			cand[n++] = oc;
	}
	for (i = 0; !n && i < old->nr; i++) {
		const struct coverage *oc = coverage_find(&old->s->ext,
							  old->name[i]);

		if (oc && oc->suites.nr)
			cand[n++] = oc;
	}
	if (!n)
		ret = any_suite(new->s, suite) ? CHANGE_FIXED :
		      CHANGE_NOT_CHECKED;
	for (i = 0; i < n; i++) {
		const struct coverage *nc = coverage_find(&new->s->ext,
							  cand[i]->config);

		if (configs_find(new, cand[i]->config) < 0 || !nc ||
		    !nc->suites.nr) {
			ret = CHANGE_NOT_CHECKED;
			break;
		}
		if (!nameset_has(&nc->suites, suite))
			ret = CHANGE_GONE;
	}
	free(cand);
	return ret;
}

static enum change_kind gone_kind(const struct configs *old,
				  const struct configs *new,
				  const struct change *c)
{
	if (c->diag)
		return gone_file(old, new, c->file);
	if (!strcmp(c->source, "build"))
		return gone_file(old, new, c->name);
	return gone_test(old, new, c->name);
}

static void add_delta(struct summary_ext *out, const char *source, int what,
		      const unsigned long *o, const unsigned long *n, int nr)
{
	struct source_delta d = { .source = source, .what = what };
	int i;

	for (i = 0; i < nr; i++) {
		d.old_v[i] = o[i];
		d.new_v[i] = n[i];
		d.old_total += o[i];
		d.new_total += n[i];
	}
	ALLOC_GROW(out->delta, out->nr_delta + 1, out->alloc_delta);
	out->delta[out->nr_delta++] = d;
}

static const struct source_counts *find_source(const struct summary *s,
					       const char *source)
{
	size_t i;

	for (i = 0; i < s->nr_src; i++)
		if (!strcmp(s->src[i].source, source))
			return &s->src[i];
	return NULL;
}

static void source_deltas(const struct summary *old,
			  const struct summary *new, struct summary_ext *out)
{
	static const struct source_counts none;
	size_t i;

	for (i = 0; i < old->nr_src + new->nr_src; i++) {
		const struct source_counts *a, *b;
		const char *source;
		unsigned long o[4], n[4];

		source = i < old->nr_src ? old->src[i].source :
			 new->src[i - old->nr_src].source;
		if (i >= old->nr_src && find_source(old, source))
			continue;
		a = find_source(old, source);
		b = find_source(new, source);
		a = a ? a : &none;
		b = b ? b : &none;
		if (a->has_tests || b->has_tests) {
			o[0] = a->tests[TEST_PASS];
			o[1] = a->tests[TEST_FAIL];
			o[2] = a->tests[TEST_SKIP];
			o[3] = a->tests[TEST_ERROR];
			n[0] = b->tests[TEST_PASS];
			n[1] = b->tests[TEST_FAIL];
			n[2] = b->tests[TEST_SKIP];
			n[3] = b->tests[TEST_ERROR];
			add_delta(out, source, DELTA_TESTS, o, n, 4);
		}
		if (a->has_builds || b->has_builds) {
			o[0] = a->builds - a->builds_failed;
			o[1] = a->builds_failed;
			n[0] = b->builds - b->builds_failed;
			n[1] = b->builds_failed;
			add_delta(out, source, DELTA_BUILDS, o, n, 2);
		}
		if (a->has_diags || b->has_diags)
			add_delta(out, source, DELTA_DIAGS, a->diags, b->diags,
				  3);
	}
}

/**
 * compare_releases() - what changed from one release to the next
 * @old: the previous release, finished
 * @new: this release, finished
 * @known: known issues, or NULL: a new item that one matches is
 *	   CHANGE_KNOWN, not CHANGE_NEW
 * @out: the counts before and after per source and every item are added,
 *	 and has_changes set; ext_finish() sorts them
 *
 * Items are matched by identity; a failed test or build by its source and
 * name whatever its status. An item of both is "more" when a diagnostic's
 * occurrences grew, else "still". An item only in @new is new (or known).
 * An item only in @old is fixed, not checked or gone, as the coverage of
 * the configurations decides (gone_file(), gone_test()).
 */
void compare_releases(const struct summary *old, const struct summary *new,
		      const struct known_list *known, struct summary_ext *out)
{
	struct item_list a = { 0 }, b = { 0 };
	struct configs oc, nc;
	size_t i = 0, k = 0;

	collect(old, &a);
	collect(new, &b);
	configs_init(&oc, old);
	configs_init(&nc, new);
	while (i < a.nr || k < b.nr) {
		int c = i == a.nr ? 1 : k == b.nr ? -1 :
			cmp_key(&a.v[i], &b.v[k]);
		struct change ch;

		if (!c) {
			ch = b.v[k];
			ch.old_count = a.v[i].new_count;
			ch.kind = ch.diag && ch.new_count > ch.old_count ?
				  CHANGE_MORE : CHANGE_STILL;
			i++;
			k++;
		} else if (c > 0) {
			ch = b.v[k++];
			ch.kind = known_matches(known, &ch) ? CHANGE_KNOWN :
				  CHANGE_NEW;
		} else {
			ch = a.v[i++];
			ch.old_count = ch.new_count;
			ch.new_count = 0;
			ch.kind = gone_kind(&oc, &nc, &ch);
		}
		change_add(out, &ch);
	}
	source_deltas(old, new, out);
	out->has_changes = true;
	configs_release(&oc);
	configs_release(&nc);
	free(a.v);
	free(b.v);
}

/**
 * compare_missing() - the previous release has no RESULTS
 * @prev: its name
 * @out: marked as compared with a release without RESULTS: nothing is
 *	 new, nothing fixed
 */
void compare_missing(const char *prev, struct summary_ext *out)
{
	out->has_changes = true;
	out->prev = token(prev);
	out->prev_missing = true;
}

/**
 * known_apply() - match the known issues against a release
 * @k: the known issues
 * @s: the release, finished
 * @out: one hit per known issue and item it matches, and one "not seen"
 *	 per known issue that matched nothing; has_known set
 */
void known_apply(const struct known_list *k, const struct summary *s,
		 struct summary_ext *out)
{
	struct item_list l = { 0 };
	size_t i, j;

	collect(s, &l);
	out->has_known = true;
	for (i = 0; i < k->nr; i++) {
		struct known_hit h = { .ref = k->e[i].ref };
		bool seen = false;

		h.ref.link = token(h.ref.link);
		for (j = 0; j < l.nr; j++) {
			if (!known_entry_matches(&k->e[i], &l.v[j]))
				continue;
			h.seen = seen = true;
			h.item = l.v[j];
			h.item.new_count = 0;
			known_hit_add(out, &h);
		}
		if (!seen) {
			memset(&h.item, 0, sizeof(h.item));
			h.seen = false;
			known_hit_add(out, &h);
		}
	}
	free(l.v);
}

/**
 * change_configs() - the configurations an item belongs to
 * @s: the release the item is from
 * @c: the item
 * @configs: set to a malloc'd array of interned configurations
 * @nr: set to their number
 *
 * Those whose coverage holds the item's directory (a diagnostic, a failed
 * build) or suite (a failed test); when none does, those with inputs of
 * the item's source; when none has, all of them.
 */
void change_configs(const struct summary *s, const struct change *c,
		    const char ***configs, size_t *nr)
{
	const char *file = c->diag ? c->file :
			   !strcmp(c->source, "build") ? c->name : NULL;
	const char *dir = file && strcmp(file, "-") &&
			  strcmp(file, "(make)") ? dir_of(file) : NULL;
	const char *suite = file ? NULL : suite_of(c->name);
	struct configs cfg;
	const char **v;
	size_t i, k, n = 0;

	configs_init(&cfg, s);
	v = cfg.name;
	*nr = cfg.nr;
	free(cfg.size);

	for (i = 0; i < *nr; i++) {
		const struct coverage *cov = coverage_find(&s->ext, v[i]);

		if (cov && ((dir && nameset_has(&cov->dirs, dir)) ||
			    (suite && nameset_has(&cov->suites, suite))))
			v[n++] = v[i];
	}
	for (i = 0; !n && i < *nr; i++)
		for (k = 0; k < s->nr_in; k++)
			if (config_of(&s->in[k]) == v[i] &&
			    !strcmp(s->in[k].kind, c->source)) {
				v[n++] = v[i];
				break;
			}
	if (n)
		*nr = n;
	*configs = v;
}

/**
 * fail_on_parse() - read a --fail-on list of change conditions
 * @l: the conditions are appended
 * @arg: comma-separated KIND[:SOURCE[:SEVERITY]], KIND being new or more
 *	 and SEVERITY error, warning, info or fail (a failed test or build)
 *
 * Return: 0, or -1 after an error message.
 */
int fail_on_parse(struct fail_on_list *l, const char *arg)
{
	const char *p = arg;

	for (;;) {
		size_t n = strcspn(p, ",");
		char *item = xstrndup(p, n), *src, *sev;
		struct fail_on_item f = { .severity = -1 };

		src = strchr(item, ':');
		if (src)
			*src++ = '\0';
		sev = src ? strchr(src, ':') : NULL;
		if (sev)
			*sev++ = '\0';
		if (!strcmp(item, "new"))
			f.kind = CHANGE_NEW;
		else if (!strcmp(item, "more"))
			f.kind = CHANGE_MORE;
		else
			goto bad;
		if (src && !*src)
			goto bad;
		f.source = src ? intern(src) : NULL;
		if (sev && !strcmp(sev, "fail"))
			f.severity = SEV_NR;
		else if (sev && (f.severity = severity_parse(sev)) < 0)
			goto bad;
		free(item);
		ALLOC_GROW(l->v, l->nr + 1, l->alloc);
		l->v[l->nr++] = f;
		p += n;
		if (!*p)
			return 0;
		p++;
		continue;
bad:
		free(item);
		return error("bad --fail-on '%s': expected new or more, then :SOURCE and :SEVERITY (error, warning, info or fail) if wanted",
			     arg);
	}
}

/**
 * fail_on_new_holds() - whether a change asked for by --fail-on happened
 * @l: the conditions
 * @x: the changes
 *
 * Return: true when one of the changes meets one of the conditions.
 */
bool fail_on_new_holds(const struct fail_on_list *l,
		       const struct summary_ext *x)
{
	size_t i, k;

	for (i = 0; i < x->nr_chg; i++) {
		const struct change *c = &x->chg[i];

		for (k = 0; k < l->nr; k++) {
			const struct fail_on_item *f = &l->v[k];

			if (c->kind != f->kind)
				continue;
			if (f->source && strcmp(f->source, c->source))
				continue;
			if (f->severity == SEV_NR && c->diag)
				continue;
			if (f->severity >= 0 && f->severity < SEV_NR &&
			    (!c->diag || (int)c->severity != f->severity))
				continue;
			return true;
		}
	}
	return false;
}

/**
 * fail_on_release() - free a --fail-on list
 * @l: the list, left empty
 */
void fail_on_release(struct fail_on_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/**
 * compare_with_previous() - the changes since the previous release and
 * the known issues, into a release's summary
 * @s: this release, finished; its changes and known issues are replaced
 * @dir: the git work tree (NULL: the current directory)
 * @previous: the previous release, a RESULTS file or a revision, or NULL
 * @pattern: without @previous, a tag pattern: the previous release is
 *	     the tag git_previous_tag() finds for @s's release; none found,
 *	     none compared
 * @known: known issues, or NULL
 *
 * A previous release without RESULTS is recorded as such: nothing is
 * new, nothing fixed.
 *
 * Return: 0, or -1 after an error message.
 */
int compare_with_previous(struct summary *s, const char *dir,
			  const char *previous, const char *pattern,
			  const struct known_list *known)
{
	struct release rel;
	struct summary old;
	char *tag = NULL;
	int ret = 0;

	if (!previous && pattern)
		previous = tag = git_previous_tag(dir, pattern, s->release);
	summary_init(&old);
	if (previous) {
		ext_clear_changes(&s->ext);
		if (release_load(&rel, dir, previous, true, &old)) {
			ret = -1;
		} else if (rel.origin == RELEASE_NONE) {
			compare_missing(previous, &s->ext);
		} else {
			if (old.abridged)
				warning("%s: its RESULTS is abridged (--detail, --max-lines): what it leaves out shows as new",
					previous);
			compare_releases(&old, s, known, &s->ext);
			s->ext.prev = token(rel.name);
		}
		release_release(&rel);
	}
	if (!ret && known) {
		ext_clear_known(&s->ext);
		known_apply(known, s, &s->ext);
	}
	ext_finish(&s->ext);
	summary_release(&old);
	free(tag);
	return ret;
}
