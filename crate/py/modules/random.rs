//! `random` as CPython 3.11 has it: MT19937 seeded by `init_by_array`, and `random.py`'s algorithms on
//! top (`_randbelow` by rejection, `shuffle`, `sample`, `choices`, `gauss`), so a seeded program prints
//! CPython's numbers. Unseeded generators draw from the world's seed mixed with the pid (the stand-in for
//! the OS's entropy, `Vm::entropy`), never a clock. A generator's state is a bytearray attribute of its
//! `Random` instance, so it lives in the heap and checkpoints replay it. `log`, `sin` and `cos` come
//! from the `libm` crate, so the digits are the same natively and on wasm (see `math`).

use crate::py::value::{Instance, Native, Obj, ObjId, Value};
use crate::py::vm::{types_new_class, Action, Args, ExcKind, Vm};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Zero};
use std::collections::BTreeSet;

type R = Result<Action, Value>;

const N: usize = 624;
const M: usize = 397;
/// Where a generator keeps its words (624 little-endian u32, then the index), and CPython's spare normal.
const STATE: &str = "_mt";
const GAUSS_NEXT: &str = "gauss_next";
const METHODS: &[(&str, crate::py::vm::NativeFn)] = &[
    ("Random.seed", seed),
    ("Random.random", random),
    ("Random.getrandbits", getrandbits),
    ("Random.randrange", randrange),
    ("Random.randint", randint),
    ("Random.choice", choice),
    ("Random.choices", choices),
    ("Random.shuffle", shuffle),
    ("Random.sample", sample),
    ("Random.uniform", uniform),
    ("Random.gauss", gauss),
    ("Random.randbytes", randbytes),
    ("Random.triangular", triangular),
    ("Random.expovariate", expovariate),
    ("Random.getstate", getstate),
    ("Random.setstate", setstate),
];

/// Hands a starting process its entropy: the world's seed mixed with its pid, so runs with the same seed
/// repeat and processes differ.
pub fn set_world_seed(vm: &mut Vm, world_seed: u64, pid: u32) {
    vm.entropy = splitmix64(&mut (world_seed ^ (pid as u64).wrapping_mul(0xA076_1D64_78BD_642F)));
}

pub fn module(vm: &mut Vm) -> ObjId {
    let m = vm.new_module("random");
    let object = vm.types.object;
    let cls = types_new_class(vm, "Random", object, crate::py::value::Kind::Object, "random");
    vm.def_native(cls, "Random.__init__", init);
    for &(name, f) in METHODS {
        vm.def_native(cls, name, f);
    }
    vm.set_attr_raw(m, "Random", Value::Obj(cls));
    // The module's functions are the bound methods of one hidden instance, as in CPython.
    let inst = Value::Obj(vm.heap.alloc(Obj::Instance(Box::new(Instance::new(cls)))));
    let Value::Obj(inst_id) = inst else { unreachable!() };
    seed_from_world(vm, inst_id);
    vm.set_attr_raw(m, "_inst", inst);
    for &(name, f) in METHODS {
        let native = Native { name, f };
        let bound = Value::Obj(vm.heap.alloc(Obj::NativeMethod { recv: inst, native }));
        vm.set_attr_raw(m, name.trim_start_matches("Random."), bound);
    }
    m
}

// ---- MT19937 over a generator's bytearray ----

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 624 words and the index, read and written in place in the generator's bytes.
struct Mt<'a>(&'a mut [u8]);

impl Mt<'_> {
    fn get(&self, i: usize) -> u32 {
        u32::from_le_bytes(self.0[i * 4..i * 4 + 4].try_into().expect("4 bytes"))
    }

    fn set(&mut self, i: usize, v: u32) {
        self.0[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
    }

    fn init_genrand(&mut self, s: u32) {
        self.set(0, s);
        for i in 1..N {
            let p = self.get(i - 1);
            self.set(i, 1_812_433_253u32.wrapping_mul(p ^ (p >> 30)).wrapping_add(i as u32));
        }
        self.set(N, N as u32);
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let p = self.get(i - 1);
            let v = (self.get(i) ^ (p ^ (p >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            self.set(i, v);
            i += 1;
            j += 1;
            if i >= N {
                self.set(0, self.get(N - 1));
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let p = self.get(i - 1);
            let v = (self.get(i) ^ (p ^ (p >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            self.set(i, v);
            i += 1;
            if i >= N {
                self.set(0, self.get(N - 1));
                i = 1;
            }
        }
        self.set(0, 0x8000_0000);
    }

    fn twist(&mut self) {
        let mix = |a: u32, b: u32| {
            let y = (a & 0x8000_0000) | (b & 0x7fff_ffff);
            (y >> 1) ^ if y & 1 == 1 { 0x9908_b0df } else { 0 }
        };
        for k in 0..N {
            let v = self.get((k + M) % N) ^ mix(self.get(k), self.get((k + 1) % N));
            self.set(k, v);
        }
    }

    fn next_u32(&mut self) -> u32 {
        let mut index = self.get(N) as usize;
        if index >= N {
            self.twist();
            index = 0;
        }
        self.set(N, index as u32 + 1);
        let mut y = self.get(index);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` as 32-bit words, least significant first.
    fn bits(&mut self, mut k: u64) -> Vec<u32> {
        let mut words = Vec::new();
        while k > 0 {
            let r = self.next_u32();
            words.push(if k < 32 { r >> (32 - k) } else { r });
            k = k.saturating_sub(32);
        }
        words
    }

    /// `_randbelow_with_getrandbits`: `n.bit_length()` bits until one is below `n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros() as u64;
        loop {
            let r = self.bits(k).iter().rev().fold(0u64, |acc, &w| (acc << 32) | w as u64);
            if r < n {
                return r;
            }
        }
    }

    /// `_randbelow` for an int of any size (`n` > 0).
    fn below_big(&mut self, n: &BigInt) -> BigInt {
        if let Ok(small) = u64::try_from(n) {
            return BigInt::from(self.below(small));
        }
        loop {
            let r = BigInt::from_slice(Sign::Plus, &self.bits(n.bits()));
            if &r < n {
                return r;
            }
        }
    }
}

/// Runs `f` on the generator of the `Random` instance `me`; one whose `__init__` never seeded it (a
/// subclass's) is seeded from entropy first, as CPython's `__new__` would have.
fn with_mt<T>(vm: &mut Vm, me: ObjId, f: impl FnOnce(&mut Mt) -> T) -> T {
    let sym = vm.names.intern(STATE);
    let mut state = instance_attr(vm, me, sym);
    if !matches!(state, Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::ByteArray(b) if b.len() == (N + 1) * 4))
    {
        seed_from_world(vm, me);
        state = instance_attr(vm, me, sym);
    }
    let Some(Value::Obj(id)) = state else { unreachable!("a generator was just made") };
    let Obj::ByteArray(bytes) = vm.heap.get_mut(id) else { unreachable!("checked above") };
    f(&mut Mt(bytes))
}

fn instance_attr(vm: &Vm, me: ObjId, sym: crate::py::value::Sym) -> Option<Value> {
    match vm.heap.get(me) {
        Obj::Instance(i) => i.attrs.get(sym),
        _ => None,
    }
}

fn set_instance_attr(vm: &mut Vm, me: ObjId, name: &str, v: Value) {
    let sym = vm.names.intern(name);
    if let Obj::Instance(i) = vm.heap.get_mut(me) {
        i.attrs.set(sym, v);
    }
}

/// Gives `me` fresh words seeded by `key` (CPython's `init_by_array`), and forgets the spare normal.
fn reseed(vm: &mut Vm, me: ObjId, key: &[u32]) {
    let mut bytes = vec![0u8; (N + 1) * 4];
    Mt(&mut bytes).init_by_array(key);
    set_state(vm, me, bytes);
    set_instance_attr(vm, me, GAUSS_NEXT, Value::None);
}

fn set_state(vm: &mut Vm, me: ObjId, bytes: Vec<u8>) {
    let state = Value::Obj(vm.heap.alloc(Obj::ByteArray(bytes)));
    set_instance_attr(vm, me, STATE, state);
}

/// `seed(None)`: 256 bits drawn from what the world gave this process (its seed and pid) where CPython
/// reads the OS's entropy.
fn seed_from_world(vm: &mut Vm, me: ObjId) {
    let mut key = Vec::new();
    for _ in 0..4 {
        let w = splitmix64(&mut vm.entropy);
        key.extend([w as u32, (w >> 32) as u32]);
    }
    reseed(vm, me, &key);
}

/// The receiver: an instance of `Random` (or of a subclass).
fn me(vm: &mut Vm, a: &Args) -> Result<ObjId, Value> {
    match a.get(0) {
        Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Instance(_)) => Ok(id),
        _ => Err(vm.type_error("descriptor requires a 'random.Random' object")),
    }
}

fn init(vm: &mut Vm, a: Args) -> R {
    seed(vm, a)?;
    Ok(Action::Return(Value::None))
}

fn seed(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let v = a.arg(vm, 1, "a").unwrap_or(Value::None);
    let n = match v {
        Value::None => {
            seed_from_world(vm, me);
            return Ok(Action::Return(Value::None));
        }
        // CPython seeds with the hash of a float, read as unsigned.
        Value::Float(_) => BigInt::from(vm.hash(v)?),
        _ => match seed_bytes(vm, v) {
            // Version 2: the bytes followed by their SHA-512, as one big-endian int.
            Some(mut bytes) => {
                let digest = super::sha512::digest(&bytes);
                bytes.extend_from_slice(&digest);
                BigInt::from_bytes_be(Sign::Plus, &bytes)
            }
            None => crate::py::modules::builtins::big(vm, v).ok_or_else(|| {
                vm.type_error(
                    "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
                )
            })?,
        },
    };
    let (_, mut key) = n.to_u32_digits();
    if key.is_empty() {
        key.push(0);
    }
    reseed(vm, me, &key);
    Ok(Action::Return(Value::None))
}

/// The bytes a str (UTF-8), bytes or bytearray seed stands for.
fn seed_bytes(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    let Value::Obj(id) = v else { return None };
    match vm.heap.get(id) {
        Obj::Str(s) => Some(s.as_bytes().to_vec()),
        Obj::Bytes(b) | Obj::ByteArray(b) => Some(b.clone()),
        _ => None,
    }
}

fn random(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    Ok(Action::Return(Value::Float(with_mt(vm, me, |mt| mt.random()))))
}

fn getrandbits(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let k = int_arg(vm, a.arg(vm, 1, "k"), "getrandbits")?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    let words = with_mt(vm, me, |mt| mt.bits(k as u64));
    Ok(Action::Return(vm.int_value(BigInt::from_slice(Sign::Plus, &words))))
}

/// `getrandbits(n * 8).to_bytes(n, 'little')`: the words' bytes, least significant first.
fn randbytes(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let n = int_arg(vm, a.arg(vm, 1, "n"), "randbytes")?;
    if n < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    let words = with_mt(vm, me, |mt| mt.bits(n as u64 * 8));
    let mut bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    bytes.truncate(n as usize);
    Ok(Action::Return(Value::Obj(vm.heap.alloc(Obj::Bytes(bytes)))))
}

fn int_arg(vm: &mut Vm, v: Option<Value>, what: &str) -> Result<i64, Value> {
    if let Some(n) = v.and_then(|v| vm.small_int(v)) {
        return Ok(n);
    }
    match v {
        Some(v) if vm.is_int(v) => {
            Err(vm.exc(ExcKind::OverflowError, "Python int too large to convert to C ssize_t"))
        }
        Some(v) => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
        None => Err(vm.type_error(format!("{what}() missing a required argument"))),
    }
}

fn below(vm: &mut Vm, me: ObjId, n: i64) -> i64 {
    with_mt(vm, me, |mt| mt.below(n as u64) as i64)
}

/// An int argument of any size (`randrange`'s and `randint`'s bounds).
fn big_arg(vm: &mut Vm, v: Option<Value>, what: &str) -> Result<BigInt, Value> {
    match v {
        Some(v) => crate::py::modules::builtins::big(vm, v).ok_or_else(|| {
            let t = vm.type_name(v);
            vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
        }),
        None => Err(vm.type_error(format!("{what}() missing a required argument"))),
    }
}

/// `randrange` of random.py, on ints of any size.
fn randrange_of(
    vm: &mut Vm,
    me: ObjId,
    start: BigInt,
    stop: Option<BigInt>,
    step: BigInt,
) -> Result<BigInt, Value> {
    let zero = BigInt::zero();
    let Some(stop) = stop else {
        if start > zero {
            return Ok(with_mt(vm, me, |mt| mt.below_big(&start)));
        }
        return Err(vm.value_error("empty range for randrange()"));
    };
    let width = &stop - &start;
    if step.is_one() {
        if width > zero {
            return Ok(start + with_mt(vm, me, |mt| mt.below_big(&width)));
        }
        return Err(vm.value_error(format!("empty range for randrange() ({start}, {stop}, {width})")));
    }
    let n = match step.sign() {
        Sign::Plus => (&width + &step - BigInt::one()).div_floor(&step),
        Sign::Minus => (&width + &step + BigInt::one()).div_floor(&step),
        Sign::NoSign => return Err(vm.value_error("zero step for randrange()")),
    };
    if n <= zero {
        return Err(vm.value_error("empty range for randrange()"));
    }
    Ok(start + step * with_mt(vm, me, |mt| mt.below_big(&n)))
}

fn randrange(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let start = big_arg(vm, a.arg(vm, 1, "start"), "randrange")?;
    let stop = match a.arg(vm, 2, "stop") {
        None | Some(Value::None) => None,
        v => Some(big_arg(vm, v, "randrange")?),
    };
    let step = a.arg(vm, 3, "step");
    if stop.is_none() && step.is_some() {
        return Err(vm.type_error("Missing a non-None stop argument"));
    }
    let step = match step {
        None => BigInt::one(),
        v => big_arg(vm, v, "randrange")?,
    };
    let r = randrange_of(vm, me, start, stop, step)?;
    Ok(Action::Return(vm.int_value(r)))
}

fn randint(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let lo = big_arg(vm, a.arg(vm, 1, "a"), "randint")?;
    let hi = big_arg(vm, a.arg(vm, 2, "b"), "randint")?;
    let r = randrange_of(vm, me, lo, Some(hi + 1), BigInt::one())?;
    Ok(Action::Return(vm.int_value(r)))
}

/// A sequence's items, by index: what `choice`, `choices` and `sample` pick from.
enum Population {
    Items(Vec<Value>),
    Chars(Vec<char>),
    Bytes(Vec<u8>),
    Range { start: i64, step: i64, len: i64 },
}

impl Population {
    fn of(vm: &mut Vm, v: Value) -> Result<Population, Value> {
        if let Value::Obj(id) = v {
            match vm.heap.get(id) {
                Obj::List(t) | Obj::Tuple(t) => return Ok(Population::Items(t.clone())),
                Obj::Str(s) => return Ok(Population::Chars(s.chars().collect())),
                Obj::Bytes(b) | Obj::ByteArray(b) => return Ok(Population::Bytes(b.clone())),
                &Obj::Range { start, stop, step } => {
                    let len = match step > 0 {
                        true if stop > start => (stop - start - 1) / step + 1,
                        false if stop < start => (start - stop - 1) / -step + 1,
                        _ => 0,
                    };
                    return Ok(Population::Range { start, step, len });
                }
                _ => {}
            }
        }
        Err(vm.type_error("Population must be a sequence.  For dicts or sets, use sorted(d)."))
    }

    fn len(&self) -> i64 {
        match self {
            Population::Items(v) => v.len() as i64,
            Population::Chars(c) => c.len() as i64,
            Population::Bytes(b) => b.len() as i64,
            Population::Range { len, .. } => *len,
        }
    }

    fn at(&self, vm: &mut Vm, i: i64) -> Value {
        match self {
            Population::Items(v) => v[i as usize],
            Population::Chars(c) => vm.new_str(&c[i as usize].to_string()),
            Population::Bytes(b) => Value::Int(b[i as usize] as i64),
            Population::Range { start, step, .. } => Value::Int(start + step * i),
        }
    }
}

fn choice(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let seq = a.arg(vm, 1, "seq").unwrap_or(Value::None);
    // CPython takes `len(seq)`, then `seq[i]`: what fails first decides the error.
    let pop = Population::of(vm, seq).map_err(|_| {
        let t = vm.type_name(seq);
        match vm.seq_items(seq) {
            Some(items) if items.is_empty() => {
                vm.exc(ExcKind::IndexError, "Cannot choose from an empty sequence")
            }
            Some(_) => vm.type_error(format!("'{t}' object is not subscriptable")),
            None => vm.type_error(format!("object of type '{t}' has no len()")),
        }
    })?;
    if pop.len() == 0 {
        return Err(vm.exc(ExcKind::IndexError, "Cannot choose from an empty sequence"));
    }
    let i = below(vm, me, pop.len());
    Ok(Action::Return(pop.at(vm, i)))
}

fn shuffle(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let x = a.arg(vm, 1, "x").unwrap_or(Value::None);
    let Value::Obj(list) = x else {
        let t = vm.type_name(x);
        return Err(vm.type_error(format!("'{t}' object does not support item assignment")));
    };
    let len = match vm.heap.get(list) {
        Obj::List(v) => v.len(),
        _ => {
            let t = vm.type_name(x);
            return Err(vm.type_error(format!("'{t}' object does not support item assignment")));
        }
    };
    let swaps = with_mt(vm, me, |mt| {
        (1..len).rev().map(|i| (i, mt.below(i as u64 + 1) as usize)).collect::<Vec<_>>()
    });
    if let Obj::List(v) = vm.heap.get_mut(list) {
        for (i, j) in swaps {
            v.swap(i, j);
        }
    }
    Ok(Action::Return(Value::None))
}

fn sample(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let population = a.arg(vm, 1, "population").unwrap_or(Value::None);
    let pop = Population::of(vm, population)?;
    let k = int_arg(vm, a.arg(vm, 2, "k"), "sample")?;
    let picks = match a.kw(vm, "counts").filter(|c| *c != Value::None) {
        None => sample_indices(vm, me, pop.len(), k)?,
        // Each item repeated `counts[i]` times: sample the repeated range, map back by bisection.
        Some(counts) => {
            let counts = vm.seq_items(counts).unwrap_or_default();
            let mut cum = Vec::with_capacity(counts.len());
            let mut total = 0i64;
            for c in counts {
                let Value::Int(c) = c else {
                    return Err(vm.type_error("Counts must be integers"));
                };
                total += c;
                cum.push(total);
            }
            if cum.len() as i64 != pop.len() {
                return Err(vm.value_error("The number of counts does not match the population"));
            }
            if total <= 0 {
                return Err(vm.value_error("Total of counts must be greater than zero"));
            }
            cum.pop();
            let picks = sample_indices(vm, me, total, k)?;
            picks.into_iter().map(|s| cum.partition_point(|&c| c <= s) as i64).collect()
        }
    };
    let items = picks.into_iter().map(|i| pop.at(vm, i)).collect();
    Ok(Action::Return(vm.new_list(items)))
}

/// `k` distinct indices below `n`, drawn as random.py's `sample` does: from a pool when `n` is small
/// next to `k`, else by rejection against a set of those taken.
fn sample_indices(vm: &mut Vm, me: ObjId, n: i64, k: i64) -> Result<Vec<i64>, Value> {
    if !(0..=n).contains(&k) {
        return Err(vm.value_error("Sample larger than population or is negative"));
    }
    let mut setsize = 21i64;
    if k > 5 {
        // 4 ** ceil(log(3k, 4)), with CPython's float log.
        setsize += 4i64.pow((libm::log((k * 3) as f64) / libm::log(4.0)).ceil() as u32);
    }
    Ok(if n <= setsize {
        with_mt(vm, me, |mt| {
            let mut pool: Vec<i64> = (0..n).collect();
            (0..k)
                .map(|i| {
                    let j = mt.below((n - i) as u64) as usize;
                    let picked = pool[j];
                    pool[j] = pool[(n - i - 1) as usize];
                    picked
                })
                .collect()
        })
    } else {
        with_mt(vm, me, |mt| {
            let mut selected = BTreeSet::new();
            (0..k)
                .map(|_| {
                    let mut j = mt.below(n as u64);
                    while !selected.insert(j) {
                        j = mt.below(n as u64);
                    }
                    j as i64
                })
                .collect()
        })
    })
}

fn choices(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let population = a.arg(vm, 1, "population").unwrap_or(Value::None);
    let pop = Population::of(vm, population)?;
    let weights = a.arg(vm, 2, "weights").filter(|w| *w != Value::None);
    let cum_weights = a.kw(vm, "cum_weights").filter(|w| *w != Value::None);
    let k = match a.kw(vm, "k") {
        Some(v) => int_arg(vm, Some(v), "choices")?.max(0),
        None => 1,
    };
    let n = pop.len();
    let cum: Vec<f64> = match (weights, cum_weights) {
        (None, None) => {
            let draws = with_mt(vm, me, |mt| (0..k).map(|_| mt.random()).collect::<Vec<_>>());
            let items = draws.into_iter().map(|r| pop.at(vm, (r * n as f64).floor() as i64)).collect();
            return Ok(Action::Return(vm.new_list(items)));
        }
        (Some(_), Some(_)) => {
            return Err(vm.type_error("Cannot specify both weights and cumulative weights"));
        }
        (Some(w), None) => {
            if let Value::Int(k) = w {
                return Err(vm.type_error(format!("The number of choices must be a keyword argument: k={k}")));
            }
            let mut total = 0.0;
            numbers(vm, w)?
                .into_iter()
                .map(|x| {
                    total += x;
                    total
                })
                .collect()
        }
        (None, Some(c)) => numbers(vm, c)?,
    };
    if cum.len() as i64 != n {
        return Err(vm.value_error("The number of weights does not match the population"));
    }
    let total = cum.last().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return Err(vm.value_error("Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(vm.value_error("Total of weights must be finite"));
    }
    let draws = with_mt(vm, me, |mt| (0..k).map(|_| mt.random()).collect::<Vec<_>>());
    let hi = cum.len() - 1;
    let items = draws
        .into_iter()
        .map(|r| {
            let x = r * total;
            // bisect_right over cum[0..hi]
            let i = cum[..hi].partition_point(|&c| c <= x);
            pop.at(vm, i as i64)
        })
        .collect();
    Ok(Action::Return(vm.new_list(items)))
}

/// The numbers of a list or tuple of ints and floats (the weights of `choices`).
fn numbers(vm: &mut Vm, v: Value) -> Result<Vec<f64>, Value> {
    let items = vm.seq_items(v).unwrap_or_default();
    items
        .into_iter()
        .map(|x| {
            vm.as_f64(x).ok_or_else(|| {
                let t = vm.type_name(x);
                vm.type_error(format!("unsupported operand type(s) for +: 'float' and '{t}'"))
            })
        })
        .collect()
}

fn float_arg(vm: &mut Vm, v: Option<Value>, default: f64) -> Result<f64, Value> {
    match v {
        None => Ok(default),
        Some(v) => vm.as_f64(v).ok_or_else(|| {
            let t = vm.type_name(v);
            vm.type_error(format!("must be real number, not {t}"))
        }),
    }
}

fn uniform(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let lo = float_arg(vm, a.arg(vm, 1, "a"), f64::NAN)?;
    let hi = float_arg(vm, a.arg(vm, 2, "b"), f64::NAN)?;
    if lo.is_nan() || hi.is_nan() {
        return Err(vm.type_error("uniform() missing required arguments: 'a' and 'b'"));
    }
    let r = with_mt(vm, me, |mt| mt.random());
    Ok(Action::Return(Value::Float(lo + (hi - lo) * r)))
}

fn gauss(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let mu = float_arg(vm, a.arg(vm, 1, "mu"), 0.0)?;
    let sigma = float_arg(vm, a.arg(vm, 2, "sigma"), 1.0)?;
    let g = vm.names.intern(GAUSS_NEXT);
    let z = match instance_attr(vm, me, g) {
        Some(Value::Float(z)) => {
            set_instance_attr(vm, me, GAUSS_NEXT, Value::None);
            z
        }
        _ => {
            let (r1, r2) = with_mt(vm, me, |mt| (mt.random(), mt.random()));
            let x2pi = r1 * std::f64::consts::TAU;
            let g2rad = (-2.0 * libm::log(1.0 - r2)).sqrt();
            set_instance_attr(vm, me, GAUSS_NEXT, Value::Float(libm::sin(x2pi) * g2rad));
            libm::cos(x2pi) * g2rad
        }
    };
    Ok(Action::Return(Value::Float(mu + z * sigma)))
}

fn triangular(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let low_arg = a.arg(vm, 1, "low");
    let mut low = float_arg(vm, low_arg, 0.0)?;
    let mut high = float_arg(vm, a.arg(vm, 2, "high"), 1.0)?;
    let mode = match a.arg(vm, 3, "mode") {
        None | Some(Value::None) => None,
        v => Some(float_arg(vm, v, 0.0)?),
    };
    let mut u = with_mt(vm, me, |mt| mt.random());
    if mode.is_some() && high == low {
        // CPython catches the ZeroDivisionError and returns `low` as given.
        return Ok(Action::Return(low_arg.unwrap_or(Value::Float(low))));
    }
    let mut c = mode.map_or(0.5, |m| (m - low) / (high - low));
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Action::Return(Value::Float(low + (high - low) * (u * c).sqrt())))
}

fn expovariate(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let lambd = float_arg(vm, a.arg(vm, 1, "lambd"), f64::NAN)?;
    if lambd.is_nan() {
        return Err(vm.type_error("expovariate() missing 1 required positional argument: 'lambd'"));
    }
    let r = with_mt(vm, me, |mt| mt.random());
    if lambd == 0.0 {
        return Err(vm.exc(ExcKind::ZeroDivisionError, "float division by zero"));
    }
    Ok(Action::Return(Value::Float(-libm::log(1.0 - r) / lambd)))
}

/// `(3, (624 words…, index), gauss_next)`, CPython's version-3 state.
fn getstate(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let words = with_mt(vm, me, |mt| (0..=N).map(|i| Value::Int(mt.get(i) as i64)).collect());
    let internal = vm.new_tuple(words);
    let g = vm.names.intern(GAUSS_NEXT);
    let spare = instance_attr(vm, me, g).unwrap_or(Value::None);
    Ok(Action::Return(vm.new_tuple(vec![Value::Int(3), internal, spare])))
}

fn setstate(vm: &mut Vm, a: Args) -> R {
    let me = me(vm, &a)?;
    let state = a.arg(vm, 1, "state").unwrap_or(Value::None);
    let parts = vm.seq_items(state).unwrap_or_default();
    let [Value::Int(3), internal, spare] = parts[..] else {
        return Err(vm.value_error("state with version 3 expected (ioplay keeps CPython's version 3)"));
    };
    let words = vm.seq_items(internal).unwrap_or_default();
    if words.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut bytes = vec![0u8; (N + 1) * 4];
    let mut mt = Mt(&mut bytes);
    for (i, w) in words.into_iter().enumerate() {
        match w {
            Value::Int(x) if (0..=u32::MAX as i64).contains(&x) => mt.set(i, x as u32),
            _ => return Err(vm.type_error("state vector items must be integers")),
        }
    }
    if mt.get(N) as usize > N {
        return Err(vm.value_error("invalid state"));
    }
    set_state(vm, me, bytes);
    set_instance_attr(vm, me, GAUSS_NEXT, spare);
    Ok(Action::Return(Value::None))
}
