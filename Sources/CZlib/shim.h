// Thin shim over zlib, used only by the WinnowCompression module.
#include <zlib.h>
// inflateInit2 is a macro; Swift cannot call macros.
static inline int czlib_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 32);  // 15-bit window, auto-detect gzip/zlib header
}
