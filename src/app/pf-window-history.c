/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-har.h"
#include "pf-history-item.h"
#include "pf-history-page.h"
#include "pf-save-dialog.h"
#include "pf-window-private.h"

/* The window's part of history: every exchange a request tab sends is recorded when it ends
 * (the main thread only copies it), the sidebar's History page lists them, and an entry opens
 * read-only in a tab of its own, with Send Again. History's errors are toasts. */

/* A history tab (its AdwTabPage) holds its entry: opening it again brings the tab forward. */
static GQuark
page_entry_quark (void)
{
  return g_quark_from_static_string ("pf-window-history-entry");
}

static PfHistoryEntry *
page_get_entry (AdwTabPage *page)
{
  return g_object_get_qdata (G_OBJECT (page), page_entry_quark ());
}

/* A request tab's Send has ended (busy again FALSE): what it got is recorded. Bad input that
 * never went out has no URL and no result. */
static void
busy_cb (PfRequestView *view,
         GParamSpec    *pspec,
         PfWindow      *self)
{
  PfExchange *exchange = pf_request_view_get_exchange (view);

  if (self->history == NULL || exchange == NULL || pf_request_view_get_busy (view) ||
      pf_exchange_get_url (exchange) == NULL)
    return;
  if (pf_exchange_get_ready_state (exchange) != PF_READY_STATE_DONE &&
      pf_exchange_get_failure (exchange) == PF_FAILURE_NONE)
    return;
  pf_history_record_exchange (self->history, exchange);
}

static void
page_attached_cb (PfWindow   *self,
                  AdwTabPage *page)
{
  GtkWidget *child = adw_tab_page_get_child (page);

  if (PF_IS_REQUEST_VIEW (child) && page_get_entry (page) == NULL)
    g_signal_connect_object (child, "notify::busy", G_CALLBACK (busy_cb), self, 0);
}

static void
page_detached_cb (PfWindow   *self,
                  AdwTabPage *page)
{
  g_signal_handlers_disconnect_by_func (adw_tab_page_get_child (page), busy_cb, self);
}

static AdwTabPage *
find_entry_page (PfWindow *self,
                 gint64    id)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *page = adw_tab_view_get_nth_page (self->tab_view, i);
      PfHistoryEntry *entry = page_get_entry (page);

      if (entry != NULL && pf_history_entry_get_id (entry) == id)
        return page;
    }
  return NULL;
}

/* "From history · 05/14/24 10:32:07", as the locale writes a date and a time */
static GtkWidget *
banner_new (PfHistoryEntry *entry)
{
  g_autoptr (GtkBuilder) builder =
    gtk_builder_new_from_resource (APP_RESOURCE_PATH "/pf-history-banner.ui");
  g_autoptr (GDateTime) time =
    g_date_time_new_from_unix_local (pf_history_entry_get_time_us (entry) / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (time, "%x %X");
  /* Translators: %s is the date and time the exchange ended */
  g_autofree char *text = g_strdup_printf (_("From history · %s"), when);

  gtk_label_set_label (GTK_LABEL (gtk_builder_get_object (builder, "banner_label")), text);
  return g_object_ref (GTK_WIDGET (gtk_builder_get_object (builder, "banner")));
}

/* "GET /echo", short enough for a tab; the URL as recorded when it does not parse. */
static char *
entry_title (PfHistoryEntry *entry)
{
  const char *url = pf_history_entry_get_url (entry);
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *path = uri ? g_uri_get_path (uri) : NULL;

  return g_strdup_printf ("%s %s", pf_history_entry_get_method (entry),
                          path && *path ? path : url);
}

static void
open_entry (PfWindow       *self,
            PfHistoryEntry *entry)
{
  g_autoptr (PfExchange) exchange = pf_history_entry_dup_exchange (entry, self->profile);
  g_autoptr (GIcon) icon = g_themed_icon_new ("document-open-recent-symbolic");
  g_autoptr (GtkWidget) banner = banner_new (entry);
  g_autofree char *title = entry_title (entry);
  g_autofree char *tooltip = g_markup_escape_text (pf_history_entry_get_url (entry), -1);
  PfRequestView *view = pf_request_view_new (self->profile);
  AdwTabPage *page;

  pf_request_view_show_recorded (view, exchange);
  pf_request_view_set_narrow (view, self->narrow);
  pf_request_view_add_banner (view, banner);
  page = adw_tab_view_append (self->tab_view, GTK_WIDGET (view));
  g_object_set_qdata_full (G_OBJECT (page), page_entry_quark (), g_object_ref (entry),
                           g_object_unref);
  adw_tab_page_set_title (page, title);
  adw_tab_page_set_tooltip (page, tooltip);
  adw_tab_page_set_icon (page, icon);
  adw_tab_view_set_selected_page (self->tab_view, page);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (PfWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PfHistoryEntry) entry = pf_history_load_finish (PF_HISTORY (object), result,
                                                             &error);
  AdwTabPage *page;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entry == NULL)
    {
      pf_window_show_error (self, error->message);
      return;
    }
  /* Opened twice before the first load came back: one tab. */
  page = find_entry_page (self, pf_history_entry_get_id (entry));
  if (page != NULL)
    adw_tab_view_set_selected_page (self->tab_view, page);
  else
    open_entry (self, entry);
}

/* Brings the tab of history entry @id forward, or loads the entry and opens it read-only. */
static void
open_cb (PfWindow      *self,
         gint64         id,
         PfHistoryPage *history_page)
{
  AdwTabPage *page = find_entry_page (self, id);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  if (page != NULL)
    adw_tab_view_set_selected_page (self->tab_view, page);
  else if (self->history != NULL)
    pf_history_load_async (self->history, id, self->history_cancellable, loaded_cb,
                           g_object_ref (self));
}

static void
page_error_cb (PfWindow      *self,
               const char    *message,
               PfHistoryPage *history_page)
{
  pf_window_show_error (self, message);
}

/* A disk full, a damaged file moved aside (the message says where): a toast; requests go on. */
static void
history_error_cb (PfWindow     *self,
                  const GError *error,
                  PfHistory    *history)
{
  pf_window_show_error (self, error->message);
}

/* A new tab, editable, with the request of the history tab in front. */
static void
send_again_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  PfHistoryEntry *entry = page ? page_get_entry (page) : NULL;
  g_autoptr (PfRequest) request = NULL;
  PfRequestView *view;

  if (entry == NULL)
    return;
  request = pf_history_entry_dup_request (entry);
  view = pf_window_new_tab (self, NULL);
  pf_request_view_set_request (view, request);
}

/* Save as HAR: the entries the History page lists (its filter applies), loaded one after
 * another, then written off the main thread. */

#define HAR_ENTRIES_MAX 1000

typedef struct
{
  PfWindow *window;
  GFile *file;
  GArray *ids;
  GPtrArray *exchanges;
  guint listed;
} HistoryHar;

static void
history_har_free (HistoryHar *job)
{
  g_object_unref (job->window);
  g_object_unref (job->file);
  g_array_unref (job->ids);
  g_ptr_array_unref (job->exchanges);
  g_free (job);
}

static void
history_har_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      data)
{
  HistoryHar *job = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (job->file);
  g_autofree char *message = NULL;

  if (!pf_har_save_finish (result, &error))
    /* Translators: %s says why, e.g. “Permission denied” */
    message = g_strdup_printf (_("Could not save the HAR file: %s"), error->message);
  else if (job->listed > job->exchanges->len)
    /* Translators: the first %u is how many entries were saved, the second how many are listed */
    message = g_strdup_printf (_("Saved the first %u of %u entries as HAR to “%s”"),
                               job->exchanges->len, job->listed, name);
  else
    message = g_strdup_printf (ngettext ("Saved %u entry as HAR to “%s”",
                                         "Saved %u entries as HAR to “%s”", job->exchanges->len),
                               job->exchanges->len, name);
  pf_window_show_error (job->window, message);
  history_har_free (job);
}

static void load_next (HistoryHar *job);

static void
history_har_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      data)
{
  HistoryHar *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PfHistoryEntry) entry = pf_history_load_finish (PF_HISTORY (object), result, &error);

  if (entry == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pf_window_show_error (job->window, error->message);
      history_har_free (job);
      return;
    }
  g_ptr_array_add (job->exchanges, pf_history_entry_dup_exchange (entry, job->window->profile));
  load_next (job);
}

static void
load_next (HistoryHar *job)
{
  PfWindow *self = job->window;

  if (job->exchanges->len < job->ids->len && self->history != NULL)
    {
      pf_history_load_async (self->history,
                             g_array_index (job->ids, gint64, job->exchanges->len),
                             self->history_cancellable, history_har_loaded_cb, job);
      return;
    }
  pf_har_save_async ((PfExchange *const *) job->exchanges->pdata, job->exchanges->len,
                     PF_HAR_NONE, job->file, NULL, history_har_saved_cb, job);
}

/* Saves the entries the History page lists (at most HAR_ENTRIES_MAX, newest first) as HAR to
 * @file; a toast says how it went. */
void
_pf_window_save_history_har (PfWindow *self,
                             GFile    *file)
{
  GListModel *items = pf_history_page_get_items (self->history_page);
  HistoryHar *job = g_new0 (HistoryHar, 1);

  job->window = g_object_ref (self);
  job->file = g_object_ref (file);
  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->exchanges = g_ptr_array_new_with_free_func (g_object_unref);
  job->listed = g_list_model_get_n_items (items);
  for (guint i = 0; i < MIN (job->listed, HAR_ENTRIES_MAX); i++)
    {
      g_autoptr (PfHistoryItem) item = g_list_model_get_item (items, i);
      gint64 id = pf_history_item_get_id (item);

      g_array_append_val (job->ids, id);
    }
  load_next (job);
}

static void
history_har_chosen_cb (GFile   *file,
                       gboolean include_secrets,
                       gpointer data)
{
  g_autoptr (PfWindow) self = data;

  if (file != NULL)
    _pf_window_save_history_har (self, file);
}

static void
save_history_har_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);

  if (g_list_model_get_n_items (pf_history_page_get_items (self->history_page)) == 0)
    {
      pf_window_show_error (self, _("No history entries are listed: nothing to save"));
      return;
    }
  pf_save_dialog_ask (widget, _("Save History as HAR"), "history.har", FALSE,
                      history_har_chosen_cb, g_object_ref (self));
}

/* Shows the History page, its search entry focused. */
static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "history");
  pf_history_page_focus (self->history_page);
}

void
_pf_window_history_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PF_TYPE_HISTORY_PAGE);
  gtk_widget_class_install_action (widget_class, "win.send-again", NULL, send_again_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "win.save-history-har", NULL,
                                   save_history_har_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.show-history", NULL);
}

void
_pf_window_history_init (PfWindow *self)
{
  self->history_page = pf_history_page_new ();
  self->history_cancellable = g_cancellable_new ();
  gtk_stack_add_titled (self->sidebar_stack, GTK_WIDGET (self->history_page), "history",
                        _("History"));
  g_signal_connect_object (self->history_page, "open", G_CALLBACK (open_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_page, "error", G_CALLBACK (page_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "page-attached", G_CALLBACK (page_attached_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "page-detached", G_CALLBACK (page_detached_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_pf_window_history_dispose (PfWindow *self)
{
  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
}

static gboolean
kib_to_bytes (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  g_value_set_uint64 (value, (guint64) g_variant_get_uint32 (variant) * 1024);
  return TRUE;
}

/* The preferences apply to the history as they change. */
static void
bind_settings (PfWindow *self)
{
  if (self->settings == NULL || self->history == NULL)
    return;
  g_settings_bind_with_mapping (self->settings, "history-body-limit-kib", self->history,
                                "body-limit", G_SETTINGS_BIND_GET, kib_to_bytes, NULL, NULL,
                                NULL);
  g_settings_bind (self->settings, "history-max-entries", self->history, "max-entries",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "history-max-age-days", self->history, "max-age-days",
                   G_SETTINGS_BIND_GET);
}

/* The application's history (NULL: none): where this window records, and what its History
 * page shows. With settings set (pf_window_set_settings () first), the preferences apply to
 * it. */
void
pf_window_set_history (PfWindow  *self,
                       PfHistory *history)
{
  g_return_if_fail (PF_IS_WINDOW (self));
  g_return_if_fail (history == NULL || PF_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    g_signal_connect_swapped (history, "error", G_CALLBACK (history_error_cb), self);
  bind_settings (self);
  pf_history_page_set_history (self->history_page, history);
}

PfHistory *
pf_window_get_history (PfWindow *self)
{
  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);
  return self->history;
}
