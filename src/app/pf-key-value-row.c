/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-key-value-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-cors.h"
#include "pf-http-syntax.h"
#include "pf-key-value-row.h"

/* One row of a name/value table in the request editor, bound both ways to a PfKeyValue of
 * the tab's request: the switch, the name and the value. A header row says when a browser
 * would drop the header or preflight a cross-origin request because of it; core decides,
 * the row shows. The remove button emits "remove"; the table that holds the row removes it. */
struct _PfKeyValueRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkCheckButton *enabled_check;
  GtkImage *file_icon;
  GtkEntry *name_entry;
  GtkEntry *value_entry;
  GtkImage *warning_icon;
  GtkButton *remove_button;

  /* Owned */
  PfKeyValue *item;
  PfKeyValueRowKind kind;
};

G_DEFINE_FINAL_TYPE (PfKeyValueRow, pf_key_value_row, GTK_TYPE_LIST_BOX_ROW)

G_DEFINE_ENUM_TYPE (PfKeyValueRowKind, pf_key_value_row_kind,
  G_DEFINE_ENUM_VALUE (PF_KEY_VALUE_ROW_PARAM, "param"),
  G_DEFINE_ENUM_VALUE (PF_KEY_VALUE_ROW_HEADER, "header"),
  G_DEFINE_ENUM_VALUE (PF_KEY_VALUE_ROW_FIELD, "field"),
  G_DEFINE_ENUM_VALUE (PF_KEY_VALUE_ROW_FILE_PART, "file-part"))

enum
{
  PROP_0,
  PROP_ITEM,
  PROP_KIND,
  N_PROPS
};

enum
{
  SIGNAL_REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the switch and the remove button say, for each kind. */
static const struct
{
  const char *use;
  const char *remove;
} kind_texts[] = {
  [PF_KEY_VALUE_ROW_PARAM] = { N_("Use this parameter"), N_("Remove this parameter") },
  [PF_KEY_VALUE_ROW_HEADER] = { N_("Send this header"), N_("Remove this header") },
  [PF_KEY_VALUE_ROW_FIELD] = { N_("Send this field"), N_("Remove this field") },
  [PF_KEY_VALUE_ROW_FILE_PART] = { N_("Send this file"), N_("Remove this file") },
};

/* Why this header cannot be sent (XHR's setRequestHeader () would throw), or why a browser
 * would drop it or preflight because of it, or NULL. */
static char *
header_warning (PfKeyValue *header)
{
  const char *name = pf_key_value_get_name (header);
  g_autofree char *value = pf_http_normalize_value (pf_key_value_get_value (header));
  g_autoptr (PfCorsFinding) finding = NULL;
  g_autoptr (GError) error = NULL;
  const char *reason;

  if (*name == '\0')
    return NULL;
  if (!pf_http_check_header_name (name, &error) ||
      !pf_http_check_header_value (name, value, &error))
    return g_strdup (error->message);
  reason = pf_http_forbidden_header_reason (name, value);
  if (reason != NULL)
    /* Translators: %s says why, e.g. “names starting with “Sec-” are forbidden request
     * headers” */
    return g_strdup_printf (_("A browser does not send this header: %s"), reason);
  finding = pf_cors_check_request_header (name, value);
  if (finding != NULL)
    /* Translators: %s is the CORS rule, e.g. “X-Token is not a CORS-safelisted request
     * header” */
    return g_strdup_printf (_("A cross-origin request with this header needs a preflight: %s"),
                            pf_cors_finding_get_message (finding));
  return NULL;
}

static void
update_warning (PfKeyValueRow *self)
{
  g_autofree char *warning = NULL;

  /* Edited: a mark from a refused Send is gone until the next Send checks again. */
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  if (self->kind == PF_KEY_VALUE_ROW_HEADER)
    warning = header_warning (self->item);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), warning != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning_icon), warning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning_icon),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, warning ? warning : "", -1);
}

/* The texts of the row's kind, and the binding to its item. */
static void
pf_key_value_row_constructed (GObject *object)
{
  PfKeyValueRow *self = PF_KEY_VALUE_ROW (object);
  const char *use = _(kind_texts[self->kind].use);
  const char *remove = _(kind_texts[self->kind].remove);
  GBindingFlags both = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  G_OBJECT_CLASS (pf_key_value_row_parent_class)->constructed (object);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->enabled_check), use);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->enabled_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, use, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->file_icon), self->kind == PF_KEY_VALUE_ROW_FILE_PART);
  g_object_bind_property (self->item, "enabled", self->enabled_check, "active", both);
  g_object_bind_property (self->item, "name", self->name_entry, "text", both);
  g_object_bind_property (self->item, "value", self->value_entry, "text", both);
  g_signal_connect_object (self->item, "notify::name", G_CALLBACK (update_warning), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item, "notify::value", G_CALLBACK (update_warning), self,
                           G_CONNECT_SWAPPED);
  update_warning (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_REMOVE], 0);
}

static void
pf_key_value_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_KEY_VALUE_ROW);
  G_OBJECT_CLASS (pf_key_value_row_parent_class)->dispose (object);
}

static void
pf_key_value_row_finalize (GObject *object)
{
  PfKeyValueRow *self = PF_KEY_VALUE_ROW (object);

  g_clear_object (&self->item);
  G_OBJECT_CLASS (pf_key_value_row_parent_class)->finalize (object);
}

static void
pf_key_value_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PfKeyValueRow *self = PF_KEY_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM: g_value_set_object (value, self->item); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_key_value_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PfKeyValueRow *self = PF_KEY_VALUE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM: self->item = g_value_dup_object (value); break;
    case PROP_KIND: self->kind = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_key_value_row_class_init (PfKeyValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pf_key_value_row_constructed;
  object_class->dispose = pf_key_value_row_dispose;
  object_class->finalize = pf_key_value_row_finalize;
  object_class->get_property = pf_key_value_row_get_property;
  object_class->set_property = pf_key_value_row_set_property;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, PF_TYPE_KEY_VALUE, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, PF_TYPE_KEY_VALUE_ROW_KIND,
                                             PF_KEY_VALUE_ROW_HEADER, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-key-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PfKeyValueRow, enabled_check);
  gtk_widget_class_bind_template_child (widget_class, PfKeyValueRow, file_icon);
  gtk_widget_class_bind_template_child (widget_class, PfKeyValueRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, PfKeyValueRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, PfKeyValueRow, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, PfKeyValueRow, remove_button);
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, remove_action);
}

static void
pf_key_value_row_init (PfKeyValueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Whether the row's item can be sent (an enabled header with a valid name and value, an
 * enabled field with a name); a row that cannot is marked until it is edited. */
gboolean
pf_key_value_row_check (PfKeyValueRow *self)
{
  const char *name;
  g_autofree char *value = NULL;
  gboolean valid = TRUE;

  g_return_val_if_fail (PF_IS_KEY_VALUE_ROW (self), FALSE);
  name = pf_key_value_get_name (self->item);
  value = pf_http_normalize_value (pf_key_value_get_value (self->item));
  if (!pf_key_value_get_enabled (self->item))
    valid = TRUE;
  else if (self->kind == PF_KEY_VALUE_ROW_HEADER)
    valid = pf_http_check_header_name (name, NULL) &&
            pf_http_check_header_value (name, value, NULL);
  else if (self->kind != PF_KEY_VALUE_ROW_PARAM)
    valid = *name != '\0';
  if (!valid)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  return valid;
}

/* Marks the row as refused by Send, with @message beside it, until it is edited. */
void
pf_key_value_row_mark (PfKeyValueRow *self,
                       const char    *message)
{
  g_return_if_fail (PF_IS_KEY_VALUE_ROW (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->warning_icon), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning_icon), message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning_icon),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

/* A row bound to @item, with the words and checks of @kind. */
GtkWidget *
pf_key_value_row_new (PfKeyValue        *item,
                      PfKeyValueRowKind  kind)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE (item), NULL);
  return g_object_new (PF_TYPE_KEY_VALUE_ROW, "item", item, "kind", kind, NULL);
}

PfKeyValue *
pf_key_value_row_get_item (PfKeyValueRow *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE_ROW (self), NULL);
  return self->item;
}

PfKeyValueRowKind
pf_key_value_row_get_kind (PfKeyValueRow *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE_ROW (self), PF_KEY_VALUE_ROW_HEADER);
  return self->kind;
}
