/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reviewer: checks a declaration the way the finance bureau does
 * (review-rules.md) and says where to mend it. A finding has a severity, the
 * exchange-format path of the field ("finance.revenue[1].amount",
 * "goals[0].indicators[0].children[1].children[0].basis"), so it means the
 * same in every language, and a message in the UI language.
 *
 * It follows its document's "rows-changed" signal and re-checks only the
 * parts a step touched (the header, the finance block, the functions, the
 * tasks, the projects, or one goal), so a large declaration stays instant.
 */
#pragma once

#include "pg-document.h"

G_BEGIN_DECLS

typedef enum {
  PG_SEVERITY_ERROR,    /* the bureau would send the declaration back */
  PG_SEVERITY_WARNING,  /* worth a look */
} PgSeverity;

typedef struct {
  PgSeverity  severity;
  char       *path;     /* the exchange-format path of the field */
  char       *message;  /* what is wrong and how to mend it, in the UI language */
} PgFinding;

/* Findings are shared between the reviewer and its callers. */
PgFinding  *pg_finding_ref          (PgFinding *finding);
void        pg_finding_unref        (PgFinding *finding);
/* "error" or "warning": the command line's and the JSON's word. */
const char *pg_severity_to_string   (PgSeverity severity);

/* The record a finding's path points into, or NULL for a path that names
 * no record (e.g. "finance", "projects", "goals"), and in *out_property the
 * property of that record the path names ("year-minus-2"), or NULL when
 * it names the record as a whole. The view's way from a path to a field. */
PgRecord   *pg_review_locate        (PgDocument  *document,
                                     const char  *path,
                                     char       **out_property);

#define PG_TYPE_REVIEW (pg_review_get_type ())
G_DECLARE_FINAL_TYPE (PgReview, pg_review, PG, REVIEW, GObject)

PgReview   *pg_review_new           (PgDocument *document);
PgDocument *pg_review_get_document  (PgReview   *self);

/* The findings, errors first, each severity in document order: an array of
 * PgFinding that the caller owns a reference to and must not change. Re-checks
 * what changed since the last call first. */
GPtrArray  *pg_review_get_findings  (PgReview   *self);
/* Counts of the findings as of the last pg_review_get_findings(), which
 * they call first when an edit has made them stale. */
guint       pg_review_get_n_errors   (PgReview  *self);
guint       pg_review_get_n_warnings (PgReview  *self);
/* Whether an edit came since the findings were last brought up to date. The
 * reviewer emits "stale" when it becomes so, once until the next update: a
 * view schedules its update then, away from the keystroke. */
gboolean    pg_review_get_stale      (PgReview  *self);

G_END_DECLS
