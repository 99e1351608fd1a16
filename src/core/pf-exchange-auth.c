/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-cors.h"
#include "pf-exchange-private.h"

/* HTTP authentication in an exchange, as a browser does it. A Basic or Bearer helper adds an
 * Authorization header to what is sent, as a script's setRequestHeader () would (so a
 * cross-origin request is preflighted for it). XHR open ()'s user and password send nothing
 * by themselves: they answer a 401 challenge (Basic or Digest, through libsoup's
 * SoupAuthManager), once; a second 401 is the response the script sees. Fetch answers only
 * when credentials are included and the response is not cross-origin (tainting "cors"), else
 * the 401 goes to the page as it is. Each step is a line of the timeline.
 *
 * Unlike a browser, which answers later requests from its cache of credentials, each exchange
 * meets its challenge anew (SOUP_MESSAGE_DO_NOT_USE_AUTH_CACHE), so the steps always show.
 *
 * The message's signals come on the network context (pf-exchange-net.c): their lines go to
 * the timeline as events, and the request they read does not change while it is sent. */

/* On the message: 1 once open ()'s credentials answered a challenge, 2 once the server's
 * answer to them is in the timeline. */
#define ANSWERED_KEY "pf-auth-answered"

static PfKeyValue *
find_authorization (GPtrArray *headers)
{
  for (guint i = 0; i < headers->len; i++)
    if (g_ascii_strcasecmp (pf_key_value_get_name (headers->pdata[i]), "Authorization") == 0)
      return headers->pdata[i];
  return NULL;
}

/* The helper's Authorization joins the author headers, unless the author set one. */
void
_pf_exchange_auth_add_header (PfExchange *self,
                              GPtrArray *author)
{
  g_autofree char *value = pf_request_dup_authorization (self->request);

  if (value != NULL && find_authorization (author) == NULL)
    g_ptr_array_add (author, pf_key_value_new ("Authorization", value));
}

static int
answered (SoupMessage *msg)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (msg), ANSWERED_KEY));
}

static void
got_headers_cb (SoupMessage *msg,
                PfExchange *self)
{
  guint status = soup_message_get_status (msg);
  const char *challenge;

  if (answered (msg) == 1)
    {
      g_object_set_data (G_OBJECT (msg), ANSWERED_KEY, GINT_TO_POINTER (2));
      _pf_exchange_net_post_record (self, pf_timeline_record_auth ("result", status, NULL,
                                                                   _pf_exchange_now (self)));
      return;
    }
  challenge = soup_message_headers_get_list (soup_message_get_response_headers (msg),
                                             "WWW-Authenticate");
  if (status == SOUP_STATUS_UNAUTHORIZED && challenge != NULL && answered (msg) == 0)
    _pf_exchange_net_post_record (self, pf_timeline_record_auth ("challenge", status, challenge,
                                                                 _pf_exchange_now (self)));
}

/* Why Fetch would not answer this challenge with open ()'s credentials, or NULL. */
static const char *
why_unanswered (PfExchange *self,
                SoupMessage *msg)
{
  const char *origin = pf_request_get_origin (self->request);
  g_autofree char *page = NULL;

  if (*pf_request_get_open_username (self->request) == '\0')
    return _ ("open () was given no user name (a browser would ask for one)");
  /* No page origin: the request stands alone, as a navigation would. */
  if (*origin == '\0')
    return NULL;
  page = pf_cors_serialize_origin (origin);
  if (!pf_cors_same_origin (page, self->url))
    return _ ("the response is cross-origin, so the 401 goes to the page as it is");
  if (pf_request_get_credentials (self->request) == PF_CREDENTIALS_OMIT)
    return _ ("the credentials mode is “omit”");
  return NULL;
}

static gboolean
authenticate_cb (SoupMessage *msg,
                 SoupAuth *auth,
                 gboolean retrying,
                 PfExchange *self)
{
  const char *user = pf_request_get_open_username (self->request);
  const char *reason;

  if (soup_auth_is_for_proxy (auth) || retrying || answered (msg) != 0)
    return FALSE;
  reason = why_unanswered (self, msg);
  if (reason != NULL)
    {
      _pf_exchange_net_post_record (self, pf_timeline_record_auth ("unanswered", 0, reason,
                                                                   _pf_exchange_now (self)));
      return FALSE;
    }
  g_object_set_data (G_OBJECT (msg), ANSWERED_KEY, GINT_TO_POINTER (1));
  _pf_exchange_net_post_record (self, pf_timeline_record_auth ("answer", 0, user,
                                                               _pf_exchange_now (self)));
  soup_auth_authenticate (auth, user, pf_request_get_open_password (self->request));
  return TRUE;
}

/* Connects @callback to the signal @id of @msg (looked up once: parsing a signal's name
 * costs as much as the rest of connecting it, and each message takes two). */
static gulong
connect_by_id (SoupMessage *msg,
               guint id,
               GCallback callback,
               PfExchange *self)
{
  return g_signal_connect_closure_by_id (msg, id, 0, g_cclosure_new (callback, self, NULL), FALSE);
}

/* Before @msg is sent: its challenges go to the timeline and are answered as said above. */
void
_pf_exchange_auth_watch (PfExchange *self,
                         SoupMessage *msg)
{
  static gsize looked_up;
  static guint got_headers_id, authenticate_id;

  if (g_once_init_enter (&looked_up))
    {
      got_headers_id = g_signal_lookup ("got-headers", SOUP_TYPE_MESSAGE);
      authenticate_id = g_signal_lookup ("authenticate", SOUP_TYPE_MESSAGE);
      g_once_init_leave (&looked_up, 1);
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_DO_NOT_USE_AUTH_CACHE);
  self->auth_handler_ids[0] = connect_by_id (msg, got_headers_id, G_CALLBACK (got_headers_cb),
                                             self);
  self->auth_handler_ids[1] = connect_by_id (msg, authenticate_id, G_CALLBACK (authenticate_cb),
                                             self);
}
