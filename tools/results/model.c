// SPDX-License-Identifier: GPL-2.0
/*
 * The record model: records, inputs, labels and coverage sets.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "strbuf.h"
#include "summary.h"
#include "util.h"

void results_init(struct results *res)
{
	memset(res, 0, sizeof(*res));
}

static void record_release(struct record *r)
{
	/* most have none of these: a folding parse drops every record */
	if (r->path && !r->path_pooled)
		free(r->path);
	if (r->reason)
		free(r->reason);
	if (r->message && !r->message_pooled)
		free(r->message);
	if (r->context)
		free(r->context);
}

/**
 * record_set_message() - give a record a new message
 * @r: the record
 * @msg: a malloc'd message, which the record owns from now on
 *
 * The message it had is freed, unless it came from results_alloc().
 */
void record_set_message(struct record *r, char *msg)
{
	if (!r->message_pooled)
		free(r->message);
	r->message = msg;
	r->message_pooled = false;
}

/**
 * results_clear_records() - drop the records, keep the inputs
 * @res: the model
 *
 * For commands that print each input's records as soon as it is read, so
 * that memory does not grow with the number of inputs.
 */
void results_clear_records(struct results *res)
{
	results_truncate(res, 0);
}

/*
 * The names of test results that need no interning (hundreds of
 * thousands of distinct leaf names, each once) are cut from blocks that
 * live while records do: a folding parse drops its records a batch at a
 * time, and the blocks with them.
 */
struct name_block {
	struct name_block *next;
	char text[];
};

#define NAME_BLOCK	65536

static void free_names(struct results *res)
{
	while (res->names) {
		struct name_block *b = res->names;

		res->names = b->next;
		free(b);
	}
	res->names_left = 0;
}

/* results_alloc()'s new block, for @size bytes at least */
void *results_alloc_block(struct results *res, size_t size)
{
	size_t bsize = size > NAME_BLOCK ? size : NAME_BLOCK;
	struct name_block *b = xmalloc(sizeof(*b) + bsize);

	b->next = res->names;
	res->names = b;
	res->names_next = b->text + size;
	res->names_left = bsize - size;
	return b->text;
}

/**
 * results_name() - a copy of a name for a record's path
 * @res: the model
 * @s: the name; need not be NUL-terminated
 * @n: its length
 *
 * For names that are not compared by pointer: cheaper than intern() when
 * most names are distinct.
 *
 * Return: a NUL-terminated copy, valid while @res holds records.
 */
const char *results_name(struct results *res, const char *s, size_t n)
{
	char *copy = results_alloc(res, n + 1);

	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

/**
 * results_truncate() - drop the records from @nr on
 * @res: the model
 * @nr: how many records to keep
 */
void results_truncate(struct results *res, size_t nr)
{
	size_t i;

	for (i = nr; i < res->nr; i++)
		record_release(&res->rec[i]);
	if (nr < res->nr) {
		/* zeroed for results_add(), all at once */
		memset(&res->rec[nr], 0, (res->nr - nr) * sizeof(*res->rec));
		res->nr = nr;
	}
	if (!res->nr)
		free_names(res);
}

/**
 * results_grow() - make room for more records
 * @res: the model, whose records fill their array
 *
 * The room past the records is kept zeroed, here and when records are
 * dropped (results_truncate()): results_add() then sets only the fields
 * it is given, a build log's records being made and dropped by the
 * hundred thousand.
 */
void results_grow(struct results *res)
{
	size_t old = res->alloc;

	ALLOC_GROW(res->rec, res->nr + 1, res->alloc);
	memset(&res->rec[old], 0, (res->alloc - old) * sizeof(*res->rec));
}


void results_release(struct results *res)
{
	size_t i;

	for (i = 0; i < res->nr; i++)
		record_release(&res->rec[i]);
	for (i = 0; i < res->nr_in; i++) {
		struct input *in = &res->in[i];

		free(in->label);
		nameset_release(&in->units);
		nameset_release(&in->checked);
		nameset_release(&in->suites);
		nameset_release(&in->scripts);
		nameset_release(&in->dirs);
		nameset_release(&in->dtbs);
		nameset_release(&in->bindings);
		nameset_release(&in->tools);
	}
	free_names(res);
	free(res->rec);
	free(res->in);
	if (res->imported) {
		summary_release(res->imported);
		free(res->imported);
	}
	if (res->folded) {
		summary_release(res->folded);
		free(res->folded);
	}
	results_init(res);
}

/**
 * results_add_input() - register an input file
 * @res: the model
 * @name: the file as given, "-" for stdin
 * @kind: the kind given or detected
 *
 * Return: the new input, valid until the next results_add_input().
 */
struct input *results_add_input(struct results *res, const char *name,
				const char *kind)
{
	struct input *in;

	ALLOC_GROW(res->in, res->nr_in + 1, res->alloc_in);
	in = &res->in[res->nr_in++];
	memset(in, 0, sizeof(*in));
	in->name = intern(name);
	in->display = intern(strcmp(name, "-") ? path_basename(name) :
			     "stdin");
	in->kind = intern(kind);
	in->first_rec = res->nr;
	return in;
}

/**
 * input_set_label() - set a label of an input
 * @in: the input
 * @key: the label's name
 * @value: its value
 * @given: true when the user gave it; a given label is never replaced by
 *	   one read from the log
 */
void input_set_label(struct input *in, const char *key, const char *value,
		     bool given)
{
	size_t i;

	key = intern(key);
	for (i = 0; i < in->nr_label; i++) {
		if (in->label[i].key != key)
			continue;
		if (in->label[i].given && !given)
			return;
		in->label[i].value = intern(value);
		in->label[i].given = given;
		return;
	}
	ALLOC_GROW(in->label, in->nr_label + 1, in->alloc_label);
	in->label[in->nr_label].key = key;
	in->label[in->nr_label].value = intern(value);
	in->label[in->nr_label].given = given;
	in->nr_label++;
}

const char *input_label(const struct input *in, const char *key)
{
	size_t i;

	for (i = 0; i < in->nr_label; i++)
		if (!strcmp(in->label[i].key, key))
			return in->label[i].value;
	return NULL;
}

/* Put @name, whose hash is @h, in a free slot of @set's table */
static void nameset_put(struct nameset *set, const char *name, uint64_t h,
			size_t len)
{
	size_t j = h & (set->size - 1);

	while (set->slot[j].name)
		j = (j + 1) & (set->size - 1);
	set->slot[j].name = name;
	set->slot[j].hash = h;
	set->slot[j].len = len;
}

static void nameset_rehash(struct nameset *set)
{
	size_t i, size = set->size ? set->size * 2 : 64;

	free(set->slot);
	set->slot = xcalloc(size, sizeof(*set->slot));
	set->size = size;
	for (i = 0; i < set->nr; i++) {
		size_t len = strlen(set->name[i]);

		nameset_put(set, set->name[i], hash_bytes(set->name[i], len),
			    len);
	}
}

/* The name of @set that has the bytes of @s, whose hash is @h, or NULL */
static inline const char *nameset_find(const struct nameset *set,
				       const char *s, size_t len, uint64_t h)
{
	size_t j;

	if (!set->size)
		return NULL;
	for (j = h & (set->size - 1); set->slot[j].name;
	     j = (j + 1) & (set->size - 1)) {
		const struct nameslot *e = &set->slot[j];

		if (e->hash == (uint32_t)h && e->len == len &&
		    !memcmp(e->name, s, len))
			return e->name;
	}
	return NULL;
}

/**
 * nameset_prefetch() - start fetching the slot of a name to come
 * @set: the set
 * @h: the name's hash_bytes()
 *
 * A hint, as intern_prefetch() is.
 */
void nameset_prefetch(const struct nameset *set, uint64_t h)
{
	if (set->size)
		__builtin_prefetch(&set->slot[h & (set->size - 1)]);
}

bool nameset_has(const struct nameset *set, const char *name)
{
	size_t len = strlen(name);

	return nameset_find(set, name, len, hash_bytes(name, len));
}

/*
 * Add @name once. A set is looked in by the names' bytes, not by the
 * interned copies' addresses: a name seen before (a unit built again)
 * is found in the set's own table, small enough to stay in the cache,
 * without a lookup in the intern pool. @name, of @len bytes and hash @h
 * (hash_bytes()), is interned here unless @interned.
 */
static void nameset_insert(struct nameset *set, const char *name,
			   size_t len, uint64_t h, bool interned)
{
	if (nameset_find(set, name, len, h))
		return;
	if (!interned)
		name = intern_n(name, len);
	ALLOC_GROW(set->name, set->nr + 1, set->alloc);
	set->name[set->nr++] = name;
	if (set->nr * 2 > set->size)
		nameset_rehash(set);
	else
		nameset_put(set, name, h, len);
}

/**
 * nameset_add() - add a name to a set, once
 * @set: the set
 * @name: the name; interned here
 */
void nameset_add(struct nameset *set, const char *name)
{
	size_t len = strlen(name);

	nameset_insert(set, name, len, hash_bytes(name, len), false);
}

/**
 * nameset_add_n() - nameset_add() of a name whose length is known
 * @set: the set
 * @name: the name; interned here
 * @len: its length
 */
void nameset_add_n(struct nameset *set, const char *name, size_t len)
{
	nameset_insert(set, name, len, hash_bytes(name, len), false);
}

/**
 * nameset_add_hashed() - nameset_add_n() of a name whose hash is known
 * @set: the set
 * @name: the name; interned here
 * @len: its length
 * @h: its hash_bytes(), as nameset_prefetch() was given it
 */
void nameset_add_hashed(struct nameset *set, const char *name, size_t len,
			uint64_t h)
{
	nameset_insert(set, name, len, h, false);
}

/**
 * nameset_add_interned() - nameset_add() of a name interned already
 * @set: the set
 * @name: the name, from intern()
 */
void nameset_add_interned(struct nameset *set, const char *name)
{
	size_t len = strlen(name);

	nameset_insert(set, name, len, hash_bytes(name, len), true);
}

void nameset_release(struct nameset *set)
{
	free(set->name);
	free(set->slot);
	memset(set, 0, sizeof(*set));
}

static const char *const status_names[TEST_NR_STATUS] = {
	[TEST_PASS] = "PASS",
	[TEST_FAIL] = "FAIL",
	[TEST_SKIP] = "SKIP",
	[TEST_ERROR] = "ERROR",
};

static const char *const severity_names[SEV_NR] = {
	[SEV_ERROR] = "error",
	[SEV_WARNING] = "warning",
	[SEV_INFO] = "info",
};

const char *test_status_name(enum test_status st)
{
	return status_names[st];
}

const char *severity_name(enum severity sev)
{
	return severity_names[sev];
}

/* Return: the status named @s, or -1. */
int test_status_parse(const char *s)
{
	int i;

	for (i = 0; i < TEST_NR_STATUS; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	return -1;
}

/* Return: the severity named @s, or -1. */
int severity_parse(const char *s)
{
	int i;

	for (i = 0; i < SEV_NR; i++)
		if (!strcmp(s, severity_names[i]))
			return i;
	return -1;
}

/**
 * test_path_join() - a test's path as one name
 * @r: a test record
 *
 * Return: the names joined by '.', as kunit.py prints them; the caller
 * frees it. An empty name (kunit.py's crash placeholder) shows as "".
 */
char *test_path_join(const struct record *r)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned int i;

	for (i = 0; i < r->depth; i++) {
		if (i)
			strbuf_addch(&sb, '.');
		strbuf_addstr(&sb, r->path[i][0] ? r->path[i] : "\"\"");
	}
	if (!sb.len)
		strbuf_addstr(&sb, "\"\"");
	return strbuf_detach(&sb);
}
