/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-exchange.h"

G_BEGIN_DECLS

/* Bodies past this size are left out of a HAR's content (their size is kept, and a comment
 * says why): a HAR is one JSON document, read whole by every tool that opens it. */
#define PF_HAR_CONTENT_MAX (64 * 1024 * 1024)

JsonNode *pf_har_new (PfExchange *const *exchanges,
                      guint n_exchanges);
char *pf_har_to_data (JsonNode *har,
                      gsize *length);
gboolean pf_har_save (PfExchange *const *exchanges,
                      guint n_exchanges,
                      GFile *file,
                      GError **error);

G_END_DECLS
