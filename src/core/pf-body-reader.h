/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-body-store.h"

G_BEGIN_DECLS

#define PF_TYPE_BODY_READER (pf_body_reader_get_type ())

G_DECLARE_FINAL_TYPE (PfBodyReader, pf_body_reader, PF, BODY_READER, GObject)

/* How a reader tells its owner what happened; @user_data is the owner's, from start (). */
typedef struct
{
  /* @len more bytes of the body, in order, at @data (lent for the call). The owner may
   * cancel from here: nothing more is read. */
  void (*chunk)    (const guint8 *data,
                    gsize         len,
                    gpointer      user_data);
  /* Once, when none of the reader's reads and writes is under way any more: @error is NULL
   * when the whole body was read and stored, G_IO_ERROR_CANCELLED when the cancellable was
   * cancelled (silence: nothing went wrong), else the read or write that failed. */
  void (*finished) (const GError *error,
                    gpointer      user_data);
} PfBodyReaderCallbacks;

PfBodyReader *pf_body_reader_new   (GInputStream                *stream,
                                    PfBodyStore                 *store);
void          pf_body_reader_start (PfBodyReader                *self,
                                    const PfBodyReaderCallbacks *callbacks,
                                    gpointer                     user_data,
                                    GCancellable                *cancellable);

G_END_DECLS
