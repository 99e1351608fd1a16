/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-har"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pf-har-entry.h"
#include "pf-http-syntax.h"
#include "pf-mime.h"

/* An entry of a HAR file saved by a browser's network panel (Chromium, Firefox, or Preflight):
 * what was recorded (status, error, timing) and the request to send again. The request keeps
 * what a page could set; the headers the browser set itself (Host, Cookie, Origin, Sec-*, the
 * HTTP/2 pseudo-headers) are left out, each named in the notes. An Origin header becomes the
 * request's page origin, so that sending it again runs under CORS as the browser did, and a
 * Cookie header on such a request makes its credentials mode "include". A file is read whole
 * or not at all: the first problem is reported with its JSON path. */

struct _PfHarEntry
{
  GObject parent_instance;

  PfRequest *request;
  char *method;
  char *url;
  char *origin;
  guint status;
  char *status_text;
  char *error;
  char *started;
  double time_ms;
  GPtrArray *notes; /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (PfHarEntry, pf_har_entry, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_METHOD,
  PROP_URL,
  PROP_ORIGIN,
  PROP_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (pf - har - error - quark, pf_har_error)

static void
pf_har_entry_finalize (GObject *object)
{
  PfHarEntry *self = PF_HAR_ENTRY (object);

  g_clear_object (&self->request);
  g_free (self->method);
  g_free (self->url);
  g_free (self->origin);
  g_free (self->status_text);
  g_free (self->error);
  g_free (self->started);
  g_ptr_array_unref (self->notes);
  G_OBJECT_CLASS (pf_har_entry_parent_class)->finalize (object);
}

static void
pf_har_entry_get_property (GObject *object,
                           guint prop_id,
                           GValue *value,
                           GParamSpec *pspec)
{
  PfHarEntry *self = PF_HAR_ENTRY (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_OUTCOME:
      g_value_take_string (value, pf_har_entry_dup_outcome (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_har_entry_class_init (PfHarEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pf_har_entry_finalize;
  object_class->get_property = pf_har_entry_get_property;
  properties[PROP_METHOD] = g_param_spec_string ("method", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_ORIGIN] = g_param_spec_string ("origin", NULL, NULL, NULL, flags);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_har_entry_init (PfHarEntry *self)
{
  self->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->notes, NULL);
}

static void
add_note (PfHarEntry *self,
          char *note)
{
  g_ptr_array_insert (self->notes, self->notes->len - 1, note);
}

/* Reading with JSON paths in the errors */

static gboolean
format_error (GError **error,
              const char *path,
              const char *what)
{
  /* A place in the file such as “$.log.entries[2].request.url”, then what is wrong there. */
  g_set_error (error, PF_HAR_ERROR, PF_HAR_ERROR_FORMAT, "%s: %s", path, what);
  return FALSE;
}

static JsonNode *
member_of (JsonObject *object,
           const char *name)
{
  return object != NULL && json_object_has_member (object, name)
             ? json_object_get_member (object, name)
             : NULL;
}

static JsonObject *
object_at (JsonObject *parent,
           const char *path,
           const char *name,
           GError **error)
{
  JsonNode *node = member_of (parent, name);
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      format_error (error, here, node ? _ ("not an object") : _ ("missing"));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
array_at (JsonObject *parent,
          const char *path,
          const char *name,
          gboolean optional,
          GError **error)
{
  JsonNode *node = member_of (parent, name);
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);

  if (node == NULL && optional)
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      format_error (error, here, node ? _ ("not an array") : _ ("missing"));
      return NULL;
    }
  return json_node_get_array (node);
}

/* The string at @name, or NULL with @error set (an absent optional one is "" without error). */
static const char *
string_at (JsonObject *parent,
           const char *path,
           const char *name,
           gboolean optional,
           GError **error)
{
  JsonNode *node = member_of (parent, name);
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);

  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && optional)
    return "";
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      format_error (error, here, node ? _ ("not a string") : _ ("missing"));
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
number_at (JsonObject *parent,
           const char *path,
           const char *name,
           double *out,
           GError **error)
{
  JsonNode *node = member_of (parent, name);
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);
  GType type = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : 0;

  *out = 0;
  if (node == NULL)
    return TRUE;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return format_error (error, here, _ ("not a number"));
  *out = json_node_get_double (node);
  return TRUE;
}

/* The request */

/* Whether a header @name of a recorded request is left out, and why (NULL: kept). */
static const char *
left_out_because (const char *name,
                  const char *value)
{
  if (name[0] == ':')
    return _ ("an HTTP/2 pseudo-header; the URL and method say it");
  return pf_http_forbidden_header_reason (name, value);
}

static gboolean
read_header (PfHarEntry *self,
             JsonObject *header,
             const char *path,
             gboolean *had_cookie,
             GError **error)
{
  const char *name = string_at (header, path, "name", FALSE, error);
  const char *value = name ? string_at (header, path, "value", FALSE, error) : NULL;
  const char *why;

  if (value == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "Origin") == 0 && g_strcmp0 (value, "null") != 0)
    {
      g_free (self->origin);
      self->origin = g_strdup (value);
    }
  if (g_ascii_strcasecmp (name, "Cookie") == 0)
    *had_cookie = TRUE;
  why = left_out_because (name, value);
  if (self->origin != NULL && g_ascii_strcasecmp (name, "Origin") == 0)
    /* Translators: %s is an origin such as http://app.example */
    add_note (self, g_strdup_printf (_ ("Sent again from the page origin %s, under CORS"), value));
  else if (why != NULL)
    /* Translators: %s is a header name, then why it is not in the imported request */
    add_note (self, g_strdup_printf (_ ("%s is left out: %s"), name, why));
  else
    pf_request_add_header (self->request, name, value);
  return TRUE;
}

static gboolean
read_headers (PfHarEntry *self,
              JsonObject *request,
              const char *path,
              GError **error)
{
  JsonArray *headers = array_at (request, path, "headers", FALSE, error);
  gboolean had_cookie = FALSE;

  if (headers == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      g_autofree char *here = g_strdup_printf ("%s.headers[%u]", path, i);
      JsonNode *node = json_array_get_element (headers, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return format_error (error, here, _ ("not an object"));
      if (!read_header (self, json_node_get_object (node), here, &had_cookie, error))
        return FALSE;
    }
  if (self->origin != NULL)
    {
      pf_request_set_origin (self->request, self->origin);
      if (had_cookie)
        pf_request_set_credentials (self->request, PF_CREDENTIALS_INCLUDE);
    }
  return TRUE;
}

/* HAR 1.2 makes postData's "text" and "params" exclusive: a form saved as "params" alone is
 * sent again as those fields, url-encoded. */
static gboolean
read_params (PfHarEntry *self,
             JsonObject *post,
             const char *path,
             GError **error)
{
  JsonArray *params = array_at (post, path, "params", FALSE, error);

  if (params == NULL)
    return FALSE;
  pf_request_set_body_kind (self->request, PF_BODY_URLENCODED);
  for (guint i = 0; i < json_array_get_length (params); i++)
    {
      g_autofree char *here = g_strdup_printf ("%s.params[%u]", path, i);
      JsonNode *node = json_array_get_element (params, i);
      const char *name, *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return format_error (error, here, _ ("not an object"));
      if ((name = string_at (json_node_get_object (node), here, "name", FALSE, error)) == NULL ||
          (value = string_at (json_node_get_object (node), here, "value", TRUE, error)) == NULL)
        return FALSE;
      pf_request_add_field (self->request, name, value);
    }
  return TRUE;
}

static gboolean
read_post_data (PfHarEntry *self,
                JsonObject *request,
                const char *path,
                GError **error)
{
  JsonNode *node = member_of (request, "postData");
  g_autofree char *here = g_strdup_printf ("%s.postData", path);
  JsonObject *post;
  const char *mime, *text;
  g_autofree char *essence = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return format_error (error, here, _ ("not an object"));
  post = json_node_get_object (node);
  if ((mime = string_at (post, here, "mimeType", TRUE, error)) == NULL ||
      (text = string_at (post, here, "text", TRUE, error)) == NULL)
    return FALSE;
  essence = pf_mime_essence (mime);
  if (*text == '\0' && json_object_has_member (post, "params") &&
      g_strcmp0 (essence, "application/x-www-form-urlencoded") == 0)
    return read_params (self, post, here, error);
  /* The body as it was sent, multipart boundaries included, under its own Content-Type. */
  pf_request_set_body_kind (self->request, PF_BODY_RAW);
  pf_request_set_body_text (self->request, text);
  pf_request_set_body_content_type (self->request, mime);
  if (*text == '\0' && json_object_has_member (post, "params"))
    add_note (self, g_strdup (_ ("The form’s files were not saved in the HAR file: its body is empty")));
  return TRUE;
}

static gboolean
read_request (PfHarEntry *self,
              JsonObject *entry,
              const char *path,
              GError **error)
{
  g_autofree char *here = g_strdup_printf ("%s.request", path);
  JsonObject *request = object_at (entry, path, "request", error);
  const char *method, *url;

  if (request == NULL || (method = string_at (request, here, "method", FALSE, error)) == NULL ||
      (url = string_at (request, here, "url", FALSE, error)) == NULL)
    return FALSE;
  self->method = g_strdup (method);
  self->url = g_strdup (url);
  pf_request_set_method (self->request, method);
  pf_request_set_url (self->request, url);
  return read_headers (self, request, here, error) && read_post_data (self, request, here, error);
}

static gboolean
read_response (PfHarEntry *self,
               JsonObject *entry,
               const char *path,
               GError **error)
{
  g_autofree char *here = g_strdup_printf ("%s.response", path);
  JsonObject *response = object_at (entry, path, "response", error);
  const char *status_text, *failure;
  double status = 0;

  if (response == NULL || !number_at (response, here, "status", &status, error) ||
      (status_text = string_at (response, here, "statusText", TRUE, error)) == NULL)
    return FALSE;
  if (status < 0 || status > 999)
    return format_error (error, here, _ ("the status is not an HTTP status"));
  self->status = (guint) status;
  self->status_text = g_strdup (status_text);
  /* Chromium's "_error" (net::ERR_FAILED for a CORS failure) on the response or the entry. */
  failure = string_at (response, here, "_error", TRUE, NULL);
  if (failure == NULL || *failure == '\0')
    failure = string_at (entry, path, "_error", TRUE, NULL);
  self->error = failure && *failure ? g_strdup (failure) : NULL;
  return TRUE;
}

static PfHarEntry *
read_entry (JsonNode *node,
            const char *path,
            GError **error)
{
  g_autoptr (PfHarEntry) self = g_object_new (PF_TYPE_HAR_ENTRY, NULL);
  JsonObject *entry;
  const char *started;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      format_error (error, path, _ ("not an object"));
      return NULL;
    }
  entry = json_node_get_object (node);
  self->request = pf_request_new ();
  if ((started = string_at (entry, path, "startedDateTime", TRUE, error)) == NULL ||
      !number_at (entry, path, "time", &self->time_ms, error) ||
      !read_request (self, entry, path, error) || !read_response (self, entry, path, error))
    return NULL;
  self->started = g_strdup (started);
  return g_steal_pointer (&self);
}

/* The entries of the HAR file in @data, or NULL and @error (PF_HAR_ERROR) naming the first
 * problem: its line and column when it is not JSON, its JSON path when it is not a HAR log. */
GListModel *
pf_har_entry_list_new_from_data (const char *data,
                                 gsize length,
                                 GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GListStore) entries = g_list_store_new (PF_TYPE_HAR_ENTRY);
  g_autoptr (GError) syntax = NULL;
  JsonNode *root;
  JsonObject *log;
  JsonArray *list;

  g_return_val_if_fail (data != NULL, NULL);
  if (!json_parser_load_from_data (parser, data, length, &syntax))
    {
      /* Translators: %s is the JSON parser's message, with the line and column */
      g_set_error (error, PF_HAR_ERROR, PF_HAR_ERROR_SYNTAX, _ ("Not a HAR file: %s"),
                   syntax->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PF_HAR_ERROR, PF_HAR_ERROR_FORMAT, _ ("Not a HAR file: no “log” object"));
      return NULL;
    }
  if ((log = object_at (json_node_get_object (root), "$", "log", error)) == NULL ||
      (list = array_at (log, "$.log", "entries", FALSE, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.log.entries[%u]", i);
      g_autoptr (PfHarEntry) entry = read_entry (json_array_get_element (list, i), path, error);

      if (entry == NULL)
        return NULL;
      g_list_store_append (entries, entry);
    }
  return G_LIST_MODEL (g_steal_pointer (&entries));
}

/* The request to send again: the page origin from its Origin header, the headers a page may set. */
PfRequest *
pf_har_entry_get_request (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  return self->request;
}

const char *
pf_har_entry_get_method (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  return self->method;
}

const char *
pf_har_entry_get_url (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  return self->url;
}

/* The Origin the browser sent (NULL when none: a same-origin GET, or a navigation). */
const char *
pf_har_entry_get_origin (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  return self->origin;
}

/* The recorded status: 0 when the browser got no response it let the page see. */
guint
pf_har_entry_get_status (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), 0);
  return self->status;
}

const char *
pf_har_entry_get_status_text (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  return self->status_text;
}

/* The browser's error for this entry (Chromium's "_error", e.g. net::ERR_FAILED), or NULL. */
const char *
pf_har_entry_get_error (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  return self->error;
}

const char *
pf_har_entry_get_started (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  return self->started;
}

double
pf_har_entry_get_time_ms (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), 0);
  return self->time_ms;
}

/* Whether the browser recorded a failure: status 0 or an error. A cross-origin one (it has an
 * origin) is what to send again under CORS, to see the rule that blocked it. */
gboolean
pf_har_entry_get_failed (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), FALSE);
  return self->status == 0 || self->error != NULL;
}

/* What the request to send again leaves out of the recorded one, in words. */
const char *const *
pf_har_entry_get_notes (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  return (const char *const *) self->notes->pdata;
}

/* What the browser recorded, in words: "200 OK", or "0 · net::ERR_FAILED" for a failure. */
char *
pf_har_entry_dup_outcome (PfHarEntry *self)
{
  g_return_val_if_fail (PF_IS_HAR_ENTRY (self), NULL);
  if (self->error != NULL)
    return g_strdup_printf ("%u · %s", self->status, self->error);
  if (self->status == 0)
    /* Translators: a HAR entry with status 0 and no error: the browser got no response */
    return g_strdup (_ ("0 · no response"));
  return g_strdup_printf ("%u %s", self->status,
                          *self->status_text ? self->status_text
                                             : soup_status_get_phrase (self->status));
}
