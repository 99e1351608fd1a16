/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PF_TYPE_LESSON_BANNER (pf_lesson_banner_get_type ())

G_DECLARE_FINAL_TYPE (PfLessonBanner, pf_lesson_banner, PF, LESSON_BANNER, GtkBox)

void pf_lesson_banner_show (PfLessonBanner *self,
                            const char     *title,
                            const char     *text);

G_END_DECLS
