// SPDX-License-Identifier: GPL-2.0
/*
 * results render: one release's RESULTS (or its JSON model) from the
 * inputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "compare.h"
#include "config.h"
#include "git.h"
#include "render.h"
#include "strbuf.h"
#include "summary.h"

static const char render_usage[] =
"usage: results render [-o FILE] [--format=text|json|kcidb] [OPTIONS] INPUT...\n"
"\n"
"Render one release: RESULTS text (the default) or the whole model as JSON.\n"
"\n"
"  -o, --output FILE   write FILE atomically (temp file + rename) instead\n"
"                      of stdout; a device or FIFO is written in place\n"
"  --format FORMAT     text (RESULTS), json, or kcidb (KCIDB v5.3 JSON)\n"
"  --origin ORIGIN     with --format=kcidb: the submitting CI system\n"
"                      ([a-z0-9_]+); default: results\n"
"  --tree-url URL      with --format=kcidb: the https:// git repository\n"
"  --release NAME      the release named in the header; default: that of\n"
"                      a RESULTS input, else the tree's Makefile\n"
"                      version, else 'git describe'\n"
"  --commit SHA        the commit named in the header; default: that of\n"
"                      a RESULTS input, else HEAD\n"
"  --notice TOOL:TEXT  add a notice about the check run (repeatable);\n"
"                      with one, no INPUT is needed\n"
"  --previous REV|FILE compare with the previous release: a RESULTS file\n"
"                      or a git revision (its RESULTS, or its note);\n"
"                      adds 'Changes since PREV' at the top\n"
"  --previous-tag PATTERN  without --previous: compare with the latest\n"
"                      tag matching PATTERN before HEAD, if there is one\n"
"  --known FILE        known issues (YAML): listed under 'Known issues',\n"
"                      never new\n"
"  --fail-on LIST      exit 1 when one of these holds (comma-separated):\n"
"                      fail (a test or build failed), error (an error\n"
"                      diagnostic), warning (an error or a warning),\n"
"                      notice (a problem with the check run),\n"
"                      new[:SOURCE[:SEVERITY]] or more[:SOURCE[:SEVERITY]]\n"
"                      (with --previous; SEVERITY: error, warning, info,\n"
"                      fail)\n"
"  --label KEY=VALUE   label every input (arch, config, compiler,\n"
"                      compiler_version, w); overrides the log\n"
"  --excerpt-lines N   show at most N lines of a failure's text (0: all\n"
"                      that was read)\n"
"  --max-lines N       list at most N entries a section (0: all)\n"
"  --detail LEVEL      full (the default), failures (no Skips and no\n"
"                      Coverage) or summary (counts and changes only)\n"
"  --config FILE       the choices of Kconfig.results (make syntax);\n"
"                      default: .results.config at the top of the tree,\n"
"                      when there is one; options given here win\n"
"  --no-config         read no .results.config\n"
"  --srctree DIR       the kernel source tree (paths, release)\n"
"  --objtree DIR       the build directory (make O=DIR)\n"
"  -h, --help          show this help\n"
"\n"
"INPUT is FILE, - for stdin, or KIND:FILE; kinds: %s.\n";

enum fail_on {
	FAIL_ON_FAIL = 1 << 0,
	FAIL_ON_ERROR = 1 << 1,
	FAIL_ON_WARNING = 1 << 2,
	FAIL_ON_NOTICE = 1 << 3,
};

struct render_opts {
	const char *output;
	bool json;
	bool kcidb;
	const char *origin;
	const char *tree_url;
	const char *release;
	const char *commit;
	unsigned int fail_on;
	const char **notice;
	size_t nr_notice, alloc_notice;
	const char *previous;
	const char *previous_tag;
	const char *known;
	struct fail_on_list changes;	/* --fail-on=new... */
	struct text_opts text;
	bool excerpt_given, max_given, detail_given;
	const char *config;
	bool no_config;
	char *config_known;		/* the known file the config names */
};

static int parse_fail_on(const char *arg, unsigned int *mask,
			 struct fail_on_list *changes)
{
	static const struct {
		const char *name;
		unsigned int bit;
	} conds[] = {
		{ "fail", FAIL_ON_FAIL },
		{ "error", FAIL_ON_ERROR },
		{ "warning", FAIL_ON_WARNING },
		{ "notice", FAIL_ON_NOTICE },
	};
	const char *p = arg;

	if (!*p)
		return error("bad --fail-on '': expected fail, error, warning or notice");
	for (;;) {
		size_t n = strcspn(p, ","), i;

		for (i = 0; i < ARRAY_SIZE(conds); i++)
			if (strlen(conds[i].name) == n &&
			    !strncmp(p, conds[i].name, n))
				break;
		if (i == ARRAY_SIZE(conds) &&
		    (starts_with(p, "new") || starts_with(p, "more"))) {
			char *item = xstrndup(p, n);
			int ret = fail_on_parse(changes, item);

			free(item);
			if (ret)
				return -1;
		} else if (i == ARRAY_SIZE(conds)) {
			return error("bad --fail-on '%s': expected fail, error, warning, notice, new or more",
				     arg);
		} else {
			*mask |= conds[i].bit;
		}
		p += n;
		if (!*p)
			return 0;
		p++;
	}
}

/* "VERSION = 6" from a kernel tree's top Makefile */
static bool makefile_var(const char *line, const char *name,
			 struct strbuf *out)
{
	const char *p = skip_prefix(line, name);

	if (!p)
		return false;
	p = skip_spaces(p);
	if (*p != '=')
		return false;
	p = skip_spaces(p + 1);
	strbuf_addstr(out, p);
	while (out->len && is_space(out->buf[out->len - 1]))
		strbuf_setlen(out, out->len - 1);
	return true;
}

/*
 * The kernel version of the tree at @dir: VERSION.PATCHLEVEL.SUBLEVEL
 * EXTRAVERSION from its top Makefile, when @dir is a kernel tree.
 */
static char *kernel_version(const char *dir)
{
	struct strbuf path = STRBUF_INIT, v[4];
	static const char *const names[4] = {
		"VERSION", "PATCHLEVEL", "SUBLEVEL", "EXTRAVERSION",
	};
	char line[512];
	char *ret = NULL;
	FILE *f;
	int i, n;

	for (i = 0; i < 4; i++)
		strbuf_init(&v[i]);
	strbuf_addf(&path, "%s/Kconfig", dir);
	if (access(path.buf, R_OK))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/Makefile", dir);
	f = fopen(path.buf, "r");
	if (!f)
		goto out;
	for (n = 0; n < 40 && fgets(line, sizeof(line), f); n++)
		for (i = 0; i < 4; i++)
			if (!v[i].len)
				makefile_var(line, names[i], &v[i]);
	fclose(f);
	if (v[0].len && v[1].len) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s.%s", v[0].buf, v[1].buf);
		if (v[2].len && strcmp(v[2].buf, "0"))
			strbuf_addf(&path, ".%s", v[2].buf);
		strbuf_addstr(&path, v[3].buf);
		ret = strbuf_detach(&path);
	}
out:
	strbuf_release(&path);
	for (i = 0; i < 4; i++)
		strbuf_release(&v[i]);
	return ret;
}

/*
 * Whether @dir is the top of a git work tree: a tree unpacked inside
 * another one's directory (a kernel tarball under a project's checkout)
 * must not be named by the outer one's commit.
 */
static bool is_git_top(const char *dir)
{
	const char *const top[] = { "git", "-C", dir, "rev-parse",
				    "--show-toplevel", NULL };
	char *t = run_line(top), *a = realpath(dir, NULL), *b;
	bool ret = false;

	if (t && a) {
		b = realpath(t, NULL);
		ret = b && !strcmp(a, b);
		free(b);
	}
	free(t);
	free(a);
	return ret;
}

/**
 * find_release() - the release and commit a summary names
 * @s: the summary; its release and commit are set when not yet
 * @release: --release, or NULL
 * @commit: --commit, or NULL
 * @srctree: --srctree, or NULL for the current directory
 */
void find_release(struct summary *s, const char *release, const char *commit,
		  const char *srctree)
{
	const char *dir = srctree ? srctree : ".";
	const char *const describe[] = { "git", "-C", dir, "describe",
					 "--tags", "--always", NULL };
	const char *const head[] = { "git", "-C", dir, "rev-parse", "HEAD",
				     NULL };
	bool git = !srctree || is_git_top(srctree);
	char *v;

	if (release) {
		s->release = intern(release);
	} else if (!s->release) {
		v = kernel_version(dir);
		if (!v && git)
			v = run_line(describe);
		s->release = intern(v);
		free(v);
	}
	if (commit) {
		s->commit = intern(commit);
	} else if (!s->commit && git) {
		v = run_line(head);
		s->commit = intern(v);
		free(v);
	}
}

static int add_notice(struct results *res, const char *arg)
{
	const char *colon = strchr(arg, ':');
	struct record *r;
	char *tool;

	if (!colon || colon == arg || !colon[1])
		return error("bad --notice '%s': expected TOOL:TEXT", arg);
	tool = xstrndup(arg, colon - arg);
	r = results_add(res, REC_NOTICE, "results", NULL, 0);
	r->tool = intern(tool);
	r->severity = SEV_INFO;
	r->message = xstrdup(skip_spaces(colon + 1));
	free(tool);
	return 0;
}

static bool fail_on_holds(const struct summary *s, unsigned int mask)
{
	size_t i;

	for (i = 0; i < s->nr_src; i++) {
		const struct source_counts *c = &s->src[i];

		if ((mask & FAIL_ON_FAIL) &&
		    (c->tests[TEST_FAIL] || c->tests[TEST_ERROR] ||
		     c->builds_failed))
			return true;
		if ((mask & FAIL_ON_ERROR) && c->diags[SEV_ERROR])
			return true;
		if ((mask & FAIL_ON_WARNING) &&
		    (c->diags[SEV_ERROR] || c->diags[SEV_WARNING]))
			return true;
		if ((mask & FAIL_ON_NOTICE) && c->notices)
			return true;
	}
	return false;
}

/* A KCIDB origin, as the schema has it: [a-z0-9_]+ */
static bool valid_origin(const char *s)
{
	return *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") ==
		     strlen(s);
}

/* Rendering options are counts up to this: more is "all" in effect. */
#define MAX_COUNT	1000000UL

static int parse_count(const char *opt, const char *arg, unsigned long *val)
{
	const char *end;

	if (!parse_ulong(arg, &end, val) || *end || *val > MAX_COUNT)
		return error("bad %s '%s': expected a number from 0 to %lu",
			     opt, arg, MAX_COUNT);
	return 0;
}

static int parse_detail(const char *arg, enum detail *d)
{
	if (!strcmp(arg, "full"))
		*d = DETAIL_FULL;
	else if (!strcmp(arg, "failures"))
		*d = DETAIL_FAILURES;
	else if (!strcmp(arg, "summary"))
		*d = DETAIL_SUMMARY;
	else
		return -1;
	return 0;
}

/*
 * What .results.config chooses, for what the command line left open:
 * the rendering options of Kconfig.results' "Rendering" menu.
 */
static int apply_config(struct render_opts *ro, const char *srctree)
{
	struct results_config c = { 0 };
	const char *v;
	int ret = -1;

	if (ro->no_config) {
		if (ro->config)
			return error("render: --config and --no-config");
		return 0;
	}
	if (config_find(&c, ro->config, srctree))
		goto out;
	if (!ro->excerpt_given &&
	    config_get_uint(&c, "RESULTS_EXCERPT_LINES", MAX_COUNT,
			    &ro->text.excerpt_lines))
		goto out;
	if (!ro->max_given &&
	    config_get_uint(&c, "RESULTS_MAX_LINES", MAX_COUNT,
			    &ro->text.max_lines))
		goto out;
	if (!ro->detail_given) {
		if (config_get(&c, "RESULTS_DETAIL_SUMMARY"))
			ro->text.detail = DETAIL_SUMMARY;
		else if (config_get(&c, "RESULTS_DETAIL_FAILURES"))
			ro->text.detail = DETAIL_FAILURES;
	}
	if (!ro->known) {
		ro->config_known = config_get_path(&c, "RESULTS_KNOWN");
		ro->known = ro->config_known;
	}
	if (!ro->previous && !ro->previous_tag &&
	    (v = config_get(&c, "RESULTS_PREVIOUS_TAG")))
		ro->previous_tag = intern(v);
	if (!ro->origin && (v = config_get(&c, "RESULTS_KCIDB_ORIGIN"))) {
		if (!valid_origin(v)) {
			error("%s: CONFIG_RESULTS_KCIDB_ORIGIN: expected [a-z0-9_]+, not '%s'",
			      c.path, v);
			goto out;
		}
		ro->origin = intern(v);
	}
	if (!ro->tree_url && (v = config_get(&c, "RESULTS_KCIDB_TREE_URL")))
		ro->tree_url = intern(v);
	ret = 0;
out:
	config_release(&c);
	return ret;
}

static int parse_render_args(int argc, char **argv, struct render_opts *ro,
			     struct input_opts *io)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "origin", required_argument, NULL, 'O' },
		{ "tree-url", required_argument, NULL, 'T' },
		{ "release", required_argument, NULL, 'r' },
		{ "commit", required_argument, NULL, 'c' },
		{ "notice", required_argument, NULL, 'n' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "previous", required_argument, NULL, 'p' },
		{ "previous-tag", required_argument, NULL, 'P' },
		{ "known", required_argument, NULL, 'k' },
		{ "excerpt-lines", required_argument, NULL, 'E' },
		{ "max-lines", required_argument, NULL, 'M' },
		{ "detail", required_argument, NULL, 'D' },
		{ "config", required_argument, NULL, 'C' },
		{ "no-config", no_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		INPUT_OPTS_LONG,
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (opt) {
		case '?':
		case ':':
			bad_option("render", opt, argv);
			short_usage(render_usage, "render");
			return -1;
		case 'o':
			ro->output = optarg;
			break;
		case 'f':
			ro->json = !strcmp(optarg, "json");
			ro->kcidb = !strcmp(optarg, "kcidb");
			if (!ro->json && !ro->kcidb && strcmp(optarg, "text"))
				return error("bad --format '%s': expected text, json or kcidb",
					     optarg);
			break;
		case 'O':
			if (!valid_origin(optarg))
				return error("bad --origin '%s': expected [a-z0-9_]+",
					     optarg);
			ro->origin = optarg;
			break;
		case 'T':
			ro->tree_url = optarg;
			break;
		case 'r':
			ro->release = optarg;
			break;
		case 'c':
			ro->commit = optarg;
			break;
		case 'n':
			ALLOC_GROW(ro->notice, ro->nr_notice + 1,
				   ro->alloc_notice);
			ro->notice[ro->nr_notice++] = optarg;
			break;
		case 'F':
			if (parse_fail_on(optarg, &ro->fail_on, &ro->changes))
				return -1;
			break;
		case 'p':
			ro->previous = optarg;
			break;
		case 'P':
			ro->previous_tag = optarg;
			break;
		case 'k':
			ro->known = optarg;
			break;
		case 'E':
			if (parse_count("--excerpt-lines", optarg,
					&ro->text.excerpt_lines))
				return -1;
			ro->excerpt_given = true;
			break;
		case 'M':
			if (parse_count("--max-lines", optarg,
					&ro->text.max_lines))
				return -1;
			ro->max_given = true;
			break;
		case 'D':
			if (parse_detail(optarg, &ro->text.detail))
				return error("bad --detail '%s': expected full, failures or summary",
					     optarg);
			ro->detail_given = true;
			break;
		case 'C':
			ro->config = optarg;
			break;
		case 'N':
			ro->no_config = true;
			break;
		case 'h':
			printf(render_usage, parser_kind_list());
			return 1;
		default:
			if (input_opts_handle(io, opt, optarg)) {
				short_usage(render_usage, "render");
				return -1;
			}
		}
	}
	/* a run in which no check could run has its notices to say so */
	if (optind == argc && !ro->nr_notice) {
		error("render: no input given");
		short_usage(render_usage, "render");
		return -1;
	}
	if (ro->changes.nr && !ro->previous && !ro->previous_tag)
		return error("render: --fail-on=new or more needs --previous or --previous-tag");
	return 0;
}

/**
 * cmd_render() - "results render"
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "render"
 *
 * Return: the exit status.
 */
int cmd_render(int argc, char **argv)
{
	struct render_opts ro = { 0 };
	struct input_opts io = { 0 };
	struct known_list known = { 0 };
	struct strbuf out = STRBUF_INIT;
	struct summary s;
	struct results res;
	size_t i;
	int ret;

	results_init(&res);
	summary_init(&s);
	ret = parse_render_args(argc, argv, &ro, &io);
	if (ret) {
		ret = ret > 0 ? EXIT_OK : EXIT_TROUBLE;
		goto out;
	}
	ret = EXIT_TROUBLE;
	if (apply_config(&ro, io.popt.srctree))
		goto out;
	/* RESULTS needs counts only; the JSON model needs every record */
	res.fold = !ro.json && !ro.kcidb;
	if (read_inputs(&res, &io, argc - optind, argv + optind, NULL, NULL))
		goto out;
	for (i = 0; i < ro.nr_notice; i++)
		if (add_notice(&res, ro.notice[i]))
			goto out;
	summary_add_results(&s, &res);
	if (res.imported)
		summary_merge(&s, res.imported);
	summary_finish(&s);
	find_release(&s, ro.release, ro.commit, io.popt.srctree);
	if (ro.known && known_load(&known, ro.known))
		goto out;
	if ((ro.previous || ro.previous_tag || ro.known) &&
	    compare_with_previous(&s, io.popt.srctree, ro.previous,
				  ro.previous_tag, ro.known ? &known : NULL))
		goto out;
	if (ro.json)
		render_json(&res, &s, &out);
	else if (ro.kcidb)
		render_kcidb(&res, &s, ro.origin ? ro.origin : "results",
			     ro.tree_url, &out);
	else
		render_text_opts(&s, &ro.text, &out);
	if (write_output(ro.output, out.buf, out.len))
		goto out;
	ret = (ro.fail_on && fail_on_holds(&s, ro.fail_on)) ||
	      fail_on_new_holds(&ro.changes, &s.ext) ? EXIT_FAILON : EXIT_OK;
out:
	strbuf_release(&out);
	summary_release(&s);
	results_release(&res);
	input_opts_release(&io);
	known_release(&known);
	fail_on_release(&ro.changes);
	free(ro.notice);
	free(ro.config_known);
	return ret;
}
