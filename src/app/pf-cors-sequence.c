/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cors-sequence"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-cors-sequence.h"

/* A sequence drawing of page ↔ server: two lifelines and, one under the other, the arrows
 * of the preflight and the request, each labelled and red where CORS stopped it. */

#define HEADER_HEIGHT 40
#define ARROW_HEIGHT  36
#define MARGIN        16

typedef struct
{
  gboolean to_server;
  char *label;
  gboolean ok;
} Arrow;

struct _PfCorsSequence
{
  GtkWidget parent_instance;

  char *page;
  char *server;
  GArray *arrows;
};

G_DEFINE_FINAL_TYPE (PfCorsSequence, pf_cors_sequence, GTK_TYPE_WIDGET)

static void
arrow_clear (Arrow *arrow)
{
  g_free (arrow->label);
}

static void
pf_cors_sequence_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  PfCorsSequence *self = PF_CORS_SEQUENCE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    *minimum = *natural = HEADER_HEIGHT + ARROW_HEIGHT * self->arrows->len + MARGIN;
}

/* Draws @text with its bottom at @y: centred on @x (align 0), starting at @x (align -1) or
 * ending at @x (align 1). */
static void
show_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           int         align)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, align < 0 ? x : align > 0 ? x - width : x - width / 2.0, y - height);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_arrow (cairo_t *cr,
            double   from,
            double   to,
            double   y)
{
  double head = to > from ? -8 : 8;

  cairo_move_to (cr, from, y);
  cairo_line_to (cr, to, y);
  cairo_stroke (cr);
  cairo_move_to (cr, to, y);
  cairo_line_to (cr, to + head, y - 5);
  cairo_line_to (cr, to + head, y + 5);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
pf_cors_sequence_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PfCorsSequence *self = PF_CORS_SEQUENCE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double left = MARGIN + 24, right = width - MARGIN - 24;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  GdkRGBA fg;

#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  gdk_cairo_set_source_rgba (cr, &fg);
  show_text (widget, cr, self->page, MARGIN, 22, -1);
  show_text (widget, cr, self->server, width - MARGIN, 22, 1);
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.35);
  cairo_move_to (cr, left, 28);
  cairo_line_to (cr, left, height - 4);
  cairo_move_to (cr, right, 28);
  cairo_line_to (cr, right, height - 4);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->arrows->len; i++)
    {
      Arrow *arrow = &g_array_index (self->arrows, Arrow, i);
      double y = HEADER_HEIGHT + ARROW_HEIGHT * (i + 1) - 8;

      if (arrow->ok)
        gdk_cairo_set_source_rgba (cr, &fg);
      else
        cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      draw_arrow (cr, arrow->to_server ? left : right, arrow->to_server ? right : left, y);
      show_text (widget, cr, arrow->label, (left + right) / 2, y - 4, 0);
    }
  cairo_destroy (cr);
}

static void
pf_cors_sequence_finalize (GObject *object)
{
  PfCorsSequence *self = PF_CORS_SEQUENCE (object);

  g_free (self->page);
  g_free (self->server);
  g_array_unref (self->arrows);
  G_OBJECT_CLASS (pf_cors_sequence_parent_class)->finalize (object);
}

static void
pf_cors_sequence_class_init (PfCorsSequenceClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pf_cors_sequence_finalize;
  widget_class->measure = pf_cors_sequence_measure;
  widget_class->snapshot = pf_cors_sequence_snapshot;
  gtk_widget_class_set_css_name (widget_class, "cors-sequence");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pf_cors_sequence_init (PfCorsSequence *self)
{
  self->page = g_strdup ("");
  self->server = g_strdup ("");
  self->arrows = g_array_new (FALSE, TRUE, sizeof (Arrow));
  g_array_set_clear_func (self->arrows, (GDestroyNotify) arrow_clear);
}

/* A drawing between the page at @page and the server at @server. */
GtkWidget *
pf_cors_sequence_new (const char *page,
                      const char *server)
{
  PfCorsSequence *self = g_object_new (PF_TYPE_CORS_SEQUENCE, NULL);

  pf_cors_sequence_reset (self, page, server);
  return GTK_WIDGET (self);
}

/* Starts the drawing again, without arrows, between the page at @page and the server at
 * @server. */
void
pf_cors_sequence_reset (PfCorsSequence *self,
                        const char     *page,
                        const char     *server)
{
  g_autofree char *description = NULL;

  g_return_if_fail (PF_IS_CORS_SEQUENCE (self));
  g_free (self->page);
  self->page = g_strdup (page);
  g_free (self->server);
  self->server = g_strdup (server);
  g_array_set_size (self->arrows, 0);
  /* Translators: a drawing of the messages between a page's origin and a server */
  description = g_strdup_printf (_("Messages between the page at %s and the server at %s"),
                                 page, server);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* One more arrow under the others; @ok FALSE draws it red (CORS stopped there). */
void
pf_cors_sequence_add_arrow (PfCorsSequence *self,
                            gboolean        to_server,
                            const char     *label,
                            gboolean        ok)
{
  Arrow arrow = { to_server, g_strdup (label), ok };

  g_return_if_fail (PF_IS_CORS_SEQUENCE (self));
  g_array_append_val (self->arrows, arrow);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
