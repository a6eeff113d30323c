/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document database: its schema, its migrations, and the defensive way
 * every document database is opened.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* "PGOL": the SQLite application_id at byte offset 68, our MIME magic. */
#define PG_SCHEMA_APPLICATION_ID 0x50474F4C
#define PG_SCHEMA_VERSION 2

/* Opens `path` with SQLITE_DBCONFIG_DEFENSIVE, trusted_schema=OFF, no
 * extension loading, foreign keys on and the rollback journal. */
sqlite3 *pg_schema_open (const char *path,
                         gboolean    create,
                         GError    **error);

/* Creates the current schema in an empty database, with the fixed rows. */
gboolean pg_schema_create (sqlite3 *db,
                           GError **error);

/* Checks a database we did not create: ours (application_id), not newer
 * (user_version), not damaged (quick_check), then brings an older schema up
 * to date. `display_name` names the file in messages. */
gboolean pg_schema_check_and_migrate (sqlite3    *db,
                                      const char *display_name,
                                      GError    **error);

/* Checks the first 100 bytes of a file for SQLite's header and our id. */
gboolean pg_schema_header_is_ours (const guint8 *header,
                                   gsize         length);

/* Runs SQL without results; on failure sets a PG_DOCUMENT_ERROR_DATABASE. */
gboolean pg_schema_exec (sqlite3    *db,
                         const char *sql,
                         GError    **error);
/* What failed, for pg_schema_set_error(): each has a whole sentence of
 * its own, so that no message is built out of pieces. */
typedef enum {
  PG_SCHEMA_READING,
  PG_SCHEMA_UPDATING,
  PG_SCHEMA_WRITING_FILE,
} PgSchemaAction;

/* Sets a PG_DOCUMENT_ERROR_DATABASE from the connection's last error. */
void     pg_schema_set_error (GError        **error,
                              sqlite3        *db,
                              PgSchemaAction  action);

G_END_DECLS
