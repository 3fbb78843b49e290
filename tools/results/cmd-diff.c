// SPDX-License-Identifier: GPL-2.0
/*
 * results diff OLD NEW: what changed from one release to another. Each
 * side is a RESULTS file or a git revision, whose RESULTS is read from
 * its tree (or from its note in refs/notes/results).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "compare.h"
#include "git.h"
#include "jsonw.h"
#include "render.h"
#include "strbuf.h"

static const char diff_usage[] =
"usage: results diff [--json] [--known FILE] [--fail-on LIST] OLD NEW\n"
"\n"
"Compare two releases by identity (no line numbers). OLD and NEW are\n"
"RESULTS files or git revisions (REV:RESULTS, else REV's note in\n"
"refs/notes/results); a file of that name wins over a revision.\n"
"\n"
"  --json              one JSON object: the arrays new, more, fixed,\n"
"                      still, not_checked, gone and known\n"
"  --known FILE        known issues (YAML): never new\n"
"  --fail-on LIST      exit 1 when one of these holds (comma-separated):\n"
"                      new, more, new:SOURCE, new:SOURCE:SEVERITY, ...\n"
"                      (SEVERITY: error, warning, info, fail)\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0, 1 when --fail-on holds, 2 on trouble.\n";

/* "arch=x86 compiler=gcc" as {"arch":"x86","compiler":"gcc"} */
static void config_json(const char *config, struct strbuf *out)
{
	const char *p = config;
	bool first = true;

	strbuf_addch(out, '{');
	while (strcmp(config, "-") && *p) {
		const char *e = strchrnul(p, ' ');
		const char *eq = memchr(p, '=', e - p);
		char *key, *val;

		if (eq) {
			key = xstrndup(p, eq - p);
			val = xstrndup(eq + 1, e - eq - 1);
			jw_str_field(out, &first, key, val);
			free(key);
			free(val);
		}
		p = *e ? e + 1 : e;
	}
	strbuf_addch(out, '}');
}

static bool is_new(enum change_kind kind)
{
	return kind == CHANGE_NEW || kind == CHANGE_KNOWN;
}

/* One item of a comparison, with the configurations of @s it is in */
static void change_json(const struct summary *s, const struct change *c,
		 struct strbuf *out)
{
	const char **cfg;
	bool first = true;
	size_t i, nr;

	strbuf_addch(out, '{');
	jw_str_field(out, &first, "type", c->diag ? "diagnostic" : "test");
	jw_str_field(out, &first, "source", c->source);
	if (c->diag) {
		jw_str_field(out, &first, "tool", c->tool);
		jw_str_field(out, &first, "severity",
			     severity_name(c->severity));
		jw_str_field(out, &first, "file",
			     strcmp(c->file, "-") ? c->file : NULL);
		jw_str_field(out, &first, "category",
			     strcmp(c->category, "-") ? c->category : NULL);
		jw_str_field(out, &first, "message", c->message);
		jw_ulong_field(out, &first, "old_count", c->old_count);
		jw_ulong_field(out, &first, "new_count", c->new_count);
	} else {
		jw_str_field(out, &first, "path", c->name);
		jw_str_field(out, &first, "status",
			     test_status_name(c->status));
		/* a failure counts once where it failed */
		jw_ulong_field(out, &first, "old_count", !is_new(c->kind));
		jw_ulong_field(out, &first, "new_count",
			       is_new(c->kind) || c->kind == CHANGE_MORE ||
			       c->kind == CHANGE_STILL);
	}
	change_configs(s, c, &cfg, &nr);
	jw_key(out, &first, "configs");
	strbuf_addch(out, '[');
	for (i = 0; i < nr; i++) {
		if (i)
			strbuf_addch(out, ',');
		config_json(cfg[i], out);
	}
	strbuf_addstr(out, "]}");
	free(cfg);
}

static void diff_json(const struct summary *old, const struct summary *new,
		      const struct summary_ext *x, struct strbuf *out)
{
	static const struct {
		const char *key;
		enum change_kind kind;
	} arrays[] = {
		{ "new", CHANGE_NEW },
		{ "more", CHANGE_MORE },
		{ "fixed", CHANGE_FIXED },
		{ "still", CHANGE_STILL },
		{ "not_checked", CHANGE_NOT_CHECKED },
		{ "gone", CHANGE_GONE },
		{ "known", CHANGE_KNOWN },
	};
	static const char *const what[] = { "tests", "builds",
					    "diagnostics" };
	static const char *const names[][4] = {
		{ "pass", "fail", "skip", "error" },
		{ "pass", "fail" },
		{ "error", "warning", "info" },
	};
	static const int nr[] = { 4, 2, 3 };
	bool first = true, f, g;
	size_t i, k;
	int j;

	strbuf_addch(out, '{');
	jw_str_field(out, &first, "old_release", old->release);
	jw_str_field(out, &first, "new_release", new->release);
	jw_key(out, &first, "sources");
	strbuf_addch(out, '[');
	for (i = 0; i < x->nr_delta; i++) {
		const struct source_delta *d = &x->delta[i];

		f = true;
		strbuf_addstr(out, i ? ",{" : "{");
		jw_str_field(out, &f, "source", d->source);
		jw_str_field(out, &f, "what", what[d->what]);
		jw_ulong_field(out, &f, "old", d->old_total);
		jw_ulong_field(out, &f, "new", d->new_total);
		jw_key(out, &f, "counts");
		strbuf_addch(out, '{');
		for (j = 0, g = true; j < nr[d->what]; j++) {
			jw_key(out, &g, names[d->what][j]);
			strbuf_addf(out, "[%lu,%lu]", d->old_v[j], d->new_v[j]);
		}
		strbuf_addstr(out, "}}");
	}
	strbuf_addch(out, ']');
	for (k = 0; k < ARRAY_SIZE(arrays); k++) {
		jw_key(out, &first, arrays[k].key);
		strbuf_addch(out, '[');
		for (i = 0, f = true; i < x->nr_chg; i++) {
			const struct change *c = &x->chg[i];
			bool from_old = c->kind == CHANGE_FIXED ||
					c->kind == CHANGE_NOT_CHECKED ||
					c->kind == CHANGE_GONE;

			if (c->kind != arrays[k].kind)
				continue;
			if (!f)
				strbuf_addch(out, ',');
			f = false;
			change_json(from_old ? old : new, c, out);
		}
		strbuf_addch(out, ']');
	}
	strbuf_addstr(out, "}\n");
}

static void diff_text(const char *old, const char *new,
		      const struct summary_ext *x, struct strbuf *out)
{
	size_t i;

	strbuf_addf(out, "Changes from %s to %s\n", old, new);
	for (i = 0; i < x->nr_delta; i++)
		render_delta(&x->delta[i], out);
	for (i = 0; i < x->nr_chg; i++)
		render_change(&x->chg[i], out);
}

/**
 * cmd_diff() - "results diff"
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "diff"
 *
 * Return: the exit status.
 */
int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "known", required_argument, NULL, 'k' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fail_on_list fail_on = { 0 };
	struct known_list known = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct summary_ext x = { 0 };
	struct release ro, rn;
	struct summary old, new;
	const char *known_path = NULL;
	bool json = false;
	int opt, ret = EXIT_TROUBLE;

	summary_init(&old);
	summary_init(&new);
	memset(&ro, 0, sizeof(ro));
	memset(&rn, 0, sizeof(rn));
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'k':
			known_path = optarg;
			break;
		case 'F':
			if (!*optarg) {
				error("bad --fail-on '': expected new or more");
				goto out;
			}
			if (fail_on_parse(&fail_on, optarg))
				goto out;
			break;
		case 'h':
			fputs(diff_usage, stdout);
			ret = EXIT_OK;
			goto out;
		default:
			bad_option("diff", opt, argv);
			short_usage(diff_usage, "diff");
			goto out;
		}
	}
	if (argc - optind != 2) {
		error("diff: expected two releases, OLD and NEW");
		short_usage(diff_usage, "diff");
		goto out;
	}
	if (known_path && known_load(&known, known_path))
		goto out;
	if (release_load(&ro, NULL, argv[optind], false, &old) ||
	    release_load(&rn, NULL, argv[optind + 1], false, &new))
		goto out;
	compare_releases(&old, &new, known_path ? &known : NULL, &x);
	ext_finish(&x);
	if (json)
		diff_json(&old, &new, &x, &out);
	else
		diff_text(ro.name, rn.name, &x, &out);
	if (write_output(NULL, out.buf, out.len))
		goto out;
	ret = fail_on_new_holds(&fail_on, &x) ? EXIT_FAILON : EXIT_OK;
out:
	strbuf_release(&out);
	ext_release(&x);
	summary_release(&old);
	summary_release(&new);
	release_release(&ro);
	release_release(&rn);
	known_release(&known);
	fail_on_release(&fail_on);
	return ret;
}
