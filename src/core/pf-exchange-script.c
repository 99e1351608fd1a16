/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-exchange-script.h"
#include "pf-exchange-private.h"
#include "pf-mime.h"

/* What a script reads once the exchange is DONE, for the request's responseType (XHR's
 * "response" getter): xhr.response as a JSON value (a string, the parsed JSON, or an object
 * describing what JavaScript would hold: {"class": "ArrayBuffer", "byteLength": 16}), and
 * the InvalidStateError that reading responseText or responseXML throws. */

/* The MIME type parameter @name's value in @mime_type, or NULL. */
static char *
mime_parameter (const char *mime_type,
                const char *name)
{
  g_auto (GStrv) parts = g_strsplit (mime_type ? mime_type : "", ";", -1);

  /* "" splits into no parts at all: there is no parts[1] to look at. */
  for (guint i = 1; parts[0] != NULL && parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      size_t len = strlen (name);

      if (g_ascii_strncasecmp (part, name, len) == 0 && part[len] == '=')
        return g_strdup (part + len + 1);
    }
  return NULL;
}

/* MIME Sniffing "serialize a MIME type": no spaces around ";", the essence lower-case (what
 * the XHR standard gives a Blob's type). */
static char *
serialize_mime_type (const char *mime_type)
{
  g_auto (GStrv) parts = g_strsplit (mime_type, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    g_strstrip (parts[i]);
  if (parts[0] != NULL)
    {
      char *lower = g_ascii_strdown (parts[0], -1);
      g_free (parts[0]);
      parts[0] = lower;
    }
  return g_strjoinv (";", parts);
}

/* Encoding's "decode": a BOM wins, else @charset (UTF-8 when absent or unknown); a byte that
 * does not decode is U+FFFD. */
static char *
decode_text (const char *data,
             gsize len,
             const char *charset)
{
  char *converted;

  if (data == NULL || len == 0)
    return g_strdup ("");
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return g_utf8_make_valid (data + 3, len - 3);
  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0 &&
      (converted = g_convert_with_fallback (data, len, "UTF-8", charset, "\xEF\xBF\xBD", NULL,
                                            NULL, NULL)) != NULL)
    return converted;
  return g_utf8_make_valid (data, len);
}

static JsonNode *
object_node (JsonBuilder *builder)
{
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* XHR "text response": the body decoded by the final MIME type's charset. */
static JsonNode *
text_response (PfExchange *self,
               GBytes *bytes)
{
  g_autofree char *charset = mime_parameter (self->mime_type, "charset");
  g_autofree char *text = NULL;
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  text = decode_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), charset);
  json_node_set_string (node, text);
  return node;
}

/* XHR "JSON response": UTF-8 decoded, then JSON.parse; null when it does not parse (an empty
 * body included). */
static JsonNode *
json_response (GBytes *bytes)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *text = decode_text (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       NULL);

  if (*text == '\0' || !json_parser_load_from_data (parser, text, -1, NULL) ||
      json_parser_get_root (parser) == NULL)
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (json_parser_get_root (parser));
}

/* XHR "document response": an HTML document for an HTML MIME type, the parsed XML for an XML
 * one (null when it is not well-formed), null for anything else. */
static JsonNode *
document_response (PfExchange *self)
{
  g_autofree char *essence = pf_mime_essence (self->mime_type);
  g_autoptr (JsonBuilder) builder = NULL;
  gboolean html = essence != NULL && pf_mime_is_html (essence);

  if (!html && !self->response_xml)
    return json_node_new (JSON_NODE_NULL);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, "Document");
  /* The HTML parser always makes an <html> element; nodeName says it in upper case. */
  json_builder_set_member_name (builder, "documentElement");
  json_builder_add_string_value (builder, html ? "HTML" : self->xml_root);
  json_builder_set_member_name (builder, "contentType");
  json_builder_add_string_value (builder, html ? "text/html" : essence);
  return object_node (builder);
}

static JsonNode *
binary_response (PfExchange *self,
                 PfResponseType type)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *mime = serialize_mime_type (self->mime_type);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder,
                                 type == PF_RESPONSE_TYPE_BLOB ? "Blob" : "ArrayBuffer");
  json_builder_set_member_name (builder, type == PF_RESPONSE_TYPE_BLOB ? "size" : "byteLength");
  json_builder_add_int_value (builder, (gint64) self->received);
  if (type == PF_RESPONSE_TYPE_BLOB)
    {
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, mime);
    }
  return object_node (builder);
}

/* A body spooled to disk is not read back for this: its size stands for it. */
static JsonNode *
spooled_response (PfExchange *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, "String");
  json_builder_set_member_name (builder, "bodyBytes");
  json_builder_add_int_value (builder, (gint64) self->received);
  return object_node (builder);
}

/* xhr.response once DONE, as JSON: for "" and "text" the text (empty after a failure), for
 * "json" the value or null, for "document" a Document's description or null, for
 * "arraybuffer" and "blob" their description (null after a failure). */
JsonNode *
pf_exchange_dup_response (PfExchange *self)
{
  PfResponseType type;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);

  type = pf_request_get_response_type (self->request);
  bytes = self->failure == PF_FAILURE_NONE && self->store ? pf_body_store_dup_bytes (self->store)
                                                          : NULL;
  if (bytes == NULL && self->failure == PF_FAILURE_NONE && self->store && self->received > 0)
    return spooled_response (self);
  if (bytes == NULL)
    bytes = g_bytes_new_static ("", 0);
  switch (type)
    {
    case PF_RESPONSE_TYPE_DEFAULT:
    case PF_RESPONSE_TYPE_TEXT:
      return text_response (self, bytes);
    case PF_RESPONSE_TYPE_JSON:
      return json_response (bytes);
    case PF_RESPONSE_TYPE_DOCUMENT:
      return self->failure == PF_FAILURE_NONE ? document_response (self)
                                              : json_node_new (JSON_NODE_NULL);
    case PF_RESPONSE_TYPE_ARRAYBUFFER:
    case PF_RESPONSE_TYPE_BLOB:
    default:
      return self->failure == PF_FAILURE_NONE ? binary_response (self, type)
                                              : json_node_new (JSON_NODE_NULL);
    }
}

/* The exception reading @property ("responseText" or "responseXML") throws for the
 * request's responseType, in Chromium's words, or NULL when it can be read. */
char *
pf_exchange_dup_read_exception (PfExchange *self,
                                const char *property)
{
  PfResponseType type;
  const char *allowed;

  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  type = pf_request_get_response_type (self->request);
  if (type == PF_RESPONSE_TYPE_DEFAULT)
    return NULL;
  if (g_str_equal (property, "responseText") && type != PF_RESPONSE_TYPE_TEXT)
    allowed = "text";
  else if (g_str_equal (property, "responseXML") && type != PF_RESPONSE_TYPE_DOCUMENT)
    allowed = "document";
  else
    return NULL;
  return g_strdup_printf ("InvalidStateError: Failed to read the '%s' property from "
                          "'XMLHttpRequest': The value is only accessible if the object's "
                          "'responseType' is '' or '%s' (was '%s').",
                          property, allowed, pf_response_type_to_string (type));
}

static char *
describe_null (PfExchange *self,
               PfResponseType type)
{
  if (self->failure != PF_FAILURE_NONE)
    return g_strdup (_("xhr.response is null: the request failed"));
  if (type == PF_RESPONSE_TYPE_JSON)
    return g_strdup (_("xhr.response is null: the body does not parse as JSON"));
  return g_strdup (_("xhr.response is null: the body is neither HTML nor well-formed XML"));
}

static char *
describe_object (JsonObject *object)
{
  const char *class = json_object_get_string_member_with_default (object, "class", "");
  g_autofree char *size = NULL;

  if (g_str_equal (class, "Document"))
    /* Translators: the first %s is an element name, the second a MIME type */
    return g_strdup_printf (_("xhr.response is a Document: <%s>, %s"),
                            json_object_get_string_member (object, "documentElement"),
                            json_object_get_string_member (object, "contentType"));
  if (g_str_equal (class, "ArrayBuffer"))
    /* Translators: %s is a number of bytes */
    return g_strdup_printf (_("xhr.response is an ArrayBuffer of %s bytes"),
                            size = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    json_object_get_int_member (object,
                                                                                "byteLength")));
  if (g_str_equal (class, "Blob"))
    /* Translators: the first %s is a number of bytes, the second a MIME type */
    return g_strdup_printf (_("xhr.response is a Blob of %s bytes, type “%s”"),
                            size = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    json_object_get_int_member (object, "size")),
                            json_object_get_string_member (object, "type"));
  return NULL;
}

/* xhr.response in words for a responseType other than "" (NULL for ""), then what reading
 * responseText and responseXML throws, a line each. */
char *
pf_exchange_describe_response (PfExchange *self)
{
  PfResponseType type;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *first = NULL;
  GString *out;

  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  type = pf_request_get_response_type (self->request);
  if (type == PF_RESPONSE_TYPE_DEFAULT)
    return NULL;
  node = pf_exchange_dup_response (self);
  if (JSON_NODE_HOLDS_NULL (node))
    first = describe_null (self, type);
  else if (type == PF_RESPONSE_TYPE_TEXT && JSON_NODE_HOLDS_VALUE (node))
    /* Translators: %ld is a number of characters */
    first = g_strdup_printf (_("xhr.response is the text, %ld characters"),
                             g_utf8_strlen (json_node_get_string (node), -1));
  else if (type == PF_RESPONSE_TYPE_JSON)
    {
      g_autofree char *json = json_to_string (node, FALSE);
      /* Translators: %s is a JSON value, cut to its first characters */
      first = g_strdup_printf (_("xhr.response is the parsed JSON: %.200s"), json);
    }
  else
    first = describe_object (json_node_get_object (node));
  out = g_string_new (first ? first : "");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *exception =
          pf_exchange_dup_read_exception (self, i == 0 ? "responseText" : "responseXML");

      if (exception != NULL)
        /* Translators: the first %s is responseText or responseXML, the second the browser's
         * exception, kept in English */
        g_string_append_printf (out, _("\nReading xhr.%s throws %s"),
                                i == 0 ? "responseText" : "responseXML", exception);
    }
  return g_string_free (out, FALSE);
}
