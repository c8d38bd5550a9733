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

#include <linux/list.h>
#include <linux/types.h>

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
 * @sampling_addr:	The address checked for access in the current sample.
 */
struct damon_region {
	struct list_head list;
	struct damon_addr_range ar;
	unsigned int nr_accesses;
	unsigned long sampling_addr;
};

/**
 * struct damon_target - One monitored address space.
 * @nr_regions:	How many regions @regions holds.
 * @regions:	The target's &struct damon_region, sorted by address.
 * @list:	Link in the context's target list.
 */
struct damon_target {
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
 * struct damon_ctx - A monitoring context.
 * @targets:	The &struct damon_target this context monitors.
 */
struct damon_ctx {
	struct list_head targets;
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

struct damon_ctx *damon_ctx_new(void);
void damon_ctx_destroy(struct damon_ctx *ctx);

#endif /* CONFIG_DAMON */

#endif /* _LINUX_DAMON_H */
