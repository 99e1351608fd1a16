/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cors-flow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-cors-flow.h"
#include "pf-cors.h"
#include "pf-exchange-private.h"
#include "pf-history-entry-private.h"
#include "pf-http-syntax.h"
#include "pf-key-value.h"

/* Runs an exchange as a page at `origin` would (Fetch's main fetch with mode "cors"): a
 * same-origin request goes out as it is; a cross-origin one gets an Origin header, a
 * preflight when its method or headers are not safelisted (unless the preflight cache
 * answers), and a CORS check of each response. A blocked request ends as a network error,
 * which is all the page learns; the flow keeps what the server really said. The exchange
 * owns its flow. */

struct _PfCorsFlow
{
  GObject parent_instance;

  /* Borrowed: the exchange owns the flow */
  PfExchange *exchange;

  /* Owned */
  PfPreflightCache *cache;
  char *origin;
  char *current_origin;
  PfCredentialsMode credentials;
  gboolean xdr; /* judged as XDomainRequest: always by Allow-Origin, no cookies */
  gboolean upload_listeners;
  char *previous_url;
  gboolean cross_origin;
  GListStore *reasons;
  gboolean preflight;
  gboolean preflight_cached;
  GListStore *preflight_headers;
  guint preflight_status;
  GListStore *preflight_response_headers;
  PfCorsOutcome outcome;
  GListStore *failures;
  GStrv exposed;
  GListStore *dropped;
  GPtrArray *hop_headers;
};

G_DEFINE_FINAL_TYPE (PfCorsFlow, pf_cors_flow, G_TYPE_OBJECT)

static void
pf_cors_flow_finalize (GObject *object)
{
  PfCorsFlow *self = PF_CORS_FLOW (object);

  g_clear_object (&self->cache);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->current_origin, g_free);
  g_clear_pointer (&self->previous_url, g_free);
  g_clear_object (&self->reasons);
  g_clear_object (&self->preflight_headers);
  g_clear_object (&self->preflight_response_headers);
  g_clear_object (&self->failures);
  g_clear_pointer (&self->exposed, g_strfreev);
  g_clear_object (&self->dropped);
  g_clear_pointer (&self->hop_headers, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_cors_flow_parent_class)->finalize (object);
}

static void
pf_cors_flow_class_init (PfCorsFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_cors_flow_finalize;
}

static void
pf_cors_flow_init (PfCorsFlow *self)
{
  self->reasons = g_list_store_new (PF_TYPE_CORS_FINDING);
  self->preflight_headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  self->preflight_response_headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  self->failures = g_list_store_new (PF_TYPE_CORS_FINDING);
  self->dropped = g_list_store_new (PF_TYPE_CORS_FINDING);
  self->exposed = g_new0 (char *, 1);
}

static gboolean
includes_credentials (PfCorsFlow *self)
{
  return self->credentials == PF_CREDENTIALS_INCLUDE;
}

/* XHR: upload listeners set the use-CORS-preflight flag when there is a body to upload. */
static gboolean
preflight_forced (PfCorsFlow *self)
{
  PfExchange *exchange = self->exchange;

  return self->upload_listeners && exchange->body != NULL &&
         !pf_request_body_is_null (exchange->body);
}

static void
append_entry (PfCorsFlow *self,
              const char *name,
              guint       status,
              const char *detail)
{
  _pf_exchange_append (self->exchange,
                       pf_timeline_record_cors (name, status, detail,
                                                _pf_exchange_now (self->exchange)));
}

static void
store_findings (GListStore *store,
                GPtrArray  *findings)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       findings->pdata, findings->len);
}

static void
store_headers (GListStore *store,
               GPtrArray  *headers)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       headers->pdata, headers->len);
}

/* Blocks the request: the page sees a network error; the first failure is its message. */
static void
block (PfCorsFlow *self,
       GPtrArray  *failures)
{
  const char *message = pf_cors_finding_get_message (failures->pdata[0]);
  g_autofree char *text = self->xdr
                              ? g_strdup_printf (_("Blocked as an XDomainRequest: %s"), message)
                              : g_strdup_printf (_("Blocked by CORS: %s"), message);

  self->outcome = PF_CORS_OUTCOME_BLOCKED;
  store_findings (self->failures, failures);
  /* The page gets a network error: no MIME type either. */
  g_free (self->exchange->mime_type);
  self->exchange->mime_type = g_strdup ("");
  append_entry (self, "blocked", 0, message);
  _pf_exchange_fail (self->exchange, PF_FAILURE_NETWORK, text);
}

/* Fetch main fetch: the hop is cross-origin once the current URL's origin differs from
 * the request's origin; after a redirect across origins that the origin is not part of,
 * the origin becomes "null" (the tainted origin flag). */
static void
update_origin (PfCorsFlow *self,
               const char *url)
{
  if (self->previous_url != NULL && self->cross_origin)
    {
      g_autofree char *previous = pf_cors_serialize_origin (self->previous_url);

      if (!pf_cors_same_origin (previous, url) &&
          !pf_cors_same_origin (self->current_origin, self->previous_url))
        {
          g_free (self->current_origin);
          self->current_origin = g_strdup ("null");
        }
    }
  g_free (self->previous_url);
  self->previous_url = g_strdup (url);
  if (!self->cross_origin && !pf_cors_same_origin (self->current_origin, url))
    self->cross_origin = TRUE;
}

/* Fetch HTTP fetch: a preflight is needed unless the cache holds the method (when it is
 * not safelisted, or listeners force a preflight) and every unsafe header name. */
static gboolean
cache_covers (PfCorsFlow *self,
              const char *method,
              const char *url)
{
  gboolean include = includes_credentials (self);
  g_auto (GStrv) unsafe = pf_cors_unsafe_header_names (self->hop_headers);

  if ((!pf_cors_is_safelisted_method (method) || preflight_forced (self)) &&
      !pf_preflight_cache_match_method (self->cache, self->current_origin, url, include, method))
    return FALSE;
  for (guint i = 0; unsafe[i] != NULL; i++)
    if (!pf_preflight_cache_match_header (self->cache, self->current_origin, url, include,
                                          unsafe[i]))
      return FALSE;
  return TRUE;
}

static void
read_headers (GListStore         *store,
              SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_list_store_remove_all (store);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autoptr (PfKeyValue) row = pf_key_value_new (name, value);
      g_list_store_append (store, row);
    }
}

/* The preflight passed: cache what it allowed (Fetch: the allowed methods, or the request's
 * own when the header is missing and the preflight was forced, and the allowed names). */
static void
cache_preflight (PfCorsFlow *self,
                 const char *method,
                 const char *url)
{
  GListModel *headers = G_LIST_MODEL (self->preflight_response_headers);
  gboolean failure;
  g_auto (GStrv) methods = pf_cors_extract_list (headers, "Access-Control-Allow-Methods", &failure);
  g_auto (GStrv) names = pf_cors_extract_list (headers, "Access-Control-Allow-Headers", &failure);
  const char *own[] = { method, NULL };

  pf_preflight_cache_store (self->cache, self->current_origin, url, includes_credentials (self),
                            methods ? (const char *const *) methods : own,
                            (const char *const *) names, pf_cors_max_age (headers));
}

static void
preflight_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (PfCorsFlow) self = user_data;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = _pf_exchange_net_send_and_read_finish (result, &msg, &error);
  PfExchange *exchange = self->exchange;
  g_autoptr (GPtrArray) failures = NULL;

  if (exchange->done)
    {
      _pf_exchange_release (exchange);
      return;
    }
  _pf_exchange_append_phases_of (exchange, msg, TRUE);
  if (body == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The preflight failed: %s"), error->message);
      append_entry (self, "blocked", 0, message);
      self->outcome = PF_CORS_OUTCOME_BLOCKED;
      _pf_exchange_fail (exchange, PF_FAILURE_NETWORK, message);
      _pf_exchange_release (exchange);
      return;
    }
  self->preflight_status = soup_message_get_status (msg);
  read_headers (self->preflight_response_headers, soup_message_get_response_headers (msg));
  failures = pf_cors_check_preflight (self->preflight_status,
                                      G_LIST_MODEL (self->preflight_response_headers),
                                      self->current_origin, includes_credentials (self),
                                      exchange->method, self->hop_headers, preflight_forced (self));
  append_entry (self, "preflight-response", self->preflight_status,
                failures->len ? pf_cors_finding_get_message (failures->pdata[0]) : _("allowed"));
  if (failures->len > 0)
    block (self, failures);
  else
    {
      cache_preflight (self, exchange->method, exchange->url);
      _pf_exchange_send_hop (exchange);
    }
  _pf_exchange_release (exchange);
}

/* Fetch "CORS-preflight fetch": OPTIONS with Origin and the Access-Control-Request-*
 * headers, never credentials, never following a redirect. */
static void
send_preflight (PfCorsFlow *self)
{
  PfExchange *exchange = self->exchange;
  g_autoptr (SoupMessage) msg = soup_message_new ("OPTIONS", exchange->url);
  g_autoptr (GPtrArray) headers = pf_cors_preflight_headers (self->current_origin,
                                                             exchange->method, self->hop_headers);
  SoupMessageHeaders *out = soup_message_get_request_headers (msg);
  g_autofree char *line = g_strdup_printf ("OPTIONS %s", exchange->url);

  self->preflight = TRUE;
  store_headers (self->preflight_headers, headers);
  for (guint i = 0; i < headers->len; i++)
    soup_message_headers_replace (out, pf_key_value_get_name (headers->pdata[i]),
                                  pf_key_value_get_value (headers->pdata[i]));
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);
  soup_message_disable_feature (msg, SOUP_TYPE_COOKIE_JAR);
  append_entry (self, "preflight", 0, line);
  _pf_exchange_hold (exchange);
  _pf_exchange_net_send_and_read_async (exchange, msg, preflight_cb, g_object_ref (self));
}

static void
before_hop (PfExchange *exchange,
            gpointer    data)
{
  PfCorsFlow *self = data;
  g_autoptr (GPtrArray) reasons = NULL;

  update_origin (self, exchange->url);
  g_clear_pointer (&self->hop_headers, g_ptr_array_unref);
  self->hop_headers = _pf_exchange_dup_author_headers (exchange);
  if (!self->cross_origin)
    {
      _pf_exchange_send_hop (exchange);
      return;
    }
  reasons = pf_cors_classify (exchange->method, self->hop_headers, preflight_forced (self));
  store_findings (self->reasons, reasons);
  if (reasons->len == 0)
    _pf_exchange_send_hop (exchange);
  else if (cache_covers (self, exchange->method, exchange->url))
    {
      self->preflight_cached = TRUE;
      append_entry (self, "preflight-cached", 0,
                    _("the preflight cache allows this method and these headers"));
      _pf_exchange_send_hop (exchange);
    }
  else
    send_preflight (self);
}

/* Fetch: cookies go with credentials mode "include", or "same-origin" on a same-origin
 * hop; Origin goes with every cross-origin request and with any method but GET and HEAD. */
static void
prepare (PfExchange  *exchange,
         SoupMessage *msg,
         gpointer     data)
{
  PfCorsFlow *self = data;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  gboolean cookies = self->credentials == PF_CREDENTIALS_INCLUDE ||
                     (self->credentials == PF_CREDENTIALS_SAME_ORIGIN && !self->cross_origin);

  if (!cookies)
    soup_message_disable_feature (msg, SOUP_TYPE_COOKIE_JAR);
  if (self->cross_origin || self->xdr ||
      (g_strcmp0 (exchange->method, "GET") && g_strcmp0 (exchange->method, "HEAD")))
    soup_message_headers_replace (headers, "Origin", self->current_origin);
}

static gboolean
check_response (PfExchange  *exchange,
                SoupMessage *msg,
                gboolean     redirect,
                gpointer     data)
{
  PfCorsFlow *self = data;
  GListModel *headers = pf_exchange_get_response_headers (exchange);
  g_autoptr (GPtrArray) failures = NULL;

  /* XDomainRequest wants Access-Control-Allow-Origin even from the page's own origin. */
  if (!self->cross_origin && !self->xdr)
    {
      self->outcome = PF_CORS_OUTCOME_SAME_ORIGIN;
      return TRUE;
    }
  failures = pf_cors_check (headers, self->current_origin, includes_credentials (self));
  append_entry (self, "check", soup_message_get_status (msg),
                failures->len ? pf_cors_finding_get_message (failures->pdata[0]) : _("allowed"));
  if (failures->len > 0)
    {
      block (self, failures);
      return FALSE;
    }
  if (redirect)
    return TRUE;
  self->outcome = PF_CORS_OUTCOME_ALLOWED;
  g_strfreev (self->exposed);
  /* XDomainRequest gives its page no response header at all (only contentType). */
  self->exposed = self->xdr ? g_new0 (char *, 1)
                            : pf_cors_exposed_header_names (headers, includes_credentials (self));
  _pf_exchange_set_exposed (exchange, g_strdupv (self->exposed));
  return TRUE;
}

static const PfExchangeHooks cors_hooks = { before_hop, prepare, check_response };

static void
find_dropped (PfCorsFlow *self)
{
  GListModel *rows = pf_request_get_headers (pf_exchange_get_request (self->exchange));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);
      g_autofree char *value = pf_http_normalize_value (pf_key_value_get_value (row));
      const char *reason = pf_http_forbidden_header_reason (pf_key_value_get_name (row), value);
      g_autoptr (PfCorsFinding) finding = NULL;
      g_autofree char *message = NULL;

      if (!pf_key_value_get_enabled (row) || reason == NULL)
        continue;
      /* Translators: %s is a header name, the second why a browser drops it */
      message = g_strdup_printf (_("%s was not sent: %s"), pf_key_value_get_name (row), reason);
      finding = pf_cors_finding_new ("forbidden-header", pf_key_value_get_name (row), value,
                                     message);
      g_list_store_append (self->dropped, finding);
    }
}

/* Makes @exchange run as a page at its request's origin would, consulting and filling its
 * profile's preflight cache. Call before sending; the exchange keeps the flow. Fails when the
 * origin is not one (PF_REQUEST_ERROR). */
PfCorsFlow *
pf_cors_flow_attach (PfExchange *exchange,
                     GError    **error)
{
  PfProfile *profile;
  PfRequest *request;
  g_autoptr (PfCorsFlow) self = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (PF_IS_EXCHANGE (exchange), NULL);

  profile = pf_exchange_get_profile (exchange);
  request = pf_exchange_get_request (exchange);
  origin = pf_cors_serialize_origin (pf_request_get_origin (request));
  if (origin == NULL)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("The page origin “%s” is not an origin such as https://app.example"),
                   pf_request_get_origin (request) ? pf_request_get_origin (request) : "");
      return NULL;
    }
  self = g_object_new (PF_TYPE_CORS_FLOW, NULL);
  self->exchange = exchange;
  self->cache = g_object_ref (pf_profile_get_preflight_cache (profile));
  self->origin = g_strdup (origin);
  self->current_origin = g_steal_pointer (&origin);
  self->credentials = pf_request_get_credentials (request);
  /* XDomainRequest never sends cookies, not even to its own origin. */
  self->xdr = pf_request_get_xdr (request) &&
              pf_request_get_initiator (request) == PF_INITIATOR_XHR;
  if (self->xdr)
    self->credentials = PF_CREDENTIALS_OMIT;
  find_dropped (self);
  _pf_exchange_set_hooks (exchange, &cors_hooks, G_OBJECT (self));
  g_object_set_data (G_OBJECT (exchange), "pf-cors-flow", self);
  return self;
}

/* The flow attached to @exchange, or NULL. */
PfCorsFlow *
pf_cors_flow_get_for (PfExchange *exchange)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (exchange), NULL);
  return g_object_get_data (G_OBJECT (exchange), "pf-cors-flow");
}

/* XMLHttpRequest with upload listeners sends a preflight for any request with a body. */
void
pf_cors_flow_set_upload_listeners (PfCorsFlow *self,
                                   gboolean    upload_listeners)
{
  g_return_if_fail (PF_IS_CORS_FLOW (self));
  self->upload_listeners = upload_listeners;
}

/* The preflight cache the flow consults and fills. */
PfPreflightCache *
pf_cors_flow_get_cache (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return self->cache;
}

/* The page's origin, serialised. */
const char *
pf_cors_flow_get_origin (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return self->origin;
}

PfCredentialsMode
pf_cors_flow_get_credentials (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), PF_CREDENTIALS_SAME_ORIGIN);
  return self->credentials;
}

/* Whether CORS applied: some hop went to another origin than the page's. */
gboolean
pf_cors_flow_get_cross_origin (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), FALSE);
  return self->cross_origin;
}

/* Why the request needs a preflight (PfCorsFinding); empty for a simple request. */
GListModel *
pf_cors_flow_get_reasons (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return G_LIST_MODEL (self->reasons);
}

/* Whether a preflight was sent. */
gboolean
pf_cors_flow_get_preflight (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), FALSE);
  return self->preflight;
}

/* Whether a preflight was needed but the preflight cache answered instead. */
gboolean
pf_cors_flow_get_preflight_cached (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), FALSE);
  return self->preflight_cached;
}

/* The headers of the OPTIONS request sent (PfKeyValue), in order. */
GListModel *
pf_cors_flow_get_preflight_headers (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return G_LIST_MODEL (self->preflight_headers);
}

guint
pf_cors_flow_get_preflight_status (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), 0);
  return self->preflight_status;
}

GListModel *
pf_cors_flow_get_preflight_response_headers (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return G_LIST_MODEL (self->preflight_response_headers);
}

PfCorsOutcome
pf_cors_flow_get_outcome (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), PF_CORS_OUTCOME_PENDING);
  return self->outcome;
}

/* "allowed", "blocked", "same-origin" or "pending". */
const char *
pf_cors_flow_get_outcome_name (PfCorsFlow *self)
{
  static const char *const names[] = { "pending", "same-origin", "allowed", "blocked" };

  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return names[self->outcome];
}

/* Why the request was blocked (PfCorsFinding), the first being what a browser reports. */
GListModel *
pf_cors_flow_get_failures (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return G_LIST_MODEL (self->failures);
}

/* The response header names a script may read, lower-case and sorted (empty until the
 * response is allowed). */
const char *const *
pf_cors_flow_get_exposed_headers (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return (const char *const *) self->exposed;
}

/* The forbidden headers the page asked for and the browser dropped (PfCorsFinding). */
GListModel *
pf_cors_flow_get_dropped (PfCorsFlow *self)
{
  g_return_val_if_fail (PF_IS_CORS_FLOW (self), NULL);
  return G_LIST_MODEL (self->dropped);
}

static void
copy_into (GListStore *to,
           GListModel *from)
{
  for (guint i = 0; i < g_list_model_get_n_items (from); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (from, i);

      g_list_store_append (to, item);
    }
}

/* The verdict a history entry recorded, on an exchange made from it
 * (pf_history_entry_dup_exchange ()): shown, never run, so no hooks. */
PfCorsFlow *
_pf_cors_flow_attach_recorded (PfExchange     *exchange,
                               PfHistoryEntry *entry)
{
  PfRequest *request = pf_exchange_get_request (exchange);
  PfCorsFlow *self = g_object_new (PF_TYPE_CORS_FLOW, NULL);

  self->exchange = exchange;
  self->cache = g_object_ref (pf_profile_get_preflight_cache (pf_exchange_get_profile (exchange)));
  self->origin = pf_cors_serialize_origin (pf_request_get_origin (request));
  self->current_origin = g_strdup (self->origin);
  self->credentials = pf_request_get_credentials (request);
  self->outcome = pf_history_entry_get_cors_outcome (entry);
  self->cross_origin = pf_history_entry_get_cors_cross_origin (entry);
  self->preflight = pf_history_entry_get_cors_preflight (entry);
  self->preflight_cached = pf_history_entry_get_cors_preflight_cached (entry);
  self->preflight_status = pf_history_entry_get_cors_preflight_status (entry);
  copy_into (self->reasons, pf_history_entry_get_cors_reasons (entry));
  copy_into (self->failures, pf_history_entry_get_cors_failures (entry));
  copy_into (self->dropped, pf_history_entry_get_cors_dropped (entry));
  copy_into (self->preflight_headers, pf_history_entry_get_cors_preflight_headers (entry));
  copy_into (self->preflight_response_headers,
             pf_history_entry_get_cors_preflight_response_headers (entry));
  g_strfreev (self->exposed);
  self->exposed = g_strdupv ((GStrv) pf_history_entry_get_cors_exposed_headers (entry));
  g_object_set_data_full (G_OBJECT (exchange), "pf-cors-flow", self, g_object_unref);
  return self;
}
