/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pf-key-value.h"

G_BEGIN_DECLS

/* What a row of the request editor's tables holds: each kind has its own words, and only
 * headers are checked against what a browser would drop or preflight. */
typedef enum
{
  PF_KEY_VALUE_ROW_PARAM,
  PF_KEY_VALUE_ROW_HEADER,
  PF_KEY_VALUE_ROW_FIELD,
  PF_KEY_VALUE_ROW_FILE_PART,
} PfKeyValueRowKind;

#define PF_TYPE_KEY_VALUE_ROW_KIND (pf_key_value_row_kind_get_type ())
#define PF_TYPE_KEY_VALUE_ROW      (pf_key_value_row_get_type ())

GType pf_key_value_row_kind_get_type (void);

G_DECLARE_FINAL_TYPE (PfKeyValueRow, pf_key_value_row, PF, KEY_VALUE_ROW, GtkListBoxRow)

GtkWidget         *pf_key_value_row_new      (PfKeyValue        *item,
                                              PfKeyValueRowKind  kind);
PfKeyValue        *pf_key_value_row_get_item (PfKeyValueRow     *self);
PfKeyValueRowKind  pf_key_value_row_get_kind (PfKeyValueRow     *self);
gboolean           pf_key_value_row_check    (PfKeyValueRow     *self);
void               pf_key_value_row_mark     (PfKeyValueRow     *self,
                                              const char        *message);

G_END_DECLS
