import CMalloc

/// glibc's malloc arenas: threads that allocate at the same time get arenas
/// of their own (up to 8 a core), and memory freed in one stays in it. A
/// process of many threads that mostly wait (the fetch pool) keeps a flat
/// RSS with a few arenas at no cost in speed.
public enum MallocArenas {
    /// At most `count` arenas from now on; false where glibc's `mallopt` refuses (or is not glibc).
    @discardableResult
    public static func limit(_ count: Int) -> Bool {
        mallopt(M_ARENA_MAX, Int32(count)) == 1
    }
}
