/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-curl-command"

#include "config.h"

#include "pf-curl-command.h"
#include "pf-cors.h"
#include "pf-curl-command-private.h"
#include "pf-http-syntax.h"
#include "pf-shell-words.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A curl command line made into a request, as curl would send it (its manual, curl 7.88),
 * with a note for every option Preflight does not apply. */
struct _PfCurlCommand
{
  GObject parent_instance;

  PfRequest *request;
  GPtrArray *notes; /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (PfCurlCommand, pf_curl_command, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (pf-curl-command-error-quark, pf_curl_command_error)
/* clang-format on */

/* curl's default: follow at most 50 redirects with -L. */
#define CURL_DEFAULT_MAX_REDIRS 50

static const char *const reason_output = N_ ("it changes only what curl prints or saves");
static const char *const reason_connection = N_ ("Preflight connects as a browser does");
static const char *const reason_tls =
    N_ ("Preflight always checks certificates; trust one in the window when asked");
static const char *const reason_cookies = N_ ("Preflight keeps cookies in its own jar");
static const char *const reason_other = N_ ("Preflight has no such setting");

/* Fetch: the forbidden request headers a browser's "Copy as cURL" includes, which a page's
 * setRequestHeader () cannot set, in words a user knows them by. */
static const struct
{
  const char *name;
  const char *reason;
} browser_sets[] = {
  { "Cookie", N_ ("a page cannot set Cookie; the cookie jar sends the cookies it holds for the "
                  "URL, as the credentials mode allows") },
  { "Origin", N_ ("a page cannot set Origin; the browser sends the page origin itself") },
  { "Referer", N_ ("a page cannot set Referer; the browser sends the page’s address itself") },
};

typedef struct
{
  char letter;      /* 0: no short form */
  const char *name; /* the long form, without "--" */
  gboolean has_value;
  PfCurlApply apply; /* NULL: noted with @reason, not applied */
  const char *reason;
} Option;

static void
pf_curl_command_finalize (GObject *object)
{
  PfCurlCommand *self = PF_CURL_COMMAND (object);

  g_clear_object (&self->request);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_curl_command_parent_class)->finalize (object);
}

static void
pf_curl_command_class_init (PfCurlCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_curl_command_finalize;
}

static void
pf_curl_command_init (PfCurlCommand *self)
{
  self->request = pf_request_new ();
  /* Reserved room, so pdata is a NULL-terminated array even while empty. */
  self->notes = g_ptr_array_new_null_terminated (4, g_free, TRUE);
}

void
_pf_curl_note (PfCurlParse *parse,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (parse->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
apply_method (PfCurlParse *parse,
              const char *flag,
              const char *value,
              guint offset,
              GError **error)
{
  g_free (parse->method);
  parse->method = g_strdup (value);
  return TRUE;
}

/* A header a page cannot set is kept (the editor marks it, Copy as cURL gives it back) but XHR
 * never sends it: said at once, with why. */
static void
add_header (PfCurlParse *parse,
            const char *name,
            const char *value)
{
  const char *reason = pf_http_forbidden_header_reason (name, value);

  pf_request_add_header (parse->request, name, value);
  if (reason == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (browser_sets); i++)
    if (g_ascii_strcasecmp (name, browser_sets[i].name) == 0)
      reason = _ (browser_sets[i].reason);
  if (g_ascii_strncasecmp (name, "Sec-", 4) == 0)
    reason = _ ("a page cannot set headers starting with “Sec-”; the browser sends its own");
  /* Translators: %s is a header name, then why a page's request does not send it */
  _pf_curl_note (parse, _ ("The header “%s” is kept but not sent: %s"), name, reason);
}

/* -H "Origin: https://app.example", as a browser's "Copy as cURL" has it: kept aside until the
 * method is known (set_origin ()). A value that is not an origin ("null") stays a header. */
static gboolean
take_origin (PfCurlParse *parse,
             const char *name,
             const char *value)
{
  g_autofree char *origin = pf_cors_serialize_origin (value);

  if (g_ascii_strcasecmp (name, "Origin") != 0 || g_strcmp0 (origin, value) != 0 ||
      g_str_equal (value, "null"))
    return FALSE;
  g_free (parse->origin);
  parse->origin = g_steal_pointer (&origin);
  return TRUE;
}

/* -H "Name: value"; "Name;" sends an empty value; "Name:" only removes a header curl would
 * add itself, which has no meaning here. */
static gboolean
apply_header (PfCurlParse *parse,
              const char *flag,
              const char *value,
              guint offset,
              GError **error)
{
  gsize name_len = strcspn (value, ":;");
  g_autofree char *name = g_strndup (value, name_len);
  const char *rest = value + name_len;
  g_autofree char *trimmed = NULL;

  if (*rest == ';' && rest[1] == '\0')
    {
      add_header (parse, name, "");
      return TRUE;
    }
  if (*rest != ':' || name_len == 0)
    {
      g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_INVALID_VALUE,
                   /* Translators: %s is what follows -H, %u a character position */
                   _ ("The header “%s” at character %u has no colon: write it as “Name: "
                      "value”"),
                   value, offset);
      return FALSE;
    }
  /* Sent normalized (Fetch: no leading or trailing HTTP whitespace), so kept so. */
  trimmed = pf_http_normalize_value (rest + 1);
  if (*trimmed == '\0')
    /* Translators: %s is a header name */
    _pf_curl_note (parse, _ ("“-H %s:” is not applied: it removes a header curl adds itself"),
                   name);
  else if (!take_origin (parse, name, trimmed))
    add_header (parse, name, trimmed);
  return TRUE;
}

static gboolean
apply_flag (PfCurlParse *parse,
            const char *flag,
            const char *value,
            guint offset,
            GError **error)
{
  if (g_str_equal (flag, "--get"))
    parse->get = TRUE;
  else if (g_str_equal (flag, "--head"))
    parse->head = TRUE;
  else if (g_str_equal (flag, "--location") || g_str_equal (flag, "--location-trusted"))
    parse->location = TRUE;
  else if (g_str_equal (flag, "--anyauth") || g_str_equal (flag, "--digest"))
    parse->any_auth = TRUE;
  else if (g_str_equal (flag, "--basic"))
    parse->any_auth = FALSE;
  /* --compressed: Preflight always asks for and decodes compressed bodies, as browsers do. */
  return TRUE;
}

static gboolean
apply_text (PfCurlParse *parse,
            const char *flag,
            const char *value,
            guint offset,
            GError **error)
{
  char **slot = g_str_equal (flag, "--user") ? &parse->user : &parse->bearer;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static gboolean
apply_url (PfCurlParse *parse,
           const char *flag,
           const char *value,
           guint offset,
           GError **error)
{
  if (parse->url != NULL)
    {
      /* Translators: %s is a URL, %u a character position */
      _pf_curl_note (parse, _ ("Only the first URL is imported; “%s” at character %u is not"),
                     value, offset);
      return TRUE;
    }
  parse->url = g_strdup (value);
  return TRUE;
}

/* -b "a=b; c=d" is the Cookie header; without "=" it names a cookie file. */
static gboolean
apply_cookie (PfCurlParse *parse,
              const char *flag,
              const char *value,
              guint offset,
              GError **error)
{
  if (strchr (value, '=') != NULL)
    add_header (parse, "Cookie", value);
  else
    /* Translators: %s is a file name */
    _pf_curl_note (parse, _ ("The cookie file “%s” (-b) is not read: %s"), value,
                   _ (reason_cookies));
  return TRUE;
}

static gboolean
apply_header_option (PfCurlParse *parse,
                     const char *flag,
                     const char *value,
                     guint offset,
                     GError **error)
{
  g_autofree char *referer = NULL;

  if (g_str_equal (flag, "--user-agent"))
    {
      add_header (parse, "User-Agent", value);
      return TRUE;
    }
  /* -e "URL;auto": curl also sets the Referer on redirects; the URL is the header. */
  referer = g_strndup (value, strcspn (value, ";"));
  if (*referer != '\0')
    add_header (parse, "Referer", referer);
  return TRUE;
}

static gboolean
apply_number (PfCurlParse *parse,
              const char *flag,
              const char *value,
              guint offset,
              GError **error)
{
  char *end = NULL;
  double number = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || number < 0 || number > G_MAXUINT / 1000)
    {
      g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_INVALID_VALUE,
                   /* Translators: the first %s is an option, the second what follows it */
                   _ ("%s at character %u takes a number, not “%s”"), flag, offset, value);
      return FALSE;
    }
  if (g_str_equal (flag, "--max-time"))
    pf_request_set_timeout_ms (parse->request, (guint) (number * 1000 + 0.5));
  else
    parse->max_redirs = (int) number;
  return TRUE;
}

static const Option options[] = {
  { 'X', "request", TRUE, apply_method, NULL },
  { 'H', "header", TRUE, apply_header, NULL },
  { 'd', "data", TRUE, _pf_curl_add_data, NULL },
  { 0, "data-ascii", TRUE, _pf_curl_add_data, NULL },
  { 0, "data-raw", TRUE, _pf_curl_add_data, NULL },
  { 0, "data-binary", TRUE, _pf_curl_add_data, NULL },
  { 0, "data-urlencode", TRUE, _pf_curl_add_data, NULL },
  { 0, "json", TRUE, _pf_curl_add_data, NULL },
  { 'F', "form", TRUE, _pf_curl_add_form, NULL },
  { 0, "form-string", TRUE, _pf_curl_add_form, NULL },
  { 'G', "get", FALSE, apply_flag, NULL },
  { 'I', "head", FALSE, apply_flag, NULL },
  { 'L', "location", FALSE, apply_flag, NULL },
  { 0, "location-trusted", FALSE, apply_flag, NULL },
  { 0, "anyauth", FALSE, apply_flag, NULL },
  { 0, "digest", FALSE, apply_flag, NULL },
  { 0, "basic", FALSE, apply_flag, NULL },
  { 0, "compressed", FALSE, apply_flag, NULL },
  { 'u', "user", TRUE, apply_text, NULL },
  { 0, "oauth2-bearer", TRUE, apply_text, NULL },
  { 'b', "cookie", TRUE, apply_cookie, NULL },
  { 'A', "user-agent", TRUE, apply_header_option, NULL },
  { 'e', "referer", TRUE, apply_header_option, NULL },
  { 'm', "max-time", TRUE, apply_number, NULL },
  { 0, "max-redirs", TRUE, apply_number, NULL },
  { 0, "url", TRUE, apply_url, NULL },
  /* Read, and noted: */
  { 's', "silent", FALSE, NULL, reason_output },
  { 'S', "show-error", FALSE, NULL, reason_output },
  { 'v', "verbose", FALSE, NULL, reason_output },
  { 'i', "include", FALSE, NULL, reason_output },
  { 'f', "fail", FALSE, NULL, reason_output },
  { 0, "fail-with-body", FALSE, NULL, reason_output },
  { '#', "progress-bar", FALSE, NULL, reason_output },
  { 0, "no-progress-meter", FALSE, NULL, reason_output },
  { 'N', "no-buffer", FALSE, NULL, reason_output },
  { 'o', "output", TRUE, NULL, reason_output },
  { 'O', "remote-name", FALSE, NULL, reason_output },
  { 'J', "remote-header-name", FALSE, NULL, reason_output },
  { 'w', "write-out", TRUE, NULL, reason_output },
  { 'D', "dump-header", TRUE, NULL, reason_output },
  { 0, "trace", TRUE, NULL, reason_output },
  { 0, "trace-ascii", TRUE, NULL, reason_output },
  { 0, "stderr", TRUE, NULL, reason_output },
  { 0, "create-dirs", FALSE, NULL, reason_output },
  { 'R', "remote-time", FALSE, NULL, reason_output },
  { '0', "http1.0", FALSE, NULL, reason_connection },
  { 0, "http1.1", FALSE, NULL, reason_connection },
  { 0, "http2", FALSE, NULL, reason_connection },
  { 0, "http2-prior-knowledge", FALSE, NULL, reason_connection },
  { 0, "http3", FALSE, NULL, reason_connection },
  { 'x', "proxy", TRUE, NULL, reason_connection },
  { 'U', "proxy-user", TRUE, NULL, reason_connection },
  { 0, "noproxy", TRUE, NULL, reason_connection },
  { 0, "connect-timeout", TRUE, NULL, reason_connection },
  { 0, "retry", TRUE, NULL, reason_connection },
  { 0, "retry-delay", TRUE, NULL, reason_connection },
  { 0, "retry-max-time", TRUE, NULL, reason_connection },
  { 0, "resolve", TRUE, NULL, reason_connection },
  { 0, "connect-to", TRUE, NULL, reason_connection },
  { 0, "interface", TRUE, NULL, reason_connection },
  { 0, "limit-rate", TRUE, NULL, reason_connection },
  { 0, "keepalive-time", TRUE, NULL, reason_connection },
  { 0, "no-keepalive", FALSE, NULL, reason_connection },
  { '4', "ipv4", FALSE, NULL, reason_connection },
  { '6', "ipv6", FALSE, NULL, reason_connection },
  { 'g', "globoff", FALSE, NULL, NULL },
  { 0, "path-as-is", FALSE, NULL, reason_connection },
  { 'k', "insecure", FALSE, NULL, reason_tls },
  { 0, "cacert", TRUE, NULL, reason_tls },
  { 0, "capath", TRUE, NULL, reason_tls },
  { 'E', "cert", TRUE, NULL, reason_tls },
  { 0, "cert-type", TRUE, NULL, reason_tls },
  { 0, "key", TRUE, NULL, reason_tls },
  { 0, "ssl-no-revoke", FALSE, NULL, reason_tls },
  { 0, "tlsv1.2", FALSE, NULL, reason_tls },
  { 0, "tlsv1.3", FALSE, NULL, reason_tls },
  { 'c', "cookie-jar", TRUE, NULL, reason_cookies },
  { 'j', "junk-session-cookies", FALSE, NULL, reason_cookies },
  { 'T', "upload-file", TRUE, NULL, reason_other },
  { 'r', "range", TRUE, NULL, reason_other },
  { 'C', "continue-at", TRUE, NULL, reason_other },
  { 'K', "config", TRUE, NULL, reason_other },
  { 'n', "netrc", FALSE, NULL, reason_other },
  { 0, "ntlm", FALSE, NULL, reason_other },
  { 0, "negotiate", FALSE, NULL, reason_other },
  { 0, "url-query", TRUE, NULL, reason_other },
  { 0, "post301", FALSE, NULL, reason_other },
  { 0, "post302", FALSE, NULL, reason_other },
  { 0, "post303", FALSE, NULL, reason_other },
  { 'Z', "parallel", FALSE, NULL, reason_other },
};

static const Option *
find_option (char letter,
             const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if ((letter != 0 && options[i].letter == letter) ||
        (name != NULL && g_str_equal (options[i].name, name)))
      return &options[i];
  return NULL;
}

static gboolean
apply_option (PfCurlParse *parse,
              const Option *option,
              const char *typed,
              const char *value,
              guint offset,
              GError **error)
{
  g_autofree char *flag = g_strconcat ("--", option->name, NULL);

  if (option->apply != NULL)
    return option->apply (parse, flag, value, offset, error);
  /* -g: Preflight never expands {} and [] in a URL, so it already does what -g asks. */
  if (option->reason != NULL)
    /* Translators: the first %s is an option as typed, such as -s; the second says why */
    _pf_curl_note (parse, _ ("“%s” is not applied: %s"), typed, _ (option->reason));
  return TRUE;
}

/* The word after an option that takes one, or an error naming the option and its place. */
static const char *
take_value (GPtrArray *words,
            guint *i,
            const char *typed,
            GError **error)
{
  PfShellWord *word = g_ptr_array_index (words, *i);

  if (*i + 1 < words->len)
    return ((PfShellWord *) g_ptr_array_index (words, ++(*i)))->text;
  g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_MISSING_VALUE,
               /* Translators: %s is an option such as -H, %u a character position */
               _ ("The option “%s” at character %u needs a value after it"), typed, word->offset);
  return NULL;
}

static void
note_unknown (PfCurlParse *parse,
              const char *typed)
{
  g_autofree char *name = g_strndup (typed + 2, strcspn (typed + 2, "="));

  if (typed[1] == '-' && strchr (typed, '=') != NULL && find_option (0, name) != NULL)
    _pf_curl_note (parse,
                   /* Translators: %s is an option such as --header=x */
                   _ ("“%s” is not applied: curl takes an option’s value as the next word, "
                      "not after “=”"),
                   typed);
  else
    /* Translators: %s is an option */
    _pf_curl_note (parse, _ ("The unknown option “%s” is not applied"), typed);
}

static gboolean
read_long (PfCurlParse *parse,
           GPtrArray *words,
           guint *i,
           GError **error)
{
  PfShellWord *word = g_ptr_array_index (words, *i);
  const Option *option = find_option (0, word->text + 2);
  const char *value = NULL;

  if (option == NULL)
    {
      note_unknown (parse, word->text);
      return TRUE;
    }
  if (option->has_value && !(value = take_value (words, i, word->text, error)))
    return FALSE;
  return apply_option (parse, option, word->text, value, word->offset, error);
}

/* "-sSL", "-XPOST", "-sd data": letters in a row; one that takes a value takes the rest of
 * the word, or the next word. */
static gboolean
read_short (PfCurlParse *parse,
            GPtrArray *words,
            guint *i,
            GError **error)
{
  PfShellWord *word = g_ptr_array_index (words, *i);

  for (const char *p = word->text + 1; *p != '\0'; p++)
    {
      const Option *option = find_option (*p, NULL);
      char typed[3] = { '-', *p, '\0' };
      const char *value = NULL;

      if (option == NULL)
        {
          note_unknown (parse, typed);
          continue;
        }
      if (option->has_value)
        value = p[1] != '\0' ? p + 1 : take_value (words, i, typed, error);
      if ((option->has_value && value == NULL) ||
          !apply_option (parse, option, typed, value, word->offset, error))
        return FALSE;
      if (option->has_value)
        break;
    }
  return TRUE;
}

static gboolean
read_words (PfCurlParse *parse,
            GPtrArray *words,
            GError **error)
{
  gboolean options_end = FALSE;

  for (guint i = 1; i < words->len; i++)
    {
      PfShellWord *word = g_ptr_array_index (words, i);
      gboolean ok = TRUE;

      if (options_end || word->text[0] != '-' || word->text[1] == '\0')
        ok = apply_url (parse, "--url", word->text, word->offset, error);
      else if (g_str_equal (word->text, "--"))
        options_end = TRUE;
      else if (word->text[1] == '-')
        ok = read_long (parse, words, &i, error);
      else
        ok = read_short (parse, words, &i, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_curl (GPtrArray *words,
            GError **error)
{
  g_autofree char *name = NULL;

  if (words->len > 0)
    name = g_path_get_basename (((PfShellWord *) g_ptr_array_index (words, 0))->text);
  if (name != NULL && (g_str_equal (name, "curl") || g_str_equal (name, "curl.exe")))
    return TRUE;
  g_set_error_literal (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_NOT_CURL,
                       _ ("The command does not start with “curl”"));
  return FALSE;
}

/* curl guesses http:// for a URL without a scheme. */
static gboolean
set_url (PfCurlParse *parse,
         GError **error)
{
  g_autofree char *url = NULL;

  if (parse->url == NULL)
    {
      g_set_error_literal (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_NO_URL,
                           _ ("The command has no URL: give one as a word of its own or after "
                              "--url"));
      return FALSE;
    }
  if (strstr (parse->url, "://") == NULL)
    {
      url = g_strconcat ("http://", parse->url, NULL);
      /* Translators: %s is a URL */
      _pf_curl_note (parse, _ ("“%s” has no scheme: http:// is assumed, as curl does"),
                     parse->url);
    }
  pf_request_set_url (parse->request, url ? url : parse->url);
  return TRUE;
}

/* curl: -X names the method; else -I is HEAD, a body POST (not with -G), and GET. */
static gboolean
set_method (PfCurlParse *parse,
            GError **error)
{
  gboolean posts = parse->form || (parse->pieces->len > 0 && !parse->get);

  if (parse->form && parse->pieces->len > 0)
    {
      g_set_error_literal (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_CONFLICT,
                           _ ("-F cannot be combined with -d or --json: curl sends either a "
                              "form or data"));
      return FALSE;
    }
  if (parse->head && posts)
    {
      g_set_error_literal (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_CONFLICT,
                           _ ("-I (a HEAD request) cannot send the body given with -d or -F"));
      return FALSE;
    }
  pf_request_set_method (parse->request, parse->method ? parse->method
                                         : parse->head ? "HEAD"
                                         : posts       ? "POST"
                                                       : "GET");
  return TRUE;
}

/* -u sends Basic at once, as curl does; with --anyauth or --digest it answers a challenge. */
static void
set_auth (PfCurlParse *parse)
{
  const char *colon = parse->user ? strchr (parse->user, ':') : NULL;
  g_autofree char *name = NULL;

  if (parse->user != NULL)
    {
      name = g_strndup (parse->user, colon ? colon - parse->user : (gssize) strlen (parse->user));
      if (colon == NULL)
        _pf_curl_note (parse, _ ("-u has no password: curl would ask for one; it is left empty"));
      if (parse->any_auth)
        pf_request_set_open_credentials (parse->request, name, colon ? colon + 1 : "");
      else
        pf_request_set_basic_auth (parse->request, name, colon ? colon + 1 : "");
    }
  if (parse->bearer != NULL)
    pf_request_set_bearer_auth (parse->request, parse->bearer);
}

/* Fetch: a browser sends Origin because the page at that origin made the request, when it is
 * cross-origin or neither GET nor HEAD; then that is the request's page origin, and the header
 * the browser's again. Cookies sent with it mean the page asked for them, as credentials mode
 * "include" does (what a HAR entry's Origin and Cookie make too). Any other Origin is a header
 * a page cannot set. */
static void
set_origin (PfCurlParse *parse)
{
  g_autofree char *method = pf_request_dup_effective_method (parse->request);

  if (parse->origin == NULL)
    return;
  if (pf_cors_same_origin (parse->origin, pf_request_get_url (parse->request)) &&
      (g_str_equal (method, "GET") || g_str_equal (method, "HEAD")))
    {
      add_header (parse, "Origin", parse->origin);
      return;
    }
  pf_request_set_origin (parse->request, parse->origin);
  if (_pf_curl_request_find_header (parse->request, "Cookie") != NULL)
    pf_request_set_credentials (parse->request, PF_CREDENTIALS_INCLUDE);
  /* Translators: %s is an origin such as https://app.example */
  _pf_curl_note (parse, _ ("Sent from the page origin %s, under CORS: a page cannot set Origin; "
                           "the browser sends it"),
                 parse->origin);
}

/* Without -L curl follows no redirect, so neither does the request. */
static void
set_redirects (PfCurlParse *parse)
{
  if (!parse->location)
    pf_request_set_max_redirects (parse->request, 0);
  else if (parse->max_redirs >= 0)
    pf_request_set_max_redirects (parse->request, parse->max_redirs);
  else
    pf_request_set_max_redirects (parse->request, CURL_DEFAULT_MAX_REDIRS);
}

static void
parse_clear (PfCurlParse *parse)
{
  g_clear_pointer (&parse->pieces, g_ptr_array_unref);
  g_clear_pointer (&parse->method, g_free);
  g_clear_pointer (&parse->user, g_free);
  g_clear_pointer (&parse->bearer, g_free);
  g_clear_pointer (&parse->url, g_free);
  g_clear_pointer (&parse->origin, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PfCurlParse, parse_clear)

/* @command as curl would run it: the request, and notes (pf_curl_command_get_notes ()) for
 * what was read but not applied. Files named with @ or < are read now. NULL with an error
 * saying where, when the command does not parse. */
PfCurlCommand *
pf_curl_command_parse (const char *command,
                       GError **error)
{
  g_autoptr (PfCurlCommand) self = g_object_new (PF_TYPE_CURL_COMMAND, NULL);
  g_auto (PfCurlParse) parse = { self->request, self->notes, .max_redirs = -1 };
  g_autoptr (GPtrArray) words = NULL;

  g_return_val_if_fail (command != NULL, NULL);
  parse.pieces = g_ptr_array_new_with_free_func (_pf_curl_piece_free);
  if (!(words = pf_shell_split (command, self->notes, error)) || !check_curl (words, error) ||
      !read_words (&parse, words, error) || !set_url (&parse, error) ||
      !_pf_curl_finish_body (&parse, error) || !set_method (&parse, error))
    return NULL;
  set_auth (&parse);
  set_origin (&parse);
  set_redirects (&parse);
  return g_steal_pointer (&self);
}

static void
parse_thread (GTask *task,
              gpointer source,
              gpointer task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  PfCurlCommand *self = pf_curl_command_parse (task_data, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/* The same on a worker thread: reading the files a command names is blocking I/O. */
void
pf_curl_command_parse_async (const char *command,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (command != NULL);
  g_task_set_source_tag (task, pf_curl_command_parse_async);
  g_task_set_task_data (task, g_strdup (command), g_free);
  g_task_run_in_thread (task, parse_thread);
}

PfCurlCommand *
pf_curl_command_parse_finish (GAsyncResult *result,
                              GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

PfRequest *
pf_curl_command_get_request (PfCurlCommand *self)
{
  g_return_val_if_fail (PF_IS_CURL_COMMAND (self), NULL);
  return self->request;
}

/* What the command asked that the request does not do, one sentence each. */
const char *const *
pf_curl_command_get_notes (PfCurlCommand *self)
{
  g_return_val_if_fail (PF_IS_CURL_COMMAND (self), NULL);
  return (const char *const *) self->notes->pdata;
}
