// Thin shim over libcrypto; only its one wrapper module imports it.
#include <openssl/sha.h>
