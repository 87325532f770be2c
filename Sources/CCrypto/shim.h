// Thin shim over libcrypto; only its one wrapper module (WinnowWARC's SHA1) imports it.
#include <openssl/sha.h>
#include <openssl/evp.h>
