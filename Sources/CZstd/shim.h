// Thin shim over libzstd; only its one wrapper module imports it.
#include <zstd.h>
