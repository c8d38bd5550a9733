// SPDX-License-Identifier: GPL-2.0
/*
 * DAMON primitives for the virtual address space of processes.
 *
 * Regions follow the populated parts of the process's mappings, as its page
 * tables tell at 2 MiB granularity, less the biggest empty gaps, or, where
 * that fails, its mappings less the two biggest unmapped gaps.
 * An access check clears the Accessed bit of the page under a region's
 * sampling address and later looks at it again.  So that reclaim and idle
 * page tracking still see the access we erase, the page is marked young and
 * idle, as idle page tracking does; MMU notifiers carry the check to
 * secondary MMUs such as KVM's, so that a guest's memory is seen too.
 *
 * Quiet regions are looked at once per window of a few samples, where
 * possible through the Accessed bits of the PMD entries that point to page
 * tables: one such bit covers 2 MiB.
 *
 * Scheme actions are the madvise() hints of the same names, given to the
 * target's memory with do_madvise(), one VMA at a time.
 *
 * Locks, outermost first: the target's mmap_lock, read, for every look at
 * its page tables, then the page table lock of the entry looked at.
 * do_madvise() takes mmap_lock itself, so the actions take it only to find
 * the next VMA, and release it before they call do_madvise().
 */

#define pr_fmt(fmt) "damon-va: " fmt

#include <linux/damon.h>
#include <linux/highmem.h>
#include <linux/hugetlb.h>
#include <linux/huge_mm.h>
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmu_notifier.h>
#include <linux/page_idle.h>
#include <linux/prandom.h>
#include <linux/ptrace.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>

#include <asm/tlbflush.h>

#include "regions.h"

/* The process's mm with a reference, or NULL once it has exited. */
static struct mm_struct *vaddr_get_mm(struct damon_target *t)
{
	struct task_struct *task = get_pid_task(t->pid, PIDTYPE_PID);
	struct mm_struct *mm;

	if (!task)
		return NULL;
	mm = get_task_mm(task);
	put_task_struct(task);
	return mm;
}

static int vaddr_three_regions(struct mm_struct *mm,
			       struct damon_addr_range ranges[3])
{
	VMA_ITERATOR(vmi, mm, 0);
	struct damon_gap_finder finder;
	struct vm_area_struct *vma;

	damon_gaps_init(&finder);
	mmap_read_lock(mm);
	for_each_vma(vmi, vma)
		damon_gaps_add_mapping(&finder, vma->vm_start, vma->vm_end);
	mmap_read_unlock(mm);
	return damon_gaps_three_regions(&finder, ranges);
}

/*
 * Whether the pages of @vma can be sampled here.  Raw PFN mappings have no
 * page to mark idle, and hugetlb entries need hugetlb's own helpers and
 * locks, which the page table descents here do not take.
 */
static bool vaddr_vma_sampled(struct vm_area_struct *vma)
{
	return !(vma->vm_flags & VM_PFNMAP) && !is_vm_hugetlb_page(vma);
}

/* The most ranges the populated parts of a target come out as. */
#define VADDR_MAX_RANGES	256

/**
 * struct vaddr_walk - A walk of a process's page tables for populated spans.
 * @finder:	Fed the populated spans, in address order.
 * @budget:	Page tables the walk may still read.  Once it is spent, a
 *		present entry counts as populated whole, without a look below.
 */
struct vaddr_walk {
	struct damon_span_finder finder;
	unsigned long budget;
};

/*
 * The address of the first entry of a page table, from @entry, which maps
 * @addr, to the one that maps @end - 1, each @sz bytes and 1 << @shift of
 * address space, that is not all zero bits: @addr if @entry is not, @end
 * if there is none.  One word-wise scan of a mostly empty table costs
 * less than a look at each entry.  An entry written after the scan is
 * seen at the next look, as one written after its READ_ONCE() would be.
 */
static unsigned long vaddr_next_entry(const void *entry, size_t sz,
				      unsigned int shift, unsigned long addr,
				      unsigned long end)
{
	unsigned long nr = ((end - 1) >> shift) - (addr >> shift) + 1;
	const u8 *found = memchr_inv(entry, 0, nr * sz);
	unsigned long skip;

	if (!found)
		return end;
	skip = (found - (const u8 *)entry) / sz;
	return skip ? ALIGN_DOWN(addr, 1UL << shift) + (skip << shift) : addr;
}

/* A PMD entry that is not empty, a page table or a huge page, is populated. */
static void vaddr_walk_pmds(struct vaddr_walk *w, pud_t *pud,
			    unsigned long addr, unsigned long end)
{
	unsigned long next;

	for (; addr < end; addr = next) {
		addr = vaddr_next_entry(pmd_offset(pud, addr), sizeof(pmd_t),
					PMD_SHIFT, addr, end);
		if (addr == end)
			break;
		next = pmd_addr_end(addr, end);
		if (!pmd_none(READ_ONCE(*pmd_offset(pud, addr))))
			damon_spans_add(&w->finder, addr, next);
	}
}

static void vaddr_walk_puds(struct vaddr_walk *w, p4d_t *p4d,
			    unsigned long addr, unsigned long end)
{
	unsigned long next;
	pud_t *pud, val;

	for (; addr < end; addr = next) {
		addr = vaddr_next_entry(pud_offset(p4d, addr), sizeof(pud_t),
					PUD_SHIFT, addr, end);
		if (addr == end)
			break;
		next = pud_addr_end(addr, end);
		pud = pud_offset(p4d, addr);
		val = READ_ONCE(*pud);
		if (pud_none(val))
			continue;
		if (!w->budget || !pud_present(val) || pud_leaf(val) ||
		    pud_bad(val)) {
			damon_spans_add(&w->finder, addr, next);
			continue;
		}
		w->budget--;
		vaddr_walk_pmds(w, pud, addr, next);
		cond_resched();
	}
}

static void vaddr_walk_p4ds(struct vaddr_walk *w, pgd_t *pgd,
			    unsigned long addr, unsigned long end)
{
	p4d_t *p4d = p4d_offset(pgd, addr), val;
	unsigned long next;

	for (; addr < end; p4d++, addr = next) {
		next = p4d_addr_end(addr, end);
		val = READ_ONCE(*p4d);
		if (p4d_none(val))
			continue;
		if (!w->budget || p4d_bad(val)) {
			damon_spans_add(&w->finder, addr, next);
			continue;
		}
		w->budget--;
		vaddr_walk_puds(w, p4d, addr, next);
	}
}

/*
 * Feeds the populated spans of [@addr, @end), inside one VMA of @mm, to
 * @w: an empty entry at any level is skipped whole, 512 GiB, 1 GiB or
 * 2 MiB with four levels of 4 KiB pages.  Folded levels report no entry
 * empty, so the first real level below decides.
 */
static void vaddr_walk_range(struct vaddr_walk *w, struct mm_struct *mm,
			     unsigned long addr, unsigned long end)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	unsigned long next;

	for (; addr < end; pgd++, addr = next) {
		next = pgd_addr_end(addr, end);
		if (pgd_none(READ_ONCE(*pgd)))
			continue;
		if (pgd_bad(READ_ONCE(*pgd)))
			damon_spans_add(&w->finder, addr, next);
		else
			vaddr_walk_p4ds(w, pgd, addr, next);
	}
}

/*
 * The populated parts of the mappings of @mm as at most @max ranges, in
 * @ranges, with @gaps as room for @max - 1 gaps; returns how many ranges,
 * 0 if nothing is populated.  Mappings whose page tables are not walked
 * here (hugetlb, PFN maps) count as populated whole.  The walk reads at
 * most two page tables per region @ctx may have, so that its cost does
 * not grow with the size of the address space.  The caller's mmap_lock
 * keeps the page tables of every VMA it finds in place.
 */
static unsigned int vaddr_populated_ranges(struct damon_ctx *ctx,
					   struct mm_struct *mm,
					   struct damon_addr_range *ranges,
					   struct damon_addr_range *gaps,
					   unsigned int max)
{
	VMA_ITERATOR(vmi, mm, 0);
	struct vm_area_struct *vma;
	struct vaddr_walk w = { .budget = 2 * ctx->attrs.max_nr_regions };

	damon_spans_init(&w.finder, gaps, max - 1);
	mmap_read_lock(mm);
	for_each_vma(vmi, vma) {
		if (vaddr_vma_sampled(vma))
			vaddr_walk_range(&w, mm, vma->vm_start, vma->vm_end);
		else
			damon_spans_add(&w.finder, vma->vm_start, vma->vm_end);
		cond_resched();
	}
	mmap_read_unlock(mm);
	return damon_spans_ranges(&w.finder, ranges);
}

/*
 * The ranges that the regions of @t, a target of @ctx, are to cover: the
 * populated parts of its mappings, at most a sixteenth of max_nr_regions
 * of them, or else the three regions.  Each range keeps a region of its
 * own, so the ranges set a floor under the kdamond's work: a sixteenth of
 * what max_nr_regions allows, with the rest left for splitting.  Returns an
 * array of them that the caller frees, and their number in *@nr; NULL if
 * the process is gone or on failure.
 */
static struct damon_addr_range *vaddr_target_ranges(struct damon_ctx *ctx,
						    struct damon_target *t,
						    unsigned int *nr)
{
	unsigned int max = clamp_t(unsigned long,
				   ctx->attrs.max_nr_regions / 16, 3,
				   VADDR_MAX_RANGES);
	struct damon_addr_range *ranges;
	struct mm_struct *mm;

	mm = vaddr_get_mm(t);
	if (!mm)
		return NULL;
	/* The gaps go after the ranges. */
	ranges = kmalloc_array(2 * max, sizeof(*ranges), GFP_KERNEL);
	if (ranges) {
		*nr = vaddr_populated_ranges(ctx, mm, ranges, ranges + max,
					     max);
		if (!*nr) {
			*nr = 3;
			if (vaddr_three_regions(mm, ranges)) {
				kfree(ranges);
				ranges = NULL;
			}
		}
	}
	mmput(mm);
	return ranges;
}

/* Covers the target's ranges with min_nr_regions regions of even size. */
static void vaddr_init_target(struct damon_ctx *ctx, struct damon_target *t)
{
	struct damon_addr_range *ranges;
	unsigned int nr;

	ranges = vaddr_target_ranges(ctx, t, &nr);
	if (!ranges)
		return;
	damon_cover_ranges(t, ranges, nr, ctx->attrs.min_nr_regions);
	kfree(ranges);
}

static void vaddr_init(struct damon_ctx *ctx)
{
	struct damon_target *t;

	damon_for_each_target(t, ctx) {
		if (!damon_nr_regions(t))
			vaddr_init_target(ctx, t);
	}
}

static void vaddr_update(struct damon_ctx *ctx)
{
	struct damon_addr_range *ranges;
	struct damon_target *t;
	unsigned int nr;

	damon_for_each_target(t, ctx) {
		/* The user's ranges stay as they are. */
		if (t->nr_ranges)
			continue;
		ranges = vaddr_target_ranges(ctx, t, &nr);
		if (!ranges)
			continue;
		damon_fit_to_ranges(t, ranges, nr);
		kfree(ranges);
	}
}

/**
 * struct vaddr_sample - One page-table look at a sampling address.
 * @clear:	Clear the Accessed state (prepare) rather than read it (check).
 * @young:	Set by a check: the page was accessed.
 * @page_sz:	Set by both: the size of the page found, 0 if none.
 * @cleared:	Set by a prepare that cleared an Accessed bit, which calls
 *		for a TLB flush.
 * @vma:	The VMA of the last look, NULL before the first.
 */
struct vaddr_sample {
	bool clear;
	bool young;
	unsigned long page_sz;
	bool cleared;
	struct vm_area_struct *vma;
};

static void vaddr_sample_folio(struct vaddr_sample *s, struct folio *folio,
			       bool pt_young, unsigned long sz)
{
	s->page_sz = sz;
	if (s->clear) {
		/* Keep the access we erase visible to reclaim. */
		if (pt_young) {
			folio_set_young(folio);
			s->cleared = true;
		}
		folio_set_idle(folio);
	} else {
		/* Reclaim clears PG_idle when it finds the page referenced. */
		s->young = pt_young || !folio_test_idle(folio);
	}
}

#ifdef CONFIG_TRANSPARENT_HUGEPAGE
static void vaddr_sample_pmd(struct vaddr_sample *s, unsigned long addr,
			     pmd_t *pmd)
{
	bool young;

	if (!pmd_present(*pmd) || !pmd_trans_huge(*pmd))
		return;
	if (s->clear)
		young = pmdp_clear_young_notify(s->vma, addr, pmd);
	else
		young = pmd_young(*pmd) ||
			mmu_notifier_test_young(s->vma->vm_mm, addr);
	vaddr_sample_folio(s, page_folio(pmd_page(*pmd)), young,
			   HPAGE_PMD_SIZE);
}
#else
static void vaddr_sample_pmd(struct vaddr_sample *s, unsigned long addr,
			     pmd_t *pmd)
{
}
#endif

static void vaddr_sample_pte(struct vaddr_sample *s, unsigned long addr,
			     pte_t *pte)
{
	struct page *page;
	bool young;

	if (!pte_present(*pte))
		return;
	page = vm_normal_page(s->vma, addr, *pte);
	if (!page)
		return;
	if (s->clear)
		young = ptep_clear_young_notify(s->vma, addr, pte);
	else
		young = pte_young(*pte) ||
			mmu_notifier_test_young(s->vma->vm_mm, addr);
	vaddr_sample_folio(s, page_folio(page), young, PAGE_SIZE);
}

/*
 * The PMD entry mapping @addr in @mm, or NULL.  Huge PUDs (DAX only) are
 * left alone.  The caller's mmap_lock and the VMA around @addr keep the
 * upper levels from being freed.
 */
static pmd_t *vaddr_find_pmd(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	p4d_t *p4d;
	pud_t *pud;

	if (pgd_none(*pgd) || pgd_bad(*pgd))
		return NULL;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d) || p4d_bad(*p4d))
		return NULL;
	pud = pud_offset(p4d, addr);
	if (!pud_present(*pud) || pud_leaf(*pud) || pud_bad(*pud))
		return NULL;
	return pmd_offset(pud, addr);
}

/*
 * Looks at @addr's page in @mm, whose mmap_lock the caller holds.  Regions
 * come in address order, so the VMA of the previous look is tried first:
 * then a direct descent of the page table, cheaper than a page walk.
 */
static void vaddr_sample(struct mm_struct *mm, unsigned long addr,
			 struct vaddr_sample *s)
{
	spinlock_t *ptl;
	pmd_t *pmd;
	pte_t *pte;

	s->young = false;
	s->page_sz = 0;
	if (!s->vma || addr < s->vma->vm_start || addr >= s->vma->vm_end)
		s->vma = vma_lookup(mm, addr);
	if (!s->vma || !vaddr_vma_sampled(s->vma))
		return;
	pmd = vaddr_find_pmd(mm, addr);
	if (!pmd)
		return;
	/* Under the page-table lock, the mapped page cannot go away. */
	ptl = pmd_trans_huge_lock(pmd, s->vma);
	if (ptl) {
		vaddr_sample_pmd(s, addr, pmd);
		spin_unlock(ptl);
		return;
	}
	if (pmd_trans_unstable(pmd))
		return;
	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	vaddr_sample_pte(s, addr, pte);
	pte_unmap_unlock(pte, ptl);
}

#ifdef CONFIG_X86
static void vaddr_flush_local_tlb(void *unused)
{
	flush_tlb_local();
}

/*
 * Only the check at the end of the sampling interval needs the flush
 * done, so the kdamond does not wait for the other CPUs as flush_tlb_mm()
 * would: that wait was most of its time when the target ran on another
 * CPU.  The CPUs that run @mm now flush at once.  One that ran it before
 * keeps its translations, tagged with a PCID, while it runs another mm:
 * a new TLB generation of @mm makes it flush them when it comes back.
 * The increment also orders our Accessed bit writes before the read of
 * mm_cpumask(), as switch_mm() expects.
 */
static void vaddr_flush_tlb(struct mm_struct *mm)
{
	inc_mm_tlb_gen(mm);
	on_each_cpu_mask(mm_cpumask(mm), vaddr_flush_local_tlb, NULL, false);
}
#else
static void vaddr_flush_tlb(struct mm_struct *mm)
{
	flush_tlb_mm(mm);
}
#endif

/* The most samples a window over a quiet region lasts. */
#define QUIET_WINDOW_MAX	4
/* The fewest windows in an aggregation interval, so that counts still vary. */
#define QUIET_WINDOWS_MIN	4
/* The most PMD entries that are not empty one coarse look covers. */
#define COARSE_MAX_PMDS		8
/* The most PMD entries, empty or not, one coarse look goes over. */
#define COARSE_SCAN_PMDS	64

/*
 * Samples per look at a quiet region.  An Accessed bit stays set once it
 * is, so one look at the end of a window of samples sees what each of
 * them would have seen at its own address, for a fraction of the cost.
 * There are at least QUIET_WINDOWS_MIN windows per aggregation interval.
 */
static unsigned int vaddr_quiet_window(const struct damon_ctx *ctx)
{
	unsigned long nr = ctx->attrs.aggr_us / ctx->attrs.sample_us;

	return clamp_t(unsigned long, nr / QUIET_WINDOWS_MIN, 1,
		       QUIET_WINDOW_MAX);
}

/*
 * Whether @r is looked at in windows: it is quiet, and has not counted an
 * access in this interval yet.  Once it has, it is looked at every sample,
 * so that its count says how much of it is accessed, as for the others.
 */
static bool vaddr_windowed(const struct damon_region *r)
{
	return damon_region_is_quiet(r) && !r->nr_accesses;
}

static unsigned long vaddr_random(struct damon_ctx *ctx, unsigned long below)
{
	u64 rnd = (u64)prandom_u32_state(&ctx->sample_rnd) << 32 |
		prandom_u32_state(&ctx->sample_rnd);
	u64 rem;

	/* A plain 64-bit % needs a libgcc helper on 32-bit kernels. */
	div64_u64_rem(rnd, below, &rem);
	return rem;
}

#ifdef CONFIG_ARCH_HAS_NONLEAF_PMD_YOUNG
/*
 * Whether a live mapping lies under [@start, @end), so that the page
 * tables there stay: the VMA of the last look if it does, else one found
 * and kept as that.
 */
static bool vaddr_mapped(struct mm_struct *mm, struct vaddr_sample *s,
			 unsigned long start, unsigned long end)
{
	if (s->vma && s->vma->vm_start < end && start < s->vma->vm_end)
		return true;
	s->vma = find_vma_intersection(mm, start, end);
	return s->vma;
}

/*
 * Clears or reads the Accessed bits of the PMD entries that are not empty
 * from @span->start on, all in one page table, up to @span->end or @max
 * of them; a clear then ends @span after the last one.  Empty entries cost
 * a word-wise scan, so that in sparse memory the look still covers @max
 * populated ones.  For an entry that points to a page table, the CPU sets
 * the bit when it walks through it to any of the 512 pages.  The first
 * huge page mapped there is sampled as usual, and no other: each costs as
 * much as a page sample.  Returns the start of the first range found
 * accessed, 0 if none or on a clear.
 */
static unsigned long vaddr_look_pmds(struct mm_struct *mm,
				     struct damon_addr_range *span,
				     unsigned int max, struct vaddr_sample *s)
{
	unsigned long addr = span->start, end = span->end, stop = addr;
	unsigned int looks = 0;
	bool huge_seen = false;
	pmd_t *first, *pmd, val;

	/* A live mapping under the table keeps it from being freed. */
	if (!vaddr_mapped(mm, s, ALIGN_DOWN(addr, PUD_SIZE),
			  ALIGN(addr + 1, PUD_SIZE)))
		return 0;
	first = vaddr_find_pmd(mm, addr);
	if (!first)
		return 0;
	for (; addr < end && looks < max; addr += PMD_SIZE) {
		pmd = first + ((addr - span->start) >> PMD_SHIFT);
		addr = vaddr_next_entry(pmd, sizeof(*pmd), PMD_SHIFT, addr, end);
		if (addr == end)
			break;
		pmd = first + ((addr - span->start) >> PMD_SHIFT);
		if (!s->vma || addr < s->vma->vm_start ||
		    addr + PMD_SIZE > s->vma->vm_end)
			s->vma = vma_lookup(mm, addr);
		/* Only page tables of a live VMA are sure to stay. */
		if (!s->vma || addr + PMD_SIZE > s->vma->vm_end ||
		    !vaddr_vma_sampled(s->vma))
			continue;
		val = READ_ONCE(*pmd);
		if (!pmd_present(val))
			continue;
		looks++;
		stop = addr + PMD_SIZE;
		if (pmd_leaf(val)) {
			if (huge_seen)
				continue;
			huge_seen = true;
			vaddr_sample(mm, addr, s);
		} else if (pmd_bad(val)) {
			continue;
		} else if (s->clear) {
			if (pmdp_test_and_clear_young(s->vma, addr, pmd))
				s->cleared = true;
		} else {
			s->young = pmd_young(val);
		}
		if (s->young)
			return addr;
	}
	/* The check needs to go no further than the last entry looked at. */
	if (s->clear)
		span->end = stop;
	return 0;
}

/*
 * Of the entries of one page table from @entry, which maps @addr, to the
 * one that maps @end - 1, each @sz bytes and 1 << @shift of address space,
 * those that are not all zero bits: the address of the one at index @nth
 * among them (@addr for the first entry), or @end if there are fewer;
 * *@nr is set to how many were passed, so that with @nth ULONG_MAX it
 * says how many there are.
 */
static unsigned long vaddr_nth_entry(const u8 *entry, size_t sz,
				     unsigned int shift, unsigned long addr,
				     unsigned long end, unsigned long nth,
				     unsigned long *nr)
{
	unsigned long start = addr, size = 1UL << shift;

	for (*nr = 0; addr < end;
	     addr = min(ALIGN_DOWN(addr, size) + size, end)) {
		addr = vaddr_next_entry(entry + ((addr >> shift) -
						 (start >> shift)) * sz,
					sz, shift, addr, end);
		if (addr == end)
			break;
		if ((*nr)++ == nth)
			return addr;
	}
	return end;
}

/*
 * A random one of the entries that vaddr_nth_entry() would pass, each as
 * likely, or @end if there is none.  So a coarse look finds memory where
 * it is thin, and no part of it is favoured for the size of the empty
 * space before it.
 */
static unsigned long vaddr_random_entry(struct damon_ctx *ctx,
					const void *entry, size_t sz,
					unsigned int shift, unsigned long addr,
					unsigned long end)
{
	unsigned long nr = ((end - 1) >> shift) - (addr >> shift) + 1;
	unsigned long pick = vaddr_random(ctx, nr);

	/*
	 * A random entry of all, if it is not empty, else a random one of
	 * those that are not: each of these is as likely either way, and
	 * where memory is dense one look does.
	 */
	if (memchr_inv((const u8 *)entry + pick * sz, 0, sz))
		return pick ? ALIGN_DOWN(addr, 1UL << shift) + (pick << shift) :
			      addr;
	vaddr_nth_entry(entry, sz, shift, addr, end, ULONG_MAX, &nr);
	if (!nr)
		return end;
	return vaddr_nth_entry(entry, sz, shift, addr, end,
			       vaddr_random(ctx, nr), &nr);
}

/*
 * A random one of the gigabytes (PUD entries) from @addr to @end that are
 * not empty, or @end; @addr and @end - 1 are under one PUD table.
 */
static unsigned long vaddr_random_pud(struct damon_ctx *ctx,
				      struct mm_struct *mm,
				      struct vaddr_sample *s,
				      unsigned long addr, unsigned long end)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	p4d_t *p4d;

	/* A live mapping under the table keeps it from being freed. */
	if (!vaddr_mapped(mm, s, ALIGN_DOWN(addr, P4D_SIZE), end))
		return end;
	if (pgd_none(*pgd) || pgd_bad(*pgd))
		return end;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d) || p4d_bad(*p4d))
		return end;
	return vaddr_random_entry(ctx, pud_offset(p4d, addr), sizeof(pud_t),
				  PUD_SHIFT, addr, end);
}

/*
 * The first of the 2 MiB ranges (PMD entries) from @addr to @end that is
 * not empty, from a random one on and around to @addr, or @end if there
 * is none; @addr is PMD aligned and @end - 1 under the same PMD table.
 * One partial scan, cheaper than picking among them as for gigabytes:
 * a range after a long empty stretch is favoured, but only within one
 * gigabyte.
 */
static unsigned long vaddr_random_pmd(struct damon_ctx *ctx,
				      struct mm_struct *mm,
				      struct vaddr_sample *s,
				      unsigned long addr, unsigned long end)
{
	unsigned long pick, found;
	pmd_t *pmd;

	if (!vaddr_mapped(mm, s, ALIGN_DOWN(addr, PUD_SIZE), end))
		return end;
	pmd = vaddr_find_pmd(mm, addr);
	if (!pmd)
		return end;
	pick = vaddr_random(ctx, (end - addr + PMD_SIZE - 1) >> PMD_SHIFT);
	found = vaddr_next_entry(pmd + pick, sizeof(*pmd), PMD_SHIFT,
				 addr + (pick << PMD_SHIFT), end);
	if (found < end || !pick)
		return found;
	found = vaddr_next_entry(pmd, sizeof(*pmd), PMD_SHIFT, addr,
				 addr + (pick << PMD_SHIFT));
	return found < addr + (pick << PMD_SHIFT) ? found : end;
}

/*
 * Starts a coarse look at quiet region @r, at up to COARSE_MAX_PMDS whole
 * PMD ranges inside it that are not empty, from a random one of them on,
 * in a random gigabyte of it that has memory.  The page sample goes to what
 * no whole range covers, if any: the ends, which the PMD bits cannot tell
 * from the neighbours, and where a hot spot found in part most likely goes
 * on.  Returns false where the look cannot be done: where the CPU does not
 * set the bit in such entries, or where a secondary MMU would not be asked.
 */
static bool vaddr_prepare_coarse(struct damon_ctx *ctx, struct mm_struct *mm,
				 struct damon_region *r, struct vaddr_sample *s)
{
	unsigned long first = ALIGN(r->ar.start, PMD_SIZE);
	unsigned long last = ALIGN_DOWN(r->ar.end, PMD_SIZE);
	unsigned long head = first - r->ar.start, ends;
	unsigned long nr, start, end, off;

	if (!arch_has_hw_nonleaf_pmd_young() || mm_has_notifiers(mm) ||
	    first >= last)
		return false;
	/*
	 * A random PMD range picks the PUD table; then a random gigabyte
	 * with memory in it, and a random 2 MiB with memory in that.
	 */
	nr = (last - first) / PMD_SIZE;
	start = first + vaddr_random(ctx, nr) * PMD_SIZE;
	end = min(last, ALIGN(start + 1, P4D_SIZE));
	start = max(first, ALIGN_DOWN(start, P4D_SIZE));
	start = vaddr_random_pud(ctx, mm, s, start, end);
	if (start < end) {
		end = min(end, ALIGN(start + 1, PUD_SIZE));
		start = vaddr_random_pmd(ctx, mm, s, start, end);
		end = min(end, start + COARSE_SCAN_PMDS * PMD_SIZE);
	}
	r->sampling_span = (struct damon_addr_range){ start, end };
	if (start < end)
		vaddr_look_pmds(mm, &r->sampling_span, COARSE_MAX_PMDS, s);

	ends = head + r->ar.end - last;
	off = vaddr_random(ctx, ends ?: damon_sz_region(r));
	if (ends && off >= head)
		off += last - first;
	r->sampling_addr = r->ar.start + off;
	vaddr_sample(mm, r->sampling_addr, s);
	return true;
}
#else
static unsigned long vaddr_look_pmds(struct mm_struct *mm,
				     struct damon_addr_range *span,
				     unsigned int max, struct vaddr_sample *s)
{
	return 0;
}

static bool vaddr_prepare_coarse(struct damon_ctx *ctx, struct mm_struct *mm,
				 struct damon_region *r, struct vaddr_sample *s)
{
	return false;
}
#endif

static void vaddr_prepare_target(struct damon_ctx *ctx, struct mm_struct *mm,
				 struct damon_target *t)
{
	bool window_starts = ctx->nr_samples % vaddr_quiet_window(ctx) == 0;
	struct vaddr_sample s = { .clear = true };
	struct damon_region *r;

	mmap_assert_locked(mm);
	damon_for_each_region(r, t) {
		if (vaddr_windowed(r) && !window_starts)
			continue;	/* A window over it is open. */
		r->sampling_span.start = r->sampling_span.end = 0;
		if (vaddr_windowed(r) && vaddr_prepare_coarse(ctx, mm, r, &s))
			continue;
		r->sampling_addr = r->ar.start +
			vaddr_random(ctx, damon_sz_region(r));
		vaddr_sample(mm, r->sampling_addr, &s);
		cond_resched();
	}
	/*
	 * A CPU that still caches a translation does not set the Accessed
	 * bit again, and big TLBs (QEMU's software TLB holds thousands of
	 * pages) would hide a hot page for good.  One flush per target and
	 * interval, only if a bit was cleared.
	 */
	if (s.cleared)
		vaddr_flush_tlb(mm);
}

static void vaddr_count_hit(struct damon_region *r, unsigned long addr,
			    unsigned long sz)
{
	r->nr_accesses++;
	r->hit_addr = addr;
	r->hit_sz = sz;
}

/*
 * Ends a window over quiet region @r: one access at most, from its page
 * sample or else its coarse look.  An update of the regions during the
 * window may have left either outside @r.
 */
static void vaddr_check_quiet(struct mm_struct *mm, struct damon_region *r,
			      struct vaddr_sample *s)
{
	struct damon_addr_range *span = &r->sampling_span;
	unsigned long hit;

	if (r->sampling_addr >= r->ar.start && r->sampling_addr < r->ar.end) {
		vaddr_sample(mm, r->sampling_addr, s);
		if (s->young) {
			vaddr_count_hit(r, r->sampling_addr, PAGE_SIZE);
			return;
		}
	}
	if (span->start >= span->end || span->start < r->ar.start ||
	    span->end > r->ar.end)
		return;
	s->young = false;
	hit = vaddr_look_pmds(mm, span, UINT_MAX, s);
	if (s->young)
		vaddr_count_hit(r, hit, PMD_SIZE);
}

static void vaddr_check_target(struct damon_ctx *ctx, struct mm_struct *mm,
			       struct damon_target *t)
{
	unsigned int window = vaddr_quiet_window(ctx);
	bool window_ends = ctx->nr_samples % window == window - 1;
	struct vaddr_sample s = { .clear = false };
	unsigned long page_start = 0, page_end = 0;
	struct damon_region *r;

	mmap_assert_locked(mm);
	damon_for_each_region(r, t) {
		if (vaddr_windowed(r)) {
			if (!window_ends)
				continue;
			vaddr_check_quiet(mm, r, &s);
			page_end = 0;
			continue;
		}
		/* Samples in the page just looked at share its result. */
		if (r->sampling_addr < page_start ||
		    r->sampling_addr >= page_end) {
			vaddr_sample(mm, r->sampling_addr, &s);
			page_start = ALIGN_DOWN(r->sampling_addr,
						s.page_sz ?: PAGE_SIZE);
			page_end = s.page_sz ? page_start + s.page_sz : 0;
		}
		if (s.young)
			vaddr_count_hit(r, r->sampling_addr, PAGE_SIZE);
		cond_resched();
	}
}

/* Prepares or checks, under mmap_lock, each target that is still alive. */
static void vaddr_sample_targets(struct damon_ctx *ctx, bool prepare)
{
	struct damon_target *t;
	struct mm_struct *mm;

	damon_for_each_target(t, ctx) {
		mm = vaddr_get_mm(t);
		if (!mm)
			continue;
		mmap_read_lock(mm);
		if (prepare)
			vaddr_prepare_target(ctx, mm, t);
		else
			vaddr_check_target(ctx, mm, t);
		mmap_read_unlock(mm);
		mmput(mm);
	}
}

static void vaddr_prepare_access_checks(struct damon_ctx *ctx)
{
	vaddr_sample_targets(ctx, true);
}

static void vaddr_check_accesses(struct damon_ctx *ctx)
{
	vaddr_sample_targets(ctx, false);
}

static bool vaddr_target_valid(struct damon_target *t)
{
	struct mm_struct *mm = vaddr_get_mm(t);

	if (!mm)
		return false;
	mmput(mm);
	return true;
}

/* The madvise() hint of each action; MADV_NORMAL (0) for none here. */
static const int vaddr_hints[NR_DAMOS_ACTIONS] = {
	[DAMOS_WILLNEED] = MADV_WILLNEED,
	[DAMOS_COLD] = MADV_COLD,
	[DAMOS_PAGEOUT] = MADV_PAGEOUT,
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	/* Without THP, madvise() refuses these. */
	[DAMOS_HUGEPAGE] = MADV_HUGEPAGE,
	[DAMOS_NOHUGEPAGE] = MADV_NOHUGEPAGE,
#endif
};

static bool vaddr_action_supported(enum damos_action action)
{
	/* Without CONFIG_ADVISE_SYSCALLS there is no do_madvise(). */
	return IS_ENABLED(CONFIG_ADVISE_SYSCALLS) &&
	       action < NR_DAMOS_ACTIONS && vaddr_hints[action];
}

/*
 * The part of [@addr, @end) that the first VMA ending above @addr maps, in
 * *@part; false if no VMA maps any of it.
 */
static bool vaddr_next_mapped(struct mm_struct *mm, unsigned long addr,
			      unsigned long end, struct damon_addr_range *part)
{
	struct vm_area_struct *vma;
	bool found = false;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start < end) {
		part->start = max(addr, vma->vm_start);
		part->end = min(end, vma->vm_end);
		found = true;
	}
	mmap_read_unlock(mm);
	return found;
}

#ifdef CONFIG_ADVISE_SYSCALLS
static int vaddr_madvise(struct mm_struct *mm, struct damon_addr_range *ar,
			 int hint)
{
	return do_madvise(mm, ar->start, ar->end - ar->start, hint);
}
#else
static int vaddr_madvise(struct mm_struct *mm, struct damon_addr_range *ar,
			 int hint)
{
	return -EOPNOTSUPP;
}
#endif

/*
 * Gives region @r of @t the hint of the action of @s, VMA by VMA, so that
 * the gaps between mappings and a VMA that refuses the hint (mlock()ed,
 * hugetlb, PFN maps) leave the rest of @r advised.  Returns the bytes of
 * @r that took the hint without error; those are all a VMA maps once the
 * hint is given, whatever it did to each page (a page in use is not paged
 * out, for example).
 */
static unsigned long vaddr_apply_scheme(struct damon_ctx *ctx,
					struct damon_target *t,
					struct damon_region *r,
					const struct damos *s)
{
	struct damon_addr_range part;
	unsigned long addr = r->ar.start, applied = 0;
	struct mm_struct *mm;

	if (!vaddr_action_supported(s->action))
		return 0;
	mm = vaddr_get_mm(t);
	if (!mm)
		return 0;
	while (addr < r->ar.end && !kthread_should_stop() &&
	       vaddr_next_mapped(mm, addr, r->ar.end, &part)) {
		if (!vaddr_madvise(mm, &part, vaddr_hints[s->action]))
			applied += part.end - part.start;
		addr = part.end;
		cond_resched();
	}
	mmput(mm);
	return applied;
}

/**
 * damon_vaddr_set_primitives() - Make a context monitor process memory.
 * @ctx:	The context; each of its targets must have a &damon_target->pid.
 *
 * Context: The caller serializes changes to @ctx, which is not running.
 */
void damon_vaddr_set_primitives(struct damon_ctx *ctx)
{
	ctx->prims = (struct damon_primitives){
		.init = vaddr_init,
		.update = vaddr_update,
		.prepare_access_checks = vaddr_prepare_access_checks,
		.check_accesses = vaddr_check_accesses,
		.target_valid = vaddr_target_valid,
		.action_supported = vaddr_action_supported,
		.apply_scheme = vaddr_apply_scheme,
	};
}

/**
 * damon_vaddr_target_pid() - Look up a process the caller may monitor.
 * @nr:		Its pid number, in the caller's pid namespace.
 * @pidp:	Set to a reference to its &struct pid on success.
 *
 * Monitoring shows a process's memory layout, which /proc/PID/maps shows
 * only to those who may ptrace it for reading: the same rule applies.
 *
 * Context: Process context, on behalf of the writer of @nr.
 * Return: 0, -EINVAL if @nr names no process or a kernel thread, -ESRCH
 * if the process has exited, or -EPERM if the caller may not read its
 * memory map.
 */
int damon_vaddr_target_pid(int nr, struct pid **pidp)
{
	struct task_struct *task;
	struct mm_struct *mm;
	struct pid *pid;
	int err = 0;

	if (nr <= 0)
		return -EINVAL;
	pid = find_get_pid(nr);
	if (!pid)
		return -ESRCH;
	task = get_pid_task(pid, PIDTYPE_PID);
	if (!task) {
		err = -ESRCH;
	} else if (task->flags & PF_KTHREAD) {
		err = -EINVAL;
	} else if (!ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS)) {
		pr_warn_ratelimited("%s (pid %d) may not monitor pid %d\n",
				    current->comm, task_pid_nr(current), nr);
		err = -EPERM;
	} else {
		mm = get_task_mm(task);
		if (mm)
			mmput(mm);
		else
			err = -ESRCH;
	}
	if (task)
		put_task_struct(task);
	if (err)
		put_pid(pid);
	else
		*pidp = pid;
	return err;
}
