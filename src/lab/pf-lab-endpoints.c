/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-lab-endpoints.h"
#include "pf-lab-resources.h"

/* The lab server's immediate answers (the timed and raw ones are in pf-lab-stream.c). */

static const char example_text[] =
  "Hello from the Preflight lab server.\n"
  "This is example.txt, the file the classic XMLHttpRequest examples fetch.\n";

static const char example_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<books>\n"
  "  <book id=\"1\"><title>Professional JavaScript</title><year>2005</year></book>\n"
  "  <book id=\"2\"><title>Professional Ajax</title><year>2006</year></book>\n"
  "</books>\n";

/* The classic 1×1 transparent GIF of image pings: 43 bytes. */
static const guint8 ping_gif[] = {
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00,
  0x00, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00,
  0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
};

void
pf_lab_respond (SoupServerMessage *msg,
                guint              status,
                const char        *content_type,
                const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

void
pf_lab_respond_bad (SoupServerMessage *msg,
                    const char        *format,
                    ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  pf_lab_respond (msg, SOUP_STATUS_BAD_REQUEST, "text/plain; charset=utf-8", text);
}

/* Parses a decimal number from a path or query; answers 400 and returns FALSE if it is
 * not one, so no handler ever sees junk. */
gboolean
pf_lab_parse_uint (SoupServerMessage *msg,
                   const char        *what,
                   const char        *text,
                   guint64            max,
                   guint64           *value)
{
  g_autoptr (GError) error = NULL;

  if (g_ascii_string_to_unsigned (text ? text : "", 10, 0, max, value, &error))
    return TRUE;
  pf_lab_respond_bad (msg, "%s “%s” is not a number from 0 to %" G_GUINT64_FORMAT "\n", what,
                      text ? text : "", max);
  return FALSE;
}

const char *
pf_lab_query (GHashTable *query,
              const char *name)
{
  return query ? g_hash_table_lookup (query, name) : NULL;
}

static void
handle_example (SoupServerMessage *msg,
                const char        *rest,
                GHashTable        *query)
{
  pf_lab_respond (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", example_text);
}

static void
handle_xml (SoupServerMessage *msg,
            const char        *rest,
            GHashTable        *query)
{
  pf_lab_respond (msg, SOUP_STATUS_OK, "application/xml; charset=utf-8", example_xml);
}

/* The same document labelled as text: responseXML stays null until overrideMimeType (). */
static void
handle_xml_as_text (SoupServerMessage *msg,
                    const char        *rest,
                    GHashTable        *query)
{
  pf_lab_respond (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", example_xml);
}

static void
handle_ping (SoupServerMessage *msg,
             const char        *rest,
             GHashTable        *query)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/gif", SOUP_MEMORY_STATIC, (const char *) ping_gif,
                                    sizeof ping_gif);
}

static void
handle_status (SoupServerMessage *msg,
               const char        *rest,
               GHashTable        *query)
{
  const char *body = pf_lab_query (query, "body");
  g_autofree char *text = NULL;
  guint64 code = 0;

  if (!pf_lab_parse_uint (msg, "Status", rest, 599, &code))
    return;
  /* Informational answers cannot be the final response. */
  if (code < 200)
    {
      pf_lab_respond_bad (msg, "Status %" G_GUINT64_FORMAT " must be from 200 to 599\n", code);
      return;
    }
  if (code == 204 || code == 304)
    {
      soup_server_message_set_status (msg, code, NULL);
      return;
    }
  text = body ? g_strdup (body)
              : g_strdup_printf ("%u %s\n", (guint) code, soup_status_get_phrase (code));
  pf_lab_respond (msg, code, "text/plain; charset=utf-8", text);
}

static void
respond_page (SoupServerMessage *msg,
              const char        *name)
{
  g_autofree char *path = g_strconcat ("/io/github/preflightapp/Preflight/lab/pages/", name, NULL);
  g_autoptr (GBytes) page = g_resource_lookup_data (pf_lab_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize size = 0;
  const char *data = g_bytes_get_data (page, &size);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, data, size);
}

/* A page that runs the classic XHR scenarios in whatever browser opens it. */
static void
handle_xhr_events_page (SoupServerMessage *msg,
                        const char        *rest,
                        GHashTable        *query)
{
  respond_page (msg, "xhr-events.html");
}

/* A page that runs CORS cases (given after #) in whatever browser opens it. */
static void
handle_cors_cases_page (SoupServerMessage *msg,
                        const char        *rest,
                        GHashTable        *query)
{
  respond_page (msg, "cors-cases.html");
}

/* /script-page/…?script=JS: a page at any path of the lab's origin that runs JS, so code
 * Preflight exports runs as a page at that origin would run it. It holds a file input for
 * code that sends a chosen file. */
static void
handle_script_page (SoupServerMessage *msg,
                    const char *rest,
                    GHashTable *query)
{
  const char *script = pf_lab_query (query, "script");
  g_autoptr (GString) page = NULL;
  g_autoptr (GString) code = NULL;

  if (script == NULL)
    {
      pf_lab_respond_bad (msg, "Give the script as ?script=JS\n");
      return;
    }
  page = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                       "<title>Preflight lab</title></head>\n<body><input type=\"file\">\n"
                       "<script>\n");
  /* HTML: a script element ends at the first "</script"; in JavaScript "<\/" is "</". */
  code = g_string_new (script);
  g_string_replace (code, "</", "<\\/", 0);
  g_string_append (page, code->str);
  g_string_append (page, "\n</script>\n</body></html>\n");
  pf_lab_respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", page->str);
}

/* /ws without the WebSocket upgrade. */
static void
handle_ws_page (SoupServerMessage *msg,
                const char        *rest,
                GHashTable        *query)
{
  pf_lab_respond (msg, SOUP_STATUS_BAD_REQUEST, "text/plain; charset=utf-8",
                  "/ws is a WebSocket endpoint: connect with ws://\n");
}

static gboolean
redirect_status (SoupServerMessage *msg,
                 GHashTable        *query,
                 guint             *status)
{
  const char *text = pf_lab_query (query, "status");
  guint64 value = 302;

  if (text != NULL && !pf_lab_parse_uint (msg, "Redirect status", text, 399, &value))
    return FALSE;
  if (value != 301 && value != 302 && value != 303 && value != 307 && value != 308)
    {
      pf_lab_respond_bad (msg, "Redirect status must be 301, 302, 303, 307 or 308\n");
      return FALSE;
    }
  *status = value;
  return TRUE;
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  g_autofree char *text = g_strdup_printf ("Redirecting to %s\n", location);

  pf_lab_respond (msg, status, "text/plain; charset=utf-8", text);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

/* /redirect/N answers with a redirect to /redirect/N-1; /redirect/0 ends the chain. */
static void
handle_redirect (SoupServerMessage *msg,
                 const char        *rest,
                 GHashTable        *query)
{
  g_autofree char *location = NULL;
  const char *status_text = pf_lab_query (query, "status");
  guint64 n = 0;
  guint status = 302;

  if (!pf_lab_parse_uint (msg, "Redirect count", rest, 100, &n) ||
      !redirect_status (msg, query, &status))
    return;
  if (n == 0)
    {
      pf_lab_respond (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", "Redirects done\n");
      return;
    }
  location = status_text ? g_strdup_printf ("/redirect/%u?status=%s", (guint) n - 1, status_text)
                         : g_strdup_printf ("/redirect/%u", (guint) n - 1);
  redirect (msg, status, location);
}

static void
handle_redirect_to (SoupServerMessage *msg,
                    const char        *rest,
                    GHashTable        *query)
{
  const char *url = pf_lab_query (query, "url");
  guint status = 302;

  if (url == NULL || *url == '\0')
    {
      pf_lab_respond_bad (msg, "Give the target as ?url=…\n");
      return;
    }
  if (redirect_status (msg, query, &status))
    redirect (msg, status, url);
}

static void
handle_auth_basic (SoupServerMessage *msg,
                   const char        *rest,
                   GHashTable        *query)
{
  pf_lab_handle_auth (msg, "basic", query);
}

static void
handle_auth_digest (SoupServerMessage *msg,
                    const char        *rest,
                    GHashTable        *query)
{
  pf_lab_handle_auth (msg, "digest", query);
}

static const PfLabEndpoint endpoints[] = {
  { "/example.txt", FALSE, handle_example, "/example.txt",
    N_("A short text file, the one the classic XMLHttpRequest examples fetch.") },
  { "/echo", FALSE, pf_lab_handle_echo, "/echo?name=value",
    N_("Any method: answers JSON with the method, URL, query, headers, body and parsed form "
       "fields and files.") },
  { "/status/", TRUE, handle_status, "/status/404",
    N_("Answers with the status in the path (200–599); ?body= replaces the text.") },
  { "/delay/", TRUE, pf_lab_handle_delay, "/delay/2000",
    N_("Waits the milliseconds in the path (at most 60 000), then answers JSON; for timeouts "
       "and abort.") },
  { "/drip", FALSE, pf_lab_handle_drip, "/drip?numbytes=10&duration=2000&delay=0&code=200",
    N_("A slow body with Content-Length: numbytes bytes spread over duration ms after delay ms; "
       "for progress events.") },
  { "/bytes/", TRUE, pf_lab_handle_bytes, "/bytes/1024",
    N_("That many bytes of a fixed pattern with Content-Length; ?chunked=1 sends them chunked, "
       "without a length, for lengthComputable.") },
  { "/xml", FALSE, handle_xml, "/xml",
    N_("A small XML document served as application/xml: responseXML is a document.") },
  { "/xml-as-text", FALSE, handle_xml_as_text, "/xml-as-text",
    N_("The same document served as text/plain: responseXML stays null until "
       "overrideMimeType(\"text/xml\").") },
  { "/redirect/", TRUE, handle_redirect, "/redirect/3",
    N_("A chain of N redirects ending in 200; ?status=301|302|303|307|308 picks the code.") },
  { "/redirect-to", FALSE, handle_redirect_to, "/redirect-to?url=/echo&status=307",
    N_("Redirects to ?url= with ?status= (default 302).") },
  { "/ping.gif", FALSE, handle_ping, "/ping.gif",
    N_("A 1×1 transparent GIF, for image pings.") },
  { "/xhr-events.html", FALSE, handle_xhr_events_page, "/xhr-events.html",
    N_("Runs the classic XMLHttpRequest scenarios in your browser and lists every event, to "
       "compare with Preflight.") },
  { "/events", FALSE, pf_lab_handle_events, "/events?interval=1000&retry=2000&drop-after=3",
    N_("Server-Sent Events: an event with id, data (and event: NAME with ?event=) every "
       "interval ms; resumes after Last-Event-ID; ?retry=MS sends a retry field; ?drop-after=N "
       "ends the stream after N events to show a reconnect; ?count=N ends the whole feed, "
       "then answers 204; ?allow-origin= and ?allow-credentials= answer as /cors/ does, and "
       "?case=ID logs the request for /cors-log.") },
  { "/stream", FALSE, pf_lab_handle_stream, "/stream?lines=5&interval=500",
    N_("HTTP streaming: a chunked text/plain line every interval ms, like a PHP flush() "
       "loop; watch responseText grow at readyState 3. ?text= sets the line’s words; ?split=N "
       "sends each line as two chunks cut after byte N, even inside a character.") },
  { "/poll", FALSE, pf_lab_handle_poll, "/poll?hold=2000",
    N_("Long polling: holds the request until the next message exists (hold ms later), then "
       "answers it as JSON; ask again at once for the next.") },
  { "/news", FALSE, pf_lab_handle_news, "/news",
    N_("One news source for short and long polling: news on an uneven schedule (1.5, 3.2, "
       "0.7, 2.6, 1.9 s apart), answered as JSON with ETag: \"N\". If-None-Match naming the "
       "latest gets 304 at once, or with Prefer: wait=S is held until the next news (200) or "
       "S seconds (304).") },
  { "/ws", FALSE, handle_ws_page, "/ws",
    N_("A WebSocket that echoes every text and binary message; the text “close” makes the "
       "server close with code 4000.") },
  { "/cors/", TRUE, pf_lab_handle_cors,
    "/cors/api?allow-origin=echo&allow-methods=PUT&allow-headers=X-Token&max-age=60",
    N_("CORS set by the query: allow-origin (a value, or echo to reflect the Origin), "
       "allow-methods, allow-headers, allow-credentials, max-age, expose-headers, "
       "preflight-status (default 204), actual-allow-origin (the actual response’s only), "
       "set-cookie, redirect (answers 302 to it); case=ID logs what arrived. "
       "Preflights get an empty answer, other requests the /echo JSON plus X-Lab-Secret "
       "and X-Lab-Other to expose.") },
  { "/cors-cases.html", FALSE, handle_cors_cases_page, "/cors-cases.html#[]",
    N_("Runs the CORS cases listed after # with your browser’s fetch () or XMLHttpRequest and "
       "shows each verdict, to compare with Preflight.") },
  { "/script-page/", TRUE, handle_script_page, "/script-page/any/path?script=console.log(1)",
    N_("A page at any path that runs the JavaScript in ?script=, to run code Preflight "
       "exports as a page at the lab’s origin would.") },
  { "/cors-log", FALSE, pf_lab_handle_cors_log, "/cors-log?case=ID",
    N_("How many preflights and requests arrived for a /cors/ case, and the last headers of "
       "each.") },
  { "/auth/basic", FALSE, handle_auth_basic, "/auth/basic?user=alice&password=secret",
    N_("HTTP Basic authentication for the account in the query: without the right "
       "credentials, a 401 challenge (WWW-Authenticate: Basic realm=\"Preflight lab\"); with "
       "them, JSON naming the user.") },
  { "/auth/digest", FALSE, handle_auth_digest, "/auth/digest?user=alice&password=secret",
    N_("The same with HTTP Digest authentication: the password never crosses the wire, only "
       "a hash of it with the server’s nonce.") },
  { "/cookies/set", FALSE, pf_lab_handle_cookies_set, "/cookies/set?session=abc",
    N_("Sets the cookies in the query (Path=/), to show what each credentials mode sends.") },
  { "/cut", FALSE, pf_lab_handle_cut, "/cut",
    N_("Promises 100 bytes, sends 10, then closes the connection: a server dying mid-body.") },
  { "/garbage", FALSE, pf_lab_handle_garbage, "/garbage",
    N_("Answers with bytes that are not HTTP at all.") },
};

/* Every endpoint: the table above, then the families that keep their own (/evil/…). */
const PfLabEndpoint *
pf_lab_endpoints (guint *n_endpoints)
{
  static GArray *all;

  if (g_once_init_enter (&all))
    {
      GArray *table = g_array_new (FALSE, FALSE, sizeof (PfLabEndpoint));
      guint n_evil = 0;
      const PfLabEndpoint *evil = pf_lab_evil_endpoints (&n_evil);

      g_array_append_vals (table, endpoints, G_N_ELEMENTS (endpoints));
      g_array_append_vals (table, evil, n_evil);
      g_once_init_leave (&all, table);
    }
  *n_endpoints = all->len;
  return &g_array_index (all, PfLabEndpoint, 0);
}
