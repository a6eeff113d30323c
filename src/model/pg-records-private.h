/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the document shares with the records: the tables behind them, and
 * the setters only the document may call.
 */
#pragma once

#include "pg-records.h"

G_BEGIN_DECLS

typedef enum {
  PG_COLUMN_TEXT,   /* NOT NULL text; "" when empty */
  PG_COLUMN_KEY,    /* nullable text: a key, a date; NULL when empty */
  PG_COLUMN_AMOUNT, /* nullable integer of ten-thousandths; PG_AMOUNT_NONE */
  PG_COLUMN_INT,    /* nullable integer; 0 when empty */
} PgColumnType;

typedef struct {
  const char   *name;  /* the SQL column; the property is the same with '-' */
  PgColumnType  type;
} PgColumn;

/* How a table's rows hang together: the data columns (one property each)
 * and the structural ones (parent and position, which the document keeps). */
typedef struct {
  const char     *table;
  GType         (*get_type) (void);
  const PgColumn *columns;
  guint           n_columns;
} PgTableInfo;

const PgTableInfo *pg_table_info_lookup (const char *table);
const PgTableInfo *pg_table_info_for_type (GType type);
/* The index of `column` in info->columns, or -1. */
int pg_table_info_find_column (const PgTableInfo *info,
                               const char        *column);

/* Creates a record of the table with its id; values start empty. */
PgRecord *pg_record_new_for_table (const PgTableInfo *info,
                                   gint64             id);
/* Sets column `index` and notifies its property when the value changed. */
void      pg_record_set_column    (PgRecord     *record,
                                   guint         index,
                                   const GValue *value);
const GValue *pg_record_get_column (PgRecord *record,
                                    guint     index);
const PgTableInfo *pg_record_get_table_info (PgRecord *record);

void pg_finance_row_set_share (PgFinanceRow *self, int share);
PgFinanceBlock *pg_finance_block_new (const char *name);
GListStore *pg_finance_block_get_store (PgFinanceBlock *self);
void pg_finance_block_recompute (PgFinanceBlock *self);

GListStore *pg_task_group_get_store (PgTaskGroup *self);
void pg_task_group_set_number (PgTaskGroup *self, guint number);
void pg_task_set_number (PgTask *self, guint number);
void pg_task_set_group (PgTask *self, PgTaskGroup *group);
void pg_project_set_number (PgProject *self, guint number);
GListStore *pg_goal_get_store (PgGoal *self);
void pg_goal_set_number (PgGoal *self, guint number);
GListStore *pg_indicator_get_store (PgIndicator *self);
void pg_indicator_set_place (PgIndicator *self, PgGoal *goal, PgIndicator *parent);
/* Recounts level-3 descendants; returns the count. */
guint pg_indicator_recount (PgIndicator *self);

G_END_DECLS
