/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-accessible"

#include "config.h"

#include "pf-accessible.h"

/* GTK 4.8 names a button with a mnemonic label by its raw label (its label property, “_Send”)
 * and by the label that points at it as its mnemonic widget (“Send”) together: a screen reader
 * reads out “_Send Send”. Each such button under @root keeps only the second, the text
 * shown. */
void
pf_accessible_name_mnemonic_buttons (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : NULL;

      if (GTK_IS_LABEL (label) && gtk_button_get_use_underline (GTK_BUTTON (child)))
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
      pf_accessible_name_mnemonic_buttons (child);
    }
}
