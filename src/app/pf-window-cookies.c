/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include "pf-cookies-window.h"
#include "pf-window-private.h"

/* The window's Cookies (main menu, Ctrl+Shift+J): the profile's jar in a window of its own
 * beside this one, brought forward when it is open already. */

static PfCookiesWindow *
find_cookies_window (PfWindow *self)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (PF_IS_COOKIES_WINDOW (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      return l->data;
  return NULL;
}

static void
cookies_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  PfCookiesWindow *cookies = find_cookies_window (self);

  if (cookies == NULL)
    cookies = pf_cookies_window_new (GTK_WINDOW (self), self->profile);
  gtk_window_present (GTK_WINDOW (cookies));
}

void
_pf_window_cookies_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cookies", NULL, cookies_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_J, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.cookies", NULL);
}
