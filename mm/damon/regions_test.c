// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for DAMON's region arithmetic: splits, merges, ages, the
 * adaptive count bounds, the three-regions search and range fitting.
 */

#include <kunit/test.h>
#include <linux/damon.h>

#include "regions.h"

#define PG(n)	((unsigned long)(n) * PAGE_SIZE)

struct range_spec {
	unsigned long start, end;
	unsigned int nr_accesses;
};

static int target_resource_init(struct kunit_resource *res, void *target)
{
	res->data = target;
	return 0;
}

static void target_resource_free(struct kunit_resource *res)
{
	damon_target_free(res->data);
}

/* A target with one region per spec; freed when the test ends. */
static struct damon_target *make_target(struct kunit *test,
					const struct range_spec *specs,
					unsigned int nr)
{
	struct damon_target *t = damon_target_new();
	struct damon_region *r;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	if (!kunit_alloc_resource(test, target_resource_init,
				  target_resource_free, GFP_KERNEL, t)) {
		damon_target_free(t);
		KUNIT_ASSERT_FAILURE(test, "out of memory");
	}
	for (i = 0; i < nr; i++) {
		r = damon_region_new(specs[i].start, specs[i].end);
		KUNIT_ASSERT_NOT_NULL(test, r);
		r->nr_accesses = specs[i].nr_accesses;
		damon_region_append(t, r);
	}
	return t;
}

/* Checks @t's regions against @specs, in order, counts included. */
static void expect_target(struct kunit *test, struct damon_target *t,
			  const struct range_spec *specs, unsigned int nr)
{
	struct damon_region *r;
	unsigned int i = 0;

	KUNIT_ASSERT_EQ(test, nr, damon_nr_regions(t));
	damon_for_each_region(r, t) {
		KUNIT_EXPECT_EQ_MSG(test, specs[i].start, r->ar.start, "region %u", i);
		KUNIT_EXPECT_EQ_MSG(test, specs[i].end, r->ar.end, "region %u", i);
		KUNIT_EXPECT_EQ_MSG(test, specs[i].nr_accesses, r->nr_accesses,
				    "region %u", i);
		i++;
	}
}

/* Regions are sorted, disjoint, page aligned, and cover [start, end). */
static void expect_contiguous(struct kunit *test, struct damon_target *t,
			      unsigned long start, unsigned long end)
{
	struct damon_region *r;
	unsigned long expected_start = start;

	damon_for_each_region(r, t) {
		KUNIT_EXPECT_EQ(test, expected_start, r->ar.start);
		KUNIT_EXPECT_LT(test, r->ar.start, r->ar.end);
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED(r->ar.end, PAGE_SIZE));
		expected_start = r->ar.end;
	}
	KUNIT_EXPECT_EQ(test, end, expected_start);
}

static void damon_regions_test_split_at(struct kunit *test)
{
	static const struct range_spec before[] = { { PG(0), PG(100), 7 } };
	static const struct range_spec after[] = {
		{ PG(0), PG(30), 7 }, { PG(30), PG(100), 7 },
	};
	struct damon_target *t = make_target(test, before, 1);
	struct damon_region *r = damon_first_region(t);

	KUNIT_EXPECT_EQ(test, -EINVAL, damon_split_region_at(t, r, PG(0)));
	KUNIT_EXPECT_EQ(test, -EINVAL, damon_split_region_at(t, r, PG(100)));
	KUNIT_EXPECT_EQ(test, 0, damon_split_region_at(t, r, PG(30)));
	expect_target(test, t, after, ARRAY_SIZE(after));
}

static void damon_regions_test_split_evenly(struct kunit *test)
{
	static const struct range_spec before[] = { { PG(0), PG(10), 0 } };
	static const struct range_spec after[] = {
		{ PG(0), PG(3), 0 }, { PG(3), PG(6), 0 }, { PG(6), PG(10), 0 },
	};
	struct damon_target *t = make_target(test, before, 1);

	KUNIT_EXPECT_EQ(test, -EINVAL,
			damon_split_region_evenly(t, damon_first_region(t), 11));
	KUNIT_EXPECT_EQ(test, 0,
			damon_split_region_evenly(t, damon_first_region(t), 3));
	expect_target(test, t, after, ARRAY_SIZE(after));
}

static void damon_regions_test_merge_two(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ PG(0), PG(1), 10 }, { PG(1), PG(4), 20 },
	};
	static const struct range_spec after[] = { { PG(0), PG(4), 17 } };
	struct damon_target *t = make_target(test, before, 2);

	damon_first_region(t)->age = 4;
	damon_last_region(t)->age = 8;
	damon_merge_into_left(t, damon_first_region(t), damon_last_region(t));
	/* (10 * 1 + 20 * 3) / 4 and (4 * 1 + 8 * 3) / 4 */
	expect_target(test, t, after, ARRAY_SIZE(after));
	KUNIT_EXPECT_EQ(test, 7u, damon_first_region(t)->age);
}

static void damon_regions_test_merge_many(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ PG(0), PG(1), 5 }, { PG(1), PG(2), 5 }, { PG(2), PG(3), 6 },
		{ PG(3), PG(4), 20 }, { PG(4), PG(5), 21 },
		/* A gap: never merged across. */
		{ PG(9), PG(10), 21 }, { PG(10), PG(11), 5 },
	};
	static const struct range_spec after[] = {
		{ PG(0), PG(3), 5 }, { PG(3), PG(5), 20 },
		{ PG(9), PG(10), 21 }, { PG(10), PG(11), 5 },
	};
	struct damon_target *t = make_target(test, before, ARRAY_SIZE(before));

	damon_merge_similar_regions(t, 1, ULONG_MAX);
	expect_target(test, t, after, ARRAY_SIZE(after));
}

static void damon_regions_test_merge_keeps_seen(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ PG(0), PG(8), 0 }, { PG(8), PG(9), 1 }, { PG(9), PG(16), 0 },
		{ PG(16), PG(17), 2 }, { PG(17), PG(18), 3 },
	};
	static const struct range_spec after[] = {
		{ PG(0), PG(8), 0 }, { PG(8), PG(9), 1 }, { PG(9), PG(16), 0 },
		{ PG(16), PG(18), 2 },
	};
	struct damon_target *t = make_target(test, before, ARRAY_SIZE(before));

	/* Close counts, but a region seen accessed stays apart from one not. */
	damon_merge_similar_regions(t, 2, ULONG_MAX);
	expect_target(test, t, after, ARRAY_SIZE(after));
}

/* Random cuts from a fixed seed, so that a failure repeats. */
static struct rnd_state *seeded_cuts(struct kunit *test)
{
	struct rnd_state *rnd = kunit_kzalloc(test, sizeof(*rnd), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, rnd);
	prandom_seed_state(rnd, 42);
	return rnd;
}

/* Room for every cut the split tests below expect. */
static const struct damon_attrs split_attrs = {
	.sample_us = 5000, .aggr_us = 100000, .update_us = 1000000,
	.min_nr_regions = 3, .max_nr_regions = 100,
};

static const struct range_spec three_quiet[] = {
	{ PG(0), PG(1024), 0 }, { PG(1024), PG(2048), 0 },
	{ PG(2048), PG(3072), 0 },
};

static void damon_regions_test_split_around_hit(struct kunit *test)
{
	struct damon_target *t = make_target(test, three_quiet,
					     ARRAY_SIZE(three_quiet));
	struct damon_region *r = damon_first_region(t);
	bool found = false;

	r = damon_next_region(r);
	r->prev_nr_accesses = 1;
	r->hit_addr = PG(1300) + 5;
	damon_split_regions(t, &split_attrs, 20, seeded_cuts(test));
	/* The region with the hit is cut into its 4-page window and the rest. */
	damon_for_each_region(r, t) {
		if (r->ar.start == PG(1298) && r->ar.end == PG(1302))
			found = true;
	}
	KUNIT_EXPECT_TRUE(test, found);
	expect_contiguous(test, t, PG(0), PG(3072));
}

/* The number of @t's regions inside [@start, @end). */
static unsigned int nr_regions_in(struct damon_target *t, unsigned long start,
				  unsigned long end)
{
	struct damon_region *r;
	unsigned int nr = 0;

	damon_for_each_region(r, t)
		nr += r->ar.start >= start && r->ar.end <= end;
	return nr;
}

static void damon_regions_test_split_leaves_quiet(struct kunit *test)
{
	struct damon_target *t = make_target(test, three_quiet,
					     ARRAY_SIZE(three_quiet));
	struct damon_region *quiet = damon_first_region(t);
	struct damon_region *busy = damon_next_region(quiet);
	struct damon_region *fresh = damon_next_region(busy);

	/* Nothing in the interval that ended, nor much in the one before. */
	quiet->age = 3;
	/* Accessed in the interval that ended, however old. */
	busy->prev_nr_accesses = 15;
	busy->age = 4;
	fresh->age = 0;
	damon_split_regions(t, &split_attrs, 20, seeded_cuts(test));
	KUNIT_EXPECT_EQ(test, 1u, nr_regions_in(t, PG(0), PG(1024)));
	KUNIT_EXPECT_GE(test, nr_regions_in(t, PG(1024), PG(2048)), 2u);
	KUNIT_EXPECT_GE(test, nr_regions_in(t, PG(2048), PG(3072)), 2u);
	expect_contiguous(test, t, PG(0), PG(3072));
}

static void damon_regions_test_isolate_lone_hits(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ PG(0), PG(1024), 1 }, { PG(1024), PG(2048), 2 },
		{ PG(2048), PG(2304), 1 }, { PG(2304), PG(3584), 1 },
	};
	/*
	 * The second has two accesses, the third is small; the last one's
	 * window is 5 pages, and still starts at a page boundary.
	 */
	static const struct range_spec after[] = {
		{ PG(0), PG(298), 0 }, { PG(298), PG(302), 1 },
		{ PG(302), PG(1024), 0 }, { PG(1024), PG(2048), 2 },
		{ PG(2048), PG(2304), 1 }, { PG(2304), PG(2602), 0 },
		{ PG(2602), PG(2607), 1 }, { PG(2607), PG(3584), 0 },
	};
	struct damon_target *t = make_target(test, before, ARRAY_SIZE(before));
	struct damon_region *r;

	damon_for_each_region(r, t) {
		r->hit_addr = r->ar.start + PG(300) + 5;
		r->age = 3;
	}
	damon_isolate_lone_hits(t);
	expect_target(test, t, after, ARRAY_SIZE(after));
	expect_contiguous(test, t, PG(0), PG(3584));
	/* What is cut off the windows is not quiet yet. */
	damon_for_each_region(r, t)
		KUNIT_EXPECT_EQ(test, r->nr_accesses ? 3u : 0u, r->age);
}

/* A hit known to within a PMD range is cut out as that whole range. */
static void damon_regions_test_isolate_coarse_hit(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ 0, 4 * PMD_SIZE, 1 },
	};
	static const struct range_spec after[] = {
		{ 0, PMD_SIZE, 0 }, { PMD_SIZE, 2 * PMD_SIZE, 1 },
		{ 2 * PMD_SIZE, 4 * PMD_SIZE, 0 },
	};
	struct damon_target *t = make_target(test, before, ARRAY_SIZE(before));
	struct damon_region *r = damon_first_region(t);

	r->hit_addr = PMD_SIZE + PG(7);
	r->hit_sz = PMD_SIZE;
	damon_isolate_lone_hits(t);
	expect_target(test, t, after, ARRAY_SIZE(after));
}

static void damon_regions_test_merge_size_limit(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ PG(0), PG(2), 3 }, { PG(2), PG(4), 3 }, { PG(4), PG(6), 3 },
	};
	static const struct range_spec after[] = {
		{ PG(0), PG(4), 3 }, { PG(4), PG(6), 3 },
	};
	struct damon_target *t = make_target(test, before, ARRAY_SIZE(before));

	damon_merge_similar_regions(t, 0, PG(4));
	expect_target(test, t, after, ARRAY_SIZE(after));
}

static void damon_regions_test_ages(struct kunit *test)
{
	static const struct range_spec specs[] = {
		{ PG(0), PG(1), 10 }, { PG(1), PG(2), 10 },
	};
	struct damon_target *t = make_target(test, specs, 2);
	struct damon_region *steady = damon_first_region(t);
	struct damon_region *jumpy = damon_last_region(t);

	steady->prev_nr_accesses = 11;
	steady->age = 3;
	jumpy->prev_nr_accesses = 2;
	jumpy->age = 3;
	damon_update_ages(t, 2);
	KUNIT_EXPECT_EQ(test, 4u, steady->age);
	KUNIT_EXPECT_EQ(test, 0u, jumpy->age);
}

static void damon_regions_test_split_randomly(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ PG(0), PG(100), 1 }, { PG(100), PG(101), 2 },
		{ PG(200), PG(1200), 3 },
	};
	struct damon_target *t = make_target(test, before, ARRAY_SIZE(before));
	struct damon_region *r;
	unsigned long covered = 0;
	bool page_intact = false;

	damon_split_regions_randomly(t, 3, seeded_cuts(test));
	/* The one-page region cannot be cut; the others become three. */
	KUNIT_EXPECT_EQ(test, 7u, damon_nr_regions(t));
	damon_for_each_region(r, t) {
		covered += damon_sz_region(r);
		if (r->ar.end <= PG(100))
			KUNIT_EXPECT_EQ(test, 1u, r->nr_accesses);
		else if (r->ar.start >= PG(200))
			KUNIT_EXPECT_EQ(test, 3u, r->nr_accesses);
		if (r->ar.start == PG(100) && r->ar.end == PG(101))
			page_intact = true;
	}
	KUNIT_EXPECT_EQ(test, PG(1101), covered);
	KUNIT_EXPECT_TRUE(test, page_intact);
}

/* Whatever the counts, adjustment ends within [min, max] regions. */
static void damon_regions_test_adjust_bounds(struct kunit *test)
{
	struct damon_attrs attrs = {
		.sample_us = 5000, .aggr_us = 100000, .update_us = 1000000,
		.min_nr_regions = 10, .max_nr_regions = 60,
	};
	struct damon_target *t = make_target(test, NULL, 0);
	struct rnd_state *rnd = seeded_cuts(test);
	struct damon_region *r;
	unsigned int i, round;

	for (i = 0; i < 500; i++) {
		r = damon_region_new(PG(i), PG(i + 1));
		KUNIT_ASSERT_NOT_NULL(test, r);
		r->nr_accesses = get_random_u32_below(21);
		damon_region_append(t, r);
	}
	for (round = 0; round < 20; round++) {
		damon_merge_regions(t, 20, &attrs);
		KUNIT_EXPECT_LE(test, damon_nr_regions(t), 60u);
		expect_contiguous(test, t, PG(0), PG(500));
		damon_split_regions(t, &attrs, 20, rnd);
		KUNIT_EXPECT_GE(test, damon_nr_regions(t), 10u);
		KUNIT_EXPECT_LE(test, damon_nr_regions(t), 60u);
		expect_contiguous(test, t, PG(0), PG(500));
		damon_for_each_region(r, t)
			r->nr_accesses = get_random_u32_below(21);
	}

	/* Three big quiet regions are cut up to the minimum. */
	t = make_target(test, NULL, 0);
	for (i = 0; i < 3; i++) {
		r = damon_region_new(PG(i * 1000), PG(i * 1000 + 1000));
		KUNIT_ASSERT_NOT_NULL(test, r);
		damon_region_append(t, r);
	}
	damon_merge_regions(t, 20, &attrs);
	damon_split_regions(t, &attrs, 20, rnd);
	KUNIT_EXPECT_GE(test, damon_nr_regions(t), 10u);
	KUNIT_EXPECT_LE(test, damon_nr_regions(t), 60u);
	KUNIT_EXPECT_EQ(test, PG(3000), damon_target_sz(t));
}

/*
 * The most regions there may be, down to few and back up: both ends hold,
 * the target stays covered, and the work is a few walks of the list, not
 * one per region (which took seconds here).
 */
static void damon_regions_test_adjust_most(struct kunit *test)
{
	struct damon_attrs attrs = {
		.sample_us = 5000, .aggr_us = 100000, .update_us = 1000000,
		.min_nr_regions = 10, .max_nr_regions = 20,
	};
	unsigned long nr = DAMON_MAX_NR_REGIONS, i;
	struct damon_target *t = make_target(test, NULL, 0);
	struct damon_region *r;

	for (i = 0; i < nr; i++) {
		r = damon_region_new(PG(i), PG(i + 1));
		KUNIT_ASSERT_NOT_NULL(test, r);
		/* Seen and unseen in turn: only the count bound merges. */
		r->nr_accesses = i % 2 ? 20 : 0;
		damon_region_append(t, r);
	}
	damon_merge_regions(t, 20, &attrs);
	KUNIT_EXPECT_LE(test, damon_nr_regions(t), 20u);
	KUNIT_EXPECT_GE(test, damon_nr_regions(t), 10u);
	expect_contiguous(test, t, PG(0), PG(nr));

	attrs.min_nr_regions = nr;
	attrs.max_nr_regions = nr;
	damon_split_regions(t, &attrs, 20, seeded_cuts(test));
	KUNIT_EXPECT_EQ(test, (unsigned int)nr, damon_nr_regions(t));
	expect_contiguous(test, t, PG(0), PG(nr));
}

struct three_regions_case {
	const char *desc;
	struct damon_addr_range maps[6];
	unsigned int nr_maps;
	int err;
	struct damon_addr_range expected[3];
};

static const struct three_regions_case three_regions_cases[] = {
	{
		.desc = "heap, libraries and stack",
		.maps = { { 10, 20 }, { 25, 30 }, { 100, 110 }, { 115, 120 },
			  { 1000, 1010 } },
		.nr_maps = 5,
		.expected = { { 10, 30 }, { 100, 120 }, { 1000, 1010 } },
	},
	{
		.desc = "biggest gap first",
		.maps = { { 0, 10 }, { 500, 510 }, { 520, 530 }, { 600, 610 } },
		.nr_maps = 4,
		.expected = { { 0, 10 }, { 500, 530 }, { 600, 610 } },
	},
	{
		.desc = "one gap only",
		.maps = { { 0, 10 }, { 10, 20 }, { 30, 40 } },
		.nr_maps = 3,
		.err = -EINVAL,
	},
	{
		.desc = "no mappings",
		.nr_maps = 0,
		.err = -EINVAL,
	},
};

static void three_regions_desc(const struct three_regions_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(three_regions, three_regions_cases, three_regions_desc);

static void damon_regions_test_three_regions(struct kunit *test)
{
	const struct three_regions_case *c = test->param_value;
	struct damon_gap_finder f;
	struct damon_addr_range ranges[3];
	unsigned int i;

	damon_gaps_init(&f);
	for (i = 0; i < c->nr_maps; i++)
		damon_gaps_add_mapping(&f, c->maps[i].start, c->maps[i].end);
	KUNIT_ASSERT_EQ(test, c->err, damon_gaps_three_regions(&f, ranges));
	if (c->err)
		return;
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, c->expected[i].start, ranges[i].start);
		KUNIT_EXPECT_EQ(test, c->expected[i].end, ranges[i].end);
	}
}

/* Spans fed in order come out as ranges without the biggest gaps. */
static void damon_regions_test_spans(struct kunit *test)
{
	static const struct damon_addr_range spans[] = {
		{ 0, 10 }, { 10, 20 }, { 15, 18 }, { 40, 50 }, { 1000, 1010 },
		{ 1011, 1020 }, { 5000, 5010 }, { 5100, 5110 },
	};
	/* The gaps: 20-40, 50-1000, 1010-1011, 1020-5000, 5010-5100. */
	static const struct damon_addr_range two[] = {
		{ 0, 50 }, { 1000, 1020 }, { 5000, 5110 },
	};
	static const struct damon_addr_range all[] = {
		{ 0, 20 }, { 40, 50 }, { 1000, 1010 }, { 1011, 1020 },
		{ 5000, 5010 }, { 5100, 5110 },
	};
	struct damon_addr_range gaps[8], ranges[9];
	struct damon_span_finder f;
	unsigned int i, n, max;

	for (max = 0; max <= 8; max++) {
		damon_spans_init(&f, gaps, max);
		for (i = 0; i < ARRAY_SIZE(spans); i++)
			damon_spans_add(&f, spans[i].start, spans[i].end);
		n = damon_spans_ranges(&f, ranges);
		/* Five gaps at most, and one range more than gaps kept. */
		KUNIT_ASSERT_EQ(test, min(max, 5U) + 1, n);
		KUNIT_EXPECT_EQ(test, 0UL, ranges[0].start);
		KUNIT_EXPECT_EQ(test, 5110UL, ranges[n - 1].end);
		for (i = 1; i < n; i++)
			KUNIT_EXPECT_LT(test, ranges[i - 1].end,
					ranges[i].start);
		if (max == 2) {
			for (i = 0; i < n; i++) {
				KUNIT_EXPECT_EQ(test, two[i].start,
						ranges[i].start);
				KUNIT_EXPECT_EQ(test, two[i].end, ranges[i].end);
			}
		}
		if (max >= 5) {
			for (i = 0; i < n; i++) {
				KUNIT_EXPECT_EQ(test, all[i].start,
						ranges[i].start);
				KUNIT_EXPECT_EQ(test, all[i].end, ranges[i].end);
			}
		}
	}

	damon_spans_init(&f, gaps, 4);
	KUNIT_EXPECT_EQ(test, 0U, damon_spans_ranges(&f, ranges));
}

static void damon_regions_test_fit_to_ranges(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ PG(10), PG(20), 3 }, { PG(20), PG(30), 5 },
		{ PG(40), PG(50), 7 }, { PG(90), PG(95), 9 },
	};
	static const struct damon_addr_range ranges[] = {
		{ PG(15), PG(25) }, { PG(45), PG(60) }, { PG(70), PG(80) },
	};
	static const struct range_spec after[] = {
		{ PG(15), PG(20), 3 }, { PG(20), PG(25), 5 },
		{ PG(45), PG(60), 7 }, { PG(70), PG(80), 0 },
	};
	struct damon_target *t = make_target(test, before, ARRAY_SIZE(before));

	KUNIT_EXPECT_EQ(test, 0, damon_fit_to_ranges(t, ranges, 3));
	expect_target(test, t, after, ARRAY_SIZE(after));
}

/* A region across a gap is cut, and the part in the gap goes. */
static void damon_regions_test_fit_across_gap(struct kunit *test)
{
	static const struct range_spec before[] = { { PG(0), PG(100), 4 } };
	static const struct damon_addr_range ranges[] = {
		{ PG(0), PG(10) }, { PG(50), PG(60) }, { PG(90), PG(100) },
	};
	static const struct range_spec after[] = {
		{ PG(0), PG(10), 4 }, { PG(50), PG(60), 4 }, { PG(90), PG(100), 4 },
	};
	struct damon_target *t = make_target(test, before, 1);

	KUNIT_EXPECT_EQ(test, 0, damon_fit_to_ranges(t, ranges, 3));
	expect_target(test, t, after, ARRAY_SIZE(after));
}

/*
 * A range between regions, or of a target with none, gets a region of its
 * own, in address order; regions before the first range go.
 */
static void damon_regions_test_fit_new_regions(struct kunit *test)
{
	static const struct range_spec before[] = {
		{ PG(0), PG(5), 6 }, { PG(10), PG(20), 1 }, { PG(50), PG(60), 2 },
	};
	static const struct damon_addr_range ranges[] = {
		{ PG(10), PG(20) }, { PG(30), PG(40) }, { PG(50), PG(60) },
	};
	static const struct range_spec after[] = {
		{ PG(10), PG(20), 1 }, { PG(30), PG(40), 0 }, { PG(50), PG(60), 2 },
	};
	static const struct range_spec fresh[] = {
		{ PG(10), PG(20), 0 }, { PG(30), PG(40), 0 }, { PG(50), PG(60), 0 },
	};
	struct damon_target *t = make_target(test, before, ARRAY_SIZE(before));

	KUNIT_EXPECT_EQ(test, 0, damon_fit_to_ranges(t, ranges, 3));
	expect_target(test, t, after, ARRAY_SIZE(after));

	t = make_target(test, NULL, 0);
	KUNIT_EXPECT_EQ(test, 0, damon_fit_to_ranges(t, ranges, 3));
	expect_target(test, t, fresh, ARRAY_SIZE(fresh));
}

/* Ranges are cut into pieces of one size, a range smaller than that whole. */
static void damon_regions_test_cover_ranges(struct kunit *test)
{
	static const struct damon_addr_range ranges[] = {
		{ PG(0), PG(10) }, { PG(20), PG(40) },
	};
	static const struct range_spec after[] = {
		{ PG(0), PG(10) }, { PG(20), PG(30) }, { PG(30), PG(40) },
	};
	static const struct damon_addr_range small[] = { { PG(0), PG(2) } };
	static const struct range_spec pages[] = {
		{ PG(0), PG(1) }, { PG(1), PG(2) },
	};
	struct damon_target *t = make_target(test, NULL, 0);

	KUNIT_EXPECT_EQ(test, 0, damon_cover_ranges(t, ranges, 2, 3));
	expect_target(test, t, after, ARRAY_SIZE(after));

	/* No region is smaller than a page, however many are asked for. */
	t = make_target(test, NULL, 0);
	KUNIT_EXPECT_EQ(test, 0, damon_cover_ranges(t, small, 1, 10));
	expect_target(test, t, pages, ARRAY_SIZE(pages));
	t = make_target(test, NULL, 0);
	KUNIT_EXPECT_EQ(test, 0, damon_cover_ranges(t, small, 1, 0));
	expect_contiguous(test, t, PG(0), PG(2));
}

static struct kunit_case damon_regions_test_cases[] = {
	KUNIT_CASE(damon_regions_test_split_at),
	KUNIT_CASE(damon_regions_test_split_evenly),
	KUNIT_CASE(damon_regions_test_merge_two),
	KUNIT_CASE(damon_regions_test_merge_many),
	KUNIT_CASE(damon_regions_test_merge_keeps_seen),
	KUNIT_CASE(damon_regions_test_split_around_hit),
	KUNIT_CASE(damon_regions_test_split_leaves_quiet),
	KUNIT_CASE(damon_regions_test_isolate_lone_hits),
	KUNIT_CASE(damon_regions_test_isolate_coarse_hit),
	KUNIT_CASE(damon_regions_test_merge_size_limit),
	KUNIT_CASE(damon_regions_test_ages),
	KUNIT_CASE(damon_regions_test_split_randomly),
	KUNIT_CASE(damon_regions_test_adjust_bounds),
	KUNIT_CASE(damon_regions_test_adjust_most),
	KUNIT_CASE_PARAM(damon_regions_test_three_regions,
			 three_regions_gen_params),
	KUNIT_CASE(damon_regions_test_spans),
	KUNIT_CASE(damon_regions_test_fit_to_ranges),
	KUNIT_CASE(damon_regions_test_fit_new_regions),
	KUNIT_CASE(damon_regions_test_fit_across_gap),
	KUNIT_CASE(damon_regions_test_cover_ranges),
	{}
};

static struct kunit_suite damon_regions_test_suite = {
	.name = "damon_regions",
	.test_cases = damon_regions_test_cases,
};
kunit_test_suite(damon_regions_test_suite);
