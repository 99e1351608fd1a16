/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "pf-cookies-window.h"
#include "pf-curl-import-window.h"
#include "pf-environments-window.h"
#include "pf-lab-server.h"
#include "pf-lesson.h"
#include "pf-request-view-private.h"
#include "pf-locale.h"
#include "pf-window-private.h"

/* Writes PNG screenshots of the window's main states, rendered by GTK itself (no screen
 * grab), for the README and the metainfo:
 *   pf-screenshots OUTPUT_DIR
 *   pf-screenshots --walk WIDTH OUTPUT_DIR
 * Each state is reached through the window's own actions against the lab server. The walk
 * opens every lesson at WIDTH pixels, runs it and saves its pages (lesson-NN-PAGE.png), for a
 * reviewer walking the window as a new user would. */

typedef struct
{
  PfLabServer *lab;
  PfProfile *profile;
  PfWindow *window;
  PfHistory *history;
  const char *dir;
} Shots;

static void
iterate_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for_done (PfWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      PfExchange *exchange = pf_window_get_exchange (window);

      if (exchange && (pf_exchange_get_ready_state (exchange) == PF_READY_STATE_DONE ||
                       pf_exchange_get_failure (exchange) != PF_FAILURE_NONE))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  iterate_ms (300);
}

static void send (Shots *shots,
                  const char *path);

static void
save_widget (Shots *shots,
             GtkWidget *widget,
             const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (shots->dir, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  iterate_ms (200);
  /* The paintable draws the widget as the screen shows it, CSS backgrounds included. */
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
  g_print ("%s\n", path);
}

static void
save (Shots *shots,
      const char *name)
{
  save_widget (shots, GTK_WIDGET (shots->window), name);
}

/* The Cookies window over the jar the lab filled. */
static void
save_cookies (Shots *shots)
{
  GtkWindow *cookies = NULL;
  g_autoptr (GList) windows = NULL;

  send (shots, "cookies/set?session=a1b2c3&theme=dark");
  send (shots, "cors/api?set-cookie=token%3Dxyz%3B%20HttpOnly%3B%20SameSite%3DStrict%3B%20"
               "Max-Age%3D3600%3B%20Path%3D%2Fcors");
  gtk_widget_activate_action (GTK_WIDGET (shots->window), "win.cookies", NULL);
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (PF_IS_COOKIES_WINDOW (l->data))
      cookies = l->data;
  g_assert (cookies != NULL);
  iterate_ms (500);
  save_widget (shots, GTK_WIDGET (cookies), "cookies.png");
  gtk_window_destroy (cookies);
}

static GtkWidget *
first_text_view (GtkWidget *root)
{
  if (GTK_IS_TEXT_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_text_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Import cURL… with a browser's command pasted in. */
static void
save_curl_import (Shots *shots)
{
  GtkWindow *import = NULL;
  g_autoptr (GList) windows = NULL;
  GtkWidget *text;

  gtk_widget_activate_action (GTK_WIDGET (shots->window), "win.import-curl", NULL);
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (PF_IS_CURL_IMPORT_WINDOW (l->data))
      import = l->data;
  g_assert (import != NULL);
  text = first_text_view (GTK_WIDGET (import));
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)),
                              "curl 'https://api.example/items' \\\n"
                              "  -H 'accept: application/json' \\\n"
                              "  -H 'origin: https://app.example' \\\n"
                              "  --data-raw '{\"name\":\"pen\"}'",
                              -1);
  iterate_ms (500);
  save_widget (shots, GTK_WIDGET (import), "curl-import.png");
  gtk_window_destroy (import);
}

static void
send (Shots *shots,
      const char *path)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (shots->lab), path, NULL);

  pf_window_set_url (shots->window, url);
  gtk_widget_activate_action (GTK_WIDGET (shots->window), "win.send", NULL);
  wait_for_done (shots->window);
}

static GtkStack *
find_stack_with_page (GtkWidget *root,
                      const char *page)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found;

      if (GTK_IS_STACK (child) && gtk_stack_get_child_by_name (GTK_STACK (child), page))
        return GTK_STACK (child);
      if ((found = find_stack_with_page (child, page)) != NULL)
        return found;
    }
  return NULL;
}

static void
show_page (Shots *shots,
           const char *page)
{
  GtkWidget *view = GTK_WIDGET (pf_window_get_request_view (shots->window));

  gtk_stack_set_visible_child_name (find_stack_with_page (view, page), page);
}

/* Ctrl+F in the front tab's body, and a moment for the search to count. */
static void
find_in_body (Shots *shots,
              const char *pattern)
{
  PfRequestView *view = pf_window_get_request_view (shots->window);

  gtk_widget_activate_action (GTK_WIDGET (view), "request.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (view->find_entry), pattern);
  iterate_ms (1500);
}

/* Opens the newest exchange of the History page in its tab. */
static void
open_newest (Shots *shots)
{
  GListModel *items = pf_history_page_get_items (shots->window->history_page);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autoptr (PfHistoryItem) newest = NULL;

  while (g_list_model_get_n_items (items) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  newest = g_list_model_get_item (items, 0);
  if (newest != NULL)
    gtk_widget_activate_action (GTK_WIDGET (shots->window->history_page), "history.open", "x",
                                pf_history_item_get_id (newest));
  iterate_ms (800);
}

static void
remove_history (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

/* Each request lesson's pages in pairs the wide window shows side by side (editor or timeline
 * on the left, a result page on the right); a narrow window shows the right one. */
static const char *const walk_pages[][2] = {
  { "timeline", "body" },
  { "request", "headers" },
  { "timeline", "cors" },
  { "request", "raw" },
};

static GtkWidget *
find_collection_list (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child) && gtk_widget_has_css_class (child, "collection"))
        return child;
      if ((found = find_collection_list (child)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_entry_row (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child))
        return child;
      if ((found = find_entry_row (child)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Edit Environments…, then its Add Environment dialog refusing a name already taken. */
static void
shoot_environments (Shots *shots)
{
  GtkWindow *editor;
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (shots->window), "win.edit-environments", NULL);
  editor = find_toplevel (PF_TYPE_ENVIRONMENTS_WINDOW);
  g_assert (editor != NULL);
  gtk_window_set_default_size (editor, 560, 760);
  iterate_ms (800);
  save_widget (shots, GTK_WIDGET (editor), "environments.png");
  gtk_widget_activate_action (GTK_WIDGET (editor), "environments.add-environment", NULL);
  iterate_ms (300);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert (dialog != NULL);
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (dialog))), "dev");
  iterate_ms (300);
  save_widget (shots, GTK_WIDGET (dialog), "environments-add.png");
  gtk_window_destroy (dialog);
  gtk_window_destroy (editor);
}

/* A folder of .http files in the sidebar, one of its requests open in a tab (and its row
 * selected), and its environments. */
static void
shoot_collection (Shots *shots)
{
  g_autofree char *dir = g_dir_make_tmp ("preflight-shot-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "api.http", NULL);
  g_autofree char *text = g_strdup_printf (
      "@host = %s\n\n### List the items\nGET {{host}}json\nAccept: application/json\n\n"
      "###\n# @name create-item\nPOST {{host}}echo\nContent-Type: application/json\n\n"
      "{\"name\": \"first\"}\n\n### From a page\n# @origin http://app.example\n"
      "PUT {{host}}cors/api?allow-methods=PUT\n",
      pf_lab_server_get_base_url (shots->lab));
  g_autofree char *more = g_build_filename (dir, "auth.http", NULL);
  g_autofree char *env = g_build_filename (dir, "http-client.env.json", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);

  g_file_set_contents (path, text, -1, NULL);
  g_file_set_contents (more, "### Log in\nPOST https://example.com/login\n", -1, NULL);
  g_file_set_contents (env,
                       "{\"$shared\": {\"version\": \"v1\", \"accept\": \"application/json\"},\n"
                       " \"dev\": {\"host\": \"127.0.0.1:8080\", \"user\": \"alice\"},\n"
                       " \"prod\": {\"host\": \"api.example.com\", \"version\": \"v2\"}}\n",
                       -1, NULL);
  pf_window_set_folder (shots->window, folder);
  iterate_ms (800);
  gtk_widget_activate_action (find_collection_list (GTK_WIDGET (shots->window)),
                              "list.activate-item", "u", 2);
  iterate_ms (300);
  save (shots, "collection.png");
  shoot_environments (shots);
  g_unlink (path);
  g_unlink (more);
  g_unlink (env);
  g_rmdir (dir);
}

static void
walk_lesson (Shots *shots,
             PfLesson *lesson,
             guint index)
{
  g_autofree char *prefix = g_strdup_printf ("lesson-%02u", index);

  pf_window_open_lesson (shots->window, lesson);
  iterate_ms (300);
  gtk_widget_activate_action (GTK_WIDGET (shots->window), "win.send", NULL);
  if (pf_lesson_is_feed (lesson))
    {
      g_autofree char *name = g_strconcat (prefix, "-feed.png", NULL);

      /* The polling comparison needs a few news on its timeline. */
      iterate_ms (pf_lesson_get_feed_kind (lesson) == PF_FEED_KIND_POLL_COMPARISON ? 7000 : 2500);
      save (shots, name);
      return;
    }
  wait_for_done (shots->window);
  for (guint i = 0; i < G_N_ELEMENTS (walk_pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.png", prefix, walk_pages[i][1]);

      show_page (shots, walk_pages[i][0]);
      show_page (shots, walk_pages[i][1]);
      save (shots, name);
    }
}

static void
walk (Shots *shots,
      int width)
{
  GListModel *lessons = pf_lessons_get_all ();

  gtk_window_set_default_size (GTK_WINDOW (shots->window), width, 760);
  iterate_ms (500);
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);
      const char *only = g_getenv ("PF_WALK_ONLY");

      /* PF_WALK_ONLY=WORDS: only the lessons whose id (English title) holds them. */
      if (only != NULL && strstr (pf_lesson_get_id (lesson), only) == NULL)
        continue;
      g_print ("%02u %s\n", i, pf_lesson_get_title (lesson));
      walk_lesson (shots, lesson, i);
    }
}

int
main (int argc,
      char *argv[])
{
  Shots shots = { 0 };
  g_autofree char *history_dir = NULL;
  g_autofree char *history_path = NULL;

  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  /* The build tree's catalogues under meson devenv, the installed ones otherwise. */
  pf_locale_init ();
  gtk_init ();
  adw_init ();
  /* An AdwApplication would load the app's style sheet; this program has none. */
  g_type_ensure (PF_TYPE_WINDOW);
  gtk_css_provider_load_from_resource (css, APP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  if (argc != 2 && !(argc == 4 && g_str_equal (argv[1], "--walk")))
    g_error ("usage: pf-screenshots [--walk WIDTH] OUTPUT_DIR");
  shots.dir = argv[argc - 1];
  g_mkdir_with_parents (shots.dir, 0755);
  shots.lab = pf_lab_server_new ();
  pf_lab_server_start (shots.lab, 0, NULL);
  shots.profile = pf_profile_new_with_network_thread ();
  shots.window = pf_window_new (NULL, shots.profile, pf_lab_server_get_base_url (shots.lab));
  gtk_window_set_default_size (GTK_WINDOW (shots.window), 1200, 760);
  /* A history of the shots' own, in a temporary folder. */
  history_dir = g_dir_make_tmp ("pf-screenshots-XXXXXX", NULL);
  history_path = g_build_filename (history_dir, "history.sqlite", NULL);
  shots.history = pf_history_new (history_path);
  pf_window_set_history (shots.window, shots.history);
  gtk_window_present (GTK_WINDOW (shots.window));
  iterate_ms (500);
  if (argc == 4)
    {
      walk (&shots, atoi (argv[2]));
      gtk_window_destroy (GTK_WINDOW (shots.window));
      pf_lab_server_stop (shots.lab);
      return 0;
    }

  send (&shots, "example.txt");
  save (&shots, "timeline.png");
  save_cookies (&shots);
  save_curl_import (&shots);

  pf_request_set_origin (pf_request_view_get_request (pf_window_get_request_view (shots.window)),
                         "http://app.example");
  send (&shots, "cors/api?allow-origin=echo&allow-methods=PUT&case=shot");
  show_page (&shots, "request");
  save (&shots, "request.png");
  show_page (&shots, "cors");
  save (&shots, "cors-allowed.png");

  /* Sent as Chromium would: Raw greys the browser's own headers. */
  show_page (&shots, "raw");
  save (&shots, "raw-browser-headers.png");

  pf_window_new_tab (shots.window, NULL);
  pf_request_set_origin (pf_request_view_get_request (pf_window_get_request_view (shots.window)),
                         "http://app.example");
  send (&shots, "cors/api?allow-methods=PUT");
  show_page (&shots, "cors");
  save (&shots, "cors-blocked.png");

  {
    GListModel *lessons = pf_lessons_get_all ();
    g_autoptr (PfLesson) lesson = NULL;

    for (guint i = 0; lesson == NULL && i < g_list_model_get_n_items (lessons); i++)
      {
        g_autoptr (PfLesson) candidate = g_list_model_get_item (lessons, i);

        if (g_str_equal (pf_lesson_get_title (candidate),
                         g_dgettext (GETTEXT_PACKAGE, "Preflighted CORS")))
          lesson = g_steal_pointer (&candidate);
      }
    pf_window_open_lesson (shots.window, lesson);
    gtk_widget_activate_action (GTK_WIDGET (shots.window), "win.send", NULL);
    wait_for_done (shots.window);
    show_page (&shots, "cors");
    save (&shots, "lesson.png");
  }

  /* EventSource under CORS: the feed tab's page origin and withCredentials, and the verdict. */
  {
    GListModel *lessons = pf_lessons_get_all ();
    g_autoptr (PfLesson) lesson = NULL;

    for (guint i = 0; lesson == NULL && i < g_list_model_get_n_items (lessons); i++)
      {
        g_autoptr (PfLesson) candidate = g_list_model_get_item (lessons, i);

        if (g_str_equal (pf_lesson_get_title (candidate),
                         g_dgettext (GETTEXT_PACKAGE, "EventSource blocked by CORS")))
          lesson = g_steal_pointer (&candidate);
      }
    pf_window_open_lesson (shots.window, lesson);
    gtk_widget_activate_action (GTK_WIDGET (shots.window), "win.send", NULL);
    iterate_ms (1500);
    save (&shots, "feed-cors.png");
  }

  /* Authentication: open ()'s user and password answer the lab's Basic challenge. */
  {
    GListModel *lessons = pf_lessons_get_all ();
    g_autoptr (PfLesson) lesson = NULL;

    for (guint i = 0; lesson == NULL && i < g_list_model_get_n_items (lessons); i++)
      {
        g_autoptr (PfLesson) candidate = g_list_model_get_item (lessons, i);

        if (g_str_equal (pf_lesson_get_title (candidate),
                         g_dgettext (GETTEXT_PACKAGE, "Authentication")))
          lesson = g_steal_pointer (&candidate);
      }
    pf_window_open_lesson (shots.window, lesson);
    gtk_widget_activate_action (GTK_WIDGET (shots.window), "win.send", NULL);
    wait_for_done (shots.window);
    show_page (&shots, "timeline");
    show_page (&shots, "raw");
    save (&shots, "auth.png");
  }

  /* The same lesson in the dark style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  show_page (&shots, "cors");
  save (&shots, "dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The History page, and its newest exchange opened from it. */
  gtk_widget_activate_action (GTK_WIDGET (shots.window), "win.show-history", NULL);
  open_newest (&shots);
  save (&shots, "history.png");

  {
    g_autofree char *events = g_strconcat (pf_lab_server_get_base_url (shots.lab),
                                           "events?interval=150&retry=2000&drop-after=6&event=tick",
                                           NULL);

    pf_window_new_feed_tab (shots.window, events);
    gtk_widget_activate_action (GTK_WIDGET (shots.window), "win.send", NULL);
    iterate_ms (1500);
    save (&shots, "events.png");
  }

  shoot_collection (&shots);

  /* A 64 MB body shown whole by the body viewer, scrolled to its end. */
  pf_window_new_tab (shots.window, NULL);
  send (&shots, "bytes/64000000");
  show_page (&shots, "body");
  iterate_ms (300);
  save (&shots, "body-whole.png");
  find_in_body (&shots, "xyzab");
  save (&shots, "body-find.png");

  pf_window_new_tab (shots.window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (shots.window), 360, 720);
  iterate_ms (300);
  send (&shots, "example.txt");
  save (&shots, "narrow.png");
  send (&shots, "bytes/64000000");
  iterate_ms (300);
  save (&shots, "body-whole-narrow.png");
  find_in_body (&shots, "xyzab");
  save (&shots, "body-find-narrow.png");

  gtk_window_destroy (GTK_WINDOW (shots.window));
  pf_lab_server_stop (shots.lab);
  g_clear_object (&shots.history);
  remove_history (history_dir);
  return 0;
}
