/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-environment-list.h"
#include "pf-http-file.h"
#include "pf-postman-import.h"
#include "pf-test-lab.h"

/* Postman collections (hand-written from the v2.1 schema) as .http folders: the files byte for
 * byte, read back by our own parser as the same requests, the environment, the report of what
 * did not carry over, errors naming their JSON path, and preflight-cli importing a collection
 * and running it against the lab server. */

static char *
make_folder (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("postman-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "postman", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static PfPostmanImport *
import_fixture (const char *dir)
{
  g_autoptr (GBytes) json = fixture_bytes ("collection.json");
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GError) error = NULL;
  PfPostmanImport *import = pf_postman_import_new (json, folder, &error);

  g_assert_no_error (error);
  return import;
}

static GBytes *
file_of (PfPostmanImport *import,
         const char *path)
{
  for (guint i = 0; i < pf_postman_import_get_n_files (import); i++)
    if (g_str_equal (pf_postman_import_get_file_path (import, i), path))
      return pf_postman_import_get_file_contents (import, i);
  g_assert_not_reached ();
}

static const char *const expected_files[] = {
  "http-client.env.json",
  "Users/Admin/Admin.http",
  "Users/Users.http",
  "Lab API.http",
};

static void
test_files_byte_for_byte (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (PfPostmanImport) import = import_fixture (dir);

  g_assert_cmpuint (pf_postman_import_get_n_files (import), ==, G_N_ELEMENTS (expected_files));
  for (guint i = 0; i < G_N_ELEMENTS (expected_files); i++)
    {
      g_autofree char *name = g_build_filename ("expected", expected_files[i], NULL);
      g_autoptr (GBytes) expected = fixture_bytes (name);

      g_assert_cmpstr (pf_postman_import_get_file_path (import, i), ==, expected_files[i]);
      g_assert_cmpstr (g_bytes_get_data (pf_postman_import_get_file_contents (import, i), NULL),
                       ==, g_bytes_get_data (expected, NULL));
    }
  /* Nothing is written before pf_postman_import_write (). */
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

typedef struct
{
  const char *file;
  const char *name;
  const char *method;
  const char *url;
  const char *headers; /* “Name: value” lines */
  PfBodyKind kind;
  const char *body; /* the text, the file, or the fields as “name=value” lines (“<” a file) */
} ReadBack;

#define BASIC "Authorization: Basic YWxpY2U6d29uZGVyIGxhbmQ="

static const ReadBack read_back[] = {
  { "Lab API.http", "Example text", "GET", "{{base}}/example.txt?lang=en",
    "Accept: text/plain\nAuthorization: Bearer {{token}}", PF_BODY_NONE, "" },
  { "Lab API.http", "Echo raw JSON", "POST", "{{base}}/echo",
    "Content-Type: application/json\nAuthorization: Bearer {{token}}", PF_BODY_RAW,
    "{\n  \"name\": \"{{user}}\"\n}" },
  { "Users/Users.http", "Get user", "GET", "https://api.example/users/{{userId}}?fields=name",
    BASIC, PF_BODY_NONE, "" },
  { "Users/Users.http", "Sign in", "POST", "https://api.example/sign-in",
    "Content-Type: application/x-www-form-urlencoded\n" BASIC, PF_BODY_RAW,
    "user={{user}}&note=a%26b%20c" },
  { "Users/Admin/Admin.http", "Upload avatar", "PUT", "https://api.example/admin/avatar", "",
    PF_BODY_MULTIPART, "title=Me\nphoto=<Users/Admin/fixtures/photo.png" },
  { "Users/Admin/Admin.http", "Replace config", "PUT", "https://api.example/admin/config", "",
    PF_BODY_FILE, "/srv/config.yaml" },
  { "Users/Admin/Admin.http", "Search", "POST", "https://api.example/graphql",
    "Content-Type: application/json\n" BASIC, PF_BODY_RAW,
    "{\n  \"query\" : \"query ($q: String) { search(q: $q) { id } }\",\n"
    "  \"variables\" : {\n    \"q\" : \"{{term}}\"\n  }\n}" },
};

static char *
rows_text (GListModel *rows,
           const char *separator,
           const char *dir)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);
      const char *value = pf_key_value_get_value (row);

      if (pf_key_value_get_is_file (row))
        g_assert_true (g_str_has_prefix (value, dir));
      g_string_append_printf (out, "%s%s%s%s%s", i ? "\n" : "", pf_key_value_get_name (row),
                              separator, pf_key_value_get_is_file (row) ? "<" : "",
                              pf_key_value_get_is_file (row) ? value + strlen (dir) + 1 : value);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
check_read_back (PfPostmanImport *import,
                 const char *dir,
                 const ReadBack *expected)
{
  g_autofree char *path = g_build_filename (dir, expected->file, NULL);
  g_autoptr (GFile) location = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (PfHttpFile) http =
      pf_http_file_new_from_bytes (file_of (import, expected->file), location, &error);
  PfRequest *request;
  g_autofree char *headers = NULL;
  g_autofree char *fields = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (pf_http_file_find_entry (http, expected->name));
  request = pf_http_file_entry_get_request (pf_http_file_find_entry (http, expected->name));
  g_assert_cmpstr (pf_request_get_method (request), ==, expected->method);
  g_assert_cmpstr (pf_request_get_url (request), ==, expected->url);
  headers = rows_text (pf_request_get_headers (request), ": ", dir);
  g_assert_cmpstr (headers, ==, expected->headers);
  g_assert_cmpint (pf_request_get_body_kind (request), ==, expected->kind);
  if (expected->kind == PF_BODY_RAW)
    g_assert_cmpstr (pf_request_get_body_text (request), ==, expected->body);
  else if (expected->kind == PF_BODY_FILE)
    g_assert_cmpstr (pf_request_get_body_file (request), ==, expected->body);
  else if (expected->kind == PF_BODY_MULTIPART)
    {
      fields = rows_text (pf_request_get_fields (request), "=", dir);
      g_assert_cmpstr (fields, ==, expected->body);
    }
}

static void
test_files_read_back (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (PfPostmanImport) import = import_fixture (dir);

  for (guint i = 0; i < G_N_ELEMENTS (read_back); i++)
    check_read_back (import, dir, &read_back[i]);
}

static void
test_environment (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (PfPostmanImport) import = import_fixture (dir);
  g_autoptr (PfEnvironmentList) list = pf_environment_list_new ();
  g_autoptr (PfEnvironment) environment = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *json = file_of (import, PF_ENVIRONMENT_FILE);
  g_auto (GStrv) names = NULL;

  pf_environment_list_add_json (list, g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                                FALSE, &error);
  g_assert_no_error (error);
  environment = pf_environment_list_find (list, PF_POSTMAN_ENVIRONMENT);
  g_assert_nonnull (environment);
  names = pf_environment_dup_variables (environment);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (pf_environment_get (environment, "base"), ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (pf_environment_get (environment, "token"), ==, "s3cr3t");
  /* A number is written as its JSON text; the disabled variable is left out. */
  g_assert_cmpstr (pf_environment_get (environment, "retries"), ==, "3");
  g_assert_null (pf_environment_get (environment, "old"));
}

static const char *const expected_report[] = {
  "Lab API: pre-request script not imported",
  "Lab API: disabled variable “old” left out",
  "Lab API / Example text: disabled query parameter “debug” left out",
  "Lab API / Example text: disabled header “X-Debug” left out",
  "Lab API / Example text: 1 saved response not imported",
  "Lab API / Echo raw JSON: test script not imported",
  "Lab API / Users / Sign in: disabled form field “remember” left out",
  "Lab API / Users / Admin / Upload avatar: disabled form field “draft” left out",
  "Lab API / Users / Admin / Upload avatar: Content-Type header left out: the multipart body "
  "sets its own",
  "Lab API / Users / Admin / Replace config: protocol settings (protocolProfileBehavior) not "
  "imported",
  "Lab API / Users / Admin / Replace config: “oauth2” authorization not imported",
  "Lab API / Empty folder: empty folder: nothing written for it",
  NULL,
};

static void
test_report (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (PfPostmanImport) import = import_fixture (dir);

  g_assert_cmpstrv (pf_postman_import_get_report (import), expected_report);
}

static PfPostmanImport *
import_text (const char *json,
             const char *dir,
             GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr (GFile) folder = g_file_new_for_path (dir);

  return pf_postman_import_new (bytes, folder, error);
}

static const char names_collection[] =
    "{ \"info\": { \"name\": \"../Ops\" },"
    "  \"item\": ["
    "    { \"name\": \"a/b: c?\","
    "      \"auth\": { \"type\": \"basic\","
    "                  \"basic\": { \"username\": \"{{user}}\", \"password\": \"pw\" } },"
    "      \"item\": [ { \"name\": \"Same\", \"request\": \"http://x/1\" },"
    "                  { \"name\": \"Same\", \"request\": \"http://x/2 3\" } ] },"
    "    { \"name\": \"Dup\", \"item\": [ { \"name\": \"r\", \"request\": \"http://x/\" } ] },"
    "    { \"name\": \"dup\", \"item\": [ { \"name\": \"r\", \"request\": \"http://x/\" } ] },"
    "    { \"name\": \"Body\", \"request\": { \"method\": \"post\", \"url\": \"http://x/\","
    "      \"body\": { \"mode\": \"raw\", \"raw\": \"one\\n### two\" } } }"
    "  ] }";

static void
test_names_made_safe_and_unique (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PfPostmanImport) import = import_text (names_collection, dir, &error);
  const char *const paths[] = { "a_b_ c_/a_b_ c_.http", "Dup/Dup.http", "dup (2)/dup.http" };
  const char *const report[] = {
    "../Ops / a/b: c? / Same: named “Same (2)”: another request in its file has its name",
    "../Ops / Body: left out: A line of the body starts with “###”, which would end the request "
    "there in a .http file",
    NULL,
  };
  const char *first;

  g_assert_no_error (error);
  g_assert_cmpuint (pf_postman_import_get_n_files (import), ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_assert_cmpstr (pf_postman_import_get_file_path (import, i), ==, paths[i]);
  first = g_bytes_get_data (pf_postman_import_get_file_contents (import, 0), NULL);
  /* A URL string is a GET; a space would end the request line; Basic with a variable is
   * JetBrains' “Basic user password”. */
  g_assert_cmpstr (first, ==,
                   "# @name Same\nGET http://x/1\nAuthorization: Basic {{user}} pw\n\n###\n"
                   "# @name Same (2)\nGET http://x/2%203\nAuthorization: Basic {{user}} pw\n");
  g_assert_cmpstrv (pf_postman_import_get_report (import), report);
}

typedef struct
{
  const char *json;
  const char *message;
} BadInput;

#define INFO "\"info\": { \"name\": \"c\" }, "

static const BadInput bad_inputs[] = {
  { "[]", "$: not an object" },
  { "{ \"item\": [] }", "$.info: missing" },
  { "{ \"info\": { \"name\": 5 }, \"item\": [] }", "$.info.name: not a string" },
  { "{ \"info\": { \"name\": \"c\", \"schema\": "
    "\"https://schema.getpostman.com/json/collection/v1.0.0/collection.json\" }, \"item\": [] }",
    "$.info.schema: not a Postman Collection v2.1 schema" },
  { "{ " INFO "\"item\": {} }", "$.item: not an array" },
  { "{ " INFO "\"variable\": [ { \"value\": \"v\" } ], \"item\": [] }",
    "$.variable[0]: a variable without a “key”" },
  { "{ " INFO "\"item\": [ 5 ] }", "$.item[0]: not an object" },
  { "{ " INFO "\"item\": [ { \"name\": \"a\" } ] }",
    "$.item[0]: neither a request (“request”) nor a folder (“item”)" },
  { "{ " INFO "\"item\": [ { \"request\": \"http://x/\" }, { \"request\": \"http://x/\" },"
    " { \"request\": { \"url\": 5 } } ] }",
    "$.item[2].request.url: not a string or object" },
  { "{ " INFO "\"item\": [ { \"item\": [ { \"request\": \"http://x/\" }, { \"request\": "
    "{ \"url\": \"http://x/\", \"header\": [ { \"key\": {} } ] } } ] } ] }",
    "$.item[0].item[1].request.header[0].key: not a string, number or boolean" },
  { "{ " INFO "\"item\": [ { \"request\": { \"url\": { \"raw\": \"http://x/\","
    " \"query\": [ 1 ] } } } ] }",
    "$.item[0].request.url.query[0]: not an object" },
  { "{ " INFO "\"item\": [ { \"request\": { \"url\": { \"port\": \"80\" } } } ] }",
    "$.item[0].request.url: neither “raw” nor “host”" },
  { "{ " INFO "\"item\": [ { \"request\": { \"url\": \"http://x/\", \"body\": { \"mode\": "
    "\"urlencoded\", \"urlencoded\": \"a=1\" } } } ] }",
    "$.item[0].request.body.urlencoded: not an array" },
  { "{ " INFO "\"item\": [ { \"auth\": { \"basic\": [] }, \"item\": [] } ] }",
    "$.item[0].auth: no “type”" },
  { "{ " INFO "\"item\": [ { \"event\": [ { \"listen\": 1 } ], \"request\": \"http://x/\" } ] }",
    "$.item[0].event[0].listen: not a string" },
};

static void
assert_empty (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);

  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
}

static void
test_errors_say_where (void)
{
  g_autofree char *dir = make_folder ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PfPostmanImport) import = import_text (bad_inputs[i].json, dir, &error);

      g_assert_null (import);
      g_assert_error (error, PF_POSTMAN_ERROR, PF_POSTMAN_ERROR_FORMAT);
      g_assert_cmpstr (error->message, ==, bad_inputs[i].message);
    }
  assert_empty (dir);
}

static void
test_not_json_says_line_and_column (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PfPostmanImport) import = import_text ("{\n  \"info\": {\n    \"name\" \"c\"\n", dir,
                                                    &error);

  g_assert_null (import);
  g_assert_error (error, PF_POSTMAN_ERROR, PF_POSTMAN_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Not a Postman collection: "));
  g_assert_nonnull (strstr (error->message, ":3:"));
  assert_empty (dir);
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static void
test_write (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (PfPostmanImport) import = import_fixture (dir);
  g_autoptr (GError) error = NULL;

  pf_postman_import_write (import, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected_files); i++)
    {
      g_autofree char *text = read_text (dir, expected_files[i]);

      g_assert_cmpstr (text, ==, g_bytes_get_data (file_of (import, expected_files[i]), NULL));
    }
}

static void
test_write_refuses_to_replace (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *users = g_build_filename (dir, "Users", NULL);
  g_autofree char *mine = g_build_filename (users, "Users.http", NULL);
  g_autoptr (PfPostmanImport) import = import_fixture (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *env = NULL;
  g_autofree char *expected = g_strdup_printf ("%s exists already: nothing was written", mine);

  g_assert_cmpint (g_mkdir (users, 0755), ==, 0);
  g_assert_true (g_file_set_contents (mine, "mine\n", -1, NULL));
  g_assert_false (pf_postman_import_write (import, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, expected);
  kept = read_text (dir, "Users/Users.http");
  g_assert_cmpstr (kept, ==, "mine\n");
  env = read_text (dir, PF_ENVIRONMENT_FILE);
  g_assert_null (env);
}

/* A write that fails part way (here a file where the folder “Users” goes) takes back what it
 * wrote: the folder holds what it held before. */
static void
test_write_fails_takes_back (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *users = g_build_filename (dir, "Users", NULL);
  g_autoptr (PfPostmanImport) import = import_fixture (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (users, "a file\n", -1, NULL));
  g_assert_false (pf_postman_import_write (import, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "Users");
  g_assert_null (g_dir_read_name (listing));
  kept = read_text (dir, "Users");
  g_assert_cmpstr (kept, ==, "a file\n");
}

/* preflight-cli, as scripts use it */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
communicated_cb (GObject *object,
                 GAsyncResult *result,
                 gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  if (run->out == NULL)
    run->out = g_strdup ("");
}

/* preflight-cli with @args, while the lab server keeps serving in this process. */
static void
run_cli (const char *const *args,
         Run *run)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (g_getenv ("PREFLIGHT_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("PREFLIGHT_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, run);
  PF_TEST_WAIT_UNTIL (run->out != NULL, 20000);
  g_subprocess_wait (process, NULL, NULL);
  run->status = g_subprocess_get_exit_status (process);
  if (run->status != 0)
    g_test_message ("exit %d; stderr:\n%s\nstdout:\n%s", run->status, run->err, run->out);
}

static const char lab_collection[] =
    "{ \"info\": { \"name\": \"Lab\", \"schema\": "
    "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\" },"
    "  \"variable\": [ { \"key\": \"base\", \"value\": \"%s\" },"
    "                { \"key\": \"who\", \"value\": \"Zoë\" } ],"
    "  \"item\": ["
    "    { \"name\": \"Example\", \"request\": { \"method\": \"GET\", \"url\": {"
    "      \"raw\": \"{{base}}/example.txt\", \"host\": [ \"{{base}}\" ],"
    "      \"path\": [ \"example.txt\" ] } } },"
    "    { \"name\": \"Echo\","
    "      \"event\": [ { \"listen\": \"test\", \"script\": { \"exec\": [] } } ],"
    "      \"request\": { \"method\": \"POST\", \"url\": \"{{base}}/echo\","
    "      \"body\": { \"mode\": \"urlencoded\","
    "                \"urlencoded\": [ { \"key\": \"q\", \"value\": \"a b\" } ] } } },"
    "    { \"name\": \"Raw\", \"request\": { \"method\": \"PUT\", \"url\": \"{{base}}/echo\","
    "      \"header\": [ { \"key\": \"X-Who\", \"value\": \"{{who}}\" } ],"
    "      \"body\": { \"mode\": \"raw\", \"raw\": \"{\\\"name\\\": \\\"{{who}}\\\"}\","
    "                \"options\": { \"raw\": { \"language\": \"json\" } } } } },"
    "    { \"name\": \"Form\", \"request\": { \"method\": \"POST\", \"url\": \"{{base}}/echo\","
    "      \"body\": { \"mode\": \"formdata\", \"formdata\": ["
    "        { \"key\": \"title\", \"value\": \"{{who}}\", \"type\": \"text\" },"
    "        { \"key\": \"doc\", \"type\": \"file\", \"src\": \"part.bin\" } ] } } },"
    "    { \"name\": \"Upload\", \"request\": { \"method\": \"POST\", \"url\": \"{{base}}/echo\","
    "      \"body\": { \"mode\": \"file\", \"file\": { \"src\": \"part.bin\" } } } },"
    "    { \"name\": \"Nested\", \"item\": ["
    "      { \"name\": \"Status\", \"request\": { \"method\": \"GET\","
    "        \"url\": \"{{base}}/status/202\" } } ] }"
    "  ] }";

static char *
write_lab_collection (const char *dir,
                      PfLabServer *lab)
{
  g_autofree char *base = pf_test_lab_url (lab, "");
  g_autofree char *json = NULL;
  char *path = g_build_filename (dir, "lab.postman_collection.json", NULL);

  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  json = g_strdup_printf (lab_collection, base);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

static void
test_cli_import_then_run (void)
{
  PfLabServer *lab = pf_test_lab_server_start ();
  g_autofree char *dir = make_folder ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *source = write_lab_collection (dir, lab);
  g_autofree char *http = g_build_filename (out, "Lab.http", NULL);
  g_autofree char *part = g_build_filename (out, "part.bin", NULL);
  const char *import[] = { "import-postman", source, out, NULL };
  const char *run[] = { "run", "--env", PF_POSTMAN_ENVIRONMENT, http, NULL };
  g_auto (Run) imported = { 0 };
  g_auto (Run) ran = { 0 };
  g_auto (Run) again = { 0 };
  g_autofree char *nested_http = g_build_filename (out, "Nested", "Nested.http", NULL);
  const char *nested_run[] = { "run", "--env", PF_POSTMAN_ENVIRONMENT, nested_http, NULL };
  g_auto (Run) nested = { 0 };

  run_cli (import, &imported);
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.out, "Lab.http\n"));
  g_assert_nonnull (strstr (imported.out, "\n  Lab / Echo: test script not imported\n"));
  g_assert_true (g_file_set_contents (part, "part\x01\n", -1, NULL));
  run_cli (run, &ran);
  g_assert_cmpint (ran.status, ==, 0);
  g_assert_nonnull (strstr (ran.out, "### Example ("));
  g_assert_nonnull (strstr (ran.out, "### Echo ("));
  g_assert_nonnull (strstr (ran.out, "\n200 OK · HTTP/1.1\n"));
  /* The urlencoded body reached the lab's /echo as typed. */
  g_assert_nonnull (strstr (ran.out, "q=a%20b"));
  /* Raw JSON, form-data with a file and a file body, {{variables}} filled from the collection's. */
  g_assert_nonnull (strstr (ran.out, "\"method\" : \"PUT\""));
  g_assert_nonnull (strstr (ran.out, "\"X-Who\",\n      \"Zoë\""));
  g_assert_nonnull (strstr (ran.out, "\"body\" : \"{\\\"name\\\": \\\"Zoë\\\"}\""));
  g_assert_nonnull (strstr (ran.out, "name=\\\"title\\\"\\r\\n\\r\\nZoë\\r\\n"));
  g_assert_nonnull (strstr (ran.out, "filename=\\\"part.bin\\\""));
  g_assert_nonnull (strstr (ran.out, "\"body\" : \"part\\u0001\\n\""));
  /* A subfolder's file finds the environment of the folder above it. */
  run_cli (nested_run, &nested);
  g_assert_cmpint (nested.status, ==, 0);
  g_assert_nonnull (strstr (nested.out, "\n202 Accepted\n"));
  run_cli (import, &again);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, "exists already: nothing was written"));
  pf_test_lab_server_finalize (lab);
}

static void
test_cli_bad_collection (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *source = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *expected = g_strdup_printf ("preflight-cli: %s: $.item[0]: not an object\n",
                                               source);
  const char *import[] = { "import-postman", source, out, NULL };
  g_auto (Run) run = { 0 };

  g_assert_true (g_file_set_contents (source, "{ " INFO "\"item\": [ 1 ] }", -1, NULL));
  run_cli (import, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/postman-import/files/byte-for-byte", test_files_byte_for_byte);
  g_test_add_func ("/postman-import/files/read-back-as-the-same-requests", test_files_read_back);
  g_test_add_func ("/postman-import/variables-are-the-postman-environment", test_environment);
  g_test_add_func ("/postman-import/report-lists-what-did-not-carry-over", test_report);
  g_test_add_func ("/postman-import/names-made-safe-and-unique", test_names_made_safe_and_unique);
  g_test_add_func ("/postman-import/errors/say-the-json-path", test_errors_say_where);
  g_test_add_func ("/postman-import/errors/not-json-says-line-and-column",
                   test_not_json_says_line_and_column);
  g_test_add_func ("/postman-import/write", test_write);
  g_test_add_func ("/postman-import/write/refuses-to-replace-a-file",
                   test_write_refuses_to_replace);
  g_test_add_func ("/postman-import/write/failing-part-way-takes-back-what-it-wrote",
                   test_write_fails_takes_back);
  g_test_add_func ("/postman-import/cli/import-then-run-against-the-lab", test_cli_import_then_run);
  g_test_add_func ("/postman-import/cli/bad-collection-writes-nothing", test_cli_bad_collection);
  return g_test_run ();
}
