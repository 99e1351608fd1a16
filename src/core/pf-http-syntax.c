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

/* Fetch: a forbidden method is a byte-case-insensitive match for CONNECT, TRACE or TRACK. */
gboolean
pf_http_is_forbidden_method (const char *method)
{
  static const char *const forbidden[] = { "CONNECT", "TRACE", "TRACK" };

  for (guint i = 0; method != NULL && i < G_N_ELEMENTS (forbidden); i++)
    if (g_ascii_strcasecmp (method, forbidden[i]) == 0)
      return TRUE;
  return FALSE;
}

/* XHR open (): a method that is not a token throws a SyntaxError, a forbidden method a
 * SecurityError; either way nothing is sent. */
gboolean
pf_http_check_method (const char *method,
                      GError    **error)
{
  /* Translators: the first %s is an HTTP method as typed, the second says what is wrong */
  if (!check_token (method, PF_REQUEST_ERROR_INVALID_METHOD, _("Method “%s” %s"), error))
    return FALSE;
  if (!pf_http_is_forbidden_method (method))
    return TRUE;
  g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_FORBIDDEN_METHOD,
               /* Translators: %s is the method as typed (CONNECT, TRACE or TRACK in any case);
                * keep Chromium's own message, in quotes, as it is */
               _("Method “%s” is forbidden: XMLHttpRequest’s open () throws a SecurityError for "
                 "CONNECT, TRACE and TRACK, so nothing is sent (Chromium: “Failed to execute "
                 "'open' on 'XMLHttpRequest': '%s' HTTP method is unsupported.”)"),
               method, method);
  return FALSE;
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

/* @url parsed, when it is an http or https URL with a host a URL can have; else NULL with
 * @error saying why. */
GUri *
pf_http_parse_url (const char *url,
                   GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                           _("The URL is empty"));
      return NULL;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("“%s” is not a valid URL: %s"), url, local_error->message);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("“%s” is not an http or https URL"), url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("“%s” has no host name"), url);
      return NULL;
    }
  /* URL standard: forbidden host code points (IPv6 literals keep their brackets out). */
  if (strpbrk (g_uri_get_host (uri), " \t#/<>?@\\^|") != NULL)
    {
      g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                   _("The host name “%s” contains a character a URL cannot have there"),
                   g_uri_get_host (uri));
      return NULL;
    }
  return g_steal_pointer (&uri);
}

gboolean
pf_http_check_url (const char *url,
                   GError    **error)
{
  g_autoptr (GUri) uri = pf_http_parse_url (url, error);

  return uri != NULL;
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

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* URL Standard, percent-decode: "%" and two hex digits become that byte; anything else,
 * an invalid sequence included, stays as it is. Then UTF-8 decode without failure:
 * invalid bytes become U+FFFD. "+" is a space first when @plus_is_space. */
static char *
percent_decode (const char *text,
                gsize       len,
                gboolean    plus_is_space)
{
  g_autoptr (GString) out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '%' && i + 2 < len && hex_value (text[i + 1]) >= 0 &&
          hex_value (text[i + 2]) >= 0)
        {
          g_string_append_c (out, hex_value (text[i + 1]) << 4 | hex_value (text[i + 2]));
          i += 2;
        }
      else
        g_string_append_c (out, plus_is_space && text[i] == '+' ? ' ' : text[i]);
    }
  return g_utf8_make_valid (out->str, out->len);
}

/* A parsed pair remembers how it was written, and what it meant then: written back unchanged,
 * it is written as it was typed ("c=x+y" stays, not "c=x%20y"). */
typedef struct
{
  char *text;
  char *name;
  char *value;
} PairSource;

static void
pair_source_free (PairSource *source)
{
  g_free (source->text);
  g_free (source->name);
  g_free (source->value);
  g_free (source);
}

static GQuark
pair_source_quark (void)
{
  return g_quark_from_static_string ("pf-pair-source");
}

static PfKeyValue *
pair_new (const char *text,
          gsize       len,
          const char *name,
          const char *value)
{
  PfKeyValue *pair = pf_key_value_new (name, value);
  PairSource *source = g_new (PairSource, 1);

  source->text = g_strndup (text, len);
  source->name = g_strdup (name);
  source->value = g_strdup (value);
  g_object_set_qdata_full (G_OBJECT (pair), pair_source_quark (), source,
                           (GDestroyNotify) pair_source_free);
  return pair;
}

/* @to, a copy of @from, is written back as @from would be. */
void
pf_http_copy_pair_source (PfKeyValue *from,
                          PfKeyValue *to)
{
  PairSource *source = g_object_get_qdata (G_OBJECT (from), pair_source_quark ());
  PairSource *copy;

  g_return_if_fail (PF_IS_KEY_VALUE (from) && PF_IS_KEY_VALUE (to));
  if (source == NULL)
    return;
  copy = g_new (PairSource, 1);
  copy->text = g_strdup (source->text);
  copy->name = g_strdup (source->name);
  copy->value = g_strdup (source->value);
  g_object_set_qdata_full (G_OBJECT (to), pair_source_quark (), copy,
                           (GDestroyNotify) pair_source_free);
}

/* How @pair was typed, if it still means what it meant then; else NULL. */
static const char *
pair_source_text (PfKeyValue *pair)
{
  PairSource *source = g_object_get_qdata (G_OBJECT (pair), pair_source_quark ());

  if (source == NULL || g_strcmp0 (source->name, pf_key_value_get_name (pair)) != 0 ||
      g_strcmp0 (source->value, pf_key_value_get_value (pair)) != 0)
    return NULL;
  return source->text;
}

/* URL Standard, the application/x-www-form-urlencoded parser (what URLSearchParams and a
 * server reading a form use): split on "&", skip empty sequences, split each at its first
 * "=", "+" is a space, then percent-decode. The pairs in order, repeats kept, as PfKeyValue
 * rows. Used for a URL's query (the request's parameter table) and for form bodies. */
GPtrArray *
pf_http_parse_form (const char *text)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_object_unref);
  const char *p = text ? text : "";

  while (*p != '\0')
    {
      const char *end = p + strcspn (p, "&");
      const char *equals = memchr (p, '=', end - p);
      const char *name_end = equals ? equals : end;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (end > p)
        {
          name = percent_decode (p, name_end - p, TRUE);
          value = equals ? percent_decode (equals + 1, end - equals - 1, TRUE) : g_strdup ("");
          g_ptr_array_add (pairs, pair_new (p, end - p, name, value));
        }
      p = *end ? end + 1 : end;
    }
  return pairs;
}

/* Where @url's query is: the text after the first "?" up to a "#", or NULL without a "?"
 * (a "?" in the fragment does not count). Plain text, so a URL still being typed has one. */
static const char *
find_query (const char *url,
            gsize      *len)
{
  const char *hash = url + strcspn (url, "#");
  const char *mark = memchr (url, '?', hash - url);

  if (mark == NULL)
    return NULL;
  *len = hash - mark - 1;
  return mark + 1;
}

/* The query of @url parsed as the parameter table shows it (see pf_http_parse_form ()). */
GPtrArray *
pf_http_parse_url_query (const char *url)
{
  gsize len = 0;
  const char *query = find_query (url ? url : "", &len);
  g_autofree char *text = query ? g_strndup (query, len) : NULL;

  return pf_http_parse_form (text);
}

/* The enabled rows of @pairs (PfKeyValue) as name=value joined by "&", each name and value
 * through encodeURIComponent, as the classic Ajax code builds a query or a form body; a pair
 * parsed from text and not edited since is written as it was typed. */
void
pf_http_append_pairs (GString    *out,
                      GListModel *pairs)
{
  guint n = g_list_model_get_n_items (pairs);
  gboolean first = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (pairs, i);

      if (!pf_key_value_get_enabled (row))
        continue;
      if (!first)
        g_string_append_c (out, '&');
      first = FALSE;
      if (pair_source_text (row) != NULL)
        {
          g_string_append (out, pair_source_text (row));
          continue;
        }
      pf_uri_append_component (out, pf_key_value_get_name (row));
      g_string_append_c (out, '=');
      pf_uri_append_component (out, pf_key_value_get_value (row));
    }
}

/* @url with its query made from the enabled rows of @params (see pf_http_append_pairs ());
 * without any, no "?". The fragment stays. */
char *
pf_http_replace_url_query (const char *url,
                           GListModel *params)
{
  const char *hash = url + strcspn (url, "#");
  const char *mark = memchr (url, '?', hash - url);
  GString *out = g_string_new_len (url, (mark ? mark : hash) - url);
  gsize before = out->len;

  g_string_append_c (out, '?');
  pf_http_append_pairs (out, params);
  if (out->len == before + 1)
    g_string_truncate (out, before);
  g_string_append (out, hash);
  return g_string_free (out, FALSE);
}

static gboolean
is_credentials_line (const char *line)
{
  return g_ascii_strncasecmp (line, "Authorization:", 14) == 0 ||
         g_ascii_strncasecmp (line, "Proxy-Authorization:", 20) == 0;
}

/* A message head (CRLF lines) to show on screen: each Authorization value keeps its scheme and
 * hides the rest, "Authorization: Basic ••••". */
char *
pf_http_mask_credentials (const char *head)
{
  GString *out = g_string_new (NULL);
  const char *line = head;

  while (line != NULL && *line != '\0')
    {
      const char *end = strstr (line, "\r\n");
      const char *stop = end ? end : line + strlen (line);
      const char *value = memchr (line, ':', stop - line);

      if (is_credentials_line (line) && value != NULL)
        {
          const char *scheme = value + 1 + strspn (value + 1, " \t");
          const char *scheme_end = scheme + strcspn (scheme, " \t\r\n");

          g_string_append_len (out, line, scheme_end - line);
          g_string_append (out, scheme_end < stop ? " ••••" : "");
        }
      else
        g_string_append_len (out, line, stop - line);
      if (end == NULL)
        break;
      g_string_append (out, "\r\n");
      line = end + 2;
    }
  return g_string_free (out, FALSE);
}
