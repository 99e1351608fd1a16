/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-http-syntax"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-http-syntax.h"

/* RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 * "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
static gboolean
is_tchar (guchar c)
{
  return g_ascii_isalnum (c) || (c != 0 && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

gboolean
pf_http_is_token (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (!is_tchar (*p))
      return FALSE;
  return TRUE;
}

/* Says which character breaks a token, in words a user can act on. */
static char *
describe_non_token (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (is_tchar (*p))
        continue;
      if (*p == ' ')
        return g_strdup (_("contains a space"));
      if (*p == ':')
        return g_strdup (_("contains a colon"));
      if (*p < 0x20 || *p == 0x7f)
        return g_strdup_printf (_("contains the control character 0x%02X"), *p);
      if (*p >= 0x80)
        return g_strdup (_("contains a non-ASCII character"));
      return g_strdup_printf (_("contains “%c”, which is not allowed in a token"), *p);
    }
  return g_strdup (_("is empty"));
}

/* @what_format names the thing in a sentence, e.g. "Method “%s” %s". */
static gboolean
check_token (const char *text,
             int         code,
             const char *what_format,
             GError    **error)
{
  g_autofree char *why = NULL;

  if (pf_http_is_token (text))
    return TRUE;
  why = describe_non_token (text ? text : "");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* Both callers pass a translated literal with exactly two %s. */
  g_set_error (error, PF_REQUEST_ERROR, code, what_format, text ? text : "", why);
#pragma GCC diagnostic pop
  return FALSE;
}

gboolean
pf_http_check_method (const char *method,
                      GError    **error)
{
  /* Translators: the first %s is an HTTP method as typed, the second says what is wrong */
  return check_token (method, PF_REQUEST_ERROR_INVALID_METHOD, _("Method “%s” %s"), error);
}

gboolean
pf_http_check_header_name (const char *name,
                           GError    **error)
{
  /* Translators: the first %s is a header name as typed, the second says what is wrong */
  return check_token (name, PF_REQUEST_ERROR_INVALID_HEADER_NAME, _("Header name “%s” %s"),
                      error);
}

/* Fetch: a header value has no leading or trailing HTTP whitespace and contains no
 * 0x00 NUL, 0x0A LF or 0x0D CR. XHR's setRequestHeader() strips the whitespace first. */
gboolean
pf_http_check_header_value (const char *name,
                            const char *value,
                            GError    **error)
{
  const char *bad = value ? strpbrk (value, "\r\n") : NULL;

  if (bad == NULL)
    return TRUE;
  g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_HEADER_VALUE,
               *bad == '\r' ? _("The value of header “%s” contains a carriage return (CR)")
                            : _("The value of header “%s” contains a line feed (LF)"),
               name);
  return FALSE;
}

static gboolean
is_http_whitespace (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Fetch: to normalize a byte sequence, remove leading and trailing HTTP whitespace. */
char *
pf_http_normalize_value (const char *value)
{
  const char *start = value ? value : "";
  const char *end = start + strlen (start);

  while (start < end && is_http_whitespace (*start))
    start++;
  while (end > start && is_http_whitespace (end[-1]))
    end--;
  return g_strndup (start, end - start);
}

/* Fetch: to normalize a method, byte-uppercase it if it is a byte-case-insensitive match
 * for DELETE, GET, HEAD, OPTIONS, POST or PUT. PATCH is deliberately not in the list. */
char *
pf_http_normalize_method (const char *method)
{
  static const char *const normalized[] = { "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT" };

  for (guint i = 0; i < G_N_ELEMENTS (normalized); i++)
    if (g_ascii_strcasecmp (method, normalized[i]) == 0)
      return g_strdup (normalized[i]);
  return g_strdup (method);
}

gboolean
pf_http_check_url (const char *url,
                   GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                           _("The URL is empty"));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("“%s” is not a valid URL: %s"), url, local_error->message);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("“%s” is not an http or https URL"), url);
      return FALSE;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("“%s” has no host name"), url);
      return FALSE;
    }
  /* URL standard: forbidden host code points (IPv6 literals keep their brackets out). */
  if (strpbrk (g_uri_get_host (uri), " \t#/<>?@\\^|") != NULL)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("The host name “%s” contains a character a URL cannot have there"),
                   g_uri_get_host (uri));
      return FALSE;
    }
  return TRUE;
}

/* ECMAScript encodeURIComponent (): everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ) is
 * percent-encoded as UTF-8 bytes, with upper-case hex digits. */
void
pf_uri_append_component (GString    *out,
                         const char *text)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-_.!~*'()", *p) != NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      g_string_append_c (out, '%');
      g_string_append_c (out, hex[*p >> 4]);
      g_string_append_c (out, hex[*p & 0xf]);
    }
}

char *
pf_uri_encode_component (const char *text)
{
  GString *out = g_string_new (NULL);

  pf_uri_append_component (out, text ? text : "");
  return g_string_free (out, FALSE);
}

/* Fetch: a forbidden request-header is one a script may not set; browsers drop it. Says
 * why @name is forbidden, or NULL when it may be sent. */
const char *
pf_http_forbidden_header_reason (const char *name,
                                 const char *value)
{
  static const char *const forbidden[] = {
    "Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers",
    "Access-Control-Request-Method", "Connection", "Content-Length", "Cookie", "Cookie2", "Date",
    "DNT", "Expect", "Host", "Keep-Alive", "Origin", "Referer", "Set-Cookie", "TE", "Trailer",
    "Transfer-Encoding", "Upgrade", "Via",
  };
  static const char *const override_names[] = { "X-HTTP-Method", "X-HTTP-Method-Override",
                                                "X-Method-Override" };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (g_ascii_strcasecmp (name, forbidden[i]) == 0)
      return _("the browser controls this header itself (a forbidden request header)");
  if (g_ascii_strncasecmp (name, "Proxy-", 6) == 0)
    return _("names starting with “Proxy-” are forbidden request headers");
  if (g_ascii_strncasecmp (name, "Sec-", 4) == 0)
    return _("names starting with “Sec-” are forbidden request headers");
  for (guint i = 0; i < G_N_ELEMENTS (override_names); i++)
    {
      g_auto (GStrv) methods = NULL;

      if (g_ascii_strcasecmp (name, override_names[i]) != 0)
        continue;
      methods = g_strsplit (value ? value : "", ",", -1);
      for (guint j = 0; methods[j]; j++)
        {
          g_autofree char *method = pf_http_normalize_value (methods[j]);
          if (!g_ascii_strcasecmp (method, "CONNECT") || !g_ascii_strcasecmp (method, "TRACE") ||
              !g_ascii_strcasecmp (method, "TRACK"))
            return _("it asks to override the method with a forbidden method");
        }
    }
  return NULL;
}
