/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-request-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-exchange.h"
#include "pf-request-view-private.h"

/* Find in the response body (Ctrl+F): a body the whole-body viewer shows is searched by core's
 * PfBodySearch off the main thread (the first match shown at once, the count filling in as it
 * runs); a body the text view shows, by GtkSourceView's own search. Enter and Shift+Enter step
 * through the matches; case, whole word and regular expression are toggles. */

static gboolean
whole_viewer_shown (PfRequestView *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->whole_body_scroller));
}

static PfBodySearchFlags
find_flags (PfRequestView *self)
{
  PfBodySearchFlags flags = PF_BODY_SEARCH_LITERAL;

  if (!gtk_check_button_get_active (self->find_case))
    flags |= PF_BODY_SEARCH_IGNORE_CASE;
  if (gtk_check_button_get_active (self->find_word))
    flags |= PF_BODY_SEARCH_WHOLE_WORD;
  if (gtk_check_button_get_active (self->find_regex))
    flags |= PF_BODY_SEARCH_REGEX;
  return flags;
}

static void
show_count (PfRequestView *self,
            guint64 count,
            gboolean done)
{
  g_autofree char *text = NULL;
  g_autofree char *index = g_strdup_printf ("%u", self->find_index + 1);
  g_autofree char *total = g_strdup_printf ("%" G_GUINT64_FORMAT, count);

  if (count == 0)
    text = g_strdup (done ? _ ("No matches") : _ ("Searching…"));
  else if (!done)
    /* Translators: the match shown, then the matches found so far in a search under way */
    text = g_strdup_printf (_ ("%s of %s so far…"), index, total);
  else
    /* Translators: the match shown, then how many matches there are */
    text = g_strdup_printf (_ ("%s of %s"), index, total);
  gtk_label_set_label (self->find_count, text);
}

/* ---- the whole-body viewer's search */

static void
show_viewer_match (PfRequestView *self)
{
  guint64 offset = 0, length = 0;

  if (pf_body_search_get_match (self->body_search, self->find_index, &offset, &length))
    pf_body_viewer_show_match (self->whole_body_viewer, offset, length);
}

static void
first_match_cb (PfBodySearch *search,
                guint64 offset,
                guint64 length,
                PfRequestView *self)
{
  self->find_index = 0;
  pf_body_viewer_show_match (self->whole_body_viewer, offset, length);
  show_count (self, 1, FALSE);
}

static void
progress_cb (PfBodySearch *search,
             guint64 scanned,
             guint64 count,
             PfRequestView *self)
{
  show_count (self, count, FALSE);
}

static void
done_cb (PfBodySearch *search,
         const GError *error,
         PfRequestView *self)
{
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_label (self->find_count, error->message);
  else if (error == NULL)
    show_count (self, pf_body_search_get_count (search), TRUE);
}

static void
stop_body_search (PfRequestView *self)
{
  if (self->body_search == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->body_search, self);
  pf_body_search_cancel (self->body_search);
  g_clear_object (&self->body_search);
}

static void
start_body_search (PfRequestView *self,
                   const char *pattern)
{
  g_autoptr (GBytes) bytes = pf_exchange_dup_body_bytes (self->exchange);
  GFile *file = pf_exchange_get_body_file (self->exchange);
  g_autoptr (GError) error = NULL;

  if (bytes == NULL && file == NULL)
    {
      show_count (self, 0, TRUE);
      return;
    }
  self->body_search = bytes != NULL
                          ? pf_body_search_new_for_bytes (bytes, pattern, find_flags (self), &error)
                          : pf_body_search_new_for_file (file, pattern, find_flags (self), &error);
  if (self->body_search == NULL)
    {
      gtk_label_set_label (self->find_count, error->message);
      return;
    }
  g_signal_connect (self->body_search, "first-match", G_CALLBACK (first_match_cb), self);
  g_signal_connect (self->body_search, "progress", G_CALLBACK (progress_cb), self);
  g_signal_connect (self->body_search, "done", G_CALLBACK (done_cb), self);
  show_count (self, 0, FALSE);
  pf_body_search_start (self->body_search);
}

/* ---- the text view's search */

static void
occurrences_cb (GtkSourceSearchContext *context,
                GParamSpec *pspec,
                PfRequestView *self)
{
  int count = gtk_source_search_context_get_occurrences_count (context);

  /* -1: still counting. */
  show_count (self, MAX (count, 0), count >= 0);
}

static void
select_source_match (PfRequestView *self,
                     gboolean forward)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end, match_start, match_end;
  gboolean found;
  int position;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  found = forward ? gtk_source_search_context_forward (self->source_search, &end, &match_start,
                                                       &match_end, NULL)
                  : gtk_source_search_context_backward (self->source_search, &start,
                                                        &match_start, &match_end, NULL);
  if (!found)
    return;
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_text_view_scroll_to_iter (self->body_view, &match_start, 0.1, FALSE, 0, 0);
  position = gtk_source_search_context_get_occurrence_position (self->source_search,
                                                                &match_start, &match_end);
  self->find_index = position > 0 ? (guint) position - 1 : 0;
  occurrences_cb (self->source_search, NULL, self);
}

static void
start_source_search (PfRequestView *self,
                     const char *pattern)
{
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (self->body_view));
  g_autoptr (GtkSourceSearchSettings) settings = gtk_source_search_settings_new ();
  GtkTextIter start;

  gtk_source_search_settings_set_search_text (settings, pattern);
  gtk_source_search_settings_set_case_sensitive (settings,
                                                 gtk_check_button_get_active (self->find_case));
  gtk_source_search_settings_set_at_word_boundaries (
      settings, gtk_check_button_get_active (self->find_word));
  gtk_source_search_settings_set_regex_enabled (settings,
                                                gtk_check_button_get_active (self->find_regex));
  gtk_source_search_settings_set_wrap_around (settings, TRUE);
  self->source_search = gtk_source_search_context_new (buffer, settings);
  g_signal_connect (self->source_search, "notify::occurrences-count",
                    G_CALLBACK (occurrences_cb), self);
  self->find_index = 0;
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &start);
  select_source_match (self, TRUE);
  occurrences_cb (self->source_search, NULL, self);
}

static void
stop_source_search (PfRequestView *self)
{
  if (self->source_search == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->source_search, self);
  g_clear_object (&self->source_search);
}

/* ---- the bar */

/* Forgets the search (another body is shown); the bar keeps its words. */
void
_pf_request_view_find_reset (PfRequestView *self)
{
  stop_body_search (self);
  stop_source_search (self);
  self->find_index = 0;
  /* Disposed already: nothing is shown any more. */
  if (self->find_count == NULL)
    return;
  pf_body_viewer_show_match (self->whole_body_viewer, 0, 0);
  gtk_label_set_label (self->find_count, "");
}

static void
find_changed_cb (PfRequestView *self)
{
  const char *pattern = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));

  _pf_request_view_find_reset (self);
  if (self->exchange == NULL || *pattern == '\0')
    return;
  if (whole_viewer_shown (self))
    start_body_search (self, pattern);
  else
    start_source_search (self, pattern);
}

/* The next match (@forward) or the one before, round at the ends. */
void
_pf_request_view_find_step (PfRequestView *self,
                            gboolean forward)
{
  guint64 kept;

  if (self->source_search != NULL)
    {
      select_source_match (self, forward);
      return;
    }
  if (self->body_search == NULL || (kept = pf_body_search_get_n_kept (self->body_search)) == 0)
    return;
  self->find_index = forward ? (self->find_index + 1) % kept
                             : (self->find_index + kept - 1) % kept;
  show_viewer_match (self);
  show_count (self, pf_body_search_get_count (self->body_search),
              pf_body_search_is_done (self->body_search));
}

static void
next_cb (PfRequestView *self)
{
  _pf_request_view_find_step (self, TRUE);
}

static void
previous_cb (PfRequestView *self)
{
  _pf_request_view_find_step (self, FALSE);
}

/* Shift+Enter in the entry: the match before. */
static gboolean
entry_key_cb (GtkEventControllerKey *controller,
              guint keyval,
              guint keycode,
              GdkModifierType state,
              PfRequestView *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK))
    {
      _pf_request_view_find_step (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

/* Ctrl+F: the Body page and the bar, its entry focused. */
void
_pf_request_view_find_show (PfRequestView *self)
{
  gtk_stack_set_visible_child_name (self->response_stack, "body");
  gtk_revealer_set_reveal_child (self->find_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

/* Escape or the close button: the bar goes, and the marks with it. */
void
_pf_request_view_find_close (PfRequestView *self)
{
  gtk_revealer_set_reveal_child (self->find_bar, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->find_entry), "");
  _pf_request_view_find_reset (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->whole_body_scroller)))
    gtk_widget_grab_focus (GTK_WIDGET (self->whole_body_viewer));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

void
_pf_request_view_find_init (PfRequestView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect_swapped (self->find_entry, "stop-search",
                            G_CALLBACK (_pf_request_view_find_close), self);
  g_signal_connect_swapped (self->find_entry, "search-changed", G_CALLBACK (find_changed_cb),
                            self);
  g_signal_connect_swapped (self->find_entry, "activate", G_CALLBACK (next_cb), self);
  g_signal_connect_swapped (self->find_entry, "next-match", G_CALLBACK (next_cb), self);
  g_signal_connect_swapped (self->find_entry, "previous-match", G_CALLBACK (previous_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self->find_entry), keys);
  g_signal_connect_swapped (self->find_case, "toggled", G_CALLBACK (find_changed_cb), self);
  g_signal_connect_swapped (self->find_word, "toggled", G_CALLBACK (find_changed_cb), self);
  g_signal_connect_swapped (self->find_regex, "toggled", G_CALLBACK (find_changed_cb), self);
}
