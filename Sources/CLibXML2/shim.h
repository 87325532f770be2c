// Thin shim over libxml2, used only by the WinnowHTML module.
#include <libxml/xmlversion.h>
// Foundation ships its own ICU; libxml2's ICU types would clash with it.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/encoding.h>
#include <libxml/globals.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects.
static inline void cxml_free(void *p) { xmlFree(p); }
static inline const char *cxml_parser_version(void) { return xmlParserVersion; }
static void cxml_silent_generic(void *c, const char *m, ...) { (void)c; (void)m; }
static void cxml_silent_structured(void *c, xmlErrorPtr e) { (void)c; (void)e; }
// Error handlers are thread-local: call on every thread before parsing.
static inline void cxml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, cxml_silent_generic);
    xmlSetStructuredErrorFunc(NULL, cxml_silent_structured);
}
