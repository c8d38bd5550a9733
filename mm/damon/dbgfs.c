// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON's debugfs interface, under <debugfs>/damon/.
 *
 * The directory itself is the first monitoring context, and mk_contexts
 * adds more as subdirectories.  Each context has attrs, target_ids and
 * kdamond_pid; monitor_on, at the top, starts and stops all contexts at
 * once, each on its own kdamond.  Nothing can be changed while monitoring
 * is on.  Results come through the damon:damon_aggregated tracepoint.
 */

#define pr_fmt(fmt) "damon-dbgfs: " fmt

#include <linux/ctype.h>
#include <linux/damon.h>
#include <linux/dcache.h>
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* Longer input than this is garbage for every file here. */
#define DBGFS_MAX_INPUT		4096
#define DBGFS_MAX_NAME		64

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
 * Guards dbgfs_ctxs and the settings of every context in it.  Never held
 * across debugfs_remove(), which waits for file operations that may be
 * waiting for it.
 */
static DEFINE_MUTEX(dbgfs_lock);
static LIST_HEAD(dbgfs_ctxs);

static bool dbgfs_any_running(void)
{
	struct dbgfs_ctx *d;

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
 * A value must come in one write from the start of the file: a partial or
 * oversized write is refused, not guessed at, and so is a NUL byte, which
 * would hide what follows it.
 */
static ssize_t dbgfs_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos, dbgfs_store_fn store)
{
	char *input;
	int err;

	if (*ppos || !count || count > DBGFS_MAX_INPUT)
		return -EINVAL;
	input = memdup_user_nul(ubuf, count);
	if (IS_ERR(input))
		return PTR_ERR(input);
	if (strlen(input) == count)
		err = store(file->private_data, input);
	else
		err = -EINVAL;
	kfree(input);
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
		word = strsep(s, " \t\n");
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

static bool dbgfs_has_pid(struct list_head *targets, struct pid *pid)
{
	struct damon_target *t;

	list_for_each_entry(t, targets, list) {
		if (t->pid == pid)
			return true;
	}
	return false;
}

/*
 * Targets for the pids in @s, all or none: -EINVAL for a word that is no
 * pid, a kernel thread or a repeated pid, -ESRCH for a pid with no process.
 */
static int dbgfs_parse_targets(char *s, struct list_head *targets)
{
	struct damon_target *t, *tmp;
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
		t = dbgfs_has_pid(targets, pid) ? NULL : damon_target_new();
		if (!t) {
			err = dbgfs_has_pid(targets, pid) ? -EINVAL : -ENOMEM;
			put_pid(pid);
			break;
		}
		t->pid = pid;
		list_add_tail(&t->list, targets);
	}
	if (!err && list_empty(targets))
		err = -EINVAL;
	if (err) {
		list_for_each_entry_safe(t, tmp, targets, list)
			damon_target_destroy(t);
	}
	return err;
}

static int dbgfs_target_ids_store(struct dbgfs_ctx *d, char *input)
{
	struct damon_target *t, *tmp;
	LIST_HEAD(targets);
	int err;

	err = dbgfs_parse_targets(input, &targets);
	if (err)
		return err;
	err = dbgfs_lock_idle();
	if (err) {
		list_for_each_entry_safe(t, tmp, &targets, list)
			damon_target_destroy(t);
		return err;
	}
	damon_for_each_target_safe(t, tmp, d->ctx)
		damon_target_destroy(t);
	list_splice_tail(&targets, &d->ctx->targets);
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

/* File operations that read with dbgfs_<name>_read, if any, and store. */
#define DBGFS_FOPS(name, ...)						\
static ssize_t dbgfs_##name##_write(struct file *file,			\
				    const char __user *ubuf,		\
				    size_t count, loff_t *ppos)		\
{									\
	return dbgfs_write(file, ubuf, count, ppos,			\
			   dbgfs_##name##_store);			\
}									\
static const struct file_operations dbgfs_##name##_fops = {		\
	.open = simple_open,						\
	.write = dbgfs_##name##_write,					\
	__VA_ARGS__							\
}

DBGFS_FOPS(attrs, .read = dbgfs_attrs_read);
DBGFS_FOPS(target_ids, .read = dbgfs_target_ids_read);
DBGFS_FOPS(monitor_on, .read = dbgfs_monitor_on_read);

static const struct file_operations dbgfs_kdamond_pid_fops = {
	.open = simple_open,
	.read = dbgfs_kdamond_pid_read,
};

static struct dbgfs_ctx *dbgfs_find(const char *name)
{
	struct dbgfs_ctx *d;

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
