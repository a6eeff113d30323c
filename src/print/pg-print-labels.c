/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-print"

#include "pg-print-labels.h"

/* The one table of printed labels: form.md gives both languages for each.
 * The Chinese column is the official wording of the form. */
static const struct {
  PgLabel     label;
  const char *zh;
  const char *en;
} labels[] = {
  { PG_LABEL_TITLE,             "部门整体支出绩效目标申报表", "Department Expenditure Performance Goals Declaration" },
  { PG_LABEL_FILL_DATE,         "填报日期：",                 "Date of filing: " },
  { PG_LABEL_DATE_BLANK,        "　　年　　月　　日",         "__________" },
  { PG_LABEL_DATE_FORMAT,       "%d年%d月%d日",               "%04d-%02d-%02d" },
  { PG_LABEL_UNIT_WAN_YUAN,     "单位：万元",                 "Unit: 10,000 yuan" },
  { PG_LABEL_UNIT_YUAN,         "单位：元",                   "Unit: yuan" },
  { PG_LABEL_ATTACHMENT,        "附件 %u",                    "Attachment %u" },
  { PG_LABEL_DEPARTMENT_NAME,   "部门（单位）名称",           "Name of department (unit)" },
  { PG_LABEL_FILLED_BY,         "填报人",                     "Filled in by" },
  { PG_LABEL_PHONE,             "联系电话",                   "Contact telephone" },
  { PG_LABEL_HEAD,              "单位负责人",                 "Head of unit" },
  { PG_LABEL_FINANCE_HEAD,      "财务负责人",                 "Head of finance" },
  { PG_LABEL_FINANCE,           "部门总体收支情况",           "Overall revenue and expenditure" },
  { PG_LABEL_FINANCE_OVERALL,   "总体收支情况",               "Revenue and expenditure" },
  { PG_LABEL_AMOUNT,            "当年金额",                   "Budget-year amount" },
  { PG_LABEL_SHARE,             "占比",                       "Share" },
  { PG_LABEL_PREVIOUS_AMOUNTS,  "近两年收支金额",             "Amounts of the previous two years" },
  { PG_LABEL_YEAR,              "%d 年",                      "%d" },
  { PG_LABEL_REVENUE,           "收入构成",                   "Revenue composition" },
  { PG_LABEL_EXPENDITURE,       "支出构成",                   "Expenditure composition" },
  { PG_LABEL_TOTAL,             "合计",                       "Total" },
  { PG_LABEL_FUNCTIONS,         "部门职能概述",               "Overview of departmental functions" },
  { PG_LABEL_TASKS,             "年度工作任务",               "Annual work tasks" },
  { PG_LABEL_PROJECTS,          "项目支出情况",               "Project expenditure" },
  { PG_LABEL_PROJECT_NAME,      "项目名称",                   "Project" },
  { PG_LABEL_PROJECT_TOTAL,     "项目总预算",                 "Total budget" },
  { PG_LABEL_PROJECT_YEAR,      "项目本年度预算",             "Budget for this year" },
  { PG_LABEL_PROJECT_PURPOSE,   "项目主要支出方向和用途",     "Main direction and use of funds" },
  { PG_LABEL_GOAL,              "年度目标 %u：",              "Annual goal %u:" },
  { PG_LABEL_LEVEL1,            "一级指标",                   "Level-1 indicator" },
  { PG_LABEL_LEVEL2,            "二级指标",                   "Level-2 indicator" },
  { PG_LABEL_LEVEL3,            "三级指标",                   "Level-3 indicator" },
  { PG_LABEL_VALUES,            "指标值",                     "Indicator values" },
  { PG_LABEL_PREVIOUS_VALUES,   "近两年指标值",               "Values of the previous two years" },
  { PG_LABEL_YEAR_MINUS_2,      "前年",                       "Year−2" },
  { PG_LABEL_YEAR_MINUS_1,      "上年",                       "Year−1" },
  { PG_LABEL_YEAR_WITH_NAME,    "%s\n%d 年",                  "%s\n%d" },
  { PG_LABEL_TARGET,            "预期当年实现值",             "Expected this year" },
  { PG_LABEL_BASIS,             "指标值确定依据",             "Basis of the target" },
  { PG_LABEL_CONTINUED,         "（续）",                     " (cont.)" },
  { PG_LABEL_SIGN_HEAD,         "单位负责人（签字）：",       "Head of unit (signature): " },
  { PG_LABEL_SIGN_FINANCE_HEAD, "财务负责人（签字）：",       "Head of finance (signature): " },
  { PG_LABEL_SIGN_FILLED_BY,    "填报人：",                   "Filled in by: " },
  { PG_LABEL_SIGN_DATE,         "日期：",                     "Date: " },
  { PG_LABEL_SIGN_SEAL,         "单位（盖章）",               "Unit (seal)" },
  { PG_LABEL_PAGE_GBT9704,      "— %u —",                     "— %u —" },
  { PG_LABEL_PAGE_OF_TOTAL,     "第 %u 页 共 %u 页",          "Page %u of %u" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (labels) == PG_N_LABELS);

const char *
pg_print_label (PgLabel    label,
                PgLanguage language)
{
  g_return_val_if_fail (label < PG_N_LABELS, "");
  g_assert (labels[label].label == label);

  return language == PG_LANGUAGE_EN ? labels[label].en : labels[label].zh;
}

char *
pg_print_group_number (guint      number,
                       PgLanguage language)
{
  static const char *const digits[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
  GString *s;

  if (language == PG_LANGUAGE_EN || number == 0 || number >= 100)
    return language == PG_LANGUAGE_EN ? g_strdup_printf ("(%u)", number) : g_strdup_printf ("（%u）", number);

  s = g_string_new ("（");
  if (number >= 10)
    {
      if (number >= 20)
        g_string_append (s, digits[number / 10]);
      g_string_append (s, "十");
    }
  g_string_append (s, digits[number % 10]);
  g_string_append (s, "）");
  return g_string_free (s, FALSE);
}
