//! Exact arithmetic for money, points, survey weights and threshold comparisons. rust_decimal
//! rounds silently when a sum or product needs more than 28 decimals or 96 bits; these helpers
//! give the exact result or `None`, and [`cmp_multiple`] compares without rounding at all. The
//! funding split runs on whole numbers (đồng and scaled points as `u128`, products as 256 bits).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::cmp::Ordering;

/// `a × b`, or `None` when the exact product does not fit a `Decimal`.
pub(crate) fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.is_zero() || b.is_zero() {
        return Some(Decimal::ZERO);
    }
    if a.scale() + b.scale() <= 28 {
        if let Some(p) = a.checked_mul(b) {
            if p.scale() == a.scale() + b.scale() {
                return Some(p);
            }
        }
    }
    let (a, b) = (a.normalize(), b.normalize());
    let p = a.checked_mul(b)?;
    // rust_decimal keeps scale a + b unless it had to round the product away.
    (p.scale() == a.scale() + b.scale()).then_some(p)
}

/// `x` against `a × n`, exactly, whatever the digits: a line times a divisor, square metres times
/// persons. The product is formed in `Decimal` when that is exact, else on 256-bit integers.
pub(crate) fn cmp_multiple(x: Decimal, a: Decimal, n: u32) -> Ordering {
    if let Some(p) = mul(a, Decimal::from(n)) {
        return x.cmp(&p);
    }
    let sign = |d: Decimal| {
        if d.is_zero() {
            0
        } else if d.is_sign_negative() {
            -1
        } else {
            1
        }
    };
    let (sx, sp) = (sign(x), if n == 0 { 0 } else { sign(a) });
    if sx != sp || sx == 0 {
        return sx.cmp(&sp);
    }
    // Both sides at the larger scale: |x| · 10^(s − sx) against |a| · n · 10^(s − sa). A mantissa
    // is below 2^96, n below 2^32 and 10^28 below 2^94, so each side fits 256 bits.
    let scale = x.scale().max(a.scale());
    let x_abs = U256::mul(x.mantissa().unsigned_abs(), 10u128.pow(scale - x.scale()));
    let p_abs = U256::mul(a.mantissa().unsigned_abs() * u128::from(n), 10u128.pow(scale - a.scale()));
    let ord = x_abs.cmp(&p_abs);
    if sx < 0 { ord.reverse() } else { ord }
}

/// `a + b`, or `None` when the exact sum does not fit a `Decimal`.
pub(crate) fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let s = a.checked_add(b)?;
    (s.scale() >= a.scale().max(b.scale())).then_some(s)
}

/// `a − b`, or `None` when the exact difference does not fit a `Decimal`.
pub(crate) fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    let s = a.checked_sub(b)?;
    (s.scale() >= a.scale().max(b.scale())).then_some(s)
}

/// The exact sum of a few non-negative terms, on integers: the mantissas aligned to the largest
/// scale. Falls back to [`sum`] when that does not fit.
pub(crate) fn sum_terms(terms: &[Decimal]) -> Option<Decimal> {
    let scale = terms.iter().map(|t| t.scale()).max().unwrap_or(0);
    let mut total: i128 = 0;
    for t in terms {
        let shift = 10i128.checked_pow(scale - t.scale());
        match shift.and_then(|p| t.mantissa().checked_mul(p)).and_then(|m| total.checked_add(m)) {
            Some(v) => total = v,
            None => return sum(terms.iter().copied()),
        }
    }
    Decimal::try_from_i128_with_scale(total, scale).ok().or_else(|| sum(terms.iter().copied()))
}

/// The exact sum of `values`, or `None` when it does not fit.
pub(crate) fn sum<I: IntoIterator<Item = Decimal>>(values: I) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, add)
}

/// A whole, non-negative number of đồng as an integer.
pub(crate) fn whole(d: Decimal) -> Option<u128> {
    if d.is_sign_negative() && !d.is_zero() {
        return None;
    }
    if !d.fract().is_zero() {
        return None;
    }
    d.to_u128()
}

/// An integer back as a `Decimal` (scale 0), when it fits 96 bits.
pub(crate) fn dec(v: u128) -> Option<Decimal> {
    i128::try_from(v).ok().and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
}

/// `d × 10^scale` as an integer (`d` non-negative with at most `scale` decimals).
pub(crate) fn scaled(d: Decimal, scale: u32) -> Option<u128> {
    let d = if d.scale() > scale { d.normalize() } else { d };
    let shift = scale.checked_sub(d.scale())?;
    let m = u128::try_from(d.mantissa()).ok()?;
    m.checked_mul(10u128.checked_pow(shift)?)
}

/// A 256-bit unsigned integer: `hi × 2^128 + lo`. Field order makes the derived order numeric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct U256 {
    hi: u128,
    lo: u128,
}

const LOW64: u128 = u64::MAX as u128;

impl U256 {
    pub(crate) fn from_u128(v: u128) -> U256 {
        U256 { hi: 0, lo: v }
    }

    /// The full product of two `u128`.
    pub(crate) fn mul(a: u128, b: u128) -> U256 {
        let (a1, a0) = (a >> 64, a & LOW64);
        let (b1, b0) = (b >> 64, b & LOW64);
        let p00 = a0 * b0;
        let p01 = a0 * b1;
        let p10 = a1 * b0;
        let p11 = a1 * b1;
        let mid = (p00 >> 64) + (p01 & LOW64) + (p10 & LOW64);
        let lo = (p00 & LOW64) | ((mid & LOW64) << 64);
        let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
        U256 { hi, lo }
    }

    pub(crate) fn checked_add(self, o: U256) -> Option<U256> {
        let (lo, carry) = self.lo.overflowing_add(o.lo);
        let hi = self.hi.checked_add(o.hi)?.checked_add(u128::from(carry))?;
        Some(U256 { hi, lo })
    }

    pub(crate) fn checked_sub(self, o: U256) -> Option<U256> {
        let (lo, borrow) = self.lo.overflowing_sub(o.lo);
        let hi = self.hi.checked_sub(o.hi)?.checked_sub(u128::from(borrow))?;
        Some(U256 { hi, lo })
    }

    /// `(self / d, self % d)`; `None` when `d` is 0 or the quotient does not fit 128 bits.
    pub(crate) fn div_rem(self, d: u128) -> Option<(u128, u128)> {
        if d == 0 {
            return None;
        }
        if self.hi == 0 {
            let q = self.lo / d;
            return Some((q, self.lo - q * d));
        }
        if self.hi >= d {
            return None;
        }
        if d <= LOW64 {
            // Schoolbook division by 64-bit limbs: the remainder stays below 2^64.
            let limbs = [self.hi >> 64, self.hi & LOW64, self.lo >> 64, self.lo & LOW64];
            let mut rem = 0u128;
            let mut q = [0u128; 4];
            for (i, limb) in limbs.iter().enumerate() {
                let cur = (rem << 64) | limb;
                q[i] = cur / d;
                rem = cur % d;
            }
            return Some(((q[2] << 64) | q[3], rem));
        }
        // Bit by bit; `hi < d` keeps the quotient within 128 bits.
        let mut rem = self.hi;
        let mut q = 0u128;
        for i in (0..128).rev() {
            let carry = rem >> 127;
            rem = (rem << 1) | ((self.lo >> i) & 1);
            q <<= 1;
            if carry == 1 || rem >= d {
                rem = rem.wrapping_sub(d);
                q |= 1;
            }
        }
        Some((q, rem))
    }
}

/// `a × b / d` as a whole part and a remainder over `d`.
pub(crate) fn quota(a: u128, b: u128, d: u128) -> Option<(u128, u128)> {
    U256::mul(a, b).div_rem(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn decimal_helpers_refuse_to_round() {
        assert_eq!(mul(d("1.5"), d("2")), Some(d("3.0")));
        assert_eq!(mul(Decimal::ZERO, d("1.5")), Some(Decimal::ZERO));
        assert_eq!(mul(d("1.234567890123456789"), d("1.234567890123456789")), None);
        assert_eq!(mul(d("123456789012345.6789"), d("123456789012345.6789")), None);
        assert_eq!(add(d("100000000000000000000"), d("0.0000000001")), None);
        assert_eq!(add(d("1.50"), d("1.5")), Some(d("3.00")));
        assert_eq!(sum_terms(&[d("1.4"), d("5.5"), d("0.002"), d("12")]), Some(d("18.902")));
        assert_eq!(sum_terms(&[d("100000000000000000000"), d("0.0000000001")]), None);
        assert_eq!(sum_terms(&[]), Some(Decimal::ZERO));
        assert_eq!(whole(d("1529000000000.00")), Some(1_529_000_000_000));
        assert_eq!(whole(d("0.5")), None);
        assert_eq!(whole(d("-1")), None);
        assert_eq!(scaled(d("1.25"), 3), Some(1250));
        assert_eq!(scaled(d("1.2345"), 3), None);
    }

    #[test]
    fn cmp_multiple_never_rounds() {
        // 28 significant digits times 12 need 29: rust_decimal rounds the product up to
        // 8.400000000000000000000000005, which would put an income of exactly that figure at or
        // below the line; the exact product is 8.4000000000000000000000000048.
        let line = d("0.7000000000000000000000000004");
        let rounded = line.checked_mul(Decimal::from(12)).unwrap();
        assert_eq!(rounded, d("8.400000000000000000000000005"), "rust_decimal rounds this product");
        assert_eq!(cmp_multiple(d("8.400000000000000000000000005"), line, 12), Ordering::Greater);
        assert_eq!(cmp_multiple(d("8.400000000000000000000000004"), line, 12), Ordering::Less);
        // The everyday case, through Decimal: 700 000 × 12 on both sides of the product.
        assert_eq!(cmp_multiple(d("8400000"), d("700000"), 12), Ordering::Equal);
        assert_eq!(cmp_multiple(d("8400000.01"), d("700000"), 12), Ordering::Greater);
        assert_eq!(cmp_multiple(d("8399999.99"), d("700000"), 12), Ordering::Less);
        // Beyond Decimal's range: the product of the largest mantissa and a large n.
        assert_eq!(cmp_multiple(Decimal::MAX, Decimal::MAX, 2), Ordering::Less);
        assert_eq!(cmp_multiple(Decimal::MAX, Decimal::MIN, 2), Ordering::Greater);
        assert_eq!(cmp_multiple(Decimal::MIN, Decimal::MIN, 2), Ordering::Greater);
        assert_eq!(cmp_multiple(Decimal::ZERO, Decimal::MAX, 0), Ordering::Equal);
        assert_eq!(cmp_multiple(d("-1"), d("0.0000000000000000000000000001"), 0), Ordering::Less);
    }

    #[test]
    fn u256_products_and_divisions_are_exact() {
        let big = u128::MAX;
        let p = U256::mul(big, big); // (2^128 − 1)^2 = 2^256 − 2^129 + 1
        assert_eq!(p, U256 { hi: u128::MAX - 1, lo: 1 });
        assert_eq!(p.div_rem(big), Some((big, 0)));
        let p = U256::mul(10u128.pow(30), 10u128.pow(20));
        assert_eq!(p.div_rem(3), None); // quotient beyond 128 bits
        assert_eq!(p.div_rem(10u128.pow(15)), Some((10u128.pow(35), 0)));
        let d = (1u128 << 100) + 7;
        let p = U256::mul(d, (1u128 << 90) + 3).checked_add(U256::from_u128(5));
        assert_eq!(p.and_then(|p| p.div_rem(d)), Some(((1u128 << 90) + 3, 5)));
        assert_eq!(quota(7, 10, 3), Some((23, 1)));
        assert!(U256::mul(3, 4).checked_sub(U256::from_u128(13)).is_none());
    }
}
