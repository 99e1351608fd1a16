/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The file the user chose (NULL: cancelled); @include_secrets when they asked for secret values. */
typedef void (*PfSaveDialogDone) (GFile    *file,
                                  gboolean  include_secrets,
                                  gpointer  user_data);

void pf_save_dialog_ask (GtkWidget        *widget,
                         const char       *title,
                         const char       *name,
                         gboolean          secrets_choice,
                         PfSaveDialogDone  done,
                         gpointer          user_data);

G_END_DECLS
