// SPDX-License-Identifier: GPL-2.0
/*
 * Small helpers: messages, allocation that dies on failure, interned
 * strings and locale-independent character tests.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util.h"

const char *progname = "results";

static void vreport(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/**
 * die() - print "results: MESSAGE" on stderr and exit with status 2
 * @fmt: printf format of the message
 */
void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	exit(2);
}

/**
 * error() - print "results: MESSAGE" on stderr
 * @fmt: printf format of the message
 *
 * Return: -1, so that callers can write "return error(...)".
 */
int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return -1;
}

/**
 * warning() - print "results: warning: MESSAGE" on stderr
 * @fmt: printf format of the message
 */
void warning(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: warning: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory allocating %zu bytes", size);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die("out of memory allocating %zu elements", nmemb);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die("out of memory allocating %zu bytes", size);
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/*
 * The intern pool: one copy of every distinct string (file names, tool
 * names, test suite names), so that records can share them and compare
 * them by pointer. It lives until the program exits. Each slot keeps the
 * string's hash and length, so that a probe rarely touches the string.
 */
struct intern_slot {
	const char *s;
	uint32_t hash;		/* the low half of the string's hash */
	uint32_t len;		/* its length, or UINT32_MAX when longer */
};

struct intern_pool {
	struct intern_slot *slot;
	size_t nr, size;
	char *arena;		/* where the next copy goes */
	size_t arena_left;
	void *blocks;		/* the last block; each starts with the one
				 * before, so that leak checkers, which do
				 * not look into the mapped slot table, see
				 * every copy reachable */
};

static struct intern_pool pool;
static uint64_t hash_seed;

/*
 * The copies live until exit and are never freed one by one: they are
 * cut from large blocks, which is cheaper than malloc and keeps them
 * close together.
 */
static char *pool_copy(const char *s, size_t n)
{
	char *copy;

	if (n + 1 > pool.arena_left) {
		size_t block = n + 1 > 16384 ? n + 1 : 65536;
		void **b = xmalloc(sizeof(void *) + block);

		*b = pool.blocks;
		pool.blocks = b;
		pool.arena = (char *)(b + 1);
		pool.arena_left = block;
	}
	copy = pool.arena;
	memcpy(copy, s, n);
	copy[n] = '\0';
	pool.arena += n + 1;
	pool.arena_left -= n + 1;
	return copy;
}

/*
 * RESULTS_HASH_SEED, read before main() runs, so that every hash is
 * taken with the same seed: the first intern()'s too.
 */
__attribute__((constructor)) static void hash_seed_init(void)
{
	const char *seed = getenv("RESULTS_HASH_SEED");

	/* for the tests: the output must not depend on it */
	if (seed)
		hash_seed = strtoull(seed, NULL, 0);
}

#define HASH_PRIME	1099511628211ULL	/* FNV's 64-bit prime */

/* One word into a lane of hash_bytes() */
static inline uint64_t hash_step(uint64_t h, const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	h = (h ^ w) * HASH_PRIME;
	return h ^ (h >> 29);
}

/**
 * hash_bytes() - the hash the intern pool and the summaries use
 * @s: the bytes
 * @n: their number
 *
 * Seeded by RESULTS_HASH_SEED: no output may depend on its value.
 *
 * Words of 8 bytes go into two lanes in turn, whose multiplies do not
 * wait for each other; the last bytes go in as one word that overlaps
 * the one before, with the length.
 *
 * Return: a 64-bit hash of the bytes.
 */
uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t a = 1469598103934665603ULL ^ hash_seed;
	uint64_t b = a ^ 0x9e3779b97f4a7c15ULL, h;
	size_t i = 0;

	for (; i + 16 <= n; i += 16) {
		a = hash_step(a, s + i);
		b = hash_step(b, s + i + 8);
	}
	if (i + 8 <= n) {
		a = hash_step(a, s + i);
		i += 8;
	}
	if (i < n && n >= 8) {
		uint64_t w;

		memcpy(&w, s + n - 8, 8);
		b = (b ^ w ^ n) * HASH_PRIME;
		b ^= b >> 29;
	} else {
		for (; i < n; i++) {
			b ^= (unsigned char)s[i];
			b *= HASH_PRIME;
		}
	}
	/* the lanes in one, each moved by its own multiplier */
	h = a * 0xc2b2ae3d27d4eb4fULL + b;
	/*
	 * The pool takes the low bits: mix every byte into them, or names
	 * that differ only at their end ("case_17", "case_18") crowd into
	 * a few slots (murmur3's finaliser)
	 */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

/*
 * The slot table of a large pool is probed at random, so that every
 * lookup of a new name misses the TLB on 4 KiB pages: ask for huge pages
 * (a hint; without them it works as before).
 */
#define HUGE_TABLE (2u << 20)

static struct intern_slot *slots_alloc(size_t size)
{
	size_t bytes = size * sizeof(struct intern_slot);
	void *p;

	if (bytes < HUGE_TABLE)
		return xcalloc(size, sizeof(struct intern_slot));
	/* fresh anonymous pages are zero: no memset to touch them twice */
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("out of memory");
	madvise(p, bytes, MADV_HUGEPAGE);
	return p;
}

static void slots_free(struct intern_slot *slot, size_t size)
{
	if (size * sizeof(*slot) < HUGE_TABLE)
		free(slot);
	else
		munmap(slot, size * sizeof(*slot));
}

static void pool_grow(void)
{
	size_t i, size = pool.size ? pool.size * 2 : 1024;
	struct intern_slot *slot;

	if (size > (size_t)UINT32_MAX)
		die("more than 2^31 distinct names");
	slot = slots_alloc(size);
	/* the slot keeps the hash bits that pick it: no string is read */
	for (i = 0; i < pool.size; i++) {
		size_t j;

		if (!pool.slot[i].s)
			continue;
		j = pool.slot[i].hash & (size - 1);
		while (slot[j].s)
			j = (j + 1) & (size - 1);
		slot[j] = pool.slot[i];
	}
	slots_free(pool.slot, pool.size);
	pool.slot = slot;
	pool.size = size;
}

/**
 * intern_n() - the one shared copy of a string
 * @s: the bytes; need not be NUL-terminated
 * @n: their number
 *
 * Return: a NUL-terminated string equal to @s that lives until exit. Equal
 * strings give the same pointer.
 */
const char *intern_n(const char *s, size_t n)
{
	uint64_t h = hash_bytes(s, n);
	uint32_t len32 = n < UINT32_MAX ? n : UINT32_MAX;
	size_t i;
	char *copy;

	if ((pool.nr + 1) * 2 > pool.size)
		pool_grow();
	i = h & (pool.size - 1);
	while (pool.slot[i].s) {
		const struct intern_slot *e = &pool.slot[i];

		if (e->hash == (uint32_t)h && e->len == len32 &&
		    !memcmp(e->s, s, n) && (n < UINT32_MAX || !e->s[n]))
			return e->s;
		i = (i + 1) & (pool.size - 1);
	}
	copy = pool_copy(s, n);
	pool.slot[i].s = copy;
	pool.slot[i].hash = h;
	pool.slot[i].len = len32;
	pool.nr++;
	return copy;
}

/**
 * intern_prefetch() - start fetching the pool's slot of a name to come
 * @h: the name's hash_bytes()
 *
 * A hint: an intern_n() of the name soon after finds its slot in the
 * cache. The pool may grow in between; nothing depends on it.
 */
void intern_prefetch(uint64_t h)
{
	if (pool.size)
		__builtin_prefetch(&pool.slot[h & (pool.size - 1)]);
}

/**
 * intern() - the one shared copy of a NUL-terminated string
 * @s: the string, or NULL
 *
 * Return: the shared copy, or NULL when @s is NULL.
 */
const char *intern(const char *s)
{
	return s ? intern_n(s, strlen(s)) : NULL;
}

/* intern_static()'s memory of the strings it was given, by address */
struct intern_memo intern_memo[INTERN_MEMO];

const char *path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

