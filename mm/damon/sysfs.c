// SPDX-License-Identifier: GPL-2.0
/*
 * Monitoring results in sysfs, under /sys/kernel/mm/damon/contexts/.
 *
 * Each context has a directory there, with a directory per target and, in
 * it, a directory per region.  At the end of each aggregation interval the
 * kdamond copies its regions into a new snapshot and queues a work item.
 * The work item, in process context, makes as many region directories as
 * the snapshot needs, then publishes it, then removes the directories it
 * no longer needs.  So the kdamond never waits for kernfs, and a reader
 * sees all regions of a target from one and the same interval.
 *
 * Locks, outermost first: a context's results lock, held to change its
 * directories, then its snapshot lock, held only to read or swap a
 * snapshot.  Readers take the snapshot lock alone, so removing a
 * directory, which waits for its readers, is never done under it.
 */

#define pr_fmt(fmt) "damon-sysfs: " fmt

#include <linux/kobject.h>
#include <linux/mm.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

#include "sysfs.h"

struct damon_snap_region {
	unsigned long start, end;
	unsigned int nr_accesses, age;
};

struct damon_snap_target {
	char *name;
	struct pid *pid;
	unsigned int nr_regions;
	struct damon_snap_region *regions;
};

/**
 * struct damon_snapshot - The regions of one aggregation interval.
 * @nr_aggregations:	Aggregation intervals completed, this one included.
 * @nr_targets:		How many entries @targets has.
 * @targets:		The context's targets, by name, with their regions.
 */
struct damon_snapshot {
	u64 nr_aggregations;
	unsigned int nr_targets;
	struct damon_snap_target targets[];
};

/**
 * struct damon_results - contexts/<context>/.
 * @kobj:		Its directory.
 * @targets_kobj:	targets/.
 * @lock:		Guards @targets and the region directories.
 * @targets:		The &struct damon_results_target in targets/.
 * @snap_lock:		Guards @snap and @pending.
 * @snap:		What readers see; NULL before the first interval.
 * @pending:		The newest snapshot, not published yet.
 * @nr_aggregations:	The kdamond's count of intervals.
 * @publish:		Publishes @pending.
 */
struct damon_results {
	struct kobject kobj;
	struct kobject *targets_kobj;
	struct mutex lock;
	struct list_head targets;
	spinlock_t snap_lock;
	struct damon_snapshot *snap;
	struct damon_snapshot *pending;
	u64 nr_aggregations;
	struct work_struct publish;
};

/**
 * struct damon_results_target - targets/<target>/.
 * @kobj:		Its directory.
 * @res:		The context's results.
 * @list:		Link in &damon_results->targets.
 * @regions_kobj:	regions/.
 * @regions:		Its &struct damon_results_region, by index.
 * @nr_regions:		How many directories regions/ holds.
 */
struct damon_results_target {
	struct kobject kobj;
	struct damon_results *res;
	struct list_head list;
	struct kobject *regions_kobj;
	struct list_head regions;
	unsigned int nr_regions;
};

/**
 * struct damon_results_region - regions/<index>/.
 * @kobj:	Its directory.
 * @target:	The target it belongs to.
 * @list:	Link in &damon_results_target->regions.
 * @index:	Its place among the target's regions, in address order.
 */
struct damon_results_region {
	struct kobject kobj;
	struct damon_results_target *target;
	struct list_head list;
	unsigned int index;
};

static struct kobject *damon_contexts_kobj;

static void damon_snapshot_free(struct damon_snapshot *snap)
{
	unsigned int i;

	if (!snap)
		return;
	for (i = 0; i < snap->nr_targets; i++) {
		kfree(snap->targets[i].name);
		kvfree(snap->targets[i].regions);
		put_pid(snap->targets[i].pid);
	}
	kfree(snap);
}

/*
 * The snapshot's entry for target @name, or NULL.  The caller keeps @s from
 * being freed: snap_lock for the published one, or owning it.
 */
static struct damon_snap_target *damon_snapshot_find(struct damon_snapshot *s,
						     const char *name)
{
	unsigned int i;

	for (i = 0; s && i < s->nr_targets; i++) {
		if (s->targets[i].name && !strcmp(s->targets[i].name, name))
			return &s->targets[i];
	}
	return NULL;
}

/* Region directories */

static struct damon_results_region *to_results_region(struct kobject *kobj)
{
	return container_of(kobj, struct damon_results_region, kobj);
}

/* A copy of the region's values, or -ENODATA while it has none. */
static int results_region_read(struct kobject *kobj,
			       struct damon_snap_region *out)
{
	struct damon_results_region *region = to_results_region(kobj);
	struct damon_results_target *target = region->target;
	struct damon_results *res = target->res;
	struct damon_snap_target *st;
	int err = -ENODATA;

	spin_lock(&res->snap_lock);
	st = damon_snapshot_find(res->snap, kobject_name(&target->kobj));
	if (st && region->index < st->nr_regions) {
		*out = st->regions[region->index];
		err = 0;
	}
	spin_unlock(&res->snap_lock);
	return err;
}

static ssize_t start_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	struct damon_snap_region r;
	int err = results_region_read(kobj, &r);

	return err ?: sysfs_emit(buf, "%lu\n", r.start);
}

static ssize_t end_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf)
{
	struct damon_snap_region r;
	int err = results_region_read(kobj, &r);

	return err ?: sysfs_emit(buf, "%lu\n", r.end);
}

static ssize_t nr_accesses_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	struct damon_snap_region r;
	int err = results_region_read(kobj, &r);

	return err ?: sysfs_emit(buf, "%u\n", r.nr_accesses);
}

static ssize_t age_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf)
{
	struct damon_snap_region r;
	int err = results_region_read(kobj, &r);

	return err ?: sysfs_emit(buf, "%u\n", r.age);
}

/* Root only, as the layout of a process is: see /proc/PID/maps. */
static struct kobj_attribute region_start_attr = __ATTR_RO_MODE(start, 0400);
static struct kobj_attribute region_end_attr = __ATTR_RO_MODE(end, 0400);
static struct kobj_attribute region_nr_accesses_attr =
	__ATTR_RO_MODE(nr_accesses, 0400);
static struct kobj_attribute region_age_attr = __ATTR_RO_MODE(age, 0400);

static struct attribute *results_region_attrs[] = {
	&region_start_attr.attr,
	&region_end_attr.attr,
	&region_nr_accesses_attr.attr,
	&region_age_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(results_region);

static void results_region_release(struct kobject *kobj)
{
	kfree(to_results_region(kobj));
}

static struct kobj_type results_region_ktype = {
	.release = results_region_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = results_region_groups,
};

/* Makes or removes region directories until there are @nr; under lock. */
static void results_target_resize(struct damon_results_target *target,
				  unsigned int nr)
{
	struct damon_results_region *region;

	lockdep_assert_held(&target->res->lock);
	while (target->nr_regions < nr) {
		region = kzalloc(sizeof(*region), GFP_KERNEL);
		if (!region)
			return;
		region->target = target;
		region->index = target->nr_regions;
		if (kobject_init_and_add(&region->kobj, &results_region_ktype,
					 target->regions_kobj, "%u",
					 region->index)) {
			kobject_put(&region->kobj);
			return;
		}
		list_add_tail(&region->list, &target->regions);
		target->nr_regions++;
		cond_resched();
	}
	while (target->nr_regions > nr) {
		region = list_last_entry(&target->regions,
					 struct damon_results_region, list);
		list_del(&region->list);
		target->nr_regions--;
		kobject_del(&region->kobj);
		kobject_put(&region->kobj);
		cond_resched();
	}
}

/* Target directories */

static struct damon_results_target *to_results_target(struct kobject *kobj)
{
	return container_of(kobj, struct damon_results_target, kobj);
}

static ssize_t pid_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf)
{
	struct damon_results_target *target = to_results_target(kobj);
	struct damon_snap_target *st;
	pid_t pid = -1;

	spin_lock(&target->res->snap_lock);
	st = damon_snapshot_find(target->res->snap, kobject_name(kobj));
	/* As the reader's pid namespace numbers it; 0 if it has none there. */
	if (st && st->pid)
		pid = pid_vnr(st->pid);
	spin_unlock(&target->res->snap_lock);
	return sysfs_emit(buf, "%d\n", pid);
}

static ssize_t nr_regions_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	struct damon_results_target *target = to_results_target(kobj);
	struct damon_snap_target *st;
	unsigned int nr = 0;

	spin_lock(&target->res->snap_lock);
	st = damon_snapshot_find(target->res->snap, kobject_name(kobj));
	if (st)
		nr = st->nr_regions;
	spin_unlock(&target->res->snap_lock);
	return sysfs_emit(buf, "%u\n", nr);
}

static struct kobj_attribute target_pid_attr = __ATTR_RO_MODE(pid, 0400);
static struct kobj_attribute target_nr_regions_attr =
	__ATTR_RO_MODE(nr_regions, 0400);

static struct attribute *results_target_attrs[] = {
	&target_pid_attr.attr,
	&target_nr_regions_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(results_target);

static void results_target_release(struct kobject *kobj)
{
	kfree(to_results_target(kobj));
}

static struct kobj_type results_target_ktype = {
	.release = results_target_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = results_target_groups,
};

/* Removes a target directory, deepest first; under lock. */
static void results_target_remove(struct damon_results_target *target)
{
	results_target_resize(target, 0);
	list_del(&target->list);
	kobject_put(target->regions_kobj);
	kobject_del(&target->kobj);
	kobject_put(&target->kobj);
}

/* Context directories */

static struct damon_results *to_results(struct kobject *kobj)
{
	return container_of(kobj, struct damon_results, kobj);
}

static ssize_t nr_aggregations_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	struct damon_results *res = to_results(kobj);
	u64 nr;

	spin_lock(&res->snap_lock);
	nr = res->snap ? res->snap->nr_aggregations : 0;
	spin_unlock(&res->snap_lock);
	return sysfs_emit(buf, "%llu\n", nr);
}

static struct kobj_attribute results_nr_aggregations_attr =
	__ATTR_RO_MODE(nr_aggregations, 0400);

static struct attribute *results_attrs[] = {
	&results_nr_aggregations_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(results);

static void results_release(struct kobject *kobj)
{
	struct damon_results *res = to_results(kobj);

	damon_snapshot_free(res->snap);
	damon_snapshot_free(res->pending);
	kfree(res);
}

static struct kobj_type results_ktype = {
	.release = results_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = results_groups,
};

static void results_publish(struct work_struct *work)
{
	struct damon_results *res = container_of(work, struct damon_results,
						 publish);
	struct damon_results_target *target;
	struct damon_snapshot *snap, *old;
	struct damon_snap_target *st;

	mutex_lock(&res->lock);
	spin_lock(&res->snap_lock);
	snap = res->pending;
	res->pending = NULL;
	spin_unlock(&res->snap_lock);
	if (!snap)
		goto unlock;

	/* Readers find every region of @snap before they find @snap. */
	list_for_each_entry(target, &res->targets, list) {
		st = damon_snapshot_find(snap, kobject_name(&target->kobj));
		if (st && st->nr_regions > target->nr_regions)
			results_target_resize(target, st->nr_regions);
	}
	spin_lock(&res->snap_lock);
	old = res->snap;
	res->snap = snap;
	spin_unlock(&res->snap_lock);
	list_for_each_entry(target, &res->targets, list) {
		st = damon_snapshot_find(snap, kobject_name(&target->kobj));
		results_target_resize(target, st ? st->nr_regions : 0);
	}
	damon_snapshot_free(old);
unlock:
	mutex_unlock(&res->lock);
}

/**
 * damon_results_create() - Make the results directory of a context.
 * @ctx_name:	The context's name, which the directory takes.
 *
 * Context: Process context.
 * Return: the results, or an ERR_PTR() if the directory cannot be made.
 */
struct damon_results *damon_results_create(const char *ctx_name)
{
	struct damon_results *res;
	int err;

	if (!damon_contexts_kobj)
		return ERR_PTR(-ENODEV);
	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return ERR_PTR(-ENOMEM);
	mutex_init(&res->lock);
	INIT_LIST_HEAD(&res->targets);
	spin_lock_init(&res->snap_lock);
	INIT_WORK(&res->publish, results_publish);
	err = kobject_init_and_add(&res->kobj, &results_ktype,
				   damon_contexts_kobj, "%s", ctx_name);
	if (err) {
		kobject_put(&res->kobj);
		return ERR_PTR(err);
	}
	res->targets_kobj = kobject_create_and_add("targets", &res->kobj);
	if (!res->targets_kobj) {
		kobject_del(&res->kobj);
		kobject_put(&res->kobj);
		return ERR_PTR(-ENOMEM);
	}
	return res;
}

/**
 * damon_results_destroy() - Remove the results directory of a context.
 * @res:	The results.  The context's kdamond must have ended.
 *
 * Context: Process context.
 */
void damon_results_destroy(struct damon_results *res)
{
	struct damon_results_target *target, *next;

	cancel_work_sync(&res->publish);
	mutex_lock(&res->lock);
	list_for_each_entry_safe(target, next, &res->targets, list)
		results_target_remove(target);
	mutex_unlock(&res->lock);
	kobject_put(res->targets_kobj);
	kobject_del(&res->kobj);
	kobject_put(&res->kobj);
}

/**
 * damon_results_add_target() - Make the results directory of a target.
 * @res:	The context's results.
 * @name:	The target's name, which the directory takes.
 *
 * Context: Process context.
 * Return: 0, or a negative error code.
 */
int damon_results_add_target(struct damon_results *res, const char *name)
{
	struct damon_results_target *target;
	struct damon_snap_target *st;
	unsigned int nr;
	int err;

	target = kzalloc(sizeof(*target), GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	target->res = res;
	INIT_LIST_HEAD(&target->regions);
	err = kobject_init_and_add(&target->kobj, &results_target_ktype,
				   res->targets_kobj, "%s", name);
	if (err)
		goto put;
	target->regions_kobj = kobject_create_and_add("regions",
						      &target->kobj);
	if (!target->regions_kobj) {
		err = -ENOMEM;
		goto del;
	}
	mutex_lock(&res->lock);
	list_add_tail(&target->list, &res->targets);
	/* The published results may have regions for this name already. */
	spin_lock(&res->snap_lock);
	st = damon_snapshot_find(res->snap, name);
	nr = st ? st->nr_regions : 0;
	spin_unlock(&res->snap_lock);
	results_target_resize(target, nr);
	mutex_unlock(&res->lock);
	return 0;

del:
	kobject_del(&target->kobj);
put:
	kobject_put(&target->kobj);
	return err;
}

/**
 * damon_results_remove_target() - Remove the results directory of a target.
 * @res:	The context's results.
 * @name:	The target's name.
 *
 * Context: Process context.
 */
void damon_results_remove_target(struct damon_results *res, const char *name)
{
	struct damon_results_target *target;

	mutex_lock(&res->lock);
	list_for_each_entry(target, &res->targets, list) {
		if (!strcmp(kobject_name(&target->kobj), name)) {
			results_target_remove(target);
			break;
		}
	}
	mutex_unlock(&res->lock);
}

/**
 * damon_results_reset() - Forget the results, for a new start.
 * @res:	The context's results.  Its kdamond must not be running.
 *
 * Context: Process context.
 */
void damon_results_reset(struct damon_results *res)
{
	struct damon_results_target *target;
	struct damon_snapshot *snap, *pending;

	cancel_work_sync(&res->publish);
	mutex_lock(&res->lock);
	spin_lock(&res->snap_lock);
	snap = res->snap;
	pending = res->pending;
	res->snap = NULL;
	res->pending = NULL;
	res->nr_aggregations = 0;
	spin_unlock(&res->snap_lock);
	list_for_each_entry(target, &res->targets, list)
		results_target_resize(target, 0);
	mutex_unlock(&res->lock);
	damon_snapshot_free(snap);
	damon_snapshot_free(pending);
}

/* Copies @t's name, pid and regions into @st. */
static int results_copy_target(struct damon_snap_target *st,
			       struct damon_target *t)
{
	struct damon_region *r;
	unsigned int i = 0;

	st->name = kstrdup(t->name ?: "", GFP_KERNEL);
	st->regions = kvmalloc_array(damon_nr_regions(t), sizeof(*st->regions),
				     GFP_KERNEL);
	if (!st->name || (damon_nr_regions(t) && !st->regions))
		return -ENOMEM;
	st->pid = get_pid(t->pid);
	damon_for_each_region(r, t) {
		st->regions[i++] = (struct damon_snap_region){
			.start = r->ar.start,
			.end = r->ar.end,
			.nr_accesses = r->nr_accesses,
			.age = r->age,
		};
	}
	st->nr_regions = i;
	return 0;
}

/**
 * damon_results_record() - Snapshot a context's regions for readers.
 * @res:	The context's results.
 * @ctx:	The context, at the end of an aggregation interval.
 *
 * Copies the regions and leaves their publication to a work item.  Out of
 * memory, the interval is counted but its regions are not shown.
 *
 * Context: The context's kdamond.
 */
void damon_results_record(struct damon_results *res, struct damon_ctx *ctx)
{
	unsigned int nr = damon_nr_targets(ctx), i = 0;
	struct damon_snapshot *snap, *old;
	struct damon_target *t;

	res->nr_aggregations++;
	snap = kzalloc(struct_size(snap, targets, nr), GFP_KERNEL);
	if (!snap)
		return;
	snap->nr_aggregations = res->nr_aggregations;
	damon_for_each_target(t, ctx) {
		snap->nr_targets = i + 1;
		if (results_copy_target(&snap->targets[i++], t)) {
			damon_snapshot_free(snap);
			return;
		}
	}
	spin_lock(&res->snap_lock);
	old = res->pending;
	res->pending = snap;
	spin_unlock(&res->snap_lock);
	damon_snapshot_free(old);
	queue_work(system_unbound_wq, &res->publish);
}

static int __init damon_sysfs_init(void)
{
	struct kobject *damon_kobj;

	damon_kobj = kobject_create_and_add("damon", mm_kobj);
	if (!damon_kobj)
		return -ENOMEM;
	damon_contexts_kobj = kobject_create_and_add("contexts", damon_kobj);
	if (!damon_contexts_kobj) {
		kobject_put(damon_kobj);
		return -ENOMEM;
	}
	return 0;
}
subsys_initcall(damon_sysfs_init);
