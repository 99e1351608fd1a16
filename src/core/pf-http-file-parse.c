/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-http-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-http-file-private.h"
#include "pf-http-syntax.h"

/* Reading the JetBrains HTTP client / VS Code REST Client format: requests separated by
 * lines starting with “###” (the rest of the line is a title), each made of comments and
 * “# @” directives, a request line “[METHOD] URL [HTTP/1.1]” (the URL may go on over
 * indented lines), headers until a blank line, and a body until the next “###”. */

typedef struct
{
  gsize start;  /* first byte */
  gsize end;    /* end of its text, line ending excluded */
  gsize next;   /* first byte of the next line */
  guint number; /* counted from 1 */
} Line;

typedef struct
{
  const char *text;
  GArray *lines;
  GFile *folder;
  GHashTable *variables;
  GPtrArray *entries;
} Parser;

/* What one block (the lines between two “###”) holds while it is read. */
typedef struct
{
  Parser *parser;
  guint next; /* the line to read */
  guint last; /* one past the block's last line */
  gsize block_start;
  gsize span_start;
  gboolean in_span;
  char *name;
  PfRequest *request;
  GPtrArray *parts;
  char *multipart_type;
} Block;

static const char *const directives[] = {
  "name", "timeout", "no-redirect", "origin", "credentials", "browser-headers", "override-mime",
  "sync", "response-type", "xdr", NULL
};

static Line *
line_at (Parser *parser,
         guint index)
{
  return &g_array_index (parser->lines, Line, index);
}

static char *
line_text (Parser *parser,
           Line *line)
{
  return g_strndup (parser->text + line->start, line->end - line->start);
}

static char *
line_raw (Parser *parser,
          Line *first,
          Line *last)
{
  return g_strndup (parser->text + first->start, last->next - first->start);
}

static GArray *
split_lines (const char *text,
             gsize len)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gsize pos = 0;

  for (guint number = 1; pos < len; number++)
    {
      const char *nl = memchr (text + pos, '\n', len - pos);
      Line line = { pos, nl ? (gsize) (nl - text) : len, nl ? (gsize) (nl - text) + 1 : len,
                    number };

      if (line.end > line.start && text[line.end - 1] == '\r')
        line.end--;
      g_array_append_val (lines, line);
      pos = line.next;
    }
  return lines;
}

/* @at: the byte in the line where the trouble starts. */
static gboolean
syntax_error (GError **error,
              Parser *parser,
              Line *line,
              gsize at,
              const char *message)
{
  glong column = g_utf8_strlen (parser->text + line->start, at) + 1;

  /* Translators: the first two numbers say where in a .http file, %s what was expected */
  g_set_error (error, PF_HTTP_FILE_ERROR, PF_HTTP_FILE_ERROR_SYNTAX, _ ("line %u, column %ld: %s"),
               line->number, column, message);
  return FALSE;
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static gboolean
is_blank (const char *text)
{
  return *skip_space (text) == '\0';
}

static gboolean
is_separator (const char *text)
{
  return g_str_has_prefix (text, "###");
}

/* is_separator () of @line's text, read where it lies (each line of a file is asked). */
static gboolean
line_is_separator (Parser *parser,
                   Line *line)
{
  return line->end - line->start >= 3 && memcmp (parser->text + line->start, "###", 3) == 0;
}

/* “#” or “//” (after spaces): the text after the marker, else NULL. */
static const char *
comment_text (const char *text)
{
  const char *p = skip_space (text);

  if (*p == '#')
    return p + 1;
  if (p[0] == '/' && p[1] == '/')
    return p + 2;
  return NULL;
}

/* “# @key value”, “# @key = value”: the key and value, or FALSE when @text is not one. */
static gboolean
split_directive (const char *text,
                 char **key,
                 char **value)
{
  const char *p = comment_text (text);
  const char *key_end;

  if (p == NULL || *(p = skip_space (p)) != '@')
    return FALSE;
  key_end = ++p;
  while (g_ascii_isalnum (*key_end) || *key_end == '-' || *key_end == '_')
    key_end++;
  if (key_end == p)
    return FALSE;
  *key = g_strndup (p, key_end - p);
  p = skip_space (key_end);
  if (*p == '=')
    p = skip_space (p + 1);
  *value = g_strstrip (g_strdup (p));
  return TRUE;
}

static PfHttpPart *
part_new (PfHttpPartKind kind,
          char *raw,
          const char *key,
          const char *value,
          int index)
{
  PfHttpPart *part = g_new0 (PfHttpPart, 1);

  part->kind = kind;
  part->raw = raw;
  part->key = g_strdup (key);
  part->value = g_strdup (value);
  part->index = index;
  return part;
}

/* JetBrains: “@timeout 600” is seconds; “ms”, “s” and “m” may follow. */
static gboolean
parse_timeout (const char *value,
               guint *timeout_ms)
{
  char *end = NULL;
  guint64 n;
  guint64 unit = 1000;

  if (!g_ascii_isdigit (*value))
    return FALSE;
  n = g_ascii_strtoull (value, &end, 10);
  end = (char *) skip_space (end);
  if (g_str_equal (end, "ms"))
    unit = 1;
  else if (g_str_equal (end, "m"))
    unit = 60000;
  else if (*end != '\0' && !g_str_equal (end, "s"))
    return FALSE;
  if (n > G_MAXUINT / unit)
    return FALSE;
  *timeout_ms = n * unit;
  return TRUE;
}

static gboolean
parse_credentials (const char *value,
                   PfCredentialsMode *mode)
{
  GEnumClass *klass = g_type_class_ref (PF_TYPE_CREDENTIALS_MODE);
  GEnumValue *found = g_enum_get_value_by_nick (klass, value);

  if (found != NULL)
    *mode = found->value;
  g_type_class_unref (klass);
  return found != NULL;
}

/* "# @browser-headers on|off|auto": send as Chromium would (auto: with a page origin). */
static gboolean
parse_browser_headers (const char *value,
                       PfRequest *request)
{
  GEnumClass *klass = g_type_class_ref (PF_TYPE_BROWSER_HEADERS);
  GEnumValue *found = g_enum_get_value_by_nick (klass, value);

  if (found != NULL)
    pf_request_set_browser_headers (request, found->value);
  g_type_class_unref (klass);
  return found != NULL;
}

/* Applies one of our directives to @request: NULL, or what its value should have been. */
static const char *
apply_directive (PfRequest *request,
                 const char *key,
                 const char *value)
{
  guint timeout_ms = 0;
  PfCredentialsMode mode;

  if (g_str_equal (key, "timeout"))
    {
      if (!parse_timeout (value, &timeout_ms))
        return _ ("expected a timeout such as “30”, “30 s”, “500 ms” or “2 m”");
      pf_request_set_timeout_ms (request, timeout_ms);
    }
  else if (g_str_equal (key, "no-redirect"))
    pf_request_set_max_redirects (request, 0);
  else if (g_str_equal (key, "origin"))
    {
      if (*value == '\0')
        return _ ("expected an origin such as “https://app.example”");
      pf_request_set_origin (request, value);
    }
  else if (g_str_equal (key, "credentials"))
    {
      if (!parse_credentials (value, &mode))
        return _ ("expected “omit”, “same-origin” or “include”");
      pf_request_set_credentials (request, mode);
    }
  else if (g_str_equal (key, "browser-headers"))
    {
      if (!parse_browser_headers (value, request))
        return _ ("expected “on”, “off” or “auto”");
    }
  else if (g_str_equal (key, "override-mime"))
    {
      if (*value == '\0')
        return _ ("expected a MIME type such as “text/plain”");
      pf_request_set_override_mime_type (request, value);
    }
  else if (g_str_equal (key, "sync"))
    pf_request_set_sync (request, TRUE);
  else if (g_str_equal (key, "xdr"))
    pf_request_set_xdr (request, TRUE);
  else if (g_str_equal (key, "response-type"))
    {
      PfResponseType type;

      if (!pf_response_type_from_string (value, &type, NULL))
        return _ ("expected “text”, “json”, “document”, “arraybuffer” or “blob”");
      pf_request_set_response_type (request, type);
    }
  return NULL;
}

/* For saving: would @value, read again, give @request's current setting for @key? */
gboolean
_pf_http_directive_value (PfRequest *request,
                          const char *key,
                          char **value)
{
  guint ms = pf_request_get_timeout_ms (request);

  *value = NULL;
  if (g_str_equal (key, "timeout") && ms > 0)
    *value = ms % 1000 == 0 ? g_strdup_printf ("%u", ms / 1000) : g_strdup_printf ("%u ms", ms);
  else if (g_str_equal (key, "no-redirect") && pf_request_get_max_redirects (request) == 0)
    *value = g_strdup ("");
  else if (g_str_equal (key, "origin") && *pf_request_get_origin (request))
    *value = g_strdup (pf_request_get_origin (request));
  else if (g_str_equal (key, "credentials") &&
           pf_request_get_credentials (request) != PF_CREDENTIALS_SAME_ORIGIN)
    *value = g_strdup (pf_request_get_credentials (request) == PF_CREDENTIALS_OMIT ? "omit"
                                                                                   : "include");
  else if (g_str_equal (key, "browser-headers") &&
           pf_request_get_browser_headers (request) != PF_BROWSER_HEADERS_AUTO)
    *value = g_strdup (pf_request_get_browser_headers (request) == PF_BROWSER_HEADERS_ON ? "on"
                                                                                         : "off");
  else if (g_str_equal (key, "override-mime") && *pf_request_get_override_mime_type (request))
    *value = g_strdup (pf_request_get_override_mime_type (request));
  else if (g_str_equal (key, "sync") && pf_request_get_sync (request))
    *value = g_strdup ("");
  else if (g_str_equal (key, "xdr") && pf_request_get_xdr (request))
    *value = g_strdup ("");
  else if (g_str_equal (key, "response-type") &&
           pf_request_get_response_type (request) != PF_RESPONSE_TYPE_DEFAULT)
    *value = g_strdup (pf_response_type_to_string (pf_request_get_response_type (request)));
  return *value != NULL;
}

/* “@name = value” on a line of its own: a variable of the file (VS Code REST Client). */
static gboolean
read_file_variable (Parser *parser,
                    const char *text)
{
  const char *p = skip_space (text);
  const char *equals;
  g_autofree char *name = NULL;

  if (*p != '@' || (equals = strchr (p, '=')) == NULL)
    return FALSE;
  name = g_strstrip (g_strndup (p + 1, equals - p - 1));
  if (*name == '\0' || !pf_http_is_token (name))
    return FALSE;
  g_hash_table_replace (parser->variables, g_steal_pointer (&name),
                        g_strstrip (g_strdup (equals + 1)));
  return TRUE;
}

static void
begin_span (Block *block,
            Line *line)
{
  if (block->in_span)
    return;
  block->in_span = TRUE;
  block->span_start = line->start;
}

/* A directive line: ours is applied to the request and kept as a directive part; any other
 * (JetBrains' @no-log, …) is kept as it was typed. */
static gboolean
add_directive (Block *block,
               Line *line,
               const char *text,
               const char *key,
               const char *value,
               GError **error)
{
  Parser *parser = block->parser;
  const char *problem;

  begin_span (block, line);
  if (!g_strv_contains (directives, key))
    {
      g_ptr_array_add (block->parts, part_new (PF_HTTP_PART_COMMENT,
                                               line_raw (parser, line, line), NULL, NULL, 0));
      return TRUE;
    }
  if (g_str_equal (key, "name"))
    {
      g_free (block->name);
      block->name = g_strdup (value);
    }
  else if ((problem = apply_directive (block->request, key, value)) != NULL)
    return syntax_error (error, parser, line, strchr (text, '@') - text, problem);
  g_ptr_array_add (block->parts, part_new (PF_HTTP_PART_DIRECTIVE, line_raw (parser, line, line),
                                           key, value, 0));
  return TRUE;
}

/* Comments, directives, file variables and blank lines before the request line. Returns
 * FALSE with @error set on a bad directive; sets block->next to the request line, or to
 * block->last when the block holds no request. */
static gboolean
read_preamble (Block *block,
               GError **error)
{
  Parser *parser = block->parser;

  for (; block->next < block->last; block->next++)
    {
      Line *line = line_at (parser, block->next);
      g_autofree char *text = line_text (parser, line);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (split_directive (text, &key, &value))
        {
          if (!add_directive (block, line, text, key, value, error))
            return FALSE;
          continue;
        }
      if (!is_blank (text) && comment_text (text) == NULL && !read_file_variable (parser, text))
        return TRUE;
      if (block->in_span)
        g_ptr_array_add (block->parts, part_new (PF_HTTP_PART_COMMENT,
                                                 line_raw (parser, line, line), NULL, NULL, 0));
    }
  return TRUE;
}

static gboolean
is_method (const char *word)
{
  for (const char *p = word; *p; p++)
    if (!g_ascii_isupper (*p) && *p != '-' && *p != '_')
      return FALSE;
  return *word != '\0';
}

/* “[METHOD] URL [HTTP/1.1]” and the URL's indented continuation lines. */
static gboolean
read_request_line (Block *block,
                   GError **error)
{
  Parser *parser = block->parser;
  Line *first = line_at (parser, block->next);
  g_autofree char *text = line_text (parser, first);
  /* The words between spaces and tabs, cut where they lie: the method, the URL, the version
   * and one more are all that is read (n counts them all). */
  const char *kept[4] = { NULL };
  guint n = 0;
  g_autoptr (GString) url = NULL;
  guint url_at;

  for (char *p = g_strstrip (text); *p != '\0';)
    {
      gsize len = strcspn (p, " \t");

      if (len == 0)
        {
          p++;
          continue;
        }
      if (n < G_N_ELEMENTS (kept))
        kept[n] = p;
      n++;
      p += len;
      if (*p != '\0')
        *p++ = '\0';
    }
  /* Only characters g_strstrip () drops (a form feed, a vertical tab): no URL on the line. */
  if (n == 0)
    return syntax_error (error, parser, first, 0, _ ("expected a request line: a method and a URL"));
  url_at = n > 1 && is_method (kept[0]) ? 1 : 0;
  for (guint i = url_at + 1; i < n; i++)
    if (i > url_at + 1 || !g_str_has_prefix (kept[i], "HTTP/"))
      {
        g_autofree char *raw = line_text (parser, first);

        return syntax_error (error, parser, first, strstr (raw, kept[i]) - raw,
                             _ ("expected “HTTP/1.1” or the end of the line after the URL"));
      }
  url = g_string_new (kept[url_at]);
  while (++block->next < block->last)
    {
      Line *line = line_at (parser, block->next);
      g_autofree char *more = NULL;

      /* Not indented: looked at where it lies (the line after a request line mostly is). */
      if (line->end == line->start ||
          (parser->text[line->start] != ' ' && parser->text[line->start] != '\t'))
        break;
      more = line_text (parser, line);
      if (is_blank (more))
        break;
      g_string_append (url, g_strstrip (more));
    }
  begin_span (block, first);
  pf_request_set_method (block->request, url_at ? kept[0] : "GET");
  pf_request_set_url (block->request, url->str);
  g_ptr_array_add (block->parts,
                   part_new (PF_HTTP_PART_REQUEST_LINE,
                             line_raw (parser, first, line_at (parser, block->next - 1)),
                             pf_request_get_method (block->request), url->str, 0));
  return TRUE;
}

static gboolean
is_multipart (const char *name,
              const char *value)
{
  return g_ascii_strcasecmp (name, "Content-Type") == 0 &&
         g_ascii_strncasecmp (value, "multipart/form-data", 19) == 0;
}

static gboolean
read_header (Block *block,
             Line *line,
             const char *text,
             GError **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  int index;

  if (colon == NULL || colon == text)
    return syntax_error (error, block->parser, line, 0,
                         _ ("expected a header “Name: value” or a blank line"));
  name = g_strndup (text, colon - text);
  if (!pf_http_is_token (name) && strstr (name, "{{") == NULL)
    return syntax_error (error, block->parser, line, 0,
                         _ ("expected a header “Name: value” or a blank line"));
  value = g_strstrip (g_strdup (colon + 1));
  if (is_multipart (name, value) && block->multipart_type == NULL)
    block->multipart_type = g_strdup (value);
  index = g_list_model_get_n_items (pf_request_get_headers (block->request));
  pf_request_add_header (block->request, name, value);
  g_ptr_array_add (block->parts, part_new (PF_HTTP_PART_HEADER,
                                           line_raw (block->parser, line, line), name, value,
                                           index));
  return TRUE;
}

/* Headers until a blank line; comments among them are kept. */
static gboolean
read_headers (Block *block,
              GError **error)
{
  Parser *parser = block->parser;

  for (; block->next < block->last; block->next++)
    {
      Line *line = line_at (parser, block->next);
      g_autofree char *text = line_text (parser, line);

      if (is_blank (text))
        return TRUE;
      if (comment_text (text) != NULL)
        g_ptr_array_add (block->parts, part_new (PF_HTTP_PART_COMMENT,
                                                 line_raw (parser, line, line), NULL, NULL, 0));
      else if (!read_header (block, line, text, error))
        return FALSE;
    }
  return TRUE;
}

/* “< ./file” (or “<@”, whose variables JetBrains fills): the path it names, resolved against
 * the .http file's folder. */
static char *
file_reference (Parser *parser,
                const char *text)
{
  const char *p = skip_space (text);
  g_autoptr (GFile) file = NULL;

  if (*p != '<')
    return NULL;
  p++;
  if (*p == '@')
    p++;
  if (*p != ' ' && *p != '\t')
    return NULL;
  p = skip_space (p);
  if (*p == '\0')
    return NULL;
  file = parser->folder ? g_file_resolve_relative_path (parser->folder, p)
                        : g_file_new_for_path (p);
  return g_file_get_path (file);
}

static char *
multipart_boundary (const char *type)
{
  const char *p = strstr (type, "boundary=");
  g_autofree char *boundary = NULL;

  if (p == NULL)
    return NULL;
  boundary = g_strdup (p + 9);
  boundary[strcspn (boundary, ";")] = '\0';
  g_strstrip (boundary);
  if (boundary[0] == '"')
    {
      memmove (boundary, boundary + 1, strlen (boundary));
      boundary[strcspn (boundary, "\"")] = '\0';
    }
  return *boundary ? g_steal_pointer (&boundary) : NULL;
}

/* A quoted parameter of a Content-Disposition: name="…" or filename="…". */
static char *
disposition_param (const char *line,
                   const char *param)
{
  g_autofree char *needle = g_strdup_printf ("; %s=\"", param);
  const char *p = strstr (line, needle);
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen (needle);
  end = strchr (p, '"');
  return end ? g_strndup (p, end - p) : NULL;
}

/* A "< ./file" part: its Content-Type, and its filename where it is not the file's own name
 * (which the part is sent with anyway), are the field's. */
static void
add_file_part (PfRequest *request,
               const char *name,
               const char *path,
               const char *filename,
               const char *type)
{
  PfKeyValue *field = pf_request_add_file_field (request, name, path);
  g_autofree char *basename = g_path_get_basename (path);

  if (filename != NULL && !g_str_equal (filename, basename))
    pf_key_value_set_file_name (field, filename);
  if (type != NULL)
    pf_key_value_set_content_type (field, type);
}

/* One part's headers and content, each line without its ending. */
static gboolean
add_form_part (Parser *parser,
               PfRequest *request,
               char **lines,
               guint n)
{
  g_autofree char *name = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *type = NULL;
  g_autofree char *path = NULL;
  g_autofree char *value = NULL;
  guint i = 0;

  for (; i < n && *lines[i]; i++)
    if (g_ascii_strncasecmp (lines[i], "Content-Disposition: form-data", 30) == 0)
      {
        name = disposition_param (lines[i], "name");
        filename = disposition_param (lines[i], "filename");
      }
    else if (g_ascii_strncasecmp (lines[i], "Content-Type:", 13) == 0)
      type = g_strstrip (g_strdup (lines[i] + 13));
    else
      return FALSE;
  if (name == NULL || i == n)
    return FALSE;
  value = g_strjoinv ("\n", lines + i + 1);
  if (n == i + 2 && (path = file_reference (parser, lines[i + 1])) != NULL)
    add_file_part (request, name, path, filename, type);
  else if (filename == NULL)
    pf_request_add_field (request, name, value);
  else
    return FALSE;
  return TRUE;
}

/* A multipart/form-data body as FormData fields, a “< ./file” part as a file field; FALSE
 * for what fields cannot say (inline file content, other part headers). */
static gboolean
read_multipart (Parser *parser,
                PfRequest *request,
                const char *type,
                const char *body)
{
  g_autofree char *boundary = multipart_boundary (type);
  g_autofree char *delimiter = boundary ? g_strconcat ("--", boundary, NULL) : NULL;
  g_autofree char *close = boundary ? g_strconcat (delimiter, "--", NULL) : NULL;
  g_auto (GStrv) lines = g_strsplit (body, "\n", -1);
  guint part_start = 0;

  if (boundary == NULL)
    return FALSE;
  for (guint i = 0; lines[i]; i++)
    g_strchomp (lines[i]);
  if (lines[0] == NULL || !g_str_equal (lines[0], delimiter))
    return FALSE;
  for (guint i = 1; lines[i]; i++)
    {
      gboolean closing = g_str_equal (lines[i], close);
      char *saved;

      if (!closing && !g_str_equal (lines[i], delimiter))
        continue;
      saved = lines[i];
      lines[i] = NULL;
      if (!add_form_part (parser, request, lines + part_start + 1, i - part_start - 1))
        {
          lines[i] = saved;
          return FALSE;
        }
      lines[i] = saved;
      part_start = i;
      if (closing)
        return lines[i + 1] == NULL;
    }
  return FALSE;
}

/* FormData makes its own Content-Type and boundary: the typed one leaves the request's headers
 * (its line stays in the file, index -1). */
static void
drop_multipart_type (Block *block)
{
  int dropped = -1;

  for (guint i = 0; i < block->parts->len; i++)
    {
      PfHttpPart *part = g_ptr_array_index (block->parts, i);

      if (part->kind != PF_HTTP_PART_HEADER)
        continue;
      if (dropped < 0 && is_multipart (part->key, part->value))
        {
          dropped = part->index;
          part->index = -1;
          g_list_store_remove (G_LIST_STORE (pf_request_get_headers (block->request)), dropped);
        }
      else if (dropped >= 0)
        part->index--;
    }
}

static void
set_body (Block *block,
          const char *body)
{
  PfRequest *request = block->request;
  g_autofree char *path = strchr (body, '\n') ? NULL : file_reference (block->parser, body);

  if (path != NULL)
    {
      pf_request_set_body_kind (request, PF_BODY_FILE);
      pf_request_set_body_file (request, path);
      return;
    }
  if (block->multipart_type && read_multipart (block->parser, request, block->multipart_type, body))
    {
      pf_request_set_body_kind (request, PF_BODY_MULTIPART);
      drop_multipart_type (block);
      return;
    }
  /* Fields cannot say it: the multipart body goes as typed, with its own Content-Type. */
  g_list_store_remove_all (G_LIST_STORE (pf_request_get_fields (request)));
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, body);
}

/* After the blank line: the body up to its last non-blank line (the blank lines before the
 * next “###” are not the body's). */
static void
read_body (Block *block)
{
  Parser *parser = block->parser;
  guint blank = block->next;
  guint first = blank + 1;
  guint last = block->last;
  g_autofree char *body = NULL;

  for (; first < last; first++)
    {
      g_autofree char *text = line_text (parser, line_at (parser, first));

      if (!is_blank (text))
        break;
    }
  for (; last > first; last--)
    {
      g_autofree char *text = line_text (parser, line_at (parser, last - 1));

      if (!is_blank (text))
        break;
    }
  if (last <= first)
    return;
  body = g_strndup (parser->text + line_at (parser, first)->start,
                    line_at (parser, last - 1)->end - line_at (parser, first)->start);
  set_body (block, body);
  g_ptr_array_add (block->parts,
                   part_new (PF_HTTP_PART_BODY,
                             line_raw (parser, line_at (parser, blank), line_at (parser, last - 1)),
                             NULL, NULL, 0));
  block->next = last;
}

static void
block_clear (Block *block)
{
  g_clear_pointer (&block->name, g_free);
  g_clear_object (&block->request);
  g_clear_pointer (&block->parts, g_ptr_array_unref);
  g_clear_pointer (&block->multipart_type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Block, block_clear)

static void
add_entry (Block *block,
           guint request_line)
{
  Parser *parser = block->parser;
  Line *end_line = line_at (parser, block->next - 1);
  gsize block_end = block->last < parser->lines->len
                        ? line_at (parser, block->last)->start
                        : line_at (parser, parser->lines->len - 1)->next;

  /* A body's last line may have no line ending at the end of the file. */
  g_ptr_array_add (parser->entries,
                   _pf_http_file_entry_new (block->name, line_at (parser, request_line)->number,
                                            block->span_start, end_line->next, block->block_start,
                                            block_end, block->request, block->parts));
}

/* The lines [first, last): a “###” line (with its title), then at most one request. */
static gboolean
read_block (Parser *parser,
            guint first,
            guint last,
            GError **error)
{
  g_auto (Block) block = { parser, first, last, line_at (parser, first)->start };
  g_autofree char *head = line_text (parser, line_at (parser, first));
  guint request_line;

  block.request = pf_request_new ();
  block.parts = g_ptr_array_new_with_free_func ((GDestroyNotify) _pf_http_part_free);
  if (is_separator (head))
    {
      block.name = g_strstrip (g_strdup (head + strspn (head, "#")));
      block.next++;
    }
  if (!read_preamble (&block, error))
    return FALSE;
  if (block.next == block.last)
    return TRUE;
  request_line = block.next;
  if (!read_request_line (&block, error) || !read_headers (&block, error))
    return FALSE;
  if (block.next < block.last)
    read_body (&block);
  add_entry (&block, request_line);
  return TRUE;
}

/* The entries of @text, in order; NULL with a syntax error naming the line. File variables
 * (“@name = value”) go into @variables. */
GPtrArray *
_pf_http_file_parse (const char *text,
                     gsize len,
                     GFile *folder,
                     GHashTable *variables,
                     GError **error)
{
  g_autoptr (GArray) lines = split_lines (text, len);
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  Parser parser = { text, lines, folder, variables, entries };
  guint first = 0;

  for (guint i = 1; i <= lines->len; i++)
    {
      if (i < lines->len && !line_is_separator (&parser, line_at (&parser, i)))
        continue;
      if (!read_block (&parser, first, i, error))
        return NULL;
      first = i;
    }
  return g_steal_pointer (&entries);
}
