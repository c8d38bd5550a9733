// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON's objects: targets, the regions that describe their memory, and the
 * address ranges a user may confine a target to.  Allocation, list
 * keeping and lookups only; this file calls nothing else of DAMON's, and
 * everything else may call it.  No locking here: callers serialize
 * changes to a target and to the list that holds it.
 */

#define pr_fmt(fmt) "damon: " fmt

#include <linux/damon.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

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
 * damon_find_target() - The target of a process in a list of targets.
 * @targets:	The list, of &struct damon_target linked by their list.
 * @pid:	The process.
 *
 * Context: The caller keeps @targets stable.
 * Return: the first target of @pid in @targets, or NULL.
 */
struct damon_target *damon_find_target(struct list_head *targets,
				       struct pid *pid)
{
	struct damon_target *t;

	list_for_each_entry(t, targets, list) {
		if (t->pid == pid)
			return t;
	}
	return NULL;
}

/**
 * damon_destroy_targets() - Free every target of a list, and empty it.
 * @targets:	The list, of &struct damon_target linked by their list.
 *
 * Context: The caller owns @targets and the targets in it.
 */
void damon_destroy_targets(struct list_head *targets)
{
	struct damon_target *t, *next;

	list_for_each_entry_safe(t, next, targets, list)
		damon_target_destroy(t);
}
