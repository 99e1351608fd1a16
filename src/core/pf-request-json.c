/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-request-json.h"
#include "pf-key-value.h"

/* A request as composed, to and from JSON, losing nothing the editor shows: disabled rows,
 * file fields, a body of every kind (the text of a raw body stays when the kind is switched
 * away from it, as in the editor), the options and the page's origin and credentials. The
 * window keeps its session with it. JSON rather than a .http entry: the .http format has no
 * place for a disabled row, nor for a body of one kind kept while another is chosen, and a
 * half-typed URL or a body holding "###" would not read back as typed. Keys are those of a
 * history entry's request, so either can read the other's. */

static void
add_string (JsonBuilder *builder,
            const char *name,
            const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char *name,
         gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char *name,
          gboolean value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_enum (JsonBuilder *builder,
          const char *name,
          GType type,
          int value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  if (found != NULL)
    add_string (builder, name, found->value_nick);
}

/* Rows a user edits: {"name", "value"}, with "enabled": false and "file": true when so, and a
 * file part's own "file_name" and "content_type" when it has them. */
static void
add_rows (JsonBuilder *builder,
          const char *name,
          GListModel *rows)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", pf_key_value_get_name (row));
      add_string (builder, "value", pf_key_value_get_value (row));
      if (!pf_key_value_get_enabled (row))
        add_bool (builder, "enabled", FALSE);
      if (pf_key_value_get_is_file (row))
        add_bool (builder, "file", TRUE);
      if (*pf_key_value_get_file_name (row) != '\0')
        add_string (builder, "file_name", pf_key_value_get_file_name (row));
      if (*pf_key_value_get_content_type (row) != '\0')
        add_string (builder, "content_type", pf_key_value_get_content_type (row));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* An object: {"method", "url", "params", "headers", "body_kind", …}. */
JsonNode *
pf_request_to_json (PfRequest *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  json_builder_begin_object (builder);
  add_string (builder, "method", pf_request_get_method (self));
  add_string (builder, "url", pf_request_get_url (self));
  add_rows (builder, "params", pf_request_get_params (self));
  add_rows (builder, "headers", pf_request_get_headers (self));
  add_enum (builder, "body_kind", PF_TYPE_BODY_KIND, pf_request_get_body_kind (self));
  add_string (builder, "body_text", pf_request_get_body_text (self));
  add_string (builder, "content_type", pf_request_get_body_content_type (self));
  add_rows (builder, "fields", pf_request_get_fields (self));
  add_string (builder, "body_file", pf_request_get_body_file (self));
  add_int (builder, "timeout_ms", pf_request_get_timeout_ms (self));
  add_int (builder, "max_redirects", pf_request_get_max_redirects (self));
  add_string (builder, "override_mime", pf_request_get_override_mime_type (self));
  add_string (builder, "origin", pf_request_get_origin (self));
  add_enum (builder, "credentials", PF_TYPE_CREDENTIALS_MODE, pf_request_get_credentials (self));
  add_enum (builder, "initiator", PF_TYPE_INITIATOR, pf_request_get_initiator (self));
  add_bool (builder, "sync", pf_request_get_sync (self));
  add_bool (builder, "xdr", pf_request_get_xdr (self));
  add_enum (builder, "response_type", PF_TYPE_RESPONSE_TYPE, pf_request_get_response_type (self));
  add_enum (builder, "browser_headers", PF_TYPE_BROWSER_HEADERS,
            pf_request_get_browser_headers (self));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                 json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

static gint64
get_uint (JsonObject *object,
          const char *name,
          guint fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return CLAMP (json_node_get_int (node), 0, G_MAXUINT);
}

static gboolean
get_bool (JsonObject *object,
          const char *name,
          gboolean fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

static int
get_enum (JsonObject *object,
          const char *name,
          GType type,
          int fallback)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  const char *nick = get_string (object, name);
  GEnumValue *found = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return found != NULL ? found->value : fallback;
}

/* The row objects of the array @name; anything else in it is skipped. */
static GPtrArray *
read_rows (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *row;
      PfKeyValue *pair;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      row = json_node_get_object (element);
      pair = pf_key_value_new (get_string (row, "name"), get_string (row, "value"));
      pf_key_value_set_enabled (pair, get_bool (row, "enabled", TRUE));
      pf_key_value_set_is_file (pair, get_bool (row, "file", FALSE));
      pf_key_value_set_file_name (pair, get_string (row, "file_name"));
      pf_key_value_set_content_type (pair, get_string (row, "content_type"));
      g_ptr_array_add (rows, pair);
    }
  return rows;
}

static void
splice_rows (GListModel *model,
             GPtrArray *rows)
{
  g_list_store_splice (G_LIST_STORE (model), 0, g_list_model_get_n_items (model), rows->pdata,
                       rows->len);
}

/* The enabled parameters are the URL's query, which setting the URL has put in the table as
 * typed; the disabled ones, which the URL does not hold, go back between them. */
static void
read_params (PfRequest *request,
             JsonObject *object)
{
  g_autoptr (GPtrArray) rows = read_rows (object, "params");
  GListStore *params = G_LIST_STORE (pf_request_get_params (request));

  for (guint i = 0; i < rows->len; i++)
    {
      PfKeyValue *row = g_ptr_array_index (rows, i);

      if (!pf_key_value_get_enabled (row))
        g_list_store_insert (params, MIN (i, g_list_model_get_n_items (G_LIST_MODEL (params))),
                             row);
    }
}

static void
read_body (PfRequest *request,
           JsonObject *object)
{
  g_autoptr (GPtrArray) fields = read_rows (object, "fields");

  pf_request_set_body_kind (request, get_enum (object, "body_kind", PF_TYPE_BODY_KIND,
                                               PF_BODY_NONE));
  pf_request_set_body_text (request, get_string (object, "body_text"));
  pf_request_set_body_content_type (request, get_string (object, "content_type"));
  splice_rows (pf_request_get_fields (request), fields);
  pf_request_set_body_file (request, get_string (object, "body_file"));
}

static void
read_options (PfRequest *request,
              JsonObject *object)
{
  pf_request_set_timeout_ms (request, get_uint (object, "timeout_ms", 0));
  pf_request_set_max_redirects (request, get_uint (object, "max_redirects",
                                                   PF_REQUEST_DEFAULT_MAX_REDIRECTS));
  pf_request_set_override_mime_type (request, get_string (object, "override_mime"));
  pf_request_set_origin (request, get_string (object, "origin"));
  pf_request_set_credentials (request, get_enum (object, "credentials",
                                                 PF_TYPE_CREDENTIALS_MODE,
                                                 PF_CREDENTIALS_SAME_ORIGIN));
  pf_request_set_initiator (request, get_enum (object, "initiator", PF_TYPE_INITIATOR,
                                               PF_INITIATOR_XHR));
  pf_request_set_sync (request, get_bool (object, "sync", FALSE));
  pf_request_set_xdr (request, get_bool (object, "xdr", FALSE));
  pf_request_set_response_type (request, get_enum (object, "response_type", PF_TYPE_RESPONSE_TYPE,
                                                   PF_RESPONSE_TYPE_DEFAULT));
  pf_request_set_browser_headers (request, get_enum (object, "browser_headers",
                                                     PF_TYPE_BROWSER_HEADERS,
                                                     PF_BROWSER_HEADERS_AUTO));
}

/* The request @node holds; a member missing or of the wrong type takes its default. Fails
 * only when @node is not an object. */
PfRequest *
pf_request_new_from_json (JsonNode *node,
                          GError **error)
{
  g_autoptr (PfRequest) request = NULL;
  g_autoptr (GPtrArray) headers = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _ ("A saved request is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  request = pf_request_new ();
  if (get_string (object, "method") != NULL)
    pf_request_set_method (request, get_string (object, "method"));
  pf_request_set_url (request, get_string (object, "url"));
  read_params (request, object);
  headers = read_rows (object, "headers");
  splice_rows (pf_request_get_headers (request), headers);
  read_body (request, object);
  read_options (request, object);
  return g_steal_pointer (&request);
}
