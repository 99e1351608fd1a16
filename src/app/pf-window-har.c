/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-har-entry.h"
#include "pf-har-window.h"
#include "pf-window-private.h"

/* Open HAR File… (main menu, Ctrl+Shift+O): a HAR file a browser saved, listed in a window of
 * its own; an entry opens in a new tab, ready to send again as the page that sent it (its page
 * origin from the recorded Origin, so CORS runs as in the browser), with a banner saying what
 * the browser recorded and what the request leaves out. */

static GtkWidget *
banner_new (PfHarEntry *entry)
{
  g_autoptr (GtkBuilder) builder =
      gtk_builder_new_from_resource (APP_RESOURCE_PATH "/pf-har-banner.ui");
  g_autofree char *outcome = pf_har_entry_dup_outcome (entry);
  g_autofree char *notes = g_strjoinv ("\n", (char **) pf_har_entry_get_notes (entry));
  /* Translators: %s is what the browser recorded, e.g. “0 · net::ERR_FAILED” or “200 OK” */
  g_autofree char *recorded = g_strdup_printf (_("From a HAR file: the browser recorded %s."),
                                               outcome);
  g_autofree char *text = *notes ? g_strconcat (recorded, "\n", notes, NULL) : g_strdup (recorded);

  gtk_label_set_label (GTK_LABEL (gtk_builder_get_object (builder, "banner_label")), text);
  return g_object_ref (GTK_WIDGET (gtk_builder_get_object (builder, "banner")));
}

static void
entry_activated_cb (PfHarWindow *har_window,
                    PfHarEntry *entry,
                    PfWindow *self)
{
  g_autoptr (PfRequest) request = pf_request_copy (pf_har_entry_get_request (entry));
  PfRequestView *view = pf_window_new_tab (self, NULL);
  g_autoptr (GtkWidget) banner = banner_new (entry);

  pf_request_view_set_request (view, request);
  pf_request_view_add_banner (view, banner);
  gtk_window_present (GTK_WINDOW (self));
}

/* Lists the entries of the HAR file at @file in a window of their own, or says why not. */
void
_pf_window_show_har (PfWindow *self,
                     GFile *file,
                     const char *contents,
                     gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) entries = pf_har_entry_list_new_from_data (contents, length, &error);
  g_autofree char *name = g_file_get_basename (file);
  PfHarWindow *har_window;

  if (entries == NULL)
    {
      /* Translators: %s is a file name, then why it could not be read */
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), name,
                                                  error->message);

      pf_window_show_error (self, message);
      return;
    }
  har_window = pf_har_window_new (GTK_WINDOW (self), name, entries);
  g_signal_connect_object (har_window, "entry-activated", G_CALLBACK (entry_activated_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (har_window));
}

static void
loaded_cb (GObject *object,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr (PfWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
      pf_window_show_error (self, message);
      return;
    }
  _pf_window_show_har (self, G_FILE (object), contents, length);
}

/* Reads @file off the main thread, then lists its entries. */
void
_pf_window_open_har (PfWindow *self,
                     GFile *file)
{
  g_file_load_contents_async (file, NULL, loaded_cb, g_object_ref (self));
}

static GtkFileFilter *
har_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("HAR files"));
  gtk_file_filter_add_pattern (filter, "*.har");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
open_dialog_cb (GObject *object,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (PfWindow) self = user_data;
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    _pf_window_open_har (self, file);
}
#else
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int response,
                     PfWindow *self)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    _pf_window_open_har (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}
#endif

static void
open_har_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = har_filter ();

#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Open HAR File"));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_dialog_cb, g_object_ref (self));
#else
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _("Open HAR File"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
#endif
}

void
_pf_window_har_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PF_TYPE_HAR_WINDOW);
  gtk_widget_class_install_action (widget_class, "win.open-har", NULL, open_har_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.open-har", NULL);
}
