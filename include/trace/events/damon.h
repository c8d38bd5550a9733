/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DAMON's tracepoints.  Their fields and formats are an ABI shared with
 * upstream DAMON, so that perf, trace-cmd and the tools built on them read
 * our events unchanged.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM damon

#if !defined(_TRACE_DAMON_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_DAMON_H

#include <linux/damon.h>
#include <linux/tracepoint.h>

/*
 * One event per region at the end of each aggregation interval, before the
 * counts are reset.  @target_id is the target's index in its context.
 */
TRACE_EVENT(damon_aggregated,

	TP_PROTO(unsigned long target_id, unsigned int nr_regions,
		 const struct damon_region *r),

	TP_ARGS(target_id, nr_regions, r),

	/* Pairs: which target, where, and what was seen there. */
	TP_STRUCT__entry(
		__field(unsigned long, target_id) __field(unsigned int, nr_regions)
		__field(unsigned long, start) __field(unsigned long, end)
		__field(unsigned int, nr_accesses) __field(unsigned int, age)
	),

	TP_fast_assign(
		__entry->start = r->ar.start;
		__entry->end = r->ar.end;
		__entry->nr_accesses = r->nr_accesses;
		__entry->age = r->age;
		__entry->target_id = target_id;
		__entry->nr_regions = nr_regions;
	),

	TP_printk("target_id=%lu nr_regions=%u %lu-%lu: %u %u",
		  __entry->target_id, __entry->nr_regions, __entry->start,
		  __entry->end, __entry->nr_accesses, __entry->age)
);

/*
 * One event per region a scheme matched, just before its action is
 * applied.  @context_idx is the context's index in its kdamond, always 0
 * here, where each kdamond runs one context; @scheme_idx and @target_idx
 * are indices in the context; @nr_regions counts the target's regions.
 */
TRACE_EVENT(damos_before_apply,

	TP_PROTO(unsigned int context_idx, unsigned int scheme_idx,
		 unsigned int target_idx, const struct damon_region *r,
		 unsigned int nr_regions),

	TP_ARGS(context_idx, scheme_idx, target_idx, r, nr_regions),

	/* Which scheme, where, what was seen there, and how many regions. */
	TP_STRUCT__entry(
		__field(unsigned int, context_idx) __field(unsigned int, scheme_idx)
		__field(unsigned long, target_idx)
		__field(unsigned long, start) __field(unsigned long, end)
		__field(unsigned int, nr_accesses) __field(unsigned int, age)
		__field(unsigned int, nr_regions)
	),

	TP_fast_assign(
		__entry->nr_regions = nr_regions;
		__entry->age = r->age;
		__entry->nr_accesses = r->nr_accesses;
		__entry->end = r->ar.end;
		__entry->start = r->ar.start;
		__entry->target_idx = target_idx;
		__entry->scheme_idx = scheme_idx;
		__entry->context_idx = context_idx;
	),

	TP_printk("ctx_idx=%u scheme_idx=%u target_idx=%lu nr_regions=%u %lu-%lu: %u %u",
		  __entry->context_idx, __entry->scheme_idx,
		  __entry->target_idx, __entry->nr_regions, __entry->start,
		  __entry->end, __entry->nr_accesses, __entry->age)
);

#endif /* _TRACE_DAMON_H */

/* This part must be outside protection */
#include <trace/define_trace.h>
