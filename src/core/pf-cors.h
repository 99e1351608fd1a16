/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-cors-finding.h"

G_BEGIN_DECLS

/* Chromium's cap on Access-Control-Max-Age, in seconds. */
#define PF_CORS_MAX_AGE_LIMIT   7200
/* Fetch: the max-age when the header is missing or does not parse. */
#define PF_CORS_MAX_AGE_DEFAULT 5

/* Header lists are GPtrArrays of PfKeyValue (request) or GListModels of PfKeyValue
 * (response), in order. Findings are GPtrArrays of PfCorsFinding; empty means "passes". */

char          *pf_cors_serialize_origin        (const char     *url);
gboolean       pf_cors_same_origin             (const char     *origin,
                                                const char     *url);
gboolean       pf_cors_is_safelisted_method    (const char     *method);
PfCorsFinding *pf_cors_check_request_header    (const char     *name,
                                                const char     *value);
GPtrArray     *pf_cors_classify                (const char     *method,
                                                GPtrArray      *headers,
                                                gboolean        upload_listeners);
GStrv          pf_cors_unsafe_header_names     (GPtrArray      *headers);
GPtrArray     *pf_cors_preflight_headers       (const char     *origin,
                                                const char     *method,
                                                GPtrArray      *headers);
char          *pf_cors_header_get              (GListModel     *headers,
                                                const char     *name);
GStrv          pf_cors_extract_list            (GListModel     *headers,
                                                const char     *name,
                                                gboolean       *failure);
GPtrArray     *pf_cors_check                   (GListModel     *headers,
                                                const char     *origin,
                                                gboolean        include);
GPtrArray     *pf_cors_check_preflight         (guint           status,
                                                GListModel     *headers,
                                                const char     *origin,
                                                gboolean        include,
                                                const char     *method,
                                                GPtrArray      *request_headers,
                                                gboolean        forced);
guint          pf_cors_max_age                 (GListModel     *headers);
gboolean       pf_cors_is_safelisted_response_header (const char *name);
GStrv          pf_cors_exposed_header_names    (GListModel     *headers,
                                                gboolean        include);
gboolean       pf_cors_header_is_exposed       (const char     *name,
                                                const char *const *exposed);

G_END_DECLS
