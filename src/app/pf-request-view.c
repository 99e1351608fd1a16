/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "pf-accessible.h"
#include "pf-body-format.h"
#include "pf-resources.h"
#include "pf-cors-flow.h"
#include "pf-http-syntax.h"
#include "pf-key-value.h"
#include "pf-exchange-script.h"
#include "pf-request-view-private.h"
#include "pf-tab-layout.h"

/* One request tab: method + URL + Send/Abort, the request editor (headers, body, options
 * with the page origin), the live XHR timeline with readyState and progress, and the
 * response as a script would see it, with the CORS verdict. It shows what core decides. */

/* A spooled body is read this far for display, so the text view never freezes the window. */
#define BODY_DISPLAY_MAX PF_BODY_FORMAT_TEXT_MAX

G_DEFINE_FINAL_TYPE (PfRequestView, pf_request_view, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_TOAST,
  SIGNAL_URL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (PfRequestView *self,
          gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
is_running (PfRequestView *self)
{
  return self->exchange != NULL &&
         pf_exchange_get_ready_state (self->exchange) != PF_READY_STATE_DONE &&
         pf_exchange_get_failure (self->exchange) == PF_FAILURE_NONE;
}

/* A finished exchange keeps its body (in memory or spooled), unless a network error, a
 * timeout or an abort left none. */
static gboolean
has_body (PfRequestView *self)
{
  return self->exchange != NULL && !is_running (self) &&
         pf_exchange_get_ready_state (self->exchange) == PF_READY_STATE_DONE &&
         pf_exchange_get_failure (self->exchange) == PF_FAILURE_NONE &&
         pf_exchange_get_loaded (self->exchange) > 0;
}

static void
update_actions (PfRequestView *self)
{
  gboolean running = is_running (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.send",
                                 !running && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.abort", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.save-body", has_body (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.save-har",
                                 self->exchange != NULL &&
                                     pf_exchange_get_ready_state (self->exchange) ==
                                         PF_READY_STATE_DONE);
  gtk_widget_set_visible (self->save_body_button, has_body (self));
  gtk_stack_set_visible_child_name (self->send_stack, running ? "abort" : "send");
}

static gboolean
is_image_ping (PfRequestView *self)
{
  return self->exchange != NULL &&
         pf_request_get_initiator (pf_exchange_get_request (self->exchange)) ==
             PF_INITIATOR_IMAGE;
}

/* An image ping's page has no readyState: it learns load or error, nothing else. */
static char *
image_ping_state (PfRequestView *self)
{
  const char *event = pf_exchange_get_image_event (self->exchange);

  if (event == NULL && is_running (self))
    return g_strdup (_ ("new Image(): loading"));
  if (event == NULL)
    return g_strdup (_ ("new Image(): stopped, no event"));
  /* Translators: %s is the event the page gets, “load” or “error” (not translated) */
  return g_strdup_printf (_ ("new Image(): %s event"), event);
}

static void
show_ready_state (PfRequestView *self)
{
  PfReadyState state = self->exchange ? pf_exchange_get_ready_state (self->exchange)
                                      : PF_READY_STATE_UNSENT;
  /* Translators: %d is the readyState number, %s its name (UNSENT, OPENED, …) */
  g_autofree char *text = is_image_ping (self) ? image_ping_state (self)
                                               : g_strdup_printf (_ ("readyState %d · %s"), state,
                                                                  pf_ready_state_get_name (state));

  gtk_label_set_label (self->ready_state_label, text);
}

static void
ready_state_cb (PfRequestView *self)
{
  show_ready_state (self);
  update_actions (self);
}

static void
loaded_cb (PfRequestView *self)
{
  guint64 total = pf_exchange_get_total (self->exchange);
  guint64 loaded = pf_exchange_get_loaded (self->exchange);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) loaded / total));
  else
    gtk_progress_bar_pulse (self->progress_bar);
}

/* The request body going out: shown only for requests with a body. */
static void
upload_cb (PfRequestView *self)
{
  guint64 total = pf_exchange_get_upload_total (self->exchange);
  guint64 loaded = pf_exchange_get_upload_loaded (self->exchange);

  gtk_widget_set_visible (GTK_WIDGET (self->upload_bar), total > 0);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->upload_bar, MIN (1.0, (double) loaded / total));
}

static void
set_text (GtkTextView *view,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
show_body_note (PfRequestView *self,
                const char *note)
{
  /* An image ping's response is what the network saw: its page never sees it. */
  g_autofree char *image = is_image_ping (self)
                               ? g_strconcat (_ ("Not visible to the page, which gets only load or error: this is what the "
                                                 "network saw."),
                                              note ? " " : NULL, note, NULL)
                               : NULL;

  /* Once DONE, what xhr.response is for the responseType (core says it in words). */
  g_autofree char *response = self->exchange != NULL && pf_exchange_get_ready_state (
                                                            self->exchange) == PF_READY_STATE_DONE
                                  ? pf_exchange_describe_response (self->exchange)
                                  : NULL;
  g_autofree char *joined = NULL;

  note = image ? image : note;
  if (response != NULL)
    note = joined = note ? g_strconcat (response, "\n", note, NULL) : g_strdup (response);
  gtk_label_set_label (self->body_note, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->body_note), note != NULL);
}

/* GtkSourceView's language for each kind of body core tells apart. */
static const char *const language_ids[] = {
  [PF_BODY_FORMAT_TEXT] = NULL,
  [PF_BODY_FORMAT_JSON] = "json",
  [PF_BODY_FORMAT_XML] = "xml",
  [PF_BODY_FORMAT_HTML] = "html",
  [PF_BODY_FORMAT_JAVASCRIPT] = "js",
  [PF_BODY_FORMAT_CSS] = "css",
  [PF_BODY_FORMAT_IMAGE] = NULL,
  [PF_BODY_FORMAT_BINARY] = NULL,
};
G_STATIC_ASSERT (G_N_ELEMENTS (language_ids) == PF_BODY_FORMAT_BINARY + 1);

static GtkSourceLanguage *
language_for (PfBodyFormat format)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();

  g_assert ((guint) format < G_N_ELEMENTS (language_ids));
  if (language_ids[format] == NULL)
    return NULL;
  return gtk_source_language_manager_get_language (manager, language_ids[format]);
}

/* Highlighting follows the body's type and the light or dark style. */
static void
highlight_as (PfRequestView *self,
              GtkSourceLanguage *language)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (self->body_view));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (
      gtk_source_style_scheme_manager_get_default (), dark ? "Adwaita-dark" : "Adwaita");

  gtk_source_buffer_set_language (buffer, language);
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (buffer, scheme);
}

static void
style_changed_cb (PfRequestView *self)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (self->body_view));

  highlight_as (self, gtk_source_buffer_get_language (buffer));
}

/* A body is data, not prose: where a long line wraps, no hyphen is added that the data does not
 * have (the "data" tag covers the whole text). */
static void
set_body_text (PfRequestView *self,
               const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  /* A body shown whole as it loaded stays as it is (and where it was scrolled to). */
  if (self->live_begun && !self->live_full)
    {
      g_autofree char *shown = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_str_equal (shown, text))
        return;
    }
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "data", &start, &end);
}

/* The body as text (core decides what is shown and what to say about it), the note on
 * responseXML after the body's own. */
static void
show_body_text (PfRequestView *self,
                const char *data,
                gsize len,
                guint64 size)
{
  const char *mime_type = pf_exchange_get_mime_type (self->exchange);
  const char *bytes = data ? data : "";
  g_autofree char *note = NULL;
  g_autofree char *text = pf_body_format_display_text (mime_type, bytes, len, size, &note);
  const char *xml = pf_body_format_xml_note (mime_type,
                                             pf_exchange_get_response_xml (self->exchange),
                                             bytes, len);
  PfBodyFormat format = pf_body_format_detect (mime_type, bytes, len, size);

  if (xml != NULL)
    {
      char *joined = note ? g_strconcat (note, " ", xml, NULL) : g_strdup (xml);

      g_free (note);
      note = joined;
    }
  show_body_note (self, note);
  highlight_as (self, language_for (format));
  set_body_text (self, text);
  if (format == PF_BODY_FORMAT_JSON)
    _pf_request_view_indent_lines (self->body_view, text);
}

/* An image body in memory is shown as a picture. */
static gboolean
show_body_image (PfRequestView *self,
                 GBytes *bytes)
{
  const char *mime_type = pf_exchange_get_mime_type (self->exchange);
  g_autofree char *note = NULL;
  g_autoptr (GdkTexture) texture = _pf_request_view_image (mime_type, bytes, &note);

  if (texture == NULL)
    return FALSE;
  gtk_picture_set_paintable (self->body_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->body_picture), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->body_scroller), FALSE);
  show_body_note (self, note);
  return TRUE;
}

static gboolean
body_read_more_cb (const char *contents,
                   goffset read,
                   gpointer user_data)
{
  return read < BODY_DISPLAY_MAX;
}

/* Which of the two text views shows the body: the whole-body viewer, or the text view. */
static void
show_in_whole_viewer (PfRequestView *self,
                      PfBodyLines *lines)
{
  pf_body_viewer_set_lines (self->whole_body_viewer, lines);
  gtk_widget_set_visible (GTK_WIDGET (self->whole_body_scroller), lines != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->body_scroller), lines == NULL);
}

/* A text body past what the text view shows well is shown whole by the body viewer, which
 * reads only what is on screen. */
static gboolean
wants_whole_viewer (PfRequestView *self,
                    const char *head,
                    gsize len,
                    guint64 size)
{
  PfBodyFormat format = pf_body_format_detect (pf_exchange_get_mime_type (self->exchange), head,
                                               len, size);

  return size > BODY_DISPLAY_MAX && format != PF_BODY_FORMAT_BINARY &&
         format != PF_BODY_FORMAT_IMAGE;
}

static void
show_whole_body (PfRequestView *self,
                 PfBodyLines *lines)
{
  g_autofree char *size = g_format_size (pf_body_lines_get_size (lines));
  g_autofree char *note = g_strdup_printf (_ ("All %s of the body, read as it is scrolled."),
                                           size);

  show_body_note (self, note);
  highlight_as (self, NULL);
  set_text (self->body_view, "");
  show_in_whole_viewer (self, lines);
}

static void
body_file_loaded_cb (GObject *object,
                     GAsyncResult *result,
                     gpointer user_data)
{
  g_autoptr (PfRequestView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PfBodyLines) lines = NULL;
  g_autofree char *contents = NULL;
  guint64 size;
  gsize len = 0;

  if (!g_file_load_partial_contents_finish (G_FILE (object), result, &contents, &len, NULL,
                                            &error))
    {
      /* Cancelled: another exchange, or the window, took over. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_body_note (self, error->message);
      return;
    }
  size = pf_exchange_get_loaded (self->exchange);
  if (!wants_whole_viewer (self, contents, len, size))
    {
      show_body_text (self, contents, len, size);
      return;
    }
  lines = pf_body_lines_new_for_file (G_FILE (object), PF_BODY_LINES_SEGMENT, &error);
  if (lines == NULL)
    show_body_note (self, error->message);
  else
    show_whole_body (self, lines);
}

static void
cancel_body_read (PfRequestView *self)
{
  g_cancellable_cancel (self->body_cancellable);
  g_clear_object (&self->body_cancellable);
}

static void
show_body (PfRequestView *self)
{
  g_autoptr (GBytes) bytes = pf_exchange_dup_body_bytes (self->exchange);
  GFile *file = pf_exchange_get_body_file (self->exchange);
  const char *data = NULL;
  gsize len = 0;

  _pf_request_view_find_reset (self);
  show_in_whole_viewer (self, NULL);
  if (bytes == NULL && file != NULL)
    {
      /* Past the memory limit the body is spooled to a file: its head says what it is. The
       * note on the loading body has had its day. */
      show_body_note (self, NULL);
      cancel_body_read (self);
      self->body_cancellable = g_cancellable_new ();
      g_file_load_partial_contents_async (file, self->body_cancellable, body_read_more_cb,
                                          body_file_loaded_cb, g_object_ref (self));
      return;
    }
  if (bytes != NULL && show_body_image (self, bytes))
    return;
  if (bytes != NULL)
    data = g_bytes_get_data (bytes, &len);
  if (wants_whole_viewer (self, data, MIN (len, BODY_DISPLAY_MAX), len))
    {
      g_autoptr (PfBodyLines) lines = pf_body_lines_new_for_bytes (bytes, PF_BODY_LINES_SEGMENT);

      show_whole_body (self, lines);
      return;
    }
  show_body_text (self, data, len, len);
}

/* While a text body loads (readyState 3, LOADING) the Body page grows as responseText does:
 * each chunk's text (core's, whole characters) is appended, within the final display's
 * limits, never set again whole. A body that is no text waits for the end. */
static gboolean
live_wanted (PfRequestView *self)
{
  const char *mime_type = pf_exchange_get_mime_type (self->exchange);

  return !self->live_full && pf_exchange_get_body_is_text (self->exchange) &&
         pf_body_format_for_mime_type (mime_type) != PF_BODY_FORMAT_IMAGE;
}

static void
live_begin (PfRequestView *self)
{
  const char *mime_type = pf_exchange_get_mime_type (self->exchange);

  self->live_begun = TRUE;
  highlight_as (self, language_for (pf_body_format_for_mime_type (mime_type)));
  show_body_note (self, _ ("The body so far, as responseText has it while readyState is 3 "
                           "(LOADING)."));
}

static void
live_append (PfRequestView *self,
             const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  gsize len = strlen (text);
  gsize n = pf_body_format_live_length (text, len, &self->live_shown, &self->live_line);
  GtkTextIter start, end;

  self->live_full = n < len;
  if (n == 0)
    return;
  /* The newest part is marked, as the classic Comet page marks what responseText gained
   * since the length it last saw; the mark moves on with the next chunk. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "newest", &start, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, n, "data", "newest", NULL);
}

static void
live_timeline_cb (PfRequestView *self,
                  guint position,
                  guint removed,
                  guint added,
                  GListModel *timeline)
{
  for (guint i = position; i < position + added && live_wanted (self); i++)
    {
      const PfTimelineRecord *record = pf_timeline_get_record (PF_TIMELINE (timeline), i);

      if (record->kind != PF_TIMELINE_CHUNK)
        continue;
      /* Past what core keeps of chunk text, the rest is for the final display. */
      if (record->detail == NULL)
        {
          self->live_full = TRUE;
          return;
        }
      if (!self->live_begun)
        live_begin (self);
      live_append (self, record->detail);
    }
}

static void
live_stop (PfRequestView *self)
{
  if (self->live_timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->live_timeline, self);
  g_clear_object (&self->live_timeline);
  self->live_shown = self->live_line = 0;
  self->live_begun = self->live_full = FALSE;
}

static void
live_start (PfRequestView *self)
{
  live_stop (self);
  self->live_timeline = g_object_ref (pf_exchange_get_timeline (self->exchange));
  g_signal_connect_swapped (self->live_timeline, "items-changed", G_CALLBACK (live_timeline_cb),
                            self);
}

static char *
describe_failure (PfExchange *exchange)
{
  const char *message = pf_exchange_get_error_message (exchange);

  switch (pf_exchange_get_failure (exchange))
    {
    case PF_FAILURE_TIMEOUT:
      /* Translators: %s says after how long */
      return g_strdup_printf (_ ("Timeout: %s"), message);
    case PF_FAILURE_ABORT:
      return g_strdup (_ ("Aborted before the response was complete"));
    case PF_FAILURE_NETWORK:
    case PF_FAILURE_NONE:
    default:
      /* Translators: %s is the reason, e.g. “Connection refused” */
      return g_strdup_printf (_ ("Network error: %s"), message);
    }
}

/* What the server did wrong without failing the exchange, a line each, or NULL. */
static char *
describe_warnings (PfExchange *exchange)
{
  const char *const *warnings = pf_exchange_get_warnings (exchange);
  g_autoptr (GString) out = NULL;

  if (warnings[0] == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; warnings[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      /* Translators: %s is what the server did wrong without failing the request */
      g_string_append_printf (out, _ ("Warning: %s"), warnings[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A failure's kind, short enough for the status line; its whole message goes below it. */
static const char *
describe_failure_kind (PfExchange *exchange)
{
  switch (pf_exchange_get_failure (exchange))
    {
    case PF_FAILURE_TIMEOUT:
      return _ ("Timeout");
    case PF_FAILURE_ABORT:
      return _ ("Aborted");
    case PF_FAILURE_NETWORK:
    case PF_FAILURE_NONE:
    default:
      return _ ("Network error");
    }
}

/* The header table: every header the server sent, in order; under CORS, the ones the page
 * cannot read say so. */
static void
show_header_table (PfRequestView *self)
{
  GListModel *headers = pf_exchange_get_response_headers (self->exchange);
  gboolean failed = pf_exchange_get_failure (self->exchange) != PF_FAILURE_NONE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->response_headers_list))) != NULL)
    gtk_list_box_remove (self->response_headers_list, child);
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) header = g_list_model_get_item (headers, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = g_markup_escape_text (pf_key_value_get_name (header), -1);
      g_autofree char *shown = _pf_request_view_mask (self, pf_key_value_get_value (header));
      g_autofree char *value = g_markup_escape_text (shown, -1);

      /* Read as the server wrote it: the name, then its value (whole, wrapped). */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      if (failed || !pf_exchange_is_header_exposed (self->exchange, pf_key_value_get_name (header)))
        {
          GtkWidget *hidden = gtk_image_new_from_icon_name ("view-conceal-symbolic");

          gtk_widget_set_tooltip_text (hidden, _ ("Hidden from the page"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (hidden), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _ ("Hidden from the page"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), hidden);
        }
      gtk_list_box_append (self->response_headers_list, row);
    }
}

/* The TLS connection under the heads: protocol, cipher suite, how the certificate was taken,
 * and the chain. */
static void
append_raw_tls (GString *out,
                PfTlsInfo *tls)
{
  g_autofree char *line = NULL;
  g_autofree char *chain = NULL;

  if (tls == NULL)
    return;
  line = pf_tls_info_describe (tls);
  chain = pf_tls_info_describe_chain (tls);
  /* Translators: what the TLS connection was, e.g. “TLS 1.3 · TLS_AES_128_GCM_SHA256 · …” */
  g_string_append_printf (out, _ ("\n[TLS: %s]\n"), line);
  g_string_append (out, chain);
}

/* Whether line @line of @buffer is a "Name: value" line whose name is in @names. */
static gboolean
line_is_header_of (GtkTextBuffer *buffer,
                   int line,
                   const char *const *names,
                   gboolean *blank)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *colon;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_text (&start, &end);
  *blank = *g_strstrip (text) == '\0';
  colon = strchr (text, ':');
  for (guint i = 0; colon != NULL && names[i] != NULL; i++)
    if ((gsize) (colon - text) == strlen (names[i]) &&
        g_ascii_strncasecmp (text, names[i], colon - text) == 0)
      return TRUE;
  return FALSE;
}

/* Marks, in the request head at the top of the Raw page, the headers the browser added. */
static void
mark_browser_headers (PfRequestView *self,
                      const char *const *names)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->raw_view);
  gboolean blank = FALSE;

  for (int line = 1; line < gtk_text_buffer_get_line_count (buffer) && !blank; line++)
    if (line_is_header_of (buffer, line, names, &blank))
      {
        GtkTextIter start, end;

        gtk_text_buffer_get_iter_at_line (buffer, &start, line);
        end = start;
        gtk_text_iter_forward_line (&end);
        gtk_text_buffer_apply_tag_by_name (buffer, "browser-header", &start, &end);
      }
}

/* The Raw page: the last request head (and a text body) and the response head, as they went
 * on the wire, and the TLS connection they went over. */
static void
show_raw (PfRequestView *self)
{
  PfExchange *exchange = self->exchange;
  PfRequest *request = pf_exchange_get_request (exchange);
  const char *head = pf_exchange_get_raw_request_head (exchange);
  const char *const *browser = pf_exchange_get_browser_headers (exchange);
  g_autofree char *response = pf_exchange_dup_raw_response_head (exchange);
  /* Credentials do not show on screen, nor the values of secret variables. */
  g_autofree char *unsecret = head ? pf_http_mask_credentials (head) : NULL;
  g_autoptr (GString) out = g_string_new (unsecret ? unsecret : _ ("(No request went out.)\n"));
  g_autofree char *masked = NULL;

  if (head != NULL && pf_request_get_body_kind (request) == PF_BODY_RAW &&
      g_ascii_strcasecmp (pf_exchange_get_method (exchange), pf_request_get_method (request)) == 0)
    g_string_append_printf (out, "\r\n%s\n", pf_request_get_body_text (request));
  if (head != NULL && browser != NULL)
    {
      g_string_append (out, "\n");
      g_string_append (out, _ ("(In grey italics: the headers the browser added by itself, not "
                               "the request’s.)\n"));
    }
  g_string_append (out, "\n");
  if (response != NULL)
    {
      g_autofree char *size = g_format_size (pf_exchange_get_loaded (exchange));

      g_string_append_printf (out, "%s\r\n", response);
      /* Translators: %s is a size */
      g_string_append_printf (out, _ ("[%s of body: see the Body page]\n"), size);
    }
  else
    g_string_append (out, _ ("(No response arrived.)\n"));
  append_raw_tls (out, pf_exchange_get_tls_info (exchange));
  masked = _pf_request_view_mask (self, out->str);
  set_text (self->raw_view, masked);
  if (head != NULL && browser != NULL)
    mark_browser_headers (self, browser);
}

/* The status line's colour says the status's class: 2xx succeeded, 4xx and 5xx (and a network
 * error, a timeout, an abort) failed, 1xx and 3xx are neither. */
static void
show_status_class (PfRequestView *self,
                   const char *failure_style,
                   guint status)
{
  static const char *const styles[] = { "dim-label", "success", "error" };
  GtkWidget *label = GTK_WIDGET (self->status_label);
  const char *style = failure_style;

  if (style == NULL)
    style = status >= 200 && status < 300 ? "success" : status >= 400 ? "error"
                                                                      : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (label, styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
}

/* "request: 182 bytes head + 12 bytes body"; the response's body as a script gets it, and as it
 * came over the wire when that differs (chunk framing, content coding). */
static char *
describe_sizes (PfExchange *exchange,
                gboolean response)
{
  g_autofree char *head = g_format_size (response ? pf_exchange_get_response_head_size (exchange)
                                                  : pf_exchange_get_request_head_size (exchange));
  guint64 body_size = response ? pf_exchange_get_loaded (exchange)
                               : pf_exchange_get_request_body_size (exchange);
  guint64 wire = pf_exchange_get_response_body_transferred (exchange);
  g_autofree char *body = g_format_size (body_size);
  g_autofree char *transferred = g_format_size (wire);

  if (!response)
    /* Translators: two sizes, “request: 182 bytes head + 12 bytes body” */
    return g_strdup_printf (_ ("request: %s head + %s body"), head, body);
  if (wire != body_size && wire > 0)
    /* Translators: three sizes, “response: 156 bytes head + 1.2 kB body (130 bytes on the
     * wire)” */
    return g_strdup_printf (_ ("response: %s head + %s body (%s on the wire)"), head, body,
                            transferred);
  /* Translators: two sizes, “response: 156 bytes head + 110 bytes body” */
  return g_strdup_printf (_ ("response: %s head + %s body"), head, body);
}

/* Under the status: how long the exchange took, the HTTP version, the server's address and the
 * sizes each way (what is known of them), joined by @separator. */
static char *
describe_summary (PfExchange *exchange,
                  const char *separator)
{
  const char *version = pf_exchange_get_http_version (exchange);
  const char *address = pf_exchange_get_remote_address (exchange);
  PfTlsInfo *tls = pf_exchange_get_tls_info (exchange);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Translators: how long the exchange took, in milliseconds */
  g_ptr_array_add (parts, g_strdup_printf (_ ("%.0f ms"),
                                           pf_exchange_get_elapsed_us (exchange) / 1000.0));
  if (version != NULL)
    g_ptr_array_add (parts, g_strdup (version));
  if (tls != NULL && pf_tls_info_get_protocol (tls) != NULL)
    g_ptr_array_add (parts, g_strdup (pf_tls_info_get_protocol (tls)));
  if (address != NULL)
    g_ptr_array_add (parts, g_strdup (address));
  if (pf_exchange_get_request_head_size (exchange) > 0)
    g_ptr_array_add (parts, describe_sizes (exchange, FALSE));
  if (version != NULL)
    g_ptr_array_add (parts, describe_sizes (exchange, TRUE));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (separator, (char **) parts->pdata);
}

/* The status, short, and below it the failure's whole message (if any) and the summary; both
 * again in the tooltips. */
static void
show_status (PfRequestView *self,
             const char *status,
             const char *message)
{
  g_autofree char *summary = describe_summary (self->exchange, " · ");
  g_autofree char *details = describe_summary (self->exchange, "\n");
  g_autofree char *below = message ? g_strconcat (message, "\n", summary, NULL) : NULL;
  g_autofree char *tooltip = g_strconcat (message ? message : status, "\n", details, NULL);

  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), tooltip);
  gtk_label_set_label (self->summary_label, below ? below : summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
}

static void
show_result (PfRequestView *self)
{
  PfExchange *exchange = self->exchange;
  g_autofree char *all = pf_exchange_dup_all_response_headers (exchange);
  g_autofree char *headers = _pf_request_view_mask (self, all);
  g_autofree char *message = NULL;
  g_autofree char *status = NULL;
  gboolean failed = pf_exchange_get_failure (exchange) != PF_FAILURE_NONE;

  if (failed)
    {
      message = describe_failure (exchange);
      status = g_strdup (describe_failure_kind (exchange));
    }
  else
    {
      status = g_strdup_printf ("%u %s", pf_exchange_get_status (exchange),
                                pf_exchange_get_status_text (exchange));
      message = describe_warnings (exchange);
    }
  show_status (self, status, message);
  show_status_class (self, failed ? "error" : NULL, pf_exchange_get_status (exchange));
  /* Fetch: after a network error a script gets no headers at all; say so instead of a blank. */
  set_text (self->headers_view, failed && *headers == '\0'
                                    ? _ ("(None: after a network error, a timeout or an abort "
                                         "getAllResponseHeaders() returns an empty string.)")
                                    : headers);
  if (failed)
    {
      /* The whole message again beside the body, and what a script sees of it. */
      g_autofree char *note = g_strconcat (message, "\n",
                                           _ ("After a network error, a timeout or an abort a "
                                              "script sees status 0, no headers and an empty "
                                              "body."),
                                           NULL);

      show_body_note (self, note);
      /* What loaded before is gone too: responseText is empty after a failure. */
      set_text (self->body_view, "");
      show_in_whole_viewer (self, NULL);
    }
  else
    show_body (self);
  show_raw (self);
  show_header_table (self);
  pf_tls_panel_show (self->tls_panel, pf_exchange_get_tls_info (exchange));
  gtk_progress_bar_set_fraction (self->progress_bar, failed ? 0.0 : 1.0);
}

/* While a request runs, the result area names it and holds nothing from the last one. */
static void
show_running (PfRequestView *self)
{
  g_autofree char *url = _pf_request_view_mask (self, pf_exchange_get_url (self->exchange));
  g_autofree char *line = g_strdup_printf ("%s %s", pf_exchange_get_method (self->exchange), url);

  cancel_body_read (self);
  _pf_request_view_find_reset (self);
  gtk_label_set_label (self->status_label, line);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), line);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  set_text (self->headers_view, "");
  set_text (self->raw_view, "");
  set_text (self->body_view, "");
  show_body_note (self, NULL);
  pf_tls_panel_show (self->tls_panel, NULL);
  gtk_picture_set_paintable (self->body_picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->body_picture), FALSE);
  show_in_whole_viewer (self, NULL);
  gtk_stack_set_visible_child_name (self->result_stack, "result");
}

/* Asks the window to show @message as a toast. */
void
pf_request_view_show_error (PfRequestView *self,
                            const char *message)
{
  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static void
drop_exchange (PfRequestView *self)
{
  cancel_body_read (self);
  live_stop (self);
  if (self->exchange == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->exchange, self);
  pf_exchange_abort (self->exchange);
  g_clear_object (&self->exchange);
}

/* Not a token, or one of the methods XHR's open () refuses: the method entry is marked. */
static gboolean
is_method_error (const GError *error)
{
  return g_error_matches (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_METHOD) ||
         g_error_matches (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_FORBIDDEN_METHOD);
}

static void
sent_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  g_autoptr (PfRequestView) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean sent = pf_exchange_send_finish (PF_EXCHANGE (object), result, &error);

  /* The window was closed: nothing left to show it in. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (PF_EXCHANGE (object) == self->exchange)
    set_busy (self, FALSE);
  if (!sent)
    {
      gboolean method = is_method_error (error);

      /* Bad input: say so where it was typed; nothing was sent. */
      gtk_widget_add_css_class (method ? GTK_WIDGET (self->method_entry)
                                       : GTK_WIDGET (self->url_entry),
                                "error");
      pf_request_view_show_error (self, error->message);
      if (PF_EXCHANGE (object) == self->exchange)
        {
          drop_exchange (self);
          gtk_sort_list_model_set_model (self->timeline_sort, NULL);
          pf_timeline_chart_set_model (self->timeline_chart, NULL);
          gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
          gtk_stack_set_visible_child_name (self->result_stack, "empty");
          show_ready_state (self);
        }
    }
  else if (PF_EXCHANGE (object) == self->exchange)
    {
      show_result (self);
      pf_cors_view_show (self->cors_view, self->exchange);
      /* A new verdict is read from its top, whatever the last one scrolled to. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->cors_scroller), 0);
    }
  update_actions (self);
}

/* Bad input is said where it was typed, before anything starts: the URL or method entry, or
 * the editor's row (a header, a field, the body file), whose page is then shown. */
static gboolean
refuse_bad_input (PfRequestView *self,
                  PfRequest *request)
{
  g_autoptr (GError) error = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->method_entry), "error");
  if (pf_request_validate (request, &error))
    return FALSE;
  if (g_error_matches (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL))
    gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
  else if (is_method_error (error))
    gtk_widget_add_css_class (GTK_WIDGET (self->method_entry), "error");
  else
    {
      pf_request_editor_mark_invalid (self->editor);
      gtk_stack_set_visible_child_name (self->left_stack, "request");
    }
  pf_request_view_show_error (self, error->message);
  return TRUE;
}

/* Sends the tab's request; with @trusted, taking the TLS certificate of that SHA-256
 * fingerprint this once. */
static void
send_request (PfRequestView *self,
              const char *trusted)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->url_entry));
  /* What is sent stays as it was when the user goes on editing the tab's request; its
   * {{variables}} are filled in, and the values of secret ones are masked where shown. */
  g_auto (GStrv) secrets = NULL;
  g_autoptr (PfRequest) request = NULL;
  g_autoptr (GError) error = NULL;

  /* A curl command typed where the URL goes: it becomes the request, to check and send. */
  if (_pf_request_view_is_curl_command (typed))
    {
      _pf_request_view_import_curl (self, typed);
      return;
    }
  request = _pf_request_view_expand (self, &secrets);
  if (request != NULL && trusted != NULL)
    pf_request_set_trusted_certificate (request, trusted);
  if (request == NULL || refuse_bad_input (self, request))
    return;
  drop_exchange (self);
  pf_cors_view_clear (self->cors_view);
  self->exchange = pf_exchange_new (self->profile, request);
  pf_exchange_set_secrets (self->exchange, (const char *const *) secrets);
  /* A page origin: run as that page would (CORS). */
  if (*pf_request_get_origin (request) != '\0' &&
      !pf_cors_flow_attach (self->exchange, &error))
    {
      pf_request_editor_mark_origin_invalid (self->editor);
      gtk_stack_set_visible_child_name (self->left_stack, "request");
      pf_request_view_show_error (self, error->message);
      g_clear_object (&self->exchange);
      return;
    }
  g_signal_connect_swapped (self->exchange, "notify::ready-state", G_CALLBACK (ready_state_cb),
                            self);
  g_signal_connect_swapped (self->exchange, "notify::failure", G_CALLBACK (ready_state_cb), self);
  g_signal_connect_swapped (self->exchange, "notify::loaded", G_CALLBACK (loaded_cb), self);
  g_signal_connect_swapped (self->exchange, "notify::upload-loaded", G_CALLBACK (upload_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->upload_bar), FALSE);
  gtk_sort_list_model_set_model (self->timeline_sort, pf_exchange_get_timeline (self->exchange));
  pf_timeline_chart_set_model (self->timeline_chart, pf_exchange_get_timeline (self->exchange));
  gtk_stack_set_visible_child_name (self->timeline_stack, "list");
  gtk_stack_set_visible_child_name (self->left_stack, "timeline");
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  live_start (self);
  set_busy (self, TRUE);
  pf_exchange_send_async (self->exchange, self->cancellable, sent_cb, g_object_ref (self));
  /* Without a URL the input was refused; sent_cb () says why. */
  if (pf_exchange_get_url (self->exchange) != NULL)
    show_running (self);
  show_ready_state (self);
  update_actions (self);
}

static void
send_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  send_request (PF_REQUEST_VIEW (widget), NULL);
}

/* The TLS panel's choice: trust the refused certificate for this request, or on its host until
 * Preflight quits (kept in the profile, in memory only); either way the request goes again. */
static void
tls_trust_cb (PfRequestView *self,
              const char *fingerprint,
              const char *host)
{
  if (is_running (self) || self->read_only)
    return;
  if (host != NULL)
    pf_profile_trust_certificate (self->profile, host, fingerprint);
  send_request (self, host == NULL ? fingerprint : NULL);
}

static void
abort_action (GtkWidget *widget,
              const char *action_name,
              GVariant *parameter)
{
  PfRequestView *self = PF_REQUEST_VIEW (widget);

  if (self->exchange != NULL)
    pf_exchange_abort (self->exchange);
}

/* request.copy ('curl', 'fetch', 'xhr' or 'http') */
static void
copy_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  const char *style = g_variant_get_string (parameter, NULL);

  _pf_request_view_copy (PF_REQUEST_VIEW (widget), g_str_equal (style, "fetch")  ? PF_COPY_FETCH
                                                   : g_str_equal (style, "xhr")  ? PF_COPY_XHR
                                                   : g_str_equal (style, "http") ? PF_COPY_HTTP
                                                                                 : PF_COPY_CURL);
}

/* Long lines wrapped (the default) or scrolled sideways, in both text views. */
static void
wrap_toggled_cb (PfRequestView *self)
{
  gboolean wrap = gtk_toggle_button_get_active (self->wrap_button);

  gtk_text_view_set_wrap_mode (self->body_view, wrap ? GTK_WRAP_WORD_CHAR : GTK_WRAP_NONE);
  pf_body_viewer_set_wrap (self->whole_body_viewer, wrap);
}

static void
find_previous_cb (PfRequestView *self)
{
  _pf_request_view_find_step (self, FALSE);
}

static void
find_next_cb (PfRequestView *self)
{
  _pf_request_view_find_step (self, TRUE);
}

static void
find_close_cb (PfRequestView *self)
{
  _pf_request_view_find_close (self);
}

static void
find_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  _pf_request_view_find_show (PF_REQUEST_VIEW (widget));
}

static void
save_har_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  _pf_request_view_save_har (PF_REQUEST_VIEW (widget));
}

static void
save_body_action (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  _pf_request_view_save_body (PF_REQUEST_VIEW (widget));
}

static void
method_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  PfRequestView *self = PF_REQUEST_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->method_entry), g_variant_get_string (parameter, NULL));
}

/* Never enabled: the menu lists the methods XHR refuses, insensitive, under why. */
static void
forbidden_method_action (GtkWidget *widget,
                         const char *action_name,
                         GVariant *parameter)
{
}

/* The method menu lists what XHR's open () refuses, insensitive, with a note saying why. */
static void
add_forbidden_methods (PfRequestView *self)
{
  GtkPopover *popover = gtk_menu_button_get_popover (self->method_menu_button);

  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), GTK_WIDGET (self->forbidden_note),
                              "forbidden-note");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.forbidden-method", FALSE);
}

/* A method XHR's open () would refuse is marked as it is typed, not only at Send. */
static void
method_changed_cb (PfRequestView *self)
{
  const char *method = gtk_editable_get_text (GTK_EDITABLE (self->method_entry));

  if (pf_http_is_forbidden_method (method))
    gtk_widget_add_css_class (GTK_WIDGET (self->method_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->method_entry), "error");
}

/* Shows a lesson's title and what to watch above the request. */
void
pf_request_view_set_lesson (PfRequestView *self,
                            const char *title,
                            const char *text)
{
  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  pf_lesson_banner_show (self->lesson_banner, title, text);
}

static void
url_activate_cb (PfRequestView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "request.send", NULL);
}

static void
url_changed_cb (PfRequestView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_entry));

  gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
  if (self->pasting && !self->read_only && _pf_request_view_is_curl_command (text))
    _pf_request_view_import_curl (self, text);
  self->pasting = FALSE;
}

static void
url_paste_cb (PfRequestView *self)
{
  self->pasting = TRUE;
}

static void
request_url_cb (PfRequestView *self)
{
  g_signal_emit (self, signals[SIGNAL_URL_CHANGED], 0);
}

/* Core appends the network phases when their metrics are known; shown by start time they
 * fall between the events they happened between. The sort is stable, so events with the
 * same time keep the order they fired in. */
static int
timeline_entry_compare_time (gconstpointer a,
                             gconstpointer b,
                             gpointer user_data)
{
  gint64 time_a = pf_timeline_entry_get_time_us ((PfTimelineEntry *) a);
  gint64 time_b = pf_timeline_entry_get_time_us ((PfTimelineEntry *) b);

  return (time_a > time_b) - (time_a < time_b);
}

/* The timeline row's closures (pf-timeline-row.ui): the item is NULL while a row is unbound. */
static char *
timeline_row_stamp (GtkListItem *item,
                    PfTimelineEntry *entry)
{
  if (entry == NULL)
    return NULL;
  /* Translators: milliseconds since the request was opened */
  return g_strdup_printf (_ ("+%.1f ms"), pf_timeline_entry_get_time_us (entry) / 1000.0);
}

static char *
timeline_row_description (GtkListItem *item,
                          PfTimelineEntry *entry)
{
  return entry ? pf_timeline_entry_describe (entry) : NULL;
}

static GtkListItemFactory *
timeline_factory_new (void)
{
  g_autoptr (GtkBuilderScope) scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), timeline_row_stamp);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), timeline_row_description);
  return gtk_builder_list_item_factory_new_from_resource (scope, APP_RESOURCE_PATH
                                                          "/pf-timeline-row.ui");
}

static void
pf_request_view_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  PfRequestView *self = PF_REQUEST_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_request_view_dispose (GObject *object)
{
  PfRequestView *self = PF_REQUEST_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  _pf_request_view_find_reset (self);
  drop_exchange (self);
  g_clear_pointer (&self->method_binding, g_binding_unbind);
  g_clear_pointer (&self->url_binding, g_binding_unbind);
  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_REQUEST_VIEW);
  /* The template's children without a name too: the view is a plain widget, not a box. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pf_request_view_parent_class)->dispose (object);
}

static void
pf_request_view_finalize (GObject *object)
{
  PfRequestView *self = PF_REQUEST_VIEW (object);

  g_clear_object (&self->profile);
  g_clear_object (&self->request);
  g_clear_object (&self->variables);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->body_cancellable);
  G_OBJECT_CLASS (pf_request_view_parent_class)->finalize (object);
}

static void
pf_request_view_class_init (PfRequestViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_request_view_dispose;
  object_class->finalize = pf_request_view_finalize;
  object_class->get_property = pf_request_view_get_property;

  /* TRUE from Send until the result is shown: the tab's spinner, and what tests wait for. */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PF_TYPE_BODY_VIEWER);
  g_type_ensure (PF_TYPE_CORS_VIEW);
  g_type_ensure (PF_TYPE_LESSON_BANNER);
  g_type_ensure (PF_TYPE_TLS_PANEL);
  g_type_ensure (PF_TYPE_REQUEST_EDITOR);
  g_type_ensure (PF_TYPE_TIMELINE_CHART);
  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  /* Referencing the resource keeps it (and its registering constructor) linked in from
   * the static library. */
  (void) pf_get_resource ();
  gtk_widget_class_set_layout_manager_type (widget_class, PF_TYPE_TAB_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-request-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, editor);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, cors_view);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, cors_scroller);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, left_stack);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, paned);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, status_line);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, response_stack);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, lesson_banner);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, tls_panel);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, body_picture);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, raw_view);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, upload_bar);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, response_headers_list);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, timeline_chart);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, body_scroller);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, whole_body_scroller);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, whole_body_viewer);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, find_bar);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, find_entry);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, find_count);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, find_case);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, find_word);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, find_regex);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, method_entry);
  gtk_widget_class_bind_template_callback (widget_class, method_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, method_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, forbidden_note);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, url_entry);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, send_stack);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, ready_state_label);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, timeline_sort);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, result_stack);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, body_note);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, save_body_button);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, wrap_button);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, body_view);
  gtk_widget_class_bind_template_child (widget_class, PfRequestView, headers_view);
  gtk_widget_class_bind_template_callback (widget_class, url_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, wrap_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);

  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_URL_CHANGED] = g_signal_new ("url-changed", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                              0);

  gtk_widget_class_install_action (widget_class, "request.method", "s", method_action);
  gtk_widget_class_install_action (widget_class, "request.forbidden-method", "s",
                                   forbidden_method_action);
  gtk_widget_class_install_action (widget_class, "request.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "request.abort", NULL, abort_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "request.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "request.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "request.abort", NULL);
  gtk_widget_class_install_action (widget_class, "request.save-body", NULL,
                                   save_body_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "request.save-body", NULL);
  gtk_widget_class_install_action (widget_class, "request.save-har", NULL, save_har_action);
  gtk_widget_class_install_action (widget_class, "request.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "request.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "request.find",
                                       NULL);
}

static void
pf_request_view_init (PfRequestView *self)
{
  g_autoptr (GtkCustomSorter) sorter = NULL;
  g_autoptr (GtkListItemFactory) factory = NULL;
  g_autoptr (PfRequest) request = pf_request_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _pf_request_view_find_init (self);
  g_object_bind_property (self->save_body_button, "visible", self->wrap_button, "visible",
                          G_BINDING_SYNC_CREATE);
  add_forbidden_methods (self);
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (self->url_entry)),
                            "paste-clipboard", G_CALLBACK (url_paste_cb), self);
  g_signal_connect_swapped (self->tls_panel, "trust", G_CALLBACK (tls_trust_cb), self);
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->body_view), "data",
                              "insert-hyphens", FALSE, NULL);
  /* The accent blue, light enough for dark and light styles alike. */
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->body_view), "newest",
                              "background-rgba", &(GdkRGBA){ 0.21f, 0.52f, 0.89f, 0.25f },
                              NULL);
  /* Grey and italic (not by colour alone): a header the browser added, not the user. */
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->raw_view), "browser-header",
                              "foreground", "#808080", "style", PANGO_STYLE_ITALIC, NULL);
  sorter = gtk_custom_sorter_new (timeline_entry_compare_time, NULL, NULL);
  gtk_sort_list_model_set_sorter (self->timeline_sort, GTK_SORTER (sorter));
  factory = timeline_factory_new ();
  gtk_list_view_set_factory (self->timeline_view, factory);
  /* A new request's text body says its type, as XHR's default for a string would. */
  pf_request_set_body_content_type (request, "text/plain;charset=UTF-8");
  pf_request_view_set_request (self, request);
  pf_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  pf_cors_view_clear (self->cors_view);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  self->cancellable = g_cancellable_new ();
  show_ready_state (self);
  update_actions (self);
}

PfRequestView *
pf_request_view_new (PfProfile *profile)
{
  PfRequestView *self = g_object_new (PF_TYPE_REQUEST_VIEW, NULL);

  self->profile = g_object_ref (profile);
  return self;
}

/* Puts the keyboard focus in the URL entry. */
void
pf_request_view_focus_url (PfRequestView *self)
{
  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
}

/* The tab's request: what the editor shows and edits, and what Send sends a copy of. */
PfRequest *
pf_request_view_get_request (PfRequestView *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_VIEW (self), NULL);
  return self->request;
}

/* Makes @request the tab's request (a lesson's, one from a file or history): the method and
 * URL entries and the editor are bound to it both ways. */
void
pf_request_view_set_request (PfRequestView *self,
                             PfRequest *request)
{
  GBindingFlags both = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  g_return_if_fail (PF_IS_REQUEST (request));

  if (self->request == request)
    return;
  g_clear_pointer (&self->method_binding, g_binding_unbind);
  g_clear_pointer (&self->url_binding, g_binding_unbind);
  if (self->request != NULL)
    g_signal_handlers_disconnect_by_data (self->request, self);
  g_set_object (&self->request, request);
  self->method_binding = g_object_bind_property (request, "method", self->method_entry, "text",
                                                 both);
  self->url_binding = g_object_bind_property (request, "url", self->url_entry, "text", both);
  g_signal_connect_object (request, "notify::url", G_CALLBACK (request_url_cb), self,
                           G_CONNECT_SWAPPED);
  pf_request_editor_set_request (self->editor, request);
  g_signal_emit (self, signals[SIGNAL_URL_CHANGED], 0);
}

gboolean
pf_request_view_get_busy (PfRequestView *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_VIEW (self), FALSE);

  return self->busy;
}

PfExchange *
pf_request_view_get_exchange (PfRequestView *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_VIEW (self), NULL);
  return self->exchange;
}

/* Narrow windows (phones, tiled halves): the editor and the result one above the other, and
 * the status line above the page switcher. */
void
pf_request_view_set_narrow (PfRequestView *self,
                            gboolean narrow)
{
  GtkOrientation orientation = narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned), orientation);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->status_line), orientation);
  gtk_paned_set_position (self->paned, narrow ? 320 : 420);
}

/* Shows @exchange, finished elsewhere (history's), read-only: the tab's request is a copy of
 * its request, which the editor shows but cannot change, and Send is off. */
/* Puts @banner above everything else in the view (the history's "From history" bar). */
void
pf_request_view_add_banner (PfRequestView *self,
                            GtkWidget *banner)
{
  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (banner));

  gtk_widget_insert_after (banner, GTK_WIDGET (self), NULL);
}

void
pf_request_view_show_recorded (PfRequestView *self,
                               PfExchange *exchange)
{
  g_autoptr (PfRequest) request = NULL;

  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  g_return_if_fail (PF_IS_EXCHANGE (exchange));

  request = pf_request_copy (pf_exchange_get_request (exchange));
  drop_exchange (self);
  pf_request_view_set_request (self, request);
  self->read_only = TRUE;
  self->exchange = g_object_ref (exchange);
  gtk_editable_set_editable (GTK_EDITABLE (self->method_entry), FALSE);
  gtk_editable_set_editable (GTK_EDITABLE (self->url_entry), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor), FALSE);
  gtk_sort_list_model_set_model (self->timeline_sort, pf_exchange_get_timeline (exchange));
  pf_timeline_chart_set_model (self->timeline_chart, pf_exchange_get_timeline (exchange));
  gtk_stack_set_visible_child_name (self->timeline_stack, "list");
  gtk_stack_set_visible_child_name (self->left_stack, "timeline");
  show_running (self);
  show_result (self);
  pf_cors_view_show (self->cors_view, exchange);
  show_ready_state (self);
  update_actions (self);
}
