/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-key-value"

#include "config.h"

#include "pf-key-value.h"

/* One row of a name/value table: a header, a query parameter or a form field. For a
 * multipart field, is-file says that value is a path whose contents are sent; file-name and
 * content-type, when not empty, are the part's filename and Content-Type (as a page's
 * FormData.append (name, blob, filename) with a Blob of that type sends them) instead of the
 * file's own name and the type the part's name gives. */
struct _PfKeyValue
{
  GObject parent_instance;

  char *name;
  char *value;
  gboolean enabled;
  gboolean is_file;
  char *file_name;
  char *content_type;
};

G_DEFINE_FINAL_TYPE (PfKeyValue, pf_key_value, G_TYPE_OBJECT)

/* g_set_str () arrived in GLib 2.76; Debian 12 has 2.74. */
static gboolean
replace_str (char **slot,
             const char *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

enum
{
  PROP_0,
  PROP_NAME,
  PROP_VALUE,
  PROP_ENABLED,
  PROP_IS_FILE,
  PROP_FILE_NAME,
  PROP_CONTENT_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_key_value_finalize (GObject *object)
{
  PfKeyValue *self = PF_KEY_VALUE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->content_type, g_free);

  G_OBJECT_CLASS (pf_key_value_parent_class)->finalize (object);
}

static void
pf_key_value_get_property (GObject *object,
                           guint prop_id,
                           GValue *value,
                           GParamSpec *pspec)
{
  PfKeyValue *self = PF_KEY_VALUE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_IS_FILE:
      g_value_set_boolean (value, self->is_file);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_key_value_set_property (GObject *object,
                           guint prop_id,
                           const GValue *value,
                           GParamSpec *pspec)
{
  PfKeyValue *self = PF_KEY_VALUE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pf_key_value_set_name (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      pf_key_value_set_value (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      pf_key_value_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_IS_FILE:
      pf_key_value_set_is_file (self, g_value_get_boolean (value));
      break;
    case PROP_FILE_NAME:
      pf_key_value_set_file_name (self, g_value_get_string (value));
      break;
    case PROP_CONTENT_TYPE:
      pf_key_value_set_content_type (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_key_value_class_init (PfKeyValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pf_key_value_finalize;
  object_class->get_property = pf_key_value_get_property;
  object_class->set_property = pf_key_value_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, "", flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  properties[PROP_IS_FILE] = g_param_spec_boolean ("is-file", NULL, NULL, FALSE, flags);
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, "", flags);
  properties[PROP_CONTENT_TYPE] = g_param_spec_string ("content-type", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_key_value_init (PfKeyValue *self)
{
  self->name = g_strdup ("");
  self->value = g_strdup ("");
  self->file_name = g_strdup ("");
  self->content_type = g_strdup ("");
  self->enabled = TRUE;
}

PfKeyValue *
pf_key_value_new (const char *name,
                  const char *value)
{
  return g_object_new (PF_TYPE_KEY_VALUE, "name", name, "value", value, NULL);
}

PfKeyValue *
pf_key_value_new_file (const char *name,
                       const char *path)
{
  return g_object_new (PF_TYPE_KEY_VALUE, "name", name, "value", path, "is-file", TRUE, NULL);
}

const char *
pf_key_value_get_name (PfKeyValue *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE (self), NULL);
  return self->name;
}

void
pf_key_value_set_name (PfKeyValue *self,
                       const char *name)
{
  g_return_if_fail (PF_IS_KEY_VALUE (self));
  if (replace_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pf_key_value_get_value (PfKeyValue *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE (self), NULL);
  return self->value;
}

void
pf_key_value_set_value (PfKeyValue *self,
                        const char *value)
{
  g_return_if_fail (PF_IS_KEY_VALUE (self));
  if (replace_str (&self->value, value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

gboolean
pf_key_value_get_enabled (PfKeyValue *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE (self), FALSE);
  return self->enabled;
}

void
pf_key_value_set_enabled (PfKeyValue *self,
                          gboolean enabled)
{
  g_return_if_fail (PF_IS_KEY_VALUE (self));
  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
pf_key_value_get_is_file (PfKeyValue *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE (self), FALSE);
  return self->is_file;
}

void
pf_key_value_set_is_file (PfKeyValue *self,
                          gboolean is_file)
{
  g_return_if_fail (PF_IS_KEY_VALUE (self));
  is_file = !!is_file;
  if (self->is_file == is_file)
    return;
  self->is_file = is_file;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_FILE]);
}

/* The part's filename for a file field, or "": the file's own name. */
const char *
pf_key_value_get_file_name (PfKeyValue *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE (self), NULL);
  return self->file_name;
}

void
pf_key_value_set_file_name (PfKeyValue *self,
                            const char *file_name)
{
  g_return_if_fail (PF_IS_KEY_VALUE (self));
  if (replace_str (&self->file_name, file_name ? file_name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_NAME]);
}

/* The part's Content-Type for a file field, or "": the type the part's name gives. */
const char *
pf_key_value_get_content_type (PfKeyValue *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE (self), NULL);
  return self->content_type;
}

void
pf_key_value_set_content_type (PfKeyValue *self,
                               const char *content_type)
{
  g_return_if_fail (PF_IS_KEY_VALUE (self));
  if (replace_str (&self->content_type, content_type ? content_type : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_TYPE]);
}

/* A new row with the same name, value, enabled, is-file, file-name and content-type. */
PfKeyValue *
pf_key_value_copy (PfKeyValue *self)
{
  g_return_val_if_fail (PF_IS_KEY_VALUE (self), NULL);
  return g_object_new (PF_TYPE_KEY_VALUE,
                       "name", self->name,
                       "value", self->value,
                       "enabled", self->enabled,
                       "is-file", self->is_file,
                       "file-name", self->file_name,
                       "content-type", self->content_type,
                       NULL);
}
