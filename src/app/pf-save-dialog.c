/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-save-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-save-dialog.h"

/* Where to save a file, asked as every save in the window asks (the file portal in a sandbox):
 * GtkFileDialog from GTK 4.10, GtkFileChooserNative before it. */

typedef struct
{
  PfSaveDialogDone done;
  gpointer user_data;
} SaveAsk;

#if GTK_CHECK_VERSION(4, 10, 0)
static void
save_dialog_cb (GObject *object,
                GAsyncResult *result,
                gpointer data)
{
  SaveAsk *ask = data;
  g_autoptr (GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  /* GtkFileDialog has no choices: secrets stay masked. */
  ask->done (file, FALSE, ask->user_data);
  g_free (ask);
}
#else
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int response,
                     SaveAsk *ask)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  const char *secrets = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "secrets");

  ask->done (response == GTK_RESPONSE_ACCEPT ? file : NULL, g_strcmp0 (secrets, "true") == 0,
             ask->user_data);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_free (ask);
}
#endif

/* Asks where to save, over @widget's window, suggesting @name; then calls @done, once. With
 * @secrets_choice the chooser offers to include the values of secret variables (off). */
void
pf_save_dialog_ask (GtkWidget *widget,
                    const char *title,
                    const char *name,
                    gboolean secrets_choice,
                    PfSaveDialogDone done,
                    gpointer user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  SaveAsk *ask = g_new0 (SaveAsk, 1);

  ask->done = done;
  ask->user_data = user_data;
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
