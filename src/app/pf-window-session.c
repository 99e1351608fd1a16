/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include <string.h>

#include "pf-feed-view.h"
#include "pf-lesson.h"
#include "pf-request-json.h"
#include "pf-window-private.h"

/* The window's part in the session, as GNOME Text Editor keeps its own: its tabs to JSON and
 * back (request tabs with their requests as composed, feed tabs with their kind and URL,
 * lesson tabs as lessons, which tab is in front), and session-changed whenever any of it
 * changes, for PfSession to save. */

static guint session_changed_signal;

/* The qdata under which pf-window.c keeps a lesson tab's lesson. */
static PfLesson *
page_get_lesson (AdwTabPage *page)
{
  return g_object_get_qdata (G_OBJECT (page), g_quark_from_static_string ("pf-window-lesson"));
}

static void
changed (PfWindow *self)
{
  g_signal_emit (self, session_changed_signal, 0);
}

/* ---- watching what the session keeps */

static void
rows_changed_cb (GListModel *rows,
                 guint       position,
                 guint       removed,
                 guint       added,
                 PfWindow   *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GObject) row = g_list_model_get_item (rows, i);

      g_signal_connect_object (row, "notify", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
    }
  changed (self);
}

static void
watch_request (PfWindow  *self,
               PfRequest *request)
{
  GListModel *lists[] = { pf_request_get_params (request), pf_request_get_headers (request),
                          pf_request_get_fields (request) };

  g_signal_connect_object (request, "notify", G_CALLBACK (changed), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_signal_connect_object (lists[i], "items-changed", G_CALLBACK (rows_changed_cb), self, 0);
      rows_changed_cb (lists[i], 0, 0, g_list_model_get_n_items (lists[i]), self);
    }
}

static GQuark
watched_quark (void)
{
  return g_quark_from_static_string ("pf-window-session-watched");
}

/* The view's URL changed, or it got another request, which is then watched. */
static void
request_view_changed_cb (PfRequestView *view,
                         PfWindow      *self)
{
  PfRequest *request = pf_request_view_get_request (view);

  if (g_object_get_qdata (G_OBJECT (view), watched_quark ()) != request)
    {
      g_object_set_qdata_full (G_OBJECT (view), watched_quark (), g_object_ref (request),
                               g_object_unref);
      watch_request (self, request);
    }
  changed (self);
}

static void
page_attached_cb (AdwTabView *tab_view,
                  AdwTabPage *page,
                  int         position,
                  PfWindow   *self)
{
  GtkWidget *child = adw_tab_page_get_child (page);

  if (PF_IS_REQUEST_VIEW (child))
    {
      g_signal_connect_object (child, "url-changed", G_CALLBACK (request_view_changed_cb), self,
                               0);
      request_view_changed_cb (PF_REQUEST_VIEW (child), self);
    }
  else if (PF_IS_FEED_VIEW (child))
    {
      g_signal_connect_object (child, "kind-changed", G_CALLBACK (changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (child, "url-changed", G_CALLBACK (changed), self,
                               G_CONNECT_SWAPPED);
    }
  changed (self);
}

/* ---- saving */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_tab (JsonBuilder *builder,
         AdwTabPage  *page)
{
  GtkWidget *child = adw_tab_page_get_child (page);
  PfLesson *lesson = page_get_lesson (page);
  g_autoptr (GEnumClass) kinds = g_type_class_ref (PF_TYPE_FEED_KIND);

  json_builder_begin_object (builder);
  if (lesson != NULL)
    add_string (builder, "lesson", pf_lesson_get_id (lesson));
  if (PF_IS_REQUEST_VIEW (child))
    {
      add_string (builder, "type", "request");
      json_builder_set_member_name (builder, "request");
      json_builder_add_value (builder, pf_request_to_json (pf_request_view_get_request (
                                         PF_REQUEST_VIEW (child))));
    }
  else if (PF_IS_FEED_VIEW (child))
    {
      PfFeedView *feed = PF_FEED_VIEW (child);

      add_string (builder, "type", "feed");
      add_string (builder, "kind",
                  g_enum_get_value (kinds, pf_feed_view_get_kind (feed))->value_nick);
      add_string (builder, "url", pf_feed_view_get_url (feed));
    }
  json_builder_end_object (builder);
}

/* The window's tabs: {"lab": the lab's URL this run, "selected": N, "tabs": [{"type":
 * "request", "request": {…}, "lesson": ID?}, {"type": "feed", "kind", "url", "lesson"?}]}, or
 * NULL once the window is being torn down. */
JsonNode *
pf_window_save_session (PfWindow *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  AdwTabPage *selected;

  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);
  if (self->tab_view == NULL)
    return NULL;
  selected = adw_tab_view_get_selected_page (self->tab_view);
  json_builder_begin_object (builder);
  if (self->lab_url != NULL)
    add_string (builder, "lab", self->lab_url);
  json_builder_set_member_name (builder, "selected");
  json_builder_add_int_value (builder, selected ? adw_tab_view_get_page_position (self->tab_view,
                                                                                  selected)
                                                : 0);
  json_builder_set_member_name (builder, "tabs");
  json_builder_begin_array (builder);
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    add_tab (builder, adw_tab_view_get_nth_page (self->tab_view, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- restoring */

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
             json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

/* "127.0.0.1:PORT" of the lab's "http://127.0.0.1:PORT/". */
static char *
lab_authority (const char *lab_url)
{
  const char *start = lab_url ? strstr (lab_url, "://") : NULL;

  return start ? g_strndup (start + 3, strcspn (start + 3, "/")) : NULL;
}

/* @text (a URL or an origin) on this run's lab when it was on the last run's (@saved_lab): the
 * lab listens on a port picked afresh at each start. */
static char *
rebase (PfWindow   *self,
        const char *text,
        const char *saved_lab)
{
  g_autofree char *old = lab_authority (saved_lab);
  g_autofree char *new = lab_authority (self->lab_url);
  const char *host = text ? strstr (text, "://") : NULL;
  gsize len = old ? strlen (old) : 0;

  if (host == NULL || old == NULL || new == NULL || !g_str_has_prefix (host + 3, old) ||
      strchr ("/?#", host[3 + len]) == NULL)
    return g_strdup (text);
  return g_strdup_printf ("%.*s%s%s", (int) (host + 3 - text), text, new, host + 3 + len);
}

static void
rebase_member (PfWindow   *self,
               JsonObject *object,
               const char *name,
               const char *saved_lab)
{
  g_autofree char *value = rebase (self, get_string (object, name), saved_lab);

  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/* @lesson when it has no tab yet: a session holding it twice gets one lesson tab. */
static PfLesson *
unopened_lesson (PfWindow   *self,
                 JsonObject *tab,
                 gboolean    feed)
{
  g_autoptr (PfLesson) lesson = pf_lessons_find (get_string (tab, "lesson"));

  if (lesson == NULL || pf_lesson_is_feed (lesson) != feed)
    return NULL;
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    if (page_get_lesson (adw_tab_view_get_nth_page (self->tab_view, i)) == lesson)
      return NULL;
  return lesson; /* pf_lessons_get_all () keeps it */
}

static void
copy_member_cb (JsonObject *object,
                const char *name,
                JsonNode   *member,
                gpointer    copy)
{
  json_object_set_member (copy, name, json_node_ref (member));
}

/* The saved request, on this run's lab. */
static PfRequest *
read_request (PfWindow   *self,
              JsonNode   *saved,
              const char *saved_lab)
{
  g_autoptr (JsonObject) copy = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_foreach_member (json_node_get_object (saved), copy_member_cb, copy);
  rebase_member (self, copy, "url", saved_lab);
  rebase_member (self, copy, "origin", saved_lab);
  json_node_set_object (node, copy);
  return pf_request_new_from_json (node, NULL);
}

static gboolean
restore_request (PfWindow   *self,
                 JsonObject *tab,
                 const char *saved_lab)
{
  JsonNode *saved = json_object_get_member (tab, "request");
  g_autoptr (PfRequest) request = NULL;
  PfLesson *lesson = unopened_lesson (self, tab, FALSE);
  PfRequestView *view;

  if (saved == NULL || !JSON_NODE_HOLDS_OBJECT (saved))
    return FALSE;
  request = read_request (self, saved, saved_lab);
  /* The lab's HTTPS ports are picked afresh at each start too. */
  if (lesson != NULL && pf_lesson_get_lab_tls (lesson, NULL))
    {
      g_autofree char *base = _pf_window_lesson_base (self, lesson);
      g_autofree char *url = pf_lesson_dup_url (lesson, base);

      pf_request_set_url (request, url);
    }
  if (lesson != NULL)
    {
      pf_window_open_lesson (self, lesson);
      view = _pf_window_current_view (self);
    }
  else
    view = pf_window_new_tab (self, NULL);
  pf_request_view_set_request (view, request);
  return TRUE;
}

static gboolean
restore_feed (PfWindow   *self,
              JsonObject *tab,
              const char *saved_lab)
{
  g_autoptr (GEnumClass) kinds = g_type_class_ref (PF_TYPE_FEED_KIND);
  const char *nick = get_string (tab, "kind");
  GEnumValue *kind = nick ? g_enum_get_value_by_nick (kinds, nick) : NULL;
  g_autofree char *url = rebase (self, get_string (tab, "url"), saved_lab);
  PfLesson *lesson = unopened_lesson (self, tab, TRUE);
  PfFeedView *view;

  if (kind == NULL || url == NULL)
    return FALSE;
  if (lesson != NULL)
    {
      pf_window_open_lesson (self, lesson);
      view = pf_window_get_feed_view (self);
    }
  else
    view = pf_window_new_feed_tab (self, NULL);
  /* The kind first: changing it moves a URL left at the lab's feed to the new kind's. */
  pf_feed_view_set_kind (view, kind->value);
  pf_feed_view_set_url (view, url);
  return TRUE;
}

static guint
restore_tabs (PfWindow   *self,
              JsonArray  *tabs,
              const char *saved_lab)
{
  guint restored = 0;

  for (guint i = 0; tabs != NULL && i < json_array_get_length (tabs); i++)
    {
      JsonNode *node = json_array_get_element (tabs, i);
      JsonObject *tab = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *type = get_string (tab, "type");

      if (g_strcmp0 (type, "request") == 0)
        restored += restore_request (self, tab, saved_lab);
      else if (g_strcmp0 (type, "feed") == 0)
        restored += restore_feed (self, tab, saved_lab);
    }
  return restored;
}

/* Replaces the window's tabs with those @node holds (as pf_window_save_session () gave them);
 * a tab that does not read is left out. FALSE, and the tabs left as they were, when none
 * reads. */
gboolean
pf_window_restore_session (PfWindow *self,
                           JsonNode *node)
{
  JsonObject *object;
  JsonNode *tabs;
  int n_old, selected;

  g_return_val_if_fail (PF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  tabs = json_object_get_member (object, "tabs");
  n_old = adw_tab_view_get_n_pages (self->tab_view);
  if (restore_tabs (self, tabs && JSON_NODE_HOLDS_ARRAY (tabs) ? json_node_get_array (tabs) : NULL,
                    get_string (object, "lab")) == 0)
    return FALSE;
  while (n_old-- > 0)
    adw_tab_view_close_page (self->tab_view, adw_tab_view_get_nth_page (self->tab_view, 0));
  selected = json_object_get_int_member_with_default (object, "selected", 0);
  if (selected >= 0 && selected < adw_tab_view_get_n_pages (self->tab_view))
    adw_tab_view_set_selected_page (self->tab_view,
                                    adw_tab_view_get_nth_page (self->tab_view, selected));
  return TRUE;
}

void
_pf_window_session_class_init (GtkWidgetClass *widget_class)
{
  /* Something the session keeps changed: a tab opened, closed, moved or brought to the front,
   * a request edited, a feed's kind or URL. */
  session_changed_signal = g_signal_new ("session-changed", G_TYPE_FROM_CLASS (widget_class),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
_pf_window_session_init (PfWindow *self)
{
  g_signal_connect_object (self->tab_view, "page-attached", G_CALLBACK (page_attached_cb), self,
                           0);
  g_signal_connect_object (self->tab_view, "page-detached", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "page-reordered", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "notify::selected-page", G_CALLBACK (changed), self,
                           G_CONNECT_SWAPPED);
}
