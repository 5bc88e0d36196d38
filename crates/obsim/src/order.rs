//! One stable sort shared by every element type.
//!
//! Why: `slice::sort_by` is a fine algorithm but each element type gets its own copy of it
//! (about 2–5 KB of wasm each); the engine and the UI sort a dozen different types, which cost
//! about 50 KB of the page's wasm. Here the merge sort itself works on `u32` indices with a
//! `dyn` comparator, so it exists once; only the tiny permutation step is per type. Sorting
//! 100,000 rows this way takes a few milliseconds (the comparator dominates). Hot sorts of plain
//! integers (`Vec<u32>` of block ids) keep `sort_unstable`.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let Ok(n32) = u32::try_from(n) else {
        return;
    };
    let mut idx: Vec<u32> = (0..n32).collect();
    {
        let items = &*v;
        let mut greater = |a: u32, b: u32| match (items.get(a as usize), items.get(b as usize)) {
            (Some(x), Some(y)) => cmp(x, y) == Ordering::Greater,
            _ => false,
        };
        merge_sort(&mut idx, &mut greater);
    }
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        idx.iter()
            .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)),
    );
}

/// Sorts `v` stably by the key `f` extracts, like `v.sort_by_key(f)`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` stably in its natural order, like `v.sort()`.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The first `k` of `items` in stable `cmp` order, like sorting and truncating but in
/// O(n log k): what `ORDER BY … LIMIT k` needs.
pub fn smallest_k<T>(items: Vec<T>, k: usize, mut cmp: impl FnMut(&T, &T) -> Ordering) -> Vec<T> {
    let mut best: Vec<T> = Vec::with_capacity(k.min(items.len()));
    if k == 0 {
        return best;
    }
    for item in items {
        // After every kept item that is not greater: equal items keep their input order.
        let pos = best.partition_point(|b| cmp(b, &item) != Ordering::Greater);
        if pos < k {
            if best.len() == k {
                best.pop();
            }
            best.insert(pos, item);
        }
    }
    best
}

/// Bottom-up merge sort of indices; stable (ties keep their order): insertion sort for runs
/// of 16, then merges through one buffer.
fn merge_sort(idx: &mut [u32], greater: &mut dyn FnMut(u32, u32) -> bool) {
    const RUN: usize = 16;
    let n = idx.len();
    for chunk in idx.chunks_mut(RUN) {
        for i in 1..chunk.len() {
            let mut j = i;
            while j > 0 && greater(chunk[j - 1], chunk[j]) {
                chunk.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    let mut buf: Vec<u32> = vec![0; n];
    let mut width = RUN;
    let mut src_is_idx = true;
    while width < n {
        {
            let (src, dst): (&[u32], &mut [u32]) = if src_is_idx {
                (&*idx, &mut buf)
            } else {
                (&buf, &mut *idx)
            };
            let mut start = 0;
            while start < n {
                let mid = (start + width).min(n);
                let end = (start + 2 * width).min(n);
                let (mut i, mut j, mut k) = (start, mid, start);
                while i < mid && j < end {
                    // Take from the right run only when strictly smaller: stability.
                    if greater(src[i], src[j]) {
                        dst[k] = src[j];
                        j += 1;
                    } else {
                        dst[k] = src[i];
                        i += 1;
                    }
                    k += 1;
                }
                dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
                k += mid - i;
                dst[k..k + (end - j)].copy_from_slice(&src[j..end]);
                start = end;
            }
        }
        src_is_idx = !src_is_idx;
        width *= 2;
    }
    if !src_is_idx {
        idx.copy_from_slice(&buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_and_keeps_ties_in_order() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for n in [0, 1, 2, 15, 16, 17, 31, 33, 100, 1000, 4099] {
            let v: Vec<(u8, u32)> = (0..n)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 7) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "n = {n}");
        }
    }

    #[test]
    fn smallest_k_equals_sort_then_truncate() {
        let v: Vec<(u8, u32)> = (0..500u32).map(|i| ((i * 7919 % 13) as u8, i)).collect();
        for k in [0, 1, 5, 10, 499, 500, 600] {
            let mut sorted = v.clone();
            sorted.sort_by_key(|p| p.0);
            sorted.truncate(k);
            assert_eq!(
                smallest_k(v.clone(), k, |a, b| a.0.cmp(&b.0)),
                sorted,
                "k = {k}"
            );
        }
    }

    #[test]
    fn natural_and_reverse_orders() {
        let mut v = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
        sort(&mut v);
        assert_eq!(v, ["a", "a", "b", "c"]);
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a", "a"]);
    }
}
