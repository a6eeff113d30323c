/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The characters people type into amounts and values, ASCII or the
 * full-width forms a Chinese input method gives: one place that knows them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 0–9 for an ASCII or full-width digit, else -1. */
int      pg_char_digit_value       (gunichar c);
gboolean pg_char_is_grouping_comma (gunichar c); /* , ， */
gboolean pg_char_is_decimal_point  (gunichar c); /* . ． */
gboolean pg_char_is_minus          (gunichar c); /* - － − */
gboolean pg_char_is_plus           (gunichar c); /* + ＋ */

G_END_DECLS
