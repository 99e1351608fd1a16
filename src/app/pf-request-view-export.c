/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-har.h"
#include "pf-request-view-private.h"

/* What a request tab gives away: its exchange as a HAR file, and (through the file chooser
 * every save shares) its body. */

typedef struct
{
  PfRequestView *view;
  char *title;
  PfSaveChosen chosen;
} SaveAsk;

static void
save_ask_free (SaveAsk *ask)
{
  g_object_unref (ask->view);
  g_free (ask->title);
  g_free (ask);
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
save_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SaveAsk *ask = user_data;
  g_autoptr (GFile) destination = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result,
                                                               NULL);

  /* GtkFileDialog has no choices: secrets stay masked. */
  if (destination != NULL && ask->view->exchange != NULL)
    ask->chosen (ask->view, destination, FALSE);
  save_ask_free (ask);
}
#else
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SaveAsk         *ask)
{
  g_autoptr (GFile) destination = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  const char *secrets = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "secrets");

  if (response == GTK_RESPONSE_ACCEPT && destination != NULL && ask->view->exchange != NULL)
    ask->chosen (ask->view, destination, g_strcmp0 (secrets, "true") == 0);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  save_ask_free (ask);
}
#endif

/* Asks where to save (the file portal in a sandbox), suggesting @name, then calls @chosen
 * with the file if the tab still has an exchange. With @secrets_choice the chooser offers to
 * include the values of secret variables (off by default). */
void
_pf_request_view_ask_save (PfRequestView *self,
                           const char    *title,
                           const char    *name,
                           gboolean       secrets_choice,
                           PfSaveChosen   chosen)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  SaveAsk *ask = g_new0 (SaveAsk, 1);

  ask->view = g_object_ref (self);
  ask->title = g_strdup (title);
  ask->chosen = chosen;
#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_save (dialog, parent, NULL, save_dialog_cb, ask);
  }
#else
  {
    GtkFileChooserNative *chooser =
      gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, NULL, NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    if (secrets_choice)
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "secrets",
                                   _("Include the values of secret variables"), NULL, NULL);
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
    g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), ask);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}

/* The last part of the response URL's path without its extension, or @fallback. */
char *
_pf_request_view_suggested_name (PfRequestView *self,
                                 const char    *fallback)
{
  const char *url = pf_exchange_get_response_url (self->exchange);
  g_autoptr (GUri) uri = g_uri_parse (url && *url ? url : pf_exchange_get_url (self->exchange),
                                      G_URI_FLAGS_NONE, NULL);
  const char *path = uri ? g_uri_get_path (uri) : "";
  const char *slash = strrchr (path, '/');
  const char *name = slash ? slash + 1 : path;

  return g_uri_unescape_string (*name ? name : fallback, "/");
}

/* HAR */

typedef struct
{
  PfRequestView *view;
  GFile *destination;
} HarSave;

static void
har_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  HarSave *save = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (save->destination);
  g_autofree char *message = NULL;

  if (!pf_har_save_finish (result, &error))
    /* Translators: %s says why, e.g. “Permission denied” */
    message = g_strdup_printf (_("Could not save the HAR file: %s"), error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved the exchange as HAR to “%s”"), name);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pf_request_view_show_error (save->view, message);
  g_object_unref (save->view);
  g_object_unref (save->destination);
  g_free (save);
}

/* Saves the tab's finished exchange as HAR 1.2 to @destination, off the main thread; a toast
 * says how it went. The values of secret variables are masked unless @include_secrets. */
void
_pf_request_view_save_har_to (PfRequestView *self,
                              GFile         *destination,
                              gboolean       include_secrets)
{
  HarSave *save = g_new0 (HarSave, 1);

  g_return_if_fail (self->exchange != NULL);
  save->view = g_object_ref (self);
  save->destination = g_object_ref (destination);
  pf_har_save_async (&self->exchange, 1, include_secrets ? PF_HAR_INCLUDE_SECRETS : PF_HAR_NONE,
                     destination, self->cancellable, har_saved_cb, save);
}

void
_pf_request_view_save_har (PfRequestView *self)
{
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  const char *const *secrets;
  char *dot;

  if (self->exchange == NULL || pf_exchange_get_ready_state (self->exchange) != PF_READY_STATE_DONE)
    return;
  stem = _pf_request_view_suggested_name (self, "exchange");
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    *dot = '\0';
  name = g_strconcat (stem, ".har", NULL);
  secrets = pf_exchange_get_secrets (self->exchange);
  _pf_request_view_ask_save (self, _("Save Exchange as HAR"), name,
                             secrets != NULL && secrets[0] != NULL, _pf_request_view_save_har_to);
}
