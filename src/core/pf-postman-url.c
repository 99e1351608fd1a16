/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-postman"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-postman-private.h"

/* A Postman request's URL as one .http request line's URL: a string as it is, or the parts of
 * a URL object (protocol, host, port, path, query, hash) put together, the enabled query
 * parameters only, each path variable “:id” replaced by its value. “{{variables}}” stay as
 * typed: .http files use the same syntax. */

/* Spaces and control characters would end or break the request line: they go percent-encoded. */
static char *
request_line_safe (const char *url)
{
  GString *out = g_string_new (NULL);

  for (const char *p = url; *p; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f)
      g_string_append_printf (out, "%%%02X", (guchar) *p);
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* One element of a host or path list: a string, or {"value": "…"}. */
static gboolean
append_piece (GString *out,
              JsonNode *node,
              const char *path,
              guint index,
              GError **error)
{
  g_autofree char *here = g_strdup_printf ("%s[%u]", path, index);
  const char *value = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node) &&
      !_pf_postman_string (json_node_get_object (node), here, "value", &value, error))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    value = json_node_get_string (node);
  if (value == NULL)
    return _pf_postman_fail (error, here, _("not a string"));
  g_string_append (out, value);
  return TRUE;
}

/* “host” or “path”: a string, or a list joined by @separator. */
static gboolean
append_pieces (GString *out,
               JsonObject *url,
               const char *path,
               const char *name,
               const char *separator,
               GError **error)
{
  JsonNode *node = json_object_get_member (url, name);
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_string_append (out, json_node_get_string (node));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return _pf_postman_fail (error, here, _("not a string or array"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      if (!append_piece (out, json_array_get_element (array, i), here, i, error))
        return FALSE;
    }
  return TRUE;
}

/* protocol://host:port/path of a URL object without a usable “raw”, or with a host. */
static gboolean
append_origin_and_path (GString *out,
                        JsonObject *url,
                        const char *path,
                        GError **error)
{
  const char *protocol;
  g_autofree char *port = NULL;
  gsize before;

  if (!_pf_postman_string (url, path, "protocol", &protocol, error) ||
      !_pf_postman_value (url, path, "port", &port, error))
    return FALSE;
  if (protocol && *protocol)
    g_string_append_printf (out, "%s://", protocol);
  if (!append_pieces (out, url, path, "host", ".", error))
    return FALSE;
  if (port && *port)
    g_string_append_printf (out, ":%s", port);
  g_string_append_c (out, '/');
  before = out->len;
  if (!append_pieces (out, url, path, "path", "/", error))
    return FALSE;
  /* A path string may bring its own slash; a URL without a path has none. */
  if (out->str[before] == '/')
    g_string_erase (out, before, 1);
  else if (out->len == before)
    g_string_truncate (out, before - 1);
  return TRUE;
}

/* Each “:key” segment of the path replaced by the variable's value. */
static gboolean
replace_path_variables (GString *out,
                        JsonObject *url,
                        const char *path,
                        PfPostmanPlace *place,
                        GError **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.variable", path);
  JsonArray *variables;

  if (!_pf_postman_array (url, path, "variable", &variables, error))
    return FALSE;
  for (guint i = 0; variables && i < json_array_get_length (variables); i++)
    {
      g_autofree char *here = NULL;
      g_autofree char *value = NULL;
      g_autofree char *segment = NULL;
      JsonObject *variable;
      const char *key;
      char *at;

      if (!_pf_postman_element (variables, i, list_path, &variable, &here, error) ||
          !_pf_postman_string (variable, here, "key", &key, error) ||
          !_pf_postman_value (variable, here, "value", &value, error))
        return FALSE;
      segment = g_strconcat ("/:", key ? key : "", NULL);
      at = strstr (out->str, segment);
      if (key == NULL || at == NULL ||
          (at[strlen (segment)] != '/' && at[strlen (segment)] != '\0'))
        continue;
      if (value == NULL || *value == '\0')
        {
          /* Translators: %s is a path variable such as “:id” */
          _pf_postman_note (place, _("path variable “%s” has no value: left in the URL"),
                            segment + 1);
          continue;
        }
      g_string_erase (out, at - out->str + 1, strlen (segment) - 1);
      g_string_insert (out, at - out->str + 1, value);
    }
  return TRUE;
}

/* The enabled parameters of “query”, “key=value” joined by “&” as typed (Postman keeps them
 * unencoded, with their variables). */
static gboolean
append_query (GString *out,
              JsonArray *query,
              const char *path,
              PfPostmanPlace *place,
              GError **error)
{
  gboolean first = TRUE;

  for (guint i = 0; i < json_array_get_length (query); i++)
    {
      g_autofree char *here = NULL;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      JsonObject *param;

      if (!_pf_postman_element (query, i, path, &param, &here, error) ||
          !_pf_postman_value (param, here, "key", &key, error) ||
          !_pf_postman_value (param, here, "value", &value, error))
        return FALSE;
      if (_pf_postman_is_disabled (param))
        {
          /* Translators: %s is a query parameter's name */
          _pf_postman_note (place, _("disabled query parameter “%s” left out"), key ? key : "");
          continue;
        }
      g_string_append_c (out, first ? '?' : '&');
      g_string_append_printf (out, "%s%s%s", key ? key : "", value ? "=" : "", value ? value : "");
      first = FALSE;
    }
  return TRUE;
}

static gboolean
url_from_object (GString *out,
                 JsonObject *url,
                 const char *path,
                 PfPostmanPlace *place,
                 GError **error)
{
  g_autofree char *query_path = g_strdup_printf ("%s.query", path);
  const char *raw;
  const char *hash;
  JsonArray *query;
  gsize end;

  if (!_pf_postman_string (url, path, "raw", &raw, error) ||
      !_pf_postman_string (url, path, "hash", &hash, error) ||
      !_pf_postman_array (url, path, "query", &query, error))
    return FALSE;
  end = raw ? strcspn (raw, "?#") : 0;
  if (json_object_has_member (url, "host"))
    {
      if (!append_origin_and_path (out, url, path, error))
        return FALSE;
    }
  else if (raw)
    g_string_append_len (out, raw, end);
  else
    return _pf_postman_fail (error, path, _("neither “raw” nor “host”"));
  if (!replace_path_variables (out, url, path, place, error))
    return FALSE;
  if (query && !append_query (out, query, query_path, place, error))
    return FALSE;
  if (query == NULL && raw && raw[end] == '?')
    g_string_append_len (out, raw + end, strcspn (raw + end, "#"));
  if (hash && *hash)
    g_string_append_printf (out, "#%s", hash);
  else if (hash == NULL && raw && strchr (raw, '#'))
    g_string_append (out, strchr (raw, '#'));
  return TRUE;
}

/* The URL of “request.url”, a string or an object, made safe for a request line. */
char *
_pf_postman_url_read (JsonNode *node,
                      const char *path,
                      PfPostmanPlace *place,
                      GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_string_append (out, json_node_get_string (node));
  else if (node && JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!url_from_object (out, json_node_get_object (node), path, place, error))
        return NULL;
    }
  else
    {
      _pf_postman_fail (error, path, node ? _("not a string or object") : _("missing"));
      return NULL;
    }
  if (out->len == 0)
    {
      _pf_postman_fail (error, path, _("an empty URL"));
      return NULL;
    }
  return request_line_safe (out->str);
}
