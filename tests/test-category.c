/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-test"

#include <glib.h>

#include "pg-category.h"

typedef struct {
  const char *key;
  const char *parent_key;
  const char *name_zh;
  const char *name_en;
} Expected;

static const Expected expected_level1[] = {
  { "output", NULL, "产出指标", "Output" },
  { "cost", NULL, "成本指标", "Cost" },
  { "effect", NULL, "效益指标", "Effect" },
  { "satisfaction", NULL, "满意度指标", "Satisfaction" },
};

static const Expected expected_level2[] = {
  { "quantity", "output", "数量指标", "Quantity" },
  { "quality", "output", "质量指标", "Quality" },
  { "timeliness", "output", "时效指标", "Timeliness" },
  { "cost", "output", "成本指标", "Cost" },
  { "economic_cost", "cost", "经济成本指标", "Economic cost" },
  { "social_cost", "cost", "社会成本指标", "Social cost" },
  { "environmental_cost", "cost", "生态环境成本指标", "Environmental cost" },
  { "economic_effect", "effect", "经济效益指标", "Economic effect" },
  { "social_effect", "effect", "社会效益指标", "Social effect" },
  { "ecological_effect", "effect", "生态效益指标", "Ecological effect" },
  { "sustainable_impact", "effect", "可持续影响指标", "Sustainable impact" },
  { "beneficiary_satisfaction", "satisfaction", "服务对象满意度指标", "Beneficiary satisfaction" },
};

static void
check_category (const PgCategory *category,
                guint             level,
                const Expected   *expected)
{
  g_assert_nonnull (category);
  g_assert_cmpstr (category->key, ==, expected->key);
  g_assert_cmpuint (category->level, ==, level);
  g_assert_cmpstr (category->parent_key, ==, expected->parent_key);
  g_assert_cmpstr (category->name_zh, ==, expected->name_zh);
  g_assert_cmpstr (category->name_en, ==, expected->name_en);
  g_assert_cmpstr (pg_category_name (category, PG_LANGUAGE_ZH_CN), ==, expected->name_zh);
  g_assert_cmpstr (pg_category_name (category, PG_LANGUAGE_EN), ==, expected->name_en);
}

static void
test_list (void)
{
  const PgCategory *list;
  guint n = 99;
  guint i;

  list = pg_category_list (1, &n);
  g_assert_nonnull (list);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_level1));
  for (i = 0; i < n; i++)
    check_category (&list[i], 1, &expected_level1[i]);

  list = pg_category_list (2, &n);
  g_assert_nonnull (list);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_level2));
  for (i = 0; i < n; i++)
    check_category (&list[i], 2, &expected_level2[i]);

  /* the count is optional */
  g_assert_true (pg_category_list (1, NULL) == pg_category_list (1, &n));
}

static void
test_list_bad_level (void)
{
  guint n = 99;

  g_test_expect_message ("perfgoal-model", G_LOG_LEVEL_CRITICAL, "*level*");
  g_assert_null (pg_category_list (3, &n));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (n, ==, 0);

  g_test_expect_message ("perfgoal-model", G_LOG_LEVEL_CRITICAL, "*level*");
  g_assert_null (pg_category_lookup (0, "output"));
  g_test_assert_expected_messages ();
}

static void
test_lookup (void)
{
  gsize i;
  const PgCategory *category;

  for (i = 0; i < G_N_ELEMENTS (expected_level1); i++)
    check_category (pg_category_lookup (1, expected_level1[i].key), 1, &expected_level1[i]);
  for (i = 0; i < G_N_ELEMENTS (expected_level2); i++)
    check_category (pg_category_lookup (2, expected_level2[i].key), 2, &expected_level2[i]);

  /* "cost" is a key at both levels, with different parents */
  category = pg_category_lookup (1, "cost");
  g_assert_cmpuint (category->level, ==, 1);
  g_assert_null (category->parent_key);
  category = pg_category_lookup (2, "cost");
  g_assert_cmpuint (category->level, ==, 2);
  g_assert_cmpstr (category->parent_key, ==, "output");

  /* a key of the other level, or none at all */
  g_assert_null (pg_category_lookup (1, "quantity"));
  g_assert_null (pg_category_lookup (2, "output"));
  g_assert_null (pg_category_lookup (2, "satisfaction"));
  g_assert_null (pg_category_lookup (1, PG_CATEGORY_CUSTOM));
  g_assert_null (pg_category_lookup (2, PG_CATEGORY_CUSTOM));
  g_assert_null (pg_category_lookup (1, "Output"));
  g_assert_null (pg_category_lookup (1, "output "));
  g_assert_null (pg_category_lookup (1, "产出指标"));
  g_assert_null (pg_category_lookup (1, ""));
  g_assert_null (pg_category_lookup (1, NULL));
}

static void
check_children (const char        *parent_key,
                const char *const *keys)
{
  const PgCategory *out[16] = { NULL, };
  guint n;
  guint i;

  n = pg_category_children (parent_key, out, G_N_ELEMENTS (out));
  g_assert_cmpuint (n, ==, g_strv_length ((char **) keys));
  for (i = 0; i < n; i++)
    {
      g_assert_cmpstr (out[i]->key, ==, keys[i]);
      g_assert_cmpuint (out[i]->level, ==, 2);
      g_assert_cmpstr (out[i]->parent_key, ==, parent_key);
      g_assert_true (out[i] == pg_category_lookup (2, keys[i]));
    }
  g_assert_null (out[n]);
}

static void
test_children (void)
{
  static const char *const output_keys[] = { "quantity", "quality", "timeliness", "cost", NULL };
  static const char *const cost_keys[] = { "economic_cost", "social_cost", "environmental_cost", NULL };
  static const char *const effect_keys[] = { "economic_effect", "social_effect", "ecological_effect", "sustainable_impact", NULL };
  static const char *const satisfaction_keys[] = { "beneficiary_satisfaction", NULL };
  static const char *const no_keys[] = { NULL };
  const PgCategory *out[2] = { NULL, NULL };
  const PgCategory *level1;
  guint n_level1;
  guint total = 0;
  guint i;

  check_children ("output", output_keys);
  check_children ("cost", cost_keys);
  check_children ("effect", effect_keys);
  check_children ("satisfaction", satisfaction_keys);
  check_children ("quantity", no_keys);
  check_children (PG_CATEGORY_CUSTOM, no_keys);
  check_children ("", no_keys);
  check_children (NULL, no_keys);

  /* at most `max` are written */
  g_assert_cmpuint (pg_category_children ("effect", out, 2), ==, 2);
  g_assert_cmpstr (out[0]->key, ==, "economic_effect");
  g_assert_cmpstr (out[1]->key, ==, "social_effect");
  g_assert_cmpuint (pg_category_children ("effect", NULL, 0), ==, 0);

  /* every level-2 category is the child of exactly one level-1 category */
  level1 = pg_category_list (1, &n_level1);
  for (i = 0; i < n_level1; i++)
    {
      const PgCategory *children[16];

      total += pg_category_children (level1[i].key, children, G_N_ELEMENTS (children));
    }
  g_assert_cmpuint (total, ==, G_N_ELEMENTS (expected_level2));
}

static void
test_bases (void)
{
  static const struct {
    const char *key;
    const char *name_zh;
    const char *name_en;
  } expected[] = {
    { "historical", "历史数据", "Historical data" },
    { "industry_standard", "行业标准", "Industry standard" },
    { "plan", "计划数据", "Plan data" },
    { "other", "其他数据", "Other data" },
  };
  const PgBasis *list;
  guint n = 99;
  guint i;

  list = pg_basis_list (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (i = 0; i < n; i++)
    {
      const PgBasis *basis = pg_basis_lookup (expected[i].key);

      g_assert_true (basis == &list[i]);
      g_assert_cmpstr (list[i].key, ==, expected[i].key);
      g_assert_cmpstr (list[i].name_zh, ==, expected[i].name_zh);
      g_assert_cmpstr (list[i].name_en, ==, expected[i].name_en);
      g_assert_cmpstr (pg_basis_name (basis, PG_LANGUAGE_ZH_CN), ==, expected[i].name_zh);
      g_assert_cmpstr (pg_basis_name (basis, PG_LANGUAGE_EN), ==, expected[i].name_en);
    }
  g_assert_true (pg_basis_list (NULL) == list);

  g_assert_null (pg_basis_lookup ("historic"));
  g_assert_null (pg_basis_lookup ("Historical"));
  g_assert_null (pg_basis_lookup ("历史数据"));
  g_assert_null (pg_basis_lookup (""));
  g_assert_null (pg_basis_lookup (NULL));
}

static void
test_language (void)
{
  PgLanguage language = PG_LANGUAGE_EN;

  g_assert_true (pg_language_from_key ("zh_CN", &language));
  g_assert_cmpint (language, ==, PG_LANGUAGE_ZH_CN);
  g_assert_true (pg_language_from_key ("en", &language));
  g_assert_cmpint (language, ==, PG_LANGUAGE_EN);
  g_assert_true (pg_language_from_key ("en", NULL));

  language = PG_LANGUAGE_ZH_CN;
  g_assert_false (pg_language_from_key ("zh", &language));
  g_assert_false (pg_language_from_key ("zh_TW", &language));
  g_assert_false (pg_language_from_key ("zh-CN", &language));
  g_assert_false (pg_language_from_key ("EN", &language));
  g_assert_false (pg_language_from_key ("en_US", &language));
  g_assert_false (pg_language_from_key ("", &language));
  g_assert_false (pg_language_from_key (NULL, &language));
  g_assert_cmpint (language, ==, PG_LANGUAGE_ZH_CN);   /* untouched */

  g_assert_cmpstr (pg_language_to_key (PG_LANGUAGE_ZH_CN), ==, "zh_CN");
  g_assert_cmpstr (pg_language_to_key (PG_LANGUAGE_EN), ==, "en");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/category/list", test_list);
  g_test_add_func ("/category/list-bad-level", test_list_bad_level);
  g_test_add_func ("/category/lookup", test_lookup);
  g_test_add_func ("/category/children", test_children);
  g_test_add_func ("/category/bases", test_bases);
  g_test_add_func ("/category/language", test_language);

  return g_test_run ();
}
