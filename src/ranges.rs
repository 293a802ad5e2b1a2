//! Sorted byte ranges with fast overlap queries.
//!
//! Owns one small data structure used wherever a step asks "does this span touch any
//! of those?" (matches and exceptions, identities and staff, words and matches): the
//! ranges sorted by start with a running maximum of their ends, so a query is a binary
//! search instead of a scan. Replies are short, but a 1 MB line with thousands of
//! matches must not turn checking quadratic.

use std::ops::Range;

/// A set of byte ranges that answers "does anything overlap this range?" in O(log n).
#[derive(Clone, Debug, Default)]
pub struct RangeSet {
    /// Ranges sorted by start.
    ranges: Vec<Range<usize>>,
    /// `max_end[i]` is the largest end among `ranges[..=i]`.
    max_end: Vec<usize>,
}

impl RangeSet {
    /// Builds the set from ranges in any order; empty ranges are ignored.
    pub fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        let mut ranges: Vec<Range<usize>> =
            ranges.into_iter().filter(|r| r.start < r.end).collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut max_end = Vec::with_capacity(ranges.len());
        let mut running = 0;
        for range in &ranges {
            running = running.max(range.end);
            max_end.push(running);
        }
        RangeSet { ranges, max_end }
    }

    /// Whether any range shares at least one byte with `range`.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        // Ranges starting before `range.end` are the only candidates; among them, one
        // overlaps exactly when the largest end passes `range.start`.
        let candidates = self.ranges.partition_point(|r| r.start < range.end);
        candidates > 0 && self.max_end[candidates - 1] > range.start
    }

    /// Whether one range holds all of `range`.
    pub fn contains(&self, range: &Range<usize>) -> bool {
        // Among the ranges starting at or before `range.start`, the one reaching
        // furthest holds it if any does.
        let candidates = self.ranges.partition_point(|r| r.start <= range.start);
        candidates > 0 && self.max_end[candidates - 1] >= range.end
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_queries() {
        let set = RangeSet::new([10..20, 0..3, 5..6, 30..40, 4..4]);
        let check = |range: Range<usize>, expected: bool| {
            assert_eq!(set.overlaps(&range), expected, "{range:?}")
        };
        check(0..1, true);
        check(3..5, false);
        check(3..6, true);
        check(6..10, false);
        check(19..30, true);
        check(20..30, false);
        check(39..50, true);
        check(40..50, false);
        check(4..4, false);
        assert!(!RangeSet::new([]).overlaps(&(0..10)));
    }

    #[test]
    fn containment_queries() {
        let set = RangeSet::new([10..20, 0..3, 12..14, 30..40]);
        assert!(set.contains(&(10..20)));
        assert!(set.contains(&(12..19)));
        assert!(set.contains(&(0..1)));
        assert!(!set.contains(&(19..21)));
        assert!(!set.contains(&(3..5)));
        assert!(!set.contains(&(25..31)));
        assert!(!RangeSet::new([]).contains(&(0..1)));
    }
}
