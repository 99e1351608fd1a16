/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* How a row of the CORS page is marked: a rule that passed, one that failed, a warning. */
typedef enum
{
  PF_CORS_ROW_PLAIN,
  PF_CORS_ROW_PASSED,
  PF_CORS_ROW_FAILED,
  PF_CORS_ROW_WARNING,
} PfCorsRowMark;

#define PF_TYPE_CORS_ROW (pf_cors_row_get_type ())

G_DECLARE_FINAL_TYPE (PfCorsRow, pf_cors_row, PF, CORS_ROW, AdwActionRow)

GtkWidget *pf_cors_row_new (PfCorsRowMark  mark,
                            const char    *title,
                            const char    *subtitle);

G_END_DECLS
