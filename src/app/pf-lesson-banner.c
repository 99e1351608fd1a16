/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lesson-banner"

#include "config.h"

#include "pf-lesson-banner.h"

/* A lesson's title and what to watch, above the request or the feed it opened; the user can
 * hide it. Request and feed tabs show the same banner. */
struct _PfLessonBanner
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkLabel *title_label;
  GtkLabel *text_label;
};

G_DEFINE_FINAL_TYPE (PfLessonBanner, pf_lesson_banner, GTK_TYPE_BOX)

static void
hide_cb (PfLessonBanner *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
pf_lesson_banner_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_LESSON_BANNER);
  G_OBJECT_CLASS (pf_lesson_banner_parent_class)->dispose (object);
}

static void
pf_lesson_banner_class_init (PfLessonBannerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pf_lesson_banner_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-lesson-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, PfLessonBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, PfLessonBanner, text_label);
  gtk_widget_class_bind_template_callback (widget_class, hide_cb);
}

static void
pf_lesson_banner_init (PfLessonBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Shows @title and @text; a NULL @title hides the banner. */
void
pf_lesson_banner_show (PfLessonBanner *self,
                       const char     *title,
                       const char     *text)
{
  g_return_if_fail (PF_IS_LESSON_BANNER (self));
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->text_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), title != NULL);
}
