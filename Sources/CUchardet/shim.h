// Thin shim over uchardet, used only by the WinnowHTML module.
#include <uchardet.h>
