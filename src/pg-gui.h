/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window lives in a module of its own, perfgoal-gui, that main() loads
 * only when a window is wanted: the command line (perfgoal --export) then
 * starts without loading GTK, libadwaita and the thirty libraries they
 * bring, which took some 20 ms of an export's 110. No GTK header here.
 */
#pragma once

#define PG_GUI_MODULE_NAME "perfgoal-gui"
#define PG_GUI_MAIN_SYMBOL "pg_gui_main"

typedef int (*PgGuiMainFunc) (int    argc,
                              char **argv);

/* Runs the application with its windows; returns the exit status. */
int pg_gui_main (int    argc,
                 char **argv);
