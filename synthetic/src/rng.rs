//! The seeded generators everything generated here is drawn from, so that the
//! same seed gives the same input on every machine and a failure repeats.
//!
//! Two generators, each kept bit for bit because inputs depend on them:
//!
//! * [`XorShift64Star`], Marsaglia's xorshift with Vigna's multiplier
//!   ("An experimental exploration of Marsaglia's xorshift generators,
//!   scrambled", ACM TOMS 2016): the synthetic crawl's pages, the streaming
//!   tests' cuts, the memory tests' pages and the benches' orders;
//! * [`SplitMix64`], Steele, Lea and Flood's generator ("Fast splittable
//!   pseudorandom number generators", OOPSLA 2014): the tag soup, whose kept
//!   regression inputs are seeds.

/// Mixes two values into one well-spread 64-bit value (a multiply-xorshift
/// finaliser; odd multipliers keep it a bijection in each argument).
///
/// ```
/// use htmldict_synthetic::rng::mix;
/// assert_ne!(mix(1, 2), mix(2, 1));
/// assert_eq!(mix(7, 9), mix(7, 9));
/// ```
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^= x >> 29;
    x = x.wrapping_mul(0xA076_1D64_78BD_642F);
    x ^ (x >> 32)
}

/// xorshift64*: a 64-bit state, never zero.
///
/// ```
/// use htmldict_synthetic::rng::XorShift64Star;
/// let mut a = XorShift64Star::new(42);
/// let mut b = XorShift64Star::new(42);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(10) < 10);
/// ```
#[derive(Clone, Debug)]
pub struct XorShift64Star(u64);

impl XorShift64Star {
    /// A generator whose stream depends only on `seed` (any value, zero
    /// included).
    pub fn new(seed: u64) -> Self {
        XorShift64Star(mix(seed, 0x5EED) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n` > 0; `n` < 2^32), by multiplying the high
    /// 32 bits, near enough for generating inputs.
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One of `items` (not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Shuffles `items` (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// splitmix64: a 64-bit counter through a finaliser; small, fast and good
/// enough to pick pieces.
///
/// ```
/// use htmldict_synthetic::rng::SplitMix64;
/// let mut rng = SplitMix64::new(0);
/// assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
/// ```
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator whose sequence depends only on `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One of `items` (not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
