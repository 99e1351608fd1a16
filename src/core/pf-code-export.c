/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-code-export"

#include "config.h"

#include "pf-code-export.h"

#include <string.h>

#include "pf-code-export-private.h"
#include "pf-http-file-private.h"
#include "pf-http-syntax.h"

/* The code a page would run to send a request: fetch (), XMLHttpRequest (in
 * pf-code-export-xhr.c) and a .http entry. Each takes the request as it is, secrets included:
 * a caller that shows or saves the code masks them first. Comments in the code are English,
 * like the code; it is not translated. */

/* @text as a JavaScript string literal. */
char *
pf_code_export_js_string (const char *text)
{
  GString *out = g_string_new (NULL);

  _pf_code_append_js_string (out, text);
  return g_string_free (out, FALSE);
}

/* XML as DOMParser takes it: an essence ending in /xml or +xml. */
static gboolean
is_xml_type (const char *type)
{
  g_autofree char *essence = g_ascii_strdown (type, strcspn (type, "; \t"));

  return g_str_has_suffix (essence, "/xml") || g_str_has_suffix (essence, "+xml");
}

static void
append_url_search_params (GString *out,
                          PfCodeRequest *code)
{
  GListModel *fields = pf_request_get_fields (code->request);

  g_string_append (out, "// URLSearchParams writes a space as '+' and sends Content-Type "
                        "application/x-www-form-urlencoded;charset=UTF-8;\n"
                        "// Preflight encodes as encodeURIComponent() does ('%20'): the same "
                        "fields to a server.\n"
                        "const body = new URLSearchParams();\n");
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, i);

      if (!pf_key_value_get_enabled (row))
        continue;
      g_string_append (out, "body.append(");
      _pf_code_append_js_string (out, pf_key_value_get_name (row));
      g_string_append (out, ", ");
      _pf_code_append_js_string (out, pf_key_value_get_value (row));
      g_string_append (out, ");\n");
    }
}

/* The statements before fetch () that make the body; FALSE when it is a literal. */
static gboolean
append_body_setup (GString *out,
                   PfCodeRequest *code)
{
  if (!code->has_body)
    return FALSE;
  switch (pf_request_get_body_kind (code->request))
    {
    case PF_BODY_URLENCODED:
      append_url_search_params (out, code);
      return TRUE;
    case PF_BODY_MULTIPART:
      _pf_code_append_form_data (out, code);
      return TRUE;
    case PF_BODY_FILE:
      _pf_code_append_file_input (out, code);
      return TRUE;
    case PF_BODY_RAW:
    case PF_BODY_NONE:
    default:
      return FALSE;
    }
}

static void
append_headers (GString *out,
                PfCodeRequest *code)
{
  if (code->headers->len == 0)
    return;
  g_string_append (out, "  headers: {\n");
  for (guint i = 0; i < code->headers->len; i++)
    {
      PfKeyValue *row = g_ptr_array_index (code->headers, i);

      g_string_append (out, "    ");
      _pf_code_append_js_bytes (out, pf_key_value_get_name (row));
      g_string_append (out, ": ");
      _pf_code_append_js_bytes (out, pf_key_value_get_value (row));
      g_string_append_c (out, ',');
      _pf_code_append_header_note (out, row);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "  },\n");
}

/* XHR's withCredentials false is fetch's 'same-origin', true is 'include'; only fetch can
 * 'omit'. */
static const char *
credentials_name (PfRequest *request)
{
  switch (pf_request_get_credentials (request))
    {
    case PF_CREDENTIALS_OMIT:
      return "omit";
    case PF_CREDENTIALS_INCLUDE:
      return "include";
    case PF_CREDENTIALS_SAME_ORIGIN:
    default:
      return "same-origin";
    }
}

static void
append_init (GString *out,
             PfCodeRequest *code,
             gboolean body_variable)
{
  guint timeout = pf_request_get_timeout_ms (code->request);

  g_string_append (out, "  method: ");
  _pf_code_append_js_string (out, code->method);
  g_string_append (out, ",\n");
  append_headers (out, code);
  if (body_variable)
    g_string_append (out, "  body,\n");
  else if (code->has_body)
    {
      g_string_append (out, "  body: ");
      _pf_code_append_js_string (out, pf_request_get_body_text (code->request));
      g_string_append (out, ",\n");
    }
  g_string_append_printf (out, "  credentials: '%s',\n", credentials_name (code->request));
  if (timeout > 0)
    g_string_append_printf (out, "  signal: AbortSignal.timeout(%u), // XHR timeout\n", timeout);
}

static void
append_open_credentials_note (GString *out,
                              PfCodeRequest *code)
{
  if (*pf_request_get_open_username (code->request) == '\0')
    return;
  g_string_append (out, "// XHR open()'s user and password answer a 401 challenge; fetch() has "
                        "no such argument\n"
                        "// (it refuses a URL with credentials): the browser asks its user "
                        "instead, or send the\n"
                        "// Authorization header yourself.\n");
}

static void
append_text_handler (GString *out,
                     PfCodeRequest *code)
{
  const char *mime = pf_request_get_override_mime_type (code->request);

  if (*mime == '\0')
    {
      g_string_append (out, "  .then((text) => console.log(text))\n");
      return;
    }
  g_string_append (out, "  .then((text) => {\n"
                        "    console.log(text);\n");
  g_string_append (out, "    // fetch() has no overrideMimeType(");
  _pf_code_append_js_string (out, mime);
  g_string_append (out, "): ");
  if (!is_xml_type (mime))
    {
      g_string_append (out, "the body is read as UTF-8 text.\n  })\n");
      return;
    }
  g_string_append (out, "parse the text as XML yourself.\n"
                        "    const doc = new DOMParser().parseFromString(text, "
                        "'application/xml');\n"
                        "    console.log(doc.documentElement.nodeName);\n"
                        "  })\n");
}

/* fetch () with what the timeline shows of a response: status, headers, text. */
char *
pf_code_export_fetch (PfRequest *request)
{
  g_auto (PfCodeRequest) code = { NULL };
  GString *out = g_string_new (NULL);
  gboolean body_variable;

  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  _pf_code_request_init (&code, request);
  _pf_code_append_origin_comment (out, &code, "fetch()");
  append_open_credentials_note (out, &code);
  body_variable = append_body_setup (out, &code);
  g_string_append (out, "fetch(");
  _pf_code_append_js_string (out, code.url);
  g_string_append (out, ", {\n");
  append_init (out, &code, body_variable);
  g_string_append (out, "})\n"
                        "  .then((response) => {\n"
                        "    console.log(response.status, response.statusText);\n"
                        "    for (const [name, value] of response.headers)\n"
                        "      console.log(`${name}: ${value}`);\n"
                        "    return response.text();\n"
                        "  })\n");
  append_text_handler (out, &code);
  g_string_append (out, "  .catch((error) => console.error(error.name, error.message));\n");
  return g_string_free (out, FALSE);
}

/* The header values as a browser sends them (no leading or trailing whitespace), and the
 * helper's Authorization as a header unless the author set one: .http has no auth helper. */
static PfRequest *
copy_for_http (PfRequest *request)
{
  PfRequest *copy = pf_request_copy (request);
  GListModel *headers = pf_request_get_headers (copy);
  g_autofree char *authorization = pf_request_dup_authorization (request);
  gboolean has_authorization = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);
      g_autofree char *value = pf_http_normalize_value (pf_key_value_get_value (row));

      pf_key_value_set_value (row, value);
      has_authorization = has_authorization ||
                          (pf_key_value_get_enabled (row) &&
                           g_ascii_strcasecmp (pf_key_value_get_name (row), "Authorization") == 0);
    }
  if (authorization != NULL && !has_authorization)
    pf_request_add_header (copy, "Authorization", authorization);
  return copy;
}

/* The request as one .http entry, as Collections save it. */
char *
pf_code_export_http (PfRequest *request)
{
  g_autoptr (PfRequest) copy = NULL;

  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  copy = copy_for_http (request);
  return _pf_http_file_format (copy, NULL, NULL, NULL, "\n");
}
