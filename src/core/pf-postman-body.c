/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-postman"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-http-syntax.h"
#include "pf-postman-private.h"

/* A Postman request body as one a .http entry holds: “raw” as text (its language giving the
 * Content-Type when no header does), “urlencoded” as the encoded text with its Content-Type,
 * “formdata” as multipart parts (a file part as “< ./path”), “file” as “< path”, “graphql” as
 * the JSON body a GraphQL server reads. A relative file path is the .http file's folder's. */

static const struct
{
  const char *language;
  const char *type;
} raw_types[] = {
  { "json", "application/json" },
  { "javascript", "application/javascript" },
  { "html", "text/html" },
  { "xml", "application/xml" },
  { "text", "text/plain" },
};

static gboolean
has_header (PfRequest *request,
            const char *name,
            guint *position)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      if (g_ascii_strcasecmp (pf_key_value_get_name (row), name) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
set_text (PfRequest *request,
          const char *text,
          const char *content_type)
{
  guint position;

  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, text);
  if (content_type && !has_header (request, "Content-Type", &position))
    pf_request_add_header (request, "Content-Type", content_type);
}

/* The path a .http file names for @src: absolute as it is, relative in the file's folder. */
static char *
file_path (PfPostmanPlace *place,
           const char *src)
{
  g_autoptr (GFile) file = g_file_resolve_relative_path (place->folder, src);

  return g_file_get_path (file);
}

static gboolean
read_raw (PfRequest *request,
          JsonObject *body,
          const char *path,
          GError **error)
{
  g_autofree char *options_path = g_strdup_printf ("%s.options", path);
  g_autofree char *raw_path = g_strdup_printf ("%s.options.raw", path);
  JsonObject *options, *raw_options = NULL;
  const char *text, *language = NULL;
  const char *type = NULL;

  if (!_pf_postman_string (body, path, "raw", &text, error) ||
      !_pf_postman_object (body, path, "options", &options, error) ||
      !_pf_postman_object (options, options_path, "raw", &raw_options, error) ||
      !_pf_postman_string (raw_options, raw_path, "language", &language, error))
    return FALSE;
  for (guint i = 0; language && i < G_N_ELEMENTS (raw_types); i++)
    if (g_str_equal (language, raw_types[i].language))
      type = raw_types[i].type;
  set_text (request, text ? text : "", type);
  return TRUE;
}

/* encodeURIComponent of each piece outside “{{…}}”: a variable stays one. */
static void
append_encoded (GString *out,
                const char *text)
{
  const char *open;

  while ((open = strstr (text, "{{")) != NULL && strstr (open, "}}") != NULL)
    {
      const char *close = strstr (open, "}}") + 2;
      g_autofree char *before = g_strndup (text, open - text);

      pf_uri_append_component (out, before);
      g_string_append_len (out, open, close - open);
      text = close;
    }
  pf_uri_append_component (out, text);
}

static gboolean
read_urlencoded (PfRequest *request,
                 JsonObject *body,
                 const char *path,
                 PfPostmanPlace *place,
                 GError **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.urlencoded", path);
  g_autoptr (GString) out = g_string_new (NULL);
  JsonArray *fields;

  if (!_pf_postman_array (body, path, "urlencoded", &fields, error))
    return FALSE;
  for (guint i = 0; fields && i < json_array_get_length (fields); i++)
    {
      g_autofree char *here = NULL;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      JsonObject *field;

      if (!_pf_postman_element (fields, i, list_path, &field, &here, error) ||
          !_pf_postman_value (field, here, "key", &key, error) ||
          !_pf_postman_value (field, here, "value", &value, error))
        return FALSE;
      if (_pf_postman_is_disabled (field))
        {
          /* Translators: %s is a form field's name */
          _pf_postman_note (place, _("disabled form field “%s” left out"), key ? key : "");
          continue;
        }
      if (out->len > 0)
        g_string_append_c (out, '&');
      append_encoded (out, key ? key : "");
      g_string_append_c (out, '=');
      append_encoded (out, value ? value : "");
    }
  set_text (request, out->str, "application/x-www-form-urlencoded");
  return TRUE;
}

/* A file part's “src”: a path, or a list of them of which a part holds one. */
static gboolean
part_source (JsonObject *part,
             const char *path,
             const char *key,
             PfPostmanPlace *place,
             const char **src,
             GError **error)
{
  JsonNode *node = json_object_get_member (part, "src");
  g_autofree char *here = g_strdup_printf ("%s.src", path);
  JsonArray *list;

  *src = NULL;
  if (node && JSON_NODE_HOLDS_ARRAY (node))
    {
      list = json_node_get_array (node);
      if (json_array_get_length (list) > 1)
        /* Translators: %s is a form field's name */
        _pf_postman_note (place, _("form field “%s”: only its first file imported"), key);
      if (json_array_get_length (list) == 0)
        return TRUE;
      node = json_array_get_element (list, 0);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return _pf_postman_fail (error, here, _("not a string or list of strings"));
      *src = json_node_get_string (node);
      return TRUE;
    }
  return _pf_postman_string (part, path, "src", src, error);
}

static gboolean
read_part (PfRequest *request,
           JsonObject *part,
           const char *path,
           PfPostmanPlace *place,
           GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autofree char *file = NULL;
  const char *type, *content_type, *src;

  if (!_pf_postman_value (part, path, "key", &key, error) ||
      !_pf_postman_value (part, path, "value", &value, error) ||
      !_pf_postman_string (part, path, "type", &type, error) ||
      !_pf_postman_string (part, path, "contentType", &content_type, error))
    return FALSE;
  key = key ? key : g_strdup ("");
  if (_pf_postman_is_disabled (part))
    {
      _pf_postman_note (place, _("disabled form field “%s” left out"), key);
      return TRUE;
    }
  if (content_type && *content_type)
    /* Translators: %s is a form field's name, then a MIME type */
    _pf_postman_note (place, _("form field “%s”: its Content-Type “%s” not imported"), key,
                      content_type);
  if (g_strcmp0 (type, "file") != 0)
    {
      pf_request_add_field (request, key, value ? value : "");
      return TRUE;
    }
  if (!part_source (part, path, key, place, &src, error))
    return FALSE;
  if (src == NULL || *src == '\0')
    _pf_postman_note (place, _("file form field “%s” has no file: left out"), key);
  else
    pf_request_add_file_field (request, key, (file = file_path (place, src)));
  return TRUE;
}

static gboolean
read_formdata (PfRequest *request,
               JsonObject *body,
               const char *path,
               PfPostmanPlace *place,
               GError **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.formdata", path);
  JsonArray *parts;
  guint position;

  if (!_pf_postman_array (body, path, "formdata", &parts, error))
    return FALSE;
  for (guint i = 0; parts && i < json_array_get_length (parts); i++)
    {
      g_autofree char *here = NULL;
      JsonObject *part;

      if (!_pf_postman_element (parts, i, list_path, &part, &here, error) ||
          !read_part (request, part, here, place, error))
        return FALSE;
    }
  pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  /* The body's boundary is the file's: a typed multipart type would have another, or none. */
  if (has_header (request, "Content-Type", &position))
    {
      g_list_store_remove (G_LIST_STORE (pf_request_get_headers (request)), position);
      _pf_postman_note (place, "%s", _("Content-Type header left out: the multipart body "
                                        "sets its own"));
    }
  return TRUE;
}

static gboolean
read_file (PfRequest *request,
           JsonObject *body,
           const char *path,
           PfPostmanPlace *place,
           GError **error)
{
  g_autofree char *file_path_json = g_strdup_printf ("%s.file", path);
  g_autofree char *file = NULL;
  JsonObject *object;
  const char *src, *content;

  if (!_pf_postman_object (body, path, "file", &object, error) ||
      !_pf_postman_string (object, file_path_json, "src", &src, error) ||
      !_pf_postman_string (object, file_path_json, "content", &content, error))
    return FALSE;
  if (src && *src)
    {
      pf_request_set_body_kind (request, PF_BODY_FILE);
      pf_request_set_body_file (request, (file = file_path (place, src)));
    }
  else if (content)
    set_text (request, content, NULL);
  else
    _pf_postman_note (place, "%s", _("file body has no file: left out"));
  return TRUE;
}

/* {"query": …, "variables": {…}}: what a GraphQL server reads from a POST's JSON body. */
static gboolean
read_graphql (PfRequest *request,
              JsonObject *body,
              const char *path,
              PfPostmanPlace *place,
              GError **error)
{
  g_autofree char *graphql_path = g_strdup_printf ("%s.graphql", path);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *graphql;
  const char *query, *variables;
  gboolean has_variables;

  if (!_pf_postman_object (body, path, "graphql", &graphql, error) ||
      !_pf_postman_string (graphql, graphql_path, "query", &query, error) ||
      !_pf_postman_string (graphql, graphql_path, "variables", &variables, error))
    return FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query ? query : "");
  has_variables = variables && variables[strspn (variables, " \t\r\n")] != '\0';
  if (has_variables && json_parser_load_from_data (parser, variables, -1, NULL))
    {
      json_builder_set_member_name (builder, "variables");
      json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
    }
  else if (has_variables)
    _pf_postman_note (place, "%s", _("GraphQL variables are not JSON: left out"));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  set_text (request, text, "application/json");
  return TRUE;
}

/* A request's “body” by its mode; a disabled body or an unknown mode goes to the report. */
gboolean
_pf_postman_body_read (PfRequest *request,
                       JsonObject *body,
                       const char *request_path,
                       PfPostmanPlace *place,
                       GError **error)
{
  g_autofree char *path = g_strdup_printf ("%s.body", request_path);
  const char *mode;

  if (!_pf_postman_string (body, path, "mode", &mode, error))
    return FALSE;
  if (mode == NULL)
    return TRUE;
  if (_pf_postman_is_disabled (body))
    _pf_postman_note (place, "%s", _("disabled body left out"));
  else if (g_str_equal (mode, "raw"))
    return read_raw (request, body, path, error);
  else if (g_str_equal (mode, "urlencoded"))
    return read_urlencoded (request, body, path, place, error);
  else if (g_str_equal (mode, "formdata"))
    return read_formdata (request, body, path, place, error);
  else if (g_str_equal (mode, "file"))
    return read_file (request, body, path, place, error);
  else if (g_str_equal (mode, "graphql"))
    return read_graphql (request, body, path, place, error);
  else
    /* Translators: %s is a Postman body mode */
    _pf_postman_note (place, _("body mode “%s” not imported"), mode);
  return TRUE;
}
