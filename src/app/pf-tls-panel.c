/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-tls-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-tls-panel.h"

/* Above a failed exchange's response: why its server's TLS certificate was refused, every
 * problem in words, the chain the server sent, and the two explicit ways on — trust the
 * certificate for this request (sent again at once), or for this host until Preflight quits.
 * It says what core decided; the request view does what the buttons ask. */
struct _PfTlsPanel
{
  GtkBox parent_instance;

  PfTlsInfo *tls;

  /* Template widgets */
  GtkLabel *problems_label;
  GtkLabel *chain_label;
};

G_DEFINE_FINAL_TYPE (PfTlsPanel, pf_tls_panel, GTK_TYPE_BOX)

enum
{
  SIGNAL_TRUST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* trust (fingerprint, host): @host is NULL to trust for this request only. */
static void
trust_request_cb (PfTlsPanel *self)
{
  PfCertificate *leaf = self->tls ? pf_tls_info_get_certificate (self->tls) : NULL;

  if (leaf != NULL)
    g_signal_emit (self, signals[SIGNAL_TRUST], 0, pf_certificate_get_sha256 (leaf), NULL);
}

static void
trust_host_cb (PfTlsPanel *self)
{
  PfCertificate *leaf = self->tls ? pf_tls_info_get_certificate (self->tls) : NULL;

  if (leaf != NULL)
    g_signal_emit (self, signals[SIGNAL_TRUST], 0, pf_certificate_get_sha256 (leaf),
                   pf_tls_info_get_host (self->tls));
}

static void
pf_tls_panel_dispose (GObject *object)
{
  PfTlsPanel *self = PF_TLS_PANEL (object);

  g_clear_object (&self->tls);
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_TLS_PANEL);
  G_OBJECT_CLASS (pf_tls_panel_parent_class)->dispose (object);
}

static void
pf_tls_panel_class_init (PfTlsPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pf_tls_panel_dispose;
  /* The user chose to trust the certificate of SHA-256 fingerprint for this request (host
   * NULL), or on host ("host:port") until Preflight quits. */
  signals[SIGNAL_TRUST] = g_signal_new ("trust", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                        G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/pf-tls-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PfTlsPanel, problems_label);
  gtk_widget_class_bind_template_child (widget_class, PfTlsPanel, chain_label);
  gtk_widget_class_bind_template_callback (widget_class, trust_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, trust_host_cb);
}

static void
pf_tls_panel_init (PfTlsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Shows why @tls's certificate was refused, or hides the panel (@tls NULL, or taken). */
void
pf_tls_panel_show (PfTlsPanel *self,
                   PfTlsInfo *tls)
{
  g_auto (GStrv) problems = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *bullets = NULL;
  g_autofree char *chain = NULL;
  gboolean refused = tls != NULL && pf_tls_info_get_trust (tls) == PF_TLS_TRUST_REFUSED;

  g_return_if_fail (PF_IS_TLS_PANEL (self));
  g_clear_object (&self->tls);
  if (refused)
    self->tls = g_object_ref (tls);
  gtk_widget_set_visible (GTK_WIDGET (self), refused);
  if (!refused)
    return;
  problems = pf_tls_info_dup_problems (tls);
  joined = g_strjoinv ("\n• ", problems);
  bullets = g_strconcat ("• ", joined, NULL);
  chain = pf_tls_info_describe_chain (tls);
  g_strchomp (chain);
  gtk_label_set_label (self->problems_label, bullets);
  gtk_label_set_label (self->chain_label, chain);
}
