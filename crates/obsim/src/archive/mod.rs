//! Log archive: a tenant's LOG_MODE, its LOG_ARCHIVE_DEST and its archive rounds (reference §5).
//!
//! LOG_MODE and the round are separate things: `ALTER SYSTEM ARCHIVELOG` only flips the mode;
//! the archive scheduler (`tick`) then opens, advances and stops rounds.

use crate::error::{ObError, ObResult};
use crate::medium::{FileStatus, validate_uri};
use crate::params::parse_duration;
use crate::sim::{DAY, Micros, RngStreams, SECOND, Stream};
use serde::{Deserialize, Serialize};

mod settings;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogMode {
    NoArchiveLog,
    ArchiveLog,
}

impl LogMode {
    pub fn as_str(self) -> &'static str {
        match self {
            LogMode::NoArchiveLog => "NOARCHIVELOG",
            LogMode::ArchiveLog => "ARCHIVELOG",
        }
    }
}

/// `ObArchiveRoundState`, strings exactly as the views print them (§5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundState {
    Prepare,
    Beginning,
    Doing,
    Interrupted,
    Stopping,
    Stop,
    Suspending,
    Suspend,
}

impl RoundState {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundState::Prepare => "PREPARE",
            RoundState::Beginning => "BEGINNING",
            RoundState::Doing => "DOING",
            RoundState::Interrupted => "INTERRUPTED",
            RoundState::Stopping => "STOPPING",
            RoundState::Stop => "STOP",
            RoundState::Suspending => "SUSPENDING",
            RoundState::Suspend => "SUSPEND",
        }
    }
}

/// LOG_ARCHIVE_DEST_STATE.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DestState {
    Enable,
    Defer,
}

impl DestState {
    pub fn as_str(self) -> &'static str {
        match self {
            DestState::Enable => "ENABLE",
            DestState::Defer => "DEFER",
        }
    }
}

/// A parsed `LOG_ARCHIVE_DEST` value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveDest {
    pub path: String,
    pub dest_id: u64,
    /// `OPTIONAL` or `MANDATORY`.
    pub binding: String,
    pub piece_switch_interval: Micros,
    /// As typed for `piece_switch_interval`, e.g. `1d`.
    pub piece_switch_interval_text: String,
    pub state: DestState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveRound {
    pub dest_id: u64,
    pub round_id: u64,
    pub dest_no: u64,
    pub state: RoundState,
    pub start_scn: u64,
    pub checkpoint_scn: u64,
    pub base_piece_id: u64,
    pub used_piece_id: u64,
    pub piece_switch_interval: Micros,
    pub input_bytes: u64,
    pub output_bytes: u64,
    pub comment: String,
    pub path: String,
    /// Log bytes the tenant had produced when the round began (input is counted from there).
    pub log_bytes_at_start: u64,
    /// When the scheduler may next move this round along (state transitions take a moment).
    pub next_step_at: Micros,
    /// FILE_STATUS of the pieces that are not AVAILABLE (cleanup marks them DELETING, then
    /// DELETED), by piece id. Every other piece of the round is AVAILABLE.
    #[serde(default)]
    pub piece_file_status: Vec<(u64, FileStatus)>,
}

/// A piece's STATUS (`OB_ARCHIVE_PIECE_STATUS_STR`, §5.2): ACTIVE while it is written, FROZEN
/// once sealed. (INACTIVE exists in OceanBase's list; the simulator never shows it.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PieceStatus {
    Active,
    Frozen,
}

impl PieceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PieceStatus::Active => "ACTIVE",
            PieceStatus::Frozen => "FROZEN",
        }
    }
}

/// One piece of a round: what DBA_OB_ARCHIVELOG_PIECE_FILES shows and what a restore reads.
/// Derived from its round by `ArchiveRound::pieces`, the one place piece geometry is decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub dest_id: u64,
    pub round_id: u64,
    pub piece_id: u64,
    pub start_scn: u64,
    pub end_scn: u64,
    pub checkpoint_scn: u64,
    pub status: PieceStatus,
    pub file_status: FileStatus,
    /// The archive root the piece lives in.
    pub root: String,
    /// This piece's share of the round's archived bytes.
    pub input_bytes: u64,
}

impl Piece {
    /// `piece_d<dest>r<round>p<piece>`
    pub fn dir_name(&self) -> String {
        format!(
            "piece_d{}r{}p{}",
            self.dest_id, self.round_id, self.piece_id
        )
    }

    /// The piece's directory: `<root>/piece_d1001r1p1` (PATH, BACKUP_PIECE_LIST, preview).
    pub fn path(&self) -> String {
        format!("{}/{}", self.root, self.dir_name())
    }

    /// Whether it holds any log: its checkpoint moved past its start.
    pub fn is_empty(&self) -> bool {
        self.checkpoint_scn <= self.start_scn
    }
}

impl ArchiveRound {
    /// Piece of an SCN: `(scn − START_SCN) / PIECE_SWITCH_INTERVAL + BASE_PIECE_ID` (§5.2).
    pub fn piece_of(&self, scn: u64) -> u64 {
        let interval_ns = self.piece_switch_interval.max(1).saturating_mul(1000);
        scn.saturating_sub(self.start_scn) / interval_ns + self.base_piece_id
    }

    /// Whether log up to `scn` has been archived by this round.
    pub fn covers(&self, from_scn: u64, to_scn: u64) -> bool {
        self.start_scn <= from_scn && self.checkpoint_scn >= to_scn
    }

    /// Whether the round's checkpoint can no longer move: it stopped or was interrupted.
    fn is_closed(&self) -> bool {
        matches!(
            self.state,
            RoundState::Stop | RoundState::Stopping | RoundState::Interrupted
        )
    }

    /// The round's pieces, in id order (none before the round began). Piece `p` spans
    /// `[START + (p − BASE)·interval, +interval)`; its checkpoint is the round's, capped at its
    /// end. The last piece of a stopped or interrupted round is sealed at the checkpoint
    /// (END_SCN = CHECKPOINT_SCN), so a later round never continues it (§7.4).
    pub fn pieces(&self) -> Vec<Piece> {
        if self.start_scn == 0 {
            return Vec::new();
        }
        let interval_ns = self.piece_switch_interval.max(1).saturating_mul(1000);
        let count = self.used_piece_id.saturating_sub(self.base_piece_id) + 1;
        let bytes = self.input_bytes / count;
        (self.base_piece_id..=self.used_piece_id)
            .map(|p| {
                let start = self
                    .start_scn
                    .saturating_add((p - self.base_piece_id).saturating_mul(interval_ns));
                let last = p == self.used_piece_id;
                let mut end = start.saturating_add(interval_ns);
                if last && self.is_closed() {
                    end = self.checkpoint_scn.clamp(start, end);
                }
                let active = last && self.state != RoundState::Stop;
                let file_status = self
                    .piece_file_status
                    .iter()
                    .find(|(id, _)| *id == p)
                    .map_or(FileStatus::Available, |(_, s)| *s);
                Piece {
                    dest_id: self.dest_id,
                    round_id: self.round_id,
                    piece_id: p,
                    start_scn: start,
                    end_scn: end,
                    checkpoint_scn: self.checkpoint_scn.min(end),
                    status: if active {
                        PieceStatus::Active
                    } else {
                        PieceStatus::Frozen
                    },
                    file_status,
                    root: self.path.clone(),
                    input_bytes: bytes,
                }
            })
            .collect()
    }
}

/// Log archive state of one user tenant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantArchive {
    pub log_mode: LogMode,
    pub dest: Option<ArchiveDest>,
    /// The current round (kept after it stops, as `__all_virtual_log_archive_progress` does).
    pub round: Option<ArchiveRound>,
    /// Rounds that ended before the current one (DBA_OB_ARCHIVELOG_SUMMARY).
    pub history: Vec<ArchiveRound>,
    /// When the checkpoint may next advance (every `log_archive_checkpoint_interval`).
    pub next_checkpoint_at: Micros,
}

impl Default for TenantArchive {
    fn default() -> Self {
        TenantArchive {
            log_mode: LogMode::NoArchiveLog,
            dest: None,
            round: None,
            history: Vec::new(),
            next_checkpoint_at: 0,
        }
    }
}

/// What the archive scheduler needs from the rest of the cluster for one tick.
pub struct TickInput<'a> {
    pub now: Micros,
    pub current_scn: u64,
    pub log_bytes: u64,
    /// `log_archive_checkpoint_interval`, asked only when the checkpoint advances (a
    /// parameter lookup every simulated second was most of the cost of a long idle run).
    pub checkpoint_interval: &'a dyn Fn() -> Micros,
}

/// Something a tick changed that other parts of the simulator react to or record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArchiveEvent {
    RoundOpened { round_id: u64 },
    RoundBegan { round_id: u64 },
    RoundDoing { round_id: u64 },
    RoundStopped { round_id: u64 },
    PieceAdvanced { round_id: u64, piece_id: u64 },
}

impl TenantArchive {
    pub fn is_doing(&self) -> bool {
        self.round
            .as_ref()
            .is_some_and(|r| r.state == RoundState::Doing)
    }

    pub fn round_state(&self) -> Option<RoundState> {
        self.round.as_ref().map(|r| r.state)
    }

    /// Whether a round is under way (anything but STOP): the archive dest cannot change then.
    pub fn is_running(&self) -> bool {
        self.round
            .as_ref()
            .is_some_and(|r| r.state != RoundState::Stop)
    }

    /// One pass of the archive scheduler for this tenant (reference §5.1/§5.2).
    pub fn tick(&mut self, input: &TickInput<'_>, rng: &mut RngStreams) -> Vec<ArchiveEvent> {
        let mut events = Vec::new();
        let now = input.now;
        let transition_delay =
            |rng: &mut RngStreams| rng.range(Stream::Durations, SECOND, 3 * SECOND);

        // Open a new round when the mode is ARCHIVELOG, an enabled dest exists and there is no
        // round or the last one is STOP.
        let can_open = self.log_mode == LogMode::ArchiveLog
            && self
                .round
                .as_ref()
                .is_none_or(|r| r.state == RoundState::Stop);
        let enabled_dest = self
            .dest
            .as_ref()
            .filter(|d| can_open && d.state == DestState::Enable)
            .cloned();
        if let Some(dest) = enabled_dest {
            let (round_id, base_piece) = match self.round.take() {
                Some(prev) => {
                    let next = (prev.round_id + 1, prev.used_piece_id + 1);
                    self.history.push(prev);
                    next
                }
                None => (1, 1),
            };
            self.round = Some(ArchiveRound {
                dest_id: dest.dest_id,
                round_id,
                dest_no: 0,
                state: RoundState::Prepare,
                start_scn: 0,
                checkpoint_scn: 0,
                base_piece_id: base_piece,
                used_piece_id: base_piece,
                piece_switch_interval: dest.piece_switch_interval,
                input_bytes: 0,
                output_bytes: 0,
                comment: String::new(),
                path: dest.path.clone(),
                log_bytes_at_start: input.log_bytes,
                next_step_at: now + transition_delay(rng),
                piece_file_status: Vec::new(),
            });
            events.push(ArchiveEvent::RoundOpened { round_id });
            return events;
        }

        let mode = self.log_mode;
        let dest_state = self.dest.as_ref().map(|d| d.state);
        let Some(round) = self.round.as_mut() else {
            return events;
        };
        let due = now >= round.next_step_at;
        match round.state {
            RoundState::Prepare if mode == LogMode::NoArchiveLog => {
                round.state = RoundState::Stop;
                events.push(ArchiveEvent::RoundStopped {
                    round_id: round.round_id,
                });
            }
            RoundState::Prepare if due => {
                round.state = RoundState::Beginning;
                round.start_scn = input.current_scn;
                round.checkpoint_scn = input.current_scn;
                round.next_step_at = now + transition_delay(rng);
                events.push(ArchiveEvent::RoundBegan {
                    round_id: round.round_id,
                });
            }
            RoundState::Beginning
            | RoundState::Doing
            | RoundState::Interrupted
            | RoundState::Suspending
            | RoundState::Suspend
                if mode == LogMode::NoArchiveLog =>
            {
                round.state = RoundState::Stopping;
                round.next_step_at = now + transition_delay(rng);
            }
            RoundState::Doing if dest_state == Some(DestState::Defer) => {
                round.state = RoundState::Suspending;
                round.next_step_at = now + transition_delay(rng);
            }
            RoundState::Suspending if due => {
                round.state = RoundState::Suspend;
            }
            RoundState::Suspend if dest_state == Some(DestState::Enable) => {
                round.state = RoundState::Beginning;
                round.next_step_at = now + transition_delay(rng);
            }
            RoundState::Beginning if due => {
                round.state = RoundState::Doing;
                self.next_checkpoint_at = now;
                events.push(ArchiveEvent::RoundDoing {
                    round_id: round.round_id,
                });
            }
            RoundState::Stopping if due => {
                round.state = RoundState::Stop;
                events.push(ArchiveEvent::RoundStopped {
                    round_id: round.round_id,
                });
            }
            _ => {}
        }

        // The checkpoint advances while DOING, once per checkpoint interval, to a little behind
        // "now" (log must be read and written before it counts as archived).
        if let Some(round) = self.round.as_mut()
            && round.state == RoundState::Doing
            && now >= self.next_checkpoint_at
        {
            let lag_ns = rng.range(Stream::Durations, 200_000, 1_500_000) * 1000;
            let target = input.current_scn.saturating_sub(lag_ns);
            if target > round.checkpoint_scn {
                round.checkpoint_scn = target;
                round.input_bytes = input.log_bytes.saturating_sub(round.log_bytes_at_start);
                round.output_bytes = round.input_bytes;
                let piece = round.piece_of(target);
                if piece != round.used_piece_id {
                    round.used_piece_id = piece;
                    events.push(ArchiveEvent::PieceAdvanced {
                        round_id: round.round_id,
                        piece_id: piece,
                    });
                }
            }
            self.next_checkpoint_at = now + (input.checkpoint_interval)().max(SECOND);
        }
        events
    }

    /// Nothing can happen at a tick: archiving is off and no round is under way.
    pub fn is_idle(&self) -> bool {
        self.log_mode == LogMode::NoArchiveLog
            && self
                .round
                .as_ref()
                .is_none_or(|r| r.state == RoundState::Stop)
    }

    /// When this tenant's archive next needs a tick to change anything (None: not until a
    /// statement or a fault changes it; at most `now`: at the next tick). It mirrors `tick`'s
    /// conditions, so skipping the ticks in between changes nothing (tested against ticking
    /// every second): a long idle stretch costs a few events instead of one a second.
    pub fn next_due(&self, now: Micros) -> Option<Micros> {
        let archiving = self.log_mode == LogMode::ArchiveLog;
        let dest_state = self.dest.as_ref().map(|d| d.state);
        let enabled = dest_state == Some(DestState::Enable);
        let stopped = self
            .round
            .as_ref()
            .is_none_or(|r| r.state == RoundState::Stop);
        if archiving && enabled && stopped {
            return Some(now);
        }
        let r = self.round.as_ref()?;
        let step = Some(r.next_step_at);
        match r.state {
            RoundState::Prepare if !archiving => Some(now),
            RoundState::Beginning
            | RoundState::Doing
            | RoundState::Interrupted
            | RoundState::Suspending
            | RoundState::Suspend
                if !archiving =>
            {
                Some(now)
            }
            RoundState::Doing if dest_state == Some(DestState::Defer) => Some(now),
            RoundState::Suspend if enabled => Some(now),
            RoundState::Prepare
            | RoundState::Beginning
            | RoundState::Suspending
            | RoundState::Stopping => step,
            RoundState::Doing => Some(self.next_checkpoint_at),
            RoundState::Suspend | RoundState::Interrupted | RoundState::Stop => None,
        }
    }

    /// A fault: the round can no longer continue (e.g. clog recycled before it was archived).
    pub fn interrupt(&mut self, comment: String) -> bool {
        match self.round.as_mut() {
            Some(r) if matches!(r.state, RoundState::Beginning | RoundState::Doing) => {
                r.state = RoundState::Interrupted;
                r.comment = comment;
                true
            }
            _ => false,
        }
    }

    /// All rounds, oldest first (DBA_OB_ARCHIVELOG_SUMMARY).
    pub fn all_rounds(&self) -> impl Iterator<Item = &ArchiveRound> {
        self.history.iter().chain(self.round.iter())
    }

    /// Whether archived log covers `from_scn..=to_scn` in a single round (restore needs that).
    pub fn covers(&self, from_scn: u64, to_scn: u64) -> bool {
        self.all_rounds().any(|r| r.covers(from_scn, to_scn))
    }
}

/// Parses `LOCATION=... [BINDING=...] [PIECE_SWITCH_INTERVAL=...]` into an archive dest
/// (dest_id is filled in by the caller).
pub fn parse_log_archive_dest(value: &str) -> ObResult<ArchiveDest> {
    let mut location = None;
    let mut binding = "OPTIONAL".to_string();
    let mut interval_text = "1d".to_string();
    for item in value.split_whitespace() {
        let Some((key, val)) = item.split_once('=') else {
            return Err(ObError::invalid_argument_plain());
        };
        match key.to_ascii_lowercase().as_str() {
            "location" => location = Some(val.to_string()),
            "binding" => {
                let b = val.to_ascii_uppercase();
                if b != "OPTIONAL" && b != "MANDATORY" {
                    return Err(ObError::invalid_argument_plain());
                }
                binding = b;
            }
            "piece_switch_interval" => interval_text = val.to_string(),
            _ => return Err(ObError::invalid_argument_plain()),
        }
    }
    let Some(location) = location else {
        return Err(ObError::not_supported_text(
            "set archive dest without location is",
        ));
    };
    let path = validate_uri(&location)?;
    let interval = parse_duration(&interval_text).filter(|i| (DAY..=7 * DAY).contains(i));
    let Some(interval) = interval else {
        return Err(ObError::not_supported_text(
            "invalid piece_switch_interval out of range [1d,7d] is",
        ));
    };
    Ok(ArchiveDest {
        path,
        dest_id: 0,
        binding,
        piece_switch_interval: interval,
        piece_switch_interval_text: interval_text,
        state: DestState::Enable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{EPOCH_MICROS, MINUTE, scn_of};

    fn dest() -> ArchiveDest {
        ArchiveDest {
            path: "file:///data/nfs/backup/archive".into(),
            dest_id: 1001,
            binding: "OPTIONAL".into(),
            piece_switch_interval: crate::sim::DAY,
            piece_switch_interval_text: "1d".into(),
            state: DestState::Enable,
        }
    }

    /// Ticks once a second for `secs` seconds; returns the time reached.
    fn run(a: &mut TenantArchive, rng: &mut RngStreams, from: Micros, secs: u64) -> Micros {
        let mut t = from;
        for _ in 0..secs {
            t += SECOND;
            a.tick(
                &TickInput {
                    now: t,
                    current_scn: scn_of(t),
                    log_bytes: (t - EPOCH_MICROS) / 1000,
                    checkpoint_interval: &|| 10 * SECOND,
                },
                rng,
            );
        }
        t
    }

    #[test]
    fn archivelog_without_dest_opens_no_round() {
        let mut a = TenantArchive {
            log_mode: LogMode::ArchiveLog,
            ..TenantArchive::default()
        };
        let mut rng = RngStreams::new(1);
        run(&mut a, &mut rng, EPOCH_MICROS, 30);
        assert!(a.round.is_none());
    }

    #[test]
    fn round_goes_prepare_beginning_doing_and_checkpoint_follows_the_clock() {
        let mut a = TenantArchive {
            log_mode: LogMode::ArchiveLog,
            dest: Some(dest()),
            ..TenantArchive::default()
        };
        let mut rng = RngStreams::new(1);
        let mut seen = Vec::new();
        let mut t = EPOCH_MICROS;
        for _ in 0..20 {
            t = run(&mut a, &mut rng, t, 1);
            let s = a.round_state().unwrap();
            if seen.last() != Some(&s) {
                seen.push(s);
            }
        }
        assert_eq!(
            seen,
            [
                RoundState::Prepare,
                RoundState::Beginning,
                RoundState::Doing
            ]
        );
        let r = a.round.as_ref().unwrap();
        assert_eq!((r.round_id, r.base_piece_id, r.used_piece_id), (1, 1, 1));
        assert!(r.checkpoint_scn > r.start_scn);
        assert!(r.checkpoint_scn <= scn_of(t));
        let before = r.checkpoint_scn;
        t = run(&mut a, &mut rng, t, 60);
        assert!(a.round.as_ref().unwrap().checkpoint_scn > before);
        assert!(
            a.round.as_ref().unwrap().checkpoint_scn + scn_of(2 * SECOND)
                > scn_of(t) - scn_of(12 * SECOND)
        );
    }

    #[test]
    fn noarchivelog_stops_the_round_and_archivelog_again_opens_round_two() {
        let mut a = TenantArchive {
            log_mode: LogMode::ArchiveLog,
            dest: Some(dest()),
            ..TenantArchive::default()
        };
        let mut rng = RngStreams::new(2);
        let mut t = run(&mut a, &mut rng, EPOCH_MICROS, 15);
        assert!(a.is_doing());
        a.log_mode = LogMode::NoArchiveLog;
        t = run(&mut a, &mut rng, t, 1);
        assert_eq!(a.round_state(), Some(RoundState::Stopping));
        t = run(&mut a, &mut rng, t, 10);
        assert_eq!(a.round_state(), Some(RoundState::Stop));
        a.log_mode = LogMode::ArchiveLog;
        run(&mut a, &mut rng, t, 15);
        let r = a.round.as_ref().unwrap();
        assert_eq!((r.round_id, r.state), (2, RoundState::Doing));
        assert_eq!(r.base_piece_id, 2);
        assert_eq!(a.history.len(), 1);
    }

    #[test]
    fn pieces_roll_over_each_piece_switch_interval() {
        let mut d = dest();
        d.piece_switch_interval = MINUTE;
        let mut a = TenantArchive {
            log_mode: LogMode::ArchiveLog,
            dest: Some(d),
            ..TenantArchive::default()
        };
        let mut rng = RngStreams::new(3);
        run(&mut a, &mut rng, EPOCH_MICROS, 200);
        let r = a.round.as_ref().unwrap();
        assert!(r.used_piece_id >= 3, "used piece {}", r.used_piece_id);
        assert_eq!(r.used_piece_id, r.piece_of(r.checkpoint_scn));
    }

    #[test]
    fn defer_suspends_and_enable_resumes_the_same_round() {
        let mut a = TenantArchive {
            log_mode: LogMode::ArchiveLog,
            dest: Some(dest()),
            ..TenantArchive::default()
        };
        let mut rng = RngStreams::new(4);
        let mut t = run(&mut a, &mut rng, EPOCH_MICROS, 15);
        a.dest.as_mut().unwrap().state = DestState::Defer;
        t = run(&mut a, &mut rng, t, 10);
        assert_eq!(a.round_state(), Some(RoundState::Suspend));
        a.dest.as_mut().unwrap().state = DestState::Enable;
        run(&mut a, &mut rng, t, 10);
        assert_eq!(a.round_state(), Some(RoundState::Doing));
        assert_eq!(a.round.as_ref().unwrap().round_id, 1);
    }

    #[test]
    fn interrupt_marks_the_round_and_stops_the_checkpoint() {
        let mut a = TenantArchive {
            log_mode: LogMode::ArchiveLog,
            dest: Some(dest()),
            ..TenantArchive::default()
        };
        let mut rng = RngStreams::new(5);
        let t = run(&mut a, &mut rng, EPOCH_MICROS, 15);
        assert!(a.interrupt("log stream 1001 clog recycled".into()));
        let cp = a.round.as_ref().unwrap().checkpoint_scn;
        run(&mut a, &mut rng, t, 30);
        assert_eq!(a.round_state(), Some(RoundState::Interrupted));
        assert_eq!(a.round.as_ref().unwrap().checkpoint_scn, cp);
    }

    /// Ticking only when `next_due` says so gives exactly what ticking every second gives,
    /// whatever the user does in between.
    #[test]
    fn skipping_the_ticks_next_due_skips_changes_nothing() {
        use crate::sim::Stream;
        for seed in 0..40u64 {
            let mut every = TenantArchive::default();
            let mut rng_every = RngStreams::new(seed);
            let mut skipping = TenantArchive::default();
            let mut rng_skipping = RngStreams::new(seed);
            let mut ops = RngStreams::new(seed + 1000);
            let mut next_tick: Option<Micros> = None;
            let mut t = EPOCH_MICROS;
            for _ in 0..3000 {
                t += SECOND;
                // Now and then the user changes something (before this second's tick).
                if ops.range(Stream::Faults, 0, 99) < 3 {
                    let op = ops.range(Stream::Faults, 0, 5);
                    for a in [&mut every, &mut skipping] {
                        match op {
                            0 => a.log_mode = LogMode::ArchiveLog,
                            1 => a.log_mode = LogMode::NoArchiveLog,
                            2 => a.dest = Some(dest()),
                            3 => {
                                if let Some(d) = a.dest.as_mut() {
                                    d.state = DestState::Defer;
                                }
                            }
                            4 => {
                                if let Some(d) = a.dest.as_mut() {
                                    d.state = DestState::Enable;
                                }
                            }
                            _ => {
                                a.interrupt("x".into());
                            }
                        }
                    }
                    next_tick = Some(t);
                }
                let input = TickInput {
                    now: t,
                    current_scn: scn_of(t),
                    log_bytes: (t - EPOCH_MICROS) / 1000,
                    checkpoint_interval: &|| 7 * SECOND,
                };
                every.tick(&input, &mut rng_every);
                if next_tick.is_some_and(|n| n <= t) {
                    skipping.tick(&input, &mut rng_skipping);
                    next_tick = skipping.next_due(t).map(|d| d.max(t + 1));
                }
                assert_eq!(skipping, every, "seed {seed} at {t}");
            }
        }
    }
    #[test]
    fn log_archive_dest_defaults_and_errors() {
        let d = parse_log_archive_dest("LOCATION=file:///data/nfs/backup/archive").unwrap();
        assert_eq!(
            (d.binding.as_str(), d.piece_switch_interval),
            ("OPTIONAL", DAY)
        );
        let d =
            parse_log_archive_dest("location=file:///a BINDING=mandatory PIECE_SWITCH_INTERVAL=2d")
                .unwrap();
        assert_eq!(
            (d.binding.as_str(), d.piece_switch_interval),
            ("MANDATORY", 2 * DAY)
        );
        assert_eq!(
            parse_log_archive_dest("BINDING=OPTIONAL")
                .unwrap_err()
                .to_string(),
            "ERROR 1235 (0A000): set archive dest without location is not supported"
        );
        assert_eq!(
            parse_log_archive_dest("LOCATION=file:///a PIECE_SWITCH_INTERVAL=8d")
                .unwrap_err()
                .to_string(),
            "ERROR 1235 (0A000): invalid piece_switch_interval out of range [1d,7d] is not supported"
        );
        assert_eq!(
            parse_log_archive_dest("LOCATION=file:///a BINDING=x")
                .unwrap_err()
                .errno,
            1210
        );
    }
}
