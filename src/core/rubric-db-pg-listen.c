/* rubric-db-pg-listen.c — LISTEN on a connection of its own, never blocking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PostgreSQL half of rubric-db-watch.c. The connection is made with
 * PQconnectStart / PQconnectPoll driven by a GSource on its socket, so the
 * main thread never waits on the server (one that does not answer costs a
 * socket, given up after 10 s; a host name is still resolved by libpq in
 * PQconnectStart itself, a blocking getaddrinfo). Once connected it sends LISTEN, then reads
 * notifications as they come (PQconsumeInput / PQnotifies). A lost
 * connection is made again after 1, 2, 4 … up to 30 s; once back, @func is
 * called once, as notifications may have been missed meanwhile.
 */

#include "config.h"

#include <glib-unix.h>
#include <libpq-fe.h>

#include "rubric-db-watch.h"

#define RETRY_FIRST_S 1
#define RETRY_MAX_S   30
/* libpq's connect_timeout does not apply to PQconnectPoll: ours. */
#define CONNECT_TIMEOUT_S 10

typedef enum
{
  STATE_CONNECTING,
  STATE_LISTENING,
  STATE_WAITING,    /* for the next try */
} State;

struct _RubricPgListen
{
  char              *conninfo;
  char              *channel;
  RubricDbWatchFunc  func;
  gpointer           user_data;
  GMainContext      *context;

  PGconn            *conn;
  GSource           *source;       /* on the socket, or the retry timeout */
  GSource           *deadline;     /* of the connection attempt */
  State              state;
  guint              retry_s;
  gboolean           was_connected;
};

static void connect_start (RubricPgListen *self);

static void
clear_source (RubricPgListen *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
}

static void
clear_deadline (RubricPgListen *self)
{
  if (self->deadline != NULL)
    {
      g_source_destroy (self->deadline);
      g_clear_pointer (&self->deadline, g_source_unref);
    }
}

static gboolean
retry_cb (gpointer user_data)
{
  RubricPgListen *self = user_data;

  g_clear_pointer (&self->source, g_source_unref);
  connect_start (self);
  return G_SOURCE_REMOVE;
}

/* Drops the connection and tries again later, each time later. */
static void
lost (RubricPgListen *self)
{
  clear_source (self);
  clear_deadline (self);
  g_clear_pointer (&self->conn, PQfinish);
  self->state = STATE_WAITING;
  self->source = g_timeout_source_new_seconds (self->retry_s);
  g_source_set_callback (self->source, retry_cb, self, NULL);
  g_source_attach (self->source, self->context);
  self->retry_s = MIN (self->retry_s * 2, RETRY_MAX_S);
}

static gboolean socket_cb (int fd, GIOCondition condition, gpointer user_data);

static void
watch_socket (RubricPgListen *self,
              GIOCondition    condition)
{
  int fd = PQsocket (self->conn);

  clear_source (self);
  if (fd < 0)
    {
      lost (self);
      return;
    }
  self->source = g_unix_fd_source_new (fd, condition | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (self->source, G_SOURCE_FUNC (socket_cb), self, NULL);
  g_source_attach (self->source, self->context);
}

static void
start_listening (RubricPgListen *self)
{
  g_autofree char *sql = NULL;
  char *quoted;

  quoted = PQescapeIdentifier (self->conn, self->channel, strlen (self->channel));
  if (quoted == NULL)
    {
      lost (self);
      return;
    }
  sql = g_strdup_printf ("LISTEN %s", quoted);
  PQfreemem (quoted);

  if (PQsetnonblocking (self->conn, 1) != 0 || !PQsendQuery (self->conn, sql))
    {
      lost (self);
      return;
    }
  /* A short query: what PQflush leaves is sent at the next readable turn. */
  PQflush (self->conn);

  clear_deadline (self);
  self->state = STATE_LISTENING;
  self->retry_s = RETRY_FIRST_S;
  watch_socket (self, G_IO_IN);

  /* Back after a loss: what changed meanwhile was not notified. */
  if (self->was_connected)
    self->func (self->user_data);
  self->was_connected = TRUE;
}

static void
read_notifications (RubricPgListen *self)
{
  PGnotify *notify;
  PGresult *result;
  guint n = 0;

  if (!PQconsumeInput (self->conn) || PQstatus (self->conn) == CONNECTION_BAD)
    {
      lost (self);
      return;
    }
  PQflush (self->conn);

  /* The LISTEN's own result. */
  while (!PQisBusy (self->conn) && (result = PQgetResult (self->conn)) != NULL)
    PQclear (result);

  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      n++;
      PQfreemem (notify);
    }

  if (n > 0)
    self->func (self->user_data);
}

static gboolean
socket_cb (int          fd,
           GIOCondition condition,
           gpointer     user_data)
{
  RubricPgListen *self = user_data;

  if (self->state == STATE_CONNECTING)
    {
      switch (PQconnectPoll (self->conn))
        {
        case PGRES_POLLING_READING:
          watch_socket (self, G_IO_IN);
          break;
        case PGRES_POLLING_WRITING:
          watch_socket (self, G_IO_OUT);
          break;
        case PGRES_POLLING_OK:
          start_listening (self);
          break;
        case PGRES_POLLING_FAILED:
        case PGRES_POLLING_ACTIVE:
        default:
          lost (self);
          break;
        }
      /* Each case replaced or dropped the source. */
      return G_SOURCE_REMOVE;
    }

  read_notifications (self);
  return self->state == STATE_LISTENING ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  RubricPgListen *self = user_data;

  /* lost () destroys this source: it is not ours to remove. */
  g_source_ref (self->deadline);
  {
    GSource *deadline = self->deadline;

    lost (self);
    g_source_unref (deadline);
  }
  return G_SOURCE_REMOVE;
}

static void
connect_start (RubricPgListen *self)
{
  self->conn = PQconnectStart (self->conninfo);
  if (self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD)
    {
      lost (self);
      return;
    }
  self->state = STATE_CONNECTING;
  self->deadline = g_timeout_source_new_seconds (CONNECT_TIMEOUT_S);
  g_source_set_callback (self->deadline, deadline_cb, self, NULL);
  g_source_attach (self->deadline, self->context);
  /* As if PQconnectPoll had said PGRES_POLLING_WRITING (libpq's manual). */
  watch_socket (self, G_IO_OUT);
}

RubricPgListen *
rubric_pg_listen_new (const char        *conninfo,
                      const char        *channel,
                      RubricDbWatchFunc  func,
                      gpointer           user_data)
{
  RubricPgListen *self = g_new0 (RubricPgListen, 1);

  self->conninfo = g_strdup (conninfo);
  self->channel = g_strdup (channel);
  self->func = func;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  self->retry_s = RETRY_FIRST_S;
  connect_start (self);

  return self;
}

gboolean
rubric_pg_listen_get_connected (RubricPgListen *self)
{
  return self != NULL && self->state == STATE_LISTENING;
}

void
rubric_pg_listen_free (RubricPgListen *self)
{
  if (self == NULL)
    return;

  clear_source (self);
  clear_deadline (self);
  g_clear_pointer (&self->conn, PQfinish);
  /* The connection string may hold a password: not left in freed memory. */
  memset (self->conninfo, 0, strlen (self->conninfo));
  g_free (self->conninfo);
  g_free (self->channel);
  g_main_context_unref (self->context);
  g_free (self);
}
