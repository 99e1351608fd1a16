/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-http-file-entry"

#include "config.h"

#include "pf-http-file-entry.h"
#include "pf-http-file-private.h"

/* One request of a .http file: its name (from “# @name” or the “###” line's title), the line
 * of its request line, the bytes it spans (its directives, request line, headers and body;
 * not the comments before them nor the blank lines after) and the request it describes, with
 * its {{variables}} as typed. */
struct _PfHttpFileEntry
{
  GObject parent_instance;

  char *name;
  guint line;
  gsize start;
  gsize end;
  gsize block_start;
  gsize block_end;
  PfRequest *request;
  GPtrArray *parts;
};

G_DEFINE_FINAL_TYPE (PfHttpFileEntry, pf_http_file_entry, G_TYPE_OBJECT)

void
_pf_http_part_free (PfHttpPart *part)
{
  g_free (part->raw);
  g_free (part->key);
  g_free (part->value);
  g_free (part);
}

static void
pf_http_file_entry_finalize (GObject *object)
{
  PfHttpFileEntry *self = PF_HTTP_FILE_ENTRY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->request);
  g_clear_pointer (&self->parts, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_http_file_entry_parent_class)->finalize (object);
}

static void
pf_http_file_entry_class_init (PfHttpFileEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_http_file_entry_finalize;
}

static void
pf_http_file_entry_init (PfHttpFileEntry *self)
{
}

PfHttpFileEntry *
_pf_http_file_entry_new (const char *name,
                         guint       line,
                         gsize       start,
                         gsize       end,
                         gsize       block_start,
                         gsize       block_end,
                         PfRequest  *request,
                         GPtrArray  *parts)
{
  PfHttpFileEntry *self = g_object_new (PF_TYPE_HTTP_FILE_ENTRY, NULL);

  self->name = g_strdup (name ? name : "");
  self->line = line;
  self->start = start;
  self->end = end;
  self->block_start = block_start;
  self->block_end = block_end;
  self->request = g_object_ref (request);
  self->parts = g_ptr_array_ref (parts);
  return self;
}

GPtrArray *
_pf_http_file_entry_get_parts (PfHttpFileEntry *self)
{
  return self->parts;
}

gsize
_pf_http_file_entry_get_block_start (PfHttpFileEntry *self)
{
  return self->block_start;
}

gsize
_pf_http_file_entry_get_block_end (PfHttpFileEntry *self)
{
  return self->block_end;
}

/* The name as typed; "" when the entry has none. */
const char *
pf_http_file_entry_get_name (PfHttpFileEntry *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE_ENTRY (self), NULL);
  return self->name;
}

/* The line of the request line, counted from 1. */
guint
pf_http_file_entry_get_line (PfHttpFileEntry *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE_ENTRY (self), 0);
  return self->line;
}

gsize
pf_http_file_entry_get_start (PfHttpFileEntry *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE_ENTRY (self), 0);
  return self->start;
}

gsize
pf_http_file_entry_get_end (PfHttpFileEntry *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE_ENTRY (self), 0);
  return self->end;
}

/* A new request each time: the caller may edit or expand it. */
/* The request as the file has it, owned by the entry: read it, or copy it to change it. */
PfRequest *
pf_http_file_entry_get_request (PfHttpFileEntry *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE_ENTRY (self), NULL);
  return self->request;
}

PfRequest *
pf_http_file_entry_dup_request (PfHttpFileEntry *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE_ENTRY (self), NULL);
  return pf_request_copy (self->request);
}

/* The name, or "METHOD URL" for an entry without one. */
char *
pf_http_file_entry_dup_label (PfHttpFileEntry *self)
{
  g_return_val_if_fail (PF_IS_HTTP_FILE_ENTRY (self), NULL);
  if (*self->name != '\0')
    return g_strdup (self->name);
  return g_strdup_printf ("%s %s", pf_request_get_method (self->request),
                          pf_request_get_url (self->request));
}
