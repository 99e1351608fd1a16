/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-request.h"
#include "pf-variable-source.h"

G_BEGIN_DECLS

/* What a secret's value shows as in the window and in history. */
#define PF_VARIABLES_MASK "••••"

PfRequest *pf_request_expand      (PfRequest          *request,
                                   PfVariableSource   *variables,
                                   GError            **error);
PfRequest *pf_request_expand_full (PfRequest          *request,
                                   PfVariableSource   *variables,
                                   GStrv              *secrets_used,
                                   GError            **error);
char      *pf_variables_expand    (const char         *text,
                                   PfVariableSource   *variables,
                                   const char        **unknown_start,
                                   gsize              *unknown_len);
char      *pf_variables_mask      (const char         *text,
                                   const char *const  *secrets);

G_END_DECLS
