/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-model"

#include <string.h>

#include <glib.h>

#include "pg-chars-private.h"
#include "pg-value.h"

/* The value of an ASCII or full-width decimal digit, or -1. */
static gboolean
is_equals (gunichar c)
{
  return c == '=' || c == 0xFF1D;       /* ＝ */
}

static gboolean
has_digit (const char *p,
           const char *end)
{
  for (; p < end; p = g_utf8_next_char (p))
    if (pg_char_digit_value (g_utf8_get_char (p)) >= 0)
      return TRUE;
  return FALSE;
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* Reads a comparison at *p, if there is one, and moves *p past it. */
static PgComparison
read_comparison (const char **p,
                 const char  *end)
{
  const char *next;
  gunichar c;

  if (*p >= end)
    return PG_COMPARISON_NONE;

  c = g_utf8_get_char (*p);
  next = g_utf8_next_char (*p);

  switch (c)
    {
    case 0x2265:                        /* ≥ */
    case 0x2267:                        /* ≧ */
      *p = next;
      return PG_COMPARISON_GE;

    case 0x2264:                        /* ≤ */
    case 0x2266:                        /* ≦ */
      *p = next;
      return PG_COMPARISON_LE;

    case '>':
    case 0xFF1E:                        /* ＞ */
      if (next < end && is_equals (g_utf8_get_char (next)))
        {
          *p = g_utf8_next_char (next);
          return PG_COMPARISON_GE;
        }
      *p = next;
      return PG_COMPARISON_GT;

    case '<':
    case 0xFF1C:                        /* ＜ */
      if (next < end && is_equals (g_utf8_get_char (next)))
        {
          *p = g_utf8_next_char (next);
          return PG_COMPARISON_LE;
        }
      *p = next;
      return PG_COMPARISON_LT;

    case '=':
    case 0xFF1D:                        /* ＝ */
      *p = next;
      return PG_COMPARISON_EQ;

    default:
      return PG_COMPARISON_NONE;
    }
}

/* Counts the digits at p (before end). */
static guint
count_digits (const char *p,
              const char *end)
{
  guint n = 0;

  for (; p < end && pg_char_digit_value (g_utf8_get_char (p)) >= 0; p = g_utf8_next_char (p))
    n++;
  return n;
}

/* Reads digits at *p into `number` as ASCII and moves *p past them. */
static void
read_digits (const char **p,
             const char  *end,
             GString     *number)
{
  int d;

  while (*p < end && (d = pg_char_digit_value (g_utf8_get_char (*p))) >= 0)
    {
      g_string_append_c (number, (char) ('0' + d));
      *p = g_utf8_next_char (*p);
    }
}

/* Reads an unsigned number at *p: digits, grouped in threes by commas or
 * not, and an optional point with digits after it. A comma or point that
 * does not fit stays where it is, for the caller to find at the start of
 * the unit. Returns FALSE when *p does not start with a digit. */
static gboolean
read_number (const char **p,
             const char  *end,
             GString     *number)
{
  guint first_group = count_digits (*p, end);

  if (first_group == 0)
    return FALSE;

  read_digits (p, end, number);

  if (first_group <= 3)
    {
      /* ",ddd" not followed by a further digit, as often as it comes */
      while (*p < end && pg_char_is_grouping_comma (g_utf8_get_char (*p)))
        {
          const char *group = g_utf8_next_char (*p);

          if (count_digits (group, end) != 3)
            break;
          *p = group;
          read_digits (p, end, number);
        }
    }

  if (*p < end && pg_char_is_decimal_point (g_utf8_get_char (*p)))
    {
      const char *fraction = g_utf8_next_char (*p);

      if (count_digits (fraction, end) > 0)
        {
          g_string_append_c (number, '.');
          *p = fraction;
          read_digits (p, end, number);
        }
    }

  return TRUE;
}

/* The unit as written, with the full-width percent sign made ASCII. */
static char *
normalise_unit (const char *p,
                const char *end)
{
  GString *unit = g_string_sized_new ((gsize) (end - p));

  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFF05)                  /* ％ */
        g_string_append_c (unit, '%');
      else
        g_string_append_len (unit, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (unit, FALSE);
}

/* Tries to read `start`..`end` (trimmed, non-empty) as
 * [comparison] [sign] number [unit]. */
static gboolean
parse_quantity (const char *start,
                const char *end,
                PgValue    *value)
{
  g_autoptr(GString) number = g_string_new (NULL);
  const char *p = start;
  PgComparison comparison;
  gunichar c;

  comparison = read_comparison (&p, end);
  p = skip_space (p, end);

  if (p < end)
    {
      c = g_utf8_get_char (p);
      if (pg_char_is_minus (c))
        {
          g_string_append_c (number, '-');
          p = g_utf8_next_char (p);
        }
      else if (pg_char_is_plus (c))
        {
          p = g_utf8_next_char (p);
        }
    }

  if (!read_number (&p, end, number))
    return FALSE;

  p = skip_space (p, end);

  /* A unit never holds a digit ("100-200人"), nor starts with a comma or
   * point left over from the number ("1,5", "3.") */
  if (has_digit (p, end))
    return FALSE;
  if (p < end)
    {
      c = g_utf8_get_char (p);
      if (pg_char_is_grouping_comma (c) || pg_char_is_decimal_point (c))
        return FALSE;
    }

  value->kind = PG_VALUE_QUANTITY;
  value->comparison = comparison;
  value->number = g_string_free (g_steal_pointer (&number), FALSE);
  value->unit = normalise_unit (p, end);
  return TRUE;
}

PgValue *
pg_value_parse (const char *text)
{
  g_autofree char *valid = NULL;
  PgValue *value = g_new0 (PgValue, 1);
  const char *start;
  const char *end;
  const char *p;

  value->kind = PG_VALUE_EMPTY;
  value->comparison = PG_COMPARISON_NONE;

  /* NULL reads as empty: a value not filled in. */
  if (text == NULL)
    return value;

  if (!g_utf8_validate (text, -1, NULL))
    {
      valid = g_utf8_make_valid (text, -1);
      text = valid;
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
    return value;

  if (!has_digit (start, end))
    {
      value->kind = PG_VALUE_QUALITATIVE;
      value->phrase = g_strndup (start, (gsize) (end - start));
      return value;
    }

  if (parse_quantity (start, end, value))
    return value;

  value->kind = PG_VALUE_OTHER;
  value->phrase = g_strndup (start, (gsize) (end - start));
  return value;
}

void
pg_value_free (PgValue *value)
{
  if (value == NULL)
    return;

  g_free (value->number);
  g_free (value->unit);
  g_free (value->phrase);
  g_free (value);
}

const char *
pg_comparison_to_string (PgComparison comparison)
{
  switch (comparison)
    {
    case PG_COMPARISON_NONE:
      return "";
    case PG_COMPARISON_GE:
      return "≥";
    case PG_COMPARISON_LE:
      return "≤";
    case PG_COMPARISON_GT:
      return ">";
    case PG_COMPARISON_LT:
      return "<";
    case PG_COMPARISON_EQ:
      return "=";
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
pg_date_is_valid (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";
  guint year, month, day;

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  return g_date_valid_dmy (day, month, year);
}
