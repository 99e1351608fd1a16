/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-curl-command"

#include "config.h"

#include "pf-curl-command-private.h"
#include "pf-http-syntax.h"
#include "pf-key-value.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/* A curl command's body, as curl's manual says it is made: the -d/--data-* pieces joined
 * with "&" (--json pieces with nothing), sent as application/x-www-form-urlencoded unless -H
 * says otherwise, or put in the query by -G; -F parts as multipart/form-data. */

typedef struct
{
  char *bytes;    /* what the piece sends, or NULL while its file is unread */
  char *file;     /* --data-binary @FILE, --json @FILE: read at the end, exactly */
  gboolean glued; /* --json: no "&" before it */
  char *flag;
  guint offset;
} Piece;

void
_pf_curl_piece_free (gpointer data)
{
  Piece *piece = data;

  g_free (piece->bytes);
  g_free (piece->file);
  g_free (piece->flag);
  g_free (piece);
}

/* A file sent later (a file body, a file part) is checked now, so a wrong name is the
 * command's error, with its place. */
gboolean
_pf_curl_check_readable (const char *path,
                         const char *flag,
                         guint offset,
                         GError **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno = errno;

  if (fd >= 0)
    {
      g_close (fd, NULL);
      return TRUE;
    }
  g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_FILE,
               /* Translators: the first %s is an option, %u a character position, the second
                * %s a file name, the last the system's reason */
               _("%s at character %u names a file that cannot be read: “%s”: %s"), flag, offset,
               path, g_strerror (saved_errno));
  return FALSE;
}

static char *
read_file (const char *path,
           const char *flag,
           guint offset,
           gsize *len,
           GError **error)
{
  g_autoptr (GError) local = NULL;
  char *contents = NULL;

  if (!_pf_curl_check_readable (path, flag, offset, error))
    return NULL;
  if (g_file_get_contents (path, &contents, len, &local))
    return contents;
  g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_FILE,
               /* Translators: %s is an option such as --data, %u a character position, the
                * last %s why the file could not be read */
               _("%s at character %u names a file that cannot be read: %s"), flag, offset,
               local->message);
  return NULL;
}

/* Text fields and joined bodies are C strings in a request: only a file body holds NUL. */
static char *
read_text_file (const char *path,
                const char *flag,
                guint offset,
                GError **error)
{
  gsize len = 0;
  g_autofree char *contents = read_file (path, flag, offset, &len, error);

  if (contents == NULL || memchr (contents, '\0', len) == NULL)
    return g_steal_pointer (&contents);
  g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_FILE,
               /* Translators: the first %s is a file name, the second an option */
               _("“%s” (%s at character %u) holds a NUL byte: only “--data-binary @FILE” "
                  "alone can send it, as a file body"),
               path, flag, offset);
  return NULL;
}

/* curl's manual: "--data @FILE": carriage returns and newlines are stripped out. */
static char *
read_stripped_file (const char *path,
                    const char *flag,
                    guint offset,
                    GError **error)
{
  char *text = read_text_file (path, flag, offset, error);
  char *to = text;

  for (const char *p = text; p && *p; p++)
    if (*p != '\r' && *p != '\n')
      *to++ = *p;
  if (to != NULL)
    *to = '\0';
  return text;
}

/* curl_easy_escape () as --data-urlencode uses it: A-Z a-z 0-9 - . _ ~ stay, a space is "+",
 * every other byte %XX. */
static void
append_curl_escaped (GString *out,
                     const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL)
        g_string_append_c (out, *p);
      else if (*p == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

/* --data-urlencode: "content", "=content", "name=content", "@file", "name@file"; the name
 * is sent as written, the content encoded. */
static char *
encode_urlencode (const char *value,
                  const char *flag,
                  guint offset,
                  GError **error)
{
  const char *separator = strchr (value, '=');
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  GString *out;

  if (separator == NULL)
    separator = strchr (value, '@');
  if (separator != NULL)
    name = g_strndup (value, separator - value);
  if (separator != NULL && *separator == '@')
    contents = read_text_file (separator + 1, flag, offset, error);
  else
    contents = g_strdup (separator ? separator + 1 : value);
  if (contents == NULL)
    return NULL;
  out = g_string_new (name);
  if (name != NULL && *name != '\0')
    g_string_append_c (out, '=');
  append_curl_escaped (out, contents);
  return g_string_free (out, FALSE);
}

static gboolean
fail_stdin (const char *flag,
            guint offset,
            GError **error)
{
  g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_FILE,
               /* Translators: %s is an option such as --data, %u a character position */
               _("%s @- at character %u reads standard input, which an imported command "
                  "does not have; name a file instead"),
               flag, offset);
  return FALSE;
}

/* @flag is the option's long name (-d is "--data"). */
gboolean
_pf_curl_add_data (PfCurlParse *parse,
                   const char *flag,
                   const char *value,
                   guint offset,
                   GError **error)
{
  gboolean binary = g_str_equal (flag, "--data-binary") || g_str_equal (flag, "--json");
  Piece *piece;

  if (value[0] == '@' && g_str_equal (value, "@-") && !g_str_equal (flag, "--data-raw"))
    return fail_stdin (flag, offset, error);
  piece = g_new0 (Piece, 1);
  piece->flag = g_strdup (flag);
  piece->offset = offset;
  piece->glued = g_str_equal (flag, "--json");
  if (g_str_equal (flag, "--data-urlencode"))
    piece->bytes = encode_urlencode (value, flag, offset, error);
  else if (value[0] == '@' && binary)
    piece->file = g_strdup (value + 1);
  else if (value[0] == '@' && !g_str_equal (flag, "--data-raw"))
    piece->bytes = read_stripped_file (value + 1, flag, offset, error);
  else
    piece->bytes = g_strdup (value);
  if (piece->bytes == NULL && piece->file == NULL)
    {
      _pf_curl_piece_free (piece);
      return FALSE;
    }
  parse->json = parse->json || piece->glued;
  g_ptr_array_add (parse->pieces, piece);
  return TRUE;
}

static char *
join_pieces (PfCurlParse *parse,
             GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < parse->pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (parse->pieces, i);

      if (piece->file != NULL && piece->bytes == NULL &&
          !(piece->bytes = read_text_file (piece->file, piece->flag, piece->offset, error)))
        return NULL;
      if (i > 0 && !piece->glued)
        g_string_append_c (out, '&');
      g_string_append (out, piece->bytes);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
_pf_curl_request_find_header (PfRequest *request,
                              const char *name)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      if (g_ascii_strcasecmp (pf_key_value_get_name (row), name) == 0)
        return pf_key_value_get_value (row);
    }
  return NULL;
}

static gboolean
is_form_name_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("-._~%+*!'()[]", c) != NULL;
}

/* Does @body read as name=value pairs a form would send? Then the request keeps them as
 * fields (each written back as it was typed, so the bytes stay the same). */
static gboolean
looks_like_form (const char *body)
{
  g_auto (GStrv) pairs = g_strsplit (body, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');

      if (equals == NULL || equals == pairs[i])
        return FALSE;
      for (const char *p = pairs[i]; p < equals; p++)
        if (!is_form_name_char (*p))
          return FALSE;
    }
  return *body != '\0';
}

static void
set_form_fields (PfRequest *request,
                 const char *body)
{
  g_autoptr (GPtrArray) pairs = pf_http_parse_form (body);

  pf_request_set_body_kind (request, PF_BODY_URLENCODED);
  for (guint i = 0; i < pairs->len; i++)
    {
      PfKeyValue *pair = g_ptr_array_index (pairs, i);
      PfKeyValue *row = pf_request_add_field (request, pf_key_value_get_name (pair),
                                              pf_key_value_get_value (pair));

      pf_http_copy_pair_source (pair, row);
    }
}

static gboolean
is_urlencoded_type (const char *type)
{
  g_autofree char *essence = g_strstrip (g_strndup (type, strcspn (type, ";")));

  return g_ascii_strcasecmp (essence, "application/x-www-form-urlencoded") == 0;
}

/* A Content-Type from -H is sent as it is; without one, curl's default. */
static void
set_text_body (PfCurlParse *parse,
               const char *body)
{
  const char *type = _pf_curl_request_find_header (parse->request, "Content-Type");

  if ((type == NULL || is_urlencoded_type (type)) && looks_like_form (body))
    {
      set_form_fields (parse->request, body);
      return;
    }
  pf_request_set_body_kind (parse->request, PF_BODY_RAW);
  pf_request_set_body_text (parse->request, body);
  if (type == NULL)
    pf_request_set_body_content_type (parse->request, "application/x-www-form-urlencoded");
}

/* curl -G: the data goes after the URL's "?" (or its query and "&"). */
static void
set_query (PfCurlParse *parse,
           const char *data)
{
  const char *url = pf_request_get_url (parse->request);
  g_autofree char *with_query = g_strconcat (url, strchr (url, '?') ? "&" : "?", data, NULL);

  pf_request_set_url (parse->request, with_query);
}

/* --json: curl adds these unless -H set them. */
static void
add_json_headers (PfCurlParse *parse)
{
  if (_pf_curl_request_find_header (parse->request, "Content-Type") == NULL)
    pf_request_add_header (parse->request, "Content-Type", "application/json");
  if (_pf_curl_request_find_header (parse->request, "Accept") == NULL)
    pf_request_add_header (parse->request, "Accept", "application/json");
}

/* Once the URL is set: the body (or the query, with -G) from what the options gave. */
gboolean
_pf_curl_finish_body (PfCurlParse *parse,
                      GError **error)
{
  Piece *first = parse->pieces->len ? g_ptr_array_index (parse->pieces, 0) : NULL;
  g_autofree char *data = NULL;

  if (parse->json)
    add_json_headers (parse);
  if (parse->form)
    pf_request_set_body_kind (parse->request, PF_BODY_MULTIPART);
  if (first == NULL)
    return TRUE;
  /* One --data-binary @FILE is the file itself, any bytes and any size. */
  if (parse->pieces->len == 1 && first->file != NULL && !parse->get)
    {
      if (!_pf_curl_check_readable (first->file, first->flag, first->offset, error))
        return FALSE;
      pf_request_set_body_kind (parse->request, PF_BODY_FILE);
      pf_request_set_body_file (parse->request, first->file);
      if (_pf_curl_request_find_header (parse->request, "Content-Type") == NULL)
        pf_request_set_body_content_type (parse->request, "application/x-www-form-urlencoded");
      return TRUE;
    }
  if (!(data = join_pieces (parse, error)))
    return FALSE;
  if (parse->get)
    set_query (parse, data);
  else
    set_text_body (parse, data);
  return TRUE;
}
