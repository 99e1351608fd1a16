/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-feed-view.h"
#include "pf-lesson.h"
#include "pf-request-view.h"
#include "pf-test-window.h"

/* The window around the tabs: lessons open in one tab each, tab titles a user recognises, the
 * sidebar following the front tab, the keyboard focus in the tab a lesson opened, and the
 * narrow window (360 pixels) with the lessons over the content. */

typedef PfTestWindow Fixture;

/* The fixture with a window whose lessons and new tabs start on the lab server. */
static void
set_up_on_lab (Fixture      *fixture,
               gconstpointer data)
{
  pf_test_window_set_up (fixture, data);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  fixture->window = g_object_ref_sink (
    pf_window_new (NULL, fixture->profile, pf_lab_server_get_base_url (fixture->lab)));
  /* As the app's: the TLS lessons go to its HTTPS ports. */
  pf_window_set_lab (fixture->window, fixture->lab);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* The first lesson that is a feed (@feed) or a request, from index @from on. */
static PfLesson *
find_lesson (gboolean feed,
             guint    from)
{
  GListModel *lessons = pf_lessons_get_all ();

  for (guint i = from; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);

      if (pf_lesson_is_feed (lesson) == feed)
        return g_steal_pointer (&lesson);
    }
  g_assert_not_reached ();
}

static guint
lesson_index (PfLesson *lesson)
{
  GListModel *lessons = pf_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) item = g_list_model_get_item (lessons, i);

      if (item == lesson)
        return i;
    }
  g_assert_not_reached ();
}

static GtkListBox *
lessons_list (Fixture *fixture)
{
  return GTK_LIST_BOX (pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX,
                                            "navigation-sidebar"));
}

/* Picks @lesson in the sidebar, as a click or Enter on its row does. */
static void
pick_lesson (Fixture  *fixture,
             PfLesson *lesson)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (lessons_list (fixture),
                                                      (int) lesson_index (lesson));

  gtk_list_box_select_row (lessons_list (fixture), row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
}

static AdwTabPage *
selected_page (Fixture *fixture)
{
  return adw_tab_view_get_selected_page (pf_window_get_tab_view (fixture->window));
}

/* The index of the lesson selected in the sidebar, or -1. */
static int
selected_lesson (Fixture *fixture)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (lessons_list (fixture));

  return row ? gtk_list_box_row_get_index (row) : -1;
}

/* A lesson open in a tab brings that tab to the front instead of opening another. */
static void
test_lesson_tab_reused (Fixture      *fixture,
                        gconstpointer data)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->window);
  g_autoptr (PfLesson) first = find_lesson (FALSE, 0);
  g_autoptr (PfLesson) second = find_lesson (FALSE, lesson_index (first) + 1);
  AdwTabPage *first_page;

  pick_lesson (fixture, first);
  first_page = selected_page (fixture);
  pick_lesson (fixture, second);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 3);
  g_assert_true (selected_page (fixture) != first_page);
  pick_lesson (fixture, first);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 3);
  g_assert_true (selected_page (fixture) == first_page);
}

/* A tab says what it holds: a lesson's title, or the method and the URL's path (its host for
 * "/"); the whole URL is the tooltip. Titles stay short, as libadwaita 1.2 fades a long one
 * out where it is cut. */
static void
test_tab_titles (Fixture      *fixture,
                 gconstpointer data)
{
  const char *base = pf_lab_server_get_base_url (fixture->lab);
  g_autofree char *echo = g_strconcat (base, "echo?x=1&y=2", NULL);
  g_autofree char *echo_tooltip = g_markup_escape_text (echo, -1);
  g_autoptr (GUri) base_uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = g_strdup_printf ("GET %s:%d", g_uri_get_host (base_uri),
                                           g_uri_get_port (base_uri));
  g_autoptr (PfLesson) lesson = find_lesson (FALSE, 0);
  PfRequestView *view = pf_window_new_tab (fixture->window, echo);
  PfRequest *request = pf_request_view_get_request (view);
  AdwTabPage *page = selected_page (fixture);
  g_autofree char *lesson_url = NULL;

  g_assert_cmpstr (adw_tab_page_get_title (page), ==, "GET /echo");
  g_assert_cmpstr (adw_tab_page_get_tooltip (page), ==, echo_tooltip);
  pf_request_set_method (request, "POST");
  g_assert_cmpstr (adw_tab_page_get_title (page), ==, "POST /echo");
  pf_request_set_url (request, base);
  pf_request_set_method (request, "GET");
  g_assert_cmpstr (adw_tab_page_get_title (page), ==, host);

  /* A lesson's tab keeps the lesson's title while its request is edited. */
  pick_lesson (fixture, lesson);
  page = selected_page (fixture);
  view = pf_window_get_request_view (fixture->window);
  g_assert_cmpstr (adw_tab_page_get_title (page), ==, pf_lesson_get_title (lesson));
  lesson_url = g_strdup (pf_request_get_url (pf_request_view_get_request (view)));
  g_assert_nonnull (strstr (adw_tab_page_get_tooltip (page), lesson_url));
  pf_request_set_url (pf_request_view_get_request (view), echo);
  g_assert_cmpstr (adw_tab_page_get_title (page), ==, pf_lesson_get_title (lesson));

  /* Its copy is not the lesson's tab: it says what it sends. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.duplicate-tab",
                                             NULL));
  g_assert_true (selected_page (fixture) != page);
  g_assert_cmpstr (adw_tab_page_get_title (selected_page (fixture)), ==, "GET /echo");
}

/* The sidebar's selection follows the front tab: its lesson, or none. */
static void
test_sidebar_follows_tab (Fixture      *fixture,
                          gconstpointer data)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->window);
  AdwTabPage *plain = selected_page (fixture);
  g_autoptr (PfLesson) request_lesson = find_lesson (FALSE, 0);
  g_autoptr (PfLesson) feed_lesson = find_lesson (TRUE, 0);
  AdwTabPage *request_page;

  g_assert_cmpint (selected_lesson (fixture), ==, -1);
  pick_lesson (fixture, request_lesson);
  request_page = selected_page (fixture);
  pick_lesson (fixture, feed_lesson);
  g_assert_cmpint (selected_lesson (fixture), ==, (int) lesson_index (feed_lesson));
  adw_tab_view_set_selected_page (tabs, request_page);
  g_assert_cmpint (selected_lesson (fixture), ==, (int) lesson_index (request_lesson));
  adw_tab_view_set_selected_page (tabs, plain);
  g_assert_cmpint (selected_lesson (fixture), ==, -1);
  /* Closing the front lesson tab leaves the sidebar on the next tab's. */
  adw_tab_view_set_selected_page (tabs, request_page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tab", NULL));
  g_assert_cmpint (selected_lesson (fixture), ==, -1);
}

/* Whether the keyboard focus is in @widget (an entry's focus is in its text). */
static gboolean
focus_in (Fixture   *fixture,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The feed tab's URL entry: the entry showing its URL. */
static GtkWidget *
feed_url_entry (PfFeedView *view)
{
  GtkWidget *entry = pf_test_find_widget (GTK_WIDGET (view), GTK_TYPE_ENTRY, NULL);

  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, pf_feed_view_get_url (view));
  return entry;
}

/* A picked lesson puts the keyboard focus in its tab's URL entry, so Ctrl+Enter, bound in the
 * tab, sends the request or connects the feed. */
static void
test_lesson_focus (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (PfLesson) feed_lesson = find_lesson (TRUE, 0);
  g_autoptr (PfLesson) request_lesson = find_lesson (FALSE, 0);
  GtkWidget *view;

  pick_lesson (fixture, feed_lesson);
  view = GTK_WIDGET (pf_window_get_feed_view (fixture->window));
  g_assert_nonnull (view);
  g_assert_true (focus_in (fixture, feed_url_entry (PF_FEED_VIEW (view))));
  g_assert_true (gtk_widget_activate_action (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                             "feed.connect", NULL));
  g_assert_nonnull (pf_feed_view_get_feed (PF_FEED_VIEW (view)));
  g_assert_true (gtk_widget_activate_action (view, "feed.close", NULL));

  pick_lesson (fixture, request_lesson);
  view = GTK_WIDGET (pf_window_get_request_view (fixture->window));
  g_assert_true (focus_in (fixture, pf_test_find_widget (view, GTK_TYPE_ENTRY, "url-entry")));
  /* Picked again while another tab is in front: its tab comes back with the focus. */
  pick_lesson (fixture, feed_lesson);
  pick_lesson (fixture, request_lesson);
  g_assert_true (focus_in (fixture, pf_test_find_widget (view, GTK_TYPE_ENTRY, "url-entry")));
}

static int
surface_width (Fixture *fixture)
{
  return gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (fixture->window)));
}

/* Resizes the window to @width pixels (its surface: under X11 without a compositor the window
 * widget is a few pixels narrower, inside its frame) and waits until it is laid out so. */
static void
resize (Fixture *fixture,
        int      width)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 720);
  PF_TEST_WAIT_UNTIL (surface_width (fixture) == width, 5000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* At 360 pixels the URL gets the room, and the lessons slide over the content instead of
 * pushing it off the edge; a picked lesson closes them. */
static void
test_narrow_window (Fixture      *fixture,
                    gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwFlap *flap = ADW_FLAP (pf_test_find_widget (window, ADW_TYPE_FLAP, NULL));
  GtkWidget *tabs = GTK_WIDGET (pf_window_get_tab_view (fixture->window));
  g_autoptr (PfLesson) lesson = find_lesson (FALSE, 0);
  GtkWidget *url;
  GtkWidget *method;
  GtkWidget *bar;

  g_assert_nonnull (flap);
  g_assert_false (adw_flap_get_folded (flap));
  resize (fixture, 360);
  /* Folding hid the lessons: the tabs have the whole width. */
  PF_TEST_WAIT_UNTIL (adw_flap_get_reveal_progress (flap) == 0, 5000);
  gtk_test_widget_wait_for_draw (window);
  url = pf_test_find_widget (GTK_WIDGET (pf_window_get_request_view (fixture->window)),
                             GTK_TYPE_ENTRY, "url-entry");
  /* The method entry and its menu button, linked. */
  method = gtk_widget_get_prev_sibling (url);
  bar = gtk_widget_get_parent (url);
  g_test_message ("URL entry %d px, method %d px, request bar %d px", gtk_widget_get_width (url),
                  gtk_widget_get_width (method), gtk_widget_get_width (bar));
  g_assert_cmpint (gtk_widget_get_width (url), >, gtk_widget_get_width (method));
  g_assert_cmpint (gtk_widget_get_width (url), >=, gtk_widget_get_width (bar) * 2 / 5);

  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-sidebar", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  PF_TEST_WAIT_UNTIL (adw_flap_get_reveal_progress (flap) == 1, 5000);
  gtk_test_widget_wait_for_draw (window);
  /* Over the content: the tabs keep the window's width. */
  g_assert_cmpint (gtk_widget_get_width (tabs), ==, gtk_widget_get_width (GTK_WIDGET (flap)));
  g_assert_true (adw_flap_get_modal (flap));

  pick_lesson (fixture, lesson);
  g_assert_false (adw_flap_get_reveal_flap (flap));
  PF_TEST_WAIT_UNTIL (adw_flap_get_reveal_progress (flap) == 0, 5000);
  url = pf_test_find_widget (GTK_WIDGET (pf_window_get_request_view (fixture->window)),
                             GTK_TYPE_ENTRY, "url-entry");
  g_assert_true (focus_in (fixture, url));

  /* Wide again: the lessons beside the tabs. */
  resize (fixture, 1100);
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
}

/* The selected tab of the tab bar, found by its state: AdwTab is private in libadwaita. */
static GtkWidget *
find_selected_tab (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwTab") &&
          (gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_SELECTED) != 0)
        return child;
      if ((found = find_selected_tab (child)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether the selected tab lies wholly inside the tab bar's scrolled strip. */
static gboolean
selected_tab_visible (Fixture *fixture)
{
  GtkWidget *bar = pf_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_TAB_BAR, NULL);
  GtkWidget *tab = find_selected_tab (bar);
  GtkWidget *strip = tab ? gtk_widget_get_ancestor (tab, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  graphene_rect_t bounds;

  if (strip == NULL || !gtk_widget_compute_bounds (tab, strip, &bounds))
    return FALSE;
  return bounds.origin.x >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (strip) + 0.5;
}

/* The selected tab stays in sight when the window narrows. */
static void
test_narrow_tab_bar (Fixture      *fixture,
                     gconstpointer data)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->window);

  for (int i = 0; i < 9; i++)
    pf_window_new_tab (fixture->window, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  PF_TEST_WAIT_UNTIL (selected_tab_visible (fixture), 5000);
  adw_tab_view_set_selected_page (tabs, adw_tab_view_get_nth_page (tabs, 8));
  PF_TEST_WAIT_UNTIL (selected_tab_visible (fixture), 5000);
  resize (fixture, 360);
  PF_TEST_WAIT_UNTIL (selected_tab_visible (fixture), 5000);
  adw_tab_view_set_selected_page (tabs, adw_tab_view_get_nth_page (tabs, 2));
  PF_TEST_WAIT_UNTIL (selected_tab_visible (fixture), 5000);
  resize (fixture, 400);
  PF_TEST_WAIT_UNTIL (selected_tab_visible (fixture), 5000);
}

/* A tab shows a spinner while its request runs, and none once the result is shown. */
static void
test_tab_spinner_while_busy (Fixture      *fixture,
                             gconstpointer data)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->window);
  AdwTabPage *page = adw_tab_view_get_selected_page (tabs);
  g_autofree char *url = pf_test_window_lab_url (fixture, "delay/300");

  g_assert_false (adw_tab_page_get_loading (page));
  pf_window_set_url (fixture->window, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  g_assert_true (adw_tab_page_get_loading (page));
  pf_test_window_wait_for_done (fixture->window);
  g_assert_false (adw_tab_page_get_loading (page));
}

/* At 360 pixels every lesson's tab, sent, is laid out within the window: none wider than it
 * and cut on both sides (a wrapping lesson note once made a tab ask for its text on one line). */
static void
test_narrow_lessons_fit (Fixture      *fixture,
                         gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GListModel *lessons = pf_lessons_get_all ();

  resize (fixture, 360);
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);
      GtkWidget *tab;
      graphene_rect_t bounds;

      pf_window_open_lesson (fixture->window, lesson);
      if (!pf_lesson_is_feed (lesson))
        {
          g_assert_true (gtk_widget_activate_action (window, "win.send", NULL));
          pf_test_window_wait_for_done (fixture->window);
        }
      tab = adw_tab_page_get_child (
        adw_tab_view_get_selected_page (pf_window_get_tab_view (fixture->window)));
      gtk_test_widget_wait_for_draw (window);
      g_assert_true (gtk_widget_compute_bounds (tab, window, &bounds));
      g_test_message ("%s: x %.0f, width %.0f", pf_lesson_get_title (lesson), bounds.origin.x,
                      bounds.size.width);
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.size.width, <=, gtk_widget_get_width (window));
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, set_up_on_lab, func, pf_test_window_tear_down)

int
main (int   argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/tabs/lesson-brings-its-tab-forward", test_lesson_tab_reused);
  ADD ("/window/tabs/titles-say-what-the-tab-holds", test_tab_titles);
  ADD ("/window/tabs/sidebar-follows-the-front-tab", test_sidebar_follows_tab);
  ADD ("/window/tabs/spinner-while-busy", test_tab_spinner_while_busy);
  ADD ("/window/lessons/focus-in-the-tab", test_lesson_focus);
  ADD ("/window/narrow/url-room-and-lessons-overlay", test_narrow_window);
  ADD ("/window/narrow/selected-tab-in-sight", test_narrow_tab_bar);
  ADD ("/window/narrow/lessons-fit", test_narrow_lessons_fit);

  return g_test_run ();
}
