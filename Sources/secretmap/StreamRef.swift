import ArgumentParser
import CSupport
import Foundation
import Report
import SourceScan

/// `TextOutputStream` requires a mutable value; this struct forwards to the shared stream.
struct StreamRef: ReportStream {
    let stream: FDStream
    mutating func write(_ string: String) { stream.write(string) }
    mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { stream.write(utf8: bytes) }
}
