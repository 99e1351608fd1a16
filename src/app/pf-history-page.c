/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-history-page.h"
#include "pf-history-row.h"

/* The sidebar's History page: every exchange sent, newest first, grouped by day, filtered as
 * the user types (core's query, off the main thread, each keystroke's cancelling the last) and
 * loaded a page at a time as the list scrolls, so a history of any size opens at once. It asks
 * only while it is shown (mapped: in front in the sidebar, the sidebar open), so a start with
 * another page in front reads nothing: a history that changes while the page is hidden is
 * marked stale and asked for when the page is next shown, the rows it had kept meanwhile.
 * A row opens its exchange (::open); the row's menu and the Delete key delete it; a button
 * deletes all after asking. */

/* Rows asked for at a time: a few screens' worth. */
#define PAGE_SIZE 200

struct _PfHistoryPage
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkScrolledWindow *scroller;
  GtkListView *list_view;
  GtkSingleSelection *selection;

  /* Owned */
  PfHistory *history;
  GListStore *items;
  GCancellable *query_cancellable;
  guint limit;
  gboolean stale;  /* the rows shown may not be the history's: ask when shown */
  guint n_queries;
};

G_DEFINE_FINAL_TYPE (PfHistoryPage, pf_history_page, GTK_TYPE_BOX)

enum
{
  SIGNAL_OPEN,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark
day_quark (void)
{
  return g_quark_from_static_string ("pf-history-day");
}

/* "Today", "Yesterday" or the date, as the user's locale writes it. */
static char *
day_label (GDateTime *time,
           GDateTime *now)
{
  int days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (time);

  if (g_date_time_get_year (now) != g_date_time_get_year (time))
    days = -1;
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  return g_date_time_format (time, "%x");
}

/* Each item that starts a day (newest first) carries its day's label for its row. */
static void
mark_days (GListModel *items)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *previous = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (PfHistoryItem) item = g_list_model_get_item (items, i);
      g_autoptr (GDateTime) time =
        g_date_time_new_from_unix_local (pf_history_item_get_time_us (item) / G_USEC_PER_SEC);
      char *label = day_label (time, now);

      if (g_strcmp0 (label, previous) == 0)
        {
          g_free (label);
          continue;
        }
      g_object_set_qdata_full (G_OBJECT (item), day_quark (), g_strdup (label), g_free);
      g_free (previous);
      previous = label;
    }
}

/* Whether @items begins with the rows shown: then only the rest is added, and the list keeps
 * where it was scrolled to. */
static gboolean
extends_shown (PfHistoryPage *self,
               GListModel    *items)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (shown == 0 || g_list_model_get_n_items (items) < shown)
    return FALSE;
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr (PfHistoryItem) a = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      g_autoptr (PfHistoryItem) b = g_list_model_get_item (items, i);

      if (pf_history_item_get_id (a) != pf_history_item_get_id (b) ||
          g_strcmp0 (g_object_get_qdata (G_OBJECT (a), day_quark ()),
                     g_object_get_qdata (G_OBJECT (b), day_quark ())) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
show_items (PfHistoryPage *self,
            GListModel    *items)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n = g_list_model_get_n_items (items);
  guint from = extends_shown (self, items) ? shown : 0;
  g_autoptr (GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  const char *filter = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  for (guint i = from; i < n; i++)
    g_ptr_array_add (added, g_list_model_get_item (items, i));
  g_list_store_splice (self->items, from, shown - from, added->pdata, added->len);
  adw_status_page_set_title (self->empty_page, *filter ? _("No Results") : _("No History Yet"));
  adw_status_page_set_description (self->empty_page,
                                   *filter ? _("No exchange matches every word")
                                           : _("Every request you send is kept here"));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (PfHistoryPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) items = pf_history_query_finish (PF_HISTORY (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->query_cancellable);
  if (items == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
      return;
    }
  mark_days (items);
  show_items (self, items);
}

/* Asks for the newest rows up to the limit, matching the search; the last question is
 * dropped. */
static void
query (PfHistoryPage *self)
{
  if (self->history == NULL)
    return;
  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();
  self->n_queries++;
  pf_history_query_async (self->history, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                          self->limit, self->query_cancellable, query_cb, g_object_ref (self));
}

/* Asks now if the page is shown, else once it is. */
static void
refresh (PfHistoryPage *self)
{
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->stale)
    query (self);
}

/* gtk_search_entry's search-changed comes 150 ms after the last keystroke. */
static void
search_changed_cb (PfHistoryPage *self)
{
  self->limit = PAGE_SIZE;
  refresh (self);
}

/* Near the end of what is loaded, the next page. */
static void
scrolled_cb (PfHistoryPage *self,
             GtkAdjustment *adjustment)
{
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) -
                gtk_adjustment_get_page_size (adjustment);

  if (left > gtk_adjustment_get_page_size (adjustment) || self->query_cancellable != NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->items)) < self->limit)
    return;
  self->limit += PAGE_SIZE;
  query (self);
}

static void
activate_cb (PfHistoryPage *self,
             guint          position)
{
  g_autoptr (PfHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN], 0, pf_history_item_get_id (item));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (PfHistoryPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pf_history_delete_finish (PF_HISTORY (object), result, &error) &&
      !g_error_matches (error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_NOT_FOUND))
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
}

static void
delete_id (PfHistoryPage *self,
           gint64         id)
{
  if (self->history != NULL)
    pf_history_delete_async (self->history, id, NULL, deleted_cb, g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_OPEN], 0, g_variant_get_int64 (parameter));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  delete_id (PF_HISTORY_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PfHistoryPage *self = PF_HISTORY_PAGE (widget);
  PfHistoryItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    delete_id (self, pf_history_item_get_id (item));
}

static void
deleted_all_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (PfHistoryPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pf_history_delete_all_finish (PF_HISTORY (object), result, &error))
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
}

static void
confirm_response_cb (PfHistoryPage *self,
                     const char    *response)
{
  if (g_str_equal (response, "delete") && self->history != NULL)
    pf_history_delete_all_async (self->history, NULL, deleted_all_cb, g_object_ref (self));
}

static void
delete_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Delete All History?"),
                                              _("Every recorded exchange is deleted. This cannot "
                                                "be undone."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete All"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), widget,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, pf_history_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  PfHistoryItem *item = gtk_list_item_get_item (list_item);

  pf_history_row_set_item (PF_HISTORY_ROW (gtk_list_item_get_child (list_item)), item,
                           g_object_get_qdata (G_OBJECT (item), day_quark ()));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  pf_history_row_set_item (PF_HISTORY_ROW (gtk_list_item_get_child (list_item)), NULL, NULL);
}

static void
pf_history_page_map (GtkWidget *widget)
{
  PfHistoryPage *self = PF_HISTORY_PAGE (widget);

  GTK_WIDGET_CLASS (pf_history_page_parent_class)->map (widget);
  if (self->stale)
    refresh (self);
}

static void
pf_history_page_dispose (GObject *object)
{
  PfHistoryPage *self = PF_HISTORY_PAGE (object);

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_HISTORY_PAGE);
  G_OBJECT_CLASS (pf_history_page_parent_class)->dispose (object);
}

static void
pf_history_page_finalize (GObject *object)
{
  g_clear_object (&PF_HISTORY_PAGE (object)->items);
  G_OBJECT_CLASS (pf_history_page_parent_class)->finalize (object);
}

static void
pf_history_page_class_init (PfHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_history_page_dispose;
  object_class->finalize = pf_history_page_finalize;
  widget_class->map = pf_history_page_map;

  /* The id of an exchange to open. */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A message for a toast: a query or a deletion failed. */
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PF_TYPE_HISTORY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PfHistoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "history.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "history.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "history.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_install_action (widget_class, "history.delete-all", NULL, delete_all_action);
}

/* Delete deletes the selected row while the list has the focus (in the search entry it
 * deletes text). */
static void
add_delete_key (PfHistoryPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                      gtk_named_action_new ("history.delete-selected")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}

static void
pf_history_page_init (PfHistoryPage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (PF_TYPE_HISTORY_ITEM);
  self->limit = PAGE_SIZE;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->items));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  add_delete_key (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

PfHistoryPage *
pf_history_page_new (void)
{
  return g_object_new (PF_TYPE_HISTORY_PAGE, NULL);
}

/* Shows @history (NULL: none), asking again each time it changes; only while the page is
 * shown, or once it is. */
void
pf_history_page_set_history (PfHistoryPage *self,
                             PfHistory     *history)
{
  g_return_if_fail (PF_IS_HISTORY_PAGE (self));
  g_return_if_fail (history == NULL || PF_IS_HISTORY (history));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    g_signal_connect_swapped (history, "changed", G_CALLBACK (refresh), self);
  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  g_list_store_remove_all (self->items);
  gtk_stack_set_visible_child_name (self->stack, history != NULL ? "loading" : "empty");
  refresh (self);
}

/* The rows loaded, newest first (PfHistoryItem). */
GListModel *
pf_history_page_get_items (PfHistoryPage *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

/* Puts the keyboard focus in the search entry. */
void
pf_history_page_focus (PfHistoryPage *self)
{
  g_return_if_fail (PF_IS_HISTORY_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* How many times the page has asked its history for rows: tests and the start benchmark check
 * that a hidden page asks nothing. */
guint
pf_history_page_get_n_queries (PfHistoryPage *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_PAGE (self), 0);
  return self->n_queries;
}
