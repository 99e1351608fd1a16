/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-lesson.h"

/* The lessons: the classic Ajax chapters as ready requests against the lab server, each
 * with two or three sentences on what to watch. */

typedef struct
{
  const char *chapter;
  const char *title;
  const char *explanation;
  const char *method;
  const char *path;
  const char *header;       /* "Name: value" or NULL */
  const char *body;         /* text body, or form fields "a=1&b=2", or NULL */
  const char *content_type;
  guint timeout_ms;
  const char *override_mime;
  const char *origin;
  gboolean include_credentials;
  int feed;                 /* 0: a request tab; 1 + the feed tab's kind otherwise */
  PfBodyKind body_kind;     /* PF_BODY_NONE: raw text when there is a body */
} LessonSpec;

static const LessonSpec specs[] = {
  { N_("XMLHttpRequest"), N_("Basics and status checks"),
    N_("A GET of a text file. Watch readyState go 1, 2, 3, 4 and check the status before using "
       "the body: a script should look at status 200–299, not only at readyState 4."),
    "GET", "example.txt" },
  { N_("XMLHttpRequest"), N_("readyState and progress"),
    N_("A slow body: ten bytes over two seconds. readyState 3 and a progress event come each "
       "time bytes arrive, at most every 50 ms, with loaded and total."),
    "GET", "drip?numbytes=10&duration=2000" },
  { N_("XMLHttpRequest"), N_("Request and response headers"),
    N_("setRequestHeader () adds X-Demo; the echo shows what arrived. The Headers page lists "
       "the response as getAllResponseHeaders () gives it: names lower-cased and sorted."),
    "GET", "echo", "X-Demo: hello" },
  { N_("XMLHttpRequest"), N_("GET query encoding"),
    N_("Each name and value in a query string goes through encodeURIComponent (): the space, "
       "the ampersand and the Chinese characters arrive intact."),
    "GET", "echo?name=Ada%20Lovelace&topic=HTTP%20%26%20CORS&city=%E5%8C%97%E4%BA%AC" },
  { N_("XMLHttpRequest"), N_("POST a form"),
    N_("A form is sent as application/x-www-form-urlencoded: name=value pairs joined by &, each "
       "encoded. The echo shows the fields the server parsed."),
    "POST", "echo", NULL, "name=Ada Lovelace&language=C & C++", NULL, 0, NULL, NULL, FALSE, FALSE,
    PF_BODY_URLENCODED },
  { N_("XMLHttpRequest"), N_("FormData"),
    N_("FormData sends multipart/form-data: each field a part with its own headers, and files as "
       "parts with a filename. Add a file in the request’s body and send again."),
    "POST", "echo", NULL, "name=Ada Lovelace&language=C", NULL, 0, NULL, NULL, FALSE, FALSE,
    PF_BODY_MULTIPART },
  { N_("XMLHttpRequest"), N_("Timeout"),
    N_("The server waits three seconds; the request gives up after one. readyState 4, then "
       "timeout and loadend, and status 0."),
    "GET", "delay/3000", NULL, NULL, NULL, 1000 },
  { N_("XMLHttpRequest"), N_("overrideMimeType ()"),
    N_("The server sends XML as text/plain, so responseXML stays null. overrideMimeType "
       "(\"text/xml\") makes the same bytes a document."),
    "GET", "xml-as-text", NULL, NULL, NULL, 0, "text/xml" },
  { N_("XMLHttpRequest"), N_("Progress without a length"),
    N_("A chunked body has no Content-Length: progress events say lengthComputable=false and "
       "total 0 until the end."),
    "GET", "bytes/3000000?chunked=1" },
  { N_("Cross-origin"), N_("Simple CORS"),
    N_("The page is at http://app.example. A GET without special headers needs no preflight; "
       "Access-Control-Allow-Origin: * lets the page read the answer. See the CORS page."),
    "GET", "cors/api?allow-origin=*", NULL, NULL, NULL, 0, NULL, "http://app.example" },
  { N_("Cross-origin"), N_("Preflighted CORS"),
    N_("PUT and the X-Token header are not safelisted, so the browser sends an OPTIONS "
       "preflight first. Send twice: the second time the preflight cache answers."),
    "PUT", "cors/api?allow-origin=*&allow-methods=PUT&allow-headers=x-token&max-age=30",
    "X-Token: 42", NULL, NULL, 0, NULL, "http://app.example" },
  { N_("Cross-origin"), N_("Blocked by CORS"),
    N_("The server names no allowed origin. The page gets a network error with status 0, while "
       "the CORS page shows what the server really answered and which rule failed."),
    "GET", "cors/api", NULL, NULL, NULL, 0, NULL, "http://app.example" },
  { N_("Cross-origin"), N_("Credentials"),
    N_("With credentials included, * is not enough: the server must name the origin and send "
       "Access-Control-Allow-Credentials: true. Cookies then go both ways."),
    "GET", "cors/api?allow-origin=echo&allow-credentials=true&set-cookie=lesson%3D1", NULL, NULL,
    NULL, 0, NULL, "http://app.example", TRUE },
  { N_("Server push"), N_("Image ping"),
    N_("The oldest cross-site trick: a 1×1 GIF whose request carries data in its query. The "
       "page learns only that it loaded."),
    "GET", "ping.gif?event=visit" },
  { N_("Server push"), N_("Long polling"),
    N_("The server holds each request until it has a message (two seconds here), then answers, "
       "and the page asks again at once. Connect and watch the cycles."),
    "GET", "poll?hold=2000", NULL, NULL, NULL, 0, NULL, NULL, FALSE, 2 },
  { N_("Server push"), N_("HTTP streaming"),
    N_("One response that never hurries: a line every 300 ms. Each chunk in the timeline is "
       "what responseText.substring (received) gives at readyState 3."),
    "GET", "stream?lines=10&interval=300" },
  { N_("Server push"), N_("Server-Sent Events"),
    N_("An EventSource: events with id and data; the stream ends after five, and the source "
       "reconnects after retry ms sending Last-Event-ID, so no event is lost."),
    "GET", "events?interval=500&retry=2000&drop-after=5", NULL, NULL, NULL, 0, NULL, NULL, FALSE, 1 },
  { N_("Server push"), N_("WebSocket"),
    N_("One connection, messages both ways. Connect, send a message and the lab echoes it; send "
       "“close” and the server closes with code 4000 and a reason."),
    "GET", "ws", NULL, NULL, NULL, 0, NULL, NULL, FALSE, 3 },
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

/* The kind of feed tab the lesson opens (0 EventSource, 1 long polling, 2 WebSocket), or -1
 * for a request tab. */
int
pf_lesson_get_feed_kind (PfLesson *self)
{
  g_return_val_if_fail (PF_IS_LESSON (self), -1);
  return self->spec->feed - 1;
}

/* The lesson's URL on the lab server at @lab_url. */
char *
pf_lesson_dup_url (PfLesson   *self,
                   const char *lab_url)
{
  g_return_val_if_fail (PF_IS_LESSON (self), NULL);
  /* The WebSocket lesson speaks ws:// to the same server. */
  if (self->spec->feed == 3 && lab_url != NULL && g_str_has_prefix (lab_url, "http"))
    return g_strconcat ("ws", lab_url + 4, self->spec->path, NULL);
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
  if (spec->body != NULL && spec->body_kind == PF_BODY_NONE)
    {
      pf_request_set_body_kind (request, PF_BODY_RAW);
      pf_request_set_body_text (request, spec->body);
      pf_request_set_body_content_type (request, spec->content_type);
    }
  else if (spec->body != NULL)
    {
      g_auto (GStrv) pairs = g_strsplit (spec->body, "&", -1);

      pf_request_set_body_kind (request, spec->body_kind);
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          g_auto (GStrv) field = g_strsplit (pairs[i], "=", 2);
          pf_request_add_field (request, field[0], field[1] ? field[1] : "");
        }
    }
  pf_request_set_timeout_ms (request, spec->timeout_ms);
  pf_request_set_override_mime_type (request, spec->override_mime);
  pf_request_set_origin (request, spec->origin);
  pf_request_set_credentials (request, spec->include_credentials ? PF_CREDENTIALS_INCLUDE
                                                                 : PF_CREDENTIALS_SAME_ORIGIN);
  return request;
}
