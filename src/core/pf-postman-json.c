/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-postman"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-postman-private.h"

/* Reading a Postman collection's JSON with the path of the first problem in the error
 * (“$.item[2].request.url: not a string or object”), the report of what does not carry over,
 * and the auth blocks that collections, folders and requests share. */

gboolean
_pf_postman_fail (GError **error,
                  const char *path,
                  const char *what)
{
  /* A place in the file such as “$.item[2].request.url”, then what is wrong there. */
  g_set_error (error, PF_POSTMAN_ERROR, PF_POSTMAN_ERROR_FORMAT, "%s: %s", path, what);
  return FALSE;
}

/* The member @name of @parent; NULL when absent or null, which Postman writes for “none”. */
static JsonNode *
member_of (JsonObject *parent,
           const char *name)
{
  JsonNode *node = parent ? json_object_get_member (parent, name) : NULL;

  return node && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
fail_at (GError **error,
         const char *path,
         const char *name,
         const char *what)
{
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);

  return _pf_postman_fail (error, here, what);
}

/* An optional object: *@out is NULL when it is absent. */
gboolean
_pf_postman_object (JsonObject *parent,
                    const char *path,
                    const char *name,
                    JsonObject **out,
                    GError **error)
{
  JsonNode *node = member_of (parent, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_at (error, path, name, _("not an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
_pf_postman_array (JsonObject *parent,
                   const char *path,
                   const char *name,
                   JsonArray **out,
                   GError **error)
{
  JsonNode *node = member_of (parent, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_at (error, path, name, _("not an array"));
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
_pf_postman_string (JsonObject *parent,
                    const char *path,
                    const char *name,
                    const char **out,
                    GError **error)
{
  JsonNode *node = member_of (parent, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_at (error, path, name, _("not a string"));
  *out = json_node_get_string (node);
  return TRUE;
}

/* A variable's or a field's value: a string, or a number or boolean written as JSON does. */
gboolean
_pf_postman_value (JsonObject *parent,
                   const char *path,
                   const char *name,
                   char **out,
                   GError **error)
{
  JsonNode *node = member_of (parent, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fail_at (error, path, name, _("not a string, number or boolean"));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    *out = g_strdup (json_node_get_string (node));
  else
    *out = json_to_string (node, FALSE);
  return TRUE;
}

/* Element @index of @array, which must be an object; its path in *@element_path. */
gboolean
_pf_postman_element (JsonArray *array,
                     guint index,
                     const char *path,
                     JsonObject **out,
                     char **element_path,
                     GError **error)
{
  JsonNode *node = json_array_get_element (array, index);

  *element_path = g_strdup_printf ("%s[%u]", path, index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _pf_postman_fail (error, *element_path, _("not an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
_pf_postman_is_disabled (JsonObject *object)
{
  JsonNode *node = member_of (object, "disabled");

  return node && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* One line of the report: the item's place, then what did not carry over. */
void
_pf_postman_note (PfPostmanPlace *place,
                  const char *format,
                  ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (place->report, g_strdup_printf ("%s: %s", place->where, what));
}

static void
note_event (PfPostmanPlace *place,
            const char *listen)
{
  if (g_strcmp0 (listen, "prerequest") == 0)
    _pf_postman_note (place, "%s", _("pre-request script not imported"));
  else if (g_strcmp0 (listen, "test") == 0)
    _pf_postman_note (place, "%s", _("test script not imported"));
  else
    /* Translators: %s is the event a Postman script runs on */
    _pf_postman_note (place, _("script for “%s” not imported"), listen ? listen : "");
}

/* What a collection, a folder or a request may hold that a .http file cannot: scripts,
 * Postman's protocol settings, descriptions. */
gboolean
_pf_postman_note_extras (PfPostmanPlace *place,
                         JsonObject *object,
                         const char *path,
                         GError **error)
{
  g_autofree char *events_path = g_strdup_printf ("%s.event", path);
  JsonArray *events = NULL;

  if (!_pf_postman_array (object, path, "event", &events, error))
    return FALSE;
  for (guint i = 0; events && i < json_array_get_length (events); i++)
    {
      g_autofree char *here = NULL;
      JsonObject *event;
      const char *listen;

      if (!_pf_postman_element (events, i, events_path, &event, &here, error) ||
          !_pf_postman_string (event, here, "listen", &listen, error))
        return FALSE;
      note_event (place, listen);
    }
  if (member_of (object, "protocolProfileBehavior"))
    _pf_postman_note (place, "%s", _("protocol settings (protocolProfileBehavior) not imported"));
  if (member_of (object, "description"))
    _pf_postman_note (place, "%s", _("description not imported"));
  return TRUE;
}

void
_pf_postman_auth_free (PfPostmanAuth *auth)
{
  g_free (auth->type);
  g_free (auth->header);
  g_free (auth->note);
  g_free (auth);
}
