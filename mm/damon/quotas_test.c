// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the quotas and watermarks of DAMON's operation schemes:
 * how regions are scored, which scores a quota takes, how its use is
 * counted over reset intervals, and how watermarks turn a scheme on and
 * off.  Every time is given explicitly, so the cases do not depend on the
 * clock; they call schemes.c only, with no kdamond.
 */

#include <kunit/test.h>
#include <linux/damon.h>
#include <linux/mm.h>
#include <linux/slab.h>

#define PAGES(n)	((n) * PAGE_SIZE)
#define MS(n)		((u64)(n) * NSEC_PER_MSEC)

/**
 * struct score_case - A region, a scheme's weights, and the score expected.
 * @what:	What the case checks.
 * @action:	The scheme's action.
 * @weights:	Its weights of size, accesses and age.
 * @nr_pages:	The region's size in pages.
 * @nr_accesses: Its access count.
 * @nr_samples:	The samples of the interval.
 * @age:	Its age, in aggregation intervals of 100 ms.
 * @score:	damos_score() of it.
 */
struct score_case {
	const char *what;
	enum damos_action action;
	unsigned int weights[3];
	unsigned long nr_pages;
	unsigned int nr_accesses, nr_samples, age;
	unsigned int score;
};

/*
 * Sizes in pages and ages in ms go by powers of two, 5 points a step;
 * accesses are a share of the samples: pageout takes it reversed.
 */
static const struct score_case score_cases[] = {
	{ "no weight", DAMOS_PAGEOUT, { 0, 0, 0 }, 64, 0, 20, 50, 0 },
	{ "pageout, never accessed", DAMOS_PAGEOUT, { 0, 1, 0 }, 1, 0, 20, 0,
	  100 },
	{ "pageout, half", DAMOS_PAGEOUT, { 0, 1, 0 }, 1, 10, 20, 0, 50 },
	{ "pageout, always", DAMOS_PAGEOUT, { 0, 1, 0 }, 1, 20, 20, 0, 0 },
	{ "cold, a quarter", DAMOS_COLD, { 0, 7, 0 }, 1, 5, 20, 0, 75 },
	{ "hugepage, never", DAMOS_HUGEPAGE, { 0, 1, 0 }, 1, 0, 20, 0, 0 },
	{ "hugepage, always", DAMOS_HUGEPAGE, { 0, 1, 0 }, 1, 20, 20, 0,
	  100 },
	{ "willneed, a quarter", DAMOS_WILLNEED, { 0, 1, 0 }, 1, 5, 20, 0,
	  25 },
	{ "more accesses than samples", DAMOS_HUGEPAGE, { 0, 1, 0 }, 1, 30,
	  20, 0, 100 },
	{ "no samples", DAMOS_PAGEOUT, { 0, 1, 0 }, 1, 3, 0, 0, 100 },
	{ "one page", DAMOS_PAGEOUT, { 1, 0, 0 }, 1, 0, 20, 0, 5 },
	{ "16 pages", DAMOS_PAGEOUT, { 1, 0, 0 }, 16, 0, 20, 0, 25 },
	{ "huge, saturated", DAMOS_HUGEPAGE, { 1, 0, 0 }, 1UL << 19, 0, 20, 0,
	  100 },
	{ "age 0", DAMOS_PAGEOUT, { 0, 0, 1 }, 1, 0, 20, 0, 0 },
	{ "age 1 s", DAMOS_PAGEOUT, { 0, 0, 1 }, 1, 0, 20, 10, 50 },
	{ "age 2 s", DAMOS_PAGEOUT, { 0, 0, 1 }, 1, 0, 20, 20, 55 },
	{ "age an hour, saturated", DAMOS_PAGEOUT, { 0, 0, 1 }, 1, 0, 20,
	  36000, 100 },
	{ "all three", DAMOS_PAGEOUT, { 1, 1, 1 }, 1, 0, 20, 10, 51 },
	{ "weights 3 to 1", DAMOS_PAGEOUT, { 0, 3, 1 }, 1, 20, 20, 10, 12 },
};

static void score_case_desc(const struct score_case *c, char *desc)
{
	strscpy(desc, c->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(score, score_cases, score_case_desc);

/* Colder and older go first for pageout, hotter for hugepage; bigger too. */
static void damon_quotas_test_score(struct kunit *test)
{
	const struct score_case *c = test->param_value;
	struct damon_region *r;
	struct damos *s;

	s = damos_new(NULL, NULL, c->action);
	KUNIT_ASSERT_NOT_NULL(test, s);
	s->quota.weight_sz = c->weights[0];
	s->quota.weight_nr_accesses = c->weights[1];
	s->quota.weight_age = c->weights[2];
	r = damon_region_new(0, PAGES(c->nr_pages));
	if (!r) {
		damos_free(s);
		KUNIT_ASSERT_FAILURE(test, "out of memory");
	}
	r->nr_accesses = c->nr_accesses;
	r->age = c->age;
	KUNIT_EXPECT_EQ(test, c->score, damos_score(s, r, c->nr_samples,
						    100000));
	damon_region_free(r);
	damos_free(s);
}

/* A pageout scheme with a size quota of @nr_pages per @interval_ms. */
static struct damos *sz_quota_scheme(struct kunit *test,
				     unsigned long nr_pages,
				     unsigned long interval_ms)
{
	struct damos *s = damos_new("q", NULL, DAMOS_PAGEOUT);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->quota.sz = PAGES(nr_pages);
	s->quota.reset_interval_ms = interval_ms;
	s->quota.weight_nr_accesses = 1;
	return s;
}

/*
 * Scores above the threshold go whole, those below not at all, and those
 * at it share what is left, in the order they come, the last one cut.
 */
static void damon_quotas_test_threshold(struct kunit *test)
{
	struct damos *s = sz_quota_scheme(test, 10, 1000);

	damos_quota_begin(s, MS(5));
	/* In address order: hot, the coldest, two warm ones, warmer. */
	damos_quota_rank(s, 40, PAGES(8));
	damos_quota_rank(s, 100, PAGES(6));
	damos_quota_rank(s, 70, PAGES(3));
	damos_quota_rank(s, 70, PAGES(3));
	damos_quota_rank(s, 60, PAGES(1));
	damos_quota_set_threshold(s);
	KUNIT_EXPECT_EQ(test, 70u, s->qs.thres);
	KUNIT_EXPECT_EQ(test, (u64)PAGES(4), s->qs.thres_left);

	KUNIT_EXPECT_EQ(test, 0ul, damos_quota_grant(s, 40, PAGES(8)));
	KUNIT_EXPECT_EQ(test, 1ul, s->stats.qt_exceeds);
	KUNIT_EXPECT_EQ(test, PAGES(6), damos_quota_grant(s, 100, PAGES(6)));
	damos_quota_charge(s, 100, PAGES(6), 1000);
	KUNIT_EXPECT_EQ(test, PAGES(3), damos_quota_grant(s, 70, PAGES(3)));
	damos_quota_charge(s, 70, PAGES(3), 1000);
	KUNIT_EXPECT_EQ(test, PAGES(1), damos_quota_grant(s, 70, PAGES(3)));
	damos_quota_charge(s, 70, PAGES(1), 1000);
	KUNIT_EXPECT_EQ(test, 0ul, damos_quota_grant(s, 60, PAGES(1)));
	/* After a cut, nothing more in this aggregation, whatever its score. */
	KUNIT_EXPECT_TRUE(test, s->qs.cut);
	KUNIT_EXPECT_EQ(test, 0ul, damos_quota_grant(s, 100, PAGES(1)));
	KUNIT_EXPECT_EQ(test, (u64)PAGES(10), s->qs.charged_sz);
	KUNIT_EXPECT_EQ(test, 3000ull, s->qs.charged_ns);
	/* Counted once per reset interval. */
	KUNIT_EXPECT_EQ(test, 1ul, s->stats.qt_exceeds);
	damos_free(s);
}

/* Everything that matches fits: no threshold, and no excess counted. */
static void damon_quotas_test_all_fit(struct kunit *test)
{
	struct damos *s = sz_quota_scheme(test, 10, 1000);

	damos_quota_begin(s, 0);
	damos_quota_rank(s, 0, PAGES(4));
	damos_quota_rank(s, 90, PAGES(6));
	damos_quota_set_threshold(s);
	KUNIT_EXPECT_EQ(test, 0u, s->qs.thres);
	KUNIT_EXPECT_EQ(test, PAGES(4), damos_quota_grant(s, 0, PAGES(4)));
	damos_quota_charge(s, 0, PAGES(4), 0);
	KUNIT_EXPECT_EQ(test, PAGES(6), damos_quota_grant(s, 90, PAGES(6)));
	damos_quota_charge(s, 90, PAGES(6), 0);
	KUNIT_EXPECT_EQ(test, 0ul, s->stats.qt_exceeds);
	/* A part smaller than a page is no part. */
	s->quota.sz = PAGES(10) + 1;
	KUNIT_EXPECT_EQ(test, 0ul, damos_quota_grant(s, 90, PAGES(1)));
	KUNIT_EXPECT_EQ(test, 1ul, s->stats.qt_exceeds);
	damos_free(s);
}

/*
 * A size quota is counted over its reset interval: once used, the next
 * aggregations of the interval get nothing, and the next interval gets
 * it whole again.  Each interval where it ran out counts once.
 */
static void damon_quotas_test_reset_interval(struct kunit *test)
{
	struct damos *s = sz_quota_scheme(test, 4, 100);
	u64 now = MS(1000);
	int i;

	for (i = 0; i < 3; i++, now += MS(40)) {
		damos_quota_begin(s, now);
		damos_quota_rank(s, 50, PAGES(8));
		damos_quota_set_threshold(s);
		KUNIT_EXPECT_EQ(test, i ? 0ul : PAGES(4),
				damos_quota_grant(s, 50, PAGES(8)));
		if (!i)
			damos_quota_charge(s, 50, PAGES(4), 10);
		KUNIT_EXPECT_EQ(test, 1ul, s->stats.qt_exceeds);
	}
	/* 120 ms after its start, a new interval. */
	damos_quota_begin(s, now);
	KUNIT_EXPECT_EQ(test, 0ull, s->qs.charged_sz);
	KUNIT_EXPECT_EQ(test, now, s->qs.window_start);
	damos_quota_rank(s, 50, PAGES(3));
	damos_quota_set_threshold(s);
	KUNIT_EXPECT_EQ(test, PAGES(3), damos_quota_grant(s, 50, PAGES(3)));
	damos_quota_charge(s, 50, PAGES(3), 10);
	KUNIT_EXPECT_EQ(test, 1ul, s->stats.qt_exceeds);
	/* Later in the same interval, a region of 2 pages gets 1. */
	damos_quota_begin(s, now + MS(99));
	damos_quota_rank(s, 50, PAGES(2));
	damos_quota_set_threshold(s);
	KUNIT_EXPECT_EQ(test, PAGES(1), damos_quota_grant(s, 50, PAGES(2)));
	KUNIT_EXPECT_EQ(test, 2ul, s->stats.qt_exceeds);
	damos_free(s);
}

/*
 * A time quota first lets a probe through, stops the scheme once its time
 * is used, and, once the action's rate is known, is turned into bytes for
 * the threshold.
 */
static void damon_quotas_test_time(struct kunit *test)
{
	struct damos *s = damos_new(NULL, NULL, DAMOS_PAGEOUT);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->quota.ms = 2;
	s->quota.reset_interval_ms = 1000;
	s->quota.weight_nr_accesses = 1;
	damos_quota_begin(s, 0);
	damos_quota_rank(s, 50, PAGES(100));
	damos_quota_set_threshold(s);
	/* The rate is not known yet: a probe of 64 pages goes to learn it. */
	KUNIT_EXPECT_EQ(test, 50u, s->qs.thres);
	KUNIT_EXPECT_EQ(test, (u64)DAMOS_QUOTA_PROBE_SZ, s->qs.thres_left);
	KUNIT_EXPECT_EQ(test, PAGES(8), damos_quota_grant(s, 50, PAGES(8)));
	damos_quota_charge(s, 50, PAGES(8), MS(1));
	KUNIT_EXPECT_EQ(test, PAGES(8), damos_quota_grant(s, 50, PAGES(8)));
	damos_quota_charge(s, 50, PAGES(8), MS(1));
	KUNIT_EXPECT_EQ(test, 0ul, damos_quota_grant(s, 50, PAGES(8)));
	KUNIT_EXPECT_EQ(test, 1ul, s->stats.qt_exceeds);

	/* Half of the 16 pages in 2 ms weigh: 8 pages a ms, 16 in 2 ms. */
	damos_quota_begin(s, MS(1000));
	KUNIT_EXPECT_EQ(test, (u64)PAGES(8), s->qs.tp_sz);
	KUNIT_EXPECT_EQ(test, MS(1), s->qs.tp_ns);
	damos_quota_rank(s, 100, PAGES(8));
	damos_quota_rank(s, 50, PAGES(16));
	damos_quota_set_threshold(s);
	KUNIT_EXPECT_EQ(test, 50u, s->qs.thres);
	KUNIT_EXPECT_EQ(test, (u64)PAGES(8), s->qs.thres_left);
	KUNIT_EXPECT_EQ(test, PAGES(8), damos_quota_grant(s, 50, PAGES(16)));
	KUNIT_EXPECT_EQ(test, 2ul, s->stats.qt_exceeds);
	damos_free(s);
}

/*
 * Time spent on nothing, such as a region's unmapped part, is time used,
 * but says nothing of the rate: the next pass probes again, rather than
 * take the rate as zero and stop for good.
 */
static void damon_quotas_test_time_on_nothing(struct kunit *test)
{
	struct damos *s = damos_new(NULL, NULL, DAMOS_PAGEOUT);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->quota.ms = 10;
	s->quota.reset_interval_ms = 1000;
	damos_quota_begin(s, 0);
	damos_quota_rank(s, 0, PAGES(1000));
	damos_quota_set_threshold(s);
	damos_quota_charge(s, 0, 0, MS(1));
	KUNIT_EXPECT_EQ(test, MS(1), s->qs.charged_ns);
	KUNIT_EXPECT_EQ(test, 0ull, s->qs.tp_ns);
	damos_quota_begin(s, MS(100));
	damos_quota_rank(s, 0, PAGES(1000));
	damos_quota_set_threshold(s);
	KUNIT_EXPECT_EQ(test, (u64)DAMOS_QUOTA_PROBE_SZ, s->qs.thres_left);
	damos_free(s);
}

/* A rate too fast to multiply by the time left leaves bytes unbounded. */
static void damon_quotas_test_time_overflow(struct kunit *test)
{
	struct damos *s = damos_new(NULL, NULL, DAMOS_PAGEOUT);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->quota.ms = DAMOS_MAX_QUOTA_MS;
	s->quota.reset_interval_ms = DAMOS_MAX_QUOTA_MS;
	damos_quota_begin(s, 0);
	damos_quota_charge(s, 0, ULONG_MAX, 1);
	damos_quota_charge(s, 0, ULONG_MAX, 1);
	damos_quota_begin(s, MS(DAMOS_MAX_QUOTA_MS));
	damos_quota_rank(s, 0, ULONG_MAX);
	damos_quota_set_threshold(s);
	KUNIT_EXPECT_EQ(test, 0u, s->qs.thres);
	KUNIT_EXPECT_EQ(test, ULONG_MAX, damos_quota_grant(s, 0, ULONG_MAX));
	damos_free(s);
}

/* Without a limit, the quota lets everything through and counts nothing. */
static void damon_quotas_test_unlimited(struct kunit *test)
{
	struct damos *s = damos_new(NULL, NULL, DAMOS_COLD);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->quota.reset_interval_ms = 10;
	s->quota.weight_sz = 5;
	KUNIT_EXPECT_FALSE(test, damos_has_quota(s));
	KUNIT_EXPECT_EQ(test, PAGES(3), damos_quota_grant(s, 0, PAGES(3)));
	damos_quota_charge(s, 0, PAGES(3), MS(5));
	KUNIT_EXPECT_EQ(test, 0ull, s->qs.charged_sz);
	KUNIT_EXPECT_EQ(test, 0ul, s->stats.qt_exceeds);
	damos_free(s);
}

/**
 * struct wmark_step - A reading of the metric and the state it leaves.
 * @value:	The reading.
 * @active:	Whether the scheme is active afterwards.
 */
struct wmark_step {
	unsigned long value;
	bool active;
};

/*
 * Watermarks high 800, mid 500, low 200: active from 200 to 500, inactive
 * below 200 and above 800, and as it was from 501 to 800.
 */
static void damon_quotas_test_wmarks(struct kunit *test)
{
	static const struct wmark_step steps[] = {
		{ 600, false }, { 501, false }, { 500, true }, { 700, true },
		{ 800, true }, { 801, false }, { 650, false }, { 200, true },
		{ 199, false }, { 0, false }, { 300, true }, { 1000, false },
		{ 350, true },
	};
	struct damos *s = damos_new(NULL, NULL, DAMOS_PAGEOUT);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->wmarks = (struct damos_watermarks){ DAMOS_WMARK_FREE_MEM_RATE,
					       1000, 800, 500, 200 };
	damos_wmarks_reset(s);
	KUNIT_EXPECT_FALSE(test, damos_is_active(s));
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		damos_wmarks_update(s, steps[i].value);
		KUNIT_EXPECT_EQ_MSG(test, steps[i].active, damos_is_active(s),
				    "step %d, metric %lu", i, steps[i].value);
	}
	/* Levels all equal: active at that value only. */
	s->wmarks.high = s->wmarks.mid = s->wmarks.low = 400;
	damos_wmarks_update(s, 400);
	KUNIT_EXPECT_TRUE(test, damos_is_active(s));
	damos_wmarks_update(s, 401);
	KUNIT_EXPECT_FALSE(test, damos_is_active(s));
	/* No metric: always active. */
	s->wmarks.metric = DAMOS_WMARK_NONE;
	damos_wmarks_update(s, 1000);
	KUNIT_EXPECT_TRUE(test, damos_is_active(s));
	damos_free(s);
}

/*
 * The metric is read when its interval has passed, not before; with no
 * metric a check makes the scheme active at once.
 */
static void damon_quotas_test_wmarks_check(struct kunit *test)
{
	struct damos *s = damos_new(NULL, NULL, DAMOS_PAGEOUT);
	unsigned long rate;

	KUNIT_ASSERT_NOT_NULL(test, s);
	rate = damos_wmark_metric_value(DAMOS_WMARK_FREE_MEM_RATE);
	KUNIT_EXPECT_LT(test, rate, DAMOS_MAX_WMARK);
	KUNIT_EXPECT_EQ(test, 0ul, damos_wmark_metric_value(DAMOS_WMARK_NONE));

	/* Any rate is between low and mid. */
	s->wmarks = (struct damos_watermarks){ DAMOS_WMARK_FREE_MEM_RATE,
		1000, DAMOS_MAX_WMARK, DAMOS_MAX_WMARK, 0 };
	damos_wmarks_reset(s);
	damos_wmarks_check(s, 5);
	KUNIT_EXPECT_TRUE(test, damos_is_active(s));
	KUNIT_EXPECT_EQ(test, 1005ull, s->wmarks_next_us);
	/* Now any rate is below low, which shows at the next check only. */
	s->wmarks.low = DAMOS_MAX_WMARK;
	damos_wmarks_check(s, 1004);
	KUNIT_EXPECT_TRUE(test, damos_is_active(s));
	damos_wmarks_check(s, 1005);
	KUNIT_EXPECT_FALSE(test, damos_is_active(s));
	/* The end of time stays the end of time. */
	damos_wmarks_check(s, U64_MAX - 1);
	KUNIT_EXPECT_EQ(test, U64_MAX, s->wmarks_next_us);

	s->wmarks.metric = DAMOS_WMARK_NONE;
	damos_wmarks_check(s, 0);
	KUNIT_EXPECT_TRUE(test, damos_is_active(s));
	damos_free(s);
}

/*
 * A replacement of the same name carries on with the use of the quota in
 * the current interval and the state of the watermarks, due for a check.
 */
static void damon_quotas_test_keep(struct kunit *test)
{
	struct damos *old = sz_quota_scheme(test, 4, 1000);
	struct damos *kept = sz_quota_scheme(test, 6, 1000);
	struct damos *fresh = damos_new("fresh", NULL, DAMOS_PAGEOUT);
	LIST_HEAD(from);
	LIST_HEAD(to);

	KUNIT_ASSERT_NOT_NULL(test, fresh);
	list_add_tail(&old->list, &from);
	list_add_tail(&kept->list, &to);
	list_add_tail(&fresh->list, &to);
	damos_quota_begin(old, MS(7));
	damos_quota_charge(old, 0, PAGES(3), 100);
	WRITE_ONCE(old->active, true);
	old->wmarks_next_us = 12345;
	damos_keep_stats(&from, &to);
	KUNIT_EXPECT_EQ(test, (u64)PAGES(3), kept->qs.charged_sz);
	KUNIT_EXPECT_EQ(test, MS(7), kept->qs.window_start);
	KUNIT_EXPECT_TRUE(test, damos_is_active(kept));
	KUNIT_EXPECT_EQ(test, 0ull, kept->wmarks_next_us);
	KUNIT_EXPECT_FALSE(test, damos_is_active(fresh));
	KUNIT_EXPECT_FALSE(test, fresh->qs.window_open);
	/* The new quota of 6 pages has 3 left in the interval. */
	damos_quota_begin(kept, MS(8));
	damos_quota_rank(kept, 0, PAGES(8));
	damos_quota_set_threshold(kept);
	KUNIT_EXPECT_EQ(test, PAGES(3), damos_quota_grant(kept, 0, PAGES(8)));
	damos_destroy_list(&from);
	damos_destroy_list(&to);
}

static struct kunit_case damon_quotas_test_cases[] = {
	KUNIT_CASE_PARAM(damon_quotas_test_score, score_gen_params),
	KUNIT_CASE(damon_quotas_test_threshold),
	KUNIT_CASE(damon_quotas_test_all_fit),
	KUNIT_CASE(damon_quotas_test_reset_interval),
	KUNIT_CASE(damon_quotas_test_time),
	KUNIT_CASE(damon_quotas_test_time_on_nothing),
	KUNIT_CASE(damon_quotas_test_time_overflow),
	KUNIT_CASE(damon_quotas_test_unlimited),
	KUNIT_CASE(damon_quotas_test_wmarks),
	KUNIT_CASE(damon_quotas_test_wmarks_check),
	KUNIT_CASE(damon_quotas_test_keep),
	{}
};

static struct kunit_suite damon_quotas_test_suite = {
	.name = "damon_quotas",
	.test_cases = damon_quotas_test_cases,
};
kunit_test_suite(damon_quotas_test_suite);
