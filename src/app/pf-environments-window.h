/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PF_TYPE_ENVIRONMENTS_WINDOW (pf_environments_window_get_type ())

G_DECLARE_FINAL_TYPE (PfEnvironmentsWindow, pf_environments_window, PF, ENVIRONMENTS_WINDOW,
                      AdwPreferencesWindow)

PfEnvironmentsWindow *pf_environments_window_new       (GtkWindow            *parent,
                                                        GFile                *folder);
void                  pf_environments_window_edit      (PfEnvironmentsWindow *self,
                                                        const char           *environment,
                                                        const char           *name);

G_END_DECLS
