/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cors"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-cors.h"
#include "pf-http-syntax.h"
#include "pf-key-value.h"
#include "pf-mime.h"

/* The Fetch standard's CORS rules as pure functions: no I/O, no state. Each rule that
 * fails says which one (a stable identifier), the header and value it looked at, and a
 * sentence for the user. */

#define VALUE_LIMIT       128
#define TOTAL_VALUE_LIMIT 1024

static void
add_finding (GPtrArray  *findings,
             const char *rule,
             const char *header,
             const char *value,
             char       *message)
{
  g_ptr_array_add (findings, pf_cors_finding_new (rule, header, value, message));
  g_free (message);
}

static GPtrArray *
findings_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* HTML: the ASCII serialisation of @url's origin, "scheme://host[:port]" with the default
 * port left out, or NULL when @url has no tuple origin. "null" stays "null". */
char *
pf_cors_serialize_origin (const char *url)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port_text = NULL;
  gboolean ipv6;
  int port;

  if (url == NULL)
    return NULL;
  if (g_str_equal (url, "null"))
    return g_strdup ("null");
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  ipv6 = strchr (host, ':') != NULL;
  port = g_uri_get_port (uri);
  if ((port == 80 && g_str_equal (scheme, "http")) ||
      (port == 443 && g_str_equal (scheme, "https")))
    port = -1;
  port_text = port > 0 ? g_strdup_printf (":%d", port) : g_strdup ("");
  return g_strdup_printf ("%s://%s%s%s%s", scheme, ipv6 ? "[" : "", host, ipv6 ? "]" : "",
                          port_text);
}

/* HTML "same origin": @origin (serialised) and the origin of @url are the same tuple. */
gboolean
pf_cors_same_origin (const char *origin,
                     const char *url)
{
  g_autofree char *other = pf_cors_serialize_origin (url);

  return origin != NULL && other != NULL && !g_str_equal (origin, "null") &&
         g_str_equal (origin, other);
}

/* Fetch: a CORS-safelisted method is GET, HEAD or POST (byte-exact: "patch" is not
 * upper-cased by browsers, and neither is "Post" matched). */
gboolean
pf_cors_is_safelisted_method (const char *method)
{
  return g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0 ||
         g_strcmp0 (method, "POST") == 0;
}

/* Fetch: a CORS-unsafe request-header byte. */
static gboolean
is_unsafe_byte (guchar c)
{
  return (c < 0x20 && c != 0x09) || c == 0x7f || strchr ("\"():<>?@[\\]{}", c) != NULL;
}

static const char *
first_unsafe_byte (const char *value)
{
  for (const char *p = value; *p; p++)
    if (is_unsafe_byte (*p))
      return p;
  return NULL;
}

/* Fetch "parse a single range header value" without whitespace: "bytes=" start "-" [end];
 * safelisted only with a start. */
static gboolean
is_simple_range (const char *value)
{
  const char *p = value;
  guint64 start = 0, end = 0;
  gboolean has_end = FALSE;

  if (g_ascii_strncasecmp (p, "bytes=", 6) != 0)
    return FALSE;
  p += 6;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    start = MIN (start * 10 + (*p - '0'), G_MAXUINT64 / 20);
  if (*p++ != '-')
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      has_end = TRUE;
      end = MIN (end * 10 + (*p - '0'), G_MAXUINT64 / 20);
    }
  return *p == '\0' && (!has_end || start <= end);
}

static gboolean
is_language_value (const char *value)
{
  for (const char *p = value; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr (" *,-.;=", *p) == NULL)
      return FALSE;
  return TRUE;
}

static PfCorsFinding *
header_finding (const char *rule,
                const char *name,
                const char *value,
                char       *message)
{
  PfCorsFinding *finding = pf_cors_finding_new (rule, name, value, message);

  g_free (message);
  return finding;
}

static PfCorsFinding *
check_content_type (const char *name,
                    const char *value)
{
  g_autofree char *essence = pf_mime_essence (value);

  if (essence == NULL)
    return header_finding ("content-type-essence", name, value,
                           g_strdup_printf (_("“%s” is not a MIME type, so this Content-Type "
                                              "is not CORS-safelisted"),
                                            value));
  if (g_str_equal (essence, "application/x-www-form-urlencoded") ||
      g_str_equal (essence, "multipart/form-data") || g_str_equal (essence, "text/plain"))
    return NULL;
  return header_finding ("content-type-essence", name, value,
                         g_strdup_printf (_("Content-Type “%s” is not application/"
                                            "x-www-form-urlencoded, multipart/form-data or "
                                            "text/plain"),
                                          essence));
}

/* Fetch "CORS-safelisted request-header": NULL when (@name, @value) is one, otherwise why
 * not. */
PfCorsFinding *
pf_cors_check_request_header (const char *name,
                              const char *value)
{
  const char *unsafe;

  g_return_val_if_fail (name != NULL && value != NULL, NULL);

  if (g_ascii_strcasecmp (name, "Accept") && g_ascii_strcasecmp (name, "Accept-Language") &&
      g_ascii_strcasecmp (name, "Content-Language") && g_ascii_strcasecmp (name, "Content-Type") &&
      g_ascii_strcasecmp (name, "Range"))
    return header_finding ("safelisted-header-name", name, value,
                           g_strdup_printf (_("%s is not a CORS-safelisted request header"), name));
  if (strlen (value) > VALUE_LIMIT)
    return header_finding ("header-value-length", name, value,
                           g_strdup_printf (_("The value of %s is %zu bytes long; a safelisted "
                                              "value has at most 128"),
                                            name, strlen (value)));
  if (!g_ascii_strcasecmp (name, "Accept-Language") ||
      !g_ascii_strcasecmp (name, "Content-Language"))
    return is_language_value (value)
             ? NULL
             : header_finding ("language-value", name, value,
                               g_strdup_printf (_("The value of %s has a byte other than "
                                                  "0-9 A-Z a-z space * , - . ; ="),
                                                name));
  if (!g_ascii_strcasecmp (name, "Range"))
    return is_simple_range (value)
             ? NULL
             : header_finding ("single-byte-range", name, value,
                               g_strdup_printf (_("Range “%s” is not a single byte range with "
                                                  "a start (bytes=N- or bytes=N-M)"),
                                                value));
  unsafe = first_unsafe_byte (value);
  if (unsafe != NULL)
    return header_finding ("unsafe-header-byte", name, value,
                           g_strdup_printf (_("The value of %s contains the CORS-unsafe byte "
                                              "0x%02X"),
                                            name, (guchar) *unsafe));
  if (!g_ascii_strcasecmp (name, "Content-Type"))
    return check_content_type (name, value);
  return NULL;
}

/* Fetch "CORS-unsafe request-header names", as findings: each header that is not
 * safelisted, then, when the safelisted values add up to more than 1024 bytes, those too. */
static void
classify_headers (GPtrArray *headers,
                  GPtrArray *findings)
{
  g_autoptr (GPtrArray) safelisted = g_ptr_array_new ();
  gsize total = 0;

  for (guint i = 0; headers != NULL && i < headers->len; i++)
    {
      PfKeyValue *header = headers->pdata[i];
      PfCorsFinding *finding = pf_cors_check_request_header (pf_key_value_get_name (header),
                                                             pf_key_value_get_value (header));

      if (finding != NULL)
        g_ptr_array_add (findings, finding);
      else
        {
          g_ptr_array_add (safelisted, header);
          total += strlen (pf_key_value_get_value (header));
        }
    }
  if (total <= TOTAL_VALUE_LIMIT)
    return;
  for (guint i = 0; i < safelisted->len; i++)
    add_finding (findings, "total-value-length", pf_key_value_get_name (safelisted->pdata[i]),
                 pf_key_value_get_value (safelisted->pdata[i]),
                 g_strdup_printf (_("The safelisted header values add up to %zu bytes, more "
                                    "than 1024, so %s counts as unsafe too"),
                                  total, pf_key_value_get_name (safelisted->pdata[i])));
}

/* Whether a request with @method and @headers (what the page sets, Content-Type included)
 * needs a CORS preflight, and why: an empty array means it is sent without one. */
GPtrArray *
pf_cors_classify (const char *method,
                  GPtrArray  *headers,
                  gboolean    upload_listeners)
{
  GPtrArray *findings = findings_new ();

  if (!pf_cors_is_safelisted_method (method))
    add_finding (findings, "safelisted-method", NULL, method,
                 g_strdup_printf (_("%s is not a CORS-safelisted method (GET, HEAD, POST; "
                                    "the comparison is case-sensitive)"),
                                  method));
  classify_headers (headers, findings);
  if (upload_listeners)
    add_finding (findings, "upload-listeners", NULL, NULL,
                 g_strdup (_("The page listens to upload events, which makes XMLHttpRequest "
                             "send a preflight")));
  return findings;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Sorted, lower-case, without repeats. */
static GStrv
sorted_set (GPtrArray *names)
{
  GPtrArray *out = g_ptr_array_new ();

  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    if (out->len == 0 || strcmp (out->pdata[out->len - 1], names->pdata[i]) != 0)
      g_ptr_array_add (out, g_strdup (names->pdata[i]));
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* Fetch "CORS-unsafe request-header names": lower-case, sorted, without repeats. */
GStrv
pf_cors_unsafe_header_names (GPtrArray *headers)
{
  g_autoptr (GPtrArray) findings = findings_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  classify_headers (headers, findings);
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (names, g_ascii_strdown (pf_cors_finding_get_header (findings->pdata[i]), -1));
  return sorted_set (names);
}

/* Fetch "CORS-preflight request": the headers of the OPTIONS request, in order. */
GPtrArray *
pf_cors_preflight_headers (const char *origin,
                           const char *method,
                           GPtrArray  *headers)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) unsafe = pf_cors_unsafe_header_names (headers);

  g_ptr_array_add (out, pf_key_value_new ("Accept", "*/*"));
  g_ptr_array_add (out, pf_key_value_new ("Origin", origin));
  g_ptr_array_add (out, pf_key_value_new ("Access-Control-Request-Method", method));
  if (unsafe[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (",", unsafe);
      g_ptr_array_add (out, pf_key_value_new ("Access-Control-Request-Headers", joined));
    }
  return out;
}

/* Fetch "get": the values of every @name header joined with ", ", or NULL. */
char *
pf_cors_header_get (GListModel *headers,
                    const char *name)
{
  GString *out = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) header = g_list_model_get_item (headers, i);

      if (g_ascii_strcasecmp (pf_key_value_get_name (header), name) != 0)
        continue;
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append (out, ", ");
      g_string_append (out, pf_key_value_get_value (header));
    }
  return out ? g_string_free (out, FALSE) : NULL;
}

/* Fetch "extracting header list values" for the token lists of Access-Control-Allow-
 * Methods, -Allow-Headers and -Expose-Headers: NULL when the header is missing; sets
 * @failure when an item is not a token. Empty items are skipped, as #rule allows. */
GStrv
pf_cors_extract_list (GListModel *headers,
                      const char *name,
                      gboolean   *failure)
{
  g_autofree char *value = pf_cors_header_get (headers, name);
  g_auto (GStrv) items = NULL;
  GPtrArray *out;

  *failure = FALSE;
  if (value == NULL)
    return NULL;
  items = g_strsplit (value, ",", -1);
  out = g_ptr_array_new ();
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);

      if (*item == '\0')
        continue;
      if (!pf_http_is_token (item))
        *failure = TRUE;
      g_ptr_array_add (out, g_strdup (item));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* Fetch "CORS check": Access-Control-Allow-Origin, then with credentials
 * Access-Control-Allow-Credentials. */
GPtrArray *
pf_cors_check (GListModel *headers,
               const char *origin,
               gboolean    include)
{
  GPtrArray *findings = findings_new ();
  g_autofree char *allow = pf_cors_header_get (headers, "Access-Control-Allow-Origin");
  g_autofree char *credentials = NULL;

  if (allow == NULL)
    add_finding (findings, "allow-origin-missing", "Access-Control-Allow-Origin", NULL,
                 g_strdup_printf (_("The response has no Access-Control-Allow-Origin header, "
                                    "so a page at %s may not read it"),
                                  origin));
  else if (g_str_equal (allow, "*") && include)
    add_finding (findings, "allow-origin-wildcard", "Access-Control-Allow-Origin", allow,
                 g_strdup (_("Access-Control-Allow-Origin is “*”, which is not allowed when "
                             "the request includes credentials; the server must name the origin")));
  else if (!g_str_equal (allow, "*") && !g_str_equal (allow, origin))
    add_finding (findings,
                 strstr (allow, ", ") ? "allow-origin-multiple" : "allow-origin-mismatch",
                 "Access-Control-Allow-Origin", allow,
                 strstr (allow, ", ")
                   ? g_strdup_printf (_("Access-Control-Allow-Origin holds several values "
                                        "(“%s”); exactly one is allowed"),
                                      allow)
                   : g_strdup_printf (_("Access-Control-Allow-Origin “%s” is not “*” and "
                                        "not byte-for-byte the page’s origin “%s”"),
                                      allow, origin));
  if (!include)
    return findings;
  credentials = pf_cors_header_get (headers, "Access-Control-Allow-Credentials");
  if (g_strcmp0 (credentials, "true") != 0)
    add_finding (findings, "allow-credentials", "Access-Control-Allow-Credentials", credentials,
                 credentials == NULL
                   ? g_strdup (_("The request includes credentials but the response has no "
                                 "Access-Control-Allow-Credentials: true"))
                   : g_strdup_printf (_("Access-Control-Allow-Credentials is “%s”; with "
                                        "credentials it must be exactly “true”"),
                                      credentials));
  return findings;
}

static gboolean
strv_contains_case (const char *const *list,
                    const char        *name)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (g_ascii_strcasecmp (list[i], name) == 0)
      return TRUE;
  return FALSE;
}

static void
check_allowed_method (GPtrArray  *findings,
                      GListModel *headers,
                      const char *method,
                      gboolean    include,
                      gboolean    forced)
{
  gboolean failure;
  g_auto (GStrv) methods = pf_cors_extract_list (headers, "Access-Control-Allow-Methods", &failure);
  g_autofree char *value = pf_cors_header_get (headers, "Access-Control-Allow-Methods");

  if (failure)
    {
      add_finding (findings, "allow-methods-syntax", "Access-Control-Allow-Methods", value,
                   g_strdup_printf (_("Access-Control-Allow-Methods “%s” is not a comma-"
                                      "separated list of methods"),
                                    value));
      return;
    }
  if (pf_cors_is_safelisted_method (method) ||
      (methods != NULL && g_strv_contains ((const char *const *) methods, method)) ||
      (methods == NULL && forced))
    return;
  if (!include && methods != NULL && g_strv_contains ((const char *const *) methods, "*"))
    return;
  add_finding (findings, "allow-methods", "Access-Control-Allow-Methods", value,
               include && methods != NULL && g_strv_contains ((const char *const *) methods, "*")
                 ? g_strdup_printf (_("%s is allowed only by “*”, which does not count when "
                                      "the request includes credentials"),
                                    method)
                 : g_strdup_printf (_("Access-Control-Allow-Methods does not list %s (methods "
                                      "are compared case-sensitively)"),
                                    method));
}

static void
check_allowed_headers (GPtrArray  *findings,
                       GListModel *headers,
                       gboolean    include,
                       GPtrArray  *request_headers)
{
  gboolean failure;
  g_auto (GStrv) names = pf_cors_extract_list (headers, "Access-Control-Allow-Headers", &failure);
  g_autofree char *value = pf_cors_header_get (headers, "Access-Control-Allow-Headers");
  g_auto (GStrv) unsafe = pf_cors_unsafe_header_names (request_headers);
  gboolean wildcard = strv_contains_case ((const char *const *) names, "*");

  if (failure)
    {
      add_finding (findings, "allow-headers-syntax", "Access-Control-Allow-Headers", value,
                   g_strdup_printf (_("Access-Control-Allow-Headers “%s” is not a comma-"
                                      "separated list of header names"),
                                    value));
      return;
    }
  for (guint i = 0; unsafe[i] != NULL; i++)
    {
      if (strv_contains_case ((const char *const *) names, unsafe[i]))
        continue;
      /* Fetch: Authorization is a CORS non-wildcard request-header name. */
      if (g_str_equal (unsafe[i], "authorization") && wildcard && !include)
        add_finding (findings, "allow-headers-authorization", "Access-Control-Allow-Headers",
                     value,
                     g_strdup (_("“*” in Access-Control-Allow-Headers never covers "
                                 "Authorization; the server must name it. (Chromium still "
                                 "lets it through with a deprecation warning.)")));
      else if (!wildcard || include)
        add_finding (findings, "allow-headers", "Access-Control-Allow-Headers", value,
                     wildcard ? g_strdup_printf (_("%s is allowed only by “*”, which does not "
                                                   "count when the request includes "
                                                   "credentials"),
                                                 unsafe[i])
                              : g_strdup_printf (_("Access-Control-Allow-Headers does not list "
                                                   "%s"),
                                                 unsafe[i]));
    }
}

/* Fetch "CORS-preflight fetch", the checks of its response: an ok status, the CORS check,
 * then the allowed methods and headers. */
GPtrArray *
pf_cors_check_preflight (guint       status,
                         GListModel *headers,
                         const char *origin,
                         gboolean    include,
                         const char *method,
                         GPtrArray  *request_headers,
                         gboolean    forced)
{
  GPtrArray *findings = findings_new ();
  g_autoptr (GPtrArray) cors = NULL;

  if (status < 200 || status > 299)
    {
      g_autofree char *text = g_strdup_printf ("%u", status);
      add_finding (findings, "preflight-status", NULL, text,
                   g_strdup_printf (_("The preflight answered %u; it must answer with a 2xx "
                                      "status"),
                                    status));
    }
  cors = pf_cors_check (headers, origin, include);
  g_ptr_array_extend_and_steal (findings, g_steal_pointer (&cors));
  check_allowed_method (findings, headers, method, include, forced);
  check_allowed_headers (findings, headers, include, request_headers);
  return findings;
}

/* Access-Control-Max-Age as delta-seconds (1*DIGIT): missing or unparsable is the default
 * of 5 s; large values are capped as Chromium caps them. */
guint
pf_cors_max_age (GListModel *headers)
{
  g_autofree char *value = pf_cors_header_get (headers, "Access-Control-Max-Age");
  guint64 seconds = 0;

  if (value == NULL || *value == '\0')
    return PF_CORS_MAX_AGE_DEFAULT;
  for (const char *p = value; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return PF_CORS_MAX_AGE_DEFAULT;
      seconds = MIN (seconds * 10 + (*p - '0'), (guint64) G_MAXUINT32);
    }
  return MIN (seconds, PF_CORS_MAX_AGE_LIMIT);
}

/* Fetch: a CORS-safelisted response-header name, readable without being exposed. */
gboolean
pf_cors_is_safelisted_response_header (const char *name)
{
  static const char *const names[] = { "cache-control", "content-language", "content-length",
                                       "content-type", "expires", "last-modified", "pragma" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_forbidden_response_header (const char *name)
{
  return !g_ascii_strcasecmp (name, "Set-Cookie") || !g_ascii_strcasecmp (name, "Set-Cookie2");
}

/* Fetch "CORS-filtered response": the names (lower-case, sorted) of the response headers a
 * script may read: the safelisted ones and those Access-Control-Expose-Headers names ("*"
 * naming all of them only without credentials), never Set-Cookie. */
GStrv
pf_cors_exposed_header_names (GListModel *headers,
                              gboolean    include)
{
  gboolean failure;
  g_auto (GStrv) exposed = pf_cors_extract_list (headers, "Access-Control-Expose-Headers",
                                                 &failure);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean all = !failure && !include && strv_contains_case ((const char *const *) exposed, "*");

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) header = g_list_model_get_item (headers, i);
      const char *name = pf_key_value_get_name (header);

      if (is_forbidden_response_header (name))
        continue;
      if (all || pf_cors_is_safelisted_response_header (name) ||
          (!failure && strv_contains_case ((const char *const *) exposed, name)))
        g_ptr_array_add (names, g_ascii_strdown (name, -1));
    }
  return sorted_set (names);
}

gboolean
pf_cors_header_is_exposed (const char        *name,
                           const char *const *exposed)
{
  return strv_contains_case (exposed, name);
}
