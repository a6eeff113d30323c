/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints timings for a large declaration: 50 goals × 60 level-3
 * indicators, 300 tasks, 60 projects. A benchmark, not a test: it asserts
 * nothing about time, the machines are shared and noisy.
 *
 *   bench-document [ROUNDS]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "pg-document.h"
#include "pg-document-private.h"
#include "pg-json.h"
#include "bench-report.h"
#include "test-dirs.h"
#include "large-declaration.h"

#define N_GOALS 50
#define N_TASKS 300
#define N_PROJECTS 60

int
main (int    argc,
      char **argv)
{
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 20;
  /* Working copies and the saved file go to a scratch place, removed at
   * exit, not the user's. */
  const char *dir = pg_test_private_data_home ("perfgoal-bench-document");
  g_autofree char *path = g_build_filename (dir, "large.perfgoal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PgDocument) generated = NULL;
  g_autoptr(PgDocument) doc = NULL;
  g_autoptr(GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undo_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) redo_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) move_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *json = NULL;
  gsize json_length = 0;
  GStatBuf st;
  PgIndicator *leaf;
  PgGoal *goal;

  generated = large_declaration_new (N_GOALS, N_TASKS, N_PROJECTS);
  g_assert_true (pg_document_save_as (generated, file, &error));
  g_stat (path, &st);
  printf ("declaration: %d goals × 60 level-3 indicators, %d tasks, %d projects; file %.1f KiB\n",
          N_GOALS, N_TASKS, N_PROJECTS, st.st_size / 1024.0);
  g_clear_object (&generated);

  for (guint i = 0; i < rounds; i++)
    {
      PgDocument *opened;
      TIME (open_ms, opened = pg_document_open (file, &error));
      g_assert_no_error (error);
      g_object_unref (opened);
    }

  doc = pg_document_open (file, &error);
  g_assert_no_error (error);
  goal = g_list_model_get_item (pg_document_get_goals (doc), 25);
  leaf = g_list_model_get_item (pg_indicator_get_children (
           g_list_model_get_item (pg_indicator_get_children (
             g_list_model_get_item (pg_goal_get_indicators (goal), 0)), 0)), 5);

  /* Typing: each keystroke a committed edit (no coalescing, the worst case). */
  pg_document_set_coalesce_ms (doc, 0);
  for (guint i = 0; i < rounds * 10; i++)
    {
      g_autofree char *value = g_strdup_printf ("%u 人次", 1000 + i);
      TIME (edit_ms, pg_document_set_string (doc, PG_RECORD (leaf), "target", value, NULL));
    }
  for (guint i = 0; i < rounds * 5; i++)
    TIME (undo_ms, pg_document_undo (doc, NULL));
  for (guint i = 0; i < rounds * 5; i++)
    TIME (redo_ms, pg_document_redo (doc, NULL));
  for (guint i = 0; i < rounds; i++)
    TIME (move_ms, pg_document_move (doc, PG_RECORD (leaf), NULL, i % 12, NULL));
  for (guint i = 0; i < rounds; i++)
    TIME (save_ms, pg_document_save (doc, NULL));
  for (guint i = 0; i < rounds; i++)
    {
      g_free (json);
      TIME (export_ms, json = pg_json_export (doc, &json_length));
    }
  for (guint i = 0; i < rounds; i++)
    {
      PgDocument *imported;
      TIME (import_ms, imported = pg_json_import (json, json_length, &error));
      g_assert_no_error (error);
      g_object_unref (imported);
    }

  bench_report ("open", open_ms);
  bench_report ("field edit committed", edit_ms);
  bench_report ("undo", undo_ms);
  bench_report ("redo", redo_ms);
  bench_report ("move level-3 in place", move_ms);
  bench_report ("save (atomic)", save_ms);
  bench_report ("JSON export", export_ms);
  bench_report ("JSON import", import_ms);
  printf ("JSON size: %.1f KiB\n", json_length / 1024.0);

  g_object_unref (goal);
  g_clear_object (&doc);
  return 0;
}
