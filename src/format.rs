//! Small display helpers shared by the dashboards (pure, tested natively). Decimals go through
//! `obsim::num` rather than `{:.N}`, which would pull core's float printer into the wasm.

use obsim::num::format_fixed;

/// `1.50 GiB`, `12.0 MiB`, `512 B`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else if v >= 100.0 {
        format!("{} {}", format_fixed(v, 0), UNITS[u])
    } else {
        format!("{} {}", format_fixed(v, 1), UNITS[u])
    }
}

/// `42 s`, `3 min 05 s`, `1 h 02 min`.
pub fn duration_secs(secs: u64) -> String {
    if secs < 60 {
        format!("{secs} s")
    } else if secs < 3600 {
        format!("{} min {:02} s", secs / 60, secs % 60)
    } else {
        format!("{} h {:02} min", secs / 3600, (secs % 3600) / 60)
    }
}

/// Simulation speed as shown: `0.1×`, `1×`, `250×`.
pub fn speed(x: f64) -> String {
    if x < 1.0 {
        format_fixed(x, 1) + "×"
    } else {
        format_fixed(x, 0) + "×"
    }
}

/// The slider position 0..=100 mapped onto 0.1× … 1000× on a log scale, and back.
pub fn speed_from_slider(pos: f64) -> f64 {
    let p = pos.clamp(0.0, 100.0) / 100.0;
    10f64.powf(-1.0 + 4.0 * p)
}

pub fn slider_from_speed(x: f64) -> u32 {
    // 0..=100 after the clamp.
    ((x.clamp(0.1, 1000.0).log10() + 1.0) / 4.0 * 100.0).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_pick_a_readable_unit() {
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(3 << 20), "3.0 MiB");
        assert_eq!(bytes(8 << 30), "8.0 GiB");
        assert_eq!(bytes(500 << 30), "500 GiB");
    }

    #[test]
    fn durations_read_like_a_clock() {
        assert_eq!(duration_secs(42), "42 s");
        assert_eq!(duration_secs(185), "3 min 05 s");
        assert_eq!(duration_secs(3720), "1 h 02 min");
    }

    #[test]
    fn speed_slider_is_logarithmic_from_a_tenth_to_a_thousand() {
        assert!((speed_from_slider(0.0) - 0.1).abs() < 1e-9);
        assert!((speed_from_slider(25.0) - 1.0).abs() < 1e-9);
        assert!((speed_from_slider(100.0) - 1000.0).abs() < 1e-6);
        assert_eq!(slider_from_speed(10.0), 50);
        assert_eq!(speed(0.1), "0.1×");
        assert_eq!(speed(250.0), "250×");
    }
}
