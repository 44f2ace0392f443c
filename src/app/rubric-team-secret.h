/* rubric-team-secret.h — a team database's password: in the keyring, never in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Splits a PostgreSQL URI typed by the user into the URI without its
 * password (the user info's ":PASSWORD" or a "password=" parameter) and the
 * password (percent-decoded), NULL when there was none. */
char     *rubric_team_strip_password  (const char     *uri,
                                       char          **password);
/* @uri with "password=" appended (percent-encoded): for libpq, in memory
 * only. */
char     *rubric_team_add_password    (const char     *uri,
                                       const char     *password);
/* Keeps @password in the keyring (libsecret, schema
 * io.github.rubricqa.Rubric.Database) under @uri, which has no password. */
void      rubric_team_store_password_async  (const char          *uri,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  rubric_team_store_password_finish (GAsyncResult        *result,
                                             GError             **error);
/* The password kept for @uri, or NULL (none, or no keyring: libpq then
 * reads ~/.pgpass). Blocks on the session bus: called once at start-up,
 * before the window shows. */
char     *rubric_team_lookup_password (const char     *uri);

G_END_DECLS
