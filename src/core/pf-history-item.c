/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-history-item"

#include "config.h"

#include "pf-history-item.h"
#include "pf-history-private.h"

/* One line of the history list: what a row shows at a glance, read from the summary columns
 * (the whole exchange is pf_history_load_async's). Never changes, so its read-only properties
 * bind straight into a GtkListView row. */
struct _PfHistoryItem
{
  GObject parent_instance;

  gint64 id;
  gint64 time_us;
  char *method;
  char *url;
  guint status;
  char *status_text;
  char *failure;
  gint64 duration_us;
  guint64 body_size;
  char *origin;
  char *cors;
};

G_DEFINE_FINAL_TYPE (PfHistoryItem, pf_history_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TIME_US,
  PROP_METHOD,
  PROP_URL,
  PROP_STATUS,
  PROP_STATUS_TEXT,
  PROP_FAILURE,
  PROP_DURATION_US,
  PROP_BODY_SIZE,
  PROP_ORIGIN,
  PROP_CORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_history_item_finalize (GObject *object)
{
  PfHistoryItem *self = PF_HISTORY_ITEM (object);

  g_free (self->method);
  g_free (self->url);
  g_free (self->status_text);
  g_free (self->failure);
  g_free (self->origin);
  g_free (self->cors);

  G_OBJECT_CLASS (pf_history_item_parent_class)->finalize (object);
}

static void
pf_history_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PfHistoryItem *self = PF_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TIME_US: g_value_set_int64 (value, self->time_us); break;
    case PROP_METHOD: g_value_set_string (value, self->method); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_STATUS: g_value_set_uint (value, self->status); break;
    case PROP_STATUS_TEXT: g_value_set_string (value, self->status_text); break;
    case PROP_FAILURE: g_value_set_string (value, self->failure); break;
    case PROP_DURATION_US: g_value_set_int64 (value, self->duration_us); break;
    case PROP_BODY_SIZE: g_value_set_uint64 (value, self->body_size); break;
    case PROP_ORIGIN: g_value_set_string (value, self->origin); break;
    case PROP_CORS: g_value_set_string (value, self->cors); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
pf_history_item_class_init (PfHistoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_history_item_finalize;
  object_class->get_property = pf_history_item_get_property;

  properties[PROP_ID] = int64_property ("id");
  /* When the exchange ended, in microseconds since the Unix epoch. */
  properties[PROP_TIME_US] = int64_property ("time-us");
  properties[PROP_METHOD] = string_property ("method");
  properties[PROP_URL] = string_property ("url");
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] = string_property ("status-text");
  /* "network", "timeout" or "abort" when the exchange failed, else NULL. */
  properties[PROP_FAILURE] = string_property ("failure");
  properties[PROP_DURATION_US] = int64_property ("duration-us");
  properties[PROP_BODY_SIZE] = g_param_spec_uint64 ("body-size", NULL, NULL, 0, G_MAXUINT64, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The page origin the request was made from, NULL for none. */
  properties[PROP_ORIGIN] = string_property ("origin");
  /* The CORS outcome's name ("same-origin", "allowed", "blocked"), NULL without CORS. */
  properties[PROP_CORS] = string_property ("cors");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_history_item_init (PfHistoryItem *self)
{
}

/* The item for @row's summary columns; takes them. */
PfHistoryItem *
_pf_history_item_new_from_row (PfHistoryRow *row)
{
  PfHistoryItem *self = g_object_new (PF_TYPE_HISTORY_ITEM, NULL);

  self->id = row->id;
  self->time_us = row->time_us;
  self->method = g_steal_pointer (&row->method);
  self->url = g_steal_pointer (&row->url);
  self->status = row->status;
  self->status_text = g_steal_pointer (&row->status_text);
  self->failure = g_steal_pointer (&row->failure);
  self->duration_us = row->duration_us;
  self->body_size = row->body_size;
  self->origin = g_steal_pointer (&row->origin);
  self->cors = g_steal_pointer (&row->cors);
  return self;
}

gint64
pf_history_item_get_id (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), 0);
  return self->id;
}

gint64
pf_history_item_get_time_us (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), 0);
  return self->time_us;
}

const char *
pf_history_item_get_method (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), NULL);
  return self->method;
}

const char *
pf_history_item_get_url (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), NULL);
  return self->url;
}

guint
pf_history_item_get_status (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), 0);
  return self->status;
}

const char *
pf_history_item_get_status_text (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), NULL);
  return self->status_text;
}

const char *
pf_history_item_get_failure (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), NULL);
  return self->failure;
}

gint64
pf_history_item_get_duration_us (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), 0);
  return self->duration_us;
}

guint64
pf_history_item_get_body_size (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), 0);
  return self->body_size;
}

const char *
pf_history_item_get_origin (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), NULL);
  return self->origin;
}

const char *
pf_history_item_get_cors (PfHistoryItem *self)
{
  g_return_val_if_fail (PF_IS_HISTORY_ITEM (self), NULL);
  return self->cors;
}
