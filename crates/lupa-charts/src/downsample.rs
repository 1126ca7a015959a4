//! Geometry of the balance line: the step line, its min/max-per-pixel reduction and the shapes of
//! its negative parts.
//!
//! The reduction is M4 (Jugel et al., "M4: A Visualization-Oriented Time Series Data
//! Aggregation", VLDB 2014): for every pixel column keep the first, lowest, highest and last
//! vertex, in their original order. A line through those vertices covers exactly the pixels the
//! full line covers, so the lowest balance, a one-day overdraft or a spike stays visible, while a
//! series is never drawn with more than four vertices a pixel column.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A point in data space: x in days, y in currency units.
pub(crate) type Point = (f64, f64);

/// Powers of ten that `f64` represents exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// An amount as a drawing coordinate. Bank amounts have mantissas below 2^53, for which one
/// division of two exact values gives the correctly rounded result, about six times faster than
/// `Decimal::to_f64`; other values take the general path.
pub(crate) fn coordinate(value: Decimal) -> f64 {
    let mantissa = value.mantissa();
    let scale = value.scale() as usize;
    if mantissa.unsigned_abs() < 1 << 53 && scale < POW10.len() {
        mantissa as f64 / POW10[scale]
    } else {
        value.to_f64().unwrap_or(0.0)
    }
}

/// The step line through end-of-day balances sorted by day: each balance holds until the next
/// point, the last until `end`.
pub(crate) fn step_vertices(points: &[Point], end: f64) -> Vec<Point> {
    let mut vertices = Vec::with_capacity(points.len() * 2);
    for (index, &(x, y)) in points.iter().enumerate() {
        vertices.push((x, y));
        let next_x = points.get(index + 1).map_or(end, |next| next.0);
        if next_x > x {
            vertices.push((next_x, y));
        }
    }
    vertices
}

/// The M4 reduction of `vertices` (sorted by x) to `columns` pixel columns over `x0..x1`; returns
/// the input unchanged when it already has at most four vertices a column.
pub(crate) fn m4(vertices: &[Point], x0: f64, x1: f64, columns: usize) -> Vec<Point> {
    let columns = columns.max(1);
    if vertices.len() <= 4 * columns || x1 <= x0 {
        return vertices.to_vec();
    }
    let scale = columns as f64 / (x1 - x0);
    let column_of = |x: f64| (((x - x0) * scale).floor().max(0.0) as usize).min(columns - 1);
    let mut out = Vec::with_capacity(4 * columns);
    let mut start = 0;
    while start < vertices.len() {
        let column = column_of(vertices[start].0);
        let mut end = start;
        let (mut low, mut high) = (start, start);
        while end < vertices.len() && column_of(vertices[end].0) == column {
            if vertices[end].1 < vertices[low].1 {
                low = end;
            }
            if vertices[end].1 > vertices[high].1 {
                high = end;
            }
            end += 1;
        }
        let mut keep = [start, low, high, end - 1];
        keep.sort_unstable();
        let mut previous = None;
        for index in keep {
            if previous != Some(index) {
                out.push(vertices[index]);
                previous = Some(index);
            }
        }
        start = end;
    }
    out
}

/// The polygons between the line and zero wherever the line is below zero, with the crossings
/// interpolated; each polygon starts and ends on the zero line.
pub(crate) fn negative_regions(vertices: &[Point]) -> Vec<Vec<Point>> {
    let mut regions = Vec::new();
    let mut current: Vec<Point> = Vec::new();
    for (index, &(x, y)) in vertices.iter().enumerate() {
        if index > 0 {
            let (px, py) = vertices[index - 1];
            if (py < 0.0) != (y < 0.0) && py != y {
                let t = py / (py - y);
                let crossing = px + (x - px) * t;
                if py < 0.0 {
                    current.push((crossing, 0.0));
                    regions.push(std::mem::take(&mut current));
                } else {
                    current.push((crossing, 0.0));
                }
            }
        } else if y < 0.0 {
            current.push((x, 0.0));
        }
        if y < 0.0 {
            current.push((x, y));
        }
    }
    if let Some(&(x, _)) = current.last() {
        current.push((x, 0.0));
        regions.push(current);
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_match_the_general_conversion() {
        for text in [
            "0",
            "-0.01",
            "12345.67",
            "-248210.55",
            "0.1",
            "79228162514264337593543950335",
        ] {
            let value: Decimal = text.parse().unwrap();
            assert_eq!(coordinate(value), value.to_f64().unwrap(), "{text}");
        }
    }

    #[test]
    fn step_line_holds_each_balance_until_the_next_day() {
        let points = [(0.0, 5.0), (2.0, -1.0)];
        assert_eq!(
            step_vertices(&points, 3.0),
            vec![(0.0, 5.0), (2.0, 5.0), (2.0, -1.0), (3.0, -1.0)]
        );
    }

    #[test]
    fn m4_keeps_extremes_and_bounds_the_size() {
        let vertices: Vec<Point> = (0..100_000)
            .map(|i| {
                (
                    f64::from(i),
                    if i == 54_321 {
                        -9_999.0
                    } else {
                        f64::from(i % 7)
                    },
                )
            })
            .collect();
        let reduced = m4(&vertices, 0.0, 100_000.0, 500);
        assert!(reduced.len() <= 2000, "{} vertices", reduced.len());
        assert!(
            reduced.contains(&(54_321.0, -9_999.0)),
            "the lowest point survives"
        );
        assert_eq!(reduced.first(), vertices.first());
        assert_eq!(reduced.last(), vertices.last());
        assert!(
            reduced.windows(2).all(|w| w[0].0 <= w[1].0),
            "order is kept"
        );
    }

    #[test]
    fn negative_regions_close_on_zero_at_the_crossings() {
        let vertices = [(0.0, 10.0), (1.0, -10.0), (2.0, -10.0), (3.0, 10.0)];
        let regions = negative_regions(&vertices);
        assert_eq!(
            regions,
            vec![vec![(0.5, 0.0), (1.0, -10.0), (2.0, -10.0), (2.5, 0.0)]]
        );
        let starts_negative = negative_regions(&[(0.0, -1.0), (1.0, -1.0)]);
        assert_eq!(
            starts_negative,
            vec![vec![(0.0, 0.0), (0.0, -1.0), (1.0, -1.0), (1.0, 0.0)]]
        );
        assert!(negative_regions(&[(0.0, 0.0), (1.0, 3.0)]).is_empty());
    }
}
