/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A line longer than this many bytes goes on over several rows (see pf-body-lines.c). */
#define PF_BODY_LINES_SEGMENT (4 * 1024)

typedef enum
{
  PF_BODY_ROW_NONE = 0,
  /* The row ends where a long line is cut, not at a newline: the line goes on in the next. */
  PF_BODY_ROW_CONTINUES = 1 << 0,
} PfBodyRowFlags;

/* One row of the body: a line, or a piece of a line longer than a segment. */
typedef struct
{
  guint64 offset;
  guint32 length; /* its bytes, the newline that ends it included */
  guint32 flags;  /* PfBodyRowFlags */
} PfBodyRow;

#define PF_TYPE_BODY_LINES (pf_body_lines_get_type ())

G_DECLARE_FINAL_TYPE (PfBodyLines, pf_body_lines, PF, BODY_LINES, GObject)

PfBodyLines *pf_body_lines_new_for_file (GFile *file,
                                         guint segment,
                                         GError **error);
PfBodyLines *pf_body_lines_new_for_bytes (GBytes *bytes,
                                          guint segment);
guint64 pf_body_lines_get_size (PfBodyLines *self);
gboolean pf_body_lines_update_size (PfBodyLines *self,
                                    GError **error);
gboolean pf_body_lines_row_start (PfBodyLines *self,
                                  guint64 offset,
                                  guint64 *start,
                                  GError **error);
gboolean pf_body_lines_read_rows (PfBodyLines *self,
                                  guint64 start,
                                  guint max_rows,
                                  GArray *rows,
                                  GByteArray *bytes,
                                  GError **error);
char *pf_body_lines_row_text (const guint8 *data,
                              gsize length,
                              guint32 flags);

G_END_DECLS
