/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pg-document.h"
#include "pg-schema.h"

/* The current schema. Amounts are INTEGER ten-thousandths (NULL: not
 * filled in); order is `position`, numbering is derived from it. Level-1
 * indicators hang from a goal, the others from their parent indicator. */
static const char schema_sql[] =
  "CREATE TABLE declaration ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  label_language TEXT NOT NULL DEFAULT 'zh_CN',"
  "  unit TEXT NOT NULL DEFAULT 'wan_yuan',"
  "  budget_year INTEGER,"
  "  fill_date TEXT,"
  "  department_name TEXT NOT NULL DEFAULT '',"
  "  filled_by TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  head TEXT NOT NULL DEFAULT '',"
  "  finance_head TEXT NOT NULL DEFAULT '',"
  "  functions TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE finance_row ("
  "  id INTEGER PRIMARY KEY,"
  "  block TEXT NOT NULL,"
  "  item TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  amount INTEGER,"
  "  year_minus_2 INTEGER,"
  "  year_minus_1 INTEGER,"
  "  UNIQUE (block, item));"
  "CREATE TABLE task_group ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE task ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  group_id INTEGER NOT NULL REFERENCES task_group (id),"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX task_by_group ON task (group_id, position);"
  "CREATE TABLE project ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  total_budget INTEGER,"
  "  year_budget INTEGER,"
  "  purpose TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE goal ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE indicator ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  goal_id INTEGER REFERENCES goal (id),"
  "  parent_id INTEGER REFERENCES indicator (id),"
  "  position INTEGER NOT NULL,"
  "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
  "  category TEXT,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  year_minus_2 TEXT NOT NULL DEFAULT '',"
  "  year_minus_1 TEXT NOT NULL DEFAULT '',"
  "  target TEXT NOT NULL DEFAULT '',"
  "  basis TEXT,"
  "  CHECK ((level = 1) = (goal_id IS NOT NULL)),"
  "  CHECK ((goal_id IS NULL) = (parent_id IS NOT NULL)));"
  "CREATE INDEX indicator_by_goal ON indicator (goal_id, position);"
  "CREATE INDEX indicator_by_parent ON indicator (parent_id, position);"
  ;

/* The working copy's own state: the undo history and where the saved file
 * stands in it. Save empties both, so a saved file reveals no history. A
 * saved file may lack them (IF NOT EXISTS): opening adds them back. */
static const char working_tables_sql[] =
  "CREATE TABLE IF NOT EXISTS history ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  undone INTEGER NOT NULL DEFAULT 0,"
  "  time INTEGER NOT NULL,"
  "  focus_table TEXT,"
  "  focus_id INTEGER,"
  "  focus_column TEXT,"
  "  changes TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS history_by_state ON history (undone, seq);"
  "CREATE TABLE IF NOT EXISTS working_state (key TEXT PRIMARY KEY, value);";

static const char fixed_rows_sql[] =
  "INSERT INTO declaration (id) VALUES (1);"
  "INSERT INTO finance_row (id, block, item, position) VALUES"
  "  (1, 'revenue', 'fiscal_appropriation', 0),"
  "  (2, 'revenue', 'other_funds', 1),"
  "  (3, 'expenditure', 'basic', 0),"
  "  (4, 'expenditure', 'project', 1);";

/* Migrations: migrations[i] brings a version i+1 database to version i+2.
 * Version 1 was the first schema, before the signature block's names and
 * the printed labels' language. */
static const char *const migrations[] = {
  "ALTER TABLE declaration ADD COLUMN head TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE declaration ADD COLUMN finance_head TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE declaration ADD COLUMN label_language TEXT NOT NULL DEFAULT 'zh_CN';",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PG_SCHEMA_VERSION - 1);

void
pg_schema_set_error (GError        **error,
                     sqlite3        *db,
                     PgSchemaAction  action)
{
  int code = sqlite3_extended_errcode (db);
  const char *reason = sqlite3_errmsg (db);

  if ((code & 0xff) == SQLITE_FULL)
    {
      g_set_error_literal (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                           _("The disk is full. Make some room on it, and try again: nothing has been lost."));
      return;
    }

  switch (action)
    {
    case PG_SCHEMA_READING:
      /* Translators: %s is SQLite's reason, in English. */
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                   /* Translators: %s is SQLite’s reason, in English. */
                   _("Could not read the document: %s"), reason);
      break;
    case PG_SCHEMA_UPDATING:
      /* Translators: %s is SQLite's reason, in English. */
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                   /* Translators: %s is SQLite’s reason, in English. */
                   _("Could not update the document: %s"), reason);
      break;
    case PG_SCHEMA_WRITING_FILE:
    default:
      /* Translators: %s is SQLite's reason, in English. */
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                   /* Translators: %s is SQLite’s reason, in English. */
                   _("Could not write the file: %s"), reason);
      break;
    }
}

gboolean
pg_schema_exec (sqlite3    *db,
                const char *sql,
                GError    **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      pg_schema_set_error (error, db, PG_SCHEMA_UPDATING);
      return FALSE;
    }
  return TRUE;
}

sqlite3 *
pg_schema_open (const char *path,
                gboolean    create,
                GError    **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOFOLLOW;

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                   /* Translators: the first %s is a file name, the second the reason. */
                   _("Could not open the working copy “%s”: %s"),
                   path, db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }

  /* A document can come from anywhere: nothing in it may run code or
   * reach outside it, and it may not corrupt itself through SQL. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_extended_result_codes (db, 1);

  /* The rollback journal keeps a document one file (WAL would add two).
   * TRUNCATE spares a file creation per commit.
   *
   * synchronous = OFF: SQLite still writes the journal, so a transaction
   * is all or nothing when the process dies (the kill -9 test), and a
   * committed edit is in the kernel's hands, which outlive the process.
   * What it gives up is surviving a power cut without fsync per keystroke:
   * the two fsyncs of every commit cost more than a keystroke may (about
   * 1.2 ms here against 0.2 ms). Files the user keeps are written apart and
   * fsynced before they replace anything (see write_to_file()). */
  if (!pg_schema_exec (db,
                       "PRAGMA journal_mode = TRUNCATE;"
                       "PRAGMA synchronous = OFF;"
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA secure_delete = ON;",
                       error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

gboolean
pg_schema_create (sqlite3 *db,
                  GError **error)
{
  g_autofree char *pragmas =
    g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                     PG_SCHEMA_APPLICATION_ID, PG_SCHEMA_VERSION);

  if (!pg_schema_exec (db, "BEGIN", error))
    return FALSE;
  if (!pg_schema_exec (db, schema_sql, error)
      || !pg_schema_exec (db, working_tables_sql, error)
      || !pg_schema_exec (db, fixed_rows_sql, error)
      || !pg_schema_exec (db, pragmas, error)
      || !pg_schema_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3    *db,
           const char *sql,
           gint64     *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
pg_schema_header_is_ours (const guint8 *header,
                          gsize         length)
{
  static const char magic[16] = "SQLite format 3";
  guint32 app_id;

  if (length < 100 || memcmp (header, magic, 16) != 0)
    return FALSE;
  app_id = ((guint32) header[68] << 24) | ((guint32) header[69] << 16)
           | ((guint32) header[70] << 8) | header[71];
  return app_id == PG_SCHEMA_APPLICATION_ID;
}

gboolean
pg_schema_check_and_migrate (sqlite3    *db,
                             const char *display_name,
                             GError    **error)
{
  gint64 app_id = 0, version = 0;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *check = NULL;

  if (!query_int (db, "PRAGMA application_id", &app_id)
      || !query_int (db, "PRAGMA user_version", &version))
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DAMAGED,
                   /* Translators: the first %s is a file name, the second the reason. */
                   _("“%s” is damaged and cannot be read: %s"),
                   display_name, sqlite3_errmsg (db));
      return FALSE;
    }
  if (app_id != PG_SCHEMA_APPLICATION_ID || version < 1)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_NOT_PERFGOAL,
                   /* Translators: %s is a file name. */
                   _("“%s” is not a PerfGoal declaration."), display_name);
      return FALSE;
    }
  if (version > PG_SCHEMA_VERSION)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_NEWER_VERSION,
                   /* Translators: %s is a file name, then the file’s format
                    * version and the newest this program reads. */
                   _("“%s” was saved by a newer version of PerfGoal (file format %d; "
                     "this version reads up to %d). Update PerfGoal to open it."),
                   display_name, (int) version, PG_SCHEMA_VERSION);
      return FALSE;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    check = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (check, "ok") != 0)
    {
      /* quick_check's report runs over several lines: one line here. */
      if (check != NULL)
        g_strdelimit (check, "\r\n", ' ');
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DAMAGED,
                   /* Translators: the first %s is a file name, the second the reason. */
                   _("“%s” is damaged and cannot be read: %s"), display_name,
                   check ? check : "?");
      return FALSE;
    }

  if (version < PG_SCHEMA_VERSION)
    {
      g_autofree char *set_version =
        g_strdup_printf ("PRAGMA user_version = %d;", PG_SCHEMA_VERSION);

      if (!pg_schema_exec (db, "BEGIN", error))
        return FALSE;
      for (gint64 v = version; v < PG_SCHEMA_VERSION; v++)
        if (!pg_schema_exec (db, migrations[v - 1], error))
          {
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
            /* Translators: %s is a file name; the reason follows this text. */
            g_prefix_error (error, _("“%s” could not be brought up to date: "), display_name);
            return FALSE;
          }
      if (!pg_schema_exec (db, set_version, error) || !pg_schema_exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return pg_schema_exec (db, working_tables_sql, error);
}
