// SPDX-License-Identifier: GPL-2.0
/*
 * The unit test runner: every suite in one SRunner. CK_VERBOSITY,
 * CK_FORK, CK_RUN_SUITE and CK_RUN_CASE work as Check documents them.
 *
 * With RESULTS_KTAP set, the results are also written to that file as
 * KTAP v1 (Documentation/dev-tools/ktap.rst), which "make results" reads
 * through the tool's own ktap kind: one subtest per suite, one per test
 * case (Check's TCase) in it, one result per test. Check's TestResult
 * names neither the suite nor the test, so the suites register those
 * names as they build themselves, through the wrappers that suites.h
 * puts in place of Check's functions; the results, in the order Check
 * ran them, are matched to the registered tests in the same order.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

/* Check's own functions, behind the wrappers */
#undef suite_create
#undef tcase_create
#undef suite_add_tcase
#undef _tcase_add_test

struct named_test {
	const char *name;
	int loops;		/* results it gives: its loop's iterations */
};

struct named_tcase {
	TCase *tc;
	const char *name;
	const struct named_suite *suite;
	struct named_test *test;
	size_t nr, alloc;
};

struct named_suite {
	Suite *s;
	const char *name;
	struct named_tcase **tc;
	size_t nr, alloc;
};

static struct named_suite **reg_suite;
static size_t nr_suite, alloc_suite;
static struct named_tcase **reg_tcase;
static size_t nr_tcase, alloc_tcase;

static void *grow(void *arr, size_t want, size_t *alloc, size_t size)
{
	if (want <= *alloc)
		return arr;
	*alloc = *alloc ? *alloc * 2 : 16;
	arr = realloc(arr, *alloc * size);
	if (!arr) {
		perror("check-results");
		exit(EXIT_FAILURE);
	}
	return arr;
}

Suite *ck_named_suite_create(const char *name)
{
	struct named_suite *ns = calloc(1, sizeof(*ns));

	if (!ns)
		exit(EXIT_FAILURE);
	ns->s = suite_create(name);
	ns->name = name;
	reg_suite = grow(reg_suite, nr_suite + 1, &alloc_suite,
			 sizeof(*reg_suite));
	reg_suite[nr_suite++] = ns;
	return ns->s;
}

TCase *ck_named_tcase_create(const char *name)
{
	struct named_tcase *nt = calloc(1, sizeof(*nt));

	if (!nt)
		exit(EXIT_FAILURE);
	nt->tc = tcase_create(name);
	nt->name = name;
	reg_tcase = grow(reg_tcase, nr_tcase + 1, &alloc_tcase,
			 sizeof(*reg_tcase));
	reg_tcase[nr_tcase++] = nt;
	return nt->tc;
}

static struct named_tcase *find_tcase(TCase *tc)
{
	size_t i;

	for (i = nr_tcase; i-- > 0;)
		if (reg_tcase[i]->tc == tc)
			return reg_tcase[i];
	return NULL;
}

void ck_named_suite_add_tcase(Suite *s, TCase *tc)
{
	struct named_tcase *nt = find_tcase(tc);
	size_t i;

	suite_add_tcase(s, tc);
	for (i = nr_suite; nt && i-- > 0;) {
		struct named_suite *ns = reg_suite[i];

		if (ns->s != s)
			continue;
		ns->tc = grow(ns->tc, ns->nr + 1, &ns->alloc, sizeof(*ns->tc));
		ns->tc[ns->nr++] = nt;
		nt->suite = ns;
		break;
	}
}

void ck_named_add_test(TCase *tc, const TTest *ttest, int signal,
		       int allowed_exit_value, int start, int end)
{
	struct named_tcase *nt = find_tcase(tc);

	_tcase_add_test(tc, ttest, signal, allowed_exit_value, start, end);
	if (!nt)
		return;
	nt->test = grow(nt->test, nt->nr + 1, &nt->alloc, sizeof(*nt->test));
	nt->test[nt->nr].name = ttest->name;
	nt->test[nt->nr].loops = end > start ? end - start : 1;
	nt->nr++;
}

/* Check's CK_RUN_SUITE and CK_RUN_CASE: what ran */
static bool selected(const char *var, const char *name)
{
	const char *want = getenv(var);

	return !want || !*want || !strcmp(want, name);
}

/* A KTAP description or diagnostic: one line, no '#' */
static void put_text(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\n' || *s == '#' ? ' ' : *s, f);
}

struct ktap_out {
	FILE *f;
	TestResult **tr;
	int nr, next;
};

static int tcase_failed(struct ktap_out *o, const struct named_tcase *nt,
			int at)
{
	size_t i;
	int k, bad = 0;

	for (i = 0; i < nt->nr; i++)
		for (k = 0; k < nt->test[i].loops; k++, at++)
			bad |= tr_rtype(o->tr[at]) != CK_PASS;
	return bad;
}

static void write_tcase(struct ktap_out *o, const struct named_tcase *nt,
			int num)
{
	FILE *f = o->f;
	int bad = tcase_failed(o, nt, o->next), n = 0, k;
	size_t i, total = 0;

	for (i = 0; i < nt->nr; i++)
		total += nt->test[i].loops;
	fprintf(f, "        KTAP version 1\n        # Subtest: %s\n        1..%zu\n",
		nt->name, total);
	for (i = 0; i < nt->nr; i++) {
		for (k = 0; k < nt->test[i].loops; k++) {
			TestResult *tr = o->tr[o->next++];
			int rt = tr_rtype(tr);

			if (rt == CK_FAILURE) {
				fprintf(f, "        # %s: %s:%d: ",
					nt->test[i].name, tr_lfile(tr),
					tr_lno(tr));
				put_text(f, tr_msg(tr));
				fputc('\n', f);
			}
			fprintf(f, "        %s %d %s", rt == CK_PASS ? "ok" :
				"not ok", ++n, nt->test[i].name);
			if (nt->test[i].loops > 1)
				fprintf(f, ":%d", k);
			if (rt == CK_ERROR) {
				/* a signal, a timeout, an early exit */
				fputs(" # ERROR ", f);
				put_text(f, tr_msg(tr));
			}
			fputc('\n', f);
		}
	}
	fprintf(f, "    %s %d %s\n", bad ? "not ok" : "ok", num, nt->name);
}

/*
 * The registered tests that ran, in Check's order. Return: their number,
 * or -1 when they do not line up with Check's results one by one.
 */
static int count_run(struct ktap_out *o)
{
	size_t i, j, t;
	int at = 0, k;

	for (i = 0; i < nr_suite; i++) {
		const struct named_suite *ns = reg_suite[i];

		if (!selected("CK_RUN_SUITE", ns->name))
			continue;
		for (j = 0; j < ns->nr; j++) {
			const struct named_tcase *nt = ns->tc[j];

			if (!selected("CK_RUN_CASE", nt->name))
				continue;
			for (t = 0; t < nt->nr; t++)
				for (k = 0; k < nt->test[t].loops; k++, at++)
					if (at >= o->nr ||
					    strcmp(tr_tcname(o->tr[at]),
						   nt->name))
						return -1;
		}
	}
	return at == o->nr ? at : -1;
}

static void write_ktap(SRunner *sr, const char *path)
{
	struct ktap_out o = { .nr = srunner_ntests_run(sr) };
	size_t i, j, nsuites = 0;
	int num = 0;

	o.f = fopen(path, "w");
	if (!o.f) {
		perror(path);
		return;
	}
	o.tr = srunner_results(sr);
	if (count_run(&o) < 0) {
		/* the names cannot be trusted: write none rather than wrong */
		fprintf(stderr, "check-results: %s: results and tests do not line up; not written\n",
			path);
		fclose(o.f);
		free(o.tr);
		remove(path);
		return;
	}
	for (i = 0; i < nr_suite; i++)
		if (selected("CK_RUN_SUITE", reg_suite[i]->name))
			nsuites++;
	fprintf(o.f, "KTAP version 1\n1..%zu\n", nsuites);
	for (i = 0; i < nr_suite; i++) {
		const struct named_suite *ns = reg_suite[i];
		int bad = 0, first = o.next, n = 0;
		size_t ntc = 0, t;

		if (!selected("CK_RUN_SUITE", ns->name))
			continue;
		for (j = 0; j < ns->nr; j++)
			if (selected("CK_RUN_CASE", ns->tc[j]->name)) {
				bad |= tcase_failed(&o, ns->tc[j], first);
				for (t = 0; t < ns->tc[j]->nr; t++)
					first += ns->tc[j]->test[t].loops;
				ntc++;
			}
		fprintf(o.f, "    KTAP version 1\n    # Subtest: %s\n    1..%zu\n",
			ns->name, ntc);
		for (j = 0; j < ns->nr; j++)
			if (selected("CK_RUN_CASE", ns->tc[j]->name))
				write_tcase(&o, ns->tc[j], ++n);
		fprintf(o.f, "%s %d %s\n", bad ? "not ok" : "ok", ++num,
			ns->name);
	}
	free(o.tr);
	if (fclose(o.f))
		perror(path);
}

int main(void)
{
	Suite *(*const suites[])(void) = {
		util_suite,
		strbuf_suite,
		model_suite,
		kbuild_suite,
		build_suite,
		kunit_suite,
		ktap_suite,
		results_suite,
		summary_suite,
		jsonw_suite,
		sparse_suite,
		dt_suite,
		cocci_suite,
		buildtools_suite,
		kcidb_suite,
		corpus_suite,
	};
	const char *ktap = getenv("RESULTS_KTAP");
	SRunner *sr = srunner_create(NULL);
	size_t i;
	int failed;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	if (ktap && *ktap)
		write_ktap(sr, ktap);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
