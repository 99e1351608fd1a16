/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-body"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pf-request-body.h"

/* The bytes send () would transmit, extracted as XHR extracts a body: the default
 * Content-Type for each kind, files read before anything is sent (so a missing file is
 * the user's error, not a network error). A file body stays a stream, never loaded whole. */
struct _PfRequestBody
{
  GObject parent_instance;

  gboolean is_null;
  char *content_type;
  guint64 length;
  GBytes *bytes;
  GInputStream *stream;
};

G_DEFINE_FINAL_TYPE (PfRequestBody, pf_request_body, G_TYPE_OBJECT)

typedef struct
{
  PfRequest *request;
  PfRequestBody *body;
  SoupMultipart *multipart;
  GFile *file;
  guint next_field;
} LoadState;

static void
load_state_free (LoadState *state)
{
  g_clear_object (&state->request);
  g_clear_object (&state->body);
  g_clear_pointer (&state->multipart, soup_multipart_free);
  g_clear_object (&state->file);
  g_free (state);
}

static void
pf_request_body_finalize (GObject *object)
{
  PfRequestBody *self = PF_REQUEST_BODY (object);

  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->stream);

  G_OBJECT_CLASS (pf_request_body_parent_class)->finalize (object);
}

static void
pf_request_body_class_init (PfRequestBodyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_request_body_finalize;
}

static void
pf_request_body_init (PfRequestBody *self)
{
  self->is_null = TRUE;
}

static void
set_bytes (PfRequestBody *self,
           const char *content_type,
           GBytes *bytes)
{
  self->is_null = FALSE;
  self->content_type = g_strdup (content_type);
  self->bytes = bytes;
  self->length = g_bytes_get_size (bytes);
}

static void
return_file_error (GTask *task,
                   GFile *file,
                   GError *error)
{
  g_autofree char *path = g_file_get_parse_name (file);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Translators: the first %s is a file path, the second the system's reason */
  g_task_return_new_error (task, PF_REQUEST_ERROR, PF_REQUEST_ERROR_BODY_FILE,
                           _ ("Could not read “%s”: %s"), path, error->message);
  g_error_free (error);
}

/* The type a file part or a file body is sent with: guessed from the file's name. */
char *
pf_request_body_guess_type (const char *path)
{
  gboolean uncertain = FALSE;
  g_autofree char *type = g_content_type_guess (path, NULL, 0, &uncertain);
  char *mime = uncertain ? NULL : g_content_type_get_mime_type (type);

  return mime ? mime : g_strdup ("application/octet-stream");
}

static void load_next_field (GTask *task);

/* HTML's multipart/form-data encoding: every line break in a string value is sent as CRLF (a
 * lone LF or CR becomes CRLF), as browsers send FormData. */
char *
pf_request_body_crlf (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        p++;
      if (*p == '\r' || *p == '\n')
        g_string_append (out, "\r\n");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* An entry's name the same way, then CR, LF and " escaped as %0D, %0A and %22: it goes in a
 * quoted header parameter. */
static char *
multipart_name (const char *name)
{
  g_autofree char *crlf = pf_request_body_crlf (name);
  GString *out = g_string_sized_new (strlen (crlf) + 8);

  for (const char *p = crlf; *p; p++)
    if (*p == '\r')
      g_string_append (out, "%0D");
    else if (*p == '\n')
      g_string_append (out, "%0A");
    else if (*p == '"')
      g_string_append (out, "%22");
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
field_loaded_cb (GObject *object,
                 GAsyncResult *result,
                 gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LoadState *state = g_task_get_task_data (task);
  g_autoptr (PfKeyValue) row = g_list_model_get_item (pf_request_get_fields (state->request),
                                                      state->next_field - 1);
  g_autofree char *data = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *type = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;
  gsize size = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &data, &size, NULL, &error))
    {
      return_file_error (task, G_FILE (object), error);
      return;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  /* FormData.append (name, blob, filename), the Blob of the row's type when it has one. */
  basename = *pf_key_value_get_file_name (row) != '\0'
                 ? g_strdup (pf_key_value_get_file_name (row))
                 : g_file_get_basename (G_FILE (object));
  type = *pf_key_value_get_content_type (row) != '\0' &&
                 strpbrk (pf_key_value_get_content_type (row), "\r\n") == NULL
             ? g_strdup (pf_key_value_get_content_type (row))
             : pf_request_body_guess_type (basename);
  name = multipart_name (pf_key_value_get_name (row));
  /* HTML: a filename's line breaks and quotes are escaped as a name's are. */
  filename = multipart_name (basename);
  soup_multipart_append_form_file (state->multipart, name, filename, type, bytes);
  load_next_field (g_steal_pointer (&task));
}

static void
finish_multipart (GTask *task)
{
  LoadState *state = g_task_get_task_data (task);
  g_autoptr (SoupMessageHeaders) headers =
      soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  GBytes *bytes = NULL;

  soup_multipart_to_message (state->multipart, headers, &bytes);
  set_bytes (state->body, soup_message_headers_get_one (headers, "Content-Type"), bytes);
  g_task_return_pointer (task, g_object_ref (state->body), g_object_unref);
  g_object_unref (task);
}

/* Walks the FormData fields in order; file parts are read asynchronously. */
static void
load_next_field (GTask *task)
{
  LoadState *state = g_task_get_task_data (task);
  GListModel *fields = pf_request_get_fields (state->request);

  while (state->next_field < g_list_model_get_n_items (fields))
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, state->next_field++);
      g_autoptr (GFile) file = NULL;

      if (!pf_key_value_get_enabled (row))
        continue;
      if (!pf_key_value_get_is_file (row))
        {
          g_autofree char *name = multipart_name (pf_key_value_get_name (row));
          g_autofree char *value = pf_request_body_crlf (pf_key_value_get_value (row));

          soup_multipart_append_form_string (state->multipart, name, value);
          continue;
        }
      file = g_file_new_for_commandline_arg (pf_key_value_get_value (row));
      g_file_load_contents_async (file, g_task_get_cancellable (task), field_loaded_cb, task);
      return;
    }
  finish_multipart (task);
}

static void
file_info_cb (GObject *object,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  LoadState *state = g_task_get_task_data (task);
  g_autoptr (GFileInfo) info = NULL;
  GError *error = NULL;

  info = g_file_input_stream_query_info_finish (G_FILE_INPUT_STREAM (object), result, &error);
  if (info == NULL)
    {
      return_file_error (task, state->file, error);
      return;
    }
  state->body->is_null = FALSE;
  state->body->length = g_file_info_get_size (info);
  state->body->stream = g_object_ref (G_INPUT_STREAM (object));
  g_task_return_pointer (task, g_object_ref (state->body), g_object_unref);
}

static void
file_opened_cb (GObject *object,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GFileInputStream) stream = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  stream = g_file_read_finish (G_FILE (object), result, &error);
  if (stream == NULL)
    {
      return_file_error (task, G_FILE (object), error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  g_file_input_stream_query_info_async (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_PRIORITY_DEFAULT,
                                        cancellable, file_info_cb, g_steal_pointer (&task));
}

static void
load_file (GTask *task)
{
  LoadState *state = g_task_get_task_data (task);
  const char *type = pf_request_get_body_content_type (state->request);

  state->file = g_file_new_for_commandline_arg (pf_request_get_body_file (state->request));
  state->body->content_type = *type ? g_strdup (type)
                                    : pf_request_body_guess_type (g_file_peek_path (state->file));
  g_file_read_async (state->file, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                     file_opened_cb, task);
}

static void
load_text (GTask *task)
{
  LoadState *state = g_task_get_task_data (task);
  PfRequest *request = state->request;
  const char *type = pf_request_get_body_content_type (request);
  char *text;

  if (pf_request_get_body_kind (request) == PF_BODY_URLENCODED)
    {
      text = pf_request_encode_fields (request);
      type = "application/x-www-form-urlencoded";
    }
  else
    {
      text = g_strdup (pf_request_get_body_text (request));
      /* XHR: a string body's default type is text/plain;charset=UTF-8 */
      type = *type ? type : "text/plain;charset=UTF-8";
    }
  set_bytes (state->body, type, g_bytes_new_take (text, strlen (text)));
  g_task_return_pointer (task, g_object_ref (state->body), g_object_unref);
  g_object_unref (task);
}

void
pf_request_body_load_async (PfRequest *request,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  LoadState *state = g_new0 (LoadState, 1);
  g_autofree char *method = pf_request_dup_effective_method (request);

  g_task_set_source_tag (task, pf_request_body_load_async);
  state->request = g_object_ref (request);
  state->body = g_object_new (PF_TYPE_REQUEST_BODY, NULL);
  g_task_set_task_data (task, state, (GDestroyNotify) load_state_free);

  /* XHR send (): if the method is GET or HEAD, the body is null. */
  if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    {
      g_task_return_pointer (task, g_object_ref (state->body), g_object_unref);
      g_object_unref (task);
      return;
    }
  switch (pf_request_get_body_kind (request))
    {
    case PF_BODY_RAW:
    case PF_BODY_URLENCODED:
      load_text (task);
      break;
    case PF_BODY_MULTIPART:
      state->multipart = soup_multipart_new ("multipart/form-data");
      load_next_field (task);
      break;
    case PF_BODY_FILE:
      load_file (task);
      break;
    case PF_BODY_NONE:
    default:
      g_task_return_pointer (task, g_object_ref (state->body), g_object_unref);
      g_object_unref (task);
    }
}

PfRequestBody *
pf_request_body_load_finish (GAsyncResult *result,
                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
pf_request_body_is_null (PfRequestBody *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_BODY (self), TRUE);
  return self->is_null;
}

const char *
pf_request_body_get_content_type (PfRequestBody *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_BODY (self), NULL);
  return self->content_type;
}

guint64
pf_request_body_get_length (PfRequestBody *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_BODY (self), 0);
  return self->length;
}

GBytes *
pf_request_body_get_bytes (PfRequestBody *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_BODY (self), NULL);
  return self->bytes;
}

GInputStream *
pf_request_body_get_stream (PfRequestBody *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_BODY (self), NULL);
  return self->stream;
}
