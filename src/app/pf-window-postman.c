/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-postman-import.h"
#include "pf-window-private.h"

/* Import Postman Collection… (main menu): a collection (v2.1 JSON) and a folder to write it
 * into, as .http files and an environment; the folder then opens as the collection, and a
 * dialog lists what did not carry over. Nothing is written when the collection has a problem,
 * and no file is replaced. */

typedef struct
{
  GFile *collection;
  GFile *folder;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_object_unref (job->collection);
  g_object_unref (job->folder);
  g_free (job);
}

static void
import_thread (GTask *task,
               gpointer source,
               gpointer data,
               GCancellable *cancellable)
{
  ImportJob *job = data;
  g_autoptr (GBytes) json = NULL;
  g_autoptr (PfPostmanImport) import = NULL;
  GError *error = NULL;

  if ((json = g_file_load_bytes (job->collection, cancellable, NULL, &error)) == NULL ||
      (import = pf_postman_import_new (json, job->folder, &error)) == NULL ||
      !pf_postman_import_write (import, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&import), g_object_unref);
}

/* What did not carry over, a line each, left-aligned and scrolled when long. */
static GtkWidget *
report_view_new (const char *const *report)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GtkWidget *label, *scrolled;

  for (guint i = 0; report[i] != NULL; i++)
    g_string_append_printf (text, "%s• %s", i ? "\n" : "", report[i]);
  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  return scrolled;
}

static void
show_report (PfWindow *self,
             PfPostmanImport *import)
{
  const char *const *report = pf_postman_import_get_report (import);
  guint n_files = pf_postman_import_get_n_files (import);
  /* Translators: %u is how many .http files an imported Postman collection became */
  g_autofree char *heading = g_strdup_printf (ngettext ("Imported into %u File",
                                                        "Imported into %u Files", n_files),
                                              n_files);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         heading, NULL));

  if (report[0] == NULL)
    adw_message_dialog_set_body (dialog, _("Everything in the collection carried over."));
  else
    {
      adw_message_dialog_set_body (dialog, _("These parts of the collection did not carry over:"));
      adw_message_dialog_set_extra_child (dialog, report_view_new (report));
    }
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "postman-report");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
imported_cb (GObject *object,
             GAsyncResult *result,
             gpointer data)
{
  PfWindow *self = PF_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (PfPostmanImport) import = g_task_propagate_pointer (G_TASK (result), &error);

  if (import == NULL)
    {
      g_autofree char *name = g_file_get_basename (job->collection);
      /* Translators: %s is a file name, then why its collection was not imported */
      g_autofree char *message = g_strdup_printf (_("Could not import “%s”: %s"), name,
                                                  error->message);

      pf_window_show_error (self, message);
      return;
    }
  pf_window_set_folder (self, job->folder);
  show_report (self, import);
}

/* Imports the Postman collection @collection into @folder, off the main thread. */
void
_pf_window_import_postman (PfWindow *self,
                           GFile *collection,
                           GFile *folder)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, imported_cb, NULL);
  ImportJob *job = g_new0 (ImportJob, 1);

  job->collection = g_object_ref (collection);
  job->folder = g_object_ref (folder);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/* The two questions: which collection, then which folder. */

static void ask_folder (PfWindow *self,
                        GFile *collection);

#if GTK_CHECK_VERSION(4, 10, 0)
static void
collection_chosen_cb (GObject *object,
                      GAsyncResult *result,
                      gpointer data)
{
  g_autoptr (PfWindow) self = data;
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    ask_folder (self, file);
}

static void
folder_chosen_cb (GObject *object,
                  GAsyncResult *result,
                  gpointer data)
{
  g_autoptr (GFile) collection = data;
  g_autoptr (GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object),
                                                                   result, NULL);
  GtkWindow *parent = g_object_get_data (object, "pf-window");

  if (folder != NULL && PF_IS_WINDOW (parent))
    _pf_window_import_postman (PF_WINDOW (parent), collection, folder);
}

static void
ask_folder (PfWindow *self,
            GFile *collection)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Import Into Folder"));
  g_object_set_data_full (G_OBJECT (dialog), "pf-window", g_object_ref (self), g_object_unref);
  gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), NULL, folder_chosen_cb,
                                 g_object_ref (collection));
}

static void
ask_collection (PfWindow *self)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Import Postman Collection"));
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, collection_chosen_cb, g_object_ref (self));
}
#else
static void
folder_response_cb (GtkNativeDialog *chooser,
                    int response,
                    PfWindow *self)
{
  g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  GFile *collection = g_object_get_data (G_OBJECT (chooser), "pf-collection");

  if (response == GTK_RESPONSE_ACCEPT && folder != NULL)
    _pf_window_import_postman (self, collection, folder);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
ask_folder (PfWindow *self,
            GFile *collection)
{
  GtkFileChooserNative *chooser =
      gtk_file_chooser_native_new (_("Import Into Folder"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"), NULL);

  g_object_set_data_full (G_OBJECT (chooser), "pf-collection", g_object_ref (collection),
                          g_object_unref);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
collection_response_cb (GtkNativeDialog *chooser,
                        int response,
                        PfWindow *self)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    ask_folder (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
ask_collection (PfWindow *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _("Import Postman Collection"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Postman collections"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (collection_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
#endif

static void
import_postman_action (GtkWidget *widget,
                       const char *action_name,
                       GVariant *parameter)
{
  ask_collection (PF_WINDOW (widget));
}

void
_pf_window_postman_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-postman", NULL,
                                   import_postman_action);
}
