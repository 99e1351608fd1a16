/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-timeline-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pf-exchange.h"
#include "pf-timeline-chart.h"
#include "pf-timeline-entry.h"

/* The timeline drawn: a readyState track (where 1, 2, 3 and 4 happened) and a waterfall of
 * the network phases, the preflight's first, on one time axis. It reads the exchange's
 * timeline model and redraws when it grows. Where labels go is worked out once per width
 * (pf_timeline_chart_layout ()) so that none collides or is dropped: readyState labels close
 * together stack in rows, and the phase labels' column is as wide as its widest label. */

#define ROW_HEIGHT    18
#define PADDING       12
#define LABEL_GAP     12 /* between the phase labels' column and the bars */
#define TICK_GAP      3  /* between a tick and its label */
#define LABEL_SPACING 6  /* between two labels in a row */
#define MIN_SPAN      80 /* the narrowest time axis */

struct _PfTimelineChart
{
  GtkWidget parent_instance;

  GListModel *timeline;
};

G_DEFINE_FINAL_TYPE (PfTimelineChart, pf_timeline_chart, GTK_TYPE_WIDGET)

/* Where things go for a width: the time axis and the parts around it. */
typedef struct
{
  GArray *parts;
  float x0;     /* where time 0 is */
  float scale;  /* pixels per µs */
  float axis_y; /* the readyState track's line */
  float height;
  int width;
  int line;     /* a label's height */
} Geometry;

static void
part_clear (PfTimelineChartPart *part)
{
  g_clear_pointer (&part->text, g_free);
}

static void
add_part (GArray                 *parts,
          PfTimelineChartPartKind kind,
          int                     ready_state,
          char                   *text,
          graphene_rect_t         area)
{
  PfTimelineChartPart part = { kind, ready_state, text, area };

  g_array_append_val (parts, part);
}

static graphene_size_t
text_size (GtkWidget  *widget,
           const char *text)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0, height = 0;

  pango_layout_get_pixel_size (layout, &width, &height);
  return GRAPHENE_SIZE_INIT (width, height);
}

static gboolean
is_ready_state_change (PfTimelineEntry *entry)
{
  return pf_timeline_entry_get_kind (entry) == PF_TIMELINE_EVENT &&
         g_str_equal (pf_timeline_entry_get_name (entry), "readystatechange");
}

/* An image ping's load or error: what its page sees, on the track in readyState's place. */
static gboolean
is_image_event (PfTimelineEntry *entry)
{
  return pf_timeline_entry_get_kind (entry) == PF_TIMELINE_EVENT &&
         pf_timeline_entry_get_target (entry) == PF_TARGET_IMAGE;
}

/* The track's caption: "readyState" for an XMLHttpRequest (whose first entry is
 * readystatechange → 1), "image" for an image ping, which has no readyState. */
static const char *
track_caption (PfTimelineChart *self)
{
  g_autoptr (PfTimelineEntry) first = NULL;

  if (self->timeline == NULL || g_list_model_get_n_items (self->timeline) == 0)
    return "readyState";
  first = g_list_model_get_item (self->timeline, 0);
  return is_ready_state_change (first) ? "readyState" : "image";
}

static char *
phase_label (PfTimelineEntry *entry)
{
  const char *name = pf_timeline_entry_get_name (entry);

  /* A synchronous request: the band of time the page could do nothing. */
  if (g_str_equal (name, "frozen"))
    return g_strdup (_("page frozen"));
  /* Translators: a network phase of the preflight, e.g. “preflight dns” */
  return pf_timeline_entry_get_detail (entry) ? g_strdup_printf (_("preflight %s"), name)
                                              : g_strdup (name);
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

/* The labels' column is as wide as its widest label ("readyState" or a phase's), so no label
 * runs into the bars; a row is as tall as a label. */
static float
label_column (PfTimelineChart *self,
              int             *line)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_size_t caption = text_size (widget, track_caption (self));
  float column = caption.width;

  *line = MAX (ROW_HEIGHT, caption.height);
  for (guint i = 0; self->timeline && i < g_list_model_get_n_items (self->timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      g_autofree char *label = NULL;
      graphene_size_t size;

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_PHASE)
        continue;
      label = phase_label (entry);
      size = text_size (widget, label);
      column = MAX (column, size.width);
      *line = MAX (*line, size.height);
    }
  return column;
}

/* Whether @area comes closer than LABEL_SPACING to a state label already placed. */
static gboolean
meets_a_label (GArray                *parts,
               const graphene_rect_t *area)
{
  graphene_rect_t wider = *area;

  graphene_rect_inset (&wider, -LABEL_SPACING / 2.0f, 0);
  for (guint i = 0; i < parts->len; i++)
    {
      const PfTimelineChartPart *part = &g_array_index (parts, PfTimelineChartPart, i);
      graphene_rect_t other = part->area;

      graphene_rect_inset (&other, -LABEL_SPACING / 2.0f, 0);
      if (part->kind == PF_TIMELINE_CHART_STATE_LABEL &&
          graphene_rect_intersection (&wider, &other, NULL))
        return TRUE;
    }
  return FALSE;
}

/* A state label by its tick (left of it near the right edge), in the first row from the top
 * where it meets no other label: steps close together stack their labels, none is dropped.
 * @name names an image's event (state -1), or NULL for readyState @state. Returns the row
 * used. */
static guint
place_state_label (Geometry   *geometry,
                   GtkWidget  *widget,
                   const char *name,
                   int         state,
                   gint64      time_us)
{
  char *text = name ? g_strdup_printf ("%s · %.1f ms", name, time_us / 1000.0)
                    : g_strdup_printf ("%d · %.1f ms", state, time_us / 1000.0);
  graphene_size_t size = text_size (widget, text);
  float x = geometry->x0 + time_us * geometry->scale;
  float at = x + TICK_GAP;
  graphene_rect_t area;
  guint row = 0;

  if (at + size.width > geometry->width - PADDING)
    at = x - TICK_GAP - size.width;
  at = MAX (at, geometry->x0);
  do
    area = GRAPHENE_RECT_INIT (at, PADDING + row++ * geometry->line, size.width, size.height);
  while (meets_a_label (geometry->parts, &area));
  add_part (geometry->parts, PF_TIMELINE_CHART_STATE_LABEL, state, text, area);
  return row;
}

/* The readyState track: a label for the first time each state was reached, the caption, and
 * the axis below the labels' rows. */
static void
layout_track (PfTimelineChart *self,
              Geometry        *geometry)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean labelled[PF_READY_STATE_DONE + 1] = { FALSE };
  const char *caption_text = track_caption (self);
  graphene_size_t caption = text_size (widget, caption_text);
  guint rows = 1;

  for (guint i = 0; i < g_list_model_get_n_items (self->timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      int state = pf_timeline_entry_get_ready_state (entry);
      guint row;

      if (is_image_event (entry))
        {
          row = place_state_label (geometry, widget, pf_timeline_entry_get_name (entry), -1,
                                   pf_timeline_entry_get_time_us (entry));
          rows = MAX (rows, row);
          continue;
        }
      if (!is_ready_state_change (entry) || state < 0 || state > PF_READY_STATE_DONE ||
          labelled[state])
        continue;
      labelled[state] = TRUE;
      row = place_state_label (geometry, widget, NULL, state,
                               pf_timeline_entry_get_time_us (entry));
      rows = MAX (rows, row);
    }
  geometry->axis_y = PADDING + rows * geometry->line + 6;
  add_part (geometry->parts, PF_TIMELINE_CHART_CAPTION, -1, g_strdup (caption_text),
            GRAPHENE_RECT_INIT (PADDING, geometry->axis_y - caption.height / 2, caption.width,
                                caption.height));
}

/* A row per network phase: its label in the column, its bar on the time axis. */
static void
layout_phases (PfTimelineChart *self,
               Geometry        *geometry)
{
  float y = geometry->axis_y + 12;

  for (guint i = 0; i < g_list_model_get_n_items (self->timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      gint64 time_us = pf_timeline_entry_get_time_us (entry);
      char *label;
      graphene_size_t size;
      float length;

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_PHASE)
        continue;
      label = phase_label (entry);
      size = text_size (GTK_WIDGET (self), label);
      length = MAX (2, (pf_timeline_entry_get_end_us (entry) - time_us) * geometry->scale);
      add_part (geometry->parts, PF_TIMELINE_CHART_PHASE_LABEL, -1, label,
                GRAPHENE_RECT_INIT (PADDING, y, size.width, size.height));
      add_part (geometry->parts, PF_TIMELINE_CHART_BAR, -1, NULL,
                GRAPHENE_RECT_INIT (geometry->x0 + time_us * geometry->scale, y + 3, length,
                                    geometry->line - 6));
      y += geometry->line;
    }
  geometry->height = y + PADDING;
}

static void
compute_layout (PfTimelineChart *self,
                int              width,
                Geometry        *geometry)
{
  geometry->width = width;
  geometry->parts = g_array_new (FALSE, TRUE, sizeof (PfTimelineChartPart));
  g_array_set_clear_func (geometry->parts, (GDestroyNotify) part_clear);
  geometry->x0 = PADDING + label_column (self, &geometry->line) + LABEL_GAP;
  geometry->scale = MAX (MIN_SPAN, width - geometry->x0 - PADDING) / (float) end_time (self);
  if (self->timeline == NULL)
    {
      geometry->height = 0;
      return;
    }
  layout_track (self, geometry);
  layout_phases (self, geometry);
}

/* What the chart draws at @width: every label and bar with its place, for tests and
 * accessibility checks. Free with g_array_unref (). */
GArray *
pf_timeline_chart_layout (PfTimelineChart *self,
                          int              width)
{
  Geometry geometry;

  g_return_val_if_fail (PF_IS_TIMELINE_CHART (self), NULL);
  compute_layout (self, width, &geometry);
  return geometry.parts;
}

static GtkSizeRequestMode
pf_timeline_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
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
  int line;
  int narrowest = PADDING + label_column (self, &line) + LABEL_GAP + MIN_SPAN + PADDING;
  Geometry geometry;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = narrowest;
      return;
    }
  compute_layout (self, for_size > 0 ? for_size : narrowest, &geometry);
  g_array_unref (geometry.parts);
  *minimum = *natural = ceilf (geometry.height);
}

static void
draw_text (GtkWidget             *widget,
           GtkSnapshot           *snapshot,
           const char            *text,
           const graphene_rect_t *area,
           GdkRGBA               *color)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &area->origin);
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
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
  else if (g_str_equal (name, "frozen"))
    color = (GdkRGBA){ 0.88, 0.11, 0.14, 0.45 };
  if (pf_timeline_entry_get_detail (entry) != NULL)
    color.alpha = 0.55;
  return color;
}

/* The axis, and a tick wherever readyState changed (each LOADING step too). */
static void
draw_axis (PfTimelineChart *self,
           GtkSnapshot     *snapshot,
           const Geometry  *geometry,
           GdkRGBA         *fg)
{
  GdkRGBA line = *fg;

  line.alpha = 0.3;
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (geometry->x0, geometry->axis_y,
                                                  gtk_widget_get_width (GTK_WIDGET (self)) -
                                                    geometry->x0 - PADDING,
                                                  1));
  for (guint i = 0; i < g_list_model_get_n_items (self->timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      float x = geometry->x0 + pf_timeline_entry_get_time_us (entry) * geometry->scale;

      if (is_ready_state_change (entry) || is_image_event (entry))
        gtk_snapshot_append_color (snapshot, fg,
                                   &GRAPHENE_RECT_INIT (x, geometry->axis_y - 6, 2, 12));
    }
}

/* The bars, in the phases' order, in their colours. */
static void
draw_bars (PfTimelineChart *self,
           GtkSnapshot     *snapshot,
           const Geometry  *geometry)
{
  guint bar = 0;

  for (guint i = 0; i < g_list_model_get_n_items (self->timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (self->timeline, i);
      GdkRGBA color;

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_PHASE)
        continue;
      color = phase_color (entry);
      for (; bar < geometry->parts->len; bar++)
        {
          PfTimelineChartPart *part = &g_array_index (geometry->parts, PfTimelineChartPart, bar);

          if (part->kind != PF_TIMELINE_CHART_BAR)
            continue;
          gtk_snapshot_append_color (snapshot, &color, &part->area);
          bar++;
          break;
        }
    }
}

static void
pf_timeline_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PfTimelineChart *self = PF_TIMELINE_CHART (widget);
  Geometry geometry;
  GdkRGBA fg;

  if (self->timeline == NULL)
    return;
#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  compute_layout (self, gtk_widget_get_width (widget), &geometry);
  draw_axis (self, snapshot, &geometry, &fg);
  draw_bars (self, snapshot, &geometry);
  for (guint i = 0; i < geometry.parts->len; i++)
    {
      PfTimelineChartPart *part = &g_array_index (geometry.parts, PfTimelineChartPart, i);

      if (part->text != NULL)
        draw_text (widget, snapshot, part->text, &part->area, &fg);
    }
  g_array_unref (geometry.parts);
}

/* The height follows the phases and the readyState labels' rows; most new entries (progress,
 * chunks of a long download) only move the drawing, and the window is not laid out again for
 * them. */
static void
timeline_changed_cb (GListModel      *timeline,
                     guint            position,
                     guint            removed,
                     guint            added,
                     PfTimelineChart *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_PHASE ||
          is_ready_state_change (entry) || is_image_event (entry))
        {
          gtk_widget_queue_resize (GTK_WIDGET (self));
          return;
        }
    }
  if (removed > 0)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
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
  widget_class->get_request_mode = pf_timeline_chart_get_request_mode;
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
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
