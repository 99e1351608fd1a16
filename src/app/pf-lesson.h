/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-feed.h"
#include "pf-lab-tls.h"
#include "pf-request.h"

G_BEGIN_DECLS

#define PF_TYPE_LESSON (pf_lesson_get_type ())

G_DECLARE_FINAL_TYPE (PfLesson, pf_lesson, PF, LESSON, GObject)

GListModel  *pf_lessons_get_all            (void);
PfLesson    *pf_lessons_find               (const char *id);
const char  *pf_lesson_get_id              (PfLesson   *self);
const char  *pf_lesson_get_title           (PfLesson   *self);
const char  *pf_lesson_get_chapter         (PfLesson   *self);
const char  *pf_lesson_get_explanation     (PfLesson   *self);
gboolean     pf_lesson_is_feed             (PfLesson   *self);
PfFeedKind   pf_lesson_get_feed_kind       (PfLesson   *self);
gboolean     pf_lesson_get_lab_tls         (PfLesson   *self,
                                            PfLabTls   *kind);
char        *pf_lesson_dup_url             (PfLesson   *self,
                                            const char *lab_url);
PfRequest   *pf_lesson_build_request       (PfLesson   *self,
                                            const char *lab_url);

G_END_DECLS
