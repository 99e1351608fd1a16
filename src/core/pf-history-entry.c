/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-history-entry"

#include "config.h"

#include <string.h>

#include "pf-exchange-private.h"
#include "pf-history-entry.h"
#include "pf-history-entry-private.h"
#include "pf-http-syntax.h"
#include "pf-key-value.h"
#include "pf-request-expand.h"
#include "pf-timeline.h"

G_DEFINE_FINAL_TYPE (PfHistoryEntry, pf_history_entry, G_TYPE_OBJECT)

static const char *const outcome_names[] = { "pending", "same-origin", "allowed", "blocked" };
static const char *const failure_names[] = { "none", "network", "timeout", "abort" };

void
_pf_history_file_free (gpointer data)
{
  PfHistoryFile *file = data;

  g_free (file->field);
  g_free (file->name);
  g_free (file);
}

static void
pf_history_entry_finalize (GObject *object)
{
  PfHistoryEntry *self = PF_HISTORY_ENTRY (object);

  g_clear_object (&self->request);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_free (self->method);
  g_free (self->url);
  g_free (self->status_text);
  g_free (self->response_url);
  g_clear_object (&self->response_headers);
  g_free (self->mime_type);
  g_free (self->error_message);
  g_free (self->raw_request_head);
  g_strfreev (self->browser_headers);
  g_free (self->raw_response_head);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_object (&self->spool);
  g_clear_object (&self->cors_reasons);
  g_clear_object (&self->cors_failures);
  g_clear_object (&self->cors_dropped);
  g_clear_object (&self->cors_preflight_headers);
  g_clear_object (&self->cors_preflight_response_headers);
  g_clear_pointer (&self->cors_exposed, g_strfreev);
  g_clear_pointer (&self->secrets, g_strfreev);
  g_clear_pointer (&self->pending_timeline, g_array_unref);
  g_clear_object (&self->pending_body);

  G_OBJECT_CLASS (pf_history_entry_parent_class)->finalize (object);
}

static void
pf_history_entry_class_init (PfHistoryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_history_entry_finalize;
}

static void
pf_history_entry_init (PfHistoryEntry *self)
{
  self->files = g_ptr_array_new_with_free_func (_pf_history_file_free);
  self->response_headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  self->timeline = pf_timeline_new ();
  self->cors_reasons = g_list_store_new (PF_TYPE_CORS_FINDING);
  self->cors_failures = g_list_store_new (PF_TYPE_CORS_FINDING);
  self->cors_dropped = g_list_store_new (PF_TYPE_CORS_FINDING);
  self->cors_preflight_headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  self->cors_preflight_response_headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  self->cors_exposed = g_new0 (char *, 1);
}

/* ---- from an exchange: copies only */

static void
copy_key_values (GListStore *to,
                 GListModel *from)
{
  for (guint i = 0; from != NULL && i < g_list_model_get_n_items (from); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (from, i);
      g_autoptr (PfKeyValue) copy = pf_key_value_copy (row);

      g_list_store_append (to, copy);
    }
}

/* Findings never change once made: the entry shares them. */
static void
share_items (GListStore *to,
             GListModel *from)
{
  for (guint i = 0; from != NULL && i < g_list_model_get_n_items (from); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (from, i);

      g_list_store_append (to, item);
    }
}

static void
copy_cors (PfHistoryEntry *self,
           PfCorsFlow     *flow)
{
  self->has_cors = TRUE;
  self->cors_outcome = pf_cors_flow_get_outcome (flow);
  self->cors_cross_origin = pf_cors_flow_get_cross_origin (flow);
  self->cors_preflight = pf_cors_flow_get_preflight (flow);
  self->cors_preflight_cached = pf_cors_flow_get_preflight_cached (flow);
  self->cors_preflight_status = pf_cors_flow_get_preflight_status (flow);
  share_items (self->cors_reasons, pf_cors_flow_get_reasons (flow));
  share_items (self->cors_failures, pf_cors_flow_get_failures (flow));
  share_items (self->cors_dropped, pf_cors_flow_get_dropped (flow));
  copy_key_values (self->cors_preflight_headers, pf_cors_flow_get_preflight_headers (flow));
  copy_key_values (self->cors_preflight_response_headers,
                   pf_cors_flow_get_preflight_response_headers (flow));
  g_strfreev (self->cors_exposed);
  self->cors_exposed = g_strdupv ((GStrv) pf_cors_flow_get_exposed_headers (flow));
}

/* ---- secrets: what came from a secret variable is masked before anything is kept */

static void
mask_text (char              **slot,
           const char *const  *secrets)
{
  char *masked;

  if (*slot == NULL || secrets == NULL)
    return;
  masked = pf_variables_mask (*slot, secrets);
  g_free (*slot);
  *slot = masked;
}

static void
mask_key_values (GListModel        *rows,
                 const char *const *secrets)
{
  for (guint i = 0; secrets != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);
      g_autofree char *name = pf_variables_mask (pf_key_value_get_name (row), secrets);
      g_autofree char *value = pf_variables_mask (pf_key_value_get_value (row), secrets);

      pf_key_value_set_name (row, name);
      pf_key_value_set_value (row, value);
    }
}

static void
mask_request (PfRequest         *request,
              const char *const *secrets)
{
  static const char *const properties[] = { "url", "body-text", "body-file", "origin" };

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      g_autofree char *text = NULL;

      g_object_get (request, properties[i], &text, NULL);
      mask_text (&text, secrets);
      g_object_set (request, properties[i], text, NULL);
    }
  mask_key_values (pf_request_get_headers (request), secrets);
  mask_key_values (pf_request_get_fields (request), secrets);
}

/* A text body with the secrets masked; a binary one as it is. */
GBytes *
_pf_history_mask_body (GBytes            *body,
                       const char *const *secrets)
{
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *masked = NULL;

  if (body == NULL || secrets == NULL || memchr (data, '\0', len) != NULL)
    return body ? g_bytes_ref (body) : NULL;
  text = g_strndup (data, len);
  masked = pf_variables_mask (text, secrets);
  len = strlen (masked);
  return g_bytes_new_take (g_steal_pointer (&masked), len);
}

/* Everything the entry copied that could hold a secret's value. */
static void
mask_secrets (PfHistoryEntry    *self,
              const char *const *secrets)
{
  GBytes *body;

  if (secrets == NULL)
    return;
  mask_request (self->request, secrets);
  mask_text (&self->url, secrets);
  mask_text (&self->response_url, secrets);
  mask_text (&self->error_message, secrets);
  mask_text (&self->raw_request_head, secrets);
  mask_text (&self->raw_response_head, secrets);
  mask_key_values (G_LIST_MODEL (self->response_headers), secrets);
  mask_key_values (G_LIST_MODEL (self->cors_preflight_headers), secrets);
  mask_key_values (G_LIST_MODEL (self->cors_preflight_response_headers), secrets);
  body = _pf_history_mask_body (self->body, secrets);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body;
}

/* The records hold the text of each chunk of a streamed body: as big as the body, so they are
 * copied on the writer thread. */
static void
copy_timeline (PfHistoryEntry    *self,
               GArray            *records,
               const char *const *secrets)
{
  for (guint i = 0; i < records->len; i++)
    {
      PfTimelineRecord copy;

      pf_timeline_record_copy (&copy, &g_array_index (records, PfTimelineRecord, i));
      mask_text (&copy.detail, secrets);
      pf_timeline_append (self->timeline, &copy);
    }
}

/* A body in memory gives its first part (up to the size it had when snapshotted); one spooled
 * to a file is read later, by _pf_history_entry_fill_row () (the entry holds the store, so the
 * file outlives the exchange). */
static void
copy_body (PfHistoryEntry *self,
           PfBodyStore    *store)
{
  self->body = pf_body_store_dup_head (store, MIN (self->body_limit, self->body_size));
  if (self->body == NULL && pf_body_store_get_file (store) != NULL)
    self->spool = g_object_ref (store);
}

/* What history must not keep besides secret variables: the credentials the request carried
 * (a password, a token, the Authorization value made of them). Shorter than four characters
 * they are not looked for in text (masking every "a" would say nothing); the Authorization
 * header itself is masked in the raw head whatever its length. NULL when there are none. */
static GStrv
collect_masked (PfRequest         *request,
                const char *const *secrets)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *authorization = pf_request_dup_authorization (request);
  const char *values[] = {
    pf_request_get_auth_password (request), pf_request_get_auth_token (request),
    pf_request_get_open_password (request), authorization,
    authorization ? strchr (authorization, ' ') : NULL,
  };
  gboolean any = secrets != NULL && secrets[0] != NULL;

  for (guint i = 0; secrets != NULL && secrets[i] != NULL; i++)
    g_strv_builder_add (builder, secrets[i]);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *value = values[i] ? values[i] + strspn (values[i], " ") : NULL;

      if (value != NULL && strlen (value) >= 4)
        {
          g_strv_builder_add (builder, value);
          any = TRUE;
        }
    }
  return any ? g_strv_builder_end (builder) : NULL;
}

/* What @exchange was, copying what is small and sharing what is big: cheap, for the main
 * thread when an exchange ends. _pf_history_entry_complete () finishes it on another thread;
 * until then nobody else may use it. */
PfHistoryEntry *
_pf_history_entry_new_snapshot (PfExchange *exchange,
                                gsize       body_limit)
{
  PfHistoryEntry *self;
  PfCorsFlow *flow;

  g_return_val_if_fail (PF_IS_EXCHANGE (exchange), NULL);

  self = g_object_new (PF_TYPE_HISTORY_ENTRY, NULL);
  self->pending = TRUE;
  self->secrets =
    collect_masked (pf_exchange_get_request (exchange), pf_exchange_get_secrets (exchange));
  self->time_us = g_get_real_time ();
  self->request = pf_request_copy (pf_exchange_get_request (exchange));
  self->method = g_strdup (pf_exchange_get_method (exchange));
  self->url = g_strdup (pf_exchange_get_url (exchange));
  self->status = pf_exchange_get_status (exchange);
  self->status_text = g_strdup (pf_exchange_get_status_text (exchange));
  self->server_status = pf_exchange_get_server_status (exchange);
  self->response_url = g_strdup (pf_exchange_get_response_url (exchange));
  copy_key_values (self->response_headers, pf_exchange_get_response_headers (exchange));
  self->mime_type = g_strdup (pf_exchange_get_mime_type (exchange));
  self->failure = pf_exchange_get_failure (exchange);
  self->error_message = g_strdup (pf_exchange_get_error_message (exchange));
  self->duration_us = pf_exchange_get_elapsed_us (exchange);
  self->raw_request_head = pf_exchange_get_raw_request_head (exchange)
                             ? pf_http_mask_credentials (pf_exchange_get_raw_request_head (exchange))
                             : NULL;
  self->browser_headers = g_strdupv ((GStrv) pf_exchange_get_browser_headers (exchange));
  self->raw_response_head = pf_exchange_dup_raw_response_head (exchange);
  self->pending_timeline = pf_timeline_snapshot (PF_TIMELINE (pf_exchange_get_timeline (exchange)));
  self->body_limit = body_limit;
  if (exchange->store != NULL)
    {
      self->body_size = pf_body_store_get_size (exchange->store);
      self->pending_body = g_object_ref (exchange->store);
    }
  flow = pf_cors_flow_get_for (exchange);
  if (flow != NULL)
    copy_cors (self, flow);
  return self;
}

/* Copies the big parts of a snapshot (the timeline, the body's first part) and masks the
 * secrets everywhere; on any thread, once. */
void
_pf_history_entry_complete (PfHistoryEntry *self)
{
  g_return_if_fail (PF_IS_HISTORY_ENTRY (self));

  if (!self->pending)
    return;
  self->pending = FALSE;
  copy_timeline (self, self->pending_timeline, (const char *const *) self->secrets);
  g_clear_pointer (&self->pending_timeline, g_array_unref);
  if (self->pending_body != NULL)
    copy_body (self, self->pending_body);
  g_clear_object (&self->pending_body);
  mask_secrets (self, (const char *const *) self->secrets);
}

/* Copies what @exchange was, keeping at most @body_limit bytes of its body. The values of
 * secret variables (pf_exchange_set_secrets ()) and the request's credentials are masked
 * everywhere, the body included. pf_history_record_exchange () does the same with only a
 * snapshot on the calling thread. */
PfHistoryEntry *
pf_history_entry_new_from_exchange (PfExchange *exchange,
                                    gsize       body_limit)
{
  PfHistoryEntry *self;

  g_return_val_if_fail (PF_IS_EXCHANGE (exchange), NULL);
  self = _pf_history_entry_new_snapshot (exchange, body_limit);
  _pf_history_entry_complete (self);
  return self;
}

/* ---- getters */

gint64
pf_history_entry_get_id (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), 0);
  return self->id;
}

/* When the exchange ended, in microseconds since the Unix epoch. */
gint64
pf_history_entry_get_time_us (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), 0);
  return self->time_us;
}

/* The request as it was composed: read it, never change it (dup_request is for that). */
PfRequest *
pf_history_entry_get_request (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->request;
}

/* A new request like the one sent, for "Send Again". */
PfRequest *
pf_history_entry_dup_request (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return pf_request_copy (self->request);
}

/* The files the request body named, as recorded: an entry read back from history knows them
 * (the body's own file has a NULL @field); a size of -1 means the file could not be read. */
guint
pf_history_entry_get_n_files (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), 0);
  return self->files->len;
}

gboolean
pf_history_entry_get_file (PfHistoryEntry *self,
                           guint           position,
                           const char    **field,
                           const char    **name,
                           gint64         *size)
{
  PfHistoryFile *file;

  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), FALSE);
  if (position >= self->files->len)
    return FALSE;
  file = self->files->pdata[position];
  if (field != NULL)
    *field = file->field;
  if (name != NULL)
    *name = file->name;
  if (size != NULL)
    *size = file->size;
  return TRUE;
}

const char *
pf_history_entry_get_method (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->method;
}

const char *
pf_history_entry_get_url (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->url;
}

guint
pf_history_entry_get_status (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), 0);
  return self->status;
}

const char *
pf_history_entry_get_status_text (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->status_text;
}

guint
pf_history_entry_get_server_status (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), 0);
  return self->server_status;
}

const char *
pf_history_entry_get_response_url (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->response_url;
}

GListModel *
pf_history_entry_get_response_headers (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return G_LIST_MODEL (self->response_headers);
}

const char *
pf_history_entry_get_mime_type (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->mime_type;
}

PfFailure
pf_history_entry_get_failure (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), PF_FAILURE_NONE);
  return self->failure;
}

const char *
pf_history_entry_get_error_message (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->error_message;
}

gint64
pf_history_entry_get_duration_us (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), 0);
  return self->duration_us;
}

const char *
pf_history_entry_get_raw_request_head (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->raw_request_head;
}

const char *
pf_history_entry_get_raw_response_head (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->raw_response_head;
}

/* The timeline as a PfTimeline: a list of PfTimelineEntry, as the exchange's. */
GListModel *
pf_history_entry_get_timeline (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return G_LIST_MODEL (self->timeline);
}

/* The body's first part (all of it unless get_body_truncated), NULL when none was kept. */
GBytes *
pf_history_entry_get_body (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->body;
}

guint64
pf_history_entry_get_body_size (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), 0);
  return self->body_size;
}

gboolean
pf_history_entry_get_body_truncated (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), FALSE);
  return self->body != NULL && g_bytes_get_size (self->body) < self->body_size;
}

gboolean
pf_history_entry_get_has_cors (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), FALSE);
  return self->has_cors;
}

PfCorsOutcome
pf_history_entry_get_cors_outcome (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), PF_CORS_OUTCOME_PENDING);
  return self->cors_outcome;
}

/* The outcome's name as PfCorsFlow gives it, NULL when no CORS flow took part. */
const char *
pf_history_entry_get_cors_outcome_name (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return self->has_cors ? outcome_names[self->cors_outcome] : NULL;
}

gboolean
pf_history_entry_get_cors_cross_origin (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), FALSE);
  return self->cors_cross_origin;
}

gboolean
pf_history_entry_get_cors_preflight (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), FALSE);
  return self->cors_preflight;
}

gboolean
pf_history_entry_get_cors_preflight_cached (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), FALSE);
  return self->cors_preflight_cached;
}

guint
pf_history_entry_get_cors_preflight_status (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), 0);
  return self->cors_preflight_status;
}

GListModel *
pf_history_entry_get_cors_reasons (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return G_LIST_MODEL (self->cors_reasons);
}

GListModel *
pf_history_entry_get_cors_failures (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return G_LIST_MODEL (self->cors_failures);
}

GListModel *
pf_history_entry_get_cors_dropped (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return G_LIST_MODEL (self->cors_dropped);
}

GListModel *
pf_history_entry_get_cors_preflight_headers (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return G_LIST_MODEL (self->cors_preflight_headers);
}

GListModel *
pf_history_entry_get_cors_preflight_response_headers (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return G_LIST_MODEL (self->cors_preflight_response_headers);
}

const char *const *
pf_history_entry_get_cors_exposed_headers (PfHistoryEntry *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ENTRY (self), NULL);
  return (const char *const *) self->cors_exposed;
}

/* ---- to and from a row: the JSON is in pf-history-entry-json.c */

const char *
_pf_history_outcome_name (PfCorsOutcome outcome)
{
  return outcome_names[outcome];
}

PfCorsOutcome
_pf_history_outcome_from_name (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (outcome_names); i++)
    if (g_str_equal (name, outcome_names[i]))
      return i;
  return PF_CORS_OUTCOME_PENDING;
}

const char *
_pf_history_failure_name (PfFailure failure)
{
  return failure_names[failure];
}

PfFailure
_pf_history_failure_from_name (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (failure_names); i++)
    if (g_str_equal (name, failure_names[i]))
      return i;
  return PF_FAILURE_NONE;
}

/* Tests only: an entry from another time, for retention by age. */
void
_pf_history_entry_set_time_us (PfHistoryEntry *self,
                               gint64          time_us)
{
  self->time_us = time_us;
}
