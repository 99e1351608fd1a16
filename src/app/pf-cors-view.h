/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pf-exchange.h"

G_BEGIN_DECLS

#define PF_TYPE_CORS_VIEW (pf_cors_view_get_type ())

G_DECLARE_FINAL_TYPE (PfCorsView, pf_cors_view, PF, CORS_VIEW, GtkBox)

void pf_cors_view_show  (PfCorsView *self,
                         PfExchange *exchange);
void pf_cors_view_clear (PfCorsView *self);

G_END_DECLS
