/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-exchange-private.h"
#include "pf-exchange-response.h"

G_DEFINE_FINAL_TYPE (PfExchange, pf_exchange, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfReadyState, pf_ready_state, G_DEFINE_ENUM_VALUE (PF_READY_STATE_UNSENT, "unsent"), G_DEFINE_ENUM_VALUE (PF_READY_STATE_OPENED, "opened"), G_DEFINE_ENUM_VALUE (PF_READY_STATE_HEADERS_RECEIVED, "headers-received"), G_DEFINE_ENUM_VALUE (PF_READY_STATE_LOADING, "loading"), G_DEFINE_ENUM_VALUE (PF_READY_STATE_DONE, "done"))

G_DEFINE_ENUM_TYPE (PfFailure, pf_failure, G_DEFINE_ENUM_VALUE (PF_FAILURE_NONE, "none"), G_DEFINE_ENUM_VALUE (PF_FAILURE_NETWORK, "network"), G_DEFINE_ENUM_VALUE (PF_FAILURE_TIMEOUT, "timeout"), G_DEFINE_ENUM_VALUE (PF_FAILURE_ABORT, "abort"))

/* XHR: the constants' names, as a script spells them (xhr.HEADERS_RECEIVED is 2). */
const char *
pf_ready_state_get_name (PfReadyState state)
{
  static const char *const names[] = { "UNSENT", "OPENED", "HEADERS_RECEIVED", "LOADING", "DONE" };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

enum
{
  PROP_0,
  PROP_READY_STATE,
  PROP_STATUS,
  PROP_LOADED,
  PROP_UPLOAD_LOADED,
  PROP_FAILURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_exchange_dispose (GObject *object)
{
  PfExchange *self = PF_EXCHANGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  _pf_exchange_drop_message (self);
  _pf_exchange_net_clear (self);

  G_OBJECT_CLASS (pf_exchange_parent_class)->dispose (object);
}

static void
pf_exchange_finalize (GObject *object)
{
  PfExchange *self = PF_EXCHANGE (object);

  g_clear_pointer (&self->image_head, g_byte_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->profile);
  g_clear_object (&self->request);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->response_head, soup_message_headers_unref);
  g_clear_object (&self->response_headers);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sink);
  g_clear_object (&self->store);
  g_clear_object (&self->body);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->response_url, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->exposed, g_strfreev);
  g_clear_pointer (&self->raw_request_head, g_free);
  g_clear_pointer (&self->browser_headers, g_strfreev);
  g_clear_pointer (&self->remote_address, g_free);
  g_clear_object (&self->tls);

  g_clear_pointer (&self->sync_exception, g_free);
  g_clear_pointer (&self->xml_root, g_free);
  g_clear_pointer (&self->secrets, g_strfreev);
  G_OBJECT_CLASS (pf_exchange_parent_class)->finalize (object);
}

static void
pf_exchange_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  PfExchange *self = PF_EXCHANGE (object);

  switch (prop_id)
    {
    case PROP_READY_STATE:
      g_value_set_enum (value, self->ready_state);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_LOADED:
      g_value_set_uint64 (value, self->received);
      break;
    case PROP_UPLOAD_LOADED:
      g_value_set_uint64 (value, self->upload_loaded);
      break;
    case PROP_FAILURE:
      g_value_set_enum (value, self->failure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_exchange_class_init (PfExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pf_exchange_dispose;
  object_class->finalize = pf_exchange_finalize;
  object_class->get_property = pf_exchange_get_property;

  properties[PROP_READY_STATE] = g_param_spec_enum ("ready-state", NULL, NULL, PF_TYPE_READY_STATE,
                                                    PF_READY_STATE_UNSENT, flags);
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, 999, 0, flags);
  properties[PROP_LOADED] = g_param_spec_uint64 ("loaded", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_UPLOAD_LOADED] =
      g_param_spec_uint64 ("upload-loaded", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_FAILURE] =
      g_param_spec_enum ("failure", NULL, NULL, PF_TYPE_FAILURE, PF_FAILURE_NONE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_exchange_init (PfExchange *self)
{
  self->records = pf_timeline_records_new ();
  self->cancellable = g_cancellable_new ();
  self->memory_limit = PF_BODY_STORE_DEFAULT_MEMORY_LIMIT;
  self->status_text = g_strdup ("");
  self->mime_type = g_strdup ("");
  self->not_utf8_at = G_MAXUINT64;
  self->net.not_utf8_at = G_MAXUINT64;
  self->warnings = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

PfExchange *
pf_exchange_new (PfProfile *profile,
                 PfRequest *request)
{
  PfExchange *self;

  g_return_val_if_fail (PF_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);

  self = g_object_new (PF_TYPE_EXCHANGE, NULL);
  self->profile = g_object_ref (profile);
  self->session = g_object_ref (pf_profile_get_session (profile));
  self->request = g_object_ref (request);
  _pf_exchange_net_init (self, profile);
  return self;
}

/* Send the body to @sink instead of keeping it (the CLI's -o). Call before sending. */
void
pf_exchange_set_body_sink (PfExchange *self,
                           GOutputStream *sink)
{
  g_return_if_fail (PF_IS_EXCHANGE (self));
  g_return_if_fail (self->task == NULL);
  g_set_object (&self->sink, sink);
}

void
pf_exchange_set_memory_limit (PfExchange *self,
                              gsize limit)
{
  g_return_if_fail (PF_IS_EXCHANGE (self));
  self->memory_limit = limit;
}

/* A policy (the CORS flow) joins the exchange; the exchange keeps @data alive. */
void
_pf_exchange_set_hooks (PfExchange *self,
                        const PfExchangeHooks *hooks,
                        GObject *data)
{
  g_assert (self->hooks == NULL && self->task == NULL);
  self->hooks = hooks;
  self->hooks_data = data;
  g_object_set_data_full (G_OBJECT (self), "pf-exchange-hooks-data", g_object_ref (data),
                          g_object_unref);
}

/* Keeps send_async () from completing while a policy's own request is under way. */
void
_pf_exchange_hold (PfExchange *self)
{
  self->in_flight++;
}

void
_pf_exchange_release (PfExchange *self)
{
  self->in_flight--;
  _pf_exchange_maybe_complete (self);
}

/* Under CORS, the response headers a script may read (NULL: all but Set-Cookie). */
void
_pf_exchange_set_exposed (PfExchange *self,
                          GStrv names)
{
  g_strfreev (self->exposed);
  self->exposed = names;
}

gint64
_pf_exchange_now (PfExchange *self)
{
  return g_get_monotonic_time () - self->t0;
}

void
_pf_exchange_set_ready_state (PfExchange *self,
                              PfReadyState state,
                              gboolean fire)
{
  if (self->ready_state != state)
    {
      self->ready_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY_STATE]);
    }
  if (!fire || self->image || self->xdr)
    return;
  /* XHR: a synchronous request fires readystatechange only for OPENED and DONE. */
  if (self->sync && (state == PF_READY_STATE_HEADERS_RECEIVED || state == PF_READY_STATE_LOADING))
    return;
  _pf_exchange_append (self, pf_timeline_record_event (PF_TARGET_XHR, "readystatechange", state,
                                                       0, 0, _pf_exchange_now (self)));
}

/* Appends @record to the timeline, which takes its detail; to its records while nobody has
 * asked for its list model (a run the CLI prints makes none). */
void
_pf_exchange_append (PfExchange *self,
                     PfTimelineRecord record)
{
  if (self->timeline != NULL)
    pf_timeline_append (self->timeline, &record);
  else
    g_array_append_val (self->records, record);
}

/* XHR: fire a progress event named @type at @target with @loaded and @total. */
void
_pf_exchange_fire (PfExchange *self,
                   PfTarget target,
                   const char *type,
                   guint64 loaded,
                   guint64 total)
{
  /* An <img> has no readyState and no progress events. */
  if (self->image)
    return;
  /* XDomainRequest has onprogress, onload, onerror and ontimeout only. */
  if (self->xdr && (target != PF_TARGET_XHR || g_str_equal (type, "loadstart") ||
                    g_str_equal (type, "loadend") || g_str_equal (type, "abort")))
    return;
  /* XHR send (): no loadstart, progress or upload event for a synchronous request. */
  if (self->sync && (target == PF_TARGET_UPLOAD || g_str_equal (type, "loadstart") ||
                     g_str_equal (type, "progress")))
    return;
  _pf_exchange_append (self, pf_timeline_record_event (target, type, self->ready_state, loaded,
                                                       total, _pf_exchange_now (self)));
}

/* An image ping's one event, all its page learns: load (the body is an image the browser
 * draws) or error. */
void
_pf_exchange_fire_image (PfExchange *self,
                         gboolean loaded)
{
  self->image_event = loaded ? "load" : "error";
  _pf_exchange_append (self, pf_timeline_record_event (PF_TARGET_IMAGE, loaded ? "load" : "error",
                                                       self->ready_state, 0, 0,
                                                       _pf_exchange_now (self)));
}

void
_pf_exchange_notify_progress (PfExchange *self,
                              gboolean upload)
{
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[upload ? PROP_UPLOAD_LOADED : PROP_LOADED]);
}

void
_pf_exchange_set_status (PfExchange *self,
                         guint status,
                         const char *status_text)
{
  g_free (self->status_text);
  self->status_text = g_strdup (status_text ? status_text : "");
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* Completes send_async () once the terminal events have fired and nothing of ours is
 * still in flight, so a finished exchange holds no pending callbacks. */
void
_pf_exchange_maybe_complete (PfExchange *self)
{
  g_autoptr (GTask) task = NULL;

  if (!self->done || self->in_flight > 0 || self->task == NULL)
    return;
  task = g_steal_pointer (&self->task);
  if (self->caller_cancellable != NULL)
    g_cancellable_disconnect (self->caller_cancellable, self->caller_cancel_id);
  g_clear_object (&self->caller_cancellable);
  g_task_return_boolean (task, TRUE);
}

/* A synchronous request has ended: the page was frozen from send () until now, a band on the
 * timeline. */
void
_pf_exchange_end_sync (PfExchange *self)
{
  if (!self->sync)
    return;
  _pf_exchange_append (self, pf_timeline_record_phase ("frozen", 0, self->end_us));
}

static const char *
failure_event (PfFailure failure)
{
  switch (failure)
    {
    case PF_FAILURE_TIMEOUT:
      return "timeout";
    case PF_FAILURE_ABORT:
      return "abort";
    case PF_FAILURE_NETWORK:
    case PF_FAILURE_NONE:
    default:
      return "error";
    }
}

/* XHR "request error steps": readyState 4, then the event and loadend at the upload
 * object (if its body was still being sent) and at the XHR object, all with 0 and 0. */
void
_pf_exchange_fail (PfExchange *self,
                   PfFailure failure,
                   const char *message)
{
  const char *event = failure_event (failure);

  if (self->done)
    return;
  self->done = TRUE;
  self->end_us = _pf_exchange_now (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  self->failure = failure;
  self->error_message = g_strdup (message);
  _pf_exchange_set_status (self, 0, "");
  _pf_exchange_append_phases (self);
  _pf_exchange_end_sync (self);
  /* XHR "request error steps": a synchronous send () throws instead of firing events. */
  _pf_exchange_set_ready_state (self, PF_READY_STATE_DONE, !self->sync);
  if (self->sync)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE]);
      _pf_exchange_drop_message (self);
      _pf_exchange_maybe_complete (self);
      return;
    }
  if (!self->upload_complete)
    {
      self->upload_complete = TRUE;
      if (self->has_upload)
        {
          _pf_exchange_fire (self, PF_TARGET_UPLOAD, event, 0, 0);
          _pf_exchange_fire (self, PF_TARGET_UPLOAD, "loadend", 0, 0);
        }
    }
  _pf_exchange_fire (self, PF_TARGET_XHR, event, 0, 0);
  _pf_exchange_fire (self, PF_TARGET_XHR, "loadend", 0, 0);
  /* An image whose load is stopped fires nothing; one that fails, error. */
  if (self->image && failure != PF_FAILURE_ABORT)
    _pf_exchange_fire_image (self, FALSE);
  /* XHR abort (): a request that was aborted ends in UNSENT, without an event. */
  if (failure == PF_FAILURE_ABORT)
    _pf_exchange_set_ready_state (self, PF_READY_STATE_UNSENT, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE]);
  _pf_exchange_drop_message (self);
  _pf_exchange_maybe_complete (self);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     PfExchange *self)
{
  pf_exchange_abort (self);
}

static void
body_loaded_cb (GObject *object,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (PfExchange) self = user_data;
  GError *error = NULL;

  self->in_flight--;
  self->body = pf_request_body_load_finish (result, &error);
  if (self->body == NULL)
    {
      g_autoptr (GTask) task = g_steal_pointer (&self->task);

      /* Aborted before anything was sent: nothing was opened, nothing to report. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          g_task_return_boolean (task, TRUE);
          return;
        }
      g_task_return_error (task, error);
      return;
    }
  _pf_exchange_start (self);
}

/* XHR send (): if the method is GET or HEAD, the body is null; there is nothing to read, and
 * the send goes on at the next turn, as after a body that was read. */
static gboolean
null_body_cb (gpointer user_data)
{
  PfExchange *self = user_data;

  self->in_flight--;
  /* Aborted before anything was sent: nothing was opened, nothing to report. */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr (GTask) task = g_steal_pointer (&self->task);

      g_task_return_boolean (task, TRUE);
      return G_SOURCE_REMOVE;
    }
  _pf_exchange_start (self);
  return G_SOURCE_REMOVE;
}

static void
load_body (PfExchange *self)
{
  GSource *source;

  self->in_flight++;
  /* An image is read as its request says, then sent without a body (_pf_exchange_start ()). */
  if (self->image || (!g_str_equal (self->method, "GET") && !g_str_equal (self->method, "HEAD")))
    {
      pf_request_body_load_async (self->request, self->cancellable, body_loaded_cb,
                                  g_object_ref (self));
      return;
    }
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, null_body_cb, g_object_ref (self), g_object_unref);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

/* Validates the request, reads its body files, then runs open () + send () and completes
 * when loadend has fired. It fails only for bad input (PF_REQUEST_ERROR), before any
 * event; network trouble, timeouts and aborts are outcomes, read with get_failure (). */
void
pf_exchange_send_async (PfExchange *self,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (PF_IS_EXCHANGE (self));
  g_return_if_fail (self->task == NULL && self->ready_state == PF_READY_STATE_UNSENT);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_exchange_send_async);
  if (!pf_request_validate (self->request, &error) ||
      !(self->url = pf_request_build_url (self->request, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  self->image = pf_request_get_initiator (self->request) == PF_INITIATOR_IMAGE;
  /* An image is fetched with GET, whatever the request says. */
  self->method = self->image ? g_strdup ("GET") : pf_request_dup_effective_method (self->request);
  self->sync = !self->image && pf_request_get_sync (self->request);
  self->xdr = !self->image && pf_request_get_xdr (self->request);
  /* Chromium's words; the XHR standard names only the NetworkError. */
  if (self->sync)
    self->sync_exception = g_strdup_printf ("NetworkError: Failed to execute 'send' on "
                                            "'XMLHttpRequest': Failed to load '%s'.",
                                            self->url);
  self->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->caller_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                      self, NULL);
    }
  load_body (self);
}

gboolean
pf_exchange_send_finish (PfExchange *self,
                         GAsyncResult *result,
                         GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* XHR abort (): while a fetch is under way, run the request error steps with "abort"; a
 * finished request silently goes back to UNSENT. */
void
pf_exchange_abort (PfExchange *self)
{
  g_return_if_fail (PF_IS_EXCHANGE (self));

  if (self->done)
    {
      _pf_exchange_set_ready_state (self, PF_READY_STATE_UNSENT, FALSE);
      return;
    }
  if (self->ready_state == PF_READY_STATE_UNSENT)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  _pf_exchange_fail (self, PF_FAILURE_ABORT, _ ("The request was aborted"));
}

/* For an image ping (PF_INITIATOR_IMAGE): the event its page got, "load" or "error", or
 * NULL while it loads (and for an XHR, or an image whose load was aborted). */
const char *
pf_exchange_get_image_event (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->image_event;
}

PfRequest *
pf_exchange_get_request (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->request;
}

/* The values of the secret variables the request was expanded with (pf_request_expand_full
 * ()): the window shows them masked and history keeps them out. */
void
pf_exchange_set_secrets (PfExchange *self,
                         const char *const *secrets)
{
  g_return_if_fail (PF_IS_EXCHANGE (self));
  g_strfreev (self->secrets);
  self->secrets = secrets != NULL && secrets[0] != NULL ? g_strdupv ((GStrv) secrets) : NULL;
}

/* The secrets set with pf_exchange_set_secrets (), or NULL. */
const char *const *
pf_exchange_get_secrets (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return (const char *const *) self->secrets;
}

/* The browser profile the exchange runs in: its session, cookies and preflight cache. */
PfProfile *
pf_exchange_get_profile (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->profile;
}

const char *
pf_exchange_get_method (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->method;
}

const char *
pf_exchange_get_url (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->url;
}

PfReadyState
pf_exchange_get_ready_state (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), PF_READY_STATE_UNSENT);
  return self->ready_state;
}

/* The timeline as a list model of PfTimelineEntry, made the first time it is asked for. */
GListModel *
pf_exchange_get_timeline (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);

  if (self->timeline == NULL)
    self->timeline = pf_timeline_new_taking (g_steal_pointer (&self->records));
  return G_LIST_MODEL (self->timeline);
}

/* The timeline's record at @position, or NULL past the end, valid until the exchange is
 * freed; read without making the list model, for a reader that does not watch (the CLI). */
const PfTimelineRecord *
pf_exchange_get_record (PfExchange *self,
                        guint position)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);

  if (self->timeline != NULL)
    return pf_timeline_get_record (self->timeline, position);
  if (position >= self->records->len)
    return NULL;
  return &g_array_index (self->records, PfTimelineRecord, position);
}

PfFailure
pf_exchange_get_failure (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), PF_FAILURE_NONE);
  return self->failure;
}

/* NULL, "network", "timeout" or "abort": the CLI's "error" field. */
const char *
pf_exchange_get_failure_name (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  switch (self->failure)
    {
    case PF_FAILURE_NETWORK:
      return "network";
    case PF_FAILURE_TIMEOUT:
      return "timeout";
    case PF_FAILURE_ABORT:
      return "abort";
    case PF_FAILURE_NONE:
    default:
      return NULL;
    }
}

/* The exception a synchronous send () threw (it fires no error event), or NULL. */
const char *
pf_exchange_get_exception (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->sync && self->failure != PF_FAILURE_NONE ? self->sync_exception : NULL;
}

/* Whether the request ran as an XDomainRequest: its page sees no status and no header. */
gboolean
pf_exchange_get_xdr (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), FALSE);
  return self->xdr;
}

/* Whether the request was synchronous: the page was frozen while it ran. */
gboolean
pf_exchange_get_sync (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), FALSE);
  return self->sync;
}

const char *
pf_exchange_get_error_message (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->error_message;
}

/* Takes @warning: something the server did wrong that did not fail the exchange. */
void
_pf_exchange_add_warning (PfExchange *self,
                          char *warning)
{
  g_ptr_array_add (self->warnings, warning);
}

/* What the server did wrong without failing the exchange (a body longer than its
 * Content-Length, text that is not UTF-8), in words; an empty list when nothing. */
const char *const *
pf_exchange_get_warnings (PfExchange *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  /* An empty array may have no storage yet. */
  return self->warnings->len > 0 ? (const char *const *) self->warnings->pdata : none;
}

/* The status a script sees: 0 after a network error, timeout or abort. */
guint
pf_exchange_get_status (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->status;
}

const char *
pf_exchange_get_status_text (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->status_text;
}

/* The status the server really sent, kept when a script would see 0. */
guint
pf_exchange_get_server_status (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->server_status;
}

const char *
pf_exchange_get_response_url (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->response_url ? self->response_url : "";
}

/* The headers the server sent, as PfKeyValue rows. libsoup 3.2 keeps well-known headers
 * apart from the others, so within each group they are in arrival order. The rows are made
 * when first asked for (a run that nobody looks at pays nothing) and follow every hop. */
GListModel *
pf_exchange_get_response_headers (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);

  if (self->response_headers == NULL)
    {
      self->response_headers = g_list_store_new (PF_TYPE_KEY_VALUE);
      _pf_exchange_fill_response_rows (self);
    }
  return G_LIST_MODEL (self->response_headers);
}

/* The same headers as libsoup holds them (iterate with SoupMessageHeadersIter), or NULL
 * before a response arrived. */
SoupMessageHeaders *
pf_exchange_get_response_head (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->response_head;
}

const char *
pf_exchange_get_mime_type (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->mime_type;
}

gboolean
pf_exchange_get_response_xml (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), FALSE);
  return self->response_xml;
}

guint64
pf_exchange_get_loaded (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->received;
}

guint64
pf_exchange_get_total (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->total;
}

guint64
pf_exchange_get_upload_loaded (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->upload_loaded;
}

guint64
pf_exchange_get_upload_total (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->upload_total;
}

/* The body when it is held in memory; NULL when spooled, sent to a sink or absent. */
GBytes *
pf_exchange_dup_body_bytes (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->store ? pf_body_store_dup_bytes (self->store) : NULL;
}

GFile *
pf_exchange_get_body_file (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->store ? pf_body_store_get_file (self->store) : NULL;
}

/* When send () was called, in µs since the epoch (wall clock); 0 before. */
gint64
pf_exchange_get_started_real_us (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->started_real_us;
}

/* The request body as it was sent (NULL without one, or for an exchange read back from
 * history, whose request holds what was composed). */
PfRequestBody *
pf_exchange_get_request_body (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->body;
}

gint64
pf_exchange_get_elapsed_us (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  if (self->t0 == 0)
    return 0;
  return (self->done ? self->end_us : _pf_exchange_now (self));
}
