/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-code-export"

#include "config.h"

#include "pf-code-export.h"

#include "pf-code-export-private.h"

/* The classic XMLHttpRequest code, with a handler for each event the timeline shows. */

static const char handlers[] =
    "xhr.onreadystatechange = () => console.log('readystatechange', xhr.readyState);\n"
    "xhr.onloadstart = (event) => console.log('loadstart', event.loaded, event.total);\n"
    "xhr.onprogress = (event) =>\n"
    "  console.log('progress', event.loaded, event.total, event.lengthComputable);\n";

static const char end_handlers[] =
    "xhr.onerror = () => console.log('error');\n"
    "xhr.onabort = () => console.log('abort');\n"
    "xhr.ontimeout = () => console.log('timeout');\n"
    "xhr.onloadend = () => console.log('loadend', xhr.status);\n";

/* The classic Ajax form body: name=value pairs through encodeURIComponent (), as Preflight
 * encodes them. */
static void
append_urlencoded (GString *out,
                   PfCodeRequest *code)
{
  GListModel *fields = pf_request_get_fields (code->request);

  g_string_append (out, "const body = [\n");
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, i);

      if (!pf_key_value_get_enabled (row))
        continue;
      g_string_append (out, "  [");
      _pf_code_append_js_string (out, pf_key_value_get_name (row));
      g_string_append (out, ", ");
      _pf_code_append_js_string (out, pf_key_value_get_value (row));
      g_string_append (out, "],\n");
    }
  g_string_append (out, "]\n"
                        "  .map(([name, value]) => encodeURIComponent(name) + '=' + "
                        "encodeURIComponent(value))\n"
                        "  .join('&');\n");
}

/* The statements before the XHR that make a body that is not a literal. */
static void
append_body_setup (GString *out,
                   PfCodeRequest *code)
{
  if (!code->has_body)
    return;
  switch (pf_request_get_body_kind (code->request))
    {
    case PF_BODY_URLENCODED:
      append_urlencoded (out, code);
      break;
    case PF_BODY_MULTIPART:
      _pf_code_append_form_data (out, code);
      break;
    case PF_BODY_FILE:
      _pf_code_append_file_input (out, code);
      break;
    case PF_BODY_RAW:
    case PF_BODY_NONE:
    default:
      break;
    }
}

/* XHR: registering an upload listener before send () makes a cross-origin request with a
 * body preflighted, which Preflight's request does not do: there it stays a comment. */
static void
append_upload_handler (GString *out,
                       PfCodeRequest *code)
{
  static const char handler[] =
      "xhr.upload.onprogress = (event) =>\n"
      "  console.log('upload progress', event.loaded, event.total, event.lengthComputable);\n";

  if (!code->has_body)
    return;
  if (!code->cross_origin)
    {
      g_string_append (out, handler);
      return;
    }
  g_string_append (out, "// An upload listener makes a cross-origin request with a body "
                        "preflighted (XHR standard);\n"
                        "// Preflight sent this one without. To watch the upload:\n"
                        "// xhr.upload.onprogress = (event) => console.log('upload progress', "
                        "event.loaded, event.total);\n");
}

static void
append_load_handler (GString *out,
                     PfCodeRequest *code)
{
  g_string_append (out, "xhr.onload = () => {\n"
                        "  console.log('load', xhr.status, xhr.statusText);\n"
                        "  console.log(xhr.getAllResponseHeaders());\n"
                        "  console.log(xhr.responseText);\n");
  if (*pf_request_get_override_mime_type (code->request) != '\0')
    g_string_append (out, "  console.log(xhr.responseXML && "
                          "xhr.responseXML.documentElement.nodeName);\n");
  g_string_append (out, "};\n");
}

static void
append_open (GString *out,
             PfCodeRequest *code)
{
  const char *user = pf_request_get_open_username (code->request);

  g_string_append (out, "xhr.open(");
  _pf_code_append_js_string (out, code->method);
  g_string_append (out, ", ");
  _pf_code_append_js_string (out, code->url);
  /* open (…, false): send () returns once the response is done. */
  g_string_append (out, pf_request_get_sync (code->request) ? ", false" : ", true");
  if (*user != '\0')
    {
      g_string_append (out, ", ");
      _pf_code_append_js_string (out, user);
      g_string_append (out, ", ");
      _pf_code_append_js_string (out, pf_request_get_open_password (code->request));
    }
  g_string_append (out, ");\n");
}

static void
append_set_header (GString *out,
                   PfKeyValue *row)
{
  g_string_append (out, "xhr.setRequestHeader(");
  _pf_code_append_js_bytes (out, pf_key_value_get_name (row));
  g_string_append (out, ", ");
  _pf_code_append_js_bytes (out, pf_key_value_get_value (row));
  g_string_append (out, ");");
  _pf_code_append_header_note (out, row);
  g_string_append_c (out, '\n');
}

static void
append_headers (GString *out,
                PfCodeRequest *code)
{
  for (guint i = 0; i < code->headers->len; i++)
    append_set_header (out, g_ptr_array_index (code->headers, i));
  /* A string body would go as text/plain;charset=UTF-8. */
  if (code->has_body && pf_request_get_body_kind (code->request) == PF_BODY_URLENCODED &&
      !_pf_code_request_has_header (code, "Content-Type"))
    g_string_append (out, "xhr.setRequestHeader('Content-Type', "
                          "'application/x-www-form-urlencoded');\n");
}

static void
append_options (GString *out,
                PfCodeRequest *code)
{
  const char *mime = pf_request_get_override_mime_type (code->request);
  guint timeout = pf_request_get_timeout_ms (code->request);

  switch (pf_request_get_credentials (code->request))
    {
    case PF_CREDENTIALS_INCLUDE:
      g_string_append (out, "xhr.withCredentials = true; // fetch() credentials: 'include'\n");
      break;
    case PF_CREDENTIALS_OMIT:
      g_string_append (out, "// XHR cannot omit credentials: withCredentials = false is "
                            "fetch()'s 'same-origin'.\n");
      break;
    case PF_CREDENTIALS_SAME_ORIGIN:
    default:
      break;
    }
  if (timeout > 0)
    g_string_append_printf (out, "xhr.timeout = %u;\n", timeout);
  if (*mime == '\0')
    return;
  g_string_append (out, "xhr.overrideMimeType(");
  _pf_code_append_js_string (out, mime);
  g_string_append (out, ");\n");
}

static void
append_send (GString *out,
             PfCodeRequest *code)
{
  PfBodyKind kind = pf_request_get_body_kind (code->request);

  if (!code->has_body)
    g_string_append (out, "xhr.send();\n");
  else if (kind == PF_BODY_RAW)
    {
      g_string_append (out, "xhr.send(");
      _pf_code_append_js_string (out, pf_request_get_body_text (code->request));
      g_string_append (out, ");\n");
    }
  else
    g_string_append (out, "xhr.send(body);\n");
}

/* XMLHttpRequest: handlers, open (with open ()'s user and password when the request has
 * them), headers, withCredentials, timeout, overrideMimeType, send. */
char *
pf_code_export_xhr (PfRequest *request)
{
  g_auto (PfCodeRequest) code = { NULL };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  _pf_code_request_init (&code, request);
  _pf_code_append_origin_comment (out, &code, "XMLHttpRequest");
  append_body_setup (out, &code);
  g_string_append (out, "const xhr = new XMLHttpRequest();\n");
  g_string_append (out, handlers);
  append_upload_handler (out, &code);
  append_load_handler (out, &code);
  g_string_append (out, end_handlers);
  append_open (out, &code);
  append_headers (out, &code);
  append_options (out, &code);
  append_send (out, &code);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
