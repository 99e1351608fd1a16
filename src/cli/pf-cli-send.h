/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-exchange.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean json;
  gboolean cors;              /* as a page at the request's origin: CORS emulation */
  gboolean upload_listeners;
  int abort_after_ms;
  GPtrArray *exchanges;       /* when set, each run's exchange is added to it (--har) */
  gboolean response;          /* the result line says what xhr.response is (--response-type) */
} PfCliSendOptions;

gboolean pf_cli_send (const PfCliSendOptions *options,
                      PfRequest              *request,
                      PfProfile              *profile,
                      GOutputStream          *sink,
                      guint                   number,
                      PfExchange            **running,
                      PfFailure              *failure,
                      GError                **error);

G_END_DECLS
