/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pf-tls-info.h"

G_BEGIN_DECLS

#define PF_TYPE_TLS_PANEL (pf_tls_panel_get_type ())

G_DECLARE_FINAL_TYPE (PfTlsPanel, pf_tls_panel, PF, TLS_PANEL, GtkBox)

void pf_tls_panel_show (PfTlsPanel *self,
                        PfTlsInfo  *tls);

G_END_DECLS
