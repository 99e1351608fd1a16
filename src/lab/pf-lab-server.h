/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pf-lab-tls.h"

G_BEGIN_DECLS

#define PF_TYPE_LAB_SERVER (pf_lab_server_get_type ())

G_DECLARE_FINAL_TYPE (PfLabServer, pf_lab_server, PF, LAB_SERVER, GObject)

PfLabServer *pf_lab_server_new             (void);
gboolean     pf_lab_server_start           (PfLabServer  *self,
                                            guint         port,
                                            GError      **error);
gboolean     pf_lab_server_start_in_thread (PfLabServer  *self,
                                            guint         port,
                                            GError      **error);
void         pf_lab_server_stop            (PfLabServer  *self);
guint        pf_lab_server_get_port        (PfLabServer  *self);
const char  *pf_lab_server_get_base_url    (PfLabServer  *self);
const char  *pf_lab_server_get_tls_url     (PfLabServer  *self,
                                            PfLabTls      kind);

G_END_DECLS
