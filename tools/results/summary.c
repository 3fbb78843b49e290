// SPDX-License-Identifier: GPL-2.0
/*
 * Group records by identity into the release summary that RESULTS shows,
 * and put everything in one deterministic order (bytewise, as LC_ALL=C).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "summary.h"
#include "util.h"

/**
 * diag_add_includer() - note a unit that includes a header with a warning
 * @g: the header's diagnostic group
 * @unit: the including unit, interned
 */
void diag_add_includer(struct diag_group *g, const char *unit)
{
	if (!g->inc)
		g->inc = xcalloc(1, sizeof(*g->inc));
	nameset_add(g->inc, unit);
}

/* diag_add_includer() of a unit known to be interned: no hashing */
static void add_includer_interned(struct diag_group *g, const char *unit)
{
	if (!g->inc)
		g->inc = xcalloc(1, sizeof(*g->inc));
	nameset_add_interned(g->inc, unit);
}

/**
 * diag_includers() - how many units include a header with a warning
 * @g: the group
 *
 * Return: the units seen, or the count a RESULTS read gave when larger.
 */
unsigned long diag_includers(const struct diag_group *g)
{
	unsigned long n = g->inc ? g->inc->nr : 0;

	return g->inc_total > n ? g->inc_total : n;
}

/* The includers of @from too; @from keeps its own. */
static void merge_includers(struct diag_group *g,
			    const struct diag_group *from)
{
	size_t i;

	if (from == g)
		return;
	/* a nameset's names are interned */
	if (from->inc)
		for (i = 0; i < from->inc->nr; i++)
			add_includer_interned(g, from->inc->name[i]);
	if (from->inc_total > g->inc_total)
		g->inc_total = from->inc_total;
}

static void free_includers(struct diag_group *g)
{
	if (g->inc) {
		nameset_release(g->inc);
		free(g->inc);
		g->inc = NULL;
	}
}

void summary_init(struct summary *s)
{
	memset(s, 0, sizeof(*s));
}

void summary_release(struct summary *s)
{
	size_t i;

	for (i = 0; i < s->nr_in; i++)
		free(s->in[i].label);
	for (i = 0; i < s->nr_fail; i++)
		free(s->fail[i].reason);
	for (i = 0; i < s->nr_skip; i++)
		free(s->skip[i].reason);
	for (i = 0; i < s->nr_diag; i++)
		free_includers(&s->diag[i]);
	free(s->skip);
	free(s->origin);
	free(s->cifail);
	free(s->in);
	free(s->tool);
	free(s->src);
	free(s->fail);
	free(s->diag);
	free(s->notice);
	ext_release(&s->ext);
	summary_reindex(s);
	free(s->succ);
	summary_init(s);
}

/**
 * token() - a name as one RESULTS token
 * @s: a source, tool or category name, or NULL
 *
 * Return: an interned copy with blanks and control characters made '_',
 * or "-" for NULL or "".
 */
const char *token(const char *s)
{
	const char *t = token_interned(s);

	return t == s ? intern(s) : t;
}

/*
 * Interned strings never change: token_interned() remembers its answer
 * by address, in a table that grows with the distinct names asked about
 * (files, tools, flags), so that each is scanned once however often its
 * records come.
 */
static struct token_memo {
	const char *key, *val;
} *token_memo;
static size_t token_memo_size, token_memo_nr;

/* The remembered token() of @s, or NULL */
static inline const char *token_memo_find(const char *s)
{
	size_t j, mask = token_memo_size - 1;

	if (!token_memo_size)
		return NULL;
	for (j = ptr_hash(s, token_memo_size); token_memo[j].key;
	     j = (j + 1) & mask)
		if (token_memo[j].key == s)
			return token_memo[j].val;
	return NULL;
}

static void token_memo_put(const char *s, const char *val)
{
	size_t j, mask;

	if ((token_memo_nr + 1) * 2 > token_memo_size) {
		struct token_memo *old = token_memo;
		size_t i, old_size = token_memo_size;

		token_memo_size = old_size ? old_size * 2 : 256;
		token_memo = xcalloc(token_memo_size, sizeof(*token_memo));
		mask = token_memo_size - 1;
		for (i = 0; i < old_size; i++) {
			if (!old[i].key)
				continue;
			j = ptr_hash(old[i].key, token_memo_size);
			while (token_memo[j].key)
				j = (j + 1) & mask;
			token_memo[j] = old[i];
		}
		free(old);
	}
	mask = token_memo_size - 1;
	j = ptr_hash(s, token_memo_size);
	while (token_memo[j].key)
		j = (j + 1) & mask;
	token_memo[j].key = s;
	token_memo[j].val = val;
	token_memo_nr++;
}

/**
 * token_interned() - token() of a string that is interned already
 * @s: an interned string, or NULL
 *
 * Return: @s itself when it is a token already, which saves hashing it
 * again in the loop that counts every record.
 */
const char *token_interned(const char *s)
{
	char *t, *p;
	const char *ret;

	if (!s || !*s)
		return intern_static("-");
	ret = token_memo_find(s);
	if (ret)
		return ret;
	for (p = (char *)s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			break;
	if (!*p) {
		ret = s;
	} else {
		t = xstrdup(s);
		for (p = t; *p; p++)
			if ((unsigned char)*p <= ' ' || *p == 0x7f)
				*p = '_';
		ret = intern(t);
		free(t);
	}
	token_memo_put(s, ret);
	return ret;
}

/*
 * token_interned() in the loop that counts every record, which remembers
 * the last name of each field in @last: a unit's diagnostics come in
 * runs with the same source, tool and file.
 */
static inline const char *token_of(const char *s, struct token_memo *last)
{
	const char *ret;

	if (s == last->key && s)
		return last->val;
	if (!s)
		return intern_static("-");
	ret = token_memo_find(s);
	if (!ret)
		ret = token_interned(s);
	last->key = s;
	last->val = ret;
	return ret;
}

/* token_of()'s last names, by field */
enum { LAST_SOURCE, LAST_TOOL, LAST_CATEGORY, LAST_FILE, LAST_INCLUDER,
       LAST_NR };
static struct token_memo token_last[LAST_NR];

struct source_counts *summary_source(struct summary *s, const char *source)
{
	size_t i;

	/* records carry interned sources: most calls end in the first loop */
	for (i = 0; i < s->nr_src; i++)
		if (s->src[i].source == source)
			return &s->src[i];
	source = intern(source);
	for (i = 0; i < s->nr_src; i++)
		if (s->src[i].source == source)
			return &s->src[i];
	ALLOC_GROW(s->src, s->nr_src + 1, s->alloc_src);
	memset(&s->src[s->nr_src], 0, sizeof(s->src[0]));
	s->src[s->nr_src].source = source;
	return &s->src[s->nr_src++];
}

void summary_add_input(struct summary *s, const struct input_desc *in)
{
	struct input_desc *d;

	ALLOC_GROW(s->in, s->nr_in + 1, s->alloc_in);
	d = &s->in[s->nr_in++];
	*d = *in;
	d->label = xmalloc((in->nr_label + 1) * sizeof(*d->label));
	memcpy(d->label, in->label, in->nr_label * sizeof(*d->label));
}

void summary_add_tool(struct summary *s, const char *tool)
{
	size_t i;

	tool = intern(tool);
	for (i = 0; i < s->nr_tool; i++)
		if (s->tool[i] == tool)
			return;
	ALLOC_GROW(s->tool, s->nr_tool + 1, s->alloc_tool);
	s->tool[s->nr_tool++] = tool;
}

/**
 * summary_origin() - the counts of one CI system
 * @s: the summary
 * @origin: the KCIDB origin
 *
 * Return: its counts, added zeroed when new.
 */
struct origin_counts *summary_origin(struct summary *s, const char *origin)
{
	size_t i;

	origin = intern(origin);
	for (i = 0; i < s->nr_origin; i++)
		if (s->origin[i].origin == origin)
			return &s->origin[i];
	ALLOC_GROW(s->origin, s->nr_origin + 1, s->alloc_origin);
	memset(&s->origin[s->nr_origin], 0, sizeof(s->origin[0]));
	s->origin[s->nr_origin].origin = origin;
	return &s->origin[s->nr_origin++];
}

/**
 * summary_add_ci_failure() - list a failure under its CI system
 * @s: the summary
 * @f: the failure; its strings are interned
 */
void summary_add_ci_failure(struct summary *s, const struct ci_failure *f)
{
	ALLOC_GROW(s->cifail, s->nr_cifail + 1, s->alloc_cifail);
	s->cifail[s->nr_cifail++] = *f;
}

/**
 * summary_cmp_ci_failure() - the order of the CI systems section
 * @a: a failure
 * @b: another
 *
 * By origin, builds before tests, then by name, status, log URL and
 * issues: by content only, whatever the order of the input.
 *
 * Return: <0, 0 or >0 as @a sorts before, with or after @b.
 */
int summary_cmp_ci_failure(const struct ci_failure *a,
			   const struct ci_failure *b)
{
	int c = strcmp_null(a->origin, b->origin);

	if (!c)
		c = (int)b->build - (int)a->build;
	if (!c)
		c = strcmp_null(a->name, b->name);
	if (!c)
		c = (int)a->status - (int)b->status;
	if (!c)
		c = strcmp_null(a->log, b->log);
	if (!c)
		c = strcmp_null(a->issues, b->issues);
	return c;
}

/* A skipped test, listed with its reason: the same shape as a failure. */
void summary_add_skip(struct summary *s, const struct failure *f)
{
	ALLOC_GROW(s->skip, s->nr_skip + 1, s->alloc_skip);
	s->skip[s->nr_skip] = *f;
	s->skip[s->nr_skip].reason = f->reason ? xstrdup(f->reason) : NULL;
	s->nr_skip++;
}

void summary_add_failure(struct summary *s, const struct failure *f)
{
	ALLOC_GROW(s->fail, s->nr_fail + 1, s->alloc_fail);
	s->fail[s->nr_fail] = *f;
	s->fail[s->nr_fail].reason = f->reason ? xstrdup(f->reason) : NULL;
	s->nr_fail++;
}

/*
 * Groups are found by identity through a hash of their interned fields,
 * so that a log repeating one warning a million times costs one group,
 * not a million: memory grows with distinct diagnostics only.
 */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 31);
}

/*
 * A group's hash: its interned names by address, its message by content,
 * so that a record's message is looked up without interning it first.
 */
static uint64_t diag_hash_msg(const struct diag_group *d, uint64_t msg_hash)
{
	/* a multiplier each, so that swapped names hash apart; one mix */
	uint64_t v = (uintptr_t)d->source ^
		     (uintptr_t)d->tool * 0xff51afd7ed558ccdULL ^
		     (uintptr_t)d->category * 0xc4ceb9fe1a85ec53ULL ^
		     (uintptr_t)d->file * 0x9e3779b97f4a7c15ULL;

	return mix(msg_hash + d->severity, v);
}

static uint64_t message_hash(const struct diag_group *d)
{
	return d->msg_hash ? d->msg_hash :
	       hash_bytes(d->message, strlen(d->message));
}

static uint64_t diag_hash(const struct diag_group *d)
{
	return diag_hash_msg(d, message_hash(d));
}

/* @b's message need not be interned */
static bool diag_same(const struct diag_group *a, const struct diag_group *b)
{
	return a->severity == b->severity && a->source == b->source &&
	       a->tool == b->tool && a->category == b->category &&
	       a->file == b->file &&
	       (a->message == b->message ||
		((!a->msg_hash || !b->msg_hash || a->msg_hash == b->msg_hash) &&
		 !strcmp(a->message, b->message)));
}

static uint64_t notice_hash(const struct notice_group *n)
{
	return mix(mix(mix(1, (uintptr_t)n->source), (uintptr_t)n->tool),
		   (uintptr_t)n->message);
}

static bool notice_same(const struct notice_group *a,
			const struct notice_group *b)
{
	return a->source == b->source && a->tool == b->tool &&
	       a->message == b->message;
}

/* Set the free slot @j of @ix to the group at @pos, of hash @h. */
static inline void index_set(struct group_index *ix, size_t j, uint64_t h,
			     size_t pos)
{
	if (pos >= UINT32_MAX)
		die("more than 2^32 groups");
	ix->slot[j].pos = pos + 1;
	ix->slot[j].tag = h >> 32;
	ix->nr++;
}

static void index_put(struct group_index *ix, uint64_t h, size_t pos)
{
	size_t j = h & (ix->size - 1);

	while (ix->slot[j].pos)
		j = (j + 1) & (ix->size - 1);
	index_set(ix, j, h, pos);
}

static void index_release(struct group_index *ix)
{
	free(ix->slot);
	memset(ix, 0, sizeof(*ix));
}

/**
 * summary_reindex() - forget the identity index
 * @s: the summary
 *
 * For callers that changed the fields of groups in place; the index is
 * rebuilt on the next add. Equal groups that the change made are
 * collapsed by summary_finish().
 */
void summary_reindex(struct summary *s)
{
	index_release(&s->diag_index);
	index_release(&s->notice_index);
	/* the successors too: groups may have moved or merged */
	if (s->succ)
		memset(s->succ, 0, s->alloc_succ * sizeof(*s->succ));
	s->pred_last = 0;
}

/* index_fit()'s work when the index must be built again */
static __noinline void index_rebuild(struct group_index *ix, size_t nr,
				     size_t room, const void *groups,
				     size_t size,
				     uint64_t (*hash)(const void *))
{
	size_t i;

	free(ix->slot);
	ix->size = 64;
	while ((nr + room) * 2 > ix->size)
		ix->size *= 2;
	ix->slot = xcalloc(ix->size, sizeof(*ix->slot));
	ix->nr = 0;
	for (i = 0; i < nr; i++)
		index_put(ix, hash((const char *)groups + i * size), i);
}

/* Make @ix index all @nr groups, with room for @room more. */
static inline void index_fit(struct group_index *ix, size_t nr, size_t room,
			     const void *groups, size_t size,
			     uint64_t (*hash)(const void *))
{
	if (ix->nr != nr || (nr + room) * 2 > ix->size)
		index_rebuild(ix, nr, room, groups, size, hash);
}

static uint64_t diag_hash_v(const void *p)
{
	return diag_hash(p);
}

static uint64_t notice_hash_v(const void *p)
{
	return notice_hash(p);
}

/*
 * The group of @d's identity, whose message hashes to @msg_hash, or NULL;
 * *@slot is then the free slot of the index where it would go.
 */
static struct diag_group *find_diag(struct summary *s,
				    const struct diag_group *d,
				    uint64_t msg_hash, size_t *slot)
{
	struct group_index *ix = &s->diag_index;
	uint64_t h = diag_hash_msg(d, msg_hash);
	uint32_t tag = h >> 32;
	size_t j;

	index_fit(ix, s->nr_diag, 1, s->diag, sizeof(*s->diag), diag_hash_v);
	for (j = h & (ix->size - 1); ix->slot[j].pos;
	     j = (j + 1) & (ix->size - 1)) {
		struct diag_group *g;

		/* another identity's slot, told apart without its group */
		if (ix->slot[j].tag != tag)
			continue;
		g = &s->diag[ix->slot[j].pos - 1];
		if (diag_same(g, d))
			return g;
	}
	*slot = j;
	return NULL;
}

/*
 * A new group for @d, whose message hashes to @msg_hash and is interned
 * here unless @interned says it is already, in the free @slot that
 * find_diag() gave, nothing added since.
 */
static struct diag_group *new_diag(struct summary *s,
				   const struct diag_group *d,
				   uint64_t msg_hash, size_t slot,
				   bool interned)
{
	struct diag_group *g;

	ALLOC_GROW(s->diag, s->nr_diag + 1, s->alloc_diag);
	g = &s->diag[s->nr_diag];
	*g = *d;
	if (!interned)
		g->message = intern(d->message);
	g->msg_hash = msg_hash;
	g->inc = NULL;
	merge_includers(g, d);
	index_set(&s->diag_index, slot, diag_hash_msg(d, msg_hash),
		  s->nr_diag);
	s->nr_diag++;
	return g;
}

/*
 * Count @d, whose message hashes to @msg_hash and need not be interned
 * (@interned says whether it is): a new group interns it.
 */
static struct diag_group *add_diag(struct summary *s,
				   const struct diag_group *d,
				   uint64_t msg_hash, bool interned)
{
	struct diag_group *g;
	size_t j;

	g = find_diag(s, d, msg_hash, &j);
	if (g) {
		g->count += d->count;
		g->plain |= d->plain;
		merge_includers(g, d);
		return g;
	}
	return new_diag(s, d, msg_hash, j, interned);
}

/**
 * summary_add_diag() - count a diagnostic group
 * @s: the summary
 * @d: the group; its strings interned
 *
 * Return: the group in @s that now holds @d's count: an existing one of
 * the same identity, or a new one. Valid until the next add.
 */
struct diag_group *summary_add_diag(struct summary *s,
				    const struct diag_group *d)
{
	return add_diag(s, d, message_hash(d), true);
}

/**
 * summary_add_notice() - count a notice group
 * @s: the summary
 * @n: the group; its strings interned
 *
 * Return: the group in @s that now holds @n's count.
 */
struct notice_group *summary_add_notice(struct summary *s,
					const struct notice_group *n)
{
	struct group_index *ix = &s->notice_index;
	uint64_t h = notice_hash(n);
	size_t j;

	index_fit(ix, s->nr_notice, 1, s->notice, sizeof(*s->notice),
		  notice_hash_v);
	for (j = h & (ix->size - 1); ix->slot[j].pos;
	     j = (j + 1) & (ix->size - 1)) {
		struct notice_group *g = &s->notice[ix->slot[j].pos - 1];

		if (ix->slot[j].tag == (uint32_t)(h >> 32) &&
		    notice_same(g, n)) {
			g->count += n->count;
			return g;
		}
	}
	ALLOC_GROW(s->notice, s->nr_notice + 1, s->alloc_notice);
	s->notice[s->nr_notice] = *n;
	index_set(ix, j, h, s->nr_notice);
	return &s->notice[s->nr_notice++];
}

/* A message on one line: control characters become blanks. */
static const char *one_line(const char *msg)
{
	char *t, *p;
	const char *ret;

	if (!msg)
		return intern("");
	t = xstrdup(msg);
	for (p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	ret = intern(t);
	free(t);
	return ret;
}

static bool is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * A diagnostic's message as part of its identity: "line 298" references
 * (coccinelle's "on line 298") become "line N" and hex addresses and
 * offsets ("+0x1a4") become "0xN", so that moving code does not make one
 * warning look like a fixed one plus a new one.
 */
/* Does a change of identity_text() start at @p? */
static inline bool identity_mark(const char *p)
{
	unsigned char c = *p;

	return c < 0x20 || c == 0x7f ||
	       (c == 'l' && starts_with(p, "line ")) ||
	       (c == '0' && (p[1] == 'x' || p[1] == 'X'));
}

/* May a change start in the 8 bytes of @w? */
static inline uint64_t identity_word(uint64_t w)
{
	return swar_below(w, 0x20) | swar_equal(w, 0x7f) |
	       swar_equal(w, 'l') | swar_equal(w, '0');
}

/*
 * @msg, @n bytes long, as identity_message() makes it: @msg itself when
 * nothing changes, or the text in @sb; *@len is set to its length.
 */
static const char *identity_text(const char *msg, size_t n,
				 struct strbuf *sb, size_t *len)
{
	size_t i = 0, k;
	const char *p = msg;

	/* most messages need nothing changed: look before copying */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, msg + i, 8);
		if (!identity_word(w))
			continue;
		for (k = 0; k < 8; k++)
			if (identity_mark(msg + i + k))
				goto change;
	}
	for (; i < n; i++)
		if (identity_mark(msg + i))
			goto change;
	*len = n;
	return msg;
change:
	while (*p) {
		if (starts_with(p, "line ") && is_digit(p[5]) &&
		    (p == msg || !is_alnum(p[-1]))) {
			strbuf_addstr(sb, "line N");
			p = skip_digits(p + 5);
			continue;
		}
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
		    is_hex(p[2]) && (p == msg || !is_alnum(p[-1]))) {
			strbuf_addstr(sb, "0xN");
			p += 2;
			while (is_hex(*p))
				p++;
			continue;
		}
		/* on one line: control characters become blanks */
		strbuf_addch(sb, (unsigned char)*p < 0x20 || *p == 0x7f ?
				 ' ' : *p);
		p++;
	}
	*len = sb->len;
	return sb->buf;
}

/* identity_text(), interned */
static const char *identity_message(const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	const char *ret = identity_text(msg, strlen(msg), &sb, &len);

	ret = intern_n(ret, len);

	strbuf_release(&sb);
	return ret;
}

/* "KEY=N" for the coverage of the cocci and dt kinds, when not empty */
static void count_label(const char **label, size_t *nr, const char *key,
			const struct nameset *set)
{
	struct strbuf sb = STRBUF_INIT;

	if (!set->nr)
		return;
	strbuf_addf(&sb, "%s=%zu", key, set->nr);
	label[(*nr)++] = intern(sb.buf);
	strbuf_release(&sb);
}

static void add_input_desc(struct summary *s, const struct input *in)
{
	struct input_desc d = { .kind = in->kind, .name = token(in->display) };
	const char **label = xmalloc((in->nr_label + 7) * sizeof(*label));
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < in->nr_label; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s=%s", in->label[i].key,
			    token(in->label[i].value));
		label[d.nr_label++] = intern(sb.buf);
	}
	if (in->units.nr) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "units=%zu", in->units.nr);
		label[d.nr_label++] = intern(sb.buf);
	}
	if (in->checked.nr) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "checked=%zu", in->checked.nr);
		label[d.nr_label++] = intern(sb.buf);
	}
	if (in->suites.nr) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "suites=%zu", in->suites.nr);
		label[d.nr_label++] = intern(sb.buf);
	}
	count_label(label, &d.nr_label, "scripts", &in->scripts);
	count_label(label, &d.nr_label, "dirs", &in->dirs);
	count_label(label, &d.nr_label, "dtbs", &in->dtbs);
	count_label(label, &d.nr_label, "bindings", &in->bindings);
	d.label = label;
	summary_add_input(s, &d);
	coverage_add_input(&s->ext, in, config_of(&d));
	for (i = 0; i < in->tools.nr; i++)
		summary_add_tool(s, in->tools.name[i]);
	free(label);
	strbuf_release(&sb);
}

/**
 * summary_diag_of() - the group a diagnostic record counts in
 * @r: the record, of type REC_DIAG
 * @d: its identity, as summary_add_record() makes it; count 1
 */
void summary_diag_of(const struct record *r, struct diag_group *d)
{
	memset(d, 0, sizeof(*d));
	d->severity = r->severity;
	d->source = token_interned(r->source);
	d->tool = token_interned(r->tool);
	d->category = token_interned(r->category);
	d->file = token_interned(r->file);
	d->message = identity_message(r->message);
	d->count = 1;
}

/**
 * summary_failure_name() - the name a failed test or build is listed by
 * @r: the record, of type REC_TEST or REC_BUILD
 *
 * Return: the interned name, as in the Failures section.
 */
const char *summary_failure_name(const struct record *r)
{
	const char *ret;
	char *name;

	if (r->type == REC_BUILD)
		return one_line(r->target ? r->target : "(make)");
	name = test_path_join(r);
	ret = one_line(name);
	free(name);
	return ret;
}

/* What count_diag() looks a diagnostic's group up by */
struct diag_key {
	struct diag_group d;	/* the names as tokens, the message */
	size_t len;		/* the message's length */
	uint64_t h;		/* diag_hash_msg() */
	bool hashed;		/* @len, @h and @d.msg_hash are set */
	size_t pos;		/* the group fetched or foretold, or
				 * SIZE_MAX */
};

/*
 * All of @r's key @k but its names and message hashes: every field of the
 * group, one by one (a new field must be set here too), which is cheaper
 * than zeroing it all first, as an initialiser does
 */
static inline void key_init(const struct record *r, struct diag_key *k)
{
	struct diag_group *d = &k->d;

	d->severity = r->severity;
	d->message = r->message;
	d->msg_hash = 0;
	d->plain = false;
	d->count = 1;
	d->inc = NULL;
	d->inc_total = 0;
	k->hashed = false;
	k->pos = SIZE_MAX;
}

/* @r's names in its key @k, as tokens */
static inline void key_names(const struct record *r, struct diag_key *k)
{
	struct token_memo *last = token_last;
	struct diag_group *d = &k->d;

	d->source = token_of(r->source, &last[LAST_SOURCE]);
	d->tool = token_of(r->tool, &last[LAST_TOOL]);
	d->category = token_of(r->category, &last[LAST_CATEGORY]);
	d->file = token_of(r->file, &last[LAST_FILE]);
}

/*
 * The key of @r, its message not hashed: enough for diag_same() against
 * a group that was foretold
 */
static void diag_names(const struct record *r, struct diag_key *k)
{
	key_init(r, k);
	key_names(r, k);
}

/* @s's token, if it is @t: NULL and "" are "-" */
static inline bool is_token_of(const char *s, const char *t)
{
	return s == t || ((!s || !*s) && t == intern_static("-"));
}

/*
 * diag_names() of @r, which is foretold to be of the group at @pos: when
 * its names are that group's tokens already, by address, they are taken
 * as they are, without token_of() (a token is its own token)
 */
static void diag_names_as(const struct summary *s, const struct record *r,
			  size_t pos, struct diag_key *k)
{
	const struct diag_group *g = &s->diag[pos];
	struct diag_group *d = &k->d;

	key_init(r, k);
	if (r->source == g->source && r->tool == g->tool &&
	    is_token_of(r->category, g->category) &&
	    is_token_of(r->file, g->file)) {
		d->source = g->source;
		d->tool = g->tool;
		d->category = g->category;
		d->file = g->file;
	} else {
		key_names(r, k);
	}
	k->pos = pos;
}

/* The rest of @r's key @k: its message's length and hashes */
static void diag_hash_key(const struct record *r, struct diag_key *k)
{
	struct diag_group *d = &k->d;

	k->len = strlen(r->message);
	d->msg_hash = hash_bytes(r->message, k->len);
	k->h = diag_hash_msg(d, d->msg_hash);
	k->hashed = true;
}

static void diag_key(const struct record *r, struct diag_key *k)
{
	diag_names(r, k);
	diag_hash_key(r, k);
}

/*
 * Note that the group at @pos came after the last group counted, for the
 * next prediction; count it when it was foretold
 */
static void note_successor(struct summary *s, size_t pos)
{
	size_t last = s->pred_last;

	if (pos >= s->alloc_succ) {
		size_t old = s->alloc_succ;

		ALLOC_GROW(s->succ, pos + 1, s->alloc_succ);
		memset(s->succ + old, 0,
		       (s->alloc_succ - old) * sizeof(*s->succ));
	}
	if (last && s->succ[last - 1] == pos + 1)
		s->pred_hits++;
	else if (last)
		s->succ[last - 1] = pos + 1;
	s->pred_tries++;
	s->pred_last = pos + 1;
}

/*
 * The diagnostic @r, whose key is @k, counted in its group of @s; @k is
 * used up (its group changed)
 */
static void count_diag(struct summary *s, const struct record *r,
		       struct diag_key *k)
{
	struct token_memo *last = token_last;
	struct strbuf sb = STRBUF_INIT;
	struct diag_group *g, *d = &k->d;
	size_t id_len, slot;

	/*
	 * A message seen before as its own identity text counts without
	 * being normalised again; the others are, and their text is
	 * interned only when their group is new. The group that
	 * summary_add_records() fetched or foretold is most often the one:
	 * groups do not move in the array, nor change identity, and one
	 * group has an identity.
	 */
	if (k->pos < s->nr_diag && diag_same(&s->diag[k->pos], d)) {
		g = &s->diag[k->pos];
	} else {
		if (!k->hashed)
			diag_hash_key(r, k);
		g = find_diag(s, d, d->msg_hash, &slot);
	}
	if (g && g->plain) {
		g->count++;
	} else {
		if (!k->hashed)
			diag_hash_key(r, k);
		d->message = identity_text(r->message, k->len, &sb, &id_len);
		if (d->message == r->message) {
			/* the group looked up is its identity's */
			d->plain = true;
			if (g) {
				g->count++;
				g->plain = true;
			} else {
				g = new_diag(s, d, d->msg_hash, slot,
					     false);
			}
		} else {
			d->msg_hash = hash_bytes(d->message, id_len);
			g = add_diag(s, d, d->msg_hash, false);
		}
		strbuf_release(&sb);
	}
	if (r->includer && r->includer != r->file)
		add_includer_interned(g, token_of(r->includer,
						  &last[LAST_INCLUDER]));
	note_successor(s, g - s->diag);
}

/* summary_add_record(), a diagnostic's @key made already */
static void add_record(struct summary *s, const struct record *r,
		       struct diag_key *key)
{
	struct source_counts *c;
	struct failure f;
	char *name;

	/* records carry interned sources, most often the first one's */
	if (s->nr_src && s->src[0].source == r->source)
		c = &s->src[0];
	else
		c = summary_source(s, r->source);
	/* what a build log is made of first, on the short way */
	if (r->type == REC_DIAG) {
		c->has_diags = true;
		c->diags[r->severity]++;
		count_diag(s, r, key);
		return;
	}
	f = (struct failure){ .source = r->source };
	if (r->origin && (r->type == REC_TEST || r->type == REC_BUILD)) {
		struct origin_counts *o = summary_origin(s, token(r->origin));

		if (r->type == REC_TEST) {
			o->tests[r->status]++;
		} else {
			o->builds++;
			o->builds_failed += r->failed;
		}
		if (r->type == REC_BUILD ? r->failed :
		    r->status == TEST_FAIL || r->status == TEST_ERROR) {
			struct ci_failure cf = {
				.origin = o->origin,
				.build = r->type == REC_BUILD,
				.status = r->type == REC_BUILD ? TEST_FAIL :
					  r->status,
				.name = summary_failure_name(r),
				.log = r->log_url ? one_line(r->log_url) : NULL,
				.issues = r->issues,
			};

			summary_add_ci_failure(s, &cf);
		}
	}
	switch (r->type) {
	case REC_TEST:
		c->has_tests = true;
		c->tests[r->status]++;
		if (r->status == TEST_PASS)
			break;
		name = test_path_join(r);
		f.status = r->status;
		f.name = one_line(name);
		f.reason = r->reason;
		if (r->status == TEST_SKIP)
			summary_add_skip(s, &f);
		else
			summary_add_failure(s, &f);
		free(name);
		break;
	case REC_BUILD:
		c->has_builds = true;
		c->builds++;
		if (!r->failed)
			break;
		c->builds_failed++;
		f.status = TEST_FAIL;
		f.name = one_line(r->target ? r->target : "(make)");
		summary_add_failure(s, &f);
		break;
	case REC_DIAG:
		break;		/* counted above */
	case REC_NOTICE: {
		struct notice_group n = {
			.source = token_interned(r->source),
			.tool = token_interned(r->tool),
			.count = 1,
		};
		struct strbuf sb = STRBUF_INIT;

		/* a notice is about one input: say which */
		if (r->input)
			strbuf_addf(&sb, "%s: ", strcmp(r->input, "-") ?
				    path_basename(r->input) : "stdin");
		strbuf_addstr(&sb, r->message);
		n.message = one_line(sb.buf);
		strbuf_release(&sb);
		c->notices++;
		summary_add_notice(s, &n);
		break;
	}
	}
}

/**
 * summary_add_record() - count one record in a summary
 * @s: the summary
 * @r: the record; the summary keeps no pointer into it
 */
void summary_add_record(struct summary *s, const struct record *r)
{
	struct diag_key k;

	if (r->type == REC_DIAG)
		diag_key(r, &k);
	add_record(s, r, &k);
}

/*
 * How many records ahead summary_add_records() works: the index slot of a
 * record's group is asked for that many records before it is counted,
 * the group a third of that later, and its message another third later.
 * The keys are kept in a ring of KEY_RING, a power of two.
 */
#define AHEAD		12
#define KEY_RING	16
_Static_assert(!(KEY_RING & (KEY_RING - 1)) && KEY_RING >= AHEAD,
	       "a power of two, holding AHEAD keys");

/*
 * The position of @k's group, most often, as the first slot from @k's
 * with @k's tag holds it (that slot's cache line prefetched), or SIZE_MAX
 */
static inline size_t slot_group(const struct summary *s,
				const struct diag_key *k)
{
	const struct group_index *ix = &s->diag_index;
	size_t j, n;

	if (!ix->size)
		return SIZE_MAX;
	for (j = k->h & (ix->size - 1), n = 0; ix->slot[j].pos && n < 4;
	     j = (j + 1) & (ix->size - 1), n++)
		if (ix->slot[j].tag == (uint32_t)(k->h >> 32))
			return ix->slot[j].pos - 1;
	return SIZE_MAX;
}

/*
 * One step of summary_add_records() at record @i of @n: the key of record
 * @i is made and its index slot fetched, the group of the key AHEAD / 3
 * before it fetched, the message of the one 2 * AHEAD / 3 before, and the
 * record AHEAD before counted; those outside [0, @n) are skipped.
 */
static inline void add_step(struct summary *s, const struct record *r,
			    size_t n, size_t i, struct diag_key *key)
{
	const struct group_index *ix = &s->diag_index;
	struct diag_key *k;
	size_t j;

	/* the oldest key first: the newest takes its place */
	if (i >= AHEAD && i - AHEAD < n) {
		j = i - AHEAD;
		add_record(s, &r[j], &key[j % KEY_RING]);
	}
	/*
	 * A group's position, not its address: groups added since may have
	 * moved the array
	 */
	j = i - 2 * AHEAD / 3;
	k = &key[j % KEY_RING];
	if (i >= 2 * AHEAD / 3 && j < n && r[j].type == REC_DIAG &&
	    k->pos < s->nr_diag) {
		const char *msg = s->diag[k->pos].message;

		/* both ends: strcmp() reads up to the NUL */
		__builtin_prefetch(msg);
		__builtin_prefetch(msg + k->len);
	}
	j = i - AHEAD / 3;
	k = &key[j % KEY_RING];
	if (i >= AHEAD / 3 && j < n && r[j].type == REC_DIAG) {
		k->pos = slot_group(s, k);
		if (k->pos < s->nr_diag)
			__builtin_prefetch(&s->diag[k->pos]);
	}
	k = &key[i % KEY_RING];
	if (i < n && r[i].type == REC_DIAG) {
		diag_key(&r[i], k);
		if (ix->size)
			__builtin_prefetch(&ix->slot[k->h & (ix->size - 1)]);
	}
}

/**
 * summary_add_records() - count records in a summary
 * @s: the summary
 * @r: the records; the summary keeps no pointer into them
 * @n: how many
 *
 * What summary_add_record() does for each, in the same order, one of two
 * ways. A log that builds the same units again (another configuration, a
 * rebuild) repeats its diagnostics in the same order: the group that
 * followed the last one counted, the last time, is tried first, by
 * identity, and the message is hashed only when that was not its group.
 * While 3 in 4 diagnostics are foretold, the next records are counted
 * that way. Otherwise the index of the groups, much larger than the cache
 * of a large build, is looked in, and each lookup would wait for memory
 * three times: for the slot, the group, its message. So each key is made
 * AHEAD records before it is counted, and the three are fetched ahead
 * (prefetched), one after the other.
 */
void summary_add_records(struct summary *s, const struct record *r,
			 size_t n)
{
	unsigned long hits = s->pred_hits, tries = s->pred_tries;
	struct diag_key key[KEY_RING];
	size_t i, next;

	if (s->predicting) {
		for (i = 0; i < n; i++) {
			next = s->pred_last ? s->succ[s->pred_last - 1] : 0;
			if (r[i].type == REC_DIAG && next)
				diag_names_as(s, &r[i], next - 1, key);
			else if (r[i].type == REC_DIAG)
				diag_names(&r[i], key);
			add_record(s, &r[i], key);
		}
	} else {
		for (i = 0; i < n + AHEAD; i++)
			add_step(s, r, n, i, key);
	}
	/* the next records the same way while 3 in 4 are foretold */
	hits = s->pred_hits - hits;
	tries = s->pred_tries - tries;
	if (tries)
		s->predicting = hits * 4 >= tries * 3;
}

/**
 * summary_add_results() - fold parsed records into a summary
 * @s: the summary
 * @res: the records and inputs
 *
 * Call summary_finish() once everything is added.
 */
void summary_add_results(struct summary *s, const struct results *res)
{
	size_t i;

	summary_add_inputs(s, res);
	for (i = 0; i < res->nr; i++)
		summary_add_record(s, &res->rec[i]);
	if (res->folded)
		summary_merge(s, res->folded);
}

/**
 * summary_add_inputs() - the input lines of a summary
 * @s: the summary
 * @res: the inputs read
 */
void summary_add_inputs(struct summary *s, const struct results *res)
{
	size_t i;

	/* a RESULTS input brings its own input lines */
	for (i = 0; i < res->nr_in; i++)
		if (strcmp(res->in[i].kind, "results"))
			add_input_desc(s, &res->in[i]);
}

/**
 * summary_merge() - add one summary's contents to another
 * @dst: the summary added to
 * @src: the one read, e.g. from a RESULTS file
 */
void summary_merge(struct summary *dst, const struct summary *src)
{
	size_t i, k;

	if (!dst->release)
		dst->release = src->release;
	if (!dst->commit)
		dst->commit = src->commit;
	dst->abridged |= src->abridged;
	for (i = 0; i < src->nr_in; i++)
		summary_add_input(dst, &src->in[i]);
	for (i = 0; i < src->nr_tool; i++)
		summary_add_tool(dst, src->tool[i]);
	for (i = 0; i < src->nr_src; i++) {
		const struct source_counts *a = &src->src[i];
		struct source_counts *b = summary_source(dst, a->source);

		for (k = 0; k < TEST_NR_STATUS; k++)
			b->tests[k] += a->tests[k];
		for (k = 0; k < SEV_NR; k++)
			b->diags[k] += a->diags[k];
		b->builds += a->builds;
		b->builds_failed += a->builds_failed;
		b->notices += a->notices;
		b->has_tests |= a->has_tests;
		b->has_builds |= a->has_builds;
		b->has_diags |= a->has_diags;
	}
	for (i = 0; i < src->nr_fail; i++)
		summary_add_failure(dst, &src->fail[i]);
	for (i = 0; i < src->nr_skip; i++)
		summary_add_skip(dst, &src->skip[i]);
	for (i = 0; i < src->nr_origin; i++) {
		const struct origin_counts *a = &src->origin[i];
		struct origin_counts *b = summary_origin(dst, a->origin);

		b->builds += a->builds;
		b->builds_failed += a->builds_failed;
		for (k = 0; k < TEST_NR_STATUS; k++)
			b->tests[k] += a->tests[k];
	}
	for (i = 0; i < src->nr_cifail; i++)
		summary_add_ci_failure(dst, &src->cifail[i]);
	/* room for all of @src's groups at once, not a doubling at a time */
	if (src->nr_diag) {
		ALLOC_GROW(dst->diag, dst->nr_diag + src->nr_diag,
			   dst->alloc_diag);
		index_fit(&dst->diag_index, dst->nr_diag, src->nr_diag + 1,
			  dst->diag, sizeof(*dst->diag), diag_hash_v);
	}
	for (i = 0; i < src->nr_diag; i++)
		summary_add_diag(dst, &src->diag[i]);
	for (i = 0; i < src->nr_notice; i++)
		summary_add_notice(dst, &src->notice[i]);
	ext_merge(&dst->ext, &src->ext);
}

static int cmp_input(const void *pa, const void *pb)
{
	const struct input_desc *a = pa, *b = pb;
	size_t i;
	int c;

	c = strcmp_null(a->kind, b->kind);
	if (!c)
		c = strcmp_null(a->name, b->name);
	for (i = 0; !c && i < a->nr_label && i < b->nr_label; i++)
		c = strcmp_null(a->label[i], b->label[i]);
	if (!c)
		c = (a->nr_label > b->nr_label) - (a->nr_label < b->nr_label);
	return c;
}

/* qsort() that takes an empty array without a NULL pointer */
static void sort(void *base, size_t nmemb, size_t size,
		 int (*cmp)(const void *, const void *))
{
	if (nmemb > 1)
		qsort(base, nmemb, size, cmp);
}

static int cmp_labels(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static int cmp_tool(const void *pa, const void *pb)
{
	return cmp_labels(pa, pb);
}

static int cmp_source(const void *pa, const void *pb)
{
	const struct source_counts *a = pa, *b = pb;

	return strcmp(a->source, b->source);
}

static int cmp_origin(const void *pa, const void *pb)
{
	const struct origin_counts *a = pa, *b = pb;

	return strcmp(a->origin, b->origin);
}

static int cmp_ci_failure(const void *pa, const void *pb)
{
	return summary_cmp_ci_failure(pa, pb);
}

static int cmp_failure(const void *pa, const void *pb)
{
	const struct failure *a = pa, *b = pb;
	int c = strcmp_null(a->source, b->source);

	if (!c)
		c = strcmp_null(a->name, b->name);
	if (!c)
		c = (int)a->status - (int)b->status;
	if (!c)
		c = strcmp_null(a->reason, b->reason);
	return c;
}

/* By tool (RESULTS has a section per tool), errors first, then place */
static int cmp_diag(const void *pa, const void *pb)
{
	const struct diag_group *a = pa, *b = pb;
	int c = strcmp_null(a->tool, b->tool);

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

static int cmp_notice(const void *pa, const void *pb)
{
	const struct notice_group *a = pa, *b = pb;
	int c = strcmp_null(a->source, b->source);

	if (!c)
		c = strcmp_null(a->tool, b->tool);
	if (!c)
		c = strcmp_null(a->message, b->message);
	return c;
}

static int cmp_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Sort and collapse equal neighbours, adding their counts. Interned
 * strings make "equal" a pointer comparison.
 */
static void collapse_diags(struct summary *s)
{
	size_t i, n = 0;

	sort(s->diag, s->nr_diag, sizeof(*s->diag), cmp_diag);
	for (i = 0; i < s->nr_diag; i++) {
		if (n && !cmp_diag(&s->diag[n - 1], &s->diag[i])) {
			s->diag[n - 1].count += s->diag[i].count;
			merge_includers(&s->diag[n - 1], &s->diag[i]);
			free_includers(&s->diag[i]);
			continue;
		}
		s->diag[n++] = s->diag[i];
	}
	s->nr_diag = n;
	/* the includers in name order: their slots hold pointers only */
	for (i = 0; i < n; i++)
		if (s->diag[i].inc)
			sort(s->diag[i].inc->name, s->diag[i].inc->nr,
			     sizeof(*s->diag[i].inc->name), cmp_string);
}

static void collapse_notices(struct summary *s)
{
	size_t i, n = 0;

	sort(s->notice, s->nr_notice, sizeof(*s->notice), cmp_notice);
	for (i = 0; i < s->nr_notice; i++) {
		if (n && !cmp_notice(&s->notice[n - 1], &s->notice[i])) {
			s->notice[n - 1].count += s->notice[i].count;
			continue;
		}
		s->notice[n++] = s->notice[i];
	}
	s->nr_notice = n;
}

/**
 * summary_finish() - put a summary in its one deterministic order
 * @s: the summary
 *
 * Diagnostics and notices with the same identity are collapsed into one
 * group with the sum of their counts. The same failure seen twice (two
 * inputs, two configurations) is listed once.
 */
void summary_finish(struct summary *s)
{
	size_t i, n = 0;

	summary_reindex(s);
	for (i = 0; i < s->nr_in; i++)
		sort(s->in[i].label, s->in[i].nr_label,
		      sizeof(*s->in[i].label), cmp_labels);
	sort(s->in, s->nr_in, sizeof(*s->in), cmp_input);
	sort(s->tool, s->nr_tool, sizeof(*s->tool), cmp_tool);
	sort(s->src, s->nr_src, sizeof(*s->src), cmp_source);
	sort(s->fail, s->nr_fail, sizeof(*s->fail), cmp_failure);
	for (i = 0; i < s->nr_fail; i++) {
		if (n && !cmp_failure(&s->fail[n - 1], &s->fail[i])) {
			free(s->fail[i].reason);
			continue;
		}
		s->fail[n++] = s->fail[i];
	}
	s->nr_fail = n;
	sort(s->origin, s->nr_origin, sizeof(*s->origin), cmp_origin);
	sort(s->cifail, s->nr_cifail, sizeof(*s->cifail), cmp_ci_failure);
	sort(s->skip, s->nr_skip, sizeof(*s->skip), cmp_failure);
	for (i = 0, n = 0; i < s->nr_skip; i++) {
		if (n && !cmp_failure(&s->skip[n - 1], &s->skip[i])) {
			free(s->skip[i].reason);
			continue;
		}
		s->skip[n++] = s->skip[i];
	}
	s->nr_skip = n;
	collapse_diags(s);
	collapse_notices(s);
	ext_finish(&s->ext);
}

/**
 * summary_unique() - distinct diagnostics of a source
 * @s: a finished summary
 * @source: the source
 *
 * Return: the number of diagnostic groups of @source.
 */
unsigned long summary_unique(const struct summary *s, const char *source)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < s->nr_diag; i++)
		if (!strcmp(s->diag[i].source, source))
			n++;
	return n;
}

