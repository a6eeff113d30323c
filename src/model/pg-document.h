/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A declaration document. The user's .perfgoal file is never edited in
 * place: it is copied into a private working copy (a SQLite database in the
 * app's data directory) where every command is committed at once, in its own
 * transaction, together with its inverse for undo. Save writes the user's file
 * atomically from the working copy, without the history.
 */
#pragma once

#include <gio/gio.h>

#include "pg-records.h"

G_BEGIN_DECLS

typedef enum {
  PG_DOCUMENT_ERROR_NOT_PERFGOAL,  /* not a PerfGoal document at all */
  PG_DOCUMENT_ERROR_NEWER_VERSION, /* written by a newer PerfGoal */
  PG_DOCUMENT_ERROR_DAMAGED,       /* ours, but failed its integrity check */
  PG_DOCUMENT_ERROR_READ_ONLY,     /* the document was opened read-only */
  PG_DOCUMENT_ERROR_INVALID,       /* a command that would break the form's shape */
  PG_DOCUMENT_ERROR_NOTHING_TO_DO, /* undo or redo with an empty history */
  PG_DOCUMENT_ERROR_DATABASE,      /* SQLite failed (disk full, I/O error, …) */
} PgDocumentError;

#define PG_DOCUMENT_ERROR (pg_document_error_quark ())
GQuark pg_document_error_quark (void);

/* Append at the end of a list. */
#define PG_POSITION_END G_MAXUINT

#define PG_TYPE_DOCUMENT (pg_document_get_type ())
G_DECLARE_FINAL_TYPE (PgDocument, pg_document, PG, DOCUMENT, GObject)

/* A new, empty declaration. It has only a working copy until its first save. */
PgDocument *pg_document_new     (GError **error);
/* A new, empty declaration held in memory only, with no working copy: for
 * work that reads a declaration and never keeps it (the command line). A
 * killed process leaves nothing behind to recover. It can still be saved
 * or written out. */
PgDocument *pg_document_new_in_memory (GError **error);
/* Opens a .perfgoal file: copies it into a new working copy and checks it.
 * The file itself is never modified. A file that cannot be written opens
 * read-only. */
PgDocument *pg_document_open    (GFile   *file,
                                 GError **error);
/* Takes over a working copy left behind by a process that ended without
 * closing it (see pg-working-copy.h), with its history. */
PgDocument *pg_document_recover (const char *working_copy_path,
                                 GError    **error);

/* The user's file, or NULL for a new declaration never saved. */
GFile      *pg_document_get_file              (PgDocument *self);
const char *pg_document_get_working_copy_path (PgDocument *self);
/* Whether the working copy differs from the saved file. */
gboolean    pg_document_get_modified          (PgDocument *self);
gboolean    pg_document_get_read_only         (PgDocument *self);
gboolean    pg_document_get_can_undo          (PgDocument *self);
gboolean    pg_document_get_can_redo          (PgDocument *self);

/* Writes the user's file atomically: a temporary file beside it, fsync,
 * rename. Save needs a file and a writable document; Save As also makes
 * the document writable and follows the new file. */
gboolean pg_document_save      (PgDocument *self,
                                GError    **error);
gboolean pg_document_save_as   (PgDocument *self,
                                GFile      *file,
                                GError    **error);
/* Writes a copy to `file` atomically; the document keeps its own file. */
gboolean pg_document_write_copy (PgDocument *self,
                                 GFile      *file,
                                 GError    **error);

/* Ends the document: its working copy is deleted. A process that dies
 * without this leaves the working copy for recovery. Finalizing an open
 * document closes it. */
void pg_document_close (PgDocument *self);

/* The content. */
PgDeclaration  *pg_document_get_declaration (PgDocument *self);
PgFinanceBlock *pg_document_get_revenue     (PgDocument *self);
PgFinanceBlock *pg_document_get_expenditure (PgDocument *self);
GListModel     *pg_document_get_task_groups (PgDocument *self); /* of PgTaskGroup */
GListModel     *pg_document_get_projects    (PgDocument *self); /* of PgProject */
GListModel     *pg_document_get_goals       (PgDocument *self); /* of PgGoal */
/* The record of a row in memory (see PgRowRef), or NULL when there is none. */
PgRecord       *pg_document_lookup          (PgDocument *self,
                                             const char *table,
                                             gint64      id);

/* Commands. Each is one step of the history (successive edits of one field
 * within the coalescing window make one step), committed to the working copy
 * before it returns. They fail with PG_DOCUMENT_ERROR_READ_ONLY on a read-only
 * document, and with PG_DOCUMENT_ERROR_INVALID for a property the record does
 * not have or a value it cannot take. */
gboolean pg_document_set_string (PgDocument *self,
                                 PgRecord   *record,
                                 const char *property,
                                 const char *value,
                                 GError    **error);
/* Amounts (gint64 ten-thousandths, PG_AMOUNT_NONE for empty). */
gboolean pg_document_set_amount (PgDocument *self,
                                 PgRecord   *record,
                                 const char *property,
                                 gint64      value,
                                 GError    **error);
gboolean pg_document_set_int    (PgDocument *self,
                                 PgRecord   *record,
                                 const char *property,
                                 int         value,
                                 GError    **error);

/* Structure. `position` is the index in the destination list, or
 * PG_POSITION_END. The returned object is owned by the document. */
PgTaskGroup *pg_document_add_task_group (PgDocument  *self,
                                         guint        position,
                                         const char  *title,
                                         GError     **error);
PgTask      *pg_document_add_task       (PgDocument  *self,
                                         PgTaskGroup *group,
                                         guint        position,
                                         const char  *title,
                                         const char  *text,
                                         GError     **error);
PgProject   *pg_document_add_project    (PgDocument  *self,
                                         guint        position,
                                         const char  *name,
                                         GError     **error);
PgGoal      *pg_document_add_goal       (PgDocument  *self,
                                         guint        position,
                                         const char  *title,
                                         GError     **error);
/* Adds a level-1 indicator under `goal` when `parent` is NULL, else a child
 * of `parent` one level down. Levels 1 and 2 take a standard `category` key
 * or PG_CATEGORY_CUSTOM with a non-empty `name`; level 3 takes a non-empty
 * `name` and no category. */
PgIndicator *pg_document_add_indicator  (PgDocument  *self,
                                         PgGoal      *goal,
                                         PgIndicator *parent,
                                         guint        position,
                                         const char  *category,
                                         const char  *name,
                                         GError     **error);
/* Removes a task group, task, project, goal or indicator with everything
 * under it. */
gboolean pg_document_remove (PgDocument *self,
                             PgRecord   *record,
                             GError    **error);
/* Moves a record to `position` in `new_parent`'s list (NULL: its own list).
 * A task moves to any group; an indicator to any goal or indicator where its
 * level stays the same (a level-1 under a PgGoal, a level-2 under a level-1,
 * a level-3 under a level-2). `position` is the index after the move. */
gboolean pg_document_move   (PgDocument *self,
                             PgRecord   *record,
                             gpointer    new_parent,
                             guint       position,
                             GError    **error);

/* Indent (one level down, as the last child of the previous sibling) and
 * outdent (one level up, right after the parent). Only an empty level-1 or
 * level-2 category changes level, between 1 and 2, and keeps its name as a
 * name of its own: anything else would give the tree a shape the form does
 * not have. pg_document_check_indent() says whether the command would be
 * taken (`outdent` FALSE: indent), and why not. */
gboolean pg_document_check_indent      (PgDocument  *self,
                                        PgIndicator *indicator,
                                        gboolean     outdent,
                                        GError     **error);
gboolean pg_document_indent_indicator  (PgDocument  *self,
                                        PgIndicator *indicator,
                                        GError     **error);
gboolean pg_document_outdent_indicator (PgDocument  *self,
                                        PgIndicator *indicator,
                                        GError     **error);

/* Several commands as one history step (e.g. add an indicator and fill its
 * cells). Steps nest; the outermost end commits. When `commit` is FALSE,
 * everything since the outermost begin is rolled back. */
void     pg_document_begin_step (PgDocument *self);
gboolean pg_document_end_step   (PgDocument *self,
                                 gboolean    commit,
                                 GError    **error);

/* Undo and redo. After each, the document emits "history-step" with the
 * record and property the step was about (either may be NULL: the record of
 * an undone addition is gone), so a view can reveal and focus it.
 * The history is unlimited in kind and bounded in length
 * (PG_HISTORY_MAX_STEPS), and lives in the working copy. */
#define PG_HISTORY_MAX_STEPS 10000

/* After every step has reached memory (a command, a step of several, undo,
 * redo, an import, or a failed step rolled back), the document emits
 * "rows-changed" with the rows the step inserted, updated, moved or deleted:
 * an array of `n_rows` PgRowRef, valid during the emission. A deleted row's
 * record is gone by then; its id is still given. */
typedef struct {
  const char *table;  /* "declaration", "finance_row", "task_group", "task",
                       * "project", "goal" or "indicator" */
  gint64      id;
} PgRowRef;
gboolean pg_document_undo (PgDocument *self,
                           GError    **error);
gboolean pg_document_redo (PgDocument *self,
                           GError    **error);
/* Successive edits of one field closer together than this make one step;
 * 0 turns coalescing off. Default: 1000 ms. */
void     pg_document_set_coalesce_ms (PgDocument *self,
                                      guint       ms);
/* The next edit starts a new step even within the window (a view calls
 * this when the focus leaves a field). */
void     pg_document_break_coalescing (PgDocument *self);

G_END_DECLS
