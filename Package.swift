// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Winnow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "winnow", targets: ["winnow"]),
        .library(name: "WinnowCore", targets: ["WinnowCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries: one system-library target each, wrapped by exactly one Swift module.
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CUchardet", path: "Sources/CUchardet", pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CLibDeflate", path: "Sources/CLibDeflate", pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(
            name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CBrotli", path: "Sources/CBrotli", pkgConfig: "libbrotlidec",
            providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        // glibc's malloc.h (mallopt), no library to link.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // CLD2 has no pkg-config file: a C++ shim target links libcld2.
        .target(name: "CLD2Shim", path: "Sources/CLD2Shim", linkerSettings: [.linkedLibrary("cld2")]),

        // The stable hash, the small open-addressed table and span helpers every layer shares (no dependencies).
        .target(name: "WinnowBytes"),
        .target(name: "WinnowCore", dependencies: ["WinnowBytes", "Yams", "CMalloc"]),
        .target(name: "WinnowLanguage", dependencies: ["WinnowCore", "CLD2Shim"]),
        .target(name: "WinnowHTML", dependencies: ["WinnowBytes", "CLibXML2", "CUchardet"]),
        .target(name: "WinnowExtract", dependencies: ["WinnowBytes", "WinnowCore", "WinnowHTML", "Yams"]),
        // gzip (zlib, libdeflate), zstd and brotli: the one wrapper of each compression library.
        .target(name: "WinnowCompression", dependencies: ["CZlib", "CLibDeflate", "CZstd", "CBrotli"]),
        // Reads local files and their .gz (and, through WinnowWARC, web archives).
        // The WARC format (reader, writer, HTTP messages, CDXJ); no network. The one user of libcrypto (SHA-1).
        .target(name: "WinnowWARC", dependencies: ["WinnowCompression", "CCrypto"]),
        .target(name: "WinnowRead", dependencies: ["WinnowCore", "WinnowCompression", "WinnowWARC"]),
        // The network-free parts of `winnow fetch`: robots.txt, sitemaps and feeds, sources, URL normalisation.
        // The one libcurl wrapper (one request, raw bytes, peer address) and address resolution/classification.
        .target(name: "WinnowHTTP", dependencies: ["CCurl"]),
        // `winnow fetch`: robots.txt, sitemaps and feeds, sources, URL normalisation, and the crawler
        // (politeness, retries, redirects, the private-address block, resume) writing through WARCWriter.
        .target(
            name: "WinnowFetch",
            dependencies: [
                "WinnowCore", "WinnowHTML", "WinnowCompression", "WinnowHTTP", "WinnowWARC", "WinnowSQLite",
            ]),
        // The one SQLite wrapper (open, execute, prepared statements); Export's SQLite format and the fetch frontier.
        .target(name: "WinnowSQLite", dependencies: ["CSQLite"]),
        .target(name: "WinnowDedup", dependencies: ["WinnowCore"]),
        // Slurm job scripts, submission and job-id parsing for `winnow slurm` (starts winnow processes, nothing more).
        .target(name: "WinnowSlurm", dependencies: ["WinnowCore"]),
        // Winnow's own Parquet writer (no Parquet library for Swift or C here); ZSTD pages through WinnowCompression.
        .target(name: "WinnowParquet", dependencies: ["WinnowBytes", "WinnowCompression"]),
        .target(name: "WinnowExport",
            dependencies: ["WinnowCore", "WinnowDedup", "WinnowCompression", "WinnowParquet", "WinnowSQLite"]),
        // The stage catalog and the built-in default pipeline.
        .target(name: "WinnowPipelines",
            dependencies: ["WinnowCore", "WinnowExtract", "WinnowDedup", "WinnowLanguage"]),
        .executableTarget(
            name: "winnow",
            dependencies: [
                "WinnowCore", "WinnowHTML", "WinnowRead", "WinnowWARC",
                "WinnowPipelines", "WinnowDedup", "WinnowExport", "WinnowFetch",
                "WinnowSlurm", "WinnowHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // The fuzz target (make fuzz); built normally it replays input files.
        .executableTarget(name: "winnow-fuzz", dependencies: ["WinnowCore", "WinnowHTML", "WinnowPipelines"]),

        .testTarget(name: "WinnowBytesTests", dependencies: ["WinnowBytes"]),
        .testTarget(name: "WinnowCoreTests", dependencies: ["WinnowCore"]),
        .testTarget(name: "WinnowHTMLTests", dependencies: ["WinnowHTML", "WinnowBytes"], exclude: ["Fixtures"]),
        .testTarget(name: "WinnowExtractTests", dependencies: ["WinnowExtract", "WinnowCore", "WinnowHTML"]),
        .testTarget(name: "WinnowCompressionTests", dependencies: ["WinnowCompression"]),
        .testTarget(name: "WinnowReadTests", dependencies: ["WinnowRead", "WinnowCore", "WinnowWARC"]),
        .testTarget(name: "WinnowWARCTests", dependencies: ["WinnowWARC", "WinnowCompression"]),
        .testTarget(name: "WinnowFetchTests", dependencies: ["WinnowFetch", "WinnowCompression", "WinnowHTTP"]),
        .testTarget(name: "WinnowSQLiteTests", dependencies: ["WinnowSQLite"]),
        .testTarget(name: "WinnowDedupTests", dependencies: ["WinnowDedup", "WinnowCore"]),
        .testTarget(name: "WinnowSlurmTests", dependencies: ["WinnowSlurm", "WinnowCore"]),
        .testTarget(name: "WinnowLanguageTests", dependencies: ["WinnowLanguage", "WinnowCore"]),
        .testTarget(name: "WinnowParquetTests", dependencies: ["WinnowParquet", "WinnowCompression"]),
        .testTarget(name: "WinnowExportTests",
            dependencies: ["WinnowExport", "WinnowDedup", "WinnowCore", "WinnowParquet"]),
        .testTarget(name: "WinnowPipelinesTests",
            dependencies: ["WinnowPipelines", "WinnowCore", "WinnowRead", "WinnowDedup"], exclude: ["Fixtures"]),
        // Runs the real `winnow` binary; the dependency makes `swift test` build it first.
        .testTarget(name: "WinnowEndToEndTests",
            dependencies: ["WinnowCore", "WinnowWARC", "WinnowCompression", "winnow"], exclude: ["Fixtures"]),
    ]
)
