/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-cors-flow.h"
#include "pf-exchange.h"

G_BEGIN_DECLS

/* What a history entry keeps of a response body by default: more is cut, keeping its size. */
#define PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT (1024 * 1024)

#define PF_TYPE_HISTORY_ENTRY (pf_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (PfHistoryEntry, pf_history_entry, PF, HISTORY_ENTRY, GObject)

PfHistoryEntry *pf_history_entry_new_from_exchange       (PfExchange     *exchange,
                                                          gsize           body_limit);
PfExchange     *pf_history_entry_dup_exchange            (PfHistoryEntry *self,
                                                          PfProfile      *profile);
gint64          pf_history_entry_get_id                  (PfHistoryEntry *self);
gint64          pf_history_entry_get_time_us             (PfHistoryEntry *self);
PfRequest      *pf_history_entry_get_request             (PfHistoryEntry *self);
PfRequest      *pf_history_entry_dup_request             (PfHistoryEntry *self);
guint           pf_history_entry_get_n_files             (PfHistoryEntry *self);
gboolean        pf_history_entry_get_file                (PfHistoryEntry *self,
                                                          guint           position,
                                                          const char    **field,
                                                          const char    **name,
                                                          gint64         *size);
const char     *pf_history_entry_get_method              (PfHistoryEntry *self);
const char     *pf_history_entry_get_url                 (PfHistoryEntry *self);
guint           pf_history_entry_get_status              (PfHistoryEntry *self);
const char     *pf_history_entry_get_status_text         (PfHistoryEntry *self);
guint           pf_history_entry_get_server_status       (PfHistoryEntry *self);
const char     *pf_history_entry_get_response_url        (PfHistoryEntry *self);
GListModel     *pf_history_entry_get_response_headers    (PfHistoryEntry *self);
const char     *pf_history_entry_get_mime_type           (PfHistoryEntry *self);
PfFailure       pf_history_entry_get_failure             (PfHistoryEntry *self);
const char     *pf_history_entry_get_error_message       (PfHistoryEntry *self);
gint64          pf_history_entry_get_duration_us         (PfHistoryEntry *self);
const char     *pf_history_entry_get_raw_request_head    (PfHistoryEntry *self);
const char     *pf_history_entry_get_raw_response_head   (PfHistoryEntry *self);
GListModel     *pf_history_entry_get_timeline            (PfHistoryEntry *self);
GBytes         *pf_history_entry_get_body                (PfHistoryEntry *self);
guint64         pf_history_entry_get_body_size           (PfHistoryEntry *self);
gboolean        pf_history_entry_get_body_truncated      (PfHistoryEntry *self);
gboolean        pf_history_entry_get_has_cors            (PfHistoryEntry *self);
PfCorsOutcome   pf_history_entry_get_cors_outcome        (PfHistoryEntry *self);
const char     *pf_history_entry_get_cors_outcome_name   (PfHistoryEntry *self);
gboolean        pf_history_entry_get_cors_cross_origin   (PfHistoryEntry *self);
gboolean        pf_history_entry_get_cors_preflight      (PfHistoryEntry *self);
gboolean        pf_history_entry_get_cors_preflight_cached (PfHistoryEntry *self);
guint           pf_history_entry_get_cors_preflight_status (PfHistoryEntry *self);
GListModel     *pf_history_entry_get_cors_reasons        (PfHistoryEntry *self);
GListModel     *pf_history_entry_get_cors_failures       (PfHistoryEntry *self);
GListModel     *pf_history_entry_get_cors_dropped        (PfHistoryEntry *self);
GListModel     *pf_history_entry_get_cors_preflight_headers (PfHistoryEntry *self);
GListModel     *pf_history_entry_get_cors_preflight_response_headers (PfHistoryEntry *self);
const char *const *pf_history_entry_get_cors_exposed_headers (PfHistoryEntry *self);

G_END_DECLS
