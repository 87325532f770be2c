// Thin shim over libsqlite3; only its one wrapper module imports it.
#include <sqlite3.h>
