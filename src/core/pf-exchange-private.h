/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-body-store.h"
#include "pf-exchange.h"
#include "pf-request-body.h"
#include "pf-tls-info.h"

G_BEGIN_DECLS

/* How a policy (the CORS flow) takes part in an exchange's hops. */
typedef struct
{
  /* Before each hop, the first and each redirect's: ends with _pf_exchange_send_hop () or
   * _pf_exchange_fail (), now or later (holding the exchange meanwhile). */
  void (*before_hop) (PfExchange *exchange,
                      gpointer data);
  /* Each message before it is sent: headers the policy adds, cookies it allows. */
  void (*prepare) (PfExchange *exchange,
                   SoupMessage *msg,
                   gpointer data);
  /* Each response head, redirect or final: FALSE when the policy has failed the exchange. */
  gboolean (*check_response) (PfExchange *exchange,
                              SoupMessage *msg,
                              gboolean redirect,
                              gpointer data);
} PfExchangeHooks;

struct _PfExchange
{
  GObject parent_instance;

  /* Set at construction */
  PfProfile *profile;
  SoupSession *session; /* the profile's */
  PfRequest *request;
  GOutputStream *sink;
  gsize memory_limit;
  GStrv secrets; /* values of secret variables in the request: masked when shown */

  /* What a script would observe */
  PfTimeline *timeline; /* made when first asked for; until then its records are in */
  GArray *records;      /* (of PfTimelineRecord), which the timeline then takes */
  PfReadyState ready_state;
  PfFailure failure;
  char *error_message;
  guint status;
  char *status_text;
  char *response_url;
  char *mime_type;
  gboolean response_xml;
  char *xml_root; /* the XML document element's name when response_xml */

  /* The policy taking part, if any, and the response headers a script may read (NULL:
   * all but Set-Cookie) */
  const PfExchangeHooks *hooks;
  gpointer hooks_data;
  GStrv exposed;

  /* What went on the wire for the last hop: the request head, and the response's version */
  char *raw_request_head;
  GStrv browser_headers; /* the names in it the browser added, when sent as Chromium */
  SoupHTTPVersion http_version;
  PfTlsInfo *tls; /* the last hop's TLS connection, NULL for plain HTTP */

  /* What the last hop carried, in bytes (pf-exchange-wire.c), and where it went */
  struct
  {
    guint64 request_head;
    guint64 request_body;
    guint64 response_head;
    guint64 response_body;
  } wire;
  char *remote_address;

  /* What the server did */
  guint server_status;
  SoupMessageHeaders *response_head; /* the last hop's response headers, NULL before any */
  GListStore *response_headers;      /* them as PfKeyValue rows, made when first asked for */

  /* The run */
  GTask *task;
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong caller_cancel_id;
  guint in_flight;
  gboolean done;
  gint64 t0;
  gint64 started_real_us; /* wall clock at send (), µs since the epoch */
  gint64 end_us;
  guint timeout_id;
  char *method;
  char *url;
  SoupMessage *msg;
  gulong auth_handler_ids[2]; /* on msg: pf-exchange-auth.c's, disconnected with it */
  guint redirects;
  gint64 request_sent_us;

  /* Upload (request body) */
  PfRequestBody *body;
  gboolean has_upload;
  gboolean upload_complete;
  guint64 upload_loaded;
  guint64 upload_total;
  gint64 last_upload_progress_us;

  /* Download (response body), read by a PfBodyReader while it lasts */
  PfBodyStore *store;
  guint64 received;
  guint64 total;
  guint64 reported;
  gint64 last_progress_us;

  /* An image ping (PF_INITIATOR_IMAGE): no XHR event fires, and the start of the body
   * decides between load and error (image_head: kept on the network context, read once the
   * body has been read) */
  gboolean image;
  GByteArray *image_head;
  const char *image_event; /* "load", "error" or NULL */

  /* A synchronous XHR (open (…, false)): the page is frozen from send () to DONE, sees no
   * loadstart, progress, upload event or readystatechange 2 and 3, and gets an exception
   * (sync_exception) instead of the error events */
  gboolean sync;
  char *sync_exception;

  /* An XDomainRequest (IE 8/9): its page gets progress, load, error and timeout, nothing else */
  gboolean xdr;

  gboolean body_not_text; /* the body so far is not UTF-8 */
  guint64 not_utf8_at;    /* where its first byte that is not UTF-8 is (G_MAXUINT64: none) */
  GPtrArray *warnings;    /* what went wrong without failing the exchange, NULL-terminated */
  gboolean reading;       /* the body is being read on the network context */

  /* Where the I/O runs (pf-exchange-net.c): the profile's network context, or this one */
  GMainContext *main_context;
  GMainContext *net_context;
  GCancellable *net_cancellable; /* cancelled there when cancellable is (it is cancellable
                                  * itself without a network context) */
  gulong net_cancel_id;

  /* Touched only on the network context while the body is read: the chunk entries so far,
   * their text and the UTF-8 bytes a chunk ended in the middle of */
  struct
  {
    guint chunks;
    guint64 text_kept;
    guint8 pending_utf8[4];
    gsize pending_len;
    gboolean not_text;
    guint64 not_utf8_at;
    /* The read: its stream (held until the read ends, for the checks of
     * pf-exchange-framing.c), the message, the body bytes so far, and why the network half
     * stopped it (a decompression bomb) */
    GInputStream *stream;
    SoupMessage *msg;
    guint64 received;
    GError *stop;
  } net;
};

gint64 _pf_exchange_now (PfExchange *self);
void _pf_exchange_set_ready_state (PfExchange *self,
                                   PfReadyState state,
                                   gboolean fire);
void _pf_exchange_append (PfExchange *self,
                          PfTimelineRecord record);
void _pf_exchange_fire (PfExchange *self,
                        PfTarget target,
                        const char *type,
                        guint64 loaded,
                        guint64 total);
void _pf_exchange_notify_progress (PfExchange *self,
                                   gboolean upload);
void _pf_exchange_set_status (PfExchange *self,
                              guint status,
                              const char *status_text);
void _pf_exchange_fail (PfExchange *self,
                        PfFailure failure,
                        const char *message);
void _pf_exchange_maybe_complete (PfExchange *self);
void _pf_exchange_end_sync (PfExchange *self);
void _pf_exchange_fire_image (PfExchange *self,
                              gboolean loaded);
void _pf_exchange_start (PfExchange *self);
void _pf_exchange_append_phases (PfExchange *self);
void _pf_exchange_drop_message (PfExchange *self);
void _pf_exchange_set_hooks (PfExchange *self,
                             const PfExchangeHooks *hooks,
                             GObject *data);
void _pf_exchange_send_hop (PfExchange *self);
void _pf_exchange_hold (PfExchange *self);
void _pf_exchange_release (PfExchange *self);
void _pf_exchange_append_phases_of (PfExchange *self,
                                    SoupMessage *msg,
                                    gboolean preflight);
GPtrArray *_pf_exchange_dup_author_headers (PfExchange *self);
void _pf_exchange_set_exposed (PfExchange *self,
                               GStrv names);
char *_pf_exchange_join_host_port (const char *host,
                                   gboolean bracket,
                                   guint port);
void _pf_exchange_clear_wire (PfExchange *self);
void _pf_exchange_read_wire (PfExchange *self,
                             SoupMessage *msg);
void _pf_exchange_auth_add_header (PfExchange *self,
                                   GPtrArray *author);
void _pf_exchange_auth_watch (PfExchange *self,
                              SoupMessage *msg);

/* The caller's half, told what happened on the network context (pf-exchange-io.c) */
void _pf_exchange_wrote_headers (PfExchange *self,
                                 gint64 time_us,
                                 char *head);
void _pf_exchange_wrote_body_data (PfExchange *self,
                                   guint64 size);
void _pf_exchange_wrote_body (PfExchange *self,
                              gint64 time_us);
void _pf_exchange_head (PfExchange *self,
                        GInputStream *stream,
                        PfBodyStore *store,
                        PfTlsInfo *tls,
                        const GError *error);
void _pf_exchange_chunk (PfExchange *self,
                         guint64 size,
                         gboolean not_text,
                         guint64 not_utf8_at);
void _pf_exchange_body_finished (PfExchange *self,
                                 const GError *error,
                                 const char *warning);
void _pf_exchange_add_warning (PfExchange *self,
                               char *warning);

/* Framing that libsoup leaves unsaid (pf-exchange-framing.c), on the network context */
GError *_pf_exchange_head_error (SoupMessage *msg,
                                 const GError *error);
GError *_pf_exchange_body_end (SoupMessage *msg,
                               GInputStream *stream,
                               guint64 received,
                               const GError *error,
                               char **warning);
gboolean _pf_exchange_is_bomb (SoupMessage *msg,
                               guint64 received);
GError *_pf_exchange_bomb_error (SoupMessage *msg,
                                 guint64 received);

/* Which certificates a hop takes beyond what the system trusts (pf-exchange-tls.c): made on
 * the caller's thread when the hop starts, read on the network context. */
typedef struct
{
  char *host; /* "host:port" */
  gboolean insecure;
  char *fingerprint;       /* the request's, or NULL */
  GStrv host_fingerprints; /* the profile's for this host until quit, or NULL */
} PfTlsTrustSet;

PfTlsTrustSet *_pf_tls_trust_set_new (PfExchange *self,
                                      GUri *uri);
void _pf_tls_trust_set_free (PfTlsTrustSet *set);
SoupSession *_pf_tls_trust_set_session (PfTlsTrustSet *set,
                                        PfProfile *profile);
PfTlsTrust _pf_tls_trust_set_decide (PfTlsTrustSet *set,
                                     GTlsCertificate *peer,
                                     GTlsCertificateFlags errors);
char *_pf_exchange_tls_message (PfExchange *self,
                                const GError *error);

/* The network half (pf-exchange-net.c) */
void _pf_exchange_net_init (PfExchange *self,
                            PfProfile *profile);
void _pf_exchange_net_clear (PfExchange *self);
void _pf_exchange_net_send (PfExchange *self,
                            SoupMessage *msg);
void _pf_exchange_net_read_body (PfExchange *self,
                                 SoupMessage *msg,
                                 GInputStream *stream);
void _pf_exchange_net_drop_stream (PfExchange *self,
                                   GInputStream *stream);
void _pf_exchange_net_post_record (PfExchange *self,
                                   PfTimelineRecord record);
void _pf_exchange_net_post_release (PfExchange *self);
void _pf_exchange_net_send_and_read_async (PfExchange *self,
                                           SoupMessage *msg,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
GBytes *_pf_exchange_net_send_and_read_finish (GAsyncResult *result,
                                               SoupMessage **msg,
                                               GError **error);

G_END_DECLS
