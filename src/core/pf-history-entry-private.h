/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-body-store.h"
#include "pf-history-private.h"
#include "pf-timeline.h"

G_BEGIN_DECLS

/* What an exchange was, as history keeps it: the request as composed, what came back, the
 * timeline, the CORS verdict and the body's first part. Made from a finished exchange in two
 * steps: a snapshot on the main thread that copies what is small and shares what is big (the
 * timeline's records, the body store), then on the writer thread the copying of the big parts
 * and the masking of secrets (_pf_history_entry_complete ()), before the JSON and the database;
 * or made from a database row. Never changed once complete. */
struct _PfHistoryEntry
{
  GObject parent_instance;

  gint64 id;
  gint64 time_us;

  /* The request as composed, and the files it names: (field, name, size) */
  PfRequest *request;
  GPtrArray *files;

  /* What went out and what came back */
  char *method;
  char *url;
  guint status;
  char *status_text;
  guint server_status;
  char *response_url;
  GListStore *response_headers;
  char *mime_type;
  PfFailure failure;
  char *error_message;
  gint64 duration_us;
  char *raw_request_head;
  GStrv browser_headers;    /* the names in it the browser added, or NULL */
  char *raw_response_head;
  PfTimeline *timeline;

  /* The body's first part; a body spooled to a file is read on the writer thread */
  GBytes *body;
  guint64 body_size;
  PfBodyStore *spool;
  gsize body_limit;
  GStrv secrets;  /* values of secret variables, masked in a spooled body when it is read */

  /* A snapshot's, until it is complete: the exchange's timeline records (shared, read-only)
   * and its body store */
  gboolean pending;
  GArray *pending_timeline;
  PfBodyStore *pending_body;

  /* The CORS verdict, when a flow took part */
  gboolean has_cors;
  PfCorsOutcome cors_outcome;
  gboolean cors_cross_origin;
  gboolean cors_preflight;
  gboolean cors_preflight_cached;
  guint cors_preflight_status;
  GListStore *cors_reasons;
  GListStore *cors_failures;
  GListStore *cors_dropped;
  GListStore *cors_preflight_headers;
  GListStore *cors_preflight_response_headers;
  GStrv cors_exposed;
};

typedef struct
{
  char *field;
  char *name;
  gint64 size;
} PfHistoryFile;

const char    *_pf_history_outcome_name      (PfCorsOutcome  outcome);
PfCorsOutcome  _pf_history_outcome_from_name (const char    *name);
const char    *_pf_history_failure_name      (PfFailure      failure);
PfFailure      _pf_history_failure_from_name (const char    *name);
void           _pf_history_file_free         (gpointer       file);
void           _pf_history_entry_set_time_us (PfHistoryEntry *self,
                                              gint64          time_us);
GBytes        *_pf_history_mask_body         (GBytes            *body,
                                              const char *const *secrets);
/* In pf-cors-flow.c: the flow @entry recorded, attached to @exchange to be shown only. */
PfCorsFlow    *_pf_cors_flow_attach_recorded (PfExchange     *exchange,
                                              PfHistoryEntry *entry);

G_END_DECLS
