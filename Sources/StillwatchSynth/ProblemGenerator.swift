/// Small word problems with computed answers: the "questions" that reasoning
/// prompts wrap.
///
/// Guarantees: each pattern's answer is computed exactly (integer or
/// rational arithmetic, no floating point), so the pair is consistent and
/// deterministic. Patterns are numbered; populations draw from disjoint
/// ranges of them (`ProblemGenerator.burst`, `.hydra`, `.benchmark`), so the
/// campaigns do not share question text.
enum ProblemGenerator {
  static let burst = 0..<6
  static let hydra = 6..<12
  static let benchmark = 12..<16
  static let all = 0..<16

  static let items = [
    "marbles", "books", "coins", "stickers", "apples", "pencils", "cards", "shells",
  ]

  /// Writes a problem from `patterns` into `out` and its answer into `answer`.
  static func write(
    patterns: Range<Int>, text: TextSource, rng: inout SplitMix64, into out: inout JSONLineBuffer,
    answer: inout JSONLineBuffer
  ) {
    answer.removeAll()
    let pattern = patterns.lowerBound + rng.below(patterns.count)
    switch pattern {
    case 0:
      let (x, y, k) = (rng.within(12, 90), rng.within(3, 40), rng.within(3, 9))
      let item = rng.pick(items)
      text.writeName(&rng, into: &out)
      out.raw(" has ")
      out.int(x)
      out.raw(" ")
      out.escaped(item)
      out.raw(". ")
      text.writeName(&rng, into: &out)
      out.raw(" gives them ")
      out.int(y)
      out.raw(" more, and they share all of them equally among ")
      out.int(k)
      out.raw(" friends. How many does each friend get, and how many are left over?")
      answer.raw("each friend gets ")
      answer.int((x + y) / k)
      answer.raw(", with ")
      answer.int((x + y) % k)
      answer.raw(" left over")
    case 1:
      let (d1, v1, d2, v2) = (
        rng.within(10, 120), rng.within(8, 40), rng.within(10, 120), rng.within(8, 40)
      )
      out.raw("A cyclist rides ")
      out.int(d1)
      out.raw(" km at ")
      out.int(v1)
      out.raw(" km/h and then ")
      out.int(d2)
      out.raw(" km at ")
      out.int(v2)
      out.raw(" km/h. What is the average speed for the whole trip, to two decimal places?")
      let numerator = (d1 + d2) * v1 * v2 * 100
      let denominator = d1 * v2 + d2 * v1
      writeDecimal((2 * numerator + denominator) / (2 * denominator), into: &answer)
      answer.raw(" km/h")
    case 2:
      let (a, b, n) = (rng.within(2, 9), rng.within(3, 13), rng.within(50, 2000))
      out.raw("What is the sum of all positive integers below ")
      out.int(n)
      out.raw(" that are multiples of ")
      out.int(a)
      out.raw(" or ")
      out.int(b)
      out.raw("?")
      let l = a / gcd(a, b) * b
      answer.int(
        sumOfMultiples(a, below: n)
          + (a == b ? 0 : sumOfMultiples(b, below: n) - sumOfMultiples(l, below: n)))
    case 3:
      let (n, k) = (rng.within(6, 30), rng.within(2, 6))
      out.raw("In how many ways can a committee of ")
      out.int(k)
      out.raw(" be chosen from ")
      out.int(n)
      out.raw(" people?")
      answer.int(choose(n, k))
    case 4:
      let (a, b, m) = (rng.within(2, 99), rng.within(10, 999), rng.within(7, 97))
      out.raw("What is the remainder when ")
      out.int(a)
      out.raw("^")
      out.int(b)
      out.raw(" is divided by ")
      out.int(m)
      out.raw("?")
      answer.int(modpow(a, b, m))
    case 5:
      let (a, d, n) = (rng.within(-20, 40), rng.within(2, 15), rng.within(10, 80))
      out.raw("An arithmetic sequence starts ")
      out.int(a)
      out.raw(", ")
      out.int(a + d)
      out.raw(", ")
      out.int(a + 2 * d)
      out.raw(". What is its ")
      out.int(n)
      out.raw("th term, and what is the sum of its first ")
      out.int(n)
      out.raw(" terms?")
      answer.raw("term ")
      answer.int(a + (n - 1) * d)
      answer.raw(", sum ")
      answer.int(n * (2 * a + (n - 1) * d) / 2)
    case 6:
      let (x, a, c, b) = (
        rng.within(-12, 12), rng.within(2, 15), rng.within(1, 9), rng.within(-50, 50)
      )
      let a2 = a == c ? a + 1 : a
      out.raw("Solve for x: ")
      out.int(a2)
      out.raw("x + ")
      out.int(b)
      out.raw(" = ")
      out.int(c)
      out.raw("x + ")
      out.int((a2 - c) * x + b)
      out.raw(".")
      answer.raw("x = ")
      answer.int(x)
    case 7:
      let (s, t) = (rng.within(3, 60), rng.within(3, 60))
      out.raw("A rectangle has a perimeter of ")
      out.int(2 * (s + t))
      out.raw(" cm and one side of ")
      out.int(s)
      out.raw(" cm. What is its area?")
      answer.int(s * t)
      answer.raw(" square cm")
    case 8:
      let (m, b, y) = (rng.within(2, 4), rng.within(4, 30), rng.within(2, 15))
      text.writeName(&rng, into: &out)
      out.raw(" is ")
      out.int(m)
      out.raw(" times as old as ")
      text.writeName(&rng, into: &out)
      out.raw(". In ")
      out.int(y)
      out.raw(" years the sum of their ages will be ")
      out.int((m + 1) * b + 2 * y)
      out.raw(". How old is the younger one now?")
      answer.int(b)
    case 9:
      let (r, b) = (rng.within(2, 15), rng.within(1, 15))
      out.raw("A bag holds ")
      out.int(r)
      out.raw(" red and ")
      out.int(b)
      out.raw(
        " blue marbles. Two are drawn without replacement. What is the probability that both are red?"
      )
      writeFraction(r * (r - 1), (r + b) * (r + b - 1), into: &answer)
    case 10:
      let (a, b) = (rng.within(12, 999), rng.within(12, 999))
      out.raw("What are the greatest common divisor and the least common multiple of ")
      out.int(a)
      out.raw(" and ")
      out.int(b)
      out.raw("?")
      answer.raw("gcd ")
      answer.int(gcd(a, b))
      answer.raw(", lcm ")
      answer.int(a / gcd(a, b) * b)
    case 11:
      out.raw("If every ")
      text.writeWord(&rng, into: &out)
      out.raw(" is a ")
      text.writeWord(&rng, into: &out)
      out.raw(" and some of those are also a ")
      text.writeWord(&rng, into: &out)
      out.raw(", must some of the first kind be the last kind?")
      answer.raw("no, it does not follow")
    case 12:
      let (x, y) = (rng.within(2, 12), rng.within(2, 12))
      text.writeName(&rng, into: &out)
      out.raw(" can paint a fence in ")
      out.int(x)
      out.raw(" hours and ")
      text.writeName(&rng, into: &out)
      out.raw(" can paint it in ")
      out.int(y)
      out.raw(" hours. Working together, how many minutes do they take?")
      answer.int((2 * x * y * 60 + x + y) / (2 * (x + y)))
    case 13:
      let (k, s) = (rng.within(2, 4), rng.within(3, 20))
      out.raw("How many ")
      out.int(k)
      out.raw("-digit positive integers have digits that add up to ")
      out.int(s)
      out.raw("?")
      answer.int(digitSums(digits: k, sum: s))
    case 14:
      let (rate, principal, years) = (
        rng.within(2, 9), rng.within(10, 500) * 100, rng.within(2, 12)
      )
      out.raw("An account earns ")
      out.int(rate)
      out.raw("% interest compounded yearly. Starting from ")
      out.int(principal)
      out.raw(" dollars, how much is in it after ")
      out.int(years)
      out.raw(" years, to the nearest cent?")
      var cents = principal * 100
      for _ in 0..<years { cents = (cents * (100 + rate) + 50) / 100 }
      writeDecimal(cents, into: &answer)
      answer.raw(" dollars")
    default:
      let a = rng.within(2, 1500)
      let b = a + rng.within(20, 400)
      out.raw("How many prime numbers are there between ")
      out.int(a)
      out.raw(" and ")
      out.int(b)
      out.raw("?")
      answer.int((a...b).filter(isPrime).count)
    }
  }

  static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }

  static func sumOfMultiples(_ k: Int, below n: Int) -> Int {
    let count = (n - 1) / k
    return k * count * (count + 1) / 2
  }

  static func choose(_ n: Int, _ k: Int) -> Int {
    var result = 1
    for i in 0..<k { result = result * (n - i) / (i + 1) }
    return result
  }

  static func modpow(_ base: Int, _ exponent: Int, _ modulus: Int) -> Int {
    var result = 1
    var b = base % modulus
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result * b % modulus }
      b = b * b % modulus
      e >>= 1
    }
    return result
  }

  static func digitSums(digits: Int, sum: Int) -> Int {
    var ways = [Int](repeating: 0, count: sum + 1)
    for first in 1...9 where first <= sum { ways[first] = 1 }
    for _ in 1..<digits {
      var next = [Int](repeating: 0, count: sum + 1)
      for total in 0...sum where ways[total] > 0 {
        for digit in 0...9 where total + digit <= sum { next[total + digit] += ways[total] }
      }
      ways = next
    }
    return ways[sum]
  }

  static func isPrime(_ n: Int) -> Bool {
    if n < 2 { return false }
    var d = 2
    while d * d <= n {
      if n % d == 0 { return false }
      d += 1
    }
    return true
  }

  /// Writes hundredths as `x.yz`.
  static func writeDecimal(_ hundredths: Int, into out: inout JSONLineBuffer) {
    out.int(hundredths / 100)
    out.byte(0x2E)
    out.padded(hundredths % 100, width: 2)
  }

  static func writeFraction(_ numerator: Int, _ denominator: Int, into out: inout JSONLineBuffer) {
    let g = max(1, gcd(numerator, denominator))
    out.int(numerator / g)
    out.byte(0x2F)
    out.int(denominator / g)
  }
}
