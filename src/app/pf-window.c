/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-feed-view.h"
#include "pf-lesson-row.h"
#include "pf-lesson.h"
#include "pf-request-view.h"
#include "pf-resources.h"
#include "pf-window-private.h"

/* A window of request tabs (AdwTabView): each tab a PfRequestView. New tabs start from the
 * lab server's example; the window's send and abort go to the selected tab. */

G_DEFINE_FINAL_TYPE (PfWindow, pf_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A lesson's tab (its AdwTabPage) holds the lesson: picking the lesson again brings it forward,
 * its title stays the lesson's and the sidebar selects the lesson while it is in front. */
static GQuark
page_lesson_quark (void)
{
  return g_quark_from_static_string ("pf-window-lesson");
}

static PfLesson *
page_get_lesson (AdwTabPage *page)
{
  return g_object_get_qdata (G_OBJECT (page), page_lesson_quark ());
}

static GtkWidget *
current_child (PfWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  return page ? adw_tab_page_get_child (page) : NULL;
}

/* The selected tab when it is a request tab. */
PfRequestView *
_pf_window_current_view (PfWindow *self)
{
  GtkWidget *child = current_child (self);

  return PF_IS_REQUEST_VIEW (child) ? PF_REQUEST_VIEW (child) : NULL;
}

/* What a user recognises of a request: its method and its URL's path, or the host for "/"
 * ("GET /echo", "GET 127.0.0.1:8080"), short enough for a tab; the URL as typed when it does
 * not parse. */
static char *
request_title (PfRequest *request)
{
  const char *url = pf_request_get_url (request);
  const char *method = pf_request_get_method (request);
  g_autoptr (GUri) uri = NULL;
  const char *path;

  if (url == NULL || *url == '\0')
    return g_strdup (_ ("New Request"));
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_strdup_printf ("%s %s", method, url);
  path = g_uri_get_path (uri);
  if (*path != '\0' && !g_str_equal (path, "/"))
    return g_strdup_printf ("%s %s", method, path);
  if (g_uri_get_port (uri) != -1)
    return g_strdup_printf ("%s %s:%d", method, g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup_printf ("%s %s", method, g_uri_get_host (uri));
}

/* A request tab's title: its lesson's, or what it sends; the tooltip (markup) has the whole
 * URL, as libadwaita 1.2 fades a title out where a narrow tab cuts it. */
static void
update_title (PfRequestView *view)
{
  PfWindow *self = PF_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (view), PF_TYPE_WINDOW));
  AdwTabPage *page = self ? adw_tab_view_get_page (self->tab_view, GTK_WIDGET (view)) : NULL;
  PfRequest *request = pf_request_view_get_request (view);
  const char *url = pf_request_get_url (request);
  PfLesson *lesson;
  g_autofree char *title = NULL;
  g_autofree char *tooltip = NULL;

  if (page == NULL)
    return;
  lesson = page_get_lesson (page);
  title = lesson ? g_strdup (pf_lesson_get_title (lesson)) : request_title (request);
  tooltip = lesson ? g_markup_printf_escaped ("%s\n%s", title, url ? url : "")
                   : g_markup_escape_text (url ? url : "", -1);
  adw_tab_page_set_title (page, title);
  adw_tab_page_set_tooltip (page, tooltip);
}

static void
method_changed_cb (PfRequest *request,
                   GParamSpec *pspec,
                   PfRequestView *view)
{
  update_title (view);
}

/* The URL changed or the tab got another request: the title follows both, and the method. */
static void
url_changed_cb (PfRequestView *view)
{
  PfRequest *request = pf_request_view_get_request (view);

  g_signal_handlers_disconnect_by_func (request, method_changed_cb, view);
  g_signal_connect_object (request, "notify::method", G_CALLBACK (method_changed_cb), view, 0);
  update_title (view);
}

static void
toast_cb (PfRequestView *view,
          const char *message,
          PfWindow *self)
{
  pf_window_show_error (self, message);
}

/* @path on the lab server, or "" when it is not running. */
static char *
lab_url (PfWindow *self,
         const char *path)
{
  return self->lab_url ? g_strconcat (self->lab_url, path, NULL) : g_strdup ("");
}

/* Opens a request tab on @url (NULL: the lab's example) and selects it. */
PfRequestView *
pf_window_new_tab (PfWindow *self,
                   const char *url)
{
  g_autofree char *example = lab_url (self, "example.txt");
  PfRequestView *view;
  PfRequest *request;
  AdwTabPage *page;

  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);

  view = pf_request_view_new (self->profile);
  request = pf_request_view_get_request (view);
  pf_request_view_set_narrow (view, self->narrow);
  pf_request_set_url (request, url ? url : example);
  if (self->settings != NULL)
    pf_request_set_timeout_ms (request, g_settings_get_uint (self->settings, "default-timeout-ms"));
  page = adw_tab_view_append (self->tab_view, GTK_WIDGET (view));
  /* The tab's spinner while its request runs, so a background tab says it is busy. */
  g_object_bind_property (view, "busy", page, "loading", G_BINDING_SYNC_CREATE);
  url_changed_cb (view);
  g_signal_connect (view, "url-changed", G_CALLBACK (url_changed_cb), NULL);
  g_signal_connect (view, "toast", G_CALLBACK (toast_cb), self);
  adw_tab_view_set_selected_page (self->tab_view, page);
  pf_request_view_focus_url (view);
  return view;
}

/* The lab's feed of @kind, or "" when the lab is not running. */
static char *
feed_default_url (PfWindow *self,
                  PfFeedKind kind)
{
  return self->lab_url ? pf_feed_view_dup_lab_url (kind, self->lab_url) : g_strdup ("");
}

/* Whether @url is the lab's feed of some kind. */
static gboolean
is_default_feed_url (PfWindow *self,
                     const char *url)
{
  g_autoptr (GEnumClass) kinds = g_type_class_ref (PF_TYPE_FEED_KIND);

  for (guint i = 0; i < kinds->n_values; i++)
    {
      g_autofree char *lab_feed = feed_default_url (self, kinds->values[i].value);

      if (g_strcmp0 (url, lab_feed) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
feed_kind_changed_cb (PfFeedView *view,
                      PfWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (view));

  /* A URL left at one of the lab's feeds follows the kind; one the user typed stays. */
  if (is_default_feed_url (self, pf_feed_view_get_url (view)))
    {
      g_autofree char *next = feed_default_url (self, pf_feed_view_get_kind (view));
      pf_feed_view_set_url (view, next);
    }
  if (page_get_lesson (page) == NULL)
    adw_tab_page_set_title (page, pf_feed_view_get_title (view));
}

/* Opens a feed tab (EventSource first) on @url (NULL: the lab's /events) and selects it. */
PfFeedView *
pf_window_new_feed_tab (PfWindow *self,
                        const char *url)
{
  g_autofree char *events = feed_default_url (self, PF_FEED_KIND_EVENT_SOURCE);
  g_autoptr (GIcon) icon = g_themed_icon_new ("network-transmit-receive-symbolic");
  PfFeedView *view;
  AdwTabPage *page;

  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);

  view = pf_feed_view_new (self->profile);
  pf_feed_view_set_url (view, url ? url : events);
  if (self->settings != NULL)
    pf_feed_view_set_max_entries (view, g_settings_get_uint (self->settings, "feed-max-entries"));
  page = adw_tab_view_append (self->tab_view, GTK_WIDGET (view));
  adw_tab_page_set_title (page, pf_feed_view_get_title (view));
  adw_tab_page_set_icon (page, icon);
  g_signal_connect (view, "toast", G_CALLBACK (toast_cb), self);
  g_signal_connect (view, "kind-changed", G_CALLBACK (feed_kind_changed_cb), self);
  adw_tab_view_set_selected_page (self->tab_view, page);
  return view;
}

/* Puts the keyboard focus in the front tab's URL entry. */
static void
focus_tab (PfWindow *self)
{
  GtkWidget *child = current_child (self);

  if (PF_IS_REQUEST_VIEW (child))
    pf_request_view_focus_url (PF_REQUEST_VIEW (child));
  else if (PF_IS_FEED_VIEW (child))
    pf_feed_view_focus_url (PF_FEED_VIEW (child));
}

/* The sidebar's selection follows the front tab: its lesson, or none. */
static void
select_lesson_of_tab (PfWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  PfLesson *lesson = page ? page_get_lesson (page) : NULL;
  GListModel *lessons = pf_lessons_get_all ();
  GtkListBoxRow *row = NULL;

  for (guint i = 0; lesson != NULL && row == NULL && i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) item = g_list_model_get_item (lessons, i);

      if (item == lesson)
        row = gtk_list_box_get_row_at_index (self->lessons_list, (int) i);
    }
  gtk_list_box_select_row (self->lessons_list, row);
}

/* The tab holding @lesson, or NULL. */
static AdwTabPage *
find_lesson_page (PfWindow *self,
                  PfLesson *lesson)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);

      if (page_get_lesson (page) == lesson)
        return page;
    }
  return NULL;
}

/* The lab URL @lesson's path goes on: one of the lab's HTTPS ports' for a TLS lesson. */
char *
_pf_window_lesson_base (PfWindow *self,
                        PfLesson *lesson)
{
  PfLabTls kind;

  if (pf_lesson_get_lab_tls (lesson, &kind))
    return g_strdup (self->lab ? pf_lab_server_get_tls_url (self->lab, kind) : NULL);
  return g_strdup (self->lab_url);
}

static void
open_feed_lesson (PfWindow *self,
                  PfLesson *lesson)
{
  g_autofree char *base = _pf_window_lesson_base (self, lesson);
  g_autofree char *url = pf_lesson_dup_url (lesson, base);
  g_autoptr (PfRequest) request = pf_lesson_build_request (lesson, base);
  PfFeedView *feed = pf_window_new_feed_tab (self, NULL);
  AdwTabPage *page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (feed));

  g_object_set_qdata_full (G_OBJECT (page), page_lesson_quark (), g_object_ref (lesson),
                           g_object_unref);
  pf_feed_view_set_kind (feed, pf_lesson_get_feed_kind (lesson));
  pf_feed_view_set_url (feed, url);
  /* An EventSource lesson may run as a page at another origin would. */
  pf_feed_view_set_page_origin (feed, pf_request_get_origin (request),
                                pf_request_get_credentials (request) == PF_CREDENTIALS_INCLUDE);
  pf_feed_view_set_lesson (feed, pf_lesson_get_title (lesson), pf_lesson_get_explanation (lesson));
  adw_tab_page_set_title (page, pf_lesson_get_title (lesson));
}

static void
open_request_lesson (PfWindow *self,
                     PfLesson *lesson)
{
  g_autofree char *base = _pf_window_lesson_base (self, lesson);
  g_autoptr (PfRequest) request = pf_lesson_build_request (lesson, base);
  PfRequestView *view = pf_window_new_tab (self, NULL);
  AdwTabPage *page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (view));

  g_object_set_qdata_full (G_OBJECT (page), page_lesson_quark (), g_object_ref (lesson),
                           g_object_unref);
  /* The lesson's request becomes the tab's; the tab's default timeout yields to it. */
  pf_request_view_set_request (view, request);
  pf_request_view_set_lesson (view, pf_lesson_get_title (lesson),
                              pf_lesson_get_explanation (lesson));
}

/* Brings @lesson's tab to the front, or opens it in a new tab with its note above the request;
 * the keyboard focus goes to the tab's URL, so Ctrl+Enter sends. */
void
pf_window_open_lesson (PfWindow *self,
                       PfLesson *lesson)
{
  AdwTabPage *page;

  g_return_if_fail (PF_IS_WINDOW (self));
  g_return_if_fail (PF_IS_LESSON (lesson));

  page = find_lesson_page (self, lesson);
  if (page != NULL)
    adw_tab_view_set_selected_page (self->tab_view, page);
  else if (pf_lesson_is_feed (lesson))
    open_feed_lesson (self, lesson);
  else
    open_request_lesson (self, lesson);
  select_lesson_of_tab (self);
  focus_tab (self);
}

/* A lesson picked in a narrow window: the lessons make way for it. */
static void
lesson_activated_cb (PfWindow *self,
                     GtkListBoxRow *row)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  pf_window_open_lesson (self, pf_lesson_row_get_lesson (PF_LESSON_ROW (row)));
}

static GtkWidget *
lesson_row_new (gpointer item,
                gpointer user_data)
{
  return pf_lesson_row_new (item);
}

/* The first lesson of each chapter has the chapter's name above it. */
static void
chapter_header_cb (GtkListBoxRow *row,
                   GtkListBoxRow *before,
                   gpointer user_data)
{
  PfLesson *lesson = pf_lesson_row_get_lesson (PF_LESSON_ROW (row));
  const char *chapter = pf_lesson_get_chapter (lesson);
  GtkWidget *header;

  if (before != NULL &&
      g_strcmp0 (pf_lesson_get_chapter (pf_lesson_row_get_lesson (PF_LESSON_ROW (before))),
                 chapter) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = g_object_new (GTK_TYPE_LABEL, "label", chapter, "xalign", 0.0f, NULL);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_add_css_class (header, "chapter");
  gtk_list_box_row_set_header (row, header);
}

static void
toggle_sidebar_action (GtkWidget *widget,
                       const char *action_name,
                       GVariant *parameter)
{
  PfWindow *self = PF_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button,
                                !gtk_toggle_button_get_active (self->sidebar_button));
}

static void
new_feed_tab_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  pf_window_new_feed_tab (PF_WINDOW (widget), NULL);
}

static void
new_tab_action (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  pf_window_new_tab (PF_WINDOW (widget), NULL);
}

/* A new tab with a copy of the selected tab's request: edit one, the other stays. */
static void
duplicate_tab_action (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  PfRequestView *view = _pf_window_current_view (self);
  g_autoptr (PfRequest) copy = NULL;

  if (view == NULL)
    return;
  copy = pf_request_copy (pf_request_view_get_request (view));
  /* A copy of a lesson's request is not the lesson's tab: it is titled by what it sends. */
  view = pf_window_new_tab (self, NULL);
  pf_request_view_set_request (view, copy);
}

static void
close_tab_action (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  if (page != NULL)
    adw_tab_view_close_page (self->tab_view, page);
}

/* The window's send and abort act on the selected tab. */
static void
forward_action (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  GtkWidget *child = current_child (PF_WINDOW (widget));
  gboolean send = g_str_equal (action_name, "win.send");

  if (PF_IS_REQUEST_VIEW (child))
    gtk_widget_activate_action (child, send ? "request.send" : "request.abort", NULL);
  else if (PF_IS_FEED_VIEW (child))
    gtk_widget_activate_action (child, send ? "feed.connect" : "feed.close", NULL);
}

/* Closing the last tab closes the window, as in a browser. */
static gboolean
close_page_cb (PfWindow *self,
               AdwTabPage *page)
{
  adw_tab_view_close_page_finish (self->tab_view, page, TRUE);
  if (adw_tab_view_get_n_pages (self->tab_view) == 0)
    gtk_window_close (GTK_WINDOW (self));
  return GDK_EVENT_STOP;
}

static void
selected_page_cb (PfWindow *self)
{
  /* Send and abort mean something in every tab; only request tabs can be copied. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.send", current_child (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-tab",
                                 _pf_window_current_view (self) != NULL);
  /* The window is being torn down, or the selection only announced again. */
  if (self->lessons_list == NULL || self->reselecting)
    return;
  select_lesson_of_tab (self);
  _pf_window_collection_select_tab (self);
  focus_tab (self);
}

static void
after_resize_paint_cb (GdkFrameClock *clock,
                       PfWindow *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  self->reselecting = TRUE;
  g_object_notify (G_OBJECT (self->tab_view), "selected-page");
  self->reselecting = FALSE;
}

/* libadwaita 1.2's tab bar scrolls to the selected tab when the selection changes, not when
 * the window narrows: once the new width is laid out, the selection is announced again. */
static void
surface_width_cb (PfWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && self->after_paint_id == 0)
    self->after_paint_id = g_signal_connect (clock, "after-paint",
                                             G_CALLBACK (after_resize_paint_cb), self);
}

static void
pf_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pf_window_parent_class)->realize (widget);
  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (widget)), "notify::width",
                           G_CALLBACK (surface_width_cb), widget, G_CONNECT_SWAPPED);
}

static void
pf_window_unrealize (GtkWidget *widget)
{
  PfWindow *self = PF_WINDOW (widget);

  g_clear_signal_handler (&self->after_paint_id, gtk_widget_get_frame_clock (widget));
  GTK_WIDGET_CLASS (pf_window_parent_class)->unrealize (widget);
}

/* Below this width the window folds: the lessons over the tabs, each tab's panes one above
 * the other. libadwaita 1.2 has no AdwBreakpoint; the window's default width is watched. */
#define NARROW_WIDTH 800

static void
width_changed_cb (PfWindow *self)
{
  int width = 0, height = 0;
  gboolean narrow;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = width > 0 && width < NARROW_WIDTH;
  if (narrow == self->narrow)
    return;
  self->narrow = narrow;
  /* The header bar's buttons (and the environment switcher) need its room more than the
   * title does; style.css gives the URL more of a narrow request bar. */
  gtk_widget_set_visible (GTK_WIDGET (self->window_title), !narrow);
  if (narrow)
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
  /* Wider, the lessons fold over the tabs only when both do not fit; folding hides them. */
  adw_flap_set_fold_policy (self->flap,
                            narrow ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_AUTO);
  for (guint i = 0; i < (guint) adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i));

      if (PF_IS_REQUEST_VIEW (child))
        pf_request_view_set_narrow (PF_REQUEST_VIEW (child), narrow);
    }
}

static void
pf_window_finalize (GObject *object)
{
  PfWindow *self = PF_WINDOW (object);

  g_clear_object (&self->profile);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->lab_url, g_free);
  g_clear_object (&self->lab);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pf_window_parent_class)->finalize (object);
}

static void
pf_window_dispose (GObject *object)
{
  g_clear_weak_pointer (&PF_WINDOW (object)->error_toast);
  _pf_window_history_dispose (PF_WINDOW (object));
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_WINDOW);
  G_OBJECT_CLASS (pf_window_parent_class)->dispose (object);
}

static void
pf_window_get_property (GObject *object,
                        guint prop_id,
                        GValue *value,
                        GParamSpec *pspec)
{
  PfWindow *self = PF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_window_set_property (GObject *object,
                        guint prop_id,
                        const GValue *value,
                        GParamSpec *pspec)
{
  PfWindow *self = PF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      pf_window_set_folder (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_window_class_init (PfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_window_dispose;
  object_class->finalize = pf_window_finalize;
  object_class->get_property = pf_window_get_property;
  object_class->set_property = pf_window_set_property;

  /* The collection folder the user opened (its .http files and environments), or NULL. */
  properties[PROP_FOLDER] = g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->realize = pf_window_realize;
  widget_class->unrealize = pf_window_unrealize;

  /* Referencing the resource keeps it (and its registering constructor) linked in from
   * the static library. */
  (void) pf_get_resource ();
  g_type_ensure (PF_TYPE_LESSON_ROW);
  g_type_ensure (PF_TYPE_REQUEST_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/pf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, lessons_list);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, header_bar);
  gtk_widget_class_bind_template_callback (widget_class, lesson_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_page_cb);

  gtk_widget_class_install_action (widget_class, "win.new-tab", NULL, new_tab_action);
  gtk_widget_class_install_action (widget_class, "win.new-feed-tab", NULL, new_feed_tab_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-tab", NULL, duplicate_tab_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_K, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.duplicate-tab", NULL);
  gtk_widget_class_install_action (widget_class, "win.send", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "win.abort", NULL, forward_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.new-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-feed-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-tab", NULL);
  _pf_window_environment_class_init (widget_class);
  _pf_window_collection_class_init (widget_class);
  _pf_window_history_class_init (widget_class);
  _pf_window_session_class_init (widget_class);
  _pf_window_cookies_class_init (widget_class);
  _pf_window_har_class_init (widget_class);
  _pf_window_postman_class_init (widget_class);
  _pf_window_curl_class_init (widget_class);
}

static void
pf_window_init (PfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->lessons_list, pf_lessons_get_all (), lesson_row_new, NULL, NULL);
  gtk_list_box_set_header_func (self->lessons_list, chapter_header_cb, NULL, NULL);
  _pf_window_session_init (self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (width_changed_cb), NULL);
  width_changed_cb (self);
  _pf_window_environment_init (self);
  _pf_window_collection_init (self);
  _pf_window_history_init (self);
}

/* A window sharing @profile (connections, cookies, preflights) with the others; new tabs
 * start on the lab server at @lab_url (NULL when it is not running). */
PfWindow *
pf_window_new (GtkApplication *application,
               PfProfile *profile,
               const char *lab_url)
{
  PfWindow *self = g_object_new (PF_TYPE_WINDOW, "application", application, NULL);

  self->profile = g_object_ref (profile);
  self->lab_url = g_strdup (lab_url);
  pf_window_new_tab (self, NULL);
  return self;
}

/* The running lab whose HTTPS ports the TLS lessons use (NULL: none). */
void
pf_window_set_lab (PfWindow *self,
                   PfLabServer *lab)
{
  g_return_if_fail (PF_IS_WINDOW (self));
  g_set_object (&self->lab, lab);
}

/* Sets the URL of the selected tab. */
void
pf_window_set_url (PfWindow *self,
                   const char *url)
{
  PfRequestView *view;

  g_return_if_fail (PF_IS_WINDOW (self));
  view = _pf_window_current_view (self);
  if (view != NULL)
    pf_request_set_url (pf_request_view_get_request (view), url);
}

static void
error_dismissed_cb (PfWindow *self)
{
  g_clear_weak_pointer (&self->error_toast);
}

/* The newest error shows at once, in the place of the one still shown: libadwaita queues a
 * toast behind the one shown, so a second error would wait out the first's five seconds (and
 * libadwaita 1.2.2 crashes when a toast is dismissed while it still slides in). */
void
pf_window_show_error (PfWindow *self,
                      const char *message)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (PF_IS_WINDOW (self));
  /* A toast's title is markup: a URL with "&" in the message would leave it blank. */
  title = g_markup_escape_text (message, -1);
  if (self->error_toast != NULL)
    {
      adw_toast_set_title (self->error_toast, title);
      /* Its timeout starts again. */
      adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->error_toast));
      return;
    }
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (error_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->error_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The selected tab's exchange, or NULL. */
PfExchange *
pf_window_get_exchange (PfWindow *self)
{
  PfRequestView *view;

  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);
  view = _pf_window_current_view (self);
  return view ? pf_request_view_get_exchange (view) : NULL;
}

/* The selected tab if it is a request tab, or NULL. */
PfRequestView *
pf_window_get_request_view (PfWindow *self)
{
  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);
  return _pf_window_current_view (self);
}

AdwTabView *
pf_window_get_tab_view (PfWindow *self)
{
  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);
  return self->tab_view;
}

/* The selected tab if it is a feed tab, or NULL. */
PfFeedView *
pf_window_get_feed_view (PfWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);
  child = current_child (self);
  return PF_IS_FEED_VIEW (child) ? PF_FEED_VIEW (child) : NULL;
}

/* Settings for new tabs (default timeout, feed cap); NULL: the built-in defaults. */
void
pf_window_set_settings (PfWindow *self,
                        GSettings *settings)
{
  PfRequestView *view;

  g_return_if_fail (PF_IS_WINDOW (self));
  g_set_object (&self->settings, settings);
  view = _pf_window_current_view (self);
  if (settings != NULL && view != NULL)
    pf_request_set_timeout_ms (pf_request_view_get_request (view),
                               g_settings_get_uint (settings, "default-timeout-ms"));
}

GFile *
pf_window_get_folder (PfWindow *self)
{
  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);

  return self->folder;
}

void
pf_window_set_folder (PfWindow *self,
                      GFile *folder)
{
  g_return_if_fail (PF_IS_WINDOW (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  if (self->folder == folder || (self->folder && folder && g_file_equal (self->folder, folder)))
    return;
  g_set_object (&self->folder, folder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}
