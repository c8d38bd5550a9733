// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for DAMON's operation schemes: which regions a pattern
 * matches, which schemes are refused, how statistics add up, and, on a
 * kdamond with fake primitives, that an action restarts a region's age,
 * that a commit keeps the statistics of a scheme by its name, that quotas
 * bound what the action is given and that watermarks keep a scheme from
 * being tried.  quotas_test.c checks the arithmetic of quotas alone.
 */

#include <kunit/test.h>
#include <linux/damon.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/slab.h>

#include "kunit_ctx.h"

/**
 * struct match_case - A region and whether a pattern matches it.
 * @what:	What the case checks.
 * @pattern:	The pattern.
 * @sz:		The size of the region.
 * @nr_accesses: Its access count.
 * @age:	Its age.
 * @match:	Whether the pattern matches it.
 */
struct match_case {
	const char *what;
	struct damos_pattern pattern;
	unsigned long sz;
	unsigned int nr_accesses, age;
	bool match;
};

#define ANY		{ 0, ULONG_MAX }
#define PAGES(n)	((n) * PAGE_SIZE)

static const struct match_case match_cases[] = {
	{ "everything, smallest", { ANY, ANY, ANY }, PAGES(1), 0, 0, true },
	{ "everything, biggest", { ANY, ANY, ANY },
	  ULONG_MAX & PAGE_MASK, UINT_MAX, UINT_MAX, true },
	{ "size below min", { { PAGES(2), PAGES(4) }, ANY, ANY },
	  PAGES(1), 0, 0, false },
	{ "size at min", { { PAGES(2), PAGES(4) }, ANY, ANY },
	  PAGES(2), 0, 0, true },
	{ "size at max", { { PAGES(2), PAGES(4) }, ANY, ANY },
	  PAGES(4), 0, 0, true },
	{ "size above max", { { PAGES(2), PAGES(4) }, ANY, ANY },
	  PAGES(5), 0, 0, false },
	{ "size range of one value", { { PAGES(3), PAGES(3) }, ANY, ANY },
	  PAGES(3), 0, 0, true },
	{ "size one byte short", { { PAGES(2), PAGES(2) - 1 }, ANY, ANY },
	  PAGES(2), 0, 0, false },
	{ "accesses below min", { ANY, { 3, 5 }, ANY }, PAGES(1), 2, 0, false },
	{ "accesses at min", { ANY, { 3, 5 }, ANY }, PAGES(1), 3, 0, true },
	{ "accesses at max", { ANY, { 3, 5 }, ANY }, PAGES(1), 5, 0, true },
	{ "accesses above max", { ANY, { 3, 5 }, ANY }, PAGES(1), 6, 0, false },
	{ "no access only, none", { ANY, { 0, 0 }, ANY }, PAGES(1), 0, 0, true },
	{ "no access only, one", { ANY, { 0, 0 }, ANY }, PAGES(1), 1, 0, false },
	{ "accesses at UINT_MAX", { ANY, { UINT_MAX, UINT_MAX }, ANY },
	  PAGES(1), UINT_MAX, 0, true },
	{ "age below min", { ANY, ANY, { 10, 20 } }, PAGES(1), 0, 9, false },
	{ "age at min", { ANY, ANY, { 10, 20 } }, PAGES(1), 0, 10, true },
	{ "age at max", { ANY, ANY, { 10, 20 } }, PAGES(1), 0, 20, true },
	{ "age above max", { ANY, ANY, { 10, 20 } }, PAGES(1), 0, 21, false },
	{ "age zero only", { ANY, ANY, { 0, 0 } }, PAGES(1), 0, 0, true },
	{ "all three inside", { { PAGES(1), PAGES(8) }, { 0, 5 }, { 3, 3 } },
	  PAGES(8), 5, 3, true },
	{ "one of three outside", { { PAGES(1), PAGES(8) }, { 0, 5 }, { 3, 3 } },
	  PAGES(8), 5, 4, false },
};

static void match_case_desc(const struct match_case *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(match, match_cases, match_case_desc);

/* Each range is closed: both its ends match, and nothing past them. */
static void damon_schemes_test_match(struct kunit *test)
{
	const struct match_case *c = test->param_value;
	struct damon_region *r;
	struct damos *s;

	s = damos_new(NULL, &c->pattern, DAMOS_STAT);
	KUNIT_ASSERT_NOT_NULL(test, s);
	r = damon_region_new(PAGE_SIZE, PAGE_SIZE + c->sz);
	if (!r) {
		damos_free(s);
		KUNIT_ASSERT_FAILURE(test, "out of memory");
	}
	/* The biggest region starts at 0, or its end would wrap. */
	if (c->sz > ULONG_MAX - PAGE_SIZE)
		r->ar = (struct damon_addr_range){ 0, c->sz };
	r->nr_accesses = c->nr_accesses;
	r->age = c->age;
	KUNIT_EXPECT_EQ(test, c->match, damos_matches(s, r));
	damon_region_free(r);
	damos_free(s);
}

/* A new scheme with no pattern matches everything and has no statistics. */
static void damon_schemes_test_new(struct kunit *test)
{
	const struct damos_stats zero = {};
	struct damos *s = damos_new("cold", NULL, DAMOS_PAGEOUT);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, "cold", s->name);
	KUNIT_EXPECT_EQ(test, DAMOS_PAGEOUT, s->action);
	KUNIT_EXPECT_EQ(test, 0ul, s->pattern.sz.min);
	KUNIT_EXPECT_EQ(test, ULONG_MAX, s->pattern.sz.max);
	KUNIT_EXPECT_EQ(test, ULONG_MAX, s->pattern.nr_accesses.max);
	KUNIT_EXPECT_EQ(test, ULONG_MAX, s->pattern.age.max);
	KUNIT_EXPECT_EQ(test, 0, memcmp(&zero, &s->stats, sizeof(zero)));
	KUNIT_EXPECT_EQ(test, 0, damos_validate(s));
	damos_free(s);

	s = damos_new("", NULL, DAMOS_STAT);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_NULL(test, s->name);
	damos_free(s);
}

/* Tried, then applied: regions and bytes, and the wrap past ULONG_MAX. */
static void damon_schemes_test_count(struct kunit *test)
{
	struct damos_stats st = {};

	damos_count(&st, PAGES(4), 0);
	KUNIT_EXPECT_EQ(test, 1ul, st.nr_tried);
	KUNIT_EXPECT_EQ(test, PAGES(4), st.sz_tried);
	KUNIT_EXPECT_EQ(test, 0ul, st.nr_applied);
	KUNIT_EXPECT_EQ(test, 0ul, st.sz_applied);

	damos_count(&st, PAGES(8), PAGES(3));
	KUNIT_EXPECT_EQ(test, 2ul, st.nr_tried);
	KUNIT_EXPECT_EQ(test, PAGES(12), st.sz_tried);
	KUNIT_EXPECT_EQ(test, 1ul, st.nr_applied);
	KUNIT_EXPECT_EQ(test, PAGES(3), st.sz_applied);
	KUNIT_EXPECT_EQ(test, 0ul, st.qt_exceeds);

	st.sz_tried = ULONG_MAX - PAGE_SIZE + 1;
	damos_count(&st, PAGES(2), PAGES(2));
	KUNIT_EXPECT_EQ(test, PAGE_SIZE, st.sz_tried);
	KUNIT_EXPECT_EQ(test, 3ul, st.nr_tried);
	KUNIT_EXPECT_EQ(test, 2ul, st.nr_applied);
	KUNIT_EXPECT_EQ(test, PAGES(5), st.sz_applied);
}

/* Each of these makes a valid scheme invalid. */
static void bad_sz(struct damos *s)
{
	s->pattern.sz = (struct damos_range){ 2, 1 };
}

static void bad_nr_accesses(struct damos *s)
{
	s->pattern.nr_accesses = (struct damos_range){ ULONG_MAX, 0 };
}

static void bad_age(struct damos *s)
{
	s->pattern.age = (struct damos_range){ 1, 0 };
}

static void bad_action(struct damos *s)
{
	s->action = NR_DAMOS_ACTIONS;
}

static void bad_quota_no_interval(struct damos *s)
{
	s->quota.sz = PAGE_SIZE;
}

static void bad_quota_ms(struct damos *s)
{
	s->quota.ms = DAMOS_MAX_QUOTA_MS + 1;
	s->quota.reset_interval_ms = 1000;
}

static void bad_quota_weight(struct damos *s)
{
	s->quota.weight_age = DAMOS_MAX_QUOTA_WEIGHT + 1;
}

static void bad_metric(struct damos *s)
{
	s->wmarks.metric = NR_DAMOS_WMARK_METRICS;
}

static void bad_wmarks_order(struct damos *s)
{
	s->wmarks = (struct damos_watermarks){
		DAMOS_WMARK_FREE_MEM_RATE, 100, 1, 2, 3 };
}

static void bad_wmarks_high(struct damos *s)
{
	s->wmarks = (struct damos_watermarks){
		DAMOS_WMARK_FREE_MEM_RATE, 100, DAMOS_MAX_WMARK + 1, 0, 0 };
}

static void bad_wmarks_interval(struct damos *s)
{
	s->wmarks = (struct damos_watermarks){
		DAMOS_WMARK_FREE_MEM_RATE, 0, 3, 2, 1 };
}

static void bad_wmarks_long_interval(struct damos *s)
{
	s->wmarks.interval_us = DAMON_MAX_INTERVAL_US + 1;
}

static void (*const bad_changes[])(struct damos *s) = {
	bad_sz, bad_nr_accesses, bad_age, bad_action, bad_quota_no_interval,
	bad_quota_ms, bad_quota_weight, bad_metric, bad_wmarks_order,
	bad_wmarks_high, bad_wmarks_interval, bad_wmarks_long_interval,
};

/* The bounds the checks allow are allowed, and one step past is refused. */
static void damon_schemes_test_validate(struct kunit *test)
{
	struct damos *s = damos_new(NULL, NULL, DAMOS_STAT);
	const struct damos_pattern pattern = {
		{ 5, 5 }, { 0, 0 }, { ULONG_MAX, ULONG_MAX } };
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->pattern = pattern;
	s->quota = (struct damos_quota){ DAMOS_MAX_QUOTA_MS, ULONG_MAX,
		DAMOS_MAX_QUOTA_MS, DAMOS_MAX_QUOTA_WEIGHT,
		DAMOS_MAX_QUOTA_WEIGHT, DAMOS_MAX_QUOTA_WEIGHT };
	s->wmarks = (struct damos_watermarks){ DAMOS_WMARK_FREE_MEM_RATE,
		DAMON_MAX_INTERVAL_US, DAMOS_MAX_WMARK, DAMOS_MAX_WMARK, 0 };
	KUNIT_EXPECT_EQ(test, 0, damos_validate(s));
	for (i = 0; i < ARRAY_SIZE(bad_changes); i++) {
		struct damos *bad = damos_new(NULL, NULL, DAMOS_COLD);

		KUNIT_ASSERT_NOT_NULL(test, bad);
		bad_changes[i](bad);
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL, damos_validate(bad),
				    "change %d", i);
		damos_free(bad);
	}
	damos_free(s);
}

/**
 * struct fake_schemes - What the fake primitives and callbacks saw.
 * @nr_aggregations:	Calls of after_schemes().
 * @nr_tried:		Sum of the regions the first scheme noted.
 * @sz_applied:		What apply_scheme() said it applied, in total.
 * @seen_sz_applied:	@sz_applied at the last after_schemes().
 * @seen_stats:		The first scheme's statistics then.
 * @nr_aged:		Regions seen with a non-zero age after the schemes.
 * @nr_bad_tried:	Intervals where a scheme noted other than every region.
 *
 * A stop may come while the schemes are tried, so the checks compare what
 * the last after_schemes() saw.
 */
struct fake_schemes {
	unsigned int nr_aggregations;
	unsigned long nr_tried;
	unsigned long sz_applied, seen_sz_applied;
	struct damos_stats seen_stats;
	unsigned int nr_aged;
	unsigned int nr_bad_tried;
};

static void fake_init(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		if (damon_nr_regions(t))
			continue;
		r = damon_region_new(0, PAGES(64));
		if (r)
			damon_region_append(t, r);
	}
}

static void fake_prepare(struct damon_ctx *ctx)
{
}

/* Every sample finds every region accessed: counts alike, ages grow. */
static void fake_check(struct damon_ctx *ctx)
{
	struct damon_target *t;
	struct damon_region *r;

	damon_for_each_target(t, ctx) {
		damon_for_each_region(r, t)
			r->nr_accesses++;
	}
}

static bool fake_target_valid(struct damon_target *t)
{
	return true;
}

static bool fake_action_supported(enum damos_action action)
{
	return action == DAMOS_PAGEOUT || action == DAMOS_COLD;
}

/* Applies half of each region, so that applied and tried differ. */
static unsigned long fake_apply(struct damon_ctx *ctx, struct damon_target *t,
				struct damon_region *r, const struct damos *s)
{
	struct fake_schemes *fake = ctx->private;
	unsigned long sz = damon_sz_region(r) / 2;

	fake->sz_applied += sz;
	return sz;
}

static int fake_after_schemes(struct damon_ctx *ctx)
{
	struct fake_schemes *fake = ctx->private;
	unsigned int nr_regions = 0;
	struct damon_target *t;
	struct damon_region *r;
	struct damos *s;

	damon_for_each_target(t, ctx) {
		nr_regions += damon_nr_regions(t);
		damon_for_each_region(r, t)
			fake->nr_aged += r->age != 0;
	}
	damon_for_each_scheme(s, ctx) {
		if (s->nr_tried != nr_regions)
			fake->nr_bad_tried++;
	}
	s = list_first_entry(&ctx->schemes, struct damos, list);
	fake->nr_tried += s->nr_tried;
	fake->seen_stats = s->stats;
	fake->seen_sz_applied = fake->sz_applied;
	fake->nr_aggregations++;
	return 0;
}

/* Actions the primitives refuse, and names given twice, are refused. */
static void damon_schemes_test_validate_list(struct kunit *test)
{
	struct damon_primitives prims = {};
	LIST_HEAD(schemes);
	struct damos *a = damos_new("a", NULL, DAMOS_STAT);
	struct damos *b = damos_new("b", NULL, DAMOS_PAGEOUT);
	struct damos *c = damos_new(NULL, NULL, DAMOS_STAT);
	struct damos *d = damos_new(NULL, NULL, DAMOS_STAT);

	KUNIT_ASSERT_TRUE(test, a && b && c && d);
	list_add_tail(&a->list, &schemes);
	list_add_tail(&b->list, &schemes);
	list_add_tail(&c->list, &schemes);
	list_add_tail(&d->list, &schemes);
	/* No primitive applies anything: only DAMOS_STAT can run. */
	KUNIT_EXPECT_EQ(test, -EINVAL, damos_validate_list(&schemes, &prims));
	b->action = DAMOS_STAT;
	KUNIT_EXPECT_EQ(test, 0, damos_validate_list(&schemes, &prims));
	prims.action_supported = fake_action_supported;
	prims.apply_scheme = fake_apply;
	b->action = DAMOS_PAGEOUT;
	KUNIT_EXPECT_EQ(test, 0, damos_validate_list(&schemes, &prims));
	b->action = DAMOS_HUGEPAGE;
	KUNIT_EXPECT_EQ(test, -EINVAL, damos_validate_list(&schemes, &prims));
	b->action = DAMOS_COLD;
	/* Two unnamed schemes are fine; two called "a" are not. */
	kfree(b->name);
	b->name = kstrdup("a", GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, -EINVAL, damos_validate_list(&schemes, &prims));
	damos_destroy_list(&schemes);
	KUNIT_EXPECT_TRUE(test, list_empty(&schemes));
}

/* Replacements take the statistics of the scheme of their name only. */
static void damon_schemes_test_keep_stats(struct kunit *test)
{
	const struct damos_stats st = { 1, 2, 3, 4, 5 };
	LIST_HEAD(from);
	LIST_HEAD(to);
	struct damos *old = damos_new("kept", NULL, DAMOS_STAT);
	struct damos *gone = damos_new("gone", NULL, DAMOS_STAT);
	struct damos *kept = damos_new("kept", NULL, DAMOS_COLD);
	struct damos *fresh = damos_new("fresh", NULL, DAMOS_STAT);
	struct damos *anon = damos_new(NULL, NULL, DAMOS_STAT);

	KUNIT_ASSERT_TRUE(test, old && gone && kept && fresh && anon);
	list_add_tail(&old->list, &from);
	list_add_tail(&gone->list, &from);
	list_add_tail(&kept->list, &to);
	list_add_tail(&fresh->list, &to);
	list_add_tail(&anon->list, &to);
	old->stats = st;
	gone->stats = st;
	gone->stats.nr_tried = 100;
	damos_keep_stats(&from, &to);
	KUNIT_EXPECT_EQ(test, 0, memcmp(&st, &kept->stats, sizeof(st)));
	KUNIT_EXPECT_EQ(test, 0ul, fresh->stats.nr_tried);
	KUNIT_EXPECT_EQ(test, 0ul, anon->stats.nr_tried);
	damos_destroy_list(&from);
	damos_destroy_list(&to);
}

/* Tried regions are noted in order, in the room reserved, which only grows. */
static void damon_schemes_test_tried(struct kunit *test)
{
	struct damos *s = damos_new(NULL, NULL, DAMOS_STAT);
	struct damon_region *r = damon_region_new(PAGES(1), PAGES(3));
	struct damos_tried_region *room;

	KUNIT_ASSERT_TRUE(test, s && r);
	KUNIT_EXPECT_FALSE(test, damos_tried_add(s, 0, r));
	KUNIT_ASSERT_EQ(test, 0, damos_tried_reserve(s, 2));
	r->nr_accesses = 7;
	r->age = 9;
	KUNIT_EXPECT_TRUE(test, damos_tried_add(s, 0, r));
	KUNIT_EXPECT_TRUE(test, damos_tried_add(s, 4, r));
	KUNIT_EXPECT_FALSE(test, damos_tried_add(s, 5, r));
	KUNIT_EXPECT_EQ(test, 2u, s->nr_tried);
	KUNIT_EXPECT_EQ(test, PAGES(1), s->tried[1].ar.start);
	KUNIT_EXPECT_EQ(test, PAGES(3), s->tried[1].ar.end);
	KUNIT_EXPECT_EQ(test, 7u, s->tried[1].nr_accesses);
	KUNIT_EXPECT_EQ(test, 9u, s->tried[1].age);
	KUNIT_EXPECT_EQ(test, 4u, s->tried[1].target_idx);
	room = s->tried;
	KUNIT_ASSERT_EQ(test, 0, damos_tried_reserve(s, 1));
	KUNIT_EXPECT_EQ(test, 0u, s->nr_tried);
	KUNIT_EXPECT_PTR_EQ(test, room, s->tried);
	KUNIT_EXPECT_EQ(test, 2u, s->tried_cap);
	damon_region_free(r);
	damos_free(s);
}

/*
 * A context on fake primitives with one target (pid 1, which only commits
 * look at), sampling every millisecond and aggregating every five, with
 * one scheme for each of @actions matching every region; stopped and freed
 * when the test ends.
 */
static struct damon_ctx *fake_ctx(struct kunit *test,
				  const enum damos_action *actions,
				  unsigned int nr)
{
	const struct damon_attrs attrs = {
		.sample_us = 1000, .aggr_us = 5000, .update_us = 20000,
		.min_nr_regions = 3, .max_nr_regions = 10,
	};
	struct damon_target *t;
	struct damon_ctx *ctx;
	struct damos *s;
	unsigned int i;

	ctx = damon_kunit_ctx(test, &attrs);
	ctx->private = kunit_kzalloc(test, sizeof(struct fake_schemes),
				     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->private);
	ctx->prims = (struct damon_primitives){
		.init = fake_init,
		.prepare_access_checks = fake_prepare,
		.check_accesses = fake_check,
		.target_valid = fake_target_valid,
		.action_supported = fake_action_supported,
		.apply_scheme = fake_apply,
	};
	ctx->callbacks.after_schemes = fake_after_schemes;
	t = damon_target_new();
	KUNIT_ASSERT_NOT_NULL(test, t);
	damon_target_add(ctx, t);
	t->pid = find_get_pid(1);
	KUNIT_ASSERT_NOT_NULL(test, t->pid);
	for (i = 0; i < nr; i++) {
		s = damos_new(i ? "second" : "first", NULL, actions[i]);
		KUNIT_ASSERT_NOT_NULL(test, s);
		damon_add_scheme(ctx, s);
	}
	return ctx;
}

/* Runs @ctx for @ms milliseconds, then stops it. */
static void run_for(struct kunit *test, struct damon_ctx *ctx, unsigned int ms)
{
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	msleep(ms);
	KUNIT_EXPECT_EQ(test, 0, damon_stop(&ctx, 1));
}

static struct damos *first_scheme_of(struct list_head *schemes)
{
	return list_first_entry(schemes, struct damos, list);
}

static struct damos *first_scheme(struct damon_ctx *ctx)
{
	return first_scheme_of(&ctx->schemes);
}

/*
 * Every aggregation tries every region; an action that took effect leaves
 * the region at age 0, and the statistics add up what the primitives did.
 */
static void damon_schemes_test_apply(struct kunit *test)
{
	static const enum damos_action actions[] = { DAMOS_PAGEOUT };
	struct damon_ctx *ctx = fake_ctx(test, actions, 1);
	struct fake_schemes *fake = ctx->private;
	const struct damos_stats *st = &fake->seen_stats;
	struct damos_stats after;

	run_for(test, ctx, 100);
	KUNIT_EXPECT_GT(test, fake->nr_aggregations, 2u);
	KUNIT_EXPECT_EQ(test, 0u, fake->nr_bad_tried);
	KUNIT_EXPECT_EQ(test, 0u, fake->nr_aged);
	KUNIT_EXPECT_EQ(test, fake->nr_tried, st->nr_tried);
	KUNIT_EXPECT_EQ(test, st->nr_tried, st->nr_applied);
	/* The catch-all pattern tries the whole target at every interval. */
	KUNIT_EXPECT_EQ(test, fake->nr_aggregations * PAGES(64),
			st->sz_tried);
	KUNIT_EXPECT_EQ(test, fake->seen_sz_applied, st->sz_applied);
	KUNIT_EXPECT_EQ(test, st->sz_tried / 2, st->sz_applied);
	KUNIT_EXPECT_EQ(test, 0ul, st->qt_exceeds);
	/* A stop during the last interval counts what was done in it. */
	damos_read_stats(first_scheme(ctx), &after);
	KUNIT_EXPECT_GE(test, after.nr_tried, st->nr_tried);
	KUNIT_EXPECT_EQ(test, fake->sz_applied, after.sz_applied);
}

/* DAMOS_STAT counts without calling the primitives, and ages go on. */
static void damon_schemes_test_stat(struct kunit *test)
{
	static const enum damos_action actions[] = { DAMOS_STAT, DAMOS_COLD };
	struct damon_ctx *ctx = fake_ctx(test, actions, 2);
	struct fake_schemes *fake = ctx->private;
	struct damos *stat = first_scheme(ctx);
	struct damos *cold = list_last_entry(&ctx->schemes, struct damos, list);

	/* The only scheme: the regions age, since they count alike. */
	list_del(&cold->list);
	run_for(test, ctx, 100);
	KUNIT_EXPECT_GT(test, fake->nr_aged, 0u);
	KUNIT_EXPECT_EQ(test, 0ul, fake->sz_applied);
	KUNIT_EXPECT_GT(test, fake->seen_stats.nr_tried, 0ul);
	KUNIT_EXPECT_EQ(test, fake->nr_tried, fake->seen_stats.nr_tried);
	KUNIT_EXPECT_EQ(test, 0ul, stat->stats.nr_applied);
	KUNIT_EXPECT_EQ(test, 0ul, stat->stats.sz_applied);

	/* With an action after it, every region ends its interval at age 0. */
	damon_add_scheme(ctx, cold);
	fake->nr_aged = 0;
	run_for(test, ctx, 100);
	KUNIT_EXPECT_EQ(test, 0u, fake->nr_aged);
	KUNIT_EXPECT_GT(test, cold->stats.nr_applied, 0ul);
}

/* Actions the primitives cannot run keep a context from starting. */
static void damon_schemes_test_start_refused(struct kunit *test)
{
	static const enum damos_action actions[] = { DAMOS_HUGEPAGE };
	struct damon_ctx *ctx = fake_ctx(test, actions, 1);

	KUNIT_EXPECT_EQ(test, -EINVAL, damon_start(&ctx, 1));
	KUNIT_EXPECT_FALSE(test, damon_is_running(ctx));
	first_scheme(ctx)->pattern.age = (struct damos_range){ 2, 1 };
	first_scheme(ctx)->action = DAMOS_STAT;
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_start(&ctx, 1));
	first_scheme(ctx)->pattern.age.min = 0;
	KUNIT_EXPECT_EQ(test, 0, damon_start(&ctx, 1));
	KUNIT_EXPECT_EQ(test, 0, damon_stop(&ctx, 1));
}

/* A target list for a commit that keeps the context's target. */
static void commit_targets(struct kunit *test, struct list_head *targets)
{
	struct damon_target *t = damon_target_new();

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->pid = find_get_pid(1);
	list_add_tail(&t->list, targets);
	KUNIT_ASSERT_NOT_NULL(test, t->pid);
}

/*
 * A commit replaces the schemes; the one of the same name carries on with
 * its statistics, and the caller gets the old ones back.  A refused
 * commit changes nothing.
 */
static void damon_schemes_test_commit(struct kunit *test)
{
	static const enum damos_action actions[] = { DAMOS_STAT, DAMOS_COLD };
	struct damon_ctx *ctx = fake_ctx(test, actions, 2);
	struct damos *first = first_scheme(ctx), *kept, *added, *old;
	LIST_HEAD(targets);
	LIST_HEAD(schemes);

	kept = damos_new("second", NULL, DAMOS_PAGEOUT);
	added = damos_new("third", NULL, DAMOS_STAT);
	KUNIT_ASSERT_TRUE(test, kept && added);
	list_add_tail(&kept->list, &schemes);
	list_add_tail(&added->list, &schemes);
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	msleep(50);

	/* Refused: an action the primitives cannot run. */
	added->action = DAMOS_NOHUGEPAGE;
	commit_targets(test, &targets);
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_commit(ctx, &ctx->attrs, &targets,
						    &schemes));
	KUNIT_EXPECT_PTR_EQ(test, first, first_scheme(ctx));
	KUNIT_EXPECT_PTR_EQ(test, kept, first_scheme_of(&schemes));
	added->action = DAMOS_STAT;

	KUNIT_EXPECT_EQ(test, 0, damon_commit(ctx, &ctx->attrs, &targets,
					      &schemes));
	damon_destroy_targets(&targets);
	msleep(50);
	KUNIT_EXPECT_EQ(test, 0, damon_stop(&ctx, 1));

	KUNIT_EXPECT_PTR_EQ(test, kept, first_scheme(ctx));
	KUNIT_EXPECT_PTR_EQ(test, first, first_scheme_of(&schemes));
	old = list_last_entry(&schemes, struct damos, list);
	KUNIT_EXPECT_STREQ(test, "second", old->name);
	/* What the old one counted, and more since. */
	KUNIT_EXPECT_GT(test, old->stats.nr_tried, 0ul);
	KUNIT_EXPECT_GT(test, kept->stats.nr_tried, old->stats.nr_tried);
	KUNIT_EXPECT_GT(test, kept->stats.sz_applied, old->stats.sz_applied);
	KUNIT_EXPECT_LT(test, added->stats.nr_tried, kept->stats.nr_tried);
	damos_destroy_list(&schemes);
}

/* A size quota of 8 pages per @interval_ms for @s. */
static void set_quota(struct damos *s, unsigned long interval_ms)
{
	s->quota.sz = PAGES(8);
	s->quota.reset_interval_ms = interval_ms;
}

/*
 * Over a reset interval longer than the test, a size quota lets a stat
 * scheme count its bytes once, cut out of the 64 pages that match, and
 * counts one interval where it ran out.  A commit that keeps the scheme by
 * its name keeps what it used; a scheme of a new name has a quota of its
 * own.
 */
static void damon_schemes_test_quota_commit(struct kunit *test)
{
	static const enum damos_action actions[] = { DAMOS_STAT };
	struct damon_ctx *ctx = fake_ctx(test, actions, 1);
	struct damos *old = first_scheme(ctx), *kept, *added;
	LIST_HEAD(targets);
	LIST_HEAD(schemes);

	set_quota(old, DAMOS_MAX_QUOTA_MS);
	kept = damos_new("first", NULL, DAMOS_STAT);
	added = damos_new("second", NULL, DAMOS_STAT);
	KUNIT_ASSERT_TRUE(test, kept && added);
	list_add_tail(&kept->list, &schemes);
	list_add_tail(&added->list, &schemes);
	set_quota(kept, DAMOS_MAX_QUOTA_MS);
	set_quota(added, DAMOS_MAX_QUOTA_MS);
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	msleep(50);
	commit_targets(test, &targets);
	KUNIT_EXPECT_EQ(test, 0, damon_commit(ctx, &ctx->attrs, &targets,
					      &schemes));
	damon_destroy_targets(&targets);
	msleep(50);
	KUNIT_EXPECT_EQ(test, 0, damon_stop(&ctx, 1));

	KUNIT_EXPECT_EQ(test, PAGES(8), old->stats.sz_tried);
	KUNIT_EXPECT_EQ(test, 1ul, old->stats.nr_tried);
	KUNIT_EXPECT_EQ(test, 1ul, old->stats.qt_exceeds);
	KUNIT_EXPECT_EQ(test, PAGES(8), kept->stats.sz_tried);
	KUNIT_EXPECT_EQ(test, 1ul, kept->stats.qt_exceeds);
	KUNIT_EXPECT_EQ(test, PAGES(8), added->stats.sz_tried);
	KUNIT_EXPECT_EQ(test, 1ul, added->stats.qt_exceeds);
	damos_destroy_list(&schemes);
}

/*
 * Over reset intervals of 10 ms, each lets a stat scheme count 8 pages and
 * counts once; a stop may cut the last one short.
 */
static void damon_schemes_test_quota_intervals(struct kunit *test)
{
	static const enum damos_action actions[] = { DAMOS_STAT };
	struct damon_ctx *ctx = fake_ctx(test, actions, 1);
	struct damos *s = first_scheme(ctx);
	struct damos_stats st;

	set_quota(s, 10);
	run_for(test, ctx, 100);
	damos_read_stats(s, &st);
	KUNIT_EXPECT_GE(test, st.qt_exceeds, 2ul);
	KUNIT_EXPECT_GE(test, st.sz_tried, st.qt_exceeds * PAGES(8));
	KUNIT_EXPECT_LT(test, st.sz_tried, (st.qt_exceeds + 1) * PAGES(8));
	KUNIT_EXPECT_EQ(test, 0ul, st.sz_applied);
}

/*
 * An action uses its size quota by what it took effect on.  The fake one
 * acts on half of what it is given: given the first 8 pages of the 64
 * that match, it uses 4, so the next cut is of 4 pages, then 2, then 1,
 * of which it uses half a page; the half page left is no whole page to
 * give, and the quota has run out.
 */
static void damon_schemes_test_quota_charges_applied(struct kunit *test)
{
	static const enum damos_action actions[] = { DAMOS_PAGEOUT };
	struct damon_ctx *ctx = fake_ctx(test, actions, 1);
	struct damos *s = first_scheme(ctx);
	struct damos_stats st;

	set_quota(s, DAMOS_MAX_QUOTA_MS);
	run_for(test, ctx, 100);
	damos_read_stats(s, &st);
	KUNIT_EXPECT_EQ(test, 4ul, st.nr_tried);
	KUNIT_EXPECT_EQ(test, PAGES(15), st.sz_tried);
	KUNIT_EXPECT_EQ(test, PAGES(7) + PAGE_SIZE / 2, st.sz_applied);
	KUNIT_EXPECT_EQ(test, 1ul, st.qt_exceeds);
}

/*
 * Free memory is always below the highest watermark and above the lowest:
 * a scheme whose low watermark is the highest stays inactive and is never
 * tried; one whose levels span everything is active.  Both are inactive
 * once the context stopped.
 */
static void damon_schemes_test_wmarks(struct kunit *test)
{
	static const enum damos_action actions[] = { DAMOS_PAGEOUT,
						     DAMOS_COLD };
	struct damon_ctx *ctx = fake_ctx(test, actions, 2);
	struct damos *off = first_scheme(ctx);
	struct damos *on = list_last_entry(&ctx->schemes, struct damos, list);

	off->wmarks = (struct damos_watermarks){ DAMOS_WMARK_FREE_MEM_RATE,
		1000, DAMOS_MAX_WMARK, DAMOS_MAX_WMARK, DAMOS_MAX_WMARK };
	on->wmarks = (struct damos_watermarks){ DAMOS_WMARK_FREE_MEM_RATE,
		1000, DAMOS_MAX_WMARK, DAMOS_MAX_WMARK, 0 };
	KUNIT_ASSERT_EQ(test, 0, damon_start(&ctx, 1));
	msleep(50);
	KUNIT_EXPECT_FALSE(test, damos_is_active(off));
	KUNIT_EXPECT_TRUE(test, damos_is_active(on));
	KUNIT_EXPECT_EQ(test, 0, damon_stop(&ctx, 1));
	KUNIT_EXPECT_EQ(test, 0ul, off->stats.nr_tried);
	KUNIT_EXPECT_EQ(test, 0u, off->nr_tried);
	KUNIT_EXPECT_GT(test, on->stats.nr_tried, 0ul);
	KUNIT_EXPECT_FALSE(test, damos_is_active(on));
}

static struct kunit_case damon_schemes_test_cases[] = {
	KUNIT_CASE_PARAM(damon_schemes_test_match, match_gen_params),
	KUNIT_CASE(damon_schemes_test_new),
	KUNIT_CASE(damon_schemes_test_count),
	KUNIT_CASE(damon_schemes_test_validate),
	KUNIT_CASE(damon_schemes_test_validate_list),
	KUNIT_CASE(damon_schemes_test_keep_stats),
	KUNIT_CASE(damon_schemes_test_tried),
	KUNIT_CASE(damon_schemes_test_apply),
	KUNIT_CASE(damon_schemes_test_stat),
	KUNIT_CASE(damon_schemes_test_start_refused),
	KUNIT_CASE(damon_schemes_test_commit),
	KUNIT_CASE(damon_schemes_test_quota_commit),
	KUNIT_CASE(damon_schemes_test_quota_intervals),
	KUNIT_CASE(damon_schemes_test_quota_charges_applied),
	KUNIT_CASE(damon_schemes_test_wmarks),
	{}
};

static struct kunit_suite damon_schemes_test_suite = {
	.name = "damon_schemes",
	.test_cases = damon_schemes_test_cases,
};
kunit_test_suite(damon_schemes_test_suite);
