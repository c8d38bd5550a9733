// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON's control tree in configfs, under /sys/kernel/config/damon/.
 *
 * Users make a directory per monitoring context and, in its targets/, one
 * per process to monitor, with, optionally, one per address range to
 * confine it to in regions/, and in its schemes/ one per operation scheme,
 * then write their settings into files.  The files
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
 * @schemes_group:	schemes/.
 * @lock:		Guards the settings, @targets, @schemes and what the
 *			files below them hold, and serializes starts, stops
 *			and commits.
 *			configfs holds no lock of ours around show and store.
 *			The kdamond never takes it.
 * @attrs:		The settings of the attribute files.
 * @targets:		The &struct damon_cfs_target in targets/.
 * @schemes:		The &struct damon_cfs_scheme in schemes/.
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
	struct config_group schemes_group;
	struct mutex lock;
	struct damon_attrs attrs;
	struct list_head targets;
	struct list_head schemes;
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

/**
 * struct damon_cfs_pattern_range - schemes/<scheme>/access_pattern/<range>/.
 * @group:	Its directory.
 * @c:		The context its scheme belongs to.
 * @range:	What min and max hold, in the scheme's pattern.
 */
struct damon_cfs_pattern_range {
	struct config_group group;
	struct damon_cfs_ctx *c;
	struct damos_range *range;
};

/**
 * struct damon_cfs_scheme - schemes/<scheme>/.
 * @group:		Its directory.
 * @c:			The context it belongs to.
 * @list:		Link in &damon_cfs_ctx->schemes.
 * @pattern_group:	access_pattern/.
 * @ranges:		access_pattern/sz/, nr_accesses/ and age/.
 * @pattern:		What the files of @ranges hold.
 * @action:		What action holds.
 * @quotas_group:	quotas/.
 * @weights_group:	quotas/weights/.
 * @wmarks_group:	watermarks/.
 * @quota:		What the files of quotas/ and its weights/ hold.
 * @wmarks:		What the files of watermarks/ hold.
 */
struct damon_cfs_scheme {
	struct config_group group;
	struct damon_cfs_ctx *c;
	struct list_head list;
	struct config_group pattern_group;
	struct damon_cfs_pattern_range ranges[3];
	struct damos_pattern pattern;
	enum damos_action action;
	struct config_group quotas_group;
	struct config_group weights_group;
	struct config_group wmarks_group;
	struct damos_quota quota;
	struct damos_watermarks wmarks;
};

static struct configfs_subsystem damon_cfs_subsys;

/* What a new scheme's quotas/ and watermarks/ hold. */
#define DAMON_CFS_RESET_INTERVAL_MS	1000UL
#define DAMON_CFS_WEIGHT		500U
#define DAMON_CFS_WMARKS_INTERVAL_US	(5 * USEC_PER_SEC)

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

/*
 * Numbers: one per file, decimal, within bounds per file.  Overflow
 * (-ERANGE) is as invalid as any other bad number.
 */
static int cfs_parse_ulong(const char *page, size_t count, unsigned long min,
			   unsigned long max, unsigned long *val)
{
	if (!cfs_is_text(page, count) || kstrtoul(page, 10, val) ||
	    *val < min || *val > max)
		return -EINVAL;
	return 0;
}

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

	if (cfs_parse_ulong(page, count, 1, max, &val))
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

/* schemes/<scheme>/access_pattern/<range>/ */

static struct damon_cfs_pattern_range *to_cfs_pattern_range(
		struct config_item *item)
{
	return container_of(to_config_group(item),
			    struct damon_cfs_pattern_range, group);
}

static ssize_t cfs_pattern_show(struct config_item *item, bool max,
				char *page)
{
	struct damon_cfs_pattern_range *pr = to_cfs_pattern_range(item);

	return cfs_show_ulong(pr->c, max ? &pr->range->max : &pr->range->min,
			      page);
}

/* Any number: whether min <= max is checked at on and commit. */
static ssize_t cfs_pattern_store(struct config_item *item, bool max,
				 const char *page, size_t count)
{
	struct damon_cfs_pattern_range *pr = to_cfs_pattern_range(item);
	unsigned long val;

	if (!cfs_is_text(page, count) || kstrtoul(page, 10, &val))
		return -EINVAL;
	mutex_lock(&pr->c->lock);
	if (max)
		pr->range->max = val;
	else
		pr->range->min = val;
	mutex_unlock(&pr->c->lock);
	return count;
}

static ssize_t damon_cfs_pattern_min_show(struct config_item *item,
					  char *page)
{
	return cfs_pattern_show(item, false, page);
}

static ssize_t damon_cfs_pattern_min_store(struct config_item *item,
					   const char *page, size_t count)
{
	return cfs_pattern_store(item, false, page, count);
}

static ssize_t damon_cfs_pattern_max_show(struct config_item *item,
					  char *page)
{
	return cfs_pattern_show(item, true, page);
}

static ssize_t damon_cfs_pattern_max_store(struct config_item *item,
					   const char *page, size_t count)
{
	return cfs_pattern_store(item, true, page, count);
}

CONFIGFS_ATTR(damon_cfs_pattern_, min);
CONFIGFS_ATTR(damon_cfs_pattern_, max);

static struct configfs_attribute *damon_cfs_pattern_attrs[] = {
	&damon_cfs_pattern_attr_min,
	&damon_cfs_pattern_attr_max,
	NULL,
};

static const struct config_item_type damon_cfs_pattern_range_type = {
	.ct_attrs = damon_cfs_pattern_attrs,
	.ct_owner = THIS_MODULE,
};

static const struct config_item_type damon_cfs_pattern_type = {
	.ct_owner = THIS_MODULE,
};

/*
 * schemes/<scheme>/quotas/, quotas/weights/ and watermarks/: a number
 * between LO and HI in FIELD of the scheme.  Whether the watermarks are
 * in order is checked at on and commit.
 */
#define DAMON_CFS_SCHEME_FILE(grp, name, field, lo, hi)		\
static ssize_t damon_cfs_##grp##_##name##_show(struct config_item *item,	\
					       char *page)		\
{									\
	struct damon_cfs_scheme *cs = container_of(to_config_group(item),	\
			struct damon_cfs_scheme, grp##_group);		\
	unsigned long val;						\
									\
	mutex_lock(&cs->c->lock);					\
	val = cs->field;						\
	mutex_unlock(&cs->c->lock);					\
	return sysfs_emit(page, "%lu\n", val);				\
}									\
static ssize_t damon_cfs_##grp##_##name##_store(struct config_item *item,	\
						const char *page,	\
						size_t count)		\
{									\
	struct damon_cfs_scheme *cs = container_of(to_config_group(item),	\
			struct damon_cfs_scheme, grp##_group);		\
	unsigned long val;						\
									\
	if (cfs_parse_ulong(page, count, lo, hi, &val))			\
		return -EINVAL;						\
	mutex_lock(&cs->c->lock);					\
	cs->field = val;						\
	mutex_unlock(&cs->c->lock);					\
	return count;							\
}									\
CONFIGFS_ATTR(damon_cfs_##grp##_, name)

DAMON_CFS_SCHEME_FILE(quotas, ms, quota.ms, 0, DAMOS_MAX_QUOTA_MS);
DAMON_CFS_SCHEME_FILE(quotas, bytes, quota.sz, 0, ULONG_MAX);
DAMON_CFS_SCHEME_FILE(quotas, reset_interval_ms, quota.reset_interval_ms, 1,
		      DAMOS_MAX_QUOTA_MS);
DAMON_CFS_SCHEME_FILE(weights, sz_permil, quota.weight_sz, 0,
		      DAMOS_MAX_QUOTA_WEIGHT);
DAMON_CFS_SCHEME_FILE(weights, nr_accesses_permil, quota.weight_nr_accesses,
		      0, DAMOS_MAX_QUOTA_WEIGHT);
DAMON_CFS_SCHEME_FILE(weights, age_permil, quota.weight_age, 0,
		      DAMOS_MAX_QUOTA_WEIGHT);
DAMON_CFS_SCHEME_FILE(wmarks, interval_us, wmarks.interval_us, 1,
		      DAMON_MAX_INTERVAL_US);
DAMON_CFS_SCHEME_FILE(wmarks, high, wmarks.high, 0, DAMOS_MAX_WMARK);
DAMON_CFS_SCHEME_FILE(wmarks, mid, wmarks.mid, 0, DAMOS_MAX_WMARK);
DAMON_CFS_SCHEME_FILE(wmarks, low, wmarks.low, 0, DAMOS_MAX_WMARK);

/* The metric file's keywords, in enum damos_wmark_metric's order. */
static const char * const damon_cfs_wmark_metrics[] = {
	[DAMOS_WMARK_NONE] = "none",
	[DAMOS_WMARK_FREE_MEM_RATE] = "free_mem_rate",
};

static struct damon_cfs_scheme *wmarks_to_cfs_scheme(struct config_item *item)
{
	return container_of(to_config_group(item), struct damon_cfs_scheme,
			    wmarks_group);
}

static ssize_t damon_cfs_wmarks_metric_show(struct config_item *item,
					    char *page)
{
	struct damon_cfs_scheme *cs = wmarks_to_cfs_scheme(item);
	enum damos_wmark_metric metric;

	mutex_lock(&cs->c->lock);
	metric = cs->wmarks.metric;
	mutex_unlock(&cs->c->lock);
	return sysfs_emit(page, "%s\n", damon_cfs_wmark_metrics[metric]);
}

static ssize_t damon_cfs_wmarks_metric_store(struct config_item *item,
					     const char *page, size_t count)
{
	struct damon_cfs_scheme *cs = wmarks_to_cfs_scheme(item);
	int metric;

	if (!cfs_is_text(page, count))
		return -EINVAL;
	metric = sysfs_match_string(damon_cfs_wmark_metrics, page);
	if (metric < 0)
		return -EINVAL;
	mutex_lock(&cs->c->lock);
	cs->wmarks.metric = metric;
	mutex_unlock(&cs->c->lock);
	return count;
}

CONFIGFS_ATTR(damon_cfs_wmarks_, metric);

static struct configfs_attribute *damon_cfs_quotas_attrs[] = {
	&damon_cfs_quotas_attr_ms,
	&damon_cfs_quotas_attr_bytes,
	&damon_cfs_quotas_attr_reset_interval_ms,
	NULL,
};

static struct configfs_attribute *damon_cfs_weights_attrs[] = {
	&damon_cfs_weights_attr_sz_permil,
	&damon_cfs_weights_attr_nr_accesses_permil,
	&damon_cfs_weights_attr_age_permil,
	NULL,
};

static struct configfs_attribute *damon_cfs_wmarks_attrs[] = {
	&damon_cfs_wmarks_attr_metric,
	&damon_cfs_wmarks_attr_interval_us,
	&damon_cfs_wmarks_attr_high,
	&damon_cfs_wmarks_attr_mid,
	&damon_cfs_wmarks_attr_low,
	NULL,
};

static const struct config_item_type damon_cfs_quotas_type = {
	.ct_attrs = damon_cfs_quotas_attrs,
	.ct_owner = THIS_MODULE,
};

static const struct config_item_type damon_cfs_weights_type = {
	.ct_attrs = damon_cfs_weights_attrs,
	.ct_owner = THIS_MODULE,
};

static const struct config_item_type damon_cfs_wmarks_type = {
	.ct_attrs = damon_cfs_wmarks_attrs,
	.ct_owner = THIS_MODULE,
};

/* schemes/<scheme>/ */

/* The action file's keywords, in enum damos_action's order. */
static const char * const damon_cfs_actions[] = {
	[DAMOS_WILLNEED] = "willneed",
	[DAMOS_COLD] = "cold",
	[DAMOS_PAGEOUT] = "pageout",
	[DAMOS_HUGEPAGE] = "hugepage",
	[DAMOS_NOHUGEPAGE] = "nohugepage",
	[DAMOS_STAT] = "stat",
};

static struct damon_cfs_scheme *to_cfs_scheme(struct config_item *item)
{
	return container_of(to_config_group(item), struct damon_cfs_scheme,
			    group);
}

static ssize_t damon_cfs_scheme_action_show(struct config_item *item,
					    char *page)
{
	struct damon_cfs_scheme *cs = to_cfs_scheme(item);
	enum damos_action action;

	mutex_lock(&cs->c->lock);
	action = cs->action;
	mutex_unlock(&cs->c->lock);
	return sysfs_emit(page, "%s\n", damon_cfs_actions[action]);
}

static ssize_t damon_cfs_scheme_action_store(struct config_item *item,
					     const char *page, size_t count)
{
	struct damon_cfs_scheme *cs = to_cfs_scheme(item);
	int action;

	if (!cfs_is_text(page, count))
		return -EINVAL;
	action = sysfs_match_string(damon_cfs_actions, page);
	if (action < 0)
		return -EINVAL;
	mutex_lock(&cs->c->lock);
	cs->action = action;
	mutex_unlock(&cs->c->lock);
	return count;
}

CONFIGFS_ATTR(damon_cfs_scheme_, action);

static struct configfs_attribute *damon_cfs_scheme_attrs[] = {
	&damon_cfs_scheme_attr_action,
	NULL,
};

static void damon_cfs_scheme_release(struct config_item *item)
{
	kfree(to_cfs_scheme(item));
}

static struct configfs_item_operations damon_cfs_scheme_item_ops = {
	.release = damon_cfs_scheme_release,
};

static const struct config_item_type damon_cfs_scheme_type = {
	.ct_item_ops = &damon_cfs_scheme_item_ops,
	.ct_attrs = damon_cfs_scheme_attrs,
	.ct_owner = THIS_MODULE,
};

/* access_pattern/ and its three ranges, each matching everything. */
static void cfs_scheme_add_pattern(struct damon_cfs_scheme *cs)
{
	static const char * const names[] = { "sz", "nr_accesses", "age" };
	struct damos_range *ranges[] = { &cs->pattern.sz,
		&cs->pattern.nr_accesses, &cs->pattern.age };
	unsigned int i;

	cfs_add_group(&cs->pattern_group, "access_pattern",
		      &damon_cfs_pattern_type, &cs->group);
	for (i = 0; i < ARRAY_SIZE(cs->ranges); i++) {
		cs->ranges[i].c = cs->c;
		cs->ranges[i].range = ranges[i];
		ranges[i]->min = 0;
		ranges[i]->max = ULONG_MAX;
		cfs_add_group(&cs->ranges[i].group, names[i],
			      &damon_cfs_pattern_range_type,
			      &cs->pattern_group);
	}
}

/*
 * quotas/ with its weights/, and watermarks/: no limit and always active,
 * but a reset interval, weights and watermark bounds that make sense once
 * a limit or a metric is set.
 */
static void cfs_scheme_add_limits(struct damon_cfs_scheme *cs)
{
	cs->quota = (struct damos_quota){
		.reset_interval_ms = DAMON_CFS_RESET_INTERVAL_MS,
		.weight_nr_accesses = DAMON_CFS_WEIGHT,
		.weight_age = DAMON_CFS_WEIGHT,
	};
	cs->wmarks = (struct damos_watermarks){
		.metric = DAMOS_WMARK_NONE,
		.interval_us = DAMON_CFS_WMARKS_INTERVAL_US,
		.high = DAMOS_MAX_WMARK,
		.mid = DAMOS_MAX_WMARK,
	};
	cfs_add_group(&cs->quotas_group, "quotas", &damon_cfs_quotas_type,
		      &cs->group);
	cfs_add_group(&cs->weights_group, "weights", &damon_cfs_weights_type,
		      &cs->quotas_group);
	cfs_add_group(&cs->wmarks_group, "watermarks", &damon_cfs_wmarks_type,
		      &cs->group);
}

static struct config_group *damon_cfs_make_scheme(struct config_group *group,
						  const char *name)
{
	struct damon_cfs_ctx *c = container_of(group, struct damon_cfs_ctx,
					       schemes_group);
	struct damon_cfs_scheme *cs;
	int err;

	cs = kzalloc(sizeof(*cs), GFP_KERNEL);
	if (!cs)
		return ERR_PTR(-ENOMEM);
	err = damon_results_add_scheme(c->res, name);
	if (err) {
		kfree(cs);
		return ERR_PTR(err);
	}
	cs->c = c;
	cs->action = DAMOS_STAT;
	config_group_init_type_name(&cs->group, name, &damon_cfs_scheme_type);
	cfs_scheme_add_pattern(cs);
	cfs_scheme_add_limits(cs);
	mutex_lock(&c->lock);
	list_add_tail(&cs->list, &c->schemes);
	mutex_unlock(&c->lock);
	return &cs->group;
}

static void damon_cfs_drop_scheme(struct config_group *group,
				  struct config_item *item)
{
	struct damon_cfs_scheme *cs = to_cfs_scheme(item);

	mutex_lock(&cs->c->lock);
	list_del(&cs->list);
	mutex_unlock(&cs->c->lock);
	damon_results_remove_scheme(cs->c->res, config_item_name(item));
	config_item_put(item);
}

static struct configfs_group_operations damon_cfs_schemes_group_ops = {
	.make_group = damon_cfs_make_scheme,
	.drop_item = damon_cfs_drop_scheme,
};

static const struct config_item_type damon_cfs_schemes_type = {
	.ct_group_ops = &damon_cfs_schemes_group_ops,
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
 * overlap or are more than max_nr_regions, a scheme that cannot run, and
 * -ESRCH for a process that has exited.  Builds the schemes too.
 */
/*
 * The schemes of schemes/, added to @schemes: -EINVAL for a range whose
 * min is above its max, watermarks out of order, or an action the
 * context's primitives lack.
 * Under c->lock.
 */
static int cfs_build_schemes(struct damon_cfs_ctx *c,
			     struct list_head *schemes)
{
	struct damon_cfs_scheme *cs;
	struct damos *s;
	int err;

	lockdep_assert_held(&c->lock);
	list_for_each_entry(cs, &c->schemes, list) {
		s = damos_new(config_item_name(&cs->group.cg_item),
			      &cs->pattern, cs->action);
		if (!s)
			return -ENOMEM;
		s->quota = cs->quota;
		s->wmarks = cs->wmarks;
		list_add_tail(&s->list, schemes);
	}
	err = damos_validate_list(schemes, &c->ctx->prims);
	if (err)
		pr_warn_ratelimited("%s: a scheme has a min above its max, watermarks not high >= mid >= low, or an action vaddr lacks\n",
				    cfs_ctx_name(c));
	return err;
}

static int cfs_build(struct damon_cfs_ctx *c, struct list_head *targets,
		     struct list_head *schemes)
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
		if (err)
			goto destroy;
	}
	err = cfs_build_schemes(c, schemes);
	if (err)
		goto destroy;
	return 0;

destroy:
	damos_destroy_list(schemes);
	damon_destroy_targets(targets);
	return err;
}

static int cfs_turn_on(struct damon_cfs_ctx *c)
{
	LIST_HEAD(targets);
	LIST_HEAD(schemes);
	int err;

	lockdep_assert_held(&c->lock);
	if (damon_is_running(c->ctx))
		return 0;
	err = cfs_build(c, &targets, &schemes);
	if (err)
		return err;
	damon_destroy_targets(&c->ctx->targets);
	list_splice(&targets, &c->ctx->targets);
	damos_destroy_list(&c->ctx->schemes);
	list_splice(&schemes, &c->ctx->schemes);
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
	LIST_HEAD(schemes);
	int err;

	lockdep_assert_held(&c->lock);
	err = cfs_build(c, &targets, &schemes);
	if (!err && damon_is_running(c->ctx))
		err = damon_commit(c->ctx, &c->attrs, &targets, &schemes);
	damos_destroy_list(&schemes);
	damon_destroy_targets(&targets);
	return err;
}

/* The kdamond's hooks */

static int cfs_after_schemes(struct damon_ctx *ctx)
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
	INIT_LIST_HEAD(&c->schemes);
	c->attrs = c->ctx->attrs;
	damon_vaddr_set_primitives(c->ctx);
	c->ctx->private = c;
	c->ctx->callbacks.after_schemes = cfs_after_schemes;
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
	cfs_add_group(&c->schemes_group, "schemes", &damon_cfs_schemes_type,
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
