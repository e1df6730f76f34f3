// swift-tools-version: 6.0
// secretmap: where every secret lives, which code reads it, what drifted.
// Pipeline (see DESIGN.md): Scan → Declarations → Stores → Inventory → Report; the CLI sits on top.
import PackageDescription

let package = Package(
    name: "secretmap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "secretmap", targets: ["secretmap"]),
        .library(name: "SourceScan", targets: ["SourceScan"]),
        .library(name: "Declarations", targets: ["Declarations"]),
        .library(name: "Stores", targets: ["Stores"]),
        .library(name: "Inventory", targets: ["Inventory"]),
        .library(name: "Report", targets: ["Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Debian's libpcre2-dev provides the 8-bit library through pkg-config.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(name: "PCRE", dependencies: ["CPCRE2"]),
        .target(name: "CSupport"),
        .target(
            name: "SourceScan",
            dependencies: [
                "PCRE", "CSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Declarations",
            dependencies: ["SourceScan", "PCRE", "CSupport", .product(name: "Yams", package: "Yams")]
        ),
        // Stores are read through their official CLIs (aws, bao/vault, psql, gh) or GitHub's REST API.
        .target(
            name: "Stores",
            dependencies: ["SourceScan", "Declarations", "CSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Inventory", dependencies: ["SourceScan", "Declarations", "Stores"]),
        .target(name: "Report", dependencies: ["SourceScan", "Declarations", "Stores", "Inventory"]),
        .executableTarget(
            name: "secretmap",
            dependencies: [
                "SourceScan", "Declarations", "Stores", "Inventory", "Report", "CSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzzing targets (scripts/fuzz builds secretmap-fuzz with libFuzzer and ASan).
        .target(name: "FuzzTargets", dependencies: ["SourceScan", "Declarations", "PCRE"]),
        .executableTarget(name: "secretmap-fuzz", dependencies: ["FuzzTargets"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets", "TestSupport"]),
        .testTarget(name: "PCRETests", dependencies: ["PCRE"]),
        .testTarget(
            name: "SourceScanTests",
            dependencies: ["SourceScan", "Report", "TestSupport"]
        ),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "SourceScan", "Declarations", "Stores", "TestSupport"]),
        .testTarget(name: "DeclarationsTests", dependencies: ["Declarations", "SourceScan", "TestSupport"]),
        .testTarget(name: "StoresTests", dependencies: ["Stores", "SourceScan", "TestSupport"], exclude: ["github_stub.py", "platform_stub.py", "kube_stub.py", "stub_http.py"]),
        // Helpers every test target shares (temporary trees, the Fixtures folder); not shipped.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "secretmapTests", dependencies: ["secretmap", "TestSupport"], exclude: ["Golden", "gfm_tables.py"]),
    ],
    swiftLanguageModes: [.v6]
)
