/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-request-expand.h"

/* {{name}} filled in from an environment, as the JetBrains HTTP client and VS Code REST
 * Client do, plus their built-ins {{$uuid}}, {{$timestamp}}, {{$isoTimestamp}} and
 * {{$randomInt}}. An unknown name is an error: a request never goes out with “{{token}}” in
 * it. */

static char *
builtin_value (const char *name)
{
  g_autoptr (GDateTime) now = NULL;

  if (g_str_equal (name, "$uuid") || g_str_equal (name, "$random.uuid"))
    return g_uuid_string_random ();
  if (g_str_equal (name, "$timestamp"))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  if (g_str_equal (name, "$isoTimestamp"))
    {
      now = g_date_time_new_now_utc ();
      return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    }
  /* JetBrains: a random integer from 0 to 1000. */
  if (g_str_equal (name, "$randomInt"))
    return g_strdup_printf ("%d", g_random_int_range (0, 1001));
  return NULL;
}

/* The value of @name; a secret one is added to @secrets (when given), once. */
static char *
lookup (const char       *name,
        PfVariableSource *variables,
        GPtrArray        *secrets)
{
  char *value;

  if (name[0] == '$')
    return builtin_value (name);
  value = variables ? pf_variable_source_lookup (variables, name) : NULL;
  if (value != NULL && *value != '\0' && secrets != NULL &&
      pf_variable_source_is_secret (variables, name) &&
      !g_ptr_array_find_with_equal_func (secrets, value, g_str_equal, NULL))
    g_ptr_array_add (secrets, g_strdup (value));
  return value;
}

static int
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  gsize la = strlen (*(const char **) a), lb = strlen (*(const char **) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

static char *
expand (const char       *text,
        PfVariableSource *variables,
        GPtrArray        *secrets,
        const char      **unknown_start,
        gsize            *unknown_len)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *p = text;
  const char *open;

  g_return_val_if_fail (text != NULL, NULL);
  while ((open = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (open + 2, "}}");
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (close == NULL)
        break;
      name = g_strstrip (g_strndup (open + 2, close - open - 2));
      value = lookup (name, variables, secrets);
      if (value == NULL)
        {
          *unknown_start = open;
          *unknown_len = close + 2 - open;
          return NULL;
        }
      g_string_append_len (out, p, open - p);
      g_string_append (out, value);
      p = close + 2;
    }
  g_string_append (out, p);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @text with each {{name}} replaced; NULL when a name is unknown, with @unknown_start and
 * @unknown_len set to the “{{name}}” in @text. A “{{” without “}}” stays as it is. */
char *
pf_variables_expand (const char       *text,
                     PfVariableSource *variables,
                     const char      **unknown_start,
                     gsize            *unknown_len)
{
  return expand (text, variables, NULL, unknown_start, unknown_len);
}

/* @text with each of @secrets (values of secret variables) replaced by
 * PF_VARIABLES_MASK, longest first, so a secret that contains another is masked whole. */
char *
pf_variables_mask (const char        *text,
                   const char *const *secrets)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr (GString) out = NULL;

  if (text == NULL)
    return NULL;
  out = g_string_new (text);
  for (guint i = 0; secrets != NULL && secrets[i] != NULL; i++)
    if (*secrets[i] != '\0')
      g_ptr_array_add (sorted, (gpointer) secrets[i]);
  g_ptr_array_sort (sorted, compare_longest_first);
  for (guint i = 0; i < sorted->len; i++)
    g_string_replace (out, sorted->pdata[i], PF_VARIABLES_MASK, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Expands @slot in place; on an unknown variable, says which and where. */
static gboolean
expand_text (char            **slot,
             PfVariableSource *variables,
             GPtrArray        *secrets,
             const char       *where,
             GError          **error)
{
  const char *start = NULL;
  gsize len = 0;
  char *value = expand (*slot, variables, secrets, &start, &len);
  g_autofree char *name = NULL;

  if (value != NULL)
    {
      g_free (*slot);
      *slot = value;
      return TRUE;
    }
  name = g_strndup (start, len);
  /* Translators: the first %s is “{{name}}”, the second says where it is, such as
   * “in the URL” or “in header “Authorization””; %ld counts characters from 1 */
  g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_UNKNOWN_VARIABLE,
               _("Unknown variable %s %s, at character %ld"), name, where,
               g_utf8_pointer_to_offset (*slot, start) + 1);
  return FALSE;
}

/* The JetBrains HTTP client's "Authorization: Basic USER PASSWORD" (what a .http file or an
 * imported Postman collection writes when the credentials are {{variables}}): sent as Basic
 * with base64 ("USER:PASSWORD"), as that client sends it. A value that held a secret makes
 * its encoded form a secret too. */
static void
encode_basic_credentials (const char *name,
                          char      **value,
                          GPtrArray  *secrets)
{
  const char *rest;
  const char *space;
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  gboolean secret = FALSE;

  if (g_ascii_strcasecmp (name, "Authorization") != 0 ||
      g_ascii_strncasecmp (*value, "Basic ", 6) != 0)
    return;
  rest = *value + 6;
  while (*rest == ' ')
    rest++;
  if ((space = strchr (rest, ' ')) == NULL || space == rest)
    return;
  pair = g_strdup_printf ("%.*s:%s", (int) (space - rest), rest, space + 1);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  for (guint i = 0; secrets != NULL && i < secrets->len; i++)
    secret = secret || strstr (*value, secrets->pdata[i]) != NULL;
  if (secret)
    g_ptr_array_add (secrets, g_strdup (encoded));
  g_free (*value);
  *value = g_strconcat ("Basic ", encoded, NULL);
}

static gboolean
expand_rows (GListModel       *rows,
             PfVariableSource *variables,
             GPtrArray        *secrets,
             gboolean          headers,
             GError          **error)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);
      g_autofree char *name = g_strdup (pf_key_value_get_name (row));
      g_autofree char *value = g_strdup (pf_key_value_get_value (row));
      g_autofree char *where = NULL;

      if (!pf_key_value_get_enabled (row))
        continue;
      /* Translators: %s is a header or form field name */
      where = g_strdup_printf (headers ? _("in header “%s”") : _("in form field “%s”"), name);
      if (!expand_text (&name, variables, secrets, where, error) ||
          !expand_text (&value, variables, secrets, where, error))
        return FALSE;
      if (headers)
        encode_basic_credentials (name, &value, secrets);
      pf_key_value_set_name (row, name);
      pf_key_value_set_value (row, value);
    }
  return TRUE;
}

static gboolean
expand_property (PfRequest        *request,
                 const char       *property,
                 PfVariableSource *variables,
                 GPtrArray        *secrets,
                 const char       *where,
                 GError          **error)
{
  g_autofree char *text = NULL;

  g_object_get (request, property, &text, NULL);
  if (!expand_text (&text, variables, secrets, where, error))
    return FALSE;
  g_object_set (request, property, text, NULL);
  return TRUE;
}

static PfRequest *
expand_copy (PfRequest        *request,
             PfVariableSource *variables,
             GPtrArray        *secrets,
             GError          **error)
{
  g_autoptr (PfRequest) copy = pf_request_copy (request);
  GListModel *headers = pf_request_get_headers (copy);
  GListModel *fields = pf_request_get_fields (copy);

  if (!expand_property (copy, "url", variables, secrets, _("in the URL"), error) ||
      !expand_rows (headers, variables, secrets, TRUE, error) ||
      !expand_property (copy, "body-text", variables, secrets, _("in the body"), error) ||
      !expand_rows (fields, variables, secrets, FALSE, error) ||
      !expand_property (copy, "body-file", variables, secrets, _("in the body file’s path"),
                        error) ||
      !expand_property (copy, "origin", variables, secrets, _("in the origin"), error))
    return NULL;
  return g_steal_pointer (&copy);
}

/* @request with every {{name}} filled in from @variables (NULL: built-ins only): URL (and so
 * its query table), headers, body text, form fields, body file path, origin. A request with
 * nothing to fill in comes back as itself, with a new reference (preflight-cli run sends a
 * file's requests as they are): read the result, copy it to change it. NULL with
 * PF_REQUEST_ERROR_UNKNOWN_VARIABLE naming the first unknown one and where it is. */
PfRequest *
pf_request_expand (PfRequest        *request,
                   PfVariableSource *variables,
                   GError          **error)
{
  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  g_return_val_if_fail (variables == NULL || PF_IS_VARIABLE_SOURCE (variables), NULL);

  /* Without a “{{”, expanding would change nothing. */
  if (!pf_request_mentions (request, "{{"))
    return g_object_ref (request);
  return expand_copy (request, variables, NULL, error);
}

/* As pf_request_expand (), but always a copy (what the window sends stays as it was while
 * the user edits the tab's request), and @secrets_used (when given) gets the values of the
 * secret variables it used, for pf_variables_mask () and pf_exchange_set_secrets (). */
PfRequest *
pf_request_expand_full (PfRequest        *request,
                        PfVariableSource *variables,
                        GStrv            *secrets_used,
                        GError          **error)
{
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  PfRequest *copy;

  g_return_val_if_fail (PF_IS_REQUEST (request), NULL);
  g_return_val_if_fail (variables == NULL || PF_IS_VARIABLE_SOURCE (variables), NULL);

  copy = pf_request_mentions (request, "{{") ? expand_copy (request, variables, secrets, error)
                                 : pf_request_copy (request);
  if (copy != NULL && secrets_used != NULL)
    {
      g_ptr_array_add (secrets, NULL);
      *secrets_used = (GStrv) g_ptr_array_steal (secrets, NULL);
    }
  return copy;
}
