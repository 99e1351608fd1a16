/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-request-xdr.h"

/* XDomainRequest (IE 8 and 9), as Microsoft's "XDomainRequest – Restrictions, Limitations and
 * Workarounds" lists its rules: what the page could not even send. What the server must answer
 * (Access-Control-Allow-Origin) is the CORS flow's to judge. */

static gboolean
refuse (GError **error,
        const char *message)
{
  g_set_error_literal (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_XDR, message);
  return FALSE;
}

/* Only http and https, and the page's own scheme. */
static gboolean
validate_scheme (PfRequest *self,
                 GError **error)
{
  g_autoptr (GUri) page = g_uri_parse (pf_request_get_origin (self), G_URI_FLAGS_NONE, NULL);
  g_autoptr (GUri) target = g_uri_parse (pf_request_get_url (self), G_URI_FLAGS_NONE, NULL);
  g_autofree char *message = NULL;

  if (page == NULL)
    return refuse (error, _("XDomainRequest needs the page’s origin: its rules depend on the "
                             "page’s scheme"));
  if (target == NULL || g_ascii_strcasecmp (g_uri_get_scheme (page), g_uri_get_scheme (target)))
    {
      /* Translators: %s is a URL scheme, http or https */
      message = g_strdup_printf (_("XDomainRequest only requests URLs of the page’s own scheme: "
                                    "the page is %s, so the URL must be too"),
                                 g_uri_get_scheme (page));
      return refuse (error, message);
    }
  return TRUE;
}

static gboolean
validate_method (PfRequest *self,
                 GError **error)
{
  const char *method = pf_request_get_method (self);
  g_autofree char *message = NULL;

  if (g_ascii_strcasecmp (method, "GET") == 0 || g_ascii_strcasecmp (method, "POST") == 0)
    return TRUE;
  /* Translators: %s is an HTTP method */
  message = g_strdup_printf (_("XDomainRequest only sends GET and POST, not %s"), method);
  return refuse (error, message);
}

/* XDomainRequest has no setRequestHeader (), no user and password in open (), and sends a
 * string only, always as text/plain. */
static gboolean
validate_headers_and_body (PfRequest *self,
                           GError **error)
{
  GListModel *headers = pf_request_get_headers (self);
  PfBodyKind kind = pf_request_get_body_kind (self);
  g_autofree char *message = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      if (!pf_key_value_get_enabled (row))
        continue;
      /* Translators: %s is a header name */
      message = g_strdup_printf (_("XDomainRequest cannot add request headers: “%s” would not "
                                    "be sent"),
                                 pf_key_value_get_name (row));
      return refuse (error, message);
    }
  if (pf_request_get_auth_kind (self) != PF_AUTH_NONE || *pf_request_get_open_username (self))
    return refuse (error, _("XDomainRequest sends no authentication: no Authorization header, "
                             "no user and password"));
  if (kind == PF_BODY_MULTIPART || kind == PF_BODY_FILE)
    return refuse (error, _("XDomainRequest sends a string body only, as text/plain: not a "
                             "form or a file"));
  return TRUE;
}

/* No cookies, and only what XDomainRequest has: asynchronous, responseText. */
static gboolean
validate_options (PfRequest *self,
                  GError **error)
{
  if (pf_request_get_credentials (self) == PF_CREDENTIALS_INCLUDE)
    return refuse (error, _("XDomainRequest never sends cookies or other credentials: it has no "
                             "withCredentials"));
  if (pf_request_get_sync (self))
    return refuse (error, _("XDomainRequest is asynchronous only"));
  if (pf_request_get_response_type (self) != PF_RESPONSE_TYPE_DEFAULT)
    return refuse (error, _("XDomainRequest has no responseType: only responseText"));
  return TRUE;
}

/* The first of XDomainRequest's rules @self breaks, in @error; TRUE when it breaks none (or is
 * not in XDomainRequest mode). */
gboolean
_pf_request_validate_xdr (PfRequest *self,
                          GError **error)
{
  if (!pf_request_get_xdr (self) || pf_request_get_initiator (self) != PF_INITIATOR_XHR)
    return TRUE;
  return validate_scheme (self, error) && validate_method (self, error) &&
         validate_headers_and_body (self, error) && validate_options (self, error);
}
