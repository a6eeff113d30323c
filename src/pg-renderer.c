/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 draws with OpenGL by default. Where OpenGL is a software
 * rasterizer (llvmpipe: a PC or a virtual machine without a usable GPU, as
 * office desktops and thin clients often are), every frame redraws the
 * whole window on the CPU: some 55 ms for the Goals page on the machine the
 * benchmarks run on, whatever changed, against 7 to 17 ms with GTK's cairo
 * renderer, which redraws only what changed (bench-indicator-editor). So
 * software OpenGL means the cairo renderer. GTK reads GSK_RENDERER when it
 * makes the first window's renderer, so the choice is made before.
 */
#include "config.h"

#include <epoxy/gl.h>
#include <gtk/gtk.h>
#include <string.h>

#include "pg-renderer.h"

gboolean
pg_renderer_is_software (const char *gl_renderer)
{
  /* Mesa's (as Mesa names them, in lower case) and Windows' GDI one. */
  static const char *const software[] = { "llvmpipe", "softpipe", "swrast", "software rasterizer", "gdi generic" };
  g_autofree char *lower = NULL;

  if (gl_renderer == NULL)
    return FALSE;
  lower = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (lower, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
pg_renderer_choose (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  gboolean software;

  /* The user's choice stands, and no display means no window. */
  if (display == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return FALSE;
  /* No OpenGL at all: GTK itself falls back to cairo. */
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;
  gdk_gl_context_make_current (context);
  software = pg_renderer_is_software ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();
  if (software)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  return software;
}
