/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The results of monitoring contexts and of their operation schemes,
 * published in sysfs.
 */
#ifndef _DAMON_SYSFS_H
#define _DAMON_SYSFS_H

#include <linux/damon.h>

struct damon_results;

struct damon_results *damon_results_create(const char *ctx_name);
void damon_results_destroy(struct damon_results *res);
int damon_results_add_target(struct damon_results *res, const char *name);
void damon_results_remove_target(struct damon_results *res,
				 const char *name);
int damon_results_add_scheme(struct damon_results *res, const char *name);
void damon_results_remove_scheme(struct damon_results *res,
				 const char *name);
void damon_results_reset(struct damon_results *res);
void damon_results_record(struct damon_results *res, struct damon_ctx *ctx);

#endif /* _DAMON_SYSFS_H */
