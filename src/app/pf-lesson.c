/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-http-syntax.h"
#include "pf-lesson.h"

/* The lessons: the chapters of the classic Ajax tutorial (XMLHttpRequest, XMLHttpRequest
 * Level 2, progress events, CORS, the other cross-origin techniques — image ping, Comet, SSE,
 * WebSocket — and security) as ready requests against the lab server, each with two or three
 * sentences on what to watch. */

typedef struct
{
  const char *chapter;
  const char *title;
  const char *explanation;
  const char *method;
  const char *path;
  const char *header;       /* "Name: value" or NULL */
  const char *open_user;    /* XHR open ()'s user and password, or NULL */
  const char *open_password;
  const char *body;         /* text body, or form fields encoded "a=1&b=C+%26+D", or NULL */
  const char *content_type;
  guint timeout_ms;
  const char *override_mime;
  const char *origin;
  gboolean include_credentials;
  PfBodyKind body_kind;     /* PF_BODY_NONE: raw text when there is a body */
  PfInitiator initiator;    /* what sends the request: XHR, or an image */
  gboolean xdr;             /* sent as IE 8/9's XDomainRequest */
  gboolean sync;            /* open (…, false) */
  PfResponseType response_type;
  /* A feed tab of feed_kind; else a request tab. A flag of its own, not a "no feed" kind:
   * every PfFeedKind is something a feed tab can connect to. */
  gboolean feed;
  PfFeedKind feed_kind;
  /* On one of the lab's HTTPS ports (which certificate), not its plain one */
  gboolean https;
  PfLabTls tls;
} LessonSpec;

static const LessonSpec specs[] = {
  {
    .chapter = N_("XMLHttpRequest"),
    .title = N_("Basics and status checks"),
    .explanation = N_("A GET of a text file. Watch readyState go 1, 2, 3, 4 and check the status "
                      "before using the body: a script should look at status 200–299, not only "
                      "at readyState 4."),
    .method = "GET",
    .path = "example.txt",
  },
  {
    .chapter = N_("XMLHttpRequest"),
    .title = N_("A synchronous request"),
    .explanation = N_("The tutorial’s very first example: open(\"GET\", url, false). send() "
                      "returns only once the response is done, and the page is frozen meanwhile "
                      "(the red band on the timeline). It sees readystatechange 1 and 4, load and "
                      "loadend, nothing else; a timeout or a responseType is refused."),
    .method = "GET",
    .path = "delay/1000",
    .sync = TRUE,
  },
  {
    .chapter = N_("XMLHttpRequest"),
    .title = N_("Request and response headers"),
    .explanation = N_("setRequestHeader() adds X-Demo; the echo shows what arrived. The Headers "
                      "page lists the response as getAllResponseHeaders() gives it: names "
                      "lower-cased and sorted."),
    .method = "GET",
    .path = "echo",
    .header = "X-Demo: hello",
  },
  {
    .chapter = N_("XMLHttpRequest"),
    .title = N_("Authentication"),
    .explanation = N_("open(\"GET\", url, true, \"alice\", \"s3cret\"): the user and password "
                      "are not sent at first. The server answers 401 with a Basic challenge; "
                      "the browser answers it once with them, and the timeline shows each step. "
                      "Change the password under Authentication and send again: the second 401 "
                      "is what the script sees."),
    .method = "GET",
    .path = "auth/basic?user=alice&password=s3cret",
    .open_user = "alice",
    .open_password = "s3cret",
  },
  {
    .chapter = N_("XMLHttpRequest"),
    .title = N_("GET query encoding"),
    .explanation = N_("Each name and value in a query string goes through encodeURIComponent(): "
                      "the space, the ampersand and the Chinese characters arrive intact."),
    .method = "GET",
    .path = "echo?name=Ada%20Lovelace&topic=HTTP%20%26%20CORS&city=%E5%8C%97%E4%BA%AC",
  },
  {
    .chapter = N_("XMLHttpRequest"),
    .title = N_("POST a form"),
    .explanation = N_("A form is sent as application/x-www-form-urlencoded: name=value pairs "
                      "joined by &, each encoded. The echo shows the fields the server parsed."),
    .method = "POST",
    .path = "echo",
    .body = "name=Ada+Lovelace&language=C+%26+C%2B%2B",
    .body_kind = PF_BODY_URLENCODED,
  },
  {
    .chapter = N_("XMLHttpRequest"),
    .title = N_("The eight methods"),
    .explanation = N_("GET reads, HEAD reads only the headers, POST sends data to be processed, "
                      "PUT stores the body at the URL, DELETE removes it, OPTIONS asks what is "
                      "allowed (CORS preflights use it). TRACE echoes the request and CONNECT "
                      "opens a proxy tunnel: open() refuses both, and TRACK, with a "
                      "SecurityError. Pick each from the method menu and send it to the echo."),
    .method = "OPTIONS",
    .path = "echo",
  },
  {
    .chapter = N_("XMLHttpRequest Level 2"),
    .title = N_("FormData"),
    .explanation = N_("FormData sends multipart/form-data: each field a part with its own "
                      "headers, and files as parts with a filename. Add a file in the request’s "
                      "body and send again."),
    .method = "POST",
    .path = "echo",
    .body = "name=Ada+Lovelace&language=C",
    .body_kind = PF_BODY_MULTIPART,
  },
  {
    .chapter = N_("XMLHttpRequest Level 2"),
    .title = N_("Timeout"),
    .explanation = N_("The server waits three seconds; the request gives up after one. "
                      "readyState 4, then timeout and loadend, and status 0."),
    .method = "GET",
    .path = "delay/3000",
    .timeout_ms = 1000,
  },
  {
    .chapter = N_("XMLHttpRequest Level 2"),
    .title = N_("overrideMimeType()"),
    .explanation = N_("The server sends XML as text/plain, so responseXML stays null. "
                      "overrideMimeType(\"text/xml\") makes the same bytes a document."),
    .method = "GET",
    .path = "xml-as-text",
    .override_mime = "text/xml",
  },
  {
    .chapter = N_("XMLHttpRequest Level 2"),
    .title = N_("responseType and response"),
    .explanation = N_("responseType = \"json\": response is the parsed value (null if the body is "
                      "not JSON) and reading responseText throws InvalidStateError. Try text, "
                      "document, arraybuffer and blob under Options and send again: the Response "
                      "page says what a script would read."),
    .method = "GET",
    .path = "echo",
    .response_type = PF_RESPONSE_TYPE_JSON,
  },
  {
    .chapter = N_("Progress events"),
    .title = N_("readyState and progress"),
    .explanation = N_("A slow body: ten bytes over two seconds. readyState 3 and a progress event "
                      "come each time bytes arrive, at most every 50 ms, with loaded and total."),
    .method = "GET",
    .path = "drip?numbytes=10&duration=2000",
  },
  {
    .chapter = N_("Progress events"),
    .title = N_("Progress without a length"),
    .explanation = N_("A chunked body has no Content-Length: progress events say "
                      "lengthComputable=false and total 0 until the end."),
    .method = "GET",
    .path = "bytes/3000000?chunked=1",
  },
  {
    .chapter = N_("Cross-origin resource sharing"),
    .title = N_("Simple CORS"),
    .explanation = N_("The page is at http://app.example. A GET without special headers needs no "
                      "preflight; Access-Control-Allow-Origin: * lets the page read the answer. "
                      "See the CORS page."),
    .method = "GET",
    .path = "cors/api?allow-origin=*",
    .origin = "http://app.example",
  },
  {
    .chapter = N_("Cross-origin resource sharing"),
    .title = N_("Preflighted CORS"),
    .explanation = N_("PUT and the X-Token header are not safelisted, so the browser sends an "
                      "OPTIONS preflight first. Send twice: the second time the preflight cache "
                      "answers."),
    .method = "PUT",
    .path = "cors/api?allow-origin=*&allow-methods=PUT&allow-headers=x-token&max-age=30",
    .header = "X-Token: 42",
    .origin = "http://app.example",
  },
  {
    .chapter = N_("Cross-origin resource sharing"),
    .title = N_("Blocked by CORS"),
    .explanation = N_("The server names no allowed origin. The page gets a network error with "
                      "status 0, while the CORS page shows what the server really answered and "
                      "which rule failed."),
    .method = "GET",
    .path = "cors/api",
    .origin = "http://app.example",
  },
  {
    .chapter = N_("Cross-origin resource sharing"),
    .title = N_("Credentials"),
    .explanation = N_("With credentials included, * is not enough: the server must name the "
                      "origin and send Access-Control-Allow-Credentials: true. Cookies then go "
                      "both ways."),
    .method = "GET",
    .path = "cors/api?allow-origin=echo&allow-credentials=true&set-cookie=lesson%3D1",
    .origin = "http://app.example",
    .include_credentials = TRUE,
  },
  {
    .chapter = N_("Cross-origin resource sharing"),
    .title = N_("IE 8/9: XDomainRequest"),
    .explanation = N_("The tutorial’s createCORSRequest() checks “withCredentials” in new "
                      "XMLHttpRequest() and falls back to new XDomainRequest() in IE 8 and 9. This "
                      "is the XDomainRequest: GET or POST only, no headers, no cookies, a body as "
                      "text/plain, the page’s scheme only, and no status or headers for the page, "
                      "yet the server must still send Access-Control-Allow-Origin. Open the next "
                      "lesson beside it for the same request as CORS."),
    .method = "POST",
    .path = "cors/api?allow-origin=*",
    .body = "name=Nicholas",
    .content_type = "text/plain",
    .origin = "http://app.example",
    .xdr = TRUE,
  },
  {
    .chapter = N_("Cross-origin resource sharing"),
    .title = N_("The same request with XMLHttpRequest"),
    .explanation = N_("createCORSRequest()’s other branch: the same POST with XMLHttpRequest "
                      "under CORS. The page now reads the status and the headers the server "
                      "exposes, and could add headers or send cookies (with a preflight or "
                      "Access-Control-Allow-Credentials)."),
    .method = "POST",
    .path = "cors/api?allow-origin=*",
    .body = "name=Nicholas",
    .content_type = "text/plain",
    .origin = "http://app.example",
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("Image ping"),
    .explanation = N_("The oldest cross-site trick: new Image().src sends a GET with data in its "
                      "query, cookies included, and needs no CORS. The page learns only load or "
                      "error: no readyState, no progress, no headers, no body."),
    .method = "GET",
    .path = "ping.gif?event=visit",
    .initiator = PF_INITIATOR_IMAGE,
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("Long polling"),
    .explanation = N_("The server holds each request until it has a message (two seconds here), "
                      "then answers, and the page asks again at once. Connect and watch the "
                      "cycles."),
    .method = "GET",
    .path = "poll?hold=2000",
    .feed = TRUE,
    .feed_kind = PF_FEED_KIND_LONG_POLL,
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("Short polling beside long polling"),
    .explanation = N_("One news source, polled both ways at once. Short polling is "
                      "setInterval(poll, 1000): most answers are 304 Not Modified (the page sends "
                      "the last ETag back as If-None-Match) and news waits up to a second. Long "
                      "polling sends the next request as soon as an answer arrives, with Prefer: "
                      "wait=30, and the server holds it until there is news: few requests, news "
                      "at once. Watch both lanes of the chart and the counts under it."),
    .method = "GET",
    .path = "news",
    .feed = TRUE,
    .feed_kind = PF_FEED_KIND_POLL_COMPARISON,
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("HTTP streaming"),
    .explanation = N_("The classic Comet page: one response, and the server pushes “Number is "
                      "N” once a second. At each readyState 3 the page reads "
                      "responseText.substring(received) and remembers the new length; the Body "
                      "page marks that newest part, and each chunk in the timeline shows it."),
    .method = "GET",
    .path = "stream?lines=10&interval=1000&text=Number%20is",
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("Server-Sent Events"),
    .explanation = N_("An EventSource: events with id and data; the stream ends after five, and "
                      "the source reconnects after retry ms sending Last-Event-ID, so no event "
                      "is lost."),
    .method = "GET",
    .path = "events?interval=500&retry=2000&drop-after=5",
    .feed = TRUE,
    .feed_kind = PF_FEED_KIND_EVENT_SOURCE,
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("EventSource across origins"),
    .explanation = N_("The page at http://app.example runs new EventSource(url, { withCredentials: "
                      "true }) on the lab: another origin. It sends Origin and its cookies; the "
                      "server must name the origin and send Access-Control-Allow-Credentials: "
                      "true, as here. Untick withCredentials and * would do."),
    .method = "GET",
    .path = "events?interval=500&retry=2000&count=5&allow-origin=echo&allow-credentials=true",
    .origin = "http://app.example",
    .include_credentials = TRUE,
    .feed = TRUE,
    .feed_kind = PF_FEED_KIND_EVENT_SOURCE,
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("EventSource blocked by CORS"),
    .explanation = N_("The same page and code, but the server answers Access-Control-Allow-"
                      "Origin: *, which credentials do not accept. The page sees es.onerror with "
                      "es.readyState 2 (CLOSED) and no reconnect, and never learns why: only the "
                      "console and Preflight name the rule."),
    .method = "GET",
    .path = "events?interval=500&allow-origin=*",
    .origin = "http://app.example",
    .include_credentials = TRUE,
    .feed = TRUE,
    .feed_kind = PF_FEED_KIND_EVENT_SOURCE,
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("WebSocket"),
    .explanation = N_("One connection, messages both ways. Connect, send a message and the lab "
                      "echoes it; send “close” and the server closes with code 4000 and a "
                      "reason."),
    .method = "GET",
    .path = "ws",
    .feed = TRUE,
    .feed_kind = PF_FEED_KIND_WEB_SOCKET,
  },
  {
    .chapter = N_("Other cross-origin techniques"),
    .title = N_("SSE or WebSocket?"),
    .explanation = N_("Server-Sent Events are plain HTTP, one way, text only: the browser "
                      "reconnects by itself and resumes with Last-Event-ID, and any proxy passes "
                      "them. A WebSocket leaves HTTP after its handshake: both ways, text or "
                      "binary, no reconnection of its own. Read-only updates suit SSE; a chat "
                      "or a game needs a WebSocket. Compare this stream with the WebSocket "
                      "lesson."),
    .method = "GET",
    .path = "events?interval=1000&count=5",
    .feed = TRUE,
    .feed_kind = PF_FEED_KIND_EVENT_SOURCE,
  },
  {
    .chapter = N_("Security"),
    .title = N_("WebSocket checks Origin itself"),
    .explanation = N_("WebSocket is not under CORS: the page at http://evil.example opens a "
                      "socket to the lab, the browser sends Origin, and nothing checks the answer "
                      "for the page. This server accepts only http://app.example, so it refuses "
                      "the handshake (403): error, then close 1006. Put http://app.example as "
                      "the page origin and connect again."),
    .method = "GET",
    .path = "ws/checked",
    .origin = "http://evil.example",
    .feed = TRUE,
    .feed_kind = PF_FEED_KIND_WEB_SOCKET,
  },
  {
    .chapter = N_("Security"),
    .title = N_("Self-signed certificate"),
    .explanation = N_("A local HTTPS server whose certificate signed itself, as a dev server's "
                      "does: no authority vouches for it, so the handshake is refused and the "
                      "page gets a network error. Read the problems and the chain, then trust "
                      "it for this request, or for this host until Preflight quits."),
    .method = "GET",
    .path = "example.txt",
    .https = TRUE,
    .tls = PF_LAB_TLS_SELF_SIGNED,
  },
  {
    .chapter = N_("Security"),
    .title = N_("Expired certificate"),
    .explanation = N_("The certificate ended 30 days ago: its validity dates are in the chain. "
                      "A browser refuses it however it was signed; renew it on the server "
                      "rather than trust it."),
    .method = "GET",
    .path = "example.txt",
    .https = TRUE,
    .tls = PF_LAB_TLS_EXPIRED,
  },
  {
    .chapter = N_("Security"),
    .title = N_("Wrong host"),
    .explanation = N_("The certificate is for wrong-host.example, not the 127.0.0.1 the "
                      "request asked for: compare its names with the URL's host. A certificate "
                      "is checked against every name the URL may use."),
    .method = "GET",
    .path = "example.txt",
    .https = TRUE,
    .tls = PF_LAB_TLS_WRONG_HOST,
  },
  {
    .chapter = N_("Security"),
    .title = N_("Unknown certificate authority"),
    .explanation = N_("A valid certificate for this host, signed by a CA this system does not "
                      "trust (the chain shows it): the case of a company's own CA. The fix is "
                      "to install the CA, not to trust each certificate."),
    .method = "GET",
    .path = "example.txt",
    .https = TRUE,
    .tls = PF_LAB_TLS_UNKNOWN_CA,
  },
};

struct _PfLesson
{
  GObject parent_instance;

  const LessonSpec *spec;
};

G_DEFINE_FINAL_TYPE (PfLesson, pf_lesson, G_TYPE_OBJECT)

static void
pf_lesson_class_init (PfLessonClass *klass)
{
}

static void
pf_lesson_init (PfLesson *self)
{
}

/* Every lesson, in teaching order (one list for the whole application). */
GListModel *
pf_lessons_get_all (void)
{
  static GListStore *lessons;

  if (lessons == NULL)
    {
      lessons = g_list_store_new (PF_TYPE_LESSON);
      for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
        {
          g_autoptr (PfLesson) lesson = g_object_new (PF_TYPE_LESSON, NULL);

          lesson->spec = &specs[i];
          g_list_store_append (lessons, lesson);
        }
    }
  return G_LIST_MODEL (lessons);
}

const char *
pf_lesson_get_title (PfLesson *self)
{
  g_return_val_if_fail (PF_IS_LESSON (self), NULL);
  return _(self->spec->title);
}

const char *
pf_lesson_get_chapter (PfLesson *self)
{
  g_return_val_if_fail (PF_IS_LESSON (self), NULL);
  return _(self->spec->chapter);
}

const char *
pf_lesson_get_explanation (PfLesson *self)
{
  g_return_val_if_fail (PF_IS_LESSON (self), NULL);
  return _(self->spec->explanation);
}

/* TRUE when the lesson opens a feed tab, FALSE for a request tab. */
gboolean
pf_lesson_is_feed (PfLesson *self)
{
  g_return_val_if_fail (PF_IS_LESSON (self), FALSE);
  return self->spec->feed;
}

/* The kind of feed tab the lesson opens (when pf_lesson_is_feed ()). */
PfFeedKind
pf_lesson_get_feed_kind (PfLesson *self)
{
  g_return_val_if_fail (PF_IS_LESSON (self), PF_FEED_KIND_EVENT_SOURCE);
  return self->spec->feed_kind;
}

/* Whether the lesson runs on one of the lab's HTTPS ports; @kind says which. Its URL is then
 * on that port's URL (pf_lab_server_get_tls_url ()), not the lab's plain one. */
gboolean
pf_lesson_get_lab_tls (PfLesson *self,
                       PfLabTls *kind)
{
  g_return_val_if_fail (PF_IS_LESSON (self), FALSE);
  if (kind != NULL)
    *kind = self->spec->tls;
  return self->spec->https;
}

/* The lesson's URL on the lab server at @lab_url. */
char *
pf_lesson_dup_url (PfLesson   *self,
                   const char *lab_url)
{
  g_return_val_if_fail (PF_IS_LESSON (self), NULL);
  if (self->spec->feed)
    return pf_feed_kind_build_url (self->spec->feed_kind, lab_url, self->spec->path);
  return g_strconcat (lab_url ? lab_url : "", self->spec->path, NULL);
}

/* The lesson's request, ready to send to the lab server at @lab_url. */
PfRequest *
pf_lesson_build_request (PfLesson   *self,
                         const char *lab_url)
{
  const LessonSpec *spec;
  PfRequest *request;
  g_autofree char *url = NULL;

  g_return_val_if_fail (PF_IS_LESSON (self), NULL);

  spec = self->spec;
  request = pf_request_new ();
  url = pf_lesson_dup_url (self, lab_url);
  pf_request_set_method (request, spec->method);
  pf_request_set_url (request, url);
  if (spec->header != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (spec->header, ": ", 2);
      pf_request_add_header (request, parts[0], parts[1]);
    }
  if (spec->open_user != NULL)
    pf_request_set_open_credentials (request, spec->open_user, spec->open_password);
  if (spec->body != NULL && spec->body_kind == PF_BODY_NONE)
    {
      pf_request_set_body_kind (request, PF_BODY_RAW);
      pf_request_set_body_text (request, spec->body);
      pf_request_set_body_content_type (request, spec->content_type);
    }
  else if (spec->body != NULL)
    {
      /* Form fields are written encoded, as a form would send them, and read back with the
       * parser a server uses: a value may hold "&" or "=". */
      g_autoptr (GPtrArray) fields = pf_http_parse_form (spec->body);

      pf_request_set_body_kind (request, spec->body_kind);
      for (guint i = 0; i < fields->len; i++)
        {
          PfKeyValue *field = g_ptr_array_index (fields, i);

          pf_request_add_field (request, pf_key_value_get_name (field),
                                pf_key_value_get_value (field));
        }
    }
  pf_request_set_timeout_ms (request, spec->timeout_ms);
  pf_request_set_override_mime_type (request, spec->override_mime);
  pf_request_set_origin (request, spec->origin);
  pf_request_set_xdr (request, spec->xdr);
  pf_request_set_sync (request, spec->sync);
  pf_request_set_response_type (request, spec->response_type);
  pf_request_set_credentials (request, spec->include_credentials ? PF_CREDENTIALS_INCLUDE
                                                                 : PF_CREDENTIALS_SAME_ORIGIN);
  pf_request_set_initiator (request, spec->initiator);
  return request;
}

/* What names the lesson in a saved session: its title as written, in no language. */
const char *
pf_lesson_get_id (PfLesson *self)
{
  g_return_val_if_fail (PF_IS_LESSON (self), NULL);
  return self->spec->title;
}

/* The lesson named @id (see pf_lesson_get_id ()), or NULL. */
PfLesson *
pf_lessons_find (const char *id)
{
  GListModel *lessons = pf_lessons_get_all ();

  for (guint i = 0; id != NULL && i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);

      if (g_str_equal (lesson->spec->title, id))
        return g_steal_pointer (&lesson);
    }
  return NULL;
}
