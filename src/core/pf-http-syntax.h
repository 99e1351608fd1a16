/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-key-value.h"

/* The checks below fail in the PF_REQUEST_ERROR domain. */
#include "pf-request-error.h"

G_BEGIN_DECLS

gboolean pf_http_is_token            (const char  *text);
gboolean pf_http_is_forbidden_method (const char *method);
gboolean pf_http_check_method        (const char  *method,
                                      GError     **error);
gboolean pf_http_check_header_name   (const char  *name,
                                      GError     **error);
gboolean pf_http_check_header_value  (const char  *name,
                                      const char  *value,
                                      GError     **error);
char    *pf_http_normalize_value     (const char  *value);
char    *pf_http_normalize_method    (const char  *method);
gboolean pf_http_check_url           (const char  *url,
                                      GError     **error);
GUri    *pf_http_parse_url           (const char  *url,
                                      GError     **error);
void     pf_uri_append_component     (GString     *out,
                                      const char  *text);
char    *pf_uri_encode_component     (const char  *text);
const char *pf_http_forbidden_header_reason (const char *name,
                                             const char *value);
GPtrArray  *pf_http_parse_form              (const char *text);
GPtrArray  *pf_http_parse_url_query         (const char *url);
void        pf_http_copy_pair_source        (PfKeyValue *from,
                                             PfKeyValue *to);
void        pf_http_append_pairs            (GString    *out,
                                             GListModel *pairs);
char       *pf_http_replace_url_query       (const char *url,
                                             GListModel *params);
char       *pf_http_mask_credentials        (const char *head);

G_END_DECLS
