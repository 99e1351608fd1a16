/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-request-expand.h"
#include "pf-request-view-private.h"

/* {{variables}} in a tab: Send sends the tab's request with them filled in from the window's
 * environment (the tab's request keeps them as typed); an unknown one is marked where it was
 * typed; what came from a secret variable is masked wherever the tab shows it. */

/* Where {{name}} finds its value from now on (the window's environment); NULL: built-ins only. */
void
pf_request_view_set_variables (PfRequestView    *self,
                               PfVariableSource *variables)
{
  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  g_return_if_fail (variables == NULL || PF_IS_VARIABLE_SOURCE (variables));
  g_set_object (&self->variables, variables);
}

PfVariableSource *
pf_request_view_get_variables (PfRequestView *self)
{
  g_return_val_if_fail (PF_IS_REQUEST_VIEW (self), NULL);
  return self->variables;
}

/* The unknown {{name}} is said where it was typed: the URL entry, or the rows naming it (whose
 * page is then shown), and in a toast. */
static void
mark_unknown (PfRequestView *self,
              const GError  *error)
{
  const char *start = NULL;
  gsize len = 0;
  g_autofree char *url = pf_variables_expand (pf_request_get_url (self->request),
                                              self->variables, &start, &len);

  if (url == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->url_entry), error->message);
    }
  else
    {
      pf_request_editor_mark_unknown_variables (self->editor, self->variables, error->message);
      gtk_stack_set_visible_child_name (self->left_stack, "request");
    }
  pf_request_view_show_error (self, error->message);
}

/* A copy of the tab's request to send, its {{variables}} filled in, with the values of the
 * secret ones in @secrets; NULL when one is unknown, which is then marked. */
PfRequest *
_pf_request_view_expand (PfRequestView *self,
                         GStrv         *secrets)
{
  g_autoptr (GError) error = NULL;
  PfRequest *request;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->url_entry), NULL);
  request = pf_request_expand_full (self->request, self->variables, secrets, &error);
  if (request == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
      mark_unknown (self, error);
    }
  return request;
}

/* @text with what came from secret variables in the exchange shown as “••••”. */
char *
_pf_request_view_mask (PfRequestView *self,
                       const char    *text)
{
  const char *const *secrets = self->exchange ? pf_exchange_get_secrets (self->exchange) : NULL;

  return secrets != NULL ? pf_variables_mask (text, secrets) : g_strdup (text);
}
