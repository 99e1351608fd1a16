/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-mime"

#include "config.h"

#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <string.h>

#include "pf-http-syntax.h"
#include "pf-mime.h"

/* MIME Sniffing standard, "parse a MIME type", reduced to what Preflight decides with:
 * the essence (type "/" subtype, ASCII lower-case) or NULL when the text is no MIME type. */
char *
pf_mime_essence (const char *mime_type)
{
  const char *start, *end, *slash, *sub_end;
  gsize type_len, sub_len;
  char *essence;

  if (mime_type == NULL)
    return NULL;
  /* Trimmed of HTTP whitespace, type and subtype checked and joined in one string. */
  start = mime_type;
  end = start + strlen (start);
  while (start < end && (*start == ' ' || *start == '\t' || *start == '\r' || *start == '\n'))
    start++;
  while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
    end--;
  slash = memchr (start, '/', end - start);
  if (slash == NULL)
    return NULL;
  sub_end = memchr (slash + 1, ';', end - slash - 1);
  if (sub_end == NULL)
    sub_end = end;
  while (sub_end > slash + 1 && g_ascii_isspace (sub_end[-1]))
    sub_end--;
  type_len = slash - start;
  sub_len = sub_end - slash - 1;
  essence = g_malloc (type_len + sub_len + 2);
  memcpy (essence, start, type_len);
  essence[type_len] = '\0';
  memcpy (essence + type_len + 1, slash + 1, sub_len);
  essence[type_len + 1 + sub_len] = '\0';
  if (!pf_http_is_token (essence) || !pf_http_is_token (essence + type_len + 1))
    {
      g_free (essence);
      return NULL;
    }
  essence[type_len] = '/';
  for (char *c = essence; *c; c++)
    *c = g_ascii_tolower (*c);
  return essence;
}

/* MIME Sniffing: an XML MIME type is text/xml, application/xml or any subtype ending
 * in "+xml". */
gboolean
pf_mime_is_xml (const char *essence)
{
  if (essence == NULL)
    return FALSE;
  return g_str_equal (essence, "text/xml") || g_str_equal (essence, "application/xml") ||
         g_str_has_suffix (essence, "+xml");
}

gboolean
pf_mime_is_html (const char *essence)
{
  return g_strcmp0 (essence, "text/html") == 0;
}

/* MIME Sniffing: a JSON MIME type is application/json, text/json or any subtype ending in
 * "+json". */
gboolean
pf_mime_is_json (const char *essence)
{
  if (essence == NULL)
    return FALSE;
  return g_str_equal (essence, "application/json") || g_str_equal (essence, "text/json") ||
         g_str_has_suffix (essence, "+json");
}

/* MIME Sniffing: a JavaScript MIME type has one of these essences. */
gboolean
pf_mime_is_javascript (const char *essence)
{
  static const char *const essences[] = {
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript", NULL
  };

  return essence != NULL && g_strv_contains (essences, essence);
}

/* Whether a body is an image a browser draws, as an <img> decides between load and error:
 * by its bytes, whatever its Content-Type says (MIME Sniffing, "image type pattern
 * matching"), except SVG, which Chromium draws only when served as image/svg+xml. A
 * signature is not enough: Chromium fires error for a GIF or PNG cut after its header, so
 * each format is walked to its first frame's data (the data itself is not decoded). The
 * status does not matter: Chromium draws a valid image sent with 404 or 500 and fires load
 * (tests/data/image-ping.tsv, checked against Chromium by tests/browser/compare-image.py). */

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

/* GIF: header, logical screen, colour table, extensions, then an image descriptor whose
 * first data sub-block is there. */
static gboolean
is_gif (const guint8 *data,
        gsize len)
{
  gsize p = 13;

  if (len < 13 || (memcmp (data, "GIF87a", 6) != 0 && memcmp (data, "GIF89a", 6) != 0))
    return FALSE;
  if (data[10] & 0x80)
    p += 3 * (1 << ((data[10] & 7) + 1));
  while (p < len && data[p] == 0x21)
    {
      /* An extension: its label, then sub-blocks up to an empty one. */
      for (p += 2; p < len && data[p] != 0; p += data[p] + 1)
        ;
      p++;
    }
  if (p + 10 > len || data[p] != 0x2C)
    return FALSE;
  if (data[p + 9] & 0x80)
    p += 3 * (1 << ((data[p + 9] & 7) + 1));
  p += 10 + 1;
  return p < len && data[p] > 0 && p + 1 + data[p] <= len;
}

/* PNG: signature, IHDR first, then a whole IDAT chunk before IEND. */
static gboolean
is_png (const guint8 *data,
        gsize len)
{
  gsize p = 8;

  if (len < 8 + 25 || memcmp (data, "\x89PNG\r\n\x1a\n", 8) != 0 ||
      memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  while (p + 12 <= len)
    {
      guint32 length = be32 (data + p);

      if (length > len - p - 12)
        return FALSE;
      if (memcmp (data + p + 4, "IDAT", 4) == 0)
        return TRUE;
      if (memcmp (data + p + 4, "IEND", 4) == 0)
        return FALSE;
      p += 12 + length;
    }
  return FALSE;
}

static gboolean
is_jpeg_frame_marker (guint8 marker)
{
  /* SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

/* JPEG: SOI, then segments up to a start of scan after a frame header, with scan data. */
static gboolean
is_jpeg (const guint8 *data,
         gsize len)
{
  gboolean frame = FALSE;
  gsize p = 2;

  if (len < 4 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF)
    return FALSE;
  while (p + 4 <= len && data[p] == 0xFF)
    {
      guint8 marker = data[p + 1];
      gsize length = (gsize) data[p + 2] << 8 | data[p + 3];

      if (marker == 0xFF)
        {
          p++;
          continue;
        }
      if (marker == 0xDA)
        return frame && p + 2 + length < len;
      frame |= is_jpeg_frame_marker (marker);
      p += 2 + length;
    }
  return FALSE;
}

/* WebP: a RIFF WEBP file with a whole VP8, VP8L or animation frame chunk. */
static gboolean
is_webp (const guint8 *data,
         gsize len)
{
  gsize p = 12;

  if (len < 20 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WEBP", 4) != 0)
    return FALSE;
  while (p + 8 <= len)
    {
      guint32 size = le32 (data + p + 4);

      if (size == 0 || size > len - p - 8)
        return FALSE;
      if (memcmp (data + p, "VP8 ", 4) == 0 || memcmp (data + p, "VP8L", 4) == 0 ||
          memcmp (data + p, "ANMF", 4) == 0)
        return TRUE;
      p += 8 + size + (size & 1);
    }
  return FALSE;
}

/* BMP: file header, an info header, and pixel data where the header says. */
static gboolean
is_bmp (const guint8 *data,
        gsize len)
{
  return len >= 26 && data[0] == 'B' && data[1] == 'M' && le32 (data + 14) >= 12 &&
         le32 (data + 10) >= 14 + le32 (data + 14) && le32 (data + 10) < len;
}

/* ICO or CUR: a directory whose first image lies whole in the body. */
static gboolean
is_ico (const guint8 *data,
        gsize len)
{
  guint32 size, offset;

  if (len < 22 || data[0] != 0 || data[1] != 0 || (data[2] != 1 && data[2] != 2) ||
      data[3] != 0 || (data[4] == 0 && data[5] == 0))
    return FALSE;
  size = le32 (data + 6 + 8);
  offset = le32 (data + 6 + 12);
  return size > 0 && offset >= 22 && offset <= len && size <= len - offset;
}

/* SVG: well-formed XML whose root is an SVG element. */
static gboolean
is_svg (const guint8 *data,
        gsize len)
{
  xmlDoc *doc;
  xmlNode *root;
  gboolean svg;

  if (len == 0 || len > G_MAXINT)
    return FALSE;
  doc = xmlReadMemory ((const char *) data, (int) len, "image.svg", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  svg = root != NULL && root->ns != NULL && xmlStrcmp (root->name, BAD_CAST "svg") == 0 &&
        xmlStrcmp (root->ns->href, BAD_CAST "http://www.w3.org/2000/svg") == 0;
  xmlFreeDoc (doc);
  return svg;
}

/* The type of image @data is, as an <img> would draw it ("image/gif", …), or NULL when an
 * <img> would fire error. @mime_type is the response's Content-Type (or NULL). */
const char *
pf_mime_sniff_image (const char *mime_type,
                     const guint8 *data,
                     gsize len)
{
  g_autofree char *essence = pf_mime_essence (mime_type);

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (is_gif (data, len))
    return "image/gif";
  if (is_png (data, len))
    return "image/png";
  if (is_jpeg (data, len))
    return "image/jpeg";
  if (is_webp (data, len))
    return "image/webp";
  if (is_bmp (data, len))
    return "image/bmp";
  if (is_ico (data, len))
    return "image/x-icon";
  if (g_strcmp0 (essence, "image/svg+xml") == 0 && is_svg (data, len))
    return "image/svg+xml";
  return NULL;
}

/* Whether @mime_type says its body is text in UTF-8: a text, JSON, XML, HTML or JavaScript
 * type whose charset is UTF-8 or unset (XHR's responseText then decodes it as UTF-8). */
gboolean
pf_mime_is_utf8_text (const char *mime_type)
{
  g_autofree char *essence = pf_mime_essence (mime_type);
  const char *params = essence ? strchr (mime_type, ';') : NULL;
  g_autoptr (GHashTable) table = NULL;
  const char *charset;

  if (essence == NULL || !(g_str_has_prefix (essence, "text/") || pf_mime_is_json (essence) ||
                           pf_mime_is_xml (essence) || pf_mime_is_javascript (essence)))
    return FALSE;
  if (params == NULL)
    return TRUE;
  table = soup_header_parse_semi_param_list (params + 1);
  charset = g_hash_table_lookup (table, "charset");
  return charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0;
}
