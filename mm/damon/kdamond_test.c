// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for DAMON's kdamonds: starting and stopping several contexts,
 * attribute checks, and the ways a kdamond ends by itself.  The contexts
 * use fake primitives that see every sample as an access, so the suite
 * needs no process to monitor.
 */

#include <kunit/test.h>
#include <linux/damon.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "kunit_ctx.h"

/**
 * struct fake_monitor - What the fake primitives and callbacks saw.
 * @stop_after:		after_aggregation() asks to stop at this call; 0: never.
 * @nr_samples:		Calls of check_accesses().
 * @nr_aggregations:	Calls of after_aggregation().
 * @last_nr_accesses:	The first region's count at the last aggregation.
 * @nr_cleanups:	Calls of cleanup().
 * @nr_terminations:	Calls of before_terminate().
 * @nr_strays:		Aggregations at which a target's regions did not
 *			cover exactly its &damon_target->ranges.
 */
struct fake_monitor {
	int stop_after;
	atomic_t nr_samples;
	atomic_t nr_aggregations;
	unsigned int last_nr_accesses;
	atomic_t nr_cleanups;
	atomic_t nr_terminations;
	atomic_t nr_strays;
};

static struct damon_target *first_target(struct damon_ctx *ctx)
{
	return list_first_entry(&ctx->targets, struct damon_target, list);
}

static void fake_init(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		if (damon_nr_regions(t))
			continue;
		r = damon_region_new(0, 64 * PAGE_SIZE);
		if (r)
			damon_region_append(t, r);
	}
}

static void fake_prepare_access_checks(struct damon_ctx *ctx)
{
}

static void fake_check_accesses(struct damon_ctx *ctx)
{
	struct fake_monitor *fake = ctx->private;
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t)
			r->nr_accesses++;
	}
	atomic_inc(&fake->nr_samples);
}

/* Targets carry no pointer back to their context, hence a global. */
static bool fake_targets_gone;

static bool fake_target_valid(struct damon_target *t)
{
	return !READ_ONCE(fake_targets_gone);
}

static void fake_cleanup(struct damon_ctx *ctx)
{
	struct fake_monitor *fake = ctx->private;

	atomic_inc(&fake->nr_cleanups);
}

/* Whether @t's regions cover exactly its ranges, when it has some. */
static bool regions_match_ranges(struct damon_target *t)
{
	struct damon_region *r;
	unsigned long expected;
	unsigned int i = 0;

	if (!t->nr_ranges)
		return true;
	expected = t->ranges[0].start;
	damon_for_each_region(r, t) {
		if (i == t->nr_ranges || r->ar.start != expected)
			return false;
		expected = r->ar.end;
		if (expected == t->ranges[i].end && ++i < t->nr_ranges)
			expected = t->ranges[i].start;
	}
	return i == t->nr_ranges;
}

static int fake_after_aggregation(struct damon_ctx *ctx)
{
	struct fake_monitor *fake = ctx->private;
	struct damon_target *t;
	int nr = atomic_inc_return(&fake->nr_aggregations);

	damon_for_each_target(t, ctx) {
		if (!regions_match_ranges(t))
			atomic_inc(&fake->nr_strays);
	}
	t = first_target(ctx);

	WRITE_ONCE(fake->last_nr_accesses,
		   damon_first_region(t)->nr_accesses);
	return nr == fake->stop_after;
}

static void fake_before_terminate(struct damon_ctx *ctx)
{
	struct fake_monitor *fake = ctx->private;

	atomic_inc(&fake->nr_terminations);
}

/*
 * A context on fake primitives with one target, sampling every millisecond
 * and aggregating every ten; stopped and freed when the test ends.
 */
static struct damon_ctx *fake_ctx(struct kunit *test)
{
	const struct damon_attrs attrs = {
		.sample_us = 1000, .aggr_us = 10000, .update_us = 20000,
		.min_nr_regions = 3, .max_nr_regions = 10,
	};
	struct fake_monitor *fake;
	struct damon_target *t;
	struct damon_ctx *ctx;

	fake = kunit_kzalloc(test, sizeof(*fake), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fake);
	ctx = damon_kunit_ctx(test, &attrs);
	ctx->private = fake;
	ctx->prims = (struct damon_primitives){
		.init = fake_init,
		.prepare_access_checks = fake_prepare_access_checks,
		.check_accesses = fake_check_accesses,
		.target_valid = fake_target_valid,
		.cleanup = fake_cleanup,
	};
	ctx->callbacks.after_aggregation = fake_after_aggregation;
	ctx->callbacks.before_terminate = fake_before_terminate;
	t = damon_target_new();
	KUNIT_ASSERT_NOT_NULL(test, t);
	damon_target_add(ctx, t);
	WRITE_ONCE(fake_targets_gone, false);
	return ctx;
}

/* Whether @ctx stops within two seconds. */
static bool stops_soon(struct damon_ctx *ctx)
{
	int i;

	for (i = 0; i < 100 && damon_is_running(ctx); i++)
		msleep(20);
	return !damon_is_running(ctx);
}

static void damon_kdamond_test_set_attrs(struct kunit *test)
{
	const struct damon_attrs good = {
		.sample_us = 100, .aggr_us = 100, .update_us = 1,
		.min_nr_regions = 3, .max_nr_regions = 3,
	};
	const struct damon_attrs biggest = {
		.sample_us = DAMON_MAX_INTERVAL_US,
		.aggr_us = DAMON_MAX_INTERVAL_US,
		.update_us = DAMON_MAX_INTERVAL_US,
		.min_nr_regions = DAMON_MAX_NR_REGIONS,
		.max_nr_regions = DAMON_MAX_NR_REGIONS,
	};
	struct damon_attrs bad[] = {
		good, good, good, good, good, good, biggest, biggest, biggest,
		biggest, good,
	};
	struct damon_ctx *ctx = damon_ctx_new();
	struct damon_attrs before;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	bad[0].sample_us = 0;
	bad[1].aggr_us = 0;
	bad[2].update_us = 0;
	bad[3].aggr_us = 99;
	bad[4].min_nr_regions = 2;
	bad[5].max_nr_regions = 2;
	bad[6].sample_us = DAMON_MAX_INTERVAL_US + 1;
	bad[7].aggr_us = ULONG_MAX;
	bad[8].update_us = DAMON_MAX_INTERVAL_US + 1;
	bad[9].max_nr_regions = DAMON_MAX_NR_REGIONS + 1;
	bad[10].max_nr_regions = ULONG_MAX;
	before = ctx->attrs;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ(test, -EINVAL, damon_set_attrs(ctx, &bad[i]));
		KUNIT_EXPECT_EQ(test, 0,
				memcmp(&before, &ctx->attrs, sizeof(before)));
	}
	KUNIT_EXPECT_EQ(test, 0, damon_set_attrs(ctx, &biggest));
	KUNIT_EXPECT_EQ(test, 0, damon_set_attrs(ctx, &good));
	KUNIT_EXPECT_EQ(test, 0, memcmp(&good, &ctx->attrs, sizeof(good)));
	damon_ctx_destroy(ctx);
}

static void damon_kdamond_test_start_stop(struct kunit *test)
{
	struct damon_ctx *ctxs[] = { fake_ctx(test), fake_ctx(test) };
	struct damon_ctx *idle = fake_ctx(test);
	struct damon_ctx *twice[] = { idle, idle };
	struct damon_ctx *mixed[] = { idle, ctxs[0] };
	unsigned int nr_before = damon_nr_running_ctxs();
	struct fake_monitor *fake = ctxs[0]->private;
	pid_t pid0, pid1;

	KUNIT_ASSERT_EQ(test, 0, damon_start(ctxs, 2));
	KUNIT_EXPECT_TRUE(test, damon_is_running(ctxs[0]));
	KUNIT_EXPECT_TRUE(test, damon_is_running(ctxs[1]));
	KUNIT_EXPECT_EQ(test, nr_before + 2, damon_nr_running_ctxs());
	pid0 = damon_kdamond_pid(ctxs[0]);
	pid1 = damon_kdamond_pid(ctxs[1]);
	KUNIT_EXPECT_GT(test, pid0, 0);
	KUNIT_EXPECT_GT(test, pid1, 0);
	KUNIT_EXPECT_NE(test, pid0, pid1);

	/* None of a failed call's contexts runs. */
	KUNIT_EXPECT_EQ(test, -EBUSY, damon_start(ctxs, 1));
	KUNIT_EXPECT_EQ(test, -EBUSY, damon_start(mixed, 2));
	KUNIT_EXPECT_FALSE(test, damon_is_running(idle));
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_start(twice, 2));
	KUNIT_EXPECT_FALSE(test, damon_is_running(idle));
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_start(ctxs, 0));
	idle->prims.check_accesses = NULL;
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_start(&idle, 1));
	KUNIT_EXPECT_EQ(test, nr_before + 2, damon_nr_running_ctxs());

	msleep(50);
	KUNIT_EXPECT_GT(test, atomic_read(&fake->nr_samples), 0);
	KUNIT_EXPECT_EQ(test, 0, damon_stop(ctxs, 2));
	KUNIT_EXPECT_FALSE(test, damon_is_running(ctxs[0]));
	KUNIT_EXPECT_FALSE(test, damon_is_running(ctxs[1]));
	KUNIT_EXPECT_EQ(test, -1, damon_kdamond_pid(ctxs[0]));
	KUNIT_EXPECT_EQ(test, nr_before, damon_nr_running_ctxs());
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&fake->nr_cleanups));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&fake->nr_terminations));
	/* Regions are dropped, so that a restart builds them afresh. */
	KUNIT_EXPECT_EQ(test, 0u, damon_nr_regions(first_target(ctxs[0])));

	/* Stopped contexts start again. */
	KUNIT_EXPECT_EQ(test, 0, damon_start(ctxs, 1));
	KUNIT_EXPECT_TRUE(test, damon_is_running(ctxs[0]));
	KUNIT_EXPECT_EQ(test, 0, damon_stop(ctxs, 2));
	KUNIT_EXPECT_EQ(test, nr_before, damon_nr_running_ctxs());
}

static void damon_kdamond_test_callback_stops(struct kunit *test)
{
	struct damon_ctx *ctx = fake_ctx(test);
	struct fake_monitor *fake = ctx->private;

	fake->stop_after = 3;
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	KUNIT_EXPECT_TRUE(test, stops_soon(ctx));
	KUNIT_EXPECT_EQ(test, 3, atomic_read(&fake->nr_aggregations));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&fake->nr_terminations));
	/* Every sample was an access; no interval holds more than 11. */
	KUNIT_EXPECT_GT(test, fake->last_nr_accesses, 0u);
	KUNIT_EXPECT_LE(test, fake->last_nr_accesses, 11u);
}

static void damon_kdamond_test_targets_gone(struct kunit *test)
{
	struct damon_ctx *ctx = fake_ctx(test);
	struct fake_monitor *fake = ctx->private;

	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	msleep(30);
	KUNIT_EXPECT_TRUE(test, damon_is_running(ctx));
	WRITE_ONCE(fake_targets_gone, true);
	KUNIT_EXPECT_TRUE(test, stops_soon(ctx));
	KUNIT_EXPECT_EQ(test, -1, damon_kdamond_pid(ctx));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&fake->nr_cleanups));
}

/* A target for the process of pid @nr, named @name, in @list. */
static struct damon_target *add_pid_target(struct kunit *test,
					   struct list_head *list, int nr,
					   const char *name)
{
	struct damon_target *t = damon_target_new();

	KUNIT_ASSERT_NOT_NULL(test, t);
	list_add_tail(&t->list, list);
	t->pid = find_get_pid(nr);
	t->name = kstrdup(name, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->pid);
	KUNIT_ASSERT_NOT_NULL(test, t->name);
	return t;
}

static void damon_kdamond_test_commit(struct kunit *test)
{
	struct damon_ctx *ctx = fake_ctx(test);
	struct damon_attrs attrs = ctx->attrs;
	struct damon_target *kept, *added, *again;
	LIST_HEAD(targets);
	LIST_HEAD(empty);

	/* fake_ctx()'s own target goes; pid 1's stays across the commit. */
	kept = add_pid_target(test, &targets, 1, "init");
	list_splice_tail_init(&targets, &ctx->targets);
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));

	added = add_pid_target(test, &targets, 2, "kthreadd");
	again = add_pid_target(test, &targets, 1, "still init");
	attrs.aggr_us = 20000;
	KUNIT_EXPECT_EQ(test, 0, damon_commit(ctx, &attrs, &targets, NULL));
	KUNIT_EXPECT_TRUE(test, damon_is_running(ctx));
	/* Only the duplicate of a monitored process is left to us. */
	KUNIT_EXPECT_PTR_EQ(test, again, list_first_entry_or_null(
				&targets, struct damon_target, list));
	KUNIT_EXPECT_TRUE(test, list_is_singular(&targets));
	damon_destroy_targets(&targets);

	KUNIT_EXPECT_EQ(test, 0, damon_stop(&ctx, 1));
	KUNIT_EXPECT_EQ(test, 2u, damon_nr_targets(ctx));
	KUNIT_EXPECT_PTR_EQ(test, added, first_target(ctx));
	KUNIT_EXPECT_PTR_EQ(test, kept, list_last_entry(&ctx->targets,
				struct damon_target, list));
	KUNIT_EXPECT_STREQ(test, "still init", kept->name);
	KUNIT_EXPECT_EQ(test, 20000ul, ctx->attrs.aggr_us);

	/* Refused commits change nothing and keep the targets with us. */
	add_pid_target(test, &targets, 1, "late");
	KUNIT_EXPECT_EQ(test, -ESRCH, damon_commit(ctx, &attrs, &targets, NULL));
	KUNIT_EXPECT_TRUE(test, list_is_singular(&targets));
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_commit(ctx, &attrs, &empty, NULL));
	attrs.aggr_us = attrs.sample_us - 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_commit(ctx, &attrs, &targets, NULL));
	KUNIT_EXPECT_TRUE(test, list_is_singular(&targets));
	KUNIT_EXPECT_EQ(test, 20000ul, ctx->attrs.aggr_us);
	damon_destroy_targets(&targets);
}

/* Gives @t copies of the @nr @ranges. */
static void set_ranges(struct kunit *test, struct damon_target *t,
		       const struct damon_addr_range *ranges, unsigned int nr)
{
	struct damon_addr_range *copy;

	copy = kvmalloc_array(nr, sizeof(*copy), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, ranges, nr * sizeof(*copy));
	damon_target_set_ranges(t, copy, nr);
}

/* A kdamond keeps a target's regions to its ranges, and commits change them. */
static void damon_kdamond_test_ranges(struct kunit *test)
{
	static const struct damon_addr_range before[] = {
		{ 0, 8 * PAGE_SIZE }, { 32 * PAGE_SIZE, 40 * PAGE_SIZE },
	};
	static const struct damon_addr_range after[] = {
		{ 100 * PAGE_SIZE, 164 * PAGE_SIZE },
	};
	struct damon_addr_range too_many[11];
	struct damon_ctx *ctx = fake_ctx(test);
	struct fake_monitor *fake = ctx->private;
	struct damon_target *t;
	LIST_HEAD(targets);
	int i, nr;

	/* One region per range at least: more ranges than the maximum fail. */
	for (i = 0; i < ARRAY_SIZE(too_many); i++)
		too_many[i] = (struct damon_addr_range){ 2 * i * PAGE_SIZE,
							 (2 * i + 1) * PAGE_SIZE };
	set_ranges(test, first_target(ctx), too_many, ARRAY_SIZE(too_many));
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_start(&ctx, 1));
	KUNIT_EXPECT_FALSE(test, damon_is_running(ctx));

	damon_destroy_targets(&ctx->targets);
	t = add_pid_target(test, &ctx->targets, 1, "init");
	set_ranges(test, t, before, ARRAY_SIZE(before));
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	msleep(50);
	nr = atomic_read(&fake->nr_aggregations);
	KUNIT_EXPECT_GT(test, nr, 0);

	t = add_pid_target(test, &targets, 1, "init");
	set_ranges(test, t, after, ARRAY_SIZE(after));
	KUNIT_EXPECT_EQ(test, 0, damon_commit(ctx, &ctx->attrs, &targets, NULL));
	damon_destroy_targets(&targets);
	msleep(50);
	KUNIT_EXPECT_GT(test, atomic_read(&fake->nr_aggregations), nr);
	KUNIT_EXPECT_EQ(test, 0, damon_stop(&ctx, 1));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&fake->nr_strays));
	KUNIT_EXPECT_EQ(test, 1u, first_target(ctx)->nr_ranges);
	KUNIT_EXPECT_EQ(test, after[0].start, first_target(ctx)->ranges[0].start);

	/* Too many for a commit too, which then changes nothing. */
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	t = add_pid_target(test, &targets, 1, "init");
	set_ranges(test, t, too_many, ARRAY_SIZE(too_many));
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_commit(ctx, &ctx->attrs, &targets, NULL));
	KUNIT_EXPECT_TRUE(test, list_is_singular(&targets));
	damon_destroy_targets(&targets);
	KUNIT_EXPECT_EQ(test, 1u, first_target(ctx)->nr_ranges);
}

static struct kunit_case damon_kdamond_test_cases[] = {
	KUNIT_CASE(damon_kdamond_test_set_attrs),
	KUNIT_CASE(damon_kdamond_test_start_stop),
	KUNIT_CASE(damon_kdamond_test_callback_stops),
	KUNIT_CASE(damon_kdamond_test_targets_gone),
	KUNIT_CASE(damon_kdamond_test_commit),
	KUNIT_CASE(damon_kdamond_test_ranges),
	{}
};

static struct kunit_suite damon_kdamond_test_suite = {
	.name = "damon_kdamond",
	.test_cases = damon_kdamond_test_cases,
};
kunit_test_suite(damon_kdamond_test_suite);
