/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window-collection"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-collection-view.h"
#include "pf-collection.h"
#include "pf-window-collection-private.h"

/* The window's collection: Open Folder… (remembered, and opened again at start while it is
 * there), the sidebar's Collection page over the folder's .http files, and request tabs opened
 * from it, which remember their entry so Ctrl+S saves back into it
 * (pf-window-collection-save.c). The page selects the entry of the front tab, as the Lessons
 * page selects its lesson. */

static GQuark
page_tab_quark (void)
{
  return g_quark_from_static_string ("pf-window-collection-tab");
}

void
_pf_collection_tab_free (PfCollectionTab *tab)
{
  g_clear_object (&tab->location);
  g_free (tab->etag);
  g_free (tab->text);
  g_free (tab->name);
  g_free (tab);
}

/* The entry @page was opened from, or NULL. */
PfCollectionTab *
_pf_window_collection_get_tab (AdwTabPage *page)
{
  return g_object_get_qdata (G_OBJECT (page), page_tab_quark ());
}

/* A named entry's tab is titled by its name, whatever the window titles it by otherwise (the
 * method and path, which follow each edit). */
static void
page_title_cb (AdwTabPage *page)
{
  PfCollectionTab *tab = _pf_window_collection_get_tab (page);

  if (tab != NULL && *tab->name != '\0' &&
      g_strcmp0 (adw_tab_page_get_title (page), tab->name) != 0)
    adw_tab_page_set_title (page, tab->name);
}

/* @page now holds @tab's entry (taking @tab), or none for NULL. */
void
_pf_window_collection_set_tab (AdwTabPage      *page,
                               PfCollectionTab *tab)
{
  if (_pf_window_collection_get_tab (page) == NULL)
    g_signal_connect (page, "notify::title", G_CALLBACK (page_title_cb), NULL);
  g_object_set_qdata_full (G_OBJECT (page), page_tab_quark (), tab,
                           (GDestroyNotify) _pf_collection_tab_free);
  page_title_cb (page);
}

static PfCollectionTab *
tab_new_for_item (PfCollectionItem *item)
{
  PfCollectionTab *tab = g_new0 (PfCollectionTab, 1);

  tab->location = g_object_ref (pf_collection_item_get_location (item));
  tab->etag = g_strdup (pf_collection_item_get_etag (item));
  tab->index = pf_collection_item_get_index (item);
  tab->text = pf_collection_item_dup_entry_text (item);
  tab->name = g_strdup (pf_http_file_entry_get_name (pf_collection_item_get_entry (item)));
  return tab;
}

static gboolean
tab_is (PfCollectionTab *tab,
        GFile           *location,
        const char      *text)
{
  return tab != NULL && g_file_equal (tab->location, location) && g_str_equal (tab->text, text);
}

/* The tab holding the entry at @location whose lines are @text, or NULL. */
static AdwTabPage *
find_entry_page (PfWindow   *self,
                 GFile      *location,
                 const char *text)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);

      if (tab_is (_pf_window_collection_get_tab (page), location, text))
        return page;
    }
  return NULL;
}

/* Brings the request's tab forward, or opens it in a new one with the entry's request. */
static void
request_activated_cb (PfWindow         *self,
                      PfCollectionItem *item)
{
  g_autofree char *text = pf_collection_item_dup_entry_text (item);
  AdwTabPage *page = find_entry_page (self, pf_collection_item_get_location (item), text);
  g_autoptr (PfRequest) request = NULL;
  PfRequestView *view;

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  if (page != NULL)
    {
      adw_tab_view_set_selected_page (self->tab_view, page);
      return;
    }
  request = pf_http_file_entry_dup_request (pf_collection_item_get_entry (item));
  view = pf_window_new_tab (self, NULL);
  pf_request_view_set_request (view, request);
  page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (view));
  _pf_window_collection_set_tab (page, tab_new_for_item (item));
  _pf_window_collection_select_tab (self);
}

/* The Collection page selects the entry the front tab was opened from or saved to, or nothing
 * for a tab that holds none. */
void
_pf_window_collection_select_tab (PfWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  PfCollectionTab *tab = page ? _pf_window_collection_get_tab (page) : NULL;

  if (self->collection_view == NULL)
    return;
  pf_collection_view_select_entry (self->collection_view, tab ? tab->location : NULL,
                                   tab ? tab->text : NULL);
}

/* After @edit wrote its file, the tabs on the entry it changed (the lines @old_text) follow
 * it: to its new lines, or unlinked from a deleted one. */
void
_pf_window_collection_edited (PfWindow         *self,
                              PfCollectionEdit *edit,
                              const char       *old_text)
{
  for (int i = 0; old_text != NULL && i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      PfCollectionTab *tab = _pf_window_collection_get_tab (page);

      if (!tab_is (tab, edit->location, old_text))
        continue;
      if (edit->kind == PF_COLLECTION_EDIT_REMOVE)
        {
          g_object_set_qdata (G_OBJECT (page), page_tab_quark (), NULL);
          continue;
        }
      g_free (tab->etag);
      tab->etag = g_strdup (edit->new_etag);
      tab->index = edit->new_index;
      g_free (tab->text);
      tab->text = g_strdup (edit->new_text);
      if (edit->kind == PF_COLLECTION_EDIT_RENAME)
        {
          g_free (tab->name);
          tab->name = g_strdup (edit->name);
          page_title_cb (page);
        }
    }
  _pf_window_collection_select_tab (self);
}

static void
rename_cb (PfWindow         *self,
           PfCollectionItem *item)
{
  _pf_window_collection_ask_rename (self, item);
}

static void
delete_cb (PfWindow         *self,
           PfCollectionItem *item)
{
  _pf_window_collection_ask_delete (self, item);
}

/* The folder changed: the page shows the new one's files (and comes forward), and the folder
 * is remembered for the next start. */
static void
folder_changed_cb (PfWindow *self)
{
  g_autoptr (PfCollection) collection = self->folder ? pf_collection_new (self->folder) : NULL;
  g_autofree char *path = self->folder ? g_file_get_path (self->folder) : NULL;

  pf_collection_view_set_collection (self->collection_view, collection);
  if (self->folder != NULL)
    gtk_stack_set_visible_child (self->sidebar_stack, GTK_WIDGET (self->collection_view));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "collection-folder", path ? path : "");
}

#if GTK_CHECK_VERSION(4, 10, 0)
static void
folder_dialog_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (PfWindow) self = user_data;
  g_autoptr (GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object),
                                                                   result, NULL);

  if (folder != NULL)
    pf_window_set_folder (self, folder);
}
#else
static void
folder_chooser_cb (GtkNativeDialog *chooser,
                   int              response,
                   PfWindow        *self)
{
  g_autoptr (GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    pf_window_set_folder (self, folder);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}
#endif

/* Asks for a folder of .http files (the file portal in a sandbox) and opens it. */
static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Open Folder"));
  gtk_file_dialog_set_initial_folder (dialog, self->folder);
  gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), NULL, folder_dialog_cb,
                                 g_object_ref (self));
#else
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
    _("Open Folder"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), NULL);

  if (self->folder != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chooser_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
#endif
}

static void
save_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _pf_window_collection_save (PF_WINDOW (widget));
}

static void
remembered_folder_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (PfWindow) self = user_data;
  g_autoptr (GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);

  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY &&
      self->folder == NULL)
    pf_window_set_folder (self, G_FILE (object));
}

/* The folder open when the app last ran opens again, if it is still there. */
static void
reopen_folder_cb (PfWindow *self)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) folder = NULL;

  g_signal_handlers_disconnect_by_func (self, reopen_folder_cb, NULL);
  if (self->settings == NULL || self->folder != NULL)
    return;
  path = g_settings_get_string (self->settings, "collection-folder");
  if (*path == '\0')
    return;
  folder = g_file_new_for_path (path);
  g_file_query_info_async (folder, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, NULL, remembered_folder_cb, g_object_ref (self));
}

void
_pf_window_collection_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PF_TYPE_COLLECTION_VIEW);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-folder", NULL);
  gtk_widget_class_install_action (widget_class, "win.save-request", NULL, save_request_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-request", NULL);
}

void
_pf_window_collection_init (PfWindow *self)
{
  self->collection_view = pf_collection_view_new ();
  gtk_stack_add_titled (self->sidebar_stack, GTK_WIDGET (self->collection_view), "collection",
                        _("Collection"));
  g_signal_connect_object (self->collection_view, "request-activated",
                           G_CALLBACK (request_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection_view, "rename", G_CALLBACK (rename_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection_view, "delete", G_CALLBACK (delete_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::folder", G_CALLBACK (folder_changed_cb), NULL);
  /* Settings come after the window is made, before it is shown. */
  g_signal_connect (self, "realize", G_CALLBACK (reopen_folder_cb), NULL);
}
