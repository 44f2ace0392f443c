/* rubric-team-secret.c — a team database's password: in the keyring, never in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences keep the URI without its password; the password goes to
 * the GNOME keyring (libsecret), keyed by that URI. At start-up the app
 * looks it up and gives it to libpq in memory only. Without a keyring (a
 * headless session, the tests) nothing is kept and libpq reads ~/.pgpass.
 */

#include "config.h"

#include <libsecret/secret.h>

#include "rubric-team-secret.h"

static const SecretSchema *
database_schema (void)
{
  static const SecretSchema schema = {
    "io.github.rubricqa.Rubric.Database", SECRET_SCHEMA_NONE,
    {
      { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Removes "password=…" from the query of @uri (a libpq URI's parameters
 * are "&"-separated after "?"). */
static char *
strip_query_password (const char  *uri,
                      char       **password)
{
  const char *query = strchr (uri, '?');
  g_auto(GStrv) params = NULL;
  g_autoptr(GString) out = NULL;
  gboolean first = TRUE;

  if (query == NULL)
    return g_strdup (uri);

  out = g_string_new_len (uri, query - uri);
  params = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      if (g_str_has_prefix (params[i], "password="))
        {
          if (password != NULL && *password == NULL)
            *password = g_uri_unescape_string (params[i] + strlen ("password="), NULL);
          continue;
        }
      if (*params[i] == '\0')
        continue;
      g_string_append_c (out, first ? '?' : '&');
      g_string_append (out, params[i]);
      first = FALSE;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rubric_team_strip_password (const char  *uri,
                            char       **password)
{
  g_autofree char *found = NULL;
  g_autofree char *rest = NULL;
  const char *start, *end, *at, *colon;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  if (password != NULL)
    *password = NULL;

  /* postgresql://[user[:password]@][host][:port][,…][/dbname][?param=value&…] */
  start = strstr (uri, "://");
  if (start == NULL)
    return g_strdup (uri);
  start += 3;
  end = start + strcspn (start, "/?");
  at = memchr (start, '@', end - start);
  /* The last '@' of the authority: a user name may not hold one unencoded. */
  for (const char *p = at; p != NULL && p < end; p = memchr (p + 1, '@', end - p - 1))
    at = p;

  out = g_string_new_len (uri, start - uri);
  if (at != NULL && (colon = memchr (start, ':', at - start)) != NULL)
    {
      found = g_uri_unescape_segment (colon + 1, at, NULL);
      g_string_append_len (out, start, colon - start);
      g_string_append (out, at);
    }
  else
    g_string_append (out, start);

  rest = strip_query_password (out->str, found == NULL ? &found : NULL);
  if (password != NULL)
    *password = g_steal_pointer (&found);
  else if (found != NULL)
    memset (found, 0, strlen (found));

  return g_steal_pointer (&rest);
}

char *
rubric_team_add_password (const char *uri,
                          const char *password)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  if (password == NULL || *password == '\0')
    return g_strdup (uri);

  escaped = g_uri_escape_string (password, NULL, FALSE);
  return g_strconcat (uri, strchr (uri, '?') != NULL ? "&" : "?", "password=", escaped, NULL);
}

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rubric_team_store_password_async (const char          *uri,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  /* The keyring's label: the address, the same in every language. */
  g_autofree char *label = g_strdup_printf ("Rubric: %s", uri);

  secret_password_store (database_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_done_cb, task, "uri", uri, NULL);
}

gboolean
rubric_team_store_password_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
rubric_team_lookup_password (const char *uri)
{
  g_autoptr(GError) error = NULL;
  char *secret;
  char *password;

  /* No session bus (the tests, a headless run): ~/.pgpass, silently. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && g_getenv ("XDG_RUNTIME_DIR") == NULL)
    return NULL;

  secret = secret_password_lookup_sync (database_schema (), NULL, &error, "uri", uri, NULL);
  if (secret == NULL)
    return NULL;
  password = g_strdup (secret);
  secret_password_free (secret);

  return password;
}
