// SPDX-License-Identifier: GPL-2.0
/*
 * The parser registry, kind detection and the one stream reader that
 * every input goes through.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kbuild.h"
#include "parser.h"
#include "strbuf.h"
#include "summary.h"

/*
 * The registry. Order matters twice: it is the order in which a line is
 * offered to the kinds (the more specific formats first), and it breaks
 * ties in detection. Adding a kind is one file plus one line here.
 */
static const struct parser *const parsers[] = {
	&parser_results,
	/*
	 * ktap before kunit and the make-log kinds: a KTAP line may carry
	 * a "[12:34:56] " stamp like kunit.py's console lines, and a test's
	 * diagnostic ("# t: file.c:12: error: ...") a compiler's shape
	 */
	&parser_ktap,
	&parser_kcidb,
	&parser_kunit,
	&parser_sparse,
	&parser_dt,
	&parser_cocci,
	&parser_build,
};

#define NR_PARSERS ARRAY_SIZE(parsers)

/* Bytes looked at for detection. */
#define HEAD_SIZE	(64 * 1024)
/*
 * Log lines are cut here, the rest of a longer line skipped with a notice:
 * V=1 command lines and one-line JSON dumps pass 1 MB, and are read whole.
 */
#define MAX_LINE	(64 * 1024 * 1024)
#define READ_SIZE	(256 * 1024)

const struct parser *parser_find(const char *name)
{
	size_t i;

	for (i = 0; i < NR_PARSERS; i++)
		if (!strcmp(parsers[i]->name, name))
			return parsers[i];
	return NULL;
}

/**
 * parser_kind_list() - the known kinds, for messages and --help
 *
 * Return: a static string such as "kunit, build".
 */
const char *parser_kind_list(void)
{
	static struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (sb.len)
		return sb.buf;
	for (i = 0; i < NR_PARSERS; i++) {
		if (i)
			strbuf_addstr(&sb, ", ");
		strbuf_addstr(&sb, parsers[i]->name);
	}
	return sb.buf;
}

static void vparse_error(struct parse_ctx *ctx, unsigned long line,
			 const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	ctx->failed = true;
	strbuf_addstr(&sb, ctx->path);
	if (line)
		strbuf_addf(&sb, ":%lu", line);
	fflush(stdout);
	fprintf(stderr, "%s: %s: ", progname, sb.buf);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	strbuf_release(&sb);
}

/**
 * parse_error() - report broken structured input at the current line
 * @ctx: the parse
 * @fmt: printf format of what is wrong
 *
 * Prints "results: FILE:LINE: what is wrong".
 *
 * Return: -1.
 */
int parse_error(struct parse_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vparse_error(ctx, ctx->line, fmt, ap);
	va_end(ap);
	return -1;
}

/**
 * parse_error_at() - report broken structured input at a given line
 * @ctx: the parse
 * @line: the 1-based line, 0 for none
 * @fmt: printf format of what is wrong
 *
 * Return: -1.
 */
int parse_error_at(struct parse_ctx *ctx, unsigned long line,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vparse_error(ctx, line, fmt, ap);
	va_end(ap);
	return -1;
}

/**
 * parse_json_error() - report a JSON structure error by its path
 * @ctx: the parse
 * @jpath: where in the document, e.g. "sub_groups[2].test_cases[5].status"
 * @fmt: printf format of what is wrong
 *
 * Prints "results: FILE: json.path: what is wrong".
 *
 * Return: -1.
 */
int parse_json_error(struct parse_ctx *ctx, const char *jpath,
		     const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: %s: %s: ", progname, ctx->path, jpath);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/**
 * parse_notice() - record a problem with the check run itself
 * @ctx: the parse
 * @source: the kind the notice is about
 * @tool: the tool that had the problem
 * @fmt: printf format of the message
 */
void parse_notice(struct parse_ctx *ctx, const char *source,
		  const char *tool, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct record *r;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	strbuf_grow(&sb, n);
	va_start(ap, fmt);
	vsnprintf(sb.buf, n + 1, fmt, ap);
	va_end(ap);
	sb.len = n;

	r = results_add(ctx->res, REC_NOTICE, source, ctx->in, ctx->line);
	r->tool = intern(tool);
	r->severity = SEV_INFO;
	r->message = strbuf_detach(&sb);
}

/*
 * The stream reader: a large buffer, and one pass over each line that
 * finds its end and tells whether it is plain text already (no byte that
 * clean_line() would change), 32 bytes at a time. A NUL is kept just
 * after the bytes read (a sentinel, which would need cleaning), so that
 * the pass needs no bound and a '\n' it finds is one that was read, and
 * READ_PAD bytes after the buffer let it read a whole chunk there.
 */
struct reader {
	int fd;
	char *buf;		/* @size bytes and READ_PAD more, all set */
	size_t start, end, size;
	bool eof;
	int err;
	/* a compressed log: the decompressor, and what feeds it */
	const char *unzip;
	pid_t unzip_pid, feeder_pid;
};

/* Room after the buffer: the sentinel, and the rest of a chunk from it */
#define READ_PAD	32

/* bytes16 (util.h), as signed bytes */
typedef signed char sbytes16 __attribute__((vector_size(16)));

/* May @c need cleaning (clean_line())? Control bytes but tabs, and DEL */
static inline bool needs_cleaning(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* needs_cleaning() of each of 16 bytes, as 0xff */
static inline bytes16 chunk_unclean(bytes16 v)
{
	/* a tab is below 0x20: the exclusive or takes it out */
	return (bytes16)((v < 0x20) ^ (v == '\t')) | (bytes16)(v == 0x7f);
}

/*
 * The printable ASCII bytes of 16 (0x20 to 0x7e), as 0xff: the others
 * may need cleaning, unless they are tabs or above 0x7f. One comparison
 * of signed bytes, once adding one has made DEL the lowest of them
 */
static inline bytes16 chunk_printable(bytes16 v)
{
	return (bytes16)((sbytes16)(v + 1) > 0x20);
}

/*
 * The first byte from @s on that ends a line or may need cleaning. There
 * must be one (the reader's sentinel, at the latest), with 31 bytes that
 * may be read after it. 32 bytes a step, two chunks of 16.
 */
static inline char *find_unclean(char *s)
{
	unsigned int bits;

	for (;; s += 32) {
		bytes16 a = load16(s), b = load16(s + 16);
		bytes16 pa = chunk_printable(a), pb = chunk_printable(b);

		/* most chunks are printable ASCII: one test for them */
		if (bytes16_bits(pa & pb) == 0xffff)
			continue;
		/* the first of the others most often ends the line */
		bits = ~(bytes16_bits(pa) | bytes16_bits(pb) << 16);
		if (s[__builtin_ctz(bits)] == '\n')
			return s + __builtin_ctz(bits);
		/* of the others, those above 0x7f have their high bits set */
		bits &= ~(bytes16_bits(a) | bytes16_bits(b) << 16);
		/* control bytes and DEL are left: tabs are clean */
		for (; bits; bits &= bits - 1) {
			char *u = s + __builtin_ctz(bits);

			if (*u != '\t')
				return u;
		}
	}
}

/*
 * strchr(@s, @c) for a line of @len bytes that holds no NUL, read in
 * place: 15 bytes after its end may be read.
 */
static inline const char *find_in_line(const char *s, size_t len, char c)
{
	size_t i;

	for (i = 0;; i += 16) {
		unsigned int bits = bytes16_bits((bytes16)(load16(s + i) ==
							   (unsigned char)c));

		if (bits) {
			i += __builtin_ctz(bits);
			return i < len ? s + i : NULL;
		}
		if (i + 16 >= len)
			return NULL;
	}
}

/* The bytes of the 32 at @s, which may be read, that are @c: bits 0-31 */
static inline uint32_t bytes32_equal(const char *s, char c)
{
	return bytes16_bits((bytes16)(load16(s) == (unsigned char)c)) |
	       bytes16_bits((bytes16)(load16(s + 16) == (unsigned char)c)) <<
	       16;
}

/*
 * find_in_line() of a line whose first 32 bytes may be read, and where
 * @c is in them as @bits tells (bytes32_equal())
 */
static inline const char *find_in_line32(const char *s, size_t len, char c,
					 uint32_t bits)
{
	if (bits)
		return (size_t)__builtin_ctz(bits) < len ?
		       s + __builtin_ctz(bits) : NULL;
	return len > 32 ? find_in_line(s + 32, len - 32, c) : NULL;
}

/*
 * An empty buffer, with its sentinel. The bytes after the sentinel are
 * read (and not looked at) by find_unclean(): they are zeroed, not left
 * undefined.
 */
static void reader_init(struct reader *rd)
{
	rd->size = READ_SIZE;
	rd->buf = xcalloc(1, rd->size + READ_PAD);
	rd->buf[0] = '\0';
}

static int reader_fill(struct reader *rd)
{
	ssize_t n;

	if (rd->start > 0) {
		memmove(rd->buf, rd->buf + rd->start, rd->end - rd->start);
		rd->end -= rd->start;
		rd->start = 0;
	}
	if (rd->end == rd->size) {
		rd->buf = xrealloc(rd->buf, rd->size * 2 + READ_PAD);
		memset(rd->buf + rd->size + READ_PAD, 0, rd->size);
		rd->size *= 2;
	}
	do {
		n = read(rd->fd, rd->buf + rd->end, rd->size - rd->end);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		rd->err = errno;
		rd->eof = true;
	} else {
		if (!n)
			rd->eof = true;
		rd->end += n;
	}
	rd->buf[rd->end] = '\0';
	return n < 0 ? -1 : 0;
}

/* Compressed logs are read through the usual tools: no library needed. */
static const struct {
	const char *magic;
	size_t len;
	const char *tool;
} compressors[] = {
	{ "\x1f\x8b", 2, "gzip" },
	{ "\xfd" "7zXZ\0", 6, "xz" },
	{ "\x28\xb5\x2f\xfd", 4, "zstd" },
	{ "BZh", 3, "bzip2" },
};

/* Write all of @len bytes, or give up. */
static bool feed_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= n;
	}
	return true;
}

/*
 * When the bytes read so far start a compressed stream, read the rest
 * through "TOOL -dc": a feeder process hands it those bytes and the rest
 * of the input, and the reader reads what the tool writes. Return: 0,
 * or -1 when no process could be started.
 */
static int reader_unzip(struct reader *rd)
{
	int in[2], out[2];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(compressors); i++)
		if (rd->end >= compressors[i].len &&
		    !memcmp(rd->buf, compressors[i].magic, compressors[i].len))
			break;
	if (i == ARRAY_SIZE(compressors))
		return 0;
	rd->unzip = compressors[i].tool;
	if (pipe(in))
		return -1;
	if (pipe(out)) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	fflush(NULL);
	rd->unzip_pid = fork();
	if (!rd->unzip_pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		if (null >= 0)
			dup2(null, STDERR_FILENO);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execlp(rd->unzip, rd->unzip, "-dc", (char *)NULL);
		_exit(127);
	}
	rd->feeder_pid = rd->unzip_pid > 0 ? fork() : -1;
	if (!rd->feeder_pid) {
		char buf[64 * 1024];
		ssize_t n;

		close(in[0]);
		close(out[0]);
		close(out[1]);
		if (feed_all(in[1], rd->buf, rd->end)) {
			while ((n = read(rd->fd, buf, sizeof(buf))) > 0 ||
			       (n < 0 && errno == EINTR))
				if (n > 0 && !feed_all(in[1], buf, n))
					break;
		}
		_exit(0);
	}
	close(in[0]);
	close(in[1]);
	close(out[1]);
	if (rd->unzip_pid < 0 || rd->feeder_pid < 0) {
		close(out[0]);
		return -1;
	}
	if (rd->fd != STDIN_FILENO)
		close(rd->fd);
	rd->fd = out[0];
	rd->start = rd->end = 0;
	rd->eof = false;
	while (!rd->eof && rd->end < HEAD_SIZE)
		reader_fill(rd);
	return 0;
}

/*
 * Wait for the decompressor. Return: its exit status, 0 when there was
 * none.
 */
static int reader_unzip_end(struct reader *rd)
{
	int status = 0, fstatus;

	if (!rd->unzip)
		return 0;
	close(rd->fd);
	rd->fd = -1;
	while (waitpid(rd->unzip_pid, &status, 0) < 0 && errno == EINTR)
		;
	while (waitpid(rd->feeder_pid, &fstatus, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/*
 * Read the next raw line, without its '\n': *@line is set to it and *@len
 * to its length, and the line is NUL-terminated. @nl is find_unclean()
 * from the start of the line: its end, or a byte before it. A line that
 * lies whole in the read buffer is handed out in place (valid until the
 * next call); one that crosses a refill is gathered in @sb. At most @max
 * bytes are kept (0: no limit); the rest of a longer line is skipped and
 * *@cut is set. Return: false at end of input.
 */
static bool reader_getline(struct reader *rd, char *nl, struct strbuf *sb,
			   size_t max, char **line, size_t *len, bool *cut)
{
	char *p = rd->buf + rd->start, *end = rd->buf + rd->end;
	size_t avail;

	*cut = false;
	if (*nl != '\n')
		nl = memchr(nl, '\n', end - nl);
	if (nl && (!max || (size_t)(nl - p) <= max)) {
		*nl = '\0';
		*line = p;
		*len = nl - p;
		rd->start += *len + 1;
		return true;
	}
	strbuf_reset(sb);
	for (;;) {
		size_t take, room;

		p = rd->buf + rd->start;
		avail = rd->end - rd->start;
		nl = memchr(p, '\n', avail);
		take = nl ? (size_t)(nl - p) : avail;
		room = max && sb->len < max ? max - sb->len : 0;
		if (!max)
			strbuf_add(sb, p, take);
		else if (room)
			strbuf_add(sb, p, take < room ? take : room);
		if (max && take > room)
			*cut = true;
		rd->start += take;
		if (nl) {
			rd->start++;
			break;
		}
		if (rd->eof)
			break;
		/* a long line: keep the buffer from growing when cutting */
		if (max && *cut && rd->start == rd->end)
			rd->start = rd->end = 0;
		reader_fill(rd);
		if (rd->eof && rd->start == rd->end)
			break;
	}
	*line = sb->buf;
	*len = sb->len;
	return nl || sb->len > 0 || *cut;
}

/*
 * How many bytes at the start of a line need no cleaning: 16 at a time,
 * then byte by byte.
 */
static size_t clean_prefix(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 16 <= len; i += 16) {
		unsigned int bits = bytes16_bits(chunk_unclean(load16(s + i)));

		if (bits)
			return i + __builtin_ctz(bits);
	}
	while (i < len && !needs_cleaning(s[i]))
		i++;
	return i;
}

/*
 * Clean a log line in place: drop the CR of CRLF line ends and ANSI
 * escape sequences (colours, and the links gcc prints through a
 * terminal), and turn NUL and other control bytes (binary noise
 * in a console log) into '?', so that the formats see plain text.
 * Return: the new length; the line stays NUL-terminated.
 */
static size_t clean_line(char *line, size_t len)
{
	char *s = line + clean_prefix(line, len), *d, *end = line + len;

	/* look before rewriting: there may be nothing to clean */
	if (s == end)
		return len;
	d = s;

	while (s < end) {
		unsigned char c = *s;

		if (c == 0x1b) {
			s++;
			if (s < end && *s == '[') {
				/* CSI: colours, "ESC [ 01;35m" */
				s++;
				while (s < end && !(*s >= 0x40 && *s <= 0x7e))
					s++;
				if (s < end)
					s++;
			} else if (s < end && *s == ']') {
				/*
				 * OSC, up to BEL or "ESC \\": gcc's links to
				 * its manual, "ESC ] 8 ;; URL BEL"
				 */
				while (++s < end && *s != '\a' &&
				       !(*s == 0x1b && s + 1 < end &&
					 s[1] == '\\'))
					;
				s += s < end && *s == 0x1b ? 2 : 1;
				if (s > end)
					s = end;
			} else if (s < end) {
				s++;
			}
			continue;
		}
		if (c == '\r' && s + 1 == end) {
			s++;
			continue;
		}
		if (c < 0x20 && c != '\t')
			c = '?';
		else if (c == 0x7f)
			c = '?';
		*d++ = c;
		s++;
	}
	*d = '\0';
	return d - line;
}

/* Scan state of a JSON document being collected from the stream. */
struct json_scan {
	struct strbuf text;
	unsigned long first_line;
	int depth;
	bool in_string, escape;
	bool active;
};

/*
 * Feed @n bytes of a document. Return: the number of bytes that belong to
 * the document; when it is less than @n, the document ended there.
 */
static size_t json_scan_feed(struct json_scan *js, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (js->in_string) {
			if (js->escape)
				js->escape = false;
			else if (c == '\\')
				js->escape = true;
			else if (c == '"')
				js->in_string = false;
			continue;
		}
		if (c == '"') {
			js->in_string = true;
		} else if (c == '{' || c == '[') {
			js->depth++;
		} else if (c == '}' || c == ']') {
			if (--js->depth == 0) {
				strbuf_add(&js->text, s, i + 1);
				return i + 1;
			}
		}
	}
	strbuf_add(&js->text, s, n);
	strbuf_addch(&js->text, '\n');
	return n;
}

static void json_scan_start(struct json_scan *js, unsigned long line)
{
	strbuf_reset(&js->text);
	js->first_line = line;
	js->depth = 0;
	js->in_string = false;
	js->escape = false;
	js->active = true;
}

/* A kind's line hook, with its state: the kinds that have one, in order */
struct line_hook {
	bool (*line)(struct parse_ctx *ctx, void *priv, const struct line *l);
	void *priv;
};

struct stream {
	struct parse_ctx *ctx;
	const struct parser *hint;
	bool whole_json;	/* the input is a JSON file, not a log */
	bool no_json;		/* find no JSON documents in it */
	/*
	 * The line hooks, in registry order. The kinds with cheap tests
	 * (struct parser's first() and last()) have bits (@bit[i], 1 << j
	 * for the j-th of them; 0 for the others): while no kind is busy, a
	 * line is offered to the ones that want its first byte (@want_first
	 * [c], or [256 + lead] for a line that starts with a blank) and, in
	 * a line with no ':', its last byte (@want_last). @plan[that mask]
	 * is the hooks to offer it to, up to one whose @line is NULL; a busy
	 * kind has them all offered every line, as @plan[@all].
	 */
	struct line_hook hook[NR_PARSERS];
	uint32_t bit[NR_PARSERS];
	size_t nr_hook;
	uint32_t want_first[512], want_last[256], all;
	struct line_hook **plan;
};

static int decode_json(struct stream *st, struct json_scan *js)
{
	struct parse_ctx *ctx = st->ctx;
	json_error_t jerr;
	json_t *doc;
	size_t i;
	int ret = 0;

	js->active = false;
	doc = json_loadb(js->text.buf, js->text.len, JSON_REJECT_DUPLICATES,
			 &jerr);
	if (!doc) {
		unsigned long line = js->first_line;

		if (jerr.line > 0)
			line += jerr.line - 1;
		return parse_error_at(ctx, line, "invalid JSON: %s", jerr.text);
	}
	/* the kind named on the command line is asked first */
	for (i = 0; !ret && st->hint && i < NR_PARSERS; i++)
		if (parsers[i] == st->hint && parsers[i]->json)
			ret = parsers[i]->json(ctx, ctx->priv[i], doc,
					       js->first_line);
	for (i = 0; !ret && i < NR_PARSERS; i++) {
		if (!parsers[i]->json || parsers[i] == st->hint)
			continue;
		ret = parsers[i]->json(ctx, ctx->priv[i], doc,
				       js->first_line);
	}
	json_decref(doc);
	if (ret > 0)
		ctx->claimed++;
	if (ret < 0)
		return -1;
	if (!ret && st->whole_json)
		return parse_error_at(ctx, js->first_line,
				      "JSON document of no known kind (known: %s)",
				      parser_kind_list());
	if (!ret) {
		ctx->line = js->first_line;
		parse_notice(ctx, "results", "results",
			     "JSON document of no known kind skipped");
	}
	return 0;
}

/* Records of an input counted at a time when folding */
#define FOLD_BATCH	256

/* Count the input's records into its summary and drop them. */
static void fold_records(struct parse_ctx *ctx)
{
	struct results *res = ctx->res;

	/* no records: @res->rec may be NULL, and no offset is taken of it */
	if (res->nr > ctx->in->first_rec)
		summary_add_records(ctx->acc, &res->rec[ctx->in->first_rec],
				    res->nr - ctx->in->first_rec);
	ctx->in->nr_folded += res->nr - ctx->in->first_rec;
	results_truncate(res, ctx->in->first_rec);
}

/*
 * Fold the input's records once there are a batch of them: @res is
 * @ctx->res, @fold_at the input's first record and FOLD_BATCH, which the
 * caller keeps at hand for each line.
 */
static inline void maybe_fold(struct parse_ctx *ctx, const struct results *res,
			      size_t fold_at)
{
	if (res->nr >= fold_at && ctx->acc && !ctx->open_records)
		fold_records(ctx);
}

/*
 * Offer a line to the hooks that want it in order, until one claims it.
 * While no kind is busy, the ones that do not want it are passed over.
 */
static inline void offer_line(struct stream *st, const struct line *l)
{
	struct parse_ctx *ctx = st->ctx;
	const struct line_hook *h;
	uint32_t want = st->all;

	if (!ctx->busy) {
		const char *s = l->s;
		size_t k = (unsigned char)*s;

		if (k == ' ') {
			/* most often two blanks, as kbuild indents */
			s += 1 + (s[1] == ' ');
			while (*s == ' ')
				s++;
			k = 256 + (unsigned char)*s;
		}
		want = st->want_first[k];
		/* the last byte, or the NUL of an empty line */
		if (!l->colon)
			want &= st->want_last[(unsigned char)
					      l->s[l->len - !!l->len]];
	}
	for (h = st->plan[want]; h->line; h++) {
		if (h->line(ctx, h->priv, l)) {
			ctx->claimed++;
			return;
		}
	}
}

/*
 * Set up the line hooks of @st (struct stream) for the kinds whose states
 * from begin() are @priv: a kind that has a begin() which returned NULL
 * has no hook.
 */
static void add_hooks(struct stream *st, void *const *priv)
{
	uint32_t bit = 1, want;
	struct line_hook *h;
	size_t i, n;
	unsigned int c;

	_Static_assert(NR_PARSERS < 32, "a mask of the kinds has 32 bits");
	for (i = 0; i < NR_PARSERS; i++) {
		const struct parser *p = parsers[i];

		if (!p->line || (p->begin && !priv[i]))
			continue;
		n = st->nr_hook++;
		st->hook[n].line = p->line;
		st->hook[n].priv = priv[i];
		if (!p->first && !p->last)
			continue;
		st->bit[n] = bit;
		for (c = 0; c < 256; c++) {
			/*
			 * a line that starts with a blank goes by its lead,
			 * which is never one
			 */
			if (c != ' ' && (!p->first || p->first(c, c)))
				st->want_first[c] |= bit;
			if (c != ' ' && (!p->first || p->first(' ', c)))
				st->want_first[256 + c] |= bit;
			if (!p->last || p->last(c))
				st->want_last[c] |= bit;
		}
		bit <<= 1;
	}
	st->all = bit - 1;
	/* a plan for each mask: the hooks of its bits, and those of none */
	st->plan = xmalloc(bit * sizeof(*st->plan));
	h = xmalloc(bit * (st->nr_hook + 1) * sizeof(*h));
	for (want = 0; want <= st->all; want++) {
		st->plan[want] = h;
		for (n = 0; n < st->nr_hook; n++)
			if (!st->bit[n] || (want & st->bit[n]))
				*h++ = st->hook[n];
		h++->line = NULL;
	}
}

static void free_hooks(struct stream *st)
{
	free(st->plan[0]);
	free(st->plan);
}

/* kunit.py's stdout: the document starts with a line that is just '{' */
static bool starts_json(const char *s, size_t len)
{
	return len == 1 && s[0] == '{';
}

/*
 * Hand the document scanner what is left of a line after a document
 * ended in it; further documents may follow on the same line.
 */
static int rest_of_line(struct stream *st, struct json_scan *js,
			const char *s, size_t len, unsigned long nr)
{
	while (len) {
		size_t used;

		while (len && is_space(*s)) {
			s++;
			len--;
		}
		if (!len || (*s != '{' && *s != '['))
			return 0;
		json_scan_start(js, nr);
		used = json_scan_feed(js, s, len);
		if (js->depth > 0)
			return 0;
		if (decode_json(st, js))
			return -1;
		s += used;
		len -= used;
	}
	return 0;
}

static int read_stream(struct stream *st, struct reader *rd)
{
	struct parse_ctx *ctx = st->ctx;
	struct strbuf sb = STRBUF_INIT;
	struct json_scan js = { .text = STRBUF_INIT };
	unsigned long nr = 0;
	char *s;
	size_t len;
	bool cut;
	struct line l;
	const struct results *res = ctx->res;
	size_t fold_at = ctx->in->first_rec + FOLD_BATCH;
	int ret = 0;

	for (;;) {
		char *at = rd->buf + rd->start, *nl;
		/* what this depends on changes only after the loop below */
		bool plain_ok = nr && !js.active && !st->whole_json;

		/*
		 * Most lines: plain text in the buffer, which none of the
		 * steps below would change, read in place
		 */
		for (;;) {
			nl = find_unclean(at);
			len = nl - at;
			if (!plain_ok || *nl != '\n' || len > MAX_LINE ||
			    starts_json(at, len))
				break;
			l.s = at;
			l.len = len;
			/* find_unclean() has read the first 32 bytes */
			l.colon = find_in_line32(at, len, ':',
						 bytes32_equal(at, ':'));
			l.space = *at == ' ' ? at :
				  find_in_line32(at, len, ' ',
						 bytes32_equal(at, ' '));
			/* last: a load of the 16 bytes around it would wait */
			*nl = '\0';
			at = nl + 1;
			maybe_fold(ctx, res, fold_at);
			ctx->line = l.nr = ++nr;
			offer_line(st, &l);
		}
		rd->start = at - rd->buf;
		if (!reader_getline(rd, nl, &sb, st->whole_json || js.active ?
				    0 : MAX_LINE, &s, &len, &cut))
			break;
		maybe_fold(ctx, res, fold_at);
		ctx->line = ++nr;
		if (len && s[len - 1] == '\r')
			s[--len] = '\0';
		if (nr == 1 && len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
			s += 3;
			len -= 3;
		}
		if (js.active) {
			size_t used = json_scan_feed(&js, s, len);

			if (js.depth == 0) {
				if (decode_json(st, &js) ||
				    rest_of_line(st, &js, s + used, len - used,
						 nr)) {
					ret = -1;
					break;
				}
			}
			continue;
		}
		if (cut && !strcmp(ctx->in->kind, "results")) {
			/* structured: a cut line would read back changed */
			ret = parse_error_at(ctx, nr,
					     "a line longer than %d MiB",
					     MAX_LINE >> 20);
			break;
		}
		if (cut && !ctx->cut_reported) {
			parse_notice(ctx, "results", "results",
				     "a line longer than %d MiB was cut",
				     MAX_LINE >> 20);
			ctx->cut_reported = true;
		}
		if (st->whole_json && !st->no_json) {
			/* a JSON file: documents, maybe blank lines between */
			const char *p = skip_spaces(s);

			if (!*p)
				continue;
			if (*p == '{' || *p == '[') {
				if (rest_of_line(st, &js, p, len - (p - s),
						 nr)) {
					ret = -1;
					break;
				}
				continue;
			}
		}
		if (len && !st->no_json && starts_json(s, len)) {
			if (rest_of_line(st, &js, s, len, nr)) {
				ret = -1;
				break;
			}
			continue;
		}
		line_init(&l, s, clean_line(s, len), nr);
		offer_line(st, &l);
	}
	if (!ret && rd->err)
		ret = parse_error_at(ctx, 0, "read error: %s",
				     strerror(rd->err));
	if (!ret && js.active && !st->whole_json) {
		/*
		 * A log that ends inside the JSON it carries (kunit.py killed
		 * while printing) ended early: what came before stands.
		 */
		ctx->line = js.first_line;
		parse_notice(ctx, "results", "results",
			     "the JSON document at the end is cut short");
	} else if (!ret && js.active) {
		/* a JSON file that never closed: let jansson say where */
		if (js.text.len && js.text.buf[js.text.len - 1] == '\n')
			strbuf_setlen(&js.text, js.text.len - 1);
		ret = decode_json(st, &js);
		if (!ret)
			ret = parse_error_at(ctx, nr, "truncated JSON document");
	}
	strbuf_release(&sb);
	strbuf_release(&js.text);
	return ret;
}

static const struct parser *detect(const char *head, size_t len)
{
	const struct parser *best = NULL;
	int best_score = 0;
	size_t i;

	for (i = 0; i < NR_PARSERS; i++) {
		int score = parsers[i]->probe ? parsers[i]->probe(head, len) : 0;

		if (score > best_score) {
			best = parsers[i];
			best_score = score;
		}
	}
	return best ? best : &parser_build;
}

/*
 * An input that is JSON starts with '{', or with '[' and then an object,
 * array or string; "[12:34:56] ..." is kunit.py's console, not JSON.
 */
static bool is_json_head(const char *head, size_t len)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(head, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len && is_space(head[i]))
		i++;
	if (i < len && head[i] == '{')
		return true;
	if (i >= len || head[i] != '[')
		return false;
	i++;
	while (i < len && is_space(head[i]))
		i++;
	return i < len && strchr("{[]\"", head[i]);
}

/*
 * Split "KIND:FILE". A prefix that is not a kind is part of the file
 * name when that file exists; otherwise it is an unknown kind.
 */
static int split_arg(const char *arg, const struct parser **kind,
		     const char **file)
{
	const char *colon = strchr(arg, ':');
	struct stat st;
	char *name;
	size_t i;

	*kind = NULL;
	*file = arg;
	if (!colon || colon == arg)
		return 0;
	name = xstrndup(arg, colon - arg);
	*kind = parser_find(name);
	if (*kind) {
		*file = colon + 1;
		free(name);
		return 0;
	}
	for (i = 0; name[i]; i++)
		if (!(is_alnum(name[i]) || name[i] == '-' || name[i] == '_'))
			break;
	if (name[i] || !stat(arg, &st)) {
		free(name);
		return 0;
	}
	error("unknown kind '%s' in '%s' (known: %s)", name, arg,
	      parser_kind_list());
	free(name);
	return -1;
}

/**
 * parse_input() - read one input into the model
 * @res: the model
 * @arg: FILE, "-" for stdin, or KIND:FILE
 * @opt: where the tree is, when the user said so
 * @labels: labels given on the command line, applied to this input
 * @nr_labels: their number
 *
 * Return: 0, or -1 after an error message (missing file, unknown kind,
 * broken structured input).
 */
int parse_input(struct results *res, const char *arg,
		const struct parse_options *opt,
		const struct label *labels, size_t nr_labels)
{
	const struct parser *hint, *kind;
	struct parse_ctx ctx = { .res = res, .opt = opt };
	struct stream st = { .ctx = &ctx };
	struct reader rd = { .fd = -1 };
	void *priv[NR_PARSERS] = { NULL };
	const char *file;
	struct stat sbuf;
	size_t i;
	int ret = 0, unzip_status;

	if (split_arg(arg, &hint, &file))
		return -1;
	if (!strcmp(file, "-")) {
		rd.fd = STDIN_FILENO;
	} else {
		rd.fd = open(file, O_RDONLY);
		if (rd.fd < 0)
			return error("%s: cannot open: %s", file,
				     strerror(errno));
		if (!fstat(rd.fd, &sbuf) && S_ISDIR(sbuf.st_mode)) {
			close(rd.fd);
			return error("%s: is a directory", file);
		}
	}

	reader_init(&rd);
	while (!rd.eof && rd.end < HEAD_SIZE)
		reader_fill(&rd);
	if (reader_unzip(&rd)) {
		ret = error("%s: cannot start a decompressor: %s", file,
			    strerror(errno));
		if (rd.fd != STDIN_FILENO)
			close(rd.fd);
		free(rd.buf);
		return ret;
	}
	kind = hint ? hint : detect(rd.buf, rd.end);
	st.hint = hint;
	st.whole_json = is_json_head(rd.buf, rd.end);
	/* a RESULTS file is read by its grammar alone, "{" lines too */
	st.no_json = kind == &parser_results;

	ctx.in = results_add_input(res, file, kind->name);
	ctx.path = ctx.in->name;
	ctx.priv = priv;
	for (i = 0; i < nr_labels; i++)
		input_set_label(ctx.in, labels[i].key, labels[i].value, true);
	if (res->fold) {
		ctx.acc = xcalloc(1, sizeof(*ctx.acc));
		summary_init(ctx.acc);
	}
	ctx.kb = kbuild_new(&ctx);
	for (i = 0; i < NR_PARSERS; i++)
		if (parsers[i]->begin)
			priv[i] = parsers[i]->begin(&ctx);
	add_hooks(&st, priv);

	ret = read_stream(&st, &rd);
	unzip_status = reader_unzip_end(&rd);
	if (unzip_status == 127 && !ctx.claimed) {
		ret = error("%s: compressed with %s, which is not installed",
			    file, rd.unzip);
	} else if (unzip_status) {
		ctx.line = 0;
		parse_notice(&ctx, "results", rd.unzip,
			     "%s -dc failed with status %d: the log may be cut short",
			     rd.unzip, unzip_status);
	}

	for (i = 0; i < NR_PARSERS; i++)
		if (parsers[i]->end && parsers[i]->end(&ctx, priv[i]))
			ret = -1;
	kbuild_free(ctx.kb);
	ctx.in->nr_rec = res->nr - ctx.in->first_rec;
	if (!ret && !ctx.claimed)
		parse_notice(&ctx, "results", "results",
			     "nothing recognised in this input");
	ctx.in->nr_rec = res->nr - ctx.in->first_rec;
	if (ctx.acc) {
		fold_records(&ctx);
		if (!res->folded) {
			res->folded = xcalloc(1, sizeof(*res->folded));
			summary_init(res->folded);
		}
		summary_merge(res->folded, ctx.acc);
		summary_release(ctx.acc);
		free(ctx.acc);
	}
	if (rd.fd >= 0 && rd.fd != STDIN_FILENO)
		close(rd.fd);
	free(rd.buf);
	free_hooks(&st);
	return ret;
}
