/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-lab-endpoints.h"
#include "pf-lab-listener.h"
#include "pf-lab-server.h"

/* The lab server: a SoupServer on 127.0.0.1 only, serving the teaching endpoints so that
 * every example works offline. One handler routes by path through the endpoint table. The
 * same endpoints are served over HTTPS too, on one port per lab certificate (PfLabTls): a
 * self-signed one, an expired one, one for another host and one from an unknown CA.
 *
 * It serves from the thread-default main context of whoever starts it (the CLI's `lab`), or
 * from a thread and main context of its own (the app, beside its window): a window that is
 * busy drawing a frame must not hold the server's answer back, or the time would be counted
 * as the network's. */
struct _PfLabServer
{
  GObject parent_instance;

  SoupServer *server;
  guint port;
  char *base_url;
  PfLabListener *listeners[1 + PF_LAB_TLS_N_KINDS]; /* plain HTTP, then HTTPS by PfLabTls */
  char *tls_urls[PF_LAB_TLS_N_KINDS];
  PfLabRawSet *raw; /* the answers written on connections taken from libsoup */

  /* Its own thread and context, when started with pf_lab_server_start_in_thread () */
  GThread *thread;
  GMainContext *context;
  int serving;
};

G_DEFINE_FINAL_TYPE (PfLabServer, pf_lab_server, G_TYPE_OBJECT)

static void
pf_lab_server_finalize (GObject *object)
{
  PfLabServer *self = PF_LAB_SERVER (object);

  pf_lab_server_stop (self);
  pf_lab_raw_set_free (self->raw);
  G_OBJECT_CLASS (pf_lab_server_parent_class)->finalize (object);
}

static void
pf_lab_server_class_init (PfLabServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_lab_server_finalize;
}

static void
pf_lab_server_init (PfLabServer *self)
{
  self->raw = pf_lab_raw_set_new ();
}

PfLabServer *
pf_lab_server_new (void)
{
  return g_object_new (PF_TYPE_LAB_SERVER, NULL);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

/* GET /: every endpoint with what it teaches and an example link, then the HTTPS ports. */
static void
handle_index (PfLabServer       *self,
              SoupServerMessage *msg)
{
  g_autoptr (GString) page = g_string_new (NULL);
  guint n = 0;
  const PfLabEndpoint *endpoints = pf_lab_endpoints (&n);

  g_string_append (page, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                         "<title>Preflight lab server</title></head><body>\n"
                         "<h1>Preflight lab server</h1>\n<dl>\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (page, "<dt><a href=\"");
      append_escaped (page, endpoints[i].example);
      g_string_append (page, "\"><code>");
      append_escaped (page, endpoints[i].path);
      g_string_append (page, endpoints[i].prefix ? "…</code></a></dt>\n<dd>"
                                                 : "</code></a></dt>\n<dd>");
      append_escaped (page, _(endpoints[i].description));
      g_string_append (page, "</dd>\n");
    }
  g_string_append (page, "</dl>\n<h2>HTTPS</h2>\n<dl>\n");
  for (guint i = 0; i < PF_LAB_TLS_N_KINDS; i++)
    {
      g_string_append (page, "<dt><a href=\"");
      append_escaped (page, self->tls_urls[i]);
      g_string_append (page, "\"><code>");
      append_escaped (page, self->tls_urls[i]);
      g_string_append (page, "</code></a></dt>\n<dd>");
      append_escaped (page, pf_lab_tls_get_description (i));
      g_string_append (page, "</dd>\n");
    }
  g_string_append (page, "</dl>\n</body></html>\n");
  pf_lab_respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", page->str);
}

static void
route_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  PfLabServer *self = user_data;
  guint n = 0;
  const PfLabEndpoint *endpoints = pf_lab_endpoints (&n);
  g_autofree char *not_found = NULL;

  /* Teaching material must never come from a cache, and browsers must not hold bytes back
   * to sniff the type (Chromium waits for 512 bytes otherwise): progress shows as it comes. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                "no-store");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Content-Type-Options", "nosniff");
  g_object_set_data (G_OBJECT (msg), PF_LAB_RAW_SET_KEY, self->raw);
  if (g_str_equal (path, "/"))
    {
      handle_index (user_data, msg);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const PfLabEndpoint *endpoint = &endpoints[i];

      if (endpoint->prefix ? g_str_has_prefix (path, endpoint->path)
                           : g_str_equal (path, endpoint->path))
        {
          endpoint->handler (msg, path + strlen (endpoint->path), query);
          return;
        }
    }
  not_found = g_strdup_printf ("Not found: %s\n", path);
  pf_lab_respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8", not_found);
}

/* One listener on 127.0.0.1:@port, plain HTTP or (with @certificate) HTTPS. */
static PfLabListener *
listen_on (PfLabServer     *self,
           guint            port,
           GTlsCertificate *certificate,
           GError         **error)
{
  g_autoptr (PfLabListener) listener = pf_lab_listener_new (self->server, certificate);
  g_autoptr (GError) local_error = NULL;

  if (!pf_lab_listener_listen (listener, port, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The lab server could not listen on 127.0.0.1:%u: %s"), port,
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&listener);
}

/* The HTTPS listeners, each on a free port. */
static gboolean
listen_tls (PfLabServer *self,
            GError     **error)
{
  for (guint i = 0; i < PF_LAB_TLS_N_KINDS; i++)
    {
      g_autoptr (GTlsCertificate) certificate = pf_lab_tls_get_certificate (i, error);

      if (certificate == NULL ||
          !(self->listeners[1 + i] = listen_on (self, 0, certificate, error)))
        return FALSE;
      self->tls_urls[i] = g_strdup_printf ("https://127.0.0.1:%u/",
                                           pf_lab_listener_get_port (self->listeners[1 + i]));
    }
  return TRUE;
}

static void disconnect (PfLabServer *self);

/* Listens on 127.0.0.1 only: the lab is for this machine, never the network. */
gboolean
pf_lab_server_start (PfLabServer *self,
                     guint        port,
                     GError     **error)
{
  g_return_val_if_fail (PF_IS_LAB_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "Preflight-Lab/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->server, NULL, route_cb, self, NULL);
  soup_server_add_websocket_handler (self->server, "/ws", NULL, NULL, pf_lab_websocket_cb, self,
                                     NULL);
  /* WebSocket is not under CORS: a server that cares checks Origin itself, as this one does. */
  soup_server_add_websocket_handler (self->server, "/ws/checked", PF_LAB_WS_CHECKED_ORIGIN,
                                     (char **) pf_lab_ws_checked_protocols, pf_lab_websocket_cb,
                                     self, NULL);
  if (!(self->listeners[0] = listen_on (self, port, NULL, error)) || !listen_tls (self, error))
    {
      disconnect (self);
      return FALSE;
    }
  self->port = pf_lab_listener_get_port (self->listeners[0]);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u/", self->port);
  return TRUE;
}

static void
disconnect (PfLabServer *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->listeners); i++)
    if (self->listeners[i] != NULL)
      pf_lab_listener_stop (self->listeners[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->listeners); i++)
    g_clear_object (&self->listeners[i]);
  pf_lab_raw_set_stop_all (self->raw);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}

/* The lab's thread: serves until stopped, then closes its connections and lets what they
 * had in flight finish, on its own context. */
static gpointer
serve_cb (gpointer data)
{
  PfLabServer *self = data;

  g_main_context_push_thread_default (self->context);
  while (g_atomic_int_get (&self->serving))
    g_main_context_iteration (self->context, TRUE);
  disconnect (self);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* As pf_lab_server_start (), but serving from a thread and main context of its own, so the
 * caller's main loop can be busy (or blocked) while the lab answers. pf_lab_server_stop ()
 * (or the last unref) stops it and joins the thread. */
gboolean
pf_lab_server_start_in_thread (PfLabServer *self,
                               guint        port,
                               GError     **error)
{
  gboolean started;

  g_return_val_if_fail (PF_IS_LAB_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL && self->thread == NULL, FALSE);

  /* The listening socket's source goes to the context that is thread-default at listen. */
  self->context = g_main_context_new ();
  g_main_context_push_thread_default (self->context);
  started = pf_lab_server_start (self, port, error);
  g_main_context_pop_thread_default (self->context);
  if (!started)
    {
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }
  g_atomic_int_set (&self->serving, TRUE);
  self->thread = g_thread_new ("pf-lab-server", serve_cb, self);
  return TRUE;
}

static void
stop_thread (PfLabServer *self)
{
  g_atomic_int_set (&self->serving, FALSE);
  g_main_context_wakeup (self->context);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->context, g_main_context_unref);
}

void
pf_lab_server_stop (PfLabServer *self)
{
  g_return_if_fail (PF_IS_LAB_SERVER (self));

  if (self->thread != NULL)
    stop_thread (self);
  else
    disconnect (self);
  g_clear_pointer (&self->base_url, g_free);
  for (guint i = 0; i < PF_LAB_TLS_N_KINDS; i++)
    g_clear_pointer (&self->tls_urls[i], g_free);
  self->port = 0;
}

guint
pf_lab_server_get_port (PfLabServer *self)
{
  g_return_val_if_fail (PF_IS_LAB_SERVER (self), 0);
  return self->port;
}

/* "http://127.0.0.1:PORT/", or NULL when the server is not running. */
const char *
pf_lab_server_get_base_url (PfLabServer *self)
{
  g_return_val_if_fail (PF_IS_LAB_SERVER (self), NULL);
  return self->base_url;
}

/* "https://127.0.0.1:PORT/" of the HTTPS port with the certificate of @kind, or NULL when the
 * server is not running. */
const char *
pf_lab_server_get_tls_url (PfLabServer *self,
                           PfLabTls     kind)
{
  g_return_val_if_fail (PF_IS_LAB_SERVER (self), NULL);
  g_return_val_if_fail (kind < PF_LAB_TLS_N_KINDS, NULL);
  return self->tls_urls[kind];
}
