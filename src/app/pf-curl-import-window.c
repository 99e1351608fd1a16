/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-curl-import-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-curl-command.h"
#include "pf-curl-import-window.h"

/* Import cURL… (main menu): a multi-line curl command pasted in; Import reads it (off the main
 * thread: it may name files) and hands it on with the "import" signal, then closes. A command
 * that does not parse stays, with the parser's message saying where. */
struct _PfCurlImportWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkTextView *text_view;
  GtkLabel *error_label;

  /* Owned */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (PfCurlImportWindow, pf_curl_import_window, ADW_TYPE_WINDOW)

enum
{
  IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (PfCurlImportWindow *self,
            const char *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
parsed_cb (GObject *object,
           GAsyncResult *result,
           gpointer data)
{
  g_autoptr (PfCurlImportWindow) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PfCurlCommand) command = pf_curl_command_parse_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "curl-import.import", TRUE);
  if (command == NULL)
    {
      /* Translators: %s says what is wrong with the pasted curl command, and where */
      g_autofree char *message = g_strdup_printf (_ ("Not imported: %s"), error->message);

      show_error (self, message);
      return;
    }
  g_signal_emit (self, signals[IMPORT], 0, command);
  gtk_window_close (GTK_WINDOW (self));
}

static void
import_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  PfCurlImportWindow *self = PF_CURL_IMPORT_WINDOW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *command = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  command = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  show_error (self, NULL);
  gtk_widget_action_set_enabled (widget, "curl-import.import", FALSE);
  pf_curl_command_parse_async (command, self->cancellable, parsed_cb, g_object_ref (self));
}

/* Ready for the paste. */
static void
pf_curl_import_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pf_curl_import_window_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (PF_CURL_IMPORT_WINDOW (widget)->text_view));
}

static void
pf_curl_import_window_dispose (GObject *object)
{
  PfCurlImportWindow *self = PF_CURL_IMPORT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_CURL_IMPORT_WINDOW);
  G_OBJECT_CLASS (pf_curl_import_window_parent_class)->dispose (object);
}

static void
pf_curl_import_window_finalize (GObject *object)
{
  g_clear_object (&PF_CURL_IMPORT_WINDOW (object)->cancellable);
  G_OBJECT_CLASS (pf_curl_import_window_parent_class)->finalize (object);
}

static void
pf_curl_import_window_class_init (PfCurlImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_curl_import_window_dispose;
  object_class->finalize = pf_curl_import_window_finalize;
  widget_class->map = pf_curl_import_window_map;

  /* The command as read: its request and its notes. */
  signals[IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, PF_TYPE_CURL_COMMAND);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-curl-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PfCurlImportWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, PfCurlImportWindow, error_label);

  /* Return is a line break in the command; Import is Alt+I, its mnemonic. */
  gtk_widget_class_install_action (widget_class, "curl-import.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pf_curl_import_window_init (PfCurlImportWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

PfCurlImportWindow *
pf_curl_import_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PF_TYPE_CURL_IMPORT_WINDOW, "transient-for", parent, NULL);
}
