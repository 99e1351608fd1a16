/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-cors-flow.h"
#include "pf-cors.h"
#include "pf-cors-sequence.h"
#include "pf-key-value.h"
#include "pf-request-view-private.h"

/* The CORS page of a tab: the verdict, the steps between page and server, why a preflight
 * was needed, what it sent, each check with the value seen, dropped headers and the
 * preflight cache. It reads the exchange's PfCorsFlow; it decides nothing. */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
add_placeholder (PfRequestView *self,
                 const char    *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (self->cors_box, label);
}

void
_pf_request_view_clear_cors (PfRequestView *self)
{
  clear_box (self->cors_box);
  add_placeholder (self, _("Set a page origin in the request’s options to see what a browser "
                           "page at that origin would be allowed to do."));
}

static GtkWidget *
group_new (PfRequestView *self,
           const char    *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->cors_box, group);
  return group;
}

/* A row with @icon (NULL for none), a title and a subtitle, both selectable text. */
static void
add_row (GtkWidget  *group,
         const char *icon,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  /* Row titles and subtitles are markup in libadwaita 1.2 whatever use-markup says. */
  g_autofree char *title_markup = g_markup_escape_text (title, -1);
  g_autofree char *subtitle_markup = subtitle ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  if (subtitle_markup != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      gtk_widget_add_css_class (image, g_str_equal (icon, "emblem-ok-symbolic") ? "success" : "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
add_findings (GtkWidget  *group,
              GListModel *findings,
              const char *icon)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (PfCorsFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *seen = NULL;

      if (pf_cors_finding_get_header (finding) != NULL)
        seen = g_strdup_printf ("%s: %s · %s", pf_cors_finding_get_header (finding),
                                pf_cors_finding_get_value (finding) ? pf_cors_finding_get_value (finding) : "—",
                                pf_cors_finding_get_rule (finding));
      else
        seen = g_strdup_printf ("%s · %s", pf_cors_finding_get_value (finding) ? pf_cors_finding_get_value (finding) : "—",
                                pf_cors_finding_get_rule (finding));
      add_row (group, icon, pf_cors_finding_get_message (finding), seen);
    }
}

static void
add_headers (GtkWidget  *group,
             GListModel *headers)
{
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) header = g_list_model_get_item (headers, i);
      add_row (group, NULL, pf_key_value_get_name (header), pf_key_value_get_value (header));
    }
}

static void
add_verdict (PfRequestView *self,
             PfCorsFlow    *flow)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *text = NULL;
  PfCorsOutcome outcome = pf_cors_flow_get_outcome (flow);

  if (outcome == PF_CORS_OUTCOME_SAME_ORIGIN)
    text = g_strdup_printf (_("Same origin as the page (%s): CORS does not apply."),
                            pf_cors_flow_get_origin (flow));
  else if (outcome == PF_CORS_OUTCOME_ALLOWED)
    text = g_strdup_printf (_("Allowed: a page at %s may read this response."),
                            pf_cors_flow_get_origin (flow));
  else if (outcome == PF_CORS_OUTCOME_BLOCKED)
    text = g_strdup_printf (_("Blocked: a page at %s gets a network error (status 0, no "
                              "headers, no body). What the server answered is shown here, "
                              "hidden from the page."),
                            pf_cors_flow_get_origin (flow));
  else
    text = g_strdup (_("The request failed before CORS could decide."));
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_add_css_class (label, outcome == PF_CORS_OUTCOME_BLOCKED ? "error" : "success");
  gtk_box_append (self->cors_box, label);
}

/* The drawing of the same steps: arrows between the page's origin and the server. */
static void
add_drawing (PfRequestView *self,
             PfCorsFlow    *flow)
{
  PfExchange *exchange = self->exchange;
  g_autofree char *server = pf_cors_serialize_origin (pf_exchange_get_url (exchange));
  PfCorsSequence *drawing = PF_CORS_SEQUENCE (pf_cors_sequence_new (pf_cors_flow_get_origin (flow),
                                                                    server ? server : "?"));
  gboolean blocked = pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_BLOCKED;
  gboolean sent = pf_exchange_get_server_status (exchange) != 0;

  if (pf_cors_flow_get_preflight (flow))
    {
      g_autofree char *answer = g_strdup_printf ("%u", pf_cors_flow_get_preflight_status (flow));

      pf_cors_sequence_add_arrow (drawing, TRUE, _("OPTIONS (preflight)"), TRUE);
      pf_cors_sequence_add_arrow (drawing, FALSE, answer, !(blocked && !sent));
    }
  if (sent)
    {
      g_autofree char *request = g_strdup (pf_exchange_get_method (exchange));
      g_autofree char *answer = g_strdup_printf ("%u", pf_exchange_get_server_status (exchange));

      pf_cors_sequence_add_arrow (drawing, TRUE, request, TRUE);
      pf_cors_sequence_add_arrow (drawing, FALSE, answer, !blocked);
    }
  gtk_box_append (self->cors_box, GTK_WIDGET (drawing));
}

/* The exchange between page and server, step by step. */
static void
add_sequence (PfRequestView *self,
              PfCorsFlow    *flow)
{
  GtkWidget *group = group_new (self, _("Page ↔ server"));
  PfExchange *exchange = self->exchange;
  g_autofree char *preflight = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *answer = NULL;

  if (pf_cors_flow_get_preflight (flow))
    {
      preflight = g_strdup_printf (_("→ OPTIONS (preflight) · ← %u"), pf_cors_flow_get_preflight_status (flow));
      add_row (group, NULL, preflight, _("The browser asks first; no cookies go with it."));
    }
  else if (pf_cors_flow_get_preflight_cached (flow))
    add_row (group, NULL, _("No preflight: the preflight cache already allows this"), NULL);
  if (pf_exchange_get_server_status (exchange) != 0)
    {
      actual = g_strdup_printf (_("→ %s · ← %u"), pf_exchange_get_method (exchange),
                                pf_exchange_get_server_status (exchange));
      answer = g_strdup_printf (_("The page sees status %u"), pf_exchange_get_status (exchange));
      add_row (group, NULL, actual, answer);
    }
  else if (pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_BLOCKED)
    add_row (group, "dialog-error-symbolic", _("The request itself was never sent"), NULL);
}

static void
add_cache (PfRequestView *self)
{
  PfPreflightCache *cache = pf_profile_get_preflight_cache (self->profile);
  GListModel *entries;
  GtkWidget *group;
  gint64 now = g_get_monotonic_time ();

  pf_preflight_cache_expire (cache);
  entries = pf_preflight_cache_get_entries (cache);
  if (g_list_model_get_n_items (entries) == 0)
    return;
  group = group_new (self, _("Preflight cache"));
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfPreflightCacheEntry) entry = g_list_model_get_item (entries, i);
      const char *method = pf_preflight_cache_entry_get_method (entry);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      title = method ? g_strdup_printf (_("Method %s"), method)
                     : g_strdup_printf (_("Header %s"), pf_preflight_cache_entry_get_header_name (entry));
      /* Translators: an origin, a URL, then seconds left */
      subtitle = g_strdup_printf (_("%s → %s · %.0f s left"), pf_preflight_cache_entry_get_origin (entry),
                                  pf_preflight_cache_entry_get_url (entry),
                                  (pf_preflight_cache_entry_get_expires_us (entry) - now) / 1e6);
      add_row (group, NULL, title, subtitle);
    }
}

/* A preflight that passed: each of its rules, with the value seen. */
static void
add_preflight_checks (GtkWidget  *group,
                      PfCorsFlow *flow,
                      PfExchange *exchange)
{
  GListModel *headers = pf_cors_flow_get_preflight_response_headers (flow);
  g_autofree char *status = g_strdup_printf ("%u", pf_cors_flow_get_preflight_status (flow));
  g_autofree char *methods = pf_cors_header_get (headers, "Access-Control-Allow-Methods");
  g_autofree char *names = pf_cors_header_get (headers, "Access-Control-Allow-Headers");
  g_autofree char *max_age = g_strdup_printf (_("%u s"), pf_cors_max_age (headers));
  g_autofree char *method_rule = g_strdup_printf (_("The preflight allows %s"), pf_exchange_get_method (exchange));

  add_row (group, "emblem-ok-symbolic", _("The preflight answered with a 2xx status"), status);
  add_row (group, "emblem-ok-symbolic", method_rule,
           methods ? methods : _("(safelisted method, or no Access-Control-Allow-Methods needed)"));
  if (g_list_model_get_n_items (pf_cors_flow_get_reasons (flow)) > 0)
    add_row (group, "emblem-ok-symbolic", _("The preflight allows every unsafe header"),
             names ? names : _("(no unsafe headers)"));
  add_row (group, "emblem-ok-symbolic", _("The preflight cache keeps this answer for"), max_age);
}

static void
add_checks (PfRequestView *self,
            PfCorsFlow    *flow)
{
  GtkWidget *group = group_new (self, _("Checks"));
  GListModel *headers = pf_exchange_get_response_headers (self->exchange);
  g_autofree char *allow = pf_cors_header_get (headers, "Access-Control-Allow-Origin");
  const char *const *exposed = pf_cors_flow_get_exposed_headers (flow);
  g_autofree char *names = g_strjoinv (", ", (GStrv) exposed);

  if (pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_BLOCKED)
    {
      add_findings (group, pf_cors_flow_get_failures (flow), "dialog-error-symbolic");
      return;
    }
  if (pf_cors_flow_get_preflight (flow))
    add_preflight_checks (group, flow, self->exchange);
  add_row (group, "emblem-ok-symbolic", _("Access-Control-Allow-Origin allows the page"), allow);
  if (pf_cors_flow_get_credentials (flow) == PF_CREDENTIALS_INCLUDE)
    add_row (group, "emblem-ok-symbolic", _("Access-Control-Allow-Credentials is “true”"), NULL);
  add_row (group, "emblem-ok-symbolic", _("Response headers the page may read"), names);
}

void
_pf_request_view_show_cors (PfRequestView *self)
{
  PfCorsFlow *flow = self->exchange ? pf_cors_flow_get_for (self->exchange) : NULL;
  GtkWidget *group;

  if (flow == NULL)
    return;
  clear_box (self->cors_box);
  add_verdict (self, flow);
  if (!pf_cors_flow_get_cross_origin (flow))
    return;
  add_drawing (self, flow);
  add_sequence (self, flow);
  group = group_new (self, _("Why a preflight"));
  if (g_list_model_get_n_items (pf_cors_flow_get_reasons (flow)) == 0)
    add_row (group, "emblem-ok-symbolic", _("A simple request: safelisted method and headers"), NULL);
  else
    add_findings (group, pf_cors_flow_get_reasons (flow), NULL);
  if (g_list_model_get_n_items (pf_cors_flow_get_preflight_headers (flow)) > 0)
    add_headers (group_new (self, _("Preflight request")), pf_cors_flow_get_preflight_headers (flow));
  add_checks (self, flow);
  if (g_list_model_get_n_items (pf_cors_flow_get_dropped (flow)) > 0)
    add_findings (group_new (self, _("Headers the browser dropped")), pf_cors_flow_get_dropped (flow),
                  "dialog-warning-symbolic");
  add_cache (self);
}
