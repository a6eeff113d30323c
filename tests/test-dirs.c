/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "test-dirs.h"

static char *data_home;

void
pg_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        pg_test_remove_tree (child);
      }
  g_remove (path);
}

static void
remove_data_home (void)
{
  pg_test_remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);
}

const char *
pg_test_private_data_home (const char *prefix)
{
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (data_home);
  data_home = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* The print fonts' cache too (pg-print-fonts.h). */
  {
    g_autofree char *cache = g_build_filename (data_home, "cache", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  atexit (remove_data_home);
  return data_home;
}
