/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "large-declaration.h"
#include "pg-document-private.h"

#define N_GROUPS 10

static const struct { const char *level1; const char *level2[2]; } shape[] = {
  { "output", { "quantity", "quality" } },
  { "effect", { "social_effect", "sustainable_impact" } },
  { "satisfaction", { "beneficiary_satisfaction", NULL } },
};

PgDocument *
large_declaration_new (guint n_goals,
                       guint n_tasks,
                       guint n_projects)
{
  g_autoptr(GError) error = NULL;
  PgDocument *doc = pg_document_new (&error);
  PgRecord *decl;

  g_assert_no_error (error);
  pg_document_begin_untracked_step (doc);
  decl = PG_RECORD (pg_document_get_declaration (doc));
  pg_document_set_string (doc, decl, "department-name", "武汉市蔡甸区残疾人联合会", NULL);
  pg_document_set_int (doc, decl, "budget-year", 2023, NULL);

  for (guint g = 0; n_tasks > 0 && g < N_GROUPS; g++)
    {
      g_autofree char *title = g_strdup_printf ("任务组 %u", g + 1);
      PgTaskGroup *group = pg_document_add_task_group (doc, PG_POSITION_END, title, NULL);

      for (guint t = 0; t < n_tasks / N_GROUPS; t++)
        pg_document_add_task (doc, group, PG_POSITION_END, "完善残疾人工作领导体制。",
                              "完善和落实党委领导、政府负责的残疾人工作领导体制，协调解决残疾人工作重大问题。", NULL);
    }
  for (guint p = 0; p < n_projects; p++)
    {
      PgProject *project = pg_document_add_project (doc, PG_POSITION_END, "基层残疾人文化活动经费", NULL);

      pg_document_set_amount (doc, PG_RECORD (project), "year-budget", 1200000, NULL);
      pg_document_set_string (doc, PG_RECORD (project), "purpose", "用于残疾人志愿服务和协会", NULL);
    }
  for (guint g = 0; g < n_goals; g++)
    {
      g_autofree char *title = g_strdup_printf ("年度目标 %u 的说明", g + 1);
      PgGoal *goal = pg_document_add_goal (doc, PG_POSITION_END, title, NULL);
      guint made = 0;

      for (guint a = 0; a < G_N_ELEMENTS (shape); a++)
        {
          PgIndicator *l1 = pg_document_add_indicator (doc, goal, NULL, PG_POSITION_END, shape[a].level1, NULL, NULL);

          for (guint b = 0; b < 2 && shape[a].level2[b] != NULL; b++)
            {
              PgIndicator *l2 = pg_document_add_indicator (doc, goal, l1, PG_POSITION_END, shape[a].level2[b], NULL, NULL);

              for (guint c = 0; c < 12; c++, made++)
                {
                  g_autofree char *name = g_strdup_printf ("残疾人康复救助补贴人次 %u", made + 1);
                  PgIndicator *l3 = pg_document_add_indicator (doc, goal, l2, PG_POSITION_END, NULL, name, NULL);

                  pg_document_set_string (doc, PG_RECORD (l3), "year-minus-2", "1100 人次", NULL);
                  pg_document_set_string (doc, PG_RECORD (l3), "year-minus-1", "1100 人次", NULL);
                  pg_document_set_string (doc, PG_RECORD (l3), "target", "≥1100 人次", NULL);
                  pg_document_set_string (doc, PG_RECORD (l3), "basis", "historical", NULL);
                }
            }
        }
    }
  g_assert_true (pg_document_end_step (doc, TRUE, &error));
  return doc;
}
