/* rubric-cli-members.c — members add | list | remove: who may do what in a
 * team database (SPEC §15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core does the work (rubric-members.h) and the server decides who may:
 * a member who is not an admin gets RUBRIC_ERROR_NOT_PERMITTED (exit 4), and
 * a SQLite file, which has no members, RUBRIC_ERROR_USAGE (exit 1).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-cli.h"
#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-members.h"

static int
members_add (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  const char *name;
  const char *role_name;
  RubricDbRole role;

  if (inv->args->len != 2)
    return fail_usage (_("members add needs a NAME and a role (reviewer, lead or admin)"));

  name = g_ptr_array_index (inv->args, 0);
  role_name = g_ptr_array_index (inv->args, 1);
  role = rubric_db_role_from_string (role_name);
  if (role == RUBRIC_DB_ROLE_NONE)
    return fail_usage (_("members add: the role must be reviewer, lead or admin, not “%s”"),
                       role_name);

  if (!(db = open_existing_db (inv, &error)) ||
      !rubric_members_add (db, name, role, &error))
    return fail (error);

  g_print (_("“%s” is a member as %s\n"), name, rubric_db_role_to_string (role));
  return EXIT_OK;
}

static int
members_list (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *format = option (inv, "--format");
  gboolean csv;

  if (inv->args->len != 0)
    return fail_usage (_("members list takes no arguments"));

  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "text"))
    return fail_usage (_("--format must be csv or text"));
  csv = g_strcmp0 (format, "csv") == 0;

  if (!(db = open_existing_db (inv, &error)) ||
      !(members = rubric_members_list (db, &error)))
    return fail (error);

  if (csv)
    g_string_append (out, "name,role\r\n");

  for (guint i = 0; i < members->len; i++)
    {
      const RubricMember *member = g_ptr_array_index (members, i);
      const char *role = rubric_db_role_to_string (member->role);

      if (csv)
        {
          const char *fields[] = { member->name, role != NULL ? role : "" };

          rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
        }
      else
        g_string_append_printf (out, "%-32s %s\n", member->name, role != NULL ? role : "");
    }

  g_print ("%s", out->str);
  return EXIT_OK;
}

static int
members_remove (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  const char *name;

  if (inv->args->len != 1)
    return fail_usage (_("members remove needs one NAME"));

  name = g_ptr_array_index (inv->args, 0);

  if (!(db = open_existing_db (inv, &error)) ||
      !rubric_members_remove (db, name, &error))
    return fail (error);

  g_print (_("“%s” is no longer a member (the login stays)\n"), name);
  return EXIT_OK;
}

int
cmd_members (Invocation *inv,
             const char *verb)
{
  if (g_strcmp0 (verb, "add") == 0)
    return members_add (inv);
  if (g_strcmp0 (verb, "list") == 0)
    return members_list (inv);
  if (g_strcmp0 (verb, "remove") == 0)
    return members_remove (inv);

  return fail_usage (_("members needs add, list or remove"));
}
