/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cors-row"

#include "config.h"

#include "pf-cors-row.h"

/* A row of the CORS page: a step, a rule or a header, with what was seen under it, marked
 * by whether the rule passed. A plain libadwaita row; the mark is a prefix only when there is
 * one (a hidden prefix would still indent the title). */
struct _PfCorsRow
{
  AdwActionRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PfCorsRow, pf_cors_row, ADW_TYPE_ACTION_ROW)

static const struct
{
  const char *icon;
  const char *style;
} marks[] = {
  [PF_CORS_ROW_PLAIN] = { NULL, NULL },
  [PF_CORS_ROW_PASSED] = { "emblem-ok-symbolic", "success" },
  [PF_CORS_ROW_FAILED] = { "dialog-error-symbolic", "error" },
  [PF_CORS_ROW_WARNING] = { "dialog-warning-symbolic", "warning" },
};

static void
pf_cors_row_class_init (PfCorsRowClass *klass)
{
}

static void
pf_cors_row_init (PfCorsRow *self)
{
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (self), TRUE);
}

/* A row titled @title, with @subtitle under it (NULL: none), marked as @mark says. Both are
 * plain text. */
GtkWidget *
pf_cors_row_new (PfCorsRowMark  mark,
                 const char    *title,
                 const char    *subtitle)
{
  PfCorsRow *self = g_object_new (PF_TYPE_CORS_ROW, NULL);
  /* Row titles and subtitles are markup in libadwaita 1.2 whatever use-markup says. */
  g_autofree char *title_markup = g_markup_escape_text (title, -1);
  g_autofree char *subtitle_markup = subtitle ? g_markup_escape_text (subtitle, -1) : NULL;

  g_return_val_if_fail (mark < G_N_ELEMENTS (marks), NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title_markup);
  if (subtitle_markup != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle_markup);
  if (marks[mark].icon != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (marks[mark].icon);

      gtk_widget_add_css_class (icon, marks[mark].style);
      adw_action_row_add_prefix (ADW_ACTION_ROW (self), icon);
    }
  return GTK_WIDGET (self);
}
