/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start page, for when no declaration is open: New, Open, Open Example
 * and the declarations saved recently.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWindow *pg_start_window_present (GtkApplication *application);
void       pg_start_window_close_all (GtkApplication *application);

G_END_DECLS
