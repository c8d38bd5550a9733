// SPDX-License-Identifier: GPL-2.0
/*
 * Monitoring results in sysfs, under /sys/kernel/mm/damon/contexts/.
 *
 * Each context has a directory there, with a directory per target and, in
 * it, a directory per region, and a directory per operation scheme with
 * its statistics and, in it, a directory per region the scheme matched.
 * At the end of each aggregation interval, once the schemes were tried,
 * the kdamond copies its regions and its schemes' results into a new
 * snapshot and queues a work item.
 * The work item, in process context, makes as many region directories as
 * the snapshot needs, then publishes it, then removes the directories it
 * no longer needs.  So the kdamond never waits for kernfs, and a reader
 * sees all regions of a target from one and the same interval.
 *
 * Locks, outermost first: a context's results lock, held to change its
 * directories, then its snapshot lock, held only to read or swap a
 * snapshot.  Readers take the snapshot lock alone, so removing a
 * directory, which waits for its readers, is never done under it.  Only
 * holders of the results lock replace the published snapshot, so they
 * may read it without the snapshot lock.
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

struct damon_snap_scheme {
	char *name;
	struct damos_stats stats;
	bool active;
	unsigned int nr_regions;
	struct damon_snap_region *regions;
};

/**
 * struct damon_snapshot - The results of one aggregation interval.
 * @nr_aggregations:	Aggregation intervals completed, this one included.
 * @nr_targets:		How many entries @targets has.
 * @nr_schemes:		How many entries @schemes has.
 * @schemes:		The context's schemes, by name, with their
 *			statistics and the regions they matched.
 * @targets:		The context's targets, by name, with their regions.
 */
struct damon_snapshot {
	u64 nr_aggregations;
	unsigned int nr_targets, nr_schemes;
	struct damon_snap_scheme *schemes;
	struct damon_snap_target targets[];
};

/**
 * struct damon_results - contexts/<context>/.
 * @kobj:		Its directory.
 * @targets_kobj:	targets/.
 * @schemes_kobj:	schemes/.
 * @lock:		Guards @targets, @schemes and the region directories.
 * @targets:		The &struct damon_results_target in targets/.
 * @schemes:		The &struct damon_results_scheme in schemes/.
 * @snap_lock:		Guards @snap and @pending.
 * @snap:		What readers see; NULL before the first interval.
 * @pending:		The newest snapshot, not published yet.
 * @nr_aggregations:	The kdamond's count of intervals.
 * @publish:		Publishes @pending.
 */
struct damon_results {
	struct kobject kobj;
	struct kobject *targets_kobj;
	struct kobject *schemes_kobj;
	struct mutex lock;
	struct list_head targets;
	struct list_head schemes;
	spinlock_t snap_lock;
	struct damon_snapshot *snap;
	struct damon_snapshot *pending;
	u64 nr_aggregations;
	struct work_struct publish;
};

/**
 * struct damon_results_regions - A directory of region directories: a
 * target's regions/ or a scheme's tried_regions/.
 * @kobj:	The directory.
 * @owner:	The target's or the scheme's directory, whose name finds
 *		the regions in a snapshot.
 * @tried:	Whether they are a scheme's tried regions.
 * @res:	The context's results.
 * @regions:	Its &struct damon_results_region, by index.
 * @nr:		How many directories it holds.
 */
struct damon_results_regions {
	struct kobject *kobj;
	struct kobject *owner;
	bool tried;
	struct damon_results *res;
	struct list_head regions;
	unsigned int nr;
};

/**
 * struct damon_results_target - targets/<target>/.
 * @kobj:	Its directory.
 * @res:	The context's results.
 * @list:	Link in &damon_results->targets.
 * @regions:	regions/.
 */
struct damon_results_target {
	struct kobject kobj;
	struct damon_results *res;
	struct list_head list;
	struct damon_results_regions regions;
};

/**
 * struct damon_results_scheme - schemes/<scheme>/.
 * @kobj:	Its directory.
 * @res:	The context's results.
 * @list:	Link in &damon_results->schemes.
 * @stats_kobj:	stats/.
 * @tried:	tried_regions/.
 */
struct damon_results_scheme {
	struct kobject kobj;
	struct damon_results *res;
	struct list_head list;
	struct kobject *stats_kobj;
	struct damon_results_regions tried;
};

/**
 * struct damon_results_region - regions/<index>/ or tried_regions/<index>/.
 * @kobj:	Its directory.
 * @dir:	The directory it is in.
 * @list:	Link in &damon_results_regions->regions.
 * @index:	Its place among the regions, in target and address order.
 */
struct damon_results_region {
	struct kobject kobj;
	struct damon_results_regions *dir;
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
	for (i = 0; i < snap->nr_schemes; i++) {
		kfree(snap->schemes[i].name);
		kvfree(snap->schemes[i].regions);
	}
	kfree(snap->schemes);
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

/* The same for scheme @name. */
static struct damon_snap_scheme *
damon_snapshot_find_scheme(struct damon_snapshot *s, const char *name)
{
	unsigned int i;

	for (i = 0; s && i < s->nr_schemes; i++) {
		if (s->schemes[i].name && !strcmp(s->schemes[i].name, name))
			return &s->schemes[i];
	}
	return NULL;
}

/* The regions of @s that @dir shows; sets *@nr to their number. */
static struct damon_snap_region *
damon_snapshot_regions(struct damon_snapshot *s,
		       struct damon_results_regions *dir, unsigned int *nr)
{
	const char *name = kobject_name(dir->owner);
	struct damon_snap_scheme *ss;
	struct damon_snap_target *st;

	*nr = 0;
	if (dir->tried) {
		ss = damon_snapshot_find_scheme(s, name);
		if (!ss)
			return NULL;
		*nr = ss->nr_regions;
		return ss->regions;
	}
	st = damon_snapshot_find(s, name);
	if (!st)
		return NULL;
	*nr = st->nr_regions;
	return st->regions;
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
	struct damon_results *res = region->dir->res;
	struct damon_snap_region *regions;
	unsigned int nr;
	int err = -ENODATA;

	spin_lock(&res->snap_lock);
	regions = damon_snapshot_regions(res->snap, region->dir, &nr);
	if (region->index < nr) {
		*out = regions[region->index];
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
static void results_regions_resize(struct damon_results_regions *dir,
				   unsigned int nr)
{
	struct damon_results_region *region;

	lockdep_assert_held(&dir->res->lock);
	while (dir->nr < nr) {
		region = kzalloc(sizeof(*region), GFP_KERNEL);
		if (!region)
			return;
		region->dir = dir;
		region->index = dir->nr;
		if (kobject_init_and_add(&region->kobj, &results_region_ktype,
					 dir->kobj, "%u", region->index)) {
			kobject_put(&region->kobj);
			return;
		}
		list_add_tail(&region->list, &dir->regions);
		dir->nr++;
		cond_resched();
	}
	while (dir->nr > nr) {
		region = list_last_entry(&dir->regions,
					 struct damon_results_region, list);
		list_del(&region->list);
		dir->nr--;
		kobject_del(&region->kobj);
		kobject_put(&region->kobj);
		cond_resched();
	}
}

/* Makes @name/ under @owner for region directories; 0 or -ENOMEM. */
static int results_regions_init(struct damon_results_regions *dir,
				struct damon_results *res,
				struct kobject *owner, const char *name,
				bool tried)
{
	dir->res = res;
	dir->owner = owner;
	dir->tried = tried;
	INIT_LIST_HEAD(&dir->regions);
	dir->kobj = kobject_create_and_add(name, owner);
	return dir->kobj ? 0 : -ENOMEM;
}

/* Sizes @dir for the snapshot being published; under lock. */
static void results_regions_fit(struct damon_results_regions *dir,
				struct damon_snapshot *snap, bool grow_only)
{
	unsigned int nr;

	damon_snapshot_regions(snap, dir, &nr);
	if (!grow_only || nr > dir->nr)
		results_regions_resize(dir, nr);
}

/* Removes @dir and its region directories; under lock. */
static void results_regions_remove(struct damon_results_regions *dir)
{
	results_regions_resize(dir, 0);
	kobject_put(dir->kobj);
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
	results_regions_remove(&target->regions);
	list_del(&target->list);
	kobject_del(&target->kobj);
	kobject_put(&target->kobj);
}

/* Scheme directories */

static struct damon_results_scheme *to_results_scheme(struct kobject *kobj)
{
	return container_of(kobj, struct damon_results_scheme, kobj);
}

/*
 * A copy of what the snapshot holds for @scheme, without its regions;
 * -ENODATA if it holds nothing.
 */
static int results_scheme_read(struct damon_results_scheme *scheme,
			       struct damon_snap_scheme *out)
{
	struct damon_results *res = scheme->res;
	struct damon_snap_scheme *ss;
	int err = -ENODATA;

	spin_lock(&res->snap_lock);
	ss = damon_snapshot_find_scheme(res->snap,
					kobject_name(&scheme->kobj));
	if (ss) {
		*out = *ss;
		out->name = NULL;
		out->regions = NULL;
		err = 0;
	}
	spin_unlock(&res->snap_lock);
	return err;
}

/* A copy of the statistics of stats/ @kobj's scheme; -ENODATA if none. */
static int results_stats_read(struct kobject *kobj, struct damos_stats *out)
{
	struct damon_snap_scheme ss;
	int err = results_scheme_read(to_results_scheme(kobj->parent), &ss);

	if (!err)
		*out = ss.stats;
	return err;
}

#define DAMON_RESULTS_STAT(field)					\
static ssize_t field##_show(struct kobject *kobj,			\
			    struct kobj_attribute *attr, char *buf)	\
{									\
	struct damos_stats stats;					\
	int err = results_stats_read(kobj, &stats);			\
									\
	return err ?: sysfs_emit(buf, "%lu\n", stats.field);		\
}									\
static struct kobj_attribute stats_##field##_attr =			\
	__ATTR_RO_MODE(field, 0400)

DAMON_RESULTS_STAT(nr_tried);
DAMON_RESULTS_STAT(sz_tried);
DAMON_RESULTS_STAT(nr_applied);
DAMON_RESULTS_STAT(sz_applied);
DAMON_RESULTS_STAT(qt_exceeds);

static struct attribute *results_stats_attrs[] = {
	&stats_nr_tried_attr.attr,
	&stats_sz_tried_attr.attr,
	&stats_nr_applied_attr.attr,
	&stats_sz_applied_attr.attr,
	&stats_qt_exceeds_attr.attr,
	NULL,
};

static const struct attribute_group results_stats_group = {
	.attrs = results_stats_attrs,
};

/* Whether the watermarks let the scheme act, at the last interval. */
static ssize_t active_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	struct damon_snap_scheme ss;
	int err = results_scheme_read(to_results_scheme(kobj), &ss);

	return err ?: sysfs_emit(buf, "%d\n", ss.active);
}

static struct kobj_attribute results_scheme_active_attr =
	__ATTR_RO_MODE(active, 0400);

static struct attribute *results_scheme_attrs[] = {
	&results_scheme_active_attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(results_scheme);

static void results_scheme_release(struct kobject *kobj)
{
	kfree(to_results_scheme(kobj));
}

static struct kobj_type results_scheme_ktype = {
	.release = results_scheme_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = results_scheme_groups,
};

/* Removes a scheme directory, deepest first; under lock. */
static void results_scheme_remove(struct damon_results_scheme *scheme)
{
	results_regions_remove(&scheme->tried);
	list_del(&scheme->list);
	kobject_put(scheme->stats_kobj);
	kobject_del(&scheme->kobj);
	kobject_put(&scheme->kobj);
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

/* Sizes every region directory for @snap; under lock. */
static void results_fit_all(struct damon_results *res,
			    struct damon_snapshot *snap, bool grow_only)
{
	struct damon_results_target *target;
	struct damon_results_scheme *scheme;

	list_for_each_entry(target, &res->targets, list)
		results_regions_fit(&target->regions, snap, grow_only);
	list_for_each_entry(scheme, &res->schemes, list)
		results_regions_fit(&scheme->tried, snap, grow_only);
}

static void results_publish(struct work_struct *work)
{
	struct damon_results *res = container_of(work, struct damon_results,
						 publish);
	struct damon_snapshot *snap, *old;

	mutex_lock(&res->lock);
	spin_lock(&res->snap_lock);
	snap = res->pending;
	res->pending = NULL;
	spin_unlock(&res->snap_lock);
	if (!snap)
		goto unlock;

	/* Readers find every region of @snap before they find @snap. */
	results_fit_all(res, snap, true);
	spin_lock(&res->snap_lock);
	old = res->snap;
	res->snap = snap;
	spin_unlock(&res->snap_lock);
	results_fit_all(res, snap, false);
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
	INIT_LIST_HEAD(&res->schemes);
	spin_lock_init(&res->snap_lock);
	INIT_WORK(&res->publish, results_publish);
	err = kobject_init_and_add(&res->kobj, &results_ktype,
				   damon_contexts_kobj, "%s", ctx_name);
	if (err) {
		kobject_put(&res->kobj);
		return ERR_PTR(err);
	}
	res->targets_kobj = kobject_create_and_add("targets", &res->kobj);
	if (!res->targets_kobj)
		goto del;
	res->schemes_kobj = kobject_create_and_add("schemes", &res->kobj);
	if (!res->schemes_kobj)
		goto put_targets;
	return res;

put_targets:
	kobject_put(res->targets_kobj);
del:
	kobject_del(&res->kobj);
	kobject_put(&res->kobj);
	return ERR_PTR(-ENOMEM);
}

/**
 * damon_results_destroy() - Remove the results directory of a context.
 * @res:	The results.  The context's kdamond must have ended.
 *
 * Context: Process context.
 */
void damon_results_destroy(struct damon_results *res)
{
	struct damon_results_scheme *scheme, *next_scheme;
	struct damon_results_target *target, *next;

	cancel_work_sync(&res->publish);
	mutex_lock(&res->lock);
	list_for_each_entry_safe(target, next, &res->targets, list)
		results_target_remove(target);
	list_for_each_entry_safe(scheme, next_scheme, &res->schemes, list)
		results_scheme_remove(scheme);
	mutex_unlock(&res->lock);
	kobject_put(res->schemes_kobj);
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
	int err;

	target = kzalloc(sizeof(*target), GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	target->res = res;
	err = kobject_init_and_add(&target->kobj, &results_target_ktype,
				   res->targets_kobj, "%s", name);
	if (err)
		goto put;
	err = results_regions_init(&target->regions, res, &target->kobj,
				   "regions", false);
	if (err)
		goto del;
	mutex_lock(&res->lock);
	list_add_tail(&target->list, &res->targets);
	/* The published results may have regions for this name already. */
	results_regions_fit(&target->regions, res->snap, false);
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
 * damon_results_add_scheme() - Make the results directory of a scheme.
 * @res:	The context's results.
 * @name:	The scheme's name, which the directory takes.
 *
 * Context: Process context.
 * Return: 0, or a negative error code.
 */
int damon_results_add_scheme(struct damon_results *res, const char *name)
{
	struct damon_results_scheme *scheme;
	int err;

	scheme = kzalloc(sizeof(*scheme), GFP_KERNEL);
	if (!scheme)
		return -ENOMEM;
	scheme->res = res;
	err = kobject_init_and_add(&scheme->kobj, &results_scheme_ktype,
				   res->schemes_kobj, "%s", name);
	if (err)
		goto put;
	err = -ENOMEM;
	scheme->stats_kobj = kobject_create_and_add("stats", &scheme->kobj);
	if (!scheme->stats_kobj)
		goto del;
	err = sysfs_create_group(scheme->stats_kobj, &results_stats_group);
	if (err)
		goto put_stats;
	err = results_regions_init(&scheme->tried, res, &scheme->kobj,
				   "tried_regions", true);
	if (err)
		goto put_stats;
	mutex_lock(&res->lock);
	list_add_tail(&scheme->list, &res->schemes);
	results_regions_fit(&scheme->tried, res->snap, false);
	mutex_unlock(&res->lock);
	return 0;

put_stats:
	kobject_put(scheme->stats_kobj);
del:
	kobject_del(&scheme->kobj);
put:
	kobject_put(&scheme->kobj);
	return err;
}

/**
 * damon_results_remove_scheme() - Remove the results directory of a scheme.
 * @res:	The context's results.
 * @name:	The scheme's name.
 *
 * Context: Process context.
 */
void damon_results_remove_scheme(struct damon_results *res, const char *name)
{
	struct damon_results_scheme *scheme;

	mutex_lock(&res->lock);
	list_for_each_entry(scheme, &res->schemes, list) {
		if (!strcmp(kobject_name(&scheme->kobj), name)) {
			results_scheme_remove(scheme);
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
	results_fit_all(res, NULL, false);
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

/* Copies @s's name, statistics and tried regions into @ss. */
static int results_copy_scheme(struct damon_snap_scheme *ss, struct damos *s)
{
	unsigned int i;

	ss->name = kstrdup(s->name ?: "", GFP_KERNEL);
	ss->regions = kvmalloc_array(s->nr_tried, sizeof(*ss->regions),
				     GFP_KERNEL);
	if (!ss->name || (s->nr_tried && !ss->regions))
		return -ENOMEM;
	ss->stats = s->stats;
	ss->active = damos_is_active(s);
	for (i = 0; i < s->nr_tried; i++) {
		ss->regions[i] = (struct damon_snap_region){
			.start = s->tried[i].ar.start,
			.end = s->tried[i].ar.end,
			.nr_accesses = s->tried[i].nr_accesses,
			.age = s->tried[i].age,
		};
	}
	ss->nr_regions = s->nr_tried;
	return 0;
}

/* Copies the regions and the schemes' results of @ctx into @snap. */
static int results_copy(struct damon_snapshot *snap, struct damon_ctx *ctx)
{
	unsigned int nr_schemes = 0, i = 0;
	struct damon_target *t;
	struct damos *s;

	damon_for_each_target(t, ctx) {
		snap->nr_targets = i + 1;
		if (results_copy_target(&snap->targets[i++], t))
			return -ENOMEM;
	}
	damon_for_each_scheme(s, ctx)
		nr_schemes++;
	if (!nr_schemes)
		return 0;
	snap->schemes = kcalloc(nr_schemes, sizeof(*snap->schemes),
				GFP_KERNEL);
	if (!snap->schemes)
		return -ENOMEM;
	i = 0;
	damon_for_each_scheme(s, ctx) {
		snap->nr_schemes = i + 1;
		if (results_copy_scheme(&snap->schemes[i++], s))
			return -ENOMEM;
	}
	return 0;
}

/**
 * damon_results_record() - Snapshot a context's results for readers.
 * @res:	The context's results.
 * @ctx:	The context, at the end of an aggregation interval, once
 *		its schemes were tried.
 *
 * Copies the regions, the schemes' statistics and the regions they
 * matched, and leaves their publication to a work item.  Out of memory,
 * the interval is counted but its results are not shown.
 *
 * Context: The context's kdamond, from its after_schemes callback.
 */
void damon_results_record(struct damon_results *res, struct damon_ctx *ctx)
{
	struct damon_snapshot *snap, *old;

	res->nr_aggregations++;
	snap = kzalloc(struct_size(snap, targets, damon_nr_targets(ctx)),
		       GFP_KERNEL);
	if (!snap)
		return;
	snap->nr_aggregations = res->nr_aggregations;
	if (results_copy(snap, ctx)) {
		damon_snapshot_free(snap);
		return;
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
