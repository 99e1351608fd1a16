/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pf-cli-send.h"
#include "pf-cli.h"
#include "pf-code-export.h"
#include "pf-cors-flow.h"
#include "pf-curl-command.h"
#include "pf-exchange.h"
#include "pf-har.h"
#include "pf-http-syntax.h"

typedef struct
{
  char *method;
  char **headers;
  char *data;
  char *data_file;
  char **form;
  char **urlencode;
  int timeout_ms;
  int abort_after_ms;
  char *override_mime;
  gboolean sync;
  gboolean xdr;
  char *response_type;
  int max_redirects;
  char *output;
  char *har;
  gboolean json;
  char *origin;
  char *credentials;
  char *user;
  char *bearer;
  int repeat;
  gboolean upload_listeners;
  gboolean browser_headers;
  gboolean no_browser_headers;
  char *curl;
  gboolean print_curl;
  char *print_code;
  char *trust_certificate;
  gboolean insecure;
  char **rest;
} FetchOptions;

static void
fetch_options_clear (FetchOptions *options)
{
  g_free (options->method);
  g_strfreev (options->headers);
  g_free (options->data);
  g_free (options->data_file);
  g_strfreev (options->form);
  g_strfreev (options->urlencode);
  g_free (options->override_mime);
  g_free (options->response_type);
  g_free (options->output);
  g_free (options->har);
  g_free (options->origin);
  g_free (options->credentials);
  g_free (options->user);
  g_free (options->bearer);
  g_free (options->curl);
  g_free (options->print_code);
  g_free (options->trust_certificate);
  g_strfreev (options->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FetchOptions, fetch_options_clear)

/* "name=value" → name and value; NULL when there is no "=". */
static char *
split_pair (const char  *text,
            const char **value)
{
  const char *equals = strchr (text, '=');

  if (equals == NULL)
    return NULL;
  *value = equals + 1;
  return g_strndup (text, equals - text);
}

static gboolean
add_headers (PfRequest  *request,
             char      **headers,
             GError    **error)
{
  for (guint i = 0; headers && headers[i]; i++)
    {
      const char *colon = strchr (headers[i], ':');
      g_autofree char *name = NULL;

      if (colon == NULL)
        {
          g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_HEADER_NAME,
                       _("Header “%s” has no colon; write it as “Name: value”"),
                       headers[i]);
          return FALSE;
        }
      name = g_strndup (headers[i], colon - headers[i]);
      pf_request_add_header (request, name, colon + 1);
    }
  return TRUE;
}

static gboolean
add_fields (PfRequest  *request,
            char      **fields,
            gboolean    allow_files,
            GError    **error)
{
  for (guint i = 0; fields && fields[i]; i++)
    {
      const char *value = NULL;
      g_autofree char *name = split_pair (fields[i], &value);

      if (name == NULL)
        {
          g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_FIELD,
                       _("Form field “%s” has no “=”; write it as name=value"), fields[i]);
          return FALSE;
        }
      if (allow_files && value[0] == '@')
        pf_request_add_file_field (request, name, value + 1);
      else
        pf_request_add_field (request, name, value);
    }
  return TRUE;
}

static gboolean
set_body (PfRequest    *request,
          FetchOptions *options,
          GError      **error)
{
  guint kinds = (options->data != NULL) + (options->data_file != NULL) +
                (options->form != NULL) + (options->urlencode != NULL);

  if (kinds > 1)
    {
      g_set_error_literal (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_FIELD,
                           _("Choose one kind of body: -d, --data-file, -F or --urlencode"));
      return FALSE;
    }
  /* A body given here replaces the one a --curl command gave. */
  if (kinds == 1)
    g_list_store_remove_all (G_LIST_STORE (pf_request_get_fields (request)));
  if (options->data != NULL)
    {
      pf_request_set_body_kind (request, PF_BODY_RAW);
      pf_request_set_body_text (request, options->data);
    }
  else if (options->data_file != NULL)
    {
      pf_request_set_body_kind (request, PF_BODY_FILE);
      pf_request_set_body_file (request, options->data_file);
    }
  else if (options->form != NULL)
    pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  else if (options->urlencode != NULL)
    pf_request_set_body_kind (request, PF_BODY_URLENCODED);
  return add_fields (request, options->form, TRUE, error) &&
         add_fields (request, options->urlencode, FALSE, error);
}

static gboolean
set_credentials (PfRequest  *request,
                 const char *mode,
                 GError    **error)
{
  if (mode == NULL || g_str_equal (mode, "same-origin"))
    pf_request_set_credentials (request, PF_CREDENTIALS_SAME_ORIGIN);
  else if (g_str_equal (mode, "omit"))
    pf_request_set_credentials (request, PF_CREDENTIALS_OMIT);
  else if (g_str_equal (mode, "include"))
    pf_request_set_credentials (request, PF_CREDENTIALS_INCLUDE);
  else
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_FIELD,
                   _("Credentials mode “%s” is not omit, same-origin or include"), mode);
      return FALSE;
    }
  return TRUE;
}

/* --user as XHR open ()'s user and password (they answer a challenge), --bearer as the
 * Bearer helper. */
static gboolean
set_auth (PfRequest    *request,
          FetchOptions *options,
          GError      **error)
{
  const char *colon = options->user ? strchr (options->user, ':') : NULL;
  g_autofree char *name = NULL;

  if (options->bearer != NULL)
    pf_request_set_bearer_auth (request, options->bearer);
  if (options->user == NULL)
    return TRUE;
  if (colon == NULL || colon == options->user)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_FIELD,
                   _("--user takes USER:PASSWORD, not “%s”"), options->user);
      return FALSE;
    }
  name = g_strndup (options->user, colon - options->user);
  pf_request_set_open_credentials (request, name, colon + 1);
  return TRUE;
}

/* --curl: the command's request, its notes on stderr; else an empty request. */
static PfRequest *
start_request (FetchOptions *options,
               GError      **error)
{
  g_autoptr (PfCurlCommand) command = NULL;
  const char *const *notes;

  if (options->curl == NULL)
    return pf_request_new ();
  if (!(command = pf_curl_command_parse (options->curl, error)))
    return NULL;
  notes = pf_curl_command_get_notes (command);
  /* "note:" is a fixed marker, as "preflight-cli:" is: scripts look for it. */
  for (guint i = 0; notes[i] != NULL; i++)
    fprintf (stderr, "preflight-cli: note: %s\n", notes[i]);
  return g_object_ref (pf_curl_command_get_request (command));
}

/* The options on top of --curl's request: each one given replaces what the command said. */
static PfRequest *
build_request (FetchOptions *options,
               GError      **error)
{
  g_autoptr (PfRequest) request = start_request (options, error);
  gboolean has_body = options->data || options->data_file || options->form || options->urlencode;

  if (request == NULL)
    return NULL;
  if (options->rest != NULL && options->rest[0] != NULL)
    pf_request_set_url (request, options->rest[0]);
  /* Like curl: a request with a body is a POST unless -X says otherwise. */
  if (options->method != NULL)
    pf_request_set_method (request, options->method);
  else if (has_body || options->curl == NULL)
    pf_request_set_method (request, has_body ? "POST" : "GET");
  if (options->timeout_ms > 0 || options->curl == NULL)
    pf_request_set_timeout_ms (request, MAX (options->timeout_ms, 0));
  if (options->override_mime != NULL)
    pf_request_set_override_mime_type (request, options->override_mime);
  if (options->sync)
    pf_request_set_sync (request, TRUE);
  if (options->xdr)
    pf_request_set_xdr (request, TRUE);
  if (options->response_type != NULL)
    {
      PfResponseType type;

      if (!pf_response_type_from_string (options->response_type, &type, error))
        return NULL;
      pf_request_set_response_type (request, type);
    }
  if (options->max_redirects >= 0)
    pf_request_set_max_redirects (request, options->max_redirects);
  if (options->origin != NULL)
    pf_request_set_origin (request, options->origin);
  /* TLS: a certificate the system does not vouch for only by the user's explicit choice. */
  if (options->trust_certificate != NULL)
    pf_request_set_trusted_certificate (request, options->trust_certificate);
  if (options->insecure)
    pf_request_set_insecure (request, TRUE);
  if (options->browser_headers || options->no_browser_headers)
    pf_request_set_browser_headers (request, options->browser_headers ? PF_BROWSER_HEADERS_ON
                                                                      : PF_BROWSER_HEADERS_OFF);
  if (!set_credentials (request, options->credentials, error) ||
      !set_auth (request, options, error))
    return NULL;
  if (!add_headers (request, options->headers, error) || !set_body (request, options, error) ||
      !pf_request_validate (request, error))
    return NULL;
  return g_steal_pointer (&request);
}

/* --print-curl: the command for the request, not sent. */
static int
print_curl (PfRequest *request)
{
  g_autofree char *command = pf_curl_command_from_request (request, FALSE);

  printf ("%s\n", command);
  return PF_CLI_EXIT_OK;
}

/* A browser silently drops forbidden headers; say which were dropped, and why. */
static void
report_dropped_headers (PfRequest *request)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);
      g_autofree char *value = pf_http_normalize_value (pf_key_value_get_value (row));
      const char *reason = pf_http_forbidden_header_reason (pf_key_value_get_name (row), value);

      if (reason != NULL)
        /* Translators: the first %s is a header name, the second why it is not sent */
        fprintf (stderr, _("preflight-cli: header “%s” is not sent: %s\n"),
                 pf_key_value_get_name (row), reason);
    }
}

static gboolean
interrupt_cb (gpointer user_data)
{
  PfExchange **running = user_data;

  if (*running != NULL)
    pf_exchange_abort (*running);
  return G_SOURCE_CONTINUE;
}

static GOutputStream *
open_output (const char *path,
             GError    **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  int saved_errno = errno;

  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  return g_unix_output_stream_new (fd, TRUE);
}

/* --har FILE: every run of this command, the preflights and redirects as entries of their own. */
static gboolean
save_har (const char *path,
          GPtrArray  *exchanges,
          GError    **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);

  return pf_har_save ((PfExchange *const *) exchanges->pdata, exchanges->len,
                      PF_HAR_INCLUDE_SECRETS, file, error);
}

/* Runs the request --repeat times in one process, as one page would: one profile (one
 * session, cookie jar and preflight cache). Exits 1 when any run failed. */
static int
run_exchanges (FetchOptions *options,
               PfRequest    *request)
{
  g_autoptr (PfProfile) profile = pf_profile_new ();
  g_autoptr (GOutputStream) sink = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) exchanges = g_ptr_array_new_with_free_func (g_object_unref);
  PfCliSendOptions send = { options->json, options->origin != NULL, options->upload_listeners,
                            options->abort_after_ms, options->har ? exchanges : NULL,
                            options->response_type != NULL };
  PfExchange *running = NULL;
  gboolean failed = FALSE;
  gboolean usage = FALSE;
  guint sigint_id;

  if (options->output && !(sink = open_output (options->output, &error)))
    return pf_cli_usage_error ("%s", error->message);
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &running);
  for (int k = 1; k <= MAX (options->repeat, 1) && !usage; k++)
    {
      PfFailure failure = PF_FAILURE_NONE;

      usage = !pf_cli_send (&send, request, profile, sink, k, &running, &failure, &error);
      failed = failed || failure != PF_FAILURE_NONE;
      /* An interrupted run stops the rest. */
      if (failure == PF_FAILURE_ABORT && options->abort_after_ms == 0)
        break;
    }
  g_source_remove (sigint_id);
  if (usage)
    return pf_cli_usage_error ("%s", error->message);
  if (options->har != NULL && !save_har (options->har, exchanges, &error))
    {
      /* Translators: %s is why the HAR file could not be written */
      g_printerr (_("preflight-cli: could not save the HAR file: %s\n"), error->message);
      return PF_CLI_EXIT_FAILED;
    }
  return failed ? PF_CLI_EXIT_FAILED : PF_CLI_EXIT_OK;
}

/* --print-code STYLE: the code a page would run for the request, instead of sending it. */
static int
print_code (const char *style,
            PfRequest *request)
{
  g_autofree char *code = NULL;

  if (g_str_equal (style, "fetch"))
    code = pf_code_export_fetch (request);
  else if (g_str_equal (style, "xhr"))
    code = pf_code_export_xhr (request);
  else if (g_str_equal (style, "http"))
    code = pf_code_export_http (request);
  else
    return pf_cli_usage_error (_("--print-code takes fetch, xhr or http, not “%s”"), style);
  fputs (code, stdout);
  return PF_CLI_EXIT_OK;
}

/* preflight-cli fetch [options] URL */
int
pf_cli_fetch (int    argc,
              char **argv)
{
  g_auto (FetchOptions) options = { .max_redirects = -1 };
  g_autoptr (GOptionContext) context = g_option_context_new (_("URL"));
  g_autoptr (PfRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "method", 'X', 0, G_OPTION_ARG_STRING, &options.method,
      N_("Request method (default GET, or POST with a body)"), N_("METHOD") },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &options.headers,
      N_("Request header, repeatable"), N_("'Name: value'") },
    { "data", 'd', 0, G_OPTION_ARG_STRING, &options.data,
      N_("Request body text (text/plain;charset=UTF-8 unless -H sets Content-Type)"), N_("TEXT") },
    { "data-file", 0, 0, G_OPTION_ARG_FILENAME, &options.data_file,
      N_("Send a file as the request body"), N_("PATH") },
    { "form", 'F', 0, G_OPTION_ARG_STRING_ARRAY, &options.form,
      N_("Multipart FormData field, repeatable; @path sends a file"), N_("NAME=VALUE|NAME=@PATH") },
    { "urlencode", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.urlencode,
      N_("application/x-www-form-urlencoded field, repeatable"), N_("NAME=VALUE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options.timeout_ms,
      N_("XHR timeout in milliseconds (0: none)"), N_("MS") },
    { "abort-after", 0, 0, G_OPTION_ARG_INT, &options.abort_after_ms,
      N_("Call abort() after this many milliseconds"), N_("MS") },
    { "override-mime", 0, 0, G_OPTION_ARG_STRING, &options.override_mime,
      N_("overrideMimeType() before sending"), N_("TYPE") },
    { "sync", 0, 0, G_OPTION_ARG_NONE, &options.sync,
      N_("Synchronous XHR, open(method, url, false): the page is frozen until it is done"),
      NULL },
    { "xdr", 0, 0, G_OPTION_ARG_NONE, &options.xdr,
      N_("With --origin: send and judge the request as IE 8/9’s XDomainRequest"), NULL },
    { "response-type", 0, 0, G_OPTION_ARG_STRING, &options.response_type,
      N_("xhr.responseType: text, json, document, arraybuffer or blob; the result gains "
          "“response”"),
      N_("TYPE") },
    { "max-redirects", 0, 0, G_OPTION_ARG_INT, &options.max_redirects,
      N_("Follow at most N redirects (default 20, as browsers)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      N_("Write the response body to a file"), N_("PATH") },
    { "har", 0, 0, G_OPTION_ARG_FILENAME, &options.har,
      N_("Save the exchange (every run, preflights and redirects included) as a HAR 1.2 file"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print JSON Lines: one object per timeline entry, then a result"), NULL },
    { "origin", 0, 0, G_OPTION_ARG_STRING, &options.origin,
      N_("Run as a page at this origin would: CORS preflight, checks and verdict"), N_("ORIGIN") },
    { "browser-headers", 0, 0, G_OPTION_ARG_NONE, &options.browser_headers,
      N_("Send the headers Chromium adds by itself (the default with --origin): Accept, "
         "User-Agent, Referer, Sec-Fetch-*, …"),
      NULL },
    { "no-browser-headers", 0, 0, G_OPTION_ARG_NONE, &options.no_browser_headers,
      N_("With --origin, send only the headers given and libsoup’s own"), NULL },
    { "credentials", 0, 0, G_OPTION_ARG_STRING, &options.credentials,
      N_("Credentials mode with --origin: omit, same-origin (default) or include"), N_("MODE") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &options.user,
      N_("User and password for a 401 challenge (Basic or Digest), as XHR open() takes them; "
          "answered once"),
      N_("USER:PASSWORD") },
    { "bearer", 0, 0, G_OPTION_ARG_STRING, &options.bearer,
      N_("Send Authorization: Bearer TOKEN"), N_("TOKEN") },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &options.repeat,
      N_("Run the request N times in one process, sharing cookies and the preflight cache"),
      N_("N") },
    { "upload-listeners", 0, 0, G_OPTION_ARG_NONE, &options.upload_listeners,
      N_("With --origin: the page listens to upload events "
          "(XHR then preflights any request with a body)"),
      NULL },
    { "curl", 0, 0, G_OPTION_ARG_STRING, &options.curl,
      N_("Build the request from a curl command line (a URL and the options here apply on "
          "top); what it asks that Preflight does not do is noted on stderr"),
      N_("'curl …'") },
    { "print-curl", 0, 0, G_OPTION_ARG_NONE, &options.print_curl,
      N_("Print the request as a curl command instead of sending it"), NULL },
    { "print-code", 0, 0, G_OPTION_ARG_STRING, &options.print_code,
      N_("Print the code a page would run for the request (fetch, xhr or http) instead of "
          "sending it"),
      N_("STYLE") },
    { "trust-certificate", 0, 0, G_OPTION_ARG_STRING, &options.trust_certificate,
      N_("Take the server's TLS certificate of this SHA-256 fingerprint even though the system "
         "does not trust it (self-signed, expired, another host's…); a failed run prints it"),
      N_("SHA256") },
    { "insecure", 'k', 0, G_OPTION_ARG_NONE, &options.insecure,
      N_("Take any TLS certificate, unchecked, as curl's -k does"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.rest,
      NULL, N_("URL") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Run one request the way XMLHttpRequest does and "
                                           "show its timeline."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (options.rest != NULL && options.rest[0] != NULL && options.rest[1] != NULL)
    return pf_cli_usage_error (_("Give exactly one URL; run “preflight-cli fetch --help”"));
  if (options.curl == NULL && (options.rest == NULL || options.rest[0] == NULL))
    return pf_cli_usage_error (_("Give exactly one URL; run “preflight-cli fetch --help”"));
  if (options.timeout_ms < 0 || options.abort_after_ms < 0)
    return pf_cli_usage_error (_("Times must be zero or more milliseconds"));
  if (options.sync && options.abort_after_ms > 0)
    return pf_cli_usage_error (_("--abort-after cannot stop a synchronous request: its page is "
                                  "frozen until the request is done"));
  if (options.repeat < 0 || options.repeat > 1000)
    return pf_cli_usage_error (_("--repeat takes a number from 1 to 1000"));
  if (options.origin == NULL && (options.credentials != NULL || options.upload_listeners))
    return pf_cli_usage_error (_("--credentials and --upload-listeners need --origin"));
  if (options.browser_headers && options.no_browser_headers)
    return pf_cli_usage_error (_("Give --browser-headers or --no-browser-headers, not both"));
  if (!(request = build_request (&options, &error)))
    return pf_cli_usage_error ("%s", error->message);
  if (options.print_curl)
    return print_curl (request);
  if (options.print_code != NULL)
    return print_code (options.print_code, request);
  report_dropped_headers (request);
  return run_exchanges (&options, request);
}
