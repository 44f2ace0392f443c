/* rubric-output.c — files written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See rubric-output.h for the promise. The order of a commit is the usual
 * one for a crash-safe replacement: the data reaches the disk (fsync of
 * the file) before the name points at it (link or rename), and the name
 * reaches the disk (fsync of the folder) before we say it is done.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* O_TMPFILE */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "rubric-error.h"
#include "rubric-output.h"

#define BUFFER_SIZE (64 * 1024)
/* Room for ".", ".XXXXXX.tmp" and a basename within NAME_MAX. */
#define MAX_TEMP_BASENAME 200

struct _RubricOutput
{
  char              *path;       /* the target, links resolved */
  char              *dir;        /* its folder */
  char              *temp_path;  /* the named temporary file, or NULL */
  RubricOutputFlags  flags;
  int                fd;
  gboolean           in_place;   /* a device or a pipe: written as it is */
  gboolean           done;       /* committed or aborted */
  GOutputStream     *stream;
};

/* @path made absolute with its symbolic links resolved, also when it (or
 * the end of a chain of links) does not exist yet: then its folder is
 * resolved and its name kept. */
static char *
canonical_path (const char *path)
{
  g_autofree char *current = NULL;

  if (g_path_is_absolute (path))
    current = g_strdup (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();

      current = g_build_filename (cwd, path, NULL);
    }

  /* 40 is the kernel's own limit on links followed (ELOOP). */
  for (int depth = 0; depth < 40; depth++)
    {
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *base = NULL;
      char *real = realpath (current, NULL);

      if (real != NULL)
        {
          char *result = g_strdup (real);

          free (real);
          return result;
        }

      dir = g_path_get_dirname (current);

      /* A dangling link: follow it by hand. */
      link = g_file_read_link (current, NULL);
      if (link != NULL)
        {
          g_autofree char *next = g_path_is_absolute (link)
                                    ? g_strdup (link)
                                    : g_build_filename (dir, link, NULL);

          g_free (current);
          current = g_steal_pointer (&next);
          continue;
        }

      /* Not there yet: the folder decides. */
      base = g_path_get_basename (current);
      real = realpath (dir, NULL);
      if (real == NULL)
        break;
      g_free (current);
      current = g_build_filename (real, base, NULL);
      free (real);
      break;
    }

  return g_steal_pointer (&current);
}

static void
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: a file that could not be written, and why. */
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
}

static char *
temp_template (RubricOutput *self)
{
  g_autofree char *base = g_path_get_basename (self->path);

  if (strlen (base) > MAX_TEMP_BASENAME)
    base[MAX_TEMP_BASENAME] = '\0';

  return g_strdup_printf ("%s/.%s.XXXXXX.tmp", self->dir, base);
}

/* An unnamed file in the target's folder, which a later linkat () through
 * /proc names; -1 where the kernel, the file system or a missing /proc
 * cannot do that. */
static int
open_anonymous (RubricOutput *self,
                mode_t        mode)
{
#ifdef O_TMPFILE
  g_autofree char *proc = NULL;
  int fd = open (self->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);

  if (fd < 0)
    return -1;

  proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  if (access (proc, F_OK) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
#else
  return -1;
#endif
}

RubricOutput *
rubric_output_open (const char         *path,
                    RubricOutputFlags   flags,
                    GError            **error)
{
  g_autoptr(RubricOutput) self = NULL;
  g_autoptr(GOutputStream) base = NULL;
  struct stat st;
  gboolean existed = FALSE;
  int saved = 0;
  mode_t mode = (flags & RUBRIC_OUTPUT_PRIVATE) ? 0600 : 0666;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (RubricOutput, 1);
  self->fd = -1;
  self->flags = flags;
  self->path = canonical_path (path);
  self->dir = g_path_get_dirname (self->path);

  if (stat (self->path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          set_io_error (error, path, EISDIR);
          return NULL;
        }
      if (!S_ISREG (st.st_mode))
        self->in_place = TRUE;
      else
        {
          existed = TRUE;
          if (!(flags & RUBRIC_OUTPUT_PRIVATE))
            mode = st.st_mode & 07777;
        }
    }

  if (self->in_place)
    {
      self->fd = open (self->path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
      saved = errno;
    }
  else
    {
      if (!(flags & RUBRIC_OUTPUT_NAMED_TEMP))
        self->fd = open_anonymous (self, mode);

      if (self->fd < 0)
        {
          self->temp_path = temp_template (self);
          self->fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, mode);
          saved = errno;
          if (self->fd < 0)
            g_clear_pointer (&self->temp_path, g_free);
        }
    }

  if (self->fd < 0)
    {
      set_io_error (error, path, saved);
      return NULL;
    }

  /* A replaced file keeps its mode (the umask does not take it away);
   * a private one is 0600 whatever the umask. */
  if (!self->in_place && (existed || (flags & RUBRIC_OUTPUT_PRIVATE)) &&
      fchmod (self->fd, mode) != 0)
    {
      set_io_error (error, path, errno);
      return NULL;
    }

  base = g_unix_output_stream_new (self->fd, FALSE);
  self->stream = g_buffered_output_stream_new_sized (base, BUFFER_SIZE);

  return g_steal_pointer (&self);
}

GOutputStream *
rubric_output_get_stream (RubricOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

int
rubric_output_get_fd (RubricOutput *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->fd;
}

const char *
rubric_output_get_path (RubricOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
rubric_output_get_temp_path (RubricOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temp_path;
}

/* Gives the unnamed file the target's name: directly when there is no
 * target, else under a temporary name that is then renamed over it (a
 * hard link cannot replace a file). */
static gboolean
link_anonymous (RubricOutput *self)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", self->fd);

  if (linkat (AT_FDCWD, proc, AT_FDCWD, self->path, AT_SYMLINK_FOLLOW) == 0)
    return TRUE;
  if (errno != EEXIST)
    return FALSE;

  for (int tries = 0; tries < 100; tries++)
    {
      g_autofree char *base = g_path_get_basename (self->path);
      g_autofree char *temp = NULL;

      if (strlen (base) > MAX_TEMP_BASENAME)
        base[MAX_TEMP_BASENAME] = '\0';
      temp = g_strdup_printf ("%s/.%s.%06x.tmp", self->dir, base,
                              g_random_int () & 0xffffff);

      if (linkat (AT_FDCWD, proc, AT_FDCWD, temp, AT_SYMLINK_FOLLOW) == 0)
        {
          self->temp_path = g_steal_pointer (&temp);
          if (rename (self->temp_path, self->path) != 0)
            return FALSE;
          g_clear_pointer (&self->temp_path, g_free);
          return TRUE;
        }
      if (errno != EEXIST)
        return FALSE;
    }

  return FALSE;
}

static gboolean
sync_dir (RubricOutput *self)
{
  int fd = open (self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved;

  if (fd < 0)
    return FALSE;
  if (fsync (fd) == 0 || errno == EINVAL)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  close (fd);
  errno = saved;
  return FALSE;
}

gboolean
rubric_output_commit (RubricOutput  *self,
                      GError       **error)
{
  g_autoptr(GError) local = NULL;
  int saved;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);

  /* The first write error, kept by the stream, comes back here at the
   * latest. */
  if (!g_output_stream_close (self->stream, NULL, &local))
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, local->domain, local->code, _("Could not write “%s”: %s"),
                   display, local->message);
      rubric_output_abort (self);
      return FALSE;
    }

  /* Devices and pipes cannot be synced, and need not be. */
  if (fsync (self->fd) != 0 && !(self->in_place && (errno == EINVAL || errno == EROFS)))
    goto failed;

  if (!self->in_place)
    {
      if (self->temp_path != NULL)
        {
          if (rename (self->temp_path, self->path) != 0)
            goto failed;
          g_clear_pointer (&self->temp_path, g_free);
        }
      else if (!link_anonymous (self))
        goto failed;

      if (!sync_dir (self))
        {
          /* The new file is in place, but may not survive a power cut. */
          saved = errno;
          close (self->fd);
          self->fd = -1;
          self->done = TRUE;
          set_io_error (error, self->path, saved);
          return FALSE;
        }
    }

  if (close (self->fd) != 0 && !self->in_place)
    {
      saved = errno;
      self->fd = -1;
      self->done = TRUE;
      set_io_error (error, self->path, saved);
      return FALSE;
    }
  self->fd = -1;
  self->done = TRUE;
  return TRUE;

failed:
  saved = errno;
  rubric_output_abort (self);
  set_io_error (error, self->path, saved);
  return FALSE;
}

void
rubric_output_abort (RubricOutput *self)
{
  g_return_if_fail (self != NULL);

  if (self->done)
    return;
  self->done = TRUE;

  /* Closed through a cancelled cancellable, the buffer is dropped
   * rather than written. */
  if (self->stream != NULL && !g_output_stream_is_closed (self->stream))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (self->stream, cancelled, NULL);
    }

  if (self->temp_path != NULL)
    {
      g_unlink (self->temp_path);
      g_clear_pointer (&self->temp_path, g_free);
    }

  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
}

void
rubric_output_free (RubricOutput *self)
{
  if (self == NULL)
    return;

  rubric_output_abort (self);
  g_clear_object (&self->stream);
  g_free (self->path);
  g_free (self->dir);
  g_free (self->temp_path);
  g_free (self);
}

/* Whether @a and @b name the same existing file. */
static gboolean
same_file (const char        *a,
           const struct stat *a_st,
           const char        *b)
{
  struct stat b_st;

  return a_st != NULL && stat (b, &b_st) == 0 &&
         a_st->st_dev == b_st.st_dev && a_st->st_ino == b_st.st_ino;
}

gboolean
rubric_output_check_not_database (const char  *path,
                                  const char  *db_path,
                                  GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *target = NULL;
  g_autofree char *db_real = NULL;
  struct stat target_st;
  gboolean exists;

  g_return_val_if_fail (path != NULL, FALSE);

  /* A URI (a team database) is not a file an output could overwrite. */
  if (db_path == NULL || strstr (db_path, "://") != NULL)
    return TRUE;

  exists = stat (path, &target_st) == 0;
  target = canonical_path (path);
  db_real = canonical_path (db_path);

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      /* SQLite names its -wal and -shm after the database's resolved
       * path; the name given may be a link to it. */
      g_autofree char *given = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *real = g_strconcat (db_real, suffixes[i], NULL);
      g_autofree char *given_real = canonical_path (given);

      if (same_file (path, exists ? &target_st : NULL, given) ||
          same_file (path, exists ? &target_st : NULL, real) ||
          g_str_equal (target, real) || g_str_equal (target, given_real))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE,
                       /* Translators: %s is the file given with -o. */
                       _("“%s” is the database or one of its files: writing there would "
                         "destroy it; choose another file"), display);
          return FALSE;
        }
    }

  return TRUE;
}
