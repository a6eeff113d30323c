/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document engine. Every command is expressed as row changes, each
 * {table, id, before, after} (before NULL: an insertion; after NULL: a
 * deletion; both: the changed columns of an update). One engine applies them
 * to the working copy, records them as one history step, and brings the
 * in-memory records up to date from the database. Undo applies a step's
 * changes backwards with before and after swapped; redo applies them again.
 * So there is one path for every kind of edit, and the history needs no code
 * of its own per command.
 */
#define G_LOG_DOMAIN "perfgoal-model"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "pg-amount.h"
#include "pg-category.h"
#include "pg-document-private.h"
#include "pg-records-private.h"
#include "pg-schema.h"
#include "pg-value.h"
#include "pg-working-copy.h"

#define MAX_TEXT_BYTES (1024 * 1024)
#define DEFAULT_COALESCE_MS 1000

/* Where a record hangs: the list of `table` rows under `owner` (NULL: the
 * document's own lists). */
typedef struct {
  const char *table;
  PgRecord   *owner;
} Container;

struct _PgDocument
{
  GObject         parent_instance;

  sqlite3        *db;
  char           *working_path;
  int             lock_fd;
  GFile          *file;
  gboolean        read_only;

  GHashTable     *statements; /* SQL text → sqlite3_stmt */
  GHashTable     *registry;   /* "table" → (gint64 id → PgRecord) */

  PgDeclaration  *declaration;
  PgFinanceBlock *revenue;
  PgFinanceBlock *expenditure;
  GListStore     *task_groups;
  GListStore     *projects;
  GListStore     *goals;

  /* The step being built. */
  guint           step_depth;
  gboolean        step_untracked;
  gboolean        step_failed;
  gboolean        step_structural;
  gboolean        step_finance;
  JsonArray      *step_changes;
  guint           step_synced;   /* changes already brought into memory */

  /* The history. Steps are rows of the history table; top_seq is the newest
   * step not undone (base_seq when there is none). */
  gint64          top_seq;
  gint64          base_seq;      /* the newest step trimmed off the history */
  gint64          saved_seq;     /* top_seq when last saved */
  guint           n_steps;
  guint           coalesce_ms;
  gint64          last_edit_usec;
  gboolean        coalesce_broken;

  gboolean        modified;
  gboolean        can_undo;
  gboolean        can_redo;
};

G_DEFINE_FINAL_TYPE (PgDocument, pg_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_READ_ONLY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum {
  HISTORY_STEP,
  ROWS_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (pg-document-error-quark, pg_document_error)

/* Statements */

static sqlite3_stmt *
statement (PgDocument *self,
           const char *sql,
           GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          pg_schema_set_error (error, self->db, PG_SCHEMA_READING);
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return stmt;
}

static gboolean
exec (PgDocument *self,
      const char *sql,
      GError    **error)
{
  return pg_schema_exec (self->db, sql, error);
}

static gboolean
step_done (PgDocument   *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pg_schema_set_error (error, self->db, PG_SCHEMA_UPDATING);
      return FALSE;
    }
  return TRUE;
}

/* Working state: key/value pairs that belong to the working copy only. */

static gboolean
set_state (PgDocument *self,
           const char *key,
           const char *text,
           gint64      number,
           GError    **error)
{
  sqlite3_stmt *stmt = statement (self, "INSERT OR REPLACE INTO working_state (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 2, number);
  return step_done (self, stmt, error);
}

static gint64
get_state_int (PgDocument *self,
               const char *key)
{
  sqlite3_stmt *stmt = statement (self, "SELECT value FROM working_state WHERE key = ?", NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static char *
get_state_text (PgDocument *self,
                const char *key)
{
  sqlite3_stmt *stmt = statement (self, "SELECT value FROM working_state WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

/* Rows as JSON objects: column → null, integer or string. */

static JsonObject *
row_capture (PgDocument *self,
             const char *table,
             gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = statement (self, sql, NULL);
  JsonObject *row = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);

      row = json_object_new ();
      for (int i = 0; i < n; i++)
        {
          const char *name = sqlite3_column_name (stmt, i);

          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_NULL:
              json_object_set_null_member (row, name);
              break;
            case SQLITE_INTEGER:
              json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, i));
              break;
            default:
              json_object_set_string_member (row, name, (const char *) sqlite3_column_text (stmt, i));
              break;
            }
        }
    }
  sqlite3_reset (stmt);
  return row;
}

static void
bind_json (sqlite3_stmt *stmt,
           int           index,
           JsonNode     *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, index);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
}

/* Writes one change to the database: from `from` to `to`. */
static gboolean
exec_change (PgDocument *self,
             const char *table,
             gint64      id,
             JsonObject *from,
             JsonObject *to,
             GError    **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GList) members = NULL;
  sqlite3_stmt *stmt;
  int index = 1;

  if (pg_table_info_lookup (table) == NULL)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DAMAGED,
                   /* Translators: %s is a table name inside the document file. */
                   _("The undo history names an unknown table “%s”."), table);
      return FALSE;
    }

  if (to == NULL)
    {
      g_string_printf (sql, "DELETE FROM %s WHERE id = ?", table);
      stmt = statement (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      return step_done (self, stmt, error);
    }

  members = json_object_get_members (to);
  if (from == NULL)
    {
      g_string_printf (sql, "INSERT INTO %s (", table);
      for (GList *l = members; l; l = l->next)
        g_string_append_printf (sql, "%s%s", l == members ? "" : ", ", (const char *) l->data);
      g_string_append (sql, ") VALUES (");
      for (GList *l = members; l; l = l->next)
        g_string_append (sql, l == members ? "?" : ", ?");
      g_string_append (sql, ")");
    }
  else
    {
      g_string_printf (sql, "UPDATE %s SET ", table);
      for (GList *l = members; l; l = l->next)
        g_string_append_printf (sql, "%s%s = ?", l == members ? "" : ", ", (const char *) l->data);
      g_string_append (sql, " WHERE id = ?");
    }

  stmt = statement (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (GList *l = members; l; l = l->next)
    bind_json (stmt, index++, json_object_get_member (to, l->data));
  if (from != NULL)
    sqlite3_bind_int64 (stmt, index, id);
  return step_done (self, stmt, error);
}

/* The registry: every record in memory, by table and id. */

static GHashTable *
registry_table (PgDocument *self,
                const char *table)
{
  GHashTable *ids = g_hash_table_lookup (self->registry, table);

  if (ids == NULL)
    {
      /* Keyed by the table's static name: `table` may be a passing string. */
      const PgTableInfo *info = pg_table_info_lookup (table);

      g_assert (info != NULL);
      ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      g_hash_table_insert (self->registry, (gpointer) info->table, ids);
    }
  return ids;
}

static PgRecord *
lookup (PgDocument *self,
        const char *table,
        gint64      id)
{
  return g_hash_table_lookup (registry_table (self, table), &id);
}

static void
register_record (PgDocument *self,
                 PgRecord   *record)
{
  gint64 *key = g_new (gint64, 1);

  *key = pg_record_get_id (record);
  g_hash_table_insert (registry_table (self, pg_record_get_table (record)), key, g_object_ref (record));
}

static GListStore *
children_store (PgRecord *record)
{
  if (PG_IS_TASK_GROUP (record))
    return pg_task_group_get_store (PG_TASK_GROUP (record));
  if (PG_IS_GOAL (record))
    return pg_goal_get_store (PG_GOAL (record));
  if (PG_IS_INDICATOR (record))
    return pg_indicator_get_store (PG_INDICATOR (record));
  return NULL;
}

static void
unregister_subtree (PgDocument *self,
                    PgRecord   *record)
{
  GListStore *children = children_store (record);
  gint64 id = pg_record_get_id (record);

  if (children != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (children));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PgRecord) child = g_list_model_get_item (G_LIST_MODEL (children), i);
          unregister_subtree (self, child);
        }
    }
  g_hash_table_remove (registry_table (self, pg_record_get_table (record)), &id);
}

/* Sets a record's data columns from a (full or partial) row. */
static void
apply_row_to_record (PgRecord   *record,
                     JsonObject *row)
{
  const PgTableInfo *info = pg_record_get_table_info (record);

  for (guint i = 0; i < info->n_columns; i++)
    {
      JsonNode *node = json_object_get_member (row, info->columns[i].name);
      g_auto(GValue) value = G_VALUE_INIT;
      gboolean is_null;

      if (node == NULL)
        continue;
      is_null = JSON_NODE_HOLDS_NULL (node);
      switch (info->columns[i].type)
        {
        case PG_COLUMN_TEXT:
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, is_null ? "" : json_node_get_string (node));
          break;
        case PG_COLUMN_KEY:
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, is_null ? NULL : json_node_get_string (node));
          break;
        case PG_COLUMN_AMOUNT:
          g_value_init (&value, G_TYPE_INT64);
          g_value_set_int64 (&value, is_null ? PG_AMOUNT_NONE : json_node_get_int (node));
          break;
        case PG_COLUMN_INT:
          g_value_init (&value, G_TYPE_INT);
          g_value_set_int (&value, is_null ? 0 : (int) json_node_get_int (node));
          break;
        default:
          g_assert_not_reached ();
        }
      pg_record_set_column (record, i, &value);
    }
}

/* Containers */

static GListStore *
container_store (PgDocument      *self,
                 const Container *container)
{
  if (container->owner == NULL)
    {
      if (g_str_equal (container->table, "task_group"))
        return self->task_groups;
      if (g_str_equal (container->table, "project"))
        return self->projects;
      if (g_str_equal (container->table, "goal"))
        return self->goals;
      return NULL;
    }
  return children_store (container->owner);
}

/* The list a record is in, as memory has it. */
static gboolean
container_in_memory (PgDocument *self,
                     PgRecord   *record,
                     Container  *out)
{
  out->table = pg_record_get_table (record);
  out->owner = NULL;

  if (PG_IS_TASK (record))
    out->owner = PG_RECORD (pg_task_get_group (PG_TASK (record)));
  else if (PG_IS_INDICATOR (record))
    {
      PgIndicator *parent = pg_indicator_get_parent (PG_INDICATOR (record));
      out->owner = parent ? PG_RECORD (parent) : PG_RECORD (pg_indicator_get_goal (PG_INDICATOR (record)));
    }
  else if (!PG_IS_TASK_GROUP (record) && !PG_IS_PROJECT (record) && !PG_IS_GOAL (record))
    return FALSE;

  if (out->owner == NULL && (PG_IS_TASK (record) || PG_IS_INDICATOR (record)))
    return FALSE;
  return TRUE;
}

/* The list a row belongs in, as the database has it. */
static gboolean
container_of_row (PgDocument *self,
                  const char *table,
                  JsonObject *row,
                  Container  *out)
{
  out->table = pg_table_info_lookup (table)->table;
  out->owner = NULL;

  if (g_str_equal (table, "task"))
    out->owner = lookup (self, "task_group", json_object_get_int_member (row, "group_id"));
  else if (g_str_equal (table, "indicator"))
    {
      if (!json_object_get_null_member (row, "parent_id"))
        out->owner = lookup (self, "indicator", json_object_get_int_member (row, "parent_id"));
      else
        out->owner = lookup (self, "goal", json_object_get_int_member (row, "goal_id"));
    }
  else if (!g_str_equal (table, "task_group") && !g_str_equal (table, "project")
           && !g_str_equal (table, "goal"))
    return FALSE;

  if (out->owner == NULL && (g_str_equal (table, "task") || g_str_equal (table, "indicator")))
    return FALSE; /* its owner is not in memory yet: loading it brings the row */
  return TRUE;
}

static void resync_container (PgDocument *self, const Container *container);

/* Creates the record for a row, with everything under it. */
static PgRecord *
load_record (PgDocument *self,
             const char *table,
             gint64      id)
{
  const PgTableInfo *info = pg_table_info_lookup (table);
  g_autoptr(JsonObject) row = row_capture (self, table, id);
  g_autoptr(PgRecord) record = NULL;

  if (row == NULL)
    return NULL;
  record = pg_record_new_for_table (info, id);
  apply_row_to_record (record, row);
  register_record (self, record);

  if (PG_IS_TASK_GROUP (record))
    resync_container (self, &(Container) { "task", record });
  else if (PG_IS_GOAL (record) || PG_IS_INDICATOR (record))
    resync_container (self, &(Container) { "indicator", record });

  return record;
}

static const char *
container_query (const Container *container)
{
  if (container->owner == NULL)
    {
      if (g_str_equal (container->table, "task_group"))
        return "SELECT id FROM task_group ORDER BY position, id";
      if (g_str_equal (container->table, "project"))
        return "SELECT id FROM project ORDER BY position, id";
      return "SELECT id FROM goal ORDER BY position, id";
    }
  if (PG_IS_TASK_GROUP (container->owner))
    return "SELECT id FROM task WHERE group_id = ? ORDER BY position, id";
  if (PG_IS_GOAL (container->owner))
    return "SELECT id FROM indicator WHERE goal_id = ? AND parent_id IS NULL ORDER BY position, id";
  return "SELECT id FROM indicator WHERE parent_id = ? ORDER BY position, id";
}

static gboolean
row_exists (PgDocument *self,
            const char *table,
            gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = statement (self, sql, NULL);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return exists;
}

static gboolean
store_item_is (GListStore *store,
               guint       position,
               gpointer    item)
{
  g_autoptr(GObject) at = g_list_model_get_item (G_LIST_MODEL (store), position);
  return at == item;
}

/* Makes a list in memory what the database says it is, with one splice of
 * the part that differs, so views see the smallest change. */
static void
resync_container (PgDocument      *self,
                  const Container *container)
{
  GListStore *store;
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old, n_new, prefix = 0, suffix = 0;

  if (container->owner != NULL
      && lookup (self, pg_record_get_table (container->owner),
                 pg_record_get_id (container->owner)) != container->owner)
    return; /* its owner is gone */

  store = container_store (self, container);
  stmt = statement (self, container_query (container), NULL);
  if (store == NULL || stmt == NULL)
    return;
  if (container->owner != NULL)
    sqlite3_bind_int64 (stmt, 1, pg_record_get_id (container->owner));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      PgRecord *record = lookup (self, container->table, id);

      if (record == NULL)
        record = load_record (self, container->table, id);
      if (record == NULL)
        continue;
      g_ptr_array_add (wanted, g_object_ref (record));

      if (PG_IS_TASK (record))
        pg_task_set_group (PG_TASK (record), PG_TASK_GROUP (container->owner));
      else if (PG_IS_INDICATOR (record))
        {
          if (PG_IS_GOAL (container->owner))
            pg_indicator_set_place (PG_INDICATOR (record), PG_GOAL (container->owner), NULL);
          else
            pg_indicator_set_place (PG_INDICATOR (record),
                                    pg_indicator_get_goal (PG_INDICATOR (container->owner)),
                                    PG_INDICATOR (container->owner));
        }
    }

  n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  n_new = wanted->len;
  while (prefix < n_old && prefix < n_new
         && store_item_is (store, prefix, g_ptr_array_index (wanted, prefix)))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && store_item_is (store, n_old - 1 - suffix, g_ptr_array_index (wanted, n_new - 1 - suffix)))
    suffix++;

  if (prefix == n_old && prefix == n_new)
    return;

  for (guint i = prefix; i < n_old - suffix; i++)
    g_ptr_array_add (removed, g_list_model_get_item (G_LIST_MODEL (store), i));

  g_list_store_splice (store, prefix, n_old - prefix - suffix,
                       wanted->pdata + prefix, n_new - prefix - suffix);

  /* What left this list was deleted, or moved to a list that will pick it
   * up from the registry. */
  for (guint i = 0; i < removed->len; i++)
    {
      PgRecord *record = g_ptr_array_index (removed, i);
      if (!row_exists (self, pg_record_get_table (record), pg_record_get_id (record)))
        unregister_subtree (self, record);
    }
}

static void
add_dirty (GArray          *dirty,
           const Container *container)
{
  for (guint i = 0; i < dirty->len; i++)
    {
      Container *c = &g_array_index (dirty, Container, i);
      if (c->owner == container->owner && g_str_equal (c->table, container->table))
        return;
    }
  /* Held, since resyncing one list can drop the owner of another. */
  if (container->owner != NULL)
    g_object_ref (container->owner);
  g_array_append_val (dirty, *container);
}

static void
clear_container (gpointer data)
{
  Container *container = data;
  g_clear_object (&container->owner);
}

static gboolean
row_is_structural (JsonObject *row)
{
  return row == NULL
         || json_object_has_member (row, "position")
         || json_object_has_member (row, "group_id")
         || json_object_has_member (row, "goal_id")
         || json_object_has_member (row, "parent_id");
}

/* Brings memory up to date with the database for changes[from..].
 * `as_written`: the database holds each change's "after" (not so after a
 * rollback). Then an insert's change, which holds its whole row
 * (insert_row), and a field edit's, which holds the fields it wrote, need
 * no query: an import makes thousands. */
static void
sync_changes (PgDocument *self,
              JsonArray  *changes,
              guint       from,
              gboolean    as_written)
{
  g_autoptr(GArray) dirty = g_array_new (FALSE, FALSE, sizeof (Container));
  guint n = json_array_get_length (changes);

  g_array_set_clear_func (dirty, clear_container);

  for (guint i = from; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const char *table = json_object_get_string_member (change, "t");
      gint64 id = json_object_get_int_member (change, "id");
      PgRecord *record = lookup (self, table, id);
      JsonObject *before = json_object_get_null_member (change, "b") ? NULL : json_object_get_object_member (change, "b");
      JsonObject *after = json_object_get_null_member (change, "a") ? NULL : json_object_get_object_member (change, "a");
      gboolean after_is_row = as_written && after != NULL
                              && (before == NULL || (!row_is_structural (before) && !row_is_structural (after)));
      g_autoptr(JsonObject) row = after_is_row ? json_object_ref (after) : row_capture (self, table, id);
      Container container;

      if (g_str_equal (table, "finance_row"))
        self->step_finance = TRUE;

      if (row_is_structural (before) || row_is_structural (after))
        {
          self->step_structural = TRUE;
          if (record != NULL && container_in_memory (self, record, &container))
            add_dirty (dirty, &container);
          if (row != NULL && container_of_row (self, table, row, &container))
            add_dirty (dirty, &container);
        }

      if (record != NULL && row != NULL)
        apply_row_to_record (record, row);
    }

  for (guint i = 0; i < dirty->len; i++)
    resync_container (self, &g_array_index (dirty, Container, i));
}

/* Derived values: numbers from the order, counts, totals and shares. */
static void
renumber (PgDocument *self)
{
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->task_groups));
  guint task_number = 1;
  guint n;

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(PgTaskGroup) group = g_list_model_get_item (G_LIST_MODEL (self->task_groups), i);
      GListModel *tasks = pg_task_group_get_tasks (group);
      guint n_tasks = g_list_model_get_n_items (tasks);

      pg_task_group_set_number (group, i + 1);
      for (guint k = 0; k < n_tasks; k++)
        {
          g_autoptr(PgTask) task = g_list_model_get_item (tasks, k);
          pg_task_set_number (task, task_number++);
        }
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->projects));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgProject) project = g_list_model_get_item (G_LIST_MODEL (self->projects), i);
      pg_project_set_number (project, i + 1);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->goals));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgGoal) goal = g_list_model_get_item (G_LIST_MODEL (self->goals), i);
      GListModel *level1 = pg_goal_get_indicators (goal);
      guint n1 = g_list_model_get_n_items (level1);

      pg_goal_set_number (goal, i + 1);
      for (guint k = 0; k < n1; k++)
        {
          g_autoptr(PgIndicator) indicator = g_list_model_get_item (level1, k);
          pg_indicator_recount (indicator);
        }
    }
}

static void
count_steps (PgDocument *self)
{
  sqlite3_stmt *stmt = statement (self, "SELECT count (*) FROM history", NULL);

  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->n_steps = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
}

/* Reads where the history stands. Both queries go through the
 * (undone, seq) index: this runs after every edit, and the history may hold
 * thousands of steps. */
static void
update_history_state (PgDocument *self)
{
  sqlite3_stmt *stmt = statement (self,
                                  "SELECT (SELECT max (seq) FROM history WHERE undone = 0),"
                                  " EXISTS (SELECT 1 FROM history WHERE undone = 1)",
                                  NULL);
  gboolean can_undo = FALSE, can_redo = FALSE, modified;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      can_undo = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
      self->top_seq = can_undo ? sqlite3_column_int64 (stmt, 0) : self->base_seq;
      can_redo = sqlite3_column_int (stmt, 1);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  modified = self->top_seq != self->saved_seq;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->can_undo != can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
after_changes (PgDocument *self)
{
  if (self->step_structural)
    renumber (self);
  if (self->step_finance)
    {
      pg_finance_block_recompute (self->revenue);
      pg_finance_block_recompute (self->expenditure);
    }
  self->step_structural = FALSE;
  self->step_finance = FALSE;
}

/* Steps */

static gboolean
check_writable (PgDocument *self,
                GError    **error)
{
  if (self->read_only)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_READ_ONLY,
                   _("The document is read-only. Save a copy to edit it."));
      return FALSE;
    }
  return TRUE;
}

static void
begin_step (PgDocument *self,
            gboolean    untracked)
{
  if (self->step_depth++ > 0)
    return;

  self->step_untracked = untracked;
  self->step_failed = FALSE;
  self->step_changes = json_array_new ();
  self->step_synced = 0;
  if (!exec (self, "BEGIN IMMEDIATE", NULL))
    self->step_failed = TRUE;
}

void
pg_document_begin_step (PgDocument *self)
{
  g_return_if_fail (PG_IS_DOCUMENT (self));
  begin_step (self, FALSE);
}

void
pg_document_begin_untracked_step (PgDocument *self)
{
  g_return_if_fail (PG_IS_DOCUMENT (self));
  begin_step (self, TRUE);
}

/* Adds a change, already written, to the current step. */
static void
record_change (PgDocument *self,
               const char *table,
               gint64      id,
               JsonObject *before,
               JsonObject *after)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "t", table);
  json_object_set_int_member (entry, "id", id);
  if (before)
    json_object_set_object_member (entry, "b", json_object_ref (before));
  else
    json_object_set_null_member (entry, "b");
  if (after)
    json_object_set_object_member (entry, "a", json_object_ref (after));
  else
    json_object_set_null_member (entry, "a");
  json_array_add_object_element (self->step_changes, entry);
}

/* Writes a change to the database and adds it to the current step. */
static gboolean
change (PgDocument *self,
        const char *table,
        gint64      id,
        JsonObject *before,
        JsonObject *after,
        GError    **error)
{
  g_assert (self->step_depth > 0);

  if (self->step_failed)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                   _("An earlier part of this change failed."));
      return FALSE;
    }
  if (!exec_change (self, table, id, before, after, error))
    {
      self->step_failed = TRUE;
      return FALSE;
    }
  record_change (self, table, id, before, after);
  return TRUE;
}

/* Brings memory up to date with the changes made so far in this step. */
static void
sync_step (PgDocument *self)
{
  sync_changes (self, self->step_changes, self->step_synced, TRUE);
  self->step_synced = json_array_get_length (self->step_changes);
}

static char *
changes_to_string (JsonArray *changes)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, changes);
  return json_to_string (node, FALSE);
}

/* A step of one field's update: the "table:id:column" it edits, else NULL. */
static char *
single_field_key (JsonArray *changes)
{
  JsonObject *change, *after;
  g_autoptr(GList) members = NULL;

  if (json_array_get_length (changes) != 1)
    return NULL;
  change = json_array_get_object_element (changes, 0);
  if (json_object_get_null_member (change, "b") || json_object_get_null_member (change, "a"))
    return NULL;
  after = json_object_get_object_member (change, "a");
  members = json_object_get_members (after);
  if (members == NULL || members->next != NULL)
    return NULL;
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%s",
                          json_object_get_string_member (change, "t"),
                          json_object_get_int_member (change, "id"),
                          (const char *) members->data);
}

/* Folds a field edit into the newest step when it edits the same field
 * within the coalescing window: typing a word is one step, not one per
 * character. Never across a save, so "modified" stays true. */
static gboolean
try_coalesce (PgDocument *self,
              GError    **error)
{
  g_autofree char *key = NULL;
  g_autofree char *top_key = NULL;
  g_autoptr(JsonParser) parser = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_monotonic_time ();
  gboolean in_window;
  JsonArray *top_changes;
  JsonObject *top_change, *new_change;
  g_autofree char *text = NULL;

  in_window = self->coalesce_ms > 0 && !self->coalesce_broken
              && now - self->last_edit_usec < (gint64) self->coalesce_ms * 1000;
  self->last_edit_usec = now;
  self->coalesce_broken = FALSE;
  if (!in_window || self->can_redo || self->top_seq == self->saved_seq || self->top_seq == self->base_seq)
    return FALSE;

  key = single_field_key (self->step_changes);
  if (key == NULL)
    return FALSE;

  stmt = statement (self, "SELECT changes FROM history WHERE seq = ? AND undone = 0", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->top_seq);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 0), -1, NULL))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  top_changes = json_node_get_array (json_parser_get_root (parser));
  top_key = single_field_key (top_changes);
  if (g_strcmp0 (key, top_key) != 0)
    return FALSE;

  /* Keep the oldest "before", take the newest "after". */
  top_change = json_array_get_object_element (top_changes, 0);
  new_change = json_array_get_object_element (self->step_changes, 0);
  json_object_set_object_member (top_change, "a",
                                 json_object_ref (json_object_get_object_member (new_change, "a")));
  text = changes_to_string (top_changes);

  stmt = statement (self, "UPDATE history SET changes = ?, time = ? WHERE seq = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000);
  sqlite3_bind_int64 (stmt, 3, self->top_seq);
  return step_done (self, stmt, error);
}

/* What a step is about, for revealing it after undo and redo: the first
 * change's record, and its column when that change edits one field. */
static void
bind_focus (sqlite3_stmt *stmt,
            int           first,
            JsonArray    *changes)
{
  JsonObject *change = json_array_get_object_element (changes, 0);
  g_autofree char *key = single_field_key (changes);

  sqlite3_bind_text (stmt, first, json_object_get_string_member (change, "t"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, first + 1, json_object_get_int_member (change, "id"));
  if (key != NULL)
    sqlite3_bind_text (stmt, first + 2, strrchr (key, ':') + 1, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, first + 2);
}

static gboolean
write_history (PgDocument *self,
               GError    **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  if (json_array_get_length (self->step_changes) == 0)
    return TRUE;

  if (try_coalesce (self, error))
    return TRUE;

  /* A new step ends the redo branch. */
  if (self->can_redo)
    {
      if (!exec (self, "DELETE FROM history WHERE undone = 1", error))
        return FALSE;
      self->n_steps -= MIN (self->n_steps, (guint) sqlite3_changes (self->db));
    }

  text = changes_to_string (self->step_changes);
  stmt = statement (self,
                    "INSERT INTO history (undone, time, focus_table, focus_id, focus_column, changes)"
                    " VALUES (0, ?, ?, ?, ?, ?)",
                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / 1000);
  bind_focus (stmt, 2, self->step_changes);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    return FALSE;
  self->top_seq = sqlite3_last_insert_rowid (self->db);
  self->n_steps++;

  /* Bounded: the oldest step goes, one for each new one past the bound. */
  while (self->n_steps > PG_HISTORY_MAX_STEPS)
    {
      gint64 oldest = 0;

      stmt = statement (self, "SELECT min (seq) FROM history", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        oldest = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      stmt = statement (self, "DELETE FROM history WHERE seq = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, oldest);
      if (!step_done (self, stmt, error) || !set_state (self, "base_seq", NULL, oldest, error))
        return FALSE;
      self->base_seq = oldest;
      self->n_steps--;
    }
  return TRUE;
}

/* Tells views which rows a step touched, once memory is up to date. A
 * rolled-back step is reported too: its rows are back as they were, which
 * a view that followed the step's commands must learn. */
static void
emit_rows_changed (PgDocument *self,
                   JsonArray  *changes)
{
  g_autoptr(GArray) rows = NULL;
  guint n = json_array_get_length (changes);

  if (n == 0 || !g_signal_has_handler_pending (self, signals[ROWS_CHANGED], 0, FALSE))
    return;

  rows = g_array_sized_new (FALSE, FALSE, sizeof (PgRowRef), n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      PgRowRef row = {
        .table = json_object_get_string_member (change, "t"),
        .id = json_object_get_int_member (change, "id"),
      };
      g_array_append_val (rows, row);
    }
  g_signal_emit (self, signals[ROWS_CHANGED], 0, rows->data, rows->len);
}

gboolean
pg_document_end_step (PgDocument *self,
                      gboolean    commit,
                      GError    **error)
{
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->step_depth > 0, FALSE);

  if (!commit)
    self->step_failed = TRUE;
  if (--self->step_depth > 0)
    {
      if (self->step_failed)
        g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                     _("The change was cancelled."));
      return !self->step_failed;
    }

  ok = !self->step_failed;
  if (ok && !self->step_untracked)
    ok = write_history (self, &local_error);
  if (ok)
    ok = exec (self, "COMMIT", &local_error);
  changes = g_steal_pointer (&self->step_changes);

  if (!ok)
    {
      /* Nothing of the step stays: the database rolls back and memory
       * follows it, record by record. */
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      count_steps (self);
      self->base_seq = get_state_int (self, "base_seq");
      self->step_structural = TRUE;
      sync_changes (self, changes, 0, FALSE);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (commit)
        g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                     _("The change could not be written."));
    }
  else
    sync_changes (self, changes, self->step_synced, TRUE);

  after_changes (self);
  update_history_state (self);
  emit_rows_changed (self, changes);
  return ok;
}

/* Each command is a step of its own unless it runs inside one. */
#define COMMAND_BEGIN(self, error)        \
  G_STMT_START {                          \
    if (!check_writable (self, error))    \
      return 0;                           \
    begin_step (self, FALSE);             \
  } G_STMT_END

static gboolean
command_end (PgDocument *self,
             gboolean    ok,
             GError    **error)
{
  if (ok)
    sync_step (self);
  if (ok)
    return pg_document_end_step (self, TRUE, error);
  pg_document_end_step (self, FALSE, NULL);
  return FALSE;
}

/* Field edits */

static gboolean
validate_field (PgRecord          *record,
                const PgColumn    *column,
                const GValue      *value,
                GError           **error)
{
  const char *name = column->name;
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  gboolean empty = text == NULL || *text == '\0';

  if (g_str_equal (name, "level") || g_str_equal (name, "block") || g_str_equal (name, "item"))
    goto invalid;

  if (text != NULL && (strlen (text) > MAX_TEXT_BYTES || !g_utf8_validate (text, -1, NULL)))
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   _("The text is too long or not valid UTF-8."));
      return FALSE;
    }

  if (g_str_equal (name, "label_language"))
    {
      PgLanguage language;
      if (!pg_language_from_key (text, &language))
        goto invalid;
    }
  else if (g_str_equal (name, "unit"))
    {
      if (g_strcmp0 (text, "wan_yuan") != 0 && g_strcmp0 (text, "yuan") != 0)
        goto invalid;
    }
  else if (g_str_equal (name, "fill_date") && !empty)
    {
      if (!pg_date_is_valid (text))
        {
          g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                       /* Translators: %s is the text given as a date; keep YYYY-MM-DD as it is. */
                       _("“%s” is not a date (YYYY-MM-DD)."), text);
          return FALSE;
        }
    }
  else if (g_str_equal (name, "budget_year"))
    {
      int year = g_value_get_int (value);
      if (year != 0 && (year < 1900 || year > 9999))
        {
          g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                       /* Translators: %d is the year that was given. */
                       _("%d is not a budget year."), year);
          return FALSE;
        }
    }
  else if (g_str_equal (name, "basis") && !empty)
    {
      if (pg_basis_lookup (text) == NULL)
        goto invalid;
    }
  else if (g_str_equal (name, "category"))
    {
      guint level = pg_indicator_get_level (PG_INDICATOR (record));
      if (level >= 3 || empty
          || (!g_str_equal (text, PG_CATEGORY_CUSTOM) && pg_category_lookup (level, text) == NULL))
        goto invalid;
    }
  else if (column->type == PG_COLUMN_AMOUNT)
    {
      gint64 amount = g_value_get_int64 (value);
      if (amount != PG_AMOUNT_NONE && (amount > PG_AMOUNT_MAX || amount < -PG_AMOUNT_MAX))
        {
          g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                       _("The amount is too large."));
          return FALSE;
        }
    }
  return TRUE;

invalid:
  g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
               /* Translators: the first %s names a field, the second the value refused. */
               _("“%s” cannot be set to “%s”."), name, text ? text : "");
  return FALSE;
}

static JsonNode *
column_value_to_json (const PgColumn *column,
                      const GValue   *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (column->type)
    {
    case PG_COLUMN_TEXT:
      json_node_set_string (node, g_value_get_string (value) ? g_value_get_string (value) : "");
      return node;
    case PG_COLUMN_KEY:
      if (g_value_get_string (value) == NULL || *g_value_get_string (value) == '\0')
        break;
      json_node_set_string (node, g_value_get_string (value));
      return node;
    case PG_COLUMN_AMOUNT:
      if (g_value_get_int64 (value) == PG_AMOUNT_NONE)
        break;
      json_node_set_int (node, g_value_get_int64 (value));
      return node;
    case PG_COLUMN_INT:
      if (g_value_get_int (value) == 0)
        break;
      json_node_set_int (node, g_value_get_int (value));
      return node;
    default:
      g_assert_not_reached ();
    }
  json_node_free (node);
  return json_node_new (JSON_NODE_NULL);
}

static gboolean
set_value (PgDocument   *self,
           PgRecord     *record,
           const char   *property,
           const GValue *value,
           GError      **error)
{
  const PgTableInfo *info;
  g_autofree char *column_name = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonNode *old_node, *new_node;
  int index;
  gboolean ok;

  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (PG_IS_RECORD (record), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  info = pg_record_get_table_info (record);
  column_name = g_strdelimit (g_strdup (property), "-", '_');
  index = pg_table_info_find_column (info, column_name);
  if (index < 0 || G_VALUE_TYPE (pg_record_get_column (record, index)) != G_VALUE_TYPE (value)
      || lookup (self, info->table, pg_record_get_id (record)) != record)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   /* Translators: a programming error: the first %s is a kind
                    * of record, the second a field name. */
                   _("A %s has no field “%s” of this kind."), info->table, property);
      return FALSE;
    }
  if (!validate_field (record, &info->columns[index], value, error))
    return FALSE;

  old_node = column_value_to_json (&info->columns[index], pg_record_get_column (record, index));
  new_node = column_value_to_json (&info->columns[index], value);
  if (json_node_equal (old_node, new_node))
    {
      json_node_free (old_node);
      json_node_free (new_node);
      return TRUE;
    }

  before = json_object_new ();
  after = json_object_new ();
  json_object_set_member (before, column_name, old_node);
  json_object_set_member (after, column_name, new_node);

  begin_step (self, FALSE);
  ok = change (self, info->table, pg_record_get_id (record), before, after, error);
  return command_end (self, ok, error);
}

gboolean
pg_document_set_string (PgDocument *self,
                        PgRecord   *record,
                        const char *property,
                        const char *value,
                        GError    **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);
  return set_value (self, record, property, &gvalue, error);
}

gboolean
pg_document_set_amount (PgDocument *self,
                        PgRecord   *record,
                        const char *property,
                        gint64      value,
                        GError    **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_INT64);
  g_value_set_int64 (&gvalue, value);
  return set_value (self, record, property, &gvalue, error);
}

gboolean
pg_document_set_int (PgDocument *self,
                     PgRecord   *record,
                     const char *property,
                     int         value,
                     GError    **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_INT);
  g_value_set_int (&gvalue, value);
  return set_value (self, record, property, &gvalue, error);
}

/* Structure */

static JsonObject *
position_row (guint position)
{
  JsonObject *row = json_object_new ();
  json_object_set_int_member (row, "position", position);
  return row;
}

/* Moves the rows at [from, n) of a list by `delta` places. */
static gboolean
shift_positions (PgDocument *self,
                 GListModel *list,
                 guint       from,
                 int         delta,
                 GError    **error)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = from; i < n; i++)
    {
      g_autoptr(PgRecord) sibling = g_list_model_get_item (list, i);
      g_autoptr(JsonObject) before = position_row (i);
      g_autoptr(JsonObject) after = position_row (i + delta);

      if (!change (self, pg_record_get_table (sibling), pg_record_get_id (sibling),
                   before, after, error))
        return FALSE;
    }
  return TRUE;
}

/* Inserts a new row at `position` of `list`; returns its id, or 0. */
static gint64
insert_row (PgDocument *self,
            const char *table,
            GListModel *list,
            guint       position,
            JsonObject *values,
            GError    **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GString) columns = g_string_new ("position");
  g_autoptr(GString) params = g_string_new ("?");
  g_autoptr(GList) members = json_object_get_members (values);
  g_autoptr(JsonObject) row = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int index = 2;

  if (self->step_failed || !shift_positions (self, list, position, +1, error))
    return 0;

  /* Insert first, to learn the id. */
  for (GList *l = members; l; l = l->next)
    {
      g_string_append_printf (columns, ", %s", (const char *) l->data);
      g_string_append (params, ", ?");
    }
  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", table, columns->str, params->str);
  stmt = statement (self, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, position);
  for (GList *l = members; l; l = l->next)
    bind_json (stmt, index++, json_object_get_member (values, l->data));
  if (!step_done (self, stmt, error))
    {
      self->step_failed = TRUE;
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);
  /* The full row, id included, is the change: redo inserts it again. */
  row = row_capture (self, table, id);
  if (row == NULL)
    {
      self->step_failed = TRUE;
      return 0;
    }
  record_change (self, table, id, NULL, row);
  return id;
}

static guint
clamp_position (GListModel *list,
                guint       position)
{
  return MIN (position, g_list_model_get_n_items (list));
}

static gpointer
add_record (PgDocument *self,
            const char *table,
            GListModel *list,
            guint       position,
            JsonObject *values,
            GError    **error)
{
  gint64 id;
  gboolean ok;

  begin_step (self, FALSE);
  id = insert_row (self, table, list, clamp_position (list, position), values, error);
  ok = command_end (self, id != 0, error);
  return ok ? lookup (self, table, id) : NULL;
}

PgTaskGroup *
pg_document_add_task_group (PgDocument *self,
                            guint       position,
                            const char *title,
                            GError    **error)
{
  g_autoptr(JsonObject) values = json_object_new ();

  g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL);
  if (!check_writable (self, error))
    return NULL;

  json_object_set_string_member (values, "title", title ? title : "");
  return add_record (self, "task_group", G_LIST_MODEL (self->task_groups), position, values, error);
}

PgTask *
pg_document_add_task (PgDocument  *self,
                      PgTaskGroup *group,
                      guint        position,
                      const char  *title,
                      const char  *text,
                      GError     **error)
{
  g_autoptr(JsonObject) values = json_object_new ();

  g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (PG_IS_TASK_GROUP (group), NULL);
  if (!check_writable (self, error))
    return NULL;

  json_object_set_int_member (values, "group_id", pg_record_get_id (PG_RECORD (group)));
  json_object_set_string_member (values, "title", title ? title : "");
  json_object_set_string_member (values, "text", text ? text : "");
  return add_record (self, "task", pg_task_group_get_tasks (group), position, values, error);
}

PgProject *
pg_document_add_project (PgDocument *self,
                         guint       position,
                         const char *name,
                         GError    **error)
{
  g_autoptr(JsonObject) values = json_object_new ();

  g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL);
  if (!check_writable (self, error))
    return NULL;

  json_object_set_string_member (values, "name", name ? name : "");
  return add_record (self, "project", G_LIST_MODEL (self->projects), position, values, error);
}

PgGoal *
pg_document_add_goal (PgDocument *self,
                      guint       position,
                      const char *title,
                      GError    **error)
{
  g_autoptr(JsonObject) values = json_object_new ();

  g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL);
  if (!check_writable (self, error))
    return NULL;

  json_object_set_string_member (values, "title", title ? title : "");
  return add_record (self, "goal", G_LIST_MODEL (self->goals), position, values, error);
}

/* Puts a level-3's `values` (column → text, NULL for none) into `row`, as
 * set_value would write them one by one. */
static gboolean
add_level3_values (JsonObject        *row,
                   const char *const *values,
                   GError           **error)
{
  const PgTableInfo *info = pg_table_info_lookup ("indicator");

  for (guint i = 0; values != NULL && values[i] != NULL; i += 2)
    {
      int index = pg_table_info_find_column (info, values[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      g_return_val_if_fail (index >= 0 && info->columns[index].type != PG_COLUMN_INT, FALSE);
      if (values[i + 1] == NULL)
        continue;
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_static_string (&value, values[i + 1]);
      if (!validate_field (NULL, &info->columns[index], &value, error))
        return FALSE;
      json_object_set_member (row, values[i], column_value_to_json (&info->columns[index], &value));
    }
  return TRUE;
}

static PgIndicator *
add_indicator (PgDocument        *self,
               PgGoal            *goal,
               PgIndicator       *parent,
               guint              position,
               const char        *category,
               const char        *name,
               const char *const *level3_values,
               GError           **error)
{
  g_autoptr(JsonObject) values = json_object_new ();
  guint level = parent ? pg_indicator_get_level (parent) + 1 : 1;
  GListModel *list;

  if (!check_writable (self, error))
    return NULL;

  if (level > 3)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   _("A level-3 indicator cannot have indicators under it."));
      return NULL;
    }
  if (level < 3)
    {
      if (category == NULL
          || (g_strcmp0 (category, PG_CATEGORY_CUSTOM) == 0 && (name == NULL || *name == '\0'))
          || (g_strcmp0 (category, PG_CATEGORY_CUSTOM) != 0 && pg_category_lookup (level, category) == NULL))
        {
          /* A sentence for each level: Chinese writes 一级 and 二级, not a numeral. */
          g_set_error_literal (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                               level == 1
                               ? _("A level-1 indicator needs a standard category or a name of its own.")
                               : _("A level-2 indicator needs a standard category or a name of its own."));
          return NULL;
        }
      json_object_set_string_member (values, "category", category);
    }
  else
    {
      if (category != NULL || name == NULL || *name == '\0')
        {
          g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                       _("A level-3 indicator needs a name."));
          return NULL;
        }
      if (!add_level3_values (values, level3_values, error))
        return NULL;
    }
  if (name != NULL && (strlen (name) > MAX_TEXT_BYTES || !g_utf8_validate (name, -1, NULL)))
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   _("The text is too long or not valid UTF-8."));
      return NULL;
    }

  json_object_set_int_member (values, "level", level);
  json_object_set_string_member (values, "name", name ? name : "");
  if (parent == NULL)
    {
      json_object_set_int_member (values, "goal_id", pg_record_get_id (PG_RECORD (goal)));
      json_object_set_null_member (values, "parent_id");
      list = pg_goal_get_indicators (goal);
    }
  else
    {
      json_object_set_null_member (values, "goal_id");
      json_object_set_int_member (values, "parent_id", pg_record_get_id (PG_RECORD (parent)));
      list = pg_indicator_get_children (parent);
    }
  return add_record (self, "indicator", list, position, values, error);
}

PgIndicator *
pg_document_add_indicator (PgDocument  *self,
                           PgGoal      *goal,
                           PgIndicator *parent,
                           guint        position,
                           const char  *category,
                           const char  *name,
                           GError     **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (PG_IS_GOAL (goal) || PG_IS_INDICATOR (parent), NULL);

  return add_indicator (self, goal, parent, position, category, name, NULL, error);
}

PgIndicator *
pg_document_add_level3_indicator (PgDocument        *self,
                                  PgIndicator       *parent,
                                  guint              position,
                                  const char        *name,
                                  const char *const *values,
                                  GError           **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (PG_IS_INDICATOR (parent), NULL);

  return add_indicator (self, NULL, parent, position, NULL, name, values, error);
}

/* The record and everything under it, parents before children. */
static void
collect_subtree (PgRecord  *record,
                 GPtrArray *out)
{
  GListStore *children = children_store (record);

  g_ptr_array_add (out, record);
  if (children != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (children));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PgRecord) child = g_list_model_get_item (G_LIST_MODEL (children), i);
          collect_subtree (child, out);
        }
    }
}

gboolean
pg_document_remove (PgDocument *self,
                    PgRecord   *record,
                    GError    **error)
{
  g_autoptr(GPtrArray) subtree = g_ptr_array_new ();
  g_autoptr(PgRecord) keep = NULL;
  Container container;
  GListStore *store;
  guint position;
  gboolean ok = TRUE;

  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (PG_IS_RECORD (record), FALSE);

  if (!container_in_memory (self, record, &container)
      || (store = container_store (self, &container)) == NULL
      || !pg_list_model_find (G_LIST_MODEL (store), record, &position))
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   _("This item cannot be removed."));
      return FALSE;
    }

  COMMAND_BEGIN (self, error);
  keep = g_object_ref (record);
  collect_subtree (record, subtree);
  /* Children first, so no row is ever left without its parent. */
  for (guint i = subtree->len; ok && i > 0; i--)
    {
      PgRecord *r = g_ptr_array_index (subtree, i - 1);
      g_autoptr(JsonObject) row = row_capture (self, pg_record_get_table (r), pg_record_get_id (r));

      ok = row != NULL && change (self, pg_record_get_table (r), pg_record_get_id (r), row, NULL, error);
    }
  if (ok)
    ok = shift_positions (self, G_LIST_MODEL (store), position + 1, -1, error);
  return command_end (self, ok, error);
}

/* The columns that place a row under `parent`. */
static JsonObject *
parent_columns (PgRecord *record,
                gpointer  parent)
{
  JsonObject *row = json_object_new ();

  if (PG_IS_TASK (record))
    json_object_set_int_member (row, "group_id", pg_record_get_id (parent));
  else if (PG_IS_INDICATOR (record))
    {
      if (PG_IS_GOAL (parent))
        {
          json_object_set_int_member (row, "goal_id", pg_record_get_id (parent));
          json_object_set_null_member (row, "parent_id");
        }
      else
        {
          json_object_set_null_member (row, "goal_id");
          json_object_set_int_member (row, "parent_id", pg_record_get_id (parent));
        }
    }
  return row;
}

static gboolean
parent_fits (PgRecord *record,
             gpointer  parent)
{
  if (PG_IS_TASK (record))
    return PG_IS_TASK_GROUP (parent);
  if (PG_IS_INDICATOR (record))
    {
      guint level = pg_indicator_get_level (PG_INDICATOR (record));
      if (level == 1)
        return PG_IS_GOAL (parent);
      return PG_IS_INDICATOR (parent) && pg_indicator_get_level (parent) == level - 1;
    }
  return FALSE;
}

gboolean
pg_document_move (PgDocument *self,
                  PgRecord   *record,
                  gpointer    new_parent,
                  guint       position,
                  GError    **error)
{
  Container from, to;
  GListStore *from_store, *to_store;
  guint old_position;
  gboolean ok = TRUE;

  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (PG_IS_RECORD (record), FALSE);

  if (!container_in_memory (self, record, &from)
      || (from_store = container_store (self, &from)) == NULL
      || !pg_list_model_find (G_LIST_MODEL (from_store), record, &old_position))
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   _("This item cannot be moved."));
      return FALSE;
    }

  to = from;
  if (new_parent != NULL && new_parent != from.owner)
    {
      if (!PG_IS_RECORD (new_parent) || !parent_fits (record, new_parent)
          || lookup (self, pg_record_get_table (new_parent), pg_record_get_id (new_parent)) != new_parent)
        {
          g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                       _("The item cannot go there: the form allows only three levels of indicators, "
                         "each under the level above it."));
          return FALSE;
        }
      to.owner = new_parent;
    }
  to_store = container_store (self, &to);

  COMMAND_BEGIN (self, error);
  if (to.owner == from.owner)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (from_store));
      guint target = MIN (position, n - 1);
      g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (order, g_list_model_get_item (G_LIST_MODEL (from_store), i));
      {
        gpointer moved = g_ptr_array_steal_index (order, old_position);
        g_ptr_array_insert (order, target, moved);
      }
      for (guint i = 0; ok && i < n; i++)
        {
          PgRecord *r = g_ptr_array_index (order, i);
          guint was;

          pg_list_model_find (G_LIST_MODEL (from_store), r, &was);
          if (was != i)
            {
              g_autoptr(JsonObject) before = position_row (was);
              g_autoptr(JsonObject) after = position_row (i);
              ok = change (self, pg_record_get_table (r), pg_record_get_id (r), before, after, error);
            }
        }
    }
  else
    {
      guint target = clamp_position (G_LIST_MODEL (to_store), position);
      g_autoptr(JsonObject) before = parent_columns (record, from.owner);
      g_autoptr(JsonObject) after = parent_columns (record, to.owner);

      json_object_set_int_member (before, "position", old_position);
      json_object_set_int_member (after, "position", target);
      ok = shift_positions (self, G_LIST_MODEL (from_store), old_position + 1, -1, error)
           && shift_positions (self, G_LIST_MODEL (to_store), target, +1, error)
           && change (self, pg_record_get_table (record), pg_record_get_id (record), before, after, error);
    }
  return command_end (self, ok, error);
}

/* Indent and outdent. A level-1 or level-2 row is a category and a level-3
 * row an indicator with values, so a row only ever changes level between 1
 * and 2, and only while it is empty: its children would otherwise land on
 * a level that cannot hold them (a level-3 under a level-1, or a fourth
 * level). A standard category belongs to one level, so a row that changes
 * level keeps its name as a name of its own, in the printed form's language.
 * Indent makes the row the last child of its previous sibling; outdent puts
 * it right after its parent. */

gboolean
pg_document_check_indent (PgDocument  *self,
                          PgIndicator *indicator,
                          gboolean     outdent,
                          GError     **error)
{
  guint level;
  GListModel *siblings;
  guint position;

  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (PG_IS_INDICATOR (indicator), FALSE);

  level = pg_indicator_get_level (indicator);
  if (level == 3)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   outdent ? _("A level-3 indicator cannot be outdented: level 2 holds categories, not indicators.")
                           : _("A level-3 indicator cannot be indented: the form has three levels."));
      return FALSE;
    }
  if (outdent ? level != 2 : level != 1)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   outdent ? _("A level-1 indicator cannot be outdented.")
                           : _("A level-2 indicator cannot be indented: level 3 holds indicators, not categories."));
      return FALSE;
    }
  if (g_list_model_get_n_items (pg_indicator_get_children (indicator)) > 0)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   _("Only an empty category changes level: the indicators under it would land on a level "
                     "that cannot hold them."));
      return FALSE;
    }
  siblings = level == 1 ? pg_goal_get_indicators (pg_indicator_get_goal (indicator))
                        : pg_indicator_get_children (pg_indicator_get_parent (indicator));
  if (!outdent && (!pg_list_model_find (siblings, indicator, &position) || position == 0))
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_INVALID,
                   _("The first level-1 indicator cannot be indented: there is none above it to go under."));
      return FALSE;
    }
  return TRUE;
}

/* The columns that say where an indicator is and what it is called. */
static JsonObject *
indicator_place_row (PgIndicator *indicator,
                     gpointer     parent,
                     guint        position,
                     guint        level,
                     const char  *category,
                     const char  *name)
{
  JsonObject *row = parent_columns (PG_RECORD (indicator), parent);

  json_object_set_int_member (row, "position", position);
  json_object_set_int_member (row, "level", level);
  json_object_set_string_member (row, "category", category);
  json_object_set_string_member (row, "name", name);
  return row;
}

static gboolean
change_level (PgDocument  *self,
              PgIndicator *indicator,
              gboolean     outdent,
              GError     **error)
{
  PgGoal *goal = pg_indicator_get_goal (indicator);
  PgIndicator *parent = pg_indicator_get_parent (indicator);
  GListModel *from_list = parent ? pg_indicator_get_children (parent) : pg_goal_get_indicators (goal);
  GListModel *to_list;
  g_autoptr(PgIndicator) new_parent = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *name = NULL;
  const char *category = pg_indicator_get_category (indicator);
  gboolean english = g_strcmp0 (pg_declaration_get_label_language (self->declaration), "en") == 0;
  guint position, target;
  gboolean ok;

  if (!pg_document_check_indent (self, indicator, outdent, error))
    return FALSE;
  pg_list_model_find (from_list, indicator, &position);
  if (outdent)
    {
      to_list = pg_goal_get_indicators (goal);
      pg_list_model_find (to_list, parent, &target);
      target++;
    }
  else
    {
      new_parent = g_list_model_get_item (from_list, position - 1);
      to_list = pg_indicator_get_children (new_parent);
      target = g_list_model_get_n_items (to_list);
    }
  name = g_strdup (pg_indicator_get_display_name (indicator, english));

  before = indicator_place_row (indicator, parent ? (gpointer) parent : (gpointer) goal, position,
                                pg_indicator_get_level (indicator), category, pg_indicator_get_name (indicator));
  after = indicator_place_row (indicator, outdent ? (gpointer) goal : (gpointer) new_parent, target,
                               outdent ? 1 : 2, PG_CATEGORY_CUSTOM, name);

  COMMAND_BEGIN (self, error);
  ok = shift_positions (self, from_list, position + 1, -1, error)
       && shift_positions (self, to_list, target, +1, error)
       && change (self, "indicator", pg_record_get_id (PG_RECORD (indicator)), before, after, error);
  return command_end (self, ok, error);
}

gboolean
pg_document_indent_indicator (PgDocument  *self,
                              PgIndicator *indicator,
                              GError     **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (PG_IS_INDICATOR (indicator), FALSE);
  return change_level (self, indicator, FALSE, error);
}

gboolean
pg_document_outdent_indicator (PgDocument  *self,
                               PgIndicator *indicator,
                               GError     **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (PG_IS_INDICATOR (indicator), FALSE);
  return change_level (self, indicator, TRUE, error);
}

/* Undo and redo */

static gboolean
apply_history_step (PgDocument *self,
                    gboolean    undo,
                    GError    **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *focus_table = NULL;
  g_autofree char *focus_column = NULL;
  gint64 seq, focus_id = 0;
  JsonArray *changes;
  guint n;
  gboolean ok = TRUE;
  PgRecord *focus = NULL;
  g_autofree char *focus_property = NULL;

  if (!check_writable (self, error))
    return FALSE;
  g_return_val_if_fail (self->step_depth == 0, FALSE);

  stmt = statement (self,
                    undo ? "SELECT seq, changes, focus_table, focus_id, focus_column FROM history"
                           " WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
                         : "SELECT seq, changes, focus_table, focus_id, focus_column FROM history"
                           " WHERE undone = 1 ORDER BY seq ASC LIMIT 1",
                    error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_NOTHING_TO_DO,
                   undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }
  seq = sqlite3_column_int64 (stmt, 0);
  if (!json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 1), -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      sqlite3_reset (stmt);
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DAMAGED,
                   _("The undo history is damaged."));
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 2) == SQLITE_TEXT)
    focus_table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  focus_id = sqlite3_column_int64 (stmt, 3);
  if (sqlite3_column_type (stmt, 4) == SQLITE_TEXT)
    focus_column = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  sqlite3_reset (stmt);

  changes = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (changes);

  begin_step (self, TRUE);
  for (guint k = 0; ok && k < n; k++)
    {
      JsonObject *c = json_array_get_object_element (changes, undo ? n - 1 - k : k);
      JsonObject *before = json_object_get_null_member (c, "b") ? NULL : json_object_get_object_member (c, "b");
      JsonObject *after = json_object_get_null_member (c, "a") ? NULL : json_object_get_object_member (c, "a");

      ok = change (self, json_object_get_string_member (c, "t"), json_object_get_int_member (c, "id"),
                   undo ? after : before, undo ? before : after, error);
    }
  if (ok)
    {
      stmt = statement (self, "UPDATE history SET undone = ? WHERE seq = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int (stmt, 1, undo ? 1 : 0);
          sqlite3_bind_int64 (stmt, 2, seq);
          ok = step_done (self, stmt, error);
        }
    }
  if (!pg_document_end_step (self, ok, ok ? error : NULL))
    return FALSE;

  /* The next edit starts a step of its own. */
  self->coalesce_broken = TRUE;

  if (focus_table != NULL && pg_table_info_lookup (focus_table) != NULL)
    focus = lookup (self, pg_table_info_lookup (focus_table)->table, focus_id);
  if (focus_column != NULL)
    focus_property = g_strdelimit (g_strdup (focus_column), "_", '-');
  g_signal_emit (self, signals[HISTORY_STEP], 0, focus, focus_property);
  return TRUE;
}

gboolean
pg_document_undo (PgDocument *self,
                  GError    **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  return apply_history_step (self, TRUE, error);
}

gboolean
pg_document_redo (PgDocument *self,
                  GError    **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  return apply_history_step (self, FALSE, error);
}

void
pg_document_set_coalesce_ms (PgDocument *self,
                             guint       ms)
{
  g_return_if_fail (PG_IS_DOCUMENT (self));
  self->coalesce_ms = ms;
}

void
pg_document_break_coalescing (PgDocument *self)
{
  g_return_if_fail (PG_IS_DOCUMENT (self));
  self->coalesce_broken = TRUE;
}

/* Loading */

/* Sets a record's data columns from the current row of `stmt`, whose
 * columns from `first` on are the table's (SELECT …, * FROM table). */
static void
apply_stmt_to_record (PgRecord     *record,
                      sqlite3_stmt *stmt,
                      int           first,
                      const int    *column_map)
{
  const PgTableInfo *info = pg_record_get_table_info (record);
  int n = sqlite3_column_count (stmt);

  for (int i = first; i < n; i++)
    {
      int index = column_map[i];
      g_auto(GValue) value = G_VALUE_INIT;
      gboolean is_null = sqlite3_column_type (stmt, i) == SQLITE_NULL;

      if (index < 0)
        continue;
      switch (info->columns[index].type)
        {
        case PG_COLUMN_TEXT:
        case PG_COLUMN_KEY:
          g_value_init (&value, G_TYPE_STRING);
          if (!is_null)
            g_value_set_string (&value, (const char *) sqlite3_column_text (stmt, i));
          else if (info->columns[index].type == PG_COLUMN_TEXT)
            g_value_set_static_string (&value, "");
          break;
        case PG_COLUMN_AMOUNT:
          g_value_init (&value, G_TYPE_INT64);
          g_value_set_int64 (&value, is_null ? PG_AMOUNT_NONE : sqlite3_column_int64 (stmt, i));
          break;
        case PG_COLUMN_INT:
          g_value_init (&value, G_TYPE_INT);
          g_value_set_int (&value, is_null ? 0 : sqlite3_column_int (stmt, i));
          break;
        default:
          g_assert_not_reached ();
        }
      pg_record_set_column (record, index, &value);
    }
}

typedef struct {
  PgRecord *record;
  gint64    parent[2];   /* the parent columns selected first, 0 for NULL */
} LoadedRow;

/* Builds every record of a table with one query, in list order. The
 * query selects two parent columns (or NULLs) and then the row. */
static GArray *
load_table (PgDocument *self,
            const char *table,
            const char *sql,
            GError    **error)
{
  const PgTableInfo *info = pg_table_info_lookup (table);
  sqlite3_stmt *stmt = statement (self, sql, error);
  GArray *rows;
  g_autofree int *column_map = NULL;
  int n, rc;

  if (stmt == NULL)
    return NULL;
  n = sqlite3_column_count (stmt);
  column_map = g_new (int, n);
  for (int i = 0; i < n; i++)
    column_map[i] = i < 2 ? -1 : pg_table_info_find_column (info, sqlite3_column_name (stmt, i));

  rows = g_array_new (FALSE, FALSE, sizeof (LoadedRow));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LoadedRow row = {
        pg_record_new_for_table (info, sqlite3_column_int64 (stmt, 2)),
        { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) },
      };

      apply_stmt_to_record (row.record, stmt, 2, column_map);
      register_record (self, row.record);
      g_object_unref (row.record); /* the registry holds it */
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pg_schema_set_error (error, self->db, PG_SCHEMA_READING);
      g_array_unref (rows);
      return NULL;
    }
  return rows;
}

/* Appends each loaded record to its owner's list; FALSE when a row's owner
 * is missing (a damaged file). */
static gboolean
distribute (PgDocument *self,
            GArray     *rows,
            const char *table,
            const char *owner_table,
            guint       parent_column)
{
  g_autoptr(GHashTable) lists = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer owner, list;

  for (guint i = 0; i < rows->len; i++)
    {
      LoadedRow *row = &g_array_index (rows, LoadedRow, i);
      PgRecord *parent;
      GPtrArray *children;

      if (owner_table == NULL)
        parent = NULL;
      else if (row->parent[parent_column] == 0)
        continue; /* hangs from the other kind of owner */
      else if ((parent = lookup (self, owner_table, row->parent[parent_column])) == NULL)
        return FALSE;

      children = g_hash_table_lookup (lists, parent);
      if (children == NULL)
        {
          children = g_ptr_array_new ();
          g_hash_table_insert (lists, parent, children);
        }
      g_ptr_array_add (children, row->record);
    }

  g_hash_table_iter_init (&iter, lists);
  while (g_hash_table_iter_next (&iter, &owner, &list))
    {
      GPtrArray *children = list;
      Container container = { table, owner };
      GListStore *store = container_store (self, &container);

      g_list_store_splice (store, 0, 0, children->pdata, children->len);
      if (owner != NULL && PG_IS_TASK_GROUP (owner))
        for (guint i = 0; i < children->len; i++)
          pg_task_set_group (children->pdata[i], owner);
    }
  return TRUE;
}

/* The lists, a query per table rather than a query per record: opening a
 * large declaration must not wait. */
static gboolean
load_lists (PgDocument *self,
            GError    **error)
{
  g_autoptr(GArray) groups = load_table (self, "task_group", "SELECT NULL, NULL, * FROM task_group ORDER BY position, id", error);
  g_autoptr(GArray) tasks = groups ? load_table (self, "task", "SELECT group_id, NULL, * FROM task ORDER BY position, id", error) : NULL;
  g_autoptr(GArray) projects = tasks ? load_table (self, "project", "SELECT NULL, NULL, * FROM project ORDER BY position, id", error) : NULL;
  g_autoptr(GArray) goals = projects ? load_table (self, "goal", "SELECT NULL, NULL, * FROM goal ORDER BY position, id", error) : NULL;
  g_autoptr(GArray) indicators = goals ? load_table (self, "indicator", "SELECT goal_id, parent_id, * FROM indicator ORDER BY position, id", error) : NULL;
  guint n_goals;

  if (indicators == NULL)
    return FALSE;

  if (!distribute (self, groups, "task_group", NULL, 0)
      || !distribute (self, tasks, "task", "task_group", 0)
      || !distribute (self, projects, "project", NULL, 0)
      || !distribute (self, goals, "goal", NULL, 0)
      || !distribute (self, indicators, "indicator", "goal", 0)
      || !distribute (self, indicators, "indicator", "indicator", 1))
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DAMAGED,
                   _("The document's lists are damaged: a row has no parent."));
      return FALSE;
    }

  /* Each indicator learns its goal and parent, from the top down. */
  n_goals = g_list_model_get_n_items (G_LIST_MODEL (self->goals));
  for (guint i = 0; i < n_goals; i++)
    {
      g_autoptr(PgGoal) goal = g_list_model_get_item (G_LIST_MODEL (self->goals), i);
      GListModel *level1 = pg_goal_get_indicators (goal);
      guint n = g_list_model_get_n_items (level1);

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(PgIndicator) indicator = g_list_model_get_item (level1, k);
          pg_indicator_set_place (indicator, goal, NULL);
        }
    }
  return TRUE;
}

static gboolean
load_all (PgDocument *self,
          GError    **error)
{
  g_autoptr(JsonObject) declaration_row = row_capture (self, "declaration", 1);
  sqlite3_stmt *stmt;

  if (declaration_row == NULL)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DAMAGED,
                   _("The document has no declaration in it."));
      return FALSE;
    }
  self->declaration = PG_DECLARATION (pg_record_new_for_table (pg_table_info_lookup ("declaration"), 1));
  apply_row_to_record (PG_RECORD (self->declaration), declaration_row);
  register_record (self, PG_RECORD (self->declaration));

  stmt = statement (self, "SELECT id, block FROM finance_row ORDER BY block, position", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *block = (const char *) sqlite3_column_text (stmt, 1);
      PgFinanceBlock *target = g_strcmp0 (block, "revenue") == 0 ? self->revenue
                               : g_strcmp0 (block, "expenditure") == 0 ? self->expenditure : NULL;
      g_autoptr(PgRecord) row = NULL;
      g_autoptr(JsonObject) values = NULL;

      if (target == NULL)
        continue;
      row = pg_record_new_for_table (pg_table_info_lookup ("finance_row"), id);
      values = row_capture (self, "finance_row", id);
      if (values != NULL)
        apply_row_to_record (row, values);
      register_record (self, row);
      g_list_store_append (pg_finance_block_get_store (target), row);
    }
  sqlite3_reset (stmt);
  if (g_list_model_get_n_items (pg_finance_block_get_rows (self->revenue)) != 2
      || g_list_model_get_n_items (pg_finance_block_get_rows (self->expenditure)) != 2)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DAMAGED,
                   _("The document's revenue and expenditure rows are damaged."));
      return FALSE;
    }

  if (!load_lists (self, error))
    return FALSE;

  self->step_structural = TRUE;
  self->step_finance = TRUE;
  after_changes (self);

  self->saved_seq = get_state_int (self, "saved_seq");
  self->base_seq = get_state_int (self, "base_seq");
  count_steps (self);
  update_history_state (self);
  return TRUE;
}

static PgDocument *
document_new_empty (void)
{
  return g_object_new (PG_TYPE_DOCUMENT, NULL);
}

/* Opens the working copy at self->working_path (or, with none, a database
 * in memory) and loads it. */
static gboolean
attach_working_copy (PgDocument *self,
                     gboolean    create,
                     const char *display_name,
                     GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (create)
    {
      self->db = pg_schema_open (self->working_path != NULL ? self->working_path : ":memory:", TRUE, error);
      return self->db != NULL && pg_schema_create (self->db, error) && load_all (self, error);
    }

  self->db = pg_schema_open (self->working_path, FALSE, &local_error);
  if (self->db != NULL
      && pg_schema_check_and_migrate (self->db, display_name, &local_error)
      && load_all (self, &local_error))
    return TRUE;

  /* SQLite failing on a file that passed the header check means the file
   * is damaged, whatever step noticed it first. */
  if (g_error_matches (local_error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE))
    g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DAMAGED,
                 /* Translators: the first %s is a file name, the second the reason. */
                 _("“%s” is damaged and cannot be read: %s"), display_name,
                 self->db ? sqlite3_errmsg (self->db) : local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A new declaration in the working copy just attached. */
static PgDocument *
document_created (PgDocument  *self,
                  GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (!attach_working_copy (self, TRUE, NULL, error))
    {
      g_object_unref (self);
      return NULL;
    }

  /* Declarations are written in the autumn for the coming year. */
  pg_document_begin_untracked_step (self);
  pg_document_set_int (self, PG_RECORD (self->declaration), "budget-year",
                       g_date_time_get_year (now) + 1, NULL);
  if (!pg_document_end_step (self, TRUE, error))
    {
      g_object_unref (self);
      return NULL;
    }
  return self;
}

PgDocument *
pg_document_new (GError **error)
{
  g_autoptr(PgDocument) self = document_new_empty ();

  self->working_path = pg_working_copy_create (&self->lock_fd, error);
  if (self->working_path == NULL)
    return NULL;
  return document_created (g_steal_pointer (&self), error);
}

PgDocument *
pg_document_new_in_memory (GError **error)
{
  return document_created (document_new_empty (), error);
}

/* Whether saving over `file` can work. A file without any write bit is
 * read-only by its owner's intent, even to a process that could override
 * it (root). */
static gboolean
file_is_writable (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE ","
                                                 G_FILE_ATTRIBUTE_UNIX_MODE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *parent_path = parent ? g_file_get_path (parent) : NULL;

  if (info == NULL || !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
    return FALSE;
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE)
      && (g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 0222) == 0)
    return FALSE;
  /* Saving writes a new file beside the old one. */
  if (parent_path != NULL && access (parent_path, W_OK) != 0)
    return FALSE;
  return TRUE;
}

PgDocument *
pg_document_open (GFile   *file,
                  GError **error)
{
  g_autoptr(PgDocument) self = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *uri = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display_name = g_file_get_parse_name (file);
  /* Read the bytes through GIO, never through SQLite: the file is not
   * locked, not journaled, not touched. */
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  if (!pg_schema_header_is_ours ((const guint8 *) contents, length))
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_NOT_PERFGOAL,
                   /* Translators: %s is a file name. */
                   _("“%s” is not a PerfGoal declaration."), display_name);
      return NULL;
    }

  self = document_new_empty ();
  self->working_path = pg_working_copy_create (&self->lock_fd, error);
  if (self->working_path == NULL)
    return NULL;
  /* No fsync: the user's file is the durable copy until the first edit. */
  if (!g_file_set_contents_full (self->working_path, contents, length,
                                 G_FILE_SET_CONTENTS_NONE, 0600, error))
    return NULL;
  g_clear_pointer (&contents, g_free);

  if (!attach_working_copy (self, FALSE, display_name, error))
    return NULL;

  self->file = g_object_ref (file);
  self->read_only = !file_is_writable (file);
  uri = g_file_get_uri (file);
  /* The saved file carries no history: its state is step 0. */
  if (!exec (self, "DELETE FROM working_state", error)
      || !set_state (self, "source_uri", uri, 0, error)
      || !set_state (self, "saved_seq", NULL, self->top_seq, error))
    return NULL;
  self->saved_seq = self->top_seq;
  update_history_state (self);
  return g_steal_pointer (&self);
}

PgDocument *
pg_document_recover (const char *working_copy_path,
                     GError    **error)
{
  g_autoptr(PgDocument) self = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (working_copy_path != NULL, NULL);

  self = document_new_empty ();
  self->lock_fd = pg_working_copy_lock (working_copy_path, error);
  if (self->lock_fd < 0)
    return NULL;
  self->working_path = g_strdup (working_copy_path);
  if (!attach_working_copy (self, FALSE, working_copy_path, error))
    {
      /* Not ours to delete: leave the copy as it was found. */
      close (self->lock_fd);
      self->lock_fd = -1;
      g_clear_pointer (&self->working_path, g_free);
      return NULL;
    }

  uri = get_state_text (self, "source_uri");
  if (uri != NULL)
    {
      self->file = g_file_new_for_uri (uri);
      self->read_only = !file_is_writable (self->file);
    }
  return g_steal_pointer (&self);
}

void
pg_document_mark_unsaved (PgDocument *self)
{
  g_return_if_fail (PG_IS_DOCUMENT (self));
  g_clear_object (&self->file);
  self->read_only = FALSE;
  self->saved_seq = self->top_seq;
  set_state (self, "saved_seq", NULL, self->saved_seq, NULL);
  update_history_state (self);
}

/* Saving */

static gboolean
fsync_path (const char *path,
            gboolean    directory,
            GError    **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC, 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  /* Some file systems cannot sync a directory; the file itself is synced. */
  if (directory && (saved_errno == EINVAL || saved_errno == EBADF || saved_errno == EACCES))
    return TRUE;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the first %s is a file name, the second the reason. */
               _("Could not write “%s” to disk: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Writes a clean copy of the document, without the history, to `tmp_path`
 * (an empty file). */
static gboolean
write_clean_copy (PgDocument *self,
                  const char *tmp_path,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  sqlite3 *copy;
  gboolean ok;

  stmt = statement (self, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tmp_path, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      pg_schema_set_error (error, self->db, PG_SCHEMA_WRITING_FILE);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  copy = pg_schema_open (tmp_path, FALSE, error);
  if (copy == NULL)
    return FALSE;
  /* With secure_delete and a VACUUM no earlier value survives anywhere in
   * the file: a form sent to the bureau must not reveal its history. */
  ok = pg_schema_exec (copy,
                       "DELETE FROM history;"
                       "DELETE FROM working_state;"
                       "DELETE FROM sqlite_sequence WHERE name = 'history';"
                       "VACUUM;",
                       error);
  if (sqlite3_close (copy) != SQLITE_OK && ok)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_DATABASE,
                   /* Translators: %s is a file name. */
                   _("Could not finish writing “%s”."), tmp_path);
      ok = FALSE;
    }
  /* The copy was opened like every document, in TRUNCATE journal mode,
   * which keeps an empty journal after each transaction: it must not be
   * left beside the user's file. Empty, it holds nothing to roll back. */
  {
    g_autofree char *journal = g_strconcat (tmp_path, "-journal", NULL);
    g_unlink (journal);
  }
  return ok;
}

/* Atomically replaces `file` with the document: a temporary file beside it,
 * fsync, rename. The old file stays whole until the rename. */
static gboolean
write_to_file (PgDocument *self,
               GFile      *file,
               GError    **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;

  if (path == NULL)
    {
      /* No local path (a remote location): build the copy locally and let
       * GIO replace the file, which it does atomically where it can. */
      g_autofree char *wdir = pg_working_copy_dir (error);
      g_autofree char *contents = NULL;
      gsize length;
      gboolean ok;

      if (wdir == NULL)
        return FALSE;
      tmp_path = g_build_filename (wdir, "save-XXXXXX", NULL);
      fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       /* Translators: %s is the reason. */
                       _("Could not create a temporary file: %s"), g_strerror (errno));
          return FALSE;
        }
      close (fd);
      ok = write_clean_copy (self, tmp_path, error)
           && g_file_get_contents (tmp_path, &contents, &length, error)
           && g_file_replace_contents (file, contents, length, NULL, FALSE,
                                       G_FILE_CREATE_NONE, NULL, NULL, error);
      g_unlink (tmp_path);
      return ok;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  {
    g_autofree char *tmp_name = g_strdup_printf (".%s.XXXXXX", base);
    tmp_path = g_build_filename (dir, tmp_name, NULL);
  }
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the first %s is a file name, the second the reason. */
                   _("Could not save to “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  if (!write_clean_copy (self, tmp_path, error)
      || !fsync_path (tmp_path, FALSE, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the first %s is a file name, the second the reason. */
                   _("Could not save “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return fsync_path (dir, TRUE, error);
}

gboolean
pg_document_write_copy (PgDocument *self,
                        GFile      *file,
                        GError    **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->step_depth == 0, FALSE);

  return write_to_file (self, file, error);
}

static gboolean
mark_saved (PgDocument *self,
            GError    **error)
{
  g_autofree char *uri = g_file_get_uri (self->file);

  if (!exec (self, "BEGIN", error))
    return FALSE;
  if (!set_state (self, "source_uri", uri, 0, error)
      || !set_state (self, "saved_seq", NULL, self->top_seq, error)
      || !exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  self->saved_seq = self->top_seq;
  /* The saved state must stay reachable: no edit coalesces into it. */
  self->coalesce_broken = TRUE;
  update_history_state (self);
  return TRUE;
}

gboolean
pg_document_save (PgDocument *self,
                  GError    **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);

  if (self->file == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The declaration has no file yet: use Save As."));
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, PG_DOCUMENT_ERROR, PG_DOCUMENT_ERROR_READ_ONLY,
                   _("The file is read-only: use Save As to keep your changes in another file."));
      return FALSE;
    }
  if (!write_to_file (self, self->file, error))
    return FALSE;
  return mark_saved (self, error);
}

gboolean
pg_document_save_as (PgDocument *self,
                     GFile      *file,
                     GError    **error)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!write_to_file (self, file, error))
    return FALSE;
  g_set_object (&self->file, file);
  if (self->read_only)
    {
      self->read_only = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  return mark_saved (self, error);
}

void
pg_document_close (PgDocument *self)
{
  g_return_if_fail (PG_IS_DOCUMENT (self));

  if (self->statements != NULL)
    g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  if (self->working_path != NULL)
    {
      pg_working_copy_delete (self->working_path, self->lock_fd);
      self->lock_fd = -1;
      g_clear_pointer (&self->working_path, g_free);
    }
}

/* GObject */

static void
pg_document_finalize (GObject *object)
{
  PgDocument *self = PG_DOCUMENT (object);

  pg_document_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->registry, g_hash_table_unref);
  g_clear_object (&self->declaration);
  g_clear_object (&self->revenue);
  g_clear_object (&self->expenditure);
  g_clear_object (&self->task_groups);
  g_clear_object (&self->projects);
  g_clear_object (&self->goals);
  g_clear_object (&self->file);
  g_clear_pointer (&self->step_changes, json_array_unref);

  G_OBJECT_CLASS (pg_document_parent_class)->finalize (object);
}

static void
pg_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PgDocument *self = PG_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pg_document_class_init (PgDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pg_document_finalize;
  object_class->get_property = pg_document_get_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PgDocument::history-step:
   * @record: (nullable): the record the undone or redone step was about
   * @property: (nullable): the property it edited, when it edited one field
   */
  signals[HISTORY_STEP] =
    g_signal_new ("history-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, PG_TYPE_RECORD, G_TYPE_STRING);

  /**
   * PgDocument::rows-changed:
   * @rows: (array length=n_rows): the rows a step touched, as PgRowRef
   * @n_rows: how many
   */
  signals[ROWS_CHANGED] =
    g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pg_document_init (PgDocument *self)
{
  self->lock_fd = -1;
  self->coalesce_ms = DEFAULT_COALESCE_MS;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->registry = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) g_hash_table_unref);
  self->revenue = pg_finance_block_new ("revenue");
  self->expenditure = pg_finance_block_new ("expenditure");
  self->task_groups = g_list_store_new (PG_TYPE_TASK_GROUP);
  self->projects = g_list_store_new (PG_TYPE_PROJECT);
  self->goals = g_list_store_new (PG_TYPE_GOAL);
}

/* Accessors */

GFile *pg_document_get_file (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL); return self->file; }
const char *pg_document_get_working_copy_path (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL); return self->working_path; }
gboolean pg_document_get_modified (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE); return self->modified; }
gboolean pg_document_get_read_only (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE); return self->read_only; }
gboolean pg_document_get_can_undo (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE); return self->can_undo; }
gboolean pg_document_get_can_redo (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), FALSE); return self->can_redo; }
PgDeclaration *pg_document_get_declaration (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL); return self->declaration; }
PgFinanceBlock *pg_document_get_revenue (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL); return self->revenue; }
PgFinanceBlock *pg_document_get_expenditure (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL); return self->expenditure; }
GListModel *pg_document_get_task_groups (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL); return G_LIST_MODEL (self->task_groups); }
GListModel *pg_document_get_projects (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL); return G_LIST_MODEL (self->projects); }
GListModel *pg_document_get_goals (PgDocument *self) { g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL); return G_LIST_MODEL (self->goals); }

PgRecord *
pg_document_lookup (PgDocument *self,
                    const char *table,
                    gint64      id)
{
  g_return_val_if_fail (PG_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (pg_table_info_lookup (table) != NULL, NULL);
  return lookup (self, table, id);
}
