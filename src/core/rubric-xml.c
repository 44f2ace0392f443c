/* rubric-xml.c — safe parsing and RelaxNG validation of Rubric's XML formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "rubric-core-resources.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-xml.h"

#define RESOURCE_PREFIX "/io/github/rubricqa/Rubric/core/"

GBytes *
rubric_core_resource (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);

  return g_resource_lookup_data (rubric_core_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static void
ignore_generic_error (void       *ctx,
                      const char *msg,
                      ...)
{
}

static void
ignore_structured_error (void     *user_data,
                         xmlError *error)
{
}

/* Keeps libxml2 quiet: every error we care about is read back from the
 * context and reported through GError instead. */
static void
init_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetGenericErrorFunc (NULL, ignore_generic_error);
      xmlSetStructuredErrorFunc (NULL, ignore_structured_error);
      g_once_init_leave (&initialized, 1);
    }
}

typedef struct
{
  gboolean has_doctype;
  int      line;
} DoctypeGuard;

/* Called by the SAX parser as soon as it meets "<!DOCTYPE": stop there,
 * before any internal subset (and its entities) is read. */
static void
internal_subset_cb (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxt *parser = ctx;
  DoctypeGuard *guard = parser->_private;

  guard->has_doctype = TRUE;
  guard->line = xmlSAX2GetLineNumber (parser);
  xmlStopParser (parser);
}

/* libxml2's messages end in a newline and sometimes carry a second line of
 * detail; keep the first line only. */
static char *
clean_message (const char *message)
{
  char *copy = g_strdup (message != NULL ? message : "");
  char *newline = strchr (g_strstrip (copy), '\n');

  if (newline != NULL)
    *newline = '\0';

  return g_strstrip (copy);
}

typedef struct
{
  char *message;
  int   line;
} FirstError;

static void
validity_error_cb (void     *user_data,
                   xmlError *error)
{
  FirstError *first = user_data;
  int line;

  if (error == NULL)
    return;

  line = error->line;
  if (line <= 0 && error->node != NULL)
    line = (int) xmlGetLineNo (error->node);

  /* libxml2 often reports a vague summary without a line ("failed to
   * validate attributes") before the precise error that has one: keep the
   * first error, unless a later one can say where. */
  if (first->message != NULL && (first->line > 0 || line <= 0))
    return;

  g_free (first->message);
  first->message = clean_message (error->message);
  first->line = line;
}

/* libxml2's tree validator cannot always say where an attribute went wrong
 * (a missing required one has no line); its streaming validator can, as it
 * knows the reader's position. Only run on documents already refused, and
 * already known to have no DOCTYPE. */
static void
locate_validity_error (const char *data,
                       gsize       length,
                       const char *label,
                       xmlRelaxNG *compiled,
                       FirstError *first)
{
  FirstError located = { NULL, 0 };
  xmlTextReader *reader;

  reader = xmlReaderForMemory (data, (int) length, label, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                               XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC);
  if (reader == NULL)
    return;

  xmlTextReaderSetStructuredErrorHandler (reader, validity_error_cb, &located);
  if (xmlTextReaderRelaxNGSetSchema (reader, compiled) == 0)
    while (xmlTextReaderRead (reader) == 1 && located.line <= 0)
      ;
  xmlFreeTextReader (reader);

  if (located.message != NULL && located.line > 0)
    {
      g_free (first->message);
      *first = located;
    }
  else
    g_free (located.message);
}

static xmlRelaxNG *
load_schema (const char  *schema,
             GError     **error)
{
  static GMutex lock;
  static GHashTable *cache;
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&lock);
  g_autoptr(xmlRelaxNGParserCtxt) parser = NULL;
  g_autofree char *name = g_strconcat ("schemas/", schema, NULL);
  g_autoptr(GBytes) bytes = NULL;
  xmlRelaxNG *compiled;
  gsize size;
  const char *data;

  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);

  if ((compiled = g_hash_table_lookup (cache, schema)))
    return compiled;

  if (!(bytes = rubric_core_resource (name)))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("The schema %s is missing from this build"), schema);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  parser = xmlRelaxNGNewMemParserCtxt (data, (int) size);
  compiled = xmlRelaxNGParse (parser);
  if (compiled == NULL)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                   _("The schema %s cannot be compiled"), schema);
      return NULL;
    }

  g_hash_table_insert (cache, g_strdup (schema), compiled);
  return compiled;
}

xmlDoc *
rubric_xml_parse (const char   *label,
                  const char   *data,
                  gsize         length,
                  const char   *ns,
                  const char   *root,
                  const char   *schema,
                  GError      **error)
{
  g_autoptr(xmlParserCtxt) parser = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlRelaxNGValidCtxt) validator = NULL;
  DoctypeGuard guard = { FALSE, 0 };
  FirstError first = { NULL, 0 };
  xmlRelaxNG *compiled;
  xmlNode *element;
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  init_libxml ();

  if (length == 0)
    {
      rubric_set_input_error (error, label, 0, _("the file is empty"));
      return NULL;
    }

  if (length > G_MAXINT)
    {
      rubric_set_input_error (error, label, 0, _("the file is too large"));
      return NULL;
    }

  /* Our formats are UTF-8 only; refuse UTF-16 and friends outright rather
   * than let a byte-order mark pick another decoder. */
  if (length >= 2 && ((guchar) data[0] == 0xFE || (guchar) data[0] == 0xFF || data[0] == '\0'))
    {
      rubric_set_input_error (error, label, 1, _("the file is not UTF-8"));
      return NULL;
    }

  /* XML has no NUL character, and libxml2 stops reading at one: whatever
   * followed it (after the root element, say) would pass unseen. */
  {
    const char *nul = memchr (data, '\0', length);

    if (nul != NULL)
      {
        gint64 line = 1;

        for (const char *p = data; p < nul; p++)
          line += *p == '\n';

        rubric_set_input_error (error, label, line,
                                _("a NUL byte is not allowed in an XML file"));
        return NULL;
      }
  }

  if (!(parser = xmlNewParserCtxt ()))
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_IO, _("Out of memory"));
      return NULL;
    }

  parser->_private = &guard;
  parser->sax->internalSubset = internal_subset_cb;

  doc = xmlCtxtReadMemory (parser, data, (int) length, label, "UTF-8", options);

  if (guard.has_doctype)
    {
      rubric_set_input_error (error, label, guard.line,
                              _("a DOCTYPE is not allowed in Rubric files"));
      return NULL;
    }

  if (doc == NULL || !parser->wellFormed)
    {
      const xmlError *last = xmlCtxtGetLastError (parser);
      g_autofree char *message = clean_message (last != NULL ? last->message : NULL);

      rubric_set_input_error (error, label, last != NULL ? last->line : 0,
                              _("not well-formed XML: %s"), message);
      return NULL;
    }

  element = xmlDocGetRootElement (doc);
  if (element == NULL)
    {
      rubric_set_input_error (error, label, 0, _("the document has no root element"));
      return NULL;
    }

  if (!rubric_xml_is (element, ns, root))
    {
      rubric_set_input_error (error, label, xmlGetLineNo (element),
                              _("expected a <%s> element in namespace %s, found <%s>%s%s"),
                              root, ns, (const char *) element->name,
                              element->ns ? _(" in namespace ") : _(" without a namespace"),
                              element->ns ? (const char *) element->ns->href : "");
      return NULL;
    }

  if (!(compiled = load_schema (schema, error)))
    return NULL;

  validator = xmlRelaxNGNewValidCtxt (compiled);
  xmlRelaxNGSetValidStructuredErrors (validator, validity_error_cb, &first);

  if (xmlRelaxNGValidateDoc (validator, doc) != 0)
    {
      if (first.line <= 0)
        locate_validity_error (data, length, label, compiled, &first);

      rubric_set_input_error (error, label, first.line,
                              _("does not follow the schema %s: %s"), schema,
                              first.message != NULL ? first.message : _("invalid document"));
      g_free (first.message);
      return NULL;
    }

  g_free (first.message);
  return g_steal_pointer (&doc);
}

/* Reads the file in pieces and stops as soon as it is larger than Rubric
 * takes (docs/DECISIONS.md), so that /dev/zero, a pipe or a huge file is
 * refused without first filling the memory. */
gboolean
rubric_read_input_file (const char  *path,
                        char       **data,
                        gsize       *length,
                        GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  int fd;

  g_return_val_if_fail (path != NULL && data != NULL && length != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int errsv = errno;
      rubric_set_input_error (error, path, 0, _("cannot read the file: %s"), g_strerror (errsv));
      return FALSE;
    }

  for (;;)
    {
      guint8 buffer[65536];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int errsv = errno;
          close (fd);
          rubric_set_input_error (error, path, 0, _("cannot read the file: %s"),
                                  g_strerror (errsv));
          return FALSE;
        }

      if (n == 0)
        break;

      if ((guint64) bytes->len + (guint64) n > RUBRIC_INPUT_MAX_BYTES)
        {
          close (fd);
          rubric_set_input_error (error, path, 0,
                                  _("the file is larger than %u MiB, the most Rubric reads "
                                    "from one file"),
                                  (guint) (RUBRIC_INPUT_MAX_BYTES / (1024 * 1024)));
          return FALSE;
        }

      g_byte_array_append (bytes, buffer, (guint) n);
    }

  close (fd);

  *length = bytes->len;
  /* A terminating NUL, as g_file_get_contents gives, for text parsers. */
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *data = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

xmlDoc *
rubric_xml_parse_file (const char   *path,
                       const char   *ns,
                       const char   *root,
                       const char   *schema,
                       GError      **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!rubric_read_input_file (path, &data, &length, error))
    return NULL;

  return rubric_xml_parse (path, data, length, ns, root, schema, error);
}

gboolean
rubric_xml_is (xmlNode    *node,
               const char *ns,
               const char *name)
{
  return node != NULL &&
         node->type == XML_ELEMENT_NODE &&
         node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, ns) == 0 &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

/* An unqualified attribute, or NULL. */
char *
rubric_xml_get (xmlNode    *node,
                const char *attribute)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) attribute);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

char *
rubric_xml_get_lang (xmlNode *node)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) "lang", XML_XML_NAMESPACE);
  char *copy = g_strdup (value ? (const char *) value : "");

  xmlFree (value);
  return copy;
}

char *
rubric_xml_get_text (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup (value ? (const char *) value : "");

  xmlFree (value);
  return copy;
}

xmlTextWriter *
rubric_xml_writer_new (xmlBuffer **buffer)
{
  xmlTextWriter *writer;

  init_libxml ();

  *buffer = xmlBufferCreate ();
  writer = xmlNewTextWriterMemory (*buffer, 0);
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, (const xmlChar *) "  ");
  return writer;
}

/* The shortest plain decimal (no exponent: xsd:decimal has none) that reads
 * back as exactly @value, always with a dot: "3", "1.5", "0.00000000000001".
 * Every finite double has an exact decimal expansion, so the loop ends. */
char *
rubric_xml_format_double (double value)
{
  char buffer[800];

  g_return_val_if_fail (isfinite (value), g_strdup ("0"));

  for (int decimals = 0; decimals <= 340; decimals++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  return g_strdup (buffer);
}

void
rubric_xml_write_uint_attribute (xmlTextWriter *writer,
                                 const char    *name,
                                 guint          value)
{
  xmlTextWriterWriteFormatAttribute (writer, (const xmlChar *) name, "%u", value);
}
