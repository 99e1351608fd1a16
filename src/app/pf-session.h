/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-window.h"

G_BEGIN_DECLS

#define PF_TYPE_SESSION (pf_session_get_type ())

G_DECLARE_FINAL_TYPE (PfSession, pf_session, PF, SESSION, GObject)

PfSession *pf_session_new          (GFile               *file);
GFile     *pf_session_get_file     (PfSession           *self);
void       pf_session_load_async   (PfSession           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
JsonArray *pf_session_load_finish  (PfSession           *self,
                                    GAsyncResult        *result,
                                    GError             **error);
void       pf_session_add_window   (PfSession           *self,
                                    PfWindow            *window);
void       pf_session_flush        (PfSession           *self);

G_END_DECLS
