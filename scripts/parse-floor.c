// The floor under Winnow's extraction: what gunzip and libxml2 alone cost on
// the benchmark pages, with no extraction at all. Run by scripts/parse_floor.py
// (`make parse-floor`), which prepares the cut pages this reads.
//
// usage: parse-floor GZ_DIR CUT_DIR
//   GZ_DIR:  the *.html.gz pages, timed through zlib and libdeflate
//   CUT_DIR: the same pages, gunzipped and cut (same names without .gz),
//            timed through libxml2's tree parser and its SAX parser with no callbacks
#include <dirent.h>
#include <libdeflate.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static char *read_all(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    *size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = malloc(*size + 1);
    if (fread(bytes, 1, *size, f) != *size) { perror(path); exit(1); }
    fclose(f);
    return bytes;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: parse-floor GZ_DIR CUT_DIR\n"); return 64; }
    xmlInitParser();
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOWARNING | HTML_PARSE_NOERROR;
    struct libdeflate_decompressor *decompressor = libdeflate_alloc_decompressor();
    double zlib_s = 0, deflate_s = 0, tree_s = 0, sax_s = 0;
    int pages = 0;
    DIR *dir = opendir(argv[1]);
    if (!dir) { perror(argv[1]); return 1; }
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        size_t len = strlen(entry->d_name);
        if (len < 4 || strcmp(entry->d_name + len - 3, ".gz") != 0) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], entry->d_name);
        size_t gz_size;
        char *gz = read_all(path, &gz_size);
        unsigned out_size = 0;
        memcpy(&out_size, gz + gz_size - 4, 4);  // ISIZE: single-member files
        char *out = malloc(out_size + 1);

        double t0 = now();
        z_stream z = {0};
        inflateInit2(&z, 16 + 15);
        z.next_in = (Bytef *)gz; z.avail_in = (uInt)gz_size;
        z.next_out = (Bytef *)out; z.avail_out = out_size;
        inflate(&z, Z_FINISH);
        inflateEnd(&z);
        double t1 = now();
        size_t produced;
        libdeflate_gzip_decompress(decompressor, gz, gz_size, out, out_size, &produced);
        double t2 = now();
        zlib_s += t1 - t0;
        deflate_s += t2 - t1;

        snprintf(path, sizeof path, "%s/%.*s", argv[2], (int)(len - 3), entry->d_name);
        size_t html_size;
        char *html = read_all(path, &html_size);
        double t3 = now();
        xmlFreeDoc(htmlReadMemory(html, (int)html_size, NULL, "UTF-8", options | HTML_PARSE_COMPACT));
        double t4 = now();
        htmlSAXHandler sax;
        memset(&sax, 0, sizeof sax);
        htmlParserCtxtPtr context = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
        htmlCtxtUseOptions(context, options);
        htmlParseChunk(context, html, (int)html_size, 1);
        htmlFreeParserCtxt(context);
        double t5 = now();
        tree_s += t4 - t3;
        sax_s += t5 - t4;
        free(gz); free(out); free(html);
        pages++;
    }
    closedir(dir);
    if (pages == 0) { fprintf(stderr, "parse-floor: no .gz pages in %s\n", argv[1]); return 1; }
    printf("%d pages, ms a page: gunzip zlib %.3f, libdeflate %.3f | libxml2 tree parse+free %.3f, SAX parse (no callbacks) %.3f\n",
           pages, zlib_s * 1e3 / pages, deflate_s * 1e3 / pages, tree_s * 1e3 / pages, sax_s * 1e3 / pages);
    printf("floor (libdeflate + SAX): %.3f ms a page = %.0f pages/s on one core\n",
           (deflate_s + sax_s) * 1e3 / pages, pages / (deflate_s + sax_s));
    return 0;
}
