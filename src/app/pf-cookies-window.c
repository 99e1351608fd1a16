/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cookies-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-cookies-window.h"

/* The profile's cookie jar, as the credentials lessons fill it: each cookie's domain, path,
 * name, value, expiry and Secure, HttpOnly and SameSite, live as responses set them; delete the
 * selected one (Delete) or all. */
struct _PfCookiesWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkStack *stack;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;

  /* Owned */
  PfProfile *profile;
};

G_DEFINE_FINAL_TYPE (PfCookiesWindow, pf_cookies_window, ADW_TYPE_WINDOW)

static char *
cookie_expires_text (GtkListItem *item,
                     GDateTime   *expires)
{
  g_autoptr (GDateTime) local = NULL;

  /* A cookie without Expires or Max-Age lasts as long as the profile: until Preflight quits. */
  if (expires == NULL)
    return g_strdup (C_("cookie expiry", "Session"));
  local = g_date_time_to_local (expires);
  return g_date_time_format (local, "%x %X");
}

static char *
cookie_flag_text (GtkListItem *item,
                  gboolean     flag)
{
  return g_strdup (flag ? C_("cookie attribute", "Yes") : C_("cookie attribute", "No"));
}

/* What can be done follows what is shown: the list or the empty page, the selection. */
static void
update (PfCookiesWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cookies.delete",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cookies.delete-all", n > 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PfCookiesWindow *self = PF_COOKIES_WINDOW (widget);
  PfCookie *cookie = gtk_single_selection_get_selected_item (self->selection);

  if (cookie != NULL)
    pf_profile_delete_cookie (self->profile, cookie);
}

static void
delete_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pf_profile_delete_all_cookies (PF_COOKIES_WINDOW (widget)->profile);
}

static void
pf_cookies_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_COOKIES_WINDOW);
  G_OBJECT_CLASS (pf_cookies_window_parent_class)->dispose (object);
}

static void
pf_cookies_window_finalize (GObject *object)
{
  g_clear_object (&PF_COOKIES_WINDOW (object)->profile);
  G_OBJECT_CLASS (pf_cookies_window_parent_class)->finalize (object);
}

static void
pf_cookies_window_class_init (PfCookiesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_cookies_window_dispose;
  object_class->finalize = pf_cookies_window_finalize;

  g_type_ensure (PF_TYPE_COOKIE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-cookies-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PfCookiesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PfCookiesWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, PfCookiesWindow, selection);
  gtk_widget_class_bind_template_callback (widget_class, cookie_expires_text);
  gtk_widget_class_bind_template_callback (widget_class, cookie_flag_text);
  gtk_widget_class_bind_template_callback (widget_class, update);

  gtk_widget_class_install_action (widget_class, "cookies.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "cookies.delete-all", NULL, delete_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "cookies.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "cookies.delete",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pf_cookies_window_init (PfCookiesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The cookies of @profile, beside @parent. */
PfCookiesWindow *
pf_cookies_window_new (GtkWindow *parent,
                       PfProfile *profile)
{
  PfCookiesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PF_IS_PROFILE (profile), NULL);
  self = g_object_new (PF_TYPE_COOKIES_WINDOW, "transient-for", parent, NULL);
  self->profile = g_object_ref (profile);
  gtk_single_selection_set_model (self->selection, pf_profile_get_cookies (profile));
  update (self);
  return self;
}

PfProfile *
pf_cookies_window_get_profile (PfCookiesWindow *self)
{
  g_return_val_if_fail (PF_IS_COOKIES_WINDOW (self), NULL);
  return self->profile;
}

/* The list as shown, with its selection. */
GtkSelectionModel *
pf_cookies_window_get_selection (PfCookiesWindow *self)
{
  g_return_val_if_fail (PF_IS_COOKIES_WINDOW (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}
