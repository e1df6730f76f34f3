#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Byte order of the UTF-8 (which is code point order), as git and ripgrep sort paths. The
    /// generic `utf8.lexicographicallyPrecedes` compared a byte per call through the collection
    /// protocols: sorting a large tree's 20,000 paths took 4 ms of the scan's serial start.
    @inline(__always)
    func utf8Precedes(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let xp = x.baseAddress, let yp = y.baseAddress {
                    let c = memcmp(xp, yp, common)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }
}
