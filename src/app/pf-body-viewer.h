/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pf-body-lines.h"

G_BEGIN_DECLS

#define PF_TYPE_BODY_VIEWER (pf_body_viewer_get_type ())

G_DECLARE_FINAL_TYPE (PfBodyViewer, pf_body_viewer, PF, BODY_VIEWER, GtkWidget)

GtkWidget *pf_body_viewer_new (void);
void pf_body_viewer_set_lines (PfBodyViewer *self,
                               PfBodyLines *lines);
PfBodyLines *pf_body_viewer_get_lines (PfBodyViewer *self);
void pf_body_viewer_set_wrap (PfBodyViewer *self,
                              gboolean wrap);
gboolean pf_body_viewer_get_wrap (PfBodyViewer *self);
void pf_body_viewer_update_size (PfBodyViewer *self);
const GError *pf_body_viewer_get_error (PfBodyViewer *self);
double pf_body_viewer_get_position (PfBodyViewer *self);
void pf_body_viewer_scroll_to_start (PfBodyViewer *self);
void pf_body_viewer_scroll_to_end (PfBodyViewer *self);
void pf_body_viewer_scroll_by (PfBodyViewer *self,
                               double pixels);
void pf_body_viewer_show_match (PfBodyViewer *self,
                                guint64 offset,
                                guint64 length);
void pf_body_viewer_get_match (PfBodyViewer *self,
                               guint64 *offset,
                               guint64 *length);
char *pf_body_viewer_dup_visible_text (PfBodyViewer *self);

G_END_DECLS
