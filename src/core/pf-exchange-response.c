/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <libxml/parser.h>
#include <string.h>

#include "pf-exchange-response.h"
#include "pf-http-syntax.h"
#include "pf-mime.h"

/* What XHR derives from a response: its header list, getAllResponseHeaders (), the final
 * MIME type (after overrideMimeType ()) and whether responseXML would be a document. */

/* XHR "get a final MIME type": the override if one was given (application/octet-stream if
 * it does not parse), else the response's Content-Type, else text/xml. */
static char *
final_mime_type (PfExchange *self,
                 SoupMessageHeaders *headers)
{
  const char *override = pf_request_get_override_mime_type (self->request);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  g_autofree char *essence = NULL;

  if (*override != '\0')
    {
      essence = pf_mime_essence (override);
      return essence ? pf_http_normalize_value (override) : g_strdup ("application/octet-stream");
    }
  essence = pf_mime_essence (content_type);
  return essence ? pf_http_normalize_value (content_type) : g_strdup ("text/xml");
}

/* The PfKeyValue rows of pf_exchange_get_response_headers (), once somebody asked for them. */
void
_pf_exchange_fill_response_rows (PfExchange *self)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  if (self->response_headers == NULL)
    return;
  g_list_store_remove_all (self->response_headers);
  if (self->response_head == NULL)
    return;
  soup_message_headers_iter_init (&iter, self->response_head);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autoptr (PfKeyValue) row = pf_key_value_new (name, value);
      g_list_store_append (self->response_headers, row);
    }
}

void
_pf_exchange_read_response_headers (PfExchange *self,
                                    SoupMessageHeaders *headers)
{
  g_clear_pointer (&self->response_head, soup_message_headers_unref);
  self->response_head = soup_message_headers_ref (headers);
  _pf_exchange_fill_response_rows (self);
  g_free (self->mime_type);
  self->mime_type = final_mime_type (self, headers);
}

/* Whether a script may read the response header @name: never Set-Cookie, and under CORS
 * only the safelisted and exposed names. */
gboolean
pf_exchange_is_header_exposed (PfExchange *self,
                               const char *name)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), FALSE);

  if (!g_ascii_strcasecmp (name, "Set-Cookie") || !g_ascii_strcasecmp (name, "Set-Cookie2"))
    return FALSE;
  if (self->exposed == NULL)
    return TRUE;
  for (guint i = 0; self->exposed[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->exposed[i], name) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char *name;
  const char *value;
} HeaderLine;

/* By lower-cased name: as strcmp () of the lower-cased names, without making them. */
static int
compare_lines_data (gconstpointer a,
                    gconstpointer b,
                    gpointer user_data)
{
  return g_ascii_strcasecmp (((const HeaderLine *) a)->name, ((const HeaderLine *) b)->name);
}

/* A response has a few headers: sorted by insertion, which is stable as the merge sort it
 * stands for, with none of its set-up; a long list goes to the merge sort. */
static void
sort_lines (HeaderLine *lines,
            guint n)
{
  if (n > 32)
    {
      /* g_qsort_with_data is a stable merge sort: repeated names keep their arrival order. */
      g_qsort_with_data (lines, n, sizeof (HeaderLine), compare_lines_data, NULL);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      HeaderLine line = lines[i];
      guint j = i;

      for (; j > 0 && g_ascii_strcasecmp (lines[j - 1].name, line.name) > 0; j--)
        lines[j] = lines[j - 1];
      lines[j] = line;
    }
}

/* Whether a script may read the header @name, without a call when nothing but Set-Cookie
 * and Set-Cookie2 is hidden (what every response has outside CORS). */
static gboolean
is_exposed (PfExchange *self,
            const char *name)
{
  if (self->exposed == NULL && name[0] != 's' && name[0] != 'S')
    return TRUE;
  return pf_exchange_is_header_exposed (self, name);
}

/* The combined "name: value\r\n" lines of @lines (sorted) into @out, sized for them first. */
static void
append_lines (GString *out,
              const HeaderLine *lines,
              guint n)
{
  gsize size = 0, at = out->len;

  for (guint i = 0; i < n; i++)
    size += strlen (lines[i].name) + strlen (lines[i].value) + 4;
  g_string_set_size (out, at + size);
  for (guint i = 0; i < n; i++)
    {
      gsize value_len = strlen (lines[i].value);

      if (i > 0 && !g_ascii_strcasecmp (lines[i].name, lines[i - 1].name))
        {
          /* The line before ends in ", " instead of its "\r\n". */
          memcpy (out->str + at - 2, ", ", 2);
        }
      else
        {
          for (const char *c = lines[i].name; *c; c++)
            out->str[at++] = *c >= 'A' && *c <= 'Z' ? *c + ('a' - 'A') : *c;
          memcpy (out->str + at, ": ", 2);
          at += 2;
        }
      memcpy (out->str + at, lines[i].value, value_len);
      memcpy (out->str + at + value_len, "\r\n", 2);
      at += value_len + 2;
    }
  g_string_truncate (out, at);
}

/* XHR getAllResponseHeaders (): the header list sorted and combined (names lower-cased,
 * sorted, repeated names joined by ", "), each as "name: value\r\n". Set-Cookie and
 * Set-Cookie2 are never exposed to a script. Empty after a failure. A response's few headers
 * are sorted where they lie on the stack; a long list in an array. */
char *
pf_exchange_dup_all_response_headers (PfExchange *self)
{
  HeaderLine few[32];
  g_autoptr (GArray) many = NULL;
  HeaderLine *lines = few;
  guint n = 0;
  GString *out;
  SoupMessageHeadersIter iter;
  HeaderLine line;

  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  if (self->failure != PF_FAILURE_NONE || self->status == 0 || self->response_head == NULL)
    return g_strdup ("");
  soup_message_headers_iter_init (&iter, self->response_head);
  while (soup_message_headers_iter_next (&iter, &line.name, &line.value))
    {
      if (!is_exposed (self, line.name))
        continue;
      if (n == G_N_ELEMENTS (few) && many == NULL)
        many = g_array_new (FALSE, FALSE, sizeof (HeaderLine));
      if (many != NULL)
        g_array_append_val (many, line);
      else
        few[n++] = line;
    }
  if (many != NULL)
    {
      g_array_prepend_vals (many, few, n);
      lines = (HeaderLine *) (gpointer) many->data;
      n = many->len;
    }
  sort_lines (lines, n);
  out = g_string_sized_new (512);
  append_lines (out, lines, n);
  return g_string_free (out, FALSE);
}

typedef struct
{
  GFile *file;
  GBytes *bytes;
} XmlSource;

static void
xml_source_free (XmlSource *source)
{
  g_clear_object (&source->file);
  g_clear_pointer (&source->bytes, g_bytes_unref);
  g_free (source);
}

static void
parse_xml_thread (GTask *task,
                  gpointer source_object,
                  gpointer task_data,
                  GCancellable *cancellable)
{
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  XmlSource *source = task_data;
  xmlDocPtr doc = NULL;
  xmlNodePtr root;

  if (source->file != NULL)
    {
      g_autofree char *path = g_file_get_path (source->file);
      doc = xmlReadFile (path, NULL, options);
    }
  else
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (source->bytes, &len);
      if (len > 0 && len <= G_MAXINT)
        doc = xmlReadMemory (data, (int) len, "response.xml", NULL, options);
    }
  /* The document element's name (responseXML.documentElement.nodeName), or NULL. */
  if (doc == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  root = xmlDocGetRootElement (doc);
  g_task_return_pointer (task, g_strdup (root ? (const char *) root->name : ""), g_free);
  xmlFreeDoc (doc);
}

static void
xml_checked_cb (GObject *object,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (PfExchange) self = user_data;

  self->in_flight--;
  g_free (self->xml_root);
  self->xml_root = g_task_propagate_pointer (G_TASK (result), NULL);
  self->response_xml = self->xml_root != NULL;
  _pf_exchange_maybe_complete (self);
}

/* XHR responseXML (responseType ""): a document only when the final MIME type is an XML
 * MIME type and the body is well-formed. Parsed off the main thread; no network access. */
void
_pf_exchange_check_xml (PfExchange *self)
{
  g_autofree char *essence = pf_mime_essence (self->mime_type);
  GFile *file = pf_body_store_get_file (self->store);
  XmlSource *source;
  GTask *task;

  if (!pf_mime_is_xml (essence) || !pf_body_store_is_kept (self->store))
    return;
  source = g_new0 (XmlSource, 1);
  source->file = file ? g_object_ref (file) : NULL;
  source->bytes = file ? NULL : pf_body_store_dup_bytes (self->store);
  /* No source object: the worker thread may drop the task last, and the exchange must
   * only ever be released on the main thread. */
  task = g_task_new (NULL, NULL, xml_checked_cb, g_object_ref (self));
  g_task_set_task_data (task, source, (GDestroyNotify) xml_source_free);
  self->in_flight++;
  g_task_run_in_thread (task, parse_xml_thread);
  g_object_unref (task);
}

/* The last request head as it went on the wire (request line and headers, CRLF-ended
 * lines), or NULL when nothing was sent. */
const char *
pf_exchange_get_raw_request_head (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return self->raw_request_head;
}

/* The response head as the server sent it: status line and headers (in libsoup's order),
 * or NULL when no response arrived. */
char *
pf_exchange_dup_raw_response_head (PfExchange *self)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GString *out;

  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);

  if (self->server_status == 0 || self->response_head == NULL)
    return NULL;
  out = g_string_new (NULL);
  /* The version really spoken; HTTP/2 has no reason phrase on the wire. */
  if (self->http_version == SOUP_HTTP_2_0)
    g_string_append_printf (out, "HTTP/2 %u\r\n", self->server_status);
  else
    g_string_append_printf (out, "%s %u %s\r\n", pf_exchange_get_http_version (self),
                            self->server_status, soup_status_get_phrase (self->server_status));
  soup_message_headers_iter_init (&iter, self->response_head);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (out, "%s: %s\r\n", name, value);
  return g_string_free (out, FALSE);
}

/* Sent as Chromium would (pf_request_sends_browser_headers ()): the names of the last request
 * head's headers that the browser added rather than the user, in the head's order; else NULL. */
const char *const *
pf_exchange_get_browser_headers (PfExchange *self)
{
  g_return_val_if_fail (PF_IS_EXCHANGE (self), NULL);
  return (const char *const *) self->browser_headers;
}
