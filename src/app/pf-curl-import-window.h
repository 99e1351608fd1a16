/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PF_TYPE_CURL_IMPORT_WINDOW (pf_curl_import_window_get_type ())

G_DECLARE_FINAL_TYPE (PfCurlImportWindow, pf_curl_import_window, PF, CURL_IMPORT_WINDOW, AdwWindow)

PfCurlImportWindow *pf_curl_import_window_new (GtkWindow *parent);

G_END_DECLS
