/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window-collection"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-collection-view.h"
#include "pf-window-collection-private.h"

/* Writing the collection's files from the window: Ctrl+S saves a tab's request into its entry
 * (or, for a tab that has none, into a file the user picks, as a new entry), and the sidebar's
 * Rename and Delete change an entry. Each is a PfCollectionEdit: the file is read again, only
 * the entry's lines change, and nothing is written over changes made elsewhere. */

typedef struct
{
  PfWindow *self;
  char *old_text;   /* the entry's lines before the edit, to find the tabs on it */
  AdwTabPage *page; /* a tab saved into a new entry, which it then holds */
} EditDone;

static void
edit_done_free (EditDone *done)
{
  g_clear_object (&done->self);
  g_free (done->old_text);
  g_clear_object (&done->page);
  g_free (done);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EditDone, edit_done_free)

static void
link_page (AdwTabPage       *page,
           PfCollectionEdit *edit)
{
  PfCollectionTab *tab = g_new0 (PfCollectionTab, 1);

  tab->location = g_object_ref (edit->location);
  tab->etag = g_strdup (edit->new_etag);
  tab->index = edit->new_index;
  tab->text = g_strdup (edit->new_text);
  tab->name = g_strdup (edit->name);
  _pf_window_collection_set_tab (page, tab);
}

static void
edit_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (EditDone) done = user_data;
  g_autoptr (GError) error = NULL;
  PfCollectionEdit *edit = pf_collection_edit_run_finish (result, &error);
  g_autofree char *file = NULL;
  g_autofree char *message = NULL;

  if (edit == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pf_window_show_error (done->self, error->message);
      return;
    }
  if (done->page != NULL)
    link_page (done->page, edit);
  _pf_window_collection_edited (done->self, edit, done->old_text);
  if (edit->kind != PF_COLLECTION_EDIT_SAVE && edit->kind != PF_COLLECTION_EDIT_APPEND)
    return;
  file = g_file_get_basename (edit->location);
  message = *edit->name ? g_strdup_printf (_("Saved “%s” in “%s”"), edit->name, file)
                        : g_strdup_printf (_("Saved the request in “%s”"), file);
  pf_window_show_error (done->self, message);
}

static void
run_edit (PfWindow         *self,
          PfCollectionEdit *edit,
          AdwTabPage       *page)
{
  EditDone *done = g_new0 (EditDone, 1);

  done->self = g_object_ref (self);
  done->old_text = g_strdup (edit->text);
  done->page = page ? g_object_ref (page) : NULL;
  pf_collection_edit_run_async (edit, NULL, edit_done_cb, done);
}

/* An edit of the entry @item shows, as it was read. */
static PfCollectionEdit *
edit_new_for_item (PfCollectionEditKind kind,
                   PfCollectionItem    *item)
{
  PfCollectionEdit *edit = pf_collection_edit_new (kind, pf_collection_item_get_location (item));

  edit->etag = g_strdup (pf_collection_item_get_etag (item));
  edit->index = pf_collection_item_get_index (item);
  edit->text = pf_collection_item_dup_entry_text (item);
  return edit;
}

/* A dialog with the window's actions: Cancel, and @response (@label, the default). */
static AdwMessageDialog *
dialog_new (PfWindow   *self,
            const char *heading,
            const char *body,
            const char *response,
            const char *label)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* The response is there only while @entry has a name. */
static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const char *response = adw_message_dialog_get_default_response (dialog);

  adw_message_dialog_set_response_enabled (dialog, response, *name != '\0');
}

static GtkWidget *
name_entry_new (AdwMessageDialog *dialog,
                const char       *text,
                const char       *css_class)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_widget_add_css_class (entry, css_class);
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_changed_cb), dialog, 0);
  name_changed_cb (GTK_EDITABLE (entry), dialog);
  return entry;
}

static char *
entry_name (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PfWindow         *self)
{
  PfCollectionItem *item = g_object_get_data (G_OBJECT (dialog), "item");
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  PfCollectionEdit *edit;

  if (!g_str_equal (response, "rename"))
    return;
  edit = edit_new_for_item (PF_COLLECTION_EDIT_RENAME, item);
  edit->name = entry_name (entry);
  run_edit (self, edit, NULL);
}

/* Asks for the request's new name, then writes it as its “# @name”. */
void
_pf_window_collection_ask_rename (PfWindow         *self,
                                  PfCollectionItem *item)
{
  AdwMessageDialog *dialog = dialog_new (self, _("Rename Request"), NULL, "rename", _("_Rename"));
  GtkWidget *entry = name_entry_new (dialog, pf_collection_item_get_title (item), "request-name");

  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PfWindow         *self)
{
  PfCollectionItem *item = g_object_get_data (G_OBJECT (dialog), "item");

  if (g_str_equal (response, "delete"))
    run_edit (self, edit_new_for_item (PF_COLLECTION_EDIT_REMOVE, item), NULL);
}

/* Asks, then removes the request's lines from its file. */
void
_pf_window_collection_ask_delete (PfWindow         *self,
                                  PfCollectionItem *item)
{
  g_autofree char *file = g_file_get_basename (pf_collection_item_get_location (item));
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"),
                                              pf_collection_item_get_title (item));
  g_autofree char *body = g_strdup_printf (_("Its lines are removed from “%s”; comments and the "
                                             "other requests stay as they are."),
                                           file);
  AdwMessageDialog *dialog = dialog_new (self, heading, body, "delete", _("_Delete"));

  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The files the save dialog offers: the collection's, then a new one. */
static GListModel *
file_choices (PfWindow *self)
{
  PfCollection *collection = pf_collection_view_get_collection (self->collection_view);
  GListModel *files = pf_collection_get_files (collection);
  GtkStringList *choices = gtk_string_list_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (PfCollectionItem) file = g_list_model_get_item (files, i);

      gtk_string_list_append (choices, pf_collection_item_get_title (file));
    }
  gtk_string_list_append (choices, _("New File"));
  return G_LIST_MODEL (choices);
}

static gboolean
is_new_file (GtkDropDown *files)
{
  GListModel *choices = gtk_drop_down_get_model (files);

  return gtk_drop_down_get_selected (files) + 1 == g_list_model_get_n_items (choices);
}

static void
file_choice_cb (GtkDropDown *files,
                GParamSpec  *pspec,
                GtkWidget   *file_name)
{
  gtk_widget_set_visible (file_name, is_new_file (files));
}

static GtkWidget *
labelled (const char *label,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, -1);
  return box;
}

/* The name, the file and a new file's name, one above the other. */
static GtkWidget *
save_form_new (PfWindow         *self,
               AdwMessageDialog *dialog,
               const char       *name)
{
  g_autoptr (GListModel) choices = file_choices (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *name_entry = name_entry_new (dialog, name, "request-name");
  GtkWidget *files = gtk_drop_down_new (g_object_ref (choices), NULL);
  GtkWidget *file_name = gtk_entry_new ();

  gtk_widget_add_css_class (files, "file-choice");
  gtk_widget_add_css_class (file_name, "file-name");
  gtk_editable_set_text (GTK_EDITABLE (file_name), "requests.http");
  gtk_entry_set_activates_default (GTK_ENTRY (file_name), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (file_name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New File Name"), -1);
  g_signal_connect_object (files, "notify::selected", G_CALLBACK (file_choice_cb), file_name, 0);
  file_choice_cb (GTK_DROP_DOWN (files), NULL, file_name);
  gtk_box_append (GTK_BOX (box), labelled (_("_Name"), name_entry));
  gtk_box_append (GTK_BOX (box), labelled (_("_File"), files));
  gtk_box_append (GTK_BOX (box), file_name);
  g_object_set_data (G_OBJECT (dialog), "name", name_entry);
  g_object_set_data (G_OBJECT (dialog), "files", files);
  g_object_set_data (G_OBJECT (dialog), "file-name", file_name);
  return box;
}

/* The file picked in the dialog: one of the collection's, or a new one in the folder. */
static GFile *
chosen_file (PfWindow         *self,
             AdwMessageDialog *dialog)
{
  GtkDropDown *files = g_object_get_data (G_OBJECT (dialog), "files");
  g_autofree char *name = entry_name (g_object_get_data (G_OBJECT (dialog), "file-name"));
  g_autoptr (PfCollectionItem) file = NULL;
  GListModel *collection;

  if (is_new_file (files))
    {
      g_autofree char *http = g_str_has_suffix (name, ".http") ? g_strdup (name)
                                                               : g_strconcat (name, ".http", NULL);

      return *name ? g_file_resolve_relative_path (self->folder, http) : NULL;
    }
  collection = pf_collection_get_files (pf_collection_view_get_collection (self->collection_view));
  file = g_list_model_get_item (collection, gtk_drop_down_get_selected (files));
  return file ? g_object_ref (pf_collection_item_get_location (file)) : NULL;
}

static void
save_as_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PfWindow         *self)
{
  AdwTabPage *page = g_object_get_data (G_OBJECT (dialog), "page");
  g_autoptr (GFile) location = NULL;
  PfCollectionEdit *edit;

  if (!g_str_equal (response, "save") || self->folder == NULL)
    return;
  location = chosen_file (self, dialog);
  if (location == NULL)
    return;
  edit = pf_collection_edit_new (PF_COLLECTION_EDIT_APPEND, location);
  edit->request = pf_request_copy (
    pf_request_view_get_request (PF_REQUEST_VIEW (adw_tab_page_get_child (page))));
  edit->name = entry_name (g_object_get_data (G_OBJECT (dialog), "name"));
  run_edit (self, edit, page);
}

/* A tab without an entry: asks for a name and a file, then adds the request to it. */
static void
ask_save_as (PfWindow   *self,
             AdwTabPage *page)
{
  AdwMessageDialog *dialog;

  if (self->folder == NULL)
    {
      pf_window_show_error (self, _("Open a folder to save requests in its .http files"));
      return;
    }
  dialog = dialog_new (self, _("Save Request"), _("Add the request to a .http file in the folder."),
                       "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_extra_child (dialog,
                                      save_form_new (self, dialog, adw_tab_page_get_title (page)));
  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (page), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_as_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ctrl+S: the front tab's request into its entry, or a new one. */
void
_pf_window_collection_save (PfWindow *self)
{
  PfRequestView *view = _pf_window_current_view (self);
  AdwTabPage *page;
  PfCollectionTab *tab;
  PfCollectionEdit *edit;

  if (view == NULL)
    return;
  page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (view));
  tab = _pf_window_collection_get_tab (page);
  if (tab == NULL)
    {
      ask_save_as (self, page);
      return;
    }
  edit = pf_collection_edit_new (PF_COLLECTION_EDIT_SAVE, tab->location);
  edit->etag = g_strdup (tab->etag);
  edit->index = tab->index;
  edit->text = g_strdup (tab->text);
  edit->request = pf_request_copy (pf_request_view_get_request (view));
  edit->name = g_strdup (tab->name);
  run_edit (self, edit, NULL);
}
