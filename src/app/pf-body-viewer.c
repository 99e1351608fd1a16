/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-body-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-body-viewer.h"

/* A body of any size as text: only the rows on screen are read (core's PfBodyLines, pread for a
 * spooled body) and laid out (Pango), so opening, scrolling and jumping to the end of 1 GiB
 * cost what one screen costs.
 *
 * The scroll position is a byte offset, fractional: its row is the one holding the offset,
 * and the fraction of that row's bytes before it is the fraction of the row's height scrolled
 * out of sight at the top. So the vertical adjustment counts bytes (its page the bytes of the
 * last screen), a scrollbar dragged to any place lands on a row at once, and a wrapped line of
 * 16 KiB scrolls through smoothly. */

#define MARGIN 12
#define READ_BATCH 32

typedef struct
{
  PfBodyRow row;
  PangoLayout *layout;
  int width;
  int height;
} ShownRow;

struct _PfBodyViewer
{
  GtkWidget parent_instance;

  /* Owned */
  PfBodyLines *lines;
  GError *error;
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  GArray *rows; /* ShownRow, from the top row down to the last one on screen */
  PangoAttrList *attributes;

  guint hscroll_policy : 1;
  guint vscroll_policy : 1;
  gboolean wrap;
  gboolean configuring;
  double position;
  double end_position; /* where the last screen starts */
  double skip;         /* pixels of the top row above the view */
  int allocated_width;
  int allocated_height;
  guint64 match_offset;
  guint64 match_length; /* 0: no match shown */
};

enum
{
  PROP_0,
  PROP_WRAP,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (PfBodyViewer, pf_body_viewer, GTK_TYPE_WIDGET, G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static void
shown_row_clear (ShownRow *shown)
{
  g_clear_object (&shown->layout);
}

static int
text_width (PfBodyViewer *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN, 1);
}

static int
view_height (PfBodyViewer *self)
{
  return MAX (gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN, 1);
}

/* A read failed: the error stays (the view says it) and nothing more is read. */
static void
keep_error (PfBodyViewer *self,
            GError *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

/* The attributes of a row: no hyphens, and the match shown marked where it falls in the row
 * (at the same bytes: a row's text keeps its bytes unless they are not UTF-8). */
static PangoAttrList *
row_attributes (PfBodyViewer *self,
                const PfBodyRow *row,
                gsize text_length)
{
  guint64 end = row->offset + row->length;
  guint64 match_end = self->match_offset + self->match_length;
  PangoAttrList *attributes;
  PangoAttribute *background;
  PangoAttribute *foreground;

  if (self->match_length == 0 || match_end <= row->offset || self->match_offset >= end)
    return pango_attr_list_ref (self->attributes);
  attributes = pango_attr_list_copy (self->attributes);
  background = pango_attr_background_new (0xf6f6, 0xd3d3, 0x2d2d);
  foreground = pango_attr_foreground_new (0, 0, 0);
  background->start_index = foreground->start_index =
      (guint) MIN (MAX (self->match_offset, row->offset) - row->offset, text_length);
  background->end_index = foreground->end_index =
      (guint) MIN (MIN (match_end, end) - row->offset, text_length);
  pango_attr_list_insert (attributes, background);
  pango_attr_list_insert (attributes, foreground);
  return attributes;
}

static void
lay_out (PfBodyViewer *self,
         ShownRow *shown,
         const guint8 *data)
{
  g_autofree char *text = pf_body_lines_row_text (data, shown->row.length, shown->row.flags);
  PangoAttrList *attributes = row_attributes (self, &shown->row, strlen (text));

  shown->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  /* A body is data, not prose: where a row wraps, no hyphen is added that it does not have. */
  pango_layout_set_attributes (shown->layout, attributes);
  pango_attr_list_unref (attributes);
  pango_layout_set_width (shown->layout, self->wrap ? text_width (self) * PANGO_SCALE : -1);
  pango_layout_set_wrap (shown->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (shown->layout, &shown->width, &shown->height);
  shown->height = MAX (shown->height, 1);
}

/* Reads up to @max rows from @start and appends them, laid out, to @into, until they are
 * @need pixels high; FALSE on error. */
static gboolean
read_shown (PfBodyViewer *self,
            guint64 start,
            guint max,
            int need,
            GArray *into)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (PfBodyRow));
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  GError *error = NULL;
  gsize at = 0;

  if (!pf_body_lines_read_rows (self->lines, start, max, rows, bytes, &error))
    {
      keep_error (self, error);
      return FALSE;
    }
  for (guint i = 0; i < rows->len && need > 0; i++)
    {
      ShownRow shown = { g_array_index (rows, PfBodyRow, i), NULL, 0, 0 };

      lay_out (self, &shown, bytes->data + at);
      at += shown.row.length;
      need -= shown.height;
      g_array_append_val (into, shown);
    }
  return TRUE;
}

/* The row holding @offset, laid out, into @shown; FALSE on error or in an empty body. */
static gboolean
measure_row_at (PfBodyViewer *self,
                guint64 offset,
                ShownRow *shown)
{
  g_autoptr (GArray) one = g_array_new (FALSE, FALSE, sizeof (ShownRow));
  GError *error = NULL;
  guint64 start;

  if (!pf_body_lines_row_start (self->lines, offset, &start, &error))
    {
      keep_error (self, error);
      return FALSE;
    }
  if (!read_shown (self, start, 1, 1, one) || one->len == 0)
    return FALSE;
  *shown = g_array_index (one, ShownRow, 0);
  return TRUE;
}

/* The position whose screen ends with the body's last row. */
static double
find_end_position (PfBodyViewer *self)
{
  guint64 size = self->lines ? pf_body_lines_get_size (self->lines) : 0;
  int height = view_height (self);
  int sum = 0;
  guint64 offset = size;

  while (offset > 0)
    {
      ShownRow shown;

      if (!measure_row_at (self, offset - 1, &shown))
        return 0;
      sum += shown.height;
      shown_row_clear (&shown);
      if (sum >= height)
        return shown.row.offset + (double) (sum - height) / shown.height * shown.row.length;
      offset = shown.row.offset;
    }
  return 0;
}

/* Moves the rows of @old from the one at @start on into @rows, laid out as they are. */
static void
reuse_rows (GArray *old,
            guint64 start,
            GArray *rows)
{
  guint first = 0;

  while (old != NULL && first < old->len && g_array_index (old, ShownRow, first).row.offset < start)
    first++;
  if (old == NULL || first == old->len || g_array_index (old, ShownRow, first).row.offset != start)
    return;
  for (guint i = first; i < old->len; i++)
    {
      ShownRow *shown = &g_array_index (old, ShownRow, i);

      g_array_append_val (rows, *shown);
      shown->layout = NULL;
    }
}

static int
rows_height (GArray *rows)
{
  int sum = 0;

  for (guint i = 0; i < rows->len; i++)
    sum += g_array_index (rows, ShownRow, i).height;
  return sum;
}

/* Lays out the rows on screen at the position, keeping the layouts of rows still shown. */
static void
update_rows (PfBodyViewer *self)
{
  g_autoptr (GArray) old = g_steal_pointer (&self->rows);
  GError *error = NULL;
  guint64 start = 0;
  ShownRow *top;
  int sum;

  self->rows = g_array_new (FALSE, FALSE, sizeof (ShownRow));
  g_array_set_clear_func (self->rows, (GDestroyNotify) shown_row_clear);
  self->skip = 0;
  if (self->lines == NULL || pf_body_lines_get_size (self->lines) == 0)
    return;
  if (!pf_body_lines_row_start (self->lines, (guint64) self->position, &start, &error))
    {
      keep_error (self, error);
      return;
    }
  reuse_rows (old, start, self->rows);
  if (self->rows->len == 0 && (!read_shown (self, start, READ_BATCH,
                                            view_height (self) + 1, self->rows) ||
                               self->rows->len == 0))
    return;
  top = &g_array_index (self->rows, ShownRow, 0);
  self->skip = (self->position - top->row.offset) / MAX (top->row.length, 1) * top->height;
  sum = rows_height (self->rows);
  while (sum - self->skip < view_height (self))
    {
      ShownRow *last = &g_array_index (self->rows, ShownRow, self->rows->len - 1);
      guint before = self->rows->len;

      if (!read_shown (self, last->row.offset + last->row.length, READ_BATCH,
                       view_height (self) - (int) (sum - self->skip), self->rows) ||
          self->rows->len == before)
        break;
      for (guint i = before; i < self->rows->len; i++)
        sum += g_array_index (self->rows, ShownRow, i).height;
    }
}

static int
widest_row (PfBodyViewer *self)
{
  int widest = 0;

  for (guint i = 0; self->rows && i < self->rows->len; i++)
    widest = MAX (widest, g_array_index (self->rows, ShownRow, i).width);
  return widest;
}

/* The adjustments as the body and the screen are now: the vertical one in bytes. */
static void
configure_adjustments (PfBodyViewer *self)
{
  double size = self->lines ? (double) pf_body_lines_get_size (self->lines) : 0;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double page = MAX (size - self->end_position, 1);
  int content = self->wrap ? width : widest_row (self) + 2 * MARGIN;

  self->configuring = TRUE;
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment, self->position, 0, MAX (size, page), page / 20,
                              page * 0.9, page);
  if (self->hadjustment != NULL)
    {
      double upper = MAX (content, width);

      gtk_adjustment_configure (self->hadjustment,
                                CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                       upper - width),
                                0, upper, 24, width * 0.9, width);
    }
  self->configuring = FALSE;
}

static void
go_to (PfBodyViewer *self,
       double position)
{
  /* Nothing is laid out before the view has its size (size_allocate does it then). */
  if (self->allocated_width == 0 || self->allocated_height == 0)
    {
      self->position = position;
      return;
    }
  self->position = CLAMP (position, 0, self->end_position);
  update_rows (self);
  configure_adjustments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
vadjustment_value_changed_cb (PfBodyViewer *self)
{
  if (self->configuring)
    return;
  go_to (self, gtk_adjustment_get_value (self->vadjustment));
}

static void
hadjustment_value_changed_cb (PfBodyViewer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (PfBodyViewer *self,
                GtkAdjustment **slot,
                GtkAdjustment *adjustment,
                GCallback changed)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, changed, self);
  g_clear_object (slot);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", changed, self);
  configure_adjustments (self);
}

/* Everything laid out again: the body, the width or the wrapping changed. */
static void
relayout (PfBodyViewer *self)
{
  g_clear_pointer (&self->rows, g_array_unref);
  if (self->allocated_width == 0 || self->allocated_height == 0)
    return;
  self->end_position = find_end_position (self);
  go_to (self, self->position);
}

static void
pf_body_viewer_size_allocate (GtkWidget *widget,
                              int width,
                              int height,
                              int baseline)
{
  PfBodyViewer *self = PF_BODY_VIEWER (widget);

  if (width == self->allocated_width && height == self->allocated_height)
    return;
  if (self->wrap && width != self->allocated_width)
    g_clear_pointer (&self->rows, g_array_unref);
  self->allocated_width = width;
  self->allocated_height = height;
  self->end_position = find_end_position (self);
  go_to (self, self->position);
}

static void
pf_body_viewer_snapshot (GtkWidget *widget,
                         GtkSnapshot *snapshot)
{
  PfBodyViewer *self = PF_BODY_VIEWER (widget);
  double x = MARGIN - (self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0);
  double y = MARGIN - self->skip;
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;

#if GTK_CHECK_VERSION(4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                         height));
  for (guint i = 0; self->rows && i < self->rows->len && y < height; i++)
    {
      ShownRow *shown = &g_array_index (self->rows, ShownRow, i);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (snapshot, shown->layout, &fg);
      gtk_snapshot_restore (snapshot);
      y += shown->height;
    }
  gtk_snapshot_pop (snapshot);
}

static void
pf_body_viewer_measure (GtkWidget *widget,
                        GtkOrientation orientation,
                        int for_size,
                        int *minimum,
                        int *natural,
                        int *minimum_baseline,
                        int *natural_baseline)
{
  *minimum = *natural = 2 * MARGIN + 32;
}

/* Where the view is @pixels further down (up when negative), walking row by row. */
static double
position_after (PfBodyViewer *self,
                double pixels)
{
  ShownRow shown;
  double target;
  double position;

  if (self->lines == NULL || !measure_row_at (self, (guint64) self->position, &shown))
    return self->position;
  target = (self->position - shown.row.offset) / MAX (shown.row.length, 1) * shown.height +
           pixels;
  while (target >= shown.height && shown.row.offset + shown.row.length < self->end_position)
    {
      guint64 next = shown.row.offset + shown.row.length;

      target -= shown.height;
      shown_row_clear (&shown);
      if (!measure_row_at (self, next, &shown))
        return self->end_position;
    }
  while (target < 0 && shown.row.offset > 0)
    {
      guint64 before = shown.row.offset - 1;

      shown_row_clear (&shown);
      if (!measure_row_at (self, before, &shown))
        return 0;
      target += shown.height;
    }
  target = CLAMP (target, 0, shown.height);
  position = shown.row.offset + target / shown.height * shown.row.length;
  shown_row_clear (&shown);
  return position;
}

/* Moves the view by @pixels (down when positive). */
void
pf_body_viewer_scroll_by (PfBodyViewer *self,
                          double pixels)
{
  g_return_if_fail (PF_IS_BODY_VIEWER (self));

  go_to (self, position_after (self, pixels));
}

void
pf_body_viewer_scroll_to_start (PfBodyViewer *self)
{
  g_return_if_fail (PF_IS_BODY_VIEWER (self));

  go_to (self, 0);
}

void
pf_body_viewer_scroll_to_end (PfBodyViewer *self)
{
  g_return_if_fail (PF_IS_BODY_VIEWER (self));

  go_to (self, self->end_position);
}

static gboolean
scroll_key_cb (GtkWidget *widget,
               GVariant *args,
               gpointer user_data)
{
  PfBodyViewer *self = PF_BODY_VIEWER (widget);
  const char *where = g_variant_get_string (args, NULL);
  int line = 16;

  if (self->rows != NULL && self->rows->len > 0)
    {
      ShownRow *top = &g_array_index (self->rows, ShownRow, 0);

      line = top->height / MAX (pango_layout_get_line_count (top->layout), 1);
    }
  if (g_str_equal (where, "start"))
    pf_body_viewer_scroll_to_start (self);
  else if (g_str_equal (where, "end"))
    pf_body_viewer_scroll_to_end (self);
  else if (g_str_equal (where, "page-down"))
    pf_body_viewer_scroll_by (self, view_height (self) - line);
  else if (g_str_equal (where, "page-up"))
    pf_body_viewer_scroll_by (self, -(view_height (self) - line));
  else if (g_str_equal (where, "down"))
    pf_body_viewer_scroll_by (self, line);
  else if (g_str_equal (where, "up"))
    pf_body_viewer_scroll_by (self, -line);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int n_press,
            double x,
            double y,
            PfBodyViewer *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
pf_body_viewer_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  PfBodyViewer *self = PF_BODY_VIEWER (object);

  switch (prop_id)
    {
    case PROP_WRAP:
      g_value_set_boolean (value, self->wrap);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_body_viewer_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  PfBodyViewer *self = PF_BODY_VIEWER (object);

  switch (prop_id)
    {
    case PROP_WRAP:
      pf_body_viewer_set_wrap (self, g_value_get_boolean (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value),
                      G_CALLBACK (hadjustment_value_changed_cb));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value),
                      G_CALLBACK (vadjustment_value_changed_cb));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_body_viewer_dispose (GObject *object)
{
  PfBodyViewer *self = PF_BODY_VIEWER (object);

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_object (&self->lines);
  g_clear_error (&self->error);
  g_clear_pointer (&self->attributes, pango_attr_list_unref);
  G_OBJECT_CLASS (pf_body_viewer_parent_class)->dispose (object);
}

static void
add_scroll_key (GtkWidgetClass *widget_class,
                guint keyval,
                GdkModifierType modifiers,
                const char *where)
{
  gtk_widget_class_add_binding (widget_class, keyval, modifiers, scroll_key_cb, "s", where);
}

static void
pf_body_viewer_class_init (PfBodyViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pf_body_viewer_get_property;
  object_class->set_property = pf_body_viewer_set_property;
  object_class->dispose = pf_body_viewer_dispose;
  widget_class->size_allocate = pf_body_viewer_size_allocate;
  widget_class->snapshot = pf_body_viewer_snapshot;
  widget_class->measure = pf_body_viewer_measure;

  properties[PROP_WRAP] = g_param_spec_boolean ("wrap", NULL, NULL, TRUE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  add_scroll_key (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "start");
  add_scroll_key (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "end");
  add_scroll_key (widget_class, GDK_KEY_Page_Down, 0, "page-down");
  add_scroll_key (widget_class, GDK_KEY_Page_Up, 0, "page-up");
  add_scroll_key (widget_class, GDK_KEY_Down, 0, "down");
  add_scroll_key (widget_class, GDK_KEY_Up, 0, "up");
  add_scroll_key (widget_class, GDK_KEY_space, 0, "page-down");
  add_scroll_key (widget_class, GDK_KEY_space, GDK_SHIFT_MASK, "page-up");

  gtk_widget_class_set_css_name (widget_class, "pfbodyviewer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
}

static void
pf_body_viewer_init (PfBodyViewer *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->wrap = TRUE;
  self->attributes = pango_attr_list_new ();
  pango_attr_list_insert (self->attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "monospace");
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE,
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE, -1);
}

GtkWidget *
pf_body_viewer_new (void)
{
  return g_object_new (PF_TYPE_BODY_VIEWER, NULL);
}

/* Shows the rows of @lines (NULL: nothing), from the top. */
void
pf_body_viewer_set_lines (PfBodyViewer *self,
                          PfBodyLines *lines)
{
  g_return_if_fail (PF_IS_BODY_VIEWER (self));

  if (!g_set_object (&self->lines, lines))
    return;
  g_clear_error (&self->error);
  self->match_length = 0;
  self->position = 0;
  relayout (self);
}

PfBodyLines *
pf_body_viewer_get_lines (PfBodyViewer *self)
{
  g_return_val_if_fail (PF_IS_BODY_VIEWER (self), NULL);

  return self->lines;
}

void
pf_body_viewer_set_wrap (PfBodyViewer *self,
                         gboolean wrap)
{
  g_return_if_fail (PF_IS_BODY_VIEWER (self));

  wrap = !!wrap;
  if (self->wrap == wrap)
    return;
  self->wrap = wrap;
  relayout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRAP]);
}

gboolean
pf_body_viewer_get_wrap (PfBodyViewer *self)
{
  g_return_val_if_fail (PF_IS_BODY_VIEWER (self), FALSE);

  return self->wrap;
}

/* The body grew (it is spooled as it loads): a view at the end stays at the end. */
void
pf_body_viewer_update_size (PfBodyViewer *self)
{
  GError *error = NULL;
  gboolean at_end;

  g_return_if_fail (PF_IS_BODY_VIEWER (self));

  if (self->lines == NULL)
    return;
  at_end = self->position >= self->end_position && self->end_position > 0;
  if (!pf_body_lines_update_size (self->lines, &error))
    {
      keep_error (self, error);
      return;
    }
  /* The rows shown may have grown (a last line without its newline yet). */
  relayout (self);
  if (at_end)
    go_to (self, self->end_position);
}

/* Marks @length bytes at @offset (a search's match; 0 bytes: none) and brings them into
 * view, a third of the way down, unless they are in view already. */
void
pf_body_viewer_show_match (PfBodyViewer *self,
                           guint64 offset,
                           guint64 length)
{
  gboolean in_view = FALSE;

  g_return_if_fail (PF_IS_BODY_VIEWER (self));

  for (guint i = 1; self->rows && i + 1 < self->rows->len && !in_view; i++)
    {
      PfBodyRow *row = &g_array_index (self->rows, ShownRow, i).row;

      in_view = offset >= row->offset && offset + length <= row->offset + row->length &&
                g_array_index (self->rows, ShownRow, i).height < view_height (self) / 2;
    }
  self->match_offset = offset;
  self->match_length = length;
  g_clear_pointer (&self->rows, g_array_unref);
  if (in_view || length == 0)
    go_to (self, self->position);
  else
    {
      go_to (self, (double) offset);
      go_to (self, position_after (self, -view_height (self) / 3.0));
    }
}

/* The match marked (its length 0 when there is none). */
void
pf_body_viewer_get_match (PfBodyViewer *self,
                          guint64 *offset,
                          guint64 *length)
{
  g_return_if_fail (PF_IS_BODY_VIEWER (self));

  if (offset != NULL)
    *offset = self->match_offset;
  if (length != NULL)
    *length = self->match_length;
}

/* The first read that failed, or NULL. */
const GError *
pf_body_viewer_get_error (PfBodyViewer *self)
{
  g_return_val_if_fail (PF_IS_BODY_VIEWER (self), NULL);

  return self->error;
}

double
pf_body_viewer_get_position (PfBodyViewer *self)
{
  g_return_val_if_fail (PF_IS_BODY_VIEWER (self), 0);

  return self->position;
}

/* The text of the rows on screen, a row a line (what a test or a screen reader reads). */
char *
pf_body_viewer_dup_visible_text (PfBodyViewer *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PF_IS_BODY_VIEWER (self), NULL);

  for (guint i = 0; self->rows && i < self->rows->len; i++)
    {
      PangoLayout *layout = g_array_index (self->rows, ShownRow, i).layout;

      g_string_append (text, pango_layout_get_text (layout));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}
