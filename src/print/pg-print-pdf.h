/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The declaration as a PDF file, in the official layout. The file is
 * written beside its target and renamed over it once complete, so it is
 * never half-written, whatever happens on the way (an error, a cancel, a
 * crash).
 */
#pragma once

#include <gio/gio.h>

#include "pg-print-layout.h"

G_BEGIN_DECLS

/* Called as the work goes on: `fraction` from 0 to 1. */
typedef void (*PgPrintProgressFunc) (double   fraction,
                                     gpointer user_data);

/* Writes `document` to `path` in one go. Fails with G_IO_ERROR_CANCELLED
 * when `cancellable` is cancelled; the target is then left as it was. */
gboolean pg_print_pdf_write (PgDocument           *document,
                             const PgPrintOptions *options,
                             const char           *path,
                             PgPrintProgressFunc   progress,
                             gpointer              user_data,
                             GCancellable         *cancellable,
                             GError              **error);

/* The same in steps, for a caller that keeps a main loop running (an idle
 * source calling pg_print_pdf_job_step() until it returns FALSE). */
typedef struct _PgPrintPdfJob PgPrintPdfJob;

PgPrintPdfJob *pg_print_pdf_job_new      (PgPrintLayout  *layout,
                                          const char     *path,
                                          GError        **error);
/* Does a little more work. Returns TRUE while there is more to do; FALSE
 * when done or failed: then call pg_print_pdf_job_finish(). */
gboolean       pg_print_pdf_job_step     (PgPrintPdfJob  *job);
double         pg_print_pdf_job_get_progress (PgPrintPdfJob *job);
/* Renames the finished file over the target, or on failure (or when the
 * job is unfinished: a cancel) removes the temporary file. Frees the job. */
gboolean       pg_print_pdf_job_finish   (PgPrintPdfJob  *job,
                                          GError        **error);

G_END_DECLS
