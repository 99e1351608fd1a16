/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pf-mime.h"
#include "pf-request-view-private.h"

/* How a response body is shown: JSON pretty-printed, text as it is (cut at the display
 * limit on a character boundary), binary as a hex dump of its start, images as pictures. */

/* Text shown at most: the view stays responsive whatever the server sends. */
#define TEXT_DISPLAY_MAX (1024 * 1024)
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
      *note = g_strdup (_("JSON, indented for reading."));
      return pretty;
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
