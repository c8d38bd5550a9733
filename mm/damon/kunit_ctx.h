/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A monitoring context owned by a KUnit test, for the suites that run a
 * kdamond (kdamond_test.c, schemes_test.c): whatever the test did, the
 * kdamond is stopped and the context freed when it ends.
 */
#ifndef _DAMON_KUNIT_CTX_H
#define _DAMON_KUNIT_CTX_H

#include <kunit/test.h>
#include <linux/damon.h>

static inline int damon_kunit_ctx_init(struct kunit_resource *res, void *ctx)
{
	res->data = ctx;
	return 0;
}

static inline void damon_kunit_ctx_free(struct kunit_resource *res)
{
	struct damon_ctx *ctx = res->data;

	damon_stop(&ctx, 1);
	damon_ctx_destroy(ctx);
}

/* A new context with @attrs, freed with the test; asserts on failure. */
static inline struct damon_ctx *damon_kunit_ctx(struct kunit *test,
						const struct damon_attrs *attrs)
{
	struct damon_ctx *ctx = damon_ctx_new();

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	if (!kunit_alloc_resource(test, damon_kunit_ctx_init,
				  damon_kunit_ctx_free, GFP_KERNEL, ctx)) {
		damon_ctx_destroy(ctx);
		KUNIT_ASSERT_FAILURE(test, "out of memory");
	}
	KUNIT_ASSERT_EQ(test, 0, damon_set_attrs(ctx, attrs));
	return ctx;
}

#endif /* _DAMON_KUNIT_CTX_H */
