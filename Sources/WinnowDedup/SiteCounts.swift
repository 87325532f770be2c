/// The sites of a run's records, numbered in the order first seen, with the
/// number of records of each: what the boilerplate test divides by. Shared
/// by the one-process phase (``RecordTable``) and a dedup part.
struct SiteCounts {
    private(set) var names: [String] = []
    private(set) var pages: [Int] = []
    private var index: [String: UInt32] = [:]

    /// Counts one record of `site` and returns the site's number.
    mutating func add(_ site: String) -> UInt32 {
        let number: UInt32
        if let known = index[site] {
            number = known
        } else {
            number = UInt32(names.count)
            index[site] = number
            names.append(site)
            pages.append(0)
        }
        pages[Int(number)] += 1
        return number
    }
}
