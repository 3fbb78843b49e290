/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RESULTS_UTIL_H
#define RESULTS_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __noreturn __attribute__((noreturn))
#define __noinline __attribute__((noinline))

/*
 * Grow an array of @nr used elements to hold at least @want elements,
 * tracking the allocated count in @alloc.
 */
#define ALLOC_GROW(arr, want, alloc)					\
	do {								\
		if ((want) > (alloc)) {					\
			(alloc) = (alloc) ? (alloc) * 2 : 16;		\
			if ((alloc) < (want))				\
				(alloc) = (want);			\
			(arr) = xrealloc((arr), (alloc) * sizeof(*(arr))); \
		}							\
	} while (0)

extern const char *progname;

void die(const char *fmt, ...) __printf(1, 2) __noreturn;
int error(const char *fmt, ...) __printf(1, 2);
void warning(const char *fmt, ...) __printf(1, 2);

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

const char *intern(const char *s);
const char *intern_n(const char *s, size_t n);
void intern_prefetch(uint64_t h);
uint64_t hash_bytes(const char *s, size_t n);

#define INTERN_MEMO	64

struct intern_memo {
	const char *key, *val;
};

extern struct intern_memo intern_memo[INTERN_MEMO];

/**
 * intern_static() - intern() of a string whose bytes never change
 * @s: a string literal or an interned string, or NULL
 *
 * Such a string is looked up by its address first: the names that every
 * record of a big log carries ("build", "gcc") are not hashed again for
 * each. Never pass a buffer whose contents change.
 *
 * Return: the shared copy, or NULL when @s is NULL.
 */
static inline const char *intern_static(const char *s)
{
	struct intern_memo *m;

	if (!s)
		return NULL;
	m = &intern_memo[((uintptr_t)s >> 4 ^ (uintptr_t)s >> 10) &
			 (INTERN_MEMO - 1)];
	if (m->key != s) {
		m->val = intern(s);
		m->key = s;
	}
	return m->val;
}

/**
 * ptr_hash() - the slot of a pointer in an open-addressing table
 * @p: the pointer, compared by address
 * @size: the table's size, a power of two
 *
 * Return: a slot in [0, @size).
 */
static inline size_t ptr_hash(const void *p, size_t size)
{
	uintptr_t v = (uintptr_t)p;

	v ^= v >> 17;
	v *= 0x9e3779b97f4a7c15ULL;
	return (v >> 7) & (size - 1);
}

/*
 * The small string helpers every line of a log goes through, inline: most
 * calls fail at the first byte, which is cheaper than any call.
 */

/* Locale-free character classes: the C locale's, whatever LANG says. */
static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline bool is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool is_alnum(int c)
{
	return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z');
}

/*
 * Eight bytes at a time (SWAR): the bytes of a word that are below @n
 * (1 <= @n <= 0x80), or equal to @c, as their high bits. The lowest such
 * byte is always found; one above it may be a false alarm, so a caller
 * that finds any looks at those bytes one by one.
 */
#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGHS	0x8080808080808080ULL

static inline uint64_t swar_below(uint64_t w, unsigned char n)
{
	return (w - SWAR_ONES * n) & ~w & SWAR_HIGHS;
}

static inline uint64_t swar_equal(uint64_t w, unsigned char c)
{
	return swar_below(w ^ (SWAR_ONES * c), 1);
}

/**
 * skip_prefix() - the rest of a string after a prefix
 * @s: the string
 * @prefix: what it should start with
 *
 * Return: the text after @prefix, or NULL when @s does not start with it.
 */
static inline const char *skip_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return NULL;
	return s;
}

static inline bool starts_with(const char *s, const char *prefix)
{
	return skip_prefix(s, prefix) != NULL;
}

/* Do the @len bytes at @s end with @suffix? */
static inline bool ends_with_n(const char *s, size_t len, const char *suffix)
{
	size_t m = strlen(suffix);

	return len >= m && !memcmp(s + len - m, suffix, m);
}

static inline bool ends_with(const char *s, const char *suffix)
{
	return ends_with_n(s, strlen(s), suffix);
}

/* strcmp() that takes NULL, which sorts first */
static inline int strcmp_null(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a || !b)
		return a ? 1 : -1;
	return strcmp(a, b);
}

static inline const char *skip_digits(const char *s)
{
	while (is_digit(*s))
		s++;
	return s;
}

static inline const char *skip_spaces(const char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

const char *path_basename(const char *path);

/**
 * parse_ulong() - read a decimal number
 * @s: where the digits start
 * @end: set to the first byte after the digits; may be NULL
 * @val: the value
 *
 * Return: true when at least one digit was read and the value fits.
 */
static inline bool parse_ulong(const char *s, const char **end,
			       unsigned long *val)
{
	unsigned long v = 0;
	const char *p = s;

	while (is_digit(*p)) {
		unsigned long d = *p - '0';

		if (v > (~0UL - d) / 10)
			return false;
		v = v * 10 + d;
		p++;
	}
	if (p == s)
		return false;
	if (end)
		*end = p;
	*val = v;
	return true;
}

/**
 * skip_prefix_n() - skip_prefix() of a string whose length is known
 * @s: the string
 * @len: its length (strlen(@s), or more bytes that may be read)
 * @prefix: what it should start with; it holds no NUL
 * @n: the length of @prefix
 *
 * With a literal @prefix (skip_literal()), the compiler compares whole
 * words instead of looping over bytes.
 *
 * Return: the text after @prefix, or NULL when @s does not start with it.
 */
static inline const char *skip_prefix_n(const char *s, size_t len,
					const char *prefix, size_t n)
{
	return len >= n && !memcmp(s, prefix, n) ? s + n : NULL;
}

/* skip_prefix_n() of a string literal, its length counted at build time */
#define skip_literal(s, len, lit) \
	skip_prefix_n(s, len, "" lit, sizeof(lit) - 1)

/**
 * swar_first() - the first byte of a word that is not zero
 * @mask: eight bytes, not all zero: swar_equal_exact()'s high bits, or
 *	  any word whose zero bytes are the ones to pass over
 *
 * Return: its offset from the start of the word, in memory order.
 */
static inline unsigned int swar_first(uint64_t mask)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_ctzll(mask) / 8;
#else
	return __builtin_clzll(mask) / 8;
#endif
}

/* 16 bytes at once, where the compiler has vectors (GNU C) */
typedef unsigned char bytes16 __attribute__((vector_size(16)));

/* The 16 bytes at @s, which may be read, as a vector */
static inline bytes16 load16(const char *s)
{
	bytes16 v;

	memcpy(&v, s, 16);
	return v;
}

/**
 * skip_spaces_n() - skip_spaces() of a string whose length is known
 * @s: the string
 * @len: its length (strlen(@s), or more bytes that may be read)
 *
 * Runs of blanks, as a compiler's excerpt lines start with, are skipped
 * eight bytes at a time.
 *
 * Return: the first byte that is not a space.
 */
static inline const char *skip_spaces_n(const char *s, size_t len)
{
	for (; len >= 8; s += 8, len -= 8) {
		uint64_t w;

		memcpy(&w, s, 8);
		w ^= SWAR_ONES * ' ';
		if (w) {
			/* the first byte that is not ' ' */
			s += swar_first(w);
			break;
		}
	}
	return skip_spaces(s);
}

/**
 * swar_equal_exact() - swar_equal() with no false alarm
 * @w: eight bytes, as memcpy() reads them
 * @c: the byte looked for
 *
 * No carry crosses a byte: each flagged byte equals @c, whatever the byte
 * order, for two more operations than swar_equal().
 *
 * Return: the bytes of @w equal to @c, as their high bits.
 */
static inline uint64_t swar_equal_exact(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (SWAR_ONES * c);

	return ~(((x & ~SWAR_HIGHS) + ~SWAR_HIGHS) | x) & SWAR_HIGHS;
}

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/**
 * bytes16_bits() - the high bits of 16 bytes
 * @m: the bytes: most often a comparison's result, 0 or 0xff each
 *
 * Return: the bytes whose high bits are set (those of a comparison that
 * hold), as bits 0-15 in memory order.
 */
static inline unsigned int bytes16_bits(bytes16 m)
{
#ifdef __SSE2__
	return _mm_movemask_epi8((__m128i)m);
#else
	unsigned char b[16];
	unsigned int bits = 0, i;

	memcpy(b, &m, 16);
	for (i = 0; i < 16; i++)
		bits |= (unsigned int)(b[i] >> 7) << i;
	return bits;
#endif
}

#endif /* RESULTS_UTIL_H */
