/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-har-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-har-entry.h"
#include "pf-har-window.h"

/* The entries of a HAR file a browser saved, as its network panel listed them: method, URL,
 * what the browser recorded (a status, or its error such as net::ERR_FAILED) and the page
 * origin. Activating one (Enter, double click) emits "entry-activated"; the main window opens
 * it in a tab, to send again. */
struct _PfHarWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkListView *list_view;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (PfHarWindow, pf_har_window, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_ENTRY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
activate_cb (PfHarWindow *self,
             guint position)
{
  g_autoptr (PfHarEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (entry != NULL)
    g_signal_emit (self, signals[SIGNAL_ENTRY_ACTIVATED], 0, entry);
}

/* "from http://page.test", or nothing for an entry without an Origin. */
static char *
origin_text (GtkListItem *item,
             const char *origin)
{
  /* Translators: %s is the page origin a recorded request was sent from */
  return origin != NULL ? g_strdup_printf (_("from %s"), origin) : g_strdup ("");
}

static void
pf_har_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_HAR_WINDOW);
  G_OBJECT_CLASS (pf_har_window_parent_class)->dispose (object);
}

static void
pf_har_window_class_init (PfHarWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_har_window_dispose;
  signals[SIGNAL_ENTRY_ACTIVATED] =
      g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, PF_TYPE_HAR_ENTRY);
  g_type_ensure (PF_TYPE_HAR_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-har-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PfHarWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, PfHarWindow, selection);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, origin_text);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pf_har_window_init (PfHarWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The entries (PfHarEntry) of a HAR file named @title, beside @parent. */
PfHarWindow *
pf_har_window_new (GtkWindow *parent,
                   const char *title,
                   GListModel *entries)
{
  PfHarWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);
  self = g_object_new (PF_TYPE_HAR_WINDOW, "transient-for", parent, "title", title, NULL);
  gtk_single_selection_set_model (self->selection, entries);
  return self;
}

GListModel *
pf_har_window_get_entries (PfHarWindow *self)
{
  g_return_val_if_fail (PF_IS_HAR_WINDOW (self), NULL);
  return gtk_single_selection_get_model (self->selection);
}
