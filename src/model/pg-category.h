/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The finance ministry's standard indicator categories (levels 1 and 2) and
 * the four bases of a target. Keys are the exchange format's; names are the
 * printed form's exact wording in Chinese and English.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The language of printed labels (a document setting, not the UI's). */
typedef enum {
  PG_LANGUAGE_ZH_CN,
  PG_LANGUAGE_EN,
} PgLanguage;

#define PG_CATEGORY_CUSTOM "custom"

typedef struct {
  const char *key;         /* "output", "quantity", … */
  guint       level;       /* 1 or 2 */
  const char *parent_key;  /* the level-1 key a level-2 belongs under; NULL at level 1 */
  const char *name_zh;     /* "产出指标" */
  const char *name_en;     /* "Output" */
} PgCategory;

/* All standard categories of `level` (1 or 2), in the form's order. */
const PgCategory *pg_category_list (guint  level,
                                    guint *n_categories);
/* The standard level-2 categories under level-1 `parent_key`, in order,
 * written to `out` (at most `max` of them); returns how many. */
guint pg_category_children (const char        *parent_key,
                            const PgCategory **out,
                            guint              max);
/* NULL when `key` is not a standard category of `level`. */
const PgCategory *pg_category_lookup (guint       level,
                                      const char *key);
const char *pg_category_name (const PgCategory *category,
                              PgLanguage        language);

/* Bases of a target (指标值确定依据). */
typedef struct {
  const char *key;       /* "historical", "industry_standard", "plan", "other" */
  const char *name_zh;   /* "历史数据" */
  const char *name_en;   /* "Historical data" */
} PgBasis;

const PgBasis *pg_basis_list   (guint *n_bases);
const PgBasis *pg_basis_lookup (const char *key);   /* NULL when unknown */
const char    *pg_basis_name   (const PgBasis *basis,
                                PgLanguage     language);

/* "zh_CN" / "en" as in the exchange format; FALSE for anything else. */
gboolean    pg_language_from_key (const char *key,
                                  PgLanguage *out_language);
const char *pg_language_to_key   (PgLanguage language);

G_END_DECLS
