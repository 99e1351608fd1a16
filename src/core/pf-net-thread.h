/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PF_TYPE_NET_THREAD (pf_net_thread_get_type ())

G_DECLARE_FINAL_TYPE (PfNetThread, pf_net_thread, PF, NET_THREAD, GObject)

PfNetThread *pf_net_thread_new (void);
GMainContext *pf_net_thread_get_context (PfNetThread *self);

G_END_DECLS
