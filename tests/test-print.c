/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The official layout, checked on what comes out: the PDF's text
 * (pdftotext), its fonts (pdffonts) and paper (pdfinfo), and the ink of
 * every page against the text area. A stress declaration must lose nothing.
 */
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <math.h>
#include <string.h>
#include <utime.h>

#include "test-dirs.h"
#include "pg-amount.h"
#include "pg-category.h"
#include "pg-cli.h"
#include "pg-document.h"
#include "pg-json.h"
#include "pg-print-fonts.h"
#include "pg-print-layout.h"
#include "pg-print-pdf.h"
#include "pg-print-truetype.h"

static char *tmp_dir;

static char *
example_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "example.json", NULL);
}

static PgDocument *
load_example (void)
{
  g_autofree char *path = example_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PgDocument *document = pg_json_import_file (file, &error);

  g_assert_no_error (error);
  return document;
}

static char *
tmp_file (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
run_tool (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The text with every white space removed: text wraps anywhere. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static char *
pdf_text (const char *pdf,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  const char *one[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", first, "-l", first, pdf, "-", NULL };
  g_autofree char *text = run_tool (page > 0 ? one : all);

  return squeeze (text);
}

static int
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

/* Every character of `field` is in `text`, in order: whole, or (where a page
 * break put the page's furniture in between) in pieces of at least
 * `min_piece` characters. */
static gboolean
text_has (const char *text,
          const char *field)
{
  g_autofree char *needle = squeeze (field);
  const char *from = text;
  const char *rest = needle;
  const glong min_piece = 6;

  if (*needle == '\0' || strstr (text, needle) != NULL)
    return TRUE;
  while (*rest != '\0')
    {
      glong n = g_utf8_strlen (rest, -1);
      glong best = 0;
      const char *best_at = NULL;

      /* The longest prefix of the rest found after the previous piece. */
      for (glong len = MIN (n, min_piece); len <= n; len++)
        {
          g_autofree char *prefix = g_utf8_substring (rest, 0, len);
          const char *at = strstr (from, prefix);

          if (at == NULL)
            break;
          best = len;
          best_at = at;
        }
      if (best == 0 || (best < min_piece && best < n))
        {
          g_test_message ("missing from the PDF: “%s” (at “%.60s”)", field, rest);
          return FALSE;
        }
      from = best_at + strlen (g_utf8_offset_to_pointer (rest, best)) * 0 + (g_utf8_offset_to_pointer (rest, best) - rest);
      rest = g_utf8_offset_to_pointer (rest, best);
    }
  return TRUE;
}

static void
add_field (GPtrArray  *fields,
           const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (fields, g_strdup (text));
}

static void
add_amount (GPtrArray *fields,
            gint64     amount)
{
  char *text = pg_amount_format (amount);

  if (text != NULL)
    g_ptr_array_add (fields, text);
}

static void
collect_indicator (GPtrArray   *fields,
                   PgIndicator *indicator,
                   gboolean     english)
{
  GListModel *children = pg_indicator_get_children (indicator);
  const PgBasis *basis = pg_basis_lookup (pg_indicator_get_basis (indicator));

  add_field (fields, pg_indicator_get_display_name (indicator, english));
  add_field (fields, pg_indicator_get_year_minus_2 (indicator));
  add_field (fields, pg_indicator_get_year_minus_1 (indicator));
  add_field (fields, pg_indicator_get_target (indicator));
  if (basis != NULL)
    add_field (fields, pg_basis_name (basis, english ? PG_LANGUAGE_EN : PG_LANGUAGE_ZH_CN));
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(PgIndicator) child = g_list_model_get_item (children, i);
      collect_indicator (fields, child, english);
    }
}

/* Every piece of text of every field of the document. */
static GPtrArray *
collect_fields (PgDocument *document,
                gboolean    english)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  PgDeclaration *decl = pg_document_get_declaration (document);
  PgFinanceBlock *blocks[] = { pg_document_get_revenue (document), pg_document_get_expenditure (document) };
  GListModel *groups = pg_document_get_task_groups (document);
  GListModel *projects = pg_document_get_projects (document);
  GListModel *goals = pg_document_get_goals (document);

  add_field (fields, pg_declaration_get_department_name (decl));
  add_field (fields, pg_declaration_get_filled_by (decl));
  add_field (fields, pg_declaration_get_phone (decl));
  add_field (fields, pg_declaration_get_head (decl));
  add_field (fields, pg_declaration_get_finance_head (decl));
  add_field (fields, pg_declaration_get_functions (decl));
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    {
      GListModel *rows = pg_finance_block_get_rows (blocks[b]);

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, i);

          add_field (fields, pg_finance_row_get_label (row, english));
          add_amount (fields, pg_finance_row_get_amount (row));
          add_amount (fields, pg_finance_row_get_year_minus_2 (row));
          add_amount (fields, pg_finance_row_get_year_minus_1 (row));
          if (pg_finance_row_get_share (row) != PG_SHARE_NONE)
            g_ptr_array_add (fields, pg_share_format (pg_finance_row_get_share (row)));
        }
      add_amount (fields, pg_finance_block_get_total (blocks[b]));
    }
  for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
    {
      g_autoptr(PgTaskGroup) group = g_list_model_get_item (groups, g);
      GListModel *tasks = pg_task_group_get_tasks (group);

      add_field (fields, pg_task_group_get_title (group));
      for (guint t = 0; t < g_list_model_get_n_items (tasks); t++)
        {
          g_autoptr(PgTask) task = g_list_model_get_item (tasks, t);

          add_field (fields, pg_task_get_title (task));
          add_field (fields, pg_task_get_text (task));
        }
    }
  for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
    {
      g_autoptr(PgProject) project = g_list_model_get_item (projects, p);

      add_field (fields, pg_project_get_name (project));
      add_amount (fields, pg_project_get_total_budget (project));
      add_amount (fields, pg_project_get_year_budget (project));
      add_field (fields, pg_project_get_purpose (project));
    }
  for (guint i = 0; i < g_list_model_get_n_items (goals); i++)
    {
      g_autoptr(PgGoal) goal = g_list_model_get_item (goals, i);
      GListModel *level1 = pg_goal_get_indicators (goal);

      add_field (fields, pg_goal_get_title (goal));
      for (guint j = 0; j < g_list_model_get_n_items (level1); j++)
        {
          g_autoptr(PgIndicator) indicator = g_list_model_get_item (level1, j);
          collect_indicator (fields, indicator, english);
        }
    }
  return fields;
}

static void
write_pdf (PgDocument           *document,
           const PgPrintOptions *options,
           const char           *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pg_print_pdf_write (document, options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
check_all_fields (PgDocument *document,
                  const char *pdf,
                  gboolean    english)
{
  g_autofree char *text = pdf_text (pdf, 0);
  g_autoptr(GPtrArray) fields = collect_fields (document, english);
  guint missing = 0;

  g_assert_cmpuint (fields->len, >, 10);
  for (guint i = 0; i < fields->len; i++)
    if (!text_has (text, g_ptr_array_index (fields, i)))
      missing++;
  g_assert_cmpuint (missing, ==, 0);
}

static void
check_fonts_and_paper (const char *pdf,
                       const char *paper)
{
  const char *fonts_argv[] = { "pdffonts", pdf, NULL };
  const char *info_argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *fonts = run_tool (fonts_argv);
  g_autofree char *info = run_tool (info_argv);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  /* name type encoding emb sub uni object ID: the header, a rule, one line
   * per font. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autoptr(GPtrArray) nonempty = g_ptr_array_new ();

      if (*lines[i] == '\0')
        continue;
      words = g_strsplit_set (lines[i], " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0')
          g_ptr_array_add (nonempty, words[w]);
      /* Counted from the end, as a type can have several words. */
      g_assert_cmpuint (nonempty->len, >=, 7);
      g_assert_cmpstr (g_ptr_array_index (nonempty, nonempty->len - 5), ==, "yes");
      /* A ToUnicode map: the text can be copied and searched. */
      g_assert_cmpstr (g_ptr_array_index (nonempty, nonempty->len - 3), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
  g_assert_nonnull (strstr (info, paper));
}

static void
check_ink (PgDocument           *document,
           const PgPrintOptions *options)
{
  g_autoptr(PgPrintLayout) layout = pg_print_layout_new (document, options);
  double x, y, width, height;

  pg_print_layout_paginate (layout, 0);
  pg_print_layout_get_text_area (layout, &x, &y, &width, &height);
  for (guint page = 0; page < pg_print_layout_get_n_pages (layout); page++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double ix, iy, iw, ih;

      pg_print_layout_draw_page (layout, cr, page);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (surface, &ix, &iy, &iw, &ih);
      cairo_surface_destroy (surface);
      g_test_message ("page %u: ink %.2f,%.2f %.2f×%.2f; text area %.2f,%.2f %.2f×%.2f",
                      page + 1, ix, iy, iw, ih, x, y, width, height);
      g_assert_cmpfloat (iw, >, 0);
      /* The recording surface rounds its ink extents out to whole units. */
      g_assert_cmpfloat (ix, >=, x - 1.0);
      g_assert_cmpfloat (iy, >=, y - 1.0);
      g_assert_cmpfloat (ix + iw, <=, x + width + 1.0);
      g_assert_cmpfloat (iy + ih, <=, y + height + 1.0);
    }
}

static void
test_example_content (void)
{
  g_autoptr(PgDocument) document = load_example ();
  g_autofree char *pdf = tmp_file ("example.pdf");
  g_autofree char *text = NULL;
  int n_pages;

  write_pdf (document, NULL, pdf);
  check_all_fields (document, pdf, FALSE);
  check_fonts_and_paper (pdf, "(A4)");
  text = pdf_text (pdf, 0);
  /* The form's labels, in Chinese by default, with the real years. */
  g_assert_nonnull (strstr (text, "部门整体支出绩效目标申报表"));
  g_assert_nonnull (strstr (text, "单位：万元"));
  g_assert_nonnull (strstr (text, "部门（单位）名称"));
  g_assert_nonnull (strstr (text, "部门总体收支情况"));
  g_assert_nonnull (strstr (text, "2021年"));
  g_assert_nonnull (strstr (text, "2022年"));
  g_assert_nonnull (strstr (text, "近两年指标值"));
  g_assert_nonnull (strstr (text, "预期当年实现值"));
  g_assert_nonnull (strstr (text, "指标值确定依据"));
  g_assert_nonnull (strstr (text, "年度目标1："));
  g_assert_nonnull (strstr (text, "（六）"));
  g_assert_nonnull (strstr (text, "19.打造"));
  /* The shares are computed: 39.47 % and 60.53 %. */
  g_assert_nonnull (strstr (text, "39.47%"));
  g_assert_nonnull (strstr (text, "60.53%"));
  /* The signature block, by default. */
  g_assert_nonnull (strstr (text, "单位负责人（签字）"));
  g_assert_nonnull (strstr (text, "财务负责人（签字）"));
  g_assert_nonnull (strstr (text, "单位（盖章）"));

  n_pages = pdf_pages (pdf);
  g_assert_cmpint (n_pages, >=, 3);
  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *page_text = pdf_text (pdf, page);
      g_autofree char *number = g_strdup_printf ("—%d—", page);

      g_assert_true (g_str_has_suffix (page_text, number));
    }
  g_unlink (pdf);
}

static void
test_example_ink (void)
{
  g_autoptr(PgDocument) document = load_example ();
  PgPrintOptions options;

  pg_print_options_init (&options);
  options.numbering = PG_PRINT_NUMBERING_NONE;
  check_ink (document, &options);

  /* Another paper reflows the layout inside its own text area. */
  options.paper_width = PG_MM_TO_PT (297);
  options.paper_height = PG_MM_TO_PT (210);
  options.margin_right = PG_MM_TO_PT (297 - 28 - 243);
  options.margin_bottom = PG_MM_TO_PT (210 - 37 - 150);
  check_ink (document, &options);
}

static void
test_options (void)
{
  g_autoptr(PgDocument) document = load_example ();
  g_autofree char *pdf = tmp_file ("options.pdf");
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  PgPrintOptions options;
  int n_pages;

  pg_print_options_init (&options);
  options.signature_block = FALSE;
  options.numbering = PG_PRINT_NUMBERING_PAGE_OF_TOTAL;
  options.attachment_number = 3;
  write_pdf (document, &options, pdf);
  text = pdf_text (pdf, 0);
  g_assert_null (strstr (text, "签字"));
  g_assert_null (strstr (text, "盖章"));
  n_pages = pdf_pages (pdf);
  first = pdf_text (pdf, 1);
  g_assert_true (g_str_has_prefix (first, "附件3"));
  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *page_text = pdf_text (pdf, page);
      g_autofree char *number = g_strdup_printf ("第%d页共%d页", page, n_pages);

      g_assert_nonnull (strstr (page_text, number));
    }
  check_all_fields (document, pdf, FALSE);
  g_unlink (pdf);
}

static void
test_english (void)
{
  g_autoptr(PgDocument) document = load_example ();
  g_autofree char *pdf = tmp_file ("english.pdf");
  g_autofree char *text = NULL;
  PgPrintOptions options;

  pg_print_options_init (&options);
  options.override_language = TRUE;
  options.language = PG_LANGUAGE_EN;
  options.numbering = PG_PRINT_NUMBERING_PAGE_OF_TOTAL;
  write_pdf (document, &options, pdf);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "DepartmentExpenditurePerformanceGoalsDeclaration"));
  g_assert_nonnull (strstr (text, "Level-1indicator"));
  g_assert_nonnull (strstr (text, "Basisofthetarget"));
  g_assert_nonnull (strstr (text, "Output"));
  g_assert_nonnull (strstr (text, "Historicaldata"));
  g_assert_nonnull (strstr (text, "Page1of"));
  g_assert_nonnull (strstr (text, "Headofunit(signature)"));
  g_assert_null (strstr (text, "部门整体支出绩效目标申报表"));
  g_assert_null (strstr (text, "一级指标"));
  check_all_fields (document, pdf, TRUE);
  g_unlink (pdf);
}

#define STRESS_GOALS 5
#define STRESS_INDICATORS 60

static char *
repeat_text (const char *unit,
             guint       times)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append_printf (s, "%s%u", unit, i);
  return g_string_free (s, FALSE);
}

static PgDocument *
stress_document (void)
{
  g_autoptr(GError) error = NULL;
  PgDocument *doc = pg_document_new (&error);
  PgRecord *decl;
  GString *functions = g_string_new (NULL);
  g_autofree char *long_task = repeat_text ("长任务文本，逐行续排到下一页", 160);
  g_autofree char *unbreakable = g_strnfill (300, 'W');
  PgTaskGroup *group;
  PgProject *project;

  g_assert_no_error (error);
  pg_document_set_coalesce_ms (doc, 0);
  pg_document_begin_step (doc);
  decl = PG_RECORD (pg_document_get_declaration (doc));
  g_assert_true (pg_document_set_string (doc, decl, "department-name", unbreakable, &error));
  g_assert_true (pg_document_set_string (doc, decl, "filled-by", "压力测试人", &error));
  g_assert_true (pg_document_set_string (doc, decl, "phone", "027-84902037", &error));
  g_assert_true (pg_document_set_int (doc, decl, "budget-year", 2023, &error));
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (functions, "%u.职能段落%u：贯彻执行党和国家有关方针、政策和法律、法规；协助政府研究、制定和实施有关政策、"
                            "发展规划和计划，对相关业务领域进行指导和管理，第%u段结束。\n", i + 1, i, i);
  g_assert_true (pg_document_set_string (doc, decl, "functions", functions->str, &error));
  g_string_free (functions, TRUE);

  group = pg_document_add_task_group (doc, PG_POSITION_END, "第一组任务", &error);
  g_assert_nonnull (pg_document_add_task (doc, group, PG_POSITION_END, "一页多长的任务。", long_task, &error));
  g_assert_nonnull (pg_document_add_task (doc, group, PG_POSITION_END, "短任务。", "短任务正文。", &error));
  project = pg_document_add_project (doc, PG_POSITION_END, "压力项目", &error);
  g_assert_true (pg_document_set_string (doc, PG_RECORD (project), "purpose", unbreakable, &error));
  g_assert_true (pg_document_set_amount (doc, PG_RECORD (project), "total-budget", 12345678, &error));

  for (guint g = 0; g < STRESS_GOALS; g++)
    {
      g_autofree char *title = g_strdup_printf ("压力目标%u", g + 1);
      PgGoal *goal = pg_document_add_goal (doc, PG_POSITION_END, title, &error);
      /* Goal 1: one level-1 cell spanning several pages. */
      PgIndicator *l1 = pg_document_add_indicator (doc, goal, NULL, PG_POSITION_END, "output", NULL, &error);
      PgIndicator *l2 = NULL;

      g_assert_no_error (error);
      for (guint i = 0; i < STRESS_INDICATORS; i++)
        {
          g_autofree char *name = g_strdup_printf ("目标%u指标%u名称", g + 1, i + 1);
          g_autofree char *target = g_strdup_printf ("≥%u 人次", 1000 + g * 100 + i);
          PgIndicator *l3;

          if (g > 0 && i % 20 == 0)
            l1 = pg_document_add_indicator (doc, goal, NULL, PG_POSITION_END, i == 20 ? "effect" : "output",
                                            NULL, &error);
          if (i % 20 == 0 || (g == 0 && i % 30 == 0))
            l2 = pg_document_add_indicator (doc, goal, l1, PG_POSITION_END, NULL, NULL, &error) ;
          g_clear_error (&error);
          if (l2 == NULL)
            l2 = pg_document_add_indicator (doc, goal, l1, PG_POSITION_END,
                                            i >= 20 && i < 40 && g > 0 ? "social_effect" : "quantity", NULL, &error);
          g_assert_no_error (error);
          l3 = pg_document_add_indicator (doc, goal, l2, PG_POSITION_END, NULL,
                                          g == 0 && i == 7 ? unbreakable : name, &error);
          g_assert_no_error (error);
          g_assert_true (pg_document_set_string (doc, PG_RECORD (l3), "year-minus-2", "前年值", &error));
          g_assert_true (pg_document_set_string (doc, PG_RECORD (l3), "target", target, &error));
          g_assert_true (pg_document_set_string (doc, PG_RECORD (l3), "basis", "plan", &error));
          if (i % 20 == 19)
            l2 = NULL;
        }
    }
  /* An empty goal. */
  g_assert_nonnull (pg_document_add_goal (doc, PG_POSITION_END, "", &error));
  g_assert_true (pg_document_end_step (doc, TRUE, &error));
  g_assert_no_error (error);
  return doc;
}

static void
test_stress (void)
{
  g_autoptr(PgDocument) document = stress_document ();
  g_autofree char *pdf = tmp_file ("stress.pdf");
  g_autofree char *text = NULL;
  g_autofree char *cont = NULL;
  PgPrintOptions options;
  int n_pages, first_goal_page = 0, last_goal_page = 0;
  guint n_headings = 0;

  write_pdf (document, NULL, pdf);
  check_all_fields (document, pdf, FALSE);
  check_fonts_and_paper (pdf, "(A4)");
  text = pdf_text (pdf, 0);
  n_pages = pdf_pages (pdf);
  g_test_message ("stress: %d pages", n_pages);
  g_assert_cmpint (n_pages, >=, 15);
  g_assert_nonnull (strstr (text, "年度目标6："));

  /* Spanning cells that break go on with their label and a mark. */
  g_assert_nonnull (strstr (text, "部门职能概述（续）"));
  g_assert_nonnull (strstr (text, "年度工作任务（续）"));
  g_assert_nonnull (strstr (text, "产出指标（续）"));
  cont = g_strdup_printf ("年度目标1：压力目标1（续）");
  g_assert_nonnull (strstr (text, cont));

  /* The indicator table's headings on every page it runs over. */
  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *page_text = pdf_text (pdf, page);

      if (strstr (page_text, "目标1指标1名称") != NULL)
        first_goal_page = page;
      if (strstr (page_text, "目标5指标60名称") != NULL)
        last_goal_page = page;
    }
  g_assert_cmpint (first_goal_page, >, 0);
  g_assert_cmpint (last_goal_page, >, first_goal_page + 4);
  for (int page = first_goal_page; page <= last_goal_page; page++)
    {
      g_autofree char *page_text = pdf_text (pdf, page);
      const char *heading = strstr (page_text, "一级指标二级指标三级指标");

      g_assert_nonnull (heading);
      n_headings++;
    }
  g_assert_cmpuint (n_headings, >=, 5);

  pg_print_options_init (&options);
  options.numbering = PG_PRINT_NUMBERING_NONE;
  check_ink (document, &options);

  /* With English labels, the mark is "(cont.)". */
  pg_print_options_init (&options);
  options.override_language = TRUE;
  options.language = PG_LANGUAGE_EN;
  write_pdf (document, &options, pdf);
  g_clear_pointer (&text, g_free);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Output(cont.)"));
  g_assert_null (strstr (text, "（续）"));
  check_all_fields (document, pdf, TRUE);

  g_unlink (pdf);
  pg_document_close (document);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GCancellable *cancellable = user_data;

  if (fraction > 0.2)
    g_cancellable_cancel (cancellable);
}

static void
test_atomic (void)
{
  g_autoptr(PgDocument) document = load_example ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = tmp_file ("atomic.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *bad = g_build_filename (tmp_dir, "no-such-folder", "x.pdf", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_true (g_file_set_contents (pdf, "previous", -1, NULL));
  g_assert_false (pg_print_pdf_write (document, NULL, pdf, progress_cb, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous");
  g_clear_error (&error);

  g_assert_false (pg_print_pdf_write (document, NULL, bad, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* No temporary file is left behind. */
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "atomic.pdf."));
  g_unlink (pdf);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The cached print fonts' files, sorted. */
static GPtrArray *
list_font_cache (void)
{
  g_autofree char *dir = pg_print_font_cache_dir ();
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

static gint64
mtime_of (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return (gint64) info.st_mtime;
}

/* A file written again (atomically) is a new file. */
static guint64
inode_of (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return (guint64) info.st_ino;
}

static void
set_old_mtime (const char *path)
{
  struct utimbuf old = { 946684800, 946684800 };  /* 2000-01-01 */

  g_assert_cmpint (g_utime (path, &old), ==, 0);
}

/* The font subsets are kept between exports: a second export of the same
 * characters takes them from the cache (and marks them used), a damaged
 * one is made again, and the cache keeps only the most recent. The pages
 * are the same whichever way the fonts come. */
static void
test_font_cache (void)
{
  g_autoptr(PgDocument) document = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = tmp_file ("cache.pdf");
  g_autofree char *expected = NULL, *text = NULL;
  g_autofree char *cache = pg_print_font_cache_dir ();
  g_autoptr(GPtrArray) first = NULL, second = NULL, third = NULL, pruned = NULL;
  g_autofree char *damaged = NULL;
  gsize damaged_length = 0;
  g_autofree char *restored = NULL;
  gsize restored_length = 0;
  guint64 inodes[2] = { 0 };

  pg_test_remove_tree (cache);
  g_assert_true (pg_print_pdf_write (document, NULL, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  expected = pdf_text (pdf, 0);
  first = list_font_cache ();
  /* A regular and a bold face. */
  g_assert_cmpuint (first->len, ==, 2);

  /* Taken from the cache: the same files, not written again, but marked
   * used. */
  for (guint i = 0; i < first->len; i++)
    {
      set_old_mtime (first->pdata[i]);
      inodes[i] = inode_of (first->pdata[i]);
    }
  g_assert_true (pg_print_pdf_write (document, NULL, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf, 0);
  g_assert_cmpstr (text, ==, expected);
  second = list_font_cache ();
  g_assert_cmpuint (second->len, ==, first->len);
  for (guint i = 0; i < second->len; i++)
    {
      g_assert_cmpstr (second->pdata[i], ==, first->pdata[i]);
      g_assert_cmpuint (inode_of (second->pdata[i]), ==, inodes[i]);
      g_assert_cmpint (mtime_of (second->pdata[i]), >, 946684800);
    }

  /* A damaged subset is made again, and the pages do not change. */
  g_assert_true (g_file_get_contents (first->pdata[1], &restored, &restored_length, NULL));
  g_assert_true (g_file_set_contents (first->pdata[1], "OTTO and nothing of a font", -1, NULL));
  g_assert_true (pg_print_pdf_write (document, NULL, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = pdf_text (pdf, 0);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (g_file_get_contents (first->pdata[1], &damaged, &damaged_length, NULL));
  g_assert_cmpmem (damaged, damaged_length, restored, restored_length);
  third = list_font_cache ();
  g_assert_cmpuint (third->len, ==, first->len);

  /* Room for 32: the oldest go, what was just used stays. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("old-%02u.otf", i);
      g_autofree char *path = g_build_filename (cache, name, NULL);

      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
      set_old_mtime (path);
    }
  set_old_mtime (first->pdata[0]);
  g_unlink (first->pdata[1]);  /* made again: the cache is written, and pruned */
  g_assert_true (pg_print_pdf_write (document, NULL, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pruned = list_font_cache ();
  g_assert_cmpuint (pruned->len, ==, 32);
  g_assert_true (g_file_test (first->pdata[0], G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (first->pdata[1], G_FILE_TEST_EXISTS));
  g_unlink (pdf);
}

/* perfgoal --export out.pdf in-process, and through the real program with
 * no display at all. */
static void
test_cli (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *pdf = tmp_file ("cli.pdf");
  g_autofree char *text = NULL;
  const char *argv[] = { "perfgoal", "--export", pdf, "--label-language", "en", example, NULL };
  const char *bad_argv[] = { "perfgoal", "--export", pdf, "--label-language", "fr", example, NULL };

  g_assert_cmpint (pg_cli_run (G_N_ELEMENTS (argv) - 1, (char **) argv), ==, 0);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "DepartmentExpenditurePerformanceGoalsDeclaration"));
  g_assert_nonnull (strstr (text, "武汉市蔡甸区残疾人联合会"));
  g_unlink (pdf);
  g_assert_cmpint (pg_cli_run (G_N_ELEMENTS (bad_argv) - 1, (char **) bad_argv), ==, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static void
run_program (const char  *const *args,
             const char          *fontconfig_file,
             char               **out_stderr)
{
  const char *program = g_getenv ("PERFGOAL_PROGRAM");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  /* The program keeps Fontconfig's and Cairo's caches to its end, as any
   * program may; leaks in our code are checked in-process (/print/cli),
   * where the test drops those caches before exiting. */
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  if (fontconfig_file != NULL)
    g_subprocess_launcher_setenv (launcher, "FONTCONFIG_FILE", fontconfig_file, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, out_stderr, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_program (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *pdf = tmp_file ("program.pdf");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  if (g_getenv ("PERFGOAL_PROGRAM") == NULL)
    {
      g_test_skip ("PERFGOAL_PROGRAM is not set");
      return;
    }
  run_program ((const char *[]) { "--export", pdf, example, NULL }, NULL, &err);
  g_assert_cmpstr (err, ==, "");
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "部门整体支出绩效目标申报表"));
  check_fonts_and_paper (pdf, "(A4)");
  g_unlink (pdf);
}

/* With no font for Chinese, a clear warning naming the package, and still
 * a PDF. */
static void
test_program_no_cjk_font (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *pdf = tmp_file ("program-nofont.pdf");
  g_autofree char *conf = tmp_file ("fonts-nocjk.conf");
  g_autofree char *err = NULL;
  g_autofree char *conf_text = NULL;

  if (g_getenv ("PERFGOAL_PROGRAM") == NULL)
    {
      g_test_skip ("PERFGOAL_PROGRAM is not set");
      return;
    }
  /* Only DejaVu: no face covers Chinese. */
  conf_text = g_strdup_printf ("<?xml version=\"1.0\"?>\n<fontconfig>\n"
                               "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
                               "  <cachedir>%s/fc-cache</cachedir>\n</fontconfig>\n", tmp_dir);
  g_assert_true (g_file_set_contents (conf, conf_text, -1, NULL));
  if (!g_file_test ("/usr/share/fonts/truetype/dejavu", G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("DejaVu fonts are not installed");
      return;
    }
  run_program ((const char *[]) { "--export", pdf, example, NULL }, conf, &err);
  g_test_message ("stderr: %s", err);
  g_assert_nonnull (strstr (err, "fonts-noto-cjk"));
  g_assert_true (g_str_has_prefix (err, "perfgoal: "));
  g_assert_cmpint (pdf_pages (pdf), >=, 1);
  g_unlink (pdf);
  g_unlink (conf);
}

/* The fonts a cell is measured with are the fonts cairo's PDF surface
 * draws it with: with other font options, cairo makes a second font to draw
 * and loads every glyph again (it once cost an export a tenth of its time). */
static void
test_font_options (void)
{
  PangoContext *context = pg_print_context_new (pango_cairo_font_map_get_default ());
  cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (NULL, NULL, 100, 100);
  cairo_font_options_t *drawn = cairo_font_options_create ();
  const cairo_font_options_t *measured = pango_cairo_context_get_font_options (context);

  cairo_surface_get_font_options (pdf, drawn);
  g_assert_nonnull (measured);
  g_assert_true (cairo_font_options_equal (measured, drawn));
  /* And no hinting, on any device. */
  g_assert_cmpint (cairo_font_options_get_hint_style (measured), ==, CAIRO_HINT_STYLE_NONE);
  g_assert_cmpint (cairo_font_options_get_hint_metrics (measured), ==, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_destroy (drawn);
  cairo_surface_destroy (pdf);
  g_object_unref (context);
}

/* What a layout of `text` comes out as: each line's extents, and each
 * glyph's face, advance and offsets (not its index, which a subset
 * renumbers). */
static char *
describe_layout (PangoFontMap               *font_map,
                 const PangoFontDescription *description,
                 const char                 *text)
{
  PangoContext *context = pg_print_context_new (font_map);
  PangoLayout *layout = pango_layout_new (context);
  PangoLayoutIter *iter;
  GString *out = g_string_new (NULL);

  pango_layout_set_font_description (layout, description);
  /* Narrow, so that lines break, words too (with a hyphen). */
  pango_layout_set_width (layout, 90 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;

      if (run == NULL)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          g_string_append_printf (out, "line %d %d %d %d\n", logical.x, logical.y, logical.width, logical.height);
          continue;
        }
      {
        PangoFontDescription *face = pango_font_describe (run->item->analysis.font);
        g_autofree char *face_text = pango_font_description_to_string (face);

        g_string_append_printf (out, "run %s:", face_text);
        pango_font_description_free (face);
      }
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *glyph = &run->glyphs->glyphs[i];

          g_string_append_printf (out, " %d/%d/%d%s", glyph->geometry.width, glyph->geometry.x_offset,
                                  glyph->geometry.y_offset, glyph->glyph == PANGO_GLYPH_EMPTY ? "e" : "");
        }
      g_string_append_c (out, '\n');
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  g_object_unref (layout);
  g_object_unref (context);
  return g_string_free (out, FALSE);
}

/* The print fonts cut down to what is printed lay the text out exactly as
 * the whole faces do, and hold only the characters asked for. */
static void
test_font_subsets (void)
{
  g_autoptr(PgDocument) document = load_example ();
  g_autoptr(GPtrArray) fields = collect_fields (document, FALSE);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *cjk = pg_print_find_cjk_family (NULL);
  g_autofree char *family = g_strdup_printf ("%s,Noto Serif,DejaVu Serif,serif", cjk != NULL ? cjk : "serif");
  PangoFontMap *system = pango_cairo_font_map_get_default ();
  PangoContext *context = pg_print_context_new (system);
  PgPrintFontSubsetter *subsetter = pg_print_font_subsetter_new (context);
  PangoFontDescription *descriptions[2];
  g_autoptr(PangoFontMap) subsets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) distinct = g_hash_table_new (NULL, NULL);
  FcFontSet *faces;

  /* The example's text, and what tests shaping: kerning, ligatures,
   * full-width punctuation and a word too long for a line. */
  for (guint i = 0; i < fields->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (fields, i));
  g_string_append (text, "AVATAR Ty. To ffi fl “quoted” ——（续）…… 1/2 ½ "
                         "Pneumonoultramicroscopicsilicovolcanoconiosis");
  for (const char *p = text->str; *p != '\0'; p = g_utf8_next_char (p))
    g_hash_table_add (distinct, GUINT_TO_POINTER (g_utf8_get_char (p)));

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    {
      descriptions[i] = pango_font_description_new ();
      pango_font_description_set_family (descriptions[i], family);
      pango_font_description_set_size (descriptions[i], (int) (10.5 * PANGO_SCALE));
      pango_font_description_set_weight (descriptions[i], i == 0 ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD);
      pg_print_font_subsetter_add_text (subsetter, descriptions[i], text->str);
    }
  subsets = pg_print_font_subsetter_make_font_map (subsetter, &error);
  g_assert_no_error (error);
  g_assert_true (PANGO_IS_FC_FONT_MAP (subsets));

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    {
      g_autofree char *whole = describe_layout (system, descriptions[i], text->str);
      g_autofree char *cut = describe_layout (subsets, descriptions[i], text->str);

      g_auto(GStrv) whole_lines = g_strsplit (whole, "\n", -1);
      g_auto(GStrv) cut_lines = g_strsplit (cut, "\n", -1);

      g_assert_cmpuint (g_strv_length (whole_lines), >, 100);
      /* Line by line, so that a failure shows where. */
      for (guint l = 0; whole_lines[l] != NULL && cut_lines[l] != NULL; l++)
        g_assert_cmpstr (cut_lines[l], ==, whole_lines[l]);
      g_assert_cmpuint (g_strv_length (cut_lines), ==, g_strv_length (whole_lines));
    }

  /* Each face holds only the characters asked for (and the hyphen Pango
   * may add at a break), not the tens of thousands of a CJK face. */
  faces = FcConfigGetFonts (pango_fc_font_map_get_config (PANGO_FC_FONT_MAP (subsets)), FcSetApplication);
  g_assert_nonnull (faces);
  g_assert_cmpint (faces->nfont, >=, 1);
  for (int i = 0; i < faces->nfont; i++)
    {
      FcCharSet *charset = NULL;

      g_assert_cmpint (FcPatternGetCharSet (faces->fonts[i], FC_CHARSET, 0, &charset), ==, FcResultMatch);
      g_assert_cmpuint (FcCharSetCount (charset), <=, g_hash_table_size (distinct) + 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    pango_font_description_free (descriptions[i]);
  pg_print_font_subsetter_free (subsetter);
  g_object_unref (context);
}

/* Twice the signed area of a glyph's outline, its curves cut into lines:
 * positive when its outer contours turn anticlockwise (CFF's way).
 * HarfBuzz draws the line that closes a contour itself. */
typedef struct {
  double area;
  double x_min, y_min, x_max, y_max;  /* the drawn outline's box */
} Area;

static void
area_line (Area *area, double x0, double y0, double x1, double y1)
{
  area->area += x0 * y1 - x1 * y0;
  area->x_min = MIN (area->x_min, MIN (x0, x1));
  area->y_min = MIN (area->y_min, MIN (y0, y1));
  area->x_max = MAX (area->x_max, MAX (x0, x1));
  area->y_max = MAX (area->y_max, MAX (y0, y1));
}

static void
on_area_line_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED, void *data, hb_draw_state_t *state,
                 float x, float y, void *user_data G_GNUC_UNUSED)
{
  area_line (data, state->current_x, state->current_y, x, y);
}

static void
on_area_quadratic_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED, void *data, hb_draw_state_t *state,
                      float cx, float cy, float x, float y, void *user_data G_GNUC_UNUSED)
{
  double px = state->current_x, py = state->current_y;
  const double x0 = px, y0 = py;

  for (int i = 1; i <= 32; i++)
    {
      double t = i / 32.0, u = 1 - t;
      double nx = u * u * x0 + 2 * u * t * cx + t * t * x;
      double ny = u * u * y0 + 2 * u * t * cy + t * t * y;

      area_line (data, px, py, nx, ny);
      px = nx, py = ny;
    }
}

static void
on_area_cubic_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED, void *data, hb_draw_state_t *state,
                  float c1x, float c1y, float c2x, float c2y, float x, float y,
                  void *user_data G_GNUC_UNUSED)
{
  double px = state->current_x, py = state->current_y;
  const double x0 = px, y0 = py;

  for (int i = 1; i <= 32; i++)
    {
      double t = i / 32.0, u = 1 - t;
      double nx = u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x;
      double ny = u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y;

      area_line (data, px, py, nx, ny);
      px = nx, py = ny;
    }
}

static Area
glyph_area (hb_font_t *font, hb_codepoint_t glyph)
{
  hb_draw_funcs_t *funcs = hb_draw_funcs_create ();
  Area area = { 0, G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  hb_draw_funcs_set_line_to_func (funcs, on_area_line_to, NULL, NULL);
  hb_draw_funcs_set_quadratic_to_func (funcs, on_area_quadratic_to, NULL, NULL);
  hb_draw_funcs_set_cubic_to_func (funcs, on_area_cubic_to, NULL, NULL);
#if HB_VERSION_ATLEAST (7, 0, 0)
  hb_font_draw_glyph (font, glyph, funcs, &area);
#else
  hb_font_get_glyph_shape (font, glyph, funcs, &area);
#endif
  hb_draw_funcs_destroy (funcs);
  area.area /= 2;
  return area;
}

static gboolean
has_table (hb_face_t *face, hb_tag_t tag)
{
  hb_blob_t *table = hb_face_reference_table (face, tag);
  gboolean has = hb_blob_get_length (table) > 0;

  hb_blob_destroy (table);
  return has;
}

/* The file and index of the face fontconfig gives `family`, in the
 * pattern returned (to destroy). */
static FcPattern *
match_face (const char  *family,
            const char **out_file,
            guint       *out_index)
{
  FcPattern *pattern = FcNameParse ((const FcChar8 *) family);
  FcPattern *match;
  FcResult result;
  FcChar8 *file = NULL;
  int index = 0;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  FcPatternDestroy (pattern);
  g_assert_nonnull (match);
  g_assert_cmpint (FcPatternGetString (match, FC_FILE, 0, &file), ==, FcResultMatch);
  FcPatternGetInteger (match, FC_INDEX, 0, &index);
  *out_file = (const char *) file;
  /* The high bits name an instance of a variable face. */
  *out_index = (guint) index & 0xffff;
  return match;
}

/* The subsets' TrueType outlines follow the CFF ones of the face: the same
 * characters and advances, each glyph's box within a unit and its area
 * within 1%, turning the other way round (TrueType's outer contours turn
 * clockwise). */
static void
test_truetype_outlines (void)
{
  const char *cjk = pg_print_find_cjk_family (NULL);
  const char *text = "部门整体支出绩效目标申报表（续）第 1 页 共 5 页 ≥95% — 1 — Page 1 of 5 AVATAR ffi 人次 万元";
  FcPattern *match;
  const char *file = NULL;
  guint index = 0;
  hb_blob_t *blob, *tt_blob;
  hb_face_t *source, *tt_face;
  hb_font_t *source_font, *tt_font;
  hb_subset_input_t *input;
  hb_subset_plan_t *plan;
  const hb_map_t *new_to_old;
  hb_set_t *asked = hb_set_create (), *mapped = hb_set_create ();
  guint n_glyphs, n_drawn = 0;

  if (cjk == NULL)
    {
      g_test_skip ("No CJK font is installed");
      return;
    }
  match = match_face (cjk, &file, &index);

  blob = hb_blob_create_from_file_or_fail (file);
  g_assert_nonnull (blob);
  source = hb_face_create (blob, index);
  if (!has_table (source, HB_TAG ('C', 'F', 'F', ' ')))
    {
      g_test_skip ("The CJK font has no CFF outlines");
      hb_face_destroy (source);
      hb_blob_destroy (blob);
      goto out;
    }
  input = hb_subset_input_create_or_fail ();
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    hb_set_add (asked, g_utf8_get_char (p));
  hb_set_set (hb_subset_input_unicode_set (input), asked);
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING);

  tt_blob = pg_print_truetype_subset (source, input);
  g_assert_nonnull (tt_blob);
  /* The input is as it was. */
  g_assert_false (hb_set_has (hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG), HB_TAG ('C', 'F', 'F', ' ')));
  tt_face = hb_face_create (tt_blob, 0);
  g_assert_false (has_table (tt_face, HB_TAG ('C', 'F', 'F', ' ')));
  g_assert_true (has_table (tt_face, HB_TAG ('g', 'l', 'y', 'f')));
  g_assert_true (has_table (tt_face, HB_TAG ('l', 'o', 'c', 'a')));
  g_assert_true (has_table (tt_face, HB_TAG ('G', 'S', 'U', 'B')) == has_table (source, HB_TAG ('G', 'S', 'U', 'B')));
  hb_face_collect_unicodes (tt_face, mapped);
  g_assert_true (hb_set_is_equal (mapped, asked));

  /* Which glyph of the face each glyph of the subset is. */
  plan = hb_subset_plan_create_or_fail (source, input);
  new_to_old = hb_subset_plan_new_to_old_glyph_mapping (plan);
  n_glyphs = hb_face_get_glyph_count (tt_face);
  g_assert_cmpuint (n_glyphs, >, 30);
  g_assert_cmpuint (hb_map_get_population (new_to_old), ==, n_glyphs);

  source_font = hb_font_create (source);
  tt_font = hb_font_create (tt_face);
  for (hb_codepoint_t glyph = 0; glyph < n_glyphs; glyph++)
    {
      hb_codepoint_t old = hb_map_get (new_to_old, glyph);
      Area cff = glyph_area (source_font, old);
      Area tt = glyph_area (tt_font, glyph);

      g_assert_cmpint (hb_font_get_glyph_h_advance (tt_font, glyph), ==, hb_font_get_glyph_h_advance (source_font, old));
      if (cff.area == 0)
        {
          g_assert_cmpfloat (tt.area, ==, 0);
          continue;
        }
      g_assert_cmpfloat (-tt.area / cff.area, >, 0.99);
      g_assert_cmpfloat (-tt.area / cff.area, <, 1.01);
      /* Within the tolerance, and half a unit of rounding. */
      g_assert_cmpfloat (fabs (tt.x_min - cff.x_min), <=, 1);
      g_assert_cmpfloat (fabs (tt.y_min - cff.y_min), <=, 1);
      g_assert_cmpfloat (fabs (tt.x_max - cff.x_max), <=, 1);
      g_assert_cmpfloat (fabs (tt.y_max - cff.y_max), <=, 1);
      n_drawn++;
    }
  g_assert_cmpuint (n_drawn, >, 30);

  /* A face with TrueType outlines is cut as HarfBuzz cuts it. */
  {
    hb_blob_t *again = pg_print_truetype_subset (tt_face, input);
    hb_face_t *again_face = hb_face_create (again, 0);

    g_assert_true (has_table (again_face, HB_TAG ('g', 'l', 'y', 'f')));
    g_assert_cmpuint (hb_face_get_glyph_count (again_face), ==, n_glyphs);
    hb_face_destroy (again_face);
    hb_blob_destroy (again);
  }

  hb_font_destroy (source_font);
  hb_font_destroy (tt_font);
  hb_subset_plan_destroy (plan);
  hb_face_destroy (tt_face);
  hb_blob_destroy (tt_blob);
  hb_subset_input_destroy (input);
  hb_face_destroy (source);
  hb_blob_destroy (blob);
out:
  hb_set_destroy (asked);
  hb_set_destroy (mapped);
  FcPatternDestroy (match);
}

/* A glyph's outline as text: its drawing's every command and point. */
static void
on_text_move_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED, void *data, hb_draw_state_t *state G_GNUC_UNUSED,
                 float x, float y, void *user_data G_GNUC_UNUSED)
{
  g_string_append_printf (data, "M%g,%g ", x, y);
}

static void
on_text_line_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED, void *data, hb_draw_state_t *state G_GNUC_UNUSED,
                 float x, float y, void *user_data G_GNUC_UNUSED)
{
  g_string_append_printf (data, "L%g,%g ", x, y);
}

static void
on_text_quadratic_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED, void *data, hb_draw_state_t *state G_GNUC_UNUSED,
                      float cx, float cy, float x, float y, void *user_data G_GNUC_UNUSED)
{
  g_string_append_printf (data, "Q%g,%g,%g,%g ", cx, cy, x, y);
}

static void
on_text_cubic_to (hb_draw_funcs_t *funcs G_GNUC_UNUSED, void *data, hb_draw_state_t *state G_GNUC_UNUSED,
                  float c1x, float c1y, float c2x, float c2y, float x, float y, void *user_data G_GNUC_UNUSED)
{
  g_string_append_printf (data, "C%g,%g,%g,%g,%g,%g ", c1x, c1y, c2x, c2y, x, y);
}

static void
on_text_close_path (hb_draw_funcs_t *funcs G_GNUC_UNUSED, void *data, hb_draw_state_t *state G_GNUC_UNUSED,
                    void *user_data G_GNUC_UNUSED)
{
  g_string_append (data, "Z ");
}

static char *
glyph_outline (hb_font_t *font, hb_codepoint_t glyph)
{
  hb_draw_funcs_t *funcs = hb_draw_funcs_create ();
  GString *out = g_string_new (NULL);

  hb_draw_funcs_set_move_to_func (funcs, on_text_move_to, NULL, NULL);
  hb_draw_funcs_set_line_to_func (funcs, on_text_line_to, NULL, NULL);
  hb_draw_funcs_set_quadratic_to_func (funcs, on_text_quadratic_to, NULL, NULL);
  hb_draw_funcs_set_cubic_to_func (funcs, on_text_cubic_to, NULL, NULL);
  hb_draw_funcs_set_close_path_func (funcs, on_text_close_path, NULL, NULL);
#if HB_VERSION_ATLEAST (7, 0, 0)
  hb_font_draw_glyph (font, glyph, funcs, out);
#else
  hb_font_get_glyph_shape (font, glyph, funcs, out);
#endif
  hb_draw_funcs_destroy (funcs);
  g_string_append_printf (out, "advance %d", hb_font_get_glyph_h_advance (font, glyph));
  return g_string_free (out, FALSE);
}

/* The faces of a font map made by a subsetter, in the order it made them. */
static GPtrArray *
subset_files (PangoFontMap *font_map)
{
  FcFontSet *faces = FcConfigGetFonts (pango_fc_font_map_get_config (PANGO_FC_FONT_MAP (font_map)), FcSetApplication);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (faces);
  for (int i = 0; i < faces->nfont; i++)
    {
      FcChar8 *file = NULL;

      g_assert_cmpint (FcPatternGetString (faces->fonts[i], FC_FILE, 0, &file), ==, FcResultMatch);
      g_ptr_array_add (files, g_strdup ((const char *) file));
    }
  g_ptr_array_sort (files, compare_paths);
  return files;
}

/* Whether two font maps' faces are the same, glyph for glyph: the same
 * characters, glyphs (the closure of their layout features) and, for each
 * character, the same outline and advance. */
static void
assert_same_subsets (PangoFontMap *a,
                     PangoFontMap *b)
{
  g_autoptr(GPtrArray) files_a = subset_files (a);
  g_autoptr(GPtrArray) files_b = subset_files (b);

  g_assert_cmpuint (files_a->len, ==, files_b->len);
  g_assert_cmpuint (files_a->len, >=, 2);
  for (guint i = 0; i < files_a->len; i++)
    {
      hb_blob_t *blob_a = hb_blob_create_from_file_or_fail (files_a->pdata[i]);
      hb_blob_t *blob_b = hb_blob_create_from_file_or_fail (files_b->pdata[i]);
      hb_face_t *face_a = hb_face_create (blob_a, 0), *face_b = hb_face_create (blob_b, 0);
      hb_font_t *font_a = hb_font_create (face_a), *font_b = hb_font_create (face_b);
      hb_set_t *chars_a = hb_set_create (), *chars_b = hb_set_create ();
      hb_codepoint_t c = HB_SET_VALUE_INVALID;
      guint n_drawn = 0;

      hb_face_collect_unicodes (face_a, chars_a);
      hb_face_collect_unicodes (face_b, chars_b);
      g_assert_true (hb_set_is_equal (chars_a, chars_b));
      g_assert_cmpuint (hb_face_get_glyph_count (face_a), ==, hb_face_get_glyph_count (face_b));
      while (hb_set_next (chars_a, &c))
        {
          hb_codepoint_t glyph_a = 0, glyph_b = 0;
          g_autofree char *outline_a = NULL, *outline_b = NULL;

          g_assert_true (hb_font_get_nominal_glyph (font_a, c, &glyph_a));
          g_assert_true (hb_font_get_nominal_glyph (font_b, c, &glyph_b));
          outline_a = glyph_outline (font_a, glyph_a);
          outline_b = glyph_outline (font_b, glyph_b);
          g_assert_cmpstr (outline_a, ==, outline_b);
          n_drawn += strchr (outline_a, 'M') != NULL;
        }
      g_assert_cmpuint (n_drawn, >, 0);
      hb_set_destroy (chars_a);
      hb_set_destroy (chars_b);
      hb_font_destroy (font_a);
      hb_font_destroy (font_b);
      hb_face_destroy (face_a);
      hb_face_destroy (face_b);
      hb_blob_destroy (blob_a);
      hb_blob_destroy (blob_b);
    }
}

/* Subsets of the example's regular and bold text (`rare` added to the
 * regular), cut with the prepared faces in `prepared` (none if NULL), from
 * an empty cache; how many came from prepared faces. */
static PangoFontMap *
cut_example (const char *prepared,
             const char *rare,
             guint      *out_n_from_prepared)
{
  g_autoptr(PgDocument) document = load_example ();
  g_autoptr(GPtrArray) fields = collect_fields (document, FALSE);
  g_autoptr(GString) text = g_string_new ("AVATAR ffi “quoted” ——（续）…… ½ ");
  g_autofree char *cache = pg_print_font_cache_dir ();
  const char *cjk = pg_print_find_cjk_family (NULL);
  g_autofree char *family = g_strdup_printf ("%s,Noto Serif,DejaVu Serif,serif", cjk);
  PangoContext *context = pg_print_context_new (pango_cairo_font_map_get_default ());
  g_autoptr(PgPrintFontSubsetter) subsetter = pg_print_font_subsetter_new (context);
  g_autoptr(GError) error = NULL;
  PangoFontMap *font_map;

  for (guint i = 0; i < fields->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (fields, i));
  pg_test_remove_tree (cache);
  pg_print_font_subsetter_set_prepared_faces (subsetter, prepared);
  for (guint bold = 0; bold < 2; bold++)
    {
      PangoFontDescription *description = pango_font_description_new ();

      pango_font_description_set_family (description, family);
      pango_font_description_set_size (description, 12 * PANGO_SCALE);
      pango_font_description_set_weight (description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pg_print_font_subsetter_add_text (subsetter, description, text->str);
      if (!bold && rare != NULL)
        pg_print_font_subsetter_add_text (subsetter, description, rare);
      pango_font_description_free (description);
    }
  font_map = pg_print_font_subsetter_make_font_map (subsetter, &error);
  g_assert_no_error (error);
  *out_n_from_prepared = pg_print_font_subsetter_get_n_from_prepared (subsetter);
  g_object_unref (context);
  return font_map;
}

/* The build prepares the faces the form prints with (pg-print-fonts.h):
 * subsets cut from them are those cut from the whole faces, glyph for
 * glyph; a face printing a character its prepared face lacks is cut
 * whole, and so is every face when the file of prepared faces is
 * damaged. */
static void
test_prepared_faces (void)
{
  const char *path = g_getenv ("PERFGOAL_PRINT_FACES");
  const char *cjk = pg_print_find_cjk_family (NULL);
  /* Outside GB 2312, so outside the prepared set. */
  const char *rare = "龘";
  g_autoptr(PgPrintPreparedFaces) prepared = NULL;
  g_autoptr(PangoFontMap) from_prepared = NULL, from_whole = NULL, with_rare = NULL, from_damaged = NULL;
  g_autofree char *damaged = tmp_file ("damaged-print-faces.gvariant");
  g_autoptr(GError) error = NULL;
  FcPattern *match;
  const char *file = NULL;
  guint index = 0;
  hb_face_t *regular;
  hb_set_t *chars = hb_set_create ();
  guint n = 0;

  if (cjk == NULL)
    {
      g_test_skip ("No CJK font is installed");
      hb_set_destroy (chars);
      return;
    }
  /* The build's file, as the tests are given it. */
  g_assert_nonnull (path);
  prepared = pg_print_prepared_faces_open_default ();
  g_assert_nonnull (prepared);
  g_assert_cmpuint (pg_print_prepared_faces_get_n_faces (prepared), >=, 2);

  /* The regular CJK face's prepared face: the 6 763 hanzi of GB 2312 and
   * the text around them, a fraction of the whole face. */
  match = match_face (cjk, &file, &index);
  regular = pg_print_prepared_faces_lookup_face (prepared, file, index);
  g_assert_nonnull (regular);
  hb_face_collect_unicodes (regular, chars);
  g_assert_cmpuint (hb_set_get_population (chars), >=, 7000);
  g_assert_true (hb_set_has (chars, 0x7EE9));   /* 绩 */
  g_assert_true (hb_set_has (chars, 0xFF08));   /* （ */
  g_assert_true (hb_set_has (chars, 0x2010));   /* the hyphen Pango adds */
  g_assert_false (hb_set_has (chars, 0x9F98));  /* 龘 */
  {
    hb_blob_t *whole_blob = hb_blob_create_from_file_or_fail (file);
    hb_face_t *whole = hb_face_create (whole_blob, index);

    g_assert_cmpuint (hb_face_get_glyph_count (regular) * 3, <, hb_face_get_glyph_count (whole));
    hb_face_destroy (whole);
    hb_blob_destroy (whole_blob);
  }
  hb_face_destroy (regular);

  /* Cut from the prepared faces, both faces; the same glyphs as cut from
   * the whole ones. */
  from_prepared = cut_example (path, NULL, &n);
  g_assert_cmpuint (n, ==, 2);
  from_whole = cut_example (NULL, NULL, &n);
  g_assert_cmpuint (n, ==, 0);
  assert_same_subsets (from_prepared, from_whole);

  /* A character outside the prepared faces: its face is cut whole, and
   * holds it; the bold face still comes from its prepared face. */
  with_rare = cut_example (path, rare, &n);
  g_assert_cmpuint (n, ==, 1);
  {
    g_autoptr(GPtrArray) files = subset_files (with_rare);
    gboolean found = FALSE;

    for (guint i = 0; i < files->len; i++)
      {
        hb_blob_t *blob = hb_blob_create_from_file_or_fail (files->pdata[i]);
        hb_face_t *face = hb_face_create (blob, 0);

        hb_set_clear (chars);
        hb_face_collect_unicodes (face, chars);
        found = found || hb_set_has (chars, g_utf8_get_char (rare));
        hb_face_destroy (face);
        hb_blob_destroy (blob);
      }
    g_assert_true (found);
  }

  /* A damaged file: nothing is cut from it, nothing is lost. */
  g_assert_true (g_file_set_contents (damaged, "not a dictionary of faces at all", -1, &error));
  g_assert_no_error (error);
  from_damaged = cut_example (damaged, NULL, &n);
  g_assert_cmpuint (n, ==, 0);
  assert_same_subsets (from_damaged, from_whole);

  g_unlink (damaged);
  hb_set_destroy (chars);
  FcPatternDestroy (match);
}

int
main (int    argc,
      char **argv)
{
  int status;

  pg_test_private_data_home ("perfgoal-test-print");
  tmp_dir = g_dir_make_tmp ("perfgoal-print-out-XXXXXX", NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/print/example/content", test_example_content);
  g_test_add_func ("/print/example/ink", test_example_ink);
  g_test_add_func ("/print/options", test_options);
  g_test_add_func ("/print/font-options", test_font_options);
  g_test_add_func ("/print/font-subsets", test_font_subsets);
  g_test_add_func ("/print/font-cache", test_font_cache);
  g_test_add_func ("/print/truetype-outlines", test_truetype_outlines);
  g_test_add_func ("/print/prepared-faces", test_prepared_faces);
  g_test_add_func ("/print/english", test_english);
  g_test_add_func ("/print/stress", test_stress);
  g_test_add_func ("/print/atomic", test_atomic);
  g_test_add_func ("/print/cli", test_cli);
  g_test_add_func ("/print/program", test_program);
  g_test_add_func ("/print/program-no-cjk-font", test_program_no_cjk_font);

  status = g_test_run ();

  /* Fontconfig, Pango and Cairo keep caches for the life of the process;
   * drop them so that LeakSanitizer sees only what is ours. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
  pg_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
