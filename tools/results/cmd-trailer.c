// SPDX-License-Identifier: GPL-2.0
/*
 * results trailer [REV]: the Test-link: trailer of a release commit,
 * "Test-link: BASE/TREE/VERSION", pointing at the full data of the run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "git.h"
#include "strbuf.h"
#include "summary.h"

static const char trailer_usage[] =
"usage: results trailer [--base-url URL] [--tree NAME] [REV|FILE]\n"
"\n"
"Print the trailer 'Test-link: URL/TREE/VERSION' for REV (default: HEAD)\n"
"or a RESULTS FILE. VERSION is the release its RESULTS names (from the\n"
"tree or the note of REV), else 'git describe --tags --always REV'.\n"
"\n"
"  --base-url URL      where the data is; default: CONFIG_RESULTS_TEST_LINK\n"
"                      of ./.results.config, else git config\n"
"                      results.baseUrl\n"
"  --tree NAME         the tree; default: git config results.tree, else\n"
"                      the name of remote.origin.url without '.git', else\n"
"                      the name of the work tree's directory\n"
"  -h, --help          show this help\n";

static char *config_value(const char *key)
{
	const char *args[] = { "config", "--get", key, NULL };

	return git_line(NULL, args);
}

/* ".../linux-stable-rc.git" -> "linux-stable-rc" */
static char *last_name(const char *s)
{
	size_t n = strlen(s);
	const char *b;

	while (n && s[n - 1] == '/')
		n--;
	if (n > 4 && !strncmp(s + n - 4, ".git", 4))
		n -= 4;
	for (b = s + n; b > s && b[-1] != '/' && b[-1] != ':'; b--)
		;
	return n > (size_t)(b - s) ? xstrndup(b, s + n - b) : NULL;
}

static char *tree_name(void)
{
	static const char *const top[] = { "rev-parse", "--show-toplevel",
					   NULL };
	char *v = config_value("results.tree"), *n = NULL;

	if (v)
		return v;
	v = config_value("remote.origin.url");
	if (!v)
		v = git_line(NULL, top);
	if (v)
		n = last_name(v);
	free(v);
	return n;
}

static char *version_of(const char *rev)
{
	const char *describe[] = { "describe", "--tags", "--always", rev,
				   NULL };
	struct release rel;
	struct summary s;
	char *ret = NULL;

	summary_init(&s);
	if (release_load(&rel, NULL, rev, true, &s))
		goto out;
	if (rel.origin != RELEASE_NONE && s.release)
		ret = xstrdup(s.release);
	if (!ret && rel.origin != RELEASE_FILE)
		ret = git_line(NULL, describe);
	if (!ret)
		error("'%s': no release name", rev);
out:
	release_release(&rel);
	summary_release(&s);
	return ret;
}

/**
 * default_base_url() - the base of Test-link: when no --base-url is given
 * @base: set to CONFIG_RESULTS_TEST_LINK of ./.results.config (the
 *	  maintainer's choice in Kconfig.results), else git config
 *	  results.baseUrl, malloc'd; NULL when neither is set
 *
 * Return: 0, or -1 after an error message when .results.config is bad.
 */
int default_base_url(char **base)
{
	struct results_config c = { 0 };
	const char *v;
	int ret;

	*base = NULL;
	ret = config_find(&c, NULL, NULL);
	if (!ret && (v = config_get(&c, "RESULTS_TEST_LINK")))
		*base = xstrdup(v);
	config_release(&c);
	if (!ret && !*base)
		*base = config_value("results.baseUrl");
	return ret;
}

/**
 * test_link() - the Test-link: trailer of a release
 * @base: the base URL, or NULL for none
 * @tree: the tree's name, or NULL for the default (see the usage)
 * @version: the release
 *
 * Return: the malloc'd line "Test-link: BASE/TREE/VERSION" without line
 * end, or NULL when there is no base URL or no tree name.
 */
char *test_link(const char *base, const char *tree, const char *version)
{
	struct strbuf sb = STRBUF_INIT;
	char *b = base ? xstrdup(base) : NULL;
	char *t = tree ? xstrdup(tree) : tree_name();
	size_t n;

	if (b && *b && t && *t) {
		n = strlen(b);
		while (n && b[n - 1] == '/')
			n--;
		strbuf_addstr(&sb, "Test-link: ");
		strbuf_add(&sb, b, n);
		strbuf_addf(&sb, "/%s/%s", t, version);
	}
	free(b);
	free(t);
	if (!sb.len)
		return NULL;
	return strbuf_detach(&sb);
}

/**
 * cmd_trailer() - "results trailer"
 * @argc: number of arguments
 * @argv: the arguments, argv[0] being "trailer"
 *
 * Return: the exit status.
 */
int cmd_trailer(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "base-url", required_argument, NULL, 'b' },
		{ "tree", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strbuf out = STRBUF_INIT;
	char *base = NULL, *tree = NULL, *version = NULL, *line = NULL;
	const char *rev = "HEAD";
	int opt, ret = EXIT_TROUBLE;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'b':
			free(base);
			base = xstrdup(optarg);
			break;
		case 't':
			free(tree);
			tree = xstrdup(optarg);
			break;
		case 'h':
			fputs(trailer_usage, stdout);
			ret = EXIT_OK;
			goto out;
		default:
			bad_option("trailer", opt, argv);
			short_usage(trailer_usage, "trailer");
			goto out;
		}
	}
	if (argc - optind > 1) {
		error("trailer: one revision at most");
		short_usage(trailer_usage, "trailer");
		goto out;
	}
	if (optind < argc)
		rev = argv[optind];
	if (!base && default_base_url(&base))
		goto out;
	if (!base || !*base) {
		error("trailer: no base URL: give --base-url, set CONFIG_RESULTS_TEST_LINK in .results.config or git config results.baseUrl");
		goto out;
	}
	version = version_of(rev);
	if (!version)
		goto out;
	if (!tree)
		tree = tree_name();
	if (!tree || !*tree) {
		error("trailer: no tree name: give --tree or set git config results.tree");
		goto out;
	}
	line = test_link(base, tree, version);
	strbuf_addf(&out, "%s\n", line);
	if (!write_output(NULL, out.buf, out.len))
		ret = EXIT_OK;
out:
	free(line);
	strbuf_release(&out);
	free(base);
	free(tree);
	free(version);
	return ret;
}
