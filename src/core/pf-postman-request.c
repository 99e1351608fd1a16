/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-postman"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-http-syntax.h"
#include "pf-postman-private.h"

/* One Postman request as a PfRequest that a .http entry can say: method, URL, the enabled
 * headers, the body, and the Authorization header its auth (its own, else its folder's, else
 * the collection's, as Postman inherits it) makes. What it cannot say goes to the report. */

/* The value of @key in an auth block's parameters: a list of {"key", "value"} (v2.1) or an
 * object (v2.0). Absent: "". */
static gboolean
auth_param (JsonObject *auth,
            const char *path,
            const char *type,
            const char *key,
            char **out,
            GError **error)
{
  g_autofree char *here = g_strdup_printf ("%s.%s", path, type);
  JsonObject *params = NULL;
  JsonArray *list = NULL;
  JsonNode *node = json_object_get_member (auth, type);

  *out = NULL;
  if (node && JSON_NODE_HOLDS_OBJECT (node))
    params = json_node_get_object (node);
  else if (!_pf_postman_array (auth, path, type, &list, error))
    return FALSE;
  if (params && !_pf_postman_value (params, here, key, out, error))
    return FALSE;
  for (guint i = 0; list && i < json_array_get_length (list) && *out == NULL; i++)
    {
      g_autofree char *element_path = NULL;
      JsonObject *param;
      const char *name;

      if (!_pf_postman_element (list, i, here, &param, &element_path, error) ||
          !_pf_postman_string (param, element_path, "key", &name, error))
        return FALSE;
      if (g_strcmp0 (name, key) == 0 &&
          !_pf_postman_value (param, element_path, "value", out, error))
        return FALSE;
    }
  if (*out == NULL)
    *out = g_strdup ("");
  return TRUE;
}

/* RFC 7617: “Basic ” and base64 of “user:password”. With variables it cannot be encoded now:
 * it is written in the JetBrains form “Basic user password”, which their client encodes. */
static char *
basic_header (const char *user,
              const char *password,
              gboolean *encoded)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, password);
  g_autofree char *base64 = NULL;

  *encoded = strstr (pair, "{{") == NULL;
  if (!*encoded)
    return g_strdup_printf ("Basic %s %s", user, password);
  base64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  return g_strconcat ("Basic ", base64, NULL);
}

static gboolean
auth_header (PfPostmanAuth *auth,
             JsonObject *object,
             const char *path,
             GError **error)
{
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *token = NULL;
  gboolean encoded = TRUE;

  if (g_str_equal (auth->type, "basic"))
    {
      if (!auth_param (object, path, "basic", "username", &user, error) ||
          !auth_param (object, path, "basic", "password", &password, error))
        return FALSE;
      /* With {{variables}} it is JetBrains' "Basic user password", which Preflight encodes
       * when it sends, as that client does. */
      auth->header = basic_header (user, password, &encoded);
    }
  else if (g_str_equal (auth->type, "bearer"))
    {
      if (!auth_param (object, path, "bearer", "token", &token, error))
        return FALSE;
      auth->header = g_strconcat ("Bearer ", token, NULL);
    }
  else if (!g_str_equal (auth->type, "noauth"))
    /* Translators: %s is a Postman auth type such as “oauth2” or “awsv4” */
    auth->note = g_strdup_printf (_("“%s” authorization not imported"), auth->type);
  return TRUE;
}

/* The “auth” of a collection, folder or request; *@out is NULL when it has none (it inherits). */
gboolean
_pf_postman_auth_read (JsonObject *owner,
                       const char *path,
                       PfPostmanAuth **out,
                       GError **error)
{
  g_autofree char *here = g_strdup_printf ("%s.auth", path);
  g_autoptr (PfPostmanAuth) auth = NULL;
  JsonObject *object;
  const char *type;

  *out = NULL;
  if (!_pf_postman_object (owner, path, "auth", &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;
  if (!_pf_postman_string (object, here, "type", &type, error))
    return FALSE;
  if (type == NULL)
    return _pf_postman_fail (error, here, _("no “type”"));
  auth = g_new0 (PfPostmanAuth, 1);
  auth->type = g_strdup (type);
  if (!auth_header (auth, object, here, error))
    return FALSE;
  *out = g_steal_pointer (&auth);
  return TRUE;
}

/* A header a .http line can hold and read back the same: a token name (or one with a
 * variable), a value on one line. */
static const char *
header_problem (const char *name,
                const char *value)
{
  if (!pf_http_is_token (name) && strstr (name, "{{") == NULL)
    return _("its name is not a valid header name");
  if (strpbrk (value, "\r\n") != NULL)
    return _("its value spans lines");
  return NULL;
}

static gboolean
read_header (PfRequest *request,
             JsonObject *header,
             const char *path,
             PfPostmanPlace *place,
             GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  const char *problem;

  if (!_pf_postman_value (header, path, "key", &name, error) ||
      !_pf_postman_value (header, path, "value", &value, error))
    return FALSE;
  name = g_strstrip (name ? name : g_strdup (""));
  value = g_strstrip (value ? value : g_strdup (""));
  if (_pf_postman_is_disabled (header))
    /* Translators: %s is a header name */
    _pf_postman_note (place, _("disabled header “%s” left out"), name);
  else if ((problem = header_problem (name, value)) != NULL)
    /* Translators: %s is a header name, then why it could not be written */
    _pf_postman_note (place, _("header “%s” left out: %s"), name, problem);
  else
    pf_request_add_header (request, name, value);
  return TRUE;
}

static gboolean
read_headers (PfRequest *request,
              JsonObject *object,
              const char *path,
              PfPostmanPlace *place,
              GError **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.header", path);
  JsonArray *headers;

  if (!_pf_postman_array (object, path, "header", &headers, error))
    return FALSE;
  for (guint i = 0; headers && i < json_array_get_length (headers); i++)
    {
      g_autofree char *here = NULL;
      JsonObject *header;

      if (!_pf_postman_element (headers, i, list_path, &header, &here, error) ||
          !read_header (request, header, here, place, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_header (PfRequest *request,
            const char *name)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      if (g_ascii_strcasecmp (pf_key_value_get_name (row), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
apply_auth (PfRequest *request,
            const PfPostmanAuth *auth,
            PfPostmanPlace *place)
{
  if (auth == NULL)
    return;
  if (auth->note)
    _pf_postman_note (place, "%s", auth->note);
  if (auth->header == NULL)
    return;
  if (has_header (request, "Authorization"))
    /* Translators: %s is a Postman auth type such as “basic” */
    _pf_postman_note (place, _("its own Authorization header kept; the “%s” authorization left "
                                "out"),
                      auth->type);
  else
    pf_request_add_header (request, "Authorization", auth->header);
}

static gboolean
read_method (PfRequest *request,
             JsonObject *object,
             const char *path,
             GError **error)
{
  g_autofree char *here = g_strdup_printf ("%s.method", path);
  g_autofree char *method = NULL;
  const char *typed;

  if (!_pf_postman_string (object, path, "method", &typed, error))
    return FALSE;
  method = g_ascii_strup (typed && *typed ? typed : "GET", -1);
  if (!pf_http_is_token (method))
    return _pf_postman_fail (error, here, _("not an HTTP method"));
  pf_request_set_method (request, method);
  return TRUE;
}

static gboolean
read_request_object (PfRequest *request,
                     JsonObject *object,
                     const char *path,
                     PfPostmanPlace *place,
                     const PfPostmanAuth *inherited,
                     GError **error)
{
  g_autofree char *url_path = g_strdup_printf ("%s.url", path);
  g_autofree char *url = NULL;
  g_autoptr (PfPostmanAuth) auth = NULL;
  JsonObject *body;

  if (!read_method (request, object, path, error) ||
      !(url = _pf_postman_url_read (json_object_get_member (object, "url"), url_path, place,
                                    error)) ||
      !read_headers (request, object, path, place, error) ||
      !_pf_postman_object (object, path, "body", &body, error) ||
      !_pf_postman_auth_read (object, path, &auth, error))
    return FALSE;
  pf_request_set_url (request, url);
  if (body && !_pf_postman_body_read (request, body, path, place, error))
    return FALSE;
  apply_auth (request, auth ? auth : inherited, place);
  if (json_object_has_member (object, "proxy") || json_object_has_member (object, "certificate"))
    _pf_postman_note (place, "%s", _("proxy and certificate settings not imported"));
  if (json_object_has_member (object, "description"))
    _pf_postman_note (place, "%s", _("description not imported"));
  return TRUE;
}

/* An item's “request”: a URL string (a GET) or a request object. */
PfRequest *
_pf_postman_request_read (JsonNode *node,
                          const char *path,
                          PfPostmanPlace *place,
                          const PfPostmanAuth *inherited,
                          GError **error)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autofree char *url = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!read_request_object (request, json_node_get_object (node), path, place, inherited,
                                error))
        return NULL;
      return g_steal_pointer (&request);
    }
  if (!(url = _pf_postman_url_read (node, path, place, error)))
    return NULL;
  pf_request_set_method (request, "GET");
  pf_request_set_url (request, url);
  apply_auth (request, inherited, place);
  return g_steal_pointer (&request);
}
