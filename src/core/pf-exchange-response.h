/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-exchange-private.h"

G_BEGIN_DECLS

void _pf_exchange_read_response_headers (PfExchange         *self,
                                         SoupMessageHeaders *headers);
void _pf_exchange_fill_response_rows    (PfExchange         *self);
void _pf_exchange_check_xml             (PfExchange         *self);

G_END_DECLS
