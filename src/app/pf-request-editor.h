/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pf-request.h"
#include "pf-variable-source.h"

G_BEGIN_DECLS

#define PF_TYPE_REQUEST_EDITOR (pf_request_editor_get_type ())

G_DECLARE_FINAL_TYPE (PfRequestEditor, pf_request_editor, PF, REQUEST_EDITOR, GtkBox)

GtkWidget *pf_request_editor_new                 (void);
PfRequest *pf_request_editor_get_request         (PfRequestEditor *self);
void       pf_request_editor_set_request         (PfRequestEditor *self,
                                                  PfRequest       *request);
void       pf_request_editor_mark_origin_invalid (PfRequestEditor *self);
void       pf_request_editor_mark_invalid        (PfRequestEditor *self);
gboolean   pf_request_editor_mark_unknown_variables (PfRequestEditor  *self,
                                                     PfVariableSource *variables,
                                                     const char       *message);

G_END_DECLS
