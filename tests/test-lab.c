/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-test-lab.h"

/* Every lab endpoint, through a plain libsoup client that does not follow redirects, so
 * what is checked is what the server sends. */

typedef struct
{
  PfLabServer *lab;
  SoupSession *session;
} Fixture;

typedef struct
{
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;
  GError *error;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_error (&reply->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* A plain SoupSession, not a profile's: nothing of Preflight's client between the test and
 * the server. */
static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->lab = pf_test_lab_server_start ();
  fixture->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  pf_test_lab_server_finalize (g_steal_pointer (&fixture->lab));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &reply->error);
  if (reply->body == NULL)
    reply->body = g_bytes_new (NULL, 0);
}

static void
fetch_with (Fixture     *fixture,
            SoupMessage *msg,
            Reply       *reply)
{
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, read_cb,
                                    reply);
  PF_TEST_WAIT_UNTIL (reply->body != NULL, 10000);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
}

static void
fetch (Fixture    *fixture,
       const char *method,
       const char *path,
       Reply      *reply)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);

  fetch_with (fixture, msg, reply);
}

static char *
text_of (Reply *reply)
{
  return g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
}

static void
test_index_lists_every_endpoint (Fixture      *fixture,
                                 gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *page = NULL;
  const char *paths[] = { "/example.txt", "/echo", "/status/", "/delay/", "/drip", "/bytes/",
                          "/xml", "/xml-as-text", "/redirect/", "/redirect-to", "/ping.gif",
                          "/cut", "/garbage" };

  fetch (fixture, "GET", "", &reply);
  page = text_of (&reply);
  g_assert_cmpuint (reply.status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_assert_nonnull (strstr (page, paths[i]));
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Cache-Control"), ==, "no-store");
}

static void
test_bound_to_loopback_only (Fixture      *fixture,
                             gconstpointer data)
{
  g_assert_true (g_str_has_prefix (pf_lab_server_get_base_url (fixture->lab), "http://127.0.0.1:"));
  g_assert_cmpuint (pf_lab_server_get_port (fixture->lab), >, 0);
}

static void
test_restart (Fixture      *fixture,
              gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  pf_lab_server_stop (fixture->lab);
  g_assert_null (pf_lab_server_get_base_url (fixture->lab));
  g_assert_true (pf_lab_server_start (fixture->lab, 0, NULL));
  fetch (fixture, "GET", "example.txt", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
}

/* A blocking request on this thread: the test's main context does not turn until it returns
 * (or the session's 10 s timeout fails it). */
static char *
fetch_blocking (Fixture    *fixture,
                const char *path)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, path);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  g_object_set (fixture->session, "timeout", 10, NULL);
  body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Started on a thread of its own, the lab answers while the caller's main loop is blocked (a
 * window drawing a frame), timers included; stopped, it joins its thread and can start
 * again. */
static void
test_own_thread (Fixture      *fixture,
                 gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autofree char *delayed = NULL;

  pf_lab_server_stop (fixture->lab);
  g_assert_true (pf_lab_server_start_in_thread (fixture->lab, 0, NULL));
  g_assert_true (g_str_has_prefix (pf_lab_server_get_base_url (fixture->lab), "http://127.0.0.1:"));
  text = fetch_blocking (fixture, "example.txt");
  g_assert_true (g_str_has_prefix (text, "Hello from the Preflight lab server."));
  delayed = fetch_blocking (fixture, "delay/20");
  g_assert_cmpstr (delayed, ==, "{\"delayMs\": 20}\n");
  pf_lab_server_stop (fixture->lab);
  g_assert_null (pf_lab_server_get_base_url (fixture->lab));
  g_assert_true (pf_lab_server_start_in_thread (fixture->lab, 0, NULL));
  g_clear_pointer (&text, g_free);
  text = fetch_blocking (fixture, "example.txt");
  g_assert_true (g_str_has_prefix (text, "Hello from the Preflight lab server."));
}

static void
test_example_txt (Fixture      *fixture,
                  gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *text = NULL;

  fetch (fixture, "GET", "example.txt", &reply);
  text = text_of (&reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (text, "example.txt"));
  g_assert_cmpstr (soup_message_headers_get_content_type (reply.headers, NULL), ==, "text/plain");
}

static void
test_status_codes (Fixture      *fixture,
                   gconstpointer data)
{
  const guint codes[] = { 200, 201, 204, 304, 404, 418, 500, 503 };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_auto (Reply) reply = { 0 };
      g_autofree char *path = g_strdup_printf ("status/%u", codes[i]);

      fetch (fixture, "GET", path, &reply);
      g_assert_cmpuint (reply.status, ==, codes[i]);
      if (codes[i] == 204 || codes[i] == 304)
        g_assert_cmpuint (g_bytes_get_size (reply.body), ==, 0);
    }
}

static void
test_status_junk_is_400 (Fixture      *fixture,
                         gconstpointer data)
{
  const char *paths[] = { "status/abc", "status/99", "status/600", "status/", "delay/-1",
                          "bytes/1e3", "drip?numbytes=x", "redirect/2?status=300" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto (Reply) reply = { 0 };

      fetch (fixture, "GET", paths[i], &reply);
      g_assert_cmpuint (reply.status, ==, 400);
    }
}

static void
test_status_body_override (Fixture      *fixture,
                           gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *text = NULL;

  fetch (fixture, "GET", "status/402?body=pay%20me", &reply);
  text = text_of (&reply);
  g_assert_cmpstr (text, ==, "pay me");
}

static void
test_delay_waits (Fixture      *fixture,
                  gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  gint64 start = g_get_monotonic_time ();

  fetch (fixture, "GET", "delay/300", &reply);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (reply.status, ==, 200);
}

static void
test_drip_paced_with_length (Fixture      *fixture,
                             gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  gint64 start = g_get_monotonic_time ();

  fetch (fixture, "GET", "drip?numbytes=5&duration=250", &reply);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  g_assert_cmpint (soup_message_headers_get_content_length (reply.headers), ==, 5);
  g_assert_cmpmem (g_bytes_get_data (reply.body, NULL), g_bytes_get_size (reply.body), "*****", 5);
}

static void
check_pattern (GBytes *body,
               gsize   expected)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (body, &size);

  g_assert_cmpuint (size, ==, expected);
  for (gsize i = 0; i < size; i++)
    if (data[i] != 'a' + i % 26)
      g_error ("byte %" G_GSIZE_FORMAT " is %c", i, data[i]);
}

static void
test_bytes_with_length (Fixture      *fixture,
                        gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  fetch (fixture, "GET", "bytes/200000", &reply);
  g_assert_cmpint (soup_message_headers_get_encoding (reply.headers), ==,
                   SOUP_ENCODING_CONTENT_LENGTH);
  check_pattern (reply.body, 200000);
}

static void
test_bytes_chunked (Fixture      *fixture,
                    gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  fetch (fixture, "GET", "bytes/150000?chunked=1", &reply);
  g_assert_cmpint (soup_message_headers_get_encoding (reply.headers), ==, SOUP_ENCODING_CHUNKED);
  g_assert_null (soup_message_headers_get_one (reply.headers, "Content-Length"));
  check_pattern (reply.body, 150000);
}

static void
test_xml_types (Fixture      *fixture,
                gconstpointer data)
{
  g_auto (Reply) xml = { 0 };
  g_auto (Reply) as_text = { 0 };

  fetch (fixture, "GET", "xml", &xml);
  fetch (fixture, "GET", "xml-as-text", &as_text);
  g_assert_cmpstr (soup_message_headers_get_content_type (xml.headers, NULL), ==,
                   "application/xml");
  g_assert_cmpstr (soup_message_headers_get_content_type (as_text.headers, NULL), ==, "text/plain");
  g_assert_true (g_bytes_equal (xml.body, as_text.body));
}

static void
test_redirect_chain (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char *path = g_strdup ("redirect/3");
  guint hops = 0;

  while (TRUE)
    {
      g_auto (Reply) reply = { 0 };
      const char *location;

      fetch (fixture, "GET", path, &reply);
      if (reply.status == 200)
        break;
      g_assert_cmpuint (reply.status, ==, 302);
      location = soup_message_headers_get_one (reply.headers, "Location");
      g_free (path);
      path = g_strdup (location + 1);
      hops++;
    }
  g_assert_cmpuint (hops, ==, 3);
}

static void
test_redirect_to_with_status (Fixture      *fixture,
                              gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  fetch (fixture, "POST", "redirect-to?url=/echo&status=307", &reply);
  g_assert_cmpuint (reply.status, ==, 307);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Location"), ==, "/echo");
}

static void
test_ping_gif (Fixture      *fixture,
               gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  fetch (fixture, "GET", "ping.gif", &reply);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply.headers, NULL), ==, "image/gif");
  g_assert_cmpuint (g_bytes_get_size (reply.body), ==, 43);
  g_assert_cmpmem (g_bytes_get_data (reply.body, NULL), 6, "GIF89a", 6);
}

static void
test_cors_preflight_answer (Fixture      *fixture,
                            gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab,
                                          "cors/x?allow-origin=echo&allow-methods=PUT&"
                                          "allow-headers=x-a&allow-credentials=true&max-age=30&"
                                          "preflight-status=200");
  g_autoptr (SoupMessage) msg = soup_message_new ("OPTIONS", url);
  SoupMessageHeaders *request = soup_message_get_request_headers (msg);
  g_auto (Reply) reply = { 0 };

  soup_message_headers_append (request, "Origin", "http://page.test");
  soup_message_headers_append (request, "Access-Control-Request-Method", "PUT");
  fetch_with (fixture, msg, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (reply.body), ==, 0);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Access-Control-Allow-Origin"), ==,
                   "http://page.test");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Access-Control-Allow-Methods"), ==,
                   "PUT");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Access-Control-Allow-Headers"), ==,
                   "x-a");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Access-Control-Allow-Credentials"),
                   ==, "true");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Access-Control-Max-Age"), ==,
                   "30");
}

static void
test_cors_actual_answer_and_log (Fixture      *fixture,
                                 gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_auto (Reply) log = { 0 };
  g_autofree char *text = NULL;

  fetch (fixture, "GET", "cors/x?allow-origin=*&actual-allow-origin=http://a.test&"
                         "expose-headers=X-Lab-Secret&set-cookie=k%3Dv&case=lab-log", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Access-Control-Allow-Origin"), ==,
                   "http://a.test");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Access-Control-Expose-Headers"),
                   ==, "X-Lab-Secret");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "X-Lab-Secret"), ==, "42");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Set-Cookie"), ==, "k=v");
  fetch (fixture, "GET", "cors-log?case=lab-log", &log);
  text = text_of (&log);
  g_assert_nonnull (strstr (text, "\"preflights\" : 0"));
  g_assert_nonnull (strstr (text, "\"requests\" : 1"));
}

static void
test_cors_redirect (Fixture      *fixture,
                    gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  fetch (fixture, "GET", "cors/x?allow-origin=*&redirect=%2Fexample.txt", &reply);
  g_assert_cmpuint (reply.status, ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Location"), ==, "/example.txt");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Access-Control-Allow-Origin"), ==,
                   "*");
}

static void
test_cookies_set (Fixture      *fixture,
                  gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_auto (Reply) bad = { 0 };

  fetch (fixture, "GET", "cookies/set?session=abc", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Set-Cookie"), ==,
                   "session=abc; Path=/");
  fetch (fixture, "GET", "cookies/set", &bad);
  g_assert_cmpuint (bad.status, ==, 400);
}

static void
test_cors_cases_page (Fixture      *fixture,
                      gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *text = NULL;

  fetch (fixture, "GET", "cors-cases.html", &reply);
  text = text_of (&reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (text, "PF-CORS-DONE"));
}

static void
test_script_page (Fixture      *fixture,
                  gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_auto (Reply) missing = { 0 };
  g_autofree char *text = NULL;

  fetch (fixture, "GET", "script-page/any/path?script=let%20s%20%3D%20'%3C%2Fscript%3E'%3B", &reply);
  text = text_of (&reply);
  g_assert_cmpuint (reply.status, ==, 200);
  /* The script cannot end its own element. */
  g_assert_nonnull (strstr (text, "<script>\nlet s = '<\\/script>';\n</script>"));
  g_assert_nonnull (strstr (text, "<input type=\"file\">"));
  fetch (fixture, "GET", "script-page/", &missing);
  g_assert_cmpuint (missing.status, ==, 400);
}

static void
test_events_stream (Fixture      *fixture,
                    gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab,
                                          "events?interval=5&count=3&retry=700&event=tick");
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_auto (Reply) reply = { 0 };
  g_auto (Reply) done = { 0 };
  g_autofree char *text = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Last-Event-ID", "1");
  fetch_with (fixture, msg, &reply);
  text = text_of (&reply);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply.headers, NULL), ==,
                   "text/event-stream");
  g_assert_true (g_str_has_prefix (text, "retry: 700\n\n"));
  g_assert_nonnull (strstr (text, "id: 2\nevent: tick\n"
                                  "data: {\"n\": 2, \"text\": \"event 2\"}\n\n"));
  g_assert_true (g_str_has_suffix (text, "id: 3\nevent: tick\n"
                                         "data: {\"n\": 3, \"text\": \"event 3\"}\n\n"));
  g_assert_null (strstr (text, "id: 1\n"));
  fetch (fixture, "GET", "events?count=0&drop-after=x", &done);
  g_assert_cmpuint (done.status, ==, 400);
}

static void
test_stream_lines (Fixture      *fixture,
                   gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *text = NULL;

  fetch (fixture, "GET", "stream?lines=3&interval=5&text=tick", &reply);
  text = text_of (&reply);
  g_assert_cmpstr (text, ==, "tick 1\ntick 2\ntick 3\n");
  g_assert_cmpint (soup_message_headers_get_encoding (reply.headers), ==, SOUP_ENCODING_CHUNKED);
}

static void
test_poll_holds (Fixture      *fixture,
                 gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *text = NULL;
  gint64 start = g_get_monotonic_time ();

  fetch (fixture, "GET", "poll?hold=150", &reply);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 140000);
  text = text_of (&reply);
  g_assert_nonnull (strstr (text, "\"heldMs\": 150"));
}

static void
test_ws_needs_upgrade (Fixture      *fixture,
                       gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  fetch (fixture, "GET", "ws", &reply);
  g_assert_cmpuint (reply.status, ==, 400);
}

static JsonObject *
parse_echo (Reply      *reply,
            JsonParser *parser)
{
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                             g_bytes_get_size (reply->body), NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_echo_urlencoded (Fixture      *fixture,
                      gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo?x=1");
  g_autoptr (SoupMessage) msg = soup_message_new ("PUT", url);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) body = g_bytes_new_static ("a=1&b=two+words&a=%C3%A4", 24);
  g_auto (Reply) reply = { 0 };
  JsonObject *echo;
  JsonArray *fields;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  fetch_with (fixture, msg, &reply);
  echo = parse_echo (&reply, parser);
  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "PUT");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (echo, "query"),
                                                  "x"), ==, "1");
  fields = json_object_get_array_member (json_object_get_object_member (echo, "form"), "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (fields, 1), 1), ==,
                   "two words");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (fields, 2), 1), ==,
                   "ä");
}

static void
test_echo_multipart_file_part (Fixture      *fixture,
                               gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo");
  g_autoptr (SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr (GBytes) file = g_bytes_new_static ("line\n", 5);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (SoupMessage) msg = NULL;
  g_auto (Reply) reply = { 0 };
  JsonObject *form, *part;

  soup_multipart_append_form_string (multipart, "title", "Notes");
  soup_multipart_append_form_file (multipart, "upload", "a.txt", "text/plain", file);
  msg = soup_message_new_from_multipart (url, multipart);
  fetch_with (fixture, msg, &reply);
  form = json_object_get_object_member (parse_echo (&reply, parser), "form");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (form, "fields")), ==, 1);
  part = json_array_get_object_element (json_object_get_array_member (form, "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (part, "filename"), ==, "a.txt");
  g_assert_cmpstr (json_object_get_string_member (part, "contentType"), ==, "text/plain");
  g_assert_cmpint (json_object_get_int_member (part, "size"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (part, "text"), ==, "line\n");
}

static void
test_echo_binary_body (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *url = pf_test_lab_url (fixture->lab, "echo");
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr (GBytes) body = g_bytes_new_static ("\xff\x00\x01", 3);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (Reply) reply = { 0 };
  JsonObject *echo;

  soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);
  fetch_with (fixture, msg, &reply);
  echo = parse_echo (&reply, parser);
  g_assert_true (json_object_get_null_member (echo, "body"));
  g_assert_cmpstr (json_object_get_string_member (echo, "bodyBase64"), ==, "/wAB");
  g_assert_true (json_object_get_null_member (echo, "form"));
}

static void
test_cut_is_premature_end (Fixture      *fixture,
                           gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  fetch (fixture, "GET", "cut", &reply);
  g_assert_nonnull (reply.error);
}

static void
test_garbage_is_a_parse_error (Fixture      *fixture,
                               gconstpointer data)
{
  g_auto (Reply) reply = { 0 };

  fetch (fixture, "GET", "garbage", &reply);
  g_assert_nonnull (reply.error);
}

static void
test_unknown_path_is_404 (Fixture      *fixture,
                          gconstpointer data)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *text = NULL;

  fetch (fixture, "GET", "no/such/thing", &reply);
  text = text_of (&reply);
  g_assert_cmpuint (reply.status, ==, 404);
  g_assert_cmpstr (text, ==, "Not found: /no/such/thing\n");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/lab/index/lists-every-endpoint", test_index_lists_every_endpoint);
  ADD ("/lab/server/bound-to-loopback-only", test_bound_to_loopback_only);
  ADD ("/lab/server/stops-and-starts-again", test_restart);
  ADD ("/lab/example-txt/is-text", test_example_txt);
  ADD ("/lab/status/answers-the-code", test_status_codes);
  ADD ("/lab/status/body-parameter", test_status_body_override);
  ADD ("/lab/bad-numbers/answer-400", test_status_junk_is_400);
  ADD ("/lab/delay/waits-before-answering", test_delay_waits);
  ADD ("/lab/drip/paced-with-content-length", test_drip_paced_with_length);
  ADD ("/lab/bytes/pattern-with-content-length", test_bytes_with_length);
  ADD ("/lab/bytes/chunked-without-length", test_bytes_chunked);
  ADD ("/lab/xml/same-document-two-types", test_xml_types);
  ADD ("/lab/redirect/chain-of-n", test_redirect_chain);
  ADD ("/lab/redirect-to/any-url-and-status", test_redirect_to_with_status);
  ADD ("/lab/ping-gif/is-43-bytes", test_ping_gif);
  ADD ("/lab/echo/urlencoded-fields-in-order", test_echo_urlencoded);
  ADD ("/lab/echo/multipart-file-part", test_echo_multipart_file_part);
  ADD ("/lab/echo/binary-body-as-base64", test_echo_binary_body);
  ADD ("/lab/cut/ends-before-content-length", test_cut_is_premature_end);
  ADD ("/lab/garbage/is-not-http", test_garbage_is_a_parse_error);
  ADD ("/lab/unknown/is-404", test_unknown_path_is_404);
  ADD ("/lab/cors/preflight-answer", test_cors_preflight_answer);
  ADD ("/lab/cors/actual-answer-and-log", test_cors_actual_answer_and_log);
  ADD ("/lab/cors/redirect", test_cors_redirect);
  ADD ("/lab/cookies/set", test_cookies_set);
  ADD ("/lab/events/stream", test_events_stream);
  ADD ("/lab/stream/lines", test_stream_lines);
  ADD ("/lab/poll/holds", test_poll_holds);
  ADD ("/lab/ws/needs-upgrade", test_ws_needs_upgrade);
  ADD ("/lab/cors-cases-page", test_cors_cases_page);
  ADD ("/lab/script-page/runs-the-script-at-any-path", test_script_page);
  ADD ("/lab/own-thread/answers-while-the-caller-is-blocked", test_own_thread);

  return g_test_run ();
}
