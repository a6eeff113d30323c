/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * prepare-print-faces CHARACTERS OUTPUT: the build's step that writes the
 * prepared print faces (pg-print-fonts.h) of the fonts installed where it
 * runs, for the characters in the file CHARACTERS (UTF-8; line breaks are
 * not characters). With no CJK font installed it writes a file with
 * what faces there are (perhaps none): the program then cuts the whole
 * faces it finds, as it would with no file. A step of the build, not of
 * the program: its messages are for the build log, in English.
 */
#include "config.h"

#include <glib.h>
#include <stdio.h>

#include "pg-print-layout.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) characters = g_string_new (NULL);
  gsize length = 0;
  guint n_faces = 0;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s CHARACTERS OUTPUT\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      fprintf (stderr, "%s: %s is not UTF-8 text\n", argv[0], argv[1]);
      return 1;
    }
  for (const char *p = contents; *p != '\0'; p = g_utf8_next_char (p))
    if (*p != '\n' && *p != '\r')
      g_string_append_unichar (characters, g_utf8_get_char (p));

  if (!pg_print_prepare_faces (characters->str, argv[2], &n_faces, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  printf ("%s: %u prepared faces\n", argv[2], n_faces);
  return 0;
}
