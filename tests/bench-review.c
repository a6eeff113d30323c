/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints timings of the reviewer on the large declaration (50 goals × 60
 * level-3 indicators, 300 tasks, 60 projects): the whole check, and the
 * re-check after one edit (a target typed, the worst case of coalescing
 * off), which is what the window does as the user types. A benchmark, not
 * a test: it asserts nothing about time.
 *
 *   bench-review [ROUNDS]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-report.h"
#include "test-dirs.h"
#include "large-declaration.h"
#include "pg-review.h"

#define N_GOALS 50
#define N_TASKS 300
#define N_PROJECTS 60

static PgIndicator *
leaf_of (PgGoal *goal)
{
  g_autoptr(PgIndicator) level1 = g_list_model_get_item (pg_goal_get_indicators (goal), 0);
  g_autoptr(PgIndicator) level2 = g_list_model_get_item (pg_indicator_get_children (level1), 0);
  g_autoptr(PgIndicator) leaf = g_list_model_get_item (pg_indicator_get_children (level2), 5);

  /* The document keeps it. */
  return leaf;
}

int
main (int    argc,
      char **argv)
{
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 20;
  g_autoptr(PgDocument) doc = NULL;
  g_autoptr(GArray) full_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) recheck_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) header_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PgReview) live = NULL;
  g_autoptr(PgGoal) goal = NULL;
  guint n_findings = 0;
  PgIndicator *leaf;

  /* Working copies go to a scratch place, removed at exit, not the
   * user's. */
  pg_test_private_data_home ("perfgoal-bench-review");

  doc = large_declaration_new (N_GOALS, N_TASKS, N_PROJECTS);
  pg_document_set_coalesce_ms (doc, 0);
  printf ("declaration: %d goals × 60 level-3 indicators, %d tasks, %d projects\n",
          N_GOALS, N_TASKS, N_PROJECTS);

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(PgReview) review = pg_review_new (doc);
      g_autoptr(GPtrArray) findings = NULL;

      TIME (full_ms, findings = pg_review_get_findings (review));
      n_findings = findings->len;
    }

  live = pg_review_new (doc);
  g_ptr_array_unref (pg_review_get_findings (live));
  goal = g_list_model_get_item (pg_document_get_goals (doc), 25);
  leaf = leaf_of (goal);
  for (guint i = 0; i < rounds * 10; i++)
    {
      g_autofree char *value = g_strdup_printf ("≥%u 人次", 1000 + i);
      g_autoptr(GPtrArray) findings = NULL;

      TIME (edit_ms, pg_document_set_string (doc, PG_RECORD (leaf), "target", value, NULL));
      TIME (recheck_ms, findings = pg_review_get_findings (live));
    }
  for (guint i = 0; i < rounds * 10; i++)
    {
      g_autoptr(GPtrArray) findings = NULL;

      pg_document_set_string (doc, PG_RECORD (pg_document_get_declaration (doc)), "phone",
                              i % 2 ? "84902037" : "8490203", NULL);
      TIME (header_ms, findings = pg_review_get_findings (live));
    }

  printf ("findings: %u\n", n_findings);
  bench_report ("whole check", full_ms);
  bench_report ("edit committed (no review)", edit_ms);
  bench_report ("re-check after a target", recheck_ms);
  bench_report ("re-check after the phone", header_ms);

  g_clear_object (&live);
  g_clear_object (&doc);
  return 0;
}
