/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-exchange.h"

G_BEGIN_DECLS

JsonNode *pf_exchange_dup_response        (PfExchange *self);
char     *pf_exchange_dup_read_exception  (PfExchange *self,
                                           const char *property);
char     *pf_exchange_describe_response   (PfExchange *self);

G_END_DECLS
