/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An indicator value as a user writes it on paper: an optional comparison,
 * a number and a unit ("≥95%", "1100 人次", "461 万元"), or a qualitative
 * phrase ("达标", "有效提升"). The finance system stores comparison, number
 * and unit apart (计算符号, 指标值, 计量单位), so we can split a value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PG_VALUE_EMPTY,        /* nothing but white space */
  PG_VALUE_QUANTITY,     /* [comparison] number [unit] */
  PG_VALUE_QUALITATIVE,  /* a phrase with no digit at all */
  PG_VALUE_OTHER,        /* neither: digits, but not as a quantity ("约100人左右") */
} PgValueKind;

typedef enum {
  PG_COMPARISON_NONE,
  PG_COMPARISON_GE,   /* ≥ >= ＞＝ */
  PG_COMPARISON_LE,   /* ≤ <= ＜＝ */
  PG_COMPARISON_GT,   /* > ＞ */
  PG_COMPARISON_LT,   /* < ＜ */
  PG_COMPARISON_EQ,   /* = ＝ */
} PgComparison;

typedef struct {
  PgValueKind  kind;
  PgComparison comparison;
  char        *number;   /* normalised ASCII: "95", "95.00", "-3"; NULL unless a quantity */
  char        *unit;     /* trimmed, "" when none; NULL unless a quantity */
  char        *phrase;   /* trimmed text for QUALITATIVE and OTHER, else NULL */
} PgValue;

/* Splits `text`. Full-width digits, signs and comparisons are understood.
 * Always succeeds; free the result with pg_value_free(). */
PgValue *pg_value_parse (const char *text);
void     pg_value_free  (PgValue *value);

/* "≥", "≤", ">", "<", "=" (the form's own symbols: ≥ ≤ ＞ ＜ ＝), "" for none. */
const char *pg_comparison_to_string (PgComparison comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PgValue, pg_value_free)

/* A date as the document and the exchange format write it: exactly
 * "YYYY-MM-DD", and a real day of the calendar. */
gboolean pg_date_is_valid (const char *text);

G_END_DECLS
