/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-collection-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-collection-view.h"
#include "pf-accessible.h"

/* The sidebar's Collection page: the folder's .http files, each with its requests below it
 * (or the line where it stops reading), as a tree; "No Folder Open" until a folder is open.
 * Activating a request asks the window to open it; its context menu (right click, Menu,
 * Shift+F10) renames (F2) or deletes (Delete) it, which the window carries out. The window
 * says which entry its front tab holds: that row is selected, again when the files are read
 * again. */
struct _PfCollectionView
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkStack *stack;
  GtkListView *list_view;
  GMenuModel *row_menu;

  /* Owned */
  PfCollection *collection;
  GtkTreeListModel *tree;
  GtkSingleSelection *selection;
  GtkWidget *popover;
  GFile *wanted_location; /* the entry to select, or NULL: none */
  char *wanted_text;
  guint reselect_id;
};

G_DEFINE_FINAL_TYPE (PfCollectionView, pf_collection_view, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_COLLECTION,
  N_PROPS
};

enum
{
  SIGNAL_REQUEST_ACTIVATED,
  SIGNAL_RENAME,
  SIGNAL_DELETE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The row closures (pf-collection-row.ui): the item is NULL while a row is unbound. */
static gboolean
collection_row_is_set (GtkListItem *list_item,
                       const char  *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
collection_row_is_error (GtkListItem      *list_item,
                         PfCollectionItem *item)
{
  return item != NULL && pf_collection_item_get_kind (item) == PF_COLLECTION_ITEM_ERROR;
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListModel *children = pf_collection_item_get_children (item);

  return children ? g_object_ref (children) : NULL;
}

/* Selects the row of the wanted entry (the one whose file is @wanted_location and whose lines
 * are @wanted_text), or none; with @expand, opens its file's row to show it. */
static void
select_wanted (PfCollectionView *self,
               gboolean          expand)
{
  GListModel *rows = G_LIST_MODEL (self->tree);
  guint found = GTK_INVALID_LIST_POSITION;

  /* Rows open below an expanded file as the loop goes. */
  for (guint i = 0; self->wanted_location && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (PfCollectionItem) item = gtk_tree_list_row_get_item (row);
      g_autofree char *text = NULL;

      if (!g_file_equal (pf_collection_item_get_location (item), self->wanted_location))
        continue;
      if (pf_collection_item_get_kind (item) == PF_COLLECTION_ITEM_FILE && expand)
        gtk_tree_list_row_set_expanded (row, TRUE);
      if (pf_collection_item_get_kind (item) != PF_COLLECTION_ITEM_REQUEST)
        continue;
      text = pf_collection_item_dup_entry_text (item);
      if (g_str_equal (text, self->wanted_text))
        {
          found = i;
          break;
        }
    }
  if (gtk_single_selection_get_selected (self->selection) != found)
    gtk_single_selection_set_selected (self->selection, found);
  if (found != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", found);
}

static gboolean
reselect_cb (gpointer user_data)
{
  PfCollectionView *self = user_data;

  self->reselect_id = 0;
  select_wanted (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* The files were read again (or a file's row opened or closed): the wanted row may have moved,
 * come or gone. Once the tree has settled, not while it changes. */
static void
rows_changed_cb (PfCollectionView *self)
{
  if (self->wanted_location != NULL && self->reselect_id == 0)
    self->reselect_id = g_idle_add (reselect_cb, self);
}

/* Selects the request row of the entry at @location whose lines are @text (as
 * pf_collection_item_dup_entry_text () gives them), opening its file's row if need be, and
 * keeps it selected as the files change; a NULL @location selects nothing. */
void
pf_collection_view_select_entry (PfCollectionView *self,
                                 GFile            *location,
                                 const char       *text)
{
  g_return_if_fail (PF_IS_COLLECTION_VIEW (self));
  g_return_if_fail (location == NULL || (G_IS_FILE (location) && text != NULL));
  g_set_object (&self->wanted_location, location);
  g_free (self->wanted_text);
  self->wanted_text = g_strdup (text);
  select_wanted (self, TRUE);
}

/* The selected row's item, or NULL. */
PfCollectionItem *
pf_collection_view_get_selected (PfCollectionView *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (PF_IS_COLLECTION_VIEW (self), NULL);
  row = gtk_single_selection_get_selected_item (self->selection);
  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

static gboolean
selected_is_request (PfCollectionView *self)
{
  g_autoptr (PfCollectionItem) item = pf_collection_view_get_selected (self);

  return item != NULL && pf_collection_item_get_kind (item) == PF_COLLECTION_ITEM_REQUEST;
}

static void
update_actions (PfCollectionView *self)
{
  gboolean request = selected_is_request (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.rename", request);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.delete", request);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "collection.menu", request);
}

static void
list_activate_cb (PfCollectionView *self,
                  guint             position)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr (PfCollectionItem) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  if (item == NULL)
    return;
  if (pf_collection_item_get_kind (item) == PF_COLLECTION_ITEM_REQUEST)
    g_signal_emit (self, signals[SIGNAL_REQUEST_ACTIVATED], 0, item);
  else if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
popup_menu (PfCollectionView *self,
            double            x,
            double            y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (!selected_is_request (self))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* A right click selects the row under the pointer and opens its menu there. */
static void
secondary_pressed_cb (GtkGestureClick  *gesture,
                      int               n_press,
                      double            x,
                      double            y,
                      PfCollectionView *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  GtkWidget *expander = picked ? gtk_widget_get_ancestor (picked, GTK_TYPE_TREE_EXPANDER) : NULL;
  GtkTreeListRow *row = expander ? gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))
                                 : NULL;

  if (row == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, gtk_tree_list_row_get_position (row));
  popup_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* From the keyboard the menu opens below the focused row. */
static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfCollectionView *self = PF_COLLECTION_VIEW (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (focus == NULL || !gtk_widget_compute_bounds (focus, widget, &bounds))
    graphene_rect_init (&bounds, 0, 0, 0, 0);
  popup_menu (self, bounds.origin.x + 24, bounds.origin.y + bounds.size.height);
}

static void
item_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfCollectionView *self = PF_COLLECTION_VIEW (widget);
  g_autoptr (PfCollectionItem) item = pf_collection_view_get_selected (self);
  guint signal = g_str_equal (action_name, "collection.rename") ? SIGNAL_RENAME : SIGNAL_DELETE;

  if (item != NULL && pf_collection_item_get_kind (item) == PF_COLLECTION_ITEM_REQUEST)
    g_signal_emit (self, signals[signal], 0, item);
}

static void
pf_collection_view_dispose (GObject *object)
{
  PfCollectionView *self = PF_COLLECTION_VIEW (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_handle_id (&self->reselect_id, g_source_remove);
  g_clear_object (&self->wanted_location);
  g_clear_pointer (&self->wanted_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_COLLECTION_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->collection);
  G_OBJECT_CLASS (pf_collection_view_parent_class)->dispose (object);
}

static void
pf_collection_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PfCollectionView *self = PF_COLLECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      g_value_set_object (value, self->collection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_collection_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PfCollectionView *self = PF_COLLECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      pf_collection_view_set_collection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_signals (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  /* A request row was activated: the window opens it in a tab. */
  signals[SIGNAL_REQUEST_ACTIVATED] = g_signal_new ("request-activated", type, G_SIGNAL_RUN_LAST,
                                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                    PF_TYPE_COLLECTION_ITEM);
  /* Rename or Delete was chosen for a request row: the window asks and writes the file. */
  signals[SIGNAL_RENAME] = g_signal_new ("rename", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, PF_TYPE_COLLECTION_ITEM);
  signals[SIGNAL_DELETE] = g_signal_new ("delete", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, PF_TYPE_COLLECTION_ITEM);
}

static void
pf_collection_view_class_init (PfCollectionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_collection_view_dispose;
  object_class->get_property = pf_collection_view_get_property;
  object_class->set_property = pf_collection_view_set_property;

  /* The collection shown; NULL: no folder is open. */
  properties[PROP_COLLECTION] = g_param_spec_object ("collection", NULL, NULL, PF_TYPE_COLLECTION,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  install_signals (object_class);

  g_type_ensure (PF_TYPE_COLLECTION_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-collection-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PfCollectionView, stack);
  gtk_widget_class_bind_template_child (widget_class, PfCollectionView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PfCollectionView, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "collection.rename", NULL, item_action);
  gtk_widget_class_install_action (widget_class, "collection.delete", NULL, item_action);
  gtk_widget_class_install_action (widget_class, "collection.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "collection.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "collection.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "collection.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "collection.menu", NULL);
}

static GtkListItemFactory *
row_factory_new (void)
{
  g_autoptr (GtkBuilderScope) scope = gtk_builder_cscope_new ();

  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), collection_row_is_set);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), collection_row_is_error);
  return gtk_builder_list_item_factory_new_from_resource (scope, APP_RESOURCE_PATH
                                                          "/pf-collection-row.ui");
}

/* A new tree over @files (NULL: none), every file open. */
static void
show_files (PfCollectionView *self,
            GListModel       *files)
{
  GListModel *roots = files ? g_object_ref (files)
                            : G_LIST_MODEL (g_list_store_new (PF_TYPE_COLLECTION_ITEM));

  g_clear_object (&self->tree);
  self->tree = gtk_tree_list_model_new (roots, FALSE, TRUE, create_children, NULL, NULL);
  g_signal_connect_object (self->tree, "items-changed", G_CALLBACK (rows_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
}

static void
pf_collection_view_init (PfCollectionView *self)
{
  g_autoptr (GtkListItemFactory) factory = row_factory_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_view_set_factory (self->list_view, factory);
  self->selection = gtk_single_selection_new (NULL);
  show_files (self, NULL);
  /* Nothing is picked until the user picks it. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (secondary));
  self->popover = gtk_popover_menu_new_from_model (self->row_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  pf_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  update_actions (self);
}

PfCollectionView *
pf_collection_view_new (void)
{
  return g_object_new (PF_TYPE_COLLECTION_VIEW, NULL);
}

PfCollection *
pf_collection_view_get_collection (PfCollectionView *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_VIEW (self), NULL);
  return self->collection;
}

/* Shows @collection's files, or "No Folder Open" for NULL. */
void
pf_collection_view_set_collection (PfCollectionView *self,
                                   PfCollection     *collection)
{
  g_return_if_fail (PF_IS_COLLECTION_VIEW (self));
  g_return_if_fail (collection == NULL || PF_IS_COLLECTION (collection));
  if (!g_set_object (&self->collection, collection))
    return;
  show_files (self, collection ? pf_collection_get_files (collection) : NULL);
  gtk_stack_set_visible_child_name (self->stack, collection ? "files" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTION]);
}

/* The tree's rows (GtkTreeListRow, each holding a PfCollectionItem), as shown. */
GListModel *
pf_collection_view_get_rows (PfCollectionView *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_VIEW (self), NULL);
  return G_LIST_MODEL (self->tree);
}
