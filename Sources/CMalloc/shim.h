// glibc's malloc tuning (mallopt); only WinnowCore's MallocArenas imports it.
#include <malloc.h>
