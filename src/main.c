/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pg-application.h"
#include "pg-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PgApplication) app = NULL;
  /* An uninstalled build (meson devenv, dev.sh run) reads the catalogs it
   * has just built rather than whatever an earlier install left. */
  const char *localedir = g_getenv ("PERFGOAL_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Command-line work opens no window and needs no display. */
  if (pg_cli_wants (argc, argv))
    return pg_cli_run (argc, argv);

  app = pg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
