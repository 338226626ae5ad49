/// Sorts 64-bit keys (LSD radix sort, four passes of 16 bits) in linear time:
/// bucket keys are uniformly spread hashes, where this beats a comparison sort.
///
/// Guarantees: the result equals `keys.sorted()`; uses one scratch array as
/// large as the input and a 512 KiB digit table; skips a pass whose digit is
/// the same for every key.
public enum RadixSort {
  public static func sort(_ keys: inout [UInt64]) {
    guard keys.count > 1 else { return }
    if keys.count < 4096 {
      keys.sort()
      return
    }
    var scratch = [UInt64](repeating: 0, count: keys.count)
    var counts = [Int](repeating: 0, count: 1 << 16)
    var sourceIsKeys = true
    for pass in 0..<4 {
      let shift = UInt64(pass * 16)
      let moved: Bool = keys.withUnsafeMutableBufferPointer { keysBuffer in
        scratch.withUnsafeMutableBufferPointer { scratchBuffer in
          counts.withUnsafeMutableBufferPointer { count in
            let source = sourceIsKeys ? keysBuffer : scratchBuffer
            let target = sourceIsKeys ? scratchBuffer : keysBuffer
            for i in 0..<count.count { count[i] = 0 }
            for key in source { count[Int(truncatingIfNeeded: (key >> shift) & 0xFFFF)] += 1 }
            // Every key has the same digit: this pass would only copy.
            if count[Int(truncatingIfNeeded: (source[0] >> shift) & 0xFFFF)] == source.count {
              return false
            }
            var total = 0
            for i in 0..<count.count {
              let c = count[i]
              count[i] = total
              total += c
            }
            for key in source {
              let digit = Int(truncatingIfNeeded: (key >> shift) & 0xFFFF)
              target[count[digit]] = key
              count[digit] += 1
            }
            return true
          }
        }
      }
      if moved { sourceIsKeys.toggle() }
    }
    if !sourceIsKeys { keys = scratch }
  }
}
