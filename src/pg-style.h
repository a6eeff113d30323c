/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PerfGoal's stylesheet (pg-style.css), over libadwaita's.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Adds the stylesheet to the default display, once: each widget that needs
 * it calls this, the windows and the tests alike. Does nothing without a
 * display. */
void pg_style_load (void);

G_END_DECLS
