/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-cors-finding.h"
#include "pf-exchange.h"
#include "pf-preflight-cache.h"

G_BEGIN_DECLS

typedef enum
{
  PF_CORS_OUTCOME_PENDING,
  PF_CORS_OUTCOME_SAME_ORIGIN,
  PF_CORS_OUTCOME_ALLOWED,
  PF_CORS_OUTCOME_BLOCKED,
} PfCorsOutcome;

#define PF_TYPE_CORS_FLOW (pf_cors_flow_get_type ())

G_DECLARE_FINAL_TYPE (PfCorsFlow, pf_cors_flow, PF, CORS_FLOW, GObject)

PfCorsFlow    *pf_cors_flow_attach                     (PfExchange       *exchange,
                                                        GError          **error);
PfCorsFlow    *pf_cors_flow_get_for                    (PfExchange       *exchange);
void           pf_cors_flow_set_upload_listeners       (PfCorsFlow       *self,
                                                        gboolean          upload_listeners);
PfPreflightCache *pf_cors_flow_get_cache              (PfCorsFlow       *self);
const char    *pf_cors_flow_get_origin                 (PfCorsFlow       *self);
PfCredentialsMode pf_cors_flow_get_credentials         (PfCorsFlow       *self);
gboolean       pf_cors_flow_get_cross_origin           (PfCorsFlow       *self);
GListModel    *pf_cors_flow_get_reasons                (PfCorsFlow       *self);
gboolean       pf_cors_flow_get_preflight              (PfCorsFlow       *self);
gboolean       pf_cors_flow_get_preflight_cached       (PfCorsFlow       *self);
GListModel    *pf_cors_flow_get_preflight_headers      (PfCorsFlow       *self);
guint          pf_cors_flow_get_preflight_status       (PfCorsFlow       *self);
GListModel    *pf_cors_flow_get_preflight_response_headers (PfCorsFlow   *self);
PfCorsOutcome  pf_cors_flow_get_outcome                (PfCorsFlow       *self);
const char    *pf_cors_flow_get_outcome_name           (PfCorsFlow       *self);
GListModel    *pf_cors_flow_get_failures               (PfCorsFlow       *self);
const char *const *pf_cors_flow_get_exposed_headers    (PfCorsFlow       *self);
GListModel    *pf_cors_flow_get_dropped                (PfCorsFlow       *self);

G_END_DECLS
