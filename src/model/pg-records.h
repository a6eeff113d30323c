/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The objects of a declaration. Each is the in-memory face of one row of the
 * document database: views bind to their properties and list models, and
 * every change goes through PgDocument as a command, never through a setter.
 * That is why the data properties are read-only from outside the model.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PG_TYPE_RECORD (pg_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (PgRecord, pg_record, PG, RECORD, GObject)

struct _PgRecordClass
{
  GObjectClass parent_class;
};

/* Where `item` is in `list`; FALSE when it is not there. */
gboolean pg_list_model_find (GListModel *list,
                             gpointer    item,
                             guint      *out_position);

/* The row id: stable for the life of the record, also across undo and redo. */
gint64      pg_record_get_id    (PgRecord *record);
/* The table the record lives in ("task", "indicator", …). */
const char *pg_record_get_table (PgRecord *record);

/* The header, the department and the functions: one per document. */
#define PG_TYPE_DECLARATION (pg_declaration_get_type ())
G_DECLARE_FINAL_TYPE (PgDeclaration, pg_declaration, PG, DECLARATION, PgRecord)

const char *pg_declaration_get_label_language  (PgDeclaration *self); /* "zh_CN" or "en" */
const char *pg_declaration_get_unit            (PgDeclaration *self); /* "wan_yuan" or "yuan" */
int         pg_declaration_get_budget_year     (PgDeclaration *self); /* 0 when not set */
const char *pg_declaration_get_fill_date       (PgDeclaration *self); /* "YYYY-MM-DD" or NULL */
const char *pg_declaration_get_department_name (PgDeclaration *self);
const char *pg_declaration_get_filled_by       (PgDeclaration *self);
const char *pg_declaration_get_phone           (PgDeclaration *self);
const char *pg_declaration_get_head            (PgDeclaration *self);
const char *pg_declaration_get_finance_head    (PgDeclaration *self);
const char *pg_declaration_get_functions       (PgDeclaration *self);

/* A row of the revenue or expenditure block. Amounts as in pg-amount.h. */
#define PG_TYPE_FINANCE_ROW (pg_finance_row_get_type ())
G_DECLARE_FINAL_TYPE (PgFinanceRow, pg_finance_row, PG, FINANCE_ROW, PgRecord)

const char *pg_finance_row_get_block        (PgFinanceRow *self); /* "revenue" or "expenditure" */
const char *pg_finance_row_get_item         (PgFinanceRow *self); /* "fiscal_appropriation", … */
gint64      pg_finance_row_get_amount       (PgFinanceRow *self);
gint64      pg_finance_row_get_year_minus_2 (PgFinanceRow *self);
gint64      pg_finance_row_get_year_minus_1 (PgFinanceRow *self);
/* Computed: hundredths of a percent of the block's total, or PG_SHARE_NONE. */
int         pg_finance_row_get_share        (PgFinanceRow *self);
/* The row's label in the given language ("财政拨款" / "Fiscal appropriations"). */
const char *pg_finance_row_get_label        (PgFinanceRow *self,
                                             gboolean      english);

/* A block of finance rows with its computed totals. */
#define PG_TYPE_FINANCE_BLOCK (pg_finance_block_get_type ())
G_DECLARE_FINAL_TYPE (PgFinanceBlock, pg_finance_block, PG, FINANCE_BLOCK, GObject)

const char *pg_finance_block_get_name             (PgFinanceBlock *self); /* "revenue", "expenditure" */
GListModel *pg_finance_block_get_rows             (PgFinanceBlock *self); /* of PgFinanceRow */
gint64      pg_finance_block_get_total            (PgFinanceBlock *self); /* PG_AMOUNT_NONE when no row is filled */
gint64      pg_finance_block_get_total_year_minus_2 (PgFinanceBlock *self);
gint64      pg_finance_block_get_total_year_minus_1 (PgFinanceBlock *self);

#define PG_TYPE_TASK_GROUP (pg_task_group_get_type ())
G_DECLARE_FINAL_TYPE (PgTaskGroup, pg_task_group, PG, TASK_GROUP, PgRecord)

const char *pg_task_group_get_title  (PgTaskGroup *self);
guint       pg_task_group_get_number (PgTaskGroup *self); /* 1-based, from the order */
GListModel *pg_task_group_get_tasks  (PgTaskGroup *self); /* of PgTask */

#define PG_TYPE_TASK (pg_task_get_type ())
G_DECLARE_FINAL_TYPE (PgTask, pg_task, PG, TASK, PgRecord)

const char  *pg_task_get_title  (PgTask *self);
const char  *pg_task_get_text   (PgTask *self);
/* 1-based and continuous across groups, as on the printed form. */
guint        pg_task_get_number (PgTask *self);
PgTaskGroup *pg_task_get_group  (PgTask *self);

#define PG_TYPE_PROJECT (pg_project_get_type ())
G_DECLARE_FINAL_TYPE (PgProject, pg_project, PG, PROJECT, PgRecord)

const char *pg_project_get_name         (PgProject *self);
gint64      pg_project_get_total_budget (PgProject *self);
gint64      pg_project_get_year_budget  (PgProject *self);
const char *pg_project_get_purpose      (PgProject *self);
guint       pg_project_get_number       (PgProject *self);

#define PG_TYPE_GOAL (pg_goal_get_type ())
G_DECLARE_FINAL_TYPE (PgGoal, pg_goal, PG, GOAL, PgRecord)

const char *pg_goal_get_title      (PgGoal *self);
guint       pg_goal_get_number     (PgGoal *self);
GListModel *pg_goal_get_indicators (PgGoal *self); /* level-1 PgIndicator */

#define PG_TYPE_INDICATOR (pg_indicator_get_type ())
G_DECLARE_FINAL_TYPE (PgIndicator, pg_indicator, PG, INDICATOR, PgRecord)

guint        pg_indicator_get_level        (PgIndicator *self); /* 1, 2 or 3 */
/* Levels 1 and 2: a standard key (pg-category.h) or PG_CATEGORY_CUSTOM; NULL at level 3. */
const char  *pg_indicator_get_category     (PgIndicator *self);
/* Level 3: the indicator's name; levels 1 and 2: the custom name, or "". */
const char  *pg_indicator_get_name         (PgIndicator *self);
const char  *pg_indicator_get_year_minus_2 (PgIndicator *self);
const char  *pg_indicator_get_year_minus_1 (PgIndicator *self);
const char  *pg_indicator_get_target       (PgIndicator *self);
const char  *pg_indicator_get_basis        (PgIndicator *self); /* a basis key or NULL */
GListModel  *pg_indicator_get_children     (PgIndicator *self); /* of PgIndicator */
PgIndicator *pg_indicator_get_parent       (PgIndicator *self); /* NULL at level 1 */
PgGoal      *pg_indicator_get_goal         (PgIndicator *self);
/* How many level-3 indicators the node holds (1 for a level-3 itself). */
guint        pg_indicator_get_n_indicators (PgIndicator *self);
/* The display name: the custom name, or the standard category's name in
 * `english` or Chinese, or the level-3 name. */
const char  *pg_indicator_get_display_name (PgIndicator *self,
                                            gboolean     english);

G_END_DECLS
