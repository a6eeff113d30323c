/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-print"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pg-print-labels.h"
#include "pg-print-pdf.h"

/* Rows laid out, or pages drawn, per step. Streaming, fewer rows at a
 * time: their layouts are kept until their pages are drawn. */
#define ROWS_PER_STEP 200
#define ROWS_PER_STREAMING_STEP 50
#define PAGES_PER_STEP 4

struct _PgPrintPdfJob
{
  PgPrintLayout   *layout;
  char            *path;
  char            *tmp_path;
  int              fd;
  int              write_errno;
  cairo_surface_t *surface;
  cairo_t         *cr;
  guint            next_page;
  gboolean         streaming;
  gboolean         failed;
  gboolean         done;
};

static cairo_status_t
write_to_fd (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  PgPrintPdfJob *job = closure;

  while (length > 0)
    {
      ssize_t n = write (job->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          job->write_errno = n < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

PgPrintPdfJob *
pg_print_pdf_job_new (PgPrintLayout  *layout,
                      const char     *path,
                      GError        **error)
{
  PgPrintPdfJob *job;
  const PgPrintOptions *options;

  g_return_val_if_fail (PG_IS_PRINT_LAYOUT (layout), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  job = g_new0 (PgPrintPdfJob, 1);
  job->layout = g_object_ref (layout);
  job->path = g_strdup (path);
  /* Beside the target, so that the rename is atomic. */
  job->tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  job->fd = g_mkstemp_full (job->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (job->fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: the first %s is a file name, the second the reason. */
                   _("Cannot write “%s”: %s"), display, g_strerror (saved));
      g_object_unref (job->layout);
      g_free (job->path);
      g_free (job->tmp_path);
      g_free (job);
      return NULL;
    }
  /* g_mkstemp creates 0600; a PDF is an ordinary document. */
  {
    mode_t mask = umask (0);
    umask (mask);
    fchmod (job->fd, 0666 & ~mask);
  }

  options = pg_print_layout_get_options (layout);
  /* With no page total to wait for, pages are drawn as soon as they are
   * paginated, each cell laid out only once. */
  job->streaming = options->numbering != PG_PRINT_NUMBERING_PAGE_OF_TOTAL;
  pg_print_layout_set_streaming (layout, job->streaming);
  job->surface = cairo_pdf_surface_create_for_stream (write_to_fd, job, options->paper_width, options->paper_height);
  cairo_pdf_surface_set_metadata (job->surface, CAIRO_PDF_METADATA_TITLE,
                                  pg_print_label (PG_LABEL_TITLE, pg_print_layout_get_language (layout)));
  cairo_pdf_surface_set_metadata (job->surface, CAIRO_PDF_METADATA_CREATOR, "PerfGoal " PACKAGE_VERSION);
  job->cr = cairo_create (job->surface);
  return job;
}

/* The pages that can be drawn: all of them once paginated; while
 * paginating and streaming, all but the one being filled. */
static guint
pages_ready (PgPrintPdfJob *job)
{
  guint n_pages = pg_print_layout_get_n_pages (job->layout);

  if (pg_print_layout_is_paginated (job->layout))
    return n_pages;
  return job->streaming && n_pages > 0 ? n_pages - 1 : 0;
}

gboolean
pg_print_pdf_job_step (PgPrintPdfJob *job)
{
  guint ready;

  g_return_val_if_fail (job != NULL, FALSE);

  if (job->failed || job->done)
    return FALSE;

  ready = pages_ready (job);
  if (job->next_page >= ready)
    {
      if (!pg_print_layout_paginate (job->layout, job->streaming ? ROWS_PER_STREAMING_STEP : ROWS_PER_STEP))
        return TRUE;
      ready = pages_ready (job);
    }

  for (guint i = 0; i < PAGES_PER_STEP && job->next_page < ready; i++)
    {
      pg_print_layout_draw_page (job->layout, job->cr, job->next_page);
      cairo_show_page (job->cr);
      if (job->streaming)
        pg_print_layout_release_page (job->layout, job->next_page);
      job->next_page++;
      if (cairo_status (job->cr) != CAIRO_STATUS_SUCCESS)
        {
          job->failed = TRUE;
          return FALSE;
        }
    }
  if (!pg_print_layout_is_paginated (job->layout) || job->next_page < pg_print_layout_get_n_pages (job->layout))
    return TRUE;

  cairo_destroy (job->cr);
  job->cr = NULL;
  cairo_surface_finish (job->surface);
  job->failed = cairo_surface_status (job->surface) != CAIRO_STATUS_SUCCESS;
  job->done = !job->failed;
  return FALSE;
}

double
pg_print_pdf_job_get_progress (PgPrintPdfJob *job)
{
  guint n_pages;

  g_return_val_if_fail (job != NULL, 0);

  if (job->done)
    return 1.0;
  if (!pg_print_layout_is_paginated (job->layout))
    return 0.5 * pg_print_layout_get_progress (job->layout);
  n_pages = pg_print_layout_get_n_pages (job->layout);
  return 0.5 + 0.5 * (n_pages > 0 ? (double) job->next_page / n_pages : 1.0);
}

gboolean
pg_print_pdf_job_finish (PgPrintPdfJob  *job,
                         GError        **error)
{
  g_autofree char *display = NULL;
  gboolean ok = FALSE;
  int saved = 0;

  g_return_val_if_fail (job != NULL, FALSE);

  display = g_filename_display_name (job->path);
  if (job->cr != NULL)
    cairo_destroy (job->cr);
  if (job->surface != NULL)
    {
      /* An unfinished job (a cancel) still has to close the surface; what
       * it writes goes to the temporary file, which is removed below. */
      cairo_surface_finish (job->surface);
      cairo_surface_destroy (job->surface);
    }

  if (!job->done)
    {
      if (job->write_errno != 0)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (job->write_errno),
                     /* Translators: the first %s is a file name, the second the reason. */
                     _("Cannot write “%s”: %s"), display, g_strerror (job->write_errno));
      else if (job->failed)
        /* Translators: %s is a file name. */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: the PDF could not be made"), display);
      else
        /* Translators: %s is a file name. */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export to “%s” was cancelled"), display);
    }
  else if (fsync (job->fd) != 0)
    {
      saved = errno;
      /* Translators: the first %s is a file name, the second the reason. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"), display,
                   g_strerror (saved));
    }
  else if (g_rename (job->tmp_path, job->path) != 0)
    {
      saved = errno;
      /* Translators: the first %s is a file name, the second the reason. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"), display,
                   g_strerror (saved));
    }
  else
    ok = TRUE;

  close (job->fd);
  if (!ok)
    g_unlink (job->tmp_path);
  g_object_unref (job->layout);
  g_free (job->path);
  g_free (job->tmp_path);
  g_free (job);
  return ok;
}

gboolean
pg_print_pdf_write (PgDocument           *document,
                    const PgPrintOptions *options,
                    const char           *path,
                    PgPrintProgressFunc   progress,
                    gpointer              user_data,
                    GCancellable         *cancellable,
                    GError              **error)
{
  g_autoptr(PgPrintLayout) layout = NULL;
  PgPrintPdfJob *job;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  layout = pg_print_layout_new (document, options);
  job = pg_print_pdf_job_new (layout, path, error);
  if (job == NULL)
    return FALSE;
  while (pg_print_pdf_job_step (job))
    {
      if (progress != NULL)
        progress (pg_print_pdf_job_get_progress (job), user_data);
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (progress != NULL && job->done)
    progress (1.0, user_data);
  return pg_print_pdf_job_finish (job, error);
}
