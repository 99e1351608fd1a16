/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *pf_test_find_widget  (GtkWidget  *root,
                                 GType       type,
                                 const char *css_class);
GtkWidget *pf_test_find_label   (GtkWidget  *root,
                                 const char *prefix);
gboolean   pf_test_has_tooltip  (GtkWidget  *root,
                                 const char *text);

G_END_DECLS
