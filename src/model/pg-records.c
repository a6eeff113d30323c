/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pg-amount.h"
#include "pg-category.h"
#include "pg-records-private.h"

/* The tables. A column's property has the column's name with '-' for '_',
 * so the document can apply any row to any record the same way. */

static const PgColumn declaration_columns[] = {
  { "label_language", PG_COLUMN_TEXT },
  { "unit", PG_COLUMN_TEXT },
  { "budget_year", PG_COLUMN_INT },
  { "fill_date", PG_COLUMN_KEY },
  { "department_name", PG_COLUMN_TEXT },
  { "filled_by", PG_COLUMN_TEXT },
  { "phone", PG_COLUMN_TEXT },
  { "head", PG_COLUMN_TEXT },
  { "finance_head", PG_COLUMN_TEXT },
  { "functions", PG_COLUMN_TEXT },
};
enum {
  DECL_LABEL_LANGUAGE, DECL_UNIT, DECL_BUDGET_YEAR, DECL_FILL_DATE,
  DECL_DEPARTMENT_NAME, DECL_FILLED_BY, DECL_PHONE, DECL_HEAD,
  DECL_FINANCE_HEAD, DECL_FUNCTIONS, N_DECL_COLUMNS
};

static const PgColumn finance_row_columns[] = {
  { "block", PG_COLUMN_TEXT },
  { "item", PG_COLUMN_TEXT },
  { "amount", PG_COLUMN_AMOUNT },
  { "year_minus_2", PG_COLUMN_AMOUNT },
  { "year_minus_1", PG_COLUMN_AMOUNT },
};
enum { FIN_BLOCK, FIN_ITEM, FIN_AMOUNT, FIN_YEAR_MINUS_2, FIN_YEAR_MINUS_1, N_FIN_COLUMNS };

static const PgColumn task_group_columns[] = {
  { "title", PG_COLUMN_TEXT },
};
enum { GROUP_TITLE, N_GROUP_COLUMNS };

static const PgColumn task_columns[] = {
  { "title", PG_COLUMN_TEXT },
  { "text", PG_COLUMN_TEXT },
};
enum { TASK_TITLE, TASK_TEXT, N_TASK_COLUMNS };

static const PgColumn project_columns[] = {
  { "name", PG_COLUMN_TEXT },
  { "total_budget", PG_COLUMN_AMOUNT },
  { "year_budget", PG_COLUMN_AMOUNT },
  { "purpose", PG_COLUMN_TEXT },
};
enum { PROJ_NAME, PROJ_TOTAL_BUDGET, PROJ_YEAR_BUDGET, PROJ_PURPOSE, N_PROJ_COLUMNS };

static const PgColumn goal_columns[] = {
  { "title", PG_COLUMN_TEXT },
};
enum { GOAL_TITLE, N_GOAL_COLUMNS };

static const PgColumn indicator_columns[] = {
  { "level", PG_COLUMN_INT },
  { "category", PG_COLUMN_KEY },
  { "name", PG_COLUMN_TEXT },
  { "year_minus_2", PG_COLUMN_TEXT },
  { "year_minus_1", PG_COLUMN_TEXT },
  { "target", PG_COLUMN_TEXT },
  { "basis", PG_COLUMN_KEY },
};
enum {
  IND_LEVEL, IND_CATEGORY, IND_NAME, IND_YEAR_MINUS_2, IND_YEAR_MINUS_1,
  IND_TARGET, IND_BASIS, N_IND_COLUMNS
};

static PgTableInfo tables[] = {
  { "declaration", pg_declaration_get_type, declaration_columns, N_DECL_COLUMNS },
  { "finance_row", pg_finance_row_get_type, finance_row_columns, N_FIN_COLUMNS },
  { "task_group", pg_task_group_get_type, task_group_columns, N_GROUP_COLUMNS },
  { "task", pg_task_get_type, task_columns, N_TASK_COLUMNS },
  { "project", pg_project_get_type, project_columns, N_PROJ_COLUMNS },
  { "goal", pg_goal_get_type, goal_columns, N_GOAL_COLUMNS },
  { "indicator", pg_indicator_get_type, indicator_columns, N_IND_COLUMNS },
};

const PgTableInfo *
pg_table_info_lookup (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].table, table) == 0)
      return &tables[i];
  return NULL;
}

const PgTableInfo *
pg_table_info_for_type (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (tables[i].get_type () == type)
      return &tables[i];
  return NULL;
}

int
pg_table_info_find_column (const PgTableInfo *info,
                           const char        *column)
{
  for (guint i = 0; i < info->n_columns; i++)
    if (strcmp (info->columns[i].name, column) == 0)
      return (int) i;
  return -1;
}

gboolean
pg_list_model_find (GListModel *list,
                    gpointer    item,
                    guint      *out_position)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) at = g_list_model_get_item (list, i);

      if (at == item)
        {
          *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* PgRecord: keeps the column values in an array of GValues, so that every
 * record type gets its properties, getters and setters from its table. */

typedef struct
{
  gint64             id;
  const PgTableInfo *info;
  GValue            *values;
  GParamSpec       **pspecs;
} PgRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PgRecord, pg_record, G_TYPE_OBJECT)

static void
pg_record_finalize (GObject *object)
{
  PgRecordPrivate *priv = pg_record_get_instance_private (PG_RECORD (object));

  if (priv->values != NULL)
    {
      for (guint i = 0; i < priv->info->n_columns; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }

  G_OBJECT_CLASS (pg_record_parent_class)->finalize (object);
}

static void
pg_record_class_init (PgRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pg_record_finalize;
}

static void
pg_record_init (PgRecord *self)
{
}

/* Each table's pspecs, indexed like its columns: filled in class_init. */
static GParamSpec **table_pspecs[G_N_ELEMENTS (tables)];

static GType
column_gtype (PgColumnType type)
{
  switch (type)
    {
    case PG_COLUMN_TEXT:
    case PG_COLUMN_KEY:
      return G_TYPE_STRING;
    case PG_COLUMN_AMOUNT:
      return G_TYPE_INT64;
    case PG_COLUMN_INT:
      return G_TYPE_INT;
    default:
      g_assert_not_reached ();
    }
}

/* Installs one read-only property per column, ids 1..n_columns. */
static void
install_column_properties (GObjectClass *object_class,
                           const char   *table)
{
  const PgTableInfo *info = pg_table_info_lookup (table);
  guint index = (guint) (info - tables);
  GParamSpec **pspecs = g_new0 (GParamSpec *, info->n_columns);

  for (guint i = 0; i < info->n_columns; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (info->columns[i].name), "_", '-');
      /* The name is built here, so only nick and blurb are static. */
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                          | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;

      switch (info->columns[i].type)
        {
        case PG_COLUMN_TEXT:
        case PG_COLUMN_KEY:
          pspecs[i] = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case PG_COLUMN_AMOUNT:
          pspecs[i] = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64,
                                          PG_AMOUNT_NONE, flags);
          break;
        case PG_COLUMN_INT:
          pspecs[i] = g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      g_object_class_install_property (object_class, i + 1, pspecs[i]);
    }
  table_pspecs[index] = pspecs;
}

PgRecord *
pg_record_new_for_table (const PgTableInfo *info,
                         gint64             id)
{
  PgRecord *record = g_object_new (info->get_type (), NULL);
  PgRecordPrivate *priv = pg_record_get_instance_private (record);

  priv->id = id;
  priv->info = info;
  priv->pspecs = table_pspecs[info - tables];
  priv->values = g_new0 (GValue, info->n_columns);
  for (guint i = 0; i < info->n_columns; i++)
    {
      g_value_init (&priv->values[i], column_gtype (info->columns[i].type));
      if (info->columns[i].type == PG_COLUMN_AMOUNT)
        g_value_set_int64 (&priv->values[i], PG_AMOUNT_NONE);
      else if (info->columns[i].type == PG_COLUMN_TEXT)
        g_value_set_static_string (&priv->values[i], "");
    }
  return record;
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (G_VALUE_TYPE (a) == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_TYPE (a) == G_TYPE_INT64)
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  return g_value_get_int (a) == g_value_get_int (b);
}

void
pg_record_set_column (PgRecord     *record,
                      guint         index,
                      const GValue *value)
{
  PgRecordPrivate *priv = pg_record_get_instance_private (record);

  g_return_if_fail (index < priv->info->n_columns);

  if (values_equal (&priv->values[index], value))
    return;
  g_value_copy (value, &priv->values[index]);
  if (G_VALUE_TYPE (value) == G_TYPE_STRING && g_value_get_string (value) == NULL
      && priv->info->columns[index].type == PG_COLUMN_TEXT)
    g_value_set_static_string (&priv->values[index], "");
  g_object_notify_by_pspec (G_OBJECT (record), priv->pspecs[index]);
}

const GValue *
pg_record_get_column (PgRecord *record,
                      guint     index)
{
  PgRecordPrivate *priv = pg_record_get_instance_private (record);

  g_return_val_if_fail (index < priv->info->n_columns, NULL);
  return &priv->values[index];
}

const PgTableInfo *
pg_record_get_table_info (PgRecord *record)
{
  PgRecordPrivate *priv = pg_record_get_instance_private (record);
  return priv->info;
}

gint64
pg_record_get_id (PgRecord *record)
{
  PgRecordPrivate *priv;

  g_return_val_if_fail (PG_IS_RECORD (record), 0);
  priv = pg_record_get_instance_private (record);
  return priv->id;
}

const char *
pg_record_get_table (PgRecord *record)
{
  PgRecordPrivate *priv;

  g_return_val_if_fail (PG_IS_RECORD (record), NULL);
  priv = pg_record_get_instance_private (record);
  return priv->info->table;
}

/* get_property for the column properties (ids 1..n_columns). */
static gboolean
get_column_property (GObject *object,
                     guint    prop_id,
                     GValue  *value)
{
  PgRecordPrivate *priv = pg_record_get_instance_private (PG_RECORD (object));

  if (prop_id < 1 || prop_id > priv->info->n_columns)
    return FALSE;
  g_value_copy (&priv->values[prop_id - 1], value);
  return TRUE;
}

#define COLUMN_STRING(rec, i) g_value_get_string (pg_record_get_column (PG_RECORD (rec), i))
#define COLUMN_INT64(rec, i) g_value_get_int64 (pg_record_get_column (PG_RECORD (rec), i))
#define COLUMN_INT(rec, i) g_value_get_int (pg_record_get_column (PG_RECORD (rec), i))

/* A macro for the part every record type shares: the type, a class_init
 * that installs the column properties and any extra ones. */
#define RECORD_GET_PROPERTY(prefix, extra)                              \
  static void                                                           \
  prefix##_get_property (GObject    *object,                            \
                         guint       prop_id,                           \
                         GValue     *value,                             \
                         GParamSpec *pspec)                             \
  {                                                                     \
    if (get_column_property (object, prop_id, value))                  \
      return;                                                           \
    extra                                                               \
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);         \
  }

/* PgDeclaration */

struct _PgDeclaration { PgRecord parent_instance; };
G_DEFINE_FINAL_TYPE (PgDeclaration, pg_declaration, PG_TYPE_RECORD)

RECORD_GET_PROPERTY (pg_declaration, )

static void
pg_declaration_class_init (PgDeclarationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = pg_declaration_get_property;
  install_column_properties (object_class, "declaration");
}

static void pg_declaration_init (PgDeclaration *self) { }

const char *pg_declaration_get_label_language (PgDeclaration *self) { return COLUMN_STRING (self, DECL_LABEL_LANGUAGE); }
const char *pg_declaration_get_unit (PgDeclaration *self) { return COLUMN_STRING (self, DECL_UNIT); }
int pg_declaration_get_budget_year (PgDeclaration *self) { return COLUMN_INT (self, DECL_BUDGET_YEAR); }
const char *pg_declaration_get_fill_date (PgDeclaration *self) { return COLUMN_STRING (self, DECL_FILL_DATE); }
const char *pg_declaration_get_department_name (PgDeclaration *self) { return COLUMN_STRING (self, DECL_DEPARTMENT_NAME); }
const char *pg_declaration_get_filled_by (PgDeclaration *self) { return COLUMN_STRING (self, DECL_FILLED_BY); }
const char *pg_declaration_get_phone (PgDeclaration *self) { return COLUMN_STRING (self, DECL_PHONE); }
const char *pg_declaration_get_head (PgDeclaration *self) { return COLUMN_STRING (self, DECL_HEAD); }
const char *pg_declaration_get_finance_head (PgDeclaration *self) { return COLUMN_STRING (self, DECL_FINANCE_HEAD); }
const char *pg_declaration_get_functions (PgDeclaration *self) { return COLUMN_STRING (self, DECL_FUNCTIONS); }

/* PgFinanceRow */

struct _PgFinanceRow
{
  PgRecord parent_instance;
  int      share;
};
G_DEFINE_FINAL_TYPE (PgFinanceRow, pg_finance_row, PG_TYPE_RECORD)

enum { FIN_PROP_SHARE = N_FIN_COLUMNS + 1, N_FIN_PROPS };
static GParamSpec *finance_row_share_pspec;

RECORD_GET_PROPERTY (pg_finance_row,
  if (prop_id == FIN_PROP_SHARE) { g_value_set_int (value, PG_FINANCE_ROW (object)->share); return; })

static void
pg_finance_row_class_init (PgFinanceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = pg_finance_row_get_property;
  install_column_properties (object_class, "finance_row");
  finance_row_share_pspec =
    g_param_spec_int ("share", NULL, NULL, -1, 10000, PG_SHARE_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, FIN_PROP_SHARE, finance_row_share_pspec);
}

static void pg_finance_row_init (PgFinanceRow *self) { self->share = PG_SHARE_NONE; }

const char *pg_finance_row_get_block (PgFinanceRow *self) { return COLUMN_STRING (self, FIN_BLOCK); }
const char *pg_finance_row_get_item (PgFinanceRow *self) { return COLUMN_STRING (self, FIN_ITEM); }
gint64 pg_finance_row_get_amount (PgFinanceRow *self) { return COLUMN_INT64 (self, FIN_AMOUNT); }
gint64 pg_finance_row_get_year_minus_2 (PgFinanceRow *self) { return COLUMN_INT64 (self, FIN_YEAR_MINUS_2); }
gint64 pg_finance_row_get_year_minus_1 (PgFinanceRow *self) { return COLUMN_INT64 (self, FIN_YEAR_MINUS_1); }
int pg_finance_row_get_share (PgFinanceRow *self) { return self->share; }

void
pg_finance_row_set_share (PgFinanceRow *self,
                          int           share)
{
  if (self->share == share)
    return;
  self->share = share;
  g_object_notify_by_pspec (G_OBJECT (self), finance_row_share_pspec);
}

const char *
pg_finance_row_get_label (PgFinanceRow *self,
                          gboolean      english)
{
  static const struct { const char *item, *zh, *en; } labels[] = {
    { "fiscal_appropriation", "财政拨款", "Fiscal appropriations" },
    { "other_funds", "其他资金", "Other funds" },
    { "basic", "基本支出", "Basic expenditure" },
    { "project", "项目支出", "Project expenditure" },
  };
  const char *item = pg_finance_row_get_item (self);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].item, item) == 0)
      return english ? labels[i].en : labels[i].zh;
  return item;
}

/* PgFinanceBlock */

struct _PgFinanceBlock
{
  GObject     parent_instance;
  char       *name;
  GListStore *rows;
  gint64      totals[3]; /* this year, year−2, year−1 */
};
G_DEFINE_FINAL_TYPE (PgFinanceBlock, pg_finance_block, G_TYPE_OBJECT)

enum { BLOCK_PROP_0, BLOCK_PROP_TOTAL, BLOCK_PROP_TOTAL_YEAR_MINUS_2, BLOCK_PROP_TOTAL_YEAR_MINUS_1, N_BLOCK_PROPS };
static GParamSpec *block_props[N_BLOCK_PROPS];

static void
pg_finance_block_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PgFinanceBlock *self = PG_FINANCE_BLOCK (object);

  if (prop_id >= BLOCK_PROP_TOTAL && prop_id < N_BLOCK_PROPS)
    g_value_set_int64 (value, self->totals[prop_id - BLOCK_PROP_TOTAL]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pg_finance_block_finalize (GObject *object)
{
  PgFinanceBlock *self = PG_FINANCE_BLOCK (object);

  g_free (self->name);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (pg_finance_block_parent_class)->finalize (object);
}

static void
pg_finance_block_class_init (PgFinanceBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pg_finance_block_get_property;
  object_class->finalize = pg_finance_block_finalize;
  block_props[BLOCK_PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, PG_AMOUNT_NONE, flags);
  block_props[BLOCK_PROP_TOTAL_YEAR_MINUS_2] =
    g_param_spec_int64 ("total-year-minus-2", NULL, NULL, G_MININT64, G_MAXINT64, PG_AMOUNT_NONE, flags);
  block_props[BLOCK_PROP_TOTAL_YEAR_MINUS_1] =
    g_param_spec_int64 ("total-year-minus-1", NULL, NULL, G_MININT64, G_MAXINT64, PG_AMOUNT_NONE, flags);
  g_object_class_install_properties (object_class, N_BLOCK_PROPS, block_props);
}

static void
pg_finance_block_init (PgFinanceBlock *self)
{
  self->rows = g_list_store_new (PG_TYPE_FINANCE_ROW);
  self->totals[0] = self->totals[1] = self->totals[2] = PG_AMOUNT_NONE;
}

PgFinanceBlock *
pg_finance_block_new (const char *name)
{
  PgFinanceBlock *self = g_object_new (PG_TYPE_FINANCE_BLOCK, NULL);
  self->name = g_strdup (name);
  return self;
}

const char *pg_finance_block_get_name (PgFinanceBlock *self) { return self->name; }
GListModel *pg_finance_block_get_rows (PgFinanceBlock *self) { return G_LIST_MODEL (self->rows); }
GListStore *pg_finance_block_get_store (PgFinanceBlock *self) { return self->rows; }
gint64 pg_finance_block_get_total (PgFinanceBlock *self) { return self->totals[0]; }
gint64 pg_finance_block_get_total_year_minus_2 (PgFinanceBlock *self) { return self->totals[1]; }
gint64 pg_finance_block_get_total_year_minus_1 (PgFinanceBlock *self) { return self->totals[2]; }

/* Totals are the sums of the filled-in amounts (none filled: no total);
 * shares divide this year's amounts by this year's total. */
void
pg_finance_block_recompute (PgFinanceBlock *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree gint64 *amounts = g_new0 (gint64, MAX (n, 1));
  g_autofree int *shares = g_new0 (int, MAX (n, 1));
  gint64 totals[3] = { PG_AMOUNT_NONE, PG_AMOUNT_NONE, PG_AMOUNT_NONE };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      gint64 values[3] = {
        pg_finance_row_get_amount (row),
        pg_finance_row_get_year_minus_2 (row),
        pg_finance_row_get_year_minus_1 (row),
      };

      for (guint k = 0; k < 3; k++)
        if (values[k] != PG_AMOUNT_NONE)
          totals[k] = (totals[k] == PG_AMOUNT_NONE ? 0 : totals[k]) + values[k];
      amounts[i] = values[0];
    }

  pg_amount_shares (amounts, n, shares);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      pg_finance_row_set_share (row, shares[i]);
    }

  for (guint k = 0; k < 3; k++)
    if (self->totals[k] != totals[k])
      {
        self->totals[k] = totals[k];
        g_object_notify_by_pspec (G_OBJECT (self), block_props[BLOCK_PROP_TOTAL + k]);
      }
}

/* Numbered records: a "number" property derived from the order. */
#define NUMBER_PSPEC() \
  g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, \
                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

#define SET_NUMBER(self, number, pspec)                              \
  G_STMT_START {                                                     \
    if ((self)->number != (number))                                  \
      {                                                              \
        (self)->number = (number);                                   \
        g_object_notify_by_pspec (G_OBJECT (self), (pspec));         \
      }                                                              \
  } G_STMT_END

/* PgTaskGroup */

struct _PgTaskGroup
{
  PgRecord    parent_instance;
  guint       number;
  GListStore *tasks;
};
G_DEFINE_FINAL_TYPE (PgTaskGroup, pg_task_group, PG_TYPE_RECORD)

enum { GROUP_PROP_NUMBER = N_GROUP_COLUMNS + 1, GROUP_PROP_TASKS };
static GParamSpec *group_number_pspec;

RECORD_GET_PROPERTY (pg_task_group,
  if (prop_id == GROUP_PROP_NUMBER) { g_value_set_uint (value, PG_TASK_GROUP (object)->number); return; }
  if (prop_id == GROUP_PROP_TASKS) { g_value_set_object (value, PG_TASK_GROUP (object)->tasks); return; })

static void
pg_task_group_dispose (GObject *object)
{
  g_clear_object (&PG_TASK_GROUP (object)->tasks);
  G_OBJECT_CLASS (pg_task_group_parent_class)->dispose (object);
}

static void
pg_task_group_class_init (PgTaskGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = pg_task_group_get_property;
  object_class->dispose = pg_task_group_dispose;
  install_column_properties (object_class, "task_group");
  group_number_pspec = NUMBER_PSPEC ();
  g_object_class_install_property (object_class, GROUP_PROP_NUMBER, group_number_pspec);
  g_object_class_install_property (object_class, GROUP_PROP_TASKS,
    g_param_spec_object ("tasks", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void pg_task_group_init (PgTaskGroup *self) { self->tasks = g_list_store_new (PG_TYPE_TASK); }

const char *pg_task_group_get_title (PgTaskGroup *self) { return COLUMN_STRING (self, GROUP_TITLE); }
guint pg_task_group_get_number (PgTaskGroup *self) { return self->number; }
GListModel *pg_task_group_get_tasks (PgTaskGroup *self) { return G_LIST_MODEL (self->tasks); }
GListStore *pg_task_group_get_store (PgTaskGroup *self) { return self->tasks; }
void pg_task_group_set_number (PgTaskGroup *self, guint number) { SET_NUMBER (self, number, group_number_pspec); }

/* PgTask */

struct _PgTask
{
  PgRecord     parent_instance;
  guint        number;
  PgTaskGroup *group; /* weak: the group owns its tasks */
};
G_DEFINE_FINAL_TYPE (PgTask, pg_task, PG_TYPE_RECORD)

enum { TASK_PROP_NUMBER = N_TASK_COLUMNS + 1 };
static GParamSpec *task_number_pspec;

RECORD_GET_PROPERTY (pg_task,
  if (prop_id == TASK_PROP_NUMBER) { g_value_set_uint (value, PG_TASK (object)->number); return; })

static void
pg_task_class_init (PgTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = pg_task_get_property;
  install_column_properties (object_class, "task");
  task_number_pspec = NUMBER_PSPEC ();
  g_object_class_install_property (object_class, TASK_PROP_NUMBER, task_number_pspec);
}

static void pg_task_init (PgTask *self) { }

const char *pg_task_get_title (PgTask *self) { return COLUMN_STRING (self, TASK_TITLE); }
const char *pg_task_get_text (PgTask *self) { return COLUMN_STRING (self, TASK_TEXT); }
guint pg_task_get_number (PgTask *self) { return self->number; }
PgTaskGroup *pg_task_get_group (PgTask *self) { return self->group; }
void pg_task_set_number (PgTask *self, guint number) { SET_NUMBER (self, number, task_number_pspec); }
void pg_task_set_group (PgTask *self, PgTaskGroup *group) { self->group = group; }

/* PgProject */

struct _PgProject
{
  PgRecord parent_instance;
  guint    number;
};
G_DEFINE_FINAL_TYPE (PgProject, pg_project, PG_TYPE_RECORD)

enum { PROJ_PROP_NUMBER = N_PROJ_COLUMNS + 1 };
static GParamSpec *project_number_pspec;

RECORD_GET_PROPERTY (pg_project,
  if (prop_id == PROJ_PROP_NUMBER) { g_value_set_uint (value, PG_PROJECT (object)->number); return; })

static void
pg_project_class_init (PgProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = pg_project_get_property;
  install_column_properties (object_class, "project");
  project_number_pspec = NUMBER_PSPEC ();
  g_object_class_install_property (object_class, PROJ_PROP_NUMBER, project_number_pspec);
}

static void pg_project_init (PgProject *self) { }

const char *pg_project_get_name (PgProject *self) { return COLUMN_STRING (self, PROJ_NAME); }
gint64 pg_project_get_total_budget (PgProject *self) { return COLUMN_INT64 (self, PROJ_TOTAL_BUDGET); }
gint64 pg_project_get_year_budget (PgProject *self) { return COLUMN_INT64 (self, PROJ_YEAR_BUDGET); }
const char *pg_project_get_purpose (PgProject *self) { return COLUMN_STRING (self, PROJ_PURPOSE); }
guint pg_project_get_number (PgProject *self) { return self->number; }
void pg_project_set_number (PgProject *self, guint number) { SET_NUMBER (self, number, project_number_pspec); }

/* PgGoal */

struct _PgGoal
{
  PgRecord    parent_instance;
  guint       number;
  GListStore *indicators;
};
G_DEFINE_FINAL_TYPE (PgGoal, pg_goal, PG_TYPE_RECORD)

enum { GOAL_PROP_NUMBER = N_GOAL_COLUMNS + 1, GOAL_PROP_INDICATORS };
static GParamSpec *goal_number_pspec;

RECORD_GET_PROPERTY (pg_goal,
  if (prop_id == GOAL_PROP_NUMBER) { g_value_set_uint (value, PG_GOAL (object)->number); return; }
  if (prop_id == GOAL_PROP_INDICATORS) { g_value_set_object (value, PG_GOAL (object)->indicators); return; })

static void
pg_goal_dispose (GObject *object)
{
  g_clear_object (&PG_GOAL (object)->indicators);
  G_OBJECT_CLASS (pg_goal_parent_class)->dispose (object);
}

static void
pg_goal_class_init (PgGoalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = pg_goal_get_property;
  object_class->dispose = pg_goal_dispose;
  install_column_properties (object_class, "goal");
  goal_number_pspec = NUMBER_PSPEC ();
  g_object_class_install_property (object_class, GOAL_PROP_NUMBER, goal_number_pspec);
  g_object_class_install_property (object_class, GOAL_PROP_INDICATORS,
    g_param_spec_object ("indicators", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void pg_goal_init (PgGoal *self) { self->indicators = g_list_store_new (PG_TYPE_INDICATOR); }

const char *pg_goal_get_title (PgGoal *self) { return COLUMN_STRING (self, GOAL_TITLE); }
guint pg_goal_get_number (PgGoal *self) { return self->number; }
GListModel *pg_goal_get_indicators (PgGoal *self) { return G_LIST_MODEL (self->indicators); }
GListStore *pg_goal_get_store (PgGoal *self) { return self->indicators; }
void pg_goal_set_number (PgGoal *self, guint number) { SET_NUMBER (self, number, goal_number_pspec); }

/* PgIndicator */

struct _PgIndicator
{
  PgRecord     parent_instance;
  GListStore  *children;
  PgIndicator *parent; /* weak: parents own their children */
  PgGoal      *goal;   /* weak */
  guint        n_indicators;
};
G_DEFINE_FINAL_TYPE (PgIndicator, pg_indicator, PG_TYPE_RECORD)

enum { IND_PROP_CHILDREN = N_IND_COLUMNS + 1, IND_PROP_N_INDICATORS };
static GParamSpec *indicator_n_pspec;

RECORD_GET_PROPERTY (pg_indicator,
  if (prop_id == IND_PROP_CHILDREN) { g_value_set_object (value, PG_INDICATOR (object)->children); return; }
  if (prop_id == IND_PROP_N_INDICATORS) { g_value_set_uint (value, PG_INDICATOR (object)->n_indicators); return; })

static void
pg_indicator_dispose (GObject *object)
{
  g_clear_object (&PG_INDICATOR (object)->children);
  G_OBJECT_CLASS (pg_indicator_parent_class)->dispose (object);
}

static void
pg_indicator_class_init (PgIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->get_property = pg_indicator_get_property;
  object_class->dispose = pg_indicator_dispose;
  install_column_properties (object_class, "indicator");
  g_object_class_install_property (object_class, IND_PROP_CHILDREN,
    g_param_spec_object ("children", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  indicator_n_pspec = g_param_spec_uint ("n-indicators", NULL, NULL, 0, G_MAXUINT, 0,
                                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, IND_PROP_N_INDICATORS, indicator_n_pspec);
}

static void pg_indicator_init (PgIndicator *self) { self->children = g_list_store_new (PG_TYPE_INDICATOR); }

guint pg_indicator_get_level (PgIndicator *self) { return (guint) COLUMN_INT (self, IND_LEVEL); }
const char *pg_indicator_get_category (PgIndicator *self) { return COLUMN_STRING (self, IND_CATEGORY); }
const char *pg_indicator_get_name (PgIndicator *self) { return COLUMN_STRING (self, IND_NAME); }
const char *pg_indicator_get_year_minus_2 (PgIndicator *self) { return COLUMN_STRING (self, IND_YEAR_MINUS_2); }
const char *pg_indicator_get_year_minus_1 (PgIndicator *self) { return COLUMN_STRING (self, IND_YEAR_MINUS_1); }
const char *pg_indicator_get_target (PgIndicator *self) { return COLUMN_STRING (self, IND_TARGET); }
const char *pg_indicator_get_basis (PgIndicator *self) { return COLUMN_STRING (self, IND_BASIS); }
GListModel *pg_indicator_get_children (PgIndicator *self) { return G_LIST_MODEL (self->children); }
GListStore *pg_indicator_get_store (PgIndicator *self) { return self->children; }
PgIndicator *pg_indicator_get_parent (PgIndicator *self) { return self->parent; }
PgGoal *pg_indicator_get_goal (PgIndicator *self) { return self->goal; }
guint pg_indicator_get_n_indicators (PgIndicator *self) { return self->n_indicators; }

/* Where the indicator hangs; its subtree follows it to a new goal. */
void
pg_indicator_set_place (PgIndicator *self,
                        PgGoal      *goal,
                        PgIndicator *parent)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

  self->parent = parent;
  if (self->goal == goal)
    return;
  self->goal = goal;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
      pg_indicator_set_place (child, goal, self);
    }
}

guint
pg_indicator_recount (PgIndicator *self)
{
  guint count = 0;

  if (pg_indicator_get_level (self) >= 3)
    count = 1;
  else
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PgIndicator) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
          count += pg_indicator_recount (child);
        }
    }

  if (self->n_indicators != count)
    {
      self->n_indicators = count;
      g_object_notify_by_pspec (G_OBJECT (self), indicator_n_pspec);
    }
  return count;
}

const char *
pg_indicator_get_display_name (PgIndicator *self,
                               gboolean     english)
{
  const char *category = pg_indicator_get_category (self);
  const PgCategory *standard;

  if (pg_indicator_get_level (self) >= 3 || category == NULL
      || g_strcmp0 (category, PG_CATEGORY_CUSTOM) == 0)
    return pg_indicator_get_name (self);

  standard = pg_category_lookup (pg_indicator_get_level (self), category);
  if (standard == NULL)
    return category;
  return pg_category_name (standard, english ? PG_LANGUAGE_EN : PG_LANGUAGE_ZH_CN);
}
