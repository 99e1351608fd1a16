/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-request.h"

G_BEGIN_DECLS

JsonNode  *pf_request_to_json       (PfRequest  *self);
PfRequest *pf_request_new_from_json (JsonNode   *node,
                                     GError    **error);

G_END_DECLS
