// Thin C interface over CLD2 (C++), used only by the WinnowLanguage module.
#ifndef CLD2SHIM_H
#define CLD2SHIM_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char code[3][8];      // ISO 639-1 (or CLD2's code) of the top three languages, "un" when unknown
    int percent[3];       // share of the text's bytes, 0-100
    int reliable;         // CLD2's is_reliable
    int text_bytes;       // bytes of letters CLD2 looked at
} cld2_result;

// Detects the languages of UTF-8 plain text. Returns 0, or -1 when the text is not valid UTF-8.
int cld2_detect(const char *text, int length, cld2_result *result);

#ifdef __cplusplus
}
#endif
#endif
