// Thin shim over libcurl; only its one wrapper module (WinnowHTTP) imports it.
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot
// call: these typed inline functions pass one argument each.
#include <curl/curl.h>

static inline CURLcode winnow_curl_set_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode winnow_curl_set_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode winnow_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode winnow_curl_set_slist(CURL *curl, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(curl, option, value);
}

typedef size_t (*winnow_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*winnow_curl_debug_callback)(CURL *curl, curl_infotype type, char *data, size_t size, void *context);

static inline CURLcode winnow_curl_set_write(CURL *curl, winnow_curl_data_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, callback);
}
static inline CURLcode winnow_curl_set_header(CURL *curl, winnow_curl_data_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, callback);
}
static inline CURLcode winnow_curl_set_debug(CURL *curl, winnow_curl_debug_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, callback);
}

static inline CURLcode winnow_curl_get_long(CURL *curl, CURLINFO info, long *value) {
    return curl_easy_getinfo(curl, info, value);
}
static inline CURLcode winnow_curl_get_string(CURL *curl, CURLINFO info, char **value) {
    return curl_easy_getinfo(curl, info, value);
}

// The share handle that pools connections across easy handles (CURL_LOCK_DATA_CONNECT).
typedef void (*winnow_curl_lock_callback)(CURL *curl, curl_lock_data data, curl_lock_access access, void *context);
typedef void (*winnow_curl_unlock_callback)(CURL *curl, curl_lock_data data, void *context);

static inline CURLSHcode winnow_curl_share_set_long(CURLSH *share, CURLSHoption option, long value) {
    return curl_share_setopt(share, option, value);
}
static inline CURLSHcode winnow_curl_share_set_pointer(CURLSH *share, CURLSHoption option, void *value) {
    return curl_share_setopt(share, option, value);
}
static inline CURLSHcode winnow_curl_share_set_lock(CURLSH *share, winnow_curl_lock_callback callback) {
    return curl_share_setopt(share, CURLSHOPT_LOCKFUNC, callback);
}
static inline CURLSHcode winnow_curl_share_set_unlock(CURLSH *share, winnow_curl_unlock_callback callback) {
    return curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, callback);
}
