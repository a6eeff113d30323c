/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which renderer draws the windows.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether `gl_renderer` (OpenGL's GL_RENDERER string) names a software
 * rasterizer rather than a GPU. */
gboolean pg_renderer_is_software (const char *gl_renderer);

/* Before the first window is shown: where OpenGL is a software rasterizer,
 * chooses GTK's cairo renderer (see pg-renderer.c), unless the user chose
 * one with GSK_RENDERER. Returns whether it did. */
gboolean pg_renderer_choose      (void);

G_END_DECLS
