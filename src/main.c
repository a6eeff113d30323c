/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <locale.h>
#include <stdio.h>

#include "pg-cli.h"
#include "pg-gui.h"

/* The window's module: beside the program when it runs from the build
 * tree, else where it is installed. */
static char *
gui_module_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  char *beside = dir != NULL ? g_module_build_path (dir, PG_GUI_MODULE_NAME) : NULL;

  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_REGULAR))
    return beside;
  g_free (beside);
  return g_module_build_path (PKGLIBDIR, PG_GUI_MODULE_NAME);
}

static int
run_gui (int    argc,
         char **argv)
{
  g_autofree char *path = gui_module_path ();
  GModule *module = g_module_open (path, G_MODULE_BIND_LOCAL);
  PgGuiMainFunc gui_main = NULL;

  if (module == NULL || !g_module_symbol (module, PG_GUI_MAIN_SYMBOL, (gpointer *) &gui_main))
    {
      /* Translators: an error on the command line; %s says why, from the
       * system (often in English). */
      g_autofree char *message = g_strdup_printf (_("Cannot load the window: %s"), g_module_error ());

      /* Like the command line's errors (pg-cli.c): one line, for scripts. */
      fprintf (stderr, "%s: %s\n", PROGRAM_NAME, message);
      return 1;
    }
  /* Never unloaded: its types stay registered for the life of the process. */
  g_module_make_resident (module);
  return gui_main (argc, argv);
}

int
main (int    argc,
      char **argv)
{
  /* An uninstalled build (meson devenv, dev.sh run) reads the catalogs it
   * has just built rather than whatever an earlier install left. */
  const char *localedir = g_getenv ("PERFGOAL_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Command-line work opens no window, needs no display and loads no GTK. */
  if (pg_cli_wants (argc, argv))
    return pg_cli_run (argc, argv);
  return run_gui (argc, argv);
}
