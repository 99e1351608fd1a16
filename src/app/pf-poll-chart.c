/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-poll-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-poll-chart.h"

/* Short polling beside long polling on one time axis: a lane of the news as the server
 * published it, then a lane per loop with a bar per request, from when it went to when its
 * answer came — grey when it brought nothing new, blue (with the news' number at its end)
 * when it brought news, red when it failed, outlined while under way. The axis spans the
 * first MIN_SPAN_US, then grows with the run up to WINDOW_US, then slides. */

#define WINDOW_US (20 * G_USEC_PER_SEC)
#define MIN_SPAN_US (10 * G_USEC_PER_SEC)
#define PADDING 12
#define LANE_HEIGHT 34
#define BAR_HEIGHT 12
#define BAR_MIN 4 /* px: an answer in 2 ms still shows */
#define LABEL_GAP 12
#define MIN_SPAN 120

struct _PfPollChart
{
  GtkWidget parent_instance;

  PfPollComparison *comparison;
  guint tick_id;
};

G_DEFINE_FINAL_TYPE (PfPollChart, pf_poll_chart, GTK_TYPE_WIDGET)

typedef struct
{
  GArray *parts;
  float x0;    /* where from_us is */
  float scale; /* pixels per µs */
  gint64 from_us;
  gint64 now_us;
  float right;
  int line;
} Geometry;

static void
part_clear (PfPollChartPart *part)
{
  g_clear_pointer (&part->text, g_free);
}

static void
add_part (Geometry *geometry,
          PfPollChartPartKind kind,
          int lane,
          guint64 news,
          char *text,
          graphene_rect_t area)
{
  PfPollChartPart part = { kind, lane, news, text, area };

  g_array_append_val (geometry->parts, part);
}

static const char *
lane_caption (int lane)
{
  if (lane == PF_POLL_LANE_SHORT)
    return _("Short polling");
  if (lane == PF_POLL_LANE_LONG)
    return _("Long polling");
  return _("News published");
}

static int
text_width (GtkWidget *widget,
            const char *text,
            int *height)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, height);
  return width;
}

static int
caption_column (PfPollChart *self,
                int *line)
{
  int widest = 0;

  for (int lane = -1; lane < PF_POLL_N_LANES; lane++)
    widest = MAX (widest, text_width (GTK_WIDGET (self), lane_caption (lane), line));
  return widest;
}

/* The lane's middle, counted from the top (the news lane is first). */
static float
lane_y (int lane)
{
  return PADDING + (lane + 1) * LANE_HEIGHT + LANE_HEIGHT / 2.0f;
}

static float
x_of (const Geometry *geometry,
      gint64 us)
{
  return geometry->x0 + (MAX (us, geometry->from_us) - geometry->from_us) * geometry->scale;
}

static void
layout_bar (Geometry *geometry,
            int lane,
            gint64 start_us,
            gint64 end_us,
            PfLongPollCycle *cycle)
{
  float x = x_of (geometry, start_us);
  /* A pixel's gap between one request and the next that left as it ended. */
  float width = MAX (x_of (geometry, end_us) - x - 1, (float) BAR_MIN);
  guint64 news = cycle ? pf_poll_comparison_get_cycle_news (cycle) : 0;
  PfPollChartPartKind kind = PF_POLL_CHART_PENDING;
  graphene_rect_t area = GRAPHENE_RECT_INIT (x, lane_y (lane) - BAR_HEIGHT / 2.0f, width,
                                             BAR_HEIGHT);

  if (cycle != NULL && pf_long_poll_cycle_get_error (cycle) != NULL)
    kind = PF_POLL_CHART_ERROR;
  else if (cycle != NULL)
    kind = news > 0 ? PF_POLL_CHART_ANSWER : PF_POLL_CHART_EMPTY;
  add_part (geometry, kind, lane, news,
            news > 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT, news) : NULL, area);
}

/* The requests of the window, newest last; the list is in the order answers came. */
static void
layout_requests (PfPollChart *self,
                 Geometry *geometry)
{
  GListModel *cycles = pf_feed_get_items (PF_FEED (self->comparison));
  guint n = g_list_model_get_n_items (cycles);
  guint first = n;

  while (first > 0)
    {
      g_autoptr (PfLongPollCycle) cycle = g_list_model_get_item (cycles, first - 1);

      if (pf_long_poll_cycle_get_start_us (cycle) + pf_long_poll_cycle_get_held_us (cycle) <
          geometry->from_us)
        break;
      first--;
    }
  for (guint i = first; i < n; i++)
    {
      g_autoptr (PfLongPollCycle) cycle = g_list_model_get_item (cycles, i);
      gint64 start = pf_long_poll_cycle_get_start_us (cycle);

      layout_bar (geometry, pf_poll_comparison_lane_of (cycle), start,
                  start + pf_long_poll_cycle_get_held_us (cycle), cycle);
    }
  for (int lane = 0; lane < PF_POLL_N_LANES; lane++)
    {
      gint64 start = pf_long_poll_get_pending_start_us (
          pf_poll_comparison_get_loop (self->comparison, lane));

      if (start >= 0)
        layout_bar (geometry, lane, start, geometry->now_us, NULL);
    }
}

static void
layout_news_and_axis (PfPollChart *self,
                      Geometry *geometry)
{
  guint n_news = 0;
  const PfPollNews *news = pf_poll_comparison_get_news (self->comparison, &n_news);
  float axis_y = lane_y (PF_POLL_N_LANES) - LANE_HEIGHT / 2.0f;
  g_autofree char *widest = g_strdup_printf (_("%u s"), 88u);
  int height = 0;
  /* A mark a second, or every 2, 5 or 10 s: as often as their labels leave room for. */
  float room = text_width (GTK_WIDGET (self), widest, &height) + 8.0f;
  gint64 step = 10 * G_USEC_PER_SEC;

  for (gint64 s = 1; s <= 5; s = s == 1 ? 2 : s + 3)
    if (s * G_USEC_PER_SEC * geometry->scale >= room)
      {
        step = s * G_USEC_PER_SEC;
        break;
      }

  for (guint i = 0; i < n_news; i++)
    if (news[i].published_us >= geometry->from_us)
      add_part (geometry, PF_POLL_CHART_NEWS, -1, news[i].number,
                g_strdup_printf ("%" G_GUINT64_FORMAT, news[i].number),
                GRAPHENE_RECT_INIT (x_of (geometry, news[i].published_us) - 4, lane_y (-1) - 4,
                                    8, 8));
  for (gint64 t = (geometry->from_us + step - 1) / step * step; t <= geometry->now_us; t += step)
    /* Translators: a mark on the time axis, in seconds since the comparison started */
    add_part (geometry, PF_POLL_CHART_TICK, -1, 0,
              g_strdup_printf (_("%u s"), (guint) (t / G_USEC_PER_SEC)),
              GRAPHENE_RECT_INIT (x_of (geometry, t), axis_y, 1, 5));
}

/* Where everything goes at @width: an array of PfPollChartPart, to unref. */
GArray *
pf_poll_chart_layout (PfPollChart *self,
                      int width)
{
  Geometry geometry = { 0 };
  int column;

  g_return_val_if_fail (PF_IS_POLL_CHART (self), NULL);

  geometry.parts = g_array_new (FALSE, TRUE, sizeof (PfPollChartPart));
  g_array_set_clear_func (geometry.parts, (GDestroyNotify) part_clear);
  column = caption_column (self, &geometry.line);
  for (int lane = -1; lane < PF_POLL_N_LANES; lane++)
    add_part (&geometry, PF_POLL_CHART_CAPTION, lane, 0, g_strdup (lane_caption (lane)),
              GRAPHENE_RECT_INIT (PADDING, lane_y (lane) - geometry.line / 2.0f, column,
                                  geometry.line));
  if (self->comparison == NULL)
    return geometry.parts;
  geometry.now_us = pf_poll_comparison_get_elapsed_us (self->comparison);
  geometry.from_us = MAX (0, geometry.now_us - WINDOW_US);
  geometry.x0 = PADDING + column + LABEL_GAP;
  geometry.right = MAX (width - PADDING, geometry.x0 + MIN_SPAN);
  geometry.scale = (geometry.right - geometry.x0) /
                   (float) CLAMP (geometry.now_us, MIN_SPAN_US, WINDOW_US);
  layout_news_and_axis (self, &geometry);
  layout_requests (self, &geometry);
  return geometry.parts;
}

static void
pf_poll_chart_measure (GtkWidget *widget,
                       GtkOrientation orientation,
                       int for_size,
                       int *minimum,
                       int *natural,
                       int *minimum_baseline,
                       int *natural_baseline)
{
  PfPollChart *self = PF_POLL_CHART (widget);
  int line = 0;
  int column = caption_column (self, &line);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = PADDING + column + LABEL_GAP + MIN_SPAN + PADDING;
  else
    *minimum = *natural = (int) (lane_y (PF_POLL_N_LANES) - LANE_HEIGHT / 2.0f) + 5 + line + 6;
}

static void
draw_text (GtkWidget *widget,
           GtkSnapshot *snapshot,
           const char *text,
           float x,
           float y,
           const GdkRGBA *color)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_part (GtkWidget *widget,
           GtkSnapshot *snapshot,
           const PfPollChartPart *part,
           const GdkRGBA *fg)
{
  const GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 }, error = { 0.88, 0.11, 0.14, 1.0 };
  GdkRGBA dim = *fg;
  const graphene_rect_t *area = &part->area;

  dim.alpha = 0.3;
  switch (part->kind)
    {
    case PF_POLL_CHART_CAPTION:
      draw_text (widget, snapshot, part->text, area->origin.x, area->origin.y, fg);
      break;
    case PF_POLL_CHART_NEWS:
    case PF_POLL_CHART_ANSWER:
      gtk_snapshot_append_color (snapshot, &accent, area);
      break;
    case PF_POLL_CHART_EMPTY:
      gtk_snapshot_append_color (snapshot, &dim, area);
      break;
    case PF_POLL_CHART_ERROR:
      gtk_snapshot_append_color (snapshot, &error, area);
      break;
    case PF_POLL_CHART_PENDING:
      {
        GskRoundedRect outline;
        float widths[4] = { 1, 1, 1, 1 };
        GdkRGBA colors[4] = { accent, accent, accent, accent };

        gsk_rounded_rect_init_from_rect (&outline, area, 0);
        gtk_snapshot_append_border (snapshot, &outline, widths, colors);
        break;
      }
    case PF_POLL_CHART_TICK:
      gtk_snapshot_append_color (snapshot, &dim, area);
      draw_text (widget, snapshot, part->text, area->origin.x + 2, area->origin.y, &dim);
      break;
    default:
      break;
    }
}

/* A news' number: beside its mark, or above the end of the answer that brought it. */
static void
draw_number (GtkWidget *widget,
             GtkSnapshot *snapshot,
             const PfPollChartPart *part,
             const GdkRGBA *fg)
{
  const graphene_rect_t *area = &part->area;
  float right = area->origin.x + area->size.width;
  int width, height = 0;

  if (part->kind == PF_POLL_CHART_NEWS)
    {
      width = text_width (widget, part->text, &height);
      draw_text (widget, snapshot, part->text, right + 3,
                 area->origin.y + area->size.height / 2 - height / 2.0f, fg);
    }
  else if (part->kind == PF_POLL_CHART_ANSWER)
    {
      width = text_width (widget, part->text, &height);
      draw_text (widget, snapshot, part->text, right - width / 2.0f, area->origin.y - height, fg);
    }
}

static void
pf_poll_chart_snapshot (GtkWidget *widget,
                        GtkSnapshot *snapshot)
{
  PfPollChart *self = PF_POLL_CHART (widget);
  g_autoptr (GArray) parts = pf_poll_chart_layout (self, gtk_widget_get_width (widget));
  GdkRGBA fg;

#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  for (guint i = 0; i < parts->len; i++)
    draw_part (widget, snapshot, &g_array_index (parts, PfPollChartPart, i), &fg);
  /* Over every bar, so that the next bar never hides a number. */
  for (guint i = 0; i < parts->len; i++)
    draw_number (widget, snapshot, &g_array_index (parts, PfPollChartPart, i), &fg);
}

/* While the loops run the axis slides: a frame each time the clock draws one. */
static gboolean
tick_cb (GtkWidget *widget,
         GdkFrameClock *clock,
         gpointer user_data)
{
  PfPollChart *self = PF_POLL_CHART (widget);

  if (self->comparison == NULL || !pf_feed_get_running (PF_FEED (self->comparison)))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
state_changed_cb (PfPollChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->tick_id == 0 && pf_feed_get_running (PF_FEED (self->comparison)))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

static void
pf_poll_chart_dispose (GObject *object)
{
  pf_poll_chart_set_comparison (PF_POLL_CHART (object), NULL);
  G_OBJECT_CLASS (pf_poll_chart_parent_class)->dispose (object);
}

static void
pf_poll_chart_class_init (PfPollChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pf_poll_chart_dispose;
  widget_class->measure = pf_poll_chart_measure;
  widget_class->snapshot = pf_poll_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "poll-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pf_poll_chart_init (PfPollChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Short and long polling requests on one time axis"), -1);
}

GtkWidget *
pf_poll_chart_new (void)
{
  return g_object_new (PF_TYPE_POLL_CHART, NULL);
}

/* Draws @comparison's loops (NULL: only the lanes' names). */
void
pf_poll_chart_set_comparison (PfPollChart *self,
                              PfPollComparison *comparison)
{
  g_return_if_fail (PF_IS_POLL_CHART (self));

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  if (self->comparison != NULL)
    g_signal_handlers_disconnect_by_data (self->comparison, self);
  g_set_object (&self->comparison, comparison);
  if (comparison != NULL)
    {
      g_signal_connect_swapped (comparison, "state-changed", G_CALLBACK (state_changed_cb), self);
      state_changed_cb (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
