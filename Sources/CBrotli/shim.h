// Thin shim over libbrotlidec; only its one wrapper module imports it.
#include <brotli/decode.h>
