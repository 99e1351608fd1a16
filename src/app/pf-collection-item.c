/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-collection-item"

#include "config.h"

#include "pf-collection-item.h"

/* A row of the collection's tree: a .http file (its children are its requests, or one error
 * row when it does not parse), one of its requests, or the error. A file's children are
 * replaced, never edited, when it is read again. */
struct _PfCollectionItem
{
  GObject parent_instance;

  PfCollectionItemKind kind;
  char *title;
  char *subtitle;

  /* Owned */
  GFile *location;
  PfHttpFile *http;      /* a file's as last read, or the file a request comes from */
  char *etag;            /* the file's when it was read */
  GListStore *children;  /* a file's */
  PfHttpFileEntry *entry; /* a request's */
  guint index;

  /* Borrowed */
  PfCollectionItem *file; /* weak: a request's or an error's file */
};

G_DEFINE_FINAL_TYPE (PfCollectionItem, pf_collection_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_collection_item_finalize (GObject *object)
{
  PfCollectionItem *self = PF_COLLECTION_ITEM (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_object (&self->location);
  g_clear_object (&self->http);
  g_clear_pointer (&self->etag, g_free);
  g_clear_object (&self->children);
  g_clear_object (&self->entry);
  g_clear_weak_pointer (&self->file);
  G_OBJECT_CLASS (pf_collection_item_parent_class)->finalize (object);
}

static const char *
icon_name (PfCollectionItem *self)
{
  switch (self->kind)
    {
    case PF_COLLECTION_ITEM_FILE:
      return "text-x-generic-symbolic";
    case PF_COLLECTION_ITEM_ERROR:
      return "dialog-warning-symbolic";
    case PF_COLLECTION_ITEM_REQUEST:
    default:
      return NULL;
    }
}

static void
pf_collection_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PfCollectionItem *self = PF_COLLECTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, icon_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_collection_item_class_init (PfCollectionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_collection_item_finalize;
  object_class->get_property = pf_collection_item_get_property;

  /* What the row says: the file's path in the folder, the request's name or the error. */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Beside the title, dimmed: a request's method. */
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_collection_item_init (PfCollectionItem *self)
{
}

/* A .http file at @location, shown as @title (its path in the folder), not read yet. */
PfCollectionItem *
pf_collection_item_new_file (GFile      *location,
                             const char *title)
{
  PfCollectionItem *self = g_object_new (PF_TYPE_COLLECTION_ITEM, NULL);

  self->kind = PF_COLLECTION_ITEM_FILE;
  self->location = g_object_ref (location);
  self->title = g_strdup (title);
  self->children = g_list_store_new (PF_TYPE_COLLECTION_ITEM);
  return self;
}

static PfCollectionItem *
child_new (PfCollectionItem    *file,
           PfCollectionItemKind kind,
           char                *title)
{
  PfCollectionItem *self = g_object_new (PF_TYPE_COLLECTION_ITEM, NULL);

  self->kind = kind;
  self->title = title;
  self->location = g_object_ref (file->location);
  g_set_weak_pointer (&self->file, file);
  return self;
}

static PfCollectionItem *
request_new (PfCollectionItem *file,
             guint             index)
{
  PfHttpFileEntry *entry = pf_http_file_get_entry (file->http, index);
  PfCollectionItem *self = child_new (file, PF_COLLECTION_ITEM_REQUEST,
                                      pf_http_file_entry_dup_label (entry));
  g_autoptr (PfRequest) request = pf_http_file_entry_dup_request (entry);

  self->http = g_object_ref (file->http);
  self->etag = g_strdup (file->etag);
  self->entry = g_object_ref (entry);
  self->index = index;
  self->subtitle = g_strdup (pf_request_get_method (request));
  return self;
}

/* The file as read again: its requests (@http), or the reason it does not read (@error). */
void
pf_collection_item_set_contents (PfCollectionItem *self,
                                 PfHttpFile       *http,
                                 const char       *etag,
                                 const GError     *error)
{
  guint n = http ? g_list_model_get_n_items (G_LIST_MODEL (http)) : 1;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (PF_IS_COLLECTION_ITEM (self) && self->kind == PF_COLLECTION_ITEM_FILE);
  g_return_if_fail ((http == NULL) != (error == NULL));
  g_set_object (&self->http, http);
  g_free (self->etag);
  self->etag = g_strdup (etag);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, http ? request_new (self, i)
                                : child_new (self, PF_COLLECTION_ITEM_ERROR,
                                             g_strdup (error->message)));
  g_list_store_splice (self->children, 0, g_list_model_get_n_items (G_LIST_MODEL (self->children)),
                       rows->pdata, rows->len);
}

PfCollectionItemKind
pf_collection_item_get_kind (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), PF_COLLECTION_ITEM_FILE);
  return self->kind;
}

const char *
pf_collection_item_get_title (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), NULL);
  return self->title;
}

/* The .http file the row is or belongs to. */
GFile *
pf_collection_item_get_location (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), NULL);
  return self->location;
}

/* A file's rows; NULL for the others. */
GListModel *
pf_collection_item_get_children (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), NULL);
  return self->children ? G_LIST_MODEL (self->children) : NULL;
}

/* A file's contents as last read (NULL when it did not parse), or a request's file. */
PfHttpFile *
pf_collection_item_get_http (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), NULL);
  return self->http;
}

/* The file's etag when it was read (a request's: when the request was). */
const char *
pf_collection_item_get_etag (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), NULL);
  return self->etag;
}

/* A request's index in its file. */
guint
pf_collection_item_get_index (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), 0);
  return self->index;
}

PfHttpFileEntry *
pf_collection_item_get_entry (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), NULL);
  return self->entry;
}

/* A request's or an error's file row, while it is in the collection. */
PfCollectionItem *
pf_collection_item_get_file (PfCollectionItem *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), NULL);
  return self->file;
}

/* A request's lines as they were read, to find it again in the file. */
char *
pf_collection_item_dup_entry_text (PfCollectionItem *self)
{
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (PF_IS_COLLECTION_ITEM (self), NULL);
  if (self->entry == NULL)
    return NULL;
  data = g_bytes_get_data (pf_http_file_get_contents (self->http), &len);
  return g_strndup (data + pf_http_file_entry_get_start (self->entry),
                    pf_http_file_entry_get_end (self->entry) -
                      pf_http_file_entry_get_start (self->entry));
}
