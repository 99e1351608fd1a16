/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-exchange.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean json;
  gboolean response; /* the result has "response" even for responseType "" */
  GString *out;
} PfCliOutput;

void pf_cli_output_entry  (PfCliOutput            *output,
                           const PfTimelineRecord *entry);
void pf_cli_output_result (PfCliOutput     *output,
                           PfExchange      *exchange,
                           guint            run);
void pf_cli_output_flush  (PfCliOutput     *output);

G_END_DECLS
