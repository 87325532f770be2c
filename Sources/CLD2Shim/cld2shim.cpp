#include <cstdio>   // compact_lang_det.h uses FILE without including it
#include <cstring>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include "cld2shim.h"

extern "C" int cld2_detect(const char *text, int length, cld2_result *result) {
    CLD2::Language language3[3];
    int percent3[3];
    double scores3[3];
    int text_bytes = 0;
    bool reliable = false;
    int valid_prefix = 0;
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::ExtDetectLanguageSummaryCheckUTF8(text, length, true, &hints, 0, language3, percent3, scores3,
                                            nullptr, &text_bytes, &reliable, &valid_prefix);
    if (valid_prefix < length) return -1;
    for (int i = 0; i < 3; i++) {
        const char *code = CLD2::LanguageCode(language3[i]);
        std::strncpy(result->code[i], code ? code : "un", 7);
        result->code[i][7] = 0;
        result->percent[i] = percent3[i];
    }
    result->reliable = reliable ? 1 : 0;
    result->text_bytes = text_bytes;
    return 0;
}
