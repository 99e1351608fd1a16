/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-feed-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-accessible.h"
#include "pf-feed-row.h"
#include "pf-feed-view.h"
#include "pf-http-syntax.h"
#include "pf-har.h"
#include "pf-lesson-banner.h"
#include "pf-poll-chart.h"
#include "pf-save-dialog.h"
#include "pf-tab-layout.h"
#include "pf-timeline-entry.h"

/* A feed tab: an EventSource (its state, the reconnect countdown with the Last-Event-ID it
 * will send), a long-polling loop (each cycle and how long the server held it), a WebSocket
 * (every frame, with a composer) or an HTTP stream (each chunk), and a virtualised list of
 * what arrived. Each is a PfFeed: core keeps the lists bounded and says the state; this view
 * shows them, and the table below says what differs between the kinds. */

struct _PfFeedView
{
  GtkWidget parent_instance;

  /* Template widgets */
  PfLessonBanner *lesson_banner;
  GtkDropDown *kind_dropdown;
  GtkBox *composer;
  GtkEntry *message_entry;
  GtkToggleButton *pause_button;
  GtkEntry *url_entry;
  GtkBox *cors_options;
  GtkEntry *origin_entry;
  GtkCheckButton *credentials_check;
  GtkLabel *cors_label;
  GtkStack *connect_stack;
  GtkLabel *state_label;
  GtkLabel *count_label;
  GtkListView *list_view;
  GtkBox *poll_box;
  PfPollChart *poll_chart;
  GtkLabel *poll_stats;

  /* Owned */
  PfProfile *profile;
  PfFeed *feed;
  PfFeedKind feed_kind;  /* the kind of the feed whose items the list shows */
  guint countdown_id;
  guint max_entries;
};

G_DEFINE_FINAL_TYPE (PfFeedView, pf_feed_view, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_TOAST,
  SIGNAL_KIND_CHANGED,
  SIGNAL_URL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *describe_entry (gpointer item, const char **kind, gint64 *time_us);
static char *describe_cycle (gpointer item, const char **kind, gint64 *time_us);
static char *describe_frame (gpointer item, const char **kind, gint64 *time_us);
static char *describe_chunk (gpointer item, const char **kind, gint64 *time_us);
static char *describe_lane_cycle (gpointer item, const char **kind, gint64 *time_us);

/* What differs between the kinds of feed; the rest goes through PfFeed. */
static const struct
{
  const char *lab_path;  /* the lab server's feed of this kind */
  const char *title;     /* the tab's title */
  gboolean composer;     /* the user sends messages */
  /* A row's text, its kind and its time (µs since the feed started) */
  char *(*describe) (gpointer item, const char **kind, gint64 *time_us);
} kinds[] = {
  [PF_FEED_KIND_EVENT_SOURCE] = {
    .lab_path = "events?interval=1000&retry=2000&drop-after=5",
    .title = N_("Events"),
    .describe = describe_entry,
  },
  [PF_FEED_KIND_LONG_POLL] = {
    .lab_path = "poll?hold=2000",
    .title = N_("Long polling"),
    .describe = describe_cycle,
  },
  [PF_FEED_KIND_WEB_SOCKET] = {
    .lab_path = "ws",
    .title = N_("WebSocket"),
    .composer = TRUE,
    .describe = describe_frame,
  },
  [PF_FEED_KIND_STREAM] = {
    .lab_path = "stream?lines=20&interval=300",
    .title = N_("HTTP streaming"),
    .describe = describe_chunk,
  },
  [PF_FEED_KIND_POLL_COMPARISON] = {
    .lab_path = "news",
    .title = N_("Polling compared"),
    .describe = describe_lane_cycle,
  },
};

static void
show_count (PfFeedView *self)
{
  GListModel *items = self->feed ? pf_feed_get_items (self->feed) : NULL;
  guint n_items = items ? g_list_model_get_n_items (items) : 0;
  g_autofree char *dropped = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              self->feed ? pf_feed_get_dropped (self->feed) : 0);
  g_autofree char *count = NULL;

  /* Translators: how many entries the list holds, and how many it dropped */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry, %s dropped",
                                        "%u entries, %s dropped", n_items),
                           n_items, dropped);
  gtk_label_set_label (self->count_label, count);
}

/* An EventSource opened with a page origin: what the CORS check of its response said. */
static void
show_cors_verdict (PfFeedView *self)
{
  PfEventSource *source = PF_IS_EVENT_SOURCE (self->feed) ? PF_EVENT_SOURCE (self->feed) : NULL;
  const char *verdict = source ? pf_event_source_get_cors_verdict (source) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->cors_label), verdict != NULL);
  if (verdict == NULL)
    return;
  gtk_label_set_label (self->cors_label, verdict);
  if (pf_event_source_get_cors_blocked (source))
    gtk_widget_add_css_class (GTK_WIDGET (self->cors_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->cors_label), "error");
}

/* A line per loop of a comparison: what it cost and what it gave. */
static char *
describe_lane (PfPollComparison *comparison,
               PfPollLane        lane)
{
  PfPollLaneStats stats;
  gint64 delay_us = pf_poll_comparison_get_mean_delay_us (comparison, lane);
  g_autofree char *late = NULL;

  pf_poll_comparison_get_stats (comparison, lane, &stats);
  late = delay_us < 0 ? g_strdup (_("no news yet"))
                      /* Translators: how late, on average, news reached the page */
                      : g_strdup_printf (_("news %.0f ms late on average"), delay_us / 1000.0);
  /* Translators: the loop's name, then its counts of requests, 304 answers, news, errors,
   * then how late the news came */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %u request · %u nothing new (304) · %u with news · "
                                       "%u failed · %s",
                                       "%s: %u requests · %u nothing new (304) · %u with news · "
                                       "%u failed · %s",
                                       stats.requests),
                          lane == PF_POLL_LANE_SHORT ? _("Short polling") : _("Long polling"),
                          stats.requests, stats.not_modified, stats.news, stats.errors, late);
}

static void
show_poll_stats (PfFeedView *self)
{
  PfPollComparison *comparison = PF_IS_POLL_COMPARISON (self->feed)
                                   ? PF_POLL_COMPARISON (self->feed) : NULL;
  g_autofree char *short_line = NULL, *long_line = NULL, *text = NULL;

  if (comparison == NULL)
    {
      gtk_label_set_label (self->poll_stats,
                           _("Connect to poll one URL both ways at once: short polling asks "
                             "every second, long polling lets the server hold each request "
                             "until there is news."));
      return;
    }
  short_line = describe_lane (comparison, PF_POLL_LANE_SHORT);
  long_line = describe_lane (comparison, PF_POLL_LANE_LONG);
  text = g_strconcat (short_line, "\n", long_line, NULL);
  gtk_label_set_label (self->poll_stats, text);
}

static void
show_state (PfFeedView *self)
{
  gboolean running = self->feed && pf_feed_get_running (self->feed);
  g_autofree char *state = self->feed ? pf_feed_dup_state_text (self->feed)
                                      : g_strdup (_("Not connected"));

  gtk_label_set_label (self->state_label, state);
  show_cors_verdict (self);
  show_count (self);
  show_poll_stats (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.close", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.save-har",
                                 PF_IS_WEB_SOCKET (self->feed) &&
                                   pf_web_socket_get_started_real_us (PF_WEB_SOCKET (self->feed)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.send-message",
                                 PF_IS_WEB_SOCKET (self->feed) &&
                                   pf_web_socket_get_state (PF_WEB_SOCKET (self->feed)) ==
                                     PF_WEB_SOCKET_OPEN);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cors_options), !running);
  gtk_stack_set_visible_child_name (self->connect_stack, running ? "close" : "connect");
}

/* Five times a second: the countdown and the count stay current without a redraw per event. */
static gboolean
countdown_cb (gpointer user_data)
{
  PfFeedView *self = user_data;

  show_state (self);
  return G_SOURCE_CONTINUE;
}

/* Lets go of the feed: a WebSocket hears that its tab goes away. */
static void
drop_feed (PfFeedView *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->feed == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->feed, self);
  pf_poll_chart_set_comparison (self->poll_chart, NULL);
  pf_feed_stop (self->feed, PF_FEED_STOP_GOING_AWAY);
  g_clear_object (&self->feed);
}

static void
selected_cb (PfFeedView *self)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->list_view));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feed.copy",
                                 selection && gtk_single_selection_get_selected_item (selection));
}

/* Shows @list (NULL: nothing); a row can be selected, and copied. */
static void
show_list (PfFeedView *self,
           GListModel *list)
{
  g_autoptr (GtkSingleSelection) selection = NULL;

  if (list == NULL)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      selected_cb (self);
      return;
    }
  selection = gtk_single_selection_new (g_object_ref (list));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect_object (selection, "notify::selected", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  selected_cb (self);
}

/* Lets go of the feed and empties the list. */
static void
forget_feed (PfFeedView *self)
{
  drop_feed (self);
  show_list (self, NULL);
  show_state (self);
}

/* The kind chosen in the drop-down, whose items are in PfFeedKind's order. */
static PfFeedKind
chosen_kind (PfFeedView *self)
{
  return (PfFeedKind) gtk_drop_down_get_selected (self->kind_dropdown);
}

/* The page origin (and, for an EventSource, withCredentials) of the options row. A WebSocket
 * sends it as Origin and is not under CORS: the server decides from it. */
static gboolean
set_page_origin (PfFeedView *self,
                 GError    **error)
{
  g_autofree char *origin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->origin_entry)));

  if (PF_IS_WEB_SOCKET (self->feed))
    {
      if (*g_strstrip (origin) != '\0' && !pf_http_check_header_value ("Origin", origin, error))
        return FALSE;
      pf_web_socket_set_origin (PF_WEB_SOCKET (self->feed), origin);
      return TRUE;
    }
  return pf_event_source_set_origin (PF_EVENT_SOURCE (self->feed), g_strstrip (origin),
                                     gtk_check_button_get_active (self->credentials_check),
                                     error);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_entry));
  g_autoptr (GError) error = NULL;

  forget_feed (self);
  self->feed = pf_feed_new (chosen_kind (self), self->profile, url, &error);
  if (self->feed == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
      g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->origin_entry), "error");
  if ((PF_IS_EVENT_SOURCE (self->feed) || PF_IS_WEB_SOCKET (self->feed)) &&
      !set_page_origin (self, &error))
    {
      g_clear_object (&self->feed);
      gtk_widget_add_css_class (GTK_WIDGET (self->origin_entry), "error");
      g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
      return;
    }
  self->feed_kind = chosen_kind (self);
  pf_feed_set_max_items (self->feed, self->max_entries);
  g_signal_connect_swapped (self->feed, "state-changed", G_CALLBACK (show_state), self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
  gtk_toggle_button_set_active (self->pause_button, FALSE);
  show_list (self, pf_feed_get_items (self->feed));
  if (PF_IS_POLL_COMPARISON (self->feed))
    pf_poll_chart_set_comparison (self->poll_chart, PF_POLL_COMPARISON (self->feed));
  pf_feed_start (self->feed);
  self->countdown_id = g_timeout_add (200, countdown_cb, self);
  show_state (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);

  if (self->feed != NULL)
    pf_feed_stop (self->feed, PF_FEED_STOP_CLOSE);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  show_state (self);
}

typedef struct
{
  PfFeedView *view;
  GFile *file;
} HarSave;

static void
har_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  HarSave *save = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (save->file);
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (save->file, result, NULL, &error))
    /* Translators: %s says why, e.g. “Permission denied” */
    message = g_strdup_printf (_("Could not save the HAR file: %s"), error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved the WebSocket as HAR to “%s”"), name);
  g_signal_emit (save->view, signals[SIGNAL_TOAST], 0, message);
  g_object_unref (save->view);
  g_object_unref (save->file);
  g_free (save);
}

/* Writes the WebSocket's handshake and messages as HAR to @file, off the main thread. */
void
pf_feed_view_save_har_to (PfFeedView *self,
                          GFile      *file)
{
  g_autoptr (JsonNode) har = NULL;
  g_autoptr (GBytes) bytes = NULL;
  HarSave *save;
  gsize length = 0;
  char *data;

  g_return_if_fail (PF_IS_FEED_VIEW (self));
  g_return_if_fail (PF_IS_WEB_SOCKET (self->feed));
  har = pf_har_new_for_web_socket (PF_WEB_SOCKET (self->feed));
  data = pf_har_to_data (har, &length);
  bytes = g_bytes_new_take (data, length);
  save = g_new0 (HarSave, 1);
  save->view = g_object_ref (self);
  save->file = g_object_ref (file);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL, har_written_cb,
                                       save);
}

static void
har_file_chosen_cb (GFile   *file,
                    gboolean include_secrets,
                    gpointer data)
{
  g_autoptr (PfFeedView) self = data;

  if (file != NULL && PF_IS_WEB_SOCKET (self->feed))
    pf_feed_view_save_har_to (self, file);
}

static void
save_har_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pf_save_dialog_ask (widget, _("Save WebSocket as HAR"), "websocket.har", FALSE,
                      har_file_chosen_cb, g_object_ref (widget));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);

  if (self->feed != NULL)
    pf_feed_clear (self->feed);
  show_state (self);
}

/* Paused, the list holds still; the feed goes on underneath and the list catches up when the
 * pause ends. */
static void
pause_toggled_cb (PfFeedView *self)
{
  if (self->feed != NULL)
    pf_feed_hold (self->feed, gtk_toggle_button_get_active (self->pause_button));
  show_state (self);
}

static void
send_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PfFeedView *self = PF_FEED_VIEW (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->message_entry));

  if (PF_IS_WEB_SOCKET (self->feed) && pf_web_socket_send_text (PF_WEB_SOCKET (self->feed), text))
    gtk_editable_set_text (GTK_EDITABLE (self->message_entry), "");
}

static void
message_activate_cb (PfFeedView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "feed.send-message", NULL);
}

/* Another kind is another feed: the list no longer shows the last one's items. */
static void
kind_changed_cb (PfFeedView *self)
{
  if (self->feed != NULL && self->feed_kind != chosen_kind (self))
    forget_feed (self);
  gtk_widget_set_visible (GTK_WIDGET (self->composer), kinds[chosen_kind (self)].composer);
  /* EventSource and WebSocket take a page origin here (a request tab has its own);
   * withCredentials is EventSource's alone. */
  gtk_widget_set_visible (GTK_WIDGET (self->cors_options),
                          chosen_kind (self) == PF_FEED_KIND_EVENT_SOURCE ||
                            chosen_kind (self) == PF_FEED_KIND_WEB_SOCKET);
  gtk_widget_set_visible (GTK_WIDGET (self->credentials_check),
                          chosen_kind (self) == PF_FEED_KIND_EVENT_SOURCE);
  gtk_widget_set_visible (GTK_WIDGET (self->poll_box),
                          chosen_kind (self) == PF_FEED_KIND_POLL_COMPARISON);
  g_signal_emit (self, signals[SIGNAL_KIND_CHANGED], 0);
}

static void
url_changed_cb (PfFeedView *self)
{
  g_signal_emit (self, signals[SIGNAL_URL_CHANGED], 0);
}

static void
url_activate_cb (PfFeedView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "feed.connect", NULL);
}

/* An EventSource entry's text: a message's data and id, or what the connection did. */
static char *
describe_entry_text (PfEventSourceEntry *entry)
{
  const char *id = pf_event_source_entry_get_last_event_id (entry);

  switch (pf_event_source_entry_get_kind (entry))
    {
    case PF_EVENT_SOURCE_ENTRY_OPEN:
      /* Translators: %u is the connection's number */
      return g_strdup_printf (_("connection %u is open"),
                              pf_event_source_entry_get_connection (entry));
    case PF_EVENT_SOURCE_ENTRY_MESSAGE:
      return g_strdup_printf ("%s%s%s", pf_event_source_entry_get_data (entry, NULL),
                              *id ? "  · id " : "", id);
    case PF_EVENT_SOURCE_ENTRY_ERROR:
      return g_strdup_printf ("readyState %d · %s", pf_event_source_entry_get_ready_state (entry),
                              pf_event_source_entry_get_detail (entry));
    case PF_EVENT_SOURCE_ENTRY_NOTE:
      return g_strdup (pf_event_source_entry_get_detail (entry));
    case PF_EVENT_SOURCE_ENTRY_RECONNECT:
    default:
      /* Translators: the delay waited, then the Last-Event-ID sent */
      return g_strdup_printf (_("after %u ms, with Last-Event-ID “%s”"),
                              (guint) pf_event_source_entry_get_delay_ms (entry), id);
    }
}

/* A message's kind is its event type. */
static char *
describe_entry (gpointer     item,
                const char **kind,
                gint64      *time_us)
{
  PfEventSourceEntryKind entry_kind = pf_event_source_entry_get_kind (item);

  *time_us = pf_event_source_entry_get_time_us (item);
  if (entry_kind == PF_EVENT_SOURCE_ENTRY_MESSAGE)
    *kind = pf_event_source_entry_get_event_type (item);
  else
    *kind = pf_event_source_entry_kind_get_name (entry_kind);
  return describe_entry_text (item);
}

/* A long-polling cycle: status, how long the server held it, what came back. */
static char *
describe_cycle (gpointer     item,
                const char **kind,
                gint64      *time_us)
{
  PfLongPollCycle *cycle = item;
  const char *error = pf_long_poll_cycle_get_error (cycle);

  *time_us = pf_long_poll_cycle_get_start_us (cycle);
  *kind = pf_long_poll_cycle_get_name (cycle);
  if (error != NULL)
    /* Translators: why the cycle failed, then the back-off in ms */
    return g_strdup_printf (_("%s; next try in %u ms"), error,
                            pf_long_poll_cycle_get_next_delay_ms (cycle));
  if (g_str_equal (pf_long_poll_cycle_get_name (cycle), "not-modified"))
    /* Translators: milliseconds until the server answered 304 Not Modified */
    return g_strdup_printf (_("304 after %.0f ms: nothing new"),
                            pf_long_poll_cycle_get_held_us (cycle) / 1000.0);
  /* Translators: status, milliseconds the server held the request, then the answer */
  return g_strdup_printf (_("%u after %.0f ms: %s"), pf_long_poll_cycle_get_status (cycle),
                          pf_long_poll_cycle_get_held_us (cycle) / 1000.0,
                          pf_long_poll_cycle_get_text (cycle));
}

/* A comparison's cycle: as a long-polling one, with its loop for a kind, at its answer's
 * time. */
static char *
describe_lane_cycle (gpointer     item,
                     const char **kind,
                     gint64      *time_us)
{
  char *text = describe_cycle (item, kind, time_us);

  /* The list is in the order answers came: each row at its answer's time. */
  *time_us += pf_long_poll_cycle_get_held_us (item);
  if (pf_long_poll_cycle_get_error (item) == NULL)
    *kind = pf_poll_comparison_lane_of (item) == PF_POLL_LANE_SHORT ? "short" : "long";
  return text;
}

/* The header line of @head that starts with @name (then ": "), or the first line when it
 * starts so; without its CR LF; NULL when there is none. */
static char *
head_line (const char *head,
           const char *name)
{
  g_autofree char *needle = g_strconcat ("\r\n", name, NULL);
  const char *line = g_str_has_prefix (head, name) ? head : strstr (head, needle);
  const char *end;

  if (line == NULL)
    return NULL;
  if (line != head)
    line += 2;
  end = strstr (line, "\r\n");
  return end ? g_strndup (line, end - line) : NULL;
}

/* The open frame (or a failed handshake's error): the message, and for a refusal the status
 * and the Origin sent first (what decided it), then the opening handshake's heads, one header
 * a line; the row shows the first lines, its tooltip all. */
static char *
describe_handshake (const char *message,
                    const char *handshake)
{
  g_autoptr (GString) out = g_string_new (message);

  if (message != NULL)
    {
      const char *response = strstr (handshake, "\r\n\r\n");
      g_autofree char *status = response ? head_line (response + 4, "HTTP/") : NULL;
      g_autofree char *origin = head_line (handshake, "Origin: ");

      if (status != NULL)
        g_string_append_printf (out, "\n%s", status);
      if (origin != NULL)
        g_string_append_printf (out, "\n%s", origin);
      g_string_append (out, "\n\n");
    }
  g_string_append (out, handshake);
  g_string_replace (out, "\r\n", "\n", 0);
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A WebSocket frame: its direction and content. */
static char *
describe_frame (gpointer     item,
                const char **kind,
                gint64      *time_us)
{
  PfWebSocketFrame *frame = item;
  PfWebSocketFrameKind frame_kind = pf_web_socket_frame_get_kind (frame);
  const char *arrow = pf_web_socket_frame_get_sent (frame) ? "→ " : "← ";
  GBytes *bytes = pf_web_socket_frame_get_bytes (frame);
  const char *text = pf_web_socket_frame_get_text (frame);

  const char *handshake = pf_web_socket_frame_get_handshake (frame);

  *time_us = pf_web_socket_frame_get_time_us (frame);
  *kind = pf_web_socket_frame_kind_get_name (frame_kind);
  if (frame_kind == PF_WEB_SOCKET_FRAME_CLOSE && pf_web_socket_frame_get_sent (frame))
    return g_strdup_printf ("%s%u %s", arrow, pf_web_socket_frame_get_code (frame),
                            text ? text : "");
  if (frame_kind == PF_WEB_SOCKET_FRAME_CLOSE && pf_web_socket_frame_get_was_clean (frame))
    /* Translators: an arrow, a close code and its reason; CloseEvent.wasClean is true */
    return g_strdup_printf (_("%s%u %s (clean)"), arrow, pf_web_socket_frame_get_code (frame),
                            text ? text : "");
  if (frame_kind == PF_WEB_SOCKET_FRAME_CLOSE)
    /* Translators: an arrow and the close code 1006; CloseEvent.wasClean is false */
    return g_strdup_printf (_("%s%u, not clean: the connection ended without a closing "
                              "handshake"), arrow, pf_web_socket_frame_get_code (frame));
  if (handshake != NULL)
    return describe_handshake (frame_kind == PF_WEB_SOCKET_FRAME_OPEN ? NULL : text, handshake);
  if (frame_kind == PF_WEB_SOCKET_FRAME_BINARY || frame_kind == PF_WEB_SOCKET_FRAME_PONG)
    {
      g_autofree char *size = g_format_size (bytes ? g_bytes_get_size (bytes) : 0);
      return g_strdup_printf ("%s%s", arrow, size);
    }
  return g_strdup_printf ("%s%s", frame_kind == PF_WEB_SOCKET_FRAME_TEXT ? arrow : "",
                          text ? text : "");
}

/* An HTTP stream's chunk: the text it added. */
static char *
describe_chunk (gpointer     item,
                const char **kind,
                gint64      *time_us)
{
  const char *detail = pf_timeline_entry_get_detail (item);

  *time_us = pf_timeline_entry_get_time_us (item);
  *kind = pf_timeline_entry_get_name (item);
  return g_strdup (detail ? detail : "");
}

/* What a row shows of @item, an item of the feed the list shows. */
static char *
describe_item (PfFeedView  *self,
               gpointer     item,
               const char **kind,
               gint64      *time_us)
{
  return kinds[self->feed_kind].describe (item, kind, time_us);
}

/* The tooltip of the row under the pointer (see pf_feed_row_query_tooltip ()). */
static gboolean
list_query_tooltip_cb (GtkWidget  *list,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       PfFeedView *self)
{
  GtkWidget *picked = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked ? gtk_widget_get_ancestor (picked, PF_TYPE_FEED_ROW) : NULL;

  return row != NULL && pf_feed_row_query_tooltip (PF_FEED_ROW (row), picked, list, tooltip);
}

static void
entry_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PfFeedView               *self)
{
  gtk_list_item_set_child (item, pf_feed_row_new ());
}

static void
entry_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PfFeedView               *self)
{
  const char *kind = NULL;
  gint64 time_us = 0;
  g_autofree char *text = describe_item (self, gtk_list_item_get_item (item), &kind, &time_us);

  pf_feed_row_set (PF_FEED_ROW (gtk_list_item_get_child (item)), time_us, kind, text);
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
    text = describe_item (self, object, &kind_text, &time_us);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
pf_feed_view_dispose (GObject *object)
{
  PfFeedView *self = PF_FEED_VIEW (object);
  GtkWidget *child;

  drop_feed (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_FEED_VIEW);
  /* The template's children without a name too: the view is a plain widget, not a box. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
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

  g_type_ensure (PF_TYPE_LESSON_BANNER);
  g_type_ensure (PF_TYPE_POLL_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, PF_TYPE_TAB_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/pf-feed-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, lesson_banner);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, composer);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, message_entry);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, url_entry);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, cors_options);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, origin_entry);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, credentials_check);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, cors_label);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_activate_cb);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, pause_button);
  gtk_widget_class_bind_template_callback (widget_class, pause_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, connect_stack);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, state_label);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, poll_box);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, poll_chart);
  gtk_widget_class_bind_template_child (widget_class, PfFeedView, poll_stats);
  gtk_widget_class_bind_template_callback (widget_class, url_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_query_tooltip_cb);

  signals[SIGNAL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_KIND_CHANGED] = g_signal_new ("kind-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);
  /* The URL was typed or set: the window's session keeps it. */
  signals[SIGNAL_URL_CHANGED] = g_signal_new ("url-changed", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "feed.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "feed.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "feed.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "feed.save-har", NULL, save_har_action);
  gtk_widget_class_install_action (widget_class, "feed.send-message", NULL, send_message_action);
  gtk_widget_class_install_action (widget_class, "feed.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "feed.copy",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "feed.connect", NULL);
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

/* Puts the keyboard focus in the URL entry, where Ctrl+Enter connects. */
void
pf_feed_view_focus_url (PfFeedView *self)
{
  g_return_if_fail (PF_IS_FEED_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
}

/* Chooses the kind of feed the next Connect opens. */
void
pf_feed_view_set_kind (PfFeedView *self,
                       PfFeedKind  kind)
{
  g_return_if_fail (PF_IS_FEED_VIEW (self));
  g_return_if_fail ((guint) kind < G_N_ELEMENTS (kinds));
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
}

/* The kind of feed chosen (see pf_feed_view_set_kind ()). */
PfFeedKind
pf_feed_view_get_kind (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), PF_FEED_KIND_EVENT_SOURCE);
  return chosen_kind (self);
}

/* The tab's title for the kind of feed chosen. */
const char *
pf_feed_view_get_title (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return _(kinds[chosen_kind (self)].title);
}

/* The lab server's feed of @kind, on the lab at @lab_url. */
char *
pf_feed_view_dup_lab_url (PfFeedKind  kind,
                          const char *lab_url)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return pf_feed_kind_build_url (kind, lab_url, kinds[kind].lab_path);
}

/* The page origin and withCredentials the next EventSource opens with (NULL @origin: none). */
void
pf_feed_view_set_page_origin (PfFeedView *self,
                              const char *origin,
                              gboolean    with_credentials)
{
  g_return_if_fail (PF_IS_FEED_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->origin_entry), origin ? origin : "");
  gtk_check_button_set_active (self->credentials_check, with_credentials);
}

/* The feed of the last Connect, or NULL. */
PfFeed *
pf_feed_view_get_feed (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return self->feed;
}

/* The WebSocket of the last Connect, or NULL. */
PfWebSocket *
pf_feed_view_get_web_socket (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return PF_IS_WEB_SOCKET (self->feed) ? PF_WEB_SOCKET (self->feed) : NULL;
}

/* The long-polling loop of the last Connect, or NULL. */
PfLongPoll *
pf_feed_view_get_long_poll (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return PF_IS_LONG_POLL (self->feed) ? PF_LONG_POLL (self->feed) : NULL;
}

/* The EventSource of the last Connect, or NULL. */
PfEventSource *
pf_feed_view_get_event_source (PfFeedView *self)
{
  g_return_val_if_fail (PF_IS_FEED_VIEW (self), NULL);
  return PF_IS_EVENT_SOURCE (self->feed) ? PF_EVENT_SOURCE (self->feed) : NULL;
}

/* How many entries the next connection keeps (the oldest go first). */
void
pf_feed_view_set_max_entries (PfFeedView *self,
                              guint       max_entries)
{
  g_return_if_fail (PF_IS_FEED_VIEW (self));
  self->max_entries = max_entries;
}

/* Shows a lesson's title and what to watch above the feed (NULL @title: none). */
void
pf_feed_view_set_lesson (PfFeedView *self,
                         const char *title,
                         const char *text)
{
  g_return_if_fail (PF_IS_FEED_VIEW (self));
  pf_lesson_banner_show (self->lesson_banner, title, text);
}
