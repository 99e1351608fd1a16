/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-feed-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pf-accessible.h"
#include "pf-feed-view.h"
#include "pf-exchange.h"
#include "pf-http-syntax.h"
#include "pf-long-poll.h"
#include "pf-web-socket.h"

/* A feed tab: an EventSource (its state, the reconnect countdown with the Last-Event-ID it
 * will send), a long-polling loop (each cycle and how long the server held it) or a
 * WebSocket (every frame, with a composer), and a virtualised list of what arrived. Core
 * keeps the lists bounded; this view only shows them. */

enum
{
  KIND_EVENT_SOURCE,
  KIND_LONG_POLL,
  KIND_WEB_SOCKET,
  KIND_STREAM,
};

struct _PfFeedView
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkDropDown *kind_dropdown;
  GtkBox *composer;
  GtkEntry *message_entry;
  GtkToggleButton *pause_button;
  GtkEntry *url_entry;
  GtkStack *connect_stack;
  GtkLabel *state_label;
  GtkLabel *count_label;
  GtkListView *list_view;

  /* Owned */
  PfProfile *profile;
  PfEventSource *source;
  PfLongPoll *poll;
  PfWebSocket *socket;
  PfExchange *stream;
  GtkFilterListModel *chunks;
  guint countdown_id;
  gint64 reconnect_at;
  guint max_entries;
};

G_DEFINE_FINAL_TYPE (PfFeedView, pf_feed_view, GTK_TYPE_BOX)

enum
{
  SIGNAL_TOAST,
  SIGNAL_KIND_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
state_name (PfEventSourceState state)
{
  static const char *const names[] = { "CONNECTING", "OPEN", "CLOSED" };

  return names[state];
}

static GListModel *
current_list (PfFeedView *self)
{
  if (self->source != NULL)
    return pf_event_source_get_entries (self->source);
  if (self->poll != NULL)
    return pf_long_poll_get_cycles (self->poll);
  if (self->socket != NULL)
    return pf_web_socket_get_frames (self->socket);
  if (self->chunks != NULL)
    return G_LIST_MODEL (self->chunks);
  return NULL;
}

static guint64
current_dropped (PfFeedView *self)
{
  return self->source ? pf_event_source_get_dropped (self->source)
         : self->poll ? pf_long_poll_get_dropped (self->poll)
         : self->socket ? pf_web_socket_get_dropped (self->socket)
                        : 0;
}

static gboolean
is_running (PfFeedView *self)
{
  return (self->stream && pf_exchange_get_ready_state (self->stream) != PF_READY_STATE_DONE &&
          pf_exchange_get_failure (self->stream) == PF_FAILURE_NONE) ||
         (self->source && pf_event_source_get_ready_state (self->source) != PF_EVENT_SOURCE_CLOSED) ||
         (self->poll && pf_long_poll_get_running (self->poll)) ||
         (self->socket && pf_web_socket_get_state (self->socket) != PF_WEB_SOCKET_CLOSED);
}

static char *
state_text (PfFeedView *self)
{
  static const char *const socket_states[] = { "CONNECTING", "OPEN", "CLOSING", "CLOSED" };
  PfEventSourceState state;
  const char *id;

  if (self->poll != NULL)
    return g_strdup (pf_long_poll_get_running (self->poll) ? _("Polling: each answer starts the next request")
                                                           : _("Stopped"));
  if (self->stream != NULL)
    {
      g_autofree char *size = g_format_size (pf_exchange_get_loaded (self->stream));

      /* Translators: an XMLHttpRequest readyState number, then the bytes received */
      return g_strdup_printf (_("readyState %d · %s received"), pf_exchange_get_ready_state (self->stream), size);
    }
  if (self->socket != NULL)
    /* Translators: a WebSocket readyState number and name */
    return g_strdup_printf (_("readyState %d · %s"), pf_web_socket_get_state (self->socket),
                            socket_states[pf_web_socket_get_state (self->socket)]);
  state = self->source ? pf_event_source_get_ready_state (self->source) : PF_EVENT_SOURCE_CLOSED;
  id = self->source ? pf_event_source_get_last_event_id (self->source) : "";
  if (state == PF_EVENT_SOURCE_CONNECTING && self->reconnect_at > 0)
    /* Translators: seconds until the reconnect, then the Last-Event-ID it sends */
    return g_strdup_printf (_("readyState 0 · CONNECTING · reconnect in %.1f s with Last-Event-ID “%s”"),
                            MAX (0, self->reconnect_at - g_get_monotonic_time ()) / 1e6, id);
  /* Translators: readyState number and name, then the last event id */
  return g_strdup_printf (_("readyState %d · %s · Last-Event-ID “%s”"), state, state_name (state), id);
}

static void
show_state (PfFeedView *self)
{
  g_autofree char *text = state_text (self);
  g_autofree char *count = NULL;
  g_autofree char *dropped = g_strdup_printf ("%" G_GUINT64_FORMAT, current_dropped (self));
  GListModel *list = current_list (self);
  gboolean running = is_running (self);

  gtk_label_set_label (self->state_label, text);
  /* Translators: how many entries the list holds, and how many it dropped */
  count = g_strdup_printf (_("%u entries, %s dropped"), list ? g_list_model_get_n_items (list) : 0, dropped);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.close", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.send-message",
                                 self->socket && pf_web_socket_get_state (self->socket) == PF_WEB_SOCKET_OPEN);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), !running);
  gtk_stack_set_visible_child_name (self->connect_stack, running ? "close" : "connect");
}

static gboolean
countdown_cb (gpointer user_data)
{
  PfFeedView *self = user_data;

  show_state (self);
  return G_SOURCE_CONTINUE;
}

/* Each open, error and reconnect: the state and, after an error, the countdown to the
 * reconnect. */
static void
entry_added_cb (PfEventSource      *source,
                PfEventSourceEntry *entry,
                PfFeedView         *self)
{
  PfEventSourceEntryKind kind = pf_event_source_entry_get_kind (entry);

  if (kind == PF_EVENT_SOURCE_ENTRY_ERROR && pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_CONNECTING)
    self->reconnect_at = g_get_monotonic_time () + (gint64) pf_event_source_get_retry_ms (source) * 1000;
  else if (kind != PF_EVENT_SOURCE_ENTRY_MESSAGE)
    self->reconnect_at = 0;
  if (kind != PF_EVENT_SOURCE_ENTRY_MESSAGE)
    show_state (self);
}

static void
drop_source (PfFeedView *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  self->reconnect_at = 0;
  if (self->source != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->source, self);
      pf_event_source_close (self->source);
      g_clear_object (&self->source);
    }
  if (self->poll != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->poll, self);
      pf_long_poll_stop (self->poll);
      g_clear_object (&self->poll);
    }
  if (self->socket != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->socket, self);
      pf_web_socket_close (self->socket, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->socket);
    }
  if (self->stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->stream, self);
      pf_exchange_abort (self->stream);
      g_clear_object (&self->stream);
    }
  g_clear_object (&self->chunks);
}

static gboolean
is_chunk (gpointer item,
          gpointer user_data)
{
  return pf_timeline_entry_get_kind (item) == PF_TIMELINE_CHUNK;
}

static void
stream_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (PfFeedView) self = user_data;

  pf_exchange_send_finish (PF_EXCHANGE (object), result, NULL);
  if (PF_EXCHANGE (object) == self->stream)
    show_state (self);
}

/* HTTP streaming: one GET whose chunks, as they arrive at readyState 3, are the list. */
static gboolean
start_stream (PfFeedView *self,
              const char *url,
              GError    **error)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (GtkCustomFilter) filter = gtk_custom_filter_new (is_chunk, NULL, NULL);

  pf_request_set_url (request, url);
  if (!pf_http_check_url (url, error))
    return FALSE;
  self->stream = pf_exchange_new (self->profile, request);
  self->chunks = gtk_filter_list_model_new (g_object_ref (pf_exchange_get_timeline (self->stream)),
                                            GTK_FILTER (g_steal_pointer (&filter)));
  g_signal_connect_swapped (self->stream, "notify::ready-state", G_CALLBACK (show_state), self);
  pf_exchange_send_async (self->stream, NULL, stream_sent_cb, g_object_ref (self));
  return TRUE;
}

static gboolean
start_feed (PfFeedView *self,
            const char *url,
            GError    **error)
{
  switch (gtk_drop_down_get_selected (self->kind_dropdown))
    {
    case KIND_LONG_POLL:
      if (!(self->poll = pf_long_poll_new (self->profile, url, error)))
        return FALSE;
      pf_long_poll_set_max_cycles (self->poll, self->max_entries);
      g_signal_connect_swapped (self->poll, "cycle-done", G_CALLBACK (show_state), self);
      pf_long_poll_start (self->poll);
      return TRUE;
    case KIND_STREAM:
      return start_stream (self, url, error);
    case KIND_WEB_SOCKET:
      if (!(self->socket = pf_web_socket_new (self->profile, url, error)))
        return FALSE;
      pf_web_socket_set_max_frames (self->socket, self->max_entries);
      g_signal_connect_swapped (self->socket, "notify::state", G_CALLBACK (show_state), self);
      pf_web_socket_connect (self->socket);
      return TRUE;
    case KIND_EVENT_SOURCE:
    default:
      if (!(self->source = pf_event_source_new (self->profile, url, error)))
        return FALSE;
      pf_event_source_set_max_entries (self->source, self->max_entries);
      /* The state changes, not each message: no entry object is made per message. */
      g_signal_connect (self->source, "entry-added::open", G_CALLBACK (entry_added_cb), self);
      g_signal_connect (self->source, "entry-added::error", G_CALLBACK (entry_added_cb), self);
      g_signal_connect (self->source, "entry-added::reconnect", G_CALLBACK (entry_added_cb), self);
      g_signal_connect_swapped (self->source, "notify::ready-state", G_CALLBACK (show_state), self);
      pf_event_source_connect (self->source);
      return TRUE;
    }
}

static void
selected_cb (PfFeedView *self)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->list_view));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.copy",
                                 selection && gtk_single_selection_get_selected_item (selection));
}

/* Shows @list (taking it); a row can be selected, and copied. */
static void
show_list (PfFeedView *self,
           GListModel *list)
{
  g_autoptr (GtkSingleSelection) selection = gtk_single_selection_new (list);

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect_object (selection, "notify::selected", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  selected_cb (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);
  g_autoptr (GError) error = NULL;

  drop_source (self);
  if (!start_feed (self, gtk_editable_get_text (GTK_EDITABLE (self->url_entry)), &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
      g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
      show_state (self);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
  gtk_toggle_button_set_active (self->pause_button, FALSE);
  show_list (self, g_object_ref (current_list (self)));
  /* Five times a second: the countdown and the count stay current without a redraw per event. */
  self->countdown_id = g_timeout_add (200, countdown_cb, self);
  show_state (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);

  if (self->source != NULL)
    pf_event_source_close (self->source);
  if (self->poll != NULL)
    pf_long_poll_stop (self->poll);
  if (self->socket != NULL)
    pf_web_socket_close (self->socket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  if (self->stream != NULL)
    pf_exchange_abort (self->stream);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  self->reconnect_at = 0;
  show_state (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);

  if (self->source != NULL)
    pf_event_source_clear_entries (self->source);
  else if (current_list (self) != NULL && G_IS_LIST_STORE (current_list (self)))
    g_list_store_remove_all (G_LIST_STORE (current_list (self)));
  show_state (self);
}

/* Paused, the list holds still; the feed goes on underneath and the list catches up when the
 * pause ends. An EventSource holds its list of entries itself (a feed of a million events
 * pauses at once); the other lists are copied. */
static void
pause_toggled_cb (PfFeedView *self)
{
  GListModel *live = current_list (self);
  GListStore *frozen;

  if (self->source != NULL)
    {
      pf_event_source_hold_entries (self->source,
                                    gtk_toggle_button_get_active (self->pause_button));
      show_state (self);
      return;
    }
  if (live == NULL)
    return;
  if (gtk_toggle_button_get_active (self->pause_button))
    {
      frozen = g_list_store_new (G_TYPE_OBJECT);
      for (guint i = 0; i < g_list_model_get_n_items (live); i++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (live, i);
          g_list_store_append (frozen, item);
        }
      show_list (self, G_LIST_MODEL (frozen));
    }
  else
    show_list (self, g_object_ref (live));
}

static void
send_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->message_entry));

  if (self->socket != NULL && pf_web_socket_send_text (self->socket, text))
    gtk_editable_set_text (GTK_EDITABLE (self->message_entry), "");
}

static void
message_activate_cb (PfFeedView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "feed.send-message", NULL);
}

static void
kind_changed_cb (PfFeedView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->composer),
                          gtk_drop_down_get_selected (self->kind_dropdown) == KIND_WEB_SOCKET);
  g_signal_emit (self, signals[SIGNAL_KIND_CHANGED], 0);
}

static void
url_activate_cb (PfFeedView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "feed.connect", NULL);
}

/* A tooltip shows at most this many characters of a longer text. */
#define TOOLTIP_MAX_CHARS 2000

/* The whole text of a row, when its line cuts it. */
static gboolean
text_cell_query_tooltip_cb (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip,
                            gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  g_autoptr (PangoLayout) layout = NULL;
  g_autofree char *head = NULL;
  g_autofree char *shown = NULL;
  int width = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  layout = gtk_widget_create_pango_layout (widget, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (widget))
    return FALSE;
  if (g_utf8_strlen (text, TOOLTIP_MAX_CHARS * 4) > TOOLTIP_MAX_CHARS)
    {
      head = g_utf8_substring (text, 0, TOOLTIP_MAX_CHARS);
      shown = g_strconcat (head, "…", NULL);
    }
  gtk_tooltip_set_text (tooltip, shown ? shown : text);
  return TRUE;
}

/* A row's text: one line, cut with an ellipsis, with its tooltip. */
static GtkWidget *
text_cell_new (void)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 8);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 60);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (text_cell_query_tooltip_cb), NULL);
  return cell;
}

/* A row is one line (so every row has the same height and a million of them scroll
 * evenly), in inscriptions, which take the size they are given instead of measuring their
 * text: a list view makes a couple of hundred rows at once. */
/* A row's time and kind share one inscription: each inscription shapes a sample text twice to
 * measure itself, and a list view makes 200 rows at once when the first events come. */
#define STAMP_TIME_BYTES 11  /* "+12345.6 ms": times line up on their right */
#define STAMP_KIND_CHARS 14

static void
entry_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *stamp = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (stamp), STAMP_TIME_BYTES + 2 + STAMP_KIND_CHARS);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (stamp), STAMP_TIME_BYTES + 2 + STAMP_KIND_CHARS);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (stamp),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), stamp);
  gtk_box_append (GTK_BOX (box), text_cell_new ());
  gtk_list_item_set_child (item, box);
}

/* The time, dimmed in monospace and padded so times line up (the number is ASCII, the unit the
 * same on every row), then the kind in bold. */
static void
set_stamp (GtkInscription *cell,
           const char     *time_text,
           const char     *kind)
{
  g_autofree char *text = g_strdup_printf ("%*s  %s", STAMP_TIME_BYTES, time_text, kind);
  guint time_end = MAX (STAMP_TIME_BYTES, (guint) strlen (time_text));
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoAttribute *attribute;

  attribute = pango_attr_family_new ("monospace");
  attribute->end_index = time_end;
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_foreground_alpha_new (G_MAXUINT16 * 55 / 100);
  attribute->end_index = time_end;
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attribute->start_index = time_end;
  pango_attr_list_insert (attributes, attribute);
  gtk_inscription_set_text (cell, text);
  gtk_inscription_set_attributes (cell, attributes);
  pango_attr_list_unref (attributes);
}

static char *
describe_entry (PfEventSourceEntry *entry)
{
  const char *id = pf_event_source_entry_get_last_event_id (entry);

  switch (pf_event_source_entry_get_kind (entry))
    {
    case PF_EVENT_SOURCE_ENTRY_OPEN:
      /* Translators: %u is the connection's number */
      return g_strdup_printf (_("connection %u is open"), pf_event_source_entry_get_connection (entry));
    case PF_EVENT_SOURCE_ENTRY_MESSAGE:
      return g_strdup_printf ("%s%s%s", pf_event_source_entry_get_data (entry, NULL),
                              *id ? "  · id " : "", id);
    case PF_EVENT_SOURCE_ENTRY_ERROR:
      return g_strdup_printf ("readyState %d · %s", pf_event_source_entry_get_ready_state (entry),
                              pf_event_source_entry_get_detail (entry));
    case PF_EVENT_SOURCE_ENTRY_RECONNECT:
    default:
      /* Translators: the delay waited, then the Last-Event-ID sent */
      return g_strdup_printf (_("after %u ms, with Last-Event-ID “%s”"),
                              (guint) pf_event_source_entry_get_delay_ms (entry), id);
    }
}

/* A long-polling cycle: status, how long the server held it, what came back. */
static char *
describe_cycle (PfLongPollCycle *cycle)
{
  const char *error = pf_long_poll_cycle_get_error (cycle);

  if (error != NULL)
    /* Translators: why the cycle failed, then the back-off in ms */
    return g_strdup_printf (_("%s; next try in %u ms"), error, pf_long_poll_cycle_get_next_delay_ms (cycle));
  /* Translators: status, milliseconds the server held the request, then the answer */
  return g_strdup_printf (_("%u after %.0f ms: %s"), pf_long_poll_cycle_get_status (cycle),
                          pf_long_poll_cycle_get_held_us (cycle) / 1000.0, pf_long_poll_cycle_get_text (cycle));
}

/* A WebSocket frame: its direction and content. */
static char *
describe_frame (PfWebSocketFrame *frame,
                const char      **kind)
{
  static const char *const names[] = { "open", "text", "binary", "pong", "close", "error" };
  PfWebSocketFrameKind frame_kind = pf_web_socket_frame_get_kind (frame);
  const char *arrow = pf_web_socket_frame_get_sent (frame) ? "→ " : "← ";
  GBytes *bytes = pf_web_socket_frame_get_bytes (frame);
  const char *text = pf_web_socket_frame_get_text (frame);

  *kind = names[frame_kind];
  if (frame_kind == PF_WEB_SOCKET_FRAME_CLOSE)
    return g_strdup_printf ("%s%u %s", arrow, pf_web_socket_frame_get_code (frame), text ? text : "");
  if (frame_kind == PF_WEB_SOCKET_FRAME_BINARY || frame_kind == PF_WEB_SOCKET_FRAME_PONG)
    {
      g_autofree char *size = g_format_size (bytes ? g_bytes_get_size (bytes) : 0);
      return g_strdup_printf ("%s%s", arrow, size);
    }
  return g_strdup_printf ("%s%s", frame_kind == PF_WEB_SOCKET_FRAME_TEXT ? arrow : "", text ? text : "");
}

/* What a row shows of @object: its text, kind and time. */
static char *
describe_item (gpointer     object,
               const char **kind_text,
               gint64      *time_us)
{
  static const char *const kinds[] = { "open", NULL, "error", "reconnect" };

  if (PF_IS_EVENT_SOURCE_ENTRY (object))
    {
      PfEventSourceEntryKind entry_kind = pf_event_source_entry_get_kind (object);

      *time_us = pf_event_source_entry_get_time_us (object);
      *kind_text = entry_kind == PF_EVENT_SOURCE_ENTRY_MESSAGE
                     ? pf_event_source_entry_get_event_type (object)
                     : kinds[entry_kind];
      return describe_entry (object);
    }
  if (PF_IS_TIMELINE_ENTRY (object))
    {
      *time_us = pf_timeline_entry_get_time_us (object);
      *kind_text = "chunk";
      return g_strdup (pf_timeline_entry_get_detail (object) ? pf_timeline_entry_get_detail (object)
                                                             : "");
    }
  if (PF_IS_LONG_POLL_CYCLE (object))
    {
      *time_us = pf_long_poll_cycle_get_start_us (object);
      *kind_text = pf_long_poll_cycle_get_error (object) ? "error" : "cycle";
      return describe_cycle (object);
    }
  *time_us = pf_web_socket_frame_get_time_us (object);
  return describe_frame (object, kind_text);
}

static void
entry_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *stamp_cell = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  const char *kind_text = NULL;
  gint64 time_us = 0;
  g_autofree char *text = describe_item (gtk_list_item_get_item (item), &kind_text, &time_us);
  g_autofree char *stamp = g_strdup_printf (_("+%.1f ms"), time_us / 1000.0);

  set_stamp (GTK_INSCRIPTION (stamp_cell), stamp, kind_text);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_next_sibling (stamp_cell)), text);
}

/* Ctrl+C on a selected row: a message's data as it came, anything else as the row says it. */
static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->list_view));
  gpointer object = selection ? gtk_single_selection_get_selected_item (selection) : NULL;
  const char *kind_text = NULL;
  gint64 time_us = 0;
  g_autofree char *text = NULL;

  if (object == NULL)
    return;
  if (PF_IS_EVENT_SOURCE_ENTRY (object) &&
      pf_event_source_entry_get_kind (object) == PF_EVENT_SOURCE_ENTRY_MESSAGE)
    text = g_strdup (pf_event_source_entry_get_data (object, NULL));
  else
    text = describe_item (object, &kind_text, &time_us);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
pf_feed_view_dispose (GObject *object)
{
  PfFeedView *self = PF_FEED_VIEW (object);

  drop_source (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_FEED_VIEW);
  G_OBJECT_CLASS (pf_feed_view_parent_class)->dispose (object);
}

static void
pf_feed_view_finalize (GObject *object)
{
  PfFeedView *self = PF_FEED_VIEW (object);

  g_clear_object (&self->profile);
  G_OBJECT_CLASS (pf_feed_view_parent_class)->finalize (object);
}

static void
pf_feed_view_class_init (PfFeedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_feed_view_dispose;
  object_class->finalize = pf_feed_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/pf-feed-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, composer);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, message_entry);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, url_entry);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_activate_cb);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, pause_button);
  gtk_widget_class_bind_template_callback (widget_class, pause_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, connect_stack);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, state_label);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, url_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_bind_cb);

  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_KIND_CHANGED] = g_signal_new ("kind-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "feed.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "feed.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "feed.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "feed.send-message", NULL, send_message_action);
  gtk_widget_class_install_action (widget_class, "feed.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "feed.copy",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "feed.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "feed.close", NULL);
}

static void
pf_feed_view_init (PfFeedView *self)
{
  self->max_entries = PF_EVENT_SOURCE_MAX_ENTRIES_DEFAULT;
  gtk_widget_init_template (GTK_WIDGET (self));
  pf_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  show_state (self);
}

PfFeedView *
pf_feed_view_new (PfProfile *profile)
{
  PfFeedView *self = g_object_new (PF_TYPE_FEED_VIEW, NULL);

  self->profile = g_object_ref (profile);
  return self;
}

void
pf_feed_view_set_url (PfFeedView *self,
                      const char *url)
{
  g_return_if_fail (PF_IS_FEED_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), url ? url : "");
}

const char *
pf_feed_view_get_url (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->url_entry));
}

/* Chooses the kind of feed the next Connect opens (0 EventSource, 1 long polling,
 * 2 WebSocket, 3 HTTP streaming). */
void
pf_feed_view_set_kind (PfFeedView *self,
                       guint       kind)
{
  g_return_if_fail (PF_IS_FEED_VIEW (self));
  gtk_drop_down_set_selected (self->kind_dropdown, MIN (kind, KIND_STREAM));
}

/* The kind of feed chosen (see pf_feed_view_set_kind ()). */
guint
pf_feed_view_get_kind (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), 0);
  return gtk_drop_down_get_selected (self->kind_dropdown);
}

/* The WebSocket of the last Connect, or NULL. */
PfWebSocket *
pf_feed_view_get_web_socket (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return self->socket;
}

/* The long-polling loop of the last Connect, or NULL. */
PfLongPoll *
pf_feed_view_get_long_poll (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return self->poll;
}

/* The EventSource of the last Connect, or NULL. */
PfEventSource *
pf_feed_view_get_event_source (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return self->source;
}

/* How many entries the next connection keeps (the oldest go first). */
void
pf_feed_view_set_max_entries (PfFeedView *self,
                              guint       max_entries)
{
  g_return_if_fail (PF_IS_FEED_VIEW (self));
  self->max_entries = max_entries;
}
