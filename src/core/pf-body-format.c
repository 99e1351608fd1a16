/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-body-format"

#include "config.h"

#include "pf-body-format.h"
#include "pf-mime.h"
#include "pf-utf8.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* How a response body is shown, decided once for the window and the tests: what it is (by
 * its MIME type, and by its bytes when they are no text), and the text to show with a note:
 * JSON indented, text as it came but cut at the display limits on a character boundary,
 * anything else that is not UTF-8 as a hex dump of its start. */

/* GTK 4.8 lays out a wrapped line in time that grows with its square (32 KiB: 1.6 s, 4 KiB:
 * under 70 ms on the first frame), so the text stops in the first line longer than
 * LINE_DISPLAY_MAX. */
#define LINE_DISPLAY_MAX (4 * 1024)
#define HEX_DISPLAY_MAX (16 * 1024)

G_DEFINE_ENUM_TYPE (PfBodyFormat, pf_body_format, G_DEFINE_ENUM_VALUE (PF_BODY_FORMAT_TEXT, "text"), G_DEFINE_ENUM_VALUE (PF_BODY_FORMAT_JSON, "json"), G_DEFINE_ENUM_VALUE (PF_BODY_FORMAT_XML, "xml"), G_DEFINE_ENUM_VALUE (PF_BODY_FORMAT_HTML, "html"), G_DEFINE_ENUM_VALUE (PF_BODY_FORMAT_JAVASCRIPT, "javascript"), G_DEFINE_ENUM_VALUE (PF_BODY_FORMAT_CSS, "css"), G_DEFINE_ENUM_VALUE (PF_BODY_FORMAT_IMAGE, "image"), G_DEFINE_ENUM_VALUE (PF_BODY_FORMAT_BINARY, "binary"))

/* What the MIME type alone says, by the MIME Sniffing standard's groups. image/svg+xml is both
 * an image and an XML MIME type: it counts as XML, because XHR parses it into responseXML and
 * its source is what a developer reads. No MIME type says binary: the bytes do. */
PfBodyFormat
pf_body_format_for_mime_type (const char *mime_type)
{
  g_autofree char *essence = pf_mime_essence (mime_type);

  if (essence == NULL)
    return PF_BODY_FORMAT_TEXT;
  if (pf_mime_is_json (essence))
    return PF_BODY_FORMAT_JSON;
  if (pf_mime_is_xml (essence))
    return PF_BODY_FORMAT_XML;
  if (pf_mime_is_html (essence))
    return PF_BODY_FORMAT_HTML;
  if (pf_mime_is_javascript (essence))
    return PF_BODY_FORMAT_JAVASCRIPT;
  if (g_str_equal (essence, "text/css"))
    return PF_BODY_FORMAT_CSS;
  if (g_str_has_prefix (essence, "image/"))
    return PF_BODY_FORMAT_IMAGE;
  return PF_BODY_FORMAT_TEXT;
}

/* How much of @data (the first @len bytes of a @size-byte body) is shown as text: up to the
 * display limit, less a character the cut splits; -1 when it is not UTF-8. */
static gssize
text_prefix_length (const char *data,
                    gsize len,
                    guint64 size)
{
  gsize shown = MIN (len, PF_BODY_FORMAT_TEXT_MAX);
  const char *end = NULL;

  if (g_utf8_validate (data, shown, &end))
    return shown;
  if (shown < size && *end != '\0' &&
      g_utf8_get_char_validated (end, shown - (end - data)) == (gunichar) -2)
    return end - data;
  return -1;
}

/* The MIME type's verdict, unless the bytes are no text (an image's bytes never are). */
PfBodyFormat
pf_body_format_detect (const char *mime_type,
                       const char *data,
                       gsize len,
                       guint64 size)
{
  PfBodyFormat format = pf_body_format_for_mime_type (mime_type);

  g_return_val_if_fail (data != NULL || len == 0, PF_BODY_FORMAT_TEXT);

  if (format != PF_BODY_FORMAT_IMAGE && size > 0 && text_prefix_length (data, len, size) < 0)
    return PF_BODY_FORMAT_BINARY;
  return format;
}

/* Where the first line longer than LINE_DISPLAY_MAX is cut (on a character boundary), or
 * @len when no line is. */
static gsize
long_line_cut (const char *data,
               gsize len)
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

/* Pretty JSON: two spaces a level, an object one member a line; an array of scalars only on
 * one line when it fits in JSON_LINE_WIDTH columns (["Host", "127.0.0.1"]), as common pretty
 * printers keep short arrays: the lab's headers, [name, value] pairs, take a line each. */
#define JSON_INDENT 2
#define JSON_LINE_WIDTH 80

static void write_json (GString *out, JsonNode *node, guint depth);

/* A string as JSON writes it (RFC 8259, 7): quote, backslash and controls escaped. */
static void
write_json_string (GString *out,
                   const char *text)
{
  static const char *const short_escapes[0x20] = {
    ['\b'] = "\\b",
    ['\f'] = "\\f",
    ['\n'] = "\\n",
    ['\r'] = "\\r",
    ['\t'] = "\\t",
  };

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if (*p < 0x20 && short_escapes[*p] != NULL)
        g_string_append (out, short_escapes[*p]);
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A number with the fewest digits that read back as the same double, as JavaScript writes
 * one (0.1, not 0.10000000000000001). */
static void
write_json_double (GString *out,
                   double value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
write_json_value (GString *out,
                  JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      write_json_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
    default:
      write_json_string (out, json_node_get_string (node));
      break;
    }
}

static void
write_newline (GString *out,
               guint depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth * JSON_INDENT; i++)
    g_string_append_c (out, ' ');
}

/* The column where @out's last line ends, in characters. */
static glong
last_line_width (GString *out)
{
  const char *line = out->str + out->len;

  while (line > out->str && line[-1] != '\n')
    line--;
  return g_utf8_strlen (line, out->str + out->len - line);
}

/* An array of scalars on one line, when it has one and the line (with the comma that may
 * follow) stays within the width; FALSE, with @out as it was, otherwise. */
static gboolean
write_json_array_inline (GString *out,
                         JsonArray *array)
{
  guint n = json_array_get_length (array);
  gsize start = out->len;

  for (guint i = 0; i < n; i++)
    if (!JSON_NODE_HOLDS_VALUE (json_array_get_element (array, i)) &&
        !JSON_NODE_HOLDS_NULL (json_array_get_element (array, i)))
      return FALSE;
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      write_json (out, json_array_get_element (array, i), 0);
    }
  g_string_append_c (out, ']');
  if (last_line_width (out) + 1 <= JSON_LINE_WIDTH)
    return TRUE;
  g_string_truncate (out, start);
  return FALSE;
}

static void
write_json_array (GString *out,
                  JsonArray *array,
                  guint depth)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  if (write_json_array_inline (out, array))
    return;
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      write_newline (out, depth + 1);
      write_json (out, json_array_get_element (array, i), depth + 1);
    }
  write_newline (out, depth);
  g_string_append_c (out, ']');
}

static void
write_json_object (GString *out,
                   JsonObject *object,
                   guint depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  if (json_object_get_size (object) == 0)
    {
      g_string_append (out, "{}");
      return;
    }
  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      write_newline (out, depth + 1);
      write_json_string (out, name);
      g_string_append (out, " : ");
      write_json (out, member, depth + 1);
    }
  write_newline (out, depth);
  g_string_append_c (out, '}');
}

static void
write_json (GString *out,
            JsonNode *node,
            guint depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_json_object (out, json_node_get_object (node), depth);
      break;
    case JSON_NODE_ARRAY:
      write_json_array (out, json_node_get_array (node), depth);
      break;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
    default:
      write_json_value (out, node);
      break;
    }
}

/* JSON indented for reading, or NULL when it does not parse or a line of it (a long string)
 * would be too long to show: then it is shown as it came. */
static char *
readable_json (const char *data,
               gsize len)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) pretty = NULL;

  /* Blank text parses to no root at all. */
  if (!json_parser_load_from_data (parser, data, len, NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;
  pretty = g_string_sized_new (len + len / 2);
  write_json (pretty, json_parser_get_root (parser), 0);
  if (long_line_cut (pretty->str, pretty->len) < pretty->len)
    return NULL;
  /* json-glib reads a lone surrogate escape ("\udc00") into bytes that are not UTF-8: such
   * a body is shown as the text it is. */
  if (!g_utf8_validate_len (pretty->str, pretty->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&pretty), FALSE);
}

/* One row of a hex dump into @out (at least 96 bytes): the offset (8 hex digits, more when
 * it needs them), 16 bytes in hex, the same as ASCII, a newline. Returns its length. Written
 * by table, not printf: a dump of 1 MiB is 65 536 rows. */
static gsize
hex_row (const guchar *data,
         gsize len,
         guint64 offset,
         char *out)
{
  static const char digits[] = "0123456789abcdef";
  char *p = out;
  int width = 8;

  while (width < 16 && (offset >> (4 * width)) != 0)
    width++;
  for (int i = width - 1; i >= 0; i--)
    *p++ = digits[(offset >> (4 * i)) & 0xf];
  *p++ = ' ';
  *p++ = ' ';
  for (gsize i = 0; i < 16; i++)
    {
      p[0] = i < len ? digits[data[i] >> 4] : ' ';
      p[1] = i < len ? digits[data[i] & 0xf] : ' ';
      p[2] = ' ';
      p += 3;
      if (i == 7)
        *p++ = ' ';
    }
  *p++ = ' ';
  for (gsize i = 0; i < len; i++)
    *p++ = g_ascii_isprint (data[i]) ? (char) data[i] : '.';
  *p++ = '\n';
  return (gsize) (p - out);
}

/* Offset, 16 bytes in hex, the same as ASCII. */
static char *
hex_dump (const guchar *data,
          gsize len)
{
  GString *out = g_string_sized_new (len / 16 * 78 + 96);
  char row[96];

  for (gsize at = 0; at < len; at += 16)
    g_string_append_len (out, row, hex_row (data + at, MIN (16, len - at), at, row));
  return g_string_free (out, FALSE);
}

static char *
binary_display (const char *data,
                gsize len,
                guint64 size,
                char **note)
{
  gsize shown = MIN (len, HEX_DISPLAY_MAX);
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *shown_text = g_format_size (shown);

  /* Translators: the body's size, then how much of it is shown */
  *note = g_strdup_printf (_ ("Binary body, %s: the first %s in hexadecimal."), size_text,
                           shown_text);
  return hex_dump ((const guchar *) data, shown);
}

/* The first @shown bytes of a @size-byte text, cut again in a line too long to lay out. */
static char *
text_display (const char *data,
              gsize shown,
              guint64 size,
              char **note)
{
  gsize cut = long_line_cut (data, shown);
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *cut_text = g_format_size (cut);

  if (cut < shown)
    {
      g_autofree char *line_text = g_format_size (LINE_DISPLAY_MAX);

      /* Translators: three sizes: “Showing the first 4.1 kB of 8.4 MB: the text stops in a line
       * longer than 4.1 kB.” */
      *note = g_strdup_printf (_ ("Showing the first %s of %s: "
                                  "the text stops in a line longer than %s."),
                               cut_text, size_text, line_text);
    }
  else if (cut < size)
    {
      /* Translators: two sizes: “Showing the first 1.0 MB of 20.0 MB.” */
      *note = g_strdup_printf (_ ("Showing the first %s of %s."), cut_text, size_text);
    }
  return g_strndup (data, cut);
}

/* A body whose type says it is UTF-8 text and is not: shown as XHR's responseText decodes it,
 * each invalid sequence as U+FFFD. */
static char *
replaced_display (const char *data,
                  gsize len,
                  guint64 size,
                  char **note)
{
  g_autoptr (GString) decoded = g_string_new (NULL);
  g_autofree char *cut_note = NULL;
  g_autofree char *text = NULL;
  const char *why = _ ("Not UTF-8, though its type says it is text: shown as responseText has it, "
                       "each invalid sequence as U+FFFD (�).");

  pf_utf8_decode_replacing (decoded, data, MIN (len, PF_BODY_FORMAT_TEXT_MAX));
  text = text_display (decoded->str, decoded->len, MAX (size, decoded->len), &cut_note);
  *note = cut_note ? g_strconcat (why, " ", cut_note, NULL) : g_strdup (why);
  return g_steal_pointer (&text);
}

/* The text to show for a body whose first @len bytes (of @size) are @data, and in @note what
 * the user should know about it (NULL when nothing). */
char *
pf_body_format_display_text (const char *mime_type,
                             const char *data,
                             gsize len,
                             guint64 size,
                             char **note)
{
  gssize shown;
  char *pretty;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (note != NULL, NULL);

  *note = NULL;
  if (size == 0)
    {
      *note = g_strdup (_ ("The response has no body."));
      return g_strdup ("");
    }
  shown = text_prefix_length (data, len, size);
  /* A NUL cannot be shown as text: such a body is dumped like any binary one. */
  if (shown < 0 && pf_mime_is_utf8_text (mime_type) &&
      memchr (data, '\0', MIN (len, PF_BODY_FORMAT_TEXT_MAX)) == NULL)
    return replaced_display (data, len, size, note);
  if (shown < 0)
    return binary_display (data, len, size, note);
  /* Only a whole body can be parsed. */
  if ((guint64) shown == size &&
      pf_body_format_for_mime_type (mime_type) == PF_BODY_FORMAT_JSON &&
      (pretty = readable_json (data, shown)) != NULL)
    {
      *note = g_strdup (_ ("JSON, indented for reading."));
      return pretty;
    }
  return text_display (data, shown, size, note);
}

/* While a text body loads it is shown as it grows, as responseText does, within the final
 * display's limits: @text (@len bytes of UTF-8) follows @shown bytes already shown, whose last
 * line is @line bytes long. Returns how many bytes of @text to show (on a character boundary)
 * and counts them into @shown and @line; less than @len means the display is full: the text
 * reached PF_BODY_FORMAT_TEXT_MAX or a line longer than LINE_DISPLAY_MAX, where
 * pf_body_format_display_text () stops too. */
gsize
pf_body_format_live_length (const char *text,
                            gsize len,
                            gsize *shown,
                            gsize *line)
{
  gsize room = *shown < PF_BODY_FORMAT_TEXT_MAX ? PF_BODY_FORMAT_TEXT_MAX - *shown : 0;
  gsize limit = MIN (len, room);
  gsize n = 0;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  while (n < limit)
    {
      const char *eol = memchr (text + n, '\n', limit - n);
      gsize end = eol ? (gsize) (eol - text) : limit;

      if (*line + (end - n) > LINE_DISPLAY_MAX)
        {
          n += LINE_DISPLAY_MAX - *line;
          limit = n;
          break;
        }
      *line = eol ? 0 : *line + (end - n);
      n = eol ? end + 1 : end;
    }
  while (n > 0 && n < len && ((guchar) text[n] & 0xC0) == 0x80)
    n--;
  /* Full: nothing more is shown after a cut. */
  *shown = n < len ? PF_BODY_FORMAT_TEXT_MAX : *shown + n;
  return n;
}

/* What responseXML is, when it is worth saying: for an XML MIME type (the final one, after
 * overrideMimeType ()), and for a body that looks like XML under another type. NULL otherwise,
 * and for an empty body. */
const char *
pf_body_format_xml_note (const char *mime_type,
                         gboolean is_document,
                         const char *data,
                         gsize len)
{
  g_autofree char *essence = pf_mime_essence (mime_type);

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0)
    return NULL;
  if (is_document)
    return _ ("responseXML is a document: "
              "the final MIME type is XML and the body is well-formed.");
  if (pf_mime_is_xml (essence))
    return _ ("responseXML is null: the body is not well-formed XML.");
  if (len >= 5 && memcmp (data, "<?xml", 5) == 0)
    return _ ("responseXML is null: the MIME type is not XML; "
              "overrideMimeType(\"text/xml\") would make it a document.");
  return NULL;
}
