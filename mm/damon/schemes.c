// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON operation schemes (DAMOS): the objects that say what to do to
 * regions of a given access pattern, their checks, their matching, their
 * statistics, the accounting of their quotas and the state of their
 * watermarks.  The core tries them at every aggregation and the
 * primitives apply their actions.  This file calls nothing else of
 * DAMON's; the core and the interfaces call it.  No locking here: callers
 * serialize changes to a scheme and its list.  Functions that take a time
 * take it as an argument, so that the KUnit suites choose it.
 */

#define pr_fmt(fmt) "damon: " fmt

#include <linux/bitops.h>
#include <linux/damon.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>

/**
 * damos_new() - Allocate a scheme that is in no list yet.
 * @name:	What the user calls it, copied; NULL or "" for none.
 * @pattern:	The regions it is for; NULL to match every region.
 * @action:	What it does to them.
 *
 * The quota sets no limit and the watermarks watch no metric; set them in
 * the result before it is used.  Nothing is checked here: see
 * damos_validate().  The scheme is inactive until a kdamond runs it.
 *
 * Context: Process context; may sleep.
 * Return: the scheme with zero statistics, or NULL if out of memory.
 */
struct damos *damos_new(const char *name, const struct damos_pattern *pattern,
			enum damos_action action)
{
	struct damos *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	if (name && *name) {
		s->name = kstrdup(name, GFP_KERNEL);
		if (!s->name) {
			kfree(s);
			return NULL;
		}
	}
	if (pattern) {
		s->pattern = *pattern;
	} else {
		s->pattern.sz.max = ULONG_MAX;
		s->pattern.nr_accesses.max = ULONG_MAX;
		s->pattern.age.max = ULONG_MAX;
	}
	s->action = action;
	INIT_LIST_HEAD(&s->list);
	return s;
}

/**
 * damos_free() - Free a scheme that is in no list.
 * @s:	The scheme, or NULL.
 *
 * Context: Process context.
 */
void damos_free(struct damos *s)
{
	if (!s)
		return;
	kvfree(s->tried);
	kfree(s->name);
	kfree(s);
}

/**
 * damos_destroy_list() - Free every scheme of a list.
 * @schemes:	The list, left empty.
 *
 * Context: Process context; nothing else may use the schemes any more.
 */
void damos_destroy_list(struct list_head *schemes)
{
	struct damos *s, *next;

	list_for_each_entry_safe(s, next, schemes, list) {
		list_del(&s->list);
		damos_free(s);
	}
}

static bool damos_range_valid(const struct damos_range *range)
{
	return range->min <= range->max;
}

static bool damos_quota_valid(const struct damos_quota *q)
{
	if (q->ms > DAMOS_MAX_QUOTA_MS ||
	    q->reset_interval_ms > DAMOS_MAX_QUOTA_MS)
		return false;
	if ((q->ms || q->sz) && !q->reset_interval_ms)
		return false;
	return q->weight_sz <= DAMOS_MAX_QUOTA_WEIGHT &&
	       q->weight_nr_accesses <= DAMOS_MAX_QUOTA_WEIGHT &&
	       q->weight_age <= DAMOS_MAX_QUOTA_WEIGHT;
}

static bool damos_wmarks_valid(const struct damos_watermarks *w)
{
	if (w->metric >= NR_DAMOS_WMARK_METRICS ||
	    w->interval_us > DAMON_MAX_INTERVAL_US)
		return false;
	if (w->metric != DAMOS_WMARK_NONE && !w->interval_us)
		return false;
	return w->high <= DAMOS_MAX_WMARK && w->high >= w->mid &&
	       w->mid >= w->low;
}

/**
 * damos_validate() - Check that a scheme makes sense on its own.
 * @s:	The scheme.
 *
 * Context: Any context.
 * Return: 0, or -EINVAL if a range of its pattern has its minimum above its
 * maximum, its action or watermark metric is unknown, its quota is out of
 * the bounds &struct damos_quota documents, or its watermarks are not
 * ordered high >= mid >= low with high at most DAMOS_MAX_WMARK.
 */
int damos_validate(const struct damos *s)
{
	if (!damos_range_valid(&s->pattern.sz) ||
	    !damos_range_valid(&s->pattern.nr_accesses) ||
	    !damos_range_valid(&s->pattern.age) ||
	    s->action >= NR_DAMOS_ACTIONS ||
	    !damos_quota_valid(&s->quota) || !damos_wmarks_valid(&s->wmarks))
		return -EINVAL;
	return 0;
}

/* Whether the primitives @prims can run the action of @s. */
static bool damos_runnable(const struct damos *s,
			   const struct damon_primitives *prims)
{
	if (s->action == DAMOS_STAT)
		return true;
	return prims->apply_scheme && prims->action_supported &&
	       prims->action_supported(s->action);
}

static bool damos_name_taken(struct list_head *schemes, const struct damos *s)
{
	struct damos *other;

	list_for_each_entry(other, schemes, list) {
		if (other == s)
			return false;
		if (other->name && !strcmp(other->name, s->name))
			return true;
	}
	return false;
}

/**
 * damos_validate_list() - Check the schemes a context is to run.
 * @schemes:	The schemes.
 * @prims:	The primitives of the context.
 *
 * Context: Any context.
 * Return: 0, or -EINVAL if damos_validate() refuses a scheme, @prims cannot
 * run the action of one, or two have the same name.
 */
int damos_validate_list(struct list_head *schemes,
			const struct damon_primitives *prims)
{
	struct damos *s;

	list_for_each_entry(s, schemes, list) {
		if (damos_validate(s) || !damos_runnable(s, prims))
			return -EINVAL;
		if (s->name && damos_name_taken(schemes, s))
			return -EINVAL;
	}
	return 0;
}

static bool damos_in_range(const struct damos_range *range,
			   unsigned long value)
{
	return range->min <= value && value <= range->max;
}

/**
 * damos_matches() - Whether a region has the access pattern of a scheme.
 * @s:	The scheme.
 * @r:	The region, with the counts of the aggregation interval that ended.
 *
 * Context: Any context.
 * Return: true if the size, access count and age of @r are each inside the
 * closed range the pattern of @s gives for it.
 */
bool damos_matches(const struct damos *s, const struct damon_region *r)
{
	const struct damos_pattern *p = &s->pattern;

	return damos_in_range(&p->sz, damon_sz_region(r)) &&
	       damos_in_range(&p->nr_accesses, r->nr_accesses) &&
	       damos_in_range(&p->age, r->age);
}

/**
 * damos_count() - Add a tried region to statistics.
 * @stats:	The statistics.
 * @sz:		The bytes of the region, which the scheme matched.
 * @sz_applied:	The bytes of it the action took effect on, 0 if none.
 *
 * The counters wrap past ULONG_MAX.  Each is written whole, so that a
 * reader outside the kdamond sees either its old or its new value.
 *
 * Context: Any context; the caller is the only writer of @stats.
 */
void damos_count(struct damos_stats *stats, unsigned long sz,
		 unsigned long sz_applied)
{
	WRITE_ONCE(stats->nr_tried, stats->nr_tried + 1);
	WRITE_ONCE(stats->sz_tried, stats->sz_tried + sz);
	if (!sz_applied)
		return;
	WRITE_ONCE(stats->nr_applied, stats->nr_applied + 1);
	WRITE_ONCE(stats->sz_applied, stats->sz_applied + sz_applied);
}

/**
 * damos_read_stats() - Read the statistics of a scheme.
 * @s:		The scheme.
 * @stats:	Set to its statistics.
 *
 * While its context runs, each counter is one the kdamond wrote, but they
 * may come from two successive aggregation intervals; in the
 * &damon_callbacks->after_schemes callback, or once the context stopped,
 * they all are of the same.
 *
 * Context: Any context; the caller keeps @s from being freed.
 */
void damos_read_stats(const struct damos *s, struct damos_stats *stats)
{
	stats->nr_tried = READ_ONCE(s->stats.nr_tried);
	stats->sz_tried = READ_ONCE(s->stats.sz_tried);
	stats->nr_applied = READ_ONCE(s->stats.nr_applied);
	stats->sz_applied = READ_ONCE(s->stats.sz_applied);
	stats->qt_exceeds = READ_ONCE(s->stats.qt_exceeds);
}

/**
 * damos_keep_stats() - Carry what schemes did over to those of their names.
 * @from:	The schemes that are replaced.
 * @to:		Their replacements: each that has the name of one of @from
 *		takes its statistics, its use of the quota in the current
 *		reset interval, and the state of its watermarks.  Schemes
 *		with no name take none.
 *
 * A replacement's new quota counts what was used in the current reset
 * interval, which it ends as soon as its own reset interval has passed.
 * Its watermarks are read at its next check, so that new levels take
 * effect at once; between its mid and high levels it stays as it was.
 *
 * Context: Any context; the caller owns both lists.
 */
void damos_keep_stats(struct list_head *from, struct list_head *to)
{
	struct damos *old, *s;

	list_for_each_entry(s, to, list) {
		if (!s->name)
			continue;
		list_for_each_entry(old, from, list) {
			if (old->name && !strcmp(old->name, s->name)) {
				s->stats = old->stats;
				s->qs = old->qs;
				s->active = old->active;
				s->wmarks_next_us = 0;
				break;
			}
		}
	}
}

/**
 * damos_tried_reserve() - Make room for a scheme's tried regions.
 * @s:		The scheme.
 * @nr:		How many regions it may match in one aggregation interval:
 *		the regions of all targets of its context.
 *
 * Forgets the regions noted so far.  Room is only ever added, so that the
 * kdamond allocates when the number of regions grows, not at each interval.
 *
 * Context: Process context; may sleep.  The kdamond of the context of @s,
 * or the owner of a stopped context.
 * Return: 0, or -ENOMEM, leaving @s with the room it had.
 */
int damos_tried_reserve(struct damos *s, unsigned int nr)
{
	struct damos_tried_region *tried;

	s->nr_tried = 0;
	if (nr <= s->tried_cap)
		return 0;
	tried = kvmalloc_array(nr, sizeof(*tried), GFP_KERNEL);
	if (!tried)
		return -ENOMEM;
	kvfree(s->tried);
	s->tried = tried;
	s->tried_cap = nr;
	return 0;
}

/**
 * damos_tried_add() - Note a region a scheme matched.
 * @s:		The scheme.
 * @target_idx:	The index of the region's target in the context.
 * @r:		The region, before the action was applied.
 *
 * Context: Any context; the same callers as damos_tried_reserve().
 * Return: false if @s has no room left: damos_tried_reserve() failed.
 */
bool damos_tried_add(struct damos *s, unsigned int target_idx,
		     const struct damon_region *r)
{
	struct damos_tried_region *tr;

	if (s->nr_tried >= s->tried_cap)
		return false;
	tr = &s->tried[s->nr_tried++];
	tr->ar = r->ar;
	tr->nr_accesses = r->nr_accesses;
	tr->age = r->age;
	tr->target_idx = target_idx;
	return true;
}

/**
 * damon_add_scheme() - Append a scheme to a context's list.
 * @ctx:	The context, not running.
 * @s:		The scheme, in no list.
 *
 * Context: The caller serializes changes to @ctx.
 */
void damon_add_scheme(struct damon_ctx *ctx, struct damos *s)
{
	list_add_tail(&s->list, &ctx->schemes);
}

/*
 * Size and age go on a log scale: a region twice as big or twice as old
 * scores one step more, and past DAMOS_LOG_STEPS steps all score alike.
 * With 4 KiB pages, sizes saturate at 2 GiB and ages at about 9 minutes.
 */
#define DAMOS_LOG_STEPS		20U

/* @value on a scale of 0 to DAMOS_MAX_SCORE, one step per power of two. */
static unsigned int damos_log_subscore(u64 value)
{
	unsigned int steps = min_t(unsigned int, fls64(value), DAMOS_LOG_STEPS);

	return steps * DAMOS_MAX_SCORE / DAMOS_LOG_STEPS;
}

/* How often @r was found accessed, from 0 (never) to DAMOS_MAX_SCORE. */
static unsigned int damos_access_subscore(const struct damon_region *r,
					  unsigned int nr_samples)
{
	unsigned int nr = min(r->nr_accesses, nr_samples);

	if (!nr_samples)
		return 0;
	return div_u64((u64)nr * DAMOS_MAX_SCORE, nr_samples);
}

/* Whether the action of @s is for hot memory: then hotter goes first. */
static bool damos_wants_hot(const struct damos *s)
{
	return s->action == DAMOS_WILLNEED || s->action == DAMOS_HUGEPAGE;
}

/**
 * damos_score() - How much a region deserves a scheme's action first.
 * @s:		The scheme, whose quota has the weights.
 * @r:		The region, with the counts of the aggregation interval that
 *		ended.
 * @nr_samples:	The samples that interval took: the most accesses counted.
 * @aggr_us:	The aggregation interval, in us, which ages are counted in.
 *
 * Three subscores, each from 0 to DAMOS_MAX_SCORE, are averaged with the
 * weights of the quota of @s: the size of @r (bigger first) and its age
 * in time (older first), both on a log scale, and its share of samples
 * found accessed.  For willneed and hugepage that share counts as it is,
 * hotter first; for the other actions, which free or demote memory, and
 * for stat, which mostly previews them, it counts reversed, colder first.
 *
 * Context: Any context.
 * Return: the score, from 0 to DAMOS_MAX_SCORE; 0 if all weights are 0.
 */
unsigned int damos_score(const struct damos *s, const struct damon_region *r,
			 unsigned int nr_samples, unsigned long aggr_us)
{
	const struct damos_quota *q = &s->quota;
	unsigned int sz, freq, age, weights;
	u64 age_ms;

	weights = q->weight_sz + q->weight_nr_accesses + q->weight_age;
	if (!weights)
		return 0;
	sz = damos_log_subscore(damon_sz_region(r) >> PAGE_SHIFT);
	freq = damos_access_subscore(r, nr_samples);
	if (!damos_wants_hot(s))
		freq = DAMOS_MAX_SCORE - freq;
	age_ms = div_u64((u64)r->age * aggr_us, USEC_PER_MSEC);
	age = damos_log_subscore(age_ms);
	return (q->weight_sz * sz + q->weight_nr_accesses * freq +
		q->weight_age * age) / weights;
}

/**
 * damos_has_quota() - Whether a scheme has a limit to keep.
 * @s:	The scheme.
 *
 * Context: Any context.
 * Return: true if its quota limits time or bytes.
 */
bool damos_has_quota(const struct damos *s)
{
	return s->quota.ms || s->quota.sz;
}

/**
 * damos_quota_begin() - Start a scheme's pass of an aggregation.
 * @s:		The scheme, with a quota.
 * @now_ns:	The time, in ns, on a clock that only goes forward.
 *
 * Starts a new reset interval if the current one has lasted
 * &damos_quota->reset_interval_ms, or if none was started: the use is
 * forgotten, and the rate of the action is weighted half as much as what
 * the new interval adds.  Empties the histogram of scores, for
 * damos_quota_rank() to fill.
 *
 * Context: Any context; the only writer of @s.
 */
void damos_quota_begin(struct damos *s, u64 now_ns)
{
	struct damos_quota_state *qs = &s->qs;
	u64 interval_ns = (u64)s->quota.reset_interval_ms * NSEC_PER_MSEC;

	if (!qs->window_open || now_ns - qs->window_start >= interval_ns) {
		qs->window_start = now_ns;
		qs->window_open = true;
		qs->exceeded = false;
		qs->charged_sz = 0;
		qs->charged_ns = 0;
		qs->tp_sz >>= 1;
		qs->tp_ns >>= 1;
	}
	memset(qs->hist, 0, sizeof(qs->hist));
}

/**
 * damos_quota_rank() - Count a matching region in a scheme's histogram.
 * @s:		The scheme, after damos_quota_begin().
 * @score:	The region's damos_score(), at most DAMOS_MAX_SCORE.
 * @sz:		Its bytes.
 *
 * Context: Any context; the only writer of @s.
 */
void damos_quota_rank(struct damos *s, unsigned int score, unsigned long sz)
{
	s->qs.hist[min(score, DAMOS_MAX_SCORE)] += sz;
}

/* Whether the action of @s used the time its quota gives. */
static bool damos_quota_out_of_time(const struct damos *s)
{
	return s->quota.ms &&
	       s->qs.charged_ns >= (u64)s->quota.ms * NSEC_PER_MSEC;
}

/*
 * What is left of the time quota of @s, in bytes at the rate the action
 * went lately; DAMOS_QUOTA_PROBE_SZ while the rate is unknown, to learn
 * it at a bounded cost; U64_MAX if the product does not fit, which
 * mul_u64_u64_div_u64() needs.
 */
static u64 damos_quota_time_in_bytes(const struct damos *s)
{
	const struct damos_quota_state *qs = &s->qs;
	u64 left_ns = (u64)s->quota.ms * NSEC_PER_MSEC - qs->charged_ns;

	if (!qs->tp_ns || !qs->tp_sz)
		return DAMOS_QUOTA_PROBE_SZ;
	/* tp_sz / tp_ns < rate + 1: the result stays below U64_MAX. */
	if (div64_u64(qs->tp_sz, qs->tp_ns) >= div64_u64(U64_MAX, left_ns))
		return U64_MAX;
	return mul_u64_u64_div_u64(left_ns, qs->tp_sz, qs->tp_ns);
}

/* The bytes @s may still give its action in this reset interval. */
static u64 damos_quota_budget(const struct damos *s)
{
	const struct damos_quota_state *qs = &s->qs;
	u64 budget = U64_MAX;

	if (s->quota.sz)
		budget = s->quota.sz - min_t(u64, qs->charged_sz, s->quota.sz);
	if (!s->quota.ms)
		return budget;
	if (damos_quota_out_of_time(s))
		return 0;
	return min(budget, damos_quota_time_in_bytes(s));
}

/**
 * damos_quota_set_threshold() - Choose the scores a scheme's quota takes.
 * @s:	The scheme, whose histogram damos_quota_rank() filled.
 *
 * Walks the histogram from the highest score down while the bytes of the
 * scores above fit in what is left of the quota.  The score where they
 * stop fitting is the threshold: every region scored above it goes, none
 * below, and those scored at it share what the ones above leave, in
 * address order.  What is left of a time quota is turned into bytes at
 * the rate the action went lately; while that is unknown, a probe of
 * DAMOS_QUOTA_PROBE_SZ measures it.  The cost is DAMOS_MAX_SCORE steps.
 *
 * Context: Any context; the only writer of @s.
 */
void damos_quota_set_threshold(struct damos *s)
{
	struct damos_quota_state *qs = &s->qs;
	u64 budget = damos_quota_budget(s), above = 0;
	unsigned int score;

	for (score = DAMOS_MAX_SCORE; score > 0; score--) {
		if (qs->hist[score] >= budget - above)
			break;
		above += qs->hist[score];
	}
	qs->thres = score;
	qs->thres_left = budget - above;
	qs->cut = false;
}

/* Notes that the quota of @s left matching bytes out in this interval. */
static void damos_quota_ran_out(struct damos *s)
{
	if (s->qs.exceeded)
		return;
	s->qs.exceeded = true;
	WRITE_ONCE(s->stats.qt_exceeds, s->stats.qt_exceeds + 1);
}

/**
 * damos_quota_grant() - How much of a matching region a scheme may act on.
 * @s:		The scheme, after damos_quota_set_threshold() if it has a
 *		quota.
 * @score:	The region's damos_score().
 * @sz:		Its bytes.
 *
 * A region scored below the threshold gets nothing; one at it gets what
 * is left for its score; any gets no more than the size quota has left,
 * and nothing once the time quota is used.  A part is whole pages, from
 * the start of the region, and the last grant of the aggregation: the rest
 * of the region waits for the next, whatever the action makes of the part,
 * so that each aggregation cuts one region at most.  Leaving bytes out
 * counts the reset interval
 * in &damos_stats->qt_exceeds, once.
 *
 * Context: Any context; the only writer of @s.
 * Return: @sz, or the bytes the quota lets through, 0 if none.
 */
unsigned long damos_quota_grant(struct damos *s, unsigned int score,
				unsigned long sz)
{
	const struct damos_quota_state *qs = &s->qs;
	u64 left = U64_MAX;

	if (!damos_has_quota(s))
		return sz;
	if (qs->cut)
		return 0;
	if (score < qs->thres || damos_quota_out_of_time(s))
		left = 0;
	else if (s->quota.sz)
		left = s->quota.sz - min_t(u64, qs->charged_sz, s->quota.sz);
	if (score == qs->thres)
		left = min(left, qs->thres_left);
	if (left >= sz)
		return sz;
	damos_quota_ran_out(s);
	left = round_down((unsigned long)left, PAGE_SIZE);
	s->qs.cut = left != 0;
	return left;
}

/**
 * damos_quota_charge() - Count what a scheme's action used of its quota.
 * @s:		The scheme.
 * @score:	The damos_score() of the region it acted on.
 * @sz:		The bytes the action took effect on, of those
 *		damos_quota_grant() let through; for DAMOS_STAT, all of them.
 * @ns:		The time the action took, in ns.
 *
 * Bytes the action could not act on, such as a region's unmapped part,
 * are left to the regions that follow.  Its time counts against the time
 * quota, but not in the rate of the action, unless it acted on some.
 *
 * Context: Any context; the only writer of @s.
 */
void damos_quota_charge(struct damos *s, unsigned int score,
			unsigned long sz, u64 ns)
{
	struct damos_quota_state *qs = &s->qs;

	if (!damos_has_quota(s))
		return;
	qs->charged_sz += sz;
	qs->charged_ns += ns;
	/* Time spent on nothing says nothing of the rate. */
	if (sz) {
		qs->tp_sz += sz;
		qs->tp_ns += ns;
	}
	if (score == qs->thres)
		qs->thres_left -= min_t(u64, sz, qs->thres_left);
}

/**
 * damos_wmark_metric_value() - Read a system metric watermarks watch.
 * @metric:	The metric.
 *
 * Context: Any context.
 * Return: for DAMOS_WMARK_FREE_MEM_RATE, the free memory in thousandths of
 * the memory the kernel manages; 0 for DAMOS_WMARK_NONE.
 */
unsigned long damos_wmark_metric_value(enum damos_wmark_metric metric)
{
	unsigned long total = totalram_pages();
	u64 free = global_zone_page_state(NR_FREE_PAGES);

	if (metric != DAMOS_WMARK_FREE_MEM_RATE || !total)
		return 0;
	return div64_ul(free * DAMOS_MAX_WMARK, total);
}

/**
 * damos_wmarks_reset() - Make a scheme inactive until its first check.
 * @s:	The scheme.
 *
 * Context: Any context; the only writer of @s.
 */
void damos_wmarks_reset(struct damos *s)
{
	WRITE_ONCE(s->active, false);
	s->wmarks_next_us = 0;
}

/**
 * damos_wmarks_update() - Set a scheme's state from its metric.
 * @s:		The scheme.
 * @value:	What its metric reads now.
 *
 * With no metric the scheme is active.  Otherwise it is active from @low
 * to @mid of its watermarks, both included, inactive below @low and above
 * @high, and keeps its state above @mid up to @high.
 *
 * Context: Any context; the only writer of @s.
 */
void damos_wmarks_update(struct damos *s, unsigned long value)
{
	const struct damos_watermarks *w = &s->wmarks;
	bool active = s->active;

	if (w->metric == DAMOS_WMARK_NONE)
		active = true;
	else if (value > w->high || value < w->low)
		active = false;
	else if (value <= w->mid)
		active = true;
	WRITE_ONCE(s->active, active);
}

/**
 * damos_wmarks_check() - Read a scheme's metric if its interval has passed.
 * @s:		The scheme.
 * @now_us:	The time, in us, on a clock that only goes forward.
 *
 * The first check after damos_wmarks_reset() is due at once; each sets
 * the next one &damos_watermarks->interval_us later.
 *
 * Context: Any context; the only writer of @s.
 */
void damos_wmarks_check(struct damos *s, u64 now_us)
{
	const struct damos_watermarks *w = &s->wmarks;

	if (w->metric == DAMOS_WMARK_NONE) {
		damos_wmarks_update(s, 0);
		return;
	}
	if (now_us < s->wmarks_next_us)
		return;
	if (check_add_overflow(now_us, (u64)w->interval_us, &s->wmarks_next_us))
		s->wmarks_next_us = U64_MAX;
	damos_wmarks_update(s, damos_wmark_metric_value(w->metric));
}

/**
 * damos_is_active() - Whether a scheme's watermarks let it act.
 * @s:	The scheme.
 *
 * An inactive scheme is not tried: it matches, counts and applies
 * nothing.  A scheme is inactive while its context is stopped, and from
 * its start until the kdamond first checked its watermarks, which it does
 * before the first aggregation.
 *
 * Context: Any context; the caller keeps @s from being freed.
 * Return: true if the kdamond tries @s at its aggregations.
 */
bool damos_is_active(const struct damos *s)
{
	return READ_ONCE(s->active);
}
