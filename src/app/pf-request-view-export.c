/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-har.h"
#include "pf-request-view-private.h"
#include "pf-save-dialog.h"

/* What a request tab gives away: its exchange as a HAR file, and (through the same question)
 * its body. */

typedef struct
{
  PfRequestView *view;
  PfSaveChosen chosen;
} SaveAsk;

static void
save_chosen_cb (GFile *file,
                gboolean include_secrets,
                gpointer data)
{
  SaveAsk *ask = data;

  if (file != NULL && ask->view->exchange != NULL)
    ask->chosen (ask->view, file, include_secrets);
  g_object_unref (ask->view);
  g_free (ask);
}

/* Asks where to save, suggesting @name, then calls @chosen with the file if the tab still has
 * an exchange. With @secrets_choice the chooser offers to include secret values. */
void
_pf_request_view_ask_save (PfRequestView *self,
                           const char *title,
                           const char *name,
                           gboolean secrets_choice,
                           PfSaveChosen chosen)
{
  SaveAsk *ask = g_new0 (SaveAsk, 1);

  ask->view = g_object_ref (self);
  ask->chosen = chosen;
  pf_save_dialog_ask (GTK_WIDGET (self), title, name, secrets_choice, save_chosen_cb, ask);
}

/* The last part of the response URL's path without its extension, or @fallback. */
char *
_pf_request_view_suggested_name (PfRequestView *self,
                                 const char *fallback)
{
  const char *url = pf_exchange_get_response_url (self->exchange);
  g_autoptr (GUri) uri = g_uri_parse (url && *url ? url : pf_exchange_get_url (self->exchange),
                                      G_URI_FLAGS_NONE, NULL);
  const char *path = uri ? g_uri_get_path (uri) : "";
  const char *slash = strrchr (path, '/');
  const char *name = slash ? slash + 1 : path;

  return g_uri_unescape_string (*name ? name : fallback, "/");
}

/* HAR */

typedef struct
{
  PfRequestView *view;
  GFile *destination;
} HarSave;

static void
har_saved_cb (GObject *object,
              GAsyncResult *result,
              gpointer user_data)
{
  HarSave *save = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (save->destination);
  g_autofree char *message = NULL;

  if (!pf_har_save_finish (result, &error))
    /* Translators: %s says why, e.g. “Permission denied” */
    message = g_strdup_printf (_("Could not save the HAR file: %s"), error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved the exchange as HAR to “%s”"), name);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pf_request_view_show_error (save->view, message);
  g_object_unref (save->view);
  g_object_unref (save->destination);
  g_free (save);
}

/* Saves the tab's finished exchange as HAR 1.2 to @destination, off the main thread; a toast
 * says how it went. The values of secret variables are masked unless @include_secrets. */
void
_pf_request_view_save_har_to (PfRequestView *self,
                              GFile *destination,
                              gboolean include_secrets)
{
  HarSave *save = g_new0 (HarSave, 1);

  g_return_if_fail (self->exchange != NULL);
  save->view = g_object_ref (self);
  save->destination = g_object_ref (destination);
  pf_har_save_async (&self->exchange, 1, include_secrets ? PF_HAR_INCLUDE_SECRETS : PF_HAR_NONE,
                     destination, self->cancellable, har_saved_cb, save);
}

void
_pf_request_view_save_har (PfRequestView *self)
{
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  const char *const *secrets;
  char *dot;

  if (self->exchange == NULL || pf_exchange_get_ready_state (self->exchange) != PF_READY_STATE_DONE)
    return;
  stem = _pf_request_view_suggested_name (self, "exchange");
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    *dot = '\0';
  name = g_strconcat (stem, ".har", NULL);
  secrets = pf_exchange_get_secrets (self->exchange);
  _pf_request_view_ask_save (self, _("Save Exchange as HAR"), name,
                             secrets != NULL && secrets[0] != NULL, _pf_request_view_save_har_to);
}
