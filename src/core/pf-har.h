/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-exchange.h"
#include "pf-web-socket.h"

G_BEGIN_DECLS

/* Bodies past this size are left out of a HAR's content (their size is kept, and a comment
 * says why): a HAR is one JSON document, read whole by every tool that opens it. */
#define PF_HAR_CONTENT_MAX (64 * 1024 * 1024)

typedef enum
{
  PF_HAR_NONE = 0,
  /* The values of secret variables as sent; without it they are masked (•••••). */
  PF_HAR_INCLUDE_SECRETS = 1 << 0,
} PfHarFlags;

JsonNode *pf_har_new         (PfExchange *const   *exchanges,
                              guint                n_exchanges,
                              PfHarFlags           flags);
JsonNode *pf_har_new_for_web_socket (PfWebSocket *socket);
char     *pf_har_to_data     (JsonNode            *har,
                              gsize               *length);
gboolean  pf_har_save        (PfExchange *const   *exchanges,
                              guint                n_exchanges,
                              PfHarFlags           flags,
                              GFile               *file,
                              GError             **error);
void      pf_har_save_async  (PfExchange *const   *exchanges,
                              guint                n_exchanges,
                              PfHarFlags           flags,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
gboolean  pf_har_save_finish (GAsyncResult        *result,
                              GError             **error);

G_END_DECLS
