/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-curl-command"

#include "config.h"

#include "pf-curl-command-private.h"
#include "pf-key-value.h"
#include "pf-request-body.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* curl -F as its manual describes it: "name=content", where content is text, "@file" (a
 * file part), or "<file" (a text part read from a file); a value in double quotes may hold
 * ";" and escapes \" and \\; after it ";type=…" and ";filename=…" (applied to a file part; a
 * page's FormData sends a text part without either). --form-string takes the text as it is. */

typedef struct
{
  char *value;
  char *type;
  char *filename;
} FormPart;

static void
form_part_clear (FormPart *part)
{
  g_free (part->value);
  g_free (part->type);
  g_free (part->filename);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FormPart, form_part_clear)

/* A word up to ";" or the end; in double quotes, up to the closing quote. */
static char *
read_form_word (const char **p)
{
  GString *out = g_string_new (NULL);

  if (**p != '"')
    {
      gsize len = strcspn (*p, ";");

      g_string_append_len (out, *p, len);
      *p += len;
      return g_string_free (out, FALSE);
    }
  for ((*p)++; **p != '\0' && **p != '"'; (*p)++)
    {
      if (**p == '\\' && ((*p)[1] == '"' || (*p)[1] == '\\'))
        (*p)++;
      g_string_append_c (out, **p);
    }
  if (**p == '"')
    (*p)++;
  *p += strcspn (*p, ";");
  return g_string_free (out, FALSE);
}

static void
read_parameter (const char **p,
                gsize name_len,
                char **slot)
{
  *p += name_len;
  g_free (*slot);
  *slot = read_form_word (p);
}

static void
read_form_part (PfCurlParse *parse,
                const char *text,
                const char *name,
                FormPart *part)
{
  const char *p = text;

  part->value = read_form_word (&p);
  while (*p == ';')
    {
      for (p++; *p == ' '; p++)
        ;
      if (g_str_has_prefix (p, "type="))
        read_parameter (&p, 5, &part->type);
      else if (g_str_has_prefix (p, "filename="))
        read_parameter (&p, 9, &part->filename);
      else
        {
          g_autofree char *word = read_form_word (&p);

          /* Translators: the first %s is a parameter such as headers=…, the second a name */
          _pf_curl_note (parse, _ ("“;%s” in form field “%s” is not applied"), word, name);
        }
    }
}

/* ";type=" and ";filename=" of a file part, as a page's FormData.append (name, blob, filename)
 * with a Blob of that type sends them; kept only where they differ from the file's own name
 * and the type that name gives, which the part has anyway. */
static gboolean
add_file_part (PfCurlParse *parse,
               const char *name,
               FormPart *part,
               guint offset,
               GError **error)
{
  g_autofree char *basename = g_path_get_basename (part->value);
  /* curl, as the part is sent, guesses the type from the name the part goes with. */
  g_autofree char *guessed =
      pf_request_body_guess_type (part->filename != NULL ? part->filename : basename);
  PfKeyValue *field;

  /* The type is a header value: no control character may reach the multipart head. */
  for (const char *p = part->type; p != NULL && *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_INVALID_VALUE,
                     _ ("Form field “%s” at character %u: %s"), name, offset,
                     _ ("its type holds a control character"));
        return FALSE;
      }
  field = pf_request_add_file_field (parse->request, name, part->value);
  if (part->type != NULL && g_ascii_strcasecmp (part->type, guessed) != 0)
    pf_key_value_set_content_type (field, part->type);
  if (part->filename != NULL && g_strcmp0 (part->filename, basename) != 0)
    pf_key_value_set_file_name (field, part->filename);
  return TRUE;
}

static void
note_text_part (PfCurlParse *parse,
                const char *name,
                FormPart *part)
{
  if (part->type != NULL)
    _pf_curl_note (parse,
                   /* Translators: the first %s is a MIME type, the second a field name */
                   _ ("The type “%s” of form field “%s” is not applied: Preflight sends text "
                      "fields without a type"),
                   part->type, name);
  if (part->filename != NULL)
    _pf_curl_note (parse, _ ("The file name “%s” of form field “%s” is not applied"),
                   part->filename, name);
}

static gboolean
add_text_from_file (PfCurlParse *parse,
                    const char *name,
                    FormPart *part,
                    guint offset,
                    GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (part->value, &contents, &len, &local) ||
      memchr (contents, '\0', len) != NULL)
    {
      g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_FILE,
                   /* Translators: %s is a field name, %u a character position */
                   _ ("Form field “%s” at character %u: %s"), name, offset,
                   local ? local->message : _ ("the file holds a NUL byte"));
      return FALSE;
    }
  pf_request_add_field (parse->request, name, contents);
  return TRUE;
}

/* @flag is "--form" or "--form-string". */
gboolean
_pf_curl_add_form (PfCurlParse *parse,
                   const char *flag,
                   const char *value,
                   guint offset,
                   GError **error)
{
  const char *equals = strchr (value, '=');
  g_autofree char *name = NULL;
  g_auto (FormPart) part = { NULL };

  if (equals == NULL)
    {
      g_set_error (error, PF_CURL_COMMAND_ERROR, PF_CURL_COMMAND_ERROR_INVALID_VALUE,
                   /* Translators: %s is what follows -F, %u a character position */
                   _ ("The form field “%s” at character %u has no “=”: write it as name=value"),
                   value, offset);
      return FALSE;
    }
  parse->form = TRUE;
  name = g_strndup (value, equals - value);
  if (g_str_equal (flag, "--form-string"))
    {
      pf_request_add_field (parse->request, name, equals + 1);
      return TRUE;
    }
  read_form_part (parse, equals[1] == '@' || equals[1] == '<' ? equals + 2 : equals + 1, name,
                  &part);
  if (equals[1] == '<')
    {
      note_text_part (parse, name, &part);
      return add_text_from_file (parse, name, &part, offset, error);
    }
  if (equals[1] != '@')
    {
      note_text_part (parse, name, &part);
      pf_request_add_field (parse->request, name, part.value);
      return TRUE;
    }
  if (!_pf_curl_check_readable (part.value, flag, offset, error))
    return FALSE;
  return add_file_part (parse, name, &part, offset, error);
}
