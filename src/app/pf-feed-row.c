/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-feed-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pf-feed-row.h"

/* A row of a feed's list: the time (dimmed, in monospace) and the kind (bold), then the text.
 * A row is as many lines as its text (a chunk or a message of two lines shows both), up to
 * TEXT_MAX_LINES, the last of them ellipsized when there are more; the tooltip has the whole
 * text. Rows are inscriptions, which take the number of lines they are given instead of
 * measuring their text: a list view makes a couple of hundred rows at once. For the same
 * reason a row connects no signal: the list asks the row under the pointer for its tooltip. */

#define STAMP_TIME_BYTES 11  /* "+12345.6 ms": times line up on their right */

/* A tooltip shows at most this many characters of a longer text. */
#define TOOLTIP_MAX_CHARS 2000

/* A row shows at most this many lines of its text. */
#define TEXT_MAX_LINES 6

struct _PfFeedRow
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkInscription *stamp;
  GtkInscription *text;
};

G_DEFINE_FINAL_TYPE (PfFeedRow, pf_feed_row, GTK_TYPE_BOX)

static void
pf_feed_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_FEED_ROW);
  G_OBJECT_CLASS (pf_feed_row_parent_class)->dispose (object);
}

static void
pf_feed_row_class_init (PfFeedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_feed_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/pf-feed-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PfFeedRow, stamp);
  gtk_widget_class_bind_template_child (widget_class, PfFeedRow, text);
}

static void
pf_feed_row_init (PfFeedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pf_feed_row_new (void)
{
  return g_object_new (PF_TYPE_FEED_ROW, NULL);
}

/* The time, dimmed in monospace and padded so times line up (the number is ASCII, the unit the
 * same on every row), then the kind in bold. */
static void
set_stamp (PfFeedRow  *self,
           gint64      time_us,
           const char *kind)
{
  /* Translators: milliseconds since the feed started */
  g_autofree char *time_text = g_strdup_printf (_("+%.1f ms"), time_us / 1000.0);
  g_autofree char *text = g_strdup_printf ("%*s  %s", STAMP_TIME_BYTES, time_text, kind);
  guint time_end = MAX (STAMP_TIME_BYTES, (guint) strlen (time_text));
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoAttribute *attribute;

  attribute = pango_attr_family_new ("monospace");
  attribute->end_index = time_end;
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_foreground_alpha_new (G_MAXUINT16 * 55 / 100);
  attribute->end_index = time_end;
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attribute->start_index = time_end;
  pango_attr_list_insert (attributes, attribute);
  gtk_inscription_set_text (self->stamp, text);
  gtk_inscription_set_attributes (self->stamp, attributes);
  pango_attr_list_unref (attributes);
}

/* How many lines @text has, as Pango breaks paragraphs (LF, CR, CRLF), counting up to
 * TEXT_MAX_LINES + 1: a line end that ends the text starts no line. */
static guint
count_lines (const char *text)
{
  guint lines = 1;

  for (const char *p = text; *p != '\0' && lines <= TEXT_MAX_LINES; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        p++;
      if ((*p == '\n' || *p == '\r') && p[1] != '\0')
        lines++;
    }
  return lines;
}

/* Shows an item that came at @time_us (since the feed started), of @kind, saying @text. */
void
pf_feed_row_set (PfFeedRow  *self,
                 gint64      time_us,
                 const char *kind,
                 const char *text)
{
  guint lines;

  g_return_if_fail (PF_IS_FEED_ROW (self));

  lines = MIN (count_lines (text ? text : ""), TEXT_MAX_LINES);
  set_stamp (self, time_us, kind);
  gtk_inscription_set_text (self->text, text);
  gtk_inscription_set_min_lines (self->text, lines);
  gtk_inscription_set_nat_lines (self->text, lines);
}

/* The tooltip at a point on @picked, a widget of the row, for @list (the widget the tooltip is
 * for): the whole text, when the row cuts it (a line too long, or too many lines). */
gboolean
pf_feed_row_query_tooltip (PfFeedRow  *self,
                           GtkWidget  *picked,
                           GtkWidget  *list,
                           GtkTooltip *tooltip)
{
  const char *text;
  g_autoptr (PangoLayout) layout = NULL;
  g_autofree char *head = NULL;
  g_autofree char *shown = NULL;
  graphene_rect_t bounds;
  int width = 0;

  g_return_val_if_fail (PF_IS_FEED_ROW (self), FALSE);

  text = gtk_inscription_get_text (self->text);
  if (picked != GTK_WIDGET (self->text) || text == NULL || *text == '\0')
    return FALSE;
  layout = gtk_widget_create_pango_layout (picked, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (picked) && count_lines (text) <= TEXT_MAX_LINES)
    return FALSE;
  if (g_utf8_strlen (text, TOOLTIP_MAX_CHARS * 4) > TOOLTIP_MAX_CHARS)
    {
      head = g_utf8_substring (text, 0, TOOLTIP_MAX_CHARS);
      shown = g_strconcat (head, "…", NULL);
    }
  gtk_tooltip_set_text (tooltip, shown ? shown : text);
  /* Another row's text is another tooltip. */
  if (gtk_widget_compute_bounds (picked, list, &bounds))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                         bounds.size.width, bounds.size.height });
  return TRUE;
}
