/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-cors-flow.h"

G_BEGIN_DECLS

char *pf_cli_cors_json (PfCorsFlow *flow,
                        PfExchange *exchange);
void  pf_cli_cors_text (GString    *out,
                        PfCorsFlow *flow,
                        PfExchange *exchange);

G_END_DECLS
