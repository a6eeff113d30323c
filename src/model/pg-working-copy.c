/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-model"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include "pg-document.h"
#include "pg-schema.h"
#include "pg-working-copy.h"

#define WORKING_SUFFIX ".perfgoal"

void
pg_recoverable_free (PgRecoverable *recoverable)
{
  if (recoverable == NULL)
    return;
  g_free (recoverable->path);
  g_free (recoverable->source_uri);
  g_free (recoverable->title);
  g_clear_pointer (&recoverable->last_edit, g_date_time_unref);
  g_free (recoverable);
}

char *
pg_working_copy_dir (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "perfgoal", "working", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder name, the second the reason. */
                   _("Could not create the folder for working copies “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&dir);
}

static char *
lock_path_for (const char *path)
{
  return g_strconcat (path, ".lock", NULL);
}

int
pg_working_copy_lock (const char *path,
                      GError    **error)
{
  g_autofree char *lock_path = lock_path_for (path);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the first %s is a file name, the second the reason. */
                   _("Could not lock the working copy “%s”: %s"), path, g_strerror (saved_errno));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   /* Translators: %s is a file name. */
                   _("The working copy “%s” is in use by another PerfGoal window."), path);
      return -1;
    }
  return fd;
}

char *
pg_working_copy_create (int     *out_lock_fd,
                        GError **error)
{
  g_autofree char *dir = pg_working_copy_dir (error);
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  int fd;

  if (dir == NULL)
    return NULL;

  uuid = g_uuid_string_random ();
  name = g_strconcat (uuid, WORKING_SUFFIX, NULL);
  path = g_build_filename (dir, name, NULL);
  fd = pg_working_copy_lock (path, error);
  if (fd < 0)
    return NULL;
  *out_lock_fd = fd;
  return g_steal_pointer (&path);
}

void
pg_working_copy_delete (const char *path,
                        int         lock_fd)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *lock_path = lock_path_for (path);

  g_unlink (path);
  g_unlink (journal);
  /* The lock file goes last, while we still hold the lock, so that no
   * scanner takes a half-deleted copy for a crashed one. */
  g_unlink (lock_path);
  if (lock_fd >= 0)
    close (lock_fd);
}

/* Reads what the recovery offer shows, without changing the copy. */
static PgRecoverable *
describe (const char *path)
{
  g_autoptr(PgRecoverable) rec = g_new0 (PgRecoverable, 1);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;
  gint64 saved_seq = 0, top_seq = 0;

  rec->path = g_strdup (path);
  rec->title = g_strdup ("");
  if (g_stat (path, &st) == 0)
    rec->last_edit = g_date_time_new_from_unix_local (st.st_mtime);

  db = pg_schema_open (path, FALSE, NULL);
  if (db == NULL)
    return NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT (SELECT value FROM working_state WHERE key = 'source_uri'),"
                          " (SELECT value FROM working_state WHERE key = 'saved_seq'),"
                          " (SELECT coalesce (max (seq), 0) FROM history WHERE undone = 0),"
                          " (SELECT department_name || CASE WHEN budget_year IS NULL THEN ''"
                          "   ELSE ' ' || budget_year END FROM declaration)",
                          -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
        rec->source_uri = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      saved_seq = sqlite3_column_int64 (stmt, 1);
      top_seq = sqlite3_column_int64 (stmt, 2);
      if (sqlite3_column_text (stmt, 3) != NULL)
        {
          g_free (rec->title);
          rec->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
        }
      rec->modified = saved_seq != top_seq;
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      return g_steal_pointer (&rec);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return NULL;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const PgRecoverable *ra = *(PgRecoverable **) a;
  const PgRecoverable *rb = *(PgRecoverable **) b;

  if (ra->last_edit == NULL || rb->last_edit == NULL)
    return (ra->last_edit == NULL) - (rb->last_edit == NULL);
  return g_date_time_compare (rb->last_edit, ra->last_edit);
}

GPtrArray *
pg_working_copy_list_recoverable (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) pg_recoverable_free);
  g_autofree char *dir = pg_working_copy_dir (NULL);
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  if (dir == NULL || (gdir = g_dir_open (dir, 0, NULL)) == NULL)
    return list;

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = NULL;
      PgRecoverable *rec;
      int fd;

      if (!g_str_has_suffix (name, WORKING_SUFFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = pg_working_copy_lock (path, NULL);
      if (fd < 0)
        continue; /* a live document's */
      rec = describe (path);
      close (fd);
      if (rec != NULL)
        g_ptr_array_add (list, rec);
    }

  g_ptr_array_sort (list, newest_first);
  return list;
}
