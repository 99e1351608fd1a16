/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PF_TYPE_LAB_LISTENER (pf_lab_listener_get_type ())

G_DECLARE_FINAL_TYPE (PfLabListener, pf_lab_listener, PF, LAB_LISTENER, GObject)

PfLabListener *pf_lab_listener_new      (SoupServer      *server,
                                         GTlsCertificate *certificate);
gboolean       pf_lab_listener_listen   (PfLabListener   *self,
                                         guint            port,
                                         GError         **error);
guint          pf_lab_listener_get_port (PfLabListener   *self);
void           pf_lab_listener_stop     (PfLabListener   *self);

G_END_DECLS
