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

/* The label (or, in a list row, the inscription) under @root whose text starts with @prefix,
 * or NULL. */
GtkWidget *
pf_test_find_label (GtkWidget  *root,
                    const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = GTK_IS_LABEL (child)         ? gtk_label_get_label (GTK_LABEL (child))
                         : GTK_IS_INSCRIPTION (child) ? gtk_inscription_get_text (
                                                          GTK_INSCRIPTION (child))
                                                      : NULL;
      GtkWidget *found;

      if (text != NULL && g_str_has_prefix (text, prefix))
        return child;
      if ((found = pf_test_find_label (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether a widget under @root has the tooltip @text. */
gboolean
pf_test_has_tooltip (GtkWidget  *root,
                     const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_tooltip_text (child), text) == 0 ||
        pf_test_has_tooltip (child, text))
      return TRUE;
  return FALSE;
}
