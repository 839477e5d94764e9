//! `math`, as CPython 3.11's: the float functions with CPython's domain and range errors, the integer
//! functions on big ints, and the constants.
//!
//! The transcendental functions come from the `libm` crate (musl's, in Rust), not the platform's C
//! library, so a program prints the same digits natively and in the browser (the trace is the same on
//! both). glibc, which CPython uses on Linux, may differ in the last digit for a few inputs.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::builtins::big;
use crate::py::value::{ObjId, Value};
use crate::py::vm::{Action, Args, ExcKind, Vm};

type R = Result<Action, Value>;

/// The one-argument float functions: each a native that checks its result as CPython's `math_1` does.
/// The flag says whether an infinite result from a finite argument is an overflow (`OverflowError:
/// math range error`) rather than a pole (`ValueError: math domain error`).
macro_rules! unary_functions {
    ($(($name:literal, $native:ident, $f:expr, $can_overflow:literal),)*) => {
        $(fn $native(vm: &mut Vm, a: Args) -> R {
            unary(vm, a, $name, $f, $can_overflow)
        })*
        const UNARY: &[(&str, crate::py::vm::NativeFn)] = &[$((concat!("math.", $name), $native),)*];
    };
}

unary_functions![
    ("sqrt", sqrt, f64::sqrt, false),
    ("exp", exp, libm::exp, true),
    ("exp2", exp2, libm::exp2, true),
    ("expm1", expm1, libm::expm1, true),
    ("log2", log2, libm::log2, false),
    ("log10", log10, libm::log10, false),
    ("log1p", log1p, libm::log1p, false),
    ("sin", sin, libm::sin, false),
    ("cos", cos, libm::cos, false),
    ("tan", tan, libm::tan, false),
    ("asin", asin, libm::asin, false),
    ("acos", acos, libm::acos, false),
    ("atan", atan, libm::atan, false),
    ("sinh", sinh, libm::sinh, true),
    ("cosh", cosh, libm::cosh, true),
    ("tanh", tanh, libm::tanh, false),
    ("asinh", asinh, libm::asinh, false),
    ("acosh", acosh, libm::acosh, false),
    ("atanh", atanh, libm::atanh, false),
    ("cbrt", cbrt, libm::cbrt, false),
    ("fabs", fabs, f64::abs, false),
    ("degrees", degrees, f64::to_degrees, true),
    ("radians", radians, f64::to_radians, false),
];

pub fn module(vm: &mut Vm) -> ObjId {
    let m = vm.new_module("math");
    for &(name, native) in UNARY {
        vm.def_native(m, name, native);
    }
    vm.def_native(m, "math.log", log);
    vm.def_native(m, "math.pow", pow);
    vm.def_native(m, "math.atan2", atan2);
    vm.def_native(m, "math.fmod", fmod);
    vm.def_native(m, "math.copysign", copysign);
    vm.def_native(m, "math.hypot", hypot);
    vm.def_native(m, "math.modf", modf);
    vm.def_native(m, "math.floor", floor);
    vm.def_native(m, "math.ceil", ceil);
    vm.def_native(m, "math.trunc", trunc);
    vm.def_native(m, "math.isnan", isnan);
    vm.def_native(m, "math.isinf", isinf);
    vm.def_native(m, "math.isfinite", isfinite);
    vm.def_native(m, "math.isclose", isclose);
    vm.def_native(m, "math.gcd", gcd);
    vm.def_native(m, "math.lcm", lcm);
    vm.def_native(m, "math.factorial", factorial);
    vm.def_native(m, "math.isqrt", isqrt);
    vm.def_native(m, "math.comb", comb);
    vm.def_native(m, "math.perm", perm);
    for (name, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        vm.set_attr_raw(m, name, Value::Float(v));
    }
    m
}

fn ret(v: Value) -> R {
    Ok(Action::Return(v))
}

fn float(v: f64) -> R {
    ret(Value::Float(v))
}

fn domain_error(vm: &mut Vm) -> Value {
    vm.value_error("math domain error")
}

fn range_error(vm: &mut Vm) -> Value {
    vm.exc(ExcKind::OverflowError, "math range error")
}

/// Argument `i` as a float, with CPython's errors for a non-number or an int too large.
fn real(vm: &mut Vm, a: &Args, i: usize, fname: &str) -> Result<f64, Value> {
    let v = arg(vm, a, i, fname)?;
    if let Value::Float(f) = v {
        return Ok(f);
    }
    if !vm.is_int(v) {
        return Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))));
    }
    match vm.as_f64(v).filter(|f| f.is_finite()) {
        Some(f) => Ok(f),
        None => Err(vm.exc(ExcKind::OverflowError, "int too large to convert to float")),
    }
}

/// Argument `i` as an int (bools count), else CPython's TypeError for an index.
fn integer(vm: &mut Vm, a: &Args, i: usize, fname: &str) -> Result<BigInt, Value> {
    let v = arg(vm, a, i, fname)?;
    big(vm, v).ok_or_else(|| {
        let t = vm.type_name(v);
        vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
    })
}

fn arg(vm: &mut Vm, a: &Args, i: usize, fname: &str) -> Result<Value, Value> {
    a.get(i).ok_or_else(|| vm.type_error(format!("{fname}() missing required argument (pos {})", i + 1)))
}

/// Exactly `n` positional arguments, as CPython's message for a function of that many.
fn arity(vm: &mut Vm, a: &Args, n: usize, fname: &str) -> Result<(), Value> {
    let got = a.pos.len();
    if got == n && a.kw.is_empty() {
        return Ok(());
    }
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("math.{fname}() takes no keyword arguments")));
    }
    Err(vm.type_error(match n {
        1 => format!("math.{fname}() takes exactly one argument ({got} given)"),
        _ => format!("{fname} expected {n} arguments, got {got}"),
    }))
}

/// CPython's `math_1`: NaN out of a non-NaN is a domain error; an infinity out of a finite argument
/// is a range error for functions that can overflow, a domain error (a pole) for the others.
fn checked(vm: &mut Vm, x: f64, r: f64, can_overflow: bool) -> R {
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range_error(vm) } else { domain_error(vm) });
    }
    float(r)
}

fn unary(vm: &mut Vm, a: Args, fname: &str, f: fn(f64) -> f64, can_overflow: bool) -> R {
    arity(vm, &a, 1, fname)?;
    let x = real(vm, &a, 0, fname)?;
    checked(vm, x, f(x), can_overflow)
}

/// `log(x[, base])`: also for ints too large for a float, as CPython does (by their bit length).
fn log(vm: &mut Vm, a: Args) -> R {
    if a.pos.is_empty() || a.pos.len() > 2 {
        let got = a.pos.len();
        return Err(vm.type_error(format!("log expected 1 or 2 arguments, got {got}")));
    }
    let ln = |vm: &mut Vm, v: Value| -> Result<f64, Value> {
        if let Some(b) = big(vm, v) {
            if !b.is_positive() {
                return Err(domain_error(vm));
            }
            if let Some(f) = b.to_f64().filter(|f| f.is_finite()) {
                return Ok(libm::log(f));
            }
            // ln(b) = ln(b / 2^k) + k ln 2, with b / 2^k a float of full precision.
            let k = b.bits() - 64;
            let top = (b >> k).to_f64().expect("64 bits fit a float");
            return Ok(libm::log(top) + k as f64 * std::f64::consts::LN_2);
        }
        let x = match v {
            Value::Float(f) => f,
            _ => return Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v)))),
        };
        if x.is_nan() || x == f64::INFINITY {
            return Ok(x);
        }
        if x <= 0.0 {
            return Err(domain_error(vm));
        }
        Ok(libm::log(x))
    };
    let x = ln(vm, a.pos[0])?;
    match a.get(1) {
        None => float(x),
        Some(base) => {
            let b = ln(vm, base)?;
            if b == 0.0 {
                return Err(vm.exc(ExcKind::ZeroDivisionError, "float division by zero"));
            }
            float(x / b)
        }
    }
}

/// `pow(x, y)`, with C99's special cases (`pow(1, nan) == 1`) and CPython's errors.
fn pow(vm: &mut Vm, a: Args) -> R {
    arity(vm, &a, 2, "pow")?;
    let (x, y) = (real(vm, &a, 0, "pow")?, real(vm, &a, 1, "pow")?);
    let r = libm::pow(x, y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() || (x == 0.0 && y < 0.0) {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(range_error(vm));
        }
    }
    float(r)
}

fn atan2(vm: &mut Vm, a: Args) -> R {
    arity(vm, &a, 2, "atan2")?;
    let (y, x) = (real(vm, &a, 0, "atan2")?, real(vm, &a, 1, "atan2")?);
    float(libm::atan2(y, x))
}

fn fmod(vm: &mut Vm, a: Args) -> R {
    arity(vm, &a, 2, "fmod")?;
    let (x, y) = (real(vm, &a, 0, "fmod")?, real(vm, &a, 1, "fmod")?);
    if y.is_infinite() && x.is_finite() {
        return float(x);
    }
    let r = libm::fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    float(r)
}

fn copysign(vm: &mut Vm, a: Args) -> R {
    arity(vm, &a, 2, "copysign")?;
    let (x, y) = (real(vm, &a, 0, "copysign")?, real(vm, &a, 1, "copysign")?);
    float(x.copysign(y))
}

/// `hypot(*coordinates)`: infinity wins over NaN, as in CPython.
fn hypot(vm: &mut Vm, a: Args) -> R {
    if !a.kw.is_empty() {
        return Err(vm.type_error("math.hypot() takes no keyword arguments"));
    }
    let mut xs = Vec::with_capacity(a.pos.len());
    for i in 0..a.pos.len() {
        xs.push(real(vm, &a, i, "hypot")?.abs());
    }
    if xs.iter().any(|x| x.is_infinite()) {
        return float(f64::INFINITY);
    }
    if xs.iter().any(|x| x.is_nan()) {
        return float(f64::NAN);
    }
    let r = xs.iter().fold(0.0, |acc, &x| libm::hypot(acc, x));
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    float(r)
}

fn modf(vm: &mut Vm, a: Args) -> R {
    arity(vm, &a, 1, "modf")?;
    let x = real(vm, &a, 0, "modf")?;
    let (frac, whole) = if x.is_infinite() { (0.0f64.copysign(x), x) } else { libm::modf(x) };
    let t = vm.new_tuple(vec![Value::Float(frac), Value::Float(whole)]);
    ret(t)
}

/// `floor`, `ceil`, `trunc`: an int stays itself; a float becomes the int it rounds to.
fn to_int(vm: &mut Vm, a: Args, fname: &str, round: fn(f64) -> f64) -> R {
    arity(vm, &a, 1, fname)?;
    let v = a.pos[0];
    if vm.is_int(v) {
        return ret(if let Value::Bool(b) = v { Value::Int(b as i64) } else { v });
    }
    let Value::Float(x) = v else {
        let t = vm.type_name(v);
        return Err(vm.type_error(match fname {
            "trunc" => format!("type {t} doesn't define __trunc__ method"),
            _ => format!("must be real number, not {t}"),
        }));
    };
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.exc(ExcKind::OverflowError, "cannot convert float infinity to integer"));
    }
    let r = round(x);
    let b: BigInt = num_traits::FromPrimitive::from_f64(r).expect("a finite whole float is an int");
    ret(vm.int_value(b))
}

fn floor(vm: &mut Vm, a: Args) -> R {
    to_int(vm, a, "floor", f64::floor)
}

fn ceil(vm: &mut Vm, a: Args) -> R {
    to_int(vm, a, "ceil", f64::ceil)
}

fn trunc(vm: &mut Vm, a: Args) -> R {
    to_int(vm, a, "trunc", f64::trunc)
}

fn predicate(vm: &mut Vm, a: Args, fname: &str, p: fn(f64) -> bool) -> R {
    arity(vm, &a, 1, fname)?;
    let x = real(vm, &a, 0, fname)?;
    ret(Value::Bool(p(x)))
}

fn isnan(vm: &mut Vm, a: Args) -> R {
    predicate(vm, a, "isnan", f64::is_nan)
}

fn isinf(vm: &mut Vm, a: Args) -> R {
    predicate(vm, a, "isinf", f64::is_infinite)
}

fn isfinite(vm: &mut Vm, a: Args) -> R {
    predicate(vm, a, "isfinite", f64::is_finite)
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose(vm: &mut Vm, a: Args) -> R {
    if a.pos.len() != 2 {
        let got = a.pos.len();
        return Err(vm.type_error(format!("isclose() takes exactly 2 positional arguments ({got} given)")));
    }
    let (x, y) = (real(vm, &a, 0, "isclose")?, real(vm, &a, 1, "isclose")?);
    let mut tol = |name: &str, default: f64| -> Result<f64, Value> {
        match a.kw(vm, name) {
            None => Ok(default),
            Some(Value::Float(f)) => Ok(f),
            Some(v) => vm.as_f64(v).ok_or_else(|| {
                let t = vm.type_name(v);
                vm.type_error(format!("must be real number, not {t}"))
            }),
        }
    };
    let (rel, abs) = (tol("rel_tol", 1e-9)?, tol("abs_tol", 0.0)?);
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return ret(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return ret(Value::Bool(false));
    }
    let diff = (y - x).abs();
    let close = diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs;
    ret(Value::Bool(close))
}

/// The positional arguments as ints (for `gcd`, `lcm`).
fn integers(vm: &mut Vm, a: &Args, fname: &str) -> Result<Vec<BigInt>, Value> {
    if !a.kw.is_empty() {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    (0..a.pos.len()).map(|i| integer(vm, a, i, fname)).collect()
}

fn gcd(vm: &mut Vm, a: Args) -> R {
    let ns = integers(vm, &a, "gcd")?;
    let g = ns.iter().fold(BigInt::zero(), |acc, n| acc.gcd(n));
    ret(vm.int_value(g))
}

fn lcm(vm: &mut Vm, a: Args) -> R {
    let ns = integers(vm, &a, "lcm")?;
    let l = ns.iter().fold(BigInt::one(), |acc, n| if acc.is_zero() { acc } else { acc.lcm(n) });
    ret(vm.int_value(l))
}

/// An int argument that must be ≥ 0, with CPython's message naming it.
fn non_negative(vm: &mut Vm, a: &Args, i: usize, fname: &str, what: &str) -> Result<BigInt, Value> {
    let n = integer(vm, a, i, fname)?;
    if n.is_negative() {
        return Err(vm.value_error(format!("{what} must be a non-negative integer")));
    }
    Ok(n)
}

/// Product of the integers in `lo..=hi` (1 when empty).
fn product(lo: &BigInt, hi: &BigInt) -> BigInt {
    let mut acc = BigInt::one();
    let mut i = lo.clone();
    while &i <= hi {
        acc *= &i;
        i += 1;
    }
    acc
}

fn factorial(vm: &mut Vm, a: Args) -> R {
    arity(vm, &a, 1, "factorial")?;
    let n = integer(vm, &a, 0, "factorial")?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    if n > BigInt::from(100_000) {
        return Err(vm.exc(ExcKind::OverflowError, "factorial() argument should not exceed 100000"));
    }
    let f = product(&BigInt::one(), &n);
    ret(vm.int_value(f))
}

fn isqrt(vm: &mut Vm, a: Args) -> R {
    arity(vm, &a, 1, "isqrt")?;
    let n = integer(vm, &a, 0, "isqrt")?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    let r = n.sqrt();
    ret(vm.int_value(r))
}

/// `perm(n, k=None)`: n! / (n-k)!, 0 when k > n.
fn perm(vm: &mut Vm, a: Args) -> R {
    if a.pos.is_empty() || a.pos.len() > 2 {
        let got = a.pos.len();
        return Err(vm.type_error(format!("perm expected at most 2 arguments, got {got}")));
    }
    let n = non_negative(vm, &a, 0, "perm", "n")?;
    let k = match a.get(1) {
        None | Some(Value::None) => n.clone(),
        Some(_) => non_negative(vm, &a, 1, "perm", "k")?,
    };
    if k > n {
        return ret(Value::Int(0));
    }
    let p = product(&(&n - &k + 1), &n);
    ret(vm.int_value(p))
}

/// `comb(n, k)`: n! / (k! (n-k)!), 0 when k > n.
fn comb(vm: &mut Vm, a: Args) -> R {
    arity(vm, &a, 2, "comb")?;
    let n = non_negative(vm, &a, 0, "comb", "n")?;
    let k = non_negative(vm, &a, 1, "comb", "k")?;
    if k > n {
        return ret(Value::Int(0));
    }
    let k = k.clone().min(&n - &k);
    let c = product(&(&n - &k + 1), &n) / product(&BigInt::one(), &k);
    ret(vm.int_value(c))
}
