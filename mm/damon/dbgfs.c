// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON's debugfs interface, under <debugfs>/damon/.
 *
 * The directory itself is the first monitoring context, and mk_contexts
 * adds more as subdirectories.  Each context has attrs, target_ids,
 * init_regions, schemes and kdamond_pid; monitor_on, at the top, starts
 * and stops all contexts at once, each on its own kdamond.  Nothing can be
 * changed while monitoring is on.  Results come through the
 * damon:damon_aggregated tracepoint, and the schemes' statistics through
 * the schemes file.
 */

#define pr_fmt(fmt) "damon-dbgfs: " fmt

#include <linux/ctype.h>
#include <linux/damon.h>
#include <linux/dcache.h>
#include <linux/debugfs.h>
#include <linux/mm.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* Longer input than this is garbage for every file here... */
#define DBGFS_MAX_INPUT		4096
/* ...but init_regions, which takes a line of up to 46 bytes per range. */
#define DBGFS_MAX_RANGES_INPUT	(DAMON_MAX_NR_REGIONS * 48)
/* ...and schemes, which takes up to DBGFS_MAX_SCHEMES lines of 18 numbers. */
#define DBGFS_MAX_SCHEMES	64
#define DBGFS_SCHEME_WORDS	18
#define DBGFS_MAX_SCHEMES_INPUT	(DBGFS_MAX_SCHEMES * DBGFS_SCHEME_WORDS * 21)
#define DBGFS_MAX_NAME		64
/* What separates the words of an input. */
#define DBGFS_BLANKS		" \t\n"

/**
 * struct dbgfs_ctx - A monitoring context as debugfs shows it.
 * @list:	Link in dbgfs_ctxs.
 * @name:	Its directory's name; empty for the top directory.
 * @dir:	Its directory.
 * @ctx:	The context.
 */
struct dbgfs_ctx {
	struct list_head list;
	char name[DBGFS_MAX_NAME];
	struct dentry *dir;
	struct damon_ctx *ctx;
};

/*
 * Guards dbgfs_ctxs and the settings of every context in it.  Taken before
 * DAMON core's locks (damon_start() and damon_stop() run under it).  Never
 * held across debugfs_remove(), which waits for file operations that may
 * be waiting for it.
 */
static DEFINE_MUTEX(dbgfs_lock);
static LIST_HEAD(dbgfs_ctxs);

static bool dbgfs_any_running(void)
{
	struct dbgfs_ctx *d;

	lockdep_assert_held(&dbgfs_lock);
	list_for_each_entry(d, &dbgfs_ctxs, list) {
		if (damon_is_running(d->ctx))
			return true;
	}
	return false;
}

/* Takes dbgfs_lock for a change, which only a stopped monitor allows. */
static int dbgfs_lock_idle(void)
{
	mutex_lock(&dbgfs_lock);
	if (dbgfs_any_running()) {
		mutex_unlock(&dbgfs_lock);
		return -EBUSY;
	}
	return 0;
}

/* Applies one write's input, a NUL-terminated string, to a context. */
typedef int (*dbgfs_store_fn)(struct dbgfs_ctx *d, char *input);

/*
 * A value must come in one write of at most @max bytes from the start of
 * the file: a partial or oversized write is refused, not guessed at, and so
 * is a NUL byte, which would hide what follows it.
 */
static ssize_t dbgfs_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos, size_t max,
			   dbgfs_store_fn store)
{
	char *input;
	int err;

	if (*ppos || !count || count > max)
		return -EINVAL;
	input = kvmalloc(count + 1, GFP_KERNEL);
	if (!input)
		return -ENOMEM;
	if (copy_from_user(input, ubuf, count)) {
		kvfree(input);
		return -EFAULT;
	}
	input[count] = '\0';
	if (strlen(input) == count)
		err = store(file->private_data, input);
	else
		err = -EINVAL;
	kvfree(input);
	if (err)
		return err;
	*ppos += count;
	return count;
}

/* The next whitespace-separated word of *@s, or NULL at the end. */
static char *dbgfs_next_word(char **s)
{
	char *word;

	do {
		word = strsep(s, DBGFS_BLANKS);
	} while (word && !*word);
	return word;
}

static ssize_t dbgfs_output(char __user *ubuf, size_t count, loff_t *ppos,
			    const char *text)
{
	return simple_read_from_buffer(ubuf, count, ppos, text, strlen(text));
}

static ssize_t dbgfs_attrs_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct dbgfs_ctx *d = file->private_data;
	const struct damon_attrs *a = &d->ctx->attrs;
	char text[128];

	mutex_lock(&dbgfs_lock);
	snprintf(text, sizeof(text), "%lu %lu %lu %lu %lu\n", a->sample_us,
		 a->aggr_us, a->update_us, a->min_nr_regions,
		 a->max_nr_regions);
	mutex_unlock(&dbgfs_lock);
	return dbgfs_output(ubuf, count, ppos, text);
}

/* "sample aggr update min max": exactly five decimal numbers. */
static int dbgfs_parse_attrs(char *s, struct damon_attrs *a)
{
	unsigned long *fields[] = { &a->sample_us, &a->aggr_us, &a->update_us,
				    &a->min_nr_regions, &a->max_nr_regions };
	char *word;
	int i;

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		word = dbgfs_next_word(&s);
		if (!word || kstrtoul(word, 10, fields[i]))
			return -EINVAL;
	}
	return dbgfs_next_word(&s) ? -EINVAL : 0;
}

static int dbgfs_attrs_store(struct dbgfs_ctx *d, char *input)
{
	struct damon_attrs attrs;
	int err;

	err = dbgfs_parse_attrs(input, &attrs) ?: dbgfs_lock_idle();
	if (err)
		return err;
	err = damon_set_attrs(d->ctx, &attrs);
	mutex_unlock(&dbgfs_lock);
	return err;
}

static ssize_t dbgfs_target_ids_read(struct file *file, char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct dbgfs_ctx *d = file->private_data;
	struct damon_target *t;
	size_t len = 0, size = DBGFS_MAX_INPUT;
	ssize_t ret;
	char *text;

	text = kmalloc(size, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	mutex_lock(&dbgfs_lock);
	damon_for_each_target(t, d->ctx)
		len += scnprintf(text + len, size - len, "%s%d",
				 len ? " " : "", pid_vnr(t->pid));
	mutex_unlock(&dbgfs_lock);
	scnprintf(text + len, size - len, "\n");
	ret = dbgfs_output(ubuf, count, ppos, text);
	kfree(text);
	return ret;
}

/*
 * Targets for the pids in @s, all or none: -EINVAL for a word that is no
 * pid, a kernel thread or a repeated pid, -ESRCH for a pid with no process.
 * No pid at all means no target.
 */
static int dbgfs_parse_targets(char *s, struct list_head *targets)
{
	struct damon_target *t;
	struct pid *pid;
	char *word;
	int nr, err = 0;

	while ((word = dbgfs_next_word(&s))) {
		if (kstrtoint(word, 10, &nr)) {
			err = -EINVAL;
			break;
		}
		err = damon_vaddr_target_pid(nr, &pid);
		if (err)
			break;
		t = damon_find_target(targets, pid) ? NULL : damon_target_new();
		if (!t) {
			err = damon_find_target(targets, pid) ? -EINVAL : -ENOMEM;
			put_pid(pid);
			break;
		}
		t->pid = pid;
		list_add_tail(&t->list, targets);
	}
	if (err)
		damon_destroy_targets(targets);
	return err;
}

static int dbgfs_target_ids_store(struct dbgfs_ctx *d, char *input)
{
	LIST_HEAD(targets);
	int err;

	err = dbgfs_parse_targets(input, &targets);
	if (err)
		return err;
	err = dbgfs_lock_idle();
	if (err) {
		damon_destroy_targets(&targets);
		return err;
	}
	damon_destroy_targets(&d->ctx->targets);
	list_splice_tail(&targets, &d->ctx->targets);
	mutex_unlock(&dbgfs_lock);
	return 0;
}

/* Each target's ranges, one "<target index> <start> <end>" line each. */
static ssize_t dbgfs_init_regions_read(struct file *file, char __user *ubuf,
				       size_t count, loff_t *ppos)
{
	struct dbgfs_ctx *d = file->private_data;
	struct damon_target *t;
	size_t len = 0, size = 1;
	unsigned int idx = 0, i;
	ssize_t ret;
	char *text;

	mutex_lock(&dbgfs_lock);
	damon_for_each_target(t, d->ctx)
		size += t->nr_ranges * 64;
	text = kvmalloc(size, GFP_KERNEL);
	if (!text) {
		mutex_unlock(&dbgfs_lock);
		return -ENOMEM;
	}
	text[0] = '\0';
	damon_for_each_target(t, d->ctx) {
		for (i = 0; i < t->nr_ranges; i++)
			len += scnprintf(text + len, size - len, "%u %lu %lu\n",
					 idx, t->ranges[i].start,
					 t->ranges[i].end);
		idx++;
	}
	mutex_unlock(&dbgfs_lock);
	ret = dbgfs_output(ubuf, count, ppos, text);
	kvfree(text);
	return ret;
}

/**
 * struct dbgfs_range - One line of init_regions.
 * @target:	The index of the target in target_ids.
 * @ar:		The range.
 */
struct dbgfs_range {
	unsigned int target;
	struct damon_addr_range ar;
};

static unsigned int dbgfs_count_words(const char *s)
{
	unsigned int n = 0;
	bool in_word = false;

	for (; *s; s++) {
		if (strchr(DBGFS_BLANKS, *s)) {
			in_word = false;
		} else if (!in_word) {
			in_word = true;
			n++;
		}
	}
	return n;
}

/* "<target index> <start> <end>" triples, in decimal, into *@lines. */
static int dbgfs_parse_ranges(char *s, struct dbgfs_range **lines)
{
	unsigned int nr_words = dbgfs_count_words(s), i;
	struct dbgfs_range *l;

	if (nr_words % 3)
		return -EINVAL;
	l = kvmalloc_array(nr_words / 3, sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	for (i = 0; i < nr_words / 3; i++) {
		if (kstrtouint(dbgfs_next_word(&s), 10, &l[i].target) ||
		    kstrtoul(dbgfs_next_word(&s), 10, &l[i].ar.start) ||
		    kstrtoul(dbgfs_next_word(&s), 10, &l[i].ar.end)) {
			kvfree(l);
			return -EINVAL;
		}
	}
	*lines = l;
	return nr_words / 3;
}

/*
 * Hands out @lines to their targets, in one pass whatever their number:
 * ranges[i] gets target i's ranges, checked and rounded, and nr[i] their
 * number (ranges[i] NULL if none).  -EINVAL if a target's ranges are bad.
 */
static int dbgfs_split_ranges(const struct dbgfs_range *lines,
			      unsigned int nr_lines, unsigned int nr_targets,
			      struct damon_addr_range **ranges, int *nr)
{
	unsigned int i;

	for (i = 0; i < nr_lines; i++)
		nr[lines[i].target]++;
	for (i = 0; i < nr_targets; i++) {
		if (!nr[i])
			continue;
		ranges[i] = kvmalloc_array(nr[i], sizeof(**ranges), GFP_KERNEL);
		if (!ranges[i])
			return -ENOMEM;
		nr[i] = 0;
	}
	/* In the order written: unsorted ranges are refused, not sorted. */
	for (i = 0; i < nr_lines; i++)
		ranges[lines[i].target][nr[lines[i].target]++] = lines[i].ar;
	for (i = 0; i < nr_targets; i++) {
		nr[i] = damon_ranges_normalize(ranges[i], nr[i]);
		if (nr[i] < 0)
			return nr[i];
	}
	return 0;
}

/*
 * Sets the ranges of every target, all or none: -EINVAL for a line that is
 * not three numbers, names no target, or whose range is empty, beyond user
 * space, or below the end of its target's range before it.  Only blanks
 * clear them all.
 */
static int dbgfs_init_regions_store(struct dbgfs_ctx *d, char *input)
{
	struct damon_addr_range **ranges;
	struct dbgfs_range *lines = NULL;
	unsigned int nr_targets, i;
	struct damon_target *t;
	int nr_lines, *nr, err;

	nr_lines = dbgfs_parse_ranges(input, &lines);
	if (nr_lines < 0)
		return nr_lines;
	err = dbgfs_lock_idle();
	if (err)
		goto free_lines;
	nr_targets = damon_nr_targets(d->ctx);
	for (i = 0; i < nr_lines; i++) {
		if (lines[i].target >= nr_targets) {
			err = -EINVAL;
			goto unlock;
		}
	}
	ranges = kcalloc(nr_targets, sizeof(*ranges), GFP_KERNEL);
	nr = kcalloc(nr_targets, sizeof(*nr), GFP_KERNEL);
	err = ranges && nr ? dbgfs_split_ranges(lines, nr_lines, nr_targets,
						ranges, nr) : -ENOMEM;
	if (!err) {
		i = 0;
		damon_for_each_target(t, d->ctx) {
			damon_target_set_ranges(t, ranges[i], nr[i]);
			ranges[i++] = NULL;
		}
	}
	for (i = 0; ranges && i < nr_targets; i++)
		kvfree(ranges[i]);
	kfree(ranges);
	kfree(nr);
unlock:
	mutex_unlock(&dbgfs_lock);
free_lines:
	kvfree(lines);
	return err;
}

/* One scheme as a line of the schemes file, with its statistics. */
static int dbgfs_print_scheme(char *buf, size_t size, const struct damos *s)
{
	const struct damos_pattern *p = &s->pattern;
	const struct damos_watermarks *w = &s->wmarks;
	const struct damos_quota *q = &s->quota;
	struct damos_stats st;

	damos_read_stats(s, &st);
	return scnprintf(buf, size,
			 "%lu %lu %lu %lu %lu %lu %d %lu %lu %lu %u %u %u %d %lu %lu %lu %lu %lu %lu %lu %lu %lu\n",
			 p->sz.min, p->sz.max, p->nr_accesses.min,
			 p->nr_accesses.max, p->age.min, p->age.max, s->action,
			 q->ms, q->sz, q->reset_interval_ms, q->weight_sz,
			 q->weight_nr_accesses, q->weight_age, w->metric,
			 w->interval_us, w->high, w->mid, w->low, st.nr_tried,
			 st.sz_tried, st.nr_applied, st.sz_applied,
			 st.qt_exceeds);
}

/* Each scheme, one line each: its 18 settings, then 5 statistics. */
static ssize_t dbgfs_schemes_read(struct file *file, char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct dbgfs_ctx *d = file->private_data;
	/* 23 numbers of up to 20 digits and a blank each. */
	const size_t line_max = 23 * 21 + 1;
	size_t len = 0, size = 1;
	struct damos *s;
	ssize_t ret;
	char *text;

	mutex_lock(&dbgfs_lock);
	damon_for_each_scheme(s, d->ctx)
		size += line_max;
	text = kvmalloc(size, GFP_KERNEL);
	if (!text) {
		mutex_unlock(&dbgfs_lock);
		return -ENOMEM;
	}
	text[0] = '\0';
	damon_for_each_scheme(s, d->ctx)
		len += dbgfs_print_scheme(text + len, size - len, s);
	mutex_unlock(&dbgfs_lock);
	ret = dbgfs_output(ubuf, count, ppos, text);
	kvfree(text);
	return ret;
}

/*
 * The settings of a scheme from the 18 numbers of one line, in the order
 * the schemes file prints them.  Values that do not fit their field are
 * refused here; damos_validate() checks the rest.
 */
static int dbgfs_fill_scheme(struct damos *s, const unsigned long *v)
{
	if (v[6] >= NR_DAMOS_ACTIONS || v[13] >= NR_DAMOS_WMARK_METRICS ||
	    v[10] > DAMOS_MAX_QUOTA_WEIGHT || v[11] > DAMOS_MAX_QUOTA_WEIGHT ||
	    v[12] > DAMOS_MAX_QUOTA_WEIGHT)
		return -EINVAL;
	s->pattern = (struct damos_pattern){
		.sz = { v[0], v[1] },
		.nr_accesses = { v[2], v[3] },
		.age = { v[4], v[5] },
	};
	s->action = v[6];
	s->quota = (struct damos_quota){
		.ms = v[7], .sz = v[8], .reset_interval_ms = v[9],
		.weight_sz = v[10], .weight_nr_accesses = v[11],
		.weight_age = v[12],
	};
	s->wmarks = (struct damos_watermarks){
		.metric = v[13], .interval_us = v[14],
		.high = v[15], .mid = v[16], .low = v[17],
	};
	return damos_validate(s);
}

/* One line of exactly DBGFS_SCHEME_WORDS decimal numbers into @schemes. */
static int dbgfs_parse_scheme(char *line, struct list_head *schemes)
{
	unsigned long v[DBGFS_SCHEME_WORDS];
	struct damos *s;
	char *word;
	int i, err;

	for (i = 0; i < DBGFS_SCHEME_WORDS; i++) {
		word = dbgfs_next_word(&line);
		if (!word || kstrtoul(word, 10, &v[i]))
			return -EINVAL;
	}
	if (dbgfs_next_word(&line))
		return -EINVAL;
	s = damos_new(NULL, NULL, DAMOS_STAT);
	if (!s)
		return -ENOMEM;
	err = dbgfs_fill_scheme(s, v);
	if (err) {
		damos_free(s);
		return err;
	}
	list_add_tail(&s->list, schemes);
	return 0;
}

/*
 * One scheme per line, all or none: -EINVAL for a line that is not 18
 * numbers or a scheme that damos_validate_list() refuses for the context's
 * primitives, or for more than DBGFS_MAX_SCHEMES.  Blank lines are skipped,
 * so only blanks remove every scheme.
 */
static int dbgfs_parse_schemes(char *input, struct damon_ctx *ctx,
			       struct list_head *schemes)
{
	unsigned int nr = 0;
	char *line;
	int err = 0;

	while (!err && (line = strsep(&input, "\n"))) {
		if (!dbgfs_count_words(line))
			continue;
		err = ++nr > DBGFS_MAX_SCHEMES ? -EINVAL :
		      dbgfs_parse_scheme(line, schemes);
	}
	if (!err)
		err = damos_validate_list(schemes, &ctx->prims);
	if (err)
		damos_destroy_list(schemes);
	return err;
}

static int dbgfs_schemes_store(struct dbgfs_ctx *d, char *input)
{
	LIST_HEAD(schemes);
	int err;

	err = dbgfs_parse_schemes(input, d->ctx, &schemes);
	if (err)
		return err;
	err = dbgfs_lock_idle();
	if (err) {
		damos_destroy_list(&schemes);
		return err;
	}
	damos_destroy_list(&d->ctx->schemes);
	list_splice_tail(&schemes, &d->ctx->schemes);
	mutex_unlock(&dbgfs_lock);
	return 0;
}

static ssize_t dbgfs_kdamond_pid_read(struct file *file, char __user *ubuf,
				      size_t count, loff_t *ppos)
{
	struct dbgfs_ctx *d = file->private_data;
	pid_t pid = damon_kdamond_pid(d->ctx);
	char text[32];

	if (pid < 0)
		strscpy(text, "none\n", sizeof(text));
	else
		snprintf(text, sizeof(text), "%d\n", pid);
	return dbgfs_output(ubuf, count, ppos, text);
}

static ssize_t dbgfs_monitor_on_read(struct file *file, char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	bool on;

	mutex_lock(&dbgfs_lock);
	on = dbgfs_any_running();
	mutex_unlock(&dbgfs_lock);
	return dbgfs_output(ubuf, count, ppos, on ? "on\n" : "off\n");
}

/* Starts every context, after checking that each has live targets. */
static int dbgfs_start_all(void)
{
	struct damon_ctx **ctxs;
	struct damon_target *t;
	struct dbgfs_ctx *d;
	int nr = 0, err = 0;

	lockdep_assert_held(&dbgfs_lock);
	list_for_each_entry(d, &dbgfs_ctxs, list) {
		if (list_empty(&d->ctx->targets))
			return -EINVAL;
		damon_for_each_target(t, d->ctx) {
			if (!d->ctx->prims.target_valid(t))
				return -ESRCH;
		}
		nr++;
	}
	ctxs = kmalloc_array(nr, sizeof(*ctxs), GFP_KERNEL);
	if (!ctxs)
		return -ENOMEM;
	nr = 0;
	list_for_each_entry(d, &dbgfs_ctxs, list)
		ctxs[nr++] = d->ctx;
	err = damon_start(ctxs, nr);
	kfree(ctxs);
	return err;
}

static void dbgfs_stop_all(void)
{
	struct dbgfs_ctx *d;

	lockdep_assert_held(&dbgfs_lock);
	list_for_each_entry(d, &dbgfs_ctxs, list)
		damon_stop(&d->ctx, 1);
}

static int dbgfs_monitor_on_store(struct dbgfs_ctx *d, char *input)
{
	int err = 0;

	mutex_lock(&dbgfs_lock);
	if (sysfs_streq(input, "on"))
		err = dbgfs_any_running() ? -EBUSY : dbgfs_start_all();
	else if (sysfs_streq(input, "off"))
		dbgfs_stop_all();
	else
		err = -EINVAL;
	mutex_unlock(&dbgfs_lock);
	return err;
}

/*
 * File operations that take writes of up to @max bytes with
 * dbgfs_<name>_store and read with dbgfs_<name>_read, if any.
 */
#define DBGFS_FOPS_MAX(name, max, ...)					\
static ssize_t dbgfs_##name##_write(struct file *file,			\
				    const char __user *ubuf,		\
				    size_t count, loff_t *ppos)		\
{									\
	return dbgfs_write(file, ubuf, count, ppos, max,		\
			   dbgfs_##name##_store);			\
}									\
static const struct file_operations dbgfs_##name##_fops = {		\
	.open = simple_open,						\
	.write = dbgfs_##name##_write,					\
	__VA_ARGS__							\
}

#define DBGFS_FOPS(name, ...) DBGFS_FOPS_MAX(name, DBGFS_MAX_INPUT, __VA_ARGS__)

DBGFS_FOPS(attrs, .read = dbgfs_attrs_read);
DBGFS_FOPS(target_ids, .read = dbgfs_target_ids_read);
DBGFS_FOPS_MAX(init_regions, DBGFS_MAX_RANGES_INPUT,
	       .read = dbgfs_init_regions_read);
DBGFS_FOPS_MAX(schemes, DBGFS_MAX_SCHEMES_INPUT, .read = dbgfs_schemes_read);
DBGFS_FOPS(monitor_on, .read = dbgfs_monitor_on_read);

static const struct file_operations dbgfs_kdamond_pid_fops = {
	.open = simple_open,
	.read = dbgfs_kdamond_pid_read,
};

static struct dbgfs_ctx *dbgfs_find(const char *name)
{
	struct dbgfs_ctx *d;

	lockdep_assert_held(&dbgfs_lock);
	list_for_each_entry(d, &dbgfs_ctxs, list) {
		if (d->name[0] && !strcmp(d->name, name))
			return d;
	}
	return NULL;
}

/* A context and its files in @dir (created here when @name is non-empty). */
static struct dbgfs_ctx *dbgfs_ctx_create(struct dentry *parent,
					  const char *name)
{
	struct dbgfs_ctx *d = kzalloc(sizeof(*d), GFP_KERNEL);
	int err = -ENOMEM;

	if (!d)
		return ERR_PTR(-ENOMEM);
	d->ctx = damon_ctx_new();
	if (!d->ctx)
		goto free_d;
	damon_vaddr_set_primitives(d->ctx);
	strscpy(d->name, name, sizeof(d->name));
	d->dir = name[0] ? debugfs_create_dir(name, parent) : parent;
	if (IS_ERR(d->dir)) {
		err = PTR_ERR(d->dir);
		goto free_ctx;
	}
	debugfs_create_file("attrs", 0600, d->dir, d, &dbgfs_attrs_fops);
	debugfs_create_file("target_ids", 0600, d->dir, d,
			    &dbgfs_target_ids_fops);
	debugfs_create_file("init_regions", 0600, d->dir, d,
			    &dbgfs_init_regions_fops);
	debugfs_create_file("schemes", 0600, d->dir, d, &dbgfs_schemes_fops);
	debugfs_create_file("kdamond_pid", 0400, d->dir, d,
			    &dbgfs_kdamond_pid_fops);
	return d;

free_ctx:
	damon_ctx_destroy(d->ctx);
free_d:
	kfree(d);
	return ERR_PTR(err);
}

/* A context name, trimmed: printable, no space, usable as a directory. */
static int dbgfs_parse_name(char *input, char **name)
{
	char *s = strim(input), *c;

	if (!*s || strlen(s) >= DBGFS_MAX_NAME || !strcmp(s, ".") ||
	    !strcmp(s, ".."))
		return -EINVAL;
	for (c = s; *c; c++) {
		if (!isgraph(*c) || *c == '/')
			return -EINVAL;
	}
	*name = s;
	return 0;
}

static struct dentry *dbgfs_root;

/* Checked first, as debugfs logs an error for a name already there. */
static bool dbgfs_name_taken(const char *name)
{
	struct dentry *dentry = debugfs_lookup(name, dbgfs_root);

	if (!dentry)
		return false;
	dput(dentry);
	return true;
}

static int dbgfs_mk_contexts_store(struct dbgfs_ctx *unused, char *input)
{
	struct dbgfs_ctx *d;
	char *name;
	int err;

	err = dbgfs_parse_name(input, &name) ?: dbgfs_lock_idle();
	if (err)
		return err;
	if (dbgfs_find(name) || dbgfs_name_taken(name)) {
		err = -EEXIST;
	} else {
		d = dbgfs_ctx_create(dbgfs_root, name);
		if (IS_ERR(d))
			err = PTR_ERR(d);
		else
			list_add_tail(&d->list, &dbgfs_ctxs);
	}
	mutex_unlock(&dbgfs_lock);
	return err;
}

static int dbgfs_rm_contexts_store(struct dbgfs_ctx *unused, char *input)
{
	struct dbgfs_ctx *d;
	char *name;
	int err;

	err = dbgfs_parse_name(input, &name) ?: dbgfs_lock_idle();
	if (err)
		return err;
	d = dbgfs_find(name);
	if (d)
		list_del(&d->list);
	mutex_unlock(&dbgfs_lock);
	if (!d)
		return -ENOENT;
	/* Waits for readers and writers of its files to leave. */
	debugfs_remove(d->dir);
	damon_ctx_destroy(d->ctx);
	kfree(d);
	return 0;
}

DBGFS_FOPS(mk_contexts);
DBGFS_FOPS(rm_contexts);

static int __init damon_dbgfs_init(void)
{
	struct dbgfs_ctx *d;

	dbgfs_root = debugfs_create_dir("damon", NULL);
	if (IS_ERR(dbgfs_root)) {
		pr_warn("cannot create <debugfs>/damon: %ld\n",
			PTR_ERR(dbgfs_root));
		return PTR_ERR(dbgfs_root);
	}
	d = dbgfs_ctx_create(dbgfs_root, "");
	if (IS_ERR(d)) {
		debugfs_remove(dbgfs_root);
		return PTR_ERR(d);
	}
	list_add(&d->list, &dbgfs_ctxs);
	debugfs_create_file("monitor_on", 0600, dbgfs_root, NULL,
			    &dbgfs_monitor_on_fops);
	debugfs_create_file("mk_contexts", 0200, dbgfs_root, NULL,
			    &dbgfs_mk_contexts_fops);
	debugfs_create_file("rm_contexts", 0200, dbgfs_root, NULL,
			    &dbgfs_rm_contexts_fops);
	return 0;
}
late_initcall(damon_dbgfs_init);
