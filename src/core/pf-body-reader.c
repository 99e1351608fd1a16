/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The other core files each log under their own name; the reader's state changes are meant
 * to be seen with G_MESSAGES_DEBUG=Preflight-core. */
#define G_LOG_DOMAIN "Preflight-core"

#include "config.h"

#include "pf-body-reader.h"

#include <glib/gi18n-lib.h>

/* g_debug () formats its message before the default writer drops it, and a body gets three:
 * formatted only when they would be shown, as decided when the reader started (asking the
 * writer reads the environment each time). */
#define DEBUG_READER(self, ...) \
  G_STMT_START                  \
  {                             \
    if ((self)->debug)          \
      g_debug (__VA_ARGS__);    \
  }                             \
  G_STMT_END

/* A response body read from a stream into a PfBodyStore, in large chunks, the next read
 * overlapping the previous chunk's write. It knows nothing of HTTP: any GInputStream will do,
 * read without blocking when it is pollable and by async reads otherwise. */

/* Two buffers of this size alternate: one fills from the stream while the other is written
 * to the store. */
#define READ_BUFFER_SIZE (1024 * 1024)
/* A large download always has data waiting: read at default priority it would take every
 * turn of the main loop, and a window would draw no frame until the body ended. Past its
 * first mebibyte a body is read below the redraw and timeout priorities, in the time left
 * over; smaller ones keep the default priority (and their latency). */
#define BULK_BYTES (1024 * 1024)
#define BULK_PRIORITY G_PRIORITY_DEFAULT_IDLE
/* What the stream already holds is taken without a turn of the main loop: a source on the
 * stream stays armed while the body comes, and each time it is readable the reads go on
 * without blocking until nothing is left or this much time has gone by; then the loop gets a
 * turn (to draw and dispatch) before the next. A command line reads about 30 MiB a turn; a
 * window, which also records each chunk, fewer. */
#define READ_TURN_US (8 * 1000)

struct _PfBodyReader
{
  GObject parent_instance;

  /* Set at construction */
  GInputStream *stream; /* released when finished */
  PfBodyStore *store;
  GCancellable *cancellable; /* ours, made before the first operation that waits: cancelled
                              * by the caller's, or by a failure */

  /* The owner, from start () */
  const PfBodyReaderCallbacks *callbacks;
  gpointer user_data;
  GCancellable *caller_cancellable;
  gulong caller_cancel_id;

  /* The reads */
  gboolean pollable;
  GSource *read_source; /* the stream's readable source, armed while reading */
  guint8 *buffers[2];
  guint current; /* the buffer reads go to */
  gsize fill;    /* how much of it is filled */
  guint64 received;
  gboolean bulk; /* read below the redraw priority */
  gboolean eof;

  /* The writes */
  const guint8 *in_write; /* the other buffer, while the store writes it */
  gboolean flush_waiting; /* the current buffer is full and waits for that write */
  gboolean spooling;      /* writes go to the store's file, asynchronously */

  /* The run */
  guint pending; /* reads (an armed source counts as one) and writes under way */
  gboolean started;
  gboolean ended; /* the stream ended and every byte is stored */
  GError *error;  /* the first failure */
  gboolean finished;
  gboolean debug; /* its debug messages are shown */
};

G_DEFINE_FINAL_TYPE (PfBodyReader, pf_body_reader, G_TYPE_OBJECT)

/* One read buffer kept from a reader that finished for the next one (any thread's): a small
 * body, read at once, would otherwise take a mebibyte from the allocator and give it back
 * each time. */
static gpointer spare_buffer;

static guint8 *
take_buffer (void)
{
  guint8 *buffer = g_atomic_pointer_exchange (&spare_buffer, NULL);

  return buffer != NULL ? buffer : g_malloc (READ_BUFFER_SIZE);
}

static void
give_back_buffer (guint8 **buffer)
{
  guint8 *given = g_steal_pointer (buffer);

  if (given != NULL && !g_atomic_pointer_compare_and_exchange (&spare_buffer, NULL, given))
    g_free (given);
}

typedef enum
{
  READ_STOP, /* end of stream, failure, cancellation, or a full buffer waiting for its write */
  READ_WAIT, /* nothing there: read on when the stream is readable */
  READ_MORE, /* the turn's time is used up and more may be there already */
} ReadOutcome;

static void start_read (PfBodyReader *self);

static void
pf_body_reader_finalize (GObject *object)
{
  PfBodyReader *self = PF_BODY_READER (object);

  /* A started reader holds itself until it has finished. */
  g_assert (!self->started || self->finished);
  g_clear_object (&self->stream);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  give_back_buffer (&self->buffers[0]);
  give_back_buffer (&self->buffers[1]);

  G_OBJECT_CLASS (pf_body_reader_parent_class)->finalize (object);
}

static void
pf_body_reader_class_init (PfBodyReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_body_reader_finalize;
}

static void
pf_body_reader_init (PfBodyReader *self)
{
}

/* Reads @stream into @store once started. */
PfBodyReader *
pf_body_reader_new (GInputStream *stream,
                    PfBodyStore *store)
{
  PfBodyReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (PF_IS_BODY_STORE (store), NULL);

  self = g_object_new (PF_TYPE_BODY_READER, NULL);
  self->stream = g_object_ref (stream);
  self->store = g_object_ref (store);
  return self;
}

/* What the reader's operations are cancelled by: its own cancellable once it has one, the
 * caller's until then (a body read at once, without waiting, makes no cancellable and no
 * connection to the caller's). */
static GCancellable *
operation_cancellable (PfBodyReader *self)
{
  return self->cancellable != NULL ? self->cancellable : self->caller_cancellable;
}

static void caller_cancelled_cb (GCancellable *cancellable,
                                 PfBodyReader *self);

/* For an operation that waits (a source, an async read or write), which a failure must be
 * able to stop: the reader's own cancellable, cancelled by the caller's from now on. */
static GCancellable *
waiting_cancellable (PfBodyReader *self)
{
  if (self->cancellable != NULL)
    return self->cancellable;
  self->cancellable = g_cancellable_new ();
  if (self->caller_cancellable != NULL)
    self->caller_cancel_id = g_cancellable_connect (self->caller_cancellable,
                                                    G_CALLBACK (caller_cancelled_cb), self, NULL);
  return self->cancellable;
}

static gboolean
stopped (PfBodyReader *self)
{
  return self->error != NULL || g_cancellable_is_cancelled (operation_cancellable (self));
}

/* Keeps the first failure and stops what is still under way. Once stopped, a read or write
 * that fails (cancelled, mostly) says nothing new. */
static void
fail (PfBodyReader *self,
      GError **error,
      gboolean storing)
{
  g_autofree char *message = NULL;

  if (stopped (self))
    return;
  self->error = g_steal_pointer (error);
  if (storing)
    {
      message = g_steal_pointer (&self->error->message);
      self->error->message = g_strdup_printf (_ ("Could not store the response body: %s"),
                                              message);
    }
  DEBUG_READER (self, "body reader %p: failed after %" G_GUINT64_FORMAT " bytes: %s", self,
                self->received, self->error->message);
  /* Without a cancellable of its own, nothing of the reader's is waiting. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
enter_bulk (PfBodyReader *self,
            const char *why)
{
  self->bulk = TRUE;
  DEBUG_READER (self, "body reader %p: bulk mode (%s), reads go below the redraw priority", self,
                why);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     PfBodyReader *self)
{
  g_cancellable_cancel (self->cancellable);
}

/* Tells the owner once nothing is under way any more, and lets go of the stream (the
 * connection is free for the next request) and of the reference start () took. */
static void
finish (PfBodyReader *self)
{
  g_autoptr (GError) error = g_steal_pointer (&self->error);

  g_assert (self->pending == 0 && self->in_write == NULL && self->read_source == NULL);
  self->finished = TRUE;
  if (error == NULL && !self->ended)
    g_cancellable_set_error_if_cancelled (operation_cancellable (self), &error);
  DEBUG_READER (self, "body reader %p: finished after %" G_GUINT64_FORMAT " bytes: %s", self,
                self->received, error ? error->message : "all read and stored");
  g_cancellable_disconnect (self->caller_cancellable, self->caller_cancel_id);
  g_clear_object (&self->caller_cancellable);
  g_clear_object (&self->stream);
  /* The store is the caller's once it hears of the end (it may be on another thread). */
  g_clear_object (&self->store);
  give_back_buffer (&self->buffers[0]);
  give_back_buffer (&self->buffers[1]);
  self->callbacks->finished (error, self->user_data);
  g_object_unref (self);
}

/* Called where a callback of ours returns to the main loop. */
static void
maybe_finish (PfBodyReader *self)
{
  /* Short of its end or a stop, a reader always has a read or a write under way. */
  g_assert (self->pending > 0 || self->ended || stopped (self));
  if (self->pending == 0 && !self->finished)
    finish (self);
}

static void flush_buffer (PfBodyReader *self);

/* What to do once a write has finished or the stream has ended. */
static void
continue_after_write (PfBodyReader *self)
{
  if (self->flush_waiting)
    {
      self->flush_waiting = FALSE;
      flush_buffer (self);
      if (!stopped (self))
        start_read (self);
    }
  else if (self->eof && self->fill > 0)
    flush_buffer (self);
  else if (self->eof)
    self->ended = TRUE;
}

static void
write_cb (GObject *object,
          GAsyncResult *result,
          gpointer user_data)
{
  PfBodyReader *self = user_data;
  g_autoptr (GError) error = NULL;

  self->pending--;
  self->in_write = NULL;
  if (!pf_body_store_write_finish (PF_BODY_STORE (object), result, &error))
    fail (self, &error, TRUE);
  if (!stopped (self))
    continue_after_write (self);
  maybe_finish (self);
}

/* Hands the filled buffer to the store and reads on into the other one, so the next read
 * overlaps the write; one write per buffer, not per read. A write the store does at once (a
 * caller's sink, memory) goes on here, without a turn of the main loop. */
static void
flush_buffer (PfBodyReader *self)
{
  const guint8 *data = self->buffers[self->current];
  gsize len = self->fill;

  /* Reads never go to a buffer that is being written. */
  g_assert (self->in_write == NULL && !self->flush_waiting);
  self->current = !self->current;
  self->fill = 0;
  if (pf_body_store_writes_now (self->store, len))
    {
      g_autoptr (GError) error = NULL;

      if (!pf_body_store_write (self->store, data, len, operation_cancellable (self), &error))
        fail (self, &error, TRUE);
      else if (self->eof)
        continue_after_write (self);
      return;
    }
  if (!self->spooling)
    DEBUG_READER (self, "body reader %p: spooling to a file from byte %" G_GUINT64_FORMAT, self,
                  pf_body_store_get_size (self->store));
  self->spooling = TRUE;
  self->in_write = data;
  self->pending++;
  pf_body_store_write_async (self->store, data, len, waiting_cancellable (self), write_cb, self);
}

/* Where the next read goes: the rest of the current buffer. */
static guint8 *
read_target (PfBodyReader *self)
{
  guint8 **buffer = &self->buffers[self->current];

  if (G_UNLIKELY (*buffer == NULL))
    *buffer = take_buffer ();
  g_assert (*buffer != self->in_write && !self->flush_waiting);
  g_assert (self->fill < READ_BUFFER_SIZE && !self->eof && !self->finished);
  return *buffer + self->fill;
}

/* One read's outcome (@n bytes, 0 at the end, -1 with @error). Returns TRUE when the next
 * read should start now. */
static gboolean
take_read (PfBodyReader *self,
           gssize n,
           GError **error)
{
  const guint8 *data;

  if (n < 0)
    {
      fail (self, error, FALSE);
      return FALSE;
    }
  if (n == 0)
    {
      DEBUG_READER (self, "body reader %p: end of stream after %" G_GUINT64_FORMAT " bytes", self,
                    self->received);
      self->eof = TRUE;
      if (self->in_write == NULL)
        continue_after_write (self);
      return FALSE;
    }
  g_assert ((gsize) n <= READ_BUFFER_SIZE - self->fill);
  data = self->buffers[self->current] + self->fill;
  self->fill += n;
  self->received += n;
  if (G_UNLIKELY (!self->bulk && self->received > BULK_BYTES))
    enter_bulk (self, "past the first MiB");
  self->callbacks->chunk (data, n, self->user_data);
  if (stopped (self))
    return FALSE;
  if (self->fill < READ_BUFFER_SIZE)
    return TRUE;
  if (self->in_write != NULL)
    {
      self->flush_waiting = TRUE;
      return FALSE;
    }
  flush_buffer (self);
  return !stopped (self);
}

static void
read_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  PfBodyReader *self = user_data;
  g_autoptr (GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  self->pending--;
  if (!stopped (self) && take_read (self, n, &error))
    start_read (self);
  maybe_finish (self);
}

/* Reads without blocking while data is there, for READ_TURN_US at most. */
static ReadOutcome
read_available (PfBodyReader *self)
{
  GPollableInputStream *pollable = G_POLLABLE_INPUT_STREAM (self->stream);
  gint64 deadline = g_get_monotonic_time () + READ_TURN_US;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GError) error = NULL;
      gssize n = g_pollable_input_stream_read_nonblocking (pollable, read_target (self),
                                                           READ_BUFFER_SIZE - self->fill,
                                                           operation_cancellable (self),
                                                           &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return READ_WAIT;
      if (!take_read (self, n, &error))
        return READ_STOP;
    }
  if (!self->bulk)
    enter_bulk (self, "a read turn used its whole time");
  return READ_MORE;
}

/* Arms the source: at the stream's readiness, or at once when more may be there already (the
 * end of a body is not always a readable socket: libsoup may hold it). */
static void
arm_read_source (PfBodyReader *self,
                 ReadOutcome outcome)
{
  g_source_set_priority (self->read_source, self->bulk ? BULK_PRIORITY : G_PRIORITY_DEFAULT);
  g_source_set_ready_time (self->read_source, outcome == READ_MORE ? 0 : -1);
}

/* The stream is readable, or the reader was cancelled. */
static gboolean
readable_cb (GObject *stream,
             gpointer user_data)
{
  PfBodyReader *self = user_data;
  ReadOutcome outcome = stopped (self) ? READ_STOP : read_available (self);

  if (outcome != READ_STOP)
    {
      arm_read_source (self, outcome);
      return G_SOURCE_CONTINUE;
    }
  g_clear_pointer (&self->read_source, g_source_unref);
  self->pending--;
  maybe_finish (self);
  return G_SOURCE_REMOVE;
}

static void
start_read (PfBodyReader *self)
{
  g_assert (self->read_source == NULL);
  if (self->pollable)
    {
      /* In bulk, this runs where a write completed, above the redraw priority: the reads
       * wait for their own source's turn instead. */
      ReadOutcome outcome = self->bulk ? READ_MORE : read_available (self);
      GPollableInputStream *pollable = G_POLLABLE_INPUT_STREAM (self->stream);

      if (outcome == READ_STOP)
        return;
      self->read_source = g_pollable_input_stream_create_source (pollable,
                                                                 waiting_cancellable (self));
      arm_read_source (self, outcome);
      g_source_set_callback (self->read_source, G_SOURCE_FUNC (readable_cb), self, NULL);
      self->pending++;
      g_source_attach (self->read_source, g_main_context_get_thread_default ());
      return;
    }
  self->pending++;
  g_input_stream_read_async (self->stream, read_target (self), READ_BUFFER_SIZE - self->fill,
                             self->bulk ? BULK_PRIORITY : G_PRIORITY_DEFAULT,
                             waiting_cancellable (self),
                             read_cb, self);
}

/* Reads the whole stream into the store, telling @callbacks each chunk and, once, the end.
 * The reader keeps itself alive until then; @callbacks and @user_data must stay valid. What
 * the stream already holds may be read, and even finished, before this returns. */
void
pf_body_reader_start (PfBodyReader *self,
                      const PfBodyReaderCallbacks *callbacks,
                      gpointer user_data,
                      GCancellable *cancellable)
{
  g_return_if_fail (PF_IS_BODY_READER (self));
  g_return_if_fail (callbacks != NULL && callbacks->chunk != NULL && callbacks->finished != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->debug = !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
  self->callbacks = callbacks;
  self->user_data = user_data;
  g_object_ref (self);
  self->pollable = G_IS_POLLABLE_INPUT_STREAM (self->stream) &&
                   g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (self->stream));
  DEBUG_READER (self, "body reader %p: start (%s reads)", self,
                self->pollable ? "non-blocking" : "async");
  if (cancellable != NULL)
    self->caller_cancellable = g_object_ref (cancellable);
  if (!stopped (self))
    start_read (self);
  maybe_finish (self);
}
