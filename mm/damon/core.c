// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON core: monitoring contexts and the kdamond thread that samples,
 * aggregates and adapts each one's regions, and tries the operation
 * schemes on them, within their quotas, when their watermarks let them.
 * Calls targets.c for the objects, regions.c for the arithmetic on them,
 * schemes.c for the schemes, and the context's primitives and callbacks
 * through their pointers; the interfaces call it.
 */

#define pr_fmt(fmt) "damon: " fmt

#include <linux/damon.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "regions.h"

#define CREATE_TRACE_POINTS
#include <trace/events/damon.h>

/*
 * Locks: damon_lock guards every context's ->kdamond and the running count;
 * a context's commit_lock guards its pending commit.  The two are never
 * held together, and neither is held across a wait for a kdamond.  A
 * kdamond takes damon_lock only for a moment as it exits, so stopping can
 * never wait on a thread that waits on us.  The interfaces' locks come
 * before both (see configfs.c and dbgfs.c).
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
		INIT_LIST_HEAD(&ctx->schemes);
		init_waitqueue_head(&ctx->wait);
		spin_lock_init(&ctx->commit_lock);
	}
	return ctx;
}

/**
 * damon_ctx_destroy() - Free a context with its targets, regions, schemes.
 * @ctx:	The context, or NULL.  It must not be running.
 *
 * Context: Process context; nothing else may use @ctx any more.
 */
void damon_ctx_destroy(struct damon_ctx *ctx)
{
	if (!ctx || WARN_ON_ONCE(damon_is_running(ctx)))
		return;
	damon_destroy_targets(&ctx->targets);
	damos_destroy_list(&ctx->schemes);
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
/* A precise sleep may last this part longer, so that timers can batch. */
#define KDAMOND_SLEEP_SLACK_PART	10

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
		usleep_idle_range(us, us + us / KDAMOND_SLEEP_SLACK_PART + 1);
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
 * Tries scheme @s, the @s_idx-th of @ctx, on region @r of target @t, the
 * @t_idx-th, which its pattern matched and which scored @score.  The
 * quota may let through only the first part of @r: @r is cut there, and
 * the rest, which follows, is left for the next aggregations.  An action
 * starts a new age for what it was given, so that it is not given it again
 * until that has shown the pattern for as long again, whether or not it
 * took effect: unmapped space would otherwise stay the oldest there is.
 */
static void kdamond_try_scheme(struct damon_ctx *ctx, struct damos *s,
			       unsigned int s_idx, struct damon_target *t,
			       unsigned int t_idx, struct damon_region *r,
			       unsigned int score)
{
	unsigned long sz, applied = 0;
	u64 start;

	sz = damos_quota_grant(s, score, damon_sz_region(r));
	if (!sz)
		return;
	/* Short of memory for the cut, the quota is kept by doing nothing. */
	if (sz < damon_sz_region(r) &&
	    damon_split_region_at(t, r, r->ar.start + sz))
		return;
	/* A kdamond runs one context: its index is always 0. */
	trace_damos_before_apply(0, s_idx, t_idx, r, damon_nr_regions(t));
	/* Fails only if the room could not be made: fewer are noted. */
	damos_tried_add(s, t_idx, r);
	start = ktime_get_ns();
	if (s->action != DAMOS_STAT)
		applied = min(ctx->prims.apply_scheme(ctx, t, r, s), sz);
	/*
	 * An action uses its quota by what it acted on: a region's unmapped
	 * part, such as the gap between a program and its heap, costs none.
	 */
	damos_quota_charge(s, score, s->action == DAMOS_STAT ? sz : applied,
			   ktime_get_ns() - start);
	damos_count(&s->stats, sz, applied);
	if (s->action != DAMOS_STAT)
		r->age = 0;
}

/* The score of @r for @s, or 0 if @s has no quota that would use it. */
static unsigned int kdamond_score(struct damon_ctx *ctx, struct damos *s,
				  struct damon_region *r,
				  unsigned int nr_samples)
{
	if (!damos_has_quota(s))
		return 0;
	return damos_score(s, r, nr_samples, ctx->attrs.aggr_us);
}

/*
 * Before @s, which has a quota, is tried: opens a new reset interval if
 * it is time, and chooses the scores its quota takes, from the regions
 * its pattern matches now.  One pass over the regions.
 */
static void kdamond_rank_regions(struct damon_ctx *ctx, struct damos *s,
				 unsigned int nr_samples)
{
	struct damon_target *t;
	struct damon_region *r;

	damos_quota_begin(s, ktime_get_ns());
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			if (damos_matches(s, r))
				damos_quota_rank(s, kdamond_score(ctx, s, r,
								  nr_samples),
						 damon_sz_region(r));
		}
		cond_resched();
	}
	damos_quota_set_threshold(s);
}

/*
 * @s matched @r: makes room for all @nr_regions of @ctx among the tried
 * regions of @s at its first match, kept for the next intervals so that a
 * scheme that matches nothing takes no memory, then tries @s on @r.
 */
static void kdamond_match_scheme(struct damon_ctx *ctx, struct damos *s,
				 unsigned int s_idx, struct damon_target *t,
				 unsigned int t_idx, struct damon_region *r,
				 unsigned int nr_regions,
				 unsigned int nr_samples)
{
	if (!s->nr_tried && s->tried_cap < nr_regions)
		damos_tried_reserve(s, nr_regions);
	kdamond_try_scheme(ctx, s, s_idx, t, t_idx, r,
			   kdamond_score(ctx, s, r, nr_samples));
}

/*
 * Tries @s, the @s_idx-th scheme of @ctx, on every region its pattern
 * matches, target by target and region by region, unless its watermarks
 * keep it inactive.  Returns non-zero if asked to stop on the way.
 */
static int kdamond_apply_scheme(struct damon_ctx *ctx, struct damos *s,
				unsigned int s_idx, unsigned int nr_samples)
{
	unsigned int nr_regions = 0, t_idx = 0;
	struct damon_target *t;
	struct damon_region *r;

	/* The tried regions of the interval before are forgotten. */
	s->nr_tried = 0;
	if (!damos_is_active(s))
		return 0;
	damon_for_each_target(t, ctx)
		nr_regions += damon_nr_regions(t);
	if (damos_has_quota(s))
		kdamond_rank_regions(ctx, s, nr_samples);
	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t) {
			if (kthread_should_stop())
				return 1;
			if (damos_matches(s, r))
				kdamond_match_scheme(ctx, s, s_idx, t, t_idx,
						     r, nr_regions, nr_samples);
			cond_resched();
		}
		t_idx++;
	}
	return 0;
}

/*
 * Tries the schemes on the final regions of the aggregation interval, in
 * which the kdamond took @nr_samples, one scheme after the other, each on
 * the regions as the ones before left them.  Returns non-zero if asked to
 * stop on the way.
 */
static int kdamond_apply_schemes(struct damon_ctx *ctx,
				 unsigned int nr_samples)
{
	unsigned int s_idx = 0;
	struct damos *s;

	damon_for_each_scheme(s, ctx) {
		if (kdamond_apply_scheme(ctx, s, s_idx++, nr_samples))
			return 1;
	}
	return 0;
}

/*
 * The first part of the end of an aggregation interval: age the regions,
 * merge those that counted alike, narrow those with a lone access to it,
 * and report them.  Reporting after the merge shows what the interval
 * found, not the random cuts that explored for it.
 */
static void kdamond_report(struct damon_ctx *ctx, unsigned int nr_samples)
{
	unsigned int thres = damon_alike_thres(nr_samples);
	unsigned long target_id = 0;
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		damon_update_ages(t, thres);
		damon_merge_regions(t, nr_samples, &ctx->attrs);
		damon_isolate_lone_hits(t);
		damon_for_each_region(r, t)
			trace_damon_aggregated(target_id, damon_nr_regions(t), r);
		target_id++;
	}
}

/*
 * The end of an aggregation interval: report the regions, try the schemes
 * on them, then cut them up and start counting anew.  Counts are compared
 * against the @nr_samples the interval took, which a busy machine makes
 * fewer than the attributes ask.  Returns non-zero if a callback asked to
 * stop.
 */
static int kdamond_aggregate(struct damon_ctx *ctx, unsigned int nr_samples)
{
	const struct damon_attrs *attrs = &ctx->attrs;
	const struct damon_callbacks *cb = &ctx->callbacks;
	struct damon_target *t;
	struct damon_region *r;

	kdamond_report(ctx, nr_samples);
	if (cb->after_aggregation && cb->after_aggregation(ctx))
		return 1;
	if (kdamond_apply_schemes(ctx, nr_samples) ||
	    (cb->after_schemes && cb->after_schemes(ctx)))
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
	return 0;
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

/* Takes the waiting commit, if any. */
static struct damon_commit *kdamond_take_commit(struct damon_ctx *ctx)
{
	struct damon_commit *c;

	spin_lock(&ctx->commit_lock);
	c = ctx->commit;
	ctx->commit = NULL;
	spin_unlock(&ctx->commit_lock);
	return c;
}

/* Takes no more commits, and fails the one that came too late, if any. */
static void kdamond_refuse_commits(struct damon_ctx *ctx)
{
	struct damon_commit *c;

	spin_lock(&ctx->commit_lock);
	ctx->closed = true;
	spin_unlock(&ctx->commit_lock);
	/* Closed, the context gets no new commit: this is the last one. */
	c = kdamond_take_commit(ctx);
	if (c) {
		c->err = -ESRCH;
		complete(&c->done);
	}
}

/*
 * The context takes @schemes, and @schemes gets those it had.  The new
 * ones start inactive, due for a check of their watermarks, except those
 * that carry on from a scheme of the same name (damos_keep_stats()).
 */
static void kdamond_swap_schemes(struct damon_ctx *ctx,
				 struct list_head *schemes)
{
	struct damos *s;
	LIST_HEAD(old);

	list_for_each_entry(s, schemes, list)
		damos_wmarks_reset(s);
	damos_keep_stats(&ctx->schemes, schemes);
	list_splice_init(&ctx->schemes, &old);
	list_splice_init(schemes, &ctx->schemes);
	list_splice(&old, schemes);
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
		old = damon_find_target(&ctx->targets, t->pid);
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
	damon_destroy_targets(&ctx->targets);
	list_splice(&targets, &ctx->targets);
	if (c->schemes)
		kdamond_swap_schemes(ctx, c->schemes);
	ctx->attrs = c->attrs;
	kdamond_init_regions(ctx);
	c->err = 0;
	complete(&c->done);
}

/**
 * struct kdamond_clock - When the kdamond's periodic steps are due.
 * @next_aggregation:	The end of the aggregation interval, in us.
 * @next_update:	The next update of the regions, in us.
 */
struct kdamond_clock {
	u64 next_aggregation;
	u64 next_update;
};

/* Brings the deadlines forward to what the intervals ask from now on. */
static void kdamond_clock_reset(struct damon_ctx *ctx,
				struct kdamond_clock *clock)
{
	u64 now = ktime_to_us(ktime_get());

	clock->next_aggregation = min(clock->next_aggregation,
				      kdamond_deadline(now, ctx->attrs.aggr_us));
	clock->next_update = min(clock->next_update,
				 kdamond_deadline(now, ctx->attrs.update_us));
}

/* One access check: prepare, sleep, check.  Non-zero: stop. */
static int kdamond_sample(struct damon_ctx *ctx)
{
	ctx->prims.prepare_access_checks(ctx);
	kdamond_sleep(ctx, ctx->attrs.sample_us);
	if (kthread_should_stop())
		return 1;
	ctx->prims.check_accesses(ctx);
	ctx->nr_samples++;
	return ctx->callbacks.after_sampling &&
	       ctx->callbacks.after_sampling(ctx);
}

/* Updates the state of each scheme whose watermarks are due for a check. */
static void kdamond_check_wmarks(struct damon_ctx *ctx, u64 now)
{
	struct damos *s;

	damon_for_each_scheme(s, ctx)
		damos_wmarks_check(s, now);
}

/* Makes every scheme of @ctx inactive until its watermarks are checked. */
static void kdamond_reset_wmarks(struct damon_ctx *ctx)
{
	struct damos *s;

	damon_for_each_scheme(s, ctx)
		damos_wmarks_reset(s);
}

/*
 * The periodic steps that are due: watermarks, aggregation, update.
 * Non-zero: stop.
 */
static int kdamond_run_due_steps(struct damon_ctx *ctx,
				 struct kdamond_clock *clock)
{
	u64 now = ktime_to_us(ktime_get());

	kdamond_check_wmarks(ctx, now);
	if (now >= clock->next_aggregation) {
		if (kdamond_aggregate(ctx, ctx->nr_samples))
			return 1;
		ctx->nr_samples = 0;
		clock->next_aggregation = kdamond_deadline(now,
							   ctx->attrs.aggr_us);
	}
	if (now >= clock->next_update) {
		if (ctx->prims.update)
			ctx->prims.update(ctx);
		clock->next_update = kdamond_deadline(now, ctx->attrs.update_us);
	}
	return 0;
}

/* Lets the user and the primitives clean up, and drops the regions. */
static void kdamond_end(struct damon_ctx *ctx)
{
	struct damon_region *r, *next;
	struct damon_target *t;

	kdamond_refuse_commits(ctx);
	kdamond_reset_wmarks(ctx);
	if (ctx->callbacks.before_terminate)
		ctx->callbacks.before_terminate(ctx);
	if (ctx->prims.cleanup)
		ctx->prims.cleanup(ctx);
	/* The next start builds the regions afresh. */
	damon_for_each_target(t, ctx) {
		damon_for_each_region_safe(r, next, t)
			damon_region_destroy(t, r);
	}
}

static int kdamond_fn(void *data)
{
	struct damon_ctx *ctx = data;
	struct kdamond_clock clock = { U64_MAX, U64_MAX };
	struct damon_commit *commit;

	pr_debug("%s starts\n", current->comm);
	prandom_seed_state(&ctx->sample_rnd, get_random_u64());
	ctx->nr_samples = 0;
	kdamond_reset_wmarks(ctx);
	kdamond_init_regions(ctx);
	if (ctx->callbacks.before_start && ctx->callbacks.before_start(ctx))
		goto end;

	kdamond_clock_reset(ctx, &clock);
	while (!kthread_should_stop() && kdamond_has_valid_target(ctx)) {
		commit = kdamond_take_commit(ctx);
		if (commit) {
			kdamond_apply_commit(ctx, commit);
			kdamond_clock_reset(ctx, &clock);
		}
		if (kdamond_sample(ctx) || kdamond_run_due_steps(ctx, &clock))
			break;
		cond_resched();
	}
end:
	kdamond_end(ctx);
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

/* 0 if @ctxs can start, else -EINVAL or -EBUSY. */
static int damon_check_startable(struct damon_ctx **ctxs, int nr)
{
	int i, j;

	lockdep_assert_held(&damon_lock);
	for (i = 0; i < nr; i++) {
		const struct damon_primitives *p = &ctxs[i]->prims;

		if (!p->prepare_access_checks || !p->check_accesses ||
		    !p->target_valid)
			return -EINVAL;
		if (ctxs[i]->kdamond)
			return -EBUSY;
		if (!damon_ranges_fit(&ctxs[i]->attrs, &ctxs[i]->targets) ||
		    damos_validate_list(&ctxs[i]->schemes, p))
			return -EINVAL;
		for (j = 0; j < i; j++) {
			if (ctxs[j] == ctxs[i])
				return -EINVAL;
		}
	}
	return 0;
}

/*
 * Creates a kdamond for each of @ctxs into @tasks, all or none.  They are
 * created stopped: one that is never woken ends without running
 * kdamond_fn(), so a failure leaves none running.
 */
static int kdamond_create_all(struct damon_ctx **ctxs, int nr,
			      struct task_struct **tasks)
{
	int i, err;

	lockdep_assert_held(&damon_lock);
	for (i = 0; i < nr; i++) {
		tasks[i] = kdamond_create(ctxs[i]);
		if (IS_ERR(tasks[i]))
			goto stop_created;
	}
	return 0;

stop_created:
	err = PTR_ERR(tasks[i]);
	while (i--)
		kthread_stop(tasks[i]);
	return err;
}

/**
 * damon_start() - Start monitoring for several contexts at once.
 * @ctxs:	The contexts; each gets a kdamond of its own.
 * @nr:		How many.
 *
 * Either all of @ctxs start or, on error, none of them does.
 *
 * Context: Process context; may sleep.
 * Return: 0, -EINVAL if a context lacks required primitives, appears twice,
 * has a target with more &damon_target->ranges than its max_nr_regions, or
 * has schemes damos_validate_list() refuses for its primitives, -EBUSY if
 * one is already running, or the error of kthread_create().
 */
int damon_start(struct damon_ctx **ctxs, int nr)
{
	struct task_struct **tasks;
	int i, err;

	if (nr <= 0)
		return -EINVAL;
	tasks = kcalloc(nr, sizeof(*tasks), GFP_KERNEL);
	if (!tasks)
		return -ENOMEM;

	mutex_lock(&damon_lock);
	err = damon_check_startable(ctxs, nr) ?:
	      kdamond_create_all(ctxs, nr, tasks);
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
 * damon_commit() - Change a running context's attributes, targets, schemes.
 * @ctx:	The context.
 * @attrs:	Its new attributes.
 * @targets:	Its new targets, with their &damon_target->pid set.  Those
 *		that the context takes leave this list; the caller frees
 *		what is left.
 * @schemes:	Its new schemes, or NULL to keep the ones it has.  Once
 *		applied, the list holds the schemes the context had, for
 *		the caller to free.
 *
 * The kdamond applies the change between two samples, without stopping:
 * processes monitored before and after keep their regions, the others
 * start with new ones, and targets not in @targets go.  A new scheme with
 * the name of a current one carries on with its statistics, the use of
 * its quota and the state of its watermarks.  On error, nothing changes.
 *
 * Context: Process context; may sleep until the kdamond's next sample.
 * The caller serializes commits to @ctx.  Not from a kdamond callback.
 * Return: 0 once applied, -EINVAL if @attrs are invalid, @targets is
 * empty or one has more ranges than max_nr_regions, or
 * damos_validate_list() refuses @schemes for the primitives of @ctx,
 * -ESRCH if @ctx is not running or stops first, or -EBUSY if another
 * commit is waiting.
 */
int damon_commit(struct damon_ctx *ctx, const struct damon_attrs *attrs,
		 struct list_head *targets, struct list_head *schemes)
{
	struct damon_commit c = { .attrs = *attrs, .schemes = schemes };
	struct task_struct *task;
	int err;

	err = damon_validate_attrs(attrs);
	if (err || list_empty(targets) || !damon_ranges_fit(attrs, targets) ||
	    (schemes && damos_validate_list(schemes, &ctx->prims)))
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
