/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printed form's own wording, in its two label languages. These are
 * the official labels of the form (a document setting), not UI strings:
 * they are never translated through gettext. Category and basis names come
 * from pg-category.h.
 */
#pragma once

#include <glib.h>

#include "pg-category.h"

G_BEGIN_DECLS

typedef enum {
  PG_LABEL_TITLE,
  PG_LABEL_FILL_DATE,       /* "填报日期：" */
  PG_LABEL_DATE_BLANK,      /* "    年    月    日" */
  PG_LABEL_DATE_FORMAT,     /* "%d 年 %d 月 %d 日": year, month, day */
  PG_LABEL_UNIT_WAN_YUAN,
  PG_LABEL_UNIT_YUAN,
  PG_LABEL_ATTACHMENT,      /* "附件 %u" */
  PG_LABEL_DEPARTMENT_NAME,
  PG_LABEL_FILLED_BY,
  PG_LABEL_PHONE,
  PG_LABEL_HEAD,
  PG_LABEL_FINANCE_HEAD,
  PG_LABEL_FINANCE,
  PG_LABEL_FINANCE_OVERALL,
  PG_LABEL_AMOUNT,
  PG_LABEL_SHARE,
  PG_LABEL_PREVIOUS_AMOUNTS,
  PG_LABEL_YEAR,            /* "%d 年" */
  PG_LABEL_REVENUE,
  PG_LABEL_EXPENDITURE,
  PG_LABEL_TOTAL,
  PG_LABEL_FUNCTIONS,
  PG_LABEL_TASKS,
  PG_LABEL_PROJECTS,
  PG_LABEL_PROJECT_NAME,
  PG_LABEL_PROJECT_TOTAL,
  PG_LABEL_PROJECT_YEAR,
  PG_LABEL_PROJECT_PURPOSE,
  PG_LABEL_GOAL,            /* "年度目标 %u：" */
  PG_LABEL_LEVEL1,
  PG_LABEL_LEVEL2,
  PG_LABEL_LEVEL3,
  PG_LABEL_VALUES,
  PG_LABEL_PREVIOUS_VALUES,
  PG_LABEL_YEAR_MINUS_2,
  PG_LABEL_YEAR_MINUS_1,
  PG_LABEL_YEAR_WITH_NAME,  /* "%s（%d 年）": "前年", year */
  PG_LABEL_TARGET,
  PG_LABEL_BASIS,
  PG_LABEL_CONTINUED,       /* "（续）" */
  PG_LABEL_SIGN_HEAD,
  PG_LABEL_SIGN_FINANCE_HEAD,
  PG_LABEL_SIGN_FILLED_BY,
  PG_LABEL_SIGN_DATE,
  PG_LABEL_SIGN_SEAL,
  PG_LABEL_PAGE_GBT9704,    /* "— %u —" */
  PG_LABEL_PAGE_OF_TOTAL,   /* "第 %u 页 共 %u 页" */
  PG_N_LABELS
} PgLabel;

const char *pg_print_label (PgLabel    label,
                            PgLanguage language);

/* A task group's number as the form writes it: "（一）" or "(1)". */
char *pg_print_group_number (guint      number,
                             PgLanguage language);

G_END_DECLS
