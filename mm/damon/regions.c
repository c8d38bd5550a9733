// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON region arithmetic: the adaptive splitting and merging that keeps a
 * target's region count within bounds, region ages, and the fitting of
 * regions to the address ranges a target currently maps.
 */

#define pr_fmt(fmt) "damon: " fmt

#include <linux/minmax.h>
#include <linux/prandom.h>
#include <linux/sched.h>
#include <linux/sort.h>

#include "regions.h"

/**
 * damon_split_region_at() - Cut a region in two at an address.
 * @t:		The target that holds @r.
 * @r:		The region; it keeps the part below @addr.
 * @addr:	Where to cut; strictly inside @r.
 *
 * The new region, from @addr to the old end of @r, follows @r and inherits
 * its access count and age.
 *
 * Context: Process context; may sleep.
 * Return: 0, -EINVAL if @addr is not inside @r, or -ENOMEM.
 */
int damon_split_region_at(struct damon_target *t, struct damon_region *r,
			  unsigned long addr)
{
	struct damon_region *tail;

	if (addr <= r->ar.start || addr >= r->ar.end)
		return -EINVAL;
	tail = damon_region_new(addr, r->ar.end);
	if (!tail)
		return -ENOMEM;
	tail->nr_accesses = r->nr_accesses;
	tail->prev_nr_accesses = r->prev_nr_accesses;
	tail->age = r->age;
	if (r->hit_addr >= addr) {
		tail->hit_addr = r->hit_addr;
		tail->hit_sz = r->hit_sz;
		r->hit_addr = 0;
	}
	r->ar.end = addr;
	damon_region_insert(t, tail, r, damon_next_region(r));
	return 0;
}

/**
 * damon_split_region_evenly() - Cut a region into pieces of equal size.
 * @t:		The target that holds @r.
 * @r:		The region; it becomes the first piece.
 * @nr_pieces:	How many pieces; each is page aligned and the last one takes
 *		what does not divide evenly.
 *
 * Context: Process context; may sleep.
 * Return: 0, -EINVAL if @r is too small for @nr_pieces pages, or -ENOMEM
 * (then @r may be cut into fewer pieces).
 */
int damon_split_region_evenly(struct damon_target *t, struct damon_region *r,
			      unsigned int nr_pieces)
{
	unsigned long piece_sz, start = r->ar.start;
	unsigned int i;
	int err;

	if (!nr_pieces)
		return -EINVAL;
	piece_sz = ALIGN_DOWN(damon_sz_region(r) / nr_pieces,
			      DAMON_MIN_REGION_SZ);
	if (!piece_sz)
		return -EINVAL;
	for (i = 1; i < nr_pieces; i++) {
		err = damon_split_region_at(t, r, start + i * piece_sz);
		if (err)
			return err;
		r = damon_next_region(r);
	}
	return 0;
}

/* Random cuts fall on one of the inner marks of this many equal parts. */
#define RANDOM_CUT_PARTS	10

/*
 * Cuts @r into up to @nr_pieces pieces at random page-aligned points, each
 * cut between a tenth and nine tenths of what is left.
 */
static void split_region_randomly(struct damon_target *t,
				  struct damon_region *r,
				  unsigned int nr_pieces, struct rnd_state *rnd)
{
	unsigned long sz, cut;

	while (--nr_pieces) {
		sz = damon_sz_region(r);
		if (sz < 2 * DAMON_MIN_REGION_SZ)
			return;
		cut = sz / RANDOM_CUT_PARTS *
		      (1 + prandom_u32_state(rnd) % (RANDOM_CUT_PARTS - 1));
		cut = ALIGN_DOWN(cut, DAMON_MIN_REGION_SZ);
		cut = clamp(cut, DAMON_MIN_REGION_SZ, sz - DAMON_MIN_REGION_SZ);
		if (damon_split_region_at(t, r, r->ar.start + cut))
			return;
		r = damon_next_region(r);
	}
}

/*
 * Regions smaller than this are cut at random, not around a hit: a 2 MiB
 * huge page's worth of 4 KiB pages, below which random cuts find a hot
 * spot soon enough.
 */
#define SPOT_REGION_MIN_SZ	(512 * DAMON_MIN_REGION_SZ)
/* The spot cut around a hit is this part of its region. */
#define SPOT_PART		256
/* Few accesses, a SPOT_ACCESS_PART of the samples at most, hint a spot. */
#define SPOT_ACCESS_PART	10

/*
 * Cuts a spot of a SPOT_PART of @r, or the span of the hit if that is
 * bigger, around its hit address out of it, so that the next interval
 * tells whether the accesses come from there.  A small spot costs little
 * precision while it is looked at, and the hit is most likely inside a
 * range of hot memory that it then falls into.
 */
static void split_region_around_hit(struct damon_target *t,
				    struct damon_region *r)
{
	unsigned long hit_sz = max(r->hit_sz, DAMON_MIN_REGION_SZ);
	unsigned long w = ALIGN(damon_sz_region(r) / SPOT_PART,
				DAMON_MIN_REGION_SZ);
	unsigned long start, end, margin;

	w = max(w, hit_sz);
	start = ALIGN_DOWN(r->hit_addr, hit_sz);
	/* In whole pages, the hit a little past the middle if need be. */
	margin = ALIGN((w - hit_sz) / 2, DAMON_MIN_REGION_SZ);
	start = start > r->ar.start + margin ? start - margin : r->ar.start;
	end = min(start + w, r->ar.end);
	if (damon_split_region_at(t, r, start) == 0)
		r = damon_next_region(r);
	damon_split_region_at(t, r, end);
}

/*
 * Few accesses, a SPOT_ACCESS_PART of the samples, over a region that is not
 * small: they may come from a small part of it only, which random cuts
 * would rarely find.  More come from a part that random cuts find sooner.
 */
static bool region_has_spot(const struct damon_region *r,
			    unsigned int max_nr_accesses)
{
	return r->hit_addr &&
		r->prev_nr_accesses * SPOT_ACCESS_PART <= max_nr_accesses &&
		damon_sz_region(r) >= SPOT_REGION_MIN_SZ;
}

/*
 * Every sample found an access, in the interval that ended and the one
 * before (an age): as uniform as samples can tell.
 */
static bool region_is_saturated(const struct damon_region *r,
				unsigned int nr_samples)
{
	return r->age && r->prev_nr_accesses >= max(nr_samples, 1U);
}

/**
 * damon_isolate_lone_hits() - Narrow each big region with one access to it.
 * @t:	The target, merged for reporting.
 *
 * A big region whose samples found one access, at &damon_region->hit_addr,
 * is cut around that address: the spot keeps the access, and the rest
 * counts none, since none of its samples found any, at age 0.  Reported as
 * a whole, such a region would show megabytes as accessed for one accessed
 * page.
 *
 * Context: Process context; may sleep.
 */
void damon_isolate_lone_hits(struct damon_target *t)
{
	struct damon_region *r, *next;

	damon_for_each_region_safe(r, next, t) {
		if (r->nr_accesses != 1 || !r->hit_addr ||
		    damon_sz_region(r) < SPOT_REGION_MIN_SZ)
			continue;
		split_region_around_hit(t, r);
		for (; r != next; r = damon_next_region(r)) {
			if (r->hit_addr)
				continue;
			r->nr_accesses = 0;
			/*
			 * Not quiet yet: the access may come from a hot
			 * range that goes on into it.
			 */
			r->age = 0;
		}
	}
}

/**
 * damon_split_regions_randomly() - Cut every region of a target at random.
 * @t:		The target.
 * @nr_pieces:	How many pieces each region becomes, where it is big enough.
 * @rnd:	Where the cuts come from.
 *
 * Random cuts let the regions find new boundaries between memory that is
 * accessed differently; merging undoes the cuts that found nothing.
 *
 * Context: Process context; may sleep.
 */
void damon_split_regions_randomly(struct damon_target *t,
				  unsigned int nr_pieces, struct rnd_state *rnd)
{
	struct damon_region *r, *next;

	/* @next is saved before the cut, so new pieces are not cut again. */
	damon_for_each_region_safe(r, next, t)
		split_region_randomly(t, r, nr_pieces, rnd);
}

static unsigned int count_distance(unsigned int a, unsigned int b)
{
	return a > b ? a - b : b - a;
}

/* The average of @a and @b, weighted by @wa and @wb. */
static unsigned int weighted_avg(unsigned int a, unsigned long wa,
				 unsigned int b, unsigned long wb)
{
	return div64_u64((u64)a * wa + (u64)b * wb, wa + wb);
}

/**
 * damon_merge_into_left() - Merge a region into the one just before it.
 * @t:	The target that holds both regions.
 * @l:	The left region; it grows to cover @r.
 * @r:	The right region, which must start where @l ends; it is freed.
 *
 * The access count and age of the result are the size-weighted averages of
 * the two regions'.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_merge_into_left(struct damon_target *t, struct damon_region *l,
			   struct damon_region *r)
{
	unsigned long lsz = damon_sz_region(l), rsz = damon_sz_region(r);

	l->nr_accesses = weighted_avg(l->nr_accesses, lsz, r->nr_accesses, rsz);
	l->prev_nr_accesses = weighted_avg(l->prev_nr_accesses, lsz,
					   r->prev_nr_accesses, rsz);
	l->age = weighted_avg(l->age, lsz, r->age, rsz);
	if (!l->hit_addr) {
		l->hit_addr = r->hit_addr;
		l->hit_sz = r->hit_sz;
	}
	l->ar.end = r->ar.end;
	damon_region_destroy(t, r);
}

/**
 * damon_merge_similar_regions() - Merge neighbours with close access counts.
 * @t:		The target.
 * @thres:	Neighbours whose counts differ by at most this are merged.
 * @sz_limit:	No merge makes a region bigger than this.
 *
 * Only regions that touch are merged: a gap between two regions is memory
 * that is not monitored.  A region seen accessed is never merged with one
 * that was not, so that a spot found by a single sample stays apart.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_merge_similar_regions(struct damon_target *t, unsigned int thres,
				 unsigned long sz_limit)
{
	struct damon_region *r, *next, *left = NULL;

	damon_for_each_region_safe(r, next, t) {
		if (left && left->ar.end == r->ar.start &&
		    !left->nr_accesses == !r->nr_accesses &&
		    count_distance(left->nr_accesses, r->nr_accesses) <= thres &&
		    damon_sz_region(left) + damon_sz_region(r) <= sz_limit)
			damon_merge_into_left(t, left, r);
		else
			left = r;
	}
}

/**
 * damon_update_ages() - Age the regions whose access count held steady.
 * @t:		The target.
 * @thres:	A count that moved by more than this since the previous
 *		aggregation interval resets the region's age.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_update_ages(struct damon_target *t, unsigned int thres)
{
	struct damon_region *r;

	damon_for_each_region(r, t) {
		if (count_distance(r->nr_accesses, r->prev_nr_accesses) > thres)
			r->age = 0;
		else if (r->age < UINT_MAX)
			r->age++;
	}
}

/**
 * damon_target_sz() - The bytes a target's regions cover.
 * @t:	The target.
 *
 * Return: the sum of the sizes of @t's regions.
 */
unsigned long damon_target_sz(const struct damon_target *t)
{
	struct damon_region *r;
	unsigned long sz = 0;

	damon_for_each_region(r, t)
		sz += damon_sz_region(r);
	return sz;
}

/*
 * One pass that merges touching neighbours two by two, while @t has more
 * than @max regions, where the pair covers at most @sz_limit.  Returns
 * whether it merged any.  A pass costs one walk of the list and can halve
 * it: merging the smallest pair of all, one pair per walk, cost a walk per
 * region to drop and held the CPU for seconds with many regions.
 */
static bool merge_pairs(struct damon_target *t, unsigned long max,
			unsigned long sz_limit)
{
	struct damon_region *r = damon_first_region(t), *next;
	bool merged = false;

	while (&r->list != &t->regions && damon_nr_regions(t) > max) {
		next = damon_next_region(r);
		if (&next->list == &t->regions)
			break;
		if (r->ar.end == next->ar.start &&
		    damon_sz_region(r) + damon_sz_region(next) <= sz_limit) {
			damon_merge_into_left(t, r, next);
			merged = true;
		}
		r = damon_next_region(r);
	}
	return merged;
}

/*
 * Merges touching neighbours until @t has at most @max regions, or none
 * touch.  Pairs no bigger than twice the average go first, so that the
 * small regions, which hold the detail, keep most of it.
 */
static void merge_down_to(struct damon_target *t, unsigned long max)
{
	unsigned long avg_sz;

	while (damon_nr_regions(t) > max) {
		avg_sz = damon_target_sz(t) / damon_nr_regions(t);
		if (!merge_pairs(t, max, 2 * avg_sz) &&
		    !merge_pairs(t, max, ULONG_MAX))
			break;
		cond_resched();
	}
}

/*
 * Cuts the regions of @t into pieces of even size until it has @min, or
 * as many as its pages allow: the biggest regions get the most pieces.
 * One walk: as the pieces are no bigger than the target's size over @min,
 * there are at least @min of them.
 */
static void split_up_to(struct damon_target *t, unsigned long min)
{
	struct damon_region *r, *next;
	unsigned long piece_sz, nr_pieces, missing;

	if (damon_nr_regions(t) >= min)
		return;
	piece_sz = max_t(unsigned long, DAMON_MIN_REGION_SZ,
			 ALIGN_DOWN(damon_target_sz(t) / min,
				    DAMON_MIN_REGION_SZ));
	damon_for_each_region_safe(r, next, t) {
		missing = min - damon_nr_regions(t);
		if (!missing)
			break;
		nr_pieces = DIV_ROUND_UP(damon_sz_region(r), piece_sz);
		nr_pieces = min(nr_pieces, missing + 1);
		if (nr_pieces > 1 &&
		    damon_split_region_evenly(t, r, nr_pieces) == -ENOMEM)
			break;
		cond_resched();
	}
}

/**
 * damon_merge_regions() - Merge the regions of an aggregation interval.
 * @t:		The target, whose regions hold the counts of the aggregation
 *		interval that just ended.
 * @nr_samples:	The samples that interval took, the highest count possible.
 *		A kdamond short of CPU takes fewer than its attributes ask.
 * @attrs:	The bounds to keep.
 *
 * Merges neighbours whose counts differ by at most a tenth of
 * @nr_samples (at least one), less picky while there are more
 * than @attrs->max_nr_regions, never making a region bigger than the
 * target's size over @attrs->min_nr_regions.  If there are still too
 * many, touching neighbours are merged two by two, small ones first,
 * whatever their counts.  The result is what the interval saw: regions
 * that differ from their neighbours.
 *
 * Context: The caller serializes changes to @t.
 */
void damon_merge_regions(struct damon_target *t, unsigned int nr_samples,
			 const struct damon_attrs *attrs)
{
	unsigned int thres = damon_alike_thres(nr_samples);
	unsigned long sz_limit;

	sz_limit = max(damon_target_sz(t) / attrs->min_nr_regions,
		       (unsigned long)DAMON_MIN_REGION_SZ);
	damon_merge_similar_regions(t, thres, sz_limit);
	while (damon_nr_regions(t) > attrs->max_nr_regions &&
	       thres <= nr_samples) {
		thres *= 2;
		damon_merge_similar_regions(t, thres, sz_limit);
	}
	merge_down_to(t, attrs->max_nr_regions);
}

/**
 * damon_split_regions() - Cut regions up for the next aggregation interval.
 * @t:		The target, merged by damon_merge_regions().
 * @attrs:	The bounds to keep.
 * @nr_samples:	The samples taken in the interval that ended.
 * @rnd:	Where the random cuts come from.
 *
 * Cuts every region that is neither quiet nor saturated at random into
 * two, or three while regions are few, as far as @attrs->max_nr_regions
 * allows, then cuts them evenly, the biggest into the most pieces, until
 * there are @attrs->min_nr_regions.  A big region with few accesses, one
 * of which was seen at &damon_region->hit_addr, is cut around that address
 * instead.  When the target is big enough, it ends with between
 * @attrs->min_nr_regions and @attrs->max_nr_regions regions.
 *
 * Context: Process context; may sleep.
 */
void damon_split_regions(struct damon_target *t,
			 const struct damon_attrs *attrs,
			 unsigned int nr_samples, struct rnd_state *rnd)
{
	unsigned int nr = damon_nr_regions(t), pieces;

	if (nr * 3 <= attrs->max_nr_regions && nr < 2 * attrs->min_nr_regions)
		pieces = 3;
	else if (nr * 2 <= attrs->max_nr_regions)
		pieces = 2;
	else
		pieces = 1;
	if (pieces > 1) {
		struct damon_region *r, *next;
		unsigned int max_nr_accesses = attrs->aggr_us / attrs->sample_us;

		damon_for_each_region_safe(r, next, t) {
			if (region_has_spot(r, max_nr_accesses) &&
			    damon_nr_regions(t) + 2 <= attrs->max_nr_regions)
				split_region_around_hit(t, r);
			else if (!damon_region_is_quiet(r) &&
				 !region_is_saturated(r, nr_samples))
				/*
				 * Their pieces would most likely count the
				 * same and merge back, at the cost of their
				 * samples.
				 */
				split_region_randomly(t, r, pieces, rnd);
		}
	}
	split_up_to(t, attrs->min_nr_regions);
}

/**
 * damon_gaps_init() - Start a search for the two biggest gaps.
 * @f:	The finder.
 */
void damon_gaps_init(struct damon_gap_finder *f)
{
	*f = (struct damon_gap_finder){};
}

/**
 * damon_gaps_add_mapping() - Feed the next mapping of an address space.
 * @f:		The finder.
 * @start:	Start of the mapping; at or above the end of the last one fed.
 * @end:	End of the mapping.
 */
void damon_gaps_add_mapping(struct damon_gap_finder *f, unsigned long start,
			    unsigned long end)
{
	struct damon_addr_range gap = { .start = f->last, .end = start };
	unsigned long gap_sz = gap.end - gap.start;

	if (!f->nr_maps++) {
		f->first = start;
	} else if (gap_sz > f->gaps[0].end - f->gaps[0].start) {
		f->gaps[1] = f->gaps[0];
		f->gaps[0] = gap;
	} else if (gap_sz > f->gaps[1].end - f->gaps[1].start) {
		f->gaps[1] = gap;
	}
	f->last = end;
}

/**
 * damon_gaps_three_regions() - The mapped span without its two biggest gaps.
 * @f:		The finder, fed every mapping.
 * @ranges:	Filled with three ranges in address order: from the first
 *		mapping to the lower gap, between the gaps, and from the upper
 *		gap to the end of the last mapping.
 *
 * Leaving out the two biggest gaps (in a process, usually between the heap
 * and the mmap area and between the mmap area and the stack) keeps huge
 * unmapped spans out of the regions at the price of a few small holes.
 *
 * Return: 0, or -EINVAL if the mappings have fewer than two gaps.
 */
int damon_gaps_three_regions(const struct damon_gap_finder *f,
			     struct damon_addr_range ranges[3])
{
	const struct damon_addr_range *lo = &f->gaps[0], *hi = &f->gaps[1];

	if (f->gaps[1].end == f->gaps[1].start)
		return -EINVAL;
	if (lo->start > hi->start)
		swap(lo, hi);
	ranges[0] = (struct damon_addr_range){ f->first, lo->start };
	ranges[1] = (struct damon_addr_range){ lo->end, hi->start };
	ranges[2] = (struct damon_addr_range){ hi->end, f->last };
	return 0;
}

static unsigned long gap_sz(const struct damon_addr_range *g)
{
	return g->end - g->start;
}

/* Moves the gap at @i of the heap of @f down to its place: smallest on top. */
static void spans_sift_down(struct damon_span_finder *f, unsigned int i)
{
	struct damon_addr_range *g = f->gaps;
	unsigned int child;

	for (; (child = 2 * i + 1) < f->nr_gaps; i = child) {
		if (child + 1 < f->nr_gaps &&
		    gap_sz(&g[child + 1]) < gap_sz(&g[child]))
			child++;
		if (gap_sz(&g[i]) <= gap_sz(&g[child]))
			break;
		swap(g[i], g[child]);
	}
}

/* Moves the gap at @i of the heap of @f up to its place. */
static void spans_sift_up(struct damon_span_finder *f, unsigned int i)
{
	struct damon_addr_range *g = f->gaps;
	unsigned int parent;

	for (; i; i = parent) {
		parent = (i - 1) / 2;
		if (gap_sz(&g[parent]) <= gap_sz(&g[i]))
			break;
		swap(g[i], g[parent]);
	}
}

/**
 * damon_spans_init() - Start a search for the biggest gaps between spans.
 * @f:		The finder.
 * @gaps:	Room for @max_gaps gaps, which the finder uses until
 *		damon_spans_ranges().
 * @max_gaps:	How many gaps to keep.
 */
void damon_spans_init(struct damon_span_finder *f,
		      struct damon_addr_range *gaps, unsigned int max_gaps)
{
	*f = (struct damon_span_finder){ .gaps = gaps, .max_gaps = max_gaps };
}

/**
 * damon_spans_add() - Feed the next span.
 * @f:		The finder.
 * @start:	Start of the span; at or above the start of the last one fed.
 * @end:	End of the span, above @start.
 *
 * A span that touches or overlaps the last one extends it.  Otherwise the
 * gap before it is kept if there is room, or if it is bigger than the
 * smallest gap kept, which it then replaces.  O(log @max_gaps).
 */
void damon_spans_add(struct damon_span_finder *f, unsigned long start,
		     unsigned long end)
{
	struct damon_addr_range gap = { .start = f->last, .end = start };

	if (!f->nr_spans++) {
		f->first = start;
		f->last = end;
		return;
	}
	if (start <= f->last) {
		f->last = max(f->last, end);
		return;
	}
	f->last = end;
	if (f->nr_gaps < f->max_gaps) {
		f->gaps[f->nr_gaps++] = gap;
		spans_sift_up(f, f->nr_gaps - 1);
	} else if (f->max_gaps && gap_sz(&gap) > gap_sz(&f->gaps[0])) {
		f->gaps[0] = gap;
		spans_sift_down(f, 0);
	}
}

static int gap_cmp_start(const void *a, const void *b)
{
	const struct damon_addr_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/**
 * damon_spans_ranges() - The fed spans, less the biggest gaps between them.
 * @f:		The finder, fed every span.  Its gaps end up sorted by
 *		address, and it is to be started again before more feeding.
 * @ranges:	Room for @f->max_gaps + 1 ranges, filled in address order:
 *		from the first span to the first gap kept, between gaps kept,
 *		and from the last gap kept to the end of the last span.
 *
 * Return: the number of ranges, 0 if no span was fed.
 */
unsigned int damon_spans_ranges(struct damon_span_finder *f,
				struct damon_addr_range *ranges)
{
	unsigned long start = f->first;
	unsigned int i;

	if (!f->nr_spans)
		return 0;
	sort(f->gaps, f->nr_gaps, sizeof(*f->gaps), gap_cmp_start, NULL);
	for (i = 0; i < f->nr_gaps; i++) {
		ranges[i] = (struct damon_addr_range){ start, f->gaps[i].start };
		start = f->gaps[i].end;
	}
	ranges[i] = (struct damon_addr_range){ start, f->last };
	return f->nr_gaps + 1;
}

/**
 * damon_cover_ranges() - Give a target its first regions, over some ranges.
 * @t:		The target, with no region yet.
 * @ranges:	Sorted, disjoint, non-empty, page-aligned address ranges.
 * @nr_ranges:	How many.
 * @nr_regions:	About how many regions to cut them into, all of one size
 *		(but for the last of each range), and at least a page.
 *
 * Context: Process context; may sleep.
 * Return: 0, or -ENOMEM (then @t covers the ranges only in part).
 */
int damon_cover_ranges(struct damon_target *t,
		       const struct damon_addr_range *ranges,
		       unsigned int nr_ranges, unsigned long nr_regions)
{
	unsigned long piece_sz, total = 0;
	struct damon_region *r;
	unsigned int i;
	int err;

	/* Disjoint user addresses: the sum cannot wrap. */
	for (i = 0; i < nr_ranges; i++)
		total += ranges[i].end - ranges[i].start;
	piece_sz = max(total / max(nr_regions, 1UL),
		       (unsigned long)DAMON_MIN_REGION_SZ);
	for (i = 0; i < nr_ranges; i++) {
		r = damon_region_new(ranges[i].start, ranges[i].end);
		if (!r)
			return -ENOMEM;
		damon_region_append(t, r);
		err = damon_split_region_evenly(t, r,
				DIV_ROUND_UP(damon_sz_region(r), piece_sz));
		if (err)
			return err;
	}
	return 0;
}

/**
 * damon_fit_to_ranges() - Make a target's regions cover exactly some ranges.
 * @t:		The target.
 * @ranges:	Sorted, disjoint, non-empty, page-aligned address ranges.
 * @nr_ranges:	How many.
 *
 * Regions keep their counts and ages where they still overlap a range: they
 * are cut at range boundaries, dropped outside every range, and the first
 * and last region in each range stretched to its ends.  A range that no
 * region overlapped gets one new region.
 *
 * Context: Process context; may sleep.
 * Return: 0, or -ENOMEM (then @t covers the ranges only in part).
 */
int damon_fit_to_ranges(struct damon_target *t,
			const struct damon_addr_range *ranges,
			unsigned int nr_ranges)
{
	struct damon_region *r = damon_first_region(t), *next, *last = NULL;
	const struct damon_addr_range *ar = ranges, *end = ranges + nr_ranges;
	bool done;
	int err;

	/* One pass over both, in address order: O(regions + ranges). */
	while (ar < end) {
		done = &r->list == &t->regions;
		if (!done && r->ar.end <= ar->start) {
			next = damon_next_region(r);
			damon_region_destroy(t, r);
			r = next;
			continue;
		}
		if (done || r->ar.start >= ar->end) {
			/* No more regions in *ar. */
			if (last) {
				last->ar.end = ar->end;
			} else {
				next = damon_region_new(ar->start, ar->end);
				if (!next)
					return -ENOMEM;
				if (done)
					damon_region_append(t, next);
				else
					damon_region_insert(t, next,
							    damon_prev_region(r),
							    r);
			}
			last = NULL;
			ar++;
			continue;
		}
		if (!last)
			r->ar.start = ar->start;
		if (r->ar.end > ar->end) {
			err = damon_split_region_at(t, r, ar->end);
			if (err)
				return err;
		}
		last = r;
		r = damon_next_region(r);
	}
	while (&r->list != &t->regions) {
		next = damon_next_region(r);
		damon_region_destroy(t, r);
		r = next;
	}
	return 0;
}
