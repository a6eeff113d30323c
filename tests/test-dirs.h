/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test programs keep their working copies in a data directory of their own,
 * and leave nothing behind when they end.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes a fresh directory named after `prefix` in the temporary directory,
 * points XDG_DATA_HOME (and XDG_CACHE_HOME, at its "cache" folder) at it
 * (call it before anything reads them), and
 * removes it with everything in it when the program exits normally. A
 * program that aborts leaves it, to be looked at. Returns its path, owned
 * by this module. */
const char *pg_test_private_data_home (const char *prefix);

/* Removes `path` and, if it is a directory, everything in it. */
void        pg_test_remove_tree       (const char *path);

G_END_DECLS
