// Thin shim over libxml2, used only by the WinnowHTML module.
#include <libxml/xmlversion.h>
// Foundation ships its own ICU; libxml2's ICU types would clash with it.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/encoding.h>
#include <libxml/globals.h>
#include <string.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects.
static inline void cxml_free(void *p) { xmlFree(p); }
static void cxml_silent_generic(void *c, const char *m, ...) { (void)c; (void)m; }

/// What libxml2 complained about while parsing one document.
typedef struct {
    int errors;
    int depth_exceeded;   // "Excessive depth in document": deeper nesting was flattened
    int huge_text;        // a text node or attribute over libxml2's 10 MB limit
} cxml_error_tally;

static void cxml_tally_structured(void *ctx, xmlErrorPtr e) {
    cxml_error_tally *t = (cxml_error_tally *)ctx;
    if (t == NULL || e == NULL) return;
    t->errors++;
    if (e->message != NULL) {
        if (strstr(e->message, "Excessive depth") != NULL) t->depth_exceeded = 1;
        if (strstr(e->message, "too long") != NULL || strstr(e->message, "huge") != NULL) t->huge_text = 1;
    }
}

// Error handlers are thread-local: set them on the parsing thread, per parse.
// Errors are counted into `tally` instead of going to stderr.
static inline void cxml_collect_errors(cxml_error_tally *tally) {
    xmlSetGenericErrorFunc(NULL, cxml_silent_generic);
    xmlSetStructuredErrorFunc(tally, cxml_tally_structured);
}

static inline void cxml_stop_collecting_errors(void) {
    xmlSetStructuredErrorFunc(NULL, cxml_tally_structured);
}

static inline xmlDocPtr cxml_push_parser_document(htmlParserCtxtPtr ctxt) { return ctxt->myDoc; }
static inline void cxml_push_parser_forget_document(htmlParserCtxtPtr ctxt) { ctxt->myDoc = NULL; }
