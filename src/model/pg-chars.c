/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-model"

#include "config.h"

#include "pg-chars-private.h"

int
pg_char_digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)       /* ０ … ９ */
    return (int) (c - 0xFF10);
  return -1;
}

gboolean
pg_char_is_grouping_comma (gunichar c)
{
  return c == ',' || c == 0xFF0C;       /* ， */
}

gboolean
pg_char_is_decimal_point (gunichar c)
{
  return c == '.' || c == 0xFF0E;       /* ． */
}

gboolean
pg_char_is_minus (gunichar c)
{
  return c == '-' || c == 0xFF0D || c == 0x2212;  /* － − */
}

gboolean
pg_char_is_plus (gunichar c)
{
  return c == '+' || c == 0xFF0B;       /* ＋ */
}
