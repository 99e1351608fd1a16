/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pf-profile.h"

G_BEGIN_DECLS

#define PF_TYPE_COOKIES_WINDOW (pf_cookies_window_get_type ())

G_DECLARE_FINAL_TYPE (PfCookiesWindow, pf_cookies_window, PF, COOKIES_WINDOW, AdwWindow)

PfCookiesWindow *pf_cookies_window_new           (GtkWindow       *parent,
                                                  PfProfile       *profile);
PfProfile       *pf_cookies_window_get_profile   (PfCookiesWindow *self);
GtkSelectionModel *pf_cookies_window_get_selection (PfCookiesWindow *self);

G_END_DECLS
