/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-preferences-window"

#include "config.h"

#include "pf-preferences-window.h"

/* Preferences, each control bound to its GSettings key. */

struct _PfPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkSwitch *lab_switch;
  GtkSpinButton *port_spin;
  GtkSpinButton *timeout_spin;
  GtkSpinButton *feed_spin;
  GtkSpinButton *history_body_spin;
  GtkSpinButton *history_entries_spin;
  GtkSpinButton *history_days_spin;
  AdwComboRow *style_row;

  /* Owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PfPreferencesWindow, pf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const schemes[] = { "default", "light", "dark" };

static gboolean
scheme_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_scheme (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  return g_variant_new_string (schemes[MIN (index, G_N_ELEMENTS (schemes) - 1)]);
}

static void
pf_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (pf_preferences_window_parent_class)->dispose (object);
}

static void
pf_preferences_window_finalize (GObject *object)
{
  PfPreferencesWindow *self = PF_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pf_preferences_window_parent_class)->finalize (object);
}

static void
pf_preferences_window_class_init (PfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_preferences_window_dispose;
  object_class->finalize = pf_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PfPreferencesWindow, lab_switch);
  gtk_widget_class_bind_template_child (widget_class, PfPreferencesWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, PfPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, PfPreferencesWindow, feed_spin);
  gtk_widget_class_bind_template_child (widget_class, PfPreferencesWindow, history_body_spin);
  gtk_widget_class_bind_template_child (widget_class, PfPreferencesWindow, history_entries_spin);
  gtk_widget_class_bind_template_child (widget_class, PfPreferencesWindow, history_days_spin);
  gtk_widget_class_bind_template_child (widget_class, PfPreferencesWindow, style_row);
}

static void
pf_preferences_window_init (PfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PfPreferencesWindow *
pf_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  PfPreferencesWindow *self = g_object_new (PF_TYPE_PREFERENCES_WINDOW, "transient-for", parent,
                                            "modal", TRUE, NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "lab-server-enabled", self->lab_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "lab-server-port", self->port_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "default-timeout-ms", self->timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "feed-max-entries", self->feed_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "history-body-limit-kib", self->history_body_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "history-max-entries", self->history_entries_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "history-max-age-days", self->history_days_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_index, index_to_scheme, NULL,
                                NULL);
  return self;
}
