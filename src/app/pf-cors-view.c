/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cors-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-cors-flow.h"
#include "pf-cors-row.h"
#include "pf-cors-sequence.h"
#include "pf-cors-view.h"
#include "pf-cors.h"
#include "pf-key-value.h"

/* The CORS page of a tab: the verdict, the steps between page and server, why a preflight
 * was needed, what it sent, each check with the value seen, dropped headers and the
 * preflight cache. It reads the exchange's PfCorsFlow; it decides nothing. */
struct _PfCorsView
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkLabel *placeholder;
  GtkBox *content;
  GtkLabel *verdict_label;
  PfCorsSequence *sequence;
  GtkWidget *sequence_group;
  GtkListBox *sequence_list;
  GtkWidget *why_group;
  GtkListBox *why_list;
  GtkWidget *preflight_group;
  GtkListBox *preflight_list;
  GtkWidget *checks_group;
  GtkListBox *checks_list;
  GtkWidget *dropped_group;
  GtkListBox *dropped_list;
  GtkWidget *cache_group;
  GtkListBox *cache_list;
};

G_DEFINE_FINAL_TYPE (PfCorsView, pf_cors_view, GTK_TYPE_BOX)

static void
add_row (GtkListBox   *list,
         PfCorsRowMark mark,
         const char   *title,
         const char   *subtitle)
{
  gtk_list_box_append (list, pf_cors_row_new (mark, title, subtitle));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A group shows only when its list has rows. */
static void
show_group (GtkWidget  *group,
            GtkListBox *list)
{
  gtk_widget_set_visible (group, gtk_list_box_get_row_at_index (list, 0) != NULL);
}

static void
add_findings (GtkListBox   *list,
              GListModel   *findings,
              PfCorsRowMark mark)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (PfCorsFinding) finding = g_list_model_get_item (findings, i);
      const char *value = pf_cors_finding_get_value (finding);
      const char *header = pf_cors_finding_get_header (finding);
      g_autofree char *seen = NULL;

      if (header != NULL)
        seen = g_strdup_printf ("%s: %s · %s", header, value ? value : "—",
                                pf_cors_finding_get_rule (finding));
      else
        seen = g_strdup_printf ("%s · %s", value ? value : "—",
                                pf_cors_finding_get_rule (finding));
      add_row (list, mark, pf_cors_finding_get_message (finding), seen);
    }
}

static void
add_headers (GtkListBox *list,
             GListModel *headers)
{
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) header = g_list_model_get_item (headers, i);

      add_row (list, PF_CORS_ROW_PLAIN, pf_key_value_get_name (header),
               pf_key_value_get_value (header));
    }
}

static char *
verdict_text (PfCorsFlow *flow)
{
  const char *origin = pf_cors_flow_get_origin (flow);

  switch (pf_cors_flow_get_outcome (flow))
    {
    case PF_CORS_OUTCOME_SAME_ORIGIN:
      return g_strdup_printf (_("Same origin as the page (%s): CORS does not apply."), origin);
    case PF_CORS_OUTCOME_ALLOWED:
      return g_strdup_printf (_("Allowed: a page at %s may read this response."), origin);
    case PF_CORS_OUTCOME_BLOCKED:
      return g_strdup_printf (_("Blocked: a page at %s gets a network error (status 0, no "
                                "headers, no body). What the server answered is shown here, "
                                "hidden from the page."),
                              origin);
    default:
      return g_strdup (_("The request failed before CORS could decide."));
    }
}

static void
show_verdict (PfCorsView *self,
              PfCorsFlow *flow)
{
  g_autofree char *text = verdict_text (flow);
  gboolean blocked = pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_BLOCKED;

  gtk_label_set_label (self->verdict_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), blocked ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), blocked ? "error" : "success");
}

/* The drawing of the steps: arrows between the page's origin and the server. */
static void
draw_sequence (PfCorsView *self,
               PfCorsFlow *flow,
               PfExchange *exchange)
{
  g_autofree char *server = pf_cors_serialize_origin (pf_exchange_get_url (exchange));
  gboolean blocked = pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_BLOCKED;
  gboolean sent = pf_exchange_get_server_status (exchange) != 0;

  pf_cors_sequence_reset (self->sequence, pf_cors_flow_get_origin (flow), server ? server : "?");
  if (pf_cors_flow_get_preflight (flow))
    {
      g_autofree char *answer = g_strdup_printf ("%u", pf_cors_flow_get_preflight_status (flow));

      pf_cors_sequence_add_arrow (self->sequence, TRUE, _("OPTIONS (preflight)"), TRUE);
      pf_cors_sequence_add_arrow (self->sequence, FALSE, answer, !(blocked && !sent));
    }
  if (sent)
    {
      g_autofree char *answer = g_strdup_printf ("%u", pf_exchange_get_server_status (exchange));

      pf_cors_sequence_add_arrow (self->sequence, TRUE, pf_exchange_get_method (exchange), TRUE);
      pf_cors_sequence_add_arrow (self->sequence, FALSE, answer, !blocked);
    }
}

/* The exchange between page and server, step by step. */
static void
list_steps (PfCorsView *self,
            PfCorsFlow *flow,
            PfExchange *exchange)
{
  guint server_status = pf_exchange_get_server_status (exchange);

  if (pf_cors_flow_get_preflight (flow))
    {
      g_autofree char *preflight = g_strdup_printf (_("→ OPTIONS (preflight) · ← %u"),
                                                    pf_cors_flow_get_preflight_status (flow));

      add_row (self->sequence_list, PF_CORS_ROW_PLAIN, preflight,
               _("The browser asks first; no cookies go with it."));
    }
  else if (pf_cors_flow_get_preflight_cached (flow))
    add_row (self->sequence_list, PF_CORS_ROW_PLAIN,
             _("No preflight: the preflight cache already allows this"), NULL);
  if (server_status != 0)
    {
      g_autofree char *actual = g_strdup_printf (_("→ %s · ← %u"),
                                                 pf_exchange_get_method (exchange), server_status);
      g_autofree char *answer = g_strdup_printf (_("The page sees status %u"),
                                                 pf_exchange_get_status (exchange));

      add_row (self->sequence_list, PF_CORS_ROW_PLAIN, actual, answer);
    }
  else if (pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_BLOCKED)
    add_row (self->sequence_list, PF_CORS_ROW_FAILED, _("The request itself was never sent"), NULL);
}

static void
list_reasons (PfCorsView *self,
              PfCorsFlow *flow)
{
  if (g_list_model_get_n_items (pf_cors_flow_get_reasons (flow)) == 0)
    add_row (self->why_list, PF_CORS_ROW_PASSED,
             _("A simple request: safelisted method and headers"), NULL);
  else
    add_findings (self->why_list, pf_cors_flow_get_reasons (flow), PF_CORS_ROW_PLAIN);
}

static void
list_cache (PfCorsView *self,
            PfExchange *exchange)
{
  PfPreflightCache *cache = pf_profile_get_preflight_cache (pf_exchange_get_profile (exchange));
  GListModel *entries;

  pf_preflight_cache_expire (cache);
  entries = pf_preflight_cache_get_entries (cache);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfPreflightCacheEntry) entry = g_list_model_get_item (entries, i);
      const char *method = pf_preflight_cache_entry_get_method (entry);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      title = method ? g_strdup_printf (_("Method %s"), method)
                     : g_strdup_printf (_("Header %s"),
                                        pf_preflight_cache_entry_get_header_name (entry));
      /* Translators: an origin, a URL, then seconds left */
      subtitle = g_strdup_printf (_("%s → %s · %.0f s left"),
                                  pf_preflight_cache_entry_get_origin (entry),
                                  pf_preflight_cache_entry_get_url (entry),
                                  pf_preflight_cache_get_remaining_us (cache, entry) / 1e6);
      add_row (self->cache_list, PF_CORS_ROW_PLAIN, title, subtitle);
    }
}

/* A preflight that passed: each of its rules, with the value seen. */
static void
list_preflight_checks (PfCorsView *self,
                       PfCorsFlow *flow,
                       PfExchange *exchange)
{
  GListModel *headers = pf_cors_flow_get_preflight_response_headers (flow);
  g_autofree char *status = g_strdup_printf ("%u", pf_cors_flow_get_preflight_status (flow));
  g_autofree char *methods = pf_cors_header_get (headers, "Access-Control-Allow-Methods");
  g_autofree char *names = pf_cors_header_get (headers, "Access-Control-Allow-Headers");
  g_autofree char *max_age = g_strdup_printf (_("%u s"), pf_cors_max_age (headers));
  g_autofree char *method_rule = g_strdup_printf (_("The preflight allows %s"),
                                                  pf_exchange_get_method (exchange));

  add_row (self->checks_list, PF_CORS_ROW_PASSED, _("The preflight answered with a 2xx status"),
           status);
  add_row (self->checks_list, PF_CORS_ROW_PASSED, method_rule,
           methods ? methods
                   : _("(safelisted method, or no Access-Control-Allow-Methods needed)"));
  if (g_list_model_get_n_items (pf_cors_flow_get_reasons (flow)) > 0)
    add_row (self->checks_list, PF_CORS_ROW_PASSED, _("The preflight allows every unsafe header"),
             names ? names : _("(no unsafe headers)"));
  add_row (self->checks_list, PF_CORS_ROW_PASSED, _("The preflight cache keeps this answer for"),
           max_age);
}

static void
list_checks (PfCorsView *self,
             PfCorsFlow *flow,
             PfExchange *exchange)
{
  GListModel *headers = pf_exchange_get_response_headers (exchange);
  g_autofree char *allow = pf_cors_header_get (headers, "Access-Control-Allow-Origin");
  g_autofree char *names = g_strjoinv (", ", (GStrv) pf_cors_flow_get_exposed_headers (flow));

  if (pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_BLOCKED)
    {
      add_findings (self->checks_list, pf_cors_flow_get_failures (flow), PF_CORS_ROW_FAILED);
      return;
    }
  if (pf_cors_flow_get_preflight (flow))
    list_preflight_checks (self, flow, exchange);
  add_row (self->checks_list, PF_CORS_ROW_PASSED,
           _("Access-Control-Allow-Origin allows the page"), allow);
  if (pf_cors_flow_get_credentials (flow) == PF_CREDENTIALS_INCLUDE)
    add_row (self->checks_list, PF_CORS_ROW_PASSED,
             _("Access-Control-Allow-Credentials is “true”"), NULL);
  add_row (self->checks_list, PF_CORS_ROW_PASSED, _("Response headers the page may read"), names);
}

static void
clear_lists (PfCorsView *self)
{
  GtkListBox *lists[] = { self->sequence_list, self->why_list, self->preflight_list,
                          self->checks_list, self->dropped_list, self->cache_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    clear_list (lists[i]);
}

static void
show_groups (PfCorsView *self)
{
  show_group (self->sequence_group, self->sequence_list);
  show_group (self->why_group, self->why_list);
  show_group (self->preflight_group, self->preflight_list);
  show_group (self->checks_group, self->checks_list);
  show_group (self->dropped_group, self->dropped_list);
  show_group (self->cache_group, self->cache_list);
}

/* Shows what CORS decided for @exchange; an exchange run without a page origin leaves the
 * page as it is. */
void
pf_cors_view_show (PfCorsView *self,
                   PfExchange *exchange)
{
  PfCorsFlow *flow;
  gboolean cross_origin;

  g_return_if_fail (PF_IS_CORS_VIEW (self));
  g_return_if_fail (PF_IS_EXCHANGE (exchange));

  if ((flow = pf_cors_flow_get_for (exchange)) == NULL)
    return;
  cross_origin = pf_cors_flow_get_cross_origin (flow);
  clear_lists (self);
  show_verdict (self, flow);
  if (cross_origin)
    {
      draw_sequence (self, flow, exchange);
      list_steps (self, flow, exchange);
      list_reasons (self, flow);
      add_headers (self->preflight_list, pf_cors_flow_get_preflight_headers (flow));
      list_checks (self, flow, exchange);
      add_findings (self->dropped_list, pf_cors_flow_get_dropped (flow), PF_CORS_ROW_WARNING);
      list_cache (self, exchange);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sequence), cross_origin);
  show_groups (self);
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->content), TRUE);
}

/* Back to the note on how to see CORS at work. */
void
pf_cors_view_clear (PfCorsView *self)
{
  g_return_if_fail (PF_IS_CORS_VIEW (self));
  clear_lists (self);
  gtk_widget_set_visible (GTK_WIDGET (self->content), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), TRUE);
}

static void
pf_cors_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_CORS_VIEW);
  G_OBJECT_CLASS (pf_cors_view_parent_class)->dispose (object);
}

static void
pf_cors_view_class_init (PfCorsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pf_cors_view_dispose;
  g_type_ensure (PF_TYPE_CORS_SEQUENCE);
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/pf-cors-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, content);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, sequence);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, sequence_group);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, sequence_list);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, why_group);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, why_list);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, preflight_group);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, preflight_list);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, checks_group);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, checks_list);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, dropped_group);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, dropped_list);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, cache_group);
  gtk_widget_class_bind_template_child (widget_class, PfCorsView, cache_list);
}

static void
pf_cors_view_init (PfCorsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
