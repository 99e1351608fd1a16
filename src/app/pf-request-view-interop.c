/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-code-export.h"
#include "pf-curl-command.h"
#include "pf-lesson-banner.h"
#include "pf-request-expand.h"
#include "pf-request-view-private.h"

/* A request tab and other tools: a curl command pasted into the URL entry (or sent from it, or
 * given to Import cURL…) becomes the tab's request, with a banner listing what Preflight does not apply; Copy as
 * cURL, fetch () or XMLHttpRequest put the request on the clipboard ({{variables}} filled in,
 * secret values masked), Copy as .http as typed ({{variables}} kept). */

/* Whether @text is a curl command rather than a URL: "curl" and a space, after blanks. */
gboolean
_pf_request_view_is_curl_command (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return g_str_has_prefix (text, "curl") && g_ascii_isspace (text[4]);
}

static void
show_notes (PfRequestView *self,
            const char *const *notes)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", notes[i]);
  if (text->len == 0)
    g_string_append (text, _ ("Every option of the command was applied."));
  pf_lesson_banner_show (self->lesson_banner, _ ("Imported from a curl command"), text->str);
}

/* Makes @command's request the tab's, and lists what it does not apply: what a command pasted
 * into the URL entry and one from Import cURL… both become. */
void
pf_request_view_import_curl_command (PfRequestView *self,
                                     PfCurlCommand *command)
{
  g_autoptr (PfRequest) request = NULL;

  g_return_if_fail (PF_IS_REQUEST_VIEW (self));
  g_return_if_fail (PF_IS_CURL_COMMAND (command));

  request = pf_request_copy (pf_curl_command_get_request (command));
  pf_request_view_set_request (self, request);
  show_notes (self, pf_curl_command_get_notes (command));
  g_signal_emit_by_name (self, "url-changed");
}

static void
parsed_cb (GObject *object,
           GAsyncResult *result,
           gpointer data)
{
  g_autoptr (PfRequestView) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PfCurlCommand) command = pf_curl_command_parse_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (command == NULL)
    {
      /* Translators: %s says what is wrong with the pasted curl command, and where */
      g_autofree char *message = g_strdup_printf (_ ("Not imported: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
      pf_request_view_show_error (self, message);
      return;
    }
  pf_request_view_import_curl_command (self, command);
}

/* Replaces the tab's request with the one @command describes (read off the main thread: an
 * @file argument is read there). */
void
_pf_request_view_import_curl (PfRequestView *self,
                              const char *command)
{
  pf_curl_command_parse_async (command, self->cancellable, parsed_cb, g_object_ref (self));
}

/* The tab's request as @style (PfCopyStyle): {{variables}} filled in and secret values
 * masked, or as typed for .http. NULL (and the unknown variable marked) when it cannot be
 * filled in. */
char *
_pf_request_view_dup_code (PfRequestView *self,
                           PfCopyStyle style,
                           gboolean *masked)
{
  g_auto (GStrv) secrets = NULL;
  g_autoptr (PfRequest) request = NULL;
  g_autofree char *code = NULL;

  *masked = FALSE;
  if (style == PF_COPY_HTTP)
    return pf_code_export_http (self->request);
  if ((request = _pf_request_view_expand (self, &secrets)) == NULL)
    return NULL;
  code = style == PF_COPY_CURL    ? pf_curl_command_from_request (request, TRUE)
         : style == PF_COPY_FETCH ? pf_code_export_fetch (request)
                                  : pf_code_export_xhr (request);
  *masked = secrets != NULL && secrets[0] != NULL;
  return *masked ? pf_variables_mask (code, (const char *const *) secrets)
                 : g_steal_pointer (&code);
}

void
_pf_request_view_copy (PfRequestView *self,
                       PfCopyStyle style)
{
  static const char *const copied[] = {
    [PF_COPY_CURL] = N_ ("Copied as cURL"),
    [PF_COPY_FETCH] = N_ ("Copied as fetch()"),
    [PF_COPY_XHR] = N_ ("Copied as XMLHttpRequest"),
    [PF_COPY_HTTP] = N_ ("Copied as .http"),
  };
  gboolean masked = FALSE;
  g_autofree char *code = _pf_request_view_dup_code (self, style, &masked);
  g_autofree char *message = NULL;

  if (code == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), code);
  /* Translators: %s is “Copied as cURL” and the like */
  message = masked ? g_strdup_printf (_ ("%s, secret values masked"), _ (copied[style]))
                   : g_strdup (_ (copied[style]));
  pf_request_view_show_error (self, message);
}
