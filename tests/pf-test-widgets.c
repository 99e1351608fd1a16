/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-test-widgets.h"

/* The first widget under @root (depth first) of @type, with @css_class unless NULL: how the
 * UI test and the window benchmark reach a view's parts as a user's pointer would. */
GtkWidget *
pf_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      if ((found = pf_test_find_widget (child, type, css_class)) != NULL)
        return found;
    }
  return NULL;
}
