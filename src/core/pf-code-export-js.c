/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-code-export"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pf-code-export-private.h"
#include "pf-cors.h"
#include "pf-http-syntax.h"

/* What fetch () and XMLHttpRequest code share: string literals, the request's headers as a
 * script sets them, FormData and a chosen file. */

/* One ASCII character inside a single-quoted string literal. */
static void
append_ascii_escaped (GString *out,
                      char c)
{
  if (c == '\'' || c == '\\')
    g_string_append_printf (out, "\\%c", c);
  else if (c == '\n')
    g_string_append (out, "\\n");
  else if (c == '\r')
    g_string_append (out, "\\r");
  else if (c == '\t')
    g_string_append (out, "\\t");
  else if ((guchar) c < 0x20 || c == 0x7f)
    g_string_append_printf (out, "\\x%02x", (guchar) c);
  else
    g_string_append_c (out, c);
}

/* ECMAScript string literal in single quotes: the escapes a reader knows, other controls as
 * \xHH, U+2028 and U+2029 escaped (they end a line in older engines), the rest as UTF-8. */
void
_pf_code_append_js_string (GString *out,
                           const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);

  g_string_append_c (out, '\'');
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        append_ascii_escaped (out, (char) c);
      else if (c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '\'');
}

/* A header name or value: Fetch takes a ByteString, one byte per code unit (a code unit past
 * U+00FF throws), so each byte of the UTF-8 Preflight sends is written \xHH. */
void
_pf_code_append_js_bytes (GString *out,
                          const char *text)
{
  g_string_append_c (out, '\'');
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p < 0x80)
      append_ascii_escaped (out, (char) *p);
    else
      g_string_append_printf (out, "\\x%02x", *p);
  g_string_append_c (out, '\'');
}

static PfKeyValue *
find_header (GPtrArray *headers,
             const char *name)
{
  for (guint i = 0; i < headers->len; i++)
    if (g_ascii_strcasecmp (pf_key_value_get_name (headers->pdata[i]), name) == 0)
      return headers->pdata[i];
  return NULL;
}

/* XHR setRequestHeader (): a repeated name is combined into one value, "a, b". */
static void
add_header (GPtrArray *headers,
            const char *name,
            const char *value)
{
  g_autofree char *normalized = pf_http_normalize_value (value);
  PfKeyValue *row = find_header (headers, name);
  g_autofree char *combined = NULL;

  if (row == NULL)
    {
      g_ptr_array_add (headers, pf_key_value_new (name, normalized));
      return;
    }
  combined = g_strconcat (pf_key_value_get_value (row), ", ", normalized, NULL);
  pf_key_value_set_value (row, combined);
}

/* The author headers, then the helper's Authorization and a typed body's Content-Type unless
 * the author set them, as Preflight sends them. */
static GPtrArray *
collect_headers (PfCodeRequest *code)
{
  GListModel *rows = pf_request_get_headers (code->request);
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *authorization = pf_request_dup_authorization (code->request);
  const char *type = pf_request_get_body_content_type (code->request);
  PfBodyKind kind = pf_request_get_body_kind (code->request);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);

      if (pf_key_value_get_enabled (row))
        add_header (headers, pf_key_value_get_name (row), pf_key_value_get_value (row));
    }
  if (authorization != NULL && find_header (headers, "Authorization") == NULL)
    add_header (headers, "Authorization", authorization);
  if (code->has_body && (kind == PF_BODY_RAW || kind == PF_BODY_FILE) && *type != '\0' &&
      find_header (headers, "Content-Type") == NULL)
    add_header (headers, "Content-Type", type);
  return headers;
}

void
_pf_code_request_init (PfCodeRequest *code,
                       PfRequest *request)
{
  g_autofree char *method = pf_request_dup_effective_method (request);
  const char *origin = pf_request_get_origin (request);

  code->request = g_object_ref (request);
  code->url = pf_request_build_url (request, NULL);
  if (code->url == NULL)
    code->url = g_strdup (pf_request_get_url (request));
  code->method = *pf_request_get_method (request) ? pf_request_get_method (request) : "GET";
  /* XHR send (): a GET or HEAD request has a null body (and fetch () throws with one). */
  code->has_body = pf_request_get_body_kind (request) != PF_BODY_NONE &&
                   !g_str_equal (method, "GET") && !g_str_equal (method, "HEAD");
  code->cross_origin = *origin != '\0' && !pf_cors_same_origin (origin, code->url);
  code->headers = collect_headers (code);
}

void
_pf_code_request_clear (PfCodeRequest *code)
{
  g_clear_object (&code->request);
  g_clear_pointer (&code->url, g_free);
  g_clear_pointer (&code->headers, g_ptr_array_unref);
}

gboolean
_pf_code_request_has_header (PfCodeRequest *code,
                             const char *name)
{
  return find_header (code->headers, name) != NULL;
}

/* " // …" after a header a browser will not send. */
void
_pf_code_append_header_note (GString *out,
                             PfKeyValue *row)
{
  const char *value = pf_key_value_get_value (row);

  if (pf_http_forbidden_header_reason (pf_key_value_get_name (row), value))
    g_string_append (out, " // forbidden request-header: the browser drops it");
  else if (!g_str_is_ascii (value))
    g_string_append (out, " // the UTF-8 bytes: a header value is a ByteString");
}

void
_pf_code_append_origin_comment (GString *out,
                                PfCodeRequest *code,
                                const char *api)
{
  const char *origin = pf_request_get_origin (code->request);

  if (*origin == '\0')
    {
      g_string_append_printf (out, "// %s as a page at the URL's own origin runs it (no page "
                                   "origin was set, so no CORS).\n",
                              api);
      return;
    }
  g_string_append_printf (out, "// %s as a page at ", api);
  _pf_code_append_js_string (out, origin);
  g_string_append_printf (out, " runs it (a %s request).\n",
                          code->cross_origin ? "cross-origin" : "same-origin");
}

static char *
guess_file_type (const char *path)
{
  gboolean uncertain = FALSE;
  g_autofree char *type = g_content_type_guess (path, NULL, 0, &uncertain);
  char *mime = uncertain ? NULL : g_content_type_get_mime_type (type);

  return mime ? mime : g_strdup ("application/octet-stream");
}

/* A file part: a page cannot read a path, so a placeholder Blob with the name and type
 * Preflight sends (the field's own, or the file's name and the type that name gives), and a
 * comment saying what to use instead. */
static void
append_file_field (GString *out,
                   PfKeyValue *row)
{
  const char *path = pf_key_value_get_value (row);
  g_autofree char *base = *pf_key_value_get_file_name (row) != '\0'
                              ? g_strdup (pf_key_value_get_file_name (row))
                              : g_path_get_basename (path);
  g_autofree char *type = *pf_key_value_get_content_type (row) != '\0'
                              ? g_strdup (pf_key_value_get_content_type (row))
                              : guess_file_type (base);

  /* Paths and names go into comments as string literals: no line break can end a comment. */
  g_string_append (out, "// The file ");
  _pf_code_append_js_string (out, path);
  g_string_append (out, ": a page cannot read a path. Use the file chosen in an\n"
                        "// <input type=\"file\">, fileInput.files[0], instead of this "
                        "placeholder Blob.\n"
                        "body.append(");
  _pf_code_append_js_string (out, pf_key_value_get_name (row));
  g_string_append (out, ", new Blob([], { type: ");
  _pf_code_append_js_string (out, type);
  g_string_append (out, " }), ");
  _pf_code_append_js_string (out, base);
  g_string_append (out, ");\n");
}

/* const body = new FormData(), its enabled fields in order. */
void
_pf_code_append_form_data (GString *out,
                           PfCodeRequest *code)
{
  GListModel *fields = pf_request_get_fields (code->request);

  g_string_append (out, "const body = new FormData();\n");
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, i);

      if (!pf_key_value_get_enabled (row))
        continue;
      if (pf_key_value_get_is_file (row))
        {
          append_file_field (out, row);
          continue;
        }
      g_string_append (out, "body.append(");
      _pf_code_append_js_string (out, pf_key_value_get_name (row));
      g_string_append (out, ", ");
      _pf_code_append_js_string (out, pf_key_value_get_value (row));
      g_string_append (out, ");\n");
    }
}

/* const body = the file chosen in the page, for a file body. */
void
_pf_code_append_file_input (GString *out,
                            PfCodeRequest *code)
{
  g_string_append (out, "// The body is the file ");
  _pf_code_append_js_string (out, pf_request_get_body_file (code->request));
  g_string_append (out, ": a page cannot read a path, so this sends\n"
                        "// the file chosen in the page's <input type=\"file\">.\n");
  g_string_append (out, "const fileInput = document.querySelector('input[type=\"file\"]');\n"
                        "const body = fileInput.files[0];\n");
}
