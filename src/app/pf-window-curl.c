/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include "pf-curl-import-window.h"
#include "pf-window-private.h"

/* Import cURL… (main menu, Ctrl+I): the command pasted into its window becomes the current
 * tab's request, as one pasted into the URL entry does; from a feed tab, a new request tab's. */

static void
import_cb (PfWindow *self,
           PfCurlCommand *command)
{
  PfRequestView *view = _pf_window_current_view (self);

  if (view == NULL)
    view = pf_window_new_tab (self, NULL);
  pf_request_view_import_curl_command (view, command);
}

static void
import_curl_action (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  PfCurlImportWindow *dialog = pf_curl_import_window_new (GTK_WINDOW (widget));

  g_signal_connect_object (dialog, "import", G_CALLBACK (import_cb), widget, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_pf_window_curl_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-curl", NULL, import_curl_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import-curl", NULL);
}
