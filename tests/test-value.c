/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-test"

#include <glib.h>

#include "pg-value.h"

typedef struct {
  const char   *text;
  PgValueKind   kind;
  PgComparison  comparison;
  const char   *number;
  const char   *unit;
  const char   *phrase;
} ValueCase;

#define Q(text, cmp, number, unit) { text, PG_VALUE_QUANTITY, PG_COMPARISON_##cmp, number, unit, NULL }
#define QUAL(text, phrase) { text, PG_VALUE_QUALITATIVE, PG_COMPARISON_NONE, NULL, NULL, phrase }
#define OTHER(text, phrase) { text, PG_VALUE_OTHER, PG_COMPARISON_NONE, NULL, NULL, phrase }
#define EMPTY(text) { text, PG_VALUE_EMPTY, PG_COMPARISON_NONE, NULL, NULL, NULL }

static void
check_cases (const ValueCase *cases,
             gsize            n)
{
  gsize i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(PgValue) value = NULL;

      g_test_message ("parsing “%s”", cases[i].text);
      value = pg_value_parse (cases[i].text);
      g_assert_nonnull (value);
      g_assert_cmpint (value->kind, ==, cases[i].kind);
      g_assert_cmpint (value->comparison, ==, cases[i].comparison);
      g_assert_cmpstr (value->number, ==, cases[i].number);
      g_assert_cmpstr (value->unit, ==, cases[i].unit);
      g_assert_cmpstr (value->phrase, ==, cases[i].phrase);
    }
}

/* Every value in the example declaration's goal 1. */
static void
test_example (void)
{
  static const ValueCase cases[] = {
    Q ("461 万元", NONE, "461", "万元"),
    Q ("480 万元", NONE, "480", "万元"),
    Q ("1100 人次", NONE, "1100", "人次"),
    Q ("100 人", NONE, "100", "人"),
    Q ("140 人", NONE, "140", "人"),
    Q ("5000 人", NONE, "5000", "人"),
    Q ("4 次", NONE, "4", "次"),
    Q ("4次", NONE, "4", "次"),
    Q ("100%", NONE, "100", "%"),
    Q ("95.00%", NONE, "95.00", "%"),
    Q ("0", NONE, "0", ""),
    Q ("90%", NONE, "90", "%"),
    QUAL ("时效指标", "时效指标"),
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_quantity (void)
{
  static const ValueCase cases[] = {
    Q ("≥95%", GE, "95", "%"),
    Q ("≤ 3 天", LE, "3", "天"),
    Q ("＞＝９０％", GE, "90", "%"),
    Q ("1100人次以上", NONE, "1100", "人次以上"),
    Q ("  1100 人次  ", NONE, "1100", "人次"),
    Q ("\u3000４６１\u3000万元\u3000", NONE, "461", "万元"),
    Q ("5 万 元", NONE, "5", "万 元"),
    Q ("0.5‰", NONE, "0.5", "‰"),
    Q ("100 ％", NONE, "100", "%"),
    Q ("98.5分", NONE, "98.5", "分"),
    Q ("007", NONE, "007", ""),
    Q ("12月底前", NONE, "12", "月底前"),
    /* signs */
    Q ("-3", NONE, "-3", ""),
    Q ("－３℃", NONE, "-3", "℃"),
    Q ("−2", NONE, "-2", ""),
    Q ("+5%", NONE, "5", "%"),
    Q ("＋5%", NONE, "5", "%"),
    Q ("≥ -3.5 分", GE, "-3.5", "分"),
    Q ("≤-0.25", LE, "-0.25", ""),
    /* grouping and decimals */
    Q ("1,234 人", NONE, "1234", "人"),
    Q ("１，２３４人", NONE, "1234", "人"),
    Q ("12,345,678.90元", NONE, "12345678.90", "元"),
    Q ("１２．５０％", NONE, "12.50", "%"),
    Q ("1．5小时", NONE, "1.5", "小时"),
    /* every comparison, ASCII, full-width and the form's own */
    Q (">= 5 个", GE, "5", "个"),
    Q ("<=3", LE, "3", ""),
    Q ("> 1", GT, "1", ""),
    Q ("<1", LT, "1", ""),
    Q ("=1", EQ, "1", ""),
    Q ("＝1", EQ, "1", ""),
    Q ("＞5", GT, "5", ""),
    Q ("＜5", LT, "5", ""),
    Q ("≧80%", GE, "80", "%"),
    Q ("≦2天", LE, "2", "天"),
    Q ("≥ 95 %", GE, "95", "%"),
    Q ("＜＝3", LE, "3", ""),
    Q (">＝3", GE, "3", ""),
    Q ("＜=3", LE, "3", ""),
    Q ("\u3000≤\u3000３\u3000天", LE, "3", "天"),
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_qualitative (void)
{
  static const ValueCase cases[] = {
    QUAL ("达标", "达标"),
    QUAL ("时效指标", "时效指标"),
    QUAL ("  有效提升  ", "有效提升"),
    QUAL ("\u3000不超预算\u3000", "不超预算"),
    QUAL ("三次", "三次"),          /* Chinese numerals are not digits */
    QUAL ("≥ 达标", "≥ 达标"),
    QUAL ("≥", "≥"),
    QUAL ("%", "%"),
    QUAL ("……", "……"),
    QUAL ("good", "good"),
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_other (void)
{
  static const ValueCase cases[] = {
    OTHER ("约100人", "约100人"),
    OTHER ("约100人左右", "约100人左右"),
    OTHER ("100-200人", "100-200人"),
    OTHER ("95%-100%", "95%-100%"),
    OTHER ("2023年12月底前", "2023年12月底前"),
    OTHER ("第1名", "第1名"),
    OTHER ("1:1", "1:1"),
    OTHER ("1,2 人", "1,2 人"),
    OTHER ("12,3456", "12,3456"),
    OTHER ("1234,567", "1234,567"),
    OTHER ("1,", "1,"),
    OTHER ("3.", "3."),
    OTHER ("3.人", "3.人"),
    OTHER (".5", ".5"),
    OTHER ("- 3", "- 3"),
    OTHER ("≥≥5", "≥≥5"),
    OTHER ("=>5", "=>5"),
    OTHER ("--5", "--5"),
    OTHER ("1.2.3", "1.2.3"),
    OTHER ("  不低于 90%  ", "不低于 90%"),
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_empty (void)
{
  static const ValueCase cases[] = {
    EMPTY (""),
    EMPTY (" "),
    EMPTY ("\t\n "),
    EMPTY ("\u3000"),
    EMPTY (" \u3000 \u3000 "),
  };
  g_autoptr(PgValue) value = NULL;

  check_cases (cases, G_N_ELEMENTS (cases));

  /* NULL is a value not filled in */
  value = pg_value_parse (NULL);
  g_assert_cmpint (value->kind, ==, PG_VALUE_EMPTY);
  g_assert_null (value->number);
  g_assert_null (value->unit);
  g_assert_null (value->phrase);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(PgValue) value = pg_value_parse ("\xff""5");
  g_autoptr(PgValue) value2 = pg_value_parse ("\xff\xfe");

  g_assert_cmpint (value->kind, ==, PG_VALUE_OTHER);
  g_assert_true (g_utf8_validate (value->phrase, -1, NULL));
  g_assert_cmpint (value2->kind, ==, PG_VALUE_QUALITATIVE);
  g_assert_true (g_utf8_validate (value2->phrase, -1, NULL));
}

static void
test_comparison_to_string (void)
{
  g_assert_cmpstr (pg_comparison_to_string (PG_COMPARISON_NONE), ==, "");
  g_assert_cmpstr (pg_comparison_to_string (PG_COMPARISON_GE), ==, "≥");
  g_assert_cmpstr (pg_comparison_to_string (PG_COMPARISON_LE), ==, "≤");
  g_assert_cmpstr (pg_comparison_to_string (PG_COMPARISON_GT), ==, ">");
  g_assert_cmpstr (pg_comparison_to_string (PG_COMPARISON_LT), ==, "<");
  g_assert_cmpstr (pg_comparison_to_string (PG_COMPARISON_EQ), ==, "=");
}

/* comparison + number + unit reads back as the same quantity */
static void
test_recompose (void)
{
  static const char *texts[] = {
    "≥95%", "≤ 3 天", "＞＝９０％", "1100 人次", "461 万元", "95.00%", "0",
    "> 1", "< 1", "= 1", "-3 ℃",
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PgValue) value = pg_value_parse (texts[i]);
      g_autoptr(PgValue) again = NULL;
      g_autofree char *joined = NULL;

      g_assert_cmpint (value->kind, ==, PG_VALUE_QUANTITY);
      joined = g_strconcat (pg_comparison_to_string (value->comparison),
                            value->number, value->unit, NULL);
      again = pg_value_parse (joined);
      g_assert_cmpint (again->kind, ==, PG_VALUE_QUANTITY);
      g_assert_cmpint (again->comparison, ==, value->comparison);
      g_assert_cmpstr (again->number, ==, value->number);
      g_assert_cmpstr (again->unit, ==, value->unit);
    }
}

static void
test_date_is_valid (void)
{
  g_assert_true (pg_date_is_valid ("2022-11-30"));
  g_assert_true (pg_date_is_valid ("2024-02-29"));
  g_assert_false (pg_date_is_valid ("2023-02-29"));
  g_assert_false (pg_date_is_valid ("2023- 1- 1"));
  g_assert_false (pg_date_is_valid (" 2023-1-01"));
  g_assert_false (pg_date_is_valid ("+023-01-01"));
  g_assert_false (pg_date_is_valid ("2023-01-+1"));
  g_assert_false (pg_date_is_valid ("2023-13-01"));
  g_assert_false (pg_date_is_valid ("2023/01/01"));
  g_assert_false (pg_date_is_valid (""));
  g_assert_false (pg_date_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/example", test_example);
  g_test_add_func ("/value/quantity", test_quantity);
  g_test_add_func ("/value/qualitative", test_qualitative);
  g_test_add_func ("/value/other", test_other);
  g_test_add_func ("/value/empty", test_empty);
  g_test_add_func ("/value/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/value/comparison-to-string", test_comparison_to_string);
  g_test_add_func ("/value/recompose", test_recompose);

  g_test_add_func ("/value/date-is-valid", test_date_is_valid);
  return g_test_run ();
}
