/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-request.h"

G_BEGIN_DECLS

gboolean _pf_request_validate_xdr (PfRequest  *self,
                                   GError    **error);

G_END_DECLS
