/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-request.h"

G_BEGIN_DECLS

#define PF_TYPE_REQUEST_BODY (pf_request_body_get_type ())

G_DECLARE_FINAL_TYPE (PfRequestBody, pf_request_body, PF, REQUEST_BODY, GObject)

void           pf_request_body_load_async       (PfRequest           *request,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
PfRequestBody *pf_request_body_load_finish      (GAsyncResult        *result,
                                                 GError             **error);
gboolean       pf_request_body_is_null          (PfRequestBody       *self);
const char    *pf_request_body_get_content_type (PfRequestBody       *self);
guint64        pf_request_body_get_length       (PfRequestBody       *self);
GBytes        *pf_request_body_get_bytes        (PfRequestBody       *self);
GInputStream  *pf_request_body_get_stream       (PfRequestBody       *self);
char          *pf_request_body_crlf             (const char          *text);
char          *pf_request_body_guess_type       (const char          *path);

G_END_DECLS
