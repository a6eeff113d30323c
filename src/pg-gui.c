/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include "pg-application.h"
#include "pg-gui.h"

int
pg_gui_main (int    argc,
             char **argv)
{
  g_autoptr(PgApplication) app = pg_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
