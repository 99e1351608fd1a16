/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "pf-test-lab.h"

/* The HTTP version really spoken: a real nginx with http2 on TLS, started here on loopback
 * with its own configuration and a certificate made here (the lab's self-signed one, trusted
 * by its fingerprint), is asked by the engine and by preflight-cli; ALPN picks h2, and both
 * say HTTP/2 and the TLS version. Skipped only when nginx is not installed (Debian's
 * nginx-light has http2). */

typedef struct
{
  char *dir;
  GSubprocess *nginx;
  guint port;
  char *url;
  char *fingerprint;
  PfProfile *profile;
} Fixture;

static const char *
nginx_path (void)
{
  static char *path;

  if (path == NULL)
    path = g_find_program_in_path ("nginx");
  if (path == NULL && g_file_test ("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup ("/usr/sbin/nginx");
  return path;
}

/* A port that was free a moment ago. */
static guint
free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                             G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
accepts_connections (guint port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection =
      g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

  return connection != NULL;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* nginx.conf: one process in the foreground, everything it writes in @dir. */
static char *
nginx_conf (const char *dir,
            guint port)
{
  return g_strdup_printf ("daemon off;\nmaster_process off;\nworker_processes 1;\n"
                          "pid %1$s/nginx.pid;\nerror_log %1$s/error.log;\n"
                          "events { worker_connections 64; }\n"
                          "http {\n"
                          "  access_log off;\n"
                          "  client_body_temp_path %1$s/body;\n  proxy_temp_path %1$s/proxy;\n"
                          "  fastcgi_temp_path %1$s/fastcgi;\n  uwsgi_temp_path %1$s/uwsgi;\n"
                          "  scgi_temp_path %1$s/scgi;\n"
                          "  server {\n"
                          "    listen 127.0.0.1:%2$u ssl http2;\n"
                          "    ssl_certificate %1$s/cert.pem;\n"
                          "    ssl_certificate_key %1$s/key.pem;\n"
                          "    location / { default_type text/plain; return 200 \"hello over h2\\n\"; }\n"
                          "  }\n"
                          "}\n",
                          dir, port);
}

static void
fixture_set_up (Fixture *fixture,
                gconstpointer data)
{
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cert_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *conf_path = NULL;
  g_autoptr (GByteArray) der = NULL;
  guint tick;

  if (nginx_path () == NULL)
    return;
  fixture->dir = g_dir_make_tmp ("preflight-nginx-XXXXXX", &error);
  g_assert_no_error (error);
  certificate = pf_lab_tls_get_certificate (PF_LAB_TLS_SELF_SIGNED, &error);
  g_assert_no_error (error);
  g_object_get (certificate, "certificate-pem", &cert_pem, "private-key-pem", &key_pem,
                "certificate", &der, NULL);
  g_assert_nonnull (key_pem);
  write_file (fixture->dir, "cert.pem", cert_pem);
  write_file (fixture->dir, "key.pem", key_pem);
  fixture->fingerprint = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  fixture->port = free_port ();
  conf = nginx_conf (fixture->dir, fixture->port);
  write_file (fixture->dir, "nginx.conf", conf);
  conf_path = g_build_filename (fixture->dir, "nginx.conf", NULL);
  fixture->nginx = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_MERGE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                                     &error, nginx_path (), "-p", fixture->dir, "-c", conf_path,
                                     NULL);
  g_assert_no_error (error);
  /* nginx says nothing once it listens: its port is tried at each tick. */
  tick = g_timeout_add (20, tick_cb, NULL);
  PF_TEST_WAIT_UNTIL (accepts_connections (fixture->port), 10000);
  g_source_remove (tick);
  fixture->url = g_strdup_printf ("https://127.0.0.1:%u/", fixture->port);
  fixture->profile = pf_profile_new ();
}

static void
fixture_tear_down (Fixture *fixture,
                   gconstpointer data)
{
  /* The client's connections close first: nginx then stops at once. */
  g_clear_object (&fixture->profile);
  if (fixture->nginx != NULL)
    {
      g_subprocess_send_signal (fixture->nginx, SIGTERM);
      g_subprocess_wait (fixture->nginx, NULL, NULL);
    }
  g_clear_object (&fixture->nginx);
  if (fixture->dir != NULL)
    {
      g_autoptr (GFile) dir = g_file_new_for_path (fixture->dir);
      g_autoptr (GFileEnumerator) children =
          g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
      GFileInfo *info;

      while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)))
        {
          g_autofree char *path = g_build_filename (fixture->dir, g_file_info_get_name (info), NULL);

          g_remove (path);
          g_object_unref (info);
        }
      g_rmdir (fixture->dir);
    }
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->fingerprint, g_free);
}

static gboolean
skipped (void)
{
  if (nginx_path () != NULL)
    return FALSE;
  g_test_skip ("nginx is not installed (apt install nginx-light): no HTTP/2 server to ask");
  return TRUE;
}

static void
test_engine_says_http2 (Fixture *fixture,
                        gconstpointer data)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  PfTlsInfo *tls;

  if (skipped ())
    return;
  pf_request_set_url (request, fixture->url);
  pf_request_set_trusted_certificate (request, fixture->fingerprint);
  exchange = pf_exchange_new (fixture->profile, request);
  pf_exchange_send_async (exchange, NULL, pf_test_keep_result_cb, &result);
  /* Generous: under the sanitizers a handshake takes seconds. */
  PF_TEST_WAIT_UNTIL (result != NULL, 60000);
  g_assert_true (pf_exchange_send_finish (exchange, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pf_exchange_get_error_message (exchange), ==, NULL);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_cmpstr (pf_exchange_get_http_version (exchange), ==, "HTTP/2");
  head = pf_exchange_dup_raw_response_head (exchange);
  g_assert_true (g_str_has_prefix (head, "HTTP/2 200\r\n"));
  g_assert_nonnull (strstr (pf_exchange_get_raw_request_head (exchange), " HTTP/2\r\n"));
  body = pf_exchange_dup_body_bytes (exchange);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_cmpstr (text, ==, "hello over h2\n");
  tls = pf_exchange_get_tls_info (exchange);
  g_assert_nonnull (tls);
  g_assert_true (g_str_has_prefix (pf_tls_info_get_protocol (tls), "TLS 1."));
  g_assert_nonnull (pf_tls_info_get_cipher_suite (tls));
  g_assert_cmpint (pf_tls_info_get_trust (tls), ==, PF_TLS_TRUST_FINGERPRINT);
}

typedef struct
{
  char *out;
  char *err;
} Output;

static void
communicated_cb (GObject *object,
                 GAsyncResult *result,
                 gpointer user_data)
{
  Output *output = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &output->out,
                                        &output->err, NULL);
  if (output->out == NULL)
    output->out = g_strdup ("");
}

static char *
run_cli (Fixture *fixture,
         gboolean json)
{
  const char *cli = g_getenv ("PREFLIGHT_CLI");
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  Output output = { NULL, NULL };

  g_assert_nonnull (cli);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, cli, "fetch", "--trust-certificate", fixture->fingerprint,
                              json ? "--json" : fixture->url, json ? fixture->url : NULL, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &output);
  PF_TEST_WAIT_UNTIL (output.out != NULL, 60000);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_free (output.err);
  return output.out;
}

static void
test_cli_says_http2 (Fixture *fixture,
                     gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *last;
  JsonObject *result;
  JsonObject *tls;

  if (skipped ())
    return;
  text = run_cli (fixture, FALSE);
  g_assert_nonnull (strstr (text, "\n200 OK · HTTP/2\nTLS: TLS 1."));
  json = run_cli (fixture, TRUE);
  g_strchomp (json);
  last = strrchr (json, '\n');
  json_parser_load_from_data (parser, last ? last + 1 : json, -1, &error);
  g_assert_no_error (error);
  result = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (result, "type"), ==, "result");
  g_assert_cmpstr (json_object_get_string_member (result, "httpVersion"), ==, "HTTP/2");
  tls = json_object_get_object_member (result, "tls");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (tls, "protocol"), "TLS 1."));
  g_assert_cmpstr (json_object_get_string_member (tls, "trust"), ==, "fingerprint");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/http2/nginx/engine", Fixture, NULL, fixture_set_up, test_engine_says_http2,
              fixture_tear_down);
  g_test_add ("/http2/nginx/cli", Fixture, NULL, fixture_set_up, test_cli_says_http2,
              fixture_tear_down);
  return g_test_run ();
}
