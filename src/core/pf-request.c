/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-request.h"
#include "pf-certificate.h"
#include "pf-http-syntax.h"
#include "pf-request-xdr.h"

/* What the user composed, before anything is sent: the XHR open()/setRequestHeader()/
 * send() arguments plus the browser context a page would give them. The query parameters are
 * the URL's query as a table, kept in step both ways: setting the URL parses its query into
 * the table; changing the table (a row added, removed, edited, turned off) rewrites the URL's
 * query from the enabled rows. */
struct _PfRequest
{
  GObject parent_instance;

  char *method;
  char *url;
  char *sent_url; /* url as pf_request_build_url () makes it, once it has: NULL until then */
  /* The tables are made when first asked for (or added to): most requests, a .http file's or
   * a copy that is only sent, have no form fields and are never shown. Until then the
   * parameter table is the URL's query, and the others are empty. */
  GListStore *params;
  GListStore *headers;
  GListStore *fields;
  PfBodyKind body_kind;
  char *body_text;
  char *body_content_type;
  char *body_file;
  guint timeout_ms;
  char *override_mime_type;
  guint max_redirects;
  char *origin;
  PfCredentialsMode credentials;
  PfInitiator initiator;
  /* XHR open ()'s async argument false: send () blocks the page until the response is done */
  gboolean sync;
  PfResponseType response_type;
  /* Sent as IE 8/9's XDomainRequest would send it, and judged by its rules */
  gboolean xdr;
  PfBrowserHeaders browser_headers;
  /* Authorization a helper sets (Basic, Bearer), and XHR open ()'s user and password, which
   * answer a 401 challenge instead */
  PfAuthKind auth_kind;
  char *auth_username;
  char *auth_password;
  char *auth_token;
  char *open_username;
  char *open_password;
  /* TLS: the certificate trusted by its SHA-256 fingerprint ("" for none), or none checked */
  char *trusted_certificate;
  gboolean insecure;

  gboolean syncing_params; /* the URL and the table are being brought in step */
};

G_DEFINE_FINAL_TYPE (PfRequest, pf_request, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfBodyKind, pf_body_kind, G_DEFINE_ENUM_VALUE (PF_BODY_NONE, "none"), G_DEFINE_ENUM_VALUE (PF_BODY_RAW, "raw"), G_DEFINE_ENUM_VALUE (PF_BODY_URLENCODED, "urlencoded"), G_DEFINE_ENUM_VALUE (PF_BODY_MULTIPART, "multipart"), G_DEFINE_ENUM_VALUE (PF_BODY_FILE, "file"))

G_DEFINE_ENUM_TYPE (PfCredentialsMode, pf_credentials_mode, G_DEFINE_ENUM_VALUE (PF_CREDENTIALS_OMIT, "omit"), G_DEFINE_ENUM_VALUE (PF_CREDENTIALS_SAME_ORIGIN, "same-origin"), G_DEFINE_ENUM_VALUE (PF_CREDENTIALS_INCLUDE, "include"))

G_DEFINE_ENUM_TYPE (PfInitiator, pf_initiator, G_DEFINE_ENUM_VALUE (PF_INITIATOR_XHR, "xhr"), G_DEFINE_ENUM_VALUE (PF_INITIATOR_IMAGE, "image"))

/* XHR's XMLHttpRequestResponseType values; "" is the default. */
G_DEFINE_ENUM_TYPE (PfResponseType, pf_response_type, G_DEFINE_ENUM_VALUE (PF_RESPONSE_TYPE_DEFAULT, "default"), G_DEFINE_ENUM_VALUE (PF_RESPONSE_TYPE_TEXT, "text"), G_DEFINE_ENUM_VALUE (PF_RESPONSE_TYPE_JSON, "json"), G_DEFINE_ENUM_VALUE (PF_RESPONSE_TYPE_DOCUMENT, "document"), G_DEFINE_ENUM_VALUE (PF_RESPONSE_TYPE_ARRAYBUFFER, "arraybuffer"), G_DEFINE_ENUM_VALUE (PF_RESPONSE_TYPE_BLOB, "blob"))

static const char *const response_type_names[] = { "", "text", "json", "document",
                                                   "arraybuffer", "blob" };

/* The value as a script writes it: xhr.responseType = "json" ("" for the default). */
const char *
pf_response_type_to_string (PfResponseType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (response_type_names), "");
  return response_type_names[type];
}

/* @text as a script would assign it; FALSE when it is not one of XHR's values (a browser
 * ignores such an assignment; Preflight refuses it with @error). */
gboolean
pf_response_type_from_string (const char *text,
                              PfResponseType *type,
                              GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (response_type_names); i++)
    if (g_strcmp0 (text, response_type_names[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_OPTION,
               _ ("responseType “%s” is not one of \"\", text, json, document, arraybuffer or "
                  "blob"),
               text);
  return FALSE;
}

G_DEFINE_ENUM_TYPE (PfBrowserHeaders, pf_browser_headers, G_DEFINE_ENUM_VALUE (PF_BROWSER_HEADERS_AUTO, "auto"), G_DEFINE_ENUM_VALUE (PF_BROWSER_HEADERS_ON, "on"), G_DEFINE_ENUM_VALUE (PF_BROWSER_HEADERS_OFF, "off"))

G_DEFINE_ENUM_TYPE (PfAuthKind, pf_auth_kind, G_DEFINE_ENUM_VALUE (PF_AUTH_NONE, "none"), G_DEFINE_ENUM_VALUE (PF_AUTH_BASIC, "basic"), G_DEFINE_ENUM_VALUE (PF_AUTH_BEARER, "bearer"))

enum
{
  PROP_0,
  PROP_METHOD,
  PROP_URL,
  PROP_BODY_KIND,
  PROP_BODY_TEXT,
  PROP_BODY_CONTENT_TYPE,
  PROP_BODY_FILE,
  PROP_TIMEOUT_MS,
  PROP_OVERRIDE_MIME_TYPE,
  PROP_MAX_REDIRECTS,
  PROP_ORIGIN,
  PROP_CREDENTIALS,
  PROP_INITIATOR,
  PROP_SYNC,
  PROP_RESPONSE_TYPE,
  PROP_XDR,
  PROP_BROWSER_HEADERS,
  PROP_AUTH_KIND,
  PROP_AUTH_USERNAME,
  PROP_AUTH_PASSWORD,
  PROP_AUTH_TOKEN,
  PROP_OPEN_USERNAME,
  PROP_OPEN_PASSWORD,
  PROP_TRUSTED_CERTIFICATE,
  PROP_INSECURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A string field holds a copy of its own, or this one for "": most of a request's fields are
 * empty, and each request made thirteen empty strings and freed them. */
static char empty_string[1];

static char *
dup_string (const char *value)
{
  return *value == '\0' ? empty_string : g_strdup (value);
}

static void
free_string (char *text)
{
  if (text != empty_string)
    g_free (text);
}

static void
set_string (PfRequest *self,
            char **slot,
            const char *value,
            guint prop_id)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*slot, value) == 0)
    return;
  free_string (*slot);
  *slot = dup_string (value);
  if (slot == &self->url)
    g_clear_pointer (&self->sent_url, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_uint (PfRequest *self,
          guint *slot,
          guint value,
          guint prop_id)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* URL → table: the query's pairs, percent-decoded. */
static void
params_from_url (PfRequest *self)
{
  g_autoptr (GPtrArray) pairs = pf_http_parse_url_query (self->url);

  self->syncing_params = TRUE;
  g_list_store_splice (self->params, 0, g_list_model_get_n_items (G_LIST_MODEL (self->params)),
                       pairs->pdata, pairs->len);
  self->syncing_params = FALSE;
}

/* Table → URL: the enabled rows, each name and value through encodeURIComponent. */
static void
url_from_params (PfRequest *self)
{
  g_autofree char *url = NULL;

  if (self->syncing_params)
    return;
  url = pf_http_replace_url_query (self->url, G_LIST_MODEL (self->params));
  self->syncing_params = TRUE;
  set_string (self, &self->url, url, PROP_URL);
  self->syncing_params = FALSE;
}

static void
params_changed_cb (GListModel *params,
                   guint position,
                   guint removed,
                   guint added,
                   PfRequest *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (PfKeyValue) param = g_list_model_get_item (params, i);

      g_signal_connect_object (param, "notify", G_CALLBACK (url_from_params), self,
                               G_CONNECT_SWAPPED);
    }
  url_from_params (self);
}

static void
pf_request_finalize (GObject *object)
{
  PfRequest *self = PF_REQUEST (object);

  free_string (self->method);
  free_string (self->url);
  g_clear_pointer (&self->sent_url, g_free);
  g_clear_object (&self->params);
  g_clear_object (&self->headers);
  g_clear_object (&self->fields);
  free_string (self->body_text);
  free_string (self->body_content_type);
  free_string (self->body_file);
  free_string (self->override_mime_type);
  free_string (self->origin);
  free_string (self->auth_username);
  free_string (self->auth_password);
  free_string (self->auth_token);
  free_string (self->open_username);
  free_string (self->open_password);
  free_string (self->trusted_certificate);

  G_OBJECT_CLASS (pf_request_parent_class)->finalize (object);
}

static void
pf_request_get_property (GObject *object,
                         guint prop_id,
                         GValue *value,
                         GParamSpec *pspec)
{
  PfRequest *self = PF_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_BODY_KIND:
      g_value_set_enum (value, self->body_kind);
      break;
    case PROP_BODY_TEXT:
      g_value_set_string (value, self->body_text);
      break;
    case PROP_BODY_CONTENT_TYPE:
      g_value_set_string (value, self->body_content_type);
      break;
    case PROP_BODY_FILE:
      g_value_set_string (value, self->body_file);
      break;
    case PROP_TIMEOUT_MS:
      g_value_set_uint (value, self->timeout_ms);
      break;
    case PROP_OVERRIDE_MIME_TYPE:
      g_value_set_string (value, self->override_mime_type);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_CREDENTIALS:
      g_value_set_enum (value, self->credentials);
      break;
    case PROP_INITIATOR:
      g_value_set_enum (value, self->initiator);
      break;
    case PROP_SYNC:
      g_value_set_boolean (value, self->sync);
      break;
    case PROP_RESPONSE_TYPE:
      g_value_set_enum (value, self->response_type);
      break;
    case PROP_XDR:
      g_value_set_boolean (value, self->xdr);
      break;
    case PROP_BROWSER_HEADERS:
      g_value_set_enum (value, self->browser_headers);
      break;
    case PROP_AUTH_KIND:
      g_value_set_enum (value, self->auth_kind);
      break;
    case PROP_AUTH_USERNAME:
      g_value_set_string (value, self->auth_username);
      break;
    case PROP_AUTH_PASSWORD:
      g_value_set_string (value, self->auth_password);
      break;
    case PROP_AUTH_TOKEN:
      g_value_set_string (value, self->auth_token);
      break;
    case PROP_OPEN_USERNAME:
      g_value_set_string (value, self->open_username);
      break;
    case PROP_OPEN_PASSWORD:
      g_value_set_string (value, self->open_password);
      break;
    case PROP_TRUSTED_CERTIFICATE:
      g_value_set_string (value, self->trusted_certificate);
      break;
    case PROP_INSECURE:
      g_value_set_boolean (value, self->insecure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_request_set_property (GObject *object,
                         guint prop_id,
                         const GValue *value,
                         GParamSpec *pspec)
{
  PfRequest *self = PF_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      pf_request_set_method (self, g_value_get_string (value));
      break;
    case PROP_URL:
      pf_request_set_url (self, g_value_get_string (value));
      break;
    case PROP_BODY_KIND:
      pf_request_set_body_kind (self, g_value_get_enum (value));
      break;
    case PROP_BODY_TEXT:
      pf_request_set_body_text (self, g_value_get_string (value));
      break;
    case PROP_BODY_CONTENT_TYPE:
      pf_request_set_body_content_type (self, g_value_get_string (value));
      break;
    case PROP_BODY_FILE:
      pf_request_set_body_file (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT_MS:
      pf_request_set_timeout_ms (self, g_value_get_uint (value));
      break;
    case PROP_OVERRIDE_MIME_TYPE:
      pf_request_set_override_mime_type (self, g_value_get_string (value));
      break;
    case PROP_MAX_REDIRECTS:
      pf_request_set_max_redirects (self, g_value_get_uint (value));
      break;
    case PROP_ORIGIN:
      pf_request_set_origin (self, g_value_get_string (value));
      break;
    case PROP_CREDENTIALS:
      pf_request_set_credentials (self, g_value_get_enum (value));
      break;
    case PROP_INITIATOR:
      pf_request_set_initiator (self, g_value_get_enum (value));
      break;
    case PROP_SYNC:
      pf_request_set_sync (self, g_value_get_boolean (value));
      break;
    case PROP_RESPONSE_TYPE:
      pf_request_set_response_type (self, g_value_get_enum (value));
      break;
    case PROP_XDR:
      pf_request_set_xdr (self, g_value_get_boolean (value));
      break;
    case PROP_BROWSER_HEADERS:
      pf_request_set_browser_headers (self, g_value_get_enum (value));
      break;
    case PROP_AUTH_KIND:
      pf_request_set_auth_kind (self, g_value_get_enum (value));
      break;
    case PROP_AUTH_USERNAME:
      set_string (self, &self->auth_username, g_value_get_string (value), prop_id);
      break;
    case PROP_AUTH_PASSWORD:
      set_string (self, &self->auth_password, g_value_get_string (value), prop_id);
      break;
    case PROP_AUTH_TOKEN:
      set_string (self, &self->auth_token, g_value_get_string (value), prop_id);
      break;
    case PROP_OPEN_USERNAME:
      set_string (self, &self->open_username, g_value_get_string (value), prop_id);
      break;
    case PROP_OPEN_PASSWORD:
      set_string (self, &self->open_password, g_value_get_string (value), prop_id);
      break;
    case PROP_TRUSTED_CERTIFICATE:
      pf_request_set_trusted_certificate (self, g_value_get_string (value));
      break;
    case PROP_INSECURE:
      pf_request_set_insecure (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_request_class_init (PfRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pf_request_finalize;
  object_class->get_property = pf_request_get_property;
  object_class->set_property = pf_request_set_property;

  properties[PROP_METHOD] = g_param_spec_string ("method", NULL, NULL, "GET", flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, "", flags);
  properties[PROP_BODY_KIND] =
      g_param_spec_enum ("body-kind", NULL, NULL, PF_TYPE_BODY_KIND, PF_BODY_NONE, flags);
  properties[PROP_BODY_TEXT] = g_param_spec_string ("body-text", NULL, NULL, "", flags);
  properties[PROP_BODY_CONTENT_TYPE] =
      g_param_spec_string ("body-content-type", NULL, NULL, "", flags);
  properties[PROP_BODY_FILE] = g_param_spec_string ("body-file", NULL, NULL, "", flags);
  properties[PROP_TIMEOUT_MS] =
      g_param_spec_uint ("timeout-ms", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_OVERRIDE_MIME_TYPE] =
      g_param_spec_string ("override-mime-type", NULL, NULL, "", flags);
  properties[PROP_MAX_REDIRECTS] = g_param_spec_uint ("max-redirects", NULL, NULL, 0, G_MAXUINT,
                                                      PF_REQUEST_DEFAULT_MAX_REDIRECTS, flags);
  properties[PROP_ORIGIN] = g_param_spec_string ("origin", NULL, NULL, "", flags);
  properties[PROP_CREDENTIALS] =
      g_param_spec_enum ("credentials", NULL, NULL, PF_TYPE_CREDENTIALS_MODE,
                         PF_CREDENTIALS_SAME_ORIGIN, flags);
  properties[PROP_INITIATOR] =
      g_param_spec_enum ("initiator", NULL, NULL, PF_TYPE_INITIATOR, PF_INITIATOR_XHR, flags);
  properties[PROP_SYNC] = g_param_spec_boolean ("sync", NULL, NULL, FALSE, flags);
  properties[PROP_RESPONSE_TYPE] =
      g_param_spec_enum ("response-type", NULL, NULL, PF_TYPE_RESPONSE_TYPE,
                         PF_RESPONSE_TYPE_DEFAULT, flags);
  properties[PROP_XDR] = g_param_spec_boolean ("xdr", NULL, NULL, FALSE, flags);
  properties[PROP_BROWSER_HEADERS] =
      g_param_spec_enum ("browser-headers", NULL, NULL, PF_TYPE_BROWSER_HEADERS,
                         PF_BROWSER_HEADERS_AUTO, flags);
  properties[PROP_AUTH_KIND] =
      g_param_spec_enum ("auth-kind", NULL, NULL, PF_TYPE_AUTH_KIND, PF_AUTH_NONE, flags);
  properties[PROP_AUTH_USERNAME] = g_param_spec_string ("auth-username", NULL, NULL, "", flags);
  properties[PROP_AUTH_PASSWORD] = g_param_spec_string ("auth-password", NULL, NULL, "", flags);
  properties[PROP_AUTH_TOKEN] = g_param_spec_string ("auth-token", NULL, NULL, "", flags);
  properties[PROP_OPEN_USERNAME] = g_param_spec_string ("open-username", NULL, NULL, "", flags);
  properties[PROP_OPEN_PASSWORD] = g_param_spec_string ("open-password", NULL, NULL, "", flags);
  properties[PROP_TRUSTED_CERTIFICATE] =
      g_param_spec_string ("trusted-certificate", NULL, NULL, "", flags);
  properties[PROP_INSECURE] = g_param_spec_boolean ("insecure", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_request_init (PfRequest *self)
{
  self->method = g_strdup ("GET");
  self->url = empty_string;
  self->body_text = empty_string;
  self->body_content_type = empty_string;
  self->body_file = empty_string;
  self->override_mime_type = empty_string;
  self->max_redirects = PF_REQUEST_DEFAULT_MAX_REDIRECTS;
  self->origin = empty_string;
  self->credentials = PF_CREDENTIALS_SAME_ORIGIN;
  self->auth_username = empty_string;
  self->auth_password = empty_string;
  self->auth_token = empty_string;
  self->open_username = empty_string;
  self->open_password = empty_string;
  self->trusted_certificate = empty_string;
}

/* The parameter table, empty: the caller fills it. */
static GListStore *
new_params (PfRequest *self)
{
  g_assert (self->params == NULL);
  self->params = g_list_store_new (PF_TYPE_KEY_VALUE);
  g_signal_connect_object (self->params, "items-changed", G_CALLBACK (params_changed_cb), self, 0);
  return self->params;
}

/* The parameter table, made from the URL's query the first time. */
static GListStore *
ensure_params (PfRequest *self)
{
  if (self->params == NULL)
    {
      new_params (self);
      params_from_url (self);
    }
  return self->params;
}

static GListStore *
ensure_rows (GListStore **rows)
{
  if (*rows == NULL)
    *rows = g_list_store_new (PF_TYPE_KEY_VALUE);
  return *rows;
}

/* How many rows a table has, without making it. */
static guint
n_rows (GListStore *rows)
{
  return rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (rows)) : 0;
}

PfRequest *
pf_request_new (void)
{
  return g_object_new (PF_TYPE_REQUEST, NULL);
}

const char *
pf_request_get_method (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->method;
}

void
pf_request_set_method (PfRequest *self,
                       const char *method)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_string (self, &self->method, method, PROP_METHOD);
}

char *
pf_request_dup_effective_method (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return pf_http_normalize_method (self->method);
}

const char *
pf_request_get_url (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->url;
}

void
pf_request_set_url (PfRequest *self,
                    const char *url)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  if (g_strcmp0 (self->url, url ? url : "") == 0)
    return;
  /* No table to follow it yet (a .http file's request, a copy): the URL alone changes. */
  if (self->syncing_params || self->params == NULL)
    {
      set_string (self, &self->url, url, PROP_URL);
      return;
    }
  /* Who watches the URL sees the table already in step. */
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->url, url, PROP_URL);
  params_from_url (self);
  g_object_thaw_notify (G_OBJECT (self));
}

GListModel *
pf_request_get_params (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return G_LIST_MODEL (ensure_params (self));
}

GListModel *
pf_request_get_headers (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return G_LIST_MODEL (ensure_rows (&self->headers));
}

/* How many header rows the request has, without making its table when it has none. */
guint
pf_request_get_n_headers (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), 0);
  return n_rows (self->headers);
}

GListModel *
pf_request_get_fields (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return G_LIST_MODEL (ensure_rows (&self->fields));
}

static PfKeyValue *
append_row (GListStore *store,
            PfKeyValue *row)
{
  g_list_store_append (store, row);
  g_object_unref (row);
  return row;
}

PfKeyValue *
pf_request_add_param (PfRequest *self,
                      const char *name,
                      const char *value)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return append_row (ensure_params (self), pf_key_value_new (name, value));
}

PfKeyValue *
pf_request_add_header (PfRequest *self,
                       const char *name,
                       const char *value)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return append_row (ensure_rows (&self->headers), pf_key_value_new (name, value));
}

PfKeyValue *
pf_request_add_field (PfRequest *self,
                      const char *name,
                      const char *value)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return append_row (ensure_rows (&self->fields), pf_key_value_new (name, value));
}

PfKeyValue *
pf_request_add_file_field (PfRequest *self,
                           const char *name,
                           const char *path)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return append_row (ensure_rows (&self->fields), pf_key_value_new_file (name, path));
}

PfBodyKind
pf_request_get_body_kind (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), PF_BODY_NONE);
  return self->body_kind;
}

void
pf_request_set_body_kind (PfRequest *self,
                          PfBodyKind kind)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_uint (self, &self->body_kind, kind, PROP_BODY_KIND);
}

const char *
pf_request_get_body_text (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->body_text;
}

void
pf_request_set_body_text (PfRequest *self,
                          const char *text)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_string (self, &self->body_text, text, PROP_BODY_TEXT);
}

const char *
pf_request_get_body_content_type (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->body_content_type;
}

void
pf_request_set_body_content_type (PfRequest *self,
                                  const char *content_type)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_string (self, &self->body_content_type, content_type, PROP_BODY_CONTENT_TYPE);
}

const char *
pf_request_get_body_file (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->body_file;
}

void
pf_request_set_body_file (PfRequest *self,
                          const char *path)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_string (self, &self->body_file, path, PROP_BODY_FILE);
}

guint
pf_request_get_timeout_ms (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), 0);
  return self->timeout_ms;
}

void
pf_request_set_timeout_ms (PfRequest *self,
                           guint timeout_ms)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_uint (self, &self->timeout_ms, timeout_ms, PROP_TIMEOUT_MS);
}

const char *
pf_request_get_override_mime_type (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->override_mime_type;
}

void
pf_request_set_override_mime_type (PfRequest *self,
                                   const char *mime_type)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_string (self, &self->override_mime_type, mime_type, PROP_OVERRIDE_MIME_TYPE);
}

guint
pf_request_get_max_redirects (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), 0);
  return self->max_redirects;
}

void
pf_request_set_max_redirects (PfRequest *self,
                              guint max_redirects)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_uint (self, &self->max_redirects, max_redirects, PROP_MAX_REDIRECTS);
}

const char *
pf_request_get_origin (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->origin;
}

void
pf_request_set_origin (PfRequest *self,
                       const char *origin)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_string (self, &self->origin, origin, PROP_ORIGIN);
}

PfCredentialsMode
pf_request_get_credentials (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), PF_CREDENTIALS_SAME_ORIGIN);
  return self->credentials;
}

void
pf_request_set_credentials (PfRequest *self,
                            PfCredentialsMode mode)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_uint (self, &self->credentials, mode, PROP_CREDENTIALS);
}

PfInitiator
pf_request_get_initiator (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), PF_INITIATOR_XHR);
  return self->initiator;
}

/* Who sends the request (see PfInitiator): an image sends a GET without the request's
 * headers and body, which only a script can set. */
void
pf_request_set_initiator (PfRequest *self,
                          PfInitiator initiator)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_uint (self, &self->initiator, initiator, PROP_INITIATOR);
}

gboolean
pf_request_get_sync (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), FALSE);
  return self->sync;
}

/* XHR open (method, url, false): send () does not return before the response is done, and the
 * page is frozen meanwhile. */
void
pf_request_set_sync (PfRequest *self,
                     gboolean sync)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  if (self->sync == !!sync)
    return;
  self->sync = !!sync;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

gboolean
pf_request_get_xdr (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), FALSE);
  return self->xdr;
}

/* XDomainRequest mode (IE 8/9): pf_request_validate () applies its rules, and the CORS flow
 * sends and judges the request as XDomainRequest does. */
void
pf_request_set_xdr (PfRequest *self,
                    gboolean xdr)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  if (self->xdr == !!xdr)
    return;
  self->xdr = !!xdr;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_XDR]);
}

PfResponseType
pf_request_get_response_type (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), PF_RESPONSE_TYPE_DEFAULT);
  return self->response_type;
}

/* xhr.responseType: what xhr.response is made of (pf_exchange_describe_response ()). */
void
pf_request_set_response_type (PfRequest *self,
                              PfResponseType type)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  g_return_if_fail ((guint) type <= PF_RESPONSE_TYPE_BLOB);
  set_uint (self, &self->response_type, type, PROP_RESPONSE_TYPE);
}

PfBrowserHeaders
pf_request_get_browser_headers (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), PF_BROWSER_HEADERS_AUTO);
  return self->browser_headers;
}

void
pf_request_set_browser_headers (PfRequest *self,
                                PfBrowserHeaders mode)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_uint (self, &self->browser_headers, mode, PROP_BROWSER_HEADERS);
}

/* Whether the request is sent as Chromium would send it: asked for, or (AUTO) a page origin is
 * set. */
gboolean
pf_request_sends_browser_headers (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), FALSE);
  return self->browser_headers == PF_BROWSER_HEADERS_ON ||
         (self->browser_headers == PF_BROWSER_HEADERS_AUTO && self->origin != NULL &&
          *self->origin != '\0');
}

PfAuthKind
pf_request_get_auth_kind (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), PF_AUTH_NONE);
  return self->auth_kind;
}

/* The Authorization header a helper sets on what is sent (never a row of the header list):
 * Basic from the user name and password, or Bearer and the token. */
void
pf_request_set_auth_kind (PfRequest *self,
                          PfAuthKind kind)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  set_uint (self, &self->auth_kind, kind, PROP_AUTH_KIND);
}

const char *
pf_request_get_auth_username (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->auth_username;
}

const char *
pf_request_get_auth_password (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->auth_password;
}

void
pf_request_set_basic_auth (PfRequest *self,
                           const char *username,
                           const char *password)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->auth_username, username, PROP_AUTH_USERNAME);
  set_string (self, &self->auth_password, password, PROP_AUTH_PASSWORD);
  pf_request_set_auth_kind (self, PF_AUTH_BASIC);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
pf_request_get_auth_token (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->auth_token;
}

void
pf_request_set_bearer_auth (PfRequest *self,
                            const char *token)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->auth_token, token, PROP_AUTH_TOKEN);
  pf_request_set_auth_kind (self, PF_AUTH_BEARER);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The Authorization value the helper sends, or NULL (none, or Bearer without a token). */
char *
pf_request_dup_authorization (PfRequest *self)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  if (self->auth_kind == PF_AUTH_BEARER && *self->auth_token != '\0')
    return g_strconcat ("Bearer ", self->auth_token, NULL);
  if (self->auth_kind != PF_AUTH_BASIC)
    return NULL;
  pair = g_strconcat (self->auth_username, ":", self->auth_password, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  return g_strconcat ("Basic ", encoded, NULL);
}

const char *
pf_request_get_open_username (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->open_username;
}

const char *
pf_request_get_open_password (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->open_password;
}

/* XHR open (method, url, async, user, password): kept apart from the URL, they answer a
 * 401 challenge (Basic or Digest) once, as a browser does; they send nothing by themselves. */
void
pf_request_set_open_credentials (PfRequest *self,
                                 const char *username,
                                 const char *password)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->open_username, username, PROP_OPEN_USERNAME);
  set_string (self, &self->open_password, password, PROP_OPEN_PASSWORD);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
validate_headers (PfRequest *self,
                  GError **error)
{
  guint n = n_rows (self->headers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (G_LIST_MODEL (self->headers), i);
      g_autofree char *value = NULL;

      if (!pf_key_value_get_enabled (row))
        continue;
      value = pf_http_normalize_value (pf_key_value_get_value (row));
      if (!pf_http_check_header_name (pf_key_value_get_name (row), error) ||
          !pf_http_check_header_value (pf_key_value_get_name (row), value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate_fields (PfRequest *self,
                 GError **error)
{
  guint n = n_rows (self->fields);

  if (self->body_kind != PF_BODY_URLENCODED && self->body_kind != PF_BODY_MULTIPART)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      if (pf_key_value_get_enabled (row) && *pf_key_value_get_name (row) == '\0')
        {
          g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_FIELD,
                       _ ("Form field %u has no name"), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* Everything XHR's open () and setRequestHeader () would throw for, refused before
 * anything reaches libsoup. */
/* XHR: in a window, a synchronous request refuses a timeout and any responseType (the
 * setters throw an InvalidAccessError after open (); Chromium's words are quoted). */
static gboolean
validate_sync (PfRequest *self,
               GError **error)
{
  if (!self->sync || self->initiator != PF_INITIATOR_XHR)
    return TRUE;
  if (self->timeout_ms > 0)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_SYNC,
                   /* Translators: %s is the browser's exception, kept in English */
                   _ ("A synchronous request cannot have a timeout in a page: the browser throws "
                      "“%s”"),
                   "InvalidAccessError: Failed to set the 'timeout' property on "
                   "'XMLHttpRequest': Timeouts cannot be set for synchronous requests made "
                   "from a document.");
      return FALSE;
    }
  if (self->response_type != PF_RESPONSE_TYPE_DEFAULT)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_SYNC,
                   /* Translators: %s is the browser's exception, kept in English */
                   _ ("A synchronous request cannot set responseType in a page: the browser "
                      "throws “%s”"),
                   "InvalidAccessError: Failed to set the 'responseType' property on "
                   "'XMLHttpRequest': The response type cannot be changed for synchronous "
                   "requests made from a document.");
      return FALSE;
    }
  return TRUE;
}

static const char *sent_url (PfRequest *self,
                             GError **error);

gboolean
pf_request_validate (PfRequest *self,
                     GError **error)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), FALSE);

  if (!pf_http_check_method (self->method, error) || !sent_url (self, error) ||
      !validate_headers (self, error) || !validate_fields (self, error))
    return FALSE;
  if (!validate_sync (self, error) || !_pf_request_validate_xdr (self, error))
    return FALSE;
  if (self->body_kind == PF_BODY_FILE && *self->body_file == '\0')
    {
      g_set_error_literal (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_BODY_FILE,
                           _ ("No file is chosen for the request body"));
      return FALSE;
    }
  if (*self->trusted_certificate != '\0')
    {
      g_autofree char *fingerprint =
          pf_certificate_normalize_fingerprint (self->trusted_certificate, error);

      if (fingerprint == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
rows_mention (GListStore *rows,
              const char *text)
{
  for (guint i = 0; i < n_rows (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      if (pf_key_value_get_enabled (row) && (strstr (pf_key_value_get_name (row), text) ||
                                             strstr (pf_key_value_get_value (row), text)))
        return TRUE;
    }
  return FALSE;
}

/* Whether @text occurs in what pf_request_expand () fills in: the URL, the enabled headers
 * and form fields, the body text, the body file's path and the origin. */
gboolean
pf_request_mentions (PfRequest *self,
                     const char *text)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return strstr (self->url, text) || strstr (self->body_text, text) ||
         strstr (self->body_file, text) || strstr (self->origin, text) ||
         rows_mention (self->headers, text) || rows_mention (self->fields, text);
}

/* The fields as the classic Ajax code builds them:
 * encodeURIComponent (name) + "=" + encodeURIComponent (value), joined by "&". */
char *
pf_request_encode_fields (PfRequest *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  if (self->fields != NULL)
    pf_http_append_pairs (out, G_LIST_MODEL (self->fields));
  return g_string_free (out, FALSE);
}

/* The URL that goes on the wire: the query as the parameter table made it, an empty path as
 * "/", and no fragment (it is never sent); NULL when the URL cannot be sent. Made once per URL:
 * validating a request and sending it read it again. */
/* @uri as it is sent (scheme, host, port, path or "/", query; no fragment), joined as
 * g_uri_to_string () joins a URI that g_uri_build () made of them, for the common URL whose
 * host is a name or an IPv4 address and that has no user information (GLib's two calls cost
 * more than parsing the URL). NULL for the others, which go through GLib. */
static char *
join_sent_url (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  const char *path = *g_uri_get_path (uri) ? g_uri_get_path (uri) : "/";
  const char *query = g_uri_get_query (uri);
  int port = g_uri_get_port (uri);
  GString *out;

  if (g_uri_get_userinfo (uri) != NULL || strpbrk (host, ":%[]") != NULL)
    return NULL;
  out = g_string_sized_new (strlen (scheme) + strlen (host) + strlen (path) +
                            (query ? strlen (query) : 0) + 16);
  g_string_append (out, scheme);
  g_string_append_len (out, "://", 3);
  g_string_append (out, host);
  if (port != -1)
    {
      char digits[16];
      char *p = digits + sizeof digits;
      guint value = port;

      do
        *--p = '0' + value % 10;
      while ((value /= 10) > 0);
      g_string_append_c (out, ':');
      g_string_append_len (out, p, digits + sizeof digits - p);
    }
  g_string_append (out, path);
  if (query != NULL)
    {
      g_string_append_c (out, '?');
      g_string_append (out, query);
    }
  return g_string_free (out, FALSE);
}

static const char *
sent_url (PfRequest *self,
          GError **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GUri) built = NULL;

  if (self->sent_url != NULL)
    return self->sent_url;
  uri = pf_http_parse_url (self->url, error);
  if (uri == NULL)
    return NULL;
  self->sent_url = join_sent_url (uri);
  if (self->sent_url != NULL)
    return self->sent_url;
  built = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                       g_uri_get_host (uri), g_uri_get_port (uri),
                       *g_uri_get_path (uri) ? g_uri_get_path (uri) : "/", g_uri_get_query (uri),
                       NULL);
  self->sent_url = g_uri_to_string (built);
  return self->sent_url;
}

char *
pf_request_build_url (PfRequest *self,
                      GError **error)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return g_strdup (sent_url (self, error));
}

static void
copy_rows (GListStore *to,
           GListModel *from)
{
  guint n = g_list_model_get_n_items (from);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (from, i);
      g_autoptr (PfKeyValue) copy = pf_key_value_copy (row);

      pf_http_copy_pair_source (row, copy);
      g_list_store_append (to, copy);
    }
}

/* A fresh request's string field set to another's (never NULL: "" stands for none). */
static void
copy_string (char **slot,
             const char *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  free_string (*slot);
  *slot = dup_string (value ? value : "");
}

/* A deep copy: what is sent, kept in history or saved stays as it was when the user goes on
 * editing. Disabled rows are copied too. */
PfRequest *
pf_request_copy (PfRequest *self)
{
  PfRequest *copy;

  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  /* Field by field, not through g_object_new ()'s properties: nobody watches a copy yet, and
   * seventeen property sets cost more than the rest of the copy (preflight-cli run makes two
   * copies per request). */
  copy = pf_request_new ();
  copy_string (&copy->method, self->method);
  copy->body_kind = self->body_kind;
  copy_string (&copy->body_text, self->body_text);
  copy_string (&copy->body_content_type, self->body_content_type);
  copy_string (&copy->body_file, self->body_file);
  copy->timeout_ms = self->timeout_ms;
  copy_string (&copy->override_mime_type, self->override_mime_type);
  copy->max_redirects = self->max_redirects;
  copy_string (&copy->origin, self->origin);
  copy->credentials = self->credentials;
  copy->initiator = self->initiator;
  copy->sync = self->sync;
  copy->response_type = self->response_type;
  copy->xdr = self->xdr;
  copy->browser_headers = self->browser_headers;
  copy->auth_kind = self->auth_kind;
  copy_string (&copy->auth_username, self->auth_username);
  copy_string (&copy->auth_password, self->auth_password);
  copy_string (&copy->auth_token, self->auth_token);
  copy_string (&copy->open_username, self->open_username);
  copy_string (&copy->open_password, self->open_password);
  copy_string (&copy->trusted_certificate, self->trusted_certificate);
  copy->insecure = self->insecure;
  copy->syncing_params = TRUE;
  pf_request_set_url (copy, self->url);
  /* A table not made yet is the URL's query, or empty, in the copy too. */
  if (self->params != NULL)
    copy_rows (new_params (copy), G_LIST_MODEL (self->params));
  copy->syncing_params = FALSE;
  if (self->headers != NULL)
    copy_rows (ensure_rows (&copy->headers), G_LIST_MODEL (self->headers));
  if (self->fields != NULL)
    copy_rows (ensure_rows (&copy->fields), G_LIST_MODEL (self->fields));
  return copy;
}

/* The SHA-256 fingerprint of a certificate this request trusts in spite of its problems
 * ("AB:CD:…"), or "" for none: its connection then takes that certificate, and only it. */
const char *
pf_request_get_trusted_certificate (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), NULL);
  return self->trusted_certificate;
}

/* @fingerprint as pf_certificate_normalize_fingerprint () takes it; NULL or "" for none. Not
 * a fingerprint: kept as it is, and pf_request_validate () says so. */
void
pf_request_set_trusted_certificate (PfRequest *self,
                                    const char *fingerprint)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (PF_IS_REQUEST (self));
  normal = fingerprint && *fingerprint ? pf_certificate_normalize_fingerprint (fingerprint, NULL)
                                       : NULL;
  set_string (self, &self->trusted_certificate, normal ? normal : fingerprint,
              PROP_TRUSTED_CERTIFICATE);
}

/* Whether any certificate is taken, unchecked, as curl's --insecure does. */
gboolean
pf_request_get_insecure (PfRequest *self)
{
  g_return_val_if_fail (PF_IS_REQUEST (self), FALSE);
  return self->insecure;
}

void
pf_request_set_insecure (PfRequest *self,
                         gboolean insecure)
{
  g_return_if_fail (PF_IS_REQUEST (self));
  insecure = !!insecure;
  if (self->insecure == insecure)
    return;
  self->insecure = insecure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSECURE]);
}
