/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PF_TYPE_HAR_WINDOW (pf_har_window_get_type ())

G_DECLARE_FINAL_TYPE (PfHarWindow, pf_har_window, PF, HAR_WINDOW, AdwWindow)

PfHarWindow *pf_har_window_new         (GtkWindow   *parent,
                                        const char  *title,
                                        GListModel  *entries);
GListModel  *pf_har_window_get_entries (PfHarWindow *self);

G_END_DECLS
