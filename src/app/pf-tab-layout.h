/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PF_TYPE_TAB_LAYOUT (pf_tab_layout_get_type ())

G_DECLARE_FINAL_TYPE (PfTabLayout, pf_tab_layout, PF, TAB_LAYOUT, GtkLayoutManager)

GtkLayoutManager *pf_tab_layout_new (void);

G_END_DECLS
