/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exact decimal amounts. An amount is a gint64 counting ten-thousandths of
 * the document unit (万元 or 元), so "1485.73" is 14857300. Binary floating
 * point never touches an amount. PG_AMOUNT_NONE stands for "not filled in".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PG_AMOUNT_NONE G_MININT64
#define PG_AMOUNT_SCALE G_GINT64_CONSTANT (10000)
#define PG_AMOUNT_MAX_DECIMALS 4
/* Large enough for any budget, small enough that a block's sum never overflows. */
#define PG_AMOUNT_MAX (G_GINT64_CONSTANT (999999999999999) * (PG_AMOUNT_SCALE / 1000))

/* A share in hundredths of a percent: 10000 is 100.00 %. */
#define PG_SHARE_NONE (-1)

typedef enum {
  PG_AMOUNT_ERROR_EMPTY,
  PG_AMOUNT_ERROR_SYNTAX,
  PG_AMOUNT_ERROR_TOO_PRECISE,
  PG_AMOUNT_ERROR_TOO_LARGE,
} PgAmountError;

#define PG_AMOUNT_ERROR (pg_amount_error_quark ())
GQuark pg_amount_error_quark (void);

/* Parses what a user types: "1485.73", "1,485.73", " 120 ", "-3.5", and the
 * full-width forms a Chinese input method produces ("１４８５．７３", "，").
 * An empty or blank string is PG_AMOUNT_ERROR_EMPTY (callers that allow
 * empty amounts check for it). More than four decimals is an error, never
 * rounded away. */
gboolean pg_amount_parse (const char *text,
                          gint64     *out_amount,
                          GError    **error);

/* The canonical form used in JSON and the UI: no grouping, no trailing
 * zeros, no trailing point ("1485.73", "2699", "-0.5"). NULL for
 * PG_AMOUNT_NONE. Free with g_free(). */
char *pg_amount_format (gint64 amount);

/* How the UI shows an amount: at least `min_decimals` (0–4) decimals and
 * more when the amount has them (never rounded), the integer digits grouped
 * in threes when the locale groups numbers (LC_NUMERIC has a thousands
 * separator: en_US and zh_CN do, C does not). The separator is always ','
 * and the point '.', as on the form, so pg_amount_parse() reads the text
 * back whatever the locale. NULL for PG_AMOUNT_NONE. */
char *pg_amount_format_for_locale (gint64 amount,
                                   guint  min_decimals);

/* Like pg_amount_format() with exactly `decimals` (0–4) decimals, rounding
 * half away from zero, and thousands grouping when `grouping` is TRUE. */
char *pg_amount_format_fixed (gint64   amount,
                              guint    decimals,
                              gboolean grouping);

/* Shares of `n_amounts` amounts in their total (PG_AMOUNT_NONE counts as 0),
 * each in hundredths of a percent, written to out_shares. The shares add up
 * to exactly 10000 by the largest-remainder rule (ties go to the earlier
 * row). When the total is not positive or an amount is negative, every share
 * is PG_SHARE_NONE and FALSE is returned. */
gboolean pg_amount_shares (const gint64 *amounts,
                           guint         n_amounts,
                           gint         *out_shares);

/* "39.47%" for 3947; NULL for PG_SHARE_NONE. */
char *pg_share_format (gint share);

G_END_DECLS
