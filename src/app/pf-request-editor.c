/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-key-value-row.h"
#include "pf-request-editor.h"
#include "pf-request-expand.h"

/* The request editor of a tab: query parameters, headers, authentication, the body and the
 * options (timeout, redirects, MIME override, synchronous, responseType, XDomainRequest, page
 * origin, credentials mode, browser headers), bound both ways to the tab's PfRequest. Nothing
 * is read from a widget at Send: the request always holds what is shown. */
struct _PfRequestEditor
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkListBox *params_list;
  GtkListBox *headers_list;
  AdwComboRow *body_kind_row;
  GtkStack *body_stack;
  AdwEntryRow *content_type_row;
  GtkTextView *body_text_view;
  GtkListBox *fields_list;
  GtkWidget *attach_file_button;
  AdwActionRow *file_row;
  GtkSpinButton *timeout_spin;
  GtkSpinButton *redirects_spin;
  AdwEntryRow *mime_row;
  AdwEntryRow *origin_row;
  AdwComboRow *credentials_row;
  GtkSwitch *sync_switch;
  GtkSwitch *xdr_switch;
  AdwComboRow *response_type_row;
  AdwComboRow *browser_headers_row;
  AdwComboRow *auth_kind_row;
  AdwEntryRow *auth_username_row;
  AdwEntryRow *auth_password_row;
  AdwEntryRow *auth_token_row;
  AdwEntryRow *open_username_row;
  AdwEntryRow *open_password_row;

  /* Owned */
  PfRequest *request;
  GPtrArray *bindings;
};

G_DEFINE_FINAL_TYPE (PfRequestEditor, pf_request_editor, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_REQUEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A combo row's positions and the enum values they stand for. */
typedef struct
{
  const int *values;
  guint n_values;
} Choices;

static const int body_kinds[] = { PF_BODY_NONE, PF_BODY_RAW, PF_BODY_URLENCODED,
                                  PF_BODY_MULTIPART, PF_BODY_FILE };
static const Choices body_kind_choices = { body_kinds, G_N_ELEMENTS (body_kinds) };
static const int credentials_modes[] = { PF_CREDENTIALS_SAME_ORIGIN, PF_CREDENTIALS_INCLUDE,
                                         PF_CREDENTIALS_OMIT };
static const Choices credentials_choices = { credentials_modes, G_N_ELEMENTS (credentials_modes) };
static const int response_types[] = { PF_RESPONSE_TYPE_DEFAULT, PF_RESPONSE_TYPE_TEXT,
                                      PF_RESPONSE_TYPE_JSON, PF_RESPONSE_TYPE_DOCUMENT,
                                      PF_RESPONSE_TYPE_ARRAYBUFFER, PF_RESPONSE_TYPE_BLOB };
static const Choices response_type_choices = { response_types, G_N_ELEMENTS (response_types) };
static const int browser_headers_modes[] = { PF_BROWSER_HEADERS_AUTO, PF_BROWSER_HEADERS_ON,
                                             PF_BROWSER_HEADERS_OFF };
static const Choices browser_headers_choices = { browser_headers_modes,
                                                 G_N_ELEMENTS (browser_headers_modes) };
static const int auth_kinds[] = { PF_AUTH_NONE, PF_AUTH_BASIC, PF_AUTH_BEARER };
static const Choices auth_kind_choices = { auth_kinds, G_N_ELEMENTS (auth_kinds) };

/* The body stack's page for each body kind. */
static const char *const body_pages[] = {
  [PF_BODY_NONE] = "none",
  [PF_BODY_RAW] = "text",
  [PF_BODY_URLENCODED] = "fields",
  [PF_BODY_MULTIPART] = "fields",
  [PF_BODY_FILE] = "file",
};

static gboolean
enum_to_position (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const Choices *choices = user_data;

  for (guint i = 0; i < choices->n_values; i++)
    if (choices->values[i] == g_value_get_enum (from))
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
position_to_enum (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const Choices *choices = user_data;
  guint position = g_value_get_uint (from);

  if (position >= choices->n_values)
    return FALSE;
  g_value_set_enum (to, choices->values[position]);
  return TRUE;
}

static gboolean
path_to_subtitle (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *path = g_value_get_string (from);

  /* The subtitle is markup. */
  g_value_take_string (to, path && *path ? g_markup_escape_text (path, -1)
                                         : g_strdup (_("None chosen")));
  return TRUE;
}

static void
bind (PfRequestEditor *self,
      const char      *property,
      gpointer         target,
      const char      *target_property)
{
  GBinding *binding = g_object_bind_property (self->request, property, target, target_property,
                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
bind_choice (PfRequestEditor *self,
             const char      *property,
             AdwComboRow     *row,
             const Choices   *choices)
{
  GBinding *binding = g_object_bind_property_full (self->request, property, row, "selected",
                                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                   enum_to_position, position_to_enum,
                                                   (gpointer) choices, NULL);

  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
unbind_all (PfRequestEditor *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
body_kind_cb (PfRequestEditor *self)
{
  PfBodyKind kind = pf_request_get_body_kind (self->request);

  gtk_stack_set_visible_child_name (self->body_stack, body_pages[kind]);
  gtk_widget_set_visible (self->attach_file_button, kind == PF_BODY_MULTIPART);
}

/* The helper's rows: user name and password for Basic, the token for Bearer. */
static void
auth_kind_cb (PfRequestEditor *self)
{
  PfAuthKind kind = pf_request_get_auth_kind (self->request);

  gtk_widget_set_visible (GTK_WIDGET (self->auth_username_row), kind == PF_AUTH_BASIC);
  gtk_widget_set_visible (GTK_WIDGET (self->auth_password_row), kind == PF_AUTH_BASIC);
  gtk_widget_set_visible (GTK_WIDGET (self->auth_token_row), kind == PF_AUTH_BEARER);
}

/* The table that holds @row's item lets it go. */
static void
row_remove_cb (PfKeyValueRow   *row,
               PfRequestEditor *self)
{
  GListModel *lists[] = { pf_request_get_params (self->request),
                          pf_request_get_headers (self->request),
                          pf_request_get_fields (self->request) };
  guint position;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_list_store_find (G_LIST_STORE (lists[i]), pf_key_value_row_get_item (row), &position))
      {
        g_list_store_remove (G_LIST_STORE (lists[i]), position);
        return;
      }
}

static GtkWidget *
row_new (PfRequestEditor  *self,
         PfKeyValue       *item,
         PfKeyValueRowKind kind)
{
  GtkWidget *row = pf_key_value_row_new (item, kind);

  g_signal_connect_object (row, "remove", G_CALLBACK (row_remove_cb), self, 0);
  return row;
}

static GtkWidget *
param_row_new (gpointer item,
               gpointer user_data)
{
  return row_new (user_data, item, PF_KEY_VALUE_ROW_PARAM);
}

static GtkWidget *
header_row_new (gpointer item,
                gpointer user_data)
{
  return row_new (user_data, item, PF_KEY_VALUE_ROW_HEADER);
}

static GtkWidget *
field_row_new (gpointer item,
               gpointer user_data)
{
  return row_new (user_data, item, pf_key_value_get_is_file (item) ? PF_KEY_VALUE_ROW_FILE_PART
                                                                    : PF_KEY_VALUE_ROW_FIELD);
}

static void
bind_request (PfRequestEditor *self)
{
  GtkTextBuffer *text = gtk_text_view_get_buffer (self->body_text_view);

  gtk_list_box_bind_model (self->params_list, pf_request_get_params (self->request),
                           param_row_new, self, NULL);
  gtk_list_box_bind_model (self->headers_list, pf_request_get_headers (self->request),
                           header_row_new, self, NULL);
  gtk_list_box_bind_model (self->fields_list, pf_request_get_fields (self->request),
                           field_row_new, self, NULL);
  bind_choice (self, "body-kind", self->body_kind_row, &body_kind_choices);
  bind (self, "body-content-type", self->content_type_row, "text");
  bind (self, "body-text", text, "text");
  bind (self, "timeout-ms", gtk_spin_button_get_adjustment (self->timeout_spin), "value");
  bind (self, "max-redirects", gtk_spin_button_get_adjustment (self->redirects_spin), "value");
  bind (self, "override-mime-type", self->mime_row, "text");
  bind (self, "origin", self->origin_row, "text");
  bind_choice (self, "credentials", self->credentials_row, &credentials_choices);
  bind (self, "sync", self->sync_switch, "active");
  bind (self, "xdr", self->xdr_switch, "active");
  bind_choice (self, "response-type", self->response_type_row, &response_type_choices);
  bind_choice (self, "browser-headers", self->browser_headers_row, &browser_headers_choices);
  bind_choice (self, "auth-kind", self->auth_kind_row, &auth_kind_choices);
  bind (self, "auth-username", self->auth_username_row, "text");
  bind (self, "auth-password", self->auth_password_row, "text");
  bind (self, "auth-token", self->auth_token_row, "text");
  bind (self, "open-username", self->open_username_row, "text");
  bind (self, "open-password", self->open_password_row, "text");
  g_ptr_array_add (self->bindings,
                   g_object_ref (g_object_bind_property_full (self->request, "body-file",
                                                              self->file_row, "subtitle",
                                                              G_BINDING_SYNC_CREATE,
                                                              path_to_subtitle, NULL, NULL, NULL)));
  g_signal_connect_object (self->request, "notify::body-kind", G_CALLBACK (body_kind_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->request, "notify::auth-kind", G_CALLBACK (auth_kind_cb), self,
                           G_CONNECT_SWAPPED);
  body_kind_cb (self);
  auth_kind_cb (self);
}

typedef void (*FileChosenFunc) (PfRequestEditor *self,
                                const char      *path);

#if GTK_CHECK_VERSION(4, 10, 0)
static void
file_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);
  PfRequestEditor *self = g_object_get_data (object, "pf-editor");
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
  PfRequestEditor *self = g_object_get_data (G_OBJECT (dialog), "pf-editor");
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
choose_file (PfRequestEditor *self,
             const char      *title,
             FileChosenFunc   chosen)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
#if GTK_CHECK_VERSION(4, 10, 0)
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  g_object_set_data_full (G_OBJECT (dialog), "pf-editor", g_object_ref (self), g_object_unref);
  gtk_file_dialog_open (dialog, parent, NULL, file_dialog_cb, chosen);
#else
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, parent,
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              NULL, NULL);

  g_object_set_data_full (G_OBJECT (dialog), "pf-editor", g_object_ref (self), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chooser_cb), chosen);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

static void
file_part_chosen (PfRequestEditor *self,
                  const char      *path)
{
  pf_request_add_file_field (self->request, "file", path);
}

static void
body_file_chosen (PfRequestEditor *self,
                  const char      *path)
{
  pf_request_set_body_file (self->request, path);
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PfRequestEditor *self = PF_REQUEST_EDITOR (widget);

  if (g_str_equal (action_name, "editor.add-param"))
    pf_request_add_param (self->request, "", "");
  else if (g_str_equal (action_name, "editor.add-header"))
    pf_request_add_header (self->request, "", "");
  else
    pf_request_add_field (self->request, "", "");
}

static void
attach_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_file (PF_REQUEST_EDITOR (widget), _("Attach a File"), file_part_chosen);
}

static void
choose_body_file_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  choose_file (PF_REQUEST_EDITOR (widget), _("Send a File"), body_file_chosen);
}

static void
origin_changed_cb (PfRequestEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->origin_row), "error");
}

static void
pf_request_editor_dispose (GObject *object)
{
  PfRequestEditor *self = PF_REQUEST_EDITOR (object);

  if (self->bindings != NULL)
    unbind_all (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_REQUEST_EDITOR);
  G_OBJECT_CLASS (pf_request_editor_parent_class)->dispose (object);
}

static void
pf_request_editor_finalize (GObject *object)
{
  PfRequestEditor *self = PF_REQUEST_EDITOR (object);

  g_clear_object (&self->request);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  G_OBJECT_CLASS (pf_request_editor_parent_class)->finalize (object);
}

static void
pf_request_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PfRequestEditor *self = PF_REQUEST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REQUEST: g_value_set_object (value, self->request); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_request_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PfRequestEditor *self = PF_REQUEST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REQUEST: pf_request_editor_set_request (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_request_editor_class_init (PfRequestEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_request_editor_dispose;
  object_class->finalize = pf_request_editor_finalize;
  object_class->get_property = pf_request_editor_get_property;
  object_class->set_property = pf_request_editor_set_property;

  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, PF_TYPE_REQUEST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-request-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, params_list);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, headers_list);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, body_kind_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, body_stack);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, content_type_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, body_text_view);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, fields_list);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, attach_file_button);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, file_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, redirects_spin);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, mime_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, origin_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, credentials_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, browser_headers_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, auth_kind_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, auth_username_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, auth_password_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, auth_token_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, open_username_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, open_password_row);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, sync_switch);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, xdr_switch);
  gtk_widget_class_bind_template_child (widget_class, PfRequestEditor, response_type_row);
  gtk_widget_class_bind_template_callback (widget_class, origin_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.add-param", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "editor.add-header", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "editor.add-field", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "editor.attach-file", NULL, attach_file_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-body-file", NULL,
                                   choose_body_file_action);
}

/* libadwaita 1.2 leaves a password row's peek button without a name for screen readers. */
static void
name_peek_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Show the text"), -1);
      name_peek_button (child);
    }
}

static void
pf_request_editor_init (PfRequestEditor *self)
{
  g_type_ensure (PF_TYPE_KEY_VALUE_ROW);
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  name_peek_button (GTK_WIDGET (self->auth_password_row));
  name_peek_button (GTK_WIDGET (self->auth_token_row));
  name_peek_button (GTK_WIDGET (self->open_password_row));
}

GtkWidget *
pf_request_editor_new (void)
{
  return g_object_new (PF_TYPE_REQUEST_EDITOR, NULL);
}

PfRequest *
pf_request_editor_get_request (PfRequestEditor *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_EDITOR (self), NULL);
  return self->request;
}

/* Edits @request from now on: every field shows it and every change goes into it. */
void
pf_request_editor_set_request (PfRequestEditor *self,
                               PfRequest       *request)
{
  g_return_if_fail (PF_IS_REQUEST_EDITOR (self));
  g_return_if_fail (PF_IS_REQUEST (request));

  if (self->request == request)
    return;
  unbind_all (self);
  if (self->request != NULL)
    g_signal_handlers_disconnect_by_data (self->request, self);
  g_set_object (&self->request, request);
  bind_request (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST]);
}

/* Send was refused for a header or a field: each row that cannot be sent says so. */
void
pf_request_editor_mark_invalid (PfRequestEditor *self)
{
  GtkListBox *lists[] = { self->headers_list, self->fields_list };
  GtkListBoxRow *row;

  g_return_if_fail (PF_IS_REQUEST_EDITOR (self));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (int n = 0; (row = gtk_list_box_get_row_at_index (lists[i], n)) != NULL; n++)
      pf_key_value_row_check (PF_KEY_VALUE_ROW (row));
}

static gboolean
knows_all (const char       *text,
           PfVariableSource *variables)
{
  const char *start = NULL;
  gsize len = 0;
  g_autofree char *expanded = pf_variables_expand (text, variables, &start, &len);

  return expanded != NULL;
}

/* Send found a {{name}} that @variables does not know: the rows naming one are marked, with
 * @message, until they are edited. Whether a row was marked. */
gboolean
pf_request_editor_mark_unknown_variables (PfRequestEditor  *self,
                                          PfVariableSource *variables,
                                          const char       *message)
{
  GtkListBox *lists[] = { self->params_list, self->headers_list, self->fields_list };
  GtkListBoxRow *row;
  gboolean marked = FALSE;

  g_return_val_if_fail (PF_IS_REQUEST_EDITOR (self), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (int n = 0; (row = gtk_list_box_get_row_at_index (lists[i], n)) != NULL; n++)
      {
        PfKeyValue *item;

        if (!PF_IS_KEY_VALUE_ROW (row))
          continue;
        item = pf_key_value_row_get_item (PF_KEY_VALUE_ROW (row));
        if (!pf_key_value_get_enabled (item) ||
            (knows_all (pf_key_value_get_name (item), variables) &&
             knows_all (pf_key_value_get_value (item), variables)))
          continue;
        pf_key_value_row_mark (PF_KEY_VALUE_ROW (row), message);
        marked = TRUE;
      }
  return marked;
}

/* The page origin was refused: the row says so until it is edited. */
void
pf_request_editor_mark_origin_invalid (PfRequestEditor *self)
{
  g_return_if_fail (PF_IS_REQUEST_EDITOR (self));
  gtk_widget_add_css_class (GTK_WIDGET (self->origin_row), "error");
}
