// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for DAMON's contexts, targets and regions.
 */

#include <kunit/test.h>
#include <linux/damon.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

/* A target holding one region per [starts[i], ends[i]) pair, in order. */
static struct damon_target *target_with_regions(struct kunit *test,
						const unsigned long *starts,
						const unsigned long *ends,
						unsigned int nr)
{
	struct damon_target *t = damon_target_new();
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	for (i = 0; i < nr; i++) {
		struct damon_region *r = damon_region_new(starts[i], ends[i]);

		if (!r) {
			damon_target_free(t);
			KUNIT_ASSERT_FAILURE(test, "out of memory");
		}
		damon_region_append(t, r);
	}
	return t;
}

/* Checks that @t's regions are the @nr given ranges, in that order. */
static void expect_regions(struct kunit *test, struct damon_target *t,
			   const unsigned long *starts,
			   const unsigned long *ends, unsigned int nr)
{
	struct damon_region *r;
	unsigned int i = 0;

	KUNIT_EXPECT_EQ(test, nr, damon_nr_regions(t));
	damon_for_each_region(r, t) {
		if (i >= nr) {
			KUNIT_FAIL(test, "more regions than %u", nr);
			return;
		}
		KUNIT_EXPECT_EQ(test, starts[i], r->ar.start);
		KUNIT_EXPECT_EQ(test, ends[i], r->ar.end);
		i++;
	}
	KUNIT_EXPECT_EQ(test, nr, i);
}

static void damon_core_test_region_new(struct kunit *test)
{
	struct damon_region *r = damon_region_new(0x1000, 0x5000);

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, 0x1000ul, r->ar.start);
	KUNIT_EXPECT_EQ(test, 0x5000ul, r->ar.end);
	KUNIT_EXPECT_EQ(test, 0x4000ul, damon_sz_region(r));
	KUNIT_EXPECT_EQ(test, 0u, r->nr_accesses);
	KUNIT_EXPECT_GE(test, r->sampling_addr, r->ar.start);
	KUNIT_EXPECT_LT(test, r->sampling_addr, r->ar.end);
	KUNIT_EXPECT_TRUE(test, list_empty(&r->list));
	damon_region_free(r);
}

static void damon_core_test_region_append(struct kunit *test)
{
	static const unsigned long starts[] = { 10, 20, 40 };
	static const unsigned long ends[] = { 20, 30, 50 };
	struct damon_target *t;

	t = target_with_regions(test, starts, ends, ARRAY_SIZE(starts));
	expect_regions(test, t, starts, ends, ARRAY_SIZE(starts));
	KUNIT_EXPECT_EQ(test, 10ul, damon_first_region(t)->ar.start);
	KUNIT_EXPECT_EQ(test, 40ul, damon_last_region(t)->ar.start);
	KUNIT_EXPECT_PTR_EQ(test, damon_last_region(t),
			    damon_next_region(damon_next_region(damon_first_region(t))));
	KUNIT_EXPECT_PTR_EQ(test, damon_first_region(t),
			    damon_prev_region(damon_prev_region(damon_last_region(t))));
	damon_target_free(t);
}

static void damon_core_test_region_insert(struct kunit *test)
{
	static const unsigned long starts[] = { 10, 40 };
	static const unsigned long ends[] = { 20, 50 };
	static const unsigned long starts_after[] = { 10, 25, 40 };
	static const unsigned long ends_after[] = { 20, 35, 50 };
	struct damon_target *t;
	struct damon_region *r;

	t = target_with_regions(test, starts, ends, ARRAY_SIZE(starts));
	r = damon_region_new(25, 35);
	KUNIT_ASSERT_NOT_NULL(test, r);
	damon_region_insert(t, r, damon_first_region(t), damon_last_region(t));
	expect_regions(test, t, starts_after, ends_after,
		       ARRAY_SIZE(starts_after));
	damon_target_free(t);
}

static void damon_core_test_region_unlink(struct kunit *test)
{
	static const unsigned long starts[] = { 10, 20, 30 };
	static const unsigned long ends[] = { 20, 30, 40 };
	static const unsigned long starts_after[] = { 10, 30 };
	static const unsigned long ends_after[] = { 20, 40 };
	struct damon_target *t;
	struct damon_region *middle;

	t = target_with_regions(test, starts, ends, ARRAY_SIZE(starts));
	middle = damon_next_region(damon_first_region(t));
	damon_region_unlink(t, middle);
	expect_regions(test, t, starts_after, ends_after,
		       ARRAY_SIZE(starts_after));
	/* The unlinked region is intact and can go back in. */
	KUNIT_EXPECT_EQ(test, 20ul, middle->ar.start);
	KUNIT_EXPECT_TRUE(test, list_empty(&middle->list));
	damon_region_insert(t, middle, damon_first_region(t),
			    damon_last_region(t));
	expect_regions(test, t, starts, ends, ARRAY_SIZE(starts));
	damon_target_free(t);
}

static void damon_core_test_region_destroy(struct kunit *test)
{
	static const unsigned long starts[] = { 10, 20, 30 };
	static const unsigned long ends[] = { 20, 30, 40 };
	static const unsigned long starts_after[] = { 20 };
	static const unsigned long ends_after[] = { 30 };
	struct damon_target *t;

	t = target_with_regions(test, starts, ends, ARRAY_SIZE(starts));
	damon_region_destroy(t, damon_last_region(t));
	damon_region_destroy(t, damon_first_region(t));
	expect_regions(test, t, starts_after, ends_after,
		       ARRAY_SIZE(starts_after));
	damon_region_destroy(t, damon_first_region(t));
	KUNIT_EXPECT_EQ(test, 0u, damon_nr_regions(t));
	KUNIT_EXPECT_TRUE(test, list_empty(&t->regions));
	damon_target_free(t);
}

/* Destroying every region from inside the loop needs the _safe walk. */
static void damon_core_test_region_destroy_all(struct kunit *test)
{
	static const unsigned long starts[] = { 0, 4096, 8192, 65536 };
	static const unsigned long ends[] = { 4096, 8192, 12288, 131072 };
	struct damon_target *t;
	struct damon_region *r, *tmp;
	unsigned int seen = 0;

	t = target_with_regions(test, starts, ends, ARRAY_SIZE(starts));
	damon_for_each_region_safe(r, tmp, t) {
		damon_region_destroy(t, r);
		seen++;
	}
	KUNIT_EXPECT_EQ(test, (unsigned int)ARRAY_SIZE(starts), seen);
	KUNIT_EXPECT_EQ(test, 0u, damon_nr_regions(t));
	damon_target_free(t);
}

static void damon_core_test_target_new(struct kunit *test)
{
	struct damon_target *t = damon_target_new();

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, 0u, damon_nr_regions(t));
	KUNIT_EXPECT_TRUE(test, list_empty(&t->regions));
	KUNIT_EXPECT_TRUE(test, list_empty(&t->list));
	damon_target_free(t);
	damon_target_free(NULL);
}

static void damon_core_test_ctx_targets(struct kunit *test)
{
	struct damon_ctx *ctx = damon_ctx_new();
	struct damon_target *targets[3], *t;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_EXPECT_EQ(test, 0u, damon_nr_targets(ctx));
	for (i = 0; i < ARRAY_SIZE(targets); i++) {
		targets[i] = damon_target_new();
		if (!targets[i]) {
			damon_ctx_destroy(ctx);
			KUNIT_ASSERT_FAILURE(test, "out of memory");
		}
		damon_target_add(ctx, targets[i]);
		KUNIT_EXPECT_EQ(test, i + 1, damon_nr_targets(ctx));
	}

	i = 0;
	damon_for_each_target(t, ctx)
		KUNIT_EXPECT_PTR_EQ(test, targets[i++], t);
	KUNIT_EXPECT_EQ(test, 3u, i);

	damon_target_unlink(targets[1]);
	KUNIT_EXPECT_EQ(test, 2u, damon_nr_targets(ctx));
	KUNIT_EXPECT_TRUE(test, list_empty(&targets[1]->list));
	damon_target_free(targets[1]);

	damon_target_destroy(targets[0]);
	KUNIT_EXPECT_EQ(test, 1u, damon_nr_targets(ctx));
	KUNIT_EXPECT_PTR_EQ(test, targets[2],
			    list_first_entry(&ctx->targets,
					     struct damon_target, list));
	damon_ctx_destroy(ctx);
}

/* A context frees its targets and their regions with it. */
static void damon_core_test_ctx_destroy(struct kunit *test)
{
	static const unsigned long starts[] = { 0, 100 };
	static const unsigned long ends[] = { 100, 200 };
	struct damon_ctx *ctx = damon_ctx_new();
	struct damon_target *t, *tmp;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	for (i = 0; i < 2; i++)
		damon_target_add(ctx, target_with_regions(test, starts, ends,
							  ARRAY_SIZE(starts)));
	KUNIT_EXPECT_EQ(test, 2u, damon_nr_targets(ctx));

	i = 0;
	damon_for_each_target_safe(t, tmp, ctx) {
		if (i++ == 0)
			damon_target_destroy(t);
	}
	KUNIT_EXPECT_EQ(test, 1u, damon_nr_targets(ctx));
	damon_ctx_destroy(ctx);
	damon_ctx_destroy(NULL);
}

/**
 * struct ranges_case - Ranges given to damon_ranges_normalize(), and what
 * it should make of them.
 * @desc:	What the case is about.
 * @in:		The ranges given.
 * @nr_in:	How many.
 * @ret:	The expected return: the ranges left, or -EINVAL.
 * @out:	The ranges expected after a success.
 */
struct ranges_case {
	const char *desc;
	struct damon_addr_range in[3];
	unsigned int nr_in;
	int ret;
	struct damon_addr_range out[3];
};

#define PG(n)	((unsigned long)(n) * PAGE_SIZE)

static const struct ranges_case ranges_cases[] = {
	{ "none", {}, 0, 0, {} },
	{ "aligned stay", { { PG(1), PG(2) }, { PG(4), PG(8) } }, 2, 2,
	  { { PG(1), PG(2) }, { PG(4), PG(8) } } },
	{ "touching stay apart", { { PG(0), PG(1) }, { PG(1), PG(2) } }, 2, 2,
	  { { PG(0), PG(1) }, { PG(1), PG(2) } } },
	{ "rounded out", { { PG(1) + 1, PG(2) + 1 } }, 1, 1,
	  { { PG(1), PG(3) } } },
	{ "one byte", { { PG(5) - 1, PG(5) } }, 1, 1, { { PG(4), PG(5) } } },
	{ "sharing a page join", { { 1, 100 }, { 100, 200 }, { PG(1), PG(2) } },
	  3, 2, { { 0, PG(1) }, { PG(1), PG(2) } } },
	{ "joined across pages", { { 10, PG(1) + 10 }, { PG(1) + 20, PG(3) } },
	  2, 1, { { 0, PG(3) } } },
	{ "empty", { { PG(1), PG(1) } }, 1, -EINVAL, {} },
	{ "reversed", { { PG(2), PG(1) } }, 1, -EINVAL, {} },
	{ "overlapping", { { PG(0), PG(2) }, { PG(1), PG(3) } }, 2, -EINVAL, {} },
	{ "unsorted", { { PG(4), PG(5) }, { PG(0), PG(1) } }, 2, -EINVAL, {} },
	{ "an empty one after good ones",
	  { { PG(0), PG(1) }, { PG(2), PG(3) }, { PG(3), PG(3) } }, 3, -EINVAL,
	  {} },
	{ "beyond every address space", { { PG(1), ULONG_MAX } }, 1, -EINVAL,
	  {} },
};

static void ranges_case_desc(const struct ranges_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ranges, ranges_cases, ranges_case_desc);

static void damon_core_test_ranges_normalize(struct kunit *test)
{
	const struct ranges_case *c = test->param_value;
	struct damon_addr_range ranges[3];
	int i, ret;

	memcpy(ranges, c->in, sizeof(ranges));
	ret = damon_ranges_normalize(ranges, c->nr_in);
	KUNIT_ASSERT_EQ(test, c->ret, ret);
	for (i = 0; i < ret; i++) {
		KUNIT_EXPECT_EQ_MSG(test, c->out[i].start, ranges[i].start,
				    "range %d", i);
		KUNIT_EXPECT_EQ_MSG(test, c->out[i].end, ranges[i].end,
				    "range %d", i);
	}
}

/* The top of the user address space is in; a byte more is not. */
static void damon_core_test_ranges_edges(struct kunit *test)
{
	struct damon_addr_range top = { TASK_SIZE_MAX - PAGE_SIZE, TASK_SIZE_MAX };
	struct damon_addr_range past = { TASK_SIZE_MAX - PAGE_SIZE,
					 TASK_SIZE_MAX + 1 };

	KUNIT_EXPECT_EQ(test, 1, damon_ranges_normalize(&top, 1));
	KUNIT_EXPECT_EQ(test, TASK_SIZE_MAX, top.end);
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_ranges_normalize(&past, 1));
	/* Too many is refused before any is looked at. */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			damon_ranges_normalize(&top, DAMON_MAX_NR_REGIONS + 1));
}

/* A target owns its ranges: replaced ones are freed, NULL clears. */
static void damon_core_test_target_ranges(struct kunit *test)
{
	struct damon_target *t = damon_target_new();
	struct damon_addr_range *ranges;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_NULL(test, t->ranges);
	KUNIT_EXPECT_EQ(test, 0u, t->nr_ranges);
	for (i = 1; i <= 2; i++) {
		ranges = kvmalloc_array(i, sizeof(*ranges), GFP_KERNEL);
		if (!ranges) {
			damon_target_free(t);
			KUNIT_ASSERT_FAILURE(test, "out of memory");
		}
		damon_target_set_ranges(t, ranges, i);
		KUNIT_EXPECT_PTR_EQ(test, ranges, t->ranges);
		KUNIT_EXPECT_EQ(test, (unsigned int)i, t->nr_ranges);
	}
	damon_target_set_ranges(t, NULL, 5);
	KUNIT_EXPECT_NULL(test, t->ranges);
	KUNIT_EXPECT_EQ(test, 0u, t->nr_ranges);
	damon_target_set_ranges(t, kvmalloc(sizeof(*ranges), GFP_KERNEL), 1);
	/* ...and the last ones go with the target. */
	damon_target_free(t);
}

static struct kunit_case damon_core_test_cases[] = {
	KUNIT_CASE(damon_core_test_region_new),
	KUNIT_CASE(damon_core_test_region_append),
	KUNIT_CASE(damon_core_test_region_insert),
	KUNIT_CASE(damon_core_test_region_unlink),
	KUNIT_CASE(damon_core_test_region_destroy),
	KUNIT_CASE(damon_core_test_region_destroy_all),
	KUNIT_CASE(damon_core_test_target_new),
	KUNIT_CASE(damon_core_test_ctx_targets),
	KUNIT_CASE(damon_core_test_ctx_destroy),
	KUNIT_CASE_PARAM(damon_core_test_ranges_normalize, ranges_gen_params),
	KUNIT_CASE(damon_core_test_ranges_edges),
	KUNIT_CASE(damon_core_test_target_ranges),
	{}
};

static struct kunit_suite damon_core_test_suite = {
	.name = "damon_core",
	.test_cases = damon_core_test_cases,
};
kunit_test_suite(damon_core_test_suite);
