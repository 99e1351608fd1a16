/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <string.h>

#include "pf-exchange-private.h"

/* What the last hop carried on the wire, as libsoup's metrics count it: the request's head and
 * body, the response's head and body as transferred (the decoded body is what a script gets,
 * pf_exchange_get_loaded ()), the peer's address and the HTTP version. Read while the message
 * lives: its metrics go with it. */

/* "HOST:PORT", or "[HOST]:PORT" for an IPv6 literal (@bracket): what a format string would
 * make, at a fraction of its cost (each hop makes two). */
char *
_pf_exchange_join_host_port (const char *host,
                             gboolean bracket,
                             guint port)
{
  char digits[16];
  char *p = digits + sizeof digits;

  *--p = '\0';
  do
    {
      *--p = '0' + port % 10;
      port /= 10;
    }
  while (port > 0);
  return g_strconcat (bracket ? "[" : "", host, bracket ? "]:" : ":", p, NULL);
}

/* An IPv4 address in dotted decimal, as inet_ntop () writes it, without its call through
 * GLib (which cost more than the rest of a hop's wire figures). */
static char *
format_ipv4 (const guint8 *bytes)
{
  char text[16];
  char *at = text;

  for (guint i = 0; i < 4; i++)
    {
      guint8 byte = bytes[i];

      if (i > 0)
        *at++ = '.';
      if (byte >= 100)
        *at++ = '0' + byte / 100;
      if (byte >= 10)
        *at++ = '0' + byte / 10 % 10;
      *at++ = '0' + byte % 10;
    }
  *at = '\0';
  return g_strdup (text);
}

/* "127.0.0.1:8080", "[::1]:8080", or NULL for no IP address. */
static char *
format_address (GSocketAddress *address)
{
  GInetAddress *inet;
  g_autofree char *ip = NULL;
  guint16 port;

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    return NULL;
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  ip = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV4
           ? format_ipv4 (g_inet_address_to_bytes (inet))
           : g_inet_address_to_string (inet);
  return _pf_exchange_join_host_port (ip, g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6,
                                      port);
}

/* A new hop starts from nothing. */
void
_pf_exchange_clear_wire (PfExchange *self)
{
  g_clear_pointer (&self->remote_address, g_free);
  memset (&self->wire, 0, sizeof self->wire);
}

/* What @msg (the current hop's message) has carried so far. */
void
_pf_exchange_read_wire (PfExchange *self,
                        SoupMessage *msg)
{
  SoupMessageMetrics *m = soup_message_get_metrics (msg);
  GSocketAddress *address = soup_message_get_remote_address (msg);

  if (address != NULL && self->remote_address == NULL)
    self->remote_address = format_address (address);
  if (m == NULL)
    return;
  self->wire.request_head = soup_message_metrics_get_request_header_bytes_sent (m);
  self->wire.request_body = soup_message_metrics_get_request_body_bytes_sent (m);
  self->wire.response_head = soup_message_metrics_get_response_header_bytes_received (m);
  self->wire.response_body = soup_message_metrics_get_response_body_bytes_received (m);
}

/* The request head's bytes as sent (request line, headers and the blank line). */
guint64
pf_exchange_get_request_head_size (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->wire.request_head;
}

/* The request body's bytes as sent. */
guint64
pf_exchange_get_request_body_size (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->wire.request_body;
}

/* The response head's bytes as received (status line, headers and the blank line). */
guint64
pf_exchange_get_response_head_size (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->wire.response_head;
}

/* The response body's bytes as they came over the network: chunk framing and content coding
 * included, so it differs from pf_exchange_get_loaded () (the body a script gets) when the
 * body was chunked or compressed. */
guint64
pf_exchange_get_response_body_transferred (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), 0);
  return self->wire.response_body;
}

/* The server's address and port, "127.0.0.1:8080" or "[::1]:8080", or NULL before a
 * connection was made. */
const char *
pf_exchange_get_remote_address (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->remote_address;
}

/* The response's HTTP version, "HTTP/1.0", "HTTP/1.1" or "HTTP/2", or NULL before a response
 * arrived. */
const char *
pf_exchange_get_http_version (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  if (self->server_status == 0)
    return NULL;
  switch (self->http_version)
    {
    case SOUP_HTTP_1_0:
      return "HTTP/1.0";
    case SOUP_HTTP_2_0:
      return "HTTP/2";
    case SOUP_HTTP_1_1:
    default:
      return "HTTP/1.1";
    }
}

/* Whether the body so far is text: its bytes (the first few MiB, while the timeline keeps
 * chunk text) are UTF-8, so responseText shows them as they are. */
gboolean
pf_exchange_get_body_is_text (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), FALSE);
  return !self->body_not_text;
}
