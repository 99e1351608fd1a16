/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-request.h"
#include "pf-variable-source.h"

G_BEGIN_DECLS

PfRequest *pf_request_expand      (PfRequest        *request,
                                   PfVariableSource *variables,
                                   GError          **error);
char      *pf_variables_expand    (const char       *text,
                                   PfVariableSource *variables,
                                   const char      **unknown_start,
                                   gsize            *unknown_len);

G_END_DECLS
