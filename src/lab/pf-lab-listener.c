/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-listener"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "pf-lab-listener.h"

/* One port of the lab on 127.0.0.1, plain HTTP or HTTPS (with @certificate), handing each
 * connection to the lab's SoupServer. It first peeks at the connection's first byte: a TLS
 * handshake (a ClientHello record starts with 0x16) sent to the plain port, or plain HTTP
 * sent to an HTTPS port, gets at once a plain-HTTP 400 that says so, then the connection
 * closes, where the server would otherwise wait for a request that never comes. */

#define TLS_HANDSHAKE_RECORD 0x16

struct _PfLabListener
{
  GObject parent_instance;

  SoupServer *server;
  GTlsCertificate *certificate; /* NULL: plain HTTP */
  GSocketService *service;
  guint port;
  GPtrArray *waiting; /* GSource of connections whose first byte has not come */
};

G_DEFINE_FINAL_TYPE (PfLabListener, pf_lab_listener, G_TYPE_OBJECT)

static void
pf_lab_listener_dispose (GObject *object)
{
  PfLabListener *self = PF_LAB_LISTENER (object);

  pf_lab_listener_stop (self);
  g_clear_object (&self->server);
  g_clear_object (&self->certificate);
  G_OBJECT_CLASS (pf_lab_listener_parent_class)->dispose (object);
}

static void
pf_lab_listener_finalize (GObject *object)
{
  PfLabListener *self = PF_LAB_LISTENER (object);

  g_ptr_array_unref (self->waiting);
  G_OBJECT_CLASS (pf_lab_listener_parent_class)->finalize (object);
}

static void
pf_lab_listener_class_init (PfLabListenerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pf_lab_listener_dispose;
  G_OBJECT_CLASS (klass)->finalize = pf_lab_listener_finalize;
}

static void
pf_lab_listener_init (PfLabListener *self)
{
  self->waiting = g_ptr_array_new ();
}

/* A listener handing connections to @server; HTTPS with @certificate (its key included). */
PfLabListener *
pf_lab_listener_new (SoupServer *server,
                     GTlsCertificate *certificate)
{
  PfLabListener *self = g_object_new (PF_TYPE_LAB_LISTENER, NULL);

  self->server = g_object_ref (server);
  self->certificate = certificate ? g_object_ref (certificate) : NULL;
  return self;
}

typedef struct
{
  PfLabListener *listener; /* not held: the listener destroys its waiting sources first */
  GSocketConnection *connection;
  GSource *source;
} Waiting;

static void
waiting_free (gpointer data)
{
  Waiting *waiting = data;

  g_ptr_array_remove (waiting->listener->waiting, waiting->source);
  g_object_unref (waiting->connection);
  g_free (waiting);
}

/* Answers what came on the wrong kind of port in plain HTTP, and closes. What the client sent
 * is read first, so closing does not reset the connection before the answer is read. */
static void
refuse (GSocketConnection *connection,
        const char *text)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autofree char *answer = g_strdup_printf ("HTTP/1.1 400 Bad Request\r\n"
                                             "Content-Type: text/plain; charset=utf-8\r\n"
                                             "Content-Length: %zu\r\nConnection: close\r\n"
                                             "Cache-Control: no-store\r\n\r\n%s",
                                             strlen (text), text);
  char buffer[4096];

  while (recv (g_socket_get_fd (socket), buffer, sizeof buffer, MSG_DONTWAIT) > 0)
    ;
  g_socket_send (socket, answer, strlen (answer), NULL, NULL);
  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static void
serve (PfLabListener *self,
       GSocketConnection *connection)
{
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr (GIOStream) stream = NULL;
  g_autoptr (GError) error = NULL;

  if (local == NULL || remote == NULL)
    return;
  if (self->certificate != NULL)
    stream = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, &error);
  else
    stream = G_IO_STREAM (g_object_ref (connection));
  if (stream == NULL)
    {
      g_warning ("The lab could not start TLS: %s", error->message);
      return;
    }
  /* The client's close_notify is not waited for, as browsers do not send it. */
  if (G_IS_TLS_CONNECTION (stream))
    g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (stream), FALSE);
  soup_server_accept_iostream (self->server, stream, local, remote, NULL);
}

static gboolean
readable_cb (GSocket *socket,
             GIOCondition condition,
             gpointer data)
{
  Waiting *waiting = data;
  PfLabListener *self = waiting->listener;
  guint8 first = 0;
  gssize n = recv (g_socket_get_fd (socket), &first, 1, MSG_PEEK | MSG_DONTWAIT);

  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    g_io_stream_close (G_IO_STREAM (waiting->connection), NULL, NULL);
  else if (self->certificate == NULL && first == TLS_HANDSHAKE_RECORD)
    refuse (waiting->connection,
            _("This port of the Preflight lab speaks plain HTTP, not TLS: use an http:// URL "
               "here, or the lab's HTTPS port for https://.\n"));
  else if (self->certificate != NULL && first != TLS_HANDSHAKE_RECORD)
    refuse (waiting->connection,
            _("This port of the Preflight lab speaks HTTPS: use an https:// URL here, or the "
               "lab's plain HTTP port for http://.\n"));
  else
    serve (self, waiting->connection);
  return G_SOURCE_REMOVE;
}

static gboolean
incoming_cb (GSocketService *service,
             GSocketConnection *connection,
             GObject *source_object,
             PfLabListener *self)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  Waiting *waiting = g_new0 (Waiting, 1);

  waiting->listener = self;
  waiting->connection = g_object_ref (connection);
  waiting->source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (waiting->source, G_SOURCE_FUNC (readable_cb), waiting, waiting_free);
  g_ptr_array_add (self->waiting, waiting->source);
  g_source_attach (waiting->source, g_main_context_get_thread_default ());
  g_source_unref (waiting->source);
  return TRUE;
}

/* Listens on 127.0.0.1:@port (0: a free one) from the thread-default main context. */
gboolean
pf_lab_listener_listen (PfLabListener *self,
                        guint port,
                        GError **error)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr (GSocketAddress) effective = NULL;

  g_return_val_if_fail (PF_IS_LAB_LISTENER (self), FALSE);
  g_return_val_if_fail (self->service == NULL, FALSE);

  self->service = g_socket_service_new ();
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, error))
    {
      g_clear_object (&self->service);
      return FALSE;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (self->service);
  return TRUE;
}

/* The port it listens on, or 0. */
guint
pf_lab_listener_get_port (PfLabListener *self)
{
  g_return_val_if_fail (PF_IS_LAB_LISTENER (self), 0);
  return self->port;
}

/* Stops listening and drops the connections still waiting for their first byte; those the
 * server took are the server's to close. */
void
pf_lab_listener_stop (PfLabListener *self)
{
  g_return_if_fail (PF_IS_LAB_LISTENER (self));
  if (self->service != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  while (self->waiting->len > 0)
    g_source_destroy (self->waiting->pdata[self->waiting->len - 1]);
  self->port = 0;
}
