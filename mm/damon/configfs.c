// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON's control tree in configfs, under /sys/kernel/config/damon/.
 *
 * Users make a directory per monitoring context and, in its targets/, one
 * per process to monitor, with, optionally, one per address range to
 * confine it to in regions/, then write their settings into files.  The files
 * hold settings only: writing "on" to a context's state builds the context
 * from them and starts its kdamond, and "commit" hands them to the running
 * kdamond.  Results appear in sysfs (see sysfs.c).
 *
 * Locks, outermost first: configfs's subsystem mutex (around mkdir and
 * rmdir), a context's lock, then DAMON core's locks and the results' locks
 * (sysfs.c).  A kdamond takes none but the results' snapshot lock, so a
 * context's lock may be held while its kdamond is stopped.
 */

#define pr_fmt(fmt) "damon-configfs: " fmt

#include <linux/atomic.h>
#include <linux/configfs.h>
#include <linux/mm.h>
#include <linux/damon.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "sysfs.h"

/**
 * struct damon_cfs_ctx - <context>/, with its fixed subdirectories.
 * @group:		The context's directory.
 * @mattrs_group:	monitoring_attrs/.
 * @intervals_group:	monitoring_attrs/intervals/.
 * @nr_regions_group:	monitoring_attrs/nr_regions/.
 * @targets_group:	targets/.
 * @lock:		Guards the settings, @targets and the pid of each
 *			target, and serializes starts, stops and commits.
 *			configfs holds no lock of ours around show and store.
 *			The kdamond never takes it.
 * @attrs:		The settings of the attribute files.
 * @targets:		The &struct damon_cfs_target in targets/.
 * @ctx:		The monitoring context they are applied to.
 * @res:		Where @ctx's results are published.
 * @pinned:		While set, a configfs dependency keeps the directory
 *			from being removed; cleared by whoever drops it.
 */
struct damon_cfs_ctx {
	struct config_group group;
	struct config_group mattrs_group;
	struct config_group intervals_group;
	struct config_group nr_regions_group;
	struct config_group targets_group;
	struct mutex lock;
	struct damon_attrs attrs;
	struct list_head targets;
	struct damon_ctx *ctx;
	struct damon_results *res;
	atomic_t pinned;
};

/**
 * struct damon_cfs_target - targets/<target>/.
 * @group:	Its directory.
 * @c:		The context it belongs to.
 * @list:	Link in &damon_cfs_ctx->targets.
 * @pid:	The process written to pid_target, looked up in the writer's
 *		pid namespace when written; NULL until then.  Holds a
 *		reference.
 * @regions_group: regions/.
 * @ranges:	The &struct damon_cfs_range in regions/.
 * @nr_ranges:	How many @ranges holds.
 */
struct damon_cfs_target {
	struct config_group group;
	struct damon_cfs_ctx *c;
	struct list_head list;
	struct pid *pid;
	struct config_group regions_group;
	struct list_head ranges;
	unsigned int nr_ranges;
};

/**
 * struct damon_cfs_range - targets/<target>/regions/<region>/.
 * @group:	Its directory.
 * @ct:		The target it belongs to.
 * @list:	Link in &damon_cfs_target->ranges.
 * @ar:		What start and end hold.
 */
struct damon_cfs_range {
	struct config_group group;
	struct damon_cfs_target *ct;
	struct list_head list;
	struct damon_addr_range ar;
};

static struct configfs_subsystem damon_cfs_subsys;

static struct damon_cfs_ctx *to_cfs_ctx(struct config_item *item)
{
	return container_of(to_config_group(item), struct damon_cfs_ctx, group);
}

static struct damon_cfs_target *to_cfs_target(struct config_item *item)
{
	return container_of(to_config_group(item), struct damon_cfs_target,
			    group);
}

static struct damon_cfs_range *to_cfs_range(struct config_item *item)
{
	return container_of(to_config_group(item), struct damon_cfs_range,
			    group);
}

static const char *cfs_ctx_name(struct damon_cfs_ctx *c)
{
	return config_item_name(&c->group.cg_item);
}

/* Lets the context's directory go again, once per pin. */
static void cfs_unpin(struct damon_cfs_ctx *c)
{
	if (atomic_xchg(&c->pinned, 0))
		configfs_undepend_item(&c->group.cg_item);
}

/*
 * Every file takes text: a NUL byte would hide what follows it from the
 * parsers, so that "7\0junk" would pass for 7.
 */
static bool cfs_is_text(const char *page, size_t count)
{
	return !memchr(page, '\0', count);
}

/* Numbers: one per file, decimal, from 1 to a maximum per file. */

static ssize_t cfs_show_ulong(struct damon_cfs_ctx *c, unsigned long *field,
			      char *page)
{
	unsigned long val;

	mutex_lock(&c->lock);
	val = *field;
	mutex_unlock(&c->lock);
	return sysfs_emit(page, "%lu\n", val);
}

static ssize_t cfs_store_ulong(struct damon_cfs_ctx *c, unsigned long *field,
			       unsigned long max, const char *page,
			       size_t count)
{
	unsigned long val;

	/* Overflow (-ERANGE) is as invalid as any other bad number. */
	if (!cfs_is_text(page, count) || kstrtoul(page, 10, &val) || !val ||
	    val > max)
		return -EINVAL;
	mutex_lock(&c->lock);
	*field = val;
	mutex_unlock(&c->lock);
	return count;
}

#define DAMON_CFS_ATTRS_FILE(grp, name, field, max)			\
static ssize_t damon_cfs_##grp##_##name##_show(struct config_item *item,	\
					       char *page)		\
{									\
	struct damon_cfs_ctx *c = container_of(to_config_group(item),	\
			struct damon_cfs_ctx, grp##_group);		\
									\
	return cfs_show_ulong(c, &c->attrs.field, page);		\
}									\
static ssize_t damon_cfs_##grp##_##name##_store(struct config_item *item,	\
						const char *page,	\
						size_t count)		\
{									\
	struct damon_cfs_ctx *c = container_of(to_config_group(item),	\
			struct damon_cfs_ctx, grp##_group);		\
									\
	return cfs_store_ulong(c, &c->attrs.field, max, page, count);	\
}									\
CONFIGFS_ATTR(damon_cfs_##grp##_, name)

DAMON_CFS_ATTRS_FILE(intervals, sample_us, sample_us, DAMON_MAX_INTERVAL_US);
DAMON_CFS_ATTRS_FILE(intervals, aggr_us, aggr_us, DAMON_MAX_INTERVAL_US);
DAMON_CFS_ATTRS_FILE(intervals, update_us, update_us, DAMON_MAX_INTERVAL_US);
DAMON_CFS_ATTRS_FILE(nr_regions, min, min_nr_regions, DAMON_MAX_NR_REGIONS);
DAMON_CFS_ATTRS_FILE(nr_regions, max, max_nr_regions, DAMON_MAX_NR_REGIONS);

static struct configfs_attribute *damon_cfs_intervals_attrs[] = {
	&damon_cfs_intervals_attr_sample_us,
	&damon_cfs_intervals_attr_aggr_us,
	&damon_cfs_intervals_attr_update_us,
	NULL,
};

static struct configfs_attribute *damon_cfs_nr_regions_attrs[] = {
	&damon_cfs_nr_regions_attr_min,
	&damon_cfs_nr_regions_attr_max,
	NULL,
};

static const struct config_item_type damon_cfs_intervals_type = {
	.ct_attrs = damon_cfs_intervals_attrs,
	.ct_owner = THIS_MODULE,
};

static const struct config_item_type damon_cfs_nr_regions_type = {
	.ct_attrs = damon_cfs_nr_regions_attrs,
	.ct_owner = THIS_MODULE,
};

static const struct config_item_type damon_cfs_mattrs_type = {
	.ct_owner = THIS_MODULE,
};

static void cfs_add_group(struct config_group *group, const char *name,
			  const struct config_item_type *type,
			  struct config_group *parent)
{
	config_group_init_type_name(group, name, type);
	configfs_add_default_group(group, parent);
}

/* targets/<target>/regions/<region>/ */

/* Any address: whether the range makes sense is checked at on and commit. */
static ssize_t cfs_store_addr(struct damon_cfs_range *cr, unsigned long *addr,
			      const char *page, size_t count)
{
	unsigned long val;

	if (!cfs_is_text(page, count) || kstrtoul(page, 10, &val))
		return -EINVAL;
	mutex_lock(&cr->ct->c->lock);
	*addr = val;
	mutex_unlock(&cr->ct->c->lock);
	return count;
}

static ssize_t damon_cfs_range_start_show(struct config_item *item,
					  char *page)
{
	struct damon_cfs_range *cr = to_cfs_range(item);

	return cfs_show_ulong(cr->ct->c, &cr->ar.start, page);
}

static ssize_t damon_cfs_range_start_store(struct config_item *item,
					   const char *page, size_t count)
{
	struct damon_cfs_range *cr = to_cfs_range(item);

	return cfs_store_addr(cr, &cr->ar.start, page, count);
}

static ssize_t damon_cfs_range_end_show(struct config_item *item, char *page)
{
	struct damon_cfs_range *cr = to_cfs_range(item);

	return cfs_show_ulong(cr->ct->c, &cr->ar.end, page);
}

static ssize_t damon_cfs_range_end_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct damon_cfs_range *cr = to_cfs_range(item);

	return cfs_store_addr(cr, &cr->ar.end, page, count);
}

CONFIGFS_ATTR(damon_cfs_range_, start);
CONFIGFS_ATTR(damon_cfs_range_, end);

static struct configfs_attribute *damon_cfs_range_attrs[] = {
	&damon_cfs_range_attr_start,
	&damon_cfs_range_attr_end,
	NULL,
};

static void damon_cfs_range_release(struct config_item *item)
{
	kfree(to_cfs_range(item));
}

static struct configfs_item_operations damon_cfs_range_item_ops = {
	.release = damon_cfs_range_release,
};

static const struct config_item_type damon_cfs_range_type = {
	.ct_item_ops = &damon_cfs_range_item_ops,
	.ct_attrs = damon_cfs_range_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_group *damon_cfs_make_range(struct config_group *group,
						 const char *name)
{
	struct damon_cfs_target *ct = container_of(group,
			struct damon_cfs_target, regions_group);
	struct damon_cfs_range *cr;
	int err = 0;

	cr = kzalloc(sizeof(*cr), GFP_KERNEL);
	if (!cr)
		return ERR_PTR(-ENOMEM);
	cr->ct = ct;
	config_group_init_type_name(&cr->group, name, &damon_cfs_range_type);
	mutex_lock(&ct->c->lock);
	if (ct->nr_ranges < DAMON_MAX_NR_REGIONS) {
		list_add_tail(&cr->list, &ct->ranges);
		ct->nr_ranges++;
	} else {
		err = -ENOSPC;
	}
	mutex_unlock(&ct->c->lock);
	if (err) {
		kfree(cr);
		return ERR_PTR(err);
	}
	return &cr->group;
}

static void damon_cfs_drop_range(struct config_group *group,
				 struct config_item *item)
{
	struct damon_cfs_range *cr = to_cfs_range(item);

	mutex_lock(&cr->ct->c->lock);
	list_del(&cr->list);
	cr->ct->nr_ranges--;
	mutex_unlock(&cr->ct->c->lock);
	config_item_put(item);
}

static struct configfs_group_operations damon_cfs_regions_group_ops = {
	.make_group = damon_cfs_make_range,
	.drop_item = damon_cfs_drop_range,
};

static const struct config_item_type damon_cfs_regions_type = {
	.ct_group_ops = &damon_cfs_regions_group_ops,
	.ct_owner = THIS_MODULE,
};

/* targets/<target>/ */

static ssize_t damon_cfs_target_pid_target_show(struct config_item *item,
						char *page)
{
	struct damon_cfs_target *ct = to_cfs_target(item);
	pid_t nr;

	/* In the reader's pid namespace: 0 if the process is not in it. */
	mutex_lock(&ct->c->lock);
	nr = ct->pid ? pid_vnr(ct->pid) : 0;
	mutex_unlock(&ct->c->lock);
	return sysfs_emit(page, "%d\n", nr);
}

static ssize_t damon_cfs_target_pid_target_store(struct config_item *item,
						 const char *page, size_t count)
{
	struct damon_cfs_target *ct = to_cfs_target(item);
	struct pid *pid;
	int nr, err;

	if (!cfs_is_text(page, count) || kstrtoint(page, 10, &nr) || nr <= 0)
		return -EINVAL;
	err = damon_vaddr_target_pid(nr, &pid);
	if (err)
		return err;
	mutex_lock(&ct->c->lock);
	swap(ct->pid, pid);
	mutex_unlock(&ct->c->lock);
	put_pid(pid);
	return count;
}

CONFIGFS_ATTR(damon_cfs_target_, pid_target);

static struct configfs_attribute *damon_cfs_target_attrs[] = {
	&damon_cfs_target_attr_pid_target,
	NULL,
};

static void damon_cfs_target_release(struct config_item *item)
{
	struct damon_cfs_target *ct = to_cfs_target(item);

	put_pid(ct->pid);
	kfree(ct);
}

static struct configfs_item_operations damon_cfs_target_item_ops = {
	.release = damon_cfs_target_release,
};

static const struct config_item_type damon_cfs_target_type = {
	.ct_item_ops = &damon_cfs_target_item_ops,
	.ct_attrs = damon_cfs_target_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_group *damon_cfs_make_target(struct config_group *group,
						  const char *name)
{
	struct damon_cfs_ctx *c = container_of(group, struct damon_cfs_ctx,
					       targets_group);
	struct damon_cfs_target *ct;
	int err;

	ct = kzalloc(sizeof(*ct), GFP_KERNEL);
	if (!ct)
		return ERR_PTR(-ENOMEM);
	err = damon_results_add_target(c->res, name);
	if (err) {
		kfree(ct);
		return ERR_PTR(err);
	}
	ct->c = c;
	INIT_LIST_HEAD(&ct->ranges);
	config_group_init_type_name(&ct->group, name, &damon_cfs_target_type);
	cfs_add_group(&ct->regions_group, "regions", &damon_cfs_regions_type,
		      &ct->group);
	mutex_lock(&c->lock);
	list_add_tail(&ct->list, &c->targets);
	mutex_unlock(&c->lock);
	return &ct->group;
}

static void damon_cfs_drop_target(struct config_group *group,
				  struct config_item *item)
{
	struct damon_cfs_target *ct = to_cfs_target(item);

	mutex_lock(&ct->c->lock);
	list_del(&ct->list);
	mutex_unlock(&ct->c->lock);
	damon_results_remove_target(ct->c->res, config_item_name(item));
	config_item_put(item);
}

static struct configfs_group_operations damon_cfs_targets_group_ops = {
	.make_group = damon_cfs_make_target,
	.drop_item = damon_cfs_drop_target,
};

static const struct config_item_type damon_cfs_targets_type = {
	.ct_group_ops = &damon_cfs_targets_group_ops,
	.ct_owner = THIS_MODULE,
};

/* Turning the settings into a running context */

static int cfs_range_cmp(const void *a, const void *b)
{
	const struct damon_addr_range *l = a, *r = b;

	if (l->start != r->start)
		return l->start < r->start ? -1 : 1;
	return 0;
}

/*
 * Confines @t to the ranges in @ct's regions/, if any, lowest first:
 * directory names say nothing of order.  Under c->lock.
 */
static int cfs_build_ranges(struct damon_cfs_target *ct,
			    struct damon_target *t)
{
	const char *name = config_item_name(&ct->group.cg_item);
	struct damon_addr_range *ranges;
	struct damon_cfs_range *cr;
	unsigned int n = 0;
	int nr;

	lockdep_assert_held(&ct->c->lock);
	if (!ct->nr_ranges)
		return 0;
	ranges = kvmalloc_array(ct->nr_ranges, sizeof(*ranges), GFP_KERNEL);
	if (!ranges)
		return -ENOMEM;
	list_for_each_entry(cr, &ct->ranges, list)
		ranges[n++] = cr->ar;
	sort(ranges, n, sizeof(*ranges), cfs_range_cmp, NULL);
	nr = damon_ranges_normalize(ranges, n);
	if (nr < 0) {
		pr_warn_ratelimited("%s: target %s: regions must be non-empty, apart, and in user space\n",
				    cfs_ctx_name(ct->c), name);
	} else if (nr > ct->c->attrs.max_nr_regions) {
		pr_warn_ratelimited("%s: target %s has more regions than nr_regions/max\n",
				    cfs_ctx_name(ct->c), name);
		nr = -EINVAL;
	}
	if (nr < 0) {
		kvfree(ranges);
		return nr;
	}
	damon_target_set_ranges(t, ranges, nr);
	return 0;
}

/* A monitoring target for @ct, added to @targets; under c->lock. */
static int cfs_build_target(struct damon_cfs_target *ct,
			    struct list_head *targets)
{
	const char *name = config_item_name(&ct->group.cg_item);
	struct damon_target *t;
	int err;

	lockdep_assert_held(&ct->c->lock);
	if (!ct->pid) {
		pr_warn_ratelimited("%s: target %s has no pid_target\n",
				    cfs_ctx_name(ct->c), name);
		return -EINVAL;
	}
	if (damon_find_target(targets, ct->pid)) {
		pr_warn_ratelimited("%s: target %s: pid %d is monitored twice\n",
				    cfs_ctx_name(ct->c), name,
				    pid_vnr(ct->pid));
		return -EINVAL;
	}
	t = damon_target_new();
	if (t)
		t->name = kstrdup(name, GFP_KERNEL);
	if (!t || !t->name) {
		damon_target_free(t);
		return -ENOMEM;
	}
	t->pid = get_pid(ct->pid);
	list_add_tail(&t->list, targets);
	err = cfs_build_ranges(ct, t);
	if (err)
		return err;
	if (!ct->c->ctx->prims.target_valid(t)) {
		pr_warn_ratelimited("%s: target %s: process %d is gone\n",
				    cfs_ctx_name(ct->c), name,
				    pid_vnr(ct->pid));
		return -ESRCH;
	}
	return 0;
}

/*
 * Checks the settings as a whole and builds the targets they name: -EINVAL
 * for attributes that do not fit together or are out of range, no target,
 * a target without pid or twice the same process, regions that are empty,
 * overlap or are more than max_nr_regions, -ESRCH for a process that has
 * exited.
 */
static int cfs_build(struct damon_cfs_ctx *c, struct list_head *targets)
{
	struct damon_cfs_target *ct;
	int err;

	lockdep_assert_held(&c->lock);
	if (damon_validate_attrs(&c->attrs)) {
		pr_warn_ratelimited("%s: intervals must be 1 to %lu us, aggr_us >= sample_us; nr_regions 3 <= min <= max <= %lu\n",
				    cfs_ctx_name(c), DAMON_MAX_INTERVAL_US,
				    DAMON_MAX_NR_REGIONS);
		return -EINVAL;
	}
	if (list_empty(&c->targets)) {
		pr_warn_ratelimited("%s: no target\n", cfs_ctx_name(c));
		return -EINVAL;
	}
	list_for_each_entry(ct, &c->targets, list) {
		err = cfs_build_target(ct, targets);
		if (err) {
			damon_destroy_targets(targets);
			return err;
		}
	}
	return 0;
}

static int cfs_turn_on(struct damon_cfs_ctx *c)
{
	LIST_HEAD(targets);
	int err;

	lockdep_assert_held(&c->lock);
	if (damon_is_running(c->ctx))
		return 0;
	err = cfs_build(c, &targets);
	if (err)
		return err;
	damon_destroy_targets(&c->ctx->targets);
	list_splice(&targets, &c->ctx->targets);
	err = damon_set_attrs(c->ctx, &c->attrs);
	if (err)
		return err;
	damon_results_reset(c->res);

	/* Running, the directory must stay: rmdir gets -EBUSY. */
	err = configfs_depend_item_unlocked(&damon_cfs_subsys,
					    &c->group.cg_item);
	if (err)
		return err;
	atomic_set(&c->pinned, 1);
	err = damon_start(&c->ctx, 1);
	if (err)
		cfs_unpin(c);
	return err;
}

static void cfs_turn_off(struct damon_cfs_ctx *c)
{
	lockdep_assert_held(&c->lock);

	damon_stop(&c->ctx, 1);
	cfs_unpin(c);
}

/* Applies the settings to the running kdamond; only checks them if off. */
static int cfs_commit(struct damon_cfs_ctx *c)
{
	LIST_HEAD(targets);
	int err;

	lockdep_assert_held(&c->lock);
	err = cfs_build(c, &targets);
	if (!err && damon_is_running(c->ctx))
		err = damon_commit(c->ctx, &c->attrs, &targets, NULL);
	damon_destroy_targets(&targets);
	return err;
}

/* The kdamond's hooks */

static int cfs_after_aggregation(struct damon_ctx *ctx)
{
	struct damon_cfs_ctx *c = ctx->private;

	damon_results_record(c->res, ctx);
	return 0;
}

static void cfs_before_terminate(struct damon_ctx *ctx)
{
	cfs_unpin(ctx->private);
}

/* <context>/ */

static ssize_t damon_cfs_ctx_operations_show(struct config_item *item,
					     char *page)
{
	return sysfs_emit(page, "vaddr\n");
}

static ssize_t damon_cfs_ctx_operations_store(struct config_item *item,
					      const char *page, size_t count)
{
	if (!cfs_is_text(page, count) || !sysfs_streq(page, "vaddr"))
		return -EINVAL;
	return count;
}

static ssize_t damon_cfs_ctx_state_show(struct config_item *item, char *page)
{
	struct damon_cfs_ctx *c = to_cfs_ctx(item);

	return sysfs_emit(page, "%s\n", damon_is_running(c->ctx) ? "on" : "off");
}

static ssize_t damon_cfs_ctx_state_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct damon_cfs_ctx *c = to_cfs_ctx(item);
	int err = 0;

	if (!cfs_is_text(page, count))
		return -EINVAL;
	mutex_lock(&c->lock);
	if (sysfs_streq(page, "on"))
		err = cfs_turn_on(c);
	else if (sysfs_streq(page, "off"))
		cfs_turn_off(c);
	else if (sysfs_streq(page, "commit"))
		err = cfs_commit(c);
	else
		err = -EINVAL;
	mutex_unlock(&c->lock);
	return err ?: count;
}

static ssize_t damon_cfs_ctx_kdamond_pid_show(struct config_item *item,
					      char *page)
{
	struct damon_cfs_ctx *c = to_cfs_ctx(item);

	return sysfs_emit(page, "%d\n", damon_kdamond_pid(c->ctx));
}

CONFIGFS_ATTR(damon_cfs_ctx_, operations);
CONFIGFS_ATTR(damon_cfs_ctx_, state);
CONFIGFS_ATTR_RO(damon_cfs_ctx_, kdamond_pid);

static struct configfs_attribute *damon_cfs_ctx_attrs[] = {
	&damon_cfs_ctx_attr_operations,
	&damon_cfs_ctx_attr_state,
	&damon_cfs_ctx_attr_kdamond_pid,
	NULL,
};

static void damon_cfs_ctx_release(struct config_item *item)
{
	struct damon_cfs_ctx *c = to_cfs_ctx(item);

	damon_results_destroy(c->res);
	damon_ctx_destroy(c->ctx);
	mutex_destroy(&c->lock);
	kfree(c);
}

static struct configfs_item_operations damon_cfs_ctx_item_ops = {
	.release = damon_cfs_ctx_release,
};

static const struct config_item_type damon_cfs_ctx_type = {
	.ct_item_ops = &damon_cfs_ctx_item_ops,
	.ct_attrs = damon_cfs_ctx_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_group *damon_cfs_make_ctx(struct config_group *group,
					       const char *name)
{
	struct damon_cfs_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);
	int err = -ENOMEM;

	if (!c)
		return ERR_PTR(-ENOMEM);
	c->ctx = damon_ctx_new();
	if (!c->ctx)
		goto free_c;
	c->res = damon_results_create(name);
	if (IS_ERR(c->res)) {
		err = PTR_ERR(c->res);
		goto free_ctx;
	}
	mutex_init(&c->lock);
	INIT_LIST_HEAD(&c->targets);
	c->attrs = c->ctx->attrs;
	damon_vaddr_set_primitives(c->ctx);
	c->ctx->private = c;
	c->ctx->callbacks.after_aggregation = cfs_after_aggregation;
	c->ctx->callbacks.before_terminate = cfs_before_terminate;
	/* "kdamond." first, so that ps and pgrep find it; cut to fit. */
	snprintf(c->ctx->name, sizeof(c->ctx->name), "kdamond.%s", name);

	config_group_init_type_name(&c->group, name, &damon_cfs_ctx_type);
	cfs_add_group(&c->mattrs_group, "monitoring_attrs",
		      &damon_cfs_mattrs_type, &c->group);
	cfs_add_group(&c->intervals_group, "intervals",
		      &damon_cfs_intervals_type, &c->mattrs_group);
	cfs_add_group(&c->nr_regions_group, "nr_regions",
		      &damon_cfs_nr_regions_type, &c->mattrs_group);
	cfs_add_group(&c->targets_group, "targets", &damon_cfs_targets_type,
		      &c->group);
	return &c->group;

free_ctx:
	damon_ctx_destroy(c->ctx);
free_c:
	kfree(c);
	return ERR_PTR(err);
}

static void damon_cfs_drop_ctx(struct config_group *group,
			       struct config_item *item)
{
	struct damon_cfs_ctx *c = to_cfs_ctx(item);

	/* A kdamond that ended by itself may still be on its way out. */
	mutex_lock(&c->lock);
	cfs_turn_off(c);
	mutex_unlock(&c->lock);
	config_item_put(item);
}

static struct configfs_group_operations damon_cfs_root_group_ops = {
	.make_group = damon_cfs_make_ctx,
	.drop_item = damon_cfs_drop_ctx,
};

static const struct config_item_type damon_cfs_root_type = {
	.ct_group_ops = &damon_cfs_root_group_ops,
	.ct_owner = THIS_MODULE,
};

static struct configfs_subsystem damon_cfs_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf = "damon",
			.ci_type = &damon_cfs_root_type,
		},
	},
};

static int __init damon_configfs_init(void)
{
	int err;

	config_group_init(&damon_cfs_subsys.su_group);
	mutex_init(&damon_cfs_subsys.su_mutex);
	err = configfs_register_subsystem(&damon_cfs_subsys);
	if (err)
		pr_warn("cannot register /sys/kernel/config/damon: %d\n", err);
	return err;
}
late_initcall(damon_configfs_init);
