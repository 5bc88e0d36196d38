//! Time and determinism: the virtual clock, SCNs, the event queue and the seeded RNG streams.
//!
//! Nothing here reads the wall clock. Time moves only when the simulator is advanced, and it
//! jumps from event to event (turmoil/madsim style).

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Microseconds.
pub type Micros = u64;

pub const SECOND: Micros = 1_000_000;
pub const MINUTE: Micros = 60 * SECOND;
pub const HOUR: Micros = 60 * MINUTE;
pub const DAY: Micros = 24 * HOUR;

/// Where every simulation starts: 2024-05-09 17:50:00 +08:00 (the era of the docs' samples).
/// A fixed start keeps transcripts stable across runs and machines.
pub const EPOCH_MICROS: Micros = 1_715_248_200_000_000;

/// The virtual clock and the SCN (GTS) derived from it. An SCN is a nanosecond Unix timestamp
/// (reference §5.3); `next_scn` makes SCNs strictly increasing even within one microsecond.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    now: Micros,
    last_scn: u64,
}

impl Clock {
    pub fn new() -> Clock {
        Clock {
            now: EPOCH_MICROS,
            last_scn: EPOCH_MICROS * 1000,
        }
    }

    pub fn now(&self) -> Micros {
        self.now
    }

    /// Moves time forward; time never goes back.
    pub fn set(&mut self, t: Micros) {
        self.now = self.now.max(t);
    }

    /// The SCN of "now" without consuming one (what a checkpoint or GTS read returns).
    pub fn current_scn(&self) -> u64 {
        (self.now * 1000).max(self.last_scn)
    }

    /// A fresh SCN for a write: strictly greater than every SCN handed out before.
    pub fn next_scn(&mut self) -> u64 {
        self.last_scn = (self.now * 1000).max(self.last_scn + 1);
        self.last_scn
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new()
    }
}

/// The SCN of a point in time (µs), as OceanBase's GTS would give it.
pub fn scn_of(micros: Micros) -> u64 {
    micros * 1000
}

/// The time (µs) of an SCN.
pub fn micros_of_scn(scn: u64) -> Micros {
    scn / 1000
}

/// Independent random streams, one per concern, so that (for example) a change in the
/// workload does not shift the durations of backup phases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stream {
    Faults,
    Durations,
    Layout,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RngStreams {
    faults: Xoshiro256PlusPlus,
    durations: Xoshiro256PlusPlus,
    layout: Xoshiro256PlusPlus,
}

impl RngStreams {
    pub fn new(seed: u64) -> RngStreams {
        // Forking by a per-stream constant; seed_from_u64 expands through SplitMix64, so the
        // streams are unrelated even for neighbouring seeds.
        let fork = |k: u64| {
            Xoshiro256PlusPlus::seed_from_u64(seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        };
        // (Stream 1 was the background workload's; it is a `CounterRng` now.)
        RngStreams {
            faults: fork(2),
            durations: fork(3),
            layout: fork(4),
        }
    }

    fn stream(&mut self, s: Stream) -> &mut Xoshiro256PlusPlus {
        match s {
            Stream::Faults => &mut self.faults,
            Stream::Durations => &mut self.durations,
            Stream::Layout => &mut self.layout,
        }
    }

    pub fn next_u64(&mut self, s: Stream) -> u64 {
        self.stream(s).next_u64()
    }

    /// Uniform in `[lo, hi]` (inclusive); `lo` when the range is empty.
    pub fn range(&mut self, s: Stream, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        let span = hi - lo + 1;
        lo + self.next_u64(s) % span
    }
}

/// A counter-based random stream (SplitMix64 over a hashed key and counter): its draws depend
/// on `(key, counter)` only, so a past tick's draws can be made again on demand instead of being
/// stored. The background workload uses one per tenant and second, which keeps the engine's
/// memory independent of how much simulated time has passed.
#[derive(Clone, Copy, Debug)]
pub struct CounterRng(u64);

impl CounterRng {
    pub fn new(key: u64, counter: u64) -> CounterRng {
        CounterRng(mix64(
            key ^ mix64(counter.wrapping_add(0x632B_E59B_D9B4_E019)),
        ))
    }

    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }
}

/// SplitMix64's finaliser: a bijective 64-bit mix.
#[inline(always)]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A queue of events ordered by (time, sequence): events at the same time run in the order
/// they were scheduled. Deterministic by construction (no hash maps).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "E: Serialize", deserialize = "E: Deserialize<'de>"))]
pub struct EventQueue<E> {
    #[serde(with = "queue_serde")]
    queue: BTreeMap<(Micros, u64), E>,
    seq: u64,
}

impl<E> EventQueue<E> {
    pub fn new() -> EventQueue<E> {
        EventQueue {
            queue: BTreeMap::new(),
            seq: 0,
        }
    }

    pub fn schedule(&mut self, at: Micros, event: E) {
        self.seq += 1;
        self.queue.insert((at, self.seq), event);
    }

    /// The time of the next event, if any.
    pub fn peek_time(&self) -> Option<Micros> {
        self.queue.keys().next().map(|&(t, _)| t)
    }

    /// Removes and returns the next event if it is due at or before `until`.
    pub fn pop_due(&mut self, until: Micros) -> Option<(Micros, E)> {
        let (&(t, _), _) = self.queue.iter().next()?;
        if t > until {
            return None;
        }
        self.queue.pop_first().map(|((t, _), e)| (t, e))
    }
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue::new()
    }
}

/// JSON maps need string keys; the queue is stored as a list of (time, seq, event).
mod queue_serde {
    use super::Micros;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<E: Serialize, S: Serializer>(
        map: &BTreeMap<(Micros, u64), E>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let list: Vec<(Micros, u64, &E)> = map.iter().map(|(&(t, q), e)| (t, q, e)).collect();
        list.serialize(s)
    }

    pub fn deserialize<'de, E: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<(Micros, u64), E>, D::Error> {
        let list: Vec<(Micros, u64, E)> = Vec::deserialize(d)?;
        Ok(list.into_iter().map(|(t, q, e)| ((t, q), e)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_pop_in_time_then_schedule_order() {
        let mut q = EventQueue::new();
        q.schedule(20, "c");
        q.schedule(10, "a");
        q.schedule(10, "b");
        assert_eq!(q.pop_due(15), Some((10, "a")));
        assert_eq!(q.pop_due(15), Some((10, "b")));
        assert_eq!(q.pop_due(15), None);
        assert_eq!(q.pop_due(20), Some((20, "c")));
        assert_eq!(q.peek_time(), None);
    }

    #[test]
    fn scn_is_strictly_increasing_within_one_microsecond() {
        let mut c = Clock::new();
        let a = c.next_scn();
        let b = c.next_scn();
        assert!(b > a);
        c.set(c.now() + 1);
        assert!(c.next_scn() > b);
        assert!(c.current_scn() >= c.now() * 1000);
    }

    #[test]
    fn clock_never_goes_back() {
        let mut c = Clock::new();
        let t = c.now();
        c.set(t - 5);
        assert_eq!(c.now(), t);
    }

    #[test]
    fn same_seed_same_streams_and_streams_are_independent() {
        let mut a = RngStreams::new(9);
        let mut b = RngStreams::new(9);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64(Stream::Faults)).collect();
        // Drawing from another stream first must not change the faults stream.
        b.next_u64(Stream::Durations);
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64(Stream::Faults)).collect();
        assert_eq!(xs, ys);
        assert_ne!(RngStreams::new(10).next_u64(Stream::Faults), xs[0]);
    }

    #[test]
    fn counter_streams_depend_on_key_and_counter_only() {
        let draws = |k, c| {
            let mut r = CounterRng::new(k, c);
            (0..4).map(|_| r.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draws(7, 1000), draws(7, 1000));
        assert_ne!(draws(7, 1000), draws(7, 1001));
        assert_ne!(draws(7, 1000), draws(8, 1000));
    }

    #[test]
    fn range_is_inclusive_and_safe_on_empty_ranges() {
        let mut r = RngStreams::new(1);
        for _ in 0..1000 {
            let v = r.range(Stream::Faults, 3, 5);
            assert!((3..=5).contains(&v));
        }
        assert_eq!(r.range(Stream::Faults, 7, 7), 7);
        assert_eq!(r.range(Stream::Faults, 9, 2), 9);
    }

    #[test]
    fn queue_survives_a_serde_round_trip() {
        let mut q = EventQueue::new();
        q.schedule(5, 1u8);
        q.schedule(5, 2u8);
        let json = serde_json::to_string(&q).unwrap();
        let back: EventQueue<u8> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, q);
    }
}
