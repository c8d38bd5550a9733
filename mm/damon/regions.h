/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Region arithmetic shared inside mm/damon: splitting, merging, ageing and
 * fitting regions to address ranges.  No locking here: callers own the
 * target they pass in.
 */
#ifndef _MM_DAMON_REGIONS_H
#define _MM_DAMON_REGIONS_H

#include <linux/damon.h>
#include <linux/minmax.h>

/* No region is smaller than a page: that is the finest an access check sees. */
#define DAMON_MIN_REGION_SZ	PAGE_SIZE

/*
 * Counts that differ by at most this part of the samples taken are alike:
 * neighbours that close merge, and a region whose count moved no more
 * ages.
 */
#define DAMON_ALIKE_PART	10

/**
 * damon_alike_thres() - The most two access counts may differ and be alike.
 * @nr_samples:	The samples the counts come from.
 *
 * Return: a DAMON_ALIKE_PART of @nr_samples, and at least one.
 */
static inline unsigned int damon_alike_thres(unsigned int nr_samples)
{
	return max(1U, nr_samples / DAMON_ALIKE_PART);
}

int damon_split_region_at(struct damon_target *t, struct damon_region *r,
			  unsigned long addr);
int damon_split_region_evenly(struct damon_target *t, struct damon_region *r,
			      unsigned int nr_pieces);
void damon_isolate_lone_hits(struct damon_target *t);
void damon_split_regions_randomly(struct damon_target *t,
				  unsigned int nr_pieces, struct rnd_state *rnd);
void damon_merge_into_left(struct damon_target *t, struct damon_region *l,
			   struct damon_region *r);
void damon_merge_similar_regions(struct damon_target *t, unsigned int thres,
				 unsigned long sz_limit);
void damon_update_ages(struct damon_target *t, unsigned int thres);
void damon_merge_regions(struct damon_target *t, unsigned int nr_samples,
			 const struct damon_attrs *attrs);
void damon_split_regions(struct damon_target *t,
			 const struct damon_attrs *attrs,
			 unsigned int nr_samples, struct rnd_state *rnd);
unsigned long damon_target_sz(const struct damon_target *t);

/**
 * struct damon_gap_finder - Finds the two biggest gaps between mappings.
 * @first:	Start of the lowest mapping seen.
 * @last:	End of the highest mapping seen.
 * @nr_maps:	How many mappings were fed.
 * @gaps:	The two biggest gaps so far, biggest first.
 *
 * Fed the mappings of an address space in ascending order, one at a time,
 * so that no list of them has to be built.
 */
struct damon_gap_finder {
	unsigned long first, last;
	unsigned int nr_maps;
	struct damon_addr_range gaps[2];
};

void damon_gaps_init(struct damon_gap_finder *f);
void damon_gaps_add_mapping(struct damon_gap_finder *f, unsigned long start,
			    unsigned long end);
int damon_gaps_three_regions(const struct damon_gap_finder *f,
			     struct damon_addr_range ranges[3]);
/**
 * struct damon_span_finder - Keeps the biggest gaps between spans.
 * @first:	Start of the lowest span seen.
 * @last:	End of the highest span seen.
 * @nr_spans:	How many spans were fed.
 * @gaps:	Room for @max_gaps gaps, a min-heap by size while feeding.
 * @nr_gaps:	How many gaps @gaps holds.
 * @max_gaps:	How many gaps to keep.
 *
 * Fed spans (populated parts of an address space) in ascending order,
 * one at a time, it keeps the @max_gaps biggest gaps between them, so that
 * an address space with any number of spans comes out as at most
 * @max_gaps + 1 ranges that leave out its biggest empty parts.
 */
struct damon_span_finder {
	unsigned long first, last;
	unsigned long nr_spans;
	struct damon_addr_range *gaps;
	unsigned int nr_gaps, max_gaps;
};

void damon_spans_init(struct damon_span_finder *f,
		      struct damon_addr_range *gaps, unsigned int max_gaps);
void damon_spans_add(struct damon_span_finder *f, unsigned long start,
		     unsigned long end);
unsigned int damon_spans_ranges(struct damon_span_finder *f,
				struct damon_addr_range *ranges);
int damon_cover_ranges(struct damon_target *t,
		       const struct damon_addr_range *ranges,
		       unsigned int nr_ranges, unsigned long nr_regions);
int damon_fit_to_ranges(struct damon_target *t,
			const struct damon_addr_range *ranges,
			unsigned int nr_ranges);

#endif /* _MM_DAMON_REGIONS_H */
