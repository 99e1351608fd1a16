/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-curl-command"

#include "config.h"

#include "pf-cors.h"
#include "pf-curl-command.h"
#include "pf-curl-command-private.h"
#include "pf-http-syntax.h"
#include "pf-key-value.h"
#include "pf-request-body.h"
#include "pf-shell-words.h"

#include <string.h>

/* A request as a curl command that sends the same method, headers and body bytes (a
 * multipart body differs only by its boundary). What curl cannot do — the page origin, the
 * credentials mode, overrideMimeType, sending as an image — is left out, but for the Origin
 * header the page origin makes the browser send; disabled rows are left out too. Each word is quoted for a POSIX shell (bash, or any with $'…', for control bytes). */

static void
add_word (GPtrArray *words,
          const char *flag,
          const char *value)
{
  g_autofree char *quoted = value ? pf_shell_quote (value) : NULL;

  g_ptr_array_add (words, quoted ? g_strdup_printf ("%s %s", flag, quoted) : g_strdup (flag));
}

static gboolean
sends_body (PfRequest *request)
{
  g_autofree char *method = pf_request_dup_effective_method (request);

  /* XHR send (): a GET or HEAD has no body. */
  return pf_request_get_body_kind (request) != PF_BODY_NONE && !g_str_equal (method, "GET") &&
         !g_str_equal (method, "HEAD");
}

/* curl's own choice is HEAD with -I, POST with a body, else GET: -X only when it differs. */
static void
add_method (GPtrArray *words,
            PfRequest *request)
{
  g_autofree char *method = pf_request_dup_effective_method (request);
  const char *implied = sends_body (request) ? "POST" : "GET";

  if (g_str_equal (method, "HEAD"))
    add_word (words, "-I", NULL);
  else if (!g_str_equal (method, implied))
    add_word (words, "-X", method);
}

/* Fetch: a page's request carries its Origin when it is cross-origin or neither GET nor HEAD
 * (as PfCorsFlow sends it); "Copy as cURL" in a browser has it, and so does this. */
static void
add_origin (GPtrArray *words,
            PfRequest *request)
{
  const char *origin = pf_request_get_origin (request);
  g_autofree char *method = pf_request_dup_effective_method (request);
  g_autofree char *header = NULL;

  if (*origin == '\0' || _pf_curl_request_find_header (request, "Origin") != NULL ||
      (pf_cors_same_origin (origin, pf_request_get_url (request)) &&
       (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))))
    return;
  header = g_strconcat ("Origin: ", origin, NULL);
  add_word (words, "-H", header);
}

static void
add_headers (GPtrArray *words,
             PfRequest *request)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);
      g_autofree char *value = NULL;
      g_autofree char *header = NULL;

      if (!pf_key_value_get_enabled (row))
        continue;
      /* The value as it is sent (Fetch normalizes it); curl sends "Name;" as empty. */
      value = pf_http_normalize_value (pf_key_value_get_value (row));
      if (*value == '\0')
        header = g_strconcat (pf_key_value_get_name (row), ";", NULL);
      else
        header = g_strconcat (pf_key_value_get_name (row), ": ", value, NULL);
      add_word (words, "-H", header);
    }
  add_origin (words, request);
}

static gboolean
has_content_type (PfRequest *request)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      if (pf_key_value_get_enabled (row) &&
          g_ascii_strcasecmp (pf_key_value_get_name (row), "Content-Type") == 0)
        return TRUE;
    }
  return FALSE;
}

/* The Content-Type Preflight sends for a raw or file body when no header sets one, unless
 * it is curl's own default for -d. */
static void
add_content_type (GPtrArray *words,
                  PfRequest *request)
{
  const char *type = pf_request_get_body_content_type (request);
  PfBodyKind kind = pf_request_get_body_kind (request);
  g_autofree char *guessed = NULL;
  g_autofree char *header = NULL;

  if (has_content_type (request) || (kind != PF_BODY_RAW && kind != PF_BODY_FILE))
    return;
  if (*type == '\0' && kind == PF_BODY_RAW)
    type = "text/plain;charset=UTF-8";
  else if (*type == '\0')
    type = guessed = pf_request_body_guess_type (pf_request_get_body_file (request));
  if (g_str_equal (type, "application/x-www-form-urlencoded"))
    return;
  header = g_strconcat ("Content-Type: ", type, NULL);
  add_word (words, "-H", header);
}

static void
add_auth (GPtrArray *words,
          PfRequest *request)
{
  PfAuthKind kind = pf_request_get_auth_kind (request);
  g_autofree char *user = NULL;

  if (kind == PF_AUTH_BASIC)
    user = g_strconcat (pf_request_get_auth_username (request), ":",
                        pf_request_get_auth_password (request), NULL);
  else if (*pf_request_get_open_username (request) != '\0')
    {
      add_word (words, "--anyauth", NULL);
      user = g_strconcat (pf_request_get_open_username (request), ":",
                          pf_request_get_open_password (request), NULL);
    }
  if (user != NULL)
    add_word (words, "-u", user);
  if (kind == PF_AUTH_BEARER && *pf_request_get_auth_token (request) != '\0')
    add_word (words, "--oauth2-bearer", pf_request_get_auth_token (request));
}

/* A word of -F's value may be in double quotes, with \" and \\ escaped. */
static void
append_form_word (GString *out,
                  const char *word)
{
  if (strpbrk (word, ";,\"\\") == NULL)
    {
      g_string_append (out, word);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = word; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* name=@path;type=…, with ;filename=… when the part goes with another name than the file's. */
static char *
form_file_value (PfKeyValue *row)
{
  const char *path = pf_key_value_get_value (row);
  const char *file_name = pf_key_value_get_file_name (row);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *type = *pf_key_value_get_content_type (row) != '\0'
                              ? g_strdup (pf_key_value_get_content_type (row))
                              : pf_request_body_guess_type (*file_name ? file_name : basename);
  GString *out = g_string_new (pf_key_value_get_name (row));

  g_string_append (out, "=@");
  append_form_word (out, path);
  /* The type Preflight sends, so curl's own guess does not differ. */
  g_string_append (out, ";type=");
  append_form_word (out, type);
  if (*file_name != '\0')
    {
      g_string_append (out, ";filename=");
      append_form_word (out, file_name);
    }
  return g_string_free (out, FALSE);
}

static void
add_form (GPtrArray *words,
          PfRequest *request)
{
  GListModel *fields = pf_request_get_fields (request);

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, i);
      g_autofree char *value = NULL;

      if (!pf_key_value_get_enabled (row))
        continue;
      if (pf_key_value_get_is_file (row))
        add_word (words, "-F", value = form_file_value (row));
      else
        {
          /* The value as it is sent: line breaks as CRLF, as FormData sends them. */
          g_autofree char *sent = pf_request_body_crlf (pf_key_value_get_value (row));

          value = g_strconcat (pf_key_value_get_name (row), "=", sent, NULL);
          add_word (words, "--form-string", value);
        }
    }
}

static void
add_body (GPtrArray *words,
          PfRequest *request)
{
  g_autofree char *text = NULL;
  g_autofree char *file = NULL;

  if (!sends_body (request))
    return;
  add_content_type (words, request);
  switch (pf_request_get_body_kind (request))
    {
    case PF_BODY_RAW:
      add_word (words, "--data-raw", pf_request_get_body_text (request));
      break;
    case PF_BODY_URLENCODED:
      add_word (words, "--data-raw", text = pf_request_encode_fields (request));
      break;
    case PF_BODY_MULTIPART:
      add_form (words, request);
      break;
    case PF_BODY_FILE:
      file = g_strconcat ("@", pf_request_get_body_file (request), NULL);
      add_word (words, "--data-binary", file);
      break;
    case PF_BODY_NONE:
    default:
      break;
    }
}

/* -m takes seconds: 1500 ms is "1.5". */
static char *
format_seconds (guint ms)
{
  char *text = g_strdup_printf ("%u.%03u", ms / 1000, ms % 1000);
  gsize len = strlen (text);

  while (text[len - 1] == '0')
    text[--len] = '\0';
  if (text[len - 1] == '.')
    text[len - 1] = '\0';
  return text;
}

static void
add_limits (GPtrArray *words,
            PfRequest *request)
{
  guint timeout_ms = pf_request_get_timeout_ms (request);
  guint max_redirects = pf_request_get_max_redirects (request);
  g_autofree char *seconds = NULL;
  g_autofree char *count = NULL;

  if (timeout_ms > 0)
    add_word (words, "-m", seconds = format_seconds (timeout_ms));
  if (max_redirects == 0)
    return;
  add_word (words, "-L", NULL);
  /* curl's own limit with -L is 50. */
  if (max_redirects != 50)
    add_word (words, "--max-redirs", count = g_strdup_printf ("%u", max_redirects));
}

/* @request as a curl command: one line, or with @multiline one option per line, each line
 * but the last ending in a backslash. */
char *
pf_curl_command_from_request (PfRequest *request,
                              gboolean multiline)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  g_autofree char *url = NULL;

  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  url = pf_shell_quote (pf_request_get_url (request));
  /* A URL that starts like an option is given as --url's argument, or curl reads an option. */
  g_ptr_array_add (words, g_strconcat (*pf_request_get_url (request) == '-' ? "curl --url " : "curl ",
                                       url, NULL));
  add_method (words, request);
  add_headers (words, request);
  add_auth (words, request);
  add_body (words, request);
  add_limits (words, request);
  return g_strjoinv (multiline ? " \\\n  " : " ", (char **) words->pdata);
}
