/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-code-export.h"

G_BEGIN_DECLS

/* What both JavaScript styles need from a request, worked out once. */
typedef struct
{
  PfRequest *request;
  char *url;          /* as sent: the parameter table's query, no fragment */
  const char *method; /* as typed ("GET" when empty): browsers normalise it as we do */
  GPtrArray *headers; /* PfKeyValue: enabled rows, repeats combined, then Authorization */
  gboolean has_body;  /* a body kind and a method that may carry one */
  gboolean cross_origin;
} PfCodeRequest;

void _pf_code_request_init (PfCodeRequest *code,
                            PfRequest *request);
void _pf_code_request_clear (PfCodeRequest *code);
gboolean _pf_code_request_has_header (PfCodeRequest *code,
                                      const char *name);
void _pf_code_append_js_string (GString *out,
                                const char *text);
void _pf_code_append_js_bytes (GString *out,
                               const char *text);
void _pf_code_append_header_note (GString *out,
                                  PfKeyValue *row);
void _pf_code_append_origin_comment (GString *out,
                                     PfCodeRequest *code,
                                     const char *api);
void _pf_code_append_form_data (GString *out,
                                PfCodeRequest *code);
void _pf_code_append_file_input (GString *out,
                                 PfCodeRequest *code);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PfCodeRequest, _pf_code_request_clear)

G_END_DECLS
