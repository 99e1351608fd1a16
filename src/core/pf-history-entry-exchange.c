/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-history-entry"

#include "config.h"

#include <string.h>

#include "pf-cors-flow.h"
#include "pf-exchange-private.h"
#include "pf-history-entry.h"
#include "pf-history-entry-private.h"
#include "pf-key-value.h"

/* A history entry as a finished exchange, so the views that show a live exchange show a
 * recorded one with the same code: never sent, never run, only read. */

static void
restore_headers (PfExchange *exchange,
                 PfHistoryEntry *entry)
{
  GListModel *rows = G_LIST_MODEL (entry->response_headers);
  guint n = g_list_model_get_n_items (rows);

  exchange->response_headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  if (entry->server_status != 0)
    exchange->response_head = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);
      g_autoptr (PfKeyValue) copy = pf_key_value_copy (row);

      g_list_store_append (exchange->response_headers, copy);
      if (exchange->response_head != NULL)
        soup_message_headers_append (exchange->response_head, pf_key_value_get_name (row),
                                     pf_key_value_get_value (row));
    }
}

static void
restore_timeline (PfExchange *exchange,
                  PfHistoryEntry *entry)
{
  const PfTimelineRecord *record;

  for (guint i = 0; (record = pf_timeline_get_record (entry->timeline, i)) != NULL; i++)
    {
      PfTimelineRecord copy;

      pf_timeline_record_copy (&copy, record);
      _pf_exchange_append (exchange, copy);
    }
}

/* The kept part of the body, in memory whatever its size: it was cut to the history's limit. */
static void
restore_body (PfExchange *exchange,
              PfHistoryEntry *entry)
{
  gsize len = entry->body ? g_bytes_get_size (entry->body) : 0;

  exchange->store = pf_body_store_new (G_MAXSIZE, NULL);
  if (len > 0)
    pf_body_store_write (exchange->store, g_bytes_get_data (entry->body, NULL), len, NULL, NULL);
  exchange->received = len;
  exchange->total = entry->body_size;
}

static void
restore_wire (PfExchange *exchange,
              PfHistoryEntry *entry)
{
  const char *request_head = entry->raw_request_head;
  const char *response_head = entry->raw_response_head;

  exchange->raw_request_head = g_strdup (request_head);
  exchange->browser_headers = g_strdupv (entry->browser_headers);
  exchange->wire.request_head = request_head ? strlen (request_head) : 0;
  exchange->wire.response_head = response_head ? strlen (response_head) : 0;
  exchange->http_version = response_head && g_str_has_prefix (response_head, "HTTP/1.0") ? SOUP_HTTP_1_0
                           : response_head && g_str_has_prefix (response_head, "HTTP/2") ? SOUP_HTTP_2_0
                                                                                         : SOUP_HTTP_1_1;
  if (entry->has_cors && entry->cors_cross_origin)
    _pf_exchange_set_exposed (exchange, g_strdupv (entry->cors_exposed));
}

/* A finished exchange in @profile (for the preflight cache a CORS view reads) showing what
 * @self recorded: status, headers, timeline, CORS verdict and the body as kept. Its request
 * is a copy of the entry's. */
PfExchange *
pf_history_entry_dup_exchange (PfHistoryEntry *self,
                               PfProfile *profile)
{
  g_autoptr (PfRequest) request = NULL;
  PfExchange *exchange;

  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  g_return_val_if_fail (PF_IS_PROFILE (profile), NULL);

  request = pf_request_copy (self->request);
  exchange = pf_exchange_new (profile, request);
  exchange->method = g_strdup (self->method);
  exchange->url = g_strdup (self->url);
  exchange->status = self->status;
  g_free (exchange->status_text);
  exchange->status_text = g_strdup (self->status_text);
  exchange->server_status = self->server_status;
  exchange->response_url = g_strdup (self->response_url);
  g_free (exchange->mime_type);
  exchange->mime_type = g_strdup (self->mime_type);
  exchange->failure = self->failure;
  exchange->error_message = g_strdup (self->error_message);
  exchange->ready_state = PF_READY_STATE_DONE;
  /* Elapsed time is end_us since t0: any t0 but 0 ("not started") will do. */
  exchange->t0 = 1;
  exchange->started_real_us = self->time_us;
  exchange->end_us = self->duration_us;
  exchange->done = TRUE;
  restore_headers (exchange, self);
  restore_timeline (exchange, self);
  restore_body (exchange, self);
  restore_wire (exchange, self);
  if (self->has_cors)
    _pf_cors_flow_attach_recorded (exchange, self);
  return exchange;
}
