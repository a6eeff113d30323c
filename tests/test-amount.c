/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-test"

#include <locale.h>
#include <string.h>

#include <glib.h>

#include "pg-amount.h"

typedef struct {
  const char *text;
  gint64      amount;
} GoodAmount;

typedef struct {
  const char *text;
  int         code;
} BadAmount;

static void
test_parse_good (void)
{
  static const GoodAmount cases[] = {
    { "0", 0 },
    { "-0", 0 },
    { "2699", 26990000 },
    { "1485.73", 14857300 },
    { "1,485.73", 14857300 },
    { " 120 ", 1200000 },
    { "\t42\n", 420000 },
    { "-3.5", -35000 },
    { "+3.5", 35000 },
    { "0.0001", 1 },
    { "-0.0001", -1 },
    { "1.2345", 12345 },
    { "1.2300", 12300 },
    { "007", 70000 },
    { ".5", 5000 },
    { "5.", 50000 },
    { "12,345,678.9", 123456789000 },
    { "1,000", 10000000 },
    { "999,999", 9999990000 },
    /* full-width, as a Chinese input method types it */
    { "１４８５．７３", 14857300 },
    { "１，４８５．７３", 14857300 },
    { "1，485.73", 14857300 },
    { "１,４８５.７３", 14857300 },
    { "－５", -50000 },
    { "＋５", 50000 },
    { "−2", -20000 },
    { "\u3000１２０\u3000", 1200000 },
    { " \u3000 -1,485.73 \u3000", -14857300 },
    { "０．０００１", 1 },
    /* the limits */
    { "999999999999.999", PG_AMOUNT_MAX },
    { "999,999,999,999.9990", PG_AMOUNT_MAX },
    { "-999999999999.999", -PG_AMOUNT_MAX },
    { "000000000000000000000001", 10000 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 amount = 42;
      gboolean ok;
      /* Some cases are not UTF-8, which TAP output must be. */
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_test_message ("parsing “%s”", shown);
      ok = pg_amount_parse (cases[i].text, &amount, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (amount, ==, cases[i].amount);
    }

  /* out_amount is optional */
  g_assert_true (pg_amount_parse ("1", NULL, NULL));
}

static void
test_parse_bad (void)
{
  static const BadAmount cases[] = {
    { "", PG_AMOUNT_ERROR_EMPTY },
    { "   ", PG_AMOUNT_ERROR_EMPTY },
    { "\t\n", PG_AMOUNT_ERROR_EMPTY },
    { "\u3000", PG_AMOUNT_ERROR_EMPTY },
    { " \u3000 \u3000", PG_AMOUNT_ERROR_EMPTY },

    { "abc", PG_AMOUNT_ERROR_SYNTAX },
    { "12a", PG_AMOUNT_ERROR_SYNTAX },
    { "a12", PG_AMOUNT_ERROR_SYNTAX },
    { "1 000", PG_AMOUNT_ERROR_SYNTAX },
    { "1\u3000000", PG_AMOUNT_ERROR_SYNTAX },
    { "1,2", PG_AMOUNT_ERROR_SYNTAX },
    { "1,23", PG_AMOUNT_ERROR_SYNTAX },
    { "1,2345", PG_AMOUNT_ERROR_SYNTAX },
    { "1234,567", PG_AMOUNT_ERROR_SYNTAX },
    { "1,234,56", PG_AMOUNT_ERROR_SYNTAX },
    { "1,23,456", PG_AMOUNT_ERROR_SYNTAX },
    { ",123", PG_AMOUNT_ERROR_SYNTAX },
    { "1,", PG_AMOUNT_ERROR_SYNTAX },
    { "1,,234", PG_AMOUNT_ERROR_SYNTAX },
    { "1,234,", PG_AMOUNT_ERROR_SYNTAX },
    { "1.2,3", PG_AMOUNT_ERROR_SYNTAX },
    { "1.234,5", PG_AMOUNT_ERROR_SYNTAX },
    { "1.2.3", PG_AMOUNT_ERROR_SYNTAX },
    { ".", PG_AMOUNT_ERROR_SYNTAX },
    { "-", PG_AMOUNT_ERROR_SYNTAX },
    { "+", PG_AMOUNT_ERROR_SYNTAX },
    { "-.", PG_AMOUNT_ERROR_SYNTAX },
    { "--1", PG_AMOUNT_ERROR_SYNTAX },
    { "+-1", PG_AMOUNT_ERROR_SYNTAX },
    { "- 1", PG_AMOUNT_ERROR_SYNTAX },
    { "1-", PG_AMOUNT_ERROR_SYNTAX },
    { "1e5", PG_AMOUNT_ERROR_SYNTAX },
    { "0x10", PG_AMOUNT_ERROR_SYNTAX },
    { "NaN", PG_AMOUNT_ERROR_SYNTAX },
    { "inf", PG_AMOUNT_ERROR_SYNTAX },
    { "１。５", PG_AMOUNT_ERROR_SYNTAX },
    { "1、5", PG_AMOUNT_ERROR_SYNTAX },
    { "¥100", PG_AMOUNT_ERROR_SYNTAX },
    { "100万元", PG_AMOUNT_ERROR_SYNTAX },
    { "100%", PG_AMOUNT_ERROR_SYNTAX },
    { "一百", PG_AMOUNT_ERROR_SYNTAX },
    { "١٢", PG_AMOUNT_ERROR_SYNTAX },          /* Arabic-Indic digits */
    { "\xff\xfe", PG_AMOUNT_ERROR_SYNTAX },    /* not UTF-8 */
    { "12\xc3", PG_AMOUNT_ERROR_SYNTAX },

    { "1.00000", PG_AMOUNT_ERROR_TOO_PRECISE },
    { "0.12345", PG_AMOUNT_ERROR_TOO_PRECISE },
    { "-1.23456", PG_AMOUNT_ERROR_TOO_PRECISE },
    { "１．０００００", PG_AMOUNT_ERROR_TOO_PRECISE },
    { "0.00001", PG_AMOUNT_ERROR_TOO_PRECISE },
    { "99999999999999999999.12345", PG_AMOUNT_ERROR_TOO_PRECISE },

    { "1000000000000", PG_AMOUNT_ERROR_TOO_LARGE },
    { "-1000000000000", PG_AMOUNT_ERROR_TOO_LARGE },
    { "1,000,000,000,000", PG_AMOUNT_ERROR_TOO_LARGE },
    { "999999999999.9999", PG_AMOUNT_ERROR_TOO_LARGE },
    { "-999999999999.9991", PG_AMOUNT_ERROR_TOO_LARGE },
    { "9223372036854775807", PG_AMOUNT_ERROR_TOO_LARGE },
    { "18446744073709551616", PG_AMOUNT_ERROR_TOO_LARGE },
    { "99999999999999999999999999999999999999999", PG_AMOUNT_ERROR_TOO_LARGE },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 amount = 42;
      gboolean ok;
      /* Some cases are not UTF-8, which TAP output must be. */
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_test_message ("parsing “%s”", shown);
      ok = pg_amount_parse (cases[i].text, &amount, &error);
      g_assert_false (ok);
      g_assert_error (error, PG_AMOUNT_ERROR, cases[i].code);
      g_assert_nonnull (error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpint (amount, ==, 42);   /* untouched */
    }

  /* error may be NULL */
  g_assert_false (pg_amount_parse ("x", NULL, NULL));
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = NULL;

  g_assert_false (pg_amount_parse ("  12a  ", NULL, &error));
  g_assert_error (error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_SYNTAX);
  /* quotes the trimmed text */
  g_assert_nonnull (strstr (error->message, "“12a”"));
  g_clear_error (&error);

  g_assert_false (pg_amount_parse ("1.00000", NULL, &error));
  g_assert_nonnull (strstr (error->message, "1.00000"));
  g_clear_error (&error);

  g_assert_false (pg_amount_parse ("1000000000000", NULL, &error));
  g_assert_nonnull (strstr (error->message, "1000000000000"));
  g_clear_error (&error);

  g_assert_false (pg_amount_parse ("", NULL, &error));
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* a long text is cut short in the message */
  long_text = g_strnfill (1000, 'x');
  g_assert_false (pg_amount_parse (long_text, NULL, &error));
  g_assert_error (error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_SYNTAX);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_nonnull (strstr (error->message, "…"));
  g_clear_error (&error);

  /* invalid UTF-8 gives a valid message */
  g_assert_false (pg_amount_parse ("1\xff", NULL, &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

typedef struct {
  gint64      amount;
  const char *text;
} Formatted;

static void
test_format (void)
{
  static const Formatted cases[] = {
    { 26990000, "2699" },
    { 14857300, "1485.73" },
    { 1, "0.0001" },
    { -1, "-0.0001" },
    { -5000, "-0.5" },
    { 0, "0" },
    { 10000, "1" },
    { 12345, "1.2345" },
    { 12300, "1.23" },
    { 100000000, "10000" },
    { 12345678900000, "1234567890" },
    { PG_AMOUNT_MAX, "999999999999.999" },
    { -PG_AMOUNT_MAX, "-999999999999.999" },
    { G_MAXINT64, "922337203685477.5807" },
    { G_MININT64 + 1, "-922337203685477.5807" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pg_amount_format (cases[i].amount);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_null (pg_amount_format (PG_AMOUNT_NONE));
}

static void
test_round_trip (void)
{
  static const char *texts[] = {
    "2699", "1485.73", "0.0001", "-0.5", "0", "1506.76", "586.42", "899.31",
    "120", "-1234567.8901", "999999999999.999", "-999999999999.999",
  };
  static const gint64 amounts[] = {
    0, 1, -1, 9999, 10000, 10001, 14857300, -35000, 5864200, 8993100,
    PG_AMOUNT_MAX, -PG_AMOUNT_MAX, 1234567890123,
  };
  gsize i;

  /* text → amount → the same text */
  for (i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gint64 amount;

      g_assert_true (pg_amount_parse (texts[i], &amount, &error));
      g_assert_no_error (error);
      text = pg_amount_format (amount);
      g_assert_cmpstr (text, ==, texts[i]);
    }

  /* amount → text → the same amount, also via the grouped fixed form */
  for (i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *text = pg_amount_format (amounts[i]);
      g_autofree char *fixed = pg_amount_format_fixed (amounts[i], 4, TRUE);
      gint64 back = 0;
      gint64 back_fixed = 0;

      g_assert_true (pg_amount_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, amounts[i]);
      g_assert_true (pg_amount_parse (fixed, &back_fixed, NULL));
      g_assert_cmpint (back_fixed, ==, amounts[i]);
    }
}

typedef struct {
  gint64      amount;
  guint       decimals;
  gboolean    grouping;
  const char *text;
} FixedCase;

static void
test_format_fixed (void)
{
  static const FixedCase cases[] = {
    { 14857300, 2, TRUE, "1,485.73" },
    { 14857300, 2, FALSE, "1485.73" },
    { 14857300, 4, FALSE, "1485.7300" },
    { 14857300, 0, TRUE, "1,486" },
    { 14857300, 1, TRUE, "1,485.7" },
    { 26990000, 2, TRUE, "2,699.00" },
    { 26990000, 0, FALSE, "2699" },
    { 0, 2, TRUE, "0.00" },
    { 0, 0, TRUE, "0" },
    { 1, 2, FALSE, "0.00" },
    { 1, 4, FALSE, "0.0001" },
    { 50, 2, FALSE, "0.01" },         /* 0.005 rounds up */
    { 49, 2, FALSE, "0.00" },
    { -50, 2, FALSE, "-0.01" },       /* half away from zero */
    { -49, 2, FALSE, "0.00" },        /* no "-0.00" */
    { -1, 4, FALSE, "-0.0001" },
    { 5000, 0, FALSE, "1" },
    { -5000, 0, FALSE, "-1" },
    { 4999, 0, FALSE, "0" },
    { -4999, 0, FALSE, "0" },
    { 12345, 3, FALSE, "1.235" },
    { -12345, 3, FALSE, "-1.235" },
    { 12344, 3, FALSE, "1.234" },
    { 99995, 3, FALSE, "10.000" },    /* carries into the integer part */
    { 9999950000, 2, TRUE, "999,995.00" },
    { 9999999950, 0, TRUE, "1,000,000" },
    { 1000000, 0, TRUE, "100" },
    { 10000000, 0, TRUE, "1,000" },
    { -12345675000, 0, TRUE, "-1,234,568" },
    { 123456789000, 1, TRUE, "12,345,678.9" },
    { PG_AMOUNT_MAX, 4, TRUE, "999,999,999,999.9990" },
    { PG_AMOUNT_MAX, 2, TRUE, "1,000,000,000,000.00" },
    { G_MAXINT64, 0, TRUE, "922,337,203,685,478" },
    { G_MININT64 + 1, 4, TRUE, "-922,337,203,685,477.5807" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pg_amount_format_fixed (cases[i].amount,
                                                      cases[i].decimals,
                                                      cases[i].grouping);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_null (pg_amount_format_fixed (PG_AMOUNT_NONE, 2, TRUE));
}

static void
test_format_fixed_bad_decimals (void)
{
  if (g_test_subprocess ())
    {
      char *text = pg_amount_format_fixed (1, 5, FALSE);

      g_assert_null (text);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*decimals*");
}

static void
check_shares (const gint64 *amounts,
              guint         n,
              const gint   *expected)
{
  g_autofree gint *shares = g_new (gint, n);
  guint i;

  g_assert_true (pg_amount_shares (amounts, n, shares));
  for (i = 0; i < n; i++)
    g_assert_cmpint (shares[i], ==, expected[i]);
}

static void
check_no_shares (const gint64 *amounts,
                 guint         n)
{
  gint shares[8] = { 7, 7, 7, 7, 7, 7, 7, 7 };
  guint i;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (shares));
  g_assert_false (pg_amount_shares (amounts, n, shares));
  for (i = 0; i < n; i++)
    g_assert_cmpint (shares[i], ==, PG_SHARE_NONE);
}

static void
test_shares (void)
{
  /* the form's example: 586.42 + 899.31 = 1485.73 → 39.47 % + 60.53 % */
  {
    const gint64 a[] = { 5864200, 8993100 };
    const gint e[] = { 3947, 6053 };
    check_shares (a, 2, e);
  }
  /* the revenue block of the example: one row filled, one not */
  {
    const gint64 a[] = { 14857300, PG_AMOUNT_NONE };
    const gint e[] = { 10000, 0 };
    check_shares (a, 2, e);
  }
  {
    const gint64 a[] = { PG_AMOUNT_NONE, 1 };
    const gint e[] = { 0, 10000 };
    check_shares (a, 2, e);
  }
  /* three equal: naive rounding gives 9999 */
  {
    const gint64 a[] = { 10000, 10000, 10000 };
    const gint e[] = { 3334, 3333, 3333 };
    check_shares (a, 3, e);
  }
  /* 33.335 % + 33.335 % + 33.330 %: naive rounding gives 10001 */
  {
    const gint64 a[] = { 33335, 33335, 33330 };
    const gint e[] = { 3334, 3333, 3333 };
    check_shares (a, 3, e);
  }
  /* six equal: naive 1667 × 6 = 10002 */
  {
    const gint64 a[] = { 1, 1, 1, 1, 1, 1 };
    const gint e[] = { 1667, 1667, 1667, 1667, 1666, 1666 };
    check_shares (a, 6, e);
  }
  /* seven equal: naive 1429 × 7 = 10003 */
  {
    const gint64 a[] = { 5, 5, 5, 5, 5, 5, 5 };
    const gint e[] = { 1429, 1429, 1429, 1429, 1428, 1428, 1428 };
    check_shares (a, 7, e);
  }
  /* the largest remainder wins, not the first row */
  {
    const gint64 a[] = { 2, 1, 3 };
    const gint e[] = { 3333, 1667, 5000 };
    check_shares (a, 3, e);
  }
  {
    const gint64 a[] = { 1, 2, 3 };
    const gint e[] = { 1667, 3333, 5000 };
    check_shares (a, 3, e);
  }
  /* a zero row gets nothing, even when it comes first */
  {
    const gint64 a[] = { 0, 1, 1, 1 };
    const gint e[] = { 0, 3334, 3333, 3333 };
    check_shares (a, 4, e);
  }
  /* exact shares */
  {
    const gint64 a[] = { 1, 3 };
    const gint e[] = { 2500, 7500 };
    check_shares (a, 2, e);
  }
  {
    const gint64 a[] = { 42 };
    const gint e[] = { 10000 };
    check_shares (a, 1, e);
  }
  /* a tiny row next to a huge one */
  {
    const gint64 a[] = { PG_AMOUNT_MAX, 1 };
    const gint e[] = { 10000, 0 };
    check_shares (a, 2, e);
  }
  /* huge amounts: amount × 10000 is far beyond 64 bits */
  {
    const gint64 a[] = { PG_AMOUNT_MAX, PG_AMOUNT_MAX, PG_AMOUNT_MAX };
    const gint e[] = { 3334, 3333, 3333 };
    check_shares (a, 3, e);
  }
  {
    const gint64 a[] = { G_MAXINT64, G_MAXINT64 };
    const gint e[] = { 5000, 5000 };
    check_shares (a, 2, e);
  }
  {
    /* 1/3 and 2/3 of a total near 2^64 */
    const gint64 a[] = { G_MAXINT64 / 2, G_MAXINT64 };
    const gint e[] = { 3333, 6667 };
    check_shares (a, 2, e);
  }
}

static void
test_shares_none (void)
{
  {
    const gint64 a[] = { 0, 0 };
    check_no_shares (a, 2);
  }
  {
    const gint64 a[] = { PG_AMOUNT_NONE, PG_AMOUNT_NONE };
    check_no_shares (a, 2);
  }
  {
    const gint64 a[] = { 0, PG_AMOUNT_NONE, 0 };
    check_no_shares (a, 3);
  }
  /* a negative amount */
  {
    const gint64 a[] = { 100, -1 };
    check_no_shares (a, 2);
  }
  {
    const gint64 a[] = { -100, -200 };
    check_no_shares (a, 2);
  }
  /* a total beyond 64 bits */
  {
    const gint64 a[] = { G_MAXINT64, G_MAXINT64, G_MAXINT64 };
    check_no_shares (a, 3);
  }
  /* no rows at all */
  g_assert_false (pg_amount_shares (NULL, 0, NULL));
}

/* For random rows: the shares add up to 10000, each is the floor of the
 * exact share or one more, and every row that got one more has a remainder
 * at least as large as every row that did not (equal only when earlier). */
static void
test_shares_random (void)
{
  guint round;

  for (round = 0; round < 2000; round++)
    {
      guint n = (guint) g_test_rand_int_range (1, 12);
      gint64 amounts[12];
      gint shares[12];
      gint64 floors[12];
      gint64 remainders[12];
      gint64 total = 0;
      gint64 sum = 0;
      gint64 limit = round % 2 == 0 ? 10 : 100000000;
      guint i;
      guint j;

      for (i = 0; i < n; i++)
        {
          amounts[i] = g_test_rand_int_range (0, (gint32) limit);
          total += amounts[i];
        }

      if (total == 0)
        {
          g_assert_false (pg_amount_shares (amounts, n, shares));
          continue;
        }

      g_assert_true (pg_amount_shares (amounts, n, shares));
      for (i = 0; i < n; i++)
        {
          /* small enough for 64 bits: total < 12 × 10^8 */
          floors[i] = amounts[i] * 10000 / total;
          remainders[i] = amounts[i] * 10000 % total;
          g_assert_cmpint (shares[i], >=, floors[i]);
          g_assert_cmpint (shares[i], <=, floors[i] + 1);
          if (remainders[i] == 0)
            g_assert_cmpint (shares[i], ==, floors[i]);
          sum += shares[i];
        }
      g_assert_cmpint (sum, ==, 10000);

      for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
          if (shares[i] > floors[i] && shares[j] == floors[j])
            {
              g_assert_cmpint (remainders[i], >=, remainders[j]);
              if (remainders[i] == remainders[j])
                g_assert_cmpuint (i, <, j);
            }
    }
}

static void
test_share_format (void)
{
  static const struct {
    gint        share;
    const char *text;
  } cases[] = {
    { 3947, "39.47%" },
    { 6053, "60.53%" },
    { 10000, "100.00%" },
    { 0, "0.00%" },
    { 5, "0.05%" },
    { 50, "0.50%" },
    { 3334, "33.34%" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pg_share_format (cases[i].share);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_null (pg_share_format (PG_SHARE_NONE));
}

/* The UI's form follows the locale's grouping, and always parses back. */
static void
check_for_locale (const char *locale,
                  gboolean    groups)
{
  static const struct { gint64 amount; guint min_decimals; const char *grouped, *plain; } cases[] = {
    { 14857300, 0, "1,485.73", "1485.73" },
    { 14857300, 2, "1,485.73", "1485.73" },
    { 19388000, 2, "1,938.80", "1938.80" },
    { 8993100, 2, "899.31", "899.31" },
    { 12345678901, 0, "1,234,567.8901", "1234567.8901" },
    { 12345678901, 2, "1,234,567.8901", "1234567.8901" },
    { 10000000000, 0, "1,000,000", "1000000" },
    { -35000, 0, "-3.5", "-3.5" },
    { 0, 2, "0.00", "0.00" },
  };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  if (setlocale (LC_NUMERIC, locale) == NULL)
    {
      g_test_skip_printf ("the %s locale is not installed (build-aux/dev.sh setup generates it)", locale);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pg_amount_format_for_locale (cases[i].amount, cases[i].min_decimals);
      g_autoptr(GError) error = NULL;
      gint64 parsed = 0;

      g_assert_cmpstr (text, ==, groups ? cases[i].grouped : cases[i].plain);
      g_assert_true (pg_amount_parse (text, &parsed, &error));
      g_assert_no_error (error);
      g_assert_cmpint (parsed, ==, cases[i].amount);
    }
  g_assert_null (pg_amount_format_for_locale (PG_AMOUNT_NONE, 0));
  setlocale (LC_NUMERIC, saved);
}

static void
test_format_for_locale_c (void)
{
  check_for_locale ("C", FALSE);
}

static void
test_format_for_locale_en (void)
{
  check_for_locale ("en_US.UTF-8", TRUE);
}

static void
test_format_for_locale_zh (void)
{
  check_for_locale ("zh_CN.UTF-8", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/amount/parse/good", test_parse_good);
  g_test_add_func ("/amount/parse/bad", test_parse_bad);
  g_test_add_func ("/amount/parse/messages", test_parse_messages);
  g_test_add_func ("/amount/format/canonical", test_format);
  g_test_add_func ("/amount/format/round-trip", test_round_trip);
  g_test_add_func ("/amount/format/fixed", test_format_fixed);
  g_test_add_func ("/amount/format/for-locale/c", test_format_for_locale_c);
  g_test_add_func ("/amount/format/for-locale/en", test_format_for_locale_en);
  g_test_add_func ("/amount/format/for-locale/zh", test_format_for_locale_zh);
  g_test_add_func ("/amount/format/fixed-bad-decimals", test_format_fixed_bad_decimals);
  g_test_add_func ("/amount/shares/values", test_shares);
  g_test_add_func ("/amount/shares/none", test_shares_none);
  g_test_add_func ("/amount/shares/random", test_shares_random);
  g_test_add_func ("/amount/share-format", test_share_format);

  return g_test_run ();
}
