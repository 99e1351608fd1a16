/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-mime.h"
#include "pf-request-view-private.h"

/* How a response body is shown: JSON pretty-printed, text as it is (cut at the display
 * limit on a character boundary), binary as a hex dump of its start, images as pictures;
 * and saved whole, however large: a spooled body is copied file to file, never read into
 * memory. */

/* Text shown at most: the view stays responsive whatever the server sends. GTK 4.8 lays out a
 * wrapped line in time that grows with its square (32 KiB: 1.6 s, 4 KiB: under 70 ms on the
 * first frame), so the text stops in the first line longer than LINE_DISPLAY_MAX. */
#define TEXT_DISPLAY_MAX (1024 * 1024)
#define LINE_DISPLAY_MAX (4 * 1024)
#define HEX_DISPLAY_MAX  (16 * 1024)

static gboolean
is_json (const char *essence)
{
  return g_strcmp0 (essence, "application/json") == 0 || g_strcmp0 (essence, "text/json") == 0 ||
         (essence != NULL && g_str_has_suffix (essence, "+json"));
}

static char *
pretty_json (const char *data,
             gsize       len)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = NULL;

  if (!json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

/* Offset, 16 bytes in hex, the same as ASCII. */
static char *
hex_dump (const guchar *data,
          gsize         len)
{
  GString *out = g_string_sized_new (len * 4 + 64);

  for (gsize row = 0; row < len; row += 16)
    {
      g_string_append_printf (out, "%08zx  ", row);
      for (gsize i = row; i < row + 16; i++)
        {
          if (i < len)
            g_string_append_printf (out, "%02x ", data[i]);
          else
            g_string_append (out, "   ");
          if (i == row + 7)
            g_string_append_c (out, ' ');
        }
      g_string_append (out, " ");
      for (gsize i = row; i < MIN (row + 16, len); i++)
        g_string_append_c (out, g_ascii_isprint (data[i]) ? data[i] : '.');
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Where the first line longer than LINE_DISPLAY_MAX is cut (on a character boundary), or
 * @len when no line is. */
static gsize
long_line_cut (const char *data,
               gsize       len)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *line_end = eol ? eol : end;

      if ((gsize) (line_end - p) > LINE_DISPLAY_MAX)
        {
          const char *cut = p + LINE_DISPLAY_MAX;

          while (cut > p && ((guchar) *cut & 0xC0) == 0x80)
            cut--;
          return cut - data;
        }
      p = line_end + 1;
    }
  return len;
}

/* How much of @data (the first @len bytes of a @size-byte body) is shown as text: up to the
 * display limit, less a character the cut splits; -1 when it is not UTF-8. */
static gssize
text_prefix_length (const char *data,
                    gsize       len,
                    guint64     size)
{
  gsize shown = MIN (len, TEXT_DISPLAY_MAX);
  const char *end = NULL;

  if (g_utf8_validate (data, shown, &end))
    return shown;
  if (shown < size && *end != '\0' &&
      g_utf8_get_char_validated (end, shown - (end - data)) == (gunichar) -2)
    return end - data;
  return -1;
}

/* The text to show for a body whose first @len bytes are @data, and in @note what the user
 * should know about it (NULL when nothing). */
char *
_pf_request_view_format_body (const char *mime_type,
                              const char *data,
                              gsize       len,
                              guint64     size,
                              char      **note)
{
  g_autofree char *essence = pf_mime_essence (mime_type);
  g_autofree char *size_text = g_format_size (size);
  gssize shown = size > 0 ? text_prefix_length (data, len, size) : 0;
  char *pretty;

  *note = NULL;
  if (size == 0)
    {
      *note = g_strdup (_("The response has no body."));
      return g_strdup ("");
    }
  if (shown < 0)
    {
      g_autofree char *hex_size = g_format_size (MIN (len, HEX_DISPLAY_MAX));

      /* Translators: the body's size, then how much of it is shown */
      *note = g_strdup_printf (_("Binary body, %s: the first %s in hexadecimal."), size_text, hex_size);
      return hex_dump ((const guchar *) data, MIN (len, HEX_DISPLAY_MAX));
    }
  if ((guint64) shown == size && is_json (essence) && (pretty = pretty_json (data, shown)) != NULL)
    {
      if (long_line_cut (pretty, strlen (pretty)) == strlen (pretty))
        {
          *note = g_strdup (_("JSON, indented for reading."));
          return pretty;
        }
      g_free (pretty);
    }
  if (long_line_cut (data, shown) < (gsize) shown)
    {
      g_autofree char *line_text = g_format_size (LINE_DISPLAY_MAX);
      g_autofree char *shown_text = NULL;

      shown = long_line_cut (data, shown);
      shown_text = g_format_size (shown);
      /* Translators: three sizes: “Showing the first 4.1 kB of 8.4 MB: the text stops in a line
       * longer than 4.1 kB.” */
      *note = g_strdup_printf (_("Showing the first %s of %s: the text stops in a line longer than %s."),
                               shown_text, size_text, line_text);
      return g_strndup (data, shown);
    }
  if ((guint64) shown < size)
    {
      g_autofree char *shown_text = g_format_size (shown);

      /* Translators: two sizes: “Showing the first 1.0 MB of 20.0 MB.” */
      *note = g_strdup_printf (_("Showing the first %s of %s."), shown_text, size_text);
    }
  return g_strndup (data, shown);
}

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
  if (bytes == NULL || essence == NULL || !g_str_has_prefix (essence, "image/"))
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
