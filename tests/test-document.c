/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document: fields, structure, numbering, totals, undo and redo, the
 * working copy, saving, recovery after a crash, migrations and the
 * defensive open.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-dirs.h"
#include "pg-amount.h"
#include "pg-category.h"
#include "pg-document.h"
#include "pg-document-private.h"
#include "pg-json.h"
#include "pg-schema.h"
#include "pg-working-copy.h"

/* Helpers */

static char *
snapshot (PgDocument *doc)
{
  return pg_json_export (doc, NULL);
}

static gpointer
item (GListModel *list,
      guint       position)
{
  gpointer object = g_list_model_get_item (list, position);
  g_assert_nonnull (object);
  g_object_unref (object); /* the list keeps it alive */
  return object;
}

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
count_working_copies (void)
{
  g_autofree char *dir = pg_working_copy_dir (NULL);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (gdir && (name = g_dir_read_name (gdir)))
    if (g_str_has_suffix (name, ".perfgoal"))
      n++;
  return n;
}

/* A small declaration with something in every part. */
static PgDocument *
build_sample (void)
{
  g_autoptr(GError) error = NULL;
  PgDocument *doc = pg_document_new (&error);
  PgRecord *decl;
  PgTaskGroup *g1, *g2;
  PgGoal *goal;
  PgIndicator *output, *quantity, *effect, *social;
  PgProject *project;

  g_assert_no_error (error);
  pg_document_set_coalesce_ms (doc, 0);
  decl = PG_RECORD (pg_document_get_declaration (doc));

  g_assert_true (pg_document_set_string (doc, decl, "department-name", "武汉市蔡甸区残疾人联合会", &error));
  g_assert_true (pg_document_set_string (doc, decl, "filled-by", "屈郅全", &error));
  g_assert_true (pg_document_set_string (doc, decl, "phone", "84902037", &error));
  g_assert_true (pg_document_set_int (doc, decl, "budget-year", 2023, &error));
  g_assert_true (pg_document_set_string (doc, decl, "functions", "1.贯彻执行……\n2.听取残疾人意见……", &error));

  g1 = pg_document_add_task_group (doc, PG_POSITION_END, "加强党和政府对残疾人工作的领导", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pg_document_add_task (doc, g1, PG_POSITION_END, "完善残疾人工作领导体制。", "完善和落实……", &error));
  g_assert_nonnull (pg_document_add_task (doc, g1, PG_POSITION_END, "发挥党组织作用。", "落实全面从严治党……", &error));
  g2 = pg_document_add_task_group (doc, PG_POSITION_END, "加强专门协会建设", &error);
  g_assert_nonnull (pg_document_add_task (doc, g2, PG_POSITION_END, "落实协会工作经费 5 万元。", "", &error));

  project = pg_document_add_project (doc, PG_POSITION_END, "康复经费", &error);
  g_assert_no_error (error);
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (project), "total-budget", 6628000, &error));
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (project), "year-budget", 6628000, &error));

  goal = pg_document_add_goal (doc, PG_POSITION_END, "年度残联发展专项目标", &error);
  output = pg_document_add_indicator (doc, goal, NULL, PG_POSITION_END, "output", NULL, &error);
  quantity = pg_document_add_indicator (doc, goal, output, PG_POSITION_END, "quantity", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("指标 %u", i + 1);
      PgIndicator *leaf = pg_document_add_indicator (doc, goal, quantity, PG_POSITION_END, NULL, name, &error);
      g_assert_no_error (error);
      g_assert_true (pg_document_set_string (doc, PG_RECORD (leaf), "target", "1100 人次", &error));
      g_assert_true (pg_document_set_string (doc, PG_RECORD (leaf), "basis", "historical", &error));
    }
  effect = pg_document_add_indicator (doc, goal, NULL, PG_POSITION_END, "effect", NULL, &error);
  social = pg_document_add_indicator (doc, goal, effect, PG_POSITION_END, "social_effect", NULL, &error);
  g_assert_nonnull (pg_document_add_indicator (doc, goal, social, PG_POSITION_END, NULL, "残疾人精准康复服务率", &error));
  g_assert_no_error (error);
  return doc;
}

/* Tests */

static void
test_new_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = pg_document_new (&error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PgDeclaration *decl;
  g_autofree char *working = NULL;

  g_assert_no_error (error);
  decl = pg_document_get_declaration (doc);
  g_assert_cmpint (pg_declaration_get_budget_year (decl), ==, g_date_time_get_year (now) + 1);
  g_assert_cmpstr (pg_declaration_get_unit (decl), ==, "wan_yuan");
  g_assert_cmpstr (pg_declaration_get_label_language (decl), ==, "zh_CN");
  g_assert_null (pg_declaration_get_fill_date (decl));
  g_assert_null (pg_document_get_file (doc));
  g_assert_false (pg_document_get_modified (doc));
  g_assert_false (pg_document_get_can_undo (doc));
  g_assert_cmpuint (g_list_model_get_n_items (pg_finance_block_get_rows (pg_document_get_revenue (doc))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pg_finance_block_get_rows (pg_document_get_expenditure (doc))), ==, 2);

  /* Only a working copy, until the first save. */
  working = g_strdup (pg_document_get_working_copy_path (doc));
  g_assert_true (g_file_test (working, G_FILE_TEST_EXISTS));
  g_assert_false (pg_document_save (doc, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  pg_document_close (doc);
  g_assert_false (g_file_test (working, G_FILE_TEST_EXISTS));
}

static void
test_fields_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autoptr(PgDocument) reopened = NULL;
  g_autofree char *path = temp_path ("round-trip.perfgoal");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PgRecord *decl = PG_RECORD (pg_document_get_declaration (doc));
  PgFinanceRow *row;
  PgIndicator *leaf;

  /* Every remaining field gets a value. */
  g_assert_true (pg_document_set_string (doc, decl, "head", "张三", &error));
  g_assert_true (pg_document_set_string (doc, decl, "finance-head", "李四", &error));
  g_assert_true (pg_document_set_string (doc, decl, "fill-date", "2022-11-30", &error));
  g_assert_true (pg_document_set_string (doc, decl, "unit", "yuan", &error));
  g_assert_true (pg_document_set_string (doc, decl, "label-language", "en", &error));
  row = item (pg_finance_block_get_rows (pg_document_get_revenue (doc)), 0);
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (row), "amount", 14857300, &error));
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (row), "year-minus-2", 26990000, &error));
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (row), "year-minus-1", 15067600, &error));
  leaf = item (pg_indicator_get_children (item (pg_indicator_get_children (item (pg_goal_get_indicators (item (pg_document_get_goals (doc), 0)), 0)), 0)), 0);
  g_assert_true (pg_document_set_string (doc, PG_RECORD (leaf), "year-minus-2", "≥95%", &error));
  g_assert_true (pg_document_set_string (doc, PG_RECORD (leaf), "year-minus-1", "461 万元", &error));
  g_assert_true (pg_document_set_string (doc, PG_RECORD (item (pg_document_get_projects (doc), 0)), "purpose",
                                         "用于残疾儿童康复救助和精神残疾人服药补贴", &error));
  g_assert_no_error (error);

  g_assert_true (pg_document_save_as (doc, file, &error));
  g_assert_no_error (error);
  g_assert_false (pg_document_get_modified (doc));
  before = snapshot (doc);
  pg_document_close (doc);

  reopened = pg_document_open (file, &error);
  g_assert_no_error (error);
  after = snapshot (reopened);
  g_assert_cmpstr (after, ==, before);

  /* Spot checks on the objects themselves, not only the JSON. */
  decl = PG_RECORD (pg_document_get_declaration (reopened));
  g_assert_cmpstr (pg_declaration_get_head (PG_DECLARATION (decl)), ==, "张三");
  g_assert_cmpstr (pg_declaration_get_fill_date (PG_DECLARATION (decl)), ==, "2022-11-30");
  g_assert_cmpstr (pg_declaration_get_label_language (PG_DECLARATION (decl)), ==, "en");
  row = item (pg_finance_block_get_rows (pg_document_get_revenue (reopened)), 0);
  g_assert_cmpint (pg_finance_row_get_year_minus_2 (row), ==, 26990000);
  g_assert_false (pg_document_get_modified (reopened));
  g_assert_false (pg_document_get_can_undo (reopened));
  g_assert_true (g_file_equal (pg_document_get_file (reopened), file));
  g_unlink (path);
}

static void
test_totals_and_shares (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = pg_document_new (&error);
  PgFinanceBlock *block = pg_document_get_expenditure (doc);
  PgFinanceRow *basic = item (pg_finance_block_get_rows (block), 0);
  PgFinanceRow *project = item (pg_finance_block_get_rows (block), 1);

  g_assert_cmpint (pg_finance_block_get_total (block), ==, PG_AMOUNT_NONE);
  g_assert_cmpint (pg_finance_row_get_share (basic), ==, PG_SHARE_NONE);

  g_assert_true (pg_document_set_amount (doc, PG_RECORD (basic), "amount", 5864200, &error));
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (project), "amount", 8993100, &error));
  g_assert_cmpint (pg_finance_block_get_total (block), ==, 14857300);
  g_assert_cmpint (pg_finance_row_get_share (basic), ==, 3947);
  g_assert_cmpint (pg_finance_row_get_share (project), ==, 6053);

  /* 1 : 2 rounds to 33.33 + 66.67: the remainder goes where it belongs. */
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (basic), "amount", 10000, &error));
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (project), "amount", 20000, &error));
  g_assert_cmpint (pg_finance_row_get_share (basic) + pg_finance_row_get_share (project), ==, 10000);
  g_assert_cmpint (pg_finance_row_get_share (basic), ==, 3333);
  g_assert_cmpint (pg_finance_row_get_share (project), ==, 6667);

  /* 0.0001 against 0.0002: shares still add up to exactly 100.00 %. */
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (basic), "amount", 1, &error));
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (project), "amount", 2, &error));
  g_assert_cmpint (pg_finance_row_get_share (basic) + pg_finance_row_get_share (project), ==, 10000);

  /* An empty row counts as nothing; the total is of what is filled. */
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (basic), "amount", PG_AMOUNT_NONE, &error));
  g_assert_cmpint (pg_finance_block_get_total (block), ==, 2);
  g_assert_cmpint (pg_finance_row_get_share (project), ==, 10000);
  g_assert_cmpint (pg_finance_row_get_share (basic), ==, 0);

  /* Previous years' totals. */
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (basic), "year-minus-1", 15000, &error));
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (project), "year-minus-1", 5000, &error));
  g_assert_cmpint (pg_finance_block_get_total_year_minus_1 (block), ==, 20000);
  g_assert_cmpint (pg_finance_block_get_total_year_minus_2 (block), ==, PG_AMOUNT_NONE);

  /* Undo brings the totals back with the amounts. */
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_cmpint (pg_finance_block_get_total_year_minus_1 (block), ==, 15000);
  g_assert_no_error (error);
}

static void
test_numbering (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  GListModel *groups = pg_document_get_task_groups (doc);
  PgTaskGroup *g1 = item (groups, 0), *g2 = item (groups, 1), *g0;
  PgTask *t;

  /* Tasks are numbered across groups: 1, 2 | 3. */
  g_assert_cmpuint (pg_task_get_number (item (pg_task_group_get_tasks (g1), 1)), ==, 2);
  g_assert_cmpuint (pg_task_get_number (item (pg_task_group_get_tasks (g2), 0)), ==, 3);
  g_assert_cmpuint (pg_task_group_get_number (g2), ==, 2);

  /* A group inserted first renumbers the rest, and its task is 1. */
  g0 = pg_document_add_task_group (doc, 0, "新组", &error);
  t = pg_document_add_task (doc, g0, 0, "新任务。", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pg_task_group_get_number (g0), ==, 1);
  g_assert_cmpuint (pg_task_group_get_number (g2), ==, 3);
  g_assert_cmpuint (pg_task_get_number (t), ==, 1);
  g_assert_cmpuint (pg_task_get_number (item (pg_task_group_get_tasks (g2), 0)), ==, 4);

  /* A task moved to the last group takes the last number. */
  g_assert_true (pg_document_move (doc, PG_RECORD (t), g2, PG_POSITION_END, &error));
  g_assert_cmpuint (pg_task_get_number (t), ==, 4);
  g_assert_true (pg_task_get_group (t) == g2);
  g_assert_cmpuint (pg_task_get_number (item (pg_task_group_get_tasks (g1), 0)), ==, 1);

  /* Removing a group renumbers what follows. */
  g_assert_true (pg_document_remove (doc, PG_RECORD (g1), &error));
  g_assert_cmpuint (pg_task_group_get_number (g2), ==, 2);
  g_assert_cmpuint (pg_task_get_number (item (pg_task_group_get_tasks (g2), 0)), ==, 1);

  /* Goals and projects are numbered too. */
  g_assert_nonnull (pg_document_add_goal (doc, 0, "第二个目标", &error));
  g_assert_cmpuint (pg_goal_get_number (item (pg_document_get_goals (doc), 1)), ==, 2);
  g_assert_cmpuint (pg_project_get_number (item (pg_document_get_projects (doc), 0)), ==, 1);
  g_assert_no_error (error);
}

/* Does `op`, then checks that undo restores the exact document and redo
 * the exact result. */
typedef void (*Operation) (PgDocument *doc);

static void
check_undo_redo (PgDocument *doc,
                 Operation   op)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (doc);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  op (doc);
  after = snapshot (doc);
  g_assert_cmpstr (after, !=, before);
  g_assert_true (pg_document_get_can_undo (doc));

  g_assert_true (pg_document_undo (doc, &error));
  g_assert_no_error (error);
  undone = snapshot (doc);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (pg_document_get_can_redo (doc));

  g_assert_true (pg_document_redo (doc, &error));
  g_assert_no_error (error);
  redone = snapshot (doc);
  g_assert_cmpstr (redone, ==, after);
}

static PgGoal *goal0 (PgDocument *doc) { return item (pg_document_get_goals (doc), 0); }
static PgIndicator *level1 (PgDocument *doc, guint i) { return item (pg_goal_get_indicators (goal0 (doc)), i); }

static void op_field (PgDocument *doc) { g_assert_true (pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)), "phone", "027-84902037", NULL)); }
static void op_amount (PgDocument *doc) { g_assert_true (pg_document_set_amount (doc, PG_RECORD (item (pg_document_get_projects (doc), 0)), "year-budget", 12345, NULL)); }
static void op_year (PgDocument *doc) { g_assert_true (pg_document_set_int (doc, PG_RECORD (pg_document_get_declaration (doc)), "budget-year", 2030, NULL)); }
static void op_add_task (PgDocument *doc) { g_assert_nonnull (pg_document_add_task (doc, item (pg_document_get_task_groups (doc), 0), 1, "插入的任务。", "正文", NULL)); }
static void op_remove_task (PgDocument *doc) { g_assert_true (pg_document_remove (doc, PG_RECORD (item (pg_task_group_get_tasks (item (pg_document_get_task_groups (doc), 0)), 0)), NULL)); }
static void op_move_task_across (PgDocument *doc) { g_assert_true (pg_document_move (doc, PG_RECORD (item (pg_task_group_get_tasks (item (pg_document_get_task_groups (doc), 0)), 0)), item (pg_document_get_task_groups (doc), 1), 0, NULL)); }
static void op_move_task_within (PgDocument *doc) { g_assert_true (pg_document_move (doc, PG_RECORD (item (pg_task_group_get_tasks (item (pg_document_get_task_groups (doc), 0)), 0)), NULL, 1, NULL)); }
static void op_add_group (PgDocument *doc) { g_assert_nonnull (pg_document_add_task_group (doc, 1, "新组", NULL)); }
static void op_remove_group (PgDocument *doc) { g_assert_true (pg_document_remove (doc, PG_RECORD (item (pg_document_get_task_groups (doc), 0)), NULL)); }
static void op_move_group (PgDocument *doc) { g_assert_true (pg_document_move (doc, PG_RECORD (item (pg_document_get_task_groups (doc), 1)), NULL, 0, NULL)); }
static void op_add_project (PgDocument *doc) { g_assert_nonnull (pg_document_add_project (doc, 0, "新项目", NULL)); }
static void op_remove_project (PgDocument *doc) { g_assert_true (pg_document_remove (doc, PG_RECORD (item (pg_document_get_projects (doc), 0)), NULL)); }
static void op_add_goal (PgDocument *doc) { g_assert_nonnull (pg_document_add_goal (doc, PG_POSITION_END, "目标二", NULL)); }
static void op_remove_goal (PgDocument *doc) { g_assert_true (pg_document_remove (doc, PG_RECORD (goal0 (doc)), NULL)); }
static void op_add_indicator (PgDocument *doc) { g_assert_nonnull (pg_document_add_indicator (doc, goal0 (doc), NULL, PG_POSITION_END, "satisfaction", NULL, NULL)); }
static void op_remove_subtree (PgDocument *doc) { g_assert_true (pg_document_remove (doc, PG_RECORD (level1 (doc, 0)), NULL)); }
static void op_move_level1 (PgDocument *doc) { g_assert_true (pg_document_move (doc, PG_RECORD (level1 (doc, 1)), NULL, 0, NULL)); }
static void op_move_leaf_across (PgDocument *doc)
{
  PgIndicator *leaf = item (pg_indicator_get_children (item (pg_indicator_get_children (level1 (doc, 0)), 0)), 2);
  PgIndicator *social = item (pg_indicator_get_children (level1 (doc, 1)), 0);
  g_assert_true (pg_document_move (doc, PG_RECORD (leaf), social, 0, NULL));
}
static void op_move_level2_across (PgDocument *doc)
{
  PgIndicator *quantity = item (pg_indicator_get_children (level1 (doc, 0)), 0);
  g_assert_true (pg_document_move (doc, PG_RECORD (quantity), level1 (doc, 1), PG_POSITION_END, NULL));
}
static void op_category (PgDocument *doc) { g_assert_true (pg_document_set_string (doc, PG_RECORD (level1 (doc, 1)), "category", "satisfaction", NULL)); }
static void op_paste (PgDocument *doc)
{
  PgIndicator *quantity = item (pg_indicator_get_children (level1 (doc, 0)), 0);
  g_autofree char *json = pg_json_indicator_to_string (quantity);
  g_autoptr(GError) error = NULL;
  g_assert_nonnull (pg_json_paste_indicator (doc, goal0 (doc), level1 (doc, 1), 0, json, &error));
  g_assert_no_error (error);
}
static void op_step (PgDocument *doc)
{
  PgIndicator *social = item (pg_indicator_get_children (level1 (doc, 1)), 0);
  PgIndicator *leaf;

  pg_document_begin_step (doc);
  leaf = pg_document_add_indicator (doc, goal0 (doc), social, PG_POSITION_END, NULL, "补贴对象满意度", NULL);
  g_assert_true (pg_document_set_string (doc, PG_RECORD (leaf), "target", "≥90%", NULL));
  g_assert_true (pg_document_set_string (doc, PG_RECORD (leaf), "basis", "plan", NULL));
  g_assert_true (pg_document_end_step (doc, TRUE, NULL));
}

static void
test_undo_redo_every_kind (void)
{
  static const Operation operations[] = {
    op_field, op_amount, op_year, op_add_task, op_remove_task, op_move_task_across,
    op_move_task_within, op_add_group, op_remove_group, op_move_group, op_add_project,
    op_remove_project, op_add_goal, op_remove_goal, op_add_indicator, op_remove_subtree,
    op_move_level1, op_move_leaf_across, op_move_level2_across, op_category, op_paste, op_step,
  };

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      g_autoptr(PgDocument) doc = build_sample ();
      g_test_message ("operation %u", i);
      check_undo_redo (doc, operations[i]);
    }
}

static void
test_undo_all_the_way (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) empty = pg_document_new (&error);
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *blank = snapshot (empty);
  g_autofree char *full = snapshot (doc);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  guint steps = 0;

  while (pg_document_get_can_undo (doc))
    {
      g_assert_true (pg_document_undo (doc, &error));
      steps++;
    }
  g_assert_cmpuint (steps, >, 20);
  start = snapshot (doc);
  g_assert_cmpstr (start, ==, blank);
  g_assert_false (pg_document_undo (doc, &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_NOTHING_TO_DO);
  g_clear_error (&error);

  while (pg_document_get_can_redo (doc))
    g_assert_true (pg_document_redo (doc, &error));
  end = snapshot (doc);
  g_assert_cmpstr (end, ==, full);

  /* A new edit after an undo ends the redo branch. */
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_true (pg_document_get_can_redo (doc));
  op_field (doc);
  g_assert_false (pg_document_get_can_redo (doc));
}

static void
on_history_step (PgDocument *doc,
                 PgRecord   *record,
                 const char *property,
                 gpointer    user_data)
{
  char **out = user_data;
  g_free (*out);
  *out = g_strdup_printf ("%s:%s", record ? pg_record_get_table (record) : "-", property ? property : "-");
}

static void
test_history_step_signal (void)
{
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *seen = NULL;

  g_signal_connect (doc, "history-step", G_CALLBACK (on_history_step), &seen);
  op_field (doc);
  g_assert_true (pg_document_undo (doc, NULL));
  g_assert_cmpstr (seen, ==, "declaration:phone");
  op_remove_task (doc);
  g_assert_true (pg_document_undo (doc, NULL));
  g_assert_cmpstr (seen, ==, "task:-");
}

static void
test_coalescing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = pg_document_new (&error);
  PgRecord *decl = PG_RECORD (pg_document_get_declaration (doc));
  PgDeclaration *d = PG_DECLARATION (decl);

  /* Typing "残联" one keystroke at a time is one step. */
  pg_document_set_coalesce_ms (doc, 60 * 1000);
  g_assert_true (pg_document_set_string (doc, decl, "department-name", "残", &error));
  g_assert_true (pg_document_set_string (doc, decl, "department-name", "残联", &error));
  g_assert_true (pg_document_set_string (doc, decl, "department-name", "残联会", &error));
  /* Another field is another step. */
  g_assert_true (pg_document_set_string (doc, decl, "phone", "8", &error));
  g_assert_true (pg_document_set_string (doc, decl, "phone", "84", &error));
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_cmpstr (pg_declaration_get_phone (d), ==, "");
  g_assert_cmpstr (pg_declaration_get_department_name (d), ==, "残联会");
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_cmpstr (pg_declaration_get_department_name (d), ==, "");
  g_assert_false (pg_document_get_can_undo (doc));

  /* A break (the focus left the field) starts a new step. */
  g_assert_true (pg_document_redo (doc, &error));
  g_assert_true (pg_document_set_string (doc, decl, "filled-by", "屈", &error));
  pg_document_break_coalescing (doc);
  g_assert_true (pg_document_set_string (doc, decl, "filled-by", "屈郅全", &error));
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_cmpstr (pg_declaration_get_filled_by (d), ==, "屈");

  /* Without the window, every edit is a step. */
  pg_document_set_coalesce_ms (doc, 0);
  g_assert_true (pg_document_set_string (doc, decl, "head", "张", &error));
  g_assert_true (pg_document_set_string (doc, decl, "head", "张三", &error));
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_cmpstr (pg_declaration_get_head (d), ==, "张");
  g_assert_no_error (error);
}

/* The history keeps the newest PG_HISTORY_MAX_STEPS steps and no more;
 * what was trimmed off can no longer be undone, and the document stays
 * modified even with every remaining step undone. */
static void
test_history_is_bounded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = pg_document_new (&error);
  PgRecord *decl = PG_RECORD (pg_document_get_declaration (doc));
  guint extra = 25, undone = 0;

  pg_document_set_coalesce_ms (doc, 0);
  g_assert_true (pg_document_set_string (doc, decl, "head", "first", &error));
  for (guint i = 0; i < PG_HISTORY_MAX_STEPS + extra; i++)
    {
      char value[32];
      g_snprintf (value, sizeof value, "%u", i);
      g_assert_true (pg_document_set_string (doc, decl, "phone", value, &error));
    }

  while (pg_document_get_can_undo (doc))
    {
      g_assert_true (pg_document_undo (doc, &error));
      undone++;
    }
  g_assert_cmpuint (undone, ==, PG_HISTORY_MAX_STEPS);
  /* The oldest steps are gone: the first edits stay. */
  g_assert_cmpstr (pg_declaration_get_head (PG_DECLARATION (decl)), ==, "first");
  g_assert_cmpstr (pg_declaration_get_phone (PG_DECLARATION (decl)), ==, "24");
  g_assert_true (pg_document_get_modified (doc));
  g_assert_no_error (error);
}

static void
test_modified (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *path = temp_path ("modified.perfgoal");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (pg_document_get_modified (doc));
  g_assert_true (pg_document_save_as (doc, file, &error));
  g_assert_false (pg_document_get_modified (doc));
  op_field (doc);
  g_assert_true (pg_document_get_modified (doc));
  /* Back to the saved state by undo: not modified. */
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_false (pg_document_get_modified (doc));
  g_assert_true (pg_document_redo (doc, &error));
  g_assert_true (pg_document_get_modified (doc));
  g_assert_true (pg_document_save (doc, &error));
  g_assert_false (pg_document_get_modified (doc));

  /* Coalescing never folds an edit into the saved state. */
  pg_document_set_coalesce_ms (doc, 60 * 1000);
  g_assert_true (pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)), "head", "a", &error));
  g_assert_true (pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)), "head", "ab", &error));
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_false (pg_document_get_modified (doc));
  g_assert_no_error (error);
  g_unlink (path);
}

/* Saving writes a temporary file beside the document and renames it: no
 * temporary file, and no journal of one, is left beside the user's file. */
static void
test_save_leaves_nothing_beside (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *dir = g_dir_make_tmp ("perfgoal-beside-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "declaration.perfgoal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  const char *name;

  g_assert_no_error (error);
  g_assert_true (pg_document_save_as (doc, file, &error));
  g_assert_no_error (error);
  g_assert_true (pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)),
                                         "finance-head", "李四", &error));
  g_assert_true (pg_document_save (doc, &error));
  g_assert_no_error (error);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_string_append_printf (names, "%s%s", names->len ? " " : "", name);
  g_assert_cmpstr (names->str, ==, "declaration.perfgoal");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_saved_file_has_no_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *path = temp_path ("no-history.perfgoal");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  PgRecord *decl = PG_RECORD (pg_document_get_declaration (doc));

  g_assert_true (pg_document_set_string (doc, decl, "finance-head", "EARLIER-SECRET-VALUE", &error));
  g_assert_true (pg_document_set_string (doc, decl, "finance-head", "李四", &error));
  g_assert_true (pg_document_save_as (doc, file, &error));
  g_assert_no_error (error);

  /* Not in any table, not in any free page. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (memmem (contents, length, "EARLIER-SECRET-VALUE", strlen ("EARLIER-SECRET-VALUE")));
  g_assert_nonnull (memmem (contents, length, "李四", strlen ("李四")));

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM history), (SELECT count(*) FROM working_state),"
                                           " (SELECT application_id FROM pragma_application_id),"
                                           " (SELECT user_version FROM pragma_user_version),"
                                           " (SELECT journal_mode FROM pragma_journal_mode)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, PG_SCHEMA_APPLICATION_ID);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, PG_SCHEMA_VERSION);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), !=, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The MIME magic: "PGOL" at byte 68. */
  g_assert_cmpmem (contents + 68, 4, "PGOL", 4);
  g_unlink (path);
}

/* Leaves a working copy behind as a crash would: a child process edits and
 * exits without closing. */
static void
crash_after_edits (void)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      PgDocument *doc = build_sample ();
      pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)), "head", "崩溃前的值", NULL);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
}

static void
test_recovery_keeps_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(PgDocument) doc = NULL;
  PgRecoverable *copy;
  guint before = count_working_copies ();
  g_autoptr(GPtrArray) earlier = pg_working_copy_list_recoverable ();

  crash_after_edits ();
  g_assert_cmpuint (count_working_copies (), ==, before + 1);

  /* The crashed copy is offered; it is the newest. */
  copies = pg_working_copy_list_recoverable ();
  g_assert_cmpuint (copies->len, ==, earlier->len + 1);
  copy = g_ptr_array_index (copies, 0);
  g_assert_true (copy->modified);
  g_assert_null (copy->source_uri);
  g_assert_cmpstr (copy->title, ==, "武汉市蔡甸区残疾人联合会 2023");

  doc = pg_document_recover (copy->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pg_declaration_get_head (pg_document_get_declaration (doc)), ==, "崩溃前的值");
  g_assert_true (pg_document_get_modified (doc));

  /* A live document's copy is not offered. */
  {
    g_autoptr(GPtrArray) again = pg_working_copy_list_recoverable ();
    g_assert_cmpuint (again->len, ==, earlier->len);
  }

  /* The history came through the crash. */
  g_assert_true (pg_document_get_can_undo (doc));
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_cmpstr (pg_declaration_get_head (pg_document_get_declaration (doc)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (pg_document_get_task_groups (doc)), ==, 2);

  pg_document_close (doc);
  g_assert_cmpuint (count_working_copies (), ==, before);
}

/* The kill -9 test. The child streams edits, printing each one's number
 * once it is committed; the parent kills it mid-stream and every edit the
 * child reported must be in the recovered copy. */
#define STREAM_ARG "--stream-edits"

static int
stream_edits (void)
{
  g_autoptr(GError) error = NULL;
  PgDocument *doc = pg_document_new (&error);
  PgTaskGroup *group;

  if (doc == NULL)
    return 1;
  pg_document_set_coalesce_ms (doc, 0);
  group = pg_document_add_task_group (doc, PG_POSITION_END, "流", &error);
  printf ("ready %s\n", pg_document_get_working_copy_path (doc));
  fflush (stdout);
  for (guint i = 0;; i++)
    {
      g_autofree char *title = g_strdup_printf ("edit %u", i);
      PgTask *task = pg_document_add_task (doc, group, PG_POSITION_END, title, "", &error);

      if (task == NULL
          || !pg_document_set_string (doc, PG_RECORD (task), "text", title, &error))
        return 1;
      printf ("%u\n", i);
      fflush (stdout);
    }
}

static void
test_kill_9 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(PgDocument) doc = NULL;
  g_autofree char *ready = NULL;
  const char *path;
  GListModel *tasks;
  int last = -1;
  guint n;

  /* The child's working copy goes where this test's do. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error,
                                       g_test_get_filename (G_TEST_BUILT, "test-document", NULL), STREAM_ARG, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  ready = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_nonnull (ready);
  g_assert_true (g_str_has_prefix (ready, "ready "));
  path = ready + strlen ("ready ");

  while (last < 150)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      g_assert_nonnull (line);
      last = atoi (line);
    }
  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));

  /* What the child reported before it died may still wait in the pipe. */
  while (TRUE)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL);
      if (line == NULL)
        break;
      last = atoi (line);
    }

  doc = pg_document_recover (path, &error);
  g_assert_no_error (error);
  tasks = pg_task_group_get_tasks (item (pg_document_get_task_groups (doc), 0));
  n = g_list_model_get_n_items (tasks);
  g_test_message ("child reported %d edits, recovered %u", last + 1, n);
  /* Every reported edit; at most the one in flight beyond. */
  g_assert_cmpuint (n, >=, (guint) last + 1);
  g_assert_cmpuint (n, <=, (guint) last + 2);
  for (guint i = 0; i <= (guint) last; i++)
    {
      g_autofree char *expected = g_strdup_printf ("edit %u", i);
      PgTask *task = item (tasks, i);
      g_assert_cmpstr (pg_task_get_title (task), ==, expected);
      g_assert_cmpstr (pg_task_get_text (task), ==, expected);
      g_assert_cmpuint (pg_task_get_number (task), ==, i + 1);
    }
  pg_document_close (doc);
}

static void
test_migration_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("v1.perfgoal");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PgDocument) doc = NULL;
  sqlite3 *db;
  /* The first schema: no head, finance_head or label_language yet. */
  const char *v1 =
    "PRAGMA application_id = 1346850636;"
    "PRAGMA user_version = 1;"
    "CREATE TABLE declaration (id INTEGER PRIMARY KEY CHECK (id = 1), unit TEXT NOT NULL DEFAULT 'wan_yuan',"
    "  budget_year INTEGER, fill_date TEXT, department_name TEXT NOT NULL DEFAULT '',"
    "  filled_by TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', functions TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE finance_row (id INTEGER PRIMARY KEY, block TEXT NOT NULL, item TEXT NOT NULL,"
    "  position INTEGER NOT NULL, amount INTEGER, year_minus_2 INTEGER, year_minus_1 INTEGER, UNIQUE (block, item));"
    "CREATE TABLE task_group (id INTEGER PRIMARY KEY AUTOINCREMENT, position INTEGER NOT NULL, title TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE task (id INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER NOT NULL REFERENCES task_group (id),"
    "  position INTEGER NOT NULL, title TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE project (id INTEGER PRIMARY KEY AUTOINCREMENT, position INTEGER NOT NULL, name TEXT NOT NULL DEFAULT '',"
    "  total_budget INTEGER, year_budget INTEGER, purpose TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE goal (id INTEGER PRIMARY KEY AUTOINCREMENT, position INTEGER NOT NULL, title TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE indicator (id INTEGER PRIMARY KEY AUTOINCREMENT, goal_id INTEGER REFERENCES goal (id),"
    "  parent_id INTEGER REFERENCES indicator (id), position INTEGER NOT NULL,"
    "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3), category TEXT, name TEXT NOT NULL DEFAULT '',"
    "  year_minus_2 TEXT NOT NULL DEFAULT '', year_minus_1 TEXT NOT NULL DEFAULT '',"
    "  target TEXT NOT NULL DEFAULT '', basis TEXT);"
    "INSERT INTO declaration (id, budget_year, department_name, phone) VALUES (1, 2022, '旧单位', '84902037');"
    "INSERT INTO finance_row VALUES (1, 'revenue', 'fiscal_appropriation', 0, 14857300, NULL, NULL),"
    "  (2, 'revenue', 'other_funds', 1, NULL, NULL, NULL), (3, 'expenditure', 'basic', 0, NULL, NULL, NULL),"
    "  (4, 'expenditure', 'project', 1, NULL, NULL, NULL);"
    "INSERT INTO task_group VALUES (1, 0, '旧的组');"
    "INSERT INTO task VALUES (1, 1, 0, '旧任务。', '');"
    "INSERT INTO goal VALUES (1, 0, '旧目标');"
    "INSERT INTO indicator VALUES (1, 1, NULL, 0, 1, 'output', '', '', '', '', NULL),"
    "  (2, NULL, 1, 0, 2, 'quantity', '', '', '', '', NULL),"
    "  (3, NULL, 2, 0, 3, NULL, '人次', '1', '2', '3 人次', 'plan');";
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;
  PgDeclaration *decl;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v1, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  checksum = file_checksum (path);

  doc = pg_document_open (file, &error);
  g_assert_no_error (error);
  decl = pg_document_get_declaration (doc);
  g_assert_cmpstr (pg_declaration_get_department_name (decl), ==, "旧单位");
  g_assert_cmpstr (pg_declaration_get_head (decl), ==, "");
  g_assert_cmpstr (pg_declaration_get_label_language (decl), ==, "zh_CN");
  g_assert_cmpint (pg_finance_block_get_total (pg_document_get_revenue (doc)), ==, 14857300);
  g_assert_cmpuint (pg_indicator_get_n_indicators (level1 (doc, 0)), ==, 1);

  /* The migration happened in the working copy; the file is untouched
   * until the user saves, and then it is current. */
  checksum_after = file_checksum (path);
  g_assert_cmpstr (checksum_after, ==, checksum);
  g_assert_true (pg_document_set_string (doc, PG_RECORD (decl), "head", "王五", &error));
  g_assert_true (pg_document_save (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT user_version, (SELECT head FROM declaration) FROM pragma_user_version",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, PG_SCHEMA_VERSION);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "王五");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  g_unlink (path);
}

/* Each bad file gets its error, is never modified, and leaves nothing. */
static void
check_refused (const char *path,
               int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *name = g_path_get_basename (path);
  guint copies = count_working_copies ();
  PgDocument *doc = pg_document_open (file, &error);

  g_assert_null (doc);
  g_assert_error (error, PG_DOCUMENT_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, name));
  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_working_copies (), ==, copies);
}

static void
test_defensive_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *foreign = temp_path ("foreign.perfgoal");
  g_autofree char *text = temp_path ("text.perfgoal");
  g_autofree char *newer = temp_path ("newer.perfgoal");
  g_autofree char *damaged = temp_path ("damaged.perfgoal");
  g_autofree char *truncated = temp_path ("truncated.perfgoal");
  g_autoptr(GFile) damaged_file = g_file_new_for_path (damaged);
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db;

  /* A SQLite database that is not ours. */
  g_unlink (foreign);
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  check_refused (foreign, PG_DOCUMENT_ERROR_NOT_PERFGOAL);

  /* Not a database at all. */
  g_assert_true (g_file_set_contents (text, "这不是数据库。\n", -1, NULL));
  check_refused (text, PG_DOCUMENT_ERROR_NOT_PERFGOAL);

  /* Ours, but from a newer PerfGoal. */
  g_unlink (newer);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1346850636; PRAGMA user_version = 99;"
                                     "CREATE TABLE declaration (id INTEGER PRIMARY KEY);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  check_refused (newer, PG_DOCUMENT_ERROR_NEWER_VERSION);

  /* Ours, but damaged: garbage over the pages after the first. */
  g_assert_true (pg_document_save_as (doc, damaged_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  for (gsize i = 4096; i < length; i += 7)
    contents[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  check_refused (damaged, PG_DOCUMENT_ERROR_DAMAGED);

  /* Ours, cut short. */
  g_assert_true (g_file_set_contents (truncated, contents, 4096 + 100, NULL));
  check_refused (truncated, PG_DOCUMENT_ERROR_DAMAGED);

  g_unlink (foreign);
  g_unlink (text);
  g_unlink (newer);
  g_unlink (damaged);
  g_unlink (truncated);
}

static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autoptr(PgDocument) ro = NULL;
  g_autofree char *dir = g_dir_make_tmp ("perfgoal-ro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "locked.perfgoal", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "copy.perfgoal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;

  g_assert_true (pg_document_save_as (doc, file, &error));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  checksum = file_checksum (path);

  ro = pg_document_open (file, &error);
  g_assert_no_error (error);
  g_assert_true (pg_document_get_read_only (ro));
  g_assert_false (pg_document_set_string (ro, PG_RECORD (pg_document_get_declaration (ro)), "head", "x", &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pg_document_save (ro, &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_READ_ONLY);
  g_clear_error (&error);
  checksum_after = file_checksum (path);
  g_assert_cmpstr (checksum_after, ==, checksum);

  /* Save As makes a writable copy. */
  g_assert_true (pg_document_save_as (ro, copy, &error));
  g_assert_false (pg_document_get_read_only (ro));
  g_assert_true (pg_document_set_string (ro, PG_RECORD (pg_document_get_declaration (ro)), "head", "x", &error));
  g_assert_no_error (error);

  g_chmod (path, 0644);
  g_unlink (path);
  g_unlink (copy_path);
  g_rmdir (dir);
}

static void
test_save_failure_keeps_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *path = temp_path ("keep.perfgoal");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-dir/x.perfgoal");
  g_autofree char *checksum = NULL;
  g_autofree char *checksum_after = NULL;

  g_assert_true (pg_document_save_as (doc, file, &error));
  checksum = file_checksum (path);
  op_field (doc);

  /* A failed Save As changes nothing: same file, still modified. */
  g_assert_false (pg_document_save_as (doc, nowhere, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_equal (pg_document_get_file (doc), file));
  g_assert_true (pg_document_get_modified (doc));
  checksum_after = file_checksum (path);
  g_assert_cmpstr (checksum_after, ==, checksum);
  g_unlink (path);
}

static void
test_shape_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *before = snapshot (doc);
  g_autofree char *after = NULL;
  PgIndicator *output = level1 (doc, 0);
  PgIndicator *quantity = item (pg_indicator_get_children (output), 0);
  PgIndicator *leaf = item (pg_indicator_get_children (quantity), 0);
  PgTask *task = item (pg_task_group_get_tasks (item (pg_document_get_task_groups (doc), 0)), 0);

  /* No children under a level-3. */
  g_assert_null (pg_document_add_indicator (doc, goal0 (doc), leaf, 0, NULL, "第四级", &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  /* No level-3 directly under a level-1. */
  g_assert_false (pg_document_move (doc, PG_RECORD (leaf), output, 0, &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  /* A level-2 cannot go under a level-2. */
  g_assert_false (pg_document_move (doc, PG_RECORD (quantity), quantity, 0, &error));
  g_clear_error (&error);
  /* A task cannot go under a goal. */
  g_assert_false (pg_document_move (doc, PG_RECORD (task), goal0 (doc), 0, &error));
  g_clear_error (&error);
  /* Names: a level-3 needs one; a custom category too; categories are known. */
  g_assert_null (pg_document_add_indicator (doc, goal0 (doc), quantity, 0, NULL, "", &error));
  g_clear_error (&error);
  g_assert_null (pg_document_add_indicator (doc, goal0 (doc), NULL, 0, PG_CATEGORY_CUSTOM, "", &error));
  g_clear_error (&error);
  g_assert_null (pg_document_add_indicator (doc, goal0 (doc), NULL, 0, "no_such_category", NULL, &error));
  g_clear_error (&error);
  g_assert_nonnull (pg_document_add_indicator (doc, goal0 (doc), NULL, PG_POSITION_END, PG_CATEGORY_CUSTOM, "自定义指标", &error));
  g_assert_true (pg_document_undo (doc, &error));
  /* Fields are checked. */
  g_assert_false (pg_document_set_string (doc, PG_RECORD (leaf), "basis", "guess", &error));
  g_clear_error (&error);
  g_assert_false (pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)), "fill-date", "2022-02-30", &error));
  g_clear_error (&error);
  g_assert_false (pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)), "fill-date", "2023- 1- 1", &error));
  g_clear_error (&error);
  g_assert_false (pg_document_set_string (doc, PG_RECORD (leaf), "level", "2", &error));
  g_clear_error (&error);
  g_assert_false (pg_document_set_string (doc, PG_RECORD (leaf), "no-such-field", "x", &error));
  g_clear_error (&error);
  g_assert_false (pg_document_set_amount (doc, PG_RECORD (leaf), "target", 1, &error));
  g_clear_error (&error);

  /* None of that changed anything. */
  after = snapshot (doc);
  g_assert_cmpstr (after, ==, before);
}

static void
test_step_rollback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autofree char *before = snapshot (doc);
  g_autofree char *after = NULL;
  gboolean could_undo = pg_document_get_can_undo (doc);

  pg_document_begin_step (doc);
  g_assert_nonnull (pg_document_add_goal (doc, 0, "临时", &error));
  op_remove_group (doc);
  op_field (doc);
  g_assert_false (pg_document_end_step (doc, FALSE, NULL));

  after = snapshot (doc);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (pg_document_get_goals (doc)), ==, 1);
  g_assert_cmpuint (pg_goal_get_number (goal0 (doc)), ==, 1);
  g_assert_true (pg_document_get_can_undo (doc) == could_undo);
}

/* A level-2 moves with its indicators to a level-1 of another goal; undo
 * puts the exact subtree back in its place. */
static void
test_move_level2_to_other_goal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  PgGoal *goal2 = pg_document_add_goal (doc, PG_POSITION_END, "目标二", &error);
  PgIndicator *target = pg_document_add_indicator (doc, goal2, NULL, PG_POSITION_END, "output", NULL, &error);
  PgIndicator *output = level1 (doc, 0);
  PgIndicator *quantity = item (pg_indicator_get_children (output), 0);
  PgIndicator *leaf = item (pg_indicator_get_children (quantity), 0);
  guint n_leaves = pg_indicator_get_n_indicators (quantity);
  guint n_output = pg_indicator_get_n_indicators (output);
  gint64 id = pg_record_get_id (PG_RECORD (quantity));
  g_autofree char *before = snapshot (doc);
  g_autofree char *subtree = pg_json_indicator_to_string (quantity);
  g_autofree char *undone = NULL;
  g_autofree char *subtree_undone = NULL;

  g_assert_no_error (error);
  g_assert_true (pg_document_move (doc, PG_RECORD (quantity), target, 0, &error));
  g_assert_no_error (error);
  g_assert_true (pg_indicator_get_parent (quantity) == target);
  g_assert_true (pg_indicator_get_goal (quantity) == goal2);
  g_assert_true (pg_indicator_get_goal (leaf) == goal2);
  g_assert_cmpuint (pg_indicator_get_n_indicators (target), ==, n_leaves);
  g_assert_cmpuint (pg_indicator_get_n_indicators (output), ==, n_output - n_leaves);

  g_assert_true (pg_document_undo (doc, &error));
  g_assert_no_error (error);
  undone = snapshot (doc);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (target)), ==, 0);
  quantity = item (pg_indicator_get_children (output), 0);
  g_assert_cmpint (pg_record_get_id (PG_RECORD (quantity)), ==, id);
  g_assert_true (pg_indicator_get_goal (quantity) == goal0 (doc));
  subtree_undone = pg_json_indicator_to_string (quantity);
  g_assert_cmpstr (subtree_undone, ==, subtree);
  g_assert_cmpuint (pg_indicator_get_n_indicators (output), ==, n_output);
}

/* Undo and redo of one command give back the exact documents. */
static void
check_step (PgDocument *doc,
            const char *before,
            const char *after)
{
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_true (pg_document_undo (doc, NULL));
  undone = snapshot (doc);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (pg_document_redo (doc, NULL));
  redone = snapshot (doc);
  g_assert_cmpstr (redone, ==, after);
}

/* Indent and outdent: only an empty category changes level, between 1 and
 * 2, keeping its printed name; every other case is refused and changes
 * nothing; each is one undo step. */
static void
test_indent_outdent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  PgIndicator *output = level1 (doc, 0);
  PgIndicator *quantity = item (pg_indicator_get_children (output), 0);
  PgIndicator *leaf = item (pg_indicator_get_children (quantity), 0);
  PgIndicator *effect = level1 (doc, 1);
  PgIndicator *satisfaction;
  g_autofree char *before = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *indented = NULL;
  g_autofree char *outdented = NULL;

  /* The impossible shapes. */
  before = snapshot (doc);
  g_assert_false (pg_document_indent_indicator (doc, leaf, &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pg_document_outdent_indicator (doc, leaf, &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pg_document_indent_indicator (doc, quantity, &error));   /* would be a level-3 */
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pg_document_outdent_indicator (doc, quantity, &error));  /* its level-3s would be level-2 */
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pg_document_indent_indicator (doc, effect, &error));     /* its level-3s would be level-4 */
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pg_document_outdent_indicator (doc, output, &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pg_document_check_indent (doc, output, FALSE, NULL));  /* the first has nothing above */
  unchanged = snapshot (doc);
  g_assert_cmpstr (unchanged, ==, before);

  /* An empty level-1 goes under the one above it, at the end, as a level-2
   * with its printed name. */
  satisfaction = pg_document_add_indicator (doc, goal0 (doc), NULL, 1, "satisfaction", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = snapshot (doc);
  g_assert_true (pg_document_check_indent (doc, satisfaction, FALSE, NULL));
  g_assert_true (pg_document_indent_indicator (doc, satisfaction, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pg_indicator_get_level (satisfaction), ==, 2);
  g_assert_true (pg_indicator_get_parent (satisfaction) == output);
  g_assert_true (item (pg_indicator_get_children (output), 1) == satisfaction);
  g_assert_cmpstr (pg_indicator_get_category (satisfaction), ==, PG_CATEGORY_CUSTOM);
  g_assert_cmpstr (pg_indicator_get_name (satisfaction), ==, "满意度指标");
  g_assert_true (level1 (doc, 1) == effect);
  g_assert_cmpuint (g_list_model_get_n_items (pg_goal_get_indicators (goal0 (doc))), ==, 2);
  indented = snapshot (doc);
  check_step (doc, before, indented);

  /* And back out: right after its parent, as a level-1. */
  g_assert_true (pg_document_outdent_indicator (doc, satisfaction, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pg_indicator_get_level (satisfaction), ==, 1);
  g_assert_null (pg_indicator_get_parent (satisfaction));
  g_assert_true (level1 (doc, 1) == satisfaction);
  g_assert_true (level1 (doc, 2) == effect);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (output)), ==, 1);
  g_assert_cmpstr (pg_indicator_get_name (satisfaction), ==, "满意度指标");
  outdented = snapshot (doc);
  check_step (doc, indented, outdented);
}

static void
test_list_model_signals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  GListModel *groups = pg_document_get_task_groups (doc);
  PgTaskGroup *g1 = item (groups, 0);
  GListModel *tasks = pg_task_group_get_tasks (g1);
  g_autoptr(PgTask) kept = g_object_ref (item (tasks, 0));

  /* A removed record can still be held; undo brings back the same
   * identity (same id) in the same place. */
  g_assert_true (pg_document_remove (doc, PG_RECORD (kept), &error));
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 1);
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 2);
  g_assert_cmpint (pg_record_get_id (PG_RECORD (item (tasks, 0))), ==, pg_record_get_id (PG_RECORD (kept)));
  g_assert_cmpstr (pg_task_get_title (item (tasks, 0)), ==, "完善残疾人工作领导体制。");
}

/* A level-3 added with its fields is one step; memory holds what the file
 * holds; a refused field adds nothing. */
static void
test_add_level3_with_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) doc = build_sample ();
  g_autoptr(PgDocument) reopened = NULL;
  g_autofree char *path = temp_path ("level3.perfgoal");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PgIndicator *quantity = item (pg_indicator_get_children (level1 (doc, 0)), 0);
  guint n_children = g_list_model_get_n_items (pg_indicator_get_children (quantity));
  g_autofree char *before = snapshot (doc);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *read_back = NULL;
  const char *const values[] = {
    "year_minus_2", "1000 人次",
    "year_minus_1", "1100 人次",
    "target", "≥1200 人次",
    "basis", "plan",
    NULL
  };
  const char *const refused[] = { "target", "≥95%", "basis", "nonsense", NULL };
  PgIndicator *leaf;
  gint64 id;

  leaf = pg_document_add_level3_indicator (doc, quantity, 1, "培训人次", values, &error);
  g_assert_no_error (error);
  g_assert_nonnull (leaf);
  id = pg_record_get_id (PG_RECORD (leaf));
  g_assert_true (item (pg_indicator_get_children (quantity), 1) == leaf);
  g_assert_true (pg_indicator_get_parent (leaf) == quantity);
  g_assert_cmpuint (pg_indicator_get_level (leaf), ==, 3);
  g_assert_cmpstr (pg_indicator_get_name (leaf), ==, "培训人次");
  g_assert_cmpstr (pg_indicator_get_year_minus_2 (leaf), ==, "1000 人次");
  g_assert_cmpstr (pg_indicator_get_year_minus_1 (leaf), ==, "1100 人次");
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "≥1200 人次");
  g_assert_cmpstr (pg_indicator_get_basis (leaf), ==, "plan");
  after = snapshot (doc);
  g_assert_cmpstr (after, !=, before);

  /* What memory holds is what was written: the same after a reopen. */
  g_assert_true (pg_document_write_copy (doc, file, &error));
  g_assert_no_error (error);
  reopened = pg_document_open (file, &error);
  g_assert_no_error (error);
  read_back = snapshot (reopened);
  g_assert_cmpstr (read_back, ==, after);

  /* One step: undo takes it all away, redo brings it all back. */
  g_assert_true (pg_document_undo (doc, &error));
  g_assert_no_error (error);
  undone = snapshot (doc);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (quantity)), ==, n_children);
  g_assert_true (pg_document_redo (doc, &error));
  g_assert_no_error (error);
  redone = snapshot (doc);
  g_assert_cmpstr (redone, ==, after);
  leaf = PG_INDICATOR (pg_document_lookup (doc, "indicator", id));
  g_assert_nonnull (leaf);
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "≥1200 人次");

  /* A basis that is none of the four: nothing is added. */
  g_assert_null (pg_document_add_level3_indicator (doc, quantity, 0, "另一个", refused, &error));
  g_assert_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID);
  saved = snapshot (doc);
  g_assert_cmpstr (saved, ==, after);

  pg_document_close (reopened);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  if (argc > 1 && g_str_equal (argv[1], STREAM_ARG))
    return stream_edits ();

  /* Working copies go to a private folder. Not G_TEST_OPTION_ISOLATE_DIRS:
   * GLib 2.74 never frees the paths it sets, and the leak checkers would
   * rightly report them. */
  pg_test_private_data_home ("perfgoal-test-document");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new", test_new_document);
  g_test_add_func ("/document/fields-round-trip", test_fields_round_trip);
  g_test_add_func ("/document/totals-and-shares", test_totals_and_shares);
  g_test_add_func ("/document/numbering", test_numbering);
  g_test_add_func ("/document/undo-redo-every-kind", test_undo_redo_every_kind);
  g_test_add_func ("/document/undo-all-the-way", test_undo_all_the_way);
  g_test_add_func ("/document/history-step-signal", test_history_step_signal);
  g_test_add_func ("/document/coalescing", test_coalescing);
  g_test_add_func ("/document/history-is-bounded", test_history_is_bounded);
  g_test_add_func ("/document/modified", test_modified);
  g_test_add_func ("/document/saved-file-has-no-history", test_saved_file_has_no_history);
  g_test_add_func ("/document/save-leaves-nothing-beside", test_save_leaves_nothing_beside);
  g_test_add_func ("/document/recovery-keeps-history", test_recovery_keeps_history);
  g_test_add_func ("/document/kill-9", test_kill_9);
  g_test_add_func ("/document/migration-from-v1", test_migration_from_v1);
  g_test_add_func ("/document/defensive-open", test_defensive_open);
  g_test_add_func ("/document/read-only", test_read_only);
  g_test_add_func ("/document/save-failure-keeps-file", test_save_failure_keeps_file);
  g_test_add_func ("/document/shape-rules", test_shape_rules);
  g_test_add_func ("/document/step-rollback", test_step_rollback);
  g_test_add_func ("/document/list-model-signals", test_list_model_signals);
  g_test_add_func ("/document/move-level2-to-other-goal", test_move_level2_to_other_goal);
  g_test_add_func ("/document/indent-outdent", test_indent_outdent);
  g_test_add_func ("/document/add-level3-with-values", test_add_level3_with_values);

  return g_test_run ();
}
