/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-model"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pg-amount.h"
#include "pg-chars-private.h"

/* How much of the user's text an error message quotes. */
#define DISPLAY_MAX_CHARS 40

G_DEFINE_QUARK (pg-amount-error-quark, pg_amount_error)

/* The value of an ASCII or full-width decimal digit, or -1. */
/* A copy of the trimmed `text` fit to quote in a message: valid UTF-8 and
 * at most DISPLAY_MAX_CHARS characters. */
static char *
display_text (const char *text,
              gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) length);

  if (g_utf8_strlen (valid, -1) > DISPLAY_MAX_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, DISPLAY_MAX_CHARS);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

/* Splits a number written as [sign] digits [, digits …] [point digits] into
 * its ASCII integer and fraction digits. Grouping commas only stand between
 * groups of exactly three digits after a first group of one to three
 * ("1,485", "12,345,678"), so that "1,5" is refused rather than read as 15.
 * Returns FALSE when `p` (up to `end`) is not such a number. */
static gboolean
split_number (const char *p,
              const char *end,
              gboolean   *out_negative,
              GString    *int_digits,
              GString    *frac_digits)
{
  gunichar c;
  gboolean seen_comma = FALSE;
  gboolean seen_point = FALSE;
  guint group_length = 0;

  *out_negative = FALSE;
  if (p >= end)
    return FALSE;

  c = g_utf8_get_char (p);
  if (pg_char_is_minus (c) || pg_char_is_plus (c))
    {
      *out_negative = pg_char_is_minus (c);
      p = g_utf8_next_char (p);
    }

  for (; p < end; p = g_utf8_next_char (p))
    {
      int d;

      c = g_utf8_get_char (p);
      d = pg_char_digit_value (c);

      if (d >= 0)
        {
          if (seen_point)
            {
              g_string_append_c (frac_digits, (char) ('0' + d));
            }
          else
            {
              g_string_append_c (int_digits, (char) ('0' + d));
              group_length++;
              if (seen_comma && group_length > 3)
                return FALSE;
            }
        }
      else if (pg_char_is_grouping_comma (c) && !seen_point)
        {
          if (group_length == 0 || group_length > 3)
            return FALSE;
          if (seen_comma && group_length != 3)
            return FALSE;
          seen_comma = TRUE;
          group_length = 0;
        }
      else if (pg_char_is_decimal_point (c) && !seen_point)
        {
          if (seen_comma && group_length != 3)
            return FALSE;
          seen_point = TRUE;
        }
      else
        {
          return FALSE;
        }
    }

  /* A trailing comma, or a last group that is not three digits long. */
  if (!seen_point && seen_comma && group_length != 3)
    return FALSE;

  return int_digits->len + frac_digits->len > 0;
}

gboolean
pg_amount_parse (const char *text,
                 gint64     *out_amount,
                 GError    **error)
{
  g_autoptr(GString) int_digits = NULL;
  g_autoptr(GString) frac_digits = NULL;
  g_autofree char *shown = NULL;
  const char *start;
  const char *end;
  const char *p;
  gboolean negative = FALSE;
  guint64 whole = 0;
  guint64 fraction = 0;
  guint64 magnitude;
  gsize i;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      shown = display_text (text, strlen (text));
      g_set_error (error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_SYNTAX,
                   /* Translators: %s is the text that was typed. */
                   _("“%s” is not an amount"), shown);
      return FALSE;
    }

  /* Trim white space, U+3000 included. */
  start = text;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      p = g_utf8_find_prev_char (start, end);
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        break;
      end = p;
    }

  if (start == end)
    {
      g_set_error_literal (error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_EMPTY,
                           _("No amount was given"));
      return FALSE;
    }

  shown = display_text (start, (gsize) (end - start));
  int_digits = g_string_new (NULL);
  frac_digits = g_string_new (NULL);

  if (!split_number (start, end, &negative, int_digits, frac_digits))
    {
      g_set_error (error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_SYNTAX,
                   /* Translators: %s is the text that was typed. */
                   _("“%s” is not an amount"), shown);
      return FALSE;
    }

  if (frac_digits->len > PG_AMOUNT_MAX_DECIMALS)
    {
      g_set_error (error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_TOO_PRECISE,
                   /* Translators: %s is the amount that was typed. */
                   _("“%s” has more than four decimal places"), shown);
      return FALSE;
    }

  for (i = 0; i < int_digits->len; i++)
    {
      whole = whole * 10 + (guint64) (int_digits->str[i] - '0');
      /* Stop long before guint64 could overflow; the exact limit is
       * checked below. */
      if (whole > (guint64) (PG_AMOUNT_MAX / PG_AMOUNT_SCALE) + 1)
        goto too_large;
    }

  for (i = 0; i < PG_AMOUNT_MAX_DECIMALS; i++)
    fraction = fraction * 10 + (i < frac_digits->len ? (guint64) (frac_digits->str[i] - '0') : 0);

  magnitude = whole * (guint64) PG_AMOUNT_SCALE + fraction;
  if (magnitude > (guint64) PG_AMOUNT_MAX)
    goto too_large;

  if (out_amount != NULL)
    *out_amount = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;

too_large:
  g_set_error (error, PG_AMOUNT_ERROR, PG_AMOUNT_ERROR_TOO_LARGE,
               /* Translators: %s is the amount that was typed. */
               _("“%s” is too large for an amount"), shown);
  return FALSE;
}

static guint64
magnitude_of (gint64 amount)
{
  /* Negating in unsigned arithmetic is defined even for G_MININT64. */
  return amount < 0 ? -(guint64) amount : (guint64) amount;
}

/* Writes [-]int[.frac] with `decimals` fraction digits (frac < 10^decimals),
 * grouping the integer digits in threes with ',' when asked to. */
static char *
build_number (gboolean negative,
              guint64  whole,
              guint    fraction,
              guint    decimals,
              gboolean grouping)
{
  GString *out = g_string_new (NULL);
  char digits[32];
  gsize n_digits;
  gsize i;

  if (negative)
    g_string_append_c (out, '-');

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, whole);
  n_digits = strlen (digits);
  for (i = 0; i < n_digits; i++)
    {
      if (grouping && i > 0 && (n_digits - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  if (decimals > 0)
    g_string_append_printf (out, ".%0*u", (int) decimals, fraction);

  return g_string_free (out, FALSE);
}

/* The amount with no trailing zeros beyond `min_decimals` decimals. */
static char *
format_exact (gint64   amount,
              guint    min_decimals,
              gboolean grouping)
{
  guint64 magnitude;
  guint fraction;
  guint decimals = PG_AMOUNT_MAX_DECIMALS;

  if (amount == PG_AMOUNT_NONE)
    return NULL;

  magnitude = magnitude_of (amount);
  fraction = (guint) (magnitude % (guint64) PG_AMOUNT_SCALE);
  while (decimals > min_decimals && fraction % 10 == 0)
    {
      fraction /= 10;
      decimals--;
    }

  return build_number (amount < 0, magnitude / (guint64) PG_AMOUNT_SCALE,
                       fraction, decimals, grouping);
}

char *
pg_amount_format (gint64 amount)
{
  return format_exact (amount, 0, FALSE);
}

char *
pg_amount_format_for_locale (gint64 amount,
                             guint  min_decimals)
{
  const struct lconv *conventions = localeconv ();
  gboolean grouping = conventions->thousands_sep != NULL && conventions->thousands_sep[0] != '\0';

  g_return_val_if_fail (min_decimals <= PG_AMOUNT_MAX_DECIMALS, NULL);

  return format_exact (amount, min_decimals, grouping);
}

char *
pg_amount_format_fixed (gint64   amount,
                        guint    decimals,
                        gboolean grouping)
{
  guint64 magnitude;
  guint64 divisor = 1;
  guint64 unit = 1;
  guint64 rounded;
  guint i;

  g_return_val_if_fail (decimals <= PG_AMOUNT_MAX_DECIMALS, NULL);

  if (amount == PG_AMOUNT_NONE)
    return NULL;

  for (i = decimals; i < PG_AMOUNT_MAX_DECIMALS; i++)
    divisor *= 10;
  for (i = 0; i < decimals; i++)
    unit *= 10;

  /* Half away from zero: round the magnitude half up. Cannot overflow, as
   * the magnitude is at most 2^63. */
  magnitude = magnitude_of (amount);
  rounded = (magnitude + divisor / 2) / divisor;

  /* No "-0.00" for a small negative amount that rounds to zero. */
  return build_number (amount < 0 && rounded != 0, rounded / unit,
                       (guint) (rounded % unit), decimals, grouping);
}

typedef struct {
  guint64 remainder;
  guint   index;
} ShareRemainder;

static int
compare_remainders (const void *a,
                    const void *b)
{
  const ShareRemainder *ra = a;
  const ShareRemainder *rb = b;

  /* Largest remainder first; between equal ones the earlier row first. */
  if (ra->remainder != rb->remainder)
    return ra->remainder > rb->remainder ? -1 : 1;
  if (ra->index != rb->index)
    return ra->index < rb->index ? -1 : 1;
  return 0;
}

/* floor (part * 10000 / total) and (part * 10000) mod total, exactly, for
 * 0 <= part <= total, with no intermediate wider than 64 bits: a long
 * division by `total`, one decimal digit at a time, where each digit is
 * found by adding the running remainder to itself ten times modulo
 * `total`. */
static guint64
scaled_quotient (guint64  part,
                 guint64  total,
                 guint64 *out_remainder)
{
  guint64 quotient = 0;
  guint64 remainder = part % total;
  int step;

  if (part == total)
    {
      *out_remainder = 0;
      return 10000;
    }

  for (step = 0; step < 4; step++)
    {
      guint64 acc = 0;
      guint digit = 0;
      int k;

      for (k = 0; k < 10; k++)
        {
          /* acc = (acc + remainder) mod total, without overflow */
          if (acc >= total - remainder)
            {
              acc -= total - remainder;
              digit++;
            }
          else
            {
              acc += remainder;
            }
        }
      quotient = quotient * 10 + digit;
      remainder = acc;
    }

  *out_remainder = remainder;
  return quotient;
}

gboolean
pg_amount_shares (const gint64 *amounts,
                  guint         n_amounts,
                  gint         *out_shares)
{
  g_autofree ShareRemainder *remainders = NULL;
  guint64 total = 0;
  guint64 assigned = 0;
  guint i;

  g_return_val_if_fail (amounts != NULL || n_amounts == 0, FALSE);
  g_return_val_if_fail (out_shares != NULL || n_amounts == 0, FALSE);

  for (i = 0; i < n_amounts; i++)
    {
      guint64 part;

      if (amounts[i] == PG_AMOUNT_NONE)
        continue;
      if (amounts[i] < 0)
        goto no_shares;
      part = (guint64) amounts[i];
      /* A total beyond 64 bits: far past PG_AMOUNT_MAX, no shares. */
      if (total > G_MAXUINT64 - part)
        goto no_shares;
      total += part;
    }

  if (total == 0)
    goto no_shares;

  remainders = g_new (ShareRemainder, n_amounts);
  for (i = 0; i < n_amounts; i++)
    {
      guint64 part = amounts[i] == PG_AMOUNT_NONE ? 0 : (guint64) amounts[i];
      guint64 quotient = scaled_quotient (part, total, &remainders[i].remainder);

      remainders[i].index = i;
      out_shares[i] = (gint) quotient;
      assigned += quotient;
    }

  /* The floors fall short of 10000 by less than n_amounts; the rows with
   * the largest remainders each get one more. A row with no remainder
   * never does: the shortfall is the sum of the remainders over total. */
  qsort (remainders, n_amounts, sizeof (ShareRemainder), compare_remainders);
  for (i = 0; assigned < 10000 && i < n_amounts; i++)
    {
      out_shares[remainders[i].index]++;
      assigned++;
    }
  g_assert (assigned == 10000);

  return TRUE;

no_shares:
  for (i = 0; i < n_amounts; i++)
    out_shares[i] = PG_SHARE_NONE;
  return FALSE;
}

char *
pg_share_format (gint share)
{
  if (share < 0)
    return NULL;

  return g_strdup_printf ("%d.%02d%%", share / 100, share % 100);
}
