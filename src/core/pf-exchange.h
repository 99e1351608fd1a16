/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pf-profile.h"
#include "pf-request-body.h"
#include "pf-request.h"
#include "pf-timeline.h"
#include "pf-tls-info.h"

G_BEGIN_DECLS

/* XHR readyState values. */
typedef enum
{
  PF_READY_STATE_UNSENT = 0,
  PF_READY_STATE_OPENED = 1,
  PF_READY_STATE_HEADERS_RECEIVED = 2,
  PF_READY_STATE_LOADING = 3,
  PF_READY_STATE_DONE = 4,
} PfReadyState;

/* How an exchange ended, as the event XHR fires for it. */
typedef enum
{
  PF_FAILURE_NONE,
  PF_FAILURE_NETWORK,
  PF_FAILURE_TIMEOUT,
  PF_FAILURE_ABORT,
} PfFailure;

#define PF_TYPE_READY_STATE (pf_ready_state_get_type ())
#define PF_TYPE_FAILURE (pf_failure_get_type ())
#define PF_TYPE_EXCHANGE (pf_exchange_get_type ())

GType pf_ready_state_get_type (void);
const char *pf_ready_state_get_name (PfReadyState state);
GType pf_failure_get_type (void);

G_DECLARE_FINAL_TYPE (PfExchange, pf_exchange, PF, EXCHANGE, GObject)

PfExchange *pf_exchange_new (PfProfile *profile,
                             PfRequest *request);
void pf_exchange_set_body_sink (PfExchange *self,
                                GOutputStream *sink);
void pf_exchange_set_memory_limit (PfExchange *self,
                                   gsize limit);
void pf_exchange_send_async (PfExchange *self,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
gboolean pf_exchange_send_finish (PfExchange *self,
                                  GAsyncResult *result,
                                  GError **error);
void pf_exchange_abort (PfExchange *self);
PfRequest *pf_exchange_get_request (PfExchange *self);
void pf_exchange_set_secrets (PfExchange *self,
                              const char *const *secrets);
const char *const *pf_exchange_get_secrets (PfExchange *self);
const char *pf_exchange_get_image_event (PfExchange *self);
PfProfile *pf_exchange_get_profile (PfExchange *self);
const char *pf_exchange_get_method (PfExchange *self);
const char *pf_exchange_get_url (PfExchange *self);
PfReadyState pf_exchange_get_ready_state (PfExchange *self);
GListModel *pf_exchange_get_timeline (PfExchange *self);
const PfTimelineRecord *pf_exchange_get_record (PfExchange *self,
                                                guint position);
PfFailure pf_exchange_get_failure (PfExchange *self);
const char *pf_exchange_get_failure_name (PfExchange *self);
const char *pf_exchange_get_error_message (PfExchange *self);
const char *pf_exchange_get_exception (PfExchange *self);
gboolean pf_exchange_get_sync (PfExchange *self);
gboolean pf_exchange_get_xdr (PfExchange *self);
const char *const *pf_exchange_get_warnings (PfExchange *self);
guint pf_exchange_get_status (PfExchange *self);
const char *pf_exchange_get_status_text (PfExchange *self);
guint pf_exchange_get_server_status (PfExchange *self);
const char *pf_exchange_get_response_url (PfExchange *self);
GListModel *pf_exchange_get_response_headers (PfExchange *self);
SoupMessageHeaders *pf_exchange_get_response_head (PfExchange *self);
char *pf_exchange_dup_all_response_headers (PfExchange *self);
gboolean pf_exchange_is_header_exposed (PfExchange *self,
                                        const char *name);
const char *pf_exchange_get_mime_type (PfExchange *self);
gboolean pf_exchange_get_response_xml (PfExchange *self);
guint64 pf_exchange_get_loaded (PfExchange *self);
guint64 pf_exchange_get_total (PfExchange *self);
guint64 pf_exchange_get_upload_loaded (PfExchange *self);
guint64 pf_exchange_get_upload_total (PfExchange *self);
GBytes *pf_exchange_dup_body_bytes (PfExchange *self);
GFile *pf_exchange_get_body_file (PfExchange *self);
gint64 pf_exchange_get_elapsed_us (PfExchange *self);
gint64 pf_exchange_get_started_real_us (PfExchange *self);
PfRequestBody *pf_exchange_get_request_body (PfExchange *self);
const char *pf_exchange_get_raw_request_head (PfExchange *self);
const char *const *pf_exchange_get_browser_headers (PfExchange *self);
char *pf_exchange_dup_raw_response_head (PfExchange *self);
gboolean pf_exchange_get_body_is_text (PfExchange *self);
guint64 pf_exchange_get_request_head_size (PfExchange *self);
guint64 pf_exchange_get_request_body_size (PfExchange *self);
guint64 pf_exchange_get_response_head_size (PfExchange *self);
guint64 pf_exchange_get_response_body_transferred (PfExchange *self);
const char *pf_exchange_get_remote_address (PfExchange *self);
const char *pf_exchange_get_http_version (PfExchange *self);
PfTlsInfo *pf_exchange_get_tls_info (PfExchange *self);

G_END_DECLS
