/* rubric-output.h — files written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file Rubric writes (an export, a report, a backup) goes through
 * RubricOutput: the bytes go to a temporary file in the target's folder,
 * and only rubric_output_commit () puts it in place, after flushing it,
 * fsync ()ing it, renaming it over the target and fsync ()ing the folder.
 * Until then the target is exactly as it was (or still absent); a failed
 * write, a full disk, rubric_output_abort () or a crash leave it so.
 *
 * The temporary file is, on Linux, an unnamed O_TMPFILE: a process killed
 * with SIGKILL leaves nothing behind. Where the file system cannot make one
 * (or with RUBRIC_OUTPUT_NAMED_TEMP) it is a hidden ".NAME.XXXXXX.tmp"
 * beside the target, removed on abort and on every error, which only a
 * kill at the wrong moment can leave.
 *
 * A target that is a symbolic link is written where the link points, and
 * the link stays. A target that exists and is not a regular file (a
 * device such as /dev/null, a pipe) is written in place: there is nothing
 * to rename over.
 *
 * How a writer uses it:
 *
 *   g_autoptr(RubricOutput) output = rubric_output_open (path, RUBRIC_OUTPUT_NONE, error);
 *   if (output == NULL ||
 *       !write_everything (rubric_output_get_stream (output), error) ||
 *       !rubric_output_commit (output, error))
 *     return FALSE;     // the autoptr aborts: the target is untouched
 *
 * A writer that needs a path rather than a stream (SQLite's backup API,
 * which opens the copy itself) asks for RUBRIC_OUTPUT_NAMED_TEMP, writes to
 * rubric_output_get_temp_path (), closes its own handle on it, then
 * commits; with RUBRIC_OUTPUT_PRIVATE the file is made 0600 whatever the
 * umask or the old file's mode (a database and its copies).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RUBRIC_OUTPUT_NONE       = 0,
  /* The temporary file has a name (rubric_output_get_temp_path ()). */
  RUBRIC_OUTPUT_NAMED_TEMP = 1 << 0,
  /* Mode 0600, not the old file's mode or 0666 less the umask. */
  RUBRIC_OUTPUT_PRIVATE    = 1 << 1,
} RubricOutputFlags;

typedef struct _RubricOutput RubricOutput;

/* Starts writing @path (a file name, not a URI): makes the temporary file.
 * NULL with an error naming @path when the folder is not there or not
 * writable, or @path is a folder.
 *
 * I/O errors of RubricOutput are G_IO_ERROR's, with the code of the
 * errno (G_IO_ERROR_NOT_FOUND, G_IO_ERROR_NO_SPACE, ...), so that callers
 * can tell them apart; rubric-cli exits 3 on them. */
RubricOutput  *rubric_output_open           (const char         *path,
                                             RubricOutputFlags   flags,
                                             GError            **error);

/* The stream to write to (buffered; owned by @self). Errors of its writes
 * come back from the writes or, at the latest, from the commit. */
GOutputStream *rubric_output_get_stream     (RubricOutput       *self);

/* The file descriptor of the temporary file (owned by @self). */
int            rubric_output_get_fd         (RubricOutput       *self);

/* The target, with its symbolic links resolved. */
const char    *rubric_output_get_path       (RubricOutput       *self);

/* The temporary file's name: NULL for an unnamed (O_TMPFILE) one and for a
 * target written in place. Always set with RUBRIC_OUTPUT_NAMED_TEMP. */
const char    *rubric_output_get_temp_path  (RubricOutput       *self);

/* Flushes the stream, fsync ()s the file, puts it in place of the target
 * and fsync ()s the folder. On failure (the first write error included)
 * the temporary file is removed, the target left as it was, and @error
 * (G_IO_ERROR) names the target and the cause. Either way @self is
 * done: only rubric_output_free () is left to call. */
gboolean       rubric_output_commit         (RubricOutput       *self,
                                             GError            **error);

/* Throws away what was written: the target stays as it was. Idempotent. */
void           rubric_output_abort          (RubricOutput       *self);

/* Aborts unless committed, then frees. */
void           rubric_output_free           (RubricOutput       *self);

/* Refuses (RUBRIC_ERROR_USAGE) a @path that is the database @db_path or one
 * of SQLite's files beside it (-wal, -shm, -journal): the same file by
 * identity (device and inode, so hard and symbolic links count) where it
 * exists, the same canonical name where it does not exist yet. */
gboolean       rubric_output_check_not_database (const char     *path,
                                                 const char     *db_path,
                                                 GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricOutput, rubric_output_free)

G_END_DECLS
