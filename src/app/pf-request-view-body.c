/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-body-format.h"
#include "pf-mime.h"
#include "pf-request-view-private.h"

/* A response body shown and saved: an image body as a picture (what a body is and its text
 * come from core's PfBodyFormat); and saved whole, however large: a spooled body is copied
 * file to file, never read into memory. */

/* A picture of an image body, or NULL when the body is no image GTK can read. */
GdkTexture *
_pf_request_view_image (const char *mime_type,
                        GBytes     *bytes,
                        char      **note)
{
  g_autofree char *essence = pf_mime_essence (mime_type);
  g_autofree char *size = NULL;
  GdkTexture *texture;

  *note = NULL;
  if (bytes == NULL || pf_body_format_for_mime_type (mime_type) != PF_BODY_FORMAT_IMAGE)
    return NULL;
  texture = gdk_texture_new_from_bytes (bytes, NULL);
  if (texture == NULL)
    return NULL;
  size = g_format_size (g_bytes_get_size (bytes));
  /* Translators: a MIME type, a size, then width × height in pixels */
  *note = g_strdup_printf (_("Image (%s), %s, %d × %d pixels."), essence, size,
                           gdk_texture_get_width (texture), gdk_texture_get_height (texture));
  return texture;
}

/* A save under way holds the exchange, so a spooled body outlives a new Send until it is
 * copied. */
typedef struct
{
  PfRequestView *view;
  PfExchange *exchange;
  GFile *destination;
} BodySave;

static void
body_save_free (BodySave *save)
{
  g_clear_object (&save->view);
  g_clear_object (&save->exchange);
  g_clear_object (&save->destination);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BodySave, body_save_free)

static void
body_saved (BodySave *save,
            GError   *error)
{
  g_autofree char *name = g_file_get_parse_name (save->destination);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    /* Translators: %s says why, e.g. “Permission denied” */
    message = g_strdup_printf (_("Could not save the body: %s"), error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved the body to “%s”"), name);
  pf_request_view_show_error (save->view, message);
}

static void
body_copied_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (BodySave) save = user_data;
  g_autoptr (GError) error = NULL;

  g_file_copy_finish (G_FILE (object), result, &error);
  body_saved (save, error);
}

static void
body_replaced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (BodySave) save = user_data;
  g_autoptr (GError) error = NULL;

  g_file_replace_contents_finish (G_FILE (object), result, NULL, &error);
  body_saved (save, error);
}

/* Writes the last exchange's body to @destination (replacing it), off the main thread; a
 * toast says how it went. */
void
_pf_request_view_save_body_to (PfRequestView *self,
                               GFile         *destination)
{
  g_autoptr (BodySave) save = g_new0 (BodySave, 1);
  g_autoptr (GBytes) bytes = NULL;
  GFile *spooled;

  g_return_if_fail (self->exchange != NULL);
  save->view = g_object_ref (self);
  save->exchange = g_object_ref (self->exchange);
  save->destination = g_object_ref (destination);
  spooled = pf_exchange_get_body_file (self->exchange);
  if (spooled != NULL)
    {
      g_file_copy_async (spooled, destination, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT,
                         self->cancellable, NULL, NULL, body_copied_cb, g_steal_pointer (&save));
      return;
    }
  bytes = pf_exchange_dup_body_bytes (self->exchange);
  if (bytes == NULL)
    bytes = g_bytes_new (NULL, 0);
  g_file_replace_contents_bytes_async (destination, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                       body_replaced_cb, g_steal_pointer (&save));
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
save_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (PfRequestView) self = user_data;
  g_autoptr (GFile) destination = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result,
                                                               NULL);

  if (destination != NULL && self->exchange != NULL)
    _pf_request_view_save_body_to (self, destination);
}
#else
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PfRequestView   *self)
{
  g_autoptr (GFile) destination = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && destination != NULL && self->exchange != NULL)
    _pf_request_view_save_body_to (self, destination);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}
#endif

/* The last part of the response URL's path, or “response”. */
static char *
suggested_name (PfExchange *exchange)
{
  g_autoptr (GUri) uri = g_uri_parse (pf_exchange_get_response_url (exchange), G_URI_FLAGS_NONE,
                                      NULL);
  const char *path = uri ? g_uri_get_path (uri) : "";
  const char *slash = strrchr (path, '/');
  const char *name = slash ? slash + 1 : path;

  return g_uri_unescape_string (*name ? name : "response", "/");
}

/* Asks where to save the whole body (the file portal in a sandbox), then saves it. */
void
_pf_request_view_save_body (PfRequestView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autofree char *name = NULL;

  if (self->exchange == NULL)
    return;
  name = suggested_name (self->exchange);
#if GTK_CHECK_VERSION(4, 10, 0)
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Save Response Body"));
    gtk_file_dialog_set_initial_name (dialog, name ? name : "response");
    gtk_file_dialog_save (dialog, parent, NULL, save_dialog_cb, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save Response Body"), parent,
                                                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                 NULL, NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name ? name : "response");
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
    g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}
