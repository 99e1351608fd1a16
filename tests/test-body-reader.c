/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pf-body-reader.h"

/* PfBodyReader on streams of our own, no HTTP: every byte arrives in order and is stored
 * (in memory, spooled, or in the caller's sink), the end is told once, a failure with its
 * message, a cancellation as silence; and a large body leaves the main loop turns to draw. */

/* The reader's buffer size: a body a few buffers long has writes overlap reads. */
#define READ_BUFFER_SIZE (1024 * 1024)

/* A stream that hands out a few bytes per read. Pollable, it would block every few reads
 * and is readable again a millisecond later; otherwise each async read is answered from an
 * idle. It can break at an offset, and be endless. */
struct _TestSlowStream
{
  GInputStream parent_instance;

  GBytes *data;             /* NULL: endless */
  gsize offset;
  gsize break_at;           /* a read here fails */
  gsize most;               /* the most bytes a read gives; 0: as many as asked */
  gboolean pollable;
  gint64 blocked_until;
  guint reads;
};

#define TEST_TYPE_SLOW_STREAM (test_slow_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestSlowStream, test_slow_stream, TEST, SLOW_STREAM, GInputStream)

static void test_slow_stream_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSlowStream, test_slow_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      test_slow_stream_pollable_init))

#define BROKEN_MESSAGE "The peer went away mid-body"

static gssize
test_slow_stream_take (TestSlowStream *self,
                       void           *buffer,
                       gsize           count,
                       GError        **error)
{
  gsize end = self->data ? g_bytes_get_size (self->data) : G_MAXSIZE;
  gsize n;

  if (self->offset >= self->break_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, BROKEN_MESSAGE);
      return -1;
    }
  self->reads++;
  n = self->most ? 1 + self->reads % self->most : count;
  n = MIN (MIN (n, count), MIN (end, self->break_at) - self->offset);
  if (self->data != NULL)
    memcpy (buffer, (const guint8 *) g_bytes_get_data (self->data, NULL) + self->offset, n);
  else
    memset (buffer, 'x', n);
  self->offset += n;
  return n;
}

static gssize
test_slow_stream_read (GInputStream *stream,
                       void         *buffer,
                       gsize         count,
                       GCancellable *cancellable,
                       GError      **error)
{
  return test_slow_stream_take (TEST_SLOW_STREAM (stream), buffer, count, error);
}

typedef struct
{
  void *buffer;
  gsize count;
} PendingRead;

static gboolean
answer_read_cb (gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PendingRead *read = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  n = test_slow_stream_take (g_task_get_source_object (task), read->buffer, read->count, &error);
  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
  return G_SOURCE_REMOVE;
}

static void
test_slow_stream_read_async (GInputStream       *stream,
                             void               *buffer,
                             gsize               count,
                             int                 priority,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask *task = g_task_new (stream, cancellable, callback, user_data);
  PendingRead *read = g_new (PendingRead, 1);

  read->buffer = buffer;
  read->count = count;
  g_task_set_task_data (task, read, g_free);
  g_idle_add_full (priority, answer_read_cb, task, NULL);
}

static gssize
test_slow_stream_read_finish (GInputStream *stream,
                              GAsyncResult *result,
                              GError      **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
test_slow_stream_can_poll (GPollableInputStream *stream)
{
  return TEST_SLOW_STREAM (stream)->pollable;
}

static gboolean
test_slow_stream_is_readable (GPollableInputStream *stream)
{
  return g_get_monotonic_time () >= TEST_SLOW_STREAM (stream)->blocked_until;
}

/* Wakes every millisecond: the reader finds out by reading whether there is something. */
static GSource *
test_slow_stream_create_source (GPollableInputStream *stream,
                                GCancellable         *cancellable)
{
  g_autoptr (GSource) tick = g_timeout_source_new (1);

  return g_pollable_source_new_full (stream, tick, cancellable);
}

static gssize
test_slow_stream_read_nonblocking (GPollableInputStream *stream,
                                   void                 *buffer,
                                   gsize                 count,
                                   GError              **error)
{
  TestSlowStream *self = TEST_SLOW_STREAM (stream);

  if (!test_slow_stream_is_readable (stream) || (self->most > 0 && self->reads % 16 == 15))
    {
      if (test_slow_stream_is_readable (stream))
        {
          self->reads++;
          self->blocked_until = g_get_monotonic_time () + 1000;
        }
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "Nothing to read yet");
      return -1;
    }
  return test_slow_stream_take (self, buffer, count, error);
}

static void
test_slow_stream_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = test_slow_stream_can_poll;
  iface->is_readable = test_slow_stream_is_readable;
  iface->create_source = test_slow_stream_create_source;
  iface->read_nonblocking = test_slow_stream_read_nonblocking;
}

static void
test_slow_stream_finalize (GObject *object)
{
  g_clear_pointer (&TEST_SLOW_STREAM (object)->data, g_bytes_unref);
  G_OBJECT_CLASS (test_slow_stream_parent_class)->finalize (object);
}

static void
test_slow_stream_class_init (TestSlowStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_slow_stream_finalize;
  stream_class->read_fn = test_slow_stream_read;
  stream_class->read_async = test_slow_stream_read_async;
  stream_class->read_finish = test_slow_stream_read_finish;
}

static void
test_slow_stream_init (TestSlowStream *self)
{
  self->break_at = G_MAXSIZE;
}

static GInputStream *
test_slow_stream_new (GBytes  *data,
                      gsize    most,
                      gboolean pollable)
{
  TestSlowStream *self = g_object_new (TEST_TYPE_SLOW_STREAM, NULL);

  self->data = data ? g_bytes_ref (data) : NULL;
  self->most = most;
  self->pollable = pollable;
  return G_INPUT_STREAM (self);
}

/* What the reader told: the bytes (unless only counted), how often, and its end. */
typedef struct
{
  GCancellable *cancellable;
  gsize cancel_at;          /* cancel once this many bytes came; 0: never */
  gboolean count_only;
  GByteArray *bytes;
  guint64 received;
  guint chunks;
  guint chunks_after_cancel;
  guint finished;
  GError *error;
} Outcome;

static void
outcome_init (Outcome *out)
{
  memset (out, 0, sizeof *out);
  out->cancellable = g_cancellable_new ();
  out->bytes = g_byte_array_new ();
}

static void
outcome_clear (Outcome *out)
{
  g_clear_object (&out->cancellable);
  g_clear_pointer (&out->bytes, g_byte_array_unref);
  g_clear_error (&out->error);
}

static void
chunk_cb (const guint8 *data,
          gsize         len,
          gpointer      user_data)
{
  Outcome *out = user_data;

  g_assert_cmpuint (len, >, 0);
  g_assert_cmpuint (out->finished, ==, 0);
  if (g_cancellable_is_cancelled (out->cancellable))
    out->chunks_after_cancel++;
  out->chunks++;
  out->received += len;
  if (!out->count_only)
    g_byte_array_append (out->bytes, data, len);
  if (out->cancel_at > 0 && out->received >= out->cancel_at)
    g_cancellable_cancel (out->cancellable);
}

static void
finished_cb (const GError *error,
             gpointer      user_data)
{
  Outcome *out = user_data;

  out->finished++;
  g_clear_error (&out->error);
  out->error = error ? g_error_copy (error) : NULL;
}

static const PfBodyReaderCallbacks callbacks = { chunk_cb, finished_cb };

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@done is set, or fails the test after @seconds. */
static void
iterate_until (const guint *done,
               guint        seconds)
{
  gboolean late = FALSE;
  guint deadline_id = g_timeout_add_seconds_full (G_PRIORITY_HIGH, seconds, deadline_cb, &late,
                                                  NULL);

  while (*done == 0 && !late)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (late);
  g_source_remove (deadline_id);
}

/* Whatever a finished reader left behind runs now: nothing may be told twice. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Reads @stream into @store until the reader finishes, and checks it let go of both. */
static void
read_body (GInputStream *stream,
           PfBodyStore  *store,
           Outcome      *out)
{
  PfBodyReader *reader = pf_body_reader_new (stream, store);

  pf_body_reader_start (reader, &callbacks, out, out->cancellable);
  iterate_until (&out->finished, 10);
  drain ();
  g_assert_cmpuint (out->finished, ==, 1);
  g_assert_finalize_object (reader);
}

/* Bytes that do not repeat every 256, so a chunk out of place shows. */
static GBytes *
make_body (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 7 + i / 251);
  return g_bytes_new_take (data, size);
}

static void
assert_bytes_equal (GBytes       *expected,
                    const guint8 *data,
                    gsize         len)
{
  g_assert_cmpmem (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected), data, len);
}

static void
test_memory_whole_body (void)
{
  g_autoptr (GBytes) body = make_body (100 * 1024);
  g_autoptr (PfBodyStore) store = pf_body_store_new (PF_BODY_STORE_DEFAULT_MEMORY_LIMIT, NULL);
  g_autoptr (GBytes) stored = NULL;
  GInputStream *stream = g_memory_input_stream_new_from_bytes (body);
  Outcome out;

  outcome_init (&out);
  read_body (stream, store, &out);
  g_assert_no_error (out.error);
  assert_bytes_equal (body, out.bytes->data, out.bytes->len);
  stored = pf_body_store_dup_bytes (store);
  assert_bytes_equal (body, g_bytes_get_data (stored, NULL), g_bytes_get_size (stored));
  g_assert_null (pf_body_store_get_file (store));
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

static void
test_memory_empty_body (void)
{
  g_autoptr (PfBodyStore) store = pf_body_store_new (PF_BODY_STORE_DEFAULT_MEMORY_LIMIT, NULL);
  g_autoptr (GBytes) stored = NULL;
  GInputStream *stream = g_memory_input_stream_new ();
  Outcome out;

  outcome_init (&out);
  read_body (stream, store, &out);
  g_assert_no_error (out.error);
  g_assert_cmpuint (out.chunks, ==, 0);
  stored = pf_body_store_dup_bytes (store);
  g_assert_cmpuint (g_bytes_get_size (stored), ==, 0);
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

/* The store's file holds every byte, and goes with the store. */
static void
assert_spooled (PfBodyStore *store,
                GBytes      *body)
{
  g_autoptr (GFile) file = g_object_ref (pf_body_store_get_file (store));
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;

  g_assert_null (pf_body_store_dup_bytes (store));
  g_assert_cmpuint (pf_body_store_get_size (store), ==, g_bytes_get_size (body));
  g_assert_true (g_file_load_contents (file, NULL, &contents, &len, NULL, &error));
  g_assert_no_error (error);
  assert_bytes_equal (body, (const guint8 *) contents, len);
  g_assert_finalize_object (store);
  g_assert_false (g_file_query_exists (file, NULL));
}

/* Past the memory limit the body goes to a file; three buffers' worth and a bit, so writes
 * overlap reads and the last buffer is partly filled. */
static void
test_memory_spools_past_the_limit (void)
{
  g_autoptr (GBytes) body = make_body (3 * READ_BUFFER_SIZE + 17);
  PfBodyStore *store = pf_body_store_new (READ_BUFFER_SIZE + READ_BUFFER_SIZE / 2, NULL);
  GInputStream *stream = g_memory_input_stream_new_from_bytes (body);
  Outcome out;

  outcome_init (&out);
  read_body (stream, store, &out);
  g_assert_no_error (out.error);
  assert_bytes_equal (body, out.bytes->data, out.bytes->len);
  assert_spooled (store, body);
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

/* The caller's sink gets every byte; nothing is kept. */
static void
test_memory_writes_to_the_sink (void)
{
  g_autoptr (GBytes) body = make_body (2 * READ_BUFFER_SIZE + READ_BUFFER_SIZE / 2);
  g_autoptr (GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr (PfBodyStore) store = pf_body_store_new (1024, sink);
  GInputStream *stream = g_memory_input_stream_new_from_bytes (body);
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (sink);
  Outcome out;

  outcome_init (&out);
  read_body (stream, store, &out);
  g_assert_no_error (out.error);
  assert_bytes_equal (body, g_memory_output_stream_get_data (memory),
                      g_memory_output_stream_get_data_size (memory));
  g_assert_false (pf_body_store_is_kept (store));
  g_assert_null (pf_body_store_get_file (store));
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

static void
test_memory_store_failure (void)
{
  g_autoptr (GBytes) body = make_body (1000);
  g_autoptr (GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr (PfBodyStore) store = pf_body_store_new (1024, sink);
  GInputStream *stream = g_memory_input_stream_new_from_bytes (body);
  Outcome out;

  g_assert_true (g_output_stream_close (sink, NULL, NULL));
  outcome_init (&out);
  read_body (stream, store, &out);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_true (g_str_has_prefix (out.error->message, "Could not store the response body: "));
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

/* A few bytes per read: data = TRUE for a pollable stream, FALSE for async reads. */
static void
test_slow_every_byte_in_order (gconstpointer data)
{
  g_autoptr (GBytes) body = make_body (8000);
  g_autoptr (PfBodyStore) store = pf_body_store_new (PF_BODY_STORE_DEFAULT_MEMORY_LIMIT, NULL);
  g_autoptr (GBytes) stored = NULL;
  GInputStream *stream = test_slow_stream_new (body, 13, GPOINTER_TO_INT (data));
  Outcome out;

  outcome_init (&out);
  read_body (stream, store, &out);
  g_assert_no_error (out.error);
  g_assert_cmpuint (out.chunks, >, 8000 / 13);
  assert_bytes_equal (body, out.bytes->data, out.bytes->len);
  stored = pf_body_store_dup_bytes (store);
  assert_bytes_equal (body, g_bytes_get_data (stored, NULL), g_bytes_get_size (stored));
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

/* The body ends before a buffer fills: the one write at the end goes past the limit. */
static void
test_slow_spools_past_the_limit (gconstpointer data)
{
  g_autoptr (GBytes) body = make_body (5000);
  PfBodyStore *store = pf_body_store_new (4096, NULL);
  GInputStream *stream = test_slow_stream_new (body, 13, GPOINTER_TO_INT (data));
  Outcome out;

  outcome_init (&out);
  read_body (stream, store, &out);
  g_assert_no_error (out.error);
  assert_spooled (store, body);
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

static void
test_read_error_is_a_failure (gconstpointer data)
{
  g_autoptr (GBytes) body = make_body (8000);
  g_autoptr (GBytes) before = g_bytes_new_from_bytes (body, 0, 3000);
  g_autoptr (PfBodyStore) store = pf_body_store_new (PF_BODY_STORE_DEFAULT_MEMORY_LIMIT, NULL);
  GInputStream *stream = test_slow_stream_new (body, 13, GPOINTER_TO_INT (data));
  Outcome out;

  TEST_SLOW_STREAM (stream)->break_at = 3000;
  outcome_init (&out);
  read_body (stream, store, &out);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_cmpstr (out.error->message, ==, BROKEN_MESSAGE);
  assert_bytes_equal (before, out.bytes->data, out.bytes->len);
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

/* Cancelled from a chunk: nothing more is told but, once, G_IO_ERROR_CANCELLED. */
static void
test_cancel_mid_body_is_silent (gconstpointer data)
{
  g_autoptr (GBytes) body = make_body (8000);
  g_autoptr (PfBodyStore) store = pf_body_store_new (PF_BODY_STORE_DEFAULT_MEMORY_LIMIT, NULL);
  GInputStream *stream = test_slow_stream_new (body, 13, GPOINTER_TO_INT (data));
  Outcome out;

  outcome_init (&out);
  out.cancel_at = 1000;
  read_body (stream, store, &out);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (out.chunks_after_cancel, ==, 0);
  g_assert_cmpuint (out.received, <, 1000 + 13);
  g_assert_cmpuint (TEST_SLOW_STREAM (stream)->offset, ==, out.received);
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

static void
test_cancel_before_start_is_silent (void)
{
  g_autoptr (GBytes) body = make_body (1000);
  g_autoptr (PfBodyStore) store = pf_body_store_new (PF_BODY_STORE_DEFAULT_MEMORY_LIMIT, NULL);
  GInputStream *stream = g_memory_input_stream_new_from_bytes (body);
  Outcome out;

  outcome_init (&out);
  g_cancellable_cancel (out.cancellable);
  read_body (stream, store, &out);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (out.chunks, ==, 0);
  g_assert_cmpuint (pf_body_store_get_size (store), ==, 0);
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

typedef struct
{
  guint count;
  guint enough;
} Frames;

static gboolean
frame_cb (gpointer user_data)
{
  Frames *frames = user_data;

  frames->enough = ++frames->count >= 5;
  return G_SOURCE_CONTINUE;
}

/* A body that always has data waiting is read below the redraw priority past its first MiB:
 * frames, timeouts at GDK's redraw priority, go on being drawn while it comes. Read at the
 * default priority, it would keep them waiting until the deadline. */
static void
test_endless_leaves_frames_drawn (void)
{
  g_autoptr (GOutputStream) sink = g_unix_output_stream_new (g_open ("/dev/null", O_WRONLY, 0),
                                                             TRUE);
  g_autoptr (PfBodyStore) store = pf_body_store_new (1024, sink);
  GInputStream *stream = test_slow_stream_new (NULL, 0, TRUE);
  PfBodyReader *reader = pf_body_reader_new (stream, store);
  Frames frames = { 0 };
  guint frame_id = g_timeout_add_full (G_PRIORITY_HIGH_IDLE + 20, 10, frame_cb, &frames, NULL);
  Outcome out;

  outcome_init (&out);
  out.count_only = TRUE;
  pf_body_reader_start (reader, &callbacks, &out, out.cancellable);
  iterate_until (&frames.enough, 10);
  g_source_remove (frame_id);
  g_assert_cmpuint (out.received, >, READ_BUFFER_SIZE);
  g_assert_cmpuint (out.finished, ==, 0);
  g_cancellable_cancel (out.cancellable);
  iterate_until (&out.finished, 10);
  drain ();
  g_assert_cmpuint (out.finished, ==, 1);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (out.chunks_after_cancel, ==, 0);
  g_assert_finalize_object (reader);
  g_assert_finalize_object (stream);
  outcome_clear (&out);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/body-reader/memory-stream/whole-body", test_memory_whole_body);
  g_test_add_func ("/body-reader/memory-stream/empty-body-ends-without-a-chunk",
                   test_memory_empty_body);
  g_test_add_func ("/body-reader/memory-stream/spools-past-the-limit",
                   test_memory_spools_past_the_limit);
  g_test_add_func ("/body-reader/memory-stream/writes-to-the-callers-sink",
                   test_memory_writes_to_the_sink);
  g_test_add_func ("/body-reader/memory-stream/store-failure-is-a-failure-naming-the-store",
                   test_memory_store_failure);
  g_test_add_data_func ("/body-reader/slow-stream/pollable/every-byte-in-order-end-once",
                        GINT_TO_POINTER (TRUE), test_slow_every_byte_in_order);
  g_test_add_data_func ("/body-reader/slow-stream/async/every-byte-in-order-end-once",
                        GINT_TO_POINTER (FALSE), test_slow_every_byte_in_order);
  g_test_add_data_func ("/body-reader/slow-stream/pollable/spools-past-the-limit",
                        GINT_TO_POINTER (TRUE), test_slow_spools_past_the_limit);
  g_test_add_data_func ("/body-reader/slow-stream/async/spools-past-the-limit",
                        GINT_TO_POINTER (FALSE), test_slow_spools_past_the_limit);
  g_test_add_data_func ("/body-reader/read-error/pollable/is-a-failure-with-its-message",
                        GINT_TO_POINTER (TRUE), test_read_error_is_a_failure);
  g_test_add_data_func ("/body-reader/read-error/async/is-a-failure-with-its-message",
                        GINT_TO_POINTER (FALSE), test_read_error_is_a_failure);
  g_test_add_data_func ("/body-reader/cancel/pollable/mid-body-is-silent",
                        GINT_TO_POINTER (TRUE), test_cancel_mid_body_is_silent);
  g_test_add_data_func ("/body-reader/cancel/async/mid-body-is-silent",
                        GINT_TO_POINTER (FALSE), test_cancel_mid_body_is_silent);
  g_test_add_func ("/body-reader/cancel/before-start-is-silent",
                   test_cancel_before_start_is_silent);
  g_test_add_func ("/body-reader/endless-stream/leaves-frames-drawn",
                   test_endless_leaves_frames_drawn);

  return g_test_run ();
}
