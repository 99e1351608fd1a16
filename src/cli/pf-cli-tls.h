/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-exchange.h"

G_BEGIN_DECLS

char *pf_cli_tls_json (PfExchange *exchange);
void  pf_cli_tls_text (GString    *out,
                       PfExchange *exchange);

G_END_DECLS
