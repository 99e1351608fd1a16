/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lesson-row"

#include "config.h"

#include "pf-lesson-row.h"

/* A lesson in the sidebar: its title, with what to watch as the tooltip. */
struct _PfLessonRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkLabel *title_label;

  /* Owned */
  PfLesson *lesson;
};

G_DEFINE_FINAL_TYPE (PfLessonRow, pf_lesson_row, GTK_TYPE_LIST_BOX_ROW)

static void
pf_lesson_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_LESSON_ROW);
  G_OBJECT_CLASS (pf_lesson_row_parent_class)->dispose (object);
}

static void
pf_lesson_row_finalize (GObject *object)
{
  g_clear_object (&PF_LESSON_ROW (object)->lesson);
  G_OBJECT_CLASS (pf_lesson_row_parent_class)->finalize (object);
}

static void
pf_lesson_row_class_init (PfLessonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_lesson_row_dispose;
  object_class->finalize = pf_lesson_row_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/pf-lesson-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PfLessonRow, title_label);
}

static void
pf_lesson_row_init (PfLessonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pf_lesson_row_new (PfLesson *lesson)
{
  PfLessonRow *self;

  g_return_val_if_fail (PF_IS_LESSON (lesson), NULL);
  self = g_object_new (PF_TYPE_LESSON_ROW, NULL);
  self->lesson = g_object_ref (lesson);
  gtk_label_set_label (self->title_label, pf_lesson_get_title (lesson));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), pf_lesson_get_explanation (lesson));
  return GTK_WIDGET (self);
}

PfLesson *
pf_lesson_row_get_lesson (PfLessonRow *self)
{
  g_return_val_if_fail (PF_IS_LESSON_ROW (self), NULL);
  return self->lesson;
}
