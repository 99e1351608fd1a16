/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-history-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-history-row.h"

/* One exchange in the History page: method, status (coloured by its class as the request view
 * colours it), time and URL, with the day above the first of each day. Its menu (secondary
 * click, long press) opens or deletes it through the page's history.open and history.delete. */
struct _PfHistoryRow
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkLabel *day_label;
  GtkLabel *method_label;
  GtkLabel *status_label;
  GtkLabel *time_label;
  GtkLabel *url_label;
  GMenuModel *row_menu;

  /* Owned */
  PfHistoryItem *item;
  GtkWidget *menu;
};

G_DEFINE_FINAL_TYPE (PfHistoryRow, pf_history_row, GTK_TYPE_BOX)

static void
show_menu (PfHistoryRow *self,
           double        x,
           double        y)
{
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  if (self->item == NULL)
    return;
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (self->row_menu);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_pressed_cb (PfHistoryRow *self,
                 int           n_press,
                 double        x,
                 double        y)
{
  show_menu (self, x, y);
}

static void
menu_long_pressed_cb (PfHistoryRow *self,
                      double        x,
                      double        y)
{
  show_menu (self, x, y);
}

/* The row's menu items act on its exchange through the page's actions. */
static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PfHistoryRow *self = PF_HISTORY_ROW (widget);
  gboolean delete = g_str_equal (action_name, "row.delete");

  if (self->item != NULL)
    gtk_widget_activate_action (widget, delete ? "history.delete" : "history.open", "x",
                                pf_history_item_get_id (self->item));
}

/* The status as a script saw it, or how the exchange failed. */
static char *
status_text (PfHistoryItem *item)
{
  const char *failure = pf_history_item_get_failure (item);

  if (g_strcmp0 (failure, "timeout") == 0)
    return g_strdup (C_("history status", "Timeout"));
  if (g_strcmp0 (failure, "abort") == 0)
    return g_strdup (C_("history status", "Aborted"));
  if (failure != NULL && g_strcmp0 (failure, "none") != 0)
    return g_strdup (C_("history status", "Failed"));
  return g_strdup_printf ("%u", pf_history_item_get_status (item));
}

/* As the request view's status line: 2xx success, 4xx/5xx and failures error, others dim. */
static const char *
status_style (PfHistoryItem *item)
{
  const char *failure = pf_history_item_get_failure (item);
  guint status = pf_history_item_get_status (item);

  if ((failure != NULL && g_strcmp0 (failure, "none") != 0) || status == 0 || status >= 400)
    return "error";
  return status >= 200 && status < 300 ? "success" : "dim-label";
}

static void
show_status (PfHistoryRow  *self,
             PfHistoryItem *item)
{
  static const char *const styles[] = { "dim-label", "success", "error" };
  g_autofree char *text = status_text (item);

  gtk_label_set_label (self->status_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_style (item));
}

static void
pf_history_row_dispose (GObject *object)
{
  PfHistoryRow *self = PF_HISTORY_ROW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_HISTORY_ROW);
  G_OBJECT_CLASS (pf_history_row_parent_class)->dispose (object);
}

static void
pf_history_row_class_init (PfHistoryRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pf_history_row_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PfHistoryRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryRow, method_label);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryRow, url_label);
  gtk_widget_class_bind_template_child (widget_class, PfHistoryRow, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, menu_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, menu_long_pressed_cb);
  gtk_widget_class_install_action (widget_class, "row.open", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, row_action);
}

static void
pf_history_row_init (PfHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pf_history_row_new (void)
{
  return g_object_new (PF_TYPE_HISTORY_ROW, NULL);
}

/* Shows @item (NULL: nothing), with @day above it when it is the first of its day. */
void
pf_history_row_set_item (PfHistoryRow  *self,
                         PfHistoryItem *item,
                         const char    *day)
{
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *clock = NULL;

  g_return_if_fail (PF_IS_HISTORY_ROW (self));
  g_set_object (&self->item, item);
  gtk_label_set_label (self->day_label, day ? day : "");
  gtk_widget_set_visible (GTK_WIDGET (self->day_label), day != NULL);
  if (item == NULL)
    return;
  time = g_date_time_new_from_unix_local (pf_history_item_get_time_us (item) / G_USEC_PER_SEC);
  clock = g_date_time_format (time, "%X");
  gtk_label_set_label (self->method_label, pf_history_item_get_method (item));
  show_status (self, item);
  gtk_label_set_label (self->time_label, clock);
  gtk_label_set_label (self->url_label, pf_history_item_get_url (item));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->url_label), pf_history_item_get_url (item));
}

PfHistoryItem *
pf_history_row_get_item (PfHistoryRow *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ROW (self), NULL);
  return self->item;
}
