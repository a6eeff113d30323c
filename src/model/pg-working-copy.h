/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Working copies: the private databases documents are edited in, under
 * $XDG_DATA_HOME/perfgoal/working/. A document holds an exclusive flock()
 * on its working copy's lock file for as long as it is open, so a working
 * copy whose lock can be taken belongs to a process that is gone: a crash
 * to recover from.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char      *path;        /* the working copy */
  char      *source_uri;  /* the user's file, or NULL for a new declaration */
  char      *title;       /* department name and year, or "" */
  gboolean   modified;    /* has edits that were never saved */
  GDateTime *last_edit;
} PgRecoverable;

void pg_recoverable_free (PgRecoverable *recoverable);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PgRecoverable, pg_recoverable_free)

/* The directory, created when missing. */
char *pg_working_copy_dir (GError **error);

/* A new, unused working copy path, locked by this process: returns the
 * lock's file descriptor in out_lock_fd. */
char *pg_working_copy_create (int     *out_lock_fd,
                              GError **error);
/* Takes the lock of an existing working copy; -1 and an error when another
 * process holds it. */
int   pg_working_copy_lock   (const char *path,
                              GError    **error);
/* Deletes a working copy with its journal and lock file, and releases the
 * lock (lock_fd may be -1). */
void  pg_working_copy_delete (const char *path,
                              int         lock_fd);

/* The working copies left behind by processes that are gone, newest
 * first, in a GPtrArray of PgRecoverable. Copies without unsaved edits are
 * included with modified FALSE; callers usually discard those. */
GPtrArray *pg_working_copy_list_recoverable (void);

G_END_DECLS
