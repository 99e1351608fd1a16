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

/* The tag for lines that start with @n spaces: their wrapped rest starts under the first
 * character after the spaces, the first line where it was (the view's left margin, and a
 * negative indent as wide as the spaces in @view's font: a hanging indent, which leaves the
 * first line at the margin and moves the others). @tags holds those of this text by @n: a tag's
 * margins are set once, and only when they change, for a change redraws every line it has. */
static GtkTextTag *
indent_tag (GtkTextView *view,
            GPtrArray   *tags,
            guint        n)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view));
  g_autofree char *name = NULL;
  g_autofree char *spaces = NULL;
  g_autoptr (PangoLayout) layout = NULL;
  GtkTextTag *tag;
  int width = 0, margin = 0, indent = 0;

  if (n < tags->len && g_ptr_array_index (tags, n) != NULL)
    return g_ptr_array_index (tags, n);
  name = g_strdup_printf ("indent-%u", n);
  if ((tag = gtk_text_tag_table_lookup (table, name)) == NULL)
    {
      tag = gtk_text_tag_new (name);
      gtk_text_tag_table_add (table, tag);
      g_object_unref (tag);
    }
  spaces = g_strnfill (n, ' ');
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), spaces);
  pango_layout_get_pixel_size (layout, &width, NULL);
  g_object_get (tag, "left-margin", &margin, "indent", &indent, NULL);
  if (margin != gtk_text_view_get_left_margin (view) || indent != -width)
    g_object_set (tag, "left-margin", gtk_text_view_get_left_margin (view), "indent", -width,
                  NULL);
  if (n >= tags->len)
    g_ptr_array_set_size (tags, n + 1);
  g_ptr_array_index (tags, n) = tag;
  return tag;
}

static guint
leading_spaces (const char *line)
{
  guint n = 0;

  while (line[n] == ' ')
    n++;
  return n;
}

/* Lines @first to @last (inclusive) start with @n spaces. */
static void
indent_run (GtkTextView *view,
            GPtrArray   *tags,
            guint        n,
            int          first,
            int          last)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  if (n == 0)
    return;
  gtk_text_buffer_get_iter_at_line (buffer, &start, first);
  if (!gtk_text_buffer_get_iter_at_line (buffer, &end, last + 1))
    gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_apply_tag (buffer, indent_tag (view, tags, n), &start, &end);
}

/* Indented text (pretty JSON), @text as @view shows it: a line too long for the view wraps
 * under its own indentation instead of at the margin. A line that cannot wrap looks the same
 * under any of these tags (its first line starts at the margin), so it joins the run of lines
 * around it, and each run of lines with the same indentation takes one tag (fewer tags
 * applied, less time: a big body's text has 100 000 lines). */
void
_pf_request_view_indent_lines (GtkTextView *view,
                               const char  *text)
{
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();
  guint run_spaces = 0;
  int run_start = 0, line = 0;

  for (const char *p = text; p != NULL; line++)
    {
      const char *eol = strchr (p, '\n');
      gsize length = eol ? (gsize) (eol - p) : strlen (p);
      guint n = leading_spaces (p);

      /* No view is this narrow: the window's narrowest body is over 32 characters wide. */
      if (length > 32 && n != run_spaces)
        {
          indent_run (view, tags, run_spaces, run_start, line - 1);
          run_spaces = n;
          run_start = line;
        }
      p = eol ? eol + 1 : NULL;
    }
  indent_run (view, tags, run_spaces, run_start, line - 1);
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
 * toast says how it went. (@include_secrets does not apply: the body is the server's.) */
void
_pf_request_view_save_body_to (PfRequestView *self,
                               GFile         *destination,
                               gboolean       include_secrets)
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

/* Asks where to save the whole body (the file portal in a sandbox), then saves it. */
void
_pf_request_view_save_body (PfRequestView *self)
{
  g_autofree char *name = NULL;

  if (self->exchange == NULL)
    return;
  name = _pf_request_view_suggested_name (self, "response");
  _pf_request_view_ask_save (self, _("Save Response Body"), name, FALSE,
                             _pf_request_view_save_body_to);
}
