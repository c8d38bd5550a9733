// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON core: the monitoring context, its targets and their regions.
 */

#define pr_fmt(fmt) "damon: " fmt

#include <linux/damon.h>
#include <linux/slab.h>

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
 * @t:	The target, or NULL.
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
	kfree(t);
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
 * damon_ctx_new() - Allocate a monitoring context with no targets.
 *
 * Context: Process context; may sleep.
 * Return: the context, or NULL if out of memory.
 */
struct damon_ctx *damon_ctx_new(void)
{
	struct damon_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);

	if (ctx)
		INIT_LIST_HEAD(&ctx->targets);
	return ctx;
}

/**
 * damon_ctx_destroy() - Free a context with all its targets and regions.
 * @ctx:	The context, or NULL.
 *
 * Context: Process context; nothing else may use @ctx any more.
 */
void damon_ctx_destroy(struct damon_ctx *ctx)
{
	struct damon_target *t, *tmp;

	if (!ctx)
		return;
	damon_for_each_target_safe(t, tmp, ctx)
		damon_target_destroy(t);
	kfree(ctx);
}
