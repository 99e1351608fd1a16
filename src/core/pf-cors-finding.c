/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cors-finding"

#include "config.h"

#include "pf-cors-finding.h"

/* One CORS finding: why a request needs a preflight, or why a response is blocked. @rule
 * is a stable identifier of the standard's rule (scripts read it), @header and @value what
 * was looked at (either may be NULL), @message the sentence a user reads. */
struct _PfCorsFinding
{
  GObject parent_instance;

  char *rule;
  char *header;
  char *value;
  char *message;
};

G_DEFINE_FINAL_TYPE (PfCorsFinding, pf_cors_finding, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RULE,
  PROP_HEADER,
  PROP_VALUE,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_cors_finding_finalize (GObject *object)
{
  PfCorsFinding *self = PF_CORS_FINDING (object);

  g_clear_pointer (&self->rule, g_free);
  g_clear_pointer (&self->header, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (pf_cors_finding_parent_class)->finalize (object);
}

static void
pf_cors_finding_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PfCorsFinding *self = PF_CORS_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    case PROP_HEADER:
      g_value_set_string (value, self->header);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_cors_finding_class_init (PfCorsFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_cors_finding_finalize;
  object_class->get_property = pf_cors_finding_get_property;

  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADER] = g_param_spec_string ("header", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_cors_finding_init (PfCorsFinding *self)
{
}

PfCorsFinding *
pf_cors_finding_new (const char *rule,
                     const char *header,
                     const char *value,
                     const char *message)
{
  PfCorsFinding *self = g_object_new (PF_TYPE_CORS_FINDING, NULL);

  self->rule = g_strdup (rule);
  self->header = g_strdup (header);
  self->value = g_strdup (value);
  self->message = g_strdup (message);
  return self;
}

const char *
pf_cors_finding_get_rule (PfCorsFinding *self)
{
  g_return_val_if_fail (PF_IS_CORS_FINDING (self), NULL);
  return self->rule;
}

const char *
pf_cors_finding_get_header (PfCorsFinding *self)
{
  g_return_val_if_fail (PF_IS_CORS_FINDING (self), NULL);
  return self->header;
}

const char *
pf_cors_finding_get_value (PfCorsFinding *self)
{
  g_return_val_if_fail (PF_IS_CORS_FINDING (self), NULL);
  return self->value;
}

const char *
pf_cors_finding_get_message (PfCorsFinding *self)
{
  g_return_val_if_fail (PF_IS_CORS_FINDING (self), NULL);
  return self->message;
}
