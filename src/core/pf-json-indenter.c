/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-json-indenter"

#include "config.h"

#include "pf-json-indenter.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A streaming JSON pretty-printer: it indents as the bytes come, in chunks cut anywhere, and
 * never builds a tree. What it keeps is O(depth): a bit per open container (object or array),
 * and for the JSONPath the index or key of each open container's current member.
 *
 * The layout is `jq --indent N .`'s: a member per line, "key": value with one space after
 * the colon, {} and [] when empty, a newline after each top-level value (several top-level
 * values, as in JSON Lines, are each printed). Unlike jq, strings and numbers are kept byte for
 * byte as in the source: no re-escaping (jq writes "\u00e9" as "é" and "\/" as "/"), no number
 * normalisation (jq writes 1.50 as 1.5 and 1e2 as 100), and duplicate keys are all kept (jq
 * keeps the last). Bytes inside strings are not checked to be UTF-8.
 *
 * The hot path copies a string's plain bytes in one run per chunk, found by a table look-up per
 * byte, and each newline with its indentation from one precomputed string. Lines are counted in
 * whitespace only, where a newline may be; a column (in characters) is worked out only for an
 * error message, from the characters counted on the current line at the end of each chunk. */

typedef enum
{
  STATE_VALUE,          /* a value, or at the top level also the end */
  STATE_VALUE_OR_CLOSE, /* after "[" */
  STATE_KEY_OR_CLOSE,   /* after "{" */
  STATE_KEY,            /* after "," in an object */
  STATE_COLON,
  STATE_AFTER_VALUE, /* "," or the container's close */
  STATE_STRING,
  STATE_NUMBER,
  STATE_LITERAL,
} State;

typedef enum
{
  IN_TEXT,
  IN_ESCAPE,
  IN_HEX,
} StringPart;

/* RFC 8259 §6 numbers, one byte at a time, so that a number cut between chunks needs no
 * buffer. */
typedef enum
{
  NUMBER_START,
  NUMBER_MINUS,
  NUMBER_ZERO,
  NUMBER_INT,
  NUMBER_DOT,
  NUMBER_FRACTION,
  NUMBER_E,
  NUMBER_E_SIGN,
  NUMBER_EXPONENT,
  NUMBER_BAD,
} NumberState;

typedef enum
{
  PROBLEM_NONE,
  PROBLEM_VALUE,
  PROBLEM_VALUE_OR_END,
  PROBLEM_VALUE_OR_BRACKET,
  PROBLEM_COMMA_OR_BRACKET,
  PROBLEM_COMMA_OR_BRACE,
  PROBLEM_KEY_OR_BRACE,
  PROBLEM_KEY,
  PROBLEM_COLON,
  PROBLEM_STRING_END,
  PROBLEM_ESCAPE,
  PROBLEM_HEX,
  PROBLEM_CONTROL,
  PROBLEM_NUMBER,
  PROBLEM_LITERAL,
  PROBLEM_UNMATCHED_BRACKET,
  PROBLEM_UNMATCHED_BRACE,
  PROBLEM_TOO_DEEP,
} Problem;

/* Translators: every message ends with where the input went wrong: the three %s are a line
 * and a column (both from 1) and a byte offset (from 0). */
static const char *const problem_messages[] = {
  [PROBLEM_VALUE] = N_("Expected a value at line %s, column %s (byte %s)"),
  [PROBLEM_VALUE_OR_END] = N_("Expected another value or the end of the input at line %s, "
                              "column %s (byte %s)"),
  [PROBLEM_VALUE_OR_BRACKET] = N_("Expected a value or “]” at line %s, column %s (byte %s)"),
  [PROBLEM_COMMA_OR_BRACKET] = N_("Expected “,” or “]” at line %s, column %s (byte %s)"),
  [PROBLEM_COMMA_OR_BRACE] = N_("Expected “,” or “}” at line %s, column %s (byte %s)"),
  [PROBLEM_KEY_OR_BRACE] = N_("Expected a key in double quotes or “}” at line %s, column %s "
                              "(byte %s)"),
  [PROBLEM_KEY] = N_("Expected a key in double quotes at line %s, column %s (byte %s)"),
  [PROBLEM_COLON] = N_("Expected “:” at line %s, column %s (byte %s)"),
  [PROBLEM_STRING_END] = N_("Expected the closing “\"” of a string at line %s, column %s "
                            "(byte %s)"),
  [PROBLEM_ESCAPE] = N_("Expected one of “\"\\/bfnrtu” after “\\” at line %s, column %s "
                        "(byte %s)"),
  [PROBLEM_HEX] = N_("Expected a hexadecimal digit of a “\\u” escape at line %s, column %s "
                     "(byte %s)"),
  [PROBLEM_CONTROL] = N_("Expected a “\\” escape instead of a control character in a string "
                         "at line %s, column %s (byte %s)"),
  [PROBLEM_NUMBER] = N_("Invalid number at line %s, column %s (byte %s)"),
  [PROBLEM_LITERAL] = N_("Expected “true”, “false” or “null” at line %s, column %s (byte %s)"),
  [PROBLEM_UNMATCHED_BRACKET] = N_("Unmatched “]” at line %s, column %s (byte %s)"),
  [PROBLEM_UNMATCHED_BRACE] = N_("Unmatched “}” at line %s, column %s (byte %s)"),
};

typedef struct
{
  guint64 index;
  gsize key_start;
  gsize key_len;
} Level;

struct _PfJsonIndenter
{
  guint width;
  char *indent; /* ",\n" and then spaces */
  gsize indent_len;

  State state;
  guint depth;
  guint64 objects[(PF_JSON_INDENTER_MAX_DEPTH + 63) / 64]; /* bit set: an object */
  StringPart string_part;
  guint hex_left;
  gboolean in_key;
  NumberState number;
  const char *literal;
  guint literal_pos;
  guint64 documents;

  /* The JSONPath: a level per open container; the keys of the current path in keys, the one
   * being read after them until its value starts. */
  Level *levels;
  guint n_levels;
  GString *keys;
  gsize pending_key;
  guint value_depth;

  /* Where the next chunk starts. */
  guint64 offset;
  guint64 line;
  guint64 line_start;
  guint64 line_chars; /* characters on the line before offset */

  GError *failure;
};

G_DEFINE_QUARK (pf - json - indenter - error - quark, pf_json_indenter_error)

enum
{
  CLASS_OTHER = 0,
  CLASS_SPACE = 1 << 0,
  CLASS_TOKEN = 1 << 1,   /* may be part of a number or a literal */
  CLASS_SPECIAL = 1 << 2, /* ends a string's plain run: '"', '\\', a control character */
  CLASS_ESCAPE = 1 << 3,  /* one-letter escapes */
  CLASS_HEX = 1 << 4,
};

static guint8 classes[256];

static void
classes_init (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  for (guint c = 0; c < 0x20; c++)
    classes[c] |= CLASS_SPECIAL;
  classes['"'] |= CLASS_SPECIAL;
  classes['\\'] |= CLASS_SPECIAL;
  for (const char *s = " \t\r\n"; *s; s++)
    classes[(guchar) *s] |= CLASS_SPACE;
  for (guint c = 0; c < 256; c++)
    if (g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.')
      classes[c] |= CLASS_TOKEN;
  for (const char *s = "\"\\/bfnrt"; *s; s++)
    classes[(guchar) *s] |= CLASS_ESCAPE;
  for (guint c = 0; c < 256; c++)
    if (g_ascii_isxdigit (c))
      classes[c] |= CLASS_HEX;
  g_once_init_leave (&done, 1);
}

#define IS(c, class) ((classes[(guchar) (c)] & (class)) != 0)

PfJsonIndenter *
pf_json_indenter_new (guint indent_width)
{
  PfJsonIndenter *self;

  g_return_val_if_fail (indent_width >= 1 && indent_width <= PF_JSON_INDENTER_MAX_INDENT, NULL);

  classes_init ();
  self = g_new0 (PfJsonIndenter, 1);
  self->width = indent_width;
  self->indent_len = 2 + 16 * indent_width;
  self->indent = g_malloc (self->indent_len);
  memcpy (self->indent, ",\n", 2);
  memset (self->indent + 2, ' ', self->indent_len - 2);
  self->n_levels = 16;
  self->levels = g_new (Level, self->n_levels);
  self->keys = g_string_new (NULL);
  self->line = 1;
  return self;
}

void
pf_json_indenter_free (PfJsonIndenter *self)
{
  if (self == NULL)
    return;
  g_free (self->indent);
  g_free (self->levels);
  g_string_free (self->keys, TRUE);
  g_clear_error (&self->failure);
  g_free (self);
}

/* Appends without a call when @out has room: GLib 2.74's g_string_append_len is not inline.
 * The closing NUL is written at the end of a feed. */
static inline void
emit (GString *out,
      const void *bytes,
      gsize n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      g_string_append_len (out, bytes, n);
      return;
    }
  memcpy (out->str + out->len, bytes, n);
  out->len += n;
}

static inline void
emit_c (GString *out,
        char c)
{
  emit (out, &c, 1);
}

/* A newline and the indentation of @depth, preceded by a comma if @comma. */
static inline void
emit_newline (PfJsonIndenter *self,
              GString *out,
              guint depth,
              gboolean comma)
{
  emit (out, self->indent + !comma, 1 + comma + (gsize) depth * self->width);
}

static inline gboolean
is_object (PfJsonIndenter *self,
           guint depth)
{
  guint bit = depth - 1;

  return (self->objects[bit / 64] >> (bit % 64)) & 1;
}

static void
push (PfJsonIndenter *self,
      gboolean object)
{
  guint bit = self->depth;
  gsize need = 2 + (gsize) (self->depth + 1) * self->width;

  if (object)
    self->objects[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
  else
    self->objects[bit / 64] &= ~(G_GUINT64_CONSTANT (1) << (bit % 64));
  if (self->depth == self->n_levels)
    {
      self->n_levels *= 2;
      self->levels = g_renew (Level, self->levels, self->n_levels);
    }
  /* An array's index goes to 0 when its first value starts. */
  self->levels[self->depth] = (Level){ G_MAXUINT64, self->keys->len, 0 };
  self->depth++;
  if (need > self->indent_len)
    {
      gsize old = self->indent_len;

      self->indent_len = MAX (need, old * 2);
      self->indent = g_realloc (self->indent, self->indent_len);
      memset (self->indent + old, ' ', self->indent_len - old);
    }
}

static void
pop (PfJsonIndenter *self)
{
  self->depth--;
  g_string_truncate (self->keys, self->levels[self->depth].key_start);
  self->value_depth = self->depth;
}

/* A value ended: at the top level it is a document of its own, on its own line. */
static inline void
value_done (PfJsonIndenter *self,
            GString *out)
{
  if (self->depth == 0)
    {
      emit_c (out, '\n');
      self->documents++;
      self->state = STATE_VALUE;
    }
  else
    self->state = STATE_AFTER_VALUE;
}

/* The key read last becomes its object's current member, now that its value starts. */
static void
commit_key (PfJsonIndenter *self)
{
  Level *level = &self->levels[self->depth - 1];
  gsize len = self->keys->len - self->pending_key;

  memmove (self->keys->str + level->key_start, self->keys->str + self->pending_key, len);
  g_string_truncate (self->keys, level->key_start + len);
  level->key_len = len;
}

/* From @p in a string (whose copy may have begun at @run, before @p) to its end or the
 * chunk's: returns where it stopped, or where it went wrong with *problem set. */
static const guchar *
string_body (PfJsonIndenter *self,
             const guchar *run,
             const guchar *p,
             const guchar *end,
             GString *out,
             Problem *problem)
{
  for (;;)
    {
      if (G_LIKELY (self->string_part == IN_TEXT))
        {
          while (p < end && !IS (*p, CLASS_SPECIAL))
            p++;
          if (p == end)
            break;
          if (*p == '"')
            {
              p++;
              emit (out, run, p - run);
              if (self->in_key)
                {
                  g_string_append_len (self->keys, (const char *) run, p - run);
                  self->state = STATE_COLON;
                }
              else
                value_done (self, out);
              return p;
            }
          if (*p != '\\')
            {
              *problem = PROBLEM_CONTROL;
              return p;
            }
          /* Escapes whole in the chunk are checked here; one cut by its end byte by byte. */
          if (end - p >= 2 && IS (p[1], CLASS_ESCAPE))
            p += 2;
          else if (end - p >= 6 && p[1] == 'u' && IS (p[2], CLASS_HEX) && IS (p[3], CLASS_HEX) &&
                   IS (p[4], CLASS_HEX) && IS (p[5], CLASS_HEX))
            p += 6;
          else
            {
              p++;
              self->string_part = IN_ESCAPE;
            }
        }
      else if (p == end)
        break;
      else if (self->string_part == IN_ESCAPE)
        {
          if (IS (*p, CLASS_ESCAPE))
            self->string_part = IN_TEXT;
          else if (*p == 'u')
            {
              self->string_part = IN_HEX;
              self->hex_left = 4;
            }
          else
            {
              *problem = PROBLEM_ESCAPE;
              return p;
            }
          p++;
        }
      else
        {
          if (!IS (*p, CLASS_HEX))
            {
              *problem = PROBLEM_HEX;
              return p;
            }
          p++;
          if (--self->hex_left == 0)
            self->string_part = IN_TEXT;
        }
    }
  emit (out, run, p - run);
  if (self->in_key)
    g_string_append_len (self->keys, (const char *) run, p - run);
  return p;
}

static NumberState
number_next (NumberState state,
             guchar c)
{
  gboolean digit = c >= '0' && c <= '9';

  switch (state)
    {
    case NUMBER_START:
      if (c == '-')
        return NUMBER_MINUS;
      G_GNUC_FALLTHROUGH;
    case NUMBER_MINUS:
      return c == '0' ? NUMBER_ZERO : digit ? NUMBER_INT
                                            : NUMBER_BAD;
    case NUMBER_INT:
      if (digit)
        return NUMBER_INT;
      G_GNUC_FALLTHROUGH;
    case NUMBER_ZERO:
      return c == '.' ? NUMBER_DOT : (c == 'e' || c == 'E') ? NUMBER_E
                                                            : NUMBER_BAD;
    case NUMBER_DOT:
    case NUMBER_FRACTION:
      if (digit)
        return NUMBER_FRACTION;
      return (state == NUMBER_FRACTION && (c == 'e' || c == 'E')) ? NUMBER_E : NUMBER_BAD;
    case NUMBER_E:
      if (c == '+' || c == '-')
        return NUMBER_E_SIGN;
      G_GNUC_FALLTHROUGH;
    case NUMBER_E_SIGN:
    case NUMBER_EXPONENT:
      return digit ? NUMBER_EXPONENT : NUMBER_BAD;
    case NUMBER_BAD:
    default:
      return NUMBER_BAD;
    }
}

static gboolean
number_complete (NumberState state)
{
  return state == NUMBER_ZERO || state == NUMBER_INT || state == NUMBER_FRACTION ||
         state == NUMBER_EXPONENT;
}

/* A number or a literal, up to the first byte that cannot be part of one. */
static const guchar *
token (PfJsonIndenter *self,
       const guchar *p,
       const guchar *end,
       GString *out,
       Problem *problem)
{
  const guchar *run = p;

  if (self->state == STATE_NUMBER)
    {
      for (; p < end && IS (*p, CLASS_TOKEN); p++)
        if ((self->number = number_next (self->number, *p)) == NUMBER_BAD)
          {
            *problem = PROBLEM_NUMBER;
            return p;
          }
    }
  else
    {
      for (; p < end && IS (*p, CLASS_TOKEN); p++, self->literal_pos++)
        if (self->literal[self->literal_pos] != (char) *p)
          {
            *problem = PROBLEM_LITERAL;
            return p;
          }
    }
  emit (out, run, p - run);
  if (p == end)
    return p;
  if (self->state == STATE_NUMBER ? !number_complete (self->number)
                                  : self->literal[self->literal_pos] != '\0')
    {
      *problem = self->state == STATE_NUMBER ? PROBLEM_NUMBER : PROBLEM_LITERAL;
      return p;
    }
  value_done (self, out);
  return p;
}

/* The first byte of a value, @c at @p: returns where to go on. */
static const guchar *
value_start (PfJsonIndenter *self,
             const guchar *p,
             const guchar *end,
             GString *out,
             Problem *problem)
{
  guchar c = *p;

  /* The member this value is: its key read last, or the next index. */
  if (self->depth > 0 && is_object (self, self->depth))
    commit_key (self);
  else if (self->depth > 0)
    self->levels[self->depth - 1].index++;
  self->value_depth = self->depth;
  switch (c)
    {
    case '{':
    case '[':
      if (self->depth == PF_JSON_INDENTER_MAX_DEPTH)
        {
          *problem = PROBLEM_TOO_DEEP;
          return p;
        }
      push (self, c == '{');
      emit_c (out, c);
      self->state = c == '{' ? STATE_KEY_OR_CLOSE : STATE_VALUE_OR_CLOSE;
      return p + 1;
    case '"':
      self->in_key = FALSE;
      self->string_part = IN_TEXT;
      self->state = STATE_STRING;
      return string_body (self, p, p + 1, end, out, problem);
    case 't':
    case 'f':
    case 'n':
      self->literal = c == 't' ? "true" : c == 'f' ? "false"
                                                   : "null";
      self->literal_pos = 0;
      self->state = STATE_LITERAL;
      return p;
    default:
      if (c == '-' || (c >= '0' && c <= '9'))
        {
          self->number = NUMBER_START;
          self->state = STATE_NUMBER;
          return p;
        }
      if (self->depth == 0 && (c == ']' || c == '}'))
        *problem = c == ']' ? PROBLEM_UNMATCHED_BRACKET : PROBLEM_UNMATCHED_BRACE;
      else if (self->depth == 0 && self->documents > 0)
        *problem = PROBLEM_VALUE_OR_END;
      else
        *problem = PROBLEM_VALUE;
      return p;
    }
}

static void
key_start (PfJsonIndenter *self)
{
  self->pending_key = self->keys->len;
  self->in_key = TRUE;
  self->string_part = IN_TEXT;
  self->state = STATE_STRING;
}

static void
close_container (PfJsonIndenter *self,
                 GString *out,
                 char c,
                 gboolean empty)
{
  if (!empty)
    emit_newline (self, out, self->depth - 1, FALSE);
  emit_c (out, c);
  pop (self);
  value_done (self, out);
}

/* After a value in the container at the current depth: "," or its close. */
static Problem
after_value (PfJsonIndenter *self,
             guchar c,
             GString *out)
{
  gboolean object = is_object (self, self->depth);

  if (c == ',')
    {
      emit_newline (self, out, self->depth, TRUE);
      self->state = object ? STATE_KEY : STATE_VALUE;
      return PROBLEM_NONE;
    }
  if (c == (object ? '}' : ']'))
    {
      close_container (self, out, c, FALSE);
      return PROBLEM_NONE;
    }
  return object ? PROBLEM_COMMA_OR_BRACE : PROBLEM_COMMA_OR_BRACKET;
}

/* A byte outside strings, numbers and literals, not whitespace. */
static const guchar *
structure (PfJsonIndenter *self,
           const guchar *p,
           const guchar *end,
           GString *out,
           Problem *problem)
{
  guchar c = *p;

  switch (self->state)
    {
    case STATE_VALUE_OR_CLOSE:
      if (c == ']')
        {
          close_container (self, out, c, TRUE);
          return p + 1;
        }
      if (c == ',' || c == '}')
        {
          *problem = PROBLEM_VALUE_OR_BRACKET;
          return p;
        }
      emit_newline (self, out, self->depth, FALSE);
      return value_start (self, p, end, out, problem);
    case STATE_VALUE:
      return value_start (self, p, end, out, problem);
    case STATE_KEY_OR_CLOSE:
      if (c == '}')
        {
          close_container (self, out, c, TRUE);
          return p + 1;
        }
      if (c != '"')
        {
          *problem = PROBLEM_KEY_OR_BRACE;
          return p;
        }
      emit_newline (self, out, self->depth, FALSE);
      key_start (self);
      return string_body (self, p, p + 1, end, out, problem);
    case STATE_KEY:
      if (c != '"')
        {
          *problem = PROBLEM_KEY;
          return p;
        }
      key_start (self);
      return string_body (self, p, p + 1, end, out, problem);
    case STATE_COLON:
      if (c != ':')
        {
          *problem = PROBLEM_COLON;
          return p;
        }
      emit (out, ": ", 2);
      self->state = STATE_VALUE;
      return p + 1;
    case STATE_AFTER_VALUE:
      *problem = after_value (self, c, out);
      return *problem ? p : p + 1;
    case STATE_STRING:
    case STATE_NUMBER:
    case STATE_LITERAL:
    default:
      g_assert_not_reached ();
    }
}

static const guchar *
indent_chunk (PfJsonIndenter *self,
              const guchar *data,
              const guchar *end,
              GString *out,
              Problem *problem)
{
  const guchar *p = data;

  while (p < end)
    {
      switch (self->state)
        {
        case STATE_STRING:
          p = string_body (self, p, p, end, out, problem);
          break;
        case STATE_NUMBER:
        case STATE_LITERAL:
          p = token (self, p, end, out, problem);
          break;
        default:
          while (IS (*p, CLASS_SPACE))
            {
              if (*p == '\n')
                {
                  self->line++;
                  self->line_start = self->offset + (p - data) + 1;
                }
              if (++p == end)
                return p;
            }
          p = structure (self, p, end, out, problem);
          break;
        }
      if (*problem != PROBLEM_NONE)
        return p;
    }
  return p;
}

/* Characters (UTF-8 sequences, or stray bytes) from @p to @end. */
static guint64
count_chars (const guchar *p,
             const guchar *end)
{
  guint64 n = 0;

  for (; p < end; p++)
    n += (*p & 0xC0) != 0x80;
  return n;
}

static void
fail (PfJsonIndenter *self,
      PfJsonIndenterError code,
      Problem problem,
      const guchar *data,
      const guchar *p,
      GError **error)
{
  guint64 column;
  g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, self->line);
  g_autofree char *byte = g_strdup_printf ("%" G_GUINT64_FORMAT, self->offset + (p - data));
  g_autofree char *col = NULL;

  if (self->line_start >= self->offset)
    column = count_chars (data + (self->line_start - self->offset), p) + 1;
  else
    column = self->line_chars + count_chars (data, p) + 1;
  col = g_strdup_printf ("%" G_GUINT64_FORMAT, column);
  if (problem == PROBLEM_TOO_DEEP)
    {
      g_autofree char *limit = g_strdup_printf ("%u", PF_JSON_INDENTER_MAX_DEPTH);

      /* Translators: the first %s is a number of levels; then a line, a column and a byte
       * offset. */
      self->failure = g_error_new (PF_JSON_INDENTER_ERROR, PF_JSON_INDENTER_ERROR_TOO_DEEP,
                                   _("Nested deeper than %s levels at line %s, column %s "
                                    "(byte %s)"),
                                   limit, line, col, byte);
    }
  else
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      /* Every message of the table has exactly three %s. */
      self->failure = g_error_new (PF_JSON_INDENTER_ERROR, code, _ (problem_messages[problem]),
                                   line, col, byte);
#pragma GCC diagnostic pop
    }
  g_propagate_error (error, g_error_copy (self->failure));
}

gboolean
pf_json_indenter_feed (PfJsonIndenter *self,
                       const char *data,
                       gsize len,
                       GString *out,
                       GError **error)
{
  const guchar *start = (const guchar *) data;
  const guchar *p;
  Problem problem = PROBLEM_NONE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  if (len == 0)
    return TRUE;
  p = indent_chunk (self, start, start + len, out, &problem);
  out->str[out->len] = '\0';
  if (problem != PROBLEM_NONE)
    {
      fail (self, PF_JSON_INDENTER_ERROR_SYNTAX, problem, start, p, error);
      return FALSE;
    }
  if (self->line_start >= self->offset)
    self->line_chars = count_chars (start + (self->line_start - self->offset), start + len);
  else
    self->line_chars += count_chars (start, start + len);
  self->offset += len;
  return TRUE;
}

/* What the input lacks when it ends in @self's state, or PROBLEM_NONE. */
static Problem
missing (PfJsonIndenter *self)
{
  switch (self->state)
    {
    case STATE_VALUE:
      return self->depth == 0 ? PROBLEM_NONE : PROBLEM_VALUE;
    case STATE_VALUE_OR_CLOSE:
      return PROBLEM_VALUE_OR_BRACKET;
    case STATE_KEY_OR_CLOSE:
      return PROBLEM_KEY_OR_BRACE;
    case STATE_KEY:
      return PROBLEM_KEY;
    case STATE_COLON:
      return PROBLEM_COLON;
    case STATE_AFTER_VALUE:
      return is_object (self, self->depth) ? PROBLEM_COMMA_OR_BRACE : PROBLEM_COMMA_OR_BRACKET;
    case STATE_STRING:
      return self->string_part == IN_ESCAPE ? PROBLEM_ESCAPE
             : self->string_part == IN_HEX  ? PROBLEM_HEX
                                            : PROBLEM_STRING_END;
    case STATE_NUMBER:
      return number_complete (self->number) ? PROBLEM_NONE : PROBLEM_NUMBER;
    case STATE_LITERAL:
      return self->literal[self->literal_pos] == '\0' ? PROBLEM_NONE : PROBLEM_LITERAL;
    default:
      g_assert_not_reached ();
    }
}

gboolean
pf_json_indenter_finish (PfJsonIndenter *self,
                         GString *out,
                         GError **error)
{
  static const guchar nothing[1];
  Problem problem;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  problem = missing (self);
  /* A number or a literal ends with the input: at the top level, a document. */
  if (problem == PROBLEM_NONE && (self->state == STATE_NUMBER || self->state == STATE_LITERAL))
    {
      value_done (self, out);
      out->str[out->len] = '\0';
      problem = missing (self);
    }
  if (problem != PROBLEM_NONE)
    {
      fail (self, PF_JSON_INDENTER_ERROR_INCOMPLETE, problem, nothing, nothing, error);
      return FALSE;
    }
  return TRUE;
}

static gunichar
hex4 (const char *p)
{
  gunichar u = 0;

  for (guint i = 0; i < 4; i++)
    u = u << 4 | g_ascii_xdigit_value (p[i]);
  return u;
}

static gboolean
is_identifier (const char *key,
               gsize len)
{
  if (len == 0 || !(g_ascii_isalpha (key[0]) || key[0] == '_'))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!(g_ascii_isalnum (key[i]) || key[i] == '_'))
      return FALSE;
  return TRUE;
}

/* The text of a key's JSON string (@raw without its quotes, escapes and all). */
static GString *
key_text (const char *raw,
          gsize len)
{
  GString *text = g_string_sized_new (len);
  const char *end = raw + len;

  for (const char *p = raw; p < end; p++)
    {
      gunichar u;

      if (*p != '\\' || p + 1 >= end)
        {
          g_string_append_c (text, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'b':
          g_string_append_c (text, '\b');
          break;
        case 'f':
          g_string_append_c (text, '\f');
          break;
        case 'n':
          g_string_append_c (text, '\n');
          break;
        case 'r':
          g_string_append_c (text, '\r');
          break;
        case 't':
          g_string_append_c (text, '\t');
          break;
        case 'u':
          u = hex4 (p + 1);
          p += 4;
          /* A UTF-16 surrogate pair is one character; a lone surrogate is U+FFFD. */
          if (u >= 0xD800 && u < 0xDC00 && end - p >= 7 && p[1] == '\\' && p[2] == 'u')
            {
              gunichar low = hex4 (p + 3);

              if (low >= 0xDC00 && low < 0xE000)
                {
                  u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                  p += 6;
                }
            }
          if (u >= 0xD800 && u < 0xE000)
            u = 0xFFFD;
          g_string_append_unichar (text, u);
          break;
        default:
          g_string_append_c (text, *p);
          break;
        }
    }
  return text;
}

char *
pf_json_indenter_get_path (PfJsonIndenter *self)
{
  GString *path;

  g_return_val_if_fail (self != NULL, NULL);

  path = g_string_new ("$");
  for (guint i = 0; i < self->value_depth; i++)
    {
      const Level *level = &self->levels[i];
      g_autoptr (GString) key = NULL;

      if (!is_object (self, i + 1))
        {
          g_string_append_printf (path, "[%" G_GUINT64_FORMAT "]", level->index);
          continue;
        }
      key = key_text (self->keys->str + level->key_start + 1, level->key_len - 2);
      if (is_identifier (key->str, key->len))
        {
          g_string_append_printf (path, ".%s", key->str);
          continue;
        }
      g_string_append (path, "['");
      for (gsize j = 0; j < key->len; j++)
        {
          if (key->str[j] == '\'' || key->str[j] == '\\')
            g_string_append_c (path, '\\');
          g_string_append_c (path, key->str[j]);
        }
      g_string_append (path, "']");
    }
  return g_string_free (path, FALSE);
}
