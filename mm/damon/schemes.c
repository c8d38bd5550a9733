// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON operation schemes (DAMOS): the objects that say what to do to
 * regions of a given access pattern, their checks, their matching and
 * their statistics.  The core tries them at every aggregation and the
 * primitives apply their actions.  This file calls nothing else of
 * DAMON's; the core and the interfaces call it.  No locking here: callers
 * serialize changes to a scheme and its list.
 */

#define pr_fmt(fmt) "damon: " fmt

#include <linux/damon.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

/**
 * damos_new() - Allocate a scheme that is in no list yet.
 * @name:	What the user calls it, copied; NULL or "" for none.
 * @pattern:	The regions it is for; NULL to match every region.
 * @action:	What it does to them.
 *
 * The quota sets no limit and the watermarks keep the scheme active; set
 * them in the result before it is used.  Nothing is checked here: see
 * damos_validate().
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
 * damos_keep_stats() - Carry statistics over to schemes of the same name.
 * @from:	The schemes that are replaced.
 * @to:		Their replacements: each that has the name of one of @from
 *		takes its statistics.  Schemes with no name take none.
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
