/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DAMON, the data access monitor.
 *
 * A monitoring context watches targets, such as the address space of a
 * process.  The memory of each target is described by a short list of
 * regions, sorted by address and never overlapping.  Each region is checked
 * at one address per sample, which is what keeps the cost of monitoring tied
 * to the number of regions rather than to the size of the memory.
 */
#ifndef _LINUX_DAMON_H
#define _LINUX_DAMON_H

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/prandom.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/wait.h>

/*
 * The most regions a target may have.  Every sample looks at each region
 * once, so this bounds the kdamond's work per sample, and its memory.
 */
#define DAMON_MAX_NR_REGIONS	10000UL

/*
 * The longest interval, in microseconds: an hour, which still fits the
 * unsigned long of 32-bit kernels and keeps deadlines far from overflow.
 */
#define DAMON_MAX_INTERVAL_US	(3600UL * USEC_PER_SEC)

/**
 * struct damon_addr_range - Addresses from @start up to, not including, @end.
 * @start:	The lowest address in the range.
 * @end:	One past the highest address in the range.
 */
struct damon_addr_range {
	unsigned long start, end;
};

/**
 * struct damon_region - Memory that is monitored as one unit.
 * @list:		Link in the target's region list, in address order.
 * @ar:			The addresses the region covers.
 * @nr_accesses:	Samples of the current aggregation interval that found
 *			the region accessed.
 * @age:		Aggregation intervals for which @nr_accesses has stayed
 *			about the same.  A merge keeps the size-weighted age.
 * @prev_nr_accesses:	@nr_accesses of the previous aggregation interval,
 *			which @age is measured against.
 * @sampling_addr:	The address checked for access in the current sample.
 * @sampling_span:	What the current sample covers besides the page at
 *			@sampling_addr, if the primitives look at more at once;
 *			empty otherwise.
 * @hit_addr:		A sampling address found accessed in the current
 *			aggregation interval, 0 if none: where to look closer.
 * @hit_sz:		The bytes from @hit_addr, aligned down to their size,
 *			that hold the access: a page, or more when the sample
 *			covered more.
 */
struct damon_region {
	struct list_head list;
	struct damon_addr_range ar;
	unsigned int nr_accesses;
	unsigned int age;
	unsigned int prev_nr_accesses;
	unsigned long sampling_addr;
	struct damon_addr_range sampling_span;
	unsigned long hit_addr;
	unsigned long hit_sz;
};

/**
 * struct damon_target - One monitored address space.
 * @pid:	The process whose memory is monitored, or NULL for targets
 *		that are not processes.  The target holds a reference to it.
 * @name:	What the user calls the target, or NULL; kmalloc()ed, and
 *		freed with the target.
 * @ranges:	The address ranges the user chose to monitor, sorted, apart
 *		and page aligned; kvmalloc()ed, and freed with the target.
 *		NULL leaves the choice to the primitives: for a process, all
 *		of its mappings, followed as they change.
 * @nr_ranges:	How many @ranges holds.
 * @nr_regions:	How many regions @regions holds.
 * @regions:	The target's &struct damon_region, sorted by address.
 * @list:	Link in the context's target list.
 */
struct damon_target {
	struct pid *pid;
	char *name;
	struct damon_addr_range *ranges;
	unsigned int nr_ranges;
	unsigned int nr_regions;
	struct list_head regions;
	struct list_head list;
};

/* Walk the regions of target @t in address order. */
#define damon_for_each_region(r, t) \
	list_for_each_entry(r, &(t)->regions, list)

/* The same, for loops that destroy @r; @tmp holds the next region. */
#define damon_for_each_region_safe(r, tmp, t) \
	list_for_each_entry_safe(r, tmp, &(t)->regions, list)

/**
 * struct damon_attrs - How a context samples and adapts its regions.
 * @sample_us:		Time between two access checks, in microseconds.
 *			Like the other intervals, at most DAMON_MAX_INTERVAL_US.
 * @aggr_us:		Time over which access checks are summed up into
 *			&damon_region->nr_accesses before they are reported and
 *			reset.  At least @sample_us.
 * @update_us:		Time between two refreshes of the regions from the
 *			target's current memory layout.
 * @min_nr_regions:	The fewest regions a target is split into (at least 3).
 * @max_nr_regions:	The most regions a target may have (at least
 *			@min_nr_regions, at most DAMON_MAX_NR_REGIONS): this
 *			bounds the cost of monitoring.
 */
struct damon_attrs {
	unsigned long sample_us, aggr_us, update_us;
	unsigned long min_nr_regions, max_nr_regions;
};

/**
 * struct damos_range - A closed range of values, both ends included.
 * @min:	The smallest value in the range.
 * @max:	The biggest value in the range; at least @min.
 */
struct damos_range {
	unsigned long min, max;
};

/**
 * struct damos_pattern - The regions a scheme acts on.
 * @sz:			Their size in bytes.
 * @nr_accesses:	Their &damon_region->nr_accesses in the aggregation
 *			interval that just ended.
 * @age:		Their &damon_region->age, in aggregation intervals.
 *
 * A region matches when each of the three is inside its range.
 */
struct damos_pattern {
	struct damos_range sz, nr_accesses, age;
};

/**
 * enum damos_action - What a scheme does to the regions it matches.
 * @DAMOS_WILLNEED:	Fault the memory in soon, as MADV_WILLNEED does.
 * @DAMOS_COLD:		Make the memory the first to reclaim, as MADV_COLD.
 * @DAMOS_PAGEOUT:	Reclaim the memory now, as MADV_PAGEOUT does.
 * @DAMOS_HUGEPAGE:	Back the memory with huge pages, as MADV_HUGEPAGE.
 * @DAMOS_NOHUGEPAGE:	Back it with base pages only, as MADV_NOHUGEPAGE.
 * @DAMOS_STAT:		Nothing: the regions are only counted.
 * @NR_DAMOS_ACTIONS:	How many actions there are.
 *
 * The values are those of the debugfs ``schemes`` file, an ABI.
 */
enum damos_action {
	DAMOS_WILLNEED = 0, DAMOS_COLD = 1, DAMOS_PAGEOUT = 2,
	DAMOS_HUGEPAGE = 3, DAMOS_NOHUGEPAGE = 4, DAMOS_STAT = 5,
	NR_DAMOS_ACTIONS
};

/*
 * The most milliseconds, in a quota, of a scheme's time or reset interval,
 * and the biggest of its weights.
 */
#define DAMOS_MAX_QUOTA_MS	(3600UL * MSEC_PER_SEC)
#define DAMOS_MAX_QUOTA_WEIGHT	10000U

/**
 * struct damos_quota - How much a scheme may do per reset interval.
 * @ms:			Time its action may take, in ms; 0: no limit.
 * @sz:			Bytes its action may take effect on (for DAMOS_STAT,
 *			be given); 0: no limit.
 * @reset_interval_ms:	The interval the limits are counted over, in ms.
 *			Not zero when a limit is set; at most
 *			DAMOS_MAX_QUOTA_MS, like @ms.
 * @weight_sz:		How much a region's size, when the quota cannot take
 *			every match, makes it go first; at most
 *			DAMOS_MAX_QUOTA_WEIGHT, like the two others.
 * @weight_nr_accesses:	How much a region's access count does: the fewer
 *			the accesses, the sooner for the actions that free or
 *			demote memory, the later for willneed and hugepage.
 * @weight_age:		How much a region's age does: the older, the sooner.
 *
 * See damos_score() for how the weights combine, and the design document
 * for how the kdamond picks the regions a quota can take.
 */
struct damos_quota {
	unsigned long ms, sz, reset_interval_ms;
	unsigned int weight_sz, weight_nr_accesses, weight_age;
};

/* Scores rank the regions a quota may take: the highest go first. */
#define DAMOS_MAX_SCORE		100U

/*
 * What a time quota lets through while the speed of its action is not
 * known: enough to measure it, little enough to keep to a small quota.
 */
#define DAMOS_QUOTA_PROBE_SZ	(64 * PAGE_SIZE)

/**
 * struct damos_quota_state - What a scheme used of its quota.
 * @window_start:	When the current reset interval began, in ns.
 * @window_open:	Whether one began: false until the scheme is first
 *			tried with a quota.
 * @exceeded:		Whether the quota left matching bytes out in the
 *			current reset interval (&damos_stats->qt_exceeds
 *			counts such intervals).
 * @charged_sz:		Bytes the quota was charged in the current interval.
 * @charged_ns:		Time the action took on them, in ns.
 * @tp_sz:		Bytes charged lately: the sums of the
 *			intervals, halved at each new interval.
 * @tp_ns:		The time they took: with @tp_sz, the rate at which a
 *			time quota is turned into bytes.
 * @cut:		Whether a region was cut in this aggregation: nothing
 *			more goes until the next one, so that a cut piece the
 *			action could not act on, such as unmapped space, does
 *			not lead to cut after cut of the rest.
 * @thres:		The lowest score that goes in this aggregation.
 * @thres_left:		Bytes left in it for the regions scored @thres.
 * @hist:		Bytes that matched in this aggregation, per score.
 */
struct damos_quota_state {
	u64 window_start;
	bool window_open, exceeded, cut;
	u64 charged_sz, charged_ns;
	u64 tp_sz, tp_ns;
	unsigned int thres;
	u64 thres_left;
	u64 hist[DAMOS_MAX_SCORE + 1];
};

/**
 * enum damos_wmark_metric - What a scheme's watermarks are compared with.
 * @DAMOS_WMARK_NONE:		Nothing: the scheme is always active.
 * @DAMOS_WMARK_FREE_MEM_RATE:	Free memory, in thousandths of the total.
 * @NR_DAMOS_WMARK_METRICS:	How many metrics there are.
 *
 * The values are those of the debugfs ``schemes`` file, an ABI.
 */
enum damos_wmark_metric {
	DAMOS_WMARK_NONE = 0, DAMOS_WMARK_FREE_MEM_RATE = 1,
	NR_DAMOS_WMARK_METRICS
};

/* The highest watermark: the metrics are in thousandths. */
#define DAMOS_MAX_WMARK		1000UL

/**
 * struct damos_watermarks - When a scheme is active.
 * @metric:	The system metric watched.
 * @interval_us: How often it is read, in us; at most DAMON_MAX_INTERVAL_US,
 *		and not zero unless @metric is DAMOS_WMARK_NONE.
 * @high:	Above this value the scheme is inactive.  At most
 *		DAMOS_MAX_WMARK, and never below @mid.
 * @mid:	At or below this value, and at or above @low, the scheme is
 *		active.  Never below @low.
 * @low:	Below this value the scheme is inactive.
 *
 * Between @mid and @high (@high included) a scheme keeps the state it
 * had, so that it does not flip at every read of a metric that hovers
 * around one value.  A scheme starts inactive, until the first read.
 */
struct damos_watermarks {
	enum damos_wmark_metric metric;
	unsigned long interval_us;
	unsigned long high, mid, low;
};

/**
 * struct damos_stats - What a scheme did since it was made.
 * @nr_tried:	Regions that matched its pattern and that its quota let
 *		through, which its action was given.
 * @sz_tried:	Their bytes.
 * @nr_applied:	Regions its action took effect on (never for DAMOS_STAT).
 * @sz_applied:	Bytes its action took effect on.
 * @qt_exceeds:	Reset intervals of its quota in which the quota left out
 *		some of the regions that matched, or part of one.
 *
 * Sums over aggregation intervals, which wrap around past ULONG_MAX.
 */
struct damos_stats {
	unsigned long nr_tried, sz_tried;
	unsigned long nr_applied, sz_applied;
	unsigned long qt_exceeds;
};

/**
 * struct damos_tried_region - A region a scheme matched.
 * @ar:			Its addresses.
 * @nr_accesses:	Its access count in the aggregation interval.
 * @age:		Its age when matched, before the action reset it.
 * @target_idx:		The index of its target in the context.
 */
struct damos_tried_region {
	struct damon_addr_range ar;
	unsigned int nr_accesses, age;
	unsigned int target_idx;
};

/**
 * struct damos - An operation scheme: an action for an access pattern.
 * @list:	Link in the context's scheme list.
 * @name:	What the user calls it, or NULL; kmalloc()ed, and freed with
 *		the scheme.  damon_commit() keeps the statistics of a scheme
 *		whose name a new one has.
 * @pattern:	The regions it matches.
 * @action:	What it does to them.
 * @quota:	How much it may do; see &struct damos_quota.
 * @wmarks:	When it is active; see &struct damos_watermarks.
 * @stats:	What it did; written by the kdamond only, read them with
 *		damos_read_stats().
 * @tried:	The regions it matched in the latest aggregation interval,
 *		in target and address order; kvmalloc()ed by the kdamond.
 *		Short of memory, only the first ones may be there.
 * @nr_tried:	How many of @tried are set.
 * @tried_cap:	How many @tried has room for.
 * @qs:		What it used of its quota.
 * @active:	Whether its watermarks let it act: read it with
 *		damos_is_active().
 * @wmarks_next_us: When its watermarks' metric is to be read next, in us.
 *
 * @stats, @tried, @qs and @active belong to the kdamond while the context
 * runs: read them from its &damon_callbacks->after_schemes callback, where
 * they are those of the interval that just ended, or once it has stopped.
 * damon_commit() carries all of them over to a scheme of the same name.
 */
struct damos {
	struct list_head list;
	char *name;
	struct damos_pattern pattern;
	enum damos_action action;
	struct damos_quota quota;
	struct damos_watermarks wmarks;
	struct damos_stats stats;
	struct damos_tried_region *tried;
	unsigned int nr_tried, tried_cap;
	struct damos_quota_state qs;
	bool active;
	u64 wmarks_next_us;
};

/* Walk the schemes of context @ctx. */
#define damon_for_each_scheme(s, ctx) \
	list_for_each_entry(s, &(ctx)->schemes, list)

/* The same, for loops that destroy @s; @tmp holds the next scheme. */
#define damon_for_each_scheme_safe(s, tmp, ctx) \
	list_for_each_entry_safe(s, tmp, &(ctx)->schemes, list)

struct damon_ctx;

/**
 * struct damon_primitives - How a context reaches the memory it monitors.
 * @init:		Build the first regions of every target that has none;
 *			also called for targets that damon_commit() adds.
 *			Targets with &damon_target->ranges have theirs already.
 * @update:		Refresh the regions after the memory layout changed;
 *			called every &damon_attrs->update_us.  Targets with
 *			&damon_target->ranges keep them.
 * @prepare_access_checks: Pick each region's &damon_region->sampling_addr
 *			and clear its accessed state.
 * @check_accesses:	Add one to &damon_region->nr_accesses of each region
 *			whose sample was accessed since the preparation.
 * @target_valid:	Whether a target can still be monitored; monitoring
 *			stops once none can.
 * @cleanup:		Release what @init and the others took.
 * @action_supported:	Whether @apply_scheme can do an action.  Contexts
 *			with a scheme whose action it refuses do not start.
 *			DAMOS_STAT needs neither: the core counts it alone.
 * @apply_scheme:	Apply a scheme's action to a region of a target; return
 *			how many of its bytes it took effect on.
 *
 * All are called from the context's kdamond only, except @action_supported,
 * which must not sleep and may be called from anywhere.
 * @prepare_access_checks, @check_accesses and @target_valid are required;
 * the others are optional, though a context with schemes other than
 * DAMOS_STAT needs the last two.
 */
struct damon_primitives {
	void (*init)(struct damon_ctx *ctx);
	void (*update)(struct damon_ctx *ctx);
	void (*prepare_access_checks)(struct damon_ctx *ctx);
	void (*check_accesses)(struct damon_ctx *ctx);
	bool (*target_valid)(struct damon_target *t);
	void (*cleanup)(struct damon_ctx *ctx);
	bool (*action_supported)(enum damos_action action);
	unsigned long (*apply_scheme)(struct damon_ctx *ctx,
				      struct damon_target *t,
				      struct damon_region *r,
				      const struct damos *s);
};

/**
 * struct damon_callbacks - Where users of a context hook into its kdamond.
 * @before_start:	After the regions are built, before the first sample.
 * @after_sampling:	After each access check.
 * @after_aggregation:	At the end of each aggregation interval, when the
 *			regions hold the interval's counts.
 * @after_schemes:	Right after, once the schemes were tried on them:
 *			each scheme's &damos->stats and &damos->tried are
 *			those of the interval.
 * @before_terminate:	When monitoring ends, for whatever reason.
 *
 * All are optional and called from the kdamond.  A non-zero return from any
 * but @before_terminate stops the monitoring.
 */
struct damon_callbacks {
	int (*before_start)(struct damon_ctx *ctx);
	int (*after_sampling)(struct damon_ctx *ctx);
	int (*after_aggregation)(struct damon_ctx *ctx);
	int (*after_schemes)(struct damon_ctx *ctx);
	void (*before_terminate)(struct damon_ctx *ctx);
};

/**
 * struct damon_ctx - A monitoring context.
 * @attrs:	Intervals and region bounds; see damon_set_attrs().
 * @prims:	How the targets' memory is reached.
 * @callbacks:	The user's hooks.
 * @private:	For the user's callbacks.
 * @name:	Name of the kdamond; "kdamond.N" if empty.
 * @targets:	The &struct damon_target this context monitors.
 * @schemes:	The &struct damos tried at every aggregation.  Set them
 *		while the context is stopped, or by damon_commit().
 * @kdamond:	The thread monitoring for this context, NULL while stopped.
 *		Only DAMON's core writes it; use damon_is_running().
 * @wait:	Where the kdamond sleeps between samples; stop and commit
 *		requests wake it.
 * @commit_lock: Guards @commit and @closed.
 * @commit:	A damon_commit() waiting for the kdamond to apply it.
 * @closed:	The kdamond takes no more commits: it is ending.
 * @sample_rnd:	For sampling addresses and random cuts, which need no
 *		cryptographic strength: get_random_*() for every region at
 *		every sample took most of the kdamond's time.  Seeded when the
 *		kdamond starts.
 * @nr_samples:	Samples taken so far in the current aggregation interval.
 */
struct damon_ctx {
	struct damon_attrs attrs;
	struct damon_primitives prims;
	struct damon_callbacks callbacks;
	void *private;
	char name[TASK_COMM_LEN];
	struct list_head targets;
	struct list_head schemes;
	struct task_struct *kdamond;
	wait_queue_head_t wait;
	spinlock_t commit_lock;
	struct damon_commit *commit;
	bool closed;
	struct rnd_state sample_rnd;
	unsigned int nr_samples;
};

/**
 * struct damon_commit - New settings for a running context.
 * @attrs:	The new attributes.
 * @targets:	The new targets.  Those whose &damon_target->pid a current
 *		target has replace nothing: the current one stays, regions
 *		and all, under the new name.  What is left here afterwards
 *		is the caller's to free.
 * @schemes:	The new schemes, or NULL to keep the current ones.  They
 *		take the statistics, the use of the quota and the state of
 *		the watermarks of the current ones of the same name;
 *		afterwards this list holds the replaced schemes, the
 *		caller's to free.
 * @done:	Completed once the kdamond has applied it or has ended.
 * @err:	0 once applied, -ESRCH if the kdamond ended first.
 */
struct damon_commit {
	struct damon_attrs attrs;
	struct list_head targets;
	struct list_head *schemes;
	struct completion done;
	int err;
};

/* Walk the targets of context @ctx. */
#define damon_for_each_target(t, ctx) \
	list_for_each_entry(t, &(ctx)->targets, list)

/* The same, for loops that destroy @t; @tmp holds the next target. */
#define damon_for_each_target_safe(t, tmp, ctx) \
	list_for_each_entry_safe(t, tmp, &(ctx)->targets, list)

#define damon_region_of(node) list_entry(node, struct damon_region, list)
#define damon_first_region(t) damon_region_of((t)->regions.next)
#define damon_last_region(t) damon_region_of((t)->regions.prev)
#define damon_next_region(r) damon_region_of((r)->list.next)
#define damon_prev_region(r) damon_region_of((r)->list.prev)

/**
 * damon_sz_region() - The size of a region in bytes.
 * @r:	The region.
 *
 * Return: the number of bytes @r covers.
 */
static inline unsigned long damon_sz_region(const struct damon_region *r)
{
	return r->ar.end - r->ar.start;
}

/**
 * damon_region_is_quiet() - Whether a region has been idle for a while.
 * @r:	The region.
 *
 * Quiet regions counted no access in the interval that ended, after one
 * that counted about as little (an age).  They are left whole, and the
 * primitives may look at them less often.
 *
 * Return: true if @r is quiet.
 */
static inline bool damon_region_is_quiet(const struct damon_region *r)
{
	return !r->prev_nr_accesses && r->age;
}

/**
 * damon_nr_regions() - How many regions a target has.
 * @t:	The target.
 *
 * Return: the length of @t's region list.
 */
static inline unsigned int damon_nr_regions(const struct damon_target *t)
{
	return t->nr_regions;
}

#ifdef CONFIG_DAMON

struct damon_region *damon_region_new(unsigned long start, unsigned long end);
void damon_region_free(struct damon_region *r);
void damon_region_append(struct damon_target *t, struct damon_region *r);
void damon_region_insert(struct damon_target *t, struct damon_region *r,
			 struct damon_region *prev, struct damon_region *next);
void damon_region_unlink(struct damon_target *t, struct damon_region *r);
void damon_region_destroy(struct damon_target *t, struct damon_region *r);

struct damon_target *damon_target_new(void);
void damon_target_free(struct damon_target *t);
void damon_target_add(struct damon_ctx *ctx, struct damon_target *t);
void damon_target_unlink(struct damon_target *t);
void damon_target_destroy(struct damon_target *t);
unsigned int damon_nr_targets(const struct damon_ctx *ctx);
struct damon_target *damon_find_target(struct list_head *targets,
				       struct pid *pid);
void damon_destroy_targets(struct list_head *targets);
int damon_ranges_normalize(struct damon_addr_range *ranges, unsigned int nr);
void damon_target_set_ranges(struct damon_target *t,
			     struct damon_addr_range *ranges, unsigned int nr);

struct damos *damos_new(const char *name, const struct damos_pattern *pattern,
		       enum damos_action action);
void damos_free(struct damos *s);
void damos_destroy_list(struct list_head *schemes);
int damos_validate(const struct damos *s);
int damos_validate_list(struct list_head *schemes,
			const struct damon_primitives *prims);
bool damos_matches(const struct damos *s, const struct damon_region *r);
void damos_count(struct damos_stats *stats, unsigned long sz,
		 unsigned long sz_applied);
void damos_read_stats(const struct damos *s, struct damos_stats *stats);
void damos_keep_stats(struct list_head *from, struct list_head *to);
unsigned int damos_score(const struct damos *s, const struct damon_region *r,
			 unsigned int nr_samples, unsigned long aggr_us);
bool damos_has_quota(const struct damos *s);
void damos_quota_begin(struct damos *s, u64 now_ns);
void damos_quota_rank(struct damos *s, unsigned int score, unsigned long sz);
void damos_quota_set_threshold(struct damos *s);
unsigned long damos_quota_grant(struct damos *s, unsigned int score,
				unsigned long sz);
void damos_quota_charge(struct damos *s, unsigned int score,
			unsigned long sz, u64 ns);
unsigned long damos_wmark_metric_value(enum damos_wmark_metric metric);
void damos_wmarks_reset(struct damos *s);
void damos_wmarks_update(struct damos *s, unsigned long value);
void damos_wmarks_check(struct damos *s, u64 now_us);
bool damos_is_active(const struct damos *s);
int damos_tried_reserve(struct damos *s, unsigned int nr);
bool damos_tried_add(struct damos *s, unsigned int target_idx,
		     const struct damon_region *r);
void damon_add_scheme(struct damon_ctx *ctx, struct damos *s);

struct damon_ctx *damon_ctx_new(void);
void damon_ctx_destroy(struct damon_ctx *ctx);
int damon_validate_attrs(const struct damon_attrs *attrs);
int damon_set_attrs(struct damon_ctx *ctx, const struct damon_attrs *attrs);
int damon_commit(struct damon_ctx *ctx, const struct damon_attrs *attrs,
		 struct list_head *targets, struct list_head *schemes);

int damon_start(struct damon_ctx **ctxs, int nr);
int damon_stop(struct damon_ctx **ctxs, int nr);
bool damon_is_running(struct damon_ctx *ctx);
pid_t damon_kdamond_pid(struct damon_ctx *ctx);
unsigned int damon_nr_running_ctxs(void);

#endif /* CONFIG_DAMON */

#ifdef CONFIG_DAMON_VADDR
void damon_vaddr_set_primitives(struct damon_ctx *ctx);
int damon_vaddr_target_pid(int nr, struct pid **pidp);
#endif

#endif /* _LINUX_DAMON_H */
