/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pf-lesson.h"

G_BEGIN_DECLS

#define PF_TYPE_LESSON_ROW (pf_lesson_row_get_type ())

G_DECLARE_FINAL_TYPE (PfLessonRow, pf_lesson_row, PF, LESSON_ROW, GtkListBoxRow)

GtkWidget *pf_lesson_row_new        (PfLesson    *lesson);
PfLesson  *pf_lesson_row_get_lesson (PfLessonRow *self);

G_END_DECLS
