/* rubric-db-pg.c — the PostgreSQL store: a team's database on a server (SPEC §15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only core file that includes libpq-fe.h. Statements are written with
 * SQLite's "?" and "?N" placeholders; they become "$N", are prepared on the
 * server at their first step (as "rN", one name per statement and
 * connection), and run with text parameters and text results. A step runs
 * the whole query and hands its rows out one by one.
 *
 * What differs from SQLite, and how this file bridges it:
 * - an error inside a transaction aborts it on the server (every later
 *   statement fails until ROLLBACK): the caller's rollback ends it;
 * - a connection can be lost: before a statement, a broken connection is
 *   reset once (statements are prepared again); a transaction that was open
 *   when it broke is gone, so every statement fails until the caller rolls
 *   back, rather than a later COMMIT "succeeding" without the first half;
 * - the session is set to UTC, UTF-8 and shortest-exact doubles, so that
 *   values read back are the values written.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "rubric-clock.h"
#include "rubric-db-backend.h"
#include "rubric-error.h"

/* Type OIDs of PostgreSQL's built-in types (catalog/pg_type_d.h is a
 * server header, not in libpq-dev; these numbers never change). */
#define PG_BOOLOID    16
#define PG_BYTEAOID   17
#define PG_INT8OID    20
#define PG_INT2OID    21
#define PG_INT4OID    23
#define PG_TEXTOID    25
#define PG_OIDOID     26
#define PG_FLOAT4OID  700
#define PG_FLOAT8OID  701
#define PG_NUMERICOID 1700

/* What a failed step returns (SQLite's SQLITE_ERROR). */
#define PG_STEP_ERROR 1

/* The key of the advisory lock that migrations hold ('RBRC', as SQLite's
 * application_id). */
#define PG_MIGRATION_LOCK 0x52425243

typedef struct
{
  PGconn        *conn;
  guint          generation;   /* bumped by every reset of the connection */
  guint          next_name;    /* for the names of prepared statements */
  GPtrArray     *stale_names;  /* prepared names to DEALLOCATE when possible */
  gint64         changes;
  PGTransactionStatusType last_status;
  gboolean       lost_transaction; /* the connection broke inside one */
  int            bulk_columns; /* > 0 while a COPY … FROM STDIN runs */
  GString       *bulk_line;

  /* The last failure: SQLSTATE and the server's (or libpq's) message. */
  char           sqlstate[6];
  char          *message;

  /* Cancelling a running statement from another thread. */
  GMutex         cancel_lock;
  PGcancel      *cancel;
  GCancellable  *cancellable;
  gulong         cancel_handler;
  gint           cancel_sent;  /* atomic */
} PgData;

typedef struct
{
  RubricStmt  parent;
  char       *sql;         /* with $N */
  int         n_params;
  Oid        *types;       /* 0 (inferred) or text for a number not used */
  char      **values;
  gboolean   *owned;
  char        name[24];
  guint       generation;  /* of the connection it was prepared on, 0 = not */
  gboolean    persistent;
  PGresult   *result;
  int         row;         /* the next row to hand out */
  gboolean    done;        /* RUBRIC_DONE was returned */
} PgStmt;

static void abort_bulk (PgData *data);

static inline PgData *
pg_data (RubricDb *db)
{
  return db->backend_data;
}

/* ---- Placeholders -------------------------------------------------- */

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || (guchar) c >= 0x80;
}

/* The length of a dollar-quote tag ("$$" or "$tag$") at @p, 0 if none. */
static gsize
dollar_tag_length (const char *p)
{
  const char *q = p + 1;

  if (*q != '$' && !(g_ascii_isalpha (*q) || *q == '_' || (guchar) *q >= 0x80))
    return 0;
  while (*q != '$')
    {
      if (!(g_ascii_isalnum (*q) || *q == '_' || (guchar) *q >= 0x80))
        return 0;
      q++;
    }
  return (gsize) (q - p) + 1;
}

/* Whether @out ends, at @end, with the keyword @word (a whole word); its
 * start in *@start. */
static gboolean
ends_with_word (GString    *out,
                gsize       end,
                const char *word,
                gsize      *start)
{
  gsize len = strlen (word);

  if (end < len || g_ascii_strncasecmp (out->str + end - len, word, len) != 0)
    return FALSE;
  if (end > len && is_ident_char (out->str[end - len - 1]))
    return FALSE;
  *start = end - len;
  return TRUE;
}

static gsize
skip_space_back (GString *out,
                 gsize    end)
{
  while (end > 0 && g_ascii_isspace (out->str[end - 1]))
    end--;
  return end;
}

/* SQLite's "x IS ?" and "x IS NOT ?" compare NULLs as values: PostgreSQL
 * says IS [NOT] DISTINCT FROM (and "IS $1" is no PostgreSQL). */
static void
translate_is (GString *out)
{
  gsize end = skip_space_back (out, out->len);
  gsize not_start, is_start;

  if (ends_with_word (out, end, "NOT", &not_start) &&
      ends_with_word (out, skip_space_back (out, not_start), "IS", &is_start))
    {
      g_string_truncate (out, is_start);
      g_string_append (out, "IS DISTINCT FROM ");
    }
  else if (ends_with_word (out, end, "IS", &is_start))
    {
      g_string_truncate (out, is_start);
      g_string_append (out, "IS NOT DISTINCT FROM ");
    }
}

static char *
translate_placeholders (const char *sql,
                        int        *n_params,
                        GArray     *used)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  const char *p = sql;
  int max = 0;

  while (*p != '\0')
    {
      char c = *p;

      if (c == '\'')
        {
          /* E'…' strings take backslash escapes. */
          gboolean backslash = p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
                               (p - 1 == sql || !is_ident_char (p[-2]));
          const char *q = p + 1;

          while (*q != '\0')
            {
              if (backslash && *q == '\\' && q[1] != '\0')
                q += 2;
              else if (*q == '\'' && q[1] == '\'')
                q += 2;
              else if (*q == '\'')
                {
                  q++;
                  break;
                }
              else
                q++;
            }
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (c == '"')
        {
          const char *q = p + 1;

          while (*q != '\0')
            {
              if (*q == '"' && q[1] == '"')
                q += 2;
              else if (*q == '"')
                {
                  q++;
                  break;
                }
              else
                q++;
            }
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (c == '-' && p[1] == '-')
        {
          const char *q = strchr (p, '\n');

          q = q != NULL ? q + 1 : p + strlen (p);
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (c == '/' && p[1] == '*')
        {
          /* PostgreSQL's block comments nest. */
          const char *q = p + 2;
          int depth = 1;

          while (*q != '\0' && depth > 0)
            {
              if (*q == '/' && q[1] == '*')
                {
                  depth++;
                  q += 2;
                }
              else if (*q == '*' && q[1] == '/')
                {
                  depth--;
                  q += 2;
                }
              else
                q++;
            }
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (c == '$' && (p == sql || !is_ident_char (p[-1])) && dollar_tag_length (p) > 0)
        {
          gsize tag = dollar_tag_length (p);
          const char *q = p + tag;

          while (*q != '\0' && strncmp (q, p, tag) != 0)
            q++;
          q = *q != '\0' ? q + tag : q;
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (c == '?')
        {
          int number;

          p++;
          if (g_ascii_isdigit (*p))
            {
              gint64 n = 0;

              while (g_ascii_isdigit (*p))
                {
                  n = MIN (n * 10 + (*p - '0'), 1000000);
                  p++;
                }
              number = (int) n;
            }
          else
            number = max + 1;

          max = MAX (max, number);
          translate_is (out);
          g_string_append_printf (out, "$%d", number);
          if (used != NULL && number > 0)
            {
              gboolean yes = TRUE;

              if (used->len < (guint) number)
                g_array_set_size (used, number);
              g_array_index (used, gboolean, number - 1) = yes;
            }
        }
      else
        {
          g_string_append_c (out, c);
          p++;
        }
    }

  if (n_params != NULL)
    *n_params = max;
  return g_string_free (out, FALSE);
}

/* "?" and "?N" (SQLite's numbering: a bare "?" is one more than the
 * largest number so far) become "$N"; string literals, quoted
 * identifiers, comments and dollar-quoted strings are left alone. "IS ?"
 * and "IS NOT ?" become IS [NOT] DISTINCT FROM. */
char *
rubric_db_pg_translate_placeholders (const char *sql,
                                     int        *n_params)
{
  g_return_val_if_fail (sql != NULL, NULL);

  return translate_placeholders (sql, n_params, NULL);
}

/* ---- Errors -------------------------------------------------------- */

static void
clear_failure (PgData *data)
{
  data->sqlstate[0] = '\0';
  g_clear_pointer (&data->message, g_free);
}

/* libpq's message on one line: its lines joined with a space. */
static char *
strip_message (const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message != NULL ? message : "", "\n", -1);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, lines[i]);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Keeps what failed for set_error: from @result when there is one, else
 * from the connection. */
static void
record_failure (RubricDb *db,
                PGresult *result)
{
  PgData *data = pg_data (db);
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  clear_failure (data);

  if (state == NULL && PQstatus (data->conn) == CONNECTION_BAD)
    state = "08006";
  g_strlcpy (data->sqlstate, state != NULL ? state : "", sizeof data->sqlstate);

  if (primary != NULL)
    {
      const char *detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);

      data->message = detail != NULL ? g_strdup_printf ("%s (%s)", primary, detail)
                                     : g_strdup (primary);
    }
  else if (result != NULL && *PQresultErrorMessage (result) != '\0')
    data->message = strip_message (PQresultErrorMessage (result));
  else
    data->message = strip_message (PQerrorMessage (data->conn));
}

static void
record_lost_transaction (RubricDb *db)
{
  PgData *data = pg_data (db);

  clear_failure (data);
  g_strlcpy (data->sqlstate, "08006", sizeof data->sqlstate);
  data->message = g_strdup (_("the connection was lost during a transaction, "
                              "which was not saved"));
}

static gboolean
cancel_requested (PgData *data)
{
  return g_atomic_int_get (&data->cancel_sent) ||
         (data->cancellable != NULL && g_cancellable_is_cancelled (data->cancellable));
}

static void
pg_set_error (RubricDb  *db,
              GError   **error)
{
  PgData *data = pg_data (db);
  const char *state = data->sqlstate;
  const char *message = data->message != NULL ? data->message : "";

  if (g_str_equal (state, "42501"))
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED,
                 _("%s: not permitted: %s"), db->path, message);
  else if (g_str_equal (state, "57014") && cancel_requested (data))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 _("%s: cancelled"), db->path);
  else if (g_str_has_prefix (state, "08"))
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                 _("%s: cannot reach the database server: %s"), db->path, message);
  else if (g_str_has_prefix (state, "28"))
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                 _("%s: the database server refused the login: %s"), db->path, message);
  else
    g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                 _("%s: database error: %s"), db->path, message);
}

/* ---- The connection ------------------------------------------------ */

/* Session settings: times in UTC, text in UTF-8, doubles printed
 * shortest-exact (extra_float_digits above 0, PostgreSQL 12 and later),
 * ISO dates. */
static const char session_sql[] =
  "SET TIME ZONE 'UTC'; "
  "SET client_encoding = 'UTF8'; "
  "SET extra_float_digits = 1; "
  "SET DateStyle = 'ISO, YMD'; "
  "SET IntervalStyle = 'iso_8601'; "
  "SET standard_conforming_strings = on";

static gboolean
run_session_setup (RubricDb *db)
{
  PgData *data = pg_data (db);
  PGresult *result = PQexec (data->conn, session_sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    record_failure (db, result);
  PQclear (result);
  return ok;
}

static void
refresh_cancel (PgData *data)
{
  g_mutex_lock (&data->cancel_lock);
  g_clear_pointer (&data->cancel, PQfreeCancel);
  if (data->cancellable != NULL)
    data->cancel = PQgetCancel (data->conn);
  g_mutex_unlock (&data->cancel_lock);
}

/* Before a statement: a broken connection is reset once. FALSE (with the
 * failure recorded) when it stays broken, or when a transaction was lost
 * with it and has not been rolled back yet. */
static gboolean
ensure_connection (RubricDb *db)
{
  PgData *data = pg_data (db);

  if (PQstatus (data->conn) != CONNECTION_BAD)
    return TRUE;

  g_debug ("%s: the connection is broken; connecting again", db->path);
  PQreset (data->conn);
  if (PQstatus (data->conn) != CONNECTION_OK)
    {
      record_failure (db, NULL);
      return FALSE;
    }

  data->generation++;
  g_ptr_array_set_size (data->stale_names, 0);
  refresh_cancel (data);
  if (data->last_status != PQTRANS_IDLE)
    data->lost_transaction = TRUE;
  data->last_status = PQTRANS_IDLE;

  return run_session_setup (db);
}

/* Whether a transaction is open, as of the last statement: what a broken
 * connection (PQTRANS_UNKNOWN) took with it. */
static void
note_status (PgData *data)
{
  PGTransactionStatusType status = PQtransactionStatus (data->conn);

  if (PQstatus (data->conn) == CONNECTION_OK && status != PQTRANS_UNKNOWN)
    data->last_status = status;
}

static void
note_command (PgData   *data,
              PGresult *result)
{
  const char *status = PQcmdStatus (result);

  note_status (data);
  if (g_str_has_prefix (status, "INSERT") || g_str_has_prefix (status, "UPDATE") ||
      g_str_has_prefix (status, "DELETE") || g_str_has_prefix (status, "MERGE"))
    data->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
}

/* Prepared statements whose RubricStmt is gone, dropped before the next
 * one is prepared; inside a transaction under a savepoint, so that a
 * DEALLOCATE that fails cannot abort the caller's transaction. */
static void
drop_stale_names (PgData *data)
{
  g_autoptr(GString) sql = NULL;
  PGTransactionStatusType status = PQtransactionStatus (data->conn);
  PGresult *result;

  if (data->stale_names->len == 0 || (status != PQTRANS_IDLE && status != PQTRANS_INTRANS))
    return;

  sql = g_string_new (status == PQTRANS_INTRANS ? "SAVEPOINT rubric_drop; " : NULL);
  for (guint i = 0; i < data->stale_names->len; i++)
    g_string_append_printf (sql, "DEALLOCATE %s; ", (char *) data->stale_names->pdata[i]);
  if (status == PQTRANS_INTRANS)
    g_string_append (sql, "RELEASE SAVEPOINT rubric_drop");
  g_ptr_array_set_size (data->stale_names, 0);

  result = PQexec (data->conn, sql->str);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && status == PQTRANS_INTRANS)
    PQclear (PQexec (data->conn, "ROLLBACK TO SAVEPOINT rubric_drop; "
                                 "RELEASE SAVEPOINT rubric_drop"));
  PQclear (result);
}

static gboolean
pg_exec (RubricDb    *db,
         const char  *sql,
         GError     **error)
{
  PgData *data = pg_data (db);
  PGresult *result;
  ExecStatusType status;

  abort_bulk (data);

  if (data->lost_transaction)
    {
      if (g_ascii_strcasecmp (sql, "ROLLBACK") == 0)
        {
          data->lost_transaction = FALSE;
          return TRUE;
        }
      record_lost_transaction (db);
      pg_set_error (db, error);
      return FALSE;
    }

  if (!ensure_connection (db))
    {
      pg_set_error (db, error);
      return FALSE;
    }
  if (data->lost_transaction)
    return pg_exec (db, sql, error);

  if (data->cancellable != NULL && g_cancellable_is_cancelled (data->cancellable))
    {
      clear_failure (data);
      g_strlcpy (data->sqlstate, "57014", sizeof data->sqlstate);
      pg_set_error (db, error);
      return FALSE;
    }
  g_atomic_int_set (&data->cancel_sent, FALSE);

  result = PQexec (data->conn, sql);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
    {
      record_failure (db, result);
      note_status (data);
      PQclear (result);
      pg_set_error (db, error);
      return FALSE;
    }

  note_command (data, result);
  PQclear (result);
  return TRUE;
}

static gboolean
query_value (RubricDb    *db,
             const char  *sql,
             char       **value,
             GError     **error)
{
  PGresult *result = PQexec (pg_data (db)->conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      record_failure (db, result);
      PQclear (result);
      pg_set_error (db, error);
      return FALSE;
    }

  *value = PQntuples (result) > 0 && !PQgetisnull (result, 0, 0)
           ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
  PQclear (result);
  return TRUE;
}

/* The connection string without its password, safe to print: rebuilt as a
 * URI from libpq's reading of it. */
static char *
printable_uri (PQconninfoOption *options)
{
  const char *user = NULL, *host = NULL, *port = NULL, *dbname = NULL;
  g_autoptr(GString) uri = g_string_new ("postgresql://");
  gboolean host_in_authority;
  char separator = '?';

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL)
        continue;
      if (g_str_equal (o->keyword, "user"))
        user = o->val;
      else if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "port"))
        port = o->val;
      else if (g_str_equal (o->keyword, "dbname"))
        dbname = o->val;
    }

  /* A socket folder, a list of hosts or an IPv6 address go in the query. */
  host_in_authority = host != NULL && *host != '\0' && strpbrk (host, "/,:[]@") == NULL &&
                      (port == NULL || strchr (port, ',') == NULL);

  if (user != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (user, NULL, FALSE);
      g_string_append_printf (uri, "%s@", escaped);
    }
  if (host_in_authority)
    {
      g_string_append (uri, host);
      if (port != NULL && *port != '\0')
        g_string_append_printf (uri, ":%s", port);
    }
  g_string_append_c (uri, '/');
  if (dbname != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (dbname, NULL, FALSE);
      g_string_append (uri, escaped);
    }

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      g_autofree char *escaped = NULL;

      if (o->val == NULL || g_str_equal (o->keyword, "password") ||
          g_str_equal (o->keyword, "user") || g_str_equal (o->keyword, "dbname"))
        continue;
      if (host_in_authority && (g_str_equal (o->keyword, "host") || g_str_equal (o->keyword, "port")))
        continue;

      escaped = g_uri_escape_string (o->val, "/", FALSE);
      g_string_append_printf (uri, "%c%s=%s", separator, o->keyword, escaped);
      separator = '&';
    }

  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/* What can be printed of a connection string libpq could not read: up to
 * its user information (where a password would be). */
static char *
printable_unreadable (const char *name)
{
  const char *scheme = strstr (name, "://");
  const char *at;

  if (scheme == NULL)
    return g_strdup ("postgresql://…");

  at = strpbrk (scheme + 3, "@/?");
  if (at != NULL && *at == '@')
    return g_strdup_printf ("%.*s…", (int) (scheme + 3 - name), name);
  return g_strndup (name, (gsize) (scheme + 3 - name) + strcspn (scheme + 3, "?"));
}

static void
finalize_all_server_names (PgData *data)
{
  g_ptr_array_set_size (data->stale_names, 0);
}

static void
pg_close (RubricDb *db)
{
  PgData *data = pg_data (db);

  if (data == NULL)
    return;

  if (data->cancellable != NULL)
    {
      g_cancellable_disconnect (data->cancellable, data->cancel_handler);
      g_clear_object (&data->cancellable);
    }
  g_clear_pointer (&data->cancel, PQfreeCancel);
  g_mutex_clear (&data->cancel_lock);
  if (data->conn != NULL)
    abort_bulk (data);
  if (data->bulk_line != NULL)
    g_string_free (data->bulk_line, TRUE);
  finalize_all_server_names (data);
  g_clear_pointer (&data->stale_names, g_ptr_array_unref);
  clear_failure (data);
  g_clear_pointer (&data->conn, PQfinish);
  db->handle = NULL;
  g_free (data);
  db->backend_data = NULL;
}

static gboolean
read_role (RubricDb  *db,
           GError   **error)
{
  PgData *data = pg_data (db);
  PGresult *result;
  static const char sql[] =
    "SELECT session_user,"
    " coalesce ((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)"
    " OR coalesce (pg_has_role (session_user,"
    "   (SELECT datdba FROM pg_database WHERE datname = current_database ()), 'MEMBER'), false),"
    " coalesce (pg_has_role (session_user, to_regrole ('rubric_admin')::oid, 'MEMBER'), false),"
    " coalesce (pg_has_role (session_user, to_regrole ('rubric_lead')::oid, 'MEMBER'), false),"
    " coalesce (pg_has_role (session_user, to_regrole ('rubric_reviewer')::oid, 'MEMBER'), false)";

  result = PQexec (data->conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    {
      record_failure (db, result);
      PQclear (result);
      pg_set_error (db, error);
      return FALSE;
    }

  g_free (db->member);
  db->member = g_strdup (PQgetvalue (result, 0, 0));
  if (*PQgetvalue (result, 0, 1) == 't' || *PQgetvalue (result, 0, 2) == 't')
    db->role = RUBRIC_DB_ROLE_ADMIN;
  else if (*PQgetvalue (result, 0, 3) == 't')
    db->role = RUBRIC_DB_ROLE_LEAD;
  else if (*PQgetvalue (result, 0, 4) == 't')
    db->role = RUBRIC_DB_ROLE_REVIEWER;
  else
    db->role = RUBRIC_DB_ROLE_NONE;

  PQclear (result);
  return TRUE;
}

/* Reads the schema version: -1 when the current schema has no
 * rubric_schema table; *tables counts its tables and views. */
static gboolean
read_version (RubricDb  *db,
              int       *version,
              int       *tables,
              GError   **error)
{
  g_autofree char *has = NULL;
  g_autofree char *count = NULL;
  g_autofree char *value = NULL;

  if (!query_value (db,
                    "SELECT EXISTS (SELECT 1 FROM pg_tables"
                    " WHERE schemaname = current_schema () AND tablename = 'rubric_schema')",
                    &has, error) ||
      !query_value (db,
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
                    &count, error))
    return FALSE;

  *tables = (int) g_ascii_strtoll (count != NULL ? count : "0", NULL, 10);
  if (has == NULL || *has != 't')
    {
      *version = -1;
      return TRUE;
    }

  if (!query_value (db, "SELECT max(version) FROM rubric_schema", &value, error))
    return FALSE;
  *version = value != NULL ? (int) g_ascii_strtoll (value, NULL, 10) : -1;
  return TRUE;
}

static gboolean
migrate (RubricDb  *db,
         int        target,
         GError   **error)
{
  g_autofree char *lock = g_strdup_printf ("SELECT pg_advisory_xact_lock (%d)", PG_MIGRATION_LOCK);
  int current, tables;

  if (!pg_exec (db, "BEGIN", error))
    return FALSE;

  /* Read again under the lock: another client may have migrated between
   * our first look and now (READ COMMITTED: this statement sees what it
   * committed). */
  if (!pg_exec (db, lock, error) ||
      !read_version (db, &current, &tables, error))
    goto failed;

  if (current < 0 && tables > 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: not a Rubric database"), db->path);
      goto failed;
    }
  current = MAX (current, 0);

  for (int v = current + 1; v <= target; v++)
    {
      g_autofree char *update = g_strdup_printf ("UPDATE rubric_schema SET version = %d", v);

      g_debug ("Migrating %s to schema version %d", db->path, v);

      if (!pg_exec (db, rubric_db_pg_migrations[v], error))
        goto failed;
      /* The marker, made with the first version unless that migration
       * made it; every member may read which version this is. */
      if (v == 1 &&
          !pg_exec (db,
                    "CREATE TABLE IF NOT EXISTS rubric_schema (version integer NOT NULL); "
                    "INSERT INTO rubric_schema (version) "
                    "  SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM rubric_schema); "
                    "GRANT SELECT ON rubric_schema TO PUBLIC",
                    error))
        goto failed;
      if (!pg_exec (db, update, error))
        goto failed;
    }

  if (!pg_exec (db, "COMMIT", error))
    goto failed;

  db->version = MAX (current, target);
  return TRUE;

failed:
  if (PQtransactionStatus (pg_data (db)->conn) != PQTRANS_IDLE || pg_data (db)->lost_transaction)
    pg_exec (db, "ROLLBACK", NULL);
  return FALSE;
}

static char *
pick_backup_path (RubricDb *db,
                  int       version)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (rubric_clock_now ());
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *dbname = g_strdup (PQdb (pg_data (db)->conn));
  g_autofree char *base = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "rubric", "backups", NULL);
  char *candidate;

  /* A file name: no folder separators or leading dots. */
  g_strdelimit (dbname, "/\\:", '_');
  if (*dbname == '.' || *dbname == '\0')
    {
      char *prefixed = g_strconcat ("db", dbname, NULL);
      g_free (dbname);
      dbname = prefixed;
    }

  base = g_strdup_printf ("%s-v%d-%s", dbname, version, stamp);
  candidate = g_strdup_printf ("%s/%s.db", dir, base);
  for (guint i = 1; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s/%s-%u.db", dir, base, i);
    }

  return candidate;
}

/* The server's notices (a DROP … IF EXISTS that found nothing) are for
 * the debug log, not for the terminal. */
static void
notice_cb (void       *arg,
           const char *message)
{
  g_debug ("%.*s", (int) strcspn (message, "\n"), message);
}

/* Passwords the app found in the keyring, for the connections this
 * process opens to a team database by its URI without one (the worker
 * threads open rubric_db_get_path ()): in memory only, by printable URI. */
static GMutex passwords_lock;
static GHashTable *passwords;

static void
free_secret (gpointer data)
{
  char *secret = data;

  memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
rubric_db_set_password (const char *uri,
                        const char *password)
{
  g_autofree char *path = NULL;
  PQconninfoOption *options;

  g_return_if_fail (uri != NULL);

  if (!(options = PQconninfoParse (uri, NULL)))
    return;
  path = printable_uri (options);
  PQconninfoFree (options);

  g_mutex_lock (&passwords_lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_secret);
  if (password != NULL && *password != '\0')
    g_hash_table_replace (passwords, g_steal_pointer (&path), g_strdup (password));
  else
    g_hash_table_remove (passwords, path);
  g_mutex_unlock (&passwords_lock);
}

static char *
lookup_password (const char *path)
{
  char *password = NULL;

  g_mutex_lock (&passwords_lock);
  if (passwords != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, path));
  g_mutex_unlock (&passwords_lock);
  return password;
}

static gboolean
has_password (PQconninfoOption *options)
{
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL && *o->val != '\0')
      return TRUE;
  return FALSE;
}

static RubricDb *
pg_open (const char  *name,
         int          target,
         gboolean     create,
         GError     **error)
{
  static const char * const keywords[] = {
    "dbname", "fallback_application_name", "password", NULL
  };
  const char *values[] = { name, "rubric", NULL, NULL };
  g_autoptr(RubricDb) db = NULL;
  char *password = NULL;
  g_autofree char *path = NULL;
  char *parse_error = NULL;
  PQconninfoOption *options;
  PgData *data;
  int version, tables;

  g_return_val_if_fail (name != NULL, NULL);

  options = PQconninfoParse (name, &parse_error);
  if (options == NULL)
    {
      g_autofree char *shown = printable_unreadable (name);

      /* libpq's reason may quote the string, password and all. */
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                   _("%s: not a database connection URI"), shown);
      PQfreemem (parse_error);
      return NULL;
    }
  path = printable_uri (options);
  /* A password the URI does not give may have come from the keyring. */
  if (!has_password (options))
    password = lookup_password (path);
  PQconninfoFree (options);
  values[2] = password;

  db = rubric_db_new_common (&rubric_db_pg_backend, path);
  data = g_new0 (PgData, 1);
  g_mutex_init (&data->cancel_lock);
  data->stale_names = g_ptr_array_new_with_free_func (g_free);
  data->generation = 1;
  data->last_status = PQTRANS_IDLE;
  db->backend_data = data;
  db->role = RUBRIC_DB_ROLE_NONE;

  data->conn = PQconnectdbParams (keywords, values, TRUE);
  g_clear_pointer (&password, free_secret);
  db->handle = data->conn;
  if (data->conn == NULL)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("%s: cannot reach the database server: %s"), path, g_strerror (ENOMEM));
      return NULL;
    }

  if (PQstatus (data->conn) != CONNECTION_OK)
    {
      g_autofree char *message = strip_message (PQerrorMessage (data->conn));

      /* libpq keeps no SQLSTATE for a failed connection; the server's
       * words say when the database itself (3D000) or the login (28000)
       * is missing. */
      if (strstr (message, "database \"") != NULL && strstr (message, "does not exist") != NULL)
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                     _("%s: there is no such database on the server: %s"), path, message);
      else if (PQconnectionUsedPassword (data->conn) || PQconnectionNeedsPassword (data->conn) ||
               (strstr (message, "role \"") != NULL && strstr (message, "does not exist") != NULL))
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                     _("%s: the database server refused the login: %s"), path, message);
      else
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                     _("%s: cannot reach the database server: %s"), path, message);
      return NULL;
    }

  PQsetNoticeProcessor (data->conn, notice_cb, NULL);

  if (!run_session_setup (db))
    {
      pg_set_error (db, error);
      return NULL;
    }

  if (!read_role (db, error) ||
      !read_version (db, &version, &tables, error))
    return NULL;

  if (version < 0 && tables > 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: not a Rubric database"), path);
      return NULL;
    }

  if (version < 0 && !create)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_DATABASE,
                   _("%s: there is no Rubric database here yet (“rubric-cli init” creates one)"),
                   path);
      return NULL;
    }

  if (version > RUBRIC_DB_SCHEMA_VERSION)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NEWER_DATABASE,
                   _("%s: the database was written by a newer version of Rubric "
                     "(schema %d; this version knows up to %d); it was left untouched"),
                   path, version, RUBRIC_DB_SCHEMA_VERSION);
      return NULL;
    }

  db->version = MAX (version, 0);

  if (version < target)
    {
      if (version > 0)
        {
          db->backup_path = pick_backup_path (db, version);
          if (!rubric_db_backup (db, db->backup_path, error))
            return NULL;
        }

      if (!migrate (db, target, error))
        return NULL;
    }

  return g_steal_pointer (&db);
}

static RubricStmt *
pg_prepare (RubricDb    *db,
            const char  *sql,
            gboolean     persistent,
            GError     **error)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);
  g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (gboolean));

  stmt->parent.db = db;
  stmt->sql = translate_placeholders (sql, &stmt->n_params, used);
  stmt->persistent = persistent;
  if (stmt->n_params > 0)
    {
      stmt->types = g_new0 (Oid, stmt->n_params);
      stmt->values = g_new0 (char *, stmt->n_params);
      stmt->owned = g_new0 (gboolean, stmt->n_params);
      /* A number SQL skips ("?2" without "?1") has no context to take a
       * type from: text. */
      for (int i = 0; i < stmt->n_params; i++)
        if (!g_array_index (used, gboolean, i))
          stmt->types[i] = PG_TEXTOID;
    }

  return &stmt->parent;
}

/* ---- Statements ---------------------------------------------------- */

static void
pg_reset (RubricStmt *parent)
{
  PgStmt *stmt = (PgStmt *) parent;

  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = 0;
  stmt->done = FALSE;
}

static void
set_value (PgStmt   *stmt,
           int       index,
           char     *value,
           gboolean  owned)
{
  g_return_if_fail (index >= 1 && index <= stmt->n_params);

  if (stmt->owned[index - 1])
    g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = value;
  stmt->owned[index - 1] = owned;
}

static void
pg_clear_bindings (RubricStmt *parent)
{
  PgStmt *stmt = (PgStmt *) parent;

  for (int i = 1; i <= stmt->n_params; i++)
    set_value (stmt, i, NULL, FALSE);
}

static void
pg_finalize (RubricStmt *parent)
{
  PgStmt *stmt = (PgStmt *) parent;
  PgData *data;

  if (stmt == NULL)
    return;

  data = pg_data (parent->db);
  pg_reset (parent);
  pg_clear_bindings (parent);

  /* The server forgets a connection's statements when it closes; one
   * dropped on the way is dropped on the server with the next statement
   * prepared. */
  if (data != NULL && stmt->generation == data->generation && stmt->name[0] != '\0')
    g_ptr_array_add (data->stale_names, g_strdup (stmt->name));

  g_free (stmt->sql);
  g_free (stmt->types);
  g_free (stmt->values);
  g_free (stmt->owned);
  g_free (stmt);
}

static void
pg_bind_int64 (RubricStmt *parent,
               int         index,
               gint64      value)
{
  set_value ((PgStmt *) parent, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), TRUE);
}

static void
pg_bind_double (RubricStmt *parent,
                int         index,
                double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    set_value ((PgStmt *) parent, index, g_strdup ("NaN"), TRUE);
  else if (isinf (value))
    set_value ((PgStmt *) parent, index, g_strdup (value > 0 ? "Infinity" : "-Infinity"), TRUE);
  else
    set_value ((PgStmt *) parent, index,
               g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)), TRUE);
}

static void
pg_bind_text (RubricStmt *parent,
              int         index,
              const char *text,
              gboolean    copy)
{
  if (text == NULL || copy)
    set_value ((PgStmt *) parent, index, g_strdup (text), TRUE);
  else
    set_value ((PgStmt *) parent, index, (char *) text, FALSE);
}

static void
pg_bind_null (RubricStmt *parent,
              int         index)
{
  set_value ((PgStmt *) parent, index, NULL, FALSE);
}

/* The parameter PostgreSQL found no type for (ambiguous_parameter 42P08,
 * indeterminate_datatype 42P18; "$N" in its message), or 0. */
static int
indeterminate_parameter (PGresult *result)
{
  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  const char *message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
  const char *p;

  if (state == NULL || message == NULL ||
      !(g_str_equal (state, "42P08") || g_str_equal (state, "42P18")))
    return 0;
  p = strchr (message, '$');
  if (p == NULL || !g_ascii_isdigit (p[1]))
    return 0;
  return (int) MIN (g_ascii_strtoll (p + 1, NULL, 10), G_MAXINT);
}

static void
run_quietly (PgData     *data,
             const char *sql)
{
  PQclear (PQexec (data->conn, sql));
}

/* What a parameter without a type from its context is tried as, in turn. */
static const Oid guessed_types[] = { PG_TEXTOID, PG_INT8OID, PG_FLOAT8OID };

static gboolean
is_type_mismatch (PGresult *result)
{
  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);

  /* undefined_function ("operator does not exist: bigint = text"),
   * datatype_mismatch */
  return state != NULL && (g_str_equal (state, "42883") || g_str_equal (state, "42804"));
}

/* Prepares @stmt on the server under a name of its own. A parameter the
 * server cannot type from its context alone ("?1 IS NULL OR name = ?1":
 * SQLite takes any value there) is tried as text, then bigint, then double
 * precision, until the statement prepares. Inside a transaction this runs
 * under a savepoint, so that a statement that does not prepare leaves the
 * transaction as it was, as on SQLite. */
static gboolean
prepare_on_server (PgStmt *stmt)
{
  RubricDb *db = stmt->parent.db;
  PgData *data = pg_data (db);
  gboolean savepoint;
  PGresult *result = NULL;
  int guessed = 0;  /* the parameter being guessed, from 1 */
  guint guess = 0;
  gboolean widened = FALSE, widened_any = FALSE;
  g_autofree gboolean *widened_mask = g_new0 (gboolean, MAX (stmt->n_params, 1));

  drop_stale_names (data);

  g_snprintf (stmt->name, sizeof stmt->name, "r%u", ++data->next_name);
  savepoint = PQtransactionStatus (data->conn) == PQTRANS_INTRANS;

  for (int attempt = 0; attempt <= 3 * stmt->n_params + 2; attempt++)
    {
      int parameter;

      if (savepoint)
        run_quietly (data, "SAVEPOINT rubric_prepare");

      result = PQprepare (data->conn, stmt->name, stmt->sql, stmt->n_params, stmt->types);
      if (PQresultStatus (result) == PGRES_COMMAND_OK && !widened && stmt->n_params > 0)
        {
          /* A parameter the server typed integer from its context ("?1 + 1")
           * would refuse a value beyond 32 bits, which SQLite takes: it is
           * prepared again as bigint (and left integer when that fails,
           * e.g. an argument that must be integer). */
          PGresult *described = PQdescribePrepared (data->conn, stmt->name);

          widened = TRUE;
          if (PQresultStatus (described) == PGRES_COMMAND_OK)
            for (int i = 0; i < stmt->n_params && i < PQnparams (described); i++)
              if (stmt->types[i] == 0 && PQparamtype (described, i) == PG_INT4OID)
                {
                  stmt->types[i] = PG_INT8OID;
                  widened_any = TRUE;
                  if (widened_mask != NULL)
                    widened_mask[i] = TRUE;
                }
          PQclear (described);
          if (widened_any)
            {
              g_autofree char *deallocate = g_strdup_printf ("DEALLOCATE %s", stmt->name);

              PQclear (result);
              result = NULL;
              run_quietly (data, deallocate);
              if (savepoint)
                run_quietly (data, "RELEASE SAVEPOINT rubric_prepare");
              continue;
            }
        }
      if (PQresultStatus (result) == PGRES_COMMAND_OK)
        {
          PQclear (result);
          if (savepoint)
            run_quietly (data, "RELEASE SAVEPOINT rubric_prepare");
          stmt->generation = data->generation;
          return TRUE;
        }

      if (widened_any)
        {
          /* bigint did not do: back to what the server chose. */
          for (int i = 0; i < stmt->n_params; i++)
            if (widened_mask[i])
              stmt->types[i] = 0;
          widened_any = FALSE;
          PQclear (result);
          result = NULL;
          if (savepoint)
            run_quietly (data, "ROLLBACK TO SAVEPOINT rubric_prepare; "
                               "RELEASE SAVEPOINT rubric_prepare");
          continue;
        }

      parameter = indeterminate_parameter (result);
      if (parameter >= 1 && parameter <= stmt->n_params && stmt->types[parameter - 1] == 0)
        {
          guessed = parameter;
          guess = 0;
        }
      else if (guessed > 0 && is_type_mismatch (result) && guess + 1 < G_N_ELEMENTS (guessed_types))
        guess++;
      else
        break;

      stmt->types[guessed - 1] = guessed_types[guess];
      PQclear (result);
      result = NULL;
      if (savepoint)
        run_quietly (data, "ROLLBACK TO SAVEPOINT rubric_prepare; "
                           "RELEASE SAVEPOINT rubric_prepare");
    }

  record_failure (db, result);
  g_debug ("Cannot prepare %s: %s", stmt->sql, pg_data (db)->message);
  PQclear (result);
  if (savepoint)
    run_quietly (data, "ROLLBACK TO SAVEPOINT rubric_prepare; "
                       "RELEASE SAVEPOINT rubric_prepare");
  note_status (data);
  stmt->name[0] = '\0';
  return FALSE;
}

static int
pg_step (RubricStmt *parent)
{
  PgStmt *stmt = (PgStmt *) parent;
  RubricDb *db = parent->db;
  PgData *data = pg_data (db);

  /* SQLite starts again when stepped after it said DONE. */
  if (stmt->done)
    pg_reset (parent);

  if (stmt->result == NULL)
    {
      PGresult *result;
      ExecStatusType status;

      abort_bulk (data);

      if (data->lost_transaction)
        {
          record_lost_transaction (db);
          return PG_STEP_ERROR;
        }
      if (!ensure_connection (db))
        return PG_STEP_ERROR;
      if (data->lost_transaction)
        {
          record_lost_transaction (db);
          return PG_STEP_ERROR;
        }
      if (data->cancellable != NULL && g_cancellable_is_cancelled (data->cancellable))
        {
          clear_failure (data);
          g_strlcpy (data->sqlstate, "57014", sizeof data->sqlstate);
          return PG_STEP_ERROR;
        }
      g_atomic_int_set (&data->cancel_sent, FALSE);

      if (stmt->generation != data->generation && !prepare_on_server (stmt))
        return PG_STEP_ERROR;

      result = PQexecPrepared (data->conn, stmt->name, stmt->n_params,
                               (const char * const *) stmt->values, NULL, NULL, 0);
      status = PQresultStatus (result);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY)
        {
          record_failure (db, result);
          g_debug ("%s failed: %s", stmt->sql, data->message);
          note_status (data);
          PQclear (result);
          return PG_STEP_ERROR;
        }

      note_command (data, result);
      stmt->result = result;
      stmt->row = 0;
    }

  if (stmt->row < PQntuples (stmt->result))
    {
      stmt->row++;
      return RUBRIC_ROW;
    }

  stmt->done = TRUE;
  return RUBRIC_DONE;
}

/* The row the last step handed out, or -1. */
static int
current_row (PgStmt *stmt,
             int     column)
{
  if (stmt->result == NULL || stmt->row < 1 || stmt->row > PQntuples (stmt->result) ||
      column < 0 || column >= PQnfields (stmt->result))
    return -1;
  return stmt->row - 1;
}

static int
pg_column_count (RubricStmt *parent)
{
  PgStmt *stmt = (PgStmt *) parent;

  return stmt->result != NULL ? PQnfields (stmt->result) : 0;
}

static const char *
pg_column_name (RubricStmt *parent,
                int         column)
{
  PgStmt *stmt = (PgStmt *) parent;

  if (stmt->result == NULL || column < 0 || column >= PQnfields (stmt->result))
    return NULL;
  return PQfname (stmt->result, column);
}

static int
pg_column_type (RubricStmt *parent,
                int         column)
{
  PgStmt *stmt = (PgStmt *) parent;
  int row = current_row (stmt, column);

  if (row < 0 || PQgetisnull (stmt->result, row, column))
    return RUBRIC_NULL;

  switch (PQftype (stmt->result, column))
    {
    case PG_BOOLOID:
    case PG_INT2OID:
    case PG_INT4OID:
    case PG_INT8OID:
    case PG_OIDOID:
      return RUBRIC_INTEGER;
    case PG_FLOAT4OID:
    case PG_FLOAT8OID:
    case PG_NUMERICOID:
      return RUBRIC_FLOAT;
    case PG_BYTEAOID:
      return RUBRIC_BLOB;
    default:
      return RUBRIC_TEXT;
    }
}

static const char *
pg_column_text (RubricStmt *parent,
                int         column)
{
  PgStmt *stmt = (PgStmt *) parent;
  int row = current_row (stmt, column);

  if (row < 0 || PQgetisnull (stmt->result, row, column))
    return NULL;
  return PQgetvalue (stmt->result, row, column);
}

static double
pg_column_double (RubricStmt *parent,
                  int         column)
{
  PgStmt *stmt = (PgStmt *) parent;
  const char *text = pg_column_text (parent, column);

  if (text == NULL)
    return 0.0;
  if (PQftype (stmt->result, column) == PG_BOOLOID)
    return *text == 't' ? 1.0 : 0.0;
  return g_ascii_strtod (text, NULL);
}

static gint64
pg_column_int64 (RubricStmt *parent,
                 int         column)
{
  PgStmt *stmt = (PgStmt *) parent;
  const char *text = pg_column_text (parent, column);
  Oid type;

  if (text == NULL)
    return 0;

  type = PQftype (stmt->result, column);
  if (type == PG_BOOLOID)
    return *text == 't' ? 1 : 0;
  if (type == PG_FLOAT4OID || type == PG_FLOAT8OID)
    {
      /* As SQLite: towards zero, clamped ("1e+20" is not 1). */
      double value = g_ascii_strtod (text, NULL);

      if (isnan (value))
        return 0;
      if (value >= 9223372036854775807.0)
        return G_MAXINT64;
      if (value <= -9223372036854775808.0)
        return G_MININT64;
      return (gint64) value;
    }
  /* numeric "12.0" reads 12 */
  return g_ascii_strtoll (text, NULL, 10);
}

/* ---- Bulk load: COPY … FROM STDIN ---------------------------------- */

/* Ends a COPY the caller left running (a failure between begin and end),
 * so that the connection takes statements again. */
static void
abort_bulk (PgData *data)
{
  PGresult *result;

  if (data->bulk_columns == 0)
    return;

  data->bulk_columns = 0;
  if (PQputCopyEnd (data->conn, "the bulk load was abandoned") == 1)
    while ((result = PQgetResult (data->conn)) != NULL)
      PQclear (result);
}

static gboolean
pg_bulk_begin (RubricDb           *db,
               const char         *table,
               const char * const *columns,
               GError            **error)
{
  PgData *data = pg_data (db);
  g_autoptr(GString) sql = g_string_new (NULL);
  PGresult *result;

  g_return_val_if_fail (data->bulk_columns == 0, FALSE);

  if (data->lost_transaction || !ensure_connection (db))
    {
      if (data->lost_transaction)
        record_lost_transaction (db);
      pg_set_error (db, error);
      return FALSE;
    }

  g_string_append_printf (sql, "COPY %s (", table);
  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", columns[i]);
  g_string_append (sql, ") FROM STDIN");

  result = PQexec (data->conn, sql->str);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      record_failure (db, result);
      note_status (data);
      PQclear (result);
      pg_set_error (db, error);
      return FALSE;
    }
  PQclear (result);

  data->bulk_columns = (int) g_strv_length ((char **) columns);
  if (data->bulk_line == NULL)
    data->bulk_line = g_string_sized_new (256);
  return TRUE;
}

/* One row in COPY's text format: tab between values, \N for NULL,
 * backslash escapes for backslash, tab, newline and carriage return. */
static gboolean
pg_bulk_row (RubricDb           *db,
             const char * const *values,
             GError            **error)
{
  PgData *data = pg_data (db);
  GString *line = data->bulk_line;

  g_return_val_if_fail (data->bulk_columns > 0, FALSE);

  g_string_truncate (line, 0);
  for (int i = 0; i < data->bulk_columns; i++)
    {
      if (i > 0)
        g_string_append_c (line, '\t');
      if (values[i] == NULL)
        {
          g_string_append (line, "\\N");
          continue;
        }
      for (const char *p = values[i]; *p != '\0'; p++)
        {
          switch (*p)
            {
            case '\\': g_string_append (line, "\\\\"); break;
            case '\t': g_string_append (line, "\\t"); break;
            case '\n': g_string_append (line, "\\n"); break;
            case '\r': g_string_append (line, "\\r"); break;
            default: g_string_append_c (line, *p); break;
            }
        }
    }
  g_string_append_c (line, '\n');

  if (PQputCopyData (data->conn, line->str, (int) line->len) != 1)
    {
      record_failure (db, NULL);
      abort_bulk (data);
      pg_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
pg_bulk_end (RubricDb  *db,
             GError   **error)
{
  PgData *data = pg_data (db);
  PGresult *result;
  gboolean ok = TRUE;

  if (data->bulk_columns == 0)
    return TRUE;

  data->bulk_columns = 0;
  if (PQputCopyEnd (data->conn, NULL) != 1)
    {
      record_failure (db, NULL);
      pg_set_error (db, error);
      return FALSE;
    }

  /* The COPY's result, then the end of the results. */
  while ((result = PQgetResult (data->conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          record_failure (db, result);
          ok = FALSE;
        }
      else if (ok)
        data->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
      PQclear (result);
    }

  note_status (data);
  if (!ok)
    pg_set_error (db, error);
  return ok;
}

/* ---- The rest of the table ------------------------------------------ */

static gboolean
pg_in_transaction (RubricDb *db)
{
  PgData *data = pg_data (db);

  return data->lost_transaction || PQtransactionStatus (data->conn) != PQTRANS_IDLE;
}

static gint64
pg_changes (RubricDb *db)
{
  return pg_data (db)->changes;
}

/* The id the last INSERT took from an identity (or any sequence) in this
 * session; 0 when there is none. */
static gint64
pg_last_insert_id (RubricDb *db)
{
  g_autoptr(RubricStmt) stmt = NULL;
  gint64 id = 0;

  /* lastval () fails when no sequence was used yet in the session: the
   * savepoint keeps a transaction usable. */
  if (rubric_db_in_transaction (db) && !pg_exec (db, "SAVEPOINT rubric_lastval", NULL))
    return 0;
  stmt = rubric_db_prepare (db, "SELECT lastval ()", NULL);
  if (stmt != NULL && rubric_stmt_step (stmt) == RUBRIC_ROW)
    id = rubric_stmt_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, rubric_stmt_finalize);
  if (rubric_db_in_transaction (db))
    pg_exec (db, "ROLLBACK TO SAVEPOINT rubric_lastval; RELEASE SAVEPOINT rubric_lastval", NULL);
  return id;
}

/* PostgreSQL keeps its own integrity (no page checks to run as SQLite's
 * integrity_check); the connection answering is the check. */
static gboolean
pg_check (RubricDb   *db,
          GPtrArray  *problems,
          GError    **error)
{
  return pg_exec (db, "SELECT 1", error);
}

static void
cancel_cb (GCancellable *cancellable,
           gpointer      user_data)
{
  PgData *data = user_data;
  char reason[256];

  g_mutex_lock (&data->cancel_lock);
  g_atomic_int_set (&data->cancel_sent, TRUE);
  if (data->cancel != NULL && !PQcancel (data->cancel, reason, sizeof reason))
    g_debug ("Cannot cancel the running statement: %s", reason);
  g_mutex_unlock (&data->cancel_lock);
}

static void
pg_watch_cancellable (RubricDb     *db,
                      GCancellable *cancellable)
{
  PgData *data = pg_data (db);

  if (data->cancellable == cancellable)
    return;

  if (data->cancellable != NULL)
    {
      g_cancellable_disconnect (data->cancellable, data->cancel_handler);
      data->cancel_handler = 0;
      g_clear_object (&data->cancellable);
    }

  g_atomic_int_set (&data->cancel_sent, FALSE);
  if (cancellable != NULL)
    data->cancellable = g_object_ref (cancellable);
  refresh_cancel (data);

  if (cancellable != NULL)
    data->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb),
                                                  data, NULL);
}

const RubricDbBackend rubric_db_pg_backend = {
  .name = "postgresql",
  .open = pg_open,
  .close = pg_close,
  .exec = pg_exec,
  .prepare = pg_prepare,
  .set_error = pg_set_error,
  .in_transaction = pg_in_transaction,
  .changes = pg_changes,
  .last_insert_id = pg_last_insert_id,
  /* READ COMMITTED: each statement sees what others committed before it,
   * and writers wait for each other's rows, not for the whole database;
   * docs/TEAM-STORE.md says why this is enough. */
  .begin_sql = "BEGIN",
  .step = pg_step,
  .reset = pg_reset,
  .clear_bindings = pg_clear_bindings,
  .finalize = pg_finalize,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .column_count = pg_column_count,
  .column_name = pg_column_name,
  .column_type = pg_column_type,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .check = pg_check,
  .watch_cancellable = pg_watch_cancellable,
  .bulk_begin = pg_bulk_begin,
  .bulk_row = pg_bulk_row,
  .bulk_end = pg_bulk_end,
  .backup = rubric_db_backup_generic,
};
