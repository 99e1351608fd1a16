/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PF_TYPE_CORS_SEQUENCE (pf_cors_sequence_get_type ())

G_DECLARE_FINAL_TYPE (PfCorsSequence, pf_cors_sequence, PF, CORS_SEQUENCE, GtkWidget)

GtkWidget *pf_cors_sequence_new       (const char     *page,
                                       const char     *server);
void       pf_cors_sequence_reset     (PfCorsSequence *self,
                                       const char     *page,
                                       const char     *server);
void       pf_cors_sequence_add_arrow (PfCorsSequence *self,
                                       gboolean        to_server,
                                       const char     *label,
                                       gboolean        ok);

G_END_DECLS
