/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-cors.h"
#include "pf-http-syntax.h"
#include "pf-key-value.h"
#include "pf-request-view-private.h"

/* The request editor of a tab: headers (each with an enable switch and a warning when a
 * browser would drop it or when it makes a cross-origin request preflighted), the body, and
 * the options (timeout, MIME override, page origin, credentials mode). What it holds becomes
 * a PfRequest at each Send. */

/* Why a browser would drop this header or preflight because of it, or NULL. */
static char *
header_warning (PfKeyValue *header)
{
  const char *name = pf_key_value_get_name (header);
  g_autofree char *value = pf_http_normalize_value (pf_key_value_get_value (header));
  g_autoptr (PfCorsFinding) finding = NULL;
  const char *reason;

  /* Query parameters share the row widget; only headers get warnings. */
  if (name == NULL || *name == '\0' || g_object_get_data (G_OBJECT (header), "pf-param"))
    return NULL;
  reason = pf_http_forbidden_header_reason (name, value);
  if (reason != NULL)
    /* Translators: %s says why, e.g. “names starting with “Sec-” are forbidden request headers” */
    return g_strdup_printf (_("A browser does not send this header: %s"), reason);
  finding = pf_cors_check_request_header (name, value);
  if (finding != NULL)
    /* Translators: %s is the CORS rule, e.g. “X-Token is not a CORS-safelisted request header” */
    return g_strdup_printf (_("A cross-origin request with this header needs a preflight: %s"),
                            pf_cors_finding_get_message (finding));
  return NULL;
}

static void
update_warning (GtkWidget *icon)
{
  PfKeyValue *header = g_object_get_data (G_OBJECT (icon), "pf-header");
  g_autofree char *warning = header_warning (header);

  gtk_widget_set_visible (icon, warning != NULL);
  gtk_widget_set_tooltip_text (icon, warning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  warning ? warning : "", -1);
}

static void
remove_clicked_cb (GtkButton     *button,
                   PfRequestView *self)
{
  PfKeyValue *row = g_object_get_data (G_OBJECT (button), "pf-header");
  guint position;

  if (g_list_store_find (self->headers, row, &position))
    g_list_store_remove (self->headers, position);
  else if (g_list_store_find (self->params, row, &position))
    g_list_store_remove (self->params, position);
}

static GtkWidget *
header_entry (PfKeyValue *header,
              const char *property,
              const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  g_object_bind_property (header, property, entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return entry;
}

static GtkWidget *
create_header_row (gpointer item,
                   gpointer user_data)
{
  PfRequestView *self = user_data;
  PfKeyValue *header = item;
  gboolean param = g_object_get_data (G_OBJECT (header), "pf-param") != NULL;
  const char *send_label = param ? _("Use this parameter") : _("Send this header");
  const char *remove_label = param ? _("Remove this parameter") : _("Remove this header");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  g_object_bind_property (header, "enabled", check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_tooltip_text (check, send_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  send_label, -1);
  gtk_widget_add_css_class (warning, "warning");
  g_object_set_data_full (G_OBJECT (warning), "pf-header", g_object_ref (header), g_object_unref);
  g_signal_connect_object (header, "notify::name", G_CALLBACK (update_warning), warning,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (header, "notify::value", G_CALLBACK (update_warning), warning,
                           G_CONNECT_SWAPPED);
  update_warning (warning);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "pf-header", g_object_ref (header), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), check);
  if (pf_key_value_get_is_file (header))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("text-x-generic-symbolic");

      gtk_widget_set_tooltip_text (icon, _("A file part: the value is the file’s path"));
      gtk_box_append (GTK_BOX (box), icon);
    }
  gtk_box_append (GTK_BOX (box), header_entry (header, "name", _("Name")));
  gtk_box_append (GTK_BOX (box), header_entry (header, "value", _("Value")));
  gtk_box_append (GTK_BOX (box), warning);
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
add_header_cb (PfRequestView *self)
{
  g_autoptr (PfKeyValue) header = pf_key_value_new ("", "");

  g_list_store_append (self->headers, header);
}

static GtkWidget *
group_new (PfRequestView *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->editor_box, group);
  return group;
}

/* URL → table: the query's name=value pairs, percent-decoded. */
void
_pf_request_view_url_changed (PfRequestView *self)
{
  g_autoptr (GUri) uri = NULL;
  g_auto (GStrv) pairs = NULL;
  const char *query;

  if (self->syncing_params || self->params == NULL)
    return;
  uri = g_uri_parse (gtk_editable_get_text (GTK_EDITABLE (self->url_entry)), G_URI_FLAGS_ENCODED, NULL);
  query = uri ? g_uri_get_query (uri) : NULL;
  self->syncing_params = TRUE;
  g_list_store_remove_all (self->params);
  pairs = g_strsplit (query ? query : "", "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autoptr (PfKeyValue) param = NULL;

      if (*pairs[i] == '\0')
        continue;
      if (equals != NULL)
        *equals = '\0';
      name = g_uri_unescape_string (pairs[i], NULL);
      value = g_uri_unescape_string (equals ? equals + 1 : "", NULL);
      param = pf_key_value_new (name ? name : pairs[i], value ? value : equals ? equals + 1 : "");
      g_object_set_data (G_OBJECT (param), "pf-param", GINT_TO_POINTER (TRUE));
      g_list_store_append (self->params, param);
    }
  self->syncing_params = FALSE;
}

/* Table → URL: the enabled rows, each name and value through encodeURIComponent. */
static void
params_changed (PfRequestView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_entry));
  const char *mark = strchr (text, '?');
  const char *hash = strchr (text, '#');
  g_autoptr (GString) url = g_string_new_len (text, mark ? mark - text : hash ? hash - text : (gssize) strlen (text));
  gboolean first = TRUE;

  if (self->syncing_params)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->params)); i++)
    {
      g_autoptr (PfKeyValue) param = g_list_model_get_item (G_LIST_MODEL (self->params), i);

      if (!pf_key_value_get_enabled (param) || *pf_key_value_get_name (param) == '\0')
        continue;
      g_string_append_c (url, first ? '?' : '&');
      first = FALSE;
      pf_uri_append_component (url, pf_key_value_get_name (param));
      g_string_append_c (url, '=');
      pf_uri_append_component (url, pf_key_value_get_value (param));
    }
  if (hash != NULL)
    g_string_append (url, hash);
  self->syncing_params = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), url->str);
  self->syncing_params = FALSE;
}

static void
param_notify_cb (PfRequestView *self)
{
  params_changed (self);
}

static void
params_items_changed_cb (GListModel    *model,
                         guint          position,
                         guint          removed,
                         guint          added,
                         PfRequestView *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (PfKeyValue) param = g_list_model_get_item (model, i);

      g_signal_connect_object (param, "notify", G_CALLBACK (param_notify_cb), self, G_CONNECT_SWAPPED);
    }
  params_changed (self);
}

static void
add_param_cb (PfRequestView *self)
{
  g_autoptr (PfKeyValue) param = pf_key_value_new ("", "");

  g_object_set_data (G_OBJECT (param), "pf-param", GINT_TO_POINTER (TRUE));
  g_list_store_append (self->params, param);
}

static void
build_params (PfRequestView *self)
{
  GtkWidget *group = group_new (self, _("Query Parameters"), _("Kept in step with the URL; each name and value is encoded as encodeURIComponent () does."));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  self->params = g_list_store_new (PF_TYPE_KEY_VALUE);
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Query parameters"), -1);
  gtk_list_box_bind_model (list, G_LIST_MODEL (self->params), create_header_row, self, NULL);
  gtk_list_box_set_placeholder (list, placeholder_new (_("No query parameters")));
  g_signal_connect (self->params, "items-changed", G_CALLBACK (params_items_changed_cb), self);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add a query parameter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a query parameter"), -1);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_param_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (list));
}

static void
build_headers (PfRequestView *self)
{
  GtkWidget *group = group_new (self, _("Headers"), NULL);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  self->headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  self->headers_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->headers_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->headers_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->headers_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Request headers"), -1);
  gtk_list_box_bind_model (self->headers_list, G_LIST_MODEL (self->headers), create_header_row,
                           self, NULL);
  gtk_list_box_set_placeholder (self->headers_list, placeholder_new (_("No headers yet: add one with +")));
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add a header"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a header"), -1);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_header_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->headers_list));
}

static AdwComboRow *
combo_row_new (const char        *title,
               const char *const *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr (GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  return row;
}

static AdwEntryRow *
entry_row_new (const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

/* The body kinds, in the order of the combo row. */
static const PfBodyKind body_kinds[] = { PF_BODY_NONE, PF_BODY_RAW, PF_BODY_URLENCODED,
                                         PF_BODY_MULTIPART, PF_BODY_FILE };
static const char *const body_pages[] = { "none", "text", "fields", "fields", "file" };

static void
body_kind_changed_cb (PfRequestView *self)
{
  guint kind = MIN (adw_combo_row_get_selected (self->body_kind_row), G_N_ELEMENTS (body_kinds) - 1);

  gtk_stack_set_visible_child_name (self->body_stack, body_pages[kind]);
  gtk_widget_set_visible (self->add_file_button, body_kinds[kind] == PF_BODY_MULTIPART);
}

typedef void (*FileChosenFunc) (PfRequestView *self,
                                const char    *path);

#if GTK_CHECK_VERSION(4, 10, 0)
static void
file_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);
  PfRequestView *self = g_object_get_data (object, "pf-view");
  FileChosenFunc chosen = user_data;

  if (file != NULL && g_file_peek_path (file) != NULL)
    chosen (self, g_file_peek_path (file));
}
#else
static void
file_chooser_cb (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  PfRequestView *self = g_object_get_data (G_OBJECT (dialog), "pf-view");
  FileChosenFunc chosen = user_data;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL && g_file_peek_path (file) != NULL)
    chosen (self, g_file_peek_path (file));
  g_object_unref (dialog);
}
#endif

/* Asks for a file through the portal-friendly chooser of this GTK. */
static void
choose_file (PfRequestView  *self,
             const char     *title,
             FileChosenFunc  chosen)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  g_object_set_data_full (G_OBJECT (dialog), "pf-view", g_object_ref (self), g_object_unref);
  gtk_file_dialog_open (dialog, parent, NULL, file_dialog_cb, chosen);
#else
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              NULL, NULL);

  g_object_set_data_full (G_OBJECT (dialog), "pf-view", g_object_ref (self), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chooser_cb), chosen);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

static void
field_file_chosen (PfRequestView *self,
                   const char    *path)
{
  g_autoptr (PfKeyValue) field = pf_key_value_new_file ("file", path);

  g_object_set_data (G_OBJECT (field), "pf-param", GINT_TO_POINTER (TRUE));
  g_list_store_append (self->fields, field);
}

static void
body_file_chosen (PfRequestView *self,
                  const char    *path)
{
  pf_request_view_set_body_file (self, path);
}

static void
add_field_cb (PfRequestView *self)
{
  g_autoptr (PfKeyValue) field = pf_key_value_new ("", "");

  g_object_set_data (G_OBJECT (field), "pf-param", GINT_TO_POINTER (TRUE));
  g_list_store_append (self->fields, field);
}

static void
add_file_cb (PfRequestView *self)
{
  choose_file (self, _("Attach a File"), field_file_chosen);
}

static void
choose_body_file_cb (PfRequestView *self)
{
  choose_file (self, _("Send a File"), body_file_chosen);
}

static GtkWidget *
text_page (PfRequestView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  self->content_type_row = entry_row_new (_("Content type"));
  gtk_editable_set_text (GTK_EDITABLE (self->content_type_row), "text/plain;charset=UTF-8");
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->content_type_row));
  self->body_text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->body_text_view, TRUE);
  gtk_text_view_set_wrap_mode (self->body_text_view, GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (GTK_WIDGET (self->body_text_view), -1, 80);
  gtk_text_view_set_left_margin (self->body_text_view, 6);
  gtk_text_view_set_top_margin (self->body_text_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body_text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Request body"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->body_text_view));
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), frame);
  return box;
}

static GtkWidget *
fields_page (PfRequestView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());
  GtkWidget *add = gtk_button_new_with_mnemonic (_("Add _Field"));

  self->fields = g_list_store_new (PF_TYPE_KEY_VALUE);
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Form fields"), -1);
  gtk_list_box_bind_model (list, G_LIST_MODEL (self->fields), create_header_row, self, NULL);
  gtk_list_box_set_placeholder (list, placeholder_new (_("No fields yet")));
  self->add_file_button = gtk_button_new_with_mnemonic (_("Attach a F_ile…"));
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_field_cb), self);
  g_signal_connect_swapped (self->add_file_button, "clicked", G_CALLBACK (add_file_cb), self);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), self->add_file_button);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (list));
  gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

static GtkWidget *
file_page (PfRequestView *self)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));

  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("File"));
  adw_action_row_set_subtitle (self->file_row, _("None chosen"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_body_file_cb), self);
  adw_action_row_add_suffix (self->file_row, choose);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->file_row));
  return list;
}

static void
build_body (PfRequestView *self)
{
  GtkWidget *group = group_new (self, _("Body"), _("GET and HEAD requests never carry a body."));
  const char *kinds[] = { _("None"), _("Text"), _("URL-encoded form"), _("Multipart form (FormData)"),
                          _("File"), NULL };

  self->body_kind_row = combo_row_new (_("Body"), kinds);
  self->body_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->body_stack, FALSE);
  gtk_stack_add_named (self->body_stack, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "none");
  gtk_stack_add_named (self->body_stack, text_page (self), "text");
  gtk_stack_add_named (self->body_stack, fields_page (self), "fields");
  gtk_stack_add_named (self->body_stack, file_page (self), "file");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->body_kind_row));
  gtk_widget_set_margin_top (GTK_WIDGET (self->body_stack), 6);
  gtk_box_append (self->editor_box, GTK_WIDGET (self->body_stack));
  g_signal_connect_swapped (self->body_kind_row, "notify::selected", G_CALLBACK (body_kind_changed_cb), self);
  body_kind_changed_cb (self);
}

static void
origin_changed_cb (PfRequestView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->origin_entry), "error");
}

static void
build_options (PfRequestView *self)
{
  GtkWidget *group = group_new (self, _("Options"), NULL);
  const char *modes[] = { _("Same origin"), _("Include"), _("Omit"), NULL };
  AdwActionRow *timeout_row = ADW_ACTION_ROW (adw_action_row_new ());
  AdwActionRow *redirects_row = ADW_ACTION_ROW (adw_action_row_new ());

  self->timeout_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 600000, 100));
  gtk_widget_set_valign (GTK_WIDGET (self->timeout_spin), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (timeout_row), _("Timeout"));
  adw_action_row_set_subtitle (timeout_row, _("Milliseconds; 0 waits for ever"));
  adw_action_row_add_suffix (timeout_row, GTK_WIDGET (self->timeout_spin));
  adw_action_row_set_activatable_widget (timeout_row, GTK_WIDGET (self->timeout_spin));
  self->redirects_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100, 1));
  gtk_spin_button_set_value (self->redirects_spin, 20);
  gtk_widget_set_valign (GTK_WIDGET (self->redirects_spin), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (redirects_row), _("Redirects"));
  adw_action_row_set_subtitle (redirects_row, _("Followed at most; one more is a network error (browsers: 20)"));
  adw_action_row_add_suffix (redirects_row, GTK_WIDGET (self->redirects_spin));
  adw_action_row_set_activatable_widget (redirects_row, GTK_WIDGET (self->redirects_spin));
  self->mime_row = entry_row_new (_("Override MIME type"));
  self->origin_entry = entry_row_new (_("Page origin (empty: no CORS)"));
  g_signal_connect_swapped (self->origin_entry, "changed", G_CALLBACK (origin_changed_cb), self);
  self->credentials_row = combo_row_new (_("Credentials"), modes);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (timeout_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (redirects_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->mime_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->origin_entry));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->credentials_row));
}

void
_pf_request_view_build_editor (PfRequestView *self)
{
  build_params (self);
  build_headers (self);
  build_body (self);
  build_options (self);
}

static char *
body_text (PfRequestView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
text_or_null (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text != NULL && *text != '\0' ? text : NULL;
}

static void
set_request_body (PfRequestView *self,
                  PfRequest     *request)
{
  PfBodyKind kind = body_kinds[MIN (adw_combo_row_get_selected (self->body_kind_row), G_N_ELEMENTS (body_kinds) - 1)];
  g_autofree char *text = NULL;

  pf_request_set_body_kind (request, kind);
  if (kind == PF_BODY_RAW)
    {
      text = body_text (self);
      pf_request_set_body_text (request, text);
      pf_request_set_body_content_type (request, text_or_null (self->content_type_row));
    }
  else if (kind == PF_BODY_FILE)
    pf_request_set_body_file (request, self->body_file);
  if (kind != PF_BODY_URLENCODED && kind != PF_BODY_MULTIPART)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->fields)); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      if (!pf_key_value_get_enabled (row))
        continue;
      if (pf_key_value_get_is_file (row) && kind == PF_BODY_MULTIPART)
        pf_request_add_file_field (request, pf_key_value_get_name (row), pf_key_value_get_value (row));
      else
        pf_request_add_field (request, pf_key_value_get_name (row), pf_key_value_get_value (row));
    }
}

/* A new PfRequest from what the tab holds now. */
PfRequest *
_pf_request_view_build_request (PfRequestView *self)
{
  static const PfCredentialsMode modes[] = { PF_CREDENTIALS_SAME_ORIGIN, PF_CREDENTIALS_INCLUDE,
                                             PF_CREDENTIALS_OMIT };
  PfRequest *request = pf_request_new ();
  pf_request_set_method (request, gtk_editable_get_text (GTK_EDITABLE (self->method_entry)));
  pf_request_set_url (request, gtk_editable_get_text (GTK_EDITABLE (self->url_entry)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->headers)); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (G_LIST_MODEL (self->headers), i);
      PfKeyValue *header;

      if (pf_key_value_get_name (row) == NULL || *pf_key_value_get_name (row) == '\0')
        continue;
      header = pf_request_add_header (request, pf_key_value_get_name (row), pf_key_value_get_value (row));
      pf_key_value_set_enabled (header, pf_key_value_get_enabled (row));
    }
  set_request_body (self, request);
  pf_request_set_timeout_ms (request, gtk_spin_button_get_value_as_int (self->timeout_spin));
  pf_request_set_max_redirects (request, gtk_spin_button_get_value_as_int (self->redirects_spin));
  pf_request_set_override_mime_type (request, text_or_null (self->mime_row));
  pf_request_set_origin (request, text_or_null (self->origin_entry));
  pf_request_set_credentials (request, modes[MIN (adw_combo_row_get_selected (self->credentials_row), 2)]);
  return request;
}

/* Sets the page origin (empty or NULL: no CORS emulation). */
void
pf_request_view_set_origin (PfRequestView *self,
                            const char    *origin)
{
  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->origin_entry), origin ? origin : "");
}

static void
load_headers (PfRequestView *self,
              PfRequest     *request)
{
  GListModel *headers = pf_request_get_headers (request);

  g_list_store_remove_all (self->headers);
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);
      g_autoptr (PfKeyValue) copy = pf_key_value_new (pf_key_value_get_name (row), pf_key_value_get_value (row));

      pf_key_value_set_enabled (copy, pf_key_value_get_enabled (row));
      g_list_store_append (self->headers, copy);
    }
}

/* Fills the tab from @request: method, URL, headers, a text body and the options. */
void
pf_request_view_load (PfRequestView *self,
                      PfRequest     *request)
{
  static const PfCredentialsMode modes[] = { PF_CREDENTIALS_SAME_ORIGIN, PF_CREDENTIALS_INCLUDE,
                                             PF_CREDENTIALS_OMIT };
  gboolean text = pf_request_get_body_kind (request) == PF_BODY_RAW;
  GListModel *fields = pf_request_get_fields (request);

  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  g_return_if_fail (PF_IS_REQUEST (request));

  gtk_editable_set_text (GTK_EDITABLE (self->method_entry), pf_request_get_method (request));
  pf_request_view_set_url (self, pf_request_get_url (request));
  load_headers (self, request);
  for (guint i = 0; i < G_N_ELEMENTS (body_kinds); i++)
    if (body_kinds[i] == pf_request_get_body_kind (request))
      adw_combo_row_set_selected (self->body_kind_row, i);
  g_list_store_remove_all (self->fields);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (fields, i);
      g_autoptr (PfKeyValue) copy = pf_key_value_new (pf_key_value_get_name (row), pf_key_value_get_value (row));

      pf_key_value_set_is_file (copy, pf_key_value_get_is_file (row));
      g_object_set_data (G_OBJECT (copy), "pf-param", GINT_TO_POINTER (TRUE));
      g_list_store_append (self->fields, copy);
    }
  if (pf_request_get_body_kind (request) == PF_BODY_FILE)
    pf_request_view_set_body_file (self, pf_request_get_body_file (request));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_text_view),
                            text ? pf_request_get_body_text (request) : "", -1);
  if (text && *pf_request_get_body_content_type (request) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->content_type_row), pf_request_get_body_content_type (request));
  gtk_spin_button_set_value (self->timeout_spin, pf_request_get_timeout_ms (request));
  gtk_spin_button_set_value (self->redirects_spin, pf_request_get_max_redirects (request));
  gtk_editable_set_text (GTK_EDITABLE (self->mime_row), pf_request_get_override_mime_type (request));
  pf_request_view_set_origin (self, pf_request_get_origin (request));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (modes[i] == pf_request_get_credentials (request))
      adw_combo_row_set_selected (self->credentials_row, i);
}

/* The timeout new requests of this tab get, in milliseconds (0: none). */
void
pf_request_view_set_timeout_ms (PfRequestView *self,
                                guint          timeout_ms)
{
  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  gtk_spin_button_set_value (self->timeout_spin, timeout_ms);
}

/* The file sent as the body when the body kind is File. */
void
pf_request_view_set_body_file (PfRequestView *self,
                               const char    *path)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  g_free (self->body_file);
  self->body_file = g_strdup (path);
  markup = g_markup_escape_text (path ? path : "", -1);
  adw_action_row_set_subtitle (self->file_row, path && *path ? markup : _("None chosen"));
}
