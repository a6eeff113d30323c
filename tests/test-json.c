/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-test"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "test-dirs.h"
#include "pg-amount.h"
#include "pg-document.h"
#include "pg-json.h"

#define MIB (1024 * 1024)

static const char *data_home;

/* The working copies a document leaves behind: none, once it is closed. */
static guint
count_working_files (void)
{
  g_autofree char *dir = g_build_filename (data_home, "perfgoal", "working", NULL);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (gdir == NULL)
    return 0;
  while (g_dir_read_name (gdir) != NULL)
    n++;
  return n;
}

static char *
load_test_file (const char *path,
                gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
fixture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "declaration.json", NULL);
}

static PgDocument *
import_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  PgDocument *document = pg_json_import (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
close_document (PgDocument *document)
{
  pg_document_close (document);
  g_assert_finalize_object (document);
  g_assert_cmpuint (count_working_files (), ==, 0);
}

static gpointer
item (GListModel *model,
      guint       position)
{
  /* The models hold their items: a borrowed pointer is enough here. */
  GObject *object = g_list_model_get_item (model, position);

  g_assert_nonnull (object);
  g_object_unref (object);
  return object;
}

static PgFinanceRow *
finance_row (PgFinanceBlock *block,
             guint           position)
{
  return item (pg_finance_block_get_rows (block), position);
}

static guint
count_level3 (GListModel *indicators)
{
  guint n = g_list_model_get_n_items (indicators);
  guint total = 0;

  for (guint i = 0; i < n; i++)
    total += pg_indicator_get_n_indicators (item (indicators, i));
  return total;
}

/* The example declaration (武汉市蔡甸区残疾人联合会, 2023), wherever it comes from. */
static void
check_example (PgDocument *document)
{
  PgDeclaration *declaration = pg_document_get_declaration (document);
  GListModel *groups = pg_document_get_task_groups (document);
  GListModel *projects = pg_document_get_projects (document);
  GListModel *goals = pg_document_get_goals (document);
  PgFinanceRow *row;
  PgTaskGroup *last_group;
  PgTask *last_task;
  PgGoal *goal;
  PgIndicator *output, *timeliness, *level3;
  guint n_tasks = 0;

  g_assert_cmpstr (pg_declaration_get_department_name (declaration), ==, "武汉市蔡甸区残疾人联合会");
  g_assert_cmpstr (pg_declaration_get_filled_by (declaration), ==, "屈郅全");
  g_assert_cmpstr (pg_declaration_get_phone (declaration), ==, "84902037");
  g_assert_cmpint (pg_declaration_get_budget_year (declaration), ==, 2023);
  g_assert_null (pg_declaration_get_fill_date (declaration));
  g_assert_cmpstr (pg_declaration_get_unit (declaration), ==, "wan_yuan");
  g_assert_cmpstr (pg_declaration_get_label_language (declaration), ==, "zh_CN");
  g_assert_true (g_str_has_prefix (pg_declaration_get_functions (declaration), "1.贯彻执行党和国家"));

  row = finance_row (pg_document_get_revenue (document), 0);
  g_assert_cmpstr (pg_finance_row_get_item (row), ==, "fiscal_appropriation");
  g_assert_cmpint (pg_finance_row_get_amount (row), ==, 14857300);
  g_assert_cmpint (pg_finance_row_get_year_minus_2 (row), ==, 26990000);
  g_assert_cmpint (pg_finance_row_get_year_minus_1 (row), ==, 15067600);
  row = finance_row (pg_document_get_revenue (document), 1);
  g_assert_cmpstr (pg_finance_row_get_item (row), ==, "other_funds");
  g_assert_cmpint (pg_finance_row_get_amount (row), ==, PG_AMOUNT_NONE);
  row = finance_row (pg_document_get_expenditure (document), 0);
  g_assert_cmpint (pg_finance_row_get_amount (row), ==, 5864200);
  g_assert_cmpint (pg_finance_row_get_share (row), ==, 3947);
  row = finance_row (pg_document_get_expenditure (document), 1);
  g_assert_cmpint (pg_finance_row_get_amount (row), ==, 8993100);
  g_assert_cmpint (pg_finance_block_get_total (pg_document_get_expenditure (document)), ==, 14857300);

  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 6);
  for (guint i = 0; i < 6; i++)
    n_tasks += g_list_model_get_n_items (pg_task_group_get_tasks (item (groups, i)));
  g_assert_cmpuint (n_tasks, ==, 19);
  g_assert_cmpstr (pg_task_group_get_title (item (groups, 0)), ==, "加强党和政府对残疾人工作的领导");
  last_group = item (groups, 5);
  g_assert_cmpuint (pg_task_group_get_number (last_group), ==, 6);
  last_task = item (pg_task_group_get_tasks (last_group),
                    g_list_model_get_n_items (pg_task_group_get_tasks (last_group)) - 1);
  g_assert_cmpuint (pg_task_get_number (last_task), ==, 19);
  g_assert_true (g_str_has_prefix (pg_task_get_title (last_task), "打造“阳光残联”"));

  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 6);
  g_assert_cmpstr (pg_project_get_name (item (projects, 0)), ==, "基层残疾人文化活动经费");
  g_assert_cmpint (pg_project_get_total_budget (item (projects, 2)), ==, 737000);
  g_assert_cmpint (pg_project_get_year_budget (item (projects, 3)), ==, 6628000);

  g_assert_cmpuint (g_list_model_get_n_items (goals), ==, 1);
  goal = item (goals, 0);
  g_assert_cmpstr (pg_goal_get_title (goal), ==, "年度残联发展专项目标");
  g_assert_cmpuint (count_level3 (pg_goal_get_indicators (goal)), ==, 11);

  output = item (pg_goal_get_indicators (goal), 0);
  g_assert_cmpstr (pg_indicator_get_category (output), ==, "output");
  g_assert_cmpuint (pg_indicator_get_n_indicators (output), ==, 8);
  level3 = item (pg_indicator_get_children (item (pg_indicator_get_children (output), 0)), 0);
  g_assert_cmpuint (pg_indicator_get_level (level3), ==, 3);
  g_assert_cmpstr (pg_indicator_get_name (level3), ==, "项目资金使用完毕");
  g_assert_cmpstr (pg_indicator_get_year_minus_2 (level3), ==, "461 万元");
  g_assert_cmpstr (pg_indicator_get_target (level3), ==, "480 万元");
  g_assert_cmpstr (pg_indicator_get_basis (level3), ==, "historical");

  timeliness = item (pg_indicator_get_children (output), 2);
  g_assert_cmpstr (pg_indicator_get_category (timeliness), ==, "timeliness");
  level3 = item (pg_indicator_get_children (timeliness), 0);
  g_assert_cmpstr (pg_indicator_get_name (level3), ==, "项目完成及时率");
  g_assert_cmpstr (pg_indicator_get_target (level3), ==, "时效指标");
}

static void
check_fresh_import (PgDocument *document)
{
  g_assert_null (pg_document_get_file (document));
  g_assert_false (pg_document_get_read_only (document));
  g_assert_false (pg_document_get_can_undo (document));
  g_assert_false (pg_document_get_can_redo (document));
}

/* Export, import, export: the same bytes. */
static void
check_round_trip (PgDocument *document,
                  const char *expected)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length = 0, second_length = 0;
  PgDocument *again;

  first = pg_json_export (document, &first_length);
  g_assert_cmpuint (first_length, ==, strlen (first));
  g_assert_true (g_str_has_suffix (first, "}\n"));
  if (expected != NULL)
    g_assert_cmpstr (first, ==, expected);

  again = import_ok (first);
  second = pg_json_export (again, &second_length);
  g_assert_cmpuint (second_length, ==, first_length);
  g_assert_cmpstr (second, ==, first);
  pg_document_close (again);
  g_assert_finalize_object (again);
}

static void
test_import_fixture (void)
{
  g_autofree char *path = fixture_path ();
  g_autofree char *contents = NULL;
  g_autofree char *exported = NULL;
  gsize length = 0;
  PgDocument *document;

  contents = load_test_file (path, &length);
  document = import_ok (contents);
  check_fresh_import (document);
  check_example (document);

  /* The fixture is written in the canonical form, so it comes back as it is. */
  exported = pg_json_export (document, NULL);
  g_assert_cmpstr (exported, ==, contents);
  /* CJK text as it is, never \uXXXX. */
  g_assert_nonnull (strstr (exported, "\"name\": \"武汉市蔡甸区残疾人联合会\""));
  g_assert_null (strstr (exported, "\\u"));
  check_round_trip (document, contents);
  close_document (document);
}

static void
test_import_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "example.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *exported = NULL;
  gsize length = 0;
  PgDocument *document;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/example.json is not there yet (the fixture covers the same declaration)");
      return;
    }

  contents = load_test_file (path, &length);
  document = import_ok (contents);
  check_fresh_import (document);
  check_example (document);
  exported = pg_json_export (document, NULL);
  /* The bundled example is in the canonical form: what export writes. */
  g_assert_cmpstr (exported, ==, contents);
  check_round_trip (document, NULL);
  close_document (document);
}

static void
test_import_file (void)
{
  g_autofree char *path = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/perfgoal/declaration.json");
  g_autoptr(GError) error = NULL;
  PgDocument *document;

  document = pg_json_import_file (file, &error);
  g_assert_no_error (error);
  check_example (document);
  close_document (document);

  document = pg_json_import_file (missing, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/perfgoal/declaration.json"));
  g_assert_cmpuint (count_working_files (), ==, 0);
}

/* Imported into memory (the command line): the same declaration, with no
 * working copy on disk while it lives, and one that still edits, undoes and
 * writes out. */
static void
test_import_in_memory (void)
{
  g_autofree char *path = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = g_dir_make_tmp ("perfgoal-in-memory-XXXXXX", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "copy.perfgoal", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *imported = NULL, *reopened_json = NULL;
  PgDocument *document, *reopened;
  PgRecord *declaration;

  document = pg_json_import_file_in_memory (file, &error);
  g_assert_no_error (error);
  check_example (document);
  g_assert_null (pg_document_get_working_copy_path (document));
  g_assert_cmpuint (count_working_files (), ==, 0);

  declaration = PG_RECORD (pg_document_get_declaration (document));
  pg_document_set_coalesce_ms (document, 0);
  g_assert_true (pg_document_set_string (document, declaration, "phone", "027-1", &error));
  g_assert_cmpstr (pg_declaration_get_phone (pg_document_get_declaration (document)), ==, "027-1");
  g_assert_true (pg_document_undo (document, &error));
  g_assert_no_error (error);
  check_example (document);

  imported = pg_json_export (document, NULL);
  g_assert_true (pg_document_write_copy (document, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_working_files (), ==, 0);
  close_document (document);

  reopened = pg_document_open (copy, &error);
  g_assert_no_error (error);
  reopened_json = pg_json_export (reopened, NULL);
  g_assert_cmpstr (reopened_json, ==, imported);
  close_document (reopened);
  g_unlink (copy_path);
  g_rmdir (dir);
}

/* The smallest declaration: every key in the format's order, empty. */
static void
test_export_minimal (void)
{
  static const char expected[] =
    "{\n"
    "  \"format\": \"perfgoal-declaration\",\n"
    "  \"version\": 1,\n"
    "  \"label_language\": \"zh_CN\",\n"
    "  \"unit\": \"wan_yuan\",\n"
    "  \"budget_year\": null,\n"
    "  \"fill_date\": null,\n"
    "  \"department\": {\n"
    "    \"name\": \"\",\n"
    "    \"filled_by\": \"\",\n"
    "    \"phone\": \"\",\n"
    "    \"head\": \"\",\n"
    "    \"finance_head\": \"\"\n"
    "  },\n"
    "  \"finance\": {\n"
    "    \"revenue\": [\n"
    "      {\n"
    "        \"item\": \"fiscal_appropriation\",\n"
    "        \"amount\": null,\n"
    "        \"year_minus_2\": null,\n"
    "        \"year_minus_1\": null\n"
    "      },\n"
    "      {\n"
    "        \"item\": \"other_funds\",\n"
    "        \"amount\": null,\n"
    "        \"year_minus_2\": null,\n"
    "        \"year_minus_1\": null\n"
    "      }\n"
    "    ],\n"
    "    \"expenditure\": [\n"
    "      {\n"
    "        \"item\": \"basic\",\n"
    "        \"amount\": null,\n"
    "        \"year_minus_2\": null,\n"
    "        \"year_minus_1\": null\n"
    "      },\n"
    "      {\n"
    "        \"item\": \"project\",\n"
    "        \"amount\": null,\n"
    "        \"year_minus_2\": null,\n"
    "        \"year_minus_1\": null\n"
    "      }\n"
    "    ]\n"
    "  },\n"
    "  \"functions\": \"\",\n"
    "  \"task_groups\": [],\n"
    "  \"projects\": [],\n"
    "  \"goals\": []\n"
    "}\n";
  PgDocument *document = import_ok ("{\"format\": \"perfgoal-declaration\", \"version\": 1}");

  check_fresh_import (document);
  check_round_trip (document, expected);
  close_document (document);
}

/* Everything the example does not use: custom categories, English labels,
 * 元, a date, numbers for amounts, empty values, unknown keys. */
static void
test_round_trip_variants (void)
{
  static const char json[] =
    "{\"format\": \"perfgoal-declaration\", \"version\": 1, \"written_by\": \"PerfGoal 9\","
    " \"label_language\": \"en\", \"unit\": \"yuan\", \"budget_year\": 2024, \"fill_date\": \"2023-10-08\","
    " \"department\": {\"name\": \"Test \\\"unit\\\"\\n\\tline two\", \"phone\": \"+86 (27) 8490-2037\","
    "                \"head\": \"a \\\" : b : c\"},"
    " \"finance\": {\"revenue\": [{\"item\": \"other_funds\", \"amount\": 1485.73, \"year_minus_2\": 2699,"
    "                              \"year_minus_1\": \" 1,506.76 \"},"
    "                             {\"item\": \"fiscal_appropriation\", \"amount\": 73.7, \"year_minus_2\": 1e3,"
    "                              \"year_minus_1\": -0.5}],"
    "             \"expenditure\": [{\"item\": \"project\", \"amount\": \"\", \"year_minus_2\": \"０．０００１\"}]},"
    " \"task_groups\": [{\"title\": \"G\", \"tasks\": []}, {\"tasks\": [{\"text\": \"only text\"}]}],"
    " \"projects\": [{\"name\": \"P\", \"total_budget\": 0.1, \"year_budget\": 12345678.9}],"
    " \"goals\": [{\"title\": \"\", \"indicators\": []},"
    "   {\"title\": \"Goal 2\", \"indicators\": ["
    "     {\"category\": \"custom\", \"name\": \"我的一级\", \"children\": ["
    "       {\"category\": \"custom\", \"name\": \"可持续影响\", \"children\": ["
    "         {\"name\": \"≥95%\", \"target\": null, \"basis\": null, \"extra\": [1, 2]}]},"
    "       {\"category\": \"quantity\", \"name\": \"ignored for a standard category\"}]},"
    "     {\"category\": \"cost\", \"children\": [{\"category\": \"social_cost\", \"children\": null}]}]}]}";
  g_autofree char *exported = NULL;
  PgDocument *document = import_ok (json);
  PgDeclaration *declaration = pg_document_get_declaration (document);
  PgFinanceBlock *revenue = pg_document_get_revenue (document);
  GListModel *goals = pg_document_get_goals (document);
  PgIndicator *custom, *custom2, *leaf, *quantity;

  g_assert_cmpstr (pg_declaration_get_label_language (declaration), ==, "en");
  g_assert_cmpstr (pg_declaration_get_unit (declaration), ==, "yuan");
  g_assert_cmpint (pg_declaration_get_budget_year (declaration), ==, 2024);
  g_assert_cmpstr (pg_declaration_get_fill_date (declaration), ==, "2023-10-08");
  g_assert_cmpstr (pg_declaration_get_department_name (declaration), ==, "Test \"unit\"\n\tline two");
  g_assert_cmpstr (pg_declaration_get_filled_by (declaration), ==, "");
  g_assert_cmpstr (pg_declaration_get_head (declaration), ==, "a \" : b : c");

  /* Matched by item, not by order; numbers read exactly. */
  g_assert_cmpint (pg_finance_row_get_amount (finance_row (revenue, 0)), ==, 737000);
  g_assert_cmpint (pg_finance_row_get_year_minus_2 (finance_row (revenue, 0)), ==, 10000000);
  g_assert_cmpint (pg_finance_row_get_year_minus_1 (finance_row (revenue, 0)), ==, -5000);
  g_assert_cmpint (pg_finance_row_get_amount (finance_row (revenue, 1)), ==, 14857300);
  g_assert_cmpint (pg_finance_row_get_year_minus_2 (finance_row (revenue, 1)), ==, 26990000);
  g_assert_cmpint (pg_finance_row_get_year_minus_1 (finance_row (revenue, 1)), ==, 15067600);
  g_assert_cmpint (pg_finance_row_get_amount (finance_row (pg_document_get_expenditure (document), 1)), ==, PG_AMOUNT_NONE);
  g_assert_cmpint (pg_finance_row_get_year_minus_2 (finance_row (pg_document_get_expenditure (document), 1)), ==, 1);
  g_assert_cmpint (pg_project_get_total_budget (item (pg_document_get_projects (document), 0)), ==, 1000);
  g_assert_cmpint (pg_project_get_year_budget (item (pg_document_get_projects (document), 0)), ==, 123456789000);

  g_assert_cmpuint (g_list_model_get_n_items (pg_document_get_task_groups (document)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (goals), ==, 2);
  custom = item (pg_goal_get_indicators (item (goals, 1)), 0);
  g_assert_cmpstr (pg_indicator_get_category (custom), ==, "custom");
  g_assert_cmpstr (pg_indicator_get_name (custom), ==, "我的一级");
  custom2 = item (pg_indicator_get_children (custom), 0);
  g_assert_cmpstr (pg_indicator_get_display_name (custom2, FALSE), ==, "可持续影响");
  leaf = item (pg_indicator_get_children (custom2), 0);
  g_assert_cmpstr (pg_indicator_get_name (leaf), ==, "≥95%");
  g_assert_cmpstr (pg_indicator_get_target (leaf), ==, "");
  g_assert_null (pg_indicator_get_basis (leaf));
  quantity = item (pg_indicator_get_children (custom), 1);
  g_assert_cmpstr (pg_indicator_get_category (quantity), ==, "quantity");
  g_assert_cmpstr (pg_indicator_get_name (quantity), ==, "");

  exported = pg_json_export (document, NULL);
  g_assert_nonnull (strstr (exported, "\"amount\": \"1485.73\""));
  g_assert_nonnull (strstr (exported, "\"amount\": \"73.7\""));
  g_assert_nonnull (strstr (exported, "\"year_minus_2\": \"1000\""));
  g_assert_nonnull (strstr (exported, "\"year_minus_1\": \"-0.5\""));
  g_assert_nonnull (strstr (exported, "\"year_minus_2\": \"0.0001\""));
  g_assert_nonnull (strstr (exported, "\"total_budget\": \"0.1\""));
  g_assert_nonnull (strstr (exported, "\"fill_date\": \"2023-10-08\""));
  g_assert_nonnull (strstr (exported, "\"name\": \"Test \\\"unit\\\"\\n\\tline two\""));
  g_assert_nonnull (strstr (exported,
                            "{\n"
                            "              \"category\": \"quantity\",\n"
                            "              \"children\": []\n"
                            "            }"));
  /* Only the members' " : " lose their space, never a string's. */
  g_assert_nonnull (strstr (exported, "\"head\": \"a \\\" : b : c\""));
  g_assert_null (strstr (exported, "written_by"));
  g_assert_null (strstr (exported, "ignored"));
  check_round_trip (document, NULL);
  close_document (document);
}

/* A declaration with one indicator tree, with `tree` in place of goal 1's
 * level-1 list. */
static char *
with_indicators (const char *tree)
{
  return g_strconcat ("{\"format\": \"perfgoal-declaration\", \"version\": 1,"
                      " \"goals\": [{\"title\": \"目标\", \"indicators\": ", tree, "}]}", NULL);
}

static char *
with_member (const char *member)
{
  return g_strconcat ("{\"format\": \"perfgoal-declaration\", \"version\": 1, ", member, "}", NULL);
}

static char *
nested (guint depth)
{
  /* The root object is level 1: `depth` levels in all. */
  GString *text = g_string_new ("{\"format\": \"perfgoal-declaration\", \"version\": 1, \"x\": ");

  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static char *
long_string (gsize length)
{
  g_autofree char *text = g_malloc (length + 1);
  g_autofree char *member = NULL;

  memset (text, 'x', length);
  text[length] = '\0';
  member = g_strconcat ("\"functions\": \"", text, "\"", NULL);
  return with_member (member);
}

typedef struct {
  char       *json;     /* owned */
  gssize      length;
  int         code;
  const char *message;  /* the message starts with this */
} BadCase;

static void
test_import_bad (void)
{
  static const char with_nul[] = "{\"format\": \"perfgoal-declaration\", \"version\": 1}\0{}";
  BadCase cases[] = {
    /* not JSON */
    { g_strdup ("{\"format\": \"perfgoal-declaration\",\n \"version\": 1,\n \"goals\": [{\"title\": \"x"), -1,
      PG_JSON_ERROR_SYNTAX, "This is not valid JSON: <data>:3:" },
    { g_strdup ("{\"format\": \"perfgoal-declaration\", \"version\": 1,}"), -1,
      PG_JSON_ERROR_SYNTAX, "This is not valid JSON: <data>:1:" },
    { g_strdup (""), -1, PG_JSON_ERROR_SYNTAX, "This is not valid JSON: the text is empty" },
    { g_strdup ("{\"format\": \"perfgoal-declaration\",\n /* hi */ \"version\": 1}"), -1,
      PG_JSON_ERROR_SYNTAX, "This is not valid JSON: line 2, column 2" },
    { g_strdup ("{'format': 'perfgoal-declaration', 'version': 1}"), -1,
      PG_JSON_ERROR_SYNTAX, "This is not valid JSON: line 1, column 2" },
    { g_strdup ("var d = {\"format\": \"perfgoal-declaration\", \"version\": 1};"), -1,
      PG_JSON_ERROR_SYNTAX, "This is not valid JSON: it assigns" },
    { g_strdup ("{\"format\": \"perfgoal-declaration\", \"version\": 1, \"functions\": \"\xff\"}"), -1,
      PG_JSON_ERROR_SYNTAX, "This is not valid JSON: the text is not UTF-8" },
    { g_memdup2 (with_nul, sizeof with_nul - 1), sizeof with_nul - 1,
      PG_JSON_ERROR_SYNTAX, "This is not valid JSON: the text is not UTF-8" },

    /* not a declaration, or not one we read */
    { g_strdup ("[1, 2]"), -1, PG_JSON_ERROR_FORMAT, "This is not a PerfGoal declaration" },
    { g_strdup ("{\"version\": 1}"), -1, PG_JSON_ERROR_FORMAT, "This is not a PerfGoal declaration: it has no “format”" },
    { g_strdup ("{\"format\": \"perfgoal-template\", \"version\": 1}"), -1,
      PG_JSON_ERROR_FORMAT, "This is not a PerfGoal declaration: unknown format “perfgoal-template”" },
    { g_strdup ("{\"format\": \"perfgoal-declaration\", \"version\": 2, \"goals\": 5}"), -1,
      PG_JSON_ERROR_FORMAT, "The declaration is in version 2 of the format, newer than this PerfGoal reads (1)" },
    { g_strdup ("{\"format\": \"perfgoal-declaration\"}"), -1, PG_JSON_ERROR_FORMAT, "The declaration has no “version”" },
    { g_strdup ("{\"format\": \"perfgoal-declaration\", \"version\": \"1\"}"), -1,
      PG_JSON_ERROR_FORMAT, "The declaration has no “version”" },
    { g_strdup ("{\"format\": \"perfgoal-declaration\", \"version\": 0}"), -1,
      PG_JSON_ERROR_FORMAT, "The declaration's version 0" },

    /* limits */
    { long_string (MIB + 1), -1, PG_JSON_ERROR_INVALID, "functions: the text is longer than 1 MiB" },
    { nested (65), -1, PG_JSON_ERROR_INVALID,
      "x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
      "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: "
      "the data is nested deeper than 64 levels" },
    { with_member ("\"finance\": {\"revenue\": [{\"item\": \"fiscal_appropriation\", \"amount\": 99999999999999999999}]}"), -1,
      PG_JSON_ERROR_INVALID, "finance.revenue[0].amount: 99999999999999999999 is too large a number" },

    /* wrong types */
    { with_member ("\"budget_year\": \"2023\""), -1, PG_JSON_ERROR_INVALID,
      "budget_year: expected a year (a whole number) or null" },
    { with_member ("\"budget_year\": 2023.5"), -1, PG_JSON_ERROR_INVALID, "budget_year: expected a year" },
    { with_member ("\"budget_year\": 123"), -1, PG_JSON_ERROR_INVALID, "budget_year: 123 is not a budget year" },
    { with_member ("\"finance\": {\"revenue\": [{\"item\": \"fiscal_appropriation\", \"amount\": {\"value\": 1}}]}"), -1,
      PG_JSON_ERROR_INVALID, "finance.revenue[0].amount: expected an amount (a string, a number or null)" },
    { with_member ("\"finance\": {\"expenditure\": [{\"item\": \"basic\"}, {\"item\": \"project\", \"year_minus_1\": true}]}"), -1,
      PG_JSON_ERROR_INVALID, "finance.expenditure[1].year_minus_1: expected an amount" },
    { with_member ("\"task_groups\": [{\"title\": \"一\", \"tasks\": [{\"title\": \"a\"}, {\"title\": 2}]}]"), -1,
      PG_JSON_ERROR_INVALID, "task_groups[0].tasks[1].title: expected a string" },
    { with_member ("\"task_groups\": {\"title\": \"一\"}"), -1, PG_JSON_ERROR_INVALID, "task_groups: expected an array" },
    { with_member ("\"task_groups\": [\"一\"]"), -1, PG_JSON_ERROR_INVALID, "task_groups[0]: expected an object" },
    { with_member ("\"department\": [\"武汉\"]"), -1, PG_JSON_ERROR_INVALID, "department: expected an object" },
    { with_member ("\"department\": {\"phone\": 84902037}"), -1, PG_JSON_ERROR_INVALID, "department.phone: expected a string" },
    { with_member ("\"projects\": [{\"name\": \"p\", \"purpose\": [\"x\"]}]"), -1, PG_JSON_ERROR_INVALID,
      "projects[0].purpose: expected a string" },

    /* wrong values */
    { with_member ("\"finance\": {\"revenue\": [{\"item\": \"fiscal_appropriation\", \"amount\": \"abc\"}]}"), -1,
      PG_JSON_ERROR_INVALID, "finance.revenue[0].amount: “abc” is not an amount" },
    { with_member ("\"finance\": {\"revenue\": [{\"item\": \"fiscal_appropriation\", \"amount\": \"1485.73001\"}]}"), -1,
      PG_JSON_ERROR_INVALID, "finance.revenue[0].amount: “1485.73001” has more than four decimal places" },
    { with_member ("\"finance\": {\"revenue\": [{\"item\": \"fiscal_appropriation\", \"amount\": 1e-5}]}"), -1,
      PG_JSON_ERROR_INVALID, "finance.revenue[0].amount: “0.00001” has more than four decimal places" },
    { with_member ("\"projects\": [{\"name\": \"p\", \"total_budget\": 1e300}]"), -1,
      PG_JSON_ERROR_INVALID, "projects[0].total_budget: " },
    { with_member ("\"finance\": {\"revenue\": [{\"item\": \"basic\"}]}"), -1,
      PG_JSON_ERROR_INVALID, "finance.revenue[0].item: “basic” is not a revenue item" },
    { with_member ("\"finance\": {\"expenditure\": [{\"item\": \"basic\"}, {\"item\": \"basic\"}]}"), -1,
      PG_JSON_ERROR_INVALID, "finance.expenditure[1].item: “basic” is listed twice" },
    { with_member ("\"label_language\": \"fr\""), -1, PG_JSON_ERROR_INVALID, "label_language: “fr” is not a label language" },
    { with_member ("\"unit\": \"dollar\""), -1, PG_JSON_ERROR_INVALID, "unit: “dollar” is not a unit" },
    { with_member ("\"fill_date\": \"2023-02-30\""), -1, PG_JSON_ERROR_INVALID, "fill_date: “2023-02-30” is not a date" },
    { with_member ("\"fill_date\": \"2023-2-3\""), -1, PG_JSON_ERROR_INVALID, "fill_date: “2023-2-3” is not a date" },

    /* the indicator tree */
    { with_indicators ("[{\"category\": \"output\", \"children\": [{\"category\": \"quantity\", \"children\": ["
                       "{\"name\": \"a\", \"target\": \"1\"}, {\"name\": \"b\", \"target\": 1}]}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0].children[1].target: expected a string" },
    { with_indicators ("[{\"category\": \"output\", \"children\": [{\"category\": \"quantity\", \"children\": ["
                       "{\"name\": \"a\", \"target\": \"1\", \"children\": []}]}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0].children[0]: a level-3 indicator cannot have children" },
    { with_indicators ("[{\"category\": \"output\", \"children\": [{\"category\": \"quantity\", \"children\": ["
                       "{\"category\": \"quantity\", \"children\": [{\"name\": \"a\"}]}]}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0].children[0]: a level-3 indicator cannot have children" },
    { with_indicators ("[{\"category\": \"output\", \"children\": [{\"category\": \"quantity\", \"children\": ["
                       "{\"name\": \"a\", \"category\": \"quality\"}]}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0].children[0].category: a level-3 indicator has no category" },
    { with_indicators ("[{\"category\": \"outcome\", \"children\": []}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].category: “outcome” is not a level-1 category" },
    { with_indicators ("[{\"category\": \"quantity\", \"children\": []}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].category: “quantity” is not a level-1 category" },
    { with_indicators ("[{\"category\": \"effect\", \"children\": [{\"category\": \"output\"}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0].category: “output” is not a level-2 category" },
    { with_indicators ("[{\"children\": []}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0]: a level-1 indicator needs a “category”" },
    { with_indicators ("[{\"category\": \"effect\", \"children\": [{\"name\": \"x\", \"children\": []}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0]: a level-2 indicator needs a “category”" },
    { with_indicators ("[{\"category\": \"custom\", \"children\": []}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].name: a custom category needs a name" },
    { with_indicators ("[{\"category\": 1, \"children\": []}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].category: expected a string" },
    { with_indicators ("[{\"category\": \"cost\", \"children\": {}}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children: expected an array" },
    { with_indicators ("[{\"category\": \"cost\", \"children\": [{\"category\": \"social_cost\", \"children\": [{\"target\": \"1\"}]}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0].children[0]: a level-3 indicator needs a “name”" },
    { with_indicators ("[{\"category\": \"cost\", \"children\": [{\"category\": \"social_cost\", \"children\": [{\"name\": \"\"}]}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0].children[0].name: a level-3 indicator needs a name" },
    { with_indicators ("[{\"category\": \"cost\", \"children\": [{\"category\": \"social_cost\", \"children\": [{\"name\": \"n\", \"basis\": \"guess\"}]}]}]"), -1,
      PG_JSON_ERROR_INVALID, "goals[0].indicators[0].children[0].children[0].basis: “guess” is not a basis" },
    { with_indicators ("[[]]"), -1, PG_JSON_ERROR_INVALID, "goals[0].indicators[0]: expected an object" },
    { with_indicators ("5"), -1, PG_JSON_ERROR_INVALID, "goals[0].indicators: expected an array" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      PgDocument *document;

      document = pg_json_import (cases[i].json, cases[i].length, &error);
      g_assert_null (document);
      g_assert_nonnull (error);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, error->message);
      g_assert_error (error, PG_JSON_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %" G_GSIZE_FORMAT ": “%s” does not start with “%s”",
                 i, error->message, cases[i].message);
      /* Nothing is left behind. */
      g_assert_cmpuint (count_working_files (), ==, 0);
      g_free (cases[i].json);
    }
}

/* Right at the limits is fine. */
static void
test_import_limits (void)
{
  g_autofree char *deep = nested (64);
  g_autofree char *text = long_string (MIB);
  PgDocument *document;

  document = import_ok (deep);
  close_document (document);

  document = import_ok (text);
  g_assert_cmpuint (strlen (pg_declaration_get_functions (pg_document_get_declaration (document))), ==, MIB);
  close_document (document);
}

static void
test_indicator_to_string (void)
{
  g_autofree char *path = fixture_path ();
  g_autofree char *contents = load_test_file (path, NULL);
  g_autofree char *leaf_json = NULL;
  g_autofree char *satisfaction_json = NULL;
  PgDocument *document = import_ok (contents);
  PgGoal *goal = item (pg_document_get_goals (document), 0);
  PgIndicator *satisfaction = item (pg_goal_get_indicators (goal), 2);
  PgIndicator *leaf = item (pg_indicator_get_children (item (pg_indicator_get_children (satisfaction), 0)), 0);

  leaf_json = pg_json_indicator_to_string (leaf);
  g_assert_cmpstr (leaf_json, ==,
                   "{\n"
                   "  \"name\": \"补贴对象满意度\",\n"
                   "  \"year_minus_2\": \"90%\",\n"
                   "  \"year_minus_1\": \"90%\",\n"
                   "  \"target\": \"90%\",\n"
                   "  \"basis\": \"historical\"\n"
                   "}\n");
  satisfaction_json = pg_json_indicator_to_string (satisfaction);
  g_assert_cmpstr (satisfaction_json, ==,
                   "{\n"
                   "  \"category\": \"satisfaction\",\n"
                   "  \"children\": [\n"
                   "    {\n"
                   "      \"category\": \"beneficiary_satisfaction\",\n"
                   "      \"children\": [\n"
                   "        {\n"
                   "          \"name\": \"补贴对象满意度\",\n"
                   "          \"year_minus_2\": \"90%\",\n"
                   "          \"year_minus_1\": \"90%\",\n"
                   "          \"target\": \"90%\",\n"
                   "          \"basis\": \"historical\"\n"
                   "        }\n"
                   "      ]\n"
                   "    }\n"
                   "  ]\n"
                   "}\n");
  close_document (document);
}

static void
test_paste (void)
{
  g_autofree char *path = fixture_path ();
  g_autofree char *contents = load_test_file (path, NULL);
  g_autofree char *quantity_json = NULL;
  g_autofree char *pasted_json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_redo = NULL;
  g_autofree char *after_paste = NULL;
  g_autoptr(GError) error = NULL;
  PgDocument *document = import_ok (contents);
  PgGoal *goal = item (pg_document_get_goals (document), 0);
  PgIndicator *output = item (pg_goal_get_indicators (goal), 0);
  PgIndicator *effect = item (pg_goal_get_indicators (goal), 1);
  PgIndicator *quantity = item (pg_indicator_get_children (output), 0);
  PgIndicator *pasted, *first;

  pg_document_set_coalesce_ms (document, 0);
  quantity_json = pg_json_indicator_to_string (quantity);
  before = pg_json_export (document, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (effect)), ==, 2);

  /* Where it fits, without changing anything: only at level 2. */
  g_assert_true (pg_json_check_indicator (quantity_json, 2, &error));
  g_assert_no_error (error);
  g_assert_false (pg_json_check_indicator (quantity_json, 1, &error));
  g_assert_error (error, PG_JSON_ERROR, PG_JSON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pg_json_check_indicator (quantity_json, 3, &error));
  g_assert_error (error, PG_JSON_ERROR, PG_JSON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pg_json_check_indicator ("达标", 3, &error));
  g_assert_error (error, PG_JSON_ERROR, PG_JSON_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (pg_document_get_can_undo (document));

  /* A level-2 subtree under another level-1, first in its list. */
  pasted = pg_json_paste_indicator (document, goal, effect, 0, quantity_json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pasted);
  g_assert_true (pasted != quantity);
  g_assert_cmpuint (pg_indicator_get_level (pasted), ==, 2);
  g_assert_true (pg_indicator_get_parent (pasted) == effect);
  g_assert_true (pg_indicator_get_goal (pasted) == goal);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (effect)), ==, 3);
  first = item (pg_indicator_get_children (effect), 0);
  g_assert_true (first == pasted);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (pasted)), ==, 6);
  g_assert_cmpuint (pg_indicator_get_n_indicators (effect), ==, 8);
  g_assert_cmpuint (count_level3 (pg_goal_get_indicators (goal)), ==, 17);
  pasted_json = pg_json_indicator_to_string (pasted);
  g_assert_cmpstr (pasted_json, ==, quantity_json);
  /* The original stays. */
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (quantity)), ==, 6);
  g_assert_true (pg_document_get_can_undo (document));
  g_assert_true (pg_document_get_modified (document));
  after_paste = pg_json_export (document, NULL);

  /* One step: one undo takes all of it away. */
  g_assert_true (pg_document_undo (document, &error));
  g_assert_no_error (error);
  g_assert_false (pg_document_get_can_undo (document));
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (effect)), ==, 2);
  after_undo = pg_json_export (document, NULL);
  g_assert_cmpstr (after_undo, ==, before);

  g_assert_true (pg_document_redo (document, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pg_indicator_get_children (effect)), ==, 3);
  first = item (pg_indicator_get_children (effect), 0);
  g_clear_pointer (&pasted_json, g_free);
  pasted_json = pg_json_indicator_to_string (first);
  g_assert_cmpstr (pasted_json, ==, quantity_json);
  after_redo = pg_json_export (document, NULL);
  g_assert_cmpstr (after_redo, ==, after_paste);
  g_assert_false (pg_document_get_can_redo (document));

  close_document (document);
}

static void
test_paste_bad (void)
{
  g_autofree char *path = fixture_path ();
  g_autofree char *contents = load_test_file (path, NULL);
  g_autofree char *before = NULL;
  g_autofree char *leaf_json = NULL;
  g_autofree char *output_json = NULL;
  PgDocument *document = import_ok (contents);
  PgGoal *goal = item (pg_document_get_goals (document), 0);
  PgIndicator *output = item (pg_goal_get_indicators (goal), 0);
  PgIndicator *quantity = item (pg_indicator_get_children (output), 0);
  PgIndicator *leaf = item (pg_indicator_get_children (quantity), 0);
  struct {
    PgIndicator *parent;
    const char  *json;
    int          code;
    const char  *message;
  } cases[] = {
    /* a level-3 node at level 1 */
    { NULL, NULL, PG_JSON_ERROR_INVALID, "a level-1 indicator needs a “category”" },
    /* a level-1 node at level 2: "output" is no level-2 category */
    { output, NULL, PG_JSON_ERROR_INVALID, "category: “output” is not a level-2 category" },
    /* a level-2 node at level 3 */
    { quantity, "{\"category\": \"quality\", \"children\": [{\"name\": \"x\"}]}", PG_JSON_ERROR_INVALID,
      "a level-3 indicator cannot have children" },
    /* a subtree one level too deep for its place */
    { NULL, "{\"category\": \"output\", \"children\": [{\"category\": \"quality\", \"children\": "
            "[{\"category\": \"quality\", \"children\": [{\"name\": \"x\"}]}]}]}", PG_JSON_ERROR_INVALID,
      "children[0].children[0]: a level-3 indicator cannot have children" },
    /* nothing goes under a level-3 */
    { leaf, "{\"name\": \"x\"}", PG_JSON_ERROR_INVALID, "An indicator cannot go under a level-3 indicator" },
    { quantity, "{\"name\": \"x\", \"target\": 5}", PG_JSON_ERROR_INVALID, "target: expected a string" },
    { quantity, "[]", PG_JSON_ERROR_INVALID, "expected an object" },
    { quantity, "{\"name\": \"x\"", PG_JSON_ERROR_SYNTAX, "This is not valid JSON" },
    { quantity, "", PG_JSON_ERROR_SYNTAX, "This is not valid JSON" },
  };

  leaf_json = pg_json_indicator_to_string (leaf);
  output_json = pg_json_indicator_to_string (output);
  cases[0].json = leaf_json;
  cases[1].json = output_json;
  before = pg_json_export (document, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      PgIndicator *pasted;

      pasted = pg_json_paste_indicator (document, goal, cases[i].parent, PG_POSITION_END,
                                        cases[i].json, &error);
      g_assert_null (pasted);
      g_assert_nonnull (error);
      g_test_message ("paste case %" G_GSIZE_FORMAT ": %s", i, error->message);
      g_assert_error (error, PG_JSON_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("paste case %" G_GSIZE_FORMAT ": “%s” does not start with “%s”",
                 i, error->message, cases[i].message);

      /* Nothing changed, nothing to undo. */
      after = pg_json_export (document, NULL);
      g_assert_cmpstr (after, ==, before);
      g_assert_false (pg_document_get_can_undo (document));
      g_assert_false (pg_document_get_modified (document));
    }

  close_document (document);
}

int
main (int   argc,
      char *argv[])
{
  /* Working copies go to a fresh data directory, before anything reads it. */
  data_home = pg_test_private_data_home ("perfgoal-test-json");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/import/fixture", test_import_fixture);
  g_test_add_func ("/json/import/example", test_import_example);
  g_test_add_func ("/json/import/file", test_import_file);
  g_test_add_func ("/json/import/in-memory", test_import_in_memory);
  g_test_add_func ("/json/import/bad", test_import_bad);
  g_test_add_func ("/json/import/limits", test_import_limits);
  g_test_add_func ("/json/export/minimal", test_export_minimal);
  g_test_add_func ("/json/export/variants", test_round_trip_variants);
  g_test_add_func ("/json/indicator/to-string", test_indicator_to_string);
  g_test_add_func ("/json/indicator/paste", test_paste);
  g_test_add_func ("/json/indicator/paste-bad", test_paste_bad);

  return g_test_run ();
}
