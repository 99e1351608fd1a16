/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-timeline-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-timeline-chart.h"
#include "pf-timeline-entry.h"

/* The timeline drawn: a readyState track (where 1, 2, 3 and 4 happened) and a waterfall of
 * the network phases, the preflight's first, on one time axis. It reads the exchange's
 * timeline model and redraws when it grows. */

#define TRACK_HEIGHT 28
#define ROW_HEIGHT   18
#define LABEL_WIDTH  120
#define PADDING      12

struct _PfTimelineChart
{
  GtkWidget parent_instance;

  GListModel *timeline;
  guint phases;
};

G_DEFINE_FINAL_TYPE (PfTimelineChart, pf_timeline_chart, GTK_TYPE_WIDGET)

/* How many of the @count entries from @first on are network phases. */
static guint
count_phases (PfTimelineChart *self,
              guint            first,
              guint            count)
{
  guint n = 0;

  for (guint i = first; self->timeline && i < first + count; i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      n += pf_timeline_entry_get_kind (entry) == PF_TIMELINE_PHASE;
    }
  return n;
}

static gint64
end_time (PfTimelineChart *self)
{
  gint64 end = 1;

  for (guint i = 0; self->timeline && i < g_list_model_get_n_items (self->timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      end = MAX (end, pf_timeline_entry_get_end_us (entry));
    }
  return end;
}

static void
pf_timeline_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  PfTimelineChart *self = PF_TIMELINE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = LABEL_WIDTH + 80;
  else
    *minimum = *natural =
      self->timeline ? 2 * PADDING + TRACK_HEIGHT + ROW_HEIGHT * self->phases : 0;
}

/* Draws @text at (@x, @y) and returns its width. */
static int
draw_text (GtkWidget   *widget,
           GtkSnapshot *snapshot,
           const char  *text,
           float        x,
           float        y,
           GdkRGBA     *color)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  return width;
}

static GdkRGBA
phase_color (PfTimelineEntry *entry)
{
  const char *name = pf_timeline_entry_get_name (entry);
  GdkRGBA color = { 0.21, 0.52, 0.89, 1.0 };

  if (g_str_equal (name, "dns"))
    color = (GdkRGBA) { 0.15, 0.64, 0.41, 1.0 };
  else if (g_str_equal (name, "connect") || g_str_equal (name, "tls"))
    color = (GdkRGBA) { 0.96, 0.47, 0.0, 1.0 };
  else if (g_str_equal (name, "wait"))
    color = (GdkRGBA) { 0.57, 0.25, 0.67, 1.0 };
  if (pf_timeline_entry_get_detail (entry) != NULL)
    color.alpha = 0.55;
  return color;
}

static void
draw_track (PfTimelineChart *self,
            GtkSnapshot     *snapshot,
            float            x0,
            float            scale,
            GdkRGBA         *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  GdkRGBA line = *fg;
  float last_label_end;

  line.alpha = 0.3;
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (x0, PADDING + 20, width - x0 - PADDING, 1));
  draw_text (widget, snapshot, "readyState", PADDING, PADDING + 4, fg);
  last_label_end = -1000;
  for (guint i = 0; i < g_list_model_get_n_items (self->timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      g_autofree char *label = NULL;
      float x;

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_EVENT ||
          !g_str_equal (pf_timeline_entry_get_name (entry), "readystatechange"))
        continue;
      x = x0 + pf_timeline_entry_get_time_us (entry) * scale;
      gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (x, PADDING + 14, 2, 12));
      /* The state and when it came, where the label before leaves room; steps too close
       * together keep their tick only (the event list has every time). */
      if (x + 3 < last_label_end)
        continue;
      label = g_strdup_printf ("%d · %.1f ms", pf_timeline_entry_get_ready_state (entry),
                               pf_timeline_entry_get_time_us (entry) / 1000.0);
      {
        g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, label);
        int label_width = 0;
        float at;

        pango_layout_get_pixel_size (layout, &label_width, NULL);
        /* Near the right edge the label goes left of its tick. */
        at = x + 3 + label_width > width - PADDING ? x - 3 - label_width : x + 3;
        if (at < last_label_end)
          continue;
        draw_text (widget, snapshot, label, at, PADDING, fg);
        last_label_end = at + label_width + 6;
      }
    }
}

static void
pf_timeline_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PfTimelineChart *self = PF_TIMELINE_CHART (widget);
  float x0 = LABEL_WIDTH;
  float width = gtk_widget_get_width (widget) - x0 - PADDING;
  float scale;
  float y = PADDING + TRACK_HEIGHT;
  GdkRGBA fg;

  if (self->timeline == NULL || width <= 0)
    return;
#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  scale = width / (float) end_time (self);
  draw_track (self, snapshot, x0, scale, &fg);
  for (guint i = 0; i < g_list_model_get_n_items (self->timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      const char *name = pf_timeline_entry_get_name (entry);
      g_autofree char *label = NULL;
      GdkRGBA color;
      gint64 time_us;
      float start, length;

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_PHASE)
        continue;
      color = phase_color (entry);
      time_us = pf_timeline_entry_get_time_us (entry);
      start = x0 + time_us * scale;
      length = MAX (2, (pf_timeline_entry_get_end_us (entry) - time_us) * scale);
      /* Translators: a network phase of the preflight, e.g. “preflight dns” */
      label = pf_timeline_entry_get_detail (entry) ? g_strdup_printf (_("preflight %s"), name)
                                                   : g_strdup (name);
      draw_text (widget, snapshot, label, PADDING, y, &fg);
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (start, y + 3, length, ROW_HEIGHT - 6));
      y += ROW_HEIGHT;
    }
}

/* The height follows the number of phases; most new entries (events, chunks of a long
 * download) only move the drawing, and the window is not laid out again for them. */
static void
timeline_changed_cb (GListModel      *timeline,
                     guint            position,
                     guint            removed,
                     guint            added,
                     PfTimelineChart *self)
{
  guint phases = removed > 0 ? count_phases (self, 0, g_list_model_get_n_items (timeline))
                             : self->phases + count_phases (self, position, added);

  if (phases == self->phases)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  self->phases = phases;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
pf_timeline_chart_dispose (GObject *object)
{
  pf_timeline_chart_set_model (PF_TIMELINE_CHART (object), NULL);
  G_OBJECT_CLASS (pf_timeline_chart_parent_class)->dispose (object);
}

static void
pf_timeline_chart_class_init (PfTimelineChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pf_timeline_chart_dispose;
  widget_class->measure = pf_timeline_chart_measure;
  widget_class->snapshot = pf_timeline_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "timeline-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pf_timeline_chart_init (PfTimelineChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("readyState track and network phase waterfall"), -1);
}

GtkWidget *
pf_timeline_chart_new (void)
{
  return g_object_new (PF_TYPE_TIMELINE_CHART, NULL);
}

/* Draws @timeline (PfTimelineEntry items), or nothing for NULL. */
void
pf_timeline_chart_set_model (PfTimelineChart *self,
                             GListModel      *timeline)
{
  g_return_if_fail (PF_IS_TIMELINE_CHART (self));

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_set_object (&self->timeline, timeline);
  if (timeline != NULL)
    g_signal_connect (timeline, "items-changed", G_CALLBACK (timeline_changed_cb), self);
  self->phases = timeline ? count_phases (self, 0, g_list_model_get_n_items (timeline)) : 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
