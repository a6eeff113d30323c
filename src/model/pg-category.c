/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-model"

#include <glib.h>

#include "pg-category.h"

/* The names are the printed form's wording in its two label languages (a
 * document setting), not UI strings: they are never translated. Each table
 * ends with an all-NULL entry, not counted. */

static const PgCategory level1_categories[] = {
  { "output",       1, NULL, "产出指标",   "Output" },
  { "cost",         1, NULL, "成本指标",   "Cost" },
  { "effect",       1, NULL, "效益指标",   "Effect" },
  { "satisfaction", 1, NULL, "满意度指标", "Satisfaction" },
  { NULL,           0, NULL, NULL,         NULL },
};

/* Grouped by parent, in the order of level1_categories. */
static const PgCategory level2_categories[] = {
  { "quantity",                 2, "output",       "数量指标",           "Quantity" },
  { "quality",                  2, "output",       "质量指标",           "Quality" },
  { "timeliness",               2, "output",       "时效指标",           "Timeliness" },
  { "cost",                     2, "output",       "成本指标",           "Cost" },
  { "economic_cost",            2, "cost",         "经济成本指标",       "Economic cost" },
  { "social_cost",              2, "cost",         "社会成本指标",       "Social cost" },
  { "environmental_cost",       2, "cost",         "生态环境成本指标",   "Environmental cost" },
  { "economic_effect",          2, "effect",       "经济效益指标",       "Economic effect" },
  { "social_effect",            2, "effect",       "社会效益指标",       "Social effect" },
  { "ecological_effect",        2, "effect",       "生态效益指标",       "Ecological effect" },
  { "sustainable_impact",       2, "effect",       "可持续影响指标",     "Sustainable impact" },
  { "beneficiary_satisfaction", 2, "satisfaction", "服务对象满意度指标", "Beneficiary satisfaction" },
  { NULL,                       0, NULL,           NULL,                 NULL },
};

static const PgBasis bases[] = {
  { "historical",        "历史数据", "Historical data" },
  { "industry_standard", "行业标准", "Industry standard" },
  { "plan",              "计划数据", "Plan data" },
  { "other",             "其他数据", "Other data" },
  { NULL,                NULL,       NULL },
};

const PgCategory *
pg_category_list (guint  level,
                  guint *n_categories)
{
  if (n_categories != NULL)
    *n_categories = 0;

  g_return_val_if_fail (level == 1 || level == 2, NULL);

  if (level == 1)
    {
      if (n_categories != NULL)
        *n_categories = G_N_ELEMENTS (level1_categories) - 1;
      return level1_categories;
    }

  if (n_categories != NULL)
    *n_categories = G_N_ELEMENTS (level2_categories) - 1;
  return level2_categories;
}

guint
pg_category_children (const char        *parent_key,
                      const PgCategory **out,
                      guint              max)
{
  guint n = 0;
  gsize i;

  g_return_val_if_fail (out != NULL || max == 0, 0);

  if (parent_key == NULL)
    return 0;

  for (i = 0; i < G_N_ELEMENTS (level2_categories) - 1 && n < max; i++)
    if (g_strcmp0 (level2_categories[i].parent_key, parent_key) == 0)
      out[n++] = &level2_categories[i];

  return n;
}

const PgCategory *
pg_category_lookup (guint       level,
                    const char *key)
{
  const PgCategory *list;
  guint n;
  guint i;

  g_return_val_if_fail (level == 1 || level == 2, NULL);

  if (key == NULL)
    return NULL;

  list = pg_category_list (level, &n);
  for (i = 0; i < n; i++)
    if (g_str_equal (list[i].key, key))
      return &list[i];

  return NULL;
}

const char *
pg_category_name (const PgCategory *category,
                  PgLanguage        language)
{
  g_return_val_if_fail (category != NULL, NULL);
  g_return_val_if_fail (language == PG_LANGUAGE_ZH_CN || language == PG_LANGUAGE_EN, NULL);

  return language == PG_LANGUAGE_EN ? category->name_en : category->name_zh;
}

const PgBasis *
pg_basis_list (guint *n_bases)
{
  if (n_bases != NULL)
    *n_bases = G_N_ELEMENTS (bases) - 1;
  return bases;
}

const PgBasis *
pg_basis_lookup (const char *key)
{
  gsize i;

  if (key == NULL)
    return NULL;

  for (i = 0; i < G_N_ELEMENTS (bases) - 1; i++)
    if (g_str_equal (bases[i].key, key))
      return &bases[i];

  return NULL;
}

const char *
pg_basis_name (const PgBasis *basis,
               PgLanguage     language)
{
  g_return_val_if_fail (basis != NULL, NULL);
  g_return_val_if_fail (language == PG_LANGUAGE_ZH_CN || language == PG_LANGUAGE_EN, NULL);

  return language == PG_LANGUAGE_EN ? basis->name_en : basis->name_zh;
}

gboolean
pg_language_from_key (const char *key,
                      PgLanguage *out_language)
{
  PgLanguage language;

  if (g_strcmp0 (key, "zh_CN") == 0)
    language = PG_LANGUAGE_ZH_CN;
  else if (g_strcmp0 (key, "en") == 0)
    language = PG_LANGUAGE_EN;
  else
    return FALSE;

  if (out_language != NULL)
    *out_language = language;
  return TRUE;
}

const char *
pg_language_to_key (PgLanguage language)
{
  switch (language)
    {
    case PG_LANGUAGE_ZH_CN:
      return "zh_CN";
    case PG_LANGUAGE_EN:
      return "en";
    default:
      g_return_val_if_reached (NULL);
    }
}
