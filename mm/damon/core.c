// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON core: the monitoring context, its targets and their regions, and the
 * kdamond thread that samples, aggregates and adapts them.
 */

#define pr_fmt(fmt) "damon: " fmt

#include <linux/damon.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/pid.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "regions.h"

#define CREATE_TRACE_POINTS
#include <trace/events/damon.h>

/*
 * Guards every context's ->kdamond and the running count.  A kdamond takes
 * it only for a moment as it exits, and no one holds it while waiting for a
 * kdamond, so stopping can never wait on a thread that waits on us.
 */
static DEFINE_MUTEX(damon_lock);
static unsigned int damon_nr_running;
static unsigned int damon_next_kdamond_id;

static const struct damon_attrs damon_default_attrs = {
	.sample_us = 5000,
	.aggr_us = 100000,
	.update_us = 1000000,
	.min_nr_regions = 10,
	.max_nr_regions = 1000,
};

/**
 * damon_region_new() - Allocate a region that is in no list yet.
 * @start:	First address of the region.
 * @end:	First address past the region.
 *
 * Context: Process context; may sleep.
 * Return: the region with no recorded access, or NULL if out of memory.
 */
struct damon_region *damon_region_new(unsigned long start, unsigned long end)
{
	struct damon_region *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (r) {
		r->ar = (struct damon_addr_range){ .start = start, .end = end };
		r->sampling_addr = start;
		INIT_LIST_HEAD(&r->list);
	}
	return r;
}

/**
 * damon_region_free() - Free a region that is in no target.
 * @r:	The region, or NULL.
 *
 * Context: Any context.
 */
void damon_region_free(struct damon_region *r)
{
	kfree(r);
}

/**
 * damon_region_append() - Add a region after the last region of a target.
 * @t:	The target.
 * @r:	The region; it must start at or after the end of @t's last region.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_region_append(struct damon_target *t, struct damon_region *r)
{
	list_add_tail(&r->list, &t->regions);
	t->nr_regions++;
}

/**
 * damon_region_insert() - Put a region between two neighbouring regions.
 * @t:		The target that holds @prev and @next.
 * @r:		The region, which lies between @prev and @next in address.
 * @prev:	The region that will come before @r.
 * @next:	The region that will come after @r; it must follow @prev.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_region_insert(struct damon_target *t, struct damon_region *r,
			 struct damon_region *prev, struct damon_region *next)
{
	if (WARN_ON_ONCE(prev->list.next != &next->list))
		return;
	list_add(&r->list, &prev->list);
	t->nr_regions++;
}

/**
 * damon_region_unlink() - Take a region out of its target, keeping it.
 * @t:	The target that holds @r.
 * @r:	The region.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_region_unlink(struct damon_target *t, struct damon_region *r)
{
	list_del_init(&r->list);
	t->nr_regions--;
}

/**
 * damon_region_destroy() - Take a region out of its target and free it.
 * @t:	The target that holds @r.
 * @r:	The region.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_region_destroy(struct damon_target *t, struct damon_region *r)
{
	damon_region_unlink(t, r);
	damon_region_free(r);
}

/**
 * damon_target_new() - Allocate a target with no regions, in no context.
 *
 * Context: Process context; may sleep.
 * Return: the target, or NULL if out of memory.
 */
struct damon_target *damon_target_new(void)
{
	struct damon_target *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (t) {
		INIT_LIST_HEAD(&t->regions);
		INIT_LIST_HEAD(&t->list);
	}
	return t;
}

/**
 * damon_target_free() - Free a target that is in no context, with its regions.
 * @t:	The target, or NULL.  Its reference to &damon_target->pid is dropped.
 *
 * Context: Any context.
 */
void damon_target_free(struct damon_target *t)
{
	struct damon_region *r, *tmp;

	if (!t)
		return;
	damon_for_each_region_safe(r, tmp, t)
		damon_region_free(r);
	put_pid(t->pid);
	kfree(t->name);
	kvfree(t->ranges);
	kfree(t);
}

/**
 * damon_ranges_normalize() - Check address ranges and round them out to pages.
 * @ranges:	The ranges, lowest first; rewritten in place.
 * @nr:		How many.
 *
 * Ranges that come to share a page once rounded become one: a page is the
 * finest an access check sees.
 *
 * Context: Any context.
 * Return: how many ranges are left, or -EINVAL if @nr is above
 * DAMON_MAX_NR_REGIONS, a range is empty or ends beyond the user address
 * space, or a range starts below the end of the one before it.
 */
int damon_ranges_normalize(struct damon_addr_range *ranges, unsigned int nr)
{
	unsigned long start, end, prev_end = 0;
	unsigned int i, n = 0;

	if (nr > DAMON_MAX_NR_REGIONS)
		return -EINVAL;
	for (i = 0; i < nr; i++) {
		start = ranges[i].start;
		end = ranges[i].end;
		if (start >= end || end > TASK_SIZE_MAX || start < prev_end)
			return -EINVAL;
		prev_end = end;
		/* TASK_SIZE_MAX is page aligned: the end cannot wrap. */
		start = ALIGN_DOWN(start, PAGE_SIZE);
		end = ALIGN(end, PAGE_SIZE);
		if (n && start < ranges[n - 1].end)
			ranges[n - 1].end = end;
		else
			ranges[n++] = (struct damon_addr_range){ start, end };
	}
	return n;
}

/**
 * damon_target_set_ranges() - Confine a target to the user's address ranges.
 * @t:		The target, in no running context.
 * @ranges:	kvmalloc()ed ranges that damon_ranges_normalize() accepted,
 *		which @t takes, or NULL to monitor what the primitives choose.
 * @nr:		How many.
 *
 * Monitoring of @t starts from regions that cover exactly @ranges, and its
 * regions stay within them.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_target_set_ranges(struct damon_target *t,
			     struct damon_addr_range *ranges, unsigned int nr)
{
	kvfree(t->ranges);
	t->ranges = ranges;
	t->nr_ranges = ranges ? nr : 0;
}

/**
 * damon_target_add() - Add a target to the end of a context's targets.
 * @ctx:	The context.
 * @t:		The target, which is in no context.
 *
 * Context: The caller serializes changes to @ctx.
 */
void damon_target_add(struct damon_ctx *ctx, struct damon_target *t)
{
	list_add_tail(&t->list, &ctx->targets);
}

/**
 * damon_target_unlink() - Take a target out of its context, keeping it.
 * @t:	The target.
 *
 * Context: The caller serializes changes to the context that holds @t.
 */
void damon_target_unlink(struct damon_target *t)
{
	list_del_init(&t->list);
}

/**
 * damon_target_destroy() - Take a target out of its context and free it.
 * @t:	The target, with its regions.
 *
 * Context: The caller serializes changes to the context that holds @t.
 */
void damon_target_destroy(struct damon_target *t)
{
	damon_target_unlink(t);
	damon_target_free(t);
}

/**
 * damon_nr_targets() - How many targets a context has.
 * @ctx:	The context.
 *
 * Context: The caller keeps @ctx's target list stable.
 * Return: the length of @ctx's target list.
 */
unsigned int damon_nr_targets(const struct damon_ctx *ctx)
{
	const struct list_head *pos;
	unsigned int n = 0;

	list_for_each(pos, &ctx->targets)
		n++;
	return n;
}

/**
 * damon_ctx_new() - Allocate a stopped monitoring context with no targets.
 *
 * Context: Process context; may sleep.
 * Return: the context, with the default attributes (5 ms sampling, 100 ms
 * aggregation and 1 s update intervals, 10 to 1000 regions per target), or
 * NULL if out of memory.
 */
struct damon_ctx *damon_ctx_new(void)
{
	struct damon_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);

	if (ctx) {
		ctx->attrs = damon_default_attrs;
		INIT_LIST_HEAD(&ctx->targets);
		init_waitqueue_head(&ctx->wait);
		spin_lock_init(&ctx->commit_lock);
	}
	return ctx;
}

/**
 * damon_ctx_destroy() - Free a context with all its targets and regions.
 * @ctx:	The context, or NULL.  It must not be running.
 *
 * Context: Process context; nothing else may use @ctx any more.
 */
void damon_ctx_destroy(struct damon_ctx *ctx)
{
	struct damon_target *t, *tmp;

	if (!ctx || WARN_ON_ONCE(damon_is_running(ctx)))
		return;
	damon_for_each_target_safe(t, tmp, ctx)
		damon_target_destroy(t);
	kfree(ctx);
}

static bool damon_interval_valid(unsigned long us)
{
	return us && us <= DAMON_MAX_INTERVAL_US;
}

/**
 * damon_validate_attrs() - Check that attributes make sense together.
 * @attrs:	The attributes.
 *
 * Context: Any context.
 * Return: 0, or -EINVAL if an interval is zero or longer than
 * DAMON_MAX_INTERVAL_US, the aggregation interval is shorter than the
 * sampling interval, fewer than three regions are asked for, the maximum
 * is below the minimum or above DAMON_MAX_NR_REGIONS.
 */
int damon_validate_attrs(const struct damon_attrs *attrs)
{
	if (!damon_interval_valid(attrs->sample_us) ||
	    !damon_interval_valid(attrs->aggr_us) ||
	    !damon_interval_valid(attrs->update_us) ||
	    attrs->aggr_us < attrs->sample_us ||
	    attrs->min_nr_regions < 3 ||
	    attrs->max_nr_regions < attrs->min_nr_regions ||
	    attrs->max_nr_regions > DAMON_MAX_NR_REGIONS)
		return -EINVAL;
	return 0;
}

/*
 * Whether every target's ranges fit in max_nr_regions: regions in different
 * ranges never merge, so a target has at least one region per range.
 */
static bool damon_ranges_fit(const struct damon_attrs *attrs,
			     struct list_head *targets)
{
	struct damon_target *t;

	list_for_each_entry(t, targets, list) {
		if (t->nr_ranges > attrs->max_nr_regions)
			return false;
	}
	return true;
}

/**
 * damon_set_attrs() - Set a context's intervals and region bounds.
 * @ctx:	The context, not running.
 * @attrs:	The new attributes.
 *
 * Context: Process context; the caller serializes changes to @ctx.
 * Return: 0, -EINVAL if damon_validate_attrs() refuses @attrs, or -EBUSY
 * if @ctx is running (see damon_commit()).
 */
int damon_set_attrs(struct damon_ctx *ctx, const struct damon_attrs *attrs)
{
	int err = damon_validate_attrs(attrs);

	if (err)
		return err;
	if (damon_is_running(ctx))
		return -EBUSY;
	ctx->attrs = *attrs;
	return 0;
}

/**
 * damon_is_running() - Whether a context has a kdamond.
 * @ctx:	The context.
 *
 * Context: Process context; may sleep.
 * Return: true from damon_start() until the kdamond has finished.
 */
bool damon_is_running(struct damon_ctx *ctx)
{
	bool running;

	mutex_lock(&damon_lock);
	running = ctx->kdamond;
	mutex_unlock(&damon_lock);
	return running;
}

/**
 * damon_kdamond_pid() - The pid of a context's kdamond.
 * @ctx:	The context.
 *
 * Context: Process context; may sleep.
 * Return: the pid in the caller's pid namespace (0 if the kdamond has none
 * there), or -1 if @ctx is not running.
 */
pid_t damon_kdamond_pid(struct damon_ctx *ctx)
{
	pid_t pid = -1;

	mutex_lock(&damon_lock);
	if (ctx->kdamond)
		pid = task_pid_vnr(ctx->kdamond);
	mutex_unlock(&damon_lock);
	return pid;
}

/**
 * damon_nr_running_ctxs() - How many contexts have a kdamond.
 *
 * Context: Process context; may sleep.
 * Return: the number of running contexts.
 */
unsigned int damon_nr_running_ctxs(void)
{
	unsigned int nr;

	mutex_lock(&damon_lock);
	nr = damon_nr_running;
	mutex_unlock(&damon_lock);
	return nr;
}

/* Forgets @task as @ctx's kdamond, unless someone already did. */
static void kdamond_detach(struct damon_ctx *ctx, struct task_struct *task)
{
	mutex_lock(&damon_lock);
	if (ctx->kdamond == task) {
		ctx->kdamond = NULL;
		damon_nr_running--;
	}
	mutex_unlock(&damon_lock);
}

/*
 * Sleeps shorter than this are precise (an hrtimer) but cannot be cut
 * short; longer ones are in jiffies and end at a stop or commit request.
 */
#define KDAMOND_PRECISE_SLEEP_US	(20 * USEC_PER_MSEC)

static bool kdamond_woken(struct damon_ctx *ctx)
{
	return kthread_should_stop() || READ_ONCE(ctx->commit);
}

/*
 * Sleeps for @us without adding to the load average.  The wait checks for
 * a request after it marks us asleep, so one that comes in between wakes
 * us rather than being lost.
 */
static void kdamond_sleep(struct damon_ctx *ctx, unsigned long us)
{
	if (us < KDAMOND_PRECISE_SLEEP_US)
		usleep_idle_range(us, us + us / 10 + 1);
	else
		wait_event_idle_timeout(ctx->wait, kdamond_woken(ctx),
					usecs_to_jiffies(us));
}

/* @now plus @us, or the end of time if that does not fit. */
static u64 kdamond_deadline(u64 now, unsigned long us)
{
	u64 deadline;

	if (check_add_overflow(now, (u64)us, &deadline))
		return U64_MAX;
	return deadline;
}

static bool kdamond_has_valid_target(struct damon_ctx *ctx)
{
	struct damon_target *t;

	damon_for_each_target(t, ctx) {
		if (ctx->prims.target_valid(t))
			return true;
	}
	return false;
}

/*
 * The end of an aggregation interval: age the regions, merge those that
 * counted alike, narrow those with a lone access to it, report them, then
 * cut them up and start counting anew.
 * Reporting after the merge shows what the interval found, not the random
 * cuts that explored for it.  Counts are compared against the @nr_samples
 * the interval took, which a busy machine makes fewer than the attributes
 * ask.  Returns non-zero if a callback asked to stop.
 */
static int kdamond_aggregate(struct damon_ctx *ctx, unsigned int nr_samples)
{
	const struct damon_attrs *attrs = &ctx->attrs;
	unsigned int thres = max(1U, nr_samples / 10);
	unsigned long target_id = 0;
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		damon_update_ages(t, thres);
		damon_merge_regions(t, nr_samples, attrs);
		damon_isolate_lone_hits(t);
		damon_for_each_region(r, t)
			trace_damon_aggregated(target_id, damon_nr_regions(t), r);
		target_id++;
	}
	if (ctx->callbacks.after_aggregation &&
	    ctx->callbacks.after_aggregation(ctx))
		return 1;
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			r->prev_nr_accesses = r->nr_accesses;
			r->nr_accesses = 0;
		}
		damon_split_regions(t, attrs, nr_samples, &ctx->sample_rnd);
		damon_for_each_region(r, t)
			r->hit_addr = 0;
	}
	if (ctx->prims.reset_aggregated)
		ctx->prims.reset_aggregated(ctx);
	return 0;
}

/* The current target for @pid, if any. */
static struct damon_target *kdamond_find_target(struct damon_ctx *ctx,
						struct pid *pid)
{
	struct damon_target *t;

	damon_for_each_target(t, ctx) {
		if (t->pid == pid)
			return t;
	}
	return NULL;
}

/*
 * The first regions of the targets that have none: the ranges the user
 * chose, else what the primitives choose.
 */
static void kdamond_init_regions(struct damon_ctx *ctx)
{
	struct damon_target *t;

	damon_for_each_target(t, ctx) {
		if (t->nr_ranges && !damon_nr_regions(t))
			damon_cover_ranges(t, t->ranges, t->nr_ranges,
					   ctx->attrs.min_nr_regions);
	}
	if (ctx->prims.init)
		ctx->prims.init(ctx);
}

/* Takes the waiting commit, if any; none is taken once @close is set. */
static struct damon_commit *kdamond_take_commit(struct damon_ctx *ctx,
						bool close)
{
	struct damon_commit *c;

	spin_lock(&ctx->commit_lock);
	c = ctx->commit;
	ctx->commit = NULL;
	if (close)
		ctx->closed = true;
	spin_unlock(&ctx->commit_lock);
	return c;
}

/*
 * Applies a commit between two samples: the targets become those of the
 * commit, in its order, keeping the regions of the processes monitored
 * already; the new ones get theirs from the primitives.
 */
static void kdamond_apply_commit(struct damon_ctx *ctx, struct damon_commit *c)
{
	struct damon_target *t, *next, *old;
	LIST_HEAD(targets);

	list_for_each_entry_safe(t, next, &c->targets, list) {
		old = kdamond_find_target(ctx, t->pid);
		if (old) {
			swap(old->name, t->name);
			swap(old->ranges, t->ranges);
			swap(old->nr_ranges, t->nr_ranges);
			t = old;
			if (t->nr_ranges)
				damon_fit_to_ranges(t, t->ranges, t->nr_ranges);
		}
		list_move_tail(&t->list, &targets);
	}
	/* Only the targets the commit dropped are left. */
	damon_for_each_target_safe(t, next, ctx)
		damon_target_destroy(t);
	list_splice(&targets, &ctx->targets);
	ctx->attrs = c->attrs;
	kdamond_init_regions(ctx);
	c->err = 0;
	complete(&c->done);
}

static int kdamond_fn(void *data)
{
	struct damon_ctx *ctx = data;
	struct damon_commit *commit;
	struct damon_target *t;
	struct damon_region *r, *next;
	u64 now, next_aggregation, next_update;

	pr_debug("%s starts\n", current->comm);
	prandom_seed_state(&ctx->sample_rnd, get_random_u64());
	ctx->nr_samples = 0;
	kdamond_init_regions(ctx);
	if (ctx->callbacks.before_start && ctx->callbacks.before_start(ctx))
		goto terminate;

	now = ktime_to_us(ktime_get());
	next_aggregation = kdamond_deadline(now, ctx->attrs.aggr_us);
	next_update = kdamond_deadline(now, ctx->attrs.update_us);
	while (!kthread_should_stop() && kdamond_has_valid_target(ctx)) {
		commit = kdamond_take_commit(ctx, false);
		if (commit) {
			kdamond_apply_commit(ctx, commit);
			now = ktime_to_us(ktime_get());
			next_aggregation = min(next_aggregation,
				kdamond_deadline(now, ctx->attrs.aggr_us));
			next_update = min(next_update,
				kdamond_deadline(now, ctx->attrs.update_us));
		}
		ctx->prims.prepare_access_checks(ctx);
		kdamond_sleep(ctx, ctx->attrs.sample_us);
		if (kthread_should_stop())
			break;
		ctx->prims.check_accesses(ctx);
		ctx->nr_samples++;
		if (ctx->callbacks.after_sampling &&
		    ctx->callbacks.after_sampling(ctx))
			break;

		now = ktime_to_us(ktime_get());
		if (now >= next_aggregation) {
			if (kdamond_aggregate(ctx, ctx->nr_samples))
				break;
			ctx->nr_samples = 0;
			next_aggregation = kdamond_deadline(now,
							    ctx->attrs.aggr_us);
		}
		if (now >= next_update) {
			if (ctx->prims.update)
				ctx->prims.update(ctx);
			next_update = kdamond_deadline(now, ctx->attrs.update_us);
		}
		cond_resched();
	}

terminate:
	commit = kdamond_take_commit(ctx, true);
	if (commit) {
		commit->err = -ESRCH;
		complete(&commit->done);
	}
	if (ctx->callbacks.before_terminate)
		ctx->callbacks.before_terminate(ctx);
	if (ctx->prims.cleanup)
		ctx->prims.cleanup(ctx);
	/* The next start builds the regions afresh. */
	damon_for_each_target(t, ctx) {
		damon_for_each_region_safe(r, next, t)
			damon_region_destroy(t, r);
	}
	pr_debug("%s finishes\n", current->comm);
	/* After this, @ctx may be freed: touch it no more. */
	kdamond_detach(ctx, current);
	return 0;
}

static struct task_struct *kdamond_create(struct damon_ctx *ctx)
{
	if (ctx->name[0])
		return kthread_create(kdamond_fn, ctx, "%s", ctx->name);
	return kthread_create(kdamond_fn, ctx, "kdamond.%u",
			      damon_next_kdamond_id++);
}

/**
 * damon_start() - Start monitoring for several contexts at once.
 * @ctxs:	The contexts; each gets a kdamond of its own.
 * @nr:		How many.
 *
 * Either all of @ctxs start or, on error, none of them does.
 *
 * Context: Process context; may sleep.
 * Return: 0, -EINVAL if a context lacks required primitives, appears twice
 * or has a target with more &damon_target->ranges than its max_nr_regions,
 * -EBUSY if one is already running, or the error of kthread_create().
 */
int damon_start(struct damon_ctx **ctxs, int nr)
{
	struct task_struct **tasks;
	int i, j, err = 0;

	if (nr <= 0)
		return -EINVAL;
	tasks = kcalloc(nr, sizeof(*tasks), GFP_KERNEL);
	if (!tasks)
		return -ENOMEM;

	mutex_lock(&damon_lock);
	for (i = 0; i < nr && !err; i++) {
		const struct damon_primitives *p = &ctxs[i]->prims;

		if (!p->prepare_access_checks || !p->check_accesses ||
		    !p->target_valid)
			err = -EINVAL;
		else if (ctxs[i]->kdamond)
			err = -EBUSY;
		else if (!damon_ranges_fit(&ctxs[i]->attrs, &ctxs[i]->targets))
			err = -EINVAL;
		for (j = 0; j < i; j++)
			if (ctxs[j] == ctxs[i])
				err = -EINVAL;
	}
	/* Threads are created stopped, so a failure leaves none running. */
	for (i = 0; i < nr && !err; i++) {
		tasks[i] = kdamond_create(ctxs[i]);
		if (IS_ERR(tasks[i]))
			err = PTR_ERR(tasks[i]);
	}
	if (err) {
		/* Never woken, they end without running kdamond_fn(). */
		for (j = 0; j < i - 1; j++)
			kthread_stop(tasks[j]);
	}
	for (i = 0; i < nr && !err; i++) {
		ctxs[i]->closed = false;
		ctxs[i]->kdamond = tasks[i];
		damon_nr_running++;
		wake_up_process(tasks[i]);
	}
	mutex_unlock(&damon_lock);
	kfree(tasks);
	return err;
}

/**
 * damon_stop() - Stop monitoring for several contexts.
 * @ctxs:	The contexts; those not running are left alone.
 * @nr:		How many.
 *
 * Returns when the kdamonds of @ctxs have finished.
 *
 * Context: Process context; may sleep.  Not from a kdamond callback.
 * Return: 0.
 */
int damon_stop(struct damon_ctx **ctxs, int nr)
{
	struct task_struct *task;
	int i;

	for (i = 0; i < nr; i++) {
		mutex_lock(&damon_lock);
		task = ctxs[i]->kdamond;
		/* It may finish by itself at any time: keep it from going. */
		if (task)
			get_task_struct(task);
		mutex_unlock(&damon_lock);
		if (!task)
			continue;
		kthread_stop(task);
		put_task_struct(task);
		kdamond_detach(ctxs[i], task);
	}
	return 0;
}

/**
 * damon_commit() - Change the attributes and targets of a running context.
 * @ctx:	The context.
 * @attrs:	Its new attributes.
 * @targets:	Its new targets, with their &damon_target->pid set.  Those
 *		that the context takes leave this list; the caller frees
 *		what is left.
 *
 * The kdamond applies the change between two samples, without stopping:
 * processes monitored before and after keep their regions, the others
 * start with new ones, and targets not in @targets go.  On error, nothing
 * changes.
 *
 * Context: Process context; may sleep until the kdamond's next sample.
 * The caller serializes commits to @ctx.  Not from a kdamond callback.
 * Return: 0 once applied, -EINVAL if @attrs are invalid, @targets is
 * empty or one has more ranges than max_nr_regions, -ESRCH if @ctx is not running or stops first, or -EBUSY if
 * another commit is waiting.
 */
int damon_commit(struct damon_ctx *ctx, const struct damon_attrs *attrs,
		 struct list_head *targets)
{
	struct damon_commit c = { .attrs = *attrs };
	struct task_struct *task;
	int err;

	err = damon_validate_attrs(attrs);
	if (err || list_empty(targets) || !damon_ranges_fit(attrs, targets))
		return -EINVAL;
	mutex_lock(&damon_lock);
	task = ctx->kdamond;
	if (task)
		get_task_struct(task);
	mutex_unlock(&damon_lock);
	if (!task)
		return -ESRCH;

	INIT_LIST_HEAD(&c.targets);
	list_splice_init(targets, &c.targets);
	init_completion(&c.done);
	spin_lock(&ctx->commit_lock);
	if (ctx->closed)
		err = -ESRCH;
	else if (ctx->commit)
		err = -EBUSY;
	else
		ctx->commit = &c;
	spin_unlock(&ctx->commit_lock);
	if (!err) {
		/* Cut the current sleep short. */
		wake_up(&ctx->wait);
		wait_for_completion(&c.done);
		err = c.err;
	}
	put_task_struct(task);
	list_splice(&c.targets, targets);
	return err;
}
