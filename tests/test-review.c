/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reviewer, rule by rule: each rule fires on a declaration that breaks
 * it and stays silent on a clean one. Also the example (what the finance
 * bureau found), the order of the findings, and that the incremental
 * re-check always equals a full check, after edits and undos.
 */
#define G_LOG_DOMAIN "perfgoal-test"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "large-declaration.h"
#include "test-dirs.h"
#include "pg-amount.h"
#include "pg-category.h"
#include "pg-document.h"
#include "pg-json.h"
#include "pg-review.h"



static PgDocument *
import_test_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PgDocument *document = pg_json_import_file (file, &error);

  g_assert_no_error (error);
  pg_document_set_coalesce_ms (document, 0);
  return document;
}

/* tests/data/clean-declaration.json: everything filled in, every rule kept. */
static PgDocument *
clean_document (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "clean-declaration.json", NULL);
  return import_test_file (path);
}

static PgDocument *
example_document (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "example.json", NULL);
  return import_test_file (path);
}

/* A full check by a reviewer of its own. */
static GPtrArray *
review (PgDocument *document)
{
  g_autoptr(PgReview) reviewer = pg_review_new (document);
  return pg_review_get_findings (reviewer);
}

static PgFinding *
find (GPtrArray  *findings,
      const char *path)
{
  for (guint i = 0; i < findings->len; i++)
    {
      PgFinding *finding = findings->pdata[i];
      if (g_str_equal (finding->path, path))
        return finding;
    }
  return NULL;
}

/* The finding at `path` has `severity` and a message containing `words`. */
static void
assert_finding (PgDocument *document,
                PgSeverity  severity,
                const char *path,
                const char *words)
{
  g_autoptr(GPtrArray) findings = review (document);
  PgFinding *finding = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      PgFinding *candidate = findings->pdata[i];
      if (g_str_equal (candidate->path, path) && candidate->severity == severity
          && (words == NULL || strstr (candidate->message, words) != NULL))
        finding = candidate;
    }
  if (finding == NULL)
    {
      for (guint i = 0; i < findings->len; i++)
        {
          PgFinding *candidate = findings->pdata[i];
          g_test_message ("%s %s %s", pg_severity_to_string (candidate->severity), candidate->path, candidate->message);
        }
      g_error ("no %s at %s (%s)", pg_severity_to_string (severity), path, words ? words : "");
    }
}

static void
assert_no_finding (PgDocument *document,
                   const char *path)
{
  g_autoptr(GPtrArray) findings = review (document);
  PgFinding *finding = find (findings, path);

  if (finding != NULL)
    g_error ("unexpected %s at %s: %s", pg_severity_to_string (finding->severity), path, finding->message);
}

static void
assert_clean (PgDocument *document)
{
  g_autoptr(GPtrArray) findings = review (document);

  for (guint i = 0; i < findings->len; i++)
    {
      PgFinding *finding = findings->pdata[i];
      g_test_message ("%s %s %s", pg_severity_to_string (finding->severity), finding->path, finding->message);
    }
  g_assert_cmpuint (findings->len, ==, 0);
}

/* Navigation */

static gpointer
item (GListModel *list,
      guint       position)
{
  g_autoptr(GObject) object = g_list_model_get_item (list, position);

  g_assert_nonnull (object);
  /* The list keeps it alive. */
  return object;
}

static PgGoal *
goal (PgDocument *document,
      guint       g)
{
  return item (pg_document_get_goals (document), g);
}

/* The indicator at goals[g].indicators[a](.children[b](.children[c])); -1 stops. */
static PgIndicator *
node (PgDocument *document,
      guint       g,
      int         a,
      int         b,
      int         c)
{
  PgIndicator *indicator = item (pg_goal_get_indicators (goal (document, g)), a);

  if (b >= 0)
    indicator = item (pg_indicator_get_children (indicator), b);
  if (c >= 0)
    indicator = item (pg_indicator_get_children (indicator), c);
  return indicator;
}

static PgRecord *
finance_row (PgDocument *document,
             gboolean    revenue,
             guint       i)
{
  PgFinanceBlock *block = revenue ? pg_document_get_revenue (document) : pg_document_get_expenditure (document);
  return item (pg_finance_block_get_rows (block), i);
}

static PgRecord *
project (PgDocument *document,
         guint       i)
{
  return item (pg_document_get_projects (document), i);
}

static PgRecord *
declaration (PgDocument *document)
{
  return PG_RECORD (pg_document_get_declaration (document));
}

static void
set_string (PgDocument *document,
            gpointer    record,
            const char *property,
            const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pg_document_set_string (document, record, property, value, &error));
  g_assert_no_error (error);
}

static void
set_amount (PgDocument *document,
            gpointer    record,
            const char *property,
            gint64      value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pg_document_set_amount (document, record, property, value, &error));
  g_assert_no_error (error);
}

static void
set_target (PgDocument *document,
            PgIndicator *leaf,
            const char  *target)
{
  set_string (document, leaf, "target", target);
}

static void
remove_record (PgDocument *document,
               gpointer    record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pg_document_remove (document, record, &error));
  g_assert_no_error (error);
}

static PgIndicator *
add_indicator (PgDocument  *document,
               PgIndicator *parent,
               const char  *category,
               const char  *name)
{
  g_autoptr(GError) error = NULL;
  PgIndicator *indicator = pg_document_add_indicator (document, pg_indicator_get_goal (parent), parent,
                                                      PG_POSITION_END, category, name, &error);

  g_assert_no_error (error);
  return indicator;
}

static void
undo (PgDocument *document)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pg_document_undo (document, &error));
  g_assert_no_error (error);
}

/* Tests */

static void
test_clean (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  g_autoptr(PgReview) reviewer = pg_review_new (document);

  assert_clean (document);
  g_assert_cmpuint (pg_review_get_n_errors (reviewer), ==, 0);
  g_assert_cmpuint (pg_review_get_n_warnings (reviewer), ==, 0);
}

static void
test_header_required (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  g_autoptr(GError) error = NULL;

  assert_no_finding (document, "department.name");
  set_string (document, declaration (document), "department-name", " ");
  set_string (document, declaration (document), "filled-by", "");
  set_string (document, declaration (document), "phone", "");
  g_assert_true (pg_document_set_int (document, declaration (document), "budget-year", 0, &error));
  assert_finding (document, PG_SEVERITY_ERROR, "department.name", "name");
  assert_finding (document, PG_SEVERITY_ERROR, "department.filled_by", NULL);
  assert_finding (document, PG_SEVERITY_ERROR, "department.phone", "not filled in");
  assert_finding (document, PG_SEVERITY_ERROR, "budget_year", NULL);
}

static void
test_phone (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  const char *good[] = { "84902037", "(027) 8490-2037", "+86 27 84902037" };
  const char *bad[] = { "849020", "84902037 转 5", "027-8490203712345678901", "８４９０２０３７" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      set_string (document, declaration (document), "phone", good[i]);
      assert_no_finding (document, "department.phone");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      set_string (document, declaration (document), "phone", bad[i]);
      assert_finding (document, PG_SEVERITY_ERROR, "department.phone", bad[i]);
    }
}

static void
test_fill_date (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  assert_no_finding (document, "fill_date");
  set_string (document, declaration (document), "fill-date", NULL);
  assert_finding (document, PG_SEVERITY_WARNING, "fill_date", NULL);
}

static void
test_finance_empty (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  set_amount (document, finance_row (document, TRUE, 0), "year-minus-1", PG_AMOUNT_NONE);
  set_amount (document, finance_row (document, TRUE, 1), "amount", PG_AMOUNT_NONE);
  set_amount (document, finance_row (document, TRUE, 1), "year-minus-2", PG_AMOUNT_NONE);
  set_amount (document, finance_row (document, FALSE, 0), "amount", PG_AMOUNT_NONE);
  assert_finding (document, PG_SEVERITY_ERROR, "finance.revenue[0].year_minus_1", "Fiscal appropriations");
  /* Other funds of this year: only a warning. */
  assert_finding (document, PG_SEVERITY_WARNING, "finance.revenue[1].amount", "Other funds");
  assert_finding (document, PG_SEVERITY_ERROR, "finance.revenue[1].year_minus_2", NULL);
  assert_finding (document, PG_SEVERITY_ERROR, "finance.expenditure[0].amount", "Basic expenditure");
  /* 0 is filled in. */
  assert_no_finding (document, "finance.revenue[1].year_minus_1");
}

static void
test_functions (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  assert_no_finding (document, "functions");
  set_string (document, declaration (document), "functions", "\n");
  assert_finding (document, PG_SEVERITY_ERROR, "functions", NULL);
}

static void
test_tasks (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  GListModel *groups = pg_document_get_task_groups (document);
  PgTaskGroup *first = item (groups, 0);
  PgTask *task = item (pg_task_group_get_tasks (first), 0);
  g_autoptr(GError) error = NULL;

  assert_no_finding (document, "task_groups");
  /* A task with a text only is a task. */
  set_string (document, task, "title", "");
  assert_no_finding (document, "task_groups[0].tasks[0].title");
  set_string (document, task, "text", " ");
  assert_finding (document, PG_SEVERITY_ERROR, "task_groups[0].tasks[0].title", "neither");

  g_assert_nonnull (pg_document_add_task_group (document, PG_POSITION_END, "空的任务组", &error));
  assert_finding (document, PG_SEVERITY_ERROR, "task_groups[1].tasks", "Task group 2");
  assert_no_finding (document, "task_groups[0].tasks");

  remove_record (document, task);
  assert_finding (document, PG_SEVERITY_ERROR, "task_groups", "no work task");
}

static void
test_projects_required (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgRecord *first = project (document, 0);

  assert_no_finding (document, "projects[0].name");
  set_string (document, first, "name", "");
  set_amount (document, first, "total-budget", PG_AMOUNT_NONE);
  set_amount (document, first, "year-budget", PG_AMOUNT_NONE);
  set_string (document, first, "purpose", "");
  assert_finding (document, PG_SEVERITY_ERROR, "projects[0].name", "Project 1");
  assert_finding (document, PG_SEVERITY_ERROR, "projects[0].total_budget", NULL);
  assert_finding (document, PG_SEVERITY_ERROR, "projects[0].year_budget", NULL);
  assert_finding (document, PG_SEVERITY_ERROR, "projects[0].purpose", NULL);
}

static void
test_goals_required (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  g_autoptr(GError) error = NULL;

  assert_no_finding (document, "goals[0].title");
  set_string (document, goal (document, 0), "title", "");
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].title", "Goal 1");

  /* An empty goal: a warning only, not a missing statement. */
  g_assert_nonnull (pg_document_add_goal (document, PG_POSITION_END, "", &error));
  assert_finding (document, PG_SEVERITY_WARNING, "goals[1]", "empty");
  assert_no_finding (document, "goals[1].title");
  assert_no_finding (document, "goals[1].indicators");
  assert_no_finding (document, "goals");

  remove_record (document, goal (document, 0));
  assert_finding (document, PG_SEVERITY_ERROR, "goals", "No goal");
}

static void
test_placeholders (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgTask *task = item (pg_task_group_get_tasks (item (pg_document_get_task_groups (document), 0)), 0);

  set_string (document, declaration (document), "functions", "1.贯彻执行党和国家有关方针……");
  set_string (document, task, "text", "组织活动 XX 场");
  set_string (document, node (document, 0, 0, 0, 0), "name", "**人数");
  set_string (document, goal (document, 0), "title", "年度目标……");
  assert_finding (document, PG_SEVERITY_ERROR, "functions", "……");
  assert_finding (document, PG_SEVERITY_ERROR, "task_groups[0].tasks[0].text", "XX");
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators[0].children[0].children[0].name", "**");
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].title", "……");
}

static void
test_level1_required (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  assert_no_finding (document, "goals[0].indicators");
  remove_record (document, node (document, 0, 2, -1, -1));
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators", "Satisfaction");
  remove_record (document, node (document, 0, 0, -1, -1));
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators", "Output");
  remove_record (document, node (document, 0, 0, -1, -1));
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators", "Effect");
}

static void
test_cost_missing (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgIndicator *output_cost = node (document, 0, 0, 1, -1);

  g_assert_cmpstr (pg_indicator_get_category (output_cost), ==, "cost");
  remove_record (document, output_cost);
  assert_finding (document, PG_SEVERITY_WARNING, "goals[0].indicators", "cost");

  /* A level-1 cost indicator is as good. */
  {
    g_autoptr(GError) error = NULL;
    PgIndicator *cost = pg_document_add_indicator (document, goal (document, 0), NULL, PG_POSITION_END,
                                                   "cost", NULL, &error);
    PgIndicator *economic = add_indicator (document, cost, "economic_cost", NULL);
    PgIndicator *leaf = add_indicator (document, economic, NULL, "人均成本");

    set_string (document, leaf, "year-minus-2", "1 万元");
    set_string (document, leaf, "year-minus-1", "1 万元");
    set_target (document, leaf, "≤1 万元");
    set_string (document, leaf, "basis", "plan");
    assert_clean (document);
  }
}

static void
test_quantity_missing (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  assert_no_finding (document, "goals[0].indicators[0]");
  remove_record (document, node (document, 0, 0, 0, -1));
  assert_finding (document, PG_SEVERITY_WARNING, "goals[0].indicators[0]", "quantity");
}

static void
test_empty_levels (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgIndicator *effect = node (document, 0, 1, -1, -1);
  PgIndicator *economic = add_indicator (document, effect, "economic_effect", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (economic);
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators[1].children[1]", "level-3");
  g_assert_nonnull (pg_document_add_indicator (document, goal (document, 0), NULL, PG_POSITION_END,
                                               PG_CATEGORY_CUSTOM, "其他指标", &error));
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators[3]", "level-2");
}

static void
test_wrong_parent (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgIndicator *output = node (document, 0, 0, -1, -1);
  PgIndicator *social = add_indicator (document, output, "social_effect", NULL);

  add_indicator (document, social, NULL, "社会影响");
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators[0].children[2].category", "Social effect");
  assert_no_finding (document, "goals[0].indicators[1].children[0].category");
}

static void
test_leaf_required (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgIndicator *leaf = node (document, 0, 0, 0, 0);

  set_string (document, leaf, "name", "");
  set_target (document, leaf, "");
  set_string (document, leaf, "basis", NULL);
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators[0].children[0].children[0].name", NULL);
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators[0].children[0].children[0].target", "expected this year");
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators[0].children[0].children[0].basis", NULL);
}

static void
test_previous_values (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgIndicator *leaf = node (document, 0, 0, 0, 0);
  const char *base = "goals[0].indicators[0].children[0].children[0]";
  g_autofree char *minus_2 = g_strconcat (base, ".year_minus_2", NULL);
  g_autofree char *minus_1 = g_strconcat (base, ".year_minus_1", NULL);

  set_string (document, leaf, "year-minus-1", "");
  assert_finding (document, PG_SEVERITY_WARNING, minus_1, "last year");
  assert_no_finding (document, minus_2);
  set_string (document, leaf, "year-minus-2", "");
  assert_finding (document, PG_SEVERITY_WARNING, minus_2, "previous two years");
  assert_no_finding (document, minus_1);
}

static void
test_negative_amounts (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  set_amount (document, finance_row (document, TRUE, 1), "year-minus-2", -10000);
  set_amount (document, project (document, 1), "total-budget", -200000);
  assert_finding (document, PG_SEVERITY_ERROR, "finance.revenue[1].year_minus_2", "-1.00");
  assert_finding (document, PG_SEVERITY_ERROR, "projects[1].total_budget", "negative");
}

static void
test_totals_balance (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  assert_no_finding (document, "finance");
  set_amount (document, finance_row (document, TRUE, 1), "amount", 50000);
  assert_finding (document, PG_SEVERITY_WARNING, "finance", "105.00");
}

static void
test_project_sum (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  assert_no_finding (document, "projects");
  set_amount (document, project (document, 0), "year-budget", 390000);
  assert_finding (document, PG_SEVERITY_ERROR, "projects", "59.00");
}

static void
test_project_budgets (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  g_autoptr(GError) error = NULL;
  PgProject *copy;

  set_amount (document, project (document, 1), "year-budget", 300000);
  assert_finding (document, PG_SEVERITY_ERROR, "projects[1].year_budget", "larger");
  assert_no_finding (document, "projects[0].year_budget");

  copy = pg_document_add_project (document, PG_POSITION_END, "康复经费", &error);
  g_assert_nonnull (copy);
  assert_finding (document, PG_SEVERITY_WARNING, "projects[2].name", "康复经费");
  assert_no_finding (document, "projects[0].name");
}

#define LEAF_QUANTITY "goals[0].indicators[0].children[0].children[0]"
#define LEAF_RATE "goals[0].indicators[1].children[0].children[0]"
#define LEAF_PHRASE "goals[0].indicators[1].children[0].children[1]"
#define LEAF_SATISFACTION "goals[0].indicators[2].children[0].children[0]"

static void
test_target_kind (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  assert_no_finding (document, LEAF_PHRASE ".target");
  set_target (document, node (document, 0, 1, 0, 1), "约100人左右");
  assert_finding (document, PG_SEVERITY_ERROR, LEAF_PHRASE ".target", "neither");
  set_target (document, node (document, 0, 1, 0, 1), "时效指标");
  assert_finding (document, PG_SEVERITY_ERROR, LEAF_PHRASE ".target", "category");
  set_target (document, node (document, 0, 1, 0, 1), "稳步提升");
  assert_no_finding (document, LEAF_PHRASE ".target");
}

static void
test_unit_missing (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  set_target (document, node (document, 0, 0, 0, 0), "≥100");
  assert_finding (document, PG_SEVERITY_ERROR, LEAF_QUANTITY ".target", "no unit");
}

static void
test_quantity_not_number (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  set_target (document, node (document, 0, 0, 0, 0), "大幅增加");
  assert_finding (document, PG_SEVERITY_WARNING, LEAF_QUANTITY ".target", "not a number");
}

static void
test_rate_range (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  set_target (document, node (document, 0, 1, 0, 0), "≥120%");
  assert_finding (document, PG_SEVERITY_ERROR, LEAF_RATE ".target", "0–100");
  set_target (document, node (document, 0, 1, 0, 0), "100%");
  assert_no_finding (document, LEAF_RATE ".target");
}

static void
test_satisfaction (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  set_target (document, node (document, 0, 2, 0, 0), "≥70%");
  assert_finding (document, PG_SEVERITY_WARNING, LEAF_SATISFACTION ".target", "80%");
  set_target (document, node (document, 0, 2, 0, 0), "满意");
  assert_finding (document, PG_SEVERITY_WARNING, LEAF_SATISFACTION ".target", "percentage");
  set_target (document, node (document, 0, 2, 0, 0), "≥85%");
  assert_no_finding (document, LEAF_SATISFACTION ".target");
}

static void
test_direction (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgIndicator *cost = node (document, 0, 0, 1, 0);

  set_target (document, node (document, 0, 1, 0, 0), "≤95%");
  assert_finding (document, PG_SEVERITY_WARNING, LEAF_RATE ".target", "≥");
  set_target (document, cost, "≥0.5 万元");
  assert_finding (document, PG_SEVERITY_WARNING, "goals[0].indicators[0].children[1].children[0].target", "≤");

  /* Complaints handled: more is better. */
  set_string (document, node (document, 0, 1, 0, 1), "name", "投诉办结率");
  set_string (document, node (document, 0, 1, 0, 1), "year-minus-2", "100%");
  set_string (document, node (document, 0, 1, 0, 1), "year-minus-1", "100%");
  set_target (document, node (document, 0, 1, 0, 1), "≥95%");
  assert_no_finding (document, LEAF_PHRASE ".target");
  set_string (document, node (document, 0, 1, 0, 1), "name", "投诉件数");
  set_string (document, node (document, 0, 1, 0, 1), "year-minus-2", "3 件");
  set_string (document, node (document, 0, 1, 0, 1), "year-minus-1", "3 件");
  set_target (document, node (document, 0, 1, 0, 1), "≥3 件");
  assert_finding (document, PG_SEVERITY_WARNING, LEAF_PHRASE ".target", "≤");
}

static void
test_money_as_output (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  PgIndicator *leaf = node (document, 0, 0, 0, 0);

  set_string (document, leaf, "name", "项目资金使用完毕");
  set_string (document, leaf, "year-minus-2", "461 万元");
  set_string (document, leaf, "year-minus-1", "480 万元");
  set_target (document, leaf, "480 万元");
  assert_finding (document, PG_SEVERITY_WARNING, LEAF_QUANTITY ".name", "input");
  /* Under output's cost it is in its place. */
  assert_no_finding (document, "goals[0].indicators[0].children[1].children[0].name");
}

static void
test_unit_mismatch (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  set_string (document, node (document, 0, 0, 0, 0), "year-minus-1", "100 人次");
  assert_finding (document, PG_SEVERITY_WARNING, LEAF_QUANTITY ".target", "人次");
}

static void
test_duplicate_names (void)
{
  g_autoptr(PgDocument) document = clean_document ();

  set_string (document, node (document, 0, 2, 0, 0), "name", "康复训练人数");
  assert_finding (document, PG_SEVERITY_WARNING, LEAF_SATISFACTION ".name", "康复训练人数");
  assert_no_finding (document, LEAF_QUANTITY ".name");
}

/* What the finance bureau found on the real form, and the projects'
 * budgets against the project expenditure. */
static void
test_example (void)
{
  g_autoptr(PgDocument) document = example_document ();
  g_autoptr(GPtrArray) findings = review (document);
  PgFinding *sum;
  gboolean warnings = FALSE;

  assert_finding (document, PG_SEVERITY_WARNING, "fill_date", NULL);
  assert_finding (document, PG_SEVERITY_WARNING, "finance.revenue[1].amount", "Other funds");
  for (guint i = 0; i < 2; i++)
    for (guint block = 0; block < 2; block++)
      {
        g_autofree char *minus_2 = g_strdup_printf ("finance.%s[%u].year_minus_2", block ? "expenditure" : "revenue", i);
        g_autofree char *minus_1 = g_strdup_printf ("finance.%s[%u].year_minus_1", block ? "expenditure" : "revenue", i);

        if (block == 0 && i == 0)
          continue;   /* fiscal appropriations are filled in */
        assert_finding (document, PG_SEVERITY_ERROR, minus_2, NULL);
        assert_finding (document, PG_SEVERITY_ERROR, minus_1, NULL);
      }
  sum = find (findings, "projects");
  g_assert_nonnull (sum);
  g_assert_cmpint (sum->severity, ==, PG_SEVERITY_ERROR);
  g_assert_nonnull (strstr (sum->message, "1938.80"));
  g_assert_nonnull (strstr (sum->message, "899.31"));
  assert_finding (document, PG_SEVERITY_ERROR, "goals[0].indicators[0].children[2].children[0].target", "时效指标");

  /* Errors first, each severity in document order. */
  for (guint i = 0; i < findings->len; i++)
    {
      PgFinding *finding = findings->pdata[i];

      if (finding->severity == PG_SEVERITY_WARNING)
        warnings = TRUE;
      else
        g_assert_false (warnings);
    }
  g_assert_cmpstr (((PgFinding *) findings->pdata[0])->path, ==, "finance.revenue[1].year_minus_2");
  g_assert_cmpstr (((PgFinding *) findings->pdata[findings->len - 1])->path, ==,
                   "goals[0].indicators[0].children[0].children[0].name");
}

static void
assert_locates (PgDocument *document,
                const char *path,
                gpointer    record,
                const char *property)
{
  g_autofree char *found_property = NULL;
  PgRecord *found = pg_review_locate (document, path, &found_property);

  g_test_message ("%s", path);

  g_assert_true (found == record);
  g_assert_cmpstr (found_property, ==, property);
}

/* From a path to the record and property the window focuses. */
static void
test_locate (void)
{
  g_autoptr(PgDocument) document = example_document ();
  g_autoptr(GPtrArray) findings = review (document);
  PgTaskGroup *group = item (pg_document_get_task_groups (document), 1);

  assert_locates (document, "fill_date", declaration (document), "fill-date");
  assert_locates (document, "department.name", declaration (document), "department-name");
  assert_locates (document, "department.filled_by", declaration (document), "filled-by");
  assert_locates (document, "functions", declaration (document), "functions");
  assert_locates (document, "finance.revenue[1].year_minus_2", finance_row (document, TRUE, 1), "year-minus-2");
  assert_locates (document, "finance.expenditure[1].amount", finance_row (document, FALSE, 1), "amount");
  assert_locates (document, "task_groups[1].tasks", group, NULL);
  assert_locates (document, "task_groups[1].tasks[0].text", item (pg_task_group_get_tasks (group), 0), "text");
  assert_locates (document, "projects[3].year_budget", project (document, 3), "year-budget");
  assert_locates (document, "goals[0].title", goal (document, 0), "title");
  assert_locates (document, "goals[0].indicators", goal (document, 0), NULL);
  assert_locates (document, "goals[0].indicators[1]", node (document, 0, 1, -1, -1), NULL);
  assert_locates (document, "goals[0].indicators[0].children[2].children[0].target",
                  node (document, 0, 0, 2, 0), "target");
  assert_locates (document, "goals[0].indicators[0].children[2].category", node (document, 0, 0, 2, -1), "category");
  /* Aggregates, and paths to nothing. */
  assert_locates (document, "finance", NULL, NULL);
  assert_locates (document, "projects", NULL, NULL);
  assert_locates (document, "goals[7].title", NULL, NULL);
  assert_locates (document, "goals[x]", NULL, NULL);
  assert_locates (document, "nonsense[0]", NULL, NULL);

  /* Every finding of the example on a field leads to its record. */
  for (guint i = 0; i < findings->len; i++)
    {
      PgFinding *finding = findings->pdata[i];
      g_autofree char *property = NULL;

      if (strchr (finding->path, '[') != NULL || g_str_equal (finding->path, "fill_date"))
        g_assert_nonnull (pg_review_locate (document, finding->path, &property));
    }
}

static void
on_rows_changed (PgDocument     *document,
                 const PgRowRef *rows,
                 guint           n_rows,
                 GString        *seen)
{
  g_string_append_c (seen, '[');
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (seen, "%s%s", i > 0 ? " " : "", rows[i].table);
  g_string_append_c (seen, ']');
}

/* What the reviewer follows: the document's "rows-changed", once per
 * step (however many rows it touched), also for undo and redo. */
static void
test_rows_changed_signal (void)
{
  g_autoptr(PgDocument) document = clean_document ();
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  PgIndicator *leaf = node (document, 0, 0, 0, 0);

  g_signal_connect (document, "rows-changed", G_CALLBACK (on_rows_changed), seen);
  set_target (document, leaf, "≥120 人");
  g_assert_cmpstr (seen->str, ==, "[indicator]");
  g_string_truncate (seen, 0);
  remove_record (document, node (document, 0, 0, -1, -1));
  /* The level-1, its two level-2, their two level-3, and the next
   * level-1s moved up: seven rows, one emission. */
  g_assert_cmpstr (seen->str, ==, "[indicator indicator indicator indicator indicator indicator indicator]");
  g_string_truncate (seen, 0);
  undo (document);
  g_assert_true (g_str_has_prefix (seen->str, "[indicator"));
  g_assert_null (strchr (seen->str + 1, '['));
  g_string_truncate (seen, 0);
  g_assert_true (pg_document_set_amount (document, finance_row (document, TRUE, 0), "amount", 10000, &error));
  g_assert_cmpstr (seen->str, ==, "[finance_row]");
  /* Nothing for a command that changes nothing. */
  g_string_truncate (seen, 0);
  g_assert_true (pg_document_set_amount (document, finance_row (document, TRUE, 0), "amount", 10000, &error));
  g_assert_cmpstr (seen->str, ==, "");
}

/* The live reviewer's list equals a fresh full check. */
static void
assert_same_as_full (PgReview *live)
{
  g_autoptr(GPtrArray) incremental = pg_review_get_findings (live);
  g_autoptr(GPtrArray) full = review (pg_review_get_document (live));

  g_assert_false (pg_review_get_stale (live));
  g_assert_cmpuint (incremental->len, ==, full->len);
  for (guint i = 0; i < full->len; i++)
    {
      PgFinding *a = incremental->pdata[i], *b = full->pdata[i];

      g_assert_cmpint (a->severity, ==, b->severity);
      g_assert_cmpstr (a->path, ==, b->path);
      g_assert_cmpstr (a->message, ==, b->message);
    }
}

static void
on_stale (PgReview *review_,
          guint    *count)
{
  (*count)++;
}

static void
test_incremental (void)
{
  g_autoptr(PgDocument) document = example_document ();
  g_autoptr(PgReview) live = pg_review_new (document);
  g_autoptr(GError) error = NULL;
  guint stale = 0;
  PgIndicator *moved;
  PgGoal *second;

  g_signal_connect (live, "stale", G_CALLBACK (on_stale), &stale);
  assert_same_as_full (live);

  /* Two edits, one "stale" until the next update. */
  set_string (document, declaration (document), "fill-date", "2023-02-01");
  set_amount (document, finance_row (document, TRUE, 1), "amount", 0);
  g_assert_cmpuint (stale, ==, 1);
  g_assert_true (pg_review_get_stale (live));
  assert_same_as_full (live);
  {
    g_autoptr(GPtrArray) findings = pg_review_get_findings (live);
    g_assert_null (find (findings, "fill_date"));
  }

  set_target (document, node (document, 0, 0, 2, 0), "≥95%");
  assert_same_as_full (live);
  undo (document);
  assert_same_as_full (live);
  undo (document);
  undo (document);
  assert_same_as_full (live);
  g_assert_cmpuint (stale, ==, 4);

  /* Structure: a goal before the first shifts every path. */
  second = pg_document_add_goal (document, 0, "新目标", &error);
  g_assert_nonnull (second);
  assert_same_as_full (live);
  /* An indicator moves from one goal to the other. */
  moved = node (document, 1, 2, -1, -1);
  g_assert_true (pg_document_move (document, PG_RECORD (moved), second, 0, &error));
  g_assert_no_error (error);
  assert_same_as_full (live);
  remove_record (document, node (document, 1, 0, 0, 3));
  assert_same_as_full (live);
  set_amount (document, project (document, 0), "year-budget", 0);
  remove_record (document, item (pg_document_get_task_groups (document), 0));
  assert_same_as_full (live);
  for (guint i = 0; i < 5; i++)
    {
      undo (document);
      assert_same_as_full (live);
    }
  g_assert_true (pg_document_redo (document, &error));
  assert_same_as_full (live);
}

/* An edit that changes no finding leaves the very same findings, which a
 * view compares by pointer; one that does replaces only its scope's. */
static void
test_unchanged_findings_kept (void)
{
  g_autoptr(PgDocument) document = example_document ();
  g_autoptr(PgReview) live = pg_review_new (document);
  g_autoptr(GPtrArray) before = pg_review_get_findings (live);
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) after = NULL;

  set_target (document, node (document, 0, 0, 0, 1), "1200 人次");
  same = pg_review_get_findings (live);
  g_assert_cmpuint (same->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (same->pdata[i] == before->pdata[i]);

  set_string (document, declaration (document), "fill-date", "2023-03-01");
  after = pg_review_get_findings (live);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  /* The goal's findings were not checked again: the same objects. */
  g_assert_true (after->pdata[after->len - 1] == before->pdata[before->len - 1]);
  g_assert_null (find (after, "fill_date"));
}

static void
test_incremental_large (void)
{
  g_autoptr(PgDocument) document = large_declaration_new (6, 20, 4);
  g_autoptr(PgReview) live = pg_review_new (document);
  PgIndicator *leaf;

  pg_document_set_coalesce_ms (document, 0);
  assert_same_as_full (live);
  for (guint g = 0; g < 6; g += 2)
    {
      leaf = node (document, g, 1, 0, 3);
      set_target (document, leaf, "≤5%");
      set_string (document, node (document, g, 2, 0, 1), "name", "");
      assert_same_as_full (live);
    }
  remove_record (document, node (document, 3, 0, -1, -1));
  assert_same_as_full (live);
  undo (document);
  undo (document);
  assert_same_as_full (live);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages in English, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  pg_test_private_data_home ("perfgoal-test-review");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/clean", test_clean);
  g_test_add_func ("/review/header/required", test_header_required);
  g_test_add_func ("/review/header/phone", test_phone);
  g_test_add_func ("/review/header/fill-date", test_fill_date);
  g_test_add_func ("/review/finance/empty", test_finance_empty);
  g_test_add_func ("/review/finance/negative", test_negative_amounts);
  g_test_add_func ("/review/finance/balance", test_totals_balance);
  g_test_add_func ("/review/functions", test_functions);
  g_test_add_func ("/review/tasks", test_tasks);
  g_test_add_func ("/review/projects/required", test_projects_required);
  g_test_add_func ("/review/projects/sum", test_project_sum);
  g_test_add_func ("/review/projects/budgets", test_project_budgets);
  g_test_add_func ("/review/goals/required", test_goals_required);
  g_test_add_func ("/review/placeholders", test_placeholders);
  g_test_add_func ("/review/tree/level1", test_level1_required);
  g_test_add_func ("/review/tree/cost", test_cost_missing);
  g_test_add_func ("/review/tree/quantity", test_quantity_missing);
  g_test_add_func ("/review/tree/empty-levels", test_empty_levels);
  g_test_add_func ("/review/tree/wrong-parent", test_wrong_parent);
  g_test_add_func ("/review/leaf/required", test_leaf_required);
  g_test_add_func ("/review/leaf/previous-values", test_previous_values);
  g_test_add_func ("/review/target/kind", test_target_kind);
  g_test_add_func ("/review/target/unit", test_unit_missing);
  g_test_add_func ("/review/target/quantity", test_quantity_not_number);
  g_test_add_func ("/review/target/rate", test_rate_range);
  g_test_add_func ("/review/target/satisfaction", test_satisfaction);
  g_test_add_func ("/review/target/direction", test_direction);
  g_test_add_func ("/review/target/money", test_money_as_output);
  g_test_add_func ("/review/target/unit-mismatch", test_unit_mismatch);
  g_test_add_func ("/review/leaf/duplicate-names", test_duplicate_names);
  g_test_add_func ("/review/example", test_example);
  g_test_add_func ("/review/locate", test_locate);
  g_test_add_func ("/review/incremental/rows-changed", test_rows_changed_signal);
  g_test_add_func ("/review/incremental/example", test_incremental);
  g_test_add_func ("/review/incremental/large", test_incremental_large);
  g_test_add_func ("/review/incremental/unchanged-kept", test_unchanged_findings_kept);

  return g_test_run ();
}
