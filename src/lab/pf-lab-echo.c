/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-http-syntax.h"
#include "pf-lab-endpoints.h"

/* /echo: the request as the server received it, as JSON, so a learner sees exactly what
 * was sent: {"method", "url", "query", "headers": [[n, v], …], "body", "form"}. */

#define ECHO_FILE_TEXT_MAX 65536

static void
add_pair (JsonBuilder *builder,
          const char  *name,
          const char  *value)
{
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, name);
  json_builder_add_string_value (builder, value);
  json_builder_end_array (builder);
}

/* application/x-www-form-urlencoded, in order and with repeats (soup_form_decode keeps
 * neither), parsed as the URL Standard says: the parser the request's parameter table uses. */
static void
add_urlencoded_fields (JsonBuilder *builder,
                       const char  *body)
{
  g_autoptr (GPtrArray) pairs = pf_http_parse_form (body);

  for (guint i = 0; i < pairs->len; i++)
    {
      PfKeyValue *pair = g_ptr_array_index (pairs, i);

      add_pair (builder, pf_key_value_get_name (pair), pf_key_value_get_value (pair));
    }
}

static void
add_file (JsonBuilder *builder,
          const char  *field,
          const char  *filename,
          const char  *content_type,
          GBytes      *body)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, field);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, filename);
  json_builder_set_member_name (builder, "contentType");
  json_builder_add_string_value (builder, content_type);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, size);
  json_builder_set_member_name (builder, "text");
  if (size <= ECHO_FILE_TEXT_MAX && g_utf8_validate (data, size, NULL))
    {
      g_autofree char *text = g_strndup (data, size);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_multipart (JsonBuilder        *builder,
               SoupMultipart      *multipart,
               gboolean            files)
{
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers = NULL;
      GBytes *body = NULL;
      g_autoptr (GHashTable) params = NULL;
      const char *name, *filename;

      soup_multipart_get_part (multipart, i, &headers, &body);
      if (!soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      filename = g_hash_table_lookup (params, "filename");
      if (name == NULL || (filename != NULL) != files)
        continue;
      if (files)
        add_file (builder, name, filename,
                  soup_message_headers_get_content_type (headers, NULL), body);
      else
        {
          g_autofree char *value = g_strndup (g_bytes_get_data (body, NULL),
                                              g_bytes_get_size (body));
          add_pair (builder, name, value);
        }
    }
}

static void
add_form (JsonBuilder       *builder,
          SoupServerMessage *msg,
          GBytes            *body,
          const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr (SoupMultipart) multipart = NULL;

  json_builder_set_member_name (builder, "form");
  if (g_strcmp0 (type, "multipart/form-data") == 0)
    multipart = soup_multipart_new_from_message (headers, body);
  if (multipart == NULL && (text == NULL || g_strcmp0 (type, "application/x-www-form-urlencoded")))
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  if (multipart != NULL)
    add_multipart (builder, multipart, FALSE);
  else
    add_urlencoded_fields (builder, text);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  if (multipart != NULL)
    add_multipart (builder, multipart, TRUE);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_headers (JsonBuilder       *builder,
             SoupServerMessage *msg)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    add_pair (builder, name, value);
  json_builder_end_array (builder);
}

static void
add_query (JsonBuilder *builder,
           GHashTable  *query)
{
  GHashTableIter iter;
  gpointer name, value;

  json_builder_set_member_name (builder, "query");
  json_builder_begin_object (builder);
  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, value);
        }
    }
  json_builder_end_object (builder);
}

static void
add_body (JsonBuilder *builder,
          GBytes      *body,
          const char  *text)
{
  json_builder_set_member_name (builder, "body");
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    {
      g_autofree char *base64 = g_base64_encode (g_bytes_get_data (body, NULL),
                                                 g_bytes_get_size (body));
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "bodyBase64");
      json_builder_add_string_value (builder, base64);
    }
}

void
pf_lab_handle_echo (SoupServerMessage *msg,
                    const char        *rest,
                    GHashTable        *query)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *url = g_uri_to_string (soup_server_message_get_uri (msg));
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) root = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  /* A body with a NUL or invalid UTF-8 cannot be a JSON string: it goes as base64. */
  if (g_utf8_validate (data ? data : "", size, NULL) && memchr (data ? data : "", 0, size) == NULL)
    text = g_strndup (data ? data : "", size);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, soup_server_message_get_method (msg));
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  add_query (builder, query);
  add_headers (builder, msg);
  add_body (builder, body, text);
  add_form (builder, msg, body, text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, TRUE);
  pf_lab_respond (msg, SOUP_STATUS_OK, "application/json", json);
}
