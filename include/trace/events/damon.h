/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DAMON's tracepoint.  Its fields and format are an ABI shared with
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

#endif /* _TRACE_DAMON_H */

/* This part must be outside protection */
#include <trace/define_trace.h>
