/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command-line paths that open no window: export (and later check).
 * No GTK here, so they run without a display and tests call them in-process.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether argv asks for a command-line path rather than windows. */
gboolean pg_cli_wants (int    argc,
                       char **argv);

/* Runs it: returns the exit status. Messages go to stderr, one line each. */
int pg_cli_run (int    argc,
                char **argv);

/* Loads a declaration from a .perfgoal or a .json file, by its content:
 * the app's Open and the command line read files the same way. The command
 * line reads JSON `in_memory` (pg_document_new_in_memory): what it reads is
 * written out or checked, never kept. */
struct _PgDocument *pg_cli_load (GFile    *file,
                                 gboolean  in_memory,
                                 GError  **error);

G_END_DECLS
